/* The standing of each report of a file, one row a report: who and
 * which year, how much of its tables was read, the findings still
 * standing, the state of the review beside the file (not started, in
 * progress, signed), and the figures evaluators compare. `summary` writes
 * these rows; the report list shows them. */
#ifndef NIANBAO_REPORTROW_H
#define NIANBAO_REPORTROW_H

#include <stdbool.h>

#include "nianbao/common.h"
#include "nianbao/document.h"
#include "nianbao/review.h"

/* A count the tables give, or none when a cell it needs is null. */
typedef struct nb_count {
    bool known;
    long long v;
} nb_count;

typedef enum nb_review_state {
    NB_REVIEW_NOT_STARTED = 0, /* no review file beside the report */
    NB_REVIEW_IN_PROGRESS,     /* a review, not signed (or its sign-off voided) */
    NB_REVIEW_SIGNED,
    NB_REVIEW_UNREADABLE,      /* a review file that cannot be read */
} nb_review_state;

/* What a report and an agency's reports both have: the findings still
 * standing, and the figures evaluators compare, from the tables. */
typedef struct nb_figures {
    int errors, warnings, open_errors;
    nb_count new_received;      /* 三 一、本年新收 总计 */
    nb_count concluded;         /* 三 (七)总计: replies given */
    nb_count disclosed;         /* (一)予以公开 总计 */
    nb_count withheld;          /* (三)不予公开, all its rows, 总计 */
    nb_count reviews, reviews_corrected; /* 四 行政复议 总计, 结果纠正 */
    nb_count suits, suits_corrected;     /* 四 行政诉讼, both kinds, 总计 and 纠正 */
} nb_figures;

/* One report of one file; or, with `error`, a file that cannot be read. */
typedef struct nb_report_row {
    const char *file;
    char *error;  /* malloc'd; the rest is empty */
    int report;   /* its number in the file, from 1 */
    char agency[128];
    int year;     /* 0: unknown */
    const char *template_name; /* NULL: no standard tables */
    int cells_read, cells_empty, cells_unread;
    nb_review_state state;
    char signer[64];
    nb_verdict verdict;
    char sha256[65];
    nb_figures figures;
} nb_report_row;

/* The state in CSV and YAML (fixed words), and in the reader's language. */
const char *nb_review_state_name(nb_review_state s);
const char *nb_review_state_words(nb_review_state s);
/* The state of the review of report k of `doc` (its file beside the
 * document's, nb_review_path_for). */
nb_review_state nb_report_review_state(nb_document *doc, int k);

/* Adds f to sum (sum = f when first); a count stays known while every
 * count added to it is. */
void nb_figures_add(nb_figures *sum, const nb_figures *f, bool first);

/* One file's rows: the file read, and a row for each report with tables
 * (or for every report when none has tables: a report given as prose
 * alone is still listed). `rows` point into `doc` (their `file` is its
 * path), so they live as long as the file's rows. */
typedef struct nb_file_rows {
    nb_document doc;
    bool opened;        /* doc holds the file */
    nb_report_row *rows;
    int n;
    nb_error err;       /* why the file could not be read */
} nb_file_rows;

/* Reads `path` and makes its rows; 0, or -1 with fr->err set. Either way
 * nb_file_rows_free releases what was made. Touches nothing shared, so
 * several files can be read at once on the worker pool. */
int nb_file_rows_read(nb_file_rows *fr, const char *path);
void nb_file_rows_free(nb_file_rows *fr);

#endif
