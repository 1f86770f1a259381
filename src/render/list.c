#include "render.h"

#include <jansson.h>
#include <stdlib.h>

static json_t *paras_json(const dd_para *p, unsigned n)
{
	json_t *a = json_array();
	for (unsigned i = 0; i < n; i++)
		json_array_append_new(a, json_stringn(p[i].text, p[i].len));
	return a;
}

static json_t *record_json(const dd_record *r)
{
	json_t *o = json_object();
	json_object_set_new(o, "key", json_string(r->key));
	json_object_set_new(o, "kind", json_string(dd_kind_name(r->kind)));
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "description", paras_json(r->desc, r->ndesc));
	if (r->kind == DD_KIND_ERROR) {
		json_object_set_new(o, "status", r->has_status ? json_string(r->status) : json_null());
		if (r->has_solution)
			json_object_set_new(o, "solution", paras_json(r->solution, r->nsolution));
	}
	if (r->nextra) {
		json_t *ex = json_array();
		for (unsigned i = 0; i < r->nextra; i++) {
			json_t *f = json_object();
			json_object_set_new(f, "header", json_string(r->extra[i].header));
			json_object_set_new(f, "value", paras_json(r->extra[i].paras, r->extra[i].npara));
			json_array_append_new(ex, f);
		}
		json_object_set_new(o, "extra", ex);
	}
	json_object_set_new(o, "service", json_string(r->service));
	json_object_set_new(o, "page", r->page ? json_string(r->page) : json_null());
	json_object_set_new(o, "file", json_string(r->file));
	json_object_set_new(o, "line", json_integer(r->line));
	json_object_set_new(o, "column", json_integer(r->column));
	json_object_set_new(o, "format", json_string(r->format));
	json_object_set_new(o, "table", json_integer(r->table + 1));
	return o;
}

void dd_list_begin(dd_list_writer *w, FILE *out, dd_list_format fmt)
{
	w->out = out;
	w->fmt = fmt;
	w->count = 0;
	if (fmt == DD_LIST_JSON)
		fputs("[", out);
	else if (fmt == DD_LIST_TSV)
		fputs("file\tline\tcolumn\tservice\tpage\tkey\tname\tdescription\tkind\tstatus\n", out);
}

/* TSV cells escape \, tab and newline as \\, \t, \n; paragraphs are joined by \n. */
static void tsv_put(dd_buf *out, const char *s)
{
	for (const char *run = s;; s++) {
		if (*s && *s != '\\' && *s != '\t' && *s != '\n')
			continue;
		dd_buf_put(out, run, (size_t)(s - run));
		if (!*s)
			return;
		dd_buf_puts(out, *s == '\\' ? "\\\\" : *s == '\t' ? "\\t" : "\\n");
		run = s + 1;
	}
}

void dd_list_put_record(dd_list_format fmt, const dd_record *r, dd_buf *out)
{
	if (fmt == DD_LIST_TSV) {
		tsv_put(out, r->file);
		dd_buf_printf(out, "\t%u\t%u\t", r->line, r->column);
		tsv_put(out, r->service);
		dd_buf_putc(out, '\t');
		tsv_put(out, r->page ? r->page : "");
		dd_buf_putc(out, '\t');
		tsv_put(out, r->key);
		dd_buf_putc(out, '\t');
		tsv_put(out, r->name);
		dd_buf_putc(out, '\t');
		for (unsigned i = 0; i < r->ndesc; i++) {
			if (i)
				dd_buf_puts(out, "\\n");
			tsv_put(out, r->desc[i].text);
		}
		dd_buf_printf(out, "\t%s\t", dd_kind_name(r->kind));
		tsv_put(out, r->status ? r->status : "");
		dd_buf_putc(out, '\n');
		return;
	}
	json_t *o = record_json(r);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!s)
		dd_fatal_oom();
	if (fmt == DD_LIST_JSON)
		dd_buf_puts(out, ",\n");
	dd_buf_puts(out, s);
	if (fmt == DD_LIST_JSONL)
		dd_buf_putc(out, '\n');
	free(s);
}

void dd_list_write(dd_list_writer *w, const dd_buf *chunk, size_t nrecords)
{
	const char *p = chunk->ptr;
	size_t n = chunk->len;
	if (!n)
		return;
	if (w->fmt == DD_LIST_JSON && w->count == 0) {
		/* the array's first record has no comma before it */
		fputc('\n', w->out);
		p += 2;
		n -= 2;
	}
	fwrite(p, 1, n, w->out);
	w->count += nrecords;
}

void dd_list_end(dd_list_writer *w)
{
	if (w->fmt == DD_LIST_JSON)
		fputs(w->count ? "\n]\n" : "]\n", w->out);
}
