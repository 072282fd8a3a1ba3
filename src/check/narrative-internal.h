/* Internal interface of the narrative check (text.vs_table) between
 * its files: lexicon.c (the compiled phrases), mention.c (finding the
 * phrases around a number), compare.c (the cells they name, the finding)
 * and narrative.c (judging, the entry points). Calls run one way:
 * narrative → mention → lexicon, narrative → compare. Not part of the
 * core's public interface. */
#ifndef NIANBAO_NARRATIVE_INTERNAL_H
#define NIANBAO_NARRATIVE_INTERNAL_H

#include "check-internal.h"
#include "prose.h"
#include "statements.h"
#include "words.h"

#define MAX_STATEMENTS 160
#define MAX_CLAIMS 16
#define POOL_WORDS 6000
#define BUCKETS 1024

typedef struct compiled_statement {
    nb_words key, after, fill, topic, about, rivals, not_in_clause, not_in_context;
} compiled_statement;

typedef struct compiled_claim {
    nb_words trigger, fill, topic, subjects[3];
} compiled_claim;

/* A word in the index: which statement (or -1 for filler) and the word. */
typedef struct indexed {
    const nb_word *w;
    int statement;
    int next;
} indexed;

typedef struct nb_lexicon {
    bool ok;
    compiled_statement st[MAX_STATEMENTS];
    compiled_claim cl[MAX_CLAIMS];
    nb_word pool[POOL_WORDS];
    int used;
    nb_words foreign, review_named, suit_named, other_years, approximate_after;
    nb_words same_period, compare, last_year_words, share_fill, more, fewer, carried, including;
    /* keys and filler by the last two bytes of the word */
    int key_head[BUCKETS], fill_head[BUCKETS];
    indexed entries[POOL_WORDS];
    int nentries;
} nb_lexicon;

extern nb_lexicon nb_lex;

/* The last column computed: findings come in source order, so the next
 * one on the same line is counted from there, not from the line's start
 * (a 1 MB line of numbers would otherwise cost quadratic time). */
typedef struct column_cache {
    bool valid;
    size_t line, off, col;
} column_cache;

typedef struct ctx {
    const nb_report *r;
    const nb_text *text;
    const nb_prose *p;
    nb_findings *out;              /* may be NULL (explain only) */
    nb_narrative_match *matches;   /* may be NULL */
    int nmatches, max_matches;
    column_cache cols;
    /* whether a statement is broken down in a period (see broken_down) */
    struct {
        size_t period;
        int statement;
        bool apart;
    } breakdowns[8];
    int nbreakdowns;
} ctx;

/* One stated number and where it stands (prose offsets). */
typedef struct mention {
    nb_number value;
    unsigned unit;  /* NB_UNIT_*, or 0 for a percentage */
    bool wan;       /* 万元 */
    size_t num_start, num_end, unit_end;
    size_t sentence_start, sentence_end, clause_start, clause_end;
    size_t lead_start;    /* clause start, or earlier over a list ("予以公开、部分公开共…") */
    bool listed;
    size_t period_start;  /* the start of this period (up to 。) */
    size_t context_start; /* the start of the period before this one */
} mention;

typedef struct reading {
    int cells[NB_FINDING_MAX_CELLS];
    int n;
} reading;

#define MAX_READINGS 4

enum { KIND_REVIEW = 1, KIND_SUIT = 2 };

/* A statement whose key stands at s[start, end). */
typedef struct candidate {
    int statement;
    size_t start, end;
} candidate;

#define MAX_REACH 24
#define MAX_CANDIDATES 32

static inline bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* lexicon.c */
unsigned nb_lex_bucket(unsigned char a, unsigned char b);
bool nb_lexicon_ready(void);

/* mention.c: finding phrases */
void nb_mention_place(const ctx *c, mention *m);
bool nb_read_number(const char *s, size_t n, size_t i, mention *m);
int nb_last_year(const char *s, size_t from, size_t to);
bool nb_about_fits(const compiled_statement *cs, unsigned flags, const char *s, size_t from, size_t to);
bool nb_statement_fits(const ctx *c, const mention *m, int i, size_t key_start, size_t key_end, bool after);
int nb_find_keys(const ctx *c, const mention *m, candidate *out);

/* compare.c: readings, comparing, reporting */
int nb_readings_of(const nb_template *tpl, const char *spec, unsigned kinds, reading *out);
bool nb_count_of(const nb_report *r, const reading *rd, int64_t *sum);
double nb_pow10_of(int e);
bool nb_amount_of(const nb_report *r, const reading *rd, double *yuan, double *half);
void nb_describe(const nb_report *r, const reading *rd, char *buf, size_t size);
void nb_record_match(ctx *c, const mention *m, nb_match_kind kind, const char *id, const reading *rd, nb_number stated, bool agrees);
void nb_emit_finding(ctx *c, const mention *m, const reading *rd, int counted, const char *stated_words, const char *table_words);

#endif
