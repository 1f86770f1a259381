/* markdown.c - a pull-request comment (and the GitHub job summary): the
 * verdict and counts, then the new findings with their word diffs in code
 * spans, cut before GitHub's comment limit. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

/* Text outside code: Markdown's active characters escaped, HTML's as
 * entities (document text is never markup here). */
static void put_text(dd_buf *out, const char *s)
{
	for (; *s; s++) {
		if (*s == '<')
			dd_buf_puts(out, "&lt;");
		else if (*s == '>')
			dd_buf_puts(out, "&gt;");
		else if (*s == '&')
			dd_buf_puts(out, "&amp;");
		else {
			if (strchr("\\`*_[]|~#", *s))
				dd_buf_putc(out, '\\');
			dd_buf_putc(out, *s);
		}
	}
}

/* A code span: a backtick run longer than any inside s, padded with a
 * space when s starts or ends with a backtick. */
static void put_code(dd_buf *out, const char *s)
{
	size_t run = 0, longest = 0;
	for (const char *p = s; *p; p++) {
		run = *p == '`' ? run + 1 : 0;
		if (run > longest)
			longest = run;
	}
	size_t n = strlen(s);
	int pad = n && (s[0] == '`' || s[n - 1] == '`');
	for (size_t i = 0; i <= longest; i++)
		dd_buf_putc(out, '`');
	if (pad)
		dd_buf_putc(out, ' ');
	dd_buf_puts(out, s);
	if (pad)
		dd_buf_putc(out, ' ');
	for (size_t i = 0; i <= longest; i++)
		dd_buf_putc(out, '`');
}

static void put_item(const dd_gate *g, const dd_gate_item *it, dd_buf *out)
{
	dd_rep_loc loc;
	dd_rep_where(g, it, &loc);
	dd_buf t = DD_BUF_INIT;
	dd_buf_printf(out, "- **%s** ", dd_level_name(it->level));
	dd_rep_title(g, it, &t);
	put_code(out, t.ptr);
	dd_buf_puts(out, " in ");
	put_code(out, loc.identity);
	if (loc.line)
		dd_buf_printf(out, " line %u", loc.line);
	dd_buf_puts(out, "  \n  ");
	dd_buf_reset(&t);
	dd_rep_message(g, it, &t);
	put_text(out, t.ptr);
	dd_buf_reset(&t);
	dd_rep_diff(g, it, &t);
	if (t.len) {
		dd_buf_puts(out, "  \n  ");
		put_code(out, t.ptr);
	}
	dd_buf_putc(out, '\n');
	dd_buf_free(&t);
}

void dd_report_markdown(const dd_gate *g, const dd_report_opts *o, size_t max, dd_buf *out)
{
	size_t start = out->len;
	size_t fails = dd_gate_failures(g);
	dd_buf_printf(out, "### docdrift %s: %s\n\n", o->command,
	              fails ? "failed" : g->p->fail_on == DD_LEVEL_NONE ? "passed (fail-on none)"
	                                                                : "passed");
	dd_buf_printf(out, "%u variants, %zu codes: ", g->r->nvar, g->r->ncodes);
	dd_rep_counts(g, out);
	if (g->p->fail_on != DD_LEVEL_NONE)
		dd_buf_printf(out, ". A new finding at %s or above fails%s.\n\n",
		              dd_level_name(g->p->fail_on), g->strict ? ", and so does a fixed one" : "");
	else
		dd_buf_puts(out, ". Nothing fails (fail-on none).\n\n");
	dd_buf_puts(out, "| | error | warning | note |\n|---|--:|--:|--:|\n");
	static const dd_gate_state rows[] = {DD_GATE_OPEN, DD_GATE_NEW, DD_GATE_ACCEPTED,
	                                     DD_GATE_SUPPRESSED};
	for (size_t i = 0; i < sizeof rows / sizeof *rows; i++) {
		if ((rows[i] == DD_GATE_OPEN) == (g->base != NULL))
			continue;
		dd_buf_printf(out, "| %s | %zu | %zu | %zu |\n",
		              rows[i] == DD_GATE_OPEN ? "findings" : dd_gate_state_name(rows[i]),
		              g->count[rows[i]][DD_LEVEL_ERROR], g->count[rows[i]][DD_LEVEL_WARNING],
		              g->count[rows[i]][DD_LEVEL_NOTE]);
	}
	size_t *order = dd_gate_by_severity(g);
	size_t total = 0, shown = 0;
	for (size_t k = 0; k < g->n; k++)
		total += g->items[order[k]].state == DD_GATE_NEW || g->items[order[k]].state == DD_GATE_OPEN;
	if (total)
		dd_buf_printf(out, "\n#### %s\n\n", g->base ? "New findings" : "Findings");
	/* room for the closing lines */
	const size_t reserve = 512;
	dd_buf item = DD_BUF_INIT;
	for (size_t k = 0; k < g->n; k++) {
		const dd_gate_item *it = &g->items[order[k]];
		if (it->state != DD_GATE_NEW && it->state != DD_GATE_OPEN)
			continue;
		dd_buf_reset(&item);
		put_item(g, it, &item);
		if (out->len - start + item.len + reserve > max)
			break;
		dd_buf_put(out, item.ptr, item.len);
		shown++;
	}
	dd_buf_free(&item);
	free(order);
	if (shown < total)
		dd_buf_printf(out, "\n_%zu more finding%s not shown here (a comment holds 65,536 "
		              "characters): the SARIF and JSON reports have them all._\n",
		              total - shown, total - shown == 1 ? "" : "s");
	if (g->nfixed) {
		dd_buf_printf(out, "\n%zu baseline entr%s no longer found%s; `docdrift baseline --update` "
		              "drops %s.\n", g->nfixed, g->nfixed == 1 ? "y is" : "ies are",
		              g->strict ? " (this fails with --strict)" : "",
		              g->nfixed == 1 ? "it" : "them");
	}
	for (size_t i = 0; i < g->p->nsupp; i++)
		if (g->supp_hits[i]) {
			const dd_suppression *s = &g->p->supp[i];
			dd_buf_printf(out, "\nSuppressed by `[suppress %s]` (%zu): ", s->name, g->supp_hits[i]);
			put_text(out, s->reason);
			dd_buf_putc(out, '\n');
		}
}
