/* `nianbao summary`: one row per report (or per agency) of many files —
 * the state of each report and the figures evaluators compare. summary.c
 * reads the files and makes the rows; summary_out.c writes them as a
 * table, CSV or YAML. */
#ifndef NIANBAO_CMD_SUMMARY_H
#define NIANBAO_CMD_SUMMARY_H

#include <stdbool.h>
#include <stdio.h>

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
typedef struct nb_summary_row {
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
} nb_summary_row;

/* One agency over the years (`--by agency`). */
typedef struct nb_agency_row {
    char agency[128];
    int first_year, last_year; /* 0: unknown */
    int reports, signed_reports;
    nb_figures figures;        /* summed over its reports */
} nb_agency_row;

typedef enum nb_summary_format { NB_SUMMARY_TABLE, NB_SUMMARY_CSV, NB_SUMMARY_YAML } nb_summary_format;

/* A writer: begin, then the rows one by one, then end. The table format
 * needs every row before the first line (its columns are as wide as their
 * widest cell), so it keeps them; CSV and YAML write each row as it comes. */
typedef struct nb_summary_out nb_summary_out;
nb_summary_out *nb_summary_out_begin(FILE *to, nb_summary_format format, bool by_agency);
void nb_summary_out_report(nb_summary_out *o, const nb_summary_row *row);
void nb_summary_out_agency(nb_summary_out *o, const nb_agency_row *row);
/* Writes what is kept and frees the writer; 0, or -1 when the YAML
 * writer failed (out of memory). */
int nb_summary_out_end(nb_summary_out *o);

/* The words of the state and verdict in CSV and YAML (not translated). */
const char *nb_review_state_name(nb_review_state s);

#endif
