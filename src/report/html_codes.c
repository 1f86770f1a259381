/* html_codes.c - the HTML report's matrix and codes: each cell a link to
 * its variant's finding; per code the canonical wording with its support,
 * and each dissenting group's word diff once, with every finding of the
 * group an element a filter can hide. */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

void dd_html_id(const dd_html_ctx *h, size_t ci, long k, dd_buf *out)
{
	dd_buf_printf(out, "%s%c-", h->idp, k < 0 ? 'c' : 'f');
	/* ids are in href fragments too: keep them to letters, digits, . _ - */
	for (const char *p = h->r->codes[ci].key; *p; p++) {
		unsigned char c = (unsigned char)*p;
		int ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
		         c == '.' || c == '_' || c == '-';
		dd_buf_putc(out, ok ? (char)c : '_');
	}
	if (k >= 0)
		dd_buf_printf(out, "-%ld", k);
}

static const struct {
	char st;
	const char *cls, *what;
} states[] = {
	{'=', "st-agree", "agrees"},
	{'~', "st-differ", "differs"},
	{'s', "st-sys", "differs only by a systematic substitution"},
	{'-', "st-missing", "missing"},
	{'+', "st-extra", "extra (only a minority has the code)"},
	{'.', "st-absent", "absent (only a minority has the code)"},
};

static size_t state_index(char st)
{
	for (size_t i = 0; i < sizeof states / sizeof *states; i++)
		if (states[i].st == st)
			return i;
	return 0;
}

void dd_html_matrix(dd_html_ctx *h, dd_buf *out)
{
	const dd_recon *r = h->r;
	long *first = dd_xmalloc((r->nvar + 1) * sizeof *first);
	dd_buf_puts(out, "<section class=\"matrix\">\n<h2>Matrix</h2>\n<p class=\"legend\">");
	for (size_t i = 0; i < sizeof states / sizeof *states; i++)
		dd_buf_printf(out, "<span class=\"%s\">%c</span>%s", states[i].cls, states[i].st,
		              states[i].what);
	dd_buf_puts(out, ". Each cell links to its finding.</p>\n<div class=\"scroll\">\n"
	                 "<table class=\"matrix\">\n<thead><tr><th scope=\"col\" class=\"corner\">code"
	                 "</th>");
	for (unsigned v = 0; v < r->nvar; v++) {
		if (!dd_rep_shown(h->g, r, v))
			continue;
		dd_buf_printf(out, "<th scope=\"col\" data-col=\"%u\" title=\"", v);
		dd_rep_html_text(out, r->var[v].file);
		dd_buf_puts(out, "\"><span>");
		dd_rep_html_text(out, r->var[v].label);
		dd_buf_puts(out, "</span></th>");
	}
	dd_buf_puts(out, "</tr></thead>\n<tbody>\n");
	for (size_t ci = 0; ci < r->ncodes; ci++) {
		const dd_aligned *cd = &r->codes[ci];
		for (unsigned v = 0; v < r->nvar; v++)
			first[v] = -1;
		for (size_t k = cd->nf; k-- > 0;) {
			first[cd->f[k].variant] = (long)k;
			if (cd->f[k].neutral && cd->f[k].field >= 0)
				first[cd->f[k].against] = (long)k;
		}
		dd_buf_puts(out, "<tr><th scope=\"row\">");
		if (cd->nf) {
			dd_buf_puts(out, "<a href=\"#");
			dd_html_id(h, ci, -1, out);
			dd_buf_puts(out, "\">");
		}
		dd_rep_html_text(out, cd->key);
		dd_buf_puts(out, cd->nf ? "</a></th>" : "</th>");
		unsigned cur = 0;
		for (unsigned v = 0; v < r->nvar; v++) {
			char st = dd_rep_state_of(cd, v, &cur);
			if (!dd_rep_shown(h->g, r, v))
				continue;
			size_t si = state_index(st);
			dd_buf_printf(out, "<td class=\"%s\" data-col=\"%u\"", states[si].cls, v);
			dd_buf_reset(&h->tmp);
			if (first[v] >= 0) {
				dd_html_id(h, ci, first[v], &h->tmp);
				dd_buf_printf(out, " data-f=\"%s\"><a href=\"#%s\"", h->tmp.ptr, h->tmp.ptr);
			} else {
				dd_buf_puts(out, "><span");
			}
			dd_buf_puts(out, " title=\"");
			dd_rep_html_text(out, cd->key);
			dd_buf_puts(out, ", ");
			dd_rep_html_text(out, r->var[v].label);
			dd_buf_printf(out, ": %s\">%c%s</td>", states[si].what, st,
			              first[v] >= 0 ? "</a>" : "</span>");
		}
		dd_buf_puts(out, "</tr>\n");
	}
	dd_buf_puts(out, "</tbody>\n</table>\n</div>\n</section>\n");
	free(first);
}

/* Supporters are listed in the open up to this many; beyond, behind a
 * click (the dissenting groups say who differs). */
#define HTML_SUPPORT_OPEN 8

static void put_support(dd_html_ctx *h, const dd_aligned *cd, int f, dd_buf *out)
{
	const dd_recon *r = h->r;
	const dd_canon *cn = &cd->canon[f];
	dd_buf_printf(out, "<h4>%s</h4>\n", dd_field_name(f));
	if (cn->chosen == DD_CHOSEN_NONE && !cn->ncorr) {
		dd_buf_puts(out, "<p class=\"support\">No majority, so no variant is taken to be wrong; "
		                 "the diffs start from ");
		dd_rep_html_text(out, r->var[cd->e[cn->entry].variant].label);
		dd_buf_puts(out, "&#8217;s wording.</p>\n");
		return;
	}
	dd_buf *b = &h->tmp;
	dd_buf_reset(b);
	dd_buf_printf(b, "%u of %u agree", cn->support, cn->voters);
	if (cn->chosen == DD_CHOSEN_REFERENCE) {
		dd_buf_puts(b, "; from the reference ");
		dd_rep_html_text(b, cn->source);
	} else if (cn->chosen == DD_CHOSEN_NONE) {
		dd_buf_puts(b, "; no majority");
	} else if (cn->chosen != DD_CHOSEN_ONLY && cn->chosen != DD_CHOSEN_MAJORITY) {
		dd_buf_printf(b, "; tie broken by %s", dd_choice_name(cn->chosen));
	}
	for (unsigned i = 0; i < cn->ncorr; i++)
		if (dd_rep_first_undo(cn, i)) {
			dd_buf_puts(b, "; systematic &#8220;");
			dd_rep_html_text(b, cn->corr_to[i]);
			dd_buf_puts(b, "&#8221; &#8594; &#8220;");
			dd_rep_html_text(b, cn->corr_from[i]);
			dd_buf_puts(b, "&#8221; undone");
		}
	int open = cn->support <= HTML_SUPPORT_OPEN;
	dd_buf_puts(out, open ? "<p class=\"support\">" : "<details class=\"support\"><summary>");
	dd_buf_put(out, b->ptr ? b->ptr : "", b->len);
	dd_buf_puts(out, open ? (cn->support ? ": " : "") : "</summary><p>");
	for (unsigned i = 0; i < cn->support; i++) {
		if (i)
			dd_buf_puts(out, ", ");
		dd_rep_html_text(out, r->var[cn->agree[i]].label);
	}
	dd_buf_puts(out, open ? "</p>\n" : "</p></details>\n");
}

static void put_canon(dd_html_ctx *h, const dd_aligned *cd, int f, dd_buf *out)
{
	const dd_canon *cn = &cd->canon[f];
	if (!cn->value)
		return;
	put_support(h, cd, f, out);
	dd_buf_puts(out, "<blockquote class=\"canon\">");
	for (unsigned p = 0; p < cn->value->npara; p++) {
		dd_buf_puts(out, "<p>");
		dd_rep_html_text(out, cn->value->paras[p]);
		dd_buf_puts(out, "</p>");
	}
	dd_buf_puts(out, "</blockquote>\n");
}

/* One finding of a group: the variant, where, and what filters look at. */
static void put_finding(dd_html_ctx *h, size_t ci, size_t k, dd_buf *out)
{
	const dd_recon *r = h->r;
	const dd_finding *fd = &r->codes[ci].f[k];
	dd_buf_puts(out, "<li class=\"finding\" id=\"");
	dd_html_id(h, ci, (long)k, out);
	dd_buf_puts(out, "\" data-code=\"");
	dd_rep_html_text(out, r->codes[ci].key);
	dd_buf_printf(out, "\" data-variant=\"%u\"", fd->variant);
	if (fd->neutral && fd->field >= 0)
		dd_buf_printf(out, " data-against=\"%u\"", fd->against);
	dd_buf_printf(out, " data-field=\"%s\" data-class=\"%s\" data-severity=\"%s\">",
	              fd->field >= 0 ? dd_field_name(fd->field) : "", dd_class_name(fd->cls),
	              dd_level_name(dd_rep_level(r, h->g, ci, k)));
	if (fd->neutral && fd->field >= 0) {
		dd_rep_html_text(out, r->var[fd->against].label);
		dd_buf_puts(out, " and ");
	}
	dd_rep_html_text(out, r->var[fd->variant].label);
	dd_buf_puts(out, " <span class=\"pos\">");
	dd_rep_html_text(out, fd->rec ? fd->rec->file : r->var[fd->variant].file);
	if (fd->rec)
		dd_buf_printf(out, ":%u:%u", fd->rec->line, fd->rec->column);
	if (h->g) {
		const dd_gate_item *it = dd_gate_item_of(h->g, ci, k);
		if (it->state != DD_GATE_OPEN)
			dd_buf_printf(out, " &#183; %s", dd_gate_state_name(it->state));
	}
	dd_buf_puts(out, "</span></li>\n");
}

static void put_group(dd_html_ctx *h, size_t ci, const dd_rep_group *gr, dd_buf *out)
{
	const dd_recon *r = h->r;
	const dd_aligned *cd = &r->codes[ci];
	const dd_finding *fd = &cd->f[gr->f[0]];
	dd_level lv = dd_rep_level(r, h->g, ci, gr->f[0]);
	dd_buf_printf(out, "<div class=\"group%s\">\n<p class=\"head\">",
	              fd->systematic ? " sys" : gr->kind != DD_GROUP_FIELD ? " gap" : "");
	switch (gr->kind) {
	case DD_GROUP_MISSING: dd_buf_puts(out, "missing"); break;
	case DD_GROUP_SPLIT: dd_buf_puts(out, "missing in half the variants (neither half is taken to be wrong)"); break;
	case DD_GROUP_EXTRA: dd_buf_puts(out, "extra: only a minority has this code"); break;
	default:
		dd_buf_printf(out, "%s %s", dd_field_name(fd->field), dd_class_name(fd->cls));
		if (fd->cls == DD_CLASS_REFERENCE)
			dd_rep_reason(fd, out);
		else if (dd_class_has_similarity(fd->cls))
			dd_buf_printf(out, " (similarity %.2f)", fd->similarity);
		if (fd->neutral)
			dd_buf_puts(out, ", no variant taken to be wrong");
		if (fd->systematic)
			dd_buf_puts(out, ", part of a systematic substitution");
	}
	dd_buf_printf(out, " &#183; <span class=\"sev-%s\">%s</span> &#183; %zu %s</p>\n<ul class=\"who\">\n",
	              dd_level_name(lv), dd_level_name(lv), gr->n, gr->n == 1 ? "variant" : "variants");
	for (size_t i = 0; i < gr->n; i++)
		put_finding(h, ci, gr->f[i], out);
	dd_buf_puts(out, "</ul>\n");
	if (gr->kind == DD_GROUP_FIELD) {
		dd_buf_puts(out, "<p class=\"diff\">");
		dd_finding_diff(cd, fd, DD_DIFF_HTML, "", out);
		dd_buf_puts(out, "</p>\n");
	}
	dd_buf_puts(out, "</div>\n");
}

void dd_html_codes(dd_html_ctx *h, dd_buf *out, FILE *spill)
{
	const dd_recon *r = h->r;
	dd_buf_puts(out, "<section class=\"codes\">\n<h2>Codes</h2>\n");
	size_t shown = 0;
	for (size_t ci = 0; ci < r->ncodes; ci++) {
		const dd_aligned *cd = &r->codes[ci];
		if (!cd->nf)
			continue;
		dd_rep_spill(out, spill);
		shown++;
		dd_rep_groups gs;
		dd_rep_group_code(cd, 1, &gs);
		dd_buf_puts(out, "<article class=\"code\" id=\"");
		dd_html_id(h, ci, -1, out);
		dd_buf_puts(out, "\">\n<h3>");
		dd_rep_html_text(out, cd->key);
		if (cd->canon[DD_FIELD_NAME].value && cd->canon[DD_FIELD_NAME].value->npara) {
			dd_buf_puts(out, " ");
			dd_rep_html_text(out, cd->canon[DD_FIELD_NAME].value->paras[0]);
		}
		dd_buf_printf(out, " <span class=\"muted\">%u of %u variants%s</span></h3>\n", cd->n,
		              r->nvar, cd->extra ? ", extra" : "");
		size_t i = 0;
		for (; i < gs.n && gs.v[i].kind != DD_GROUP_FIELD; i++)
			put_group(h, ci, &gs.v[i], out);
		for (int f = 0; f < DD_NFIELDS; f++) {
			put_canon(h, cd, f, out);
			for (; i < gs.n && gs.v[i].field == f; i++)
				put_group(h, ci, &gs.v[i], out);
		}
		dd_buf_puts(out, "</article>\n");
		dd_rep_groups_free(&gs);
	}
	if (!shown)
		dd_buf_puts(out, "<p>Every variant agrees on every code.</p>\n");
	dd_buf_puts(out, "</section>\n");
}
