/* html.c - the HTML report: one page a writer can attach to a ticket.
 * This file writes a part's summary, filters and scorecard; html_codes.c
 * the matrix and the codes; html_page.c the page around them. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *plural(size_t n, const char *one, const char *many)
{
	return n == 1 ? one : many;
}

/* Non-systematic findings per level and class, as the text summary counts them. */
static size_t count_levels(const dd_recon *r, const dd_gate *g,
                           size_t lv[DD_NLEVELS][DD_CLASS_COUNT], size_t *all)
{
	size_t total = 0;
	memset(lv, 0, sizeof(size_t) * DD_NLEVELS * DD_CLASS_COUNT);
	*all = 0;
	for (size_t ci = 0; ci < r->ncodes; ci++)
		for (size_t k = 0; k < r->codes[ci].nf; k++) {
			(*all)++;
			if (r->codes[ci].f[k].systematic)
				continue;
			lv[dd_rep_level(r, g, ci, k)][r->codes[ci].f[k].cls]++;
			total++;
		}
	return total;
}

static void put_summary(dd_html_ctx *h, const char *heading, dd_buf *out)
{
	const dd_recon *r = h->r;
	size_t lv[DD_NLEVELS][DD_CLASS_COUNT], all, total = count_levels(r, h->g, lv, &all);
	unsigned shown = 0;
	for (unsigned v = 0; v < r->nvar; v++)
		shown += (unsigned)dd_rep_shown(h->g, r, v);
	dd_buf_puts(out, "<header>\n<h1>");
	dd_rep_html_text(out, heading);
	dd_buf_puts(out, "</h1>\n<p class=\"lead\">");
	if (shown < r->nvar)
		dd_buf_printf(out, "%u of %u variants (narrowed by --variant), ", shown, r->nvar);
	else
		dd_buf_printf(out, "%u %s, ", r->nvar, plural(r->nvar, "variant", "variants"));
	dd_buf_printf(out, "%zu %s%s: <strong>%zu %s</strong>, %zu the same in every variant. ",
	              r->ncodes, plural(r->ncodes, "code", "codes"),
	              h->g && h->g->p->ncodes ? " (narrowed by --code)" : "", r->ndiffer,
	              plural(r->ndiffer, "differs", "differ"), r->ncodes - r->ndiffer);
	dd_buf_printf(out, "%zu %s", total, plural(total, "finding", "findings"));
	if (r->nsys)
		dd_buf_printf(out, ", and %zu more that %zu systematic %s explain", all - total, r->nsys,
		              plural(r->nsys, "substitution", "substitutions"));
	dd_buf_puts(out, ".</p>\n");
	if (!total) {
		dd_buf_puts(out, "</header>\n");
		return;
	}
	dd_buf_puts(out, "<table class=\"counts\">\n<thead><tr><th scope=\"col\">severity</th>"
	                 "<th scope=\"col\">findings</th><th scope=\"col\">by class</th></tr></thead>\n"
	                 "<tbody>\n");
	for (int l = DD_NLEVELS - 1; l > DD_LEVEL_NONE; l--) {
		size_t n = 0;
		for (int c = 0; c < DD_CLASS_COUNT; c++)
			n += lv[l][c];
		if (!n)
			continue;
		dd_buf_printf(out, "<tr><th scope=\"row\" class=\"sev-%s\">%s</th><td class=\"n\">%zu</td>"
		              "<td>", dd_level_name((dd_level)l), dd_level_name((dd_level)l), n);
		const char *sep = "";
		for (size_t i = 0; i < DD_CLASS_COUNT - 1; i++) {
			dd_class c = dd_rep_class_order[i];
			if (lv[l][c])
				dd_buf_printf(out, "%s%s %zu", sep, dd_class_name(c), lv[l][c]), sep = ", ";
		}
		dd_buf_puts(out, "</td></tr>\n");
	}
	dd_buf_puts(out, "</tbody>\n</table>\n</header>\n");
}

static void checkbox(dd_buf *out, const char *name, const char *value, const char *text, size_t n)
{
	dd_buf_printf(out, "<label><input type=\"checkbox\" name=\"%s\" value=\"", name);
	dd_rep_html_text(out, value);
	dd_buf_puts(out, "\" checked> ");
	dd_rep_html_text(out, text);
	dd_buf_printf(out, " <span class=\"muted\">(%zu)</span></label>\n", n);
}

static void fieldset_open(dd_buf *out, const char *legend)
{
	dd_buf_printf(out, "<fieldset><legend>%s <button type=\"button\" data-all=\"1\">all</button> "
	                   "<button type=\"button\" data-all=\"0\">none</button></legend>\n"
	                   "<div class=\"opts\">\n", legend);
}

/* The filters: hidden until the script shows them (without a script the
 * page shows everything, and controls that do nothing would mislead). */
static void put_filters(dd_html_ctx *h, dd_buf *out)
{
	const dd_recon *r = h->r;
	size_t bycls[DD_CLASS_COUNT] = {0}, bylevel[DD_NLEVELS] = {0};
	size_t *byvar = dd_xcalloc(r->nvar + 1, sizeof *byvar), total = 0;
	for (size_t ci = 0; ci < r->ncodes; ci++)
		for (size_t k = 0; k < r->codes[ci].nf; k++) {
			const dd_finding *fd = &r->codes[ci].f[k];
			bycls[fd->cls]++;
			bylevel[dd_rep_level(r, h->g, ci, k)]++;
			byvar[fd->variant]++;
			if (fd->neutral && fd->field >= 0)
				byvar[fd->against]++;
			total++;
		}
	if (!total) {
		free(byvar);
		return;
	}
	dd_buf_puts(out, "<form class=\"filters\" hidden aria-label=\"Filters\">\n");
	fieldset_open(out, "Class");
	for (size_t i = 0; i < DD_CLASS_COUNT - 1; i++) {
		dd_class c = dd_rep_class_order[i];
		if (bycls[c])
			checkbox(out, "class", dd_class_name(c), dd_class_name(c), bycls[c]);
	}
	dd_buf_puts(out, "</div></fieldset>\n");
	fieldset_open(out, "Severity");
	for (int l = DD_NLEVELS - 1; l > DD_LEVEL_NONE; l--)
		if (bylevel[l])
			checkbox(out, "severity", dd_level_name((dd_level)l), dd_level_name((dd_level)l),
			         bylevel[l]);
	dd_buf_puts(out, "</div></fieldset>\n");
	fieldset_open(out, "Variant");
	for (unsigned v = 0; v < r->nvar; v++) {
		if (!dd_rep_shown(h->g, r, v))
			continue;
		char val[16];
		snprintf(val, sizeof val, "%u", v);
		checkbox(out, "variant", val, r->var[v].label, byvar[v]);
	}
	dd_buf_puts(out, "</div></fieldset>\n<p class=\"shown\" aria-live=\"polite\"></p>\n</form>\n");
	free(byvar);
}

static void score_cell(dd_buf *out, size_t n)
{
	if (n)
		dd_buf_printf(out, "<td class=\"n\">%zu</td>", n);
	else
		dd_buf_puts(out, "<td class=\"n muted\">&#183;</td>");
}

static void put_scorecard(dd_html_ctx *h, dd_buf *out)
{
	const dd_recon *r = h->r;
	size_t n;
	dd_rep_score *sc = dd_rep_scorecard(r, h->g, &n);
	int used[DD_CLASS_COUNT] = {0}, sys = 0;
	for (size_t i = 0; i < n; i++) {
		for (int c = 0; c < DD_CLASS_COUNT; c++)
			used[c] |= sc[i].cls[c] > 0;
		sys |= sc[i].sys > 0;
	}
	dd_buf_puts(out, "<section class=\"scorecard\">\n<h2>Scorecard</h2>\n<p class=\"muted\">One row "
	                 "per variant, the most out of line first: the codes it agrees on, and its "
	                 "findings by class.</p>\n<table class=\"score\">\n<thead><tr>"
	                 "<th scope=\"col\">variant</th><th scope=\"col\">agrees on</th>");
	for (size_t i = 0; i < DD_CLASS_COUNT - 1; i++)
		if (used[dd_rep_class_order[i]])
			dd_buf_printf(out, "<th scope=\"col\">%s</th>", dd_class_name(dd_rep_class_order[i]));
	if (sys)
		dd_buf_puts(out, "<th scope=\"col\">systematic</th>");
	dd_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < n; i++) {
		const dd_rep_score *s = &sc[i];
		const dd_variant *v = &r->var[s->variant];
		dd_buf_printf(out, "<tr data-col=\"%u\"><th scope=\"row\">", s->variant);
		dd_rep_html_text(out, v->label);
		dd_buf_puts(out, "<span class=\"file\">");
		dd_rep_html_text(out, v->file);
		dd_buf_printf(out, "</span></th><td class=\"n\">%u/%u <meter min=\"0\" max=\"%u\" "
		              "value=\"%u\"></meter></td>",
		              s->agree, s->of, s->of ? s->of : 1, s->agree);
		for (size_t k = 0; k < DD_CLASS_COUNT - 1; k++) {
			dd_class c = dd_rep_class_order[k];
			if (!used[c])
				continue;
			score_cell(out, s->cls[c]);
		}
		if (sys)
			score_cell(out, s->sys);
		dd_buf_puts(out, "</tr>\n");
	}
	dd_buf_puts(out, "</tbody>\n</table>\n</section>\n");
	free(sc);
}

static void put_systematic(dd_html_ctx *h, dd_buf *out)
{
	const dd_recon *r = h->r;
	if (!r->nsys)
		return;
	dd_buf_puts(out, "<section class=\"systematic\">\n<h2>Systematic substitutions</h2>\n"
	                 "<p class=\"muted\">One variant makes the same replacement in several codes; "
	                 "it is reported once here.</p>\n<ul>\n");
	for (size_t i = 0; i < r->nsys; i++) {
		const dd_systematic *s = &r->sys[i];
		dd_buf_puts(out, "<li><span class=\"diff\"><del>");
		dd_rep_html_text(out, s->from);
		dd_buf_puts(out, "</del> <ins>");
		dd_rep_html_text(out, s->to);
		dd_buf_puts(out, "</ins></span>\n<ul>\n");
		for (size_t u = 0; u < s->nuses; u++) {
			const dd_sys_use *us = &s->uses[u];
			dd_buf_printf(out, "<li data-col=\"%u\">", us->variant);
			dd_rep_html_text(out, r->var[us->variant].label);
			dd_buf_printf(out, " in %zu %s:", us->ncodes, plural(us->ncodes, "code", "codes"));
			for (size_t k = 0; k < us->ncodes; k++) {
				dd_buf_puts(out, " ");
				dd_rep_html_text(out, us->codes[k]);
			}
			dd_buf_puts(out, "</li>\n");
		}
		dd_buf_puts(out, "</ul></li>\n");
	}
	dd_buf_puts(out, "</ul>\n</section>\n");
}

void dd_report_html_part(const dd_recon *r, const dd_gate *g, const char *heading,
                         const char *idp, dd_buf *out, FILE *spill)
{
	dd_html_ctx h = {r, g, idp ? idp : "", DD_BUF_INIT};
	dd_buf_puts(out, "<section class=\"part\">\n");
	put_summary(&h, heading, out);
	put_filters(&h, out);
	put_scorecard(&h, out);
	put_systematic(&h, out);
	size_t nunreg = 0;
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].unregistered) {
			dd_buf_puts(out, nunreg++ ? ", " : "<p>Not in the IANA registry (names as the "
			                                   "documents give them): ");
			dd_rep_html_text(out, r->codes[i].key);
		}
	if (nunreg)
		dd_buf_puts(out, "</p>\n");
	dd_html_matrix(&h, out);
	dd_html_codes(&h, out, spill);
	dd_buf_puts(out, "</section>\n");
	dd_buf_free(&h.tmp);
}

void dd_report_html(const dd_recon *r, const dd_gate *g, const dd_report_opts *o, dd_buf *out,
                    FILE *spill)
{
	(void)o;
	dd_buf title = DD_BUF_INIT;
	dd_buf_printf(&title, "docdrift: %u %s, %zu %s, %zu %s", r->nvar,
	              plural(r->nvar, "variant", "variants"), r->ncodes,
	              plural(r->ncodes, "code", "codes"), r->ndiffer,
	              plural(r->ndiffer, "differs", "differ"));
	dd_report_html_begin(title.ptr, out);
	dd_report_html_part(r, g, "Status-code tables: how the copies differ", "", out, spill);
	dd_report_html_end(out);
	dd_buf_free(&title);
}
