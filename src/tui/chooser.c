/* The report chooser: a file can hold several reports (a scraped page
 * with several years, several agencies). Before the review starts the
 * reviewer picks one; reports without tables are listed too, with why. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nianbao/text.h"
#include "tui.h"

static void describe(const nb_report *r, int i, char *buf, size_t n) {
    char year[16] = "?";
    if (r->year) snprintf(year, sizeof year, "%d", r->year);
    if (r->has_tables)
        snprintf(buf, n, _("%2d. %s  %s  (template %s, line %d)"), i + 1,
                 r->agency[0] ? r->agency : _("unknown agency"), year,
                 r->tpl ? r->tpl->name : "-", r->title.line);
    else
        snprintf(buf, n, _("%2d. %s  %s  (no tables: %s)"), i + 1,
                 r->agency[0] ? r->agency : _("unknown agency"), year, r->no_tables_reason);
}

int nb_chooser_run(nb_app *app) {
    const nb_document *doc = &app->doc;
    int sel = 0, top = 0;
    /* Start on the first report that has tables: that is what people review. */
    for (int i = 0; i < doc->nreports; i++)
        if (doc->reports[i].has_tables) {
            sel = i;
            break;
        }
    for (;;) {
        int rows, cols;
        getmaxyx(stdscr, rows, cols);
        erase();
        char title[600];
        snprintf(title, sizeof title,
                 _("%s holds %d reports. Choose one (arrows or j/k, Enter opens, q quits):"),
                 doc->path ? doc->path : "", doc->nreports);
        nb_draw_field(0, 0, cols, title, strlen(title), app->theme.attr[NB_SLOT_PANE_FOCUS], 0);
        int body = rows - 1;
        if (body < 1) body = 1;
        if (sel < top) top = sel;
        if (sel >= top + body) top = sel - body + 1;
        for (int i = top; i < doc->nreports && i - top + 1 < rows; i++) {
            char line[600];
            describe(&doc->reports[i], i, line, sizeof line);
            attr_t a = i == sel ? app->theme.attr[NB_SLOT_FINDING_SELECTED] : 0;
            nb_draw_text(i - top + 1, 0, 2, i == sel ? "> " : "  ", 2, a);
            nb_draw_field(i - top + 1, 2, cols - 2, line, strlen(line), a, 0);
        }
        refresh();
        wint_t c;
        int kind = get_wch(&c);
        if (nb_sig_terminate) return -1;
        if (kind == ERR || (kind == KEY_CODE_YES && c == KEY_RESIZE)) {
            nb_app_handle_signals(app);
            continue;
        }
        if (kind == KEY_CODE_YES) {
            if (c == KEY_DOWN && sel + 1 < doc->nreports) sel++;
            else if (c == KEY_UP && sel > 0) sel--;
            else if (c == KEY_ENTER) return sel;
            else if (c == KEY_HOME) sel = 0;
            else if (c == KEY_END) sel = doc->nreports - 1;
            continue;
        }
        if (c == 'j' && sel + 1 < doc->nreports) sel++;
        else if (c == 'k' && sel > 0) sel--;
        else if (c == '\n' || c == '\r') return sel;
        else if (c == 'q' || c == 27) return -1;
        else if (c >= '1' && c <= '9' && (int)(c - '1') < doc->nreports) sel = (int)(c - '1');
    }
}
