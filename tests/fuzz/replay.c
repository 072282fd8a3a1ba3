/* The replay driver shared by the fuzz harnesses; see replay.h. */
#include "config.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>

#include "replay.h"

static int replay_file(const char *path, nb_fuzz_target target) {
    FILE *fp = fopen(path, "rb");
    if (!fp) return -1;
    /* libFuzzer runs use -max_len=65536; a larger seed is cut as it would be. */
    static unsigned char buf[1 << 20];
    size_t n = fread(buf, 1, sizeof buf, fp);
    fclose(fp);
    target(buf, n);
    return 0;
}

static int replay(const char *path, nb_fuzz_target target) {
    struct stat st;
    if (stat(path, &st) != 0) return -1;
    if (!S_ISDIR(st.st_mode)) return replay_file(path, target) == 0 ? 1 : -1;
    DIR *d = opendir(path);
    if (!d) return -1;
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (e->d_name[0] == '.') continue;
        char p[4096];
        snprintf(p, sizeof p, "%s/%s", path, e->d_name);
        if (replay_file(p, target) == 0) count++;
    }
    closedir(d);
    return count;
}

int nb_fuzz_replay_main(int argc, char **argv, const char *name, const char *seeds,
                        nb_fuzz_target target) {
    int total = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++) {
            int n = replay(argv[i], target);
            if (n < 0) {
                fprintf(stderr, "%s: cannot read %s\n", name, argv[i]);
                return 2;
            }
            total += n;
        }
    } else {
        const char *src = getenv("NB_SRCDIR");
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/%s", src ? src : ".", seeds);
        total = replay(dir, target);
        if (total <= 0) {
            fprintf(stderr, "%s: no seeds in %s\n", name, dir);
            return 99;
        }
    }
    printf("%s: replayed %d input(s) without a crash\n", name, total);
    return 0;
}
