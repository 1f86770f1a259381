/* systematic.c - replacements one variant makes in many codes (HTTP ->
 * HTTPS), reported once; and undoing them in a canonical value that carries
 * one. */
#include "reconcile_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

typedef struct fix {
	size_t code;
	int field;
	size_t at, n;            /* canonical tokens replaced */
	const dd_token *by;      /* by these (a dissenter's) */
	size_t nby;
} fix;

static uint32_t pair_id(intern *in, u32v *tmp, const uint32_t *fk, size_t nf, const uint32_t *tk,
                        size_t nt)
{
	tmp->n = 0;
	for (size_t k = 0; k < nf; k++)
		rc_u32_push(tmp, fk[k]);
	rc_u32_push(tmp, 0xFFFFFFFFu);
	for (size_t k = 0; k < nt; k++)
		rc_u32_push(tmp, tk[k]);
	rc_u32_push(tmp, 0xFFFFFFFEu);
	return rc_intern_get(in, tmp->v, tmp->n * sizeof *tmp->v);
}

static void occ_push(occv *o, occ x)
{
	DD_GROW(o->v, o->n, o->cap);
	o->v[o->n++] = x;
}

static int has_break(const dd_token *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].kind == DD_TOK_BREAK)
			return 1;
	return 0;
}

/* Replacement hunks of a substitution or rewording, for systematic grouping. */
void rc_collect_pairs(build *bd, occv *ov, size_t code, size_t fi, const dd_finding *fd,
                          const dd_value *a)
{
	if (fd->cls != DD_CLASS_SUBSTITUTION && fd->cls != DD_CLASS_REWORDING)
		return;
	dd_recon_ctx *c = bd->c;
	for (size_t i = 0; i + 1 < fd->nedits; i++) {
		const dd_edit *d = &fd->edits[i], *n = &fd->edits[i + 1];
		if (d->op != DD_EDIT_DEL || n->op != DD_EDIT_INS)
			continue;
		if (d->len > DD_SUBST_MAX_TOKENS || n->len > DD_SUBST_MAX_TOKENS)
			continue;
		if (has_break(a->tok + d->a, d->len) || has_break(fd->value->tok + n->b, n->len))
			continue;
		/* an equal-length replacement is paired token by token
		 * ("The HTTPS" -> "This HTTP" gives The->This and HTTPS->HTTP) */
		size_t step = d->len == n->len ? 1 : 0, parts = step ? d->len : 1;
		for (size_t k = 0; k < parts; k++) {
			size_t nf = step ? 1 : d->len, nt = step ? 1 : n->len;
			const uint32_t *fk = a->key + d->a + k * step, *tk = fd->value->key + n->b + k * step;
			occ o = {pair_id(&c->in, &c->b, fk, nf, tk, nt), fd->variant, code, fi, fd->field,
			         a->tok + d->a + k * step, fd->value->tok + n->b + k * step, fk, tk, nf, nt,
			         NO_PAIR, 0};
			occ_push(ov, o);
		}
	}
}

static int occ_cmp_pair(const void *x, const void *y)
{
	const occ *a = x, *b = y;
	if (a->pair != b->pair)
		return a->pair < b->pair ? -1 : 1;
	if (a->variant != b->variant)
		return a->variant < b->variant ? -1 : 1;
	return (a->code > b->code) - (a->code < b->code);
}

static int occ_cmp_finding(const void *x, const void *y)
{
	const occ *a = x, *b = y;
	if (a->code != b->code)
		return a->code < b->code ? -1 : 1;
	return (a->finding > b->finding) - (a->finding < b->finding);
}

static const char *tokens_text(dd_arena *a, const dd_token *t, size_t n)
{
	dd_buf b = DD_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		if (i && t[i].space_before)
			dd_buf_putc(&b, ' ');
		dd_buf_put(&b, t[i].text, t[i].len);
	}
	const char *s = dd_arena_strndup(a, b.ptr ? b.ptr : "", b.len);
	dd_buf_free(&b);
	return s;
}

static int sys_cmp(const void *x, const void *y)
{
	const dd_systematic *a = x, *b = y;
	int c = strcmp(a->from, b->from);
	return c ? c : strcmp(a->to, b->to);
}

static int occ_cmp_site(const void *x, const void *y)
{
	const occ *a = x, *b = y;
	if (a->code != b->code)
		return a->code < b->code ? -1 : 1;
	if (a->field != b->field)
		return a->field < b->field ? -1 : 1;
	if (a->pair != b->pair)
		return a->pair < b->pair ? -1 : 1;
	return (a->variant > b->variant) - (a->variant < b->variant);
}

/* Every change of fd is a replacement hunk rc_collect_pairs records. */
static int all_pairs(const dd_finding *fd, const dd_value *a)
{
	for (size_t i = 0; i < fd->nedits; i++) {
		const dd_edit *d = &fd->edits[i];
		if (d->op == DD_EDIT_EQ)
			continue;
		if (d->op == DD_EDIT_INS)
			return 0; /* an INS not consumed below is a pure insertion */
		const dd_edit *n = i + 1 < fd->nedits ? &fd->edits[i + 1] : NULL;
		if (!n || n->op != DD_EDIT_INS || d->len > DD_SUBST_MAX_TOKENS ||
		    n->len > DD_SUBST_MAX_TOKENS || has_break(a->tok + d->a, d->len) ||
		    has_break(fd->value->tok + n->b, n->len))
			return 0;
		i++;
	}
	return 1;
}

/* A reference's value is right by fiat: it is never taken to carry a
 * systematic replacement. (A value nobody chose, DD_CHOSEN_NONE, may: that
 * its side makes a replacement the others do not is what decides it.) */
static int canon_fixed(const dd_canon *cn)
{
	return cn->chosen == DD_CHOSEN_REFERENCE;
}

static void vp_key(uint32_t key[2], unsigned variant, uint32_t pair)
{
	key[0] = variant;
	key[1] = pair;
}

/* (variant, pair) of every systematic occurrence. */
static void systematic_set(const occv *ov, intern *vp)
{
	uint32_t key[2];
	for (size_t i = 0; i < ov->n; i++)
		if (ov->v[i].sys) {
			vp_key(key, ov->v[i].variant, ov->v[i].pair);
			rc_intern_get(vp, key, sizeof key);
		}
}

/* A canonical wording with Y where a dissenter has X, all of whose
 * supporters are known to replace X by Y systematically, carries the odd
 * token too, even where dissenters do not outnumber supporters: its
 * supporters are taken to make X -> Y there (once per site), and the
 * dissenter's Y -> X is explained by it. ov is sorted by pair again. */
static void infer_supporters(build *bd, occv *ov)
{
	dd_recon *r = bd->r;
	intern vp = RC_INTERN_INIT;
	intern done = RC_INTERN_INIT;
	systematic_set(ov, &vp);
	size_t n1 = ov->n;
	uint32_t key[3];
	for (size_t i = 0; i < n1 && vp.n; i++) {
		occ o = ov->v[i];
		if (o.finding == NO_FINDING || o.rev != NO_PAIR || o.sys)
			continue;
		const dd_canon *cn = &r->codes[o.code].canon[o.field];
		if (canon_fixed(cn))
			continue;
		uint32_t rev = pair_id(&bd->c->in, &bd->c->b, o.tk, o.nto, o.fk, o.nfrom);
		unsigned s = 0;
		for (; s < cn->support; s++) {
			vp_key(key, cn->agree[s], rev);
			if (rc_intern_find(&vp, key, 2 * sizeof *key) == NO_PAIR)
				break;
		}
		if (!cn->support || s < cn->support)
			continue;
		ov->v[i].rev = rev;
		key[0] = (uint32_t)o.code;
		key[1] = (uint32_t)o.field;
		key[2] = rev;
		size_t before = done.n;
		rc_intern_get(&done, key, sizeof key);
		if (done.n == before)
			continue;
		for (s = 0; s < cn->support; s++)
			occ_push(ov, (occ){rev, cn->agree[s], o.code, NO_FINDING, o.field, o.to, o.from, o.tk,
			                   o.fk, o.nto, o.nfrom, NO_PAIR, 1});
	}
	rc_intern_free(&vp);
	rc_intern_free(&done);
	qsort(ov->v, ov->n, sizeof *ov->v, occ_cmp_pair);
}

void rc_systematic(build *bd, occv *ov)
{
	dd_recon *r = bd->r;
	if (!ov->n)
		return;
	/* When more variants make the replacement X -> Y in one code than
	 * support the canonical wording, the canonical side is the odd one
	 * out: its supporters are taken to make Y -> X there. */
	qsort(ov->v, ov->n, sizeof *ov->v, occ_cmp_site);
	size_t n0 = ov->n;
	for (size_t i = 0; i < n0;) {
		size_t j = i, k = 0;
		while (j < n0 && ov->v[j].code == ov->v[i].code && ov->v[j].field == ov->v[i].field &&
		       ov->v[j].pair == ov->v[i].pair) {
			if (j == i || ov->v[j].variant != ov->v[j - 1].variant)
				k++;
			j++;
		}
		const dd_canon *cn = &r->codes[ov->v[i].code].canon[ov->v[i].field];
		if (cn->support && k > cn->support && !canon_fixed(cn)) {
			occ o = ov->v[i];
			uint32_t rev = pair_id(&bd->c->in, &bd->c->b, o.tk, o.nto, o.fk, o.nfrom);
			for (size_t m = i; m < j; m++)
				ov->v[m].rev = rev;
			for (unsigned s = 0; s < cn->support; s++)
				occ_push(ov, (occ){rev, cn->agree[s], o.code, NO_FINDING, o.field, o.to, o.from,
				                   o.tk, o.fk, o.nto, o.nfrom, NO_PAIR, 0});
		}
		i = j;
	}
	qsort(ov->v, ov->n, sizeof *ov->v, occ_cmp_pair);
	/* mark (pair, variant) runs that touch enough distinct codes; a
	 * replacement explained by a reversal does not count for itself */
	for (size_t i = 0; i < ov->n;) {
		size_t j = i, codes = 0, last = (size_t)-1;
		while (j < ov->n && ov->v[j].pair == ov->v[i].pair && ov->v[j].variant == ov->v[i].variant) {
			if (ov->v[j].rev == NO_PAIR && ov->v[j].code != last) {
				codes++;
				last = ov->v[j].code;
			}
			j++;
		}
		if (codes >= DD_SYSTEMATIC_MIN_CODES)
			for (size_t k = i; k < j; k++)
				ov->v[k].sys = ov->v[k].rev == NO_PAIR;
		i = j;
	}
	infer_supporters(bd, ov);
	/* (code, pair) of every systematic occurrence, to explain reversals */
	intern ex = RC_INTERN_INIT;
	uint32_t key[2];
	for (size_t i = 0; i < ov->n; i++)
		if (ov->v[i].sys) {
			key[0] = (uint32_t)ov->v[i].code;
			key[1] = ov->v[i].pair;
			rc_intern_get(&ex, key, sizeof key);
		}
	/* one dd_systematic per pair, one use per variant */
	size_t nsys = 0;
	for (size_t i = 0; i < ov->n;) {
		size_t j = i;
		int any = 0;
		while (j < ov->n && ov->v[j].pair == ov->v[i].pair)
			any |= ov->v[j++].sys;
		nsys += any;
		i = j;
	}
	r->sys = dd_arena_alloc(r->arena, (nsys + 1) * sizeof *r->sys);
	for (size_t i = 0; i < ov->n;) {
		size_t j = i, nuses = 0, first = (size_t)-1;
		for (; j < ov->n && ov->v[j].pair == ov->v[i].pair; j++) {
			if (!ov->v[j].sys)
				continue;
			if (first == (size_t)-1)
				first = j;
			if (nuses == 0 || ov->v[j].variant != ov->v[first].variant)
				nuses++;
			first = first == (size_t)-1 ? j : first;
		}
		if (nuses) {
			dd_systematic *s = &r->sys[r->nsys++];
			size_t f = i;
			while (!ov->v[f].sys)
				f++;
			s->from = tokens_text(r->arena, ov->v[f].from, ov->v[f].nfrom);
			s->to = tokens_text(r->arena, ov->v[f].to, ov->v[f].nto);
			s->uses = dd_arena_alloc(r->arena, (j - i) * sizeof *s->uses);
			for (size_t k = i; k < j;) {
				size_t l = k;
				while (l < j && ov->v[l].variant == ov->v[k].variant)
					l++;
				dd_sys_use *u = NULL;
				for (size_t m = k; m < l; m++) {
					if (!ov->v[m].sys)
						continue;
					if (!u) {
						u = &s->uses[s->nuses++];
						u->variant = ov->v[m].variant;
						u->codes = dd_arena_alloc(r->arena, (l - k) * sizeof *u->codes);
					}
					const char *ck = r->codes[ov->v[m].code].key;
					if (!u->ncodes || u->codes[u->ncodes - 1] != ck)
						u->codes[u->ncodes++] = ck;
				}
				k = l;
			}
		}
		i = j;
	}
	qsort(r->sys, r->nsys, sizeof *r->sys, sys_cmp);
	/* a substitution whose every change is systematic (or the reverse of
	 * one) is not listed again */
	for (size_t i = 0; i < ov->n; i++) {
		occ *o = &ov->v[i];
		if (!o->sys && o->rev != NO_PAIR) {
			key[0] = (uint32_t)o->code;
			key[1] = o->rev;
			o->sys = rc_intern_find(&ex, key, sizeof key) != NO_PAIR;
		}
	}
	rc_intern_free(&ex);
	qsort(ov->v, ov->n, sizeof *ov->v, occ_cmp_finding);
	for (size_t i = 0; i < ov->n;) {
		size_t j = i;
		int all = 1;
		while (j < ov->n && ov->v[j].code == ov->v[i].code && ov->v[j].finding == ov->v[i].finding)
			all &= ov->v[j++].sys;
		if (ov->v[i].finding != NO_FINDING) {
			dd_aligned *cd = &r->codes[ov->v[i].code];
			dd_finding *fd = &cd->f[ov->v[i].finding];
			if (fd->cls == DD_CLASS_SUBSTITUTION && all && all_pairs(fd, cd->canon[fd->field].value))
				fd->systematic = 1;
		}
		i = j;
	}
}

static int fix_cmp(const void *x, const void *y)
{
	const fix *a = x, *b = y;
	if (a->code != b->code)
		return a->code < b->code ? -1 : 1;
	if (a->field != b->field)
		return a->field < b->field ? -1 : 1;
	return (a->at > b->at) - (a->at < b->at);
}

/* The canonical value of (cd, f) with fixes fx[0..n) applied (sorted, same
 * field): each paragraph rebuilt around the replaced token spans. */
static void apply_fixes(build *bd, dd_aligned *cd, int f, const fix *fx, size_t n)
{
	dd_recon *r = bd->r;
	dd_canon *cn = &cd->canon[f];
	const dd_value *cv = cn->value;
	const char **paras = dd_arena_alloc(r->arena, cv->npara * sizeof *paras);
	cn->corr_from = dd_arena_alloc(r->arena, n * sizeof *cn->corr_from);
	cn->corr_to = dd_arena_alloc(r->arena, n * sizeof *cn->corr_to);
	size_t k = 0, end = 0; /* next fix; end of the last replaced token */
	for (unsigned p = 0; p < cv->npara; p++) {
		dd_buf b = DD_BUF_INIT;
		const char *text = cv->paras[p];
		size_t pos = 0;
		for (; k < n && cv->tok[fx[k].at].para == p; k++) {
			if (fx[k].at < end)
				continue; /* overlaps the previous fix */
			const dd_token *t0 = &cv->tok[fx[k].at], *t1 = &cv->tok[fx[k].at + fx[k].n - 1];
			const char *by = tokens_text(r->arena, fx[k].by, fx[k].nby);
			dd_buf_put(&b, text + pos, t0->off - pos);
			dd_buf_puts(&b, by);
			pos = t1->off + t1->len;
			end = fx[k].at + fx[k].n;
			cn->corr_from[cn->ncorr] = tokens_text(r->arena, t0, fx[k].n);
			cn->corr_to[cn->ncorr++] = by;
		}
		dd_buf_puts(&b, text + pos);
		paras[p] = dd_arena_strdup(r->arena, b.ptr);
		dd_buf_free(&b);
	}
	dd_value *nv = dd_arena_alloc(r->arena, sizeof *nv);
	dd_value_make(bd->c, r->arena, paras, cv->npara, nv);
	cn->value = nv;
	cn->support = 0;
	cn->agree = dd_arena_alloc(r->arena, (cd->n + 1) * sizeof *cn->agree);
	for (unsigned i = 0; i < cd->n; i++)
		if (cd->e[i].f[f]->ntok && cd->e[i].f[f]->group == nv->group)
			cn->agree[cn->support++] = cd->e[i].variant;
}

/* Where the canonical wording's supporters were taken to make a systematic
 * replacement (the canonical side is the odd one out), the canonical value
 * gets the others' tokens back, and the code's findings are made again:
 * the supporters then differ by the systematic substitution alone, and the
 * others no longer differ by its reverse. */
void rc_undo_systematic(build *bd, const occv *ov)
{
	dd_recon *r = bd->r;
	fix *fx = NULL;
	size_t nfx = 0, cap = 0;
	for (size_t i = 0; i < ov->n; i++) {
		const occ *o = &ov->v[i];
		if (o->finding != NO_FINDING || !o->sys)
			continue;
		const dd_value *cv = r->codes[o->code].canon[o->field].value;
		DD_GROW(fx, nfx, cap);
		fx[nfx++] = (fix){o->code, o->field, (size_t)(o->to - cv->tok), o->nto, o->from, o->nfrom};
	}
	if (!nfx) {
		free(fx);
		return;
	}
	qsort(fx, nfx, sizeof *fx, fix_cmp);
	intern vp = RC_INTERN_INIT;
	systematic_set(ov, &vp);
	occv tmp = {NULL, 0, 0};
	for (size_t i = 0; i < nfx;) {
		size_t code = fx[i].code, j = i;
		dd_aligned *cd = &r->codes[code];
		while (j < nfx && fx[j].code == code) {
			size_t k = j;
			while (k < nfx && fx[k].code == code && fx[k].field == fx[j].field)
				k++;
			apply_fixes(bd, cd, fx[j].field, fx + j, k - j);
			j = k;
		}
		rc_make_findings(bd, cd);
		for (size_t f = 0; f < cd->nf; f++) {
			dd_finding *fd = &cd->f[f];
			if (fd->cls != DD_CLASS_SUBSTITUTION)
				continue;
			const dd_value *cv = cd->canon[fd->field].value;
			tmp.n = 0;
			rc_collect_pairs(bd, &tmp, code, f, fd, cv);
			int all = tmp.n > 0;
			uint32_t key[2];
			for (size_t t = 0; t < tmp.n && all; t++) {
				vp_key(key, fd->variant, tmp.v[t].pair);
				all = rc_intern_find(&vp, key, sizeof key) != NO_PAIR;
			}
			fd->systematic = all && all_pairs(fd, cv);
		}
		i = j;
	}
	free(tmp.v);
	rc_intern_free(&vp);
	free(fx);
}
