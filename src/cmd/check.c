/* `nianbao check FILE...`: where the tables do not add up, for many files
 * at once. One line per finding in the compiler form editors jump to,
 * or YAML / JSON for machines, or one summary line per file. */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <yaml.h>

#include "nianbao/check.h"
#include "output.h"
#include "nianbao/cli.h"
#include "nianbao/common.h"
#include "nianbao/report.h"
#include "nianbao/text.h"

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
              "kept in the current folder, and the findings name the copy.\n"
              "\n"
              "Exit status: 0 no errors, 1 errors found, 2 a file could not be read\n"
              "(the other files are still checked).\n"));
}

/* ------------------------------------------------------------------ text */

static const char *severity_word(nb_severity s) {
    /* not translated: editors' quickfix parsers look for these words */
    return s == NB_SEV_ERROR ? "error" : "warning";
}

static void print_text(const char *path, const nb_report *r, const nb_findings *f) {
    for (int i = 0; i < f->count; i++) {
        const nb_finding *x = &f->items[i];
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

/* Bidi controls (nb_utf8_is_bidi_control) are written as \uXXXX: every
 * text that may hold one is written double-quoted (y_scalar), where the
 * escape reads back as the character. Invalid bytes (a file name in
 * another encoding, a name cut mid-character) become U+FFFD
 * (nb_utf8_repair), so that the YAML and JSON written are readable. */
/* libyaml flushes whole characters, so none is split between calls. */
static int yaml_write(void *data, unsigned char *buffer, size_t size) {
    FILE *out = data;
    size_t start = 0;
    for (size_t i = 0; i + 2 < size; i++) {
        if (!nb_utf8_is_bidi_control((const char *)buffer + i, size - i)) continue;
        unsigned cp = ((unsigned)(buffer[i] & 0x0F) << 12) | ((unsigned)(buffer[i + 1] & 0x3F) << 6) |
                      (unsigned)(buffer[i + 2] & 0x3F);
        if (fwrite(buffer + start, 1, i - start, out) != i - start || fprintf(out, "\\u%04X", cp) != 6)
            return 0;
        i += 2;
        start = i + 1;
    }
    return fwrite(buffer + start, 1, size - start, out) == size - start;
}

static bool emit(yaml_emitter_t *e, yaml_event_t *ev) {
    return yaml_emitter_emit(e, ev) != 0;
}

static bool y_scalar(yaml_emitter_t *e, const char *s, bool quoted) {
    yaml_event_t ev;
    char *text = nb_utf8_repair(s, strlen(s), NULL);
    if (!text) return false;
    size_t len = strlen(text);
    for (size_t i = 0; !quoted && i < len; i++)
        if (nb_utf8_is_bidi_control(text + i, len - i)) quoted = true;
    bool ok = yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)text, (int)strlen(text), 1, 1,
                                           quoted ? YAML_DOUBLE_QUOTED_SCALAR_STYLE
                                                  : YAML_PLAIN_SCALAR_STYLE) &&
              emit(e, &ev);
    free(text);
    return ok;
}

static bool y_int(yaml_emitter_t *e, long long v) {
    char buf[32];
    snprintf(buf, sizeof buf, "%lld", v);
    return y_scalar(e, buf, false);
}

static bool y_map_start(yaml_emitter_t *e, bool flow) {
    yaml_event_t ev;
    yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                        flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    return emit(e, &ev);
}

static bool y_map_end(yaml_emitter_t *e) {
    yaml_event_t ev;
    yaml_mapping_end_event_initialize(&ev);
    return emit(e, &ev);
}

static bool y_seq_start(yaml_emitter_t *e, bool flow) {
    yaml_event_t ev;
    yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                         flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    return emit(e, &ev);
}

static bool y_seq_end(yaml_emitter_t *e) {
    yaml_event_t ev;
    yaml_sequence_end_event_initialize(&ev);
    return emit(e, &ev);
}

static bool y_findings(yaml_emitter_t *e, const nb_report *r, const nb_findings *f) {
    bool ok = y_seq_start(e, false);
    for (int i = 0; ok && i < f->count; i++) {
        const nb_finding *x = &f->items[i];
        ok = y_map_start(e, false) && y_scalar(e, "rule", false) && y_scalar(e, x->rule, false) &&
             y_scalar(e, "severity", false) && y_scalar(e, severity_word(x->severity), false) &&
             y_scalar(e, "cells", false) && y_seq_start(e, true);
        for (int c = 0; ok && c < x->ncells; c++) {
            char id[96];
            nb_template_cell_id(r->tpl, x->cells[c], id, sizeof id);
            ok = y_scalar(e, id, false);
        }
        ok = ok && y_seq_end(e) && y_scalar(e, "message", false) && y_scalar(e, x->message, true);
        if (ok && x->confidence)
            ok = y_scalar(e, "confidence", false) && y_scalar(e, nb_confidence_name(x->confidence), false);
        if (ok && x->line > 0)
            ok = y_scalar(e, "line", false) && y_int(e, x->line) && y_scalar(e, "column", false) &&
                 y_int(e, x->column);
        if (ok && x->culprit >= 0 && r->tpl) {
            char id[96], num[40];
            nb_template_cell_id(r->tpl, x->culprit, id, sizeof id);
            nb_number_format(x->culprit_value, num, sizeof num);
            ok = y_scalar(e, "culprit", false) && y_map_start(e, true) && y_scalar(e, "cell", false) &&
                 y_scalar(e, id, false) && y_scalar(e, "value", false) && y_scalar(e, num, false) &&
                 y_map_end(e);
        }
        ok = ok && y_scalar(e, "key", false) && y_scalar(e, x->key, true) && y_map_end(e);
    }
    return ok && y_seq_end(e);
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
        if (x->line > 0) printf(", \"line\": %d, \"column\": %d", x->line, x->column);
        if (x->culprit >= 0 && r->tpl) {
            char id[96], num[40];
            nb_template_cell_id(r->tpl, x->culprit, id, sizeof id);
            nb_number_format(x->culprit_value, num, sizeof num);
            fputs(", \"culprit\": {\"cell\": ", stdout);
            json_string(id);
            printf(", \"value\": %s}", num);
        }
        fputs(", \"key\": ", stdout);
        json_string(x->key);
        putchar('}');
    }
    putchar(']');
}

/* --------------------------------------------------------------- driving */

typedef struct run {
    const options *opt;
    const nb_document *previous_doc;
    yaml_emitter_t *yaml;
    bool yaml_ok;
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

static void check_file(run *rn, const char *path) {
    const options *opt = rn->opt;
    nb_document doc;
    nb_error err;
    nb_error_clear(&err);
    bool first = rn->files_done++ == 0;
    if (nb_document_open_with(&doc, path, NULL, NB_LOAD_NO_HASH, &err) != 0) {
        rn->unreadable = true;
        /* the text layer names the file; a parse error may not */
        if (strstr(err.message, path))
            nb_out_printf(stderr, "nianbao check: %s\n", err.message);
        else
            nb_out_printf(stderr, "nianbao check: %s: %s\n", path, err.message);
        if (opt->format == FORMAT_YAML && rn->yaml_ok)
            rn->yaml_ok = y_map_start(rn->yaml, false) && y_scalar(rn->yaml, "file", false) &&
                          y_scalar(rn->yaml, path, true) && y_scalar(rn->yaml, "error", false) &&
                          y_scalar(rn->yaml, err.message, true) && y_map_end(rn->yaml);
        if (opt->format == FORMAT_JSON) {
            printf("%s\n  {\"file\": ", first ? "" : ",");
            json_string(path);
            fputs(", \"error\": ", stdout);
            json_string(err.message);
            putchar('}');
        }
        return;
    }
    if (doc.url) {
        /* From here on the copy is the file: its lines are what the
         * findings point at, and it is there to open in an editor. */
        nb_out_printf(stderr, _("nianbao check: fetched %s; its copy is %s\n"), doc.url, doc.path);
        path = doc.path;
    }
    if (opt->format == FORMAT_YAML && rn->yaml_ok)
        rn->yaml_ok = y_map_start(rn->yaml, false) && y_scalar(rn->yaml, "file", false) &&
                      y_scalar(rn->yaml, path, true) && y_scalar(rn->yaml, "reports", false) &&
                      y_seq_start(rn->yaml, false);
    if (opt->format == FORMAT_JSON) {
        printf("%s\n  {\"file\": ", first ? "" : ",");
        json_string(path);
        fputs(", \"reports\": [", stdout);
    }
    int file_errors = 0, file_warnings = 0, checked = 0, tabled = 0;
    nb_findings f = {0};
    for (int i = 0; i < doc.nreports; i++) {
        const nb_report *r = &doc.reports[i];
        if (!report_selected(opt, r, i)) continue;
        const nb_report *prev = NULL;
        if (rn->previous_doc) prev = nb_check_find_previous(rn->previous_doc, r, false);
        nb_findings_clear(&f);
        nb_check_document(&doc, i, prev, &f);
        file_errors += f.errors;
        file_warnings += f.warnings;
        tabled += r->has_tables;
        if (!r->has_tables)
            /* A reviewer who ran check on the wrong file must not take
             * silence for "all adds up". */
            /* TRANSLATORS: a file, the report's number in it, why no table was
             * read (e.g. "no standard statistical tables found in the text") */
            nb_out_printf(stderr, _("nianbao check: warning: %s: report %d was not checked: %s\n"), path,
                          i + 1,
                          r->no_tables_reason[0] ? _(r->no_tables_reason) : _("no standard tables"));
        switch (opt->format) {
        case FORMAT_TEXT:
            if (!opt->quiet) print_text(path, r, &f);
            break;
        case FORMAT_YAML:
            if (!rn->yaml_ok) break;
            rn->yaml_ok = y_map_start(rn->yaml, false) && y_scalar(rn->yaml, "agency", false) &&
                          y_scalar(rn->yaml, r->agency, true) && y_scalar(rn->yaml, "year", false) &&
                          (r->year ? y_int(rn->yaml, r->year) : y_scalar(rn->yaml, "null", false)) &&
                          y_scalar(rn->yaml, "template", false) &&
                          (r->tpl ? y_scalar(rn->yaml, r->tpl->name, true)
                                  : y_scalar(rn->yaml, "null", false)) &&
                          y_scalar(rn->yaml, "findings", false) && y_findings(rn->yaml, r, &f) &&
                          y_map_end(rn->yaml);
            break;
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
            json_findings(r, &f);
            putchar('}');
            break;
        }
        checked++;
    }
    nb_findings_free(&f);
    rn->selected += checked;
    if (doc.nreports == 0)
        nb_out_printf(stderr, _("nianbao check: warning: no report found in %s\n"), path);
    else if (opt->report > doc.nreports)
        /* TRANSLATORS: a file, how many reports it holds, the number asked for */
        nb_out_printf(stderr, _("nianbao check: %s: it holds %d report(s), there is no report %d\n"), path,
                doc.nreports, opt->report);
    else if (opt->year && opt->report && checked == 0)
        /* TRANSLATORS: a file, the report number asked for, the year asked for */
        nb_out_printf(stderr, _("nianbao check: %s: report %d does not cover the year %d\n"), path,
                      opt->report, opt->year);
    else if (opt->year && checked == 0)
        nb_out_printf(stderr, _("nianbao check: no report in %s covers the year %d\n"), path, opt->year);
    if (opt->format == FORMAT_YAML && rn->yaml_ok)
        rn->yaml_ok = y_seq_end(rn->yaml) && y_map_end(rn->yaml);
    if (opt->format == FORMAT_JSON) fputs(checked ? "\n  ]}" : "]}", stdout);
    if (opt->quiet && opt->format == FORMAT_TEXT) {
        /* TRANSLATORS: FILE: reports checked, of them with tables, errors, warnings */
        nb_out_printf(stdout, _("%s: %d report(s), %d with tables: %d error(s), %d warning(s)\n"), path, checked,
               tabled, file_errors, file_warnings);
    }
    rn->errors += file_errors;
    rn->warnings += file_warnings;
    nb_document_free(&doc);
}

static int list_rules(void) {
    int n;
    const nb_rule_info *rules = nb_check_rules(&n);
    for (int i = 0; i < n; i++)
        printf("%-28s %-8s %s\n", rules[i].id, severity_word(rules[i].severity), _(rules[i].summary));
    return EXIT_CLEAN;
}

static bool parse_int(const char *s, int lo, int hi, int *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = (int)v;
    return true;
}

int nb_cmd_check(int argc, char **argv) {
    options opt = {FORMAT_TEXT, false, NULL, 0, 0};
    static const struct option longopts[] = {
        {"format", required_argument, NULL, 'f'},   {"quiet", no_argument, NULL, 'q'},
        {"previous", required_argument, NULL, 'p'}, {"report", required_argument, NULL, 'r'},
        {"year", required_argument, NULL, 'y'},     {"list-rules", no_argument, NULL, 'L'},
        {"help", no_argument, NULL, 'h'},           {NULL, 0, NULL, 0}};
    optind = 1;
    opterr = 0;
    int c;
    while ((c = getopt_long(argc, argv, "f:qp:r:y:h", longopts, NULL)) != -1) {
        switch (c) {
        case 'f':
            if (!strcmp(optarg, "text"))
                opt.format = FORMAT_TEXT;
            else if (!strcmp(optarg, "yaml"))
                opt.format = FORMAT_YAML;
            else if (!strcmp(optarg, "json"))
                opt.format = FORMAT_JSON;
            else {
                nb_out_printf(stderr, _("nianbao check: unknown format '%s' (text, yaml or json)\n"), optarg);
                return EXIT_UNREADABLE;
            }
            break;
        case 'q': opt.quiet = true; break;
        case 'p': opt.previous_path = optarg; break;
        case 'r':
            if (!parse_int(optarg, 1, 10000, &opt.report)) {
                nb_out_printf(stderr, _("nianbao check: --report wants a number from 1, not '%s'\n"), optarg);
                return EXIT_UNREADABLE;
            }
            break;
        case 'y':
            if (!parse_int(optarg, 1990, 2100, &opt.year)) {
                nb_out_printf(stderr, _("nianbao check: --year wants a year such as 2023, not '%s'\n"), optarg);
                return EXIT_UNREADABLE;
            }
            break;
        case 'L': return nb_out_finish("check", list_rules());
        case 'h': usage(stdout); return nb_out_finish("check", EXIT_CLEAN);
        default:
            if (optopt)
                nb_out_printf(stderr, _("nianbao check: option -%c is unknown or lacks its value\n"), optopt);
            else
                nb_out_printf(stderr, _("nianbao check: unknown option '%s'\n"), argv[optind - 1]);
            usage(stderr);
            return EXIT_UNREADABLE;
        }
    }
    if (optind >= argc) {
        fprintf(stderr, "%s", _("nianbao check: no file to check\n"));
        usage(stderr);
        return EXIT_UNREADABLE;
    }

    nb_document previous_doc;
    bool have_previous = false;
    run rn = {&opt, NULL, NULL, true, 0, 0, 0, false, 0};
    if (opt.previous_path) {
        nb_error err;
        nb_error_clear(&err);
        if (nb_document_open_with(&previous_doc, opt.previous_path, NULL, NB_LOAD_NO_HASH, &err) != 0) {
            nb_out_printf(stderr, _("nianbao check: --previous %s: %s\n"), opt.previous_path, err.message);
            return EXIT_UNREADABLE;
        }
        have_previous = true;
        rn.previous_doc = &previous_doc;
        if (previous_doc.url)
            nb_out_printf(stderr, _("nianbao check: fetched %s; its copy is %s\n"), previous_doc.url,
                          previous_doc.path);
    }

    yaml_emitter_t emitter;
    if (opt.format == FORMAT_YAML) {
        yaml_emitter_initialize(&emitter);
        yaml_emitter_set_output(&emitter, yaml_write, stdout);
        yaml_emitter_set_unicode(&emitter, 1);
        yaml_emitter_set_width(&emitter, -1);
        yaml_event_t ev;
        rn.yaml = &emitter;
        yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
        rn.yaml_ok = emit(&emitter, &ev);
        yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
        rn.yaml_ok = rn.yaml_ok && emit(&emitter, &ev) && y_map_start(&emitter, false) &&
                     y_scalar(&emitter, "format", false) && y_scalar(&emitter, "nianbao-check/1", false) &&
                     y_scalar(&emitter, "files", false) && y_seq_start(&emitter, false);
    } else if (opt.format == FORMAT_JSON) {
        fputs("{\"format\": \"nianbao-check/1\", \"files\": [", stdout);
    }

    for (int i = optind; i < argc; i++) check_file(&rn, argv[i]);

    if (opt.format == FORMAT_YAML) {
        yaml_event_t ev;
        rn.yaml_ok = rn.yaml_ok && y_seq_end(&emitter) && y_map_end(&emitter);
        yaml_document_end_event_initialize(&ev, 1);
        rn.yaml_ok = rn.yaml_ok && emit(&emitter, &ev);
        yaml_stream_end_event_initialize(&ev);
        rn.yaml_ok = rn.yaml_ok && emit(&emitter, &ev);
        if (!rn.yaml_ok)
            nb_out_printf(stderr, _("nianbao check: cannot write YAML: %s\n"),
                    emitter.problem ? emitter.problem : strerror(errno));
        yaml_emitter_delete(&emitter);
    } else if (opt.format == FORMAT_JSON) {
        fputs("\n]}\n", stdout);
    }
    if (have_previous) nb_document_free(&previous_doc);
    /* ferror too: a write that failed earlier (a full disk) is not seen
     * by a later fflush that has nothing left to write. */
    errno = 0;
    if (fflush(stdout) != 0 || ferror(stdout)) {
        fprintf(stderr, _("nianbao check: cannot write the output: %s\n"),
                errno ? strerror(errno) : _("a write failed"));
        return EXIT_UNREADABLE;
    }
    if (rn.unreadable || (opt.format == FORMAT_YAML && !rn.yaml_ok)) return EXIT_UNREADABLE;
    /* --report or --year that selects nothing in any file: nothing at all
     * was checked, which must not pass for "no errors" (as export). */
    if ((opt.report || opt.year) && rn.selected == 0) return EXIT_UNREADABLE;
    return rn.errors ? EXIT_FINDINGS : EXIT_CLEAN;
}
