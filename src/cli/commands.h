/* commands.h - the reconciliation commands, dispatched from cli.c.
 *
 * Both take argv as getopt sees it (argv[0] is the command word) and return
 * an exit status (cli.h): 0 same, 1 differences (diff only), 2 trouble. The
 * caller has run dd_parsers_init(). */
#ifndef DD_COMMANDS_H
#define DD_COMMANDS_H

/* docdrift diff [--to text|json] [--color=auto|always|never] [--prefer A,B]
 *               [--label NAME=PATH]... [--format F] [-v] PATH... */
int dd_cmd_diff(int argc, char **argv);
/* docdrift merge [--to md|rst|html|csv|json] [--prefer A,B] [--label NAME=PATH]...
 *                [--format F] [-v] PATH... */
int dd_cmd_merge(int argc, char **argv);

#endif
