/* Placement by order and count: the values after a row's label go to
 * its cells in order when their count fits; a row with more values than
 * cells takes one line of them, or hands whole rows to unlabelled rows
 * below; a run of all rows' values after the last label is read by row
 * or by column, whichever adds up; numbers printed above their labels
 * are handed to the right row. Rows left short wait for columns.c. */
#include "config.h"

#include <string.h>

#include "nianbao/cells.h"
#include "nianbao/recognize.h"
#include "recognize-internal.h"

/* Values of a row, one line of which holds exactly the row's cells while
 * the other lines hold only blanks (a wrapped label in a grid) or fewer
 * numbers than a row (a page number between a label and its numbers). */
static bool single_line_choice(const table_ctx *cx, const int *v, int n, int ncols, int *start,
                               bool *strays) {
    int found = -1, full_lines = 0, other_nums = 0;
    for (int i = 0; i < n;) {
        int line = cx->tl->v[v[i]].line, j = i, nums = 0;
        while (j < n && cx->tl->v[v[j]].line == line) {
            if (cx->tl->v[v[j]].kind == NB_TOKEN_NUMBER) nums++;
            j++;
        }
        if (nums > 0 && j - i == ncols && ncols > 1) {
            full_lines++;
            found = i;
        } else {
            other_nums += nums;
        }
        i = j;
    }
    /* one line holds the whole row; other lines hold only blanks, or a
     * stray number or two (a page number between a label and its row) */
    if (full_lines != 1 || other_nums >= ncols) return false;
    *start = found;
    *strays = other_nums > 0;
    return true;
}

/* Rows of tables 三 and 四 end in their 总计: true when the numbers `v`
 * read as the row do not add up to it. */
static bool row_total_fails(const table_ctx *cx, int row_rel, const int *v) {
    const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + row_rel];
    if (rd->table == NB_TABLE_ACTIVE || rd->ncells < 3) return false;
    long long sum = 0;
    for (int c = 0; c < rd->ncells; c++) {
        const nb_token *tk = &cx->tl->v[v[c]];
        if (tk->kind != NB_TOKEN_NUMBER || tk->absurd) return false;
        if (c < rd->ncells - 1) sum += tk->number.units;
    }
    return sum != cx->tl->v[v[rd->ncells - 1]].number.units;
}

/* Does the line of token `tok` hold a label or a number from `tok` on? */
static bool line_has_more_than_blanks(const nb_token_list *tl, int tok) {
    for (size_t i = (size_t)tok; i < tl->n && tl->v[i].line == tl->v[tok].line; i++)
        if (tl->v[i].kind != NB_TOKEN_BLANK) return true;
    return false;
}

/* Empty grid cells that open a later line holding text or numbers are
 * the label cells of the next row (a spanned label's column), not this
 * row's: how many of the values `v` are left without them. */
static int without_next_label_cells(const table_ctx *cx, const int *v, int n) {
    int last_number_line = -1;
    for (int i = 0; i < n; i++)
        if (cx->tl->v[v[i]].kind == NB_TOKEN_NUMBER) last_number_line = cx->tl->v[v[i]].line;
    while (last_number_line >= 0 && n > 0 && cx->tl->v[v[n - 1]].kind == NB_TOKEN_BLANK &&
           cx->tl->v[v[n - 1]].cell >= 0 && cx->tl->v[v[n - 1]].line > last_number_line &&
           line_has_more_than_blanks(cx->tl, v[n - 1]))
        n--;
    return n;
}

/* In a grid, values on a later line than the row's label, after text in
 * the label's column or right of it that is no part of its label (not a
 * wrapped remainder), are another row's whose label was not recognised
 * (garbled, cut): they are noted and cut off; how many values are left.
 * Text left of the label's column is a group label spanning rows
 * (（六）其他处理 printed down the side). When the row has its cells'
 * worth of numbers and the rest come in whole rows, nothing is cut: the
 * rows after it are inferred by place_extra_numbers instead. */
static int without_foreign_lines(table_ctx *cx, int row_rel, const int *v, int n, int ncols) {
    const row_vals *rv = &cx->rows[row_rel];
    int label_cell = cx->tl->v[rv->label].cell;
    for (int i = 0; i < n && label_cell >= 0; i++) {
        const nb_token *tk = &cx->tl->v[v[i]];
        if (tk->cell < 0 || tk->line <= cx->tl->v[rv->label].line) continue;
        bool foreign = false;
        for (int j = (i > 0 ? v[i - 1] : rv->label) + 1; j < v[i] && !foreign; j++)
            if (cx->tl->v[j].kind == NB_TOKEN_LABEL && cx->tl->v[j].line == tk->line &&
                cx->tl->v[j].cell >= label_cell)
                foreign = !nb_part_of_row_label(cx, row_rel, nb_token_text(cx->tl, &cx->tl->v[j]));
        if (!foreign) continue;
        int before = nb_count_kind(cx, v, i, NB_TOKEN_NUMBER), after = nb_count_kind(cx, v + i, n - i, NB_TOKEN_NUMBER);
        if (before == ncols && after > 0 && after % ncols == 0) return n;
        if (after > 0)
            nb_note_values(cx, row_rel, v + i, n - i, NB_NOTE_UNPLACED,
                        _("numbers on a later line after text that is no part of the row's label; not placed"));
        return i;
    }
    return n;
}

/* More values than cells, one line of which holds the whole row: that
 * line is the row; stray numbers on its other lines are noted. */
static bool place_one_full_line(table_ctx *cx, int row_rel, const int *v, int n, int ncols) {
    int start;
    bool strays = false;
    if (!single_line_choice(cx, v, n, ncols, &start, &strays)) return false;
    for (int c = 0; c < ncols; c++) nb_put_value(cx, row_rel, c, v[start + c], NB_ORIGIN_READ);
    if (strays) {
        int sv[64], k = 0;
        for (int i = 0; i < n && k < 64; i++)
            if ((i < start || i >= start + ncols) && cx->tl->v[v[i]].kind == NB_TOKEN_NUMBER)
                sv[k++] = v[i];
        nb_note_values(cx, row_rel, sv, k, NB_NOTE_UNPLACED,
                    _("numbers on other lines than the row's own; not placed"));
    }
    return true;
}

/* More numbers than cells: the numbers of the following rows whose
 * labels were lost. When they come in whole rows and those rows were
 * never labelled, they are those rows' values, in order; else the first
 * numbers are the row's and the rest are noted. */
static void place_extra_numbers(table_ctx *cx, int row_rel, const int *v, int n, int nums, int ncols) {
    int numv[1024], k = 0;
    for (int i = 0; i < n && k < 1024; i++)
        if (cx->tl->v[v[i]].kind == NB_TOKEN_NUMBER) numv[k++] = v[i];
    int extra_rows = nums / ncols - 1;
    bool whole = nums % ncols == 0 && row_rel + extra_rows < cx->nrows;
    for (int j = 1; whole && j <= extra_rows; j++) {
        const nb_row_def *nd = &cx->r->tpl->rows[cx->first_row + row_rel + j];
        if (cx->rows[row_rel + j].label >= 0 || nd->ncells != ncols) whole = false;
    }
    /* Taking the first numbers is a choice among readings (the rest
     * may be another row's, or these another's): a choice whose 总计
     * does not add up is no reading at all (pdftotext's default mode
     * lists columns, not rows). */
    bool fails = row_total_fails(cx, row_rel, numv);
    for (int j = 1; whole && j <= extra_rows && !fails; j++)
        fails = row_total_fails(cx, row_rel + j, numv + j * ncols);
    if (fails) {
        nb_note_values(cx, row_rel, numv, nums, NB_NOTE_AMBIGUOUS,
                    _("more numbers than the row has cells, and the first of them do not add up "
                    "to its total; left unread"));
        return;
    }
    for (int c = 0; c < ncols; c++) nb_put_value(cx, row_rel, c, numv[c], NB_ORIGIN_READ);
    if (whole) {
        for (int j = 1; j <= extra_rows; j++)
            for (int c = 0; c < ncols; c++)
                nb_put_value(cx, row_rel + j, c, numv[j * ncols + c], NB_ORIGIN_INFERRED);
        nb_note_values(cx, row_rel, numv + ncols, nums - ncols, NB_NOTE_AMBIGUOUS,
                    _("numbers under one label filled the next rows, whose labels were not found"));
    } else {
        nb_note_values(cx, row_rel, numv + ncols, nums - ncols, NB_NOTE_UNPLACED,
                    _("more numbers than the row has cells; these were not placed"));
    }
}

/* The values after a row's label into its cells, by their order and
 * count: exactly the cells' worth (values, or numbers among blanks), one
 * full line among several, or more numbers than cells. A row with fewer
 * is marked short, for the column pass. */
void nb_resolve_row(table_ctx *cx, int row_rel) {
    row_vals *rv = &cx->rows[row_rel];
    int ncols = cx->r->tpl->rows[cx->first_row + row_rel].ncells;
    const int *v = rv->v;
    if (rv->label < 0 || rv->n == 0) return;
    int n = without_next_label_cells(cx, v, rv->n);
    n = without_foreign_lines(cx, row_rel, v, n, ncols);
    /* blanks standing after a full row are filler of the layout */
    while (n > ncols && cx->tl->v[v[n - 1]].kind == NB_TOKEN_BLANK) n--;
    int nums = nb_count_kind(cx, v, n, NB_TOKEN_NUMBER);
    if (n == ncols) {
        for (int c = 0; c < ncols; c++) nb_put_value(cx, row_rel, c, v[c], NB_ORIGIN_READ);
        return;
    }
    if (n > ncols && place_one_full_line(cx, row_rel, v, n, ncols)) return;
    if (nums == ncols) {
        int c = 0;
        for (int i = 0; i < n && c < ncols; i++)
            if (cx->tl->v[v[i]].kind == NB_TOKEN_NUMBER) nb_put_value(cx, row_rel, c++, v[i], NB_ORIGIN_READ);
        return;
    }
    if (nums > ncols) {
        place_extra_numbers(cx, row_rel, v, n, nums, ncols);
        return;
    }
    /* fewer values than cells: decided later, when the table's columns are known */
    rv->short_row = true;
}

/* How many rows of a reading of `vals` add up: the last cell of each row
 * (总计) equals the sum of the others, empty cells counting as 0. */
static int reading_score(const table_ctx *cx, int nrows, int ncols, const int *vals, bool by_column) {
    int score = 0;
    for (int i = 0; i < nrows; i++) {
        int64_t sum = 0, total = 0;
        bool ok = true;
        for (int c = 0; c < ncols; c++) {
            const nb_token *tk = &cx->tl->v[vals[by_column ? c * nrows + i : i * ncols + c]];
            int64_t v = 0;
            if (tk->kind == NB_TOKEN_NUMBER) {
                if (tk->absurd || tk->number.scale) ok = false;
                v = tk->number.units;
            }
            if (c < ncols - 1) sum += v;
            else total = v;
        }
        if (ok && sum == total) score++;
    }
    return score;
}

static bool readings_differ(const table_ctx *cx, int nrows, int ncols, const int *vals) {
    for (int i = 0; i < nrows; i++)
        for (int c = 0; c < ncols; c++) {
            const nb_token *a = &cx->tl->v[vals[i * ncols + c]], *b = &cx->tl->v[vals[c * nrows + i]];
            if (a->kind != b->kind || (a->kind == NB_TOKEN_NUMBER && nb_number_cmp(a->number, b->number)))
                return true;
        }
    return false;
}

/* A run of values after the last label and the rows it may fill. */
typedef struct value_run {
    int rowsel[64], nsel; /* the rows, relative to the table */
    int ncols, total;     /* cells per row, and of all rows */
    int last;             /* the last row labelled: it holds the run */
    int vals[1024], k;    /* the run's tokens */
    int nums;             /* how many of them are numbers */
} value_run;

/* The run: the values between the last label before the table's first
 * number and the next label (text after the table may follow), and the
 * rows it may fill (all of table 四, else the labelled ones). False when
 * there is no run: in a row by row layout the values after the last
 * label before the first number are one row's, too few to be a run. */
static bool find_run(const table_ctx *cx, nb_table_id table, value_run *run) {
    const nb_token_list *tl = cx->tl;
    int first_number = -1;
    for (size_t i = 0; i < tl->n && first_number < 0; i++)
        if (tl->v[i].kind == NB_TOKEN_NUMBER) first_number = (int)i;
    if (first_number < 0) first_number = (int)tl->n; /* a run of blanks only */
    int last_label = -1, run_end = (int)tl->n;
    for (int i = 0; i < first_number; i++)
        if (tl->v[i].kind == NB_TOKEN_LABEL) last_label = i;
    if (last_label < 0) return false;
    for (int i = last_label + 1; i < (int)tl->n; i++)
        if (tl->v[i].kind == NB_TOKEN_LABEL) {
            run_end = i;
            break;
        }
    int last = -1; /* the reading only moves forward: the last row labelled holds the run */
    for (int r = 0; r < cx->nrows; r++)
        if (cx->rows[r].label >= 0) last = r;
    if (last < 0) return false;
    run->last = last;
    run->nsel = 0;
    for (int r = 0; r < cx->nrows && run->nsel < 64; r++)
        if (table == NB_TABLE_APPEALS || (cx->rows[r].label >= 0 && r <= last)) run->rowsel[run->nsel++] = r;
    if (run->nsel < 2) return false;
    run->ncols = cx->r->tpl->rows[cx->first_row + run->rowsel[0]].ncells;
    for (int i = 1; i < run->nsel; i++)
        if (cx->r->tpl->rows[cx->first_row + run->rowsel[i]].ncells != run->ncols) return false;
    run->total = run->nsel * run->ncols;
    if (run->total > 1024) return false;
    run->k = 0;
    const row_vals *rv = &cx->rows[last];
    for (int i = 0; i < rv->n && run->k < 1024; i++)
        if (rv->v[i] > last_label && rv->v[i] < run_end) run->vals[run->k++] = rv->v[i];
    run->nums = nb_count_kind(cx, run->vals, run->k, NB_TOKEN_NUMBER);
    return run->k > run->ncols; /* else an ordinary row */
}

/* Blanks before the run's values beyond its cells are header filler;
 * with more values than cells and at least the cells' worth of numbers,
 * the numbers are the run. */
static void trim_run(const table_ctx *cx, value_run *run) {
    const nb_token_list *tl = cx->tl;
    int skip = 0;
    while (run->k - skip > run->total && tl->v[run->vals[skip]].kind == NB_TOKEN_BLANK) skip++;
    memmove(run->vals, run->vals + skip, (size_t)(run->k - skip) * sizeof run->vals[0]);
    run->k -= skip;
    if (run->k > run->total && run->nums >= run->total) {
        int m = 0;
        for (int i = 0; i < run->k; i++)
            if (tl->v[run->vals[i]].kind == NB_TOKEN_NUMBER) run->vals[m++] = run->vals[i];
        run->k = m;
    }
}

/* Fewer values than the rows' cells: one glued number, or table 四's
 * group and column headers, may say where each goes; else nothing does. */
static void place_short_run(table_ctx *cx, nb_table_id table, value_run *run) {
    row_vals vals = {run->vals, run->k, run->k, -1, false, false};
    if (run->nums == run->k && run->nums == run->total - 1 &&
        nb_unglue_run(cx, run->rowsel, run->nsel, run->ncols, &vals))
        return;
    if (table == NB_TABLE_APPEALS &&
        (nb_place_groups_by_headers(cx, run->rowsel, run->nsel, run->ncols, run->vals, run->k) ||
         nb_place_slots_by_subheaders(cx, run->rowsel, run->nsel, run->ncols, run->vals, run->k)))
        return;
    /* the values of several rows, some missing: which, nothing says */
    nb_note_values(cx, run->last, run->vals, run->k, NB_NOTE_AMBIGUOUS,
                _("fewer values than the rows before them have cells, and no sign of which "
                "are empty; left unread"));
    nb_note_placement(cx, run->rowsel, run->nsel, run->vals, run->k);
}

/* The rows' cells' worth of values (or more numbers): read row by row,
 * or column by column when more rows add up that way. */
static void place_full_run(table_ctx *cx, nb_table_id table, const value_run *run) {
    int nsel = run->nsel, ncols = run->ncols, total = run->total, k = run->k;
    const int *vals = run->vals;
    int by_row = reading_score(cx, nsel, ncols, vals, false);
    int by_col = reading_score(cx, nsel, ncols, vals, true);
    bool column = by_col > by_row;
    if (by_col == by_row && table == NB_TABLE_APPLICATIONS && readings_differ(cx, nsel, ncols, vals)) {
        nb_note_values(cx, run->last, vals, total, NB_NOTE_AMBIGUOUS,
                    _("the values of all rows follow the last label; read row by row or column by "
                    "column, the totals agree equally well; left unread"));
        return;
    }
    for (int i = 0; i < nsel; i++)
        for (int c = 0; c < ncols; c++)
            nb_put_value(cx, run->rowsel[i], c, vals[column ? c * nsel + i : i * ncols + c],
                      column ? NB_ORIGIN_INFERRED : NB_ORIGIN_READ);
    if (column) {
        nb_span sp;
        nb_token_span(&cx->tl->v[vals[0]], &sp);
        nb_report_add_note(cx->r, NB_NOTE_AMBIGUOUS, cx->r->tpl->rows[cx->first_row + run->rowsel[0]].first_cell,
                           &sp, _("table %s: the values follow all row labels and add up read column by "
                           "column (%d rows) rather than row by row (%d rows); read by column"),
                           nb_table_key(table), by_col, by_row);
    }
    if (k > total)
        nb_note_values(cx, run->last, vals + total, k - total, NB_NOTE_UNPLACED,
                    _("numbers after the cells of the rows before them; not placed"));
}

/* All the values of several rows in one run after their labels: table 四
 * printed the template's way (three row labels in a header, fifteen
 * numbers below), or a table whose label column came out first
 * (pdftotext without -layout). The run is read row by row, or column by
 * column when more rows add up that way; when both readings differ and
 * add up equally, table 三 is left unread and noted. Table 四 keeps the
 * template's row order then, since its layout is the usual one. */
bool nb_values_in_one_run(table_ctx *cx, nb_table_id table) {
    value_run run;
    if (!find_run(cx, table, &run)) return false;
    trim_run(cx, &run);
    if (run.k < run.total)
        place_short_run(cx, table, &run);
    else if (run.k > run.total && run.nums < run.total)
        nb_note_values(cx, run.last, run.vals, run.k, NB_NOTE_AMBIGUOUS,
                    _("more values than the rows before them have cells, blanks among them; left unread"));
    else
        place_full_run(cx, table, &run);
    return true;
}

/* Order tokens left to right by display column, keeping reading order
 * where they share one (insertion sort: a row has a handful). */
static void sort_by_column(const nb_token_list *tl, int *v, int n) {
    for (int i = 1; i < n; i++) {
        int t = v[i], j = i;
        while (j > 0 && tl->v[v[j - 1]].dcol_start > tl->v[t].dcol_start) {
            v[j] = v[j - 1];
            j--;
        }
        v[j] = t;
    }
}

/* Numbers printed above a grid's first row label (its value cell holds
 * two lines, "1536.85 万" over "元", centred beside a one-line label)
 * belong to that row, never to the grid before: they join the row's own
 * numbers, put in order by order_by_columns. Returns -1 when memory ran out. */
int nb_take_numbers_above(table_ctx *cx, int row_rel, row_vals *above) {
    row_vals *rv = &cx->rows[row_rel];
    for (int k = 0; k < above->n; k++)
        if (nb_vals_push(rv, above->v[k])) return -1;
    rv->took_above = rv->took_above || above->n > 0;
    above->n = 0;
    return 0;
}

/* A row whose numbers stand on several lines, each in a column of its
 * own: left to right is the order of its cells. Where columns overlap
 * (one cell per line) reading order stays. */
void nb_order_by_columns(table_ctx *cx, int row_rel) {
    row_vals *rv = &cx->rows[row_rel];
    for (int a = 0; a < rv->n; a++)
        for (int b = a + 1; b < rv->n; b++) {
            const nb_token *x = &cx->tl->v[rv->v[a]], *y = &cx->tl->v[rv->v[b]];
            if (x->dcol_start < y->dcol_end && y->dcol_start < x->dcol_end) return;
        }
    sort_by_column(cx->tl, rv->v, rv->n);
}

/* A layout that prints each row's numbers on the line above its label
 * (a label centred in a tall row, numbers at the top) shifts every row by
 * one: the first row's numbers come before any label, each row takes the
 * next row's numbers, and the last labelled row gets none. When exactly
 * that is seen, every row takes the numbers above its label instead. */
bool nb_numbers_precede_labels(table_ctx *cx, row_vals *before) {
    int sel[64], n = 0;
    for (int r = 0; r < cx->nrows && n < 64; r++)
        if (cx->rows[r].label >= 0) sel[n++] = r;
    if (n < 2) return false;
    int ncols = cx->r->tpl->rows[cx->first_row + sel[0]].ncells;
    if (nb_count_kind(cx, before->v, before->n, NB_TOKEN_NUMBER) != ncols) return false;
    if (nb_count_kind(cx, cx->rows[sel[n - 1]].v, cx->rows[sel[n - 1]].n, NB_TOKEN_NUMBER) != 0) return false;
    for (int i = 0; i < n - 1; i++) {
        const row_vals *rv = &cx->rows[sel[i]];
        if (nb_count_kind(cx, rv->v, rv->n, NB_TOKEN_NUMBER) != ncols) return false;
        /* the numbers stand on lines of their own, before the next label */
        for (int k = 0; k < rv->n; k++)
            if (cx->tl->v[rv->v[k]].line == cx->tl->v[rv->label].line) return false;
    }
    for (int k = 0; k < before->n; k++)
        if (cx->tl->v[before->v[k]].line == cx->tl->v[cx->rows[sel[0]].label].line) return false;
    /* hand each row's values down to the row below, the first row takes
     * the numbers before it */
    row_vals carry = *before;
    for (int i = 0; i < n; i++) {
        row_vals *rv = &cx->rows[sel[i]];
        row_vals mine = *rv;
        rv->v = carry.v;
        rv->n = carry.n;
        rv->cap = carry.cap;
        carry = mine;
    }
    *before = carry; /* the last row's (empty) list, freed by the caller */
    return true;
}
