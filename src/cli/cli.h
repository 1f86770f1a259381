/* cli.h - the command line: `docdrift COMMAND [OPTIONS] PATH...`. */
#ifndef DD_CLI_H
#define DD_CLI_H

/* Exit statuses, as diff(1). */
enum { DD_EXIT_SAME = 0, DD_EXIT_DIFFER = 1, DD_EXIT_TROUBLE = 2 };

int dd_cli_main(int argc, char **argv);

#endif
