/* A report's text: decoded to UTF-8, indexed by line, with helpers for
 * matching (the folded form, fold.h) and for display (width, safe stand-ins).
 * The decoded text is kept exactly as the source has it; every span in
 * the core points into it. */
#ifndef NIANBAO_TEXT_H
#define NIANBAO_TEXT_H

#include "nianbao/common.h"
#include "nianbao/utf8.h"

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
    /* Its lines folded for matching, built on first use (fold.h); one
     * allocation, freed with the text. */
    struct nb_folded_lines *folded;
} nb_text;

/* Decode raw bytes. Detects BOMs (UTF-8, UTF-16LE/BE), else takes UTF-8
 * when the bytes are (almost all) valid UTF-8, else GB18030. Returns 0,
 * or -1 with `err` set (empty input, NUL-heavy binary data, too large). */
int nb_text_from_bytes(const char *raw, size_t n, nb_text *out, nb_error *err);
/* The same without the hash (sha256 left zero): for readers whose caller
 * hashes the original, and for uses that never show it. */
int nb_text_decode(const char *raw, size_t n, nb_text *out, nb_error *err);
int nb_text_load_file(const char *path, nb_text *out, nb_error *err);
void nb_text_free(nb_text *t);

/* 0-based line index containing byte offset `off` (binary search). */
size_t nb_text_line_of(const nb_text *t, size_t off);
/* Start and end (exclusive, without the line break) of 0-based line i. */
void nb_text_line_bounds(const nb_text *t, size_t i, size_t *start, size_t *end);
/* 1-based character column of byte offset `off` within its line. */
size_t nb_text_column_of(const nb_text *t, size_t off);

/* 0-based display column of byte offset `off` within its line, as
 * nb_display_column measures the line up to `off`. */
int nb_text_display_column_of(const nb_text *t, size_t off, int tabstop);

/* Display width in terminal columns of UTF-8 text, per grapheme cluster,
 * measured with utf8proc (CJK = 2): the widest code point of a cluster,
 * so e + U+0301 is 1 and 👍🏽 is 2; a flag (two regional indicators) is 2.
 * The text is measured as nb_sanitize(s, n, false) draws it, so control
 * and format characters count as their stand-in (1 column each, a tab
 * too) and nb_display_width(s) == nb_display_width(nb_sanitize(s)). */
int nb_display_width(const char *s, size_t n);
/* The display column reached after drawing s[0..n) from column 0:
 * nb_display_width, except that with `tabstop` > 0 a tab advances to
 * the next multiple of `tabstop` (as a source pane expanding tabs draws
 * it); with `tabstop` <= 0 a tab is its 1-column stand-in. Lets the
 * recogniser place numbers under headers by display column. */
int nb_display_column(const char *s, size_t n, int tabstop);
/* Bytes of the longest prefix of whole grapheme clusters of s[0..n) that
 * fits in `max_cols` columns (measured as nb_display_width does); its
 * width goes to *used when non-NULL. A wide glyph that would straddle
 * the limit is left out. */
size_t nb_display_fit(const char *s, size_t n, int max_cols, int *used);

/* Length in bytes of the grapheme cluster starting at s[0..n). */
size_t nb_grapheme_len(const char *s, size_t n);

/* What nb_sanitize draws for code point `cp`: C0 controls become the
 * Control Pictures U+2400 + c (ESC → ␛ U+241B, \n → ␊, a tab → ␉ unless
 * `keep_tabs`), DEL → ␡ U+2421, C1 controls (U+0080–U+009F) → U+FFFD,
 * format characters (Cf: bidi overrides and isolates, zero-width spaces
 * and joiners, U+FEFF, soft hyphen; Zl, Zp) → ◇ U+25C7. Anything else is
 * returned unchanged. */
int32_t nb_standin(int32_t cp, bool keep_tabs);

/* Copy `s` replacing what must never reach a terminal raw, as
 * nb_standin says; invalid UTF-8 bytes become U+FFFD. A combining mark
 * with no base of its own (at the start, or after a kept tab) gets a ◌
 * U+25CC before it, so it cannot combine with what the front end drew
 * just before. The ZWJ of emoji sequences is replaced too, so each
 * emoji stands alone: wider, but drawn the same by every terminal.
 * Returns a malloc'd NUL-terminated string (NULL only when out of
 * memory). */
char *nb_sanitize(const char *s, size_t n, bool keep_tabs);

/* A line (without its newline) that a printed page adds: "- 3 -", "—3—",
 * "第3页 共5页", the PDF source's "— page 3 —". Never a bare number: in a
 * one-cell-per-line table that is a value. */
bool nb_line_is_page_furniture(const char *s, size_t n);

/* The page number of a "— page N —" line (the PDF source opens each page
 * with one), or 0. nb_text_page_of_line gives the page a 1-based line is
 * on: the last such line at or above it, 0 when there is none. */
int nb_line_page_mark(const char *s, size_t n);
int nb_text_page_of_line(const nb_text *t, int line);

#endif
