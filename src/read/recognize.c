/* Placing numbers into cells: the three tables of one report.
 *
 * A table is read as one stream of tokens (cells.c). Row labels are found
 * by the template's keywords, in template order: a label may only move
 * the reading forward, a few rows at most (further only when it is
 * plainly that row's own label), so a header word such as 总计 or a
 * wrapped fragment cannot pull the reading to the wrong row. The numbers
 * and blanks after a label belong to its row. When a row got more or
 * fewer values than it has cells, the line structure, the columns that
 * complete rows show, and the row totals (总计) decide between the
 * readings the text allows; what they cannot decide is noted, never
 * guessed, and a stated number is never changed.
 *
 * Where the columns come from, by layout: in separated rows (bars, grid
 * cells, tabs) a value's cell counted from the line's end, as complete
 * rows show it (label cells vary with spans, value cells do not); in
 * space-aligned rows the position of complete rows' numbers, in display
 * columns or in characters (lynx counts a CJK character as one column),
 * whichever they fit more closely; failing those, the column headers
 * above (a small grid of table 二, table 四's groups and fifteen
 * sub-headers), in the one measure that reads every row of the grid in
 * order. A grid row never takes the values of a later line that starts
 * with another (unrecognised) label, and a first reading of extra
 * numbers whose 总计 fails is no reading.
 *
 * Assembling reports from tables and titles is document.c's job. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/cells.h"
#include "nianbao/recognize.h"
#include "recognize-internal.h"

/* How far a label may move the reading forward, in rows: the
 * applications table has header words (总计, 其他) that name later rows,
 * so a label there may skip at most this many; the other tables' labels
 * may skip any number (a report that leaves rows out). */
#define APPLICATIONS_LABEL_WINDOW 5
/* The most of a garbled label a note quotes, in bytes. */
#define GARBLED_QUOTE_BYTES 120

/* The values gathered while walking a table's tokens that belong to no
 * row yet. */
typedef struct loose_values {
    row_vals before_rows;  /* numbers before any row label */
    /* table 二: numbers after a grid's header (第二十条…, 信息内容…) and
     * before its first row label are that row's, printed above its label */
    row_vals under_header;
    bool in_grid_header;
} loose_values;

/* The row (relative) label token `i` moves the reading to, or -1: the
 * first row within the window after the current one whose keywords it
 * holds; beyond the window only a label that is plainly the row's own
 * (a report that leaves rows out), never a header word; else a label
 * wrapped so that its keyword is cut in two. */
static int row_of_label(const table_ctx *cx, size_t i, const char *s, int cur, int window) {
    const nb_template *tpl = cx->r->tpl;
    int first = cx->first_row, count = cx->nrows;
    int lim = cur + window < count - 1 ? cur + window : count - 1;
    int row = nb_first_matching_row(tpl, first + cur + 1, first + lim, s);
    if (row >= 0) return row - first;
    for (row = first + lim + 1; (row = nb_first_matching_row(tpl, row, first + count - 1, s)) >= 0; row++)
        if (nb_label_is_full(tpl, row, s)) return row - first;
    return nb_match_wrapped_label(cx->tl, i, tpl, first, cur, lim);
}

/* A row's label that lost characters against the template's: noted,
 * quoting the label as the text has it. */
static void note_garbled_label(table_ctx *cx, int row_rel, const nb_token *tk, const char *folded) {
    const nb_template *tpl = cx->r->tpl;
    const nb_row_def *rd = &tpl->rows[cx->first_row + row_rel];
    if (!nb_label_is_garbled(tpl, cx->first_row + row_rel, folded)) return;
    nb_span sp;
    nb_token_span(tk, &sp);
    size_t shown = tk->byte_end - tk->byte_start;
    if (shown > GARBLED_QUOTE_BYTES) shown = GARBLED_QUOTE_BYTES;
    nb_report_add_note(cx->r, NB_NOTE_LABEL_GARBLED, rd->first_cell, &sp,
                       _("row %s: label reads \"%.*s\", the template says \"%s\""), rd->id, (int)shown,
                       cx->t->utf8 + tk->byte_start, rd->label);
}

/* Walk the table's tokens in order: a label that names a later row
 * moves the reading there (labels only move it forward); numbers and
 * blanks go to the current row, or to `loose` before any row. Returns
 * -1 when memory ran out. */
static int gather_rows(table_ctx *cx, nb_table_id table, loose_values *loose) {
    const nb_token_list *tl = cx->tl;
    int window = table == NB_TABLE_APPLICATIONS ? APPLICATIONS_LABEL_WINDOW : cx->nrows;
    int cur = -1;
    for (size_t i = 0; i < tl->n; i++) {
        const nb_token *tk = &tl->v[i];
        if (tk->kind != NB_TOKEN_LABEL) {
            row_vals *to = loose->in_grid_header && tk->kind == NB_TOKEN_NUMBER ? &loose->under_header
                           : cur >= 0                                           ? &cx->rows[cur]
                           : tk->kind == NB_TOKEN_NUMBER                        ? &loose->before_rows
                                                                                : NULL;
            if (to && nb_vals_push(to, (int)i)) return -1;
            continue;
        }
        const char *s = nb_token_text(tl, tk);
        if (table == NB_TABLE_ACTIVE && nb_is_grid_header(s)) {
            loose->in_grid_header = true;
            continue;
        }
        if (cur >= 0 && nb_row_matches(cx->r->tpl, cx->first_row + cur, s)) continue; /* wrapped rest of the label */
        if (nb_in_column_header(tl, i)) continue;
        int to = row_of_label(cx, i, s, cur, window);
        if (to < 0) continue;
        cur = to;
        cx->rows[to].label = (int)i;
        if (loose->in_grid_header && nb_take_numbers_above(cx, to, &loose->under_header)) return -1;
        loose->in_grid_header = false;
        note_garbled_label(cx, to, tk, s);
    }
    return 0;
}

/* Numbers that came before every row label: each row's numbers printed
 * above its label (read so, and noted), or numbers no row can take
 * (noted, not placed). */
static void settle_numbers_before_rows(table_ctx *cx, nb_table_id table, row_vals *before_rows) {
    const nb_token_list *tl = cx->tl;
    if (table == NB_TABLE_APPLICATIONS && nb_numbers_precede_labels(cx, before_rows)) {
        nb_span sp;
        memset(&sp, 0, sizeof sp);
        for (int k = 0; k < cx->nrows; k++)
            if (cx->rows[k].label >= 0 && cx->rows[k].n > 0) {
                nb_token_span(&tl->v[cx->rows[k].v[0]], &sp);
                break;
            }
        nb_report_add_note(cx->r, NB_NOTE_AMBIGUOUS, -1, &sp,
                           _("table %s: each row's numbers stand on the line above its label; read "
                           "with the label below them"), nb_table_key(table));
        before_rows->n = 0;
    }
    if (before_rows->n == 0) return;
    /* numbers in a table before any row label: no row to give them */
    char list[120] = "";
    size_t o = 0;
    for (int k = 0; k < before_rows->n && o + 24 < sizeof list; k++) {
        char num[40];
        nb_number_format(tl->v[before_rows->v[k]].number, num, sizeof num);
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", k ? " " : "", num);
    }
    nb_span sp;
    nb_token_span(&tl->v[before_rows->v[0]], &sp);
    nb_report_add_note(cx->r, NB_NOTE_UNPLACED, -1, &sp,
                       _("table %s: numbers before any row label were not placed: %s"),
                       nb_table_key(table), list);
}

/* Each row by the order and count of its values; in a separated layout
 * whose complete rows show the columns, a row with blanks by its cells. */
static void place_rows_by_order(table_ctx *cx) {
    const nb_template *tpl = cx->r->tpl;
    int ncols = tpl->rows[cx->first_row].ncells;
    int from_end[16];
    bool cell_columns = nb_learn_cell_columns(cx, ncols, from_end);
    for (int rr = 0; rr < cx->nrows; rr++) {
        if (cell_columns && tpl->rows[cx->first_row + rr].ncells == ncols &&
            nb_count_kind(cx, cx->rows[rr].v, cx->rows[rr].n, NB_TOKEN_NUMBER) < ncols &&
            nb_place_by_cells(cx, rr, from_end, ncols))
            continue;
        nb_resolve_row(cx, rr);
    }
}

/* Rows left short: where complete rows show the columns, a number's
 * position says its cell; else a glued number may split one way only;
 * else the column headers of its grid may show where each number
 * stands; else nothing is guessed. */
static void place_short_rows(table_ctx *cx) {
    const nb_template *tpl = cx->r->tpl;
    int ncols = tpl->rows[cx->first_row].ncells;
    double centre[16];
    /* display columns, or characters where rows line up better so */
    double centre_chars[16];
    bool ok = false, ok_chars = false, chars = false;
    double spread = nb_learn_columns(cx, ncols, false, centre, &ok);
    double spread_chars = nb_learn_columns(cx, ncols, true, centre_chars, &ok_chars);
    if (ok_chars && (!ok || spread_chars < spread)) {
        chars = ok = true;
        memcpy(centre, centre_chars, sizeof centre_chars);
    }
    for (int rr = 0; rr < cx->nrows; rr++) {
        row_vals *rv = &cx->rows[rr];
        if (!rv->short_row) continue;
        /* table 二 mixes grids of 3, 2 and 1 columns */
        if (ok && tpl->rows[cx->first_row + rr].ncells == ncols &&
            nb_place_by_columns(cx, rr, centre, ncols, chars))
            continue;
        if (nb_unglue_by_total(cx, rr, rv->v, rv->n)) continue;
        if (nb_place_under_headers(cx, rr)) continue;
        nb_note_values(cx, rr, rv->v, rv->n, NB_NOTE_AMBIGUOUS,
                    _("fewer values than cells and no sign of which cells are empty; left unread"));
        nb_note_placement(cx, &rr, 1, rv->v, rv->n);
    }
}

/* A 2021 report that prints (六)其他处理 as one row: read as `other`,
 * and noted. */
static void note_single_other(table_ctx *cx) {
    const nb_template *tpl = cx->r->tpl;
    int ro = nb_template_find_row(tpl, NB_TABLE_APPLICATIONS, "other");
    if (ro < 0) return;
    nb_span sp;
    memset(&sp, 0, sizeof sp);
    const row_vals *rv = &cx->rows[ro - cx->first_row];
    if (rv->label >= 0) nb_token_span(&cx->tl->v[rv->label], &sp);
    nb_report_add_note(cx->r, NB_NOTE_TEMPLATE_DEVIATION, tpl->rows[ro].first_cell, &sp,
                       _("(六)其他处理 is printed as one row, without the 1./2./3. rows of "
                       "the 2021 template; read as `other`"));
}

/* The steps of reading one table whose tokens and rows are ready:
 * gather each row's values, settle the numbers no label took, then
 * place values by order and count (or as one run after the last label),
 * then the short rows by column position. */
static int read_rows(table_ctx *cx, nb_table_id table, bool single_other_note) {
    loose_values loose = {{NULL, 0, 0, -1, false, false}, {NULL, 0, 0, -1, false, false}, false};
    int rc = gather_rows(cx, table, &loose);
    if (rc == 0) {
        settle_numbers_before_rows(cx, table, &loose.before_rows);
        for (int rr = 0; rr < cx->nrows; rr++)
            if (cx->rows[rr].took_above) nb_order_by_columns(cx, rr);
        if (nb_count_kind(cx, loose.under_header.v, loose.under_header.n, NB_TOKEN_NUMBER) > 0)
            nb_note_values(cx, cx->nrows - 1, loose.under_header.v, loose.under_header.n, NB_NOTE_UNPLACED,
                        _("numbers under a column header with no row label after them; not placed"));
    }
    free(loose.under_header.v);
    free(loose.before_rows.v);
    if (rc != 0) return rc;
    if (table == NB_TABLE_ACTIVE || !nb_values_in_one_run(cx, table)) {
        place_rows_by_order(cx);
        place_short_rows(cx);
    }
    if (single_other_note) note_single_other(cx);
    return 0;
}

/* No table is longer than this: the longest seen, one cell a line with
 * its labels, page headers and footers, is under 5 KB. The text after a
 * table heading that runs on for more (no next heading, or a heading
 * repeated a hundred thousand times) is read in its first part only, so
 * that the work and memory of reading stay small whatever follows. */
#define TABLE_TEXT_MAX ((size_t)256 * 1024)

/* Where a table's text ends when [start, end) runs past TABLE_TEXT_MAX:
 * at the last line start within the bound, or inside one long line at a
 * character boundary. The reviewer is told what was left unread. */
static size_t bound_table_text(const nb_text *t, nb_report *r, nb_table_id table, size_t start,
                               size_t end) {
    if (end - start <= TABLE_TEXT_MAX) return end;
    size_t cut = start + TABLE_TEXT_MAX;
    size_t ls, le;
    size_t line = nb_text_line_of(t, cut);
    nb_text_line_bounds(t, line, &ls, &le);
    if (ls > start)
        cut = ls;
    else
        while (cut > start && ((unsigned char)t->utf8[cut] & 0xC0) == 0x80) cut--;
    nb_span sp;
    memset(&sp, 0, sizeof sp);
    sp.byte_start = cut;
    sp.byte_end = le > cut ? le : cut;
    sp.line = (int)line + 1;
    sp.col_start = (int)nb_text_column_of(t, cut);
    sp.col_end = (int)nb_text_column_of(t, sp.byte_end);
    nb_report_add_note(r, NB_NOTE_UNPLACED, -1, &sp,
                       _("%s: the text after its heading runs on for %zu KB, longer than any "
                         "table; only its first %zu KB were read, numbers after line %d are not"),
                       nb_table_title(table), (end - start) / 1024, TABLE_TEXT_MAX / 1024, sp.line);
    return cut;
}

/* Read the table `table` of the text's bytes [start, end) into r's
 * cells: tokenize, then read its rows. */
static int read_one_table(const nb_text *t, nb_report *r, nb_table_id table, size_t start, size_t end,
                          bool single_other_note) {
    const nb_template *tpl = r->tpl;
    int first = -1, count = 0;
    for (int i = 0; i < tpl->nrows; i++)
        if (tpl->rows[i].table == table) {
            if (first < 0) first = i;
            count++;
        }
    if (first < 0 || start >= end) return 0;
    end = bound_table_text(t, r, table, start, end);
    nb_token_list tl;
    memset(&tl, 0, sizeof tl);
    if (nb_tokenize(t, start, end, &tl)) {
        nb_token_list_free(&tl);
        return -1;
    }
    row_vals *rows = calloc((size_t)count, sizeof *rows);
    if (!rows) {
        nb_token_list_free(&tl);
        return -1;
    }
    for (int i = 0; i < count; i++) rows[i].label = -1;
    table_ctx cx = {t, r, &tl, first, count, rows};
    int rc = read_rows(&cx, table, single_other_note);
    for (int i = 0; i < count; i++) free(rows[i].v);
    free(rows);
    nb_token_list_free(&tl);
    return rc;
}

int nb_read_tables(const nb_text *t, const nb_table_set *set, nb_report *r) {
    if (!r->tpl) return 0;
    free(r->cells);
    r->cells = calloc((size_t)r->tpl->ncells, sizeof *r->cells);
    if (!r->cells) return -1;
    bool single = r->tpl->kind == NB_TEMPLATE_2021 && r->tpl->other_single_row;
    if (set->has_active && read_one_table(t, r, NB_TABLE_ACTIVE, set->active_start, set->apps_start, false))
        return -1;
    if (read_one_table(t, r, NB_TABLE_APPLICATIONS, set->apps_start, set->appeals_start, single))
        return -1;
    if (set->has_appeals &&
        read_one_table(t, r, NB_TABLE_APPEALS, set->appeals_start, set->end, false))
        return -1;
    return 0;
}
