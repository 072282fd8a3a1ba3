/* A report's row (reportrow.h): counted from its cells, its findings
 * from the checks, its review state from the review file beside it. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nianbao/check.h"
#include "nianbao/fileio.h"
#include "nianbao/reportrow.h"
#include "nianbao/sha256.h"
#include "nianbao/yamlio.h"


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

static void count_cells(const nb_report *r, nb_report_row *row) {
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

/* The review of report k beside the file, and the report it is about. */
typedef struct beside {
    bool present, readable;
    nb_review_file file;
    int report; /* which report of the document it is about, or -1 */
} beside;

static void read_beside(const nb_document *doc, int k, beside *b) {
    memset(b, 0, sizeof *b);
    b->report = -1;
    char *path = nb_review_path_for(doc->path, doc, k);
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
static void review_state(nb_document *doc, int k, beside *b, nb_report_row *row) {
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

static void make_row(nb_document *doc, int k, beside *b, nb_report_row *row) {
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

void nb_figures_add(nb_figures *sum, const nb_figures *f, bool first) {
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

const char *nb_review_state_name(nb_review_state s) {
    switch (s) {
    case NB_REVIEW_IN_PROGRESS: return "in_progress";
    case NB_REVIEW_SIGNED: return "signed";
    case NB_REVIEW_UNREADABLE: return "unreadable";
    default: return "not_started";
    }
}

const char *nb_review_state_words(nb_review_state s) {
    switch (s) {
    case NB_REVIEW_IN_PROGRESS: return _("in progress");
    case NB_REVIEW_SIGNED: return _("signed");
    case NB_REVIEW_UNREADABLE: return _("review unreadable");
    default: return _("not started");
    }
}

nb_review_state nb_report_review_state(nb_document *doc, int k) {
    beside b;
    read_beside(doc, k, &b);
    nb_report_row row;
    memset(&row, 0, sizeof row);
    review_state(doc, k, &b, &row);
    if (b.readable) nb_review_file_free(&b.file);
    return row.state;
}

/* ------------------------------------------------------------ a file */

int nb_file_rows_read(nb_file_rows *fr, const char *path) {
    memset(fr, 0, sizeof *fr);
    nb_error_clear(&fr->err);
    if (nb_document_open_with(&fr->doc, path, NULL, NB_LOAD_DEFAULT, &fr->err) != 0) return -1;
    fr->opened = true;
    fr->rows = calloc((size_t)fr->doc.nreports + 1, sizeof *fr->rows);
    if (!fr->rows) {
        nb_error_set(&fr->err, ENOMEM, "%s", strerror(ENOMEM));
        return -1;
    }
    /* A page that links last years' reports names them in titles of
     * their own: those are rows only when the file has no report with
     * tables. */
    bool any_tables = false;
    for (int k = 0; k < fr->doc.nreports; k++) any_tables |= fr->doc.reports[k].has_tables;
    for (int k = 0; k < fr->doc.nreports; k++) {
        if (!fr->doc.reports[k].has_tables && any_tables) continue;
        beside b;
        read_beside(&fr->doc, k, &b);
        make_row(&fr->doc, k, &b, &fr->rows[fr->n++]);
        if (b.readable) nb_review_file_free(&b.file);
    }
    return 0;
}

void nb_file_rows_free(nb_file_rows *fr) {
    free(fr->rows);
    fr->rows = NULL;
    fr->n = 0;
    if (fr->opened) nb_document_free(&fr->doc);
    fr->opened = false;
}
