/* Comparing and reporting: the cells a statement names in the
 * report's template (its readings), their count or amount, and the
 * finding that says the text and the table disagree (the sentence
 * quoted, the cells named, one-to-one or a sum), or the record of a
 * match for nb_narrative_explain. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "check-internal.h"
#include "narrative-internal.h"
#include "prose.h"
#include "statements.h"
#include "words.h"

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
int nb_readings_of(const nb_template *tpl, const char *spec, unsigned kinds, reading *out) {
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
bool nb_count_of(const nb_report *r, const reading *rd, int64_t *sum) {
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

double nb_pow10_of(int e) {
    double x = 1;
    for (int k = 0; k < e; k++) x *= 10;
    return x;
}

/* A reading's amount in 元 and half its last digit (its precision);
 * false when a cell is null or its unit is not written. */
bool nb_amount_of(const nb_report *r, const reading *rd, double *yuan, double *half) {
    *yuan = 0;
    *half = 0;
    for (int k = 0; k < rd->n; k++) {
        nb_number v;
        const char *unit = r->cells[rd->cells[k]].unit;
        if (!nb_report_value(r, rd->cells[k], &v)) return false;
        double mult = !strcmp(unit, "万元") ? 10000 : !strcmp(unit, "元") ? 1 : 0;
        if (mult == 0) return false;
        *yuan += (double)v.units / nb_pow10_of(v.scale) * mult;
        double h = mult / nb_pow10_of(v.scale) / 2;
        if (h > *half) *half = h;
    }
    return true;
}

static size_t char_start(const char *s, size_t i) {
    while (i > 0 && ((unsigned char)s[i] & 0xC0) == 0x80) i--;
    return i;
}

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

void nb_cell_words(const nb_template *tpl, int cell, const char *sep, char *buf, size_t size) {
    const nb_cell_def *d = &tpl->cells[cell];
    const nb_row_def *row = &tpl->rows[d->row];
    const char *name = d->table == NB_TABLE_ACTIVE ? row->label : row->short_label;
    size_t n = strlen(name), c = strlen(d->col_label);
    if (n >= c && !strcmp(name + n - c, d->col_label))
        snprintf(buf, size, "%s", name);
    else
        snprintf(buf, size, "%s%s%s", name, sep, d->col_label);
}

static void cell_label(const nb_report *r, int cell, char *buf, size_t size) {
    nb_cell_words(r->tpl, cell, " ", buf, size);
}

/* "一、本年新收 总计 = 95"; for a sum "a 1 + b 1 = 2", or with more than
 * three cells the first and the last name and the values. */
void nb_describe(const nb_report *r, const reading *rd, char *buf, size_t size) {
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
    if (nb_count_of(r, rd, &sum)) snprintf(sum_text, sizeof sum_text, "%lld", (long long)sum);
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
void nb_record_match(ctx *c, const mention *m, nb_match_kind kind, const char *id, const reading *rd,
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
void nb_emit_finding(ctx *c, const mention *m, const reading *rd, int counted, const char *stated_words,
                 const char *table_words) {
    nb_finding *f = nb_findings_add(c->out, c->r, NB_RULE_TEXT_VS_TABLE, rd->cells, rd->n);
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
