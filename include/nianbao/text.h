/* A report's text: decoded to UTF-8, indexed by line, with helpers for
 * matching (normalised form) and for display (width, safe stand-ins).
 * The decoded text is kept exactly as the source has it; every span in
 * the core points into it. */
#ifndef NIANBAO_TEXT_H
#define NIANBAO_TEXT_H

#include "nianbao/common.h"

/* Bound on input size: far above any real report, low enough that a
 * mistaken argument (a disk image, a video) is refused, not loaded. */
#define NB_TEXT_MAX_BYTES ((size_t)64 * 1024 * 1024)

typedef struct nb_text {
    char *utf8;         /* decoded text, NUL-terminated, valid UTF-8 */
    size_t len;         /* bytes in utf8, without the NUL */
    char encoding[16];  /* "UTF-8", "GB18030", "UTF-16LE", "UTF-16BE" */
    bool had_bom;
    size_t invalid_count;   /* input bytes or sequences replaced by U+FFFD */
    size_t first_invalid_line; /* 1-based line of the first replacement, 0 if none */
    size_t *line_start;     /* byte offset of each line's first byte */
    size_t nlines;          /* at least 1 for any text, even empty */
    unsigned char sha256[32]; /* of the raw input bytes */
} nb_text;

/* Decode raw bytes. Detects BOMs (UTF-8, UTF-16LE/BE), else takes UTF-8
 * when the bytes are (almost all) valid UTF-8, else GB18030. Returns 0,
 * or -1 with `err` set (empty input, NUL-heavy binary data, too large). */
int nb_text_from_bytes(const char *raw, size_t n, nb_text *out, nb_error *err);
int nb_text_load_file(const char *path, nb_text *out, nb_error *err);
void nb_text_free(nb_text *t);

/* 0-based line index containing byte offset `off` (binary search). */
size_t nb_text_line_of(const nb_text *t, size_t off);
/* Start and end (exclusive, without the line break) of 0-based line i. */
void nb_text_line_bounds(const nb_text *t, size_t i, size_t *start, size_t *end);
/* 1-based character column of byte offset `off` within its line. */
size_t nb_text_column_of(const nb_text *t, size_t off);

/* Normalise for matching only: NFKC, NBSP/U+3000/tabs become ' ',
 * zero-width characters and U+FEFF are dropped. Returns a malloc'd
 * NUL-terminated string; if `map` is non-NULL it receives a malloc'd
 * array giving, for every output byte, the input byte offset it came
 * from (so matches can be traced back to the original). The map has
 * *outlen + 1 entries, the last being n, so output bytes [a, b) came
 * from input bytes [map[a], map[b]). Bytes of one composed character
 * (e + U+0301 → é) all map to its first input byte. NFKC turns ① into
 * 1 and leaves — alone. Invalid UTF-8 bytes become U+FFFD. Returns NULL
 * only when out of memory. */
char *nb_normalize(const char *s, size_t n, size_t *outlen, size_t **map);

/* Display width in terminal columns of UTF-8 text, per grapheme cluster,
 * measured with utf8proc (CJK = 2). Control characters count as the
 * width of their visible stand-in (see nb_sanitize). */
int nb_display_width(const char *s, size_t n);

/* Decode one code point at s[0..n). Returns bytes consumed (>=1); an
 * invalid sequence yields U+FFFD and consumes 1 byte. */
size_t nb_utf8_next(const char *s, size_t n, int32_t *cp);
/* Length in bytes of the grapheme cluster starting at s[0..n). */
size_t nb_grapheme_len(const char *s, size_t n);

/* Copy `s` replacing what must never reach a terminal raw: C0/C1
 * controls (ESC, \r, \b, ...) become visible stand-ins (U+241B, ...),
 * bidi overrides, zero-width and other format characters (Cf, Zl, Zp)
 * become "<U+XXXX>"-free single stand-ins; tabs are kept only when
 * `keep_tabs`. Returns a malloc'd NUL-terminated string. */
char *nb_sanitize(const char *s, size_t n, bool keep_tabs);

#endif
