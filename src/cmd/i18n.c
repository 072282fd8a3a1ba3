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

/* The locale the environment asks for. A Chinese one that is not
 * installed (a bare machine or container has only C.UTF-8) makes
 * setlocale fail, and the interface would be English without a word:
 * then take C.UTF-8 and ask gettext for Chinese through LANGUAGE, which
 * it honours there. */
static void set_locale(void) {
    if (setlocale(LC_ALL, "")) return;
    const char *want = NULL;
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < sizeof vars / sizeof vars[0] && !want; i++) {
        const char *v = getenv(vars[i]);
        if (v && *v) want = v;
    }
    if (!setlocale(LC_ALL, "C.UTF-8")) setlocale(LC_ALL, "C");
    if (want && strncmp(want, "zh", 2) == 0) setenv("LANGUAGE", "zh_CN", 0);
}

void nb_i18n_init(const char *argv0) {
    (void)argv0;
    set_locale();
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
