#include "output.h"

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
	json_object_set_new(o, "name", json_string(r->name));
	json_object_set_new(o, "description", paras_json(r->desc, r->ndesc));
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
		fputs("file\tline\tcolumn\tservice\tpage\tkey\tname\tdescription\n", out);
}

/* TSV cells escape \, tab and newline as \\, \t, \n; paragraphs are joined by \n. */
static void tsv_put(FILE *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '\\')
			fputs("\\\\", out);
		else if (*s == '\t')
			fputs("\\t", out);
		else if (*s == '\n')
			fputs("\\n", out);
		else
			fputc(*s, out);
	}
}

void dd_list_record(dd_list_writer *w, const dd_record *r)
{
	if (w->fmt == DD_LIST_TSV) {
		tsv_put(w->out, r->file);
		fprintf(w->out, "\t%u\t%u\t", r->line, r->column);
		tsv_put(w->out, r->service);
		fputc('\t', w->out);
		tsv_put(w->out, r->page ? r->page : "");
		fputc('\t', w->out);
		tsv_put(w->out, r->key);
		fputc('\t', w->out);
		tsv_put(w->out, r->name);
		fputc('\t', w->out);
		for (unsigned i = 0; i < r->ndesc; i++) {
			if (i)
				fputs("\\n", w->out);
			tsv_put(w->out, r->desc[i].text);
		}
		fputc('\n', w->out);
		w->count++;
		return;
	}
	json_t *o = record_json(r);
	char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	if (!s)
		dd_fatal_oom();
	if (w->fmt == DD_LIST_JSON)
		fputs(w->count ? ",\n" : "\n", w->out);
	fputs(s, w->out);
	if (w->fmt == DD_LIST_JSONL)
		fputc('\n', w->out);
	free(s);
	w->count++;
}

void dd_list_end(dd_list_writer *w)
{
	if (w->fmt == DD_LIST_JSON)
		fputs(w->count ? "\n]\n" : "]\n", w->out);
}
