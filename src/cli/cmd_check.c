/* cmd_check.c - `docdrift check`: the reconciliation against the baseline;
 * exit 1 when a new finding reaches --fail-on (or, --strict, an entry of
 * the baseline is fixed). */
#include "cli_internal.h"

static const char check_help[] =
	"usage: docdrift check [--baseline FILE | --no-baseline] [--fail-on error|warning|note|none]\n"
	"                      [--strict] [--only CLASSES] [--ignore CLASSES]\n"
	"                      [--to text|html|json|jsonl|csv|sarif|github|markdown]\n"
	"                      [--to FMT=FILE]... [--width N]\n"
	"                      [--sarif-include-accepted] [--config FILE | --no-config]\n"
	"                      [--prefer A,B] [--reference FILE|iana]... [--label NAME=PATH]...\n"
	"                      [--color[=WHEN]] [--kind status|error|all] [--pair | --group G]\n"
	"                      [--format F] [-o FILE] [-j N] [-v] [PATH...]\n"
	"\n"
	"Reconciles PATH... (or the inputs of .docdrift.ini) as diff does and compares\n"
	"every finding with the baseline (docdrift-baseline.json by default): each is new,\n"
	"accepted (in the baseline) or suppressed (.docdrift.ini); baseline entries no\n"
	"longer found are fixed. Exit status 0 when no new finding is at --fail-on\n"
	"(default warning) or above, 1 when one is (with --strict: or an entry is fixed),\n"
	"2 on trouble: a missing or malformed baseline or configuration is trouble.\n"
	"\n"
	"Severities by default: whitespace, paragraphing, case: note; punctuation,\n"
	"spacing, truncation, substitution, rewording, addition, omission, reference:\n"
	"warning; missing, extra, changed (an error code's HTTP status): error.\n"
	"[severity] in .docdrift.ini changes them. --kind, --pair and --group as for\n"
	"diff (docdrift diff -h).\n"
	"--only/--ignore CLASSES (comma-separated) choose what is reported at all.\n"
	"--to FMT=FILE writes another report to FILE (repeatable); every file is written\n"
	"atomically. sarif: for GitHub code scanning (accepted findings left out unless\n"
	"--sarif-include-accepted); github: workflow annotations, and a job summary when\n"
	"GITHUB_STEP_SUMMARY is set; markdown: a pull-request comment; html, jsonl, csv\n"
	"as for diff. The text keeps each file:line:col line whole and wraps the word\n"
	"diffs at --width N (default: the terminal's, or 80).\n";

static int check_status(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g)
{
	return dd_gate_status(g);
}

int dd_cmd_check(int argc, char **argv)
{
	dd_recon_cmd c = {
		.allowed = DD_OPT_TO | DD_OPT_PREFER | DD_OPT_REFERENCE | DD_OPT_LABEL | DD_OPT_COLOR |
		           DD_OPT_CONFIG | DD_OPT_FILTER | DD_OPT_GATE | DD_OPT_OUTPUTS | DD_OPT_WIDTH |
		           DD_OPT_KIND | DD_OPT_FAMILY,
		.help = check_help,
		.gate = 1,
		.baseline = 1,
		.default_to = "text",
		.format = dd_report_format_of,
		.write = dd_write_report,
		.status = check_status,
	};
	return dd_recon_cmd_run(&c, argc, argv);
}
