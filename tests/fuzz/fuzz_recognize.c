/* libFuzzer harness of the recogniser: any bytes that decode are parsed
 * into reports, and what the rest of the program relies on is checked
 * (abort() on a violation):
 *   - parsing never fails on text (only memory can make it fail);
 *   - reports are in source order, with copies >= 1 and a year that is 0
 *     or plausible; a report with tables has its template and cells;
 *   - every cell that was read points inside the text, on the line its
 *     bytes are on; values are within NB_NUMBER_MAX_UNITS; nulls have no
 *     value; notes name a cell of the template or none;
 *   - agency and reasons are NUL-terminated UTF-8.
 * Built two ways, like fuzz_text.c: with --enable-fuzzing as the
 * libFuzzer target tests/fuzz/recognize_fuzzer (`make fuzz-recognize`), and with
 * NB_FUZZ_REPLAY as a plain program replaying tests/fuzz/corpus/recognize (or
 * the files and folders given) during `make check`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"
#include "nianbao/document.h"
#include "nianbao/report.h"

#define require(ok)                                                                    \
    do {                                                                               \
        if (!(ok)) {                                                                   \
            fprintf(stderr, "fuzz_recognize: %s:%d: %s\n", __FILE__, __LINE__, #ok); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

static void check_utf8_string(const char *s, size_t cap) {
    size_t n = strnlen(s, cap);
    require(n < cap);
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = nb_utf8_next(s + i, n - i, &cp);
        require(k >= 1 && !(k == 1 && (unsigned char)s[i] >= 0x80));
        i += k;
    }
}

static void check_span(const nb_text *t, const nb_span *sp) {
    if (sp->line == 0) return;
    require(sp->byte_start <= sp->byte_end && sp->byte_end <= t->len);
    require(sp->line >= 1 && (size_t)sp->line <= t->nlines);
    require(nb_text_line_of(t, sp->byte_start) + 1 == (size_t)sp->line);
    require(sp->col_start >= 1 && sp->col_end >= sp->col_start);
}

static void check_report(const nb_text *t, const nb_report *r) {
    require(r->copies >= 1);
    require(r->year == 0 || (r->year >= NB_YEAR_MIN && r->year <= NB_YEAR_MAX)); /* the one year range */
    require(r->byte_start <= r->byte_end && r->byte_end <= t->len);
    check_utf8_string(r->agency, sizeof r->agency);
    check_utf8_string(r->no_tables_reason, sizeof r->no_tables_reason);
    check_span(t, &r->title);
    check_span(t, &r->period_span);
    check_span(t, &r->dateline_span);
    if (r->period_readable) require(r->period_found);
    if (r->has_tables) {
        require(r->tpl != NULL && r->cells != NULL);
        for (int i = 0; i < r->tpl->ncells; i++) {
            const nb_cell *c = &r->cells[i];
            check_span(t, &c->span);
            check_utf8_string(c->unit, sizeof c->unit);
            if (c->has_value) {
                require(c->origin == NB_ORIGIN_READ || c->origin == NB_ORIGIN_INFERRED);
                require(c->span.line > 0);
                require(c->value.units <= NB_NUMBER_MAX_UNITS && c->value.units >= -NB_NUMBER_MAX_UNITS);
                require(c->value.scale <= 9);
            } else {
                require(c->origin == NB_ORIGIN_MISSING);
            }
        }
    } else {
        require(r->cells == NULL && r->no_tables_reason[0] != '\0');
    }
    for (int i = 0; i < r->nnotes; i++) {
        const nb_note *n = &r->notes[i];
        require(n->cell == -1 || (r->tpl && n->cell >= 0 && n->cell < r->tpl->ncells));
        check_span(t, &n->span);
        require(strnlen(n->message, sizeof n->message) < sizeof n->message);
    }
    /* values left for the reviewer to place, and their readings */
    for (int i = 0; i < r->nplacements; i++) {
        const nb_placement *p = &r->placements[i];
        require(r->has_tables && p->note >= 0 && p->note < r->nnotes);
        require(p->nvalues >= 1 && p->nvalues < p->ncells && p->ncells <= NB_PLACEMENT_MAX);
        for (int c = 0; c < p->ncells; c++) require(p->cells[c] >= 0 && p->cells[c] < r->tpl->ncells);
        nb_reading rd[4];
        int n = nb_placement_readings(r, p, i % 2 == 1, rd, 4);
        require(n >= -1 && n <= 4);
        for (int k = 0; k < n; k++) {
            require(__builtin_popcountll(rd[k].filled) == p->nvalues);
            require(rd[k].filled >> p->ncells == 0);
            if (k > 0) require(rd[k - 1].broken <= rd[k].broken);
        }
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    if (nb_text_from_bytes((const char *)data, size, &t, &err) != 0) return 0;
    nb_document doc;
    require(nb_document_parse(&doc, "fuzz", &t, &err) == 0);
    require(t.utf8 == NULL); /* the document owns the text now */
    size_t prev = 0;
    for (int i = 0; i < doc.nreports; i++) {
        check_report(&doc.text, &doc.reports[i]);
        require(doc.reports[i].byte_start >= prev);
        prev = doc.reports[i].byte_start;
    }
    nb_document_free(&doc);
    return 0;
}

#ifdef NB_FUZZ_REPLAY
#include "replay.h"

int main(int argc, char **argv) {
    return nb_fuzz_replay_main(argc, argv, "fuzz_recognize", "tests/fuzz/corpus/recognize",
                               LLVMFuzzerTestOneInput);
}
#endif
