/* A report as YAML: the source, the tables in template order, the
 * findings and where each value stands in the source. This is what
 * `export` prints, the report part of a review file (reviewyaml.c adds
 * the review), and the canonical signed data that sign-off hashes. Keys
 * are emitted in one fixed order, and tables follow the template, so two
 * exports of the same source are byte-identical. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/check.h"
#include "nianbao/sha256.h"
#include "nianbao/source.h"
#include "nianbao/yamlio.h"
#include "reportyaml.h"

void nb_yaml_emit_cell_value(nb_yemit *e, const nb_cell *c) {
    if (c->has_value)
        nb_yemit_number(e, c->value);
    else
        nb_yemit_null(e);
}

/* The key an amount's unit is written under: "amount" -> "amount_unit". */
void nb_yaml_unit_key(const nb_cell_def *d, char *buf, size_t n) {
    snprintf(buf, n, "%s_unit", d->col_id);
}

/* tables: every row of the template in template order, each a map of
 * column -> value (null when the source has none), an amount followed
 * by its unit. */
static void emit_tables(nb_yemit *e, const nb_report *r) {
    nb_yemit_word(e, "tables");
    if (!r->has_tables || !r->tpl || !r->cells) {
        nb_yemit_empty_map(e);
        return;
    }
    const nb_template *tpl = r->tpl;
    nb_yemit_map_start(e, false);
    for (int t = 0; t < NB_TABLE_COUNT; t++) {
        nb_yemit_word(e, nb_table_key((nb_table_id)t));
        nb_yemit_map_start(e, false);
        for (int ri = 0; ri < tpl->nrows; ri++) {
            const nb_row_def *row = &tpl->rows[ri];
            if (row->table != (nb_table_id)t) continue;
            nb_yemit_word(e, row->id);
            nb_yemit_map_start(e, true);
            for (int k = 0; k < row->ncells; k++) {
                int ci = row->first_cell + k;
                const nb_cell_def *d = &tpl->cells[ci];
                nb_yemit_word(e, d->col_id);
                nb_yaml_emit_cell_value(e, &r->cells[ci]);
                if (d->flags & NB_CELL_AMOUNT) {
                    char key[64];
                    nb_yaml_unit_key(d, key, sizeof key);
                    nb_yemit_word(e, key);
                    nb_yemit_text_or_null(e, r->cells[ci].unit);
                }
            }
            nb_yemit_map_end(e);
        }
        nb_yemit_map_end(e);
    }
    nb_yemit_map_end(e);
}

/* What a report is (agency, year, template) and its tables: the start
 * of a report in a file and the whole of the signed data. */
static void emit_heading_and_tables(nb_yemit *e, const nb_report *r) {
    nb_yemit_key_text_or_null(e, "agency", r->agency);
    nb_yemit_word(e, "year");
    if (r->year > 0)
        nb_yemit_integer(e, r->year);
    else
        nb_yemit_null(e);
    nb_yemit_word(e, "template");
    if (r->tpl && r->has_tables)
        nb_yemit_text(e, r->tpl->name);
    else
        nb_yemit_null(e);
    emit_tables(e, r);
}

void nb_yaml_emit_cell_id(nb_yemit *e, const nb_template *tpl, int cell) {
    char id[128];
    nb_template_cell_id(tpl, cell, id, sizeof id);
    nb_yemit_word(e, id);
}

void nb_yaml_emit_finding_start(nb_yemit *e, const nb_template *tpl, const nb_finding *x,
                                bool quoted_message) {
    nb_yemit_map_start(e, false);
    nb_yemit_key_word(e, "rule", x->rule);
    nb_yemit_key_word(e, "severity", x->severity == NB_SEV_ERROR ? "error" : "warning");
    nb_yemit_word(e, "cells");
    nb_yemit_seq_start(e, true);
    for (int k = 0; k < x->ncells; k++)
        if (tpl) nb_yaml_emit_cell_id(e, tpl, x->cells[k]);
    nb_yemit_seq_end(e);
    nb_yemit_word(e, "message");
    if (quoted_message)
        nb_yemit_quoted(e, x->message);
    else
        nb_yemit_text(e, x->message);
    if (x->confidence) {
        nb_yemit_key_word(e, "confidence", nb_confidence_name(x->confidence));
    }
}

/* findings[]: what `check` says, with the review's status and note when
 * `st` is given. */
static void emit_findings(nb_yemit *e, const nb_report *r, const nb_findings *f,
                          const nb_yaml_statuses *st) {
    nb_yemit_word(e, "findings");
    if (!f || f->count == 0) {
        nb_yemit_empty_seq(e);
        return;
    }
    nb_yemit_seq_start(e, false);
    for (int i = 0; i < f->count; i++) {
        const nb_finding *x = &f->items[i];
        nb_yaml_emit_finding_start(e, r->tpl, x, false);
        if (x->line > 0) {
            nb_yemit_key_integer(e, "line", x->line);
        }
        if (x->culprit >= 0 && r->tpl && x->culprit < r->tpl->ncells) {
            nb_yemit_word(e, "culprit");
            nb_yaml_emit_cell_id(e, r->tpl, x->culprit);
            nb_yemit_key_number(e, "suggested", x->culprit_value);
        }
        nb_yemit_key_text(e, "key", x->key);
        if (st) {
            const char *note = NULL;
            nb_finding_state state = nb_status_lookup(st->items, st->count, x->key, &note);
            nb_yemit_key_word(e, "status", nb_status_name(state));
            nb_yemit_key_text_or_null(e, "note", note);
        }
        nb_yemit_map_end(e);
    }
    nb_yemit_seq_end(e);
}

/* sources: where each cell's value stands in the source and how it was
 * found: {at: "line:col-col", origin: read|inferred|missing|edited}, and
 * for a PDF the page the line is on. */
static void emit_sources(nb_yemit *e, const nb_document *doc, const nb_report *r) {
    bool pdf = doc && doc->source_kind == NB_SOURCE_PDF && doc->text.nlines > 0;
    if (!r->has_tables || !r->tpl || !r->cells) return;
    nb_yemit_word(e, "sources");
    nb_yemit_map_start(e, false);
    for (int i = 0; i < r->tpl->ncells; i++) {
        const nb_cell *c = &r->cells[i];
        nb_yaml_emit_cell_id(e, r->tpl, i);
        nb_yemit_map_start(e, true);
        if (c->span.line > 0) {
            char at[64];
            nb_span_format(&c->span, at, sizeof at);
            nb_yemit_key_text(e, "at", at);
            int page = pdf ? nb_text_page_of_line(&doc->text, c->span.line) : 0;
            if (page > 0) {
                nb_yemit_key_integer(e, "page", page);
            }
        }
        nb_yemit_key_word(e, "origin", nb_origin_name(c->origin));
        if (c->blank_text[0]) {
            nb_yemit_key_text(e, "blank", c->blank_text);
        }
        nb_yemit_map_end(e);
    }
    nb_yemit_map_end(e);
}

void nb_yaml_emit_report(nb_yemit *e, const nb_document *doc, const nb_report *r,
                         const nb_findings *f, const nb_yaml_statuses *st) {
    nb_yemit_map_start(e, false);
    emit_heading_and_tables(e, r);
    if (!r->has_tables) {
        nb_yemit_key_text_or_null(e, "reason", r->no_tables_reason);
    }
    emit_findings(e, r, f, st);
    if (doc && doc->text.nlines > 0 && r->byte_end > r->byte_start) {
        char lines[64];
        snprintf(lines, sizeof lines, "%zu-%zu", nb_text_line_of(&doc->text, r->byte_start) + 1,
                 nb_text_line_of(&doc->text, r->byte_end > 0 ? r->byte_end - 1 : 0) + 1);
        nb_yemit_key_text(e, "lines", lines);
    }
    if (r->copies > 1) {
        nb_yemit_key_integer(e, "copies", r->copies);
    }
    emit_sources(e, doc, r);
    nb_yemit_map_end(e);
}

/* source: {file, path_from_review (when given), url, sha256, kind, ...} */
static void emit_source(nb_yemit *e, const nb_document *doc, const char *path_from_review) {
    nb_yemit_word(e, "source");
    nb_yemit_map_start(e, false);
    nb_yemit_key_text(e, "file", doc->path ? doc->path : "");
    if (path_from_review) {
        nb_yemit_key_text(e, "path_from_review", path_from_review);
    }
    if (doc->url) {
        nb_yemit_key_text(e, "url", doc->url);
        if (doc->fetched[0]) {
            nb_yemit_key_text(e, "fetched", doc->fetched);
        }
    }
    char hex[65];
    nb_sha256_hex(doc->text.sha256, hex);
    nb_yemit_key_text(e, "sha256", hex);
    nb_yemit_key_text(e, "kind", nb_source_kind_name((nb_source_kind)doc->source_kind));
    nb_yemit_key_text(e, "encoding", doc->text.encoding);
    nb_yemit_key_integer(e, "invalid_bytes", (long long)doc->text.invalid_count);
    if (doc->text.invalid_count > 0) {
        nb_yemit_key_integer(e, "first_invalid_line", (long long)doc->text.first_invalid_line);
    }
    nb_yemit_map_end(e);
}

void nb_yaml_begin_file(nb_yemit *e, const nb_document *doc, const char *path_from_review,
                        nb_error *err) {
    nb_yemit_begin(e, err);
    e->escape_bidi = true;
    nb_yemit_map_start(e, false);
    nb_yemit_key_word(e, "format", NB_FORMAT_NAME);
    emit_source(e, doc, path_from_review);
}

int nb_yaml_export(const nb_document *doc, int only_report, char **out, size_t *outlen,
                   nb_error *err) {
    if (only_report >= doc->nreports) {
        nb_error_set(err, EINVAL, _("there is no report %d in %s"), only_report + 1, doc->path);
        return -1;
    }
    nb_yemit e;
    nb_yaml_begin_file(&e, doc, NULL, err);
    nb_yemit_word(&e, "reports");
    int first = only_report >= 0 ? only_report : 0;
    int last = only_report >= 0 ? only_report + 1 : doc->nreports;
    if (first >= last) {
        nb_yemit_empty_seq(&e);
    } else {
        nb_yemit_seq_start(&e, false);
        for (int i = first; i < last; i++) {
            nb_findings f;
            memset(&f, 0, sizeof f);
            nb_check_document(doc, i, NULL, &f);
            nb_yaml_emit_report(&e, doc, &doc->reports[i], &f, NULL);
            nb_findings_free(&f);
        }
        nb_yemit_seq_end(&e);
    }
    nb_yemit_map_end(&e);
    return nb_yemit_finish(&e, false, out, outlen);
}

void nb_yaml_begin_canonical(nb_yemit *e, const char *name, nb_error *err) {
    nb_yemit_begin(e, err);
    nb_yemit_map_start(e, false);
    nb_yemit_word(e, name);
    nb_yemit_word(e, NB_FORMAT_NAME);
}

int nb_yaml_signed_data(const nb_report *r, char **out, size_t *outlen, nb_error *err) {
    nb_yemit e;
    nb_yaml_begin_canonical(&e, "signed_data", err);
    emit_heading_and_tables(&e, r);
    nb_yemit_map_end(&e);
    return nb_yemit_finish(&e, false, out, outlen);
}