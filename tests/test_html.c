/* The web page source: a page reads as a browser copy of it (paragraphs
 * as lines, table rows as tab-separated cells), with what a browser hides
 * left out, Word's markup undone, and pages labelled gb2312 that hold
 * GBK-only characters read to the end. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "nianbao/html.h"
#include "nianbao/sha256.h"
#include "nianbao/source.h"

/* The page text of `page` (UTF-8), which must read. */
static char *page_text(const char *page) {
    char *text = NULL;
    size_t len = 0;
    nb_error err;
    nb_error_clear(&err);
    assert_int_equal(nb_html_to_text(page, strlen(page), &text, &len, &err), 0);
    assert_int_equal(strlen(text), len);
    return text;
}

static void expect_line(const char *text, const char *line) {
    size_t n = strlen(line);
    for (const char *p = text; (p = strstr(p, line)); p++)
        if ((p == text || p[-1] == '\n') && (p[n] == '\n' || p[n] == '\0')) return;
    fail_msg("no line \"%s\" in:\n%s", line, text);
}

static void paragraphs_and_rows(void **state) {
    (void)state;
    char *t = page_text("<html><head><title>标题不显示</title></head><body>"
                        "<h2>二、主动公开政府信息情况</h2><p>本年度  共\n公开<b>12</b>条。</p>"
                        "<table><tr><td colspan=4>第二十条第（一）项</td></tr>"
                        "<tr><th>信息内容</th><th>本年制发件数</th><th>本年废止件数</th><th>现行有效件数</th></tr>"
                        "<tbody><tr><td>规章</td><td>1</td><td></td><td>11</td></tr></tbody></table>"
                        "<p>三、收到和处理</p></body></html>");
    expect_line(t, "二、主动公开政府信息情况");
    expect_line(t, "本年度 共 公开12条。");
    expect_line(t, "第二十条第（一）项");
    expect_line(t, "信息内容\t本年制发件数\t本年废止件数\t现行有效件数");
    expect_line(t, "规章\t1\t\t11"); /* a blank cell stays a cell */
    expect_line(t, "三、收到和处理");
    assert_null(strstr(t, "标题不显示"));
    free(t);
}

static void hidden_content_is_left_out(void **state) {
    (void)state;
    char *t = page_text("<html><head><style>td{x:1} .n{y:999}</style><script>var a=777;</script></head>"
                        "<body><!--[if gte mso 9]><xml>888</xml><![endif]-->"
                        "<div style=\"DISPLAY: none\">行政许可 555</div>"
                        "<div hidden>666</div><noscript>444</noscript>"
                        "<p>行政许可 <span style='visibility : hidden'>333</span>12</p></body></html>");
    expect_line(t, "行政许可 12");
    const char *never[] = {"999", "777", "888", "555", "666", "444", "333"};
    for (size_t i = 0; i < sizeof never / sizeof *never; i++)
        if (strstr(t, never[i])) fail_msg("hidden %s shown in:\n%s", never[i], t);
    free(t);
}

static void word_markup_is_undone(void **state) {
    (void)state;
    char *t = page_text("<table class=MsoNormalTable><tr>"
                        "<td><p class=MsoNormal><span>行</span></p><p><span>政</span></p>"
                        "<p><span>许可</span></p></td>"
                        "<td><p><span lang=EN-US>&nbsp;1</span><span lang=EN-US>2</span>"
                        "<span>846&nbsp;</span><o:p></o:p></p></td>"
                        "<td><p><o:p>&nbsp;</o:p></p></td>"
                        "<td>本年新<br>制作数量</td><td><p>No.</p><p>7</p></td></tr></table>");
    expect_line(t, "行政许可\t12846\t\t本年新制作数量\tNo. 7");
    free(t);
}

static void layout_tables_hold_their_tables(void **state) {
    (void)state;
    char *t = page_text("<table><tr><td><p>发布机构：某县人民政府</p>"
                        "<table><tr><td>规章</td><td>0</td></tr></table></td>"
                        "<td>索引号：2024-01</td></tr></table>");
    expect_line(t, "发布机构：某县人民政府");
    expect_line(t, "规章\t0");
    expect_line(t, "索引号：2024-01");
    free(t);
}

/* A page laid out in a one-cell table holding the whole article keeps
 * its paragraphs as lines. */
static void article_in_a_layout_cell(void **state) {
    (void)state;
    char page[4096] = "<table><tr><td><h2>一、总体情况</h2>";
    for (int i = 0; i < 8; i++)
        strcat(page, "<p>本机关认真贯彻落实《中华人民共和国政府信息公开条例》，持续推进政务公开。</p>");
    strcat(page, "<p>二、主动公开政府信息情况</p></td></tr></table>");
    char *t = page_text(page);
    expect_line(t, "一、总体情况");
    expect_line(t, "二、主动公开政府信息情况");
    free(t);
}

/* "镕" is in GBK but not in GB2312: a page labelled gb2312 holding it is
 * read to its end. */
static void gbk_page_labelled_gb2312(void **state) {
    (void)state;
    const char page[] = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\">"
                        "</head><body><p>\xD5\xD4\xE9\x46</p><p>\xB9\xE6\xD5\xC2 7</p></body></html>";
    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    nb_source_kind kind = NB_SOURCE_TEXT;
    assert_int_equal(nb_source_from_bytes(page, sizeof page - 1, &t, &kind, &err), 0);
    assert_int_equal(kind, NB_SOURCE_HTML);
    assert_string_equal(t.encoding, "GB18030");
    expect_line(t.utf8, "赵镕");
    expect_line(t.utf8, "规章 7");
    unsigned char want[32];
    nb_sha256(page, sizeof page - 1, want);
    assert_memory_equal(t.sha256, want, 32);
    nb_text_free(&t);
}

static void pages_without_text_are_refused(void **state) {
    (void)state;
    const char *pages[] = {"<html><head><title>x</title></head><body></body></html>",
                           "<html><body><script>1</script><div style='display:none'>2</div></body></html>",
                           "<html><frameset><frame src=report.html></frameset></html>"};
    for (size_t i = 0; i < sizeof pages / sizeof *pages; i++) {
        nb_text t;
        nb_error err;
        nb_error_clear(&err);
        assert_int_equal(nb_source_from_bytes(pages[i], strlen(pages[i]), &t, NULL, &err), -1);
        assert_non_null(strstr(err.message, "web page"));
        assert_null(t.utf8);
    }
}

static void broken_markup_still_reads(void **state) {
    (void)state;
    char *t = page_text("<html><body><table><tr><td>规章<td>3<tr><td>行政规范性文件<td>5</table"
                        "<p>尾部 <b>未闭合");
    expect_line(t, "规章\t3");
    expect_line(t, "行政规范性文件\t5");
    free(t);
}

/* The page is read as libxml2's own tree would hold it: Word's <o:p> is
 * a paragraph, a stray "<" before the first tag has no place, and a page
 * nested deeper than 256 elements ends there. */
static void read_as_libxml2_holds_it(void **state) {
    (void)state;
    char *t = page_text("< 开头<p>一<o:p></o:p>二</p><p>a<o:p>b</o:p>c</p>");
    assert_string_equal(t, "开头\n一\n二\na\nb\nc\n");
    free(t);
    char page[8192] = "<html><body>";
    for (int i = 0; i < 300; i++) strcat(page, "<b>");
    strcat(page, "too deep</body></html>");
    t = page_text(page);
    assert_null(strstr(t, "too deep"));
    free(t);
    strcpy(page, "<html><body>");
    for (int i = 0; i < 250; i++) strcat(page, "<b>");
    strcat(page, "deep enough</body></html>");
    t = page_text(page);
    expect_line(t, "deep enough");
    free(t);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(paragraphs_and_rows),
        cmocka_unit_test(hidden_content_is_left_out),
        cmocka_unit_test(word_markup_is_undone),
        cmocka_unit_test(layout_tables_hold_their_tables),
        cmocka_unit_test(article_in_a_layout_cell),
        cmocka_unit_test(gbk_page_labelled_gb2312),
        cmocka_unit_test(pages_without_text_are_refused),
        cmocka_unit_test(broken_markup_still_reads),
        cmocka_unit_test(read_as_libxml2_holds_it),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
