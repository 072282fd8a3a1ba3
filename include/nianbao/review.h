/* A review: one report with the reviewer's corrections on top, the
 * status of each finding, the sign-off, and undo/redo of all of it.
 * No curses here: the TUI only calls these functions. */
#ifndef NIANBAO_REVIEW_H
#define NIANBAO_REVIEW_H

#include <time.h>

#include "nianbao/keyindex.h"
#include "nianbao/strstore.h"
#include "nianbao/check.h"
#include "nianbao/report.h"

typedef enum nb_change_kind {
    NB_CHANGE_SET_CELL,   /* a value typed by the reviewer, or a culprit accepted */
    NB_CHANGE_CLEAR_CELL, /* cell set to no value */
    NB_CHANGE_RELINK,     /* value re-read from another place in the source */
    NB_CHANGE_STATUS,     /* a finding's status or note changed */
} nb_change_kind;

typedef enum nb_finding_state {
    NB_STATUS_OPEN = 0,
    NB_STATUS_FIXED,
    NB_STATUS_CONFIRMED, /* confirmed_in_source: the report itself is wrong */
    NB_STATUS_DISMISSED, /* a false alarm: the report and its reading are right */
} nb_finding_state;
#define NB_STATUS_LAST NB_STATUS_DISMISSED

typedef struct nb_change {
    nb_change_kind kind;
    int cell;               /* cell changes: template cell index */
    nb_cell before, after;  /* cell changes: whole cells, so undo is a swap */
    char finding_key[160];  /* status changes */
    nb_finding_state status_before, status_after;
    char *note_before, *note_after; /* malloc'd, may be NULL */
    char time[40];          /* ISO 8601 with zone: 2026-11-24T10:03:00+08:00 */
    char reviewer[64];
    char *reason;           /* malloc'd, may be NULL */
    /* Changes made as one action (one note on several findings) share a
     * group number, and undo and redo take them together; 0: alone. The
     * review file keeps it (`group:`), so a resumed review undoes them
     * together too. */
    int group;
} nb_change;

/* Room for a finding key and its NUL, as nb_finding.key: a status of a
 * longer key is refused. */
#define NB_STATUS_KEY_SIZE 160

/* A review may carry hundreds of thousands of statuses, twice over while
 * a file is applied: the strings live in the owner's string store (the
 * review's or the file's `strings`), an entry is a few words. */
typedef struct nb_status_entry {
    const char *key;        /* nb_finding.key, in the owner's store */
    const char *note;       /* in the owner's store, may be NULL; a note
                             * replaced stays there, so a pointer handed out
                             * holds as long as the owner */
    nb_finding_state state;
    /* What the finding's cells held when it was judged (16 hex digits,
     * nb_finding_values_hash; "" until the checks have run): a status holds
     * while they hold the same values. */
    char values[17];
    bool stale;             /* in memory: they hold other values now, so the finding is open */
} nb_status_entry;

typedef enum nb_verdict {
    NB_VERDICT_NONE = 0,
    NB_VERDICT_APPROVED,
    NB_VERDICT_APPROVED_WITH_NOTES,
    NB_VERDICT_REJECTED,
} nb_verdict;

typedef struct nb_signoff {
    bool present;
    bool void_;             /* the review is not at the state it was signed in */
    char reviewer[64];
    char time[40];
    nb_verdict verdict;
    char *note;
    bool override;          /* signed with open errors, on purpose */
    char *override_note;
    char source_sha256[65]; /* hex, of the source's raw bytes */
    char data_sha256[65];   /* hex, of the canonical signed data */
    /* Added: hex SHA-256 of nb_yaml_seal_text (who signed, when, the
     * verdict, notes, both hashes above and the finding statuses), so
     * that a later edit of the verdict or a note is detected too. */
    char seal_sha256[65];
} nb_signoff;

typedef struct nb_review {
    nb_document *doc;       /* not owned */
    int report_index;
    nb_report current;      /* the report with the applied changes */
    nb_change *changes;     /* history; [0, applied) are in effect */
    int nchanges, applied, cap;
    int saved_applied;      /* `applied` at the last save, -1 if never saved */
    /* `applied` when the sign-off was made (or read intact): the sign-off
     * holds while the review is back at that state, so undoing the edit
     * that voided it brings it back. -1: no sign-off, or its state can no
     * longer come back (a new edit replaced what it covered). */
    int signed_applied;
    nb_status_entry *statuses;
    int nstatuses, capstatuses;
    nb_keyindex status_index; /* statuses by finding key */
    nb_strstore strings;      /* the statuses' keys and notes */
    nb_signoff signoff;
    nb_findings findings;   /* re-run after every change */
    const nb_report *previous; /* prior year's report, or NULL */
    char reviewer[64];      /* who is making changes now */
    /* Added for saving and resuming (review.c): the cells as last saved
     * (NULL before the first save: compare with the fresh reading), and
     * whether a status or sign-off change is not yet on disk. */
    nb_cell *saved_cells;
    bool meta_unsaved;
    int open_group, last_group; /* nb_review_group_begin/end */
} nb_review;

int nb_review_open(nb_review *rv, nb_document *doc, int report_index, nb_error *err);
void nb_review_free(nb_review *rv);

/* Changes. Each re-runs the checks, drops the redo tail, and voids a
 * sign-off. They return 0, or -1 with `err` (unknown cell, bad value). */
int nb_review_set_cell(nb_review *rv, int cell, nb_number value, const char *unit,
                       const char *reason, nb_error *err);
int nb_review_clear_cell(nb_review *rv, int cell, const char *reason, nb_error *err);
int nb_review_relink_cell(nb_review *rv, int cell, nb_number value, const nb_span *span,
                          const char *reason, nb_error *err);
/* Put the values of placement `placement` of the report (nb_placement)
 * into its cells as the reading `filled` says (bit i: cell i takes the
 * next value), the other cells left empty or, with `blanks_zero`, set to
 * 0; with `all_like`, every other unplaced row of the same table with as
 * many cells and values the same way. One change for undo. Returns how
 * many rows were placed, or -1 with err. */
int nb_review_place(nb_review *rv, int placement, unsigned long long filled, bool blanks_zero, bool all_like,
                    nb_error *err);
/* Take the culprit value a finding suggests. */
int nb_review_accept_suggestion(nb_review *rv, int finding_index, nb_error *err);
int nb_review_set_status(nb_review *rv, const char *finding_key, nb_finding_state state,
                         const char *note, nb_error *err);

bool nb_review_undo(nb_review *rv);
bool nb_review_redo(nb_review *rv);
/* The changes made between these two calls are one action: undo and redo
 * take them together. */
void nb_review_group_begin(nb_review *rv);
void nb_review_group_end(nb_review *rv);
bool nb_review_can_undo(const nb_review *rv);
bool nb_review_can_redo(const nb_review *rv);
bool nb_review_dirty(const nb_review *rv);

nb_finding_state nb_review_status_of(const nb_review *rv, const char *finding_key,
                                     const char **note);
/* Whether a cell differs from the fresh reading, and whether that
 * difference has been saved. */
bool nb_review_cell_edited(const nb_review *rv, int cell);
bool nb_review_cell_unsaved(const nb_review *rv, int cell);

/* Errors still open (neither fixed nor confirmed with a note). */
int nb_review_open_errors(const nb_review *rv);
/* Check against `previous` (the agency's report of the year before, from
 * another file; NULL for none) from now on: last year's rules run on it. */
void nb_review_set_previous(nb_review *rv, const nb_report *previous);
/* Sign off. Refused (-1, err) with open errors unless `override` and an
 * override note are given. */
int nb_review_sign(nb_review *rv, const char *reviewer, nb_verdict verdict, const char *note,
                   bool override, const char *override_note, nb_error *err);

/* Save to `path` atomically (temp file, fsync, rename, fsync dir): the
 * review counts as saved from here on. On failure nothing on disk
 * changes and the review stays in memory. A recovery file is left
 * alone (nb_review_discard_recovery removes it once its work is in). */
int nb_review_save(nb_review *rv, const char *path, nb_error *err);
/* Write the review to `path` the same way without counting it as saved
 * (a copy elsewhere, `:w OTHER`: the review's own file still lacks it). */
int nb_review_write_copy(const nb_review *rv, const char *path, nb_error *err);
/* Load a review file for this document/report and re-apply it. Returns
 * 0, or -1 with err (line/column set for format errors). `mismatch`
 * receives a malloc'd, newline-separated list of edited cells whose
 * fresh reading no longer matches the recorded `before` (NULL if none);
 * `source_changed` tells whether the source hash differs. */
int nb_review_load(nb_review *rv, const char *path, bool *source_changed, char **mismatch,
                   nb_error *err);

/* The default review path for a report: "REPORT.review.yaml". malloc'd. */
char *nb_review_default_path(const char *report_path);
/* The review file of report `index` (from 0) of `doc`, read from
 * `report_path`: REPORT.review.yaml when the file holds one report; when
 * it holds several, REPORT.N.review.yaml (N counting from 1), except that
 * a REPORT.review.yaml already about that report stays its review.
 * malloc'd. */
char *nb_review_path_for(const char *report_path, const nb_document *doc, int index);
/* Recovery file written on a signal or lost terminal: "REPORT.review.yaml.recover". */
char *nb_review_recovery_path(const char *review_path);
/* Where a session writes its work when the recovery file is another
 * session's: "REVIEW.recover-PID.review.yaml" (a review file, which
 * `nianbao FILE` also opens). malloc'd. */
char *nb_review_second_recovery_path(const char *review_path, long pid);

/* Recovery (see nianbao-review(5)). A signal handler must only set a
 * flag; the main loop then calls nb_review_write_recovery, which writes
 * the review as it stands in memory to nb_review_recovery_path(review_path)
 * atomically. On the next start nb_review_recoveries lists what to offer;
 * nb_review_recover_from restores one, and once its work is saved into
 * the review the file is removed. An empty file (a claim left by a session
 * that could not write) is never a recovery file. */
int nb_review_write_recovery(const nb_review *rv, const char *review_path, nb_error *err);
/* The same, telling where it was written (malloc'd): beside the review
 * file, or, when that folder cannot take it (read-only share, full
 * disk), $XDG_STATE_HOME/nianbao or ~/.local/state/nianbao. The functions
 * below look in both places, and at second sessions' files. */
int nb_review_write_recovery_to(const nb_review *rv, const char *review_path, char **written_to,
                                nb_error *err);

/* A recovery file found: where, and when it was written. */
typedef struct {
    char *path;
    struct timespec mtime;
    int order; /* the order it was found in, for ties in time */
} nb_recovery_file;
/* Every recovery file of `review_path` that holds work, newest first
 * (to the nanosecond): beside the review, in the state folder, and second
 * sessions' files beside it. Returns how many, with *files malloc'd
 * (nb_recovery_files_free), or -1 without memory. */
int nb_review_recoveries(const char *review_path, nb_recovery_file **files);
void nb_recovery_files_free(nb_recovery_file *files, int n);
bool nb_review_recovery_exists(const char *review_path);
/* The newest recovery file, or NULL. malloc'd. */
char *nb_review_recovery_found(const char *review_path);
/* Remove every recovery file of `review_path` (the reviewer declined them). */
int nb_review_discard_recovery(const char *review_path);
/* Load the recovery file `rec_path` onto a review opened on a fresh
 * reading (as nb_review_load does); what it restores counts as unsaved. */
int nb_review_recover_from(nb_review *rv, const char *rec_path, bool *source_changed, char **mismatch,
                           nb_error *err);
/* The same with the newest recovery file of `review_path`. */
int nb_review_recover(nb_review *rv, const char *review_path, bool *source_changed,
                      char **mismatch, nb_error *err);

/* Lower-level steps of nb_review_load, for `verify` and for opening a
 * review file directly: read and check a file (bounded, safe), and
 * apply one to a review opened on a fresh reading of its source. */
struct nb_review_file;
int nb_review_read_file(const char *path, struct nb_review_file *out, nb_error *err);
/* Whether the first bytes of a file can begin a review file: after
 * comments, blank lines and `---`, its first key is `format:`, as in
 * every review file nianbao writes. A report never begins so; a head of
 * nothing but comments counts as a review (the whole file decides). */
bool nb_review_head_is_review(const char *head, size_t len);
int nb_review_apply_file(nb_review *rv, const struct nb_review_file *f, bool *source_changed,
                         char **mismatch, nb_error *err);
/* Which report of `doc` a review file is about: its recorded index when
 * that report still has the same year and template, else the report of
 * that year (same agency first). -1 when none fits. */
int nb_review_file_report(const nb_document *doc, const struct nb_review_file *f);
/* SHA-256 (64 hex digits) of nb_yaml_signed_data(r), as a sign-off records it. */
int nb_review_data_sha256(const nb_report *r, char hex[65], nb_error *err);

/* What `nianbao verify` finds in a review file. */
typedef struct nb_verify_result {
    int format;                  /* N of nianbao/N */
    char *source_path;           /* where the source was found, or NULL */
    bool source_found;
    bool source_unchanged;       /* its bytes still have source.sha256 */
    char recorded_source_sha256[65], actual_source_sha256[65];
    bool signed_off;             /* a sign-off is present */
    bool signoff_void;           /* ... and was voided by a later edit */
    bool signoff_source_matches; /* it was made on this very source */
    bool data_unchanged;         /* the tables in the file hash to its data_sha256 */
    bool seal_unchanged;         /* verdict, notes and statuses are as signed */
    /* Informational (not part of nb_verify_ok): the edit log replayed on a
     * fresh reading of the unchanged source gives the file's tables, or
     * differs in `replay_differences` cells, the first named here. */
    bool replay_checked;
    int replay_differences;
    char replay_first_difference[128];
    nb_verdict verdict;
    bool override;
    char reviewer[64];
    char time[40];
    /* Added: why the source that was found could not be read (it is not
     * a regular file, it is too large, ...); "" otherwise. source_found
     * is then false. */
    char source_problem[512];
    /* Added: for a fetched original, its address (malloc'd) and the time
     * of the fetch as the review file records them; NULL and "" else. */
    char *source_url;
    char source_fetched[NB_TIME_ISO_SIZE];
} nb_verify_result;
/* Read `review_path` and check it against its source and sign-off.
 * Returns -1 with err when the file cannot be read or is malformed. */
int nb_review_verify(const char *review_path, nb_verify_result *res, nb_error *err);
/* All good: source found and unchanged, a sign-off that holds. */
bool nb_verify_ok(const nb_verify_result *res);
void nb_verify_result_free(nb_verify_result *res);
/* The source a review file names (see nb_review_verify). malloc'd or NULL. */
char *nb_review_find_source(const char *review_path, const struct nb_review_file *f);

/* The words of the review file (src/review/names.c). */
const char *nb_verdict_name(nb_verdict v);
/* The verdict in the reader's language ("" for none): for pages and tables. */
const char *nb_verdict_words(nb_verdict v);
const char *nb_status_name(nb_finding_state s);
/* The status and note of `finding_key` in a list of statuses (open and
 * no note when it is not there). */
nb_finding_state nb_status_lookup(const nb_status_entry *statuses, int n, const char *finding_key,
                                  const char **note);
/* Copy a name into dst[size] as the review file will hold it: invalid
 * bytes become U+FFFD, and the copy is cut at a character boundary. */
void nb_review_copy_name(char *dst, size_t size, const char *src);

#endif
