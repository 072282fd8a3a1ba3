/* Word lists (see words.h). The prose a list is matched against is a
 * clause or a sentence, a few hundred bytes at most, so plain scans are
 * enough; what must be fast — finding which keys stand before a number —
 * is done in narrative.c with an index. */
#include "config.h"

#include <string.h>

#include "words.h"

bool nb_words_parse(const char *spec, nb_word *pool, int *used, int cap, nb_words *out) {
    out->w = pool + *used;
    out->n = 0;
    if (!spec) return true;
    const char *p = spec;
    for (;;) {
        size_t len = strcspn(p, "|&");
        if (len) {
            if (*used == cap) return false;
            pool[*used] = (nb_word){p, (uint16_t)len, p[len] == '&'};
            (*used)++;
            out->n++;
        }
        if (!p[len]) return true;
        p += len + 1;
    }
}

/* Last start of word w in s[from, to), or (size_t)-1. memmem skips
 * ahead far faster than a byte loop over CJK text, whose lead bytes
 * are all alike; a word occurs a few times at most. */
static size_t last_start(const char *s, size_t from, size_t to, const nb_word *w) {
    size_t last = (size_t)-1;
    while (to >= from + w->len) {
        const char *hit = memmem(s + from, to - from, w->s, w->len);
        if (!hit) break;
        last = (size_t)(hit - s);
        from = last + 1;
    }
    return last;
}

static bool occurs(const char *s, size_t from, size_t to, const nb_word *w) {
    return to >= from + w->len && memmem(s + from, to - from, w->s, w->len) != NULL;
}

bool nb_words_last(const char *s, size_t from, size_t to, nb_words w, size_t *start, size_t *end) {
    bool found = false;
    for (int k = 0; k < w.n; k++) {
        size_t at = last_start(s, from, to, &w.w[k]);
        if (at == (size_t)-1) continue;
        size_t e = at + w.w[k].len;
        if (!found || e > *end || (e == *end && at < *start)) {
            *start = at;
            *end = e;
            found = true;
        }
    }
    return found;
}

bool nb_words_any(const char *s, size_t from, size_t to, nb_words w) {
    for (int k = 0; k < w.n; k++)
        if (occurs(s, from, to, &w.w[k])) return true;
    return false;
}

bool nb_words_topic(const char *s, size_t from, size_t to, nb_words w) {
    if (w.n == 0) return true;
    bool all = true;
    for (int k = 0; k < w.n; k++) {
        if (all && !occurs(s, from, to, &w.w[k])) all = false;
        if (!w.w[k].joined) {
            if (all) return true;
            all = true;
        }
    }
    return false;
}

size_t nb_words_at(const char *s, size_t at, size_t to, nb_words w) {
    size_t best = 0;
    for (int k = 0; k < w.n; k++) {
        size_t l = w.w[k].len;
        if (l > best && at + l <= to && s[at] == w.w[k].s[0] && memcmp(s + at, w.w[k].s, l) == 0)
            best = l;
    }
    return best;
}

/* Whether s[from, to) splits into words of w: which offsets can be
 * reached word by word from `from`. A gap longer than MAX_FILL is no gap
 * between a name and its number. */
#define MAX_FILL 160

bool nb_words_fill(const char *s, size_t from, size_t to, nb_words w) {
    if (from == to) return true;
    if (from > to || to - from > MAX_FILL) return false;
    size_t len = to - from;
    bool reach[MAX_FILL + 1];
    memset(reach, 0, len + 1);
    reach[0] = true;
    for (size_t i = 0; i < len; i++) {
        if (!reach[i]) continue;
        for (int k = 0; k < w.n; k++) {
            size_t l = w.w[k].len;
            if (i + l <= len && s[from + i] == w.w[k].s[0] && memcmp(s + from + i, w.w[k].s, l) == 0)
                reach[i + l] = true;
        }
    }
    return reach[len];
}
