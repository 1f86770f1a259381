/* policy.c - severities per class, what is reported, and filtering a
 * reconciliation down to it. */
#include "gate_internal.h"

#include <fnmatch.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *dd_level_name(dd_level l)
{
	static const char *const names[DD_NLEVELS] = {"none", "note", "warning", "error"};
	return (unsigned)l < DD_NLEVELS ? names[l] : "?";
}

int dd_level_parse(const char *s, dd_level *out)
{
	for (int l = 0; l < DD_NLEVELS; l++)
		if (strcmp(s, dd_level_name((dd_level)l)) == 0) {
			*out = (dd_level)l;
			return 0;
		}
	return -1;
}

int dd_class_parse(const char *s, dd_class *out)
{
	for (int c = DD_CLASS_NONE + 1; c < DD_CLASS_COUNT; c++)
		if (strcmp(s, dd_class_name((dd_class)c)) == 0) {
			*out = (dd_class)c;
			return 0;
		}
	return -1;
}

/* By name, so classes added to the enum take their place here with one
 * line (and a unit test checks every class of the enum is listed). */
static const struct {
	const char *cls;
	dd_level level;
} default_levels[] = {
	{"missing", DD_LEVEL_ERROR},      {"extra", DD_LEVEL_ERROR},
	{"whitespace", DD_LEVEL_NOTE},    {"paragraphing", DD_LEVEL_NOTE},
	{"case", DD_LEVEL_NOTE},          {"punctuation", DD_LEVEL_WARNING},
	{"spacing", DD_LEVEL_WARNING},    {"truncation", DD_LEVEL_WARNING},
	{"substitution", DD_LEVEL_WARNING}, {"rewording", DD_LEVEL_WARNING},
	{"addition", DD_LEVEL_WARNING},   {"omission", DD_LEVEL_WARNING},
	/* a name that is not the registry's phrase (--reference iana) */
	{"reference", DD_LEVEL_WARNING},
	/* an error code's HTTP status: what a client acts on */
	{"changed", DD_LEVEL_ERROR},
};

int dd_gate_default_listed(dd_class c)
{
	for (size_t i = 0; i < sizeof default_levels / sizeof *default_levels; i++)
		if (strcmp(default_levels[i].cls, dd_class_name(c)) == 0)
			return 1;
	return 0;
}

dd_level dd_class_default_level(dd_class c)
{
	for (size_t i = 0; i < sizeof default_levels / sizeof *default_levels; i++)
		if (strcmp(default_levels[i].cls, dd_class_name(c)) == 0)
			return default_levels[i].level;
	return c == DD_CLASS_NONE ? DD_LEVEL_NONE : DD_LEVEL_WARNING;
}

const char *dd_class_list(void)
{
	static char list[256];
	if (!list[0]) {
		size_t n = 0;
		for (int c = DD_CLASS_NONE + 1; c < DD_CLASS_COUNT; c++)
			n += (size_t)snprintf(list + n, sizeof list - n, "%s%s", n ? ", " : "",
			                      dd_class_name((dd_class)c));
	}
	return list;
}

void dd_policy_init(dd_policy *p)
{
	memset(p, 0, sizeof *p);
	for (int c = 0; c < DD_CLASS_COUNT; c++) {
		p->level[c] = dd_class_default_level((dd_class)c);
		p->report[c] = c != DD_CLASS_NONE;
	}
	p->fail_on = DD_LEVEL_WARNING;
}

int dd_class_set_parse(const char *list, unsigned *set, char *bad, size_t badsz)
{
	*set = 0;
	const char *p = list;
	while (*p) {
		while (*p == ',' || *p == ' ' || *p == '\t')
			p++;
		size_t n = strcspn(p, ", \t");
		if (!n)
			break;
		char name[64];
		dd_class c;
		snprintf(name, sizeof name, "%.*s", (int)(n < 63 ? n : 63), p);
		if (n >= sizeof name || dd_class_parse(name, &c) < 0) {
			snprintf(bad, badsz, "%.*s", (int)n, p);
			return -1;
		}
		*set |= 1u << c;
		p += n;
	}
	return 0;
}

/* "4xx" stands for the class row and every 4nn code. */
static int class_glob(const char *g, const char *s)
{
	return g[0] >= '1' && g[0] <= '5' && (g[1] == 'x' || g[1] == 'X') &&
	       (g[2] == 'x' || g[2] == 'X') && !g[3] && s[0] == g[0] && strlen(s) == 3;
}

int dd_gate_glob_any(const char *const *globs, size_t n, const char *s)
{
	for (size_t i = 0; i < n; i++)
		if (fnmatch(globs[i], s, 0) == 0 || class_glob(globs[i], s))
			return 1;
	return 0;
}

int dd_code_glob_any(const char *const *globs, size_t n, const char *code)
{
	return dd_gate_glob_any(globs, n, code);
}

int dd_policy_reports(const dd_policy *p, const char *code, dd_class c)
{
	return p->report[c] && p->level[c] != DD_LEVEL_NONE &&
	       !dd_gate_glob_any(p->ignore_codes, p->nignore_codes, code);
}

int dd_policy_shows(const dd_policy *p, const dd_variant *v)
{
	return !p->nvariants || dd_gate_glob_any(p->variants, p->nvariants, v->label) ||
	       dd_gate_glob_any(p->variants, p->nvariants, v->file);
}

int dd_policy_narrowed(const dd_policy *p)
{
	return p->ncodes || p->nvariants;
}

/* Narrowed to some variants: the others' findings go, their states stay
 * (they are what the vote saw); the counts are of what is left. */
static void narrow_variants(const dd_policy *p, dd_recon *r)
{
	unsigned char *shown = dd_xcalloc(r->nvar + 1, 1);
	for (unsigned v = 0; v < r->nvar; v++)
		shown[v] = (unsigned char)dd_policy_shows(p, &r->var[v]);
	memset(r->count, 0, sizeof r->count);
	r->ndiffer = 0;
	for (size_t ci = 0; ci < r->ncodes; ci++) {
		dd_aligned *cd = &r->codes[ci];
		size_t nf = 0;
		for (size_t k = 0; k < cd->nf; k++) {
			const dd_finding *fd = &cd->f[k];
			if (!shown[fd->variant] && !(fd->neutral && fd->field >= 0 && shown[fd->against]))
				continue;
			if (!fd->systematic)
				r->count[fd->cls]++;
			cd->f[nf++] = *fd;
		}
		cd->nf = nf;
		r->ndiffer += nf > 0;
	}
	size_t ns = 0;
	for (size_t i = 0; i < r->nsys; i++) {
		dd_systematic *s = &r->sys[i];
		size_t nu = 0;
		for (size_t u = 0; u < s->nuses; u++)
			if (shown[s->uses[u].variant])
				s->uses[nu++] = s->uses[u];
		s->nuses = nu;
		if (nu)
			r->sys[ns++] = *s;
	}
	r->nsys = ns;
	free(shown);
}

void dd_policy_filter(const dd_policy *p, dd_recon *r)
{
	size_t nc = 0;
	for (size_t ci = 0; ci < r->ncodes; ci++) {
		dd_aligned *cd = &r->codes[ci];
		if (dd_gate_glob_any(p->ignore_codes, p->nignore_codes, cd->key) ||
		    (p->ncodes && !dd_gate_glob_any(p->codes, p->ncodes, cd->key)))
			continue;
		size_t nf = 0;
		for (size_t k = 0; k < cd->nf; k++)
			if (dd_policy_reports(p, cd->key, cd->f[k].cls))
				cd->f[nf++] = cd->f[k];
		cd->nf = nf;
		r->codes[nc++] = *cd;
	}
	r->ncodes = nc;
	/* a systematic substitution is reported as long as substitutions are,
	 * in the codes that are not ignored */
	size_t ns = 0;
	for (size_t i = 0; i < r->nsys; i++) {
		dd_systematic *s = &r->sys[i];
		size_t nu = 0;
		for (size_t u = 0; u < s->nuses; u++) {
			dd_sys_use *us = &s->uses[u];
			size_t n = 0;
			for (size_t k = 0; k < us->ncodes; k++)
				if (dd_policy_reports(p, us->codes[k], DD_CLASS_SUBSTITUTION) &&
				    (!p->ncodes || dd_gate_glob_any(p->codes, p->ncodes, us->codes[k])))
					us->codes[n++] = us->codes[k];
			us->ncodes = n;
			if (n)
				s->uses[nu++] = *us;
		}
		s->nuses = nu;
		if (nu)
			r->sys[ns++] = *s;
	}
	r->nsys = ns;
	dd_recon_recount(r);
	if (p->nvariants)
		narrow_variants(p, r);
}
