/* Where the panes go. From 100 columns the source sits beside the tables
 * (findings under the tables); below that, on a tall screen (40 rows) the
 * panes are stacked, else one pane at a time fills the screen and Tab
 * switches. Below 60x15 a notice replaces the panes: a
 * broken screen helps nobody, and a crash loses work. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nianbao/text.h"
#include "tui.h"

enum { MIN_COLS = 60, MIN_ROWS = 15, WIDE_COLS = 100, STACK_ROWS = 40, STATUS_ROWS = 2 };

const nb_pane_ops *nb_pane_ops_of(nb_pane p) {
    static const nb_pane_ops *const ops[NB_PANE_COUNT] = {
        [NB_PANE_SOURCE] = &nb_source_pane,
        [NB_PANE_TABLE] = &nb_table_pane,
        [NB_PANE_FINDINGS] = &nb_findings_pane,
    };
    return ops[p];
}

bool nb_screen_too_small(int rows, int cols) {
    return cols < MIN_COLS || rows < MIN_ROWS;
}

void nb_layout(nb_app *app, int rows, int cols) {
    memset(app->pane, 0, sizeof app->pane);
    memset(app->pane_visible, 0, sizeof app->pane_visible);
    app->too_small = nb_screen_too_small(rows, cols);
    app->narrow = cols < WIDE_COLS;
    app->stacked = false;
    if (app->too_small) return;
    app->status = (nb_rect){rows - STATUS_ROWS, 0, STATUS_ROWS, cols};
    int body = rows - STATUS_ROWS;
    if (!app->narrow) {
        int left = cols * 42 / 100;
        int right_x = left + 1;
        int right_w = cols - right_x;
        int table_h = body * 62 / 100;
        if (body - table_h < 5) table_h = body - 5;
        app->pane[NB_PANE_SOURCE] = (nb_rect){0, 0, body, left};
        app->pane[NB_PANE_TABLE] = (nb_rect){0, right_x, table_h, right_w};
        app->pane[NB_PANE_FINDINGS] = (nb_rect){table_h, right_x, body - table_h, right_w};
        for (int p = 0; p < NB_PANE_COUNT; p++) app->pane_visible[p] = true;
    } else if (rows >= STACK_ROWS) {
        /* Narrow but tall: the three panes stacked, tables in the middle. */
        int source_h = body * 35 / 100, table_h = body * 40 / 100;
        app->pane[NB_PANE_SOURCE] = (nb_rect){0, 0, source_h, cols};
        app->pane[NB_PANE_TABLE] = (nb_rect){source_h, 0, table_h, cols};
        app->pane[NB_PANE_FINDINGS] = (nb_rect){source_h + table_h, 0, body - source_h - table_h, cols};
        for (int p = 0; p < NB_PANE_COUNT; p++) app->pane_visible[p] = true;
        app->stacked = true;
    } else {
        /* Row 0 is the tab bar naming the panes. */
        app->pane[app->focus] = (nb_rect){1, 0, body - 1, cols};
        app->pane_visible[app->focus] = true;
    }
}

void nb_render_too_small(int rows, int cols) {
    char msg[160];
    snprintf(msg, sizeof msg, _("Terminal too small (%dx%d): nianbao needs at least %dx%d."), cols,
             rows, MIN_COLS, MIN_ROWS);
    const char *hint = _("Enlarge the window, or press q to quit.");
    int y = rows / 2 - 1;
    if (y < 0) y = 0;
    /* Wrap the notice by display width so it stays readable at any size. */
    const char *lines[2] = {msg, hint};
    for (int l = 0; l < 2 && y < rows; l++) {
        const char *s = lines[l];
        size_t n = strlen(s), pos = 0;
        while (pos < n && y < rows) {
            size_t take = nb_display_fit(s + pos, n - pos, cols, NULL);
            if (take == 0) break; /* not even one glyph fits */
            nb_draw_text(y, 0, cols, s + pos, take, A_BOLD);
            pos += take;
            y++;
        }
    }
}

static void render_tab_bar(nb_app *app, int cols) {
    static const char *const names[NB_PANE_COUNT] = {N_("Source"), N_("Tables"), N_("Findings")};
    attr_t base = app->theme.attr[NB_SLOT_PANE_TITLE];
    nb_draw_fill(0, 0, cols, base);
    int x = 0;
    for (int p = 0; p < NB_PANE_COUNT && x < cols; p++) {
        char buf[80];
        bool on = app->focus == (nb_pane)p;
        snprintf(buf, sizeof buf, on ? "[%s]" : " %s ", _(names[p]));
        attr_t a = on ? app->theme.attr[NB_SLOT_PANE_FOCUS] : base;
        x += nb_draw_text(0, x, cols - x, buf, strlen(buf), a);
        if (x < cols) x += nb_draw_text(0, x, cols - x, " ", 1, base);
    }
    const char *hint = _("Tab: next pane");
    int hw = nb_text_width(hint, strlen(hint));
    if (x + hw + 1 < cols) nb_draw_text(0, cols - hw - 1, hw, hint, strlen(hint), base);
}

void nb_render(nb_app *app) {
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    nb_layout(app, rows, cols);
    app->nhits = 0;
    erase();
    if (app->too_small) {
        nb_render_too_small(rows, cols);
        return;
    }
    if (app->narrow && !app->stacked) render_tab_bar(app, cols);
    for (int p = 0; p < NB_PANE_COUNT; p++)
        if (app->pane_visible[p]) nb_pane_ops_of((nb_pane)p)->draw(app, app->pane[p]);
    if (!app->narrow) {
        /* The vertical rule between source and tables. */
        nb_rect s = app->pane[NB_PANE_SOURCE];
        attr_t a = app->theme.attr[NB_SLOT_PANE_BORDER];
        for (int y = s.y; y < s.y + s.h; y++) nb_draw_text(y, s.x + s.w, 1, "│", strlen("│"), a);
    }
    nb_render_status(app, app->status);
}
