/* Signals only set flags: a handler may not touch curses or the review.
 * The event loop (loop.c) looks at the flags between keys: a resize
 * re-lays out the screen, a terminating signal ends the session, after
 * which the recovery file is written (recovery.c). */
#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "tui.h"

volatile sig_atomic_t nb_sig_resize;
volatile sig_atomic_t nb_sig_terminate;

static void on_resize(int sig) {
    (void)sig;
    nb_sig_resize = 1;
}

static void on_terminate(int sig) { nb_sig_terminate = sig; }

/* Before initscr: ncurses installs its own SIGINT/SIGTERM handlers (which
 * exit without saving) only where the default is still in place. */
void nb_signals_install(void) {
    struct sigaction sa;
    memset(&sa, 0, sizeof sa);
    sigemptyset(&sa.sa_mask);
    sa.sa_handler = on_terminate;
    sigaction(SIGINT, &sa, NULL);
    sigaction(SIGTERM, &sa, NULL);
    sigaction(SIGHUP, &sa, NULL);
    sigaction(SIGQUIT, &sa, NULL); /* Ctrl-\ too: it would dump core and lose the work */
    sa.sa_handler = on_resize;
    sa.sa_flags = SA_RESTART;
    sigaction(SIGWINCH, &sa, NULL);
}

void nb_app_handle_signals(nb_app *app) {
    if (!nb_sig_resize) return;
    nb_sig_resize = 0;
    struct winsize ws;
    if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 || ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) == 0) {
        if (ws.ws_row > 0 && ws.ws_col > 0) {
            /* Keys typed at the "too small" notice change nothing; those not
             * yet read when the window grows would otherwise act on the
             * screen that appears, since the resize is noticed first. */
            if (app->too_small && !nb_screen_too_small(ws.ws_row, ws.ws_col)) flushinp();
            resizeterm(ws.ws_row, ws.ws_col);
        }
    }
    clearok(curscr, TRUE);
}
