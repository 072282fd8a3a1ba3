/* The official templates (国办公开办函〔2019〕60号 and 〔2021〕30号) as
 * data: tables, rows in order, the columns of each row, labels and the
 * keywords that recognise a row even when a report mangles its label.
 * Everything else (recogniser, checks, export, TUI) walks these tables
 * instead of naming rows in code. */
#ifndef NIANBAO_TEMPLATE_H
#define NIANBAO_TEMPLATE_H

#include "nianbao/common.h"

typedef enum nb_table_id {
    NB_TABLE_ACTIVE = 0,   /* 二、主动公开政府信息情况 */
    NB_TABLE_APPLICATIONS, /* 三、收到和处理政府信息公开申请情况 */
    NB_TABLE_APPEALS,      /* 四、行政复议、行政诉讼情况 */
    NB_TABLE_COUNT
} nb_table_id;

typedef enum nb_template_kind {
    NB_TEMPLATE_UNKNOWN = 0,
    NB_TEMPLATE_2019,
    NB_TEMPLATE_2021,
} nb_template_kind;

/* Flags of a cell definition. */
enum {
    NB_CELL_SIGNED = 1u << 0, /* may be negative (本年增/减) */
    NB_CELL_AMOUNT = 1u << 1, /* money: decimals allowed, carries a unit */
};

/* The most alternatives a row's keywords list ("新收|本年收到"). */
#define NB_MATCH_ALTERNATIVES 6

typedef struct nb_row_def {
    nb_table_id table;
    const char *id;          /* "new_received" */
    const char *label;       /* full label as the template prints it */
    const char *short_label; /* for narrow table panes */
    /* Keywords that identify the row in folded text (fold.h), folded
     * themselves; a row matches when all keywords of any one alternative
     * occur ("|" separates alternatives, "&" joins keywords of one
     * alternative). */
    const char *match;
    /* Each alternative's characters (nb_char_set): a label lacking any
     * of them cannot hold that alternative's keywords. */
    uint64_t match_sets[NB_MATCH_ALTERNATIVES];
    int first_cell;          /* index of its first cell in nb_template.cells */
    int ncells;
} nb_row_def;

typedef struct nb_cell_def {
    nb_table_id table;
    int row;                 /* index in nb_template.rows */
    const char *row_id;
    const char *col_id;      /* "natural_person" */
    const char *col_label;   /* "自然人" */
    int col;                 /* 0-based column within its row */
    unsigned flags;
} nb_cell_def;

/* No template has more cells than this (template.c builds them into
 * arrays of this size); arrays indexed by cell may be this long. */
#define NB_TEMPLATE_MAX_CELLS 256

typedef struct nb_template {
    nb_template_kind kind;
    const char *name;        /* "2019" or "2021", as review files write it */
    /* true for the 2021 variant that prints (六)其他处理 as one row */
    bool other_single_row;
    const nb_row_def *rows;
    int nrows;
    const nb_cell_def *cells;
    int ncells;
} nb_template;

/* The three template variants: 2019, 2021, and 2021 with (六) as one row. */
const nb_template *nb_template_get(nb_template_kind kind, bool other_single_row);

const char *nb_table_key(nb_table_id t);   /* "active", "applications", "appeals" */
const char *nb_table_title(nb_table_id t); /* "二、主动公开政府信息情况" ... */

/* Index of the cell "table.row.col" in `tpl`, or -1. */
int nb_template_find_cell(const nb_template *tpl, const char *cell_id);
/* Index of a row by table and row id, or -1. */
int nb_template_find_row(const nb_template *tpl, nb_table_id table, const char *row_id);
/* Index of the cell at (row index, column id), or -1. */
int nb_template_cell_at(const nb_template *tpl, int row, const char *col_id);
/* Write "table.row.col" for cell `i` into buf. */
void nb_template_cell_id(const nb_template *tpl, int i, char *buf, size_t bufsize);

/* Column ids of the applications and appeals tables, in order. */
extern const char *const nb_applications_columns[7];
extern const char *const nb_appeals_columns[5];

#endif
