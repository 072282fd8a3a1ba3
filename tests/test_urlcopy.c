/* The name of a fetched copy (urlcopy.c): readable, made of the address,
 * only [A-Za-z0-9._-], never hidden or outside its folder, never holding
 * a password, bounded in length without two addresses sharing a name by
 * the cut; and what nb_url_fetch refuses before any network. The
 * transfers themselves are tested against a local server by test_url.sh. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nianbao/url.h"

static void expect_name(const char *url, nb_source_kind kind, const char *want) {
    char *got = nb_url_copy_name(url, kind);
    if (!got) fail_msg("%s: no name", url);
    if (strcmp(got, want) != 0) fail_msg("%s: \"%s\", expected \"%s\"", url, got, want);
    free(got);
}

/* Only the bytes a file name may safely hold, never hidden, never a path. */
static void expect_safe(const char *name) {
    assert_true(name[0] != '.' && name[0] != '-');
    for (const char *p = name; *p; p++)
        if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", *p))
            fail_msg("\"%s\" holds '%c'", name, *p);
}

static void test_names_from_the_address(void **state) {
    (void)state;
    expect_name("https://www.example.gov.cn/xxgk/2024/content_88.htm", NB_SOURCE_HTML,
                "www.example.gov.cn-xxgk_2024_content_88.html");
    expect_name("http://127.0.0.1:8080/a/b.pdf", NB_SOURCE_PDF, "127.0.0.1_8080-a_b.pdf");
    expect_name("HTTPS://WWW.Example.GOV.cn/", NB_SOURCE_HTML, "www.example.gov.cn.html");
    expect_name("https://x.gov.cn/showinfo.jsp?id=42&t=1#top", NB_SOURCE_HTML,
                "x.gov.cn-showinfo.jsp_id_42_t_1.html");
    expect_name("https://x.gov.cn/%E5%B9%B4%E6%8A%A5.shtml", NB_SOURCE_HTML, "x.gov.cn-_E5_B9_B4_E6_8A_A5.html");
    /* raw characters beyond ASCII name the copy as their encoding does */
    expect_name("https://x.gov.cn/年报.shtml", NB_SOURCE_HTML, "x.gov.cn-_E5_B9_B4_E6_8A_A5.html");
    /* an address libcurl's parser refuses: a name from its hash */
    char *spaced = nb_url_copy_name("http://x.gov.cn/a b", NB_SOURCE_HTML);
    assert_non_null(spaced);
    assert_int_equal(strncmp(spaced, "web-", 4), 0);
    assert_int_equal(strlen(spaced), strlen("web-") + 16 + strlen(".html"));
    free(spaced);
    /* the kind's extension, whatever the address says */
    expect_name("https://x.gov.cn/report.html", NB_SOURCE_PDF, "x.gov.cn-report.pdf");
    expect_name("https://x.gov.cn/report.txt", NB_SOURCE_TEXT, "x.gov.cn-report.txt");
}

static void test_names_are_safe(void **state) {
    (void)state;
    static const char *const urls[] = {
        "http://x.gov.cn/../../etc/passwd", "http://x.gov.cn/.hidden", "http://x.gov.cn/a/./b/",
        "http://x.gov.cn/a%2F..%2Fb", "http://x.gov.cn/a b", "http://x.gov.cn/?q=%0a%1b[2J",
        "http://[::1]:8080/r.html", "http://x.gov.cn/////",
    };
    for (size_t i = 0; i < sizeof urls / sizeof *urls; i++) {
        char *name = nb_url_copy_name(urls[i], NB_SOURCE_HTML);
        assert_non_null(name);
        expect_safe(name);
        free(name);
    }
    /* a user name and a password never reach the folder's listing */
    char *name = nb_url_copy_name("https://user:secret@x.gov.cn/r.html", NB_SOURCE_HTML);
    assert_non_null(name);
    assert_null(strstr(name, "secret"));
    assert_null(strstr(name, "user"));
    assert_string_equal(name, "x.gov.cn-r.html");
    free(name);
}

static void test_long_names_are_cut_apart(void **state) {
    (void)state;
    char a[600], b[600];
    int n = snprintf(a, sizeof a, "https://x.gov.cn/");
    memset(a + n, 'p', 500);
    a[n + 500] = '\0';
    memcpy(b, a, sizeof b);
    b[n + 499] = 'q'; /* differs only past the cut */
    char *na = nb_url_copy_name(a, NB_SOURCE_HTML), *nb = nb_url_copy_name(b, NB_SOURCE_HTML);
    assert_non_null(na);
    assert_non_null(nb);
    assert_true(strlen(na) <= 100 + strlen(".html"));
    assert_true(strncmp(na, "x.gov.cn-ppp", 12) == 0);
    assert_string_not_equal(na, nb);
    expect_safe(na);
    free(na);
    free(nb);
}

static void test_not_web_addresses(void **state) {
    (void)state;
    assert_true(nb_url_is_web("http://x.gov.cn/"));
    assert_true(nb_url_is_web("HTTPS://x.gov.cn/"));
    assert_false(nb_url_is_web("ftp://x.gov.cn/r.txt"));
    assert_false(nb_url_is_web("file:///etc/passwd"));
    assert_false(nb_url_is_web("report.html"));
    assert_false(nb_url_is_web("http:/x"));
    assert_false(nb_url_is_web(NULL));
    assert_null(nb_url_copy_name("ftp://x.gov.cn/r.txt", NB_SOURCE_TEXT));
    assert_null(nb_url_copy_name("report.html", NB_SOURCE_HTML));

    /* refused before any network */
    nb_fetched f;
    nb_error err;
    nb_error_clear(&err);
    assert_int_equal(nb_url_fetch("file:///etc/passwd", &f, &err), -1);
    assert_non_null(strstr(err.message, "http:// or https://"));
    char long_url[NB_URL_MAX_BYTES + 32];
    int n = snprintf(long_url, sizeof long_url, "https://x.gov.cn/");
    memset(long_url + n, 'a', NB_URL_MAX_BYTES);
    long_url[NB_URL_MAX_BYTES + 1] = '\0';
    nb_error_clear(&err);
    assert_int_equal(nb_url_fetch(long_url, &f, &err), -1);
    assert_non_null(strstr(err.message, "at most"));
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_names_from_the_address),
        cmocka_unit_test(test_names_are_safe),
        cmocka_unit_test(test_long_names_are_cut_apart),
        cmocka_unit_test(test_not_web_addresses),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
