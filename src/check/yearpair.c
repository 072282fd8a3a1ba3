/* Last year's report from another file: the figures the cross-year rules
 * read, kept when the report is gone, and those rules run over two such
 * records (check.h). `check` of many files keeps one record per report
 * and pairs them once both are known; the rules themselves are check.c's
 * (nb_check_cross_year), the same as within one file. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "check-internal.h"
#include "nianbao/agency.h"

/* What nb_check_cross_year reads, of this year's report or of last
 * year's: 上年结转 and 结转下年度 of table 三, and table 二 (上一年项目数量,
 * 本年增/减, 新公开, 对外公开总数量; 制发, 废止, 现行有效). */
static bool kept(const nb_template *tpl, int c) {
    const nb_cell_def *d = &tpl->cells[c];
    if (d->table == NB_TABLE_ACTIVE) return true;
    return d->table == NB_TABLE_APPLICATIONS &&
           (!strcmp(d->row_id, "carried_over") || !strcmp(d->row_id, "carried_forward"));
}

int nb_year_figures_of(nb_year_figures *y, const nb_report *r, const char *file) {
    memset(y, 0, sizeof *y);
    if (!r->has_tables || !r->tpl || !r->cells || !r->year) return -1;
    int n = 0;
    for (int c = 0; c < r->tpl->ncells; c++) n += kept(r->tpl, c) && r->cells[c].has_value;
    y->cells = malloc((size_t)(n ? n : 1) * sizeof *y->cells);
    y->file = strdup(file);
    if (!y->cells || !y->file) {
        nb_year_figures_free(y);
        return -1;
    }
    for (int c = 0; c < r->tpl->ncells; c++)
        if (kept(r->tpl, c) && r->cells[c].has_value)
            y->cells[y->ncells++] = (nb_year_cell){c, r->cells[c].value, r->cells[c].span};
    memcpy(y->agency, r->agency, sizeof y->agency);
    y->agency[sizeof y->agency - 1] = '\0';
    memcpy(y->former_agency, r->former_agency, sizeof y->former_agency);
    y->former_agency[sizeof y->former_agency - 1] = '\0';
    y->year = r->year;
    y->tpl = r->tpl;
    return 0;
}

void nb_year_figures_free(nb_year_figures *y) {
    free(y->file);
    free(y->cells);
    memset(y, 0, sizeof *y);
}

bool nb_year_figures_follow(const nb_year_figures *y, const nb_year_figures *prev) {
    return y->year && prev->year == y->year - 1 && nb_agency_same_body(y->agency, y->former_agency, prev->agency, prev->former_agency);
}

/* The record as a report with only its kept cells, for the rules. */
static int as_report(const nb_year_figures *y, nb_report *r) {
    memset(r, 0, sizeof *r);
    r->cells = calloc((size_t)y->tpl->ncells, sizeof *r->cells);
    if (!r->cells) return -1;
    for (int i = 0; i < y->ncells; i++) {
        nb_cell *c = &r->cells[y->cells[i].cell];
        c->has_value = true;
        c->value = y->cells[i].value;
        c->origin = NB_ORIGIN_READ;
        c->span = y->cells[i].span;
    }
    memcpy(r->agency, y->agency, sizeof r->agency);
    memcpy(r->former_agency, y->former_agency, sizeof r->former_agency);
    r->year = y->year;
    r->tpl = y->tpl;
    r->has_tables = true;
    r->copies = 1;
    return 0;
}

int nb_check_across_files(const nb_year_figures *y, const nb_year_figures *prev, nb_report *view,
                          nb_findings *out) {
    nb_report last;
    if (as_report(y, view) != 0) return -1;
    if (as_report(prev, &last) != 0) {
        nb_report_free(view);
        return -1;
    }
    int first = out->count;
    if (nb_year_figures_follow(y, prev)) nb_check_cross_year(view, &last, prev->file, out);
    nb_findings_seal(out, first);
    nb_report_free(&last);
    return 0;
}
