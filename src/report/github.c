/* github.c - GitHub Actions workflow commands, one per finding that fails
 * or is new, most severe first; GitHub shows at most 10 of each level per
 * step, so the rest is one notice that counts them. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

/* The documented escapes: %, CR and LF in the message; in a property also
 * ':' and ','. */
static void put_esc(dd_buf *out, const char *s, int property)
{
	for (; *s; s++) {
		switch (*s) {
		case '%': dd_buf_puts(out, "%25"); break;
		case '\r': dd_buf_puts(out, "%0D"); break;
		case '\n': dd_buf_puts(out, "%0A"); break;
		case ':': property ? dd_buf_puts(out, "%3A") : dd_buf_putc(out, ':'); break;
		case ',': property ? dd_buf_puts(out, "%2C") : dd_buf_putc(out, ','); break;
		default: dd_buf_putc(out, *s);
		}
	}
}

static const char *command(dd_level l)
{
	return l == DD_LEVEL_ERROR ? "error" : l == DD_LEVEL_WARNING ? "warning" : "notice";
}

static void put_item(const dd_gate *g, const dd_gate_item *it, dd_buf *out)
{
	dd_rep_loc loc;
	dd_rep_where(g, it, &loc);
	dd_buf t = DD_BUF_INIT;
	dd_buf_printf(out, "::%s file=", command(it->level));
	put_esc(out, loc.identity, 1);
	if (loc.line)
		dd_buf_printf(out, ",line=%u,endLine=%u,col=%u,endColumn=%u", loc.line, loc.line,
		              loc.col, loc.end_col);
	dd_buf_puts(&t, "docdrift: ");
	dd_rep_title(g, it, &t);
	dd_buf_puts(out, ",title=");
	put_esc(out, t.ptr, 1);
	dd_buf_puts(out, "::");
	dd_buf_reset(&t);
	dd_rep_message(g, it, &t);
	size_t n = t.len;
	dd_rep_diff(g, it, &t);
	if (t.len > n) {
		/* the diff on a line of its own */
		char *d = dd_xstrdup(t.ptr + n);
		t.len = n;
		dd_buf_printf(&t, ".\n%s", d);
		free(d);
	}
	put_esc(out, t.ptr, 0);
	dd_buf_putc(out, '\n');
	dd_buf_free(&t);
}

void dd_report_github(const dd_gate *g, const dd_report_opts *o, dd_buf *out)
{
	(void)o;
	size_t *order = dd_gate_by_severity(g);
	size_t shown[DD_NLEVELS] = {0}, left[DD_NLEVELS] = {0};
	size_t fixed_errors = g->strict ? g->nfixed : 0;
	/* notices: room for the count notice if anything is left out */
	size_t total_notes = 0;
	for (size_t i = 0; i < g->n; i++)
		total_notes += (g->items[i].state == DD_GATE_NEW || g->items[i].state == DD_GATE_OPEN) &&
		               g->items[i].level == DD_LEVEL_NOTE;
	size_t errs = g->count[g->base ? DD_GATE_NEW : DD_GATE_OPEN][DD_LEVEL_ERROR] + fixed_errors;
	size_t warns = g->count[g->base ? DD_GATE_NEW : DD_GATE_OPEN][DD_LEVEL_WARNING];
	int overflow = errs > DD_GITHUB_MAX || warns > DD_GITHUB_MAX || total_notes > DD_GITHUB_MAX;
	size_t cap[DD_NLEVELS] = {0, overflow ? DD_GITHUB_MAX - 1 : DD_GITHUB_MAX, DD_GITHUB_MAX,
	                          DD_GITHUB_MAX};
	for (size_t k = 0; k < g->n; k++) {
		const dd_gate_item *it = &g->items[order[k]];
		if (it->state != DD_GATE_NEW && it->state != DD_GATE_OPEN)
			continue;
		if (shown[it->level] < cap[it->level]) {
			put_item(g, it, out);
			shown[it->level]++;
		} else
			left[it->level]++;
	}
	for (size_t i = 0; i < fixed_errors; i++) {
		const dd_base_entry *e = g->fixed[i];
		if (shown[DD_LEVEL_ERROR] >= cap[DD_LEVEL_ERROR]) {
			left[DD_LEVEL_ERROR]++;
			continue;
		}
		dd_buf_puts(out, "::error file=");
		put_esc(out, g->base->path, 1);
		dd_buf_printf(out, ",line=%u,title=", e->line);
		put_esc(out, "docdrift: fixed baseline entry", 1);
		dd_buf_puts(out, "::");
		dd_buf t = DD_BUF_INIT;
		dd_buf_printf(&t, "%s %s%s(%s) in %s is in the baseline but no longer found; run "
		              "docdrift baseline --update to drop it",
		              e->code, e->field, *e->field ? " " : "", e->cls, e->file);
		put_esc(out, t.ptr, 0);
		dd_buf_free(&t);
		dd_buf_putc(out, '\n');
		shown[DD_LEVEL_ERROR]++;
	}
	size_t rest = left[DD_LEVEL_ERROR] + left[DD_LEVEL_WARNING] + left[DD_LEVEL_NOTE];
	if (rest)
		dd_buf_printf(out, "::notice title=docdrift::%zu more finding%s not annotated (%zu "
		              "error%s, %zu warning%s, %zu note%s): GitHub shows %d of each level per "
		              "step; the job summary and the SARIF report have them all\n",
		              rest, rest == 1 ? "" : "s", left[DD_LEVEL_ERROR],
		              left[DD_LEVEL_ERROR] == 1 ? "" : "s", left[DD_LEVEL_WARNING],
		              left[DD_LEVEL_WARNING] == 1 ? "" : "s", left[DD_LEVEL_NOTE],
		              left[DD_LEVEL_NOTE] == 1 ? "" : "s", DD_GITHUB_MAX);
	free(order);
}

void dd_report_github_summary(const dd_gate *g, const dd_report_opts *o, dd_buf *out)
{
	/* GitHub takes up to 1 MiB of summary per step */
	dd_report_markdown(g, o, 1000 * 1000, out);
}
