/* UTF-8: decode, encode, check, repair, and the bidi controls. The one
 * copy of each; see nianbao/utf8.h. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "nianbao/utf8.h"

size_t nb_utf8_next_multibyte(const char *s, size_t n, int32_t *cp) {
    const unsigned char *p = (const unsigned char *)s;
    if (n == 0) {
        *cp = 0;
        return 0;
    }
    unsigned char b = p[0];
    if (b < 0x80) {
        *cp = b;
        return 1;
    }
    size_t need;
    int32_t v;
    unsigned char lo = 0x80, hi = 0xBF; /* allowed range of the second byte */
    if (b >= 0xC2 && b <= 0xDF) {
        need = 2;
        v = b & 0x1F;
    } else if (b >= 0xE0 && b <= 0xEF) {
        need = 3;
        v = b & 0x0F;
        if (b == 0xE0) lo = 0xA0;      /* no overlong forms */
        else if (b == 0xED) hi = 0x9F; /* no surrogates */
    } else if (b >= 0xF0 && b <= 0xF4) {
        need = 4;
        v = b & 0x07;
        if (b == 0xF0) lo = 0x90;
        else if (b == 0xF4) hi = 0x8F; /* nothing above U+10FFFF */
    } else {
        *cp = 0xFFFD;
        return 1;
    }
    if (n < need || p[1] < lo || p[1] > hi) {
        *cp = 0xFFFD;
        return 1;
    }
    for (size_t i = 1; i < need; i++) {
        if (i > 1 && (p[i] & 0xC0) != 0x80) {
            *cp = 0xFFFD;
            return 1;
        }
        v = (v << 6) | (p[i] & 0x3F);
    }
    *cp = v;
    return need;
}

size_t nb_utf8_put(char *dst, int32_t cp) {
    unsigned char *d = (unsigned char *)dst;
    if (cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
    if (cp < 0x80) {
        d[0] = (unsigned char)cp;
        return 1;
    }
    if (cp < 0x800) {
        d[0] = (unsigned char)(0xC0 | (cp >> 6));
        d[1] = (unsigned char)(0x80 | (cp & 0x3F));
        return 2;
    }
    if (cp < 0x10000) {
        d[0] = (unsigned char)(0xE0 | (cp >> 12));
        d[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
        d[2] = (unsigned char)(0x80 | (cp & 0x3F));
        return 3;
    }
    d[0] = (unsigned char)(0xF0 | (cp >> 18));
    d[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
    d[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    d[3] = (unsigned char)(0x80 | (cp & 0x3F));
    return 4;
}

/* An invalid byte is the only thing nb_utf8_next decodes as U+FFFD in a
 * single byte (U+FFFD itself takes three). */
static bool is_invalid(int32_t cp, size_t step) { return cp == 0xFFFD && step == 1; }

bool nb_utf8_valid(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t step = nb_utf8_next(s + i, n - i, &cp);
        if (is_invalid(cp, step)) return false;
        i += step;
    }
    return true;
}

char *nb_utf8_repair(const char *s, size_t n, size_t *outn) {
    if (n > (SIZE_MAX - 1) / 3) return NULL; /* each byte grows to at most 3 */
    char *out = malloc(n * 3 + 1);
    if (!out) return NULL;
    size_t k = 0;
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t step = nb_utf8_next(s + i, n - i, &cp);
        if (is_invalid(cp, step)) {
            memcpy(out + k, NB_UTF8_REPLACEMENT, 3);
            k += 3;
        } else {
            memcpy(out + k, s + i, step);
            k += step;
        }
        i += step;
    }
    out[k] = '\0';
    if (outn) *outn = k;
    return out;
}

bool nb_utf8_is_bidi_control(const char *s, size_t n) {
    const unsigned char *u = (const unsigned char *)s;
    return n >= 3 && u[0] == 0xE2 &&
           ((u[1] == 0x80 && u[2] >= 0xAA && u[2] <= 0xAE) || (u[1] == 0x81 && u[2] >= 0xA6 && u[2] <= 0xA9));
}

bool nb_utf8_has_bidi_control(const char *s, size_t n) {
    for (size_t i = 0; i + 2 < n; i++)
        if (nb_utf8_is_bidi_control(s + i, n - i)) return true;
    return false;
}
