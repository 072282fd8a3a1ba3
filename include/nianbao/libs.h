/* The libraries only some runs need — poppler-glib for PDFs, libxml2 for
 * saved web pages, libcurl for web addresses, libxlsxwriter for `export
 * -f xlsx` — loaded when first needed, not when the program starts. Together they pull
 * in some eighty shared objects; mapping and relocating them took 40 ms
 * of every start, longer than checking a hundred text reports, while most
 * runs read text only.
 *
 * A reader calls nb_libs_poppler() (or _libxml, _curl) before its first
 * call into the library, then calls through the table it filled:
 * nb_poppler.poppler_page_get_text(page). The tables' types come from
 * the libraries' own headers, so every call is checked as if the library
 * were linked; a name a reader needs is added to its list below. */
#ifndef NIANBAO_LIBS_H
#define NIANBAO_LIBS_H

#include <curl/curl.h>
#include <glib.h>
#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/tree.h>
#include <poppler.h>
#include <xlsxwriter.h>

#include "nianbao/common.h"

/* curl.h wraps these two in type-checking macros that call the linked
 * function; through the table they are called as functions. */
#undef curl_easy_setopt
#undef curl_easy_getinfo

/* The names each reader uses, one X(name) each. */
#define NB_POPPLER_NAMES(X)                                                                      \
    X(poppler_document_new_from_bytes) X(poppler_document_get_n_pages)                         \
    X(poppler_document_get_page) X(poppler_page_get_text) X(poppler_page_get_text_layout)      \
    X(poppler_error_quark) X(g_object_unref) X(g_free) X(g_log_set_handler) X(g_error_free)    \
    X(g_bytes_new) X(g_bytes_unref)
#define NB_LIBXML_NAMES(X)                                                                       \
    X(xmlInitParser) X(htmlCreateMemoryParserCtxt) X(htmlCtxtUseOptions) X(htmlParseDocument)  \
    X(htmlFreeParserCtxt) X(xmlSwitchEncoding) X(xmlStopParser) X(xmlFreeDoc) X(xmlStrcasecmp) X(xmlSetGenericErrorFunc)
#define NB_CURL_NAMES(X)                                                                         \
    X(curl_global_init) X(curl_global_cleanup) X(curl_easy_init) X(curl_easy_setopt)           \
    X(curl_easy_perform) X(curl_easy_getinfo) X(curl_easy_cleanup) X(curl_easy_strerror)       \
    X(curl_url) X(curl_url_set) X(curl_url_get) X(curl_url_cleanup) X(curl_free)

/* Each member has the type of the function the library declares. */
#define NB_XLSX_NAMES(X)                                                                         \
    X(workbook_new) X(workbook_add_worksheet) X(workbook_add_format) X(workbook_close)           \
    X(worksheet_write_string) X(worksheet_write_number) X(worksheet_write_formula_num)          \
    X(worksheet_set_column) X(worksheet_freeze_panes) X(format_set_bold) X(format_set_bg_color) \
    X(format_set_text_wrap) X(lxw_strerror)

#define NB_LIBS_MEMBER(name) __typeof__(name) *name;
typedef struct nb_poppler_api {
    NB_POPPLER_NAMES(NB_LIBS_MEMBER)
} nb_poppler_api;
typedef struct nb_libxml_api {
    NB_LIBXML_NAMES(NB_LIBS_MEMBER)
} nb_libxml_api;
typedef struct nb_curl_api {
    NB_CURL_NAMES(NB_LIBS_MEMBER)
} nb_curl_api;

typedef struct nb_xlsx_api {
    NB_XLSX_NAMES(NB_LIBS_MEMBER)
} nb_xlsx_api;

extern nb_poppler_api nb_poppler;
extern nb_xlsx_api nb_xlsx;
extern nb_libxml_api nb_libxml;
extern nb_curl_api nb_curl;

/* Loads the library once for the process (any thread); 0, or -1 with
 * `err` saying which package to install. */
int nb_libs_poppler(nb_error *err);
int nb_libs_libxml(nb_error *err);
int nb_libs_curl(nb_error *err);
int nb_libs_xlsx(nb_error *err);

#endif
