/* The review screen's entry point and main loop. The loop is short on
 * purpose: read a key (with a timeout, so signals are noticed), turn it
 * into a command through the key map, run the command against the review
 * model, redraw. All model logic (edits, undo, checks, saving) is in
 * review.c; this file only decides what to ask and what to show. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nianbao/cli.h"
#include "nianbao/fileio.h"
#include "nianbao/text.h"
#include "nianbao/url.h"
#include "nianbao/yamlio.h"
#include "tui.h"

volatile sig_atomic_t nb_sig_resize;
volatile sig_atomic_t nb_sig_terminate;

static void on_resize(int sig) {
    (void)sig;
    nb_sig_resize = 1;
}

static void on_terminate(int sig) { nb_sig_terminate = sig; }

/* Before initscr: ncurses installs its own SIGINT/SIGTERM handlers (which
 * exit without saving) only where the default is still in place. */
void nb_signals_install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_terminate;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sa.sa_handler = on_resize;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGWINCH, &sa, NULL);
}

void nb_app_handle_signals(nb_app *app) {
    (void)app;
    if (!nb_sig_resize) return;
    nb_sig_resize = 0;
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 || ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0) {
        if (ws.ws_row > 0 && ws.ws_col > 0) resizeterm(ws.ws_row, ws.ws_col);
    }
    clearok(curscr, TRUE);
}

/* Print a message on stderr with what came from outside (file names,
 * texts of a review file) made safe: a name holding escape sequences must
 * not retitle or clear the terminal either. */
static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...) {
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = strlen(buf);
    while (n && buf[n - 1] == '\n') n--;
    char *safe = nb_sanitize(buf, n, false);
    fprintf(stderr, "%s\n", safe ? safe : "nianbao: ?");
    free(safe);
}

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A review file given instead of a report (never a web address, whose
 * path may end in anything). */
static bool is_review_name(const char *path) {
    return !nb_url_is_web(path) && (ends_with(path, ".review.yaml") || ends_with(path, ".review.yml"));
}

static bool exists(const char *p) {
    struct stat st;
    return stat(p, &st) == 0;
}

/* After any change of the model: keep the selections valid. */
static void after_change(nb_app *app) {
    if (app->sel_finding >= app->rv.findings.count) app->sel_finding = app->rv.findings.count - 1;
    app->follow_cell = true;
}

int nb_app_open_report(nb_app *app, int index, nb_error *err) {
    if (app->rv_open) {
        nb_review_free(&app->rv);
        app->rv_open = false;
    }
    if (nb_review_open(&app->rv, &app->doc, index, err) != 0) return -1;
    app->rv_open = true;
    const char *who = app->config.reviewer[0] ? app->config.reviewer : getenv("USER");
    if (who) snprintf(app->rv.reviewer, sizeof app->rv.reviewer, "%s", who);
    app->sel_cell = -1;
    app->focus = NB_PANE_TABLE;
    app->sel_finding = -1; /* n selects the first */
    app->table_top = 0;
    app->table_hcol = 0;
    /* Start the source at this report; the selected cell's span, if any,
     * takes over when the screen is drawn. */
    const nb_report *rep = &app->doc.reports[index];
    app->src_cursor = nb_text_line_of(&app->doc.text, rep->title.line > 0 ? rep->title.byte_start
                                                                          : rep->byte_start);
    app->src_top = app->src_cursor;
    app->src_top_sub = 0;
    nb_table_build(app);
    app->follow_cell = true;
    return 0;
}

/* A review file given on the command line: read it (the review module
 * checks it), find its source and the report it is about, open that
 * report and re-apply the edits, statuses and sign-off. */
static int open_review_file(nb_app *app, const char *path, nb_error *err) {
    nb_review_file f;
    memset(&f, 0, sizeof f);
    if (nb_review_read_file(path, &f, err) != 0) return -1;
    int rc = -1;
    char *source = nb_review_find_source(path, &f);
    if (!source) {
        /* REPORT.review.yaml beside REPORT, the name nianbao gives it. */
        size_t n = strlen(path) - (ends_with(path, ".yml") ? strlen(".review.yml") : strlen(".review.yaml"));
        source = strndup(path, n);
        if (source && !exists(source)) {
            free(source);
            source = NULL;
        }
    }
    if (!source) {
        nb_error_set(err, ENOENT, _("%s: cannot find the report this review belongs to (%s)"), path,
                     f.source_file ? f.source_file : "?");
        goto done;
    }
    app->report_path = source;
    /* The path comes from the review file, which anyone may have written:
     * a FIFO or a device there would hang or flood the load. */
    struct stat st;
    if (stat(source, &st) != 0 || !S_ISREG(st.st_mode)) {
        nb_error_set(err, EINVAL, _("%s: the report it names, %s, is not a regular file"), path,
                     source);
        goto done;
    }
    if (nb_document_load(&app->doc, app->report_path, err) != 0) goto done;
    app->doc_loaded = true;
    int index = nb_review_file_report(&app->doc, &f);
    if (index < 0) {
        nb_error_set(err, -1, _("%s: its report (%s, %d) is no longer in %s"), path,
                     f.report.agency, f.report.year, app->report_path);
        goto done;
    }
    if (nb_app_open_report(app, index, err) != 0) goto done;
    bool changed = false;
    char *mismatch = NULL;
    if (nb_review_apply_file(&app->rv, &f, &changed, &mismatch, err) != 0) goto done;
    nb_table_build(app);
    if (changed)
        nb_app_set_message(app, true, _("The source changed since %s was saved: check the edits."), path);
    else if (mismatch)
        nb_app_set_message(app, true, _("Edited cells read differently now: %s"), mismatch);
    else
        nb_app_set_message(app, false, _("Resumed the review in %s."), path);
    free(mismatch);
    rc = 0;
done:
    nb_review_file_free(&f);
    return rc;
}

int nb_app_open(nb_app *app, const char *path, int report_index, int year, nb_error *err) {
    if (is_review_name(path)) return open_review_file(app, path, err);
    /* A web address is fetched and its copy is the report from here on:
     * the review is saved beside it and names it. */
    if (nb_document_open(&app->doc, path, app->copy_dir, err) != 0) return -1;
    app->doc_loaded = true;
    app->report_path = strdup(app->doc.path);
    if (!app->report_path) {
        nb_error_set(err, ENOMEM, "%s", strerror(ENOMEM));
        return -1;
    }
    if (app->doc.url)
        nb_app_set_message(app, false, _("Fetched %s; the review reads its copy %s."), app->doc.url,
                           app->report_path);
    if (app->doc.nreports == 0) {
        nb_error_set(err, -1, _("%s: no annual report found in this file"), app->report_path);
        return -1;
    }
    int index = report_index;
    if (index < 0 && year > 0) {
        for (int i = 0; i < app->doc.nreports && index < 0; i++)
            if (app->doc.reports[i].year == year && app->doc.reports[i].has_tables) index = i;
        for (int i = 0; i < app->doc.nreports && index < 0; i++)
            if (app->doc.reports[i].year == year) index = i;
        if (index < 0) {
            nb_error_set(err, -1, _("%s: no report for the year %d"), app->report_path, year);
            return -1;
        }
    }
    if (index >= app->doc.nreports) {
        nb_error_set(err, -1, _("%s holds %d reports; there is no report %d"), app->report_path,
                     app->doc.nreports, index + 1);
        return -1;
    }
    if (index < 0) {
        if (app->doc.nreports > 1) return 1; /* the caller shows the chooser */
        index = 0;
    }
    return nb_app_open_report(app, index, err);
}

void nb_app_free(nb_app *app) {
    if (app->rv_open) nb_review_free(&app->rv);
    if (app->doc_loaded) nb_document_free(&app->doc);
    free(app->tlines);
    free(app->report_path);
    free(app->review_path);
    free(app->copy_dir);
    memset(app, 0, sizeof *app);
}

/* ---- saving */

/* What the review file on disk looked like when this session last read or
 * wrote it, so that a save notices another window's save in between. */
static void remember_review_file(nb_app *app) {
    struct stat st;
    app->review_seen = app->review_path && stat(app->review_path, &st) == 0;
    if (app->review_seen) {
        app->review_dev = st.st_dev;
        app->review_ino = st.st_ino;
        app->review_size = st.st_size;
        app->review_mtime = st.st_mtim;
    }
}

static bool same_file(const char *a, const char *b) {
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Whether saving to `path` may go ahead: never over the report itself;
 * over a file this session did not write (or that changed since), only
 * when the reviewer says so. */
static bool may_write(nb_app *app, const char *path) {
    if (same_file(path, app->report_path)) {
        nb_app_set_message(app, true, _("Not saved: %s is the report under review; choose another name."),
                           path);
        return false;
    }
    struct stat st;
    if (stat(path, &st) != 0) return true; /* a new file */
    bool ours = app->review_path && strcmp(path, app->review_path) == 0 && app->review_seen &&
                st.st_dev == app->review_dev && st.st_ino == app->review_ino &&
                st.st_size == app->review_size && st.st_mtim.tv_sec == app->review_mtime.tv_sec &&
                st.st_mtim.tv_nsec == app->review_mtime.tv_nsec;
    if (ours) return true;
    char q[1200];
    if (app->review_path && strcmp(path, app->review_path) == 0)
        snprintf(q, sizeof q,
                 _("%s changed on disk since this session read it (another window?). Overwrite it? (y/n) "),
                 path);
    else
        snprintf(q, sizeof q, _("%s exists. Overwrite it? (y/n) "), path);
    if (nb_prompt_choice(app, q, "yn") == 'y') return true;
    nb_app_set_message(app, false, "%s", _("Not saved; :w PATH saves elsewhere."));
    return false;
}

static bool save_to(nb_app *app, const char *path) {
    if (!may_write(app, path)) return false;
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_save(&app->rv, path, &err) != 0) {
        nb_app_set_message(app, true, _("Not saved: %s"), err.message);
        return false;
    }
    if (app->review_path && strcmp(path, app->review_path) == 0) remember_review_file(app);
    nb_app_set_message(app, false, _("Saved %s."), path);
    return true;
}

static bool save(nb_app *app) {
    if (!app->review_path) {
        char *p = nb_prompt(app, _("Save the review as: "), "");
        if (!p || !*p) {
            free(p);
            nb_app_set_message(app, false, "%s", _("Not saved."));
            return false;
        }
        app->review_path = p;
        app->review_seen = false;
    }
    return save_to(app, app->review_path);
}

static void write_recovery(nb_app *app) {
    if (!app->rv_open || !nb_review_dirty(&app->rv)) return;
    char *def = app->review_path ? NULL : nb_review_default_path(app->report_path);
    const char *review = app->review_path ? app->review_path : def;
    char *written = NULL;
    nb_error err;
    nb_error_clear(&err);
    /* Two sessions on one review can be ended at the same moment (a closed
     * terminal with two tabs). Claim the recovery file by creating it
     * exclusively; whoever finds it taken writes its work beside it. */
    char *rec = review ? nb_review_recovery_path(review) : NULL;
    int fd = rec ? open(rec, O_WRONLY | O_CREAT | O_EXCL, 0600) : -1;
    bool taken = fd < 0 && errno == EEXIST;
    if (fd >= 0) close(fd);
    if (taken) {
        /* Another session's (or an earlier) unsaved work is there: keep it,
         * and put ours beside it as a review file, which `nianbao FILE` opens. */
        char alt[4200];
        snprintf(alt, sizeof alt, "%s.recover-%ld.review.yaml", review, (long)getpid());
        if (nb_review_save(&app->rv, alt, &err) == 0)
            say(_("nianbao: unsaved changes written to %s\n"), alt);
        else
            say(_("nianbao: could not write the recovery file: %s\n"), err.message);
    } else if (review && nb_review_write_recovery_to(&app->rv, review, &written, &err) == 0) {
        say(_("nianbao: unsaved changes written to %s\n"), written ? written : review);
    } else {
        if (fd >= 0) unlink(rec); /* no empty claim left behind */
        say(_("nianbao: could not write the recovery file: %s\n"), err.message);
    }
    free(rec);
    free(written);
    free(def);
}

/* ---- commands */

static int selected_finding_or_say(nb_app *app) {
    if (app->sel_finding < 0 || app->sel_finding >= app->rv.findings.count) {
        nb_app_set_message(app, true, "%s", _("No finding is selected (n and N select one)."));
        return -1;
    }
    return app->sel_finding;
}

static bool cell_or_say(nb_app *app) {
    if (!app->rv.current.tpl || app->sel_cell < 0) {
        nb_app_set_message(app, true, "%s", _("This report has no tables to edit."));
        return false;
    }
    return true;
}

/* Full-width digits and signs become ASCII; spaces around are dropped. */
static void normalise_number_input(const char *in, char *out, size_t n) {
    size_t o = 0;
    for (size_t i = 0; in[i] && o + 1 < n;) {
        unsigned char c = (unsigned char)in[i];
        if (c == 0xef && (unsigned char)in[i + 1] == 0xbc) {
            unsigned char d = (unsigned char)in[i + 2];
            if (d >= 0x90 && d <= 0x99) { out[o++] = (char)('0' + d - 0x90); i += 3; continue; }
            if (d == 0x8e) { out[o++] = '.'; i += 3; continue; }
            if (d == 0x8d) { out[o++] = '-'; i += 3; continue; }
            if (d == 0x8b) { out[o++] = '+'; i += 3; continue; }
        }
        out[o++] = (char)c;
        i++;
    }
    out[o] = '\0';
    /* trim */
    size_t s = 0;
    while (out[s] == ' ' || out[s] == '\t') s++;
    memmove(out, out + s, strlen(out + s) + 1);
    size_t e = strlen(out);
    while (e && (out[e - 1] == ' ' || out[e - 1] == '\t')) out[--e] = '\0';
    if (out[0] == '+') memmove(out, out + 1, strlen(out));
}

/* Digits with an optional sign and decimal point: a number, even when it
 * is too large for nb_number_parse. */
static bool looks_numeric(const char *s) {
    if (*s == '-') s++;
    bool digits = false, point = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') digits = true;
        else if (*s == '.' && !point) point = true;
        else return false;
    }
    return digits;
}

static void cmd_edit(nb_app *app) {
    if (!cell_or_say(app)) return;
    int cell = app->sel_cell;
    const nb_template *tpl = app->rv.current.tpl;
    const nb_cell *c = &app->rv.current.cells[cell];
    char id[160], was[48] = "", label[300];
    nb_template_cell_id(tpl, cell, id, sizeof id);
    if (c->has_value) nb_number_format(c->value, was, sizeof was);
    snprintf(label, sizeof label, _("%s = "), id);
    char *input = nb_prompt(app, label, was);
    if (!input) {
        nb_app_set_message(app, false, "%s", _("Edit cancelled; the cell is unchanged."));
        return;
    }
    char text[1100];
    normalise_number_input(input, text, sizeof text);
    if (!text[0]) {
        free(input);
        nb_app_set_message(app, false, "%s", _("Nothing typed; the cell is unchanged (x clears a cell)."));
        return;
    }
    nb_number v;
    unsigned flags = tpl->cells[cell].flags;
    if (!nb_number_parse(text, strlen(text), &v) && looks_numeric(text)) {
        nb_app_set_message(app, true,
                           _("%s is too large for a count or an amount. The cell is unchanged."), text);
    } else if (!nb_number_parse(text, strlen(text), &v)) {
        nb_app_set_message(app, true,
                           _("\"%s\" is not a number: type digits, optionally with a sign or a "
                             "decimal point. The cell is unchanged."),
                           input);
    } else if (v.units < 0 && !(flags & NB_CELL_SIGNED)) {
        nb_app_set_message(app, true, _("%s cannot be negative. The cell is unchanged."), id);
    } else if (v.scale > 0 && !(flags & NB_CELL_AMOUNT)) {
        nb_app_set_message(app, true, _("%s counts things: it takes a whole number. The cell is unchanged."),
                           id);
    } else if (c->has_value && nb_number_cmp(c->value, v) == 0) {
        nb_app_set_message(app, false, _("%s already holds %s."), id, text);
    } else {
        nb_error err;
        nb_error_clear(&err);
        int before = app->rv.findings.errors;
        if (nb_review_set_cell(&app->rv, cell, v, c->unit[0] ? c->unit : NULL, NULL, &err) != 0) {
            nb_app_set_message(app, true, _("Not changed: %s"), err.message);
        } else {
            int after = app->rv.findings.errors;
            after_change(app);
            char now[48];
            nb_number_format(v, now, sizeof now);
            nb_app_set_message(app, false, _("%s: %s -> %s. Errors: %d (were %d)."), id,
                               was[0] ? was : _("no value"), now, after, before);
        }
    }
    free(input);
}

static void cmd_clear(nb_app *app) {
    if (!cell_or_say(app)) return;
    char id[160];
    nb_template_cell_id(app->rv.current.tpl, app->sel_cell, id, sizeof id);
    if (!app->rv.current.cells[app->sel_cell].has_value) {
        nb_app_set_message(app, false, _("%s has no value already."), id);
        return;
    }
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_clear_cell(&app->rv, app->sel_cell, NULL, &err) != 0) {
        nb_app_set_message(app, true, _("Not changed: %s"), err.message);
        return;
    }
    after_change(app);
    nb_app_set_message(app, false, _("%s cleared to no value."), id);
}

static void cmd_accept(nb_app *app) {
    int fi = selected_finding_or_say(app);
    if (fi < 0) return;
    const nb_finding *f = &app->rv.findings.items[fi];
    if (f->culprit < 0) {
        nb_app_set_message(app, true, "%s", _("This finding suggests no single cell to change."));
        return;
    }
    int cell = f->culprit;
    char id[160], v[48];
    nb_template_cell_id(app->rv.current.tpl, cell, id, sizeof id);
    nb_number_format(f->culprit_value, v, sizeof v);
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_accept_suggestion(&app->rv, fi, &err) != 0) {
        nb_app_set_message(app, true, _("Not changed: %s"), err.message);
        return;
    }
    nb_table_select_cell(app, cell);
    after_change(app);
    nb_app_set_message(app, false, _("%s set to %s as suggested. Errors: %d."), id, v,
                       app->rv.findings.errors);
}

/* ---- re-linking: pick a number in the source */

static void pick_stop(nb_app *app) {
    app->picking = false;
    app->focus = app->pick_return_focus;
}

static void cmd_relink(nb_app *app) {
    if (!cell_or_say(app)) return;
    const nb_span *s = nb_selected_span(app);
    size_t from, line_end, start, end;
    if (s) from = s->byte_start;
    else nb_text_line_bounds(&app->doc.text, app->src_cursor, &from, &line_end);
    /* Start on the cell's own number, or the first one after the cursor. */
    if (!nb_source_find_number(app, from, +1, &start, &end) &&
        !nb_source_find_number(app, app->doc.text.len, -1, &start, &end)) {
        nb_app_set_message(app, true, "%s", _("The source holds no number to link to."));
        return;
    }
    app->picking = true;
    app->pick_cell = app->sel_cell;
    app->pick_start = start;
    app->pick_end = end;
    app->pick_return_focus = app->focus;
    app->focus = NB_PANE_SOURCE;
    char id[160];
    nb_template_cell_id(app->rv.current.tpl, app->sel_cell, id, sizeof id);
    nb_app_set_message(app, false,
                       _("Choose the number for %s: arrows or j/k move, Enter takes it, Esc cancels."),
                       id);
}

static void pick_step(nb_app *app, int dir) {
    size_t s, e;
    bool ok = dir > 0 ? nb_source_find_number(app, app->pick_end, +1, &s, &e)
                      : nb_source_find_number(app, app->pick_start, -1, &s, &e);
    if (!ok) return;
    app->pick_start = s;
    app->pick_end = e;
}

/* Jump to the first number at or after the start of `line`. */
static void pick_line(nb_app *app, size_t line) {
    size_t ls, le, s, e;
    if (line >= app->doc.text.nlines) line = app->doc.text.nlines - 1;
    nb_text_line_bounds(&app->doc.text, line, &ls, &le);
    if (nb_source_find_number(app, ls, +1, &s, &e) || nb_source_find_number(app, ls, -1, &s, &e)) {
        app->pick_start = s;
        app->pick_end = e;
    }
}

static void pick_take(nb_app *app) {
    const nb_text *t = &app->doc.text;
    nb_number v;
    size_t s = app->pick_start, e = app->pick_end;
    int cell = app->pick_cell;
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
    nb_template_cell_id(app->rv.current.tpl, cell, id, sizeof id);
    nb_number_format(v, now, sizeof now);
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_relink_cell(&app->rv, cell, v, &span, NULL, &err) != 0) {
        nb_app_set_message(app, true, _("Not changed: %s"), err.message);
        return;
    }
    nb_table_select_cell(app, cell);
    after_change(app);
    nb_app_set_message(app, false, _("%s re-linked to %s on line %d. Errors: %d."), id, now,
                       span.line, app->rv.findings.errors);
}

/* ---- finding statuses */

static void cmd_confirm(nb_app *app) {
    int fi = selected_finding_or_say(app);
    if (fi < 0) return;
    char key[160];
    snprintf(key, sizeof key, "%s", app->rv.findings.items[fi].key);
    const char *old_note = NULL;
    nb_review_status_of(&app->rv, key, &old_note);
    char *note = nb_prompt(app, _("Confirmed in source; note (why the report itself is wrong): "),
                           old_note ? old_note : "");
    if (!note || !*note) {
        free(note);
        nb_app_set_message(app, true, "%s", _("A note is needed to confirm a finding; nothing changed."));
        return;
    }
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_set_status(&app->rv, key, NB_STATUS_CONFIRMED, note, &err) != 0)
        nb_app_set_message(app, true, _("Not changed: %s"), err.message);
    else {
        after_change(app);
        nb_app_set_message(app, false, "%s", _("Finding marked confirmed in source."));
    }
    free(note);
}

static void cmd_reopen(nb_app *app) {
    int fi = selected_finding_or_say(app);
    if (fi < 0) return;
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_set_status(&app->rv, app->rv.findings.items[fi].key, NB_STATUS_OPEN, NULL, &err) != 0)
        nb_app_set_message(app, true, _("Not changed: %s"), err.message);
    else {
        after_change(app);
        nb_app_set_message(app, false, "%s", _("Finding set back to open."));
    }
}

/* ---- search */

static void cmd_search(nb_app *app, int dir) {
    char *q = nb_prompt(app, dir > 0 ? "/" : "?", "");
    if (!q) return;
    if (*q) snprintf(app->last_search, sizeof app->last_search, "%s", q);
    free(q);
    if (!app->last_search[0]) return;
    app->message[0] = '\0';
    if (!nb_source_search(app, app->last_search, dir))
        nb_app_set_message(app, true, _("Not found: %s"), app->last_search);
}

/* ---- sign-off */

static void cmd_sign(nb_app *app) {
    char reviewer[64];
    snprintf(reviewer, sizeof reviewer, "%s", app->config.reviewer);
    if (!reviewer[0]) {
        char *name = nb_prompt(app, _("Reviewer (your name, remembered for next time): "), "");
        if (!name || !*name) {
            free(name);
            nb_app_set_message(app, false, "%s", _("Not signed."));
            return;
        }
        if (strlen(name) >= sizeof reviewer) {
            /* Cut, a name would end inside a character; refuse it instead. */
            nb_app_set_message(app, true,
                               _("The name is too long (at most %zu bytes, about %zu Chinese characters). "
                                 "Not signed."),
                               sizeof reviewer - 1, (sizeof reviewer - 1) / 3);
            free(name);
            return;
        }
        snprintf(reviewer, sizeof reviewer, "%s", name);
        free(name);
        nb_error err;
        nb_error_clear(&err);
        if (nb_config_remember_reviewer(&app->config, reviewer, &err) != 0)
            nb_app_set_message(app, true, _("Could not remember the name: %s"), err.message);
    }
    int v = nb_prompt_choice(app, _("Verdict: (a)pproved, approved with (n)otes, (r)ejected, Esc cancels "),
                             "anr");
    if (!v) {
        nb_app_set_message(app, false, "%s", _("Not signed."));
        return;
    }
    nb_verdict verdict = v == 'a' ? NB_VERDICT_APPROVED
                         : v == 'n' ? NB_VERDICT_APPROVED_WITH_NOTES
                                    : NB_VERDICT_REJECTED;
    char *note = nb_prompt(app, _("Sign-off note (may be empty): "), "");
    if (!note) {
        nb_app_set_message(app, false, "%s", _("Not signed."));
        return;
    }
    bool override = false;
    char *override_note = NULL;
    int open = nb_review_open_errors(&app->rv);
    if (open > 0) {
        char q[200];
        snprintf(q, sizeof q, _("%d errors are still open. Sign anyway (override)? (y/n) "), open);
        if (nb_prompt_choice(app, q, "yn") != 'y') {
            free(note);
            nb_app_set_message(app, false, "%s", _("Not signed."));
            return;
        }
        override_note = nb_prompt(app, _("Override note (why sign with open errors): "), "");
        if (!override_note || !*override_note) {
            free(note);
            free(override_note);
            nb_app_set_message(app, true, "%s", _("An override needs a note. Not signed."));
            return;
        }
        override = true;
    }
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_sign(&app->rv, reviewer, verdict, *note ? note : NULL, override, override_note, &err) != 0)
        nb_app_set_message(app, true, _("Not signed: %s"), err.message);
    else
        nb_app_set_message(app, false, _("Signed off by %s (%s). Press s to save."), reviewer,
                           nb_verdict_name(verdict));
    free(note);
    free(override_note);
}

/* ---- quitting */

static void cmd_quit(nb_app *app, bool force) {
    if (force || !app->rv_open || !nb_review_dirty(&app->rv)) {
        app->quit = true;
        return;
    }
    int c = nb_prompt_choice(app, _("Unsaved changes. Save them first? (y)es, (n)o, (c)ancel "), "ync");
    if (c == 'y') {
        if (save(app)) app->quit = true;
    } else if (c == 'n') {
        app->quit = true;
    } else {
        nb_app_set_message(app, false, "%s", _("Not quitting."));
    }
}

/* ---- the : command line */

static void cmd_line(nb_app *app) {
    char *line = nb_prompt(app, ":", "");
    if (!line) return;
    char *s = line;
    while (*s == ' ') s++;
    char *arg = s + strcspn(s, " ");
    if (*arg) {
        *arg++ = '\0';
        while (*arg == ' ') arg++;
    }
    if (!*s) {
        /* nothing */
    } else if (strcmp(s, "w") == 0 || strcmp(s, "write") == 0 || strcmp(s, "wq") == 0 ||
               strcmp(s, "x") == 0) {
        bool ok = *arg ? save_to(app, arg) : save(app);
        if (ok && s[0] != 'w') app->quit = true;
        if (ok && strcmp(s, "wq") == 0) app->quit = true;
    } else if (strcmp(s, "q") == 0 || strcmp(s, "quit") == 0) {
        cmd_quit(app, false);
    } else if (strcmp(s, "q!") == 0) {
        cmd_quit(app, true);
    } else if (strcmp(s, "help") == 0 || strcmp(s, "h") == 0) {
        nb_help_show(app);
    } else {
        nb_cmd c = nb_cmd_by_name(s);
        if (c == NB_CMD_NONE || c == NB_CMD_COMMAND)
            nb_app_set_message(app, true, _("Unknown command: %s (:help lists them)"), s);
        else
            nb_app_run_command(app, c);
    }
    free(line);
}

/* ---- dispatch */

void nb_app_run_command(nb_app *app, nb_cmd cmd) {
    nb_pane f = app->focus;
    switch (cmd) {
    case NB_CMD_MOVE_UP:
    case NB_CMD_MOVE_DOWN: {
        int d = cmd == NB_CMD_MOVE_UP ? -1 : 1;
        if (f == NB_PANE_TABLE) nb_table_move(app, d, 0);
        else if (f == NB_PANE_SOURCE) nb_source_move(app, d);
        else if (app->sel_finding + d >= 0 && app->sel_finding + d < app->rv.findings.count)
            nb_findings_select(app, app->sel_finding + d, true);
        break;
    }
    case NB_CMD_MOVE_LEFT:
    case NB_CMD_MOVE_RIGHT:
        if (f == NB_PANE_TABLE) nb_table_move(app, 0, cmd == NB_CMD_MOVE_LEFT ? -1 : 1);
        break;
    case NB_CMD_PAGE_UP:
    case NB_CMD_PAGE_DOWN: {
        int d = cmd == NB_CMD_PAGE_UP ? -1 : 1;
        if (f == NB_PANE_TABLE) nb_table_page(app, d);
        else if (f == NB_PANE_SOURCE) nb_source_page(app, d);
        else {
            int page = app->pane[NB_PANE_FINDINGS].h - 2;
            int i = app->sel_finding + d * (page > 1 ? page : 1);
            if (i < 0) i = 0;
            if (i >= app->rv.findings.count) i = app->rv.findings.count - 1;
            nb_findings_select(app, i, true);
        }
        break;
    }
    case NB_CMD_FIRST:
    case NB_CMD_LAST: {
        bool last = cmd == NB_CMD_LAST;
        if (f == NB_PANE_TABLE) nb_table_first_last(app, last);
        else if (f == NB_PANE_SOURCE) nb_source_scroll_to(app, last ? app->doc.text.nlines - 1 : 0);
        else if (app->rv.findings.count)
            nb_findings_select(app, last ? app->rv.findings.count - 1 : 0, true);
        break;
    }
    case NB_CMD_NEXT_PANE: app->focus = (nb_pane)((f + 1) % NB_PANE_COUNT); break;
    case NB_CMD_PREV_PANE: app->focus = (nb_pane)((f + NB_PANE_COUNT - 1) % NB_PANE_COUNT); break;
    case NB_CMD_NEXT_FINDING: nb_findings_step(app, +1); break;
    case NB_CMD_PREV_FINDING: nb_findings_step(app, -1); break;
    case NB_CMD_EDIT: cmd_edit(app); break;
    case NB_CMD_CLEAR: cmd_clear(app); break;
    case NB_CMD_ACCEPT: cmd_accept(app); break;
    case NB_CMD_RELINK: cmd_relink(app); break;
    case NB_CMD_CONFIRM: cmd_confirm(app); break;
    case NB_CMD_REOPEN: cmd_reopen(app); break;
    case NB_CMD_UNDO:
        if (nb_review_undo(&app->rv)) {
            after_change(app);
            nb_app_set_message(app, false, _("Undone. Errors: %d."), app->rv.findings.errors);
        } else {
            nb_app_set_message(app, false, "%s", _("Nothing to undo."));
        }
        break;
    case NB_CMD_REDO:
        if (nb_review_redo(&app->rv)) {
            after_change(app);
            nb_app_set_message(app, false, _("Redone. Errors: %d."), app->rv.findings.errors);
        } else {
            nb_app_set_message(app, false, "%s", _("Nothing to redo."));
        }
        break;
    case NB_CMD_SEARCH: cmd_search(app, +1); break;
    case NB_CMD_SEARCH_BACK: cmd_search(app, -1); break;
    case NB_CMD_SAVE: save(app); break;
    case NB_CMD_SIGN: cmd_sign(app); break;
    case NB_CMD_COMMAND: cmd_line(app); break;
    case NB_CMD_HELP: nb_help_show(app); break;
    case NB_CMD_REDRAW: clearok(curscr, TRUE); break;
    case NB_CMD_QUIT: cmd_quit(app, false); break;
    case NB_CMD_NONE:
    case NB_CMD_COUNT: break;
    }
}

/* While picking a number for re-linking, movement keys walk the numbers
 * of the source; Enter takes one, Esc gives up. */
static bool pick_key(nb_app *app, nb_key key) {
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
        long line = (long)nb_text_line_of(&app->doc.text, app->pick_start) +
                    (cmd == NB_CMD_PAGE_UP ? -page : page);
        pick_line(app, line < 0 ? 0 : (size_t)line);
        return true;
    }
    case NB_CMD_EDIT: pick_take(app); return true;
    case NB_CMD_QUIT:
        pick_stop(app);
        nb_app_set_message(app, false, "%s", _("Re-link cancelled."));
        return true;
    case NB_CMD_SEARCH:
    case NB_CMD_SEARCH_BACK:
        cmd_search(app, cmd == NB_CMD_SEARCH ? 1 : -1);
        if (app->search_end) pick_line(app, nb_text_line_of(&app->doc.text, app->search_start));
        return true;
    default: return false; /* other keys are ignored while picking */
    }
}

void nb_app_handle_key(nb_app *app, nb_key key) {
    if (key.function && key.code == KEY_RESIZE) {
        nb_app_handle_signals(app);
        return;
    }
    app->message[0] = '\0';
    if (app->too_small) {
        nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
        if (cmd == NB_CMD_QUIT) cmd_quit(app, false);
        return;
    }
    if (app->picking) {
        if (!pick_key(app, key))
            nb_app_set_message(app, false, "%s", _("Choosing a number: Enter takes it, Esc cancels."));
        return;
    }
    nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
    if (cmd == NB_CMD_NONE && !key.function && key.code == 27) return; /* Esc: nothing to cancel */
    if (cmd == NB_CMD_NONE) {
        char name[32];
        nb_key_name(key, name, sizeof name);
        nb_app_set_message(app, false, _("%s does nothing here; F1 lists the keys."), name);
        return;
    }
    nb_app_run_command(app, cmd);
}

void nb_app_mouse(nb_app *app, int y, int x) {
    for (int i = 0; i < app->nhits; i++) {
        const nb_hit *h = &app->hits[i];
        if (h->y != y || x < h->x || x >= h->x + h->w) continue;
        if (h->kind == 0 && !app->picking) {
            app->focus = NB_PANE_TABLE;
            nb_table_select_cell(app, (int)h->value);
        } else if (h->kind == 1) {
            if (app->picking) pick_line(app, (size_t)h->value);
            else {
                app->focus = NB_PANE_SOURCE;
                app->src_cursor = (size_t)h->value;
            }
        } else if (h->kind == 2 && !app->picking) {
            app->focus = NB_PANE_FINDINGS;
            nb_findings_select(app, (int)h->value, true);
        }
        return;
    }
}

/* ---- start-up */

static void usage(FILE *out) {
    fprintf(out, "%s",
            _("Usage: nianbao [OPTION]... REPORT\n"
              "       nianbao [OPTION]... REPORT.review.yaml\n"
              "Review the tables of a government information disclosure annual report.\n"
              "\n"
              "  --theme NAME   colour theme (default, light, high-contrast, monochrome,\n"
              "                 or a theme in $XDG_CONFIG_HOME/nianbao/themes)\n"
              "  --report N     open the N-th report of the file (1 = first)\n"
              "  --year YYYY    open the report whose data covers YYYY\n"
              "  -o REVIEW      save the review to REVIEW (default REPORT.review.yaml)\n"
              "  --help         show this help\n"
              "\n"
              "REPORT may be an http:// or https:// address: it is fetched and an exact copy\n"
              "is kept beside the review (in the folder of REVIEW, or the current folder).\n"
              "\n"
              "Press F1 on the review screen for every key; see 'man nianbao'.\n"));
}

static void setup_theme(nb_app *app, const char *cli_theme) {
    const char *no_color = getenv("NO_COLOR");
    bool mono = (no_color && *no_color) || !has_colors();
    const char *name = cli_theme ? cli_theme
                       : mono    ? "monochrome"
                       : app->config.theme[0] ? app->config.theme
                                              : "default";
    nb_error err;
    nb_error_clear(&err);
    if (nb_theme_load(&app->theme, name, &err) != 0) {
        nb_app_set_message(app, true, _("Theme not used: %s. Using the default theme."), err.message);
        nb_theme_builtin(&app->theme, mono);
    }
    if (mono) app->theme.monochrome = true;
    if (!app->theme.monochrome) {
        start_color();
        use_default_colors();
    }
    nb_theme_apply(&app->theme);
}

static void offer_recovery(nb_app *app) {
    if (!app->review_path) return;
    char *rec = nb_review_recovery_found(app->review_path);
    if (!rec) return;
    char q[1200];
    snprintf(q, sizeof q,
             _("Unsaved work from an interrupted session is in %s. Load it? (y)es, (n)ot now, (d)iscard "),
             rec);
    int answer = nb_prompt_choice(app, q, "ynd");
    nb_error err;
    nb_error_clear(&err);
    if (answer == 'y') {
        bool changed = false;
        char *mismatch = NULL;
        /* The recovery file holds the whole review: apply it to a fresh reading. */
        if (nb_app_open_report(app, app->rv.report_index, &err) != 0 ||
            nb_review_recover(&app->rv, app->review_path, &changed, &mismatch, &err) != 0)
            nb_app_set_message(app, true, _("Recovery file not loaded: %s"), err.message);
        else
            nb_app_set_message(app, false, _("Recovered unsaved work from %s; s saves it."), rec);
        free(mismatch);
        nb_table_build(app);
    } else if (answer == 'd') {
        if (nb_review_discard_recovery(app->review_path) != 0)
            nb_app_set_message(app, true, _("Could not remove %s."), rec);
        else
            nb_app_set_message(app, false, _("Discarded %s."), rec);
    }
    free(rec);
}

/* Load a saved review onto the freshly opened report. */
static void resume(nb_app *app, const char *path) {
    nb_error err;
    nb_error_clear(&err);
    bool changed = false;
    char *mismatch = NULL;
    if (nb_review_load(&app->rv, path, &changed, &mismatch, &err) != 0) {
        /* Not this report's review, or damaged: never overwrite it. */
        nb_app_set_message(app, true, _("%s exists but was not loaded (%s); s will ask where to save."),
                           path, err.message);
        free(app->review_path);
        app->review_path = NULL;
        return;
    }
    nb_table_build(app);
    if (changed)
        nb_app_set_message(app, true, _("The source changed since %s was saved: check the edits."), path);
    else if (mismatch)
        nb_app_set_message(app, true, _("Edited cells read differently now: %s"), mismatch);
    else
        nb_app_set_message(app, false, _("Resumed the review in %s."), path);
    free(mismatch);
}

int nb_tui_main(int argc, char **argv) {
    const char *theme = NULL, *out = NULL, *path = NULL;
    int report = -1, year = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
#define OPTION(name) \
    (strcmp(a, name) == 0 ? (i + 1 < argc ? (val = argv[++i], 1) : (val = NULL, 1)) \
     : strncmp(a, name "=", strlen(name) + 1) == 0 ? (val = a + strlen(name) + 1, 1) : 0)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (OPTION("--theme")) {
            theme = val;
        } else if (OPTION("--report")) {
            char *end;
            long n = val ? strtol(val, &end, 10) : 0;
            if (!val || *end || n < 1 || n > 10000) {
                fprintf(stderr, _("nianbao: --report takes a number from 1\n"));
                return 2;
            }
            report = (int)n - 1;
        } else if (OPTION("--year")) {
            char *end;
            long n = val ? strtol(val, &end, 10) : 0;
            if (!val || *end || n < 1900 || n > 2200) {
                fprintf(stderr, _("nianbao: --year takes a year such as 2023\n"));
                return 2;
            }
            year = (int)n;
        } else if (OPTION("-o") || OPTION("--output")) {
            out = val;
        } else if (a[0] == '-' && a[1]) {
            say(_("nianbao: unknown option %s\n"), a);
            usage(stderr);
            return 2;
        } else if (!path) {
            path = a;
        } else {
            say(_("nianbao: one report at a time (got %s and %s)\n"), path, a);
            return 2;
        }
        if ((strcmp(a, "--theme") == 0 || strcmp(a, "-o") == 0) && !val) {
            say(_("nianbao: %s needs a value\n"), a);
            return 2;
        }
#undef OPTION
    }
    if (!path) {
        usage(stderr);
        return 2;
    }

    nb_app *app = calloc(1, sizeof *app);
    if (!app) return 1;
    char config_messages[1024] = "";
    nb_keymap_defaults(&app->keymap);
    nb_config_load(&app->config, &app->keymap, config_messages, sizeof config_messages);

    nb_error err;
    nb_error_clear(&err);
    bool is_review = is_review_name(path);
    if (out) app->copy_dir = nb_path_dirname(out);
    int rc = nb_app_open(app, path, report, year, &err);
    if (rc < 0) {
        say("nianbao: %s", err.message);
        nb_app_free(app);
        free(app);
        return 1;
    }
    if (!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) {
        fprintf(stderr, "%s",
                _("nianbao: the review screen needs a terminal; try 'nianbao check' or 'nianbao export'\n"));
        nb_app_free(app);
        free(app);
        return 2;
    }
    if (out) app->review_path = strdup(out);
    else if (is_review) app->review_path = strdup(path);
    else app->review_path = nb_review_default_path(app->report_path);
    remember_review_file(app);

    /* The report is UTF-8 whatever the locale says; in the C locale of a
     * bare system curses would draw every CJK character as "~". */
    const char *codeset = nl_langinfo(CODESET);
    if (!codeset || (strcmp(codeset, "UTF-8") != 0 && strcmp(codeset, "utf8") != 0))
        if (!setlocale(LC_CTYPE, "C.UTF-8")) setlocale(LC_CTYPE, "en_US.UTF-8");
    const char *term = getenv("TERM");
    nb_terminal_fitness fit = nb_terminal_check();
    if (fit == NB_TERMINAL_UNKNOWN) {
        say(_("nianbao: the terminal type \"%s\" is unknown; set TERM (e.g. xterm-256color), or "
              "try 'nianbao check' or 'nianbao export'"),
            term ? term : "");
        nb_app_free(app);
        free(app);
        return 2;
    }
    if (fit == NB_TERMINAL_NO_CURSOR) {
        say(_("nianbao: the terminal \"%s\" cannot place the cursor; the review screen needs one "
              "that can (try 'nianbao check' or 'nianbao export')"),
            term ? term : "");
        nb_app_free(app);
        free(app);
        return 2;
    }
    nb_signals_install(); /* before curses, or it installs handlers that lose work */
    SCREEN *screen = newterm(NULL, stdout, stdin);
    if (!screen) {
        say("%s", _("nianbao: cannot start the terminal screen"));
        nb_app_free(app);
        free(app);
        return 2;
    }
    set_term(screen);
    cbreak();
    noecho();
    nonl();
    keypad(stdscr, TRUE);
    set_escdelay(25);
    timeout(100); /* how soon a signal flag is noticed while no key comes */
    curs_set(0);
    mousemask(BUTTON1_CLICKED | BUTTON1_PRESSED, NULL);
    mouseinterval(0);
    setup_theme(app, theme);
    if (config_messages[0] && !app->message[0]) nb_app_set_message(app, true, "%s", config_messages);

    if (rc == 1 && app->review_path && exists(app->review_path)) {
        /* A saved review of one of the reports: resume that one rather
         * than ask (--report or --year choose another). */
        nb_review_file f;
        memset(&f, 0, sizeof f);
        nb_error ferr;
        nb_error_clear(&ferr);
        if (nb_review_read_file(app->review_path, &f, &ferr) == 0) {
            int index = nb_review_file_report(&app->doc, &f);
            if (index >= 0 && nb_app_open_report(app, index, &ferr) == 0) rc = 0;
        }
        nb_review_file_free(&f);
    }
    if (rc == 1) {
        int chosen = nb_chooser_run(app);
        if (chosen < 0 || nb_sig_terminate) {
            endwin();
            nb_app_free(app);
            free(app);
            return 0;
        }
        if (nb_app_open_report(app, chosen, &err) != 0) {
            endwin();
            say("nianbao: %s", err.message);
            nb_app_free(app);
            free(app);
            return 1;
        }
    }
    if (!is_review && app->review_path && exists(app->review_path)) resume(app, app->review_path);
    offer_recovery(app);

    while (!app->quit) {
        if (nb_sig_terminate) break;
        nb_app_handle_signals(app);
        nb_render(app);
        refresh();
        wint_t c;
        int kind = get_wch(&c);
        if (kind == ERR) continue; /* timeout: look at the signal flags */
        if (kind == KEY_CODE_YES && c == KEY_MOUSE) {
            MEVENT ev;
            if (getmouse(&ev) == OK) nb_app_mouse(app, ev.y, ev.x);
            continue;
        }
        nb_key key = {(int)c, kind == KEY_CODE_YES};
        nb_app_handle_key(app, key);
    }
    endwin();
    delscreen(screen);
    int status = 0;
    if (nb_sig_terminate) {
        write_recovery(app);
        status = 128 + (int)nb_sig_terminate;
    }
    nb_app_free(app);
    free(app);
    return status;
}
