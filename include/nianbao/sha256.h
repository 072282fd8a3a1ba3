/* SHA-256 (FIPS 180-4), small and self-contained: the review file records
 * the hash of the report it was made from, so a changed source is noticed. */
#ifndef NIANBAO_SHA256_H
#define NIANBAO_SHA256_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

typedef struct nb_sha256_ctx {
    uint32_t state[8];
    uint64_t total;          /* bytes fed so far */
    unsigned char block[64]; /* partial block waiting for more input */
    size_t fill;             /* bytes in `block` */
} nb_sha256_ctx;

void nb_sha256_init(nb_sha256_ctx *c);
void nb_sha256_update(nb_sha256_ctx *c, const void *data, size_t n);
/* Writes the digest; the context must be initialised again before reuse. */
void nb_sha256_final(nb_sha256_ctx *c, unsigned char out[32]);

/* One-shot digest of data[0..n). */
void nb_sha256(const void *data, size_t n, unsigned char out[32]);
/* Hash with the portable rounds even where the processor's SHA
 * instructions are used: for the test that compares the two. */
void nb_sha256_portable_only(bool on);

/* Lower-case hexadecimal of a digest, NUL-terminated (64 digits). */
void nb_sha256_hex(const unsigned char d[32], char out[65]);

#endif
