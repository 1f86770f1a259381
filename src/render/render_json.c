/* render_json.c - an array of records, one per line, keys in a fixed order:
 *
 *   [
 *   {"key":"404","kind":"status","name":"Not Found","description":["First.","Second."]},
 *   {"key":"409","kind":"status","name":"Conflict","description":[],"extra":[{"header":"Fix","value":["Retry."]}]}
 *   {"key":"ELB.0002","kind":"error","name":"Bad request.","description":[],"status":"400","solution":["Retry."]}
 *   ]
 *
 * "status" (a string, null when the table has no status column) and
 * "solution" (when it has that column) are an error code's.
 * "extra" appears when the record has extra fields, with its own fields in
 * its own order (the table union of the other formats is not needed here);
 * "table" (1-based) when dd_render_opts.json_table asks for it (a merge of
 * several tables).
 * Written by the streaming writer (core.h dd_json: the bytes of jansson's
 * compact dump, insertion order kept, UTF-8 as is), so the output is
 * deterministic. There is no place for a caption. */
#include "render_internal.h"

static void paras(dd_json *w, const char *key, const dd_para *p, unsigned n)
{
	dd_json_arr(w, key);
	for (unsigned i = 0; p && i < n; i++)
		dd_json_strn(w, NULL, p[i].text ? p[i].text : "", p[i].text ? p[i].len : 0);
	dd_json_end(w);
}

/* s, or "" for NULL (the key stays, unlike dd_json_str's NULL) */
static void str(dd_json *w, const char *key, const char *s)
{
	dd_json_str(w, key, s ? s : "");
}

void dd_render_json_fields(dd_json *w, const dd_record *r)
{
	str(w, "key", r->key);
	dd_json_str(w, "kind", dd_kind_name(r->kind));
	str(w, "name", r->name);
	paras(w, "description", r->desc, r->ndesc);
	if (r->kind == DD_KIND_ERROR) {
		if (r->has_status)
			str(w, "status", r->status);
		else
			dd_json_null(w, "status");
		if (r->has_solution)
			paras(w, "solution", r->solution, r->nsolution);
	}
	if (r->nextra) {
		dd_json_arr(w, "extra");
		for (unsigned e = 0; e < r->nextra; e++) {
			const dd_field *f = &r->extra[e];
			dd_json_obj(w, NULL);
			str(w, "header", f->header);
			paras(w, "value", f->paras, f->npara);
			dd_json_end(w);
		}
		dd_json_end(w);
	}
}

static void record(const dd_record *r, int table, const char *family, dd_buf *out)
{
	dd_json w;
	dd_json_init(&w, out, DD_JSON_COMPACT);
	dd_json_obj(&w, NULL);
	dd_render_json_fields(&w, r);
	if (table)
		dd_json_int(&w, "table", (long long)r->table + 1);
	dd_json_str(&w, "family", family);
	dd_json_end(&w);
}

void dd_render_json(const dd_rtable *t, dd_buf *out)
{
	if (t->nrows == 0) {
		dd_buf_puts(out, "[]\n");
		return;
	}
	dd_buf_puts(out, "[\n");
	for (size_t r = 0; r < t->nrows; r++) {
		record(&t->recs[r], t->o->json_table, t->o->family, out);
		dd_buf_puts(out, r + 1 < t->nrows ? ",\n" : "\n");
	}
	dd_buf_puts(out, "]\n");
}
