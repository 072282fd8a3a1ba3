/* Many files at once: each file is read and checked on one of a few
 * threads, and the results are handed back one by one in the order of
 * the files, so what is printed is the same as reading them one after
 * another. An evaluator checks hundreds of reports; the machine has more
 * than one core. */
#ifndef NIANBAO_POOL_H
#define NIANBAO_POOL_H

#include <stddef.h>

/* Works out item i; returns what deliver is given (may be NULL). Runs on
 * a worker thread: it must touch nothing shared but what it is given. */
typedef void *(*nb_pool_work)(size_t i, void *ctx);
/* Takes item i's result, in order 0, 1, 2 ... on the calling thread. */
typedef void (*nb_pool_deliver)(size_t i, void *result, void *ctx);

/* How many threads suit n items on this machine: 1 for one item or one
 * core, else the cores online, at most NB_POOL_MAX_THREADS. */
#define NB_POOL_MAX_THREADS 8
int nb_pool_threads(size_t n);

/* Runs work over items 0..n-1 on `threads` threads (1: on this thread,
 * one after another) and delivers every result in order. At most
 * NB_POOL_WINDOW results wait for delivery at once, which bounds memory
 * however many files there are. If threads cannot be started the items
 * are worked here, one after another: the outcome is the same. */
#define NB_POOL_WINDOW 32
void nb_pool_run(size_t n, int threads, nb_pool_work work, nb_pool_deliver deliver, void *ctx);

#endif
