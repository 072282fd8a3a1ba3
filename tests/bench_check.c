/* Speed of the checks over the corpus: the whole corpus checked N times
 * (default 1000) with the documents parsed once, then N times parse +
 * check from the raw bytes. Prints MB/s of source text on one core; the
 * target is at least 50 MB/s for the checks. Asserts nothing: speed
 * belongs here, not in the tests.
 *
 * usage: bench_check [-n N] [CORPUS_DIR]   (default $NB_SHARED/corpus) */
#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nianbao/check.h"
#include "nianbao/report.h"

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static int compare_names(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(int argc, char **argv) {
    setlocale(LC_ALL, "C.UTF-8");
    int rounds = 1000;
    const char *dir = NULL;
    char dirbuf[1024];
    for (int i = 1; i < argc; i++) {
        if (!strcmp(argv[i], "-n") && i + 1 < argc)
            rounds = atoi(argv[++i]);
        else
            dir = argv[i];
    }
    if (rounds < 1) rounds = 1;
    if (!dir) {
        const char *shared = getenv("NB_SHARED");
        snprintf(dirbuf, sizeof dirbuf, "%s/corpus", shared ? shared : "../shared");
        dir = dirbuf;
    }
    DIR *d = opendir(dir);
    if (!d) {
        fprintf(stderr, "bench_check: cannot open %s (set NB_SHARED or give the corpus folder)\n", dir);
        return 77;
    }
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t len = strlen(e->d_name);
        if (len > 4 && !strcmp(e->d_name + len - 4, ".txt")) names[n++] = strdup(e->d_name);
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof names[0], compare_names);

    nb_document *docs = calloc((size_t)n, sizeof *docs);
    char **paths = calloc((size_t)n, sizeof *paths);
    if (!docs || !paths) return 1;
    size_t bytes = 0;
    int ndocs = 0, reports = 0, tabled = 0;
    for (int i = 0; i < n; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        nb_error err;
        nb_error_clear(&err);
        if (nb_document_load(&docs[ndocs], path, &err) != 0) {
            fprintf(stderr, "bench_check: %s\n", err.message);
            continue;
        }
        paths[ndocs] = strdup(path);
        bytes += docs[ndocs].text.len;
        reports += docs[ndocs].nreports;
        for (int r = 0; r < docs[ndocs].nreports; r++) tabled += docs[ndocs].reports[r].has_tables;
        ndocs++;
    }
    if (!ndocs) {
        fprintf(stderr, "bench_check: no corpus file could be read in %s\n", dir);
        return 77;
    }

    /* parsed once, checked `rounds` times */
    nb_findings f = {0};
    long findings = 0;
    double t0 = now();
    for (int round = 0; round < rounds; round++)
        for (int i = 0; i < ndocs; i++)
            for (int r = 0; r < docs[i].nreports; r++) {
                nb_findings_clear(&f);
                nb_check_document(&docs[i], r, NULL, &f);
                findings += f.count;
            }
    double check_s = now() - t0;
    printf("bench_check: %d files, %.1f KB of text, %d reports (%d with tables), %ld findings per "
           "pass\n",
           ndocs, (double)bytes / 1024.0, reports, tabled, findings / rounds);
    printf("check only:    %d passes in %.3f s = %.1f MB/s (%.1f us per report)\n", rounds, check_s,
           (double)bytes * rounds / check_s / 1e6, check_s * 1e6 / ((double)reports * rounds));

    /* parse + check from the file each time */
    t0 = now();
    for (int round = 0; round < rounds; round++)
        for (int i = 0; i < ndocs; i++) {
            nb_document doc;
            nb_error err;
            if (nb_document_load(&doc, paths[i], &err) != 0) continue;
            for (int r = 0; r < doc.nreports; r++) {
                nb_findings_clear(&f);
                nb_check_document(&doc, r, NULL, &f);
            }
            nb_document_free(&doc);
        }
    double all_s = now() - t0;
    printf("parse + check: %d passes in %.3f s = %.1f MB/s\n", rounds, all_s,
           (double)bytes * rounds / all_s / 1e6);

    /* Worst case for the narrative rules: one 1.3 MB line holding 40,000
     * stated numbers, every one contradicting the table. */
    const nb_report *tabled_report = NULL;
    for (int i = 0; i < ndocs && !tabled_report; i++)
        for (int r = 0; r < docs[i].nreports && !tabled_report; r++)
            if (docs[i].reports[r].has_tables) tabled_report = &docs[i].reports[r];
    if (tabled_report) {
        const char *piece = "受理政府信息公开申请1件";
        size_t plen = strlen(piece), count = 40000;
        char *big = malloc(plen * count + 1);
        nb_text text;
        nb_error err;
        if (big) {
            for (size_t k = 0; k < count; k++) memcpy(big + k * plen, piece, plen);
            big[plen * count] = '\0';
            if (nb_text_from_bytes(big, plen * count, &text, &err) == 0) {
                nb_report r = *tabled_report;
                r.byte_start = 0;
                r.byte_end = text.len;
                r.tables_start = r.tables_end = 0;
                r.notes = NULL;
                r.nnotes = 0;
                nb_findings_clear(&f);
                t0 = now();
                nb_check_report(&r, NULL, &text, &f);
                double worst_s = now() - t0;
                printf("narrative worst case: %.1f MB on one line, %d findings in %.3f s = %.1f MB/s\n",
                       (double)text.len / 1e6, f.count, worst_s, (double)text.len / worst_s / 1e6);
                nb_text_free(&text);
            }
            free(big);
        }
    }

    nb_findings_free(&f);
    for (int i = 0; i < ndocs; i++) {
        nb_document_free(&docs[i]);
        free(paths[i]);
    }
    for (int i = 0; i < n; i++) free(names[i]);
    free(docs);
    free(paths);
    return 0;
}
