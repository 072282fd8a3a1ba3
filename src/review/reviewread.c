/* Reading a review file back: the tree of the safe reader (yamlread.c)
 * checked key by key into an nb_review_file, every message saying the
 * line and column where the file is wrong. Nothing here trusts the file:
 * it may have been edited by hand or forged. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/pdf.h"
#include "nianbao/review.h"
#include "nianbao/source.h"
#include "nianbao/url.h"
#include "nianbao/yamlio.h"
#include "nianbao/yamlread.h"
#include "reportyaml.h"

/* Every message about the file says where: "line 12, column 5: ...". */
static int bad(nb_error *err, const nb_ynode *at, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));

static int bad(nb_error *err, const nb_ynode *at, const char *fmt, ...) {
    char msg[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    int line = at ? at->line : 0, col = at ? at->column : 0;
    if (line > 0)
        nb_error_set(err, EINVAL, _("line %d, column %d: %s"), line, col, msg);
    else
        nb_error_set(err, EINVAL, "%s", msg);
    if (err) {
        err->line = line;
        err->column = col;
    }
    return -1;
}

static int need_kind(nb_error *err, const nb_ynode *n, nb_ynode_kind kind, const char *what) {
    if (n && n->kind == kind) return 0;
    const char *want = kind == NB_YMAP ? _("a map") : kind == NB_YSEQ ? _("a list") : _("a value");
    return bad(err, n, _("%s must be %s, not %s"), what, want, nb_ynode_kind_name(n));
}

static const nb_ynode *need_key(nb_error *err, const nb_ynode *map, const char *key,
                                const char *where) {
    const nb_ynode *v = nb_ynode_get(map, key);
    if (!v) bad(err, map, _("%s has no `%s`"), where, key);
    return v;
}

/* Text into a fixed buffer; null gives "". */
static int read_text_buf(nb_error *err, const nb_ynode *n, const char *what, char *buf, size_t size) {
    if (!n || nb_ynode_is_null(n)) {
        buf[0] = '\0';
        return 0;
    }
    if (n->kind != NB_YSCALAR) return bad(err, n, _("%s must be text, not %s"), what, nb_ynode_kind_name(n));
    if (n->len >= size || memchr(n->text, '\0', n->len))
        return bad(err, n, _("%s is too long (at most %zu bytes) or holds a NUL"), what, size - 1);
    memcpy(buf, n->text, n->len + 1);
    return 0;
}

/* Text as a malloc'd string; null gives NULL. */
static int read_text_dup(nb_error *err, const nb_ynode *n, const char *what, char **out) {
    *out = NULL;
    if (!n || nb_ynode_is_null(n)) return 0;
    if (n->kind != NB_YSCALAR) return bad(err, n, _("%s must be text, not %s"), what, nb_ynode_kind_name(n));
    if (memchr(n->text, '\0', n->len)) return bad(err, n, _("%s holds a NUL character"), what);
    *out = strdup(n->text);
    if (!*out) return bad(err, n, _("out of memory"));
    return 0;
}

static int read_int(nb_error *err, const nb_ynode *n, const char *what, long min, long max, long *out) {
    nb_number v;
    if (!n || n->kind != NB_YSCALAR || !n->plain || !nb_number_parse(n->text, n->len, &v) ||
        v.scale != 0 || v.units < min || v.units > max)
        return bad(err, n, _("%s must be a whole number from %ld to %ld"), what, min, max);
    *out = (long)v.units;
    return 0;
}

/* A cell value: a number or null. */
static int read_value(nb_error *err, const nb_ynode *n, const char *what, nb_cell *c) {
    if (!n || nb_ynode_is_null(n)) {
        c->has_value = false;
        c->value.units = 0;
        c->value.scale = 0;
        return 0;
    }
    if (n->kind != NB_YSCALAR || !n->plain || !nb_number_parse(n->text, n->len, &c->value))
        return bad(err, n, _("%s must be a number or null"), what);
    c->has_value = true;
    return 0;
}

static int read_bool(nb_error *err, const nb_ynode *n, const char *what, bool *out) {
    if (nb_ynode_is(n, "true") && n->plain) *out = true;
    else if (nb_ynode_is(n, "false") && n->plain) *out = false;
    else return bad(err, n, _("%s must be true or false"), what);
    return 0;
}

static int read_hex(nb_error *err, const nb_ynode *n, const char *what, char out[65]) {
    if (!n || n->kind != NB_YSCALAR || n->len != 64 || strspn(n->text, "0123456789abcdef") != 64)
        return bad(err, n, _("%s must be 64 lowercase hexadecimal digits"), what);
    memcpy(out, n->text, 65);
    return 0;
}

/* A status's `values`: 16 lowercase hexadecimal digits; absent in files
 * written before they were kept. */
static int read_values(nb_error *err, const nb_ynode *n, char out[17]) {
    out[0] = '\0';
    if (!n) return 0;
    if (n->kind != NB_YSCALAR || n->len != 16 || strspn(n->text, "0123456789abcdef") != 16)
        return bad(err, n, _("%s must be 16 lowercase hexadecimal digits"), "values");
    memcpy(out, n->text, 17);
    return 0;
}

static int read_status(nb_error *err, const nb_ynode *n, const char *what, nb_finding_state *out) {
    for (int s = NB_STATUS_OPEN; s <= NB_STATUS_LAST; s++)
        if (nb_ynode_is(n, nb_status_name((nb_finding_state)s))) {
            *out = (nb_finding_state)s;
            return 0;
        }
    return bad(err, n, _("%s must be open, fixed, confirmed_in_source or dismissed"), what);
}

/* "line:col-col" */
static int read_span(nb_error *err, const nb_ynode *n, nb_span *s) {
    int line, a, b;
    char tail;
    if (!n || n->kind != NB_YSCALAR || sscanf(n->text, "%d:%d-%d%c", &line, &a, &b, &tail) != 3 ||
        line < 1 || a < 1 || b < a)
        return bad(err, n, _("a place in the source must read LINE:COLUMN-COLUMN"));
    memset(s, 0, sizeof *s);
    s->line = line;
    s->col_start = a;
    s->col_end = b;
    return 0;
}

static int read_format(nb_error *err, const nb_ynode *root, int *version) {
    const nb_ynode *f = need_key(err, root, "format", _("the file"));
    if (!f) return -1;
    long v = 0;
    if (f->kind != NB_YSCALAR || strncmp(f->text, "nianbao/", 8) != 0)
        return bad(err, f, _("`format` must be nianbao/N; this is not a nianbao review file"));
    nb_ynode tmp = *f;
    tmp.text = f->text + 8;
    tmp.len = f->len - 8;
    tmp.plain = true;
    if (read_int(err, &tmp, "format", 1, 1000000, &v) != 0)
        return bad(err, f, _("`format` must be nianbao/N with N a number"));
    if (v > NB_FORMAT_VERSION)
        return bad(err, f,
                   _("this file was written in format nianbao/%ld by a newer nianbao; this version "
                     "reads up to %s. Update nianbao to open it"),
                   v, NB_FORMAT_NAME);
    *version = (int)v;
    return 0;
}

/* The template a file's report follows: its name, and for 2021 whether
 * (六) is one row (the file then has `applications.other`). */
static int read_template(nb_error *err, const nb_ynode *rep, const nb_template **tpl) {
    const nb_ynode *t = nb_ynode_get(rep, "template");
    *tpl = NULL;
    if (!t || nb_ynode_is_null(t)) return 0;
    const nb_ynode *apps = nb_ynode_get(nb_ynode_get(rep, "tables"), "applications");
    bool one_other = nb_ynode_get(apps, "other") != NULL;
    if (nb_ynode_is(t, "2019"))
        *tpl = nb_template_get(NB_TEMPLATE_2019, true);
    else if (nb_ynode_is(t, "2021"))
        *tpl = nb_template_get(NB_TEMPLATE_2021, one_other);
    else
        return bad(err, t, _("`template` must be \"2019\" or \"2021\""));
    return 0;
}

static int read_tables(nb_error *err, const nb_ynode *tables, nb_report *r) {
    if (need_kind(err, tables, NB_YMAP, "tables") != 0) return -1;
    if (tables->count == 0) return 0;
    if (!r->tpl) return bad(err, tables, _("tables are given but `template` is null"));
    const nb_template *tpl = r->tpl;
    r->cells = calloc((size_t)tpl->ncells, sizeof *r->cells);
    if (!r->cells) return bad(err, tables, _("out of memory"));
    r->has_tables = true;
    for (int ti = 0; ti < tables->count; ti++) {
        const nb_ynode *tkey = tables->pairs[ti].key, *tval = tables->pairs[ti].value;
        int table = -1;
        for (int t = 0; t < NB_TABLE_COUNT; t++)
            if (nb_ynode_is(tkey, nb_table_key((nb_table_id)t))) table = t;
        if (table < 0)
            return bad(err, tkey, _("unknown table `%s` (active, applications or appeals)"), tkey->text);
        if (need_kind(err, tval, NB_YMAP, tkey->text) != 0) return -1;
        for (int ri = 0; ri < tval->count; ri++) {
            const nb_ynode *rkey = tval->pairs[ri].key, *rval = tval->pairs[ri].value;
            int row = nb_template_find_row(tpl, (nb_table_id)table, rkey->text);
            if (row < 0 || memchr(rkey->text, '\0', rkey->len))
                return bad(err, rkey, _("unknown row `%s.%s` in the %s template"), tkey->text,
                           rkey->text, tpl->name);
            if (need_kind(err, rval, NB_YMAP, rkey->text) != 0) return -1;
            for (int ci = 0; ci < rval->count; ci++) {
                const nb_ynode *ckey = rval->pairs[ci].key, *cval = rval->pairs[ci].value;
                int cell = memchr(ckey->text, '\0', ckey->len) ? -1
                                                                : nb_template_cell_at(tpl, row, ckey->text);
                char id[160];
                snprintf(id, sizeof id, "%s.%s.%s", tkey->text, rkey->text, ckey->text);
                if (cell >= 0) {
                    if (read_value(err, cval, id, &r->cells[cell]) != 0) return -1;
                    r->cells[cell].origin = r->cells[cell].has_value ? NB_ORIGIN_READ : NB_ORIGIN_MISSING;
                    continue;
                }
                /* An amount's unit: "<col>_unit". */
                bool is_unit = false;
                const nb_row_def *rd = &tpl->rows[row];
                for (int k = 0; k < rd->ncells; k++) {
                    const nb_cell_def *d = &tpl->cells[rd->first_cell + k];
                    char key[64];
                    nb_yaml_unit_key(d, key, sizeof key);
                    if ((d->flags & NB_CELL_AMOUNT) && nb_ynode_is(ckey, key)) {
                        is_unit = true;
                        if (read_text_buf(err, cval, id, r->cells[rd->first_cell + k].unit,
                                          sizeof r->cells[0].unit) != 0)
                            return -1;
                    }
                }
                if (!is_unit) return bad(err, ckey, _("unknown cell id `%s`"), id);
            }
        }
    }
    return 0;
}

/* sources: nothing hashes provenance, so a hand-edited or forged entry
 * would go unnoticed by the tools that read it: every cell id must be one
 * of the template's, every `at` a place LINE:COLUMN-COLUMN, every
 * `origin` one nianbao writes (nianbao-review(5) SAFETY). Checked, not
 * kept: a review is re-applied on a fresh reading of the source. */
static int read_sources(nb_error *err, const nb_ynode *sources, const nb_template *tpl) {
    if (!sources || nb_ynode_is_null(sources)) return 0;
    if (need_kind(err, sources, NB_YMAP, "sources") != 0) return -1;
    if (sources->count > 0 && !tpl) return bad(err, sources, _("sources are given but `template` is null"));
    for (int i = 0; i < sources->count; i++) {
        const nb_ynode *key = sources->pairs[i].key, *val = sources->pairs[i].value;
        if (memchr(key->text, '\0', key->len) || nb_template_find_cell(tpl, key->text) < 0)
            return bad(err, key, _("unknown cell id `%s` in sources (template %s)"), key->text, tpl->name);
        if (need_kind(err, val, NB_YMAP, key->text) != 0) return -1;
        bool has_origin = false;
        for (int k = 0; k < val->count; k++) {
            const nb_ynode *fk = val->pairs[k].key, *fv = val->pairs[k].value;
            if (nb_ynode_is(fk, "at")) {
                nb_span span;
                if (read_span(err, fv, &span) != 0) return -1;
            } else if (nb_ynode_is(fk, "origin")) {
                if (!nb_ynode_is(fv, "read") && !nb_ynode_is(fv, "inferred") && !nb_ynode_is(fv, "missing") &&
                    !nb_ynode_is(fv, "edited"))
                    return bad(err, fv, _("`origin` of %s must be read, inferred, missing or edited"), key->text);
                has_origin = true;
            } else if (nb_ynode_is(fk, "page")) {
                long page; /* a PDF's page, shown to the reviewer only */
                if (read_int(err, fv, "page", 1, NB_PDF_MAX_PAGES, &page) != 0) return -1;
            } else if (nb_ynode_is(fk, "blank")) {
                char blank[sizeof ((nb_cell *)0)->blank_text];
                if (read_text_buf(err, fv, "blank", blank, sizeof blank) != 0) return -1;
            } else {
                return bad(err, fk, _("unknown key `%s` in the source of %s (at, page, origin or blank)"),
                           memchr(fk->text, '\0', fk->len) ? "?" : fk->text, key->text);
            }
        }
        if (!has_origin) return bad(err, val, _("the source of %s has no `origin`"), key->text);
    }
    return 0;
}

static int resolve_cell(nb_error *err, const nb_ynode *n, const nb_template *tpl, int *cell) {
    if (!n || n->kind != NB_YSCALAR) return bad(err, n, _("`cell` must be a cell id"));
    *cell = tpl && !memchr(n->text, '\0', n->len) ? nb_template_find_cell(tpl, n->text) : -1;
    if (*cell < 0)
        return bad(err, n, _("unknown cell id `%s`%s%s"), n->text, tpl ? _(" in the template ") : "",
                   tpl ? tpl->name : "");
    return 0;
}

/* Two digits at s[0..1] as a number from lo to hi, else -1. */
static int two_digits(const char *s, int lo, int hi) {
    if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9') return -1;
    int v = (s[0] - '0') * 10 + (s[1] - '0');
    return v >= lo && v <= hi ? v : -1;
}

/* ISO 8601 date and time with the zone, as nianbao writes it
 * (2026-11-24T12:03:00+08:00), also with Z, a zone without the colon
 * (+0800) or fractions of a second (12:03:00.5). The time is shown to
 * the person verifying a sign-off, so anything else is refused. */
static bool is_iso8601_time(const char *t) {
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (strlen(t) < 20) return false; /* date, time and at least Z */
    for (int i = 0; i < 4; i++)
        if (t[i] < '0' || t[i] > '9') return false;
    if (t[4] != '-' || t[7] != '-' || t[10] != 'T' || t[13] != ':' || t[16] != ':') return false;
    int month = two_digits(t + 5, 1, 12);
    int day = month > 0 ? two_digits(t + 8, 1, days[month - 1]) : -1;
    if (day < 0 || two_digits(t + 11, 0, 23) < 0 || two_digits(t + 14, 0, 59) < 0 ||
        two_digits(t + 17, 0, 60) < 0)
        return false;
    const char *z = t + 19;
    if (*z == '.') {
        z++;
        if (*z < '0' || *z > '9') return false;
        while (*z >= '0' && *z <= '9') z++;
    }
    if (z[0] == 'Z') return z[1] == '\0';
    if (z[0] != '+' && z[0] != '-') return false;
    if (two_digits(z + 1, 0, 23) < 0) return false;
    const char *m = z[3] == ':' ? z + 4 : z + 3;
    return two_digits(m, 0, 59) >= 0 && m[2] == '\0';
}

static int read_change(nb_error *err, const nb_ynode *n, const nb_template *tpl, nb_change *c) {
    memset(c, 0, sizeof *c);
    if (need_kind(err, n, NB_YMAP, _("an edit")) != 0) return -1;
    const nb_ynode *kind = need_key(err, n, "kind", _("an edit"));
    if (!kind) return -1;
    if (nb_ynode_is(kind, "set")) c->kind = NB_CHANGE_SET_CELL;
    else if (nb_ynode_is(kind, "clear")) c->kind = NB_CHANGE_CLEAR_CELL;
    else if (nb_ynode_is(kind, "relink")) c->kind = NB_CHANGE_RELINK;
    else if (nb_ynode_is(kind, "status")) c->kind = NB_CHANGE_STATUS;
    else return bad(err, kind, _("an edit's `kind` must be set, clear, relink or status"));
    const nb_ynode *before = need_key(err, n, "before", _("an edit"));
    const nb_ynode *after = before ? need_key(err, n, "after", _("an edit")) : NULL;
    if (!after) return -1;
    if (c->kind == NB_CHANGE_STATUS) {
        const nb_ynode *key = need_key(err, n, "finding", _("a status edit"));
        if (!key || read_text_buf(err, key, "finding", c->finding_key, sizeof c->finding_key) != 0 ||
            read_status(err, before, "before", &c->status_before) != 0 ||
            read_status(err, after, "after", &c->status_after) != 0 ||
            read_text_dup(err, nb_ynode_get(n, "note_before"), "note_before", &c->note_before) != 0 ||
            read_text_dup(err, nb_ynode_get(n, "note"), "note", &c->note_after) != 0)
            return -1;
    } else {
        const nb_ynode *cell = need_key(err, n, "cell", _("an edit"));
        if (!cell || resolve_cell(err, cell, tpl, &c->cell) != 0) return -1;
        if (read_value(err, before, "before", &c->before) != 0 ||
            read_value(err, after, "after", &c->after) != 0 ||
            read_text_buf(err, nb_ynode_get(n, "unit_before"), "unit_before", c->before.unit,
                          sizeof c->before.unit) != 0 ||
            read_text_buf(err, nb_ynode_get(n, "unit_after"), "unit_after", c->after.unit,
                          sizeof c->after.unit) != 0)
            return -1;
        if (c->kind == NB_CHANGE_CLEAR_CELL && c->after.has_value)
            return bad(err, after, _("a `clear` edit must have `after: null`"));
        if (c->kind != NB_CHANGE_CLEAR_CELL && !c->after.has_value)
            return bad(err, after, _("a `%s` edit needs a number in `after`"), kind->text);
        if (c->kind == NB_CHANGE_RELINK) {
            const nb_ynode *at = need_key(err, n, "at", _("a relink edit"));
            if (!at || read_span(err, at, &c->after.span) != 0) return -1;
        }
    }
    const nb_ynode *time = need_key(err, n, "time", _("an edit"));
    if (!time || read_text_buf(err, time, "time", c->time, sizeof c->time) != 0 ||
        read_text_buf(err, nb_ynode_get(n, "reviewer"), "reviewer", c->reviewer,
                      sizeof c->reviewer) != 0 ||
        read_text_dup(err, nb_ynode_get(n, "reason"), "reason", &c->reason) != 0)
        return -1;
    if (!is_iso8601_time(c->time))
        return bad(err, time,
                   _("an edit's `time` must be a date and time in ISO 8601 with the zone, such as "
                     "\"2026-11-24T12:03:00+08:00\""));
    const nb_ynode *group = nb_ynode_get(n, "group");
    long g = 0;
    if (group && read_int(err, group, "group", 1, 1000000000, &g) != 0) return -1;
    c->group = (int)g;
    return 0;
}

static void free_change(nb_change *c) {
    free(c->note_before);
    free(c->note_after);
    free(c->reason);
}

static int read_signoff(nb_error *err, const nb_ynode *n, nb_signoff *s) {
    memset(s, 0, sizeof *s);
    if (!n || nb_ynode_is_null(n)) return 0;
    if (need_kind(err, n, NB_YMAP, "signoff") != 0) return -1;
    const char *what = _("the sign-off");
    const nb_ynode *reviewer = need_key(err, n, "reviewer", what);
    const nb_ynode *time = reviewer ? need_key(err, n, "time", what) : NULL;
    const nb_ynode *verdict = time ? need_key(err, n, "verdict", what) : NULL;
    const nb_ynode *src = verdict ? need_key(err, n, "source_sha256", what) : NULL;
    const nb_ynode *data = src ? need_key(err, n, "data_sha256", what) : NULL;
    if (!data) return -1;
    s->present = true;
    if (read_text_buf(err, reviewer, "reviewer", s->reviewer, sizeof s->reviewer) != 0 ||
        read_text_buf(err, time, "time", s->time, sizeof s->time) != 0 ||
        read_hex(err, src, "source_sha256", s->source_sha256) != 0 ||
        read_hex(err, data, "data_sha256", s->data_sha256) != 0 ||
        (nb_ynode_get(n, "seal_sha256") && read_hex(err, nb_ynode_get(n, "seal_sha256"), "seal_sha256", s->seal_sha256) != 0) ||
        read_text_dup(err, nb_ynode_get(n, "note"), "note", &s->note) != 0 ||
        read_text_dup(err, nb_ynode_get(n, "override_note"), "override_note", &s->override_note) != 0)
        return -1;
    s->verdict = NB_VERDICT_NONE;
    for (int v = NB_VERDICT_APPROVED; v <= NB_VERDICT_REJECTED; v++)
        if (nb_ynode_is(verdict, nb_verdict_name((nb_verdict)v))) s->verdict = (nb_verdict)v;
    if (s->verdict == NB_VERDICT_NONE)
        return bad(err, verdict, _("`verdict` must be approved, approved_with_notes or rejected"));
    const nb_ynode *ov = nb_ynode_get(n, "override");
    if (ov && read_bool(err, ov, "override", &s->override) != 0) return -1;
    const nb_ynode *vd = nb_ynode_get(n, "void");
    if (vd && read_bool(err, vd, "void", &s->void_) != 0) return -1;
    if (!s->reviewer[0]) return bad(err, reviewer, _("the sign-off has no reviewer"));
    if (!is_iso8601_time(s->time))
        return bad(err, time,
                   _("the sign-off's `time` must be a date and time in ISO 8601 with the zone, "
                     "such as \"2026-11-24T12:03:00+08:00\""));
    return 0;
}

void nb_review_file_free(nb_review_file *f) {
    free(f->source_file);
    free(f->source_url);
    free(f->source_from_review);
    nb_report_free(&f->report);
    for (int i = 0; i < f->nchanges; i++) free_change(&f->changes[i]);
    free(f->changes);
    free(f->change_lines);
    free(f->statuses);
    nb_strstore_free(&f->strings);
    free(f->signoff.note);
    free(f->signoff.override_note);
    memset(f, 0, sizeof *f);
}

/* An address as a review file may record it: http or https, nothing
 * that ends the address or moves a terminal's cursor in it. */
static bool is_recorded_url(const char *s) {
    if (!nb_url_is_web(s)) return false;
    for (const unsigned char *p = (const unsigned char *)s; *p; p++)
        if (*p <= 0x20 || *p == 0x7f) return false;
    return true;
}

/* source.url and source.fetched, for an original fetched from the web.
 * Both optional (files from before them load as they did); bounded and
 * checked, because `verify` shows them to the person it reports to. */
static int read_fetch_origin(nb_error *err, const nb_ynode *src, nb_review_file *f) {
    const nb_ynode *url = nb_ynode_get(src, "url"), *fetched = nb_ynode_get(src, "fetched");
    char buf[NB_URL_MAX_BYTES + 1];
    if (read_text_buf(err, url, "source.url", buf, sizeof buf) != 0 ||
        read_text_buf(err, fetched, "source.fetched", f->source_fetched, sizeof f->source_fetched) != 0)
        return -1;
    if (url && !nb_ynode_is_null(url)) {
        if (!is_recorded_url(buf))
            return bad(err, url,
                       _("source.url must be an http:// or https:// address without spaces or control "
                         "characters"));
        f->source_url = strdup(buf);
        if (!f->source_url) return bad(err, url, _("out of memory"));
    } else if (f->source_fetched[0]) {
        return bad(err, fetched, _("source.fetched is there without source.url"));
    }
    if (f->source_fetched[0] && !is_iso8601_time(f->source_fetched))
        return bad(err, fetched,
                   _("source.fetched must be a date and time in ISO 8601 with the zone, such as "
                     "\"2026-11-24T12:03:00+08:00\""));
    return 0;
}

/* source: where the report came from, as recorded. */
static int read_source_section(nb_error *err, const nb_ynode *root, nb_review_file *f) {
    const nb_ynode *src = need_key(err, root, "source", _("the file"));
    if (!src || need_kind(err, src, NB_YMAP, "source") != 0) return -1;
    const nb_ynode *file = need_key(err, src, "file", "source");
    const nb_ynode *sha = file ? need_key(err, src, "sha256", "source") : NULL;
    if (!sha || read_text_dup(err, file, "source.file", &f->source_file) != 0 ||
        read_hex(err, sha, "source.sha256", f->source_sha256) != 0 ||
        read_text_dup(err, nb_ynode_get(src, "path_from_review"), "source.path_from_review",
                      &f->source_from_review) != 0 ||
        read_text_buf(err, nb_ynode_get(src, "encoding"), "source.encoding", f->encoding,
                      sizeof f->encoding) != 0 ||
        read_fetch_origin(err, src, f) != 0)
        return -1;
    if (!f->source_file || !f->source_file[0]) return bad(err, file, _("source.file is empty"));
    /* the kind of original (text, html, pdf); older files do not say */
    char kind[16] = "";
    const nb_ynode *kind_node = nb_ynode_get(src, "kind");
    if (read_text_buf(err, kind_node, "source.kind", kind, sizeof kind) != 0) return -1;
    if (kind[0] && nb_source_kind_from_name(kind) < 0)
        return bad(err, kind_node, _("source.kind \"%s\" is not text, html or pdf"), kind);
    return 0;
}

/* reports: exactly one, with the corrected values. */
static int read_report_section(nb_error *err, const nb_ynode *root, nb_review_file *f) {
    const nb_ynode *reports = need_key(err, root, "reports", _("the file"));
    if (!reports || need_kind(err, reports, NB_YSEQ, "reports") != 0) return -1;
    if (reports->count != 1)
        return bad(err, reports, _("a review file holds exactly one report, this one has %d"),
                   reports->count);
    const nb_ynode *rep = reports->items[0];
    if (need_kind(err, rep, NB_YMAP, _("a report")) != 0) return -1;
    nb_report *r = &f->report;
    long year = 0;
    const nb_ynode *y = nb_ynode_get(rep, "year");
    if (read_text_buf(err, nb_ynode_get(rep, "agency"), "agency", r->agency, sizeof r->agency) != 0 ||
        (y && !nb_ynode_is_null(y) && read_int(err, y, "year", NB_YEAR_MIN, NB_YEAR_MAX, &year) != 0) ||
        read_template(err, rep, &r->tpl) != 0)
        return -1;
    r->year = (int)year;
    r->copies = 1;
    const nb_ynode *tables = need_key(err, rep, "tables", _("a report"));
    if (!tables || read_tables(err, tables, r) != 0) return -1;
    const nb_ynode *findings = nb_ynode_get(rep, "findings");
    if (findings && need_kind(err, findings, NB_YSEQ, "findings") != 0) return -1;
    return read_sources(err, nb_ynode_get(rep, "sources"), r->tpl);
}

/* review.edits: the edit log, each edit's line kept for messages. */
static int read_edits(nb_error *err, const nb_ynode *edits, nb_review_file *f) {
    if (!edits || nb_ynode_is_null(edits)) return 0;
    if (need_kind(err, edits, NB_YSEQ, "review.edits") != 0) return -1;
    if (edits->count) {
        f->changes = calloc((size_t)edits->count, sizeof *f->changes);
        f->change_lines = calloc((size_t)edits->count, sizeof *f->change_lines);
        if (!f->changes || !f->change_lines) return bad(err, edits, _("out of memory"));
    }
    for (int i = 0; i < edits->count; i++) {
        nb_change *c = &f->changes[i];
        int rc = read_change(err, edits->items[i], f->report.tpl, c);
        f->nchanges = i + 1; /* freed by nb_review_file_free even on failure */
        if (rc != 0) return -1;
        f->change_lines[i] = edits->items[i]->line;
    }
    return 0;
}

static const char *status_key_at(const void *items, int i) {
    return ((const nb_status_entry *)items)[i].key;
}

/* review.statuses as they come: streamed from the parser (a hundred
 * thousand statuses are never a tree), or from the tree's items. The
 * first problem is kept, not reported: read_statuses reports it in its
 * turn, after what the file says before (a newer format first). */
typedef struct status_reader {
    nb_status_entry *items;
    int n, cap;
    nb_strstore strings;
    nb_keyindex seen; /* one per finding at most, found in linear time */
    bool failed;
    nb_error err;
    const char *a_status; /* _("a status"), looked up once rather than three times a status */
} status_reader;

static void status_reader_free(status_reader *sr) {
    free(sr->items);
    nb_strstore_free(&sr->strings);
    nb_keyindex_free(&sr->seen);
    memset(sr, 0, sizeof *sr);
}

/* A note into the store; null gives NULL. */
static int read_text_store(nb_error *err, const nb_ynode *n, const char *what, nb_strstore *st,
                           const char **out) {
    *out = NULL;
    if (!n || nb_ynode_is_null(n)) return 0;
    if (n->kind != NB_YSCALAR) return bad(err, n, _("%s must be text, not %s"), what, nb_ynode_kind_name(n));
    if (memchr(n->text, '\0', n->len)) return bad(err, n, _("%s holds a NUL character"), what);
    *out = nb_strstore_add(st, n->text, n->len);
    if (!*out) return bad(err, n, _("out of memory"));
    return 0;
}

/* One status, checked against those before it: 0 or -1 with err. */
static int read_one_status(status_reader *sr, const nb_ynode *s, nb_error *err) {
    if (!sr->a_status) sr->a_status = _("a status");
    if (need_kind(err, s, NB_YMAP, sr->a_status) != 0) return -1;
    const nb_ynode *key = need_key(err, s, "finding", sr->a_status);
    const nb_ynode *st = key ? need_key(err, s, "status", sr->a_status) : NULL;
    char k[NB_STATUS_KEY_SIZE];
    nb_status_entry e;
    memset(&e, 0, sizeof e);
    if (!st || read_text_buf(err, key, "finding", k, sizeof k) != 0 ||
        read_status(err, st, "status", &e.state) != 0 ||
        read_text_store(err, nb_ynode_get(s, "note"), "note", &sr->strings, &e.note) != 0 ||
        read_values(err, nb_ynode_get(s, "values"), e.values) != 0)
        return -1;
    if (nb_keyindex_find(&sr->seen, sr->items, status_key_at, k) >= 0)
        return bad(err, key, _("finding `%s` has two statuses"), k);
    if (sr->n == sr->cap) {
        int cap = sr->cap ? sr->cap * 2 : 64; /* the event limit keeps it far from INT_MAX */
        nb_status_entry *grown = realloc(sr->items, (size_t)cap * sizeof *grown);
        if (!grown) return bad(err, key, _("out of memory"));
        sr->items = grown;
        sr->cap = cap;
    }
    e.key = nb_strstore_add_str(&sr->strings, k);
    if (!e.key) return bad(err, key, _("out of memory"));
    sr->items[sr->n] = e;
    if (nb_keyindex_add(&sr->seen, sr->items, status_key_at, sr->n) != 0) return bad(err, key, _("out of memory"));
    sr->n++;
    return 0;
}

/* nb_yaml_item_fn: after the first problem the rest is only parsed. */
static void status_item(void *ctx, const nb_ynode *item) {
    status_reader *sr = ctx;
    if (!sr->failed && read_one_status(sr, item, &sr->err) != 0) sr->failed = true;
}

/* review.statuses: what the reader took, or its first problem. */
static int read_statuses(nb_error *err, const nb_ynode *statuses, status_reader *sr, nb_review_file *f) {
    if (!statuses || nb_ynode_is_null(statuses)) return 0;
    if (need_kind(err, statuses, NB_YSEQ, "review.statuses") != 0) return -1;
    for (int i = 0; i < statuses->count; i++) status_item(sr, statuses->items[i]);
    if (sr->failed) {
        if (err) *err = sr->err;
        return -1;
    }
    /* Taken over, the array cut to its count: it lives as long as the file. */
    if (sr->n < sr->cap) {
        nb_status_entry *fit = realloc(sr->items, (size_t)(sr->n ? sr->n : 1) * sizeof *fit);
        if (fit) sr->items = fit;
    }
    f->statuses = sr->items;
    f->nstatuses = sr->n;
    f->strings = sr->strings;
    sr->items = NULL;
    sr->n = sr->cap = 0;
    memset(&sr->strings, 0, sizeof sr->strings);
    return 0;
}

static int read_review_tree(const nb_ynode *root, status_reader *sr, nb_review_file *f, nb_error *err) {
    if (need_kind(err, root, NB_YMAP, _("the file")) != 0) return -1;
    if (read_format(err, root, &f->format) != 0) return -1;
    if (read_source_section(err, root, f) != 0) return -1;

    const nb_ynode *review = nb_ynode_get(root, "review");
    if (!review)
        return bad(err, root, _("this is not a review file: it has no `review:` section (an export?)"));
    if (need_kind(err, review, NB_YMAP, "review") != 0) return -1;
    if (read_report_section(err, root, f) != 0) return -1;

    long index = 0;
    const nb_ynode *idx = need_key(err, review, "report", "review");
    if (!idx || read_int(err, idx, "review.report", 0, 100000, &index) != 0) return -1;
    f->report_index = (int)index;
    if (read_text_buf(err, nb_ynode_get(review, "reviewer"), "review.reviewer", f->reviewer,
                      sizeof f->reviewer) != 0)
        return -1;
    if (read_edits(err, nb_ynode_get(review, "edits"), f) != 0 ||
        read_statuses(err, nb_ynode_get(review, "statuses"), sr, f) != 0)
        return -1;
    return read_signoff(err, nb_ynode_get(review, "signoff"), &f->signoff);
}

int nb_yaml_read_review(const char *buf, size_t len, nb_review_file *out, nb_error *err) {
    memset(out, 0, sizeof *out);
    nb_ynode *root = NULL;
    bool ended = false;
    static const char *const statuses_path[] = {"review", "statuses", NULL};
    status_reader sr;
    memset(&sr, 0, sizeof sr);
    nb_yaml_stream stream = {statuses_path, status_item, &sr};
    if (nb_yaml_parse_tree_streamed(buf, len, &stream, &root, &ended, err) != 0) {
        status_reader_free(&sr);
        if (err && err->line > 0) {
            char msg[sizeof err->message];
            snprintf(msg, sizeof msg, "%s", err->message);
            int line = err->line, col = err->column;
            nb_error_set(err, err->code, _("line %d, column %d: %s"), line, col, msg);
            err->line = line;
            err->column = col;
        }
        return -1;
    }
    if (!ended) {
        /* A newer format may end differently: say that first. */
        int version;
        int rc = need_kind(err, root, NB_YMAP, _("the file")) == 0 ? read_format(err, root, &version) : -1;
        if (rc == 0) {
            int last_line = 1;
            for (size_t i = 0; i + 1 < len; i++)
                if (buf[i] == '\n') last_line++;
            nb_ynode at;
            memset(&at, 0, sizeof at);
            at.line = last_line;
            at.column = 1;
            bad(err, &at,
                _("the file ends without its `...` end marker: it was cut short (if you edited it "
                  "by hand, keep the last line `...`)"));
        }
        nb_ynode_free(root);
        status_reader_free(&sr);
        return -1;
    }
    int rc = read_review_tree(root, &sr, out, err);
    nb_ynode_free(root);
    status_reader_free(&sr);
    if (rc != 0) nb_review_file_free(out);
    return rc;
}
