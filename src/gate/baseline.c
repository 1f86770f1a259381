/* baseline.c - the baseline file: accepted findings by fingerprint.
 *
 *   {
 *     "schema": "docdrift-baseline/1",
 *     "findings": [
 *       {"fingerprint": "…", "code": "404", "file": "docs/a.md", "field": "description", …},
 *       …
 *     ]
 *   }
 *
 * One entry per line, so a pull request that changes it reviews line by
 * line. Reading is strict: a file that is not exactly this is an error at
 * file:line:col, never an empty baseline (jansson reads it; the streaming
 * writer, core.h dd_json, writes it). */
#include "gate_internal.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#define SCHEMA "docdrift-baseline/1"

void dd_baseline_init(dd_baseline *b, const char *path)
{
	memset(b, 0, sizeof *b);
	b->arena = dd_arena_new();
	b->path = dd_arena_strdup(b->arena, path);
}

void dd_baseline_free(dd_baseline *b)
{
	if (!b)
		return;
	free(b->by_fp);
	dd_arena_free(b->arena);
	memset(b, 0, sizeof *b);
}

/* Byte offset of the opening brace of element i of the array that is the
 * value of the root object's "findings" (the file parsed, so well-formed):
 * a scan that tracks strings and depth. */
static size_t element_offset(const char *s, size_t n, size_t want)
{
	int depth = 0, in_str = 0;
	size_t idx = 0;
	for (size_t i = 0; i < n; i++) {
		char c = s[i];
		if (in_str) {
			if (c == '\\')
				i++;
			else if (c == '"')
				in_str = 0;
			continue;
		}
		if (c == '"')
			in_str = 1;
		else if (c == '{' || c == '[') {
			if (depth == 2 && idx++ == want)
				return i;
			depth++;
		} else if (c == '}' || c == ']')
			depth--;
	}
	return 0;
}

static int is_fp(const char *s)
{
	size_t n = 0;
	for (; s[n]; n++)
		if (!((s[n] >= '0' && s[n] <= '9') || (s[n] >= 'a' && s[n] <= 'f')))
			return 0;
	return n == DD_FP_HEX;
}

static int fp_cmp(const void *x, const void *y, void *ctx)
{
	const dd_baseline *b = ctx;
	return strcmp(b->e[*(const size_t *)x].fingerprint, b->e[*(const size_t *)y].fingerprint);
}

void dd_baseline_index(dd_baseline *b)
{
	free(b->by_fp);
	b->by_fp = dd_xmalloc((b->n + 1) * sizeof *b->by_fp);
	for (size_t i = 0; i < b->n; i++)
		b->by_fp[i] = i;
	qsort_r(b->by_fp, b->n, sizeof *b->by_fp, fp_cmp, b);
}

dd_base_entry *dd_baseline_find(const dd_baseline *b, const char *fp)
{
	size_t lo = 0, hi = b->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(b->e[b->by_fp[mid]].fingerprint, fp);
		if (c == 0)
			return &b->e[b->by_fp[mid]];
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* The entry's string member key: required (or optional) string, or null
 * when nullable. Returns 0, or -1 with why in *why. */
static int member(dd_arena *a, json_t *o, const char *key, int required, int nullable,
                  const char **out, const char **why)
{
	json_t *v = json_object_get(o, key);
	*out = NULL;
	if (!v) {
		if (!required)
			return 0;
		*why = "is missing";
		return -1;
	}
	if (json_is_null(v) && nullable) {
		*out = "";
		return 0;
	}
	if (!json_is_string(v)) {
		*why = nullable ? "is not a string or null" : "is not a string";
		return -1;
	}
	*out = dd_arena_strdup(a, json_string_value(v));
	return 0;
}

static const char *const entry_keys[] = {"fingerprint", "code", "file", "field", "class",
                                          "note", "diff"};

static int read_entry(dd_baseline *b, json_t *o, dd_base_entry *e, const char **bad_key,
                      const char **why)
{
	const char *key;
	json_t *v;
	json_object_foreach(o, key, v) {
		size_t k = 0;
		while (k < sizeof entry_keys / sizeof *entry_keys && strcmp(key, entry_keys[k]) != 0)
			k++;
		if (k == sizeof entry_keys / sizeof *entry_keys) {
			*bad_key = key;
			*why = "is not a baseline key (expected fingerprint, code, file, field, class, "
			       "note, diff)";
			return -1;
		}
	}
	const char **dst[] = {&e->fingerprint, &e->code, &e->file, &e->field, &e->cls, &e->note,
	                      &e->diff};
	for (size_t k = 0; k < sizeof entry_keys / sizeof *entry_keys; k++) {
		*bad_key = entry_keys[k];
		if (member(b->arena, o, entry_keys[k], k < 5, k == 3, dst[k], why) < 0)
			return -1;
	}
	if (!is_fp(e->fingerprint)) {
		*bad_key = "fingerprint";
		*why = "is not 16 lower-case hex digits";
		return -1;
	}
	return 0;
}

int dd_baseline_read(dd_baseline *b, const char *path, dd_diag_sink *diags)
{
	dd_baseline_init(b, path);
	dd_diag_sink local;
	dd_diag_init(&local, diags->out);
	dd_source src;
	if (dd_source_load(&src, path, &local) < 0) {
		/* say what the file is for, not only that it cannot be opened */
		dd_diag_sink tmp;
		dd_diag_init(&tmp, diags->out);
		dd_diag_file(&tmp, path, DD_ERROR, DD_E_BASELINE,
		             "cannot read the baseline; expected a file written by `docdrift baseline` "
		             "(or pass --no-baseline)");
		dd_diag_append(diags, &local);
		dd_diag_append(diags, &tmp);
		dd_diag_free(&tmp);
		dd_diag_free(&local);
		dd_source_free(&src);
		return -1;
	}
	dd_diag_free(&local);
	json_error_t err;
	json_t *root = json_loadb(src.text, src.len, JSON_REJECT_DUPLICATES, &err);
	int rc = -1;
	if (!root) {
		size_t off = err.position > 0 ? (size_t)err.position : 0;
		if (off > src.len)
			off = src.len;
		/* jansson's position is just past the offending character */
		if (off > 0 && off == (size_t)err.position && off <= src.len && src.len)
			off--;
		dd_diag(diags, &src, off, DD_ERROR, DD_E_BASELINE,
		        "not a baseline: %s; expected the JSON `docdrift baseline` writes", err.text);
		goto out;
	}
	json_t *schema = json_object_get(root, "schema");
	json_t *findings = json_object_get(root, "findings");
	if (!json_is_object(root) || !json_is_string(schema) ||
	    strcmp(json_string_value(schema), SCHEMA) != 0 || !json_is_array(findings)) {
		dd_diag(diags, &src, 0, DD_ERROR, DD_E_BASELINE,
		        "not a baseline: expected an object with \"schema\": \"" SCHEMA
		        "\" and a \"findings\" array");
		goto out;
	}
	const char *key;
	json_t *v;
	json_object_foreach(root, key, v) {
		if (strcmp(key, "schema") != 0 && strcmp(key, "findings") != 0) {
			dd_diag(diags, &src, 0, DD_ERROR, DD_E_BASELINE,
			        "not a baseline: unknown key \"%s\"; expected only \"schema\" and "
			        "\"findings\"",
			        key);
			goto out;
		}
	}
	b->n = json_array_size(findings);
	b->e = dd_arena_alloc(b->arena, (b->n + 1) * sizeof *b->e);
	for (size_t i = 0; i < b->n; i++) {
		json_t *o = json_array_get(findings, i);
		dd_base_entry *e = &b->e[i];
		size_t off = element_offset(src.text, src.len, i);
		unsigned line, col;
		dd_source_pos(&src, off, &line, &col);
		e->line = line;
		const char *bad_key = NULL, *why = NULL;
		if (!json_is_object(o)) {
			dd_diag(diags, &src, off, DD_ERROR, DD_E_BASELINE,
			        "baseline entry %zu is not an object; expected {\"fingerprint\": …}", i + 1);
			goto out;
		}
		if (read_entry(b, o, e, &bad_key, &why) < 0) {
			dd_diag(diags, &src, off, DD_ERROR, DD_E_BASELINE,
			        "baseline entry %zu: \"%s\" %s", i + 1, bad_key, why);
			goto out;
		}
	}
	dd_baseline_index(b);
	for (size_t i = 1; i < b->n; i++)
		if (strcmp(b->e[b->by_fp[i - 1]].fingerprint, b->e[b->by_fp[i]].fingerprint) == 0) {
			const dd_base_entry *e = &b->e[b->by_fp[i] > b->by_fp[i - 1] ? b->by_fp[i]
			                                                              : b->by_fp[i - 1]];
			dd_diag(diags, &src, element_offset(src.text, src.len, (size_t)(e - b->e)),
			        DD_ERROR, DD_E_BASELINE,
			        "baseline entry %zu repeats fingerprint %s; expected each once",
			        (size_t)(e - b->e) + 1, e->fingerprint);
			goto out;
		}
	rc = 0;
out:
	if (rc < 0)
		b->n = 0;
	json_decref(root);
	dd_source_free(&src);
	return rc;
}

int dd_base_entry_cmp(const dd_base_entry *x, const dd_base_entry *y)
{
	int c = strcmp(x->file, y->file);
	if (!c)
		c = dd_code_cmp(x->code, y->code);
	if (!c)
		c = strcmp(x->field, y->field);
	if (!c)
		c = strcmp(x->cls, y->cls);
	return c ? c : strcmp(x->fingerprint, y->fingerprint);
}

void dd_baseline_write(const dd_baseline *b, dd_buf *out)
{
	dd_buf_puts(out, "{\n  \"schema\": \"" SCHEMA "\",\n  \"findings\": [");
	for (size_t i = 0; i < b->n; i++) {
		const dd_base_entry *e = &b->e[i];
		dd_buf_puts(out, i ? ",\n    " : "\n    ");
		/* one entry a line, as jansson's dump without layout flags wrote it */
		dd_json w;
		dd_json_init(&w, out, 0);
		dd_json_obj(&w, NULL);
		dd_json_str(&w, "fingerprint", e->fingerprint);
		dd_json_str(&w, "code", e->code);
		dd_json_str(&w, "file", e->file);
		if (*e->field)
			dd_json_str(&w, "field", e->field);
		else
			dd_json_null(&w, "field");
		dd_json_str(&w, "class", e->cls);
		dd_json_str(&w, "note", e->note);
		dd_json_str(&w, "diff", e->diff);
		dd_json_end(&w);
	}
	dd_buf_puts(out, b->n ? "\n  ]\n}\n" : "]\n}\n");
}
