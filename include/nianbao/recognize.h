/* Internal interface of the recogniser: finding reports, their titles,
 * agencies, periods and datelines, and where their three tables lie
 * (locate.c); reading the tables into cells (recognize.c). Front ends use
 * nb_document_parse from document.h; these are exposed for tests. */
#ifndef NIANBAO_RECOGNIZE_H
#define NIANBAO_RECOGNIZE_H

#include "nianbao/report.h"

/* A report title ("XX 2020年政府信息公开工作年度报告", possibly on two
 * lines), or a sentence that names a report ("特向社会公布内江高新区2019年度
 * 政府信息公开年度报告"). */
typedef struct nb_title {
    size_t byte_start, byte_end; /* the line(s) of the title */
    int line;                    /* 1-based first line */
    int year;
    char agency[128];            /* "" when the title names none */
    char former_agency[128];     /* "X（原Y）…": Y, the agency's former name; else "" */
    bool sentence;               /* a mention inside a long line, not a title line */
} nb_title;

/* Where one set of the standard tables lies: table 二 from active_start,
 * 三 from apps_start, 四 from appeals_start to end. Starts of missing
 * tables equal the next table's start. */
typedef struct nb_table_set {
    size_t active_start, apps_start, appeals_start, end;
    bool has_active, has_appeals;
} nb_table_set;

/* Every title and report-naming sentence, in source order. */
int nb_find_titles(const nb_text *t, nb_title **out, int *n);
/* Every set of standard tables, in source order. */
int nb_find_table_sets(const nb_text *t, nb_table_set **out, int *n);

/* Fill r->period_* from the 统计期限 sentence in [start, end). */
void nb_locate_period(const nb_text *t, size_t start, size_t end, nb_report *r);
/* Fill r->dateline_* from a short date line near the start or the end of [start, end). */
void nb_locate_dateline(const nb_text *t, size_t start, size_t end, nb_report *r);
/* An agency named in [start, end) without a title: a heading line such
 * as "天津市宁河区人民政府" near the start, a sentence naming the report,
 * "本报告由XX区人民政府办公室…编制" (the government it writes for), or the
 * last line that is only a name (a sign-off, the heading of a copy).
 * Returns false when none is found. */
bool nb_locate_agency(const nb_text *t, size_t start, size_t end, char *agency, size_t cap);
/* The year a report speaks of when nothing names it: the first "YYYY年，"
 * ("2022年，我县…") in [start, end), or 0. */
int nb_locate_year(const nb_text *t, size_t start, size_t end);

/* Which template the tables in `set` follow, judged from column headers
 * and row labels; `year` breaks ties. Sets *other_single_row when a 2021
 * report prints (六)其他处理 as one row. */
nb_template_kind nb_detect_template(const nb_text *t, const nb_table_set *set, int year,
                                    bool *other_single_row);

/* Read the tables of `set` into r->cells (r->tpl must be set). */
int nb_read_tables(const nb_text *t, const nb_table_set *set, nb_report *r);

/* Whether a folded label matches row `row` of `tpl` (its `match` keywords). */
bool nb_row_matches(const nb_template *tpl, int row, const char *folded_label);
/* The first row in [from, to] (indexes in tpl->rows) that the folded
 * label matches, or -1: for a label tried against many rows. */
int nb_first_matching_row(const nb_template *tpl, int from, int to, const char *folded_label);

#endif
