/* The one place for UTF-8 primitives: decoding one code point, encoding
 * one, checking and repairing a byte string, and spotting the bidi
 * controls that reorder a line on a terminal. Every folder uses these;
 * none keeps its own copy (a bug in a copy had to be fixed twice). */
#ifndef NIANBAO_UTF8_H
#define NIANBAO_UTF8_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The replacement character U+FFFD as UTF-8. */
#define NB_UTF8_REPLACEMENT "\xEF\xBF\xBD"

/* Decode one code point at s[0..n). Returns bytes consumed (>=1); an
 * invalid sequence yields U+FFFD and consumes 1 byte; n == 0 returns 0.
 * ASCII, most of any report's bytes, is decoded inline; the rest by
 * nb_utf8_next_multibyte, which does the same for any byte. */
size_t nb_utf8_next_multibyte(const char *s, size_t n, int32_t *cp);
static inline size_t nb_utf8_next(const char *s, size_t n, int32_t *cp) {
    const unsigned char *p = (const unsigned char *)s;
    if (n > 0 && p[0] < 0x80) {
        *cp = p[0];
        return 1;
    }
    /* three bytes led by E1-EC or EE-EF (Han, kana, full-width forms):
     * any two continuation bytes make a valid character */
    if (n >= 3 && ((p[0] >= 0xE1 && p[0] <= 0xEC) || p[0] >= 0xEE) && p[0] <= 0xEF &&
        (p[1] & 0xC0) == 0x80 && (p[2] & 0xC0) == 0x80) {
        *cp = (int32_t)((p[0] & 0x0Fu) << 12 | (p[1] & 0x3Fu) << 6 | (p[2] & 0x3Fu));
        return 3;
    }
    return nb_utf8_next_multibyte(s, n, cp);
}

/* Encode `cp` at dst (room for 4 bytes) and return its length; 0 for a
 * value that is not a Unicode scalar (a surrogate, negative, or above
 * U+10FFFF), which has no UTF-8 form. */
size_t nb_utf8_put(char *dst, int32_t cp);

/* True when s[0..n) is valid UTF-8 (what nb_utf8_next decodes without a
 * replacement). */
bool nb_utf8_valid(const char *s, size_t n);

/* A NUL-terminated copy of s[0..n) in valid UTF-8: each invalid byte
 * becomes U+FFFD. Its length goes to *outn when non-NULL. NULL when
 * memory runs out. */
char *nb_utf8_repair(const char *s, size_t n, size_t *outn);

/* U+202A-U+202E and U+2066-U+2069 (embeddings, overrides, isolates) as
 * UTF-8 at s[0..n): shown on a terminal they reverse or reorder the rest
 * of the line, and libyaml writes them raw (to it they are printable). */
bool nb_utf8_is_bidi_control(const char *s, size_t n);

/* True when s[0..n) holds any of those controls. */
bool nb_utf8_has_bidi_control(const char *s, size_t n);

#endif
