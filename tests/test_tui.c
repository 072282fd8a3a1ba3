/* Unit tests of the review screen's parts that need no running program:
 * theme files, key names and the key map, the command list, and the
 * drawing helpers (on a curses screen that writes to /dev/null, read back
 * cell by cell to check where each glyph landed). */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "tui.h"

static char *read_file(const char *path, size_t *len) {
    FILE *f = fopen(path, "rb");
    if (!f) return NULL;
    static char buf[65536];
    *len = fread(buf, 1, sizeof buf - 1, f);
    buf[*len] = '\0';
    fclose(f);
    return buf;
}

static void test_shipped_themes_parse(void **state) {
    (void)state;
    const char *srcdir = getenv("NB_SRCDIR");
    if (!srcdir) srcdir = ".";
    const char *names[] = {"default", "light", "high-contrast", "monochrome"};
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
        char path[4096];
        snprintf(path, sizeof path, "%s/themes/%s.theme", srcdir, names[i]);
        size_t len = 0;
        char *text = read_file(path, &len);
        assert_non_null(text);
        nb_theme t;
        nb_error err;
        nb_error_clear(&err);
        int rc = nb_theme_parse(&t, text, len, &err);
        if (rc != 0) fail_msg("%s: %s", path, err.message);
        assert_int_equal(t.monochrome, strcmp(names[i], "monochrome") == 0);
    }
}

static void test_default_theme_file_matches_builtin(void **state) {
    (void)state;
    const char *srcdir = getenv("NB_SRCDIR");
    if (!srcdir) srcdir = ".";
    char path[4096];
    snprintf(path, sizeof path, "%s/themes/default.theme", srcdir);
    size_t len = 0;
    char *text = read_file(path, &len);
    assert_non_null(text);
    nb_theme from_file, builtin;
    nb_error err;
    assert_int_equal(nb_theme_parse(&from_file, text, len, &err), 0);
    nb_theme_builtin(&builtin, false);
    for (int s = 0; s < NB_SLOT_COUNT; s++) {
        if (from_file.slot[s].fg != builtin.slot[s].fg || from_file.slot[s].bg != builtin.slot[s].bg ||
            from_file.slot[s].attrs != builtin.slot[s].attrs)
            fail_msg("slot %s differs between themes/default.theme and the built-in theme",
                     nb_slot_name((nb_slot)s));
    }
}

static void test_theme_values(void **state) {
    (void)state;
    const char *text = "# comment\n"
                       "cell-error  white red bold underline\n"
                       "cell-warning bright-yellow 17\n"
                       "source-highlight default default reverse\n";
    nb_theme t;
    nb_error err;
    assert_int_equal(nb_theme_parse(&t, text, strlen(text), &err), 0);
    assert_int_equal(t.slot[NB_SLOT_CELL_ERROR].fg, COLOR_WHITE);
    assert_int_equal(t.slot[NB_SLOT_CELL_ERROR].bg, COLOR_RED);
    assert_true(t.slot[NB_SLOT_CELL_ERROR].attrs == (A_BOLD | A_UNDERLINE));
    assert_int_equal(t.slot[NB_SLOT_CELL_WARNING].fg, COLOR_YELLOW + 8);
    assert_int_equal(t.slot[NB_SLOT_CELL_WARNING].bg, 17);
    assert_int_equal(t.slot[NB_SLOT_SOURCE_HIGHLIGHT].fg, -1);
    assert_true(t.slot[NB_SLOT_SOURCE_HIGHLIGHT].attrs == A_REVERSE);
}

/* Each broken theme, the line the message must name, and a word of it. */
static void test_theme_errors_name_line_and_problem(void **state) {
    (void)state;
    static const struct {
        const char *text;
        int line;
        const char *says;
    } cases[] = {
        {"cell-error red\nno-such-slot red\n", 2, "no-such-slot"},
        {"# ok\n\ncell-error purple\n", 3, "purple"},
        {"cell-error red\ncell-error blue\n", 2, "twice"},
        {"cell-error red blue green\n", 1, "more than two colours"},
        {"monochrome yes\ncell-error red\n", 2, "attributes only"},
        {"monochrome maybe\n", 1, "yes or no"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        nb_theme t;
        nb_error err;
        nb_error_clear(&err);
        assert_int_equal(nb_theme_parse(&t, cases[i].text, strlen(cases[i].text), &err), -1);
        assert_int_equal(err.line, cases[i].line);
        char want[32];
        snprintf(want, sizeof want, "line %d", cases[i].line);
        if (!strstr(err.message, want) || !strstr(err.message, cases[i].says))
            fail_msg("case %zu: message \"%s\" should name %s and \"%s\"", i, err.message, want,
                     cases[i].says);
    }
}

static void test_key_names(void **state) {
    (void)state;
    nb_key k;
    assert_true(nb_key_parse("C-r", &k));
    assert_int_equal(k.code, 18);
    assert_false(k.function);
    assert_true(nb_key_parse("F1", &k));
    assert_int_equal(k.code, KEY_F(1));
    assert_true(k.function);
    assert_true(nb_key_parse("PgDn", &k));
    assert_int_equal(k.code, KEY_NPAGE);
    assert_true(nb_key_parse("张", &k));
    assert_int_equal(k.code, 0x5f20);
    assert_true(nb_key_parse("U", &k));
    assert_int_equal(k.code, 'U');
    assert_false(nb_key_parse("", &k));
    assert_false(nb_key_parse("C-1", &k));
    assert_false(nb_key_parse("Hyper", &k));
    assert_false(nb_key_parse("ab", &k));
    char name[32];
    nb_key_name((nb_key){18, false, false}, name, sizeof name);
    assert_string_equal(name, "C-r");
    nb_key_name((nb_key){KEY_F(1), true, false}, name, sizeof name);
    assert_string_equal(name, "F1");
    nb_key_name((nb_key){0x5f20, false, false}, name, sizeof name);
    assert_string_equal(name, "张");
    /* Alt: its own key, named and bound as M-x. */
    assert_true(nb_key_parse("M-x", &k));
    assert_int_equal(k.code, 'x');
    assert_true(k.alt);
    assert_true(nb_key_parse("x", &k));
    assert_false(k.alt);
    assert_false(nb_key_parse("M-", &k));
    assert_false(nb_key_parse("M-M-x", &k));
    nb_key_name((nb_key){'x', false, true}, name, sizeof name);
    assert_string_equal(name, "M-x");
}

static void test_keymap_defaults_and_bind(void **state) {
    (void)state;
    static nb_keymap km;
    nb_keymap_defaults(&km);
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){'u', false, false}), NB_CMD_UNDO);
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){18, false, false}), NB_CMD_REDO);
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){'j', false, false}), NB_CMD_MOVE_DOWN);
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){KEY_DOWN, true, false}), NB_CMD_MOVE_DOWN);
    /* Enter arrives as \n, \r or KEY_ENTER. */
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){'\n', false, false}), NB_CMD_EDIT);
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){'\r', false, false}), NB_CMD_EDIT);
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){KEY_ENTER, true, false}), NB_CMD_EDIT);
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){KEY_F(1), true, false}), NB_CMD_HELP);
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){'Z', false, false}), NB_CMD_NONE);
    /* M-x is not x: Alt keys do nothing unless bound. */
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){'x', false, true}), NB_CMD_NONE);
    assert_true(nb_keymap_bind(&km, (nb_key){'U', false, false}, NB_CMD_UNDO));
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){'U', false, false}), NB_CMD_UNDO);
    assert_true(nb_keymap_bind(&km, (nb_key){'u', false, false}, NB_CMD_NONE));
    assert_int_equal(nb_keymap_lookup(&km, (nb_key){'u', false, false}), NB_CMD_NONE);
    char keys[128];
    nb_keymap_keys_of(&km, NB_CMD_UNDO, keys, sizeof keys);
    assert_string_equal(keys, "U");
}

static void test_commands_named_once(void **state) {
    (void)state;
    for (int a = 0; a < NB_CMD_COUNT; a++) {
        const char *name = nb_cmd_name((nb_cmd)a);
        assert_true(strlen(name) > 0);
        assert_true(strlen(nb_cmd_help((nb_cmd)a)) > 0);
        assert_int_equal(nb_cmd_by_name(name), a);
        for (int b = a + 1; b < NB_CMD_COUNT; b++) assert_string_not_equal(name, nb_cmd_name((nb_cmd)b));
    }
    assert_int_equal(nb_cmd_by_name("no-such-command"), NB_CMD_NONE);
}

/* ---- drawing, on a screen that writes to /dev/null */

static SCREEN *screen;
static FILE *out_f, *in_f;

static int screen_up(void **state) {
    (void)state;
    out_f = fopen("/dev/null", "w");
    in_f = fopen("/dev/null", "r");
    screen = newterm("xterm-256color", out_f, in_f);
    if (!screen) screen = newterm("vt100", out_f, in_f);
    if (!screen) return -1;
    set_term(screen);
    resizeterm(10, 40);
    return 0;
}

static int screen_down(void **state) {
    (void)state;
    endwin();
    delscreen(screen);
    fclose(out_f);
    fclose(in_f);
    return 0;
}

/* The character stored at (y, x), UTF-8 encoded; "" for the right half of
 * a wide character. */
static const char *cell_at(int y, int x) {
    static char buf[16];
    cchar_t c;
    wchar_t wch[CCHARW_MAX + 1];
    attr_t a;
    short pair;
    buf[0] = '\0';
    if (mvin_wch(y, x, &c) == ERR) return buf;
    if (getcchar(&c, wch, &a, &pair, NULL) == ERR) return buf;
    if (wch[0] == 0) return buf;
    size_t n = wcstombs(buf, wch, sizeof buf - 1);
    if (n == (size_t)-1) buf[0] = '\0';
    return buf;
}

/* The recovery rules (src/tui/recovery.c) are the ones the man page and
 * tests/tui/recovery.sh describe: every step a session can take, and no
 * other. */
static void test_recovery_rules(void **state) {
    (void)state;
    enum { N = NB_REC_NONE, A = NB_REC_ASKING, L = NB_REC_LOADED, NO = -1 };
    /* [state][event]: the state it goes to, NO where there is no step */
    static const int want[3][NB_REC_EVENTS] = {
        /*        start yes unreadable not-now discard no-more saved copy interrupted */
        [N] = {A, NO, NO, NO, NO, NO, N, N, N},
        [A] = {NO, L, A, A, A, N, NO, NO, NO},
        [L] = {NO, NO, NO, NO, NO, NO, N, L, L},
    };
    for (int s = 0; s < 3; s++)
        for (int e = 0; e < NB_REC_EVENTS; e++) {
            nb_recovery_state to = (nb_recovery_state)99;
            bool has = nb_recovery_rule((nb_recovery_state)s, (nb_recovery_event)e, &to);
            if (has != (want[s][e] != NO)) fail_msg("state %d, event %d: a step %s", s, e, has ? "too many" : "missing");
            if (has && (int)to != want[s][e]) fail_msg("state %d, event %d: goes to %d, not %d", s, e, to, want[s][e]);
        }
}

static void test_draw_places_wide_glyphs(void **state) {
    (void)state;
    erase();
    int w = nb_draw_text(0, 0, 10, "a社会b", strlen("a社会b"), 0);
    assert_int_equal(w, 6);
    assert_string_equal(cell_at(0, 0), "a");
    assert_string_equal(cell_at(0, 1), "社");
    assert_string_equal(cell_at(0, 3), "会");
    assert_string_equal(cell_at(0, 5), "b");
    /* A wide glyph that would straddle the edge becomes padding. */
    erase();
    w = nb_draw_text(1, 0, 4, "a社会", strlen("a社会"), 0);
    assert_int_equal(w, 4);
    assert_string_equal(cell_at(1, 3), " ");
    /* Fields pad to their width, right-aligned. */
    nb_draw_field(2, 0, 8, "自然人", strlen("自然人"), 0, 1);
    assert_string_equal(cell_at(2, 0), " ");
    assert_string_equal(cell_at(2, 1), " ");
    assert_string_equal(cell_at(2, 2), "自");
    assert_string_equal(cell_at(2, 6), "人");
}

static void test_draw_sanitises(void **state) {
    (void)state;
    erase();
    const char *evil = "\x1b[31mX\r\bY\xe2\x80\xae";
    int w = nb_draw_text(3, 0, 30, evil, strlen(evil), 0);
    assert_true(w >= 8);
    assert_string_equal(cell_at(3, 0), "\xe2\x90\x9b"); /* U+241B for ESC */
    assert_string_equal(cell_at(3, 1), "[");
    assert_string_equal(cell_at(3, 5), "X");
    /* No raw control or bidi character is stored anywhere on the row. */
    for (int x = 0; x < 30; x++) {
        const char *c = cell_at(3, x);
        assert_false(c[0] == '\x1b' || c[0] == '\r' || c[0] == '\b');
        assert_null(strstr(c, "\xe2\x80\xae"));
    }
    assert_int_equal(nb_text_width(evil, strlen(evil)), w);
}

int main(void) {
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest pure[] = {
        cmocka_unit_test(test_shipped_themes_parse),
        cmocka_unit_test(test_default_theme_file_matches_builtin),
        cmocka_unit_test(test_theme_values),
        cmocka_unit_test(test_theme_errors_name_line_and_problem),
        cmocka_unit_test(test_key_names),
        cmocka_unit_test(test_keymap_defaults_and_bind),
        cmocka_unit_test(test_commands_named_once),
        cmocka_unit_test(test_recovery_rules),
    };
    const struct CMUnitTest drawing[] = {
        cmocka_unit_test(test_draw_places_wide_glyphs),
        cmocka_unit_test(test_draw_sanitises),
    };
    int failed = cmocka_run_group_tests_name("tui parts", pure, NULL, NULL);
    failed += cmocka_run_group_tests_name("tui drawing", drawing, screen_up, screen_down);
    return failed ? 1 : 0;
}
