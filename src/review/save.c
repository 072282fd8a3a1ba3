/* A review on its way out: saving it (atomically, never into something
 * that is not a regular file), and the recovery file written when a
 * session ends badly: beside the review, or in the user's state folder
 * when that cannot take it; found, restored and removed. */
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
#include "review-internal.h"

char *nb_review_recovery_path(const char *review_path) { return nb_rv_path_plus(review_path, ".recover"); }

static int write_review(const nb_review *rv, const char *path, nb_error *err) {
    char *yaml = NULL;
    size_t n = 0;
    if (nb_yaml_review_at(rv, path, &yaml, &n, err) != 0) return -1;
    int rc = nb_file_write_atomic(path, yaml, n, err);
    free(yaml);
    return rc;
}

/* Where a recovery file goes when the review's own folder cannot take it
 * (a report on a read-only share): $XDG_STATE_HOME/nianbao, else
 * ~/.local/state/nianbao, named after the review file and a hash of its
 * absolute folder so that two reports of the same name do not collide.
 * `create` makes the folders. malloc'd, NULL when there is no home. */
static char *fallback_recovery_path(const char *review_path, bool create) {
    const char *state = getenv("XDG_STATE_HOME");
    const char *home = getenv("HOME");
    char base[4096];
    if (state && state[0] == '/')
        snprintf(base, sizeof base, "%s", state);
    else if (home && home[0] == '/')
        snprintf(base, sizeof base, "%s/.local/state", home);
    else
        return NULL;
    char *dir = nb_path_dirname(review_path);
    char *absdir = dir ? realpath(dir, NULL) : NULL;
    free(dir);
    const char *name = strrchr(review_path, '/');
    name = name ? name + 1 : review_path;
    unsigned char d[32];
    const char *key = absdir ? absdir : review_path;
    nb_sha256(key, strlen(key), d);
    char hex[65];
    nb_sha256_hex(d, hex);
    free(absdir);
    if (create) {
        /* base may be ~/.local/state, whose parents may not exist yet */
        char step[4096];
        snprintf(step, sizeof step, "%s", base);
        for (char *p = step + 1; *p; p++)
            if (*p == '/') {
                *p = '\0';
                mkdir(step, 0700);
                *p = '/';
            }
        mkdir(step, 0700);
        strncat(step, "/nianbao", sizeof step - strlen(step) - 1);
        mkdir(step, 0700);
    }
    size_t n = strlen(base) + strlen(name) + 64;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s/nianbao/%s.%.16s.recover", base, name, hex);
    return p;
}

/* A recovery file worth offering: a regular file with something in it.
 * An empty one is a claim a session made before it could write (a full
 * disk): it holds no work and must never be preferred to one that does. */
static bool holds_recovery(const char *path, struct stat *st) {
    return path && stat(path, st) == 0 && S_ISREG(st->st_mode) && st->st_size > 0;
}

static bool newer_or_same(const struct stat *a, const struct stat *b) {
    return a->st_mtim.tv_sec != b->st_mtim.tv_sec ? a->st_mtim.tv_sec > b->st_mtim.tv_sec
                                                  : a->st_mtim.tv_nsec >= b->st_mtim.tv_nsec;
}

/* The recovery file to restore: beside the review, else the fallback;
 * the newer when both exist (to the nanosecond). malloc'd, NULL when
 * there is none. */
static char *existing_recovery_path(const char *review_path) {
    char *beside = nb_review_recovery_path(review_path);
    char *fallback = fallback_recovery_path(review_path, false);
    struct stat a, b;
    bool has_a = holds_recovery(beside, &a);
    bool has_b = holds_recovery(fallback, &b);
    char *pick = NULL;
    if (has_a && has_b)
        pick = newer_or_same(&a, &b) ? beside : fallback;
    else if (has_a)
        pick = beside;
    else if (has_b)
        pick = fallback;
    if (pick != beside) free(beside);
    if (pick != fallback) free(fallback);
    return pick;
}

static void remove_recovery_files(const char *review_path) {
    char *beside = nb_review_recovery_path(review_path);
    char *fallback = fallback_recovery_path(review_path, false);
    if (beside) unlink(beside);
    if (fallback) unlink(fallback);
    free(beside);
    free(fallback);
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
    return write_review(rv, path, err);
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

int nb_review_write_recovery_to(const nb_review *rv, const char *review_path, char **written_to,
                                nb_error *err) {
    if (written_to) *written_to = NULL;
    char *rec = nb_review_recovery_path(review_path);
    if (!rec) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        return -1;
    }
    /* Beside the review file first: that is where the next start looks. */
    nb_error first;
    nb_error_clear(&first);
    if (write_review(rv, rec, &first) == 0) {
        if (written_to)
            *written_to = rec;
        else
            free(rec);
        return 0;
    }
    free(rec);
    char *fallback = fallback_recovery_path(review_path, true);
    if (fallback && write_review(rv, fallback, err) == 0) {
        if (written_to)
            *written_to = fallback;
        else
            free(fallback);
        return 0;
    }
    free(fallback);
    if (err) *err = first;
    return -1;
}

int nb_review_write_recovery(const nb_review *rv, const char *review_path, nb_error *err) {
    return nb_review_write_recovery_to(rv, review_path, NULL, err);
}

bool nb_review_recovery_exists(const char *review_path) {
    char *rec = existing_recovery_path(review_path);
    free(rec);
    return rec != NULL;
}

char *nb_review_recovery_found(const char *review_path) { return existing_recovery_path(review_path); }

int nb_review_discard_recovery(const char *review_path) {
    remove_recovery_files(review_path);
    return nb_review_recovery_exists(review_path) ? -1 : 0;
}

int nb_review_recover(nb_review *rv, const char *review_path, bool *source_changed,
                      char **mismatch, nb_error *err) {
    char *rec = existing_recovery_path(review_path);
    if (!rec) {
        nb_error_set(err, ENOENT, _("there is no recovery file for %s"), review_path);
        return -1;
    }
    int rc = nb_review_load(rv, rec, source_changed, mismatch, err);
    free(rec);
    if (rc == 0) {
        /* What was recovered is not in the review file yet. */
        rv->saved_applied = -2;
        rv->meta_unsaved = true;
        free(rv->saved_cells);
        rv->saved_cells = NULL;
    }
    return rc;
}
