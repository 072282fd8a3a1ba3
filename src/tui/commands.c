/* The commands that judge findings, search, sign off and quit: each asks
 * what it needs through the prompt and leaves a message saying what
 * happened. The model logic itself is in the review module. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/utf8.h"
#include "tui.h"

/* After any change of the model: keep the selections valid. */
void nb_after_change(nb_app *app) {
    if (app->findings.sel >= app->rv.findings.count) app->findings.sel = app->rv.findings.count - 1;
    app->source.follow_cell = true;
}

int nb_finding_or_say(nb_app *app) {
    if (app->findings.sel < 0 || app->findings.sel >= app->rv.findings.count) {
        nb_app_set_message(app, true, "%s", _("No finding is selected (n and N select one)."));
        return -1;
    }
    return app->findings.sel;
}

bool nb_cell_or_say(nb_app *app) {
    if (!app->rv.current.tpl || app->table.sel_cell < 0) {
        nb_app_set_message(app, true, "%s", _("This report has no tables to edit."));
        return false;
    }
    return true;
}


/* ---- finding statuses */

bool nb_finding_marked(const nb_app *app, const char *key) {
    for (int i = 0; i < app->findings.nmarked; i++)
        if (strcmp(app->findings.marked[i], key) == 0) return true;
    return false;
}

/* The marked findings the checks still find (a fix can make one go). */
static int marked_found(const nb_app *app) {
    int n = 0;
    for (int i = 0; i < app->rv.findings.count; i++) n += nb_finding_marked(app, app->rv.findings.items[i].key);
    return n;
}

void nb_cmd_mark(nb_app *app) {
    int fi = nb_finding_or_say(app);
    if (fi < 0) return;
    struct nb_findings_state *st = &app->findings;
    const char *key = app->rv.findings.items[fi].key;
    int at = -1;
    for (int i = 0; i < st->nmarked && at < 0; i++)
        if (strcmp(st->marked[i], key) == 0) at = i;
    if (at >= 0) {
        memmove(st->marked[at], st->marked[at + 1], (size_t)(st->nmarked - at - 1) * sizeof st->marked[0]);
        st->nmarked--;
    } else {
        if (st->nmarked == st->capmarked) {
            int cap = st->capmarked ? st->capmarked * 2 : 16;
            char(*grown)[160] = realloc(st->marked, (size_t)cap * sizeof *grown);
            if (!grown) {
                nb_app_set_message(app, true, "%s", _("Out of memory: the finding is not marked."));
                return;
            }
            st->marked = grown;
            st->capmarked = cap;
        }
        snprintf(st->marked[st->nmarked++], sizeof st->marked[0], "%s", key);
    }
    /* on to the next finding, so that m m m marks a run of them */
    if (fi + 1 < app->rv.findings.count) nb_findings_select(app, fi + 1, true);
    int n = marked_found(app);
    nb_app_set_message(app, false,
                       ngettext("%d finding marked: c, d or o judges it; m on it again unmarks it.",
                                "%d findings marked: c, d or o judges them all with one note; m again unmarks one.",
                                (unsigned long)n),
                       n);
}

/* The keys a judgement applies to: every marked finding still found, else
 * the selected one. Returns how many (0: none, said so); *keys malloc'd. */
static int judged_keys(nb_app *app, char (**keys)[160]) {
    int n = marked_found(app);
    if (n == 0) {
        int fi = nb_finding_or_say(app);
        if (fi < 0) return 0;
        n = 1;
    }
    *keys = malloc((size_t)n * sizeof **keys);
    if (!*keys) {
        nb_app_set_message(app, true, "%s", _("Out of memory: nothing changed."));
        return 0;
    }
    if (n == 1 && marked_found(app) == 0) {
        snprintf((*keys)[0], sizeof (*keys)[0], "%s", app->rv.findings.items[app->findings.sel].key);
        return 1;
    }
    int k = 0;
    for (int i = 0; i < app->rv.findings.count && k < n; i++)
        if (nb_finding_marked(app, app->rv.findings.items[i].key))
            snprintf((*keys)[k++], sizeof (*keys)[0], "%s", app->rv.findings.items[i].key);
    return k;
}

/* Set `n` findings to `state` with one note, as one change for undo. The
 * marks go once they are judged. */
static bool set_statuses(nb_app *app, char (*keys)[160], int n, nb_finding_state state, const char *note) {
    nb_error err;
    nb_error_clear(&err);
    int done = 0;
    nb_review_group_begin(&app->rv);
    while (done < n && nb_review_set_status(&app->rv, keys[done], state, note, &err) == 0) done++;
    nb_review_group_end(&app->rv);
    nb_after_change(app);
    if (done < n) {
        nb_app_set_message(app, true, _("Not changed: %s"), err.message);
        return false;
    }
    app->findings.nmarked = 0;
    return true;
}

/* A judgement of the selected (or the marked) findings that needs a note:
 * the prompt, the refusal without one, the message after. */
typedef struct judgement {
    nb_finding_state state;
    const char *prompt, *no_note, *done;
} judgement;

static void say_judged_several(nb_app *app, nb_finding_state state, int n) {
    unsigned long k = (unsigned long)n;
    const char *msg = state == NB_STATUS_CONFIRMED
                          ? ngettext("%d finding marked confirmed in source.",
                                     "%d findings marked confirmed in source.", k)
                      : state == NB_STATUS_DISMISSED
                          ? ngettext("%d finding dismissed as a false alarm.",
                                     "%d findings dismissed as a false alarm.", k)
                          : ngettext("%d finding set back to open.", "%d findings set back to open.", k);
    nb_app_set_message(app, false, msg, n);
}

static void judge(nb_app *app, const judgement *j) {
    char(*keys)[160] = NULL;
    int n = judged_keys(app, &keys);
    if (n == 0) return;
    const char *old_note = NULL;
    nb_review_status_of(&app->rv, keys[0], &old_note);
    char label[512];
    if (n > 1)
        snprintf(label, sizeof label, ngettext("%d finding. %s", "%d findings, one note. %s", (unsigned long)n), n,
                 j->prompt);
    else
        snprintf(label, sizeof label, "%s", j->prompt);
    char *note = nb_prompt(app, label, n == 1 && old_note ? old_note : "");
    if (!note || !*note)
        nb_app_set_message(app, true, "%s", j->no_note);
    else if (set_statuses(app, keys, n, j->state, note)) {
        if (n > 1) say_judged_several(app, j->state, n);
        else nb_app_set_message(app, false, "%s", j->done);
    }
    free(note);
    free(keys);
}

void nb_cmd_confirm(nb_app *app) {
    judgement j = {NB_STATUS_CONFIRMED, _("Confirmed in source; note (why the report itself is wrong): "),
                   _("A note is needed to confirm a finding; nothing changed."),
                   _("Finding marked confirmed in source.")};
    judge(app, &j);
}

void nb_cmd_dismiss(nb_app *app) {
    judgement j = {NB_STATUS_DISMISSED, _("Dismiss as a false alarm; reason (why nothing is wrong): "),
                   _("A reason is needed to dismiss a finding; nothing changed."),
                   _("Finding dismissed as a false alarm.")};
    judge(app, &j);
}

void nb_cmd_reopen(nb_app *app) {
    char(*keys)[160] = NULL;
    int n = judged_keys(app, &keys);
    if (n == 0) return;
    if (set_statuses(app, keys, n, NB_STATUS_OPEN, NULL)) {
        if (n > 1) say_judged_several(app, NB_STATUS_OPEN, n);
        else nb_app_set_message(app, false, "%s", _("Finding set back to open."));
    }
    free(keys);
}

/* ---- undo and redo */

void nb_cmd_undo(nb_app *app, bool redo) {
    if (!(redo ? nb_review_redo(&app->rv) : nb_review_undo(&app->rv))) {
        nb_app_set_message(app, false, "%s", redo ? _("Nothing to redo.") : _("Nothing to undo."));
        return;
    }
    nb_after_change(app);
    if (redo) nb_app_set_message(app, false, _("Redone. Errors: %d."), app->rv.findings.errors);
    else nb_app_set_message(app, false, _("Undone. Errors: %d."), app->rv.findings.errors);
}

/* ---- search */

void nb_cmd_search(nb_app *app, int dir) {
    char *q = nb_prompt(app, dir > 0 ? "/" : "?", "");
    if (!q) return;
    if (*q) snprintf(app->source.last_search, sizeof app->source.last_search, "%s", q);
    free(q);
    if (!app->source.last_search[0]) return;
    app->message[0] = '\0';
    if (!nb_source_search(app, app->source.last_search, dir))
        nb_app_set_message(app, true, _("Not found: %s"), app->source.last_search);
}

/* ---- sign-off */

void nb_cmd_sign(nb_app *app) {
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
        if (nb_utf8_has_bidi_control(name, strlen(name))) {
            /* Invisible, it would reorder every line that shows the name,
             * and the config file would keep it. */
            nb_app_set_message(app, true, "%s",
                               _("The name holds a control that reverses text (U+202A-U+202E, "
                                 "U+2066-U+2069); type it without. Not signed."));
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

void nb_cmd_quit(nb_app *app, bool force) {
    if (force || !app->rv_open || !nb_review_dirty(&app->rv)) {
        app->quit = true;
        return;
    }
    int c = nb_prompt_choice(app, _("Unsaved changes. Save them first? (y)es, (n)o, (c)ancel "), "ync");
    if (c == 'y') {
        if (nb_app_save(app)) app->quit = true;
    } else if (c == 'n') {
        app->quit = true;
    } else {
        nb_app_set_message(app, false, "%s", _("Not quitting."));
    }
}

