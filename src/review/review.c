/* A review in memory: one report with the reviewer's corrections on top,
 * the status of each finding, and unlimited undo/redo of all of it.
 *
 * History follows OpenRefine: a change stores its before and after
 * already computed, so undo and redo are swaps that cannot fail, and a
 * new change drops the redo tail. After every change the checks run
 * again on the corrected report, and a sign-off stops holding. */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/review.h"
#include "nianbao/utf8.h"
#include "review-internal.h"

char *nb_rv_dup_or_null(const char *s) { return s && *s ? strdup(s) : NULL; }

static bool same_text(const char *a, const char *b) {
    if (!a || !*a) return !b || !*b;
    return b && strcmp(a, b) == 0;
}

bool nb_rv_same_cell_value(const nb_cell *a, const nb_cell *b) {
    if (a->has_value != b->has_value) return false;
    if (a->has_value && nb_number_cmp(a->value, b->value) != 0) return false;
    if (a->has_value && a->value.scale != b->value.scale) return false; /* 1.5 vs 1.50 as written */
    return strcmp(a->unit, b->unit) == 0;
}

static bool same_cell(const nb_cell *a, const nb_cell *b) {
    return nb_rv_same_cell_value(a, b) && a->span.line == b->span.line &&
           a->span.col_start == b->span.col_start && a->span.col_end == b->span.col_end;
}

int nb_rv_check_texts(const char *a, const char *b, nb_error *err) {
    /* Text a person typed must be valid UTF-8 to be written as YAML. */
    if ((!a || nb_utf8_valid(a, strlen(a))) && (!b || nb_utf8_valid(b, strlen(b)))) return 0;
    nb_error_set(err, EINVAL, _("the text is not valid UTF-8; check the terminal's encoding"));
    return -1;
}

void nb_rv_free_change(nb_change *c) {
    free(c->note_before);
    free(c->note_after);
    free(c->reason);
    c->note_before = c->note_after = c->reason = NULL;
}

static const char *status_key_at(const void *items, int i);

void nb_rv_recheck(nb_review *rv) {
    nb_findings_clear(&rv->findings);
    nb_check_report(&rv->current, rv->previous, &rv->doc->text, &rv->findings);
    /* A status holds while its finding's cells hold the values it was
     * judged on: one judged before its values were known takes them now;
     * one whose cells now read otherwise is open again (undoing the edit
     * brings it back). */
    for (int k = 0; k < rv->findings.count && rv->nstatuses > 0; k++) {
        const nb_finding *f = &rv->findings.items[k];
        int at = nb_keyindex_find(&rv->status_index, rv->statuses, status_key_at, f->key);
        if (at < 0) continue;
        nb_status_entry *e = &rv->statuses[at];
        char now[17];
        nb_finding_values_hash(&rv->current, f, now);
        if (!e->values[0]) memcpy(e->values, now, sizeof now);
        e->stale = strcmp(e->values, now) != 0;
    }
}

void nb_review_set_previous(nb_review *rv, const nb_report *previous) {
    rv->previous = previous;
    nb_rv_recheck(rv);
}

const nb_report *nb_rv_fresh_report(const nb_review *rv) {
    return &rv->doc->reports[rv->report_index];
}

void nb_rv_snapshot_saved(nb_review *rv) {
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
    rv->signed_applied = -1;
    if (nb_report_copy(&rv->current, &doc->reports[report_index]) != 0) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    rv->previous = nb_check_find_previous(doc, &doc->reports[report_index], true);
    nb_rv_recheck(rv);
    return 0;
}

static void free_statuses(nb_review *rv) {
    free(rv->statuses);
    rv->statuses = NULL;
    rv->nstatuses = rv->capstatuses = 0;
    nb_keyindex_free(&rv->status_index);
    nb_strstore_free(&rv->strings);
}

void nb_rv_free_signoff(nb_signoff *s) {
    free(s->note);
    free(s->override_note);
    memset(s, 0, sizeof *s);
}

static void free_history(nb_review *rv) {
    for (int i = 0; i < rv->nchanges; i++) nb_rv_free_change(&rv->changes[i]);
    free(rv->changes);
    rv->changes = NULL;
    rv->nchanges = rv->applied = rv->cap = 0;
}

void nb_review_free(nb_review *rv) {
    free_history(rv);
    free_statuses(rv);
    nb_rv_free_signoff(&rv->signoff);
    nb_findings_free(&rv->findings);
    nb_report_free(&rv->current);
    free(rv->saved_cells);
    memset(rv, 0, sizeof *rv);
    rv->saved_applied = -1;
    rv->signed_applied = -1;
}

static const char *status_key_at(const void *items, int i) {
    return ((const nb_status_entry *)items)[i].key;
}

int nb_rv_reserve_statuses(nb_review *rv, int more) {
    if (more <= rv->capstatuses - rv->nstatuses) return 0;
    if (more > INT_MAX - rv->nstatuses) return -1;
    int cap = rv->nstatuses + more;
    nb_status_entry *grown = realloc(rv->statuses, (size_t)cap * sizeof *grown);
    if (!grown) return -1;
    rv->statuses = grown;
    rv->capstatuses = cap;
    return 0;
}

/* The status of `key`, found through the index (a review may carry a
 * hundred thousand): NULL when there is none and `create` is false, or
 * when memory runs out. */
static nb_status_entry *status_entry(nb_review *rv, const char *key, bool create) {
    int at = nb_keyindex_find(&rv->status_index, rv->statuses, status_key_at, key);
    if (at >= 0) return &rv->statuses[at];
    if (!create) return NULL;
    if (rv->nstatuses == rv->capstatuses &&
        nb_rv_reserve_statuses(rv, rv->capstatuses ? rv->capstatuses : 16) != 0)
        return NULL;
    nb_status_entry *e = &rv->statuses[rv->nstatuses];
    memset(e, 0, sizeof *e);
    size_t len = strlen(key); /* cut as it was: set_status and the reader refuse longer keys */
    e->key = nb_strstore_add(&rv->strings, key, len < NB_STATUS_KEY_SIZE ? len : NB_STATUS_KEY_SIZE - 1);
    if (!e->key) return NULL;
    if (nb_keyindex_add(&rv->status_index, rv->statuses, status_key_at, rv->nstatuses) != 0) return NULL;
    rv->nstatuses++;
    return e;
}

nb_finding_state nb_review_status_of(const nb_review *rv, const char *finding_key,
                                     const char **note) {
    int at = nb_keyindex_find(&rv->status_index, rv->statuses, status_key_at, finding_key);
    if (at >= 0 && rv->statuses[at].stale) at = -1; /* judged on other values: open */
    if (note) *note = at >= 0 ? rv->statuses[at].note : NULL;
    return at >= 0 ? rv->statuses[at].state : NB_STATUS_OPEN;
}

/* Put a status and note in place (copying the note into the store; the
 * note replaced stays there, for whoever holds it). */
int nb_rv_put_status(nb_review *rv, const char *key, nb_finding_state st, const char *note, const char *values) {
    nb_status_entry *e = status_entry(rv, key, true);
    if (!e) return -1;
    const char *copy = NULL;
    if (note && *note) {
        /* a replayed file states each note twice, in its edit and its status */
        copy = e->note && strcmp(e->note, note) == 0 ? e->note : nb_strstore_add_str(&rv->strings, note);
        if (!copy) return -1;
    }
    e->note = copy;
    e->state = st;
    snprintf(e->values, sizeof e->values, "%s", values ? values : "");
    e->stale = false;
    return 0;
}

/* Apply one direction of a change to the model. */
static int apply_side(nb_review *rv, const nb_change *c, bool forward) {
    if (c->kind == NB_CHANGE_STATUS)
        return nb_rv_put_status(rv, c->finding_key, forward ? c->status_after : c->status_before,
                          forward ? c->note_after : c->note_before, NULL);
    rv->current.cells[c->cell] = forward ? c->after : c->before;
    return 0;
}

/* After the history moved: the sign-off holds exactly when the review is
 * at the state it was signed in (an edit voids it; undoing that edit, or
 * redoing back to it, makes it hold again). */
static void sync_signoff(nb_review *rv) {
    if (!rv->signoff.present) return;
    bool void_ = rv->signed_applied < 0 || rv->applied != rv->signed_applied;
    if (void_ != rv->signoff.void_) {
        rv->signoff.void_ = void_;
        rv->meta_unsaved = true;
    }
}

/* Record `c` (taking ownership of its strings), apply it, re-check. A
 * new change gets the time and reviewer of now; one replayed from a file
 * (`replayed`) keeps what the file says, even when that is empty. */
int nb_rv_push_change_as(nb_review *rv, nb_change *c, bool replayed, nb_error *err) {
    if (rv->applied < rv->saved_applied) rv->saved_applied = -2; /* the saved state is gone */
    if (rv->applied < rv->signed_applied) rv->signed_applied = -1; /* and so is the signed one */
    for (int i = rv->applied; i < rv->nchanges; i++) nb_rv_free_change(&rv->changes[i]);
    rv->nchanges = rv->applied;
    if (rv->nchanges == rv->cap) {
        int ncap = rv->cap ? rv->cap * 2 : 32;
        nb_change *grown = realloc(rv->changes, (size_t)ncap * sizeof *grown);
        if (!grown) {
            nb_rv_free_change(c);
            nb_error_set(err, ENOMEM, _("out of memory"));
            return -1;
        }
        rv->changes = grown;
        rv->cap = ncap;
    }
    if (!replayed && !c->time[0]) nb_time_now_iso(c->time);
    if (!replayed && !c->reviewer[0]) nb_review_copy_name(c->reviewer, sizeof c->reviewer, rv->reviewer);
    if (!replayed) c->group = rv->open_group;
    else if (c->group > rv->last_group) rv->last_group = c->group; /* new groups come after */
    if (apply_side(rv, c, true) != 0) {
        nb_rv_free_change(c);
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    rv->changes[rv->nchanges++] = *c;
    rv->applied = rv->nchanges;
    sync_signoff(rv);
    if (!replayed) nb_rv_recheck(rv); /* a replay checks once, at its end */
    return 0;
}

static int push_change(nb_review *rv, nb_change *c, nb_error *err) {
    return nb_rv_push_change_as(rv, c, false, err);
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

/* A change of `cell` from what it holds now: `after` starts as a copy,
 * marked with `origin` and without the blank's text, for the caller to
 * fill in. */
static void start_cell_change(const nb_review *rv, nb_change *c, nb_change_kind kind, int cell,
                              nb_origin origin) {
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->cell = cell;
    c->before = rv->current.cells[cell];
    c->after = c->before;
    c->after.origin = origin;
    c->after.blank_text[0] = '\0';
}

int nb_review_set_cell(nb_review *rv, int cell, nb_number value, const char *unit,
                       const char *reason, nb_error *err) {
    if (nb_rv_check_texts(reason, unit, err) != 0) return -1;
    if (check_cell(rv, cell, err) != 0 || check_value(rv, cell, value, err) != 0) return -1;
    nb_change c;
    start_cell_change(rv, &c, NB_CHANGE_SET_CELL, cell, NB_ORIGIN_EDITED);
    c.after.has_value = true;
    c.after.value = value;
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
    if (nb_rv_same_cell_value(&c.before, &c.after)) return 0; /* nothing changes: no history entry */
    if (set_reason(&c, reason, err) != 0) return -1;
    return push_change(rv, &c, err);
}

int nb_review_clear_cell(nb_review *rv, int cell, const char *reason, nb_error *err) {
    if (nb_rv_check_texts(reason, NULL, err) != 0) return -1;
    if (check_cell(rv, cell, err) != 0) return -1;
    nb_change c;
    start_cell_change(rv, &c, NB_CHANGE_CLEAR_CELL, cell, NB_ORIGIN_EDITED);
    c.after.has_value = false;
    c.after.value.units = 0;
    c.after.value.scale = 0;
    c.after.unit[0] = '\0';
    if (!c.before.has_value && !c.before.unit[0]) return 0;
    if (set_reason(&c, reason, err) != 0) return -1;
    return push_change(rv, &c, err);
}

int nb_review_relink_cell(nb_review *rv, int cell, nb_number value, const nb_span *span,
                          const char *reason, nb_error *err) {
    if (nb_rv_check_texts(reason, NULL, err) != 0) return -1;
    if (check_cell(rv, cell, err) != 0 || check_value(rv, cell, value, err) != 0) return -1;
    if (!span || span->line < 1) {
        nb_error_set(err, EINVAL, _("a relink needs a place in the source"));
        return -1;
    }
    nb_change c;
    /* read from the source, at the new place */
    start_cell_change(rv, &c, NB_CHANGE_RELINK, cell, NB_ORIGIN_READ);
    c.after.has_value = true;
    c.after.value = value;
    c.after.span = *span;
    nb_rv_locate_span(&rv->doc->text, &c.after.span); /* bytes from line and columns, as a reload does */
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
    /* A value is offered only where one cell explains every broken
     * identity of the report: elsewhere (and on last year's rules, where
     * the text may well support the stated value) it is a guess. */
    if (!f->culprit_alone) {
        nb_error_set(err, EINVAL, _("no single cell explains every broken total here; if the source "
                                    "states another value, type it with e"));
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
    if (!finding_key || !*finding_key || strlen(finding_key) >= NB_STATUS_KEY_SIZE) {
        nb_error_set(err, EINVAL, _("no such finding"));
        return -1;
    }
    if (state < NB_STATUS_OPEN || state > NB_STATUS_LAST) {
        nb_error_set(err, EINVAL, _("unknown status"));
        return -1;
    }
    if (nb_rv_check_texts(note, NULL, err) != 0) return -1;
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
    c.note_before = nb_rv_dup_or_null(old_note);
    c.note_after = nb_rv_dup_or_null(note);
    if ((old_note && *old_note && !c.note_before) || (note && *note && !c.note_after)) {
        nb_rv_free_change(&c);
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    return push_change(rv, &c, err);
}

bool nb_review_can_undo(const nb_review *rv) { return rv->applied > 0; }
bool nb_review_can_redo(const nb_review *rv) { return rv->applied < rv->nchanges; }

bool nb_review_undo(nb_review *rv) {
    if (!nb_review_can_undo(rv)) return false;
    int group = rv->changes[rv->applied - 1].group;
    do {
        rv->applied--;
        apply_side(rv, &rv->changes[rv->applied], false);
    } while (group && rv->applied > 0 && rv->changes[rv->applied - 1].group == group);
    sync_signoff(rv);
    nb_rv_recheck(rv);
    return true;
}

bool nb_review_redo(nb_review *rv) {
    if (!nb_review_can_redo(rv)) return false;
    int group = rv->changes[rv->applied].group;
    do {
        apply_side(rv, &rv->changes[rv->applied], true);
        rv->applied++;
    } while (group && rv->applied < rv->nchanges && rv->changes[rv->applied].group == group);
    sync_signoff(rv);
    nb_rv_recheck(rv);
    return true;
}

void nb_review_group_begin(nb_review *rv) { rv->open_group = ++rv->last_group; }

void nb_review_group_end(nb_review *rv) { rv->open_group = 0; }

bool nb_review_dirty(const nb_review *rv) {
    if (rv->meta_unsaved) return true;
    if (rv->saved_applied < 0) return rv->applied > 0 || rv->saved_applied == -2;
    return rv->applied != rv->saved_applied;
}

bool nb_review_cell_edited(const nb_review *rv, int cell) {
    const nb_report *fresh = nb_rv_fresh_report(rv);
    if (!rv->current.cells || !fresh->cells || !rv->current.tpl || cell < 0 ||
        cell >= rv->current.tpl->ncells)
        return false;
    return !same_cell(&rv->current.cells[cell], &fresh->cells[cell]);
}

bool nb_review_cell_unsaved(const nb_review *rv, int cell) {
    if (!rv->current.cells || !rv->current.tpl || cell < 0 || cell >= rv->current.tpl->ncells)
        return false;
    const nb_cell *saved = rv->saved_cells ? &rv->saved_cells[cell] : &nb_rv_fresh_report(rv)->cells[cell];
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
        /* Confirmed in source, or dismissed as a false alarm: judged, when
         * the reviewer said why. */
        if ((st == NB_STATUS_CONFIRMED || st == NB_STATUS_DISMISSED) && note && *note) continue;
        open++;
    }
    return open;
}

/* Byte offsets of a span given by line and columns, from the text. */
void nb_rv_locate_span(const nb_text *t, nb_span *s) {
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

/* One placement's cells set as the reading `filled` says (within a group). */
static int place_one(nb_review *rv, const nb_placement *p, unsigned long long filled, bool blanks_zero,
                     nb_error *err) {
    const char *why = _("placed by the reviewer: values the reading could not place for sure");
    int v = 0, rc = 0;
    for (int i = 0; i < p->ncells && rc == 0; i++) {
        int cell = p->cells[i];
        const nb_cell *c = &rv->current.cells[cell];
        const char *unit = c->unit[0] ? c->unit : NULL;
        if ((filled >> i) & 1 && v < p->nvalues)
            rc = nb_review_set_cell(rv, cell, p->values[v++], unit, why, err);
        else if (blanks_zero)
            rc = nb_review_set_cell(rv, cell, (nb_number){0, 0}, unit, why, err);
        else if (c->has_value)
            rc = nb_review_clear_cell(rv, cell, why, err);
    }
    return rc;
}

/* Whether placement b has the shape of a: a row of the same table with as
 * many cells and values. */
static bool same_shape(const nb_report *r, const nb_placement *a, const nb_placement *b) {
    const nb_template *tpl = r->tpl;
    bool one_row_a = tpl->cells[a->cells[0]].row == tpl->cells[a->cells[a->ncells - 1]].row;
    bool one_row_b = tpl->cells[b->cells[0]].row == tpl->cells[b->cells[b->ncells - 1]].row;
    return one_row_a && one_row_b && a->ncells == b->ncells && a->nvalues == b->nvalues &&
           tpl->cells[a->cells[0]].table == tpl->cells[b->cells[0]].table;
}

int nb_review_place(nb_review *rv, int placement, unsigned long long filled, bool blanks_zero, bool all_like,
                    nb_error *err) {
    const nb_report *r = &rv->current;
    if (placement < 0 || placement >= r->nplacements || !r->cells || !r->tpl) {
        nb_error_set(err, EINVAL, "%s", _("there are no such values to place"));
        return -1;
    }
    /* copies: each change re-checks the report */
    int n = r->nplacements;
    nb_placement *todo = malloc((size_t)n * sizeof *todo);
    if (!todo) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    int ntodo = 0;
    todo[ntodo++] = r->placements[placement];
    for (int k = 0; all_like && k < n; k++)
        if (k != placement && !nb_placement_done(r, &r->placements[k]) &&
            same_shape(r, &r->placements[placement], &r->placements[k]))
            todo[ntodo++] = r->placements[k];
    int rc = 0, placed = 0;
    nb_review_group_begin(rv);
    for (int k = 0; k < ntodo && rc == 0; k++, placed++) rc = place_one(rv, &todo[k], filled, blanks_zero, err);
    nb_review_group_end(rv);
    free(todo);
    return rc == 0 ? placed : -1;
}
