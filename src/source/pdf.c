/* The PDF source: poppler-glib gives each character of a page's text with
 * its rectangle; glyphs on one baseline become a line, and each glyph is
 * placed at the text column its x coordinate maps to, so the page reads as
 * laid out (columns stay under their headers) for the tokenizer. */
#include "config.h"

#include "nianbao/pdf.h"
#include "nianbao/buf.h"
#include "nianbao/utf8.h"
#include "nianbao/libs.h"

#include <pthread.h>
#include <glib.h>
#include <poppler.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* Glyphs whose vertical centres differ by less than this share of the
 * line height sit on one line (superscripts and mixed fonts wobble). */
#define LINE_JOIN_SHARE 0.5
/* One text column is this share of the line's glyph height: a CJK glyph,
 * square, takes two columns, as it does on a terminal. */
#define COLUMN_SHARE 0.5
/* The column unit as a share of a wide glyph's width: a little under half,
 * so a run of Chinese characters (two columns each) never overruns the
 * place its x extent gives it and every word starts at its own x --
 * headers and the numbers under them land in the same column. */
#define WIDE_GLYPH_COLUMNS 0.45
/* Wide glyphs a page needs for their width to set the column unit. */
#define MIN_WIDE_GLYPHS 8
/* A gap wider than this share of the glyph height separates two words:
 * poppler itself breaks words at a tenth of the font size, and a browser
 * prints a table cell with padding of about a fifth of the glyph height,
 * so a label and the number in the next cell must part well below that. */
#define WORD_GAP_SHARE 0.15

typedef struct glyph {
    double x1, x2, y1, y2;
    char utf8[8];
} glyph;

/* poppler reports damaged files on stderr through GLib; the review screen
 * must never show them, and the error the caller gets says it all. */
static void quiet_log(const gchar *domain, GLogLevelFlags level,
                      const gchar *message, gpointer data)
{
    (void)domain, (void)level, (void)message, (void)data;
}

static void silence_poppler(void)
{
    nb_poppler.g_log_set_handler("Poppler", G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL |
                      G_LOG_FLAG_RECURSION, quiet_log, NULL);
    nb_poppler.g_log_set_handler(NULL, G_LOG_LEVEL_WARNING | G_LOG_LEVEL_MESSAGE |
                      G_LOG_LEVEL_INFO | G_LOG_LEVEL_DEBUG, quiet_log, NULL);
}

/* The page's characters with their rectangles, whitespace dropped (the
 * layout puts it back from the coordinates). */
static glyph *page_glyphs(PopplerPage *page, size_t *count)
{
    *count = 0;
    char *text = nb_poppler.poppler_page_get_text(page);
    PopplerRectangle *rects = NULL;
    guint nrects = 0;
    if (!text || !nb_poppler.poppler_page_get_text_layout(page, &rects, &nrects)) {
        nb_poppler.g_free(text);
        return NULL;
    }
    glyph *g = calloc(nrects ? nrects : 1, sizeof *g);
    size_t i = 0, pos = 0, n = 0, tlen = strlen(text);
    while (g && pos < tlen && i < nrects) {
        int32_t cp;
        size_t cl = nb_utf8_next(text + pos, tlen - pos, &cp);
        if (cl >= sizeof g[n].utf8)
            break;
        unsigned char c = (unsigned char)text[pos];
        /* white space comes back from the coordinates; control
         * characters (a PDF may map glyphs to NUL or U+0002) are not text */
        int blank = c == ' ' || c == '\n' || c == '\r' || c == '\t' || cp < 0x20 ||
                    (cp >= 0x7F && cp <= 0x9F) || cp == 0x3000 || cp == 0xA0;
        if (!blank && rects[i].y2 > rects[i].y1) {
            g[n] = (glyph){rects[i].x1, rects[i].x2, rects[i].y1, rects[i].y2, {0}};
            memcpy(g[n].utf8, text + pos, cl);
            n++;
        }
        pos += cl;
        i++;
    }
    nb_poppler.g_free(rects);
    nb_poppler.g_free(text);
    *count = n;
    return g;
}

static int by_centre(const void *a, const void *b)
{
    const glyph *p = a, *q = b;
    double cp = (p->y1 + p->y2) / 2, cq = (q->y1 + q->y2) / 2;
    if (cp != cq)
        return cp < cq ? -1 : 1;
    return p->x1 < q->x1 ? -1 : p->x1 > q->x1;
}

static int by_x(const void *a, const void *b)
{
    const glyph *p = a, *q = b;
    return p->x1 < q->x1 ? -1 : p->x1 > q->x1;
}

static int by_value(const void *a, const void *b)
{
    double p = *(const double *)a, q = *(const double *)b;
    return p < q ? -1 : p > q;
}

static int is_wide(const char *u)
{
    return (unsigned char)u[0] >= 0xE1; /* CJK and beyond: two columns */
}

/* Write one line of glyphs (sorted by x) at the columns their x maps to. */
static int emit_line(nb_buf *sb, glyph *g, size_t n, double unit, double margin)
{
    size_t col = 0;
    for (size_t i = 0; i < n; i++) {
        size_t want = (size_t)((g[i].x1 - margin) / unit + 0.5);
        if (i > 0) {
            /* inside a word glyphs follow each other whatever their
             * spacing; a new word starts at its column, never glued */
            double gap = g[i].x1 - g[i - 1].x2;
            double h = g[i].y2 - g[i].y1;
            if (gap <= WORD_GAP_SHARE * h)
                want = col;
            else if (want <= col)
                want = col + 1;
        }
        if (want > col) {
            nb_buf_add_repeat(sb, ' ', want - col);
            col = want;
        }
        nb_buf_add_str(sb, g[i].utf8);
        col += is_wide(g[i].utf8) ? 2 : 1;
    }
    nb_buf_add(sb, "\n", 1);
    return sb->failed ? -1 : 0;
}

/* The page's column unit, in points: from the median width of its wide
 * (CJK) glyphs (WIDE_GLYPH_COLUMNS), so x maps to the same column on
 * every line; a page without enough of them falls back to half the
 * median glyph height. */
static double column_unit(const glyph *g, size_t n)
{
    double *v = malloc(n * sizeof *v);
    if (!v)
        return -1;
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        if (is_wide(g[i].utf8) && g[i].x2 > g[i].x1)
            v[k++] = g[i].x2 - g[i].x1;
    double unit;
    if (k >= MIN_WIDE_GLYPHS) {
        qsort(v, k, sizeof *v, by_value);
        unit = v[k / 2] * WIDE_GLYPH_COLUMNS;
    } else {
        for (size_t i = 0; i < n; i++)
            v[i] = g[i].y2 - g[i].y1;
        qsort(v, n, sizeof *v, by_value);
        unit = v[n / 2] * COLUMN_SHARE;
    }
    free(v);
    return unit > 0 ? unit : 1;
}

/* Cluster the page's glyphs into lines by their vertical centres and
 * write them top to bottom, every glyph at the column of its x. */
static int emit_page(nb_buf *sb, glyph *g, size_t n)
{
    if (n == 0)
        return 0;
    double unit = column_unit(g, n);
    if (unit < 0)
        return -1;
    /* the page's left margin is not text: columns count from the
     * leftmost glyph, so the source pane does not open every line with
     * a margin's worth of spaces */
    double margin = g[0].x1;
    for (size_t i = 1; i < n; i++)
        if (g[i].x1 < margin)
            margin = g[i].x1;
    if (margin < 0)
        margin = 0;
    qsort(g, n, sizeof *g, by_centre);
    size_t start = 0;
    while (start < n) {
        double top = g[start].y1, bottom = g[start].y2;
        size_t end = start + 1;
        while (end < n) {
            double c = (g[end].y1 + g[end].y2) / 2;
            double lc = (top + bottom) / 2;
            if (c - lc > LINE_JOIN_SHARE * (bottom - top))
                break;
            end++;
        }
        qsort(g + start, end - start, sizeof *g, by_x);
        if (emit_line(sb, g + start, end - start, unit, margin))
            return -1;
        start = end;
    }
    return 0;
}

static PopplerDocument *open_document(const unsigned char *bytes, size_t len,
                                      nb_error *err)
{
    GBytes *gb = nb_poppler.g_bytes_new(bytes, len);
    GError *gerr = NULL;
    PopplerDocument *doc = nb_poppler.poppler_document_new_from_bytes(gb, NULL, &gerr);
    nb_poppler.g_bytes_unref(gb);
    if (doc)
        return doc;
    if (gerr && gerr->domain == nb_poppler.poppler_error_quark() && gerr->code == POPPLER_ERROR_ENCRYPTED)
        nb_error_set(err, -1, _("the PDF is encrypted with a password: open "
                     "it in a PDF viewer and save or print it without a password"));
    else
        nb_error_set(err, -1, _("the PDF is damaged or cut short and cannot "
                     "be read: download it again"));
    if (gerr)
        nb_poppler.g_error_free(gerr);
    return NULL;
}

static int read_pages(PopplerDocument *doc, int pages, nb_buf *sb,
                      size_t *glyphs, nb_error *err)
{
    for (int p = 0; p < pages; p++) {
        PopplerPage *page = nb_poppler.poppler_document_get_page(doc, p);
        size_t n = 0;
        glyph *g = page ? page_glyphs(page, &n) : NULL;
        if (page)
            nb_poppler.g_object_unref(page);
        char mark[64];
        int ml = snprintf(mark, sizeof mark, "— page %d —\n", p + 1);
        nb_buf_add(sb, mark, (size_t)ml);
        int bad = emit_page(sb, g, n) || sb->failed;
        free(g);
        if (bad) {
            nb_error_set(err, -1, _("out of memory while reading the PDF"));
            return -1;
        }
        *glyphs += n;
    }
    return 0;
}

int nb_pdf_to_text(const unsigned char *bytes, size_t len, char **text,
                   size_t *text_len, nb_error *err)
{
    *text = NULL;
    *text_len = 0;
    if (nb_libs_poppler(err) != 0)
        return -1;
    silence_poppler();
    PopplerDocument *doc = open_document(bytes, len, err);
    if (!doc)
        return -1;
    int pages = nb_poppler.poppler_document_get_n_pages(doc);
    if (pages > NB_PDF_MAX_PAGES) {
        nb_error_set(err, -1, _("the PDF has %d pages, more than the %d an "
                     "annual report can have: save only the report's pages"),
                     pages, NB_PDF_MAX_PAGES);
        nb_poppler.g_object_unref(doc);
        return -1;
    }
    nb_buf sb = {0};
    size_t glyphs = 0;
    int rc = read_pages(doc, pages, &sb, &glyphs, err);
    nb_poppler.g_object_unref(doc);
    if (rc == 0 && glyphs == 0) {
        nb_error_set(err, -1, _("the PDF has no text layer (its pages are scanned "
                     "images): ask the agency for the report's web page or a "
                     "PDF saved from its text, or run OCR on it first"));
        rc = -1;
    }
    if (rc) {
        nb_buf_free(&sb);
        return -1;
    }
    *text = nb_buf_take(&sb, text_len);
    return 0;
}

int nb_pdf_read(const char *raw, size_t n, nb_text *out, nb_error *err)
{
    char *text = NULL;
    size_t len = 0;
    /* poppler's global settings and our quiet log handler are not made
     * for two documents opening at once: one PDF at a time, whatever the
     * threads (`check` reads several files at once). */
    static pthread_mutex_t one_at_a_time = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&one_at_a_time);
    int read = nb_pdf_to_text((const unsigned char *)raw, n, &text, &len, err);
    pthread_mutex_unlock(&one_at_a_time);
    if (read != 0)
        return -1;
    int rc = nb_text_decode(text, len, out, err);
    free(text);
    return rc;
}
