/* classify.c - values (a field normalised, tokenised and interned), the
 * difference classes, and findings. doc/diff.md states each class. */
#include "reconcile_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

void rc_value_tokens(dd_recon_ctx *c, dd_arena *a, dd_arena *keys, const char *const *paras,
                     unsigned npara, int borrow, dd_value *v)
{
	memset(v, 0, sizeof *v);
	dd_tokens *toks = &c->toks;
	toks->n = 0;
	v->paras = dd_arena_alloc(a, (npara ? npara : 1) * sizeof *v->paras);
	for (unsigned i = 0; i < npara; i++) {
		size_t len = strlen(paras[i]);
		const char *d = borrow && dd_norm_is_display(paras[i], len)
		                    ? paras[i]
		                    : dd_norm_display(a, paras[i], len, &len);
		if (!len)
			continue;
		if (v->npara)
			dd_tokens_break(keys, v->npara, toks);
		dd_tokenize(keys, d, len, v->npara, toks);
		v->paras[v->npara++] = d;
	}
	v->ntok = toks->n;
	v->tok = dd_arena_alloc(a, (v->ntok ? v->ntok : 1) * sizeof *v->tok);
	if (v->ntok)
		memcpy(v->tok, toks->v, v->ntok * sizeof *v->tok);
}

void rc_value_ids(dd_recon_ctx *c, dd_arena *a, dd_value *v)
{
	v->key = dd_arena_alloc(a, (v->ntok ? v->ntok : 1) * sizeof *v->key);
	v->dkey = dd_arena_alloc(a, (v->ntok ? v->ntok : 1) * sizeof *v->dkey);
	/* The form is the text rebuilt from the dkeys, not their sequence: NFKC
	 * may fold one token into several ("\u2026" is "..."). */
	dd_buf *fb = &c->buf;
	dd_buf_reset(fb);
	dd_buf_putc(fb, 'F'); /* keeps forms apart from the key sequences */
	for (size_t i = 0; i < v->ntok; i++) {
		v->key[i] = rc_intern_str(&c->in, v->tok[i].key);
		v->dkey[i] = rc_intern_str(&c->in, v->tok[i].dkey);
		if (v->tok[i].space_before)
			dd_buf_putc(fb, ' ');
		dd_buf_puts(fb, v->tok[i].dkey);
		/* the interned copies: one per distinct key, and the token's own
		 * may be in scratch memory (make_pending) */
		v->tok[i].key = c->in.str[v->key[i]];
		v->tok[i].dkey = c->in.str[v->dkey[i]];
	}
	/* The wording a variant votes for ignores paragraph breaks: "A. B." and
	 * "A." + "B." are one wording, and the commonest paragraphing of the
	 * winning wording is then chosen among its forms. */
	c->b.n = 0;
	for (size_t i = 0; i < v->ntok; i++)
		if (v->tok[i].kind != DD_TOK_BREAK)
			rc_u32_push(&c->b, v->key[i]);
	v->group = rc_intern_get(&c->in, c->b.v, c->b.n * sizeof *c->b.v);
	v->form = rc_intern_get(&c->in, fb->ptr, fb->len);
}

void dd_value_make(dd_recon_ctx *c, dd_arena *a, const char *const *paras, unsigned npara,
                   dd_value *v)
{
	rc_value_tokens(c, a, a, paras, npara, 0, v);
	rc_value_ids(c, a, v);
}

void rc_project(const dd_value *v, int how, u32v *out)
{
	out->n = 0;
	for (size_t i = 0; i < v->ntok; i++) {
		dd_tok_kind k = v->tok[i].kind;
		if ((how & RC_SKIP_BREAK) && k == DD_TOK_BREAK)
			continue;
		if ((how & RC_SKIP_PUNCT) && k == DD_TOK_PUNCT)
			continue;
		rc_u32_push(out, (how & RC_USE_KEY) ? v->key[i] : v->dkey[i]);
	}
}

static int same_u32(const u32v *a, const u32v *b)
{
	return a->n == b->n && (a->n == 0 || memcmp(a->v, b->v, a->n * sizeof *a->v) == 0);
}

static int same_projection(dd_recon_ctx *c, const dd_value *a, const dd_value *b, int how)
{
	rc_project(a, how, &c->a);
	rc_project(b, how, &c->b);
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

/* The variant b is a proper prefix of the canonical a, by token keys: its
 * text was cut off (breaks ignored; b's trailing punctuation ignored). The
 * other way round, a longer variant, is an addition. */
static int is_truncation(dd_recon_ctx *c, const dd_value *a, const dd_value *b)
{
	rc_project(a, RC_SKIP_BREAK | RC_USE_KEY, &c->a);
	rc_project(b, RC_SKIP_BREAK | RC_USE_KEY, &c->b);
	u32v *s = &c->b, *l = &c->a;
	const dd_value *sv = b;
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
		rc_u32_push(out, id);
	}
}

/* Classifies variant value b against canonical a and stores the finding,
 * with a render script copied into the arena. */
void rc_make_finding(build *bd, dd_finding *fd, const dd_value *a, const dd_value *b)
{
	dd_recon_ctx *c = bd->c;
	fd->cls = dd_classify(c, a, b, &fd->similarity);
	ids_for(a, fd->cls, &c->a);
	ids_for(b, fd->cls, &c->b);
	dd_diff(c->a.v, c->a.n, c->b.v, c->b.n, &c->s);
	fd->nedits = c->s.n;
	fd->edits = dd_arena_alloc(bd->arena, (c->s.n + 1) * sizeof *fd->edits);
	memcpy(fd->edits, c->s.v, c->s.n * sizeof *fd->edits);
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
	rc_project(a, RC_SKIP_BREAK | RC_USE_KEY, &c->a);
	rc_project(b, RC_SKIP_BREAK | RC_USE_KEY, &c->b);
	dd_diff(c->a.v, c->a.n, c->b.v, c->b.n, &c->s);
	size_t na = c->a.n, nb = c->b.n;
	double sim = na + nb ? 2.0 * (double)c->s.neq / (double)(na + nb) : 1.0;
	if (similarity)
		*similarity = sim;
	if (same_projection(c, a, b, 0))
		return DD_CLASS_WHITESPACE;
	if (same_projection(c, a, b, RC_SKIP_BREAK))
		return DD_CLASS_PARAGRAPHING;
	if (same_projection(c, a, b, RC_SKIP_BREAK | RC_USE_KEY))
		return DD_CLASS_CASE;
	if (same_projection(c, a, b, RC_SKIP_BREAK | RC_SKIP_PUNCT | RC_USE_KEY))
		return DD_CLASS_PUNCTUATION;
	if (same_spacing(c, a, b))
		return DD_CLASS_SPACING;
	if (is_truncation(c, a, b))
		return DD_CLASS_TRUNCATION;
	/* c->s: keys, breaks left out; only insertions, or only deletions */
	if (!c->s.ndel)
		return DD_CLASS_ADDITION;
	if (!c->s.nins)
		return DD_CLASS_OMISSION;
	if (is_substitution(&c->s, na, nb))
		return DD_CLASS_SUBSTITUTION;
	return DD_CLASS_REWORDING;
}

void dd_finding_diff(const dd_aligned *cd, const dd_finding *fd, int mode,
                     const char *indent, dd_buf *out)
{
	if (fd->field < 0 || !fd->value)
		return;
	const dd_value *cv = cd->canon[fd->field].value;
	dd_script s = {fd->edits, fd->nedits, fd->nedits, 0, 0, 0, 0};
	dd_diff_render(out, cv->tok, fd->value->tok, &s, mode, indent);
}
