/* The safe YAML reader (see yamlread.h). libyaml 0.2.5 has no nesting
 * limit and gets quadratic on deep nesting, accepts duplicate keys and
 * expands aliases (billion laughs): this reader drives its event API
 * itself, counts depth and events, and refuses those constructs before
 * they cost anything. No recursion: the open containers live on an
 * explicit stack of at most NB_YAML_MAX_DEPTH frames. One list may be
 * streamed (yamlread.h): its items are built on the same stack, under
 * the same limits, but handed over and freed instead of attached. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <yaml.h>

#include "nianbao/yamlread.h"

typedef struct frame {
    nb_ynode *node;
    nb_ynode *pending_key; /* maps: a key waiting for its value */
} frame;

typedef struct builder {
    frame stack[NB_YAML_MAX_DEPTH + 1];
    int depth;
    nb_ynode *root;
    nb_error *err;
    bool explicit_end;
    const nb_yaml_stream *stream; /* NULL: none */
    int stream_depth; /* while the streamed list is open, the depth its items are attached at; else 0 */
    nb_ynode *item;   /* the streamed list's item being built: in no tree, so the builder frees it */
    /* Events whose nodes are held, in the tree or in the item being
     * built: NB_YAML_MAX_EVENTS bounds these, so that the tree stays
     * small. A streamed item's events stop counting once it is handed
     * over, and a long streamed list is bounded by the file size only. */
    long held;
    long held_before_item;
} builder;

void nb_ynode_free(nb_ynode *n) {
    if (!n) return;
    /* Iterative over siblings would not bound depth either; depth is
     * bounded by the parser to NB_YAML_MAX_DEPTH, so recursion is safe. */
    if (n->kind == NB_YMAP) {
        for (int i = 0; i < n->count; i++) {
            nb_ynode_free(n->pairs[i].key);
            nb_ynode_free(n->pairs[i].value);
        }
        free(n->pairs);
    } else if (n->kind == NB_YSEQ) {
        for (int i = 0; i < n->count; i++) nb_ynode_free(n->items[i]);
        free(n->items);
    }
    free(n->text);
    free(n);
}

static nb_ynode *new_node(nb_ynode_kind kind, yaml_mark_t mark) {
    nb_ynode *n = calloc(1, sizeof *n);
    if (!n) return NULL;
    n->kind = kind;
    n->line = (int)mark.line + 1; /* libyaml marks are 0-based */
    n->column = (int)mark.column + 1;
    return n;
}

static int fail_at(builder *b, int line, int column, const char *msg) {
    if (!b->err) return -1;
    nb_error_set(b->err, EINVAL, "%s", msg);
    b->err->line = line;
    b->err->column = column;
    return -1;
}

/* An item of the streamed list: a scalar is handed over at once, a map
 * or list once it closes (close_container). */
static void stream_item(builder *b, nb_ynode *n) {
    if (n->kind != NB_YSCALAR) {
        b->item = n;
        b->held_before_item = b->held - 1;
        return;
    }
    b->stream->item(b->stream->ctx, n);
    nb_ynode_free(n);
    b->held--;
}

/* Attach a finished or newly opened node to the container on top. */
static int attach(builder *b, nb_ynode *n) {
    if (b->stream_depth && b->depth == b->stream_depth) {
        stream_item(b, n);
        return 0;
    }
    if (b->depth == 0) {
        if (b->root) {
            nb_ynode_free(n);
            return fail_at(b, n->line, n->column, _("more than one top-level value"));
        }
        b->root = n;
        return 0;
    }
    frame *top = &b->stack[b->depth - 1];
    nb_ynode *p = top->node;
    if (p->kind == NB_YMAP && !top->pending_key) {
        if (n->kind != NB_YSCALAR) {
            int line = n->line, col = n->column;
            nb_ynode_free(n);
            return fail_at(b, line, col, _("a map or list cannot be a key"));
        }
        top->pending_key = n;
        return 0;
    }
    if (p->count == p->cap) {
        int ncap = p->cap ? p->cap * 2 : 8;
        void *grown = p->kind == NB_YMAP ? realloc(p->pairs, (size_t)ncap * sizeof *p->pairs)
                                         : realloc(p->items, (size_t)ncap * sizeof *p->items);
        if (!grown) {
            nb_ynode_free(n);
            return fail_at(b, p->line, p->column, _("out of memory"));
        }
        if (p->kind == NB_YMAP)
            p->pairs = grown;
        else
            p->items = grown;
        p->cap = ncap;
    }
    if (p->kind == NB_YMAP) {
        p->pairs[p->count].key = top->pending_key;
        p->pairs[p->count].value = n;
        top->pending_key = NULL;
    } else {
        p->items[p->count] = n;
    }
    p->count++;
    return 0;
}

static int cmp_pair_keys(const void *a, const void *b) {
    const nb_ynode *x = (*(const nb_ypair *const *)a)->key;
    const nb_ynode *y = (*(const nb_ypair *const *)b)->key;
    size_t n = x->len < y->len ? x->len : y->len;
    int c = memcmp(x->text, y->text, n);
    if (c) return c;
    if (x->len != y->len) return x->len < y->len ? -1 : 1;
    /* Equal keys: order by position so the later one is reported. */
    return x->line != y->line ? (x->line < y->line ? -1 : 1) : (x->column < y->column ? -1 : 1);
}

/* libyaml accepts `a: 1` twice in one map; a reader must not silently
 * take one of them. Sorting keeps this O(n log n) for huge maps. */
static int check_duplicates(builder *b, const nb_ynode *map) {
    if (map->count < 2) return 0;
    const nb_ypair **sorted = malloc((size_t)map->count * sizeof *sorted);
    if (!sorted) return fail_at(b, map->line, map->column, _("out of memory"));
    for (int i = 0; i < map->count; i++) sorted[i] = &map->pairs[i];
    qsort(sorted, (size_t)map->count, sizeof *sorted, cmp_pair_keys);
    for (int i = 1; i < map->count; i++) {
        const nb_ynode *x = sorted[i - 1]->key, *y = sorted[i]->key;
        if (x->len == y->len && memcmp(x->text, y->text, x->len) == 0) {
            char msg[256];
            snprintf(msg, sizeof msg, _("duplicate key \"%.80s\" (first at line %d)"), y->text,
                     x->line);
            free(sorted);
            return fail_at(b, y->line, y->column, msg);
        }
    }
    free(sorted);
    return 0;
}

static int refuse_decorations(builder *b, const yaml_event_t *ev, const unsigned char *anchor,
                              const unsigned char *tag) {
    if (anchor)
        return fail_at(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
                       _("anchors (&name) are not allowed in a review file"));
    if (tag) /* libyaml sets a tag only when one is written */
        return fail_at(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
                       _("explicit tags (!tag) are not allowed in a review file"));
    return 0;
}

static bool same_text(const nb_ynode *n, const char *s) {
    return n && n->len == strlen(s) && memcmp(n->text, s, n->len) == 0;
}

/* Whether a list opening now is the one to stream: the value of the last
 * key of the path, in maps reached from the top by the keys before it
 * (an open map's last pair holds the map or list opened under it). */
static bool wants_stream(const builder *b) {
    if (!b->stream || b->stream_depth) return false;
    int i = 0;
    for (const char *const *path = b->stream->path; path[i]; i++) {
        if (i >= b->depth) return false;
        const frame *f = &b->stack[i];
        if (f->node->kind != NB_YMAP) return false;
        const nb_ynode *key = f->pending_key;
        if (i + 1 < b->depth) key = f->node->count ? f->node->pairs[f->node->count - 1].key : NULL;
        if (!same_text(key, path[i])) return false;
    }
    return i > 0 && i == b->depth;
}

static int open_container(builder *b, const yaml_event_t *ev) {
    bool is_map = ev->type == YAML_MAPPING_START_EVENT;
    const unsigned char *anchor = is_map ? ev->data.mapping_start.anchor : ev->data.sequence_start.anchor;
    const unsigned char *tag = is_map ? ev->data.mapping_start.tag : ev->data.sequence_start.tag;
    if (refuse_decorations(b, ev, anchor, tag) != 0) return -1;
    if (b->depth >= NB_YAML_MAX_DEPTH) {
        char msg[128];
        snprintf(msg, sizeof msg, _("nested deeper than %d levels"), NB_YAML_MAX_DEPTH);
        return fail_at(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1, msg);
    }
    bool streamed = !is_map && wants_stream(b);
    nb_ynode *n = new_node(is_map ? NB_YMAP : NB_YSEQ, ev->start_mark);
    if (!n) return fail_at(b, 0, 0, _("out of memory"));
    if (attach(b, n) != 0) return -1;
    b->stack[b->depth].node = n;
    b->stack[b->depth].pending_key = NULL;
    b->depth++;
    if (streamed) {
        n->streamed = true;
        b->stream_depth = b->depth;
    }
    return 0;
}

static int close_container(builder *b) {
    if (b->depth == 0) return fail_at(b, 0, 0, _("unbalanced YAML events"));
    frame *top = &b->stack[b->depth - 1];
    if (top->pending_key) { /* cannot happen with a conforming parser */
        nb_ynode_free(top->pending_key);
        top->pending_key = NULL;
    }
    b->depth--;
    if (top->node->kind == NB_YMAP && check_duplicates(b, top->node) != 0) return -1;
    if (top->node == b->item) {
        b->item = NULL;
        b->stream->item(b->stream->ctx, top->node);
        nb_ynode_free(top->node);
        b->held = b->held_before_item;
    } else if (top->node->streamed) {
        b->stream_depth = 0;
    }
    return 0;
}

static int handle_event(builder *b, const yaml_event_t *ev, int *documents) {
    switch (ev->type) {
    case YAML_DOCUMENT_END_EVENT:
        b->explicit_end = !ev->data.document_end.implicit;
        return 0;
    case YAML_STREAM_START_EVENT:
    case YAML_STREAM_END_EVENT:
    case YAML_NO_EVENT:
        return 0;
    case YAML_DOCUMENT_START_EVENT:
        if (++*documents > 1)
            return fail_at(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
                           _("more than one YAML document in the file"));
        return 0;
    case YAML_ALIAS_EVENT:
        return fail_at(b, (int)ev->start_mark.line + 1, (int)ev->start_mark.column + 1,
                       _("aliases (*name) are not allowed in a review file"));
    case YAML_SCALAR_EVENT: {
        if (refuse_decorations(b, ev, ev->data.scalar.anchor, ev->data.scalar.tag) != 0) return -1;
        nb_ynode *n = new_node(NB_YSCALAR, ev->start_mark);
        if (!n) return fail_at(b, 0, 0, _("out of memory"));
        n->len = ev->data.scalar.length;
        n->text = malloc(n->len + 1);
        if (!n->text) {
            free(n);
            return fail_at(b, 0, 0, _("out of memory"));
        }
        memcpy(n->text, ev->data.scalar.value, n->len);
        n->text[n->len] = '\0';
        n->plain = ev->data.scalar.style == YAML_PLAIN_SCALAR_STYLE;
        n->block = ev->data.scalar.style == YAML_LITERAL_SCALAR_STYLE ||
                   ev->data.scalar.style == YAML_FOLDED_SCALAR_STYLE;
        return attach(b, n);
    }
    case YAML_SEQUENCE_START_EVENT:
    case YAML_MAPPING_START_EVENT:
        return open_container(b, ev);
    case YAML_SEQUENCE_END_EVENT:
    case YAML_MAPPING_END_EVENT:
        return close_container(b);
    }
    return 0;
}

int nb_yaml_parse_tree(const char *buf, size_t len, nb_ynode **root, nb_error *err) {
    bool ended;
    return nb_yaml_parse_tree_ended(buf, len, root, &ended, err);
}

int nb_yaml_parse_tree_ended(const char *buf, size_t len, nb_ynode **root, bool *explicit_end,
                             nb_error *err) {
    return nb_yaml_parse_tree_streamed(buf, len, NULL, root, explicit_end, err);
}

/* libyaml refused the input: say why, and where when it knows. */
static void parser_failed(builder *b, const yaml_parser_t *parser) {
    if (parser->error == YAML_READER_ERROR) {
        char msg[256];
        snprintf(msg, sizeof msg, _("not valid text at byte %zu: %s"), parser->problem_offset,
                 parser->problem ? parser->problem : "?");
        fail_at(b, 0, 0, msg);
    } else if (parser->error == YAML_MEMORY_ERROR) {
        fail_at(b, 0, 0, _("out of memory"));
    } else {
        char msg[300];
        if (parser->context)
            snprintf(msg, sizeof msg, _("malformed YAML: %s %s"), parser->context,
                     parser->problem ? parser->problem : "");
        else
            snprintf(msg, sizeof msg, _("malformed YAML: %s"), parser->problem ? parser->problem : "?");
        fail_at(b, (int)parser->problem_mark.line + 1, (int)parser->problem_mark.column + 1, msg);
    }
}

int nb_yaml_parse_tree_streamed(const char *buf, size_t len, const nb_yaml_stream *stream,
                                nb_ynode **root, bool *explicit_end, nb_error *err) {
    *root = NULL;
    *explicit_end = false;
    nb_error_clear(err);
    if (len > NB_YAML_MAX_BYTES) {
        nb_error_set(err, EFBIG, _("the file is larger than %zu bytes; a review file never is"),
                     NB_YAML_MAX_BYTES);
        return -1;
    }
    yaml_parser_t parser;
    if (!yaml_parser_initialize(&parser)) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    yaml_parser_set_input_string(&parser, (const unsigned char *)buf, len);
    builder b;
    memset(&b, 0, sizeof b);
    b.err = err;
    b.stream = stream && stream->path && stream->item ? stream : NULL;
    int documents = 0;
    int rc = 0;
    for (;;) {
        yaml_event_t ev;
        if (!yaml_parser_parse(&parser, &ev)) {
            parser_failed(&b, &parser);
            rc = -1;
            break;
        }
        if (++b.held > NB_YAML_MAX_EVENTS) {
            char msg[128];
            snprintf(msg, sizeof msg, _("more than %d YAML events; a review file never has that many"),
                     NB_YAML_MAX_EVENTS);
            fail_at(&b, (int)ev.start_mark.line + 1, (int)ev.start_mark.column + 1, msg);
            yaml_event_delete(&ev);
            rc = -1;
            break;
        }
        bool end = ev.type == YAML_STREAM_END_EVENT;
        rc = handle_event(&b, &ev, &documents);
        yaml_event_delete(&ev);
        if (rc != 0 || end) break;
    }
    yaml_parser_delete(&parser);
    /* On failure the partial tree hangs from the root (every opened
     * container was attached first), except a dangling key and a
     * streamed item being built. */
    for (int i = 0; i < b.depth; i++) nb_ynode_free(b.stack[i].pending_key);
    nb_ynode_free(b.item);
    if (rc != 0) {
        nb_ynode_free(b.root);
        return -1;
    }
    if (!b.root) {
        nb_error_set(err, EINVAL, _("the file is empty"));
        return -1;
    }
    *explicit_end = b.explicit_end;
    *root = b.root;
    return 0;
}

const nb_ynode *nb_ynode_get(const nb_ynode *map, const char *key) {
    if (!map || map->kind != NB_YMAP) return NULL;
    size_t kl = strlen(key);
    for (int i = 0; i < map->count; i++) {
        const nb_ynode *k = map->pairs[i].key;
        if (k->len == kl && memcmp(k->text, key, kl) == 0) return map->pairs[i].value;
    }
    return NULL;
}

bool nb_ynode_is_null(const nb_ynode *n) {
    if (!n || n->kind != NB_YSCALAR || !n->plain) return false;
    return n->len == 0 || strcmp(n->text, "null") == 0 || strcmp(n->text, "~") == 0 ||
           strcmp(n->text, "Null") == 0 || strcmp(n->text, "NULL") == 0;
}

bool nb_ynode_is(const nb_ynode *n, const char *s) {
    return n && n->kind == NB_YSCALAR && n->len == strlen(s) && memcmp(n->text, s, n->len) == 0;
}

const char *nb_ynode_kind_name(const nb_ynode *n) {
    if (!n) return _("nothing");
    switch (n->kind) {
    case NB_YMAP: return _("a map");
    case NB_YSEQ: return _("a list");
    default: return nb_ynode_is_null(n) ? _("null") : _("a single value");
    }
}
