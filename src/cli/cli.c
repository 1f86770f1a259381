/* cli.c - `docdrift COMMAND`: the usage text and the dispatch to commands. */
#include "cli_internal.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char dd_usage_text[] =
	"usage: docdrift extract [--to json|jsonl|tsv|md|rst|html|csv] [--kind status|error|all]\n"
	"                        [--format rst|md|html] [--service NAME] [--style grid|simple]\n"
	"                        [--width N] [-o FILE] [-j N] [-v] PATH...\n"
	"       docdrift tables [--format rst|md|html] [-o FILE] [-j N] [-v] PATH...\n"
	"       docdrift diff [--to text|html|json|jsonl|csv|sarif|github|markdown] [-q]\n"
	"                     [--matrix] [--width N] [--code LIST] [--variant GLOB]...\n"
	"                     [--color=auto|always|never] [--prefer A,B]\n"
	"                     [--reference FILE|iana]... [--label NAME=PATH]... [--kind K]\n"
	"                     [--pair | --group page|path|none] [--format F] [-o FILE] [-j N]\n"
	"                     [-v] PATH...\n"
	"       docdrift merge [--to md|rst|html|csv|json] [--prefer A,B] [--reference FILE|iana]...\n"
	"                      [--names iana|docs] [--all-codes | --min-support K]\n"
	"                      [--style grid|simple] [--width N] [--label NAME=PATH]... [--kind K]\n"
	"                      [--pair | --group G] [--format F] [-o FILE] [-j N] [-v] PATH...\n"
	"       docdrift check [--baseline FILE] [--fail-on error|warning|note|none] [--strict]\n"
	"                      [--to text|html|json|jsonl|csv|sarif|github|markdown]\n"
	"                      [--to FMT=FILE]... [--width N] [--kind K] [--pair | --group G]\n"
	"                      [PATH...]\n"
	"       docdrift baseline [-o FILE] [--update [--accept-new]] [--kind K] [--pair | --group G]\n"
	"                         [PATH...]\n"
	"       docdrift config [--config FILE]\n"
	"       docdrift --help | --version\n"
	"\n"
	"extract  print the records of every status-code and error-code table in PATH...\n"
	"tables   print what the parsers found, table by table and cell by cell\n"
	"diff     reconcile the variants: a summary, a scorecard of the variants, then the\n"
	"         canonical wording per code and every change, once with who makes it\n"
	"         (status codes and error codes apart; --pair DIR_A DIR_B: each page's copies)\n"
	"merge    the canonical merged tables (--reference wins outright, --prefer breaks ties;\n"
	"         docdrift diff -h says more)\n"
	"check    diff against the baseline of accepted findings: exit 1 on new ones (CI)\n"
	"baseline record the current findings as accepted (docdrift-baseline.json)\n"
	"config   print the configuration in effect (.docdrift.ini) and where each value comes from\n"
	"\n"
	"PATH is a file, a directory (recursed in sorted order for .rst .md .markdown\n"
	".html .htm .txt) or - for standard input. Diagnostics go to standard error as\n"
	"file:line:col: severity: message [DD-NNN]; columns count characters. Errors and\n"
	"warnings about how a table is written are shown; notes and warnings about how\n"
	"cells were read as codes are counted by code at the end; -v lists them.\n"
	"--kind status|error reads one kind of table only (default all). --pair: every\n"
	"PATH is a root; documents at the same path under two roots (else with the same\n"
	"page id) are copies, reconciled on their own; --group page groups by page id.\n"
	"-j N parses with N threads (default: one per CPU), and diff, merge, check and\n"
	"baseline reconcile the codes on them too; output is the same for any N.\n"
	"-o FILE appears only once complete (a device, FIFO or /dev/stdout is written in place).\n"
	"diff, merge, check, baseline and config read .docdrift.ini, found from the\n"
	"working directory up to the repository root (--config FILE, --no-config); with\n"
	"it, PATH... may be left out. diff and check take --only/--ignore CLASSES.\n"
	"Exit status: 0 no error, 1 differences (diff) or failing findings (check),\n"
	"2 trouble. See docdrift(1) and `docdrift COMMAND --help`.\n";

int dd_cli_main(int argc, char **argv)
{
	if (argc < 2)
		return dd_usage_error("%s", "no command; expected extract, tables, diff, merge, check, "
		                      "baseline or config");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(dd_usage_text, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		puts("docdrift " DD_VERSION);
		return 0;
	}
	dd_parsers_init();
	json_set_alloc_funcs(dd_xmalloc, free); /* out of memory: a message and exit 2 */
	int rc;
	if (strcmp(cmd, "extract") == 0)
		rc = dd_cmd_extract(argc - 1, argv + 1);
	else if (strcmp(cmd, "tables") == 0)
		rc = dd_cmd_tables(argc - 1, argv + 1);
	else if (strcmp(cmd, "diff") == 0)
		rc = dd_cmd_diff(argc - 1, argv + 1);
	else if (strcmp(cmd, "merge") == 0)
		rc = dd_cmd_merge(argc - 1, argv + 1);
	else if (strcmp(cmd, "check") == 0)
		rc = dd_cmd_check(argc - 1, argv + 1);
	else if (strcmp(cmd, "baseline") == 0)
		rc = dd_cmd_baseline(argc - 1, argv + 1);
	else if (strcmp(cmd, "config") == 0)
		rc = dd_cmd_config(argc - 1, argv + 1);
	else
		rc = dd_usage_error("unknown command '%s'; expected extract, tables, diff, merge, check, "
		                    "baseline or config", cmd);
	dd_parsers_cleanup();
	return rc;
}
