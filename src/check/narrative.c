/* Text against table: what the narrative states ("全年共受理政府信息公开
 * 申请3119件", "未发生政府信息公开行政复议", "予以公开或部分公开554件，
 * 占47.63%") compared with the cells it describes. Rule text.vs_table,
 * severity warning.
 *
 * The phrases are data (statements.c); this file finds them. A false
 * alarm on a correct report teaches reviewers to ignore the rule, so a
 * number is compared only when
 *   - a unit follows it (件, 项, 万元, 元) and no word says it is
 *     approximate, a part, a channel or another year's;
 *   - a statement's key stands right before it with nothing but filler
 *     between ("受理" "政府信息公开申请" 3119 件), or right after it;
 *   - the sentence is about what the statement is about (topic, about);
 *   - every cell of at least one of its readings has a value.
 * A statement may be read several ways (a count "受理" with or without
 * 上年结转): the text is wrong only when no reading holds. A finding
 * quotes the sentence, names the cells of the first reading and says
 * whether the number maps to one cell or to a sum. */
#include "config.h"

#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-internal.h"
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

/* A sentence about letters, proposals or licences does not take its
 * topic from the sentence before ("…受理政府信息公开申请20件。办理人大
 * 建议15件，办结15件" is not about requests). */
#define FOREIGN "来信|来电|来访|咨询|建议|提案|热线|12345|留言|许可|审批|政务服务|办件|信件|诉求|工单"
/* How a sentence names the rows of table 四 (for "@" in claims). */
#define REVIEW_NAMED "行政复议|复议机关|复议决定"
#define SUIT_NAMED "诉讼|起诉|法院"
/* Between 占 and the percentage: "占总数的47.63%". */
#define SHARE_FILL "比|比例|比重|比为|总数|总量|全部|申请|办理|总|的|为|达|数|结果"
/* Words that end a conjunction: a key after them names only part of the figure. */
static const char *const conjunctions[] = {"和", "及", "与", "或", NULL};

/* ------------------------------------------------------------ the lexicon */

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

static struct lexicon {
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
} lex;

static unsigned bucket_of(unsigned char a, unsigned char b) {
    return ((unsigned)a * 256u + b) % BUCKETS;
}

static unsigned word_bucket(const nb_word *w) {
    const unsigned char *s = (const unsigned char *)w->s;
    return w->len >= 2 ? bucket_of(s[w->len - 2], s[w->len - 1]) : bucket_of(0, s[0]);
}

static bool index_word(int *heads, const nb_word *w, int statement) {
    unsigned b = word_bucket(w);
    if (statement < 0) /* filler once is enough */
        for (int k = heads[b]; k >= 0; k = lex.entries[k].next)
            if (lex.entries[k].w->len == w->len && !memcmp(lex.entries[k].w->s, w->s, w->len)) return true;
    if (lex.nentries == POOL_WORDS) return false;
    lex.entries[lex.nentries] = (indexed){w, statement, heads[b]};
    heads[b] = lex.nentries++;
    return true;
}

static bool parse(const char *spec, nb_words *out) {
    return nb_words_parse(spec, lex.pool, &lex.used, POOL_WORDS, out);
}

static bool compile_statement(int i) {
    const nb_statement *s = &nb_statements[i];
    compiled_statement *c = &lex.st[i];
    bool ok = parse(s->key, &c->key) && parse(s->after, &c->after) && parse(s->fill, &c->fill) &&
              parse(s->topic, &c->topic) && parse(s->about, &c->about) &&
              parse(s->rivals, &c->rivals) && parse(s->not_in_clause, &c->not_in_clause) &&
              parse(s->not_in_context, &c->not_in_context);
    for (int k = 0; ok && k < c->key.n; k++) ok = index_word(lex.key_head, &c->key.w[k], i);
    for (int k = 0; ok && k < c->fill.n; k++) ok = index_word(lex.fill_head, &c->fill.w[k], -1);
    return ok;
}

static void compile(void) {
    for (int b = 0; b < BUCKETS; b++) lex.key_head[b] = lex.fill_head[b] = -1;
    bool ok = nb_statement_count <= MAX_STATEMENTS && nb_claim_count <= MAX_CLAIMS &&
              parse(FOREIGN, &lex.foreign) && parse(REVIEW_NAMED, &lex.review_named) &&
              parse(SUIT_NAMED, &lex.suit_named) && parse("上年|去年|上一年|同期|前年", &lex.other_years) &&
              parse("次|以上|左右|多|余", &lex.approximate_after) && parse("同比", &lex.same_period) &&
              parse("较|比|相比", &lex.compare) && parse("上年|上一年|去年", &lex.last_year_words) &&
              parse(SHARE_FILL, &lex.share_fill) && parse("增加|新增", &lex.more) &&
              parse("减少", &lex.fewer) &&
              parse("上年结转|上年度结转|上一年度结转|上一年结转|结转上年", &lex.carried) &&
              parse("含|包括|包含", &lex.including);
    for (size_t i = 0; ok && i < nb_statement_count; i++) ok = compile_statement((int)i);
    for (size_t i = 0; ok && i < nb_claim_count; i++) {
        const nb_claim *s = &nb_claims[i];
        compiled_claim *c = &lex.cl[i];
        ok = parse(s->trigger, &c->trigger) && parse(s->fill, &c->fill) && parse(s->topic, &c->topic);
        for (int k = 0; ok && k < 3; k++) ok = parse(s->subjects[k].words, &c->subjects[k]);
    }
    lex.ok = ok;
}

static bool lexicon_ready(void) {
    static pthread_once_t once = PTHREAD_ONCE_INIT;
    pthread_once(&once, compile);
    return lex.ok;
}

/* ------------------------------------------------------------ the context */

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

static bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

static size_t char_start(const char *s, size_t i) {
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

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
static void place(const ctx *c, mention *m) {
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

/* ------------------------------------------------------------ numbers */

/* Read the number whose first digit is at `i` and its unit: 1134,
 * 1,134 and 96171.6 (件, 项, 万元, 元, %). False for numbers that are not
 * stated counts: inside a word or code (G20, 2019-2030), ordinals (第3),
 * the tail of a grouped number, approximations (约, 余, 以上: the filler
 * before a number never holds 约), 件次. */
static bool read_number(const char *s, size_t n, size_t i, mention *m) {
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
        if (units[k].unit && nb_words_at(s, j + l, n, lex.approximate_after)) return false;
        *m = (mention){.value = {v, scale}, .unit = units[k].unit, .wan = units[k].wan,
                       .num_start = i, .num_end = j, .unit_end = j + l};
        return true;
    }
    return false;
}

/* ------------------------------------------------------------ readings */

typedef struct reading {
    int cells[NB_FINDING_MAX_CELLS];
    int n;
} reading;

#define MAX_READINGS 4

enum { KIND_REVIEW = 1, KIND_SUIT = 2 };

/* Add the cells of one term ("applications.withheld_*.total",
 * "appeals.@.corrected") to `rd`; false when the template lacks one. */
static bool add_term(const nb_template *tpl, const char *t, size_t len, unsigned kinds, reading *rd) {
    const char *dot1 = memchr(t, '.', len);
    const char *dot2 = dot1 ? memchr(dot1 + 1, '.', len - (size_t)(dot1 + 1 - t)) : NULL;
    if (!dot2) return false;
    size_t tlen = (size_t)(dot1 - t), rlen = (size_t)(dot2 - dot1 - 1);
    const char *row = dot1 + 1, *col = dot2 + 1;
    size_t clen = len - (size_t)(col - t);
    bool any_row = rlen == 1 && row[0] == '@', prefix = rlen > 0 && row[rlen - 1] == '*';
    if (prefix) rlen--;
    int found = 0;
    for (int r = 0; r < tpl->nrows; r++) {
        const nb_row_def *rd_def = &tpl->rows[r];
        const char *key = nb_table_key(rd_def->table);
        if (strlen(key) != tlen || memcmp(key, t, tlen)) continue;
        if (any_row) {
            bool review = !strcmp(rd_def->id, "review");
            if (!(kinds & (review ? KIND_REVIEW : KIND_SUIT))) continue;
        } else if (strncmp(rd_def->id, row, rlen) != 0 || (!prefix && rd_def->id[rlen] != '\0')) {
            continue;
        }
        int cell = -1;
        for (int k = rd_def->first_cell; k < rd_def->first_cell + rd_def->ncells && cell < 0; k++)
            if (strlen(tpl->cells[k].col_id) == clen && !memcmp(tpl->cells[k].col_id, col, clen)) cell = k;
        if (cell < 0 || rd->n == NB_FINDING_MAX_CELLS) return false;
        rd->cells[rd->n++] = cell;
        found++;
    }
    return found > 0;
}

/* The readings of `spec` the template has, in order. */
static int readings_of(const nb_template *tpl, const char *spec, unsigned kinds, reading *out) {
    int n = 0;
    const char *p = spec;
    while (p && *p && n < MAX_READINGS) {
        size_t len = strcspn(p, "|");
        reading rd = {.n = 0};
        bool ok = true;
        for (size_t k = 0; k < len && ok;) {
            size_t tl = strcspn(p + k, "+|");
            if (tl > len - k) tl = len - k;
            ok = add_term(tpl, p + k, tl, kinds, &rd);
            k += tl + 1;
        }
        if (ok && rd.n) out[n++] = rd;
        p = p[len] ? p + len + 1 : NULL;
    }
    return n;
}

/* The sum of a reading's counts; false when a cell is null or not whole. */
static bool count_of(const nb_report *r, const reading *rd, int64_t *sum) {
    *sum = 0;
    for (int k = 0; k < rd->n; k++) {
        nb_number v;
        if (!nb_report_value(r, rd->cells[k], &v) || !nb_number_is_integer(v)) return false;
        int64_t units = v.units;
        for (int d = 0; d < v.scale; d++) units /= 10;
        *sum += units;
    }
    return true;
}

static double pow10_of(int e) {
    double x = 1;
    for (int k = 0; k < e; k++) x *= 10;
    return x;
}

/* A reading's amount in 元 and half its last digit (its precision);
 * false when a cell is null or its unit is not written. */
static bool amount_of(const nb_report *r, const reading *rd, double *yuan, double *half) {
    *yuan = 0;
    *half = 0;
    for (int k = 0; k < rd->n; k++) {
        nb_number v;
        const char *unit = r->cells[rd->cells[k]].unit;
        if (!nb_report_value(r, rd->cells[k], &v)) return false;
        double mult = !strcmp(unit, "万元") ? 10000 : !strcmp(unit, "元") ? 1 : 0;
        if (mult == 0) return false;
        *yuan += (double)v.units / pow10_of(v.scale) * mult;
        double h = mult / pow10_of(v.scale) / 2;
        if (h > *half) *half = h;
    }
    return true;
}

/* ------------------------------------------------------------ findings */

static int column_at(ctx *c, size_t line, size_t off) {
    column_cache *cc = &c->cols;
    size_t col;
    if (cc->valid && cc->line == line) {
        /* valid UTF-8: characters are counted by their lead bytes */
        col = cc->col;
        for (size_t i = cc->off; i < off; i++) col += ((unsigned char)c->text->utf8[i] & 0xC0) != 0x80;
        for (size_t i = off; i < cc->off; i++) col -= ((unsigned char)c->text->utf8[i] & 0xC0) != 0x80;
    } else {
        col = nb_text_column_of(c->text, off);
    }
    *cc = (column_cache){true, line, off, col};
    return (int)col;
}

static nb_span source_span(ctx *c, size_t from, size_t to) {
    nb_span sp;
    memset(&sp, 0, sizeof sp);
    if (to <= from) return sp;
    sp.byte_start = nb_prose_source(c->p, from);
    sp.byte_end = nb_prose_source(c->p, to - 1) + 1;
    /* include the whole last character */
    while (sp.byte_end < c->text->len && ((unsigned char)c->text->utf8[sp.byte_end] & 0xC0) == 0x80)
        sp.byte_end++;
    size_t line = nb_text_line_of(c->text, sp.byte_start);
    sp.line = (int)line + 1;
    sp.col_start = column_at(c, line, sp.byte_start);
    size_t end_line = nb_text_line_of(c->text, sp.byte_end - 1);
    sp.col_end = end_line == line ? column_at(c, line, sp.byte_end) : sp.col_start + 1;
    return sp;
}

/* The sentence, or when it is long the clause, for quoting. */
static void quote(const ctx *c, const mention *m, char *buf, size_t size) {
    const char *s = c->p->s;
    size_t from = m->sentence_start, to = m->sentence_end;
    const char *open = "", *close = "";
    if (to - from > 180) {
        from = m->lead_start;
        to = m->clause_end;
        open = from > m->sentence_start ? "…" : "";
        close = to < m->sentence_end ? "…" : "";
        if (to - from > 180) to = char_start(s, from + 180);
    }
    snprintf(buf, size, "%s%.*s%s", open, (int)(to - from), s + from, close);
}

/* "一、本年新收 总计"; "(七)总计", not "(七)总计 总计" */
static void cell_label(const nb_report *r, int cell, char *buf, size_t size) {
    const nb_cell_def *d = &r->tpl->cells[cell];
    const nb_row_def *row = &r->tpl->rows[d->row];
    const char *name = d->table == NB_TABLE_ACTIVE ? row->label : row->short_label;
    size_t n = strlen(name), c = strlen(d->col_label);
    if (n >= c && !strcmp(name + n - c, d->col_label))
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%s %s", name, d->col_label);
}

/* "一、本年新收 总计 = 95"; for a sum "a 1 + b 1 = 2", or with more than
 * three cells the first and the last name and the values. */
static void describe(const nb_report *r, const reading *rd, char *buf, size_t size) {
    char name[160], num[40], values[320];
    if (rd->n == 1) {
        cell_label(r, rd->cells[0], name, sizeof name);
        nb_number_format(r->cells[rd->cells[0]].value, num, sizeof num);
        snprintf(buf, size, "%s = %s", name, num);
        return;
    }
    size_t len = 0;
    values[0] = '\0';
    for (int k = 0; k < rd->n && len < sizeof values; k++) {
        nb_number_format(r->cells[rd->cells[k]].value, num, sizeof num);
        if (rd->n <= 3) cell_label(r, rd->cells[k], name, sizeof name);
        len += (size_t)snprintf(values + len, sizeof values - len, "%s%s%s%s", k ? " + " : "",
                                rd->n <= 3 ? name : "", rd->n <= 3 ? " " : "", num);
    }
    int64_t sum;
    char sum_text[40] = "?";
    if (count_of(r, rd, &sum)) snprintf(sum_text, sizeof sum_text, "%lld", (long long)sum);
    if (rd->n <= 3) {
        snprintf(buf, size, "%s = %s", values, sum_text);
        return;
    }
    char first[160];
    cell_label(r, rd->cells[0], first, sizeof first);
    cell_label(r, rd->cells[rd->n - 1], name, sizeof name);
    snprintf(buf, size, "%s … %s: %s = %s", first, name, values, sum_text);
}

/* Record what was matched, for tests (nb_narrative_explain). */
static void record(ctx *c, const mention *m, nb_match_kind kind, const char *id, const reading *rd,
                   nb_number stated, bool agrees) {
    if (!c->matches || c->nmatches == c->max_matches) return;
    nb_narrative_match *x = &c->matches[c->nmatches++];
    x->kind = kind;
    x->id = id;
    x->source_start = nb_prose_source(c->p, m->num_start);
    x->source_end = nb_prose_source(c->p, m->num_end - 1) + 1;
    x->stated = stated;
    x->ncells = rd->n;
    memcpy(x->cells, rd->cells, (size_t)rd->n * sizeof rd->cells[0]);
    x->agrees = agrees;
}

/* The finding: the text at `m` says `stated_words`, the table has
 * `table_words` in the cells of `rd`; the figure maps to `counted` cells
 * (a share's whole is not counted: it maps as its part does). */
static void emit(ctx *c, const mention *m, const reading *rd, int counted, const char *stated_words,
                 const char *table_words) {
    nb_finding *f = nb_findings_add(c->out, c->r, "text.vs_table", NB_SEV_WARNING, rd->cells, rd->n);
    if (!f) return;
    f->confidence = counted == 1 ? NB_CONFIDENCE_ONE_TO_ONE : NB_CONFIDENCE_SUM;
    f->text_span = source_span(c, m->sentence_start, m->sentence_end);
    nb_span num = source_span(c, m->num_start, m->num_end);
    f->line = num.line;
    f->column = num.col_start;
    char quoted[200], confidence[64];
    quote(c, m, quoted, sizeof quoted);
    if (counted == 1)
        snprintf(confidence, sizeof confidence, "%s", _("(one-to-one)"));
    else
        snprintf(confidence, sizeof confidence, _("(sum of %d cells)"), counted);
    snprintf(f->message, sizeof f->message, _("the text says \"%s\" (%s), but the table has %s %s"),
             quoted, stated_words, table_words, confidence);
    nb_finding_set_key(f, c->r, true);
}

/* ------------------------------------------------------------ statements */

/* The year of the last "2023年" in s[from, to), or 0. */
static int last_year(const char *s, size_t from, size_t to) {
    for (size_t i = to; i >= from + 7; i--) {
        if (memcmp(s + i - 3, "年", 3)) continue;
        const char *y = s + i - 7;
        if (is_digit(y[0]) && is_digit(y[1]) && is_digit(y[2]) && is_digit(y[3]) &&
            (i - 7 == from || !is_digit(y[-1])))
            return (y[0] - '0') * 1000 + (y[1] - '0') * 100 + (y[2] - '0') * 10 + (y[3] - '0');
    }
    return 0;
}

static bool about_fits(const compiled_statement *cs, unsigned flags, const char *s, size_t from,
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
        if (nb_words_any(s, m->sentence_start, m->sentence_end, lex.more) &&
            nb_words_any(s, m->sentence_start, m->sentence_end, lex.fewer))
            return false;
        return nb_words_any(s, m->lead_start, key_start, lex.same_period) ||
               (nb_words_any(s, m->lead_start, key_start, lex.compare) &&
                (nb_words_any(s, m->lead_start, key_start, lex.last_year_words) ||
                 (c->r->year && last_year(s, m->lead_start, key_start) == c->r->year - 1)));
    }
    int y = last_year(s, m->sentence_start, key_start);
    if (y && c->r->year && y != c->r->year) return false;
    return !nb_words_any(s, m->lead_start, key_start, lex.other_years);
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
    unsigned b[2] = {bucket_of(0, (unsigned char)s[at - 1]),
                     at >= m->lead_start + 2 ? bucket_of((unsigned char)s[at - 2], (unsigned char)s[at - 1])
                                             : BUCKETS};
    for (int h = 0; h < 2; h++) {
        if (b[h] == BUCKETS) continue;
        for (int e = lex.key_head[b[h]]; e >= 0; e = lex.entries[e].next) {
            const nb_word *w = lex.entries[e].w;
            if (lex.entries[e].statement != i && w->len <= at - m->lead_start &&
                !memcmp(s + at - w->len, w->s, w->len))
                return true;
        }
    }
    return false;
}

/* Whether statement i fits the mention with its key at s[key_start,
 * key_end) before the number (or after it, `after`). */
static bool statement_fits(const ctx *c, const mention *m, int i, size_t key_start, size_t key_end,
                           bool after) {
    const nb_statement *st = &nb_statements[i];
    const compiled_statement *cs = &lex.st[i];
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
    size_t topic_from = nb_words_any(s, m->sentence_start, m->num_start, lex.foreign)
                            ? m->sentence_start
                        : st->flags & NB_STATEMENT_TOPIC_HERE ? m->period_start
                                                              : m->context_start;
    if (!nb_words_topic(s, topic_from, m->num_start, cs->topic)) return false;
    if (!about_fits(cs, st->flags, s, m->sentence_start, m->num_start)) return false;
    return about_the_year(c, m, after ? m->num_start : key_start, st->flags);
}

/* A statement whose key stands at s[start, end). */
typedef struct candidate {
    int statement;
    size_t start, end;
} candidate;

#define MAX_REACH 24
#define MAX_CANDIDATES 32

/* The offsets reachable backwards from `to` over filler words of any
 * statement: where a key may end. */
static int reach_back(const char *s, size_t from, size_t to, size_t *out) {
    int n = 0;
    out[n++] = to;
    for (int k = 0; k < n; k++) {
        size_t p = out[k];
        if (p <= from) continue;
        unsigned b[2] = {bucket_of(0, (unsigned char)s[p - 1]),
                         p >= from + 2 ? bucket_of((unsigned char)s[p - 2], (unsigned char)s[p - 1]) : BUCKETS};
        for (int h = 0; h < 2; h++) {
            if (b[h] == BUCKETS || (h == 1 && b[1] == b[0])) continue;
            for (int e = lex.fill_head[b[h]]; e >= 0; e = lex.entries[e].next) {
                const nb_word *w = lex.entries[e].w;
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
static int find_keys(const ctx *c, const mention *m, candidate *out) {
    const char *s = c->p->s;
    size_t reach[MAX_REACH];
    int nreach = reach_back(s, m->lead_start, m->num_start, reach), n = 0;
    for (int r = 0; r < nreach; r++) {
        size_t p = reach[r];
        if (p <= m->lead_start) continue;
        unsigned b[2] = {bucket_of(0, (unsigned char)s[p - 1]),
                         p >= m->lead_start + 2 ? bucket_of((unsigned char)s[p - 2], (unsigned char)s[p - 1])
                                                : BUCKETS};
        for (int h = 0; h < 2; h++) {
            if (b[h] == BUCKETS || (h == 1 && b[1] == b[0])) continue;
            for (int e = lex.key_head[b[h]]; e >= 0; e = lex.entries[e].next) {
                const nb_word *w = lex.entries[e].w;
                if (w->len > p - m->lead_start || memcmp(s + p - w->len, w->s, w->len)) continue;
                add_candidate(out, &n, lex.entries[e].statement, p - w->len, p);
            }
        }
    }
    return n;
}

/* ------------------------------------------------------------ judging */

/* Statement i's amount (万元 or 元) against its readings. */
static void judge_amount(ctx *c, const mention *m, int i, const reading *rds, int n) {
    double stated = (double)m->value.units / pow10_of(m->value.scale) * (m->wan ? 10000 : 1);
    double stated_half = (m->wan ? 10000 : 1) / pow10_of(m->value.scale) / 2;
    int first = -1, agreeing = -1;
    for (int k = 0; k < n; k++) {
        double v, half;
        if (!amount_of(c->r, &rds[k], &v, &half)) continue;
        if (first < 0) first = k;
        if (fabs(v - stated) <= (half > stated_half ? half : stated_half) + 1e-6 && agreeing < 0) agreeing = k;
    }
    if (first < 0) return;
    const reading *rd = &rds[agreeing >= 0 ? agreeing : first];
    record(c, m, NB_MATCH_COUNT, nb_statements[i].id, rd, m->value, agreeing >= 0);
    if (agreeing >= 0 || !c->out) return;
    char stated_words[64], table_words[400], num[40];
    nb_number_format(m->value, num, sizeof num);
    snprintf(stated_words, sizeof stated_words, "%s%s", num, m->wan ? "万元" : "元");
    describe(c->r, rd, table_words, sizeof table_words);
    size_t len = strlen(table_words);
    if (rd->n == 1 && len + 1 < sizeof table_words)
        snprintf(table_words + len, sizeof table_words - len, "%s", c->r->cells[rd->cells[0]].unit);
    emit(c, m, rd, rd->n, stated_words, table_words);
}

/* "，占47.63%" right after a count statement i: the share against the
 * table's own ratio, with any of the statement's denominators and either
 * the stated count or the table's. Half a point either way is rounding. */
static void judge_share(ctx *c, const mention *m, int i, const reading *counted, int64_t table_count) {
    const char *s = c->p->s;
    size_t at = m->unit_end;
    static const char *const opens[] = {"，", ",", "（", "(", NULL};
    for (int k = 0; opens[k]; k++)
        if (!strncmp(s + at, opens[k], strlen(opens[k]))) at += strlen(opens[k]);
    if (strncmp(s + at, "占", 3)) return;
    at += 3;
    for (size_t l; (l = nb_words_at(s, at, c->p->n, lex.share_fill)) > 0;) at += l;
    mention pm;
    if (at >= c->p->n || !is_digit(s[at]) || !read_number(s, c->p->n, at, &pm) || pm.unit) return;
    pm.sentence_start = m->sentence_start;
    pm.sentence_end = m->sentence_end;
    pm.lead_start = m->lead_start;
    pm.clause_end = nb_prose_piece_end(&c->p->clauses, pm.unit_end, c->p->n);
    double stated = (double)pm.value.units / pow10_of(pm.value.scale);
    reading dens[MAX_READINGS];
    int n = readings_of(c->r->tpl, nb_statements[i].share, KIND_REVIEW | KIND_SUIT, dens);
    int first = -1;
    bool agrees = false;
    int64_t d = 0, first_d = 0;
    for (int k = 0; k < n && !agrees; k++) {
        if (!count_of(c->r, &dens[k], &d) || d <= 0) continue;
        if (first < 0) first = k, first_d = d;
        agrees = fabs(100.0 * (double)(m->value.units) / (double)d - stated) <= 0.5 ||
                 fabs(100.0 * (double)table_count / (double)d - stated) <= 0.5;
    }
    if (first < 0) return;
    reading both = *counted;
    for (int k = 0; k < dens[first].n && both.n < NB_FINDING_MAX_CELLS; k++)
        both.cells[both.n++] = dens[first].cells[k];
    record(c, &pm, NB_MATCH_SHARE, nb_statements[i].id, &both, pm.value, agrees);
    if (agrees || !c->out) return;
    char stated_words[48], num[40], of[200], whole[200], table_words[480];
    nb_number_format(pm.value, num, sizeof num);
    snprintf(stated_words, sizeof stated_words, "%s%%", num);
    describe(c->r, counted, of, sizeof of);
    describe(c->r, &dens[first], whole, sizeof whole);
    snprintf(table_words, sizeof table_words, "%s / %s → %.2f%%", of, whole,
             100.0 * (double)table_count / (double)first_d);
    emit(c, &pm, &both, counted->n, stated_words, table_words);
}

/* Whether the sentence, after the number, states 上年结转 on its own
 * ("，上年结转1件"), not as a part of it ("（含上年结转1件）"). */
static bool carried_stated_apart(const ctx *c, const mention *m) {
    const char *s = c->p->s;
    size_t start, end;
    if (!nb_words_last(s, m->unit_end, m->sentence_end, lex.carried, &start, &end)) return false;
    return !nb_words_any(s, start >= m->unit_end + 9 ? start - 9 : m->unit_end, start, lex.including);
}

/* Whether a key of statement i stands right before the number at `o`,
 * in a sentence about the same row ("行政强制决定12件" is not 处罚's),
 * whatever else the sentence says ("其中区住建局受理200件" is a part, and
 * so part of a breakdown). */
static bool key_before(ctx *c, mention *o, int i) {
    candidate cands[MAX_CANDIDATES];
    place(c, o);
    int n = find_keys(c, o, cands);
    for (int k = 0; k < n; k++)
        if (cands[k].statement == i)
            return nb_words_fill(c->p->s, cands[k].end, o->num_start, lex.st[i].fill) &&
                   about_fits(&lex.st[i], nb_statements[i].flags, c->p->s, o->sentence_start, o->num_start);
    return false;
}

/* Whether statement i fits two numbers of this period (up to 。) with
 * different figures: a breakdown by department or channel ("区住建局受理
 * 200件；区规划局受理100件"), not the table's figure. Found once per
 * statement and period. */
static bool broken_down(ctx *c, const mention *m, int i) {
    const nb_prose *p = c->p;
    size_t from = nb_prose_piece_start(&p->periods, m->num_start);
    size_t to = nb_prose_piece_end(&p->periods, m->unit_end, p->n);
    for (int k = 0; k < c->nbreakdowns; k++)
        if (c->breakdowns[k].period == from && c->breakdowns[k].statement == i) return c->breakdowns[k].apart;
    size_t lo = 0, hi = p->numbers.n;
    while (lo < hi) {
        size_t mid = (lo + hi) / 2;
        if (p->numbers.at[mid] < from)
            lo = mid + 1;
        else
            hi = mid;
    }
    bool apart = false, have = false;
    int64_t first = 0, v;
    for (size_t k = lo; k < p->numbers.n && p->numbers.at[k] < to && !apart; k++) {
        mention o;
        if (!read_number(p->s, p->n, p->numbers.at[k], &o) || !(o.unit & nb_statements[i].units)) continue;
        if (!key_before(c, &o, i)) continue;
        v = o.value.units;
        apart = have && v != first;
        if (!have) first = v, have = true;
    }
    int slot = c->nbreakdowns < 8 ? c->nbreakdowns++ : (int)(from % 8);
    c->breakdowns[slot].period = from;
    c->breakdowns[slot].statement = i;
    c->breakdowns[slot].apart = apart;
    return apart;
}

/* Statement i's count against its readings; false when the template has
 * none of its cells (the next statement may fit). */
static bool judge(ctx *c, const mention *m, int i) {
    const nb_statement *st = &nb_statements[i];
    reading rds[MAX_READINGS];
    int n = readings_of(c->r->tpl, st->cells, KIND_REVIEW | KIND_SUIT, rds);
    if (!n) return false;
    if ((st->flags & NB_STATEMENT_SPLIT) && carried_stated_apart(c, m)) n = 1;
    if (m->unit == NB_UNIT_MONEY) {
        judge_amount(c, m, i, rds, n);
        return true;
    }
    if (m->value.scale) return true; /* a count with decimals is not a count */
    int64_t stated = st->flags & NB_STATEMENT_DECREASE ? -m->value.units : m->value.units;
    int first = -1, agreeing = -1;
    int64_t v, first_v = 0;
    for (int k = 0; k < n; k++) {
        if (!count_of(c->r, &rds[k], &v)) continue;
        if (first < 0) first = k, first_v = v;
        if (v == stated && agreeing < 0) agreeing = k;
    }
    if (first < 0 || (agreeing < 0 && broken_down(c, m, i))) return true;
    const reading *rd = &rds[agreeing >= 0 ? agreeing : first];
    record(c, m, NB_MATCH_COUNT, st->id, rd, (nb_number){stated, 0}, agreeing >= 0);
    if (agreeing < 0 && c->out) {
        char stated_words[48], table_words[400];
        snprintf(stated_words, sizeof stated_words, "%lld", (long long)stated);
        describe(c->r, rd, table_words, sizeof table_words);
        emit(c, m, rd, rd->n, stated_words, table_words);
    }
    if (st->share) judge_share(c, m, i, rd, agreeing >= 0 ? stated : first_v);
    return true;
}

/* Number first: "另有 103 件顺延到下年度答复". Only a few statements
 * have such words; they all speak of the next year. */
static bool match_after(ctx *c, const mention *m) {
    const char *s = c->p->s;
    static const nb_word next_year[] = {{"下年", 6, false}, {"下一年", 9, false}};
    if (!nb_words_any(s, m->unit_end, m->clause_end, (nb_words){next_year, 2})) return false;
    for (size_t i = 0; i < nb_statement_count; i++) {
        const compiled_statement *cs = &lex.st[i];
        if (!cs->after.n || !(nb_statements[i].units & m->unit)) continue;
        size_t reach[MAX_REACH];
        int n = 0;
        reach[n++] = m->unit_end;
        for (int k = 0; k < n; k++) {
            size_t len = nb_words_at(s, reach[k], m->clause_end, cs->after);
            if (len && statement_fits(c, m, (int)i, reach[k], reach[k] + len, true) &&
                judge(c, m, (int)i))
                return true;
            for (int w = 0; w < cs->fill.n && n < MAX_REACH; w++) {
                const nb_word *f = &cs->fill.w[w];
                if (reach[k] + f->len <= m->clause_end && !memcmp(s + reach[k], f->s, f->len))
                    reach[n++] = reach[k] + f->len;
            }
        }
    }
    return false;
}

static void match_number(ctx *c, const mention *m) {
    candidate cands[MAX_CANDIDATES];
    int n = find_keys(c, m, cands);
    for (int k = 0; k < n; k++)
        if (statement_fits(c, m, cands[k].statement, cands[k].start, cands[k].end, false) &&
            judge(c, m, cands[k].statement))
            return;
    match_after(c, m);
}

/* ------------------------------------------------------------ claims */

/* Whether s[from, to) is made of `fill` and the claim's subjects only;
 * the subjects met, as bits, or -1. */
static int subjects_in(const char *s, size_t from, size_t to, const compiled_claim *cc, bool subjects) {
    int met = 0;
    for (size_t at = from; at < to;) {
        size_t best = nb_words_at(s, at, to, cc->fill);
        int which = -1;
        for (int k = 0; subjects && k < 3; k++) {
            size_t l = nb_words_at(s, at, to, cc->subjects[k]);
            if (l > best) best = l, which = k;
        }
        if (!best) return -1;
        if (which >= 0) met |= 1 << which;
        at += best;
    }
    return met;
}

/* The rows of 四 the sentence names, for "@". */
static unsigned kinds_named(const char *s, size_t from, size_t to) {
    unsigned kinds = (nb_words_any(s, from, to, lex.review_named) ? KIND_REVIEW : 0) |
                     (nb_words_any(s, from, to, lex.suit_named) ? KIND_SUIT : 0);
    return kinds ? kinds : KIND_REVIEW | KIND_SUIT;
}

/* Claim i with its trigger at s[at, end): every subject it names must
 * have zero in all its cells. */
static void judge_claim(ctx *c, int i, size_t at, size_t end) {
    const nb_prose *p = c->p;
    const compiled_claim *cc = &lex.cl[i];
    size_t ps = nb_prose_piece_start(&p->phrases, at), pe = nb_prose_piece_end(&p->phrases, end, p->n);
    int met = nb_claims[i].closing
                  ? (nb_words_fill(p->s, end, pe, cc->fill) ? subjects_in(p->s, ps, at, cc, true) : -1)
                  : subjects_in(p->s, end, pe, cc, true);
    if (met <= 0) return;
    mention m = {.num_start = at, .num_end = end, .unit_end = end};
    place(c, &m);
    m.lead_start = ps;
    m.clause_end = pe;
    if (!nb_words_topic(p->s, m.period_start, pe, cc->topic)) return;
    /* "2022年未发生…" in a report on 2023 is about another year */
    int y = last_year(p->s, m.sentence_start, at);
    if (y && c->r->year && y != c->r->year) return;
    unsigned kinds = kinds_named(p->s, m.sentence_start, pe);
    for (int k = 0; k < 3; k++) {
        if (!(met & (1 << k))) continue;
        reading rds[MAX_READINGS];
        int64_t sum;
        if (readings_of(c->r->tpl, nb_claims[i].subjects[k].cells, kinds, rds) < 1 ||
            !count_of(c->r, &rds[0], &sum))
            continue;
        record(c, &m, NB_MATCH_CLAIM, nb_claims[i].id, &rds[0], (nb_number){0, 0}, sum == 0);
        if (sum == 0 || !c->out) continue;
        char table_words[400];
        describe(c->r, &rds[0], table_words, sizeof table_words);
        emit(c, &m, &rds[0], rds[0].n, "0", table_words);
    }
}

static void match_claims(ctx *c, size_t at) {
    const char *s = c->p->s;
    for (size_t i = 0; i < nb_claim_count; i++) {
        size_t len = nb_words_at(s, at, c->p->n, lex.cl[i].trigger);
        if (len) judge_claim(c, (int)i, at, at + len);
    }
}

/* ------------------------------------------------------------ entry points */

static void scan(ctx *c) {
    const nb_prose *p = c->p;
    for (size_t k = 0; k < p->numbers.n; k++) {
        mention m;
        if (!read_number(p->s, p->n, p->numbers.at[k], &m) || !m.unit) continue;
        place(c, &m);
        match_number(c, &m);
    }
    for (size_t k = 0; k < p->claims.n; k++) match_claims(c, p->claims.at[k]);
}

static void run(const nb_report *r, const nb_text *text, nb_findings *out, nb_narrative_match *matches,
                int max_matches, int *nmatches) {
    if (nmatches) *nmatches = 0;
    if (!r || !text || !text->utf8 || !r->tpl || !r->cells || !lexicon_ready()) return;
    nb_prose p;
    if (nb_prose_build(&p, text, r->byte_start, r->byte_end, r->tables_start, r->tables_end) && p.n) {
        ctx c = {.r = r, .text = text, .p = &p, .out = out, .matches = matches, .max_matches = max_matches};
        scan(&c);
        if (nmatches) *nmatches = c.nmatches;
    }
    nb_prose_free(&p);
}

void nb_check_narrative(const nb_report *r, const nb_text *text, nb_findings *out) {
    run(r, text, out, NULL, 0, NULL);
}

int nb_narrative_explain(const nb_report *r, const nb_text *text, nb_narrative_match *out, int max) {
    int n = 0;
    run(r, text, NULL, out, max, &n);
    return n;
}
