/* How long the recogniser takes: decode and parse each corpus file (or
 * each file given) N times and print milliseconds per parse. Not a test:
 * timing depends on the machine; the goal is well under 10 ms a file. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nianbao/document.h"
#include "nianbao/report.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static char *read_all(const char *path, size_t *n) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    size_t cap = 1 << 16, len = 0;
    char *buf = malloc(cap);
    while (buf) {
        size_t got = fread(buf + len, 1, cap - len, f);
        len += got;
        if (len < cap) break;
        char *g = realloc(buf, cap * 2);
        if (!g) {
            free(buf);
            buf = NULL;
            break;
        }
        buf = g;
        cap *= 2;
    }
    fclose(f);
    *n = len;
    return buf;
}

static int bench_file(const char *path, int rounds, double *worst) {
    size_t n;
    char *raw = read_all(path, &n);
    if (!raw) {
        fprintf(stderr, "bench_recognize: cannot read %s\n", path);
        return -1;
    }
    int reports = 0;
    double t0 = now_ms();
    for (int i = 0; i < rounds; i++) {
        nb_text text;
        nb_error err;
        nb_document doc;
        memset(&err, 0, sizeof err);
        if (nb_text_from_bytes(raw, n, &text, &err) != 0) {
            fprintf(stderr, "bench_recognize: %s: %s\n", path, err.message);
            free(raw);
            return -1;
        }
        if (nb_document_parse(&doc, path, &text, &err) != 0) {
            fprintf(stderr, "bench_recognize: %s: %s\n", path, err.message);
            free(raw);
            return -1;
        }
        reports = doc.nreports;
        nb_document_free(&doc);
    }
    double ms = (now_ms() - t0) / rounds;
    const char *base = strrchr(path, '/');
    printf("%-32s %7zu bytes %2d reports %8.3f ms per parse\n", base ? base + 1 : path, n, reports, ms);
    if (ms > *worst) *worst = ms;
    free(raw);
    return 0;
}

static int by_str(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(int argc, char **argv) {
    int rounds = 200;
    const char *env = getenv("NB_BENCH_ROUNDS");
    if (env && atoi(env) > 0) rounds = atoi(env);
    double worst = 0;
    int rc = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++) rc |= bench_file(argv[i], rounds, &worst);
    } else {
        const char *shared = getenv("NB_SHARED");
        char dir[1024];
        snprintf(dir, sizeof dir, "%s/corpus", shared && *shared ? shared : "../shared");
        DIR *d = opendir(dir);
        if (!d) {
            fprintf(stderr, "bench_recognize: no corpus at %s (set NB_SHARED or name files)\n", dir);
            return 1;
        }
        char *names[256];
        int nn = 0;
        struct dirent *e;
        while ((e = readdir(d)) && nn < 256)
            if (e->d_name[0] != '.') {
                names[nn] = malloc(strlen(dir) + strlen(e->d_name) + 2);
                if (names[nn]) sprintf(names[nn++], "%s/%s", dir, e->d_name);
            }
        closedir(d);
        qsort(names, (size_t)nn, sizeof names[0], by_str);
        for (int i = 0; i < nn; i++) {
            rc |= bench_file(names[i], rounds, &worst);
            free(names[i]);
        }
    }
    printf("slowest file: %.3f ms per parse (%d rounds each)\n", worst, rounds);
    return rc ? 1 : 0;
}
