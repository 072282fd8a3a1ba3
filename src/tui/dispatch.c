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
    case NB_CMD_EDIT: nb_cmd_edit(app); break;
    case NB_CMD_CLEAR: nb_cmd_clear(app); break;
    case NB_CMD_ACCEPT: nb_cmd_accept(app); break;
    case NB_CMD_RELINK: nb_cmd_relink(app); break;
    case NB_CMD_CONFIRM: nb_cmd_confirm(app); break;
    case NB_CMD_REOPEN: nb_cmd_reopen(app); break;
    case NB_CMD_UNDO:
        if (nb_review_undo(&app->rv)) {
            nb_after_change(app);
            nb_app_set_message(app, false, _("Undone. Errors: %d."), app->rv.findings.errors);
        } else {
            nb_app_set_message(app, false, "%s", _("Nothing to undo."));
        }
        break;
    case NB_CMD_REDO:
        if (nb_review_redo(&app->rv)) {
            nb_after_change(app);
            nb_app_set_message(app, false, _("Redone. Errors: %d."), app->rv.findings.errors);
        } else {
            nb_app_set_message(app, false, "%s", _("Nothing to redo."));
        }
        break;
    case NB_CMD_SEARCH: nb_cmd_search(app, +1); break;
    case NB_CMD_SEARCH_BACK: nb_cmd_search(app, -1); break;
    case NB_CMD_SAVE: nb_app_save(app); break;
    case NB_CMD_SIGN: nb_cmd_sign(app); break;
    case NB_CMD_COMMAND: cmd_line(app); break;
    case NB_CMD_HELP: nb_help_show(app); break;
    case NB_CMD_REDRAW: clearok(curscr, TRUE); break;
    case NB_CMD_QUIT: nb_cmd_quit(app, false); break;
    case NB_CMD_NONE:
    case NB_CMD_COUNT: break;
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
        if (cmd == NB_CMD_QUIT) nb_cmd_quit(app, false);
        return;
    }
    if (app->picking) {
        if (!nb_pick_key(app, key))
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
            if (app->picking) nb_pick_line(app, (size_t)h->value);
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
