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
	};
	return c < DD_CLASS_COUNT ? names[c] : "?";
}

const char *dd_field_name(int field)
{
	return field == DD_FIELD_NAME ? "name" : field == DD_FIELD_DESC ? "description" : "code";
}

const char *dd_choice_name(dd_choice c)
{
	static const char *const names[] = {"only", "majority", "medoid", "prefer", "order"};
	return names[c];
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

typedef struct code_ref {
	const char *key;
	uint32_t id;
} code_ref;

static int code_ref_cmp(const void *x, const void *y)
{
	const code_ref *a = x, *b = y;
	int c = dd_code_cmp(a->key, b->key);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

#define NONE_ID UINT32_MAX

typedef struct clist {
	uint32_t *next, *prev;
	uint32_t head, tail;
} clist;

/* Links k in just before `before` (NONE_ID: at the end). */
static void clist_insert(clist *l, uint32_t k, uint32_t before)
{
	uint32_t p = before == NONE_ID ? l->tail : l->prev[before];
	l->prev[k] = p;
	l->next[k] = before;
	if (p == NONE_ID)
		l->head = k;
	else
		l->next[p] = k;
	if (before == NONE_ID)
		l->tail = k;
	else
		l->prev[before] = k;
}

/* Codes in code order when every document lists its codes in that order
 * (nearly all do; classes aside); else in document order, so that merging
 * a document with a copy of itself gives it back: the first document's
 * order, each code it lacks placed after the code before it in the first
 * document that has it (or, leading that document, before the code after).
 * rv/rc: each record's variant and code id, records in input order. */
static void code_order(const dd_records *rs, const uint32_t *rv, const uint32_t *rc,
                       const intern *keys, code_ref *corder)
{
	/* classes (4xx) are left out: lists put them first or last */
	int sorted = 1;
	const char *last = NULL;
	for (size_t i = 0; i < rs->n && sorted; i++) {
		if (i == 0 || rv[i] != rv[i - 1])
			last = NULL;
		if (strchr(rs->v[i].key, 'x'))
			continue;
		sorted = !last || dd_code_cmp(last, rs->v[i].key) <= 0;
		last = rs->v[i].key;
	}
	if (sorted) {
		for (uint32_t i = 0; i < keys->n; i++)
			corder[i] = (code_ref){keys->str[i], i};
		qsort(corder, keys->n, sizeof *corder, code_ref_cmp);
		return;
	}
	/* a doubly linked list of code ids; codes a document gives before any
	 * code already placed wait, and go just before the first placed one */
	clist l = {dd_xmalloc(keys->n * sizeof *l.next), dd_xmalloc(keys->n * sizeof *l.prev),
	           NONE_ID, NONE_ID};
	uint32_t *wait = dd_xmalloc(keys->n * sizeof *wait);
	unsigned char *placed = dd_xcalloc(keys->n, 1); /* 1 waiting, 2 in the list */
	uint32_t at = NONE_ID;
	size_t nwait = 0;
	for (size_t i = 0; i <= rs->n; i++) {
		if (i == rs->n || (i > 0 && rv[i] != rv[i - 1])) {
			for (size_t w = 0; w < nwait; w++) /* nothing placed followed */
				clist_insert(&l, wait[w], NONE_ID);
			nwait = 0;
			at = NONE_ID;
			if (i == rs->n)
				break;
		}
		uint32_t k = rc[i];
		if (placed[k] == 1)
			continue; /* waiting already (the same code twice) */
		if (placed[k] == 2) {
			for (size_t w = 0; w < nwait; w++)
				clist_insert(&l, wait[w], k);
			nwait = 0;
			at = k;
			continue;
		}
		if (at == NONE_ID && l.head != NONE_ID) {
			placed[k] = 1;
			wait[nwait++] = k;
			continue;
		}
		placed[k] = 2;
		clist_insert(&l, k, at == NONE_ID ? NONE_ID : l.next[at]);
		at = k;
	}
	uint32_t n = 0;
	for (uint32_t k = l.head; k != NONE_ID; k = l.next[k])
		corder[n++] = (code_ref){keys->str[k], k};
	free(l.next);
	free(l.prev);
	free(wait);
	free(placed);
}

static void cached_value(build *bd, const char *const *paras, unsigned npara, dd_value *out)
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
		*out = bd->vals[id];
		return;
	}
	dd_value_make(bd->c, bd->r->arena, paras, npara, out);
	DD_GROW(bd->vals, bd->nvals, bd->vcap);
	bd->vals[bd->nvals++] = *out;
}

static void make_values(build *bd, dd_entry *e)
{
	const dd_record *rec = e->rec;
	const char *name = rec->name ? rec->name : "";
	cached_value(bd, &name, 1, &e->f[DD_FIELD_NAME]);
	const char **p = dd_xmalloc((rec->ndesc + 1) * sizeof *p);
	for (unsigned i = 0; i < rec->ndesc; i++)
		p[i] = rec->desc[i].text ? rec->desc[i].text : "";
	cached_value(bd, p, rec->ndesc, &e->f[DD_FIELD_DESC]);
	free(p);
}

typedef struct fcache {
	uint32_t form;
	size_t finding;      /* index into the code's findings */
} fcache;

/* The findings of code cd against its canonical values; replacement hunks
 * go to ov for systematic grouping when ov is not NULL. */
void rc_make_findings(build *bd, dd_aligned *cd, size_t ci, occv *ov)
{
	dd_recon *r = bd->r;
	size_t cap = (cd->extra ? 0 : r->nvar - cd->n) + (size_t)cd->n * (1 + DD_NFIELDS);
	cd->f = dd_arena_alloc(r->arena, (cap + 1) * sizeof *cd->f);
	cd->nf = 0;
	if (!cd->extra) {
		unsigned k = 0;
		for (unsigned v = 0; v < r->nvar; v++) {
			if (k < cd->n && cd->e[k].variant == v) {
				k++;
				continue;
			}
			cd->f[cd->nf++] = (dd_finding){.variant = v, .field = -1, .cls = DD_CLASS_MISSING};
		}
	}
	fcache *cache = dd_xmalloc((cd->n + 1) * DD_NFIELDS * sizeof *cache);
	size_t ncache = 0;
	for (unsigned i = 0; i < cd->n; i++) {
		dd_entry *e = &cd->e[i];
		if (cd->extra)
			cd->f[cd->nf++] = (dd_finding){.variant = e->variant, .field = -1,
			                               .cls = DD_CLASS_EXTRA, .rec = e->rec};
		for (int f = 0; f < DD_NFIELDS; f++) {
			const dd_value *cv = cd->canon[f].value, *v = &e->f[f];
			if (!cv || v->form == cv->form)
				continue;
			if (!v->ntok && !(f == DD_FIELD_NAME ? e->rec->has_name : e->rec->has_desc))
				continue; /* no such column: nothing to compare */
			dd_finding *fd = &cd->f[cd->nf];
			*fd = (dd_finding){.variant = e->variant, .field = f, .value = v, .rec = e->rec};
			if (!v->ntok) { /* the column is there, its cell is empty */
				rc_make_finding(bd, fd, cv, v);
				fd->cls = DD_CLASS_MISSING;
				fd->similarity = 0;
				cd->nf++;
				continue;
			}
			/* distinct wordings are classified once per code */
			size_t hit = (size_t)-1;
			for (size_t k = ncache; k-- > 0 && ncache <= 64;)
				if (cache[k].form == v->form && cd->f[cache[k].finding].field == f) {
					hit = cache[k].finding;
					break;
				}
			if (hit != (size_t)-1) {
				const dd_finding *h = &cd->f[hit];
				fd->cls = h->cls;
				fd->similarity = h->similarity;
				fd->edits = h->edits;
				fd->nedits = h->nedits;
			} else {
				rc_make_finding(bd, fd, cv, v);
				cache[ncache++] = (fcache){v->form, cd->nf};
			}
			if (ov)
				rc_collect_pairs(bd, ov, ci, cd->nf, fd, cv);
			cd->nf++;
		}
	}
	free(cache);
}

static void reconcile_code(build *bd, dd_aligned *cd, size_t ci, occv *ov)
{
	cd->extra = (size_t)cd->n * 2 < bd->r->nvar;
	for (int f = 0; f < DD_NFIELDS; f++)
		rc_choose(bd, cd, f);
	rc_make_findings(bd, cd, ci, ov);
}

/* The entry of variant v in cd (entries are sorted by variant). */
static dd_entry *entry_of(dd_aligned *cd, unsigned v)
{
	size_t lo = 0, hi = cd->n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cd->e[mid].variant < v)
			lo = mid + 1;
		else
			hi = mid;
	}
	return &cd->e[lo];
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
			dd_entry *e = entry_of(cd, fd->variant);
			if (!fd->systematic)
				e->state = '~';
			else if (e->state == '=')
				e->state = 's';
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
	build bd = {r, c, o, diags, RC_INTERN_INIT, NULL, 0, 0, DD_BUF_INIT};
	intern files = RC_INTERN_INIT;
	intern keys = RC_INTERN_INIT;
	uint32_t *rv = malloc((rs->n + 1) * sizeof *rv), *rc = dd_xmalloc((rs->n + 1) * sizeof *rc);
	for (size_t i = 0; i < rs->n; i++) {
		rv[i] = rc_intern_str(&files, rs->v[i].file ? rs->v[i].file : "");
		rc[i] = rc_intern_str(&keys, rs->v[i].key);
	}
	int rcode = 0;
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
	code_ref *corder = dd_xmalloc((keys.n + 1) * sizeof *corder);
	uint32_t *crank = dd_xmalloc((keys.n + 1) * sizeof *crank);
	slot *sl = dd_xmalloc((rs->n + 1) * sizeof *sl);
	occv ov = {NULL, 0, 0};
	if (rc_label_variants(&bd, r->var, r->nvar) < 0) {
		rcode = -1;
		goto done;
	}
	for (unsigned i = 0; i < r->nvar; i++) {
		vrank[r->var[i].index] = i;
		r->var[i].prefer_rank = rc_prefer_rank(o, &r->var[i]);
	}
	code_order(rs, rv, rc, &keys, corder);
	for (uint32_t i = 0; i < keys.n; i++)
		crank[corder[i].id] = i;
	for (size_t i = 0; i < rs->n; i++)
		sl[i] = (slot){crank[rc[i]], vrank[rv[i]], i};
	qsort(sl, rs->n, sizeof *sl, slot_cmp);
	r->ncodes = keys.n;
	r->codes = dd_arena_alloc(r->arena, (r->ncodes + 1) * sizeof *r->codes);
	for (size_t i = 0; i < rs->n;) {
		size_t j = i;
		while (j < rs->n && sl[j].code == sl[i].code)
			j++;
		dd_aligned *cd = &r->codes[sl[i].code];
		cd->key = dd_arena_strdup(r->arena, corder[sl[i].code].key);
		cd->e = dd_arena_alloc(r->arena, (j - i) * sizeof *cd->e);
		for (size_t k = i; k < j; k++) {
			if (k > i && sl[k].variant == sl[k - 1].variant)
				continue; /* the same code twice in one document: the first counts */
			dd_entry *e = &cd->e[cd->n++];
			e->variant = sl[k].variant;
			e->rec = &rs->v[sl[k].rec];
			e->state = '=';
			make_values(&bd, e);
			r->var[e->variant].ncodes++;
		}
		reconcile_code(&bd, cd, sl[i].code, &ov);
		i = j;
	}
	rc_systematic(&bd, &ov);
	rc_undo_systematic(&bd, &ov);
	dd_recon_recount(r);
done:
	free(ov.v);
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
	dd_buf_free(&bd.vkey);
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
