/* The YAML of review files: what the emitter writes (exact text), and
 * what the safe reader refuses (with line and column). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "nianbao/review.h"
#include "nianbao/sha256.h"
#include "nianbao/url.h"
#include "nianbao/yamlio.h"
#include "nianbao/yamlread.h"
#include "review_fixture.h"

/* ---------------------------------------------------------------- emitting */

static char *export_doc(const nb_document *doc, int only) {
    char *out = NULL;
    size_t n = 0;
    nb_error err;
    nb_error_clear(&err);
    int rc = nb_yaml_export(doc, only, &out, &n, &err);
    if (rc != 0) fail_msg("export failed: %s", err.message);
    assert_int_equal(strlen(out), n);
    return out;
}

/* A report without tables: the whole export, byte for byte. */
static void test_export_without_tables_exact(void **state) {
    (void)state;
    static const char text[] = "某某县环境保护局2009年政府信息公开工作年度报告\n本年度主动公开信息120条。\n";
    nb_document doc;
    nb_error err;
    memset(&doc, 0, sizeof doc);
    doc.path = strdup("old report.txt");
    assert_int_equal(nb_text_from_bytes(text, sizeof text - 1, &doc.text, &err), 0);
    doc.reports = calloc(1, sizeof *doc.reports);
    doc.nreports = 1;
    snprintf(doc.reports[0].agency, sizeof doc.reports[0].agency, "某某县环境保护局");
    doc.reports[0].year = 2009;
    doc.reports[0].copies = 1;
    snprintf(doc.reports[0].no_tables_reason, sizeof doc.reports[0].no_tables_reason,
             "a narrative report before the 2019 template: no standard tables");
    char hex[65];
    nb_sha256_hex(doc.text.sha256, hex);
    char expected[2048];
    snprintf(expected, sizeof expected,
             "format: nianbao/1\n"
             "source:\n"
             "  file: \"old report.txt\"\n"
             "  sha256: \"%s\"\n"
             "  kind: \"text\"\n"
             "  encoding: \"UTF-8\"\n"
             "  invalid_bytes: 0\n"
             "reports:\n"
             "- agency: \"某某县环境保护局\"\n"
             "  year: 2009\n"
             "  template: null\n"
             "  tables: {}\n"
             "  reason: \"a narrative report before the 2019 template: no standard tables\"\n"
             "  findings: []\n",
             hex);
    char *out = export_doc(&doc, -1);
    assert_string_equal(out, expected);
    free(out);
    nb_document_free(&doc);
}

/* Table rows: template order, map col -> value, decimals as stated, the
 * unit right after its amount, null for a missing cell, CJK unescaped,
 * free text quoted. */
static void test_export_tables_exact_blocks(void **state) {
    (void)state;
    nb_document doc;
    assert_int_equal(fixture_doc(&doc), 0);
    fixture_set(&doc, "active.procurement.amount", 462657, 3);
    fixture_set(&doc, "active.licensing.change", -49, 0);
    fixture_null(&doc, "active.fees.change");
    fixture_set(&doc, "appeals.review.upheld", 13, 0);
    fixture_set(&doc, "appeals.review.other", 1, 0);
    fixture_set(&doc, "appeals.review.pending", 3, 0);
    fixture_set(&doc, "appeals.review.total", 17, 0);
    char *out = export_doc(&doc, 0);
    assert_non_null(strstr(out, "- agency: \"上海市测试区\"\n  year: 2020\n  template: \"2019\"\n  tables:\n    active:\n"));
    assert_non_null(strstr(out,
        "    active:\n"
        "      regulations: {made: 0, published: 0, total_published: 0}\n"
        "      normative_documents: {made: 0, published: 0, total_published: 0}\n"
        "      licensing: {previous_items: 0, change: -49, decisions: 0}\n"
        "      other_services: {previous_items: 0, change: 0, decisions: 0}\n"
        "      penalty: {previous_items: 0, change: 0, decisions: 0}\n"
        "      coercion: {previous_items: 0, change: 0, decisions: 0}\n"
        "      fees: {previous_items: 0, change: null}\n"
        "      procurement: {projects: 0, amount: 462.657, amount_unit: \"万元\"}\n"
        "    applications:\n"
        "      new_received: {natural_person: 0, commercial_enterprise: 0, research_institution: 0, "
        "public_interest_org: 0, legal_service_org: 0, other_org: 0, total: 0}\n"));
    assert_non_null(strstr(out,
        "    appeals:\n"
        "      review: {upheld: 13, corrected: 0, other: 1, pending: 3, total: 17}\n"
        "      suit_direct: {upheld: 0, corrected: 0, other: 0, pending: 0, total: 0}\n"
        "      suit_after_review: {upheld: 0, corrected: 0, other: 0, pending: 0, total: 0}\n"
        "  findings:\n"));
    /* Provenance beside the tables, not instead of them. */
    assert_non_null(strstr(out, "  sources:\n    active.regulations.made: {at: \"3:1-2\", origin: read}\n"));
    assert_non_null(strstr(out, "    active.fees.change: {at: \"3:20-21\", origin: missing}\n"));
    /* The 2019 template's (六) is one row; every row is present in order. */
    const nb_template *tpl = doc.reports[0].tpl;
    const char *prev = out;
    for (int r = 0; r < tpl->nrows; r++) {
        char needle[96];
        snprintf(needle, sizeof needle, "      %s: {", tpl->rows[r].id);
        const char *at = strstr(prev, needle);
        if (!at) fail_msg("row %s missing or out of order", tpl->rows[r].id);
        prev = at;
    }
    free(out);
    nb_document_free(&doc);
}

/* A broken identity is exported with rule, severity, cells, message, line. */
static void test_export_findings_block(void **state) {
    (void)state;
    nb_document doc;
    assert_int_equal(fixture_doc(&doc), 0);
    fixture_set(&doc, "appeals.review.upheld", 1, 0);
    char *out = export_doc(&doc, -1);
    assert_non_null(strstr(out,
        "  findings:\n"
        "  - rule: appeals.total\n"
        "    severity: error\n"
        "    cells: [appeals.review.upheld, appeals.review.corrected, appeals.review.other, "
        "appeals.review.pending, appeals.review.total]\n"
        "    message: \"行政复议·总计 0 ≠ 1 = 结果维持 1\"\n"
        "    line: 3\n"));
    free(out);
    nb_document_free(&doc);
}

static void test_signed_data_is_canonical(void **state) {
    (void)state;
    nb_document doc;
    assert_int_equal(fixture_doc(&doc), 0);
    char *a = NULL, *b = NULL;
    size_t na, nb;
    nb_error err;
    assert_int_equal(nb_yaml_signed_data(&doc.reports[0], &a, &na, &err), 0);
    static const char head[] = "signed_data: nianbao/1\nagency: \"上海市测试区\"\nyear: 2020\ntemplate: \"2019\"\ntables:\n  active:\n    regulations: {made: 0, published: 0, total_published: 0}\n";
    assert_true(na > sizeof head);
    assert_memory_equal(a, head, sizeof head - 1);
    assert_non_null(strstr(a, "    procurement: {projects: 0, amount: 0, amount_unit: \"万元\"}\n"));
    /* Provenance and findings are not signed: only values. */
    assert_null(strstr(a, "sources"));
    assert_null(strstr(a, "findings"));
    doc.reports[0].cells[0].span.line = 99;
    assert_int_equal(nb_yaml_signed_data(&doc.reports[0], &b, &nb, &err), 0);
    assert_string_equal(a, b);
    free(b);
    /* A changed value changes the text. */
    fixture_set(&doc, "appeals.review.total", 5, 0);
    assert_int_equal(nb_yaml_signed_data(&doc.reports[0], &b, &nb, &err), 0);
    assert_string_not_equal(a, b);
    free(a);
    free(b);
    nb_document_free(&doc);
}

/* Text that other YAML readers would turn into booleans, nulls or
 * numbers is quoted; CJK is written as is. */
static void test_free_text_always_quoted(void **state) {
    (void)state;
    nb_document doc;
    assert_int_equal(fixture_doc(&doc), 0);
    snprintf(doc.reports[0].agency, sizeof doc.reports[0].agency, "yes");
    char *out = export_doc(&doc, 0);
    assert_non_null(strstr(out, "- agency: \"yes\"\n"));
    free(out);
    snprintf(doc.reports[0].agency, sizeof doc.reports[0].agency, "0123");
    out = export_doc(&doc, 0);
    assert_non_null(strstr(out, "- agency: \"0123\"\n"));
    free(out);
    snprintf(doc.reports[0].agency, sizeof doc.reports[0].agency, "北京市\"海淀\"区: 2020");
    out = export_doc(&doc, 0);
    assert_non_null(strstr(out, "- agency: \"北京市\\\"海淀\\\"区: 2020\"\n"));
    assert_null(strstr(out, "\\u"));
    assert_null(strstr(out, "!!"));
    free(out);
    nb_document_free(&doc);
}

/* ---------------------------------------------------------------- reading */

/* A minimal valid review file, which the cases below break one way each. */
static const char valid_review[] =
    "format: nianbao/1\n"
    "source:\n"
    "  file: \"fixture.txt\"\n"
    "  sha256: \"0000000000000000000000000000000000000000000000000000000000000000\"\n"
    "  encoding: \"UTF-8\"\n"
    "reports:\n"
    "- agency: \"上海市测试区\"\n"
    "  year: 2020\n"
    "  template: \"2019\"\n"
    "  tables:\n"
    "    appeals:\n"
    "      review: {upheld: 1, corrected: 0, other: 0, pending: 0, total: 1}\n"
    "  findings: []\n"
    "review:\n"
    "  report: 0\n"
    "  reviewer: \"李四\"\n"
    "  edits:\n"
    "  - kind: set\n"
    "    cell: appeals.review.total\n"
    "    before: 0\n"
    "    after: 1\n"
    "    time: \"2026-11-24T12:03:00+08:00\"\n"
    "    reviewer: \"李四\"\n"
    "    reason: null\n"
    "  statuses: []\n"
    "  signoff: null\n"
    "...\n";

static int read_text(const char *text, size_t n, nb_error *err, nb_review_file *f) {
    nb_error_clear(err);
    return nb_yaml_read_review(text, n, f, err);
}

static void test_reader_accepts_valid_file(void **state) {
    (void)state;
    nb_review_file f;
    nb_error err;
    int rc = read_text(valid_review, sizeof valid_review - 1, &err, &f);
    if (rc != 0) fail_msg("refused: %s", err.message);
    assert_int_equal(f.format, 1);
    assert_string_equal(f.source_file, "fixture.txt");
    assert_string_equal(f.report.agency, "上海市测试区");
    assert_int_equal(f.report.year, 2020);
    assert_non_null(f.report.tpl);
    assert_string_equal(f.report.tpl->name, "2019");
    int total = nb_template_find_cell(f.report.tpl, "appeals.review.total");
    assert_true(f.report.cells[total].has_value);
    assert_int_equal(f.report.cells[total].value.units, 1);
    int missing = nb_template_find_cell(f.report.tpl, "applications.total.total");
    assert_false(f.report.cells[missing].has_value);
    assert_int_equal(f.nchanges, 1);
    assert_int_equal(f.changes[0].kind, NB_CHANGE_SET_CELL);
    assert_int_equal(f.changes[0].cell, total);
    assert_int_equal(f.changes[0].after.value.units, 1);
    assert_string_equal(f.changes[0].time, "2026-11-24T12:03:00+08:00");
    assert_string_equal(f.reviewer, "李四");
    assert_false(f.signoff.present);
    nb_review_file_free(&f);
}

/* Replace the first occurrence of `from` in the valid file by `to`. */
static char *variant(const char *from, const char *to) {
    const char *at = strstr(valid_review, from);
    if (!at) fail_msg("fixture text lacks %s", from);
    size_t pre = (size_t)(at - valid_review);
    size_t n = strlen(valid_review) - strlen(from) + strlen(to);
    char *s = malloc(n + 1);
    memcpy(s, valid_review, pre);
    strcpy(s + pre, to);
    strcat(s, at + strlen(from));
    return s;
}

typedef struct bad_case {
    const char *name;
    const char *from, *to;   /* edit of valid_review */
    const char *expect;      /* substring of the message */
    int line;                /* expected 1-based line, 0 = do not check */
} bad_case;

static const bad_case bad_cases[] = {
    {"alias", "    reason: null\n", "    reason: *x\n", "aliases", 24},
    {"anchor", "  reviewer: \"李四\"\n", "  reviewer: &x \"李四\"\n", "anchors", 16},
    {"explicit tag", "  year: 2020\n", "  year: !!str 2020\n", "tags", 8},
    {"duplicate key", "  year: 2020\n", "  year: 2020\n  year: 2021\n", "duplicate key \"year\"", 9},
    {"duplicate cell", "{upheld: 1, corrected: 0,", "{upheld: 1, upheld: 0,", "duplicate key \"upheld\"", 12},
    {"wrong type: year", "  year: 2020\n", "  year: [2020]\n", "year must be", 8},
    {"wrong type: text for number", "review: {upheld: 1,", "review: {upheld: \"1\",", "must be a number", 12},
    {"wrong type: tables", "  tables:\n    appeals:\n      review: {upheld: 1, corrected: 0, other: 0, pending: 0, total: 1}\n",
     "  tables: 5\n", "tables must be a map", 10},
    {"unknown cell id in tables", "corrected: 0, other: 0", "corrected: 0, bogus: 0", "unknown cell id `appeals.review.bogus`", 12},
    {"unknown row", "      review: {", "      reviews: {", "unknown row `appeals.reviews`", 12},
    {"unknown cell id in edit", "    cell: appeals.review.total\n", "    cell: appeals.review.sum\n", "unknown cell id `appeals.review.sum`", 19},
    {"newer format", "format: nianbao/1\n", "format: nianbao/2\n", "newer nianbao", 1},
    {"not a nianbao file", "format: nianbao/1\n", "format: something/1\n", "not a nianbao review file", 1},
    {"bad status", "  statuses: []\n", "  statuses:\n  - {finding: \"a\", status: done}\n", "open, fixed, confirmed_in_source or dismissed", 26},
    {"bad verdict", "  signoff: null\n",
     "  signoff: {reviewer: \"x\", time: \"t\", verdict: ok, source_sha256: \"0000000000000000000000000000000000000000000000000000000000000000\", data_sha256: \"0000000000000000000000000000000000000000000000000000000000000000\"}\n",
     "verdict", 26},
    {"short hash", "0000000000000000000000000000000000000000000000000000000000000000\"\n  encoding", "00\"\n  encoding", "64 lowercase hexadecimal", 4},
    {"unknown source kind", "  encoding: \"UTF-8\"\n", "  kind: \"docx\"\n  encoding: \"UTF-8\"\n",
     "is not text, html or pdf", 5},
    {"two documents", "  signoff: null\n", "  signoff: null\n---\nformat: nianbao/1\n", "more than one YAML document", 27},
    {"no review section", "review:\n  report: 0\n", "reviewx:\n  report: 0\n", "no `review:` section", 1},
    {"set without value", "    after: 1\n", "    after: null\n", "needs a number", 21},
    {"cut at a line boundary", "  signoff: null\n...\n", "  signoff: null\n", "cut short", 26},
    {"unclosed flow", "total: 1}\n  findings", "total: 1\n  findings", "malformed YAML", 0},
    {"edit time not ISO 8601", "    time: \"2026-11-24T12:03:00+08:00\"\n", "    time: \"yesterday\\e[2J\"\n",
     "an edit's `time` must be a date and time in ISO 8601", 22},
    {"edit time without zone", "    time: \"2026-11-24T12:03:00+08:00\"\n", "    time: \"2026-11-24T12:03:00\"\n",
     "ISO 8601", 22},
    {"edit time null", "    time: \"2026-11-24T12:03:00+08:00\"\n", "    time: null\n", "ISO 8601", 22},
    {"source url of another scheme", "  encoding: \"UTF-8\"\n", "  encoding: \"UTF-8\"\n  url: \"file:///etc/passwd\"\n",
     "source.url must be an http:// or https:// address", 6},
    {"source url with a space", "  encoding: \"UTF-8\"\n", "  encoding: \"UTF-8\"\n  url: \"https://a.gov.cn/x y\"\n",
     "source.url must be", 6},
    {"source url with an escape", "  encoding: \"UTF-8\"\n", "  encoding: \"UTF-8\"\n  url: \"https://a.gov.cn/\\e[2J\"\n",
     "source.url must be", 6},
    {"source url empty", "  encoding: \"UTF-8\"\n", "  encoding: \"UTF-8\"\n  url: \"\"\n", "source.url must be", 6},
    {"source url not text", "  encoding: \"UTF-8\"\n", "  encoding: \"UTF-8\"\n  url: [1]\n", "source.url must be text", 6},
    {"source fetched not ISO 8601", "  encoding: \"UTF-8\"\n",
     "  encoding: \"UTF-8\"\n  url: \"https://a.gov.cn/r.html\"\n  fetched: \"yesterday\"\n", "source.fetched must be", 7},
    {"source fetched without url", "  encoding: \"UTF-8\"\n",
     "  encoding: \"UTF-8\"\n  fetched: \"2026-11-24T12:03:00+08:00\"\n", "without source.url", 6},
};

/* source.url and source.fetched (an original fetched from the web) are
 * read back; files without them (every file before them) read as they
 * did; an address longer than NB_URL_MAX_BYTES is refused. */
static void test_reader_source_url(void **state) {
    (void)state;
    nb_review_file f;
    nb_error err;
    char *text = variant("  encoding: \"UTF-8\"\n", "  encoding: \"UTF-8\"\n"
                                                   "  url: \"https://www.example.gov.cn/xxgk/2024/content_88.htm?id=3\"\n"
                                                   "  fetched: \"2026-11-24T12:03:00+08:00\"\n");
    if (read_text(text, strlen(text), &err, &f) != 0) fail_msg("refused: %s", err.message);
    assert_string_equal(f.source_url, "https://www.example.gov.cn/xxgk/2024/content_88.htm?id=3");
    assert_string_equal(f.source_fetched, "2026-11-24T12:03:00+08:00");
    nb_review_file_free(&f);
    free(text);

    if (read_text(valid_review, sizeof valid_review - 1, &err, &f) != 0) fail_msg("refused: %s", err.message);
    assert_null(f.source_url);
    assert_string_equal(f.source_fetched, "");
    nb_review_file_free(&f);

    /* "https://a.gov.cn/" and letters: one byte over the bound */
    char line[NB_URL_MAX_BYTES + 64];
    int n = snprintf(line, sizeof line, "  encoding: \"UTF-8\"\n  url: \"https://a.gov.cn/");
    size_t letters = NB_URL_MAX_BYTES + 1 - strlen("https://a.gov.cn/");
    memset(line + n, 'a', letters);
    strcpy(line + n + letters, "\"\n");
    text = variant("  encoding: \"UTF-8\"\n", line);
    if (read_text(text, strlen(text), &err, &f) == 0) fail_msg("an address of %d bytes was accepted", NB_URL_MAX_BYTES + 1);
    if (!strstr(err.message, "too long")) fail_msg("long address: %s", err.message);
    free(text);
}

/* A sign-off's time is shown to whoever verifies it: only ISO 8601 with
 * the zone is accepted (nianbao-review(5)); anything else, such as a
 * terminal escape sequence, is refused with its line and column. */
static void test_reader_signoff_time(void **state) {
    (void)state;
    static const char *const good[] = {"2026-11-24T12:03:00+08:00", "2026-11-24T04:03:00Z",
                                       "2026-11-24T12:03:00+0800", "2026-02-29T23:59:60.25-05:30"};
    static const char *const bad_times[] = {"2026\\e[2J", "t", "", "2026-11-24", "2026-11-24 12:03:00+08:00",
                                            "2026-11-24T12:03:00", "2026-13-01T00:00:00Z",
                                            "2026-04-31T00:00:00Z", "2026-11-24T24:00:00Z",
                                            "2026-11-24T12:03:00+08:00\\e]0;x\\a", "2026-11-24T12:03:00.Z",
                                            "2026-11-24T12:03:00+8:00", "２０２６-11-24T12:03:00Z"};
    static const char zeros[] = "0000000000000000000000000000000000000000000000000000000000000000";
    for (size_t k = 0; k < sizeof good / sizeof good[0] + sizeof bad_times / sizeof bad_times[0]; k++) {
        bool ok = k < sizeof good / sizeof good[0];
        const char *t = ok ? good[k] : bad_times[k - sizeof good / sizeof good[0]];
        char signoff[600];
        snprintf(signoff, sizeof signoff,
                 "  signoff: {reviewer: \"x\", time: \"%s\", verdict: approved, source_sha256: \"%s\", "
                 "data_sha256: \"%s\"}\n",
                 t, zeros, zeros);
        char *text = variant("  signoff: null\n", signoff);
        nb_review_file f;
        nb_error err;
        int rc = read_text(text, strlen(text), &err, &f);
        if (ok) {
            if (rc != 0) fail_msg("time \"%s\" refused: %s", t, err.message);
            assert_string_equal(f.signoff.time, t);
            nb_review_file_free(&f);
        } else {
            if (rc == 0) fail_msg("time \"%s\" accepted", t);
            if (!strstr(err.message, "ISO 8601")) fail_msg("time \"%s\": %s", t, err.message);
            assert_int_equal(err.line, 26);
            assert_null(strchr(err.message, '\033'));
        }
        free(text);
    }
}

/* sources: provenance is covered by no hash, so the reader checks it:
 * cell ids of the template, places LINE:COLUMN-COLUMN, known origins
 * (bug B10). A valid block is accepted. */
static void test_reader_checks_sources(void **state) {
    (void)state;
    static const struct {
        const char *entry, *expect; /* expect NULL: accepted */
        int column;
    } cases[] = {
        {"    appeals.review.total: {at: \"12:3-4\", origin: read}\n", NULL, 0},
        {"    appeals.review.total: {origin: missing, blank: \"—\"}\n", NULL, 0},
        {"    appeals.review.total: {at: \"1:1-1\", origin: edited}\n", NULL, 0},
        {"    appeals.review.total: {at: \"12:3-4\", page: 3, origin: read}\n", NULL, 0},
        {"    appeals.review.total: {at: \"12:3-4\", page: 0, origin: read}\n", "page must be a whole number", 48},
        {"    applications.bogus.cell: {at: \"45:24-25\", origin: read}\n", "unknown cell id `applications.bogus.cell`", 5},
        {"    appeals.review.tota: {at: \"45:24-25\", origin: read}\n", "unknown cell id `appeals.review.tota`", 5},
        {"    appeals.review.total: {at: \"zzz\", origin: read}\n", "LINE:COLUMN-COLUMN", 32},
        {"    appeals.review.total: {at: \"45:24-25x\", origin: read}\n", "LINE:COLUMN-COLUMN", 32},
        {"    appeals.review.total: {at: \"0:24-25\", origin: read}\n", "LINE:COLUMN-COLUMN", 32},
        {"    appeals.review.total: {at: \"45:24-25\", origin: forged}\n", "read, inferred, missing or edited", 52},
        {"    appeals.review.total: {at: \"45:24-25\", origin: read, extra: 1}\n", "unknown key `extra`", 58},
        {"    appeals.review.total: {at: \"45:24-25\"}\n", "no `origin`", 27},
        {"    appeals.review.total: [1, 2]\n", "must be a map", 27},
        {"    appeals.review.total: {origin: read, blank: [1]}\n", "blank must be text", 49},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char block[300];
        snprintf(block, sizeof block, "  findings: []\n  sources:\n%s", cases[i].entry);
        char *text = variant("  findings: []\n", block);
        nb_review_file f;
        nb_error err;
        int rc = read_text(text, strlen(text), &err, &f);
        if (!cases[i].expect) {
            if (rc != 0) fail_msg("sources %s refused: %s", cases[i].entry, err.message);
            nb_review_file_free(&f);
        } else {
            if (rc == 0) fail_msg("sources %s accepted", cases[i].entry);
            if (!strstr(err.message, cases[i].expect))
                fail_msg("sources %s: message \"%s\" lacks \"%s\"", cases[i].entry, err.message, cases[i].expect);
            if (err.line != 15 || err.column != cases[i].column)
                fail_msg("sources %s: line %d column %d, expected 15 and %d (%s)", cases[i].entry, err.line,
                         err.column, cases[i].column, err.message);
        }
        free(text);
    }
    /* Sources without a template to name their cells. */
    char *text = variant("  template: \"2019\"\n  tables:\n    appeals:\n      review: {upheld: 1, corrected: 0, other: 0, pending: 0, total: 1}\n  findings: []\n",
                         "  template: null\n  tables: {}\n  findings: []\n  sources:\n    appeals.review.total: {origin: read}\n");
    nb_review_file f;
    nb_error err;
    char *edits_cut = strstr(text, "  edits:\n");
    strcpy(edits_cut, "  edits: []\n  statuses: []\n  signoff: null\n...\n");
    if (read_text(text, strlen(text), &err, &f) == 0) fail_msg("sources without a template accepted");
    if (!strstr(err.message, "`template` is null")) fail_msg("sources without a template: %s", err.message);
    free(text);
}

static void test_reader_refuses_bad_files(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
        const bad_case *c = &bad_cases[i];
        char *text = variant(c->from, c->to);
        nb_review_file f;
        nb_error err;
        int rc = read_text(text, strlen(text), &err, &f);
        if (rc == 0) fail_msg("case '%s' was accepted", c->name);
        if (!strstr(err.message, c->expect))
            fail_msg("case '%s': message \"%s\" lacks \"%s\"", c->name, err.message, c->expect);
        if (c->line && err.line != c->line)
            fail_msg("case '%s': line %d, expected %d (%s)", c->name, err.line, c->line, err.message);
        if (c->line) {
            char where[32];
            snprintf(where, sizeof where, "line %d, column", c->line);
            if (!strstr(err.message, where)) fail_msg("case '%s': message lacks \"%s\": %s", c->name, where, err.message);
        }
        free(text);
    }
}

/* The statuses of a review file are read as the parser goes (a hundred
 * thousand of them are never held as a tree): each problem in them is
 * reported word for word, line and column as it was when they were. */
#define X10 "xxxxxxxxxx"
#define X160 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10
static const struct {
    const char *statuses; /* after "  statuses:" */
    const char *message;  /* NULL: accepted */
} status_cases[] = {
    {" []\n", NULL},
    {" null\n", NULL},
    {"\n  - {finding: \"a\", status: fixed, note: \"n\", values: \"0123456789abcdef\"}\n  - {finding: \"b\", status: open}\n", NULL},
    {"\n  - {finding: \"" X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 X10 "xxxxxxxxx\", status: fixed}\n", NULL},
    {"\n  - {finding: \"a\", status: fixed}\n  - {finding: \"a\", status: dismissed}\n",
     "line 27, column 15: finding `a` has two statuses"},
    {"\n  - {finding: \"a\", status: fixed}\n  - just text\n",
     "line 27, column 5: a status must be a map, not a single value"},
    {"\n  - [1, 2]\n", "line 26, column 5: a status must be a map, not a list"},
    {"\n  - null\n", "line 26, column 5: a status must be a map, not null"},
    {"\n  - {finding: \"" X160 "\", status: fixed}\n",
     "line 26, column 15: finding is too long (at most 159 bytes) or holds a NUL"},
    {"\n  - {finding: \"a\\0b\", status: fixed}\n",
     "line 26, column 15: finding is too long (at most 159 bytes) or holds a NUL"},
    {"\n  - {finding: \"a\"}\n", "line 26, column 5: a status has no `status`"},
    {"\n  - {status: fixed}\n", "line 26, column 5: a status has no `finding`"},
    {"\n  - {finding: \"a\", status: done}\n",
     "line 26, column 28: status must be open, fixed, confirmed_in_source or dismissed"},
    {"\n  - {finding: \"a\", status: fixed, note: [1]}\n",
     "line 26, column 41: note must be text, not a list"},
    {"\n  - {finding: \"a\", status: fixed, values: \"0123\"}\n",
     "line 26, column 43: values must be 16 lowercase hexadecimal digits"},
    {"\n  - {finding: [a], status: fixed}\n",
     "line 26, column 15: finding must be text, not a list"},
    {"\n  - {finding: \"a\", finding: \"b\", status: fixed}\n",
     "line 26, column 20: duplicate key \"finding\" (first at line 26)"},
    {"\n  - {finding: *a, status: fixed}\n",
     "line 26, column 15: aliases (*name) are not allowed in a review file"},
    {" {a: 1}\n", "line 25, column 13: review.statuses must be a list, not a map"},
    {" 5\n", "line 25, column 13: review.statuses must be a list, not a single value"},
};

static void test_reader_status_messages(void **state) {
    (void)state;
    for (size_t i = 0; i < sizeof status_cases / sizeof status_cases[0]; i++) {
        char block[600];
        snprintf(block, sizeof block, "  statuses:%s", status_cases[i].statuses);
        char *text = variant("  statuses: []\n", block);
        nb_review_file f;
        nb_error err;
        int rc = read_text(text, strlen(text), &err, &f);
        if (!status_cases[i].message) {
            if (rc != 0) fail_msg("statuses%s refused: %s", status_cases[i].statuses, err.message);
            nb_review_file_free(&f);
        } else {
            if (rc == 0) fail_msg("statuses%s accepted", status_cases[i].statuses);
            if (strcmp(err.message, status_cases[i].message) != 0)
                fail_msg("statuses%s: \"%s\", expected \"%s\"", status_cases[i].statuses, err.message,
                         status_cases[i].message);
        }
        free(text);
    }
}

/* What is wrong before the statuses is said first, as when the whole file
 * was a tree before any of it was read: a newer format, the source, the
 * report, the edits; and so is anything the parser refuses, wherever it
 * is, and a file cut short. Of two bad statuses, the first. */
static void test_reader_status_errors_in_order(void **state) {
    (void)state;
    static const char bad_status[] = "  statuses:\n  - {finding: \"a\", status: done}\n  - {finding: \"b\", status: gone}\n";
    static const struct {
        const char *from, *to; /* a second edit of the file */
        const char *expect;
    } cases[] = {
        {"  signoff: null\n", "  signoff: null\n", "line 26, column 28: status must be"},
        {"format: nianbao/1\n", "format: nianbao/2\n", "line 1, column 9: this file was written in format nianbao/2"},
        {"  sha256: \"0", "  sha256: \"x", "line 4, column 11: source.sha256 must be 64"},
        {"  year: 2020\n", "  year: [2020]\n", "line 8, column 9: year must be"},
        {"    after: 1\n", "    after: null\n", "line 21, column 12: a `set` edit needs a number"},
        {"  signoff: null\n", "  signoff: null\n  reviewer: x\n", "line 29, column 3: duplicate key \"reviewer\" (first at line 16)"},
        {"  signoff: null\n", "  signoff: {a: *b}\n", "line 28, column 16: aliases"},
        {"  signoff: null\n", "  signoff: [\n", "line 29, column 1: malformed YAML"},
        {"  signoff: null\n...\n", "  signoff: null\n", "line 28, column 1: the file ends without its `...` end marker"},
        {"  signoff: null\n", "  signoff: {reviewer: 1}\n", "line 26, column 28: status must be"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *once = variant("  statuses: []\n", bad_status);
        char *at = strstr(once, cases[i].from);
        assert_non_null(at);
        size_t pre = (size_t)(at - once);
        char *text = malloc(strlen(once) + strlen(cases[i].to) + 1);
        assert_non_null(text);
        memcpy(text, once, pre);
        strcpy(text + pre, cases[i].to);
        strcat(text, at + strlen(cases[i].from));
        nb_review_file f;
        nb_error err;
        if (read_text(text, strlen(text), &err, &f) == 0) fail_msg("case %zu accepted", i);
        if (strncmp(err.message, cases[i].expect, strlen(cases[i].expect)) != 0)
            fail_msg("case %zu: \"%s\", expected \"%s...\"", i, err.message, cases[i].expect);
        free(text);
        free(once);
    }
}

/* The streamed list (nb_yaml_parse_tree_streamed): its items come one by
 * one, whole, in order, with their places; the tree keeps the list empty
 * and marked; lists elsewhere, and a map at the path, stay in the tree. */
typedef struct seen_items {
    int n;
    char what[8][32]; /* kind, line and column, and the first scalar */
} seen_items;

static void take_item(void *ctx, const nb_ynode *item) {
    seen_items *s = ctx;
    if (s->n == 8) return;
    const nb_ynode *first = item;
    if (item->kind == NB_YMAP && item->count) first = item->pairs[0].value;
    if (item->kind == NB_YSEQ && item->count) first = item->items[0];
    snprintf(s->what[s->n++], sizeof s->what[0], "%c%d:%d %s", "smq"[item->kind], item->line, item->column,
             first->kind == NB_YSCALAR ? first->text : "-");
}

static int parse_streamed(const char *text, seen_items *seen, nb_ynode **root, nb_error *err) {
    static const char *const path[] = {"a", "b", NULL};
    nb_yaml_stream stream = {path, take_item, seen};
    bool ended;
    memset(seen, 0, sizeof *seen);
    return nb_yaml_parse_tree_streamed(text, strlen(text), &stream, root, &ended, err);
}

static void test_stream_hands_items(void **state) {
    (void)state;
    static const char text[] = "a:\n  b:\n  - 1\n  - {x: 2, b: [7]}\n  - [3, 4]\n  c: 5\nb: [6]\n";
    seen_items seen;
    nb_ynode *root;
    nb_error err;
    if (parse_streamed(text, &seen, &root, &err) != 0) fail_msg("refused: %s", err.message);
    assert_int_equal(seen.n, 3);
    assert_string_equal(seen.what[0], "s3:5 1");
    assert_string_equal(seen.what[1], "m4:5 2");
    assert_string_equal(seen.what[2], "q5:5 3");
    const nb_ynode *list = nb_ynode_get(nb_ynode_get(root, "a"), "b");
    assert_non_null(list);
    assert_int_equal(list->kind, NB_YSEQ);
    assert_true(list->streamed);
    assert_int_equal(list->count, 0);
    assert_int_equal(list->line, 3);
    assert_true(nb_ynode_is(nb_ynode_get(nb_ynode_get(root, "a"), "c"), "5"));
    const nb_ynode *other = nb_ynode_get(root, "b"); /* not at the path */
    assert_false(other->streamed);
    assert_int_equal(other->count, 1);
    nb_ynode_free(root);

    /* a map at the path is no list to stream */
    if (parse_streamed("a:\n  b: {x: 1}\n", &seen, &root, &err) != 0) fail_msg("refused: %s", err.message);
    assert_int_equal(seen.n, 0);
    assert_int_equal(nb_ynode_get(nb_ynode_get(root, "a"), "b")->kind, NB_YMAP);
    nb_ynode_free(root);
    /* nor a list under another key, or one level up */
    if (parse_streamed("x:\n  b: [1]\nb: [2]\na: [3]\n", &seen, &root, &err) != 0) fail_msg("refused: %s", err.message);
    assert_int_equal(seen.n, 0);
    nb_ynode_free(root);
}

/* An item is checked as any node: a duplicate key, an alias or too deep
 * a nesting in it fails the parse at its place (the items before it were
 * handed over; the one being built is freed). */
static void test_stream_items_checked(void **state) {
    (void)state;
    static const struct {
        const char *text, *expect;
        int line, items;
    } cases[] = {
        {"a:\n  b:\n  - {x: 1}\n  - {x: 1, x: 2}\n", "duplicate key \"x\"", 4, 1},
        {"a:\n  b:\n  - {x: 1}\n  - {x: *y}\n", "aliases", 4, 1},
        {"a:\n  b:\n  - {x: &y 1}\n", "anchors", 3, 0},
        {"a:\n  b:\n  - {x: [1, 2}\n", "malformed YAML", 3, 0},
        {"a:\n  b:\n  - 1\n  - 2\n  c: [\n", "malformed YAML", 6, 2},
        {"a:\n  b:\n  - 1\nb: 2\na: 3\n", "duplicate key \"a\"", 5, 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        seen_items seen;
        nb_ynode *root = NULL;
        nb_error err;
        if (parse_streamed(cases[i].text, &seen, &root, &err) == 0) fail_msg("case %zu accepted", i);
        assert_null(root);
        if (!strstr(err.message, cases[i].expect)) fail_msg("case %zu: %s", i, err.message);
        assert_int_equal(err.line, cases[i].line);
        assert_int_equal(seen.n, cases[i].items);
    }
    /* nesting counts from the top of the file, items or not */
    char deep[400];
    int n = snprintf(deep, sizeof deep, "a:\n  b:\n  - ");
    for (int k = 0; k < NB_YAML_MAX_DEPTH; k++) deep[n++] = '[';
    deep[n] = '\0';
    seen_items seen;
    nb_ynode *root = NULL;
    nb_error err;
    assert_int_equal(parse_streamed(deep, &seen, &root, &err), -1);
    if (!strstr(err.message, "nested deeper than 64")) fail_msg("deep: %s", err.message);
    assert_int_equal(err.line, 3);
    assert_int_equal(err.column, 5 + NB_YAML_MAX_DEPTH - 3); /* a, b and the list are 3 levels */
    assert_int_equal(seen.n, 0);
}

/* 10000 levels of nesting: refused at level 65, without libyaml's
 * quadratic walk over the rest. */
static void count_item(void *ctx, const nb_ynode *item) {
    (void)item;
    ++*(long *)ctx;
}

/* The event bound keeps the tree small: a streamed list's items stop
 * counting once handed over, so a list longer than the bound is read
 * (held in the tree, the same list is refused: test_size_bound). */
static void test_stream_beyond_event_bound(void **state) {
    (void)state;
    long n = NB_YAML_MAX_EVENTS + 1000;
    size_t len = (size_t)n * 2 + 64;
    char *text = malloc(len), *p = text;
    assert_non_null(text);
    p += sprintf(p, "a:\n  b: [");
    for (long i = 0; i < n; i++) p += sprintf(p, i ? ",x" : "x");
    sprintf(p, "]\n");
    static const char *const path[] = {"a", "b", NULL};
    long items = 0;
    nb_yaml_stream stream = {path, count_item, &items};
    nb_ynode *root = NULL;
    bool ended;
    nb_error err;
    assert_int_equal(nb_yaml_parse_tree_streamed(text, strlen(text), &stream, &root, &ended, &err), 0);
    assert_int_equal(items, n);
    nb_ynode_free(root);
    free(text); /* the same list held in the tree: test_size_bound */
}

static void test_deep_nesting_refused_fast(void **state) {
    (void)state;
    size_t depth = 10000;
    char *s = malloc(depth * 2 + 16);
    size_t n = 0;
    n += (size_t)sprintf(s, "a: ");
    for (size_t i = 0; i < depth; i++) s[n++] = '[';
    for (size_t i = 0; i < depth; i++) s[n++] = ']';
    s[n] = '\0';
    nb_ynode *root = NULL;
    nb_error err;
    assert_int_equal(nb_yaml_parse_tree(s, n, &root, &err), -1);
    assert_null(root);
    assert_non_null(strstr(err.message, "nested deeper than 64"));
    assert_int_equal(err.line, 1);
    assert_int_equal(err.column, 3 + 64); /* the root map is level 1 */
    /* Block nesting too. */
    char *b = malloc(depth * (depth < 200 ? depth : 200) + 16);
    size_t m = 0;
    for (size_t i = 0; i < 200; i++) {
        for (size_t k = 0; k < i; k++) b[m++] = ' ';
        m += (size_t)sprintf(b + m, "k%zu:\n", i);
    }
    b[m] = '\0';
    assert_int_equal(nb_yaml_parse_tree(b, m, &root, &err), -1);
    assert_non_null(strstr(err.message, "nested deeper"));
    free(b);
    free(s);
}

static void test_billion_laughs_refused(void **state) {
    (void)state;
    static const char lol[] = "a: &a [\"lol\",\"lol\"]\nb: &b [*a,*a,*a,*a]\nc: [*b,*b,*b,*b]\n";
    nb_ynode *root = NULL;
    nb_error err;
    assert_int_equal(nb_yaml_parse_tree(lol, sizeof lol - 1, &root, &err), -1);
    assert_non_null(strstr(err.message, "anchors"));
    assert_int_equal(err.line, 1);
}

static void test_truncated_and_garbage_refused(void **state) {
    (void)state;
    nb_review_file f;
    nb_error err;
    /* Cut the valid file at every length: never accepted as a complete
     * review unless the cut lands after the last required part. */
    size_t full = sizeof valid_review - 1;
    int accepted = 0;
    for (size_t n = 0; n < full; n++) {
        if (read_text(valid_review, n, &err, &f) == 0) {
            accepted++;
            nb_review_file_free(&f);
        } else {
            assert_true(err.message[0] != '\0');
        }
    }
    /* Review files end with `...`: a cut anywhere before it is refused,
     * even one at a line boundary that leaves valid YAML. Only dropping
     * the final newline keeps the file whole. */
    assert_int_equal(accepted, 1);
    /* Binary garbage. */
    unsigned char garbage[4096];
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < sizeof garbage; i++) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        garbage[i] = (unsigned char)x;
    }
    assert_int_equal(read_text((const char *)garbage, sizeof garbage, &err, &f), -1);
    assert_true(err.message[0] != '\0');
    /* NUL bytes and invalid UTF-8. */
    static const char nul[] = "format: nianbao/1\n\0\0\0";
    assert_int_equal(read_text(nul, sizeof nul - 1, &err, &f), -1);
    static const char bad_utf8[] = "format: \"\xff\xfe\"\n";
    assert_int_equal(read_text(bad_utf8, sizeof bad_utf8 - 1, &err, &f), -1);
    /* Empty. */
    assert_int_equal(read_text("", 0, &err, &f), -1);
    assert_non_null(strstr(err.message, "empty"));
    /* A scalar document, a list document. */
    assert_int_equal(read_text("hello\n", 6, &err, &f), -1);
    assert_non_null(strstr(err.message, "must be a map"));
    assert_int_equal(read_text("- 1\n", 4, &err, &f), -1);
}

static void test_size_bound(void **state) {
    (void)state;
    size_t n = NB_YAML_MAX_BYTES + 1;
    char *big = malloc(n);
    memset(big, ' ', n);
    nb_ynode *root;
    nb_error err;
    assert_int_equal(nb_yaml_parse_tree(big, n, &root, &err), -1);
    assert_non_null(strstr(err.message, "larger than"));
    free(big);
    /* Many events within the size bound: a flat list of a million items. */
    size_t items = NB_YAML_MAX_EVENTS;
    char *many = malloc(items * 2 + 8);
    size_t m = 0;
    many[m++] = '[';
    for (size_t i = 0; i < items; i++) {
        many[m++] = '1';
        many[m++] = ',';
    }
    many[m - 1] = ']';
    assert_int_equal(nb_yaml_parse_tree(many, m, &root, &err), -1);
    assert_non_null(strstr(err.message, "YAML events"));
    free(many);
}

/* Strings come back byte for byte, control characters included: the TUI
 * sanitises what it draws, the reader must not alter data. */
static void test_strings_keep_control_characters(void **state) {
    (void)state;
    static const char doc[] = "a: \"esc\\e[31m bell\\a cr\\r\\u202e\"\nb: |\n  two\n  lines\n";
    nb_ynode *root;
    nb_error err;
    assert_int_equal(nb_yaml_parse_tree(doc, sizeof doc - 1, &root, &err), 0);
    const nb_ynode *a = nb_ynode_get(root, "a");
    assert_non_null(a);
    assert_string_equal(a->text, "esc\x1b[31m bell\a cr\r\xe2\x80\xae");
    assert_string_equal(nb_ynode_get(root, "b")->text, "two\nlines\n");
    nb_ynode_free(root);
}

/* What begins a review file: its `format:` key first, after comments,
 * blank lines, directives and `---`; a report's first line never is. */
static void test_review_head(void **state) {
    (void)state;
    static const char *const reviews[] = {
        "format: nianbao/1\nsource:\n",
        "\xEF\xBB\xBF# checked by hand\n\n---\nformat: nianbao/1\n",
        "%YAML 1.1\n---\n\"format\": \"nianbao/1\"\n",
        "# only comments so far\n# ...",
        "",
    };
    static const char *const others[] = {
        "三、收到和处理政府信息公开申请情况\nformat: nianbao/1\n",
        "  format: nianbao/1\n",
        "source:\n  file: a.txt\nformat: nianbao/1\n",
        "formats: 1\n",
        "---\n- format: nianbao/1\n",
    };
    for (size_t i = 0; i < sizeof reviews / sizeof reviews[0]; i++)
        assert_true(nb_review_head_is_review(reviews[i], strlen(reviews[i])));
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        assert_false(nb_review_head_is_review(others[i], strlen(others[i])));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_export_without_tables_exact),
        cmocka_unit_test(test_export_tables_exact_blocks),
        cmocka_unit_test(test_export_findings_block),
        cmocka_unit_test(test_signed_data_is_canonical),
        cmocka_unit_test(test_free_text_always_quoted),
        cmocka_unit_test(test_reader_accepts_valid_file),
        cmocka_unit_test(test_reader_refuses_bad_files),
        cmocka_unit_test(test_reader_signoff_time),
        cmocka_unit_test(test_reader_source_url),
        cmocka_unit_test(test_reader_checks_sources),
        cmocka_unit_test(test_reader_status_messages),
        cmocka_unit_test(test_reader_status_errors_in_order),
        cmocka_unit_test(test_stream_hands_items),
        cmocka_unit_test(test_stream_items_checked),
        cmocka_unit_test(test_stream_beyond_event_bound),
        cmocka_unit_test(test_deep_nesting_refused_fast),
        cmocka_unit_test(test_billion_laughs_refused),
        cmocka_unit_test(test_truncated_and_garbage_refused),
        cmocka_unit_test(test_size_bound),
        cmocka_unit_test(test_strings_keep_control_characters),
        cmocka_unit_test(test_review_head),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
