/* `nianbao export FILE [-o OUT] [--report N] [--year YYYY]`: the tables of
 * a report as the YAML of nianbao-review(5). Nothing is written unless
 * everything worked: the YAML is built in memory first, and -o replaces
 * OUT atomically. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "nianbao/cli.h"
#include "nianbao/common.h"
#include "nianbao/fileio.h"
#include "nianbao/report.h"
#include "nianbao/yamlio.h"

static void usage(FILE *out) {
    fprintf(out, "%s",
            _("Usage: nianbao export FILE [-o OUT] [--report N] [--year YYYY]\n"
              "Print the tables of the reports in FILE as YAML (see nianbao-review(5)).\n"
              "\n"
              "  -o, --output OUT   write to OUT (replaced atomically; - = standard output)\n"
              "  --report N         only the Nth report found in FILE (1 = first)\n"
              "  --year YYYY        only the report whose data covers year YYYY\n"
              "  -h, --help         show this help\n"
              "\n"
              "FILE may be an http:// or https:// address: it is fetched and an exact copy is\n"
              "kept in the folder of OUT (or the current folder); the YAML names the copy.\n"));
}

static bool parse_int_arg(const char *s, long min, long max, long *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < min || v > max) return false;
    *out = v;
    return true;
}

int nb_cmd_export(int argc, char **argv) {
    const char *input = NULL, *output = NULL;
    long report_no = 0, year = 0;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
        if (strcmp(a, "-h") == 0 || strcmp(a, "--help") == 0) {
            usage(stdout);
            return nb_out_finish("export", 0);
        }
        if (strcmp(a, "-o") == 0 || strcmp(a, "--output") == 0 || strcmp(a, "--report") == 0 ||
            strcmp(a, "--year") == 0) {
            if (i + 1 >= argc) {
                nb_out_printf(stderr, _("nianbao export: %s needs a value\n"), a);
                return 2;
            }
            val = argv[++i];
        } else if (strncmp(a, "--output=", 9) == 0 || strncmp(a, "--report=", 9) == 0) {
            val = a + 9;
        } else if (strncmp(a, "--year=", 7) == 0) {
            val = a + 7;
        }
        if (val) {
            if (a[1] == 'o' || strncmp(a, "--output", 8) == 0) {
                output = val;
            } else if (strncmp(a, "--report", 8) == 0) {
                if (!parse_int_arg(val, 1, 100000, &report_no)) {
                    nb_out_printf(stderr, _("nianbao export: --report takes a report number (1 = first), not '%s'\n"), val);
                    return 2;
                }
            } else if (!parse_int_arg(val, 1900, 9999, &year)) {
                nb_out_printf(stderr, _("nianbao export: --year takes a year such as 2023, not '%s'\n"), val);
                return 2;
            }
            continue;
        }
        if (a[0] == '-' && a[1]) {
            nb_out_printf(stderr, _("nianbao export: unknown option %s\n"), a);
            usage(stderr);
            return 2;
        }
        if (input) {
            nb_out_printf(stderr, _("nianbao export: one FILE at a time (got %s and %s)\n"), input, a);
            return 2;
        }
        input = a;
    }
    if (!input) {
        usage(stderr);
        return 2;
    }

    /* One typo (-o r.txt for r.txt) must not replace the report with its
     * own YAML: the same file under any name is refused. */
    if (output && strcmp(output, "-") != 0 && nb_path_same_file(output, input)) {
        nb_out_printf(stderr, _("nianbao export: %s is the input file %s; choose another OUT\n"),
                      output, input);
        return 2;
    }

    nb_document doc;
    nb_error err;
    nb_error_clear(&err);
    /* A web address's copy goes beside OUT, where a review of it would be. */
    char *copy_dir = output && strcmp(output, "-") != 0 ? nb_path_dirname(output) : NULL;
    int loaded = nb_document_open(&doc, input, copy_dir, &err);
    free(copy_dir);
    if (loaded != 0) {
        nb_out_printf(stderr, _("nianbao export: %s\n"), err.message);
        return 2;
    }
    if (doc.url) {
        nb_out_printf(stderr, _("nianbao export: fetched %s; its copy is %s\n"), doc.url, doc.path);
        if (output && strcmp(output, "-") != 0 && nb_path_same_file(output, doc.path)) {
            nb_out_printf(stderr, _("nianbao export: %s is the copy of %s; choose another OUT\n"), output,
                          doc.url);
            nb_document_free(&doc);
            return 2;
        }
    }
    if (doc.nreports == 0)
        nb_out_printf(stderr, _("nianbao export: warning: no report found in %s\n"), input);
    if (doc.text.invalid_count > 0)
        nb_out_printf(stderr,
                _("nianbao export: warning: %s has %zu invalid byte sequences (first on line %zu); "
                  "they were replaced with U+FFFD\n"),
                input, doc.text.invalid_count, doc.text.first_invalid_line);

    int only = -1;
    if (report_no > 0) {
        if (report_no > doc.nreports) {
            nb_out_printf(stderr, _("nianbao export: %s holds %d reports; there is no report %ld\n"), input,
                    doc.nreports, report_no);
            nb_document_free(&doc);
            return 2;
        }
        only = (int)report_no - 1;
    }
    if (year > 0) {
        int found = -1;
        for (int i = 0; i < doc.nreports && found < 0; i++)
            if (doc.reports[i].year == year && (only < 0 || only == i)) found = i;
        if (found < 0) {
            nb_out_printf(stderr, _("nianbao export: no report in %s covers the year %ld\n"), input, year);
            nb_document_free(&doc);
            return 2;
        }
        only = found;
    }

    char *yaml = NULL;
    size_t n = 0;
    int status = 0;
    if (nb_yaml_export(&doc, only, &yaml, &n, &err) != 0) {
        nb_out_printf(stderr, _("nianbao export: %s\n"), err.message);
        status = 2;
    } else if (output && strcmp(output, "-") != 0) {
        if (nb_file_write_atomic(output, yaml, n, &err) != 0) {
            nb_out_printf(stderr, _("nianbao export: %s\n"), err.message);
            status = 2;
        }
    } else if (fwrite(yaml, 1, n, stdout) != n || fflush(stdout) != 0 || ferror(stdout)) {
        nb_out_printf(stderr, _("nianbao export: cannot write to standard output: %s\n"), strerror(errno));
        status = 2;
    }
    free(yaml);
    nb_document_free(&doc);
    return status;
}
