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

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>

#include "nianbao/buf.h"
#include "nianbao/html.h"
#include "nianbao/utf8.h"
#include "nianbao/libs.h"

/* libxml2 stops nesting at 256 elements by default; the walk below
 * recurses once per element, so its depth is bounded by the parser's. */

typedef struct page_writer {
    nb_buf out;
    bool space_pending; /* white space seen since the last character written */
    bool break_pending; /* a paragraph or line break inside a table cell */
} page_writer;

static bool name_is(const xmlNode *n, const char *name) {
    return n->type == XML_ELEMENT_NODE && n->name && !nb_libxml.xmlStrcasecmp(n->name, (const xmlChar *)name);
}

static bool name_in(const xmlNode *n, const char *const *names) {
    for (; *names; names++)
        if (name_is(n, *names)) return true;
    return false;
}

/* Elements whose content a browser does not show as page text. */
static const char *const unshown[] = {"script", "style",  "head",   "title", "noscript", "template",
                                      "iframe", "object", "select", "svg",   "math",     "button",
                                      "input",  "textarea", "map",  "audio", "video",    "canvas",
                                      NULL};

/* Elements that start and end a line of text. */
static const char *const blocks[] = {
    "p",          "div",     "h1",     "h2",      "h3",     "h4",     "h5",       "h6",
    "li",         "ul",      "ol",     "dl",      "dt",     "dd",     "section",  "article",
    "header",     "footer",  "nav",    "main",    "aside",  "blockquote", "pre", "address",
    "center",     "form",    "fieldset", "hr",    "caption", "figure", "figcaption", "body",
    "table",      "tr",      "td",     "th",      "tbody",  "thead",  "tfoot",    NULL};

/* A style attribute that hides the element (display:none,
 * visibility:hidden), or the hidden attribute. Word's mso-hide is not
 * hiding in a browser and is ignored. */
static bool is_hidden(const xmlNode *n) {
    if (nb_libxml.xmlHasProp(n, (const xmlChar *)"hidden")) return true;
    xmlChar *style = nb_libxml.xmlGetProp(n, (const xmlChar *)"style");
    if (!style) return false;
    char squeezed[256];
    size_t k = 0;
    for (const xmlChar *c = style; *c && k + 1 < sizeof squeezed; c++)
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
            squeezed[k++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
    squeezed[k] = '\0';
    (*nb_libxml.free_string)(style);
    return strstr(squeezed, "display:none") || strstr(squeezed, "visibility:hidden");
}

static bool is_shown_element(const xmlNode *n) {
    return n->type == XML_ELEMENT_NODE && !name_in(n, unshown) && !is_hidden(n);
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

/* End the current line (once: empty lines are not multiplied). */
static void end_line(page_writer *w) {
    w->space_pending = w->break_pending = false;
    char last = nb_buf_last(&w->out);
    if (last && last != '\n') nb_buf_add(&w->out, "\n", 1);
}

/* ---- tables ------------------------------------------------------------- */

/* The rows of a table, in order: its own tr elements, directly or in
 * thead/tbody/tfoot, never those of a table nested in a cell. */
static void collect_rows(xmlNode *parent, xmlNode ***rows, size_t *n, size_t *cap) {
    for (xmlNode *c = parent->children; c; c = c->next) {
        if (!is_shown_element(c)) continue;
        if (name_is(c, "tr")) {
            if (*n == *cap) {
                size_t grown_cap = *cap ? *cap * 2 : 32;
                xmlNode **grown = realloc(*rows, grown_cap * sizeof *grown);
                if (!grown) return;
                *rows = grown;
                *cap = grown_cap;
            }
            (*rows)[(*n)++] = c;
        } else if (name_is(c, "thead") || name_is(c, "tbody") || name_is(c, "tfoot")) {
            collect_rows(c, rows, n, cap);
        }
    }
}

static bool is_cell(const xmlNode *n) { return name_is(n, "td") || name_is(n, "th"); }

static bool contains_table(const xmlNode *n) {
    for (const xmlNode *c = n->children; c; c = c->next)
        if (c->type == XML_ELEMENT_NODE && (name_is(c, "table") || contains_table(c))) return true;
    return false;
}

/* More text than any cell of the report's tables holds (the longest row
 * label is under 40 characters): a cell this long holds an article. */
#define ARTICLE_CELL_BYTES 400

static bool holds_article(xmlNode *cell) {
    xmlChar *text = nb_libxml.xmlNodeGetContent(cell);
    bool long_text = text && strlen((const char *)text) > ARTICLE_CELL_BYTES;
    (*nb_libxml.free_string)(text);
    return long_text;
}

/* A table that lays out the page (a cell holds another table, or a whole
 * article) rather than holding data: its cells are read as blocks, line
 * by line, not as one row of values. */
static bool is_layout_table(xmlNode **rows, size_t nrows) {
    for (size_t r = 0; r < nrows; r++)
        for (xmlNode *c = rows[r]->children; c; c = c->next)
            if (is_cell(c) && (contains_table(c) || holds_article(c))) return true;
    return false;
}

/* A cell's text on one line: its paragraphs and line breaks joined
 * (Word exports put a label's characters in separate paragraphs, and a
 * header cell's line breaks are layout, not content). */
static void write_cell_text(page_writer *w, xmlNode *n) {
    for (xmlNode *c = n->children; c; c = c->next) {
        if (c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) {
            if (c->content) write_text(w, (const char *)c->content, strlen((const char *)c->content));
        } else if (is_shown_element(c)) {
            /* a paragraph or break between two Latin words or numbers
             * keeps them apart; between Chinese characters it joins */
            if (name_in(c, blocks) || name_is(c, "br")) w->break_pending = true;
            write_cell_text(w, c);
            if (name_in(c, blocks)) w->break_pending = true;
        }
    }
}

static void write_node(page_writer *w, xmlNode *n);

static void write_data_table(page_writer *w, xmlNode **rows, size_t nrows) {
    end_line(w);
    nb_buf_add(&w->out, "\n", 1); /* a blank line before each table */
    for (size_t r = 0; r < nrows; r++) {
        bool first = true;
        for (xmlNode *c = rows[r]->children; c; c = c->next) {
            if (!is_cell(c) || is_hidden(c)) continue;
            if (!first) nb_buf_add(&w->out, "\t", 1);
            first = false;
            w->space_pending = w->break_pending = false;
            write_cell_text(w, c);
        }
        w->space_pending = w->break_pending = false;
        nb_buf_add(&w->out, "\n", 1);
    }
}

static void write_table(page_writer *w, xmlNode *table) {
    xmlNode **rows = NULL;
    size_t nrows = 0, cap = 0;
    collect_rows(table, &rows, &nrows, &cap);
    if (nrows && !is_layout_table(rows, nrows)) {
        /* a caption is the table's title line */
        for (xmlNode *c = table->children; c; c = c->next)
            if (name_is(c, "caption") && is_shown_element(c)) write_node(w, c);
        write_data_table(w, rows, nrows);
    } else {
        for (xmlNode *c = table->children; c; c = c->next) write_node(w, c);
    }
    free(rows);
}

/* ---- the page ----------------------------------------------------------- */

static void write_children(page_writer *w, xmlNode *n) {
    for (xmlNode *c = n->children; c; c = c->next) write_node(w, c);
}

static void write_node(page_writer *w, xmlNode *n) {
    if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
        if (n->content) write_text(w, (const char *)n->content, strlen((const char *)n->content));
        return;
    }
    if (n->type != XML_ELEMENT_NODE && n->type != XML_HTML_DOCUMENT_NODE) return;
    if (n->type == XML_ELEMENT_NODE && !is_shown_element(n)) return;
    if (name_is(n, "table")) {
        write_table(w, n);
        end_line(w);
        return;
    }
    if (name_is(n, "br")) {
        w->space_pending = false;
        nb_buf_add(&w->out, "\n", 1);
        return;
    }
    bool block = name_in(n, blocks);
    if (block) end_line(w);
    write_children(w, n);
    if (block) end_line(w);
}

/* libxml2 reports recoverable errors through a global handler; a saved
 * page is full of them (unknown tags such as o:p, unclosed cells) and
 * none is the reviewer's business. */
static void quiet_errors(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

/* libxml2 sets up its parser's globals on first use; done once before
 * any parse, pages may be read on several threads at once (`check`). */
static void init_parser(void) { nb_libxml.xmlInitParser(); }

int nb_html_to_text(const char *utf8, size_t n, char **text, size_t *text_len, nb_error *err) {
    *text = NULL;
    *text_len = 0;
    if (nb_libs_libxml(err) != 0) return -1;
    static pthread_once_t parser_ready = PTHREAD_ONCE_INIT;
    pthread_once(&parser_ready, init_parser);
    if (n > (size_t)0x7fffffff) {
        nb_error_set(err, EFBIG, _("the web page is too large to read"));
        return -1;
    }
    nb_libxml.xmlSetGenericErrorFunc(NULL, quiet_errors);
    htmlDocPtr doc = nb_libxml.htmlReadMemory(utf8, (int)n, NULL, "UTF-8",
                                    HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                        HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    if (!doc) {
        nb_error_set(err, EINVAL, _("the web page cannot be read: save it again from the browser"));
        return -1;
    }
    page_writer w = {0};
    write_node(&w, (xmlNode *)doc);
    nb_libxml.xmlFreeDoc(doc);
    end_line(&w);
    nb_buf_add(&w.out, "", 0);
    *text = nb_buf_take(&w.out, text_len);
    if (!*text) {
        nb_error_set(err, ENOMEM, _("out of memory while reading the web page"));
        return -1;
    }
    return 0;
}

int nb_html_read(const char *raw, size_t n, nb_text *out, nb_error *err) {
    nb_text decoded;
    if (nb_text_decode(raw, n, &decoded, err) != 0) return -1;
    char *text = NULL;
    size_t len = 0;
    int rc = nb_html_to_text(decoded.utf8, decoded.len, &text, &len, err);
    size_t invalid = decoded.invalid_count;
    char encoding[sizeof decoded.encoding];
    memcpy(encoding, decoded.encoding, sizeof encoding);
    bool had_bom = decoded.had_bom;
    nb_text_free(&decoded);
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
