/* The one matching form of text. Labels, titles, dates and narrative
 * phrases are compared after folding: full-width ASCII to ASCII, （）to (),
 * curly quotes to ", U+2212 to '-', and every kind of space (NBSP,
 * U+3000, tabs, line breaks, zero-width characters) removed, so that
 * "2024 年" and "2024年", "（一）" and "(一)" compare the same however a
 * layout spaced or wrapped them. A report's lines are folded once, on
 * first use, and kept with its text (nb_text_folded): the reader's
 * look-ups for titles, tables, dateline and agency all share that copy. */
#ifndef NIANBAO_FOLD_H
#define NIANBAO_FOLD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct nb_text;

/* The spaces folding removes (not the line break, which callers that
 * keep lines treat apart). */
static inline bool nb_fold_is_space(int32_t c) {
    return c == ' ' || c == '\t' || c == 0xA0 || c == 0x3000 || c == '\f' || c == '\r' ||
           c == '\v' || (c >= 0x2000 && c <= 0x200B) || c == 0x202F || c == 0x205F ||
           c == 0xFEFF || c == 0x200C || c == 0x200D;
}

/* Fold s[0..n). Writes at most outcap-1 bytes plus a NUL; returns the
 * length written. An invalid byte becomes U+FFFD. */
size_t nb_fold_text(const char *s, size_t n, char *out, size_t outcap);
/* The same, and map[i] receives the offset in `s` of the character that
 * gave output byte i (map must hold outcap entries). */
size_t nb_fold_text_map(const char *s, size_t n, char *out, size_t outcap, size_t *map);

/* Every line of a text, folded. Line i's folded form is the
 * NUL-terminated string at buf + off[i], len[i] bytes and ncp[i] code
 * points long. */
typedef struct nb_folded_lines {
    char *buf;
    size_t *off;
    size_t *len;
    size_t *ncp;
    size_t n; /* = the text's line count */
} nb_folded_lines;

/* The text's folded lines, built on the first call and freed with the
 * text (nb_text_free: one block, a plain free()). NULL only when memory
 * runs out. */
const nb_folded_lines *nb_text_folded(const struct nb_text *t);
/* The folded form of t->utf8[a..b) (a and b on character boundaries) as
 * one malloc'd string, line breaks folded away: whole lines are copied
 * from nb_text_folded, only a partial first or last line is folded
 * anew. NULL when memory runs out. */
char *nb_fold_span(const struct nb_text *t, size_t a, size_t b, size_t *outlen);
/* The byte offset in t->utf8 of the character that gave byte `off` of
 * nb_fold_span(t, a, b, ...): what nb_fold_text_map's map would say,
 * computed for one offset instead of for every byte. */
size_t nb_fold_span_byte(const struct nb_text *t, size_t a, size_t off);

/* The characters of s[0..n) as a 64-bit set (a Bloom filter: each code
 * point sets one bit). A word can occur in a text only if its set is a
 * subset of the text's, so one AND rules out most searches before any
 * strstr runs; a subset still needs the search to be sure. */
uint64_t nb_char_set(const char *s, size_t n);


#endif
