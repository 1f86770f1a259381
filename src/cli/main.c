/* main.c - the docdrift executable. */
#include "cli.h"

int main(int argc, char **argv)
{
	return dd_cli_main(argc, argv);
}
