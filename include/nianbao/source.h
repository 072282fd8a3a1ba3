/* Where an original enters: a *source* turns an original's bytes (a text
 * file, a saved web page, a PDF) into the display text the reviewer sees,
 * an nb_text with its line index, from which the reader takes tokens with
 * spans. Everything after the source (recognise, check, review, export,
 * verify) is the same for every kind. The text's sha256 is always that of
 * the original bytes, so `verify` compares the file as it was given.
 *
 * A source is chosen by content (magic bytes, markup), never by the file
 * name; the text loader is the default. */
#ifndef NIANBAO_SOURCE_H
#define NIANBAO_SOURCE_H

#include "nianbao/text.h"

typedef enum nb_source_kind {
    NB_SOURCE_TEXT = 0, /* plain text (UTF-8, GB18030, UTF-16) */
    NB_SOURCE_HTML,     /* a saved web page */
    NB_SOURCE_PDF,      /* a PDF document */
    NB_SOURCE_KIND_COUNT
} nb_source_kind;

/* The kind the bytes hold, from their first bytes and markup. */
nb_source_kind nb_source_sniff(const char *raw, size_t n);
/* The kind's name as the review file records it ("text", "html", "pdf");
 * nb_source_kind_from_name is its inverse (-1 for an unknown name). */
const char *nb_source_kind_name(nb_source_kind kind);
int nb_source_kind_from_name(const char *name);

/* Turn an original's bytes into display text. `kind` (may be NULL)
 * receives the source used. Returns 0, or -1 with `err`. */
int nb_source_from_bytes(const char *raw, size_t n, nb_text *out, nb_source_kind *kind,
                         nb_error *err);
/* The same for a file; "-" is standard input. Messages name the path. */
int nb_source_load(const char *path, nb_text *out, nb_source_kind *kind, nb_error *err);

/* What a load does besides reading. `check` shows no hash of the
 * original, so it asks for none: hashing costs a tenth of its time. */
typedef enum nb_load_flags {
    NB_LOAD_DEFAULT = 0,
    NB_LOAD_NO_HASH = 1, /* the text's sha256 is left zero */
} nb_load_flags;
int nb_source_read(const char *path, nb_load_flags flags, nb_text *out, nb_source_kind *kind,
                   nb_error *err);

/* One source's reader: bytes of its kind to display text. Each source
 * file (text in source.c, html.c, pdf.c) defines one; the sha256 of `out`
 * is set by the caller. */
typedef int (*nb_source_reader)(const char *raw, size_t n, nb_text *out, nb_error *err);

#endif
