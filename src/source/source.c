/* The seam where an original enters: read the bytes (a file or standard
 * input), choose the source by content, hand the bytes to that source's
 * reader and stamp the result with the SHA-256 of the original bytes. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "nianbao/fileio.h"
#include "nianbao/html.h"
#include "nianbao/pdf.h"
#include "nianbao/sha256.h"
#include "nianbao/source.h"

/* How far into the bytes markup is looked for: a saved page's <html> or
 * <table> comes after at most a BOM, a doctype, comments and a crawler's
 * header; 4 KiB is well past all of them and keeps sniffing cheap. */
#define SNIFF_BYTES 4096

static const char *const kind_names[NB_SOURCE_KIND_COUNT] = {"text", "html", "pdf"};

const char *nb_source_kind_name(nb_source_kind kind) {
    return (unsigned)kind < NB_SOURCE_KIND_COUNT ? kind_names[kind] : kind_names[0];
}

int nb_source_kind_from_name(const char *name) {
    for (int k = 0; k < NB_SOURCE_KIND_COUNT; k++)
        if (name && !strcmp(name, kind_names[k])) return k;
    return -1;
}

/* Case-insensitive search for a tag (an ASCII needle opening with '<')
 * in raw bytes: only where a '<' stands is there anything to compare. */
static bool has_markup(const char *raw, size_t n, const char *needle) {
    size_t k = strlen(needle);
    for (const char *p = raw, *end = raw + n; (p = memchr(p, '<', (size_t)(end - p))) != NULL; p++)
        if ((size_t)(end - p) >= k && !strncasecmp(p, needle, k)) return true;
    return false;
}

/* A UTF-16 text's ASCII projection (the low byte of each unit), enough
 * to tell a saved page from text: "<\0h\0t\0m\0l\0" becomes "<html". */
static size_t utf16_ascii(const char *raw, size_t n, bool little_endian, char *out, size_t cap) {
    size_t k = 0;
    for (size_t i = 2; i + 1 < n && k + 1 < cap; i += 2) {
        unsigned char lo = (unsigned char)raw[i + !little_endian], hi = (unsigned char)raw[i + little_endian];
        out[k++] = hi == 0 && lo < 0x80 && lo != 0 ? (char)lo : '?';
    }
    out[k] = '\0';
    return k;
}

nb_source_kind nb_source_sniff(const char *raw, size_t n) {
    if (n >= 2 && ((unsigned char)raw[0] == 0xFF || (unsigned char)raw[0] == 0xFE) &&
        (unsigned char)raw[1] == ((unsigned char)raw[0] ^ 0x01)) {
        char ascii[SNIFF_BYTES + 1];
        size_t k = utf16_ascii(raw, n, (unsigned char)raw[0] == 0xFF, ascii, sizeof ascii);
        nb_source_kind kind = nb_source_sniff(ascii, k);
        return kind == NB_SOURCE_HTML ? kind : NB_SOURCE_TEXT;
    }
    size_t skip = n >= 3 && !memcmp(raw, "\xEF\xBB\xBF", 3) ? 3 : 0;
    /* A PDF's header may follow a little junk (the spec allows it in the
     * first 1024 bytes); text reports never hold "%PDF-" that early. */
    size_t pdf_window = n < 1024 ? n : 1024;
    for (size_t i = 0; i + 5 <= pdf_window; i++)
        if (!memcmp(raw + i, "%PDF-", 5)) return NB_SOURCE_PDF;
    size_t window = n - skip < SNIFF_BYTES ? n - skip : SNIFF_BYTES;
    const char *p = raw + skip;
    size_t lead = 0; /* markup must open the file, after white space */
    while (lead < window && strchr(" \t\r\n", p[lead])) lead++;
    /* a page opens with markup; a crawler's saved copy may put a line of
     * its own (the address, a date) before <html>, which text never has */
    if (has_markup(p, window, "<html") || has_markup(p, window, "<!doctype html"))
        return NB_SOURCE_HTML;
    if (lead < window && p[lead] == '<' &&
        (has_markup(p, window, "<table") || has_markup(p, window, "<body") ||
         has_markup(p, window, "<meta")))
        return NB_SOURCE_HTML;
    return NB_SOURCE_TEXT;
}

/* The readers by kind. A kind whose reader is not built in is read as
 * text, as nianbao has always done (the text loader says what it sees). */
static nb_source_reader reader_of(nb_source_kind kind) {
    switch (kind) {
    case NB_SOURCE_PDF:
        return nb_pdf_read;
    case NB_SOURCE_HTML:
        return nb_html_read;
    case NB_SOURCE_TEXT:
    default:
        return nb_text_decode;
    }
}

static int from_bytes(const char *raw, size_t n, nb_load_flags flags, nb_text *out,
                      nb_source_kind *kind, nb_error *err) {
    memset(out, 0, sizeof *out);
    nb_source_kind k = raw && n ? nb_source_sniff(raw, n) : NB_SOURCE_TEXT;
    nb_source_reader read = reader_of(k);
    if (read == nb_text_decode) k = NB_SOURCE_TEXT;
    if (read(raw, n, out, err) != 0) return -1;
    if (raw && n && !(flags & NB_LOAD_NO_HASH)) nb_sha256(raw, n, out->sha256);
    if (kind) *kind = k;
    return 0;
}

int nb_source_from_bytes(const char *raw, size_t n, nb_text *out, nb_source_kind *kind,
                         nb_error *err) {
    return from_bytes(raw, n, NB_LOAD_DEFAULT, out, kind, err);
}

/* Standard input to the end, bounded like a file. */
static int read_stdin(char **out, size_t *outlen, nb_error *err) {
    size_t cap = 65536, len = 0;
    char *buf = malloc(cap + 1);
    for (;;) {
        if (!buf) {
            nb_error_set(err, ENOMEM, _("out of memory reading %s"), _("standard input"));
            return -1;
        }
        if (len == cap) {
            if (cap > NB_TEXT_MAX_BYTES) break;
            char *grown = realloc(buf, cap * 2 + 1);
            if (!grown) free(buf);
            buf = grown;
            cap *= 2;
            continue;
        }
        ssize_t r = read(STDIN_FILENO, buf + len, cap - len);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            int e = errno;
            free(buf);
            nb_error_set(err, e, _("cannot read %s: %s"), _("standard input"), strerror(e));
            return -1;
        }
        if (r == 0) break;
        len += (size_t)r;
    }
    if (len > NB_TEXT_MAX_BYTES) {
        free(buf);
        nb_error_set(err, EFBIG, _("%s is larger than %zu bytes; refusing to read it"),
                     _("standard input"), NB_TEXT_MAX_BYTES);
        return -1;
    }
    buf[len] = '\0';
    *out = buf;
    *outlen = len;
    return 0;
}

int nb_source_load(const char *path, nb_text *out, nb_source_kind *kind, nb_error *err) {
    return nb_source_read(path, NB_LOAD_DEFAULT, out, kind, err);
}

int nb_source_read(const char *path, nb_load_flags flags, nb_text *out, nb_source_kind *kind,
                   nb_error *err) {
    memset(out, 0, sizeof *out);
    char *raw = NULL;
    size_t n = 0;
    bool is_stdin = !strcmp(path, "-");
    int rc = is_stdin ? read_stdin(&raw, &n, err)
                      : nb_file_read(path, NB_TEXT_MAX_BYTES, &raw, &n, err);
    if (rc != 0) return -1;
    nb_error inner;
    nb_error_clear(&inner);
    rc = from_bytes(raw, n, flags, out, kind, &inner);
    free(raw);
    if (rc != 0) {
        /* TRANSLATORS: a file name, then why it cannot be used. */
        nb_error_set(err, inner.code, _("%s: %s"), is_stdin ? _("standard input") : path,
                     inner.message);
        return -1;
    }
    return 0;
}
