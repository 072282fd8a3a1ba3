/* Walking folders for report files (walk.h). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

#include "nianbao/walk.h"
#include "nianbao/common.h"
#include "nianbao/fileio.h"

/* Folders inside folders deeper than this are left unread (and said):
 * report archives are a few levels deep, a loop of bind mounts is not. */
#define WALK_MAX_DEPTH 32

static void add_entry(nb_walk *w, const char *path, const char *error) {
    if (w->failed) return;
    if (!nb_grow((void **)&w->v, &w->cap, w->n + 1, sizeof *w->v)) {
        w->failed = true;
        return;
    }
    char *p = strdup(path), *e = error ? strdup(error) : NULL;
    if (!p || (error && !e)) {
        free(p);
        free(e);
        w->failed = true;
        return;
    }
    w->v[w->n++] = (nb_walk_entry){p, e};
}

static bool ends_with_ci(const char *s, const char *end) {
    size_t n = strlen(s), k = strlen(end);
    return n > k && strcasecmp(s + n - k, end) == 0;
}

bool nb_walk_takes(const char *name) {
    static const char *const review[] = {".review.yaml", ".review.yml", ".recover", NULL};
    static const char *const report[] = {".txt", ".text", ".htm", ".html", ".shtml", ".xhtml",
                                         ".pdf", NULL};
    if (name[0] == '.' || strstr(name, ".recover-")) return false;
    for (int i = 0; review[i]; i++)
        if (ends_with_ci(name, review[i])) return false;
    for (int i = 0; report[i]; i++)
        if (ends_with_ci(name, report[i])) return true;
    return false;
}

static int by_name(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* The names in folder `dir` but . and .., sorted; NULL with errno. */
static char **folder_names(const char *dir, size_t *n) {
    *n = 0;
    DIR *d = opendir(dir);
    if (!d) return NULL;
    size_t cap = 0;
    char **names = NULL;
    for (struct dirent *e; (errno = 0, e = readdir(d)) != NULL;) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, "..")) continue;
        if (*n == cap) {
            cap = cap ? cap * 2 : 32;
            char **grown = realloc(names, cap * sizeof *names);
            if (!grown) break;
            names = grown;
        }
        if (!(names[*n] = strdup(e->d_name))) break;
        (*n)++;
    }
    int failed = errno;
    closedir(d);
    if (failed) {
        for (size_t i = 0; i < *n; i++) free(names[i]);
        free(names);
        errno = failed;
        return NULL;
    }
    if (*n) qsort(names, *n, sizeof *names, by_name);
    if (!names) names = calloc(1, sizeof *names); /* an empty folder is not an error */
    return names;
}

static void walk_folder(nb_walk *w, const char *dir, int depth) {
    if (depth > WALK_MAX_DEPTH) {
        add_entry(w, dir, _("folders nested too deep: not read"));
        return;
    }
    size_t n;
    char **names = folder_names(dir, &n);
    if (!names) {
        add_entry(w, dir, strerror(errno));
        return;
    }
    for (size_t i = 0; i < n; i++) {
        char *path = nb_path_join(dir, names[i]);
        struct stat st;
        if (!path)
            w->failed = true;
        else if (names[i][0] == '.')
            ; /* hidden: a tool's own files, never a report */
        else if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode))
            walk_folder(w, path, depth + 1);
        else if (nb_walk_takes(names[i]) && stat(path, &st) == 0 && S_ISREG(st.st_mode))
            add_entry(w, path, NULL);
        free(path);
        free(names[i]);
    }
    free(names);
}

void nb_walk_add(nb_walk *w, const char *arg) {
    struct stat st;
    if (strcmp(arg, "-") == 0 || stat(arg, &st) != 0 || !S_ISDIR(st.st_mode)) {
        add_entry(w, arg, NULL);
        return;
    }
    size_t before = w->n;
    walk_folder(w, arg, 0);
    /* a folder named on purpose that holds no report is said, as a file
     * that cannot be read is, never passed over in silence */
    if (w->n == before) add_entry(w, arg, _("no report file (.txt, .html, .pdf…) in this folder"));
}

void nb_walk_free(nb_walk *w) {
    for (size_t i = 0; i < w->n; i++) {
        free(w->v[i].path);
        free(w->v[i].error);
    }
    free(w->v);
    memset(w, 0, sizeof *w);
}
