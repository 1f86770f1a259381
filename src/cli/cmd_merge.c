/* cmd_merge.c - `docdrift merge`: the canonical merged table. */
#include "cli_internal.h"

#include "render/render.h"

static int merge_format(const char *name)
{
	dd_render_format fmt;
	if (dd_render_format_parse(name, &fmt) < 0) {
		dd_usage_error("unknown --to '%s'; expected md, rst, html, csv or json", name);
		return -1;
	}
	return (int)fmt;
}

static void merge_write(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g,
                        int fmt, const char *path, dd_buf *out, FILE *fp)
{
	dd_record *recs;
	size_t n;
	const char *caption;
	dd_recon_merge(r, run->o.arena, &recs, &n, &caption);
	dd_render_opts ro = {caption};
	dd_render_table((dd_render_format)fmt, recs, n, &ro, out);
}

static int merge_status(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g)
{
	return DD_EXIT_SAME;
}

int dd_cmd_merge(int argc, char **argv)
{
	dd_recon_cmd c = {
		.allowed = DD_OPT_TO | DD_OPT_PREFER | DD_OPT_LABEL | DD_OPT_CONFIG,
		.help = dd_reconcile_help,
		.default_to = "md",
		.format = merge_format,
		.write = merge_write,
		.status = merge_status,
	};
	return dd_recon_cmd_run(&c, argc, argv);
}
