/* The command line of the review screen: options into an nb_options,
 * or the exit status when there is nothing to run (--help, a mistake). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "tui.h"

static void usage(FILE *out) {
    fprintf(out, "%s",
            _("Usage: nianbao [OPTION]... REPORT\n"
              "       nianbao [OPTION]... REPORT.review.yaml\n"
              "       nianbao [OPTION]... FOLDER|REPORT...\n"
              "Review the tables of a government information disclosure annual report.\n"
              "Given a folder or several reports, list every report with its errors and\n"
              "the state of its review; Enter opens one.\n"
              "\n"
              "  --theme NAME   colour theme (default, light, high-contrast, monochrome,\n"
              "                 or a theme in $XDG_CONFIG_HOME/nianbao/themes)\n"
              "  --report N     open the N-th report of the file (1 = first)\n"
              "  --year YYYY    open the report whose data covers YYYY\n"
              "  -o REVIEW      save the review to REVIEW (default REPORT.review.yaml)\n"
              "  -p, --previous FILE\n"
              "                 check against last year's report of the agency in FILE\n"
              "  --help         show this help\n"
              "\n"
              "REPORT may be an http:// or https:// address: it is fetched and an exact copy\n"
              "is kept beside the review (in the folder of REVIEW, or the current folder).\n"
              "\n"
              "Press F1 on the review screen for every key; see 'man nianbao'.\n"));
}

/* VAL is a whole number from LO to HI (and nothing else). */
static bool number_in(const char *val, long lo, long hi, long *n) {
    char *end;
    *n = val ? strtol(val, &end, 10) : 0;
    return val && !*end && *n >= lo && *n <= hi;
}

static int parse(int argc, char **argv, nb_options *o) {
    o->report = -1;
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = NULL;
#define OPTION(name) \
    (strcmp(a, name) == 0 ? (i + 1 < argc ? (val = argv[++i], 1) : (val = NULL, 1)) \
     : strncmp(a, name "=", strlen(name) + 1) == 0 ? (val = a + strlen(name) + 1, 1) : 0)
        if (strcmp(a, "--help") == 0 || strcmp(a, "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (OPTION("--theme")) {
            o->theme = val;
        } else if (OPTION("--report")) {
            long n;
            if (!number_in(val, 1, 10000, &n)) {
                fprintf(stderr, _("nianbao: --report takes a number from 1\n"));
                return 2;
            }
            o->report = (int)n - 1;
        } else if (OPTION("--year")) {
            long n;
            if (!number_in(val, NB_YEAR_MIN, NB_YEAR_MAX, &n)) {
                fprintf(stderr, _("nianbao: --year takes a year such as 2023\n"));
                return 2;
            }
            o->year = (int)n;
        } else if (OPTION("-o") || OPTION("--output")) {
            o->out = val;
        } else if (OPTION("-p") || OPTION("--previous")) {
            o->previous = val;
        } else if (a[0] == '-' && a[1]) {
            nb_say(_("nianbao: unknown option %s\n"), a);
            usage(stderr);
            return 2;
        } else {
            const char **grown = realloc(o->paths, (size_t)(o->npaths + 1) * sizeof *grown);
            if (!grown) {
                nb_say("%s", _("nianbao: out of memory\n"));
                return 2;
            }
            o->paths = grown;
            o->paths[o->npaths++] = a;
            if (!o->path) o->path = a;
        }
        if ((strcmp(a, "--theme") == 0 || strcmp(a, "-o") == 0 || strcmp(a, "-p") == 0 ||
             strcmp(a, "--previous") == 0) &&
            !val) {
            nb_say(_("nianbao: %s needs a value\n"), a);
            return 2;
        }
#undef OPTION
    }
    if (!o->path) {
        usage(stderr);
        return 2;
    }
    struct stat st;
    o->list = o->npaths > 1 || (stat(o->path, &st) == 0 && S_ISDIR(st.st_mode));
    if (o->list && (o->out || o->report >= 0 || o->year || o->previous)) {
        nb_say("%s", _("nianbao: -o, --report, --year and --previous are for one report; open it from "
                       "the list (it pairs the years itself), or name one file\n"));
        return 2;
    }
    return -1;
}

int nb_options_parse(int argc, char **argv, nb_options *o) {
    memset(o, 0, sizeof *o);
    int status = parse(argc, argv, o);
    if (status >= 0) {
        free(o->paths);
        o->paths = NULL;
    }
    return status;
}
