/* What the C tests share: a whole file read into memory, and the files of
 * a folder in name order (the corpus, the samples, the layouts). One copy
 * here instead of one per test. */
#ifndef NIANBAO_TESTLIB_H
#define NIANBAO_TESTLIB_H

#include <stddef.h>

/* The bytes of `path`, NUL-terminated (the NUL not counted in *n), or
 * NULL when it cannot be read. malloc'd. */
char *nbt_read_file(const char *path, size_t *n);

/* The names (not paths) of the entries of `dir` whose name is longer than
 * `suffix` and ends in it, in name order: at most `max`, the first ones
 * the folder lists. Each malloc'd (nbt_free_names). -1 when the folder
 * cannot be opened. */
int nbt_dir_names(const char *dir, const char *suffix, char **names, int max);
void nbt_free_names(char **names, int n);

#endif
