/* merge.c - the canonical merged tables.
 *
 * Tables stay apart: every document's status-code tables are its source
 * tables, and the merge has as many tables as most documents have. A
 * document with that many gives its i-th table to the i-th merged table;
 * any other document's table goes to the merged table whose codes (over
 * those documents) it shares most. Each code then goes to the merged table
 * most of its source tables went to, and each merged table takes its
 * caption, headers and layout from its source tables by vote. */
#include "reconcile_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct item {
	unsigned variant;
	unsigned table;      /* index in its document */
	size_t code;
	const dd_record *rec;
} item;

typedef struct srctab {
	unsigned variant;
	size_t first, n;     /* its items */
	size_t pos;          /* the merged table it goes to */
} srctab;

static int item_cmp(const void *x, const void *y)
{
	const item *a = x, *b = y;
	if (a->variant != b->variant)
		return a->variant < b->variant ? -1 : 1;
	if (a->table != b->table)
		return a->table < b->table ? -1 : 1;
	return (a->code > b->code) - (a->code < b->code);
}

/* A vote: a text (NULL is a vote too) and the voter's input order. */
typedef struct vote {
	const char *text;
	unsigned index;
} vote;

static int vote_cmp(const void *x, const void *y)
{
	const vote *a = x, *b = y;
	if (!a->text != !b->text)
		return a->text ? 1 : -1;
	int c = a->text ? strcmp(a->text, b->text) : 0;
	return c ? c : (a->index > b->index) - (a->index < b->index);
}

static int same(const char *a, const char *b)
{
	return a == b || (a && b && strcmp(a, b) == 0);
}

/* The text most voters give, a tie to the earliest voter; v is sorted. */
static const char *winner(vote *v, size_t n)
{
	qsort(v, n, sizeof *v, vote_cmp);
	const char *best = NULL;
	size_t bestn = 0;
	unsigned besti = 0;
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && same(v[j].text, v[i].text); j++)
			;
		if (j - i > bestn || (j - i == bestn && v[i].index < besti)) {
			best = v[i].text;
			bestn = j - i;
			besti = v[i].index;
		}
	}
	return best;
}

/* The number of tables most documents have (a tie: the larger). */
static size_t table_count(const srctab *st, size_t nst, unsigned nvar)
{
	size_t *per = dd_xcalloc(nvar + 1, sizeof *per), max = 0;
	for (size_t i = 0; i < nst; i++)
		if (++per[st[i].variant] > max)
			max = per[st[i].variant];
	size_t *freq = dd_xcalloc(max + 1, sizeof *freq), k = 1;
	for (unsigned v = 0; v < nvar; v++)
		freq[per[v]]++;
	for (size_t c = 1; c <= max; c++)
		if (freq[c] >= freq[k])
			k = c;
	free(freq);
	free(per);
	return k;
}

/* Gives every source table its merged table (st[].pos). */
static void place_tables(srctab *st, size_t nst, const item *it, size_t ncodes, size_t k)
{
	/* in[p * ncodes + code]: a document of k tables has the code in its p-th */
	unsigned char *in = dd_xcalloc(k * ncodes + 1, 1);
	for (size_t i = 0, j; i < nst; i = j) {
		for (j = i; j < nst && st[j].variant == st[i].variant; j++)
			;
		if (j - i != k)
			continue;
		for (size_t t = i; t < j; t++) {
			st[t].pos = t - i;
			for (size_t m = st[t].first; m < st[t].first + st[t].n; m++)
				in[(t - i) * ncodes + it[m].code] = 1;
		}
	}
	for (size_t i = 0, j; i < nst; i = j) {
		for (j = i; j < nst && st[j].variant == st[i].variant; j++)
			;
		if (j - i == k)
			continue;
		size_t from = 0; /* a document's tables keep their order */
		for (size_t t = i; t < j; t++) {
			size_t best = from, bestn = 0;
			for (size_t p = 0; p < k; p++) {
				size_t shared = 0;
				for (size_t m = st[t].first; m < st[t].first + st[t].n; m++)
					shared += in[p * ncodes + it[m].code];
				if (shared > bestn || (shared == bestn && bestn == 0 && p == from)) {
					best = p;
					bestn = shared;
				}
			}
			st[t].pos = best;
			from = best;
		}
	}
	free(in);
}

/* The record a merged row takes its further columns (and provenance) from:
 * the one whose description is canonical. */
static const dd_record *source_record(const dd_aligned *cd)
{
	const dd_canon *cn = &cd->canon[DD_FIELD_DESC];
	if ((cn->chosen == DD_CHOSEN_REFERENCE && cd->ref_rec && !cn->support) || !cd->n)
		return cd->ref_rec;
	return cd->e[cn->value ? cn->entry : 0].rec;
}

/* The paragraphs of a canonical value (NULL: none), their number in *n. */
static dd_para *value_paras(dd_arena *a, const dd_value *v, unsigned *n)
{
	*n = v ? v->npara : 0;
	if (!*n)
		return NULL;
	dd_para *p = dd_arena_alloc(a, *n * sizeof *p);
	for (unsigned i = 0; i < *n; i++)
		p[i] = (dd_para){v->paras[i], strlen(v->paras[i]), 0};
	return p;
}

static void merged_record(const dd_aligned *cd, const dd_merge_opts *o, dd_arena *a,
                          size_t pos, dd_record *rec)
{
	rec->key = cd->key;
	const dd_value *nm = cd->canon[DD_FIELD_NAME].value;
	const char *iana = o && o->names_iana ? dd_iana_phrase(cd->key) : NULL;
	rec->name = iana ? iana : nm && nm->npara ? nm->paras[0] : "";
	rec->desc = value_paras(a, cd->canon[DD_FIELD_DESC].value, &rec->ndesc);
	const dd_value *st = cd->canon[DD_FIELD_STATUS].value;
	rec->status = st && st->npara ? st->paras[0] : "";
	rec->solution = value_paras(a, cd->canon[DD_FIELD_SOLUTION].value, &rec->nsolution);
	const dd_record *src = source_record(cd);
	rec->kind = src->kind;
	rec->service = src->service;
	rec->page = src->page;
	rec->extra = src->extra;
	rec->nextra = src->nextra;
	rec->file = src->file;
	rec->format = src->format;
	rec->line = src->line;
	rec->column = src->column;
	rec->table = (unsigned)pos;
	rec->has_name = *rec->name != '\0';
	rec->has_desc = rec->ndesc > 0;
	rec->has_status = *rec->status != '\0';
	rec->has_solution = rec->nsolution > 0;
}

/* Caption, headers and layout of merged table p, by vote of its source tables. */
static void table_layout(const dd_recon *r, const srctab *st, size_t nst, const item *it,
                         size_t p, dd_merged_table *mt)
{
	vote *v = dd_xmalloc((nst + 1) * sizeof *v);
	size_t n = 0, nsimple = 0, njoined = 0, nmeta = 0, nsrc = 0;
	int any_name = 0, any_desc = 0, any_status = 0, any_solution = 0;
	for (size_t i = 0; i < nst; i++) {
		if (st[i].pos != p)
			continue;
		const dd_record *rec = it[st[i].first].rec;
		unsigned index = r->var[st[i].variant].index;
		v[n++] = (vote){rec->caption, index};
		nsrc++;
		nsimple += rec->format && strcmp(rec->format, "rst-simple") == 0;
		nmeta += rec->meta != NULL;
		njoined += rec->meta && rec->meta->joined;
		for (size_t m = st[i].first; m < st[i].first + st[i].n; m++) {
			any_name |= it[m].rec->has_name;
			any_desc |= it[m].rec->has_desc;
			any_status |= it[m].rec->has_status;
			any_solution |= it[m].rec->has_solution;
		}
	}
	mt->caption = winner(v, n);
	/* the caption's markup: the form most of the tables with it use */
	size_t nm = 0;
	for (size_t i = 0; i < nst; i++) {
		const dd_record *rec = it[st[i].first].rec;
		if (st[i].pos == p && same(rec->caption, mt->caption))
			v[nm++] = (vote){rec->meta ? rec->meta->caption_markup : NULL,
			                 r->var[st[i].variant].index};
	}
	mt->caption_markup = mt->caption ? winner(v, nm) : NULL;
	mt->joined = njoined * 2 > nmeta;
	/* the key column's header from the tables that lay it out alike (a
	 * "Returned Value" of "200 OK" cells, or a "Status Code" of codes) */
	for (int k = 0; k < DD_NROLES; k++) {
		size_t nh = 0;
		for (size_t i = 0; i < nst; i++) {
			const dd_table_meta *m = it[st[i].first].rec->meta;
			if (st[i].pos == p && m && m->head[k] && (k != DD_ROLE_KEY || m->joined == mt->joined))
				v[nh++] = (vote){m->head[k], r->var[st[i].variant].index};
		}
		mt->head[k] = nh ? winner(v, nh) : NULL;
	}
	const dd_table_meta *w = NULL; /* widths, when the tables that have them agree */
	int agree = 1;
	for (size_t i = 0; i < nst && agree; i++) {
		const dd_table_meta *m = it[st[i].first].rec->meta;
		if (st[i].pos != p || !m || !m->colw)
			continue;
		if (!w)
			w = m;
		else
			agree = m->ncolw == w->ncolw && m->colgap == w->colgap &&
			        memcmp(m->colw, w->colw, w->ncolw * sizeof *w->colw) == 0;
	}
	if (w && agree) {
		mt->colw = w->colw;
		mt->ncolw = w->ncolw;
		mt->colgap = w->colgap;
	}
	mt->simple = nsimple * 2 > nsrc;
	mt->no_name = !any_name;
	mt->no_desc = !any_desc;
	mt->no_status = !any_status;
	mt->no_solution = !any_solution;
	free(v);
}

/* DD-530: code cd is left out of the merge. */
static void note_left_out(const dd_recon *r, const dd_aligned *cd, unsigned need, int asked,
                          dd_diag_sink *diags)
{
	dd_buf who = DD_BUF_INIT, at = DD_BUF_INIT;
	for (unsigned i = 0; i < cd->n && i < 4; i++)
		dd_buf_printf(&who, "%s%s", i ? ", " : "", r->var[cd->e[i].variant].label);
	if (cd->n > 4)
		dd_buf_printf(&who, " and %u more", cd->n - 4);
	const dd_record *rec = cd->e[0].rec;
	dd_buf_printf(&at, "%s:%u:%u", rec->file, rec->line, rec->column);
	char limit[40];
	snprintf(limit, sizeof limit, asked ? "--min-support %u" : "half", need);
	dd_diag_file(diags, at.ptr, DD_NOTE, DD_N_MERGE_LEFT_OUT,
	             "code %s left out of the merge: %u of %u documents %s it (%s), fewer than %s; "
	             "--all-codes or --min-support %u keeps it",
	             cd->key, cd->n, r->nvar, cd->n == 1 ? "has" : "have", who.ptr, limit, cd->n);
	dd_buf_free(&who);
	dd_buf_free(&at);
}

/* Counts a field DD_CHOSEN_NONE left to the first document, naming the
 * first few for the DD-531 note. */
static void note_unchosen(const dd_recon *r, const dd_aligned *cd, int f, dd_buf *b, size_t *n)
{
	if (*n < 6)
		dd_buf_printf(b, "%s%s %s: %s", *n ? ", " : "", cd->key, dd_field_name(f),
		              r->var[cd->e[cd->canon[f].entry].variant].label);
	else if (*n == 6)
		dd_buf_puts(b, ", ...");
	(*n)++;
}

size_t dd_recon_merge(const dd_recon *r, const dd_merge_opts *o, dd_arena *a,
                      dd_merged_table **out, dd_diag_sink *diags)
{
	unsigned need = o && o->min_support ? o->min_support : (r->nvar + 1) / 2;
	size_t nit = 0;
	for (size_t i = 0; i < r->ncodes; i++)
		nit += r->codes[i].n;
	item *it = dd_xmalloc((nit + 1) * sizeof *it);
	nit = 0;
	for (size_t i = 0; i < r->ncodes; i++)
		for (unsigned k = 0; k < r->codes[i].n; k++) {
			const dd_entry *e = &r->codes[i].e[k];
			it[nit++] = (item){e->variant, e->rec->table, i, e->rec};
		}
	qsort(it, nit, sizeof *it, item_cmp);
	srctab *st = dd_xmalloc((nit + 1) * sizeof *st);
	size_t nst = 0;
	for (size_t i = 0, j; i < nit; i = j) {
		for (j = i; j < nit && it[j].variant == it[i].variant && it[j].table == it[i].table; j++)
			;
		st[nst++] = (srctab){it[i].variant, i, j - i, 0};
	}
	size_t k = nst ? table_count(st, nst, r->nvar) : 1;
	place_tables(st, nst, it, r->ncodes, k);
	/* each code to the merged table most of its source tables went to */
	unsigned *votes = dd_xcalloc(k * r->ncodes + 1, sizeof *votes);
	for (size_t i = 0; i < nst; i++)
		for (size_t m = st[i].first; m < st[i].first + st[i].n; m++)
			votes[st[i].pos * r->ncodes + it[m].code]++;
	size_t *pos = dd_xmalloc((r->ncodes + 1) * sizeof *pos);
	for (size_t c = 0; c < r->ncodes; c++) {
		pos[c] = c ? pos[c - 1] : 0; /* a code no document has: with the one before */
		for (size_t p = 0, best = 0; p < k; p++)
			if (votes[p * r->ncodes + c] > best) {
				best = votes[p * r->ncodes + c];
				pos[c] = p;
			}
	}
	dd_merged_table *t = dd_arena_alloc(a, k * sizeof *t);
	size_t nt = 0, nunchosen = 0;
	dd_buf unchosen = DD_BUF_INIT;
	for (size_t p = 0; p < k; p++) {
		dd_merged_table *mt = &t[nt];
		mt->recs = dd_arena_alloc(a, (r->ncodes + 1) * sizeof *mt->recs);
		for (size_t c = 0; c < r->ncodes; c++) {
			const dd_aligned *cd = &r->codes[c];
			if (pos[c] != p)
				continue;
			if (!cd->in_ref && cd->n < need) {
				note_left_out(r, cd, need, o && o->min_support, diags);
				continue;
			}
			merged_record(cd, o, a, nt, &mt->recs[mt->n++]);
			for (int f = 0; f < DD_NFIELDS; f++)
				if (cd->canon[f].chosen == DD_CHOSEN_NONE && !cd->canon[f].ncorr &&
				    cd->canon[f].value)
					note_unchosen(r, cd, f, &unchosen, &nunchosen);
		}
		if (!mt->n)
			continue;
		table_layout(r, st, nst, it, p, mt);
		for (size_t i = 0; i < mt->n; i++) {
			mt->no_name &= !mt->recs[i].has_name;
			mt->no_desc &= !mt->recs[i].has_desc;
			mt->no_status &= !mt->recs[i].has_status;
			mt->no_solution &= !mt->recs[i].has_solution;
		}
		nt++;
	}
	if (nunchosen)
		dd_diag(diags, NULL, (size_t)-1, DD_NOTE, DD_N_MERGE_UNCHOSEN,
		        "%zu field%s of the merge %s no majority wording and nothing to decide "
		        "between the documents; each is written as the first document words it "
		        "(%s); --prefer or --reference decides",
		        nunchosen, nunchosen == 1 ? "" : "s", nunchosen == 1 ? "has" : "have",
		        unchosen.ptr);
	dd_buf_free(&unchosen);
	free(pos);
	free(votes);
	free(st);
	free(it);
	*out = t;
	return nt;
}
