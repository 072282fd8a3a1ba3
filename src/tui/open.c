/* Opening what the command line names: a report (or a web address,
 * fetched once and reviewed from its copy), or a review file, whose report
 * is found and whose edits, statuses and sign-off are re-applied. Needs no
 * terminal: the render benchmark opens reports through it too. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nianbao/check.h"
#include "nianbao/url.h"
#include "nianbao/yamlio.h"
#include "tui.h"

static bool ends_with(const char *s, const char *suffix) {
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcmp(s + n - m, suffix) == 0;
}

/* A review file given instead of a report (never a web address, whose
 * path may end in anything). */
bool nb_is_review_name(const char *path) {
    return !nb_url_is_web(path) && (ends_with(path, ".review.yaml") || ends_with(path, ".review.yml"));
}

bool nb_file_exists(const char *p) {
    struct stat st;
    return stat(p, &st) == 0;
}

/* After a saved review was applied to a fresh reading of its report:
 * rebuild the table and say whether the reading still agrees with it. */
static void say_resumed(nb_app *app, const char *path, bool changed, char *mismatch) {
    nb_table_build(app);
    if (changed)
        nb_app_set_message(app, true, _("The source changed since %s was saved: check the edits."), path);
    else if (mismatch)
        nb_app_set_message(app, true, _("Edited cells read differently now: %s"), mismatch);
    else
        nb_app_set_message(app, false, _("Resumed the review in %s."), path);
    free(mismatch);
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
    app->table.sel_cell = -1;
    app->focus = NB_PANE_TABLE;
    app->findings.sel = -1; /* n selects the first */
    app->table.top = 0;
    app->table.hcol = 0;
    /* Start the source at this report; the selected cell's span, if any,
     * takes over when the screen is drawn. */
    const nb_report *rep = &app->doc.reports[index];
    app->source.cursor = nb_text_line_of(&app->doc.text, rep->title.line > 0 ? rep->title.byte_start
                                                                          : rep->byte_start);
    app->source.top = app->source.cursor;
    app->source.top_sub = 0;
    nb_table_build(app);
    app->source.follow_cell = true;
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
        if (source && !nb_file_exists(source)) {
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
    say_resumed(app, path, changed, mismatch);
    rc = 0;
done:
    nb_review_file_free(&f);
    return rc;
}

int nb_app_open(nb_app *app, const char *path, int report_index, int year, nb_error *err) {
    if (nb_is_review_name(path)) return open_review_file(app, path, err);
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

void nb_app_set_previous(nb_app *app, const char *path) {
    if (!app->rv_open) return;
    nb_error err;
    nb_error_clear(&err);
    if (app->prev_loaded) {
        nb_review_set_previous(&app->rv, NULL);
        nb_document_free(&app->prev_doc);
        app->prev_loaded = false;
    }
    if (nb_document_open_with(&app->prev_doc, path, NULL, NB_LOAD_DEFAULT, &err) != 0) {
        nb_app_set_message(app, true, _("Last year's report not read: %s"), err.message);
        return;
    }
    app->prev_loaded = true;
    /* The file is named on purpose: its report of the year before counts
     * even under another name of the agency. */
    const nb_report *prev = nb_check_find_previous(&app->prev_doc, &app->doc.reports[app->rv.report_index], false);
    if (!prev) {
        nb_app_set_message(app, true, _("%s holds no report of %d with tables; checked without last year's."),
                           path, app->rv.current.year - 1);
        return;
    }
    nb_review_set_previous(&app->rv, prev);
    nb_after_change(app);
    nb_app_set_message(app, false, _("Checked against last year's report too: %s (%d)."), path, prev->year);
}

void nb_app_free(nb_app *app) {
    if (app->rv_open) nb_review_free(&app->rv);
    if (app->doc_loaded) nb_document_free(&app->doc);
    if (app->prev_loaded) nb_document_free(&app->prev_doc);
    free(app->table.tlines);
    free(app->report_path);
    free(app->review_path);
    free(app->recovery_loaded);
    free(app->findings.marked);
    free(app->copy_dir);
    memset(app, 0, sizeof *app);
}

/* Load a saved review onto the freshly opened report. */
void nb_app_resume(nb_app *app, const char *path) {
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
    say_resumed(app, path, changed, mismatch);
}
