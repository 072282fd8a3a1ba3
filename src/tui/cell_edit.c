/* Changing a cell's number: typed input (full-width digits accepted),
 * checked against what the cell may hold before the review module is
 * asked; clearing a cell; taking a finding's suggested value. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tui.h"

static void normalise_number_input(const char *in, char *out, size_t n) {
    size_t o = 0;
    for (size_t i = 0; in[i] && o + 1 < n;) {
        unsigned char c = (unsigned char)in[i];
        if (c == 0xef && (unsigned char)in[i + 1] == 0xbc) {
            unsigned char d = (unsigned char)in[i + 2];
            if (d >= 0x90 && d <= 0x99) { out[o++] = (char)('0' + d - 0x90); i += 3; continue; }
            if (d == 0x8e) { out[o++] = '.'; i += 3; continue; }
            if (d == 0x8d) { out[o++] = '-'; i += 3; continue; }
            if (d == 0x8b) { out[o++] = '+'; i += 3; continue; }
        }
        out[o++] = (char)c;
        i++;
    }
    out[o] = '\0';
    /* trim */
    size_t s = 0;
    while (out[s] == ' ' || out[s] == '\t') s++;
    memmove(out, out + s, strlen(out + s) + 1);
    size_t e = strlen(out);
    while (e && (out[e - 1] == ' ' || out[e - 1] == '\t')) out[--e] = '\0';
    if (out[0] == '+') memmove(out, out + 1, strlen(out));
}

/* Digits with an optional sign and decimal point: a number, even when it
 * is too large for nb_number_parse. */
static bool looks_numeric(const char *s) {
    if (*s == '-') s++;
    bool digits = false, point = false;
    for (; *s; s++) {
        if (*s >= '0' && *s <= '9') digits = true;
        else if (*s == '.' && !point) point = true;
        else return false;
    }
    return digits;
}

void nb_cmd_edit(nb_app *app) {
    if (!nb_cell_or_say(app)) return;
    int cell = app->table.sel_cell;
    const nb_template *tpl = app->rv.current.tpl;
    const nb_cell *c = &app->rv.current.cells[cell];
    char id[160], was[48] = "", label[300];
    nb_cell_name(app, cell, id, sizeof id);
    if (c->has_value) nb_number_format(c->value, was, sizeof was);
    snprintf(label, sizeof label, _("%s = "), id);
    char *input = nb_prompt_replace(app, label, was);
    if (!input) {
        nb_app_set_message(app, false, "%s", _("Edit cancelled; the cell is unchanged."));
        return;
    }
    char text[1100];
    normalise_number_input(input, text, sizeof text);
    if (!text[0]) {
        free(input);
        nb_app_set_message(app, false, "%s", _("Nothing typed; the cell is unchanged (x clears a cell)."));
        return;
    }
    nb_number v;
    unsigned flags = tpl->cells[cell].flags;
    if (!nb_number_parse(text, strlen(text), &v) && looks_numeric(text)) {
        nb_app_set_message(app, true,
                           _("%s is too large for a count or an amount. The cell is unchanged."), text);
    } else if (!nb_number_parse(text, strlen(text), &v)) {
        nb_app_set_message(app, true,
                           _("\"%s\" is not a number: type digits, optionally with a sign or a "
                             "decimal point. The cell is unchanged."),
                           input);
    } else if (v.units < 0 && !(flags & NB_CELL_SIGNED)) {
        nb_app_set_message(app, true, _("%s cannot be negative. The cell is unchanged."), id);
    } else if (v.scale > 0 && !(flags & NB_CELL_AMOUNT)) {
        nb_app_set_message(app, true, _("%s counts things: it takes a whole number. The cell is unchanged."),
                           id);
    } else if (c->has_value && nb_number_cmp(c->value, v) == 0) {
        nb_app_set_message(app, false, _("%s already holds %s."), id, text);
    } else {
        nb_error err;
        nb_error_clear(&err);
        int before = app->rv.findings.errors;
        if (nb_review_set_cell(&app->rv, cell, v, c->unit[0] ? c->unit : NULL, NULL, &err) != 0) {
            nb_app_set_message(app, true, _("Not changed: %s"), err.message);
        } else {
            int after = app->rv.findings.errors;
            nb_after_change(app);
            char now[48];
            nb_number_format(v, now, sizeof now);
            nb_app_set_message(app, false, _("%s: %s -> %s. Errors: %d (were %d)."), id,
                               was[0] ? was : _("no value"), now, after, before);
        }
    }
    free(input);
}

void nb_cmd_clear(nb_app *app) {
    if (!nb_cell_or_say(app)) return;
    char id[160];
    nb_cell_name(app, app->table.sel_cell, id, sizeof id);
    if (!app->rv.current.cells[app->table.sel_cell].has_value) {
        nb_app_set_message(app, false, _("%s has no value already."), id);
        return;
    }
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_clear_cell(&app->rv, app->table.sel_cell, NULL, &err) != 0) {
        nb_app_set_message(app, true, _("Not changed: %s"), err.message);
        return;
    }
    nb_after_change(app);
    nb_app_set_message(app, false, _("%s cleared to no value."), id);
}

void nb_cmd_accept(nb_app *app) {
    int fi = nb_finding_or_say(app);
    if (fi < 0) return;
    const nb_finding *f = &app->rv.findings.items[fi];
    if (f->culprit < 0 || !f->culprit_alone) {
        nb_app_set_message(app, true, "%s", _("This finding suggests no single cell to change."));
        return;
    }
    int cell = f->culprit;
    char id[160], v[48];
    nb_cell_name(app, cell, id, sizeof id);
    nb_number_format(f->culprit_value, v, sizeof v);
    nb_error err;
    nb_error_clear(&err);
    if (nb_review_accept_suggestion(&app->rv, fi, &err) != 0) {
        nb_app_set_message(app, true, _("Not changed: %s"), err.message);
        return;
    }
    nb_table_select_cell(app, cell);
    nb_after_change(app);
    nb_app_set_message(app, false, _("%s set to %s as suggested. Errors: %d."), id, v,
                       app->rv.findings.errors);
}

