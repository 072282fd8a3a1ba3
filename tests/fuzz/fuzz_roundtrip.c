/* Round-trip fuzz harness of a review: any bytes that decode are read as
 * a report; on its first report with tables a review makes edits chosen
 * by the bytes (a cell set, a cell cleared, a finding judged with a note
 * cut from the input), is written as a review file, read back and applied
 * to a second, fresh reading of the same bytes. The two reviews must
 * agree cell for cell, on the signed data's SHA-256 and on every status:
 * what is saved is what comes back. Invariant violations abort().
 *
 * Two builds, as the other harnesses: with libFuzzer (`make
 * fuzz-roundtrip`, --enable-fuzzing), and with NB_FUZZ_REPLAY, a plain
 * program that replays tests/fuzz/corpus/roundtrip during `make check`. */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/document.h"
#include "nianbao/review.h"
#include "nianbao/yamlio.h"

#define require(ok)                                                                    \
    do {                                                                               \
        if (!(ok)) {                                                                   \
            fprintf(stderr, "fuzz_roundtrip: %s:%d: %s\n", __FILE__, __LINE__, #ok); \
            abort();                                                                   \
        }                                                                              \
    } while (0)

/* The same bytes choose the same edits. */
static uint64_t hash_of(const uint8_t *data, size_t size) {
    return nb_fnv1a(UINT64_C(1469598103934665603), data, size);
}

static bool read_report(const uint8_t *data, size_t size, nb_document *doc, int *index) {
    nb_text t;
    nb_error err;
    nb_error_clear(&err);
    if (nb_text_from_bytes((const char *)data, size, &t, &err) != 0) return false;
    require(nb_document_parse(doc, "fuzz.txt", &t, &err) == 0);
    *index = -1;
    for (int i = 0; i < doc->nreports && *index < 0; i++)
        if (doc->reports[i].has_tables) *index = i;
    if (*index >= 0) return true;
    nb_document_free(doc);
    return false;
}

/* The edits the bytes choose; refusals (a value a cell cannot hold, a
 * note that is not text) are part of what is tried. */
static void make_edits(nb_review *rv, const uint8_t *data, size_t size) {
    uint64_t h = hash_of(data, size);
    int ncells = rv->current.tpl->ncells;
    nb_error err;
    nb_number v = {(int64_t)(h >> 20) % 100000, 0};
    (void)nb_review_set_cell(rv, (int)(h % (uint64_t)ncells), v, NULL, "fuzz", &err);
    (void)nb_review_clear_cell(rv, (int)((h >> 8) % (uint64_t)ncells), "fuzz", &err);
    if (rv->findings.count > 0) {
        char key[sizeof rv->findings.items[0].key], note[48];
        memcpy(key, rv->findings.items[(h >> 40) % (uint64_t)rv->findings.count].key, sizeof key);
        size_t n = size < sizeof note - 1 ? size : sizeof note - 1;
        memcpy(note, data + (size - n), n);
        note[n] = '\0';
        (void)nb_review_set_status(rv, key, NB_STATUS_CONFIRMED, note, &err);
    }
}

static void same_reviews(const nb_review *a, const nb_review *b) {
    const nb_report *x = &a->current, *y = &b->current;
    require(x->tpl == y->tpl);
    for (int i = 0; i < x->tpl->ncells; i++) {
        require(x->cells[i].has_value == y->cells[i].has_value);
        if (x->cells[i].has_value) require(nb_number_cmp(x->cells[i].value, y->cells[i].value) == 0);
    }
    char ha[65], hb[65];
    nb_error err;
    require(nb_review_data_sha256(x, ha, &err) == 0 && nb_review_data_sha256(y, hb, &err) == 0);
    require(strcmp(ha, hb) == 0);
    for (int k = 0; k < a->findings.count; k++) {
        const char *na = NULL, *nb = NULL;
        const char *key = a->findings.items[k].key;
        require(nb_review_status_of(a, key, &na) == nb_review_status_of(b, key, &nb));
        require(strcmp(na ? na : "", nb ? nb : "") == 0);
    }
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
    nb_document first, second;
    int k, k2;
    if (!read_report(data, size, &first, &k)) return 0;
    require(read_report(data, size, &second, &k2) && k2 == k); /* reading is deterministic */
    nb_review rv, again;
    nb_error err;
    require(nb_review_open(&rv, &first, k, &err) == 0);
    make_edits(&rv, data, size);
    char *yaml = NULL;
    size_t n = 0;
    require(nb_yaml_review(&rv, &yaml, &n, &err) == 0);
    nb_review_file f;
    if (nb_yaml_read_review(yaml, n, &f, &err) != 0) {
        fprintf(stderr, "fuzz_roundtrip: own review refused: %s\n--\n%s\n", err.message, yaml);
        abort();
    }
    require(nb_review_open(&again, &second, k, &err) == 0);
    bool changed = true;
    char *mismatch = NULL;
    require(nb_review_apply_file(&again, &f, &changed, &mismatch, &err) == 0);
    require(!changed && mismatch == NULL); /* the same bytes, the same reading */
    same_reviews(&rv, &again);
    nb_review_file_free(&f);
    free(yaml);
    nb_review_free(&again);
    nb_review_free(&rv);
    nb_document_free(&second);
    nb_document_free(&first);
    return 0;
}

#ifdef NB_FUZZ_REPLAY
#include "replay.h"

int main(int argc, char **argv) {
    return nb_fuzz_replay_main(argc, argv, "fuzz_roundtrip", "tests/fuzz/corpus/roundtrip",
                               LLVMFuzzerTestOneInput);
}
#endif
