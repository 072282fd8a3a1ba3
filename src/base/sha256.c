/* SHA-256 after FIPS 180-4, written out here so that the hash a review
 * records does not depend on which crypto library a machine has. */
#include "config.h"

#include <stdbool.h>
#include <string.h>

#include "nianbao/sha256.h"

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
#include <cpuid.h>
#include <immintrin.h>
#define NB_SHA256_HAVE_SHANI 1
#endif

static const uint32_t round_k[64] = {
    0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4,
    0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe,
    0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f,
    0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7,
    0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc,
    0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b,
    0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116,
    0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
    0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7,
    0xc67178f2,
};

static uint32_t rotr(uint32_t x, unsigned n) { return (x >> n) | (x << (32 - n)); }

static void compress(uint32_t st[8], const unsigned char blk[64]) {
    uint32_t w[64];
    for (int i = 0; i < 16; i++)
        w[i] = (uint32_t)blk[4 * i] << 24 | (uint32_t)blk[4 * i + 1] << 16 |
               (uint32_t)blk[4 * i + 2] << 8 | (uint32_t)blk[4 * i + 3];
    for (int i = 16; i < 64; i++) {
        uint32_t s0 = rotr(w[i - 15], 7) ^ rotr(w[i - 15], 18) ^ (w[i - 15] >> 3);
        uint32_t s1 = rotr(w[i - 2], 17) ^ rotr(w[i - 2], 19) ^ (w[i - 2] >> 10);
        w[i] = w[i - 16] + s0 + w[i - 7] + s1;
    }
    uint32_t a = st[0], b = st[1], c = st[2], d = st[3];
    uint32_t e = st[4], f = st[5], g = st[6], h = st[7];
    for (int i = 0; i < 64; i++) {
        uint32_t t1 = h + (rotr(e, 6) ^ rotr(e, 11) ^ rotr(e, 25)) + ((e & f) ^ (~e & g)) +
                      round_k[i] + w[i];
        uint32_t t2 = (rotr(a, 2) ^ rotr(a, 13) ^ rotr(a, 22)) + ((a & b) ^ (a & c) ^ (b & c));
        h = g;
        g = f;
        f = e;
        e = d + t1;
        d = c;
        c = b;
        b = a;
        a = t1 + t2;
    }
    st[0] += a;
    st[1] += b;
    st[2] += c;
    st[3] += d;
    st[4] += e;
    st[5] += f;
    st[6] += g;
    st[7] += h;
}

static void compress_portable(uint32_t st[8], const unsigned char *p, size_t blocks) {
    for (; blocks; blocks--, p += 64) compress(st, p);
}

#ifdef NB_SHA256_HAVE_SHANI
/* The same rounds with the processor's SHA instructions (Intel SHA
 * extensions): `summary` hashes every file it reads, and this is several
 * times faster. Four message words a step: w[t] of a group of four is
 * msg2(msg1(w[t-4], w[t-3]) + w[t-7..t-4], w[t-1]); two rounds an rnds2,
 * the state kept as ABEF and CDGH as the instructions want it. */
__attribute__((target("sha,sse4.1"))) static void compress_shani(uint32_t st[8], const unsigned char *p,
                                                                  size_t blocks) {
    const __m128i byteswap = _mm_set_epi64x(0x0c0d0e0f08090a0bLL, 0x0405060700010203LL);
    __m128i tmp = _mm_loadu_si128((const __m128i *)&st[0]);
    __m128i state1 = _mm_loadu_si128((const __m128i *)&st[4]);
    tmp = _mm_shuffle_epi32(tmp, 0xB1);                 /* CDAB */
    state1 = _mm_shuffle_epi32(state1, 0x1B);           /* EFGH */
    __m128i state0 = _mm_alignr_epi8(tmp, state1, 8);   /* ABEF */
    state1 = _mm_blend_epi16(state1, tmp, 0xF0);        /* CDGH */
    for (; blocks; blocks--, p += 64) {
        __m128i abef = state0, cdgh = state1, w[4];
        for (int g = 0; g < 16; g++) {
            __m128i *wg = &w[g & 3];
            if (g < 4)
                *wg = _mm_shuffle_epi8(_mm_loadu_si128((const __m128i *)(p + 16 * g)), byteswap);
            else
                *wg = _mm_sha256msg2_epu32(
                    _mm_add_epi32(_mm_sha256msg1_epu32(*wg, w[(g + 1) & 3]),
                                  _mm_alignr_epi8(w[(g + 3) & 3], w[(g + 2) & 3], 4)),
                    w[(g + 3) & 3]);
            __m128i msg = _mm_add_epi32(*wg, _mm_loadu_si128((const __m128i *)&round_k[4 * g]));
            state1 = _mm_sha256rnds2_epu32(state1, state0, msg);
            state0 = _mm_sha256rnds2_epu32(state0, state1, _mm_shuffle_epi32(msg, 0x0E));
        }
        state0 = _mm_add_epi32(state0, abef);
        state1 = _mm_add_epi32(state1, cdgh);
    }
    tmp = _mm_shuffle_epi32(state0, 0x1B);              /* FEBA */
    state1 = _mm_shuffle_epi32(state1, 0xB1);           /* DCHG */
    state0 = _mm_blend_epi16(tmp, state1, 0xF0);        /* DCBA */
    state1 = _mm_alignr_epi8(state1, tmp, 8);           /* HGFE */
    _mm_storeu_si128((__m128i *)&st[0], state0);
    _mm_storeu_si128((__m128i *)&st[4], state1);
}
#endif

static bool portable_only;

void nb_sha256_portable_only(bool on) { portable_only = on; }

/* The SHA instructions where the processor has them (valgrind's does not
 * say it has), else the portable rounds: the same digest either way. */
static void compress_blocks(uint32_t st[8], const unsigned char *p, size_t blocks) {
#ifdef NB_SHA256_HAVE_SHANI
    static int have = -1; /* benign race: every thread computes the same */
    if (have < 0) {
        /* CPUID: SSE4.1 is leaf 1 ECX bit 19, SHA leaf 7 EBX bit 29 (asked
         * directly: clang's __builtin_cpu_supports knows no "sha"). */
        unsigned a, b, c, d;
        bool sse41 = __get_cpuid(1, &a, &b, &c, &d) && (c >> 19 & 1);
        bool sha = __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 29 & 1);
        have = sse41 && sha;
    }
    if (have && !portable_only) {
        compress_shani(st, p, blocks);
        return;
    }
#endif
    compress_portable(st, p, blocks);
}

void nb_sha256_init(nb_sha256_ctx *c) {
    static const uint32_t initial[8] = {0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a,
                                        0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19};
    memcpy(c->state, initial, sizeof initial);
    c->total = 0;
    c->fill = 0;
}

void nb_sha256_update(nb_sha256_ctx *c, const void *data, size_t n) {
    const unsigned char *p = data;
    if (n == 0) return; /* also keeps memcpy away from a NULL `data` */
    c->total += n;
    if (c->fill) {
        size_t take = 64 - c->fill < n ? 64 - c->fill : n;
        memcpy(c->block + c->fill, p, take);
        c->fill += take;
        p += take;
        n -= take;
        if (c->fill < 64) return;
        compress_blocks(c->state, c->block, 1);
        c->fill = 0;
    }
    compress_blocks(c->state, p, n / 64);
    p += n / 64 * 64;
    n %= 64;
    memcpy(c->block, p, n);
    c->fill = n;
}

void nb_sha256_final(nb_sha256_ctx *c, unsigned char out[32]) {
    uint64_t bits = c->total * 8;
    c->block[c->fill++] = 0x80;
    if (c->fill > 56) {
        memset(c->block + c->fill, 0, 64 - c->fill);
        compress_blocks(c->state, c->block, 1);
        c->fill = 0;
    }
    memset(c->block + c->fill, 0, 56 - c->fill);
    for (int i = 0; i < 8; i++) c->block[56 + i] = (unsigned char)(bits >> (56 - 8 * i));
    compress_blocks(c->state, c->block, 1);
    for (int i = 0; i < 8; i++) {
        out[4 * i] = (unsigned char)(c->state[i] >> 24);
        out[4 * i + 1] = (unsigned char)(c->state[i] >> 16);
        out[4 * i + 2] = (unsigned char)(c->state[i] >> 8);
        out[4 * i + 3] = (unsigned char)c->state[i];
    }
    memset(c, 0, sizeof *c);
}

void nb_sha256(const void *data, size_t n, unsigned char out[32]) {
    nb_sha256_ctx c;
    nb_sha256_init(&c);
    nb_sha256_update(&c, data, n);
    nb_sha256_final(&c, out);
}

void nb_sha256_hex(const unsigned char d[32], char out[65]) {
    static const char digits[] = "0123456789abcdef";
    for (int i = 0; i < 32; i++) {
        out[2 * i] = digits[d[i] >> 4];
        out[2 * i + 1] = digits[d[i] & 15];
    }
    out[64] = '\0';
}
