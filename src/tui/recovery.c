/* Unsaved work and the recovery file: written when a terminating signal
 * ends the session (claimed exclusively, so that two sessions ended at
 * once do not overwrite each other), and offered back at the next start. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "tui.h"

void nb_recovery_write(nb_app *app) {
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
            nb_say(_("nianbao: unsaved changes written to %s\n"), alt);
        else
            nb_say(_("nianbao: could not write the recovery file: %s\n"), err.message);
    } else if (review && nb_review_write_recovery_to(&app->rv, review, &written, &err) == 0) {
        nb_say(_("nianbao: unsaved changes written to %s\n"), written ? written : review);
    } else {
        if (fd >= 0) unlink(rec); /* no empty claim left behind */
        nb_say(_("nianbao: could not write the recovery file: %s\n"), err.message);
    }
    free(rec);
    free(written);
    free(def);
}

void nb_recovery_offer(nb_app *app) {
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
