/* Reading and writing whole files safely: a bounded read, and an atomic
 * replace (temp file in the same directory, write, fsync, rename, fsync
 * the directory) so that a file is either the old one or the new one,
 * never half of each, whatever happens in between. */
#ifndef NIANBAO_FILEIO_H
#define NIANBAO_FILEIO_H

#include "nianbao/common.h"

/* Read a whole file into a malloc'd, NUL-terminated buffer. Files larger
 * than `max_bytes` are refused with a message (not truncated). */
int nb_file_read(const char *path, size_t max_bytes, char **out, size_t *outlen, nb_error *err);
/* The same for a path someone else chose (a review file names its
 * source): anything but a regular file (a FIFO, a device, a socket) is
 * refused at once, never waited on. */
int nb_file_read_regular(const char *path, size_t max_bytes, char **out, size_t *outlen,
                         nb_error *err);

/* The first bytes of a regular file (at most size - 1, NUL-terminated),
 * to tell what a file is without reading all of it; refused as
 * nb_file_read_regular refuses. */
int nb_file_read_head(const char *path, char *buf, size_t size, size_t *len, nb_error *err);

/* Replace `path` with `data` atomically. On failure the old file (if
 * any) is untouched, the temp file is removed, and `err` says why in
 * words a person can act on (read-only place, no permission, disk full).
 * Temp files of `path` left by a save that was killed (`.NAME.tmpPID.N`
 * whose process is no longer running, owned by this user, unchanged for
 * ten minutes) are removed on the way. An existing `path` that this
 * user may not write to (mode 444) is not replaced: refused with EACCES,
 * as cp does (root may, as with cp). An existing `path` that is not a
 * regular file (/dev/null, a terminal, a FIFO) is written into, as a
 * shell redirection does, never replaced; a FIFO without a reader, a
 * block device and a socket are refused.
 *
 * Test hooks, read from the environment on every call (never set by the
 * program itself), so that tests can show the failure paths without a
 * full disk or a read-only mount (root ignores file modes):
 *   NIANBAO_TEST_WRITE_FAIL=ERRNAME[@STAGE]  fail with ENOSPC, EROFS,
 *       EACCES, EDQUOT or EIO at STAGE: open, write (the default), fsync,
 *       rename.
 *   NIANBAO_TEST_WRITE_STALL=PATH  after half of the data is written to
 *       the temp file, create PATH and sleep, so that a test can kill the
 *       process in the middle of a save. */
int nb_file_write_atomic(const char *path, const void *data, size_t len, nb_error *err);

/* Whether `a` and `b` name the same existing file (same device and
 * inode, so also through a symbolic or hard link or another spelling of
 * the path). False when either does not exist. Front ends call it before
 * writing OUT so that a report is never replaced by its own export or
 * review (`export -o`, the review screen's `:w`). */
bool nb_path_same_file(const char *a, const char *b);

/* The directory part of `path` ("." when it has none). malloc'd. */
char *nb_path_dirname(const char *path);
/* `target` expressed relative to the directory `from_dir`, both resolved
 * through realpath (target must exist). malloc'd, NULL when a path
 * cannot be resolved. */
char *nb_path_relative(const char *target, const char *from_dir);
/* `rel` joined to `dir` unless it is absolute. malloc'd. */
char *nb_path_join(const char *dir, const char *rel);


#endif
