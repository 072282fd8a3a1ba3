/* Speed of the YAML side (prints figures, asserts nothing): emitting the
 * export of each file given (default: the samples and, when there, the
 * corpus), writing a review's YAML, reading it back through the safe
 * reader, and replaying it on a fresh reading.
 * Usage: bench_review [FILE...] */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nianbao/review.h"
#include "nianbao/yamlio.h"

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void bench_file(const char *path) {
    nb_document doc;
    nb_error err;
    if (nb_document_load(&doc, path, &err) != 0) {
        printf("%s: %s\n", path, err.message);
        return;
    }
    const int rounds = 50;
    char *yaml = NULL;
    size_t n = 0;
    double t0 = now_ms();
    for (int i = 0; i < rounds; i++) {
        free(yaml);
        nb_yaml_export(&doc, -1, &yaml, &n, &err);
    }
    double export_ms = (now_ms() - t0) / rounds;
    free(yaml);

    int index = -1;
    for (int i = 0; i < doc.nreports && index < 0; i++)
        if (doc.reports[i].has_tables) index = i;
    double write_ms = 0, read_ms = 0, apply_ms = 0;
    size_t review_bytes = 0;
    if (index >= 0) {
        nb_review rv;
        nb_review_open(&rv, &doc, index, &err);
        for (int c = 0; c < rv.current.tpl->ncells; c += 3) {
            nb_number v = {c, 0};
            nb_review_set_cell(&rv, c, v, NULL, "bench", &err);
        }
        t0 = now_ms();
        for (int i = 0; i < rounds; i++) {
            yaml = NULL;
            nb_yaml_review(&rv, &yaml, &n, &err);
            if (i + 1 < rounds) free(yaml);
        }
        write_ms = (now_ms() - t0) / rounds;
        review_bytes = n;
        nb_review_file f;
        t0 = now_ms();
        for (int i = 0; i < rounds; i++) {
            nb_yaml_read_review(yaml, n, &f, &err);
            if (i + 1 < rounds) nb_review_file_free(&f);
        }
        read_ms = (now_ms() - t0) / rounds;
        t0 = now_ms();
        for (int i = 0; i < rounds; i++) nb_review_apply_file(&rv, &f, NULL, NULL, &err);
        apply_ms = (now_ms() - t0) / rounds;
        nb_review_file_free(&f);
        free(yaml);
        nb_review_free(&rv);
    }
    const char *base = strrchr(path, '/');
    printf("%-34s export %6.3f ms | review (%zu bytes, %d edits): write %6.3f ms, read %6.3f ms "
           "(%5.1f MB/s), replay %6.3f ms\n",
           base ? base + 1 : path, export_ms, review_bytes,
           index >= 0 ? (doc.reports[index].tpl->ncells + 2) / 3 : 0, write_ms, read_ms,
           read_ms > 0 ? review_bytes / read_ms / 1e3 : 0, apply_ms);
    nb_document_free(&doc);
}

static void bench_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 5 || strcmp(e->d_name + l - 4, ".txt") != 0) continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        bench_file(p);
    }
    closedir(d);
}

int main(int argc, char **argv) {
    if (argc > 1) {
        for (int i = 1; i < argc; i++) bench_file(argv[i]);
        return 0;
    }
    const char *src = getenv("NB_SRCDIR"), *shared = getenv("NB_SHARED");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/samples", src ? src : ".");
    bench_dir(dir);
    snprintf(dir, sizeof dir, "%s/corpus", shared ? shared : "../shared");
    bench_dir(dir);
    return 0;
}
