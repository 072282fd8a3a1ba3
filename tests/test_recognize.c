/* Unit tests of tokenising and recognition on small inline texts: the
 * token stream of each layout, and whole reports in layouts the corpus
 * lacks (markdown, box-drawn grids, space-aligned columns, a row per line
 * with tabs, one cell per line), all with made-up numbers and blanks. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nianbao/cells.h"
#include "nianbao/recognize.h"
#include "nianbao/check.h"
#include "nianbao/document.h"
#include "nianbao/report.h"
#include "testlib.h"

/* ---- helpers ------------------------------------------------------------------ */

static void text_of(const char *s, nb_text *t) {
    nb_error err;
    memset(&err, 0, sizeof err);
    assert_int_equal(nb_text_from_bytes(s, strlen(s), t, &err), 0);
}

static void tokens_of(const char *s, nb_text *t, nb_token_list *tl) {
    text_of(s, t);
    memset(tl, 0, sizeof *tl);
    assert_int_equal(nb_tokenize(t, 0, t->len, tl), 0);
}

static void parse(const char *s, nb_document *doc) {
    nb_text t;
    nb_error err;
    memset(&err, 0, sizeof err);
    text_of(s, &t);
    assert_int_equal(nb_document_parse(doc, "inline", &t, &err), 0);
}

/* Value of cell "table.row.col" as a string ("null" when empty). */
static const char *cell_str(const nb_report *r, const char *id, char *buf, size_t cap) {
    int ci = nb_template_find_cell(r->tpl, id);
    if (ci < 0) return "no-such-cell";
    if (!r->cells[ci].has_value) return "null";
    nb_number_format(r->cells[ci].value, buf, cap);
    return buf;
}

#define assert_cell(r, id, want)                                          \
    do {                                                                  \
        char buf_[48];                                                    \
        assert_string_equal(cell_str((r), (id), buf_, sizeof buf_), (want)); \
    } while (0)

/* ---- words and tokens ---------------------------------------------------------- */

/* "2O", "l5" and "4。7" are mangled numbers: number tokens without a
 * value. Labels, units, years, dates, document numbers, enumerators and
 * a cell of several values ("3 0 0 3") never are. */
static void test_tokens_mangled(void **state) {
    (void)state;
    nb_text t;
    nb_token_list tl;
    tokens_of("一、本年新收\t2O\tl5\t4。7\t12\n", &t, &tl);
    int mangled = 0, numbers = 0;
    for (size_t i = 0; i < tl.n; i++) {
        if (tl.v[i].kind != NB_TOKEN_NUMBER) continue;
        numbers++;
        if (tl.v[i].mangled) {
            mangled++;
            assert_true(tl.v[i].absurd);
        }
    }
    assert_int_equal(numbers, 4);
    assert_int_equal(mangled, 3);
    nb_token_list_free(&tl);
    nb_text_free(&t);
    const char *plain[] = {
        "2024年\t国办公开办函〔2021〕30号\t1.属于国家秘密\t3.\tNo.1\tISO9001\tIO\tl\tO\n",
        "统计期限 2024.1.1 至 2024.12.31 第 3 页 共 5 页 万元 (万元) 件\n",
        "报告编号 2O24-OOl 〔2O21〕 I 2 3\n",
        "1。属于国家秘密 3。 。5 12 34\n",
        "一、本年新收\t3 0 0 0 3\t2 8\n",
    };
    for (size_t k = 0; k < sizeof plain / sizeof plain[0]; k++) {
        tokens_of(plain[k], &t, &tl);
        for (size_t i = 0; i < tl.n; i++)
            if (tl.v[i].mangled)
                fail_msg("\"%.*s\" taken for a mangled number", (int)(tl.v[i].byte_end - tl.v[i].byte_start),
                         t.utf8 + tl.v[i].byte_start);
        nb_token_list_free(&tl);
        nb_text_free(&t);
    }
}

static void test_number_words(void **state) {
    (void)state;
    nb_number n;
    char unit[24];
    bool absurd;
    assert_true(nb_parse_number_word("462.657万元", strlen("462.657万元"), &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, 462657);
    assert_int_equal(n.scale, 3);
    assert_string_equal(unit, "万元");
    assert_true(nb_parse_number_word("67552.91(万元)", strlen("67552.91(万元)"), &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, 6755291);
    assert_string_equal(unit, "万元");
    assert_true(nb_parse_number_word("67552.91（万元）", strlen("67552.91（万元）"), &n, unit, sizeof unit, &absurd));
    assert_string_equal(unit, "万元");
    assert_true(nb_parse_number_word("-49", 3, &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, -49);
    assert_true(nb_parse_number_word("+6", 2, &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, 6);
    assert_true(nb_parse_number_word("—3", strlen("—3"), &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, -3);
    assert_true(nb_parse_number_word("－3", strlen("－3"), &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, -3);
    assert_true(nb_parse_number_word("１２３", strlen("１２３"), &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, 123);
    assert_true(nb_parse_number_word("1,234,567", 9, &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, 1234567);
    assert_true(nb_parse_number_word("**12**", 6, &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, 12);
    assert_true(nb_parse_number_word("12*", 3, &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, 12);
    assert_true(nb_parse_number_word("5万元①", strlen("5万元①"), &n, unit, sizeof unit, &absurd));
    assert_string_equal(unit, "万元");
    assert_true(nb_parse_number_word("12件", strlen("12件"), &n, unit, sizeof unit, &absurd));
    assert_int_equal(n.units, 12);
    assert_string_equal(unit, "");
    /* not numbers: enumerators, dates, percentages, bad grouping */
    assert_false(nb_parse_number_word("3.", 2, &n, unit, sizeof unit, &absurd));
    assert_false(nb_parse_number_word("1.属于国家秘密", strlen("1.属于国家秘密"), &n, unit, sizeof unit, &absurd));
    assert_false(nb_parse_number_word("2024年", strlen("2024年"), &n, unit, sizeof unit, &absurd));
    assert_false(nb_parse_number_word("92.58%", 6, &n, unit, sizeof unit, &absurd));
    assert_false(nb_parse_number_word("1,2", 3, &n, unit, sizeof unit, &absurd));
    /* absurdly long: recognised as a number that cannot be a value */
    assert_true(nb_parse_number_word("12345678901234567890", 20, &n, unit, sizeof unit, &absurd));
    assert_true(absurd);
}

static void test_blank_words(void **state) {
    (void)state;
    const char *blank[] = {"—", "-", "/", "无", "——", "－", "／", "--", "_", "______"};
    for (size_t i = 0; i < sizeof blank / sizeof blank[0]; i++)
        assert_true(nb_is_blank_word(blank[i], strlen(blank[i])));
    const char *not_blank[] = {"0", "无法提供", "-3", "a", "_5_", "0___"};
    for (size_t i = 0; i < sizeof not_blank / sizeof not_blank[0]; i++)
        assert_false(nb_is_blank_word(not_blank[i], strlen(not_blank[i])));
}

static void test_tokens_tab_fields(void **state) {
    (void)state;
    nb_text t;
    nb_token_list tl;
    /* a row copied from a browser: label, value, empty field, NBSP-padded value */
    tokens_of("规章\t3\t\t\xc2\xa0" "7\n\t\n", &t, &tl);
    assert_int_equal(tl.n, 5);
    assert_int_equal(tl.v[0].kind, NB_TOKEN_LABEL);
    assert_string_equal(nb_token_text(&tl, &tl.v[0]), "规章");
    assert_int_equal(tl.v[1].kind, NB_TOKEN_NUMBER);
    assert_int_equal(tl.v[1].number.units, 3);
    assert_int_equal(tl.v[2].kind, NB_TOKEN_BLANK);
    assert_int_equal(tl.v[3].kind, NB_TOKEN_NUMBER);
    assert_int_equal(tl.v[3].number.units, 7);
    assert_int_equal(tl.v[4].kind, NB_TOKEN_BLANK); /* "\t" alone: an empty cell */
    /* spans: line and character columns */
    assert_int_equal(tl.v[1].line, 1);
    assert_int_equal(tl.v[1].col_start, 4);
    assert_int_equal(tl.v[1].col_end, 5);
    assert_int_equal(tl.v[4].line, 2);
    nb_token_list_free(&tl);
    nb_text_free(&t);
}

static void test_tokens_pipes(void **state) {
    (void)state;
    nb_text t;
    nb_token_list tl;
    /* scraped "cell |" lines with "|||" filler, a markdown row with blanks,
     * and signs written apart from their numbers */
    tokens_of("286 |\n|||\n8388 | ||\n| 规章 | 1 |  | — | 4 |\n|---|:--:|\n| - 49 | + 6 |\n", &t, &tl);
    assert_int_equal(tl.n, 10);
    assert_int_equal(tl.v[0].number.units, 286);
    assert_int_equal(tl.v[1].kind, NB_TOKEN_BLANK); /* a line of bars: one blank */
    assert_int_equal(tl.v[1].line, 2);
    assert_int_equal(tl.v[2].number.units, 8388); /* "| ||" after a cell: nothing */
    assert_int_equal(tl.v[3].kind, NB_TOKEN_LABEL);
    assert_int_equal(tl.v[4].number.units, 1);
    assert_int_equal(tl.v[5].kind, NB_TOKEN_BLANK);
    assert_string_equal(tl.v[5].blank_text, "");
    assert_int_equal(tl.v[6].kind, NB_TOKEN_BLANK);
    assert_string_equal(tl.v[6].blank_text, "—");
    assert_int_equal(tl.v[7].number.units, 4);
    assert_int_equal(tl.v[8].kind, NB_TOKEN_NUMBER);
    assert_int_equal(tl.v[8].number.units, -49);
    assert_int_equal(tl.v[8].col_start, 3);
    assert_int_equal(tl.v[9].number.units, 6);
    nb_token_list_free(&tl);
    nb_text_free(&t);
}

static void test_tokens_box_and_furniture(void **state) {
    (void)state;
    nb_text t;
    nb_token_list tl;
    tokens_of("┌────┬──┬──┐\n│行政许可│ 12 │    │\n├────┼──┼──┤\n- 3 -\n\xc2\xa0\n第 2 页\n· 4 ·\n2024 年 5 月\n", &t, &tl);
    /* label, 12, blank (grid cell), blank (NBSP line), then the date as text */
    assert_int_equal(tl.n, 5);
    assert_int_equal(tl.v[0].kind, NB_TOKEN_LABEL);
    assert_int_equal(tl.v[1].number.units, 12);
    assert_int_equal(tl.v[2].kind, NB_TOKEN_BLANK);
    assert_int_equal(tl.v[3].kind, NB_TOKEN_BLANK);
    assert_int_equal(tl.v[4].kind, NB_TOKEN_LABEL);
    nb_token_list_free(&tl);
    nb_text_free(&t);
}

static void test_tokens_space_aligned(void **state) {
    (void)state;
    nb_text t;
    nb_token_list tl;
    tokens_of("（二）部分公开（区分处理的，只计这一情 形，不       447   7    0\n", &t, &tl);
    assert_int_equal(tl.n, 4);
    assert_int_equal(tl.v[0].kind, NB_TOKEN_LABEL);
    assert_string_equal(nb_token_text(&tl, &tl.v[0]), "(二)部分公开(区分处理的,只计这一情形,不");
    assert_int_equal(tl.v[1].number.units, 447);
    /* display columns: the label is 44 columns of CJK and brackets */
    assert_true(tl.v[2].dcol_start > tl.v[1].dcol_end);
    nb_token_list_free(&tl);
    nb_text_free(&t);
}

/* html2text rows have no opening bar: the spaces after the last bar are
 * the last cell, empty; with an opening bar, the last bar closes the row. */
static void test_tokens_trailing_empty_field(void **state) {
    (void)state;
    nb_text t;
    nb_token_list tl;
    tokens_of("3 | 1 |  |   \n| 5 |  |\n", &t, &tl);
    assert_int_equal(tl.n, 6);
    assert_int_equal(tl.v[0].number.units, 3);
    assert_int_equal(tl.v[1].number.units, 1);
    assert_int_equal(tl.v[2].kind, NB_TOKEN_BLANK);
    assert_int_equal(tl.v[3].kind, NB_TOKEN_BLANK); /* the trailing field */
    assert_int_equal(tl.v[3].line, 1);
    assert_int_equal(tl.v[4].number.units, 5);
    assert_int_equal(tl.v[5].kind, NB_TOKEN_BLANK); /* "|  |": one field, then the end */
    assert_int_equal(tl.v[5].line, 2);
    nb_token_list_free(&tl);
    nb_text_free(&t);
    /* a first cell left empty: html2text's " | ", a browser's leading tab
     * in a row of values; a tab before a lone value is indentation */
    tokens_of(" |  | 7  \n\t\t1\t2\n\t0\n", &t, &tl);
    assert_int_equal(tl.n, 8);
    assert_int_equal(tl.v[0].kind, NB_TOKEN_BLANK);
    assert_int_equal(tl.v[1].kind, NB_TOKEN_BLANK);
    assert_int_equal(tl.v[2].number.units, 7);
    assert_int_equal(tl.v[3].kind, NB_TOKEN_BLANK);
    assert_int_equal(tl.v[4].kind, NB_TOKEN_BLANK);
    assert_int_equal(tl.v[5].number.units, 1);
    assert_int_equal(tl.v[6].number.units, 2);
    assert_int_equal(tl.v[7].number.units, 0);
    nb_token_list_free(&tl);
    nb_text_free(&t);
}

/* One cell per line, rows ended by empty lines: a line of one space is an
 * empty cell. Where no line is truly empty, space lines mean nothing. */
static void test_tokens_space_line_cells(void **state) {
    (void)state;
    nb_text t;
    nb_token_list tl;
    tokens_of("规章 \n1 \n \n3 \n\n行政规范性文件 \n4 \n5 \n6 \n\n行政许可 \n \n", &t, &tl);
    assert_int_equal(tl.n, 10);
    assert_int_equal(tl.v[2].kind, NB_TOKEN_BLANK);
    assert_int_equal(tl.v[2].line, 3);
    assert_int_equal(tl.v[3].number.units, 3);
    assert_int_equal(tl.v[4].kind, NB_TOKEN_LABEL);
    assert_int_equal(tl.v[9].kind, NB_TOKEN_BLANK);
    nb_token_list_free(&tl);
    nb_text_free(&t);
    tokens_of("规章 \n1 \n \n3 \n \n行政规范性文件 \n4 \n5 \n6 \n \n行政许可 \n \n", &t, &tl);
    assert_int_equal(tl.n, 8); /* no truly empty line: no blanks */
    nb_token_list_free(&tl);
    nb_text_free(&t);
}

static void test_row_matching(void **state) {
    (void)state;
    const nb_template *tpl = nb_template_get(NB_TEMPLATE_2021, false);
    int misc = nb_template_find_row(tpl, NB_TABLE_APPLICATIONS, "other_misc");
    int law = nb_template_find_row(tpl, NB_TABLE_APPLICATIONS, "withheld_prohibited_by_law");
    char f[128];
    nb_fold_text("3、其他", strlen("3、其他"), f, sizeof f);
    assert_true(nb_row_matches(tpl, misc, f));
    nb_fold_text("（六）其他处理", strlen("（六）其他处理"), f, sizeof f);
    assert_false(nb_row_matches(tpl, misc, f));
    nb_fold_text("2.其他法律行政止公开", strlen("2.其他法律行政止公开"), f, sizeof f);
    assert_true(nb_row_matches(tpl, law, f));
}

/* ---- whole reports in layouts the corpus lacks ------------------------------------ */

typedef enum layout {
    L_MARKDOWN,
    L_BOX,
    L_TABS,
    L_CELL_PER_LINE,
    L_SPACES,
    L_HTML2TEXT,
    L_CSV,
    L_SPACED_CELLS /* one cell per line, an empty line after each, nothing in an empty cell */
} layout;

typedef struct buf {
    char *s;
    size_t n, cap;
} buf;

static void put(buf *b, const char *s) {
    size_t l = strlen(s);
    if (b->n + l + 1 > b->cap) {
        b->cap = (b->n + l + 1) * 2;
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    memcpy(b->s + b->n, s, l + 1);
    b->n += l;
}

/* One table row in the given layout: cells[0] is the label. */
static void put_row(buf *b, layout lay, const char *const *cells, int n) {
    switch (lay) {
    case L_MARKDOWN:
        put(b, "|");
        for (int i = 0; i < n; i++) {
            put(b, " ");
            put(b, cells[i]);
            put(b, " |");
        }
        put(b, "\n");
        break;
    case L_BOX:
        put(b, "│");
        for (int i = 0; i < n; i++) {
            put(b, cells[i]);
            put(b, "│");
        }
        put(b, "\n├──────┼────┼────┼────┤\n");
        break;
    case L_HTML2TEXT:
        /* html2text: bars between cells only, two trailing spaces */
        for (int i = 0; i < n; i++) {
            if (i) put(b, " | ");
            put(b, cells[i]);
        }
        put(b, "  \n");
        break;
    case L_CSV:
        for (int i = 0; i < n; i++) {
            if (i) put(b, ",");
            put(b, cells[i]);
        }
        put(b, "\n");
        break;
    case L_TABS:
        for (int i = 0; i < n; i++) {
            if (i) put(b, "\t");
            put(b, cells[i]);
        }
        put(b, "\n");
        break;
    case L_SPACED_CELLS:
        for (int i = 0; i < n; i++) {
            put(b, cells[i]);
            put(b, "\n\n");
        }
        break;
    case L_CELL_PER_LINE:
        for (int i = 0; i < n; i++) {
            put(b, cells[i][0] ? cells[i] : "\xc2\xa0");
            put(b, "\n\n");
        }
        break;
    case L_SPACES: {
        /* pdftotext -layout: the label padded to 44 columns, values right-
         * aligned in 8-column fields; an empty cell is only spaces */
        int w = nb_display_width(cells[0], strlen(cells[0]));
        if (w > 42 && n > 1) {
            /* a long label stands on its own line, its numbers below */
            put(b, cells[0]);
            put(b, "\n");
            w = 0;
        } else {
            put(b, cells[0]);
        }
        for (int k = w; k < 44; k++) put(b, " ");
        for (int i = 1; i < n; i++) {
            int cw = nb_display_width(cells[i], strlen(cells[i]));
            for (int k = cw; k < 8; k++) put(b, " ");
            put(b, cells[i]);
        }
        put(b, "\n\n");
        break;
    }
    }
}

/* Made-up values; a few cells hold a blank of some kind. */
static const char *app_value(int r, int c, char *tmp) {
    if (r == 1 && c == 2) return "";
    if (r == 3 && c == 4) return "—";
    if (r == 6 && c == 1) return "/";
    if (r == 9 && c == 5) return "无";
    if (r == 12 && c == 0) return "-";
    sprintf(tmp, "%d", (r * 3 + c * 5) % 9 + (c == 6 ? 10 : 0));
    return tmp;
}

static char *make_report(layout lay) {
    buf b = {0};
    const nb_template *tpl = nb_template_get(NB_TEMPLATE_2021, false);
    put(&b, "云岭县人民政府\n2022年政府信息公开工作年度报告\n\n");
    put(&b, "本报告所列数据统计期限自2022年1月1日起至2022年12月31日止。\n");
    put(&b, "一、总体情况\n2022年，我县依法公开政府信息。\n二、主动公开政府信息情况\n");
    const char *h1[] = {"第二十条第（一）项"};
    put_row(&b, lay, h1, 1);
    if (lay == L_MARKDOWN) put(&b, "|---|\n");
    const char *h2[] = {"信息内容", "本年制发件数", "本年废止件数", "现行有效件数"};
    put_row(&b, lay, h2, 4);
    const char *r1[] = {"规章", "1", "0", "3"};
    put_row(&b, lay, r1, 4);
    const char *r2[] = {"行政规范性文件", "4", "—", "20"};
    put_row(&b, lay, r2, 4);
    const char *h3[] = {"信息内容", "本年处理决定数量"};
    put_row(&b, lay, h3, 2);
    const char *r3[] = {"行政许可", "100"};
    put_row(&b, lay, r3, 2);
    const char *r4[] = {"行政处罚", "200"};
    put_row(&b, lay, r4, 2);
    const char *r5[] = {"行政强制", "5"};
    put_row(&b, lay, r5, 2);
    const char *h4[] = {"信息内容", "本年收费金额（单位：万元）"};
    put_row(&b, lay, h4, 2);
    const char *r6[] = {"行政事业性收费", "12.5"};
    put_row(&b, lay, r6, 2);
    put(&b, "三、收到和处理政府信息公开申请情况\n");
    const char *ah[] = {"（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", "自然人",
                        "商业企业", "科研机构", "社会公益组织", "法律服务机构", "其他", "总计"};
    put_row(&b, lay, ah, 8);
    if (lay == L_MARKDOWN) put(&b, "|---|---|---|---|---|---|---|---|\n");
    if (lay == L_HTML2TEXT) put(&b, "---|---|---|---|---|---|---|---  \n");
    int first = nb_template_find_row(tpl, NB_TABLE_APPLICATIONS, "new_received");
    for (int r = 0; r < 25; r++) {
        const char *cells[8];
        char tmp[7][16];
        cells[0] = tpl->rows[first + r].label;
        for (int c = 0; c < 7; c++) cells[c + 1] = app_value(r, c, tmp[c]);
        put_row(&b, lay, cells, 8);
    }
    put(&b, "四、政府信息公开行政复议、行政诉讼情况\n");
    const char *p1[] = {"行政复议", "行政诉讼"};
    put_row(&b, lay, p1, 2);
    const char *p2[] = {"未经复议直接起诉", "复议后起诉"};
    put_row(&b, lay, p2, 2);
    const char *p3[] = {"结果维持", "结果纠正", "其他结果", "尚未审结", "总计"};
    put_row(&b, lay, p3, 5);
    const char *pv[] = {"3", "1", "0", "—", "4", "2", "0", "0", "1", "3", "0", "0", "0", "0", "0"};
    if (lay == L_SPACES) {
        /* one line of fifteen numbers under the header */
        for (int i = 0; i < 15; i++) {
            put(&b, "   ");
            put(&b, pv[i]);
        }
        put(&b, "\n");
    } else {
        put_row(&b, lay, pv, 15);
    }
    put(&b, "五、存在的主要问题及改进情况\n我县将继续改进工作。\n");
    return b.s;
}

static void check_generated(layout lay) {
    char *s = make_report(lay);
    nb_document doc;
    parse(s, &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_true(r->has_tables);
    assert_string_equal(r->agency, "云岭县人民政府");
    assert_int_equal(r->year, 2022);
    assert_string_equal(r->tpl->name, "2021");
    assert_false(r->tpl->other_single_row);
    assert_cell(r, "active.regulations.issued", "1");
    assert_cell(r, "active.regulations.in_force", "3");
    assert_cell(r, "active.normative_documents.issued", "4");
    assert_cell(r, "active.normative_documents.repealed", "null");
    assert_cell(r, "active.normative_documents.in_force", "20");
    assert_cell(r, "active.licensing.decisions", "100");
    assert_cell(r, "active.penalty.decisions", "200");
    assert_cell(r, "active.coercion.decisions", "5");
    assert_cell(r, "active.fees.amount", "12.5");
    int fee = nb_template_find_cell(r->tpl, "active.fees.amount");
    assert_string_equal(r->cells[fee].unit, "万元");
    int first = nb_template_find_row(r->tpl, NB_TABLE_APPLICATIONS, "new_received");
    for (int row = 0; row < 25; row++) {
        for (int c = 0; c < 7; c++) {
            char tmp[16], id[128];
            const char *want = app_value(row, c, tmp);
            int ci = r->tpl->rows[first + row].first_cell + c;
            nb_template_cell_id(r->tpl, ci, id, sizeof id);
            char got[48] = "null";
            if (r->cells[ci].has_value) nb_number_format(r->cells[ci].value, got, sizeof got);
            bool blank = !(want[0] >= '0' && want[0] <= '9');
            if (strcmp(got, blank ? "null" : want) != 0)
                fail_msg("layout %d: %s: expected %s, got %s", (int)lay, id, blank ? "null" : want, got);
            if (!blank) assert_int_not_equal(r->cells[ci].span.line, 0);
        }
    }
    /* a dash where a number should be is null, and says what stood there */
    int dash = nb_template_find_cell(r->tpl, "applications.partially_disclosed.legal_service_org");
    assert_false(r->cells[dash].has_value);
    assert_string_equal(r->cells[dash].blank_text, "—");
    assert_cell(r, "appeals.review.upheld", "3");
    assert_cell(r, "appeals.review.pending", "null");
    assert_cell(r, "appeals.review.total", "4");
    assert_cell(r, "appeals.suit_direct.upheld", "2");
    assert_cell(r, "appeals.suit_direct.total", "3");
    assert_cell(r, "appeals.suit_after_review.total", "0");
    nb_document_free(&doc);
    free(s);
}

static void test_markdown_report(void **state) {
    (void)state;
    check_generated(L_MARKDOWN);
}
static void test_box_report(void **state) {
    (void)state;
    check_generated(L_BOX);
}
static void test_tab_rows_report(void **state) {
    (void)state;
    check_generated(L_TABS);
}
static void test_cell_per_line_report(void **state) {
    (void)state;
    check_generated(L_CELL_PER_LINE);
}
static void test_space_aligned_report(void **state) {
    (void)state;
    check_generated(L_SPACES);
}
static void test_spaced_cells_report(void **state) {
    (void)state;
    check_generated(L_SPACED_CELLS);
}
static void test_html2text_report(void **state) {
    (void)state;
    check_generated(L_HTML2TEXT);
}
static void test_csv_report(void **state) {
    (void)state;
    check_generated(L_CSV);
}

/* pdftotext spreads some labels letter by letter; values may be words */
static void test_letter_spaced_labels(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府\n2020年政府信息公开工作年度报告\n"
          "二、主动公开政府信息情况\n第二十条第（五）项\n"
          "信息内容       上一年项目数量     本年增/减     处理决定数量\n"
          "行  政  许  可        40           增加3           500\n"
          "其他对外管理服务事项   12          减少2            70\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新收政府信息公开申请数量   1   0   0   0   0   0   1\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_string_equal(r->tpl->name, "2019");
    assert_cell(r, "active.licensing.previous_items", "40");
    assert_cell(r, "active.licensing.change", "3");
    assert_cell(r, "active.licensing.decisions", "500");
    assert_cell(r, "active.other_services.change", "-2");
    nb_document_free(&doc);
}

/* A title line after the tables (a breadcrumb or a link) is the same report. */
/* Text after a table heading that runs on far past any table is read in
 * its first part only, and the reviewer is told: the table itself is
 * read as before, and the numbers far after it are not taken. */
static void test_table_text_bound(void **state) {
    (void)state;
    char *s = make_report(L_TABS);
    char *tail = strstr(s, "五、存在的主要问题");
    assert_non_null(tail);
    buf b = {0};
    *tail = '\0';
    put(&b, s);
    for (int i = 0; i < 20000; i++) put(&b, "行政复议\t9\t9\t9\t9\t9\n");
    put(&b, "五、存在的主要问题及改进情况\n我县将继续改进工作。\n");
    nb_document doc;
    parse(b.s, &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_cell(r, "appeals.review.upheld", "3");
    assert_cell(r, "appeals.review.total", "4");
    assert_cell(r, "appeals.suit_direct.total", "3");
    bool told = false;
    for (int i = 0; i < r->nnotes; i++)
        if (r->notes[i].kind == NB_NOTE_UNPLACED && strstr(r->notes[i].message, "256 KB") &&
            r->notes[i].span.line > 1000)
            told = true;
    assert_true(told);
    nb_document_free(&doc);
    free(b.s);
    free(s);
}

static void test_title_after_tables_is_same_report(void **state) {
    (void)state;
    nb_document doc;
    char *s = make_report(L_MARKDOWN);
    size_t n = strlen(s);
    const char *tail = "相关链接：云岭县人民政府2022年政府信息公开工作年度报告\n";
    s = realloc(s, n + strlen(tail) + 1);
    assert_non_null(s);
    strcpy(s + n, tail);
    parse(s, &doc);
    assert_int_equal(doc.nreports, 1);
    assert_true(doc.reports[0].has_tables);
    nb_document_free(&doc);
    free(s);
}

/* ---- what is noted instead of guessed ------------------------------------------------ */

static const char *const short_report =
    "星河区人民政府2021年政府信息公开工作年度报告\n"
    "二、主动公开政府信息情况\n"
    "第二十条第（一）项\n"
    "信息内容 本年制发件数 本年废止件数 现行有效件数\n"
    "规章 12345678901234567890 0 0\n"
    "行政规范性文件 5 0\n"
    "三、收到和处理政府信息公开申请情况\n"
    "申请人情况\n"
    "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n";

static void test_absurd_and_short_rows_are_noted(void **state) {
    (void)state;
    nb_document doc;
    parse(short_report, &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_int_equal(r->year, 2021);
    assert_cell(r, "active.regulations.issued", "null");
    assert_cell(r, "active.regulations.repealed", "0");
    /* two numbers for three cells, nothing says which is empty */
    assert_cell(r, "active.normative_documents.issued", "null");
    assert_cell(r, "active.normative_documents.in_force", "null");
    assert_cell(r, "applications.new_received.total", "1");
    bool absurd = false, ambiguous = false;
    for (int i = 0; i < r->nnotes; i++) {
        if (r->notes[i].kind == NB_NOTE_ABSURD_NUMBER) absurd = true;
        if (r->notes[i].kind == NB_NOTE_AMBIGUOUS) ambiguous = true;
    }
    assert_true(absurd);
    assert_true(ambiguous);
    nb_document_free(&doc);
}

/* pdftotext glued two columns: "71 3000" became "713000". Only one split
 * makes the row's 总计 add up, so that reading is taken, and noted. */
static void test_glued_number_split_by_total(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府2023年政府信息公开工作年度报告\n"
          "三、收到和处理政府信息公开申请情况\n"
          "申请人情况\n"
          "一、本年新收政府信息公开申请数量   713000   0   0   0   0   3071\n"
          "二、上年结转政府信息公开申请数量   5   0   0   0   0   0   9\n"
          "（一）予以公开   12   0   0   0   0   0\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_cell(r, "applications.new_received.natural_person", "71");
    assert_cell(r, "applications.new_received.commercial_enterprise", "3000");
    assert_cell(r, "applications.new_received.total", "3071");
    int ci = nb_template_find_cell(r->tpl, "applications.new_received.commercial_enterprise");
    assert_int_equal(r->cells[ci].origin, NB_ORIGIN_INFERRED);
    assert_int_equal(r->cells[ci].span.col_end - r->cells[ci].span.col_start, 4);
    /* a stated total that does not add up is kept as stated */
    assert_cell(r, "applications.carried_over.total", "9");
    /* six numbers and no total to decide by: nothing is guessed */
    assert_cell(r, "applications.disclosed.natural_person", "null");
    bool ambiguous = false;
    for (int i = 0; i < r->nnotes; i++)
        if (r->notes[i].kind == NB_NOTE_AMBIGUOUS && strstr(r->notes[i].message, "disclosed")) ambiguous = true;
    assert_true(ambiguous);
    nb_document_free(&doc);
}

/* A title with the year after the name, tables without 第二十条 headers,
 * a period whose end date leaves out the year, a number before any row. */
static void test_title_former_name(void **state) {
    (void)state;
    nb_document doc;
    const char *body = "本报告统计期限为2023年1月1日至12月31日。\n"
                       "二、主动公开政府信息情况\n"
                       "| 规章 | 2 | 0 | 9 |\n"
                       "三、收到和处理政府信息公开申请情况\n"
                       "| 一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n";
    char text[2048];
    /* the former name before the year, and after it */
    snprintf(text, sizeof text, "淮安市数据局（原淮安市大数据管理局）2023年政府信息公开工作年度报告\n%s", body);
    parse(text, &doc);
    assert_int_equal(doc.nreports, 1);
    assert_string_equal(doc.reports[0].agency, "淮安市数据局");
    assert_string_equal(doc.reports[0].former_agency, "淮安市大数据管理局");
    assert_int_equal(doc.reports[0].year, 2023);
    nb_document_free(&doc);
    snprintf(text, sizeof text, "2023年淮安市数据局(原淮安市大数据管理局)政府信息公开工作年度报告\n%s", body);
    parse(text, &doc);
    assert_string_equal(doc.reports[0].agency, "淮安市数据局");
    assert_string_equal(doc.reports[0].former_agency, "淮安市大数据管理局");
    nb_document_free(&doc);
    /* a bracket that is no name is not a former name */
    snprintf(text, sizeof text, "淮安市数据局2023年政府信息公开工作年度报告（原文）\n%s", body);
    parse(text, &doc);
    assert_string_equal(doc.reports[0].agency, "淮安市数据局");
    assert_string_equal(doc.reports[0].former_agency, "");
    nb_document_free(&doc);
}

static void test_title_variants_and_headings(void **state) {
    (void)state;
    nb_document doc;
    parse("石门区人民政府政府信息公开工作年度报告（2022年度）\n"
          "本报告统计期限为2022年1月1日至12月31日。\n"
          "二、主动公开政府信息情况\n"
          "| 规章 | 2 | 0 | 9 |\n"
          "| 行政规范性文件 | 3 | 1 | 20 |\n"
          "三、收到和处理政府信息公开申请情况\n"
          "| 申请人情况 | 7 |\n"
          "| 一、本年新收政府信息公开申请数量 | 4 | 0 | 0 | 0 | 0 | 0 | 4 |\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_string_equal(r->agency, "石门区人民政府");
    assert_int_equal(r->year, 2022);
    assert_true(r->period_readable);
    assert_int_equal(r->period_to.year, 2022);
    assert_int_equal(r->period_to.day, 31);
    assert_string_equal(r->tpl->name, "2021");
    assert_cell(r, "active.regulations.in_force", "9");
    assert_cell(r, "active.normative_documents.repealed", "1");
    assert_cell(r, "applications.new_received.natural_person", "4");
    bool unplaced = false;
    for (int i = 0; i < r->nnotes; i++)
        if (r->notes[i].kind == NB_NOTE_UNPLACED && strstr(r->notes[i].message, "7")) unplaced = true;
    assert_true(unplaced);
    nb_document_free(&doc);
}

/* A page break repeats the column header in the middle of table 三: its
 * 总计 is not the row (七)总计, however close that row is. */
static void test_repeated_header_is_not_a_row(void **state) {
    (void)state;
    const char *layouts[] = {"自然人 商业企业 科研机构 社会公益组织 法律服务机构 其他 总计\n",
                             "自然人\n法人或其他组织\n总计\n商业企业\n"};
    for (int k = 0; k < 2; k++) {
        char text[2048];
        snprintf(text, sizeof text,
                 "星河区人民政府2023年政府信息公开工作年度报告\n"
                 "三、收到和处理政府信息公开申请情况\n申请人情况\n"
                 "一、本年新收政府信息公开申请数量 9 0 0 0 0 0 9\n"
                 "5.要求行政机关确认或重新出具已获取信息 1 0 0 0 0 0 1\n"
                 "- 4 -\n%s"
                 "（六）其他处理 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 2 0 0 0 0 0 2\n"
                 "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 0 0 0 0 0 0 0\n"
                 "3.其他 3 0 0 0 0 0 3\n"
                 "（七）总计 6 0 0 0 0 0 6\n",
                 layouts[k]);
        nb_document doc;
        parse(text, &doc);
        assert_int_equal(doc.nreports, 1);
        const nb_report *r = &doc.reports[0];
        assert_false(r->tpl->other_single_row);
        assert_cell(r, "applications.rejected_confirmation.total", "1");
        assert_cell(r, "applications.other_no_correction.natural_person", "2");
        assert_cell(r, "applications.other_misc.total", "3");
        assert_cell(r, "applications.total.natural_person", "6");
        nb_document_free(&doc);
    }
}

/* Two reports under one title line: the second names itself in a
 * sentence before its tables, and is that report, not a copy. */
static void test_second_report_named_by_sentence(void **state) {
    (void)state;
    char *a = make_report(L_TABS);
    const char *tables = strstr(a, "二、主动公开政府信息情况");
    assert_non_null(tables);
    const char *mid = "特此公布石门区2021年度政府信息公开年度报告，统计期限自2021年1月1日至2021年12月31日。\n";
    size_t n = strlen(a) + strlen(mid) + strlen(tables) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s%s", a, mid, tables);
    nb_document doc;
    parse(s, &doc);
    assert_int_equal(doc.nreports, 2);
    assert_string_equal(doc.reports[0].agency, "云岭县人民政府");
    assert_int_equal(doc.reports[0].year, 2022);
    assert_string_equal(doc.reports[1].agency, "石门区");
    assert_int_equal(doc.reports[1].year, 2021);
    assert_int_equal(doc.reports[1].copies, 1);
    assert_cell(&doc.reports[1], "active.licensing.decisions", "100");
    nb_document_free(&doc);
    free(s);
    free(a);
}

/* pdftotext without -layout can put a table's label column first and
 * then its values column by column; the row totals tell which reading
 * the text means. */
static void test_label_column_first(void **state) {
    (void)state;
    const nb_template *tpl = nb_template_get(NB_TEMPLATE_2021, false);
    int first = nb_template_find_row(tpl, NB_TABLE_APPLICATIONS, "new_received");
    for (int by_column = 0; by_column < 2; by_column++) {
        buf b = {0};
        put(&b, "星河区人民政府2023年政府信息公开工作年度报告\n三、收到和处理政府信息公开申请情况\n申请人情况\n");
        for (int r = 0; r < 25; r++) {
            put(&b, tpl->rows[first + r].label);
            put(&b, "\n");
        }
        int v[25][7];
        for (int r = 0; r < 25; r++) {
            v[r][0] = r + 1;
            v[r][1] = r % 3;
            v[r][2] = v[r][3] = v[r][5] = 0;
            v[r][4] = r % 2;
            v[r][6] = v[r][0] + v[r][1] + v[r][4];
        }
        char num[16];
        for (int i = 0; i < 25 * 7; i++) {
            int r = by_column ? i % 25 : i / 7, c = by_column ? i / 25 : i % 7;
            snprintf(num, sizeof num, "%d\n", v[r][c]);
            put(&b, num);
        }
        nb_document doc;
        parse(b.s, &doc);
        assert_int_equal(doc.nreports, 1);
        const nb_report *rep = &doc.reports[0];
        for (int r = 0; r < 25; r++)
            for (int c = 0; c < 7; c++) {
                int ci = rep->tpl->rows[first + r].first_cell + c;
                assert_true(rep->cells[ci].has_value);
                assert_int_equal(rep->cells[ci].value.units, v[r][c]);
            }
        nb_document_free(&doc);
        free(b.s);
    }
}

/* Each row's numbers on the line above its label. */
static void test_numbers_above_labels(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府2023年政府信息公开工作年度报告\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "                       5    1    0    0    0    0    6\n"
          "一、本年新收政府信息公开申请数量\n"
          "                       2    0    0    0    0    0    2\n"
          "二、上年结转政府信息公开申请数量\n"
          "                       4    1    0    0    0    0    5\n"
          "      （一）予以公开\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_cell(r, "applications.new_received.total", "6");
    assert_cell(r, "applications.carried_over.natural_person", "2");
    assert_cell(r, "applications.disclosed.commercial_enterprise", "1");
    assert_cell(r, "applications.disclosed.total", "5");
    nb_document_free(&doc);
}

/* A table of contents names the three tables before the report does;
 * only the real tables make the report. */
static void test_table_of_contents_is_not_a_table(void **state) {
    (void)state;
    char *a = make_report(L_MARKDOWN);
    const char *toc = "云岭县人民政府2022年政府信息公开工作年度报告\n目录\n一、总体情况\n二、主动公开政府信息情况\n"
                      "三、收到和处理政府信息公开申请情况\n四、政府信息公开行政复议、行政诉讼情况\n"
                      "五、存在的主要问题及改进情况\n六、其他需要报告的事项\n";
    size_t n = strlen(a) + strlen(toc) + 1;
    char *s = malloc(n);
    assert_non_null(s);
    snprintf(s, n, "%s%s", toc, a);
    nb_document doc;
    parse(s, &doc);
    assert_int_equal(doc.nreports, 1);
    assert_true(doc.reports[0].has_tables);
    assert_string_equal(doc.reports[0].agency, "云岭县人民政府");
    assert_cell(&doc.reports[0], "active.licensing.decisions", "100");
    nb_document_free(&doc);
    /* headings only: the tables were images */
    parse("云岭县人民政府2022年政府信息公开工作年度报告\n二、主动公开政府信息情况\n[图片]\n"
          "三、收到和处理政府信息公开申请情况\n[图片]\n四、政府信息公开行政复议、行政诉讼情况\n[图片]\n"
          "五、存在的主要问题及改进情况\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    assert_false(doc.reports[0].has_tables);
    assert_true(strstr(doc.reports[0].no_tables_reason, "images") != NULL);
    nb_document_free(&doc);
    free(s);
    free(a);
}

/* Table 四 with a number missing from its run of fifteen: nothing placed. */
static void test_short_appeals_run(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府2023年政府信息公开工作年度报告\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
          "四、政府信息公开行政复议、行政诉讼情况\n"
          "行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
          "10  1     0  0  0  0  0  0  0  5  0  0  0  0\n"
          "五、存在的主要问题及改进情况\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_cell(r, "appeals.review.upheld", "null");
    assert_cell(r, "appeals.suit_after_review.upheld", "null");
    bool ambiguous = false;
    for (int i = 0; i < r->nnotes; i++)
        if (r->notes[i].kind == NB_NOTE_AMBIGUOUS) ambiguous = true;
    assert_true(ambiguous);
    nb_document_free(&doc);
}

/* lynx -dump: columns aligned by characters (a CJK character counts one),
 * blank cells only spaces. Complete rows show the columns of a short row;
 * in a small grid, the column headers do; table 四's group headers show
 * which group is blank. */
static const char lynx_blanks[] =
    "星河区人民政府2023年政府信息公开工作年度报告\n"
    "二、主动公开政府信息情况\n"
    "   第二十条第（一）项\n"
    "   信息内容    本年制发件数 本年废止件数 现行有效件数\n"
    "   规章      0             0\n"
    "   行政规范性文件 4      2      31\n"
    "三、收到和处理政府信息公开申请情况\n"
    "      自然人 法人或其他组织                   总计\n"
    "   一、本年新收政府信息公开申请数量       58  4    0    1      2      1 66\n"
    "   二、上年结转政府信息公开申请数量       5   1    0    0      0      0 6\n"
    "   三、本年度办理结果 （一）予以公开      24  1    0    1      1      0 27\n"
    "    （二）部分公开（区分处理的）        8   0    0    0      0      0 8\n"
    "    （三）不予公开 1．属于国家秘密      0   0                0      0 0\n"
    "四、政府信息公开行政复议、行政诉讼情况\n"
    "   行政复议                   行政诉讼\n"
    "   结果维持 结果纠正 其他结果 尚未审结 总计 未经复议直接起诉               复议后起诉\n"
    "                          结果维持 结果纠正 其他结果 尚未审结 总计 结果维持 结果纠正 其他结果 尚未审结 总计\n"
    "   3    1    0    1    5  1    0    1    0    2\n"
    "五、存在的主要问题及改进情况\n";

static void test_lynx_blank_cells(void **state) {
    (void)state;
    nb_document doc;
    parse(lynx_blanks, &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    /* a grid of two rows: the headers' columns, confirmed by the other row */
    assert_cell(r, "active.regulations.issued", "0");
    assert_cell(r, "active.regulations.repealed", "null");
    assert_cell(r, "active.regulations.in_force", "0");
    assert_cell(r, "active.normative_documents.in_force", "31");
    assert_cell(r, "applications.withheld_state_secret.natural_person", "0");
    assert_cell(r, "applications.withheld_state_secret.commercial_enterprise", "0");
    assert_cell(r, "applications.withheld_state_secret.research_institution", "null");
    assert_cell(r, "applications.withheld_state_secret.public_interest_org", "null");
    assert_cell(r, "applications.withheld_state_secret.legal_service_org", "0");
    assert_cell(r, "applications.withheld_state_secret.total", "0");
    assert_cell(r, "appeals.review.upheld", "3");
    assert_cell(r, "appeals.review.total", "5");
    assert_cell(r, "appeals.suit_direct.upheld", "1");
    assert_cell(r, "appeals.suit_direct.total", "2");
    assert_cell(r, "appeals.suit_after_review.upheld", "null");
    assert_cell(r, "appeals.suit_after_review.total", "null");
    nb_document_free(&doc);
    /* the group headers moved so that neither measure gives whole groups:
     * nothing is placed */
    char *moved = strdup(lynx_blanks);
    assert_non_null(moved);
    char *h = strstr(moved, "总计 未经复议直接起诉");
    assert_non_null(h);
    memcpy(h, "总计未经复议直接起诉 ", strlen("总计 未经复议直接起诉"));
    parse(moved, &doc);
    r = &doc.reports[0];
    assert_cell(r, "appeals.review.upheld", "null");
    assert_cell(r, "appeals.suit_direct.upheld", "null");
    bool ambiguous = false;
    for (int i = 0; i < r->nnotes; i++)
        if (r->notes[i].kind == NB_NOTE_AMBIGUOUS) ambiguous = true;
    assert_true(ambiguous);
    nb_document_free(&doc);
    free(moved);
}

/* pdftotext's default mode lists a table column by column: the first
 * numbers after a label are then not its row, and their 总计 says so. */
static void test_columns_listed_not_rows(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府2023年政府信息公开工作年度报告\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新收政府信息公开申请数量\n0\n21\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n0\n21\n"
          "四、政府信息公开行政复议、行政诉讼情况\n"
          "行政复议 行政诉讼\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_non_null(r->tpl);
    assert_cell(r, "appeals.review.upheld", "1");
    assert_cell(r, "applications.new_received.natural_person", "null");
    assert_cell(r, "applications.new_received.total", "null");
    assert_cell(r, "applications.carried_over.natural_person", "null");
    bool ambiguous = false;
    for (int i = 0; i < r->nnotes; i++)
        if (r->notes[i].kind == NB_NOTE_AMBIGUOUS) ambiguous = true;
    assert_true(ambiguous);
    nb_document_free(&doc);
    /* the same numbers row by row add up: read */
    parse("星河区人民政府2023年政府信息公开工作年度报告\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新收政府信息公开申请数量\n21\n0\n0\n0\n0\n0\n21\n0\n0\n0\n0\n0\n0\n0\n"
          "四、政府信息公开行政复议、行政诉讼情况\n"
          "行政复议 行政诉讼\n1 0 0 0 1 0 0 0 0 0 0 0 0 0 0\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    r = &doc.reports[0];
    assert_non_null(r->tpl);
    assert_cell(r, "applications.new_received.natural_person", "21");
    assert_cell(r, "applications.new_received.total", "21");
    assert_cell(r, "applications.carried_over.total", "0");
    nb_document_free(&doc);
}

/* Debian's html2text pads empty cells with underscores and cuts CJK
 * characters: a row whose label is garbled past recognition must not
 * lend its numbers to the row above. */
static void test_garbled_grid_row_keeps_its_numbers(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n"
          "|第二十条第（一）项|\n|信息内容|本年制发件数|本年废止件数|现行有效件数|\n"
          "|规章|______|0|0|\n|行政\xef\xbf\xbd|4\xef\xbf\xbd|文件|31|\n"
          "三、收到和处理政府信息公开申请情况\n|一、本年新收政府信息公开申请数量|1|0|0|0|0|0|1|\n"
          "四、政府信息公开行政复议、行政诉讼情况\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_non_null(r->tpl);
    assert_cell(r, "active.regulations.issued", "null");
    assert_cell(r, "active.regulations.repealed", "0");
    assert_cell(r, "active.regulations.in_force", "0");
    bool unplaced = false;
    for (int i = 0; i < r->nnotes; i++)
        if (r->notes[i].kind == NB_NOTE_UNPLACED && strstr(r->notes[i].message, "31")) unplaced = true;
    assert_true(unplaced);
    nb_document_free(&doc);
}

/* pdftotext glued two of table 四's narrow columns: the totals say where. */
static void test_glued_appeals_run(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府2024年政府信息公开工作年度报告\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
          "四、政府信息公开行政复议、行政诉讼情况\n"
          "行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
          "72 64 178 37351 13 4 8 1 26 12 1 1 6 20\n"
          "五、存在的主要问题及改进情况\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_cell(r, "appeals.review.pending", "37");
    assert_cell(r, "appeals.review.total", "351");
    assert_cell(r, "appeals.suit_direct.upheld", "13");
    assert_cell(r, "appeals.suit_after_review.total", "20");
    int ci = nb_template_find_cell(r->tpl, "appeals.review.total");
    assert_int_equal(r->cells[ci].origin, NB_ORIGIN_INFERRED);
    nb_document_free(&doc);
}

/* Labels wrapped in a narrow column, cutting the keyword in two. */
static void test_keyword_cut_by_wrapping(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府2023年政府信息公开工作年度报告\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新              3    0    0    0    0    0    3\n"
          "收政府信息公开申请数量\n"
          "二、上年结              1    0    0    0    0    0    1\n"
          "转政府信息公开申请数量\n"
          "（一）予以公开          2    0    0    0    0    0    2\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_cell(r, "applications.new_received.total", "3");
    assert_cell(r, "applications.carried_over.natural_person", "1");
    assert_cell(r, "applications.disclosed.total", "2");
    nb_document_free(&doc);
}

/* A page holding one untitled report three times: one report, three copies. */
static void test_untitled_copies(void **state) {
    (void)state;
    char *a = make_report(L_TABS);
    const char *body = strstr(a, "本报告所列数据");
    assert_non_null(body);
    size_t one = strlen(body) + strlen("云岭县人民政府\n") + 1;
    char *s = malloc(one * 3 + 1);
    assert_non_null(s);
    s[0] = '\0';
    for (int i = 0; i < 3; i++) {
        strcat(s, "云岭县人民政府\n");
        strcat(s, body);
    }
    nb_document doc;
    parse(s, &doc);
    assert_int_equal(doc.nreports, 1);
    assert_int_equal(doc.reports[0].copies, 3);
    assert_string_equal(doc.reports[0].agency, "云岭县人民政府");
    assert_int_equal(doc.reports[0].year, 2022);
    nb_document_free(&doc);
    free(s);
    free(a);
}

/* A bare page number between a wrapped label and its numbers. */
static void test_page_number_inside_a_row(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府2023年政府信息公开工作年度报告\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新收政府信息公开申请数量     9    0    0    0    0    0    9\n"
          "      （二）部分公开（区分处理的，只计这一情\n"
          "                                     3\n"
          "\f                               4    1    0    0    0    0    5\n"
          "      形，不计其他情形）\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_cell(r, "applications.partially_disclosed.natural_person", "4");
    assert_cell(r, "applications.partially_disclosed.total", "5");
    bool unplaced = false;
    for (int i = 0; i < r->nnotes; i++)
        if (r->notes[i].kind == NB_NOTE_UNPLACED) unplaced = true;
    assert_true(unplaced);
    nb_document_free(&doc);
}

/* No title: the agency from the sentence saying who wrote the report. */
static void test_agency_from_opening_sentence(void **state) {
    (void)state;
    nb_document doc;
    parse("本报告由石门县人民政府办公室根据《中华人民共和国政府信息公开条例》编制。"
          "本报告所列数据统计期限自2021年1月1日起至2021年12月31日止。\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    assert_string_equal(doc.reports[0].agency, "石门县人民政府");
    assert_int_equal(doc.reports[0].year, 2021);
    nb_document_free(&doc);
}

/* Tables numbered one lower than the template (一、二、三 for 二、三、四). */
static void test_tables_numbered_differently(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府2023年政府信息公开工作年度报告\n"
          "一、主动公开政府信息情况\n第二十条第（五）项\n信息内容 本年处理决定数量\n行政许可 12\n"
          "二、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新收政府信息公开申请数量 1 0 0 0 0 0 1\n"
          "四、结转下年度继续办理 0 0 0 0 0 0 0\n"
          "三、政府信息公开行政复议、行政诉讼情况\n"
          "行政复议 行政诉讼\n未经复议直接起诉 复议后起诉\n"
          "1 0 0 0 1 0 0 0 0 0 2 0 0 0 2\n"
          "四、存在的主要问题及改进情况\n全年共 3 件 5 项工作需改进。\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    const nb_report *r = &doc.reports[0];
    assert_cell(r, "active.licensing.decisions", "12");
    assert_cell(r, "applications.new_received.total", "1");
    assert_cell(r, "appeals.review.total", "1");
    assert_cell(r, "appeals.suit_after_review.total", "2");
    for (int i = 0; i < r->nnotes; i++) assert_int_not_equal(r->notes[i].kind, NB_NOTE_UNPLACED);
    nb_document_free(&doc);
}

/* A page that puts the title under the tables. */
static void test_title_below_tables(void **state) {
    (void)state;
    nb_document doc;
    parse("本报告所列数据统计期限自2022年1月1日起至2022年12月31日止。\n"
          "三、收到和处理政府信息公开申请情况\n申请人情况\n"
          "一、本年新收政府信息公开申请数量 4 0 0 0 0 0 4\n"
          "五、存在的主要问题及改进情况\n无。\n"
          "石门县2022年政府信息公开工作年度报告\n",
          &doc);
    assert_int_equal(doc.nreports, 1);
    assert_true(doc.reports[0].has_tables);
    assert_string_equal(doc.reports[0].agency, "石门县");
    assert_int_equal(doc.reports[0].title.line, 7);
    assert_cell(&doc.reports[0], "applications.new_received.total", "4");
    nb_document_free(&doc);
}

static void test_reports_without_tables(void **state) {
    (void)state;
    nb_document doc;
    parse("2017年星河区政府信息公开工作年度报告\n一、概述\n本区全年主动公开政府信息1200条。\n"
          "石门县人民政府关于2018年政府信息公开工作年度报告\n", &doc);
    assert_int_equal(doc.nreports, 2);
    assert_string_equal(doc.reports[1].agency, "石门县人民政府");
    assert_int_equal(doc.reports[1].year, 2018);
    assert_false(doc.reports[0].has_tables);
    assert_int_equal(doc.reports[0].year, 2017);
    assert_string_equal(doc.reports[0].agency, "星河区");
    assert_true(strstr(doc.reports[0].no_tables_reason, "before the 2019 template") != NULL);
    nb_document_free(&doc);
}

/* What nb_locate_dateline finds in text s (the report's dateline fields). */
static nb_report dateline_of(const char *s) {
    nb_text t;
    nb_report r;
    memset(&r, 0, sizeof r);
    text_of(s, &t);
    nb_locate_dateline(&t, 0, t.len, &r);
    nb_text_free(&t);
    return r;
}

/* A copy that drops blank cells: the values the reading leaves unread are
 * kept to be placed (nb_placement), and their readings put the one that
 * keeps table 四's groups whole (each 总计 the sum of its row) first. */
static void test_placements_and_readings(void **state) {
    (void)state;
    const char *srcdir = getenv("NB_SRCDIR");
    char path[4096];
    snprintf(path, sizeof path, "%s/tests/fuzz/corpus/recognize/lynx-squeezed.txt", srcdir ? srcdir : ".");
    size_t n = 0;
    char *squeezed = nbt_read_file(path, &n);
    assert_non_null(squeezed);
    nb_document doc;
    parse(squeezed, &doc);
    free(squeezed);
    assert_true(doc.nreports >= 1);
    const nb_report *r = &doc.reports[0];
    assert_int_equal(r->nplacements, 2);
    const nb_placement *row = &r->placements[0], *appeals = &r->placements[1];
    assert_int_equal(row->ncells, 7);
    assert_int_equal(row->nvalues, 5);
    assert_int_equal(appeals->ncells, 15);
    assert_int_equal(appeals->nvalues, 10);
    assert_int_equal(r->notes[appeals->note].kind, NB_NOTE_AMBIGUOUS);
    nb_reading rd[4];
    assert_int_equal(nb_placement_readings(r, appeals, false, rd, 4), 4);
    assert_true(rd[0].filled == 0x3FFULL); /* the first two groups, the third blank */
    assert_int_equal(rd[0].broken, 0);
    assert_int_equal(rd[0].held, 2);
    assert_true(rd[1].broken == 0 && rd[1].held == 2 && rd[3].held < 2);
    assert_false(nb_placement_done(r, appeals));
    /* every way of five in seven is listed (the totals cannot tell them apart) */
    nb_reading all[30];
    assert_int_equal(nb_placement_readings(r, row, false, all, 30), 21);
    nb_document_free(&doc);
}

static void test_period_garbled_and_dateline(void **state) {
    (void)state;
    nb_document doc;
    parse("星河区人民政府\n2019年12月3日星期二\n本报告数据统计期限为202311日至20231231日。\n"
          "星河区2023年政府信息公开工作年度报告\n",
          &doc);
    assert_true(doc.nreports >= 1);
    /* the report's own region starts at its title; the first lines are a preamble */
    nb_document_free(&doc);
    parse("星河区人民政府\n2019年12月3日星期二\n本报告数据统计期限为202311日至20231231日。\n", &doc);
    assert_int_equal(doc.nreports, 0); /* no title and no tables: no report */
    nb_document_free(&doc);
    nb_report r;
    memset(&r, 0, sizeof r);
    nb_text t;
    text_of("星河区人民政府\n2019年12月3日星期二\n本报告数据统计期限为202311日至20231231日。\n", &t);
    nb_locate_period(&t, 0, t.len, &r);
    assert_true(r.period_found);
    assert_false(r.period_readable);
    assert_int_equal(r.period_span.line, 3);
    nb_locate_dateline(&t, 0, t.len, &r);
    assert_true(r.dateline_found);
    assert_int_equal(r.dateline.year, 2019);
    assert_int_equal(r.dateline.month, 12);
    assert_int_equal(r.dateline.day, 3);
    memset(&r, 0, sizeof r);
    nb_text_free(&t);
    /* the page's publish and crawl dates are not the report's: the
     * signature at the end is */
    r = dateline_of("星河区2023年政府信息公开工作年度报告\n发布日期：2024-03-05 来源：区政府办 浏览次数：88\n"
                    "抓取时间：2025年6月1日\n一、总体情况\n正文。\n星河区人民政府办公室\n2024年1月28日\n");
    assert_true(r.dateline_found);
    assert_int_equal(r.dateline.year, 2024);
    assert_int_equal(r.dateline.month, 1);
    assert_int_equal(r.dateline.day, 28);
    assert_int_equal(r.dateline_span.line, 7);
    /* with only the page's dates there is no dateline; 成文日期 is the
     * document's own */
    r = dateline_of("星河区2023年政府信息公开工作年度报告\n发布时间：2024年3月5日\n正文。\n");
    assert_false(r.dateline_found);
    /* an editor's byline is the page's; an office named 编辑部 signing is not */
    r = dateline_of("星河区2023年政府信息公开工作年度报告\n正文。\n责任编辑：张三 2024年3月5日\n");
    assert_false(r.dateline_found);
    r = dateline_of("星河区2023年政府信息公开工作年度报告\n正文。\n星河区志编辑部\n2024年1月22日\n");
    assert_true(r.dateline_found);
    assert_int_equal(r.dateline.day, 22);
    r = dateline_of("星河区2023年政府信息公开工作年度报告\n正文。\n星河区志编辑部 2024年1月23日\n");
    assert_true(r.dateline_found);
    assert_int_equal(r.dateline.day, 23);
    r = dateline_of("星河区2023年政府信息公开工作年度报告\n成文日期：2024-01-20\n正文。\n");
    assert_true(r.dateline_found);
    assert_int_equal(r.dateline.day, 20);
    memset(&r, 0, sizeof r);
    text_of("本报告统计期限为2020年1月至12月。\n", &t);
    nb_locate_period(&t, 0, t.len, &r);
    assert_true(r.period_readable);
    assert_int_equal(r.period_from.day, 1);
    assert_int_equal(r.period_to.year, 2020);
    assert_int_equal(r.period_to.month, 12);
    assert_int_equal(r.period_to.day, 31);
    memset(&r, 0, sizeof r);
    nb_text_free(&t);
    text_of("本报告统计期限为2021年度。\n", &t);
    nb_locate_period(&t, 0, t.len, &r);
    assert_true(r.period_readable);
    assert_int_equal(r.period_from.month, 1);
    assert_int_equal(r.period_to.year, 2021);
    assert_int_equal(r.period_to.day, 31);
    memset(&r, 0, sizeof r);
    nb_text_free(&t);
    text_of("报告中所列数据统计期限自 2023 年 1 月 1 日\n起至 2023 年 12 月 31 日止。\n", &t);
    nb_locate_period(&t, 0, t.len, &r);
    assert_true(r.period_readable);
    assert_int_equal(r.period_from.year, 2023);
    assert_int_equal(r.period_to.month, 12);
    assert_int_equal(r.period_to.day, 31);
    nb_text_free(&t);
}

/* Arbitrary bytes in, never a crash; and a report with bytes flipped. */
static void test_arbitrary_bytes(void **state) {
    (void)state;
    uint32_t seed = 12345;
    char *s = make_report(L_MARKDOWN);
    size_t n = strlen(s);
    char *raw = malloc(n + 1);
    assert_non_null(raw);
    for (int round = 0; round < 300; round++) {
        size_t len;
        if (round % 2) {
            memcpy(raw, s, n);
            len = n;
            for (int k = 0; k < 40; k++) {
                seed = seed * 1103515245u + 12345u;
                raw[(seed >> 8) % n] = (char)(seed >> 24);
            }
        } else {
            len = 1 + (seed >> 4) % n;
            for (size_t k = 0; k < len; k++) {
                seed = seed * 1103515245u + 12345u;
                raw[k] = (char)((seed >> 16) & 0xFF);
            }
        }
        nb_text t;
        nb_error err;
        memset(&err, 0, sizeof err);
        if (nb_text_from_bytes(raw, len, &t, &err) != 0) continue;
        nb_document doc;
        assert_int_equal(nb_document_parse(&doc, "fuzz", &t, &err), 0);
        for (int i = 0; i < doc.nreports; i++)
            if (doc.reports[i].has_tables) assert_non_null(doc.reports[i].cells);
        nb_document_free(&doc);
    }
    free(raw);
    free(s);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_number_words),
        cmocka_unit_test(test_blank_words),
        cmocka_unit_test(test_tokens_tab_fields),
        cmocka_unit_test(test_tokens_mangled),
        cmocka_unit_test(test_tokens_pipes),
        cmocka_unit_test(test_tokens_box_and_furniture),
        cmocka_unit_test(test_tokens_space_aligned),
        cmocka_unit_test(test_tokens_trailing_empty_field),
        cmocka_unit_test(test_tokens_space_line_cells),
        cmocka_unit_test(test_row_matching),
        cmocka_unit_test(test_markdown_report),
        cmocka_unit_test(test_box_report),
        cmocka_unit_test(test_tab_rows_report),
        cmocka_unit_test(test_cell_per_line_report),
        cmocka_unit_test(test_space_aligned_report),
        cmocka_unit_test(test_spaced_cells_report),
        cmocka_unit_test(test_html2text_report),
        cmocka_unit_test(test_csv_report),
        cmocka_unit_test(test_letter_spaced_labels),
        cmocka_unit_test(test_title_after_tables_is_same_report),
        cmocka_unit_test(test_table_text_bound),
        cmocka_unit_test(test_absurd_and_short_rows_are_noted),
        cmocka_unit_test(test_glued_number_split_by_total),
        cmocka_unit_test(test_title_variants_and_headings),
        cmocka_unit_test(test_title_former_name),
        cmocka_unit_test(test_repeated_header_is_not_a_row),
        cmocka_unit_test(test_second_report_named_by_sentence),
        cmocka_unit_test(test_label_column_first),
        cmocka_unit_test(test_numbers_above_labels),
        cmocka_unit_test(test_table_of_contents_is_not_a_table),
        cmocka_unit_test(test_short_appeals_run),
        cmocka_unit_test(test_lynx_blank_cells),
        cmocka_unit_test(test_columns_listed_not_rows),
        cmocka_unit_test(test_garbled_grid_row_keeps_its_numbers),
        cmocka_unit_test(test_glued_appeals_run),
        cmocka_unit_test(test_keyword_cut_by_wrapping),
        cmocka_unit_test(test_untitled_copies),
        cmocka_unit_test(test_page_number_inside_a_row),
        cmocka_unit_test(test_agency_from_opening_sentence),
        cmocka_unit_test(test_tables_numbered_differently),
        cmocka_unit_test(test_title_below_tables),
        cmocka_unit_test(test_reports_without_tables),
        cmocka_unit_test(test_placements_and_readings),
        cmocka_unit_test(test_period_garbled_and_dateline),
        cmocka_unit_test(test_arbitrary_bytes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
