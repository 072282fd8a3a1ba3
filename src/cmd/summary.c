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
#include "pool.h"
#include "summary.h"
#include "walk.h"
#include "nianbao/agency.h"
#include "nianbao/check.h"
#include "nianbao/cli.h"
#include "nianbao/document.h"
#include "nianbao/fileio.h"
#include "nianbao/sha256.h"
#include "nianbao/yamlio.h"

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

/* ------------------------------------------------------------ the rows */

static nb_count cell_count(const nb_report *r, nb_table_id t, const char *row, const char *col) {
    nb_number v;
    int i = nb_report_cell(r, t, row, col);
    if (i < 0 || !nb_report_value(r, i, &v) || !nb_number_is_integer(v)) return (nb_count){false, 0};
    return (nb_count){true, v.units};
}

static nb_count add_counts(nb_count a, nb_count b) {
    return (nb_count){a.known && b.known, a.v + b.v};
}

/* (三)不予公开: the sum of its rows' totals, however many the template has. */
static nb_count withheld_total(const nb_report *r) {
    nb_count sum = {true, 0};
    bool any = false;
    for (int i = 0; i < r->tpl->nrows; i++) {
        const nb_row_def *row = &r->tpl->rows[i];
        if (row->table != NB_TABLE_APPLICATIONS || strncmp(row->id, "withheld_", 9) != 0) continue;
        sum = add_counts(sum, cell_count(r, NB_TABLE_APPLICATIONS, row->id, "total"));
        any = true;
    }
    return any ? sum : (nb_count){false, 0};
}

static void figures_of(const nb_report *r, nb_figures *f) {
    memset(f, 0, sizeof *f);
    if (!r->tpl || !r->cells) return;
    f->new_received = cell_count(r, NB_TABLE_APPLICATIONS, "new_received", "total");
    f->concluded = cell_count(r, NB_TABLE_APPLICATIONS, "total", "total");
    f->disclosed = cell_count(r, NB_TABLE_APPLICATIONS, "disclosed", "total");
    f->withheld = withheld_total(r);
    f->reviews = cell_count(r, NB_TABLE_APPEALS, "review", "total");
    f->reviews_corrected = cell_count(r, NB_TABLE_APPEALS, "review", "corrected");
    f->suits = add_counts(cell_count(r, NB_TABLE_APPEALS, "suit_direct", "total"),
                          cell_count(r, NB_TABLE_APPEALS, "suit_after_review", "total"));
    f->suits_corrected = add_counts(cell_count(r, NB_TABLE_APPEALS, "suit_direct", "corrected"),
                                    cell_count(r, NB_TABLE_APPEALS, "suit_after_review", "corrected"));
}

static void count_cells(const nb_report *r, nb_summary_row *row) {
    if (!r->tpl || !r->cells) return;
    for (int i = 0; i < r->tpl->ncells; i++) {
        const nb_cell *c = &r->cells[i];
        if (c->has_value)
            row->cells_read++;
        else if (c->blank_text[0])
            row->cells_empty++; /* "—", "/", "无": written as empty */
        else
            row->cells_unread++;
    }
}

/* The review beside the file, for the report it is about. */
typedef struct beside {
    bool present, readable;
    nb_review_file file;
    int report; /* which report of the document it is about, or -1 */
} beside;

static void read_beside(const nb_document *doc, beside *b) {
    memset(b, 0, sizeof *b);
    b->report = -1;
    char *path = nb_review_default_path(doc->path);
    if (!path) return;
    nb_error err;
    nb_error_clear(&err);
    b->present = access(path, F_OK) == 0;
    if (b->present && nb_review_read_file(path, &b->file, &err) == 0) {
        b->readable = true;
        b->report = nb_review_file_report(doc, &b->file);
    }
    free(path);
}

/* The state, signer and open errors of report k from its review. */
static void review_state(nb_document *doc, int k, beside *b, nb_summary_row *row) {
    row->figures.open_errors = row->figures.errors;
    if (!b->present) return;
    if (!b->readable) {
        row->state = NB_REVIEW_UNREADABLE;
        return;
    }
    if (b->report != k) return;
    nb_review rv;
    nb_error err;
    nb_error_clear(&err);
    bool changed = false;
    char *mismatch = NULL;
    if (nb_review_open(&rv, doc, k, &err) != 0) return;
    if (nb_review_apply_file(&rv, &b->file, &changed, &mismatch, &err) != 0) {
        row->state = NB_REVIEW_UNREADABLE;
    } else {
        row->figures.open_errors = nb_review_open_errors(&rv);
        row->figures.errors = rv.findings.errors;
        row->figures.warnings = rv.findings.warnings;
        bool holds = rv.signoff.present && !rv.signoff.void_;
        row->state = holds ? NB_REVIEW_SIGNED : NB_REVIEW_IN_PROGRESS;
        if (holds) {
            snprintf(row->signer, sizeof row->signer, "%s", rv.signoff.reviewer);
            row->verdict = rv.signoff.verdict;
        }
    }
    free(mismatch);
    nb_review_free(&rv);
}

static void make_row(nb_document *doc, int k, beside *b, nb_summary_row *row) {
    const nb_report *r = &doc->reports[k];
    row->file = doc->path;
    row->report = k + 1;
    snprintf(row->agency, sizeof row->agency, "%s", r->agency);
    row->year = r->year;
    row->template_name = r->tpl ? r->tpl->name : NULL;
    count_cells(r, row);
    nb_findings f = {0};
    nb_check_document(doc, k, NULL, &f);
    figures_of(r, &row->figures);
    row->figures.errors = f.errors;
    row->figures.warnings = f.warnings;
    nb_findings_free(&f);
    nb_sha256_hex(doc->text.sha256, row->sha256);
    review_state(doc, k, b, row);
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
typedef struct file_rows {
    nb_document doc;
    bool opened;
    nb_summary_row *rows;
    int n;
    nb_error err;
} file_rows;

static void *summarise_file(size_t i, void *ctx) {
    const run *rn = ctx;
    const nb_walk_entry *e = &rn->files->v[i];
    file_rows *fr = calloc(1, sizeof *fr);
    if (!fr) return NULL;
    nb_error_clear(&fr->err);
    if (e->error) {
        nb_error_set(&fr->err, EIO, "%s", e->error);
        return fr;
    }
    if (nb_document_open_with(&fr->doc, e->path, NULL, NB_LOAD_DEFAULT, &fr->err) != 0) return fr;
    fr->opened = true;
    fr->rows = calloc((size_t)fr->doc.nreports + 1, sizeof *fr->rows);
    if (!fr->rows) {
        nb_error_set(&fr->err, ENOMEM, "%s", strerror(ENOMEM));
        return fr;
    }
    /* A page that links last years' reports names them in titles of
     * their own: those are rows only when the file has no report with
     * tables (a report given as prose alone is still listed). */
    bool any_tables = false;
    for (int k = 0; k < fr->doc.nreports; k++) any_tables |= fr->doc.reports[k].has_tables;
    beside b;
    read_beside(&fr->doc, &b);
    for (int k = 0; k < fr->doc.nreports; k++)
        if (fr->doc.reports[k].has_tables || !any_tables) make_row(&fr->doc, k, &b, &fr->rows[fr->n++]);
    if (b.readable) nb_review_file_free(&b.file);
    return fr;
}

static void add_figures(nb_figures *sum, const nb_figures *f, bool first) {
    if (first) {
        *sum = *f;
        return;
    }
    sum->errors += f->errors;
    sum->warnings += f->warnings;
    sum->open_errors += f->open_errors;
    sum->new_received = add_counts(sum->new_received, f->new_received);
    sum->concluded = add_counts(sum->concluded, f->concluded);
    sum->disclosed = add_counts(sum->disclosed, f->disclosed);
    sum->withheld = add_counts(sum->withheld, f->withheld);
    sum->reviews = add_counts(sum->reviews, f->reviews);
    sum->reviews_corrected = add_counts(sum->reviews_corrected, f->reviews_corrected);
    sum->suits = add_counts(sum->suits, f->suits);
    sum->suits_corrected = add_counts(sum->suits_corrected, f->suits_corrected);
}

/* The agency's row, made when its first report comes; NULL out of memory. */
static nb_agency_row *agency_row(run *rn, const char *agency) {
    for (size_t i = 0; i < rn->nagencies; i++)
        if (nb_agency_same(rn->agencies[i].agency, agency)) return &rn->agencies[i];
    if (rn->nagencies == rn->cap) {
        size_t cap = rn->cap ? rn->cap * 2 : 32;
        nb_agency_row *grown = realloc(rn->agencies, cap * sizeof *grown);
        if (!grown) return NULL;
        rn->agencies = grown;
        rn->cap = cap;
    }
    nb_agency_row *a = &rn->agencies[rn->nagencies++];
    memset(a, 0, sizeof *a);
    snprintf(a->agency, sizeof a->agency, "%s", agency);
    return a;
}

static void add_to_agency(run *rn, const nb_summary_row *row) {
    nb_agency_row *a = agency_row(rn, row->agency);
    if (!a) {
        rn->failed = true;
        return;
    }
    if (row->year && (!a->first_year || row->year < a->first_year)) a->first_year = row->year;
    if (row->year > a->last_year) a->last_year = row->year;
    add_figures(&a->figures, &row->figures, a->reports == 0);
    a->reports++;
    a->signed_reports += row->state == NB_REVIEW_SIGNED;
}

static void deliver_file(size_t i, void *result, void *ctx) {
    run *rn = ctx;
    file_rows *fr = result;
    const char *path = rn->files->v[i].path;
    if (!fr || !fr->opened || !fr->rows) {
        const char *why = fr ? fr->err.message : strerror(ENOMEM);
        rn->unreadable = true;
        if (strstr(why, path))
            nb_out_printf(stderr, "nianbao summary: %s\n", why);
        else
            nb_out_printf(stderr, "nianbao summary: %s: %s\n", path, why);
        nb_summary_row row = {.file = path, .error = strdup(why)};
        if (!rn->opt->by_agency && row.error) nb_summary_out_report(rn->out, &row);
        free(row.error);
    } else {
        if (fr->doc.nreports == 0)
            nb_out_printf(stderr, _("nianbao summary: warning: no report found in %s\n"), path);
        for (int k = 0; k < fr->n; k++) {
            const nb_summary_row *row = &fr->rows[k];
            rn->open_errors |= row->figures.open_errors > 0;
            if (rn->opt->by_agency)
                add_to_agency(rn, row);
            else
                nb_summary_out_report(rn->out, row);
        }
    }
    if (fr) {
        free(fr->rows);
        if (fr->opened) nb_document_free(&fr->doc);
        free(fr);
    }
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
