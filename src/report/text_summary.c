/* text_summary.c - the top of the text report: the summary (one screen
 * for any number of variants), the scorecard, the variants and the matrix. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

/* The most codes "where most variants differ" names. */
#define TEXT_DISPUTED_MAX 8

static const char *const state_legend =
	"= agrees, ~ differs, s differs only by a systematic substitution, - missing, "
	"+ extra (only a minority has the code), . absent";

static unsigned digits(size_t n)
{
	unsigned d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

void dd_text_flush(dd_text_ctx *t, dd_buf *out, const char *indent)
{
	dd_rep_wrap_line(out, t->line.ptr ? t->line.ptr : "", t->line.len, t->width, indent);
	dd_buf_reset(&t->line);
}

/* Shown variants that do not agree on code cd (an extra code they lack aside). */
static unsigned disputed(const dd_text_ctx *t, const dd_aligned *cd)
{
	unsigned n = 0, cur = 0;
	for (unsigned v = 0; v < t->r->nvar; v++) {
		char st = dd_rep_state_of(cd, v, &cur);
		n += t->num[v] && st != '=' && st != '.';
	}
	return n;
}

typedef struct dispute {
	size_t code;
	unsigned n;
} dispute;

static int dispute_cmp(const void *a, const void *b)
{
	const dispute *x = a, *y = b;
	if (x->n != y->n)
		return x->n > y->n ? -1 : 1;
	return (x->code > y->code) - (x->code < y->code);
}

/* "Where most variants differ: 408 413 (5 of 5), 100 403 (4 of 5)": the
 * codes to start with, as many groups as fit on one line. */
static void put_disputed(dd_text_ctx *t, dd_buf *out)
{
	const dd_recon *r = t->r;
	dispute *d = dd_xmalloc((r->ncodes + 1) * sizeof *d);
	size_t n = 0;
	for (size_t ci = 0; ci < r->ncodes; ci++)
		if (r->codes[ci].nf)
			d[n++] = (dispute){ci, disputed(t, &r->codes[ci])};
	qsort(d, n, sizeof *d, dispute_cmp);
	size_t all = n, more = 0; /* codes the cap leaves out of its last group */
	if (n > TEXT_DISPUTED_MAX)
		n = TEXT_DISPUTED_MAX;
	for (size_t i = n; i < all && d[i].n == d[n - 1].n; i++)
		more++;
	while (n && d[n - 1].n < 2) /* one variant out of line is the scorecard's business */
		n--, more = 0;
	dd_buf item = DD_BUF_INIT;
	dd_buf_puts(&t->line, "Where most variants differ:");
	size_t groups = 0;
	for (size_t i = 0; i < n; i++) {
		dd_buf_printf(&item, " %s", r->codes[d[i].code].key);
		if (i + 1 < n && d[i + 1].n == d[i].n)
			continue;
		if (i + 1 == n && more)
			dd_buf_printf(&item, " and" DD_REP_GLUES "%zu" DD_REP_GLUES "more", more);
		dd_buf_printf(&item, DD_REP_GLUES "(%u" DD_REP_GLUES "of" DD_REP_GLUES "%u)", d[i].n,
		              t->nshown);
		if (groups && dd_rep_width(t->line.ptr, t->line.len) + 1 + item.len > t->width)
			break;
		if (groups++)
			dd_buf_putc(&t->line, ',');
		dd_buf_put(&t->line, item.ptr, item.len);
		dd_buf_reset(&item);
	}
	dd_buf_free(&item);
	if (groups)
		dd_text_flush(t, out, "  ");
	dd_buf_reset(&t->line);
	free(d);
}

void dd_text_summary(dd_text_ctx *t, dd_buf *out)
{
	const dd_recon *r = t->r;
	const dd_gate *g = t->g;
	size_t same = r->ncodes - r->ndiffer;
	if (t->nshown < r->nvar)
		dd_buf_printf(&t->line, "%u of %u variants (--variant), ", t->nshown, r->nvar);
	else
		dd_buf_printf(&t->line, "%u %s, ", r->nvar, plural(r->nvar, "variant", "variants"));
	dd_buf_printf(&t->line, "%zu %s%s: %zu %s, %zu the same in every variant", r->ncodes,
	              plural(r->ncodes, "code", "codes"), g && g->p->ncodes ? " (--code)" : "",
	              r->ndiffer, plural(r->ndiffer, "differs", "differ"), same);
	dd_text_flush(t, out, "  ");

	size_t lv[DD_NLEVELS][DD_CLASS_COUNT], total = 0, supp = 0;
	memset(lv, 0, sizeof lv);
	for (size_t ci = 0; ci < r->ncodes; ci++)
		for (size_t k = 0; k < r->codes[ci].nf; k++) {
			if (r->codes[ci].f[k].systematic)
				continue;
			lv[dd_rep_level(r, g, ci, k)][r->codes[ci].f[k].cls]++;
			total++;
			supp += g && dd_gate_item_of(g, ci, k)->state == DD_GATE_SUPPRESSED;
		}
	size_t per[DD_NLEVELS] = {0};
	for (int l = 0; l < DD_NLEVELS; l++)
		for (int c = 0; c < DD_CLASS_COUNT; c++)
			per[l] += lv[l][c];
	dd_buf_printf(&t->line, "%zu %s", total, plural(total, "finding", "findings"));
	const char *sep = ": ";
	for (int l = DD_NLEVELS - 1; l > DD_LEVEL_NONE; l--)
		if (per[l]) {
			dd_buf_printf(&t->line, "%s%zu %s%s", sep, per[l], dd_level_name((dd_level)l),
			              per[l] == 1 ? "" : "s");
			sep = ", ";
		}
	if (r->nsys)
		dd_buf_printf(&t->line, "; %zu systematic %s", r->nsys,
		              plural(r->nsys, "substitution", "substitutions"));
	if (supp)
		dd_buf_printf(&t->line, "; %zu suppressed (.docdrift.ini)", supp);
	dd_text_flush(t, out, "  ");

	unsigned nw = digits(total);
	for (int l = DD_NLEVELS - 1; l > DD_LEVEL_NONE; l--) {
		if (!per[l])
			continue;
		dd_buf_printf(&t->line, "  %-7s %*zu ", dd_level_name((dd_level)l), (int)nw, per[l]);
		size_t ind = t->line.len;
		sep = " ";
		for (size_t i = 0; i < DD_CLASS_COUNT - 1; i++) {
			dd_class c = dd_rep_class_order[i];
			if (lv[l][c]) {
				dd_buf_printf(&t->line, "%s%s" DD_REP_GLUES "%zu", sep, dd_class_name(c),
				              lv[l][c]);
				sep = ", ";
			}
		}
		char indent[32];
		snprintf(indent, sizeof indent, "%*s", (int)(ind + 1), "");
		dd_text_flush(t, out, indent);
	}
	put_disputed(t, out);
}

void dd_text_scorecard(dd_text_ctx *t, dd_buf *out)
{
	const dd_recon *r = t->r;
	size_t n;
	dd_rep_score *sc = dd_rep_scorecard(r, t->g, &n);
	unsigned ow = 1;
	for (size_t i = 0; i < n; i++)
		if (digits(sc[i].of) > ow)
			ow = digits(sc[i].of);
	dd_buf_puts(out, "\nScorecard (most out of line first)\n");
	if (!n)
		dd_buf_puts(out, "  (no variant is shown)\n");
	char indent[64];
	size_t ind = 2 + t->lw + 2;
	snprintf(indent, sizeof indent, "%*s", (int)(ind <= t->width / 2 ? ind : 6), "");
	for (size_t i = 0; i < n; i++) {
		const dd_rep_score *s = &sc[i];
		const char *label = r->var[s->variant].label;
		if (strlen(label) > t->lw) { /* wider than the column: a line of its own */
			dd_buf_printf(&t->line, "  %s", label);
			dd_text_flush(t, out, "    ");
			label = "";
		}
		dd_buf_printf(&t->line, "  %-*s  agrees" DD_REP_GLUES "on" DD_REP_GLUES "%*u/%u",
		              (int)t->lw, label, (int)ow, s->agree, s->of);
		for (size_t k = 0; k < DD_CLASS_COUNT - 1; k++) {
			dd_class c = dd_rep_class_order[k];
			if (s->cls[c])
				dd_buf_printf(&t->line, " \xC2\xB7" DD_REP_GLUES "%zu" DD_REP_GLUES "%s", s->cls[c],
				              dd_class_name(c));
		}
		if (s->sys)
			dd_buf_printf(&t->line, " \xC2\xB7" DD_REP_GLUES "%zu" DD_REP_GLUES "systematic",
			              s->sys);
		dd_text_flush(t, out, indent);
	}
	free(sc);
}

/* "  3  dcs  path (42 codes)", or, when that is too wide, the path on a
 * line of its own (cut after a '/' where it is wider still). */
void dd_text_variants(dd_text_ctx *t, dd_buf *out)
{
	const dd_recon *r = t->r;
	unsigned w = digits(t->nshown);
	char indent[32];
	snprintf(indent, sizeof indent, "%*s", (int)(2 + w + 2), "");
	dd_buf_puts(out, "\nVariants\n");
	for (unsigned v = 0; v < r->nvar; v++) {
		const dd_variant *d = &r->var[v];
		if (!t->num[v])
			continue;
		dd_buf file = DD_BUF_INIT; /* escaped as diagnostics print it: a newline would break the list */
		dd_diag_put_name(&file, d->file);
		size_t start = t->line.len;
		dd_buf_printf(&t->line, "  %*u  %-*s  %s (%zu" DD_REP_GLUES "%s)", (int)w, t->num[v],
		              (int)t->lw, d->label, file.ptr, d->ncodes, plural(d->ncodes, "code", "codes"));
		if (strlen(d->label) <= t->lw && dd_rep_width(t->line.ptr, t->line.len) <= t->width) {
			dd_text_flush(t, out, indent);
			dd_buf_free(&file);
			continue;
		}
		t->line.len = start;
		dd_buf_printf(&t->line, "  %*u  %s (%zu" DD_REP_GLUES "%s)", (int)w, t->num[v], d->label,
		              d->ncodes, plural(d->ncodes, "code", "codes"));
		dd_text_flush(t, out, indent);
		dd_buf_printf(&t->line, "%s%s", indent, file.ptr);
		dd_text_flush(t, out, indent);
		dd_buf_free(&file);
	}
}

static size_t key_width(const dd_recon *r)
{
	size_t kw = 4;
	for (size_t i = 0; i < r->ncodes; i++)
		if (strlen(r->codes[i].key) > kw)
			kw = strlen(r->codes[i].key);
	return kw;
}

static void codes_by_variants(dd_text_ctx *t, dd_buf *out, size_t kw, unsigned w)
{
	const dd_recon *r = t->r;
	dd_buf_printf(out, "  %-*s", (int)kw, "code");
	for (unsigned v = 0; v < r->nvar; v++)
		if (t->num[v])
			dd_buf_printf(out, " %*u", (int)w, t->num[v]);
	dd_buf_putc(out, '\n');
	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		dd_buf_printf(out, "  %-*s", (int)kw, cd->key);
		unsigned cur = 0;
		for (unsigned v = 0; v < r->nvar; v++) {
			char st = dd_rep_state_of(cd, v, &cur);
			if (t->num[v])
				dd_buf_printf(out, " %*c", (int)w, st);
		}
		dd_buf_putc(out, '\n');
	}
}

/* A space before each code that starts a new hundred (2xx after 1xx). */
static int new_hundred(const dd_recon *r, size_t i)
{
	return i && r->codes[i].key[0] != r->codes[i - 1].key[0];
}

static void variants_by_codes(dd_text_ctx *t, dd_buf *out, size_t kw, unsigned w, size_t cells)
{
	const dd_recon *r = t->r;
	for (size_t row = 0; row < kw && row < 8; row++) {
		size_t len0 = out->len;
		dd_buf_printf(out, "  %*s  ", (int)w, "");
		for (size_t i = 0; i < r->ncodes; i++) {
			const char *k = r->codes[i].key;
			if (new_hundred(r, i))
				dd_buf_putc(out, ' ');
			dd_buf_putc(out, row < strlen(k) ? k[row] : ' ');
		}
		while (out->len > len0 && out->ptr[out->len - 1] == ' ')
			out->len--;
		if (out->len == len0)
			break;
		dd_buf_putc(out, '\n');
	}
	/* one cursor per code, as v only grows: a cursor reset per cell made
	 * this variants x codes x a code's entries (59% of diff on c10k) */
	unsigned *cur = dd_xcalloc(r->ncodes + 1, sizeof *cur);
	for (unsigned v = 0; v < r->nvar; v++) {
		if (!t->num[v])
			continue;
		dd_buf_printf(out, "  %*u  ", (int)w, t->num[v]);
		for (size_t i = 0; i < r->ncodes; i++) {
			if (new_hundred(r, i))
				dd_buf_putc(out, ' ');
			dd_buf_putc(out, dd_rep_state_of(&r->codes[i], v, &cur[i]));
		}
		size_t used = 2 + w + 2 + cells;
		if (used + 2 < t->width) {
			dd_buf_puts(out, "  ");
			dd_rep_put_cut(out, r->var[v].label, t->width - used - 2);
		}
		dd_buf_putc(out, '\n');
	}
	free(cur);
}

void dd_text_matrix(dd_text_ctx *t, dd_buf *out)
{
	const dd_recon *r = t->r;
	unsigned w = digits(t->nshown);
	size_t kw = key_width(r);
	size_t wide = 2 + kw + (size_t)t->nshown * (w + 1), cells = r->ncodes;
	for (size_t i = 0; i < r->ncodes; i++)
		cells += (size_t)new_hundred(r, i);
	size_t tall = 2 + w + 2 + cells;
	dd_buf_puts(out, "\n");
	if (wide <= t->width || t->matrix) {
		dd_buf_printf(&t->line, "Matrix, codes x variants (%s)", state_legend);
		dd_text_flush(t, out, "  ");
		codes_by_variants(t, out, kw, w);
	} else if (tall <= t->width) {
		dd_buf_printf(&t->line, "Matrix, variants x codes (%s)", state_legend);
		dd_text_flush(t, out, "  ");
		variants_by_codes(t, out, kw, w, cells);
	} else {
		dd_buf_printf(&t->line, "Matrix: %u variants x %zu codes do not fit in %u columns; the "
		              "scorecard above sums it up (--matrix shows it anyway, --to html has it)",
		              t->nshown, r->ncodes, t->width);
		dd_text_flush(t, out, "  ");
	}
}
