/* The form of the text used for matching labels and reading numbers:
 * NFKC (１２３ → 123, （一） → (一)), every kind of space one ' ',
 * invisible (default-ignorable) characters dropped, and a map from each output byte back to
 * the input, so that what is found can be shown where the source has it.
 *
 * The text is cut into pieces that NFKC cannot join (a character and the
 * marks that may combine with it) and each piece is normalised alone;
 * every byte a piece produces maps to the piece's first input byte. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "nianbao/text.h"

#define NFKC_OPTIONS (UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_STABLE)

/* Beyond this many code points a piece is cut: real text has a few
 * marks on a character (Unicode's stream-safe limit is 30), and an
 * unbounded run would make utf8proc's reordering quadratic. */
#define PIECE_MAX_CPS 32

typedef struct normbuf {
    char *out;
    size_t *map;
    size_t len, cap;
    bool want_map, failed;
} normbuf;

static bool normbuf_reserve(normbuf *b, size_t more) {
    if (b->failed) return false;
    if (b->len + more + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 256;
    while (cap < b->len + more + 1) cap *= 2;
    char *out = realloc(b->out, cap);
    if (!out) {
        b->failed = true;
        return false;
    }
    b->out = out;
    if (b->want_map) {
        size_t *map = realloc(b->map, cap * sizeof *map);
        if (!map) {
            b->failed = true;
            return false;
        }
        b->map = map;
    }
    b->cap = cap;
    return true;
}

static void normbuf_put(normbuf *b, const char *bytes, size_t n, size_t from) {
    if (!normbuf_reserve(b, n)) return;
    memcpy(b->out + b->len, bytes, n);
    if (b->want_map)
        for (size_t k = 0; k < n; k++) b->map[b->len + k] = from;
    b->len += n;
}

/* Invisible characters only get in the way of matching: Unicode's
 * Default_Ignorable_Code_Point set (zero-width spaces and joiners,
 * U+2060, U+FEFF, the soft hyphen, bidi marks, overrides and isolates,
 * variation selectors, Hangul fillers). */
static bool is_dropped(int32_t cp) {
    return cp >= 0xAD && utf8proc_get_property(cp)->ignorable;
}

/* Characters NFKC may combine with what precedes them: combining marks
 * (any canonical class, and the class-0 vowel signs of some Indic
 * scripts) and the Hangul medial and final jamo. */
static bool may_join_previous(int32_t cp) {
    if (cp < 0x300) return false;
    if (cp >= 0x1160 && cp <= 0x11FF) return true;
    const utf8proc_property_t *p = utf8proc_get_property(cp);
    return p->combining_class != 0 || p->category == UTF8PROC_CATEGORY_MN ||
           p->category == UTF8PROC_CATEGORY_MC || p->category == UTF8PROC_CATEGORY_ME;
}

/* True for bytes that start no valid sequence (nb_utf8_next gives
 * U+FFFD for one byte, as opposed to a real U+FFFD of three). */
static size_t next_cp(const char *s, size_t n, int32_t *cp, bool *invalid) {
    size_t k = nb_utf8_next(s, n, cp);
    *invalid = k == 1 && (unsigned char)s[0] >= 0x80;
    return k;
}

char *nb_normalize(const char *s, size_t n, size_t *outlen, size_t **map) {
    normbuf b = {NULL, NULL, 0, 0, map != NULL, false};
    utf8proc_int32_t *cps = NULL;
    utf8proc_ssize_t cps_cap = 0;
    normbuf_reserve(&b, n);
    for (size_t i = 0; i < n && !b.failed;) {
        unsigned char c = (unsigned char)s[i];
        /* ASCII followed by ASCII is already in normal form. */
        if (c < 0x80 && (i + 1 == n || (unsigned char)s[i + 1] < 0x80)) {
            char ch = c == '\t' ? ' ' : (char)c;
            normbuf_put(&b, &ch, 1, i);
            i++;
            continue;
        }
        int32_t cp;
        bool invalid;
        size_t k = next_cp(s + i, n - i, &cp, &invalid);
        if (invalid) {
            normbuf_put(&b, "\xEF\xBF\xBD", 3, i);
            i += k;
            continue;
        }
        if (is_dropped(cp)) {
            i += k;
            continue;
        }
        if (cp == '\t') {
            normbuf_put(&b, " ", 1, i);
            i += k;
            continue;
        }
        /* Gather the piece: this character and what may join it. */
        size_t start = i, end = i + k;
        int count = 1;
        while (end < n && count < PIECE_MAX_CPS) {
            int32_t next;
            bool bad;
            size_t kk = next_cp(s + end, n - end, &next, &bad);
            if (bad || !may_join_previous(next)) break;
            end += kk;
            count++;
        }
        utf8proc_ssize_t m;
        for (;;) {
            m = utf8proc_decompose((const utf8proc_uint8_t *)s + start,
                                   (utf8proc_ssize_t)(end - start), cps, cps_cap, NFKC_OPTIONS);
            if (m < 0 || m <= cps_cap) break;
            utf8proc_int32_t *grown = realloc(cps, (size_t)m * sizeof *grown);
            if (!grown) {
                b.failed = true;
                break;
            }
            cps = grown;
            cps_cap = m;
        }
        if (b.failed) break;
        if (m < 0) { /* cannot happen on valid UTF-8; keep the bytes */
            normbuf_put(&b, s + start, end - start, start);
            i = end;
            continue;
        }
        m = utf8proc_normalize_utf32(cps, m, NFKC_OPTIONS);
        for (utf8proc_ssize_t j = 0; j < m; j++) {
            int32_t o = cps[j];
            if (is_dropped(o)) continue;
            /* NFKC already makes NBSP and U+3000 a plain space */
            utf8proc_uint8_t enc[4];
            utf8proc_ssize_t el = utf8proc_encode_char(o, enc);
            normbuf_put(&b, (const char *)enc, (size_t)el, start);
        }
        i = end;
    }
    free(cps);
    if (b.failed || !normbuf_reserve(&b, 0)) {
        free(b.out);
        free(b.map);
        if (outlen) *outlen = 0;
        if (map) *map = NULL;
        return NULL;
    }
    b.out[b.len] = '\0';
    if (outlen) *outlen = b.len;
    if (map) {
        /* One entry past the end, so that [map[a], map[b]) is the source
         * of output bytes [a, b) even when b is the output's length. */
        b.map[b.len] = n;
        *map = b.map;
    }
    return b.out;
}
