/* The one YAML writer of the program (libyaml's emitter): what `export`
 * prints, what a review saves, the canonical texts that sign-off hashes,
 * and `check -f yaml`. One place for the settings that keep the output
 * stable and safe to show: unicode on (else CJK is escaped), width -1
 * (else long values fold), every scalar with plain_implicit =
 * quoted_implicit = 1 (else `!` tags appear), free text always quoted, and
 * bidi controls written as \u escapes where a person may read the file. */
#ifndef NIANBAO_YAMLEMIT_H
#define NIANBAO_YAMLEMIT_H

#include <stdio.h>
#include <yaml.h>

#include "nianbao/common.h"

typedef struct nb_yemit {
    yaml_emitter_t y;
    /* Output: into buf (grown as needed), or straight to `file`. */
    FILE *file;
    char *buf;
    size_t len, cap;
    bool oom;
    bool failed; /* once set, later events are dropped */
    const char *problem; /* libyaml's words for the failure (static text), kept past its end */
    nb_error *err;
    /* Files people may print to a terminal (export, review files, check):
     * the bidi overrides and isolates are written as \u escapes. Off for
     * the canonical texts that are hashed, which must stay as they always
     * were. */
    bool escape_bidi;
} nb_yemit;

/* Start a stream and its document, written into memory (nb_yemit_finish
 * hands the buffer over). A failure is recorded in `err` (may be NULL). */
void nb_yemit_begin(nb_yemit *e, nb_error *err);
/* The same, written to `out` as it goes, with bidi controls escaped. */
void nb_yemit_begin_file(nb_yemit *e, FILE *out, nb_error *err);
/* End the document (with the `...` marker when `explicit_end`) and the
 * stream. Returns 0 and, in memory, the malloc'd text in *out (out may
 * be NULL for a file), or -1. */
int nb_yemit_finish(nb_yemit *e, bool explicit_end, char **out, size_t *outlen);
/* libyaml's own words for a failed write, or NULL. */
const char *nb_yemit_problem(const nb_yemit *e);

/* A key or a fixed word of the format (rule ids, status names): plain. */
void nb_yemit_word(nb_yemit *e, const char *s);
void nb_yemit_null(nb_yemit *e);
/* Free text: always quoted, several lines as a literal block; invalid
 * UTF-8 becomes U+FFFD (libyaml refuses to write it, which would make a
 * save fail). NULL is written as null. */
void nb_yemit_text(nb_yemit *e, const char *s);
/* Text that is "" when absent in the model but null in the file. */
void nb_yemit_text_or_null(nb_yemit *e, const char *s);
/* Free text double-quoted even when it has several lines (check's
 * messages, one line each in the output). */
void nb_yemit_quoted(nb_yemit *e, const char *s);
void nb_yemit_integer(nb_yemit *e, long long v);
void nb_yemit_number(nb_yemit *e, nb_number v);
void nb_yemit_boolean(nb_yemit *e, bool v);

/* A key and its value, the pair a mapping is made of: the key plain,
 * the value as the function of the same name writes it. */
void nb_yemit_key_word(nb_yemit *e, const char *key, const char *s);
void nb_yemit_key_null(nb_yemit *e, const char *key);
void nb_yemit_key_text(nb_yemit *e, const char *key, const char *s);
void nb_yemit_key_text_or_null(nb_yemit *e, const char *key, const char *s);
void nb_yemit_key_quoted(nb_yemit *e, const char *key, const char *s);
void nb_yemit_key_integer(nb_yemit *e, const char *key, long long v);
void nb_yemit_key_number(nb_yemit *e, const char *key, nb_number v);
void nb_yemit_key_boolean(nb_yemit *e, const char *key, bool v);

/* Maps and sequences, in block style or in flow style ({a: 1}, [x]). */
void nb_yemit_map_start(nb_yemit *e, bool flow);
void nb_yemit_map_end(nb_yemit *e);
void nb_yemit_seq_start(nb_yemit *e, bool flow);
void nb_yemit_seq_end(nb_yemit *e);
void nb_yemit_empty_map(nb_yemit *e);
void nb_yemit_empty_seq(nb_yemit *e);

#endif
