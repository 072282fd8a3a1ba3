/* `nianbao check FILE...`: where the tables do not add up, for many files
 * at once. One line per finding in the compiler form editors jump to,
 * or YAML / JSON for machines, or one summary line per file. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nianbao/check.h"
#include "args.h"
#include "output.h"
#include "nianbao/cli.h"
#include "nianbao/common.h"
#include "nianbao/fileio.h"
#include "nianbao/pool.h"
#include "nianbao/report.h"
#include "nianbao/text.h"
#include "nianbao/url.h"
#include "nianbao/utf8.h"
#include "nianbao/walk.h"
#include "nianbao/yamlemit.h"
#include "nianbao/yamlio.h"

enum { EXIT_CLEAN = 0, EXIT_FINDINGS = 1, EXIT_UNREADABLE = 2 };

typedef enum output_format { FORMAT_TEXT, FORMAT_YAML, FORMAT_JSON } output_format;

typedef struct options {
    output_format format;
    bool quiet;
    const char *previous_path;
    int report;  /* 1-based, 0 = all */
    int year;    /* 0 = all */
} options;

static void usage(FILE *out) {
    fprintf(out, "%s",
            _("Usage: nianbao check [OPTION]... FILE...\n"
              "Check the tables of government information disclosure annual reports:\n"
              "the identities of the template, the cells, years and units, the text\n"
              "against the tables, and this year against last year.\n"
              "\n"
              "  -f, --format=FORMAT  text (default: FILE:LINE:COL: error: [rule] message),\n"
              "                       yaml or json\n"
              "  -q, --quiet          one summary line per file\n"
              "  -p, --previous=FILE  take last year's report of the agency from FILE\n"
              "  -r, --report=N       check only the N-th report found in each file\n"
              "  -y, --year=YYYY      check only the reports on year YYYY\n"
              "      --list-rules     list the rule ids and what they check\n"
              "  -h, --help           show this help\n"
              "\n"
              "FILE may be an http:// or https:// address: it is fetched, an exact copy is\n"
              "kept in the current folder, and the findings name the copy. A folder stands\n"
              "for the report files in it. Without --previous, a report is checked against\n"
              "the same agency's report of the year before in another of the files.\n"
              "\n"
              "Exit status: 0 no errors, 1 errors found, 2 a file could not be read\n"
              "(the other files are still checked).\n"));
}

/* ------------------------------------------------------------------ text */

static const char *severity_word(nb_severity s) {
    /* not translated: editors' quickfix parsers look for these words */
    return s == NB_SEV_ERROR ? "error" : "warning";
}

/* Whether a finding before the i-th already said the i-th's cause. */
static bool cause_said(const nb_findings *f, int i) {
    for (int j = 0; j < i; j++)
        if (f->items[j].cause_count && !strcmp(f->items[j].cause, f->items[i].cause)) return true;
    return false;
}

static void print_text(const char *path, const nb_report *r, const nb_findings *f) {
    for (int i = 0; i < f->count; i++) {
        const nb_finding *x = &f->items[i];
        /* one cause behind several findings: said once, before the first */
        if (x->cause_count && !cause_said(f, i))
            nb_out_printf(stdout, "%s:%d:%d: note: %s\n", path, x->line > 0 ? x->line : 1,
                          x->column > 0 ? x->column : 1, x->cause);
        /* The file name and the message (quoting the report) may hold
         * anything: nb_out_printf sanitises the line. */
        if (x->line > 0)
            nb_out_printf(stdout, "%s:%d:%d: %s: [%s] %s", path, x->line, x->column > 0 ? x->column : 1,
                          severity_word(x->severity), x->rule, x->message);
        else
            nb_out_printf(stdout, "%s: %s: [%s] %s", path, severity_word(x->severity), x->rule,
                          x->message);
        if (x->culprit >= 0 && r->tpl) {
            char id[96], num[40];
            nb_template_cell_id(r->tpl, x->culprit, id, sizeof id);
            nb_number_format(x->culprit_value, num, sizeof num);
            printf(_(" (likely culprit: %s, which would need %s)"), id, num);
        }
        putchar('\n');
    }
}

/* ------------------------------------------------------------------ yaml */

/* Texts that come from outside (messages quoting the report, file
 * names) are written double-quoted: invalid bytes become U+FFFD and bidi
 * controls \uXXXX (nb_yemit_quoted), so that the YAML written is readable
 * and safe to show. */
static void y_culprit(nb_yemit *e, const nb_report *r, const nb_finding *x) {
    char id[96], num[40];
    nb_template_cell_id(r->tpl, x->culprit, id, sizeof id);
    nb_number_format(x->culprit_value, num, sizeof num);
    nb_yemit_word(e, "culprit");
    nb_yemit_map_start(e, true);
    nb_yemit_key_word(e, "cell", id);
    nb_yemit_key_word(e, "value", num);
    nb_yemit_key_boolean(e, "alone", x->culprit_alone);
    nb_yemit_map_end(e);
}

/* cause: {cell: ID} or {row: ID}, how many findings it explains, and why */
static void y_cause(nb_yemit *e, const nb_report *r, const nb_finding *x) {
    char id[96];
    nb_yemit_word(e, "cause");
    nb_yemit_map_start(e, false);
    if (x->cause_cell >= 0) {
        nb_template_cell_id(r->tpl, x->cause_cell, id, sizeof id);
        nb_yemit_key_word(e, "cell", id);
    } else {
        const nb_row_def *rd = &r->tpl->rows[x->cause_row];
        snprintf(id, sizeof id, "%s.%s", nb_table_key(rd->table), rd->id);
        nb_yemit_key_word(e, "row", id);
    }
    nb_yemit_key_integer(e, "explains", x->cause_count);
    nb_yemit_key_quoted(e, "message", x->cause);
    nb_yemit_map_end(e);
}

static void y_finding(nb_yemit *e, const nb_report *r, const nb_finding *x) {
    nb_yaml_emit_finding_start(e, r->tpl, x, true);
    if (x->line > 0) {
        nb_yemit_key_integer(e, "line", x->line);
        nb_yemit_key_integer(e, "column", x->column);
    }
    if (x->target >= 0 && r->tpl) {
        char id[96];
        nb_template_cell_id(r->tpl, x->target, id, sizeof id);
        nb_yemit_key_word(e, "target", id);
    }
    if (x->culprit >= 0 && r->tpl) y_culprit(e, r, x);
    if (x->cause_count && r->tpl) y_cause(e, r, x);
    nb_yemit_key_quoted(e, "key", x->key);
    nb_yemit_map_end(e);
}

static void y_report(nb_yemit *e, const nb_report *r, const nb_findings *f) {
    nb_yemit_map_start(e, false);
    nb_yemit_key_quoted(e, "agency", r->agency);
    nb_yemit_word(e, "year");
    if (r->year)
        nb_yemit_integer(e, r->year);
    else
        nb_yemit_null(e);
    nb_yemit_word(e, "template");
    if (r->tpl)
        nb_yemit_quoted(e, r->tpl->name);
    else
        nb_yemit_null(e);
    nb_yemit_word(e, "findings");
    nb_yemit_seq_start(e, false);
    for (int i = 0; i < f->count; i++) y_finding(e, r, &f->items[i]);
    nb_yemit_seq_end(e);
    nb_yemit_map_end(e);
}

/* The start of a file's entry: {file: PATH, KEY: ...}. */
static void y_file(nb_yemit *e, const char *path, const char *key) {
    nb_yemit_map_start(e, false);
    nb_yemit_key_quoted(e, "file", path);
    nb_yemit_word(e, key);
}

/* ------------------------------------------------------------------ json */

static void json_string(const char *raw) {
    char *s = nb_utf8_repair(raw, strlen(raw), NULL);
    if (!s) {
        fputs("\"\"", stdout);
        return;
    }
    putchar('"');
    size_t n = strlen(s);
    for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
        /* C1 controls and the bidi overrides and isolates are valid JSON
         * but reorder or garble a terminal showing the output: escaped. */
        if (*p >= 0xC2) {
            int32_t cp;
            size_t k = nb_utf8_next((const char *)p, n - (size_t)(p - (const unsigned char *)s), &cp);
            if ((cp >= 0x80 && cp <= 0x9F) || (cp >= 0x202A && cp <= 0x202E) || (cp >= 0x2066 && cp <= 0x2069)) {
                printf("\\u%04x", (unsigned)cp);
                p += k - 1;
                continue;
            }
        }
        switch (*p) {
        case '"': fputs("\\\"", stdout); break;
        case '\\': fputs("\\\\", stdout); break;
        case '\n': fputs("\\n", stdout); break;
        case '\r': fputs("\\r", stdout); break;
        case '\t': fputs("\\t", stdout); break;
        default:
            if (*p < 0x20 || *p == 0x7f)
                printf("\\u%04x", *p);
            else
                putchar(*p);
        }
    }
    putchar('"');
    free(s);
}

/* A finding's target, place, culprit and cause, as y_finding writes them. */
static void json_where(const nb_report *r, const nb_finding *x) {
    char id[96], num[40];
    if (x->line > 0) printf(", \"line\": %d, \"column\": %d", x->line, x->column);
    if (x->target >= 0 && r->tpl) {
        nb_template_cell_id(r->tpl, x->target, id, sizeof id);
        fputs(", \"target\": ", stdout);
        json_string(id);
    }
    if (x->culprit >= 0 && r->tpl) {
        nb_template_cell_id(r->tpl, x->culprit, id, sizeof id);
        nb_number_format(x->culprit_value, num, sizeof num);
        fputs(", \"culprit\": {\"cell\": ", stdout);
        json_string(id);
        printf(", \"value\": %s, \"alone\": %s}", num, x->culprit_alone ? "true" : "false");
    }
    if (x->cause_count && r->tpl) {
        if (x->cause_cell >= 0) {
            nb_template_cell_id(r->tpl, x->cause_cell, id, sizeof id);
            fputs(", \"cause\": {\"cell\": ", stdout);
        } else {
            const nb_row_def *rd = &r->tpl->rows[x->cause_row];
            snprintf(id, sizeof id, "%s.%s", nb_table_key(rd->table), rd->id);
            fputs(", \"cause\": {\"row\": ", stdout);
        }
        json_string(id);
        printf(", \"explains\": %d, \"message\": ", x->cause_count);
        json_string(x->cause);
        putchar('}');
    }
}

static void json_findings(const nb_report *r, const nb_findings *f) {
    fputs("[", stdout);
    for (int i = 0; i < f->count; i++) {
        const nb_finding *x = &f->items[i];
        printf("%s{\"rule\": ", i ? ", " : "");
        json_string(x->rule);
        printf(", \"severity\": \"%s\", \"cells\": [", severity_word(x->severity));
        for (int c = 0; c < x->ncells; c++) {
            char id[96];
            nb_template_cell_id(r->tpl, x->cells[c], id, sizeof id);
            if (c) fputs(", ", stdout);
            json_string(id);
        }
        fputs("], \"message\": ", stdout);
        json_string(x->message);
        if (x->confidence) printf(", \"confidence\": \"%s\"", nb_confidence_name(x->confidence));
        json_where(r, x);
        fputs(", \"key\": ", stdout);
        json_string(x->key);
        putchar('}');
    }
    putchar(']');
}

/* --------------------------------------------------------------- driving */

/* A report's figures for last year's rules across files (check.h), with
 * what the pairing needs: whether its findings are asked for, and
 * whether its own file already holds last year's report. */
typedef struct kept_report {
    nb_year_figures fig;
    bool selected, previous_in_file;
    /* paired already, with last year's report / with next year's: a
     * report has one of each at most, the first in the order of the
     * files (copies of a report in a batch do not multiply the pairs) */
    bool has_prev, has_next;
} kept_report;

typedef struct run {
    const options *opt;
    const nb_walk *files;
    const nb_document *previous_doc;
    bool pair_files;           /* several files and no --previous */
    kept_report *kept;         /* the reports of the files printed so far */
    int nkept, capkept;
    nb_yemit yaml;
    int files_done;
    int errors, warnings;
    bool unreadable;
    int selected; /* reports that passed --report/--year, over all files */
} run;

static bool report_selected(const options *opt, const nb_report *r, int index) {
    if (opt->report && index + 1 != opt->report) return false;
    if (opt->year && r->year != opt->year) return false;
    return true;
}

/* A file that could not be opened: said on stderr, and in the YAML or
 * JSON as {file, error}. */
static void file_unreadable(run *rn, const char *path, const nb_error *err, bool first) {
    rn->unreadable = true;
    /* the text layer names the file; a parse error may not */
    if (strstr(err->message, path))
        nb_out_printf(stderr, "nianbao check: %s\n", err->message);
    else
        nb_out_printf(stderr, "nianbao check: %s: %s\n", path, err->message);
    if (rn->opt->format == FORMAT_YAML) {
        y_file(&rn->yaml, path, "error");
        nb_yemit_quoted(&rn->yaml, err->message);
        nb_yemit_map_end(&rn->yaml);
    }
    if (rn->opt->format == FORMAT_JSON) {
        printf("%s\n  {\"file\": ", first ? "" : ",");
        json_string(path);
        fputs(", \"error\": ", stdout);
        json_string(err->message);
        putchar('}');
    }
}

/* One report's findings in the chosen format; `checked` reports of the
 * file came before it. */
static void print_report(run *rn, const char *path, const nb_report *r, const nb_findings *f,
                         int checked) {
    switch (rn->opt->format) {
    case FORMAT_TEXT:
        if (!rn->opt->quiet) print_text(path, r, f);
        break;
    case FORMAT_YAML: y_report(&rn->yaml, r, f); break;
    case FORMAT_JSON:
        printf("%s\n    {\"agency\": ", checked ? "," : "");
        json_string(r->agency);
        if (r->year)
            printf(", \"year\": %d", r->year);
        else
            fputs(", \"year\": null", stdout);
        fputs(", \"template\": ", stdout);
        if (r->tpl)
            json_string(r->tpl->name);
        else
            fputs("null", stdout);
        fputs(", \"findings\": ", stdout);
        json_findings(r, f);
        putchar('}');
        break;
    }
}

/* When --report or --year chose nothing in a file, or it has no report:
 * silence would pass for "all adds up". */
static void warn_unselected(const options *opt, const char *path, const nb_document *doc, int checked) {
    if (doc->nreports == 0)
        nb_out_printf(stderr, _("nianbao check: warning: no report found in %s\n"), path);
    else if (opt->report > doc->nreports)
        /* TRANSLATORS: a file, how many reports it holds, the number asked for */
        nb_out_printf(stderr, ngettext("nianbao check: %s: it holds %d report, there is no report %d\n",
                                       "nianbao check: %s: it holds %d reports, there is no report %d\n",
                                       (unsigned long)doc->nreports),
                      path, doc->nreports, opt->report);
    else if (opt->year && opt->report && checked == 0)
        /* TRANSLATORS: a file, the report number asked for, the year asked for */
        nb_out_printf(stderr, _("nianbao check: %s: report %d does not cover the year %d\n"), path,
                      opt->report, opt->year);
    else if (opt->year && checked == 0)
        nb_out_printf(stderr, _("nianbao check: no report in %s covers the year %d\n"), path, opt->year);
}

/* What was checked in one file. */
typedef struct tally {
    int checked, tabled, errors, warnings;
} tally;

/* One file read and checked, ready to print: made on a worker thread
 * (pool.h), printed on the main thread in the order of the files. */
typedef struct checked_file {
    nb_document doc;
    nb_error err;
    bool opened;
    nb_findings *findings; /* one per report; a report not selected has none */
    kept_report *kept;     /* for the pairing across files, until it takes them */
    int nkept;
} checked_file;

static void checked_file_free(checked_file *c) {
    if (!c) return;
    for (int i = 0; i < c->nkept; i++) nb_year_figures_free(&c->kept[i].fig);
    free(c->kept);
    if (c->opened) {
        for (int i = 0; c->findings && i < c->doc.nreports; i++) nb_findings_free(&c->findings[i]);
        free(c->findings);
        nb_document_free(&c->doc);
    }
    free(c);
}

/* The figures of file i's reports with tables and a year, for last
 * year's rules across files (every report: --year 2023 still needs
 * 2022's). Without memory for them the file is checked without. */
static void keep_figures(const run *rn, checked_file *c, size_t i) {
    const char *path = c->doc.url ? c->doc.path : rn->files->v[i].path;
    c->kept = calloc((size_t)c->doc.nreports + 1, sizeof *c->kept);
    for (int k = 0; c->kept && k < c->doc.nreports; k++) {
        const nb_report *r = &c->doc.reports[k];
        kept_report *kr = &c->kept[c->nkept];
        if (nb_year_figures_of(&kr->fig, r, path) != 0) continue;
        kr->selected = report_selected(rn->opt, r, k);
        kr->previous_in_file = nb_check_find_previous(&c->doc, r, true) != NULL;
        c->nkept++;
    }
}

/* Reads file i and checks its selected reports; touches nothing shared
 * but last year's document, which it only reads. */
static void *read_and_check(size_t i, void *ctx) {
    const run *rn = ctx;
    checked_file *c = calloc(1, sizeof *c);
    if (!c) return NULL;
    nb_error_clear(&c->err);
    if (rn->files->v[i].error) { /* a folder that could not be read */
        nb_error_set(&c->err, EIO, "%s", rn->files->v[i].error);
        return c;
    }
    if (nb_document_open_with(&c->doc, rn->files->v[i].path, NULL, NB_LOAD_NO_HASH, &c->err) != 0) return c;
    c->opened = true;
    c->findings = calloc((size_t)c->doc.nreports + 1, sizeof *c->findings);
    if (!c->findings) {
        checked_file_free(c);
        return NULL;
    }
    for (int k = 0; k < c->doc.nreports; k++) {
        const nb_report *r = &c->doc.reports[k];
        if (!report_selected(rn->opt, r, k)) continue;
        const nb_report *prev = NULL;
        if (rn->previous_doc) prev = nb_check_find_previous(rn->previous_doc, r, false);
        nb_check_document(&c->doc, k, prev, &c->findings[k]);
    }
    if (rn->pair_files) keep_figures(rn, c, i);
    return c;
}

/* Print the selected reports of a checked file. */
static tally print_reports(run *rn, const checked_file *c, const char *path) {
    tally t = {0, 0, 0, 0};
    for (int i = 0; i < c->doc.nreports; i++) {
        const nb_report *r = &c->doc.reports[i];
        if (!report_selected(rn->opt, r, i)) continue;
        const nb_findings *f = &c->findings[i];
        t.errors += f->errors;
        t.warnings += f->warnings;
        t.tabled += r->has_tables;
        if (!r->has_tables)
            /* A reviewer who ran check on the wrong file must not take
             * silence for "all adds up". */
            /* TRANSLATORS: a file, the report's number in it, why no table was
             * read (e.g. "no standard statistical tables found in the text") */
            nb_out_printf(stderr, _("nianbao check: warning: %s: report %d was not checked: %s\n"), path,
                          i + 1,
                          r->no_tables_reason[0] ? _(r->no_tables_reason) : _("no standard tables"));
        print_report(rn, path, r, f, t.checked);
        t.checked++;
    }
    return t;
}

/* ------------------------------------------------------------ across files */

/* A report and last year's report of its agency from an earlier file,
 * and the findings of the cross-year rules between them. */
typedef struct pair_result {
    const kept_report *later, *prev;
    nb_report view; /* the later report's kept cells, for the cell ids */
    nb_findings f;
} pair_result;

typedef struct pair_list {
    pair_result *items;
    int n, cap;
} pair_list;

/* Whether `later` takes `prev`, of another file, for last year's report:
 * its findings are asked for, its own file holds no such report, and
 * neither is paired that way yet. */
static bool takes(const kept_report *later, const kept_report *prev) {
    return later->selected && !later->previous_in_file && !later->has_prev && !prev->has_next &&
           nb_year_figures_follow(&later->fig, &prev->fig);
}

static void pair_add(pair_list *pl, kept_report *later, kept_report *prev) {
    if (pl->n == pl->cap) {
        int cap = pl->cap ? pl->cap * 2 : 4;
        pair_result *grown = realloc(pl->items, (size_t)cap * sizeof *grown);
        if (!grown) return;
        pl->items = grown;
        pl->cap = cap;
    }
    pair_result *p = &pl->items[pl->n];
    memset(p, 0, sizeof *p);
    p->later = later;
    p->prev = prev;
    later->has_prev = prev->has_next = true;
    if (nb_check_across_files(&later->fig, &prev->fig, &p->view, &p->f) == 0) pl->n++;
}

/* The pairs file `c` completes with the files printed before it, in the
 * order of its reports, then of the earlier reports. */
static void find_pairs(run *rn, checked_file *c, pair_list *pl) {
    for (int k = 0; k < c->nkept; k++)
        for (int o = 0; o < rn->nkept; o++) {
            if (takes(&c->kept[k], &rn->kept[o])) pair_add(pl, &c->kept[k], &rn->kept[o]);
            if (takes(&rn->kept[o], &c->kept[k])) pair_add(pl, &rn->kept[o], &c->kept[k]);
        }
}

static void y_pair(nb_yemit *e, const pair_result *p) {
    nb_yemit_map_start(e, false);
    nb_yemit_key_quoted(e, "file", p->later->fig.file);
    nb_yemit_key_quoted(e, "previous_file", p->prev->fig.file);
    nb_yemit_key_quoted(e, "agency", p->view.agency);
    nb_yemit_word(e, "year");
    nb_yemit_integer(e, p->later->fig.year);
    nb_yemit_word(e, "previous_year");
    nb_yemit_integer(e, p->prev->fig.year);
    nb_yemit_word(e, "findings");
    nb_yemit_seq_start(e, false);
    for (int i = 0; i < p->f.count; i++) y_finding(e, &p->view, &p->f.items[i]);
    nb_yemit_seq_end(e);
    nb_yemit_map_end(e);
}

static void json_pair(const pair_result *p, bool first) {
    printf("%s\n    {\"file\": ", first ? "" : ",");
    json_string(p->later->fig.file);
    fputs(", \"previous_file\": ", stdout);
    json_string(p->prev->fig.file);
    fputs(", \"agency\": ", stdout);
    json_string(p->view.agency);
    printf(", \"year\": %d, \"previous_year\": %d, \"findings\": ", p->later->fig.year,
           p->prev->fig.year);
    json_findings(&p->view, &p->f);
    putchar('}');
}

/* One pair's findings in the chosen format (inside the file's entry for
 * YAML and JSON, under "across_files"). */
static void print_pair(run *rn, const pair_result *p, bool first) {
    const char *file = p->later->fig.file;
    switch (rn->opt->format) {
    case FORMAT_TEXT:
        if (!rn->opt->quiet)
            print_text(file, &p->view, &p->f);
        else if (p->f.count)
            /* TRANSLATORS: this year's file, last year's file, errors, warnings */
            nb_out_printf(stdout, _("%s: against last year's report in %s: %d error(s), %d warning(s)\n"),
                          file, p->prev->fig.file, p->f.errors, p->f.warnings);
        break;
    case FORMAT_YAML: y_pair(&rn->yaml, p); break;
    case FORMAT_JSON: json_pair(p, first); break;
    }
    rn->errors += p->f.errors;
    rn->warnings += p->f.warnings;
}

/* Last year's rules between file `c` and the files printed before it;
 * then c's figures join theirs. */
static void print_pairs(run *rn, checked_file *c) {
    pair_list pl = {NULL, 0, 0};
    find_pairs(rn, c, &pl);
    if (pl.n && rn->opt->format == FORMAT_YAML) {
        nb_yemit_word(&rn->yaml, "across_files");
        nb_yemit_seq_start(&rn->yaml, false);
    }
    if (pl.n && rn->opt->format == FORMAT_JSON) fputs(", \"across_files\": [", stdout);
    for (int i = 0; i < pl.n; i++) {
        print_pair(rn, &pl.items[i], i == 0);
        nb_report_free(&pl.items[i].view);
        nb_findings_free(&pl.items[i].f);
    }
    if (pl.n && rn->opt->format == FORMAT_YAML) nb_yemit_seq_end(&rn->yaml);
    if (pl.n && rn->opt->format == FORMAT_JSON) fputs("\n  ]", stdout);
    free(pl.items);
    if (rn->nkept + c->nkept > rn->capkept) {
        int cap = (rn->nkept + c->nkept) * 2;
        kept_report *grown = realloc(rn->kept, (size_t)cap * sizeof *grown);
        if (!grown) return; /* the later files are paired without these */
        rn->kept = grown;
        rn->capkept = cap;
    }
    if (c->nkept) /* a file without reports has no records (c->kept is NULL) */
        memcpy(rn->kept + rn->nkept, c->kept, (size_t)c->nkept * sizeof *c->kept);
    rn->nkept += c->nkept;
    c->nkept = 0;
}

static void print_file(run *rn, const char *path, checked_file *c) {
    const options *opt = rn->opt;
    bool first = rn->files_done++ == 0;
    if (!c->opened) {
        file_unreadable(rn, path, &c->err, first);
        return;
    }
    nb_error review_err;
    if (c->doc.nreports == 0 && !c->doc.url && nb_out_review_file(path, &review_err)) {
        file_unreadable(rn, path, &review_err, first);
        return;
    }
    if (c->doc.url) {
        /* From here on the copy is the file: its lines are what the
         * findings point at, and it is there to open in an editor. */
        nb_out_printf(stderr, _("nianbao check: fetched %s; its copy is %s\n"), c->doc.url, c->doc.path);
        path = c->doc.path;
    }
    if (opt->format == FORMAT_YAML) {
        y_file(&rn->yaml, path, "reports");
        nb_yemit_seq_start(&rn->yaml, false);
    }
    if (opt->format == FORMAT_JSON) {
        printf("%s\n  {\"file\": ", first ? "" : ",");
        json_string(path);
        fputs(", \"reports\": [", stdout);
    }
    tally t = print_reports(rn, c, path);
    rn->selected += t.checked;
    warn_unselected(opt, path, &c->doc, t.checked);
    if (opt->format == FORMAT_YAML) nb_yemit_seq_end(&rn->yaml);
    if (opt->format == FORMAT_JSON) fputs(t.checked ? "\n  ]" : "]", stdout);
    if (opt->quiet && opt->format == FORMAT_TEXT) {
        char reports[64], errors[64], warnings[64];
        snprintf(reports, sizeof reports, ngettext("%d report", "%d reports", (unsigned long)t.checked),
                 t.checked);
        snprintf(errors, sizeof errors, ngettext("%d error", "%d errors", (unsigned long)t.errors), t.errors);
        snprintf(warnings, sizeof warnings, ngettext("%d warning", "%d warnings", (unsigned long)t.warnings),
                 t.warnings);
        /* TRANSLATORS: FILE: "2 reports", how many with tables, "1 error", "3 warnings" */
        nb_out_printf(stdout, _("%s: %s, %d with tables: %s, %s\n"), path, reports, t.tabled, errors,
                      warnings);
    }
    /* last year's rules across files, once both reports are known */
    print_pairs(rn, c);
    if (opt->format == FORMAT_YAML) nb_yemit_map_end(&rn->yaml);
    if (opt->format == FORMAT_JSON) putchar('}');
    rn->errors += t.errors;
    rn->warnings += t.warnings;
}

/* Prints file i's results (in file order) and frees them. */
static void deliver_file(size_t i, void *result, void *ctx) {
    run *rn = ctx;
    checked_file *c = result;
    if (!c) {
        nb_error err;
        nb_error_set(&err, ENOMEM, "%s", strerror(ENOMEM));
        checked_file failed = {.err = err};
        print_file(rn, rn->files->v[i].path, &failed);
        return;
    }
    print_file(rn, rn->files->v[i].path, c);
    checked_file_free(c);
}

/* Files are read several at once on a machine with more than one core;
 * a web address is fetched one at a time, in order, as it always was. */
static int threads_for(const nb_walk *files) {
    for (size_t i = 0; i < files->n; i++)
        if (nb_url_is_web(files->v[i].path)) return 1;
    return nb_pool_threads(files->n);
}

static int list_rules(void) {
    int n;
    const nb_rule_info *rules = nb_check_rules(&n);
    for (int i = 0; i < n; i++)
        printf("%-28s %-8s %s\n", rules[i].id, severity_word(rules[i].severity), _(rules[i].summary));
    return NB_EXIT_OK;
}

enum { OPT_LIST_RULES = NB_ARG_LONG_ONLY };

static const nb_option check_options[] = {
    {'f', 'f', "format", true},   {'q', 'q', "quiet", false}, {'p', 'p', "previous", true},
    {'r', 'r', "report", true},   {'y', 'y', "year", true},   {OPT_LIST_RULES, 0, "list-rules", false},
    {'h', 'h', "help", false},
};

/* One option into `opt`: -1 to go on, else the exit status to return
 * now (after --help, --list-rules or a mistake). */
static int take_option(int id, const nb_args *a, options *opt) {
    switch (id) {
    case 'f':
        if (!strcmp(a->value, "text"))
            opt->format = FORMAT_TEXT;
        else if (!strcmp(a->value, "yaml"))
            opt->format = FORMAT_YAML;
        else if (!strcmp(a->value, "json"))
            opt->format = FORMAT_JSON;
        else {
            nb_out_printf(stderr, _("nianbao check: unknown format '%s' (text, yaml or json)\n"), a->value);
            return NB_EXIT_TROUBLE;
        }
        return -1;
    case 'q': opt->quiet = true; return -1;
    case 'p': opt->previous_path = a->value; return -1;
    case 'r':
        if (!nb_args_int(a->value, 1, 10000, &opt->report)) {
            nb_out_printf(stderr, _("nianbao check: --report wants a number from 1, not '%s'\n"), a->value);
            return NB_EXIT_TROUBLE;
        }
        return -1;
    case 'y':
        if (!nb_args_int(a->value, NB_YEAR_MIN, NB_YEAR_MAX, &opt->year)) {
            nb_out_printf(stderr, _("nianbao check: --year wants a year such as 2023, not '%s'\n"), a->value);
            return NB_EXIT_TROUBLE;
        }
        return -1;
    case OPT_LIST_RULES: return nb_out_finish("check", list_rules());
    case 'h': usage(stdout); return nb_out_finish("check", NB_EXIT_OK);
    default:
        if (a->letter)
            nb_out_printf(stderr, _("nianbao check: option -%c is unknown or lacks its value\n"), a->letter);
        else
            nb_out_printf(stderr, _("nianbao check: unknown option '%s'\n"), a->arg);
        usage(stderr);
        return NB_EXIT_TROUBLE;
    }
}

/* The options into `opt` and the files into files[0..*nfiles) (argv's
 * own strings, in order). -1 to go on, else the exit status. */
static int parse_options(int argc, char **argv, options *opt, const char **files, int *nfiles) {
    nb_args a;
    nb_args_start(&a, argc, argv, check_options, (int)(sizeof check_options / sizeof check_options[0]));
    *nfiles = 0;
    for (int id; (id = nb_args_next(&a)) != NB_ARG_DONE;) {
        if (id == NB_ARG_OPERAND) {
            files[(*nfiles)++] = a.value;
            continue;
        }
        int status = take_option(id, &a, opt);
        if (status >= 0) return status;
    }
    if (*nfiles == 0) {
        fprintf(stderr, "%s", _("nianbao check: no file to check\n"));
        usage(stderr);
        return NB_EXIT_TROUBLE;
    }
    return -1;
}

/* The YAML or JSON document around the files. */
static void output_start(run *rn) {
    if (rn->opt->format == FORMAT_YAML) {
        nb_yemit_begin_file(&rn->yaml, stdout, NULL);
        nb_yemit_map_start(&rn->yaml, false);
        nb_yemit_key_word(&rn->yaml, "format", "nianbao-check/1");
        nb_yemit_word(&rn->yaml, "files");
        nb_yemit_seq_start(&rn->yaml, false);
    } else if (rn->opt->format == FORMAT_JSON) {
        fputs("{\"format\": \"nianbao-check/1\", \"files\": [", stdout);
    }
}

static void output_end(run *rn) {
    if (rn->opt->format == FORMAT_YAML) {
        nb_yemit_seq_end(&rn->yaml);
        nb_yemit_map_end(&rn->yaml);
        if (nb_yemit_finish(&rn->yaml, false, NULL, NULL) != 0)
            nb_out_printf(stderr, _("nianbao check: cannot write YAML: %s\n"),
                    nb_yemit_problem(&rn->yaml) ? nb_yemit_problem(&rn->yaml) : strerror(errno));
    } else if (rn->opt->format == FORMAT_JSON) {
        fputs("\n]}\n", stdout);
    }
}

/* --previous: last year's reports, opened once for every file. */
static int open_previous(const options *opt, nb_document *doc) {
    nb_error err;
    nb_error_clear(&err);
    if (nb_document_open_with(doc, opt->previous_path, NULL, NB_LOAD_NO_HASH, &err) != 0) {
        nb_out_printf(stderr, _("nianbao check: --previous %s: %s\n"), opt->previous_path, err.message);
        return -1;
    }
    if (doc->url)
        nb_out_printf(stderr, _("nianbao check: fetched %s; its copy is %s\n"), doc->url, doc->path);
    return 0;
}

static int check_files(const options *opt, const nb_walk *files) {
    nb_document previous_doc;
    run rn;
    memset(&rn, 0, sizeof rn);
    rn.opt = opt;
    rn.files = files;
    size_t nfiles = files->n;
    rn.pair_files = nfiles > 1 && !opt->previous_path;
    if (opt->previous_path) {
        if (open_previous(opt, &previous_doc) != 0) return NB_EXIT_TROUBLE;
        rn.previous_doc = &previous_doc;
    }
    output_start(&rn);
    nb_pool_run(nfiles, threads_for(files), read_and_check, deliver_file, &rn);
    output_end(&rn);
    if (rn.previous_doc) nb_document_free(&previous_doc);
    for (int i = 0; i < rn.nkept; i++) nb_year_figures_free(&rn.kept[i].fig);
    free(rn.kept);
    /* ferror too: a write that failed earlier (a full disk) is not seen
     * by a later fflush that has nothing left to write. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, _("nianbao check: cannot write the output: %s\n"),
                errno ? strerror(errno) : _("a write failed"));
        return NB_EXIT_TROUBLE;
    }
    if (rn.unreadable || (opt->format == FORMAT_YAML && rn.yaml.failed)) return NB_EXIT_TROUBLE;
    /* --report or --year that selects nothing in any file: nothing at all
     * was checked, which must not pass for "no errors" (as export). */
    if ((opt->report || opt->year) && rn.selected == 0) return NB_EXIT_TROUBLE;
    return rn.errors ? NB_EXIT_FOUND : NB_EXIT_OK;
}

int nb_cmd_check(int argc, char **argv) {
    options opt = {FORMAT_TEXT, false, NULL, 0, 0};
    /* every argument may be a file: argc entries are enough */
    const char **operands = malloc((size_t)argc * sizeof *operands);
    if (!operands) {
        fprintf(stderr, "nianbao check: %s\n", strerror(ENOMEM));
        return NB_EXIT_TROUBLE;
    }
    int noperands = 0;
    nb_walk files = {0};
    int status = parse_options(argc, argv, &opt, operands, &noperands);
    /* a folder stands for the report files in it (walk.h) */
    for (int i = 0; status < 0 && i < noperands; i++) nb_walk_add(&files, operands[i]);
    if (status < 0 && files.failed) {
        fprintf(stderr, "nianbao check: %s\n", strerror(ENOMEM));
        status = NB_EXIT_TROUBLE;
    }
    if (status < 0) status = check_files(&opt, &files);
    nb_walk_free(&files);
    free(operands);
    return status;
}
