/* Internal interface between the recogniser's files (src/read): the
 * table being read and the steps that place its numbers. recognize.c
 * reads a table and calls the steps; place.c holds what every step uses;
 * labels.c matches row labels; order.c, columns.c and unglue.c place
 * values. Calls run one way: recognize → order → columns → unglue →
 * place, each may use labels and place. Not part of the core's public
 * interface. */
#ifndef NIANBAO_RECOGNIZE_INTERNAL_H
#define NIANBAO_RECOGNIZE_INTERNAL_H

#include "nianbao/cells.h"
#include "nianbao/recognize.h"

/* The values found under one row's label, as token indices. */
typedef struct row_vals {
    int *v;       /* token indices of the values after the row's label */
    int n, cap;
    int label;    /* token index of the label, -1 when never seen */
    bool short_row; /* fewer values than cells, left for the column pass */
    bool took_above; /* holds numbers printed above its label */
} row_vals;

/* One table being read: the text, the report whose cells it fills,
 * the table's tokens and its template rows with their values. */
typedef struct table_ctx {
    const nb_text *t;
    nb_report *r;
    const nb_token_list *tl;
    int first_row, nrows; /* template rows of this table */
    row_vals *rows;
} table_ctx;

/* place.c: values under a label, a token into a cell, notes */
int nb_vals_push(row_vals *rv, int tok);
void nb_token_span(const nb_token *tk, nb_span *sp);
void nb_put_value(table_ctx *cx, int row_rel, int col, int tok, nb_origin origin);
int nb_count_kind(const table_ctx *cx, const int *v, int n, nb_token_kind kind);
void nb_note_values(table_ctx *cx, int row_rel, const int *v, int n, nb_note_kind kind, const char *what);
/* After an ambiguous note: keep its `n` values and the cells of its rows
 * for the reviewer to place (nb_placement). */
void nb_note_placement(table_ctx *cx, const int *rows_rel, int nrows, const int *v, int n);

/* labels.c: row-label matching */
bool nb_label_is_garbled(const nb_template *tpl, int row, const char *folded);
bool nb_label_is_full(const nb_template *tpl, int row, const char *folded);
bool nb_part_of_row_label(const table_ctx *cx, int row_rel, const char *s);
bool nb_in_column_header(const nb_token_list *tl, size_t i);
bool nb_is_grid_header(const char *folded);
int nb_match_wrapped_label(const nb_token_list *tl, size_t i, const nb_template *tpl, int first, int cur, int lim);

/* unglue.c: numbers glued together */
bool nb_unglue_run(table_ctx *cx, const int *rowsel, int nsel, int ncols, const row_vals *rv);
bool nb_unglue_by_total(table_ctx *cx, int row_rel, const int *v, int n);

/* columns.c: placement by column position */
bool nb_place_by_columns(table_ctx *cx, int row_rel, const double *centre, int ncols, bool chars);
bool nb_learn_cell_columns(const table_ctx *cx, int ncols, int *from_end);
bool nb_place_by_cells(table_ctx *cx, int row_rel, const int *from_end, int ncols);
bool nb_place_under_headers(table_ctx *cx, int row_rel);
double nb_learn_columns(const table_ctx *cx, int ncols, bool chars, double *centre, bool *ok);
bool nb_place_groups_by_headers(table_ctx *cx, const int *rowsel, int nsel, int ncols, const int *vals, int k);
bool nb_place_slots_by_subheaders(table_ctx *cx, const int *rowsel, int nsel, int ncols, const int *vals, int k);

/* order.c: placement by order and count */
void nb_resolve_row(table_ctx *cx, int row_rel);
bool nb_values_in_one_run(table_ctx *cx, nb_table_id table);
int nb_take_numbers_above(table_ctx *cx, int row_rel, row_vals *above);
void nb_order_by_columns(table_ctx *cx, int row_rel);
bool nb_numbers_precede_labels(table_ctx *cx, row_vals *before);

#endif
