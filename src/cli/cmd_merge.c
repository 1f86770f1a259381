/* cmd_merge.c - `docdrift merge`: the canonical merged tables. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

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

static void table_opts(const dd_merged_table *t, const dd_opts *o, dd_render_opts *ro)
{
	*ro = (dd_render_opts){.caption = t->caption, .caption_markup = t->caption_markup,
	                       .join_name = (unsigned char)t->joined,
	                       .no_name = (unsigned char)t->no_name,
	                       .no_desc = (unsigned char)t->no_desc,
	                       .no_status = (unsigned char)t->no_status,
	                       .no_solution = (unsigned char)t->no_solution,
	                       .rst_simple = (unsigned char)t->simple, .width = o->width};
	for (int k = 0; k < DD_NROLES; k++)
		ro->heads[k] = t->head[k];
	ro->colw = t->colw;
	ro->ncolw = t->ncolw;
	ro->colgap = t->colgap;
	if (o->style)
		ro->rst_simple = strcmp(o->style, "simple") == 0;
}

/* The merged tables of r, in fmt; family: the "family" of every JSON record
 * (NULL: none). */
static void merge_one(dd_run *run, const dd_recon *r, dd_render_format fmt, const char *family,
                      dd_buf *out)
{
	const dd_opts *o = &run->o;
	dd_merge_opts mo = {o->names && strcmp(o->names, "iana") == 0, o->min_support};
	dd_merged_table *t;
	size_t nt = dd_recon_merge(r, &mo, o->arena, &t, &run->diags);
	dd_diag_flush(&run->diags);
	dd_render_opts ro;
	if (fmt == DD_RENDER_CSV || fmt == DD_RENDER_JSON || nt <= 1) {
		/* one table (csv: one header; json: one array, "table" saying which) */
		size_t n = 0;
		for (size_t i = 0; i < nt; i++)
			n += t[i].n;
		dd_record *all = dd_arena_alloc(o->arena, (n + 1) * sizeof *all);
		n = 0;
		for (size_t i = 0; i < nt; i++)
			for (size_t k = 0; k < t[i].n; k++)
				all[n++] = t[i].recs[k];
		if (nt)
			table_opts(&t[0], o, &ro);
		else
			ro = (dd_render_opts){.width = o->width};
		ro.json_table = nt > 1;
		ro.family = family;
		/* a table the format cannot hold is a DD-005 error: no output */
		dd_render_table_diag(fmt, all, n, &ro, &run->diags, out);
		return;
	}
	for (size_t i = 0; i < nt; i++) {
		table_opts(&t[i], o, &ro);
		if (i)
			dd_buf_putc(out, '\n');
		dd_render_table_diag(fmt, t[i].recs, t[i].n, &ro, &run->diags, out);
	}
}

/* A part's heading in the output's own syntax: "## api/errors.rst: error codes". */
static void part_heading(dd_render_format fmt, const char *family, dd_kind kind, dd_buf *out)
{
	dd_buf title = DD_BUF_INIT;
	const char *what = kind == DD_KIND_ERROR ? "error codes" : "status codes";
	if (family)
		dd_buf_printf(&title, "%s: %s", family, what);
	else
		dd_buf_printf(&title, "%c%s", kind == DD_KIND_ERROR ? 'E' : 'S', what + 1);
	if (fmt == DD_RENDER_MD) {
		dd_buf_printf(out, "## %s\n\n", title.ptr);
	} else if (fmt == DD_RENDER_RST) {
		dd_buf_printf(out, "%s\n", title.ptr);
		for (size_t i = dd_utf8_count(title.ptr, title.len); i > 0; i--)
			dd_buf_putc(out, '=');
		dd_buf_puts(out, "\n\n");
	} else {
		dd_buf_puts(out, "<h2>");
		for (const char *p = title.ptr; *p; p++)
			dd_buf_puts(out, *p == '<' ? "&lt;" : *p == '>' ? "&gt;" : *p == '&' ? "&amp;"
			                                                              : (char[]){*p, 0});
		dd_buf_puts(out, "</h2>\n");
	}
	dd_buf_free(&title);
}

static void merge_write(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g,
                        int to, const char *path, dd_buf *out, FILE *fp)
{
	(void)g, (void)path, (void)fp;
	dd_render_format fmt = (dd_render_format)to;
	const dd_sections *S = c->secs;
	if (!S || !S->multi) {
		merge_one(run, r, fmt, NULL, out);
		return;
	}
	if (fmt == DD_RENDER_CSV) {
		dd_diag(&run->diags, NULL, (size_t)-1, DD_ERROR, DD_E_OUTPUT,
		        "merge --to csv writes one table, and this run has %zu parts (families of "
		        "copies, kinds of table); expected one part (--kind status or error, no "
		        "--pair or --group) or --to json, md, rst or html",
		        S->n);
		c->failed = 1;
		return;
	}
	if (fmt == DD_RENDER_JSON)
		dd_buf_puts(out, "[\n");
	size_t nrec = 0;
	for (size_t i = 0; i < S->n; i++) {
		const dd_section *sec = &S->v[i];
		const char *family = S->fams.fam[sec->fam].name;
		if (fmt == DD_RENDER_JSON) {
			/* one array: each part's records, with their family */
			dd_buf part = DD_BUF_INIT;
			merge_one(run, &sec->r, fmt, family, &part);
			if (part.len > 3) {
				dd_buf_puts(out, nrec++ ? ",\n" : "");
				dd_buf_put(out, part.ptr + 2, part.len - 5); /* inside "[\n" ... "\n]\n" */
			}
			dd_buf_free(&part);
			continue;
		}
		if (i)
			dd_buf_putc(out, '\n');
		part_heading(fmt, family, sec->kind, out);
		merge_one(run, &sec->r, fmt, NULL, out);
	}
	if (fmt == DD_RENDER_JSON)
		dd_buf_puts(out, nrec ? "\n]\n" : "]\n");
}

static int merge_status(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g)
{
	return DD_EXIT_SAME;
}

int dd_cmd_merge(int argc, char **argv)
{
	dd_recon_cmd c = {
		.allowed = DD_OPT_TO | DD_OPT_PREFER | DD_OPT_LABEL | DD_OPT_CONFIG | DD_OPT_REFERENCE |
		           DD_OPT_LAYOUT | DD_OPT_MERGE | DD_OPT_KIND | DD_OPT_FAMILY,
		.help = dd_reconcile_help,
		.default_to = "md",
		.format = merge_format,
		.write = merge_write,
		.status = merge_status,
	};
	return dd_recon_cmd_run(&c, argc, argv);
}
