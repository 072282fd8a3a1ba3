/* Writing the summary's rows (summary.h): one list of columns per kind of
 * row, and one writer per format that walks it. Every line goes through
 * nb_out_printf, so names read from reports reach a terminal as visible
 * stand-ins, never as control sequences. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "output.h"
#include "summary.h"
#include "nianbao/buf.h"
#include "nianbao/text.h"
#include "nianbao/yamlemit.h"

/* ------------------------------------------------------------ values */

typedef enum value_kind { V_NULL, V_TEXT, V_INT, V_SHARE } value_kind;

typedef struct value {
    value_kind kind;
    const char *text;
    long long n;
    double share; /* 0..1 */
} value;

static value text_value(const char *s) { return s && *s ? (value){V_TEXT, s, 0, 0} : (value){V_NULL, NULL, 0, 0}; }
static value int_value(long long n) { return (value){V_INT, NULL, n, 0}; }
static value count_value(nb_count c) { return c.known ? int_value(c.v) : (value){V_NULL, NULL, 0, 0}; }

/* part / whole, when both are known and the whole is not 0 */
static value share_value(nb_count part, nb_count whole) {
    if (!part.known || !whole.known || whole.v <= 0) return (value){V_NULL, NULL, 0, 0};
    return (value){V_SHARE, NULL, 0, (double)part.v / (double)whole.v};
}

/* ------------------------------------------------------------ columns */

enum { IN_TABLE = 1, IN_DATA = 2, IN_BOTH = 3 }; /* the table; CSV and YAML */

typedef struct column {
    const char *key;     /* CSV heading and YAML key: fixed words */
    const char *heading; /* N_(): the table's heading */
    unsigned where;
    /* the value of a row; or, for the figures both kinds of row have, of
     * the row's figures */
    value (*get)(const void *row, char *scratch, size_t cap);
    value (*figure)(const nb_figures *f);
} column;

/* The findings and figures, the same for a report and an agency. Shares are of
 * (七)总计; rates of the appeals' totals. */
static value f_errors(const nb_figures *f) { return int_value(f->errors); }
static value f_warnings(const nb_figures *f) { return int_value(f->warnings); }
static value f_open(const nb_figures *f) { return int_value(f->open_errors); }
static value f_new(const nb_figures *f) { return count_value(f->new_received); }
static value f_concluded(const nb_figures *f) { return count_value(f->concluded); }
static value f_disclosed(const nb_figures *f) { return share_value(f->disclosed, f->concluded); }
static value f_withheld(const nb_figures *f) { return share_value(f->withheld, f->concluded); }
static value f_reviews(const nb_figures *f) { return count_value(f->reviews); }
static value f_reviews_rate(const nb_figures *f) { return share_value(f->reviews_corrected, f->reviews); }
static value f_suits(const nb_figures *f) { return count_value(f->suits); }
static value f_suits_rate(const nb_figures *f) { return share_value(f->suits_corrected, f->suits); }

#define FINDING_COLUMNS                                                                \
    {"errors", N_("errors"), IN_BOTH, NULL, f_errors},                                  \
    {"warnings", N_("warnings"), IN_BOTH, NULL, f_warnings},                            \
    {"open_errors", N_("open"), IN_BOTH, NULL, f_open}
#define FIGURE_COLUMNS                                                                 \
    {"new_received", N_("received"), IN_BOTH, NULL, f_new},                            \
    {"concluded", N_("answered"), IN_BOTH, NULL, f_concluded},                          \
    {"disclosed_share", N_("disclosed"), IN_BOTH, NULL, f_disclosed},                   \
    {"withheld_share", N_("withheld"), IN_BOTH, NULL, f_withheld},                      \
    {"reviews", N_("reviews"), IN_BOTH, NULL, f_reviews},                               \
    {"reviews_corrected_rate", N_("corrected"), IN_BOTH, NULL, f_reviews_rate},         \
    {"suits", N_("suits"), IN_BOTH, NULL, f_suits},                                     \
    {"suits_corrected_rate", N_("corrected"), IN_BOTH, NULL, f_suits_rate}

#define R(row) ((const nb_report_row *)(row))
#define A(row) ((const nb_agency_row *)(row))
#define GETTER(name, expr)                                                     \
    static value name(const void *row, char *scratch, size_t cap) {            \
        (void)scratch, (void)cap;                                              \
        return expr;                                                           \
    }

GETTER(r_file, text_value(R(row)->file))
GETTER(r_report, int_value(R(row)->report))
GETTER(r_agency, text_value(R(row)->agency))
GETTER(r_template, text_value(R(row)->template_name))
GETTER(r_read, int_value(R(row)->cells_read))
GETTER(r_empty, int_value(R(row)->cells_empty))
GETTER(r_unread, int_value(R(row)->cells_unread))
GETTER(r_state, text_value(nb_review_state_name(R(row)->state)))
GETTER(r_signer, text_value(R(row)->signer))
GETTER(r_verdict, text_value(R(row)->verdict ? nb_verdict_name(R(row)->verdict) : NULL))
GETTER(r_sha, text_value(R(row)->sha256))

static value r_year(const void *row, char *scratch, size_t cap) {
    (void)scratch, (void)cap;
    return R(row)->year ? int_value(R(row)->year) : (value){V_NULL, NULL, 0, 0};
}

/* The table's one column for the cells: read/empty/unread. */
static value r_cells(const void *row, char *scratch, size_t cap) {
    snprintf(scratch, cap, "%d/%d/%d", R(row)->cells_read, R(row)->cells_empty, R(row)->cells_unread);
    return text_value(R(row)->template_name ? scratch : NULL);
}

/* The table's one column for the review: state, verdict and signer. */
static value r_review(const void *row, char *scratch, size_t cap) {
    const nb_report_row *x = R(row);
    if (x->state == NB_REVIEW_SIGNED)
        snprintf(scratch, cap, "%s: %s (%s)", nb_review_state_words(x->state), nb_verdict_words(x->verdict), x->signer);
    else
        snprintf(scratch, cap, "%s", nb_review_state_words(x->state));
    return text_value(scratch);
}

/* key, table heading, where, getter. */
static const column report_columns[] = {
    {"file", N_("file"), IN_BOTH, r_file, NULL},
    {"report", NULL, IN_DATA, r_report, NULL},
    {"agency", N_("agency"), IN_BOTH, r_agency, NULL},
    {"year", N_("year"), IN_BOTH, r_year, NULL},
    {"template", N_("template"), IN_BOTH, r_template, NULL},
    {"cells_read", NULL, IN_DATA, r_read, NULL},
    {"cells_empty", NULL, IN_DATA, r_empty, NULL},
    {"cells_unread", NULL, IN_DATA, r_unread, NULL},
    {"cells", N_("cells read/empty/unread"), IN_TABLE, r_cells, NULL},
    FINDING_COLUMNS,
    {"review", N_("review"), IN_TABLE, r_review, NULL},
    {"state", NULL, IN_DATA, r_state, NULL},
    {"signer", NULL, IN_DATA, r_signer, NULL},
    {"verdict", NULL, IN_DATA, r_verdict, NULL},
    FIGURE_COLUMNS,
    {"source_sha256", NULL, IN_DATA, r_sha, NULL},
};

GETTER(a_agency, text_value(A(row)->agency))
GETTER(a_reports, int_value(A(row)->reports))
GETTER(a_signed, int_value(A(row)->signed_reports))

static value a_years(const void *row, char *scratch, size_t cap) {
    const nb_agency_row *a = A(row);
    if (!a->first_year) return text_value(NULL);
    if (a->first_year == a->last_year)
        snprintf(scratch, cap, "%d", a->first_year);
    else
        snprintf(scratch, cap, "%d-%d", a->first_year, a->last_year);
    return text_value(scratch);
}

static const column agency_columns[] = {
    {"agency", N_("agency"), IN_BOTH, a_agency, NULL},
    {"years", N_("years"), IN_BOTH, a_years, NULL},
    {"reports", N_("reports"), IN_BOTH, a_reports, NULL},
    {"signed", N_("signed"), IN_BOTH, a_signed, NULL},
    FINDING_COLUMNS,
    FIGURE_COLUMNS,
};

#define NCOLS(a) (sizeof(a) / sizeof(a)[0])

/* ------------------------------------------------------------ writers */

struct nb_summary_out {
    FILE *to;
    nb_summary_format format;
    const column *cols;
    size_t ncols;
    bool started;
    nb_yemit yaml;
    /* the table: every shown cell as text, row after row, until the end */
    char **cells;
    size_t ncells, cap, ntable;
    unsigned numeric; /* bit k: table column k holds only numbers */
    bool failed;
    const nb_figures *(*figures_of)(const void *row);
};

static const nb_figures *report_figures(const void *row) { return &R(row)->figures; }
static const nb_figures *agency_figures(const void *row) { return &A(row)->figures; }

static value value_of(const nb_summary_out *o, const column *c, const void *row, char *scratch,
                      size_t cap) {
    return c->get ? c->get(row, scratch, cap) : c->figure(o->figures_of(row));
}

static void text_of(value v, nb_summary_format f, char *buf, size_t cap) {
    switch (v.kind) {
    case V_NULL: snprintf(buf, cap, "%s", f == NB_SUMMARY_TABLE ? "-" : ""); break;
    case V_INT: snprintf(buf, cap, "%lld", v.n); break;
    case V_SHARE:
        if (f == NB_SUMMARY_TABLE)
            snprintf(buf, cap, "%.1f%%", v.share * 100.0);
        else
            snprintf(buf, cap, "%.4f", v.share);
        break;
    case V_TEXT: snprintf(buf, cap, "%s", v.text); break;
    }
}

/* ---- CSV (RFC 4180) */

static void csv_line(nb_summary_out *o, const void *row, const char *error) {
    nb_buf b = {0};
    char scratch[256], cell[256];
    bool first = true;
    for (size_t k = 0; k < o->ncols; k++) {
        if (!(o->cols[k].where & IN_DATA)) continue;
        if (!first) nb_buf_add_str(&b, ",");
        first = false;
        if (!row) { /* the heading */
            nb_buf_add_str(&b, o->cols[k].key);
            continue;
        }
        value v = value_of(o, &o->cols[k], row, scratch, sizeof scratch);
        if (error && strcmp(o->cols[k].key, "file") != 0) v.kind = V_NULL;
        if (v.kind == V_TEXT) {
            nb_csv_text(&b, v.text);
        } else {
            text_of(v, o->format, cell, sizeof cell);
            nb_buf_add_str(&b, cell);
        }
    }
    if (o->cols == report_columns) {
        nb_buf_add_str(&b, ",");
        if (!row)
            nb_buf_add_str(&b, "error");
        else if (error)
            nb_csv_text(&b, error);
    }
    if (b.failed) o->failed = true;
    else nb_out_printf(o->to, "%s\n", b.data ? b.data : "");
    nb_buf_free(&b);
}

/* ---- YAML */

static void yaml_row(nb_summary_out *o, const void *row, const char *error) {
    nb_yemit *y = &o->yaml;
    char scratch[256];
    nb_yemit_map_start(y, false);
    for (size_t k = 0; k < o->ncols; k++) {
        const column *c = &o->cols[k];
        if (!(c->where & IN_DATA)) continue;
        value v = value_of(o, c, row, scratch, sizeof scratch);
        if (error && strcmp(c->key, "file") != 0) continue;
        switch (v.kind) {
        case V_NULL: nb_yemit_key_null(y, c->key); break;
        case V_INT: nb_yemit_key_integer(y, c->key, v.n); break;
        case V_SHARE: {
            nb_number n = {(int64_t)(v.share * 10000.0 + 0.5), 4};
            nb_yemit_key_number(y, c->key, n);
            break;
        }
        case V_TEXT: nb_yemit_key_quoted(y, c->key, v.text); break;
        }
    }
    if (error) nb_yemit_key_quoted(y, "error", error);
    nb_yemit_map_end(y);
}

/* ---- the table */

static void keep(nb_summary_out *o, const char *s) {
    if (o->failed) return;
    if (!nb_grow((void **)&o->cells, &o->cap, o->ncells + 1, sizeof *o->cells)) {
        o->failed = true;
        return;
    }
    if (!(o->cells[o->ncells] = strdup(s))) o->failed = true;
    else o->ncells++;
}

static void table_row(nb_summary_out *o, const void *row, const char *error) {
    char scratch[256], cell[256];
    size_t t = 0;
    for (size_t k = 0; k < o->ncols; k++) {
        const column *c = &o->cols[k];
        if (!(c->where & IN_TABLE)) continue;
        if (!row) {
            keep(o, _(c->heading));
        } else {
            value v = value_of(o, c, row, scratch, sizeof scratch);
            if (error && strcmp(c->key, "file") != 0)
                v = strcmp(c->key, "agency") == 0 ? text_value(_("(not read)")) : (value){V_NULL, NULL, 0, 0};
            if (v.kind == V_TEXT) o->numeric &= ~(1u << t);
            text_of(v, NB_SUMMARY_TABLE, cell, sizeof cell);
            keep(o, cell);
        }
        t++;
    }
}

/* Every kept row, each column as wide as its widest cell, numbers to the
 * right. */
static void table_print(nb_summary_out *o) {
    size_t nt = o->ntable, nrows = nt ? o->ncells / nt : 0;
    int *width = calloc(nt + 1, sizeof *width);
    if (!width) {
        o->failed = true;
        return;
    }
    for (size_t i = 0; i < o->ncells; i++) {
        int w = nb_display_width(o->cells[i], strlen(o->cells[i]));
        if (w > width[i % nt]) width[i % nt] = w;
    }
    nb_buf line = {0};
    for (size_t r = 0; r < nrows; r++) {
        line.len = 0;
        for (size_t k = 0; k < nt; k++) {
            const char *s = o->cells[r * nt + k];
            size_t pad = (size_t)(width[k] - nb_display_width(s, strlen(s)));
            bool right = o->numeric >> k & 1u;
            if (k) nb_buf_add_str(&line, "  ");
            if (right) nb_buf_add_repeat(&line, ' ', pad);
            nb_buf_add_str(&line, s);
            if (!right && k + 1 < nt) nb_buf_add_repeat(&line, ' ', pad);
        }
        if (line.failed) o->failed = true;
        else nb_out_printf(o->to, "%s\n", line.data ? line.data : "");
    }
    nb_buf_free(&line);
    free(width);
}

/* ---- the API */

nb_summary_out *nb_summary_out_begin(FILE *to, nb_summary_format format, bool by_agency) {
    nb_summary_out *o = calloc(1, sizeof *o);
    if (!o) return NULL;
    o->to = to;
    o->format = format;
    o->cols = by_agency ? agency_columns : report_columns;
    o->ncols = by_agency ? NCOLS(agency_columns) : NCOLS(report_columns);
    o->figures_of = by_agency ? agency_figures : report_figures;
    for (size_t k = 0; k < o->ncols; k++) o->ntable += (o->cols[k].where & IN_TABLE) != 0;
    o->numeric = ~0u;
    if (format == NB_SUMMARY_CSV) {
        csv_line(o, NULL, NULL);
    } else if (format == NB_SUMMARY_YAML) {
        nb_yemit_begin_file(&o->yaml, to, NULL);
        nb_yemit_map_start(&o->yaml, false);
        nb_yemit_key_word(&o->yaml, "format", "nianbao-summary/1");
        nb_yemit_word(&o->yaml, by_agency ? "agencies" : "reports");
        nb_yemit_seq_start(&o->yaml, false);
    } else {
        table_row(o, NULL, NULL);
    }
    return o;
}

static void out_row(nb_summary_out *o, const void *row, const char *error) {
    switch (o->format) {
    case NB_SUMMARY_CSV: csv_line(o, row, error); break;
    case NB_SUMMARY_YAML: yaml_row(o, row, error); break;
    case NB_SUMMARY_TABLE: table_row(o, row, error); break;
    }
}

void nb_summary_out_report(nb_summary_out *o, const nb_report_row *row) { out_row(o, row, row->error); }

void nb_summary_out_agency(nb_summary_out *o, const nb_agency_row *row) { out_row(o, row, NULL); }

int nb_summary_out_end(nb_summary_out *o) {
    int rc = 0;
    if (o->format == NB_SUMMARY_YAML) {
        nb_yemit_seq_end(&o->yaml);
        nb_yemit_map_end(&o->yaml);
        if (nb_yemit_finish(&o->yaml, false, NULL, NULL) != 0) rc = -1;
    } else if (o->format == NB_SUMMARY_TABLE) {
        table_print(o);
    }
    for (size_t i = 0; i < o->ncells; i++) free(o->cells[i]);
    free(o->cells);
    if (o->failed) rc = -1;
    free(o);
    return rc;
}
