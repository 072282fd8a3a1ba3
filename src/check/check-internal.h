/* Shared between check.c (identities, cells, years, notes, cross-year)
 * and narrative.c (numbers stated in the text against the table); the
 * findings list is findings.c's, which calls neither. Not part of the
 * core's public interface. */
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

/* After a report's rules ran, from finding `first` on: cut any message
 * that ends in half a UTF-8 character, and give a later finding whose
 * key another already has "~2", "~3"… in the order the rules ran. */
void nb_findings_seal(nb_findings *out, int first);

/* The cell rules (cell_rules.c): cells.whole_nonnegative, active.unit_*,
 * cells.missing, cells.inferred. */
void nb_check_cells(const nb_report *r, nb_findings *out);

/* Numbers stated in the narrative against the table (rule text.vs_table). */
void nb_check_narrative(const nb_report *r, const nb_text *text, nb_findings *out);

/* What the narrative check made of one statement, for tests: which
 * entry of statements.c matched, the number, the cells it was compared
 * with (the reading that holds, or the one a finding names) and whether
 * the table agrees. */
typedef enum nb_match_kind {
    NB_MATCH_COUNT, /* a number for a cell or a sum of cells */
    NB_MATCH_SHARE, /* "占X%" after one: cells = the counted ones, then the whole */
    NB_MATCH_CLAIM, /* a claim that the cells are zero */
} nb_match_kind;

typedef struct nb_narrative_match {
    nb_match_kind kind;
    const char *id;
    size_t source_start, source_end; /* the number (or the claim's opening words) in the source */
    nb_number stated;
    int cells[NB_FINDING_MAX_CELLS];
    int ncells;
    bool agrees;
} nb_narrative_match;

/* Every statement of r's narrative matched, in order (numbers first,
 * then claims); at most `max`. Returns how many. */
int nb_narrative_explain(const nb_report *r, const nb_text *text, nb_narrative_match *out, int max);

#endif
