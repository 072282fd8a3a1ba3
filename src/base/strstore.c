/* The string store (strstore.h): a list of blocks filled from the front.
 * Blocks grow from 4 KB to 64 KB, so a store of a few strings stays small
 * and one of many wastes at most the tail of its last block; a string
 * too long for that gets a block of its own, put behind the one being
 * filled so that the room left there is still used. */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/strstore.h"

#define FIRST_BLOCK ((size_t)4096)
#define LARGEST_BLOCK ((size_t)65536)

struct nb_strstore_block {
    nb_strstore_block *next;
    size_t used, size; /* bytes of data[] */
    char data[];
};

static nb_strstore_block *new_block(size_t size) {
    if (size > SIZE_MAX - sizeof(nb_strstore_block)) return NULL;
    nb_strstore_block *b = malloc(sizeof *b + size);
    if (!b) return NULL;
    b->next = NULL;
    b->used = 0;
    b->size = size;
    return b;
}

/* Where `need` bytes fit: the newest block, a new one, or a block of
 * the string's own. NULL without memory. */
static nb_strstore_block *room_for(nb_strstore *st, size_t need) {
    nb_strstore_block *head = st->blocks;
    if (head && head->size - head->used >= need) return head;
    size_t size = head ? head->size * 2 : FIRST_BLOCK;
    if (size > LARGEST_BLOCK) size = LARGEST_BLOCK;
    if (need > size / 2 && head) {
        nb_strstore_block *own = new_block(need);
        if (!own) return NULL;
        own->next = head->next;
        head->next = own;
        st->bytes += need;
        return own;
    }
    if (need > size) size = need;
    nb_strstore_block *b = new_block(size);
    if (!b) return NULL;
    b->next = head;
    st->blocks = b;
    st->bytes += size;
    return b;
}

const char *nb_strstore_add(nb_strstore *st, const char *s, size_t n) {
    if (n == SIZE_MAX) return NULL;
    nb_strstore_block *b = room_for(st, n + 1);
    if (!b) return NULL;
    char *copy = b->data + b->used;
    if (n) memcpy(copy, s, n);
    copy[n] = '\0';
    b->used += n + 1;
    return copy;
}

const char *nb_strstore_add_str(nb_strstore *st, const char *s) { return nb_strstore_add(st, s, strlen(s)); }

void nb_strstore_free(nb_strstore *st) {
    for (nb_strstore_block *b = st->blocks, *next; b; b = next) {
        next = b->next;
        free(b);
    }
    st->blocks = NULL;
    st->bytes = 0;
}
