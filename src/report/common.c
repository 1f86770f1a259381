/* common.c - what the text and JSON reports share. */
#include "report_internal.h"

#include <stdio.h>
#include <string.h>

/* The state of variant v for code cd. The cursor gallops: a caller walking
 * v upwards pays about one step a call, one that starts again at 0 for
 * every code (the variants x codes matrix) a logarithm, not the code's
 * whole list of entries (10 000 variants made that a quarter of a run). */
char dd_rep_state_of(const dd_aligned *cd, unsigned v, unsigned *cursor)
{
	if (*cursor < cd->n && cd->e[*cursor].variant < v) {
		/* e[lo] is before v; hi is n or an entry at or after v */
		size_t lo = *cursor, step = 1, hi = lo + 1;
		while (hi < cd->n && cd->e[hi].variant < v) {
			lo = hi;
			step *= 2;
			hi = lo + step;
		}
		*cursor = (unsigned)dd_entry_search(cd, v, lo + 1, hi < cd->n ? hi : cd->n);
	}
	if (*cursor < cd->n && cd->e[*cursor].variant == v)
		return cd->e[*cursor].state;
	return cd->extra ? '.' : '-';
}

/* Undone replacement i is the first with its text (a value may undo the
 * same pair twice). */
int dd_rep_first_undo(const dd_canon *cn, unsigned i)
{
	for (unsigned k = 0; k < i; k++)
		if (strcmp(cn->corr_from[k], cn->corr_from[i]) == 0 &&
		    strcmp(cn->corr_to[k], cn->corr_to[i]) == 0)
			return 0;
	return 1;
}

void dd_rep_spill(dd_buf *out, FILE *spill)
{
	if (spill && out->len >= (1u << 20)) {
		fwrite(out->ptr, 1, out->len, spill);
		dd_buf_reset(out);
	}
}

int dd_report_format_parse(const char *s, dd_report_format *out)
{
	static const struct {
		const char *name;
		dd_report_format f;
	} fmts[] = {{"text", DD_REPORT_TEXT},       {"json", DD_REPORT_JSON},
	            {"sarif", DD_REPORT_SARIF},     {"github", DD_REPORT_GITHUB},
	            {"markdown", DD_REPORT_MARKDOWN}, {"md", DD_REPORT_MARKDOWN},
	            {"html", DD_REPORT_HTML},       {"jsonl", DD_REPORT_JSONL},
	            {"csv", DD_REPORT_CSV}};
	for (size_t i = 0; i < sizeof fmts / sizeof *fmts; i++)
		if (strcmp(s, fmts[i].name) == 0) {
			*out = fmts[i].f;
			return 0;
		}
	return -1;
}

void dd_rep_where(const dd_gate *g, const dd_gate_item *it, dd_rep_loc *loc)
{
	const dd_finding *fd = it->fd;
	memset(loc, 0, sizeof *loc);
	loc->file = g->r->var[fd->variant].file;
	loc->identity = g->ident[fd->variant];
	if (fd->rec) {
		loc->line = fd->rec->line;
		loc->col = fd->rec->column;
		loc->end_col = loc->col + (unsigned)strlen(fd->rec->key);
	}
}

const dd_record *dd_rep_canon_rec(const dd_gate *g, const dd_gate_item *it)
{
	const dd_aligned *cd = &g->r->codes[it->code];
	const dd_finding *fd = it->fd;
	if (fd->field >= 0 && cd->canon[fd->field].value)
		return cd->e[cd->canon[fd->field].entry].rec;
	for (unsigned i = 0; i < cd->n; i++)
		if (cd->e[i].variant != fd->variant)
			return cd->e[i].rec;
	return NULL;
}

void dd_rep_title(const dd_gate *g, const dd_gate_item *it, dd_buf *out)
{
	const dd_aligned *cd = &g->r->codes[it->code];
	if (it->fd->field < 0)
		dd_buf_printf(out, "%s: %s", cd->key, dd_class_name(it->fd->cls));
	else
		dd_buf_printf(out, "%s %s: %s", cd->key, dd_field_name(it->fd->field),
		              dd_class_name(it->fd->cls));
}

static void support(const dd_recon *r, const dd_canon *cn, dd_buf *out)
{
	dd_buf_printf(out, "%u of %u variant%s", cn->support, cn->voters, cn->voters == 1 ? "" : "s");
	if (cn->support && cn->support <= 4) {
		dd_buf_puts(out, ": ");
		for (unsigned i = 0; i < cn->support; i++)
			dd_buf_printf(out, "%s%s", i ? ", " : "", r->var[cn->agree[i]].label);
	}
}

/* Why a name differs from the IANA registry's phrase. */
void dd_rep_reason(const dd_finding *fd, dd_buf *out)
{
	switch (fd->reason) {
	case DD_REASON_CAMELCASE: dd_buf_puts(out, " (CamelCase)"); break;
	case DD_REASON_OUTDATED: dd_buf_printf(out, " (%s's phrase, since replaced)", fd->phrase_of); break;
	case DD_REASON_CASE: dd_buf_puts(out, " (case differs)"); break;
	case DD_REASON_PUNCTUATION: dd_buf_puts(out, " (spacing or punctuation differs)"); break;
	default: dd_buf_puts(out, " (not the registry's phrase)"); break;
	}
}

void dd_rep_message(const dd_gate *g, const dd_gate_item *it, dd_buf *out)
{
	const dd_recon *r = g->r;
	const dd_aligned *cd = &r->codes[it->code];
	const dd_finding *fd = it->fd;
	const char *v = r->var[fd->variant].label;
	if (fd->field < 0) {
		if (fd->cls == DD_CLASS_MISSING)
			dd_buf_printf(out, "%s has no row for code %s, which %u of %u variants have", v,
			              cd->key, cd->n, cd->nvar);
		else
			dd_buf_printf(out, "%s has code %s, which only %u of %u variants have", v, cd->key,
			              cd->n, cd->nvar);
		return;
	}
	const dd_canon *cn = &cd->canon[fd->field];
	const char *field = dd_field_name(fd->field);
	if (fd->cls == DD_CLASS_MISSING) {
		dd_buf_printf(out, "%s's %s of code %s is empty; the canonical %s (", v, field, cd->key,
		              field);
		support(r, cn, out);
		dd_buf_puts(out, ") is given");
		return;
	}
	if (fd->neutral) /* nothing decides: neither side is blamed */
		dd_buf_printf(out, "%s and %s differ in the %s of code %s: %s", v,
		              r->var[fd->against].label, field, cd->key, dd_class_name(fd->cls));
	else if (fd->cls == DD_CLASS_REFERENCE) {
		dd_buf_printf(out, "%s's name of code %s is not the IANA registry's phrase", v, cd->key);
		dd_rep_reason(fd, out);
		return;
	} else if (cn->chosen == DD_CHOSEN_REFERENCE)
		dd_buf_printf(out, "%s's %s of code %s differs from the reference %s: %s", v, field,
		              cd->key, cn->source, dd_class_name(fd->cls));
	else {
		dd_buf_printf(out, "%s's %s of code %s differs from the canonical wording (", v, field,
		              cd->key);
		support(r, cn, out);
		dd_buf_printf(out, "): %s", dd_class_name(fd->cls));
	}
	if (dd_class_has_similarity(fd->cls))
		dd_buf_printf(out, ", similarity %.2f", fd->similarity);
	if (fd->systematic)
		dd_buf_puts(out, ", part of a systematic substitution");
}

void dd_rep_diff(const dd_gate *g, const dd_gate_item *it, dd_buf *out)
{
	const dd_aligned *cd = &g->r->codes[it->code];
	dd_buf d = DD_BUF_INIT;
	dd_finding_diff(cd, it->fd, 0, "", &d);
	for (size_t i = 0; i < d.len; i++) {
		if (d.ptr[i] == '\n')
			dd_buf_puts(out, " \xC2\xB6 ");
		else
			dd_buf_putc(out, d.ptr[i]);
	}
	dd_buf_free(&d);
}

size_t dd_rep_count_state(const dd_gate *g, dd_gate_state s)
{
	size_t n = 0;
	for (int l = 0; l < DD_NLEVELS; l++)
		n += g->count[s][l];
	return n;
}

void dd_rep_counts(const dd_gate *g, dd_buf *out)
{
	dd_gate_state fresh = g->base ? DD_GATE_NEW : DD_GATE_OPEN;
	size_t n = dd_rep_count_state(g, fresh);
	dd_buf_printf(out, "%zu %s", n, g->base ? "new" : (n == 1 ? "finding" : "findings"));
	if (n) {
		dd_buf_puts(out, " (");
		int first = 1;
		for (int l = DD_NLEVELS - 1; l > DD_LEVEL_NONE; l--)
			if (g->count[fresh][l]) {
				size_t k = g->count[fresh][l];
				dd_buf_printf(out, "%s%zu %s%s", first ? "" : ", ", k, dd_level_name((dd_level)l),
				              k == 1 ? "" : "s");
				first = 0;
			}
		dd_buf_putc(out, ')');
	}
	if (g->base)
		dd_buf_printf(out, ", %zu accepted", dd_rep_count_state(g, DD_GATE_ACCEPTED));
	dd_buf_printf(out, ", %zu suppressed", dd_rep_count_state(g, DD_GATE_SUPPRESSED));
	if (g->base)
		dd_buf_printf(out, ", %zu fixed", g->nfixed);
}
