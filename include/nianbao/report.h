/* The report: what the recogniser makes of one report of a text, its
 * tables filled cell by cell, where every value stands in the source and
 * what the reading noticed. A text's reports together are a document
 * (document.h). */
#ifndef NIANBAO_REPORT_H
#define NIANBAO_REPORT_H

#include "nianbao/common.h"
#include "nianbao/template.h"
#include "nianbao/text.h"

/* Where something stands in the decoded text. Lines and columns are
 * 1-based; columns count characters (not bytes, not display columns).
 * A zero line means "nowhere": the value has no place in the source. */
typedef struct nb_span {
    size_t byte_start, byte_end; /* into nb_text.utf8, end exclusive */
    int line;
    int col_start, col_end;      /* col_end exclusive */
} nb_span;

typedef enum nb_origin {
    NB_ORIGIN_MISSING = 0, /* the source has no value here: null */
    NB_ORIGIN_READ,        /* read directly from the source */
    NB_ORIGIN_INFERRED,    /* placed by inference (ambiguous layout) */
    NB_ORIGIN_EDITED,      /* set by a reviewer (review.c) */
} nb_origin;

/* The span as review files and exports write it: "LINE:COL-COL". */
void nb_span_format(const nb_span *s, char *buf, size_t n);
/* The origin's word in review files and exports: read, inferred,
 * missing, edited. */
const char *nb_origin_name(nb_origin o);

typedef struct nb_cell {
    bool has_value;      /* false = null */
    nb_number value;
    nb_origin origin;
    nb_span span;        /* the number's place in the source, if any */
    char unit[24];       /* amounts only: "万元", "元"; "" = none written */
    char blank_text[16]; /* what stood in an empty cell ("—", "/", "无"), if anything */
} nb_cell;

/* Something the recogniser noticed that a reviewer should see; the
 * checks turn notes into findings. */
typedef enum nb_note_kind {
    NB_NOTE_TEMPLATE_DEVIATION, /* the report departs from its template */
    NB_NOTE_LABEL_GARBLED,      /* a row label lost characters */
    NB_NOTE_AMBIGUOUS,          /* numbers could not be placed for sure */
    NB_NOTE_UNPLACED,           /* a number in a table that fits no cell */
    NB_NOTE_INVALID_BYTES,      /* decoding replaced bytes with U+FFFD */
    NB_NOTE_ABSURD_NUMBER,      /* a number too large to be a count */
    NB_NOTE_MANGLED_NUMBER,     /* "2O": a number cell's token is a mangled number */
} nb_note_kind;

typedef struct nb_note {
    nb_note_kind kind;
    int cell;            /* template cell index, or -1 */
    nb_span span;
    char message[256];   /* for a person, translated when the note is made */
} nb_note;

/* Values the reading could not place for sure: fewer than the cells they
 * belong to, and nothing saying which cells are empty. Kept so that the
 * reviewer can place them in one step: the cells in reading order, the
 * values in the order the source gives them. */
#define NB_PLACEMENT_MAX 48
typedef struct nb_placement {
    int note;                         /* the parse.ambiguous note that tells of it */
    int ncells, nvalues;              /* nvalues < ncells */
    short cells[NB_PLACEMENT_MAX];
    nb_number values[NB_PLACEMENT_MAX];
} nb_placement;

typedef struct nb_date {
    int year, month, day; /* 0 when unknown */
} nb_date;

typedef struct nb_report {
    char agency[128];
    char former_agency[128];     /* the former name the title gives ("X（原Y）"), or "" */
    int year;                    /* the year the data covers, 0 unknown */
    const nb_template *tpl;      /* NULL when no standard tables */
    nb_cell *cells;              /* tpl->ncells cells, or NULL */
    bool has_tables;
    char no_tables_reason[160];  /* why nothing was read, when !has_tables */

    nb_span title;               /* the report's title line, if found */
    size_t byte_start, byte_end; /* region of the text this report covers */
    size_t tables_start;         /* byte offset where table 二 begins (0 if none) */
    size_t tables_end;           /* byte offset where table 四 ends */
    int copies;                  /* identical copies of it in the file, >= 1 */

    /* The statistical period (统计期限 / 统计时限) as the text states it. */
    bool period_found;           /* a period sentence was found */
    bool period_readable;        /* ... and its dates could be read */
    nb_date period_from, period_to;
    nb_span period_span;
    /* The dateline (成文日期 / 发布日期 / a date under the title). */
    bool dateline_found;
    nb_date dateline;
    nb_span dateline_span;

    nb_note *notes;
    int nnotes;
    nb_placement *placements;
    int nplacements;
} nb_report;

/* Value of cell `i`, or false when it is null. */
bool nb_report_value(const nb_report *r, int i, nb_number *out);
/* Convenience for checks: the cell of (table, row id, column id), or -1. */
int nb_report_cell(const nb_report *r, nb_table_id t, const char *row, const char *col);

void nb_report_add_note(nb_report *r, nb_note_kind kind, int cell, const nb_span *span,
                        const char *fmt, ...) __attribute__((format(printf, 5, 6)));

/* Keep what the last note tells of for the reviewer to place: `values`
 * into `cells` (fewer values than cells, both at most NB_PLACEMENT_MAX;
 * otherwise nothing is kept). */
void nb_report_add_placement(nb_report *r, const short *cells, int ncells, const nb_number *values,
                             int nvalues);
/* Whether the reviewer has placed them: as many of its cells as it has
 * values hold values the reviewer set. */
bool nb_placement_done(const nb_report *r, const nb_placement *p);

/* Deep copy (cells, notes, placements), for edits that must not touch the original. */
int nb_report_copy(nb_report *dst, const nb_report *src);
void nb_report_free(nb_report *r);

#endif
