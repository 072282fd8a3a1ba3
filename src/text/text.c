/* Loading a report's text: decode whatever encoding the file is in to
 * UTF-8 (never failing on a bad byte: it becomes U+FFFD and is counted),
 * refuse what is not text, and index the lines. The decoded text keeps
 * the source's own line breaks; only a byte order mark is dropped. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nianbao/buf.h"
#include "nianbao/sha256.h"
#include "nianbao/text.h"
#include "nianbao/utf8.h"

/* ---- a growing output buffer ---------------------------------------- */

typedef struct outbuf {
    nb_buf b;                 /* the text; b.failed: out of memory */
    size_t invalid;           /* replacements made */
    size_t first_invalid_off; /* output offset of the first, SIZE_MAX if none */
} outbuf;

static bool outbuf_reserve(outbuf *o, size_t more) { return nb_buf_reserve(&o->b, more); }

static void outbuf_put_cp(outbuf *o, int32_t cp) {
    char utf8[4];
    nb_buf_add(&o->b, utf8, nb_utf8_put(utf8, cp));
}

static void outbuf_put_bytes(outbuf *o, const char *s, size_t n) { nb_buf_add(&o->b, s, n); }

static void outbuf_put_invalid(outbuf *o) {
    if (o->invalid++ == 0) o->first_invalid_off = o->b.len;
    outbuf_put_cp(o, 0xFFFD);
}

/* ---- decoders ------------------------------------------------------- */

/* Statistics of the bytes read as UTF-8, to decide between UTF-8 and GBK. */
typedef struct utf8_stats {
    size_t multibyte; /* valid sequences of 2..4 bytes */
    size_t multibyte_bytes; /* the bytes they take */
    size_t invalid;   /* bytes that start no valid sequence */
    size_t controls;  /* ASCII bytes is_binary_control counts */
} utf8_stats;

static bool is_binary_control(int32_t c);

/* One pass over bytes read as UTF-8. When none is invalid the text is
 * the bytes themselves, and these counts are its characters and stray
 * controls: the decoder need not walk it again. */
static utf8_stats utf8_scan(const char *s, size_t n) {
    utf8_stats st = {0, 0, 0, 0};
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            if (is_binary_control((unsigned char)s[i])) st.controls++;
            i++;
            continue;
        }
        int32_t cp;
        size_t k = nb_utf8_next(s + i, n - i, &cp);
        if (k == 1) st.invalid++;
        else {
            st.multibyte++;
            st.multibyte_bytes += k;
        }
        i += k;
    }
    return st;
}

static void decode_utf8(const char *s, size_t n, outbuf *o) {
    outbuf_reserve(o, n);
    size_t run = 0; /* start of a run of valid bytes not yet copied */
    for (size_t i = 0; i < n;) {
        if ((unsigned char)s[i] < 0x80) {
            i++;
            continue;
        }
        int32_t cp;
        size_t k = nb_utf8_next(s + i, n - i, &cp);
        if (k == 1 && cp == 0xFFFD) {
            outbuf_put_bytes(o, s + run, i - run);
            outbuf_put_invalid(o);
            run = i + 1;
        }
        i += k;
    }
    outbuf_put_bytes(o, s + run, n - run);
}

static void decode_utf16(const unsigned char *s, size_t n, bool big_endian, outbuf *o) {
    outbuf_reserve(o, n + n / 2);
    size_t i = 0;
    for (; i + 1 < n; i += 2) {
        uint32_t u = big_endian ? (uint32_t)(s[i] << 8 | s[i + 1]) : (uint32_t)(s[i + 1] << 8 | s[i]);
        if (u >= 0xD800 && u <= 0xDBFF && i + 3 < n) {
            uint32_t u2 = big_endian ? (uint32_t)(s[i + 2] << 8 | s[i + 3])
                                     : (uint32_t)(s[i + 3] << 8 | s[i + 2]);
            if (u2 >= 0xDC00 && u2 <= 0xDFFF) {
                outbuf_put_cp(o, (int32_t)(0x10000 + ((u - 0xD800) << 10) + (u2 - 0xDC00)));
                i += 2;
                continue;
            }
        }
        if (u >= 0xD800 && u <= 0xDFFF) outbuf_put_invalid(o); /* unpaired surrogate */
        else outbuf_put_cp(o, (int32_t)u);
    }
    if (i < n) outbuf_put_invalid(o); /* a dangling odd byte */
}

/* GB18030 (a superset of GBK and GB2312) through iconv. A byte iconv
 * cannot convert becomes U+FFFD and decoding goes on after it. Returns
 * false only when the system has no GB18030 converter. */
static bool decode_gb18030(const char *s, size_t n, outbuf *o) {
    iconv_t cd = iconv_open("UTF-8", "GB18030");
    if (cd == (iconv_t)-1) return false;
    char *in = (char *)s; /* iconv's prototype wants it non-const */
    size_t inleft = n;
    while (inleft > 0 && !o->b.failed) {
        if (!outbuf_reserve(o, inleft * 2 + 16)) break;
        char *outp = o->b.data + o->b.len;
        size_t outleft = o->b.cap - o->b.len - 1;
        size_t r = iconv(cd, &in, &inleft, &outp, &outleft);
        o->b.len = (size_t)(outp - o->b.data);
        if (r != (size_t)-1) break;
        if (errno == E2BIG) continue;
        /* EILSEQ or EINVAL (a sequence cut off at the end): skip one byte */
        outbuf_put_invalid(o);
        in++;
        inleft--;
        iconv(cd, NULL, NULL, NULL, NULL);
    }
    iconv_close(cd);
    return true;
}

/* ---- what is not text ----------------------------------------------- */

/* Control characters that never occur in a text report (all C0 controls
 * but tab, line feed, vertical tab, form feed and carriage return; DEL). */
static bool is_binary_control(int32_t c) {
    return (c < 0x20 && c != '\t' && c != '\n' && c != '\v' && c != '\f' && c != '\r') ||
           c == 0x7F;
}

/* More than one character in ten a stray control: not a report. */
static bool mostly_controls(size_t controls, size_t total) { return controls * 10 > total; }

static size_t count_controls_utf8(const char *s, size_t n, size_t *chars) {
    size_t controls = 0, count = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        i += nb_utf8_next(s + i, n - i, &cp);
        count++;
        if (is_binary_control(cp)) controls++;
    }
    *chars = count;
    return controls;
}

/* ---- line index ----------------------------------------------------- */

/* A line break is \n, \r\n or a lone \r. A break at the very end of the
 * text ends the last line; it does not start an empty one. */
static int index_lines(nb_text *t) {
    size_t cap = 64, n = 0;
    size_t *starts = malloc(cap * sizeof *starts);
    if (!starts) return -1;
    starts[n++] = 0;
    const char *s = t->utf8;
    /* most texts break lines with \n alone: then memchr finds each break */
    bool has_cr = memchr(s, '\r', t->len) != NULL;
    for (size_t i = 0; i < t->len; i++) {
        if (!has_cr) {
            const char *nl = memchr(s + i, '\n', t->len - i);
            if (!nl) break;
            i = (size_t)(nl - s);
        } else if (s[i] != '\n' && s[i] != '\r') {
            continue;
        }
        if (s[i] == '\r' && i + 1 < t->len && s[i + 1] == '\n') i++;
        if (i + 1 >= t->len) break;
        if (n == cap) {
            size_t *grown = realloc(starts, 2 * cap * sizeof *starts);
            if (!grown) {
                free(starts);
                return -1;
            }
            starts = grown;
            cap *= 2;
        }
        starts[n++] = i + 1;
    }
    t->line_start = starts;
    t->nlines = n;
    return 0;
}

size_t nb_text_line_of(const nb_text *t, size_t off) {
    if (!t->line_start || t->nlines == 0) return 0;
    size_t lo = 0, hi = t->nlines; /* the answer is in [lo, hi) */
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (t->line_start[mid] <= off) lo = mid;
        else hi = mid;
    }
    return lo;
}

void nb_text_line_bounds(const nb_text *t, size_t i, size_t *start, size_t *end) {
    if (!t->line_start || i >= t->nlines) {
        *start = *end = t->len;
        return;
    }
    size_t b = t->line_start[i];
    size_t e = i + 1 < t->nlines ? t->line_start[i + 1] : t->len;
    if (e > b && t->utf8[e - 1] == '\n') e--;
    if (e > b && t->utf8[e - 1] == '\r') e--;
    *start = b;
    *end = e;
}

size_t nb_text_column_of(const nb_text *t, size_t off) {
    if (off > t->len) off = t->len;
    size_t start = t->line_start ? t->line_start[nb_text_line_of(t, off)] : 0;
    size_t col = 1;
    for (size_t i = start; i < off;) {
        int32_t cp;
        i += nb_utf8_next(t->utf8 + i, t->len - i, &cp);
        col++;
    }
    return col;
}

int nb_text_display_column_of(const nb_text *t, size_t off, int tabstop) {
    if (off > t->len) off = t->len;
    size_t start = t->line_start ? t->line_start[nb_text_line_of(t, off)] : 0;
    return nb_display_column(t->utf8 + start, off - start, tabstop);
}

/* ---- loading -------------------------------------------------------- */

void nb_text_free(nb_text *t) {
    if (!t) return;
    free(t->utf8);
    free(t->line_start);
    free(t->folded); /* one block (fold.h) */
    memset(t, 0, sizeof *t);
}

/* What decoding gives: the text, its encoding, and when one pass has
 * already counted them, its characters and stray controls. */
typedef struct decoded {
    outbuf o;
    const char *encoding;
    bool bom;
    bool counted;
    size_t chars, controls;
} decoded;

static int refuse_nul(const char *what_has_it, nb_error *err) {
    nb_error_set(err, EINVAL, "%s", what_has_it);
    return -1;
}

/* What binary input looks like, from its first bytes, and what to do
 * about it; NULL when nothing is recognised. */
static const char *binary_kind(const char *raw, size_t n) {
    static const struct {
        const char *magic;
        size_t len;
        const char *what;
    } kinds[] = {
        {"PK\x03\x04", 4, N_("it looks like a ZIP archive, perhaps a Word .docx or Excel .xlsx file: "
                              "open it and save the report as a web page, a PDF or text")},
        {"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", 8,
         N_("it looks like an old Word or Excel file (.doc, .xls): open it and save the report as "
            "a web page, a PDF or text")},
        {"\x89PNG", 4, N_("it looks like an image (PNG): use the report's web page, PDF or text")},
        {"\xff\xd8\xff", 3, N_("it looks like an image (JPEG): use the report's web page, PDF or text")},
        {"GIF8", 4, N_("it looks like an image (GIF): use the report's web page, PDF or text")},
        {"\x7f" "ELF", 4, N_("it looks like a program, not a report")},
    };
    for (size_t i = 0; i < sizeof kinds / sizeof kinds[0]; i++)
        if (n >= kinds[i].len && memcmp(raw, kinds[i].magic, kinds[i].len) == 0) return _(kinds[i].what);
    /* UTF-16 without a byte order mark: every other byte of ASCII is NUL. */
    size_t even = 0, odd = 0, pairs = n / 2 < 4096 ? n / 2 : 4096;
    for (size_t i = 0; i < pairs; i++) {
        even += raw[2 * i] == '\0';
        odd += raw[2 * i + 1] == '\0';
    }
    if (pairs >= 2 && (odd * 10 >= pairs * 3 || even * 10 >= pairs * 3) && (odd == 0 || even == 0 || odd > 4 * even || even > 4 * odd))
        return odd > even ? _("it looks like UTF-16 text without a byte order mark: convert it to UTF-8 "
                              "first (iconv -f UTF-16LE -t UTF-8)")
                          : _("it looks like UTF-16 text without a byte order mark: convert it to UTF-8 "
                              "first (iconv -f UTF-16BE -t UTF-8)");
    return NULL;
}

static int decode_utf16_text(const unsigned char *u, size_t n, decoded *d, nb_error *err) {
    d->encoding = u[0] == 0xFF ? "UTF-16LE" : "UTF-16BE";
    d->bom = true;
    decode_utf16(u + 2, n - 2, u[0] == 0xFE, &d->o);
    if (!d->o.b.failed && d->o.b.len > 0 && memchr(d->o.b.data, '\0', d->o.b.len)) {
        free(d->o.b.data);
        return refuse_nul(_("the input is binary data, not text (it contains NUL characters)"), err);
    }
    return 0;
}

/* UTF-8, or GB18030 when the bytes say so (below). */
static int decode_8bit_bytes(const char *raw, size_t n, decoded *d);

/* A NUL now and then in a report (a bad copy, a broken editor) is a byte
 * that is not text: replaced and reported like any other. More than one
 * in this many bytes is binary data, or UTF-16 without a byte order mark. */
#define STRAY_NUL_PER_BYTES 100

static int decode_8bit(const char *raw, size_t n, decoded *d, nb_error *err) {
    size_t nuls = 0;
    for (const char *p = raw, *end = raw + n; (p = memchr(p, '\0', (size_t)(end - p))) != NULL; p++)
        nuls++;
    if (nuls == 0) return decode_8bit_bytes(raw, n, d);
    if (nuls > n / STRAY_NUL_PER_BYTES) {
        const char *kind = binary_kind(raw, n);
        if (kind) {
            nb_error_set(err, EINVAL, _("the input is binary data, not text (it contains NUL bytes): %s"), kind);
            return -1;
        }
        return refuse_nul(_("the input is binary data, not text (it contains NUL bytes); if it is "
                            "UTF-16 text without a byte order mark, convert it to UTF-8 first"),
                          err);
    }
    /* each NUL becomes a byte no decoder reads as text, which it then
     * replaces and counts */
    char *copy = malloc(n);
    if (!copy) {
        nb_error_set(err, ENOMEM, _("out of memory while decoding the input"));
        return -1;
    }
    for (size_t i = 0; i < n; i++) copy[i] = raw[i] ? raw[i] : (char)0xFF;
    int rc = decode_8bit_bytes(copy, n, d);
    free(copy);
    return rc;
}

/* UTF-8, or GB18030 when the bytes say so, of bytes without NUL. */
static int decode_8bit_bytes(const char *raw, size_t n, decoded *d) {
    utf8_stats st = utf8_scan(raw, n);
    /* GBK text is almost never valid UTF-8 (read as UTF-8, about 85% of
     * the non-ASCII bytes of real reports are invalid), while a UTF-8
     * file with a few damaged bytes still has mostly valid sequences.
     * Read as GB18030 only when at least a third are invalid and
     * GB18030 explains the bytes better. */
    if (st.invalid > 0 && st.invalid * 3 >= st.invalid + st.multibyte) {
        outbuf gb = {{NULL, 0, 0, false}, 0, SIZE_MAX};
        if (decode_gb18030(raw, n, &gb) && !gb.b.failed && gb.invalid < st.invalid) {
            d->o = gb;
            d->encoding = "GB18030";
            return 0;
        }
        free(gb.b.data);
    }
    if (st.invalid > 0) {
        decode_utf8(raw, n, &d->o);
        return 0;
    }
    /* valid UTF-8: the text is the bytes, already counted */
    outbuf_put_bytes(&d->o, raw, n);
    d->counted = true;
    d->chars = n - st.multibyte_bytes + st.multibyte;
    d->controls = st.controls;
    return 0;
}

/* Decoded text that is mostly control characters is binary data. */
static int refuse_binary(decoded *d, nb_error *err) {
    if (!d->counted) d->controls = count_controls_utf8(d->o.b.data, d->o.b.len, &d->chars);
    if (!mostly_controls(d->controls, d->chars)) return 0;
    free(d->o.b.data);
    nb_error_set(err, EINVAL,
                 _("the input is binary data, not text (%zu of its %zu characters are control "
                   "characters)"),
                 d->controls, d->chars);
    return -1;
}

int nb_text_decode(const char *raw, size_t n, nb_text *out, nb_error *err) {
    memset(out, 0, sizeof *out);
    if (!raw || n == 0) {
        nb_error_set(err, EINVAL, _("the input is empty"));
        return -1;
    }
    if (n > NB_TEXT_MAX_BYTES) {
        nb_error_set(err, EFBIG, _("the input is too large (%zu bytes; at most %zu are read)"), n,
                     NB_TEXT_MAX_BYTES);
        return -1;
    }
    const unsigned char *u = (const unsigned char *)raw;
    decoded d = {{{NULL, 0, 0, false}, 0, SIZE_MAX}, "UTF-8", false, false, 0, 0};
    int rc;
    if (n >= 2 && ((u[0] == 0xFF && u[1] == 0xFE) || (u[0] == 0xFE && u[1] == 0xFF))) {
        rc = decode_utf16_text(u, n, &d, err);
    } else {
        d.bom = n >= 3 && u[0] == 0xEF && u[1] == 0xBB && u[2] == 0xBF;
        rc = d.bom ? decode_8bit(raw + 3, n - 3, &d, err) : decode_8bit(raw, n, &d, err);
    }
    if (rc != 0) return -1;
    if (d.o.b.failed) {
        free(d.o.b.data);
        nb_error_set(err, ENOMEM, _("out of memory while decoding the input"));
        return -1;
    }
    if (d.o.b.len == 0) {
        free(d.o.b.data);
        nb_error_set(err, EINVAL, _("the input holds no text (only a byte order mark)"));
        return -1;
    }
    if (refuse_binary(&d, err) != 0) return -1;
    d.o.b.data[d.o.b.len] = '\0';
    out->utf8 = d.o.b.data;
    out->len = d.o.b.len;
    snprintf(out->encoding, sizeof out->encoding, "%s", d.encoding);
    out->had_bom = d.bom;
    out->invalid_count = d.o.invalid;
    if (index_lines(out) != 0) {
        nb_text_free(out);
        nb_error_set(err, ENOMEM, _("out of memory while indexing lines"));
        return -1;
    }
    out->first_invalid_line = d.o.invalid ? nb_text_line_of(out, d.o.first_invalid_off) + 1 : 0;
    return 0;
}

int nb_text_from_bytes(const char *raw, size_t n, nb_text *out, nb_error *err) {
    if (nb_text_decode(raw, n, out, err) != 0) return -1;
    /* The hash is of the bytes as given, BOM included. */
    nb_sha256(raw, n, out->sha256);
    return 0;
}

int nb_text_load_file(const char *path, nb_text *out, nb_error *err) {
    memset(out, 0, sizeof *out);
    int fd = open(path, O_RDONLY);
    if (fd < 0) {
        int e = errno;
        nb_error_set(err, e, _("cannot open %s: %s"), path, strerror(e));
        return -1;
    }
    struct stat sb;
    if (fstat(fd, &sb) != 0) {
        int e = errno;
        close(fd);
        nb_error_set(err, e, _("cannot read %s: %s"), path, strerror(e));
        return -1;
    }
    if (S_ISDIR(sb.st_mode)) {
        close(fd);
        nb_error_set(err, EISDIR, _("cannot read %s: %s"), path, strerror(EISDIR));
        return -1;
    }
    if (S_ISREG(sb.st_mode) && (uintmax_t)sb.st_size > NB_TEXT_MAX_BYTES) {
        close(fd);
        nb_error_set(err, EFBIG, _("%s is too large (%jd bytes; at most %zu are read)"), path,
                     (intmax_t)sb.st_size, NB_TEXT_MAX_BYTES);
        return -1;
    }
    /* Read to the end rather than trusting st_size: pipes and files that
     * grow while being read are handled the same way. */
    size_t cap = S_ISREG(sb.st_mode) && sb.st_size > 0 ? (size_t)sb.st_size + 1 : 65536;
    size_t len = 0;
    char *buf = malloc(cap);
    if (!buf) {
        close(fd);
        nb_error_set(err, ENOMEM, _("cannot read %s: %s"), path, strerror(ENOMEM));
        return -1;
    }
    for (;;) {
        if (len == cap) {
            if (cap > NB_TEXT_MAX_BYTES) break;
            char *grown = realloc(buf, cap * 2);
            if (!grown) {
                free(buf);
                close(fd);
                nb_error_set(err, ENOMEM, _("cannot read %s: %s"), path, strerror(ENOMEM));
                return -1;
            }
            buf = grown;
            cap *= 2;
        }
        ssize_t r = read(fd, buf + len, cap - len);
        if (r < 0) {
            if (errno == EINTR) continue;
            int e = errno;
            free(buf);
            close(fd);
            nb_error_set(err, e, _("cannot read %s: %s"), path, strerror(e));
            return -1;
        }
        if (r == 0) break;
        len += (size_t)r;
    }
    close(fd);
    if (len > NB_TEXT_MAX_BYTES) {
        free(buf);
        nb_error_set(err, EFBIG, _("%s is too large (more than %zu bytes)"), path,
                     NB_TEXT_MAX_BYTES);
        return -1;
    }
    nb_error inner;
    nb_error_clear(&inner);
    int rc = nb_text_from_bytes(buf, len, out, &inner);
    free(buf);
    if (rc != 0) {
        /* TRANSLATORS: a file name, then why it cannot be used. */
        nb_error_set(err, inner.code, _("%s: %s"), path, inner.message);
        return -1;
    }
    return 0;
}
