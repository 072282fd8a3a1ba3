/* Messages on stderr, before the screen starts and after it ends. Kept
 * apart because start-up, option parsing and the recovery claim all print
 * names that came from outside. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/text.h"
#include "tui.h"

/* What came from outside (file names, texts of a review file) is made
 * safe: a name holding escape sequences must not retitle or clear the
 * terminal either. */
void nb_say(const char *fmt, ...) {
    char buf[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    size_t n = strlen(buf);
    while (n && buf[n - 1] == '\n') n--;
    char *safe = nb_sanitize(buf, n, false);
    fprintf(stderr, "%s\n", safe ? safe : "nianbao: ?");
    free(safe);
}
