/* `nianbao record`: a review as one printable HTML page. record.c finds
 * what to show (the review, its source, its verification); record_html.c
 * writes the page. */
#ifndef NIANBAO_CMD_RECORD_H
#define NIANBAO_CMD_RECORD_H

#include "nianbao/review.h"

/* Everything the page shows; nothing here is owned. */
typedef struct nb_record {
    const char *review_path;
    const char *source_path;   /* where the source was found, or NULL */
    const nb_report *report;   /* the tables as reviewed (with the edits) */
    const nb_findings *findings;
    const nb_status_entry *statuses;
    int nstatuses;
    const nb_change *changes;  /* the edit log in effect */
    int nchanges;
    const nb_signoff *signoff;
    const nb_verify_result *verify;
} nb_record;

/* The page, malloc'd, NUL-terminated; NULL when memory runs out. */
char *nb_record_html(const nb_record *rec, size_t *len);

#endif
