/* The table pane: the three tables as grids. Rows that share columns form
 * a group under one header; the title and header of the group at the top
 * stay pinned while the rows scroll. Columns are sized by display width
 * (CJK headers are two columns a glyph) and every cell is drawn at an
 * explicit column, so the grid stays aligned whatever the labels hold. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"
#include "nianbao/text.h"
#include "tui.h"

/* HEADER_MAX: the widest a column grows for its label on one line (with
 * its two columns of padding, a label of HEADER_MAX + 2 fits); a longer
 * label takes two lines, split near its middle, never cut. */
enum { LABEL_MAX = 18, HEADER_MAX = 8, VALUE_MIN = 3 };

/* Bytes of `label` on the first of two header lines; 0 when it fits one
 * line of HEADER_MAX + 2 columns. */
static size_t header_split(const char *label) {
    size_t n = strlen(label);
    int w = nb_text_width(label, n);
    if (w <= HEADER_MAX + 2) return 0;
    return nb_display_fit(label, n, (w + 1) / 2, NULL);
}

static bool same_columns(const nb_template *tpl, int a, int b) {
    const nb_row_def *ra = &tpl->rows[a], *rb = &tpl->rows[b];
    if (ra->table != rb->table || ra->ncells != rb->ncells) return false;
    for (int c = 0; c < ra->ncells; c++)
        if (strcmp(tpl->cells[ra->first_cell + c].col_label,
                   tpl->cells[rb->first_cell + c].col_label) != 0)
            return false;
    return true;
}

void nb_table_build(nb_app *app) {
    free(app->table.tlines);
    app->table.tlines = NULL;
    app->table.ntlines = 0;
    app->table.ngroups = 0;
    const nb_template *tpl = app->rv.current.tpl;
    if (!tpl || !app->rv.current.cells) return;
    /* At most: a title and a blank per table, two header lines per group,
     * a line per row. */
    app->table.tlines = calloc((size_t)(tpl->nrows * 3 + 3 * NB_TABLE_COUNT + 32), sizeof *app->table.tlines);
    if (!app->table.tlines) return;
    int n = 0;
    for (int r = 0; r < tpl->nrows; r++) {
        bool new_table = r == 0 || tpl->rows[r].table != tpl->rows[r - 1].table;
        bool new_group = new_table || !same_columns(tpl, r - 1, r);
        if (new_group && app->table.ngroups < (int)(sizeof app->table.groups / sizeof app->table.groups[0])) {
            if (new_table && r > 0) {
                app->table.tlines[n++] = (nb_tline){NB_TLINE_BLANK, (int)tpl->rows[r - 1].table,
                                              app->table.ngroups - 1, -1};
            }
            nb_tgroup *g = &app->table.groups[app->table.ngroups];
            memset(g, 0, sizeof *g);
            g->table = (int)tpl->rows[r].table;
            g->first_row = r;
            g->ncols = tpl->rows[r].ncells > 8 ? 8 : tpl->rows[r].ncells;
            g->title_line = -1;
            if (new_table) {
                g->title_line = n;
                app->table.tlines[n++] = (nb_tline){NB_TLINE_TITLE, g->table, app->table.ngroups, -1};
            }
            g->header_line = n;
            app->table.tlines[n++] = (nb_tline){NB_TLINE_HEADER, g->table, app->table.ngroups, -1};
            g->header_rows = 1;
            for (int c = 0; c < g->ncols; c++)
                if (header_split(tpl->cells[tpl->rows[r].first_cell + c].col_label)) g->header_rows = 2;
            if (g->header_rows == 2)
                app->table.tlines[n++] = (nb_tline){NB_TLINE_HEADER2, g->table, app->table.ngroups, -1};
            app->table.ngroups++;
        }
        nb_tgroup *g = &app->table.groups[app->table.ngroups - 1];
        g->nrows++;
        app->table.tlines[n++] = (nb_tline){NB_TLINE_ROW, (int)tpl->rows[r].table, app->table.ngroups - 1, r};
    }
    app->table.ntlines = n;
    if (app->table.sel_cell < 0 && tpl->ncells > 0) app->table.sel_cell = 0;
}

static void format_cell(const nb_app *app, int cell, char *buf, size_t n) {
    const nb_cell *c = &app->rv.current.cells[cell];
    if (c->has_value) nb_number_format(c->value, buf, n);
    else snprintf(buf, n, "%s", "-");
}

/* Column widths from the current values: they change as cells are edited. */
static void size_columns(nb_app *app) {
    const nb_template *tpl = app->rv.current.tpl;
    app->table.label_w = 4;
    for (int r = 0; r < tpl->nrows; r++) {
        const char *l = tpl->rows[r].short_label;
        int w = nb_text_width(l, strlen(l));
        if (w > app->table.label_w) app->table.label_w = w;
    }
    if (app->table.label_w > LABEL_MAX) app->table.label_w = LABEL_MAX;
    for (int gi = 0; gi < app->table.ngroups; gi++) {
        nb_tgroup *g = &app->table.groups[gi];
        const nb_row_def *first = &tpl->rows[g->first_row];
        for (int c = 0; c < g->ncols; c++) {
            const char *h = tpl->cells[first->first_cell + c].col_label;
            size_t split = header_split(h);
            int w = nb_text_width(h, strlen(h));
            if (split) { /* the wider of its two lines, less the padding */
                int w1 = nb_text_width(h, split), w2 = nb_text_width(h + split, strlen(h + split));
                w = (w1 > w2 ? w1 : w2) - 2;
            }
            if (w > HEADER_MAX) w = HEADER_MAX;
            if (w < VALUE_MIN) w = VALUE_MIN;
            for (int r = g->first_row; r < g->first_row + g->nrows; r++) {
                char v[48];
                format_cell(app, tpl->rows[r].first_cell + c, v, sizeof v);
                int vw = (int)strlen(v);
                if (vw > w) w = vw;
            }
            g->colw[c] = w;
        }
    }
}

/* Rows under the pinned title and header of the group at line `top`, in
 * a pane `pane_h` high (its own title line included). */
static int body_rows(const nb_app *app, int pane_h, int top) {
    int header = 1;
    if (top >= 0 && top < app->table.ntlines) header = app->table.groups[app->table.tlines[top].group].header_rows;
    return pane_h - 2 - header;
}

int nb_table_visible_rows(const nb_app *app) {
    int h = body_rows(app, app->pane[NB_PANE_TABLE].h, app->table.top);
    return h > 1 ? h : 1;
}

static int tline_of_row(const nb_app *app, int row) {
    for (int i = 0; i < app->table.ntlines; i++)
        if (app->table.tlines[i].kind == NB_TLINE_ROW && app->table.tlines[i].row == row) return i;
    return -1;
}

/* Lines drawn inline from `top` up to and including `target`, skipping the
 * pinned group's own title and header. */
static int lines_until(const nb_app *app, int top, int target) {
    int pinned = app->table.tlines[top].group;
    int count = 0;
    for (int i = top; i <= target && i < app->table.ntlines; i++) {
        const nb_tline *t = &app->table.tlines[i];
        if (t->group == pinned &&
            (t->kind == NB_TLINE_TITLE || t->kind == NB_TLINE_HEADER || t->kind == NB_TLINE_HEADER2))
            continue;
        count++;
    }
    return count;
}

static void ensure_visible(nb_app *app, int pane_h) {
    if (app->table.sel_cell < 0 || !app->table.ntlines) return;
    const nb_template *tpl = app->rv.current.tpl;
    int line = tline_of_row(app, tpl->cells[app->table.sel_cell].row);
    if (line < 0) return;
    if (app->table.top > line) app->table.top = line;
    while (app->table.top < line && lines_until(app, app->table.top, line) > body_rows(app, pane_h, app->table.top))
        app->table.top++;
    if (app->table.top >= app->table.ntlines) app->table.top = app->table.ntlines - 1;
    if (app->table.top < 0) app->table.top = 0;
}

static void draw_title(nb_app *app, int y, nb_rect r, int table) {
    const char *t = nb_table_title((nb_table_id)table);
    nb_draw_field(y, r.x, r.w, t, strlen(t), app->theme.attr[NB_SLOT_TABLE_TITLE], 0);
}

/* First column shown for group g: all of them when they fit, else enough
 * scrolled that the selected column is on screen. */
static int first_column(nb_app *app, const nb_tgroup *g, int avail, int *last) {
    int total = 0;
    for (int c = 0; c < g->ncols; c++) total += g->colw[c] + 3;
    int first = 0;
    if (total > avail) {
        first = app->table.hcol;
        if (first >= g->ncols) first = g->ncols - 1;
        if (first < 0) first = 0;
    }
    int used = 0, c = first;
    while (c < g->ncols && used + g->colw[c] + 3 <= avail) used += g->colw[c++] + 3;
    *last = c; /* exclusive */
    return first;
}

/* Header line `line` (0, or 1 of a two-line header) of group g: a label
 * that fits one line sits on the last line, as the numbers under it do. */
static void draw_header(nb_app *app, int y, nb_rect r, const nb_tgroup *g, int line) {
    const nb_template *tpl = app->rv.current.tpl;
    attr_t a = app->theme.attr[NB_SLOT_TABLE_HEADER];
    nb_draw_fill(y, r.x, r.w, a);
    int last;
    int first = first_column(app, g, r.w - 1 - app->table.label_w, &last);
    int x = r.x + 1 + app->table.label_w;
    if (first > 0) nb_draw_text(y, r.x, 1, "<", 1, a);
    const nb_row_def *row = &tpl->rows[g->first_row];
    for (int c = first; c < last; c++) {
        nb_draw_text(y, x, 1, "│", strlen("│"), a);
        const char *h = tpl->cells[row->first_cell + c].col_label;
        size_t split = header_split(h), n = strlen(h);
        const char *part = h;
        size_t len = n;
        if (g->header_rows == 2 && line == 0) len = split; /* nothing when it fits one line */
        else if (split) part = h + split, len = n - split;
        nb_draw_field(y, x + 1, g->colw[c] + 2, part, len, a, 2);
        x += g->colw[c] + 3;
    }
    if (x < r.x + r.w) nb_draw_text(y, x, 1, "│", strlen("│"), a);
    /* Arrows say that more columns are off screen to that side. */
    if (last < g->ncols) nb_draw_text(y, r.x + r.w - 1, 1, ">", 1, a);
}

static void draw_row(nb_app *app, int y, nb_rect r, const nb_tgroup *g, int row) {
    const nb_template *tpl = app->rv.current.tpl;
    const nb_row_def *rd = &tpl->rows[row];
    bool selected_row = app->table.sel_cell >= rd->first_cell && app->table.sel_cell < rd->first_cell + rd->ncells;
    attr_t la = app->theme.attr[NB_SLOT_ROW_LABEL] | (selected_row ? A_BOLD : 0);
    nb_draw_field(y, r.x + 1, app->table.label_w, rd->short_label, strlen(rd->short_label), la, 0);
    if (selected_row) nb_draw_text(y, r.x, 1, app->focus == NB_PANE_TABLE ? ">" : "-", 1, la);
    int last;
    int first = first_column(app, g, r.w - 1 - app->table.label_w, &last);
    int x = r.x + 1 + app->table.label_w;
    attr_t border = app->theme.attr[NB_SLOT_PANE_BORDER];
    for (int c = first; c < last && c < rd->ncells; c++) {
        int cell = rd->first_cell + c;
        nb_draw_text(y, x, 1, "│", strlen("│"), border);
        char v[48];
        format_cell(app, cell, v, sizeof v);
        bool sel = cell == app->table.sel_cell;
        attr_t a = app->theme.attr[sel ? NB_SLOT_CELL_SELECTED : nb_cell_slot(app, cell)];
        /* Brackets mark the selection and a star an edited cell, so both
         * show without colour or attributes too. */
        bool edited = app->rv_open && nb_review_cell_edited(&app->rv, cell);
        nb_draw_text(y, x + 1, 1, sel ? "[" : edited ? "*" : " ", 1, a);
        nb_draw_field(y, x + 2, g->colw[c], v, strlen(v), a, 1);
        nb_draw_text(y, x + 2 + g->colw[c], 1, sel ? "]" : " ", 1, a);
        nb_hit_add(app, y, x + 1, g->colw[c] + 2, NB_PANE_TABLE, cell);
        x += g->colw[c] + 3;
    }
    if (x < r.x + r.w) nb_draw_text(y, x, 1, "│", strlen("│"), border);
}

/* Sum of the cells terms[0..n) into *sum; false when one is empty or
 * not a whole count. */
static bool sum_terms(const nb_report *r, const int *terms, int n, long long *sum) {
    *sum = 0;
    for (int i = 0; i < n; i++) {
        nb_number v;
        if (!nb_report_value(r, terms[i], &v) || v.scale != 0) return false;
        *sum += v.units;
    }
    return true;
}

/* The totals the selected cell takes part in, as a spreadsheet's status
 * bar sums a selection: each identity's two sides, computed from the
 * cells as they stand now ("Σ 一、本年新收 55 ≠ 54"), so that a reviewer
 * sees an edit mend or break a total before any finding changes. */
static void sigma_text(const nb_app *app, char *buf, size_t n) {
    const nb_report *r = &app->rv.current;
    int cell = app->table.sel_cell;
    buf[0] = '\0';
    if (!r->tpl || !r->cells || cell < 0 || cell >= r->tpl->ncells) return;
    nb_identity ids[NB_MAX_IDENTITIES];
    int nids = nb_template_identities(r->tpl, ids, NB_MAX_IDENTITIES);
    size_t used = 0;
    for (int k = 0; k < nids && used + 1 < n; k++) {
        const nb_identity *id = &ids[k];
        bool in = false;
        for (int t = 0; t < id->nterms && !in; t++) in = id->term[t] == cell;
        long long left, right;
        if (!in || !sum_terms(r, id->term, id->nlhs, &left) ||
            !sum_terms(r, id->term + id->nlhs, id->nterms - id->nlhs, &right))
            continue;
        /* TRANSLATORS: one total the selected cell takes part in: its row's or
           column's label, the sum of the addends, = or ≠, the stated total. */
        int w = snprintf(buf + used, n - used, _("  Σ %s %lld %s %lld"), id->label, left,
                         left == right ? "=" : "≠", right);
        if (w < 0 || (size_t)w >= n - used) break;
        used += (size_t)w;
    }
}

static void nb_render_table(nb_app *app, nb_rect r) {
    const nb_report *rep = &app->rv.current;
    char title[600], sigma[400];
    sigma_text(app, sigma, sizeof sigma);
    snprintf(title, sizeof title, _("Tables (template %s)"), rep->tpl ? rep->tpl->name : "-");
    snprintf(title + strlen(title), sizeof title - strlen(title), "%s", sigma);
    nb_render_pane_title(app, NB_PANE_TABLE, r, title);
    if (!rep->tpl || !rep->cells || !app->table.ntlines) {
        const char *why = rep->no_tables_reason[0] ? rep->no_tables_reason
                                                   : _("No standard tables were found in this report.");
        if (r.h > 2) nb_draw_field(r.y + 2, r.x + 1, r.w - 1, why, strlen(why),
                                   app->theme.attr[NB_SLOT_MESSAGE], 0);
        return;
    }
    size_columns(app);
    if (body_rows(app, r.h, app->table.top) < 1) return;
    ensure_visible(app, r.h);
    /* The selected column decides the horizontal scroll of wide groups. */
    if (app->table.sel_cell >= 0) {
        const nb_cell_def *d = &rep->tpl->cells[app->table.sel_cell];
        if (d->col < app->table.hcol) app->table.hcol = d->col;
        const nb_tgroup *sg = &app->table.groups[app->table.tlines[tline_of_row(app, d->row)].group];
        int last;
        for (;;) {
            first_column(app, sg, r.w - 1 - app->table.label_w, &last);
            if (d->col < last || app->table.hcol >= d->col) break;
            app->table.hcol++;
        }
    }
    const nb_tline *top = &app->table.tlines[app->table.top];
    const nb_tgroup *pg = &app->table.groups[top->group];
    draw_title(app, r.y + 1, r, pg->table);
    for (int line = 0; line < pg->header_rows; line++) draw_header(app, r.y + 2 + line, r, pg, line);
    int y = r.y + 2 + pg->header_rows;
    for (int i = app->table.top; i < app->table.ntlines && y < r.y + r.h; i++) {
        const nb_tline *t = &app->table.tlines[i];
        if (t->group == top->group &&
            (t->kind == NB_TLINE_TITLE || t->kind == NB_TLINE_HEADER || t->kind == NB_TLINE_HEADER2))
            continue;
        switch (t->kind) {
        case NB_TLINE_TITLE: draw_title(app, y, r, t->table); break;
        case NB_TLINE_HEADER: draw_header(app, y, r, &app->table.groups[t->group], 0); break;
        case NB_TLINE_HEADER2: draw_header(app, y, r, &app->table.groups[t->group], 1); break;
        case NB_TLINE_ROW: draw_row(app, y, r, &app->table.groups[t->group], t->row); break;
        case NB_TLINE_BLANK: break;
        }
        y++;
    }
}

void nb_table_select_cell(nb_app *app, int cell) {
    const nb_template *tpl = app->rv.current.tpl;
    if (!tpl || cell < 0 || cell >= tpl->ncells) return;
    app->table.sel_cell = cell;
    app->source.follow_cell = true;
}

void nb_table_move(nb_app *app, int drow, int dcol) {
    const nb_template *tpl = app->rv.current.tpl;
    if (!tpl || app->table.sel_cell < 0) return;
    const nb_cell_def *d = &tpl->cells[app->table.sel_cell];
    int row = d->row + drow;
    if (row < 0) row = 0;
    if (row >= tpl->nrows) row = tpl->nrows - 1;
    int col = d->col + dcol;
    const nb_row_def *rd = &tpl->rows[row];
    if (col >= rd->ncells) col = rd->ncells - 1;
    if (col < 0) col = 0;
    nb_table_select_cell(app, rd->first_cell + col);
}

void nb_table_first_last(nb_app *app, bool last) {
    const nb_template *tpl = app->rv.current.tpl;
    if (!tpl || !tpl->ncells) return;
    nb_table_select_cell(app, last ? tpl->ncells - 1 : 0);
    if (!last) app->table.top = 0;
}

/* A page is counted in screen lines, titles and headers included, never
 * in rows: moving a page of rows jumped past the rows that the headers
 * between them pushed off screen. One line of the old page stays in view
 * (two with a pinned two-line header), so no row is ever skipped. */
void nb_table_page(nb_app *app, int dir) {
    const nb_template *tpl = app->rv.current.tpl;
    if (!tpl || app->table.sel_cell < 0) return;
    int row = tpl->cells[app->table.sel_cell].row;
    int line = tline_of_row(app, row);
    if (line < 0) return;
    int budget = nb_table_visible_rows(app) - 2;
    if (budget < 1) budget = 1;
    int target = -1;
    for (int i = line + dir, steps = 0; i >= 0 && i < app->table.ntlines && steps < budget; i += dir, steps++)
        if (app->table.tlines[i].kind == NB_TLINE_ROW) target = app->table.tlines[i].row;
    if (target >= 0) nb_table_move(app, target - row, 0);
}

static void table_request(nb_app *app, nb_cmd cmd) {
    switch (cmd) {
    case NB_CMD_MOVE_UP: nb_table_move(app, -1, 0); break;
    case NB_CMD_MOVE_DOWN: nb_table_move(app, +1, 0); break;
    case NB_CMD_MOVE_LEFT: nb_table_move(app, 0, -1); break;
    case NB_CMD_MOVE_RIGHT: nb_table_move(app, 0, +1); break;
    case NB_CMD_PAGE_UP: nb_table_page(app, -1); break;
    case NB_CMD_PAGE_DOWN: nb_table_page(app, +1); break;
    case NB_CMD_FIRST: nb_table_first_last(app, false); break;
    case NB_CMD_LAST: nb_table_first_last(app, true); break;
    default: break;
    }
}

static void table_hit(nb_app *app, long cell) { nb_table_select_cell(app, (int)cell); }

const nb_pane_ops nb_table_pane = {nb_render_table, table_request, table_hit};
