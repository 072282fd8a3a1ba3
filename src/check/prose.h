/* A report's narrative as one line of prose, for the narrative checks
 * (narrative.c): white space and line breaks removed (PDF text wraps
 * mid-word), page-number lines dropped, full-width digits folded, and
 * on the way, in the same single pass, where its sentences, phrases and
 * clauses end, where each run of digits starts and where the characters
 * that open a claim of "none" (未, 没, 无, 均, 全, 零) stand. A map keeps
 * every byte's place in the source so that a finding points at it.
 * Internal to src/check. */
#ifndef NIANBAO_PROSE_H
#define NIANBAO_PROSE_H

#include <stddef.h>
#include <stdint.h>

#include "nianbao/text.h"

/* Where each separator of one kind stands: start and end of each, in order. */
typedef struct nb_prose_seps {
    uint32_t *start, *after;
    size_t n, cap;
} nb_prose_seps;

/* Offsets into the prose, in order. */
typedef struct nb_prose_marks {
    uint32_t *at;
    size_t n, cap;
} nb_prose_marks;

/* A stretch copied unchanged: prose bytes from `prose` on come from
 * source bytes from `source` on. */
typedef struct nb_prose_run {
    size_t prose, source;
} nb_prose_run;

typedef struct nb_prose {
    char *s;              /* NUL-terminated */
    size_t n;
    nb_prose_run *runs;
    size_t nruns, runs_cap;
    /* 。！？ end periods; ； also ends sentences; ，： also end phrases;
     * 、（） also end clauses */
    nb_prose_seps periods, sentences, phrases, clauses;
    nb_prose_marks numbers; /* the first digit of each run of digits */
    nb_prose_marks claims;  /* 未 没 无 均 全 零 */
} nb_prose;

/* Flatten text[from, to) — or, when the tables lie inside it, the parts
 * before and after them, with a sentence end in between so that no
 * sentence runs across the tables. Returns false when memory runs out. */
bool nb_prose_build(nb_prose *p, const nb_text *text, size_t from, size_t to,
                    size_t tables_start, size_t tables_end);
void nb_prose_free(nb_prose *p);

/* The source byte offset of prose byte `i`. */
size_t nb_prose_source(const nb_prose *p, size_t i);

/* The start of the piece (sentence, phrase or clause, by `seps`) holding
 * prose offset `i`, and the end (exclusive) of the piece holding `j`. */
size_t nb_prose_piece_start(const nb_prose_seps *seps, size_t i);
size_t nb_prose_piece_end(const nb_prose_seps *seps, size_t j, size_t n);

#endif
