/* A review as YAML: the report part (reportyaml.c) with the corrected
 * values, then the review itself: the edit log, the finding statuses and
 * the sign-off. Also the canonical sealed text of a sign-off, which
 * sign-off and verify hash. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/fileio.h"
#include "nianbao/review.h"
#include "nianbao/yamlio.h"
#include "reportyaml.h"

/* A reviewer's name, read back into a 64-byte field: invalid bytes (a
 * name from $USER cut inside a character) become U+FFFD as in other
 * text, but the result is then cut at a character boundary to what the
 * field holds, since the three bytes of U+FFFD could make it too long for
 * the reader: a file nianbao writes must always read back (B18). */
static void name_or_null(nb_yemit *e, const char *s) {
    if (!s || !*s) {
        nb_yemit_null(e);
        return;
    }
    char kept[sizeof ((nb_review *)0)->reviewer];
    nb_review_copy_name(kept, sizeof kept, s);
    nb_yemit_text_or_null(e, kept);
}

/* Who signed, when, the verdict, the notes and both hashes: written in
 * the review file and in the sealed text alike. */
static void signoff_fields(nb_yemit *e, const nb_signoff *s) {
    nb_yemit_key_text(e, "reviewer", s->reviewer);
    nb_yemit_key_text(e, "time", s->time);
    nb_yemit_key_word(e, "verdict", nb_verdict_name(s->verdict));
    nb_yemit_key_text_or_null(e, "note", s->note);
    nb_yemit_key_boolean(e, "override", s->override);
    nb_yemit_key_text_or_null(e, "override_note", s->override_note);
    nb_yemit_key_text(e, "source_sha256", s->source_sha256);
    nb_yemit_key_text(e, "data_sha256", s->data_sha256);
}

/* One finding's status in the review file and in the sealed text. The
 * values it was judged on are the file's only: a seal made before they
 * were written down must still hold. */
static void status_fields(nb_yemit *e, const nb_status_entry *s, bool with_values) {
    nb_yemit_key_text(e, "finding", s->key);
    nb_yemit_key_word(e, "status", nb_status_name(s->state));
    nb_yemit_key_text_or_null(e, "note", s->note);
    if (with_values && s->values[0]) nb_yemit_key_text(e, "values", s->values);
}

static const char *kind_name(nb_change_kind k) {
    switch (k) {
    case NB_CHANGE_SET_CELL: return "set";
    case NB_CHANGE_CLEAR_CELL: return "clear";
    case NB_CHANGE_RELINK: return "relink";
    default: return "status";
    }
}

static void emit_change(nb_yemit *e, const nb_report *r, const nb_change *c) {
    nb_yemit_map_start(e, false);
    nb_yemit_key_word(e, "kind", kind_name(c->kind));
    if (c->kind == NB_CHANGE_STATUS) {
        nb_yemit_key_text(e, "finding", c->finding_key);
        nb_yemit_key_word(e, "before", nb_status_name(c->status_before));
        nb_yemit_key_word(e, "after", nb_status_name(c->status_after));
        nb_yemit_key_text_or_null(e, "note_before", c->note_before);
        nb_yemit_key_text_or_null(e, "note", c->note_after);
    } else {
        nb_yemit_word(e, "cell");
        nb_yaml_emit_cell_id(e, r->tpl, c->cell);
        nb_yemit_word(e, "before");
        nb_yaml_emit_cell_value(e, &c->before);
        nb_yemit_word(e, "after");
        nb_yaml_emit_cell_value(e, &c->after);
        if (r->tpl->cells[c->cell].flags & NB_CELL_AMOUNT) {
            nb_yemit_key_text_or_null(e, "unit_before", c->before.unit);
            nb_yemit_key_text_or_null(e, "unit_after", c->after.unit);
        }
        if (c->kind == NB_CHANGE_RELINK && c->after.span.line > 0) {
            char at[64];
            nb_span_format(&c->after.span, at, sizeof at);
            nb_yemit_key_text(e, "at", at);
        }
    }
    nb_yemit_key_text(e, "time", c->time);
    nb_yemit_word(e, "reviewer");
    name_or_null(e, c->reviewer);
    nb_yemit_key_text_or_null(e, "reason", c->reason);
    if (c->group) { /* made as one action with its neighbours of the same group */
        char num[16];
        snprintf(num, sizeof num, "%d", c->group);
        nb_yemit_key_word(e, "group", num);
    }
    nb_yemit_map_end(e);
}

static void emit_signoff(nb_yemit *e, const nb_signoff *s) {
    nb_yemit_word(e, "signoff");
    if (!s->present) {
        nb_yemit_null(e);
        return;
    }
    nb_yemit_map_start(e, false);
    signoff_fields(e, s);
    if (s->seal_sha256[0]) {
        nb_yemit_key_text(e, "seal_sha256", s->seal_sha256);
    }
    nb_yemit_key_boolean(e, "void", s->void_);
    nb_yemit_map_end(e);
}

int nb_yaml_review_at(const nb_review *rv, const char *review_path, char **out, size_t *outlen,
                      nb_error *err) {
    const nb_document *doc = rv->doc;
    char *rel = NULL;
    if (review_path && doc->path) {
        char *dir = nb_path_dirname(review_path);
        if (dir) rel = nb_path_relative(doc->path, dir);
        free(dir);
    }
    nb_yemit e;
    nb_yaml_begin_file(&e, doc, rel, err);
    free(rel);
    nb_yemit_word(&e, "reports");
    nb_yemit_seq_start(&e, false);
    nb_yaml_statuses st = {rv->statuses, rv->nstatuses};
    nb_yaml_emit_report(&e, doc, &rv->current, &rv->findings, &st);
    nb_yemit_seq_end(&e);

    nb_yemit_word(&e, "review");
    nb_yemit_map_start(&e, false);
    nb_yemit_key_integer(&e, "report", rv->report_index);
    nb_yemit_word(&e, "reviewer");
    name_or_null(&e, rv->reviewer);
    nb_yemit_word(&e, "edits");
    if (rv->applied == 0) {
        nb_yemit_empty_seq(&e);
    } else {
        nb_yemit_seq_start(&e, false);
        for (int i = 0; i < rv->applied; i++) emit_change(&e, &rv->current, &rv->changes[i]);
        nb_yemit_seq_end(&e);
    }
    nb_yemit_word(&e, "statuses");
    int shown = 0;
    for (int i = 0; i < rv->nstatuses; i++)
        if (rv->statuses[i].state != NB_STATUS_OPEN || rv->statuses[i].note) shown++;
    if (shown == 0) {
        nb_yemit_empty_seq(&e);
    } else {
        nb_yemit_seq_start(&e, false);
        for (int i = 0; i < rv->nstatuses; i++) {
            const nb_status_entry *s = &rv->statuses[i];
            if (s->state == NB_STATUS_OPEN && !s->note) continue;
            nb_yemit_map_start(&e, false);
            status_fields(&e, s, true);
            nb_yemit_map_end(&e);
        }
        nb_yemit_seq_end(&e);
    }
    emit_signoff(&e, &rv->signoff);
    nb_yemit_map_end(&e);
    nb_yemit_map_end(&e);
    return nb_yemit_finish(&e, true, out, outlen);
}

int nb_yaml_review(const nb_review *rv, char **out, size_t *outlen, nb_error *err) {
    return nb_yaml_review_at(rv, NULL, out, outlen, err);
}

static int cmp_status_ptr(const void *a, const void *b) {
    return strcmp((*(const nb_status_entry *const *)a)->key, (*(const nb_status_entry *const *)b)->key);
}

int nb_yaml_seal_text(const nb_signoff *s, const nb_status_entry *statuses, int nstatuses,
                      char **out, size_t *outlen, nb_error *err) {
    const nb_status_entry **sorted = NULL;
    int n = 0;
    if (nstatuses > 0) {
        sorted = malloc((size_t)nstatuses * sizeof *sorted);
        if (!sorted) {
            nb_error_set(err, ENOMEM, _("out of memory"));
            return -1;
        }
        for (int i = 0; i < nstatuses; i++)
            if (statuses[i].state != NB_STATUS_OPEN || statuses[i].note) sorted[n++] = &statuses[i];
        qsort(sorted, (size_t)n, sizeof *sorted, cmp_status_ptr);
    }
    nb_yemit e;
    nb_yaml_begin_canonical(&e, "sealed", err);
    signoff_fields(&e, s);
    nb_yemit_word(&e, "statuses");
    nb_yemit_seq_start(&e, false);
    for (int i = 0; i < n; i++) {
        nb_yemit_map_start(&e, true);
        status_fields(&e, sorted[i], false);
        nb_yemit_map_end(&e);
    }
    nb_yemit_seq_end(&e);
    nb_yemit_map_end(&e);
    free(sorted);
    return nb_yemit_finish(&e, false, out, outlen);
}
