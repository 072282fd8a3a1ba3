/* The PDF and web page sources against the tools a reviewer would use
 * instead: each PDF read by nianbao's PDF source and by `pdftotext
 * -layout`, each page by the web page source and by `xmllint --html
 * --noout` (parsing only, the floor for any HTML reader). Every figure is
 * measured in a child process, so peak memory (ru_maxrss) is that run's
 * alone. The tools' times include starting their process, as a reviewer
 * running them would; nianbao's are of the reading alone, in one process.
 * Prints figures; asserts nothing about speed.
 *
 *   tests/bench_source [FILE]...   (default: the committed PDFs and pages
 *                                   of tests/layouts, and ../shared/pdf) */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "nianbao/source.h"

/* Runs per measurement: enough for a stable time on small files. */
#define RUNS 20

typedef struct figure {
    double ms_per_run;
    long peak_kb;
    bool ok;
} figure;

static double now(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* nianbao's source on `path`, RUNS times in a child. */
static figure run_source(const char *path) {
    figure f = {0, 0, false};
    fflush(stdout); /* a child must not print the parent's buffer again */
    double t0 = now();
    pid_t pid = fork();
    if (pid < 0) return f;
    if (pid == 0) {
        for (int i = 0; i < RUNS; i++) {
            nb_text t;
            nb_error err;
            nb_error_clear(&err);
            if (nb_source_load(path, &t, NULL, &err) != 0) _exit(1);
            nb_text_free(&t);
        }
        _exit(0);
    }
    int status;
    struct rusage ru;
    if (wait4(pid, &status, 0, &ru) < 0) return f;
    f.ms_per_run = (now() - t0) * 1000 / RUNS;
    f.peak_kb = ru.ru_maxrss;
    f.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    return f;
}

/* An external tool, RUNS times, each in its own child; the peak is the
 * largest of them. */
static figure run_tool(char *const argv[]) {
    figure f = {0, 0, true};
    double t0 = now();
    fflush(stdout);
    for (int i = 0; i < RUNS && f.ok; i++) {
        pid_t pid = fork();
        if (pid < 0) return (figure){0, 0, false};
        if (pid == 0) {
            if (!freopen("/dev/null", "w", stdout) || !freopen("/dev/null", "w", stderr)) _exit(127);
            execvp(argv[0], argv);
            _exit(127);
        }
        int status;
        struct rusage ru;
        if (wait4(pid, &status, 0, &ru) < 0) return (figure){0, 0, false};
        if (ru.ru_maxrss > f.peak_kb) f.peak_kb = ru.ru_maxrss;
        f.ok = WIFEXITED(status) && WEXITSTATUS(status) == 0;
    }
    f.ms_per_run = (now() - t0) * 1000 / RUNS;
    return f;
}

static void print_row(const char *path, const char *tool, figure mine, figure theirs) {
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    if (!mine.ok) {
        printf("%-40s nianbao could not read it\n", base);
        return;
    }
    if (!theirs.ok) {
        printf("%-40s nianbao %7.2f ms %7ld KB   %s not available\n", base, mine.ms_per_run, mine.peak_kb,
               tool);
        return;
    }
    printf("%-40s nianbao %7.2f ms %7ld KB   %-22s %7.2f ms %7ld KB   ratio %.2f\n", base, mine.ms_per_run,
           mine.peak_kb, tool, theirs.ms_per_run, theirs.peak_kb,
           theirs.ms_per_run > 0 ? mine.ms_per_run / theirs.ms_per_run : 0.0);
}

static void bench_file(const char *path) {
    FILE *f = fopen(path, "rb");
    if (!f) {
        printf("%s: cannot open\n", path);
        return;
    }
    char head[4096];
    size_t n = fread(head, 1, sizeof head, f);
    fclose(f);
    nb_source_kind kind = nb_source_sniff(head, n);
    figure mine = run_source(path);
    if (kind == NB_SOURCE_PDF) {
        char *argv[] = {"pdftotext", "-layout", (char *)path, "/dev/null", NULL};
        print_row(path, "pdftotext -layout", mine, run_tool(argv));
    } else if (kind == NB_SOURCE_HTML) {
        char *argv[] = {"xmllint", "--html", "--noout", (char *)path, NULL};
        print_row(path, "xmllint --html --noout", mine, run_tool(argv));
    } else {
        print_row(path, "(text)", mine, (figure){0, 0, false});
    }
}

static int by_name(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

/* Every .pdf and .html file of `dir`, in name order. */
static void bench_dir(const char *dir) {
    DIR *d = opendir(dir);
    if (!d) return;
    char *names[256];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)) && n < 256) {
        size_t l = strlen(e->d_name);
        if ((l > 4 && !strcmp(e->d_name + l - 4, ".pdf")) || (l > 5 && !strcmp(e->d_name + l - 5, ".html"))) {
            size_t need = strlen(dir) + l + 2;
            names[n] = malloc(need);
            if (!names[n]) break;
            snprintf(names[n], need, "%s/%s", dir, e->d_name);
            n++;
        }
    }
    closedir(d);
    qsort(names, (size_t)n, sizeof *names, by_name);
    for (int i = 0; i < n; i++) {
        bench_file(names[i]);
        free(names[i]);
    }
}

int main(int argc, char **argv) {
    printf("%d runs each; time per run and peak resident memory of the process\n", RUNS);
    if (argc > 1) {
        for (int i = 1; i < argc; i++) bench_file(argv[i]);
        return 0;
    }
    const char *src = getenv("NB_SRCDIR");
    char dir[1024];
    static const char *const dirs[] = {"tests/layouts/pdf", "tests/layouts/html", "../shared/pdf"};
    for (size_t i = 0; i < sizeof dirs / sizeof *dirs; i++) {
        snprintf(dir, sizeof dir, "%s/%s", src && *src ? src : ".", dirs[i]);
        bench_dir(dir);
    }
    return 0;
}
