/* cmd_diff.c - `docdrift diff` and `docdrift merge`. */
#include "commands.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "opts.h"
#include "outfile.h"
#include "parsers/parser.h"
#include "walk.h"
#include "reconcile/reconcile.h"
#include "records/records.h"
#include "render/render.h"
#include "report/report.h"

static const char help_text[] =
	"usage: docdrift diff [--to text|json] [--color[=auto|always|never]] [--prefer A,B,...]\n"
	"                     [--label NAME=PATH]... [--format rst|md|html] [-o FILE] [-j N] [-v] PATH...\n"
	"       docdrift merge [--to md|rst|html|csv|json] [--prefer A,B,...]\n"
	"                      [--label NAME=PATH]... [--format rst|md|html] [-o FILE] [-j N] [-v]\n"
	"                      PATH...\n"
	"\n"
	"diff   align the status-code tables of PATH... by code, pick the wording most\n"
	"       documents share, and report how each document differs from it.\n"
	"       Exit status 0 no differences, 1 differences, 2 trouble.\n"
	"merge  print the canonical merged table.\n";

typedef struct load_ctx {
	dd_records rs;
	int verbose;
} load_ctx;

static void *load_work(const void *vctx, dd_doc *doc, int explicit_arg, dd_diag_sink *diags)
{
	const load_ctx *x = vctx;
	dd_records *rs = dd_xmalloc(sizeof *rs);
	dd_records_init(rs);
	if (!dd_records_extract(doc, NULL, rs, diags))
		dd_report_no_table(diags, doc, explicit_arg, x->verbose);
	return rs;
}

static void load_take(void *vctx, void *result)
{
	load_ctx *x = vctx;
	dd_records *rs = result;
	if (!rs)
		return;
	dd_records_adopt(&x->rs, rs);
	free(rs);
}

/* Loads and reconciles; returns 0, or DD_EXIT_TROUBLE when reconciling
 * could not start (r is then empty). *errors gets the error count. */
static int run(int argc, char **argv, dd_opts *o, int first, load_ctx *x, dd_recon *r,
               dd_diag_sink *diags)
{
	dd_diag_init(diags, stderr);
	diags->verbose = o->walk.verbose;
	x->verbose = o->walk.verbose;
	dd_records_init(&x->rs);
	dd_walk(argv + first, argc - first, &o->walk, load_work, load_take, x, diags);
	if (x->rs.n == 0) {
		/* Nothing to compare is trouble, not agreement: no report at all. */
		dd_diag(diags, NULL, (size_t)-1, DD_ERROR, DD_E_NO_RECORDS,
		        "no status-code records in any input; expected at least one status-code table");
		memset(r, 0, sizeof *r);
		dd_diag_flush(diags);
		return DD_EXIT_TROUBLE;
	}
	dd_recon_opts ro = {o->prefer, o->nprefer, o->labels, o->nlabels};
	int rc = dd_reconcile(&x->rs, &ro, r, diags);
	dd_diag_flush(diags);
	return rc < 0 ? DD_EXIT_TROUBLE : 0;
}

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

/* diff and merge: load, reconcile, then write the report or the table. */
static int reconcile_cmd(int argc, char **argv, int merge)
{
	dd_opts o;
	unsigned allowed = DD_OPT_TO | DD_OPT_PREFER | DD_OPT_LABEL | (merge ? 0 : DD_OPT_COLOR);
	int first = dd_opts_parse(&o, argc, argv, allowed, help_text), json = 0;
	dd_render_format fmt = DD_RENDER_MD;
	if (first >= 0 && o.to) {
		if (merge && dd_render_format_parse(o.to, &fmt) < 0) {
			dd_usage_error("unknown --to '%s'; expected md, rst, html, csv or json", o.to);
			first = -1;
		} else if (!merge && strcmp(o.to, "json") == 0) {
			json = 1;
		} else if (!merge && strcmp(o.to, "text") != 0) {
			dd_usage_error("unknown --to '%s'; expected text or json", o.to);
			first = -1;
		}
	}
	if (first < 0) {
		dd_opts_free(&o);
		return DD_EXIT_TROUBLE;
	}
	dd_diag_sink diags;
	load_ctx x;
	dd_recon r;
	int rc = run(argc, argv, &o, first, &x, &r, &diags);
	/* The output file is created only once there is something to write: a
	 * run that could not reconcile leaves none behind. */
	dd_outfile f;
	if (rc == 0 && dd_outfile_open(&f, o.output) != 0)
		rc = DD_EXIT_TROUBLE;
	else if (rc == 0) {
		dd_buf out = DD_BUF_INIT;
		if (merge) {
			dd_record *recs;
			size_t n;
			const char *caption;
			dd_recon_merge(&r, o.arena, &recs, &n, &caption);
			dd_render_opts ro = {caption};
			dd_render_table(fmt, recs, n, &ro, &out);
			rc = DD_EXIT_SAME;
		} else {
			if (json)
				dd_report_json(&r, &out, f.fp);
			else
				dd_report_text(&r, use_color(o.color, o.output), &out, f.fp);
			rc = dd_recon_differs(&r) ? DD_EXIT_DIFFER : DD_EXIT_SAME;
		}
		fwrite(out.ptr ? out.ptr : "", 1, out.len, f.fp);
		dd_buf_free(&out);
		if (diags.nerrors)
			rc = DD_EXIT_TROUBLE;
		if (dd_outfile_close(&f, 1) != 0)
			rc = DD_EXIT_TROUBLE;
	}
	dd_recon_free(&r);
	dd_records_free(&x.rs);
	dd_diag_free(&diags);
	dd_opts_free(&o);
	return rc;
}

int dd_cmd_diff(int argc, char **argv)
{
	return reconcile_cmd(argc, argv, 0);
}

int dd_cmd_merge(int argc, char **argv)
{
	return reconcile_cmd(argc, argv, 1);
}
