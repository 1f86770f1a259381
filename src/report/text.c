/* text.c - the text report of `docdrift diff` (plain or ANSI colour),
 * fitted to the terminal: the summary and scorecard (text_summary.c), then
 * every code with a listed difference, each change shown once with the
 * variants that make it. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

/* Supporters are named while there are at most this many; beyond, the
 * dissenting groups say who differs. */
#define TEXT_SUPPORT_NAMED 6

static int listed(const dd_aligned *cd)
{
	for (size_t i = 0; i < cd->nf; i++)
		if (!cd->f[i].systematic)
			return 1;
	return 0;
}

static void put_paras(dd_text_ctx *t, const dd_value *v, dd_buf *out)
{
	for (unsigned p = 0; p < v->npara; p++) {
		dd_buf_printf(&t->line, "    %s", v->paras[p]);
		dd_text_flush(t, out, "    ");
	}
}

static void put_canon(dd_text_ctx *t, const dd_aligned *cd, int f, dd_buf *out)
{
	const dd_recon *r = t->r;
	const dd_canon *cn = &cd->canon[f];
	if (!cn->value)
		return;
	if (cn->chosen == DD_CHOSEN_NONE && !cn->ncorr) {
		/* no canonical: two variants are shown as a pair with their finding;
		 * more, against the first document's wording, blaming none */
		if (cn->voters > 2) {
			dd_buf_printf(&t->line, "  %s: no majority, so no variant is taken to be wrong; "
			              "each is compared with %s (named first):",
			              dd_field_name(f), r->var[cd->e[cn->entry].variant].label);
			dd_text_flush(t, out, "    ");
			put_paras(t, cn->value, out);
		}
		return;
	}
	dd_buf_printf(&t->line, "  %s %u/%u", dd_field_name(f), cn->support, cn->voters);
	if (cn->support && cn->support < cn->voters && cn->support <= TEXT_SUPPORT_NAMED) {
		dd_buf_puts(&t->line, " (");
		for (unsigned i = 0; i < cn->support; i++)
			dd_buf_printf(&t->line, "%s%s", i ? ", " : "", r->var[cn->agree[i]].label);
		dd_buf_putc(&t->line, ')');
	}
	if (cn->chosen == DD_CHOSEN_REFERENCE)
		dd_buf_printf(&t->line, ", from the reference %s", cn->source);
	else if (cn->chosen == DD_CHOSEN_NONE)
		dd_buf_puts(&t->line, ", no majority");
	else if (cn->chosen != DD_CHOSEN_ONLY && cn->chosen != DD_CHOSEN_MAJORITY)
		dd_buf_printf(&t->line, ", tie broken by %s", dd_choice_name(cn->chosen));
	for (unsigned i = 0; i < cn->ncorr; i++)
		if (dd_rep_first_undo(cn, i))
			dd_buf_printf(&t->line, ", systematic \"%s\" -> \"%s\" undone", cn->corr_to[i],
			              cn->corr_from[i]);
	dd_buf_putc(&t->line, ':');
	dd_text_flush(t, out, "    ");
	put_paras(t, cn->value, out);
}

/* "dcs (1:3250)": a variant and where its row is. */
static void put_at(dd_buf *b, const dd_recon *r, const dd_finding *fd)
{
	dd_buf_puts(b, r->var[fd->variant].label);
	if (fd->rec)
		dd_buf_printf(b, DD_REP_GLUES "(%u:%u)", fd->rec->line, fd->rec->column);
}

/* "iam", or "3 variants: dcs (1:3250), iam (23:6), vpc (4:2)". */
static void put_who(dd_buf *b, const dd_recon *r, const dd_aligned *cd, const dd_rep_group *gr,
                    int at)
{
	if (gr->n > 1)
		dd_buf_printf(b, "%zu" DD_REP_GLUES "variants: ", gr->n);
	for (size_t i = 0; i < gr->n; i++) {
		const dd_finding *fd = &cd->f[gr->f[i]];
		if (i)
			dd_buf_puts(b, ", ");
		if (at)
			put_at(b, r, fd);
		else
			dd_buf_puts(b, r->var[fd->variant].label);
	}
}

static void put_group(dd_text_ctx *t, const dd_aligned *cd, const dd_rep_group *gr, dd_buf *out)
{
	const dd_recon *r = t->r;
	const dd_finding *fd = &cd->f[gr->f[0]];
	dd_buf *b = &t->line;
	switch (gr->kind) {
	case DD_GROUP_MISSING:
		dd_buf_puts(b, "  - missing in ");
		put_who(b, r, cd, gr, 0);
		dd_text_flush(t, out, "      ");
		return;
	case DD_GROUP_SPLIT:
		/* half the variants have it: neither half is taken to be wrong */
		dd_buf_puts(b, "  - only in ");
		for (unsigned e = 0; e < cd->n; e++)
			dd_buf_printf(b, "%s%s", e ? ", " : "", r->var[cd->e[e].variant].label);
		dd_buf_puts(b, ", not in ");
		for (size_t i = 0; i < gr->n; i++)
			dd_buf_printf(b, "%s%s", i ? ", " : "", r->var[cd->f[gr->f[i]].variant].label);
		dd_text_flush(t, out, "      ");
		return;
	case DD_GROUP_EXTRA:
		dd_buf_puts(b, "  + extra in ");
		put_who(b, r, cd, gr, 1);
		dd_text_flush(t, out, "      ");
		return;
	}
	if (fd->neutral && cd->canon[fd->field].voters == 2) {
		const dd_record *with = NULL; /* the other side of the pair */
		for (unsigned e = 0; e < cd->n; e++)
			if (cd->e[e].variant == fd->against)
				with = cd->e[e].rec;
		dd_buf_printf(b, "  ~ %s", r->var[fd->against].label);
		if (with)
			dd_buf_printf(b, DD_REP_GLUES "(%u:%u)", with->line, with->column);
		dd_buf_puts(b, " and ");
		put_at(b, r, fd);
		dd_buf_printf(b, " differ: %s %s", dd_field_name(fd->field), dd_class_name(fd->cls));
	} else {
		dd_buf_printf(b, "  ~ %s %s", dd_field_name(fd->field), dd_class_name(fd->cls));
	}
	if (fd->cls == DD_CLASS_REFERENCE)
		dd_rep_reason(fd, b);
	else if (dd_class_has_similarity(fd->cls))
		dd_buf_printf(b, " (similarity" DD_REP_GLUES "%.2f)", fd->similarity);
	if (!(fd->neutral && cd->canon[fd->field].voters == 2)) {
		dd_buf_puts(b, ": ");
		put_who(b, r, cd, gr, 1);
	}
	dd_text_flush(t, out, "      "); /* deeper than the diff under it */
	dd_buf_puts(b, "    ");
	dd_finding_diff(cd, fd, t->color, "    ", b);
	dd_rep_wrap(out, b->ptr, b->len, t->width, "    ");
	dd_buf_reset(b);
}

static void put_code(dd_text_ctx *t, const dd_aligned *cd, dd_buf *out)
{
	const dd_recon *r = t->r;
	dd_rep_groups gs;
	dd_rep_group_code(cd, 0, &gs);
	dd_buf_printf(out, "\nCode %s (%u of %u variants%s)\n", cd->key, cd->n, r->nvar,
	              cd->extra ? ", extra" : "");
	size_t i = 0;
	for (; i < gs.n && gs.v[i].kind != DD_GROUP_FIELD; i++)
		put_group(t, cd, &gs.v[i], out);
	for (int f = 0; f < DD_NFIELDS; f++) {
		put_canon(t, cd, f, out);
		for (; i < gs.n && gs.v[i].field == f; i++)
			put_group(t, cd, &gs.v[i], out);
	}
	dd_rep_groups_free(&gs);
}

static void put_unregistered(dd_text_ctx *t, dd_buf *out)
{
	const dd_recon *r = t->r;
	size_t n = 0;
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].unregistered)
			dd_buf_printf(&t->line, "%s %s", n++ ? "," : "Not in the IANA registry (names as "
			              "the documents give them):", r->codes[i].key);
	if (n) {
		dd_buf_putc(out, '\n');
		dd_text_flush(t, out, "  ");
	}
	dd_buf_reset(&t->line);
}

static void put_systematic(dd_text_ctx *t, dd_buf *out)
{
	const dd_recon *r = t->r;
	if (!r->nsys)
		return;
	dd_buf_puts(&t->line, "\nSystematic substitutions (one variant, the same replacement in "
	                      "several codes)");
	dd_text_flush(t, out, "  ");
	for (size_t i = 0; i < r->nsys; i++) {
		const dd_systematic *s = &r->sys[i];
		dd_buf_printf(&t->line, "  \"%s\" -> \"%s\"", s->from, s->to);
		dd_text_flush(t, out, "    ");
		for (size_t u = 0; u < s->nuses; u++) {
			const dd_sys_use *us = &s->uses[u];
			dd_buf_printf(&t->line, "    %s in %zu code%s:", r->var[us->variant].label,
			              us->ncodes, us->ncodes == 1 ? "" : "s");
			for (size_t k = 0; k < us->ncodes; k++)
				dd_buf_printf(&t->line, " %s", us->codes[k]);
			dd_text_flush(t, out, "      ");
		}
	}
}

/* The codes are written a batch at a time: each code of a batch into its
 * own buffer on the threads (a worker has its own scratch line), then the
 * buffers in code order, so the bytes are the same for any number of
 * threads. A batch is a few codes per thread: one code's part can run to
 * megabytes (thousands of variants), and a batch is held whole. */
enum { TEXT_BATCH = 64, TEXT_PER_THREAD = 4 };

typedef struct code_batch {
	dd_text_ctx *wt;     /* per worker */
	const size_t *ci;    /* the batch's codes */
	dd_buf *out;         /* per code of the batch */
} code_batch;

static void code_task(void *ctx, unsigned worker, size_t i)
{
	code_batch *b = ctx;
	dd_text_ctx *t = &b->wt[worker];
	put_code(t, &t->r->codes[b->ci[i]], &b->out[i]);
}

static void put_codes(const dd_text_ctx *t, unsigned threads, dd_buf *out, FILE *spill)
{
	const dd_recon *r = t->r;
	if (threads < 1)
		threads = 1;
	dd_text_ctx *wt = dd_xmalloc(threads * sizeof *wt);
	for (unsigned w = 0; w < threads; w++) {
		wt[w] = *t;
		wt[w].line = (dd_buf)DD_BUF_INIT;
	}
	size_t ci[TEXT_BATCH];
	dd_buf bufs[TEXT_BATCH];
	code_batch b = {wt, ci, bufs};
	size_t batch = threads * TEXT_PER_THREAD < TEXT_BATCH ? threads * TEXT_PER_THREAD : TEXT_BATCH;
	for (size_t i = 0; i < r->ncodes;) {
		size_t n = 0;
		for (; i < r->ncodes && n < batch; i++)
			if (listed(&r->codes[i])) {
				ci[n] = i;
				bufs[n++] = (dd_buf)DD_BUF_INIT;
			}
		dd_parallel_for(n, threads, code_task, &b);
		for (size_t k = 0; k < n; k++) {
			dd_rep_spill(out, spill);
			dd_buf_put(out, bufs[k].ptr ? bufs[k].ptr : "", bufs[k].len);
			dd_buf_free(&bufs[k]);
		}
	}
	for (unsigned w = 0; w < threads; w++)
		dd_buf_free(&wt[w].line);
	free(wt);
}

void dd_report_text(const dd_recon *r, const dd_gate *g, const dd_report_opts *o, dd_buf *out,
                    FILE *spill)
{
	dd_text_ctx t = {r, g, o && o->width ? o->width : DD_REPORT_WIDTH, o && o->color,
	                 o && o->matrix, NULL, 0, 0, DD_BUF_INIT};
	t.num = dd_xcalloc(r->nvar + 1, sizeof *t.num);
	for (unsigned v = 0; v < r->nvar; v++)
		if (dd_rep_shown(g, r, v)) {
			t.num[v] = ++t.nshown;
			size_t l = strlen(r->var[v].label);
			if (l > t.lw)
				t.lw = l;
		}
	if (t.lw > 24)
		t.lw = 24;
	/* written out section by section (a scorecard or matrix of 10,000
	 * variants is a megabyte), then code by code */
	dd_text_summary(&t, out);
	dd_text_scorecard(&t, out);
	if (!(o && o->quiet)) {
		dd_rep_spill(out, spill);
		put_systematic(&t, out);
		dd_rep_spill(out, spill);
		put_unregistered(&t, out);
		dd_rep_spill(out, spill);
		dd_text_variants(&t, out);
		dd_rep_spill(out, spill);
		dd_text_matrix(&t, out);
		put_codes(&t, o ? o->threads : 1, out, spill);
	}
	dd_buf_free(&t.line);
	free(t.num);
}
