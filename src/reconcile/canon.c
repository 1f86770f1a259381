/* canon.c - the canonical wording of a field: a reference's, else the
 * majority's, then the medoid and --prefer among tied wordings; when
 * nothing decides, none (no variant is taken to be wrong). */
#include "reconcile_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct voter {
	unsigned entry;
	uint32_t group, form;
	int prefer;
	unsigned index;
} voter;

typedef struct wording {
	size_t first, count;     /* run in the sorted voters */
	int prefer;              /* best rank among its members */
	unsigned index;          /* earliest input index among its members */
	size_t dist;             /* medoid: total distance to every other voter */
	int alive;
} wording;

static int voter_cmp_group(const void *x, const void *y)
{
	const voter *a = x, *b = y;
	if (a->group != b->group)
		return a->group < b->group ? -1 : 1;
	if (a->prefer != b->prefer)
		return a->prefer < b->prefer ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

static int voter_cmp_form(const void *x, const void *y)
{
	const voter *a = x, *b = y;
	if (a->form != b->form)
		return a->form < b->form ? -1 : 1;
	if (a->prefer != b->prefer)
		return a->prefer < b->prefer ? -1 : 1;
	return (a->index > b->index) - (a->index < b->index);
}

/* Word-level edit distance on comparison keys; paragraph breaks are left out,
 * as they are from the vote. */
static size_t key_distance(dd_recon_ctx *c, const dd_value *a, const dd_value *b)
{
	rc_project(a, RC_SKIP_BREAK | RC_USE_KEY, &c->a);
	rc_project(b, RC_SKIP_BREAK | RC_USE_KEY, &c->b);
	return dd_diff(c->a.v, c->a.n, c->b.v, c->b.n, &c->s);
}

/* Tie-break keys of a wording: the least wins. */
static size_t by_dist(const wording *w)
{
	return w->dist;
}

static size_t by_prefer(const wording *w)
{
	return (size_t)w->prefer;
}

static size_t by_index(const wording *w)
{
	return w->index;
}

/* The least key among the alive wordings. */
static size_t least(const wording *w, size_t nw, size_t (*key)(const wording *))
{
	size_t min = SIZE_MAX;
	for (size_t i = 0; i < nw; i++)
		if (w[i].alive && key(&w[i]) < min)
			min = key(&w[i]);
	return min;
}

/* Keeps alive only the alive wordings of least key; returns how many. */
static size_t keep_least(wording *w, size_t nw, size_t (*key)(const wording *))
{
	size_t min = least(w, nw, key), alive = 0;
	for (size_t i = 0; i < nw; i++)
		if (w[i].alive && (w[i].alive = key(&w[i]) == min))
			alive++;
	return alive;
}

void rc_choose(build *bd, dd_aligned *cd, int f)
{
	dd_recon *r = bd->r;
	dd_canon *cn = &cd->canon[f];
	memset(cn, 0, sizeof *cn);
	voter *vt = dd_xmalloc((cd->n + 1) * sizeof *vt);
	size_t nv = 0;
	for (unsigned i = 0; i < cd->n; i++) {
		const dd_value *v = cd->e[i].f[f];
		if (!v->ntok)
			continue;
		const dd_variant *var = &r->var[cd->e[i].variant];
		vt[nv++] = (voter){i, v->group, v->form, var->prefer_rank, var->index};
	}
	cn->voters = (unsigned)nv;
	if (cd->ref[f]) { /* a reference wins outright */
		cn->value = cd->ref[f];
		cn->chosen = DD_CHOSEN_REFERENCE;
		cn->source = cd->ref_src[f];
		cn->agree = dd_arena_alloc(bd->arena, (nv + 1) * sizeof *cn->agree);
		for (unsigned i = 0; i < cd->n; i++)
			if (cd->e[i].f[f]->ntok && cd->e[i].f[f]->group == cn->value->group) {
				if (!cn->support)
					cn->entry = i;
				cn->agree[cn->support++] = cd->e[i].variant;
			}
		free(vt);
		return;
	}
	if (!nv) {
		free(vt);
		return;
	}
	qsort(vt, nv, sizeof *vt, voter_cmp_group);
	wording *w = dd_xmalloc(nv * sizeof *w);
	size_t nw = 0, best = 0;
	for (size_t i = 0; i < nv;) {
		size_t j = i;
		unsigned idx = vt[i].index;
		while (j < nv && vt[j].group == vt[i].group) {
			if (vt[j].index < idx)
				idx = vt[j].index;
			j++;
		}
		w[nw] = (wording){i, j - i, vt[i].prefer, idx, 0, 0};
		if (w[nw].count > best)
			best = w[nw].count;
		nw++;
		i = j;
	}
	size_t alive = 0;
	for (size_t i = 0; i < nw; i++)
		if ((w[i].alive = w[i].count == best))
			alive++;
	dd_choice how = nw == 1 ? DD_CHOSEN_ONLY : DD_CHOSEN_MAJORITY;
	/* every wording held by one variant (two variants that differ): no
	 * majority, and no medoid either: the middle one of three is not "right" */
	if (alive > 1 && best > 1 && nw <= DD_MEDOID_MAX_WORDINGS) {
		for (size_t i = 0; i < nw; i++) {
			if (!w[i].alive)
				continue;
			const dd_value *a = cd->e[vt[w[i].first].entry].f[f];
			for (size_t j = 0; j < nw; j++)
				if (j != i)
					w[i].dist += w[j].count *
					             key_distance(bd->c, a, cd->e[vt[w[j].first].entry].f[f]);
		}
		alive = keep_least(w, nw, by_dist);
		how = DD_CHOSEN_MEDOID;
	}
	if (alive > 1 && least(w, nw, by_prefer) != INT_MAX) {
		alive = keep_least(w, nw, by_prefer);
		how = DD_CHOSEN_PREFER;
	}
	if (alive > 1) {
		/* Input order must not decide whom the report blames: the earliest
		 * document's wording is only where the word diffs start. */
		keep_least(w, nw, by_index);
		how = DD_CHOSEN_NONE;
	}
	size_t win = 0;
	while (!w[win].alive)
		win++;
	/* the display form: the commonest in the winning wording */
	voter *m = vt + w[win].first;
	size_t nm = w[win].count;
	qsort(m, nm, sizeof *m, voter_cmp_form);
	size_t pick = 0, pickn = 0;
	for (size_t i = 0; i < nm;) {
		size_t j = i;
		while (j < nm && m[j].form == m[i].form)
			j++;
		if (j - i > pickn || (j - i == pickn && (m[i].prefer < m[pick].prefer ||
		                                         (m[i].prefer == m[pick].prefer &&
		                                          m[i].index < m[pick].index)))) {
			pick = i;
			pickn = j - i;
		}
		i = j;
	}
	/* within a form, the best (prefer, input order) member */
	cn->entry = m[pick].entry;
	cn->value = cd->e[cn->entry].f[f];
	cn->chosen = how;
	/* Support counts the wording (paragraph breaks aside); a supporter that
	 * paragraphs it differently still gets its own paragraphing finding. */
	cn->agree = dd_arena_alloc(bd->arena, nm * sizeof *cn->agree);
	for (unsigned i = 0; i < cd->n; i++)
		if (cd->e[i].f[f]->ntok && cd->e[i].f[f]->group == cn->value->group)
			cn->agree[cn->support++] = cd->e[i].variant;
	free(w);
	free(vt);
}
