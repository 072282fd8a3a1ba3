/* The recogniser against hand-verified values: for every expected YAML file
 * of the shared corpus (and every YAML file in tests/samples/ and
 * tests/layouts/ of the project's own samples), parse the source it names and compare report count,
 * agency, year, template, copies, the years of reports without tables,
 * the recogniser's notes the findings name, and every cell — values,
 * nulls and amount units — and that every value read points at its own
 * text in the source (span bytes, line and column). Each expected file
 * is one test; each mismatch is printed before the test fails. Each
 * corpus file is also read again after every layout-preserving rewrite
 * (CRLF, GB18030, no blank lines, bars removed, tabs for gaps, single
 * spaces, numbers below their labels or one per line, page footers,
 * space-aligned rows as markdown or box-drawn grids, a cell-per-line
 * table joined into rows as a browser copies it, long labels wrapped,
 * every 0 written as — which must read as a null saying —):
 * the cells must not change, which is what reading unseen layouts needs.
 * The project's own numbers as real tools render a published page (w3m,
 * lynx, pandoc, copies; tests/layouts/README) are read the same way, and
 * so is the text pdftotext makes now of the corpus PDFs (when it is
 * installed) with -layout and with -raw; of its default mode, which lists
 * some tables column by column, a cell may stay null but no value read
 * may be wrong. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <iconv.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cmocka.h>
#include <yaml.h>

#include "nianbao/cells.h"
#include "nianbao/document.h"
#include "nianbao/report.h"
#include "nianbao/source.h"
#include "testlib.h"

typedef struct corpus_case {
    char name[256];
    char expected[1024];
    char source_dir[1024]; /* the expected file's `file:` is relative to it */
    int rewrite;           /* index in rewrites[], or -1 for the file as it is */
    /* Or the text pdftotext makes of this PDF now, with these options
     * ("-layout", "-raw", or "" for its default mode, whose order of
     * values cannot always be read: there a cell may stay null, but a
     * value read must be right). */
    char pdf[1024];
    const char *pdf_mode;
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
    bool zero_is_dash;  /* the source had every 0 rewritten as — */
    bool zero_is_empty; /* ... or deleted */
    bool unread_allowed; /* a cell left null is no mismatch; a wrong value is */
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
    if (cx->zero_is_empty && w.units == 0) {
        if (c->has_value) mismatch(cx, "%d %s: expected null (deleted 0), got %s", r->year, id, got);
        return;
    }
    if (cx->zero_is_dash && w.units == 0) {
        /* the rewrite put — where 0 stood: a null that says what stood there */
        if (c->has_value) mismatch(cx, "%d %s: expected null (—), got %s", r->year, id, got);
        else if (strcmp(c->blank_text, "—") != 0)
            mismatch(cx, "%d %s: expected a blank reading —, got \"%s\"", r->year, id, c->blank_text);
        return;
    }
    if (!c->has_value && cx->unread_allowed) return;
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
                        if (cx->unread_allowed && !r->cells[ci].has_value) continue; /* no amount, no unit */
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

/* ---- layout-preserving rewrites ---------------------------------------------------- */

/* The same report in other clothes: each rewrite changes only how the
 * text is laid out or encoded, never what it states, so every cell must
 * read the same. They stand in for the unseen layouts of real reports. */
typedef struct growbuf {
    char *s;
    size_t n, cap;
} growbuf;

static void gb_put(growbuf *b, const char *s, size_t n) {
    if (b->n + n + 1 > b->cap) {
        b->cap = (b->n + n + 1) * 2;
        b->s = realloc(b->s, b->cap);
        assert_non_null(b->s);
    }
    memcpy(b->s + b->n, s, n);
    b->n += n;
    b->s[b->n] = '\0';
}

/* Calls `line` for every line of `in` (without its \n). */
typedef void (*line_fn)(growbuf *out, const char *s, size_t n, size_t lineno);

static char *each_line(const char *in, size_t n, size_t *outn, line_fn fn) {
    growbuf b = {0};
    gb_put(&b, "", 0);
    size_t lineno = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(in + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (in + i)) : n - i;
        fn(&b, in + i, len, ++lineno);
        i += len + (nl ? 1 : 0);
    }
    *outn = b.n;
    return b.s;
}

static void crlf_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    gb_put(b, s, n);
    gb_put(b, "\r\n", 2);
}

static void no_blank_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r') {
            gb_put(b, s, n);
            gb_put(b, "\n", 1);
            return;
        }
}

static void nbsp_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    for (size_t i = 0; i < n; i++) {
        if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] == 0xA0) {
            gb_put(b, " ", 1);
            i++;
        } else {
            gb_put(b, s + i, 1);
        }
    }
    gb_put(b, "\n", 1);
}

static void no_pipe_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    for (size_t i = 0; i < n; i++)
        if (s[i] != '|') gb_put(b, s + i, 1);
    gb_put(b, "\n", 1);
}

static void fullwidth_digit_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    for (size_t i = 0; i < n; i++) {
        if (s[i] >= '0' && s[i] <= '9') {
            char w[3] = {(char)0xEF, (char)0xBC, (char)(0x90 + (s[i] - '0'))}; /* U+FF10.. */
            gb_put(b, w, 3);
        } else {
            gb_put(b, s + i, 1);
        }
    }
    gb_put(b, "\n", 1);
}

static void footer_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    gb_put(b, s, n);
    gb_put(b, "\n", 1);
    char f[32];
    if (lineno % 37 == 0) gb_put(b, f, (size_t)snprintf(f, sizeof f, "- %zu -\n", lineno / 37));
    if (lineno % 53 == 0) gb_put(b, f, (size_t)snprintf(f, sizeof f, "第 %zu 页 共 9 页\n", lineno / 53));
}

static void tab_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    for (size_t i = 0; i < n; i++) {
        if (s[i] == ' ' && i + 1 < n && s[i + 1] == ' ') {
            while (i + 1 < n && s[i + 1] == ' ') i++;
            gb_put(b, "\t", 1);
        } else {
            gb_put(b, s + i, 1);
        }
    }
    gb_put(b, "\n", 1);
}

static void squeeze_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    size_t i = 0;
    while (i < n && s[i] == ' ') i++;
    for (; i < n; i++) {
        if (s[i] == ' ' && i > 0 && s[i - 1] == ' ') continue;
        gb_put(b, s + i, 1);
    }
    gb_put(b, "\n", 1);
}

/* Where a line ends in five or more numbers after a label, the offset of
 * that run of numbers; 0 when it does not. */
static size_t trailing_numbers(const char *s, size_t n, int *count) {
    size_t e = n;
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\r')) e--;
    size_t i = e;
    *count = 0;
    while (i > 0) {
        size_t j = i;
        while (j > 0 && ((s[j - 1] >= '0' && s[j - 1] <= '9') || s[j - 1] == '.')) j--;
        if (j == i || (j > 0 && s[j - 1] != ' ')) break;
        (*count)++;
        i = j;
        while (i > 0 && s[i - 1] == ' ') i--;
    }
    if (*count < 5 || i == 0) return 0;
    while (i < e && s[i] == ' ') i++;
    return i;
}

static void numbers_below_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    int count;
    size_t at = trailing_numbers(s, n, &count);
    if (at) {
        gb_put(b, s, at);
        gb_put(b, "\n", 1);
        gb_put(b, s + at, n - at);
    } else {
        gb_put(b, s, n);
    }
    gb_put(b, "\n", 1);
}

static void number_per_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    int count;
    size_t at = trailing_numbers(s, n, &count);
    if (!at) {
        gb_put(b, s, n);
        gb_put(b, "\n", 1);
        return;
    }
    gb_put(b, s, at);
    gb_put(b, "\n", 1);
    for (size_t i = at; i < n;) {
        while (i < n && (s[i] == ' ' || s[i] == '\r')) i++;
        size_t j = i;
        while (j < n && s[j] != ' ' && s[j] != '\r') j++;
        if (j > i) {
            gb_put(b, s + i, j - i);
            gb_put(b, "\n", 1);
        }
        i = j;
    }
}

static char *to_gb18030(const char *in, size_t n, size_t *outn) {
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    assert_true(cd != (iconv_t)-1);
    size_t cap = n * 2 + 16, left = cap;
    char *out = malloc(cap), *op = out;
    assert_non_null(out);
    char *ip = (char *)in;
    size_t inleft = n;
    assert_true(iconv(cd, &ip, &inleft, &op, &left) != (size_t)-1);
    iconv_close(cd);
    *outn = cap - left;
    return out;
}

static void indent_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    gb_put(b, "    ", 4);
    gb_put(b, s, n);
    gb_put(b, "\n", 1);
}

static void double_space_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    gb_put(b, s, n);
    gb_put(b, "\n\n", 2);
}

/* A space-aligned row ("label   1   2") as a grid row: "| label | 1 | 2 |",
 * or "│label│1│2│" with a rule under it; other lines as they are. */
static void grid_line(growbuf *b, const char *s, size_t n, bool box) {
    size_t a = 0, e = n;
    while (a < e && s[a] == ' ') a++;
    while (e > a && (s[e - 1] == ' ' || s[e - 1] == '\r')) e--;
    bool gaps = false;
    for (size_t i = a; i + 1 < e; i++)
        if (s[i] == ' ' && s[i + 1] == ' ') gaps = true;
    if (!gaps) {
        gb_put(b, s, n);
        gb_put(b, "\n", 1);
        return;
    }
    const char *bar = box ? "│" : " | ";
    gb_put(b, box ? "│" : "| ", box ? strlen("│") : 2);
    for (size_t i = a; i < e; i++) {
        if (s[i] == ' ' && i + 1 < e && s[i + 1] == ' ') {
            while (i + 1 < e && s[i + 1] == ' ') i++;
            gb_put(b, bar, strlen(bar));
        } else {
            gb_put(b, s + i, 1);
        }
    }
    gb_put(b, box ? "│\n" : " |\n", box ? strlen("│\n") : 3);
    if (box) gb_put(b, "├──────┼──────┤\n", strlen("├──────┼──────┤\n"));
}

static void markdown_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    grid_line(b, s, n, false);
}

static void box_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    grid_line(b, s, n, true);
}

/* A cell-per-line table as a browser copies it: each label with the
 * numbers under it on one line, separated by `sep`; empty lines dropped. */
static char *rows_joined(const char *in, size_t n, size_t *outn, const char *sep) {
    growbuf b = {0};
    gb_put(&b, "", 0);
    bool open = false;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(in + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (in + i)) : n - i;
        const char *s = in + i;
        i += len + (nl ? 1 : 0);
        /* the line without NBSP, and without spaces, bars and \r at its ends */
        char core[128];
        size_t c = 0;
        for (size_t k = 0; k < len; k++) {
            unsigned char ch = (unsigned char)s[k];
            if (k + 1 < len && ch == 0xC2 && (unsigned char)s[k + 1] == 0xA0) {
                k++;
                continue;
            }
            if (c + 1 < sizeof core) core[c++] = (char)ch;
        }
        core[c] = '\0';
        size_t a = 0;
        while (a < c && strchr(" \t|\r", core[a])) a++;
        while (c > a && strchr(" \t|\r", core[c - 1])) core[--c] = '\0';
        if (a == c) continue;
        memmove(core, core + a, c - a + 1);
        c -= a;
        nb_number num;
        char unit[24];
        bool absurd;
        if (open && c < sizeof core - 1 && nb_parse_number_word(core, c, &num, unit, sizeof unit, &absurd)) {
            gb_put(&b, sep, strlen(sep));
            gb_put(&b, core, c);
            continue;
        }
        if (open) gb_put(&b, "\n", 1);
        gb_put(&b, s, len);
        open = true;
    }
    if (open) gb_put(&b, "\n", 1);
    *outn = b.n;
    return b.s;
}

static char *rows_joined_by_tabs(const char *in, size_t n, size_t *outn) {
    return rows_joined(in, n, outn, "\t");
}

static char *rows_joined_by_spaces(const char *in, size_t n, size_t *outn) {
    return rows_joined(in, n, outn, " ");
}

/* A long label without digits wrapped in the middle, as a narrow column
 * wraps it: "一、本年新收政府" / "信息公开申请数量 |". */
static void wrap_label_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    size_t cps = 0;
    bool plain = true;
    for (size_t i = 0; i < n; i++) {
        unsigned char ch = (unsigned char)s[i];
        if ((ch >= '0' && ch <= '9') || ch == '\t' || ch == '|' || ch == '\r' || ch == ' ') plain = false;
        if ((ch & 0xC0) != 0x80) cps++;
    }
    if (!plain || cps < 12 || cps > 40) {
        gb_put(b, s, n);
        gb_put(b, "\n", 1);
        return;
    }
    size_t half = cps / 2, at = 0, seen = 0;
    for (at = 0; at < n; at++) {
        if (((unsigned char)s[at] & 0xC0) != 0x80) {
            if (seen == half) break;
            seen++;
        }
    }
    gb_put(b, s, at);
    gb_put(b, "\n", 1);
    gb_put(b, s + at, n - at);
    gb_put(b, "\n", 1);
}

static char *rows_joined_by_bars(const char *in, size_t n, size_t *outn) {
    return rows_joined(in, n, outn, " | "); /* html2text's table rows */
}

/* Every 0 that stands alone written as — (how many reports print an
 * empty count): the cells must become nulls that say "—", the others
 * keep their values, and no column may shift. */
static void zero_as_dash_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    for (size_t i = 0; i < n; i++) {
        bool alone = s[i] == '0' && (i == 0 || !((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.' ||
                                                 s[i - 1] == '-' || s[i - 1] == '+')) &&
                     (i + 1 == n || !((s[i + 1] >= '0' && s[i + 1] <= '9') || s[i + 1] == '.' ||
                                      (unsigned char)s[i + 1] >= 0xE4));
        if (alone) gb_put(b, "—", strlen("—"));
        else gb_put(b, s + i, 1);
    }
    gb_put(b, "\n", 1);
}

static void spaced_out_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    gb_put(b, s, n);
    gb_put(b, "\n\n\n\n", 4); /* pages of a generous converter: distances in lines mean little */
}

/* Every 0 that stands alone deleted, as pages print an empty count: only
 * layouts that keep an empty cell as something (a bar, a tab field, an
 * NBSP, an extra empty line) can say where it was. */
static void zero_as_empty_line(growbuf *b, const char *s, size_t n, size_t lineno) {
    (void)lineno;
    for (size_t i = 0; i < n; i++) {
        bool alone = s[i] == '0' && (i == 0 || !((s[i - 1] >= '0' && s[i - 1] <= '9') || s[i - 1] == '.' ||
                                                 s[i - 1] == '-' || s[i - 1] == '+')) &&
                     (i + 1 == n || !((s[i + 1] >= '0' && s[i + 1] <= '9') || s[i + 1] == '.' ||
                                      (unsigned char)s[i + 1] >= 0xE4));
        if (!alone) gb_put(b, s + i, 1);
    }
    gb_put(b, "\n", 1);
}

/* Whether a text keeps its columns by position only (pdftotext -layout,
 * or rows of numbers between single spaces as -raw writes them): there a
 * deleted value leaves nothing to read, so the rewrite above does not
 * apply. */
static bool aligned_by_spaces(const char *s, size_t n) {
    size_t lines = 0, gapped = 0;
    for (size_t i = 0; i < n;) {
        const char *nl = memchr(s + i, '\n', n - i);
        size_t len = nl ? (size_t)(nl - (s + i)) : n - i;
        bool gap = false, text = false;
        int spaced_numbers = 0;
        for (size_t k = 0; k + 2 < len; k++) {
            if (s[i + k] != ' ') text = true;
            if (text && s[i + k] == ' ' && s[i + k + 1] == ' ' && s[i + k + 2] == ' ') gap = true;
            if (s[i + k] == ' ' && s[i + k + 1] >= '0' && s[i + k + 1] <= '9') spaced_numbers++;
        }
        if (spaced_numbers >= 3) gap = true; /* a row of numbers between single spaces */
        if (len) lines++;
        if (gap) gapped++;
        i += len + (nl ? 1 : 0);
    }
    return gapped * 20 > lines;
}

typedef struct layout_rewrite {
    const char *name;
    line_fn per_line;                                      /* a rewrite line by line, or */
    char *(*whole)(const char *in, size_t n, size_t *outn); /* one of the whole text */
    bool zero_is_dash;                                     /* 0 cells become — */
    bool zero_is_empty;                                    /* 0 cells become empty */
} layout_rewrite;

static const layout_rewrite rewrites[] = {
    {"crlf", crlf_line, NULL, false, false},
    {"no-blank-lines", no_blank_line, NULL, false, false},
    {"nbsp-as-space", nbsp_line, NULL, false, false},
    {"no-bars", no_pipe_line, NULL, false, false},
    {"gb18030", NULL, to_gb18030, false, false},
    {"full-width-digits", fullwidth_digit_line, NULL, false, false},
    {"page-footers", footer_line, NULL, false, false},
    {"gaps-as-tabs", tab_line, NULL, false, false},
    {"single-spaces", squeeze_line, NULL, false, false},
    {"numbers-below-labels", numbers_below_line, NULL, false, false},
    {"one-number-per-line", number_per_line, NULL, false, false},
    {"indented", indent_line, NULL, false, false},
    {"double-spaced", double_space_line, NULL, false, false},
    {"spaced-out", spaced_out_line, NULL, false, false},
    {"gaps-as-markdown-bars", markdown_line, NULL, false, false},
    {"gaps-as-box-grid", box_line, NULL, false, false},
    {"rows-joined-by-tabs", NULL, rows_joined_by_tabs, false, false},
    {"rows-joined-by-spaces", NULL, rows_joined_by_spaces, false, false},
    {"rows-joined-by-bars", NULL, rows_joined_by_bars, false, false},
    {"long-labels-wrapped", wrap_label_line, NULL, false, false},
    {"zeros-as-dashes", zero_as_dash_line, NULL, true, false},
    {"zeros-as-empty-cells", zero_as_empty_line, NULL, false, true},
};
#define NREWRITES ((int)(sizeof rewrites / sizeof rewrites[0]))

static char *apply_rewrite(int which, const char *in, size_t n, size_t *outn) {
    if (rewrites[which].whole) return rewrites[which].whole(in, n, outn);
    return each_line(in, n, outn, rewrites[which].per_line);
}

/* Compare what the recogniser makes of `source` with `expected_yaml`.
 * `rewrite` (or -1) names a layout-preserving rewrite of the source first.
 * Returns the number of mismatches (printed), or -1 when a file cannot
 * be read. */
static int compare_expected(const char *expected_yaml, const char *source, int rewrite, bool unread_allowed) {
    cmp_ctx cx = {0, source, rewrite >= 0 && rewrites[rewrite].zero_is_dash,
                  rewrite >= 0 && rewrites[rewrite].zero_is_empty, unread_allowed};
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
    size_t n;
    char *raw = nbt_read_file(source, &n);
    if (!raw) {
        print_error("cannot read %s\n", source);
        yaml_document_delete(&d);
        return -1;
    }
    if (rewrite >= 0) {
        size_t m;
        char *changed = apply_rewrite(rewrite, raw, n, &m);
        free(raw);
        raw = changed;
        n = m;
    }
    nb_text text;
    int rc = nb_source_from_bytes(raw, n, &text, NULL, &err);
    free(raw);
    if (rc != 0 || nb_document_parse(&doc, source, &text, &err) != 0) {
        print_error("%s: %s\n", source, err.message);
        yaml_document_delete(&d);
        return -1;
    }
    yaml_node_t *root = yaml_document_get_root_node(&d);
    /* a rendering that garbles the text (html2text cutting characters):
     * cells may stay null, but a value read must be right */
    const char *lenient = scalar(map_get(&d, root, "cells_may_be_unread"));
    if (lenient && strcmp(lenient, "true") == 0) cx.unread_allowed = true;
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

/* The source file an expected file names (its `file:`), under `dir`;
 * false when it names none. */
static bool source_of(const char *expected, const char *dir, char *out, size_t cap) {
    FILE *f = fopen(expected, "rb");
    if (!f) return false;
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
    if (!file[0]) return false;
    snprintf(out, cap, "%s/%s", dir, file);
    return true;
}

/* pdftotext in PATH? */
static bool have_pdftotext(void) {
    const char *path = getenv("PATH");
    if (!path) return false;
    char dir[1024];
    while (*path) {
        size_t n = strcspn(path, ":");
        if (n > 0 && n < sizeof dir - 16) {
            memcpy(dir, path, n);
            snprintf(dir + n, sizeof dir - n, "/pdftotext");
            if (access(dir, X_OK) == 0) return true;
        }
        path += n + (path[n] == ':');
    }
    return false;
}

/* Runs pdftotext [mode] PDF OUT (no shell: the path is an argument). */
static bool run_pdftotext(const char *mode, const char *pdf, const char *out) {
    pid_t pid = fork();
    if (pid < 0) return false;
    if (pid == 0) {
        if (*mode) execlp("pdftotext", "pdftotext", "-q", mode, pdf, out, (char *)NULL);
        else execlp("pdftotext", "pdftotext", "-q", pdf, out, (char *)NULL);
        _exit(127);
    }
    int status;
    while (waitpid(pid, &status, 0) < 0)
        if (errno != EINTR) return false;
    return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

static void test_pdftotext_file(void **state) {
    const corpus_case *cc = *state;
    char dir[] = "/tmp/nb-pdftotext-XXXXXX";
    if (!mkdtemp(dir)) fail_msg("cannot make a temporary directory: %s", strerror(errno));
    char out[128];
    snprintf(out, sizeof out, "%s/report.txt", dir);
    bool ran = run_pdftotext(cc->pdf_mode, cc->pdf, out);
    int mismatches = ran ? compare_expected(cc->expected, out, -1, cc->pdf_mode[0] == '\0') : -1;
    unlink(out);
    rmdir(dir);
    const char *mode = *cc->pdf_mode ? cc->pdf_mode : "(default mode)";
    if (!ran) fail_msg("pdftotext %s %s failed", mode, cc->pdf);
    if (mismatches != 0) fail_msg("%s (pdftotext %s): %d mismatches", cc->pdf, mode, mismatches);
}

/* The corpus PDF read by nianbao's own PDF source, as a reviewer opens it. */
static void test_pdf_source(void **state) {
    const corpus_case *cc = *state;
    int mismatches = compare_expected(cc->expected, cc->pdf, -1, false);
    if (mismatches != 0) fail_msg("%s (read directly): %d mismatches", cc->pdf, mismatches);
}

static void test_pdftotext_missing(void **state) {
    (void)state;
    print_message("pdftotext (poppler-utils) is not installed: the PDFs of the corpus are not converted\n");
    skip();
}

static void test_expected_file(void **state) {
    const corpus_case *cc = *state;
    char source[2048];
    if (!source_of(cc->expected, cc->source_dir, source, sizeof source))
        fail_msg("%s names no source file (file:)", cc->expected);
    int mismatches = compare_expected(cc->expected, source, cc->rewrite, false);
    if (mismatches != 0) fail_msg("%s: %d mismatches", source, mismatches);
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
        c->rewrite = -1;
        c->pdf[0] = '\0';
        c->pdf_mode = NULL;
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
        /* the samples' pages as real tools render them (tests/layouts/README) */
        snprintf(dir, sizeof dir, "%s/tests/layouts", srcdir);
        add_cases(dir, dir, "layouts/", &cases, &n, &cap);
    }
    qsort(cases, (size_t)first_sample, sizeof *cases, by_name);
    qsort(cases + first_sample, (size_t)(n - first_sample), sizeof *cases, by_name);
    /* every corpus file again in each layout-preserving rewrite */
    for (int r = 0; r < NREWRITES; r++)
        for (int i = 0; i < from_corpus; i++) {
            if (n == cap) {
                cap *= 2;
                cases = realloc(cases, (size_t)cap * sizeof *cases);
                if (!cases) return 1;
            }
            char name[256];
            snprintf(name, sizeof name, "%.200s ~ %s", cases[i].name, rewrites[r].name);
            if (rewrites[r].zero_is_empty) {
                /* where columns are kept by spaces alone a deleted value
                 * leaves no trace: the rewrite does not apply there */
                char source[2048];
                size_t len;
                char *raw = source_of(cases[i].expected, cases[i].source_dir, source, sizeof source)
                                ? nbt_read_file(source, &len)
                                : NULL;
                bool applies = raw && !aligned_by_spaces(raw, len);
                free(raw);
                if (!applies) continue;
            }
            cases[n] = cases[i];
            memcpy(cases[n].name, name, sizeof name);
            cases[n].rewrite = r;
            n++;
        }
    /* the corpus PDFs converted now, by each of pdftotext's modes */
    static const char *const pdf_modes[] = {"-layout", "-raw", ""};
    bool pdf_missing = false, pdftotext = have_pdftotext();
    for (int i = 0; i < from_corpus; i++) {
        char pdf[1024], base[1024]; /* a copy: `cases` moves as it grows */
        const char *slash = strrchr(cases[i].expected, '/');
        snprintf(base, sizeof base, "%s", slash ? slash + 1 : cases[i].expected);
        int len = (int)strlen(base) - 5; /* without .yaml */
        snprintf(pdf, sizeof pdf, "%s/pdf/%.*s.pdf", shared, len, base);
        if (access(pdf, R_OK) != 0) continue;
        if (n == cap) {
            cap *= 2;
            cases = realloc(cases, (size_t)cap * sizeof *cases);
            if (!cases) return 1;
        }
        cases[n] = cases[i];
        snprintf(cases[n].name, sizeof cases[n].name, "pdf/%.*s.pdf ~ read directly", len, base);
        snprintf(cases[n].pdf, sizeof cases[n].pdf, "%s", pdf);
        cases[n].pdf_mode = NULL;
        n++;
        if (!pdftotext) {
            pdf_missing = true;
            continue;
        }
        for (int m = 0; m < 3; m++) {
            if (n == cap) {
                cap *= 2;
                cases = realloc(cases, (size_t)cap * sizeof *cases);
                if (!cases) return 1;
            }
            cases[n] = cases[i];
            snprintf(cases[n].name, sizeof cases[n].name, "pdf/%.*s.pdf ~ pdftotext%s%s", len, base,
                     *pdf_modes[m] ? " " : " (default mode)", pdf_modes[m]);
            snprintf(cases[n].pdf, sizeof cases[n].pdf, "%s", pdf);
            cases[n].pdf_mode = pdf_modes[m];
            n++;
        }
    }
    struct CMUnitTest *tests = calloc((size_t)n + 2, sizeof *tests);
    if (!tests) return 1;
    int nt = 0;
    if (from_corpus == 0) tests[nt++] = (struct CMUnitTest)cmocka_unit_test(test_corpus_missing);
    if (pdf_missing) tests[nt++] = (struct CMUnitTest)cmocka_unit_test(test_pdftotext_missing);
    for (int i = 0; i < n; i++) {
        tests[nt].name = cases[i].name;
        tests[nt].test_func = !cases[i].pdf[0]      ? test_expected_file
                              : cases[i].pdf_mode ? test_pdftotext_file
                                                  : test_pdf_source;
        tests[nt].initial_state = &cases[i];
        nt++;
    }
    int rc = _cmocka_run_group_tests("corpus", tests, (size_t)nt, NULL, NULL);
    free(tests);
    free(cases);
    return rc;
}
