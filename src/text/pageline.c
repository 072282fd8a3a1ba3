/* Page furniture: the lines a printed page adds around its content -- a
 * page number between dashes ("- 3 -", "—3—", "· 3 ·"), "第3页", "第3页 共5页",
 * and the "— page 3 —" line the PDF source opens each page with. The
 * table reader skips them inside a table that runs over a page break, and
 * the narrative checks leave them out of the prose. One predicate for
 * both, so a page number is never a cell value in one and prose in the
 * other. */
#include "config.h"

#include <string.h>

#include "nianbao/text.h"

static bool is_dash(int32_t c) {
    return c == '-' || (c >= 0x2010 && c <= 0x2015) || c == 0xFF0D || c == 0x2212 ||
           c == 0x2E3A || c == 0x2E3B || c == 0xB7 || c == 0x2022 || c == 0x30FB;
}

/* pdftotext opens each page with a form feed */
static bool is_blank(int32_t c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == '\v' || c == 0xA0 || c == 0x3000;
}

static int digit_of(int32_t c) {
    if (c >= '0' && c <= '9') return (int)(c - '0');
    if (c >= 0xFF10 && c <= 0xFF19) return (int)(c - 0xFF10);
    return -1;
}

typedef struct cursor {
    const char *s;
    size_t n, i;
} cursor;

static int32_t peek(const cursor *c) {
    if (c->i >= c->n) return -1;
    int32_t cp;
    nb_utf8_next(c->s + c->i, c->n - c->i, &cp);
    return cp;
}

static void advance(cursor *c) {
    int32_t cp;
    if (c->i < c->n) c->i += nb_utf8_next(c->s + c->i, c->n - c->i, &cp);
}

static void skip_blanks(cursor *c) {
    while (c->i < c->n && is_blank(peek(c))) advance(c);
}

/* One to four digits: a page number, never a year or an amount. */
static bool page_number(cursor *c) {
    size_t digits = 0;
    while (digit_of(peek(c)) >= 0) {
        advance(c);
        digits++;
    }
    return digits >= 1 && digits <= 4;
}

static bool word(cursor *c, const char *w) {
    size_t k = strlen(w);
    if (c->n - c->i < k || memcmp(c->s + c->i, w, k) != 0) return false;
    c->i += k;
    return true;
}

/* dash [page] N dash */
static bool dashed_number(cursor c) {
    if (!is_dash(peek(&c))) return false;
    advance(&c);
    skip_blanks(&c);
    if (word(&c, "page")) skip_blanks(&c);
    if (!page_number(&c)) return false;
    skip_blanks(&c);
    if (!is_dash(peek(&c))) return false;
    advance(&c);
    skip_blanks(&c);
    return c.i == c.n;
}

/* (第|共) N 页, once or twice, separated by blanks, commas or a slash */
static bool numbered_page(cursor c) {
    int parts = 0;
    while (c.i < c.n) {
        if (!word(&c, "第") && !word(&c, "共")) return false;
        skip_blanks(&c);
        if (!page_number(&c)) return false;
        skip_blanks(&c);
        if (!word(&c, "页")) return false;
        parts++;
        skip_blanks(&c);
        while (c.i < c.n && (peek(&c) == ',' || peek(&c) == 0xFF0C || peek(&c) == '/')) advance(&c);
        skip_blanks(&c);
    }
    return parts > 0 && parts <= 2;
}

bool nb_line_is_page_furniture(const char *s, size_t n) {
    cursor c = {s, n, 0};
    skip_blanks(&c);
    size_t end = n;
    while (end > c.i && (s[end - 1] == ' ' || s[end - 1] == '\t' || s[end - 1] == '\r' || s[end - 1] == '\f')) end--;
    c.n = end;
    if (c.i >= c.n || c.n - c.i > 64) return false;
    return dashed_number(c) || numbered_page(c);
}

/* The PDF source's page line "— page N —": N, or 0 for any other line. */
int nb_line_page_mark(const char *s, size_t n) {
    cursor c = {s, n, 0};
    if (!is_dash(peek(&c))) return 0;
    advance(&c);
    skip_blanks(&c);
    if (!word(&c, "page")) return 0;
    skip_blanks(&c);
    int page = 0;
    size_t digits = 0;
    for (int d; (d = digit_of(peek(&c))) >= 0 && digits < 6; digits++, advance(&c)) page = page * 10 + d;
    if (digits == 0) return 0;
    skip_blanks(&c);
    if (!is_dash(peek(&c))) return 0;
    return page;
}

int nb_text_page_of_line(const nb_text *t, int line) {
    for (int ln = line; ln >= 1; ln--) {
        size_t a, b;
        nb_text_line_bounds(t, (size_t)(ln - 1), &a, &b);
        int page = nb_line_page_mark(t->utf8 + a, b - a);
        if (page > 0) return page;
    }
    return 0;
}
