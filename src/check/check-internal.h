/* Shared between check.c (identities, cells, years, notes, cross-year)
 * and narrative.c (numbers stated in the text against the table). Not
 * part of the core's public interface. */
#ifndef NIANBAO_CHECK_INTERNAL_H
#define NIANBAO_CHECK_INTERNAL_H

#include "nianbao/check.h"

/* Append a finding about `cells` of `r` (may be NULL/0). Fills rule,
 * severity, cells, line/column from the first involved cell that has a
 * place in the source, culprit = -1, and the counters. The caller
 * writes the message and then calls nb_finding_set_key. Returns NULL
 * when memory runs out (the finding is lost, the check goes on). */
nb_finding *nb_findings_add(nb_findings *out, const nb_report *r, const char *rule,
                            nb_severity sev, const int *cells, int ncells);

/* The stable key: rule + ":" + sorted cell ids; with `with_line`, "@LINE"
 * is appended so that two findings of one rule on one cell (two
 * sentences of the narrative) stay apart. Keys longer than the field
 * keep the rule, the first cell id and a hash of the full key. */
void nb_finding_set_key(nb_finding *f, const nb_report *r, bool with_line);

/* Numbers stated in the narrative against the table (rule text.vs_table). */
void nb_check_narrative(const nb_report *r, const nb_text *text, nb_findings *out);

#endif
