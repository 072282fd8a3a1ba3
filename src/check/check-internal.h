/* Shared between check.c (identities, cells, years, notes, cross-year)
 * and narrative.c (numbers stated in the text against the table); the
 * findings list is findings.c's, which calls neither. Not part of the
 * core's public interface. */
#ifndef NIANBAO_CHECK_INTERNAL_H
#define NIANBAO_CHECK_INTERNAL_H

#include "nianbao/check.h"

/* The rules, once: X(NAME, {id, severity, summary}). The enum below,
 * the table nb_check_rules() returns (`check --list-rules`) and the
 * severity of every finding come from this list; man/nianbao.1 describes
 * each id (tests/test_man.sh). Ids are stable: review files carry
 * finding statuses by them and scripts filter on them; never rename one,
 * add new ones instead. Summaries are untranslated, marked N_(). */
#define NB_CHECK_RULES(X) \
    X(APPLICATIONS_ROW_TOTAL, {"applications.row_total", NB_SEV_ERROR, N_("every row of table 三: 总计 equals the sum of the six applicant columns")}) \
    X(APPLICATIONS_RESULTS_TOTAL, {"applications.results_total", NB_SEV_ERROR, N_("every column of table 三: (七)总计 equals the sum of the results (一) to (六)")}) \
    X(APPLICATIONS_BALANCE, {"applications.balance", NB_SEV_ERROR, N_("every column of table 三: 一 + 二 equals 三(七) + 四")}) \
    X(APPEALS_TOTAL, {"appeals.total", NB_SEV_ERROR, N_("every row of table 四: 总计 equals 维持 + 纠正 + 其他 + 尚未审结")}) \
    X(CELLS_WHOLE_NONNEGATIVE, {"cells.whole_nonnegative", NB_SEV_ERROR, N_("counts are whole numbers and not negative; only 本年增/减 may be negative")}) \
    X(CELL_MANGLED_NUMBER, {"cell.mangled_number", NB_SEV_ERROR, N_("a number cell holds a mangled number (a letter O, o, l or I for a digit, or a 。 among its digits); the cell is left empty")}) \
    X(CELLS_MISSING, {"cells.missing", NB_SEV_WARNING, N_("a cell the template expects has no value")}) \
    X(CELLS_INFERRED, {"cells.inferred", NB_SEV_WARNING, N_("a value was placed by inference, not read")}) \
    X(ACTIVE_UNIT_MISSING, {"active.unit_missing", NB_SEV_WARNING, N_("an amount has no unit")}) \
    X(ACTIVE_UNIT_UNEXPECTED, {"active.unit_unexpected", NB_SEV_WARNING, N_("an amount is not in 万元")}) \
    X(PERIOD_UNREADABLE, {"period.unreadable", NB_SEV_WARNING, N_("the statistical period cannot be read as dates")}) \
    X(PERIOD_YEAR_MISMATCH, {"period.year_mismatch", NB_SEV_WARNING, N_("the title's year, the statistical period and the dateline disagree")}) \
    X(PERIOD_PARTIAL, {"period.partial", NB_SEV_WARNING, N_("the statistical period is not the whole calendar year")}) \
    X(TEMPLATE_YEAR_MISMATCH, {"template.year_mismatch", NB_SEV_WARNING, N_("the template does not fit the report's year")}) \
    X(PARSE_TEMPLATE_DEVIATION, {"parse.template_deviation", NB_SEV_WARNING, N_("the report departs from its template")}) \
    X(PARSE_LABEL_GARBLED, {"parse.label_garbled", NB_SEV_WARNING, N_("a row label lost characters")}) \
    X(PARSE_AMBIGUOUS, {"parse.ambiguous", NB_SEV_WARNING, N_("numbers could not be placed for sure")}) \
    X(PARSE_UNPLACED, {"parse.unplaced", NB_SEV_WARNING, N_("a number in a table fits no cell")}) \
    X(PARSE_INVALID_BYTES, {"parse.invalid_bytes", NB_SEV_WARNING, N_("the source has bytes that are not text")}) \
    X(PARSE_ABSURD_NUMBER, {"parse.absurd_number", NB_SEV_WARNING, N_("a number too large to be a count")}) \
    X(STRUCTURE_HEADING, {"structure.heading", NB_SEV_WARNING, N_("a section heading adds or loses a character or two against the template's")}) \
    X(STRUCTURE_SECTIONS, {"structure.sections", NB_SEV_WARNING, N_("the six sections are not each there once, numbered and in the template's order")}) \
    X(STRUCTURE_ARTICLE_ITEM, {"structure.article_item", NB_SEV_WARNING, N_("a header of table 二 names another item of 第二十条 than the rows under it")}) \
    X(TEXT_VS_TABLE, {"text.vs_table", NB_SEV_WARNING, N_("the narrative states a figure (a count, an amount, a share, a claim of none) the table contradicts")}) \
    X(CROSS_YEAR_CARRIED_OVER, {"cross_year.carried_over", NB_SEV_WARNING, N_("上年结转 differs from last year's 结转下年度")}) \
    X(CROSS_YEAR_PREVIOUS_ITEMS, {"cross_year.previous_items", NB_SEV_WARNING, N_("上一年项目数量 differs from last year's 上一年项目数量 + 本年增/减")}) \
    X(CROSS_YEAR_TOTAL_PUBLISHED, {"cross_year.total_published", NB_SEV_WARNING, N_("对外公开总数量 differs from last year's total + this year's 新公开")}) \
    X(CROSS_YEAR_IN_FORCE, {"cross_year.in_force", NB_SEV_WARNING, N_("现行有效件数 differs from last year's + 制发 − 废止")})

/* A rule: NB_RULE_ and its name in the list above. */
#define NB_RULE_ENUM(name, ...) NB_RULE_##name,
typedef enum nb_rule { NB_CHECK_RULES(NB_RULE_ENUM) NB_RULE_COUNT } nb_rule;
#undef NB_RULE_ENUM

/* Append a finding of `rule` about `cells` of `r` (may be NULL/0).
 * Fills rule id and severity from the rule table, cells, line/column
 * from the first involved cell that has a place in the source, the
 * target = the first cell (or -1), culprit and cause = -1, and the
 * counters. The caller
 * writes the message and then calls nb_finding_set_key. Returns NULL
 * when memory runs out (the finding is lost, the check goes on). */
nb_finding *nb_findings_add(nb_findings *out, const nb_report *r, nb_rule rule, const int *cells,
                            int ncells);

/* The stable key: rule + ":" + sorted cell ids; with `with_line`, "@LINE"
 * is appended so that two findings of one rule on one cell (two
 * sentences of the narrative) stay apart. Keys longer than the field
 * keep the rule, the first cell id and a hash of the full key. */
void nb_finding_set_key(nb_finding *f, const nb_report *r, bool with_line);

/* After a report's rules ran, from finding `first` on: cut any message
 * that ends in half a UTF-8 character, and give a later finding whose
 * key another already has "~2", "~3"… in the order the rules ran. */
void nb_findings_seal(nb_findings *out, int first);

/* A cell in the report's words (compare.c): the row's short label (the
 * full one in table 二), `sep` and the column's label: "(七)总计·自然人"
 * with "·"; "(七)总计", not "(七)总计·总计". */
void nb_cell_words(const nb_template *tpl, int cell, const char *sep, char *buf, size_t size);

/* The cross-year rules (cross_year.*) of r against `prev`, the same
 * agency's report of the year before (check.c). With `prev_file`, prev
 * came from that other file, and each finding names it and the cell read
 * there (yearpair.c). */
void nb_check_cross_year(const nb_report *r, const nb_report *prev, const char *prev_file,
                         nb_findings *out);

/* The cell rules (cell_rules.c): cells.whole_nonnegative, active.unit_*,
 * cells.missing, cells.inferred. */
void nb_check_cells(const nb_report *r, nb_findings *out);

/* The section headings against the template's (structure.c: rules
 * structure.heading and structure.sections). */
void nb_check_structure(const nb_report *r, const nb_text *text, nb_findings *out);

/* Table 二's 第二十条第（N）项 headers against the rows under them
 * (article_items.c: rule structure.article_item). */
void nb_check_article_items(const nb_report *r, const nb_text *text, nb_findings *out);

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
