/* TEMPORARY: replaced by the real `export` command; keeps the program linkable meanwhile. */
#include "config.h"
#include <stdio.h>
#include "nianbao/cli.h"
int nb_cmd_export(int argc, char **argv) { (void)argc; (void)argv; fputs("not built yet\n", stderr); return 2; }
