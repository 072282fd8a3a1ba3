/* The event loop: read a key (with a timeout, so signals are noticed),
 * hand it to the dispatcher, redraw. */
#include "config.h"

#include "tui.h"

void nb_app_run(nb_app *app) {
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
}
