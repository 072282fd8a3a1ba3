/* A safe reader for YAML that someone else may have written: libyaml's
 * event API only, into a small tree of maps, sequences and scalars, with
 * bounds on size, nesting and event count, and refusing what a review
 * file never needs (aliases, anchors, explicit tags, several documents,
 * duplicate keys). Every node keeps its 1-based line and column so that
 * a message can say where the file is wrong. */
#ifndef NIANBAO_YAMLREAD_H
#define NIANBAO_YAMLREAD_H

#include "nianbao/common.h"

/* As large as a report may be. A review file read within it is written
 * back well within it (a file grows at most about four times when nianbao
 * rewrites it, and one of 16 MiB of statuses has about 300,000), so a
 * loaded review can always be saved and loaded again; the writer refuses
 * to save one over it rather than leave a file that cannot be read. */
#define NB_YAML_MAX_BYTES ((size_t)64 * 1024 * 1024)
#define NB_YAML_MAX_DEPTH 64
#define NB_YAML_MAX_EVENTS 2000000

typedef enum nb_ynode_kind { NB_YSCALAR, NB_YMAP, NB_YSEQ } nb_ynode_kind;

typedef struct nb_ynode nb_ynode;

typedef struct nb_ypair {
    nb_ynode *key; /* always a scalar */
    nb_ynode *value;
} nb_ypair;

struct nb_ynode {
    nb_ynode_kind kind;
    int line, column;  /* 1-based */
    /* scalars */
    char *text;        /* NUL-terminated; may hold NULs and control characters */
    size_t len;
    bool plain;        /* written without quotes: `null`, `~`, numbers */
    bool block;        /* written as a literal or folded block */
    /* sequences: the items went one by one to a stream (nb_yaml_stream)
     * and are not here; count is 0 */
    bool streamed;
    /* maps (pairs) and sequences (items) */
    nb_ypair *pairs;
    nb_ynode **items;
    int count, cap;
};

/* Parse `len` bytes. Returns 0 and a tree (free with nb_ynode_free), or
 * -1 with `err` giving the line and column of the problem. */
int nb_yaml_parse_tree(const char *buf, size_t len, nb_ynode **root, nb_error *err);
/* The same, also telling whether the document ends with an explicit `...`
 * marker, which review files carry so that a file cut short at a line
 * boundary is not taken for a complete one. */
int nb_yaml_parse_tree_ended(const char *buf, size_t len, nb_ynode **root, bool *explicit_end,
                             nb_error *err);

/* One long list read item by item rather than held whole (a review's
 * statuses: a hundred thousand small maps would cost many times the
 * file as a tree). The sequence at `path` (keys from the top-level map
 * down, NULL-terminated, such as {"review", "statuses", NULL}) stays in
 * the tree empty with `streamed` set; each of its items, complete and
 * checked as any node is (depth, duplicate keys, no aliases...), goes to
 * `item` and is freed when it returns. A later part of the file may
 * still fail the parse: `item` keeps what it takes until the parse
 * returns, and then the caller decides what to report (its own errors
 * about an item are best kept for the order it reports in). */
typedef void (*nb_yaml_item_fn)(void *ctx, const nb_ynode *item);
typedef struct nb_yaml_stream {
    const char *const *path;
    nb_yaml_item_fn item;
    void *ctx;
} nb_yaml_stream;
/* nb_yaml_parse_tree_ended with `stream` (NULL: as that function). */
int nb_yaml_parse_tree_streamed(const char *buf, size_t len, const nb_yaml_stream *stream,
                                nb_ynode **root, bool *explicit_end, nb_error *err);
void nb_ynode_free(nb_ynode *n);

/* Value of `key` in a map, or NULL when absent (or `map` is not a map). */
const nb_ynode *nb_ynode_get(const nb_ynode *map, const char *key);
/* A plain `null`, `~` or empty scalar. */
bool nb_ynode_is_null(const nb_ynode *n);
/* Scalar equal to `s`. */
bool nb_ynode_is(const nb_ynode *n, const char *s);
/* Name of the kind, for messages: "a map", "a list", "text". */
const char *nb_ynode_kind_name(const nb_ynode *n);

#endif
