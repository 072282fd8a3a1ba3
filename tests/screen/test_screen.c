/* A headless screen driver, as tig's test suite has: the review screen
 * runs on a scripted key sequence with no terminal (curses writes to
 * /dev/null at a fixed size), and `dump` in the script prints the screen
 * as text, to be diffed against a golden file (tests/screen/run.sh).
 * Unlike the tmux tests it does not wait or poll: every key is read by
 * the one event loop at the moment the loop asks for one, so a dump shows
 * exactly the screen that key would have met.
 *
 * Usage: test_screen REPORT ROWS COLS SCRIPT
 * SCRIPT holds key names as the config's `bind` takes them (j, Tab, F1,
 * C-r, Enter, Space, Down...), separated by blanks or lines, and `dump`.
 * Lines starting with # are comments. The script must end the session
 * (q, or : q ! Enter); running out of keys is a failure. */
#include "config.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "tui.h"

typedef struct script {
    char **words;
    int n, next;
    bool armed; /* a dump is next: the loop has been asked to draw first */
    /* After an Esc: the key sent with it (an Alt key, M-x), or a pause
     * (a lone Escape: the person is slower than the terminal). */
    bool after_esc;
    nb_key alt_key;
    int dumps;
} script;

static script S;

static void die(const char *what, const char *detail) {
    endwin();
    fprintf(stderr, "test_screen: %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
    exit(1);
}

static void load_script(const char *path) {
    FILE *f = fopen(path, "r");
    if (!f) die("cannot read the script", path);
    char line[1024];
    while (fgets(line, sizeof line, f)) {
        if (line[0] == '#') continue;
        for (char *save = NULL, *w = strtok_r(line, " \t\r\n", &save); w; w = strtok_r(NULL, " \t\r\n", &save)) {
            char **grown = realloc(S.words, (size_t)(S.n + 1) * sizeof *grown);
            if (!grown || !(grown[S.n] = strdup(w))) die("out of memory", NULL);
            S.words = grown;
            S.n++;
        }
    }
    fclose(f);
}

/* The screen as text, one line a row, trailing blanks cut. Wide glyphs
 * take two columns on screen and one character here. */
static void dump(void) {
    int rows, cols;
    getmaxyx(stdscr, rows, cols);
    printf("--- dump %d (%dx%d) ---\n", ++S.dumps, cols, rows);
    for (int y = 0; y < rows; y++) {
        wchar_t w[1024];
        int n = mvwinnwstr(stdscr, y, 0, w, cols < 1023 ? cols : 1023);
        if (n < 0) n = 0;
        w[n] = L'\0';
        while (n > 0 && w[n - 1] == L' ') w[--n] = L'\0';
        char out[4096];
        size_t len = wcstombs(out, w, sizeof out - 1);
        if (len == (size_t)-1) die("a row does not convert to UTF-8", NULL);
        out[len] = '\0';
        printf("%s\n", out);
    }
}

/* The key source the event loop reads instead of the terminal. */
static int scripted_key(nb_app *app, wint_t *c) {
    (void)app;
    if (S.after_esc) {
        S.after_esc = false;
        if (!S.alt_key.alt) return ERR;
        *c = (wint_t)S.alt_key.code;
        return S.alt_key.function ? KEY_CODE_YES : OK;
    }
    while (S.next < S.n && strcmp(S.words[S.next], "dump") == 0) {
        /* Report "no key" once first, so a mode that batches keys draws
         * what they did before the dump. */
        if (!S.armed) {
            S.armed = true;
            return ERR;
        }
        S.armed = false;
        S.next++;
        dump();
    }
    if (S.next >= S.n) die("the script ran out of keys before the session ended", NULL);
    nb_key key;
    const char *w = S.words[S.next++];
    if (!nb_key_parse(w, &key)) die("not a key name", w);
    if (key.alt || (!key.function && key.code == 27)) {
        S.after_esc = true;
        S.alt_key = key;
        *c = 27;
        return OK;
    }
    *c = (wint_t)key.code;
    return key.function ? KEY_CODE_YES : OK;
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: test_screen REPORT ROWS COLS SCRIPT\n");
        return 2;
    }
    int rows = atoi(argv[2]), cols = atoi(argv[3]);
    if (rows < 1 || cols < 1 || cols > 1000) die("bad screen size", argv[2]);
    if (!setlocale(LC_ALL, "C.UTF-8")) die("no C.UTF-8 locale", NULL);
    load_script(argv[4]);

    nb_app *app = calloc(1, sizeof *app);
    if (!app) die("out of memory", NULL);
    nb_keymap_defaults(&app->keymap); /* the user's config is not read */
    nb_error err;
    nb_error_clear(&err);
    int opened = nb_app_open(app, argv[1], -1, 0, &err);
    if (opened < 0) die("cannot open the report", err.message);
    if (opened > 0 && nb_app_open_report(app, 0, &err) != 0) die("cannot open the report", err.message);
    app->read_key = scripted_key;

    FILE *out = fopen("/dev/null", "w"), *in = fopen("/dev/null", "r");
    SCREEN *screen = out && in ? newterm("xterm", out, in) : NULL;
    if (!screen) die("cannot start curses on /dev/null (TERM xterm)", NULL);
    set_term(screen);
    resizeterm(rows, cols);
    nb_theme_builtin(&app->theme, true); /* attributes do not show in a dump */
    nb_theme_apply(&app->theme);

    nb_app_run(app);
    endwin();
    delscreen(screen);
    fclose(out);
    fclose(in);
    if (S.next < S.n) die("keys left after the session ended", S.words[S.next]);
    nb_app_free(app);
    free(app);
    for (int i = 0; i < S.n; i++) free(S.words[i]);
    free(S.words);
    return 0;
}
