/* Types shared by every part of the core: numbers as the source states
 * them, errors returned to the caller, and the gettext macros. */
#ifndef NIANBAO_COMMON_H
#define NIANBAO_COMMON_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <libintl.h>
#define _(s) gettext(s)
#define N_(s) (s)

/* A number exactly as the source writes it: `units` scaled by 10^scale.
 * 462.657 is {462657, 3}; -49 is {-49, 0}. Amounts keep their decimals so
 * that export prints what the source printed, never a binary rounding. */
typedef struct nb_number {
    int64_t units;
    uint8_t scale; /* digits after the decimal point, 0..9 */
} nb_number;

/* Largest magnitude of `units` the core accepts; larger readings are
 * absurd for these tables and are reported instead of overflowing. */
/* The years a report can be about, everywhere a year is read: in the
 * text, in options and in review files. The disclosure regulations date
 * from 2008; a wide margin either side still tells a year from an amount
 * or a document number. */
#define NB_YEAR_MIN 1990
#define NB_YEAR_MAX 2100

#define NB_NUMBER_MAX_UNITS ((int64_t)999999999999999LL)

bool nb_number_is_integer(nb_number n);
/* Compare two numbers by value (1.50 == 1.5). */
int nb_number_cmp(nb_number a, nb_number b);
/* Write the number as the source would (no exponent, no trailing
 * zeros dropped beyond what `scale` says). Returns chars written. */
int nb_number_format(nb_number n, char *buf, size_t bufsize);
/* Parse ASCII digits with optional sign and one decimal point.
 * Returns false for anything else or for magnitudes beyond NB_NUMBER_MAX_UNITS. */
bool nb_number_parse(const char *s, size_t len, nb_number *out);

/* An error for the front end to show: a message already translated
 * where it reaches a person, and where it happened. */
typedef struct nb_error {
    int code;          /* 0 = no error; otherwise an errno value or -1 */
    char message[512]; /* one line, for a person */
    int line;          /* 1-based, 0 when not about a line */
    int column;        /* 1-based, 0 when not about a column */
} nb_error;

void nb_error_set(nb_error *err, int code, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void nb_error_clear(nb_error *err);

/* Now, ISO 8601 with the local zone (2026-11-24T12:03:00+08:00), as the
 * review file records edits, sign-offs and fetches. */
#define NB_TIME_ISO_SIZE 40
void nb_time_now_iso(char out[NB_TIME_ISO_SIZE]);

/* FNV-1a over n bytes, from `h` (NB_FNV1A_INIT to start): the one hash of
 * keys and fingerprints, stable across runs and platforms. */
#define NB_FNV1A_INIT UINT64_C(14695981039346656037)
uint64_t nb_fnv1a(uint64_t h, const void *data, size_t n);

/* Room for `need` items of `size` bytes in the array *items of *cap
 * items, grown by doubling (so adding one at a time stays linear). False,
 * and the array as it was, when memory runs out or the size overflows. */
bool nb_grow(void **items, size_t *cap, size_t need, size_t size);

#endif
