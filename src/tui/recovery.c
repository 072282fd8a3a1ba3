/* Unsaved work and its recovery files. The one rule: whatever the
 * reviewer had, in memory or saved, is on disk in a file the next start
 * offers, until it is saved into the review or discarded. The table
 * `rules` below is that rule as states and events; the functions after it
 * only find the event, take the step and do what the step says. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tui.h"

/* What each step does to the recovery files. */
typedef enum {
    DO_NOTHING,
    DO_ASK,           /* ask about the files found, newest first */
    DO_LOAD,          /* the review in hand becomes the recovered one */
    DO_KEEP,          /* the file stays for a later start */
    DO_REMOVE,        /* the file asked about is removed */
    DO_REMOVE_LOADED, /* the loaded file is removed: its work is in the review */
    DO_WRITE_NEW,     /* claim the recovery file; a taken one gets a second file */
    DO_WRITE_OVER,    /* write over the loaded file: it is this session's */
} rec_action;

static const struct nb_recovery_rule {
    nb_recovery_state from;
    nb_recovery_event on;
    nb_recovery_state to;
    rec_action act;
} rules[] = {
    {NB_REC_NONE, NB_REC_EV_START, NB_REC_ASKING, DO_ASK},
    /* the later files stay for the next start: loading two would mix them */
    {NB_REC_ASKING, NB_REC_EV_YES, NB_REC_LOADED, DO_LOAD},
    {NB_REC_ASKING, NB_REC_EV_UNREADABLE, NB_REC_ASKING, DO_KEEP},
    {NB_REC_ASKING, NB_REC_EV_NOT_NOW, NB_REC_ASKING, DO_KEEP},
    {NB_REC_ASKING, NB_REC_EV_DISCARD, NB_REC_ASKING, DO_REMOVE},
    {NB_REC_ASKING, NB_REC_EV_NO_MORE, NB_REC_NONE, DO_NOTHING},
    /* files said "not now" to are no part of what was saved */
    {NB_REC_NONE, NB_REC_EV_SAVED, NB_REC_NONE, DO_NOTHING},
    {NB_REC_LOADED, NB_REC_EV_SAVED, NB_REC_NONE, DO_REMOVE_LOADED},
    /* a copy elsewhere (:w OTHER) leaves the review itself without the work */
    {NB_REC_NONE, NB_REC_EV_SAVED_COPY, NB_REC_NONE, DO_NOTHING},
    {NB_REC_LOADED, NB_REC_EV_SAVED_COPY, NB_REC_LOADED, DO_NOTHING},
    {NB_REC_NONE, NB_REC_EV_INTERRUPTED, NB_REC_NONE, DO_WRITE_NEW},
    {NB_REC_LOADED, NB_REC_EV_INTERRUPTED, NB_REC_LOADED, DO_WRITE_OVER},
};

bool nb_recovery_rule(nb_recovery_state from, nb_recovery_event on, nb_recovery_state *to) {
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rules[i].from == from && rules[i].on == on) {
            if (to) *to = rules[i].to;
            return true;
        }
    return false;
}

/* Take the step `on`; what to do. An event with no rule in this state
 * changes nothing (it cannot happen: every caller is in a state it has). */
static rec_action step(nb_app *app, nb_recovery_event on) {
    for (size_t i = 0; i < sizeof rules / sizeof rules[0]; i++)
        if (rules[i].from == app->recovery_state && rules[i].on == on) {
            app->recovery_state = rules[i].to;
            return rules[i].act;
        }
    return DO_NOTHING;
}

/* The review file recovery belongs to: where `s` saves, else where it
 * would (a review that could not be loaded clears the first, and its
 * recovery must still be found). malloc'd; NULL without memory. */
static char *review_of(const nb_app *app) {
    if (app->review_path) return strdup(app->review_path);
    if (!app->report_path) return NULL;
    return app->rv_open ? nb_review_path_for(app->report_path, &app->doc, app->rv.report_index)
                        : nb_review_default_path(app->report_path);
}

/* ---- an interruption ---------------------------------------------------- */

/* A claim to wait out: an empty file a session made before it could
 * write (within milliseconds). One that stayed empty longer is left from
 * a session that could not write at all (a full disk): no one's work. */
#define CLAIM_STALE_SECONDS 5

static bool stale_claim(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0 &&
           time(NULL) - st.st_mtime > CLAIM_STALE_SECONDS;
}

/* Write the work where the next start looks: the recovery file (claimed
 * by creating it exclusively, so that two sessions ended at once do not
 * write over each other), or over the file this session loaded; when the
 * first is another session's, beside it as a second recovery file. */
static void write_recovery(nb_app *app, const char *review, bool over_loaded) {
    char *rec = nb_review_recovery_path(review);
    char *written = NULL;
    nb_error err;
    nb_error_clear(&err);
    bool ours = rec && ((over_loaded && strcmp(rec, app->recovery_loaded) == 0) || stale_claim(rec));
    int fd = rec && !ours ? open(rec, O_WRONLY | O_CREAT | O_EXCL, 0600) : -1;
    bool taken = fd < 0 && !ours && errno == EEXIST;
    if (fd >= 0) close(fd);
    int rc;
    if (taken) {
        written = nb_review_second_recovery_path(review, (long)getpid());
        rc = written ? nb_review_write_copy(&app->rv, written, &err) : -1;
    } else {
        rc = nb_review_write_recovery_to(&app->rv, review, &written, &err);
        /* written elsewhere (the folder is full or read-only): no empty
         * claim is left where the next start looks first */
        if (fd >= 0 && (rc != 0 || (written && strcmp(written, rec) != 0))) unlink(rec);
    }
    if (rc == 0) {
        /* the file loaded earlier is part of what was just written */
        if (over_loaded && written && strcmp(written, app->recovery_loaded) != 0) unlink(app->recovery_loaded);
        nb_say(_("nianbao: unsaved changes written to %s\n"), written);
    } else {
        nb_say(_("nianbao: could not write the recovery file: %s\n"), err.message[0] ? err.message : "?");
    }
    free(rec);
    free(written);
}

void nb_recovery_write(nb_app *app) {
    if (!app->rv_open || !nb_review_dirty(&app->rv)) return;
    char *review = review_of(app);
    if (!review) return;
    rec_action act = step(app, NB_REC_EV_INTERRUPTED);
    if (act == DO_WRITE_NEW || act == DO_WRITE_OVER) write_recovery(app, review, act == DO_WRITE_OVER);
    free(review);
}

/* ---- a save --------------------------------------------------------------- */

void nb_recovery_saved(nb_app *app, bool into_review) {
    rec_action act = step(app, into_review ? NB_REC_EV_SAVED : NB_REC_EV_SAVED_COPY);
    if (act == DO_REMOVE_LOADED && app->recovery_loaded) {
        unlink(app->recovery_loaded);
        free(app->recovery_loaded);
        app->recovery_loaded = NULL;
    }
}

/* ---- the start: asking about what was found ------------------------------ */

/* "it changes 2 cells (规章 · 本年制发件数 0 -> 7, …) and 1 status" into
 * buf: what loading `trial` would change in the review in hand. */
static void describe_changes(const nb_app *app, const nb_review *trial, char *buf, size_t n) {
    const nb_report *now = &app->rv.current, *then = &trial->current;
    int cells = 0, first = -1;
    int ncells = now->tpl && now->cells && then->cells && then->tpl == now->tpl ? now->tpl->ncells : 0;
    for (int i = 0; i < ncells; i++) {
        const nb_cell *a = &now->cells[i], *b = &then->cells[i];
        if (a->has_value == b->has_value && (!a->has_value || nb_number_cmp(a->value, b->value) == 0)) continue;
        if (cells++ == 0) first = i;
    }
    int statuses = 0;
    for (int k = 0; k < trial->findings.count; k++) {
        const char *key = trial->findings.items[k].key, *na = NULL, *nb = NULL;
        if (nb_review_status_of(&app->rv, key, &na) != nb_review_status_of(trial, key, &nb) ||
            strcmp(na ? na : "", nb ? nb : "") != 0)
            statuses++;
    }
    char what[300] = "";
    if (first >= 0) {
        char name[160], was[48] = "", now_text[48] = "";
        nb_cell_name(app, first, name, sizeof name);
        if (now->cells[first].has_value) nb_number_format(now->cells[first].value, was, sizeof was);
        if (then->cells[first].has_value) nb_number_format(then->cells[first].value, now_text, sizeof now_text);
        snprintf(what, sizeof what, "%s %s -> %s%s", name, was[0] ? was : _("no value"),
                 now_text[0] ? now_text : _("no value"), cells > 1 ? ", …" : "");
    }
    if (cells > 0 && statuses > 0)
        snprintf(buf, n, ngettext("it changes %d cell (%s) and %d finding's status",
                                  "it changes %d cells (%s) and %d findings' status", (unsigned long)cells),
                 cells, what, statuses);
    else if (cells > 0)
        snprintf(buf, n, ngettext("it changes %d cell (%s)", "it changes %d cells (%s)", (unsigned long)cells),
                 cells, what);
    else if (statuses > 0)
        snprintf(buf, n, ngettext("it changes %d finding's status", "it changes %d findings' status",
                                  (unsigned long)statuses),
                 statuses);
    else
        snprintf(buf, n, "%s", _("it changes nothing in the review as it is now"));
}

/* Read `rec` onto a fresh reading of the report, into *trial. */
static bool try_recovery(nb_app *app, const char *rec, nb_review *trial, nb_error *err) {
    bool changed = false;
    char *mismatch = NULL;
    if (nb_review_open(trial, &app->doc, app->rv.report_index, err) != 0) return false;
    snprintf(trial->reviewer, sizeof trial->reviewer, "%s", app->rv.reviewer);
    int rc = nb_review_recover_from(trial, rec, &changed, &mismatch, err);
    free(mismatch);
    if (rc != 0) nb_review_free(trial);
    return rc == 0;
}

/* Ask about one file found; the event that answers it. A file that does
 * not load is said so, and can only be kept or discarded. *trial holds
 * the loaded review when the answer is yes. */
static nb_recovery_event ask_about(nb_app *app, const nb_recovery_file *f, nb_review *trial) {
    char when[64] = "";
    struct tm tm;
    time_t t = f->mtime.tv_sec;
    if (localtime_r(&t, &tm)) strftime(when, sizeof when, "%Y-%m-%d %H:%M:%S", &tm);
    char q[2400];
    nb_error err;
    nb_error_clear(&err);
    if (!try_recovery(app, f->path, trial, &err)) {
        snprintf(q, sizeof q,
                 _("Unsaved work from an interrupted session (%s) is in %s, but it cannot be loaded: %s. "
                   "(n)ot now, (d)iscard "),
                 when, f->path, err.message);
        if (nb_prompt_choice(app, q, "nd") == 'd') return NB_REC_EV_DISCARD;
        nb_app_set_message(app, true, _("Recovery file not loaded, and kept: %s (%s)"), f->path, err.message);
        return NB_REC_EV_UNREADABLE;
    }
    char changes[800];
    describe_changes(app, trial, changes, sizeof changes);
    snprintf(q, sizeof q,
             _("Unsaved work from an interrupted session (%s) is in %s: %s. Load it? (y)es, (n)ot now, "
               "(d)iscard "),
             when, f->path, changes);
    int answer = nb_prompt_choice(app, q, "ynd");
    if (answer == 'y') return NB_REC_EV_YES;
    nb_review_free(trial);
    return answer == 'd' ? NB_REC_EV_DISCARD : NB_REC_EV_NOT_NOW;
}

static void load(nb_app *app, const char *rec, nb_review *trial, int kept) {
    nb_review_free(&app->rv);
    app->rv = *trial;
    free(app->recovery_loaded);
    app->recovery_loaded = strdup(rec);
    app->table.sel_cell = -1;
    app->findings.sel = -1;
    nb_table_build(app);
    if (kept > 0)
        nb_app_set_message(app, false,
                           ngettext("Recovered unsaved work from %s; s saves it. %d older recovery file is "
                                    "kept for the next start.",
                                    "Recovered unsaved work from %s; s saves it. %d older recovery files are "
                                    "kept for the next start.",
                                    (unsigned long)kept),
                           rec, kept);
    else
        nb_app_set_message(app, false, _("Recovered unsaved work from %s; s saves it."), rec);
}

void nb_recovery_offer(nb_app *app) {
    if (!app->rv_open) return;
    char *review = review_of(app);
    nb_recovery_file *files = NULL;
    int n = review ? nb_review_recoveries(review, &files) : 0;
    free(review);
    if (n <= 0 || step(app, NB_REC_EV_START) != DO_ASK) {
        nb_recovery_files_free(files, n > 0 ? n : 0);
        return;
    }
    for (int i = 0; i < n && app->recovery_state == NB_REC_ASKING && !nb_sig_terminate; i++) {
        nb_review trial;
        nb_recovery_event ev = ask_about(app, &files[i], &trial);
        switch (step(app, ev)) {
        case DO_LOAD: load(app, files[i].path, &trial, n - i - 1); break;
        case DO_REMOVE:
            if (unlink(files[i].path) != 0 && errno != ENOENT)
                nb_app_set_message(app, true, _("Could not remove %s."), files[i].path);
            else
                nb_app_set_message(app, false, _("Discarded %s."), files[i].path);
            break;
        default: break; /* kept, and said so */
        }
    }
    if (app->recovery_state == NB_REC_ASKING) step(app, NB_REC_EV_NO_MORE);
    nb_recovery_files_free(files, n);
}
