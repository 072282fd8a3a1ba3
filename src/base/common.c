/* Numbers as the source writes them, errors for the front end, and the
 * time as a review file writes it. */
#include "config.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "nianbao/common.h"

static int64_t pow10_i(int e) {
    int64_t p = 1;
    while (e-- > 0) p *= 10;
    return p;
}

bool nb_number_is_integer(nb_number n) {
    return n.scale == 0 || n.units % pow10_i(n.scale) == 0;
}

int nb_number_cmp(nb_number a, nb_number b) {
    /* Bring both to the larger scale; magnitudes are bounded by
     * NB_NUMBER_MAX_UNITS (< 10^15) and scales by 9 digits, so the scaled
     * values (< 10^24) can overflow int64 but never a 128-bit integer,
     * and the comparison is exact. */
    int s = a.scale > b.scale ? a.scale : b.scale;
    __int128 x = (__int128)a.units * pow10_i(s - a.scale);
    __int128 y = (__int128)b.units * pow10_i(s - b.scale);
    return x < y ? -1 : x > y ? 1 : 0;
}

int nb_number_format(nb_number n, char *buf, size_t bufsize) {
    if (n.scale == 0) return snprintf(buf, bufsize, "%lld", (long long)n.units);
    int64_t p = pow10_i(n.scale);
    int64_t a = n.units < 0 ? -n.units : n.units;
    return snprintf(buf, bufsize, "%s%lld.%0*lld", n.units < 0 ? "-" : "", (long long)(a / p),
                    (int)n.scale, (long long)(a % p));
}

bool nb_number_parse(const char *s, size_t len, nb_number *out) {
    size_t i = 0;
    bool neg = false;
    if (i < len && (s[i] == '-' || s[i] == '+')) neg = s[i++] == '-';
    int64_t units = 0;
    int scale = 0, digits = 0;
    bool dot = false;
    for (; i < len; i++) {
        char c = s[i];
        if (c == '.' && !dot) {
            dot = true;
            continue;
        }
        if (c < '0' || c > '9') return false;
        if (dot) {
            if (++scale > 9) return false;
        }
        units = units * 10 + (c - '0');
        digits++;
        if (units > NB_NUMBER_MAX_UNITS) return false;
    }
    if (digits == 0 || (dot && scale == 0)) return false;
    out->units = neg ? -units : units;
    out->scale = (uint8_t)scale;
    return true;
}

void nb_error_set(nb_error *err, int code, const char *fmt, ...) {
    if (!err) return;
    err->code = code ? code : -1;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(err->message, sizeof err->message, fmt, ap);
    va_end(ap);
}

void nb_error_clear(nb_error *err) {
    if (err) memset(err, 0, sizeof *err);
}

void nb_time_now_iso(char out[NB_TIME_ISO_SIZE]) {
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    char zone[8];
    strftime(out, NB_TIME_ISO_SIZE, "%Y-%m-%dT%H:%M:%S", &tm);
    strftime(zone, sizeof zone, "%z", &tm); /* +0800 */
    size_t n = strlen(out);
    if (strlen(zone) == 5)
        snprintf(out + n, NB_TIME_ISO_SIZE - n, "%.3s:%.2s", zone, zone + 3);
    else
        snprintf(out + n, NB_TIME_ISO_SIZE - n, "Z");
}

uint64_t nb_fnv1a(uint64_t h, const void *data, size_t n) {
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++) h = (h ^ b[i]) * UINT64_C(1099511628211);
    return h;
}

bool nb_grow(void **items, size_t *cap, size_t need, size_t size) {
    if (need <= *cap) return true;
    size_t ncap = *cap ? *cap : 16;
    while (ncap < need) {
        if (ncap > SIZE_MAX / 2) return false;
        ncap *= 2;
    }
    if (size && ncap > SIZE_MAX / size) return false;
    void *grown = realloc(*items, ncap * size);
    if (!grown) return false;
    *items = grown;
    *cap = ncap;
    return true;
}
