/* Fuzz harness of the review-file loader: any bytes go through the safe
 * reader and, when they form a review file, are applied to a review of a
 * hand-built report of each template; the result is written back out and
 * must read again (what we write, we can read), and undo/redo of the whole
 * history must not fail. Invariant violations abort().
 *
 * Two builds from this file:
 *  - with libFuzzer (configure CC=clang CFLAGS='-g -fsanitize=fuzzer-no-link,address,undefined'
 *    --enable-fuzzing; `make fuzz-review-load` runs it for FUZZ_SECONDS);
 *  - with NB_FUZZ_REPLAY, a plain program that replays the seed corpus
 *    (tests/fuzz/corpus/review_load, or the files and folders given) during
 *    `make check`. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/review.h"
#include "nianbao/yamlio.h"
#include "nianbao/yamlread.h"
#include "review_fixture.h"

#define require(ok)                                                                       \
    do {                                                                                  \
        if (!(ok)) {                                                                      \
            fprintf(stderr, "fuzz_review_load: %s:%d: %s\n", __FILE__, __LINE__, #ok);   \
            abort();                                                                      \
        }                                                                                 \
    } while (0)

/* One document per template variant, built once. */
static nb_document docs[3];
static bool docs_ready;

static void build_docs(void) {
    if (docs_ready) return;
    require(fixture_doc_from(&docs[0], fixture_text, sizeof fixture_text - 1, NB_TEMPLATE_2019, true, 2020) == 0);
    require(fixture_doc_from(&docs[1], fixture_text, sizeof fixture_text - 1, NB_TEMPLATE_2021, false, 2020) == 0);
    require(fixture_doc_from(&docs[2], fixture_text, sizeof fixture_text - 1, NB_TEMPLATE_2021, true, 2020) == 0);
    docs_ready = true;
}

static void exercise_review(nb_document *doc, const nb_review_file *f) {
    nb_review rv;
    nb_error err;
    require(nb_review_open(&rv, doc, 0, &err) == 0);
    /* The fixture's year is 2020; let a file of any year reach the replay. */
    int saved_year = doc->reports[0].year;
    doc->reports[0].year = f->report.year;
    bool changed = false;
    char *mismatch = NULL;
    if (nb_review_apply_file(&rv, f, &changed, &mismatch, &err) == 0) {
        free(mismatch);
        char *out = NULL;
        size_t n = 0;
        require(nb_yaml_review(&rv, &out, &n, &err) == 0);
        nb_review_file again;
        if (nb_yaml_read_review(out, n, &again, &err) != 0) {
            fprintf(stderr, "fuzz_review_load: own output refused: %s\n--\n%s\n", err.message, out);
            abort();
        }
        require(again.nchanges == rv.applied);
        nb_review_file_free(&again);
        free(out);
        int steps = 0;
        while (nb_review_undo(&rv)) steps++;
        require(steps == rv.nchanges);
        while (nb_review_redo(&rv)) steps--;
        require(steps == 0);
    } else {
        require(err.message[0] != '\0');
    }
    doc->reports[0].year = saved_year;
    nb_review_free(&rv);
}

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size);

int LLVMFuzzerTestOneInput(const unsigned char *data, size_t size) {
    build_docs();
    nb_review_file f;
    nb_error err;
    nb_error_clear(&err);
    if (nb_yaml_read_review((const char *)data, size, &f, &err) != 0) {
        require(err.message[0] != '\0');
        return 0;
    }
    for (int i = 0; i < 3; i++)
        if (f.report.tpl == docs[i].reports[0].tpl || (!f.report.tpl && i == 0))
            exercise_review(&docs[i], &f);
    char hex[65];
    nb_review_data_sha256(&f.report, hex, &err);
    nb_review_file_free(&f);
    return 0;
}

#ifdef NB_FUZZ_REPLAY
#include "replay.h"

int main(int argc, char **argv) {
    return nb_fuzz_replay_main(argc, argv, "fuzz_review_load", "tests/fuzz/corpus/review_load",
                               LLVMFuzzerTestOneInput);
}
#endif
