/* libFuzzer harness of the text module: any bytes are decoded, indexed,
 * folded, measured and sanitised, and the invariants the rest of the
 * core relies on are checked (abort() on a violation):
 *   - decoded text is valid UTF-8 with no NUL, and its line index is
 *     increasing and agrees with nb_text_line_of;
 *   - the folding map is monotone and in range, and a span folded from
 *     the text's cached lines is the same as its bytes folded;
 *   - sanitised text has no control or format character and the same
 *     display width; grapheme clusters tile the text.
 * Built two ways:
 *  - with --enable-fuzzing (clang, CFLAGS with
 *    -fsanitize=fuzzer-no-link,address,undefined) as the libFuzzer target
 *    tests/fuzz/text_fuzzer, run for FUZZ_SECONDS by `make fuzz-text`;
 *  - with NB_FUZZ_REPLAY, a plain program that replays the seed corpus
 *    (tests/fuzz/corpus/text, or the files and folders given) during
 *    `make check`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "nianbao/fold.h"
#include "nianbao/text.h"

#define require(ok)                                                                  \
    do {                                                                             \
        if (!(ok)) {                                                                 \
            fprintf(stderr, "fuzz_text: %s:%d: %s\n", __FILE__, __LINE__, #ok);   \
            abort();                                                                 \
        }                                                                            \
    } while (0)

static void check_valid_utf8(const char *s, size_t n) {
    for (size_t i = 0; i < n;) {
        int32_t cp;
        size_t k = nb_utf8_next(s + i, n - i, &cp);
        require(k >= 1 && !(k == 1 && (unsigned char)s[i] >= 0x80));
        i += k;
    }
}

static void check_string_functions(const char *s, size_t n) {
    size_t cap = n * 2 + 1;
    char *folded = malloc(cap);
    size_t *map = malloc(cap * sizeof *map);
    require(folded && map);
    size_t outlen = nb_fold_text_map(s, n, folded, cap, map);
    require(folded[outlen] == '\0');
    check_valid_utf8(folded, outlen);
    for (size_t i = 0; i < outlen; i++) require(map[i] < n && (i == 0 || map[i - 1] <= map[i]));
    free(folded);
    free(map);

    for (int keep = 0; keep < 2; keep++) {
        char *safe = nb_sanitize(s, n, keep);
        require(safe != NULL);
        size_t sl = strlen(safe);
        check_valid_utf8(safe, sl);
        for (size_t i = 0; i < sl;) {
            int32_t cp;
            i += nb_utf8_next(safe + i, sl - i, &cp);
            require(!(cp < 0x20 && !(keep && cp == '\t')) && !(cp >= 0x7F && cp <= 0x9F));
            utf8proc_category_t cat = utf8proc_category(cp);
            require(cat != UTF8PROC_CATEGORY_CF && cat != UTF8PROC_CATEGORY_ZL &&
                    cat != UTF8PROC_CATEGORY_ZP);
        }
        if (!keep) require(nb_display_width(safe, sl) == nb_display_width(s, n));
        free(safe);
    }

    size_t total = 0;
    while (total < n) {
        size_t g = nb_grapheme_len(s + total, n - total);
        require(g >= 1 && g <= n - total);
        total += g;
    }
    require(nb_display_column(s, n, 0) == nb_display_width(s, n));
    require(nb_display_column(s, n, 8) >= 0);
    int used = -1;
    size_t fit = nb_display_fit(s, n, 7, &used);
    require(fit <= n && used >= 0 && used <= 7);
    require(nb_display_width(s, fit) == used);
}

/* A span of the text folded from its cached lines is the span's bytes
 * folded, and every folded byte maps back to where the map says. */
static void check_fold_span(const nb_text *t) {
    size_t a = t->len / 3;
    while (a < t->len && ((unsigned char)t->utf8[a] & 0xC0) == 0x80) a++;
    size_t n = t->len - a, got_len;
    char *got = nb_fold_span(t, a, t->len, &got_len);
    char *want = malloc(n * 2 + 1);
    size_t *map = malloc((n * 2 + 1) * sizeof *map);
    require(got && want && map);
    size_t want_len = nb_fold_text_map(t->utf8 + a, n, want, n * 2 + 1, map);
    require(got_len == want_len && memcmp(got, want, want_len) == 0);
    for (size_t o = 0; o < want_len; o++) require(nb_fold_span_byte(t, a, o) == a + map[o]);
    free(got);
    free(want);
    free(map);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *raw = (const char *)data;
    check_string_functions(raw, size);

    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    if (nb_text_from_bytes(raw, size, &t, &err) != 0) {
        require(err.code != 0 && err.message[0] != '\0' && t.utf8 == NULL);
        return 0;
    }
    require(t.utf8 != NULL && strlen(t.utf8) == t.len && t.nlines >= 1);
    require((t.invalid_count == 0) == (t.first_invalid_line == 0));
    require(t.first_invalid_line <= t.nlines);
    check_valid_utf8(t.utf8, t.len);
    require(t.line_start[0] == 0);
    for (size_t i = 0; i < t.nlines; i++) {
        size_t b, e;
        nb_text_line_bounds(&t, i, &b, &e);
        require(b <= e && e <= t.len);
        require(memchr(t.utf8 + b, '\n', e - b) == NULL && memchr(t.utf8 + b, '\r', e - b) == NULL);
        require(nb_text_line_of(&t, b) == i);
        if (i + 1 < t.nlines) require(t.line_start[i + 1] > b);
        require(nb_text_column_of(&t, b) == 1);
    }
    check_string_functions(t.utf8, t.len);
    check_fold_span(&t);
    nb_text_free(&t);
    return 0;
}

#ifdef NB_FUZZ_REPLAY
#include "replay.h"

int main(int argc, char **argv) {
    return nb_fuzz_replay_main(argc, argv, "fuzz_text", "tests/fuzz/corpus/text",
                               LLVMFuzzerTestOneInput);
}
#endif
