/* concat.c - several reconciliations as one (dd_recon_concat): what the
 * gate and its reports read when a run reconciles families of documents
 * and kinds of table apart. Each part is copied shallowly: the structs
 * that hold variant indexes are copied with the indexes moved, everything
 * else (values, records, word diffs) is shared. */
#include "reconcile_internal.h"

#include <stdlib.h>
#include <string.h>

void dd_recon_concat(const dd_recon *const *parts, size_t n, dd_recon *out, unsigned **var_base,
                     size_t **code_base)
{
	memset(out, 0, sizeof *out);
	out->arena = dd_arena_new();
	out->kind = n ? parts[0]->kind : DD_KIND_STATUS;
	unsigned *vb = dd_xmalloc((n + 1) * sizeof *vb);
	size_t *cb = dd_xmalloc((n + 1) * sizeof *cb), nsys = 0;
	for (size_t i = 0; i < n; i++) {
		vb[i] = out->nvar;
		cb[i] = out->ncodes;
		out->nvar += parts[i]->nvar;
		out->ncodes += parts[i]->ncodes;
		nsys += parts[i]->nsys;
	}
	vb[n] = out->nvar;
	cb[n] = out->ncodes;
	dd_arena *a = out->arena;
	out->var = dd_arena_alloc(a, (out->nvar + 1) * sizeof *out->var);
	out->codes = dd_arena_alloc(a, (out->ncodes + 1) * sizeof *out->codes);
	out->sys = dd_arena_alloc(a, (nsys + 1) * sizeof *out->sys);
	for (size_t i = 0; i < n; i++) {
		const dd_recon *p = parts[i];
		unsigned base = vb[i];
		memcpy(out->var + base, p->var, p->nvar * sizeof *p->var);
		for (unsigned v = 0; v < p->nvar; v++)
			out->var[base + v].index += base;
		for (size_t ci = 0; ci < p->ncodes; ci++) {
			const dd_aligned *src = &p->codes[ci];
			dd_aligned *cd = &out->codes[cb[i] + ci];
			*cd = *src;
			cd->e = dd_arena_alloc(a, (src->n + 1) * sizeof *cd->e);
			for (unsigned k = 0; k < src->n; k++) {
				cd->e[k] = src->e[k];
				cd->e[k].variant += base;
			}
			for (int f = 0; f < DD_NFIELDS; f++) {
				const dd_canon *cn = &src->canon[f];
				unsigned *ag = dd_arena_alloc(a, (cn->support + 1) * sizeof *ag);
				for (unsigned k = 0; k < cn->support; k++)
					ag[k] = cn->agree[k] + base;
				cd->canon[f].agree = ag;
			}
			cd->f = dd_arena_alloc(a, (src->nf + 1) * sizeof *cd->f);
			for (size_t k = 0; k < src->nf; k++) {
				cd->f[k] = src->f[k];
				cd->f[k].variant += base;
				cd->f[k].against += base;
			}
		}
		for (size_t s = 0; s < p->nsys; s++) {
			dd_systematic *sy = &out->sys[out->nsys++];
			*sy = p->sys[s];
			dd_sys_use *u = dd_arena_alloc(a, (sy->nuses + 1) * sizeof *u);
			for (size_t k = 0; k < sy->nuses; k++) {
				u[k] = p->sys[s].uses[k];
				u[k].variant += base;
			}
			sy->uses = u;
		}
		for (int c = 0; c < DD_CLASS_COUNT; c++)
			out->count[c] += p->count[c];
		out->ndiffer += p->ndiffer;
		out->iana |= p->iana;
	}
	if (var_base)
		*var_base = vb;
	else
		free(vb);
	if (code_base)
		*code_base = cb;
	else
		free(cb);
}
