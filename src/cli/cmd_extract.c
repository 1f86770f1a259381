/* cmd_extract.c - `docdrift extract`: the status-code records of every
 * table, listed (json, jsonl, tsv) or rendered (md, rst, html, csv). */
#include "cli_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"

typedef struct extract_ctx {
	dd_list_writer w;
	dd_list_format fmt;
	int render;               /* --to md|rst|html|csv: each table in that format */
	dd_render_format rfmt;
	const char *service;
	unsigned kinds;           /* --kind */
	int verbose;
	size_t ntables;           /* rendered so far */
	const char *style;        /* --style grid|simple, or NULL: each table's own */
	unsigned width;           /* --width N */
	dd_records all;           /* --to csv: every record, rendered at the end */
} extract_ctx;

/* One file's output, made on a parsing thread. */
typedef struct chunk {
	dd_buf text;
	size_t n;                 /* records (listing) or tables (render) in text */
	dd_records rs;            /* --to csv: the records themselves */
} chunk;

static void *extract_work(const void *vctx, dd_doc *doc, int explicit_arg, dd_diag_sink *diags)
{
	const extract_ctx *x = vctx;
	dd_records rs;
	dd_records_init(&rs);
	if (!dd_records_extract_kinds(doc, x->service, x->kinds, &rs, diags))
		dd_report_no_table(diags, doc, explicit_arg, x->verbose, x->kinds);
	chunk *c = dd_xcalloc(1, sizeof *c);
	if (x->render && x->rfmt == DD_RENDER_CSV) {
		/* A CSV file holds one table (RFC 4180: one header, one field
		 * count), so every table's records go into one, at the end. */
		c->rs = rs;
		return c;
	}
	if (x->render) {
		/* One rendered table per source table, blank line between. */
		for (size_t i = 0, j; i < rs.n; i = j) {
			for (j = i; j < rs.n && rs.v[j].table == rs.v[i].table; j++)
				;
			dd_render_opts ro = {.width = x->width};
			dd_render_opts_of(&rs.v[i], j - i, &ro);
			if (x->style)
				ro.rst_simple = strcmp(x->style, "simple") == 0;
			size_t mark = c->text.len;
			if (c->n)
				dd_buf_putc(&c->text, '\n');
			if (dd_render_table_diag(x->rfmt, &rs.v[i], j - i, &ro, diags, &c->text) == 0)
				c->n++;
			else if (c->text.ptr) /* the format cannot hold it: said in diags */
				c->text.ptr[c->text.len = mark] = '\0';
		}
	} else {
		for (size_t i = 0; i < rs.n; i++)
			dd_list_put_record(x->fmt, &rs.v[i], &c->text);
		c->n = rs.n;
	}
	dd_records_free(&rs);
	return c;
}

/* Records are written as each file is done: memory stays flat. */
static void extract_take(void *vctx, void *result)
{
	extract_ctx *x = vctx;
	chunk *c = result;
	if (!c)
		return;
	if (c->rs.arena) {
		dd_records_adopt(&x->all, &c->rs);
	} else if (x->render && c->text.len) {
		if (x->ntables)
			fputc('\n', x->w.out);
		fwrite(c->text.ptr, 1, c->text.len, x->w.out);
		x->ntables += c->n;
	} else if (!x->render) {
		dd_list_write(&x->w, &c->text, c->n);
	}
	dd_buf_free(&c->text);
	free(c);
}

static int extract_run(const dd_opts *op, int npaths, char **paths);

int dd_cmd_extract(int argc, char **argv)
{
	dd_opts o;
	int first = dd_opts_parse(&o, argc, argv, DD_OPT_TO | DD_OPT_SERVICE | DD_OPT_LAYOUT | DD_OPT_KIND,
	                          dd_usage_text);
	int rc = first < 0 ? DD_EXIT_TROUBLE : extract_run(&o, argc - first, argv + first);
	dd_opts_free(&o);
	return rc;
}

static int extract_run(const dd_opts *op, int npaths, char **paths)
{
	const dd_opts o = *op;
	extract_ctx x = {.fmt = DD_LIST_JSON, .service = o.service, .kinds = o.kinds,
	                 .verbose = o.walk.verbose,
	                 .style = o.style, .width = o.width};
	if (o.to) {
		if (strcmp(o.to, "json") == 0)
			x.fmt = DD_LIST_JSON;
		else if (strcmp(o.to, "jsonl") == 0)
			x.fmt = DD_LIST_JSONL;
		else if (strcmp(o.to, "tsv") == 0)
			x.fmt = DD_LIST_TSV;
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
	if (x.render)
		x.w.out = out.fp;
	else
		dd_list_begin(&x.w, out.fp, x.fmt);
	dd_records_init(&x.all);
	dd_walk(paths, npaths, &o.walk, extract_work, extract_take, &x, &diags);
	if (!x.render)
		dd_list_end(&x.w);
	int keep = 1;
	if (x.render && x.rfmt == DD_RENDER_CSV) {
		/* one CSV table has one header: status codes' columns are not error codes' */
		size_t nerr = 0;
		for (size_t i = 0; i < x.all.n; i++)
			nerr += x.all.v[i].kind == DD_KIND_ERROR;
		if (nerr && nerr < x.all.n) {
			dd_diag(&diags, NULL, (size_t)-1, DD_ERROR, DD_E_OUTPUT,
			        "extract --to csv writes one table, and the input holds status-code and "
			        "error-code tables; expected --kind status or --kind error, or another "
			        "--to");
			keep = 0;
		} else {
			dd_buf b = DD_BUF_INIT;
			dd_render_table(DD_RENDER_CSV, x.all.v, x.all.n, NULL, &b);
			fwrite(b.ptr, 1, b.len, out.fp);
			dd_buf_free(&b);
		}
	}
	dd_records_free(&x.all);
	dd_diag_flush(&diags);
	int rc = diags.nerrors ? DD_EXIT_TROUBLE : DD_EXIT_SAME;
	dd_diag_summary(&diags);
	dd_diag_free(&diags);
	/* The listing is complete even when some input failed: keep it. */
	if (dd_outfile_close(&out, keep) != 0)
		return DD_EXIT_TROUBLE;
	return rc;
}
