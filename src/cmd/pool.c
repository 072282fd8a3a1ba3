/* The in-order worker pool (pool.h): a shared next-item counter, one slot
 * per item in the window, and one condition both sides wait on. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "pool.h"

typedef struct pool {
    size_t n;
    nb_pool_work work;
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t changed;
    size_t next;      /* the next item a worker takes */
    size_t delivered; /* items handed back so far */
    void *results[NB_POOL_WINDOW];
    bool done[NB_POOL_WINDOW];
} pool;

int nb_pool_threads(size_t n) {
    long cores = sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 2 || cores < 2) return 1;
    if (cores > NB_POOL_MAX_THREADS) cores = NB_POOL_MAX_THREADS;
    return (size_t)cores > n ? (int)n : (int)cores;
}

static void *worker(void *arg) {
    pool *p = arg;
    pthread_mutex_lock(&p->lock);
    for (;;) {
        /* never run further ahead of delivery than the window holds */
        while (p->next < p->n && p->next >= p->delivered + NB_POOL_WINDOW)
            pthread_cond_wait(&p->changed, &p->lock);
        if (p->next >= p->n) break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        void *result = p->work(i, p->ctx);
        pthread_mutex_lock(&p->lock);
        p->results[i % NB_POOL_WINDOW] = result;
        p->done[i % NB_POOL_WINDOW] = true;
        pthread_cond_broadcast(&p->changed);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void run_here(size_t from, size_t n, nb_pool_work work, nb_pool_deliver deliver, void *ctx) {
    for (size_t i = from; i < n; i++) deliver(i, work(i, ctx), ctx);
}

void nb_pool_run(size_t n, int threads, nb_pool_work work, nb_pool_deliver deliver, void *ctx) {
    if (threads <= 1 || n < 2) {
        run_here(0, n, work, deliver, ctx);
        return;
    }
    if (threads > NB_POOL_MAX_THREADS) threads = NB_POOL_MAX_THREADS;
    pool p = {.n = n, .work = work, .ctx = ctx};
    pthread_mutex_init(&p.lock, NULL);
    pthread_cond_init(&p.changed, NULL);
    pthread_t ids[NB_POOL_MAX_THREADS];
    int started = 0;
    while (started < threads && pthread_create(&ids[started], NULL, worker, &p) == 0) started++;
    if (started == 0) { /* no thread to be had: the same work, here */
        pthread_mutex_destroy(&p.lock);
        pthread_cond_destroy(&p.changed);
        run_here(0, n, work, deliver, ctx);
        return;
    }
    pthread_mutex_lock(&p.lock);
    for (size_t i = 0; i < n; i++) {
        while (!p.done[i % NB_POOL_WINDOW]) pthread_cond_wait(&p.changed, &p.lock);
        void *result = p.results[i % NB_POOL_WINDOW];
        p.done[i % NB_POOL_WINDOW] = false;
        pthread_mutex_unlock(&p.lock);
        deliver(i, result, ctx); /* printing happens outside the lock */
        pthread_mutex_lock(&p.lock);
        p.delivered = i + 1;
        pthread_cond_broadcast(&p.changed);
    }
    pthread_mutex_unlock(&p.lock);
    for (int k = 0; k < started; k++) pthread_join(ids[k], NULL);
    pthread_mutex_destroy(&p.lock);
    pthread_cond_destroy(&p.changed);
}
