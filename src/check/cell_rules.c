/* The cell rules: every value whole and not negative where the
 * template says so (cells.whole_nonnegative), amounts in 万元
 * (active.unit_*), and the cells the template expects but the reading
 * left empty or only inferred (cells.missing, cells.inferred). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "check-internal.h"

nb_cell_value_fault nb_cell_value_check(unsigned flags, nb_number v) {
    if (!(flags & NB_CELL_AMOUNT) && !nb_number_is_integer(v)) return NB_CELL_VALUE_NOT_WHOLE;
    if (v.units < 0 && !(flags & NB_CELL_SIGNED)) return NB_CELL_VALUE_NEGATIVE;
    return NB_CELL_VALUE_OK;
}

/* cells.whole_nonnegative for cell `i`. False when memory ran out. */
static bool check_value(const nb_report *r, int i, nb_findings *out) {
    const nb_cell *c = &r->cells[i];
    const char *why = NULL;
    switch (nb_cell_value_check(r->tpl->cells[i].flags, c->value)) {
    case NB_CELL_VALUE_NOT_WHOLE: why = _("%s is %s: a count must be a whole number"); break;
    case NB_CELL_VALUE_NEGATIVE: why = _("%s is %s: it cannot be negative"); break;
    case NB_CELL_VALUE_OK: return true;
    }
    nb_finding *f = nb_findings_add(out, r, NB_RULE_CELLS_WHOLE_NONNEGATIVE, &i, 1);
    if (!f) return false;
    char id[96], num[40];
    nb_template_cell_id(r->tpl, i, id, sizeof id);
    nb_number_format(c->value, num, sizeof num);
    snprintf(f->message, sizeof f->message, why, id, num);
    nb_finding_set_key(f, r, false);
    return true;
}

/* active.unit_missing / active.unit_unexpected for amount cell `i`:
 * the template asks for 万元; nothing was spent needs no unit to read a
 * zero. False when memory ran out. */
static bool check_unit(const nb_report *r, int i, nb_findings *out) {
    const nb_cell *c = &r->cells[i];
    nb_rule rule = NB_RULE_COUNT; /* none */
    if (!c->unit[0])
        rule = c->value.units != 0 ? NB_RULE_ACTIVE_UNIT_MISSING : NB_RULE_COUNT;
    else if (strcmp(c->unit, "万元") != 0)
        rule = NB_RULE_ACTIVE_UNIT_UNEXPECTED;
    if (rule == NB_RULE_COUNT) return true;
    nb_finding *f = nb_findings_add(out, r, rule, &i, 1);
    if (!f) return false;
    char num[40], id[96];
    nb_number_format(c->value, num, sizeof num);
    nb_template_cell_id(r->tpl, i, id, sizeof id);
    if (!c->unit[0])
        snprintf(f->message, sizeof f->message, _("%s is %s with no unit; the template asks for 万元"), id, num);
    else
        snprintf(f->message, sizeof f->message, _("%s is %s %s; the template asks for 万元"), id, num, c->unit);
    nb_finding_set_key(f, r, false);
    return true;
}

/* A table with no value at all: one finding for it, naming the first
 * cell of each row, rather than one per row. Sets `empty` per table.
 * False when memory ran out. */
static bool check_empty_tables(const nb_report *r, bool *empty, nb_findings *out) {
    const nb_template *tpl = r->tpl;
    for (int t = 0; t < NB_TABLE_COUNT; t++) {
        int rows[NB_FINDING_MAX_CELLS], nrows = 0;
        bool any = false, exists = false;
        for (int i = 0; i < tpl->ncells; i++)
            if (tpl->cells[i].table == (nb_table_id)t) {
                exists = true;
                any |= r->cells[i].has_value;
            }
        empty[t] = exists && !any;
        if (!empty[t]) continue;
        for (int row = 0; row < tpl->nrows && nrows < NB_FINDING_MAX_CELLS; row++)
            if (tpl->rows[row].table == (nb_table_id)t) rows[nrows++] = tpl->rows[row].first_cell;
        nb_finding *f = nb_findings_add(out, r, NB_RULE_CELLS_MISSING, rows, nrows);
        if (!f) return false;
        snprintf(f->message, sizeof f->message, _("%s (%s): the table has no values"),
                 nb_table_key((nb_table_id)t), nb_table_title((nb_table_id)t));
        nb_finding_set_key(f, r, false);
    }
    return true;
}

/* The message of cells.missing for the `nm` cells `missing` of row
 * `rd`: the whole row, or the columns by name; then what stood in the
 * first empty cell that held anything ("—", "/", "无"), which tells the
 * reviewer whether the source meant "none" or the reading lost a number. */
static void missing_message(const nb_report *r, const nb_row_def *rd, const int *missing, int nm, char *msg,
                            size_t size) {
    if (nm == rd->ncells) {
        snprintf(msg, size, _("%s.%s: the row has no values"), nb_table_key(rd->table), rd->id);
    } else {
        char cols[256];
        size_t len = 0;
        cols[0] = '\0';
        for (int k = 0; k < nm && len < sizeof cols; k++)
            len += (size_t)snprintf(cols + len, sizeof cols - len, "%s%s", k ? ", " : "",
                                    r->tpl->cells[missing[k]].col_label);
        snprintf(msg, size, _("%s.%s: no value for %s"), nb_table_key(rd->table), rd->id, cols);
    }
    for (int k = 0; k < nm; k++) {
        const char *blank = r->cells[missing[k]].blank_text;
        if (!blank[0]) continue;
        size_t used = strlen(msg);
        char *safe = nb_sanitize(blank, strnlen(blank, sizeof r->cells[0].blank_text), false);
        snprintf(msg + used, size - used, _(" (the source writes \"%s\")"), safe ? safe : "?");
        free(safe);
        break;
    }
}

/* Missing and inferred values of one row: one finding each, naming its
 * cells. False when memory ran out. */
static bool check_row_gaps(const nb_report *r, const nb_row_def *rd, nb_findings *out) {
    int missing[16], inferred[16], nm = 0, ni = 0;
    for (int c = rd->first_cell; c < rd->first_cell + rd->ncells && c - rd->first_cell < 16; c++) {
        if (!r->cells[c].has_value)
            missing[nm++] = c;
        else if (r->cells[c].origin == NB_ORIGIN_INFERRED)
            inferred[ni++] = c;
    }
    if (nm) {
        nb_finding *f = nb_findings_add(out, r, NB_RULE_CELLS_MISSING, missing, nm);
        if (!f) return false;
        missing_message(r, rd, missing, nm, f->message, sizeof f->message);
        nb_finding_set_key(f, r, false);
    }
    if (ni) {
        nb_finding *f = nb_findings_add(out, r, NB_RULE_CELLS_INFERRED, inferred, ni);
        if (!f) return false;
        snprintf(f->message, sizeof f->message,
                 _("%s.%s: %d value(s) placed by inference from the layout, not read for sure"),
                 nb_table_key(rd->table), rd->id, ni);
        nb_finding_set_key(f, r, false);
    }
    return true;
}

void nb_check_cells(const nb_report *r, nb_findings *out) {
    const nb_template *tpl = r->tpl;
    for (int i = 0; i < tpl->ncells; i++) {
        if (!r->cells[i].has_value) continue;
        if (!check_value(r, i, out)) return;
        if ((tpl->cells[i].flags & NB_CELL_AMOUNT) && !check_unit(r, i, out)) return;
    }
    bool table_empty[NB_TABLE_COUNT];
    if (!check_empty_tables(r, table_empty, out)) return;
    for (int row = 0; row < tpl->nrows; row++)
        if (!table_empty[tpl->rows[row].table] && !check_row_gaps(r, &tpl->rows[row], out)) return;
}
