/* Life cycle of documents and reports, and small accessors the checks,
 * the review and the front ends share. Recognition itself is in
 * recognize.c. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/report.h"
#include "nianbao/source.h"
#include "nianbao/url.h"

bool nb_report_value(const nb_report *r, int i, nb_number *out) {
    if (!r->cells || !r->tpl || i < 0 || i >= r->tpl->ncells || !r->cells[i].has_value) return false;
    if (out) *out = r->cells[i].value;
    return true;
}

int nb_report_cell(const nb_report *r, nb_table_id t, const char *row, const char *col) {
    if (!r->tpl) return -1;
    int ri = nb_template_find_row(r->tpl, t, row);
    return ri < 0 ? -1 : nb_template_cell_at(r->tpl, ri, col);
}

void nb_report_add_note(nb_report *r, nb_note_kind kind, int cell, const nb_span *span,
                        const char *fmt, ...) {
    nb_note *grown = realloc(r->notes, (size_t)(r->nnotes + 1) * sizeof *grown);
    if (!grown) return; /* a lost note is better than a lost report */
    r->notes = grown;
    nb_note *n = &r->notes[r->nnotes++];
    memset(n, 0, sizeof *n);
    n->kind = kind;
    n->cell = cell;
    if (span) n->span = *span;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(n->message, sizeof n->message, fmt, ap);
    va_end(ap);
}

int nb_report_copy(nb_report *dst, const nb_report *src) {
    *dst = *src;
    dst->cells = NULL;
    dst->notes = NULL;
    if (src->cells && src->tpl) {
        dst->cells = malloc((size_t)src->tpl->ncells * sizeof *dst->cells);
        if (!dst->cells) return -1;
        memcpy(dst->cells, src->cells, (size_t)src->tpl->ncells * sizeof *dst->cells);
    }
    if (src->nnotes) {
        dst->notes = malloc((size_t)src->nnotes * sizeof *dst->notes);
        if (!dst->notes) {
            free(dst->cells);
            dst->cells = NULL;
            return -1;
        }
        memcpy(dst->notes, src->notes, (size_t)src->nnotes * sizeof *dst->notes);
    }
    return 0;
}

void nb_report_free(nb_report *r) {
    free(r->cells);
    free(r->notes);
    r->cells = NULL;
    r->notes = NULL;
    r->nnotes = 0;
}

static int load(nb_document *doc, const char *path, nb_load_flags flags, nb_error *err) {
    nb_text text;
    memset(doc, 0, sizeof *doc);
    nb_source_kind kind;
    if (nb_source_read(path, flags, &text, &kind, err) != 0) return -1;
    if (nb_document_parse(doc, path, &text, err) != 0) return -1;
    doc->source_kind = kind;
    return 0;
}

int nb_document_load(nb_document *doc, const char *path, nb_error *err) {
    return load(doc, path, NB_LOAD_DEFAULT, err);
}

int nb_document_open(nb_document *doc, const char *arg, const char *copy_dir, nb_error *err) {
    return nb_document_open_with(doc, arg, copy_dir, NB_LOAD_DEFAULT, err);
}

int nb_document_open_with(nb_document *doc, const char *arg, const char *copy_dir,
                          nb_load_flags flags, nb_error *err) {
    if (!nb_url_is_web(arg)) return load(doc, arg, flags, err);
    memset(doc, 0, sizeof *doc);
    char *copy = NULL;
    nb_fetched fetched;
    if (nb_url_keep_copy(arg, copy_dir ? copy_dir : ".", &copy, &fetched, err) != 0) return -1;
    char when[NB_TIME_ISO_SIZE];
    snprintf(when, sizeof when, "%s", fetched.time);
    nb_fetched_free(&fetched); /* the copy is read back: its hash is of the bytes on disk */
    int rc = load(doc, copy, flags, err);
    free(copy);
    if (rc != 0) return -1;
    doc->url = strdup(arg);
    if (!doc->url) {
        nb_document_free(doc);
        nb_error_set(err, ENOMEM, "%s", strerror(ENOMEM));
        return -1;
    }
    snprintf(doc->fetched, sizeof doc->fetched, "%s", when);
    return 0;
}

void nb_document_free(nb_document *doc) {
    for (int i = 0; i < doc->nreports; i++) nb_report_free(&doc->reports[i]);
    free(doc->reports);
    free(doc->path);
    free(doc->url);
    nb_text_free(&doc->text);
    memset(doc, 0, sizeof *doc);
}
