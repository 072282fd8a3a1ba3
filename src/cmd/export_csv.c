/* `export -f csv`: every cell of every report in long form, one line a
 * cell, for spreadsheets and statistics programs: file, report, agency,
 * year, template, table, row, its label, column, its label, value, unit,
 * where it stands in the source, how it was found, and whether a finding
 * names it. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "csv.h"
#include "export.h"
#include "nianbao/check.h"
#include "nianbao/source.h"
#include "nianbao/text.h"

static const char heading[] = "file,report,agency,year,template,table,row,row_label,column,"
                              "column_label,value,unit,at,page,origin,status\n";

/* The severest finding that names cell i: "error", "warning" or "". */
static const char *cell_status(const nb_findings *f, int cell) {
    const char *status = "";
    for (int k = 0; k < f->count; k++)
        for (int c = 0; c < f->items[k].ncells; c++)
            if (f->items[k].cells[c] == cell) {
                if (f->items[k].severity == NB_SEV_ERROR) return "error";
                status = "warning";
            }
    return status;
}

static void add_int(nb_buf *b, long long v) {
    char num[32];
    snprintf(num, sizeof num, "%lld", v);
    nb_buf_add_str(b, num);
}

static void add_cell(nb_buf *b, const nb_document *doc, const nb_report *r, int report, int i,
                     const nb_findings *f) {
    const nb_cell_def *d = &r->tpl->cells[i];
    const nb_cell *c = &r->cells[i];
    char text[64];
    nb_csv_text(b, doc->path);
    nb_buf_add_str(b, ",");
    add_int(b, report + 1);
    nb_buf_add_str(b, ",");
    nb_csv_text(b, r->agency);
    nb_buf_add_str(b, ",");
    if (r->year) add_int(b, r->year);
    nb_buf_add_str(b, ",");
    nb_csv_text(b, r->tpl->name);
    nb_buf_add_str(b, ",");
    nb_csv_text(b, nb_table_key(d->table));
    nb_buf_add_str(b, ",");
    nb_csv_text(b, d->row_id);
    nb_buf_add_str(b, ",");
    nb_csv_text(b, r->tpl->rows[d->row].label);
    nb_buf_add_str(b, ",");
    nb_csv_text(b, d->col_id);
    nb_buf_add_str(b, ",");
    nb_csv_text(b, d->col_label);
    nb_buf_add_str(b, ",");
    if (c->has_value) {
        nb_number_format(c->value, text, sizeof text);
        nb_buf_add_str(b, text);
    }
    nb_buf_add_str(b, ",");
    if (c->unit[0]) nb_csv_text(b, c->unit);
    nb_buf_add_str(b, ",");
    if (c->span.line > 0) {
        nb_span_format(&c->span, text, sizeof text);
        nb_csv_text(b, text);
    }
    nb_buf_add_str(b, ",");
    int page = c->span.line > 0 && doc->source_kind == NB_SOURCE_PDF
                   ? nb_text_page_of_line(&doc->text, c->span.line)
                   : 0;
    if (page > 0) add_int(b, page);
    nb_buf_add_str(b, ",");
    nb_buf_add_str(b, nb_origin_name(c->origin));
    nb_buf_add_str(b, ",");
    nb_buf_add_str(b, cell_status(f, i));
    nb_buf_add_str(b, "\n");
}

int nb_export_csv(const nb_document *doc, int only, char **out, size_t *outlen, nb_error *err) {
    nb_buf b = {0};
    nb_buf_add_str(&b, heading);
    for (int k = 0; k < doc->nreports; k++) {
        const nb_report *r = &doc->reports[k];
        if ((only >= 0 && k != only) || !r->has_tables || !r->tpl || !r->cells) continue;
        nb_findings f = {0};
        nb_check_document(doc, k, NULL, &f);
        for (int i = 0; i < r->tpl->ncells; i++) add_cell(&b, doc, r, k, i, &f);
        nb_findings_free(&f);
    }
    *out = nb_buf_take(&b, outlen);
    if (!*out) {
        nb_error_set(err, ENOMEM, "%s", _("out of memory while writing CSV"));
        return -1;
    }
    return 0;
}
