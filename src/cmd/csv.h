/* CSV (RFC 4180) fields for `summary` and `export -f csv`. */
#ifndef NIANBAO_CMD_CSV_H
#define NIANBAO_CMD_CSV_H

#include "nianbao/buf.h"

/* A text field, quoted, inner quotes doubled, control characters and
 * bidi overrides as visible stand-ins (nb_sanitize: the file may be shown
 * on a terminal). A field a spreadsheet would run as a formula (=, +, -
 * or @ first: a name read from a report may start so) is kept as text
 * with a leading apostrophe. */
void nb_csv_text(nb_buf *b, const char *s);

#endif
