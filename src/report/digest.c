/* digest.c - what the reports a writer reads (text, html, flat findings)
 * work out the same way: severities, the scorecard, dissenting groups. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

const char *dd_rep_kind(const dd_recon *r)
{
	return dd_kind_name(r->kind);
}

const dd_class dd_rep_class_order[DD_CLASS_COUNT - 1] = {
	DD_CLASS_MISSING,     DD_CLASS_EXTRA,        DD_CLASS_REWORDING,   DD_CLASS_SUBSTITUTION,
	DD_CLASS_ADDITION,    DD_CLASS_OMISSION,     DD_CLASS_TRUNCATION,  DD_CLASS_REFERENCE,
	DD_CLASS_SPACING,     DD_CLASS_PUNCTUATION,  DD_CLASS_CASE,        DD_CLASS_PARAGRAPHING,
	DD_CLASS_WHITESPACE,
};

dd_level dd_rep_level(const dd_recon *r, const dd_gate *g, size_t ci, size_t k)
{
	if (g)
		return dd_gate_item_of(g, ci, k)->level;
	return dd_class_default_level(r->codes[ci].f[k].cls);
}

int dd_rep_shown(const dd_gate *g, const dd_recon *r, unsigned v)
{
	return !g || dd_policy_shows(g->p, &r->var[v]);
}

void dd_rep_html_text(dd_buf *out, const char *s)
{
	for (; *s; s++)
		switch (*s) {
		case '&': dd_buf_puts(out, "&amp;"); break;
		case '<': dd_buf_puts(out, "&lt;"); break;
		case '>': dd_buf_puts(out, "&gt;"); break;
		case '"': dd_buf_puts(out, "&quot;"); break;
		case '\'': dd_buf_puts(out, "&#39;"); break;
		default: dd_buf_putc(out, *s); break;
		}
}

void dd_rep_joined(dd_buf *out, const dd_value *v, const char *sep)
{
	for (unsigned p = 0; v && p < v->npara; p++) {
		if (p)
			dd_buf_puts(out, sep ? sep : "\n");
		dd_buf_puts(out, v->paras[p]);
	}
}

/* ---- the scorecard ---- */

static int score_cmp(const void *a, const void *b)
{
	const dd_rep_score *x = a, *y = b;
	/* the smaller share of codes agreed on first: agree/of, compared crosswise */
	unsigned long long sx = (unsigned long long)x->agree * y->of,
	                   sy = (unsigned long long)y->agree * x->of;
	if (sx != sy)
		return sx < sy ? -1 : 1;
	if (x->findings != y->findings)
		return x->findings > y->findings ? -1 : 1;
	return x->variant < y->variant ? -1 : x->variant > y->variant;
}

dd_rep_score *dd_rep_scorecard(const dd_recon *r, const dd_gate *g, size_t *n)
{
	dd_rep_score *all = dd_xcalloc(r->nvar + 1, sizeof *all);
	for (unsigned v = 0; v < r->nvar; v++)
		all[v].variant = v;
	for (size_t ci = 0; ci < r->ncodes; ci++) {
		const dd_aligned *cd = &r->codes[ci];
		unsigned cur = 0;
		for (unsigned v = 0; v < r->nvar; v++) {
			char st = dd_rep_state_of(cd, v, &cur);
			all[v].of += st != '.';
			all[v].agree += st == '=';
		}
		for (size_t k = 0; k < cd->nf; k++) {
			const dd_finding *fd = &cd->f[k];
			for (int side = 0; side < 1 + (fd->neutral && fd->field >= 0); side++) {
				dd_rep_score *s = &all[side ? fd->against : fd->variant];
				if (fd->systematic)
					s->sys++;
				else
					s->cls[fd->cls]++;
				s->findings++;
			}
		}
	}
	size_t m = 0;
	for (unsigned v = 0; v < r->nvar; v++)
		if (dd_rep_shown(g, r, v))
			all[m++] = all[v];
	qsort(all, m, sizeof *all, score_cmp);
	*n = m;
	return all;
}

/* ---- dissenting groups ---- */

typedef struct gkey {
	size_t f;        /* index into the code's findings */
	size_t key;      /* offset of its key in keys: "kind field ...\x01diff" */
	size_t diff;     /* offset of its diff in keys */
	const char *kp;  /* the key, once keys has stopped growing */
} gkey;

static int gkey_cmp(const void *a, const void *b)
{
	const gkey *x = a, *y = b;
	int c = strcmp(x->kp, y->kp);
	return c ? c : (x->f > y->f) - (x->f < y->f);
}

/* The order groups are listed in: kind, field, then the largest first,
 * then the first finding. */
static int group_cmp(const void *a, const void *b)
{
	const dd_rep_group *x = a, *y = b;
	if (x->kind != y->kind)
		return x->kind - y->kind;
	if (x->field != y->field)
		return x->field - y->field;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return (x->f[0] > y->f[0]) - (x->f[0] < y->f[0]);
}

void dd_rep_group_code(const dd_aligned *cd, int with_systematic, dd_rep_groups *gs)
{
	memset(gs, 0, sizeof *gs);
	gkey *k = dd_xcalloc(cd->nf + 1, sizeof *k);
	size_t n = 0;
	dd_buf diff = DD_BUF_INIT;
	for (size_t i = 0; i < cd->nf; i++) {
		const dd_finding *fd = &cd->f[i];
		if (fd->systematic && !with_systematic)
			continue;
		int kind = fd->field >= 0                     ? DD_GROUP_FIELD
		           : fd->cls == DD_CLASS_EXTRA        ? DD_GROUP_EXTRA
		           : fd->neutral                      ? DD_GROUP_SPLIT
		                                              : DD_GROUP_MISSING;
		k[n].f = i;
		k[n].key = gs->keys.len;
		dd_buf_printf(&gs->keys, "%d %d", kind, fd->field);
		if (kind == DD_GROUP_FIELD) {
			/* the same change: class (and reason), who it is against, the diff */
			dd_buf_reset(&diff);
			dd_finding_diff(cd, fd, DD_DIFF_PLAIN, "", &diff);
			dd_buf_printf(&gs->keys, " %d %d %d %u %d ", (int)fd->cls, (int)fd->reason,
			              fd->neutral, fd->neutral ? fd->against : 0, fd->systematic);
			dd_buf_putc(&gs->keys, '\0');
			k[n].diff = gs->keys.len;
			dd_buf_put(&gs->keys, diff.ptr ? diff.ptr : "", diff.len);
		} else {
			dd_buf_putc(&gs->keys, '\0');
			k[n].diff = gs->keys.len;
		}
		dd_buf_putc(&gs->keys, '\0');
		n++;
	}
	dd_buf_free(&diff);
	/* keys hold "prefix\0diff\0": prefix and diff as one string to compare */
	for (size_t i = 0; i < n; i++) {
		gs->keys.ptr[k[i].diff - 1] = '\x01';
		k[i].kp = gs->keys.ptr + k[i].key;
	}
	qsort(k, n, sizeof *k, gkey_cmp);
	gs->idx = dd_xmalloc((n + 1) * sizeof *gs->idx);
	gs->v = dd_xcalloc(n + 1, sizeof *gs->v);
	for (size_t i = 0; i < n; i++) {
		gs->idx[i] = k[i].f;
		if (i && strcmp(k[i].kp, k[i - 1].kp) == 0) {
			gs->v[gs->n - 1].n++;
			continue;
		}
		const dd_finding *fd = &cd->f[k[i].f];
		dd_rep_group *g = &gs->v[gs->n++];
		g->kind = gs->keys.ptr[k[i].key] - '0';
		g->field = fd->field;
		g->f = &gs->idx[i];
		g->n = 1;
		g->diff = gs->keys.ptr + k[i].diff;
	}
	/* members were sorted by finding index within a key: by variant label */
	qsort(gs->v, gs->n, sizeof *gs->v, group_cmp);
	free(k);
}

void dd_rep_groups_free(dd_rep_groups *gs)
{
	if (!gs)
		return;
	free(gs->v);
	free(gs->idx);
	dd_buf_free(&gs->keys);
	memset(gs, 0, sizeof *gs);
}
