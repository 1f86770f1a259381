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
 * Built with jansson (compact, insertion order kept, UTF-8 as is), so the
 * output is deterministic. There is no place for a caption. */
#include "render_internal.h"

#include <jansson.h>
#include <stdlib.h>
#include <string.h>

static json_t *str(const char *s, size_t n)
{
	json_t *j = json_stringn(s ? s : "", s ? n : 0);
	if (!j)
		dd_fatal_oom(); /* text is valid UTF-8, so only memory can fail */
	return j;
}

static json_t *paras(const dd_para *p, unsigned n)
{
	json_t *a = json_array();
	if (!a)
		dd_fatal_oom();
	for (unsigned i = 0; p && i < n; i++)
		json_array_append_new(a, str(p[i].text, p[i].len));
	return a;
}

static json_t *record(const dd_record *r, int table, const char *family)
{
	json_t *o = json_object();
	if (!o)
		dd_fatal_oom();
	json_object_set_new(o, "key", str(r->key, r->key ? strlen(r->key) : 0));
	json_object_set_new(o, "kind", json_string(dd_kind_name(r->kind)));
	json_object_set_new(o, "name", str(r->name, r->name ? strlen(r->name) : 0));
	json_object_set_new(o, "description", paras(r->desc, r->ndesc));
	if (r->kind == DD_KIND_ERROR) {
		json_object_set_new(o, "status", r->has_status ? str(r->status, strlen(r->status))
		                                              : json_null());
		if (r->has_solution)
			json_object_set_new(o, "solution", paras(r->solution, r->nsolution));
	}
	if (r->nextra) {
		json_t *ex = json_array();
		if (!ex)
			dd_fatal_oom();
		for (unsigned e = 0; e < r->nextra; e++) {
			const dd_field *f = &r->extra[e];
			json_t *fo = json_object();
			if (!fo)
				dd_fatal_oom();
			json_object_set_new(fo, "header",
			                    str(f->header, f->header ? strlen(f->header) : 0));
			json_object_set_new(fo, "value", paras(f->paras, f->npara));
			json_array_append_new(ex, fo);
		}
		json_object_set_new(o, "extra", ex);
	}
	if (table)
		json_object_set_new(o, "table", json_integer((json_int_t)r->table + 1));
	if (family)
		json_object_set_new(o, "family", json_string(family));
	return o;
}

void dd_render_json(const dd_rtable *t, dd_buf *out)
{
	if (t->nrows == 0) {
		dd_buf_puts(out, "[]\n");
		return;
	}
	dd_buf_puts(out, "[\n");
	for (size_t r = 0; r < t->nrows; r++) {
		json_t *o = record(&t->recs[r], t->o->json_table, t->o->family);
		char *s = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
		json_decref(o);
		if (!s)
			dd_fatal_oom();
		dd_buf_puts(out, s);
		free(s);
		dd_buf_puts(out, r + 1 < t->nrows ? ",\n" : "\n");
	}
	dd_buf_puts(out, "]\n");
}
