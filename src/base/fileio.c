/* Whole-file reads with a bound, and atomic replacement of a file.
 * Why atomic: a review file holds a person's work; a crash, a full disk
 * or a kill in the middle of a save must leave either the old file or
 * the new one, never a mix. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "nianbao/fileio.h"

/* Opens `path` for a whole-file read: a folder is refused, and with
 * `regular_only` a FIFO, device or socket too. Returns the descriptor,
 * or -1 with `err`. */
static int open_for_reading(const char *path, bool regular_only, struct stat *st, nb_error *err) {
    /* O_NONBLOCK: opening a FIFO for reading waits for a writer, for ever;
     * with it, open returns at once and the FIFO is refused below. */
    int fd = open(path, O_RDONLY | O_CLOEXEC | (regular_only ? O_NONBLOCK : 0));
    if (fd < 0) {
        nb_error_set(err, errno, _("cannot open %s: %s"), path, strerror(errno));
        return -1;
    }
    if (fstat(fd, st) != 0)
        nb_error_set(err, errno, _("cannot read %s: %s"), path, strerror(errno));
    else if (S_ISDIR(st->st_mode))
        nb_error_set(err, EISDIR, _("%s is a folder, not a file"), path);
    else if (regular_only && !S_ISREG(st->st_mode))
        nb_error_set(err, EINVAL, _("%s is not a regular file (a FIFO, a device or a socket)"), path);
    else {
        if (regular_only) {
            int flags = fcntl(fd, F_GETFL);
            if (flags >= 0) (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
        }
        return fd;
    }
    close(fd);
    return -1;
}

static int refuse_larger(const char *path, size_t max_bytes, nb_error *err) {
    nb_error_set(err, EFBIG, _("%s is larger than %zu bytes; refusing to read it"), path, max_bytes);
    return -1;
}

/* Room for more in *buf, but never beyond the bound: a file that is
 * larger is refused whole rather than read in part. */
static int grow_for_more(const char *path, size_t max_bytes, char **buf, size_t *cap, nb_error *err) {
    size_t ncap = *cap * 2;
    if (ncap > max_bytes + 2) ncap = max_bytes + 2;
    if (ncap <= *cap) return refuse_larger(path, max_bytes, err);
    char *grown = realloc(*buf, ncap);
    if (!grown) {
        nb_error_set(err, ENOMEM, _("out of memory reading %s"), path);
        return -1;
    }
    *buf = grown;
    *cap = ncap;
    return 0;
}

/* Reads fd to its end into a buffer sized from `st`. */
static int read_all(int fd, const char *path, const struct stat *st, size_t max_bytes, char **out,
                    size_t *outlen, nb_error *err) {
    size_t cap = S_ISREG(st->st_mode) && (size_t)st->st_size < max_bytes ? (size_t)st->st_size + 1 : 4096;
    char *buf = malloc(cap);
    if (!buf) {
        nb_error_set(err, ENOMEM, _("out of memory reading %s"), path);
        return -1;
    }
    size_t n = 0;
    for (;;) {
        if (n + 1 >= cap && grow_for_more(path, max_bytes, &buf, &cap, err) != 0) break;
        ssize_t r = read(fd, buf + n, cap - n - 1);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            nb_error_set(err, errno, _("cannot read %s: %s"), path, strerror(errno));
            break;
        }
        if (r == 0) {
            buf[n] = '\0';
            *out = buf;
            *outlen = n;
            return 0;
        }
        n += (size_t)r;
        if (n > max_bytes) {
            refuse_larger(path, max_bytes, err);
            break;
        }
    }
    free(buf);
    return -1;
}

static int read_file(const char *path, size_t max_bytes, bool regular_only, char **out,
                     size_t *outlen, nb_error *err) {
    *out = NULL;
    *outlen = 0;
    struct stat st;
    int fd = open_for_reading(path, regular_only, &st, err);
    if (fd < 0) return -1;
    int rc = read_all(fd, path, &st, max_bytes, out, outlen, err);
    close(fd);
    return rc;
}

int nb_file_read(const char *path, size_t max_bytes, char **out, size_t *outlen, nb_error *err) {
    return read_file(path, max_bytes, false, out, outlen, err);
}

int nb_file_read_regular(const char *path, size_t max_bytes, char **out, size_t *outlen,
                         nb_error *err) {
    return read_file(path, max_bytes, true, out, outlen, err);
}

int nb_file_read_head(const char *path, char *buf, size_t size, size_t *len, nb_error *err) {
    *len = 0;
    if (size == 0) return 0;
    struct stat st;
    int fd = open_for_reading(path, true, &st, err);
    if (fd < 0) return -1;
    size_t n = 0;
    while (n + 1 < size) {
        ssize_t r = read(fd, buf + n, size - n - 1);
        if (r < 0 && errno == EINTR) continue;
        if (r < 0) {
            nb_error_set(err, errno, _("cannot read %s: %s"), path, strerror(errno));
            close(fd);
            return -1;
        }
        if (r == 0) break;
        n += (size_t)r;
    }
    close(fd);
    buf[n] = '\0';
    *len = n;
    return 0;
}

bool nb_path_same_file(const char *a, const char *b) {
    struct stat sa, sb;
    if (!a || !b || stat(a, &sa) != 0 || stat(b, &sb) != 0) return false;
    return sa.st_dev == sb.st_dev && sa.st_ino == sb.st_ino;
}

char *nb_path_dirname(const char *path) {
    const char *slash = strrchr(path, '/');
    if (!slash) return strdup(".");
    if (slash == path) return strdup("/");
    size_t n = (size_t)(slash - path);
    char *d = malloc(n + 1);
    if (!d) return NULL;
    memcpy(d, path, n);
    d[n] = '\0';
    return d;
}

char *nb_path_join(const char *dir, const char *rel) {
    if (rel[0] == '/' || !dir || !dir[0] || strcmp(dir, ".") == 0) return strdup(rel);
    size_t a = strlen(dir), b = strlen(rel);
    char *p = malloc(a + b + 2);
    if (!p) return NULL;
    memcpy(p, dir, a);
    size_t k = a;
    if (a && dir[a - 1] != '/') p[k++] = '/';
    memcpy(p + k, rel, b + 1);
    return p;
}

char *nb_path_relative(const char *target, const char *from_dir) {
    char *t = realpath(target, NULL);
    char *f = realpath(from_dir, NULL);
    char *out = NULL;
    if (!t || !f) goto done;
    /* Both are absolute and canonical: skip the components they share,
     * climb out of the rest of `f`, then descend into the rest of `t`. */
    size_t i = 0, last_sep = 0;
    while (t[i] && t[i] == f[i]) {
        if (t[i] == '/') last_sep = i;
        i++;
    }
    if ((t[i] == '\0' || t[i] == '/') && (f[i] == '\0' || f[i] == '/')) last_sep = i;
    size_t ups = 0;
    for (const char *p = f + last_sep; *p; p++)
        if (*p == '/' && p[1]) ups++;
    if (f[last_sep] == '\0') ups = 0;
    const char *rest = t + last_sep;
    while (*rest == '/') rest++;
    out = malloc(ups * 3 + strlen(rest) + 2);
    if (!out) goto done;
    out[0] = '\0';
    for (size_t k = 0; k < ups; k++) strcat(out, "../");
    strcat(out, rest);
    if (!out[0]) strcpy(out, ".");
done:
    free(t);
    free(f);
    return out;
}

/* Test hook: which failure to inject at which stage. */
typedef enum { STAGE_OPEN, STAGE_WRITE, STAGE_FSYNC, STAGE_RENAME } write_stage;

static int injected_failure(write_stage stage) {
    const char *spec = getenv("NIANBAO_TEST_WRITE_FAIL");
    if (!spec || !*spec) return 0;
    static const struct {
        const char *name;
        int code;
    } names[] = {{"ENOSPC", ENOSPC}, {"EROFS", EROFS}, {"EACCES", EACCES},
                 {"EDQUOT", EDQUOT}, {"EIO", EIO}};
    static const char *const stages[] = {"open", "write", "fsync", "rename"};
    const char *at = strchr(spec, '@');
    size_t nlen = at ? (size_t)(at - spec) : strlen(spec);
    write_stage want = STAGE_WRITE;
    if (at) {
        for (int s = 0; s < 4; s++)
            if (strcmp(at + 1, stages[s]) == 0) want = (write_stage)s;
    }
    if (want != stage) return 0;
    for (size_t k = 0; k < sizeof names / sizeof names[0]; k++)
        if (strlen(names[k].name) == nlen && strncmp(spec, names[k].name, nlen) == 0)
            return names[k].code;
    return EIO;
}

static void stall_for_test(void) {
    const char *marker = getenv("NIANBAO_TEST_WRITE_STALL");
    if (!marker || !*marker) return;
    int fd = open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd >= 0) close(fd);
    for (;;) pause(); /* until the test kills us */
}

/* A message a person can act on, for a failure to save `path`. */
static void describe_write_error(nb_error *err, int code, const char *path, const char *dir) {
    switch (code) {
    case EROFS:
        nb_error_set(err, code,
                     _("cannot save %s: the folder %s is on a read-only file system; save it "
                       "elsewhere"),
                     path, dir);
        break;
    case EACCES:
    case EPERM:
        nb_error_set(err, code,
                     _("cannot save %s: no permission to write in the folder %s; save it elsewhere"),
                     path, dir);
        break;
    case ENOSPC:
    case EDQUOT:
        nb_error_set(err, code,
                     _("cannot save %s: the disk is full (or your quota is used up); nothing was "
                       "changed on disk, free some space or save it elsewhere"),
                     path);
        break;
    case ENOENT:
    case ENOTDIR:
        nb_error_set(err, code, _("cannot save %s: the folder %s does not exist"), path, dir);
        break;
    default:
        nb_error_set(err, code, _("cannot save %s: %s"), path, strerror(code));
        break;
    }
}

static int write_atomic(const char *path, const void *data, size_t len, nb_error *err);

/* Age after which a temp file of a process that is no longer running is
 * taken for the leftover of a killed save. A save takes milliseconds; the
 * margin keeps a save in progress on another machine sharing the folder
 * (whose PID means nothing here) safe. */
#define STALE_TEMP_SECONDS 600

/* A save killed by SIGKILL or a power cut leaves its hidden temp file
 * `.BASE.tmpPID.N` behind. Remove those of `base` in `dir` whose process
 * is gone (and that are ours, old enough, and plain files), so that they
 * do not pile up beside the review. Best effort: errors are ignored. */
static void remove_stale_temps(const char *dir, const char *base) {
    DIR *d = opendir(dir);
    if (!d) return;
    size_t blen = strlen(base);
    time_t now = time(NULL);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        const char *n = e->d_name;
        if (n[0] != '.' || strncmp(n + 1, base, blen) != 0 || strncmp(n + 1 + blen, ".tmp", 4) != 0)
            continue;
        const char *p = n + 1 + blen + 4;
        char *end;
        errno = 0;
        long pid = strtol(p, &end, 10);
        if (errno || end == p || pid <= 0 || *end != '.' || !end[1] || end[1] == '-') continue;
        const char *q = end + 1;
        strtol(q, &end, 10);
        if (*end || (pid_t)pid == getpid()) continue;
        if (kill((pid_t)pid, 0) == 0 || errno != ESRCH) continue; /* running, or not ours to ask */
        struct stat st;
        if (fstatat(dirfd(d), n, &st, AT_SYMLINK_NOFOLLOW) != 0 || !S_ISREG(st.st_mode) ||
            st.st_uid != geteuid() || now - st.st_mtime < STALE_TEMP_SECONDS)
            continue;
        (void)unlinkat(dirfd(d), n, 0);
    }
    closedir(d);
}

/* Write all of `data` to `fd`, again after a signal; 0 or the errno.
 * With `hooks`, the test hooks apply (nb_file_write_atomic): a failure
 * injected at the write stage, and a stall once half of the data is
 * written so that a test can kill a save in the middle. */
static int write_all(int fd, const void *data, size_t len, bool hooks) {
    const char *p = data;
    size_t done = 0, half = len / 2;
    bool stalled = !hooks;
    while (done < len) {
        size_t chunk = len - done;
        if (!stalled && done < half && chunk > half - done) chunk = half - done;
        if (chunk == 0) chunk = len - done;
        int inj = hooks ? injected_failure(STAGE_WRITE) : 0;
        if (inj) return inj;
        ssize_t w = write(fd, p + done, chunk);
        if (w < 0) {
            if (errno == EINTR) continue;
            return errno;
        }
        done += (size_t)w;
        if (!stalled && done >= half) {
            stalled = true;
            stall_for_test();
        }
    }
    return 0;
}

/* OUT exists and is not a regular file: write into it as a shell
 * redirection does (/dev/null discards, a FIFO feeds its reader, a
 * terminal shows it). Renaming a temp file over it, as for a file, would
 * replace the node itself: run as root, `-o /dev/null` replaced the
 * system's /dev/null with a regular file (B19). A FIFO that nothing reads
 * is refused rather than waited on; block devices and sockets are never
 * written. */
static int write_in_place(const char *path, const struct stat *st, const void *data, size_t len,
                          nb_error *err) {
    if (S_ISBLK(st->st_mode) || S_ISSOCK(st->st_mode)) {
        nb_error_set(err, EINVAL, _("cannot save %s: it is a block device or a socket, not a file"), path);
        return -1;
    }
    int fd = open(path, O_WRONLY | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
    if (fd < 0) {
        int code = errno;
        if (code == ENXIO)
            nb_error_set(err, code, _("cannot save %s: it is a FIFO that nothing reads from"), path);
        else
            nb_error_set(err, code, _("cannot save %s: %s"), path, strerror(code));
        return -1;
    }
    int flags = fcntl(fd, F_GETFL);
    if (flags >= 0) (void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
    int code = write_all(fd, data, len, false);
    if (close(fd) != 0 && !code && errno != EINTR) code = errno;
    if (code) {
        nb_error_set(err, code, _("cannot save %s: %s"), path, strerror(code));
        return -1;
    }
    return 0;
}

/* Where a chain of symbolic links ends: the first name that is not a
 * link (it may not exist yet), malloc'd; NULL with errno ELOOP for a
 * chain longer than the system follows, or ENOMEM. Each link is
 * followed from its own folder, as the system does. */
#define LINKS_FOLLOWED 40
static char *end_of_links(const char *path) {
    char *at = strdup(path);
    for (int hops = 0; at; hops++) {
        struct stat lst;
        if (lstat(at, &lst) != 0 || !S_ISLNK(lst.st_mode)) return at;
        char link[4096];
        ssize_t n = readlink(at, link, sizeof link - 1);
        if (n <= 0 || hops == LINKS_FOLLOWED) {
            free(at);
            errno = ELOOP;
            return NULL;
        }
        link[n] = '\0';
        char *dir = nb_path_dirname(at);
        char *next = dir ? nb_path_join(dir, link) : NULL;
        free(dir);
        free(at);
        at = next;
    }
    errno = ENOMEM;
    return NULL;
}

int nb_file_write_atomic(const char *path, const void *data, size_t len, nb_error *err) {
    struct stat target_st;
    if (stat(path, &target_st) == 0 && !S_ISREG(target_st.st_mode) && !S_ISDIR(target_st.st_mode))
        return write_in_place(path, &target_st, data, len, err);
    /* Replacing a symbolic link would cut it: write where the chain of
     * links ends (a file not there yet is made there). */
    char *target = end_of_links(path);
    if (!target) {
        nb_error_set(err, errno, _("cannot save %s: %s"), path, strerror(errno));
        return -1;
    }
    int rc = write_atomic(target, data, len, err);
    free(target);
    return rc;
}

/* Whether `path` may be replaced: a file name, not a folder, and not a
 * file its owner made read-only. *have_mode tells whether it exists
 * (its permissions then in *st). 0, or -1 with err. */
static int check_target(const char *path, const char *base, struct stat *st, bool *have_mode,
                        nb_error *err) {
    if (!*base) {
        nb_error_set(err, EINVAL, _("cannot save %s: not a file name"), path);
        return -1;
    }
    if (stat(path, st) == 0 && S_ISDIR(st->st_mode)) {
        nb_error_set(err, EISDIR, _("cannot save %s: it is a folder"), path);
        return -1;
    }
    *have_mode = stat(path, st) == 0;
    /* The rename would replace a file its owner made read-only (to keep a
     * signed review or an export as it is); cp and shell redirection
     * refuse that, and so do we. Root may write anyway, as with cp. */
    if (*have_mode && access(path, W_OK) != 0 && errno == EACCES) {
        nb_error_set(err, EACCES,
                     _("cannot save %s: the file is read-only (no write permission); make it "
                       "writable or save it elsewhere"),
                     path);
        return -1;
    }
    return 0;
}

/* Create the hidden temp file `.BASE.tmpPID.N` in `dir` (the same
 * directory: rename is atomic only within one file system) into tmp[tlen].
 * The descriptor, or -1 with the errno in *code. */
static int open_temp(const char *dir, const char *base, char *tmp, size_t tlen, int *code) {
    int fd = -1;
    *code = injected_failure(STAGE_OPEN);
    struct timespec ts;
    clock_gettime(CLOCK_REALTIME, &ts);
    for (int attempt = 0; fd < 0 && !*code && attempt < 100; attempt++) {
        snprintf(tmp, tlen, "%s/.%s.tmp%ld.%ld", dir, base, (long)getpid(),
                 (long)(ts.tv_nsec + attempt));
        fd = open(tmp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd < 0 && errno != EEXIST) *code = errno;
    }
    if (fd < 0 && !*code) *code = EEXIST;
    return fd;
}

/* Data into the temp file, onto the disk, and renamed over `path`: 0 or
 * the errno (the temp file is then left for the caller to remove). */
static int fill_and_rename(int fd, const char *tmp, const char *path, const void *data, size_t len) {
    int code = write_all(fd, data, len, true);
    if (!code) code = injected_failure(STAGE_FSYNC);
    if (!code && fsync(fd) != 0) code = errno;
    if (close(fd) != 0 && !code) code = errno;
    if (!code) code = injected_failure(STAGE_RENAME);
    if (!code && rename(tmp, path) != 0) code = errno;
    return code;
}

static int write_atomic(const char *path, const void *data, size_t len, nb_error *err) {
    char *dir = nb_path_dirname(path);
    const char *base = strrchr(path, '/');
    base = base ? base + 1 : path;
    struct stat st;
    bool have_mode = false;
    if (!dir) {
        nb_error_set(err, EINVAL, _("cannot save %s: not a file name"), path);
        return -1;
    }
    if (check_target(path, base, &st, &have_mode, err) != 0) {
        free(dir);
        return -1;
    }
    remove_stale_temps(dir, base);
    size_t tlen = strlen(dir) + strlen(base) + 64;
    char *tmp = malloc(tlen);
    if (!tmp) {
        nb_error_set(err, ENOMEM, _("out of memory"));
        free(dir);
        return -1;
    }
    int code = 0;
    int fd = open_temp(dir, base, tmp, tlen, &code);
    if (fd >= 0) {
        if (have_mode) (void)fchmod(fd, st.st_mode & 07777); /* keep the old file's permissions */
        code = fill_and_rename(fd, tmp, path, data, len);
        if (code) unlink(tmp);
    }
    if (code) {
        describe_write_error(err, code, path, dir);
        free(tmp);
        free(dir);
        return -1;
    }
    /* Make the rename itself durable. Some file systems cannot fsync a
     * directory (EINVAL); the file is in place all the same. */
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        (void)fsync(dfd);
        close(dfd);
    }
    free(tmp);
    free(dir);
    return 0;
}
