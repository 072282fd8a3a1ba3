/* Text as a terminal shows it: grapheme clusters, their width in
 * columns, and the visible stand-ins that replace what must never reach
 * a terminal raw (controls, escape sequences, bidi overrides, invisible
 * format characters).
 *
 * Width is measured on the text as nb_sanitize would draw it, so that
 * nb_display_width(s) == nb_display_width(nb_sanitize(s, false)) and the
 * front end can position every cell at an explicit column. */
#include "config.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "nianbao/text.h"

/* The stand-in for format characters (Cf, Zl, Zp): bidi overrides and
 * isolates, zero-width spaces and joiners, U+FEFF, soft hyphens. */
#define STANDIN_FORMAT 0x25C7 /* ◇ WHITE DIAMOND */
/* Put before a combining mark that starts the text (or follows a kept
 * tab), so the mark cannot combine with whatever the front end drew
 * just before. */
#define STANDIN_BASE 0x25CC /* ◌ DOTTED CIRCLE */

int32_t nb_standin(int32_t cp, bool keep_tabs) {
    if (cp == '\t' && keep_tabs) return cp;
    if (cp >= 0 && cp < 0x20) return 0x2400 + cp; /* Control Pictures: ␀ … ␛ … ␟ */
    if (cp == 0x7F) return 0x2421;                 /* ␡ */
    if (cp >= 0x80 && cp <= 0x9F) return 0xFFFD;   /* C1 controls have no pictures */
    if (cp < 0xA0) return cp;
    utf8proc_category_t cat = utf8proc_category(cp);
    if (cat == UTF8PROC_CATEGORY_CF || cat == UTF8PROC_CATEGORY_ZL ||
        cat == UTF8PROC_CATEGORY_ZP)
        return STANDIN_FORMAT;
    return cp;
}

size_t nb_grapheme_len(const char *s, size_t n) {
    if (n == 0) return 0;
    int32_t prev, cp;
    size_t i = nb_utf8_next(s, n, &prev);
    utf8proc_int32_t state = 0; /* UTF8PROC_BOUNDCLASS_START */
    while (i < n) {
        size_t k = nb_utf8_next(s + i, n - i, &cp);
        if (utf8proc_grapheme_break_stateful(prev, cp, &state)) break;
        prev = cp;
        i += k;
    }
    return i;
}

static bool is_regional_indicator(int32_t cp) { return cp >= 0x1F1E6 && cp <= 0x1F1FF; }

/* Walks the text as nb_sanitize(s, keep_tabs) would draw it, one grapheme
 * cluster at a time. */
typedef struct cluster_walk {
    const char *s;
    size_t n, pos; /* input position of the next code point */
    bool keep_tabs;
    int32_t pending; /* next drawn code point, or -1 when at the end */
    size_t pending_len;
    utf8proc_int32_t state;
    bool after_gap; /* at the start, or just after a kept tab */
} cluster_walk;

static void walk_fetch(cluster_walk *w) {
    if (w->pos >= w->n) {
        w->pending = -1;
        w->pending_len = 0;
        return;
    }
    int32_t cp;
    w->pending_len = nb_utf8_next(w->s + w->pos, w->n - w->pos, &cp);
    w->pending = nb_standin(cp, w->keep_tabs);
}

static void walk_init(cluster_walk *w, const char *s, size_t n, bool keep_tabs) {
    w->s = s;
    w->n = n;
    w->pos = 0;
    w->keep_tabs = keep_tabs;
    w->state = 0;
    w->after_gap = true;
    walk_fetch(w);
}

/* Advances over one cluster: its input length in bytes, its width, and
 * whether a ◌ must be drawn before it (a combining mark at the start of
 * the text or after a kept tab has nothing of its own to combine with). */
static bool walk_cluster(cluster_walk *w, size_t *bytes, int *width, bool *base_added) {
    if (w->pending < 0) return false;
    size_t start = w->pos;
    int32_t first = w->pending, prev = first;
    int wmax = utf8proc_charwidth(first), count = 1;
    bool all_ri = is_regional_indicator(first);
    w->state = 0;
    w->pos += w->pending_len;
    walk_fetch(w);
    while (w->pending >= 0 && !utf8proc_grapheme_break_stateful(prev, w->pending, &w->state)) {
        int cw = utf8proc_charwidth(w->pending);
        if (cw > wmax) wmax = cw;
        all_ri = all_ri && is_regional_indicator(w->pending);
        count++;
        prev = w->pending;
        w->pos += w->pending_len;
        walk_fetch(w);
    }
    /* A flag (two regional indicators) is drawn two columns wide. */
    if (all_ri && count == 2) wmax = 2;
    *base_added = false;
    if (first == '\t') {
        wmax = 1; /* nominal: the front end expands kept tabs itself */
        w->after_gap = true;
    } else {
        if (w->after_gap && wmax == 0) {
            *base_added = true;
            wmax = 1;
        }
        w->after_gap = false;
    }
    *bytes = w->pos - start;
    *width = wmax;
    return true;
}

int nb_display_width(const char *s, size_t n) {
    cluster_walk w;
    walk_init(&w, s, n, false);
    long long total = 0;
    size_t bytes;
    int cw;
    bool base;
    while (walk_cluster(&w, &bytes, &cw, &base)) {
        total += cw;
        if (total >= INT_MAX) return INT_MAX;
    }
    return (int)total;
}

size_t nb_display_fit(const char *s, size_t n, int max_cols, int *used) {
    cluster_walk w;
    walk_init(&w, s, n, false);
    size_t fit = 0, bytes;
    int total = 0, cw;
    bool base;
    while (walk_cluster(&w, &bytes, &cw, &base)) {
        if (cw > max_cols - total) break;
        total += cw;
        fit += bytes;
    }
    if (used) *used = total;
    return fit;
}

int nb_display_column(const char *s, size_t n, int tabstop) {
    cluster_walk w;
    walk_init(&w, s, n, tabstop > 0);
    long long col = 0;
    size_t start = 0, bytes;
    int cw;
    bool base;
    while (walk_cluster(&w, &bytes, &cw, &base)) {
        if (tabstop > 0 && s[start] == '\t') col = (col / tabstop + 1) * tabstop;
        else col += cw;
        if (col >= INT_MAX) return INT_MAX;
        start += bytes;
    }
    return (int)col;
}

char *nb_sanitize(const char *s, size_t n, bool keep_tabs) {
    /* Each input byte yields at most 3 output bytes: a control becomes a
     * 3-byte picture, other characters never grow, and a ◌ (3 bytes) is
     * only added before a mark of at least 2 bytes that is drawn as is. */
    if (n > (SIZE_MAX - 8) / 3) return NULL;
    char *out = malloc(3 * n + 8);
    if (!out) return NULL;
    size_t len = 0;
    cluster_walk w;
    walk_init(&w, s, n, keep_tabs);
    size_t start = 0, bytes;
    int cw;
    bool base;
    while (walk_cluster(&w, &bytes, &cw, &base)) {
        if (base) len += nb_utf8_put(out + len, STANDIN_BASE);
        for (size_t i = start; i < start + bytes;) {
            int32_t cp;
            size_t k = nb_utf8_next(s + i, n - i, &cp);
            int32_t shown = nb_standin(cp, keep_tabs);
            if (shown == cp && !(cp == 0xFFFD && k == 1)) {
                memcpy(out + len, s + i, k); /* drawn as it is */
                len += k;
            } else {
                len += nb_utf8_put(out + len, shown);
            }
            i += k;
        }
        start += bytes;
    }
    out[len] = '\0';
    return out;
}
