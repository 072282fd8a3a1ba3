/* Tokens from every table layout. A line is first cut into cells where
 * the layout has separators (`|`, box-drawing rules, tabs, CSV commas);
 * a cell, or a separator-free line, is then cut into words at spaces.
 * Words become numbers, blanks or label text; neighbouring text words
 * join into one label. Empty fields between separators, NBSP-only lines
 * and (where every cell has a line of its own between empty lines) extra
 * empty lines are kept as blank tokens, because a dropped blank shifts
 * every later column. So are the empty last field of a row without an
 * opening bar (html2text's "3 | 1 |  "), the empty first field of a row
 * of values copied with tabs, a line of spaces where one cell per line
 * ends its rows with truly empty lines, and cells of only `_` padding. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "nianbao/cells.h"

/* ---- characters ------------------------------------------------------ */

/* The spaces that separate words are the ones folding removes. */
static bool is_space_cp(int32_t c) { return nb_fold_is_space(c); }

/* Horizontal strokes of rule lines. */
static bool is_rule_cp(int32_t c) {
    return c == 0x2500 || c == 0x2501 || c == 0x2550 || c == 0x254C || c == 0x254D ||
           c == 0x2504 || c == 0x2505 || c == 0x2508 || c == 0x2509 || c == 0x2574 ||
           c == 0x2576 || c == 0x2578 || c == 0x257A || c == 0x257C || c == 0x257E;
}

/* Column separators: ASCII and full-width bars and every box-drawing
 * character that has a vertical stroke (│ ┼ ├ ┤ ┌ ╋ ║ ...). */
static bool is_sep_cp(int32_t c) {
    if (c == '|' || c == 0xFF5C) return true;
    return c >= 0x2500 && c <= 0x257F && !is_rule_cp(c);
}

static bool is_dash_cp(int32_t c) {
    return c == '-' || c == 0x2010 || c == 0x2012 || c == 0x2013 || c == 0x2014 || c == 0x2015 ||
           c == 0xFF0D || c == 0x2212 || c == 0x2E3A || c == 0x2E3B;
}

static bool is_digit_cp(int32_t c) { return (c >= '0' && c <= '9') || (c >= 0xFF10 && c <= 0xFF19); }

/* ---- words ------------------------------------------------------------- */

bool nb_is_blank_word(const char *s, size_t n) {
    char f[64];
    size_t m = nb_fold_text(s, n, f, sizeof f);
    if (m == 0 || m >= sizeof f - 1) return false;
    if (strcmp(f, "无") == 0 || strcmp(f, "空") == 0 || strcmp(f, "/") == 0 ||
        strcmp(f, "\\") == 0 || strcmp(f, "//") == 0 || strcmp(f, "&nbsp;") == 0 ||
        strcmp(f, "&#160;") == 0 || strcmp(f, "&emsp;") == 0 || strcmp(f, "N/A") == 0)
        return true;
    /* only underscores: html2text pads an empty cell with them */
    if (strspn(f, "_") == m) return true;
    /* only dashes, at most four of them */
    int count = 0;
    for (size_t i = 0; i < m;) {
        int32_t c;
        i += nb_utf8_next(f + i, m - i, &c);
        if (!is_dash_cp(c)) return false;
        count++;
    }
    return count >= 1 && count <= 4;
}

static const char *const money_units[] = {"万元", "元", "亿元", "千元", "百万元", "万", NULL};
static const char *const count_units[] = {"件", "个", "项", "条", "次", "人", "家", "宗", "份", "人次", "起", NULL};

/* Recognises a unit word, with or without brackets. Money units are
 * copied to `unit`; count units are accepted and dropped. */
static bool match_unit(const char *f, char *unit, size_t unitcap) {
    char inner[32];
    size_t m = strlen(f);
    if (m == 0) return true;
    if (m >= 2 && f[0] == '(' && f[m - 1] == ')') {
        if (m - 2 >= sizeof inner) return false;
        memcpy(inner, f + 1, m - 2);
        inner[m - 2] = '\0';
        f = inner;
        /* "(单位:万元)" style is a header, not a cell; only the bare unit here */
    }
    for (int i = 0; money_units[i]; i++)
        if (strcmp(f, money_units[i]) == 0) {
            if (unit && unitcap) {
                size_t l = strlen(f);
                if (l >= unitcap) l = unitcap - 1;
                memcpy(unit, f, l);
                unit[l] = '\0';
            }
            return true;
        }
    for (int i = 0; count_units[i]; i++)
        if (strcmp(f, count_units[i]) == 0) return true;
    return false;
}

/* The folded word without what may surround a number: a dash straight
 * before digits becomes a minus ("—3" in a 本年增/减 cell), markdown
 * emphasis (**5**, `5`, _5_) goes. Returns the new length. */
static size_t strip_number_dressing(char *f, size_t m) {
    if (m >= 4 && (unsigned char)f[0] == 0xE2 && (unsigned char)f[1] == 0x80 &&
        ((unsigned char)f[2] == 0x93 || (unsigned char)f[2] == 0x94) && f[3] >= '0' && f[3] <= '9') {
        f[0] = '-';
        memmove(f + 1, f + 3, m - 3 + 1);
        m -= 2;
    }
    size_t lead = 0;
    while (lead < m && (f[lead] == '*' || f[lead] == '_' || f[lead] == '`')) lead++;
    if (lead) {
        memmove(f, f + lead, m - lead + 1);
        m -= lead;
    }
    return m;
}

/* The sign: +, -, or 本年增/减 written in words (增加3, 增3, 减少5, 减5).
 * Copies a minus to digits; returns the bytes it takes. */
static size_t read_sign(const char *f, char *digits, size_t *d) {
    static const char *const up[] = {"增加", "增", NULL}, *const down[] = {"减少", "减", NULL};
    for (int k = 0; up[k]; k++)
        if (strncmp(f, up[k], strlen(up[k])) == 0) return strlen(up[k]);
    for (int k = 0; down[k]; k++)
        if (strncmp(f, down[k], strlen(down[k])) == 0) {
            digits[(*d)++] = '-';
            return strlen(down[k]);
        }
    if (f[0] == '+' || f[0] == '-') {
        digits[(*d)++] = f[0];
        return 1;
    }
    return 0;
}

/* Digits with thousands separators only (1,234 — never 1,2 or 1,,2),
 * then decimals ("3." is an enumerator, not a number). Copies them to
 * digits; false when the word is not written so. */
static bool read_digits(const char *f, size_t m, size_t *i, char *digits, size_t *d) {
    size_t ndig = 0, group = 0;
    bool commas = false;
    for (; *i < m && ((f[*i] >= '0' && f[*i] <= '9') || f[*i] == ','); (*i)++) {
        if (f[*i] == ',') {
            if (ndig == 0 || (commas && group != 3) || (!commas && group > 3)) return false;
            commas = true;
            group = 0;
            continue;
        }
        digits[(*d)++] = f[*i];
        ndig++;
        group++;
    }
    if (ndig == 0 || (commas && group != 3)) return false;
    if (*i < m && f[*i] == '.') {
        size_t j = *i + 1;
        while (j < m && f[j] >= '0' && f[j] <= '9') j++;
        size_t frac = j - *i - 1;
        if (frac == 0) return false;
        digits[(*d)++] = '.';
        memcpy(digits + *d, f + *i + 1, frac);
        *d += frac;
        *i = j;
    }
    return true;
}

/* Cuts a footnote mark after the number or its unit ("12*", "3①", "5※"):
 * not part of the value. */
static void cut_footnote_marks(char *f, size_t from) {
    size_t tail = strlen(f);
    for (;;) {
        char last = tail > from ? f[tail - 1] : 0;
        if (last == '*' || last == '#' || last == '_' || last == '`') {
            tail--;
            continue;
        }
        if (tail >= from + 3 && (unsigned char)f[tail - 3] == 0xE2 &&
            (unsigned char)f[tail - 2] == 0x91 && (unsigned char)f[tail - 1] >= 0xA0 &&
            (unsigned char)f[tail - 1] <= 0xB3) {
            tail -= 3; /* ① .. ⑳ (U+2460..U+2473) */
            continue;
        }
        if (tail >= from + 3 && strncmp(f + tail - 3, "※", 3) == 0) {
            tail -= 3;
            continue;
        }
        break;
    }
    f[tail] = '\0';
}

bool nb_parse_number_word(const char *s, size_t n, nb_number *out, char *unit, size_t unitcap,
                          bool *absurd) {
    char f[96];
    if (unit && unitcap) unit[0] = '\0';
    if (absurd) *absurd = false;
    size_t m = nb_fold_text(s, n, f, sizeof f);
    if (m == 0 || m >= sizeof f - 1) return false;
    m = strip_number_dressing(f, m);
    char digits[96];
    size_t d = 0;
    size_t i = read_sign(f, digits, &d);
    if (!read_digits(f, m, &i, digits, &d)) return false;
    cut_footnote_marks(f, i);
    if (!match_unit(f + i, unit, unitcap)) {
        if (unit && unitcap) unit[0] = '\0';
        return false;
    }
    digits[d] = '\0';
    if (!nb_number_parse(digits, d, out)) {
        /* well-formed but beyond what a count or amount can be */
        if (absurd) *absurd = true;
        out->units = 0;
        out->scale = 0;
    }
    return true;
}

/* ---- the line scanner --------------------------------------------------- */

typedef struct cpinfo {
    size_t off;  /* byte offset in the text */
    int32_t cp;
    int dcol;    /* display column where it starts */
    int width;
} cpinfo;

typedef struct scanner {
    const nb_text *t;
    nb_token_list *out;
    cpinfo *cps;
    size_t ncps, capcps;
    int line; /* 1-based */
} scanner;

static int list_push(nb_token_list *l, const nb_token *tk) {
    if (!nb_grow((void **)&l->v, &l->cap, l->n + 1, sizeof *l->v)) {
        l->oom = true;
        return -1;
    }
    l->v[l->n++] = *tk;
    return 0;
}

static int norm_push(nb_token_list *l, const char *s, size_t n, size_t *off, size_t *len) {
    size_t need = n * 2 + 8; /* folding never grows text beyond this */
    if (l->norm_len + need > l->norm_cap) {
        size_t cap = l->norm_cap ? l->norm_cap : 4096;
        while (l->norm_len + need > cap) cap *= 2;
        char *g = realloc(l->norm, cap);
        if (!g) {
            l->oom = true;
            return -1;
        }
        l->norm = g;
        l->norm_cap = cap;
    }
    size_t m = nb_fold_text(s, n, l->norm + l->norm_len, need);
    *off = l->norm_len;
    *len = m;
    l->norm_len += m + 1;
    return 0;
}

/* Byte offset just after code point b-1 of the current line. */
static size_t end_off(const scanner *sc, size_t b) {
    if (b < sc->ncps) return sc->cps[b].off;
    size_t last = sc->cps[b - 1].off;
    int32_t c;
    return last + nb_utf8_next(sc->t->utf8 + last, sc->t->len - last, &c);
}

static void span_of(const scanner *sc, size_t a, size_t b, nb_token *tk) {
    /* code points [a, b) of the current line */
    tk->byte_start = sc->cps[a].off;
    tk->byte_end = end_off(sc, b);
    tk->line = sc->line;
    tk->col_start = (int)a + 1;
    tk->col_end = (int)b + 1;
    tk->dcol_start = sc->cps[a].dcol;
    tk->dcol_end = sc->cps[b - 1].dcol + sc->cps[b - 1].width;
}

typedef enum word_kind { W_TEXT, W_NUMBER, W_BLANK } word_kind;

typedef struct word {
    size_t a, b; /* code point range */
    int gap;     /* display width of the whitespace before it */
    word_kind kind;
    nb_number num;
    bool absurd, mangled;
    char unit[24];
} word;

/* Letter-spaced labels ("行  政  许  可") come as words of one or two
 * characters; they join across wider gaps than ordinary words. */
static bool short_word(const word *w) { return w->b - w->a <= 2; }

static bool starts_with_date_unit(const scanner *sc, const word *w) {
    int32_t c = sc->cps[w->a].cp;
    return c == 0x5E74 /* 年 */ || c == 0x6708 /* 月 */ || c == 0x65E5 /* 日 */ ||
           c == 0x53F7 /* 号 */ || c == 0x9875 /* 页 */ || c == 0x5C4A /* 届 */ ||
           c == 0x671F /* 期 */;
}

static bool ends_with_di(const scanner *sc, const word *w) {
    return sc->cps[w->b - 1].cp == 0x7B2C; /* 第 */
}

/* Words one emit_chunk holds; a longer line is cut into chunks. */
#define WORDS_PER_CHUNK 256

typedef struct words {
    word v[WORDS_PER_CHUNK];
    int n;
} words;

/* What a word that starts with code point c may be: only these open a
 * number (digits, signs, 增/减, markdown emphasis, dashes of a minus). */
static bool may_open_number(int32_t c) {
    return is_digit_cp(c) || c == '+' || c == '-' || c == 0x2212 || c == 0xFF0D || c == 0xFF0B ||
           c == 0x589E /* 增 */ || c == 0x51CF /* 减 */ || c == '*' || c == '_' || c == '`' ||
           c == 0x2013 || c == 0x2014;
}

/* "2O", "l5", "1。2": digits and at least one stand-in for a digit (a
 * letter O, o, l or I, or a 。 between digits), nothing else. */
static bool mangled_number(const scanner *sc, size_t a, size_t b) {
    int digits = 0, standins = 0;
    for (size_t i = a; i < b && b - a <= 16; i++) {
        int32_t c = sc->cps[i].cp;
        if (is_digit_cp(c)) digits++;
        else if (c == 'O' || c == 'o' || c == 'l' || c == 'I') standins++;
        else if (c == 0x3002 && i > a && i + 1 < b && is_digit_cp(sc->cps[i - 1].cp) &&
                 is_digit_cp(sc->cps[i + 1].cp)) standins++;
        else return false;
    }
    return digits > 0 && standins > 0;
}

static void classify_word(const scanner *sc, word *w) {
    const char *p = sc->t->utf8 + sc->cps[w->a].off;
    size_t len = end_off(sc, w->b) - sc->cps[w->a].off;
    if (nb_is_blank_word(p, len)) w->kind = W_BLANK;
    else if (may_open_number(sc->cps[w->a].cp))
        w->kind = nb_parse_number_word(p, len, &w->num, w->unit, sizeof w->unit, &w->absurd)
                      ? W_NUMBER
                      : W_TEXT;
    else w->kind = W_TEXT;
    if (w->kind == W_TEXT && mangled_number(sc, w->a, w->b)) {
        w->kind = W_NUMBER;
        w->absurd = w->mangled = true;
    }
}

/* Cuts code points [*pos, b) at spaces into at most WORDS_PER_CHUNK
 * words, each with the width of the gap before it; *pos moves past them. */
static void cut_words(const scanner *sc, size_t *pos, size_t b, words *ws) {
    size_t i = *pos;
    ws->n = 0;
    while (i < b && ws->n < WORDS_PER_CHUNK) {
        int gap = 0;
        while (i < b && is_space_cp(sc->cps[i].cp)) {
            gap += sc->cps[i].width > 0 ? sc->cps[i].width : 1;
            i++;
        }
        if (i >= b) break;
        size_t s = i;
        while (i < b && !is_space_cp(sc->cps[i].cp)) i++;
        word *w = &ws->v[ws->n++];
        memset(w, 0, sizeof *w);
        w->a = s;
        w->b = i;
        w->gap = gap;
        classify_word(sc, w);
    }
    *pos = i;
}

static void drop_word(words *ws, int k) {
    memmove(&ws->v[k], &ws->v[k + 1], (size_t)(ws->n - k - 1) * sizeof ws->v[0]);
    ws->n--;
}

/* Inside one cell, a sign written apart from its number ("- 49", "+ 6")
 * is its sign, not an empty cell before it. (On a free line a lone "-"
 * may well be an empty cell of its own.) */
static void join_signs(const scanner *sc, words *ws) {
    for (int k = 0; k + 1 < ws->n; k++) {
        word *sign = &ws->v[k], *num = &ws->v[k + 1];
        if (sign->b - sign->a != 1 || num->kind != W_NUMBER || num->gap > 1) continue;
        int32_t c = sc->cps[sign->a].cp;
        bool minus = is_dash_cp(c), plus = c == '+' || c == 0xFF0B;
        if (!minus && !plus) continue;
        if (!is_digit_cp(sc->cps[num->a].cp)) continue; /* the number has no sign of its own */
        num->a = sign->a;
        num->gap = sign->gap;
        if (minus) num->num.units = -num->num.units;
        drop_word(ws, k);
    }
}

/* A unit written apart from number k ("12 万元") joins it; true when so. */
static bool join_unit(const scanner *sc, words *ws, int k) {
    word *unit_word = &ws->v[k + 1];
    char f[32];
    const char *p = sc->t->utf8 + sc->cps[unit_word->a].off;
    size_t len = end_off(sc, unit_word->b) - sc->cps[unit_word->a].off;
    if (len >= sizeof f) return false;
    nb_fold_text(p, len, f, sizeof f);
    char unit[24];
    if (!f[0] || !match_unit(f, unit, sizeof unit) || unit_word->gap > 2) return false;
    strcpy(ws->v[k].unit, unit);
    ws->v[k].b = unit_word->b; /* the unit is part of the number's span */
    drop_word(ws, k + 1);
    return true;
}

/* Context: "2024 年" and "第 3 页" are dates and ordinals, not cells; a
 * unit written apart from its number belongs to it. */
static void apply_context(const scanner *sc, words *ws) {
    for (int k = 0; k < ws->n; k++) {
        word *w = &ws->v[k];
        if (w->kind != W_NUMBER) continue;
        bool next_text = k + 1 < ws->n && ws->v[k + 1].kind == W_TEXT;
        if (next_text && ws->v[k + 1].gap <= 1 && starts_with_date_unit(sc, &ws->v[k + 1]))
            w->kind = W_TEXT;
        else if (k > 0 && ws->v[k - 1].kind == W_TEXT && w->gap <= 1 && ends_with_di(sc, &ws->v[k - 1]))
            w->kind = W_TEXT;
        else if (next_text && w->unit[0] == '\0')
            join_unit(sc, ws, k);
    }
}

/* Text words from k on that join into one label: inside a cell all of
 * them; on a free line across small gaps (wider between letter-spaced
 * characters), since wide gaps separate columns. Returns the end. */
static int label_end(const words *ws, int k, bool in_cell) {
    int e = k + 1;
    while (e < ws->n && ws->v[e].kind == W_TEXT &&
           (in_cell || ws->v[e].gap <= 1 ||
            (ws->v[e].gap <= 4 && short_word(&ws->v[e - 1]) && short_word(&ws->v[e]))))
        e++;
    return e;
}

static void fill_value_token(const scanner *sc, const word *w, nb_token *tk) {
    if (w->kind == W_NUMBER) {
        tk->kind = NB_TOKEN_NUMBER;
        tk->number = w->num;
        tk->absurd = w->absurd;
        tk->mangled = w->mangled;
        memcpy(tk->unit, w->unit, sizeof tk->unit);
        return;
    }
    tk->kind = NB_TOKEN_BLANK;
    size_t l = tk->byte_end - tk->byte_start;
    if (l >= sizeof tk->blank_text) l = sizeof tk->blank_text - 1;
    memcpy(tk->blank_text, sc->t->utf8 + tk->byte_start, l);
    tk->blank_text[l] = '\0';
}

static int emit_words(scanner *sc, const words *ws, int cell, bool in_cell) {
    for (int k = 0; k < ws->n;) {
        nb_token tk;
        memset(&tk, 0, sizeof tk);
        tk.cell = cell;
        if (ws->v[k].kind == W_TEXT) {
            int e = label_end(ws, k, in_cell);
            tk.kind = NB_TOKEN_LABEL;
            span_of(sc, ws->v[k].a, ws->v[e - 1].b, &tk);
            if (norm_push(sc->out, sc->t->utf8 + tk.byte_start, tk.byte_end - tk.byte_start,
                          &tk.norm_off, &tk.norm_len))
                return -1;
            k = e;
        } else {
            span_of(sc, ws->v[k].a, ws->v[k].b, &tk);
            fill_value_token(sc, &ws->v[k], &tk);
            if (norm_push(sc->out, "", 0, &tk.norm_off, &tk.norm_len)) return -1;
            k++;
        }
        if (list_push(sc->out, &tk)) return -1;
    }
    return 0;
}

/* Cut code points [*pos, b) into words and emit tokens. In a separated
 * cell (`in_cell`) all text is one label; on a free line text words
 * join only across small gaps, since wide gaps separate columns. */
static int emit_chunk(scanner *sc, size_t *pos, size_t b, int cell, bool in_cell) {
    words ws;
    cut_words(sc, pos, b, &ws);
    if (in_cell) join_signs(sc, &ws);
    apply_context(sc, &ws);
    return emit_words(sc, &ws, cell, in_cell);
}

/* Words of [a, b) in chunks of what one emit_chunk holds; a line of
 * more words than that is rare (prose) and loses only label joins. */
static int emit_range(scanner *sc, size_t a, size_t b, int cell, bool in_cell) {
    size_t pos = a;
    while (pos < b) {
        size_t before = pos;
        if (emit_chunk(sc, &pos, b, cell, in_cell)) return -1;
        if (pos == before) break;
    }
    return 0;
}

/* An explicit empty field [a, b) (possibly zero code points wide). */
static int emit_blank(scanner *sc, size_t a, size_t b, int cell) {
    nb_token tk;
    memset(&tk, 0, sizeof tk);
    tk.kind = NB_TOKEN_BLANK;
    tk.cell = cell;
    if (b > a) span_of(sc, a, b, &tk);
    else {
        size_t at = a < sc->ncps ? a : sc->ncps - 1;
        span_of(sc, at, at + 1, &tk);
        tk.byte_end = tk.byte_start;
        tk.col_end = tk.col_start;
        tk.dcol_end = tk.dcol_start;
    }
    if (norm_push(sc->out, "", 0, &tk.norm_off, &tk.norm_len)) return -1;
    return list_push(sc->out, &tk);
}

static bool range_is_space(const scanner *sc, size_t a, size_t b) {
    for (size_t i = a; i < b; i++)
        if (!is_space_cp(sc->cps[i].cp)) return false;
    return true;
}

/* Part of a rule: box strokes, or at least three of - = (a lone "-" or
 * "--" in a cell is a blank, not a rule). */
static bool range_is_rule(const scanner *sc, size_t a, size_t b) {
    int dashes = 0;
    bool box = false;
    for (size_t i = a; i < b; i++) {
        int32_t c = sc->cps[i].cp;
        if (is_space_cp(c)) continue;
        if (is_rule_cp(c) || (c >= 0x2500 && c <= 0x257F)) box = true;
        else if (c == '-' || c == '=') dashes++;
        else if (c != ':' && c != '+' && c != '_' && !is_sep_cp(c)) return false;
    }
    return box || dashes >= 3;
}

static bool range_has_content(const scanner *sc, size_t a, size_t b) {
    return !range_is_space(sc, a, b) && !range_is_rule(sc, a, b);
}

/* Page furniture inside a table (pdftotext output, the PDF source's page
 * lines): skipped, never cells. */
static bool is_footer_line(const scanner *sc) {
    if (sc->ncps == 0) return false;
    size_t from = sc->cps[0].off;
    return nb_line_is_page_furniture(sc->t->utf8 + from, end_off(sc, sc->ncps) - from);
}

/* Code points [a, b) without the spaces around them, in *s, *e. */
static void trim_range(const scanner *sc, size_t a, size_t b, size_t *s, size_t *e) {
    while (a < b && is_space_cp(sc->cps[a].cp)) a++;
    while (b > a && is_space_cp(sc->cps[b - 1].cp)) b--;
    *s = a;
    *e = b;
}

/* Code points [s, e) (trimmed, not empty) read as a number, or, when
 * `blank_counts`, as an explicit blank too. */
static bool range_is_value(const scanner *sc, size_t s, size_t e, bool blank_counts) {
    const char *p = sc->t->utf8 + sc->cps[s].off;
    size_t len = end_off(sc, e) - sc->cps[s].off;
    nb_number num;
    bool absurd;
    return (blank_counts && nb_is_blank_word(p, len)) ||
           nb_parse_number_word(p, len, &num, NULL, 0, &absurd);
}

/* A CSV row: fields after the first are numbers or empty. Prose uses
 * "，", and where it uses "," the fields are words, not values. */
static bool csv_row(const scanner *sc) {
    size_t n = sc->ncps, commas = 0;
    for (size_t i = 0; i < n; i++)
        if (sc->cps[i].cp == ',') commas++;
    if (commas == 0) return false;
    /* "1,234,567" is one number, not three cells */
    size_t s, e;
    trim_range(sc, 0, n, &s, &e);
    if (s < e && range_is_value(sc, s, e, false)) return false;
    size_t a = 0, fields = 0, valueish = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && sc->cps[i].cp != ',') continue;
        if (fields > 0) {
            trim_range(sc, a, i, &s, &e);
            if (s == e || range_is_value(sc, s, e, true)) valueish++;
        }
        fields++;
        a = i + 1;
    }
    /* "行政许可,100": every field after the label a value; or, with three
     * commas or more, two fields in three */
    return valueish == fields - 1 || (commas >= 3 && valueish * 3 >= (fields - 1) * 2);
}

/* Tab stops every 8 columns, as a terminal and a source pane expand them. */
#define TAB_STOP 8
/* Separators looked at on one line; a line of more is not a table row. */
#define MAX_SEPARATORS 512

/* The display width of code point c at column dcol. */
static int cp_width(int32_t c, int dcol) {
    if (c == '\t') return TAB_STOP - dcol % TAB_STOP;
    if (c < 0x20 || c == 0x7F) return 0;
    if (c == 0xA0) return 1;
    if (c < 0x7F) return 1;
    if (c >= 0x4E00 && c <= 0x9FFF) return 2; /* the Han characters of every report */
    int w = utf8proc_charwidth(c);
    return w < 0 ? 0 : w;
}

/* The code points of line [ls, le) with their offsets and columns. */
static int decode_line(scanner *sc, size_t ls, size_t le) {
    sc->ncps = 0;
    int dcol = 0;
    for (size_t i = ls; i < le;) {
        int32_t c;
        size_t k = nb_utf8_next(sc->t->utf8 + i, le - i, &c);
        if (k == 0) break;
        if (sc->ncps == sc->capcps) {
            size_t cap = sc->capcps ? sc->capcps * 2 : 512;
            cpinfo *g = realloc(sc->cps, cap * sizeof *g);
            if (!g) return -1;
            sc->cps = g;
            sc->capcps = cap;
        }
        cpinfo *ci = &sc->cps[sc->ncps++];
        ci->off = i;
        ci->cp = c;
        ci->dcol = dcol;
        ci->width = cp_width(c, dcol);
        dcol += ci->width;
        i += k;
    }
    return 0;
}

/* A line cut by bars or box strokes at seps[0..nsep). */
static int scan_separated(scanner *sc, const size_t *seps, size_t nsep) {
    size_t n = sc->ncps;
    /* segments: [0,s0) (s0,s1) ... (sk, n) */
    size_t first_ns, last_ns;
    trim_range(sc, 0, n, &first_ns, &last_ns);
    /* An opening bar: at the line's start, or closed by a bar at its
     * end ("| a | b |", "  │ a │"). html2text writes a row whose first
     * cell is empty as " | 1 | 2": that bar follows an empty cell. */
    bool leading = first_ns < n && is_sep_cp(sc->cps[first_ns].cp) &&
                   (first_ns == 0 || is_sep_cp(sc->cps[last_ns - 1].cp));
    int content_segments = 0;
    bool first_has = range_has_content(sc, 0, seps[0]);
    for (size_t j = 0; j <= nsep; j++) {
        size_t a = j == 0 ? 0 : seps[j - 1] + 1;
        size_t b = j == nsep ? n : seps[j];
        if (range_has_content(sc, a, b)) content_segments++;
    }
    if (content_segments == 0) {
        /* A line of bars only: in "cell |" pages an empty cell is a
         * lone " |", and bars also fill spanned cells and row ends.
         * One blank for the line: at a row's end it is trimmed, where a
         * row has all its numbers it is dropped, and where a cell is
         * empty it keeps the columns in place. Grid rows of nothing but
         * empty cells ("|  |  |") are the same kind of filler. */
        return emit_blank(sc, 0, n, -1);
    }
    if (!leading && first_has && content_segments == 1)
        return emit_range(sc, 0, seps[0], 0, true); /* "286 |", "8388 | ||" */
    int cell = 0;
    for (size_t j = 0; j <= nsep; j++) {
        size_t a = j == 0 ? 0 : seps[j - 1] + 1;
        size_t b = j == nsep ? n : seps[j];
        if (j == 0 && leading) continue; /* indentation before the first bar */
        if (range_has_content(sc, a, b)) {
            if (emit_range(sc, a, b, cell, true)) return -1;
        } else if (range_is_rule(sc, a, b)) {
            /* part of a rule crossing a spanning cell: not a value */
        } else if (j < nsep || (!leading && b > a)) {
            /* Rows without an opening bar ("3 | 1 |  |  ", as
             * html2text writes them) end with their last field: the
             * spaces after the last bar are an empty cell. */
            if (emit_blank(sc, a, b, cell)) return -1;
        }
        cell++;
    }
    return 0;
}

/* A row of values only (no text, two values at least): a tab before its
 * first value is an empty cell, since a browser copies a row whose first
 * cells are empty that way. Before a label, or a lone value on its line,
 * a tab is only indentation. */
static bool tabbed_values_only(const scanner *sc) {
    size_t n = sc->ncps;
    int values = 0;
    for (size_t i = 0, a = 0; i <= n; i++) {
        if (i < n && sc->cps[i].cp != '\t') continue;
        size_t s0, e0;
        trim_range(sc, a, i, &s0, &e0);
        if (s0 < e0) {
            if (!range_is_value(sc, s0, e0, true)) return false;
            values++;
        }
        a = i + 1;
    }
    return values >= 2;
}

/* A line cut into fields by tabs (separator '\t') or CSV commas (','). A
 * field with nothing in it is an empty cell, except a tab's first field
 * (indentation) and, for commas, a trailing one. */
static int scan_fields(scanner *sc, int32_t separator) {
    size_t n = sc->ncps;
    bool lead_is_cell = separator == '\t' && tabbed_values_only(sc);
    size_t a = 0;
    int cell = 0;
    for (size_t i = 0; i <= n; i++) {
        if (i < n && sc->cps[i].cp != separator) continue;
        bool empty_counts = separator == '\t' ? a > 0 || (lead_is_cell && i < n) : a > 0 || i < n;
        if (range_has_content(sc, a, i)) {
            if (emit_range(sc, a, i, cell, true)) return -1;
        } else if (empty_counts) {
            /* a field with nothing (or only NBSP) in it */
            if (emit_blank(sc, a, i, cell)) return -1;
        }
        cell++;
        a = i + 1;
    }
    return 0;
}

/* A table row is a few hundred bytes; the longest in any layout (a whole
 * table run onto one line) a few thousand. A line longer than this is no
 * row — a page's script, a run of tabs — and is not tokenized: decoding it
 * cell by cell would cost memory many times its size. */
#define MAX_ROW_BYTES (64 * 1024)

static int scan_line(scanner *sc, size_t ls, size_t le) {
    if (le - ls > MAX_ROW_BYTES) return 0;
    if (decode_line(sc, ls, le)) return -1;
    size_t n = sc->ncps;
    if (n == 0 || is_footer_line(sc)) return 0;
    if (range_is_rule(sc, 0, n)) return 0; /* "+---+", "|---|:--|", "├──┼──┤" */
    size_t seps[MAX_SEPARATORS];
    size_t nsep = 0;
    bool tabs = false;
    for (size_t i = 0; i < n; i++) {
        if (is_sep_cp(sc->cps[i].cp) && nsep < MAX_SEPARATORS) seps[nsep++] = i;
        if (sc->cps[i].cp == '\t') tabs = true;
    }
    if (nsep > 0) return scan_separated(sc, seps, nsep);
    if (tabs) return scan_fields(sc, '\t');
    if (csv_row(sc)) return scan_fields(sc, ','); /* comma-separated values: "规章,0,,3" */
    if (range_is_space(sc, 0, n)) {
        /* an NBSP-only line is an empty cell; plain spaces are not */
        for (size_t i = 0; i < n; i++)
            if (sc->cps[i].cp == 0xA0 || sc->cps[i].cp == 0x3000) return emit_blank(sc, 0, n, -1);
        return 0;
    }
    return emit_range(sc, 0, n, -1, false);
}

/* A line with nothing but ASCII spaces and tabs in it. */
static bool line_is_empty(const nb_text *t, size_t i) {
    size_t ls, le;
    nb_text_line_bounds(t, i, &ls, &le);
    for (size_t k = ls; k < le; k++)
        if (t->utf8[k] != ' ' && t->utf8[k] != '\t' && t->utf8[k] != '\f') return false;
    return true;
}

/* Scraped pages that put every cell on a line of its own followed by one
 * empty line ("0\n\n0\n\n") show an empty cell only as two more empty
 * lines. Such a region: no line holds separators, almost none holds a
 * space (a cell, not a row of them, and not pdftotext -layout columns,
 * whose empty lines mean nothing), and every gap between written lines is
 * the cell gap g (the smallest common one) plus g+1 lines per empty cell.
 * Returns g, or 0 when the region is not laid out that way. */
static size_t cells_between_empty_lines(const nb_text *t, size_t first, size_t end_line) {
    size_t written = 0, spaced = 0, run = 0, ngaps = 0;
    size_t cell_gap = (size_t)-1, gap_count[8] = {0};
    bool seen = false;
    /* first pass: the gaps between written lines */
    for (size_t i = first; i < end_line; i++) {
        if (line_is_empty(t, i)) {
            run++;
            continue;
        }
        size_t ls, le;
        nb_text_line_bounds(t, i, &ls, &le);
        if (memchr(t->utf8 + ls, '|', le - ls) || memchr(t->utf8 + ls, '\t', le - ls)) return 0;
        /* one cell: no space inside the written text */
        while (ls < le && t->utf8[ls] == ' ') ls++;
        while (le > ls && t->utf8[le - 1] == ' ') le--;
        if (memchr(t->utf8 + ls, ' ', le - ls)) spaced++;
        written++;
        if (seen) {
            ngaps++;
            if (run >= 1 && run < 8) gap_count[run]++;
        }
        seen = true;
        run = 0;
    }
    /* the cell gap: the smallest gap (one to seven empty lines) that a
     * quarter of the gaps have; empty cells only ever make gaps longer */
    for (size_t g = 1; g < 8 && cell_gap == (size_t)-1; g++)
        if (gap_count[g] * 4 >= ngaps && gap_count[g] > 0) cell_gap = g;
    if (written < 8 || spaced * 10 > written || cell_gap == (size_t)-1) return 0;
    /* second pass: every gap is the cell gap g plus g+1 lines per empty cell */
    size_t fits = 0, base = 0;
    seen = false;
    run = 0;
    for (size_t i = first; i < end_line; i++) {
        if (line_is_empty(t, i)) {
            run++;
            continue;
        }
        if (seen) {
            if (run >= cell_gap && (run - cell_gap) % (cell_gap + 1) == 0) fits++;
            if (run == cell_gap) base++;
        }
        seen = true;
        run = 0;
    }
    return fits * 10 >= ngaps * 8 && base * 10 >= ngaps * 3 ? cell_gap : 0;
}

/* A copy with one cell per line may write an empty cell as a line holding
 * a space and end each row with a truly empty line. Such a region: no
 * separators, almost no written line with a space inside (cells, not rows
 * of them), and both kinds of empty line present — where only one kind
 * occurs, it says nothing about cells. */
static bool space_lines_are_cells(const nb_text *t, size_t first, size_t end_line) {
    size_t written = 0, spaced = 0, space_only = 0, truly_empty = 0;
    for (size_t i = first; i < end_line; i++) {
        size_t ls, le;
        nb_text_line_bounds(t, i, &ls, &le);
        while (le > ls && t->utf8[le - 1] == '\r') le--;
        if (le == ls) {
            truly_empty++;
            continue;
        }
        if (memchr(t->utf8 + ls, '|', le - ls) || memchr(t->utf8 + ls, '\t', le - ls)) return false;
        while (ls < le && t->utf8[ls] == ' ') ls++;
        while (le > ls && t->utf8[le - 1] == ' ') le--;
        if (le == ls) {
            space_only++;
            continue;
        }
        if (memchr(t->utf8 + ls, ' ', le - ls)) spaced++;
        written++;
    }
    return written >= 8 && spaced * 10 <= written && space_only > 0 && truly_empty > 0;
}

/* A line of ASCII spaces only, at least one. */
static bool line_is_spaces(const nb_text *t, size_t i) {
    size_t ls, le;
    nb_text_line_bounds(t, i, &ls, &le);
    while (le > ls && t->utf8[le - 1] == '\r') le--;
    if (le == ls) return false;
    for (size_t k = ls; k < le; k++)
        if (t->utf8[k] != ' ') return false;
    return true;
}

int nb_tokenize(const nb_text *t, size_t byte_start, size_t byte_end, nb_token_list *out) {
    if (!t || !t->utf8 || !t->line_start) return 0;
    scanner sc;
    memset(&sc, 0, sizeof sc);
    sc.t = t;
    sc.out = out;
    size_t first = nb_text_line_of(t, byte_start);
    if (t->line_start[first] < byte_start) first++;
    size_t end_line = first;
    while (end_line < t->nlines && t->line_start[end_line] < byte_end) end_line++;
    size_t cell_gap = cells_between_empty_lines(t, first, end_line);
    bool spaced_cells = cell_gap > 0;
    bool space_cells = !spaced_cells && space_lines_are_cells(t, first, end_line);
    size_t empty_run = 0;
    int rc = 0;
    for (size_t i = first; i < end_line; i++) {
        if (spaced_cells && line_is_empty(t, i)) {
            empty_run++;
            continue;
        }
        /* g + k(g+1) empty lines between two cells: k empty cells */
        size_t empties = spaced_cells && empty_run > cell_gap && (empty_run - cell_gap) % (cell_gap + 1) == 0
                             ? (empty_run - cell_gap) / (cell_gap + 1)
                             : 0;
        for (size_t k = 0; k < empties; k++) {
            nb_token tk;
            memset(&tk, 0, sizeof tk);
            tk.kind = NB_TOKEN_BLANK;
            tk.cell = -1;
            size_t at = i - empty_run + cell_gap + k * (cell_gap + 1); /* an empty line of its own */
            tk.byte_start = tk.byte_end = t->line_start[at];
            tk.line = (int)at + 1;
            tk.col_start = tk.col_end = 1;
            if (norm_push(out, "", 0, &tk.norm_off, &tk.norm_len) || list_push(out, &tk)) {
                rc = -1;
                break;
            }
        }
        empty_run = 0;
        if (rc) break;
        if (space_cells && line_is_spaces(t, i)) {
            nb_token tk;
            memset(&tk, 0, sizeof tk);
            tk.kind = NB_TOKEN_BLANK;
            tk.cell = -1;
            nb_text_line_bounds(t, i, &tk.byte_start, &tk.byte_end);
            while (tk.byte_end > tk.byte_start && t->utf8[tk.byte_end - 1] == '\r') tk.byte_end--;
            tk.line = (int)i + 1;
            tk.col_start = 1;
            tk.col_end = 1 + (int)(tk.byte_end - tk.byte_start);
            tk.dcol_end = tk.col_end - 1;
            if (norm_push(out, "", 0, &tk.norm_off, &tk.norm_len) || list_push(out, &tk)) {
                rc = -1;
                break;
            }
            continue;
        }
        size_t ls, le;
        nb_text_line_bounds(t, i, &ls, &le);
        sc.line = (int)i + 1;
        if (scan_line(&sc, ls, le)) {
            rc = -1;
            break;
        }
    }
    free(sc.cps);
    if (out->oom) rc = -1;
    return rc;
}

void nb_token_list_free(nb_token_list *l) {
    if (!l) return;
    free(l->v);
    free(l->norm);
    memset(l, 0, sizeof *l);
}
