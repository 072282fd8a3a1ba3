/* The review file on its way in: read it (bounded, safe), check that it
 * is about the report opened, and replay its edits, statuses and sign-off
 * on a fresh reading of the source, saying which edited cells now read
 * differently. Also where a review file's source and report are. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "nianbao/fileio.h"
#include "nianbao/review.h"
#include "nianbao/sha256.h"
#include "nianbao/yamlio.h"
#include "nianbao/yamlread.h"
#include "review-internal.h"

char *nb_rv_path_plus(const char *path, const char *suffix) {
    size_t n = strlen(path), k = strlen(suffix);
    char *p = malloc(n + k + 1);
    if (p) {
        memcpy(p, path, n);
        memcpy(p + n, suffix, k + 1);
    }
    return p;
}

char *nb_review_default_path(const char *report_path) { return nb_rv_path_plus(report_path, ".review.yaml"); }

/* Which report of `doc` the review file at `path` is about: its index,
 * -1 when it is about none of them, -2 when it cannot be read. */
static int report_of_file(const nb_document *doc, const char *path) {
    nb_review_file f;
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_read_file(path, &f, &err) != 0) return -2;
    int k = nb_review_file_report(doc, &f);
    nb_review_file_free(&f);
    return k;
}

char *nb_review_path_for(const char *report_path, const nb_document *doc, int index) {
    char *plain = nb_review_default_path(report_path);
    if (!plain || doc->nreports <= 1) return plain;
    /* Several reports: REPORT.review.yaml stays the review of the report
     * it is about (one saved before each report had a name of its own;
     * one that cannot be read is the first report's, never written over
     * for another). */
    if (access(plain, F_OK) == 0) {
        int k = report_of_file(doc, plain);
        if (k == index || (k == -2 && index == 0)) return plain;
    }
    free(plain);
    char suffix[32];
    snprintf(suffix, sizeof suffix, ".%d.review.yaml", index + 1);
    return nb_rv_path_plus(report_path, suffix);
}

bool nb_review_head_is_review(const char *head, size_t len) {
    size_t i = 0;
    if (len >= 3 && memcmp(head, "\xEF\xBB\xBF", 3) == 0) i = 3;
    while (i < len) {
        const char *nl = memchr(head + i, '\n', len - i);
        size_t end = nl ? (size_t)(nl - head) : len;
        size_t k = i;
        while (k < end && (head[k] == ' ' || head[k] == '\t' || head[k] == '\r')) k++;
        bool skip = k == end || head[k] == '#' || head[k] == '%' ||
                    (end - k >= 3 && memcmp(head + k, "---", 3) == 0);
        if (!skip) {
            if (k != i) return false; /* a top-level key starts its line */
            static const char *const keys[] = {"format:", "\"format\":", "'format':"};
            for (size_t q = 0; q < sizeof keys / sizeof keys[0]; q++)
                if (end - k >= strlen(keys[q]) && memcmp(head + k, keys[q], strlen(keys[q])) == 0)
                    return true;
            return false;
        }
        if (!nl) break;
        i = end + 1;
    }
    return true;
}

int nb_review_read_file(const char *path, nb_review_file *out, nb_error *err) {
    char *buf = NULL;
    size_t n = 0;
    memset(out, 0, sizeof *out);
    /* never wait on a FIFO or a device named like a review */
    if (nb_file_read_regular(path, NB_YAML_MAX_BYTES, &buf, &n, err) != 0) return -1;
    int rc = nb_yaml_read_review(buf, n, out, err);
    free(buf);
    if (rc != 0 && err) {
        char msg[sizeof err->message];
        snprintf(msg, sizeof msg, "%s", err->message);
        int line = err->line, col = err->column, code = err->code;
        nb_error_set(err, code, "%s: %s", path, msg);
        err->line = line;
        err->column = col;
    }
    return rc;
}

static void describe_value(const nb_cell *c, char *buf, size_t n) {
    if (!c->has_value) {
        snprintf(buf, n, "null");
        return;
    }
    int k = nb_number_format(c->value, buf, n);
    if (c->unit[0] && k > 0 && (size_t)k < n) snprintf(buf + k, n - (size_t)k, " %s", c->unit);
}

static int append_line(char **list, size_t *len, const char *line) {
    size_t add = strlen(line) + 1;
    char *grown = realloc(*list, *len + add + 1);
    if (!grown) return -1;
    memcpy(grown + *len, line, add - 1);
    grown[*len + add - 1] = '\n';
    grown[*len + add] = '\0';
    *list = grown;
    *len += add;
    return 0;
}

/* A review of a fetched page resumed on its copy: the copy was loaded as
 * a file, so the address and the time of the fetch come from the review
 * file, and the next save keeps them. Only while the bytes are the ones
 * fetched. False when memory runs out. */
static bool keep_fetch_origin(nb_document *doc, const nb_review_file *f, bool changed) {
    if (doc->url || !f->source_url || changed) return true;
    doc->url = strdup(f->source_url);
    if (!doc->url) return false;
    snprintf(doc->fetched, sizeof doc->fetched, "%s", f->source_fetched);
    return true;
}

/* The file must be about this report: same year, same template, and
 * (六) read as the same number of rows. 0, or -1 with err. */
static int check_same_report(const nb_review_file *f, const nb_report *fresh, nb_error *err) {
    if (f->report.year != fresh->year || (f->report.tpl != NULL) != (fresh->tpl != NULL && fresh->has_tables) ||
        (f->report.tpl && fresh->tpl && strcmp(f->report.tpl->name, fresh->tpl->name) != 0)) {
        nb_error_set(err, EINVAL,
                     _("the review file is about the %d report (template %s) of %s, but the report "
                       "opened covers %d (template %s)"),
                     f->report.year, f->report.tpl ? f->report.tpl->name : "-",
                     f->report.agency[0] ? f->report.agency : "?", fresh->year,
                     fresh->tpl && fresh->has_tables ? fresh->tpl->name : "-");
        return -1;
    }
    if (f->report.tpl && fresh->tpl && f->report.tpl != fresh->tpl) {
        nb_error_set(err, EINVAL,
                     _("the review file reads (六)其他处理 differently from this reading of the "
                       "report (one row against three)"));
        return -1;
    }
    return 0;
}

/* The lines that tell the reviewer what no longer matches. */
typedef struct mismatch_list {
    char *text;
    size_t len;
} mismatch_list;

/* A cell edit of the file as a change of the fresh reading: `before` is
 * what the cell reads now (a difference from what the file recorded goes
 * to `list`), `after` the file's value. 0, -1 with err (a cell this report
 * does not have), -2 out of memory. */
static int replay_cell(const nb_review *rv, const nb_review_file *f, int i, nb_change *c,
                       mismatch_list *list, nb_error *err) {
    const nb_change *fc = &f->changes[i];
    if (!rv->current.cells || fc->cell < 0 || fc->cell >= rv->current.tpl->ncells) {
        nb_error_set(err, EINVAL, _("edit %d (line %d) names a cell this report does not have"), i + 1,
                     f->change_lines ? f->change_lines[i] : 0);
        return -1;
    }
    c->before = rv->current.cells[fc->cell];
    if (!nb_rv_same_cell_value(&c->before, &fc->before)) {
        char id[128], was[64], now[64], line[400];
        nb_template_cell_id(rv->current.tpl, fc->cell, id, sizeof id);
        describe_value(&fc->before, was, sizeof was);
        describe_value(&c->before, now, sizeof now);
        snprintf(line, sizeof line, _("%s: the review recorded %s before its edit, the source now reads %s"),
                 id, was, now);
        if (append_line(&list->text, &list->len, line) != 0) return -2;
    }
    c->after = c->before;
    c->after.has_value = fc->after.has_value;
    c->after.value = fc->after.value;
    snprintf(c->after.unit, sizeof c->after.unit, "%s", fc->after.unit);
    c->after.blank_text[0] = '\0';
    if (fc->kind == NB_CHANGE_RELINK) {
        c->after.origin = NB_ORIGIN_READ;
        c->after.span = fc->after.span;
        nb_rv_locate_span(&rv->doc->text, &c->after.span);
    } else {
        c->after.origin = NB_ORIGIN_EDITED;
    }
    return 0;
}

/* Edit i of the file, applied to `rv`. 0, -1 with err, -2 out of memory. */
static int replay_edit(nb_review *rv, const nb_review_file *f, int i, mismatch_list *list,
                       nb_error *err) {
    const nb_change *fc = &f->changes[i];
    nb_change c;
    memset(&c, 0, sizeof c);
    c.kind = fc->kind;
    c.cell = fc->cell;
    c.group = fc->group;
    snprintf(c.time, sizeof c.time, "%s", fc->time);
    snprintf(c.reviewer, sizeof c.reviewer, "%s", fc->reviewer);
    if (fc->reason && !(c.reason = strdup(fc->reason))) return -2;
    if (fc->kind == NB_CHANGE_STATUS) {
        snprintf(c.finding_key, sizeof c.finding_key, "%s", fc->finding_key);
        const char *cur_note = NULL;
        c.status_before = nb_review_status_of(rv, fc->finding_key, &cur_note);
        c.status_after = fc->status_after;
        c.note_before = nb_rv_dup_or_null(cur_note);
        c.note_after = nb_rv_dup_or_null(fc->note_after);
    } else {
        int rc = replay_cell(rv, f, i, &c, list, err);
        if (rc != 0) {
            nb_rv_free_change(&c);
            return rc;
        }
    }
    return nb_rv_push_change_as(rv, &c, true, err);
}

/* Values the file states that its edit log does not produce (a hand
 * edit of the tables, or a different reading of the source): not
 * applied, but never dropped in silence. 0, or -1 out of memory. */
static int note_hand_edits(const nb_review *rv, const nb_review_file *f, mismatch_list *list) {
    if (!rv->current.cells || !f->report.cells || rv->current.tpl != f->report.tpl) return 0;
    for (int i = 0; i < rv->current.tpl->ncells; i++) {
        if (nb_rv_same_cell_value(&rv->current.cells[i], &f->report.cells[i])) continue;
        char id[128], stated[64], now[64], line[400];
        nb_template_cell_id(rv->current.tpl, i, id, sizeof id);
        describe_value(&f->report.cells[i], stated, sizeof stated);
        describe_value(&rv->current.cells[i], now, sizeof now);
        snprintf(line, sizeof line,
                 _("%s: the review file states %s, but its edit log on this source gives %s "
                   "(a hand edit is not applied: edit the cell again)"),
                 id, stated, now);
        if (append_line(&list->text, &list->len, line) != 0) return -1;
    }
    return 0;
}

/* Statuses as saved (they also cover findings that an edit made go
 * away, and files written by hand without a history), and the sign-off.
 * 0, or -1 out of memory. */
static int take_statuses_and_signoff(nb_review *rv, const nb_review_file *f) {
    /* the count is known: no array grown by doubling beside the file's */
    if (nb_rv_reserve_statuses(rv, f->nstatuses) != 0) return -1;
    for (int i = 0; i < f->nstatuses; i++)
        if (nb_rv_put_status(rv, f->statuses[i].key, f->statuses[i].state, f->statuses[i].note,
                             f->statuses[i].values) != 0)
            return -1;
    nb_rv_free_signoff(&rv->signoff);
    rv->signoff = f->signoff;
    rv->signoff.note = nb_rv_dup_or_null(f->signoff.note);
    rv->signoff.override_note = nb_rv_dup_or_null(f->signoff.override_note);
    /* Read after its edits are replayed: an intact sign-off is of now. */
    rv->signed_applied = rv->signoff.present && !rv->signoff.void_ ? rv->applied : -1;
    return 0;
}

/* Replay all of `f` on `rv` (a review just opened on the fresh reading).
 * 0, -1 with err, -2 out of memory. */
static int replay_file(nb_review *rv, const nb_review_file *f, bool changed, mismatch_list *list,
                       nb_error *err) {
    if (!keep_fetch_origin(rv->doc, f, changed)) return -2;
    for (int i = 0; i < f->nchanges; i++) {
        int rc = replay_edit(rv, f, i, list, err);
        if (rc != 0) return rc;
    }
    if (!changed && note_hand_edits(rv, f, list) != 0) return -2;
    if (take_statuses_and_signoff(rv, f) != 0) return -2;
    rv->saved_applied = rv->applied;
    rv->meta_unsaved = false;
    nb_rv_snapshot_saved(rv);
    nb_rv_recheck(rv);
    return 0;
}

int nb_review_apply_file(nb_review *rv, const nb_review_file *f, bool *source_changed,
                         char **mismatch, nb_error *err) {
    if (source_changed) *source_changed = false;
    if (mismatch) *mismatch = NULL;
    if (check_same_report(f, nb_rv_fresh_report(rv), err) != 0) return -1;
    /* Replay into a new review and replace `rv` only when all went well:
     * a file that fails half-way must not cost the edits in memory. Start
     * again from the fresh reading; keep who is reviewing. */
    nb_review fresh_rv;
    if (nb_review_open(&fresh_rv, rv->doc, rv->report_index, err) != 0) return -1;
    snprintf(fresh_rv.reviewer, sizeof fresh_rv.reviewer, "%s", rv->reviewer[0] ? rv->reviewer : f->reviewer);
    char hex[65];
    nb_sha256_hex(rv->doc->text.sha256, hex);
    bool changed = strcmp(hex, f->source_sha256) != 0;
    if (source_changed) *source_changed = changed;
    mismatch_list list = {NULL, 0};
    int rc = replay_file(&fresh_rv, f, changed, &list, err);
    if (rc != 0) {
        free(list.text);
        nb_review_free(&fresh_rv);
        if (rc == -2) nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    if (mismatch)
        *mismatch = list.text;
    else
        free(list.text);
    nb_review_free(rv);
    *rv = fresh_rv;
    return 0;
}

int nb_review_load(nb_review *rv, const char *path, bool *source_changed, char **mismatch,
                   nb_error *err) {
    nb_review_file f;
    if (nb_review_read_file(path, &f, err) != 0) return -1;
    int rc = nb_review_apply_file(rv, &f, source_changed, mismatch, err);
    nb_review_file_free(&f);
    return rc;
}

/* Where the source of a review file is: beside the review as recorded
 * relative to it, else as given when it was made (from the current
 * folder), else that name in the review's folder. */
char *nb_review_find_source(const char *review_path, const nb_review_file *f) {
    char *dir = nb_path_dirname(review_path);
    if (!dir) return NULL;
    char *candidates[3] = {NULL, NULL, NULL};
    if (f->source_from_review) candidates[0] = nb_path_join(dir, f->source_from_review);
    if (f->source_file) {
        candidates[1] = strdup(f->source_file);
        candidates[2] = nb_path_join(dir, f->source_file);
    }
    free(dir);
    char *found = NULL;
    for (int i = 0; i < 3; i++) {
        if (!found && candidates[i] && access(candidates[i], R_OK) == 0)
            found = candidates[i];
        else
            free(candidates[i]);
    }
    return found;
}

int nb_review_file_report(const nb_document *doc, const nb_review_file *f) {
    const nb_template *want = f->report.tpl;
    /* The recorded index first, when it is still the same report. */
    int i = f->report_index;
    if (i >= 0 && i < doc->nreports && doc->reports[i].year == f->report.year &&
        (!want || doc->reports[i].tpl == want))
        return i;
    /* Else the source changed around it: the same agency's report of that
     * year, then any report of that year and template. */
    for (int pass = 0; pass < 2; pass++)
        for (i = 0; i < doc->nreports; i++) {
            const nb_report *r = &doc->reports[i];
            if (r->year != f->report.year || (want && r->tpl != want)) continue;
            if (pass == 0 && strcmp(r->agency, f->report.agency) != 0) continue;
            return i;
        }
    return -1;
}
