/* gate.c - every finding of a reconciliation with its level, fingerprint
 * and state against the baseline and the suppressions; the verdict. */
#include "gate_internal.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

const char *dd_gate_state_name(dd_gate_state s)
{
	static const char *const names[] = {"open", "new", "accepted", "suppressed"};
	return names[s];
}

/* v's paragraphs joined by newlines: its one paragraph itself (values
 * outlive the gate), else a copy in a. */
static const char *joined(dd_arena *a, const dd_value *v)
{
	if (!v || !v->npara)
		return "";
	if (v->npara == 1)
		return v->paras[0];
	dd_buf b = DD_BUF_INIT;
	for (unsigned p = 0; p < v->npara; p++) {
		if (p)
			dd_buf_putc(&b, '\n');
		dd_buf_puts(&b, v->paras[p]);
	}
	const char *s = dd_arena_strdup(a, b.ptr ? b.ptr : "");
	dd_buf_free(&b);
	return s;
}

static const dd_suppression *suppressed_by(const dd_gate *g, const dd_aligned *cd,
                                           const dd_finding *fd)
{
	const dd_policy *p = g->p;
	for (size_t i = 0; i < p->nsupp; i++) {
		const dd_suppression *s = &p->supp[i];
		if (s->classes && !(s->classes & (1u << fd->cls)))
			continue;
		if (s->ncodes && !dd_gate_glob_any(s->codes, s->ncodes, cd->key))
			continue;
		if (s->nvariants && !dd_gate_glob_any(s->variants, s->nvariants, g->ident[fd->variant]) &&
		    !dd_gate_glob_any(s->labels, s->nvariants, g->r->var[fd->variant].label))
			continue;
		return s;
	}
	return NULL;
}

/* A baseline entry the run could not have matched (its class is not
 * reported, its code ignored) is out of scope, not fixed. */
static int in_scope(const dd_policy *p, const dd_base_entry *e)
{
	dd_class c;
	if (dd_class_parse(e->cls, &c) == 0 && (!p->report[c] || p->level[c] == DD_LEVEL_NONE))
		return 0;
	return !dd_gate_glob_any(p->ignore_codes, p->nignore_codes, e->code);
}

/* The fingerprints of code ci's items (SHA-256: a tenth of a whole diff
 * run on one thread), on the -j threads. */
static void fingerprint_code(void *ctx, unsigned worker, size_t ci)
{
	dd_gate *g = ctx;
	const dd_aligned *cd = &g->r->codes[ci];
	for (size_t k = g->first[ci]; k < g->first[ci + 1]; k++) {
		dd_gate_item *it = &g->items[k];
		const dd_finding *fd = it->fd;
		dd_fingerprint(cd->key, g->ident[fd->variant], fd->field < 0 ? "" : dd_field_name(fd->field),
		               dd_class_name(fd->cls), it->canonical, it->text, it->fp);
	}
}

void dd_gate_build(dd_gate *g, const dd_recon *r, const dd_policy *p, const dd_baseline *base,
                   const char *root, unsigned threads)
{
	memset(g, 0, sizeof *g);
	g->arena = dd_arena_new();
	g->r = r;
	g->p = p;
	g->root = root;
	g->base = base;
	g->ident = dd_arena_alloc(g->arena, (r->nvar + 1) * sizeof *g->ident);
	for (unsigned v = 0; v < r->nvar; v++)
		g->ident[v] = dd_identity(g->arena, root, r->var[v].file);
	g->first = dd_arena_alloc(g->arena, (r->ncodes + 1) * sizeof *g->first);
	size_t n = 0;
	for (size_t ci = 0; ci < r->ncodes; ci++)
		n += r->codes[ci].nf;
	g->items = dd_arena_alloc(g->arena, (n + 1) * sizeof *g->items);
	g->supp_hits = dd_arena_alloc(g->arena, (p->nsupp + 1) * sizeof *g->supp_hits);
	for (size_t ci = 0; ci < r->ncodes; ci++) {
		const dd_aligned *cd = &r->codes[ci];
		g->first[ci] = g->n;
		const char *canon[DD_NFIELDS] = {NULL}; /* joined once per code */
		for (size_t k = 0; k < cd->nf; k++) {
			const dd_finding *fd = &cd->f[k];
			dd_gate_item *it = &g->items[g->n++];
			it->code = ci;
			it->fd = fd;
			it->level = p->level[fd->cls];
			int code_level = fd->field < 0;
			if (!code_level && !canon[fd->field])
				canon[fd->field] = joined(g->arena, cd->canon[fd->field].value);
			it->canonical = code_level ? "" : canon[fd->field];
			it->text = code_level ? "" : joined(g->arena, fd->value);
		}
	}
	g->first[r->ncodes] = g->n;
	dd_parallel_for(r->ncodes, threads, fingerprint_code, g);
	for (size_t ci = 0; ci < r->ncodes; ci++) {
		const dd_aligned *cd = &r->codes[ci];
		for (size_t k = g->first[ci]; k < g->first[ci + 1]; k++) {
			dd_gate_item *it = &g->items[k];
			const dd_finding *fd = it->fd;
			dd_base_entry *e = base ? dd_baseline_find(base, it->fp) : NULL;
			if (e)
				e->seen = 1;
			it->supp = suppressed_by(g, cd, fd);
			if (it->supp) {
				it->state = DD_GATE_SUPPRESSED;
				g->supp_hits[it->supp - p->supp]++;
			} else
				it->state = !base ? DD_GATE_OPEN : e ? DD_GATE_ACCEPTED : DD_GATE_NEW;
			g->count[it->state][it->level]++;
		}
	}
	if (base) {
		g->fixed = dd_arena_alloc(g->arena, (base->n + 1) * sizeof *g->fixed);
		for (size_t i = 0; i < base->n; i++)
			if (!base->e[i].seen && in_scope(p, &base->e[i]))
				g->fixed[g->nfixed++] = &base->e[i];
	}
}

void dd_gate_free(dd_gate *g)
{
	if (!g)
		return;
	dd_arena_free(g->arena);
	memset(g, 0, sizeof *g);
}

void dd_gate_view(const dd_gate *all, const dd_recon *part, unsigned var_base, size_t code_base,
                  dd_gate *view)
{
	memset(view, 0, sizeof *view);
	view->r = part;
	view->p = all->p;
	view->root = all->root;
	view->ident = all->ident + var_base;
	view->items = all->items; /* first[] holds indexes into all's items */
	view->n = all->first[code_base + part->ncodes] - all->first[code_base];
	view->first = all->first + code_base;
	view->base = all->base;
	view->strict = all->strict;
}

const dd_gate_item *dd_gate_item_of(const dd_gate *g, size_t ci, size_t k)
{
	return &g->items[g->first[ci] + k];
}

int dd_gate_item_fails(const dd_gate *g, const dd_gate_item *it)
{
	if (it->state == DD_GATE_ACCEPTED || it->state == DD_GATE_SUPPRESSED)
		return 0;
	return g->p->fail_on != DD_LEVEL_NONE && it->level >= g->p->fail_on;
}

size_t dd_gate_failures(const dd_gate *g)
{
	size_t n = 0;
	for (size_t i = 0; i < g->n; i++)
		n += (size_t)dd_gate_item_fails(g, &g->items[i]);
	if (g->strict && g->p->fail_on != DD_LEVEL_NONE)
		n += g->nfixed;
	return n;
}

int dd_gate_status(const dd_gate *g)
{
	return dd_gate_failures(g) ? 1 : 0;
}

static int by_severity(const void *x, const void *y, void *ctx)
{
	const dd_gate *g = ctx;
	size_t i = *(const size_t *)x, j = *(const size_t *)y;
	const dd_gate_item *a = &g->items[i], *b = &g->items[j];
	if (a->level != b->level)
		return a->level > b->level ? -1 : 1;
	int na = a->state == DD_GATE_NEW || a->state == DD_GATE_OPEN;
	int nb = b->state == DD_GATE_NEW || b->state == DD_GATE_OPEN;
	if (na != nb)
		return na ? -1 : 1;
	return (i > j) - (i < j);
}

size_t *dd_gate_by_severity(const dd_gate *g)
{
	size_t *v = dd_xmalloc((g->n + 1) * sizeof *v);
	for (size_t i = 0; i < g->n; i++)
		v[i] = i;
	qsort_r(v, g->n, sizeof *v, by_severity, (void *)g);
	return v;
}
