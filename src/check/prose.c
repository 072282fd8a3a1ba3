/* The narrative as one line of prose (see prose.h). Everything the
 * narrative checks need to know about positions is found here in one
 * pass over the bytes, because the narrative is most of a report and
 * this pass is most of the time the checks take. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "prose.h"

static bool seps_add(nb_prose_seps *s, size_t at, size_t len) {
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 64;
        uint32_t *start = realloc(s->start, cap * sizeof *start);
        if (!start) return false;
        s->start = start;
        uint32_t *after = realloc(s->after, cap * sizeof *after);
        if (!after) return false;
        s->after = after;
        s->cap = cap;
    }
    s->start[s->n] = (uint32_t)at;
    s->after[s->n++] = (uint32_t)(at + len);
    return true;
}

static bool marks_add(nb_prose_marks *m, size_t at) {
    void *p = m->at;
    if (!nb_grow(&p, &m->cap, m->n + 1, sizeof *m->at)) return false;
    m->at = p;
    m->at[m->n++] = (uint32_t)at;
    return true;
}

/* A line holding only a page number: page furniture ("-1-", "— 2 —",
 * "第3页", the PDF source's page lines) or, in prose, a bare number on a
 * line of its own ("3"). */
static bool page_number_line(const char *s, size_t n) {
    if (nb_line_is_page_furniture(s, n)) return true;
    bool digit = false;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c >= '0' && c <= '9')
            digit = true;
        else if (c != ' ' && c != '\t' && c != '\r')
            return false;
    }
    return digit;
}

/* What a separator ends: 4 a period (and so a sentence, a phrase and a
 * clause), 3 a sentence, 2 a phrase, 1 a clause; 0 it is none. */
static int ascii_separator(unsigned char c) {
    switch (c) {
    case '!': case '?': return 4;
    case ';': return 3;
    case ',': case ':': return 2;
    case '(': case ')': return 1;
    default: return 0;
    }
}

/* The same for a three-byte character c0 c1 c2. */
static int cjk_separator(unsigned char c0, unsigned char c1, unsigned char c2) {
    if (c0 == 0xE3 && c1 == 0x80) return c2 == 0x82 ? 4 : c2 == 0x81 ? 1 : 0; /* 。、 */
    if (c0 != 0xEF || c1 != 0xBC) return 0;
    switch (c2) {
    case 0x81: case 0x9F: return 4;            /* ！？ */
    case 0x9B: return 3;                       /* ； */
    case 0x8C: case 0x9A: return 2;            /* ，： */
    case 0x88: case 0x89: return 1;            /* （） */
    default: return 0;
    }
}

/* 未 没 无 均 全 零: the characters a claim of "none" or "all" opens with. */
static bool claim_char(unsigned char c0, unsigned char c1, unsigned char c2) {
    unsigned cp = ((c0 & 0x0Fu) << 12) | ((c1 & 0x3Fu) << 6) | (c2 & 0x3Fu);
    return cp == 0x672A || cp == 0x6CA1 || cp == 0x65E0 || cp == 0x5747 || cp == 0x5168 ||
           cp == 0x96F6;
}

typedef struct writer {
    nb_prose *p;
    bool moved; /* a byte was skipped or folded: the next one starts a run */
    bool ok;
} writer;

/* Append bytes that come from source offset `source` on. */
static inline void put(writer *w, const char *bytes, size_t len, size_t source) {
    nb_prose *p = w->p;
    if (w->moved) {
        void *runs = p->runs;
        if (!nb_grow(&runs, &p->runs_cap, p->nruns + 1, sizeof *p->runs)) {
            w->ok = false;
            return;
        }
        p->runs = runs;
        p->runs[p->nruns++] = (nb_prose_run){p->n, source};
        w->moved = false;
    }
    for (size_t k = 0; k < len; k++) p->s[p->n + k] = bytes[k];
    p->n += len;
}

static void separator(writer *w, int kind, size_t len) {
    nb_prose *p = w->p;
    size_t at = p->n - len;
    bool ok = seps_add(&p->clauses, at, len);
    if (kind >= 2) ok = ok && seps_add(&p->phrases, at, len);
    if (kind >= 3) ok = ok && seps_add(&p->sentences, at, len);
    if (kind >= 4) ok = ok && seps_add(&p->periods, at, len);
    if (!ok) w->ok = false;
}

static void digit(writer *w, char d, size_t source) {
    nb_prose *p = w->p;
    bool first = p->n == 0 || p->s[p->n - 1] < '0' || p->s[p->n - 1] > '9';
    put(w, &d, 1, source);
    if (first && !marks_add(&p->numbers, p->n - 1)) w->ok = false;
}

/* One multi-byte character at text[k] (its length `len`). */
static void character(writer *w, const unsigned char *c, size_t len, size_t k) {
    if (len == 2 && c[0] == 0xC2 && c[1] == 0xA0) {
        w->moved = true; /* NBSP */
        return;
    }
    if (len == 3) {
        if (c[0] == 0xE3 && c[1] == 0x80 && c[2] == 0x80) {
            w->moved = true; /* U+3000 */
            return;
        }
        if (c[0] == 0xEF && c[1] == 0xBC && c[2] >= 0x90 && c[2] <= 0x99) {
            w->moved = true; /* ０-９: one byte for three */
            digit(w, (char)('0' + (c[2] - 0x90)), k);
            w->moved = true;
            return;
        }
        int sep = cjk_separator(c[0], c[1], c[2]);
        if (!sep && (c[0] == 0xE5 || c[0] == 0xE6 || c[0] == 0xE9) && claim_char(c[0], c[1], c[2]) &&
            !marks_add(&w->p->claims, w->p->n))
            w->ok = false;
        put(w, (const char *)c, 3, k);
        if (sep) separator(w, sep, 3);
        return;
    }
    put(w, (const char *)c, len, k);
}

static void flatten_line(writer *w, const char *text, size_t i, size_t eol) {
    for (size_t k = i; k < eol && w->ok;) {
        unsigned char c = (unsigned char)text[k];
        if (c < 0x80) {
            if (c >= '0' && c <= '9') {
                digit(w, (char)c, k);
            } else if (c == ' ' || c == '\t' || c == '\r') {
                w->moved = true;
            } else {
                put(w, text + k, 1, k);
                int sep = ascii_separator(c);
                if (sep) separator(w, sep, 1);
            }
            k++;
            continue;
        }
        size_t len = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC0 ? 2 : 1;
        if (k + len > eol) len = eol - k;
        character(w, (const unsigned char *)text + k, len, k);
        k += len;
    }
}

static void flatten_range(writer *w, const char *text, size_t from, size_t to) {
    size_t i = from;
    while (i < to && w->ok) {
        const char *nl = memchr(text + i, '\n', to - i);
        size_t eol = nl ? (size_t)(nl - text) : to;
        if (!page_number_line(text + i, eol - i)) flatten_line(w, text, i, eol);
        w->moved = true; /* the line break */
        i = eol < to ? eol + 1 : to;
    }
}

bool nb_prose_build(nb_prose *p, const nb_text *text, size_t from, size_t to,
                    size_t tables_start, size_t tables_end) {
    memset(p, 0, sizeof *p);
    if (to > text->len) to = text->len;
    if (to <= from || to - from >= UINT32_MAX - 8) return false;
    /* the prose is never longer than its source, plus one 。 */
    p->s = malloc(to - from + 8);
    if (!p->s) return false;
    writer w = {p, true, true};
    if (tables_start > from && tables_start < to && tables_end > tables_start) {
        flatten_range(&w, text->utf8, from, tables_start);
        if (w.ok) {
            w.moved = true;
            put(&w, "。", 3, tables_start);
            separator(&w, 4, 3);
            w.moved = true;
        }
        if (w.ok && tables_end < to) flatten_range(&w, text->utf8, tables_end, to);
    } else {
        flatten_range(&w, text->utf8, from, to);
    }
    p->s[p->n] = '\0';
    return w.ok;
}

void nb_prose_free(nb_prose *p) {
    free(p->s);
    free(p->runs);
    nb_prose_seps *seps[4] = {&p->periods, &p->sentences, &p->phrases, &p->clauses};
    for (int k = 0; k < 4; k++) {
        free(seps[k]->start);
        free(seps[k]->after);
    }
    free(p->numbers.at);
    free(p->claims.at);
    memset(p, 0, sizeof *p);
}

size_t nb_prose_source(const nb_prose *p, size_t i) {
    size_t lo = 0, hi = p->nruns;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (p->runs[mid].prose <= i)
            lo = mid;
        else
            hi = mid;
    }
    return p->nruns ? p->runs[lo].source + (i - p->runs[lo].prose) : i;
}

/* Index of the first separator whose `after` (or `start`) exceeds x. */
static size_t upper_bound(const uint32_t *v, size_t n, size_t x) {
    size_t lo = 0, hi = n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (v[mid] <= x)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo;
}

size_t nb_prose_piece_start(const nb_prose_seps *seps, size_t i) {
    size_t k = upper_bound(seps->after, seps->n, i);
    return k ? seps->after[k - 1] : 0;
}

size_t nb_prose_piece_end(const nb_prose_seps *seps, size_t j, size_t n) {
    /* the first separator starting at or after j */
    size_t k = j ? upper_bound(seps->start, seps->n, j - 1) : 0;
    return k < seps->n ? seps->start[k] : n;
}
