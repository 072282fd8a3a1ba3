/* `nianbao record REVIEW.yaml [-o OUT]`: the review as one printable
 * page to hand in — the report's identity, the sign-off and whether it
 * still holds, every finding with its status and note, the three tables
 * with open problems and edited cells marked, and the edit log. The
 * tables are the review applied to a fresh reading of its source; when
 * the source is not found, they are the tables the review file states. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"
#include "output.h"
#include "record.h"
#include "nianbao/cli.h"
#include "nianbao/document.h"
#include "nianbao/fileio.h"
#include "nianbao/yamlio.h"

static void usage(FILE *out) {
    fprintf(out, "%s",
            _("Usage: nianbao record REVIEW.yaml [-o OUT]\n"
              "Write the review as one HTML page to print or hand in: the report, the\n"
              "sign-off and whether it holds, every finding with its status and note, the\n"
              "tables with problems and edits marked, and the edit log.\n"
              "\n"
              "  -o, --output OUT   write to OUT (replaced atomically; - = standard output)\n"
              "  -h, --help         show this help\n"));
}

static const nb_option record_options[] = {{'o', 'o', "output", true}, {'h', 'h', "help", false}};

static int parse_args(int argc, char **argv, const char **review, const char **output) {
    nb_args a;
    nb_args_start(&a, argc, argv, record_options, 2);
    for (int id; (id = nb_args_next(&a)) != NB_ARG_DONE;) {
        if (id == 'h') {
            usage(stdout);
            return nb_out_finish("record", NB_EXIT_OK);
        }
        if (id == 'o') {
            *output = a.value;
        } else if (id == NB_ARG_OPERAND && !*review) {
            *review = a.value;
        } else {
            nb_out_printf(stderr, _("nianbao record: unexpected argument %s\n"), a.arg);
            usage(stderr);
            return NB_EXIT_TROUBLE;
        }
    }
    if (!*review) {
        usage(stderr);
        return NB_EXIT_TROUBLE;
    }
    return -1;
}

/* What the record is made of, and what must be freed after. */
typedef struct sources {
    nb_review_file file;
    nb_verify_result verify;
    char *source_path;
    nb_document doc;
    bool doc_open, review_open;
    nb_review rv;
    nb_findings file_findings; /* when the source cannot be read */
} sources;

/* The review applied to a fresh reading of its source; false when the
 * source is not there or no longer holds the report. */
static bool open_review(sources *s) {
    nb_error err;
    nb_error_clear(&err);
    if (!s->source_path ||
        nb_document_open_with(&s->doc, s->source_path, NULL, NB_LOAD_DEFAULT, &err) != 0)
        return false;
    s->doc_open = true;
    int k = nb_review_file_report(&s->doc, &s->file);
    if (k < 0 || nb_review_open(&s->rv, &s->doc, k, &err) != 0) return false;
    bool changed = false;
    char *mismatch = NULL;
    int rc = nb_review_apply_file(&s->rv, &s->file, &changed, &mismatch, &err);
    free(mismatch);
    s->review_open = true;
    return rc == 0;
}

static void fill_record(sources *s, const char *review_path, nb_record *rec) {
    rec->review_path = review_path;
    rec->source_path = s->source_path;
    rec->verify = &s->verify;
    if (open_review(s)) {
        rec->report = &s->rv.current;
        rec->findings = &s->rv.findings;
        rec->statuses = s->rv.statuses;
        rec->nstatuses = s->rv.nstatuses;
        rec->changes = s->rv.changes;
        rec->nchanges = s->rv.applied;
        rec->signoff = &s->rv.signoff;
        return;
    }
    /* The tables as the file states them; the checks that need the
     * text (the narrative) are left out. */
    nb_check_report(&s->file.report, NULL, NULL, &s->file_findings);
    rec->report = &s->file.report;
    rec->findings = &s->file_findings;
    rec->statuses = s->file.statuses;
    rec->nstatuses = s->file.nstatuses;
    rec->changes = s->file.changes;
    rec->nchanges = s->file.nchanges;
    rec->signoff = &s->file.signoff;
}

static void sources_free(sources *s) {
    if (s->review_open) nb_review_free(&s->rv);
    if (s->doc_open) nb_document_free(&s->doc);
    nb_findings_free(&s->file_findings);
    nb_verify_result_free(&s->verify);
    nb_review_file_free(&s->file);
    free(s->source_path);
}

static int write_page(const char *output, const char *html, size_t len) {
    nb_error err;
    nb_error_clear(&err);
    if (output && strcmp(output, "-") != 0) {
        if (nb_file_write_atomic(output, html, len, &err) == 0) return NB_EXIT_OK;
        nb_out_printf(stderr, "nianbao record: %s\n", err.message);
        return NB_EXIT_TROUBLE;
    }
    if (fwrite(html, 1, len, stdout) != len) return nb_out_finish("record", NB_EXIT_TROUBLE);
    return nb_out_finish("record", NB_EXIT_OK);
}

int nb_cmd_record(int argc, char **argv) {
    const char *review = NULL, *output = NULL;
    int status = parse_args(argc, argv, &review, &output);
    if (status >= 0) return status;
    sources s;
    memset(&s, 0, sizeof s);
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_read_file(review, &s.file, &err) != 0 || nb_review_verify(review, &s.verify, &err) != 0) {
        nb_out_printf(stderr, "nianbao record: %s: %s\n", review, err.message);
        nb_review_file_free(&s.file);
        return NB_EXIT_TROUBLE;
    }
    s.source_path = nb_review_find_source(review, &s.file);
    if (output && strcmp(output, "-") != 0 &&
        (nb_path_same_file(output, review) || (s.source_path && nb_path_same_file(output, s.source_path)))) {
        nb_out_printf(stderr, _("nianbao record: %s is the review or its source: choose another OUT\n"), output);
        sources_free(&s);
        return NB_EXIT_TROUBLE;
    }
    nb_record rec;
    fill_record(&s, review, &rec);
    size_t len = 0;
    char *html = nb_record_html(&rec, &len);
    if (!html) {
        nb_out_printf(stderr, "nianbao record: %s\n", strerror(ENOMEM));
        status = NB_EXIT_TROUBLE;
    } else {
        status = write_page(output, html, len);
    }
    free(html);
    sources_free(&s);
    return status;
}
