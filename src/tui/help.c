/* The help screen: every command with its keys (as currently bound, so a
 * remapped key shows as remapped) and its help text, from the one
 * command list. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nianbao/text.h"
#include "tui.h"

typedef struct help_mode {
    nb_mode base;
    int top; /* first command shown */
} help_mode;

static void draw_help(nb_app *app, nb_mode *m) {
    int top = ((help_mode *)m)->top;
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    erase();
    const char *title = _("nianbao keys: j/k or arrows scroll, q or Esc closes");
    nb_draw_field(0, 0, cols, title, strlen(title), app->theme.attr[NB_SLOT_PANE_FOCUS], 0);
    int keyw = 18;
    int y = 1;
    for (int c = top; c < NB_CMD_COUNT && y < rows; c++, y++) {
        char keys[160];
        nb_keymap_keys_of(&app->keymap, (nb_cmd)c, keys, sizeof keys);
        nb_draw_field(y, 1, keyw, keys, strlen(keys), app->theme.attr[NB_SLOT_HELP_KEY], 0);
        const char *name = nb_cmd_name((nb_cmd)c);
        int x = 2 + keyw, namew = 14;
        if (x < cols) nb_draw_text(y, x, cols - x, name, strlen(name), A_BOLD);
        x += namew;
        if (x < cols) {
            const char *h = nb_cmd_help((nb_cmd)c);
            nb_draw_text(y, x, cols - x, h, strlen(h), 0);
        }
    }
    /* The modes that do not go through the key map. */
    const char *notes[] = {
        _("Line editor: Left/Right, Home/C-a, End/C-e, Backspace, Delete, C-u and C-k delete to "
          "the start and the end, Enter accepts, Esc or C-g cancels."),
        _("Choosing a number (r): movement keys go from number to number, PgUp/PgDn jump a page, "
          "/ and ? search, Enter takes the number, Esc cancels."),
        _("Keys can be changed in $XDG_CONFIG_HOME/nianbao/config: bind COMMAND KEY"),
    };
    if (y < rows) y++;
    for (size_t i = 0; i < sizeof notes / sizeof notes[0] && y < rows; i++, y++)
        nb_draw_text(y, 1, cols - 1, notes[i], strlen(notes[i]), A_DIM);
}

/* Movement and closing through the key map (so a remapped j/k scrolls
 * here too); Esc and Enter close as they close every other mode. */
static void help_key(nb_app *app, nb_mode *m, nb_key key) {
    help_mode *h = (help_mode *)m;
    nb_cmd cmd = nb_keymap_lookup(&app->keymap, key);
    if (cmd == NB_CMD_MOVE_DOWN && h->top + 1 < NB_CMD_COUNT) h->top++;
    else if (cmd == NB_CMD_MOVE_UP && h->top > 0) h->top--;
    else if (cmd == NB_CMD_HELP || cmd == NB_CMD_QUIT) m->done = true;
    else if (!key.function && !key.alt && (key.code == 27 || key.code == '\n' || key.code == '\r')) m->done = true;
}

void nb_help_show(nb_app *app) {
    static const nb_mode_ops ops = {draw_help, help_key, NULL, false, false};
    help_mode h = {{&ops, false}, 0};
    nb_loop_run(app, &h.base);
}
