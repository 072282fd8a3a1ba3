/* The in-order worker pool (pool.h): a shared next-item counter, one slot
 * per item in the window, and two conditions: the caller (which works
 * items too, and alone delivers them) waits for the item it delivers
 * next, workers wait for room in the window. Each side
 * wakes the other only when it is known to be waiting: a wake-up is a
 * system call, and with hundreds of small files a call per file and side
 * cost more than a tenth of the run. */
#include "config.h"

#include <pthread.h>
#include <stdbool.h>
#include <stdlib.h>
#include <unistd.h>

#include "nianbao/pool.h"

typedef struct pool {
    size_t n;
    nb_pool_work work;
    void *ctx;
    pthread_mutex_t lock;
    pthread_cond_t item_done;  /* the deliverer waits here */
    pthread_cond_t room;       /* workers wait here */
    bool deliverer_waiting;    /* for item `delivered` */
    int workers_waiting;       /* for room in the window */
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
        while (p->next < p->n && p->next >= p->delivered + NB_POOL_WINDOW) {
            p->workers_waiting++;
            pthread_cond_wait(&p->room, &p->lock);
            p->workers_waiting--;
        }
        if (p->next >= p->n) break;
        size_t i = p->next++;
        pthread_mutex_unlock(&p->lock);
        void *result = p->work(i, p->ctx);
        pthread_mutex_lock(&p->lock);
        p->results[i % NB_POOL_WINDOW] = result;
        p->done[i % NB_POOL_WINDOW] = true;
        if (p->deliverer_waiting && i == p->delivered) pthread_cond_signal(&p->item_done);
    }
    pthread_mutex_unlock(&p->lock);
    return NULL;
}

static void destroy(pool *p) {
    pthread_mutex_destroy(&p->lock);
    pthread_cond_destroy(&p->item_done);
    pthread_cond_destroy(&p->room);
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
    pthread_cond_init(&p.item_done, NULL);
    pthread_cond_init(&p.room, NULL);
    /* The caller is one of the workers: it delivers what is ready, else
     * works an item itself, and waits only when every item is taken.
     * With one thread a core and none idling, a thread rarely sleeps,
     * and a sleep and its wake-up are what cost on a busy machine. If no
     * thread can be started the caller works every item alone. */
    pthread_t ids[NB_POOL_MAX_THREADS];
    int started = 0;
    while (started < threads - 1 && pthread_create(&ids[started], NULL, worker, &p) == 0) started++;
    pthread_mutex_lock(&p.lock);
    while (p.delivered < n) {
        size_t head = p.delivered % NB_POOL_WINDOW;
        if (p.done[head]) {
            void *result = p.results[head];
            p.done[head] = false;
            pthread_mutex_unlock(&p.lock);
            deliver(p.delivered, result, ctx); /* printing happens outside the lock */
            pthread_mutex_lock(&p.lock);
            p.delivered++;
            if (p.workers_waiting > 0) pthread_cond_broadcast(&p.room);
        } else if (p.next < n && p.next < p.delivered + NB_POOL_WINDOW) {
            size_t i = p.next++;
            pthread_mutex_unlock(&p.lock);
            void *result = work(i, ctx);
            pthread_mutex_lock(&p.lock);
            p.results[i % NB_POOL_WINDOW] = result;
            p.done[i % NB_POOL_WINDOW] = true;
        } else {
            p.deliverer_waiting = true;
            pthread_cond_wait(&p.item_done, &p.lock);
            p.deliverer_waiting = false;
        }
    }
    pthread_mutex_unlock(&p.lock);
    for (int k = 0; k < started; k++) pthread_join(ids[k], NULL);
    destroy(&p);
}
