/* The source seam: the kind is chosen by content, never by name, and the
 * text's hash is that of the original bytes whatever the source. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <cmocka.h>

#include "nianbao/sha256.h"
#include "nianbao/source.h"

#define SNIFF(s) nb_source_sniff(s, sizeof s - 1)

static void sniff_by_content(void **state) {
    (void)state;
    assert_int_equal(SNIFF("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"), NB_SOURCE_PDF);
    assert_int_equal(SNIFF("\xEF\xBB\xBF<!DOCTYPE html><html><body>"), NB_SOURCE_HTML);
    assert_int_equal(SNIFF("  \r\n<HTML><HEAD>"), NB_SOURCE_HTML);
    assert_int_equal(SNIFF("<table><tr><td>1</td></tr></table>"), NB_SOURCE_HTML);
    assert_int_equal(SNIFF("<meta charset=gbk><title>x</title><body>"), NB_SOURCE_HTML);
    /* Text that mentions markup is still text: markup must open the file. */
    assert_int_equal(SNIFF("一、总体情况 see <table> later"), NB_SOURCE_TEXT);
    assert_int_equal(SNIFF("<未完待续> no markup here"), NB_SOURCE_TEXT);
    assert_int_equal(SNIFF("二、主动公开政府信息情况\n"), NB_SOURCE_TEXT);
    assert_int_equal(nb_source_sniff("", 0), NB_SOURCE_TEXT);
    /* UTF-16 with a byte order mark, both ways round */
    assert_int_equal(SNIFF("\xFF\xFE<\0h\0t\0m\0l\0>\0"), NB_SOURCE_HTML);
    assert_int_equal(SNIFF("\xFE\xFF\0<\0H\0T\0M\0L\0>"), NB_SOURCE_HTML);
    assert_int_equal(SNIFF("\xFF\xFE\x8C\x4E\x01\x30"), NB_SOURCE_TEXT);
}

static void kind_names_round_trip(void **state) {
    (void)state;
    for (int k = 0; k < NB_SOURCE_KIND_COUNT; k++)
        assert_int_equal(nb_source_kind_from_name(nb_source_kind_name((nb_source_kind)k)), k);
    assert_int_equal(nb_source_kind_from_name("docx"), -1);
    assert_int_equal(nb_source_kind_from_name(NULL), -1);
}

static void hash_is_of_the_original_bytes(void **state) {
    (void)state;
    const char raw[] = "\xEF\xBB\xBF" "二、主动公开\r\n";
    nb_text t;
    nb_error err;
    nb_source_kind kind = NB_SOURCE_PDF;
    assert_int_equal(nb_source_from_bytes(raw, sizeof raw - 1, &t, &kind, &err), 0);
    assert_int_equal(kind, NB_SOURCE_TEXT);
    unsigned char want[32];
    nb_sha256(raw, sizeof raw - 1, want);
    assert_memory_equal(t.sha256, want, 32);
    nb_text_free(&t);
}

static void standard_input_is_read_by_content(void **state) {
    (void)state;
    char path[] = "/tmp/nb-source-XXXXXX";
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    const char body[] = "一、总体情况\n本年度……\n";
    assert_int_equal(write(fd, body, sizeof body - 1), (ssize_t)(sizeof body - 1));
    assert_int_equal(lseek(fd, 0, SEEK_SET), 0);
    int saved = dup(STDIN_FILENO);
    assert_int_equal(dup2(fd, STDIN_FILENO), STDIN_FILENO);
    nb_text t;
    nb_error err;
    nb_source_kind kind;
    int rc = nb_source_load("-", &t, &kind, &err);
    dup2(saved, STDIN_FILENO);
    close(saved);
    close(fd);
    unlink(path);
    assert_int_equal(rc, 0);
    assert_int_equal(kind, NB_SOURCE_TEXT);
    assert_string_equal(t.utf8, body);
    nb_text_free(&t);
}

static void errors_name_the_input(void **state) {
    (void)state;
    nb_text t;
    nb_error err;
    assert_int_equal(nb_source_load("/nonexistent/report.html", &t, NULL, &err), -1);
    assert_non_null(strstr(err.message, "/nonexistent/report.html"));
    assert_int_equal(nb_source_from_bytes("", 0, &t, NULL, &err), -1);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(sniff_by_content),
        cmocka_unit_test(kind_names_round_trip),
        cmocka_unit_test(hash_is_of_the_original_bytes),
        cmocka_unit_test(standard_input_is_read_by_content),
        cmocka_unit_test(errors_name_the_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
