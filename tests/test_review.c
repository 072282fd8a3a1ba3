/* The review model and its files: edits with undo/redo, statuses,
 * sign-off, save and resume (also after the source changed), verify,
 * failures to write, recovery, and a round trip over every corpus file
 * and sample. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <cmocka.h>

#include "nianbao/fileio.h"
#include "nianbao/review.h"
#include "nianbao/sha256.h"
#include "nianbao/yamlio.h"
#include "nianbao/yamlread.h"
#include "testlib.h"
#include "review_fixture.h"

static char tmpdir[256];

static int make_tmpdir(void **state) {
    (void)state;
    snprintf(tmpdir, sizeof tmpdir, "/tmp/nb_test_review.XXXXXX");
    if (!mkdtemp(tmpdir)) return -1;
    return 0;
}

static int remove_entry(const char *path, const struct stat *st, int flag, struct FTW *ftw) {
    (void)st;
    (void)flag;
    (void)ftw;
    chmod(path, 0755);
    return remove(path) == 0 ? 0 : 0; /* keep going: leftovers are only clutter */
}

static int remove_tmpdir(void **state) {
    (void)state;
    nftw(tmpdir, remove_entry, 16, FTW_DEPTH | FTW_PHYS);
    return 0;
}

static char *tmp_path(const char *name) {
    static char buf[4][512];
    static int k;
    k = (k + 1) % 4;
    snprintf(buf[k], sizeof buf[k], "%s/%s", tmpdir, name);
    return buf[k];
}

static int cell(const nb_review *rv, const char *id) {
    int i = nb_template_find_cell(rv->current.tpl, id);
    if (i < 0) fail_msg("no cell %s", id);
    return i;
}

static nb_number num(long long v) {
    nb_number n = {v, 0};
    return n;
}

static char *slurp(const char *path) {
    char *buf = NULL;
    size_t n = 0;
    nb_error err;
    if (nb_file_read(path, 1 << 26, &buf, &n, &err) != 0) return NULL;
    return buf;
}

static void spit(const char *path, const char *text) {
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(text, f);
    fclose(f);
}

/* The fixture with one broken identity: 行政复议 1 + 0 + 0 + 0 ≠ 总计 0. */
static void broken_doc(nb_document *doc) {
    assert_int_equal(fixture_doc(doc), 0);
    fixture_set(doc, "appeals.review.upheld", 1, 0);
}

static const nb_finding *find_rule(const nb_review *rv, const char *rule) {
    for (int i = 0; i < rv->findings.count; i++)
        if (strcmp(rv->findings.items[i].rule, rule) == 0) return &rv->findings.items[i];
    return NULL;
}

/* A review of the broken document and the key of its appeals.total
 * finding; returns that finding. */
static const nb_finding *open_on_broken_total(nb_document *doc, nb_review *rv, char key[160]) {
    nb_error err;
    broken_doc(doc);
    assert_int_equal(nb_review_open(rv, doc, 0, &err), 0);
    const nb_finding *f = find_rule(rv, "appeals.total");
    assert_non_null(f);
    snprintf(key, 160, "%s", f->key);
    return f;
}

/* ------------------------------------------------------------ edits */

static void test_edit_undo_redo(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    snprintf(rv.reviewer, sizeof rv.reviewer, "王五");
    assert_non_null(find_rule(&rv, "appeals.total"));
    assert_int_equal(nb_review_open_errors(&rv), 1);
    assert_false(nb_review_dirty(&rv));
    assert_false(nb_review_can_undo(&rv));

    int total = cell(&rv, "appeals.review.total");
    assert_int_equal(nb_review_set_cell(&rv, total, num(1), NULL, "typo in the source", &err), 0);
    /* The checks ran again: the identity holds now. */
    assert_null(find_rule(&rv, "appeals.total"));
    assert_int_equal(nb_review_open_errors(&rv), 0);
    assert_true(nb_review_dirty(&rv));
    assert_true(nb_review_cell_edited(&rv, total));
    assert_true(nb_review_cell_unsaved(&rv, total));
    assert_int_equal(rv.current.cells[total].origin, NB_ORIGIN_EDITED);
    assert_int_equal(rv.changes[0].before.value.units, 0);
    assert_int_equal(rv.changes[0].after.value.units, 1);
    assert_string_equal(rv.changes[0].reviewer, "王五");
    assert_string_equal(rv.changes[0].reason, "typo in the source");
    /* Time with zone: 2026-11-24T12:03:00+08:00 (or Z). */
    assert_true(strlen(rv.changes[0].time) == 25 || strlen(rv.changes[0].time) == 20);
    assert_true(rv.changes[0].time[10] == 'T');

    /* The same value again records nothing. */
    assert_int_equal(nb_review_set_cell(&rv, total, num(1), NULL, NULL, &err), 0);
    assert_int_equal(rv.nchanges, 1);

    int upheld = cell(&rv, "appeals.review.upheld");
    assert_int_equal(nb_review_clear_cell(&rv, upheld, NULL, &err), 0);
    assert_false(rv.current.cells[upheld].has_value);
    assert_int_equal(rv.nchanges, 2);

    assert_true(nb_review_undo(&rv));
    assert_true(rv.current.cells[upheld].has_value);
    assert_int_equal(rv.current.cells[upheld].value.units, 1);
    assert_true(nb_review_undo(&rv));
    assert_int_equal(rv.current.cells[total].value.units, 0);
    assert_int_equal(rv.current.cells[total].origin, NB_ORIGIN_READ);
    assert_non_null(find_rule(&rv, "appeals.total"));
    assert_false(nb_review_undo(&rv));
    assert_false(nb_review_dirty(&rv));
    assert_true(nb_review_redo(&rv));
    assert_int_equal(rv.current.cells[total].value.units, 1);
    assert_true(nb_review_can_redo(&rv));
    /* A new change drops the redo tail. */
    int pending = cell(&rv, "appeals.review.pending");
    assert_int_equal(nb_review_set_cell(&rv, pending, num(3), NULL, NULL, &err), 0);
    assert_false(nb_review_can_redo(&rv));
    assert_int_equal(rv.nchanges, 2);
    assert_int_equal(rv.changes[1].cell, pending);

    /* Bad values are refused with a message and change nothing. */
    assert_int_equal(nb_review_set_cell(&rv, pending, num(-1), NULL, NULL, &err), -1);
    assert_non_null(strstr(err.message, "negative"));
    nb_number half = {15, 1};
    assert_int_equal(nb_review_set_cell(&rv, pending, half, NULL, NULL, &err), -1);
    assert_non_null(strstr(err.message, "whole number"));
    assert_int_equal(nb_review_set_cell(&rv, 100000, num(1), NULL, NULL, &err), -1);
    assert_int_equal(rv.nchanges, 2);
    /* 本年增/减 may be negative; amounts take decimals and a unit. */
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "active.licensing.change"), num(-49), NULL, NULL, &err), 0);
    nb_number amount = {6755291, 2};
    int amt = cell(&rv, "active.procurement.amount");
    assert_int_equal(nb_review_set_cell(&rv, amt, amount, "元", NULL, &err), 0);
    assert_string_equal(rv.current.cells[amt].unit, "元");
    assert_int_equal(nb_review_set_cell(&rv, pending, num(2), "元", NULL, &err), -1);

    /* Unlimited history. */
    for (int i = 0; i < 5000; i++)
        assert_int_equal(nb_review_set_cell(&rv, pending, num(i % 2 ? 7 : 8), NULL, NULL, &err), 0);
    int n = rv.nchanges;
    while (nb_review_undo(&rv)) n--;
    assert_int_equal(n, 0);
    assert_int_equal(rv.current.cells[pending].value.units, 0);
    while (nb_review_redo(&rv)) n++;
    assert_int_equal(n, rv.nchanges);
    {
        /* A POSIX TZ string needs no tzdata: the zone is written +08:00. */
        char *old_tz = getenv("TZ") ? strdup(getenv("TZ")) : NULL;
        setenv("TZ", "CST-8", 1);
        tzset();
        int pending_cell = cell(&rv, "appeals.suit_direct.pending");
        assert_int_equal(nb_review_set_cell(&rv, pending_cell, num(4), NULL, NULL, &err), 0);
        const char *t = rv.changes[rv.nchanges - 1].time;
        assert_int_equal(strlen(t), 25);
        assert_string_equal(t + 19, "+08:00");
        assert_true(nb_review_undo(&rv));
        if (old_tz) setenv("TZ", old_tz, 1); else unsetenv("TZ");
        free(old_tz);
        tzset();
    }
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* Changes made as one action (one note on several findings) are undone
 * and redone together; the changes around them one by one. */
/* A status and a cell changed as one action (one group), then one more
 * cell alone: what the group tests undo. */
static void judge_then_edit(nb_review *rv, const char *key) {
    nb_error err;
    nb_review_group_begin(rv);
    assert_int_equal(nb_review_set_status(rv, key, NB_STATUS_DISMISSED, "one reason", &err), 0);
    assert_int_equal(nb_review_set_cell(rv, 1, (nb_number){8, 0}, NULL, NULL, &err), 0);
    nb_review_group_end(rv);
    assert_int_equal(nb_review_set_cell(rv, 2, (nb_number){9, 0}, NULL, NULL, &err), 0);
}

/* `rv` saved (its review file holding `holds`), read back and resumed as
 * `back` on the same reading. */
static void resume_copy(const nb_review *rv, nb_document *doc, const char *holds, nb_review *back) {
    nb_error err;
    char *yaml = NULL;
    size_t n = 0;
    assert_int_equal(nb_yaml_review(rv, &yaml, &n, &err), 0);
    assert_non_null(strstr(yaml, holds));
    nb_review_file f;
    assert_int_equal(nb_yaml_read_review(yaml, n, &f, &err), 0);
    assert_int_equal(nb_review_open(back, doc, 0, &err), 0);
    assert_int_equal(nb_review_apply_file(back, &f, NULL, NULL, &err), 0);
    nb_review_file_free(&f);
    free(yaml);
}

/* After judge_then_edit on `base` earlier changes: undo takes the last
 * edit alone, then the group in one step; redo brings the group back. */
static void undo_group_and_redo(nb_review *rv, const char *key, int base) {
    assert_int_equal(rv->applied, base + 3);
    assert_true(nb_review_undo(rv)); /* the last edit alone */
    assert_int_equal(rv->applied, base + 2);
    assert_true(nb_review_undo(rv)); /* the status and the edit made as one */
    assert_int_equal(rv->applied, base);
    assert_int_equal(nb_review_status_of(rv, key, NULL), NB_STATUS_OPEN);
    assert_true(nb_review_redo(rv));
    assert_int_equal(rv->applied, base + 2);
}

static void test_group_undo(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    assert_true(rv.findings.count >= 1);
    char a[160];
    snprintf(a, sizeof a, "%s", rv.findings.items[0].key);
    assert_int_equal(nb_review_set_cell(&rv, 0, (nb_number){7, 0}, NULL, NULL, &err), 0);
    judge_then_edit(&rv, a);
    undo_group_and_redo(&rv, a, 1);
    assert_int_equal(nb_review_status_of(&rv, a, NULL), NB_STATUS_DISMISSED);
    assert_int_equal(nb_number_cmp(rv.current.cells[1].value, (nb_number){8, 0}), 0);
    assert_true(nb_review_undo(&rv));
    assert_true(nb_review_undo(&rv)); /* the first edit alone */
    assert_int_equal(rv.applied, 0);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* The groups are in the review file: a resumed review undoes a change
 * made as one action in one step, and its new groups do not take the
 * numbers of the file's. */
static void test_group_undo_after_resume(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv, again;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    char a[160];
    snprintf(a, sizeof a, "%s", rv.findings.items[0].key);
    judge_then_edit(&rv, a);
    resume_copy(&rv, &doc, "group: 1", &again);
    undo_group_and_redo(&again, a, 0);
    nb_review_group_begin(&again);
    assert_int_equal(again.open_group, 2);
    nb_review_group_end(&again);
    nb_review_free(&again);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

static void test_statuses_and_suggestion(void **state) {
    (void)state;
    nb_document doc;
    nb_review rv;
    nb_error err;
    char key[160];
    open_on_broken_total(&doc, &rv, key);
    assert_int_equal(nb_review_status_of(&rv, key, NULL), NB_STATUS_OPEN);
    /* Confirmed without a note still counts as open for sign-off. */
    assert_int_equal(nb_review_set_status(&rv, key, NB_STATUS_CONFIRMED, NULL, &err), 0);
    assert_int_equal(nb_review_open_errors(&rv), 1);
    assert_int_equal(nb_review_set_status(&rv, key, NB_STATUS_CONFIRMED, "the printed report says 0", &err), 0);
    assert_int_equal(nb_review_open_errors(&rv), 0);
    const char *note = NULL;
    assert_int_equal(nb_review_status_of(&rv, key, &note), NB_STATUS_CONFIRMED);
    assert_string_equal(note, "the printed report says 0");
    assert_true(nb_review_undo(&rv));
    assert_int_equal(nb_review_status_of(&rv, key, &note), NB_STATUS_CONFIRMED);
    assert_null(note);
    assert_true(nb_review_undo(&rv));
    assert_int_equal(nb_review_status_of(&rv, key, NULL), NB_STATUS_OPEN);
    /* Dismissed as a false alarm: judged only with its reason, as confirmed. */
    assert_int_equal(nb_review_set_status(&rv, key, NB_STATUS_DISMISSED, NULL, &err), 0);
    assert_int_equal(nb_review_open_errors(&rv), 1);
    assert_int_equal(nb_review_set_status(&rv, key, NB_STATUS_DISMISSED, "the total counts pending too", &err), 0);
    assert_int_equal(nb_review_open_errors(&rv), 0);
    assert_int_equal(nb_review_set_status(&rv, key, (nb_finding_state)(NB_STATUS_LAST + 1), "x", &err), -1);
    assert_true(nb_review_undo(&rv));
    assert_true(nb_review_undo(&rv));
    assert_int_equal(nb_review_status_of(&rv, key, NULL), NB_STATUS_OPEN);

    /* Accepting the suggestion of a finding that has one. */
    int idx = -1;
    for (int i = 0; i < rv.findings.count; i++)
        if (rv.findings.items[i].culprit >= 0) idx = i;
    if (idx >= 0) {
        int c = rv.findings.items[idx].culprit;
        nb_number v = rv.findings.items[idx].culprit_value;
        assert_int_equal(nb_review_accept_suggestion(&rv, idx, &err), 0);
        assert_int_equal(nb_number_cmp(rv.current.cells[c].value, v), 0);
        assert_non_null(strstr(rv.changes[rv.applied - 1].reason, "suggested"));
    } else {
        assert_int_equal(nb_review_accept_suggestion(&rv, 0, &err), -1);
    }
    assert_int_equal(nb_review_accept_suggestion(&rv, 999, &err), -1);
    /* Text that is not UTF-8 is refused where a person types it ... */
    assert_int_equal(nb_review_set_status(&rv, key, NB_STATUS_FIXED, "bad \xff byte", &err), -1);
    assert_non_null(strstr(err.message, "UTF-8"));
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, "\xc3", &err), -1);
    /* ... and a save never fails on it: it is written as U+FFFD. */
    snprintf(rv.reviewer, sizeof rv.reviewer, "bad \xfe name");
    char *yaml = NULL;
    size_t ylen = 0;
    assert_int_equal(nb_yaml_review(&rv, &yaml, &ylen, &err), 0);
    assert_non_null(strstr(yaml, "  reviewer: \"bad \xef\xbf\xbd name\"\n"));
    free(yaml);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* A note handed out by nb_review_status_of holds while the review does,
 * whatever happens to the status after (the TUI shows it while the
 * reviewer changes it). */
static void test_status_note_stays(void **state) {
    (void)state;
    nb_document doc;
    nb_review rv;
    nb_error err;
    char key[160];
    open_on_broken_total(&doc, &rv, key);
    assert_int_equal(nb_review_set_status(&rv, key, NB_STATUS_CONFIRMED, "the first note", &err), 0);
    const char *first = NULL, *now = NULL;
    assert_int_equal(nb_review_status_of(&rv, key, &first), NB_STATUS_CONFIRMED);
    assert_int_equal(nb_review_set_status(&rv, key, NB_STATUS_DISMISSED, "another note", &err), 0);
    assert_int_equal(nb_review_set_status(&rv, key, NB_STATUS_DISMISSED, NULL, &err), 0);
    assert_int_equal(nb_review_status_of(&rv, key, &now), NB_STATUS_DISMISSED);
    assert_null(now);
    assert_string_equal(first, "the first note");
    assert_true(nb_review_undo(&rv));
    assert_true(nb_review_undo(&rv));
    assert_int_equal(nb_review_status_of(&rv, key, &now), NB_STATUS_CONFIRMED);
    assert_string_equal(now, "the first note");
    assert_string_equal(first, "the first note");
    /* a key longer than any finding's is refused, as it was */
    char long_key[NB_STATUS_KEY_SIZE + 1];
    memset(long_key, 'k', NB_STATUS_KEY_SIZE);
    long_key[NB_STATUS_KEY_SIZE] = '\0';
    assert_int_equal(nb_review_set_status(&rv, long_key, NB_STATUS_FIXED, NULL, &err), -1);
    long_key[NB_STATUS_KEY_SIZE - 1] = '\0';
    assert_int_equal(nb_review_set_status(&rv, long_key, NB_STATUS_FIXED, NULL, &err), 0);
    assert_int_equal(nb_review_status_of(&rv, long_key, NULL), NB_STATUS_FIXED);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* A review file of many statuses: each read back with its note; applied,
 * the review's array is reserved to their number exactly (not doubled
 * beside the file's), and holds its own copies once the file is freed.
 * An entry is a few words: its strings are in its owner's store (a
 * review of 300,000 statuses holds two such arrays at once). */
static void test_many_statuses_from_file(void **state) {
    (void)state;
    assert_true(sizeof(nb_status_entry) <= 48);
    nb_document doc;
    nb_review rv;
    nb_error err;
    broken_doc(&doc);
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    char *yaml = NULL;
    size_t ylen = 0;
    assert_int_equal(nb_yaml_review(&rv, &yaml, &ylen, &err), 0);
    char *at = strstr(yaml, "  statuses: []\n");
    assert_non_null(at);
    const int n = 5000;
    size_t room = ylen + (size_t)n * 64 + 64;
    char *text = malloc(room);
    assert_non_null(text);
    size_t len = (size_t)(at - yaml);
    memcpy(text, yaml, len);
    len += (size_t)snprintf(text + len, room - len, "  statuses:\n");
    for (int i = 0; i < n; i++)
        len += (size_t)snprintf(text + len, room - len, "  - {finding: \"k%d\", status: dismissed, note: \"n%d\"}\n", i, i);
    len += (size_t)snprintf(text + len, room - len, "%s", at + strlen("  statuses: []\n"));
    free(yaml);
    nb_review_file f;
    if (nb_yaml_read_review(text, len, &f, &err) != 0) fail_msg("read: %s", err.message);
    free(text);
    assert_int_equal(f.nstatuses, n);
    for (int i = 0; i < n; i += 997) {
        char k[16], note[16];
        snprintf(k, sizeof k, "k%d", i);
        snprintf(note, sizeof note, "n%d", i);
        assert_string_equal(f.statuses[i].key, k);
        assert_string_equal(f.statuses[i].note, note);
        assert_int_equal(f.statuses[i].state, NB_STATUS_DISMISSED);
    }
    if (nb_review_apply_file(&rv, &f, NULL, NULL, &err) != 0) fail_msg("apply: %s", err.message);
    nb_review_file_free(&f);
    assert_int_equal(rv.nstatuses, n);
    assert_int_equal(rv.capstatuses, n);
    const char *note = NULL;
    assert_int_equal(nb_review_status_of(&rv, "k4321", &note), NB_STATUS_DISMISSED);
    assert_string_equal(note, "n4321");
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* A status holds while the finding's cells hold the values it was judged
 * on: an edit that changes them opens the finding again, undoing it brings
 * the status back, and a review file keeps which values those were. */
static void test_status_follows_values(void **state) {
    (void)state;
    nb_document doc;
    nb_review rv;
    nb_error err;
    char key[160];
    const nb_finding *f = open_on_broken_total(&doc, &rv, key);
    int stated = f->target >= 0 ? f->target : f->cells[0];
    assert_int_equal(nb_review_set_status(&rv, key, NB_STATUS_CONFIRMED, "the PDF prints it so", &err), 0);
    assert_int_equal(nb_review_status_of(&rv, key, NULL), NB_STATUS_CONFIRMED);
    assert_int_equal(nb_review_open_errors(&rv), 0);
    /* the stated total changes, the identity still fails: judged on other values */
    nb_number was = rv.current.cells[stated].value;
    assert_int_equal(nb_review_set_cell(&rv, stated, num(was.units + 1000), NULL, NULL, &err), 0);
    assert_non_null(find_rule(&rv, "appeals.total"));
    assert_string_equal(find_rule(&rv, "appeals.total")->key, key);
    const char *note = "x";
    assert_int_equal(nb_review_status_of(&rv, key, &note), NB_STATUS_OPEN);
    assert_null(note);
    assert_int_equal(nb_review_open_errors(&rv), 1);
    /* saved and read back, it is still judged on the other values */
    nb_review back;
    resume_copy(&rv, &doc, "    values: \"", &back);
    assert_int_equal(nb_review_status_of(&back, key, NULL), NB_STATUS_OPEN);
    nb_review_free(&back);
    /* undoing the edit brings the status back */
    assert_true(nb_review_undo(&rv));
    assert_int_equal(nb_review_status_of(&rv, key, &note), NB_STATUS_CONFIRMED);
    assert_string_equal(note, "the PDF prints it so");
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* ------------------------------------------------------------ sign-off */

static void test_signoff_refused_with_open_errors(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    assert_int_equal(nb_review_open_errors(&rv), 1);
    assert_int_equal(nb_review_sign(&rv, "赵六", NB_VERDICT_APPROVED, NULL, false, NULL, &err), -1);
    assert_non_null(strstr(err.message, "still open"));
    assert_false(rv.signoff.present);
    /* An override needs its note. */
    assert_int_equal(nb_review_sign(&rv, "赵六", NB_VERDICT_APPROVED, NULL, true, "", &err), -1);
    assert_false(rv.signoff.present);
    assert_int_equal(nb_review_sign(&rv, "", NB_VERDICT_APPROVED, NULL, true, "x", &err), -1);
    /* With the override and a note it is recorded as such. */
    assert_int_equal(nb_review_sign(&rv, "赵六", NB_VERDICT_APPROVED_WITH_NOTES, "see note", true,
                                    "source misprint, agency told", &err), 0);
    assert_true(rv.signoff.present);
    assert_true(rv.signoff.override);
    assert_string_equal(rv.signoff.override_note, "source misprint, agency told");
    char hex[65];
    nb_sha256_hex(doc.text.sha256, hex);
    assert_string_equal(rv.signoff.source_sha256, hex);
    assert_int_equal(nb_review_data_sha256(&rv.current, hex, &err), 0);
    assert_string_equal(rv.signoff.data_sha256, hex);
    assert_true(nb_review_dirty(&rv));
    /* An edit voids it; undoing the edit brings the signed state back, and
     * the sign-off with it; redo voids it again. */
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, NULL, &err), 0);
    assert_true(rv.signoff.void_);
    assert_true(nb_review_undo(&rv));
    assert_false(rv.signoff.void_);
    assert_int_equal(nb_review_data_sha256(&rv.current, hex, &err), 0);
    assert_string_equal(rv.signoff.data_sha256, hex);
    assert_true(nb_review_redo(&rv));
    assert_true(rv.signoff.void_);
    assert_true(nb_review_undo(&rv));
    assert_false(rv.signoff.void_);
    /* An edit from the signed state, undone: holds again. */
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(2), NULL, NULL, &err), 0);
    assert_true(rv.signoff.void_);
    assert_true(nb_review_undo(&rv));
    assert_false(rv.signoff.void_);
    /* Another edit from the signed state replaces that one's redo; the
     * signed state is still one undo away. */
    assert_true(nb_review_can_redo(&rv));
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, NULL, &err), 0);
    assert_true(rv.signoff.void_);
    /* Fixed now: signing again needs no override, and none is recorded. */
    assert_int_equal(nb_review_sign(&rv, "赵六", NB_VERDICT_APPROVED, NULL, false, NULL, &err), 0);
    assert_false(rv.signoff.void_);
    assert_false(rv.signoff.override);
    assert_null(rv.signoff.override_note);
    /* Undo past the signing point voids it, redo brings it back; a new
     * edit there replaces what the sign-off covered, for good. */
    assert_true(nb_review_undo(&rv));
    assert_true(rv.signoff.void_);
    assert_true(nb_review_redo(&rv));
    assert_false(rv.signoff.void_);
    assert_true(nb_review_undo(&rv));
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(3), NULL, NULL, &err), 0);
    assert_true(rv.signoff.void_);
    assert_true(nb_review_undo(&rv));
    assert_true(rv.signoff.void_);
    assert_true(nb_review_redo(&rv));
    assert_true(rv.signoff.void_);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* ------------------------------------------------------------ save / load */

/* Field by field: struct padding is not part of the data. */
static bool same_cell(const nb_cell *x, const nb_cell *y) {
    return x->has_value == y->has_value && x->value.units == y->value.units &&
           x->value.scale == y->value.scale && x->origin == y->origin &&
           x->span.line == y->span.line && x->span.col_start == y->span.col_start &&
           x->span.col_end == y->span.col_end && x->span.byte_start == y->span.byte_start &&
           x->span.byte_end == y->span.byte_end && strcmp(x->unit, y->unit) == 0 &&
           strcmp(x->blank_text, y->blank_text) == 0;
}

static void assert_same_history(const nb_review *a, const nb_review *b) {
    assert_int_equal(a->applied, b->applied);
    for (int i = 0; i < a->applied; i++) {
        const nb_change *x = &a->changes[i], *y = &b->changes[i];
        assert_int_equal(x->kind, y->kind);
        assert_string_equal(x->time, y->time);
        assert_string_equal(x->reviewer, y->reviewer);
        assert_true((x->reason == NULL) == (y->reason == NULL));
        if (x->reason) assert_string_equal(x->reason, y->reason);
        if (x->kind == NB_CHANGE_STATUS) {
            assert_string_equal(x->finding_key, y->finding_key);
            assert_int_equal(x->status_before, y->status_before);
            assert_int_equal(x->status_after, y->status_after);
            assert_true((x->note_after == NULL) == (y->note_after == NULL));
            if (x->note_after) assert_string_equal(x->note_after, y->note_after);
        } else {
            assert_int_equal(x->cell, y->cell);
            assert_true(same_cell(&x->before, &y->before));
            assert_true(same_cell(&x->after, &y->after));
        }
    }
}

static void assert_same_review(const nb_review *a, const nb_review *b) {
    assert_int_equal(a->current.has_tables, b->current.has_tables);
    if (a->current.cells) {
        assert_ptr_equal(a->current.tpl, b->current.tpl);
        for (int i = 0; i < a->current.tpl->ncells; i++)
            if (!same_cell(&a->current.cells[i], &b->current.cells[i])) {
                char id[128];
                nb_template_cell_id(a->current.tpl, i, id, sizeof id);
                const nb_cell *x = &a->current.cells[i], *y = &b->current.cells[i];
                print_message("%d/%d %lld/%lld o%d/%d span %d:%d-%d [%zu,%zu] vs %d:%d-%d [%zu,%zu] unit %s/%s blank %s/%s\n", x->has_value, y->has_value, (long long)x->value.units, (long long)y->value.units, x->origin, y->origin, x->span.line, x->span.col_start, x->span.col_end, x->span.byte_start, x->span.byte_end, y->span.line, y->span.col_start, y->span.col_end, y->span.byte_start, y->span.byte_end, x->unit, y->unit, x->blank_text, y->blank_text);
                fail_msg("cell %s differs after reload", id);
            }
    }
    assert_same_history(a, b);
    for (int i = 0; i < a->nstatuses; i++) {
        const char *na = a->statuses[i].note, *nbn = NULL;
        assert_int_equal(nb_review_status_of(b, a->statuses[i].key, &nbn), a->statuses[i].state);
        assert_true((na == NULL) == (nbn == NULL));
        if (na) assert_string_equal(na, nbn);
    }
    assert_int_equal(a->signoff.present, b->signoff.present);
    if (a->signoff.present) {
        assert_string_equal(a->signoff.reviewer, b->signoff.reviewer);
        assert_string_equal(a->signoff.time, b->signoff.time);
        assert_int_equal(a->signoff.verdict, b->signoff.verdict);
        assert_int_equal(a->signoff.override, b->signoff.override);
        assert_int_equal(a->signoff.void_, b->signoff.void_);
        assert_string_equal(a->signoff.source_sha256, b->signoff.source_sha256);
        assert_string_equal(a->signoff.data_sha256, b->signoff.data_sha256);
    }
    assert_int_equal(a->findings.count, b->findings.count);
}

static void test_save_load_round_trip(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv, back;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    snprintf(rv.reviewer, sizeof rv.reviewer, "张三");
    /* Text other readers would misread, several lines, control characters. */
    static const char *const awkward[] = {"yes", "null", "0123", "~", "line one\nline two\n",
                                          "trailing space \n", "esc \x1b[31m and \x7f", "\"quoted\" 'both'",
                                          "  leading", "# not a comment", "- not a list",
                                          "two\nlines \x1b with esc\n", "sep\xe2\x80\xa8line \xef\xbb\xbf bom", "tab\there", ""};
    int total = cell(&rv, "appeals.review.total");
    for (size_t i = 0; i < sizeof awkward / sizeof awkward[0]; i++)
        assert_int_equal(nb_review_set_cell(&rv, total, num((long long)i + 1), NULL, awkward[i], &err), 0);
    assert_int_equal(nb_review_set_cell(&rv, total, num(1), NULL, NULL, &err), 0);
    nb_number amount = {462657, 3};
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "active.procurement.amount"), amount, "万元", "", &err), 0);
    assert_int_equal(nb_review_clear_cell(&rv, cell(&rv, "active.fees.change"), "— in the source", &err), 0);
    nb_span at = {0, 0, 3, 4, 6};
    assert_int_equal(nb_review_relink_cell(&rv, cell(&rv, "applications.total.total"), num(0), &at, "relinked", &err), 0);
    assert_int_equal(nb_review_set_status(&rv, "cells.missing:active.fees.change", NB_STATUS_CONFIRMED,
                                          "the source prints —\nsee page 3", &err), 0);
    assert_int_equal(nb_review_set_status(&rv, "text.vs_table:active.fees.change", NB_STATUS_DISMISSED,
                                          "the text speaks of another year", &err), 0);
    assert_int_equal(nb_review_sign(&rv, "张三", NB_VERDICT_APPROVED_WITH_NOTES, "note: yes", false, NULL, &err), 0);
    /* One more undone change: the redo tail is not saved. */
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.pending"), num(9), NULL, NULL, &err), 0);
    assert_true(rv.signoff.void_);
    assert_true(nb_review_undo(&rv));

    const char *path = tmp_path("fixture.txt.review.yaml");
    if (nb_review_save(&rv, path, &err) != 0) fail_msg("save: %s", err.message);
    assert_false(nb_review_dirty(&rv));
    assert_false(nb_review_cell_unsaved(&rv, total));
    assert_true(nb_review_cell_edited(&rv, total));

    assert_int_equal(nb_review_open(&back, &doc, 0, &err), 0);
    bool changed = true;
    char *mismatch = (char *)"x";
    if (nb_review_load(&back, path, &changed, &mismatch, &err) != 0) fail_msg("load: %s", err.message);
    assert_false(changed);
    assert_null(mismatch);
    assert_same_review(&rv, &back);
    assert_false(nb_review_dirty(&back));
    assert_string_equal(back.reviewer, "张三");
    /* The loaded history can be undone like any other. */
    assert_true(nb_review_can_undo(&back));
    assert_false(nb_review_can_redo(&back));

    /* Opening a review file directly: which report it is about. */
    nb_review_file rf;
    assert_int_equal(nb_review_read_file(path, &rf, &err), 0);
    assert_int_equal(rf.report_index, 0);
    assert_int_equal(nb_review_file_report(&doc, &rf), 0);
    rf.report_index = 5; /* the source changed around it: found by year */
    assert_int_equal(nb_review_file_report(&doc, &rf), 0);
    rf.report.year = 1999;
    assert_int_equal(nb_review_file_report(&doc, &rf), -1);
    nb_review_file_free(&rf);

    /* Saving what was loaded gives the same bytes. */
    char *first = slurp(path);
    const char *path2 = tmp_path("again.review.yaml");
    assert_int_equal(nb_review_save(&back, path2, &err), 0);
    char *second = slurp(path2);
    assert_non_null(first);
    assert_non_null(second);
    assert_string_equal(first, second);
    free(first);
    free(second);
    nb_review_free(&back);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* Resume on a source whose bytes changed: said so, and the edited cells
 * whose recorded `before` no longer matches are listed. */
static void test_resume_after_source_changed(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, NULL, &err), 0);
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.pending"), num(3), NULL, NULL, &err), 0);
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.suit_direct.upheld"), num(4), NULL, NULL, &err), 0);
    const char *path = tmp_path("changed.review.yaml");
    assert_int_equal(nb_review_save(&rv, path, &err), 0);

    /* A new version of the source: other bytes, and 行政复议 总计 now
     * reads 2 instead of 0. */
    static const char text2[] = "上海市测试区2020年政府信息公开工作年度报告(修订)\n一、总体情况\n本年度共收到申请 12 件。\n";
    nb_document doc2;
    assert_int_equal(fixture_doc_from(&doc2, text2, sizeof text2 - 1, NB_TEMPLATE_2019, true, 2020), 0);
    fixture_set(&doc2, "appeals.review.upheld", 1, 0);
    fixture_set(&doc2, "appeals.review.total", 2, 0);
    nb_review back;
    assert_int_equal(nb_review_open(&back, &doc2, 0, &err), 0);
    bool changed = false;
    char *mismatch = NULL;
    if (nb_review_load(&back, path, &changed, &mismatch, &err) != 0) fail_msg("load: %s", err.message);
    assert_true(changed);
    assert_non_null(mismatch);
    assert_non_null(strstr(mismatch, "appeals.review.total: the review recorded 0 before its edit, the source now reads 2\n"));
    assert_null(strstr(mismatch, "appeals.review.pending"));
    assert_null(strstr(mismatch, "suit_direct"));
    /* The edits are applied all the same. */
    assert_int_equal(back.current.cells[cell(&back, "appeals.review.total")].value.units, 1);
    assert_int_equal(back.current.cells[cell(&back, "appeals.suit_direct.upheld")].value.units, 4);
    /* Undo goes back to the new reading, not the old one. */
    assert_true(nb_review_undo(&back));
    assert_true(nb_review_undo(&back));
    assert_true(nb_review_undo(&back));
    assert_int_equal(back.current.cells[cell(&back, "appeals.review.total")].value.units, 2);
    free(mismatch);
    nb_review_free(&back);

    /* A review of another year is refused, and the review in memory kept. */
    nb_document doc3;
    assert_int_equal(fixture_doc_from(&doc3, text2, sizeof text2 - 1, NB_TEMPLATE_2021, false, 2022), 0);
    assert_int_equal(nb_review_open(&back, &doc3, 0, &err), 0);
    assert_int_equal(nb_review_set_cell(&back, cell(&back, "appeals.review.total"), num(5), NULL, NULL, &err), 0);
    assert_int_equal(nb_review_load(&back, path, &changed, &mismatch, &err), -1);
    assert_non_null(strstr(err.message, "2020"));
    assert_int_equal(back.nchanges, 1);
    assert_int_equal(back.current.cells[cell(&back, "appeals.review.total")].value.units, 5);
    nb_review_free(&back);
    nb_document_free(&doc3);
    nb_document_free(&doc2);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* ------------------------------------------------------------ verify */

static char *replace_once(const char *s, const char *from, const char *to) {
    const char *at = strstr(s, from);
    if (!at) fail_msg("text lacks %s", from);
    char *out = malloc(strlen(s) + strlen(to) + 1);
    memcpy(out, s, (size_t)(at - s));
    strcpy(out + (at - s), to);
    strcat(out, at + strlen(from));
    return out;
}

static void test_verify(void **state) {
    (void)state;
    /* The source must exist on disk for verify: write the fixture text. */
    const char *src = tmp_path("verify.txt");
    spit(src, fixture_text);
    nb_document doc;
    broken_doc(&doc);
    free(doc.path);
    doc.path = strdup(src);
    nb_review rv;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, NULL, &err), 0);
    char *path = nb_review_default_path(src);
    assert_string_equal(path + strlen(path) - strlen("verify.txt.review.yaml"), "verify.txt.review.yaml");

    /* Not signed yet: a mismatch (exit 1), not a malformed file. */
    assert_int_equal(nb_review_save(&rv, path, &err), 0);
    nb_verify_result res;
    assert_int_equal(nb_review_verify(path, &res, &err), 0);
    assert_true(res.source_found);
    assert_true(res.source_unchanged);
    assert_false(res.signed_off);
    assert_false(nb_verify_ok(&res));
    nb_verify_result_free(&res);

    assert_int_equal(nb_review_sign(&rv, "张三", NB_VERDICT_APPROVED, NULL, false, NULL, &err), 0);
    assert_int_equal(nb_review_save(&rv, path, &err), 0);
    assert_int_equal(nb_review_verify(path, &res, &err), 0);
    if (!nb_verify_ok(&res)) fail_msg("a fresh sign-off does not verify");
    nb_verify_result_free(&res);
    char *saved = slurp(path);
    assert_non_null(strstr(saved, "  path_from_review: \"verify.txt\"\n"));

    /* A value edited by hand after the sign-off. */
    char *edited = replace_once(saved, "review: {upheld: 1, corrected: 0, other: 0, pending: 0, total: 1}",
                                "review: {upheld: 1, corrected: 0, other: 0, pending: 0, total: 2}");
    spit(path, edited);
    assert_int_equal(nb_review_verify(path, &res, &err), 0);
    assert_true(res.source_unchanged);
    assert_false(res.data_unchanged);
    assert_true(res.seal_unchanged);
    assert_false(nb_verify_ok(&res));
    nb_verify_result_free(&res);
    free(edited);

    /* The verdict edited by hand after the sign-off. */
    edited = replace_once(saved, "verdict: approved\n", "verdict: rejected\n");
    spit(path, edited);
    assert_int_equal(nb_review_verify(path, &res, &err), 0);
    assert_true(res.data_unchanged);
    assert_false(res.seal_unchanged);
    assert_false(nb_verify_ok(&res));
    nb_verify_result_free(&res);
    free(edited);

    /* The source changed after the sign-off. */
    spit(path, saved);
    assert_int_equal(nb_review_verify(path, &res, &err), 0);
    assert_true(nb_verify_ok(&res));
    nb_verify_result_free(&res);
    FILE *f = fopen(src, "ab");
    fputs("补充一行。\n", f);
    fclose(f);
    assert_int_equal(nb_review_verify(path, &res, &err), 0);
    assert_true(res.source_found);
    assert_false(res.source_unchanged);
    assert_true(res.data_unchanged);
    assert_false(nb_verify_ok(&res));
    nb_verify_result_free(&res);

    /* The source is gone. */
    unlink(src);
    assert_int_equal(nb_review_verify(path, &res, &err), 0);
    assert_false(res.source_found);
    assert_false(nb_verify_ok(&res));
    nb_verify_result_free(&res);

    /* A malformed review file is an error, not a mismatch. */
    spit(path, "format: nianbao/1\nsource: [\n");
    assert_int_equal(nb_review_verify(path, &res, &err), -1);
    assert_true(err.line > 0);
    free(saved);
    free(path);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* A value changed by hand in the tables of a review file is not applied
 * on resuming (the edit log is what counts), but it is reported. */
static void test_hand_edit_reported_on_resume(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv, back;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, NULL, &err), 0);
    const char *path = tmp_path("hand.review.yaml");
    assert_int_equal(nb_review_save(&rv, path, &err), 0);
    char *saved = slurp(path);
    char *edited = replace_once(saved, "suit_direct: {upheld: 0,", "suit_direct: {upheld: 6,");
    spit(path, edited);
    assert_int_equal(nb_review_open(&back, &doc, 0, &err), 0);
    bool changed = true;
    char *mismatch = NULL;
    assert_int_equal(nb_review_load(&back, path, &changed, &mismatch, &err), 0);
    assert_false(changed);
    assert_non_null(mismatch);
    assert_non_null(strstr(mismatch, "appeals.suit_direct.upheld: the review file states 6, but its edit log on this source gives 0"));
    assert_null(strstr(mismatch, "appeals.review.total"));
    assert_int_equal(back.current.cells[cell(&back, "appeals.suit_direct.upheld")].value.units, 0);
    free(mismatch);
    free(edited);
    free(saved);
    nb_review_free(&back);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* ------------------------------------------------------------ write failures */

static void test_save_failures_keep_everything(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    int total = cell(&rv, "appeals.review.total");
    assert_int_equal(nb_review_set_cell(&rv, total, num(1), NULL, NULL, &err), 0);
    const char *path = tmp_path("fail.review.yaml");
    assert_int_equal(nb_review_save(&rv, path, &err), 0);
    char *before = slurp(path);
    assert_int_equal(nb_review_set_cell(&rv, total, num(7), NULL, NULL, &err), 0);

    static const struct {
        const char *spec, *expect;
    } cases[] = {
        {"EROFS@open", "read-only"}, {"EACCES@open", "no permission"}, {"ENOSPC", "disk is full"},
        {"ENOSPC@fsync", "disk is full"}, {"EDQUOT@write", "quota"}, {"EIO@rename", "cannot save"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        setenv("NIANBAO_TEST_WRITE_FAIL", cases[i].spec, 1);
        nb_error_clear(&err);
        assert_int_equal(nb_review_save(&rv, path, &err), -1);
        unsetenv("NIANBAO_TEST_WRITE_FAIL");
        if (!strstr(err.message, cases[i].expect))
            fail_msg("%s: message \"%s\" lacks \"%s\"", cases[i].spec, err.message, cases[i].expect);
        assert_non_null(strstr(err.message, path));
        /* Nothing changed on disk, no temp file left, work still in memory. */
        char *now = slurp(path);
        assert_string_equal(before, now);
        free(now);
        DIR *d = opendir(tmpdir);
        struct dirent *e;
        while ((e = readdir(d)))
            if (strstr(e->d_name, ".tmp")) fail_msg("temp file %s left behind", e->d_name);
        closedir(d);
        assert_true(nb_review_dirty(&rv));
        assert_true(nb_review_cell_unsaved(&rv, total));
        assert_int_equal(rv.current.cells[total].value.units, 7);
    }
    /* A directory that does not exist. */
    assert_int_equal(nb_review_save(&rv, "/nonexistent-nianbao-dir/x.review.yaml", &err), -1);
    assert_non_null(strstr(err.message, "does not exist"));
    /* A really read-only directory, where file modes stop us (not root). */
    if (geteuid() != 0) {
        const char *ro = tmp_path("ro");
        assert_int_equal(mkdir(ro, 0555), 0);
        char p[600];
        snprintf(p, sizeof p, "%s/ro/x.review.yaml", tmpdir); /* not via `ro`: gcc -O1 warns */
        assert_int_equal(nb_review_save(&rv, p, &err), -1);
        assert_non_null(strstr(err.message, "no permission"));
        chmod(ro, 0755);
        rmdir(ro);
    }
    /* Saving elsewhere then works. */
    const char *elsewhere = tmp_path("elsewhere.review.yaml");
    assert_int_equal(nb_review_save(&rv, elsewhere, &err), 0);
    /* Saving through a symbolic link writes where it points, keeping the link. */
    const char *link = tmp_path("link.review.yaml");
    assert_int_equal(symlink("elsewhere.review.yaml", link), 0);
    assert_int_equal(nb_review_set_cell(&rv, total, num(8), NULL, NULL, &err), 0);
    assert_int_equal(nb_review_save(&rv, link, &err), 0);
    struct stat lst;
    assert_int_equal(lstat(link, &lst), 0);
    assert_true(S_ISLNK(lst.st_mode));
    char *via_link = slurp(elsewhere);
    assert_non_null(strstr(via_link, "review: {upheld: 1, corrected: 0, other: 0, pending: 0, total: 8}"));
    free(via_link);
    assert_false(nb_review_dirty(&rv));
    free(before);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* A reviewer's name cut inside a character ($USER of 62 ASCII bytes and a
 * Chinese name, cut at 63 bytes) is written without the broken byte, so
 * the file always reads back (bug B18: the U+FFFD that replaced it made the
 * line too long for the reader). */
static void test_cut_reviewer_name_reads_back(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    char user[128];
    memset(user, 'a', 62);
    snprintf(user + 62, sizeof user - 62, "张三");
    memcpy(rv.reviewer, user, sizeof rv.reviewer - 1); /* cut after the first byte of 张 */
    rv.reviewer[sizeof rv.reviewer - 1] = '\0';
    assert_int_equal(strlen(rv.reviewer), 63);
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, NULL, &err), 0);
    const char *path = tmp_path("cut-name.review.yaml");
    if (nb_review_save(&rv, path, &err) != 0) fail_msg("save: %s", err.message);
    nb_review_file rf;
    if (nb_review_read_file(path, &rf, &err) != 0) fail_msg("the saved review does not read back: %s", err.message);
    assert_int_equal(strlen(rf.reviewer), 62);
    assert_int_equal(strspn(rf.reviewer, "a"), 62);
    assert_int_equal(rf.nchanges, 1);
    assert_string_equal(rf.changes[0].reviewer, rf.reviewer);
    nb_review_file_free(&rf);
    /* And it resumes. */
    nb_review back;
    assert_int_equal(nb_review_open(&back, &doc, 0, &err), 0);
    if (nb_review_load(&back, path, NULL, NULL, &err) != 0) fail_msg("resume: %s", err.message);
    assert_int_equal(back.current.cells[cell(&back, "appeals.review.total")].value.units, 1);
    nb_review_free(&back);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* Bidi overrides and isolates in any text (an agency, a reason over two
 * lines, a reviewer) are written as \u escapes in exports and review
 * files, which people print to terminals, and read back as they were. */
static void test_bidi_controls_escaped(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    snprintf(doc.reports[0].agency, sizeof doc.reports[0].agency, "测试\u202e区\u2066");
    char *yaml = NULL;
    size_t n = 0;
    nb_error err;
    assert_int_equal(nb_yaml_export(&doc, -1, &yaml, &n, &err), 0);
    assert_null(strstr(yaml, "\u202e"));
    assert_null(strstr(yaml, "\u2066"));
    assert_non_null(strstr(yaml, "agency: \"测试\\u202E区\\u2066\""));
    free(yaml);
    nb_review rv;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    snprintf(rv.reviewer, sizeof rv.reviewer, "ev\u202eil");
    const char *reason = "first line \u202d\nsecond \u2069line\n";
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, reason, &err), 0);
    const char *path = tmp_path("bidi.review.yaml");
    if (nb_review_save(&rv, path, &err) != 0) fail_msg("save: %s", err.message);
    char *saved = slurp(path);
    assert_null(strstr(saved, "\u202e"));
    assert_null(strstr(saved, "\u202d"));
    assert_null(strstr(saved, "\u2069"));
    free(saved);
    nb_review_file rf;
    if (nb_review_read_file(path, &rf, &err) != 0) fail_msg("read back: %s", err.message);
    assert_string_equal(rf.report.agency, "测试\u202e区\u2066");
    assert_string_equal(rf.reviewer, "ev\u202eil");
    assert_int_equal(rf.nchanges, 1);
    assert_string_equal(rf.changes[0].reason, reason);
    nb_review_file_free(&rf);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* The same file under any name (export -o and the review screen's :w
 * refuse to write over the report itself): another spelling of the
 * path, a symbolic link, a hard link; not a copy, not a missing file. */
static void test_path_same_file(void **state) {
    (void)state;
    char report[512], dotted[600], symlinked[512], hard[512], copy[512], missing[512];
    snprintf(report, sizeof report, "%s", tmp_path("same.txt"));
    snprintf(dotted, sizeof dotted, "%s/./same.txt", tmpdir);
    snprintf(symlinked, sizeof symlinked, "%s", tmp_path("same-link.txt"));
    snprintf(hard, sizeof hard, "%s", tmp_path("same-hard.txt"));
    snprintf(copy, sizeof copy, "%s", tmp_path("same-copy.txt"));
    snprintf(missing, sizeof missing, "%s", tmp_path("same-missing.txt"));
    spit(report, "二、主动公开政府信息情况\n");
    spit(copy, "二、主动公开政府信息情况\n");
    assert_int_equal(symlink("same.txt", symlinked), 0);
    assert_int_equal(link(report, hard), 0);
    assert_true(nb_path_same_file(report, report));
    assert_true(nb_path_same_file(report, dotted));
    assert_true(nb_path_same_file(symlinked, report));
    assert_true(nb_path_same_file(report, symlinked));
    assert_true(nb_path_same_file(hard, report));
    assert_false(nb_path_same_file(copy, report));
    assert_false(nb_path_same_file(missing, report));
    assert_false(nb_path_same_file(report, missing));
    assert_false(nb_path_same_file(missing, missing));
    assert_false(nb_path_same_file(tmpdir, report));
    assert_false(nb_path_same_file(NULL, report));
}

/* A save killed by SIGKILL leaves `.NAME.tmpPID.N` behind; the next save
 * of NAME removes it when PID is gone and the file is old, and nothing
 * else: not a temp file of a running process, not a fresh one (another
 * machine may be saving into a shared folder), not another file's. */
static void touch_aged(const char *path, time_t age) {
    spit(path, "half a review");
    struct timespec times[2];
    times[0].tv_sec = times[1].tv_sec = time(NULL) - age;
    times[0].tv_nsec = times[1].tv_nsec = 0;
    assert_int_equal(utimensat(AT_FDCWD, path, times, 0), 0);
}

static void test_stale_temp_files_removed(void **state) {
    (void)state;
    pid_t child = fork();
    assert_true(child >= 0);
    if (child == 0) _exit(0);
    int status;
    assert_int_equal(waitpid(child, &status, 0), child);
    /* `child` has exited: no process has that PID now (barring reuse). */
    char dead_old[600], dead_fresh[600], alive_old[600], other_old[600], not_temp[600], target[600];
    snprintf(target, sizeof target, "%s/k.review.yaml", tmpdir);
    snprintf(dead_old, sizeof dead_old, "%s/.k.review.yaml.tmp%ld.123", tmpdir, (long)child);
    snprintf(dead_fresh, sizeof dead_fresh, "%s/.k.review.yaml.tmp%ld.456", tmpdir, (long)child);
    snprintf(alive_old, sizeof alive_old, "%s/.k.review.yaml.tmp%ld.789", tmpdir, (long)getppid());
    snprintf(other_old, sizeof other_old, "%s/.other.review.yaml.tmp%ld.123", tmpdir, (long)child);
    snprintf(not_temp, sizeof not_temp, "%s/.k.review.yaml.tmp%ld.notes", tmpdir, (long)child);
    touch_aged(dead_old, 3600);
    touch_aged(dead_fresh, 5);
    touch_aged(alive_old, 3600);
    touch_aged(other_old, 3600);
    touch_aged(not_temp, 3600);
    nb_error err;
    assert_int_equal(nb_file_write_atomic(target, "format: x\n", 10, &err), 0);
    struct stat st;
    assert_int_equal(stat(dead_old, &st), -1);
    assert_int_equal(stat(dead_fresh, &st), 0);
    assert_int_equal(stat(alive_old, &st), 0);
    assert_int_equal(stat(other_old, &st), 0);
    assert_int_equal(stat(not_temp, &st), 0);
    char *now = slurp(target);
    assert_string_equal(now, "format: x\n");
    free(now);
    unlink(dead_fresh);
    unlink(alive_old);
    unlink(other_old);
    unlink(not_temp);
}

/* A review is saved only to a regular file: onto a FIFO (or /dev/null)
 * the work would count as saved and be gone. The node stays, the work
 * stays unsaved (B19). */
static void test_save_onto_fifo_refused(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv;
    nb_error err;
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, NULL, &err), 0);
    const char *fifo = tmp_path("save.fifo");
    assert_int_equal(mkfifo(fifo, 0644), 0);
    assert_int_equal(nb_review_save(&rv, fifo, &err), -1);
    assert_non_null(strstr(err.message, "not a regular file"));
    struct stat st;
    assert_int_equal(stat(fifo, &st), 0);
    assert_true(S_ISFIFO(st.st_mode));
    assert_true(nb_review_dirty(&rv));
    unlink(fifo);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* ------------------------------------------------------------ recovery */

static void test_recovery(void **state) {
    (void)state;
    nb_document doc;
    broken_doc(&doc);
    nb_review rv, back;
    nb_error err;
    const char *path = tmp_path("rec.review.yaml");
    char *rec = nb_review_recovery_path(path);
    assert_string_equal(rec + strlen(rec) - strlen(".review.yaml.recover"), ".review.yaml.recover");
    assert_int_equal(nb_review_open(&rv, &doc, 0, &err), 0);
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.total"), num(1), NULL, NULL, &err), 0);
    assert_int_equal(nb_review_save(&rv, path, &err), 0);
    assert_int_equal(nb_review_set_cell(&rv, cell(&rv, "appeals.review.pending"), num(5), NULL, "unsaved", &err), 0);
    assert_false(nb_review_recovery_exists(path));
    assert_int_equal(nb_review_write_recovery(&rv, path, &err), 0);
    assert_true(nb_review_recovery_exists(path));
    /* The review file itself is untouched by the recovery file. */
    assert_int_equal(nb_review_open(&back, &doc, 0, &err), 0);
    assert_int_equal(nb_review_load(&back, path, NULL, NULL, &err), 0);
    assert_int_equal(back.applied, 1);
    nb_review_free(&back);
    /* Recovering restores everything, and counts as unsaved. */
    assert_int_equal(nb_review_open(&back, &doc, 0, &err), 0);
    assert_int_equal(nb_review_recover(&back, path, NULL, NULL, &err), 0);
    assert_same_review(&rv, &back);
    assert_true(nb_review_dirty(&back));
    assert_true(nb_review_cell_unsaved(&back, cell(&back, "appeals.review.pending")));
    /* When the review's folder cannot take it, the recovery file goes to
     * the state folder, and is found there. */
    char state_dir[600];
    snprintf(state_dir, sizeof state_dir, "%s/state", tmpdir);
    setenv("XDG_STATE_HOME", state_dir, 1);
    setenv("NIANBAO_TEST_WRITE_FAIL", "EROFS@open", 1);
    char *where = NULL;
    /* both places fail: an error, nothing written */
    assert_int_equal(nb_review_write_recovery_to(&rv, path, &where, &err), -1);
    assert_null(where);
    assert_non_null(strstr(err.message, "read-only"));
    unsetenv("NIANBAO_TEST_WRITE_FAIL");
    assert_int_equal(nb_review_discard_recovery(path), 0);
    assert_false(nb_review_recovery_exists(path));
    /* a review folder that does not exist stands for one that refuses */
    char missing_dir[700];
    snprintf(missing_dir, sizeof missing_dir, "%s/gone/rec.review.yaml", tmpdir);
    assert_int_equal(nb_review_write_recovery_to(&rv, missing_dir, &where, &err), 0);
    assert_non_null(where);
    assert_true(strncmp(where, state_dir, strlen(state_dir)) == 0);
    assert_true(nb_review_recovery_exists(missing_dir));
    char *found = nb_review_recovery_found(missing_dir);
    assert_string_equal(found, where);
    free(found);
    nb_review other;
    assert_int_equal(nb_review_open(&other, &doc, 0, &err), 0);
    assert_int_equal(nb_review_recover(&other, missing_dir, NULL, NULL, &err), 0);
    assert_same_review(&rv, &other);
    nb_review_free(&other);
    assert_int_equal(nb_review_discard_recovery(missing_dir), 0);
    assert_false(nb_review_recovery_exists(missing_dir));
    free(where);
    unsetenv("XDG_STATE_HOME");
    assert_int_equal(nb_review_write_recovery(&rv, path, &err), 0);

    /* Saving leaves the recovery file (it may hold work this session
     * never loaded); whoever loaded it discards it once saved. */
    assert_int_equal(nb_review_save(&back, path, &err), 0);
    assert_true(nb_review_recovery_exists(path));
    assert_int_equal(nb_review_discard_recovery(path), 0);
    assert_false(nb_review_recovery_exists(path));
    /* An empty file is a claim, not a recovery: never offered. */
    FILE *claim = fopen(rec, "w");
    assert_non_null(claim);
    fclose(claim);
    assert_false(nb_review_recovery_exists(path));
    unlink(rec);
    /* A copy elsewhere does not count as saving the review. */
    assert_int_equal(nb_review_set_cell(&back, cell(&back, "appeals.review.upheld"), num(7), NULL, NULL, &err), 0);
    assert_true(nb_review_dirty(&back));
    const char *copy = tmp_path("copy.review.yaml");
    assert_int_equal(nb_review_write_copy(&back, copy, &err), 0);
    assert_true(nb_review_dirty(&back));
    assert_int_equal(nb_review_save(&back, path, &err), 0);
    assert_false(nb_review_dirty(&back));
    nb_review_free(&back);
    free(rec);
    nb_review_free(&rv);
    nb_document_free(&doc);
}

/* ------------------------------------------------------------ real reports */

/* Export → edit → save → reload over one file: identical data and history. */
static int round_trip_file(const char *file) {
    nb_document doc;
    nb_error err;
    if (nb_document_load(&doc, file, &err) != 0) fail_msg("%s: %s", file, err.message);
    int reviewed = 0;
    for (int r = 0; r < doc.nreports; r++) {
        /* The export is valid YAML that the safe reader takes. */
        char *yaml = NULL;
        size_t n = 0;
        if (nb_yaml_export(&doc, r, &yaml, &n, &err) != 0) fail_msg("%s: export: %s", file, err.message);
        nb_ynode *root = NULL;
        if (nb_yaml_parse_tree(yaml, n, &root, &err) != 0)
            fail_msg("%s: export does not parse: %s (line %d)", file, err.message, err.line);
        nb_ynode_free(root);
        free(yaml);

        nb_review rv, back;
        assert_int_equal(nb_review_open(&rv, &doc, r, &err), 0);
        snprintf(rv.reviewer, sizeof rv.reviewer, "测试员");
        if (rv.current.has_tables && rv.current.cells) {
            const nb_template *tpl = rv.current.tpl;
            /* Edit the first, the middle and the last cell, clear one, and
             * set a status on every finding. */
            int picks[3] = {0, tpl->ncells / 2, tpl->ncells - 1};
            for (int k = 0; k < 3; k++) {
                nb_number v = {0, 0};
                nb_report_value(&rv.current, picks[k], &v);
                v.units = (v.units < 0 ? -v.units : v.units) + 1;
                assert_int_equal(nb_review_set_cell(&rv, picks[k], v, NULL, "round trip", &err), 0);
            }
            assert_int_equal(nb_review_clear_cell(&rv, 1, NULL, &err), 0);
        }
        int nf = rv.findings.count;
        for (int i = 0; i < nf && i < 20; i++) {
            char key[160];
            snprintf(key, sizeof key, "%s", rv.findings.items[i].key);
            assert_int_equal(nb_review_set_status(&rv, key, i % 2 ? NB_STATUS_FIXED : NB_STATUS_CONFIRMED,
                                                  "checked against the PDF", &err), 0);
        }
        assert_int_equal(nb_review_sign(&rv, "测试员", NB_VERDICT_REJECTED, NULL, true, "round trip", &err), 0);
        char name[64];
        snprintf(name, sizeof name, "rt%d.review.yaml", r);
        const char *path = tmp_path(name);
        if (nb_review_save(&rv, path, &err) != 0) fail_msg("%s: save: %s", file, err.message);
        assert_int_equal(nb_review_open(&back, &doc, r, &err), 0);
        bool changed = true;
        char *mismatch = NULL;
        if (nb_review_load(&back, path, &changed, &mismatch, &err) != 0)
            fail_msg("%s report %d: load: %s", file, r + 1, err.message);
        assert_false(changed);
        assert_null(mismatch);
        assert_same_review(&rv, &back);
        nb_review_free(&back);
        nb_review_free(&rv);
        unlink(path);
        reviewed++;
    }
    nb_document_free(&doc);
    return reviewed;
}

static int round_trip_dir(const char *dir, const char *suffix) {
    char *names[256];
    int nn = nbt_dir_names(dir, suffix, names, 256);
    for (int i = 0; i < nn; i++) {
        char p[1024];
        snprintf(p, sizeof p, "%s/%s", dir, names[i]);
        int reports = round_trip_file(p);
        print_message("round trip %s: %d report(s)\n", names[i], reports);
    }
    if (nn > 0) nbt_free_names(names, nn);
    return nn;
}

static void test_round_trip_corpus(void **state) {
    (void)state;
    const char *shared = getenv("NB_SHARED");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/corpus", shared ? shared : "");
    struct stat st;
    if (!shared || stat(dir, &st) != 0) {
        print_message("SKIPPED: the corpus is missing (NB_SHARED=%s)\n", shared ? shared : "unset");
        skip();
    }
    assert_true(round_trip_dir(dir, ".txt") > 0);
}

static void test_round_trip_samples(void **state) {
    (void)state;
    const char *src = getenv("NB_SRCDIR");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/samples", src ? src : "");
    struct stat st;
    if (!src || stat(dir, &st) != 0) {
        print_message("SKIPPED: no samples folder (NB_SRCDIR=%s)\n", src ? src : "unset");
        skip();
    }
    int n = round_trip_dir(dir, ".txt");
    if (n <= 0) {
        print_message("SKIPPED: no samples in %s\n", dir);
        skip();
    }
}

int main(void) {
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_edit_undo_redo),
        cmocka_unit_test(test_group_undo),
        cmocka_unit_test(test_group_undo_after_resume),
        cmocka_unit_test(test_status_follows_values),
        cmocka_unit_test(test_statuses_and_suggestion),
        cmocka_unit_test(test_status_note_stays),
        cmocka_unit_test(test_many_statuses_from_file),
        cmocka_unit_test(test_signoff_refused_with_open_errors),
        cmocka_unit_test(test_save_load_round_trip),
        cmocka_unit_test(test_resume_after_source_changed),
        cmocka_unit_test(test_verify),
        cmocka_unit_test(test_hand_edit_reported_on_resume),
        cmocka_unit_test(test_save_failures_keep_everything),
        cmocka_unit_test(test_cut_reviewer_name_reads_back),
        cmocka_unit_test(test_bidi_controls_escaped),
        cmocka_unit_test(test_path_same_file),
        cmocka_unit_test(test_stale_temp_files_removed),
        cmocka_unit_test(test_save_onto_fifo_refused),
        cmocka_unit_test(test_recovery),
        cmocka_unit_test(test_round_trip_corpus),
        cmocka_unit_test(test_round_trip_samples),
    };
    return cmocka_run_group_tests(tests, make_tmpdir, remove_tmpdir);
}
