/* The review-file YAML (design/review-format.md, man nianbao-review(5)):
 * emitting what `export` prints and what a review saves, and reading a
 * review file back safely. libyaml only here. */
#ifndef NIANBAO_YAMLIO_H
#define NIANBAO_YAMLIO_H

#include "nianbao/check.h"
#include "nianbao/report.h"

struct nb_review;

/* Emit the document as YAML into a malloc'd buffer. `only_report` is a
 * report index, or -1 for all. Each report's findings come from
 * nb_check_document. Returns 0, or -1 with err. */
int nb_yaml_export(const nb_document *doc, int only_report, char **out, size_t *outlen,
                   nb_error *err);

/* Emit a saved review: the export of its report with the corrected
 * values, plus the edit log, finding statuses and sign-off. */
int nb_yaml_review(const struct nb_review *rv, char **out, size_t *outlen, nb_error *err);

/* The canonical text of the signed data (the corrected tables of the
 * report), hashed by sign-off and verify. malloc'd. */
int nb_yaml_signed_data(const nb_report *r, char **out, size_t *outlen, nb_error *err);

#endif
