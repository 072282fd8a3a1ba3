/* Headless render benchmark: open a report (by default the largest corpus
 * file), then for each frame handle one navigation key and redraw the
 * whole screen on a curses terminal writing to /dev/null. Prints the mean
 * and worst milliseconds per frame. Usage: bench_render [FILE] [FRAMES] */
#include "config.h"

#include <dirent.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "tui.h"

static int cmp_double(const void *a, const void *b) {
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

static double now_ms(void) {
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (double)ts.tv_sec * 1e3 + (double)ts.tv_nsec / 1e6;
}

/* The largest *.txt in NB_SHARED/corpus (or ../shared/corpus). */
static bool largest_corpus_file(char *out, size_t n) {
    const char *shared = getenv("NB_SHARED");
    char dir[4096];
    snprintf(dir, sizeof dir, "%s/corpus", shared && *shared ? shared : "../shared");
    DIR *d = opendir(dir);
    if (!d) return false;
    off_t best = -1;
    struct dirent *e;
    while ((e = readdir(d))) {
        size_t len = strlen(e->d_name);
        if (len < 5 || strcmp(e->d_name + len - 4, ".txt") != 0) continue;
        char p[4096 + 300];
        snprintf(p, sizeof p, "%s/%s", dir, e->d_name);
        struct stat st;
        if (stat(p, &st) == 0 && st.st_size > best) {
            best = st.st_size;
            snprintf(out, n, "%s", p);
        }
    }
    closedir(d);
    return best >= 0;
}

int main(int argc, char **argv) {
    setlocale(LC_ALL, "C.UTF-8");
    char path[4500];
    if (argc > 1) snprintf(path, sizeof path, "%s", argv[1]);
    else if (!largest_corpus_file(path, sizeof path)) {
        fprintf(stderr, "bench_render: no corpus found (set NB_SHARED or give a FILE)\n");
        return 77;
    }
    int frames = argc > 2 ? atoi(argv[2]) : 2000;
    if (frames < 1) frames = 1;

    static nb_app app;
    nb_keymap_defaults(&app.keymap);
    nb_error err;
    nb_error_clear(&err);
    int rc = nb_app_open(&app, path, -1, 0, &err);
    if (rc < 0) {
        fprintf(stderr, "bench_render: %s\n", err.message);
        return 1;
    }
    if (rc == 1) {
        /* Several reports: take the one with the most cells read. */
        int best = 0, best_cells = -1;
        for (int i = 0; i < app.doc.nreports; i++) {
            const nb_report *r = &app.doc.reports[i];
            int cells = r->has_tables && r->tpl ? r->tpl->ncells : 0;
            if (cells > best_cells) {
                best = i;
                best_cells = cells;
            }
        }
        if (nb_app_open_report(&app, best, &err) != 0) {
            fprintf(stderr, "bench_render: %s\n", err.message);
            return 1;
        }
    }

    FILE *out = fopen("/dev/null", "w");
    FILE *in = fopen("/dev/null", "r");
    SCREEN *scr = newterm("xterm-256color", out, in);
    if (!scr) scr = newterm("vt100", out, in);
    if (!scr) {
        fprintf(stderr, "bench_render: no terminal description to render with\n");
        return 77;
    }
    set_term(scr);
    resizeterm(50, 160);
    nb_theme_builtin(&app.theme, false);
    start_color();
    use_default_colors();
    nb_theme_apply(&app.theme);

    /* A walk through the tables and the source: down, right, down..., and
     * every 40th frame a pane switch, so all three panes get drawn focused. */
    static const nb_cmd walk[] = {NB_CMD_MOVE_DOWN, NB_CMD_MOVE_RIGHT, NB_CMD_MOVE_DOWN,
                                  NB_CMD_NEXT_FINDING, NB_CMD_MOVE_DOWN, NB_CMD_MOVE_LEFT,
                                  NB_CMD_PAGE_DOWN,  NB_CMD_MOVE_UP,   NB_CMD_LAST,
                                  NB_CMD_FIRST};
    double total = 0, worst = 0, first = 0;
    int worst_frame = 0;
    double *times = calloc((size_t)frames, sizeof *times);
    if (!times) return 1;
    for (int f = 0; f < frames; f++) {
        double t0 = now_ms();
        nb_cmd cmd = f % 40 == 39 ? NB_CMD_NEXT_PANE : walk[f % (sizeof walk / sizeof walk[0])];
        nb_app_run_command(&app, cmd);
        nb_render(&app);
        wnoutrefresh(stdscr);
        doupdate();
        double dt = now_ms() - t0;
        times[f] = dt;
        /* The first frame paints every cell of an empty screen; the rest
         * are what a keystroke costs. */
        if (f == 0) {
            first = dt;
            continue;
        }
        total += dt;
        if (dt > worst) {
            worst = dt;
            worst_frame = f;
        }
    }
    qsort(times + 1, (size_t)(frames - 1), sizeof *times, cmp_double);
    double p99 = frames > 1 ? times[1 + (frames - 2) * 99 / 100] : first;
    endwin();
    delscreen(scr);
    fclose(out);
    fclose(in);
    printf("bench_render: %s, %zu lines, %d frames at 160x50: first frame %.3f ms, then %.3f ms "
           "per key and frame (99th percentile %.3f ms, worst %.3f ms at frame %d)\n",
           path, app.doc.text.nlines, frames, first, frames > 1 ? total / (frames - 1) : first, p99,
           worst, worst_frame);
    free(times);
    nb_app_free(&app);
    return 0;
}
