/* reconcile.c - alignment by code, canonical values, difference classes.
 *
 * Everything is hashed or sorted by key: records are bucketed by code with
 * one sort, wordings of one field are grouped by an interned key sequence,
 * and distinct variant wordings are classified once per code. The only
 * pairwise work is the medoid among tied wordings (bounded by
 * DD_MEDOID_MAX_WORDINGS). */
#include "reconcile_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ---- names ---- */

const char *dd_class_name(dd_class c)
{
	static const char *const names[DD_CLASS_COUNT] = {
		"none", "missing", "extra", "whitespace", "paragraphing", "case",
		"punctuation", "spacing", "truncation", "substitution", "rewording",
		"addition", "omission", "reference", "changed",
	};
	return c < DD_CLASS_COUNT ? names[c] : "?";
}

const char *dd_field_name(int field)
{
	static const char *const names[DD_NFIELDS] = {"name", "description", "status", "solution"};
	return field >= 0 && field < DD_NFIELDS ? names[field] : "code";
}

int dd_record_has_field(const dd_record *rec, int f)
{
	switch (f) {
	case DD_FIELD_NAME: return rec->has_name;
	case DD_FIELD_DESC: return rec->has_desc;
	case DD_FIELD_STATUS: return rec->has_status;
	case DD_FIELD_SOLUTION: return rec->has_solution;
	}
	return 0;
}

int dd_class_has_similarity(dd_class c)
{
	return c >= DD_CLASS_TRUNCATION && c != DD_CLASS_REFERENCE && c != DD_CLASS_CHANGED;
}

const char *dd_choice_name(dd_choice c)
{
	static const char *const names[] = {"only",   "majority",  "medoid", "prefer",
	                                    "order",  "reference", "none"};
	return c <= DD_CHOSEN_NONE ? names[c] : "?";
}

int dd_code_cmp(const char *a, const char *b)
{
	size_t la = strlen(a), lb = strlen(b);
	if (la != lb)
		return la < lb ? -1 : 1;
	return strcmp(a, b);
}

/* ---- the whole run ---- */

typedef struct slot {
	uint32_t code;       /* rank in code order */
	unsigned variant;    /* rank in label order */
	size_t rec;
} slot;

static int slot_cmp(const void *x, const void *y)
{
	const slot *a = x, *b = y;
	if (a->code != b->code)
		return a->code < b->code ? -1 : 1;
	if (a->variant != b->variant)
		return a->variant < b->variant ? -1 : 1;
	return (a->rec > b->rec) - (a->rec < b->rec);
}

/* Field f of rec as paragraphs, *n of them: in one[0], or in a malloc'd
 * array (the caller frees what is not one). A field its table lacks is
 * empty. */
static const char **field_paras(const dd_record *rec, int f, const char **one, unsigned *n)
{
	if (f == DD_FIELD_NAME || f == DD_FIELD_STATUS) {
		const char *t = f == DD_FIELD_NAME ? rec->name : rec->status;
		*one = t ? t : "";
		*n = f == DD_FIELD_NAME || **one ? 1 : 0;
		return one;
	}
	const dd_para *d = f == DD_FIELD_DESC ? rec->desc : rec->solution;
	*n = f == DD_FIELD_DESC ? rec->ndesc : rec->nsolution;
	const char **p = dd_xmalloc((*n + 1) * sizeof *p);
	for (unsigned i = 0; i < *n; i++)
		p[i] = d[i].text ? d[i].text : "";
	return p;
}

/* The id of the value of paras in bd->vals; a new one is made at once
 * (out, when not NULL, gets a copy), or with bd->pend_on only listed in
 * bd->pend (field f of rec) to be made by make_pending. */
static uint32_t cached_value(build *bd, const char *const *paras, unsigned npara, dd_value *out,
                             const dd_record *rec, int f)
{
	/* key: each paragraph as a 4-byte length and its bytes */
	dd_buf_reset(&bd->vkey);
	for (unsigned i = 0; i < npara; i++) {
		uint32_t n = (uint32_t)strlen(paras[i]);
		dd_buf_put(&bd->vkey, (const char *)&n, sizeof n);
		dd_buf_put(&bd->vkey, paras[i], n);
	}
	uint32_t id = rc_intern_get(&bd->vtext, bd->vkey.ptr ? bd->vkey.ptr : "", bd->vkey.len);
	if (id < bd->nvals) {
		if (out)
			*out = bd->vals[id];
		return id;
	}
	DD_GROW(bd->vals, bd->nvals, bd->vcap);
	if (bd->pend_on) {
		DD_GROW(bd->pend, bd->npend, bd->pendcap);
		bd->pend[bd->npend++] = (rc_pending){id, f, rec};
		memset(&bd->vals[bd->nvals++], 0, sizeof *bd->vals);
		return id;
	}
	dd_value_make(bd->c, bd->r->arena, paras, npara, &bd->vals[bd->nvals]);
	if (out)
		*out = bd->vals[bd->nvals];
	bd->nvals++;
	return id;
}

/* The values of rec's fields; their ids in id[DD_NFIELDS] when not NULL. */
static void record_values(build *bd, const dd_record *rec, dd_value *out, uint32_t *id)
{
	for (int f = 0; f < DD_NFIELDS; f++) {
		const char *one, **p;
		unsigned n;
		p = field_paras(rec, f, &one, &n);
		uint32_t k = cached_value(bd, p, n, out ? &out[f] : NULL, rec, f);
		if (id)
			id[f] = k;
		if (p != &one)
			free(p);
	}
}

/* n builds for the -j threads: [0] is bd itself, the others get a
 * classification scratch and an arena of their own, so nothing a worker
 * writes is shared. */
static build *workers_new(const build *bd, unsigned n)
{
	build *w = dd_xcalloc(n, sizeof *w);
	w[0] = *bd;
	for (unsigned t = 1; t < n; t++)
		w[t] = (build){.r = bd->r, .o = bd->o, .diags = bd->diags, .c = dd_recon_ctx_new(),
		               .arena = dd_arena_new(), .superseded = bd->superseded};
	return w;
}

/* What the workers made moves into the run's arena; bd keeps [0]'s scratch. */
static void workers_free(build *bd, build *w, unsigned n)
{
	bd->fbuf = w[0].fbuf;
	bd->fcap = w[0].fcap;
	for (unsigned t = 1; t < n; t++) {
		dd_arena_adopt(bd->r->arena, w[t].arena);
		dd_recon_ctx_free(w[t].c);
		free(w[t].fbuf);
	}
	free(w);
}

/* The tokens of the pending values, on the -j threads; then their ids,
 * interned on this one in the order they were met (as dd_value_make would
 * have made them one by one). */
typedef struct pend_work {
	const rc_pending *pend;
	dd_value *vals;
	build *w;            /* per worker */
	dd_arena **keys;     /* per worker: the tokens' keys until they are interned */
} pend_work;

static void pend_task(void *ctx, unsigned worker, size_t i)
{
	pend_work *pw = ctx;
	const rc_pending *p = &pw->pend[i];
	const build *w = &pw->w[worker];
	const char *one, **paras;
	unsigned n;
	paras = field_paras(p->rec, p->field, &one, &n);
	rc_value_tokens(w->c, w->arena, pw->keys[worker], paras, n, 1, &pw->vals[p->id]);
	if (paras != &one)
		free(paras);
}

static void make_pending(build *bd, unsigned nthreads)
{
	if (nthreads < 1)
		nthreads = 1;
	pend_work pw = {bd->pend, bd->vals, workers_new(bd, nthreads),
	                dd_xcalloc(nthreads, sizeof *pw.keys)};
	for (unsigned t = 0; t < nthreads; t++)
		pw.keys[t] = dd_arena_new();
	dd_parallel_for(bd->npend, nthreads, pend_task, &pw);
	workers_free(bd, pw.w, nthreads);
	for (size_t i = 0; i < bd->npend; i++)
		rc_value_ids(bd->c, bd->r->arena, &bd->vals[bd->pend[i].id]);
	for (unsigned t = 0; t < nthreads; t++)
		dd_arena_free(pw.keys[t]);
	free(pw.keys);
	free(bd->pend);
	bd->pend = NULL;
	bd->npend = bd->pendcap = 0;
	bd->pend_on = 0;
}

/* The status code a status value starts with ("429", "403 Forbidden"),
 * into k[4]; 0 when it starts with none. */
static int leading_code(const dd_value *v, char k[4])
{
	if (!v->ntok || v->tok[0].kind != DD_TOK_NUMBER)
		return 0;
	return dd_key_parse(v->tok[0].text, v->tok[0].len, k);
}

typedef struct fcache {
	uint32_t form;
	size_t finding;      /* index into the code's findings */
} fcache;

/* Finding fd of field f against canonical cv, by what chose cv: the IANA
 * registry's phrase gives the reference class and a reason, no canonical
 * (DD_CHOSEN_NONE) makes the finding neutral. */
static void field_finding(build *bd, const dd_aligned *cd, int f, dd_finding *fd)
{
	const dd_canon *cn = &cd->canon[f];
	rc_make_finding(bd, fd, cn->value, fd->value);
	char ka[4], kb[4];
	if (f == DD_FIELD_STATUS && fd->cls != DD_CLASS_NONE &&
	    (!leading_code(cn->value, ka) || !leading_code(fd->value, kb) || strcmp(ka, kb) != 0)) {
		/* another HTTP status, not another wording of one ("403" and
		 * "403 Forbidden" differ by an addition) */
		fd->cls = DD_CLASS_CHANGED;
		fd->similarity = 0;
	}
	if (cn->chosen == DD_CHOSEN_REFERENCE && cn->source && strcmp(cn->source, DD_IANA) == 0) {
		fd->reason = rc_iana_reason(bd->c, bd->superseded, cd->key, cn->value, fd->value,
		                            &fd->phrase_of);
		fd->cls = DD_CLASS_REFERENCE;
	}
}

/* The findings of code cd against its canonical values. They are made in
 * the build's scratch array, sized for the worst case (every entry differing
 * in every field), and kept at their exact size: most entries agree. */
void rc_make_findings(build *bd, dd_aligned *cd)
{
	dd_recon *r = bd->r;
	size_t cap = (cd->extra ? 0 : r->nvar - cd->n) + (size_t)cd->n * (1 + DD_NFIELDS);
	if (cap + 1 > bd->fcap) {
		free(bd->fbuf);
		bd->fcap = cap + 1;
		bd->fbuf = dd_xmalloc(bd->fcap * sizeof *bd->fbuf);
	}
	dd_finding *fv = bd->fbuf;
	size_t nf = 0;
	if (!cd->extra) {
		unsigned k = 0;
		for (unsigned v = 0; v < r->nvar; v++) {
			if (k < cd->n && cd->e[k].variant == v) {
				k++;
				continue;
			}
			fv[nf++] = (dd_finding){.variant = v, .field = -1, .cls = DD_CLASS_MISSING,
			                        .neutral = cd->split};
		}
	}
	fcache *cache = dd_xmalloc((cd->n + 1) * DD_NFIELDS * sizeof *cache);
	size_t ncache = 0;
	for (unsigned i = 0; i < cd->n; i++) {
		dd_entry *e = &cd->e[i];
		if (cd->extra)
			fv[nf++] = (dd_finding){.variant = e->variant, .field = -1,
			                        .cls = DD_CLASS_EXTRA, .rec = e->rec};
		for (int f = 0; f < DD_NFIELDS; f++) {
			const dd_canon *cn = &cd->canon[f];
			const dd_value *cv = cn->value, *v = e->f[f];
			if (!cv || v->form == cv->form)
				continue;
			if (!v->ntok && !dd_record_has_field(e->rec, f))
				continue; /* no such column: nothing to compare */
			dd_finding *fd = &fv[nf];
			*fd = (dd_finding){.variant = e->variant, .field = f, .value = v, .rec = e->rec};
			if (cn->chosen == DD_CHOSEN_NONE && !cn->ncorr) {
				fd->neutral = 1;
				fd->against = cd->e[cn->entry].variant;
			}
			if (!v->ntok) { /* the column is there, its cell is empty: a gap, whoever is right */
				fd->neutral = 0;
				rc_make_finding(bd, fd, cv, v);
				fd->cls = DD_CLASS_MISSING;
				fd->similarity = 0;
				nf++;
				continue;
			}
			/* distinct wordings are classified once per code */
			size_t hit = (size_t)-1;
			for (size_t k = ncache; k-- > 0 && ncache <= 64;)
				if (cache[k].form == v->form && fv[cache[k].finding].field == f) {
					hit = cache[k].finding;
					break;
				}
			if (hit != (size_t)-1) {
				const dd_finding *h = &fv[hit];
				fd->cls = h->cls;
				fd->similarity = h->similarity;
				fd->edits = h->edits;
				fd->nedits = h->nedits;
				fd->reason = h->reason;
				fd->phrase_of = h->phrase_of;
			} else {
				field_finding(bd, cd, f, fd);
				cache[ncache++] = (fcache){v->form, nf};
			}
			nf++;
		}
	}
	free(cache);
	cd->nf = nf;
	cd->f = dd_arena_alloc(bd->arena, (nf + 1) * sizeof *cd->f);
	if (nf)
		memcpy(cd->f, fv, nf * sizeof *cd->f);
}

/* The replacement hunks of code ci's findings, for systematic grouping.
 * Made in code order on one thread: the hunks are interned, and their ids
 * order the grouping. */
static void collect_code_pairs(build *bd, size_t ci, occv *ov)
{
	dd_aligned *cd = &bd->r->codes[ci];
	for (size_t k = 0; k < cd->nf; k++) {
		const dd_finding *fd = &cd->f[k];
		if (fd->field >= 0 && fd->value && fd->value->ntok)
			rc_collect_pairs(bd, ov, ci, k, fd, cd->canon[fd->field].value);
	}
}

/* What the references give code cd (key id kid): each field from the
 * first reference that has it; refrec[ri * nkeys + kid] is reference ri's
 * record of the code, or NULL. */
static void reference_values(build *bd, dd_aligned *cd, const dd_record *const *refrec,
                             size_t nkeys, uint32_t kid)
{
	const dd_recon_opts *o = bd->o;
	dd_recon *r = bd->r;
	for (size_t ri = 0; o && ri < o->nrefs; ri++) {
		const dd_reference *ref = &o->refs[ri];
		dd_value tmp[DD_NFIELDS];
		memset(tmp, 0, sizeof tmp);
		if (!ref->recs) { /* the IANA registry: status codes' names only */
			if (r->kind != DD_KIND_STATUS)
				continue;
			const char *phrase = dd_iana_phrase(cd->key);
			cd->unregistered = !phrase && !strchr(cd->key, 'x');
			if (!phrase || cd->ref[DD_FIELD_NAME])
				continue;
			cached_value(bd, &phrase, 1, &tmp[DD_FIELD_NAME], NULL, DD_FIELD_NAME);
		} else {
			const dd_record *rec = refrec[ri * nkeys + kid];
			if (!rec)
				continue;
			cd->in_ref = 1;
			if (!cd->ref_rec)
				cd->ref_rec = rec;
			record_values(bd, rec, tmp, NULL);
		}
		for (int f = 0; f < DD_NFIELDS; f++)
			if (!cd->ref[f] && tmp[f].ntok) {
				dd_value *v = dd_arena_alloc(r->arena, sizeof *v);
				*v = tmp[f];
				cd->ref[f] = v;
				cd->ref_src[f] = ref->label;
			}
	}
}

static void reconcile_code(build *bd, dd_aligned *cd)
{
	unsigned nvar = bd->r->nvar;
	cd->extra = !cd->in_ref && (size_t)cd->n * 2 < nvar;
	cd->split = !cd->in_ref && (size_t)cd->n * 2 == nvar;
	if (cd->split) { /* half have it: --prefer may say which half is right */
		int have = INT_MAX, lack = INT_MAX;
		for (unsigned v = 0, k = 0; v < nvar; v++) {
			int rank = bd->r->var[v].prefer_rank;
			if (k < cd->n && cd->e[k].variant == v) {
				k++;
				have = rank < have ? rank : have;
			} else {
				lack = rank < lack ? rank : lack;
			}
		}
		cd->split = have == lack;
		cd->extra = lack < have;
	}
	for (int f = 0; f < DD_NFIELDS; f++)
		rc_choose(bd, cd, f);
	rc_make_findings(bd, cd);
}

/* The codes reconciled on the -j threads, each worker with its own build
 * (workers_new); the values and ids they read were all made before. */
static void code_task(void *ctx, unsigned worker, size_t ci)
{
	build *bd = &((build *)ctx)[worker];
	reconcile_code(bd, &bd->r->codes[ci]);
}

static void reconcile_codes(build *bd, unsigned nthreads)
{
	dd_recon *r = bd->r;
	if (nthreads < 2 || r->ncodes < 2) {
		for (size_t ci = 0; ci < r->ncodes; ci++)
			reconcile_code(bd, &r->codes[ci]);
		return;
	}
	if (nthreads > r->ncodes)
		nthreads = (unsigned)r->ncodes;
	build *w = workers_new(bd, nthreads);
	dd_parallel_for(r->ncodes, nthreads, code_task, w);
	workers_free(bd, w, nthreads);
}

size_t dd_entry_search(const dd_aligned *cd, unsigned v, size_t lo, size_t hi)
{
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cd->e[mid].variant < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* The entry of variant v in cd. */
static dd_entry *entry_of(dd_aligned *cd, unsigned v)
{
	return &cd->e[dd_entry_search(cd, v, 0, cd->n)];
}

/* States and counts from the findings: '~' for a variant with a listed
 * finding, 's' when all it has are systematic, '+' for an extra code's
 * holders; findings per class; codes with any finding. */
void dd_recon_recount(dd_recon *r)
{
	memset(r->count, 0, sizeof r->count);
	r->ndiffer = 0;
	for (size_t ci = 0; ci < r->ncodes; ci++) {
		dd_aligned *cd = &r->codes[ci];
		for (unsigned i = 0; i < cd->n; i++)
			cd->e[i].state = '=';
		for (size_t k = 0; k < cd->nf; k++) {
			dd_finding *fd = &cd->f[k];
			if (!fd->systematic)
				r->count[fd->cls]++;
			if (fd->field < 0) /* a missing or extra code */
				continue;
			for (int side = 0; side < 1 + fd->neutral; side++) {
				/* neutral: the two sides differ, neither is blamed */
				dd_entry *e = entry_of(cd, side ? fd->against : fd->variant);
				if (!fd->systematic)
					e->state = '~';
				else if (e->state == '=')
					e->state = 's';
			}
		}
		if (cd->extra)
			for (unsigned i = 0; i < cd->n; i++)
				if (cd->e[i].state == '=')
					cd->e[i].state = '+';
		if (cd->nf)
			r->ndiffer++;
	}
}

int dd_reconcile(const dd_records *rs, const dd_recon_opts *o, dd_recon *r, dd_diag_sink *diags)
{
	memset(r, 0, sizeof *r);
	r->arena = dd_arena_new();
	dd_recon_ctx *c = dd_recon_ctx_new();
	build bd = {.r = r, .c = c, .arena = r->arena, .o = o, .diags = diags,
	            .vtext = RC_INTERN_INIT, .vkey = DD_BUF_INIT};
	intern files = RC_INTERN_INIT;
	intern keys = RC_INTERN_INIT;
	r->kind = rs->n ? rs->v[0].kind : DD_KIND_STATUS;
	size_t nrefs = o ? o->nrefs : 0, nref_recs = 0;
	for (size_t ri = 0; ri < nrefs; ri++)
		for (size_t k = 0; o->refs[ri].recs && k < o->refs[ri].recs->n; k++)
			nref_recs += o->refs[ri].recs->v[k].kind == r->kind;
	/* every record's document and code id, the references' after the inputs' */
	size_t ntot = rs->n + nref_recs;
	uint32_t *rv = dd_xmalloc((ntot + 1) * sizeof *rv), *rc = dd_xmalloc((ntot + 1) * sizeof *rc);
	for (size_t i = 0; i < rs->n; i++) {
		rv[i] = rc_intern_str(&files, rs->v[i].file ? rs->v[i].file : "");
		rc[i] = rc_intern_str(&keys, rs->v[i].key);
	}
	for (size_t ri = 0, i = rs->n; ri < nrefs; ri++)
		for (size_t k = 0; o->refs[ri].recs && k < o->refs[ri].recs->n; k++) {
			if (o->refs[ri].recs->v[k].kind != r->kind)
				continue; /* an error code is only compared with error codes */
			rv[i] = (uint32_t)(files.n + ri);
			rc[i++] = rc_intern_str(&keys, o->refs[ri].recs->v[k].key);
		}
	int rcode = 0;
	for (size_t ri = 0; ri < nrefs; ri++)
		r->iana |= !o->refs[ri].recs;
	r->nvar = (unsigned)files.n;
	r->var = dd_arena_alloc(r->arena, (r->nvar + 1) * sizeof *r->var);
	for (size_t i = 0; i < rs->n; i++) {
		dd_variant *v = &r->var[rv[i]];
		if (v->file)
			continue;
		v->file = rs->v[i].file ? rs->v[i].file : "";
		v->service = rs->v[i].service ? rs->v[i].service : "generic";
		v->page = rs->v[i].page;
		v->index = rv[i];
	}
	unsigned *vrank = dd_xmalloc((r->nvar + 1) * sizeof *vrank);
	uint32_t *corder = dd_xmalloc((keys.n + 1) * sizeof *corder);
	uint32_t *crank = dd_xmalloc((keys.n + 1) * sizeof *crank);
	slot *sl = dd_xmalloc((rs->n + 1) * sizeof *sl);
	const dd_record **refrec = dd_xcalloc(nrefs * keys.n + 1, sizeof *refrec);
	occv ov = {NULL, 0, 0};
	if (rc_label_variants(&bd, r->var, r->nvar) < 0) {
		rcode = -1;
		goto done;
	}
	for (unsigned i = 0; i < r->nvar; i++) {
		vrank[r->var[i].index] = i;
		r->var[i].prefer_rank = rc_prefer_rank(o, &r->var[i]);
	}
	for (size_t ri = 0, i = rs->n; ri < nrefs; ri++)
		for (size_t k = 0; o->refs[ri].recs && k < o->refs[ri].recs->n; k++) {
			if (o->refs[ri].recs->v[k].kind != r->kind)
				continue;
			if (!refrec[ri * keys.n + rc[i]]) /* the same code twice: the first counts */
				refrec[ri * keys.n + rc[i]] = &o->refs[ri].recs->v[k];
			i++;
		}
	rc_code_order(rv, rc, ntot, &keys, corder);
	for (uint32_t i = 0; i < keys.n; i++)
		crank[corder[i]] = i;
	for (size_t i = 0; i < rs->n; i++)
		sl[i] = (slot){crank[rc[i]], vrank[rv[i]], i};
	qsort(sl, rs->n, sizeof *sl, slot_cmp);
	r->ncodes = keys.n;
	r->codes = dd_arena_alloc(r->arena, (r->ncodes + 1) * sizeof *r->codes);
	for (size_t i = 0; i < r->ncodes; i++) {
		r->codes[i].key = dd_arena_strdup(r->arena, keys.str[corder[i]]);
		r->codes[i].nvar = r->nvar;
	}
	/* every entry's value ids, in entry order; the values themselves are
	 * made all at once (make_pending) */
	uint32_t *fid = dd_xmalloc((rs->n + 1) * DD_NFIELDS * sizeof *fid);
	size_t nent = 0;
	bd.pend_on = 1;
	for (size_t i = 0; i < rs->n;) {
		size_t j = i;
		while (j < rs->n && sl[j].code == sl[i].code)
			j++;
		dd_aligned *cd = &r->codes[sl[i].code];
		cd->e = dd_arena_alloc(r->arena, (j - i) * sizeof *cd->e);
		for (size_t k = i; k < j; k++) {
			if (k > i && sl[k].variant == sl[k - 1].variant)
				continue; /* the same code twice in one document: the first counts */
			dd_entry *e = &cd->e[cd->n++];
			e->variant = sl[k].variant;
			e->rec = &rs->v[sl[k].rec];
			e->state = '=';
			record_values(&bd, e->rec, NULL, fid + DD_NFIELDS * nent++);
			r->var[e->variant].ncodes++;
		}
		i = j;
	}
	make_pending(&bd, o ? o->threads : 1);
	/* the values live on in the run's arena (bd.vals may still grow) */
	dd_value *kept = dd_arena_alloc(r->arena, (bd.nvals + 1) * sizeof *kept);
	if (bd.nvals)
		memcpy(kept, bd.vals, bd.nvals * sizeof *kept);
	nent = 0;
	for (size_t ci = 0; ci < r->ncodes; ci++)
		for (unsigned k = 0; k < r->codes[ci].n; k++, nent++)
			for (int f = 0; f < DD_NFIELDS; f++)
				r->codes[ci].e[k].f[f] = &kept[fid[DD_NFIELDS * nent + f]];
	free(fid);
	for (size_t ci = 0; ci < r->ncodes; ci++)
		reference_values(&bd, &r->codes[ci], refrec, keys.n, corder[ci]);
	if (r->iana)
		bd.superseded = rc_iana_superseded_values(c, r->arena);
	reconcile_codes(&bd, o ? o->threads : 1);
	for (size_t ci = 0; ci < r->ncodes; ci++)
		collect_code_pairs(&bd, ci, &ov);
	rc_systematic(&bd, &ov);
	rc_undo_systematic(&bd, &ov);
	dd_recon_recount(r);
done:
	free(ov.v);
	free(refrec);
	free(sl);
	free(crank);
	free(corder);
	free(vrank);
	free(rv);
	free(rc);
	rc_intern_free(&files);
	rc_intern_free(&keys);
	rc_intern_free(&bd.vtext);
	free(bd.vals);
	free(bd.fbuf);
	dd_buf_free(&bd.vkey);
	/* the tokens' keys point at the interned strings: they stay with r */
	dd_arena_adopt(r->arena, c->in.arena);
	c->in.arena = NULL;
	dd_recon_ctx_free(c);
	return rcode;
}

void dd_recon_free(dd_recon *r)
{
	if (!r)
		return;
	dd_arena_free(r->arena);
	memset(r, 0, sizeof *r);
}

int dd_recon_differs(const dd_recon *r)
{
	return r->ndiffer > 0 || r->nsys > 0;
}
