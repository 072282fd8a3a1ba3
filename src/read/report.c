/* The report data model: the life cycle of a report (notes, copies,
 * freeing) and the small accessors the checks, the review and the front
 * ends share. It depends on the template only; reading a report is
 * document.c's and recognize.c's job. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/report.h"

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

/* A hostile text may leave every row ambiguous: this many are kept. */
#define PLACEMENTS_MAX 64

void nb_report_add_placement(nb_report *r, const short *cells, int ncells, const nb_number *values,
                             int nvalues) {
    if (r->nnotes == 0 || nvalues < 1 || nvalues >= ncells || ncells > NB_PLACEMENT_MAX ||
        r->nplacements >= PLACEMENTS_MAX)
        return;
    nb_placement *grown = realloc(r->placements, (size_t)(r->nplacements + 1) * sizeof *grown);
    if (!grown) return; /* the note still says it; only the one-step placing is lost */
    r->placements = grown;
    nb_placement *p = &r->placements[r->nplacements++];
    memset(p, 0, sizeof *p);
    p->note = r->nnotes - 1;
    p->ncells = ncells;
    p->nvalues = nvalues;
    memcpy(p->cells, cells, (size_t)ncells * sizeof *cells);
    memcpy(p->values, values, (size_t)nvalues * sizeof *values);
}

bool nb_placement_done(const nb_report *r, const nb_placement *p) {
    if (!r->cells || !r->tpl) return false;
    int set = 0;
    for (int i = 0; i < p->ncells; i++) {
        int c = p->cells[i];
        if (c >= 0 && c < r->tpl->ncells && r->cells[c].has_value && r->cells[c].origin == NB_ORIGIN_EDITED) set++;
    }
    return set >= p->nvalues;
}

int nb_report_copy(nb_report *dst, const nb_report *src) {
    *dst = *src;
    dst->cells = NULL;
    dst->notes = NULL;
    dst->placements = NULL;
    if (src->nplacements) {
        dst->placements = malloc((size_t)src->nplacements * sizeof *dst->placements);
        if (!dst->placements) return -1;
        memcpy(dst->placements, src->placements, (size_t)src->nplacements * sizeof *dst->placements);
    }
    if (src->cells && src->tpl) {
        dst->cells = malloc((size_t)src->tpl->ncells * sizeof *dst->cells);
        if (!dst->cells) {
            free(dst->placements);
            dst->placements = NULL;
            return -1;
        }
        memcpy(dst->cells, src->cells, (size_t)src->tpl->ncells * sizeof *dst->cells);
    }
    if (src->nnotes) {
        dst->notes = malloc((size_t)src->nnotes * sizeof *dst->notes);
        if (!dst->notes) {
            free(dst->cells);
            free(dst->placements);
            dst->cells = NULL;
            dst->placements = NULL;
            return -1;
        }
        memcpy(dst->notes, src->notes, (size_t)src->nnotes * sizeof *dst->notes);
    }
    return 0;
}

void nb_report_free(nb_report *r) {
    free(r->cells);
    free(r->notes);
    free(r->placements);
    r->cells = NULL;
    r->notes = NULL;
    r->placements = NULL;
    r->nnotes = 0;
    r->nplacements = 0;
}

void nb_span_format(const nb_span *s, char *buf, size_t n) {
    snprintf(buf, n, "%d:%d-%d", s->line, s->col_start, s->col_end);
}

const char *nb_origin_name(nb_origin o) {
    switch (o) {
    case NB_ORIGIN_READ: return "read";
    case NB_ORIGIN_INFERRED: return "inferred";
    case NB_ORIGIN_EDITED: return "edited";
    default: return "missing";
    }
}
