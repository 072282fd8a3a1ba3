/* The source pane: the report's text with line numbers, soft-wrapped by
 * display width. It follows the table: the selected cell's span (and the
 * sentence of a selected text finding) is highlighted and scrolled into
 * view. It also hosts search and the number picker used by re-linking. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/text.h"
#include "tui.h"

enum { TAB_STOP = 8 };

static bool is_digit(char c) { return c >= '0' && c <= '9'; }

const nb_span *nb_selected_span(const nb_app *app) {
    const nb_report *r = &app->rv.current;
    if (!r->tpl || !r->cells || app->table.sel_cell < 0 || app->table.sel_cell >= r->tpl->ncells) return NULL;
    const nb_span *s = &r->cells[app->table.sel_cell].span;
    return s->line > 0 && s->byte_end > s->byte_start ? s : NULL;
}

static const nb_span *finding_span(const nb_app *app) {
    const nb_findings *f = &app->rv.findings;
    if (app->findings.sel < 0 || app->findings.sel >= f->count) return NULL;
    const nb_span *s = &f->items[app->findings.sel].text_span;
    return s->line > 0 && s->byte_end > s->byte_start ? s : NULL;
}

/* Rows a line takes when wrapped to `tw` columns (one when unwrapped). */
static int line_rows(const nb_app *app, size_t line, int tw) {
    if (app->source.unwrapped) return 1;
    const nb_text *t = &app->doc.text;
    size_t start, end;
    nb_text_line_bounds(t, line, &start, &end);
    int rows = 1, col = 0;
    size_t i = start;
    while (i < end) {
        size_t g = nb_grapheme_len(t->utf8 + i, end - i);
        if (g == 0) g = 1;
        int w = t->utf8[i] == '\t' ? TAB_STOP - col % TAB_STOP : nb_grapheme_width(t->utf8 + i, g);
        if (col + w > tw && col > 0) {
            rows++;
            col = 0;
            if (t->utf8[i] == '\t') w = TAB_STOP;
        }
        col += w;
        i += g;
    }
    return rows;
}

static int text_width_of(const nb_app *app, nb_rect r) {
    int tw = r.w - app->source.numw - 1;
    return tw < 1 ? 1 : tw;
}

/* Put `line` in view, a third down the pane when it was off screen. */
static void bring_into_view(nb_app *app, size_t line, int body_h, int tw) {
    if (line < app->source.top || (line == app->source.top && app->source.top_sub > 0)) {
        size_t back = (size_t)(body_h / 3);
        app->source.top = line > back ? line - back : 0;
        app->source.top_sub = 0;
        return;
    }
    int rows = -app->source.top_sub;
    for (size_t l = app->source.top; l <= line && rows <= body_h; l++) rows += line_rows(app, l, tw);
    if (rows <= body_h) return;
    size_t back = (size_t)(body_h / 3);
    app->source.top = line > back ? line - back : 0;
    app->source.top_sub = 0;
    /* Very long wrapped lines: step forward until the line's first row shows. */
    for (;;) {
        rows = 0;
        for (size_t l = app->source.top; l < line; l++) rows += line_rows(app, l, tw);
        if (rows < body_h || app->source.top >= line) break;
        app->source.top++;
    }
}

void nb_source_scroll_to(nb_app *app, size_t line) {
    if (line >= app->doc.text.nlines) line = app->doc.text.nlines ? app->doc.text.nlines - 1 : 0;
    app->source.cursor = line;
}

void nb_source_move(nb_app *app, long dlines) {
    long l = (long)app->source.cursor + dlines;
    if (l < 0) l = 0;
    if ((size_t)l >= app->doc.text.nlines) l = (long)app->doc.text.nlines - 1;
    app->source.cursor = (size_t)l;
}

void nb_source_page(nb_app *app, int dir) {
    long page = app->pane[NB_PANE_SOURCE].h - 2;
    if (page < 1) page = 1;
    nb_source_move(app, dir * page);
    /* Move the view with the cursor, as a pager would. */
    long top = (long)app->source.top + dir * page;
    if (top < 0) top = 0;
    if ((size_t)top > app->source.cursor) top = (long)app->source.cursor;
    app->source.top = (size_t)top;
    app->source.top_sub = 0;
}

static bool in_span(size_t off, size_t start, size_t end) { return end > start && off >= start && off < end; }

/* The line-number gutter of one visible row (the number on a line's first
 * row only); the row is where a click selects the line. */
static void draw_gutter(nb_app *app, int y, nb_rect r, size_t line, int row, bool cursor) {
    char num[32];
    if (row == 0) snprintf(num, sizeof num, "%*zu", app->source.numw - 1, line + 1);
    else snprintf(num, sizeof num, "%*s", app->source.numw - 1, "");
    attr_t numattr = app->theme.attr[NB_SLOT_LINE_NUMBER];
    attr_t na = cursor ? (numattr | app->theme.attr[NB_SLOT_SOURCE_CURSOR] | A_REVERSE) : numattr;
    nb_draw_text(y, r.x, app->source.numw - 1, num, strlen(num), na);
    nb_hit_add(app, y, r.x, r.w, NB_PANE_SOURCE, (long)line);
}

/* The marks on the source, weakest first: a finding's sentence, a search
 * match, the selected cell's number, the number being picked. */
typedef struct source_marks {
    const nb_span *cell, *finding;
} source_marks;

static attr_t byte_attr(const nb_app *app, const source_marks *mk, size_t i) {
    attr_t a = app->theme.attr[NB_SLOT_SOURCE_TEXT];
    if (mk->finding && in_span(i, mk->finding->byte_start, mk->finding->byte_end))
        a = app->theme.attr[NB_SLOT_SOURCE_FINDING];
    if (app->source.search_end && in_span(i, app->source.search_start, app->source.search_end))
        a = app->theme.attr[NB_SLOT_SOURCE_SEARCH];
    if (mk->cell && in_span(i, mk->cell->byte_start, mk->cell->byte_end))
        a = app->theme.attr[NB_SLOT_SOURCE_HIGHLIGHT];
    if (app->pick.active && in_span(i, app->pick.start, app->pick.end))
        a = app->theme.attr[NB_SLOT_SOURCE_PICK];
    return a;
}

/* The display column where byte `at` of its line starts. */
static int column_of(const nb_text *t, size_t start, size_t at) {
    int col = 0;
    for (size_t i = start; i < at;) {
        size_t g = nb_grapheme_len(t->utf8 + i, at - i);
        if (g == 0) g = 1;
        col += t->utf8[i] == '\t' ? TAB_STOP - col % TAB_STOP : nb_grapheme_width(t->utf8 + i, g);
        i += g;
    }
    return col;
}

/* Whether byte i is in a number on the line of the selected cell: when
 * lines are unwrapped, the row's numbers are underlined so that the
 * columns they stand in can be told apart. */
static bool in_row_number(const nb_text *t, const nb_span *cell, size_t i) {
    if (!cell || !is_digit(t->utf8[i])) return false;
    return nb_text_line_of(t, i) + 1 == (size_t)cell->line;
}

/* Draw source line `line` unwrapped at screen row y: the display columns
 * from source.left on, as many as fit in `tw`. Returns the row after. */
static int draw_line_unwrapped(nb_app *app, nb_rect r, int y, size_t line, int tw, const source_marks *mk) {
    const nb_text *t = &app->doc.text;
    size_t start, end;
    nb_text_line_bounds(t, line, &start, &end);
    draw_gutter(app, y, r, line, 0, line == app->source.cursor);
    int col = 0, left = app->source.left;
    for (size_t i = start; i < end && col < left + tw;) {
        size_t g = nb_grapheme_len(t->utf8 + i, end - i);
        if (g == 0) g = 1;
        bool tab = t->utf8[i] == '\t';
        int w = tab ? TAB_STOP - col % TAB_STOP : nb_grapheme_width(t->utf8 + i, g);
        if (col + w > left && w > 0) {
            attr_t a = byte_attr(app, mk, i);
            if (in_row_number(t, mk->cell, i)) a |= A_UNDERLINE;
            int x = r.x + app->source.numw + col - left;
            if (tab || col < left || col + w > left + tw) /* cut by an edge: blank */
                nb_draw_fill(y, x < r.x + app->source.numw ? r.x + app->source.numw : x,
                             (col + w > left + tw ? left + tw : col + w) - (col < left ? left : col), a);
            else
                nb_draw_grapheme(y, x, t->utf8 + i, g, a);
        }
        col += w;
        i += g;
    }
    return y + 1;
}

/* Keep the selected cell's number in view sideways when lines are
 * unwrapped: a third into the pane when it was off to a side. */
static void follow_sideways(nb_app *app, const nb_span *s, int tw) {
    if (!app->source.unwrapped || !s || s->line < 1) return;
    const nb_text *t = &app->doc.text;
    size_t start, end;
    nb_text_line_bounds(t, (size_t)s->line - 1, &start, &end);
    if (s->byte_start < start || s->byte_end > end) return;
    int from = column_of(t, start, s->byte_start), to = column_of(t, start, s->byte_end);
    if (from >= app->source.left && to <= app->source.left + tw) return;
    app->source.left = from > tw / 3 ? from - tw / 3 : 0;
}

/* Draw source line `line` from screen row y, soft-wrapped at `tw` columns
 * (the rows of the top line scrolled away are skipped). Returns the row
 * after it. */
static int draw_line(nb_app *app, nb_rect r, int y, size_t line, int tw, const source_marks *mk) {
    if (app->source.unwrapped) return draw_line_unwrapped(app, r, y, line, tw, mk);
    const nb_text *t = &app->doc.text;
    size_t start, end;
    nb_text_line_bounds(t, line, &start, &end);
    int row = 0, col = 0;
    bool cursor = line == app->source.cursor;
    int skip = line == app->source.top ? app->source.top_sub : 0;
    if (row >= skip) draw_gutter(app, y, r, line, row, cursor);
    size_t i = start;
    while (i < end && y < r.y + r.h) {
        size_t g = nb_grapheme_len(t->utf8 + i, end - i);
        if (g == 0) g = 1;
        bool tab = t->utf8[i] == '\t';
        int w = tab ? TAB_STOP - col % TAB_STOP : nb_grapheme_width(t->utf8 + i, g);
        if (col + w > tw && col > 0) {
            if (row >= skip) y++;
            row++;
            col = 0;
            if (tab) w = TAB_STOP;
            if (y >= r.y + r.h) break;
            if (row >= skip) draw_gutter(app, y, r, line, row, cursor);
        }
        if (row >= skip) {
            attr_t a = byte_attr(app, mk, i);
            int x = r.x + app->source.numw + col;
            if (tab) nb_draw_fill(y, x, w > tw - col ? tw - col : w, a);
            else if (w > 0) nb_draw_grapheme(y, x, t->utf8 + i, g, a);
        }
        col += w;
        i += g;
    }
    return row >= skip ? y + 1 : y;
}

static void nb_render_source(nb_app *app, nb_rect r) {
    const nb_text *t = &app->doc.text;
    char title[400];
    const char *base = strrchr(app->report_path, '/');
    base = base ? base + 1 : app->report_path;
    snprintf(title, sizeof title, _("Source: %s (line %zu of %zu)"), base, app->source.cursor + 1,
             t->nlines);
    nb_render_pane_title(app, NB_PANE_SOURCE, r, title);
    int body_h = r.h - 1;
    if (body_h < 1) return;
    char digits[32];
    app->source.numw = snprintf(digits, sizeof digits, "%zu", t->nlines) + 1;
    int tw = text_width_of(app, r);

    source_marks mk = {nb_selected_span(app), finding_span(app)};
    if (app->source.follow_cell || app->source.follow_finding) {
        /* A text-against-table finding just selected shows its sentence;
         * otherwise the source follows the cell. */
        const nb_span *s = app->source.follow_finding && mk.finding ? mk.finding : mk.cell;
        if (s) app->source.cursor = (size_t)s->line - 1;
        follow_sideways(app, s, tw);
        app->source.follow_cell = false;
        app->source.follow_finding = false;
    }
    if (app->pick.active) app->source.cursor = nb_text_line_of(t, app->pick.start);
    if (app->source.cursor >= t->nlines) app->source.cursor = t->nlines ? t->nlines - 1 : 0;
    bring_into_view(app, app->source.cursor, body_h, tw);

    int y = r.y + 1;
    for (size_t line = app->source.top; line < t->nlines && y < r.y + r.h; line++)
        y = draw_line(app, r, y, line, tw, &mk);
}

bool nb_source_find_number(const nb_app *app, size_t from, int dir, size_t *start, size_t *end) {
    const nb_text *t = &app->doc.text;
    const char *s = t->utf8;
    size_t n = t->len;
    /* A number starts at a digit not preceded by a digit or by "digit.". */
#define STARTS_AT(i)                                                                            \
    (is_digit(s[i]) && ((i) == 0 || (!is_digit(s[(i)-1]) &&                                      \
                                     !((i) >= 2 && s[(i)-1] == '.' && is_digit(s[(i)-2])))))
    size_t found = (size_t)-1;
    if (dir > 0) {
        for (size_t i = from; i < n; i++)
            if (STARTS_AT(i)) {
                found = i;
                break;
            }
    } else {
        for (size_t i = from; i-- > 0;)
            if (STARTS_AT(i)) {
                found = i;
                break;
            }
    }
#undef STARTS_AT
    if (found == (size_t)-1) return false;
    size_t e = found;
    while (e < n && is_digit(s[e])) e++;
    if (e + 1 < n && s[e] == '.' && is_digit(s[e + 1])) {
        e++;
        while (e < n && is_digit(s[e])) e++;
    }
    size_t b = found;
    /* A minus sign belongs to the number unless it joins two numbers (2019-2020). */
    if (b > 0 && s[b - 1] == '-' &&
        !(b >= 2 && ((s[b - 2] >= '0' && s[b - 2] <= '9') || (s[b - 2] >= 'A' && s[b - 2] <= 'z'))))
        b--;
    *start = b;
    *end = e;
    return true;
}

static const char *find_forward(const char *hay, size_t n, size_t from, const char *needle) {
    size_t nl = strlen(needle);
    if (from > n) return NULL;
    return memmem(hay + from, n - from, needle, nl);
}

bool nb_source_search(nb_app *app, const char *needle, int dir) {
    const nb_text *t = &app->doc.text;
    if (!needle || !*needle) return false;
    size_t nl = strlen(needle);
    size_t cursor_start, cursor_end;
    nb_text_line_bounds(t, app->source.cursor, &cursor_start, &cursor_end);
    const char *hit = NULL;
    bool wrapped = false;
    if (dir > 0) {
        size_t from = app->source.search_end ? app->source.search_start + 1 : cursor_start;
        hit = find_forward(t->utf8, t->len, from, needle);
        if (!hit) {
            hit = find_forward(t->utf8, t->len, 0, needle);
            wrapped = hit != NULL;
        }
    } else {
        size_t before = app->source.search_end ? app->source.search_start : cursor_start;
        for (const char *p = find_forward(t->utf8, t->len, 0, needle);
             p && (size_t)(p - t->utf8) < before; p = find_forward(t->utf8, t->len, (size_t)(p - t->utf8) + 1, needle))
            hit = p;
        if (!hit) {
            for (const char *p = find_forward(t->utf8, t->len, 0, needle); p;
                 p = find_forward(t->utf8, t->len, (size_t)(p - t->utf8) + 1, needle))
                hit = p;
            wrapped = hit != NULL;
        }
    }
    if (!hit) {
        app->source.search_end = 0;
        return false;
    }
    app->source.search_start = (size_t)(hit - t->utf8);
    app->source.search_end = app->source.search_start + nl;
    app->source.cursor = nb_text_line_of(t, app->source.search_start);
    if (wrapped) nb_app_set_message(app, false, "%s", _("Search wrapped around the end."));
    return true;
}

/* Left and right scroll sideways when lines are unwrapped (when they wrap,
 * nothing is off to the side). */
static void source_request(nb_app *app, nb_cmd cmd) {
    int step = app->pane[NB_PANE_SOURCE].w / 2;
    if (step < 1) step = 1;
    switch (cmd) {
    case NB_CMD_MOVE_LEFT:
        if (app->source.unwrapped) app->source.left = app->source.left > step ? app->source.left - step : 0;
        break;
    case NB_CMD_MOVE_RIGHT:
        if (app->source.unwrapped && app->source.left < 100000) app->source.left += step;
        break;
    case NB_CMD_MOVE_UP: nb_source_move(app, -1); break;
    case NB_CMD_MOVE_DOWN: nb_source_move(app, +1); break;
    case NB_CMD_PAGE_UP: nb_source_page(app, -1); break;
    case NB_CMD_PAGE_DOWN: nb_source_page(app, +1); break;
    case NB_CMD_FIRST: nb_source_scroll_to(app, 0); break;
    case NB_CMD_LAST: nb_source_scroll_to(app, app->doc.text.nlines - 1); break;
    default: break;
    }
}

static void source_hit(nb_app *app, long line) { app->source.cursor = (size_t)line; }

const nb_pane_ops nb_source_pane = {nb_render_source, source_request, source_hit};

void nb_cmd_wrap(nb_app *app) {
    app->source.unwrapped = !app->source.unwrapped;
    app->source.left = 0;
    app->source.top_sub = 0;
    app->source.follow_cell = true;
    if (app->source.unwrapped)
        nb_app_set_message(app, false, "%s",
                           _("Source lines unwrapped, the selected row's numbers underlined: Left and Right in "
                             "the source pane scroll sideways; w wraps them again."));
    else
        nb_app_set_message(app, false, "%s", _("Source lines wrapped."));
}
