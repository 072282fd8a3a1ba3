/* The report list: the evaluator's desk. Given a folder or several files,
 * every report in them is one line with the state of its review, the
 * errors still open, the warnings, the year and the agency; the list sorts
 * and filters, and Enter opens the selected report on the review screen.
 * When the reviewer quits the review, the list comes back with that
 * file read again, so what was signed shows as signed.
 *
 * The files are read as `summary` reads them (reportrow.c, on the worker
 * pool); the list is a mode of the one event loop (loop.c) on an app of
 * its own, and each review runs on a fresh app that shares its theme,
 * keys and configuration. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nianbao/check.h"
#include "nianbao/pool.h"
#include "nianbao/reportrow.h"
#include "nianbao/walk.h"
#include "tui.h"

/* One line of the list: a report, or a file that cannot be read. */
typedef struct list_item {
    nb_report_row row; /* row.file is `path`; row.error malloc'd */
    size_t file;       /* index of its file in the walk: the file order */
    /* Last year's rules across files, as `check` of many files runs them:
     * what the report keeps for them (malloc'd; NULL without tables or a
     * year), whether its own file holds last year's report (then the
     * report's own checks ran them), and the findings against the report
     * of the year before in another file. */
    nb_year_figures *fig;
    bool previous_in_file;
    bool has_prev, has_next; /* paired with the year before / after */
    size_t prev_file;        /* with has_prev: the file of the year before */
    int across_errors, across_warnings;
} list_item;

typedef enum list_order { ORDER_FILE, ORDER_ERRORS, ORDER_AGENCY, ORDER_YEAR } list_order;

typedef struct list_mode {
    nb_mode base;
    nb_walk files;
    size_t *name_at; /* where each file's name starts in its path, for showing */
    list_item *items;
    size_t n, cap;
    size_t *shown; /* indexes into items: the filtered, sorted view */
    size_t nshown;
    size_t sel, top; /* in shown */
    list_order order;
    bool unsigned_only;
    char filter[256];
    bool failed; /* out of memory: the list is incomplete */
    const nb_options *opt;
    nb_app *review; /* the review that a signal interrupted, its work to keep */
} list_mode;

/* ------------------------------------------------------------ reading */

static void pair_years(list_mode *l);

static void *read_file(size_t i, void *ctx) {
    const list_mode *l = ctx;
    const nb_walk_entry *e = &l->files.v[i];
    nb_file_rows *fr = calloc(1, sizeof *fr);
    if (!fr) return NULL;
    if (nb_sig_terminate) nb_error_set(&fr->err, EINTR, "%s", strerror(EINTR));
    else if (e->error) nb_error_set(&fr->err, EIO, "%s", e->error);
    else nb_file_rows_read(fr, e->path);
    return fr;
}

static list_item *new_item(list_mode *l) {
    if (!nb_grow((void **)&l->items, &l->cap, l->n + 1, sizeof *l->items)) {
        l->failed = true;
        return NULL;
    }
    list_item *it = &l->items[l->n++];
    memset(it, 0, sizeof *it);
    return it;
}

/* What the cross-year rules across files need of the item's report. */
static void keep_year_figures(list_item *it, const nb_document *doc, const char *path) {
    const nb_report *r = &doc->reports[it->row.report - 1];
    if (!r->has_tables || !r->year) return;
    it->previous_in_file = nb_check_find_previous(doc, r, true) != NULL;
    it->fig = calloc(1, sizeof *it->fig);
    if (it->fig && nb_year_figures_of(it->fig, r, path) != 0) {
        free(it->fig);
        it->fig = NULL;
    }
}

static void free_item(list_item *it) {
    free(it->row.error);
    if (it->fig) nb_year_figures_free(it->fig);
    free(it->fig);
}

/* The rows of file i become items (a file that cannot be read, one item
 * saying why). */
static void add_file_rows(list_mode *l, size_t i, nb_file_rows *fr) {
    const char *path = l->files.v[i].path;
    if (!fr || !fr->opened || !fr->rows || fr->n == 0) {
        list_item *it = new_item(l);
        if (!it) return;
        it->file = i;
        it->row.file = path;
        const char *why = !fr ? strerror(ENOMEM)
                          : fr->opened ? _("no report found in this file")
                                       : fr->err.message;
        /* The file is on the line already. */
        size_t n = strlen(path);
        if (strncmp(why, path, n) == 0 && strncmp(why + n, ": ", 2) == 0) why += n + 2;
        it->row.error = strdup(why);
        if (!it->row.error) l->failed = true;
        return;
    }
    for (int k = 0; k < fr->n; k++) {
        list_item *it = new_item(l);
        if (!it) return;
        it->row = fr->rows[k];
        it->row.file = path;
        it->row.error = NULL;
        it->file = i;
        keep_year_figures(it, &fr->doc, path);
    }
}

/* While the files are read: how far it has come. */
static void draw_progress(size_t done, size_t total) {
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    char line[160];
    snprintf(line, sizeof line, _("Reading %zu of %zu files..."), done, total);
    erase();
    nb_draw_text(rows / 2, 1, cols - 1, line, strlen(line), A_BOLD);
    int barw = cols - 2;
    if (barw > 0 && rows / 2 + 1 < rows && total > 0) {
        int filled = (int)((double)barw * (double)done / (double)total);
        nb_draw_fill(rows / 2 + 1, 1, barw, 0);
        nb_draw_fill(rows / 2 + 1, 1, filled, A_REVERSE);
    }
    refresh();
}

static void deliver_file(size_t i, void *result, void *ctx) {
    list_mode *l = ctx;
    nb_file_rows *fr = result;
    add_file_rows(l, i, fr);
    if (fr) nb_file_rows_free(fr);
    free(fr);
    /* A redraw every few files: thousands of redraws would cost more than
     * the reading. */
    if ((i + 1) % 8 == 0 || i + 1 == l->files.n) draw_progress(i + 1, l->files.n);
}

/* A file found in a folder named on the command line is shown by its
 * name inside that folder: the folder is on every line otherwise. */
static void name_files(list_mode *l, size_t from, const char *folder) {
    size_t n = strlen(folder);
    while (n > 1 && folder[n - 1] == '/') n--;
    for (size_t i = from; i < l->files.n; i++) {
        const char *p = l->files.v[i].path;
        l->name_at[i] = strncmp(p, folder, n) == 0 && p[n] == '/' ? n + 1 : 0;
    }
}

static void read_all(list_mode *l) {
    for (int i = 0; i < l->opt->npaths; i++) {
        size_t before = l->files.n;
        nb_walk_add(&l->files, l->opt->paths[i]);
        size_t *grown = realloc(l->name_at, (l->files.n ? l->files.n : 1) * sizeof *grown);
        if (!grown) {
            free(l->name_at); /* full paths shown, rather than names past the end */
            l->name_at = NULL;
            l->failed = true;
            break;
        }
        l->name_at = grown;
        name_files(l, before, l->opt->paths[i]);
    }
    l->failed |= l->files.failed;
    draw_progress(0, l->files.n);
    nb_pool_run(l->files.n, nb_pool_threads(l->files.n), read_file, deliver_file, l);
    pair_years(l);
}

static void drop_items_of(list_mode *l, size_t file) {
    size_t kept = 0;
    for (size_t i = 0; i < l->n; i++) {
        if (l->items[i].file == file) {
            free_item(&l->items[i]);
            continue;
        }
        l->items[kept++] = l->items[i];
    }
    l->n = kept;
}

/* Order of items by file and report: the order `check` pairs them in. */
static int file_order(const void *a, const void *b, void *ctx) {
    const list_item *items = ctx;
    const list_item *x = &items[*(const size_t *)a], *y = &items[*(const size_t *)b];
    if (x->file != y->file) return x->file < y->file ? -1 : 1;
    return x->row.report - y->row.report;
}

/* Each report takes, for last year's rules, the first report in file
 * order (of another file) that is the same agency's of the year before,
 * when its own file holds none; a report is the year before of one report
 * at most. As `check` of the same files does, so the counts agree. */
static void pair_years(list_mode *l) {
    size_t *order = malloc((l->n ? l->n : 1) * sizeof *order);
    if (!order) {
        l->failed = true;
        return;
    }
    for (size_t i = 0; i < l->n; i++) {
        order[i] = i;
        list_item *it = &l->items[i];
        it->has_prev = it->has_next = false;
        it->across_errors = it->across_warnings = 0;
    }
    qsort_r(order, l->n, sizeof *order, file_order, l->items); /* glibc's, with a context */
    for (size_t a = 0; a < l->n; a++) {
        list_item *later = &l->items[order[a]];
        if (!later->fig || later->previous_in_file) continue;
        for (size_t b = 0; b < l->n; b++) {
            list_item *prev = &l->items[order[b]];
            if (!prev->fig || prev->fig->year + 1 != later->fig->year || prev->file == later->file ||
                prev->has_next || !nb_year_figures_follow(later->fig, prev->fig))
                continue;
            nb_report view;
            nb_findings f = {0};
            if (nb_check_across_files(later->fig, prev->fig, &view, &f) == 0) {
                later->across_errors = f.errors;
                later->across_warnings = f.warnings;
                nb_report_free(&view);
            }
            nb_findings_free(&f);
            later->has_prev = prev->has_next = true;
            later->prev_file = prev->file;
            break;
        }
    }
    free(order);
}

/* After a review: file i read again, its items replaced. */
static void reread_file(list_mode *l, size_t i) {
    drop_items_of(l, i);
    nb_file_rows *fr = read_file(i, l);
    add_file_rows(l, i, fr);
    if (fr) nb_file_rows_free(fr);
    free(fr);
    pair_years(l);
}

/* ------------------------------------------------------------ the view */

static int compare_text(const char *a, const char *b) {
    /* Unknown agencies last, whatever the order. */
    if (!*a != !*b) return *a ? -1 : 1;
    return strcmp(a, b);
}

static int compare_items(const list_item *a, const list_item *b, list_order order) {
    int c = 0;
    switch (order) {
    case ORDER_ERRORS:
        /* A file that cannot be read has no count: last, as blanks sort in
         * a spreadsheet. */
        c = (a->row.error != NULL) - (b->row.error != NULL);
        if (!c) c = (b->row.figures.open_errors + b->across_errors) - (a->row.figures.open_errors + a->across_errors);
        if (!c) c = (b->row.figures.warnings + b->across_warnings) - (a->row.figures.warnings + a->across_warnings);
        break;
    case ORDER_AGENCY:
        c = compare_text(a->row.agency, b->row.agency);
        if (!c) c = a->row.year - b->row.year;
        break;
    case ORDER_YEAR:
        c = (a->row.year == 0) - (b->row.year == 0);
        if (!c) c = a->row.year - b->row.year;
        if (!c) c = compare_text(a->row.agency, b->row.agency);
        break;
    case ORDER_FILE: break;
    }
    if (!c) c = (a->file > b->file) - (a->file < b->file);
    if (!c) c = a->row.report - b->row.report;
    return c;
}

static bool item_shown(const list_mode *l, const list_item *it) {
    if (l->unsigned_only && it->row.state == NB_REVIEW_SIGNED) return false;
    if (!l->filter[0]) return true;
    return strstr(it->row.agency, l->filter) || strstr(it->row.file, l->filter) ||
           (it->row.signer[0] && strstr(it->row.signer, l->filter));
}

/* Insertion sort into the view: stable, and lists are hundreds long. */
static void sort_view(list_mode *l) {
    for (size_t i = 1; i < l->nshown; i++) {
        size_t v = l->shown[i], j = i;
        while (j > 0 && compare_items(&l->items[v], &l->items[l->shown[j - 1]], l->order) < 0) {
            l->shown[j] = l->shown[j - 1];
            j--;
        }
        l->shown[j] = v;
    }
}

/* Rebuild the view, keeping the selection on the same report (file and
 * report number) where it is still shown. */
static void rebuild_view(list_mode *l, size_t keep_file, int keep_report) {
    size_t *grown = realloc(l->shown, (l->n ? l->n : 1) * sizeof *grown);
    if (!grown) {
        l->failed = true;
        l->nshown = 0;
        return;
    }
    l->shown = grown;
    l->nshown = 0;
    for (size_t i = 0; i < l->n; i++)
        if (item_shown(l, &l->items[i])) l->shown[l->nshown++] = i;
    sort_view(l);
    l->sel = 0;
    for (size_t s = 0; s < l->nshown; s++) {
        const list_item *it = &l->items[l->shown[s]];
        if (it->file == keep_file && it->row.report == keep_report) l->sel = s;
    }
}

static const list_item *selected(const list_mode *l) {
    return l->sel < l->nshown ? &l->items[l->shown[l->sel]] : NULL;
}

static void rebuild_keeping_selection(list_mode *l) {
    const list_item *it = selected(l);
    rebuild_view(l, it ? it->file : (size_t)-1, it ? it->row.report : 0);
}

/* ------------------------------------------------------------ drawing */

/* The columns, left to right; a width of 0 takes what is left. Narrow
 * screens drop the reviewer and the file first. */
enum { COL_STATE_W = 13, COL_NUM_W = 7, COL_YEAR_W = 6, COL_AGENCY_MIN = 16, COL_REVIEWER_W = 12 };

static void draw_header(nb_app *app, const list_mode *l, int cols) {
    size_t reports = 0, signed_ = 0, progress = 0, fresh = 0, open = 0, unreadable = 0;
    for (size_t i = 0; i < l->n; i++) {
        const nb_report_row *r = &l->items[i].row;
        if (r->error) {
            unreadable++;
            continue;
        }
        reports++;
        signed_ += r->state == NB_REVIEW_SIGNED;
        progress += r->state == NB_REVIEW_IN_PROGRESS;
        fresh += r->state == NB_REVIEW_NOT_STARTED;
        open += r->figures.open_errors > 0 || l->items[i].across_errors > 0;
    }
    char line[512];
    int n = snprintf(line, sizeof line,
                     _("%zu reports: %zu signed, %zu in progress, %zu not started; %zu with errors open"),
                     reports, signed_, progress, fresh, open);
    if (unreadable && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, _("; %zu files unreadable"), unreadable);
    if ((l->filter[0] || l->unsigned_only) && n > 0 && (size_t)n < sizeof line)
        n += snprintf(line + n, sizeof line - (size_t)n, _(" (showing %zu)"), l->nshown);
    if (l->failed && n > 0 && (size_t)n < sizeof line)
        snprintf(line + n, sizeof line - (size_t)n, "%s", _(" (out of memory: the list is incomplete)"));
    nb_draw_field(0, 0, cols, line, strlen(line), app->theme.attr[NB_SLOT_PANE_FOCUS], 0);
}

enum { NCOLS = 8 };

/* The width of each column on a screen `cols` wide. */
static void column_widths(int cols, int w[NCOLS]) {
    int fixed[NCOLS] = {2, COL_STATE_W, COL_NUM_W, COL_NUM_W, COL_YEAR_W, 0, 0, 0};
    memcpy(w, fixed, sizeof fixed);
    int left = cols - (2 + COL_STATE_W + 2 * COL_NUM_W + COL_YEAR_W);
    if (left <= 0) return;
    /* The agency: half of what is left, 16 to 40 columns. */
    w[5] = left / 2 > 40 ? 40 : left / 2 < COL_AGENCY_MIN ? (left < COL_AGENCY_MIN ? left : COL_AGENCY_MIN) : left / 2;
    left -= w[5];
    if (left >= COL_REVIEWER_W + 10) {
        w[6] = COL_REVIEWER_W;
        left -= COL_REVIEWER_W;
    }
    w[7] = left; /* file */
}

/* One line: each column's text at its place; numbers right-aligned with a
 * space after them. */
static void draw_columns(int y, int cols, const char *const text[NCOLS], attr_t attr) {
    static const int align[NCOLS] = {0, 0, 1, 1, 1, 0, 0, 0};
    int w[NCOLS];
    column_widths(cols, w);
    nb_draw_fill(y, 0, cols, attr);
    int x = 0;
    for (int i = 0; i < NCOLS && x < cols; i++) {
        int width = w[i] < cols - x ? w[i] : cols - x;
        if (width <= 0) continue;
        int inner = align[i] == 1 && width > 1 ? width - 1 : width;
        nb_draw_field(y, x, inner, text[i], strlen(text[i]), attr, align[i]);
        x += width;
    }
}

static void draw_column_titles(nb_app *app, int y, int cols) {
    const char *titles[NCOLS] = {"", _("Review"), _("Errors"), _("Warn."), _("Year"),
                                 _("Agency"), _("Reviewer"), _("File")};
    draw_columns(y, cols, titles, app->theme.attr[NB_SLOT_TABLE_HEADER]);
}

static attr_t item_attr(const nb_app *app, const list_item *it, bool sel) {
    if (sel) return app->theme.attr[NB_SLOT_FINDING_SELECTED];
    if (it->row.error) return app->theme.attr[NB_SLOT_FINDING_WARNING];
    if (it->row.state == NB_REVIEW_SIGNED) return app->theme.attr[NB_SLOT_FINDING_DONE];
    if (it->row.figures.open_errors > 0 || it->across_errors > 0) return app->theme.attr[NB_SLOT_FINDING_ERROR];
    return app->theme.attr[NB_SLOT_NORMAL];
}

static void draw_item(nb_app *app, const list_mode *l, int y, int cols, const list_item *it, bool sel) {
    const nb_report_row *r = &it->row;
    const char *name = l->name_at ? r->file + l->name_at[it->file] : r->file;
    char errors[24] = "", warnings[16] = "", year[16] = "";
    if (!r->error) {
        /* Errors the review has settled are not open: "1/3" is one open of
         * three. "+1": one more against last year's report in another file. */
        int n = r->figures.open_errors != r->figures.errors
                    ? snprintf(errors, sizeof errors, "%d/%d", r->figures.open_errors, r->figures.errors)
                    : snprintf(errors, sizeof errors, "%d", r->figures.errors);
        if (it->across_errors && n > 0 && (size_t)n < sizeof errors)
            snprintf(errors + n, sizeof errors - (size_t)n, "+%d", it->across_errors);
        n = snprintf(warnings, sizeof warnings, "%d", r->figures.warnings);
        if (it->across_warnings && n > 0 && (size_t)n < sizeof warnings)
            snprintf(warnings + n, sizeof warnings - (size_t)n, "+%d", it->across_warnings);
    }
    if (r->year) snprintf(year, sizeof year, "%d", r->year);
    const char *state = r->error ? _("unreadable") : nb_review_state_words(r->state);
    const char *agency = r->error ? r->error : r->agency[0] ? r->agency : _("unknown agency");
    const char *text[NCOLS] = {sel ? ">" : "", state, errors, warnings, year, agency,
                               r->state == NB_REVIEW_SIGNED ? r->signer : "", name};
    draw_columns(y, cols, text, item_attr(app, it, sel));
}

/* ------------------------------------------------------------ keys */

typedef void list_action(nb_app *app, list_mode *l);

/* A new order starts at its top: the reviewer asked for what comes first. */
static void order_by(list_mode *l, list_order order) {
    l->order = order;
    rebuild_view(l, (size_t)-1, 0);
}
static void order_errors(nb_app *app, list_mode *l) {
    (void)app;
    order_by(l, ORDER_ERRORS);
}
static void order_agency(nb_app *app, list_mode *l) {
    (void)app;
    order_by(l, ORDER_AGENCY);
}
static void order_year(nb_app *app, list_mode *l) {
    (void)app;
    order_by(l, ORDER_YEAR);
}
static void order_file(nb_app *app, list_mode *l) {
    (void)app;
    order_by(l, ORDER_FILE);
}
static void toggle_unsigned(nb_app *app, list_mode *l) {
    l->unsigned_only = !l->unsigned_only;
    rebuild_keeping_selection(l);
    nb_app_set_message(app, false, "%s",
                       l->unsigned_only ? _("Showing reports not yet signed.") : _("Showing every report."));
}
static void ask_filter(nb_app *app, list_mode *l) {
    char *text = nb_prompt(app, _("Show reports whose agency, file or reviewer contains: "), l->filter);
    if (!text) return;
    snprintf(l->filter, sizeof l->filter, "%s", text);
    free(text);
    rebuild_keeping_selection(l);
}
static list_action open_selected;

/* The list's own keys, declared once: the key handler and the hint line
 * both read this table. Movement and quitting go through the key map, as
 * everywhere else. */
static const struct list_key {
    int code;
    const char *key_name, *words;
    list_action *act;
} list_keys[] = {
    {'\r', "Enter", N_("open for review"), open_selected},
    {'e', "e", N_("errors first"), order_errors},
    {'a', "a", N_("by agency"), order_agency},
    {'y', "y", N_("by year"), order_year},
    {'o', "o", N_("file order"), order_file},
    {'u', "u", N_("unsigned only"), toggle_unsigned},
    {'/', "/", N_("filter"), ask_filter},
};
enum { NLIST_KEYS = sizeof list_keys / sizeof list_keys[0] };

static void draw_bottom(nb_app *app, int y, int cols) {
    if (app->message[0]) {
        attr_t a = app->theme.attr[app->message_error ? NB_SLOT_MESSAGE_ERROR : NB_SLOT_MESSAGE];
        nb_draw_field(y, 0, cols, app->message, strlen(app->message), a, 0);
        return;
    }
    char hint[512] = "";
    size_t n = 0;
    for (int i = 0; i < NLIST_KEYS && n < sizeof hint; i++)
        n += (size_t)snprintf(hint + n, sizeof hint - n, "%s %s  ", list_keys[i].key_name,
                              _(list_keys[i].words));
    if (n < sizeof hint) snprintf(hint + n, sizeof hint - n, "q %s", _("quit"));
    nb_draw_field(y, 0, cols, hint, strlen(hint), app->theme.attr[NB_SLOT_STATUS_LINE], 0);
}

enum { LIST_FIRST_ROW = 2 /* under the counts and the column titles */ };

static int body_rows(void) {
    int rows = getmaxy(stdscr) - LIST_FIRST_ROW - 1;
    return rows > 0 ? rows : 0;
}

static void draw_list(nb_app *app, nb_mode *m) {
    list_mode *l = (list_mode *)m;
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    erase();
    int body = body_rows();
    if (nb_screen_too_small(rows, cols) || body < 1) {
        nb_render_too_small(rows, cols);
        return;
    }
    draw_header(app, l, cols);
    draw_column_titles(app, 1, cols);
    if (l->sel < l->top) l->top = l->sel;
    if (l->sel >= l->top + (size_t)body) l->top = l->sel - (size_t)body + 1;
    for (size_t s = l->top; s < l->nshown && s < l->top + (size_t)body; s++)
        draw_item(app, l, LIST_FIRST_ROW + (int)(s - l->top), cols, &l->items[l->shown[s]], s == l->sel);
    if (l->nshown == 0) {
        const char *none = l->n ? _("No report is shown: press u or / to show more.") : _("No report found.");
        nb_draw_text(LIST_FIRST_ROW, 2, cols - 2, none, strlen(none), A_DIM);
    }
    draw_bottom(app, rows - 1, cols);
}

/* Up, down, pages, first and last through the key map. */
static bool move_key(list_mode *l, nb_cmd cmd) {
    size_t page = (size_t)(body_rows() > 1 ? body_rows() - 1 : 1);
    size_t last = l->nshown ? l->nshown - 1 : 0;
    switch (cmd) {
    case NB_CMD_MOVE_UP: l->sel -= l->sel > 0; break;
    case NB_CMD_MOVE_DOWN: l->sel += l->sel < last; break;
    case NB_CMD_PAGE_UP: l->sel = l->sel > page ? l->sel - page : 0; break;
    case NB_CMD_PAGE_DOWN: l->sel = l->sel + page < last ? l->sel + page : last; break;
    case NB_CMD_FIRST: l->sel = 0; break;
    case NB_CMD_LAST: l->sel = last; break;
    default: return false;
    }
    return true;
}

static void list_key(nb_app *app, nb_mode *m, nb_key key) {
    list_mode *l = (list_mode *)m;
    app->message[0] = '\0';
    int code = key.code;
    if (!key.function && code == '\n') code = '\r';
    if (key.function && code == KEY_ENTER) code = '\r';
    if (!key.alt && (!key.function || code == '\r'))
        for (int i = 0; i < NLIST_KEYS; i++)
            if (list_keys[i].code == code) {
                list_keys[i].act(app, l);
                return;
            }
    nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
    if (move_key(l, cmd)) return;
    if (cmd == NB_CMD_QUIT || (!key.function && !key.alt && code == 27)) m->done = true;
    else if (cmd == NB_CMD_REDRAW) clearok(curscr, TRUE);
}

/* A click selects a report; a click on the selected one opens it. */
static void list_mouse(nb_app *app, nb_mode *m, int y, int x) {
    (void)x;
    list_mode *l = (list_mode *)m;
    if (y < LIST_FIRST_ROW || y >= LIST_FIRST_ROW + body_rows()) return;
    size_t s = l->top + (size_t)(y - LIST_FIRST_ROW);
    if (s >= l->nshown) return;
    if (s == l->sel) open_selected(app, l);
    else l->sel = s;
}

/* ------------------------------------------------------------ a review */

/* The selected report on the review screen, on an app of its own that
 * shares the list's theme, keys and configuration; then back to the list
 * with its file read again. */
static void open_selected(nb_app *app, list_mode *l) {
    const list_item *it = selected(l);
    if (!it) return;
    if (it->row.error) {
        nb_app_set_message(app, true, _("%s cannot be opened: %s"), it->row.file, it->row.error);
        return;
    }
    nb_app *rv = calloc(1, sizeof *rv);
    if (!rv) {
        nb_app_set_message(app, true, "%s", strerror(ENOMEM));
        return;
    }
    rv->theme = app->theme;
    rv->keymap = app->keymap;
    rv->config = app->config;
    rv->read_key = app->read_key;
    size_t file = it->file;
    int report = it->row.report;
    /* The year before, paired in the list, is checked against in the
     * review too: the same findings as the list counts. */
    const char *previous = it->has_prev ? l->files.v[it->prev_file].path : NULL;
    nb_error err;
    nb_error_clear(&err);
    if (nb_tui_review_report(rv, it->row.file, report - 1, previous, &err) == 0) nb_app_run(rv);
    else nb_app_set_message(app, true, "%s", err.message);
    app->config = rv->config; /* a reviewer's name remembered while signing */
    if (nb_sig_terminate) {
        l->review = rv; /* its unsaved work is kept when the list ends */
        return;
    }
    nb_app_free(rv);
    free(rv);
    reread_file(l, file);
    rebuild_view(l, file, report);
    clearok(curscr, TRUE);
}

/* ------------------------------------------------------------ main */

static void list_free(list_mode *l) {
    for (size_t i = 0; i < l->n; i++) free_item(&l->items[i]);
    free(l->items);
    free(l->shown);
    free(l->name_at);
    nb_walk_free(&l->files);
    if (l->review) {
        nb_app_free(l->review);
        free(l->review);
    }
}

/* Nothing to list: why each file could not be read (the first few). */
static void say_unreadable(const list_mode *l) {
    enum { SAY_AT_MOST = 10 };
    for (size_t i = 0; i < l->n && i < SAY_AT_MOST; i++)
        nb_say("nianbao: %s: %s\n", l->items[i].row.file, l->items[i].row.error);
    if (l->n > SAY_AT_MOST) nb_say(_("nianbao: ... and %zu more files that cannot be read\n"), l->n - SAY_AT_MOST);
    if (l->n == 0) nb_say("%s", _("nianbao: no report to list\n"));
}

/* Keys and theme as the review screen has them. */
static SCREEN *start(nb_app *app, const nb_options *opt) {
    char config_messages[1024] = "";
    nb_keymap_defaults(&app->keymap);
    nb_config_load(&app->config, &app->keymap, config_messages, sizeof config_messages);
    SCREEN *screen = nb_tui_start_screen();
    if (!screen) return NULL;
    nb_tui_setup_theme(app, opt->theme);
    if (config_messages[0] && !app->message[0]) nb_app_set_message(app, true, "%s", config_messages);
    return screen;
}

int nb_list_main(const nb_options *opt) {
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        nb_say("%s", _("nianbao: the report list needs a terminal; try 'nianbao summary' for the "
                       "same list as text\n"));
        return 2;
    }
    if (!nb_tui_terminal_fit()) return 2;
    nb_app *app = calloc(1, sizeof *app);
    list_mode *l = calloc(1, sizeof *l);
    SCREEN *screen = app && l ? start(app, opt) : NULL;
    if (!screen) {
        free(app);
        free(l);
        return app && l ? 2 : 1;
    }
    static const nb_mode_ops ops = {draw_list, list_key, list_mouse, false, false};
    l->base.ops = &ops;
    l->opt = opt;
    read_all(l);
    rebuild_view(l, 0, 1);
    bool any_report = false;
    for (size_t i = 0; i < l->n; i++) any_report |= !l->items[i].row.error;
    if (any_report && !nb_sig_terminate) nb_loop_run(app, &l->base);
    nb_tui_end_screen();
    delscreen(screen);
    int status = 0;
    if (!any_report && !nb_sig_terminate) {
        say_unreadable(l);
        status = 1;
    }
    if (nb_sig_terminate) {
        if (l->review) nb_recovery_write(l->review);
        status = 128 + (int)nb_sig_terminate;
    }
    list_free(l);
    free(l);
    free(app);
    return status;
}
