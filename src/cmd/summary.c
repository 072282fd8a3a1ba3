/* `nianbao summary FILE|FOLDER...`: reads every report of many files on
 * the worker pool (pool.h), with the review beside each file, and hands
 * one row per report — or per agency — to the writer (summary_out.c). */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "args.h"
#include "output.h"
#include "summary.h"
#include "nianbao/agency.h"
#include "nianbao/cli.h"
#include "nianbao/fileio.h"
#include "nianbao/pool.h"
#include "nianbao/walk.h"

typedef struct options {
    nb_summary_format format;
    const char *output; /* NULL or "-": standard output */
    bool by_agency;
} options;

static void usage(FILE *out) {
    fprintf(out, "%s",
            _("Usage: nianbao summary [OPTION]... FILE|FOLDER...\n"
              "One line per report of many files: agency, year, template, cells read,\n"
              "errors and warnings, the state of its review (not started, in progress,\n"
              "signed, with verdict and reviewer), and the figures evaluators compare.\n"
              "A folder stands for the report files in it and its sub-folders.\n"
              "\n"
              "  -f, --format=FORMAT  table (default), csv or yaml\n"
              "  -o, --output=OUT     write to OUT (replaced atomically; - = standard output)\n"
              "      --by=agency      one line per agency over its years\n"
              "  -h, --help           show this help\n"
              "\n"
              "Exit status: 0 no open errors, 1 a report has errors not yet fixed or\n"
              "confirmed in its review, 2 a file could not be read (the others are still\n"
              "summed up).\n"));
}

/* ------------------------------------------------------------ the batch */

typedef struct run {
    const options *opt;
    const nb_walk *files;
    nb_summary_out *out;
    nb_agency_row *agencies;
    size_t nagencies, cap;
    bool unreadable, open_errors, failed;
} run;

/* One file's rows, made on a worker thread. */
static void *summarise_file(size_t i, void *ctx) {
    const run *rn = ctx;
    const nb_walk_entry *e = &rn->files->v[i];
    nb_file_rows *fr = calloc(1, sizeof *fr);
    if (!fr) return NULL;
    if (e->error)
        nb_error_set(&fr->err, EIO, "%s", e->error);
    else
        nb_file_rows_read(fr, e->path);
    return fr;
}

/* The agency's row, made when its first report comes; NULL out of memory. */
static nb_agency_row *agency_row(run *rn, const char *agency) {
    for (size_t i = 0; i < rn->nagencies; i++)
        if (nb_agency_same(rn->agencies[i].agency, agency)) return &rn->agencies[i];
    if (!nb_grow((void **)&rn->agencies, &rn->cap, rn->nagencies + 1, sizeof *rn->agencies)) return NULL;
    nb_agency_row *a = &rn->agencies[rn->nagencies++];
    memset(a, 0, sizeof *a);
    snprintf(a->agency, sizeof a->agency, "%s", agency);
    return a;
}

static void add_to_agency(run *rn, const nb_report_row *row) {
    nb_agency_row *a = agency_row(rn, row->agency);
    if (!a) {
        rn->failed = true;
        return;
    }
    if (row->year && (!a->first_year || row->year < a->first_year)) a->first_year = row->year;
    if (row->year > a->last_year) a->last_year = row->year;
    nb_figures_add(&a->figures, &row->figures, a->reports == 0);
    a->reports++;
    a->signed_reports += row->state == NB_REVIEW_SIGNED;
}

static void deliver_file(size_t i, void *result, void *ctx) {
    run *rn = ctx;
    nb_file_rows *fr = result;
    const char *path = rn->files->v[i].path;
    if (!fr || !fr->opened || !fr->rows) {
        const char *why = fr ? fr->err.message : strerror(ENOMEM);
        rn->unreadable = true;
        if (strstr(why, path))
            nb_out_printf(stderr, "nianbao summary: %s\n", why);
        else
            nb_out_printf(stderr, "nianbao summary: %s: %s\n", path, why);
        nb_report_row row = {.file = path, .error = strdup(why)};
        if (!rn->opt->by_agency && row.error) nb_summary_out_report(rn->out, &row);
        free(row.error);
    } else {
        if (fr->doc.nreports == 0)
            nb_out_printf(stderr, _("nianbao summary: warning: no report found in %s\n"), path);
        for (int k = 0; k < fr->n; k++) {
            const nb_report_row *row = &fr->rows[k];
            rn->open_errors |= row->figures.open_errors > 0;
            if (rn->opt->by_agency)
                add_to_agency(rn, row);
            else
                nb_summary_out_report(rn->out, row);
        }
    }
    if (fr) nb_file_rows_free(fr);
    free(fr);
}

/* ------------------------------------------------------------ options */

enum { OPT_BY = NB_ARG_LONG_ONLY };

static const nb_option summary_options[] = {
    {'f', 'f', "format", true}, {'o', 'o', "output", true},
    {OPT_BY, 0, "by", true},    {'h', 'h', "help", false},
};

static int take_option(int id, const nb_args *a, options *opt) {
    switch (id) {
    case 'f':
        if (!strcmp(a->value, "table"))
            opt->format = NB_SUMMARY_TABLE;
        else if (!strcmp(a->value, "csv"))
            opt->format = NB_SUMMARY_CSV;
        else if (!strcmp(a->value, "yaml"))
            opt->format = NB_SUMMARY_YAML;
        else {
            nb_out_printf(stderr, _("nianbao summary: unknown format '%s' (table, csv or yaml)\n"),
                          a->value);
            return NB_EXIT_TROUBLE;
        }
        return -1;
    case 'o': opt->output = a->value; return -1;
    case OPT_BY:
        if (strcmp(a->value, "agency") != 0) {
            nb_out_printf(stderr, _("nianbao summary: --by takes 'agency', not '%s'\n"), a->value);
            return NB_EXIT_TROUBLE;
        }
        opt->by_agency = true;
        return -1;
    case 'h': usage(stdout); return nb_out_finish("summary", NB_EXIT_OK);
    default:
        if (a->letter)
            nb_out_printf(stderr, _("nianbao summary: option -%c is unknown or lacks its value\n"),
                          a->letter);
        else
            nb_out_printf(stderr, _("nianbao summary: unknown option '%s'\n"), a->arg);
        usage(stderr);
        return NB_EXIT_TROUBLE;
    }
}

/* Options into `opt`, operands walked into `files`; -1 to go on, else
 * the exit status. */
static int parse_options(int argc, char **argv, options *opt, nb_walk *files) {
    nb_args a;
    nb_args_start(&a, argc, argv, summary_options,
                  (int)(sizeof summary_options / sizeof summary_options[0]));
    int operands = 0;
    for (int id; (id = nb_args_next(&a)) != NB_ARG_DONE;) {
        if (id == NB_ARG_OPERAND) {
            nb_walk_add(files, a.value);
            operands++;
            continue;
        }
        int status = take_option(id, &a, opt);
        if (status >= 0) return status;
    }
    if (operands == 0) {
        fprintf(stderr, "%s", _("nianbao summary: no file or folder to sum up\n"));
        usage(stderr);
        return NB_EXIT_TROUBLE;
    }
    if (files->failed) {
        fprintf(stderr, "%s", _("nianbao summary: out of memory listing the files\n"));
        return NB_EXIT_TROUBLE;
    }
    return -1;
}

/* -o onto one of the files read would replace a report by its summary. */
static bool output_is_input(const options *opt, const nb_walk *files) {
    if (!opt->output || !strcmp(opt->output, "-")) return false;
    for (size_t i = 0; i < files->n; i++)
        if (nb_path_same_file(opt->output, files->v[i].path)) {
            nb_out_printf(stderr, _("nianbao summary: %s is one of the files read: choose another output\n"),
                          opt->output);
            return true;
        }
    return false;
}

/* ------------------------------------------------------------ driving */

/* The whole batch written to `to`; 0, or -1 when the writer failed. */
static int write_summary(run *rn, FILE *to) {
    rn->out = nb_summary_out_begin(to, rn->opt->format, rn->opt->by_agency);
    if (!rn->out) return -1;
    nb_pool_run(rn->files->n, nb_pool_threads(rn->files->n), summarise_file, deliver_file, rn);
    for (size_t i = 0; i < rn->nagencies; i++) nb_summary_out_agency(rn->out, &rn->agencies[i]);
    int rc = nb_summary_out_end(rn->out);
    rn->out = NULL;
    return rc == 0 && !rn->failed ? 0 : -1;
}

/* To a file: the summary made in memory, then written atomically. */
static int write_to_file(run *rn, const char *path) {
    char *data = NULL;
    size_t len = 0;
    FILE *mem = open_memstream(&data, &len);
    if (!mem) return -1;
    int rc = write_summary(rn, mem);
    if (fclose(mem) != 0) rc = -1;
    if (rc == 0) {
        nb_error err;
        nb_error_clear(&err);
        if (nb_file_write_atomic(path, data, len, &err) != 0) {
            nb_out_printf(stderr, "nianbao summary: %s\n", err.message);
            rc = 1;
        }
    }
    free(data);
    return rc;
}

int nb_cmd_summary(int argc, char **argv) {
    options opt = {NB_SUMMARY_TABLE, NULL, false};
    nb_walk files = {0};
    int status = parse_options(argc, argv, &opt, &files);
    if (status < 0 && output_is_input(&opt, &files)) status = NB_EXIT_TROUBLE;
    if (status >= 0) {
        nb_walk_free(&files);
        return status;
    }
    run rn = {.opt = &opt, .files = &files};
    int rc = opt.output && strcmp(opt.output, "-") ? write_to_file(&rn, opt.output)
                                                   : write_summary(&rn, stdout);
    if (rc < 0) nb_out_printf(stderr, "%s", _("nianbao summary: out of memory\n"));
    free(rn.agencies);
    nb_walk_free(&files);
    status = rc != 0 || rn.unreadable ? NB_EXIT_TROUBLE : rn.open_errors ? NB_EXIT_FOUND : NB_EXIT_OK;
    return nb_out_finish("summary", status);
}
