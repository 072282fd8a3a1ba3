/* The primitives every placement of the recogniser uses: the values
 * gathered under a row's label, putting one token into one cell (with
 * its span, a blank's text, an amount's unit) and noting values that
 * could not be placed. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/cells.h"
#include "nianbao/recognize.h"
#include "recognize-internal.h"

int nb_vals_push(row_vals *rv, int tok) {
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

void nb_token_span(const nb_token *tk, nb_span *sp) {
    sp->byte_start = tk->byte_start;
    sp->byte_end = tk->byte_end;
    sp->line = tk->line;
    sp->col_start = tk->col_start;
    sp->col_end = tk->col_end;
}

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

/* The token as the source writes it ("2O"), cut at a character. */
static void token_text(const table_ctx *cx, const nb_token *tk, char *buf, size_t size) {
    size_t n = tk->byte_end - tk->byte_start;
    if (n >= size) n = size - 1;
    while (n > 0 && tk->byte_start + n < cx->t->len &&
           ((unsigned char)cx->t->utf8[tk->byte_start + n] & 0xC0) == 0x80)
        n--;
    memcpy(buf, cx->t->utf8 + tk->byte_start, n);
    buf[n] = '\0';
}

void nb_put_value(table_ctx *cx, int row_rel, int col, int tok, nb_origin origin) {
    const nb_template *tpl = cx->r->tpl;
    const nb_row_def *rd = &tpl->rows[cx->first_row + row_rel];
    if (col >= rd->ncells) return;
    int ci = rd->first_cell + col;
    nb_cell *cell = &cx->r->cells[ci];
    const nb_token *tk = &cx->tl->v[tok];
    memset(cell, 0, sizeof *cell);
    nb_token_span(tk, &cell->span);
    if (tk->kind == NB_TOKEN_BLANK) {
        cell->origin = NB_ORIGIN_MISSING;
        snprintf(cell->blank_text, sizeof cell->blank_text, "%s", tk->blank_text);
        return;
    }
    if (tk->mangled) {
        cell->origin = NB_ORIGIN_MISSING;
        char raw[64];
        token_text(cx, tk, raw, sizeof raw);
        nb_report_add_note(cx->r, NB_NOTE_MANGLED_NUMBER, ci, &cell->span,
                           _("\"%s\" is not a number: a letter or a stop stands among its digits; "
                             "the cell is left empty"),
                           raw);
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

int nb_count_kind(const table_ctx *cx, const int *v, int n, nb_token_kind kind) {
    int c = 0;
    for (int i = 0; i < n; i++)
        if (cx->tl->v[v[i]].kind == kind) c++;
    return c;
}

void nb_note_placement(table_ctx *cx, const int *rows_rel, int nrows, const int *v, int n) {
    const nb_template *tpl = cx->r->tpl;
    short cells[NB_PLACEMENT_MAX];
    nb_number values[NB_PLACEMENT_MAX];
    int nc = 0;
    for (int i = 0; i < nrows; i++) {
        const nb_row_def *rd = &tpl->rows[cx->first_row + rows_rel[i]];
        for (int c = 0; c < rd->ncells; c++) {
            if (nc == NB_PLACEMENT_MAX) return; /* too many to offer */
            cells[nc++] = (short)(rd->first_cell + c);
        }
    }
    if (n > NB_PLACEMENT_MAX) return;
    for (int i = 0; i < n; i++) {
        const nb_token *tk = &cx->tl->v[v[i]];
        if (tk->kind != NB_TOKEN_NUMBER || tk->mangled) return; /* a blank marker says where: not this case */
        values[i] = tk->number;
    }
    nb_report_add_placement(cx->r, cells, nc, values, n);
}

void nb_note_values(table_ctx *cx, int row_rel, const int *v, int n, nb_note_kind kind,
                        const char *what) {
    const nb_row_def *rd = &cx->r->tpl->rows[cx->first_row + row_rel];
    char list[160] = "";
    size_t o = 0;
    for (int i = 0; i < n && o + 24 < sizeof list; i++) {
        const nb_token *tk = &cx->tl->v[v[i]];
        char num[40];
        if (tk->mangled) token_text(cx, tk, num, sizeof num);
        else if (tk->kind == NB_TOKEN_NUMBER) nb_number_format(tk->number, num, sizeof num);
        else snprintf(num, sizeof num, "%s", tk->blank_text[0] ? tk->blank_text : _("(blank)"));
        o += (size_t)snprintf(list + o, sizeof list - o, "%s%s", i ? " " : "", num);
    }
    nb_span sp;
    memset(&sp, 0, sizeof sp);
    if (n > 0) nb_token_span(&cx->tl->v[v[0]], &sp);
    nb_report_add_note(cx->r, kind, rd->first_cell, &sp, _("row %s: %s: %s"), rd->id, what, list);
}
