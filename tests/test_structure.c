/* The sections of a report against the template's (rules
 * structure.heading, structure.sections, structure.article_item) and its
 * statistical period (period.*), on the project's own samples: none is
 * raised on a sample as written; one mutant per problem raises exactly
 * the finding it should, and mutants that only reword a heading, wrap it
 * onto two lines or change a number raise none. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nianbao/check.h"
#include "nianbao/document.h"
#include "testlib.h"

#define SAMPLE "qinghe-2023-browser.txt"

static char *sample_text(const char *name) {
    const char *srcdir = getenv("NB_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/samples/%s", srcdir ? srcdir : ".", name);
    size_t n;
    char *s = nbt_read_file(path, &n);
    if (!s) fail_msg("cannot read %s", path);
    return s;
}

/* `s` with the first `from` replaced by `to` (which must be there). */
static char *replaced(const char *s, const char *from, const char *to) {
    const char *at = strstr(s, from);
    if (!at) fail_msg("the sample no longer holds \"%s\"", from);
    size_t a = (size_t)(at - s), fl = strlen(from), tl = strlen(to), n = strlen(s);
    char *out = malloc(n - fl + tl + 1);
    assert_non_null(out);
    memcpy(out, s, a);
    memcpy(out + a, to, tl);
    memcpy(out + a + tl, at + fl, n - a - fl + 1);
    return out;
}

typedef struct outcome {
    int headings, sections, items; /* structure.heading, .sections, .article_item */
    char first[sizeof ((nb_finding *)0)->message];
} outcome;

/* Parse s and check every report in it, giving each finding to `each`. */
static void each_finding(const char *s, void (*each)(const nb_finding *, void *), void *ctx) {
    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    if (nb_text_from_bytes(s, strlen(s), &t, &err) != 0) fail_msg("%s", err.message);
    nb_document doc;
    if (nb_document_parse(&doc, "mutant.txt", &t, &err) != 0) fail_msg("%s", err.message);
    for (int i = 0; i < doc.nreports; i++) {
        nb_findings f = {0};
        nb_check_document(&doc, i, NULL, &f);
        for (int k = 0; k < f.count; k++) each(&f.items[k], ctx);
        nb_findings_free(&f);
    }
    nb_document_free(&doc);
}

static void tally_structure(const nb_finding *x, void *ctx) {
    outcome *o = ctx;
    bool heading = !strcmp(x->rule, "structure.heading"), sections = !strcmp(x->rule, "structure.sections"),
         item = !strcmp(x->rule, "structure.article_item");
    o->headings += heading;
    o->sections += sections;
    o->items += item;
    if ((heading || sections || item) && !o->first[0]) snprintf(o->first, sizeof o->first, "%s", x->message);
}

static outcome check_text(const char *s) {
    outcome o = {0, 0, 0, ""};
    each_finding(s, tally_structure, &o);
    return o;
}

static outcome check_mutant(const char *from, const char *to) {
    char *s = sample_text(SAMPLE);
    char *m = replaced(s, from, to);
    outcome o = check_text(m);
    free(m);
    free(s);
    return o;
}

static void test_samples_as_written(void **state) {
    (void)state;
    const char *srcdir = getenv("NB_SRCDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/samples", srcdir ? srcdir : ".");
    char *names[64];
    int n = nbt_dir_names(dir, ".txt", names, 64);
    assert_true(n >= 10);
    for (int i = 0; i < n; i++) {
        char *s = sample_text(names[i]);
        outcome o = check_text(s);
        if (o.headings || o.sections || o.items) fail_msg("%s: %s", names[i], o.first);
        free(s);
    }
    nbt_free_names(names, n);
}

static void test_heading_lost_or_added_characters(void **state) {
    (void)state;
    outcome o = check_mutant("三、收到和处理政府信息公开申请情况", "三、收到和处理政府信息申请情况");
    assert_int_equal(o.headings, 1);
    assert_int_equal(o.sections, 0);
    assert_non_null(strstr(o.first, "三、收到和处理政府信息申请情况"));
    assert_non_null(strstr(o.first, "三、收到和处理政府信息公开申请情况"));
    o = check_mutant("二、主动公开政府信息情况", "二、主动公开政府信息况");
    assert_int_equal(o.headings, 1);
    o = check_mutant("一、总体情况", "一、总体工作情况");
    assert_int_equal(o.headings, 1);
}

static void test_heading_worded_otherwise_or_wrapped(void **state) {
    (void)state;
    outcome o = check_mutant("五、存在的主要问题及改进情况", "五、存在的主要问题和下一步工作措施");
    assert_int_equal(o.headings + o.sections, 0);
    o = check_mutant("四、政府信息公开行政复议、行政诉讼情况", "四、政府信息公开行政复议、行政诉讼情\n况");
    assert_int_equal(o.headings + o.sections, 0);
    o = check_mutant("四、政府信息公开行政复议、行政诉讼情况", "**四、政府信息公开行政复议，行政诉讼情况**");
    assert_int_equal(o.headings + o.sections, 0);
}

static void test_section_numbered_wrong_twice_missing_or_out_of_order(void **state) {
    (void)state;
    outcome o = check_mutant("五、存在的主要问题及改进情况", "四、存在的主要问题及改进情况");
    assert_int_equal(o.sections, 1);
    assert_non_null(strstr(o.first, "五"));
    o = check_mutant("五、存在的主要问题及改进情况", "");
    assert_int_equal(o.sections, 1);
    assert_non_null(strstr(o.first, "五"));
    /* the last section gone may be a copy cut short: not named */
    o = check_mutant("六、其他需要报告的事项", "");
    assert_int_equal(o.sections, 0);
    o = check_mutant("一、总体情况", "一、总体情况\n五、存在的主要问题及改进情况");
    assert_true(o.sections >= 1);
}

static void test_article_item_headers(void **state) {
    (void)state;
    /* a header of table 二 naming another item than its rows */
    outcome o = check_mutant("第二十条第（五）项", "第二十条第（六）项");
    assert_int_equal(o.items, 1);
    assert_non_null(strstr(o.first, "第二十条第（六）项 stands over 行政许可"));
    assert_non_null(strstr(o.first, "第二十条第（五）项"));
    o = check_mutant("第二十条第（八）项", "第二十条第（九）项");
    assert_int_equal(o.items, 1);
    assert_non_null(strstr(o.first, "行政事业性收费"));
    /* a header dropped, as many web pages drop them, is not named */
    o = check_mutant("第二十条第（六）项", "");
    assert_int_equal(o.items, 0);
}

typedef struct rule_count {
    const char *rule; /* a prefix: "period." */
    int n;
} rule_count;

static void count_one(const nb_finding *x, void *ctx) {
    rule_count *c = ctx;
    c->n += !strncmp(x->rule, c->rule, strlen(c->rule));
}

/* The findings of `rule` (a prefix: "period.") in text s. */
static int count_rule(const char *s, const char *rule) {
    rule_count c = {rule, 0};
    each_finding(s, count_one, &c);
    return c.n;
}

/* Every sample that states a whole-year period: a mutant that moves its
 * first or last day raises period.partial, one that moves both years
 * raises period.year_mismatch, and the sample as written raises neither. */
static void test_period_mutants(void **state) {
    (void)state;
    const char *srcdir = getenv("NB_SRCDIR");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/samples", srcdir ? srcdir : ".");
    char *names[64];
    int n = nbt_dir_names(dir, ".txt", names, 64), tried = 0;
    for (int i = 0; i < n; i++) {
        char *s = sample_text(names[i]);
        int year = 0;
        const char *at = strstr(s, "统计期限自");
        if (!at || sscanf(at + strlen("统计期限自"), "%d年1月1日", &year) != 1) {
            free(s);
            continue;
        }
        char whole[128], from_sept[128], to_june[128], last_year[128];
        snprintf(whole, sizeof whole, "统计期限自%d年1月1日起至%d年12月31日止", year, year);
        if (!strstr(s, whole)) {
            free(s);
            continue;
        }
        tried++;
        snprintf(from_sept, sizeof from_sept, "统计期限自%d年9月1日起至%d年12月31日止", year, year);
        snprintf(to_june, sizeof to_june, "统计期限自%d年1月1日起至%d年6月30日止", year, year);
        snprintf(last_year, sizeof last_year, "统计期限自%d年1月1日起至%d年12月31日止", year - 1, year - 1);
        if (count_rule(s, "period.")) fail_msg("%s: a period finding as written", names[i]);
        char *m = replaced(s, whole, from_sept);
        if (count_rule(m, "period.partial") != 1) fail_msg("%s: from 9月1日 is not named partial", names[i]);
        free(m);
        m = replaced(s, whole, to_june);
        if (count_rule(m, "period.partial") != 1) fail_msg("%s: to 6月30日 is not named partial", names[i]);
        free(m);
        m = replaced(s, whole, last_year);
        if (count_rule(m, "period.year_mismatch") < 1) fail_msg("%s: last year's period is not named", names[i]);
        if (count_rule(m, "period.partial")) fail_msg("%s: a whole year named partial", names[i]);
        free(m);
        free(s);
    }
    nbt_free_names(names, n);
    assert_true(tried >= 5);
}

static void test_unrelated_change_raises_none(void **state) {
    (void)state;
    outcome o = check_mutant("58\t4\t0\t1\t2\t1\t66", "57\t4\t0\t1\t2\t1\t66");
    assert_int_equal(o.headings + o.sections + o.items, 0);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_samples_as_written),
        cmocka_unit_test(test_heading_lost_or_added_characters),
        cmocka_unit_test(test_article_item_headers),
        cmocka_unit_test(test_period_mutants),
        cmocka_unit_test(test_heading_worded_otherwise_or_wrapped),
        cmocka_unit_test(test_section_numbered_wrong_twice_missing_or_out_of_order),
        cmocka_unit_test(test_unrelated_change_raises_none),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
