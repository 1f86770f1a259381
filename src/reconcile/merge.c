/* merge.c - the canonical merged table. */
#include "reconcile_internal.h"

#include <stdlib.h>
#include <string.h>

typedef struct cap_vote {
	const char *caption; /* NULL: no caption */
	unsigned index;      /* the variant's input order */
} cap_vote;

static int same_caption(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

static int cap_vote_cmp(const void *x, const void *y)
{
	const cap_vote *a = x, *b = y;
	if (!a->caption != !b->caption)
		return a->caption ? 1 : -1;
	int c = a->caption ? strcmp(a->caption, b->caption) : 0;
	return c ? c : (a->index > b->index) - (a->index < b->index);
}

/* The merged table's caption: the one most documents give (no caption is a
 * vote too), a tie to the earliest document. One vote per variant: the
 * caption of its first record's table. */
static const char *merged_caption(const dd_recon *r)
{
	cap_vote *v = dd_xcalloc(r->nvar + 1, sizeof *v);
	unsigned char *seen = dd_xcalloc(r->nvar + 1, 1);
	size_t n = 0;
	for (size_t i = 0; i < r->ncodes; i++)
		for (unsigned k = 0; k < r->codes[i].n; k++) {
			const dd_entry *e = &r->codes[i].e[k];
			if (!seen[e->variant]++)
				v[n++] = (cap_vote){e->rec->caption, r->var[e->variant].index};
		}
	qsort(v, n, sizeof *v, cap_vote_cmp);
	const char *best = NULL;
	size_t bestn = 0;
	unsigned besti = 0;
	/* runs of one caption, each led by its earliest document */
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && same_caption(v[j].caption, v[i].caption); j++)
			;
		if (j - i > bestn || (j - i == bestn && v[i].index < besti)) {
			best = v[i].caption;
			bestn = j - i;
			besti = v[i].index;
		}
	}
	free(v);
	free(seen);
	return best;
}

void dd_recon_merge(const dd_recon *r, dd_arena *a, dd_record **recs, size_t *n,
                    const char **caption)
{
	dd_record *v = dd_arena_alloc(a, (r->ncodes + 1) * sizeof *v);
	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		dd_record *rec = &v[i];
		rec->key = cd->key;
		const dd_value *nm = cd->canon[DD_FIELD_NAME].value;
		rec->name = nm && nm->npara ? nm->paras[0] : "";
		const dd_value *ds = cd->canon[DD_FIELD_DESC].value;
		if (ds && ds->npara) {
			rec->desc = dd_arena_alloc(a, ds->npara * sizeof *rec->desc);
			for (unsigned p = 0; p < ds->npara; p++)
				rec->desc[p] = (dd_para){ds->paras[p], strlen(ds->paras[p]), 0};
			rec->ndesc = ds->npara;
		}
		const dd_record *src = cd->e[cd->canon[DD_FIELD_DESC].value ? cd->canon[DD_FIELD_DESC].entry : 0].rec;
		rec->service = src->service;
		rec->page = src->page;
		/* Further columns come from the record whose description is canonical:
		 * they are not reconciled, but a merged table must not lose them. */
		rec->extra = src->extra;
		rec->nextra = src->nextra;
		rec->file = src->file;
		rec->format = src->format;
		rec->line = src->line;
		rec->column = src->column;
	}
	*recs = v;
	*n = r->ncodes;
	*caption = merged_caption(r);
}
