/* Throughput of the text module on report-like text: decoding (UTF-8 and
 * GB18030), normalising with the byte map, display width and sanitising
 * line by line. Prints figures; asserts nothing about speed.
 *
 *   tests/bench_text [MEGABYTES]   (default 8) */
#include "config.h"

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "nianbao/fold.h"
#include "nianbao/text.h"

/* Lines in the shapes real reports have: CJK labels, full-width and
 * ASCII digits, table separators, NBSP and U+3000 padding. */
static const char *const sample_lines[] = {
    "二、主动公开政府信息情况\n",
    "| 规章 | 0 | 0 | 0 |\n",
    "（一）予以公开\t１２３\t45\t6\n",
    "行政复议\xc2\xa0\xc2\xa0维持\xe3\x80\x80\xe3\x80\x80纠正 0 1 2 3 4\n",
    "│ 其他法律行政法规禁止公开 │  0 │  0 │  1 │\n",
    "Total 462.657 — ① ② ③ 2023年度政府信息公开工作年度报告\r\n",
};

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void report(const char *what, size_t bytes, double secs) {
    printf("%-28s %8.1f MB in %6.3f s  %8.1f MB/s\n", what, (double)bytes / 1e6, secs,
           secs > 0 ? (double)bytes / 1e6 / secs : 0.0);
}

int main(int argc, char **argv) {
    size_t want = (size_t)(argc > 1 ? atof(argv[1]) : 8.0) * 1000 * 1000;
    if (want == 0 || want > NB_TEXT_MAX_BYTES / 2) {
        fprintf(stderr, "usage: %s [MEGABYTES up to %zu]\n", argv[0], NB_TEXT_MAX_BYTES / 2000000);
        return 2;
    }
    char *utf8 = malloc(want + 256);
    if (!utf8) return 1;
    size_t n = 0;
    for (size_t i = 0; n < want; i++) {
        const char *l = sample_lines[i % (sizeof sample_lines / sizeof *sample_lines)];
        memcpy(utf8 + n, l, strlen(l));
        n += strlen(l);
    }

    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    double t0 = now();
    if (nb_text_from_bytes(utf8, n, &t, &err) != 0) {
        fprintf(stderr, "decode: %s\n", err.message);
        return 1;
    }
    report("decode UTF-8 + lines + hash", n, now() - t0);
    printf("%-28s %zu lines\n", "", t.nlines);

    iconv_t cd = iconv_open("GB18030", "UTF-8");
    char *gb = malloc(n * 2);
    char *ip = utf8, *op = gb;
    size_t il = n, ol = n * 2;
    if (cd == (iconv_t)-1 || !gb || iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) return 1;
    iconv_close(cd);
    size_t gbn = n * 2 - ol;
    nb_text g;
    t0 = now();
    if (nb_text_from_bytes(gb, gbn, &g, &err) != 0) {
        fprintf(stderr, "decode: %s\n", err.message);
        return 1;
    }
    report("decode GB18030 + lines + hash", gbn, now() - t0);
    if (strcmp(g.encoding, "GB18030") != 0 || g.len != t.len) {
        fprintf(stderr, "GB18030 text was read as %s\n", g.encoding);
        return 1;
    }
    nb_text_free(&g);
    free(gb);

    t0 = now();
    if (!nb_text_folded(&t)) return 1;
    report("fold every line (matching form)", t.len, now() - t0);

    long long cols = 0;
    t0 = now();
    for (size_t i = 0; i < t.nlines; i++) {
        size_t s, e;
        nb_text_line_bounds(&t, i, &s, &e);
        cols += nb_display_width(t.utf8 + s, e - s);
    }
    report("display width per line", t.len, now() - t0);
    printf("%-28s %lld columns\n", "", cols);

    size_t out = 0;
    t0 = now();
    for (size_t i = 0; i < t.nlines; i++) {
        size_t s, e;
        nb_text_line_bounds(&t, i, &s, &e);
        char *safe = nb_sanitize(t.utf8 + s, e - s, false);
        if (!safe) return 1;
        out += strlen(safe);
        free(safe);
    }
    report("sanitise per line", t.len, now() - t0);

    size_t probes = 0, sum = 0;
    t0 = now();
    for (size_t off = 0; off < t.len; off += 97, probes++) sum += nb_text_line_of(&t, off);
    double secs = now() - t0;
    printf("%-28s %zu lookups in %.3f s (%.0f ns each)\n", "line_of", probes, secs,
           probes ? secs * 1e9 / (double)probes : 0.0);
    if (sum == 0 || out == 0) return 1;

    nb_text_free(&t);
    free(utf8);
    return 0;
}
