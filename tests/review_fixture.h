/* A document built by hand for the review tests and the fuzz harness:
 * one report whose tables follow a template, every cell 0 (so that every
 * identity holds) unless a test says otherwise. It does not need the
 * recogniser, so a test shows what review and YAML code do on their own. */
#ifndef NB_TEST_REVIEW_FIXTURE_H
#define NB_TEST_REVIEW_FIXTURE_H

#include <stdlib.h>
#include <string.h>

#include "nianbao/document.h"
#include "nianbao/report.h"
#include "nianbao/template.h"
#include "nianbao/text.h"

static const char fixture_text[] =
    "上海市测试区2020年政府信息公开工作年度报告\n"
    "一、总体情况\n"
    "本年度共收到申请 12 件。\n";

/* Returns 0, or -1 when the text module refuses the text. */
static inline int fixture_doc_from(nb_document *doc, const char *bytes, size_t n,
                                   nb_template_kind kind, bool one_other, int year) {
    nb_error err;
    memset(doc, 0, sizeof *doc);
    doc->path = strdup("fixture.txt");
    if (nb_text_from_bytes(bytes, n, &doc->text, &err) != 0) return -1;
    doc->reports = calloc(1, sizeof *doc->reports);
    doc->nreports = 1;
    nb_report *r = &doc->reports[0];
    snprintf(r->agency, sizeof r->agency, "%s", "上海市测试区");
    r->year = year;
    r->tpl = nb_template_get(kind, one_other);
    r->has_tables = true;
    r->copies = 1;
    r->cells = calloc((size_t)r->tpl->ncells, sizeof *r->cells);
    for (int i = 0; i < r->tpl->ncells; i++) {
        nb_cell *c = &r->cells[i];
        c->has_value = true;
        c->origin = NB_ORIGIN_READ;
        c->span.line = 3;
        c->span.col_start = 1 + i % 20;
        c->span.col_end = 2 + i % 20;
        if (r->tpl->cells[i].flags & NB_CELL_AMOUNT) snprintf(c->unit, sizeof c->unit, "万元");
    }
    return 0;
}

static inline int fixture_doc(nb_document *doc) {
    return fixture_doc_from(doc, fixture_text, sizeof fixture_text - 1, NB_TEMPLATE_2019, true, 2020);
}

/* Set a cell of report 0 by id. */
static inline void fixture_set(nb_document *doc, const char *id, long long units, int scale) {
    nb_report *r = &doc->reports[0];
    int i = nb_template_find_cell(r->tpl, id);
    if (i < 0) abort();
    r->cells[i].has_value = true;
    r->cells[i].value.units = units;
    r->cells[i].value.scale = (uint8_t)scale;
}

static inline void fixture_null(nb_document *doc, const char *id) {
    nb_report *r = &doc->reports[0];
    int i = nb_template_find_cell(r->tpl, id);
    if (i < 0) abort();
    r->cells[i].has_value = false;
    r->cells[i].value.units = 0;
    r->cells[i].origin = NB_ORIGIN_MISSING;
}

#endif
