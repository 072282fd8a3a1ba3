/* Placing values the reading left unread (p): a row that shows fewer
 * values than it has cells, with nothing saying which cells are empty
 * (a copy that drops blank cells: "26 26" under seven columns). The
 * readings the text allows are listed side by side, those that break
 * fewest totals first; one key puts the chosen one in as the reviewer's
 * change, and the note that the row was left unread goes. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"
#include "tui.h"

enum { READINGS_KEPT = 60, BY_HAND = READINGS_KEPT /* `chosen` for the cells marked by hand */ };

typedef struct place_mode {
    nb_mode base;
    int placement;
    nb_reading readings[READINGS_KEPT];
    int nreadings;
    bool blanks_zero;
    int sel, top; /* the list scrolls when it is longer than half the screen */
    int chosen;   /* -1: cancelled */
    bool all_like; /* a: every unplaced row of this shape the same way */
    /* b: the blank cells marked by hand (the readings are too many, or
     * alike): bit i set when cell i takes the next value */
    bool marking;
    int cursor;
    unsigned long long hand;
} place_mode;

/* The placement whose cells hold the selected cell, or -1. */
static int placement_of_selection(const nb_app *app) {
    const nb_report *r = &app->rv.current;
    int cell = app->table.sel_cell;
    for (int k = 0; k < r->nplacements; k++) {
        if (nb_placement_done(r, &r->placements[k])) continue;
        for (int i = 0; i < r->placements[k].ncells; i++)
            if (r->placements[k].cells[i] == cell) return k;
    }
    return -1;
}

/* "3 1 0 1 5 │ 1 0 1 0 2 │ · · · · ·": a reading, its rows apart. */
static void reading_text(const nb_app *app, const nb_placement *p, const nb_reading *rd, bool zero, char *buf,
                         size_t n) {
    const nb_template *tpl = app->rv.current.tpl;
    size_t used = 0;
    int v = 0;
    buf[0] = '\0';
    for (int i = 0; i < p->ncells && used + 1 < n; i++) {
        char num[48];
        if ((rd->filled >> i) & 1) nb_number_format(p->values[v++], num, sizeof num);
        else snprintf(num, sizeof num, "%s", zero ? "0" : "·");
        bool new_row = i > 0 && tpl->cells[p->cells[i]].row != tpl->cells[p->cells[i - 1]].row;
        int w = snprintf(buf + used, n - used, "%s%s", i == 0 ? "" : new_row ? " │ " : " ", num);
        if (w < 0 || (size_t)w >= n - used) break;
        used += (size_t)w;
    }
}

static void find_readings(nb_app *app, place_mode *pm) {
    const nb_report *r = &app->rv.current;
    pm->nreadings = nb_placement_readings(r, &r->placements[pm->placement], pm->blanks_zero, pm->readings,
                                          READINGS_KEPT);
    if (pm->sel >= pm->nreadings) pm->sel = 0;
}

/* Marking by hand: the cells on one line, the values flowing into those
 * not marked blank, the cursor's cell reversed. */
static void draw_marking(nb_app *app, const place_mode *pm, const nb_placement *p, int rows, int cols) {
    int filled = __builtin_popcountll(pm->hand);
    char line[1200];
    attr_t base = app->theme.attr[NB_SLOT_PROMPT];
    int y = rows - 3 > 0 ? rows - 3 : 0;
    snprintf(line, sizeof line,
             _("Mark the blank cells: Left/Right move, Space makes a cell blank or not, Enter places (%d values "
               "need %d cells, %d now); Esc goes back"),
             p->nvalues, p->nvalues, filled);
    nb_draw_fill(y, 0, cols, base);
    nb_draw_field(y, 0, cols, line, strlen(line), base, 0);
    if (++y >= rows) return;
    nb_draw_fill(y, 0, cols, app->theme.attr[NB_SLOT_MESSAGE]);
    const nb_template *tpl = app->rv.current.tpl;
    int x = 1, v = 0;
    for (int i = 0; i < p->ncells && x < cols; i++) {
        char num[48];
        if ((pm->hand >> i) & 1) {
            if (v < p->nvalues) nb_number_format(p->values[v], num, sizeof num);
            else snprintf(num, sizeof num, "?");
            v++;
        } else {
            snprintf(num, sizeof num, "%s", "·");
        }
        if (i > 0 && tpl->cells[p->cells[i]].row != tpl->cells[p->cells[i - 1]].row)
            x += nb_draw_text(y, x, cols - x, " │", strlen(" │"), app->theme.attr[NB_SLOT_MESSAGE]);
        x += nb_draw_text(y, x, cols - x, " ", 1, app->theme.attr[NB_SLOT_MESSAGE]);
        attr_t a = app->theme.attr[i == pm->cursor ? NB_SLOT_FINDING_SELECTED : NB_SLOT_MESSAGE];
        x += nb_draw_text(y, x, cols - x, num, strlen(num), a);
    }
    if (++y < rows) nb_draw_fill(y, 0, cols, base);
}

static void draw_place(nb_app *app, nb_mode *m) {
    place_mode *pm = (place_mode *)m;
    nb_render(app);
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    const nb_report *r = &app->rv.current;
    const nb_placement *p = &r->placements[pm->placement];
    if (pm->marking) {
        draw_marking(app, pm, p, rows, cols);
        return;
    }
    int shown = pm->nreadings < rows / 2 ? pm->nreadings : rows / 2;
    if (shown < 1) shown = 1;
    if (pm->sel < pm->top) pm->top = pm->sel;
    if (pm->sel >= pm->top + shown) pm->top = pm->sel - shown + 1;
    int y = rows - shown - 2;
    if (y < 0) y = 0;
    char line[1200];
    attr_t base = app->theme.attr[NB_SLOT_PROMPT];
    char rowsbuf[400] = "";
    size_t used = 0;
    const nb_template *tpl = r->tpl;
    for (int i = 0; i < p->ncells && used + 1 < sizeof rowsbuf; i++) {
        int row = tpl->cells[p->cells[i]].row;
        if (i > 0 && row == tpl->cells[p->cells[i - 1]].row) continue;
        int w = snprintf(rowsbuf + used, sizeof rowsbuf - used, "%s%s", i ? " │ " : "", tpl->rows[row].short_label);
        if (w < 0 || (size_t)w >= sizeof rowsbuf - used) break;
        used += (size_t)w;
    }
    snprintf(line, sizeof line,
             _("Place %d values in the %d cells of %s: 1-%d or j/k and Enter takes a reading, a takes it for "
               "every row like this, b marks the blanks by hand; z: blanks %s; Esc cancels"),
             p->nvalues, p->ncells, rowsbuf, pm->nreadings < 9 ? pm->nreadings : 9,
             pm->blanks_zero ? _("are 0") : _("stay empty"));
    nb_draw_fill(y, 0, cols, base);
    nb_draw_field(y, 0, cols, line, strlen(line), base, 0);
    for (int i = pm->top; i < pm->nreadings && i < pm->top + shown && ++y < rows; i++) {
        char cells[900];
        reading_text(app, p, &pm->readings[i], pm->blanks_zero, cells, sizeof cells);
        snprintf(line, sizeof line, _("%2d  %s   (totals broken: %d, holding: %d)"), i + 1, cells,
                 pm->readings[i].broken, pm->readings[i].held);
        attr_t a = app->theme.attr[i == pm->sel ? NB_SLOT_FINDING_SELECTED : NB_SLOT_MESSAGE];
        nb_draw_fill(y, 0, cols, a);
        nb_draw_field(y, 0, cols, line, strlen(line), a, 0);
    }
    if (++y < rows) nb_draw_fill(y, 0, cols, base);
}

static void marking_key(nb_app *app, place_mode *pm, nb_key key) {
    const nb_placement *p = &app->rv.current.placements[pm->placement];
    int c = key.code;
    nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
    if (cmd == NB_CMD_MOVE_LEFT && pm->cursor > 0) pm->cursor--;
    else if (cmd == NB_CMD_MOVE_RIGHT && pm->cursor + 1 < p->ncells) pm->cursor++;
    else if (key.function && c == KEY_ENTER) c = '\r';
    else if (key.function || key.alt) return;
    if (c == ' ') pm->hand ^= 1ULL << pm->cursor;
    else if ((c == '\r' || c == '\n') && __builtin_popcountll(pm->hand) == p->nvalues) {
        pm->chosen = BY_HAND;
        pm->base.done = true;
    } else if (c == 27 || c == 7 || c == 3) {
        pm->marking = false; /* back to the readings, or out when there are none */
        if (pm->nreadings <= 0) pm->base.done = true;
    }
}

static void place_key(nb_app *app, nb_mode *m, nb_key key) {
    place_mode *pm = (place_mode *)m;
    if (pm->marking) {
        marking_key(app, pm, key);
        return;
    }
    int c = key.code;
    nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
    if (cmd == NB_CMD_MOVE_DOWN && pm->sel + 1 < pm->nreadings) pm->sel++;
    else if (cmd == NB_CMD_MOVE_UP && pm->sel > 0) pm->sel--;
    else if (key.function && c == KEY_ENTER) pm->chosen = pm->sel;
    else if (key.function || key.alt) return;
    else if (c == '\n' || c == '\r') pm->chosen = pm->sel;
    else if (c >= '1' && c <= '9' && c - '1' < pm->nreadings) pm->chosen = c - '1';
    else if (c == 'a') {
        pm->chosen = pm->sel;
        pm->all_like = true;
    }
    else if (c == 'z') {
        pm->blanks_zero = !pm->blanks_zero;
        find_readings(app, pm);
        return;
    } else if (c == 'b') {
        pm->marking = true;
        pm->hand = pm->readings[pm->sel].filled;
        pm->cursor = 0;
        return;
    } else if (c == 27 || c == 'q' || c == 7 || c == 3) pm->base.done = true;
    if (pm->chosen >= 0) pm->base.done = true;
}

void nb_cmd_place(nb_app *app) {
    if (!nb_cell_or_say(app)) return;
    place_mode pm;
    memset(&pm, 0, sizeof pm);
    static const nb_mode_ops ops = {draw_place, place_key, NULL, false, true};
    pm.base.ops = &ops;
    pm.chosen = -1;
    pm.placement = placement_of_selection(app);
    if (pm.placement < 0) {
        nb_app_set_message(app, false, "%s",
                           _("Nothing to place here: p places the values of a row the reading left unread "
                             "(its finding says \"left unread\")."));
        return;
    }
    find_readings(app, &pm);
    if (pm.nreadings <= 0) { /* too many ways to list: the blanks are marked by hand */
        const nb_placement *p = &app->rv.current.placements[pm.placement];
        pm.marking = true;
        pm.hand = (1ULL << p->nvalues) - 1;
    }
    nb_loop_run(app, &pm.base);
    if (pm.chosen < 0) {
        nb_app_set_message(app, false, "%s", _("Nothing placed."));
        return;
    }
    nb_error err;
    nb_error_clear(&err);
    int before = app->rv.findings.errors;
    unsigned long long filled = pm.chosen == BY_HAND ? pm.hand : pm.readings[pm.chosen].filled;
    int rows = nb_review_place(&app->rv, pm.placement, filled, pm.blanks_zero, pm.all_like, &err);
    if (rows < 0) {
        nb_app_set_message(app, true, _("Not placed: %s"), err.message);
        return;
    }
    nb_after_change(app);
    if (pm.chosen == BY_HAND)
        nb_app_set_message(app, false, _("Placed as marked. Errors: %d (were %d); u undoes it."),
                           app->rv.findings.errors, before);
    else if (rows > 1)
        nb_app_set_message(app, false,
                           ngettext("Placed %d row as reading %d. Errors: %d (were %d); u undoes it.",
                                    "Placed %d rows as reading %d. Errors: %d (were %d); u undoes them.",
                                    (unsigned long)rows),
                           rows, pm.chosen + 1, app->rv.findings.errors, before);
    else
        nb_app_set_message(app, false, _("Placed as reading %d. Errors: %d (were %d); u undoes it."),
                           pm.chosen + 1, app->rv.findings.errors, before);
}
