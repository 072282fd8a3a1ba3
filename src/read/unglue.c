/* Un-gluing numbers: pdftotext may glue two narrow columns into one
 * number ("71 3000" into "713000"). Where a row (or a run of rows) is one
 * value short and exactly one split of one number makes every row's 总计
 * add up, that is the reading the text allows; it is taken and noted. */
#include "config.h"

#include <string.h>

#include "nianbao/cells.h"
#include "nianbao/recognize.h"
#include "recognize-internal.h"

/* Digits of a number token as the source writes them (ASCII), or false. */
static bool token_digits(const table_ctx *cx, const nb_token *tk, char *out, size_t cap) {
    size_t len = tk->byte_end - tk->byte_start;
    if (tk->kind != NB_TOKEN_NUMBER || tk->absurd || tk->unit[0] || len == 0 || len >= cap) return false;
    for (size_t i = 0; i < len; i++) {
        char c = cx->t->utf8[tk->byte_start + i];
        if (c < '0' || c > '9') return false;
        out[i] = c;
    }
    out[len] = '\0';
    return true;
}

/* One way of cutting a glued number: the `at`-th number, cut after
 * `cut` digits into `left` and `right`. */
typedef struct glue_cut {
    int at, cut;
    int64_t left, right;
} glue_cut;

/* Whether every row adds up when number `i` of `val` reads as `l` and
 * `r`: the last cell of each row (总计) is the sum of the others. */
static bool rows_add_up_split(const int64_t *val, int n, int i, int64_t l, int64_t r, int nsel, int ncols) {
    int64_t cells[65];
    int c = 0;
    for (int j = 0; j < n; j++) {
        if (j == i) {
            cells[c++] = l;
            cells[c++] = r;
        } else {
            cells[c++] = val[j];
        }
    }
    for (int row = 0; row < nsel; row++) {
        int64_t sum = 0;
        for (int col = 0; col < ncols - 1; col++) sum += cells[row * ncols + col];
        if (sum != cells[row * ncols + ncols - 1]) return false;
    }
    return true;
}

/* How many cuts of one of the numbers `numv` (values `val`) make every
 * row add up; the last one found in `found`. A part may not open with
 * a 0 unless it is 0 itself. */
static int count_cuts(const table_ctx *cx, const int *numv, const int64_t *val, int n, int nsel, int ncols,
                      glue_cut *found) {
    int count = 0;
    for (int i = 0; i < n; i++) {
        char d[32];
        if (!token_digits(cx, &cx->tl->v[numv[i]], d, sizeof d)) continue;
        int len = (int)strlen(d);
        for (int k = 1; k < len; k++) {
            if ((d[0] == '0' && k > 1) || (d[k] == '0' && len - k > 1)) continue;
            int64_t l = 0, r = 0;
            for (int j = 0; j < k; j++) l = l * 10 + (d[j] - '0');
            for (int j = k; j < len; j++) r = r * 10 + (d[j] - '0');
            if (!rows_add_up_split(val, n, i, l, r, nsel, ncols)) continue;
            count++;
            *found = (glue_cut){i, k, l, r};
        }
    }
    return count;
}

/* The run's values into the rows' cells, the cut number as two cells
 * (each with its part of the token's span), and the note that says so. */
static void put_cut(table_ctx *cx, const int *rowsel, int ncols, const int *numv, int n, const glue_cut *g) {
    int pos = 0;
    for (int i = 0; i < n; i++) {
        const nb_token *tk = &cx->tl->v[numv[i]];
        if (i != g->at) {
            nb_put_value(cx, rowsel[pos / ncols], pos % ncols, numv[i], NB_ORIGIN_READ);
            pos++;
            continue;
        }
        for (int half = 0; half < 2; half++, pos++) {
            const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + rowsel[pos / ncols]];
            nb_cell *cell = &cx->r->cells[rd->first_cell + pos % ncols];
            memset(cell, 0, sizeof *cell);
            nb_token_span(tk, &cell->span);
            if (half == 0) {
                cell->span.byte_end = tk->byte_start + (size_t)g->cut;
                cell->span.col_end = tk->col_start + g->cut;
            } else {
                cell->span.byte_start = tk->byte_start + (size_t)g->cut;
                cell->span.col_start = tk->col_start + g->cut;
            }
            cell->has_value = true;
            cell->value.units = half == 0 ? g->left : g->right;
            cell->origin = NB_ORIGIN_INFERRED;
        }
    }
    nb_span sp;
    nb_token_span(&cx->tl->v[numv[g->at]], &sp);
    nb_report_add_note(cx->r, NB_NOTE_AMBIGUOUS, -1, &sp,
                       _("%lld%lld read as two cells, %lld and %lld: the only reading in which every "
                       "row's total adds up"),
                       (long long)g->left, (long long)g->right, (long long)g->left, (long long)g->right);
}

/* A run of the values of several rows one number short, where one number
 * splits in exactly one way so that every row's 总计 adds up: pdftotext
 * glued two narrow columns of table 四 ("37351" for 37 and 351). */
bool nb_unglue_run(table_ctx *cx, const int *rowsel, int nsel, int ncols, const row_vals *rv) {
    int numv[64], n = 0;
    for (int i = 0; i < rv->n; i++)
        if (cx->tl->v[rv->v[i]].kind == NB_TOKEN_NUMBER) {
            if (n >= 64) return false;
            numv[n++] = rv->v[i];
        }
    if (n + 1 != nsel * ncols) return false;
    int64_t val[64];
    for (int i = 0; i < n; i++) {
        const nb_token *tk = &cx->tl->v[numv[i]];
        if (tk->absurd || tk->number.scale || tk->number.units < 0) return false;
        val[i] = tk->number.units;
    }
    glue_cut g;
    if (count_cuts(cx, numv, val, n, nsel, ncols, &g) != 1) return false;
    put_cut(cx, rowsel, ncols, numv, n, &g);
    return true;
}

/* Table 三 and 四 rows end in a 总计 of the other cells. When such a row
 * has one value too few and one of its numbers splits into two in
 * exactly one way that makes the total add up (pdftotext glues "71 3000"
 * into "713000"), that is the reading the text allows; it is taken and
 * noted. A total that fails in every reading stays unread. */
bool nb_unglue_by_total(table_ctx *cx, int row_rel, const int *v, int n) {
    const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + row_rel];
    if (rd->table == NB_TABLE_ACTIVE || rd->ncells < 3 || n != rd->ncells - 1) return false;
    for (int i = 0; i < n; i++)
        if (cx->tl->v[v[i]].kind != NB_TOKEN_NUMBER) return false;
    row_vals one = {(int *)v, n, n, cx->rows[row_rel].label, false, false};
    return nb_unglue_run(cx, &row_rel, 1, rd->ncells, &one);
}
