/* The review screen's private interface: the application state the panes
 * draw, the command list, themes, the key map and the drawing helpers.
 * Only src/tui and the render benchmark include this; curses stays here. */
#ifndef NIANBAO_TUI_H
#define NIANBAO_TUI_H

#include <curses.h>
#include <signal.h>
#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

#include "nianbao/review.h"

/* ---- commands: declared once; the enum, config names, default keys and
 * help text all come from this list. Keys are separated by spaces and use
 * the names keymap.c understands (see nb_key_parse). */
#define NB_COMMANDS(X)                                                                        \
    X(MOVE_UP, "move-up", "Up k", N_("Move up (cell, source line, finding)"))                 \
    X(MOVE_DOWN, "move-down", "Down j", N_("Move down"))                                      \
    X(MOVE_LEFT, "move-left", "Left h", N_("Move to the cell on the left"))                   \
    X(MOVE_RIGHT, "move-right", "Right l", N_("Move to the cell on the right"))               \
    X(PAGE_UP, "page-up", "PgUp C-b", N_("Scroll one page up"))                               \
    X(PAGE_DOWN, "page-down", "PgDn C-f Space", N_("Scroll one page down"))                   \
    X(FIRST, "first", "Home", N_("Jump to the first cell, line or finding"))                  \
    X(GOTO, "goto", "g", N_("Go to a cell by its label or id, as you type it"))               \
    X(LAST, "last", "G End", N_("Jump to the last cell, line or finding"))                    \
    X(NEXT_PANE, "next-pane", "Tab", N_("Focus the next pane (or show it on narrow screens)")) \
    X(PREV_PANE, "prev-pane", "BTab", N_("Focus the previous pane"))                          \
    X(NEXT_FINDING, "next-finding", "n", N_("Select the next finding and go to its cells"))   \
    X(PREV_FINDING, "prev-finding", "N", N_("Select the previous finding"))                   \
    X(EDIT, "edit", "Enter e", N_("Edit the selected cell (a number; empty input cancels)"))  \
    X(CLEAR, "clear", "x", N_("Clear the selected cell to no value"))                         \
    X(ACCEPT, "accept", "f", N_("Accept the value the selected finding suggests"))            \
    X(RELINK, "relink", "r", N_("Re-read the cell from a number chosen in the source"))       \
    X(PLACE, "place", "p", N_("Place the values of a row left unread: choose among its readings")) \
    X(CONFIRM, "confirm", "c", N_("Mark the selected finding confirmed in source, with a note")) \
    X(DISMISS, "dismiss", "d", N_("Dismiss the selected finding as a false alarm, with the reason")) \
    X(REOPEN, "reopen", "o", N_("Set the selected finding back to open"))                     \
    X(MARK, "mark", "m", N_("Mark or unmark the selected finding: c, d and o then judge all marked ones")) \
    X(UNDO, "undo", "u", N_("Undo the last change"))                                          \
    X(REDO, "redo", "C-r", N_("Redo the change last undone"))                                 \
    X(WRAP, "wrap", "w", N_("Source lines unwrapped (Left/Right scroll them) or wrapped again")) \
    X(SEARCH, "search", "/", N_("Search the source forward"))                                 \
    X(SEARCH_BACK, "search-back", "M-/", N_("Search the source backward"))                      \
    X(SAVE, "save", "s", N_("Save the review"))                                               \
    X(SIGN, "sign", "S", N_("Sign off the review"))                                           \
    X(COMMAND, "command", ":", N_("Type a command (:w PATH, :help, :q, or any command name)")) \
    X(HELP, "help", "F1 ?", N_("Show every key"))                                               \
    X(REDRAW, "redraw", "C-l", N_("Redraw the screen"))                                       \
    X(QUIT, "quit", "q", N_("Quit (asks first when changes are unsaved)"))

typedef enum nb_cmd {
    NB_CMD_NONE = -1,
#define NB_CMD_ENUM(id, name, keys, help) NB_CMD_##id,
    NB_COMMANDS(NB_CMD_ENUM)
#undef NB_CMD_ENUM
    NB_CMD_COUNT
} nb_cmd;

const char *nb_cmd_name(nb_cmd c);
const char *nb_cmd_help(nb_cmd c); /* translated */
nb_cmd nb_cmd_by_name(const char *name);

/* ---- key map: keys (curses key codes or Unicode code points) to commands */
typedef struct nb_key {
    int code;       /* code point, or a KEY_* value when `function` */
    bool function;
    bool alt;       /* held with Alt (Meta): the terminal sent Esc and the key at once */
} nb_key;

#define NB_KEYMAP_MAX 256
typedef struct nb_keymap {
    struct {
        nb_key key;
        nb_cmd cmd;
    } binds[NB_KEYMAP_MAX];
    int n;
} nb_keymap;

void nb_keymap_defaults(nb_keymap *km);
/* Bind `key` to `cmd`, replacing what the key did before. */
bool nb_keymap_bind(nb_keymap *km, nb_key key, nb_cmd cmd);
nb_cmd nb_keymap_lookup(const nb_keymap *km, nb_key key);
/* Parse "k", "C-r", "M-x", "PgDn", "F1", "Enter", "张"... Returns false when unknown. */
bool nb_key_parse(const char *name, nb_key *out);
/* Name of a key for the help screen. */
void nb_key_name(nb_key key, char *buf, size_t n);
/* The keys bound to `cmd`, names joined by ", ". */
void nb_keymap_keys_of(const nb_keymap *km, nb_cmd cmd, char *buf, size_t n);

/* ---- themes: named slots mapped to colours and attributes */
#define NB_SLOTS(X)                                                                           \
    /* slot id, name, dark fg, dark bg, dark attrs, monochrome attrs */                       \
    X(NORMAL, "normal", -1, -1, 0, 0)                                                         \
    X(PANE_TITLE, "pane-title", COLOR_WHITE, COLOR_BLUE, 0, A_UNDERLINE)                     \
    X(PANE_FOCUS, "pane-focus", COLOR_BLACK, COLOR_CYAN, A_BOLD, A_REVERSE | A_BOLD)          \
    X(PANE_BORDER, "pane-border", COLOR_BLUE, -1, 0, 0)                                       \
    X(LINE_NUMBER, "line-number", COLOR_YELLOW, -1, 0, A_DIM)                                 \
    X(SOURCE_TEXT, "source-text", -1, -1, 0, 0)                                               \
    X(SOURCE_HIGHLIGHT, "source-highlight", COLOR_BLACK, COLOR_YELLOW, A_BOLD,                \
      A_REVERSE | A_BOLD)                                                                     \
    X(SOURCE_FINDING, "source-finding", COLOR_WHITE, COLOR_MAGENTA, 0, A_UNDERLINE)           \
    X(SOURCE_CURSOR, "source-cursor", -1, -1, A_BOLD, A_BOLD)                                 \
    X(SOURCE_PICK, "source-pick", COLOR_BLACK, COLOR_GREEN, A_BOLD, A_REVERSE | A_UNDERLINE)  \
    X(SOURCE_SEARCH, "source-search", COLOR_BLACK, COLOR_CYAN, 0, A_STANDOUT)                 \
    X(TABLE_TITLE, "table-title", COLOR_CYAN, -1, A_BOLD, A_BOLD)                             \
    X(TABLE_HEADER, "table-header", COLOR_CYAN, -1, 0, A_UNDERLINE)                           \
    X(ROW_LABEL, "row-label", -1, -1, 0, 0)                                                   \
    X(CELL, "cell", -1, -1, 0, 0)                                                             \
    X(CELL_ERROR, "cell-error", COLOR_WHITE, COLOR_RED, A_BOLD, A_BOLD | A_UNDERLINE)         \
    X(CELL_WARNING, "cell-warning", COLOR_BLACK, COLOR_YELLOW, 0, A_UNDERLINE)                \
    X(CELL_EDITED_UNSAVED, "cell-edited-unsaved", COLOR_MAGENTA, -1, A_BOLD, A_BOLD | A_ITALIC) \
    X(CELL_EDITED_SAVED, "cell-edited-saved", COLOR_GREEN, -1, A_BOLD, A_ITALIC)              \
    X(CELL_INFERRED, "cell-inferred", COLOR_CYAN, -1, A_DIM, A_DIM)                           \
    X(CELL_MISSING, "cell-missing", COLOR_BLUE, -1, A_DIM, A_DIM)                             \
    X(CELL_SELECTED, "cell-selected", COLOR_BLACK, COLOR_WHITE, A_BOLD, A_REVERSE)            \
    X(FINDING_ERROR, "finding-error", COLOR_RED, -1, A_BOLD, A_BOLD)                          \
    X(FINDING_WARNING, "finding-warning", COLOR_YELLOW, -1, 0, 0)                             \
    X(FINDING_DONE, "finding-done", COLOR_GREEN, -1, 0, A_DIM)                                \
    X(FINDING_SELECTED, "finding-selected", COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE)           \
    X(STATUS_LINE, "status-line", COLOR_BLACK, COLOR_WHITE, 0, A_REVERSE)                     \
    X(STATUS_ERROR, "status-error", COLOR_WHITE, COLOR_RED, A_BOLD, A_REVERSE | A_BOLD)       \
    X(MESSAGE, "message", -1, -1, 0, 0)                                                       \
    X(MESSAGE_ERROR, "message-error", COLOR_RED, -1, A_BOLD, A_BOLD)                          \
    X(PROMPT, "prompt", COLOR_YELLOW, -1, A_BOLD, A_BOLD)                                     \
    X(HELP_KEY, "help-key", COLOR_GREEN, -1, A_BOLD, A_BOLD)

typedef enum nb_slot {
#define NB_SLOT_ENUM(id, name, fg, bg, attr, mono) NB_SLOT_##id,
    NB_SLOTS(NB_SLOT_ENUM)
#undef NB_SLOT_ENUM
    NB_SLOT_COUNT
} nb_slot;

typedef struct nb_style {
    short fg, bg;     /* -1 = terminal default; 0..255 */
    attr_t attrs;
} nb_style;

typedef struct nb_theme {
    char name[64];
    bool monochrome;  /* attributes only */
    nb_style slot[NB_SLOT_COUNT];
    attr_t attr[NB_SLOT_COUNT]; /* resolved: colour pair | attributes */
} nb_theme;

/* The built-in dark theme (also shipped as themes/default.theme). */
void nb_theme_builtin(nb_theme *t, bool monochrome);
/* Parse theme text. Returns 0, or -1 with `err` naming the line and problem. */
int nb_theme_parse(nb_theme *t, const char *text, size_t len, nb_error *err);
/* Find NAME (or a path) in the user's, the build tree's and the installed
 * theme folders and load it. -1 with err when missing or broken. */
int nb_theme_load(nb_theme *t, const char *name, nb_error *err);
/* After initscr/start_color: make colour pairs. Drops colours the
 * terminal lacks. */
void nb_theme_apply(nb_theme *t);
const char *nb_slot_name(nb_slot s);

/* ---- config: $XDG_CONFIG_HOME/nianbao/config */
typedef struct nb_config {
    char theme[64];
    char reviewer[64];
    char path[1024];     /* where it was read from (for remembering the reviewer) */
} nb_config;

/* Read the config file; problems are appended to `messages` (one line). */
void nb_config_load(nb_config *cfg, nb_keymap *km, char *messages, size_t msize);
/* Remember the reviewer's name for next time (appends to the config). */
int nb_config_remember_reviewer(nb_config *cfg, const char *name, nb_error *err);
/* $XDG_CONFIG_HOME/nianbao or ~/.config/nianbao, into buf. */
bool nb_config_dir(char *buf, size_t n);

/* ---- application state */
typedef enum nb_pane { NB_PANE_SOURCE = 0, NB_PANE_TABLE, NB_PANE_FINDINGS, NB_PANE_COUNT } nb_pane;

typedef struct nb_rect {
    int y, x, h, w;
} nb_rect;

/* What sits where on screen, for mouse clicks. */
typedef struct nb_hit {
    int y, x, w;
    nb_pane pane; /* the pane that drew it */
    long value;   /* there: cell index, line index, finding index */
} nb_hit;

/* A display line of the table pane. */
/* HEADER2: the second line of a header whose labels do not fit one. */
typedef enum nb_tline_kind {
    NB_TLINE_TITLE,
    NB_TLINE_HEADER,
    NB_TLINE_HEADER2,
    NB_TLINE_ROW,
    NB_TLINE_BLANK
} nb_tline_kind;
typedef struct nb_tline {
    nb_tline_kind kind;
    int table;  /* nb_table_id */
    int group;  /* index into table_groups */
    int row;    /* template row, for NB_TLINE_ROW */
} nb_tline;

/* Rows of one table that share their columns, drawn under one header. */
typedef struct nb_tgroup {
    int table;
    int first_row, nrows;
    int ncols;
    int colw[8];      /* display width of each column (without padding) */
    int header_rows;  /* 1, or 2 when a column label is too long for one line */
    int title_line, header_line; /* indexes into tlines */
} nb_tgroup;

/* ---- modes (loop.c): what keys mean now. The event loop draws the mode
 * on top of the stack and gives it each key; a mode embeds nb_mode as its
 * first member and keeps its own state. */
typedef struct nb_app nb_app;

/* A session and recovery files (recovery.c holds the rules between them):
 * none is its concern, it is asking about those found at start, or it
 * loaded one. */
typedef enum nb_recovery_state { NB_REC_NONE = 0, NB_REC_ASKING, NB_REC_LOADED } nb_recovery_state;
typedef enum nb_recovery_event {
    NB_REC_EV_START,       /* the review is open and recovery files were found */
    NB_REC_EV_YES,         /* the file asked about is loaded */
    NB_REC_EV_UNREADABLE,  /* it cannot be loaded, and is kept */
    NB_REC_EV_NOT_NOW,     /* "not now" */
    NB_REC_EV_DISCARD,     /* "discard" */
    NB_REC_EV_NO_MORE,     /* every file found was asked about */
    NB_REC_EV_SAVED,       /* the review saved into its own file */
    NB_REC_EV_SAVED_COPY,  /* a copy written elsewhere (:w OTHER) */
    NB_REC_EV_INTERRUPTED, /* a terminating signal, with unsaved work */
    NB_REC_EVENTS
} nb_recovery_event;
typedef struct nb_mode nb_mode;
typedef struct nb_mode_ops {
    /* Draw the whole screen (a bottom-line mode draws the review under it). */
    void (*draw)(nb_app *app, nb_mode *m);
    void (*key)(nb_app *app, nb_mode *m, nb_key key);
    void (*mouse)(nb_app *app, nb_mode *m, int y, int x); /* NULL: clicks are ignored */
    bool batch; /* take keys already typed (a paste) before drawing again */
    /* A line editor or a question: Alt+key here is Esc, then the key for
     * whatever is on screen after it (keys typed ahead of a slow screen,
     * Esc then q, arrive together as Alt+q and must still cancel, then quit). */
    bool alt_as_esc;
} nb_mode_ops;
struct nb_mode {
    const nb_mode_ops *ops;
    bool done; /* set by the mode: the loop returns to whoever pushed it */
};
#define NB_MODES_MAX 8

struct nb_app {
    nb_document doc;
    bool doc_loaded;
    /* --previous: the file holding last year's report of the agency. */
    nb_document prev_doc;
    bool prev_loaded;
    nb_review rv;
    bool rv_open;
    char *report_path;  /* for a web address, the copy kept of it */
    char *review_path;  /* where `s` saves */
    /* Where this session stands with recovery files (recovery.c's rules),
     * and the file it loaded: its work is in memory, so a save into the
     * review removes it, and an interruption writes over it (it is this
     * session's now). NULL when none was loaded. */
    nb_recovery_state recovery_state;
    char *recovery_loaded;
    char *copy_dir;     /* where a web address's copy is kept: the -o folder, or NULL (here) */
    /* The review file as this session last read or wrote it (see may_write). */
    bool review_seen;
    dev_t review_dev;
    ino_t review_ino;
    off_t review_size;
    struct timespec review_mtime;

    nb_theme theme;
    nb_keymap keymap;
    nb_config config;

    /* layout (computed every frame) */
    bool too_small, narrow, stacked;
    nb_rect pane[NB_PANE_COUNT];
    bool pane_visible[NB_PANE_COUNT];
    nb_rect status;
    nb_pane focus;

    /* Each pane's own state (its ops are in its file). */
    struct nb_table_state {
        nb_tline *tlines; /* display lines: titles, headers, rows */
        int ntlines;
        nb_tgroup groups[16];
        int ngroups;
        int label_w;
        int sel_cell;     /* template cell index, -1 none */
        int top;          /* first scrolled line */
        int hcol;         /* first data column shown */
    } table;
    struct nb_source_state {
        size_t top;       /* first line shown (0-based) */
        int top_sub;      /* wrapped rows of `top` skipped */
        bool unwrapped;   /* lines not wrapped: one row each, scrolled sideways (w) */
        int left;         /* unwrapped: the first display column shown */
        size_t cursor;    /* selected line */
        int numw;         /* width of the line-number gutter */
        bool follow_cell; /* scroll the source to the selected cell's span */
        bool follow_finding; /* ... or to the selected finding's sentence, if it has one */
        char last_search[256];
        size_t search_start, search_end; /* highlighted match, end 0 = none */
    } source;
    struct nb_findings_state {
        int sel;          /* -1 none */
        int top;
        /* the findings marked with m, by key (a re-check may reorder them) */
        char (*marked)[160];
        int nmarked, capmarked;
    } findings;
    /* Picking a number in the source for re-linking (relink.c). */
    struct nb_pick_state {
        bool active;
        size_t start, end;
        int cell;                /* the cell being re-linked */
        nb_pane return_focus;    /* where focus goes back after picking */
    } pick;

    char message[512];
    bool message_error;

    nb_hit hits[2048];
    int nhits;

    nb_mode *modes[NB_MODES_MAX]; /* the mode stack, top last */
    int nmodes;
    /* Where keys come from: NULL for the terminal (get_wch); the headless
     * screen driver (tests/screen) gives its script. Same results as get_wch. */
    int (*read_key)(nb_app *app, wint_t *c);
    /* A key read but left for the mode on top after this one (loop.c). */
    nb_key unread;
    bool has_unread;

    bool quit;
};

/* ---- the terminal (terminal.c) */
typedef enum nb_terminal_fitness {
    NB_TERMINAL_OK = 0,
    NB_TERMINAL_UNKNOWN,   /* TERM has no terminfo entry */
    NB_TERMINAL_NO_CURSOR, /* it cannot place the cursor (TERM=dumb) */
} nb_terminal_fitness;
nb_terminal_fitness nb_terminal_check(void);

/* ---- signals (flags only; the main loop acts) */
extern volatile sig_atomic_t nb_sig_resize;
extern volatile sig_atomic_t nb_sig_terminate;
void nb_signals_install(void);

/* ---- drawing helpers (draw.c): every glyph placed at an explicit column */
/* Draw UTF-8 text at (y, x), at most `maxw` columns, sanitised; returns
 * columns used. Wide glyphs that would straddle maxw are replaced by
 * padding. */
int nb_draw_text(int y, int x, int maxw, const char *s, size_t n, attr_t attr);
/* Same, padded with spaces to exactly `w` columns; align 0 left, 1 right, 2 centre. */
void nb_draw_field(int y, int x, int w, const char *s, size_t n, attr_t attr, int align);
void nb_draw_fill(int y, int x, int w, attr_t attr);
/* Display width of text as nb_draw_text would draw it. */
int nb_text_width(const char *s, size_t n);
/* Draw one grapheme (sanitised) at (y, x); returns its width (tabs: 0, caller expands). */
int nb_draw_grapheme(int y, int x, const char *g, size_t n, attr_t attr);
/* Width of one grapheme as drawn. */
int nb_grapheme_width(const char *g, size_t n);

/* Remember that a click at row y, columns x..x+w-1 means `value` of `pane`. */
void nb_hit_add(nb_app *app, int y, int x, int w, nb_pane pane, long value);
/* The title line of pane `p`, marked when it has the focus. */
void nb_render_pane_title(nb_app *app, nb_pane p, nb_rect r, const char *title);

/* ---- app pieces */
void nb_app_set_message(nb_app *app, bool error, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void nb_layout(nb_app *app, int rows, int cols);
void nb_render(nb_app *app);
void nb_render_status(nb_app *app, nb_rect r);
/* Below the size every screen needs; nb_render_too_small says so. */
bool nb_screen_too_small(int rows, int cols);
void nb_render_too_small(int rows, int cols);

/* ---- panes, as tig's views: each draws itself in its rectangle,
 * answers the movement commands while it has the focus, and takes a click
 * on what it drew (after the focus has moved to it). */
typedef struct nb_pane_ops {
    void (*draw)(nb_app *app, nb_rect r);
    void (*request)(nb_app *app, nb_cmd cmd); /* up, down, left, right, pages, first, last */
    void (*hit)(nb_app *app, long value);
} nb_pane_ops;
extern const nb_pane_ops nb_source_pane, nb_table_pane, nb_findings_pane;
/* layout.c: the pane ops of pane `p`. */
const nb_pane_ops *nb_pane_ops_of(nb_pane p);

/* table pane model */
void nb_table_build(nb_app *app);
void nb_table_move(nb_app *app, int drow, int dcol);
void nb_table_select_cell(nb_app *app, int cell);
/* goto.c: `g`, and the cell whose name (label or id) holds `text`, or -1. */
void nb_cmd_goto(nb_app *app);
int nb_goto_find_cell(const nb_app *app, const char *text);
void nb_table_first_last(nb_app *app, bool last);
void nb_table_page(nb_app *app, int dir);
int nb_table_visible_rows(const nb_app *app);

/* source pane */
void nb_source_scroll_to(nb_app *app, size_t line);
void nb_source_move(nb_app *app, long dlines);
void nb_source_page(nb_app *app, int dir);
const nb_span *nb_selected_span(const nb_app *app);
/* Find the next/previous number in the source from `from`; false when none. */
bool nb_source_find_number(const nb_app *app, size_t from, int dir, size_t *start, size_t *end);
/* Search for `needle` from the cursor; true when found (selects it). */
bool nb_source_search(nb_app *app, const char *needle, int dir);

/* findings pane */
void nb_findings_select(nb_app *app, int index, bool move_cursor);
void nb_findings_step(nb_app *app, int dir);

/* Cell state for colouring. */
nb_slot nb_cell_slot(const nb_app *app, int cell);
/* Full label of a cell: "applications.total.natural_person — (七)总计 · 自然人". */
void nb_cell_describe(const nb_app *app, int cell, char *buf, size_t n);
/* A cell in the report's words: "(七)总计 · 自然人". */
void nb_cell_name(const nb_app *app, int cell, char *buf, size_t n);

/* prompt.c: a one-line UTF-8 editor at the bottom. Returns malloc'd text,
 * or NULL when cancelled (Esc, C-g) or a terminating signal arrived. */
char *nb_prompt(nb_app *app, const char *label, const char *initial);
/* The same, telling `changed` the text after every key that changes it
 * (what `g` uses to go to a cell while its label is typed). */
typedef void nb_prompt_changed(nb_app *app, const char *text, void *ctx);
char *nb_prompt_live(nb_app *app, const char *label, nb_prompt_changed *changed, void *ctx);
/* The same with `initial` selected, as a spreadsheet's cell editor: a typed
 * character replaces it; Backspace, arrows, Home or End edit it instead. */
char *nb_prompt_replace(nb_app *app, const char *label, const char *initial);
/* Ask for one of `choices` (lowercase ASCII letters); returns it, or 0 on cancel. */
int nb_prompt_choice(nb_app *app, const char *question, const char *choices);

/* help.c / chooser.c */
void nb_help_show(nb_app *app);
/* Choose a report of the document; -1 when the user quits. */
int nb_chooser_run(nb_app *app);

/* signals.c: after a resize flag, tell curses the new size. */
void nb_app_handle_signals(nb_app *app);

/* say.c: a message on stderr (outside the screen), made safe. */
void nb_say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* options.c */
typedef struct nb_options {
    const char *theme, *out, *path;
    const char *previous; /* --previous: last year's report is in this file */
    int report; /* 0-based; -1 none */
    int year;   /* 0 none */
    /* Several files or a folder: the report list (list.c) of them all. */
    bool list;
    const char **paths; /* malloc'd; the operands, path being the first */
    int npaths;
} nb_options;
/* -1 to go on, or the exit status (0 after --help, 2 after a mistake). */
int nb_options_parse(int argc, char **argv, nb_options *o);

/* app.c: the steps of starting the screen, shared by one report's review
 * and the report list. */
bool nb_tui_terminal_fit(void); /* says why not */
SCREEN *nb_tui_start_screen(void);
/* End curses (endwin), the terminal's paste marks off first. */
void nb_tui_end_screen(void);
/* The key codes curses gives the marks a terminal puts around pasted
 * text (bracketed paste): a paste is never read as keys. */
#define NB_KEY_PASTE_BEGIN (KEY_MAX + 1)
#define NB_KEY_PASTE_END (KEY_MAX + 2)
void nb_tui_setup_theme(nb_app *app, const char *cli_theme);
/* Open report `report` (0-based) of `path` for review on the running
 * screen, with its review beside it resumed and unsaved work offered back,
 * checked against last year's report in `previous` when not NULL; 0, or
 * -1 with err. The caller then runs nb_app_run. */
int nb_tui_review_report(nb_app *app, const char *path, int report, const char *previous, nb_error *err);

/* list.c: the report list of several files or folders; the exit status. */
int nb_list_main(const nb_options *opt);

/* loop.c: push `m` and run the event loop until it is done or a
 * terminating signal arrives; then pop it. */
void nb_loop_run(nb_app *app, nb_mode *m);

/* dispatch.c: review until the reviewer quits or a signal ends the session. */
void nb_app_run(nb_app *app);

/* dispatch.c */
void nb_app_run_command(nb_app *app, nb_cmd cmd);
void nb_app_handle_key(nb_app *app, nb_key key);
void nb_app_mouse(nb_app *app, int y, int x);

/* The commands the key map names, each acting on the review (in
 * commands.c, cell_edit.c, relink.c); dispatch.c's table maps every
 * command to one of these or, for movement, to the focused pane. */
typedef void nb_command_fn(nb_app *app);
nb_command_fn nb_cmd_edit, nb_cmd_clear, nb_cmd_accept, nb_cmd_relink, nb_cmd_confirm,
    nb_cmd_dismiss, nb_cmd_reopen, nb_cmd_mark, nb_cmd_wrap, nb_cmd_place, nb_cmd_sign;
/* Undo the last change, or redo the change last undone. */
void nb_cmd_undo(nb_app *app, bool redo);
void nb_cmd_search(nb_app *app, int dir);
/* Quit, asking first about unsaved changes unless `force`. */
void nb_cmd_quit(nb_app *app, bool force);

/* commands.c: after any change of the model, keep the selections valid. */
void nb_after_change(nb_app *app);
/* The selected cell (false, saying why, when there is none). */
bool nb_cell_or_say(nb_app *app);
/* The selected finding's index (-1, saying why, when there is none). */
int nb_finding_or_say(nb_app *app);
/* Whether the finding with this key is marked (m). */
bool nb_finding_marked(const nb_app *app, const char *key);

/* relink.c: a key while picking a number (true when it meant something
 * there), and a click on a source line then. */
bool nb_pick_key(nb_app *app, nb_key key);
void nb_pick_line(nb_app *app, size_t line);

/* savefile.c */
/* Remember how the review file looks on disk now (see nb_app_save_to). */
void nb_app_remember_review_file(nb_app *app);
/* Save to the review path (asking for one if there is none). */
bool nb_app_save(nb_app *app);
bool nb_app_save_to(nb_app *app, const char *path);

/* recovery.c */
/* After a terminating signal: keep unsaved work in the recovery file. */
void nb_recovery_write(nb_app *app);
/* At start: offer unsaved work from interrupted sessions back, newest first. */
void nb_recovery_offer(nb_app *app);
/* After a save: into the review's own file, or a copy elsewhere. */
void nb_recovery_saved(nb_app *app, bool into_review);
/* The state a session goes to from `from` on `on`; false when there is no
 * such step (for the tests of the rules). */
bool nb_recovery_rule(nb_recovery_state from, nb_recovery_event on, nb_recovery_state *to);

/* open.c */
bool nb_is_review_name(const char *path);
bool nb_file_exists(const char *path);
/* Load a saved review onto the freshly opened report. */
void nb_app_resume(nb_app *app, const char *path);
/* Load a report (or the report of a review file) and open report
 * `report_index`, or the one covering `year`; -1/0 for neither. Returns 0,
 * 1 when the file holds several reports and none was named (the caller
 * lets the reviewer choose, then calls nb_app_open_report), or -1 with
 * err. Needs no terminal: the benchmark uses it too. */
int nb_app_open(nb_app *app, const char *path, int report_index, int year, nb_error *err);
/* Open report `index` of the loaded document for review. */
int nb_app_open_report(nb_app *app, int index, nb_error *err);
/* Check the open report against last year's report of its agency in
 * `path` from now on; says on screen what was taken, or why nothing was. */
void nb_app_set_previous(nb_app *app, const char *path);
void nb_app_free(nb_app *app);

#endif
