/* Word lists of the narrative's statement table ("受理|收到", "申请&公开")
 * made ready once, and the few ways narrative.c looks for them in the
 * prose. Internal to src/check. */
#ifndef NIANBAO_WORDS_H
#define NIANBAO_WORDS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct nb_word {
    const char *s;   /* into the table's string, not NUL-terminated */
    uint16_t len;
    bool joined;     /* "&": the next word belongs to the same alternative */
} nb_word;

typedef struct nb_words {
    const nb_word *w;
    int n;
} nb_words;

/* Split `spec` ("a|b&c", NULL = no words) into words taken from `pool`
 * (`*used` of `cap` taken so far). False when the pool is full. */
bool nb_words_parse(const char *spec, nb_word *pool, int *used, int cap, nb_words *out);

/* The end of the last occurrence of any word in s[from, to) — the
 * longest of those ending there — with its start in *start; false when
 * none occurs. */
bool nb_words_last(const char *s, size_t from, size_t to, nb_words w, size_t *start, size_t *end);
bool nb_words_any(const char *s, size_t from, size_t to, nb_words w);
/* Whether every word of at least one alternative occurs in s[from, to). */
bool nb_words_topic(const char *s, size_t from, size_t to, nb_words w);
/* Length of the longest word of `w` at s[at, to), or 0. */
size_t nb_words_at(const char *s, size_t at, size_t to, nb_words w);
/* Whether s[from, to) is nothing but words of `w`, one after another. */
bool nb_words_fill(const char *s, size_t from, size_t to, nb_words w);

#endif
