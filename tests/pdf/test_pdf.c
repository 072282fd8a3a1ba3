/* The PDF source on PDFs the test draws itself with cairo: words on one
 * baseline form one line, numbers keep their columns under the headers,
 * pages are marked; and bad input (not a PDF, cut short, no text layer)
 * gives its message, never a crash. */
#include "config.h"

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>
#include <cmocka.h>

#include "nianbao/pdf.h"
#include "nianbao/source.h"

typedef struct membuf {
    unsigned char *data;
    size_t len;
} membuf;

static cairo_status_t write_mem(void *closure, const unsigned char *data,
                                unsigned int length)
{
    membuf *m = closure;
    unsigned char *p = realloc(m->data, m->len + length);
    if (!p)
        return CAIRO_STATUS_WRITE_ERROR;
    memcpy(p + m->len, data, length);
    m->data = p;
    m->len += length;
    return CAIRO_STATUS_SUCCESS;
}

/* A table without rules: a header line and two rows, on `pages` pages;
 * with text = 0 only a filled box (as a scanned page holds an image). */
static membuf make_pdf(int pages, int text)
{
    membuf m = {0};
    cairo_surface_t *s = cairo_pdf_surface_create_for_stream(write_mem, &m, 595, 842);
    cairo_t *cr = cairo_create(s);
    cairo_select_font_face(cr, "DejaVu Sans", CAIRO_FONT_SLANT_NORMAL,
                           CAIRO_FONT_WEIGHT_NORMAL);
    cairo_set_font_size(cr, 10);
    static const char *rows[][3] = {
        {"item", "first", "second"}, {"alpha", "12", "345"}, {"beta", "", "6"}};
    for (int p = 0; p < pages; p++) {
        if (!text) {
            cairo_rectangle(cr, 50, 50, 400, 300);
            cairo_fill(cr);
        }
        for (int r = 0; text && r < 3; r++)
            for (int c = 0; c < 3; c++) {
                cairo_move_to(cr, 60 + 150 * c, 100 + 20 * r);
                cairo_show_text(cr, rows[r][c]);
            }
        cairo_show_page(cr);
    }
    cairo_destroy(cr);
    cairo_surface_destroy(s);
    return m;
}

/* The column (in display columns, ASCII here) where `word` starts on the
 * line that contains `anchor`. */
static long column_of(const char *text, const char *anchor, const char *word)
{
    const char *a = strstr(text, anchor);
    assert_non_null(a);
    const char *line = a;
    while (line > text && line[-1] != '\n')
        line--;
    const char *w = strstr(line, word);
    assert_non_null(w);
    return (long)(w - line);
}

static void test_lines_and_columns(void **state)
{
    (void)state;
    membuf m = make_pdf(2, 1);
    char *text = NULL;
    size_t len = 0;
    nb_error err = {0};
    assert_int_equal(nb_source_sniff((const char *)m.data, m.len), NB_SOURCE_PDF);
    assert_int_equal(nb_pdf_to_text(m.data, m.len, &text, &len, &err), 0);
    assert_non_null(strstr(text, "— page 1 —\n"));
    assert_non_null(strstr(text, "— page 2 —\n"));
    assert_int_equal(strlen(text), len);
    /* the numbers start under their headers' columns */
    assert_int_equal(column_of(text, "alpha", "12"), column_of(text, "item", "first"));
    assert_int_equal(column_of(text, "alpha", "345"), column_of(text, "item", "second"));
    assert_int_equal(column_of(text, "beta", "6"), column_of(text, "item", "second"));
    /* one row is one line */
    const char *alpha = strstr(text, "alpha");
    assert_true(strchr(alpha, '\n') > strstr(alpha, "345"));
    free(text);
    free(m.data);
}

static void expect_error(const unsigned char *bytes, size_t len, const char *phrase)
{
    char *text = (char *)"unset";
    size_t tl = 7;
    nb_error err = {0};
    assert_int_equal(nb_pdf_to_text(bytes, len, &text, &tl, &err), -1);
    assert_null(text);
    assert_int_not_equal(err.code, 0);
    assert_non_null(strstr(err.message, phrase));
}

static void test_bad_input(void **state)
{
    (void)state;
    static const char junk[] = "%PDF-1.7\n1 0 obj << /Type /Catalog >>\n%%EOF";
    expect_error((const unsigned char *)junk, sizeof junk - 1, "damaged");
    membuf m = make_pdf(1, 1);
    expect_error(m.data, m.len / 2, "damaged");
    free(m.data);
    m = make_pdf(1, 0);
    expect_error(m.data, m.len, "no text layer");
    free(m.data);
    assert_int_equal(nb_source_sniff("hello", 5), NB_SOURCE_TEXT);
}

static void test_page_limit(void **state)
{
    (void)state;
    membuf m = make_pdf(NB_PDF_MAX_PAGES + 1, 0);
    expect_error(m.data, m.len, "pages");
    free(m.data);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_lines_and_columns),
        cmocka_unit_test(test_bad_input),
        cmocka_unit_test(test_page_limit),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
