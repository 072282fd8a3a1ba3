/* A review: corrections on top of a report, finding statuses, sign-off,
 * unlimited undo/redo, saving, resuming and recovery.
 *
 * History follows OpenRefine: a change stores its before and after
 * already computed, so undo and redo are swaps that cannot fail, and a
 * new change drops the redo tail. After every change the checks run
 * again on the corrected report, and a sign-off stops holding. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nianbao/fileio.h"
#include "nianbao/review.h"
#include "nianbao/sha256.h"
#include "nianbao/utf8.h"
#include "nianbao/yamlio.h"
#include "nianbao/yamlread.h"

const char *nb_verdict_name(nb_verdict v) {
    switch (v) {
    case NB_VERDICT_APPROVED: return "approved";
    case NB_VERDICT_APPROVED_WITH_NOTES: return "approved_with_notes";
    case NB_VERDICT_REJECTED: return "rejected";
    default: return "none";
    }
}

const char *nb_status_name(nb_finding_state s) {
    switch (s) {
    case NB_STATUS_FIXED: return "fixed";
    case NB_STATUS_CONFIRMED: return "confirmed_in_source";
    default: return "open";
    }
}

static void locate_span(const nb_text *t, nb_span *s);

static char *dup_or_null(const char *s) { return s && *s ? strdup(s) : NULL; }

static bool same_text(const char *a, const char *b) {
    if (!a || !*a) return !b || !*b;
    return b && strcmp(a, b) == 0;
}

static bool same_cell_value(const nb_cell *a, const nb_cell *b) {
    if (a->has_value != b->has_value) return false;
    if (a->has_value && nb_number_cmp(a->value, b->value) != 0) return false;
    if (a->has_value && a->value.scale != b->value.scale) return false; /* 1.5 vs 1.50 as written */
    return strcmp(a->unit, b->unit) == 0;
}

static bool same_cell(const nb_cell *a, const nb_cell *b) {
    return same_cell_value(a, b) && a->span.line == b->span.line &&
           a->span.col_start == b->span.col_start && a->span.col_end == b->span.col_end;
}

/* Copy a name into dst[size] as the review file will hold it: invalid
 * bytes become U+FFFD, and the copy is cut at a character boundary. A
 * name taken from $USER and cut inside a character, written with U+FFFD,
 * no longer fitted the reader's field: nianbao wrote a review file it
 * could not read back (bug B18). */
static void copy_name(char *dst, size_t size, const char *src) {
    size_t n = strlen(src), o = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = nb_utf8_next(src + i, n - i, &cp);
        const char *bytes = src + i;
        size_t len = k;
        if (cp == 0xFFFD && k == 1) {
            bytes = "\xEF\xBF\xBD";
            len = 3;
        }
        if (o + len >= size) break;
        memcpy(dst + o, bytes, len);
        o += len;
        i += k;
    }
    dst[o] = '\0';
}

static int check_texts(const char *a, const char *b, nb_error *err) {
    /* Text a person typed must be valid UTF-8 to be written as YAML. */
    if ((!a || nb_utf8_valid(a, strlen(a))) && (!b || nb_utf8_valid(b, strlen(b)))) return 0;
    nb_error_set(err, EINVAL, _("the text is not valid UTF-8; check the terminal's encoding"));
    return -1;
}

static void free_change(nb_change *c) {
    free(c->note_before);
    free(c->note_after);
    free(c->reason);
    c->note_before = c->note_after = c->reason = NULL;
}

static void recheck(nb_review *rv) {
    nb_findings_clear(&rv->findings);
    nb_check_report(&rv->current, rv->previous, &rv->doc->text, &rv->findings);
}

static const nb_report *fresh_report(const nb_review *rv) {
    return &rv->doc->reports[rv->report_index];
}

static void snapshot_saved(nb_review *rv) {
    free(rv->saved_cells);
    rv->saved_cells = NULL;
    if (rv->current.cells && rv->current.tpl) {
        size_t n = (size_t)rv->current.tpl->ncells * sizeof *rv->saved_cells;
        rv->saved_cells = malloc(n);
        if (rv->saved_cells) memcpy(rv->saved_cells, rv->current.cells, n);
    }
}

int nb_review_open(nb_review *rv, nb_document *doc, int report_index, nb_error *err) {
    memset(rv, 0, sizeof *rv);
    if (!doc || report_index < 0 || report_index >= doc->nreports) {
        nb_error_set(err, EINVAL, _("there is no report %d in this file"), report_index + 1);
        return -1;
    }
    rv->doc = doc;
    rv->report_index = report_index;
    rv->saved_applied = -1;
    if (nb_report_copy(&rv->current, &doc->reports[report_index]) != 0) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    rv->previous = nb_check_find_previous(doc, &doc->reports[report_index], true);
    recheck(rv);
    return 0;
}

static void free_statuses(nb_review *rv) {
    for (int i = 0; i < rv->nstatuses; i++) free(rv->statuses[i].note);
    free(rv->statuses);
    rv->statuses = NULL;
    rv->nstatuses = 0;
}

static void free_signoff(nb_signoff *s) {
    free(s->note);
    free(s->override_note);
    memset(s, 0, sizeof *s);
}

static void free_history(nb_review *rv) {
    for (int i = 0; i < rv->nchanges; i++) free_change(&rv->changes[i]);
    free(rv->changes);
    rv->changes = NULL;
    rv->nchanges = rv->applied = rv->cap = 0;
}

void nb_review_free(nb_review *rv) {
    free_history(rv);
    free_statuses(rv);
    free_signoff(&rv->signoff);
    nb_findings_free(&rv->findings);
    nb_report_free(&rv->current);
    free(rv->saved_cells);
    memset(rv, 0, sizeof *rv);
    rv->saved_applied = -1;
}

static nb_status_entry *status_entry(nb_review *rv, const char *key, bool create) {
    for (int i = 0; i < rv->nstatuses; i++)
        if (strcmp(rv->statuses[i].key, key) == 0) return &rv->statuses[i];
    if (!create) return NULL;
    nb_status_entry *grown = realloc(rv->statuses, (size_t)(rv->nstatuses + 1) * sizeof *grown);
    if (!grown) return NULL;
    rv->statuses = grown;
    nb_status_entry *e = &rv->statuses[rv->nstatuses++];
    memset(e, 0, sizeof *e);
    snprintf(e->key, sizeof e->key, "%s", key);
    return e;
}

nb_finding_state nb_review_status_of(const nb_review *rv, const char *finding_key,
                                     const char **note) {
    for (int i = 0; i < rv->nstatuses; i++)
        if (strcmp(rv->statuses[i].key, finding_key) == 0) {
            if (note) *note = rv->statuses[i].note;
            return rv->statuses[i].state;
        }
    if (note) *note = NULL;
    return NB_STATUS_OPEN;
}

/* Put a status and note in place (copying the note). */
static int put_status(nb_review *rv, const char *key, nb_finding_state st, const char *note) {
    nb_status_entry *e = status_entry(rv, key, true);
    if (!e) return -1;
    char *copy = NULL;
    if (note && *note && !(copy = strdup(note))) return -1;
    free(e->note);
    e->note = copy;
    e->state = st;
    return 0;
}

/* Apply one direction of a change to the model. */
static int apply_side(nb_review *rv, const nb_change *c, bool forward) {
    if (c->kind == NB_CHANGE_STATUS)
        return put_status(rv, c->finding_key, forward ? c->status_after : c->status_before,
                          forward ? c->note_after : c->note_before);
    rv->current.cells[c->cell] = forward ? c->after : c->before;
    return 0;
}

static void void_signoff(nb_review *rv) {
    if (rv->signoff.present && !rv->signoff.void_) {
        rv->signoff.void_ = true;
        rv->meta_unsaved = true;
    }
}

/* Record `c` (taking ownership of its strings), apply it, re-check. A
 * new change gets the time and reviewer of now; one replayed from a file
 * (`replayed`) keeps what the file says, even when that is empty. */
static int push_change_as(nb_review *rv, nb_change *c, bool replayed, nb_error *err) {
    if (rv->applied < rv->saved_applied) rv->saved_applied = -2; /* the saved state is gone */
    for (int i = rv->applied; i < rv->nchanges; i++) free_change(&rv->changes[i]);
    rv->nchanges = rv->applied;
    if (rv->nchanges == rv->cap) {
        int ncap = rv->cap ? rv->cap * 2 : 32;
        nb_change *grown = realloc(rv->changes, (size_t)ncap * sizeof *grown);
        if (!grown) {
            free_change(c);
            nb_error_set(err, ENOMEM, _("out of memory"));
            return -1;
        }
        rv->changes = grown;
        rv->cap = ncap;
    }
    if (!replayed && !c->time[0]) nb_time_now_iso(c->time);
    if (!replayed && !c->reviewer[0]) copy_name(c->reviewer, sizeof c->reviewer, rv->reviewer);
    if (apply_side(rv, c, true) != 0) {
        free_change(c);
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    rv->changes[rv->nchanges++] = *c;
    rv->applied = rv->nchanges;
    void_signoff(rv);
    if (!replayed) recheck(rv); /* a replay checks once, at its end */
    return 0;
}

static int push_change(nb_review *rv, nb_change *c, nb_error *err) {
    return push_change_as(rv, c, false, err);
}

static int check_cell(const nb_review *rv, int cell, nb_error *err) {
    if (!rv->current.has_tables || !rv->current.cells || !rv->current.tpl) {
        nb_error_set(err, EINVAL, _("this report has no tables to edit"));
        return -1;
    }
    if (cell < 0 || cell >= rv->current.tpl->ncells) {
        nb_error_set(err, EINVAL, _("there is no cell %d in the %s template"), cell,
                     rv->current.tpl->name);
        return -1;
    }
    return 0;
}

static int check_value(const nb_review *rv, int cell, nb_number v, nb_error *err) {
    const nb_cell_def *d = &rv->current.tpl->cells[cell];
    char id[128];
    nb_template_cell_id(rv->current.tpl, cell, id, sizeof id);
    if (!(d->flags & NB_CELL_AMOUNT) && !nb_number_is_integer(v)) {
        nb_error_set(err, EINVAL, _("%s counts items: it takes a whole number"), id);
        return -1;
    }
    if (!(d->flags & NB_CELL_SIGNED) && v.units < 0) {
        nb_error_set(err, EINVAL, _("%s cannot be negative"), id);
        return -1;
    }
    if (v.units > NB_NUMBER_MAX_UNITS || v.units < -NB_NUMBER_MAX_UNITS || v.scale > 9) {
        nb_error_set(err, EINVAL, _("%s: the number is out of range"), id);
        return -1;
    }
    return 0;
}

static int set_reason(nb_change *c, const char *reason, nb_error *err) {
    if (reason && *reason && !(c->reason = strdup(reason))) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    return 0;
}

int nb_review_set_cell(nb_review *rv, int cell, nb_number value, const char *unit,
                       const char *reason, nb_error *err) {
    if (check_texts(reason, unit, err) != 0) return -1;
    if (check_cell(rv, cell, err) != 0 || check_value(rv, cell, value, err) != 0) return -1;
    nb_change c;
    memset(&c, 0, sizeof c);
    c.kind = NB_CHANGE_SET_CELL;
    c.cell = cell;
    c.before = rv->current.cells[cell];
    c.after = c.before;
    c.after.has_value = true;
    c.after.value = value;
    c.after.origin = NB_ORIGIN_EDITED;
    c.after.blank_text[0] = '\0';
    if (unit) {
        if (!(rv->current.tpl->cells[cell].flags & NB_CELL_AMOUNT) && *unit) {
            nb_error_set(err, EINVAL, _("only amounts carry a unit"));
            return -1;
        }
        if (strlen(unit) >= sizeof c.after.unit) {
            nb_error_set(err, EINVAL, _("the unit is too long"));
            return -1;
        }
        snprintf(c.after.unit, sizeof c.after.unit, "%s", unit);
    }
    if (same_cell_value(&c.before, &c.after)) return 0; /* nothing changes: no history entry */
    if (set_reason(&c, reason, err) != 0) return -1;
    return push_change(rv, &c, err);
}

int nb_review_clear_cell(nb_review *rv, int cell, const char *reason, nb_error *err) {
    if (check_texts(reason, NULL, err) != 0) return -1;
    if (check_cell(rv, cell, err) != 0) return -1;
    nb_change c;
    memset(&c, 0, sizeof c);
    c.kind = NB_CHANGE_CLEAR_CELL;
    c.cell = cell;
    c.before = rv->current.cells[cell];
    c.after = c.before;
    c.after.has_value = false;
    c.after.value.units = 0;
    c.after.value.scale = 0;
    c.after.origin = NB_ORIGIN_EDITED;
    c.after.unit[0] = '\0';
    c.after.blank_text[0] = '\0';
    if (!c.before.has_value && !c.before.unit[0]) return 0;
    if (set_reason(&c, reason, err) != 0) return -1;
    return push_change(rv, &c, err);
}

int nb_review_relink_cell(nb_review *rv, int cell, nb_number value, const nb_span *span,
                          const char *reason, nb_error *err) {
    if (check_texts(reason, NULL, err) != 0) return -1;
    if (check_cell(rv, cell, err) != 0 || check_value(rv, cell, value, err) != 0) return -1;
    if (!span || span->line < 1) {
        nb_error_set(err, EINVAL, _("a relink needs a place in the source"));
        return -1;
    }
    nb_change c;
    memset(&c, 0, sizeof c);
    c.kind = NB_CHANGE_RELINK;
    c.cell = cell;
    c.before = rv->current.cells[cell];
    c.after = c.before;
    c.after.has_value = true;
    c.after.value = value;
    c.after.origin = NB_ORIGIN_READ; /* read from the source, at the new place */
    c.after.span = *span;
    locate_span(&rv->doc->text, &c.after.span); /* bytes from line and columns, as a reload does */
    c.after.blank_text[0] = '\0';
    if (same_cell(&c.before, &c.after)) return 0;
    if (set_reason(&c, reason, err) != 0) return -1;
    return push_change(rv, &c, err);
}

int nb_review_accept_suggestion(nb_review *rv, int finding_index, nb_error *err) {
    if (finding_index < 0 || finding_index >= rv->findings.count) {
        nb_error_set(err, EINVAL, _("there is no finding %d"), finding_index + 1);
        return -1;
    }
    const nb_finding *f = &rv->findings.items[finding_index];
    if (f->culprit < 0) {
        nb_error_set(err, EINVAL, _("this finding suggests no value"));
        return -1;
    }
    char reason[160];
    snprintf(reason, sizeof reason, _("accepted the value suggested by %s"), f->rule);
    int cell = f->culprit;
    nb_number v = f->culprit_value;
    return nb_review_set_cell(rv, cell, v, NULL, reason, err);
}

int nb_review_set_status(nb_review *rv, const char *finding_key, nb_finding_state state,
                         const char *note, nb_error *err) {
    if (!finding_key || !*finding_key || strlen(finding_key) >= sizeof rv->statuses[0].key) {
        nb_error_set(err, EINVAL, _("no such finding"));
        return -1;
    }
    if (state < NB_STATUS_OPEN || state > NB_STATUS_CONFIRMED) {
        nb_error_set(err, EINVAL, _("unknown status"));
        return -1;
    }
    if (check_texts(note, NULL, err) != 0) return -1;
    const char *old_note = NULL;
    nb_finding_state old = nb_review_status_of(rv, finding_key, &old_note);
    if (old == state && same_text(old_note, note)) return 0;
    nb_change c;
    memset(&c, 0, sizeof c);
    c.kind = NB_CHANGE_STATUS;
    c.cell = -1;
    snprintf(c.finding_key, sizeof c.finding_key, "%s", finding_key);
    c.status_before = old;
    c.status_after = state;
    c.note_before = dup_or_null(old_note);
    c.note_after = dup_or_null(note);
    if ((old_note && *old_note && !c.note_before) || (note && *note && !c.note_after)) {
        free_change(&c);
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    return push_change(rv, &c, err);
}

bool nb_review_can_undo(const nb_review *rv) { return rv->applied > 0; }
bool nb_review_can_redo(const nb_review *rv) { return rv->applied < rv->nchanges; }

bool nb_review_undo(nb_review *rv) {
    if (!nb_review_can_undo(rv)) return false;
    rv->applied--;
    apply_side(rv, &rv->changes[rv->applied], false);
    void_signoff(rv);
    recheck(rv);
    return true;
}

bool nb_review_redo(nb_review *rv) {
    if (!nb_review_can_redo(rv)) return false;
    apply_side(rv, &rv->changes[rv->applied], true);
    rv->applied++;
    void_signoff(rv);
    recheck(rv);
    return true;
}

bool nb_review_dirty(const nb_review *rv) {
    if (rv->meta_unsaved) return true;
    if (rv->saved_applied < 0) return rv->applied > 0 || rv->saved_applied == -2;
    return rv->applied != rv->saved_applied;
}

bool nb_review_cell_edited(const nb_review *rv, int cell) {
    const nb_report *fresh = fresh_report(rv);
    if (!rv->current.cells || !fresh->cells || !rv->current.tpl || cell < 0 ||
        cell >= rv->current.tpl->ncells)
        return false;
    return !same_cell(&rv->current.cells[cell], &fresh->cells[cell]);
}

bool nb_review_cell_unsaved(const nb_review *rv, int cell) {
    if (!rv->current.cells || !rv->current.tpl || cell < 0 || cell >= rv->current.tpl->ncells)
        return false;
    const nb_cell *saved = rv->saved_cells ? &rv->saved_cells[cell] : &fresh_report(rv)->cells[cell];
    return !same_cell(&rv->current.cells[cell], saved);
}

int nb_review_open_errors(const nb_review *rv) {
    int open = 0;
    for (int i = 0; i < rv->findings.count; i++) {
        const nb_finding *f = &rv->findings.items[i];
        if (f->severity != NB_SEV_ERROR) continue;
        const char *note = NULL;
        nb_finding_state st = nb_review_status_of(rv, f->key, &note);
        if (st == NB_STATUS_FIXED) continue;
        if (st == NB_STATUS_CONFIRMED && note && *note) continue;
        open++;
    }
    return open;
}

/* SHA-256 (hex) of the canonical signed data of `r`. */
static int data_digest(const nb_report *r, char hex[65], nb_error *err) {
    char *data = NULL;
    size_t n = 0;
    if (nb_yaml_signed_data(r, &data, &n, err) != 0) return -1;
    unsigned char d[32];
    nb_sha256(data, n, d);
    nb_sha256_hex(d, hex);
    free(data);
    return 0;
}

/* SHA-256 (hex) of the sealed text of a sign-off and the statuses. */
static int seal_digest(const nb_signoff *s, const nb_status_entry *st, int n, char hex[65],
                       nb_error *err) {
    char *text = NULL;
    size_t len = 0;
    if (nb_yaml_seal_text(s, st, n, &text, &len, err) != 0) return -1;
    unsigned char d[32];
    nb_sha256(text, len, d);
    nb_sha256_hex(d, hex);
    free(text);
    return 0;
}

int nb_review_data_sha256(const nb_report *r, char hex[65], nb_error *err) {
    return data_digest(r, hex, err);
}

int nb_review_sign(nb_review *rv, const char *reviewer, nb_verdict verdict, const char *note,
                   bool override, const char *override_note, nb_error *err) {
    if (!reviewer || !*reviewer) {
        nb_error_set(err, EINVAL, _("a sign-off needs the reviewer's name"));
        return -1;
    }
    if (strlen(reviewer) >= sizeof rv->signoff.reviewer) {
        nb_error_set(err, EINVAL, _("the reviewer's name is too long"));
        return -1;
    }
    if (verdict < NB_VERDICT_APPROVED || verdict > NB_VERDICT_REJECTED) {
        nb_error_set(err, EINVAL, _("the verdict must be approved, approved_with_notes or rejected"));
        return -1;
    }
    if (check_texts(reviewer, note, err) != 0 || check_texts(override_note, NULL, err) != 0) return -1;
    int open = nb_review_open_errors(rv);
    bool overriding = open > 0;
    if (overriding && !(override && override_note && *override_note)) {
        nb_error_set(err, EINVAL,
                     ngettext("%d error is still open: mark it fixed, or confirmed in source with "
                              "a note, or sign with an override and say why",
                              "%d errors are still open: mark each fixed, or confirmed in source "
                              "with a note, or sign with an override and say why",
                              (unsigned long)open),
                     open);
        return -1;
    }
    nb_signoff s;
    memset(&s, 0, sizeof s);
    s.present = true;
    snprintf(s.reviewer, sizeof s.reviewer, "%s", reviewer);
    nb_time_now_iso(s.time);
    s.verdict = verdict;
    s.override = overriding;
    nb_sha256_hex(rv->doc->text.sha256, s.source_sha256);
    if (data_digest(&rv->current, s.data_sha256, err) != 0) return -1;
    s.note = dup_or_null(note);
    s.override_note = overriding ? dup_or_null(override_note) : NULL;
    if (seal_digest(&s, rv->statuses, rv->nstatuses, s.seal_sha256, err) != 0) {
        free(s.note);
        free(s.override_note);
        return -1;
    }
    free_signoff(&rv->signoff);
    rv->signoff = s;
    if (!rv->reviewer[0]) snprintf(rv->reviewer, sizeof rv->reviewer, "%s", reviewer);
    rv->meta_unsaved = true;
    return 0;
}

/* ------------------------------------------------------------ files */

char *nb_review_default_path(const char *report_path) {
    size_t n = strlen(report_path);
    char *p = malloc(n + sizeof ".review.yaml");
    if (p) {
        memcpy(p, report_path, n);
        memcpy(p + n, ".review.yaml", sizeof ".review.yaml");
    }
    return p;
}

char *nb_review_recovery_path(const char *review_path) {
    size_t n = strlen(review_path);
    char *p = malloc(n + sizeof ".recover");
    if (p) {
        memcpy(p, review_path, n);
        memcpy(p + n, ".recover", sizeof ".recover");
    }
    return p;
}

static int write_review(const nb_review *rv, const char *path, nb_error *err) {
    char *yaml = NULL;
    size_t n = 0;
    if (nb_yaml_review_at(rv, path, &yaml, &n, err) != 0) return -1;
    int rc = nb_file_write_atomic(path, yaml, n, err);
    free(yaml);
    return rc;
}

/* Where a recovery file goes when the review's own folder cannot take it
 * (a report on a read-only share): $XDG_STATE_HOME/nianbao, else
 * ~/.local/state/nianbao, named after the review file and a hash of its
 * absolute folder so that two reports of the same name do not collide.
 * `create` makes the folders. malloc'd, NULL when there is no home. */
static char *fallback_recovery_path(const char *review_path, bool create) {
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char base[4096];
    if (state && state[0] == '/')
        snprintf(base, sizeof base, "%s", state);
    else if (home && home[0] == '/')
        snprintf(base, sizeof base, "%s/.local/state", home);
    else
        return NULL;
    char *dir = nb_path_dirname(review_path);
    char *absdir = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    const char *name = strrchr(review_path, '/');
    name = name ? name + 1 : review_path;
    unsigned char d[32];
    const char *key = absdir ? absdir : review_path;
    nb_sha256(key, strlen(key), d);
    char hex[65];
    nb_sha256_hex(d, hex);
    free(absdir);
    if (create) {
        /* base may be ~/.local/state, whose parents may not exist yet */
        char step[4096];
        snprintf(step, sizeof step, "%s", base);
        for (char *p = step + 1; *p; p++)
            if (*p == '/') {
                *p = '\0';
                mkdir(step, 0700);
                *p = '/';
            }
        mkdir(step, 0700);
        strncat(step, "/nianbao", sizeof step - strlen(step) - 1);
        mkdir(step, 0700);
    }
    size_t n = strlen(base) + strlen(name) + 64;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/nianbao/%s.%.16s.recover", base, name, hex);
    return p;
}

/* The recovery file to restore: beside the review, else the fallback;
 * the newer when both exist. malloc'd, NULL when there is none. */
static char *existing_recovery_path(const char *review_path) {
    char *beside = nb_review_recovery_path(review_path);
    char *fallback = fallback_recovery_path(review_path, false);
    struct stat a, b;
    bool has_a = beside && stat(beside, &a) == 0;
    bool has_b = fallback && stat(fallback, &b) == 0;
    char *pick = NULL;
    if (has_a && has_b)
        pick = a.st_mtime >= b.st_mtime ? beside : fallback;
    else if (has_a)
        pick = beside;
    else if (has_b)
        pick = fallback;
    if (pick != beside) free(beside);
    if (pick != fallback) free(fallback);
    return pick;
}

static void remove_recovery_files(const char *review_path) {
    char *beside = nb_review_recovery_path(review_path);
    char *fallback = fallback_recovery_path(review_path, false);
    if (beside) unlink(beside);
    if (fallback) unlink(fallback);
    free(beside);
    free(fallback);
}

int nb_review_save(nb_review *rv, const char *path, nb_error *err) {
    /* Written into /dev/null or a FIFO, the work would count as saved and
     * be gone: a review is only ever saved to a regular file. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        nb_error_set(err, EINVAL, _("cannot save %s: it is not a regular file; save the review elsewhere"),
                     path);
        return -1;
    }
    if (write_review(rv, path, err) != 0) return -1;
    rv->saved_applied = rv->applied;
    rv->meta_unsaved = false;
    snapshot_saved(rv);
    /* Whatever a crash left for this file is older than what we just wrote. */
    remove_recovery_files(path);
    return 0;
}

int nb_review_write_recovery_to(const nb_review *rv, const char *review_path, char **written_to,
                                nb_error *err) {
    if (written_to) *written_to = NULL;
    char *rec = nb_review_recovery_path(review_path);
    if (!rec) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    /* Beside the review file first: that is where the next start looks. */
    nb_error first;
    nb_error_clear(&first);
    if (write_review(rv, rec, &first) == 0) {
        if (written_to)
            *written_to = rec;
        else
            free(rec);
        return 0;
    }
    free(rec);
    char *fallback = fallback_recovery_path(review_path, true);
    if (fallback && write_review(rv, fallback, err) == 0) {
        if (written_to)
            *written_to = fallback;
        else
            free(fallback);
        return 0;
    }
    free(fallback);
    if (err) *err = first;
    return -1;
}

int nb_review_write_recovery(const nb_review *rv, const char *review_path, nb_error *err) {
    return nb_review_write_recovery_to(rv, review_path, NULL, err);
}

bool nb_review_recovery_exists(const char *review_path) {
    char *rec = existing_recovery_path(review_path);
    free(rec);
    return rec != NULL;
}

char *nb_review_recovery_found(const char *review_path) { return existing_recovery_path(review_path); }

int nb_review_discard_recovery(const char *review_path) {
    remove_recovery_files(review_path);
    return nb_review_recovery_exists(review_path) ? -1 : 0;
}

int nb_review_read_file(const char *path, nb_review_file *out, nb_error *err) {
    char *buf = NULL;
    size_t n = 0;
    memset(out, 0, sizeof *out);
    if (nb_file_read(path, NB_YAML_MAX_BYTES, &buf, &n, err) != 0) return -1;
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

/* Byte offsets of a span given by line and columns, from the text. */
static void locate_span(const nb_text *t, nb_span *s) {
    s->byte_start = s->byte_end = 0;
    if (!t || !t->utf8 || s->line < 1 || (size_t)s->line > t->nlines) return;
    size_t start, end;
    nb_text_line_bounds(t, (size_t)s->line - 1, &start, &end);
    size_t off = start;
    int col = 1;
    while (off < end && col < s->col_start) {
        int32_t cp;
        off += nb_utf8_next(t->utf8 + off, end - off, &cp);
        col++;
    }
    s->byte_start = off;
    while (off < end && col < s->col_end) {
        int32_t cp;
        off += nb_utf8_next(t->utf8 + off, end - off, &cp);
        col++;
    }
    s->byte_end = off;
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

int nb_review_apply_file(nb_review *rv, const nb_review_file *f, bool *source_changed,
                         char **mismatch, nb_error *err) {
    if (source_changed) *source_changed = false;
    if (mismatch) *mismatch = NULL;
    const nb_report *fresh = fresh_report(rv);
    /* The file must be about this report: same year, same template. */
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

    /* Start again from the fresh reading; keep who is reviewing. */
    char reviewer[64];
    snprintf(reviewer, sizeof reviewer, "%s", rv->reviewer[0] ? rv->reviewer : f->reviewer);
    /* Replay into a new review and replace `rv` only when all went well:
     * a file that fails half-way must not cost the edits in memory. */
    nb_document *doc = rv->doc;
    nb_review fresh_rv;
    if (nb_review_open(&fresh_rv, doc, rv->report_index, err) != 0) return -1;
    nb_review *target = rv;
    rv = &fresh_rv;
    snprintf(rv->reviewer, sizeof rv->reviewer, "%s", reviewer);

    char hex[65];
    nb_sha256_hex(doc->text.sha256, hex);
    bool changed = strcmp(hex, f->source_sha256) != 0;
    if (source_changed) *source_changed = changed;

    char *list = NULL;
    size_t list_len = 0;
    if (!keep_fetch_origin(doc, f, changed)) goto oom;
    for (int i = 0; i < f->nchanges; i++) {
        const nb_change *fc = &f->changes[i];
        nb_change c;
        memset(&c, 0, sizeof c);
        c.kind = fc->kind;
        c.cell = fc->cell;
        snprintf(c.time, sizeof c.time, "%s", fc->time);
        snprintf(c.reviewer, sizeof c.reviewer, "%s", fc->reviewer);
        if (fc->reason && !(c.reason = strdup(fc->reason))) goto oom;
        if (fc->kind == NB_CHANGE_STATUS) {
            snprintf(c.finding_key, sizeof c.finding_key, "%s", fc->finding_key);
            const char *cur_note = NULL;
            c.status_before = nb_review_status_of(rv, fc->finding_key, &cur_note);
            c.status_after = fc->status_after;
            c.note_before = dup_or_null(cur_note);
            c.note_after = dup_or_null(fc->note_after);
        } else {
            if (!rv->current.cells || fc->cell < 0 || fc->cell >= rv->current.tpl->ncells) {
                free_change(&c);
                free(list);
                nb_error_set(err, EINVAL, _("edit %d (line %d) names a cell this report does not have"),
                             i + 1, f->change_lines ? f->change_lines[i] : 0);
                nb_review_free(rv);
                return -1;
            }
            c.before = rv->current.cells[fc->cell];
            if (!same_cell_value(&c.before, &fc->before)) {
                char id[128], was[64], now[64], line[400];
                nb_template_cell_id(rv->current.tpl, fc->cell, id, sizeof id);
                describe_value(&fc->before, was, sizeof was);
                describe_value(&c.before, now, sizeof now);
                snprintf(line, sizeof line, _("%s: the review recorded %s before its edit, the source now reads %s"),
                         id, was, now);
                if (append_line(&list, &list_len, line) != 0) {
                    free_change(&c);
                    goto oom;
                }
            }
            c.after = c.before;
            c.after.has_value = fc->after.has_value;
            c.after.value = fc->after.value;
            snprintf(c.after.unit, sizeof c.after.unit, "%s", fc->after.unit);
            c.after.blank_text[0] = '\0';
            if (fc->kind == NB_CHANGE_RELINK) {
                c.after.origin = NB_ORIGIN_READ;
                c.after.span = fc->after.span;
                locate_span(&doc->text, &c.after.span);
            } else {
                c.after.origin = NB_ORIGIN_EDITED;
            }
        }
        if (push_change_as(rv, &c, true, err) != 0) {
            free(list);
            nb_review_free(rv);
            return -1;
        }
    }
    /* Values the file states that its edit log does not produce (a hand
     * edit of the tables, or a different reading of the source): not
     * applied, but never dropped in silence. */
    if (!changed && rv->current.cells && f->report.cells && rv->current.tpl == f->report.tpl) {
        for (int i = 0; i < rv->current.tpl->ncells; i++) {
            if (same_cell_value(&rv->current.cells[i], &f->report.cells[i])) continue;
            char id[128], stated[64], now[64], line[400];
            nb_template_cell_id(rv->current.tpl, i, id, sizeof id);
            describe_value(&f->report.cells[i], stated, sizeof stated);
            describe_value(&rv->current.cells[i], now, sizeof now);
            snprintf(line, sizeof line,
                     _("%s: the review file states %s, but its edit log on this source gives %s "
                       "(a hand edit is not applied: edit the cell again)"),
                     id, stated, now);
            if (append_line(&list, &list_len, line) != 0) goto oom;
        }
    }
    /* Statuses as saved (they also cover findings that an edit made go
     * away, and files written by hand without a history). */
    for (int i = 0; i < f->nstatuses; i++)
        if (put_status(rv, f->statuses[i].key, f->statuses[i].state, f->statuses[i].note) != 0)
            goto oom;
    free_signoff(&rv->signoff);
    rv->signoff = f->signoff;
    rv->signoff.note = dup_or_null(f->signoff.note);
    rv->signoff.override_note = dup_or_null(f->signoff.override_note);
    rv->saved_applied = rv->applied;
    rv->meta_unsaved = false;
    snapshot_saved(rv);
    recheck(rv);
    if (mismatch)
        *mismatch = list;
    else
        free(list);
    nb_review_free(target);
    *target = fresh_rv;
    return 0;
oom:
    free(list);
    nb_review_free(rv);
    nb_error_set(err, ENOMEM, _("out of memory"));
    return -1;
}

int nb_review_load(nb_review *rv, const char *path, bool *source_changed, char **mismatch,
                   nb_error *err) {
    nb_review_file f;
    if (nb_review_read_file(path, &f, err) != 0) return -1;
    int rc = nb_review_apply_file(rv, &f, source_changed, mismatch, err);
    nb_review_file_free(&f);
    return rc;
}

int nb_review_recover(nb_review *rv, const char *review_path, bool *source_changed,
                      char **mismatch, nb_error *err) {
    char *rec = existing_recovery_path(review_path);
    if (!rec) {
        nb_error_set(err, ENOENT, _("there is no recovery file for %s"), review_path);
        return -1;
    }
    int rc = nb_review_load(rv, rec, source_changed, mismatch, err);
    free(rec);
    if (rc == 0) {
        /* What was recovered is not in the review file yet. */
        rv->saved_applied = -2;
        rv->meta_unsaved = true;
        free(rv->saved_cells);
        rv->saved_cells = NULL;
    }
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

/* Replay the edit log on a fresh reading of the source and compare with
 * the tables the file states. Informational: a difference means the file
 * was edited by hand, or this nianbao reads the source differently from
 * the one that made the review. */
static void verify_replay(const char *source_path, const nb_review_file *f, nb_verify_result *res) {
    nb_document doc;
    nb_error err;
    nb_error_clear(&err);
    if (nb_document_load(&doc, source_path, &err) != 0) return;
    int index = nb_review_file_report(&doc, f);
    nb_review rv;
    if (index >= 0 && nb_review_open(&rv, &doc, index, &err) == 0) {
        if (nb_review_apply_file(&rv, f, NULL, NULL, &err) == 0) {
            res->replay_checked = true;
            if (rv.current.cells && f->report.cells && rv.current.tpl == f->report.tpl) {
                for (int i = 0; i < rv.current.tpl->ncells; i++) {
                    if (same_cell_value(&rv.current.cells[i], &f->report.cells[i])) continue;
                    if (res->replay_differences++ == 0)
                        nb_template_cell_id(rv.current.tpl, i, res->replay_first_difference,
                                            sizeof res->replay_first_difference);
                }
            } else if ((rv.current.cells != NULL) != (f->report.cells != NULL)) {
                res->replay_differences = 1;
                snprintf(res->replay_first_difference, sizeof res->replay_first_difference, "tables");
            }
        }
        nb_review_free(&rv);
    }
    nb_document_free(&doc);
}

int nb_review_verify(const char *review_path, nb_verify_result *res, nb_error *err) {
    memset(res, 0, sizeof *res);
    nb_review_file f;
    if (nb_review_read_file(review_path, &f, err) != 0) return -1;
    res->format = f.format;
    snprintf(res->recorded_source_sha256, sizeof res->recorded_source_sha256, "%s", f.source_sha256);
    res->source_url = f.source_url; /* taken over: freed with the result */
    f.source_url = NULL;
    snprintf(res->source_fetched, sizeof res->source_fetched, "%s", f.source_fetched);
    res->signed_off = f.signoff.present;
    res->signoff_void = f.signoff.void_;
    res->verdict = f.signoff.verdict;
    res->override = f.signoff.override;
    snprintf(res->reviewer, sizeof res->reviewer, "%s", f.signoff.reviewer);
    snprintf(res->time, sizeof res->time, "%s", f.signoff.time);
    res->source_path = nb_review_find_source(review_path, &f);
    if (res->source_path) {
        char *raw = NULL;
        size_t n = 0;
        nb_error rerr;
        nb_error_clear(&rerr);
        /* The path comes from the review file: a FIFO there must be
         * refused, not waited on. */
        if (nb_file_read_regular(res->source_path, NB_TEXT_MAX_BYTES, &raw, &n, &rerr) != 0) {
            snprintf(res->source_problem, sizeof res->source_problem, "%s", rerr.message);
        } else {
            unsigned char d[32];
            nb_sha256(raw, n, d);
            nb_sha256_hex(d, res->actual_source_sha256);
            res->source_found = true;
            res->source_unchanged = strcmp(res->actual_source_sha256, f.source_sha256) == 0;
            free(raw);
            if (res->source_unchanged) verify_replay(res->source_path, &f, res);
        }
    }
    if (f.signoff.present) {
        res->signoff_source_matches = strcmp(f.signoff.source_sha256, f.source_sha256) == 0 &&
                                      (!res->source_found ||
                                       strcmp(f.signoff.source_sha256, res->actual_source_sha256) == 0);
        char hex[65];
        if (data_digest(&f.report, hex, err) != 0) {
            nb_review_file_free(&f);
            return -1;
        }
        res->data_unchanged = strcmp(hex, f.signoff.data_sha256) == 0;
        if (seal_digest(&f.signoff, f.statuses, f.nstatuses, hex, err) != 0) {
            nb_review_file_free(&f);
            return -1;
        }
        res->seal_unchanged = f.signoff.seal_sha256[0] && strcmp(hex, f.signoff.seal_sha256) == 0;
    }
    nb_review_file_free(&f);
    return 0;
}

bool nb_verify_ok(const nb_verify_result *res) {
    return res->source_found && res->source_unchanged && res->signed_off && !res->signoff_void &&
           res->signoff_source_matches && res->data_unchanged &&
           res->seal_unchanged;
}

void nb_verify_result_free(nb_verify_result *res) {
    free(res->source_path);
    res->source_path = NULL;
    free(res->source_url);
    res->source_url = NULL;
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
