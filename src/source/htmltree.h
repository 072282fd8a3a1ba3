/* A web page as a small tree (htmltree.c), for html.c to write as text.
 * libxml2's own tree costs about 120 bytes an element and as much again
 * a text node: a 10 MB page took 200 MB. This one is built from the
 * parser's SAX events, 16 bytes a node with the text of all text nodes
 * in one buffer; the parser closes tags the same way for both, so the
 * tree has the same shape as libxml2's. Only what the writer asks is
 * kept: element names it knows, whether an element is hidden, text. */
#ifndef NIANBAO_HTMLTREE_H
#define NIANBAO_HTMLTREE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "nianbao/common.h"
#include "nianbao/text.h"

typedef enum hnode_kind { HNODE_PAGE, HNODE_ELEMENT, HNODE_TEXT } hnode_kind;

/* Element names the writer asks about; any other is HNAME_OTHER. */
typedef enum hname {
    HNAME_OTHER = 0,
    /* not shown as page text */
    HNAME_SCRIPT, HNAME_STYLE, HNAME_HEAD, HNAME_TITLE, HNAME_NOSCRIPT, HNAME_TEMPLATE,
    HNAME_IFRAME, HNAME_OBJECT, HNAME_SELECT, HNAME_SVG, HNAME_MATH, HNAME_BUTTON, HNAME_INPUT,
    HNAME_TEXTAREA, HNAME_MAP, HNAME_AUDIO, HNAME_VIDEO, HNAME_CANVAS,
    /* blocks: each starts and ends a line */
    HNAME_P, HNAME_DIV, HNAME_H1, HNAME_H2, HNAME_H3, HNAME_H4, HNAME_H5, HNAME_H6, HNAME_LI,
    HNAME_UL, HNAME_OL, HNAME_DL, HNAME_DT, HNAME_DD, HNAME_SECTION, HNAME_ARTICLE, HNAME_HEADER,
    HNAME_FOOTER, HNAME_NAV, HNAME_MAIN, HNAME_ASIDE, HNAME_BLOCKQUOTE, HNAME_PRE, HNAME_ADDRESS,
    HNAME_CENTER, HNAME_FORM, HNAME_FIELDSET, HNAME_HR, HNAME_CAPTION, HNAME_FIGURE,
    HNAME_FIGCAPTION, HNAME_BODY, HNAME_TABLE, HNAME_TR, HNAME_TD, HNAME_TH, HNAME_TBODY,
    HNAME_THEAD, HNAME_TFOOT,
    /* neither */
    HNAME_BR,
} hname;
#define HNAME_FIRST_UNSHOWN HNAME_SCRIPT
#define HNAME_LAST_UNSHOWN HNAME_CANVAS
#define HNAME_FIRST_BLOCK HNAME_P
#define HNAME_LAST_BLOCK HNAME_TFOOT

typedef struct hnode {
    uint32_t next; /* next sibling; 0: none (node 0 is the page) */
    union {
        uint32_t first; /* elements and the page: first child, 0: none */
        uint32_t text;  /* text nodes: where their bytes start in htree.text */
    };
    uint32_t len;  /* text nodes: how many bytes */
    uint8_t kind;  /* hnode_kind */
    uint8_t name;  /* elements: hname */
    bool hidden;   /* elements: the hidden attribute, or a style that hides it */
} hnode;

typedef struct htree {
    hnode *v;
    size_t n, cap;
    char *text;
    size_t text_len, text_cap;
    /* while building: the open elements, the page first, each with its
     * last child so far */
    struct hopen {
        uint32_t node, last;
    } *open;
    size_t depth, depth_cap;
    bool oom;
} htree;

/* Parse `n` bytes of UTF-8 (the page's own charset label is ignored)
 * into `t`; `release`, when not NULL, is freed (nb_text_free) as soon as
 * the parser has its own copy of the bytes. Returns 0, or -1 with err. */
int nb_htree_parse(const char *utf8, size_t n, nb_text *release, htree *t, nb_error *err);
void nb_htree_free(htree *t);

#endif
