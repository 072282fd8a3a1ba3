/* Folding text for matching (fold.h): one pass per character, with the
 * runs of ASCII and Han characters that fill most lines copied without
 * decoding, and
 * the folded lines of a text built once and kept with it. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/fold.h"
#include "nianbao/text.h"

static int32_t fold_cp(int32_t c) {
    if (c >= 0xFF01 && c <= 0xFF5E) return c - 0xFEE0; /* full-width ASCII */
    if (c == 0x2212) return '-';
    if (c == 0x201C || c == 0x201D || c == 0x300C || c == 0x300D) return '"';
    if (c == 0x2018 || c == 0x2019) return '\'';
    if (c == 0x3014) return '(';  /* 〔 */
    if (c == 0x3015) return ')';  /* 〕 */
    return c;
}

/* The ASCII spaces folding drops, the line break among them. */
static bool is_ascii_space(unsigned char b) {
    return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v';
}

/* How many bytes from s[0..n) on folding copies as they are: ASCII
 * other than spaces, and U+4000-U+9FFF, the Han characters of every
 * report (never a space, never folded). Most of a report is such runs,
 * copied in one go without decoding. */
static size_t plain_run(const unsigned char *s, size_t n) {
    size_t i = 0;
    while (i < n) {
        unsigned char b = s[i];
        if (b < 0x80) {
            if (is_ascii_space(b)) break;
            i++;
        } else if (b >= 0xE4 && b <= 0xE9 && i + 2 < n && (s[i + 1] & 0xC0) == 0x80 &&
                   (s[i + 2] & 0xC0) == 0x80) {
            i += 3;
        } else {
            break;
        }
    }
    return i;
}

/* Copies the plain run s[i..i+run) to out + o, as much of it as fits
 * before the NUL in outcap without cutting a character; returns the
 * bytes copied. */
static size_t copy_plain(const char *s, size_t i, size_t run, char *out, size_t o, size_t outcap,
                         size_t *map) {
    if (o + run + 1 > outcap) {
        run = outcap - 1 - o;
        while (run > 0 && ((unsigned char)s[i + run] & 0xC0) == 0x80) run--;
    }
    memcpy(out + o, s + i, run);
    if (map)
        for (size_t j = 0; j < run; j++) {
            size_t at = i + j;
            while (at > i && ((unsigned char)s[at] & 0xC0) == 0x80) at--;
            map[o + j] = at;
        }
    return run;
}

size_t nb_fold_text_map(const char *s, size_t n, char *out, size_t outcap, size_t *map) {
    size_t o = 0;
    if (outcap == 0) return 0;
    for (size_t i = 0; i < n;) {
        size_t run = plain_run((const unsigned char *)s + i, n - i);
        if (run > 0) {
            size_t copied = copy_plain(s, i, run, out, o, outcap, map);
            o += copied;
            i += copied;
            if (copied < run) break; /* out of room */
            continue;
        }
        unsigned char b = (unsigned char)s[i];
        if (b < 0x80) { /* an ASCII space: dropped */
            i++;
            continue;
        }
        int32_t c;
        size_t at = i;
        size_t k = nb_utf8_next(s + i, n - i, &c);
        i += k;
        if (nb_fold_is_space(c)) continue;
        int32_t f = fold_cp(c);
        char buf[4];
        const char *bytes = s + at;
        size_t m = k;
        if (f != c || (c == 0xFFFD && k == 1)) { /* folded, or an invalid byte */
            m = nb_utf8_put(buf, f);
            bytes = buf;
        }
        if (o + m + 1 > outcap) break;
        memcpy(out + o, bytes, m);
        if (map)
            for (size_t j = 0; j < m; j++) map[o + j] = at;
        o += m;
    }
    out[o] = '\0';
    return o;
}

uint64_t nb_char_set(const char *s, size_t n) {
    uint64_t set = 0;
    for (size_t i = 0; i < n;) {
        int32_t c;
        size_t k = nb_utf8_next(s + i, n - i, &c);
        if (k == 0) break;
        /* Fibonacci hashing: the top six bits of the product pick the bit */
        set |= UINT64_C(1) << (((uint32_t)c * UINT32_C(2654435769)) >> 26);
        i += k;
    }
    return set;
}

size_t nb_fold_text(const char *s, size_t n, char *out, size_t outcap) {
    return nb_fold_text_map(s, n, out, outcap, NULL);
}

static size_t count_cps(const char *s, size_t n) {
    size_t c = 0;
    for (size_t i = 0; i < n; i++)
        if (((unsigned char)s[i] & 0xC0) != 0x80) c++;
    return c;
}

/* Folding never makes a line longer than twice its bytes (an invalid
 * byte, one byte, becomes U+FFFD, three), plus its NUL. The lines are
 * one allocation — header, arrays, then the text — so that the text's
 * owner frees them with free() and text.c needs nothing of this file. */
static nb_folded_lines *fold_lines(const nb_text *t) {
    size_t n = t->nlines;
    size_t arrays = 3 * (n + 1) * sizeof(size_t);
    size_t text = t->len * 2 + n + 16;
    if (t->len > (SIZE_MAX - arrays - sizeof(nb_folded_lines)) / 2 - n - 16) return NULL;
    char *block = malloc(sizeof(nb_folded_lines) + arrays + text);
    if (!block) return NULL;
    nb_folded_lines *f = (nb_folded_lines *)block;
    f->n = n;
    f->off = (size_t *)(block + sizeof *f);
    f->len = f->off + n + 1;
    f->ncp = f->len + n + 1;
    f->buf = (char *)(f->ncp + n + 1);
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        size_t ls, le;
        nb_text_line_bounds(t, i, &ls, &le);
        size_t m = nb_fold_text(t->utf8 + ls, le - ls, f->buf + o, (le - ls) * 2 + 1);
        f->off[i] = o;
        f->len[i] = m;
        f->ncp[i] = count_cps(f->buf + o, m);
        o += m + 1;
    }
    f->off[n] = f->len[n] = f->ncp[n] = 0;
    return f;
}

const nb_folded_lines *nb_text_folded(const nb_text *t) {
    /* A cache beside the text, which itself never changes: filling it
     * does not change what the text is, so a const text may fill it. */
    nb_text *cache = (nb_text *)t;
    if (!cache->folded) cache->folded = fold_lines(t);
    return cache->folded;
}

/* Appends the folded form of t->utf8[a..b), from the line cache when the
 * range is the whole line. */
static size_t fold_piece(const nb_text *t, const nb_folded_lines *f, size_t line, size_t a,
                         size_t b, char *out) {
    size_t ls, le;
    nb_text_line_bounds(t, line, &ls, &le);
    if (a <= ls && b >= le) {
        memcpy(out, f->buf + f->off[line], f->len[line]);
        return f->len[line];
    }
    return nb_fold_text(t->utf8 + a, b - a, out, (b - a) * 2 + 1);
}

char *nb_fold_span(const nb_text *t, size_t a, size_t b, size_t *outlen) {
    if (b > t->len) b = t->len;
    if (a > b) a = b;
    const nb_folded_lines *f = nb_text_folded(t);
    char *out = malloc((b - a) * 2 + 1);
    if (!f || !out) {
        free(out);
        return NULL;
    }
    size_t o = 0;
    if (a < b) {
        size_t first = nb_text_line_of(t, a), last = nb_text_line_of(t, b - 1);
        for (size_t i = first; i <= last; i++) {
            size_t ls, le;
            nb_text_line_bounds(t, i, &ls, &le);
            size_t from = ls > a ? ls : a, to = le < b ? le : b;
            if (from < to) o += fold_piece(t, f, i, from, to, out + o);
        }
    }
    out[o] = '\0';
    if (outlen) *outlen = o;
    return out;
}

/* Bytes the folded form of one character takes. */
static size_t folded_size(int32_t c, size_t k) {
    if (c == '\n' || nb_fold_is_space(c)) return 0;
    int32_t f = fold_cp(c);
    if (f == c && !(c == 0xFFFD && k == 1)) return k;
    char buf[4];
    return nb_utf8_put(buf, f);
}

/* Walks s[a..b) one character at a time to the one that gave folded
 * byte `*off`; when the range folds to fewer bytes, takes them off *off
 * and returns b. */
static size_t walk_to(const char *s, size_t a, size_t b, size_t *off) {
    for (size_t i = a; i < b;) {
        int32_t c;
        size_t k = nb_utf8_next(s + i, b - i, &c);
        size_t m = folded_size(c, k);
        if (*off < m) return i;
        *off -= m;
        i += k;
    }
    return b;
}

size_t nb_fold_span_byte(const nb_text *t, size_t a, size_t off) {
    const nb_folded_lines *f = nb_text_folded(t);
    size_t line = nb_text_line_of(t, a < t->len ? a : t->len);
    for (size_t i = line; i < t->nlines; i++) {
        size_t ls, le;
        nb_text_line_bounds(t, i, &ls, &le);
        if (a > ls) ls = a;
        if (f && ls == t->line_start[i] && off >= f->len[i]) { /* a whole line before it */
            off -= f->len[i];
            continue;
        }
        size_t at = walk_to(t->utf8, ls, le, &off);
        if (at < le) return at;
    }
    return t->len;
}
