/* A hash index from string keys to positions in an array its owner keeps
 * (review statuses, a review file's statuses): look-ups and additions in
 * constant time, so reading or editing a review with a hundred thousand
 * statuses stays linear. The index holds positions only; the owner's
 * array may move (realloc) freely, and the key of position i is asked of
 * the owner through `key_at`. */
#ifndef NIANBAO_KEYINDEX_H
#define NIANBAO_KEYINDEX_H

#include <stddef.h>

typedef const char *(*nb_key_at)(const void *items, int i);

typedef struct nb_keyindex {
    int *slot;  /* position + 1, 0 for an empty slot; cap is a power of two */
    size_t cap;
    size_t n;
} nb_keyindex;

/* The position of `key` among items, or -1. An empty index finds nothing. */
int nb_keyindex_find(const nb_keyindex *ix, const void *items, nb_key_at key_at, const char *key);
/* Index position `pos` (its key, key_at(items, pos), not yet indexed):
 * 0, or -1 when memory runs out (the index is then unchanged). */
int nb_keyindex_add(nb_keyindex *ix, const void *items, nb_key_at key_at, int pos);
void nb_keyindex_free(nb_keyindex *ix);

#endif
