/* The one YAML writer (see yamlemit.h): libyaml's emitter with the
 * settings that keep every file nianbao writes stable and safe to show,
 * into memory or straight to a stream. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/utf8.h"
#include "nianbao/yamlemit.h"

static int out_append(nb_yemit *e, const unsigned char *bytes, size_t size) {
    if (e->file) return fwrite(bytes, 1, size, e->file) == size; /* libyaml: non-zero is success */
    if (e->len + size + 1 > e->cap) {
        size_t ncap = e->cap ? e->cap : 4096;
        while (e->len + size + 1 > ncap) ncap *= 2;
        char *grown = realloc(e->buf, ncap);
        if (!grown) {
            e->oom = true;
            return 0;
        }
        e->buf = grown;
        e->cap = ncap;
    }
    memcpy(e->buf + e->len, bytes, size);
    e->len += size;
    e->buf[e->len] = '\0';
    return 1;
}

static int out_handler(void *data, unsigned char *bytes, size_t size) {
    nb_yemit *e = data;
    if (!e->escape_bidi) return out_append(e, bytes, size);
    /* Every text holding a bidi control is written double-quoted (see
     * free_text), where \uXXXX reads back as the character; keys and
     * words never hold one. libyaml flushes whole characters, so none is
     * split between calls. */
    size_t start = 0;
    for (size_t i = 0; i + 2 < size; i++) {
        if (!nb_utf8_is_bidi_control((const char *)bytes + i, size - i)) continue;
        char esc[8];
        unsigned cp = ((unsigned)(bytes[i] & 0x0F) << 12) | ((unsigned)(bytes[i + 1] & 0x3F) << 6) |
                      (unsigned)(bytes[i + 2] & 0x3F);
        snprintf(esc, sizeof esc, "\\u%04X", cp);
        if (!out_append(e, bytes + start, i - start) || !out_append(e, (const unsigned char *)esc, 6)) return 0;
        i += 2;
        start = i + 1;
    }
    return out_append(e, bytes + start, size - start);
}

static void emit(nb_yemit *e, yaml_event_t *ev) {
    if (e->failed) {
        yaml_event_delete(ev);
        return;
    }
    /* The emitter destroys the event, even when it fails. */
    if (!yaml_emitter_emit(&e->y, ev)) {
        e->failed = true;
        e->problem = e->y.problem;
        if (e->oom)
            nb_error_set(e->err, ENOMEM, _("out of memory while writing YAML"));
        else
            nb_error_set(e->err, EINVAL, _("cannot write YAML: %s"), e->y.problem ? e->y.problem : "?");
    }
}

/* The file (or NULL for memory) and the escaping are set before the
 * first event, which may already be written. */
static void start(nb_yemit *e, FILE *file, bool escape_bidi, nb_error *err) {
    memset(e, 0, sizeof *e);
    e->err = err;
    e->file = file;
    e->escape_bidi = escape_bidi;
    if (!yaml_emitter_initialize(&e->y)) {
        e->failed = true;
        nb_error_set(err, ENOMEM, _("out of memory"));
        return;
    }
    yaml_emitter_set_output(&e->y, out_handler, e);
    yaml_emitter_set_unicode(&e->y, 1);
    yaml_emitter_set_width(&e->y, -1);
    yaml_emitter_set_indent(&e->y, 2);
    yaml_event_t ev;
    yaml_stream_start_event_initialize(&ev, YAML_UTF8_ENCODING);
    emit(e, &ev);
    yaml_document_start_event_initialize(&ev, NULL, NULL, NULL, 1);
    emit(e, &ev);
}

void nb_yemit_begin(nb_yemit *e, nb_error *err) { start(e, NULL, false, err); }

void nb_yemit_begin_file(nb_yemit *e, FILE *out, nb_error *err) { start(e, out, true, err); }

int nb_yemit_finish(nb_yemit *e, bool explicit_end, char **out, size_t *outlen) {
    yaml_event_t ev;
    yaml_document_end_event_initialize(&ev, explicit_end ? 0 : 1);
    emit(e, &ev);
    yaml_stream_end_event_initialize(&ev);
    emit(e, &ev);
    if (!e->failed && !yaml_emitter_flush(&e->y)) {
        e->failed = true;
        nb_error_set(e->err, ENOMEM, _("out of memory while writing YAML"));
    }
    yaml_emitter_delete(&e->y);
    if (e->failed) {
        free(e->buf);
        e->buf = NULL;
        if (out) *out = NULL;
        if (outlen) *outlen = 0;
        return -1;
    }
    if (out) *out = e->buf;
    if (outlen) *outlen = e->len;
    return 0;
}

const char *nb_yemit_problem(const nb_yemit *e) { return e->problem; }

static void scalar(nb_yemit *e, const char *s, size_t n, yaml_scalar_style_t style) {
    yaml_event_t ev;
    yaml_scalar_event_initialize(&ev, NULL, NULL, (yaml_char_t *)s, (int)n, 1, 1, style);
    emit(e, &ev);
}

void nb_yemit_word(nb_yemit *e, const char *s) { scalar(e, s, strlen(s), YAML_PLAIN_SCALAR_STYLE); }

void nb_yemit_null(nb_yemit *e) { nb_yemit_word(e, "null"); }

/* Free text in `style`, or as a literal block when it has several lines
 * and `block` (libyaml itself turns the block into a quoted scalar when
 * the text cannot be one: trailing spaces, control characters). */
static void free_text(nb_yemit *e, const char *s, size_t n, bool block) {
    if (!s) {
        nb_yemit_null(e);
        return;
    }
    if (!nb_utf8_valid(s, n)) {
        size_t fixed_len = 0;
        char *fixed = nb_utf8_repair(s, n, &fixed_len);
        if (fixed)
            free_text(e, fixed, fixed_len, block);
        else
            nb_yemit_null(e);
        free(fixed);
        return;
    }
    bool multiline = block && memchr(s, '\n', n) != NULL;
    if (e->escape_bidi && nb_utf8_has_bidi_control(s, n)) multiline = false; /* escaped: see out_handler */
    scalar(e, s, n, multiline ? YAML_LITERAL_SCALAR_STYLE : YAML_DOUBLE_QUOTED_SCALAR_STYLE);
}

void nb_yemit_text(nb_yemit *e, const char *s) { free_text(e, s, s ? strlen(s) : 0, true); }

void nb_yemit_text_or_null(nb_yemit *e, const char *s) { nb_yemit_text(e, s && *s ? s : NULL); }

void nb_yemit_quoted(nb_yemit *e, const char *s) { free_text(e, s, s ? strlen(s) : 0, false); }

void nb_yemit_integer(nb_yemit *e, long long v) {
    char b[32];
    int n = snprintf(b, sizeof b, "%lld", v);
    scalar(e, b, (size_t)n, YAML_PLAIN_SCALAR_STYLE);
}

void nb_yemit_number(nb_yemit *e, nb_number v) {
    char b[48];
    int n = nb_number_format(v, b, sizeof b);
    scalar(e, b, (size_t)n, YAML_PLAIN_SCALAR_STYLE);
}

void nb_yemit_boolean(nb_yemit *e, bool v) { nb_yemit_word(e, v ? "true" : "false"); }

/* One event with no content: the start or end of a map or sequence. */
static void structure(nb_yemit *e, bool seq, bool end, bool flow) {
    yaml_event_t ev;
    if (seq && end)
        yaml_sequence_end_event_initialize(&ev);
    else if (seq)
        yaml_sequence_start_event_initialize(&ev, NULL, NULL, 1,
                                             flow ? YAML_FLOW_SEQUENCE_STYLE : YAML_BLOCK_SEQUENCE_STYLE);
    else if (end)
        yaml_mapping_end_event_initialize(&ev);
    else
        yaml_mapping_start_event_initialize(&ev, NULL, NULL, 1,
                                            flow ? YAML_FLOW_MAPPING_STYLE : YAML_BLOCK_MAPPING_STYLE);
    emit(e, &ev);
}

void nb_yemit_map_start(nb_yemit *e, bool flow) { structure(e, false, false, flow); }
void nb_yemit_map_end(nb_yemit *e) { structure(e, false, true, false); }
void nb_yemit_seq_start(nb_yemit *e, bool flow) { structure(e, true, false, flow); }
void nb_yemit_seq_end(nb_yemit *e) { structure(e, true, true, false); }

void nb_yemit_empty_map(nb_yemit *e) {
    nb_yemit_map_start(e, true);
    nb_yemit_map_end(e);
}

void nb_yemit_empty_seq(nb_yemit *e) {
    nb_yemit_seq_start(e, true);
    nb_yemit_seq_end(e);
}

void nb_yemit_key_word(nb_yemit *e, const char *key, const char *s) {
    nb_yemit_word(e, key);
    nb_yemit_word(e, s);
}

void nb_yemit_key_null(nb_yemit *e, const char *key) {
    nb_yemit_word(e, key);
    nb_yemit_null(e);
}

void nb_yemit_key_text(nb_yemit *e, const char *key, const char *s) {
    nb_yemit_word(e, key);
    nb_yemit_text(e, s);
}

void nb_yemit_key_text_or_null(nb_yemit *e, const char *key, const char *s) {
    nb_yemit_word(e, key);
    nb_yemit_text_or_null(e, s);
}

void nb_yemit_key_quoted(nb_yemit *e, const char *key, const char *s) {
    nb_yemit_word(e, key);
    nb_yemit_quoted(e, s);
}

void nb_yemit_key_integer(nb_yemit *e, const char *key, long long v) {
    nb_yemit_word(e, key);
    nb_yemit_integer(e, v);
}

void nb_yemit_key_number(nb_yemit *e, const char *key, nb_number v) {
    nb_yemit_word(e, key);
    nb_yemit_number(e, v);
}

void nb_yemit_key_boolean(nb_yemit *e, const char *key, bool v) {
    nb_yemit_word(e, key);
    nb_yemit_boolean(e, v);
}
