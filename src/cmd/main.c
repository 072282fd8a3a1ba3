/* nianbao: arguments to the review screen, `check`, `export` or `verify`. */
#include "config.h"

#include <malloc.h>
#include <stdio.h>
#include <string.h>

#include "output.h"
#include "nianbao/cli.h"
#include "nianbao/common.h"

static void usage(FILE *out) {
    fprintf(out, "%s",
            _("Usage: nianbao [OPTION]... REPORT      review a report on screen\n"
              "       nianbao REVIEW.yaml               resume a saved review\n"
              "       nianbao FOLDER|REPORT...          list many reports; Enter reviews one\n"
              "       nianbao check [OPTION]... FILE... list where the tables do not add up\n"
              "       nianbao export FILE [-o OUT]      print the tables as YAML\n"
              "       nianbao verify REVIEW.yaml        check a signed review\n"
              "       nianbao summary FILE|FOLDER...    one line per report of many files\n"
              "       nianbao record REVIEW.yaml        the review as a page to print\n"
              "\n"
              "Run 'nianbao COMMAND --help' for a command's options, or see 'man nianbao'.\n"));
}

int main(int argc, char **argv) {
#ifdef M_MMAP_THRESHOLD
    /* Buffers of a quarter megabyte and more get pages of their own: the
     * buffers of a large input, grown by doubling, then hold only the
     * memory they use and give it back when freed. glibc would raise this
     * bound at the first such free and keep them in its heap, where a
     * 10 MB page took a quarter more memory. */
    mallopt(M_MMAP_THRESHOLD, 256 * 1024);
#endif
    nb_i18n_init(argv[0]); /* the locale too */

    if (argc >= 2) {
        const char *cmd = argv[1];
        if (strcmp(cmd, "export") == 0) return nb_cmd_export(argc - 1, argv + 1);
        if (strcmp(cmd, "check") == 0) return nb_cmd_check(argc - 1, argv + 1);
        if (strcmp(cmd, "verify") == 0) return nb_cmd_verify(argc - 1, argv + 1);
        if (strcmp(cmd, "summary") == 0) return nb_cmd_summary(argc - 1, argv + 1);
        if (strcmp(cmd, "record") == 0) return nb_cmd_record(argc - 1, argv + 1);
        if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0) {
            usage(stdout);
            return nb_out_finish(NULL, NB_EXIT_OK);
        }
        if (strcmp(cmd, "--version") == 0) {
            printf("nianbao %s\n", PACKAGE_VERSION);
            return nb_out_finish(NULL, NB_EXIT_OK);
        }
    }
    return nb_tui_main(argc, argv);
}
