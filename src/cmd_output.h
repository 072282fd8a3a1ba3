/* Output of the subcommands (check, export, verify): lines that carry
 * text from outside (a report, a review file, a file name) go through
 * nb_sanitize. */
#ifndef NIANBAO_CMD_OUTPUT_H
#define NIANBAO_CMD_OUTPUT_H

#include <stdio.h>

/* printf to `out`, with everything but a final newline passed through
 * nb_sanitize: control characters, escape sequences and bidi overrides
 * from the arguments are shown as visible stand-ins, never obeyed by the
 * terminal. Use it for every line that holds outside text. */
void nb_out_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

#endif
