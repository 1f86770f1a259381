#include "cli.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "commands.h"
#include "dump.h"
#include "opts.h"
#include "outfile.h"
#include "output.h"
#include "parser.h"
#include "pipeline.h"
#include "records.h"
#include "render.h"

static const char usage_text[] =
	"usage: docdrift extract [--to json|jsonl|tsv|md|rst|html|csv] [--format rst|md|html] [--service NAME] [-o FILE] [-v] PATH...\n"
	"       docdrift tables [--format rst|md|html] [-o FILE] PATH...\n"
	"       docdrift diff [--to text|json] [--color=auto|always|never] [--prefer A,B]\n"
	"                     [--label NAME=PATH]... [--format F] [-o FILE] [-v] PATH...\n"
	"       docdrift merge [--to md|rst|html|csv|json] [--prefer A,B] [--label NAME=PATH]...\n"
	"                      [--format F] [-o FILE] [-v] PATH...\n"
	"       docdrift --help | --version\n"
	"\n"
	"extract  print the status-code records of every table found in PATH...\n"
	"tables   print what the parsers found, table by table and cell by cell\n"
	"diff     reconcile the variants: canonical wording per code and every difference\n"
	"merge    the canonical merged table\n"
	"\n"
	"PATH is a file, a directory (recursed in sorted order for .rst .md .markdown\n"
	".html .htm .txt) or - for standard input. Diagnostics go to standard error as\n"
	"file:line:col: severity: message [DD-NNN]; columns count characters.\n"
	"Exit status: 0 no error, 1 differences (diff), 2 trouble.\n";

/* ---- extract ---- */

typedef struct extract_ctx {
	dd_list_writer w;
	int render;               /* --to md|rst|html|csv: each table in that format */
	dd_render_format rfmt;
	dd_buf rbuf;
	const char *service;
	int verbose;
	dd_records rs;
} extract_ctx;

static void extract_doc(void *vctx, dd_doc *doc, int explicit_arg, dd_diag_sink *diags)
{
	extract_ctx *x = vctx;
	size_t first = x->rs.n;
	unsigned found = dd_records_extract(doc, x->service, &x->rs, diags);
	if (!found)
		dd_report_no_table(diags, doc, explicit_arg, x->verbose);
	if (x->render) {
		/* One rendered table per source table, blank line between. */
		for (size_t i = first, j; i < x->rs.n; i = j) {
			for (j = i; j < x->rs.n && x->rs.v[j].table == x->rs.v[i].table; j++)
				;
			dd_render_opts ro = {doc->tables[x->rs.v[i].table].caption};
			if (x->w.count++)
				dd_buf_putc(&x->rbuf, '\n');
			dd_render_table(x->rfmt, &x->rs.v[i], j - i, &ro, &x->rbuf);
			fwrite(x->rbuf.ptr, 1, x->rbuf.len, x->w.out);
			dd_buf_reset(&x->rbuf);
		}
	} else {
		for (size_t i = first; i < x->rs.n; i++)
			dd_list_record(&x->w, &x->rs.v[i]);
	}
	/* Records are written as each file is done: memory stays flat. */
	dd_records_free(&x->rs);
	dd_records_init(&x->rs);
}

static int extract_run(const dd_opts *op, int npaths, char **paths);

static int cmd_extract(int argc, char **argv)
{
	dd_opts o;
	int first = dd_opts_parse(&o, argc, argv, DD_OPT_TO | DD_OPT_SERVICE, usage_text);
	int rc = first < 0 ? DD_EXIT_TROUBLE : extract_run(&o, argc - first, argv + first);
	dd_opts_free(&o);
	return rc;
}

static int extract_run(const dd_opts *op, int npaths, char **paths)
{
	const dd_opts o = *op;
	dd_list_format fmt = DD_LIST_JSON;
	extract_ctx x = {.service = o.service, .verbose = o.walk.verbose, .rbuf = DD_BUF_INIT};
	if (o.to) {
		if (strcmp(o.to, "json") == 0)
			fmt = DD_LIST_JSON;
		else if (strcmp(o.to, "jsonl") == 0)
			fmt = DD_LIST_JSONL;
		else if (strcmp(o.to, "tsv") == 0)
			fmt = DD_LIST_TSV;
		else if (dd_render_format_parse(o.to, &x.rfmt) == 0)
			x.render = 1;
		else
			return dd_usage_error(
				"unknown --to '%s'; expected json, jsonl, tsv, md, rst, html or csv", o.to);
	}
	dd_diag_sink diags;
	dd_diag_init(&diags, stderr);
	diags.verbose = o.walk.verbose;
	dd_outfile out;
	if (dd_outfile_open(&out, o.output) != 0)
		return DD_EXIT_TROUBLE;
	dd_records_init(&x.rs);
	if (x.render)
		x.w.out = out.fp;
	else
		dd_list_begin(&x.w, out.fp, fmt);
	dd_walk(paths, npaths, &o.walk, extract_doc, &x, &diags);
	if (!x.render)
		dd_list_end(&x.w);
	dd_records_free(&x.rs);
	dd_buf_free(&x.rbuf);
	int rc = diags.nerrors ? DD_EXIT_TROUBLE : DD_EXIT_SAME;
	dd_diag_free(&diags);
	/* The listing is complete even when some input failed: keep it. */
	if (dd_outfile_close(&out, 1) != 0)
		return DD_EXIT_TROUBLE;
	return rc;
}

/* ---- tables ---- */

typedef struct tables_ctx {
	dd_buf buf;
	FILE *out;
} tables_ctx;

static void tables_doc(void *vctx, dd_doc *doc, int explicit_arg, dd_diag_sink *diags)
{
	tables_ctx *x = vctx;
	dd_dump_doc(doc, &x->buf);
	fwrite(x->buf.ptr, 1, x->buf.len, x->out);
	dd_buf_reset(&x->buf);
}

static int cmd_tables(int argc, char **argv)
{
	dd_opts o;
	int first = dd_opts_parse(&o, argc, argv, 0, usage_text);
	dd_outfile out;
	if (first < 0 || dd_outfile_open(&out, o.output) != 0) {
		dd_opts_free(&o);
		return DD_EXIT_TROUBLE;
	}
	dd_diag_sink diags;
	dd_diag_init(&diags, stderr);
	tables_ctx x = {DD_BUF_INIT, out.fp};
	dd_walk(argv + first, argc - first, &o.walk, tables_doc, &x, &diags);
	dd_buf_free(&x.buf);
	int rc = diags.nerrors ? DD_EXIT_TROUBLE : DD_EXIT_SAME;
	dd_diag_free(&diags);
	dd_opts_free(&o);
	if (dd_outfile_close(&out, 1) != 0)
		return DD_EXIT_TROUBLE;
	return rc;
}

int dd_cli_main(int argc, char **argv)
{
	if (argc < 2)
		return dd_usage_error("%s", "no command; expected extract, tables, diff or merge");
	const char *cmd = argv[1];
	if (strcmp(cmd, "--help") == 0 || strcmp(cmd, "-h") == 0 || strcmp(cmd, "help") == 0) {
		fputs(usage_text, stdout);
		return 0;
	}
	if (strcmp(cmd, "--version") == 0) {
		puts("docdrift " DD_VERSION);
		return 0;
	}
	dd_parsers_init();
	int rc;
	if (strcmp(cmd, "extract") == 0)
		rc = cmd_extract(argc - 1, argv + 1);
	else if (strcmp(cmd, "tables") == 0)
		rc = cmd_tables(argc - 1, argv + 1);
	else if (strcmp(cmd, "diff") == 0)
		rc = dd_cmd_diff(argc - 1, argv + 1);
	else if (strcmp(cmd, "merge") == 0)
		rc = dd_cmd_merge(argc - 1, argv + 1);
	else
		rc = dd_usage_error("unknown command '%s'; expected extract, tables, diff or merge", cmd);
	dd_parsers_cleanup();
	return rc;
}
