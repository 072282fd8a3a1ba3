/* Safe output for the subcommands; see output.h. */
#include "config.h"

#include "output.h"

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/cli.h"
#include "nianbao/common.h"
#include "nianbao/fileio.h"
#include "nianbao/review.h"
#include "nianbao/text.h"
#include "nianbao/yamlio.h"

void nb_out_printf(FILE *out, const char *fmt, ...) {
    char small[512];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0) return;
    char *line = small;
    if ((size_t)n >= sizeof small) {
        line = malloc((size_t)n + 1);
        if (!line) return;
        va_start(ap, fmt);
        vsnprintf(line, (size_t)n + 1, fmt, ap);
        va_end(ap);
    }
    /* The format's own final newline ends the line; any other line break
     * came from outside text and is shown as a stand-in. */
    size_t len = (size_t)n;
    bool newline = len > 0 && line[len - 1] == '\n';
    if (newline) len--;
    char *safe = nb_sanitize(line, len, false);
    if (safe) {
        fputs(safe, out);
        free(safe);
    } else {
        /* Out of memory: drop the unsafe bytes rather than print them. */
        for (size_t i = 0; i < len; i++) {
            unsigned char c = (unsigned char)line[i];
            if (c >= 0x20 && c != 0x7f && c < 0x80) putc(c, out);
            else putc('?', out);
        }
    }
    if (newline) putc('\n', out);
    if (line != small) free(line);
}

int nb_out_finish(const char *cmd, int status) {
    errno = 0;
    int flushed = fflush(stdout);
    int code = errno;
    if (flushed == 0 && !ferror(stdout)) return status;
    /* An earlier write may have failed and been forgotten by a later
     * successful flush: ferror keeps it, but not its errno. */
    const char *why = code ? strerror(code) : _("a write failed");
    if (cmd)
        fprintf(stderr, _("nianbao %s: cannot write to standard output: %s\n"), cmd, why);
    else
        fprintf(stderr, _("nianbao: cannot write to standard output: %s\n"), why);
    return NB_EXIT_TROUBLE;
}

bool nb_out_review_file(const char *path, nb_error *err) {
    nb_review_file f;
    memset(&f, 0, sizeof f);
    nb_error ignored;
    nb_error_clear(&ignored);
    /* Only a file that begins as a review file is read as one: reading
     * a long text as YAML would cost several times its size. */
    char head[4096];
    size_t n = 0;
    if (nb_file_read_head(path, head, sizeof head, &n, &ignored) != 0 || !nb_review_head_is_review(head, n))
        return false;
    if (nb_review_read_file(path, &f, &ignored) != 0) return false;
    char *source = nb_review_find_source(path, &f);
    if (source)
        nb_error_set(err, EINVAL,
                     _("%s is a review file, not a report: its report is %s (open the review with: "
                       "nianbao %s)"),
                     path, source, path);
    else
        nb_error_set(err, EINVAL, _("%s is a review file, not a report: its report %s is not found"),
                     path, f.source_file ? f.source_file : "?");
    free(source);
    nb_review_file_free(&f);
    return true;
}
