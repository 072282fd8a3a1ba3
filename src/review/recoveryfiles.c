/* The recovery files of a review: written when a session ends badly
 * (beside the review, or in the user's state folder when that folder
 * cannot take it; a session that finds the first taken writes its own
 * beside it), found again newest first, loaded and removed. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nianbao/fileio.h"
#include "nianbao/review.h"
#include "nianbao/sha256.h"
#include "review-internal.h"

char *nb_review_recovery_path(const char *review_path) { return nb_rv_path_plus(review_path, ".recover"); }

char *nb_review_second_recovery_path(const char *review_path, long pid) {
    size_t n = strlen(review_path) + 64;
    char *p = malloc(n);
    if (p) snprintf(p, n, "%s.recover-%ld.review.yaml", review_path, pid);
    return p;
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
    if (nb_rv_write_review(rv, rec, &first) == 0) {
        if (written_to)
            *written_to = rec;
        else
            free(rec);
        return 0;
    }
    free(rec);
    char *fallback = fallback_recovery_path(review_path, true);
    if (fallback && nb_rv_write_review(rv, fallback, err) == 0) {
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

/* The recovery files found so far, growing. */
typedef struct {
    nb_recovery_file *items;
    int count, cap;
    int order; /* ties in time keep the order found: beside, state folder, second sessions' */
    bool no_memory;
} found_list;

/* Add `path` (taken) if it is a recovery worth offering: a regular file
 * with something in it. An empty one is a claim a session made before it
 * could write (a full disk): it holds no work. */
static void add_if_holds_work(found_list *l, char *path) {
    struct stat st;
    if (!path || stat(path, &st) != 0 || !S_ISREG(st.st_mode) || st.st_size == 0) {
        free(path);
        return;
    }
    if (l->count == l->cap) {
        int cap = l->cap ? l->cap * 2 : 4;
        nb_recovery_file *items = realloc(l->items, (size_t)cap * sizeof *items);
        if (!items) {
            l->no_memory = true;
            free(path);
            return;
        }
        l->items = items;
        l->cap = cap;
    }
    l->items[l->count++] = (nb_recovery_file){path, st.st_mtim, l->order++};
}

/* "NAME.recover-DIGITS.review.yaml": a second session's recovery of NAME. */
static bool is_second_recovery(const char *entry, const char *name) {
    size_t n = strlen(name);
    static const char mid[] = ".recover-", tail[] = ".review.yaml";
    if (strncmp(entry, name, n) != 0 || strncmp(entry + n, mid, sizeof mid - 1) != 0) return false;
    const char *p = entry + n + sizeof mid - 1, *digits = p;
    while (*p >= '0' && *p <= '9') p++;
    return p > digits && strcmp(p, tail) == 0;
}

static void add_second_recoveries(found_list *l, const char *review_path) {
    char *dir = nb_path_dirname(review_path);
    const char *name = strrchr(review_path, '/');
    name = name ? name + 1 : review_path;
    DIR *d = dir ? opendir(dir) : NULL;
    if (d) {
        struct dirent *e;
        while ((e = readdir(d)) != NULL) {
            if (!is_second_recovery(e->d_name, name)) continue;
            size_t n = strlen(dir) + strlen(e->d_name) + 2;
            char *p = malloc(n);
            if (p) snprintf(p, n, "%s/%s", dir, e->d_name);
            add_if_holds_work(l, p);
        }
        closedir(d);
    }
    free(dir);
}

static int newest_first(const void *pa, const void *pb) {
    const nb_recovery_file *a = pa, *b = pb;
    if (a->mtime.tv_sec != b->mtime.tv_sec) return a->mtime.tv_sec > b->mtime.tv_sec ? -1 : 1;
    if (a->mtime.tv_nsec != b->mtime.tv_nsec) return a->mtime.tv_nsec > b->mtime.tv_nsec ? -1 : 1;
    return a->order - b->order;
}

int nb_review_recoveries(const char *review_path, nb_recovery_file **files) {
    found_list l = {0};
    add_if_holds_work(&l, nb_review_recovery_path(review_path));
    add_if_holds_work(&l, fallback_recovery_path(review_path, false));
    add_second_recoveries(&l, review_path);
    if (l.no_memory) {
        nb_recovery_files_free(l.items, l.count);
        *files = NULL;
        return -1;
    }
    if (l.count > 1) qsort(l.items, (size_t)l.count, sizeof *l.items, newest_first);
    *files = l.items;
    return l.count;
}

void nb_recovery_files_free(nb_recovery_file *files, int n) {
    for (int i = 0; i < n; i++) free(files[i].path);
    free(files);
}

/* The newest recovery file, or NULL. malloc'd. */
char *nb_review_recovery_found(const char *review_path) {
    nb_recovery_file *files = NULL;
    int n = nb_review_recoveries(review_path, &files);
    char *newest = n > 0 ? files[0].path : NULL;
    if (n > 0) files[0].path = NULL;
    nb_recovery_files_free(files, n > 0 ? n : 0);
    return newest;
}

bool nb_review_recovery_exists(const char *review_path) {
    char *rec = nb_review_recovery_found(review_path);
    free(rec);
    return rec != NULL;
}

int nb_review_discard_recovery(const char *review_path) {
    nb_recovery_file *files = NULL;
    int n = nb_review_recoveries(review_path, &files);
    for (int i = 0; i < n; i++) unlink(files[i].path);
    nb_recovery_files_free(files, n > 0 ? n : 0);
    /* and an empty claim in either place: no work in it */
    char *beside = nb_review_recovery_path(review_path);
    char *fallback = fallback_recovery_path(review_path, false);
    if (beside) unlink(beside);
    if (fallback) unlink(fallback);
    free(beside);
    free(fallback);
    return nb_review_recovery_exists(review_path) ? -1 : 0;
}

int nb_review_recover_from(nb_review *rv, const char *rec_path, bool *source_changed, char **mismatch,
                           nb_error *err) {
    int rc = nb_review_load(rv, rec_path, source_changed, mismatch, err);
    if (rc == 0) {
        /* What was recovered is not in the review file yet. */
        rv->saved_applied = -2;
        rv->meta_unsaved = true;
        free(rv->saved_cells);
        rv->saved_cells = NULL;
    }
    return rc;
}

int nb_review_recover(nb_review *rv, const char *review_path, bool *source_changed, char **mismatch,
                      nb_error *err) {
    char *rec = nb_review_recovery_found(review_path);
    if (!rec) {
        nb_error_set(err, ENOENT, _("there is no recovery file for %s"), review_path);
        return -1;
    }
    int rc = nb_review_recover_from(rv, rec, source_changed, mismatch, err);
    free(rec);
    return rc;
}
