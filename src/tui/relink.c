/* Re-linking a cell: the reviewer walks the numbers of the source and
 * takes one; the cell then reads that number, with its place. While
 * picking, the movement keys mean "next number". */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nianbao/text.h"
#include "tui.h"

/* ---- re-linking: pick a number in the source */

static void pick_stop(nb_app *app) {
    app->pick.active = false;
    app->focus = app->pick.return_focus;
}

static bool usable(const nb_span *s) { return s->line > 0 && s->byte_end > s->byte_start; }

/* Where the selected cell's row stands in the source when the cell has no
 * place of its own (a row left unread, a cell cleared): the line of
 * another cell of the row, else of a note on the row; -1 when neither
 * says. */
static long row_line(const nb_app *app) {
    const nb_report *r = &app->rv.current;
    int cell = app->table.sel_cell;
    const nb_row_def *row = &r->tpl->rows[r->tpl->cells[cell].row];
    for (int c = row->first_cell; c < row->first_cell + row->ncells; c++)
        if (usable(&r->cells[c].span)) return r->cells[c].span.line - 1;
    for (int k = 0; k < r->nnotes; k++) {
        const nb_note *n = &r->notes[k];
        if (n->cell >= row->first_cell && n->cell < row->first_cell + row->ncells && usable(&n->span))
            return n->span.line - 1;
    }
    return -1;
}

void nb_cmd_relink(nb_app *app) {
    if (!nb_cell_or_say(app)) return;
    const nb_span *s = nb_selected_span(app);
    size_t from, line_end, start, end;
    long row_at = s ? -1 : row_line(app);
    if (s) from = s->byte_start;
    else if (row_at >= 0) nb_text_line_bounds(&app->doc.text, (size_t)row_at, &from, &line_end);
    else nb_text_line_bounds(&app->doc.text, app->source.cursor, &from, &line_end);
    /* Start on the cell's own number, else on the first number of its
     * row's line, else the first one after the cursor. */
    if (!nb_source_find_number(app, from, +1, &start, &end) &&
        !nb_source_find_number(app, app->doc.text.len, -1, &start, &end)) {
        nb_app_set_message(app, true, "%s", _("The source holds no number to link to."));
        return;
    }
    app->pick.active = true;
    app->pick.cell = app->table.sel_cell;
    app->pick.start = start;
    app->pick.end = end;
    app->pick.return_focus = app->focus;
    app->focus = NB_PANE_SOURCE;
    char id[160];
    nb_cell_name(app, app->table.sel_cell, id, sizeof id);
    nb_app_set_message(app, false,
                       _("Choose the number for %s: arrows or j/k move, Enter takes it, Esc cancels."),
                       id);
}

static void pick_step(nb_app *app, int dir) {
    size_t s, e;
    bool ok = dir > 0 ? nb_source_find_number(app, app->pick.end, +1, &s, &e)
                      : nb_source_find_number(app, app->pick.start, -1, &s, &e);
    if (!ok) return;
    app->pick.start = s;
    app->pick.end = e;
}

/* Jump to the first number at or after the start of `line`. */
void nb_pick_line(nb_app *app, size_t line) {
    size_t ls, le, s, e;
    if (line >= app->doc.text.nlines) line = app->doc.text.nlines - 1;
    nb_text_line_bounds(&app->doc.text, line, &ls, &le);
    if (nb_source_find_number(app, ls, +1, &s, &e) || nb_source_find_number(app, ls, -1, &s, &e)) {
        app->pick.start = s;
        app->pick.end = e;
    }
}

static void pick_take(nb_app *app) {
    const nb_text *t = &app->doc.text;
    nb_number v;
    size_t s = app->pick.start, e = app->pick.end;
    int cell = app->pick.cell;
    pick_stop(app);
    if (!nb_number_parse(t->utf8 + s, e - s, &v)) {
        nb_app_set_message(app, true, "%s", _("That number cannot be read (too large?). Nothing changed."));
        return;
    }
    nb_span span;
    memset(&span, 0, sizeof span);
    span.byte_start = s;
    span.byte_end = e;
    span.line = (int)nb_text_line_of(t, s) + 1;
    span.col_start = (int)nb_text_column_of(t, s);
    span.col_end = span.col_start + (int)(e - s); /* ASCII: one character a byte */
    char id[160], now[48];
    nb_cell_name(app, cell, id, sizeof id);
    nb_number_format(v, now, sizeof now);
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_relink_cell(&app->rv, cell, v, &span, NULL, &err) != 0) {
        nb_app_set_message(app, true, _("Not changed: %s"), err.message);
        return;
    }
    nb_table_select_cell(app, cell);
    nb_after_change(app);
    nb_app_set_message(app, false, _("%s re-linked to %s on line %d. Errors: %d."), id, now,
                       span.line, app->rv.findings.errors);
}


/* While picking a number for re-linking, movement keys walk the numbers
 * of the source; Enter takes one, Esc gives up. */
bool nb_pick_key(nb_app *app, nb_key key) {
    nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
    if (!key.function && (key.code == 27 || key.code == 7)) {
        pick_stop(app);
        nb_app_set_message(app, false, "%s", _("Re-link cancelled."));
        return true;
    }
    switch (cmd) {
    case NB_CMD_MOVE_UP:
    case NB_CMD_MOVE_LEFT: pick_step(app, -1); return true;
    case NB_CMD_MOVE_DOWN:
    case NB_CMD_MOVE_RIGHT: pick_step(app, +1); return true;
    case NB_CMD_PAGE_UP:
    case NB_CMD_PAGE_DOWN: {
        long page = app->pane[NB_PANE_SOURCE].h - 2;
        long line = (long)nb_text_line_of(&app->doc.text, app->pick.start) +
                    (cmd == NB_CMD_PAGE_UP ? -page : page);
        nb_pick_line(app, line < 0 ? 0 : (size_t)line);
        return true;
    }
    case NB_CMD_EDIT: pick_take(app); return true;
    case NB_CMD_QUIT:
        pick_stop(app);
        nb_app_set_message(app, false, "%s", _("Re-link cancelled."));
        return true;
    case NB_CMD_SEARCH:
    case NB_CMD_SEARCH_BACK:
        nb_cmd_search(app, cmd == NB_CMD_SEARCH ? 1 : -1);
        if (app->source.search_end) nb_pick_line(app, nb_text_line_of(&app->doc.text, app->source.search_start));
        return true;
    default: return false; /* other keys are ignored while picking */
    }
}
