/* A document: one source text and the reports found in it, assembled
 * by document.c (titles, table sets, the recogniser) from a file, standard
 * input or a web address. */
#ifndef NIANBAO_DOCUMENT_H
#define NIANBAO_DOCUMENT_H

#include "nianbao/report.h"
#include "nianbao/source.h"

typedef struct nb_document {
    char *path;          /* as given on the command line; for a web address, its copy */
    int source_kind;     /* nb_source_kind of the original (source.h) */
    /* An original fetched from the web (nb_document_open): its address as
     * given and when it was fetched; NULL and "" for a file. */
    char *url;
    char fetched[NB_TIME_ISO_SIZE];
    nb_text text;
    nb_report *reports;  /* in source order */
    int nreports;
} nb_document;

/* Find the reports in `text` and fill their tables. Takes ownership of
 * `text` (freed with the document). Returns 0, or -1 with `err`. A text
 * with no report in it is not an error: nreports is 0. */
int nb_document_parse(nb_document *doc, const char *path, nb_text *text, nb_error *err);
/* Load (through the source seam: any kind of original; "-" is standard
 * input) and parse in one step. */
int nb_document_load(nb_document *doc, const char *path, nb_error *err);
/* A file, "-", or a web address (url.h): the address is fetched, its
 * exact copy kept in the folder `copy_dir` (NULL: the current folder),
 * and the copy loaded, so doc->path names the copy and doc->url and
 * doc->fetched say where and when it came from. */
int nb_document_open(nb_document *doc, const char *arg, const char *copy_dir, nb_error *err);
/* nb_document_open with load flags (source.h): `check` skips the hash. */
int nb_document_open_with(nb_document *doc, const char *arg, const char *copy_dir,
                          nb_load_flags flags, nb_error *err);
void nb_document_free(nb_document *doc);

#endif
