/* Whether the terminal can show the review screen at all. Asked of
 * terminfo with setupterm before curses starts: newterm on an unknown
 * TERM leaks what it allocated, and a terminal without cursor addressing
 * (TERM=dumb) would print every line on top of the last. term.h lives in
 * this file alone because its macros (lines, columns, ...) clash with
 * ordinary names. */
#include "config.h"

#include <curses.h>
#include <term.h>
#include <unistd.h>

#include "tui.h"

nb_terminal_fitness nb_terminal_check(void) {
    int err = 0;
    if (setupterm(NULL, STDOUT_FILENO, &err) != OK) return NB_TERMINAL_UNKNOWN;
    const char *cup = tigetstr("cup");
    bool can_place = cup && cup != (char *)-1;
    del_curterm(cur_term);
    cur_term = NULL;
    return can_place ? NB_TERMINAL_OK : NB_TERMINAL_NO_CURSOR;
}
