/* run.c - one run's settings: the command line over .docdrift.ini over the
 * defaults (the policy, the inputs, labels, --prefer, the baseline path). */
#include "cli_internal.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

static int parse_classes(const char *opt, const char *v, unsigned *set)
{
	char bad[64];
	if (dd_class_set_parse(v, set, bad, sizeof bad) < 0)
		return dd_usage_error("unknown class '%s' in %s; expected a comma-separated list of %s",
		                      bad, opt, dd_class_list()),
		       -1;
	return 0;
}

static int apply_policy(dd_run *run)
{
	dd_opts *o = &run->o;
	dd_config *c = &run->cfg;
	dd_policy *p = &run->policy;
	dd_policy_init(p);
	for (int k = 0; k < DD_CLASS_COUNT; k++)
		if (c->level_at[k].line)
			p->level[k] = c->level[k];
	if (o->fail_on) {
		if (dd_level_parse(o->fail_on, &p->fail_on) < 0)
			return dd_usage_error("bad --fail-on '%s'; expected error, warning, note or none",
			                      o->fail_on),
			       -1;
		run->fail_on_at = (dd_origin){"command line", 0};
	} else if (c->fail_on_at.file) {
		p->fail_on = c->fail_on;
		run->fail_on_at = c->fail_on_at;
	}
	unsigned only = c->only_classes, ignore = c->ignore_classes;
	if (o->only && parse_classes("--only", o->only, &only) < 0)
		return -1;
	if (o->ignore && parse_classes("--ignore", o->ignore, &ignore) < 0)
		return -1;
	for (int k = DD_CLASS_NONE + 1; k < DD_CLASS_COUNT; k++)
		p->report[k] = (!only || (only & (1u << k))) && !(ignore & (1u << k));
	p->ignore_codes = c->ignore_codes;
	p->nignore_codes = c->nignore_codes;
	p->supp = c->supp;
	p->nsupp = c->nsupp;
	p->codes = o->codes;
	p->ncodes = o->ncodes;
	p->variants = o->variants;
	p->nvariants = o->nvariants;
	return 0;
}

int dd_run_setup(dd_run *run, int argc, char **argv, unsigned allowed, const char *help,
                 int need_inputs)
{
	memset(run, 0, sizeof *run);
	dd_config_init(&run->cfg);
	dd_diag_init(&run->diags, stderr);
	run->first = dd_opts_parse(&run->o, argc, argv, allowed, help);
	if (run->first < 0)
		return DD_EXIT_TROUBLE;
	dd_opts *o = &run->o;
	run->diags.verbose = o->walk.verbose;
	if ((allowed & DD_OPT_CONFIG) && !o->no_config &&
	    dd_config_load(&run->cfg, o->config, &run->diags) < 0) {
		dd_diag_flush(&run->diags);
		return DD_EXIT_TROUBLE;
	}
	if (apply_policy(run) < 0)
		return DD_EXIT_TROUBLE;
	dd_config *c = &run->cfg;
	run->root = dd_identity_root(c->path ? c->dir : NULL);
	if (!o->nprefer && c->nprefer) {
		o->prefer = c->prefer;
		o->nprefer = c->nprefer;
	}
	if (!o->nrefs && c->nrefs && (allowed & DD_OPT_REFERENCE)) {
		o->refs = c->refs;
		o->nrefs = c->nrefs;
	}
	if (o->baseline) {
		run->baseline_path = o->baseline;
		run->baseline_at = (dd_origin){"command line", 0};
	} else if (c->baseline) {
		run->baseline_path = c->baseline;
		run->baseline_at = c->baseline_at;
	} else if (c->path && strcmp(c->dir, ".") != 0) {
		dd_buf b = DD_BUF_INIT;
		dd_buf_printf(&b, "%s/%s", c->dir, DD_BASELINE_DEFAULT);
		run->baseline_path = dd_arena_strdup(o->arena, b.ptr);
		dd_buf_free(&b);
	} else
		run->baseline_path = DD_BASELINE_DEFAULT;
	if (run->first < argc) {
		run->paths = (const char **)(argv + run->first);
		run->npaths = (size_t)(argc - run->first);
	} else if (c->ninputs) {
		int rc = dd_config_expand_inputs(c, o->arena, &run->paths, &run->npaths);
		dd_diag_flush(&run->diags);
		if (rc < 0)
			return DD_EXIT_TROUBLE;
	} else if (need_inputs) {
		dd_usage_error("%s: no input; give a file, a directory or - for stdin (or input = "
		               "PATH in .docdrift.ini)",
		               argv[0]);
		return DD_EXIT_TROUBLE;
	}
	return 0;
}

void dd_run_free(dd_run *run)
{
	if (!run)
		return;
	free(run->root);
	dd_diag_summary(&run->diags);
	dd_diag_free(&run->diags);
	dd_config_free(&run->cfg);
	dd_opts_free(&run->o);
	run->root = NULL;
}

const char *dd_tidy_path(dd_arena *a, const char *s)
{
	char *t = dd_arena_strdup(a, s);
	size_t n = 0;
	for (const char *p = s; *p;) {
		if ((p == s || p[-1] == '/') && p[0] == '.' && p[1] == '/') {
			p += 2;
			continue;
		}
		if (*p == '/' && n && t[n - 1] == '/') {
			p++;
			continue;
		}
		t[n++] = *p++;
	}
	t[n] = '\0';
	return t;
}

int dd_run_labels(dd_run *run, const dd_records *rs)
{
	dd_opts *o = &run->o;
	dd_config *c = &run->cfg;
	int rc = 0;
	for (size_t i = 0; i < c->nlabels; i++) {
		const dd_cfg_label *l = &c->labels[i];
		const char *glob = dd_tidy_path(o->arena, l->glob);
		const char *hit = NULL, *hit2 = NULL;
		size_t nhit = 0;
		for (size_t k = 0; k < rs->n; k++) {
			const char *f = rs->v[k].file;
			if ((k && strcmp(f, rs->v[k - 1].file) == 0) || (hit && strcmp(f, hit) == 0))
				continue;
			if (fnmatch(glob, dd_tidy_path(o->arena, f), 0) != 0)
				continue;
			if (!hit)
				hit = f;
			else if (!hit2)
				hit2 = f;
			nhit++;
		}
		if (nhit != 1) {
			if (nhit == 0)
				dd_config_diag(c, l->at.line, DD_ERROR, DD_E_CONFIG_LABEL,
				               "label %s = %s names no input document with a status-code "
				               "table; expected a path or glob (relative to this file) of one",
				               l->name, l->glob);
			else
				dd_config_diag(c, l->at.line, DD_ERROR, DD_E_CONFIG_LABEL,
				               "label %s = %s names %zu documents (%s, %s%s); a label names "
				               "one document",
				               l->name, l->glob, nhit, hit, hit2, nhit > 2 ? ", ..." : "");
			rc = -1;
			continue;
		}
		int given = 0;
		for (size_t k = 0; k < o->nlabels; k++)
			given |= strcmp(o->labels[k].path, hit) == 0;
		if (given)
			continue; /* --label on the command line wins */
		o->labels = dd_arena_grow(o->arena, o->labels, sizeof *o->labels, o->nlabels,
		                          &o->labcap, o->nlabels + 1);
		o->labels[o->nlabels].name = l->name;
		o->labels[o->nlabels++].path = hit;
	}
	return rc;
}

void dd_run_unused_suppressions(dd_run *run, const dd_gate *g)
{
	for (size_t i = 0; i < g->p->nsupp; i++)
		if (!g->supp_hits[i])
			dd_config_diag(&run->cfg, g->p->supp[i].line, DD_WARNING, DD_W_SUPPRESS_UNUSED,
			               "[suppress %s] matches no finding; remove it, or fix its code, "
			               "variant or class",
			               g->p->supp[i].name);
}

void dd_run_unused_narrowing(dd_run *run, const dd_recon *const *rv, size_t nr)
{
	const dd_opts *o = &run->o;
	size_t ncodes = 0;
	unsigned nvar = 0;
	const char *eg = "";
	for (size_t k = 0; k < nr; k++) {
		ncodes += rv[k]->ncodes;
		nvar += rv[k]->nvar;
		if (!*eg && rv[k]->nvar)
			eg = rv[k]->var[0].label;
	}
	for (size_t i = 0; i < o->ncodes; i++) {
		int hit = 0;
		for (size_t k = 0; k < nr && !hit; k++)
			for (size_t ci = 0; ci < rv[k]->ncodes && !hit; ci++)
				hit = dd_code_glob_any(&o->codes[i], 1, rv[k]->codes[ci].key);
		if (!hit)
			dd_diag(&run->diags, NULL, (size_t)-1, DD_WARNING, DD_W_NARROW_UNUSED,
			        "--code %s matches none of the %zu codes; expected a code (404), a "
			        "class (4xx) or a glob (40?)",
			        o->codes[i], ncodes);
	}
	for (size_t i = 0; i < o->nvariants; i++) {
		dd_policy one = run->policy;
		one.variants = &o->variants[i];
		one.nvariants = 1;
		int hit = 0;
		for (size_t k = 0; k < nr && !hit; k++)
			for (unsigned v = 0; v < rv[k]->nvar && !hit; v++)
				hit = dd_policy_shows(&one, &rv[k]->var[v]);
		if (!hit)
			dd_diag(&run->diags, NULL, (size_t)-1, DD_WARNING, DD_W_NARROW_UNUSED,
			        "--variant %s matches none of the %u variants' labels or files; expected "
			        "a label (%s) or a glob",
			        o->variants[i], nvar, eg);
	}
}
