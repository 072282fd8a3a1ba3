/* A one-line editor on the bottom line. It edits UTF-8 by grapheme
 * cluster (a CJK character or an accented letter is one step of the
 * cursor), measures by display width, and keeps the screen alive while it
 * waits: resizes re-lay out, a terminating signal cancels the prompt so
 * the main loop can save the recovery file. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "nianbao/text.h"
#include "tui.h"

enum { PROMPT_MAX = 1024 };

static size_t prev_boundary(const char *s, size_t cursor) {
    size_t i = 0, prev = 0;
    while (i < cursor) {
        size_t g = nb_grapheme_len(s + i, cursor - i);
        if (g == 0) g = 1;
        prev = i;
        i += g;
    }
    return prev;
}

static void draw_prompt(nb_app *app, const char *label, const char *buf, size_t len, size_t cursor) {
    int rows, cols;
    nb_render(app);
    getmaxyx(stdscr, rows, cols);
    int y = rows - 1;
    attr_t pa = app->theme.attr[NB_SLOT_PROMPT];
    nb_draw_fill(y, 0, cols, 0);
    int lw = nb_draw_text(y, 0, cols, label, strlen(label), pa);
    int avail = cols - lw - 1;
    if (avail < 1) {
        move(y, cols - 1);
        return;
    }
    /* Scroll the text so the cursor is visible: one pass over the graphemes
     * before the cursor, remembering where each starts and its width, then
     * keep the last ones that fit (pasted text can be long). */
    static size_t starts[PROMPT_MAX];
    static int widths[PROMPT_MAX];
    size_t n = 0;
    for (size_t i = 0; i < cursor && n < PROMPT_MAX;) {
        size_t g = nb_grapheme_len(buf + i, cursor - i);
        if (g == 0) g = 1;
        starts[n] = i;
        widths[n] = nb_grapheme_width(buf + i, g);
        n++;
        i += g;
    }
    size_t first = n;
    int used = 0;
    while (first > 0 && used + widths[first - 1] < avail) used += widths[--first];
    size_t start = first < n ? starts[first] : cursor;
    nb_draw_text(y, lw, avail, buf + start, len - start, 0);
    move(y, lw + used < cols ? lw + used : cols - 1);
}

char *nb_prompt(nb_app *app, const char *label, const char *initial) {
    char buf[PROMPT_MAX];
    size_t len = 0, cursor;
    if (initial) {
        len = strlen(initial);
        if (len >= PROMPT_MAX) len = PROMPT_MAX - 1;
        memcpy(buf, initial, len);
    }
    buf[len] = '\0';
    cursor = len;
    curs_set(1);
    char *result = NULL;
    bool redraw = true, full = false;
    for (;;) {
        if (redraw) {
            draw_prompt(app, label, buf, len, cursor);
            if (full) {
                /* Say that typed text no longer fits, instead of dropping it silently. */
                const char *msg = _("[full]");
                int rows, cols, w = nb_text_width(msg, strlen(msg));
                getmaxyx(stdscr, rows, cols);
                int cy, cx;
                getyx(stdscr, cy, cx);
                if (cols > w) nb_draw_text(rows - 1, cols - w, w, msg, strlen(msg), A_REVERSE);
                move(cy, cx);
            }
            refresh();
        }
        /* After a key, take what else is already typed (a paste) before
         * drawing again: one redraw per burst, not per character. */
        timeout(redraw ? 100 : 0);
        wint_t c;
        int kind = get_wch(&c);
        if (nb_sig_terminate) break;
        if (kind == ERR) {
            if (!redraw) {
                redraw = true;
                continue;
            }
            nb_app_handle_signals(app);
            continue;
        }
        redraw = false;
        if (kind == KEY_CODE_YES) {
            switch (c) {
            case KEY_RESIZE: nb_app_handle_signals(app); break;
            case KEY_LEFT: cursor = prev_boundary(buf, cursor); break;
            case KEY_RIGHT:
                if (cursor < len) {
                    size_t g = nb_grapheme_len(buf + cursor, len - cursor);
                    cursor += g ? g : 1;
                }
                break;
            case KEY_HOME: cursor = 0; break;
            case KEY_END: cursor = len; break;
            case KEY_BACKSPACE:
                if (cursor > 0) {
                    size_t p = prev_boundary(buf, cursor);
                    memmove(buf + p, buf + cursor, len - cursor + 1);
                    len -= cursor - p;
                    cursor = p;
                }
                break;
            case KEY_DC:
                if (cursor < len) {
                    size_t g = nb_grapheme_len(buf + cursor, len - cursor);
                    if (!g) g = 1;
                    memmove(buf + cursor, buf + cursor + g, len - cursor - g + 1);
                    len -= g;
                }
                break;
            case KEY_ENTER: goto accept;
            default: break;
            }
            continue;
        }
        switch (c) {
        case '\n':
        case '\r': goto accept;
        case 27:  /* Esc */
        case 7:   /* C-g */
        case 3:   /* C-c */
            goto done;
        case 1: cursor = 0; continue;    /* C-a */
        case 5: cursor = len; continue;  /* C-e */
        case 21:                         /* C-u: delete to start */
            memmove(buf, buf + cursor, len - cursor + 1);
            len -= cursor;
            cursor = 0;
            continue;
        case 11: /* C-k: delete to end */
            len = cursor;
            buf[len] = '\0';
            continue;
        case 8:
        case 127:
            if (cursor > 0) {
                size_t p = prev_boundary(buf, cursor);
                memmove(buf + p, buf + cursor, len - cursor + 1);
                len -= cursor - p;
                cursor = p;
            }
            continue;
        default: break;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) continue; /* no controls in text */
        char u[4];
        size_t n = nb_utf8_put(u, (int32_t)c);
        if (n == 0) continue;
        if (len + n >= PROMPT_MAX) {
            full = true;
            beep();
            continue;
        }
        memmove(buf + cursor + n, buf + cursor, len - cursor + 1);
        memcpy(buf + cursor, u, n);
        len += n;
        cursor += n;
    }
    goto done;
accept:
    result = strdup(buf);
done:
    timeout(100);
    curs_set(0);
    return result;
}

int nb_prompt_choice(nb_app *app, const char *question, const char *choices) {
    int answer = 0;
    for (;;) {
        int rows, cols;
        nb_render(app);
        getmaxyx(stdscr, rows, cols);
        nb_draw_fill(rows - 1, 0, cols, 0);
        nb_draw_text(rows - 1, 0, cols, question, strlen(question), app->theme.attr[NB_SLOT_PROMPT]);
        refresh();
        wint_t c;
        int kind = get_wch(&c);
        if (nb_sig_terminate) break;
        if (kind == ERR || (kind == KEY_CODE_YES && c == KEY_RESIZE)) {
            nb_app_handle_signals(app);
            continue;
        }
        if (kind == KEY_CODE_YES) continue;
        if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
        /* Esc, C-g, C-c, and q where q is not an answer, leave the question. */
        if (c == 27 || c == 7 || c == 3 || (c == 'q' && !strchr(choices, 'q'))) break;
        if (c < 0x80 && c > 0x20 && strchr(choices, (int)c)) {
            answer = (int)c;
            break;
        }
    }
    return answer;
}
