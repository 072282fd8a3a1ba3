/* Output of the subcommands (check, export, verify): lines that carry
 * text from outside (a report, a review file, a file name) go through
 * nb_sanitize, and a failed write to standard output is reported. */
#ifndef NIANBAO_CMD_OUTPUT_H
#define NIANBAO_CMD_OUTPUT_H

#include <stdbool.h>
#include <stdio.h>

/* printf to `out`, with everything but a final newline passed through
 * nb_sanitize: control characters, escape sequences and bidi overrides
 * from the arguments are shown as visible stand-ins, never obeyed by the
 * terminal. Use it for every line that holds outside text. */
void nb_out_printf(FILE *out, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Flush standard output and say whether everything written to it
 * arrived: 0, or 2 after a message "nianbao CMD: cannot write to
 * standard output: REASON" on stderr (a full disk, a closed pipe or
 * descriptor), so that `nianbao verify r.yaml > log && accept` cannot
 * accept an empty log. `cmd` is "check", "export", "verify" or NULL for
 * nianbao itself. Returns `status` when the output is good. */
int nb_out_finish(const char *cmd, int status);

/* Whether `path`, in which no report was found, is a review file
 * (REPORT.review.yaml): then true, with `err` saying so and naming the
 * report it belongs to, for check and export to refuse it. */
struct nb_error;
bool nb_out_review_file(const char *path, struct nb_error *err);

#endif
