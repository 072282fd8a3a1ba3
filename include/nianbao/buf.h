/* A growing byte buffer, always NUL-terminated, for the readers that
 * build text (the PDF and web page sources). Out of memory is sticky:
 * after the first failed growth every add is ignored and `failed` is
 * set, so a builder checks once at the end instead of after every add. */
#ifndef NIANBAO_BUF_H
#define NIANBAO_BUF_H

#include <stdbool.h>
#include <stddef.h>

typedef struct nb_buf {
    char *data; /* NUL-terminated when len > 0 or after any add */
    size_t len, cap;
    bool failed;
} nb_buf;

/* Room for `more` bytes and the NUL; false (and `failed`) when memory runs out. */
bool nb_buf_reserve(nb_buf *b, size_t more);
void nb_buf_add(nb_buf *b, const char *s, size_t n);
void nb_buf_add_str(nb_buf *b, const char *s);
/* `n` copies of byte `c`. */
void nb_buf_add_repeat(nb_buf *b, char c, size_t n);
/* The last byte added, or 0 when the buffer is empty. */
char nb_buf_last(const nb_buf *b);
/* Hand the bytes to the caller (free() them) and leave the buffer empty;
 * NULL when an add failed. */
char *nb_buf_take(nb_buf *b, size_t *len);
void nb_buf_free(nb_buf *b);

#endif
