/* `nianbao summary`: one row per report (or per agency) of many files —
 * the state of each report and the figures evaluators compare. summary.c
 * reads the files and makes the rows; summary_out.c writes them as a
 * table, CSV or YAML. */
#ifndef NIANBAO_CMD_SUMMARY_H
#define NIANBAO_CMD_SUMMARY_H

#include <stdbool.h>
#include <stdio.h>

#include "nianbao/reportrow.h"

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
void nb_summary_out_report(nb_summary_out *o, const nb_report_row *row);
void nb_summary_out_agency(nb_summary_out *o, const nb_agency_row *row);
/* Writes what is kept and frees the writer; 0, or -1 when the YAML
 * writer failed (out of memory). */
int nb_summary_out_end(nb_summary_out *o);


#endif
