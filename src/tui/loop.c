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

/* Esc came: a key already behind it was sent with it, which is how a
 * terminal sends Alt+key (M-x is Esc x); a person pressing Esc, then x,
 * is far slower. So Alt+x is one key, never Esc (cancel) and then x. */
static nb_key esc_or_alt(nb_app *app) {
    timeout(0);
    wint_t c;
    int kind = app->read_key ? app->read_key(app, &c) : get_wch(&c);
    /* A resize is also flagged by its signal; a click this close behind
     * an Esc is dropped. */
    if (kind == ERR || (kind == KEY_CODE_YES && (c == KEY_RESIZE || c == KEY_MOUSE)))
        return (nb_key){27, false, false};
    return (nb_key){(int)c, kind == KEY_CODE_YES, true};
}

/* Give `key` to mode m; in a line editor or a question an Alt key is Esc
 * first, and the key goes to m if it is still on screen, else is left for
 * the mode that is. */
static void deliver(nb_app *app, nb_mode *m, nb_key key) {
    if (!key.alt || !m->ops->alt_as_esc) {
        m->ops->key(app, m, key);
        return;
    }
    m->ops->key(app, m, (nb_key){27, false, false});
    key.alt = false;
    if (!m->done) {
        m->ops->key(app, m, key);
        return;
    }
    app->unread = key;
    app->has_unread = true;
}

/* How long the rest of a paste may take to come. */
enum { PASTE_WAIT_MS = 1000 };

/* A paste the terminal marked: its text is never read as keys. A line
 * editor takes it (line breaks and tabs as spaces, other controls
 * dropped); any other mode drops it and says so. */
static void take_paste(nb_app *app, nb_mode *m) {
    size_t dropped = 0;
    timeout(PASTE_WAIT_MS);
    for (;;) {
        wint_t c;
        int kind = app->read_key ? app->read_key(app, &c) : get_wch(&c);
        if (kind == ERR || nb_sig_terminate) break; /* a paste cut short ends here */
        if (kind == KEY_CODE_YES) {
            if (c == NB_KEY_PASTE_END) break;
            continue;
        }
        if (!m->ops->batch) {
            dropped++;
            continue;
        }
        if (c == '\n' || c == '\r' || c == '\t') c = ' ';
        if (c >= 0x20 && !m->done) m->ops->key(app, m, (nb_key){(int)c, false, false});
    }
    if (dropped)
        nb_app_set_message(app, true,
                           ngettext("A paste is not read as keys: %zu character ignored. Paste into a line "
                                    "editor (/ search, : command, e edit).",
                                    "A paste is not read as keys: %zu characters ignored. Paste into a line "
                                    "editor (/ search, : command, e edit).",
                                    dropped),
                           dropped);
}

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
        if (app->has_unread) { /* left by the mode below's Alt key */
            app->has_unread = false;
            deliver(app, m, app->unread);
            pending = m->ops->batch;
            continue;
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
        if (kind == KEY_CODE_YES && c == NB_KEY_PASTE_BEGIN) {
            take_paste(app, m);
            pending = false;
            continue;
        }
        nb_key key = {(int)c, kind == KEY_CODE_YES, false};
        if (!key.function && key.code == 27) key = esc_or_alt(app);
        deliver(app, m, key);
        pending = m->ops->batch;
    }
    app->nmodes--;
    timeout(KEY_WAIT_MS);
}
