/* The web page source: a saved page's bytes become the text a reviewer
 * would get by selecting the page in a browser and copying it -- each
 * paragraph a line, each table row a line with its cells separated by
 * tabs (the layout the reader already knows from browser copies) -- with
 * what a browser does not show left out: scripts, styles, comments,
 * conditional comments, hidden blocks.
 *
 * The bytes are decoded by the text loader first (UTF-8, GB18030, UTF-16)
 * and handed to libxml2 as UTF-8 with the page's own charset label
 * ignored: pages labelled gb2312 often hold GBK-only characters, on which
 * libxml2's gb2312 converter stops and drops the rest of the page. */
#include "config.h"

#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "htmltree.h"
#include "nianbao/buf.h"
#include "nianbao/html.h"
#include "nianbao/libs.h"
#include "nianbao/utf8.h"

typedef struct page_writer {
    const htree *t;
    nb_buf out;
    bool space_pending; /* white space seen since the last character written */
    bool break_pending; /* a paragraph or line break inside a table cell */
} page_writer;

static const hnode *node(const page_writer *w, uint32_t id) { return &w->t->v[id]; }

static bool name_is(const hnode *n, hname name) { return n->kind == HNODE_ELEMENT && n->name == name; }

/* Elements that start and end a line of text. */
static bool is_block(const hnode *n) {
    return n->kind == HNODE_ELEMENT && n->name >= HNAME_FIRST_BLOCK && n->name <= HNAME_LAST_BLOCK;
}

/* Not an element whose content a browser does not show as page text
 * (script, style, head ...), and not hidden. */
static bool is_shown_element(const hnode *n) {
    return n->kind == HNODE_ELEMENT && !(n->name >= HNAME_FIRST_UNSHOWN && n->name <= HNAME_LAST_UNSHOWN) &&
           !n->hidden;
}

/* ---- writing text ------------------------------------------------------- */

/* White space a browser collapses: ASCII blanks and the no-break space
 * (Word pads digits with &nbsp;); the ideographic space U+3000 is kept,
 * as a browser keeps it. */
static size_t blank_len(const char *s, size_t n) {
    unsigned char c = (unsigned char)s[0];
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f') return 1;
    if (n >= 2 && c == 0xC2 && (unsigned char)s[1] == 0xA0) return 2;
    return 0;
}

static void write_text(page_writer *w, const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        size_t b = blank_len(s + i, n - i);
        if (b) {
            w->space_pending = true;
            i += b;
            continue;
        }
        char last = nb_buf_last(&w->out);
        int32_t cp;
        size_t k = nb_utf8_next(s + i, n - i, &cp);
        /* a break inside a cell joins Chinese text ("本年新<br>制作数量")
         * and keeps two Latin words or numbers apart */
        bool latin_pair = (unsigned char)last < 0x80 && cp < 0x80;
        bool space = w->space_pending || (w->break_pending && latin_pair);
        if (space && last && last != '\n' && last != '\t') nb_buf_add(&w->out, " ", 1);
        w->space_pending = w->break_pending = false;
        if (cp >= 0x20 || cp == -1) nb_buf_add(&w->out, s + i, k);
        i += k;
    }
}

static void write_text_node(page_writer *w, const hnode *n) {
    /* the text up to a NUL, as a C string of it would be */
    const char *s = w->t->text + n->text;
    const char *nul = memchr(s, '\0', n->len);
    write_text(w, s, nul ? (size_t)(nul - s) : n->len);
}

/* End the current line (once: empty lines are not multiplied). */
static void end_line(page_writer *w) {
    w->space_pending = w->break_pending = false;
    char last = nb_buf_last(&w->out);
    if (last && last != '\n') nb_buf_add(&w->out, "\n", 1);
}

/* ---- tables ------------------------------------------------------------- */

/* The rows of a table, in order: its own tr elements, directly or in
 * thead/tbody/tfoot, never those of a table nested in a cell. */
static void collect_rows(const page_writer *w, uint32_t parent, uint32_t **rows, size_t *n, size_t *cap) {
    for (uint32_t c = node(w, parent)->first; c; c = node(w, c)->next) {
        const hnode *cn = node(w, c);
        if (!is_shown_element(cn)) continue;
        if (cn->name == HNAME_TR) {
            if (!nb_grow((void **)rows, cap, *n + 1, sizeof **rows)) return;
            (*rows)[(*n)++] = c;
        } else if (cn->name == HNAME_THEAD || cn->name == HNAME_TBODY || cn->name == HNAME_TFOOT) {
            collect_rows(w, c, rows, n, cap);
        }
    }
}

static bool is_cell(const hnode *n) { return name_is(n, HNAME_TD) || name_is(n, HNAME_TH); }

static bool contains_table(const page_writer *w, uint32_t id) {
    for (uint32_t c = node(w, id)->first; c; c = node(w, c)->next)
        if (node(w, c)->kind == HNODE_ELEMENT && (name_is(node(w, c), HNAME_TABLE) || contains_table(w, c)))
            return true;
    return false;
}

/* More text than any cell of the report's tables holds (the longest row
 * label is under 40 characters): a cell this long holds an article. */
#define ARTICLE_CELL_BYTES 400

/* The bytes of text under `id`, shown or not, counted up to `limit`. */
static size_t text_bytes(const page_writer *w, uint32_t id, size_t limit) {
    size_t total = 0;
    for (uint32_t c = node(w, id)->first; c && total <= limit; c = node(w, c)->next) {
        const hnode *cn = node(w, c);
        if (cn->kind == HNODE_TEXT) {
            const char *s = w->t->text + cn->text;
            const char *nul = memchr(s, '\0', cn->len);
            total += nul ? (size_t)(nul - s) : cn->len;
        } else {
            total += text_bytes(w, c, limit - total);
        }
    }
    return total;
}

static bool holds_article(const page_writer *w, uint32_t cell) {
    return text_bytes(w, cell, ARTICLE_CELL_BYTES) > ARTICLE_CELL_BYTES;
}

/* A table that lays out the page (a cell holds another table, or a whole
 * article) rather than holding data: its cells are read as blocks, line
 * by line, not as one row of values. */
static bool is_layout_table(const page_writer *w, const uint32_t *rows, size_t nrows) {
    for (size_t r = 0; r < nrows; r++)
        for (uint32_t c = node(w, rows[r])->first; c; c = node(w, c)->next)
            if (is_cell(node(w, c)) && (contains_table(w, c) || holds_article(w, c))) return true;
    return false;
}

/* A cell's text on one line: its paragraphs and line breaks joined
 * (Word exports put a label's characters in separate paragraphs, and a
 * header cell's line breaks are layout, not content). */
static void write_cell_text(page_writer *w, uint32_t id) {
    for (uint32_t c = node(w, id)->first; c; c = node(w, c)->next) {
        const hnode *cn = node(w, c);
        if (cn->kind == HNODE_TEXT) {
            write_text_node(w, cn);
        } else if (is_shown_element(cn)) {
            /* a paragraph or break between two Latin words or numbers
             * keeps them apart; between Chinese characters it joins */
            if (is_block(cn) || cn->name == HNAME_BR) w->break_pending = true;
            write_cell_text(w, c);
            if (is_block(cn)) w->break_pending = true;
        }
    }
}

static void write_node(page_writer *w, uint32_t id);

static void write_data_table(page_writer *w, const uint32_t *rows, size_t nrows) {
    end_line(w);
    nb_buf_add(&w->out, "\n", 1); /* a blank line before each table */
    for (size_t r = 0; r < nrows; r++) {
        bool first = true;
        for (uint32_t c = node(w, rows[r])->first; c; c = node(w, c)->next) {
            if (!is_cell(node(w, c)) || node(w, c)->hidden) continue;
            if (!first) nb_buf_add(&w->out, "\t", 1);
            first = false;
            w->space_pending = w->break_pending = false;
            write_cell_text(w, c);
        }
        w->space_pending = w->break_pending = false;
        nb_buf_add(&w->out, "\n", 1);
    }
}

static void write_table(page_writer *w, uint32_t table) {
    uint32_t *rows = NULL;
    size_t nrows = 0, cap = 0;
    collect_rows(w, table, &rows, &nrows, &cap);
    if (nrows && !is_layout_table(w, rows, nrows)) {
        /* a caption is the table's title line */
        for (uint32_t c = node(w, table)->first; c; c = node(w, c)->next)
            if (name_is(node(w, c), HNAME_CAPTION) && is_shown_element(node(w, c))) write_node(w, c);
        write_data_table(w, rows, nrows);
    } else {
        for (uint32_t c = node(w, table)->first; c; c = node(w, c)->next) write_node(w, c);
    }
    free(rows);
}

/* ---- the page ----------------------------------------------------------- */

static void write_node(page_writer *w, uint32_t id) {
    const hnode *n = node(w, id);
    if (n->kind == HNODE_TEXT) {
        write_text_node(w, n);
        return;
    }
    if (n->kind == HNODE_ELEMENT && !is_shown_element(n)) return;
    if (name_is(n, HNAME_TABLE)) {
        write_table(w, id);
        end_line(w);
        return;
    }
    if (name_is(n, HNAME_BR)) {
        w->space_pending = false;
        nb_buf_add(&w->out, "\n", 1);
        return;
    }
    bool block = is_block(n);
    if (block) end_line(w);
    for (uint32_t c = n->first; c; c = node(w, c)->next) write_node(w, c);
    if (block) end_line(w);
}

/* libxml2 sets up its parser's globals on first use; done once before
 * any parse, pages may be read on several threads at once (`check`). */
static void init_parser(void) { nb_libxml.xmlInitParser(); }

/* The page text of utf8[0..n); `page`, when given, is the text utf8
 * belongs to, freed as soon as the parser holds its own copy (a page
 * need not stand in memory three times over). */
static int page_to_text(const char *utf8, size_t n, nb_text *page, char **text, size_t *text_len,
                        nb_error *err) {
    *text = NULL;
    *text_len = 0;
    if (nb_libs_libxml(err) != 0) return -1;
    static pthread_once_t parser_ready = PTHREAD_ONCE_INIT;
    pthread_once(&parser_ready, init_parser);
    if (n > (size_t)0x7fffffff) {
        nb_error_set(err, EFBIG, _("the web page is too large to read"));
        return -1;
    }
    htree tree;
    if (nb_htree_parse(utf8, n, page, &tree, err) != 0) return -1;
    page_writer w = {.t = &tree};
    write_node(&w, 0);
    nb_htree_free(&tree);
    end_line(&w);
    nb_buf_add(&w.out, "", 0);
    *text = nb_buf_take(&w.out, text_len);
    if (!*text) {
        nb_error_set(err, ENOMEM, _("out of memory while reading the web page"));
        return -1;
    }
    return 0;
}

int nb_html_to_text(const char *utf8, size_t n, char **text, size_t *text_len, nb_error *err) {
    return page_to_text(utf8, n, NULL, text, text_len, err);
}

int nb_html_read(const char *raw, size_t n, nb_text *out, nb_error *err) {
    nb_text decoded;
    if (nb_text_decode(raw, n, &decoded, err) != 0) return -1;
    size_t invalid = decoded.invalid_count;
    char encoding[sizeof decoded.encoding];
    memcpy(encoding, decoded.encoding, sizeof encoding);
    bool had_bom = decoded.had_bom;
    char *text = NULL;
    size_t len = 0;
    int rc = page_to_text(decoded.utf8, decoded.len, &decoded, &text, &len, err);
    nb_text_free(&decoded); /* if the parser did not */
    if (rc != 0) return -1;
    bool has_text = false;
    for (size_t i = 0; i < len && !has_text; i++)
        has_text = text[i] != '\n' && text[i] != ' ' && text[i] != '\t';
    if (!has_text) {
        free(text);
        nb_error_set(err, EINVAL, _("the web page shows no text: save the page itself, "
                                    "not a frame or a redirect around it"));
        return -1;
    }
    rc = nb_text_decode(text, len, out, err);
    free(text);
    if (rc != 0) return -1;
    /* what the page's bytes were, not the UTF-8 handed on */
    memcpy(out->encoding, encoding, sizeof out->encoding);
    out->had_bom = had_bom;
    if (invalid && !out->invalid_count) {
        /* the page's undecodable bytes are U+FFFD in the text now: count
         * them as the page's and point at the first line showing one */
        const char *fffd = strstr(out->utf8, "\xEF\xBF\xBD");
        out->invalid_count = invalid;
        out->first_invalid_line = fffd ? nb_text_line_of(out, (size_t)(fffd - out->utf8)) + 1 : 1;
    }
    return 0;
}
