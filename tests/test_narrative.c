/* The narrative check (rule text.vs_table) on sentences the project wrote
 * in the styles real reports use. Each positive sentence is tried twice:
 * with the table's figure it must map to the right cell(s) of the right
 * statement (statements.c) and raise nothing; with another figure it must
 * raise exactly one finding naming those cells, one-to-one or a sum as
 * they are. Each claim ("未发生…行政复议") holds while its cells are zero
 * and raises one finding when one of them is not. No negative sentence —
 * numbers about other things, other years, parts, channels — raises
 * anything, although the table disagrees with every number in them. */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "check-internal.h"
#include "statements.h"
#include "nianbao/check.h"
#include "nianbao/report.h"

/* ------------------------------------------------------------ fixtures */

static int cell(const nb_report *r, const char *id) {
    int i = nb_template_find_cell(r->tpl, id);
    if (i < 0) fail_msg("no cell %s in template %s", id, r->tpl->name);
    return i;
}

static void set(nb_report *r, const char *id, int64_t v) {
    nb_cell *c = &r->cells[cell(r, id)];
    c->has_value = true;
    c->value = (nb_number){v, 0};
    c->origin = NB_ORIGIN_READ;
}

/* One row of 三: the six applicant columns, and their total. */
static void set_row(nb_report *r, const char *row, const int64_t v[6]) {
    char id[96];
    int64_t sum = 0;
    for (int c = 0; c < 6; c++) {
        snprintf(id, sizeof id, "applications.%s.%s", row, nb_applications_columns[c]);
        set(r, id, v[c]);
        sum += v[c];
    }
    snprintf(id, sizeof id, "applications.%s.total", row);
    set(r, id, sum);
}

/* One row of 四: 维持, 纠正, 其他, 尚未审结, and the total. */
static void set_appeal(nb_report *r, const char *row, int64_t a, int64_t b, int64_t c, int64_t d) {
    char id[96];
    const int64_t v[5] = {a, b, c, d, a + b + c + d};
    for (int k = 0; k < 5; k++) {
        snprintf(id, sizeof id, "appeals.%s.%s", row, nb_appeals_columns[k]);
        set(r, id, v[k]);
    }
}

/* 三 and 四 of both fixtures: 一 100 (自然人 80, 法人或其他组织 20), 二 6,
 * (一) 42, (二) 13, (三) 16, (四) 17, (五) 6, (六) 4, (七) 98, 四 8;
 * 行政复议 6 (3/1/1/1), 行政诉讼 3 + 3. Every identity holds. */
static void set_requests(nb_report *r) {
    static const struct {
        const char *row;
        int64_t v[6];
    } rows[] = {
        {"new_received", {80, 10, 1, 2, 3, 4}},      {"carried_over", {5, 1, 0, 0, 0, 0}},
        {"disclosed", {30, 5, 1, 1, 2, 3}},          {"partially_disclosed", {10, 2, 0, 1, 0, 0}},
        {"withheld_state_secret", {1, 0, 0, 0, 0, 0}}, {"withheld_prohibited_by_law", {2, 0, 0, 0, 0, 0}},
        {"withheld_security", {1, 0, 0, 0, 0, 0}},  {"withheld_third_party", {2, 1, 0, 0, 0, 0}},
        {"withheld_internal", {1, 0, 0, 0, 0, 0}},  {"withheld_process", {3, 0, 0, 0, 0, 0}},
        {"withheld_enforcement_file", {1, 0, 0, 0, 0, 0}}, {"withheld_query", {4, 0, 0, 0, 0, 0}},
        {"unavailable_not_held", {12, 2, 0, 0, 0, 0}}, {"unavailable_needs_creation", {2, 0, 0, 0, 0, 0}},
        {"unavailable_unclear", {1, 0, 0, 0, 0, 0}}, {"rejected_petition", {2, 0, 0, 0, 0, 0}},
        {"rejected_duplicate", {1, 0, 0, 0, 1, 0}}, {"rejected_publication", {1, 0, 0, 0, 0, 0}},
        {"rejected_excessive", {1, 0, 0, 0, 0, 0}}, {"rejected_confirmation", {0, 0, 0, 0, 0, 0}},
        {"total", {78, 10, 1, 2, 3, 4}},             {"carried_forward", {7, 1, 0, 0, 0, 0}},
    };
    for (size_t k = 0; k < sizeof rows / sizeof rows[0]; k++) set_row(r, rows[k].row, rows[k].v);
    if (r->tpl->other_single_row) {
        set_row(r, "other", (const int64_t[6]){3, 0, 0, 0, 0, 1});
    } else {
        set_row(r, "other_no_correction", (const int64_t[6]){1, 0, 0, 0, 0, 0});
        set_row(r, "other_unpaid_fee", (const int64_t[6]){0, 0, 0, 0, 0, 0});
        set_row(r, "other_misc", (const int64_t[6]){2, 0, 0, 0, 0, 1});
    }
    set_appeal(r, "review", 3, 1, 1, 1);
    set_appeal(r, "suit_direct", 2, 0, 1, 0);
    set_appeal(r, "suit_after_review", 1, 1, 0, 1);
}

static void make(nb_report *r, nb_template_kind kind, int year) {
    memset(r, 0, sizeof *r);
    r->tpl = nb_template_get(kind, kind == NB_TEMPLATE_2019);
    assert_non_null(r->tpl);
    r->cells = calloc((size_t)r->tpl->ncells, sizeof *r->cells);
    assert_non_null(r->cells);
    r->has_tables = true;
    r->year = year;
    r->copies = 1;
    set_requests(r);
}

/* The 2021 template, a report on 2023. */
static void make_2021(nb_report *r) {
    make(r, NB_TEMPLATE_2021, 2023);
    static const struct {
        const char *id;
        int64_t v;
    } active[] = {
        {"active.regulations.issued", 1},          {"active.regulations.repealed", 0},
        {"active.regulations.in_force", 5},        {"active.normative_documents.issued", 8},
        {"active.normative_documents.repealed", 3}, {"active.normative_documents.in_force", 40},
        {"active.licensing.decisions", 1200},      {"active.penalty.decisions", 350},
        {"active.coercion.decisions", 12},
    };
    for (size_t k = 0; k < sizeof active / sizeof active[0]; k++) set(r, active[k].id, active[k].v);
    nb_cell *fee = &r->cells[cell(r, "active.fees.amount")];
    *fee = (nb_cell){.has_value = true, .value = {12345, 2}, .origin = NB_ORIGIN_READ};
    snprintf(fee->unit, sizeof fee->unit, "万元");
}

/* The 2019 template, a report on 2020 (the 虹口区 figures of 二). */
static void make_2019(nb_report *r) {
    make(r, NB_TEMPLATE_2019, 2020);
    static const struct {
        const char *id;
        int64_t v;
    } active[] = {
        {"active.regulations.made", 0},                {"active.regulations.published", 0},
        {"active.regulations.total_published", 2},     {"active.normative_documents.made", 7},
        {"active.normative_documents.published", 7},   {"active.normative_documents.total_published", 42},
        {"active.licensing.previous_items", 300},      {"active.licensing.change", -49},
        {"active.licensing.decisions", 219559},        {"active.other_services.previous_items", 807},
        {"active.other_services.change", 691},         {"active.other_services.decisions", 1477142},
        {"active.penalty.previous_items", 1322},       {"active.penalty.change", -17},
        {"active.penalty.decisions", 849084},          {"active.coercion.previous_items", 95},
        {"active.coercion.change", -3},                {"active.coercion.decisions", 11321},
        {"active.fees.previous_items", 23},            {"active.fees.change", 1},
        {"active.procurement.projects", 3174},
    };
    for (size_t k = 0; k < sizeof active / sizeof active[0]; k++) set(r, active[k].id, active[k].v);
    nb_cell *amount = &r->cells[cell(r, "active.procurement.amount")];
    *amount = (nb_cell){.has_value = true, .value = {6755291, 2}, .origin = NB_ORIGIN_READ};
    snprintf(amount->unit, sizeof amount->unit, "万元");
}

/* ------------------------------------------------------------ running */

static void text_of(nb_text *t, const char *s) {
    nb_error err;
    assert_int_equal(nb_text_from_bytes(s, strlen(s), t, &err), 0);
}

/* `text` with its "#" replaced by `figure`. */
static void render(const char *text, const char *figure, char *out, size_t size) {
    const char *hash = strchr(text, '#');
    if (!hash) {
        snprintf(out, size, "%s", text);
        return;
    }
    snprintf(out, size, "%.*s%s%s", (int)(hash - text), text, figure, hash + 1);
}

static int narrative_findings(nb_report *r, const char *text, nb_findings *f) {
    nb_text t;
    text_of(&t, text);
    r->byte_start = 0;
    r->byte_end = t.len;
    nb_findings_clear(f);
    nb_check_report(r, NULL, &t, f);
    nb_text_free(&t);
    int n = 0;
    for (int i = 0; i < f->count; i++) n += !strcmp(f->items[i].rule, "text.vs_table");
    return n;
}

static const nb_finding *narrative_finding(const nb_findings *f) {
    for (int i = 0; i < f->count; i++)
        if (!strcmp(f->items[i].rule, "text.vs_table")) return &f->items[i];
    return NULL;
}

/* Whether `cells` (n of them) are exactly the cells "a+b+c" names. */
static bool same_cells(const nb_report *r, const int *cells, int n, const char *spec) {
    int want[NB_FINDING_MAX_CELLS], nwant = 0;
    char buf[1024];
    snprintf(buf, sizeof buf, "%.*s", (int)strcspn(spec, "|"), spec);
    for (char *save = NULL, *id = strtok_r(buf, "+", &save); id; id = strtok_r(NULL, "+", &save))
        want[nwant++] = cell(r, id);
    if (nwant != n) return false;
    for (int i = 0; i < n; i++) {
        bool found = false;
        for (int j = 0; j < nwant; j++) found |= want[j] == cells[i];
        if (!found) return false;
    }
    return true;
}

static void print_findings(const nb_findings *f) {
    for (int i = 0; i < f->count; i++)
        print_message("    [%s] %s\n", f->items[i].rule, f->items[i].message);
}

/* ------------------------------------------------------------ positive */

typedef struct positive {
    const char *text;  /* "#" where the figure goes */
    const char *good;  /* the table's figure */
    const char *bad;   /* a figure the table contradicts */
    const char *id;    /* the statement that must match */
    /* the cells it maps to, "a+b"; then, after "|", the cells a finding
     * names when they are other ones (the first of the statement's
     * readings, when the figure matched another) */
    const char *cells;
} positive;

#define REQ "全年共受理政府信息公开申请100件，办结98件。"
#define APP(row) "applications." row ".total"

/* Whether the first cells of `cells` are those "a+b" names (a share's
 * cells are the counted ones, then the whole). */
static bool starts_with_cells(const nb_report *r, const int *cells, int n, const char *spec, bool exact) {
    int want = 1;
    for (const char *c = spec; *c && *c != '|'; c++) want += *c == '+';
    if (n < want || (exact && n != want)) return false;
    return same_cells(r, cells, want, spec);
}

static void run_positive(nb_report *r, const positive *p) {
    char text[1024];
    nb_findings f = {0};
    nb_narrative_match m[32];
    bool share = strstr(p->text, "#%") != NULL;
    /* the table's figure: the statement maps to its cells and agrees */
    render(p->text, p->good, text, sizeof text);
    nb_text t;
    text_of(&t, text);
    r->byte_start = 0;
    r->byte_end = t.len;
    int n = nb_narrative_explain(r, &t, m, 32);
    nb_text_free(&t);
    const nb_narrative_match *x = NULL;
    for (int k = 0; k < n && !x; k++)
        if (!strcmp(m[k].id, p->id) && (m[k].kind == NB_MATCH_SHARE) == share) x = &m[k];
    if (!x) {
        for (int k = 0; k < n; k++) print_message("    matched %s\n", m[k].id);
        fail_msg("\"%s\": no match for %s", text, p->id);
    }
    if (!starts_with_cells(r, x->cells, x->ncells, p->cells, !share))
        fail_msg("\"%s\": %s maps to other cells than %s", text, p->id, p->cells);
    if (!x->agrees) fail_msg("\"%s\": %s does not agree with the table", text, p->id);
    if (narrative_findings(r, text, &f) != 0) {
        print_findings(&f);
        fail_msg("\"%s\": a finding although the table agrees", text);
    }
    /* another figure: exactly one finding, on those cells */
    render(p->text, p->bad, text, sizeof text);
    if (narrative_findings(r, text, &f) != 1) {
        print_findings(&f);
        fail_msg("\"%s\": not exactly one finding", text);
    }
    const nb_finding *y = narrative_finding(&f);
    const char *bar = strchr(p->cells, '|');
    const char *named = bar ? bar + 1 : p->cells;
    if (!starts_with_cells(r, y->cells, y->ncells, named, !share))
        fail_msg("\"%s\": the finding names other cells than %s: %s", text, named, y->message);
    /* one-to-one or a sum as the figure's own cells are (a share's whole aside) */
    int counted = 1;
    for (const char *c = named; *c; c++) counted += *c == '+';
    assert_int_equal(y->confidence, counted == 1 ? NB_CONFIDENCE_ONE_TO_ONE : NB_CONFIDENCE_SUM);
    assert_non_null(strstr(y->message, counted == 1 ? "(one-to-one)" : "(sum of"));
    assert_true(y->line >= 1);
    assert_true(y->text_span.byte_end > y->text_span.byte_start);
    nb_findings_free(&f);
}

static void run_positives(nb_report *r, const positive *cases, size_t n) {
    for (size_t k = 0; k < n; k++) run_positive(r, &cases[k]);
    print_message("%zu positive sentences\n", n);
}

/* 三 in the 2021 template: requests, results, applicants. */
static const positive requests_2021[] = {
    {"2023年，本机关共受理政府信息公开申请#件。", "100", "101", "applications.received", APP("new_received")},
    {"全年共收到政府信息公开申请#件，均在法定期限内予以答复。", "100", "99", "applications.received",
     APP("new_received")},
    {"本年度新收政府信息公开申请#件，上年结转6件。", "100", "106", "applications.received_new",
     APP("new_received")},
    {"本年度受理政府信息公开申请#件，上年结转6件。", "100", "106", "applications.received", APP("new_received")},
    {"（二）依申请公开情况。2023年，共收依申请公开#件，全部办结。", "100", "57", "applications.received",
     APP("new_received")},
    {"全区各级行政机关共受理政府信息公开申请#件（含上年结转6件）。", "106", "107", "applications.received",
     APP("new_received") "+" APP("carried_over") "|" APP("new_received")},
    {"区政府办公室代表区政府接收政府信息公开申请#件。", "100", "17", "applications.received",
     APP("new_received")},
    {"2023年，全区受理依申请公开件#件，办结98件。", "100", "255", "applications.received", APP("new_received")},
    {"2023年，我办共收到公开政府信息申请#件，已全部答复。", "100", "1", "applications.received",
     APP("new_received")},
    {"全年受理政府信息公开申请 #\n件，较上年有所增加。", "100", "1 000", "applications.received",
     APP("new_received")},
    {"全年共受理政府信息公开申请#件。", "１００", "１０１", "applications.received", APP("new_received")},
    {"本年度共受理政府信息公开申请100件，上年结转政府信息公开申请#件。", "6", "5",
     "applications.carried_over", APP("carried_over")},
    {"受理政府信息公开申请100件，另有上年度结转申请#件。", "6", "4", "applications.carried_over",
     APP("carried_over")},
    {REQ "结转下年度继续办理#件。", "8", "9", "applications.carried_forward", APP("carried_forward")},
    {"全年共受理政府信息公开申请100件。另有#件顺延至下年度办理。", "8", "3",
     "applications.carried_forward", APP("carried_forward")},
    {"全年共办结政府信息公开申请#件。", "98", "100", "applications.replied", APP("total")},
    {"共受理政府信息公开申请100件，已答复#件，其余申请正在办理中。", "98", "97", "applications.replied",
     APP("total")},
    {"共受理政府信息公开申请100件，办理完毕#件。", "98", "95", "applications.replied", APP("total")},
    {"本年度共办理政府信息公开申请#件。", "98", "99", "applications.handled", APP("total")},
    {REQ "其中予以公开#件，部分公开13件。", "42", "43", "applications.disclosed", APP("disclosed")},
    /* not all replies: the replies that disclosed */
    {REQ "其中，予以公开答复#件，占42.86%。", "42", "98", "applications.disclosed", APP("disclosed")},
    /* a list of who received, not of what */
    {"2023年，全区各职能部门、镇街共收到政府信息依申请公开#件。", "100", "1499", "applications.received",
     APP("new_received")},
    {REQ "予以公开42件，部分公开#件。", "13", "31", "applications.partially_disclosed",
     APP("partially_disclosed")},
    {REQ "予以公开和部分公开共#件。", "55", "54", "applications.disclosed_or_partial",
     APP("disclosed") "+" APP("partially_disclosed")},
    {REQ "同意公开或部分公开#件。", "55", "65", "applications.disclosed_or_partial",
     APP("disclosed") "+" APP("partially_disclosed")},
    {REQ "予以公开、部分公开共计#件。", "55", "56", "applications.disclosed_or_partial",
     APP("disclosed") "+" APP("partially_disclosed")},
    {REQ "不予公开#件。", "16", "15", "applications.withheld",
     APP("withheld_state_secret") "+" APP("withheld_prohibited_by_law") "+" APP("withheld_security") "+"
     APP("withheld_third_party") "+" APP("withheld_internal") "+" APP("withheld_process") "+"
     APP("withheld_enforcement_file") "+" APP("withheld_query")},
    {REQ "因属于国家秘密等原因不予公开#件。", "16", "1", "applications.withheld",
     APP("withheld_state_secret") "+" APP("withheld_prohibited_by_law") "+" APP("withheld_security") "+"
     APP("withheld_third_party") "+" APP("withheld_internal") "+" APP("withheld_process") "+"
     APP("withheld_enforcement_file") "+" APP("withheld_query")},
    {REQ "因属于国家秘密等原因#件。", "16", "1", "applications.withheld_for_reasons",
     APP("withheld_state_secret") "+" APP("withheld_prohibited_by_law") "+" APP("withheld_security") "+"
     APP("withheld_third_party") "+" APP("withheld_internal") "+" APP("withheld_process") "+"
     APP("withheld_enforcement_file") "+" APP("withheld_query")},
    {REQ "无法提供#件。", "17", "18", "applications.unavailable",
     APP("unavailable_not_held") "+" APP("unavailable_needs_creation") "+" APP("unavailable_unclear")},
    {REQ "因本机关不掌握相关政府信息等原因无法提供#件。", "17", "14", "applications.unavailable",
     APP("unavailable_not_held") "+" APP("unavailable_needs_creation") "+" APP("unavailable_unclear")},
    {REQ "不予处理#件。", "6", "7", "applications.rejected",
     APP("rejected_petition") "+" APP("rejected_duplicate") "+" APP("rejected_publication") "+"
     APP("rejected_excessive") "+" APP("rejected_confirmation")},
    {REQ "其他处理#件。", "4", "3", "applications.other",
     APP("other_no_correction") "+" APP("other_unpaid_fee") "+" APP("other_misc")},
    {REQ "不予公开16件，其中属于国家秘密#件、属于四类过程性信息3件。", "1", "2",
     "applications.withheld_state_secret", APP("withheld_state_secret")},
    {REQ "不予公开16件，其中属于国家秘密1件、属于四类过程性信息#件。", "3", "2",
     "applications.withheld_process", APP("withheld_process")},
    {REQ "无法提供17件，其中本机关不掌握相关政府信息#件。", "14", "17",
     "applications.unavailable_not_held", APP("unavailable_not_held")},
    {REQ "不予处理6件，其中信访举报投诉类申请#件，重复申请2件。", "2", "3",
     "applications.rejected_petition", APP("rejected_petition")},
    {REQ "不予处理6件，其中信访举报投诉类申请2件，重复申请#件。", "2", "1",
     "applications.rejected_duplicate", APP("rejected_duplicate")},
    {REQ "其他处理4件，其中申请人无正当理由逾期不补正#件。", "1", "4",
     "applications.other_no_correction", APP("other_no_correction")},
    {REQ "因本机关不掌握相关政府信息等原因#件。", "17", "14", "applications.unavailable_for_reasons",
     APP("unavailable_not_held") "+" APP("unavailable_needs_creation") "+" APP("unavailable_unclear")},
    {REQ "因重复申请、信访举报投诉类申请等原因#件。", "6", "2", "applications.rejected_for_reasons",
     APP("rejected_petition") "+" APP("rejected_duplicate") "+" APP("rejected_publication") "+"
     APP("rejected_excessive") "+" APP("rejected_confirmation")},
    {REQ "不予公开的申请中，属于其他法律行政法规禁止公开#件。", "2", "1",
     "applications.withheld_prohibited_by_law", APP("withheld_prohibited_by_law")},
    {REQ "不予公开的申请中，危及“三安全一稳定”#件。", "1", "0", "applications.withheld_security",
     APP("withheld_security")},
    {REQ "不予公开的申请中，保护第三方合法权益#件。", "3", "1", "applications.withheld_third_party",
     APP("withheld_third_party")},
    {REQ "不予公开的申请中，属于三类内部事务信息#件。", "1", "2", "applications.withheld_internal",
     APP("withheld_internal")},
    {REQ "不予公开的申请中，属于行政执法案卷#件。", "1", "3", "applications.withheld_enforcement_file",
     APP("withheld_enforcement_file")},
    {REQ "不予公开的申请中，属于行政查询事项#件。", "4", "5", "applications.withheld_query",
     APP("withheld_query")},
    {REQ "无法提供的申请中，没有现成信息需要另行制作#件。", "2", "3",
     "applications.unavailable_needs_creation", APP("unavailable_needs_creation")},
    {REQ "无法提供的申请中，补正后申请内容仍不明确#件。", "1", "2", "applications.unavailable_unclear",
     APP("unavailable_unclear")},
    {REQ "不予处理的申请中，要求提供公开出版物#件。", "1", "2", "applications.rejected_publication",
     APP("rejected_publication")},
    {REQ "不予处理的申请中，无正当理由大量反复申请#件。", "1", "4", "applications.rejected_excessive",
     APP("rejected_excessive")},
    {REQ "不予处理的申请中，要求行政机关确认或重新出具已获取信息#件。", "0", "1",
     "applications.rejected_confirmation", APP("rejected_confirmation")},
    {REQ "其他处理的申请中，申请人逾期未按收费通知要求缴纳费用#件。", "0", "2",
     "applications.other_unpaid_fee", APP("other_unpaid_fee")},
    {REQ "予以公开42件，占#%。", "42.86", "44.86", "applications.disclosed", APP("disclosed")},
    {REQ "予以公开或部分公开55件，占比#%；", "56.12", "58.12", "applications.disclosed_or_partial",
     APP("disclosed") "+" APP("partially_disclosed")},
    {"全年共受理政府信息公开申请100件，其中自然人申请#件，法人或其他组织申请20件。", "80", "70",
     "applications.by_natural_persons", "applications.new_received.natural_person"},
    {"全年共受理政府信息公开申请100件，其中自然人申请80件，法人或其他组织申请#件。", "20", "30",
     "applications.by_organisations",
     "applications.new_received.commercial_enterprise+applications.new_received.research_institution+"
     "applications.new_received.public_interest_org+applications.new_received.legal_service_org+"
     "applications.new_received.other_org"},
    {"从申请主体看，自然人提出申请#件，商业企业10件。", "80", "81", "applications.by_natural_persons",
     "applications.new_received.natural_person"},
    {"从申请主体看，自然人提出申请80件，商业企业#件。", "10", "12",
     "applications.by_commercial_enterprises", "applications.new_received.commercial_enterprise"},
    {"从申请主体看，商业企业10件，科研机构#件。", "1", "2", "applications.by_research_institutions",
     "applications.new_received.research_institution"},
    {"从申请主体看，商业企业10件，社会公益组织#件。", "2", "0", "applications.by_public_interest_orgs",
     "applications.new_received.public_interest_org"},
    {"从申请主体看，商业企业10件，法律服务机构#件。", "3", "5", "applications.by_legal_service_orgs",
     "applications.new_received.legal_service_org"},
    {"从申请主体看，商业企业10件，其他组织#件。", "4", "6", "applications.by_other_orgs",
     "applications.new_received.other_org"},
    {"收到政府信息公开申请100件，其中自然人申请80件，占#%。", "80", "85",
     "applications.by_natural_persons", "applications.new_received.natural_person"},
};

/* 四 (both templates have it). */
static const positive appeals[] = {
    {"全年因政府信息公开被申请行政复议#件。", "6", "5", "appeals.review", "appeals.review.total"},
    {"政府信息公开行政诉讼#件。", "6", "7", "appeals.suits",
     "appeals.suit_direct.total+appeals.suit_after_review.total"},
    {"信息公开类行政复议6件，诉讼#件。", "6", "5", "appeals.suits",
     "appeals.suit_direct.total+appeals.suit_after_review.total"},
    {"针对政府信息公开申请答复的行政复议案件共#件，主要事由是对答复结果不满。", "6", "29",
     "appeals.review", "appeals.review.total"},
    {"政府信息公开行政复议6件，其中结果维持#件，结果纠正1件。", "3", "4", "appeals.review.upheld",
     "appeals.review.upheld"},
    {"政府信息公开行政复议6件，其中结果维持3件，结果纠正#件。", "1", "0", "appeals.review.corrected",
     "appeals.review.corrected"},
    {"政府信息公开行政复议6件，其中结果维持3件，其他结果#件。", "1", "2", "appeals.review.other",
     "appeals.review.other"},
    {"政府信息公开行政复议6件，其中尚未审结#件。", "1", "3", "appeals.review.pending",
     "appeals.review.pending"},
    {"政府信息公开行政诉讼6件，其中维持原行政行为#件。", "3", "6", "appeals.suits.upheld",
     "appeals.suit_direct.upheld+appeals.suit_after_review.upheld"},
    {"政府信息公开行政诉讼6件，其中结果纠正#件，尚未审结1件。", "1", "2", "appeals.suits.corrected",
     "appeals.suit_direct.corrected+appeals.suit_after_review.corrected"},
    {"政府信息公开行政诉讼6件，其中其他结果#件。", "1", "3", "appeals.suits.other",
     "appeals.suit_direct.other+appeals.suit_after_review.other"},
    {"政府信息公开行政诉讼6件，其中尚未审结#件。", "1", "0", "appeals.suits.pending",
     "appeals.suit_direct.pending+appeals.suit_after_review.pending"},
    {"政府信息公开行政诉讼6件，其中未经复议直接起诉#件，复议后起诉3件。", "3", "4", "appeals.suit_direct",
     "appeals.suit_direct.total"},
    {"政府信息公开行政诉讼6件，其中未经复议直接起诉3件，复议后起诉#件。", "3", "2",
     "appeals.suit_after_review", "appeals.suit_after_review.total"},
};

/* 二 in the 2021 template. */
static const positive active_2021[] = {
    {"2023年共制发行政规范性文件#件，废止3件，现行有效40件。", "8", "9",
     "active.normative_documents.issued", "active.normative_documents.issued"},
    {"2023年共制发行政规范性文件8件，废止#件，现行有效40件。", "3", "2",
     "active.normative_documents.repealed", "active.normative_documents.repealed"},
    {"2023年共制发行政规范性文件8件，废止3件，现行有效文件#件。", "40", "41",
     "active.normative_documents.in_force", "active.normative_documents.in_force"},
    {"全年印发区政府规范性文件#件。", "8", "6", "active.normative_documents.issued",
     "active.normative_documents.issued"},
    {"制定发布规范性文件#件，清理废止文件3件，现行有效文件40件。", "8", "4",
     "active.normative_documents.issued", "active.normative_documents.issued"},
    {"制定发布规范性文件8件，清理废止文件#件，现行有效文件40件。", "3", "0",
     "active.normative_documents.repealed", "active.normative_documents.repealed"},
    {"本年度制发规章1件、规范性文件#件。", "8", "7", "active.normative_documents.issued_listed",
     "active.normative_documents.issued"},
    {"本年度制发规章#件、规范性文件8件。", "1", "2", "active.regulations.issued", "active.regulations.issued"},
    {"本年度废止规章0件、规范性文件#件。", "3", "4", "active.normative_documents.repealed_listed",
     "active.normative_documents.repealed"},
    {"本年度制发行政规范性文件8件、规章#件。", "1", "3", "active.regulations.issued_listed",
     "active.regulations.issued"},
    {"本年度废止行政规范性文件3件、规章#件。", "0", "1", "active.regulations.repealed_listed",
     "active.regulations.repealed"},
    {"全年废止政府规章#件。", "0", "2", "active.regulations.repealed", "active.regulations.repealed"},
    {"截至年底，市政府规章现行有效#件。", "5", "6", "active.regulations.in_force",
     "active.regulations.in_force"},
    {"全年作出行政许可决定#件。", "1200", "1201", "active.licensing.decisions", "active.licensing.decisions"},
    {"全年作出行政许可决定1,#件。", "200", "210", "active.licensing.decisions", "active.licensing.decisions"},
    {"全年共作出行政处罚决定#件，行政强制决定12件。", "350", "351", "active.penalty.decisions",
     "active.penalty.decisions"},
    {"全年共作出行政处罚决定350件，行政强制决定#件。", "12", "21", "active.coercion.decisions",
     "active.coercion.decisions"},
    {"全年收取行政事业性收费#万元。", "123.45", "124.45", "active.fees.amount", "active.fees.amount"},
    {"行政事业性收费金额为#万元。", "123.45", "132.45", "active.fees.amount", "active.fees.amount"},
    {"全年收取行政事业性收费#元。", "1234500", "1324500", "active.fees.amount", "active.fees.amount"},
};

/* 二 in the 2019 template: items, their change since last year, documents, procurement. */
static const positive active_2019[] = {
    {"发布本区行政事业性收费目录，收费项目共#项，较2019年增加1项。", "24", "25", "active.fees.items",
     "active.fees.previous_items+active.fees.change"},
    {"发布本区行政事业性收费目录，收费项目共24项，较2019年增加#项。", "1", "2", "active.fees.more",
     "active.fees.change"},
    {"行政许可事项#项，比2019年减少49项。", "251", "252", "active.licensing.items",
     "active.licensing.previous_items+active.licensing.change"},
    {"行政许可事项251项，比2019年减少#项。", "49", "48", "active.licensing.fewer", "active.licensing.change"},
    {"其他对外管理服务事项1498项，比上年增加#项。", "691", "619", "active.other_services.more",
     "active.other_services.change"},
    {"行政处罚事项共#项，较上年减少17项。", "1305", "1306", "active.penalty.items",
     "active.penalty.previous_items+active.penalty.change"},
    {"新增主动公开规范性文件#件，累计公开42件。", "7", "8", "active.normative_documents.published",
     "active.normative_documents.published"},
    {"新增主动公开规范性文件7件，累计公开#件。", "42", "49", "active.normative_documents.total_published",
     "active.normative_documents.total_published"},
    {"全年新制作规范性文件#件。", "7", "9", "active.normative_documents.issued",
     "active.normative_documents.made"},
    {"全年新制作并公开规范性文件#件，累计对外公开规范性文件42件。", "7", "6",
     "active.normative_documents.issued", "active.normative_documents.made"},
    {"全年新制作并公开规范性文件7件，累计对外公开规范性文件#件。", "42", "48",
     "active.normative_documents.total_published", "active.normative_documents.total_published"},
    {"其他对外管理服务事项共#项。", "1498", "1497", "active.other_services.items",
     "active.other_services.previous_items+active.other_services.change"},
    {"行政处罚事项1305项，较上年减少#项。", "17", "71", "active.penalty.fewer", "active.penalty.change"},
    {"行政强制事项#项，较上年减少3项。", "92", "96", "active.coercion.items",
     "active.coercion.previous_items+active.coercion.change"},
    {"行政强制事项92项，较上年减少#项。", "3", "4", "active.coercion.fewer", "active.coercion.change"},
    {"市政府规章累计公开#件。", "2", "3", "active.regulations.total_published",
     "active.regulations.total_published"},
    {"本年新公开规章#件。", "0", "1", "active.regulations.published", "active.regulations.published"},
    {"全年作出行政许可决定#件。", "219559", "219595", "active.licensing.decisions",
     "active.licensing.decisions"},
    {"政府集中采购项目#项。", "3174", "3175", "active.procurement.projects", "active.procurement.projects"},
    {"政府集中采购总金额#万元。", "67552.91", "67552.81", "active.procurement.amount",
     "active.procurement.amount"},
    {REQ "其他处理#件。", "4", "5", "applications.other", APP("other")},
};

static void test_requests_2021(void **state) {
    (void)state;
    nb_report r;
    make_2021(&r);
    run_positives(&r, requests_2021, sizeof requests_2021 / sizeof requests_2021[0]);
    nb_report_free(&r);
}

static void test_appeals(void **state) {
    (void)state;
    nb_report r;
    make_2021(&r);
    run_positives(&r, appeals, sizeof appeals / sizeof appeals[0]);
    nb_report_free(&r);
    make_2019(&r);
    run_positives(&r, appeals, sizeof appeals / sizeof appeals[0]);
    nb_report_free(&r);
}

static void test_active_2021(void **state) {
    (void)state;
    nb_report r;
    make_2021(&r);
    run_positives(&r, active_2021, sizeof active_2021 / sizeof active_2021[0]);
    nb_report_free(&r);
}

static void test_active_2019(void **state) {
    (void)state;
    nb_report r;
    make_2019(&r);
    run_positives(&r, active_2019, sizeof active_2019 / sizeof active_2019[0]);
    nb_report_free(&r);
}

/* ------------------------------------------------------------ claims */

typedef struct claim_case {
    const char *text;
    const char *id;
    const char *zero;  /* cells set to 0 so that the claim holds, " "-separated */
    const char *bump;  /* the cell then set to 1: the claim no longer holds */
    const char *cells; /* the cells the finding names */
} claim_case;

#define NEW_ROW "applications.new_received.natural_person applications.new_received.commercial_enterprise " \
                "applications.new_received.research_institution applications.new_received.public_interest_org " \
                "applications.new_received.legal_service_org applications.new_received.other_org " \
                "applications.new_received.total"
#define SUITS_TOTAL "appeals.suit_direct.total appeals.suit_after_review.total"
#define ALL_APPEALS "appeals.review.total " SUITS_TOTAL

static const claim_case claims[] = {
    {"本年度未收到政府信息公开申请。", "applications.none_received", NEW_ROW,
     "applications.new_received.total", APP("new_received")},
    {"2023年，本机关没有收到公民、法人或其他组织的政府信息公开申请。", "applications.none_received", NEW_ROW,
     "applications.new_received.total", APP("new_received")},
    {"本机关全年无政府信息公开申请。", "applications.none_received", NEW_ROW, "applications.new_received.total",
     APP("new_received")},
    {"依申请公开方面，本年度无依申请公开事项。", "applications.none_received", NEW_ROW,
     "applications.new_received.total", APP("new_received")},
    {"受理政府信息公开申请100件，无上年结转申请。", "applications.none_carried_over",
     "applications.carried_over.total", "applications.carried_over.total", APP("carried_over")},
    {"受理政府信息公开申请100件，均已办结，没有结转下年度的申请。", "applications.none_carried_forward",
     "applications.carried_forward.total", "applications.carried_forward.total", APP("carried_forward")},
    {"本年度未发生政府信息公开行政复议、行政诉讼案件。", "appeals.none", ALL_APPEALS, "appeals.review.total",
     "appeals.review.total"},
    {"本年度未发生政府信息公开行政复议、行政诉讼案件。", "appeals.none", ALL_APPEALS,
     "appeals.suit_after_review.total", "appeals.suit_direct.total+appeals.suit_after_review.total"},
    {"全年无因政府信息公开引起的行政复议和行政诉讼。", "appeals.none", ALL_APPEALS, "appeals.review.total",
     "appeals.review.total"},
    {"2023年，本机关未发生因政府信息公开申请引发的行政复议。", "appeals.none", "appeals.review.total",
     "appeals.review.total", "appeals.review.total"},
    {"政府信息公开行政复议6件，未发生行政诉讼。", "appeals.none", SUITS_TOTAL, "appeals.suit_direct.total",
     "appeals.suit_direct.total+appeals.suit_after_review.total"},
    {"政府信息公开行政复议、行政诉讼均为零。", "appeals.none_counted", ALL_APPEALS, "appeals.review.total",
     "appeals.review.total"},
    {"信息公开类行政复议6件，诉讼6件，未出现被纠错的情况发生。", "appeals.none_corrected",
     "appeals.review.corrected appeals.suit_direct.corrected appeals.suit_after_review.corrected",
     "appeals.suit_direct.corrected",
     "appeals.review.corrected+appeals.suit_direct.corrected+appeals.suit_after_review.corrected"},
    {"因政府信息公开被申请行政复议6件，均未被复议机关纠错。", "appeals.none_corrected",
     "appeals.review.corrected", "appeals.review.corrected", "appeals.review.corrected"},
    {"政府信息公开行政诉讼6件，未发生败诉。", "appeals.none_corrected",
     "appeals.suit_direct.corrected appeals.suit_after_review.corrected", "appeals.suit_direct.corrected",
     "appeals.suit_direct.corrected+appeals.suit_after_review.corrected"},
    {"政府信息公开行政复议6件，均维持原行政行为。", "appeals.all_upheld",
     "appeals.review.corrected appeals.review.other", "appeals.review.other",
     "appeals.review.corrected+appeals.review.other"},
    {"涉及政府信息公开的行政诉讼6件，全部胜诉。", "appeals.all_upheld",
     "appeals.suit_direct.corrected appeals.suit_after_review.corrected", "appeals.suit_after_review.corrected",
     "appeals.suit_direct.corrected+appeals.suit_after_review.corrected"},
};

static void zero_cells(nb_report *r, const char *list) {
    char buf[1024];
    snprintf(buf, sizeof buf, "%s", list);
    for (char *save = NULL, *id = strtok_r(buf, " ", &save); id; id = strtok_r(NULL, " ", &save))
        set(r, id, 0);
}

static void test_claims(void **state) {
    (void)state;
    for (size_t k = 0; k < sizeof claims / sizeof claims[0]; k++) {
        const claim_case *c = &claims[k];
        nb_report r;
        nb_findings f = {0};
        make_2021(&r);
        zero_cells(&r, c->zero);
        nb_narrative_match m[32];
        nb_text t;
        text_of(&t, c->text);
        r.byte_start = 0;
        r.byte_end = t.len;
        int n = nb_narrative_explain(&r, &t, m, 32);
        nb_text_free(&t);
        bool matched = false;
        for (int i = 0; i < n; i++) matched |= !strcmp(m[i].id, c->id) && m[i].kind == NB_MATCH_CLAIM;
        if (!matched) fail_msg("\"%s\": no match for %s", c->text, c->id);
        if (narrative_findings(&r, c->text, &f) != 0) {
            print_findings(&f);
            fail_msg("\"%s\": a finding although the cells are zero", c->text);
        }
        set(&r, c->bump, 1);
        if (narrative_findings(&r, c->text, &f) != 1) {
            print_findings(&f);
            fail_msg("\"%s\": not exactly one finding with %s = 1", c->text, c->bump);
        }
        const nb_finding *y = narrative_finding(&f);
        if (!same_cells(&r, y->cells, y->ncells, c->cells))
            fail_msg("\"%s\": the finding names other cells than %s: %s", c->text, c->cells, y->message);
        nb_findings_free(&f);
        nb_report_free(&r);
    }
    print_message("%zu claims\n", sizeof claims / sizeof claims[0]);
}

/* ------------------------------------------------------------ negative */

/* Numbers about other things: none of them is compared (the table has
 * other figures for every cell they might be taken for). */
static const char *const negatives_2021[] = {
    /* information published in general is not a cell of the 2021 template */
    "2023年，我区在政府网站平台主动公开政府信息1136条。",
    "全年主动公开政府信息1234件，发布政策解读46篇。",
    "全年政府网站发布信息5500余条，举办新闻发布会12场。",
    /* other requests, other handling */
    "全年受理行政许可申请5000件，办结4990件。",
    "全年共办理人大代表建议50件、政协提案30件，按期办复率达100%。",
    "收到政务咨询、投诉75件，均已答复。",
    "12345热线受理群众诉求1000件，办结率100%。",
    "本机关共收到政府信息公开申请的咨询300件。",
    "收到上级转办的政府信息公开申请5件。",
    /* channels, parts, lists of figures */
    "申请量列前3位的是区住建局（35件）、区自然资源局（20件）、区人社局（10件）。",
    "从申请方式看，网上申请60件、信函申请30件、当面申请10件。",
    "受理政府信息公开申请和咨询分别为200件、300件。",
    "其中，区政府本级受理政府信息公开申请30件。",
    /* a breakdown by department: the statement twice in one period, other figures */
    "区教育局受理政府信息公开申请40件，区民政局受理政府信息公开申请20件。",
    "其中区住建局受理政府信息公开申请200件；区规划局受理政府信息公开申请120件。",
    /* other years, changes, approximations */
    "2022年受理政府信息公开申请80件。",
    "上年度受理政府信息公开申请90件。",
    "受理政府信息公开申请数量较上年增加20件，同比增长25%。",
    "全年受理政府信息公开申请约120件。",
    "全年受理政府信息公开申请120余件。",
    "全年受理政府信息公开申请120件以上。",
    /* percentages of something else, ordinals, dates, document numbers */
    "政府信息公开申请按时答复率100%，主动公开率达95%。",
    "第3季度受理政府信息公开申请最多。",
    "报告所列数据统计期限自2023年1月1日起至2023年12月31日止。",
    "根据国办公开办函〔2021〕30号要求编制本报告，联系电话0517-83605210。",
    /* training, columns, social media, accounts */
    "全年开展政务公开培训3次，培训人员200人次。",
    "开设政府信息公开专栏12个，更新信息300条。",
    "政务微博发布信息2000条，政务微信推送信息500条。",
    "全区共有政务新媒体账号88个，其中微信公众号62个。",
    /* documents' disclosure attributes, not requests */
    "全年发文120件，其中主动公开100件、依申请公开15件、不予公开5件。",
    "依申请公开工作规范有序。全年开展信息发布保密审查300余次，经审查不予公开12件。",
    /* other documents, rules of the house */
    "本年度印发政策性文件11件。",
    "建立健全规章制度12项。",
    "本年度清理规章2件、规范性文件20件。",
    "规范性文件备案审查15件。",
    "全年新增公开市政府规章1件、市政府及市政府办政策性文件11件。",
    /* fees that are not 行政事业性收费, reductions */
    "全年收取政府信息公开信息处理费3940元。",
    "全年减免行政事业性收费500万元。",
    "行政事业性收费同比下降15.5万元。",
    /* appeals of the agency in general, next to a sentence on 政务公开 */
    "深化政务公开。全年办理行政复议案件30件。",
    "依申请公开方面，政府信息公开申请均已按时办结。全年办理行政复议案件30件，行政诉讼案件12件。",
    /* decisions published, not made */
    "通过国家企业信用信息公示系统公开行政处罚决定930件。",
    /* decisions that are a part, or not decisions */
    "全年共作出不予行政许可决定3件。",
    "行政处罚案件1500件，行政许可事项办理5000件。",
    /* appeals about other things, or of both kinds at once */
    "办理行政复议案件20件，其中维持15件。",
    "全年办理行政复议案件500件，行政诉讼案件80件。",
    "行政诉讼45件。",
    "行政复议3件、行政诉讼2件，其中维持2件。",
    "力争减少因政府信息公开引发的行政复议和诉讼。",
    "未发生因政府信息公开工作被复议机关纠错的问题以外的其他风险。",
    /* claims that are not claims of none about the table */
    "申请人未收到答复的，可依法申请行政复议。",
    "2022年未发生因政府信息公开引起的行政复议和行政诉讼。",
    "全年未收到群众投诉。",
    "均在法定期限内予以答复，无超期答复情况。",
    "依申请公开2件都已依规依法办结。",
    "全年共发布5件规范性文件。",
};

static const char *const negatives_2019[] = {
    /* lists of powers and duties */
    "梳理公布权责清单事项3500项，其中行政许可200项、行政处罚1500项。",
    "在门户网站集中公开权责清单，其中行政许可250项，比上年减少50项。",
    "全年共办理行政许可事项5000项。",
    /* the change since another year than the last */
    "行政许可事项较2015年减少30项。",
    "收费项目较上年增加2项、减少3项。",
    /* public procurement savings; procurement that is not 集中采购 */
    "政府集中采购节约资金1200万元。",
    "全年完成政府采购项目500项，采购金额8000万元。",
};

static void run_negatives(nb_report *r, const char *const *texts, size_t n) {
    for (size_t k = 0; k < n; k++) {
        nb_findings f = {0};
        nb_narrative_match m[32];
        nb_text t;
        text_of(&t, texts[k]);
        r->byte_start = 0;
        r->byte_end = t.len;
        int nm = nb_narrative_explain(r, &t, m, 32);
        nb_text_free(&t);
        if (nm) {
            for (int i = 0; i < nm; i++) print_message("    matched %s\n", m[i].id);
            fail_msg("\"%s\": matched, but says nothing about the table", texts[k]);
        }
        if (narrative_findings(r, texts[k], &f) != 0) {
            print_findings(&f);
            fail_msg("\"%s\": a finding", texts[k]);
        }
        nb_findings_free(&f);
    }
    print_message("%zu negative sentences\n", n);
}

static void test_negatives(void **state) {
    (void)state;
    nb_report r;
    make_2021(&r);
    run_negatives(&r, negatives_2021, sizeof negatives_2021 / sizeof negatives_2021[0]);
    nb_report_free(&r);
    make_2019(&r);
    run_negatives(&r, negatives_2019, sizeof negatives_2019 / sizeof negatives_2019[0]);
    nb_report_free(&r);
}

/* Every statement and claim of the table is reached by some sentence
 * here, or is named as not yet: a new entry comes with its sentences. */
static void test_every_statement_tried(void **state) {
    (void)state;
    const positive *lists[] = {requests_2021, appeals, active_2021, active_2019};
    const size_t sizes[] = {sizeof requests_2021 / sizeof requests_2021[0], sizeof appeals / sizeof appeals[0],
                            sizeof active_2021 / sizeof active_2021[0], sizeof active_2019 / sizeof active_2019[0]};
    /* changes whose direction the fixture's figures do not have */
    static const char *const untried[] = {
        "active.licensing.more", "active.other_services.fewer", "active.penalty.more",
        "active.coercion.more", "active.fees.fewer",
    };
    for (size_t i = 0; i < nb_statement_count; i++) {
        const char *id = nb_statements[i].id;
        bool tried = false;
        for (size_t l = 0; l < 4 && !tried; l++)
            for (size_t k = 0; k < sizes[l] && !tried; k++) tried = !strcmp(lists[l][k].id, id);
        for (size_t k = 0; k < sizeof untried / sizeof untried[0] && !tried; k++) tried = !strcmp(untried[k], id);
        if (!tried) fail_msg("statement %s has no sentence in tests/test_narrative.c", id);
    }
    for (size_t i = 0; i < nb_claim_count; i++) {
        bool tried = false;
        for (size_t k = 0; k < sizeof claims / sizeof claims[0] && !tried; k++)
            tried = !strcmp(claims[k].id, nb_claims[i].id);
        if (!tried) fail_msg("claim %s has no sentence in tests/test_narrative.c", nb_claims[i].id);
    }
}

/* ------------------------------------------------------------ mutants */

/* The samples' and the corpus's own narratives: every figure a statement
 * matched, changed by one, raises one more finding, on its line; every
 * other number of the narrative (not a year or a date), changed by one,
 * raises none. */

typedef struct mutant_tally {
    int files, related, unrelated;
} mutant_tally;

static int vs_table_count(const nb_document *doc, int report, int line) {
    nb_findings f = {0};
    nb_check_document(doc, report, NULL, &f);
    int n = 0;
    for (int i = 0; i < f.count; i++)
        n += !strcmp(f.items[i].rule, "text.vs_table") && (line == 0 || f.items[i].line == line);
    nb_findings_free(&f);
    return n;
}

/* The document `doc` with source bytes [from, to) replaced by `with`,
 * parsed again; the narrative findings of its report `report` (on `line`
 * only, when not 0). */
static int mutant_count(const nb_document *doc, int report, size_t from, size_t to, const char *with,
                        int line) {
    size_t wl = strlen(with), n = doc->text.len - (to - from) + wl;
    char *bytes = malloc(n + 1);
    assert_non_null(bytes);
    memcpy(bytes, doc->text.utf8, from);
    memcpy(bytes + from, with, wl);
    memcpy(bytes + from + wl, doc->text.utf8 + to, doc->text.len - to);
    nb_text t;
    nb_error err;
    nb_document m;
    assert_int_equal(nb_text_from_bytes(bytes, n, &t, &err), 0);
    free(bytes);
    if (nb_document_parse(&m, doc->path, &t, &err) != 0) fail_msg("%s: %s", doc->path, err.message);
    int count = report < m.nreports ? vs_table_count(&m, report, line) : -1;
    nb_document_free(&m);
    return count;
}

static bool in_narrative(const nb_report *r, size_t at) {
    return at >= r->byte_start && at < r->byte_end && (at < r->tables_start || at >= r->tables_end);
}

/* A run of ASCII digits at [at, end) that is a year, a date, a code. */
static bool date_or_code(const char *s, size_t len, size_t at, size_t end) {
    static const char *const after[] = {"年", "月", "日", "号", "〕", "]", "-", ".", ":", "时", NULL};
    static const char *const before[] = {"〔", "[", "-", ".", ":", "/", NULL};
    for (int k = 0; after[k]; k++)
        if (end + strlen(after[k]) <= len && !memcmp(s + end, after[k], strlen(after[k]))) return true;
    for (int k = 0; before[k]; k++)
        if (at >= strlen(before[k]) && !memcmp(s + at - strlen(before[k]), before[k], strlen(before[k])))
            return true;
    return false;
}

static void mutate_report(const nb_document *doc, int i, mutant_tally *t) {
    const nb_report *r = &doc->reports[i];
    const char *s = doc->text.utf8;
    int base = vs_table_count(doc, i, 0);
    nb_narrative_match m[256];
    int n = nb_narrative_explain(r, &doc->text, m, 256);
    for (int k = 0; k < n; k++) {
        if (m[k].kind != NB_MATCH_COUNT || !m[k].agrees || m[k].stated.scale) continue;
        bool digits = true;
        for (size_t b = m[k].source_start; b < m[k].source_end; b++) digits &= s[b] >= '0' && s[b] <= '9';
        if (!digits) continue;
        /* by one, or (when that is another of the statement's readings,
         * "受理 N 件" being new and carried requests) by two or three */
        char with[32];
        int line = (int)nb_text_line_of(&doc->text, m[k].source_start) + 1;
        bool found = false;
        for (int delta = 1; delta <= 3 && !found; delta++) {
            snprintf(with, sizeof with, "%lld", atoll(s + m[k].source_start) + delta);
            found = mutant_count(doc, i, m[k].source_start, m[k].source_end, with, 0) == base + 1 &&
                    mutant_count(doc, i, m[k].source_start, m[k].source_end, with, line) >= 1;
        }
        if (!found) fail_msg("%s:%d: %s changed to %s raises no finding there", doc->path, line, m[k].id, with);
        t->related++;
    }
    for (size_t at = r->byte_start; at < r->byte_end && at < doc->text.len; at++) {
        if (s[at] < '0' || s[at] > '9' || (at > 0 && s[at - 1] >= '0' && s[at - 1] <= '9')) continue;
        size_t end = at;
        while (end < doc->text.len && s[end] >= '0' && s[end] <= '9') end++;
        bool matched = false;
        for (int k = 0; k < n; k++) matched |= at < m[k].source_end && end > m[k].source_start;
        if (matched || !in_narrative(r, at) || date_or_code(s, doc->text.len, at, end) || end - at > 9) continue;
        char with[32];
        snprintf(with, sizeof with, "%lld", atoll(s + at) + 1);
        int got = mutant_count(doc, i, at, end, with, 0);
        if (got > base)
            fail_msg("%s:%zu: %.*s changed to %s raises a finding", doc->path, nb_text_line_of(&doc->text, at) + 1,
                     (int)(end - at), s + at, with);
        t->unrelated++;
    }
}

static void mutate_folder(const char *dir, const char *const *names, size_t count, mutant_tally *t) {
    for (size_t k = 0; k < count; k++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        nb_document doc;
        nb_error err;
        if (nb_document_load(&doc, path, &err) != 0) continue;
        t->files++;
        for (int i = 0; i < doc.nreports; i++)
            if (doc.reports[i].has_tables && doc.reports[i].tables_start > doc.reports[i].byte_start)
                mutate_report(&doc, i, t);
        nb_document_free(&doc);
    }
}

static void test_mutants_of_real_texts(void **state) {
    (void)state;
    static const char *const samples[] = {
        "fengyuan-2020-gbk.txt",  "hefeng-2022-cells.txt",   "liyuan-2021-w3m-blanks.txt",
        "lubin-2019-w3m.txt",     "luwan-2022-2023-two.txt", "meixi-2024-ctrl.txt",
        "qinghe-2023-browser.txt", "songlan-2020-pipe.txt",  "tangxi-2022-utf16.txt",
        "tongao-2024-layout.txt", "xingchuan-2021-markdown.txt", "yunxiu-2023-inconsistent.txt",
    };
    static const char *const corpus[] = {
        "000_29ccfbf07b74ecd6.txt", "001_7dcd538055e97ab2.txt", "002_1ba3202efab2ed16.txt",
        "003_14adff9be6592cdd.txt", "004_5edd59582b1042bd.txt", "005_huaian_2024.txt",
        "006_hongze_2023.txt",      "007_hongze_2024.txt",
    };
    mutant_tally t = {0, 0, 0};
    const char *src = getenv("NB_SRCDIR"), *shared = getenv("NB_SHARED");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/samples", src ? src : ".");
    mutate_folder(dir, samples, sizeof samples / sizeof samples[0], &t);
    if (shared) {
        snprintf(dir, sizeof dir, "%s/corpus", shared);
        mutate_folder(dir, corpus, sizeof corpus / sizeof corpus[0], &t);
    }
    print_message("%d files: %d figures changed, each found; %d other numbers changed, none raised\n",
                  t.files, t.related, t.unrelated);
    assert_true(t.files >= 12);
    assert_true(t.related >= 50);
}

int main(void) {
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_requests_2021), cmocka_unit_test(test_appeals),
        cmocka_unit_test(test_active_2021),   cmocka_unit_test(test_active_2019),
        cmocka_unit_test(test_claims),        cmocka_unit_test(test_negatives),
        cmocka_unit_test(test_every_statement_tried), cmocka_unit_test(test_mutants_of_real_texts),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
