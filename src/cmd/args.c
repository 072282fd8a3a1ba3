/* The subcommands' option parser (see args.h): a table turned into
 * getopt_long's optstring and long options once, then one event per
 * call, in command-line order. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "args.h"

void nb_args_start(nb_args *a, int argc, char **argv, const nb_option *options, int noptions) {
    memset(a, 0, sizeof *a);
    a->argc = argc;
    a->argv = argv;
    /* '-': operands come back in order (as code 1) instead of being moved
     * to the end; ':': a missing value is told apart from an unknown
     * option. */
    size_t k = 0;
    a->optstring[k++] = '-';
    a->optstring[k++] = ':';
    for (int i = 0; i < noptions && i < NB_ARGS_MAX_OPTIONS; i++) {
        const nb_option *o = &options[i];
        if (o->short_name) {
            a->optstring[k++] = o->short_name;
            if (o->takes_value) a->optstring[k++] = ':';
        }
        a->longopts[i].name = o->long_name;
        a->longopts[i].has_arg = o->takes_value ? required_argument : no_argument;
        a->longopts[i].val = o->id;
    }
    a->optstring[k] = '\0';
    optind = 0; /* 0, not 1: glibc then also forgets a bundle left half-read */
    opterr = 0;
}

int nb_args_next(nb_args *a) {
    if (a->rest) {
        a->letter = 0;
        if (optind >= a->argc) return NB_ARG_DONE;
        a->value = a->arg = a->argv[optind++];
        return NB_ARG_OPERAND;
    }
    /* Outside a bundle, argv[optind] is the argument getopt reads next:
     * the one a message names. */
    int at = optind > 0 ? optind : 1;
    a->arg = at < a->argc ? a->argv[at] : NULL;
    a->value = NULL;
    a->letter = 0;
    optopt = 0;
    int c = getopt_long(a->argc, a->argv, a->optstring, a->longopts, NULL);
    switch (c) {
    case -1:
        /* after `--`, the rest are operands */
        a->rest = true;
        return nb_args_next(a);
    case 1:
        a->value = optarg;
        return NB_ARG_OPERAND;
    case '?':
    case ':':
        a->letter = optopt;
        if (optind > 0 && optind <= a->argc && !a->letter) a->arg = a->argv[optind - 1];
        return c == ':' ? NB_ARG_NO_VALUE : NB_ARG_UNKNOWN;
    default:
        a->value = optarg;
        return c;
    }
}

bool nb_args_int(const char *s, int lo, int hi, int *out) {
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || end == s || *end || v < lo || v > hi) return false;
    *out = (int)v;
    return true;
}
