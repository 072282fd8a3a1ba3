/* Text against table: what the narrative states ("全年共受理政府信息公开
 * 申请3119件", "未发生政府信息公开行政复议", "予以公开或部分公开554件，
 * 占47.63%") compared with the cells it describes. Rule text.vs_table,
 * severity warning.
 *
 * The phrases are data (statements.c), compiled by lexicon.c; mention.c
 * finds them around each number, compare.c names the cells and words the
 * finding; this file judges each match and runs the check. A false
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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-internal.h"
#include "narrative-internal.h"
#include "prose.h"
#include "statements.h"
#include "words.h"

/* Statement i's amount (万元 or 元) against its readings. */
static void judge_amount(ctx *c, const mention *m, int i, const reading *rds, int n) {
    double stated = (double)m->value.units / nb_pow10_of(m->value.scale) * (m->wan ? 10000 : 1);
    double stated_half = (m->wan ? 10000 : 1) / nb_pow10_of(m->value.scale) / 2;
    int first = -1, agreeing = -1;
    for (int k = 0; k < n; k++) {
        double v, half;
        if (!nb_amount_of(c->r, &rds[k], &v, &half)) continue;
        if (first < 0) first = k;
        if (fabs(v - stated) <= (half > stated_half ? half : stated_half) + 1e-6 && agreeing < 0) agreeing = k;
    }
    if (first < 0) return;
    const reading *rd = &rds[agreeing >= 0 ? agreeing : first];
    nb_record_match(c, m, NB_MATCH_COUNT, nb_statements[i].id, rd, m->value, agreeing >= 0);
    if (agreeing >= 0 || !c->out) return;
    char stated_words[64], table_words[400], num[40];
    nb_number_format(m->value, num, sizeof num);
    snprintf(stated_words, sizeof stated_words, "%s%s", num, m->wan ? "万元" : "元");
    nb_describe(c->r, rd, table_words, sizeof table_words);
    size_t len = strlen(table_words);
    if (rd->n == 1 && len + 1 < sizeof table_words)
        snprintf(table_words + len, sizeof table_words - len, "%s", c->r->cells[rd->cells[0]].unit);
    nb_emit_finding(c, m, rd, rd->n, stated_words, table_words);
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
    for (size_t l; (l = nb_words_at(s, at, c->p->n, nb_lex.share_fill)) > 0;) at += l;
    mention pm;
    if (at >= c->p->n || !is_digit(s[at]) || !nb_read_number(s, c->p->n, at, &pm) || pm.unit) return;
    pm.sentence_start = m->sentence_start;
    pm.sentence_end = m->sentence_end;
    pm.lead_start = m->lead_start;
    pm.clause_end = nb_prose_piece_end(&c->p->clauses, pm.unit_end, c->p->n);
    double stated = (double)pm.value.units / nb_pow10_of(pm.value.scale);
    reading dens[MAX_READINGS];
    int n = nb_readings_of(c->r->tpl, nb_statements[i].share, KIND_REVIEW | KIND_SUIT, dens);
    int first = -1;
    bool agrees = false;
    int64_t d = 0, first_d = 0;
    for (int k = 0; k < n && !agrees; k++) {
        if (!nb_count_of(c->r, &dens[k], &d) || d <= 0) continue;
        if (first < 0) first = k, first_d = d;
        agrees = fabs(100.0 * (double)(m->value.units) / (double)d - stated) <= 0.5 ||
                 fabs(100.0 * (double)table_count / (double)d - stated) <= 0.5;
    }
    if (first < 0) return;
    reading both = *counted;
    for (int k = 0; k < dens[first].n && both.n < NB_FINDING_MAX_CELLS; k++)
        both.cells[both.n++] = dens[first].cells[k];
    nb_record_match(c, &pm, NB_MATCH_SHARE, nb_statements[i].id, &both, pm.value, agrees);
    if (agrees || !c->out) return;
    char stated_words[48], num[40], of[200], whole[200], table_words[480];
    nb_number_format(pm.value, num, sizeof num);
    snprintf(stated_words, sizeof stated_words, "%s%%", num);
    nb_describe(c->r, counted, of, sizeof of);
    nb_describe(c->r, &dens[first], whole, sizeof whole);
    snprintf(table_words, sizeof table_words, "%s / %s → %.2f%%", of, whole,
             100.0 * (double)table_count / (double)first_d);
    nb_emit_finding(c, &pm, &both, counted->n, stated_words, table_words);
}

/* Whether the sentence, after the number, states 上年结转 on its own
 * ("，上年结转1件"), not as a part of it ("（含上年结转1件）"). */
static bool carried_stated_apart(const ctx *c, const mention *m) {
    const char *s = c->p->s;
    size_t start, end;
    if (!nb_words_last(s, m->unit_end, m->sentence_end, nb_lex.carried, &start, &end)) return false;
    return !nb_words_any(s, start >= m->unit_end + 9 ? start - 9 : m->unit_end, start, nb_lex.including);
}

/* Whether a key of statement i stands right before the number at `o`,
 * in a sentence about the same row ("行政强制决定12件" is not 处罚's),
 * whatever else the sentence says ("其中区住建局受理200件" is a part, and
 * so part of a breakdown). */
static bool key_before(ctx *c, mention *o, int i) {
    candidate cands[MAX_CANDIDATES];
    nb_mention_place(c, o);
    int n = nb_find_keys(c, o, cands);
    for (int k = 0; k < n; k++)
        if (cands[k].statement == i)
            return nb_words_fill(c->p->s, cands[k].end, o->num_start, nb_lex.st[i].fill) &&
                   nb_about_fits(&nb_lex.st[i], nb_statements[i].flags, c->p->s, o->sentence_start, o->num_start);
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
        if (!nb_read_number(p->s, p->n, p->numbers.at[k], &o) || !(o.unit & nb_statements[i].units)) continue;
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
    int n = nb_readings_of(c->r->tpl, st->cells, KIND_REVIEW | KIND_SUIT, rds);
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
        if (!nb_count_of(c->r, &rds[k], &v)) continue;
        if (first < 0) first = k, first_v = v;
        if (v == stated && agreeing < 0) agreeing = k;
    }
    if (first < 0 || (agreeing < 0 && broken_down(c, m, i))) return true;
    const reading *rd = &rds[agreeing >= 0 ? agreeing : first];
    nb_record_match(c, m, NB_MATCH_COUNT, st->id, rd, (nb_number){stated, 0}, agreeing >= 0);
    if (agreeing < 0 && c->out) {
        char stated_words[48], table_words[400];
        snprintf(stated_words, sizeof stated_words, "%lld", (long long)stated);
        nb_describe(c->r, rd, table_words, sizeof table_words);
        nb_emit_finding(c, m, rd, rd->n, stated_words, table_words);
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
        const compiled_statement *cs = &nb_lex.st[i];
        if (!cs->after.n || !(nb_statements[i].units & m->unit)) continue;
        size_t reach[MAX_REACH];
        int n = 0;
        reach[n++] = m->unit_end;
        for (int k = 0; k < n; k++) {
            size_t len = nb_words_at(s, reach[k], m->clause_end, cs->after);
            if (len && nb_statement_fits(c, m, (int)i, reach[k], reach[k] + len, true) &&
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
    int n = nb_find_keys(c, m, cands);
    for (int k = 0; k < n; k++)
        if (nb_statement_fits(c, m, cands[k].statement, cands[k].start, cands[k].end, false) &&
            judge(c, m, cands[k].statement))
            return;
    match_after(c, m);
}

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
    unsigned kinds = (nb_words_any(s, from, to, nb_lex.review_named) ? KIND_REVIEW : 0) |
                     (nb_words_any(s, from, to, nb_lex.suit_named) ? KIND_SUIT : 0);
    return kinds ? kinds : KIND_REVIEW | KIND_SUIT;
}

/* Claim i with its trigger at s[at, end): every subject it names must
 * have zero in all its cells. */
static void judge_claim(ctx *c, int i, size_t at, size_t end) {
    const nb_prose *p = c->p;
    const compiled_claim *cc = &nb_lex.cl[i];
    size_t ps = nb_prose_piece_start(&p->phrases, at), pe = nb_prose_piece_end(&p->phrases, end, p->n);
    int met = nb_claims[i].closing
                  ? (nb_words_fill(p->s, end, pe, cc->fill) ? subjects_in(p->s, ps, at, cc, true) : -1)
                  : subjects_in(p->s, end, pe, cc, true);
    if (met <= 0) return;
    mention m = {.num_start = at, .num_end = end, .unit_end = end};
    nb_mention_place(c, &m);
    m.lead_start = ps;
    m.clause_end = pe;
    if (!nb_words_topic(p->s, m.period_start, pe, cc->topic)) return;
    /* "2022年未发生…" in a report on 2023 is about another year */
    int y = nb_last_year(p->s, m.sentence_start, at);
    if (y && c->r->year && y != c->r->year) return;
    unsigned kinds = kinds_named(p->s, m.sentence_start, pe);
    for (int k = 0; k < 3; k++) {
        if (!(met & (1 << k))) continue;
        reading rds[MAX_READINGS];
        int64_t sum;
        if (nb_readings_of(c->r->tpl, nb_claims[i].subjects[k].cells, kinds, rds) < 1 ||
            !nb_count_of(c->r, &rds[0], &sum))
            continue;
        nb_record_match(c, &m, NB_MATCH_CLAIM, nb_claims[i].id, &rds[0], (nb_number){0, 0}, sum == 0);
        if (sum == 0 || !c->out) continue;
        char table_words[400];
        nb_describe(c->r, &rds[0], table_words, sizeof table_words);
        nb_emit_finding(c, &m, &rds[0], rds[0].n, "0", table_words);
    }
}

static void match_claims(ctx *c, size_t at) {
    const char *s = c->p->s;
    for (size_t i = 0; i < nb_claim_count; i++) {
        size_t len = nb_words_at(s, at, c->p->n, nb_lex.cl[i].trigger);
        if (len) judge_claim(c, (int)i, at, at + len);
    }
}

static void scan(ctx *c) {
    const nb_prose *p = c->p;
    for (size_t k = 0; k < p->numbers.n; k++) {
        mention m;
        if (!nb_read_number(p->s, p->n, p->numbers.at[k], &m) || !m.unit) continue;
        nb_mention_place(c, &m);
        match_number(c, &m);
    }
    for (size_t k = 0; k < p->claims.n; k++) match_claims(c, p->claims.at[k]);
}

static void run(const nb_report *r, const nb_text *text, nb_findings *out, nb_narrative_match *matches,
                int max_matches, int *nmatches) {
    if (nmatches) *nmatches = 0;
    if (!r || !text || !text->utf8 || !r->tpl || !r->cells || !nb_lexicon_ready()) return;
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
