/* Themes: semantic slots (cell-error, source-highlight, ...) mapped to
 * colours and attributes. A theme file is small text:
 *
 *     # comment
 *     slot-name  FOREGROUND  [BACKGROUND]  [ATTRIBUTE...]
 *
 * Colours: default, black, red, green, yellow, blue, magenta, cyan,
 * white, bright-NAME, or a number 0..255. Attributes: bold, dim,
 * underline, reverse, standout, italic, blink, normal. Slots a file does
 * not name keep the built-in dark theme's style (or the monochrome one
 * for `monochrome yes`). */
#include "config.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "nianbao/common.h"
#include "tui.h"

static const struct {
    const char *name;
    short fg, bg;
    attr_t attrs, mono;
} builtin[NB_SLOT_COUNT] = {
#define NB_SLOT_ROW(id, name, fg, bg, attr, mono) {name, fg, bg, attr, mono},
    NB_SLOTS(NB_SLOT_ROW)
#undef NB_SLOT_ROW
};

const char *nb_slot_name(nb_slot s) { return s >= 0 && s < NB_SLOT_COUNT ? builtin[s].name : ""; }

void nb_theme_builtin(nb_theme *t, bool monochrome) {
    memset(t, 0, sizeof *t);
    snprintf(t->name, sizeof t->name, "%s", monochrome ? "monochrome" : "default");
    t->monochrome = monochrome;
    for (int s = 0; s < NB_SLOT_COUNT; s++) {
        t->slot[s].fg = monochrome ? -1 : builtin[s].fg;
        t->slot[s].bg = monochrome ? -1 : builtin[s].bg;
        t->slot[s].attrs = monochrome ? builtin[s].mono : builtin[s].attrs;
    }
}

static const char *const colour_names[8] = {"black", "red",     "green", "yellow",
                                            "blue",  "magenta", "cyan",  "white"};

/* -2 when not a colour. */
static int parse_colour(const char *w) {
    if (strcasecmp(w, "default") == 0 || strcmp(w, "-") == 0) return -1;
    for (int i = 0; i < 8; i++) {
        if (strcasecmp(w, colour_names[i]) == 0) return i;
        if (strncasecmp(w, "bright-", 7) == 0 && strcasecmp(w + 7, colour_names[i]) == 0)
            return i + 8;
    }
    if (w[0] >= '0' && w[0] <= '9') {
        char *end;
        long n = strtol(w, &end, 10);
        if (*end == '\0' && n >= 0 && n <= 255) return (int)n;
    }
    return -2;
}

static bool parse_attr(const char *w, attr_t *out) {
    static const struct {
        const char *name;
        attr_t attr;
    } attrs[] = {{"bold", A_BOLD},       {"dim", A_DIM},       {"underline", A_UNDERLINE},
                 {"reverse", A_REVERSE}, {"standout", A_STANDOUT}, {"italic", A_ITALIC},
                 {"blink", A_BLINK},     {"normal", 0},        {"none", 0}};
    for (size_t i = 0; i < sizeof attrs / sizeof attrs[0]; i++) {
        if (strcasecmp(w, attrs[i].name) == 0) {
            *out = attrs[i].attr;
            return true;
        }
    }
    return false;
}

/* Words of a theme line are separated by blanks or by = : , */
#define THEME_SEPS " \t\r=:,"

/* After nb_error_set: the error is on line `lineno`. */
static int at_line(nb_error *err, int lineno) {
    err->line = lineno;
    return -1;
}

/* `monochrome yes|no`: start again from the matching built-in styles. */
static int parse_monochrome(nb_theme *t, char **save, int lineno, nb_error *err) {
    char *v = strtok_r(NULL, THEME_SEPS, save);
    bool mono = v && (strcmp(v, "yes") == 0 || strcmp(v, "true") == 0);
    if (!v || (!mono && strcmp(v, "no") != 0 && strcmp(v, "false") != 0)) {
        nb_error_set(err, EINVAL, _("line %d: monochrome takes yes or no"), lineno);
        return at_line(err, lineno);
    }
    char keep[64];
    snprintf(keep, sizeof keep, "%s", t->name);
    nb_theme_builtin(t, mono);
    snprintf(t->name, sizeof t->name, "%s", keep);
    return 0;
}

/* The words after slot `word`: up to two colours (foreground, background),
 * then attributes. */
static int parse_style(const nb_theme *t, const char *word, char **save, int lineno, nb_style *st,
                       nb_error *err) {
    *st = (nb_style){-1, -1, 0};
    int ncolours = 0;
    for (char *w = strtok_r(NULL, THEME_SEPS, save); w; w = strtok_r(NULL, THEME_SEPS, save)) {
        int c = parse_colour(w);
        attr_t a;
        if (c != -2 && ncolours < 2) {
            if (ncolours == 0) st->fg = (short)c;
            else st->bg = (short)c;
            ncolours++;
        } else if (parse_attr(w, &a)) {
            st->attrs |= a;
        } else if (c != -2) {
            nb_error_set(err, EINVAL, _("line %d: more than two colours for \"%s\""), lineno, word);
            return at_line(err, lineno);
        } else {
            nb_error_set(err, EINVAL, _("line %d: \"%s\" is neither a colour nor an attribute"),
                         lineno, w);
            return at_line(err, lineno);
        }
    }
    if (t->monochrome && (st->fg != -1 || st->bg != -1)) {
        nb_error_set(err, EINVAL, _("line %d: a monochrome theme takes attributes only"), lineno);
        return at_line(err, lineno);
    }
    return 0;
}

/* One line of a theme, its comment already cut off. */
static int parse_line(nb_theme *t, char *line, int lineno, bool seen[NB_SLOT_COUNT], nb_error *err) {
    char *save = NULL;
    char *word = strtok_r(line, THEME_SEPS, &save);
    if (!word) return 0;
    if (strcmp(word, "monochrome") == 0) return parse_monochrome(t, &save, lineno, err);
    int slot = -1;
    for (int s = 0; s < NB_SLOT_COUNT; s++)
        if (strcmp(builtin[s].name, word) == 0) slot = s;
    if (slot < 0) {
        nb_error_set(err, EINVAL, _("line %d: unknown slot \"%s\""), lineno, word);
        return at_line(err, lineno);
    }
    if (seen[slot]) {
        nb_error_set(err, EINVAL, _("line %d: slot \"%s\" given twice"), lineno, word);
        return at_line(err, lineno);
    }
    seen[slot] = true;
    nb_style st;
    if (parse_style(t, word, &save, lineno, &st, err) != 0) return -1;
    t->slot[slot] = st;
    return 0;
}

int nb_theme_parse(nb_theme *t, const char *text, size_t len, nb_error *err) {
    /* Start from the built-in styles so a theme may name only some slots;
     * the `monochrome` setting must come before slots to matter. */
    nb_theme_builtin(t, false);
    bool seen[NB_SLOT_COUNT] = {false};
    int lineno = 0;
    size_t pos = 0;
    while (pos < len) {
        size_t end = pos;
        while (end < len && text[end] != '\n') end++;
        lineno++;
        char line[512];
        size_t n = end - pos;
        if (n >= sizeof line) {
            nb_error_set(err, EINVAL, _("line %d: too long"), lineno);
            return at_line(err, lineno);
        }
        memcpy(line, text + pos, n);
        line[n] = '\0';
        pos = end + 1;
        char *hash = strchr(line, '#');
        if (hash) *hash = '\0';
        if (parse_line(t, line, lineno, seen, err) != 0) return -1;
    }
    return 0;
}

static int load_path(nb_theme *t, const char *path, nb_error *err) {
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
        nb_error_set(err, EINVAL, _("theme %s is not a file"), path);
        return -1;
    }
    FILE *f = fopen(path, "rb");
    if (!f) {
        nb_error_set(err, errno, _("cannot open theme %s: %s"), path, strerror(errno));
        return -1;
    }
    char buf[32768];
    size_t n = fread(buf, 1, sizeof buf, f);
    bool too_big = n == sizeof buf && fgetc(f) != EOF;
    bool failed = ferror(f);
    fclose(f);
    if (failed) {
        nb_error_set(err, EIO, _("cannot read theme %s"), path);
        return -1;
    }
    if (too_big) {
        nb_error_set(err, EFBIG, _("theme %s is too large"), path);
        return -1;
    }
    nb_error line_err;
    nb_error_clear(&line_err);
    if (nb_theme_parse(t, buf, n, &line_err) != 0) {
        nb_error_set(err, EINVAL, _("theme %s: %s"), path, line_err.message);
        err->line = line_err.line;
        return -1;
    }
    return 0;
}

static bool file_exists(const char *p) {
    struct stat st;
    return stat(p, &st) == 0 && S_ISREG(st.st_mode);
}

int nb_theme_load(nb_theme *t, const char *name, nb_error *err) {
    if (strchr(name, '/')) {
        if (load_path(t, name, err) != 0) return -1;
        const char *base = strrchr(name, '/') + 1;
        snprintf(t->name, sizeof t->name, "%.*s", (int)strcspn(base, "."), base);
        return 0;
    }
    char dirs[4][1024];
    int ndirs = 0;
    char cfg[900];
    if (nb_config_dir(cfg, sizeof cfg)) snprintf(dirs[ndirs++], sizeof dirs[0], "%s/themes", cfg);
    const char *env = getenv("NIANBAO_THEMEDIR");
    if (env && *env) snprintf(dirs[ndirs++], sizeof dirs[0], "%s", env);
#ifdef NB_SOURCE_THEMEDIR
    /* Run from the build tree: the themes beside the sources. */
    snprintf(dirs[ndirs++], sizeof dirs[0], "%s", NB_SOURCE_THEMEDIR);
#endif
    snprintf(dirs[ndirs++], sizeof dirs[0], "%s", NB_THEMEDIR);
    for (int i = 0; i < ndirs; i++) {
        char path[1200];
        int w = snprintf(path, sizeof path, "%s/%s.theme", dirs[i], name);
        if (w < 0 || (size_t)w >= sizeof path || !file_exists(path)) continue;
        if (load_path(t, path, err) != 0) return -1;
        snprintf(t->name, sizeof t->name, "%s", name);
        return 0;
    }
    if (strcmp(name, "default") == 0 || strcmp(name, "monochrome") == 0) {
        /* Built in, so the program looks right before `make install`. */
        nb_theme_builtin(t, strcmp(name, "monochrome") == 0);
        return 0;
    }
    nb_error_set(err, ENOENT, _("no theme named \"%s\""), name);
    return -1;
}

void nb_theme_apply(nb_theme *t) {
    bool colour = !t->monochrome && has_colors();
    int ncolours = colour ? COLORS : 0;
    short next_pair = 1;
    for (int s = 0; s < NB_SLOT_COUNT; s++) {
        nb_style st = t->slot[s];
        attr_t a = st.attrs;
        if (colour && (st.fg != -1 || st.bg != -1) && next_pair < COLOR_PAIRS) {
            short fg = st.fg, bg = st.bg;
            /* Bright colours on an 8-colour terminal: the base colour, bold. */
            if (fg >= ncolours) {
                if (fg >= 8 && fg < 16) a |= A_BOLD;
                fg = fg >= 8 && fg < 16 ? (short)(fg - 8) : -1;
            }
            if (bg >= ncolours) bg = bg >= 8 && bg < 16 ? (short)(bg - 8) : -1;
            if (fg >= ncolours) fg = -1;
            if (bg >= ncolours) bg = -1;
            init_pair(next_pair, fg, bg);
            a |= COLOR_PAIR(next_pair);
            next_pair++;
        } else if (!colour && s == NB_SLOT_CELL_SELECTED) {
            a |= A_REVERSE; /* the selection must show without colour */
        }
        t->attr[s] = a;
    }
}
