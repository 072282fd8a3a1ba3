/* CSV fields (csv.h). */
#include "config.h"

#include <string.h>

#include <stdlib.h>

#include "csv.h"
#include "nianbao/text.h"

void nb_csv_text(nb_buf *b, const char *s) {
    char *safe = nb_sanitize(s, strlen(s), false);
    if (!safe) {
        b->failed = true;
        return;
    }
    nb_buf_add_str(b, "\"");
    if (safe[0] && strchr("=+-@", safe[0])) nb_buf_add_str(b, "'");
    for (const char *p = safe; *p; p++) nb_buf_add(b, *p == '"' ? "\"\"" : p, *p == '"' ? 2 : 1);
    nb_buf_add_str(b, "\"");
    free(safe);
}
