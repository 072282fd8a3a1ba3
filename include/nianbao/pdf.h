/* The PDF source: a PDF's bytes become the display text the reader
 * tokenizes, laid out as on the page, each page opened by a
 * "— page N —" line (page furniture, see nb_line_is_page_furniture). Chosen by nb_source_sniff (source.h). */
#ifndef NIANBAO_PDF_H
#define NIANBAO_PDF_H

#include <stddef.h>

#include "nianbao/text.h"

/* Bounds on untrusted PDFs: more pages are refused with a message instead
 * of holding the reviewer for minutes (bytes are bounded by the text
 * loader's NB_TEXT_MAX_BYTES). */
#define NB_PDF_MAX_PAGES 500

/* Read a PDF held in memory. On success returns 0 and a NUL-terminated
 * UTF-8 text in *text (free with free()) of *text_len bytes. On failure
 * returns -1, sets err (encrypted, no text layer, malformed, too large)
 * and leaves *text NULL. */
int nb_pdf_to_text(const unsigned char *bytes, size_t len, char **text, size_t *text_len,
                   nb_error *err);

/* The source reader (nb_source_reader): the PDF's laid-out text as an
 * nb_text. */
int nb_pdf_read(const char *raw, size_t n, nb_text *out, nb_error *err);

#endif
