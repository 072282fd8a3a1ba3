/* The status lines: what is open (file, agency, year, template), how it
 * stands (errors, warnings, unsaved, sign-off), and below it either the
 * last message or the full label of the selected cell. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "nianbao/text.h"
#include "tui.h"

void nb_app_set_message(nb_app *app, bool error, const char *fmt, ...) {
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(app->message, sizeof app->message, fmt, ap);
    va_end(ap);
    app->message_error = error;
}

nb_slot nb_cell_slot(const nb_app *app, int cell) {
    const nb_review *rv = &app->rv;
    if (!app->rv_open || !rv->current.cells) return NB_SLOT_CELL;
    if (nb_findings_cell_has(&rv->findings, cell, NB_SEV_ERROR)) return NB_SLOT_CELL_ERROR;
    if (nb_findings_cell_has(&rv->findings, cell, NB_SEV_WARNING)) return NB_SLOT_CELL_WARNING;
    if (nb_review_cell_unsaved(rv, cell)) return NB_SLOT_CELL_EDITED_UNSAVED;
    if (nb_review_cell_edited(rv, cell)) return NB_SLOT_CELL_EDITED_SAVED;
    const nb_cell *c = &rv->current.cells[cell];
    if (!c->has_value) return NB_SLOT_CELL_MISSING;
    if (c->origin == NB_ORIGIN_INFERRED) return NB_SLOT_CELL_INFERRED;
    return NB_SLOT_CELL;
}

void nb_cell_name(const nb_app *app, int cell, char *buf, size_t n) {
    const nb_template *tpl = app->rv.current.tpl;
    buf[0] = '\0';
    if (!tpl || cell < 0 || cell >= tpl->ncells) return;
    const nb_cell_def *d = &tpl->cells[cell];
    snprintf(buf, n, "%s · %s", tpl->rows[d->row].short_label, d->col_label);
}

void nb_cell_describe(const nb_app *app, int cell, char *buf, size_t n) {
    const nb_report *r = &app->rv.current;
    buf[0] = '\0';
    if (!r->tpl || cell < 0 || cell >= r->tpl->ncells) return;
    const nb_cell_def *d = &r->tpl->cells[cell];
    const nb_row_def *row = &r->tpl->rows[d->row];
    const nb_cell *c = &r->cells[cell];
    char id[160], value[48];
    nb_template_cell_id(r->tpl, cell, id, sizeof id);
    if (c->has_value) {
        nb_number_format(c->value, value, sizeof value);
        if (c->unit[0]) snprintf(value + strlen(value), sizeof value - strlen(value), " %s", c->unit);
    } else {
        snprintf(value, sizeof value, "%s", _("no value"));
    }
    const char *origin = "";
    switch (c->origin) {
    case NB_ORIGIN_MISSING: origin = _("missing"); break;
    case NB_ORIGIN_READ: origin = _("read"); break;
    case NB_ORIGIN_INFERRED: origin = _("inferred"); break;
    case NB_ORIGIN_EDITED: origin = _("edited"); break;
    }
    char where[48] = "";
    if (c->span.line > 0) snprintf(where, sizeof where, _(", line %d"), c->span.line);
    char label[300];
    snprintf(label, sizeof label, "%s · %s", row->label, d->col_label);
    /* TRANSLATORS: the selected cell: 1 its id, 2 its value, 3 where the value came
       from, 4 ", line N", 5 its label in the report's words. A translation may leave
       the id out with %1$.0s (the Chinese one does: cells are named by their labels). */
    snprintf(buf, n, _("%1$s = %2$s (%3$s%4$s)  %5$s"), id, value, origin, where, label);
}

static const char *signoff_text(const nb_review *rv, char *buf, size_t n) {
    const nb_signoff *s = &rv->signoff;
    if (!s->present) snprintf(buf, n, "%s", _("not signed"));
    else if (s->void_) snprintf(buf, n, "%s", _("sign-off void (edited since)"));
    else
        snprintf(buf, n, _("signed by %s (%s)%s"), s->reviewer, nb_verdict_name(s->verdict),
                 s->override ? _(", override") : "");
    return buf;
}

/* The first status line: file │ agency │ year │ template │ counts │
 * sign-off. On a narrow screen the template goes first, then the year,
 * then the agency; the file name is shortened last: what the reviewer
 * must always see is which file, how many errors, and whether it is
 * signed. */
static void render_standing(nb_app *app, nb_rect r) {
    const nb_review *rv = &app->rv;
    const nb_report *rep = &rv->current;
    char sign[160], year[16] = "?", tpl[64];
    if (rep->year) snprintf(year, sizeof year, "%d", rep->year);
    snprintf(tpl, sizeof tpl, "%s %s", _("template"), rep->tpl ? rep->tpl->name : "-");
    const char *base = strrchr(app->report_path, '/');
    base = base ? base + 1 : app->report_path;
    bool dirty = app->rv_open && nb_review_dirty(rv);
    char file[600], tail[300], counts[96];
    snprintf(file, sizeof file, " %s%s", dirty ? "[+] " : "", base);
    snprintf(tail, sizeof tail, " │ %s", signoff_text(rv, sign, sizeof sign));
    snprintf(counts, sizeof counts, _("%d errors, %d warnings"), rv->findings.errors,
             rv->findings.warnings);
    const char *middle[3] = {rep->agency[0] ? rep->agency : _("unknown agency"), year, tpl};
    const char *sep = " │ ";
    int sepw = nb_text_width(sep, strlen(sep));
    int need = nb_text_width(file, strlen(file)) + sepw + nb_text_width(counts, strlen(counts)) +
               nb_text_width(tail, strlen(tail));
    int keep = 3;
    for (int i = 0; i < keep; i++) need += nb_text_width(middle[i], strlen(middle[i])) + sepw;
    while (keep > 0 && need > r.w) {
        keep--;
        need -= nb_text_width(middle[keep], strlen(middle[keep])) + sepw;
    }
    attr_t a = app->theme.attr[NB_SLOT_STATUS_LINE];
    /* The counts get their own colour when errors are open. */
    attr_t ca = rv->findings.errors ? app->theme.attr[NB_SLOT_STATUS_ERROR] : a;
    nb_draw_fill(r.y, r.x, r.w, a);
    int right = r.x + r.w;
    int filew = r.w - (need - nb_text_width(file, strlen(file)));
    if (filew < 8) filew = 8; /* a sliver of the name, then whatever fits */
    int x = r.x + nb_draw_text(r.y, r.x, filew < r.w ? filew : r.w, file, strlen(file), a);
    for (int i = 0; i < keep && x < right; i++) {
        x += nb_draw_text(r.y, x, right - x, sep, strlen(sep), a);
        if (x < right) x += nb_draw_text(r.y, x, right - x, middle[i], strlen(middle[i]), a);
    }
    if (x < right) x += nb_draw_text(r.y, x, right - x, sep, strlen(sep), a);
    if (x < right) x += nb_draw_text(r.y, x, right - x, counts, strlen(counts), ca);
    if (x < right) nb_draw_text(r.y, x, right - x, tail, strlen(tail), a);
}

void nb_render_status(nb_app *app, nb_rect r) {
    render_standing(app, r);
    if (r.h < 2) return;
    int y = r.y + 1;
    if (app->message[0]) {
        attr_t ma = app->theme.attr[app->message_error ? NB_SLOT_MESSAGE_ERROR : NB_SLOT_MESSAGE];
        nb_draw_field(y, r.x, r.w, app->message, strlen(app->message), ma, 0);
    } else if (app->table.sel_cell >= 0) {
        char desc[700];
        nb_cell_describe(app, app->table.sel_cell, desc, sizeof desc);
        nb_draw_field(y, r.x, r.w, desc, strlen(desc), app->theme.attr[NB_SLOT_MESSAGE], 0);
    } else {
        const char *hint = _("F1 or ?: keys  n/N: next/previous finding  /: search  q: quit");
        nb_draw_field(y, r.x, r.w, hint, strlen(hint), app->theme.attr[NB_SLOT_MESSAGE], 0);
    }
}
