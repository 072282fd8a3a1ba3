/* Mutation test of the checks: change single numbers of tables 三 and 四
 * of every tabled report in the corpus (../shared/corpus) and in the
 * project's samples, and show that
 *   - every mutant gets an error naming the changed cell, and
 *   - when the change breaks two or more identities, every new error
 *     names the changed cell as the culprit, with its original value.
 * Mutations: +1, −1, ×10 of each cell, and a swap of each cell with the
 * same column of the next row (two cells change: only the first claim). */
#include "config.h"

#include <locale.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "nianbao/check.h"
#include "nianbao/report.h"
#include "testlib.h"

typedef struct tally {
    int files, reports, single, swaps, skipped_reports;
    int culprit_checked; /* mutants whose new errors must all name the changed cell */
    int culprit_lenient; /* same, in a report with errors of its own: culprit or none */
    int repairs;         /* mutants that mend an error of the source itself */
} tally;

static bool identity_rule(const char *rule) {
    return !strncmp(rule, "applications.", 13) || !strcmp(rule, "appeals.total");
}

static bool names_cell(const nb_findings *f, int cell) {
    for (int i = 0; i < f->count; i++) {
        if (f->items[i].severity != NB_SEV_ERROR) continue;
        for (int j = 0; j < f->items[i].ncells; j++)
            if (f->items[i].cells[j] == cell) return true;
    }
    return false;
}

/* Whether `cell` is in an identity the source itself breaks. */
static bool in_broken_identity(const nb_findings *f, int cell) {
    for (int i = 0; i < f->count; i++) {
        if (f->items[i].severity != NB_SEV_ERROR || !identity_rule(f->items[i].rule)) continue;
        for (int j = 0; j < f->items[i].ncells; j++)
            if (f->items[i].cells[j] == cell) return true;
    }
    return false;
}

static bool key_in(const nb_findings *f, const char *key) {
    for (int i = 0; i < f->count; i++)
        if (f->items[i].severity == NB_SEV_ERROR && !strcmp(f->items[i].key, key)) return true;
    return false;
}

static void fail_mutant(const char *what, const char *path, const nb_report *r, int cell,
                        const char *mutation, const nb_findings *f) {
    char id[96];
    nb_template_cell_id(r->tpl, cell, id, sizeof id);
    print_message("%s: %s %d, %s %s\n", path, r->agency, r->year, id, mutation);
    for (int i = 0; i < f->count; i++)
        print_message("    [%s] %s (culprit %d)\n", f->items[i].rule, f->items[i].message,
                      f->items[i].culprit);
    fail_msg("%s", what);
}

static bool table_cell(const nb_template *tpl, int i) {
    return tpl->cells[i].table == NB_TABLE_APPLICATIONS || tpl->cells[i].table == NB_TABLE_APPEALS;
}

/* The same column of the next row in the same table, or -1. */
static int cell_below(const nb_template *tpl, int i) {
    const nb_cell_def *d = &tpl->cells[i];
    int row = d->row + 1;
    if (row >= tpl->nrows || tpl->rows[row].table != d->table) return -1;
    return nb_template_cell_at(tpl, row, d->col_id);
}

static void mutate_report(const char *path, const nb_document *doc, int index, tally *t) {
    const nb_report *orig = &doc->reports[index];
    const nb_template *tpl = orig->tpl;
    for (int i = 0; i < tpl->ncells; i++)
        if (table_cell(tpl, i) && (!orig->cells[i].has_value || orig->cells[i].value.scale)) {
            /* a null cell leaves its identities unjudged: nothing to assert */
            print_message("%s: %s %d has empty cells in its tables; not mutated\n", path,
                          orig->agency, orig->year);
            t->skipped_reports++;
            return;
        }
    const nb_report *prev = nb_check_find_previous(doc, orig, true);
    nb_findings base = {0}, f = {0};
    nb_check_report(orig, prev, &doc->text, &base);
    int base_identity_errors = 0;
    for (int j = 0; j < base.count; j++)
        base_identity_errors += base.items[j].severity == NB_SEV_ERROR && identity_rule(base.items[j].rule);
    nb_report m;
    assert_int_equal(nb_report_copy(&m, orig), 0);
    t->reports++;
    for (int i = 0; i < tpl->ncells; i++) {
        if (!table_cell(tpl, i)) continue;
        int64_t v = orig->cells[i].value.units;
        int64_t variants[3] = {v + 1, v - 1, v * 10};
        const char *names[3] = {"+1", "-1", "x10"};
        for (int k = 0; k < 3; k++) {
            if (variants[k] == v) continue; /* 0 × 10 is no change */
            m.cells[i].value.units = variants[k];
            nb_findings_clear(&f);
            nb_check_report(&m, prev, &doc->text, &f);
            m.cells[i].value.units = v;
            t->single++;
            bool was_broken = in_broken_identity(&base, i);
            if (!names_cell(&f, i)) {
                /* only a cell of an identity the source breaks can mend it */
                if (!was_broken) fail_mutant("no error names the changed cell", path, orig, i, names[k], &f);
                t->repairs++;
                continue;
            }
            int broken = 0;
            for (int j = 0; j < f.count; j++)
                if (f.items[j].severity == NB_SEV_ERROR && identity_rule(f.items[j].rule) &&
                    !key_in(&base, f.items[j].key))
                    broken++;
            /* The changed cell's identities all held before, so it is always a
             * candidate. In a report with no error of its own it is the only
             * one; beside the source's own errors another cell may mend as
             * much (then no culprit is named), but never a different one. */
            if (broken < 2 || was_broken) continue;
            bool strict = base_identity_errors == 0;
            if (strict)
                t->culprit_checked++;
            else
                t->culprit_lenient++;
            for (int j = 0; j < f.count; j++) {
                const nb_finding *x = &f.items[j];
                if (x->severity != NB_SEV_ERROR || !identity_rule(x->rule) || key_in(&base, x->key))
                    continue;
                if (!strict && x->culprit == -1) continue;
                if (x->culprit != i || x->culprit_value.units != v || x->culprit_value.scale != 0)
                    fail_mutant("the culprit is not the changed cell with its value", path, orig, i,
                                names[k], &f);
            }
        }
        int below = cell_below(tpl, i);
        if (below < 0) continue;
        int64_t w = orig->cells[below].value.units;
        if (w == v) continue;
        m.cells[i].value.units = w;
        m.cells[below].value.units = v;
        nb_findings_clear(&f);
        nb_check_report(&m, prev, &doc->text, &f);
        m.cells[i].value.units = v;
        m.cells[below].value.units = w;
        t->swaps++;
        if (!names_cell(&f, i) || !names_cell(&f, below)) {
            if (!in_broken_identity(&base, i) && !in_broken_identity(&base, below))
                fail_mutant("no error names the swapped cells", path, orig, i, "swap", &f);
            t->repairs++;
        }
    }
    nb_report_free(&m);
    nb_findings_free(&base);
    nb_findings_free(&f);
}

static void mutate_file(const char *path, tally *t) {
    nb_document doc;
    nb_error err;
    nb_error_clear(&err);
    if (nb_document_load(&doc, path, &err) != 0) fail_msg("%s: %s", path, err.message);
    t->files++;
    for (int i = 0; i < doc.nreports; i++)
        if (doc.reports[i].has_tables && doc.reports[i].tpl && doc.reports[i].cells)
            mutate_report(path, &doc, i, t);
    nb_document_free(&doc);
}

/* Every file of `dir` ending in `.txt`, in name order. */
static int mutate_dir(const char *dir, tally *t) {
    char *names[256];
    int n = nbt_dir_names(dir, ".txt", names, 256);
    for (int i = 0; i < n; i++) {
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        mutate_file(path, t);
    }
    if (n > 0) nbt_free_names(names, n);
    return n;
}

static void report_tally(const char *what, const tally *t) {
    print_message("%s: %d files, %d tabled reports mutated (%d skipped), %d mutants "
                  "(%d single-cell, %d swaps); culprit checked on %d (+%d beside the source's own "
                  "errors); %d mutants mend an error of the source\n",
                  what, t->files, t->reports, t->skipped_reports, t->single + t->swaps, t->single,
                  t->swaps, t->culprit_checked, t->culprit_lenient, t->repairs);
}

static void test_corpus_mutants(void **state) {
    (void)state;
    const char *shared = getenv("NB_SHARED");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/corpus", shared ? shared : "../shared");
    tally t = {0};
    if (!shared || mutate_dir(dir, &t) < 0) {
        print_message("SKIP: corpus missing (NB_SHARED=%s)\n", shared ? shared : "unset");
        skip();
    }
    report_tally("corpus", &t);
    assert_true(t.reports >= 8);
    assert_true(t.single + t.swaps >= 500);
    assert_true(t.culprit_checked > 0);
}

static void test_sample_mutants(void **state) {
    (void)state;
    const char *src = getenv("NB_SRCDIR");
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/samples", src ? src : ".");
    tally t = {0};
    int n = mutate_dir(dir, &t);
    if (n <= 0) {
        print_message("SKIP: no samples in %s\n", dir);
        skip();
    }
    report_tally("samples", &t);
    assert_true(t.reports > 0);
    assert_true(t.culprit_checked > 0);
}

/* ------------------------------------------------------- mangled numbers */

/* The text with bytes [a, b) replaced by `with`, written to a new file
 * whose path goes to `path`. */
static void write_mutant(const nb_text *t, size_t a, size_t b, const char *with, char *path,
                         size_t size) {
    snprintf(path, size, "%s/nb-mangled-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
    int fd = mkstemp(path);
    assert_true(fd >= 0);
    FILE *fp = fdopen(fd, "wb");
    assert_non_null(fp);
    fwrite(t->utf8, 1, a, fp);
    fputs(with, fp);
    fwrite(t->utf8 + b, 1, t->len - b, fp);
    assert_int_equal(fclose(fp), 0);
}

/* One mangled mutant of cell `c` of report `index`: the token is named
 * at the cell's line and column, the cell stays empty, every other cell
 * keeps its value, and every error of the original that does not involve
 * the cell is still found. Returns 1. */
static int check_mangled(const nb_document *doc, int index, const nb_findings *orig, int c,
                         const char *with) {
    const nb_report *r = &doc->reports[index];
    const nb_span *sp = &r->cells[c].span;
    char path[1100];
    write_mutant(&doc->text, sp->byte_start, sp->byte_end, with, path, sizeof path);
    nb_document m;
    nb_error err;
    nb_error_clear(&err);
    if (nb_document_load(&m, path, &err) != 0) fail_msg("%s: %s", path, err.message);
    unlink(path);
    assert_true(m.nreports > index && m.reports[index].has_tables);
    const nb_report *mr = &m.reports[index];
    nb_findings f = {0};
    nb_check_document(&m, index, NULL, &f);
    bool named = false;
    for (int i = 0; i < f.count; i++)
        named |= !strcmp(f.items[i].rule, "cell.mangled_number") && f.items[i].line == sp->line &&
                 f.items[i].column == sp->col_start && f.items[i].severity == NB_SEV_ERROR;
    if (!named) fail_mutant("mangled token not named", path, r, c, with, &f);
    assert_false(mr->cells[c].has_value);
    for (int i = 0; i < r->tpl->ncells; i++)
        if (i != c && (mr->cells[i].has_value != r->cells[i].has_value ||
                       mr->cells[i].value.units != r->cells[i].value.units))
            fail_mutant("another cell changed", path, r, i, with, &f);
    for (int i = 0; i < orig->count; i++) {
        const nb_finding *x = &orig->items[i];
        bool involved = false;
        for (int j = 0; j < x->ncells; j++) involved |= x->cells[j] == c;
        if (x->severity == NB_SEV_ERROR && !involved && !key_in(&f, x->key))
            fail_mutant(x->key, path, r, c, with, &f);
    }
    nb_findings_free(&f);
    nb_document_free(&m);
    return 1;
}

/* The mutants of one number: a letter O for the digit 0 after it, a
 * letter l before it, and (two digits or more) a 。 inside. */
static int mangle_cell(const nb_document *doc, int index, const nb_findings *orig, int c) {
    const nb_span *sp = &doc->reports[index].cells[c].span;
    size_t n = sp->byte_end - sp->byte_start;
    const char *p = doc->text.utf8 + sp->byte_start;
    for (size_t i = 0; i < n; i++)
        if (p[i] < '0' || p[i] > '9') return 0;
    if (n == 0 || n > 12) return 0;
    char with[40];
    int done = 0;
    snprintf(with, sizeof with, "%.*sO", (int)n, p);
    done += check_mangled(doc, index, orig, c, with);
    snprintf(with, sizeof with, "l%.*s", (int)n, p);
    done += check_mangled(doc, index, orig, c, with);
    if (n >= 2) {
        snprintf(with, sizeof with, "%.1s。%.*s", p, (int)n - 1, p + 1);
        done += check_mangled(doc, index, orig, c, with);
    }
    return done;
}

/* For every sample whose expected file lists errors: every number cell
 * of tables 三 and 四, mangled. */
static void test_sample_mangled(void **state) {
    (void)state;
    const char *src = getenv("NB_SRCDIR") ? getenv("NB_SRCDIR") : ".";
    char dir[1024];
    snprintf(dir, sizeof dir, "%s/samples", src);
    char *names[64];
    int n = nbt_dir_names(dir, ".txt", names, 64), samples = 0, mutants = 0;
    assert_true(n > 0);
    for (int k = 0; k < n; k++) {
        char path[1200], expected[1200];
        snprintf(expected, sizeof expected, "%s/tests/samples/%.*s.yaml", src,
                 (int)strlen(names[k]) - 4, names[k]);
        char *exp = nbt_read_file(expected, NULL);
        bool errors = exp && strstr(exp, "severity: error");
        free(exp);
        if (!errors) continue;
        samples++;
        snprintf(path, sizeof path, "%s/%s", dir, names[k]);
        nb_document doc;
        nb_error err;
        nb_error_clear(&err);
        if (nb_document_load(&doc, path, &err) != 0) fail_msg("%s: %s", path, err.message);
        for (int i = 0; i < doc.nreports; i++) {
            const nb_report *r = &doc.reports[i];
            if (!r->has_tables) continue;
            nb_findings orig = {0};
            nb_check_document(&doc, i, NULL, &orig);
            assert_true(orig.errors > 0);
            for (int c = 0; c < r->tpl->ncells; c++)
                if (r->tpl->cells[c].table != NB_TABLE_ACTIVE && r->cells[c].has_value &&
                    r->cells[c].origin == NB_ORIGIN_READ)
                    mutants += mangle_cell(&doc, i, &orig, c);
            nb_findings_free(&orig);
        }
        nb_document_free(&doc);
    }
    nbt_free_names(names, n);
    print_message("mangled numbers: %d samples with errors, %d mutants\n", samples, mutants);
    assert_true(samples >= 1);
    assert_true(mutants >= 100);
}

int main(void) {
    setlocale(LC_ALL, "C.UTF-8");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_corpus_mutants),
        cmocka_unit_test(test_sample_mutants),
        cmocka_unit_test(test_sample_mangled),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
