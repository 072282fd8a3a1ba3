/* The review-file YAML (design/review-format.md, man nianbao-review(5)):
 * emitting what `export` prints and what a review saves, and reading a
 * review file back safely. libyaml only here. */
#ifndef NIANBAO_YAMLIO_H
#define NIANBAO_YAMLIO_H

#include "nianbao/check.h"
#include "nianbao/report.h"
#include "nianbao/review.h"

struct nb_review;

/* The `format:` this program writes ("nianbao/1"), and the newest it reads. */
#define NB_FORMAT_NAME "nianbao/1"
#define NB_FORMAT_VERSION 1

/* Emit the document as YAML into a malloc'd buffer. `only_report` is a
 * report index, or -1 for all. Each report's findings come from
 * nb_check_document. Returns 0, or -1 with err. */
int nb_yaml_export(const nb_document *doc, int only_report, char **out, size_t *outlen,
                   nb_error *err);

/* The start of a finding as every YAML output writes it (export, review
 * files, `check -f yaml`): a block map opened with its rule, severity,
 * cells, message (double-quoted when `quoted_message`, as check writes
 * it, else as free text) and confidence; the caller writes the rest and
 * closes the map. */
struct nb_yemit;
void nb_yaml_emit_finding_start(struct nb_yemit *e, const nb_template *tpl, const nb_finding *x,
                                bool quoted_message);

/* Emit a saved review: the export of its report with the corrected
 * values, plus the edit log, finding statuses and sign-off. */
int nb_yaml_review(const struct nb_review *rv, char **out, size_t *outlen, nb_error *err);
/* The same, for a file to be written at `review_path`: the source is
 * also recorded relative to that file's folder (source.path_from_review),
 * so that the pair can be moved together. `review_path` may be NULL. */
int nb_yaml_review_at(const struct nb_review *rv, const char *review_path, char **out,
                      size_t *outlen, nb_error *err);

/* The canonical text of the signed data (the corrected tables of the
 * report), hashed by sign-off and verify. malloc'd. */
int nb_yaml_signed_data(const nb_report *r, char **out, size_t *outlen, nb_error *err);

/* The canonical text sealed at sign-off: the sign-off's reviewer, time,
 * verdict, notes and hashes, and the statuses (sorted by finding key)
 * other than plain `open` without a note. malloc'd. */
int nb_yaml_seal_text(const nb_signoff *s, const nb_status_entry *statuses, int nstatuses,
                      char **out, size_t *outlen, nb_error *err);

/* A review file as read back, before it is applied to a fresh reading. */
typedef struct nb_review_file {
    int format;                /* the N of nianbao/N */
    char *source_file;         /* source.file as recorded */
    char *source_from_review;  /* source.path_from_review, or NULL */
    char source_sha256[65];
    /* A fetched original (source.url, source.fetched): the address and
     * the time of the fetch, NULL and "" for a file. */
    char *source_url;
    char source_fetched[NB_TIME_ISO_SIZE];
    char encoding[16];
    int report_index;          /* review.report: index of the report in its source */
    /* The report as the file states it: agency, year, template and every
     * cell's value and unit (the corrected values). tpl is NULL and
     * cells NULL for a report without tables. */
    nb_report report;
    char reviewer[64];
    /* The edit log in the order it was made; cells resolved against
     * report.tpl. For cell changes only has_value, value and unit of
     * before/after are meaningful, and after.span (line and columns
     * only) for a relink. */
    nb_change *changes;
    int nchanges;
    int *change_lines;         /* line of each edit in the file, for messages */
    nb_status_entry *statuses;
    int nstatuses;
    nb_strstore strings;       /* the statuses' keys and notes */
    nb_signoff signoff;
} nb_review_file;

/* Parse a review file's bytes (bounded, see yamlread.h). Returns 0, or -1
 * with err (line and column set, and in the message). */
int nb_yaml_read_review(const char *buf, size_t len, nb_review_file *out, nb_error *err);
void nb_review_file_free(nb_review_file *f);

#endif
