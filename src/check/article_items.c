/* Table 二's grid headers against the rows under them (rule
 * structure.article_item). The template heads each grid of table 二 with
 * the item of 第二十条 of the regulations it reports: 第（一）项 over
 * 规章 and 规范性文件, 第（五）项 over 行政许可 (and, in 2019, 其他对外管理
 * 服务事项), 第（六）项 over 行政处罚 and 行政强制, 第（八）项 over 行政事业性
 * 收费, 第（九）项 over 政府集中采购 (2019). A header naming another item
 * than the rows read under it is a slip a reviewer asks to be corrected.
 *
 * Precision first: a header is compared only with the first row of table
 * 二 read below it and above the next header; a missing header (many web
 * pages drop them) is not named. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "check-internal.h"
#include "nianbao/fold.h"

/* Which item of 第二十条 heads each row of table 二, by row id. */
static const struct {
    const char *row_id;
    const char *item; /* the numeral inside 第（…）项 */
} item_of_row[] = {
    {"regulations", "一"}, {"normative_documents", "一"}, {"licensing", "五"},
    {"other_services", "五"}, {"penalty", "六"}, {"coercion", "六"},
    {"fees", "八"}, {"procurement", "九"},
};

static const char *item_of(const char *row_id) {
    for (size_t i = 0; i < sizeof item_of_row / sizeof item_of_row[0]; i++)
        if (!strcmp(item_of_row[i].row_id, row_id)) return item_of_row[i].item;
    return NULL;
}

/* The numeral of a header "第二十条第（N）项" in folded line s (folding
 * makes the brackets ASCII), into item; false when s is no such header. */
static bool read_header(const char *s, char *item, size_t cap) {
    static const char prefix[] = "第二十条第(";
    while (*s == '|' || *s == '*' || *s == '#') s++;
    if (strncmp(s, prefix, sizeof prefix - 1) != 0) return false;
    s += sizeof prefix - 1;
    const char *close = strstr(s, ")项");
    if (!close || close == s || (size_t)(close - s) >= cap) return false;
    memcpy(item, s, (size_t)(close - s));
    item[close - s] = '\0';
    return true;
}

/* The line (0-based) of the first table 二 row read at or after `from`
 * and before `until`, and its row; -1 when none. */
static long first_row_below(const nb_report *r, long from, long until, int *row) {
    long best = -1;
    for (int c = 0; c < r->tpl->ncells; c++) {
        if (r->tpl->cells[c].table != NB_TABLE_ACTIVE) continue;
        const nb_span *sp = &r->cells[c].span;
        long line = (long)sp->line - 1;
        if (sp->line <= 0 || r->cells[c].origin != NB_ORIGIN_READ || line < from || line >= until) continue;
        if (best < 0 || line < best) {
            best = line;
            *row = r->tpl->cells[c].row;
        }
    }
    return best;
}

/* Headers of table 二 are looked for within this many lines of its start. */
#define ACTIVE_TABLE_LINES 80
#define MAX_HEADERS 8

void nb_check_article_items(const nb_report *r, const nb_text *text, nb_findings *out) {
    if (!r || !text || !r->tpl || !r->cells || r->tables_end <= r->tables_start) return;
    const nb_folded_lines *fl = nb_text_folded(text);
    if (!fl) return;
    size_t first = nb_text_line_of(text, r->tables_start);
    size_t last = nb_text_line_of(text, r->tables_end > 0 ? r->tables_end - 1 : 0);
    if (last > first + ACTIVE_TABLE_LINES) last = first + ACTIVE_TABLE_LINES;
    long lines[MAX_HEADERS];
    char items[MAX_HEADERS][16];
    int n = 0;
    for (size_t i = first; i <= last && i < fl->n && n < MAX_HEADERS; i++)
        if (read_header(fl->buf + fl->off[i], items[n], sizeof items[n])) lines[n++] = (long)i;
    for (int h = 0; h < n; h++) {
        long until = h + 1 < n ? lines[h + 1] : (long)last + 1;
        int row = -1;
        if (first_row_below(r, lines[h] + 1, until, &row) < 0) continue;
        const nb_row_def *rd = &r->tpl->rows[row];
        const char *want = item_of(rd->id);
        if (!want || !strcmp(want, items[h])) continue;
        nb_finding *f = nb_findings_add(out, r, NB_RULE_STRUCTURE_ARTICLE_ITEM, &rd->first_cell, 1);
        if (!f) return;
        size_t ls, le;
        nb_text_line_bounds(text, (size_t)lines[h], &ls, &le);
        f->line = (int)lines[h] + 1;
        f->column = 1;
        f->text_span = (nb_span){ls, le, (int)lines[h] + 1, 1, 1};
        /* TRANSLATORS: 1 the item a header of table 二 names, 2 the row under
           it, 3 the item the template puts that row under. */
        snprintf(f->message, sizeof f->message,
                 _("table 二: the header 第二十条第（%1$s）项 stands over %2$s, which the template "
                   "puts under 第二十条第（%3$s）项"),
                 items[h], rd->label, want);
        nb_finding_set_key(f, r, true);
    }
}
