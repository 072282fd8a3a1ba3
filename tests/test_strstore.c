/* The string store (src/base/strstore.c): every copy reads back as
 * added and stays where it is however many come after it; NULs inside a
 * string and empty strings are kept; a long string does not waste the
 * block being filled; and many short strings cost about their bytes
 * (what keeps a review of hundreds of thousands of statuses small). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nianbao/strstore.h"

static void test_copies_stay_put(void **state) {
    (void)state;
    nb_strstore st = {0};
    const int n = 100000;
    const char **kept = calloc((size_t)n, sizeof *kept);
    assert_non_null(kept);
    size_t content = 0;
    for (int i = 0; i < n; i++) {
        char key[32];
        int len = snprintf(key, sizeof key, "k%d", i);
        kept[i] = nb_strstore_add_str(&st, key);
        assert_non_null(kept[i]);
        assert_ptr_not_equal(kept[i], key);
        content += (size_t)len + 1;
    }
    for (int i = 0; i < n; i++) {
        char key[32];
        snprintf(key, sizeof key, "k%d", i);
        assert_string_equal(kept[i], key);
    }
    /* the bytes and a NUL each, a partly filled last block and little
     * else, where a malloc each costs 16 to 32 bytes more a string */
    print_message("%zu bytes held for %zu bytes of strings\n", st.bytes, content);
    assert_true(st.bytes >= content);
    assert_true(st.bytes <= content + content / 8 + 65536);
    nb_strstore_free(&st);
    assert_null(st.blocks);
    assert_int_equal(st.bytes, 0);
    free(kept);
}

static void test_nuls_and_empty(void **state) {
    (void)state;
    nb_strstore st = {0};
    const char *empty = nb_strstore_add(&st, "", 0);
    assert_non_null(empty);
    assert_string_equal(empty, "");
    const char *with_nul = nb_strstore_add(&st, "a\0b", 3);
    assert_non_null(with_nul);
    assert_memory_equal(with_nul, "a\0b", 4);
    const char *part = nb_strstore_add(&st, "abcdef", 3);
    assert_string_equal(part, "abc");
    nb_strstore_free(&st);
    /* usable again once emptied */
    assert_string_equal(nb_strstore_add_str(&st, "again"), "again");
    nb_strstore_free(&st);
}

static void test_long_strings(void **state) {
    (void)state;
    nb_strstore st = {0};
    const char *first = nb_strstore_add_str(&st, "first");
    size_t n = 1 << 20;
    char *big = malloc(n + 1);
    assert_non_null(big);
    memset(big, 'x', n);
    big[n] = '\0';
    const char *copy = nb_strstore_add(&st, big, n);
    assert_non_null(copy);
    assert_int_equal(strlen(copy), n);
    assert_memory_equal(copy, big, n);
    /* the short ones after it go on filling the first block */
    size_t before = st.bytes;
    const char *next = nb_strstore_add_str(&st, "next");
    assert_string_equal(next, "next");
    assert_int_equal(st.bytes, before);
    assert_ptr_equal(next, first + strlen("first") + 1);
    assert_string_equal(first, "first");
    free(big);
    nb_strstore_free(&st);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_copies_stay_put),
        cmocka_unit_test(test_nuls_and_empty),
        cmocka_unit_test(test_long_strings),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
