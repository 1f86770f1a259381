/* check.c - the text report of `docdrift check`: what fails, in the
 * file:line:col: severity: message form editors and CI logs link. */
#include "report_internal.h"

#include <string.h>

/* The location line stays whole (editors and CI logs jump to it); the
 * word diff under it is wrapped to the width. */
static void put_item(const dd_gate *g, const dd_gate_item *it, int color, unsigned width,
                     dd_buf *line, dd_buf *out)
{
	dd_rep_loc loc;
	dd_rep_where(g, it, &loc);
	dd_diag_put_name(out, loc.file); /* a newline in it would break the line */
	if (loc.line)
		dd_buf_printf(out, ":%u:%u", loc.line, loc.col);
	dd_buf_puts(out, ": ");
	dd_buf_printf(out, "%s: ", dd_level_name(it->level));
	dd_rep_message(g, it, out);
	dd_buf_printf(out, " [%s %s]\n", dd_gate_state_name(it->state), it->fp);
	if (it->fd->field >= 0 && it->fd->value) {
		dd_buf_reset(line);
		dd_buf_puts(line, "    ");
		dd_finding_diff(&g->r->codes[it->code], it->fd, color, "    ", line);
		dd_rep_wrap(out, line->ptr, line->len, width, "    ");
	}
}

void dd_report_check(const dd_gate *g, const dd_report_opts *o, dd_buf *out, FILE *spill)
{
	const dd_recon *r = g->r;
	size_t shown = 0;
	dd_buf line = DD_BUF_INIT;
	for (size_t i = 0; i < g->n; i++) {
		const dd_gate_item *it = &g->items[i];
		if (it->state != DD_GATE_NEW && it->state != DD_GATE_OPEN)
			continue;
		dd_rep_spill(out, spill);
		put_item(g, it, o->color, o->width ? o->width : DD_REPORT_WIDTH, &line, out);
		shown++;
	}
	dd_buf_free(&line);
	for (size_t i = 0; i < g->nfixed; i++) {
		const dd_base_entry *e = g->fixed[i];
		dd_buf_printf(out, "%s:%u: %s: fixed: %s %s%s%s (%s) is in the baseline but no longer "
		              "found; `docdrift baseline --update` drops it [fixed %s]\n",
		              g->base->path, e->line, g->strict ? "error" : "note", e->file, e->code,
		              *e->field ? " " : "", e->field, e->cls, e->fingerprint);
	}
	for (size_t i = 0; i < g->p->nsupp; i++) {
		const dd_suppression *s = &g->p->supp[i];
		if (g->supp_hits[i])
			dd_buf_printf(out, "%s:%u: note: [suppress %s] suppressed %zu finding%s: %s\n",
			              s->file, s->line, s->name, g->supp_hits[i],
			              g->supp_hits[i] == 1 ? "" : "s", s->reason);
	}
	size_t fails = dd_gate_failures(g);
	dd_buf_printf(out, "%s%u variants, %zu codes: ", shown || g->nfixed ? "\n" : "", r->nvar,
	              r->ncodes);
	dd_rep_counts(g, out);
	if (g->p->fail_on == DD_LEVEL_NONE)
		dd_buf_puts(out, "; fail-on none: passed\n");
	else if (fails)
		dd_buf_printf(out, "; failed: %zu %s at %s or above%s\n", fails,
		              g->base ? "new" : fails == 1 ? "finding" : "findings", dd_level_name(g->p->fail_on),
		              g->strict && g->nfixed ? " or fixed (--strict)" : "");
	else
		dd_buf_printf(out, "; passed (fail-on %s%s)\n", dd_level_name(g->p->fail_on),
		              g->strict ? ", --strict" : "");
}
