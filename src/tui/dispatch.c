/* From keys and clicks to commands: the key map names the command, the
 * focused pane decides what movement means, the : line runs a command by
 * name. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

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
        bool ok = *arg ? nb_app_save_to(app, arg) : nb_app_save(app);
        if (ok && s[0] != 'w') app->quit = true;
        if (ok && strcmp(s, "wq") == 0) app->quit = true;
    } else if (strcmp(s, "q") == 0 || strcmp(s, "quit") == 0) {
        nb_cmd_quit(app, false);
    } else if (strcmp(s, "q!") == 0) {
        nb_cmd_quit(app, true);
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

static void next_pane(nb_app *app) { app->focus = (nb_pane)((app->focus + 1) % NB_PANE_COUNT); }
static void prev_pane(nb_app *app) {
    app->focus = (nb_pane)((app->focus + NB_PANE_COUNT - 1) % NB_PANE_COUNT);
}
static void next_finding(nb_app *app) { nb_findings_step(app, +1); }
static void prev_finding(nb_app *app) { nb_findings_step(app, -1); }
static void undo(nb_app *app) { nb_cmd_undo(app, false); }
static void redo(nb_app *app) { nb_cmd_undo(app, true); }
static void search_forward(nb_app *app) { nb_cmd_search(app, +1); }
static void search_backward(nb_app *app) { nb_cmd_search(app, -1); }
static void save(nb_app *app) { nb_app_save(app); }
static void redraw(nb_app *app) {
    (void)app;
    clearok(curscr, TRUE);
}
static void quit(nb_app *app) { nb_cmd_quit(app, false); }

/* What each command does when it is not movement within a pane. */
static nb_command_fn *const handlers[NB_CMD_COUNT] = {
    [NB_CMD_NEXT_PANE] = next_pane,        [NB_CMD_PREV_PANE] = prev_pane,
    [NB_CMD_NEXT_FINDING] = next_finding,  [NB_CMD_PREV_FINDING] = prev_finding,
    [NB_CMD_EDIT] = nb_cmd_edit,           [NB_CMD_CLEAR] = nb_cmd_clear,
    [NB_CMD_ACCEPT] = nb_cmd_accept,       [NB_CMD_RELINK] = nb_cmd_relink,
    [NB_CMD_CONFIRM] = nb_cmd_confirm,     [NB_CMD_DISMISS] = nb_cmd_dismiss,     [NB_CMD_REOPEN] = nb_cmd_reopen,
    [NB_CMD_MARK] = nb_cmd_mark,           [NB_CMD_WRAP] = nb_cmd_wrap,       [NB_CMD_PLACE] = nb_cmd_place,
    [NB_CMD_UNDO] = undo,                  [NB_CMD_REDO] = redo,
    [NB_CMD_SEARCH] = search_forward,      [NB_CMD_SEARCH_BACK] = search_backward,
    [NB_CMD_SAVE] = save,                  [NB_CMD_SIGN] = nb_cmd_sign,
    [NB_CMD_COMMAND] = cmd_line,           [NB_CMD_HELP] = nb_help_show,
    [NB_CMD_REDRAW] = redraw,              [NB_CMD_QUIT] = quit,
    [NB_CMD_GOTO] = nb_cmd_goto,
};

void nb_app_run_command(nb_app *app, nb_cmd cmd) {
    if (cmd < 0 || cmd >= NB_CMD_COUNT) return;
    if (handlers[cmd]) handlers[cmd](app);
    else nb_pane_ops_of(app->focus)->request(app, cmd); /* movement: the focused pane's */
}

void nb_app_handle_key(nb_app *app, nb_key key) {
    if (key.function && key.code == KEY_RESIZE) {
        nb_app_handle_signals(app);
        return;
    }
    app->message[0] = '\0';
    if (app->too_small) {
        nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
        if (cmd == NB_CMD_QUIT) nb_cmd_quit(app, false);
        return;
    }
    if (app->pick.active) {
        if (key.alt || !nb_pick_key(app, key))
            nb_app_set_message(app, false, "%s", _("Choosing a number: Enter takes it, Esc cancels."));
        return;
    }
    nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
    if (cmd == NB_CMD_NONE && !key.function && !key.alt && key.code == 27) return; /* Esc: nothing to cancel */
    if (cmd == NB_CMD_NONE) {
        char name[32];
        nb_key_name(key, name, sizeof name);
        nb_app_set_message(app, false, _("%s does nothing here; F1 lists the keys."), name);
        return;
    }
    nb_app_run_command(app, cmd);
}

/* A click selects what it lands on and focuses its pane; while picking a
 * number only source lines take clicks. */
void nb_app_mouse(nb_app *app, int y, int x) {
    for (int i = 0; i < app->nhits; i++) {
        const nb_hit *h = &app->hits[i];
        if (h->y != y || x < h->x || x >= h->x + h->w) continue;
        if (app->pick.active) {
            if (h->pane == NB_PANE_SOURCE) nb_pick_line(app, (size_t)h->value);
        } else {
            app->focus = h->pane;
            nb_pane_ops_of(h->pane)->hit(app, h->value);
        }
        return;
    }
}

/* The review itself, at the bottom of the mode stack. */
static void review_draw(nb_app *app, nb_mode *m) {
    (void)m;
    nb_render(app);
}

static void review_key(nb_app *app, nb_mode *m, nb_key key) {
    nb_app_handle_key(app, key);
    m->done = app->quit;
}

static void review_mouse(nb_app *app, nb_mode *m, int y, int x) {
    (void)m;
    nb_app_mouse(app, y, x);
}

void nb_app_run(nb_app *app) {
    static const nb_mode_ops ops = {review_draw, review_key, review_mouse, false, false};
    nb_mode m = {&ops, app->quit};
    nb_loop_run(app, &m);
}
