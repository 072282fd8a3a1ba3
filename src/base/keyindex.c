/* The string-key hash index (keyindex.h): open addressing with linear
 * probing, FNV-1a hashes, grown to keep it at most half full. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/common.h"
#include "nianbao/keyindex.h"

static uint64_t hash_key(const char *s) { return nb_fnv1a(NB_FNV1A_INIT, s, strlen(s)); }

int nb_keyindex_find(const nb_keyindex *ix, const void *items, nb_key_at key_at, const char *key) {
    if (!ix->cap) return -1;
    for (size_t i = (size_t)hash_key(key) & (ix->cap - 1);; i = (i + 1) & (ix->cap - 1)) {
        int pos = ix->slot[i] - 1;
        if (pos < 0) return -1;
        if (strcmp(key_at(items, pos), key) == 0) return pos;
    }
}

static void put(int *slot, size_t cap, const char *key, int pos) {
    size_t i = (size_t)hash_key(key) & (cap - 1);
    while (slot[i]) i = (i + 1) & (cap - 1);
    slot[i] = pos + 1;
}

int nb_keyindex_add(nb_keyindex *ix, const void *items, nb_key_at key_at, int pos) {
    if ((ix->n + 1) * 2 > ix->cap) {
        size_t cap = ix->cap ? ix->cap * 2 : 64;
        int *slot = calloc(cap, sizeof *slot);
        if (!slot) return -1;
        for (size_t i = 0; i < ix->cap; i++)
            if (ix->slot[i]) put(slot, cap, key_at(items, ix->slot[i] - 1), ix->slot[i] - 1);
        free(ix->slot);
        ix->slot = slot;
        ix->cap = cap;
    }
    put(ix->slot, ix->cap, key_at(items, pos), pos);
    ix->n++;
    return 0;
}

void nb_keyindex_free(nb_keyindex *ix) {
    free(ix->slot);
    memset(ix, 0, sizeof *ix);
}
