/* list.c - extract's listings: records as JSON, JSON Lines or TSV. */
#include "render_internal.h"

/* A record as one compact JSON object, written as it goes (core.h dd_json:
 * the bytes jansson's JSON_COMPACT | JSON_PRESERVE_ORDER dump of the same
 * object gave, without building it): merge's fields, then where it is. */
static void record_json(const dd_record *r, dd_buf *out)
{
	dd_json w;
	dd_json_init(&w, out, DD_JSON_COMPACT);
	dd_json_obj(&w, NULL);
	dd_render_json_fields(&w, r);
	dd_json_str(&w, "service", r->service);
	if (r->page)
		dd_json_str(&w, "page", r->page);
	else
		dd_json_null(&w, "page");
	dd_json_str(&w, "file", r->file);
	dd_json_int(&w, "line", r->line);
	dd_json_int(&w, "column", r->column);
	dd_json_str(&w, "format", r->format);
	dd_json_int(&w, "table", (long long)(r->table + 1));
	dd_json_end(&w);
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
	if (fmt == DD_LIST_JSON)
		dd_buf_puts(out, ",\n");
	record_json(r, out);
	if (fmt == DD_LIST_JSONL)
		dd_buf_putc(out, '\n');
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
