/* Entry points of the subcommands; main.c only chooses among them.
 * Each gets argv with argv[0] being the subcommand's name and returns
 * the process exit status. */
#ifndef NIANBAO_CLI_H
#define NIANBAO_CLI_H

/* The exit status of every subcommand (and of the review screen when it
 * cannot start): scripts test these, so their numbers never change. */
typedef enum nb_exit {
    NB_EXIT_OK = 0,      /* check: no errors; verify: the review holds; export: written */
    NB_EXIT_FOUND = 1,   /* check: errors found; verify: a mismatch or no valid sign-off */
    NB_EXIT_TROUBLE = 2, /* a file could not be read or written, or the command line is wrong */
} nb_exit;

int nb_cmd_export(int argc, char **argv); /* src/cmd/export.c */
int nb_cmd_check(int argc, char **argv);  /* src/cmd/check.c */
int nb_cmd_verify(int argc, char **argv); /* src/cmd/verify.c */
int nb_cmd_summary(int argc, char **argv); /* src/cmd/summary.c */
int nb_cmd_record(int argc, char **argv);  /* src/cmd/record.c */
int nb_tui_main(int argc, char **argv);   /* src/tui/app.c: argv[0] is "nianbao" */

/* Set up gettext: bind the "nianbao" domain to the installed
 * translations, or to the build tree's when run from there. */
void nb_i18n_init(const char *argv0); /* src/cmd/i18n.c */

#endif
