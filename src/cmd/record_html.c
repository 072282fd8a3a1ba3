/* The review record as one HTML page (record.h): no script and no file
 * beside it, styles inline, laid out to print on A4 in portrait. Every
 * text from the report or the review file is escaped and sanitised:
 * whoever wrote them, the page shows them and never runs them. The page
 * is well-formed XML as well as HTML, so that any parser reads it. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "record.h"
#include "nianbao/buf.h"
#include "nianbao/text.h"

static const char style[] =
    "@page{size:A4 portrait;margin:15mm}"
    "body{font-family:sans-serif;font-size:10pt;color:#000;margin:0}"
    "h1{font-size:15pt;margin:0 0 4mm}h2{font-size:12pt;margin:6mm 0 2mm;page-break-after:avoid}"
    "table{border-collapse:collapse;width:100%;margin-bottom:3mm;page-break-inside:auto}"
    "tr{page-break-inside:avoid}"
    "th,td{border:0.5pt solid #666;padding:1mm 1.5mm;vertical-align:top;text-align:left}"
    "td.n{text-align:right;white-space:nowrap}"
    "th{background:#eee;font-weight:normal}"
    ".error{background:#f6c6c6}.warning{background:#fbeab0}.edited{font-weight:bold}"
    ".edited::after{content:\" \\270E\"}"
    "dl{display:grid;grid-template-columns:max-content auto;gap:1mm 4mm;margin:0}"
    "dt{color:#444}dd{margin:0;word-break:break-all}"
    ".legend span{padding:0 2mm;margin-right:3mm}";

/* ------------------------------------------------------------ writing */

/* Text from outside, sanitised and escaped for HTML and XML alike. */
static void esc(nb_buf *b, const char *s) {
    char *safe = nb_sanitize(s ? s : "", strlen(s ? s : ""), false);
    if (!safe) {
        b->failed = true;
        return;
    }
    for (const char *p = safe; *p; p++) {
        switch (*p) {
        case '&': nb_buf_add_str(b, "&amp;"); break;
        case '<': nb_buf_add_str(b, "&lt;"); break;
        case '>': nb_buf_add_str(b, "&gt;"); break;
        case '"': nb_buf_add_str(b, "&quot;"); break;
        default: nb_buf_add(b, p, 1);
        }
    }
    free(safe);
}

/* Markup of our own, printf-style: never text from outside. */
static void tag(nb_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void tag(nb_buf *b, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !nb_buf_reserve(b, (size_t)n + 1)) {
        b->failed = true;
        return;
    }
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

/* <tr><th>name</th><td>value</td></tr>-like pairs, as <dt>/<dd>. */
static void pair(nb_buf *b, const char *name, const char *value) {
    tag(b, "<dt>");
    esc(b, name);
    tag(b, "</dt><dd>");
    esc(b, value && *value ? value : "\xe2\x80\x94"); /* — */
    tag(b, "</dd>");
}

/* ------------------------------------------------------------ words */

static const char *status_words(nb_finding_state s) {
    switch (s) {
    case NB_STATUS_FIXED: return _("fixed");
    case NB_STATUS_CONFIRMED: return _("confirmed in source");
    case NB_STATUS_DISMISSED: return _("dismissed as a false alarm");
    case NB_STATUS_OPEN: return _("open");
    default: return nb_status_name(s);
    }
}

static const char *change_words(nb_change_kind k) {
    switch (k) {
    case NB_CHANGE_SET_CELL: return _("value set");
    case NB_CHANGE_CLEAR_CELL: return _("value cleared");
    case NB_CHANGE_RELINK: return _("read again from the source");
    default: return _("finding judged");
    }
}

/* ------------------------------------------------------------ cells */

/* How a cell is marked: "error" or "warning" by the severest finding
 * still open that names it, "edited" when the edit log changed it. */
static void cell_class(const nb_record *rec, int cell, char *cls, size_t cap) {
    const char *sev = "";
    for (int k = 0; k < rec->findings->count; k++) {
        const nb_finding *f = &rec->findings->items[k];
        bool names = false;
        for (int c = 0; c < f->ncells; c++) names |= f->cells[c] == cell;
        if (!names || nb_status_lookup(rec->statuses, rec->nstatuses, f->key, NULL) != NB_STATUS_OPEN)
            continue;
        if (f->severity == NB_SEV_ERROR) sev = "error";
        else if (!*sev) sev = "warning";
    }
    bool edited = false;
    for (int i = 0; i < rec->nchanges; i++)
        edited |= rec->changes[i].kind != NB_CHANGE_STATUS && rec->changes[i].cell == cell;
    snprintf(cls, cap, "n%s%s%s%s", *sev ? " " : "", sev, edited ? " " : "", edited ? "edited" : "");
}

static void value_cell(nb_buf *b, const nb_record *rec, int cell) {
    const nb_cell *c = &rec->report->cells[cell];
    char cls[48], num[48];
    cell_class(rec, cell, cls, sizeof cls);
    tag(b, "<td class=\"%s\">", cls);
    if (c->has_value) {
        nb_number_format(c->value, num, sizeof num);
        esc(b, num);
        if (c->unit[0]) esc(b, c->unit);
    } else {
        esc(b, c->blank_text[0] ? c->blank_text : "");
    }
    tag(b, "</td>");
}

/* Table 二's rows have columns of their own: row, column, value. */
static void active_table(nb_buf *b, const nb_record *rec) {
    const nb_template *tpl = rec->report->tpl;
    tag(b, "<table><tr><th>%s</th><th>%s</th><th>%s</th></tr>", _("row"), _("column"), _("value"));
    for (int i = 0; i < tpl->ncells; i++) {
        const nb_cell_def *d = &tpl->cells[i];
        if (d->table != NB_TABLE_ACTIVE) continue;
        tag(b, "<tr><td>");
        if (d->col == 0) esc(b, tpl->rows[d->row].label);
        tag(b, "</td><td>");
        esc(b, d->col_label);
        tag(b, "</td>");
        value_cell(b, rec, i);
        tag(b, "</tr>");
    }
    tag(b, "</table>");
}

/* Tables 三 and 四: one row per template row, one column per column. */
static void grid_table(nb_buf *b, const nb_record *rec, nb_table_id table) {
    const nb_template *tpl = rec->report->tpl;
    bool heading = false;
    tag(b, "<table>");
    for (int r = 0; r < tpl->nrows; r++) {
        const nb_row_def *row = &tpl->rows[r];
        if (row->table != table) continue;
        if (!heading) {
            tag(b, "<tr><th></th>");
            for (int c = 0; c < row->ncells; c++) {
                tag(b, "<th>");
                esc(b, tpl->cells[row->first_cell + c].col_label);
                tag(b, "</th>");
            }
            tag(b, "</tr>");
            heading = true;
        }
        tag(b, "<tr><td>");
        esc(b, row->label);
        tag(b, "</td>");
        for (int c = 0; c < row->ncells; c++) value_cell(b, rec, row->first_cell + c);
        tag(b, "</tr>");
    }
    tag(b, "</table>");
}

static void tables(nb_buf *b, const nb_record *rec) {
    if (!rec->report->has_tables || !rec->report->tpl || !rec->report->cells) return;
    tag(b, "<p class=\"legend\"><span class=\"error\">%s</span><span class=\"warning\">%s</span>"
           "<span class=\"edited\">%s</span></p>",
        _("an error still open"), _("a warning still open"), _("changed by the reviewer"));
    for (int t = 0; t < NB_TABLE_COUNT; t++) {
        tag(b, "<h2>");
        esc(b, nb_table_title((nb_table_id)t));
        tag(b, "</h2>");
        if (t == NB_TABLE_ACTIVE) active_table(b, rec);
        else grid_table(b, rec, (nb_table_id)t);
    }
}

/* ------------------------------------------------------------ sections */

static void identity(nb_buf *b, const nb_record *rec) {
    const nb_report *r = rec->report;
    char year[16] = "";
    if (r->year) snprintf(year, sizeof year, "%d", r->year);
    tag(b, "<dl>");
    pair(b, _("Agency"), r->agency);
    pair(b, _("Year"), year);
    pair(b, _("Template"), r->tpl ? r->tpl->name : "");
    pair(b, _("Source"), rec->source_path ? rec->source_path : _("not found"));
    pair(b, _("Source SHA-256"), rec->verify->recorded_source_sha256);
    pair(b, _("Review file"), rec->review_path);
    tag(b, "</dl>");
}

static void findings(nb_buf *b, const nb_record *rec) {
    tag(b, "<h2>%s</h2>", _("Findings"));
    if (rec->findings->count == 0) {
        tag(b, "<p>%s</p>", _("Every identity and cross-check holds."));
        return;
    }
    tag(b, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>", _("severity"),
        _("rule"), _("finding"), _("status"), _("note"));
    for (int k = 0; k < rec->findings->count; k++) {
        const nb_finding *f = &rec->findings->items[k];
        const char *note = NULL;
        nb_finding_state st = nb_status_lookup(rec->statuses, rec->nstatuses, f->key, &note);
        bool open = st == NB_STATUS_OPEN;
        tag(b, "<tr><td class=\"%s\">%s</td><td>", open ? (f->severity == NB_SEV_ERROR ? "error" : "warning") : "",
            f->severity == NB_SEV_ERROR ? _("error") : _("warning"));
        esc(b, f->rule);
        tag(b, "</td><td>");
        esc(b, f->message);
        tag(b, "</td><td>");
        esc(b, status_words(st));
        tag(b, "</td><td>");
        esc(b, note ? note : "");
        tag(b, "</td></tr>");
    }
    tag(b, "</table>");
}

static void change_row(nb_buf *b, const nb_record *rec, const nb_change *c) {
    char id[192] = "", before[48] = "", after[48] = "";
    if (c->kind == NB_CHANGE_STATUS) {
        snprintf(id, sizeof id, "%s", c->finding_key);
        snprintf(before, sizeof before, "%s", status_words(c->status_before));
        snprintf(after, sizeof after, "%s", status_words(c->status_after));
    } else {
        if (rec->report->tpl) nb_template_cell_id(rec->report->tpl, c->cell, id, sizeof id);
        if (c->before.has_value) nb_number_format(c->before.value, before, sizeof before);
        if (c->after.has_value) nb_number_format(c->after.value, after, sizeof after);
    }
    tag(b, "<tr><td>");
    esc(b, c->time);
    tag(b, "</td><td>");
    esc(b, c->reviewer);
    tag(b, "</td><td>");
    esc(b, change_words(c->kind));
    tag(b, "</td><td>");
    esc(b, id);
    tag(b, "</td><td class=\"n\">");
    esc(b, before);
    tag(b, "</td><td class=\"n\">");
    esc(b, after);
    tag(b, "</td><td>");
    esc(b, c->kind == NB_CHANGE_STATUS ? (c->note_after ? c->note_after : "") : (c->reason ? c->reason : ""));
    tag(b, "</td></tr>");
}

static void edit_log(nb_buf *b, const nb_record *rec) {
    tag(b, "<h2>%s</h2>", _("Edit log"));
    if (rec->nchanges == 0) {
        tag(b, "<p>%s</p>", _("No change was made."));
        return;
    }
    tag(b, "<table><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr>",
        _("time"), _("reviewer"), _("change"), _("cell or finding"), _("before"), _("after"),
        _("reason or note"));
    for (int i = 0; i < rec->nchanges; i++) change_row(b, rec, &rec->changes[i]);
    tag(b, "</table>");
}

static void signoff(nb_buf *b, const nb_record *rec) {
    const nb_signoff *s = rec->signoff;
    const nb_verify_result *v = rec->verify;
    tag(b, "<h2>%s</h2>", _("Sign-off"));
    if (!s->present) {
        tag(b, "<p>%s</p>", _("Not signed."));
        return;
    }
    tag(b, "<dl>");
    pair(b, _("Reviewer"), s->reviewer);
    pair(b, _("Time"), s->time);
    pair(b, _("Verdict"), nb_verdict_words(s->verdict));
    pair(b, _("Note"), s->note);
    if (s->override) pair(b, _("Signed with open errors"), s->override_note);
    pair(b, _("Signed data SHA-256"), s->data_sha256);
    pair(b, _("Seal SHA-256"), s->seal_sha256);
    pair(b, _("Verification"), nb_verify_ok(v) ? _("holds: the source, the tables and the sign-off are as signed")
                                              : s->void_ ? _("void: the review was changed after the sign-off")
                                                         : _("does not hold: run nianbao verify for the details"));
    tag(b, "</dl>");
}

char *nb_record_html(const nb_record *rec, size_t *len) {
    nb_buf b = {0};
    /* TRANSLATORS: the language of the record page, as HTML names it */
    tag(&b, "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\"/><title>", _("en"));
    esc(&b, _("Review record"));
    tag(&b, " \xe2\x80\x94 ");
    esc(&b, rec->report->agency);
    tag(&b, "</title><style>");
    nb_buf_add_str(&b, style);
    tag(&b, "</style></head><body><h1>");
    esc(&b, _("Review record of a government information disclosure annual report"));
    tag(&b, "</h1>");
    identity(&b, rec);
    signoff(&b, rec);
    findings(&b, rec);
    tables(&b, rec);
    edit_log(&b, rec);
    tag(&b, "</body></html>\n");
    return nb_buf_take(&b, len);
}
