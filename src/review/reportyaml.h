/* The parts of the report YAML (reportyaml.c) that the review file's
 * writer (reviewyaml.c) and reader (reviewread.c) share. Private to
 * src/review. */
#ifndef NIANBAO_REVIEW_REPORTYAML_H
#define NIANBAO_REVIEW_REPORTYAML_H

#include "nianbao/check.h"
#include "nianbao/report.h"
#include "nianbao/review.h"
#include "nianbao/yamlemit.h"

/* The review's finding statuses, written beside each finding. */
typedef struct nb_yaml_statuses {
    const nb_status_entry *items;
    int count;
} nb_yaml_statuses;

/* The start of a file people may read (export, review file): the
 * emitter begun with bidi controls escaped, the top map opened with
 * `format` and `source`. */
void nb_yaml_begin_file(nb_yemit *e, const nb_document *doc, const char *path_from_review,
                        nb_error *err);
/* The start of a canonical text that is hashed (signed data, sealed
 * text): written as it always was, without escapes, the top map opened
 * with `NAME: nianbao/1`. */
void nb_yaml_begin_canonical(nb_yemit *e, const char *name, nb_error *err);
/* One report: heading, tables, findings (with `st`'s statuses when it
 * is not NULL), lines, copies, sources. `doc` may be NULL. */
void nb_yaml_emit_report(nb_yemit *e, const nb_document *doc, const nb_report *r,
                         const nb_findings *f, const nb_yaml_statuses *st);
void nb_yaml_emit_cell_id(nb_yemit *e, const nb_template *tpl, int cell);
/* A cell's number, or null. */
void nb_yaml_emit_cell_value(nb_yemit *e, const nb_cell *c);
/* The key an amount's unit is written under: "amount" -> "amount_unit". */
void nb_yaml_unit_key(const nb_cell_def *d, char *buf, size_t n);

#endif
