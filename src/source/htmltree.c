/* The web page as a small tree (see htmltree.h): libxml2's HTML parser
 * with SAX callbacks of our own that build it. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/encoding.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>

#include "htmltree.h"
#include "nianbao/libs.h"

/* libxml2 stops a page nested deeper than this (its own tree refuses the
 * element; the rest of the page is dropped). The same bound here keeps
 * html.c's walk, which recurses once per element, shallow. */
#define MAX_NESTING 256

static const char *const hnames[] = {
    [HNAME_SCRIPT] = "script",   [HNAME_STYLE] = "style",     [HNAME_HEAD] = "head",
    [HNAME_TITLE] = "title",     [HNAME_NOSCRIPT] = "noscript", [HNAME_TEMPLATE] = "template",
    [HNAME_IFRAME] = "iframe",   [HNAME_OBJECT] = "object",   [HNAME_SELECT] = "select",
    [HNAME_SVG] = "svg",         [HNAME_MATH] = "math",       [HNAME_BUTTON] = "button",
    [HNAME_INPUT] = "input",     [HNAME_TEXTAREA] = "textarea", [HNAME_MAP] = "map",
    [HNAME_AUDIO] = "audio",     [HNAME_VIDEO] = "video",     [HNAME_CANVAS] = "canvas",
    [HNAME_P] = "p",             [HNAME_DIV] = "div",         [HNAME_H1] = "h1",
    [HNAME_H2] = "h2",           [HNAME_H3] = "h3",           [HNAME_H4] = "h4",
    [HNAME_H5] = "h5",           [HNAME_H6] = "h6",           [HNAME_LI] = "li",
    [HNAME_UL] = "ul",           [HNAME_OL] = "ol",           [HNAME_DL] = "dl",
    [HNAME_DT] = "dt",           [HNAME_DD] = "dd",           [HNAME_SECTION] = "section",
    [HNAME_ARTICLE] = "article", [HNAME_HEADER] = "header",   [HNAME_FOOTER] = "footer",
    [HNAME_NAV] = "nav",         [HNAME_MAIN] = "main",       [HNAME_ASIDE] = "aside",
    [HNAME_BLOCKQUOTE] = "blockquote", [HNAME_PRE] = "pre",   [HNAME_ADDRESS] = "address",
    [HNAME_CENTER] = "center",   [HNAME_FORM] = "form",       [HNAME_FIELDSET] = "fieldset",
    [HNAME_HR] = "hr",           [HNAME_CAPTION] = "caption", [HNAME_FIGURE] = "figure",
    [HNAME_FIGCAPTION] = "figcaption", [HNAME_BODY] = "body", [HNAME_TABLE] = "table",
    [HNAME_TR] = "tr",           [HNAME_TD] = "td",           [HNAME_TH] = "th",
    [HNAME_TBODY] = "tbody",     [HNAME_THEAD] = "thead",     [HNAME_TFOOT] = "tfoot",
    [HNAME_BR] = "br",
};

/* The name an element goes by: Word's <o:p> is a p, as libxml2 (2.9)
 * names it after the first colon unless the name starts with one. */
static uint8_t name_of(const xmlChar *name) {
    const xmlChar *colon = name[0] != ':' ? (const xmlChar *)strchr((const char *)name, ':') : NULL;
    if (colon) name = colon + 1;
    for (size_t i = 1; i < sizeof hnames / sizeof hnames[0]; i++)
        if (nb_libxml.xmlStrcasecmp(name, (const xmlChar *)hnames[i]) == 0) return (uint8_t)i;
    return HNAME_OTHER;
}

/* The hidden attribute, or a style that hides the element (display:none,
 * visibility:hidden, looked for in its first 255 characters that are not
 * blanks). Word's mso-hide is not hiding in a browser and is ignored. */
static bool hides(const xmlChar **atts) {
    const xmlChar *style = NULL;
    for (size_t i = 0; atts && atts[i]; i += 2) {
        if (strcmp((const char *)atts[i], "hidden") == 0) return true;
        if (!style && strcmp((const char *)atts[i], "style") == 0) style = atts[i + 1];
    }
    if (!style) return false;
    char squeezed[256];
    size_t k = 0;
    for (const xmlChar *c = style; *c && k + 1 < sizeof squeezed; c++)
        if (*c != ' ' && *c != '\t' && *c != '\n' && *c != '\r')
            squeezed[k++] = (char)((*c >= 'A' && *c <= 'Z') ? *c + 32 : *c);
    squeezed[k] = '\0';
    return strstr(squeezed, "display:none") || strstr(squeezed, "visibility:hidden");
}

/* A new node, the last child of the innermost open element; 0 when
 * memory ran out (node 0 is the page, never a child). */
static uint32_t add_child(htree *t, hnode_kind kind) {
    if (t->oom || t->n >= UINT32_MAX || !nb_grow((void **)&t->v, &t->cap, t->n + 1, sizeof *t->v)) {
        t->oom = true;
        return 0;
    }
    uint32_t id = (uint32_t)t->n++;
    memset(&t->v[id], 0, sizeof t->v[id]);
    t->v[id].kind = (uint8_t)kind;
    struct hopen *top = &t->open[t->depth - 1];
    if (top->last)
        t->v[top->last].next = id;
    else
        t->v[top->node].first = id;
    top->last = id;
    return id;
}

static htree *tree_of(void *ctx) { return ((xmlParserCtxtPtr)ctx)->_private; }

static void on_start(void *ctx, const xmlChar *name, const xmlChar **atts) {
    htree *t = tree_of(ctx);
    if (t->oom) return;
    if (t->depth - 1 > MAX_NESTING) { /* the page is open too */
        nb_libxml.xmlStopParser(ctx);
        return;
    }
    if (!nb_grow((void **)&t->open, &t->depth_cap, t->depth + 1, sizeof *t->open)) {
        t->oom = true;
        return;
    }
    uint32_t id = add_child(t, HNODE_ELEMENT);
    if (!id) return;
    t->v[id].name = name_of(name);
    t->v[id].hidden = hides(atts);
    t->open[t->depth].node = id;
    t->open[t->depth].last = 0;
    t->depth++;
}

static void on_end(void *ctx, const xmlChar *name) {
    (void)name; /* the parser balances its events: the innermost is closed */
    htree *t = tree_of(ctx);
    if (t->depth > 1) t->depth--;
}

static void on_text(void *ctx, const xmlChar *s, int len) {
    htree *t = tree_of(ctx);
    /* text outside every element (a stray "<" before the first tag) has
     * no place in libxml2's tree either */
    if (t->oom || len <= 0 || t->depth == 1) return;
    if (t->text_len + (size_t)len >= UINT32_MAX ||
        !nb_grow((void **)&t->text, &t->text_cap, t->text_len + (size_t)len, 1)) {
        t->oom = true;
        return;
    }
    /* text after text joins it, as in libxml2's tree */
    uint32_t last = t->open[t->depth - 1].last;
    hnode *prev = last ? &t->v[last] : NULL;
    if (!prev || prev->kind != HNODE_TEXT || prev->text + prev->len != t->text_len) {
        uint32_t id = add_child(t, HNODE_TEXT);
        if (!id) return;
        t->v[id].text = (uint32_t)t->text_len;
        prev = &t->v[id];
    }
    memcpy(t->text + t->text_len, s, (size_t)len);
    t->text_len += (size_t)len;
    prev->len += (uint32_t)len;
}

/* libxml2 reports recoverable errors through a global handler; a saved
 * page is full of them (unknown tags such as o:p, unclosed cells) and
 * none is the reviewer's business. */
static void quiet_errors(void *ctx, const char *msg, ...) {
    (void)ctx;
    (void)msg;
}

void nb_htree_free(htree *t) {
    free(t->v);
    free(t->text);
    free(t->open);
    memset(t, 0, sizeof *t);
}

static int start_tree(htree *t) {
    memset(t, 0, sizeof *t);
    t->v = calloc(1, sizeof *t->v);
    t->open = calloc(16, sizeof *t->open);
    if (!t->v || !t->open) return -1;
    t->cap = t->n = 1; /* node 0: the page */
    t->depth_cap = 16;
    t->depth = 1;
    return 0;
}

int nb_htree_parse(const char *utf8, size_t n, nb_text *release, htree *t, nb_error *err) {
    if (start_tree(t) != 0) {
        nb_htree_free(t);
        nb_error_set(err, ENOMEM, _("out of memory while reading the web page"));
        return -1;
    }
    htmlParserCtxtPtr ctxt = nb_libxml.htmlCreateMemoryParserCtxt(utf8, (int)n);
    if (!ctxt) { /* no bytes, or no memory */
        nb_htree_free(t);
        nb_error_set(err, EINVAL, _("the web page cannot be read: save it again from the browser"));
        return -1;
    }
    if (release) nb_text_free(release);
    /* UTF-8 as it is, without a converted copy of the page */
    nb_libxml.xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
    memset(ctxt->sax, 0, sizeof *ctxt->sax);
    ctxt->sax->startElement = on_start;
    ctxt->sax->endElement = on_end;
    ctxt->sax->characters = on_text;
    ctxt->sax->cdataBlock = on_text;
    ctxt->_private = t;
    ctxt->userData = ctxt;
    nb_libxml.xmlSetGenericErrorFunc(NULL, quiet_errors);
    nb_libxml.htmlCtxtUseOptions(ctxt, HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
                                           HTML_PARSE_NONET | HTML_PARSE_IGNORE_ENC);
    nb_libxml.htmlParseDocument(ctxt);
    if (ctxt->myDoc) nb_libxml.xmlFreeDoc(ctxt->myDoc);
    nb_libxml.htmlFreeParserCtxt(ctxt);
    free(t->open);
    t->open = NULL;
    if (t->oom) {
        nb_htree_free(t);
        nb_error_set(err, ENOMEM, _("out of memory while reading the web page"));
        return -1;
    }
    return 0;
}
