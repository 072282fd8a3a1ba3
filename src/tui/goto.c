/* `g`: going to a cell by typing its name. The selection follows the text
 * as it is typed (as a spreadsheet's name box, or less's incremental
 * search): the first cell, in the tables' order, whose name holds what is
 * typed — its row and column in the report's words (short or full:
 * "(七)总计 自然人", "总计自然", "新收总计") or its id
 * ("applications.total.natural_person", "total.natural"). Esc goes back
 * to the cell that was selected. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/fold.h"
#include "tui.h"

/* s folded (spaces gone, full-width forms as ASCII) without the
 * separators a name may be typed with or without (· 、 . _). */
static void matching_form(const char *s, char *out, size_t cap) {
    char folded[512];
    nb_fold_text(s, strlen(s), folded, sizeof folded);
    size_t o = 0;
    for (const char *p = folded; *p && o + 1 < cap; p++) {
        if (*p == '.' || *p == '_') continue;
        if (!strncmp(p, "·", strlen("·"))) {
            p += strlen("·") - 1;
            continue;
        }
        if (!strncmp(p, "、", strlen("、"))) {
            p += strlen("、") - 1;
            continue;
        }
        out[o++] = *p;
    }
    out[o] = '\0';
}

int nb_goto_find_cell(const nb_app *app, const char *text) {
    const nb_template *tpl = app->rv.current.tpl;
    char want[512];
    matching_form(text, want, sizeof want);
    if (!tpl || !want[0]) return -1;
    for (int c = 0; c < tpl->ncells; c++) {
        const nb_cell_def *d = &tpl->cells[c];
        const nb_row_def *row = &tpl->rows[d->row];
        char names[3][400], form[512];
        snprintf(names[0], sizeof names[0], "%s%s", row->short_label, d->col_label);
        snprintf(names[1], sizeof names[1], "%s%s", row->label, d->col_label);
        nb_template_cell_id(tpl, c, names[2], sizeof names[2]);
        for (int k = 0; k < 3; k++) {
            matching_form(names[k], form, sizeof form);
            if (strstr(form, want)) return c;
        }
    }
    return -1;
}

typedef struct goto_state {
    int found; /* the cell the text names now, or -1 */
} goto_state;

static void follow(nb_app *app, const char *text, void *ctx) {
    goto_state *g = ctx;
    g->found = nb_goto_find_cell(app, text);
    if (g->found >= 0) nb_table_select_cell(app, g->found);
}

void nb_cmd_goto(nb_app *app) {
    if (!app->rv.current.tpl) {
        nb_app_set_message(app, true, "%s", _("This report has no tables to go to."));
        return;
    }
    int was = app->table.sel_cell;
    goto_state g = {-1};
    char *text = nb_prompt_live(app, _("Go to cell (its label or id): "), follow, &g);
    if (text && *text && g.found < 0)
        nb_app_set_message(app, true, _("No cell is named \"%s\"."), text);
    if (!text || g.found < 0) {
        if (was >= 0) nb_table_select_cell(app, was);
    } else {
        app->focus = NB_PANE_TABLE;
    }
    free(text);
}
