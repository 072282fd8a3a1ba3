/* The in-order worker pool of `check` (src/cmd/pool.c): every item is
 * worked exactly once and delivered exactly once, in order, on the
 * calling thread, whatever the number of threads; never more than the
 * window of results waits for delivery; one thread (or one item) works
 * on the caller's thread. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <unistd.h>

#include <cmocka.h>

#include "nianbao/pool.h"

#define ITEMS 500

typedef struct tally {
    pthread_mutex_t lock;
    int worked[ITEMS];
    size_t delivered;      /* items delivered so far, in order */
    size_t most_waiting;   /* the largest count of worked, undelivered items */
    size_t worked_total;
    pthread_t caller;
    bool delivered_elsewhere;
    bool worked_on_caller;
} tally;

static void *work(size_t i, void *ctx) {
    tally *t = ctx;
    pthread_mutex_lock(&t->lock);
    t->worked[i]++;
    t->worked_total++;
    if (pthread_equal(pthread_self(), t->caller)) t->worked_on_caller = true;
    size_t waiting = t->worked_total - t->delivered;
    if (waiting > t->most_waiting) t->most_waiting = waiting;
    pthread_mutex_unlock(&t->lock);
    if (i % 7 == 0) usleep(200); /* items finish out of order */
    size_t *result = malloc(sizeof *result);
    if (!result) abort(); /* cmocka's checks belong to the test's thread */
    *result = i * 3 + 1;
    return result;
}

static void deliver(size_t i, void *result, void *ctx) {
    tally *t = ctx;
    assert_non_null(result);
    assert_int_equal(*(size_t *)result, i * 3 + 1);
    free(result);
    if (!pthread_equal(pthread_self(), t->caller)) t->delivered_elsewhere = true;
    pthread_mutex_lock(&t->lock);
    assert_int_equal(i, t->delivered); /* in order, none skipped */
    t->delivered++;
    pthread_mutex_unlock(&t->lock);
}

static void run_with(int threads, size_t n) {
    tally *t = calloc(1, sizeof *t);
    assert_non_null(t);
    pthread_mutex_init(&t->lock, NULL);
    t->caller = pthread_self();
    nb_pool_run(n, threads, work, deliver, t);
    assert_int_equal(t->delivered, n);
    for (size_t i = 0; i < n; i++) assert_int_equal(t->worked[i], 1);
    assert_false(t->delivered_elsewhere);
    /* the workers run ahead of delivery by the window at most (plus the
     * items each thread holds while the caller delivers) */
    assert_true(t->most_waiting <= NB_POOL_WINDOW + (size_t)threads);
    if (threads <= 1 || n < 2) assert_true(n == 0 || t->worked_on_caller);
    pthread_mutex_destroy(&t->lock);
    free(t);
}

static void test_in_order_any_threads(void **state) {
    (void)state;
    for (int threads = 1; threads <= NB_POOL_MAX_THREADS + 2; threads++) run_with(threads, ITEMS);
}

static void test_few_items(void **state) {
    (void)state;
    run_with(4, 0);
    run_with(4, 1);
    run_with(4, 2);
    run_with(1, 3);
}

static void test_thread_count(void **state) {
    (void)state;
    assert_int_equal(nb_pool_threads(0), 1);
    assert_int_equal(nb_pool_threads(1), 1);
    int t = nb_pool_threads(1000);
    assert_true(t >= 1 && t <= NB_POOL_MAX_THREADS);
    assert_true(nb_pool_threads(2) <= 2);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_in_order_any_threads),
        cmocka_unit_test(test_few_items),
        cmocka_unit_test(test_thread_count),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
