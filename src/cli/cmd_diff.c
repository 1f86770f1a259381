/* cmd_diff.c - `docdrift diff`: the report of how the variants differ. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "report/report.h"

enum { TO_TEXT, TO_JSON };

/* auto colours only a terminal: never a -o file, whatever stdout is */
static int use_color(const char *mode, const char *output)
{
	if (mode && strcmp(mode, "always") == 0)
		return 1;
	if (mode && strcmp(mode, "never") == 0)
		return 0;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	if (output && strcmp(output, "-") != 0)
		return 0;
	return isatty(STDOUT_FILENO);
}

static int diff_setup(dd_recon_cmd *c, const dd_opts *o)
{
	c->to = TO_TEXT;
	if (!o->to || strcmp(o->to, "text") == 0)
		return 0;
	if (strcmp(o->to, "json") == 0) {
		c->to = TO_JSON;
		return 0;
	}
	dd_usage_error("unknown --to '%s'; expected text or json", o->to);
	return -1;
}

static int diff_write(dd_recon_cmd *c, const dd_opts *o, const dd_recon *r, dd_buf *out, FILE *fp)
{
	if (c->to == TO_JSON)
		dd_report_json(r, out, fp);
	else
		dd_report_text(r, use_color(o->color, o->output), out, fp);
	return dd_recon_differs(r) ? DD_EXIT_DIFFER : DD_EXIT_SAME;
}

int dd_cmd_diff(int argc, char **argv)
{
	dd_recon_cmd c = {DD_OPT_TO | DD_OPT_PREFER | DD_OPT_LABEL | DD_OPT_COLOR | DD_OPT_REFERENCE,
	                  dd_reconcile_help,
	                  diff_setup, diff_write, 0};
	return dd_recon_cmd_run(&c, argc, argv);
}
