/* variants.c - a label for every variant: its service, service:page when
 * several documents share a service, --label overrides. */
#include "reconcile_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* The file's name without directory and extension, escaped as
 * diagnostics print names (a newline would break the report's lines). */
static const char *base_name(dd_arena *a, const char *path)
{
	const char *s = strrchr(path, '/');
	s = s ? s + 1 : path;
	const char *dot = strrchr(s, '.');
	const char *stem = dd_arena_strndup(a, s, dot && dot != s ? (size_t)(dot - s) : strlen(s));
	dd_buf b = DD_BUF_INIT;
	dd_diag_put_name(&b, stem);
	const char *r = strcmp(b.ptr, stem) == 0 ? stem : dd_arena_strdup(a, b.ptr);
	dd_buf_free(&b);
	return r;
}

static int var_label_cmp(const void *x, const void *y)
{
	const dd_variant *a = x, *b = y;
	int c = strcmp(a->label, b->label);
	return c ? c : (a->index > b->index) - (a->index < b->index);
}

int dd_prefer_matches(const char *p, const dd_variant *v)
{
	size_t n = strlen(p);
	return strcmp(p, v->label) == 0 || strcmp(p, v->service) == 0 ||
	       (strncmp(p, v->label, n) == 0 && v->label[n] == '/');
}

int rc_prefer_rank(const dd_recon_opts *o, const dd_variant *v)
{
	for (size_t i = 0; o && i < o->nprefer; i++)
		if (dd_prefer_matches(o->prefer[i], v))
			return (int)i;
	return INT_MAX;
}

/* Labels every variant; returns -1 after reporting a bad --label. */
int rc_label_variants(build *bd, dd_variant *var, unsigned nvar)
{
	dd_recon *r = bd->r;
	/* how many documents share each service */
	intern svc = RC_INTERN_INIT;
	unsigned *per = dd_xcalloc(nvar + 1, sizeof *per);
	uint32_t *sv = dd_xcalloc(nvar + 1, sizeof *sv);
	for (unsigned i = 0; i < nvar; i++) {
		sv[i] = rc_intern_str(&svc, var[i].service);
		per[sv[i]]++;
	}
	for (unsigned i = 0; i < nvar; i++) {
		dd_variant *v = &var[i];
		if (per[sv[i]] == 1) {
			v->label = v->service;
			continue;
		}
		dd_buf b = DD_BUF_INIT;
		dd_buf_printf(&b, "%s:%s", v->service, v->page ? v->page : base_name(r->arena, v->file));
		v->label = dd_arena_strdup(r->arena, b.ptr);
		dd_buf_free(&b);
	}
	rc_intern_free(&svc);
	free(per);
	free(sv);
	int bad = 0;
	for (size_t i = 0; bd->o && i < bd->o->nlabels; i++) {
		const dd_label_opt *l = &bd->o->labels[i];
		unsigned hit = 0;
		for (unsigned j = 0; j < nvar; j++)
			if (strcmp(var[j].file, l->path) == 0) {
				if (var[j].given && strcmp(var[j].given, l->name) != 0) {
					dd_diag_file(bd->diags, l->path, DD_ERROR, DD_E_LABEL,
					             "--label gives this document two labels, '%s' and '%s'; "
					             "expected one label per document",
					             var[j].given, l->name);
					bad = 1;
				}
				var[j].label = var[j].given = l->name;
				hit++;
			}
		if (!hit) {
			dd_diag_file(bd->diags, l->path, DD_ERROR, DD_E_LABEL,
			             "--label %s=%s names no input document with a status-code or "
			             "error-code table; expected PATH exactly as read (a file given or found "
			             "in a directory)",
			             l->name, l->path);
			bad = 1;
		}
	}
	if (bad)
		return -1;
	for (size_t i = 0; bd->o && !bd->o->quiet_prefer && i < bd->o->nprefer; i++) {
		unsigned hit = 0;
		for (unsigned j = 0; j < nvar && !hit; j++)
			hit = dd_prefer_matches(bd->o->prefer[i], &var[j]);
		if (!hit)
			dd_diag(bd->diags, NULL, (size_t)-1, DD_WARNING, DD_W_PREFER,
			        "--prefer '%s' matches no variant; expected a label or a service of the "
			        "inputs",
			        bd->o->prefer[i]);
	}
	/* unique labels: an explicit duplicate is an error, a derived one gets #n */
	qsort(var, nvar, sizeof *var, var_label_cmp);
	for (unsigned i = 1; i < nvar; i++) {
		const dd_variant *p = &var[i - 1], *v = &var[i];
		if (strcmp(v->label, p->label) != 0 || (!p->given && !v->given))
			continue;
		if (p->given && v->given)
			dd_diag_file(bd->diags, v->file, DD_ERROR, DD_E_LABEL,
			             "label '%s' is given to two documents (%s and %s); "
			             "expected one label per document",
			             v->label, p->file, v->file);
		else
			dd_diag_file(bd->diags, p->given ? p->file : v->file, DD_ERROR, DD_E_LABEL,
			             "--label '%s' is also the label docdrift derives for %s; "
			             "expected a label no other document has (or label %s too)",
			             v->label, p->given ? v->file : p->file, p->given ? v->file : p->file);
		return -1;
	}
	for (unsigned i = 0; i < nvar;) {
		unsigned j = i + 1;
		while (j < nvar && strcmp(var[j].label, var[i].label) == 0)
			j++;
		for (unsigned k = i + 1; k < j; k++) {
			dd_buf b = DD_BUF_INIT;
			dd_buf_printf(&b, "%s#%u", var[i].label, k - i + 1);
			var[k].label = dd_arena_strdup(r->arena, b.ptr);
			dd_buf_free(&b);
		}
		i = j;
	}
	qsort(var, nvar, sizeof *var, var_label_cmp);
	return 0;
}
