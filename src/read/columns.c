/* Placement by column position, for rows whose numbers do not fill
 * every cell: the cell counted from the line's end (separated layouts),
 * the position of complete rows' numbers (space-aligned layouts, in
 * display columns or characters), or the column headers above (table
 * 二's small grids, table 四's groups and sub-headers). A row is placed
 * only when one reading fits. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nianbao/cells.h"
#include "nianbao/recognize.h"
#include "recognize-internal.h"

/* A number sits clearly in a learnt column when its middle is within
 * this many columns of the column's centre; a number further from every
 * centre leaves its row unplaced here (nothing is guessed). */
#define COLUMN_SLACK 6
/* A learnt column is trusted when most complete rows line up with it:
 * at least ROWS_NEAR_NUM in ROWS_NEAR_DEN of them within ROW_NEAR
 * columns of its median. Else positions say nothing (text with single
 * spaces between values). */
#define ROW_NEAR 3
#define ROWS_NEAR_NUM 2
#define ROWS_NEAR_DEN 3
/* Column headers are looked for a few lines above a row's values: from
 * HEADERS_MIN_ABOVE lines above (the line just above may hold the row's
 * wrapped label) to HEADERS_MAX_ABOVE (headers wrapped over lines, with
 * rules between), not so far as another grid's headers; table 四's
 * sub-headers within SUBHEADERS_MAX_ABOVE. */
#define HEADERS_MIN_ABOVE 2
#define HEADERS_MAX_ABOVE 9
#define SUBHEADERS_MAX_ABOVE 5
/* Dumps expand tabs to multiples of eight columns, as terminals do. */
#define TAB_STOP 8
/* The most words the header lines above a line of values may hold. */
#define MAX_HEADER_WORDS 256

/* Where a token stands on its line: its display columns, or (`chars`)
 * its character columns — lynx -dump aligns characters, counting a CJK
 * character as one column. */
static double token_mid(const nb_token *tk, bool chars) {
    return chars ? (tk->col_start + tk->col_end) / 2.0 : (tk->dcol_start + tk->dcol_end) / 2.0;
}

/* Positions learnt from complete rows place the numbers of a row that
 * has fewer: in space-aligned layouts an empty cell is only spaces. */
bool nb_place_by_columns(table_ctx *cx, int row_rel, const double *centre, int ncols, bool chars) {
    row_vals *rv = &cx->rows[row_rel];
    if (rv->n == 0 || rv->n >= ncols) return false;
    int line = cx->tl->v[rv->v[0]].line;
    for (int i = 0; i < rv->n; i++) {
        const nb_token *tk = &cx->tl->v[rv->v[i]];
        if (tk->line != line || tk->kind != NB_TOKEN_NUMBER || tk->cell >= 0) return false;
    }
    int cols[64];
    int prev = -1;
    for (int i = 0; i < rv->n; i++) {
        const nb_token *tk = &cx->tl->v[rv->v[i]];
        double mid = token_mid(tk, chars), best = 1e9;
        int bc = -1;
        for (int c = 0; c < ncols; c++) {
            double d = mid - centre[c];
            if (d < 0) d = -d;
            if (d < best) {
                best = d;
                bc = c;
            }
        }
        /* each number must sit clearly in one column, in order */
        if (bc <= prev || best > COLUMN_SLACK) return false;
        cols[i] = prev = bc;
    }
    for (int i = 0; i < rv->n; i++) nb_put_value(cx, row_rel, cols[i], rv->v[i], NB_ORIGIN_INFERRED);
    for (int c = 0; c < ncols; c++) {
        bool used = false;
        for (int i = 0; i < rv->n; i++)
            if (cols[i] == c) used = true;
        if (!used) {
            nb_cell *cell = &cx->r->cells[cx->r->tpl->rows[cx->first_row + row_rel].first_cell + c];
            cell->origin = NB_ORIGIN_MISSING;
        }
    }
    return true;
}

/* The last cell index of the separated line holding token `tok`. */
static int line_last_cell(const nb_token_list *tl, int tok) {
    int line = tl->v[tok].line, last = tl->v[tok].cell;
    for (int i = tok; i >= 0 && tl->v[i].line == line; i--)
        if (tl->v[i].cell > last) last = tl->v[i].cell;
    for (size_t i = (size_t)tok; i < tl->n && tl->v[i].line == line; i++)
        if (tl->v[i].cell > last) last = tl->v[i].cell;
    return last;
}

/* The line of a row's numbers when they all stand on one separated line
 * (`|` cells, grid cells, tab fields), and that line's last cell index.
 * Blanks on other lines are the empty label cells of the next row. */
static bool row_on_one_separated_line(const table_ctx *cx, const row_vals *rv, int *line, int *last) {
    if (rv->label < 0 || rv->n == 0) return false;
    int at = -1;
    for (int i = 0; i < rv->n && at < 0; i++)
        if (cx->tl->v[rv->v[i]].kind == NB_TOKEN_NUMBER) at = rv->v[i];
    if (at < 0) return false;
    *line = cx->tl->v[at].line;
    for (int i = 0; i < rv->n; i++) {
        const nb_token *tk = &cx->tl->v[rv->v[i]];
        if (tk->line == *line ? tk->cell < 0 : tk->kind == NB_TOKEN_NUMBER) return false;
    }
    *last = line_last_cell(cx->tl, at);
    return true;
}

/* In separated layouts the values are a row's last cells whatever its
 * label cells (a spanned label is one cell or several, by layout): each
 * column is learnt as a cell counted from the line's end, from the rows
 * that hold exactly one number per column on one line. Every such row
 * must agree, and two at least. */
bool nb_learn_cell_columns(const table_ctx *cx, int ncols, int *from_end) {
    int rows = 0;
    if (ncols > 16) return false;
    for (int r = 0; r < cx->nrows; r++) {
        const row_vals *rv = &cx->rows[r];
        int line, last;
        if (cx->r->tpl->rows[cx->first_row + r].ncells != ncols ||
            !row_on_one_separated_line(cx, rv, &line, &last))
            continue;
        if (nb_count_kind(cx, rv->v, rv->n, NB_TOKEN_NUMBER) != ncols) continue;
        int c = 0, fe[16];
        for (int i = 0; i < rv->n; i++)
            if (cx->tl->v[rv->v[i]].kind == NB_TOKEN_NUMBER) fe[c++] = last - cx->tl->v[rv->v[i]].cell;
        if (rows > 0 && memcmp(fe, from_end, (size_t)ncols * sizeof fe[0]) != 0) return false;
        memcpy(from_end, fe, (size_t)ncols * sizeof fe[0]);
        rows++;
    }
    return rows >= 2;
}

/* A row with blanks among its cells, on one separated line: each value
 * goes to the column of its cell; blanks in other cells are what spans
 * left. Every column must get one value or blank, no number may stand
 * outside the columns; else nothing is placed here. */
bool nb_place_by_cells(table_ctx *cx, int row_rel, const int *from_end, int ncols) {
    row_vals *rv = &cx->rows[row_rel];
    int line, last;
    if (!row_on_one_separated_line(cx, rv, &line, &last)) return false;
    int tok_of[16];
    for (int c = 0; c < ncols; c++) tok_of[c] = -1;
    for (int i = 0; i < rv->n; i++) {
        const nb_token *tk = &cx->tl->v[rv->v[i]];
        if (tk->line != line) continue;
        int col = -1;
        for (int c = 0; c < ncols; c++)
            if (from_end[c] == last - tk->cell) col = c;
        if (col < 0) {
            if (tk->kind == NB_TOKEN_NUMBER) return false;
            continue;
        }
        if (tok_of[col] >= 0) return false;
        tok_of[col] = rv->v[i];
    }
    for (int c = 0; c < ncols; c++)
        if (tok_of[c] < 0) return false;
    for (int c = 0; c < ncols; c++) nb_put_value(cx, row_rel, c, tok_of[c], NB_ORIGIN_READ);
    return true;
}

/* Byte offset of the start of the space-delimited word of line [ls, le)
 * that contains `what`, or (size_t)-1. */
static size_t header_word_at(const nb_text *t, size_t ls, size_t le, const char *what) {
    size_t wl = strlen(what);
    for (size_t i = ls; i + wl <= le; i++) {
        if (memcmp(t->utf8 + i, what, wl) != 0) continue;
        while (i > ls && t->utf8[i - 1] != ' ' && t->utf8[i - 1] != '\t') i--;
        return i;
    }
    return (size_t)-1;
}

/* Where each column header of a row starts on the line `ln`, in display
 * columns or (`chars`) characters, with the column of its end; false
 * unless every header is there, in order. */
static bool header_starts(const table_ctx *cx, int row_rel, size_t ln, bool chars, long *start, long *end) {
    const nb_template *tpl = cx->r->tpl;
    const nb_row_def *rd = &tpl->rows[cx->first_row + row_rel];
    const nb_text *t = cx->t;
    size_t ls, le;
    nb_text_line_bounds(t, ln, &ls, &le);
    for (int c = 0; c < rd->ncells; c++) {
        const char *label = tpl->cells[rd->first_cell + c].col_label;
        if (!label || !*label) return false;
        size_t at = header_word_at(t, ls, le, label);
        if (at == (size_t)-1) return false;
        size_t e = at;
        while (e < le && t->utf8[e] != ' ' && t->utf8[e] != '\t') e++;
        start[c] = chars ? (long)nb_text_column_of(t, at) : nb_text_display_column_of(t, at, TAB_STOP);
        end[c] = chars ? start[c] + (long)(nb_text_column_of(t, e > ls ? e - 1 : e) - nb_text_column_of(t, at)) + 1
                       : nb_text_display_column_of(t, e, TAB_STOP);
        if (c > 0 && start[c] <= start[c - 1]) return false;
    }
    return true;
}

/* The line of a row's column headers: within a few lines above its
 * values, the nearest holding every header of the row. */
static long header_line_above(const table_ctx *cx, int row_rel, int value_line) {
    long start[16], end[16];
    for (long ln = value_line - HEADERS_MIN_ABOVE; ln >= 0 && ln >= value_line - HEADERS_MAX_ABOVE; ln--)
        if (header_starts(cx, row_rel, (size_t)ln, false, start, end)) return ln;
    return -1;
}

/* Columns of the numbers of a row on a free line under the header
 * starts: each under the last header starting at or before it. False
 * when a number stands before the first header, or two share a column. */
static bool columns_under_headers(const table_ctx *cx, const row_vals *rv, bool chars, const long *start,
                                  int ncols, int *cols) {
    int prev = -1;
    for (int i = 0; i < rv->n; i++) {
        const nb_token *tk = &cx->tl->v[rv->v[i]];
        long at = chars ? tk->col_start : tk->dcol_start;
        int c = -1;
        for (int k = 0; k < ncols; k++)
            if (start[k] <= at) c = k;
        if (c <= prev) return false;
        cols[i] = prev = c;
    }
    return true;
}

static bool numbers_on_one_free_line(const table_ctx *cx, const row_vals *rv) {
    if (rv->label < 0 || rv->n == 0) return false;
    for (int i = 0; i < rv->n; i++) {
        const nb_token *tk = &cx->tl->v[rv->v[i]];
        if (tk->kind != NB_TOKEN_NUMBER || tk->cell >= 0 || tk->line != cx->tl->v[rv->v[0]].line) return false;
    }
    return true;
}

/* A short row of a space-aligned grid that no other row of its table
 * lines up with (table 二's small grids, lynx dumps): its numbers go
 * under the column headers of its grid. A measure (display columns or
 * characters) counts only when every row under the same header line
 * falls in order, one number per column, and when a complete row is
 * among them or each number starts within its header's extent; the row
 * is placed only when the measures that count agree. */
bool nb_place_under_headers(table_ctx *cx, int row_rel) {
    const row_vals *rv = &cx->rows[row_rel];
    const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + row_rel];
    int ncols = rd->ncells;
    if (ncols > 16 || rv->n >= ncols || !numbers_on_one_free_line(cx, rv)) return false;
    int line = cx->tl->v[rv->v[0]].line;
    long hl = header_line_above(cx, row_rel, line);
    if (hl < 0) return false;
    int chosen[16], found = 0;
    for (int measure = 0; measure < 2; measure++) {
        bool chars = measure == 1;
        long start[16], end[16];
        int cols[16];
        if (!header_starts(cx, row_rel, (size_t)hl, chars, start, end)) continue;
        if (!columns_under_headers(cx, rv, chars, start, ncols, cols)) continue;
        /* one measure for the whole grid: every row under this header
         * line must fall in order, one number per column */
        bool ok = true, confirmed = false;
        for (int pass = 0; pass < 2 && ok; pass++)
            for (int r = 0; r < cx->nrows && ok; r++) {
                const row_vals *o = &cx->rows[r];
                if (cx->r->tpl->rows[cx->first_row + r].ncells != ncols || o->n > ncols ||
                    !numbers_on_one_free_line(cx, o) || header_line_above(cx, r, cx->tl->v[o->v[0]].line) != hl)
                    continue;
                int oc[16];
                ok = columns_under_headers(cx, o, chars, start, ncols, oc);
                if (pass == 0) {
                    if (o->n == ncols) confirmed = true;
                } else if (!confirmed && o->n < ncols) {
                    /* no complete row: each number starts within its header */
                    for (int i = 0; i < o->n && ok; i++) {
                        const nb_token *tk = &cx->tl->v[o->v[i]];
                        long at = chars ? tk->col_start : tk->dcol_start;
                        ok = at >= start[oc[i]] && at < end[oc[i]];
                    }
                }
            }
        if (!ok) continue;
        if (found && memcmp(chosen, cols, (size_t)rv->n * sizeof cols[0]) != 0) return false;
        memcpy(chosen, cols, (size_t)rv->n * sizeof cols[0]);
        found = 1;
    }
    if (!found) return false;
    for (int c = 0; c < ncols; c++) cx->r->cells[rd->first_cell + c].origin = NB_ORIGIN_MISSING;
    for (int i = 0; i < rv->n; i++) nb_put_value(cx, row_rel, chosen[i], rv->v[i], NB_ORIGIN_INFERRED);
    return true;
}

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

/* Column centres from the complete rows that stand on one line: the
 * median position of each column, trusted only when most of those rows
 * really line up with it. In text with single spaces between values
 * (pdftotext -raw, a browser copy) positions say nothing. Returns how
 * far the rows stand from the columns, summed. */
double nb_learn_columns(const table_ctx *cx, int ncols, bool chars, double *centre, bool *ok) {
    enum { MAX_ROWS = 64 };
    static const int max_cols = 16;
    double mids[16][MAX_ROWS];
    int cnt = 0;
    *ok = false;
    if (ncols > max_cols) return 0;
    for (int r = 0; r < cx->nrows && cnt < MAX_ROWS; r++) {
        const row_vals *rv = &cx->rows[r];
        if (cx->r->tpl->rows[cx->first_row + r].ncells != ncols || rv->n != ncols) continue;
        int line = cx->tl->v[rv->v[0]].line;
        bool same = true;
        for (int i = 0; i < ncols; i++) {
            const nb_token *tk = &cx->tl->v[rv->v[i]];
            if (tk->line != line || tk->kind != NB_TOKEN_NUMBER || tk->cell >= 0) same = false;
        }
        if (!same) continue;
        for (int i = 0; i < ncols; i++) {
            const nb_token *tk = &cx->tl->v[rv->v[i]];
            mids[i][cnt] = token_mid(tk, chars);
        }
        cnt++;
    }
    if (cnt < 2) return 0;
    double spread = 0; /* how far the rows stand from the columns, in all */
    for (int i = 0; i < ncols; i++) {
        double sorted[MAX_ROWS];
        memcpy(sorted, mids[i], (size_t)cnt * sizeof sorted[0]);
        qsort(sorted, (size_t)cnt, sizeof sorted[0], cmp_double);
        centre[i] = sorted[cnt / 2];
        int near = 0;
        for (int k = 0; k < cnt; k++)
            if (mids[i][k] - centre[i] <= ROW_NEAR && centre[i] - mids[i][k] <= ROW_NEAR) near++;
        if (near * ROWS_NEAR_DEN < cnt * ROWS_NEAR_NUM) return 0;
        for (int k = 0; k < cnt; k++)
            spread += mids[i][k] > centre[i] ? mids[i][k] - centre[i] : centre[i] - mids[i][k];
    }
    *ok = true;
    return spread;
}

/* Table 四 in a space-aligned layout (lynx -dump, pdftotext -layout)
 * with whole groups left blank: one line of values, fewer than the 15
 * cells, and nothing on the line where the blanks are. The group headers
 * above (未经复议直接起诉, 复议后起诉) start where their groups start; a
 * value belongs to the group whose header starts at or before it. Dumps
 * align either display columns (CJK two wide) or characters (lynx counts
 * a CJK character as one): each measure is tried, and the values are
 * placed only when exactly one reading puts a whole group's worth of
 * values, or none, under every header. */
bool nb_place_groups_by_headers(table_ctx *cx, const int *rowsel, int nsel, int ncols, const int *vals,
                                    int k) {
    const nb_token_list *tl = cx->tl;
    if (nsel != 3 || k == 0 || k % ncols != 0 || k >= nsel * ncols) return false;
    int line = tl->v[vals[0]].line;
    for (int i = 0; i < k; i++) {
        const nb_token *tk = &tl->v[vals[i]];
        if (tk->kind != NB_TOKEN_NUMBER || tk->cell >= 0 || tk->line != line) return false;
    }
    const nb_text *t = cx->t;
    size_t direct = (size_t)-1, after = (size_t)-1;
    for (int ln = line - HEADERS_MIN_ABOVE; ln >= 0 && ln >= line - HEADERS_MAX_ABOVE && direct == (size_t)-1; ln--) {
        size_t ls, le;
        nb_text_line_bounds(t, (size_t)ln, &ls, &le);
        size_t d = header_word_at(t, ls, le, "直接起诉"), a = header_word_at(t, ls, le, "复议后起诉");
        if (d != (size_t)-1 && a != (size_t)-1 && d < a) {
            direct = d;
            after = a;
        }
    }
    if (direct == (size_t)-1) return false;
    int found = 0, group_of[64];
    for (int measure = 0; measure < 2; measure++) {
        bool chars = measure == 1;
        long b1 = chars ? (long)nb_text_column_of(t, direct) : nb_text_display_column_of(t, direct, TAB_STOP);
        long b2 = chars ? (long)nb_text_column_of(t, after) : nb_text_display_column_of(t, after, TAB_STOP);
        int count[3] = {0, 0, 0}, g[64];
        for (int i = 0; i < k && i < 64; i++) {
            const nb_token *tk = &tl->v[vals[i]];
            long at = chars ? tk->col_start : tk->dcol_start;
            g[i] = at < b1 ? 0 : at < b2 ? 1 : 2;
            count[g[i]]++;
        }
        bool whole = k <= 64;
        for (int j = 0; j < 3; j++)
            if (count[j] != 0 && count[j] != ncols) whole = false;
        if (!whole) continue;
        if (found && memcmp(g, group_of, (size_t)k * sizeof g[0]) == 0) continue; /* the same reading */
        memcpy(group_of, g, (size_t)k * sizeof g[0]);
        found++;
    }
    if (found != 1) return false;
    for (int j = 0; j < 3; j++) {
        int c = 0;
        for (int i = 0; i < k; i++)
            if (group_of[i] == j) nb_put_value(cx, rowsel[j], c++, vals[i], NB_ORIGIN_INFERRED);
        if (c == 0) {
            const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + rowsel[j]];
            for (int col = 0; col < rd->ncells; col++) cx->r->cells[rd->first_cell + col].origin = NB_ORIGIN_MISSING;
        }
    }
    return true;
}

/* A word of a header line: its bytes and where it stands. */
typedef struct header_word_at_line {
    size_t a, b; /* bytes */
    long start, end;
    int line;
    bool used;
} header_word_at_line;

/* The words of lines [from, to] of the text, at most `cap`. */
static int words_of_lines(const nb_text *t, int from, int to, bool chars, header_word_at_line *w, int cap) {
    int n = 0;
    for (int ln = from; ln <= to; ln++) {
        size_t ls, le;
        nb_text_line_bounds(t, (size_t)ln, &ls, &le);
        for (size_t a = ls; a < le;) {
            while (a < le && (t->utf8[a] == ' ' || t->utf8[a] == '\t')) a++;
            size_t b = a;
            while (b < le && t->utf8[b] != ' ' && t->utf8[b] != '\t') b++;
            if (b == a) break;
            if (n == cap) return -1;
            long s = chars ? (long)nb_text_column_of(t, a) : nb_text_display_column_of(t, a, TAB_STOP);
            long e = chars ? s + (long)(nb_text_column_of(t, b - 1) - nb_text_column_of(t, a)) + 1
                           : nb_text_display_column_of(t, b, TAB_STOP);
            w[n++] = (header_word_at_line){a, b, s, e, ln, false};
            a = b;
        }
    }
    return n;
}

static bool bytes_are(const nb_text *t, size_t a, size_t b, const char *s, size_t n) {
    return b - a == n && memcmp(t->utf8 + a, s, n) == 0;
}

/* The column a header word names: the whole of a column label, or its
 * first part with the rest in the word below it, at the same column
 * within two lines (a narrow column prints 结果 over 维持). -1 if none. */
static int column_named(const table_ctx *cx, const nb_row_def *rd, header_word_at_line *w, int nw, int i,
                        long *end) {
    const nb_text *t = cx->t;
    for (int c = 0; c < rd->ncells; c++) {
        const char *lab = cx->r->tpl->cells[rd->first_cell + c].col_label;
        if (!lab) continue;
        size_t ll = strlen(lab), first = w[i].b - w[i].a;
        *end = w[i].end;
        if (bytes_are(t, w[i].a, w[i].b, lab, ll)) return c;
        if (first >= ll || memcmp(t->utf8 + w[i].a, lab, first) != 0) continue;
        for (int j = i + 1; j < nw; j++) {
            if (w[j].used || w[j].line <= w[i].line || w[j].line > w[i].line + 2) continue;
            if (labs(w[j].start - w[i].start) > 1) continue;
            if (!bytes_are(t, w[j].a, w[j].b, lab + first, ll - first)) continue;
            w[j].used = true;
            if (w[j].end > *end) *end = w[j].end;
            return c;
        }
    }
    return -1;
}

/* The sub-headers of table 四 above a line of values (between five and
 * two lines above it): each column label's start and end, and which
 * column it is, in text order. Returns how many, or -1 when too many. */
static int subheader_columns(const table_ctx *cx, const nb_row_def *rd, int line, bool chars, long *start,
                             long *end, int *label_of) {
    header_word_at_line w[MAX_HEADER_WORDS];
    int from = line - SUBHEADERS_MAX_ABOVE > 0 ? line - SUBHEADERS_MAX_ABOVE : 0;
    int nw = words_of_lines(cx->t, from, line - HEADERS_MIN_ABOVE, chars, w, MAX_HEADER_WORDS);
    if (nw < 0) return -1;
    int nh = 0;
    for (int i = 0; i < nw; i++) {
        if (w[i].used) continue;
        long e;
        int c = column_named(cx, rd, w, nw, i, &e);
        if (c < 0) continue;
        if (nh == 64) return -1;
        start[nh] = w[i].start;
        end[nh] = e;
        label_of[nh++] = c;
    }
    return nh;
}

/* Table 四 in a space-aligned layout with blanks anywhere: one line of
 * values under the column headers of all three groups (结果维持 … 总计,
 * three times, over one or two lines). Read in one measure, the headers
 * must come in the template's order, group after group; each value then
 * belongs to the last header starting at or before it and must start
 * within that header's extent. Placed only when exactly one measure
 * gives such a reading. */
bool nb_place_slots_by_subheaders(table_ctx *cx, const int *rowsel, int nsel, int ncols, const int *vals,
                                      int k) {
    const nb_token_list *tl = cx->tl;
    const nb_template *tpl = cx->r->tpl;
    int total = nsel * ncols;
    if (total > 64 || k == 0 || k >= total) return false;
    int line = tl->v[vals[0]].line;
    for (int i = 0; i < k; i++) {
        const nb_token *tk = &tl->v[vals[i]];
        if (tk->kind != NB_TOKEN_NUMBER || tk->cell >= 0 || tk->line != line) return false;
    }
    const nb_row_def *rd0 = &tpl->rows[cx->first_row + rowsel[0]];
    int chosen[64], found = 0;
    for (int measure = 0; measure < 2; measure++) {
        bool chars = measure == 1;
        long start[64], end[64];
        int label_of[64];
        int nh = subheader_columns(cx, rd0, line, chars, start, end, label_of);
        if (nh < 0) continue;
        if (nh != total) continue;
        /* in order of position: the template's columns, group after group */
        for (int i = 1; i < nh; i++)
            for (int j = i; j > 0 && start[j] < start[j - 1]; j--) {
                long ts = start[j], te = end[j];
                int tlab = label_of[j];
                start[j] = start[j - 1], end[j] = end[j - 1], label_of[j] = label_of[j - 1];
                start[j - 1] = ts, end[j - 1] = te, label_of[j - 1] = tlab;
            }
        bool ok = true;
        for (int i = 0; i < nh && ok; i++) ok = label_of[i] == i % ncols && (i == 0 || start[i] > start[i - 1]);
        int slot[64], prev = -1;
        for (int i = 0; i < k && ok; i++) {
            const nb_token *tk = &tl->v[vals[i]];
            long at = chars ? tk->col_start : tk->dcol_start;
            int sl = -1;
            for (int j = 0; j < nh; j++)
                if (start[j] <= at) sl = j;
            ok = sl > prev && at < end[sl];
            slot[i] = prev = sl;
        }
        if (!ok) continue;
        if (found && memcmp(chosen, slot, (size_t)k * sizeof slot[0]) == 0) continue;
        memcpy(chosen, slot, (size_t)k * sizeof slot[0]);
        found++;
    }
    if (found != 1) return false;
    for (int j = 0; j < nsel; j++) {
        const nb_row_def *rd = &tpl->rows[cx->first_row + rowsel[j]];
        for (int col = 0; col < rd->ncells; col++) cx->r->cells[rd->first_cell + col].origin = NB_ORIGIN_MISSING;
    }
    for (int i = 0; i < k; i++)
        nb_put_value(cx, rowsel[chosen[i] / ncols], chosen[i] % ncols, vals[i], NB_ORIGIN_INFERRED);
    return true;
}
