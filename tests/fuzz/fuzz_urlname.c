/* libFuzzer harness of a fetched copy's name (src/source/urlcopy.c): a
 * web address comes from an email or a page, and its copy is written
 * under the name made from it, so any address must give either no name
 * or a safe one (abort() on a violation): only [A-Za-z0-9._-] before
 * the kind's extension, not hidden, not "." or "..", no longer than a
 * file system takes, the same name every time for the same address.
 * Built like fuzz_source.c: replayed over tests/fuzz/corpus/urlname by
 * `make check`, and with --enable-fuzzing as tests/fuzz/urlname_fuzzer,
 * run by `make fuzz-urlname`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/url.h"

#define require(ok)                                                                  \
    do {                                                                             \
        if (!(ok)) {                                                                 \
            fprintf(stderr, "fuzz_urlname: %s:%d: %s\n", __FILE__, __LINE__, #ok);  \
            abort();                                                                 \
        }                                                                            \
    } while (0)

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_name(const char *url, nb_source_kind kind) {
    static const char *const ext[] = {".txt", ".html", ".pdf"};
    char *name = nb_url_copy_name(url, kind);
    if (!nb_url_is_web(url)) {
        require(name == NULL);
        return;
    }
    require(name != NULL);
    size_t n = strlen(name), e = strlen(ext[kind]);
    require(n > e && n <= 120 && strcmp(name + n - e, ext[kind]) == 0);
    require(name[0] != '.' && name[0] != '-');
    for (size_t i = 0; i < n; i++)
        require(strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._-", name[i]) &&
                name[i] != '\0');
    char *again = nb_url_copy_name(url, kind);
    require(again != NULL && strcmp(again, name) == 0);
    free(again);
    free(name);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    if (size > 4 * NB_URL_MAX_BYTES) return 0; /* longer is refused before any name */
    char *url = malloc(size + 1);
    if (!url) return 0;
    memcpy(url, data, size);
    url[size] = '\0'; /* up to the first NUL, as argv gives it */
    for (int k = 0; k < NB_SOURCE_KIND_COUNT; k++) check_name(url, (nb_source_kind)k);
    free(url);
    return 0;
}

#ifdef NB_FUZZ_REPLAY
#include "replay.h"

int main(int argc, char **argv) {
    return nb_fuzz_replay_main(argc, argv, "fuzz_urlname", "tests/fuzz/corpus/urlname",
                               LLVMFuzzerTestOneInput);
}
#endif
