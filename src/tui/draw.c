/* Drawing helpers. Every glyph is placed at a column we computed with
 * utf8proc's widths (nb_display_width); curses is never trusted to
 * advance the cursor across wide text, because glibc's wcwidth and
 * utf8proc disagree on some blocks. Untrusted text goes through
 * nb_sanitize, so ESC, \r, \b and bidi overrides never reach the
 * terminal raw. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/text.h"
#include "tui.h"

static bool is_plain_ascii(const char *g, size_t n) {
    return n == 1 && (unsigned char)g[0] >= 0x20 && (unsigned char)g[0] < 0x7f;
}

int nb_grapheme_width(const char *g, size_t n) {
    if (is_plain_ascii(g, n)) return 1;
    char *safe = nb_sanitize(g, n, false);
    if (!safe) return 1;
    int w = nb_display_width(safe, strlen(safe));
    free(safe);
    return w < 0 ? 0 : w;
}

int nb_draw_grapheme(int y, int x, const char *g, size_t n, attr_t attr) {
    if (is_plain_ascii(g, n)) {
        mvaddch(y, x, (chtype)(unsigned char)g[0] | attr);
        return 1;
    }
    char *safe = nb_sanitize(g, n, false);
    if (!safe) return 0;
    size_t len = strlen(safe);
    int w = nb_display_width(safe, len);
    if (w > 0) {
        attr_t old_attr;
        short old_pair;
        attr_get(&old_attr, &old_pair, NULL);
        attrset(attr);
        mvaddnstr(y, x, safe, (int)len);
        attr_set(old_attr, old_pair, NULL);
    }
    free(safe);
    return w < 0 ? 0 : w;
}

int nb_text_width(const char *s, size_t n) {
    int w = 0;
    size_t i = 0;
    while (i < n) {
        size_t g = nb_grapheme_len(s + i, n - i);
        if (g == 0) g = 1;
        w += nb_grapheme_width(s + i, g);
        i += g;
    }
    return w;
}

int nb_draw_text(int y, int x, int maxw, const char *s, size_t n, attr_t attr) {
    int used = 0;
    size_t i = 0;
    while (i < n && used < maxw) {
        size_t g = nb_grapheme_len(s + i, n - i);
        if (g == 0) g = 1;
        int w = nb_grapheme_width(s + i, g);
        if (used + w > maxw) {
            /* A wide glyph would straddle the edge: pad instead. */
            nb_draw_fill(y, x + used, maxw - used, attr);
            return maxw;
        }
        if (w > 0) nb_draw_grapheme(y, x + used, s + i, g, attr);
        used += w;
        i += g;
    }
    return used;
}

void nb_draw_fill(int y, int x, int w, attr_t attr) {
    for (int i = 0; i < w; i++) mvaddch(y, x + i, ' ' | attr);
}

void nb_draw_field(int y, int x, int w, const char *s, size_t n, attr_t attr, int align) {
    if (w <= 0) return;
    int tw = nb_text_width(s, n);
    int pad = 0;
    if (tw < w) {
        if (align == 1) pad = w - tw;
        else if (align == 2) pad = (w - tw) / 2;
    }
    nb_draw_fill(y, x, pad, attr);
    int used = nb_draw_text(y, x + pad, w - pad, s, n, attr);
    nb_draw_fill(y, x + pad + used, w - pad - used, attr);
}

void nb_render_pane_title(nb_app *app, nb_pane p, nb_rect r, const char *title) {
    bool focused = app->focus == p;
    attr_t a = app->theme.attr[focused ? NB_SLOT_PANE_FOCUS : NB_SLOT_PANE_TITLE];
    char buf[600];
    /* The marker shows focus without colour too. */
    snprintf(buf, sizeof buf, "%s %s", focused ? "▶" : " ", title);
    nb_draw_field(r.y, r.x, r.w, buf, strlen(buf), a, 0);
}

void nb_hit_add(nb_app *app, int y, int x, int w, nb_pane pane, long value) {
    if (app->nhits < (int)(sizeof app->hits / sizeof app->hits[0]))
        app->hits[app->nhits++] = (nb_hit){y, x, w, pane, value};
}
