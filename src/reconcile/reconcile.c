/* reconcile.c - alignment by code, canonical values, difference classes.
 *
 * Everything is hashed or sorted by key: records are bucketed by code with
 * one sort, wordings of one field are grouped by an interned key sequence,
 * and distinct variant wordings are classified once per code. The only
 * pairwise work is the medoid among tied wordings (bounded by
 * DD_MEDOID_MAX_WORDINGS). */
#include "reconcile.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* ---- interning: byte strings -> dense ids ---- */

typedef struct intern {
	dd_arena *arena;
	uint32_t *slot;        /* id + 1, 0 = empty */
	size_t nslot;
	const char **str;      /* id -> bytes */
	size_t *len;
	size_t n, cap;
} intern;

static uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 1469598103934665603ULL;
	for (size_t i = 0; i < n; i++) {
		h ^= s[i];
		h *= 1099511628211ULL;
	}
	return h;
}

static void intern_rehash(intern *t)
{
	size_t ns = t->nslot ? t->nslot * 2 : 1024;
	uint32_t *slot = dd_xcalloc(ns, sizeof *slot);
	for (size_t id = 0; id < t->n; id++) {
		size_t h = (size_t)hash_bytes(t->str[id], t->len[id]) & (ns - 1);
		while (slot[h])
			h = (h + 1) & (ns - 1);
		slot[h] = (uint32_t)id + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = ns;
}

static uint32_t intern_get(intern *t, const void *p, size_t n)
{
	if ((t->n + 1) * 2 > t->nslot)
		intern_rehash(t);
	size_t h = (size_t)hash_bytes(p, n) & (t->nslot - 1);
	while (t->slot[h]) {
		uint32_t id = t->slot[h] - 1;
		if (t->len[id] == n && memcmp(t->str[id], p, n) == 0)
			return id;
		h = (h + 1) & (t->nslot - 1);
	}
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->str = dd_xrealloc(t->str, t->cap * sizeof *t->str);
		t->len = dd_xrealloc(t->len, t->cap * sizeof *t->len);
	}
	t->str[t->n] = dd_arena_strndup(t->arena, p, n);
	t->len[t->n] = n;
	t->slot[h] = (uint32_t)t->n + 1;
	return (uint32_t)t->n++;
}

static void intern_free(intern *t)
{
	dd_arena_free(t->arena);
	free(t->slot);
	free(t->str);
	free(t->len);
	memset(t, 0, sizeof *t);
}

static uint32_t intern_str(intern *t, const char *s)
{
	return intern_get(t, s, strlen(s));
}

/* ---- context ---- */

typedef struct u32v {
	uint32_t *v;
	size_t n, cap;
} u32v;

static void u32_push(u32v *a, uint32_t x)
{
	DD_GROW(a->v, a->n, a->cap);
	a->v[a->n++] = x;
}

struct dd_recon_ctx {
	intern in;
	dd_script s;
	u32v a, b;
	dd_buf buf;
	dd_tokens toks;      /* scratch for dd_value_make */
};

dd_recon_ctx *dd_recon_ctx_new(void)
{
	dd_recon_ctx *c = dd_xcalloc(1, sizeof *c);
	c->in.arena = dd_arena_new();
	return c;
}

void dd_recon_ctx_free(dd_recon_ctx *c)
{
	if (!c)
		return;
	intern_free(&c->in);
	dd_script_free(&c->s);
	free(c->a.v);
	free(c->b.v);
	dd_buf_free(&c->buf);
	dd_tokens_free(&c->toks);
	free(c);
}

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

/* ---- values ---- */

void dd_value_make(dd_recon_ctx *c, dd_arena *a, const char *const *paras, unsigned npara,
                   dd_value *v)
{
	memset(v, 0, sizeof *v);
	dd_tokens *toks = &c->toks;
	toks->n = 0;
	v->paras = dd_arena_alloc(a, (npara ? npara : 1) * sizeof *v->paras);
	for (unsigned i = 0; i < npara; i++) {
		size_t len;
		char *d = dd_norm_display(a, paras[i], strlen(paras[i]), &len);
		if (!len)
			continue;
		if (v->npara)
			dd_tokens_break(a, v->npara, toks);
		dd_tokenize(a, d, len, v->npara, toks);
		v->paras[v->npara++] = d;
	}
	v->ntok = toks->n;
	v->tok = dd_arena_alloc(a, (v->ntok ? v->ntok : 1) * sizeof *v->tok);
	if (v->ntok)
		memcpy(v->tok, toks->v, v->ntok * sizeof *v->tok);
	v->key = dd_arena_alloc(a, (v->ntok ? v->ntok : 1) * sizeof *v->key);
	v->dkey = dd_arena_alloc(a, (v->ntok ? v->ntok : 1) * sizeof *v->dkey);
	/* The form is the text rebuilt from the dkeys, not their sequence: NFKC
	 * may fold one token into several ("\u2026" is "..."). */
	dd_buf *fb = &c->buf;
	dd_buf_reset(fb);
	dd_buf_putc(fb, 'F'); /* keeps forms apart from the key sequences */
	for (size_t i = 0; i < v->ntok; i++) {
		v->key[i] = intern_str(&c->in, v->tok[i].key);
		v->dkey[i] = intern_str(&c->in, v->tok[i].dkey);
		if (v->tok[i].space_before)
			dd_buf_putc(fb, ' ');
		dd_buf_puts(fb, v->tok[i].dkey);
	}
	/* The wording a variant votes for ignores paragraph breaks: "A. B." and
	 * "A." + "B." are one wording, and the commonest paragraphing of the
	 * winning wording is then chosen among its forms. */
	c->b.n = 0;
	for (size_t i = 0; i < v->ntok; i++)
		if (v->tok[i].kind != DD_TOK_BREAK)
			u32_push(&c->b, v->key[i]);
	v->group = intern_get(&c->in, c->b.v, c->b.n * sizeof *c->b.v);
	v->form = intern_get(&c->in, fb->ptr, fb->len);
}

/* ---- classification ---- */

enum { SKIP_BREAK = 1, SKIP_PUNCT = 2, USE_KEY = 4 };

static void project(const dd_value *v, int how, u32v *out)
{
	out->n = 0;
	for (size_t i = 0; i < v->ntok; i++) {
		dd_tok_kind k = v->tok[i].kind;
		if ((how & SKIP_BREAK) && k == DD_TOK_BREAK)
			continue;
		if ((how & SKIP_PUNCT) && k == DD_TOK_PUNCT)
			continue;
		u32_push(out, (how & USE_KEY) ? v->key[i] : v->dkey[i]);
	}
}

static int same_u32(const u32v *a, const u32v *b)
{
	return a->n == b->n && (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof *a->v) == 0);
}

static int same_projection(dd_recon_ctx *c, const dd_value *a, const dd_value *b, int how)
{
	project(a, how, &c->a);
	project(b, how, &c->b);
	return same_u32(&c->a, &c->b);
}

/* Word, number and symbol keys run together: "No Content" == "NoContent". */
static int same_spacing(dd_recon_ctx *c, const dd_value *a, const dd_value *b)
{
	dd_buf *buf = &c->buf;
	dd_buf_reset(buf);
	for (size_t i = 0; i < a->ntok; i++)
		if (a->tok[i].kind != DD_TOK_PUNCT && a->tok[i].kind != DD_TOK_BREAK)
			dd_buf_puts(buf, a->tok[i].key);
	size_t la = buf->len;
	for (size_t i = 0; i < b->ntok; i++)
		if (b->tok[i].kind != DD_TOK_PUNCT && b->tok[i].kind != DD_TOK_BREAK)
			dd_buf_puts(buf, b->tok[i].key);
	return la > 0 && buf->len == 2 * la && memcmp(buf->ptr, buf->ptr + la, la) == 0;
}

/* One is a prefix of the other, by token keys (breaks ignored; trailing
 * punctuation of the shorter one ignored). */
static int is_truncation(dd_recon_ctx *c, const dd_value *a, const dd_value *b)
{
	project(a, SKIP_BREAK | USE_KEY, &c->a);
	project(b, SKIP_BREAK | USE_KEY, &c->b);
	u32v *s = c->a.n <= c->b.n ? &c->a : &c->b, *l = s == &c->a ? &c->b : &c->a;
	const dd_value *sv = s == &c->a ? a : b;
	size_t n = s->n;
	/* trailing punctuation of the shorter value */
	size_t ti = sv->ntok;
	while (n > 0 && ti > 0) {
		ti--;
		if (sv->tok[ti].kind == DD_TOK_BREAK)
			continue;
		if (sv->tok[ti].kind != DD_TOK_PUNCT)
			break;
		n--;
	}
	return n > 0 && n < l->n && memcmp(s->v, l->v, n * sizeof *s->v) == 0;
}

/* Every change is a replacement of at most DD_SUBST_MAX_TOKENS tokens, and
 * enough tokens are shared. */
static int is_substitution(const dd_script *s, size_t na, size_t nb)
{
	size_t longer = na > nb ? na : nb;
	if (s->ndel > DD_SUBST_MAX_TOKENS || s->nins > DD_SUBST_MAX_TOKENS)
		return 0;
	if (s->neq * 100 < (size_t)DD_SUBST_MIN_SHARED_PCT * longer)
		return 0;
	for (size_t i = 0; i < s->n; i++) {
		if (s->v[i].op == DD_EDIT_EQ)
			continue;
		int del = s->v[i].op == DD_EDIT_DEL;
		int paired = del ? i + 1 < s->n && s->v[i + 1].op == DD_EDIT_INS
		                 : i > 0 && s->v[i - 1].op == DD_EDIT_DEL;
		if (!paired)
			return 0;
	}
	return 1;
}

dd_class dd_classify(dd_recon_ctx *c, const dd_value *a, const dd_value *b, double *similarity)
{
	if (a->form == b->form) {
		if (similarity)
			*similarity = 1.0;
		return DD_CLASS_NONE;
	}
	/* similarity: Dice coefficient of the token-key LCS, breaks ignored; the
	 * script stays in c->s for the substitution test (nothing below diffs) */
	project(a, SKIP_BREAK | USE_KEY, &c->a);
	project(b, SKIP_BREAK | USE_KEY, &c->b);
	dd_diff(c->a.v, c->a.n, c->b.v, c->b.n, &c->s);
	size_t na = c->a.n, nb = c->b.n;
	double sim = na + nb ? 2.0 * (double)c->s.neq / (double)(na + nb) : 1.0;
	if (similarity)
		*similarity = sim;
	if (same_projection(c, a, b, 0))
		return DD_CLASS_WHITESPACE;
	if (same_projection(c, a, b, SKIP_BREAK))
		return DD_CLASS_PARAGRAPHING;
	if (same_projection(c, a, b, SKIP_BREAK | USE_KEY))
		return DD_CLASS_CASE;
	if (same_projection(c, a, b, SKIP_BREAK | SKIP_PUNCT | USE_KEY))
		return DD_CLASS_PUNCTUATION;
	if (same_spacing(c, a, b))
		return DD_CLASS_SPACING;
	if (is_truncation(c, a, b))
		return DD_CLASS_TRUNCATION;
	if (is_substitution(&c->s, na, nb))
		return DD_CLASS_SUBSTITUTION;
	return DD_CLASS_REWORDING;
}

/* ---- variants and labels ---- */

typedef struct build {
	dd_recon *r;
	dd_recon_ctx *c;
	const dd_recon_opts *o;
	dd_diag_sink *diags;
	/* Values by raw text: a doc repo repeats the same wording thousands of
	 * times, and each distinct text is normalised and tokenised once. */
	intern vtext;
	dd_value *vals;
	size_t nvals, vcap;
	dd_buf vkey;
} build;

static const char *base_name(dd_arena *a, const char *path)
{
	const char *s = strrchr(path, '/');
	s = s ? s + 1 : path;
	const char *dot = strrchr(s, '.');
	return dd_arena_strndup(a, s, dot && dot != s ? (size_t)(dot - s) : strlen(s));
}

static int var_label_cmp(const void *x, const void *y)
{
	const dd_variant *a = x, *b = y;
	int c = strcmp(a->label, b->label);
	return c ? c : (a->index > b->index) - (a->index < b->index);
}

static int prefer_rank(const dd_recon_opts *o, const dd_variant *v)
{
	for (size_t i = 0; o && i < o->nprefer; i++)
		if (strcmp(o->prefer[i], v->label) == 0 || strcmp(o->prefer[i], v->service) == 0)
			return (int)i;
	return INT_MAX;
}

/* Labels every variant; returns -1 after reporting a bad --label. */
static int label_variants(build *bd, dd_variant *var, unsigned nvar)
{
	dd_recon *r = bd->r;
	/* how many documents share each service */
	intern svc = {dd_arena_new(), NULL, 0, NULL, NULL, 0, 0};
	unsigned *per = dd_xcalloc(nvar + 1, sizeof *per);
	uint32_t *sv = dd_xcalloc(nvar + 1, sizeof *sv);
	for (unsigned i = 0; i < nvar; i++) {
		sv[i] = intern_str(&svc, var[i].service);
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
	intern_free(&svc);
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
			             "--label %s=%s names no input document with a status-code table; "
			             "expected PATH exactly as read (a file given or found in a directory)",
			             l->name, l->path);
			bad = 1;
		}
	}
	if (bad)
		return -1;
	for (size_t i = 0; bd->o && i < bd->o->nprefer; i++) {
		unsigned hit = 0;
		for (unsigned j = 0; j < nvar && !hit; j++)
			hit = strcmp(bd->o->prefer[i], var[j].label) == 0 ||
			      strcmp(bd->o->prefer[i], var[j].service) == 0;
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

/* ---- canonical values ---- */

typedef struct voter {
	unsigned entry;
	uint32_t group, form;
	int prefer;
	unsigned index;
} voter;

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

typedef struct wording {
	size_t first, count;     /* run in the sorted voters */
	int prefer;              /* best rank among its members */
	unsigned index;          /* earliest input index among its members */
	size_t dist;             /* medoid: total distance to every other voter */
	int alive;
} wording;

/* Word-level edit distance on comparison keys; paragraph breaks are left out,
 * as they are from the vote. */
static size_t key_distance(dd_recon_ctx *c, const dd_value *a, const dd_value *b)
{
	project(a, SKIP_BREAK | USE_KEY, &c->a);
	project(b, SKIP_BREAK | USE_KEY, &c->b);
	return dd_diff(c->a.v, c->a.n, c->b.v, c->b.n, &c->s);
}

static void choose(build *bd, dd_aligned *cd, int f)
{
	dd_recon *r = bd->r;
	dd_canon *cn = &cd->canon[f];
	memset(cn, 0, sizeof *cn);
	voter *vt = dd_xmalloc((cd->n + 1) * sizeof *vt);
	size_t nv = 0;
	for (unsigned i = 0; i < cd->n; i++) {
		const dd_value *v = &cd->e[i].f[f];
		if (!v->ntok)
			continue;
		const dd_variant *var = &r->var[cd->e[i].variant];
		vt[nv++] = (voter){i, v->group, v->form, var->prefer_rank, var->index};
	}
	cn->voters = (unsigned)nv;
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
	if (alive > 1 && nw <= DD_MEDOID_MAX_WORDINGS) {
		size_t min = (size_t)-1;
		for (size_t i = 0; i < nw; i++) {
			if (!w[i].alive)
				continue;
			const dd_value *a = &cd->e[vt[w[i].first].entry].f[f];
			for (size_t j = 0; j < nw; j++)
				if (j != i)
					w[i].dist += w[j].count *
					             key_distance(bd->c, a, &cd->e[vt[w[j].first].entry].f[f]);
			if (w[i].dist < min)
				min = w[i].dist;
		}
		alive = 0;
		for (size_t i = 0; i < nw; i++)
			if (w[i].alive && (w[i].alive = w[i].dist == min))
				alive++;
		how = DD_CHOSEN_MEDOID;
	}
	if (alive > 1) {
		int min = INT_MAX;
		for (size_t i = 0; i < nw; i++)
			if (w[i].alive && w[i].prefer < min)
				min = w[i].prefer;
		if (min != INT_MAX) {
			alive = 0;
			for (size_t i = 0; i < nw; i++)
				if (w[i].alive && (w[i].alive = w[i].prefer == min))
					alive++;
			how = DD_CHOSEN_PREFER;
		}
	}
	if (alive > 1) {
		unsigned min = UINT_MAX;
		for (size_t i = 0; i < nw; i++)
			if (w[i].alive && w[i].index < min)
				min = w[i].index;
		for (size_t i = 0; i < nw; i++)
			if (w[i].alive)
				w[i].alive = w[i].index == min;
		how = DD_CHOSEN_ORDER;
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
	cn->value = &cd->e[cn->entry].f[f];
	cn->chosen = how;
	/* Support counts the wording (paragraph breaks aside); a supporter that
	 * paragraphs it differently still gets its own paragraphing finding. */
	cn->agree = dd_arena_alloc(r->arena, nm * sizeof *cn->agree);
	for (unsigned i = 0; i < cd->n; i++)
		if (cd->e[i].f[f].ntok && cd->e[i].f[f].group == cn->value->group)
			cn->agree[cn->support++] = cd->e[i].variant;
	free(w);
	free(vt);
}

/* ---- findings and systematic substitutions ---- */

typedef struct occ {
	uint32_t pair;
	unsigned variant;
	size_t code, finding;    /* finding NO_FINDING: inferred for a canonical supporter */
	int field;
	const dd_token *from, *to;
	const uint32_t *fk, *tk; /* their keys */
	size_t nfrom, nto;
	uint32_t rev;            /* NO_PAIR, or the reversed pair this one is explained by */
	int sys;
} occ;

#define NO_FINDING ((size_t)-1)
#define NO_PAIR 0xFFFFFFFFu

static uint32_t pair_id(intern *in, u32v *tmp, const uint32_t *fk, size_t nf, const uint32_t *tk,
                        size_t nt)
{
	tmp->n = 0;
	for (size_t k = 0; k < nf; k++)
		u32_push(tmp, fk[k]);
	u32_push(tmp, 0xFFFFFFFFu);
	for (size_t k = 0; k < nt; k++)
		u32_push(tmp, tk[k]);
	u32_push(tmp, 0xFFFFFFFEu);
	return intern_get(in, tmp->v, tmp->n * sizeof *tmp->v);
}

typedef struct occv {
	occ *v;
	size_t n, cap;
} occv;

static void occ_push(occv *o, occ x)
{
	DD_GROW(o->v, o->n, o->cap);
	o->v[o->n++] = x;
}

static void ids_for(const dd_value *v, dd_class cls, u32v *out)
{
	out->n = 0;
	for (size_t i = 0; i < v->ntok; i++) {
		uint32_t id;
		if (cls == DD_CLASS_WHITESPACE)
			id = v->dkey[i] * 2 + v->tok[i].space_before;
		else if (cls < DD_CLASS_TRUNCATION)
			id = v->dkey[i];
		else
			id = v->key[i];
		u32_push(out, id);
	}
}

/* Classifies variant value b against canonical a and stores the finding,
 * with a render script copied into the arena. */
static void make_finding(build *bd, dd_finding *fd, const dd_value *a, const dd_value *b)
{
	dd_recon_ctx *c = bd->c;
	fd->cls = dd_classify(c, a, b, &fd->similarity);
	ids_for(a, fd->cls, &c->a);
	ids_for(b, fd->cls, &c->b);
	dd_diff(c->a.v, c->a.n, c->b.v, c->b.n, &c->s);
	fd->nedits = c->s.n;
	fd->edits = dd_arena_alloc(bd->r->arena, (c->s.n + 1) * sizeof *fd->edits);
	memcpy(fd->edits, c->s.v, c->s.n * sizeof *fd->edits);
}

static int has_break(const dd_token *t, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (t[i].kind == DD_TOK_BREAK)
			return 1;
	return 0;
}

/* Replacement hunks of a substitution or rewording, for systematic grouping. */
static void collect_pairs(build *bd, occv *ov, size_t code, size_t fi, const dd_finding *fd,
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

static uint32_t intern_find(const intern *t, const void *p, size_t n)
{
	if (!t->nslot)
		return NO_PAIR;
	size_t h = (size_t)hash_bytes(p, n) & (t->nslot - 1);
	while (t->slot[h]) {
		uint32_t id = t->slot[h] - 1;
		if (t->len[id] == n && memcmp(t->str[id], p, n) == 0)
			return id;
		h = (h + 1) & (t->nslot - 1);
	}
	return NO_PAIR;
}

/* Every change of fd is a replacement hunk collect_pairs records. */
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
			intern_get(vp, key, sizeof key);
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
	intern vp = {dd_arena_new(), NULL, 0, NULL, NULL, 0, 0};
	intern done = {dd_arena_new(), NULL, 0, NULL, NULL, 0, 0};
	systematic_set(ov, &vp);
	size_t n1 = ov->n;
	uint32_t key[3];
	for (size_t i = 0; i < n1 && vp.n; i++) {
		occ o = ov->v[i];
		if (o.finding == NO_FINDING || o.rev != NO_PAIR || o.sys)
			continue;
		const dd_canon *cn = &r->codes[o.code].canon[o.field];
		uint32_t rev = pair_id(&bd->c->in, &bd->c->b, o.tk, o.nto, o.fk, o.nfrom);
		unsigned s = 0;
		for (; s < cn->support; s++) {
			vp_key(key, cn->agree[s], rev);
			if (intern_find(&vp, key, 2 * sizeof *key) == NO_PAIR)
				break;
		}
		if (!cn->support || s < cn->support)
			continue;
		ov->v[i].rev = rev;
		key[0] = (uint32_t)o.code;
		key[1] = (uint32_t)o.field;
		key[2] = rev;
		size_t before = done.n;
		intern_get(&done, key, sizeof key);
		if (done.n == before)
			continue;
		for (s = 0; s < cn->support; s++)
			occ_push(ov, (occ){rev, cn->agree[s], o.code, NO_FINDING, o.field, o.to, o.from, o.tk,
			                   o.fk, o.nto, o.nfrom, NO_PAIR, 1});
	}
	intern_free(&vp);
	intern_free(&done);
	qsort(ov->v, ov->n, sizeof *ov->v, occ_cmp_pair);
}

static void systematic(build *bd, occv *ov)
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
		if (cn->support && k > cn->support) {
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
	intern ex = {dd_arena_new(), NULL, 0, NULL, NULL, 0, 0};
	uint32_t key[2];
	for (size_t i = 0; i < ov->n; i++)
		if (ov->v[i].sys) {
			key[0] = (uint32_t)ov->v[i].code;
			key[1] = ov->v[i].pair;
			intern_get(&ex, key, sizeof key);
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
			o->sys = intern_find(&ex, key, sizeof key) != NO_PAIR;
		}
	}
	intern_free(&ex);
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
	uint32_t id = intern_get(&bd->vtext, bd->vkey.ptr ? bd->vkey.ptr : "", bd->vkey.len);
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
static void make_findings(build *bd, dd_aligned *cd, size_t ci, occv *ov)
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
				make_finding(bd, fd, cv, v);
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
				make_finding(bd, fd, cv, v);
				cache[ncache++] = (fcache){v->form, cd->nf};
			}
			if (ov)
				collect_pairs(bd, ov, ci, cd->nf, fd, cv);
			cd->nf++;
		}
	}
	free(cache);
}

static void reconcile_code(build *bd, dd_aligned *cd, size_t ci, occv *ov)
{
	cd->extra = (size_t)cd->n * 2 < bd->r->nvar;
	for (int f = 0; f < DD_NFIELDS; f++)
		choose(bd, cd, f);
	make_findings(bd, cd, ci, ov);
}

/* ---- undoing systematic substitutions in canonical values ---- */

typedef struct fix {
	size_t code;
	int field;
	size_t at, n;            /* canonical tokens replaced */
	const dd_token *by;      /* by these (a dissenter's) */
	size_t nby;
} fix;

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
		if (cd->e[i].f[f].ntok && cd->e[i].f[f].group == nv->group)
			cn->agree[cn->support++] = cd->e[i].variant;
}

/* Where the canonical wording's supporters were taken to make a systematic
 * replacement (the canonical side is the odd one out), the canonical value
 * gets the others' tokens back, and the code's findings are made again:
 * the supporters then differ by the systematic substitution alone, and the
 * others no longer differ by its reverse. */
static void undo_systematic(build *bd, const occv *ov)
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
	intern vp = {dd_arena_new(), NULL, 0, NULL, NULL, 0, 0};
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
		make_findings(bd, cd, code, NULL);
		for (size_t f = 0; f < cd->nf; f++) {
			dd_finding *fd = &cd->f[f];
			if (fd->cls != DD_CLASS_SUBSTITUTION)
				continue;
			const dd_value *cv = cd->canon[fd->field].value;
			tmp.n = 0;
			collect_pairs(bd, &tmp, code, f, fd, cv);
			int all = tmp.n > 0;
			uint32_t key[2];
			for (size_t t = 0; t < tmp.n && all; t++) {
				vp_key(key, fd->variant, tmp.v[t].pair);
				all = intern_find(&vp, key, sizeof key) != NO_PAIR;
			}
			fd->systematic = all && all_pairs(fd, cv);
		}
		i = j;
	}
	free(tmp.v);
	intern_free(&vp);
	free(fx);
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

int dd_reconcile(const dd_records *rs, const dd_recon_opts *o, dd_recon *r, dd_diag_sink *diags)
{
	memset(r, 0, sizeof *r);
	r->arena = dd_arena_new();
	dd_recon_ctx *c = dd_recon_ctx_new();
	build bd = {r, c, o, diags, {dd_arena_new(), NULL, 0, NULL, NULL, 0, 0}, NULL, 0, 0, DD_BUF_INIT};
	intern files = {dd_arena_new(), NULL, 0, NULL, NULL, 0, 0};
	intern keys = {dd_arena_new(), NULL, 0, NULL, NULL, 0, 0};
	uint32_t *rv = malloc((rs->n + 1) * sizeof *rv), *rc = dd_xmalloc((rs->n + 1) * sizeof *rc);
	for (size_t i = 0; i < rs->n; i++) {
		rv[i] = intern_str(&files, rs->v[i].file ? rs->v[i].file : "");
		rc[i] = intern_str(&keys, rs->v[i].key);
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
	if (label_variants(&bd, r->var, r->nvar) < 0) {
		rcode = -1;
		goto done;
	}
	for (unsigned i = 0; i < r->nvar; i++) {
		vrank[r->var[i].index] = i;
		r->var[i].prefer_rank = prefer_rank(o, &r->var[i]);
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
	systematic(&bd, &ov);
	undo_systematic(&bd, &ov);
	/* states and counts */
	for (size_t ci = 0; ci < r->ncodes; ci++) {
		dd_aligned *cd = &r->codes[ci];
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
done:
	free(ov.v);
	free(sl);
	free(crank);
	free(corder);
	free(vrank);
	free(rv);
	free(rc);
	intern_free(&files);
	intern_free(&keys);
	intern_free(&bd.vtext);
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
