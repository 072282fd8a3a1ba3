/* The web page source: a saved page's bytes become the text a browser
 * copy of the page gives -- paragraphs as lines, table rows as lines of
 * tab-separated cells -- without what a browser hides. Chosen by
 * nb_source_sniff (source.h). */
#ifndef NIANBAO_HTML_H
#define NIANBAO_HTML_H

#include <stddef.h>

#include "nianbao/text.h"

/* The page text of a page already decoded to UTF-8. On success returns 0
 * and a NUL-terminated text in *text (free with free()); on failure -1
 * with err, *text NULL. */
int nb_html_to_text(const char *utf8, size_t n, char **text, size_t *text_len, nb_error *err);

/* The source reader (nb_source_reader): any page bytes (UTF-8, GBK or
 * GB18030 whatever its charset label says, UTF-16 with a BOM) to an
 * nb_text; `encoding` and `invalid_count` describe the page's bytes. */
int nb_html_read(const char *raw, size_t n, nb_text *out, nb_error *err);

#endif
