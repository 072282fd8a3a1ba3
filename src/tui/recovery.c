/* Unsaved work and the recovery file: written when a terminating signal
 * ends the session (claimed exclusively, so that two sessions ended at
 * once do not overwrite each other), and offered back at the next start.
 * The rule: whatever the reviewer had is on disk in a file the next start
 * offers until it is saved into the review or discarded — a recovery that
 * does not load is kept, "not now" keeps it, and only a save of the work
 * it holds (savefile.c) removes it. */
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

/* The review file recovery belongs to: where `s` saves, else where it
 * would (a review that could not be loaded clears the first, and its
 * recovery must still be found). malloc'd; NULL without memory. */
static char *review_of(const nb_app *app) {
    if (app->review_path) return strdup(app->review_path);
    return app->report_path ? nb_review_default_path(app->report_path) : NULL;
}

/* A claim to wait out: an empty file a session made before it could
 * write (within milliseconds). One that stayed empty longer is left from
 * a session that could not write at all (a full disk): no one's work. */
#define CLAIM_STALE_SECONDS 5

static bool stale_claim(const char *path) {
    struct stat st;
    return stat(path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == 0 &&
           time(NULL) - st.st_mtime > CLAIM_STALE_SECONDS;
}

void nb_recovery_write(nb_app *app) {
    if (!app->rv_open || !nb_review_dirty(&app->rv)) return;
    char *review = review_of(app);
    char *written = NULL;
    nb_error err;
    nb_error_clear(&err);
    /* Two sessions on one review can be ended at the same moment (a closed
     * terminal with two tabs). Claim the recovery file by creating it
     * exclusively; whoever finds it taken writes its work beside it. A
     * recovery file this session loaded is its own: written over, where
     * the next start looks. */
    char *rec = review ? nb_review_recovery_path(review) : NULL;
    bool ours = rec && ((app->recovery_loaded && strcmp(rec, app->recovery_loaded) == 0) || stale_claim(rec));
    int fd = rec && !ours ? open(rec, O_WRONLY | O_CREAT | O_EXCL, 0600) : -1;
    bool taken = fd < 0 && !ours && errno == EEXIST;
    if (fd >= 0) close(fd);
    if (taken) {
        /* Another session's (or an earlier) unsaved work is there: keep it,
         * and put ours beside it as a review file, which `nianbao FILE` opens. */
        char alt[4200];
        snprintf(alt, sizeof alt, "%s.recover-%ld.review.yaml", review, (long)getpid());
        if (nb_review_write_copy(&app->rv, alt, &err) == 0)
            nb_say(_("nianbao: unsaved changes written to %s\n"), alt);
        else
            nb_say(_("nianbao: could not write the recovery file: %s\n"), err.message);
    } else if (review && nb_review_write_recovery_to(&app->rv, review, &written, &err) == 0) {
        /* written elsewhere (the folder is full or read-only): no empty
         * claim is left where the next start looks first */
        if (fd >= 0 && written && strcmp(written, rec) != 0) unlink(rec);
        /* the recovery loaded earlier is part of what was just written */
        if (written && app->recovery_loaded && strcmp(written, app->recovery_loaded) != 0)
            unlink(app->recovery_loaded);
        nb_say(_("nianbao: unsaved changes written to %s\n"), written ? written : review);
    } else {
        if (fd >= 0) unlink(rec); /* no empty claim left behind */
        nb_say(_("nianbao: could not write the recovery file: %s\n"), err.message);
    }
    free(rec);
    free(written);
    free(review);
}

/* Load the recovery file onto a fresh reading of the report. The review
 * in hand (resumed from the review file) is replaced only once the
 * recovery has loaded: one that does not load destroys nothing and is
 * kept. */
static void load_recovery(nb_app *app, const char *review, const char *rec) {
    nb_error err;
    nb_error_clear(&err);
    nb_review trial;
    bool changed = false;
    char *mismatch = NULL;
    if (nb_review_open(&trial, &app->doc, app->rv.report_index, &err) != 0) {
        nb_app_set_message(app, true, _("Recovery file not loaded: %s"), err.message);
        return;
    }
    snprintf(trial.reviewer, sizeof trial.reviewer, "%s", app->rv.reviewer);
    if (nb_review_recover(&trial, review, &changed, &mismatch, &err) != 0) {
        nb_review_free(&trial);
        nb_app_set_message(app, true, _("Recovery file not loaded, and kept: %s (%s)"), rec, err.message);
        free(mismatch);
        return;
    }
    free(mismatch);
    nb_review_free(&app->rv);
    app->rv = trial;
    free(app->recovery_loaded);
    app->recovery_loaded = strdup(rec);
    app->table.sel_cell = -1;
    app->findings.sel = -1;
    nb_table_build(app);
    nb_app_set_message(app, false, _("Recovered unsaved work from %s; s saves it."), rec);
}

void nb_recovery_offer(nb_app *app) {
    if (!app->rv_open) return;
    char *review = review_of(app);
    char *rec = review ? nb_review_recovery_found(review) : NULL;
    if (!rec) {
        free(review);
        return;
    }
    char q[1200];
    snprintf(q, sizeof q,
             _("Unsaved work from an interrupted session is in %s. Load it? (y)es, (n)ot now, (d)iscard "),
             rec);
    int answer = nb_prompt_choice(app, q, "ynd");
    if (answer == 'y') {
        load_recovery(app, review, rec);
    } else if (answer == 'd') {
        if (nb_review_discard_recovery(review) != 0)
            nb_app_set_message(app, true, _("Could not remove %s."), rec);
        else
            nb_app_set_message(app, false, _("Discarded %s."), rec);
    }
    free(rec);
    free(review);
}
