/* Entry points of the subcommands; main.c only chooses among them.
 * Each gets argv with argv[0] being the subcommand's name and returns
 * the process exit status. */
#ifndef NIANBAO_CLI_H
#define NIANBAO_CLI_H

int nb_cmd_export(int argc, char **argv); /* src/cmd_export.c */
int nb_cmd_check(int argc, char **argv);  /* src/cmd_check.c */
int nb_cmd_verify(int argc, char **argv); /* src/cmd_verify.c */
int nb_tui_main(int argc, char **argv);   /* src/tui/app.c: argv[0] is "nianbao" */

/* Set up gettext: bind the "nianbao" domain to the installed
 * translations, or to the build tree's when run from there. */
void nb_i18n_init(const char *argv0); /* src/i18n.c */

#endif
