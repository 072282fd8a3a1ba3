/* Sign-off and verify: the hashes a sign-off records (of the signed
 * tables and of the sealed verdict, notes and statuses), signing, and
 * checking a review file later against its source and its sign-off. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "nianbao/fileio.h"
#include "nianbao/review.h"
#include "nianbao/sha256.h"
#include "nianbao/yamlio.h"
#include "review-internal.h"

/* SHA-256 (hex) of the canonical signed data of `r`. */
static int data_digest(const nb_report *r, char hex[65], nb_error *err) {
    char *data = NULL;
    size_t n = 0;
    if (nb_yaml_signed_data(r, &data, &n, err) != 0) return -1;
    unsigned char d[32];
    nb_sha256(data, n, d);
    nb_sha256_hex(d, hex);
    free(data);
    return 0;
}

/* SHA-256 (hex) of the sealed text of a sign-off and the statuses. */
static int seal_digest(const nb_signoff *s, const nb_status_entry *st, int n, char hex[65],
                       nb_error *err) {
    char *text = NULL;
    size_t len = 0;
    if (nb_yaml_seal_text(s, st, n, &text, &len, err) != 0) return -1;
    unsigned char d[32];
    nb_sha256(text, len, d);
    nb_sha256_hex(d, hex);
    free(text);
    return 0;
}

int nb_review_data_sha256(const nb_report *r, char hex[65], nb_error *err) {
    return data_digest(r, hex, err);
}

int nb_review_sign(nb_review *rv, const char *reviewer, nb_verdict verdict, const char *note,
                   bool override, const char *override_note, nb_error *err) {
    if (!reviewer || !*reviewer) {
        nb_error_set(err, EINVAL, _("a sign-off needs the reviewer's name"));
        return -1;
    }
    if (strlen(reviewer) >= sizeof rv->signoff.reviewer) {
        nb_error_set(err, EINVAL, _("the reviewer's name is too long"));
        return -1;
    }
    if (verdict < NB_VERDICT_APPROVED || verdict > NB_VERDICT_REJECTED) {
        nb_error_set(err, EINVAL, _("the verdict must be approved, approved_with_notes or rejected"));
        return -1;
    }
    if (nb_rv_check_texts(reviewer, note, err) != 0 || nb_rv_check_texts(override_note, NULL, err) != 0) return -1;
    int open = nb_review_open_errors(rv);
    bool overriding = open > 0;
    if (overriding && !(override && override_note && *override_note)) {
        nb_error_set(err, EINVAL,
                     ngettext("%d error is still open: mark it fixed, or confirmed in source with "
                              "a note, or sign with an override and say why",
                              "%d errors are still open: mark each fixed, or confirmed in source "
                              "with a note, or sign with an override and say why",
                              (unsigned long)open),
                     open);
        return -1;
    }
    nb_signoff s;
    memset(&s, 0, sizeof s);
    s.present = true;
    snprintf(s.reviewer, sizeof s.reviewer, "%s", reviewer);
    nb_time_now_iso(s.time);
    s.verdict = verdict;
    s.override = overriding;
    nb_sha256_hex(rv->doc->text.sha256, s.source_sha256);
    if (data_digest(&rv->current, s.data_sha256, err) != 0) return -1;
    s.note = nb_rv_dup_or_null(note);
    s.override_note = overriding ? nb_rv_dup_or_null(override_note) : NULL;
    if (seal_digest(&s, rv->statuses, rv->nstatuses, s.seal_sha256, err) != 0) {
        free(s.note);
        free(s.override_note);
        return -1;
    }
    nb_rv_free_signoff(&rv->signoff);
    rv->signoff = s;
    rv->signed_applied = rv->applied;
    if (!rv->reviewer[0]) snprintf(rv->reviewer, sizeof rv->reviewer, "%s", reviewer);
    rv->meta_unsaved = true;
    return 0;
}

/* Replay the edit log on a fresh reading of the source and compare with
 * the tables the file states. Informational: a difference means the file
 * was edited by hand, or this nianbao reads the source differently from
 * the one that made the review. */
static void verify_replay(const char *source_path, const nb_review_file *f, nb_verify_result *res) {
    nb_document doc;
    nb_error err;
    nb_error_clear(&err);
    if (nb_document_load(&doc, source_path, &err) != 0) return;
    int index = nb_review_file_report(&doc, f);
    nb_review rv;
    if (index >= 0 && nb_review_open(&rv, &doc, index, &err) == 0) {
        if (nb_review_apply_file(&rv, f, NULL, NULL, &err) == 0) {
            res->replay_checked = true;
            if (rv.current.cells && f->report.cells && rv.current.tpl == f->report.tpl) {
                for (int i = 0; i < rv.current.tpl->ncells; i++) {
                    if (nb_rv_same_cell_value(&rv.current.cells[i], &f->report.cells[i])) continue;
                    if (res->replay_differences++ == 0)
                        nb_template_cell_id(rv.current.tpl, i, res->replay_first_difference,
                                            sizeof res->replay_first_difference);
                }
            } else if ((rv.current.cells != NULL) != (f->report.cells != NULL)) {
                res->replay_differences = 1;
                snprintf(res->replay_first_difference, sizeof res->replay_first_difference, "tables");
            }
        }
        nb_review_free(&rv);
    }
    nb_document_free(&doc);
}

int nb_review_verify(const char *review_path, nb_verify_result *res, nb_error *err) {
    memset(res, 0, sizeof *res);
    nb_review_file f;
    if (nb_review_read_file(review_path, &f, err) != 0) return -1;
    res->format = f.format;
    snprintf(res->recorded_source_sha256, sizeof res->recorded_source_sha256, "%s", f.source_sha256);
    res->source_url = f.source_url; /* taken over: freed with the result */
    f.source_url = NULL;
    snprintf(res->source_fetched, sizeof res->source_fetched, "%s", f.source_fetched);
    res->signed_off = f.signoff.present;
    res->signoff_void = f.signoff.void_;
    res->verdict = f.signoff.verdict;
    res->override = f.signoff.override;
    snprintf(res->reviewer, sizeof res->reviewer, "%s", f.signoff.reviewer);
    snprintf(res->time, sizeof res->time, "%s", f.signoff.time);
    res->source_path = nb_review_find_source(review_path, &f);
    if (res->source_path) {
        char *raw = NULL;
        size_t n = 0;
        nb_error rerr;
        nb_error_clear(&rerr);
        /* The path comes from the review file: a FIFO there must be
         * refused, not waited on. */
        if (nb_file_read_regular(res->source_path, NB_TEXT_MAX_BYTES, &raw, &n, &rerr) != 0) {
            snprintf(res->source_problem, sizeof res->source_problem, "%s", rerr.message);
        } else {
            unsigned char d[32];
            nb_sha256(raw, n, d);
            nb_sha256_hex(d, res->actual_source_sha256);
            res->source_found = true;
            res->source_unchanged = strcmp(res->actual_source_sha256, f.source_sha256) == 0;
            free(raw);
            if (res->source_unchanged) verify_replay(res->source_path, &f, res);
        }
    }
    if (f.signoff.present) {
        res->signoff_source_matches = strcmp(f.signoff.source_sha256, f.source_sha256) == 0 &&
                                      (!res->source_found ||
                                       strcmp(f.signoff.source_sha256, res->actual_source_sha256) == 0);
        char hex[65];
        if (data_digest(&f.report, hex, err) != 0) {
            nb_review_file_free(&f);
            return -1;
        }
        res->data_unchanged = strcmp(hex, f.signoff.data_sha256) == 0;
        if (seal_digest(&f.signoff, f.statuses, f.nstatuses, hex, err) != 0) {
            nb_review_file_free(&f);
            return -1;
        }
        res->seal_unchanged = f.signoff.seal_sha256[0] && strcmp(hex, f.signoff.seal_sha256) == 0;
    }
    nb_review_file_free(&f);
    return 0;
}

bool nb_verify_ok(const nb_verify_result *res) {
    return res->source_found && res->source_unchanged && res->signed_off && !res->signoff_void &&
           res->signoff_source_matches && res->data_unchanged &&
           res->seal_unchanged;
}

void nb_verify_result_free(nb_verify_result *res) {
    free(res->source_path);
    res->source_path = NULL;
    free(res->source_url);
    res->source_url = NULL;
}
