/* The string-key hash index (src/base/keyindex.c): every key added is
 * found at its position, absent keys are not, the owner's array may move
 * between calls, and the work stays linear: a look-up compares a key a
 * small constant number of times on average, however many keys there are
 * (what makes a review with a hundred thousand statuses read in linear
 * time; a list searched from the start compares n/2 keys a look-up). */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nianbao/keyindex.h"

typedef struct entry {
    char key[32];
} entry;

static long compared; /* key_at calls */

static const char *key_at(const void *items, int i) {
    compared++;
    return ((const entry *)items)[i].key;
}

static void test_find_what_was_added(void **state) {
    (void)state;
    nb_keyindex ix = {0};
    entry *v = NULL;
    assert_int_equal(nb_keyindex_find(&ix, v, key_at, "x"), -1);
    const int n = 5000;
    for (int i = 0; i < n; i++) {
        /* the array moves as it grows, as a review's statuses do */
        entry *grown = realloc(v, (size_t)(i + 1) * sizeof *v);
        assert_non_null(grown);
        v = grown;
        snprintf(v[i].key, sizeof v[i].key, "finding:%d", i);
        assert_int_equal(nb_keyindex_add(&ix, v, key_at, i), 0);
    }
    for (int i = 0; i < n; i++) {
        char k[32];
        snprintf(k, sizeof k, "finding:%d", i);
        assert_int_equal(nb_keyindex_find(&ix, v, key_at, k), i);
    }
    assert_int_equal(nb_keyindex_find(&ix, v, key_at, "finding:-1"), -1);
    assert_int_equal(nb_keyindex_find(&ix, v, key_at, ""), -1);
    nb_keyindex_free(&ix);
    assert_int_equal(nb_keyindex_find(&ix, v, key_at, "finding:1"), -1);
    free(v);
}

static void test_linear_work(void **state) {
    (void)state;
    const int n = 200000;
    entry *v = calloc((size_t)n, sizeof *v);
    assert_non_null(v);
    nb_keyindex ix = {0};
    compared = 0;
    for (int i = 0; i < n; i++) {
        snprintf(v[i].key, sizeof v[i].key, "applications.balance:%d", i);
        assert_int_equal(nb_keyindex_find(&ix, v, key_at, v[i].key), -1); /* the duplicate check */
        assert_int_equal(nb_keyindex_add(&ix, v, key_at, i), 0);
    }
    for (int i = 0; i < n; i++) assert_int_equal(nb_keyindex_find(&ix, v, key_at, v[i].key), i);
    /* n adds, 2n look-ups and the rehashes: a few key reads each, where a
     * list would read about n*n/2 = 2e10 */
    print_message("%ld key reads for %d keys\n", compared, n);
    assert_true(compared < 20L * n);
    nb_keyindex_free(&ix);
    free(v);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_find_what_was_added),
        cmocka_unit_test(test_linear_work),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
