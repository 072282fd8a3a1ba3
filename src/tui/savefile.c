/* Saving the review, and noticing that the file on disk changed since
 * this session last read or wrote it (another window's save): the save
 * then asks before overwriting. Never saves over the report itself. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "tui.h"

/* What the review file on disk looked like when this session last read or
 * wrote it, so that a save notices another window's save in between. */
void nb_app_remember_review_file(nb_app *app) {
    struct stat st;
    app->review_seen = app->review_path && stat(app->review_path, &st) == 0;
    if (app->review_seen) {
        app->review_dev = st.st_dev;
        app->review_ino = st.st_ino;
        app->review_size = st.st_size;
        app->review_mtime = st.st_mtim;
    }
}

static bool same_file(const char *a, const char *b) {
    struct stat sa, sb;
    return stat(a, &sa) == 0 && stat(b, &sb) == 0 && sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

/* Whether saving to `path` may go ahead: never over the report itself;
 * over a file this session did not write (or that changed since), only
 * when the reviewer says so. */
static bool may_write(nb_app *app, const char *path) {
    if (same_file(path, app->report_path)) {
        nb_app_set_message(app, true, _("Not saved: %s is the report under review; choose another name."),
                           path);
        return false;
    }
    struct stat st;
    if (stat(path, &st) != 0) return true; /* a new file */
    bool ours = app->review_path && strcmp(path, app->review_path) == 0 && app->review_seen &&
                st.st_dev == app->review_dev && st.st_ino == app->review_ino &&
                st.st_size == app->review_size && st.st_mtim.tv_sec == app->review_mtime.tv_sec &&
                st.st_mtim.tv_nsec == app->review_mtime.tv_nsec;
    if (ours) return true;
    char q[1200];
    if (app->review_path && strcmp(path, app->review_path) == 0)
        snprintf(q, sizeof q,
                 _("%s changed on disk since this session read it (another window?). Overwrite it? (y/n) "),
                 path);
    else
        snprintf(q, sizeof q, _("%s exists. Overwrite it? (y/n) "), path);
    if (nb_prompt_choice(app, q, "yn") == 'y') return true;
    nb_app_set_message(app, false, "%s", _("Not saved; :w PATH saves elsewhere."));
    return false;
}

/* How long a save waits for another window's save of the same review,
 * and when a lock is a crashed session's, not a save in progress. */
#define LOCK_WAIT_MS 3000
#define LOCK_POLL_MS 20
#define LOCK_STALE_SECONDS 30

/* A lock no save holds any more: its session is gone (the pid it wrote
 * names no process: killed mid-save), or it is older than any save takes. */
static bool stale_lock(const char *lock) {
    struct stat st;
    if (stat(lock, &st) != 0) return false;
    if (time(NULL) - st.st_mtime > LOCK_STALE_SECONDS) return true;
    FILE *f = fopen(lock, "r");
    long pid = 0;
    bool read_pid = f && fscanf(f, "%ld", &pid) == 1 && pid > 0;
    if (f) fclose(f);
    return read_pid && kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

/* Take PATH.lock (as git takes index.lock): the "changed on disk" check
 * and the rename then run alone, so two windows saving at the same
 * moment cannot both pass the check; the second waits, finds the file
 * changed and asks. Returns the lock's path (malloc'd) to release, NULL
 * with *busy when another save holds it; NULL without *busy when the
 * folder takes no lock at all (the save then says why it cannot write). */
static char *take_lock(nb_app *app, const char *path, bool *busy) {
    *busy = false;
    size_t n = strlen(path) + sizeof ".lock";
    char *lock = malloc(n);
    if (!lock) return NULL;
    snprintf(lock, n, "%s.lock", path);
    for (int waited = 0;; waited += LOCK_POLL_MS) {
        int fd = open(lock, O_WRONLY | O_CREAT | O_EXCL, 0600);
        if (fd >= 0) {
            char pid[24];
            int len = snprintf(pid, sizeof pid, "%ld\n", (long)getpid());
            ssize_t wrote = write(fd, pid, (size_t)len);
            (void)wrote; /* a lock without its pid still holds; it goes stale by age */
            close(fd);
            return lock;
        }
        if (errno != EEXIST) break;
        if (stale_lock(lock)) {
            unlink(lock); /* left by a session that ended mid-save */
            continue;
        }
        if (waited >= LOCK_WAIT_MS || nb_sig_terminate) {
            *busy = true;
            break;
        }
        if (waited == 0 && !isendwin()) {
            /* the screen would stand still for up to three seconds: say why */
            nb_app_set_message(app, false, _("Another window is saving %s; waiting for it..."), path);
            nb_render(app);
            refresh();
        }
        struct timespec pause = {0, LOCK_POLL_MS * 1000000L};
        nanosleep(&pause, NULL);
    }
    free(lock);
    return NULL;
}

static void release_lock(char *lock) {
    if (!lock) return;
    unlink(lock);
    free(lock);
}

static bool save_locked(nb_app *app, const char *path) {
    if (!may_write(app, path)) return false;
    nb_error err;
    nb_error_clear(&err);
    /* Only the review's own file makes the work saved: a copy elsewhere
     * (:w OTHER) leaves it unsaved, so quitting still asks. */
    bool own = app->review_path && strcmp(path, app->review_path) == 0;
    if ((own ? nb_review_save(&app->rv, path, &err) : nb_review_write_copy(&app->rv, path, &err)) != 0) {
        nb_app_set_message(app, true, _("Not saved: %s"), err.message);
        return false;
    }
    nb_recovery_saved(app, own);
    if (!own) {
        nb_app_set_message(app, false, _("Wrote a copy to %s; s saves the review itself."), path);
        return true;
    }
    nb_app_remember_review_file(app);
    nb_app_set_message(app, false, _("Saved %s."), path);
    return true;
}

bool nb_app_save_to(nb_app *app, const char *path) {
    bool busy;
    char *lock = take_lock(app, path, &busy);
    if (busy) {
        nb_app_set_message(app, true, _("Not saved: another window is saving %s; press s again in a moment."),
                           path);
        return false;
    }
    bool saved = save_locked(app, path);
    release_lock(lock);
    return saved;
}

bool nb_app_save(nb_app *app) {
    if (!app->review_path) {
        char *p = nb_prompt(app, _("Save the review as: "), "");
        if (!p || !*p) {
            free(p);
            nb_app_set_message(app, false, "%s", _("Not saved."));
            return false;
        }
        app->review_path = p;
        app->review_seen = false;
    }
    return nb_app_save_to(app, app->review_path);
}
