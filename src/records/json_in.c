/* json_in.c - records read back from JSON: what `merge --to json` and
 * `extract --to json` write, one array of record objects:
 *
 *   [ {"key": "404", "name": "Not Found", "description": ["para", ...],
 *      "extra": [{"header": "Solution", "value": ["para"]}], "table": 1}, ... ]
 *
 * "key" is required (a status code or class, or with "kind": "error" an
 * error code); "name" a string, and "description" an array of strings (or
 * one string), may be absent or null, and so may an error code's "status"
 * (a string) and "solution" (as "description"); "table" (1-based) and "caption" are kept when present; every other
 * key ("file", "line", "service", ...) is ignored, so an extract listing
 * reads too. jansson parses and checks the syntax; since it keeps no
 * positions for values, a bad record is named by the position of its
 * element, found by one scan of the array. */
#include "records_internal.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

/* Offsets of the top-level array's elements in s[0..n) (valid JSON, an
 * array): one pass that skips strings and nested values. */
static size_t *element_offsets(const char *s, size_t n, size_t count)
{
	size_t *at = dd_xmalloc((count + 1) * sizeof *at), k = 0;
	int depth = 0, want = 0;
	for (size_t i = 0; i < n && k < count; i++) {
		char c = s[i];
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
			continue;
		if (want && depth == 1) {
			at[k++] = i;
			want = 0;
		}
		if (c == '"') {
			for (i++; i < n && s[i] != '"'; i++)
				if (s[i] == '\\')
					i++;
		} else if (c == '[' || c == '{') {
			if (++depth == 1)
				want = 1;
		} else if (c == ']' || c == '}') {
			depth--;
		} else if (c == ',' && depth == 1) {
			want = 1;
		}
	}
	while (k < count)
		at[k++] = 0;
	return at;
}

typedef struct reader {
	dd_source *src;
	dd_records *rs;
	dd_diag_sink *diags;
	size_t *at;
	size_t index;       /* the element being read */
} reader;

__attribute__((format(printf, 2, 3))) static int bad(reader *x, const char *fmt, ...)
{
	dd_buf b = DD_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	dd_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	dd_diag(x->diags, x->src, x->at[x->index], DD_ERROR, DD_E_JSON_RECORDS,
	        "record %zu: %s; expected an object like {\"key\": \"404\", \"name\": \"Not Found\", "
	        "\"description\": [\"...\"]}",
	        x->index + 1, b.ptr);
	dd_buf_free(&b);
	return -1;
}

/* Paragraphs from an array of strings or one string (empty ones dropped). */
static int paras_of(reader *x, const json_t *j, const char *what, dd_para **out, unsigned *n)
{
	*out = NULL;
	*n = 0;
	if (!j || json_is_null(j))
		return 0;
	size_t len = json_is_array(j) ? json_array_size(j) : 1;
	if (!json_is_array(j) && !json_is_string(j))
		return bad(x, "\"%s\" is not an array of strings", what);
	dd_para *p = dd_arena_alloc(x->rs->arena, (len + 1) * sizeof *p);
	for (size_t i = 0; i < len; i++) {
		const json_t *e = json_is_array(j) ? json_array_get(j, i) : j;
		if (!json_is_string(e))
			return bad(x, "element %zu of \"%s\" is not a string", i + 1, what);
		if (!json_string_length(e))
			continue;
		p[*n] = (dd_para){dd_arena_strndup(x->rs->arena, json_string_value(e),
		                                   json_string_length(e)),
		                  json_string_length(e), x->at[x->index]};
		(*n)++;
	}
	*out = p;
	return 0;
}

static const char *str_of(reader *x, const json_t *j, const char *what, int *err)
{
	if (!j || json_is_null(j))
		return NULL;
	if (!json_is_string(j)) {
		*err = bad(x, "\"%s\" is not a string", what);
		return NULL;
	}
	return dd_arena_strndup(x->rs->arena, json_string_value(j), json_string_length(j));
}

static int read_record(reader *x, const json_t *o)
{
	if (!json_is_object(o))
		return bad(x, "not an object");
	int err = 0;
	const char *key = str_of(x, json_object_get(o, "key"), "key", &err);
	char k[4];
	if (err)
		return -1;
	if (!key)
		return bad(x, "no \"key\"");
	dd_record r = {0};
	const char *kind = str_of(x, json_object_get(o, "kind"), "kind", &err);
	if (err)
		return -1;
	if (kind && dd_kind_parse(kind, &r.kind) < 0)
		return bad(x, "\"kind\" is \"%s\", not status or error", kind);
	if (r.kind == DD_KIND_ERROR) {
		if (!*key)
			return bad(x, "\"key\" is empty; an error code such as ELB.0002 is needed");
		r.key = key;
		const json_t *st = json_object_get(o, "status");
		r.status = str_of(x, st, "status", &err);
		if (err || paras_of(x, json_object_get(o, "solution"), "solution", &r.solution,
		                    &r.nsolution) < 0)
			return -1;
		r.has_status = r.status != NULL;
		r.has_solution = json_object_get(o, "solution") && !json_is_null(json_object_get(o, "solution"));
		if (!r.status)
			r.status = "";
	} else if (!dd_key_parse(key, strlen(key), k)) {
		return bad(x, "\"key\" is \"%s\", not a status code such as 404 or 4xx (an error "
		           "code's record says \"kind\": \"error\")", key);
	} else {
		r.key = dd_arena_strdup(x->rs->arena, k);
	}
	const json_t *name = json_object_get(o, "name"), *desc = json_object_get(o, "description");
	r.name = str_of(x, name, "name", &err);
	if (err || paras_of(x, desc, "description", &r.desc, &r.ndesc) < 0)
		return -1;
	r.has_name = name && !json_is_null(name);
	r.has_desc = desc && !json_is_null(desc);
	if (!r.name)
		r.name = "";
	r.caption = str_of(x, json_object_get(o, "caption"), "caption", &err);
	if (err)
		return -1;
	const json_t *tab = json_object_get(o, "table");
	if (tab && (!json_is_integer(tab) || json_integer_value(tab) < 1 ||
	            json_integer_value(tab) > 1000000))
		return bad(x, "\"table\" is not a table number (1, 2, ...)");
	r.table = tab ? (unsigned)json_integer_value(tab) - 1 : 0;
	const json_t *extra = json_object_get(o, "extra");
	if (extra && !json_is_null(extra)) {
		if (!json_is_array(extra))
			return bad(x, "\"extra\" is not an array of {\"header\", \"value\"} objects");
		r.nextra = (unsigned)json_array_size(extra);
		r.extra = dd_arena_alloc(x->rs->arena, (r.nextra + 1) * sizeof *r.extra);
		for (unsigned i = 0; i < r.nextra; i++) {
			const json_t *e = json_array_get(extra, i);
			if (!json_is_object(e))
				return bad(x, "element %u of \"extra\" is not an object", i + 1);
			r.extra[i].header = str_of(x, json_object_get(e, "header"), "header", &err);
			if (err || paras_of(x, json_object_get(e, "value"), "value", &r.extra[i].paras,
			                    &r.extra[i].npara) < 0)
				return -1;
			if (!r.extra[i].header)
				r.extra[i].header = "";
		}
	}
	r.service = "generic";
	r.file = dd_arena_strdup(x->rs->arena, x->src->name);
	r.format = "json";
	r.off = x->at[x->index];
	dd_source_pos(x->src, r.off, &r.line, &r.column);
	DD_GROW(x->rs->v, x->rs->n, x->rs->cap);
	x->rs->v[x->rs->n++] = r;
	return 0;
}

int dd_records_read_json(dd_source *src, dd_records *rs, dd_diag_sink *diags)
{
	json_error_t e;
	json_t *root = json_loadb(src->text, src->len, JSON_REJECT_DUPLICATES, &e);
	if (!root) {
		/* jansson's position is just past the character it stopped at */
		size_t at = e.position > 0 ? (size_t)e.position - 1 : 0;
		if (at > src->len)
			at = src->len;
		dd_diag(diags, src, at, DD_ERROR, DD_E_JSON_RECORDS,
		        "%s; expected a JSON array of records (what merge --to json writes)", e.text);
		return -1;
	}
	if (!json_is_array(root)) {
		json_decref(root);
		dd_diag(diags, src, 0, DD_ERROR, DD_E_JSON_RECORDS,
		        "not a JSON array; expected an array of records (what merge --to json writes)");
		return -1;
	}
	size_t n0 = rs->n, count = json_array_size(root);
	reader x = {src, rs, diags, element_offsets(src->text, src->len, count), 0};
	int rc = 0;
	for (; x.index < count && rc == 0; x.index++)
		rc = read_record(&x, json_array_get(root, x.index));
	free(x.at);
	json_decref(root);
	if (rc < 0) {
		rs->n = n0; /* never half a file */
		return -1;
	}
	return (int)(rs->n - n0);
}
