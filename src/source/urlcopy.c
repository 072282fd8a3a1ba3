/* The exact copy of a fetched original: its name, made from the address
 * so that a reviewer recognises it in a folder and the next run of the
 * same address finds it, and keeping it. Why a copy at all: a page on
 * an agency's site changes or vanishes; the review's sign-off must stay
 * checkable on the bytes that were reviewed, offline. */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include <curl/curl.h>

#include "nianbao/buf.h"
#include "nianbao/fileio.h"
#include "nianbao/sha256.h"
#include "nianbao/url.h"
#include "nianbao/libs.h"

/* A name's stem stays under this many bytes (far below any file
 * system's 255, with room for "-N" and the extension). */
#define STEM_MAX 100
/* Hex digits of the address's SHA-256 that end a cut name. */
#define CUT_HASH_DIGITS 16
/* Copies of one address with different bytes kept side by side before
 * nianbao asks the reviewer to tidy the folder. */
#define MAX_COPIES 99

static const char *extension_of(nb_source_kind kind) {
    switch (kind) {
    case NB_SOURCE_PDF: return ".pdf";
    case NB_SOURCE_HTML: return ".html";
    default: return ".txt";
    }
}

/* Add `s` to the name: bytes outside [A-Za-z0-9._-] as '_', one '_' for
 * a run of them, letters in lower case when `lower`. A byte of a
 * character beyond ASCII is written as '_' and its hex digits, as its
 * percent-encoding would be, so that /年报.html and /%E5%B9%B4%E6%8A%A5.html
 * give one name and two such pages of one site never share it. */
static void add_sanitised(nb_buf *b, const char *s, bool lower) {
    for (; *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) {
            char hex[4];
            snprintf(hex, sizeof hex, "_%02X", c);
            nb_buf_add_str(b, nb_buf_last(b) == '_' ? hex + 1 : hex);
            continue;
        }
        bool keep = isalnum(c) || c == '.' || c == '_' || c == '-';
        char out = keep ? (char)(lower ? tolower(c) : c) : '_';
        if (out == '_' && nb_buf_last(b) == '_') continue;
        nb_buf_add(b, &out, 1);
    }
}

/* The path without its slashes at either end and without an ending a
 * page or a document has of its own (".htm", ".shtml", ".pdf"), which
 * the copy's extension replaces. malloc'd. */
static char *path_stem(const char *path) {
    static const char *const endings[] = {".html", ".htm", ".shtml", ".xhtml", ".pdf", ".txt"};
    while (*path == '/') path++;
    size_t n = strlen(path);
    while (n > 0 && path[n - 1] == '/') n--;
    for (size_t i = 0; i < sizeof endings / sizeof *endings; i++) {
        size_t k = strlen(endings[i]);
        if (n > k && !strncasecmp(path + n - k, endings[i], k)) {
            n -= k;
            break;
        }
    }
    return strndup(path, n);
}

/* HOST[_PORT][-PATH][_QUERY] as the address gives them; NULL when it
 * cannot be parsed. */
static char *raw_stem(const char *url) {
    if (nb_libs_curl(NULL) != 0) return NULL;
    CURLU *u = nb_curl.curl_url();
    char *host = NULL, *port = NULL, *path = NULL, *query = NULL, *stem = NULL;
    if (!u || nb_curl.curl_url_set(u, CURLUPART_URL, url, 0) != CURLUE_OK ||
        nb_curl.curl_url_get(u, CURLUPART_HOST, &host, 0) != CURLUE_OK)
        goto done;
    nb_curl.curl_url_get(u, CURLUPART_PORT, &port, 0);
    nb_curl.curl_url_get(u, CURLUPART_PATH, &path, 0);
    nb_curl.curl_url_get(u, CURLUPART_QUERY, &query, 0);
    char *p = path ? path_stem(path) : strdup("");
    nb_buf b = {0};
    add_sanitised(&b, host, true);
    if (port) {
        nb_buf_add_str(&b, "_");
        add_sanitised(&b, port, false);
    }
    if (p && *p) {
        nb_buf_add_str(&b, "-");
        add_sanitised(&b, p, false);
    }
    if (query && *query) {
        nb_buf_add_str(&b, "_");
        add_sanitised(&b, query, false);
    }
    if (p) stem = nb_buf_take(&b, NULL);
    else nb_buf_free(&b);
    free(p);
done:
    nb_curl.curl_free(host);
    nb_curl.curl_free(port);
    nb_curl.curl_free(path);
    nb_curl.curl_free(query);
    nb_curl.curl_url_cleanup(u);
    return stem;
}

/* For an address whose parts cannot be told apart (libcurl's parser
 * refuses it, though the transfer took it): "web-" and its hash. */
static char *hashed_stem(const char *url) {
    unsigned char d[32];
    char hex[65], *stem = malloc(sizeof "web-" + CUT_HASH_DIGITS);
    if (!stem) return NULL;
    nb_sha256(url, strlen(url), d);
    nb_sha256_hex(d, hex);
    snprintf(stem, sizeof "web-" + CUT_HASH_DIGITS, "web-%.*s", CUT_HASH_DIGITS, hex);
    return stem;
}

char *nb_url_copy_name(const char *url, nb_source_kind kind) {
    if (!nb_url_is_web(url)) return NULL;
    char *stem = raw_stem(url);
    if (!stem) stem = hashed_stem(url);
    if (!stem) return NULL;
    /* Never a hidden file, never "." or "..": the name opens with a
     * letter, a digit or '_'. */
    if (stem[0] == '.' || stem[0] == '-') stem[0] = '_';
    size_t n = strlen(stem);
    while (n > 1 && (stem[n - 1] == '_' || stem[n - 1] == '.' || stem[n - 1] == '-')) stem[--n] = '\0';
    nb_buf b = {0};
    if (n > STEM_MAX) {
        unsigned char d[32];
        char hex[65];
        nb_sha256(url, strlen(url), d);
        nb_sha256_hex(d, hex);
        nb_buf_add(&b, stem, STEM_MAX - CUT_HASH_DIGITS - 1);
        nb_buf_add_str(&b, "-");
        nb_buf_add(&b, hex, CUT_HASH_DIGITS);
    } else {
        nb_buf_add(&b, stem, n);
    }
    free(stem);
    nb_buf_add_str(&b, extension_of(kind));
    return nb_buf_take(&b, NULL);
}

/* `name` with "-N" before its extension, joined to `dir`; N = 1 is the
 * name itself. malloc'd. */
static char *numbered_path(const char *dir, const char *name, int number) {
    if (number == 1) return nb_path_join(dir, name);
    const char *dot = strrchr(name, '.');
    size_t stem = dot ? (size_t)(dot - name) : strlen(name);
    char buf[STEM_MAX + 32];
    snprintf(buf, sizeof buf, "%.*s-%d%s", (int)stem, name, number, name + stem);
    return nb_path_join(dir, buf);
}

/* 1 when `path` holds exactly these bytes, 0 when there is nothing
 * there, -1 when something else is there. */
static int holds_bytes(const char *path, const nb_fetched *f) {
    struct stat st;
    if (lstat(path, &st) != 0) return errno == ENOENT ? 0 : -1;
    if (!S_ISREG(st.st_mode) || (size_t)st.st_size != f->len) return -1;
    char *bytes = NULL;
    size_t n = 0;
    nb_error ignored;
    nb_error_clear(&ignored);
    if (nb_file_read_regular(path, f->len, &bytes, &n, &ignored) != 0) return -1;
    int same = n == f->len && !memcmp(bytes, f->bytes, n) ? 1 : -1;
    free(bytes);
    return same;
}

int nb_url_keep_copy(const char *url, const char *dir, char **copy_path, nb_fetched *out,
                     nb_error *err) {
    *copy_path = NULL;
    nb_error inner;
    nb_error_clear(&inner);
    if (nb_url_fetch(url, out, &inner) != 0) {
        /* TRANSLATORS: a web address, then why it could not be fetched */
        nb_error_set(err, inner.code, _("%s: %s"), url, inner.message);
        return -1;
    }
    char *name = nb_url_copy_name(url, nb_source_sniff(out->bytes, out->len));
    for (int i = 1; name && i <= MAX_COPIES; i++) {
        char *path = numbered_path(dir, name, i);
        int there = path ? holds_bytes(path, out) : -1;
        if (there == 1 || (there == 0 && nb_file_write_atomic(path, out->bytes, out->len, &inner) == 0)) {
            free(name);
            *copy_path = path;
            return 0;
        }
        free(path);
        if (there == 0) {
            free(name);
            nb_fetched_free(out);
            /* TRANSLATORS: a web address, then why its copy could not be written */
            nb_error_set(err, inner.code, _("%s was fetched, but its copy cannot be kept: %s"), url,
                         inner.message);
            return -1;
        }
    }
    nb_fetched_free(out);
    if (!name) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    nb_error_set(err, EEXIST,
                 _("%d copies of %s with other contents are already in %s; move the old ones away "
                   "and fetch it again"),
                 MAX_COPIES, name, dir);
    free(name);
    return -1;
}
