/* TEMPORARY: replaced by the review screen; keeps the program linkable meanwhile. */
#include "config.h"
#include <stdio.h>
#include "nianbao/cli.h"
int nb_tui_main(int argc, char **argv) { (void)argc; (void)argv; fputs("not built yet\n", stderr); return 2; }
