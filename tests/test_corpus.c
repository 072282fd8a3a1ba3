/* The recogniser against hand-verified values: for every expected YAML file
 * of the shared corpus (and every YAML file in tests/samples/ of the project's
 * own samples), parse the source it names and compare report count,
 * agency, year, template, copies, the years of reports without tables,
 * the recogniser's notes the findings name, and every cell — values,
 * nulls and amount units — and that every value read points at its own
 * text in the source (span bytes, line and column). Each expected file
 * is one test; each mismatch is printed before the test fails. */
#include "config.h"

#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include <cmocka.h>
#include <yaml.h>

#include "nianbao/cells.h"
#include "nianbao/report.h"

typedef struct corpus_case {
    char name[256];
    char expected[1024];
    char source_dir[1024]; /* the expected file's `file:` is relative to it */
} corpus_case;

/* ---- a little YAML tree access ------------------------------------------ */

static yaml_node_t *map_get(yaml_document_t *d, yaml_node_t *map, const char *key) {
    if (!map || map->type != YAML_MAPPING_NODE) return NULL;
    for (yaml_node_pair_t *p = map->data.mapping.pairs.start; p < map->data.mapping.pairs.top; p++) {
        yaml_node_t *k = yaml_document_get_node(d, p->key);
        if (k && k->type == YAML_SCALAR_NODE && strcmp((char *)k->data.scalar.value, key) == 0)
            return yaml_document_get_node(d, p->value);
    }
    return NULL;
}

static const char *scalar(yaml_node_t *n) {
    return n && n->type == YAML_SCALAR_NODE ? (const char *)n->data.scalar.value : NULL;
}

static bool is_null_scalar(const char *s) {
    return !s || !*s || strcmp(s, "null") == 0 || strcmp(s, "~") == 0 || strcmp(s, "Null") == 0;
}

/* ---- the comparison --------------------------------------------------------- */

typedef struct cmp_ctx {
    int mismatches;
    const char *file;
} cmp_ctx;

static void mismatch(cmp_ctx *cx, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void mismatch(cmp_ctx *cx, const char *fmt, ...) {
    char msg[600];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    print_error("%s: %s\n", cx->file, msg);
    cx->mismatches++;
}

static void compare_cell(cmp_ctx *cx, const nb_report *r, int ci, const char *want, const char *id) {
    const nb_cell *c = &r->cells[ci];
    char got[48] = "null";
    if (c->has_value) nb_number_format(c->value, got, sizeof got);
    if (is_null_scalar(want)) {
        if (c->has_value) mismatch(cx, "%d %s: expected null, got %s", r->year, id, got);
        return;
    }
    nb_number w;
    if (!nb_number_parse(want, strlen(want), &w)) {
        mismatch(cx, "%d %s: expected value '%s' is not a number", r->year, id, want);
        return;
    }
    if (!c->has_value || nb_number_cmp(w, c->value) != 0)
        mismatch(cx, "%d %s: expected %s, got %s", r->year, id, want, got);
}

static void compare_tables(cmp_ctx *cx, yaml_document_t *d, yaml_node_t *tables, const nb_report *r,
                           bool *covered) {
    for (yaml_node_pair_t *tp = tables->data.mapping.pairs.start; tp < tables->data.mapping.pairs.top; tp++) {
        const char *tkey = scalar(yaml_document_get_node(d, tp->key));
        yaml_node_t *rows = yaml_document_get_node(d, tp->value);
        int table = -1;
        for (int t = 0; t < NB_TABLE_COUNT; t++)
            if (tkey && strcmp(nb_table_key((nb_table_id)t), tkey) == 0) table = t;
        if (table < 0 || !rows || rows->type != YAML_MAPPING_NODE) {
            mismatch(cx, "%d: unknown table '%s' in the expected file", r->year, tkey ? tkey : "?");
            continue;
        }
        for (yaml_node_pair_t *rp = rows->data.mapping.pairs.start; rp < rows->data.mapping.pairs.top; rp++) {
            const char *rkey = scalar(yaml_document_get_node(d, rp->key));
            yaml_node_t *vals = yaml_document_get_node(d, rp->value);
            int row = rkey ? nb_template_find_row(r->tpl, (nb_table_id)table, rkey) : -1;
            if (row < 0) {
                mismatch(cx, "%d: row %s.%s is not in the recognised template %s%s", r->year, tkey,
                         rkey ? rkey : "?", r->tpl->name,
                         r->tpl->other_single_row ? " (one-row (六))" : "");
                continue;
            }
            const nb_row_def *rd = &r->tpl->rows[row];
            if (vals->type == YAML_SEQUENCE_NODE) {
                int n = (int)(vals->data.sequence.items.top - vals->data.sequence.items.start);
                if (n != rd->ncells)
                    mismatch(cx, "%d: row %s.%s lists %d values for %d cells", r->year, tkey, rkey, n,
                             rd->ncells);
                for (int c = 0; c < n && c < rd->ncells; c++) {
                    yaml_node_t *v = yaml_document_get_node(d, vals->data.sequence.items.start[c]);
                    char id[160];
                    nb_template_cell_id(r->tpl, rd->first_cell + c, id, sizeof id);
                    compare_cell(cx, r, rd->first_cell + c, scalar(v), id);
                    covered[rd->first_cell + c] = true;
                }
            } else if (vals->type == YAML_MAPPING_NODE) {
                for (yaml_node_pair_t *cp = vals->data.mapping.pairs.start; cp < vals->data.mapping.pairs.top; cp++) {
                    const char *ckey = scalar(yaml_document_get_node(d, cp->key));
                    const char *want = scalar(yaml_document_get_node(d, cp->value));
                    if (ckey && strcmp(ckey, "amount_unit") == 0) {
                        int ci = nb_template_cell_at(r->tpl, row, "amount");
                        if (ci < 0) {
                            mismatch(cx, "%d: %s.%s has no amount cell", r->year, tkey, rkey);
                            continue;
                        }
                        const char *got = r->cells[ci].unit;
                        const char *w = is_null_scalar(want) ? "" : want;
                        if (strcmp(got, w) != 0)
                            mismatch(cx, "%d %s.%s.amount_unit: expected '%s', got '%s'", r->year, tkey,
                                     rkey, w, got);
                        continue;
                    }
                    int ci = ckey ? nb_template_cell_at(r->tpl, row, ckey) : -1;
                    if (ci < 0) {
                        mismatch(cx, "%d: no cell %s.%s.%s in template %s", r->year, tkey, rkey,
                                 ckey ? ckey : "?", r->tpl->name);
                        continue;
                    }
                    char id[160];
                    nb_template_cell_id(r->tpl, ci, id, sizeof id);
                    compare_cell(cx, r, ci, want, id);
                    covered[ci] = true;
                }
            }
        }
    }
}

/* Every value read from the source points at its own text: the bytes of
 * its span, read as a number, are the value, on the line the span says. */
static void check_spans(cmp_ctx *cx, const nb_text *t, const nb_report *r) {
    if (!r->has_tables) return;
    for (int i = 0; i < r->tpl->ncells; i++) {
        const nb_cell *c = &r->cells[i];
        if (!c->has_value || c->origin != NB_ORIGIN_READ) continue;
        char id[160];
        nb_template_cell_id(r->tpl, i, id, sizeof id);
        if (c->span.line <= 0 || c->span.byte_end <= c->span.byte_start || c->span.byte_end > t->len) {
            mismatch(cx, "%d %s: no span in the source", r->year, id);
            continue;
        }
        if (nb_text_line_of(t, c->span.byte_start) + 1 != (size_t)c->span.line ||
            nb_text_column_of(t, c->span.byte_start) != (size_t)c->span.col_start) {
            mismatch(cx, "%d %s: span line/column disagree with its bytes", r->year, id);
            continue;
        }
        nb_number n;
        char unit[24];
        bool absurd;
        if (!nb_parse_number_word(t->utf8 + c->span.byte_start, c->span.byte_end - c->span.byte_start,
                                  &n, unit, sizeof unit, &absurd) ||
            nb_number_cmp(n, c->value) != 0)
            mismatch(cx, "%d %s: the span's text \"%.*s\" is not the value", r->year, id,
                     (int)(c->span.byte_end - c->span.byte_start), t->utf8 + c->span.byte_start);
    }
}

static bool has_note(const nb_report *r, nb_note_kind kind) {
    for (int i = 0; i < r->nnotes; i++)
        if (r->notes[i].kind == kind) return true;
    return false;
}

static void compare_report(cmp_ctx *cx, yaml_document_t *d, yaml_node_t *exp, const nb_report *r) {
    const char *agency = scalar(map_get(d, exp, "agency"));
    if (agency && strcmp(agency, r->agency) != 0)
        mismatch(cx, "%d: agency: expected '%s', got '%s'", r->year, agency, r->agency);
    const char *copies = scalar(map_get(d, exp, "copies_in_file"));
    int want_copies = copies ? atoi(copies) : 1;
    if (r->copies != want_copies)
        mismatch(cx, "%d: copies: expected %d, got %d", r->year, want_copies, r->copies);
    yaml_node_t *tables = map_get(d, exp, "tables");
    bool want_tables = tables && tables->type == YAML_MAPPING_NODE &&
                       tables->data.mapping.pairs.top > tables->data.mapping.pairs.start;
    if (want_tables != r->has_tables) {
        mismatch(cx, "%d: expected %s tables, got %s", r->year, want_tables ? "" : "no",
                 r->has_tables ? "tables" : "none");
        return;
    }
    if (!want_tables) return;
    const char *tpl = scalar(map_get(d, exp, "template"));
    if (tpl && strcmp(tpl, r->tpl->name) != 0)
        mismatch(cx, "%d: template: expected %s, got %s", r->year, tpl, r->tpl->name);
    bool *covered = calloc((size_t)r->tpl->ncells, sizeof *covered);
    assert_non_null(covered);
    compare_tables(cx, d, tables, r, covered);
    for (int i = 0; i < r->tpl->ncells; i++)
        if (!covered[i]) {
            char id[160];
            nb_template_cell_id(r->tpl, i, id, sizeof id);
            mismatch(cx, "%d: cell %s of the recognised template is not in the expected file", r->year, id);
        }
    free(covered);
    /* findings the recogniser itself must have noticed */
    yaml_node_t *findings = map_get(d, exp, "findings");
    if (findings && findings->type == YAML_SEQUENCE_NODE) {
        for (yaml_node_item_t *it = findings->data.sequence.items.start; it < findings->data.sequence.items.top; it++) {
            const char *kind = scalar(map_get(d, yaml_document_get_node(d, *it), "kind"));
            if (!kind) continue;
            if (strcmp(kind, "template_deviation") == 0 && !has_note(r, NB_NOTE_TEMPLATE_DEVIATION))
                mismatch(cx, "%d: no template-deviation note", r->year);
            if (strcmp(kind, "label_garbled") == 0 && !has_note(r, NB_NOTE_LABEL_GARBLED))
                mismatch(cx, "%d: no garbled-label note", r->year);
        }
    }
}

/* Compare what the recogniser makes of `source` with `expected_yaml`.
 * Returns the number of mismatches (printed), or -1 when a file cannot
 * be read. */
static int compare_expected(const char *expected_yaml, const char *source) {
    cmp_ctx cx = {0, source};
    FILE *f = fopen(expected_yaml, "rb");
    if (!f) {
        print_error("cannot open %s\n", expected_yaml);
        return -1;
    }
    yaml_parser_t parser;
    yaml_document_t d;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_file(&parser, f);
    if (!yaml_parser_load(&parser, &d)) {
        print_error("%s: YAML error: %s\n", expected_yaml, parser.problem ? parser.problem : "?");
        yaml_parser_delete(&parser);
        fclose(f);
        return -1;
    }
    yaml_parser_delete(&parser);
    fclose(f);

    nb_document doc;
    nb_error err;
    memset(&err, 0, sizeof err);
    if (nb_document_load(&doc, source, &err) != 0) {
        print_error("%s: %s\n", source, err.message);
        yaml_document_delete(&d);
        return -1;
    }
    yaml_node_t *root = yaml_document_get_root_node(&d);
    yaml_node_t *reports = map_get(&d, root, "reports");
    int nexp = reports && reports->type == YAML_SEQUENCE_NODE
                   ? (int)(reports->data.sequence.items.top - reports->data.sequence.items.start)
                   : 0;
    bool *used = calloc((size_t)doc.nreports + 1, sizeof *used);
    assert_non_null(used);
    int expected_tabled = 0;
    for (int e = 0; e < nexp; e++) {
        yaml_node_t *exp = yaml_document_get_node(&d, reports->data.sequence.items.start[e]);
        const char *ys = scalar(map_get(&d, exp, "year"));
        int year = ys ? atoi(ys) : 0;
        yaml_node_t *tables = map_get(&d, exp, "tables");
        bool want_tables = tables && tables->type == YAML_MAPPING_NODE &&
                           tables->data.mapping.pairs.top > tables->data.mapping.pairs.start;
        if (want_tables) expected_tabled++;
        int found = -1;
        for (int i = 0; i < doc.nreports && found < 0; i++)
            if (!used[i] && doc.reports[i].year == year && doc.reports[i].has_tables == want_tables) found = i;
        if (found < 0) {
            mismatch(&cx, "no report of %d %s tables was found", year, want_tables ? "with" : "without");
            continue;
        }
        used[found] = true;
        compare_report(&cx, &d, exp, &doc.reports[found]);
        check_spans(&cx, &doc.text, &doc.reports[found]);
    }
    int got_tabled = 0;
    for (int i = 0; i < doc.nreports; i++) got_tabled += doc.reports[i].has_tables;
    if (got_tabled != expected_tabled)
        mismatch(&cx, "expected %d reports with tables, found %d", expected_tabled, got_tabled);
    /* reports without tables: the years, as a multiset */
    yaml_node_t *notab = map_get(&d, root, "reports_without_tables");
    int want_years[64], nwant = 0;
    if (notab && notab->type == YAML_SEQUENCE_NODE)
        for (yaml_node_item_t *it = notab->data.sequence.items.start; it < notab->data.sequence.items.top && nwant < 64; it++)
            want_years[nwant++] = atoi(scalar(yaml_document_get_node(&d, *it)) ? scalar(yaml_document_get_node(&d, *it)) : "0");
    for (int i = 0; i < doc.nreports; i++) {
        if (used[i] || doc.reports[i].has_tables) continue;
        bool matched = false;
        for (int k = 0; k < nwant; k++)
            if (want_years[k] == doc.reports[i].year) {
                want_years[k] = -1;
                matched = true;
                break;
            }
        if (!matched)
            mismatch(&cx, "unexpected report without tables: %d %s", doc.reports[i].year, doc.reports[i].agency);
    }
    for (int k = 0; k < nwant; k++)
        if (want_years[k] != -1) mismatch(&cx, "report without tables of %d was not found", want_years[k]);
    free(used);
    nb_document_free(&doc);
    yaml_document_delete(&d);
    return cx.mismatches;
}

/* ---- tests --------------------------------------------------------------------- */

static void test_expected_file(void **state) {
    const corpus_case *cc = *state;
    /* the source file named by the expected file */
    FILE *f = fopen(cc->expected, "rb");
    assert_non_null(f);
    char line[1024], file[512] = "";
    while (fgets(line, sizeof line, f))
        if (strncmp(line, "file:", 5) == 0) {
            char *p = line + 5;
            while (*p == ' ' || *p == '"' || *p == '\'') p++;
            size_t l = strcspn(p, "\"'\r\n #");
            snprintf(file, sizeof file, "%.*s", (int)l, p);
            break;
        }
    fclose(f);
    if (!file[0]) fail_msg("%s names no source file (file:)", cc->expected);
    char source[2048];
    snprintf(source, sizeof source, "%s/%s", cc->source_dir, file);
    int mismatches = compare_expected(cc->expected, source);
    if (mismatches != 0) fail_msg("%s: %d mismatches", file, mismatches);
}

static void test_corpus_missing(void **state) {
    (void)state;
    print_message("the shared corpus is missing (NB_SHARED unset or without expected/): "
                  "corpus comparison skipped\n");
    skip();
}

static int by_name(const void *a, const void *b) {
    return strcmp(((const corpus_case *)a)->name, ((const corpus_case *)b)->name);
}

/* Adds a case for every *.yaml in `dir` whose source lies in `source_dir`. */
static int add_cases(const char *dir, const char *source_dir, const char *prefix, corpus_case **cases,
                     int *n, int *cap) {
    DIR *d = opendir(dir);
    if (!d) return 0;
    struct dirent *e;
    int added = 0;
    while ((e = readdir(d))) {
        size_t l = strlen(e->d_name);
        if (l < 6 || strcmp(e->d_name + l - 5, ".yaml") != 0) continue;
        if (*n == *cap) {
            *cap = *cap ? *cap * 2 : 16;
            *cases = realloc(*cases, (size_t)*cap * sizeof **cases);
            if (!*cases) abort();
        }
        corpus_case *c = &(*cases)[(*n)++];
        snprintf(c->name, sizeof c->name, "%s%s", prefix, e->d_name);
        snprintf(c->expected, sizeof c->expected, "%s/%s", dir, e->d_name);
        snprintf(c->source_dir, sizeof c->source_dir, "%s", source_dir);
        added++;
    }
    closedir(d);
    return added;
}

int main(void) {
    corpus_case *cases = NULL;
    int n = 0, cap = 0;
    const char *shared = getenv("NB_SHARED");
    const char *srcdir = getenv("NB_SRCDIR");
    int from_corpus = 0;
    if (shared && *shared) {
        char dir[1024], src[1024];
        snprintf(dir, sizeof dir, "%s/expected", shared);
        snprintf(src, sizeof src, "%s/corpus", shared);
        from_corpus = add_cases(dir, src, "corpus/", &cases, &n, &cap);
    }
    int first_sample = n;
    if (srcdir && *srcdir) {
        char dir[1024], src[1024];
        snprintf(dir, sizeof dir, "%s/tests/samples", srcdir);
        snprintf(src, sizeof src, "%s/samples", srcdir);
        add_cases(dir, src, "samples/", &cases, &n, &cap);
    }
    qsort(cases, (size_t)first_sample, sizeof *cases, by_name);
    qsort(cases + first_sample, (size_t)(n - first_sample), sizeof *cases, by_name);
    struct CMUnitTest *tests = calloc((size_t)n + 1, sizeof *tests);
    if (!tests) return 1;
    int nt = 0;
    if (from_corpus == 0) tests[nt++] = (struct CMUnitTest)cmocka_unit_test(test_corpus_missing);
    for (int i = 0; i < n; i++) {
        tests[nt].name = cases[i].name;
        tests[nt].test_func = test_expected_file;
        tests[nt].initial_state = &cases[i];
        nt++;
    }
    int rc = _cmocka_run_group_tests("corpus", tests, (size_t)nt, NULL, NULL);
    free(tests);
    free(cases);
    return rc;
}
