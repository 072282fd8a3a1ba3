/* The findings pane: one line per finding (severity, status, the
 * arithmetic); the selected one unfolds to its whole message and note.
 * Selecting a finding moves the table cursor to its cells. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "nianbao/text.h"
#include "tui.h"

static const char *status_tag(nb_finding_state s) {
    switch (s) {
    case NB_STATUS_FIXED: return _("[fixed] ");
    case NB_STATUS_CONFIRMED: return _("[confirmed in source] ");
    case NB_STATUS_DISMISSED: return _("[dismissed] ");
    case NB_STATUS_OPEN: break;
    }
    return "";
}

/* Split text into rows of at most `w` columns; draws when y >= 0.
 * Returns the number of rows. */
static int wrap_text(int y, int x, int w, int max_rows, const char *s, attr_t a, bool draw) {
    size_t n = strlen(s), pos = 0;
    int rows = 0;
    while (pos < n && rows < max_rows) {
        size_t take = nb_display_fit(s + pos, n - pos, w, NULL);
        if (take == 0) break;
        if (draw) nb_draw_field(y + rows, x, w, s + pos, take, a, 0);
        pos += take;
        rows++;
    }
    return rows ? rows : 1;
}

static void finding_text(const nb_app *app, int i, bool full, char *buf, size_t n) {
    const nb_finding *f = &app->rv.findings.items[i];
    const char *note = NULL;
    nb_finding_state st = nb_review_status_of(&app->rv, f->key, &note);
    char where[32] = "";
    if (f->line > 0) snprintf(where, sizeof where, _(" (line %d)"), f->line);
    snprintf(buf, n, "%s %s%s: %s%s", f->severity == NB_SEV_ERROR ? "E" : "W", status_tag(st),
             f->rule, f->message, where);
    if (full && note && *note) {
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, _(" — note: %s"), note);
    }
    if (full && f->culprit >= 0 && f->culprit_alone) {
        char id[160], v[48];
        nb_cell_name(app, f->culprit, id, sizeof id);
        nb_number_format(f->culprit_value, v, sizeof v);
        size_t used = strlen(buf);
        snprintf(buf + used, n - used, _(" — f: set %s to %s"), id, v);
    }
}

static void nb_render_findings(nb_app *app, nb_rect r) {
    const nb_findings *fs = &app->rv.findings;
    char title[160];
    snprintf(title, sizeof title, _("Findings: %d errors, %d warnings, %d open"), fs->errors,
             fs->warnings, app->rv_open ? nb_review_open_errors(&app->rv) : 0);
    nb_render_pane_title(app, NB_PANE_FINDINGS, r, title);
    int body_h = r.h - 1;
    if (body_h < 1) return;
    if (fs->count == 0) {
        const char *none = app->rv.current.tpl ? _("No findings: every identity holds.") : "";
        nb_draw_field(r.y + 1, r.x + 1, r.w - 1, none, strlen(none), app->theme.attr[NB_SLOT_MESSAGE], 0);
        return;
    }
    if (app->findings.sel >= fs->count) app->findings.sel = fs->count - 1;
    int w = r.w - 2;
    char buf[1400];
    /* Scroll so the selected finding, unfolded, is in view. */
    if (app->findings.sel >= 0) {
        if (app->findings.top > app->findings.sel) app->findings.top = app->findings.sel;
        for (;;) {
            finding_text(app, app->findings.sel, true, buf, sizeof buf);
            int rows = (app->findings.sel - app->findings.top) +
                       wrap_text(0, 0, w, body_h, buf, 0, false);
            if (rows <= body_h || app->findings.top >= app->findings.sel) break;
            app->findings.top++;
        }
    }
    if (app->findings.top < 0 || app->findings.top >= fs->count) app->findings.top = 0;
    int y = r.y + 1;
    for (int i = app->findings.top; i < fs->count && y < r.y + r.h; i++) {
        const nb_finding *f = &fs->items[i];
        nb_finding_state st = nb_review_status_of(&app->rv, f->key, NULL);
        bool sel = i == app->findings.sel;
        nb_slot slot = st != NB_STATUS_OPEN ? NB_SLOT_FINDING_DONE
                       : f->severity == NB_SEV_ERROR ? NB_SLOT_FINDING_ERROR
                                                     : NB_SLOT_FINDING_WARNING;
        attr_t a = app->theme.attr[sel ? NB_SLOT_FINDING_SELECTED : slot];
        finding_text(app, i, sel, buf, sizeof buf);
        int rows = sel ? wrap_text(y, r.x + 2, w, r.y + r.h - y, buf, a, true) : 1;
        if (!sel) nb_draw_field(y, r.x + 2, w, buf, strlen(buf), a, 0);
        /* the selection, then the mark of m */
        char gutter[3] = {sel ? (app->focus == NB_PANE_FINDINGS ? '>' : '-') : ' ',
                          nb_finding_marked(app, f->key) ? '*' : ' ', '\0'};
        nb_draw_text(y, r.x, 2, gutter, 2, a);
        for (int k = 0; k < rows; k++) nb_hit_add(app, y + k, r.x, r.w, NB_PANE_FINDINGS, i);
        y += rows;
    }
}

void nb_findings_select(nb_app *app, int index, bool move_cursor) {
    const nb_findings *fs = &app->rv.findings;
    if (index < 0 || index >= fs->count) return;
    app->findings.sel = index;
    const nb_finding *f = &fs->items[index];
    if (move_cursor) {
        /* The finding's target: the cell stating the broken total, or the
         * culprit when it alone explains the report's broken identities. */
        int cell = f->target >= 0 ? f->target : f->ncells > 0 ? f->cells[0] : -1;
        if (cell >= 0) nb_table_select_cell(app, cell);
    }
    app->source.follow_cell = true;
    app->source.follow_finding = true;
}

void nb_findings_step(nb_app *app, int dir) {
    const nb_findings *fs = &app->rv.findings;
    if (fs->count == 0) {
        nb_app_set_message(app, false, "%s", _("There are no findings."));
        return;
    }
    int i = app->findings.sel + dir;
    if (app->findings.sel < 0) i = dir > 0 ? 0 : fs->count - 1;
    if (i >= fs->count) {
        i = 0;
        nb_app_set_message(app, false, "%s", _("Back to the first finding."));
    } else if (i < 0) {
        i = fs->count - 1;
        nb_app_set_message(app, false, "%s", _("Back to the last finding."));
    }
    nb_findings_select(app, i, true);
}

/* Up and down stop at the ends (n and N wrap around); a page is the
 * pane's height. */
static void findings_request(nb_app *app, nb_cmd cmd) {
    int count = app->rv.findings.count, i;
    switch (cmd) {
    case NB_CMD_MOVE_UP:
    case NB_CMD_MOVE_DOWN:
        i = app->findings.sel + (cmd == NB_CMD_MOVE_UP ? -1 : 1);
        if (i >= 0 && i < count) nb_findings_select(app, i, true);
        break;
    case NB_CMD_PAGE_UP:
    case NB_CMD_PAGE_DOWN: {
        int page = app->pane[NB_PANE_FINDINGS].h - 2;
        i = app->findings.sel + (cmd == NB_CMD_PAGE_UP ? -1 : 1) * (page > 1 ? page : 1);
        if (i < 0) i = 0;
        if (i >= count) i = count - 1;
        nb_findings_select(app, i, true);
        break;
    }
    case NB_CMD_FIRST:
    case NB_CMD_LAST:
        if (count) nb_findings_select(app, cmd == NB_CMD_LAST ? count - 1 : 0, true);
        break;
    default: break;
    }
}

static void findings_hit(nb_app *app, long index) { nb_findings_select(app, (int)index, true); }

const nb_pane_ops nb_findings_pane = {nb_render_findings, findings_request, findings_hit};
