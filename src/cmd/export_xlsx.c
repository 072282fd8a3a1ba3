/* `export -f xlsx`: a workbook a colleague opens in LibreOffice or Excel.
 * One sheet per report, laid out as the template's three tables, with
 * every identity (勾稽关系) as live formulas beside the stated total: the
 * sum the identity gives ("computed") and its difference from the stated
 * total ("difference", 0 when it holds); broken ones and the cells of
 * errors shaded. A last sheet lists the findings. libxlsxwriter writes
 * to a file only, so the workbook is made in a temporary file and read
 * back, then written like every other output. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "export.h"
#include "nianbao/check.h"
#include "nianbao/fileio.h"
#include "nianbao/libs.h"
#include "nianbao/text.h"
#include "nianbao/utf8.h"

typedef struct place {
    int row, col;
} place;

/* One report's sheet as it is laid out. */
typedef struct sheet {
    lxw_worksheet *ws;
    const nb_report *r;
    const nb_findings *f;
    place at[NB_TEMPLATE_MAX_CELLS];
    int row;        /* the next free row */
    int check_col;  /* the column of "computed" beside tables 三 and 四 */
    lxw_format *bold, *bad;
} sheet;

/* "B12" for a place. */
static void ref(place p, char *buf, size_t cap) {
    char col[4];
    int c = p.col, n = 0;
    do {
        col[n++] = (char)('A' + c % 26);
        c = c / 26 - 1;
    } while (c >= 0 && n < 3);
    for (int i = 0; i < n / 2; i++) {
        char t = col[i];
        col[i] = col[n - 1 - i];
        col[n - 1 - i] = t;
    }
    col[n] = '\0';
    snprintf(buf, cap, "%s%d", col, p.row + 1);
}

static void text(sheet *s, int row, int col, const char *t, lxw_format *fmt) {
    char *safe = nb_sanitize(t ? t : "", strlen(t ? t : ""), false);
    if (safe) nb_xlsx.worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, safe, fmt);
    free(safe);
}

/* Whether an open error of the findings names the cell. */
static bool in_error(const sheet *s, int cell) {
    for (int k = 0; k < s->f->count; k++)
        for (int c = 0; c < s->f->items[k].ncells; c++)
            if (s->f->items[k].cells[c] == cell && s->f->items[k].severity == NB_SEV_ERROR) return true;
    return false;
}

static double number_of(nb_number v) {
    double d = (double)v.units;
    for (int i = 0; i < v.scale; i++) d /= 10.0;
    return d;
}

static void value(sheet *s, int cell, int row, int col) {
    s->at[cell] = (place){row, col};
    const nb_cell *c = &s->r->cells[cell];
    lxw_format *fmt = in_error(s, cell) ? s->bad : NULL;
    if (c->has_value)
        nb_xlsx.worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, number_of(c->value), fmt);
    else if (c->blank_text[0])
        text(s, row, col, c->blank_text, fmt);
}

/* Table 二: row label, column label, value: its rows differ in columns. */
static void lay_active(sheet *s) {
    const nb_template *tpl = s->r->tpl;
    text(s, s->row++, 0, nb_table_title(NB_TABLE_ACTIVE), s->bold);
    for (int i = 0; i < tpl->ncells; i++) {
        const nb_cell_def *d = &tpl->cells[i];
        if (d->table != NB_TABLE_ACTIVE) continue;
        if (d->col == 0) text(s, s->row, 0, tpl->rows[d->row].label, NULL);
        text(s, s->row, 1, d->col_label, NULL);
        value(s, i, s->row++, 2);
    }
    s->row++;
}

/* Tables 三 and 四: a row per template row, a column per column, then
 * the two columns of the row identities. */
static void lay_grid(sheet *s, nb_table_id table) {
    const nb_template *tpl = s->r->tpl;
    text(s, s->row++, 0, nb_table_title(table), s->bold);
    bool heading = false;
    for (int r = 0; r < tpl->nrows; r++) {
        const nb_row_def *row = &tpl->rows[r];
        if (row->table != table) continue;
        if (!heading) {
            for (int c = 0; c < row->ncells; c++)
                text(s, s->row, 1 + c, tpl->cells[row->first_cell + c].col_label, s->bold);
            text(s, s->row, s->check_col, _("computed"), s->bold);
            text(s, s->row, s->check_col + 1, _("difference"), s->bold);
            s->row++;
            heading = true;
        }
        text(s, s->row, 0, row->label, NULL);
        for (int c = 0; c < row->ncells; c++) value(s, row->first_cell + c, s->row, 1 + c);
        s->row++;
    }
}

/* ---- the identities as formulas */

/* A cell's whole value, when it has one. */
static bool whole(const sheet *s, int cell, double *v) {
    const nb_cell *c = &s->r->cells[cell];
    if (!c->has_value) return false;
    *v = number_of(c->value);
    return true;
}

/* "=B5+C5-D5": the left side less the right side but its first term,
 * which is the stated total the formula stands beside. *sum is what a
 * spreadsheet computes (an empty cell counts 0); true when every term
 * holds a value, so that the identity can be judged. */
static bool computed_formula(const sheet *s, const nb_identity *id, char *buf, size_t cap, double *sum) {
    size_t n = 0;
    bool known = true;
    *sum = 0;
    buf[n++] = '=';
    for (int t = 0; t < id->nterms; t++) {
        if (t == id->nlhs) continue; /* the stated total */
        char r[16];
        ref(s->at[id->term[t]], r, sizeof r);
        double v = 0;
        known &= whole(s, id->term[t], &v);
        *sum += t < id->nlhs ? v : -v;
        n += (size_t)snprintf(buf + n, cap - n, "%s%s", t == 0 ? "" : t < id->nlhs ? "+" : "-", r);
        if (n >= cap) return false;
    }
    return known;
}

static void identity_formulas(sheet *s, const nb_identity *id, place computed) {
    char formula[512], anchor[16], at[16];
    double sum, stated = 0;
    bool known = computed_formula(s, id, formula, sizeof formula, &sum);
    int total = id->term[id->nlhs];
    known &= whole(s, total, &stated);
    bool broken = known && sum != stated;
    lxw_format *fmt = broken ? s->bad : NULL;
    nb_xlsx.worksheet_write_formula_num(s->ws, (lxw_row_t)computed.row, (lxw_col_t)computed.col, formula, fmt,
                                        sum);
    place diff = id->by_column ? (place){computed.row + 1, computed.col} : (place){computed.row, computed.col + 1};
    ref(computed, at, sizeof at);
    ref(s->at[total], anchor, sizeof anchor);
    snprintf(formula, sizeof formula, "=%s-%s", at, anchor);
    nb_xlsx.worksheet_write_formula_num(s->ws, (lxw_row_t)diff.row, (lxw_col_t)diff.col, formula, fmt,
                                        sum - stated);
}

/* Row identities beside their rows; those down the columns of table 三
 * in two rows per rule under it, the formula under its column. */
static void lay_identities(sheet *s, const nb_identity *ids, int n, int first_row) {
    const char *rules[8];
    int nrules = 0;
    for (int i = 0; i < n; i++) {
        if (!ids[i].by_column) {
            identity_formulas(s, &ids[i], (place){s->at[ids[i].term[ids[i].nlhs]].row, s->check_col});
            continue;
        }
        int k = 0;
        while (k < nrules && strcmp(rules[k], ids[i].rule) != 0) k++;
        if (k == nrules && nrules < 8) {
            rules[nrules++] = ids[i].rule;
            char label[128];
            snprintf(label, sizeof label, "%s · %s", _("computed"), ids[i].rule);
            text(s, first_row + 2 * k, 0, label, s->bold);
            snprintf(label, sizeof label, "%s · %s", _("difference"), ids[i].rule);
            text(s, first_row + 2 * k + 1, 0, label, s->bold);
        }
        if (k < 8) identity_formulas(s, &ids[i], (place){first_row + 2 * k, s->at[ids[i].term[ids[i].nlhs]].col});
    }
}

/* How many distinct rules hold identities down columns. */
static int column_rules(const nb_identity *ids, int n) {
    int count = 0;
    for (int i = 0; i < n; i++) {
        if (!ids[i].by_column) continue;
        bool seen = false;
        for (int j = 0; j < i; j++) seen |= ids[j].by_column && !strcmp(ids[j].rule, ids[i].rule);
        count += !seen;
    }
    return count;
}

/* ---- the workbook */

/* "2 云岫县人民政府 2023": at most 31 characters, none of []:*?/\ (a
 * sheet name's rules); the number keeps names apart. */
static void sheet_name(int index, const nb_report *r, char *buf, size_t cap) {
    char raw[256];
    snprintf(raw, sizeof raw, "%d %s %d", index + 1, r->agency[0] ? r->agency : "-", r->year);
    size_t n = 0, len = strlen(raw);
    int chars = 0;
    for (size_t i = 0; i < len && chars < 31;) {
        int32_t cp;
        size_t k = nb_utf8_next(raw + i, len - i, &cp);
        if (n + k >= cap) break;
        if (k == 1 && strchr("[]:*?/\\'", raw[i])) {
            buf[n++] = '_';
        } else {
            memcpy(buf + n, raw + i, k);
            n += k;
        }
        i += k;
        chars++;
    }
    buf[n] = '\0';
}

static int widest_row(const nb_template *tpl) {
    int w = 0;
    for (int r = 0; r < tpl->nrows; r++)
        if (tpl->rows[r].table != NB_TABLE_ACTIVE && tpl->rows[r].ncells > w) w = tpl->rows[r].ncells;
    return w;
}

static void report_sheet(lxw_workbook *wb, const nb_document *doc, int k, const nb_findings *f,
                         lxw_format *bold, lxw_format *bad) {
    const nb_report *r = &doc->reports[k];
    char name[128];
    sheet_name(k, r, name, sizeof name);
    sheet s = {.ws = nb_xlsx.workbook_add_worksheet(wb, name), .r = r, .f = f, .bold = bold, .bad = bad};
    if (!s.ws) return;
    s.check_col = 1 + widest_row(r->tpl);
    nb_xlsx.worksheet_set_column(s.ws, 0, 0, 36, NULL);
    nb_xlsx.worksheet_set_column(s.ws, 1, (lxw_col_t)(s.check_col + 1), 12, NULL);
    char title[256];
    snprintf(title, sizeof title, "%s %d (%s)", r->agency, r->year, r->tpl->name);
    text(&s, s.row++, 0, title, bold);
    text(&s, s.row++, 0, doc->path, NULL);
    s.row++;
    static nb_identity ids[NB_MAX_IDENTITIES]; /* large; the export runs on one thread */
    int n = nb_template_identities(r->tpl, ids, NB_MAX_IDENTITIES);
    lay_active(&s);
    lay_grid(&s, NB_TABLE_APPLICATIONS);
    int first = s.row;
    s.row += 2 * column_rules(ids, n) + 1;
    lay_grid(&s, NB_TABLE_APPEALS);
    lay_identities(&s, ids, n, first);
}

static void findings_sheet(lxw_workbook *wb, const nb_document *doc, const nb_findings *all, int only,
                           lxw_format *bold) {
    sheet s = {.ws = nb_xlsx.workbook_add_worksheet(wb, "findings")};
    if (!s.ws) return;
    static const char *const heading[] = {N_("report"), N_("severity"), N_("rule"), N_("cells"),
                                          N_("finding"), N_("line")};
    for (int c = 0; c < 6; c++) text(&s, 0, c, _(heading[c]), bold);
    nb_xlsx.worksheet_set_column(s.ws, 4, 4, 80, NULL);
    int row = 1;
    for (int k = 0; k < doc->nreports; k++) {
        if (only >= 0 && k != only) continue;
        for (int i = 0; i < all[k].count; i++, row++) {
            const nb_finding *x = &all[k].items[i];
            char name[128], cells[1024] = "";
            sheet_name(k, &doc->reports[k], name, sizeof name);
            for (int c = 0, n = 0; c < x->ncells && doc->reports[k].tpl && n < (int)sizeof cells - 100; c++) {
                char id[96];
                nb_template_cell_id(doc->reports[k].tpl, x->cells[c], id, sizeof id);
                n += snprintf(cells + n, sizeof cells - (size_t)n, "%s%s", c ? " " : "", id);
            }
            text(&s, row, 0, name, NULL);
            text(&s, row, 1, x->severity == NB_SEV_ERROR ? _("error") : _("warning"), NULL);
            text(&s, row, 2, x->rule, NULL);
            text(&s, row, 3, cells, NULL);
            text(&s, row, 4, x->message, NULL);
            if (x->line > 0) nb_xlsx.worksheet_write_number(s.ws, (lxw_row_t)row, 5, x->line, NULL);
        }
    }
}

/* The workbook into `path`; 0, or -1 with err. */
static int write_workbook(const char *path, const nb_document *doc, int only, nb_findings *all,
                          nb_error *err) {
    lxw_workbook *wb = nb_xlsx.workbook_new(path);
    if (!wb) {
        nb_error_set(err, EIO, _("cannot make the spreadsheet in %s"), path);
        return -1;
    }
    lxw_format *bold = nb_xlsx.workbook_add_format(wb), *bad = nb_xlsx.workbook_add_format(wb);
    nb_xlsx.format_set_bold(bold);
    nb_xlsx.format_set_bg_color(bad, 0xF6C6C6);
    for (int k = 0; k < doc->nreports; k++) {
        const nb_report *r = &doc->reports[k];
        if ((only >= 0 && k != only) || !r->has_tables || !r->tpl || !r->cells) continue;
        nb_check_document(doc, k, NULL, &all[k]);
        report_sheet(wb, doc, k, &all[k], bold, bad);
    }
    findings_sheet(wb, doc, all, only, bold);
    lxw_error e = nb_xlsx.workbook_close(wb);
    if (e != LXW_NO_ERROR) {
        nb_error_set(err, EIO, _("cannot write the spreadsheet: %s"), nb_xlsx.lxw_strerror(e));
        return -1;
    }
    return 0;
}

int nb_export_xlsx(const nb_document *doc, int only, char **out, size_t *outlen, nb_error *err) {
    *out = NULL;
    if (nb_libs_xlsx(err) != 0) return -1;
    const char *dir = getenv("TMPDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/nianbao-xlsx-XXXXXX", dir && *dir ? dir : "/tmp");
    int fd = mkstemp(path);
    if (fd < 0) {
        nb_error_set(err, errno, _("cannot make a temporary file for the spreadsheet: %s"), strerror(errno));
        return -1;
    }
    close(fd);
    nb_findings *all = calloc((size_t)doc->nreports + 1, sizeof *all);
    int rc = all ? write_workbook(path, doc, only, all, err) : -1;
    if (!all) nb_error_set(err, ENOMEM, "%s", strerror(ENOMEM));
    if (rc == 0) rc = nb_file_read(path, SIZE_MAX / 2, out, outlen, err);
    unlink(path);
    for (int k = 0; all && k < doc->nreports; k++) nb_findings_free(&all[k]);
    free(all);
    return rc;
}
