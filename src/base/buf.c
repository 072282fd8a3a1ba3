/* A growing byte buffer (buf.h): doubling growth, sticky failure. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nianbao/buf.h"

bool nb_buf_reserve(nb_buf *b, size_t more) {
    if (b->failed) return false;
    if (more > (size_t)-1 / 2 - b->len) {
        b->failed = true;
        return false;
    }
    if (b->len + more + 1 <= b->cap) return true;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + more + 1) cap *= 2;
    char *grown = realloc(b->data, cap);
    if (!grown) {
        b->failed = true;
        return false;
    }
    b->data = grown;
    b->cap = cap;
    return true;
}

void nb_buf_add(nb_buf *b, const char *s, size_t n) {
    if (!nb_buf_reserve(b, n)) return;
    if (n) memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void nb_buf_add_str(nb_buf *b, const char *s) { nb_buf_add(b, s, strlen(s)); }

void nb_buf_add_repeat(nb_buf *b, char c, size_t n) {
    if (!nb_buf_reserve(b, n)) return;
    memset(b->data + b->len, c, n);
    b->len += n;
    b->data[b->len] = '\0';
}

char nb_buf_last(const nb_buf *b) { return b->len ? b->data[b->len - 1] : 0; }

char *nb_buf_take(nb_buf *b, size_t *len) {
    char *data = NULL;
    if (!b->failed && nb_buf_reserve(b, 0)) data = b->data;
    else free(b->data);
    if (len) *len = data ? b->len : 0;
    memset(b, 0, sizeof *b);
    return data;
}

void nb_buf_free(nb_buf *b) {
    free(b->data);
    memset(b, 0, sizeof *b);
}
