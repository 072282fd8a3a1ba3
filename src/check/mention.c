/* Finding phrases: a number stated in the narrative with its unit
 * (a mention), where its sentence, clause and context are, and which
 * statements of statements.c name it — a key right before the number
 * with only filler between, in a sentence about the statement's topic
 * and about the report's year. */
#include "config.h"

#include <string.h>

#include "check-internal.h"
#include "narrative-internal.h"
#include "prose.h"
#include "statements.h"
#include "words.h"

/* What is read around a number: the sentence back to 200 characters
 * before it, the clause to 80, the context (with the sentence before) to
 * 400. No real sentence says what a number counts further away, and the
 * limits keep a text without punctuation from costing quadratic time. */
#define MAX_SENTENCE_BYTES 600
#define MAX_CLAUSE_BYTES 240
#define MAX_CONTEXT_BYTES 1200
/* Words that end a conjunction: a key after them names only part of the figure. */
static const char *const conjunctions[] = {"和", "及", "与", "或", NULL};

static size_t clip_back(const char *s, size_t start, size_t i, size_t max) {
    if (i > max && start < i - max) {
        start = i - max;
        while (start < i && ((unsigned char)s[start] & 0xC0) == 0x80) start++;
    }
    return start;
}

static size_t clip_forward(size_t end, size_t j) {
    return end > j + MAX_SENTENCE_BYTES ? j + MAX_SENTENCE_BYTES : end;
}

/* Where the mention's sentence, clause and context are. */
void nb_mention_place(const ctx *c, mention *m) {
    const nb_prose *p = c->p;
    const char *s = p->s;
    m->sentence_start = clip_back(s, nb_prose_piece_start(&p->sentences, m->num_start), m->num_start,
                                  MAX_SENTENCE_BYTES);
    m->clause_start = clip_back(s, nb_prose_piece_start(&p->clauses, m->num_start), m->num_start,
                                MAX_CLAUSE_BYTES);
    if (m->clause_start < m->sentence_start) m->clause_start = m->sentence_start;
    m->sentence_end = clip_forward(nb_prose_piece_end(&p->sentences, m->unit_end, p->n), m->unit_end);
    m->clause_end = clip_forward(nb_prose_piece_end(&p->clauses, m->unit_end, p->n), m->unit_end);
    /* the context: this sentence and the one before, up to 。 ("…申请
     * 1134件。予以公开554件；不予公开45件" : the list is about requests) */
    size_t period = nb_prose_piece_start(&p->periods, m->sentence_start);
    m->period_start = clip_back(s, period, m->num_start, MAX_CONTEXT_BYTES);
    m->context_start = period > 0 ? nb_prose_piece_start(&p->periods, period - 1) : 0;
    m->context_start = clip_back(s, m->context_start, m->num_start, MAX_CONTEXT_BYTES);
    /* "予以公开、部分公开共561件": the clauses before, back over a list of
     * names without numbers, belong to the figure */
    m->lead_start = m->clause_start;
    m->listed = false;
    while (m->lead_start >= m->sentence_start + 3 && !memcmp(s + m->lead_start - 3, "、", 3)) {
        size_t prev = nb_prose_piece_start(&p->clauses, m->lead_start - 3);
        if (prev < m->sentence_start) prev = m->sentence_start;
        /* a heading's numeral ("三、") is no name of a list */
        bool digits = m->lead_start - 3 - prev <= 3;
        for (size_t k = prev; k < m->lead_start - 3 && !digits; k++) digits = is_digit(s[k]);
        if (digits) break;
        m->lead_start = prev;
        m->listed = true;
    }
    /* "其中，区政府本级受理…": a part, as if 其中 stood in the clause */
    if (m->lead_start >= m->sentence_start + 9 && !memcmp(s + m->lead_start - 9, "其中", 6) &&
        (!memcmp(s + m->lead_start - 3, "，", 3) || !memcmp(s + m->lead_start - 3, "：", 3)) &&
        nb_prose_piece_start(&p->clauses, m->lead_start - 9) == m->lead_start - 9)
        m->lead_start -= 9;
}

/* Read the number whose first digit is at `i` and its unit: 1134,
 * 1,134 and 96171.6 (件, 项, 万元, 元, %). False for numbers that are not
 * stated counts: inside a word or code (G20, 2019-2030), ordinals (第3),
 * the tail of a grouped number, approximations (约, 余, 以上: the filler
 * before a number never holds 约), 件次. */
bool nb_read_number(const char *s, size_t n, size_t i, mention *m) {
    if (i > 0) {
        unsigned char b = (unsigned char)s[i - 1];
        if (b == '.' || b == '-' || b == '/' || b == '_' || b == '+' || (b >= 'A' && b <= 'Z') ||
            (b >= 'a' && b <= 'z') || (b == ',' && i > 1 && is_digit(s[i - 2])))
            return false;
        if (i >= 3 && !memcmp(s + i - 3, "第", 3)) return false;
    }
    size_t j = i;
    int64_t v = 0;
    int digits = 0;
    for (;;) {
        while (j < n && is_digit(s[j])) {
            if (++digits > 15) return false;
            v = v * 10 + (s[j++] - '0');
        }
        /* a thousands group: ",ddd" not followed by a digit */
        if (j + 4 <= n && s[j] == ',' && is_digit(s[j + 1]) && is_digit(s[j + 2]) && is_digit(s[j + 3]) &&
            (j + 4 == n || !is_digit(s[j + 4])))
            j++;
        else
            break;
    }
    uint8_t scale = 0;
    if (j + 1 < n && s[j] == '.' && is_digit(s[j + 1])) {
        j++;
        while (j < n && is_digit(s[j]) && scale < 6) {
            if (++digits > 15) return false;
            v = v * 10 + (s[j++] - '0');
            scale++;
        }
        if (j < n && is_digit(s[j])) return false;
    }
    static const struct {
        const char *word;
        unsigned unit;
        bool wan;
    } units[] = {{"件", NB_UNIT_JIAN, false}, {"项", NB_UNIT_XIANG, false},
                 {"万元", NB_UNIT_MONEY, true}, {"元", NB_UNIT_MONEY, false},
                 {"%", 0, false},                {"％", 0, false}};
    for (size_t k = 0; k < sizeof units / sizeof units[0]; k++) {
        size_t l = strlen(units[k].word);
        if (j + l > n || memcmp(s + j, units[k].word, l)) continue;
        if (units[k].unit && nb_words_at(s, j + l, n, nb_lex.approximate_after)) return false;
        *m = (mention){.value = {v, scale}, .unit = units[k].unit, .wan = units[k].wan,
                       .num_start = i, .num_end = j, .unit_end = j + l};
        return true;
    }
    return false;
}

/* The year of the last "2023年" in s[from, to), or 0. */
int nb_last_year(const char *s, size_t from, size_t to) {
    for (size_t i = to; i >= from + 7; i--) {
        if (memcmp(s + i - 3, "年", 3)) continue;
        const char *y = s + i - 7;
        if (is_digit(y[0]) && is_digit(y[1]) && is_digit(y[2]) && is_digit(y[3]) &&
            (i - 7 == from || !is_digit(y[-1])))
            return (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
    }
    return 0;
}

bool nb_about_fits(const compiled_statement *cs, unsigned flags, const char *s, size_t from,
                       size_t to) {
    size_t as, ae, rs, re;
    if (!cs->about.n) return true;
    if (!nb_words_last(s, from, to, cs->about, &as, &ae)) return false;
    if (!cs->rivals.n || !nb_words_last(s, from, to, cs->rivals, &rs, &re)) return true;
    if (flags & NB_STATEMENT_ABOUT_ALONE) return false;
    return ae > re || (ae == re && as < rs);
}

/* Another year's figure: "2022年受理…", "较上年…" before the key. A
 * change since last year is exactly that and says so. */
static bool about_the_year(const ctx *c, const mention *m, size_t key_start, unsigned flags) {
    const char *s = c->p->s;
    if (flags & NB_STATEMENT_CHANGE) {
        /* "较上年增加2项、减少3项": which is the net change? */
        if (nb_words_any(s, m->sentence_start, m->sentence_end, nb_lex.more) &&
            nb_words_any(s, m->sentence_start, m->sentence_end, nb_lex.fewer))
            return false;
        return nb_words_any(s, m->lead_start, key_start, nb_lex.same_period) ||
               (nb_words_any(s, m->lead_start, key_start, nb_lex.compare) &&
                (nb_words_any(s, m->lead_start, key_start, nb_lex.last_year_words) ||
                 (c->r->year && nb_last_year(s, m->lead_start, key_start) == c->r->year - 1)));
    }
    int y = nb_last_year(s, m->sentence_start, key_start);
    if (y && c->r->year && y != c->r->year) return false;
    return !nb_words_any(s, m->lead_start, key_start, nb_lex.other_years);
}

/* Whether the key at `at` follows 和/及/与/或 that joins it to a name
 * before ("不予公开和无法提供 33 件": the figure is for both), not to a
 * figure before ("行政复议 6 件和行政诉讼 3 件"). */
static bool after_conjunction(const char *s, size_t from, size_t at) {
    if (at < from + 3) return false;
    for (int k = 0; conjunctions[k]; k++) {
        if (memcmp(s + at - 3, conjunctions[k], 3)) continue;
        bool figure = at >= from + 6 && (!memcmp(s + at - 6, "件", 3) || !memcmp(s + at - 6, "项", 3));
        return !figure;
    }
    return false;
}

/* Whether a key of a statement other than i ends at `at`. */
static bool key_follows_key(const ctx *c, const mention *m, size_t at, int i) {
    const char *s = c->p->s;
    if (at <= m->lead_start) return false;
    unsigned b[2] = {nb_lex_bucket(0, (unsigned char)s[at - 1]),
                     at >= m->lead_start + 2 ? nb_lex_bucket((unsigned char)s[at - 2], (unsigned char)s[at - 1])
                                             : BUCKETS};
    for (int h = 0; h < 2; h++) {
        if (b[h] == BUCKETS) continue;
        for (int e = nb_lex.key_head[b[h]]; e >= 0; e = nb_lex.entries[e].next) {
            const nb_word *w = nb_lex.entries[e].w;
            if (nb_lex.entries[e].statement != i && w->len <= at - m->lead_start &&
                !memcmp(s + at - w->len, w->s, w->len))
                return true;
        }
    }
    return false;
}

/* Whether statement i fits the mention with its key at s[key_start,
 * key_end) before the number (or after it, `after`). */
bool nb_statement_fits(const ctx *c, const mention *m, int i, size_t key_start, size_t key_end,
                           bool after) {
    const nb_statement *st = &nb_statements[i];
    const compiled_statement *cs = &nb_lex.st[i];
    const char *s = c->p->s;
    if (!(st->units & m->unit)) return false;
    if (!after) {
        if (!nb_words_fill(s, key_end, m->num_start, cs->fill)) return false;
        /* "予以公开、部分公开共55件": a key opening a clause after a list
         * names one of several; one spanning the list names them all */
        if (m->listed && key_start == m->clause_start) return false;
        if ((st->flags & NB_STATEMENT_VERB) && key_follows_key(c, m, key_start, i)) return false;
        if ((st->flags & NB_STATEMENT_KEY_OPENS) && key_start != m->clause_start) return false;
        if (after_conjunction(s, m->lead_start, key_start)) return false;
    }
    if (nb_words_any(s, m->lead_start, m->num_start, cs->not_in_clause)) return false;
    if (nb_words_any(s, m->context_start, m->num_start, cs->not_in_context)) return false;
    size_t topic_from = nb_words_any(s, m->sentence_start, m->num_start, nb_lex.foreign)
                            ? m->sentence_start
                        : st->flags & NB_STATEMENT_TOPIC_HERE ? m->period_start
                                                              : m->context_start;
    if (!nb_words_topic(s, topic_from, m->num_start, cs->topic)) return false;
    if (!nb_about_fits(cs, st->flags, s, m->sentence_start, m->num_start)) return false;
    return about_the_year(c, m, after ? m->num_start : key_start, st->flags);
}

/* The offsets reachable backwards from `to` over filler words of any
 * statement: where a key may end. */
static int reach_back(const char *s, size_t from, size_t to, size_t *out) {
    int n = 0;
    out[n++] = to;
    for (int k = 0; k < n; k++) {
        size_t p = out[k];
        if (p <= from) continue;
        unsigned b[2] = {nb_lex_bucket(0, (unsigned char)s[p - 1]),
                         p >= from + 2 ? nb_lex_bucket((unsigned char)s[p - 2], (unsigned char)s[p - 1]) : BUCKETS};
        for (int h = 0; h < 2; h++) {
            if (b[h] == BUCKETS || (h == 1 && b[1] == b[0])) continue;
            for (int e = nb_lex.fill_head[b[h]]; e >= 0; e = nb_lex.entries[e].next) {
                const nb_word *w = nb_lex.entries[e].w;
                if (w->len > p - from || memcmp(s + p - w->len, w->s, w->len)) continue;
                size_t q = p - w->len;
                bool seen = false;
                for (int j = 0; j < n && !seen; j++) seen = out[j] == q;
                if (!seen && n < MAX_REACH) out[n++] = q;
            }
        }
    }
    return n;
}

static void add_candidate(candidate *out, int *n, int statement, size_t start, size_t end) {
    for (int k = 0; k < *n; k++) {
        if (out[k].statement != statement) continue;
        /* the key nearest the number; of two ending there, the longer */
        if (end > out[k].end || (end == out[k].end && start < out[k].start))
            out[k] = (candidate){statement, start, end};
        return;
    }
    if (*n == MAX_CANDIDATES) return;
    int k = *n;
    while (k > 0 && out[k - 1].statement > statement) {
        out[k] = out[k - 1];
        k--;
    }
    out[k] = (candidate){statement, start, end};
    (*n)++;
}

/* The statements whose keys end where filler before the number begins,
 * in table order. */
int nb_find_keys(const ctx *c, const mention *m, candidate *out) {
    const char *s = c->p->s;
    size_t reach[MAX_REACH];
    int nreach = reach_back(s, m->lead_start, m->num_start, reach), n = 0;
    for (int r = 0; r < nreach; r++) {
        size_t p = reach[r];
        if (p <= m->lead_start) continue;
        unsigned b[2] = {nb_lex_bucket(0, (unsigned char)s[p - 1]),
                         p >= m->lead_start + 2 ? nb_lex_bucket((unsigned char)s[p - 2], (unsigned char)s[p - 1])
                                                : BUCKETS};
        for (int h = 0; h < 2; h++) {
            if (b[h] == BUCKETS || (h == 1 && b[1] == b[0])) continue;
            for (int e = nb_lex.key_head[b[h]]; e >= 0; e = nb_lex.entries[e].next) {
                const nb_word *w = nb_lex.entries[e].w;
                if (w->len > p - m->lead_start || memcmp(s + p - w->len, w->s, w->len)) continue;
                add_candidate(out, &n, nb_lex.entries[e].statement, p - w->len, p);
            }
        }
    }
    return n;
}
