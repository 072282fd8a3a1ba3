/* A store of strings that live as long as their owner: each copy goes
 * into a large block, so a hundred thousand short strings (finding keys,
 * status notes) cost their bytes and a NUL, not a malloc each with its
 * header and rounding. A string never moves and is never freed alone:
 * pointers stay valid until nb_strstore_free. */
#ifndef NIANBAO_STRSTORE_H
#define NIANBAO_STRSTORE_H

#include <stddef.h>

typedef struct nb_strstore_block nb_strstore_block;

typedef struct nb_strstore {
    nb_strstore_block *blocks; /* newest first; NULL when empty */
    size_t bytes;              /* held in blocks, for tests and figures */
} nb_strstore;

/* A copy of s[0, n) and a NUL (s may hold NULs: the copy has them too).
 * NULL when memory runs out; the store is then unchanged. */
const char *nb_strstore_add(nb_strstore *st, const char *s, size_t n);
/* The same for a NUL-terminated string. */
const char *nb_strstore_add_str(nb_strstore *st, const char *s);
/* Free every string of the store and leave it empty (and usable). */
void nb_strstore_free(nb_strstore *st);

#endif
