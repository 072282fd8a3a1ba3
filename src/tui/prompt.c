/* The bottom line's two modes: a one-line editor and a question with
 * lettered answers. The editor edits UTF-8 by grapheme cluster (a CJK
 * character or an accented letter is one step of the cursor) and measures
 * by display width. Both run in the one event loop (loop.c), which keeps
 * the screen alive while they wait: resizes re-lay out, a terminating
 * signal ends the mode unanswered so that the session can keep the
 * unsaved work. Their keys are a line editor's (as readline's), not the
 * key map's: the key map's letters are text here. */
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

typedef struct prompt_mode {
    nb_mode base;
    const char *label;
    char buf[PROMPT_MAX];
    size_t len, cursor;
    bool full;     /* typed text no longer fits */
    bool accepted; /* Enter, rather than a cancel */
    bool selected; /* the initial text is selected: typing replaces it */
    /* told the text after every key that changed it (a live search) */
    nb_prompt_changed *changed;
    void *ctx;
} prompt_mode;

/* The screen as it is, its bottom line given to `text` (a label or a
 * question); returns the bottom line's row and the width of `text`. */
static int draw_question(nb_app *app, const char *text, int *cols, int *textw) {
    int rows;
    /* What is under the question: the mode below this one (the report
     * list, the review), or the review when it asks before it runs. */
    if (app->nmodes >= 2) app->modes[app->nmodes - 2]->ops->draw(app, app->modes[app->nmodes - 2]);
    else nb_render(app);
    getmaxyx(stdscr, rows, *cols);
    nb_draw_fill(rows - 1, 0, *cols, 0);
    *textw = nb_draw_text(rows - 1, 0, *cols, text, strlen(text), app->theme.attr[NB_SLOT_PROMPT]);
    return rows - 1;
}

static void draw_prompt(nb_app *app, nb_mode *m) {
    prompt_mode *p = (prompt_mode *)m;
    int cols, lw;
    int y = draw_question(app, p->label, &cols, &lw);
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
    for (size_t i = 0; i < p->cursor && n < PROMPT_MAX;) {
        size_t g = nb_grapheme_len(p->buf + i, p->cursor - i);
        if (g == 0) g = 1;
        starts[n] = i;
        widths[n] = nb_grapheme_width(p->buf + i, g);
        n++;
        i += g;
    }
    size_t first = n;
    int used = 0;
    while (first > 0 && used + widths[first - 1] < avail) used += widths[--first];
    size_t start = first < n ? starts[first] : p->cursor;
    nb_draw_text(y, lw, avail, p->buf + start, p->len - start, p->selected ? A_REVERSE : 0);
    int cx = lw + used < cols ? lw + used : cols - 1;
    if (p->full) {
        /* Say that typed text no longer fits, instead of dropping it silently. */
        const char *msg = _("[full]");
        int w = nb_text_width(msg, strlen(msg));
        if (cols > w) nb_draw_text(y, cols - w, w, msg, strlen(msg), A_REVERSE);
    }
    move(y, cx);
}

/* Delete the grapheme before the cursor (Backspace). */
static void delete_before(prompt_mode *p) {
    if (p->cursor == 0) return;
    size_t b = prev_boundary(p->buf, p->cursor);
    memmove(p->buf + b, p->buf + p->cursor, p->len - p->cursor + 1);
    p->len -= p->cursor - b;
    p->cursor = b;
}

/* The grapheme at the cursor: its length in bytes (Right, Delete). */
static size_t here_len(const prompt_mode *p) {
    size_t g = nb_grapheme_len(p->buf + p->cursor, p->len - p->cursor);
    return g ? g : 1;
}

static void function_key(prompt_mode *p, int code) {
    switch (code) {
    case KEY_LEFT: p->cursor = prev_boundary(p->buf, p->cursor); break;
    case KEY_RIGHT:
        if (p->cursor < p->len) p->cursor += here_len(p);
        break;
    case KEY_HOME: p->cursor = 0; break;
    case KEY_END: p->cursor = p->len; break;
    case KEY_BACKSPACE: delete_before(p); break;
    case KEY_DC:
        if (p->cursor < p->len) {
            size_t g = here_len(p);
            memmove(p->buf + p->cursor, p->buf + p->cursor + g, p->len - p->cursor - g + 1);
            p->len -= g;
        }
        break;
    case KEY_ENTER: p->accepted = p->base.done = true; break;
    default: break;
    }
}

/* Control keys; false when `c` is not one the editor knows. */
static bool control_key(prompt_mode *p, int c) {
    switch (c) {
    case '\n':
    case '\r': p->accepted = p->base.done = true; return true;
    case 27: /* Esc */
    case 7:  /* C-g */
    case 3:  /* C-c */
        p->base.done = true;
        return true;
    case 1: p->cursor = 0; return true;      /* C-a */
    case 5: p->cursor = p->len; return true; /* C-e */
    case 21:                                 /* C-u: delete to start */
        memmove(p->buf, p->buf + p->cursor, p->len - p->cursor + 1);
        p->len -= p->cursor;
        p->cursor = 0;
        return true;
    case 11: /* C-k: delete to end */
        p->len = p->cursor;
        p->buf[p->len] = '\0';
        return true;
    case 8:
    case 127: delete_before(p); return true;
    default: return false;
    }
}

static void insert(prompt_mode *p, int c) {
    if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) return; /* no controls in text */
    char u[4];
    size_t n = nb_utf8_put(u, (int32_t)c);
    if (n == 0) return;
    if (p->len + n >= PROMPT_MAX) {
        p->full = true;
        beep();
        return;
    }
    memmove(p->buf + p->cursor + n, p->buf + p->cursor, p->len - p->cursor + 1);
    memcpy(p->buf + p->cursor, u, n);
    p->len += n;
    p->cursor += n;
}

static void edit_key(prompt_mode *p, nb_key key);

static void prompt_key(nb_app *app, nb_mode *m, nb_key key) {
    prompt_mode *p = (prompt_mode *)m;
    size_t before = p->len;
    char old[PROMPT_MAX];
    if (p->changed) memcpy(old, p->buf, p->len + 1);
    edit_key(p, key);
    if (p->changed && !p->base.done && (p->len != before || memcmp(old, p->buf, p->len) != 0))
        p->changed(app, p->buf, p->ctx);
}

static void edit_key(prompt_mode *p, nb_key key) {
    bool was_selected = p->selected;
    p->selected = false; /* any key but a typed character keeps the old text to edit */
    if (key.function) function_key(p, key.code);
    else if (!control_key(p, key.code)) {
        if (was_selected && key.code >= 0x20 && key.code != 0x7f) {
            /* As in a spreadsheet: typing over a selected value replaces it. */
            p->len = p->cursor = 0;
            p->buf[0] = '\0';
        }
        insert(p, key.code);
    }
}

static const nb_mode_ops prompt_ops = {draw_prompt, prompt_key, NULL, true, true};

static char *prompt_run(nb_app *app, const char *label, const char *initial, bool selected,
                        nb_prompt_changed *changed, void *ctx) {
    prompt_mode p;
    memset(&p, 0, sizeof p);
    p.base.ops = &prompt_ops;
    p.label = label;
    p.changed = changed;
    p.ctx = ctx;
    if (initial) {
        p.len = strlen(initial);
        if (p.len >= PROMPT_MAX) p.len = PROMPT_MAX - 1;
        memcpy(p.buf, initial, p.len);
    }
    p.buf[p.len] = '\0';
    p.cursor = p.len;
    p.selected = selected && p.len > 0;
    curs_set(1);
    nb_loop_run(app, &p.base);
    curs_set(0);
    return p.accepted ? strdup(p.buf) : NULL;
}

char *nb_prompt(nb_app *app, const char *label, const char *initial) {
    return prompt_run(app, label, initial, false, NULL, NULL);
}

char *nb_prompt_replace(nb_app *app, const char *label, const char *initial) {
    return prompt_run(app, label, initial, true, NULL, NULL);
}

char *nb_prompt_live(nb_app *app, const char *label, nb_prompt_changed *changed, void *ctx) {
    return prompt_run(app, label, "", false, changed, ctx);
}

typedef struct choice_mode {
    nb_mode base;
    const char *question, *choices;
    int answer;
} choice_mode;

/* A question wraps onto the rows above the bottom one, so that its end,
 * where the answers are named, is always on screen (a long file name in
 * it would otherwise push them off the line). */
static void draw_choice(nb_app *app, nb_mode *m) {
    const char *q = ((choice_mode *)m)->question;
    int cols, w, rows = getmaxy(stdscr);
    int bottom = draw_question(app, q, &cols, &w);
    size_t n = strlen(q), starts[256];
    int lines = 0;
    for (size_t pos = 0; pos < n && lines < 256;) {
        size_t take = nb_display_fit(q + pos, n - pos, cols, NULL);
        if (take == 0) break; /* not even one glyph fits */
        starts[lines++] = pos;
        pos += take;
    }
    if (lines <= 1) return;
    int first = lines > rows ? lines - rows : 0; /* too many: the end shows */
    int y = bottom - (lines - first - 1);
    attr_t a = app->theme.attr[NB_SLOT_PROMPT];
    for (int l = first; l < lines; l++, y++) {
        size_t end = l + 1 < lines ? starts[l + 1] : n;
        nb_draw_fill(y, 0, cols, 0);
        nb_draw_text(y, 0, cols, q + starts[l], end - starts[l], a);
    }
}

static void choice_key(nb_app *app, nb_mode *m, nb_key key) {
    (void)app;
    choice_mode *q = (choice_mode *)m;
    if (key.function) return;
    int c = key.code;
    if (c >= 'A' && c <= 'Z') c = c - 'A' + 'a';
    /* Esc, C-g, C-c, and q where q is not an answer, leave the question. */
    if (c == 27 || c == 7 || c == 3 || (c == 'q' && !strchr(q->choices, 'q'))) q->base.done = true;
    if (c < 0x80 && c > 0x20 && strchr(q->choices, c)) {
        q->answer = c;
        q->base.done = true;
    }
}

static const nb_mode_ops choice_ops = {draw_choice, choice_key, NULL, false, true};

int nb_prompt_choice(nb_app *app, const char *question, const char *choices) {
    choice_mode q = {{&choice_ops, false}, question, choices, 0};
    nb_loop_run(app, &q.base);
    return q.answer;
}
