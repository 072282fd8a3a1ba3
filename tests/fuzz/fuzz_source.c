/* libFuzzer harness of the seam where an original enters (src/source):
 * any bytes -- text, a saved web page, a PDF, or something that starts
 * like one and is not -- are sniffed and read by their source, and the
 * result is either a clear error or a text the rest of the core can rely
 * on (abort() on a violation):
 *   - on failure: a message, a non-zero code, no text;
 *   - on success: valid UTF-8 without NUL, a line index that starts at 0
 *     and increases, and the SHA-256 of the bytes as given.
 * Built like fuzz_text.c: replayed over tests/fuzz/corpus/source by
 * `make check`, and with --enable-fuzzing as tests/fuzz/source_fuzzer,
 * run by `make fuzz-source`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/sha256.h"
#include "nianbao/source.h"

#define require(ok)                                                                  \
    do {                                                                             \
        if (!(ok)) {                                                                 \
            fprintf(stderr, "fuzz_source: %s:%d: %s\n", __FILE__, __LINE__, #ok);   \
            abort();                                                                 \
        }                                                                            \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    const char *raw = (const char *)data;
    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    nb_source_kind kind = NB_SOURCE_KIND_COUNT;
    if (nb_source_from_bytes(raw, size, &t, &kind, &err) != 0) {
        require(err.code != 0 && err.message[0] != '\0' && t.utf8 == NULL);
        return 0;
    }
    require(kind < NB_SOURCE_KIND_COUNT);
    require(t.utf8 != NULL && strlen(t.utf8) == t.len && t.nlines >= 1);
    require(nb_utf8_valid(t.utf8, t.len));
    require(t.line_start[0] == 0);
    for (size_t i = 1; i < t.nlines; i++) require(t.line_start[i] > t.line_start[i - 1]);
    unsigned char want[32];
    nb_sha256(raw, size, want);
    require(memcmp(want, t.sha256, sizeof want) == 0);
    nb_text_free(&t);
    return 0;
}

#ifdef NB_FUZZ_REPLAY
#include "replay.h"

int main(int argc, char **argv) {
    return nb_fuzz_replay_main(argc, argv, "fuzz_source", "tests/fuzz/corpus/source",
                               LLVMFuzzerTestOneInput);
}
#endif
