/* One option parser for every subcommand: each describes its options in
 * a table and reads the events (an option with its value, an operand,
 * a mistake) in the order they stand on the command line. Messages stay
 * with the commands, which word them each their own way. */
#ifndef NIANBAO_CMD_ARGS_H
#define NIANBAO_CMD_ARGS_H

#include <getopt.h>
#include <stdbool.h>

/* One option: `--long_name`, and `-short_name` when that is not 0. `id`
 * is what nb_args_next returns for it: the short letter when there is
 * one, else a number from NB_ARG_LONG_ONLY up. */
typedef struct nb_option {
    int id;
    char short_name;
    const char *long_name;
    bool takes_value;
} nb_option;

#define NB_ARG_LONG_ONLY 256
#define NB_ARGS_MAX_OPTIONS 16

enum {
    NB_ARG_DONE = -1,     /* no more arguments */
    NB_ARG_OPERAND = -2,  /* a file name (value): anything not an option, `-` too */
    NB_ARG_UNKNOWN = -3,  /* an option not in the table, or given a value it does not take */
    NB_ARG_NO_VALUE = -4, /* an option that takes a value was last */
};

typedef struct nb_args {
    int argc;
    char **argv;
    char optstring[2 * NB_ARGS_MAX_OPTIONS + 3];
    struct option longopts[NB_ARGS_MAX_OPTIONS + 1];
    const char *value; /* the option's value, or the operand */
    const char *arg;   /* the argument as written (for "unknown option --x=1") */
    bool rest;         /* past `--` (or getopt's end): only operands are left */
    int letter;        /* for NB_ARG_UNKNOWN/NO_VALUE: the option's letter (or id) when getopt
                        * knew it, 0 for an unknown long option */
} nb_args;

/* Read argv[1..argc) against `options` (at most NB_ARGS_MAX_OPTIONS).
 * getopt_long underneath: long options also as --name=value and as
 * unambiguous prefixes, short ones bundled (-qf yaml), `--` ends the
 * options. */
void nb_args_start(nb_args *a, int argc, char **argv, const nb_option *options, int noptions);
/* The next event: an option's id (value set when it takes one), or one of
 * the NB_ARG_ values above. */
int nb_args_next(nb_args *a);

/* A whole number from lo to hi, nothing else around it (an option's
 * value such as --year=2023). */
bool nb_args_int(const char *s, int lo, int hi, int *out);

#endif
