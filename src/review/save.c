/* A review on its way out: saved atomically, never into something that
 * is not a regular file. (The recovery file written when a session ends
 * badly is recovery.c's.) */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nianbao/fileio.h"
#include "nianbao/review.h"
#include "nianbao/sha256.h"
#include "nianbao/yamlio.h"
#include "nianbao/yamlread.h"
#include "review-internal.h"

int nb_rv_write_review(const nb_review *rv, const char *path, nb_error *err) {
    char *yaml = NULL;
    size_t n = 0;
    if (nb_yaml_review_at(rv, path, &yaml, &n, err) != 0) return -1;
    if (n > NB_YAML_MAX_BYTES) { /* it could not be read back */
        free(yaml);
        nb_error_set(err, EFBIG,
                     _("the review would be larger than %zu MiB, more than nianbao reads back; it "
                       "is not saved (it stays open: undo the mass of changes, or export the "
                       "tables)"),
                     NB_YAML_MAX_BYTES >> 20);
        return -1;
    }
    int rc = nb_file_write_atomic(path, yaml, n, err);
    free(yaml);
    return rc;
}

int nb_review_write_copy(const nb_review *rv, const char *path, nb_error *err) {
    /* Written into /dev/null or a FIFO, the work would count as saved and
     * be gone: a review is only ever saved to a regular file. */
    struct stat st;
    if (stat(path, &st) == 0 && !S_ISREG(st.st_mode) && !S_ISDIR(st.st_mode)) {
        nb_error_set(err, EINVAL, _("cannot save %s: it is not a regular file; save the review elsewhere"),
                     path);
        return -1;
    }
    return nb_rv_write_review(rv, path, err);
}

int nb_review_save(nb_review *rv, const char *path, nb_error *err) {
    if (nb_review_write_copy(rv, path, err) != 0) return -1;
    rv->saved_applied = rv->applied;
    rv->meta_unsaved = false;
    nb_rv_snapshot_saved(rv);
    /* A recovery file is left alone: it may hold work this session never
     * loaded ("not now"); whoever absorbed it removes it. */
    return 0;
}
