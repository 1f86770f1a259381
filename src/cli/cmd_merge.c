/* cmd_merge.c - `docdrift merge`: the canonical merged table. */
#include "cli_internal.h"

#include "render/render.h"

static int merge_setup(dd_recon_cmd *c, const dd_opts *o)
{
	dd_render_format fmt = DD_RENDER_MD;
	if (o->to && dd_render_format_parse(o->to, &fmt) < 0) {
		dd_usage_error("unknown --to '%s'; expected md, rst, html, csv or json", o->to);
		return -1;
	}
	c->to = (int)fmt;
	return 0;
}

static int merge_write(dd_recon_cmd *c, const dd_opts *o, const dd_recon *r, dd_buf *out,
                       FILE *fp)
{
	(void)fp;
	dd_record *recs;
	size_t n;
	const char *caption;
	dd_recon_merge(r, o->arena, &recs, &n, &caption);
	dd_render_opts ro = {caption};
	if (dd_render_table_diag((dd_render_format)c->to, recs, n, &ro, o->diags, out) < 0)
		return DD_EXIT_TROUBLE; /* the format cannot hold it: said in diags */
	return DD_EXIT_SAME;
}

int dd_cmd_merge(int argc, char **argv)
{
	dd_recon_cmd c = {DD_OPT_TO | DD_OPT_PREFER | DD_OPT_LABEL, dd_reconcile_help, merge_setup,
	                  merge_write, 0};
	return dd_recon_cmd_run(&c, argc, argv);
}
