#include "core.h"

#include <string.h>

void dd_doc_init(dd_doc *doc, dd_source *src)
{
	memset(doc, 0, sizeof *doc);
	doc->src = src;
	doc->arena = dd_arena_new();
}

void dd_doc_free(dd_doc *doc)
{
	if (!doc)
		return;
	dd_arena_free(doc->arena);
	memset(doc, 0, sizeof *doc);
}

dd_table *dd_doc_add_table(dd_doc *doc, const char *format, size_t off, unsigned ncols)
{
	doc->tables = dd_arena_push(doc->arena, doc->tables, sizeof *doc->tables, doc->ntables);
	dd_table *t = &doc->tables[doc->ntables++];
	memset(t, 0, sizeof *t);
	t->format = format;
	t->off = off;
	t->ncols = ncols;
	return t;
}

dd_row *dd_table_add_row(dd_doc *doc, dd_table *t, size_t off)
{
	t->rows = dd_arena_push(doc->arena, t->rows, sizeof *t->rows, t->nrows);
	dd_row *r = &t->rows[t->nrows++];
	r->off = off;
	r->cells = dd_arena_alloc(doc->arena, (t->ncols ? t->ncols : 1) * sizeof *r->cells);
	for (unsigned c = 0; c < t->ncols; c++) {
		r->cells[c].rowspan = r->cells[c].colspan = 1;
		r->cells[c].off = off;
	}
	return r;
}

void dd_table_truncate(dd_table *t, unsigned nrows)
{
	if (nrows < t->nrows)
		t->nrows = nrows;
}

void dd_cell_add_para(dd_doc *doc, dd_cell *cell, const char *text, size_t len, size_t off)
{
	if (len == 0)
		return;
	if (cell->flags & DD_CELL_COVERED) /* shared storage: never grow through a mirror */
		dd_cell_copy_paras(doc, cell, cell->paras, cell->npara);
	cell->paras = dd_arena_push(doc->arena, cell->paras, sizeof *cell->paras, cell->npara);
	dd_para *p = &cell->paras[cell->npara++];
	p->text = dd_arena_strndup(doc->arena, text, len);
	p->len = len;
	p->off = off;
}

void dd_cell_copy_paras(dd_doc *doc, dd_cell *cell, const dd_para *paras, unsigned n)
{
	cell->paras = NULL;
	cell->npara = 0;
	for (unsigned i = 0; i < n; i++) {
		cell->paras = dd_arena_push(doc->arena, cell->paras, sizeof *cell->paras, cell->npara);
		cell->paras[cell->npara++] = paras[i];
	}
}

void dd_table_expand_span(dd_table *t, unsigned r, unsigned c)
{
	dd_cell *o = &t->rows[r].cells[c];
	unsigned re = r + (o->rowspan ? o->rowspan : 1), ce = c + (o->colspan ? o->colspan : 1);
	if (re > t->nrows)
		re = t->nrows;
	if (ce > t->ncols)
		ce = t->ncols;
	for (unsigned i = r; i < re; i++)
		for (unsigned j = c; j < ce; j++) {
			if (i == r && j == c)
				continue;
			dd_cell *x = &t->rows[i].cells[j];
			x->paras = o->paras;
			x->npara = o->npara;
			x->off = o->off;
			x->flags |= DD_CELL_COVERED;
		}
}

const char *dd_kind_name(dd_kind k)
{
	return k == DD_KIND_ERROR ? "error" : "status";
}

const char *dd_kind_noun(dd_kind k)
{
	return k == DD_KIND_ERROR ? "error code" : "status code";
}

int dd_kind_parse(const char *s, dd_kind *out)
{
	for (int k = 0; k < DD_NKINDS; k++)
		if (strcmp(s, dd_kind_name((dd_kind)k)) == 0) {
			*out = (dd_kind)k;
			return 0;
		}
	return -1;
}

const int *dd_role_order(dd_kind k, unsigned *n)
{
	/* most error-code appendices lead with the HTTP status ("Status Code |
	 * Error Code | Error Message | Description | Solution") */
	static const int status[] = {DD_ROLE_KEY, DD_ROLE_NAME, DD_ROLE_DESC};
	static const int error[] = {DD_ROLE_STATUS, DD_ROLE_KEY, DD_ROLE_NAME, DD_ROLE_DESC,
	                            DD_ROLE_SOLUTION};
	*n = k == DD_KIND_ERROR ? 5 : 3;
	return k == DD_KIND_ERROR ? error : status;
}
