/* The cross-checks (勾稽关系) and consistency rules over a report's cells.
 *
 * Every rule is one line of NB_CHECK_RULES (check-internal.h): its
 * stable id, severity and summary; man/nianbao.1 says each in full. This
 * file runs them: the identities (applications.row_total,
 * results_total, balance, appeals.total), the period and year rules, the
 * recogniser's notes (parse.*) and the cross-year rules; the cell rules
 * are cell_rules.c's and text.vs_table the narrative check's.
 *
 * The identities are built from the template data (rows in template
 * order, columns by id), so the same code serves 2019, 2021 and the 2021
 * variant with (六) as one row.
 *
 * Culprit: for a broken identity, each of its cells is tried with the
 * value that would make that identity hold; the cell is a candidate when
 * every identity it takes part in then holds. Exactly one candidate is
 * the culprit. When all broken identities share one cell this is the
 * cell whose change makes every broken identity hold; judging each
 * finding on its own also keeps a culprit visible in a report that has an
 * unrelated error elsewhere (as the 2019 虹口区 report does). */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-internal.h"
#include "nianbao/agency.h"

/* --------------------------------------------------------------- identities */

/* sum(term[0..nlhs)) = sum(term[nlhs..nterms)) over whole counts. */
typedef struct identity {
    nb_rule rule;
    const char *label; /* the row's or the column's label, for the message */
    bool by_column;    /* an identity down a column (else along a row) */
    int term[NB_FINDING_MAX_CELLS];
    int nlhs, nterms;
} identity;


typedef struct identity_set {
    identity items[NB_MAX_IDENTITIES];
    int n;
} identity_set;

static identity *identity_new(identity_set *s, nb_rule rule, const char *label) {
    if (s->n == NB_MAX_IDENTITIES) return NULL;
    identity *id = &s->items[s->n++];
    id->rule = rule;
    id->label = label;
    id->by_column = false;
    id->nlhs = id->nterms = 0;
    return id;
}

static void identity_term(identity *id, int cell, bool lhs) {
    if (!id || cell < 0 || id->nterms == NB_FINDING_MAX_CELLS) return;
    if (lhs) {
        /* keep the left-hand side first */
        memmove(&id->term[id->nlhs + 1], &id->term[id->nlhs],
                (size_t)(id->nterms - id->nlhs) * sizeof id->term[0]);
        id->term[id->nlhs++] = cell;
    } else {
        id->term[id->nterms] = cell;
    }
    id->nterms++;
}

/* A row identity: the cells of row `row` other than column "total"
 * add up to its "total". */
static void add_row_identity(identity_set *s, const nb_template *tpl, int row, nb_rule rule) {
    const nb_row_def *rd = &tpl->rows[row];
    int total = nb_template_cell_at(tpl, row, "total");
    if (total < 0) return;
    identity *id = identity_new(s, rule, rd->short_label);
    if (!id) return;
    for (int c = rd->first_cell; c < rd->first_cell + rd->ncells; c++)
        if (c != total) identity_term(id, c, true);
    identity_term(id, total, false);
}

static void build_identities(const nb_template *tpl, identity_set *s) {
    s->n = 0;
    int new_received = -1, carried_over = -1, total = -1, carried_forward = -1;
    for (int r = 0; r < tpl->nrows; r++) {
        const nb_row_def *rd = &tpl->rows[r];
        if (rd->table == NB_TABLE_APPLICATIONS) {
            add_row_identity(s, tpl, r, NB_RULE_APPLICATIONS_ROW_TOTAL);
            if (!strcmp(rd->id, "new_received")) new_received = r;
            if (!strcmp(rd->id, "carried_over")) carried_over = r;
            if (!strcmp(rd->id, "total")) total = r;
            if (!strcmp(rd->id, "carried_forward")) carried_forward = r;
        }
    }
    if (carried_over >= 0 && total > carried_over) {
        /* The results rows are those the template lists between 二 and (七). */
        for (int c = 0; c < tpl->rows[total].ncells; c++) {
            int tc = tpl->rows[total].first_cell + c;
            identity *id = identity_new(s, NB_RULE_APPLICATIONS_RESULTS_TOTAL, tpl->cells[tc].col_label);
            if (!id) return;
            id->by_column = true;
            for (int r = carried_over + 1; r < total; r++)
                identity_term(id, nb_template_cell_at(tpl, r, tpl->cells[tc].col_id), true);
            identity_term(id, tc, false);
        }
    }
    if (new_received >= 0 && carried_over >= 0 && total >= 0 && carried_forward >= 0) {
        for (int c = 0; c < tpl->rows[total].ncells; c++) {
            const char *col = tpl->cells[tpl->rows[total].first_cell + c].col_id;
            identity *id = identity_new(s, NB_RULE_APPLICATIONS_BALANCE,
                                        tpl->cells[tpl->rows[total].first_cell + c].col_label);
            if (!id) return;
            id->by_column = true;
            identity_term(id, nb_template_cell_at(tpl, new_received, col), true);
            identity_term(id, nb_template_cell_at(tpl, carried_over, col), true);
            identity_term(id, nb_template_cell_at(tpl, total, col), false);
            identity_term(id, nb_template_cell_at(tpl, carried_forward, col), false);
        }
    }
    for (int r = 0; r < tpl->nrows; r++)
        if (tpl->rows[r].table == NB_TABLE_APPEALS) {
            add_row_identity(s, tpl, r, NB_RULE_APPEALS_TOTAL);
            if (s->n) s->items[s->n - 1].label = tpl->rows[r].label;
        }
}

/* Whole values of the cells: identities are about counts, so a cell
 * takes part only when it holds a whole number. */
typedef struct cell_values {
    int64_t v[NB_TEMPLATE_MAX_CELLS];
    bool known[NB_TEMPLATE_MAX_CELLS];
} cell_values;

static void load_values(const nb_report *r, cell_values *cv) {
    static const int64_t pow10[10] = {1,      10,      100,      1000,      10000,
                                      100000, 1000000, 10000000, 100000000, 1000000000};
    int n = r->tpl->ncells < NB_TEMPLATE_MAX_CELLS ? r->tpl->ncells : NB_TEMPLATE_MAX_CELLS;
    for (int i = 0; i < n; i++) {
        const nb_cell *c = &r->cells[i];
        cv->known[i] = c->has_value && c->value.scale <= 9 && nb_number_is_integer(c->value);
        cv->v[i] = cv->known[i] ? c->value.units / pow10[c->value.scale] : 0;
    }
}

static bool identity_eval(const identity *id, const cell_values *cv, int64_t *lhs, int64_t *rhs) {
    int64_t l = 0, rr = 0;
    for (int t = 0; t < id->nterms; t++) {
        int c = id->term[t];
        if (c >= NB_TEMPLATE_MAX_CELLS || !cv->known[c]) return false;
        if (t < id->nlhs)
            l += cv->v[c];
        else
            rr += cv->v[c];
    }
    *lhs = l;
    *rhs = rr;
    return true;
}

static bool identity_has(const identity *id, int cell) {
    for (int t = 0; t < id->nterms; t++)
        if (id->term[t] == cell) return true;
    return false;
}

/* The one cell of broken identity `k` whose corrected value makes every
 * identity it takes part in hold; -1 when none or several. */
static int find_culprit(const nb_report *r, const identity_set *s, int k, cell_values *cv,
                        int64_t *value) {
    const identity *id = &s->items[k];
    int64_t lhs, rhs;
    if (!identity_eval(id, cv, &lhs, &rhs)) return -1;
    int64_t diff = lhs - rhs;
    int found = -1, nfound = 0;
    for (int t = 0; t < id->nterms; t++) {
        int c = id->term[t];
        int64_t saved = cv->v[c];
        int64_t v = t < id->nlhs ? saved - diff : saved + diff;
        if (v < 0 && !(r->tpl->cells[c].flags & NB_CELL_SIGNED)) continue;
        cv->v[c] = v;
        bool all_hold = true;
        for (int j = 0; j < s->n && all_hold; j++) {
            int64_t a, b;
            if (identity_has(&s->items[j], c) && identity_eval(&s->items[j], cv, &a, &b) && a != b)
                all_hold = false;
        }
        cv->v[c] = saved;
        if (all_hold) {
            found = c;
            *value = v;
            nfound++;
        }
    }
    return nfound == 1 ? found : -1;
}

/* "(一)予以公开 6 + (二)部分公开 6": the non-zero terms of [from, to),
 * each named by its row's short label (an identity down a column) or its
 * column's label (along a row), its value as the source writes it; "0"
 * when every term is zero. */
static void format_terms(const nb_report *r, const identity *id, const cell_values *cv, int from,
                         int to, char *buf, size_t size) {
    size_t len = 0;
    buf[0] = '\0';
    for (int t = from; t < to && len < size; t++) {
        int c = id->term[t];
        if (cv->v[c] == 0) continue;
        const nb_cell_def *d = &r->tpl->cells[c];
        char num[40];
        nb_number_format(r->cells[c].value, num, sizeof num);
        len += (size_t)snprintf(buf + len, size - len, "%s%s %s", len ? " + " : "",
                                id->by_column ? r->tpl->rows[d->row].short_label : d->col_label, num);
    }
    if (!buf[0]) snprintf(buf, size, "0");
}

/* "(七)总计·自然人 20 ≠ 26 = (一)予以公开 6 + …": the stated total, then
 * the sum and its terms; with several terms on the right (the balance)
 * "自然人: 一、本年新收 47 + 二、上年结转 3 = 50 ≠ 49 = (七)总计 45 + …". */
static void identity_message(const nb_report *r, const identity *id, const cell_values *cv,
                             int64_t lhs, int64_t rhs, nb_finding *f) {
    char left[900];
    format_terms(r, id, cv, 0, id->nlhs, left, sizeof left);
    if (id->nterms - id->nlhs == 1) {
        char name[160], num[40];
        int total = id->term[id->nlhs];
        nb_cell_words(r->tpl, total, "·", name, sizeof name);
        nb_number_format(r->cells[total].value, num, sizeof num);
        /* TRANSLATORS: the cell that states a total, its value, the sum of
         * the terms, the terms ("(一)予以公开 6 + (二)部分公开 6") */
        snprintf(f->message, sizeof f->message, _("%s %s ≠ %lld = %s"), name, num, (long long)lhs,
                 left);
    } else {
        char right[900];
        format_terms(r, id, cv, id->nlhs, id->nterms, right, sizeof right);
        /* TRANSLATORS: a column, the terms of one side, their sum, the sum
         * of the other side, its terms */
        snprintf(f->message, sizeof f->message, _("%s: %s = %lld ≠ %lld = %s"), id->label, left,
                 (long long)lhs, (long long)rhs, right);
    }
}

/* A broken identity and its finding (an index: the list may move). */
typedef struct broken {
    int k, finding;
    int64_t diff; /* left side - right side */
} broken;

typedef struct broken_set {
    broken items[NB_MAX_IDENTITIES];
    int n;
} broken_set;

/* The identity's term in template row `row`, or -1; *lhs says on which side. */
static int term_in_row(const nb_template *tpl, const identity *id, int row, bool *lhs) {
    for (int t = 0; t < id->nterms; t++)
        if (tpl->cells[id->term[t]].row == row) {
            *lhs = t < id->nlhs;
            return id->term[t];
        }
    return -1;
}

/* Whether every identity that takes part of cells[0..n) holds. */
static bool identities_hold(const identity_set *s, const cell_values *cv, const int *cells, int n) {
    for (int j = 0; j < s->n; j++) {
        bool involved = false;
        for (int i = 0; i < n && !involved; i++) involved = identity_has(&s->items[j], cells[i]);
        int64_t a, b;
        if (involved && identity_eval(&s->items[j], cv, &a, &b) && a != b) return false;
    }
    return true;
}

/* Row `row` as the cause of broken identities gs[0..n) (one a column):
 * its cell in each column, changed by that column's difference, makes
 * every identity those cells take part in hold. The cells and the values
 * they would need go to cells[] and need[]. */
static bool row_explains(const nb_report *r, const identity_set *s, const broken *const *gs, int n,
                         int row, cell_values *cv, int *cells, int64_t *need) {
    int64_t saved[NB_MAX_IDENTITIES];
    int done = 0;
    bool ok = true;
    for (; done < n && ok; done++) {
        bool lhs;
        int c = term_in_row(r->tpl, &s->items[gs[done]->k], row, &lhs);
        if (c < 0 || !cv->known[c]) break;
        int64_t v = lhs ? cv->v[c] - gs[done]->diff : cv->v[c] + gs[done]->diff;
        ok = v >= 0 || (r->tpl->cells[c].flags & NB_CELL_SIGNED);
        cells[done] = c;
        saved[done] = cv->v[c];
        need[done] = v;
        cv->v[c] = v;
    }
    ok = ok && done == n && identities_hold(s, cv, cells, n);
    while (done-- > 0) cv->v[cells[done]] = saved[done];
    return ok;
}

/* "applications.row_total (一、本年新收), applications.results_total
 * (自然人, 总计)": the findings a cause explains, by rule and label. */
static void explained_list(const identity_set *s, const broken *const *gs, int n, char *buf,
                           size_t size) {
    size_t len = 0;
    buf[0] = '\0';
    for (int i = 0; i < n && len + 2 < size; i++) {
        const identity *id = &s->items[gs[i]->k];
        if (i > 0 && s->items[gs[i - 1]->k].rule == id->rule)
            len += (size_t)snprintf(buf + len - 1, size - len + 1, ", %s)", id->label) - 1;
        else
            len += (size_t)snprintf(buf + len, size - len, "%s%s (%s)", i ? ", " : "",
                                    nb_check_rules(NULL)[id->rule].id, id->label);
    }
}

/* The findings of gs[0..n) share a cause: cell `cell` (row < 0) or row
 * `row` (cells[] and need[] its cells and the values they would need). */
static void mark_cause(const nb_report *r, const identity_set *s, nb_findings *out,
                       const broken *const *gs, int n, int row, const int *cells,
                       const int64_t *need) {
    char name[160], reads[200] = "", would[200] = "", where[300] = "", list[400];
    size_t a = 0, b = 0, c = 0;
    for (int i = 0; i < (row < 0 ? 1 : n); i++) {
        char num[40];
        nb_number_format(r->cells[cells[i]].value, num, sizeof num);
        a += (size_t)snprintf(reads + a, a < sizeof reads ? sizeof reads - a : 0, "%s%s", i ? "/" : "", num);
        b += (size_t)snprintf(would + b, b < sizeof would ? sizeof would - b : 0, "%s%lld", i ? "/" : "",
                              (long long)need[i]);
        c += (size_t)snprintf(where + c, c < sizeof where ? sizeof where - c : 0, "%s%s", i ? "/" : "",
                              r->tpl->cells[cells[i]].col_label);
    }
    explained_list(s, gs, n, list, sizeof list);
    for (int i = 0; i < n; i++) {
        nb_finding *f = &out->items[gs[i]->finding];
        f->cause_cell = row < 0 ? cells[0] : -1;
        f->cause_row = row;
        f->cause_count = n;
        if (row < 0) {
            nb_cell_words(r->tpl, cells[0], "·", name, sizeof name);
            /* TRANSLATORS: a cell, its value, the value it would need, how
             * many findings that explains, which ones */
            snprintf(f->cause, sizeof f->cause,
                     ngettext("%s reads %s; %s would make every identity it is in hold, which "
                              "explains %d finding: %s",
                              "%s reads %s; %s would make every identity it is in hold, which "
                              "explains %d findings: %s", (unsigned long)n),
                     name, reads, would, n, list);
        } else {
            /* TRANSLATORS: a row, its values, in which columns, the values
             * they would need, how many findings that explains, which ones */
            snprintf(f->cause, sizeof f->cause,
                     ngettext("row %s reads %s in %s; %s would make every identity they are in "
                              "hold, which explains %d finding: %s",
                              "row %s reads %s in %s; %s would make every identity they are in "
                              "hold, which explains %d findings: %s", (unsigned long)n),
                     r->tpl->rows[row].short_label, reads, where, would, n, list);
        }
    }
}

/* Findings that share a culprit (one cell, one value) have one cause. */
static void group_by_cell(const nb_report *r, const identity_set *s, nb_findings *out,
                          const broken_set *bs) {
    for (int i = 0; i < bs->n; i++) {
        const nb_finding *fi = &out->items[bs->items[i].finding];
        if (fi->culprit < 0 || fi->cause_count) continue;
        const broken *gs[NB_MAX_IDENTITIES];
        int n = 0;
        for (int j = i; j < bs->n; j++) {
            const nb_finding *fj = &out->items[bs->items[j].finding];
            if (fj->culprit == fi->culprit && fj->culprit_value.units == fi->culprit_value.units)
                gs[n++] = &bs->items[j];
        }
        if (n < 2) continue;
        int cell = fi->culprit;
        int64_t need = fi->culprit_value.units;
        mark_cause(r, s, out, gs, n, -1, &cell, &need);
    }
}

/* Broken identities of one rule down several columns that one row
 * explains: the only row whose cells, one a column, make them hold. */
static void group_by_row(const nb_report *r, const identity_set *s, nb_findings *out,
                         const broken_set *bs, cell_values *cv) {
    bool tried[NB_RULE_COUNT] = {false};
    for (int i = 0; i < bs->n; i++) {
        const identity *id = &s->items[bs->items[i].k];
        if (!id->by_column || tried[id->rule] || out->items[bs->items[i].finding].cause_count)
            continue;
        tried[id->rule] = true;
        const broken *gs[NB_MAX_IDENTITIES];
        int n = 0;
        for (int j = i; j < bs->n; j++)
            if (s->items[bs->items[j].k].rule == id->rule && !out->items[bs->items[j].finding].cause_count)
                gs[n++] = &bs->items[j];
        if (n < 2) continue;
        int cells[NB_MAX_IDENTITIES], found_cells[NB_MAX_IDENTITIES], found = -1, nfound = 0;
        int64_t need[NB_MAX_IDENTITIES], found_need[NB_MAX_IDENTITIES];
        for (int row = 0; row < r->tpl->nrows && nfound < 2; row++) {
            if (!row_explains(r, s, gs, n, row, cv, cells, need)) continue;
            found = row;
            nfound++;
            memcpy(found_cells, cells, (size_t)n * sizeof cells[0]);
            memcpy(found_need, need, (size_t)n * sizeof need[0]);
        }
        if (nfound == 1) mark_cause(r, s, out, gs, n, found, found_cells, found_need);
    }
}

/* Each finding's target: the cell stating the broken total, or the cause
 * when it alone explains every broken identity; line and column are its
 * place in the source. */
static void set_targets(const nb_report *r, const identity_set *s, nb_findings *out,
                        const broken_set *bs) {
    for (int i = 0; i < bs->n; i++) {
        nb_finding *f = &out->items[bs->items[i].finding];
        const identity *id = &s->items[bs->items[i].k];
        int target = id->term[id->nlhs];
        if (f->culprit >= 0) {
            bool alone = true;
            for (int j = 0; j < bs->n && alone; j++)
                alone = identity_has(&s->items[bs->items[j].k], f->culprit);
            f->culprit_alone = alone;
            if (alone) target = f->culprit;
        }
        bool lhs;
        if (f->cause_row >= 0 && f->cause_count == bs->n)
            target = term_in_row(r->tpl, id, f->cause_row, &lhs);
        f->target = target;
        if (target >= 0 && r->cells[target].span.line > 0) {
            f->line = r->cells[target].span.line;
            f->column = r->cells[target].span.col_start;
        }
    }
}

static void check_identities(const nb_report *r, nb_findings *out) {
    identity_set *s = malloc(sizeof *s);
    cell_values *cv = malloc(sizeof *cv);
    broken_set *bs = malloc(sizeof *bs);
    if (!s || !cv || !bs) {
        free(s);
        free(cv);
        free(bs);
        return;
    }
    build_identities(r->tpl, s);
    load_values(r, cv);
    bs->n = 0;
    for (int k = 0; k < s->n; k++) {
        const identity *id = &s->items[k];
        int64_t lhs, rhs;
        if (!identity_eval(id, cv, &lhs, &rhs) || lhs == rhs) continue;
        nb_finding *f = nb_findings_add(out, r, id->rule, id->term, id->nterms);
        if (!f) break;
        identity_message(r, id, cv, lhs, rhs, f);
        int64_t value = 0;
        f->culprit = find_culprit(r, s, k, cv, &value);
        if (f->culprit >= 0) f->culprit_value = (nb_number){value, 0};
        nb_finding_set_key(f, r, false);
        bs->items[bs->n++] = (broken){k, out->count - 1, lhs - rhs};
    }
    group_by_cell(r, s, out, bs);
    group_by_row(r, s, out, bs, cv);
    set_targets(r, s, out, bs);
    free(s);
    free(cv);
    free(bs);
}

/* ------------------------------------------------------------ years, period */

/* The first "YYYY年" (spaces allowed before 年) in s[0..n). */
static int year_in(const char *s, size_t n) {
    for (size_t i = 0; i + 4 <= n; i++) {
        if (i > 0 && s[i - 1] >= '0' && s[i - 1] <= '9') continue;
        bool digits = true;
        for (int k = 0; k < 4; k++)
            if (s[i + k] < '0' || s[i + k] > '9') digits = false;
        if (!digits) continue;
        size_t j = i + 4;
        while (j < n && s[j] == ' ') j++;
        if (j + 3 <= n && memcmp(s + j, "年", 3) == 0) {
            int y = (s[i] - '0') * 1000 + (s[i + 1] - '0') * 100 + (s[i + 2] - '0') * 10 + (s[i + 3] - '0');
            if (y >= NB_YEAR_MIN && y <= NB_YEAR_MAX) return y;
        }
        i += 3;
    }
    return 0;
}

/* Copy text[span] for quoting in a message, cut at a character boundary. */
static void quote_span(const nb_text *text, const nb_span *sp, char *buf, size_t size) {
    buf[0] = '\0';
    if (!text || !text->utf8 || sp->byte_end <= sp->byte_start || sp->byte_end > text->len) return;
    size_t n = sp->byte_end - sp->byte_start;
    if (n >= size) {
        n = size - 1;
        while (n > 0 && ((unsigned char)text->utf8[sp->byte_start + n] & 0xC0) == 0x80) n--;
    }
    memcpy(buf, text->utf8 + sp->byte_start, n);
    buf[n] = '\0';
    for (size_t i = 0; i < n; i++)
        if (buf[i] == '\n' || buf[i] == '\r' || buf[i] == '\t') buf[i] = ' ';
}

static nb_finding *add_at(nb_findings *out, const nb_report *r, nb_rule rule,
                          const nb_span *sp) {
    nb_finding *f = nb_findings_add(out, r, rule, NULL, 0);
    if (f && sp && sp->line > 0) {
        f->line = sp->line;
        f->column = sp->col_start;
        f->text_span = *sp;
    }
    return f;
}

/* An annual report covers 1 January to 31 December; a shorter period
 * (an agency set up in September, a merger) is the reviewer's to
 * confirm. Only a period read to the day, within the report's year. */
static void check_partial_period(const nb_report *r, int year, nb_findings *out) {
    const nb_date *from = &r->period_from, *to = &r->period_to;
    if (from->year != year || to->year != year || !from->month || !from->day || !to->month || !to->day)
        return;
    if (from->month == 1 && from->day == 1 && to->month == 12 && to->day == 31) return;
    nb_finding *f = add_at(out, r, NB_RULE_PERIOD_PARTIAL, &r->period_span);
    if (!f) return;
    snprintf(f->message, sizeof f->message,
             _("the statistical period %d年%d月%d日 to %d年%d月%d日 is not the whole of %d"), from->year,
             from->month, from->day, to->year, to->month, to->day, year);
    snprintf(f->key, sizeof f->key, "%s", "period.partial");
}

static void check_years(const nb_report *r, const nb_text *text, nb_findings *out) {
    if (r->period_found && !r->period_readable) {
        char quoted[200];
        quote_span(text, &r->period_span, quoted, sizeof quoted);
        nb_finding *f = add_at(out, r, NB_RULE_PERIOD_UNREADABLE, &r->period_span);
        if (f) {
            if (quoted[0])
                snprintf(f->message, sizeof f->message,
                         _("the statistical period cannot be read as dates: \"%s\""), quoted);
            else
                snprintf(f->message, sizeof f->message, "%s",
                         _("the statistical period cannot be read as dates"));
            nb_finding_set_key(f, r, false);
        }
    }
    int year = r->year;
    int title_year = 0;
    if (text && r->title.byte_end > r->title.byte_start && r->title.byte_end <= text->len)
        title_year = year_in(text->utf8 + r->title.byte_start, r->title.byte_end - r->title.byte_start);
    bool period = r->period_found && r->period_readable && r->period_from.year && r->period_to.year;
    if (!year) year = title_year ? title_year : period ? r->period_to.year : 0;
    if (title_year && year && title_year != year) {
        nb_finding *f = add_at(out, r, NB_RULE_PERIOD_YEAR_MISMATCH, &r->title);
        if (f) {
            snprintf(f->message, sizeof f->message,
                     _("the title says %d, but the report's data are for %d"), title_year, year);
            snprintf(f->key, sizeof f->key, "%s", "period.year_mismatch:title");
        }
    }
    if (period && year && (r->period_from.year != year || r->period_to.year != year)) {
        nb_finding *f = add_at(out, r, NB_RULE_PERIOD_YEAR_MISMATCH, &r->period_span);
        if (f) {
            snprintf(f->message, sizeof f->message,
                     _("statistical period %04d-%02d-%02d to %04d-%02d-%02d, but the report is about %d"),
                     r->period_from.year, r->period_from.month, r->period_from.day,
                     r->period_to.year, r->period_to.month, r->period_to.day, year);
            snprintf(f->key, sizeof f->key, "%s", "period.year_mismatch:period");
        }
    }
    if (period && year) check_partial_period(r, year, out);
    /* A report is written after the year it covers, at the latest in the
     * following one; any other dateline is a stale date or a wrong year. */
    int covered = year ? year : period ? r->period_to.year : 0;
    if (r->dateline_found && r->dateline.year && covered &&
        (r->dateline.year < covered || r->dateline.year > covered + 1)) {
        nb_finding *f = add_at(out, r, NB_RULE_PERIOD_YEAR_MISMATCH, &r->dateline_span);
        if (f) {
            if (period)
                snprintf(f->message, sizeof f->message,
                         _("dateline %d年%d月%d日 does not fit the statistical period "
                           "%d年%d月%d日 to %d年%d月%d日"),
                         r->dateline.year, r->dateline.month, r->dateline.day,
                         r->period_from.year, r->period_from.month, r->period_from.day,
                         r->period_to.year, r->period_to.month, r->period_to.day);
            else
                snprintf(f->message, sizeof f->message,
                         _("dateline %d年%d月%d日 does not fit a report on %d"), r->dateline.year,
                         r->dateline.month, r->dateline.day, covered);
            snprintf(f->key, sizeof f->key, "%s", "period.year_mismatch:dateline");
        }
    }
    if (r->tpl && year) {
        /* 〔2021〕30号 applies from the reports on 2021; 〔2019〕60号 before. */
        bool wrong = (r->tpl->kind == NB_TEMPLATE_2021 && year < 2021) ||
                     (r->tpl->kind == NB_TEMPLATE_2019 && year >= 2021);
        if (wrong) {
            nb_finding *f = add_at(out, r, NB_RULE_TEMPLATE_YEAR_MISMATCH, &r->title);
            if (f) {
                snprintf(f->message, sizeof f->message,
                         _("the tables follow the %s template, but the report is about %d"),
                         r->tpl->name, year);
                nb_finding_set_key(f, r, false);
            }
        }
    }
}

/* -------------------------------------------------------------------- notes */

static nb_rule note_rule(nb_note_kind k) {
    switch (k) {
    case NB_NOTE_TEMPLATE_DEVIATION: return NB_RULE_PARSE_TEMPLATE_DEVIATION;
    case NB_NOTE_LABEL_GARBLED: return NB_RULE_PARSE_LABEL_GARBLED;
    case NB_NOTE_AMBIGUOUS: return NB_RULE_PARSE_AMBIGUOUS;
    case NB_NOTE_UNPLACED: return NB_RULE_PARSE_UNPLACED;
    case NB_NOTE_INVALID_BYTES: return NB_RULE_PARSE_INVALID_BYTES;
    case NB_NOTE_ABSURD_NUMBER: return NB_RULE_PARSE_ABSURD_NUMBER;
    case NB_NOTE_MANGLED_NUMBER: return NB_RULE_CELL_MANGLED_NUMBER;
    }
    return NB_RULE_PARSE_AMBIGUOUS; /* not reached: -Wswitch asks for every kind above */
}

/* Whether note i tells of values the reviewer has since placed. */
static bool note_settled(const nb_report *r, int i) {
    for (int k = 0; k < r->nplacements; k++)
        if (r->placements[k].note == i) return nb_placement_done(r, &r->placements[k]);
    return false;
}

static void check_notes(const nb_report *r, nb_findings *out) {
    for (int i = 0; i < r->nnotes; i++) {
        const nb_note *n = &r->notes[i];
        if (note_settled(r, i)) continue;
        int cell = n->cell;
        bool has_cell = r->tpl && cell >= 0 && cell < r->tpl->ncells;
        nb_finding *f = nb_findings_add(out, r, note_rule(n->kind),
                                        has_cell ? &cell : NULL, has_cell ? 1 : 0);
        if (!f) return;
        if (n->span.line > 0) {
            f->line = n->span.line;
            f->column = n->span.col_start;
        }
        snprintf(f->message, sizeof f->message, "%s", n->message);
        nb_finding_set_key(f, r, true);
    }
}

/* --------------------------------------------------------------- cross-year */

static bool value_of(const nb_report *r, int cell, int64_t *v) {
    nb_number n;
    if (cell < 0 || !nb_report_value(r, cell, &n) || !nb_number_is_integer(n)) return false;
    int64_t p = 1;
    for (int i = 0; i < n.scale; i++) p *= 10;
    *v = n.units / p;
    return true;
}

/* Last year's report and, when it came from another file, that file's
 * name: a finding then names the file and the cell it read there. */
typedef struct last_year {
    const nb_report *r;
    const char *file;
} last_year;

static void cross_year_finding(nb_findings *out, const nb_report *r, const last_year *ly,
                               int prev_cell, nb_rule rule, int cell, int64_t expected,
                               const char *fmt_message, ...) __attribute__((format(printf, 8, 9)));

static void cross_year_finding(nb_findings *out, const nb_report *r, const last_year *ly,
                               int prev_cell, nb_rule rule, int cell, int64_t expected,
                               const char *fmt_message, ...) {
    nb_finding *f = nb_findings_add(out, r, rule, &cell, 1);
    if (!f) return;
    va_list ap;
    va_start(ap, fmt_message);
    vsnprintf(f->message, sizeof f->message, fmt_message, ap);
    va_end(ap);
    if (ly->file && prev_cell >= 0) {
        char id[96];
        size_t len = strlen(f->message);
        nb_template_cell_id(ly->r->tpl, prev_cell, id, sizeof id);
        /* TRANSLATORS: last year's file, the line there, the cell read there */
        snprintf(f->message + len, sizeof f->message - len, _(" (last year: %s:%d, %s)"), ly->file,
                 ly->r->cells[prev_cell].span.line, id);
    }
    /* The earlier report is the likelier to be right; suggest its figure. */
    f->culprit = cell;
    f->culprit_value = (nb_number){expected, 0};
    nb_finding_set_key(f, r, false);
}

void nb_check_cross_year(const nb_report *r, const nb_report *prev, const char *prev_file,
                         nb_findings *out) {
    if (!prev || !prev->has_tables || !prev->tpl || !prev->cells) return;
    const last_year ly = {prev, prev_file};
    const nb_template *tpl = r->tpl;
    int py = prev->year, y = r->year;
    /* 上年结转 = last year's 结转下年度, column by column. */
    int row = nb_template_find_row(tpl, NB_TABLE_APPLICATIONS, "carried_over");
    if (row >= 0) {
        const nb_row_def *rd = &tpl->rows[row];
        for (int c = rd->first_cell; c < rd->first_cell + rd->ncells; c++) {
            int pc = nb_report_cell(prev, NB_TABLE_APPLICATIONS, "carried_forward",
                                    tpl->cells[c].col_id);
            int64_t now, before;
            if (!value_of(r, c, &now) || !value_of(prev, pc, &before) || now == before) continue;
            cross_year_finding(out, r, &ly, pc, NB_RULE_CROSS_YEAR_CARRIED_OVER, c, before,
                               _("%s: %d 上年结转 %lld, but the %d report carried %lld forward"),
                               tpl->cells[c].col_label, y, (long long)now, py, (long long)before);
        }
    }
    for (int rr = 0; rr < tpl->nrows; rr++) {
        const nb_row_def *rd = &tpl->rows[rr];
        if (rd->table != NB_TABLE_ACTIVE) continue;
        int64_t now, a, b, c2;
        /* 2019: 上一年项目数量 = last year's 上一年项目数量 + 本年增/减 */
        int cur = nb_template_cell_at(tpl, rr, "previous_items");
        int pprev = nb_report_cell(prev, NB_TABLE_ACTIVE, rd->id, "previous_items");
        int pchange = nb_report_cell(prev, NB_TABLE_ACTIVE, rd->id, "change");
        if (cur >= 0 && value_of(r, cur, &now) && value_of(prev, pprev, &a) &&
            value_of(prev, pchange, &b) && now != a + b)
            cross_year_finding(out, r, &ly, pprev, NB_RULE_CROSS_YEAR_PREVIOUS_ITEMS, cur, a + b,
                               _("%s: %d 上一年项目数量 %lld %s 本年增/减 %lld = %lld, but the %d report states %lld"),
                               rd->label, py, (long long)a, b < 0 ? "−" : "+", (long long)(b < 0 ? -b : b),
                               (long long)(a + b), y, (long long)now);
        /* 2019: 对外公开总数量 = last year's total + this year's 新公开 */
        cur = nb_template_cell_at(tpl, rr, "total_published");
        int published = nb_template_cell_at(tpl, rr, "published");
        int ptotal = nb_report_cell(prev, NB_TABLE_ACTIVE, rd->id, "total_published");
        if (cur >= 0 && value_of(r, cur, &now) && value_of(r, published, &b) &&
            value_of(prev, ptotal, &a) && now != a + b)
            cross_year_finding(out, r, &ly, ptotal, NB_RULE_CROSS_YEAR_TOTAL_PUBLISHED, cur, a + b,
                               _("%s: %d 对外公开总数量 %lld + %d 本年新公开数量 %lld = %lld, but the %d report states %lld"),
                               rd->label, py, (long long)a, y, (long long)b, (long long)(a + b), y,
                               (long long)now);
        /* 2021: 现行有效 = last year's 现行有效 + 制发 − 废止 */
        cur = nb_template_cell_at(tpl, rr, "in_force");
        int issued = nb_template_cell_at(tpl, rr, "issued");
        int repealed = nb_template_cell_at(tpl, rr, "repealed");
        int pin = nb_report_cell(prev, NB_TABLE_ACTIVE, rd->id, "in_force");
        if (cur >= 0 && value_of(r, cur, &now) && value_of(r, issued, &b) &&
            value_of(r, repealed, &c2) && value_of(prev, pin, &a) && now != a + b - c2)
            cross_year_finding(out, r, &ly, pin, NB_RULE_CROSS_YEAR_IN_FORCE, cur, a + b - c2,
                               _("%s: %d 现行有效 %lld + %d 制发 %lld − 废止 %lld = %lld, but the %d report states %lld"),
                               rd->label, py, (long long)a, y, (long long)b, (long long)c2,
                               (long long)(a + b - c2), y, (long long)now);
    }
}

/* -------------------------------------------------------------- entry points */

void nb_check_report(const nb_report *r, const nb_report *previous, const nb_text *text,
                     nb_findings *out) {
    if (!r) return;
    int first = out->count;
    check_years(r, text, out);
    if (r->has_tables && r->tpl && r->cells) {
        check_identities(r, out);
        nb_check_cells(r, out);
        if (previous && previous != r && previous->year && r->year &&
            previous->year == r->year - 1)
            nb_check_cross_year(r, previous, NULL, out);
        if (text) nb_check_narrative(r, text, out);
        if (text) nb_check_structure(r, text, out);
        if (text) nb_check_article_items(r, text, out);
    }
    check_notes(r, out);
    nb_findings_seal(out, first);
}

const nb_report *nb_check_find_previous(const nb_document *doc, const nb_report *r,
                                        bool require_same_agency) {
    if (!doc || !r || !r->year) return NULL;
    const nb_report *any = NULL;
    int nany = 0;
    for (int i = 0; i < doc->nreports; i++) {
        const nb_report *p = &doc->reports[i];
        if (p == r || p->year != r->year - 1 || !p->has_tables || !p->tpl || !p->cells) continue;
        if (nb_agency_same_body(r->agency, r->former_agency, p->agency, p->former_agency)) return p;
        any = p;
        nany++;
    }
    return !require_same_agency && nany == 1 ? any : NULL;
}

void nb_check_document(const nb_document *doc, int report_index, const nb_report *previous,
                       nb_findings *out) {
    if (!doc || report_index < 0 || report_index >= doc->nreports) return;
    const nb_report *r = &doc->reports[report_index];
    if (!previous) previous = nb_check_find_previous(doc, r, true);
    nb_check_report(r, previous, &doc->text, out);
}

/* --------------------------------------------------------------- as data */

int nb_template_identities(const nb_template *tpl, nb_identity *out, int cap) {
    identity_set s;
    build_identities(tpl, &s);
    int rules;
    const nb_rule_info *info = nb_check_rules(&rules);
    int n = 0;
    for (int i = 0; i < s.n && n < cap; i++, n++) {
        const identity *id = &s.items[i];
        out[n].rule = info[id->rule].id;
        out[n].label = id->label;
        out[n].by_column = id->by_column;
        out[n].nlhs = id->nlhs;
        out[n].nterms = id->nterms;
        memcpy(out[n].term, id->term, (size_t)id->nterms * sizeof id->term[0]);
    }
    return n;
}
