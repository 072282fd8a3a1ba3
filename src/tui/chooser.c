/* The report chooser: a file can hold several reports (a scraped page
 * with several years, several agencies). Before the review starts the
 * reviewer picks one; reports without tables are listed too, with why. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sys/stat.h>

#include "nianbao/check.h"
#include "nianbao/reportrow.h"
#include "nianbao/review.h"
#include "nianbao/text.h"
#include "tui.h"

/* The findings of each report and the state of its review, found once
 * when the chooser opens. */
typedef struct report_counts {
    int errors, warnings;
    nb_review_state review;
    struct timespec saved; /* when its review file was last written */
} report_counts;

static void describe(const nb_report *r, const report_counts *c, int i, char *buf, size_t n) {
    char year[16] = "?";
    if (r->year) snprintf(year, sizeof year, "%d", r->year);
    int len;
    if (r->has_tables)
        len = snprintf(buf, n, _("%2d. %s  %s  (template %s, line %d; errors: %d, warnings: %d)"), i + 1,
                       r->agency[0] ? r->agency : _("unknown agency"), year, r->tpl ? r->tpl->name : "-",
                       r->title.line, c->errors, c->warnings);
    else
        len = snprintf(buf, n, _("%2d. %s  %s  (no tables: %s)"), i + 1,
                       r->agency[0] ? r->agency : _("unknown agency"), year, r->no_tables_reason);
    if (c->review != NB_REVIEW_NOT_STARTED && len > 0 && (size_t)len < n)
        snprintf(buf + len, n - (size_t)len, _("  [review: %s]"), nb_review_state_words(c->review));
}

/* Each report's counts, and the one whose review was saved last (-1: none). */
static int count_reports(nb_app *app, report_counts *counts) {
    int last = -1;
    for (int i = 0; i < app->doc.nreports; i++) {
        if (!app->doc.reports[i].has_tables) continue;
        nb_findings f = {0};
        nb_check_document(&app->doc, i, NULL, &f);
        counts[i].errors = f.errors;
        counts[i].warnings = f.warnings;
        nb_findings_free(&f);
        counts[i].review = nb_report_review_state(&app->doc, i);
        char *path = nb_review_path_for(app->report_path, &app->doc, i);
        struct stat st;
        if (counts[i].review != NB_REVIEW_NOT_STARTED && path && stat(path, &st) == 0) {
            counts[i].saved = st.st_mtim;
            if (last < 0 || st.st_mtim.tv_sec > counts[last].saved.tv_sec ||
                (st.st_mtim.tv_sec == counts[last].saved.tv_sec && st.st_mtim.tv_nsec > counts[last].saved.tv_nsec))
                last = i;
        }
        free(path);
    }
    return last;
}

typedef struct chooser_mode {
    nb_mode base;
    report_counts *counts; /* one a report; NULL when memory ran out */
    int sel, top;
    int chosen; /* -1 when the reviewer quits */
} chooser_mode;

static void draw_chooser(nb_app *app, nb_mode *m) {
    chooser_mode *ch = (chooser_mode *)m;
    const nb_document *doc = &app->doc;
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    erase();
    char title[600];
    snprintf(title, sizeof title, _("%s holds %d reports. Choose one (arrows or j/k, Enter opens, q quits):"),
             doc->path ? doc->path : "", doc->nreports);
    nb_draw_field(0, 0, cols, title, strlen(title), app->theme.attr[NB_SLOT_PANE_FOCUS], 0);
    int body = rows - 1;
    if (body < 1) body = 1;
    if (ch->sel < ch->top) ch->top = ch->sel;
    if (ch->sel >= ch->top + body) ch->top = ch->sel - body + 1;
    for (int i = ch->top; i < doc->nreports && i - ch->top + 1 < rows; i++) {
        char line[600];
        static const report_counts unknown = {0, 0, NB_REVIEW_NOT_STARTED, {0, 0}};
        describe(&doc->reports[i], ch->counts ? &ch->counts[i] : &unknown, i, line, sizeof line);
        attr_t a = i == ch->sel ? app->theme.attr[NB_SLOT_FINDING_SELECTED] : 0;
        nb_draw_text(i - ch->top + 1, 0, 2, i == ch->sel ? "> " : "  ", 2, a);
        nb_draw_field(i - ch->top + 1, 2, cols - 2, line, strlen(line), a, 0);
    }
}

static void choose(chooser_mode *ch, int chosen) {
    ch->chosen = chosen;
    ch->base.done = true;
}

/* Up, down and quit through the key map; Enter, Esc, Home, End and the
 * digits (report 1 to 9) as in every list. */
static void chooser_key(nb_app *app, nb_mode *m, nb_key key) {
    chooser_mode *ch = (chooser_mode *)m;
    int n = app->doc.nreports, c = key.code;
    nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
    if (cmd == NB_CMD_MOVE_DOWN && ch->sel + 1 < n) ch->sel++;
    else if (cmd == NB_CMD_MOVE_UP && ch->sel > 0) ch->sel--;
    else if (cmd == NB_CMD_QUIT) choose(ch, -1);
    else if (key.function && c == KEY_ENTER) choose(ch, ch->sel);
    else if (key.function && c == KEY_HOME) ch->sel = 0;
    else if (key.function && c == KEY_END) ch->sel = n - 1;
    else if (key.function || key.alt) return;
    else if (c == '\n' || c == '\r') choose(ch, ch->sel);
    else if (c == 27) choose(ch, -1);
    else if (c >= '1' && c <= '9' && c - '1' < n) ch->sel = c - '1';
}

int nb_chooser_run(nb_app *app) {
    static const nb_mode_ops ops = {draw_chooser, chooser_key, NULL, false, false};
    chooser_mode ch = {{&ops, false}, NULL, 0, 0, -1};
    ch.counts = calloc((size_t)app->doc.nreports + 1, sizeof *ch.counts);
    int last = ch.counts ? count_reports(app, ch.counts) : -1;
    /* Start on the report reviewed last, else on the first that has
     * tables: that is what people review. */
    ch.sel = last;
    for (int i = 0; i < app->doc.nreports && ch.sel < 0; i++)
        if (app->doc.reports[i].has_tables) ch.sel = i;
    if (ch.sel < 0) ch.sel = 0;
    nb_loop_run(app, &ch.base);
    free(ch.counts);
    return ch.chosen;
}
