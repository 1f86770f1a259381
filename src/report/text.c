/* text.c - the text report of `docdrift diff` (plain or ANSI colour). */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const state_legend =
	"= agrees, ~ differs, s differs only by a systematic substitution, - missing, "
	"+ extra (only a minority has the code), . absent";

static unsigned digits(unsigned n)
{
	unsigned d = 1;
	while (n >= 10) {
		n /= 10;
		d++;
	}
	return d;
}

static int listed(const dd_aligned *cd)
{
	for (size_t i = 0; i < cd->nf; i++)
		if (!cd->f[i].systematic)
			return 1;
	return 0;
}

static void put_canon(const dd_recon *r, const dd_aligned *cd, int f, dd_buf *out)
{
	const dd_canon *cn = &cd->canon[f];
	if (!cn->value)
		return;
	if (cn->chosen == DD_CHOSEN_NONE && !cn->ncorr) {
		/* no canonical: two variants are shown as a pair with their finding;
		 * more, against the first document's wording, blaming none */
		if (cn->voters > 2)
			dd_buf_printf(out, "  %s: no majority, so no variant is taken to be wrong; each "
			              "is compared with %s (named first):\n    %s\n",
			              dd_field_name(f), r->var[cd->e[cn->entry].variant].label,
			              cn->value->paras[0]);
		for (unsigned p = 1; cn->voters > 2 && p < cn->value->npara; p++)
			dd_buf_printf(out, "    %s\n", cn->value->paras[p]);
		return;
	}
	dd_buf_printf(out, "  %s %u/%u", dd_field_name(f), cn->support, cn->voters);
	if (cn->support && cn->support < cn->voters) {
		dd_buf_puts(out, " (");
		for (unsigned i = 0; i < cn->support; i++)
			dd_buf_printf(out, "%s%s", i ? ", " : "", r->var[cn->agree[i]].label);
		dd_buf_putc(out, ')');
	}
	if (cn->chosen == DD_CHOSEN_REFERENCE)
		dd_buf_printf(out, ", from the reference %s", cn->source);
	else if (cn->chosen == DD_CHOSEN_NONE)
		dd_buf_puts(out, ", no majority");
	else if (cn->chosen != DD_CHOSEN_ONLY && cn->chosen != DD_CHOSEN_MAJORITY)
		dd_buf_printf(out, ", tie broken by %s", dd_choice_name(cn->chosen));
	for (unsigned i = 0; i < cn->ncorr; i++)
		if (dd_rep_first_undo(cn, i))
			dd_buf_printf(out, ", systematic \"%s\" -> \"%s\" undone", cn->corr_to[i],
			              cn->corr_from[i]);
	dd_buf_puts(out, ":\n");
	for (unsigned p = 0; p < cn->value->npara; p++)
		dd_buf_printf(out, "    %s\n", cn->value->paras[p]);
}

void dd_report_text(const dd_recon *r, int color, dd_buf *out, FILE *spill)
{
	dd_buf_printf(out, "%u variant%s, %zu code%s, %zu differ%s\n\n", r->nvar,
	              r->nvar == 1 ? "" : "s", r->ncodes, r->ncodes == 1 ? "" : "s", r->ndiffer,
	              r->ndiffer == 1 ? "s" : "");
	unsigned w = digits(r->nvar);
	size_t lw = 0;
	for (unsigned v = 0; v < r->nvar; v++)
		if (strlen(r->var[v].label) > lw)
			lw = strlen(r->var[v].label);
	dd_buf_puts(out, "Variants\n");
	for (unsigned v = 0; v < r->nvar; v++)
		dd_buf_printf(out, "  %*u  %-*s  %s (%zu code%s)\n", (int)w, v + 1, (int)lw,
		              r->var[v].label, r->var[v].file, r->var[v].ncodes,
		              r->var[v].ncodes == 1 ? "" : "s");
	int kw = 4; /* error codes ("ELB.0002") are wider than status codes */
	for (size_t i = 0; i < r->ncodes; i++)
		if ((int)strlen(r->codes[i].key) > kw)
			kw = (int)strlen(r->codes[i].key);
	dd_buf_printf(out, "\nMatrix (%s)\n  %-*s", state_legend, kw, "code");
	for (unsigned v = 0; v < r->nvar; v++)
		dd_buf_printf(out, " %*u", (int)w, v + 1);
	dd_buf_putc(out, '\n');
	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		dd_buf_printf(out, "  %-*s", kw, cd->key);
		unsigned cur = 0;
		for (unsigned v = 0; v < r->nvar; v++)
			dd_buf_printf(out, " %*c", (int)w, dd_rep_state_of(cd, v, &cur));
		dd_buf_putc(out, '\n');
	}
	dd_buf_puts(out, "\nDifferences by class\n");
	for (int c = DD_CLASS_MISSING; c < DD_CLASS_COUNT; c++)
		dd_buf_printf(out, "  %-13s %zu\n", dd_class_name((dd_class)c), r->count[c]);
	dd_buf_printf(out, "  %-13s %zu\n", "systematic", r->nsys);

	if (r->nsys) {
		dd_buf_puts(out, "\nSystematic substitutions (one variant, the same replacement in several codes)\n");
		for (size_t i = 0; i < r->nsys; i++) {
			const dd_systematic *s = &r->sys[i];
			dd_buf_printf(out, "  \"%s\" -> \"%s\"\n", s->from, s->to);
			for (size_t u = 0; u < s->nuses; u++) {
				const dd_sys_use *us = &s->uses[u];
				dd_buf_printf(out, "    %s in %zu code%s:", r->var[us->variant].label, us->ncodes,
				              us->ncodes == 1 ? "" : "s");
				for (size_t k = 0; k < us->ncodes; k++)
					dd_buf_printf(out, " %s", us->codes[k]);
				dd_buf_putc(out, '\n');
			}
		}
	}

	size_t nunreg = 0;
	for (size_t i = 0; i < r->ncodes; i++)
		if (r->codes[i].unregistered)
			dd_buf_printf(out, "%s %s", nunreg++ ? "," : "\nNot in the IANA registry (names as the "
			              "documents give them):", r->codes[i].key);
	if (nunreg)
		dd_buf_putc(out, '\n');

	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		if (!listed(cd))
			continue;
		dd_rep_spill(out, spill);
		dd_buf_printf(out, "\nCode %s (%u of %u variants%s)\n", cd->key, cd->n, r->nvar,
		              cd->extra ? ", extra" : "");
		for (int f = 0; f < DD_NFIELDS; f++)
			put_canon(r, cd, f, out);
		for (size_t k = 0; k < cd->nf; k++) {
			const dd_finding *fd = &cd->f[k];
			if (fd->systematic)
				continue;
			const dd_variant *v = &r->var[fd->variant];
			if (fd->cls == DD_CLASS_MISSING && fd->field < 0 && fd->neutral) {
				/* half the variants have it: neither half is taken to be wrong */
				dd_buf_puts(out, "  - only in ");
				for (unsigned e = 0; e < cd->n; e++)
					dd_buf_printf(out, "%s%s", e ? ", " : "", r->var[cd->e[e].variant].label);
				dd_buf_printf(out, ", not in %s (%s)\n", v->label, v->file);
				continue;
			}
			if (fd->cls == DD_CLASS_MISSING && fd->field < 0) {
				dd_buf_printf(out, "  - %s: missing (%s)\n", v->label, v->file);
				continue;
			}
			if (fd->cls == DD_CLASS_EXTRA) {
				dd_buf_printf(out, "  + %s: extra, %s:%u:%u\n", v->label, fd->rec->file,
				              fd->rec->line, fd->rec->column);
				continue;
			}
			const dd_record *with = NULL; /* the other side of a neutral pair */
			if (fd->neutral && cd->canon[fd->field].voters == 2) {
				for (unsigned e = 0; e < cd->n; e++)
					if (cd->e[e].variant == fd->against)
						with = cd->e[e].rec;
				dd_buf_printf(out, "  ~ %s and %s differ: %s %s", r->var[fd->against].label,
				              v->label, dd_field_name(fd->field), dd_class_name(fd->cls));
			} else {
				dd_buf_printf(out, "  ~ %s: %s %s", v->label, dd_field_name(fd->field),
				              dd_class_name(fd->cls));
			}
			if (fd->cls == DD_CLASS_REFERENCE)
				dd_rep_reason(fd, out);
			else if (dd_class_has_similarity(fd->cls))
				dd_buf_printf(out, " (similarity %.2f)", fd->similarity);
			if (with)
				dd_buf_printf(out, ", %s:%u:%u and", with->file, with->line, with->column);
			dd_buf_printf(out, "%s %s:%u:%u\n    ", with ? "" : ",", fd->rec->file, fd->rec->line,
			              fd->rec->column);
			dd_finding_diff(cd, fd, color, "    ", out);
			dd_buf_putc(out, '\n');
		}
	}
}

