/* Commands, keys and the config file. The command list in tui.h is the
 * single place that names a command, its default keys and its help; the
 * key map only maps keys to commands, never to code. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "nianbao/common.h"
#include "nianbao/text.h"
#include "tui.h"

static const struct {
    const char *name, *keys, *help;
} commands[NB_CMD_COUNT] = {
#define NB_CMD_ROW(id, name, keys, help) {name, keys, help},
    NB_COMMANDS(NB_CMD_ROW)
#undef NB_CMD_ROW
};

const char *nb_cmd_name(nb_cmd c) { return c >= 0 && c < NB_CMD_COUNT ? commands[c].name : ""; }
const char *nb_cmd_help(nb_cmd c) {
    return c >= 0 && c < NB_CMD_COUNT ? _(commands[c].help) : "";
}

nb_cmd nb_cmd_by_name(const char *name) {
    for (int c = 0; c < NB_CMD_COUNT; c++)
        if (strcmp(commands[c].name, name) == 0) return (nb_cmd)c;
    return NB_CMD_NONE;
}

/* Named keys: the config file and the help screen use these names. */
static const struct {
    const char *name;
    int code;
    bool function;
} named_keys[] = {
    {"Up", KEY_UP, true},         {"Down", KEY_DOWN, true},     {"Left", KEY_LEFT, true},
    {"Right", KEY_RIGHT, true},   {"PgUp", KEY_PPAGE, true},    {"PgDn", KEY_NPAGE, true},
    {"Home", KEY_HOME, true},     {"End", KEY_END, true},       {"BTab", KEY_BTAB, true},
    {"Backspace", KEY_BACKSPACE, true}, {"Delete", KEY_DC, true}, {"Insert", KEY_IC, true},
    {"Enter", '\n', false},       {"Tab", '\t', false},         {"Space", ' ', false},
    {"Esc", 27, false},
};

bool nb_key_parse(const char *name, nb_key *out) {
    if (!name || !*name) return false;
    /* M-x: the key with Alt (Meta) held. */
    if ((name[0] == 'M' || name[0] == 'm') && name[1] == '-' && name[2]) {
        if (!nb_key_parse(name + 2, out) || out->alt) return false;
        out->alt = true;
        return true;
    }
    out->alt = false;
    for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
        if (strcmp(named_keys[i].name, name) == 0) {
            out->code = named_keys[i].code;
            out->function = named_keys[i].function;
            return true;
        }
    }
    if ((name[0] == 'F' || name[0] == 'f') && name[1] >= '1' && name[1] <= '9') {
        char *end;
        long n = strtol(name + 1, &end, 10);
        if (*end == '\0' && n >= 1 && n <= 24) {
            out->code = KEY_F((int)n);
            out->function = true;
            return true;
        }
    }
    if ((name[0] == 'C' || name[0] == 'c') && name[1] == '-' && name[2] && !name[3]) {
        char c = name[2];
        if (c >= 'A' && c <= 'Z') c = (char)(c - 'A' + 'a');
        if (c >= 'a' && c <= 'z') {
            out->code = c - 'a' + 1;
            out->function = false;
            return true;
        }
        return false;
    }
    /* A single character (any script). */
    int32_t cp;
    size_t len = strlen(name);
    size_t used = nb_utf8_next(name, len, &cp);
    if (used == len && cp > 0x20 && cp != 0x7f && cp != 0xfffd) {
        out->code = cp;
        out->function = false;
        return true;
    }
    return false;
}

void nb_key_name(nb_key key, char *buf, size_t n) {
    if (key.alt && n > 2) {
        snprintf(buf, n, "M-");
        key.alt = false;
        nb_key_name(key, buf + 2, n - 2);
        return;
    }
    for (size_t i = 0; i < sizeof named_keys / sizeof named_keys[0]; i++) {
        if (named_keys[i].code == key.code && named_keys[i].function == key.function) {
            snprintf(buf, n, "%s", named_keys[i].name);
            return;
        }
    }
    if (key.function && key.code >= KEY_F(1) && key.code <= KEY_F(24)) {
        snprintf(buf, n, "F%d", key.code - KEY_F0);
    } else if (!key.function && key.code >= 1 && key.code <= 26) {
        snprintf(buf, n, "C-%c", 'a' + key.code - 1);
    } else if (!key.function && key.code == '\r') {
        snprintf(buf, n, "Enter");
    } else if (!key.function && key.code > 0x20) {
        /* Encode the code point as UTF-8. */
        unsigned cp = (unsigned)key.code;
        char u[5] = {0};
        if (cp < 0x80) u[0] = (char)cp;
        else if (cp < 0x800) {
            u[0] = (char)(0xc0 | (cp >> 6));
            u[1] = (char)(0x80 | (cp & 0x3f));
        } else if (cp < 0x10000) {
            u[0] = (char)(0xe0 | (cp >> 12));
            u[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
            u[2] = (char)(0x80 | (cp & 0x3f));
        } else {
            u[0] = (char)(0xf0 | (cp >> 18));
            u[1] = (char)(0x80 | ((cp >> 12) & 0x3f));
            u[2] = (char)(0x80 | ((cp >> 6) & 0x3f));
            u[3] = (char)(0x80 | (cp & 0x3f));
        }
        snprintf(buf, n, "%s", u);
    } else {
        snprintf(buf, n, "#%d", key.code);
    }
}

static bool key_eq(nb_key a, nb_key b) {
    /* Enter arrives as \n, \r or KEY_ENTER depending on the terminal. */
    if (!a.function && a.code == '\r') a.code = '\n';
    if (!b.function && b.code == '\r') b.code = '\n';
    if (a.function && a.code == KEY_ENTER) a = (nb_key){'\n', false, a.alt};
    if (b.function && b.code == KEY_ENTER) b = (nb_key){'\n', false, b.alt};
    return a.code == b.code && a.function == b.function && a.alt == b.alt;
}

bool nb_keymap_bind(nb_keymap *km, nb_key key, nb_cmd cmd) {
    for (int i = 0; i < km->n; i++) {
        if (key_eq(km->binds[i].key, key)) {
            km->binds[i].cmd = cmd;
            return true;
        }
    }
    if (km->n >= NB_KEYMAP_MAX) return false;
    km->binds[km->n].key = key;
    km->binds[km->n].cmd = cmd;
    km->n++;
    return true;
}

nb_cmd nb_keymap_lookup(const nb_keymap *km, nb_key key) {
    for (int i = 0; i < km->n; i++)
        if (key_eq(km->binds[i].key, key)) return km->binds[i].cmd;
    return NB_CMD_NONE;
}

void nb_keymap_defaults(nb_keymap *km) {
    km->n = 0;
    for (int c = 0; c < NB_CMD_COUNT; c++) {
        char keys[64];
        snprintf(keys, sizeof keys, "%s", commands[c].keys);
        char *save = NULL;
        for (char *k = strtok_r(keys, " ", &save); k; k = strtok_r(NULL, " ", &save)) {
            nb_key key;
            if (nb_key_parse(k, &key)) nb_keymap_bind(km, key, (nb_cmd)c);
        }
    }
}

void nb_keymap_keys_of(const nb_keymap *km, nb_cmd cmd, char *buf, size_t n) {
    size_t used = 0;
    buf[0] = '\0';
    for (int i = 0; i < km->n && used + 1 < n; i++) {
        if (km->binds[i].cmd != cmd) continue;
        char name[32];
        nb_key_name(km->binds[i].key, name, sizeof name);
        int w = snprintf(buf + used, n - used, "%s%s", used ? ", " : "", name);
        if (w < 0) break;
        used += (size_t)w;
        if (used >= n) {
            buf[n - 1] = '\0';
            break;
        }
    }
}

bool nb_config_dir(char *buf, size_t n) {
    const char *xdg = getenv("XDG_CONFIG_HOME");
    if (xdg && *xdg) {
        snprintf(buf, n, "%s/nianbao", xdg);
        return true;
    }
    const char *home = getenv("HOME");
    if (home && *home) {
        snprintf(buf, n, "%s/.config/nianbao", home);
        return true;
    }
    return false;
}

static void append_message(char *messages, size_t msize, const char *text) {
    size_t used = strlen(messages);
    if (used + 3 >= msize) return;
    snprintf(messages + used, msize - used, "%s%s", used ? "; " : "", text);
}

static char *trim(char *s) {
    while (*s == ' ' || *s == '\t') s++;
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    return s;
}

void nb_config_load(nb_config *cfg, nb_keymap *km, char *messages, size_t msize) {
    char dir[900];
    cfg->path[0] = '\0';
    if (!nb_config_dir(dir, sizeof dir)) return;
    snprintf(cfg->path, sizeof cfg->path, "%s/config", dir);
    FILE *f = fopen(cfg->path, "r");
    if (!f) return;
    char line[1024];
    int lineno = 0;
    while (fgets(line, sizeof line, f)) {
        lineno++;
        char *s = trim(line);
        if (!*s || *s == '#') continue;
        char *save = NULL;
        char *word = strtok_r(s, " \t", &save);
        char *rest = save ? trim(save) : (char *)"";
        char msg[512];
        if (strcmp(word, "bind") == 0) {
            char *cmdname = strtok_r(NULL, " \t", &save);
            char *keyname = strtok_r(NULL, " \t", &save);
            nb_cmd c = cmdname ? nb_cmd_by_name(cmdname) : NB_CMD_NONE;
            nb_key key;
            if (c == NB_CMD_NONE) {
                snprintf(msg, sizeof msg, _("%s line %d: unknown command \"%s\""), cfg->path,
                         lineno, cmdname ? cmdname : "");
                append_message(messages, msize, msg);
            } else if (!keyname || !nb_key_parse(keyname, &key)) {
                snprintf(msg, sizeof msg, _("%s line %d: unknown key \"%s\""), cfg->path, lineno,
                         keyname ? keyname : "");
                append_message(messages, msize, msg);
            } else {
                nb_keymap_bind(km, key, c);
            }
        } else if (strcmp(word, "unbind") == 0) {
            char *keyname = strtok_r(NULL, " \t", &save);
            nb_key key;
            if (!keyname || !nb_key_parse(keyname, &key)) {
                snprintf(msg, sizeof msg, _("%s line %d: unknown key \"%s\""), cfg->path, lineno,
                         keyname ? keyname : "");
                append_message(messages, msize, msg);
            } else {
                nb_keymap_bind(km, key, NB_CMD_NONE);
            }
        } else if ((strcmp(word, "theme") == 0 && strlen(rest) >= sizeof cfg->theme) ||
                   (strcmp(word, "reviewer") == 0 && strlen(rest) >= sizeof cfg->reviewer)) {
            /* Never cut a name inside a character: refuse it. */
            size_t limit = strcmp(word, "theme") == 0 ? sizeof cfg->theme : sizeof cfg->reviewer;
            snprintf(msg, sizeof msg, _("%s line %d: the %s is too long (at most %zu bytes)"), cfg->path,
                     lineno, word, limit - 1);
            append_message(messages, msize, msg);
        } else if (strcmp(word, "theme") == 0) {
            snprintf(cfg->theme, sizeof cfg->theme, "%s", rest);
        } else if (strcmp(word, "reviewer") == 0) {
            snprintf(cfg->reviewer, sizeof cfg->reviewer, "%s", rest);
        } else {
            snprintf(msg, sizeof msg, _("%s line %d: unknown setting \"%s\""), cfg->path, lineno,
                     word);
            append_message(messages, msize, msg);
        }
    }
    fclose(f);
}

int nb_config_remember_reviewer(nb_config *cfg, const char *name, nb_error *err) {
    char dir[900];
    if (!nb_config_dir(dir, sizeof dir)) {
        nb_error_set(err, -1, _("no HOME or XDG_CONFIG_HOME to keep the config in"));
        return -1;
    }
    /* Create the folder (and its parent, ~/.config) when missing. */
    char parent[900];
    snprintf(parent, sizeof parent, "%s", dir);
    char *slash = strrchr(parent, '/');
    if (slash && slash != parent) {
        *slash = '\0';
        mkdir(parent, 0700);
    }
    if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
        nb_error_set(err, errno, _("cannot create %s: %s"), dir, strerror(errno));
        return -1;
    }
    snprintf(cfg->path, sizeof cfg->path, "%s/config", dir);
    FILE *f = fopen(cfg->path, "a");
    if (!f) {
        nb_error_set(err, errno, _("cannot write %s: %s"), cfg->path, strerror(errno));
        return -1;
    }
    fprintf(f, "reviewer %s\n", name);
    if (fclose(f) != 0) {
        nb_error_set(err, errno, _("cannot write %s: %s"), cfg->path, strerror(errno));
        return -1;
    }
    snprintf(cfg->reviewer, sizeof cfg->reviewer, "%s", name);
    return 0;
}
