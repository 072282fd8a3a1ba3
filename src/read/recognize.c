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

/* ---- row labels ------------------------------------------------------------ */

bool nb_row_matches(const nb_template *tpl, int row, const char *label) {
    const char *m = tpl->rows[row].match;
    if (!m || !*m || !label || !*label) return false;
    char kw[128];
    /* alternatives separated by '|', keywords of one alternative by '&' */
    const char *p = m;
    while (*p) {
        const char *alt_end = strchr(p, '|');
        if (!alt_end) alt_end = p + strlen(p);
        bool all = true;
        const char *q = p;
        while (q < alt_end) {
            const char *kw_end = memchr(q, '&', (size_t)(alt_end - q));
            if (!kw_end) kw_end = alt_end;
            size_t len = (size_t)(kw_end - q);
            if (len == 0 || len >= sizeof kw) {
                all = false;
                break;
            }
            memcpy(kw, q, len);
            kw[len] = '\0';
            char folded[128];
            nb_fold_text(kw, len, folded, sizeof folded);
            if (!strstr(label, folded)) {
                all = false;
                break;
            }
            q = kw_end + (*kw_end == '&');
        }
        if (all) return true;
        p = *alt_end ? alt_end + 1 : alt_end;
    }
    return false;
}

/* The words of a label after its last enumerator ("(三)", "2.", "3、"),
 * without punctuation: what is left to compare with the template. */
static size_t label_core(const char *folded, int32_t *out, size_t cap) {
    int32_t cps[512];
    size_t n = 0, len = strlen(folded);
    for (size_t i = 0; i < len && n < 512;) {
        int32_t c;
        size_t k = nb_utf8_next(folded + i, len - i, &c);
        if (k == 0) break;
        cps[n++] = c;
        i += k;
    }
    size_t start = 0;
    for (size_t i = 0; i < n; i++) {
        if (cps[i] >= '0' && cps[i] <= '9' && i + 1 < n && (cps[i + 1] == '.' || cps[i + 1] == 0x3001))
            start = i + 2;
        if (cps[i] == '(' && i + 2 < n && cps[i + 2] == ')' && cps[i + 1] >= 0x4E00)
            start = i + 3;
    }
    size_t o = 0;
    for (size_t i = start; i < n && o < cap; i++) {
        int32_t c = cps[i];
        if (c == '.' || c == ',' || c == '"' || c == '(' || c == ')' || c == 0x3001 || c == 0x3002 ||
            c == ':' || c == ';' || c == '\'')
            continue;
        out[o++] = c;
    }
    return o;
}

static bool is_substring(const int32_t *a, size_t na, const int32_t *b, size_t nb) {
    if (na > nb) return false;
    for (size_t i = 0; i + na <= nb; i++)
        if (memcmp(b + i, a, na * sizeof *a) == 0) return true;
    return false;
}

static bool is_subsequence(const int32_t *a, size_t na, const int32_t *b, size_t nb) {
    size_t j = 0;
    for (size_t i = 0; i < nb && j < na; i++)
        if (b[i] == a[j]) j++;
    return j == na;
}

/* A label that is the template's label with characters lost inside
 * ("其他法律行政止公开"), not merely wrapped or shortened. */
static bool label_is_garbled(const nb_template *tpl, int row, const char *folded) {
    char tplf[256];
    nb_fold_text(tpl->rows[row].label, strlen(tpl->rows[row].label), tplf, sizeof tplf);
    int32_t a[512], b[512];
    size_t na = label_core(folded, a, 512), nb = label_core(tplf, b, 512);
    if (na < 4 || nb == 0) return false;
    if (is_substring(a, na, b, nb) || is_substring(b, nb, a, na)) return false;
    return na < nb && is_subsequence(a, na, b, nb);
}

/* The first line of the row's label, as a label wrapped over lines
 * shows it: its words (two at least) open the template's. */
static bool label_starts_row(const nb_template *tpl, int row, const char *folded) {
    char tplf[256];
    nb_fold_text(tpl->rows[row].label, strlen(tpl->rows[row].label), tplf, sizeof tplf);
    int32_t a[512], b[512];
    size_t na = label_core(folded, a, 512), nb = label_core(tplf, b, 512);
    return na >= 2 && na < nb && memcmp(a, b, na * sizeof *a) == 0;
}

/* A label that is plainly the row's own: what is left after its
 * enumerator is at least four characters of the template's label. */
static bool label_is_full(const nb_template *tpl, int row, const char *folded) {
    char tplf[256];
    nb_fold_text(tpl->rows[row].label, strlen(tpl->rows[row].label), tplf, sizeof tplf);
    int32_t a[512], b[512];
    size_t na = label_core(folded, a, 512), nb = label_core(tplf, b, 512);
    return na >= 4 && nb >= 4 && (is_substring(a, na, b, nb) || is_substring(b, nb, a, na));
}

/* ---- placing values ---------------------------------------------------------- */

typedef struct row_vals {
    int *v;       /* token indices of the values after the row's label */
    int n, cap;
    int label;    /* token index of the label, -1 when never seen */
    bool short_row; /* fewer values than cells, left for the column pass */
    bool took_above; /* holds numbers printed above its label */
} row_vals;

static int vals_push(row_vals *rv, int tok) {
    if (rv->n == rv->cap) {
        int cap = rv->cap ? rv->cap * 2 : 16;
        int *g = realloc(rv->v, (size_t)cap * sizeof *g);
        if (!g) return -1;
        rv->v = g;
        rv->cap = cap;
    }
    rv->v[rv->n++] = tok;
    return 0;
}

static void token_span(const nb_token *tk, nb_span *sp) {
    sp->byte_start = tk->byte_start;
    sp->byte_end = tk->byte_end;
    sp->line = tk->line;
    sp->col_start = tk->col_start;
    sp->col_end = tk->col_end;
}

typedef struct table_ctx {
    const nb_text *t;
    nb_report *r;
    const nb_token_list *tl;
    int first_row, nrows; /* template rows of this table */
    row_vals *rows;
} table_ctx;

/* The unit a header states for amounts ("本年收费金额（单位：万元）",
 * "采购总金额(万元)"), looked for between the previous row and this one. */
static void header_unit(const table_ctx *cx, int row_rel, char *unit, size_t cap) {
    unit[0] = '\0';
    int to = cx->rows[row_rel].label;
    if (to < 0) return;
    int from = 0;
    for (int k = row_rel - 1; k >= 0; k--)
        if (cx->rows[k].label >= 0) {
            from = cx->rows[k].label;
            break;
        }
    for (int i = to - 1; i >= from; i--) {
        const nb_token *tk = &cx->tl->v[i];
        if (tk->kind != NB_TOKEN_LABEL) continue;
        const char *s = nb_token_text(cx->tl, tk);
        if (!strstr(s, "单位") && !strstr(s, "金额")) continue;
        const char *u = strstr(s, "万元") ? "万元" : strstr(s, "亿元") ? "亿元" : strstr(s, "元") ? "元" : NULL;
        if (u) {
            snprintf(unit, cap, "%s", u);
            return;
        }
    }
}

static void put_value(table_ctx *cx, int row_rel, int col, int tok, nb_origin origin) {
    const nb_template *tpl = cx->r->tpl;
    const nb_row_def *rd = &tpl->rows[cx->first_row + row_rel];
    if (col >= rd->ncells) return;
    int ci = rd->first_cell + col;
    nb_cell *cell = &cx->r->cells[ci];
    const nb_token *tk = &cx->tl->v[tok];
    memset(cell, 0, sizeof *cell);
    token_span(tk, &cell->span);
    if (tk->kind == NB_TOKEN_BLANK) {
        cell->origin = NB_ORIGIN_MISSING;
        snprintf(cell->blank_text, sizeof cell->blank_text, "%s", tk->blank_text);
        return;
    }
    if (tk->absurd) {
        cell->origin = NB_ORIGIN_MISSING;
        nb_report_add_note(cx->r, NB_NOTE_ABSURD_NUMBER, ci, &cell->span,
                           _("a number with more digits than any count or amount can have"));
        return;
    }
    cell->has_value = true;
    cell->value = tk->number;
    cell->origin = origin;
    if (tpl->cells[ci].flags & NB_CELL_AMOUNT) {
        /* "1536.85万" is an amount in 万元 (the 元 may wrap to the next line) */
        if (!strcmp(tk->unit, "万")) snprintf(cell->unit, sizeof cell->unit, "%s", "万元");
        else if (tk->unit[0]) snprintf(cell->unit, sizeof cell->unit, "%s", tk->unit);
        else header_unit(cx, row_rel, cell->unit, sizeof cell->unit);
    }
}

static int count_kind(const table_ctx *cx, const int *v, int n, nb_token_kind kind) {
    int c = 0;
    for (int i = 0; i < n; i++)
        if (cx->tl->v[v[i]].kind == kind) c++;
    return c;
}

static void note_values(table_ctx *cx, int row_rel, const int *v, int n, nb_note_kind kind,
                        const char *what) {
    const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + row_rel];
    char list[160] = "";
    size_t o = 0;
    for (int i = 0; i < n && o + 24 < sizeof list; i++) {
        const nb_token *tk = &cx->tl->v[v[i]];
        char num[40];
        if (tk->kind == NB_TOKEN_NUMBER) nb_number_format(tk->number, num, sizeof num);
        else snprintf(num, sizeof num, "%s", tk->blank_text[0] ? tk->blank_text : _("(blank)"));
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? " " : "", num);
    }
    nb_span sp;
    memset(&sp, 0, sizeof sp);
    if (n > 0) token_span(&cx->tl->v[v[0]], &sp);
    nb_report_add_note(cx->r, kind, rd->first_cell, &sp, _("row %s: %s: %s"), rd->id, what, list);
}

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

static bool unglue_run(table_ctx *cx, const int *rowsel, int nsel, int ncols, const row_vals *rv);

/* Table 三 and 四 rows end in a 总计 of the other cells. When such a row
 * has one value too few and one of its numbers splits into two in
 * exactly one way that makes the total add up (pdftotext glues "71 3000"
 * into "713000"), that is the reading the text allows; it is taken and
 * noted. A total that fails in every reading stays unread. */
static bool unglue_by_total(table_ctx *cx, int row_rel, const int *v, int n) {
    const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + row_rel];
    if (rd->table == NB_TABLE_ACTIVE || rd->ncells < 3 || n != rd->ncells - 1) return false;
    for (int i = 0; i < n; i++)
        if (cx->tl->v[v[i]].kind != NB_TOKEN_NUMBER) return false;
    row_vals one = {(int *)v, n, n, cx->rows[row_rel].label, false, false};
    return unglue_run(cx, &row_rel, 1, rd->ncells, &one);
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

/* Is folded label text `s` (less the padding and broken characters a
 * garbling dump leaves) a piece of the row's template label? */
static bool part_of_row_label(const table_ctx *cx, int row_rel, const char *s) {
    const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + row_rel];
    char clean[256], tpl[512];
    size_t m = 0;
    for (size_t i = 0; s[i] && m + 1 < sizeof clean;) {
        if (s[i] == '_') {
            i++;
            continue;
        }
        if ((unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBF && (unsigned char)s[i + 2] == 0xBD) {
            i += 3; /* U+FFFD */
            continue;
        }
        clean[m++] = s[i++];
    }
    clean[m] = '\0';
    if (m == 0) return true;
    nb_fold_text(rd->label, strlen(rd->label), tpl, sizeof tpl);
    return strstr(tpl, clean) != NULL;
}

static void resolve_row(table_ctx *cx, int row_rel) {
    row_vals *rv = &cx->rows[row_rel];
    const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + row_rel];
    int ncols = rd->ncells;
    int n = rv->n;
    const int *v = rv->v;
    if (rv->label < 0 || n == 0) return;
    /* Empty grid cells that open a later line holding text or numbers
     * are the label cells of the next row (a spanned label's column),
     * not this row's. */
    int last_number_line = -1;
    for (int i = 0; i < n; i++)
        if (cx->tl->v[v[i]].kind == NB_TOKEN_NUMBER) last_number_line = cx->tl->v[v[i]].line;
    while (last_number_line >= 0 && n > 0 && cx->tl->v[v[n - 1]].kind == NB_TOKEN_BLANK &&
           cx->tl->v[v[n - 1]].cell >= 0 && cx->tl->v[v[n - 1]].line > last_number_line &&
           line_has_more_than_blanks(cx->tl, v[n - 1]))
        n--;
    /* In a grid, values on a later line than the row's label, after text
     * in the label's column or right of it that is no part of its label
     * (not a wrapped remainder), are another row's whose label was not
     * recognised (garbled, cut). Text left of the label's column is a
     * group label spanning rows (（六）其他处理 printed down the side).
     * When the row has its cells' worth of numbers and the rest come in
     * whole rows, the rows after it are inferred below instead. */
    int label_cell = cx->tl->v[rv->label].cell;
    for (int i = 0; i < n && label_cell >= 0; i++) {
        const nb_token *tk = &cx->tl->v[v[i]];
        if (tk->cell < 0 || tk->line <= cx->tl->v[rv->label].line) continue;
        bool foreign = false;
        for (int j = (i > 0 ? v[i - 1] : rv->label) + 1; j < v[i] && !foreign; j++)
            if (cx->tl->v[j].kind == NB_TOKEN_LABEL && cx->tl->v[j].line == tk->line &&
                cx->tl->v[j].cell >= label_cell)
                foreign = !part_of_row_label(cx, row_rel, nb_token_text(cx->tl, &cx->tl->v[j]));
        if (!foreign) continue;
        int before = count_kind(cx, v, i, NB_TOKEN_NUMBER), after = count_kind(cx, v + i, n - i, NB_TOKEN_NUMBER);
        if (before == ncols && after > 0 && after % ncols == 0) break;
        if (after > 0)
            note_values(cx, row_rel, v + i, n - i, NB_NOTE_UNPLACED,
                        _("numbers on a later line after text that is no part of the row's label; not placed"));
        n = i;
        break;
    }
    /* blanks standing after a full row are filler of the layout */
    while (n > ncols && cx->tl->v[v[n - 1]].kind == NB_TOKEN_BLANK) n--;
    int nums = count_kind(cx, v, n, NB_TOKEN_NUMBER);
    if (n == ncols) {
        for (int c = 0; c < ncols; c++) put_value(cx, row_rel, c, v[c], NB_ORIGIN_READ);
        return;
    }
    int start;
    bool strays = false;
    if (n > ncols && single_line_choice(cx, v, n, ncols, &start, &strays)) {
        for (int c = 0; c < ncols; c++) put_value(cx, row_rel, c, v[start + c], NB_ORIGIN_READ);
        if (strays) {
            int sv[64], k = 0;
            for (int i = 0; i < n && k < 64; i++)
                if ((i < start || i >= start + ncols) && cx->tl->v[v[i]].kind == NB_TOKEN_NUMBER)
                    sv[k++] = v[i];
            note_values(cx, row_rel, sv, k, NB_NOTE_UNPLACED,
                        _("numbers on other lines than the row's own; not placed"));
        }
        return;
    }
    if (nums == ncols) {
        int c = 0;
        for (int i = 0; i < n && c < ncols; i++)
            if (cx->tl->v[v[i]].kind == NB_TOKEN_NUMBER) put_value(cx, row_rel, c++, v[i], NB_ORIGIN_READ);
        return;
    }
    if (nums > ncols) {
        /* Numbers of the following rows whose labels were lost: when they
         * come in whole rows and those rows were never labelled, they are
         * those rows' values, in order. */
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
            note_values(cx, row_rel, numv, nums, NB_NOTE_AMBIGUOUS,
                        _("more numbers than the row has cells, and the first of them do not add up "
                        "to its total; left unread"));
            return;
        }
        for (int c = 0; c < ncols; c++) put_value(cx, row_rel, c, numv[c], NB_ORIGIN_READ);
        if (whole) {
            for (int j = 1; j <= extra_rows; j++)
                for (int c = 0; c < ncols; c++)
                    put_value(cx, row_rel + j, c, numv[j * ncols + c], NB_ORIGIN_INFERRED);
            note_values(cx, row_rel, numv + ncols, nums - ncols, NB_NOTE_AMBIGUOUS,
                        _("numbers under one label filled the next rows, whose labels were not found"));
        } else {
            note_values(cx, row_rel, numv + ncols, nums - ncols, NB_NOTE_UNPLACED,
                        _("more numbers than the row has cells; these were not placed"));
        }
        return;
    }
    /* fewer values than cells: decided later, when the table's columns are known */
    rv->short_row = true;
}

/* Where a token stands on its line: its display columns, or (`chars`)
 * its character columns — lynx -dump aligns characters, counting a CJK
 * character as one column. */
static double token_mid(const nb_token *tk, bool chars) {
    return chars ? (tk->col_start + tk->col_end) / 2.0 : (tk->dcol_start + tk->dcol_end) / 2.0;
}

/* Positions learnt from complete rows place the numbers of a row that
 * has fewer: in space-aligned layouts an empty cell is only spaces. */
static bool place_by_columns(table_ctx *cx, int row_rel, const double *centre, int ncols, bool chars) {
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
        if (bc <= prev || best > 6) return false;
        cols[i] = prev = bc;
    }
    for (int i = 0; i < rv->n; i++) put_value(cx, row_rel, cols[i], rv->v[i], NB_ORIGIN_INFERRED);
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
static bool learn_cell_columns(const table_ctx *cx, int ncols, int *from_end) {
    int rows = 0;
    if (ncols > 16) return false;
    for (int r = 0; r < cx->nrows; r++) {
        const row_vals *rv = &cx->rows[r];
        int line, last;
        if (cx->r->tpl->rows[cx->first_row + r].ncells != ncols ||
            !row_on_one_separated_line(cx, rv, &line, &last))
            continue;
        if (count_kind(cx, rv->v, rv->n, NB_TOKEN_NUMBER) != ncols) continue;
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
static bool place_by_cells(table_ctx *cx, int row_rel, const int *from_end, int ncols) {
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
    for (int c = 0; c < ncols; c++) put_value(cx, row_rel, c, tok_of[c], NB_ORIGIN_READ);
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
        start[c] = chars ? (long)nb_text_column_of(t, at) : nb_text_display_column_of(t, at, 8);
        end[c] = chars ? start[c] + (long)(nb_text_column_of(t, e > ls ? e - 1 : e) - nb_text_column_of(t, at)) + 1
                       : nb_text_display_column_of(t, e, 8);
        if (c > 0 && start[c] <= start[c - 1]) return false;
    }
    return true;
}

/* The line of a row's column headers: within a few lines above its
 * values, the nearest holding every header of the row. */
static long header_line_above(const table_ctx *cx, int row_rel, int value_line) {
    long start[16], end[16];
    for (long ln = value_line - 2; ln >= 0 && ln >= value_line - 9; ln--)
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
static bool place_under_headers(table_ctx *cx, int row_rel) {
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
    for (int i = 0; i < rv->n; i++) put_value(cx, row_rel, chosen[i], rv->v[i], NB_ORIGIN_INFERRED);
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
static double learn_columns(const table_ctx *cx, int ncols, bool chars, double *centre, bool *ok) {
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
            if (mids[i][k] - centre[i] <= 3 && centre[i] - mids[i][k] <= 3) near++;
        if (near * 3 < cnt * 2) return 0;
        for (int k = 0; k < cnt; k++)
            spread += mids[i][k] > centre[i] ? mids[i][k] - centre[i] : centre[i] - mids[i][k];
    }
    *ok = true;
    return spread;
}

/* A run of the values of several rows one number short, where one number
 * splits in exactly one way so that every row's 总计 adds up: pdftotext
 * glued two narrow columns of table 四 ("37351" for 37 and 351). */
static bool unglue_run(table_ctx *cx, const int *rowsel, int nsel, int ncols, const row_vals *rv) {
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
    int found = 0, at = -1, cut = 0;
    int64_t lv = 0, rvv = 0;
    for (int i = 0; i < n; i++) {
        char d[32];
        if (!token_digits(cx, &cx->tl->v[numv[i]], d, sizeof d)) continue;
        int len = (int)strlen(d);
        for (int k = 1; k < len; k++) {
            if ((d[0] == '0' && k > 1) || (d[k] == '0' && len - k > 1)) continue;
            int64_t l = 0, r = 0;
            for (int j = 0; j < k; j++) l = l * 10 + (d[j] - '0');
            for (int j = k; j < len; j++) r = r * 10 + (d[j] - '0');
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
            bool all = true;
            for (int row = 0; row < nsel && all; row++) {
                int64_t sum = 0;
                for (int col = 0; col < ncols - 1; col++) sum += cells[row * ncols + col];
                if (sum != cells[row * ncols + ncols - 1]) all = false;
            }
            if (all) {
                found++;
                at = i;
                cut = k;
                lv = l;
                rvv = r;
            }
        }
    }
    if (found != 1) return false;
    int pos = 0;
    for (int i = 0; i < n; i++) {
        const nb_token *tk = &cx->tl->v[numv[i]];
        if (i != at) {
            put_value(cx, rowsel[pos / ncols], pos % ncols, numv[i], NB_ORIGIN_READ);
            pos++;
            continue;
        }
        for (int half = 0; half < 2; half++, pos++) {
            const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + rowsel[pos / ncols]];
            nb_cell *cell = &cx->r->cells[rd->first_cell + pos % ncols];
            memset(cell, 0, sizeof *cell);
            token_span(tk, &cell->span);
            if (half == 0) {
                cell->span.byte_end = tk->byte_start + (size_t)cut;
                cell->span.col_end = tk->col_start + cut;
            } else {
                cell->span.byte_start = tk->byte_start + (size_t)cut;
                cell->span.col_start = tk->col_start + cut;
            }
            cell->has_value = true;
            cell->value.units = half == 0 ? lv : rvv;
            cell->origin = NB_ORIGIN_INFERRED;
        }
    }
    nb_span sp;
    token_span(&cx->tl->v[numv[at]], &sp);
    nb_report_add_note(cx->r, NB_NOTE_AMBIGUOUS, -1, &sp,
                       _("%lld%lld read as two cells, %lld and %lld: the only reading in which every "
                       "row's total adds up"),
                       (long long)lv, (long long)rvv, (long long)lv, (long long)rvv);
    return true;
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

/* All the values of several rows in one run after their labels: table 四
 * printed the template's way (three row labels in a header, fifteen
 * numbers below), or a table whose label column came out first
 * (pdftotext without -layout). The run is read row by row, or column by
 * column when more rows add up that way; when both readings differ and
 * add up equally, table 三 is left unread and noted. Table 四 keeps the
 * template's row order then, since its layout is the usual one. */
/* Table 四 in a space-aligned layout (lynx -dump, pdftotext -layout)
 * with whole groups left blank: one line of values, fewer than the 15
 * cells, and nothing on the line where the blanks are. The group headers
 * above (未经复议直接起诉, 复议后起诉) start where their groups start; a
 * value belongs to the group whose header starts at or before it. Dumps
 * align either display columns (CJK two wide) or characters (lynx counts
 * a CJK character as one): each measure is tried, and the values are
 * placed only when exactly one reading puts a whole group's worth of
 * values, or none, under every header. */
static bool place_groups_by_headers(table_ctx *cx, const int *rowsel, int nsel, int ncols, const int *vals,
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
    for (int ln = line - 2; ln >= 0 && ln >= line - 9 && direct == (size_t)-1; ln--) {
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
        long b1 = chars ? (long)nb_text_column_of(t, direct) : nb_text_display_column_of(t, direct, 8);
        long b2 = chars ? (long)nb_text_column_of(t, after) : nb_text_display_column_of(t, after, 8);
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
            if (group_of[i] == j) put_value(cx, rowsel[j], c++, vals[i], NB_ORIGIN_INFERRED);
        if (c == 0) {
            const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + rowsel[j]];
            for (int col = 0; col < rd->ncells; col++) cx->r->cells[rd->first_cell + col].origin = NB_ORIGIN_MISSING;
        }
    }
    return true;
}

/* Table 四 in a space-aligned layout with blanks anywhere: one line of
 * values under the column headers of all three groups (结果维持 … 总计,
 * three times, over one or two lines). Read in one measure, the headers
 * must come in the template's order, group after group; each value then
 * belongs to the last header starting at or before it and must start
 * within that header's extent. Placed only when exactly one measure
 * gives such a reading. */
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
            long s = chars ? (long)nb_text_column_of(t, a) : nb_text_display_column_of(t, a, 8);
            long e = chars ? s + (long)(nb_text_column_of(t, b - 1) - nb_text_column_of(t, a)) + 1
                           : nb_text_display_column_of(t, b, 8);
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
    header_word_at_line w[256];
    int from = line - 5 > 0 ? line - 5 : 0;
    int nw = words_of_lines(cx->t, from, line - 2, chars, w, 256);
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

static bool place_slots_by_subheaders(table_ctx *cx, const int *rowsel, int nsel, int ncols, const int *vals,
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
        put_value(cx, rowsel[chosen[i] / ncols], chosen[i] % ncols, vals[i], NB_ORIGIN_INFERRED);
    return true;
}

static bool values_in_one_run(table_ctx *cx, nb_table_id table) {
    const nb_token_list *tl = cx->tl;
    /* The run: the values between the last label before the table's first
     * number and the next label (text after the table may follow). In a
     * row by row layout that is one row's values, too few to be a run. */
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
    int rowsel[64], nsel = 0;
    for (int r = 0; r < cx->nrows && nsel < 64; r++)
        if (table == NB_TABLE_APPEALS || (cx->rows[r].label >= 0 && r <= last)) rowsel[nsel++] = r;
    if (nsel < 2) return false;
    int ncols = cx->r->tpl->rows[cx->first_row + rowsel[0]].ncells;
    for (int i = 1; i < nsel; i++)
        if (cx->r->tpl->rows[cx->first_row + rowsel[i]].ncells != ncols) return false;
    int total = nsel * ncols;
    if (total > 1024) return false;
    int vals[1024], k = 0;
    const row_vals *rv = &cx->rows[last];
    for (int i = 0; i < rv->n && k < 1024; i++)
        if (rv->v[i] > last_label && rv->v[i] < run_end) vals[k++] = rv->v[i];
    int nums = count_kind(cx, vals, k, NB_TOKEN_NUMBER);
    if (k <= ncols) return false; /* an ordinary row */
    /* blanks before the run's values beyond its cells are header filler */
    int skip = 0;
    while (k - skip > total && tl->v[vals[skip]].kind == NB_TOKEN_BLANK) skip++;
    memmove(vals, vals + skip, (size_t)(k - skip) * sizeof vals[0]);
    k -= skip;
    if (k > total && nums >= total) {
        /* more than the cells: the numbers, if they are at least the cells */
        int m = 0;
        for (int i = 0; i < k; i++)
            if (tl->v[vals[i]].kind == NB_TOKEN_NUMBER) vals[m++] = vals[i];
        k = m;
    }
    if (k < total) {
        row_vals run = {vals, k, k, -1, false, false};
        if (nums == k && nums == total - 1 && unglue_run(cx, rowsel, nsel, ncols, &run)) return true;
        if (table == NB_TABLE_APPEALS && (place_groups_by_headers(cx, rowsel, nsel, ncols, vals, k) ||
                                          place_slots_by_subheaders(cx, rowsel, nsel, ncols, vals, k)))
            return true;
        /* the values of several rows, some missing: which, nothing says */
        note_values(cx, last, vals, k, NB_NOTE_AMBIGUOUS,
                    _("fewer values than the rows before them have cells, and no sign of which "
                    "are empty; left unread"));
        return true;
    }
    if (k > total && nums < total) {
        note_values(cx, last, vals, k, NB_NOTE_AMBIGUOUS,
                    _("more values than the rows before them have cells, blanks among them; left unread"));
        return true;
    }
    int by_row = reading_score(cx, nsel, ncols, vals, false);
    int by_col = reading_score(cx, nsel, ncols, vals, true);
    bool column = by_col > by_row;
    if (by_col == by_row && table == NB_TABLE_APPLICATIONS && readings_differ(cx, nsel, ncols, vals)) {
        note_values(cx, last, vals, total, NB_NOTE_AMBIGUOUS,
                    _("the values of all rows follow the last label; read row by row or column by "
                    "column, the totals agree equally well; left unread"));
        return true;
    }
    for (int i = 0; i < nsel; i++)
        for (int c = 0; c < ncols; c++)
            put_value(cx, rowsel[i], c, vals[column ? c * nsel + i : i * ncols + c],
                      column ? NB_ORIGIN_INFERRED : NB_ORIGIN_READ);
    if (column) {
        nb_span sp;
        token_span(&tl->v[vals[0]], &sp);
        nb_report_add_note(cx->r, NB_NOTE_AMBIGUOUS, cx->r->tpl->rows[cx->first_row + rowsel[0]].first_cell,
                           &sp, _("table %s: the values follow all row labels and add up read column by "
                           "column (%d rows) rather than row by row (%d rows); read by column"),
                           nb_table_key(table), by_col, by_row);
    }
    if (k > total)
        note_values(cx, last, vals + total, k - total, NB_NOTE_UNPLACED,
                    _("numbers after the cells of the rows before them; not placed"));
    return true;
}

/* Words of the column headers of tables 三 and 四. */
static bool header_word(const char *s) {
    static const char *const words[] = {"自然人", "法人", "商业", "企业", "科研", "公益", "法律服务",
                                        "申请人情况", "结果维持", "结果纠正", "其他结果", "尚未审结",
                                        "维持", "纠正", "审结", NULL};
    if (strcmp(s, "其他") == 0 || strcmp(s, "总计") == 0 || strcmp(s, "合计") == 0) return true;
    for (int i = 0; words[i]; i++)
        if (strstr(s, words[i])) return true;
    return false;
}

/* A bare column name (总计, 合计) next to other column names is a header
 * repeated after a page break, not the row (七)总计. */
static bool in_column_header(const nb_token_list *tl, size_t i) {
    const char *s = nb_token_text(tl, &tl->v[i]);
    if (!strstr(s, "总计") && !strstr(s, "合计")) return false;
    /* the whole header joined into one label: "自然人商业企业…其他总计" */
    if (strstr(s, "自然人") || strstr(s, "结果维持") || strstr(s, "科研")) return true;
    if (strcmp(s, "总计") != 0 && strcmp(s, "合计") != 0) return false;
    for (int d = -1; d <= 1; d += 2) {
        if ((d < 0 && i == 0) || (d > 0 && i + 1 >= tl->n)) continue;
        const nb_token *nb = &tl->v[(long)i + d];
        if (nb->kind == NB_TOKEN_LABEL && header_word(nb_token_text(tl, nb))) return true;
    }
    return false;
}

/* A line of table 二 that heads one of its grids: 第二十条第（N）项 or
 * the 信息内容 line of column names. */
static bool is_grid_header(const char *folded) {
    const char *s = folded;
    while (*s == ' ') s++;
    return !strncmp(s, "第二十条第", strlen("第二十条第")) || !strncmp(s, "信息内容", strlen("信息内容"));
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
static int take_numbers_above(table_ctx *cx, int row_rel, row_vals *above) {
    row_vals *rv = &cx->rows[row_rel];
    for (int k = 0; k < above->n; k++)
        if (vals_push(rv, above->v[k])) return -1;
    rv->took_above = rv->took_above || above->n > 0;
    above->n = 0;
    return 0;
}

/* A row whose numbers stand on several lines, each in a column of its
 * own: left to right is the order of its cells. Where columns overlap
 * (one cell per line) reading order stays. */
static void order_by_columns(table_ctx *cx, int row_rel) {
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
static bool numbers_precede_labels(table_ctx *cx, row_vals *before) {
    int sel[64], n = 0;
    for (int r = 0; r < cx->nrows && n < 64; r++)
        if (cx->rows[r].label >= 0) sel[n++] = r;
    if (n < 2) return false;
    int ncols = cx->r->tpl->rows[cx->first_row + sel[0]].ncells;
    if (count_kind(cx, before->v, before->n, NB_TOKEN_NUMBER) != ncols) return false;
    if (count_kind(cx, cx->rows[sel[n - 1]].v, cx->rows[sel[n - 1]].n, NB_TOKEN_NUMBER) != 0) return false;
    for (int i = 0; i < n - 1; i++) {
        const row_vals *rv = &cx->rows[sel[i]];
        if (count_kind(cx, rv->v, rv->n, NB_TOKEN_NUMBER) != ncols) return false;
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

/* A piece of a group label printed down the side of table 三, a line or
 * two at a time: its enumerator alone ("（五）") or a piece of a group's
 * name ("不予处", "理"). */
static bool is_side_fragment(const nb_token_list *tl, size_t i) {
    static const char *const groups[] = {"本年度办理结果", "不予公开", "无法提供", "不予处理", "其他处理", NULL};
    int32_t core[16], name[16];
    const char *s = nb_token_text(tl, &tl->v[i]);
    size_t n = label_core(s, core, 16);
    if (n == 0) return true;
    for (int g = 0; groups[g]; g++) {
        size_t m = label_core(groups[g], name, 16);
        if (is_substring(core, n, name, m)) return true;
    }
    return false;
}

/* A label wrapped so that its keyword is cut in two ("一、本年新" over
 * "收政府信息公开申请数量", the numbers maybe between): joined with the
 * next label within three lines it may match a row the next part alone
 * does not. Returns the row (relative), or -1. */
static int match_wrapped_label(const nb_token_list *tl, size_t i, const nb_template *tpl, int first,
                               int cur, int lim) {
    if (tl->v[i].cell >= 0) {
        /* In a grid the rest of a wrapped label is in the same cell on the
         * next line (a group label down the side may come between), a
         * line without numbers; the row is the first line's, where its
         * numbers are. */
        size_t j = i + 1;
        bool numbers_here = false, numbers_next = false;
        for (; j < tl->n && tl->v[j].line == tl->v[i].line; j++)
            if (tl->v[j].kind == NB_TOKEN_NUMBER) numbers_here = true;
        size_t rest = tl->n;
        for (; j < tl->n && tl->v[j].line == tl->v[i].line + 1; j++) {
            if (tl->v[j].kind == NB_TOKEN_NUMBER) numbers_next = true;
            if (rest == tl->n && tl->v[j].kind == NB_TOKEN_LABEL && tl->v[j].cell == tl->v[i].cell) rest = j;
        }
        if (numbers_here && !numbers_next && rest < tl->n) {
            j = rest;
            const char *a = nb_token_text(tl, &tl->v[i]), *b = nb_token_text(tl, &tl->v[j]);
            char joined[512];
            size_t la = strlen(a), lb = strlen(b);
            if (la + lb + 1 <= sizeof joined) {
                memcpy(joined, a, la);
                memcpy(joined + la, b, lb + 1);
                for (int rr = cur + 1; rr <= lim; rr++)
                    if (nb_row_matches(tpl, first + rr, joined)) return rr;
            }
        }
    }
    size_t j = i + 1;
    bool numbers_between = false;
    for (; j < tl->n; j++) {
        if (tl->v[j].kind == NB_TOKEN_NUMBER) numbers_between = true;
        /* a group label running down the side ("（五）", "不予处") may
         * stand between the two parts */
        if (tl->v[j].kind == NB_TOKEN_LABEL && !is_side_fragment(tl, j)) break;
    }
    if (j >= tl->n || tl->v[j].line > tl->v[i].line + 3 || tl->v[j].line == tl->v[i].line) return -1;
    const char *a = nb_token_text(tl, &tl->v[i]), *b = nb_token_text(tl, &tl->v[j]);
    char joined[512];
    size_t la = strlen(a), lb = strlen(b);
    if (la + lb + 1 > sizeof joined) return -1;
    memcpy(joined, a, la);
    memcpy(joined + la, b, lb + 1);
    /* When the rest alone names the row too, the row starts at the rest
     * (its numbers follow it) -- unless the numbers stand between the two
     * parts and the first part is the start of the row's own label: a
     * label wrapped round its numbers, which sit on its middle line. */
    for (int rr = cur + 1; rr <= lim; rr++)
        if (nb_row_matches(tpl, first + rr, joined)) {
            bool wrapped_round = numbers_between && label_starts_row(tpl, first + rr, a);
            return nb_row_matches(tpl, first + rr, b) && !wrapped_round ? -1 : rr;
        }
    return -1;
}

static int read_one_table(const nb_text *t, nb_report *r, nb_table_id table, size_t start,
                          size_t end, bool single_other_note) {
    const nb_template *tpl = r->tpl;
    int first = -1, count = 0;
    for (int i = 0; i < tpl->nrows; i++)
        if (tpl->rows[i].table == table) {
            if (first < 0) first = i;
            count++;
        }
    if (first < 0 || start >= end) return 0;
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
    /* How far a label may move the reading: the applications table has
     * header words (总计, 其他) that name later rows. */
    int window = table == NB_TABLE_APPLICATIONS ? 5 : count;
    int cur = -1;
    int rc = 0;
    row_vals before_rows = {NULL, 0, 0, -1, false, false};
    /* table 二: numbers after a grid's header (第二十条…, 信息内容…) and
     * before its first row label are that row's, printed above its label */
    row_vals under_header = {NULL, 0, 0, -1, false, false};
    bool in_grid_header = false;
    for (size_t i = 0; i < tl.n; i++) {
        const nb_token *tk = &tl.v[i];
        if (tk->kind == NB_TOKEN_LABEL) {
            const char *s = nb_token_text(&tl, tk);
            if (table == NB_TABLE_ACTIVE && is_grid_header(s)) {
                in_grid_header = true;
                continue;
            }
            if (cur >= 0 && nb_row_matches(tpl, first + cur, s)) continue; /* wrapped rest of the label */
            if (in_column_header(&tl, i)) continue;
            int lim = cur + window < count - 1 ? cur + window : count - 1;
            int to = -1;
            for (int rr = cur + 1; rr <= lim && to < 0; rr++)
                if (nb_row_matches(tpl, first + rr, s)) to = rr;
            /* Beyond the window only a label that is plainly the row's own
             * (a report that leaves rows out), never a header word. */
            for (int rr = lim + 1; rr < count && to < 0; rr++)
                if (nb_row_matches(tpl, first + rr, s) && label_is_full(tpl, first + rr, s)) to = rr;
            if (to < 0) to = match_wrapped_label(&tl, i, tpl, first, cur, lim);
            if (to >= 0) {
                cur = to;
                rows[to].label = (int)i;
                if (in_grid_header && take_numbers_above(&cx, to, &under_header)) {
                    rc = -1;
                    break;
                }
                in_grid_header = false;
                const nb_row_def *rd = &tpl->rows[first + to];
                if (label_is_garbled(tpl, first + to, s)) {
                    nb_span sp;
                    token_span(tk, &sp);
                    size_t shown = tk->byte_end - tk->byte_start;
                    if (shown > 120) shown = 120;
                    nb_report_add_note(r, NB_NOTE_LABEL_GARBLED, rd->first_cell, &sp,
                                       _("row %s: label reads \"%.*s\", the template says \"%s\""), rd->id,
                                       (int)shown, t->utf8 + tk->byte_start, rd->label);
                }
            }
        } else if (in_grid_header && tk->kind == NB_TOKEN_NUMBER) {
            if (vals_push(&under_header, (int)i)) {
                rc = -1;
                break;
            }
        } else if (cur >= 0) {
            if (vals_push(&rows[cur], (int)i)) {
                rc = -1;
                break;
            }
        } else if (tk->kind == NB_TOKEN_NUMBER && vals_push(&before_rows, (int)i)) {
            rc = -1;
            break;
        }
    }
    if (rc == 0 && table == NB_TABLE_APPLICATIONS && numbers_precede_labels(&cx, &before_rows)) {
        nb_span sp;
        memset(&sp, 0, sizeof sp);
        for (int k = 0; k < count; k++)
            if (rows[k].label >= 0 && rows[k].n > 0) {
                token_span(&tl.v[rows[k].v[0]], &sp);
                break;
            }
        nb_report_add_note(r, NB_NOTE_AMBIGUOUS, -1, &sp,
                           _("table %s: each row's numbers stand on the line above its label; read "
                           "with the label below them"), nb_table_key(table));
        before_rows.n = 0;
    }
    if (rc == 0 && before_rows.n > 0) {
        /* numbers in a table before any row label: no row to give them */
        char list[120] = "";
        size_t o = 0;
        for (int k = 0; k < before_rows.n && o + 24 < sizeof list; k++) {
            char num[40];
            nb_number_format(tl.v[before_rows.v[k]].number, num, sizeof num);
            o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", k ? " " : "", num);
        }
        nb_span sp;
        token_span(&tl.v[before_rows.v[0]], &sp);
        nb_report_add_note(r, NB_NOTE_UNPLACED, -1, &sp,
                           _("table %s: numbers before any row label were not placed: %s"),
                           nb_table_key(table), list);
    }
    for (int rr = 0; rc == 0 && rr < count; rr++)
        if (rows[rr].took_above) order_by_columns(&cx, rr);
    if (rc == 0 && count_kind(&cx, under_header.v, under_header.n, NB_TOKEN_NUMBER) > 0)
        note_values(&cx, count - 1, under_header.v, under_header.n, NB_NOTE_UNPLACED,
                    _("numbers under a column header with no row label after them; not placed"));
    free(under_header.v);
    free(before_rows.v);
    if (rc == 0) {
        bool done = table != NB_TABLE_ACTIVE && values_in_one_run(&cx, table);
        if (!done) {
            int ncols = tpl->rows[first].ncells;
            int from_end[16];
            bool cell_columns = learn_cell_columns(&cx, ncols, from_end);
            for (int rr = 0; rr < count; rr++) {
                /* a row with blanks in a separated layout: by its cells */
                if (cell_columns && tpl->rows[first + rr].ncells == ncols &&
                    count_kind(&cx, rows[rr].v, rows[rr].n, NB_TOKEN_NUMBER) < ncols &&
                    place_by_cells(&cx, rr, from_end, ncols))
                    continue;
                resolve_row(&cx, rr);
            }
            /* Rows left short: where complete rows show the columns, a
             * number's position says its cell; else a glued number may
             * split one way only; else the column headers of its grid may
             * show where each number stands; else nothing is guessed. */
            double centre[16];
            /* display columns, or characters where rows line up better so */
            double centre_chars[16];
            bool ok = false, ok_chars = false, chars = false;
            double spread = learn_columns(&cx, ncols, false, centre, &ok);
            double spread_chars = learn_columns(&cx, ncols, true, centre_chars, &ok_chars);
            if (ok_chars && (!ok || spread_chars < spread)) {
                chars = ok = true;
                memcpy(centre, centre_chars, sizeof centre_chars);
            }
            for (int rr = 0; rr < count; rr++) {
                row_vals *rv = &rows[rr];
                if (!rv->short_row) continue;
                /* table 二 mixes grids of 3, 2 and 1 columns */
                if (ok && tpl->rows[first + rr].ncells == ncols && place_by_columns(&cx, rr, centre, ncols, chars))
                    continue;
                if (unglue_by_total(&cx, rr, rv->v, rv->n)) continue;
                if (place_under_headers(&cx, rr)) continue;
                note_values(&cx, rr, rv->v, rv->n, NB_NOTE_AMBIGUOUS,
                            _("fewer values than cells and no sign of which cells are empty; left unread"));
            }
        }
        if (single_other_note) {
            int ro = nb_template_find_row(tpl, NB_TABLE_APPLICATIONS, "other");
            if (ro >= 0) {
                nb_span sp;
                memset(&sp, 0, sizeof sp);
                if (rows[ro - first].label >= 0) token_span(&tl.v[rows[ro - first].label], &sp);
                nb_report_add_note(r, NB_NOTE_TEMPLATE_DEVIATION, tpl->rows[ro].first_cell, &sp,
                                   _("(六)其他处理 is printed as one row, without the 1./2./3. rows of "
                                   "the 2021 template; read as `other`"));
            }
        }
    }
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
