/* What the files of a review share among themselves (review.c keeps the
 * model; reviewfile.c, signoff.c and save.c work on it). Private to
 * src/review. */
#ifndef NIANBAO_REVIEW_INTERNAL_H
#define NIANBAO_REVIEW_INTERNAL_H

#include "nianbao/review.h"

/* A malloc'd copy, or NULL for NULL or "". */
char *nb_rv_dup_or_null(const char *s);
/* Same value and unit as written (1.5 and 1.50 differ). */
bool nb_rv_same_cell_value(const nb_cell *a, const nb_cell *b);
/* Text a person typed must be valid UTF-8 to be written as YAML: 0, or
 * -1 with err. Either may be NULL. */
int nb_rv_check_texts(const char *a, const char *b, nb_error *err);
void nb_rv_free_change(nb_change *c);
void nb_rv_free_signoff(nb_signoff *s);
/* Run the checks again on the corrected report. */
void nb_rv_recheck(nb_review *rv);
/* The report as read from the source, before any change. */
const nb_report *nb_rv_fresh_report(const nb_review *rv);
/* Remember the cells as they are now as the saved ones. */
void nb_rv_snapshot_saved(nb_review *rv);
/* Put a status and note in place (copying the note): 0, -1 out of memory. */
/* `values`: what the finding's cells held when it was judged, from a
 * review file; NULL takes them from the next run of the checks. */
int nb_rv_put_status(nb_review *rv, const char *key, nb_finding_state st, const char *note, const char *values);
/* Room for `more` statuses beyond those there (exactly, where the count
 * is known: a file's statuses): 0, or -1 out of memory. */
int nb_rv_reserve_statuses(nb_review *rv, int more);
/* Record `c` (taking ownership of its strings), apply it, re-check. A
 * new change gets the time and reviewer of now; one replayed from a file
 * (`replayed`) keeps what the file says, and is checked once at the end
 * of the replay. */
int nb_rv_push_change_as(nb_review *rv, nb_change *c, bool replayed, nb_error *err);
/* Byte offsets of a span given by line and columns, from the text. */
void nb_rv_locate_span(const nb_text *t, nb_span *s);

/* `path` with `suffix` appended (REPORT.review.yaml, REVIEW.recover).
 * malloc'd. */
char *nb_rv_path_plus(const char *path, const char *suffix);
/* Write the review's file to `path` atomically (save.c). */
int nb_rv_write_review(const nb_review *rv, const char *path, nb_error *err);

#endif
