/* The one event loop. Whatever the screen is doing (reviewing, a line
 * editor at the bottom, a question, help, the report chooser) is a mode on
 * a stack; the loop draws the mode on top and gives it each key. A
 * command that needs an answer pushes a mode and runs the loop until that
 * mode is done, so the command reads as straight-line code while every key
 * still comes through here.
 *
 * The loop reads with a timeout so that signal flags are noticed while no
 * key comes: a resize re-lays out the screen, a terminating signal ends
 * every mode (the caller then keeps the unsaved work). */
#include "config.h"

#include "tui.h"

enum { KEY_WAIT_MS = 100 /* how soon a signal flag is noticed */ };

void nb_loop_run(nb_app *app, nb_mode *m) {
    if (app->nmodes >= NB_MODES_MAX) return; /* never happens: modes nest at most a few deep */
    app->modes[app->nmodes++] = m;
    /* Keys handled since the last draw: a mode that asks for it takes what
     * else is already typed (a paste) before drawing again. */
    bool pending = false;
    while (!m->done && !nb_sig_terminate) {
        if (!pending) {
            nb_app_handle_signals(app);
            m->ops->draw(app, m);
            refresh();
        }
        timeout(pending ? 0 : KEY_WAIT_MS);
        wint_t c;
        int kind = app->read_key ? app->read_key(app, &c) : get_wch(&c);
        if (nb_sig_terminate) break;
        if (kind == ERR) {
            if (!pending) nb_app_handle_signals(app);
            pending = false;
            continue;
        }
        if (kind == KEY_CODE_YES && c == KEY_RESIZE) {
            nb_app_handle_signals(app);
            pending = false;
            continue;
        }
        if (kind == KEY_CODE_YES && c == KEY_MOUSE) {
            MEVENT ev;
            if (m->ops->mouse && getmouse(&ev) == OK) m->ops->mouse(app, m, ev.y, ev.x);
            continue;
        }
        m->ops->key(app, m, (nb_key){(int)c, kind == KEY_CODE_YES});
        pending = m->ops->batch;
    }
    app->nmodes--;
    timeout(KEY_WAIT_MS);
}
