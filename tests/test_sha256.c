/* SHA-256 against the FIPS 180-4 / NIST test vectors, one-shot and fed
 * in pieces of every size. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "nianbao/sha256.h"

static void hex_of(const void *data, size_t n, char out[65]) {
    unsigned char d[32];
    nb_sha256(data, n, d);
    nb_sha256_hex(d, out);
}

static void test_known_vectors(void **state) {
    (void)state;
    char hex[65];
    hex_of("", 0, hex);
    assert_string_equal(hex, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    hex_of("abc", 3, hex);
    assert_string_equal(hex, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    static const char two_blocks[] = "abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
    hex_of(two_blocks, strlen(two_blocks), hex);
    assert_string_equal(hex, "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
}

static void test_million_a(void **state) {
    (void)state;
    char *a = malloc(1000000);
    assert_non_null(a);
    memset(a, 'a', 1000000);
    char hex[65];
    hex_of(a, 1000000, hex);
    assert_string_equal(hex, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
    free(a);
}

/* Feeding the same bytes in pieces of any size gives the same digest,
 * across the 55/56/64-byte padding edges. */
static void test_incremental(void **state) {
    (void)state;
    unsigned char msg[200];
    for (size_t i = 0; i < sizeof msg; i++) msg[i] = (unsigned char)(i * 7 + 3);
    for (size_t len = 0; len <= sizeof msg; len++) {
        unsigned char whole[32];
        nb_sha256(msg, len, whole);
        for (size_t piece = 1; piece <= 65; piece += 8) {
            nb_sha256_ctx c;
            nb_sha256_init(&c);
            for (size_t off = 0; off < len; off += piece)
                nb_sha256_update(&c, msg + off, len - off < piece ? len - off : piece);
            unsigned char parts[32];
            nb_sha256_final(&c, parts);
            assert_memory_equal(whole, parts, 32);
        }
    }
}

/* The processor's SHA instructions (where this machine has them) and the
 * portable rounds give the same digest, for every length across several
 * blocks and for a large pseudo-random input. */
static void test_both_paths_agree(void **state) {
    (void)state;
    size_t big = 1 << 20;
    unsigned char *msg = malloc(big);
    assert_non_null(msg);
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < big; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        msg[i] = (unsigned char)x;
    }
    for (size_t len = 0; len <= big; len = len < 300 ? len + 1 : len * 3 + 7) {
        unsigned char fast[32], portable[32];
        nb_sha256(msg, len, fast);
        nb_sha256_portable_only(true);
        nb_sha256(msg, len, portable);
        nb_sha256_portable_only(false);
        assert_memory_equal(fast, portable, 32);
    }
    free(msg);
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_known_vectors),
        cmocka_unit_test(test_million_a),
        cmocka_unit_test(test_incremental),
        cmocka_unit_test(test_both_paths_agree),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
