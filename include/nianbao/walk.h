/* The report files a command line names: files as they are, folders
 * walked for the files in them that can be reports (text, web pages,
 * PDFs), in name order, so that a batch over a folder reads the same
 * files in the same order every time. */
#ifndef NIANBAO_WALK_H
#define NIANBAO_WALK_H

#include <stdbool.h>
#include <stddef.h>

typedef struct nb_walk_entry {
    char *path;  /* malloc'd */
    char *error; /* malloc'd: why a folder could not be read, else NULL */
} nb_walk_entry;

typedef struct nb_walk {
    nb_walk_entry *v;
    size_t n, cap;
    bool failed; /* out of memory: the list is incomplete */
} nb_walk;

/* Adds `arg`: a folder's report files (and those of its sub-folders,
 * hidden ones and symbolic links to folders left out), or `arg` itself
 * when it is anything else (a file, "-", a web address, a name that does
 * not exist: reading it says what is wrong). A folder that cannot be read,
 * or holds no report file at all, is added as an entry with its error. */
void nb_walk_add(nb_walk *w, const char *arg);
void nb_walk_free(nb_walk *w);

/* Whether a file name is one a folder walk takes: .txt, .text, .htm,
 * .html, .shtml, .xhtml or .pdf, never a hidden, review or recovery file. */
bool nb_walk_takes(const char *name);

#endif
