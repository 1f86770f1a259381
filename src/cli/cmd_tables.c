/* cmd_tables.c - `docdrift tables`: what the parsers found, cell by cell. */
#include "cli_internal.h"

#include <stdio.h>
#include <stdlib.h>

#include "render/render.h"

static void *tables_work(const void *ctx, dd_doc *doc, int explicit_arg, dd_diag_sink *diags)
{
	(void)ctx;
	(void)explicit_arg;
	(void)diags;
	dd_buf *b = dd_xmalloc(sizeof *b);
	*b = (dd_buf)DD_BUF_INIT;
	dd_dump_doc(doc, b);
	return b;
}

static void tables_take(void *ctx, void *result)
{
	dd_buf *b = result;
	if (!b)
		return;
	fwrite(b->ptr, 1, b->len, ctx);
	dd_buf_free(b);
	free(b);
}

int dd_cmd_tables(int argc, char **argv)
{
	dd_opts o;
	int first = dd_opts_parse(&o, argc, argv, 0, dd_usage_text);
	dd_outfile out;
	if (first < 0 || dd_outfile_open(&out, o.output) != 0) {
		dd_opts_free(&o);
		return DD_EXIT_TROUBLE;
	}
	dd_diag_sink diags;
	dd_diag_init(&diags, stderr);
	diags.verbose = o.walk.verbose;
	o.walk.every_page = 1; /* a page without tables still shows its page id */
	dd_walk(argv + first, argc - first, &o.walk, tables_work, tables_take, out.fp, &diags);
	int rc = diags.nerrors ? DD_EXIT_TROUBLE : DD_EXIT_SAME;
	dd_diag_summary(&diags);
	dd_diag_free(&diags);
	dd_opts_free(&o);
	if (dd_outfile_close(&out, 1) != 0)
		return DD_EXIT_TROUBLE;
	return rc;
}
