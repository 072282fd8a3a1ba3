/* gettext set-up. Installed copies read the translations from LOCALEDIR;
 * a binary run from its build tree reads the ones built beside it, so
 * the Chinese interface works before `make install` too. */
#include "config.h"

#include <limits.h>
#include <locale.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "nianbao/cli.h"
#include "nianbao/common.h"

void nb_i18n_init(const char *argv0) {
    (void)argv0;
    const char *dir = getenv("NIANBAO_LOCALEDIR");
    char buf[PATH_MAX];
    if (!dir || !*dir) {
        dir = LOCALEDIR;
        /* Built tree: <dir of the executable>/po/locale/zh_CN/LC_MESSAGES/nianbao.mo */
        ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 32);
        if (n > 0) {
            buf[n] = '\0';
            char *slash = strrchr(buf, '/');
            if (slash) {
                strcpy(slash, "/po/locale");
                struct stat st;
                if (stat(buf, &st) == 0 && S_ISDIR(st.st_mode)) dir = buf;
            }
        }
    }
    bindtextdomain(PACKAGE, dir);
    bind_textdomain_codeset(PACKAGE, "UTF-8");
    textdomain(PACKAGE);
}
