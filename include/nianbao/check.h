/* The cross-checks (勾稽关系) and consistency rules over a report's cells.
 * Pure functions of a report (and optionally the previous year's one):
 * the same findings whether called from `check`, `export` or the TUI. */
#ifndef NIANBAO_CHECK_H
#define NIANBAO_CHECK_H

#include "nianbao/document.h"

typedef enum nb_severity { NB_SEV_WARNING = 1, NB_SEV_ERROR = 2 } nb_severity;

#define NB_FINDING_MAX_CELLS 40

/* How surely a narrative finding names its cells: the text's number
 * maps to one cell, or to a sum of cells (a reviewer weighs a sum, say
 * 法人或其他组织 = five columns, as a reading, not a reading of one cell). */
typedef enum nb_confidence {
    NB_CONFIDENCE_NONE = 0,   /* not a narrative finding */
    NB_CONFIDENCE_ONE_TO_ONE,
    NB_CONFIDENCE_SUM,
} nb_confidence;

typedef struct nb_finding {
    char rule[48];           /* stable id: "applications.balance" */
    nb_severity severity;
    int cells[NB_FINDING_MAX_CELLS]; /* template cell indexes involved */
    int ncells;
    char message[1024];      /* the arithmetic in words */
    /* The cell a reviewer goes to (a template cell index, -1 when the
     * finding is about no cell: the period, the structure). For an
     * identity: the cell that states the broken total, or the culprit
     * (cause_cell, or cause_row's cell in the finding's column) when it
     * alone explains every broken identity of the report; otherwise the
     * finding's first cell. For an identity, line/column are its place. */
    int target;
    int line, column;        /* 1-based source position, 0 if none */
    nb_span text_span;       /* for text-against-table: the sentence */
    nb_confidence confidence; /* for text-against-table */
    /* Where changing one cell would make every broken identity hold. */
    int culprit;             /* cell index, or -1 */
    nb_number culprit_value;
    /* The culprit alone explains every broken identity of the report:
     * the only case where applying culprit_value may be offered (never
     * on a cross_year warning, whose culprit is last year's figure). */
    bool culprit_alone;
    /* One cause behind several identity findings: a cell (cause_cell,
     * the culprit they share) or a whole row (cause_row, a template row
     * index: changing its cells, one per broken column, makes them all
     * hold). cause_count findings of the report share it, and `cause`
     * says so in the same words on each of them. -1, -1, 0 and "" when
     * the finding stands alone. */
    int cause_cell, cause_row, cause_count;
    char cause[512];
    /* A stable key to carry review status across re-checks:
     * rule + sorted cell ids, e.g. "applications.balance:applications.total.natural_person". */
    char key[160];
} nb_finding;

typedef struct nb_findings {
    nb_finding *items;
    int count, cap;
    int errors, warnings;
} nb_findings;

/* Run every rule on `r`. `previous` is the same agency's report of the
 * year before, or NULL. `text` is the source (for narrative rules), may
 * be NULL. Appends to `out`. */
void nb_check_report(const nb_report *r, const nb_report *previous, const nb_text *text,
                     nb_findings *out);
/* Check every report of a document; a prior-year report of the same
 * agency in the same file is used for the cross-year rules. */
void nb_check_document(const nb_document *doc, int report_index, const nb_report *previous,
                       nb_findings *out);

/* "one_to_one", "sum", or NULL for NB_CONFIDENCE_NONE: the word the
 * check's YAML and JSON and the review file write. */
const char *nb_confidence_name(nb_confidence c);

void nb_findings_clear(nb_findings *f);
void nb_findings_free(nb_findings *f);

/* Whether cell `i` takes part in an error / a warning of `f`. */
bool nb_findings_cell_has(const nb_findings *f, int cell, nb_severity sev);
/* The values of the finding's cells in `r` as 16 hex digits (FNV-1a): a
 * judged finding's status holds while this stays the same. */
void nb_finding_values_hash(const nb_report *r, const nb_finding *f, char out[17]);

/* What is wrong with value `v` in a cell of `flags` (nb_cell_def):
 * a count that is not whole (only amounts may have decimals), or a
 * negative number where only 本年增/减 (NB_CELL_SIGNED) may be negative.
 * The one rule for the checks (cells.whole_nonnegative), the review and
 * the editor. */
typedef enum nb_cell_value_fault {
    NB_CELL_VALUE_OK = 0,
    NB_CELL_VALUE_NOT_WHOLE,
    NB_CELL_VALUE_NEGATIVE,
} nb_cell_value_fault;
nb_cell_value_fault nb_cell_value_check(unsigned flags, nb_number v);

/* The rules, in the order of NB_CHECK_RULES (src/check/check-internal.h): a stable
 * id, the severity of its findings and a one-line summary (untranslated,
 * marked N_(); pass it through _() to show it). */
typedef struct nb_rule_info {
    const char *id;      /* "applications.balance"; "parse.*" covers every note kind */
    nb_severity severity;
    const char *summary;
} nb_rule_info;
const nb_rule_info *nb_check_rules(int *count);

/* The template's identities (勾稽关系) as data, as the checks judge them:
 * the cells term[0..nlhs) add up to the cells term[nlhs..nterms). Those
 * along a row end with the row's total; those down a column have the
 * stated total first on the right. For a spreadsheet that shows them as
 * formulas (export -f xlsx). */
typedef struct nb_identity {
    const char *rule;  /* "applications.row_total" */
    const char *label; /* the row's or the column's label */
    bool by_column;
    int term[NB_FINDING_MAX_CELLS];
    int nlhs, nterms;
} nb_identity;
/* Fills out[0..cap) and returns how many there are (at most cap). */
#define NB_MAX_IDENTITIES 96
int nb_template_identities(const nb_template *tpl, nb_identity *out, int cap);

/* One way to put the values of an nb_placement into its cells (bit i of
 * `filled`: cell i takes the next value; the others are blank), with the
 * identities it breaks and those it makes hold. */
typedef struct nb_reading {
    unsigned long long filled;
    int broken, held;
} nb_reading;
/* More ways than this are not tried (the cells are then typed by hand). */
#define NB_READINGS_MAX 200000L
/* The best `cap` readings of `p` on `r` (its other cells as they stand;
 * blanks empty, or 0 with `blanks_zero`), fewest totals broken first, then
 * most held, then values packed towards the first cells. Returns how many,
 * or -1 when there are more than NB_READINGS_MAX ways. */
int nb_placement_readings(const nb_report *r, const nb_placement *p, bool blanks_zero, nb_reading *out,
                          int cap);

/* The report of `doc` (other than `r` itself) that is the same agency's
 * report of the year before `r`, with tables, or NULL. When no agency
 * matches and exactly one report of that year has tables, that one is
 * taken: `check --previous FILE` names the file on purpose. */
const nb_report *nb_check_find_previous(const nb_document *doc, const nb_report *r,
                                        bool require_same_agency);

/* Last year's report from another file (`check` of many files, which
 * keeps no report once it is printed): what the cross-year rules read of
 * a report — its agency, year, template, file name and the cells of
 * 上年结转, 结转下年度 and table 二, each with its place — kept small. */
typedef struct nb_year_cell {
    int cell;
    nb_number value;
    nb_span span;
} nb_year_cell;

typedef struct nb_year_figures {
    char agency[128];
    char former_agency[128]; /* the report's former_agency */
    int year;
    const nb_template *tpl;
    char *file;          /* malloc'd */
    nb_year_cell *cells; /* malloc'd, the cells that have a value */
    int ncells;
} nb_year_figures;

/* The figures of `r` (which has tables and a year) read from `file`;
 * 0, or -1 when r has none to keep or memory runs out. */
int nb_year_figures_of(nb_year_figures *y, const nb_report *r, const char *file);
void nb_year_figures_free(nb_year_figures *y);
/* Whether `prev` is the same agency's report of the year before `y`
 * (nb_agency_same_body: under its former name too). */
bool nb_year_figures_follow(const nb_year_figures *y, const nb_year_figures *prev);
/* The cross-year rules of `y` against `prev` (nb_year_figures_follow),
 * each finding naming prev's file and cell. `view` receives y as a
 * report holding only the kept cells (for the cell ids and places the
 * output names); free it with nb_report_free. 0, or -1 when memory runs
 * out. */
int nb_check_across_files(const nb_year_figures *y, const nb_year_figures *prev, nb_report *view,
                          nb_findings *out);

#endif
