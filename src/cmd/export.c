/* `nianbao export FILE [-f FORMAT] [-o OUT] [--report N] [--year YYYY]`:
 * the tables of a report as the YAML of nianbao-review(5), or as CSV
 * (export_csv.c). Nothing is written unless everything worked: the
 * output is built in memory first, and -o replaces OUT atomically. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "export.h"
#include "output.h"
#include "nianbao/cli.h"
#include "nianbao/common.h"
#include "nianbao/fileio.h"
#include "nianbao/report.h"
#include "nianbao/yamlio.h"

static void usage(FILE *out) {
    fprintf(out, "%s",
            _("Usage: nianbao export FILE [-f FORMAT] [-o OUT] [--report N] [--year YYYY]\n"
              "Print the tables of the reports in FILE as YAML (see nianbao-review(5)).\n"
              "\n"
              "  -f, --format FORMAT  yaml (default); csv: one line per cell; xlsx: a workbook\n"
              "  -o, --output OUT   write to OUT (replaced atomically; - = standard output)\n"
              "  --report N         only the Nth report found in FILE (1 = first)\n"
              "  --year YYYY        only the report whose data covers year YYYY\n"
              "  -h, --help         show this help\n"
              "\n"
              "FILE may be an http:// or https:// address: it is fetched and an exact copy is\n"
              "kept in the folder of OUT (or the current folder); the YAML names the copy.\n"));
}

typedef enum export_format { FORMAT_YAML, FORMAT_CSV, FORMAT_XLSX } export_format;

typedef struct export_args {
    const char *input, *output;
    export_format format;
    int report_no, year; /* 0: not asked */
} export_args;

enum { OPT_REPORT = NB_ARG_LONG_ONLY, OPT_YEAR };

static const nb_option export_options[] = {
    {'h', 'h', "help", false},
    {'o', 'o', "output", true},
    {'f', 'f', "format", true},
    {OPT_REPORT, 0, "report", true},
    {OPT_YEAR, 0, "year", true},
};

/* One event of the command line into `x`: -1 to go on, else the exit
 * status to return now. */
static int take_arg(int id, const nb_args *a, export_args *x) {
    switch (id) {
    case 'h': usage(stdout); return nb_out_finish("export", NB_EXIT_OK);
    case 'o': x->output = a->value; return -1;
    case 'f':
        if (!strcmp(a->value, "yaml"))
            x->format = FORMAT_YAML;
        else if (!strcmp(a->value, "csv"))
            x->format = FORMAT_CSV;
        else if (!strcmp(a->value, "xlsx"))
            x->format = FORMAT_XLSX;
        else {
            nb_out_printf(stderr, _("nianbao export: unknown format '%s' (yaml, csv or xlsx)\n"), a->value);
            return NB_EXIT_TROUBLE;
        }
        return -1;
    case OPT_REPORT:
        if (!nb_args_int(a->value, 1, 100000, &x->report_no)) {
            nb_out_printf(stderr, _("nianbao export: --report takes a report number (1 = first), not '%s'\n"), a->value);
            return NB_EXIT_TROUBLE;
        }
        return -1;
    case OPT_YEAR:
        if (!nb_args_int(a->value, NB_YEAR_MIN, NB_YEAR_MAX, &x->year)) {
            nb_out_printf(stderr, _("nianbao export: --year takes a year such as 2023, not '%s'\n"), a->value);
            return NB_EXIT_TROUBLE;
        }
        return -1;
    case NB_ARG_NO_VALUE: nb_out_printf(stderr, _("nianbao export: %s needs a value\n"), a->arg); return NB_EXIT_TROUBLE;
    case NB_ARG_OPERAND:
        if (x->input) {
            nb_out_printf(stderr, _("nianbao export: one FILE at a time (got %s and %s)\n"), x->input, a->value);
            return NB_EXIT_TROUBLE;
        }
        x->input = a->value;
        return -1;
    default:
        nb_out_printf(stderr, _("nianbao export: unknown option %s\n"), a->arg);
        usage(stderr);
        return NB_EXIT_TROUBLE;
    }
}

static int parse_args(int argc, char **argv, export_args *x) {
    nb_args a;
    nb_args_start(&a, argc, argv, export_options, (int)(sizeof export_options / sizeof export_options[0]));
    for (int id; (id = nb_args_next(&a)) != NB_ARG_DONE;) {
        int status = take_arg(id, &a, x);
        if (status >= 0) return status;
    }
    if (!x->input) {
        usage(stderr);
        return NB_EXIT_TROUBLE;
    }
    return -1;
}

static bool to_file(const export_args *x) { return x->output && strcmp(x->output, "-") != 0; }

/* Open the input; -1 after a message. One typo (-o r.txt for r.txt) must
 * not replace the report with its own YAML: the same file under any name
 * is refused, and so is the copy of a web address. */
static int open_input(const export_args *x, nb_document *doc) {
    if (to_file(x) && nb_path_same_file(x->output, x->input)) {
        nb_out_printf(stderr, _("nianbao export: %s is the input file %s; choose another OUT\n"),
                      x->output, x->input);
        return -1;
    }
    nb_error err;
    nb_error_clear(&err);
    /* A web address's copy goes beside OUT, where a review of it would be. */
    char *copy_dir = to_file(x) ? nb_path_dirname(x->output) : NULL;
    int loaded = nb_document_open(doc, x->input, copy_dir, &err);
    free(copy_dir);
    if (loaded != 0) {
        nb_out_printf(stderr, _("nianbao export: %s\n"), err.message);
        return -1;
    }
    if (doc->url) {
        nb_out_printf(stderr, _("nianbao export: fetched %s; its copy is %s\n"), doc->url, doc->path);
        if (to_file(x) && nb_path_same_file(x->output, doc->path)) {
            nb_out_printf(stderr, _("nianbao export: %s is the copy of %s; choose another OUT\n"), x->output,
                          doc->url);
            nb_document_free(doc);
            return -1;
        }
    }
    if (doc->nreports == 0 && !doc->url && nb_out_review_file(x->input, &err)) {
        nb_out_printf(stderr, "nianbao export: %s\n", err.message);
        nb_document_free(doc);
        return -1;
    }
    if (doc->nreports == 0)
        nb_out_printf(stderr, _("nianbao export: warning: no report found in %s\n"), x->input);
    if (doc->text.invalid_count > 0)
        nb_out_printf(stderr,
                ngettext("nianbao export: warning: %s has %zu invalid byte sequence (first on line %zu); "
                         "it was replaced with U+FFFD\n",
                         "nianbao export: warning: %s has %zu invalid byte sequences (first on line %zu); "
                         "they were replaced with U+FFFD\n",
                         (unsigned long)doc->text.invalid_count),
                x->input, doc->text.invalid_count, doc->text.first_invalid_line);
    return 0;
}

/* The report --report and --year choose: its index, -1 for all, or -2
 * after a message when there is none. */
static int choose_report(const export_args *x, const nb_document *doc) {
    int only = -1;
    if (x->report_no > 0) {
        if (x->report_no > doc->nreports) {
            nb_out_printf(stderr,
                          ngettext("nianbao export: %s holds %d report; there is no report %ld\n",
                                   "nianbao export: %s holds %d reports; there is no report %ld\n",
                                   (unsigned long)doc->nreports),
                          x->input, doc->nreports, (long)x->report_no);
            return -2;
        }
        only = x->report_no - 1;
    }
    if (x->year > 0) {
        int found = -1;
        for (int i = 0; i < doc->nreports && found < 0; i++)
            if (doc->reports[i].year == x->year && (only < 0 || only == i)) found = i;
        if (found < 0) {
            nb_out_printf(stderr, _("nianbao export: no report in %s covers the year %ld\n"), x->input,
                          (long)x->year);
            return -2;
        }
        only = found;
    }
    return only;
}

/* Nothing is written unless the whole output was made: -o replaces OUT
 * atomically, standard output gets it in one piece. */
static int write_output(const export_args *x, const nb_document *doc, int only) {
    nb_error err;
    nb_error_clear(&err);
    char *yaml = NULL;
    size_t n = 0;
    int status = NB_EXIT_OK;
    int made = x->format == FORMAT_CSV    ? nb_export_csv(doc, only, &yaml, &n, &err)
               : x->format == FORMAT_XLSX ? nb_export_xlsx(doc, only, &yaml, &n, &err)
                                          : nb_yaml_export(doc, only, &yaml, &n, &err);
    if (made != 0) {
        nb_out_printf(stderr, _("nianbao export: %s\n"), err.message);
        status = NB_EXIT_TROUBLE;
    } else if (to_file(x)) {
        if (nb_file_write_atomic(x->output, yaml, n, &err) != 0) {
            nb_out_printf(stderr, _("nianbao export: %s\n"), err.message);
            status = NB_EXIT_TROUBLE;
        }
    } else if (fwrite(yaml, 1, n, stdout) != n || fflush(stdout) != 0 || ferror(stdout)) {
        nb_out_printf(stderr, _("nianbao export: cannot write to standard output: %s\n"), strerror(errno));
        status = NB_EXIT_TROUBLE;
    }
    free(yaml);
    return status;
}

int nb_cmd_export(int argc, char **argv) {
    export_args x = {NULL, NULL, FORMAT_YAML, 0, 0};
    int status = parse_args(argc, argv, &x);
    if (status >= 0) return status;
    nb_document doc;
    if (open_input(&x, &doc) != 0) return NB_EXIT_TROUBLE;
    int only = choose_report(&x, &doc);
    status = only < -1 ? NB_EXIT_TROUBLE : write_output(&x, &doc, only);
    nb_document_free(&doc);
    return status;
}
