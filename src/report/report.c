/* report.c - text and JSON writers for the diff report. */
#include "report.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static const char *const state_legend =
	"= agrees, ~ differs, s differs only by a systematic substitution, - missing, "
	"+ extra (only a minority has the code), . absent";

/* The state of variant v for code cd. */
static char state_of(const dd_aligned *cd, unsigned v, unsigned *cursor)
{
	while (*cursor < cd->n && cd->e[*cursor].variant < v)
		(*cursor)++;
	if (*cursor < cd->n && cd->e[*cursor].variant == v)
		return cd->e[*cursor].state;
	return cd->extra ? '.' : '-';
}

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

/* Undone replacement i is the first with its text (a value may undo the
 * same pair twice). */
static int first_undo(const dd_canon *cn, unsigned i)
{
	for (unsigned k = 0; k < i; k++)
		if (strcmp(cn->corr_from[k], cn->corr_from[i]) == 0 &&
		    strcmp(cn->corr_to[k], cn->corr_to[i]) == 0)
			return 0;
	return 1;
}

static void put_canon(const dd_recon *r, const dd_aligned *cd, int f, dd_buf *out)
{
	const dd_canon *cn = &cd->canon[f];
	if (!cn->value)
		return;
	dd_buf_printf(out, "  %s %u/%u", dd_field_name(f), cn->support, cn->voters);
	if (cn->support && cn->support < cn->voters) {
		dd_buf_puts(out, " (");
		for (unsigned i = 0; i < cn->support; i++)
			dd_buf_printf(out, "%s%s", i ? ", " : "", r->var[cn->agree[i]].label);
		dd_buf_putc(out, ')');
	}
	if (cn->chosen != DD_CHOSEN_ONLY && cn->chosen != DD_CHOSEN_MAJORITY)
		dd_buf_printf(out, ", tie broken by %s", dd_choice_name(cn->chosen));
	for (unsigned i = 0; i < cn->ncorr; i++)
		if (first_undo(cn, i))
			dd_buf_printf(out, ", systematic \"%s\" -> \"%s\" undone", cn->corr_to[i],
			              cn->corr_from[i]);
	dd_buf_puts(out, ":\n");
	for (unsigned p = 0; p < cn->value->npara; p++)
		dd_buf_printf(out, "    %s\n", cn->value->paras[p]);
}

static void spill_out(dd_buf *out, FILE *spill)
{
	if (spill && out->len >= (1u << 20)) {
		fwrite(out->ptr, 1, out->len, spill);
		dd_buf_reset(out);
	}
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
	dd_buf_printf(out, "\nMatrix (%s)\n  code", state_legend);
	for (unsigned v = 0; v < r->nvar; v++)
		dd_buf_printf(out, " %*u", (int)w, v + 1);
	dd_buf_putc(out, '\n');
	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		dd_buf_printf(out, "  %-4s", cd->key);
		unsigned cur = 0;
		for (unsigned v = 0; v < r->nvar; v++)
			dd_buf_printf(out, " %*c", (int)w, state_of(cd, v, &cur));
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

	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		if (!listed(cd))
			continue;
		spill_out(out, spill);
		dd_buf_printf(out, "\nCode %s (%u of %u variants%s)\n", cd->key, cd->n, r->nvar,
		              cd->extra ? ", extra" : "");
		for (int f = 0; f < DD_NFIELDS; f++)
			put_canon(r, cd, f, out);
		for (size_t k = 0; k < cd->nf; k++) {
			const dd_finding *fd = &cd->f[k];
			if (fd->systematic)
				continue;
			const dd_variant *v = &r->var[fd->variant];
			if (fd->cls == DD_CLASS_MISSING && fd->field < 0) {
				dd_buf_printf(out, "  - %s: missing (%s)\n", v->label, v->file);
				continue;
			}
			if (fd->cls == DD_CLASS_EXTRA) {
				dd_buf_printf(out, "  + %s: extra, %s:%u:%u\n", v->label, fd->rec->file,
				              fd->rec->line, fd->rec->column);
				continue;
			}
			dd_buf_printf(out, "  ~ %s: %s %s", v->label, dd_field_name(fd->field),
			              dd_class_name(fd->cls));
			if (fd->cls >= DD_CLASS_TRUNCATION)
				dd_buf_printf(out, " (similarity %.2f)", fd->similarity);
			dd_buf_printf(out, ", %s:%u:%u\n    ", fd->rec->file, fd->rec->line, fd->rec->column);
			dd_finding_diff(cd, fd, color, "    ", out);
			dd_buf_putc(out, '\n');
		}
	}
}

/* ---- JSON ---- */

static json_t *labels_json(const dd_recon *r, const unsigned *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(r->var[v[i]].label));
	return a;
}

static json_t *value_json(const dd_value *v, int field)
{
	if (field == DD_FIELD_NAME)
		return json_string(v->npara ? v->paras[0] : "");
	json_t *a = json_array();
	for (unsigned p = 0; p < v->npara; p++)
		json_array_append_new(a, json_string(v->paras[p]));
	return a;
}

static json_t *canon_json(const dd_recon *r, const dd_aligned *cd, int f)
{
	const dd_canon *cn = &cd->canon[f];
	if (!cn->value)
		return json_null();
	json_t *o = json_object();
	json_object_set_new(o, "canonical", value_json(cn->value, f));
	json_object_set_new(o, "support", json_integer(cn->support));
	json_object_set_new(o, "voters", json_integer(cn->voters));
	json_object_set_new(o, "agree", labels_json(r, cn->agree, cn->support));
	json_object_set_new(o, "chosen_by", json_string(dd_choice_name(cn->chosen)));
	if (cn->ncorr) {
		json_t *u = json_array();
		for (unsigned i = 0; i < cn->ncorr; i++)
			if (first_undo(cn, i)) {
				json_t *p = json_object();
				json_object_set_new(p, "from", json_string(cn->corr_to[i]));
				json_object_set_new(p, "to", json_string(cn->corr_from[i]));
				json_array_append_new(u, p);
			}
		json_object_set_new(o, "undone", u);
	}
	return o;
}

static json_t *finding_json(const dd_recon *r, const dd_aligned *cd, const dd_finding *fd,
                            dd_buf *scratch)
{
	json_t *o = json_object();
	json_object_set_new(o, "variant", json_string(r->var[fd->variant].label));
	json_object_set_new(o, "field", fd->field < 0 ? json_null() : json_string(dd_field_name(fd->field)));
	json_object_set_new(o, "class", json_string(dd_class_name(fd->cls)));
	if (fd->field >= 0) {
		json_object_set_new(o, "similarity", json_real((double)(long)(fd->similarity * 1000 + 0.5) / 1000));
		json_object_set_new(o, "systematic", json_boolean(fd->systematic));
		json_object_set_new(o, "value", value_json(fd->value, fd->field));
		dd_buf_reset(scratch);
		dd_finding_diff(cd, fd, 0, "", scratch);
		json_object_set_new(o, "diff", json_stringn(scratch->ptr ? scratch->ptr : "", scratch->len));
	}
	if (fd->rec) {
		json_object_set_new(o, "file", json_string(fd->rec->file));
		json_object_set_new(o, "line", json_integer(fd->rec->line));
		json_object_set_new(o, "column", json_integer(fd->rec->column));
	} else {
		json_object_set_new(o, "file", json_string(r->var[fd->variant].file));
	}
	return o;
}

static char *dumps(const json_t *j)
{
	char *s = json_dumps(j, JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(3));
	if (!s)
		dd_fatal_oom();
	return s;
}

void dd_report_json(const dd_recon *r, dd_buf *out, FILE *spill)
{
	json_t *root = json_object();
	json_object_set_new(root, "schema", json_string("docdrift-diff/1"));
	json_t *vars = json_array();
	for (unsigned v = 0; v < r->nvar; v++) {
		const dd_variant *d = &r->var[v];
		json_t *o = json_object();
		json_object_set_new(o, "label", json_string(d->label));
		json_object_set_new(o, "service", json_string(d->service));
		json_object_set_new(o, "page", d->page ? json_string(d->page) : json_null());
		json_object_set_new(o, "file", json_string(d->file));
		json_object_set_new(o, "codes", json_integer((json_int_t)d->ncodes));
		json_array_append_new(vars, o);
	}
	json_object_set_new(root, "variants", vars);

	json_t *sum = json_object();
	json_object_set_new(sum, "variants", json_integer(r->nvar));
	json_object_set_new(sum, "codes", json_integer((json_int_t)r->ncodes));
	json_object_set_new(sum, "codes_differing", json_integer((json_int_t)r->ndiffer));
	json_t *cls = json_object();
	for (int c = DD_CLASS_MISSING; c < DD_CLASS_COUNT; c++)
		json_object_set_new(cls, dd_class_name((dd_class)c), json_integer((json_int_t)r->count[c]));
	json_object_set_new(sum, "classes", cls);
	json_object_set_new(sum, "systematic", json_integer((json_int_t)r->nsys));
	json_object_set_new(sum, "differs", json_boolean(dd_recon_differs(r)));
	json_object_set_new(root, "summary", sum);

	json_t *sys = json_array();
	for (size_t i = 0; i < r->nsys; i++) {
		const dd_systematic *s = &r->sys[i];
		json_t *o = json_object();
		json_object_set_new(o, "from", json_string(s->from));
		json_object_set_new(o, "to", json_string(s->to));
		json_t *uses = json_array();
		for (size_t u = 0; u < s->nuses; u++) {
			json_t *uo = json_object();
			json_object_set_new(uo, "variant", json_string(r->var[s->uses[u].variant].label));
			json_t *codes = json_array();
			for (size_t k = 0; k < s->uses[u].ncodes; k++)
				json_array_append_new(codes, json_string(s->uses[u].codes[k]));
			json_object_set_new(uo, "codes", codes);
			json_array_append_new(uses, uo);
		}
		json_object_set_new(o, "uses", uses);
		json_array_append_new(sys, o);
	}
	json_object_set_new(root, "systematic", sys);

	/* "codes", the bulk of the report, goes out one code at a time, so the
	 * JSON tree never holds more than one code (it held 4x the report). The
	 * bytes are those of dumping the whole tree. */
	json_object_set_new(root, "codes", json_array());
	char *s = dumps(root);
	size_t n = strlen(s);
	static const char empty_tail[] = "[]\n}";
	if (n < sizeof empty_tail - 1 || strcmp(s + n - (sizeof empty_tail - 1), empty_tail) != 0)
		dd_fatal("unexpected JSON layout from jansson");
	dd_buf_put(out, s, n - (sizeof empty_tail - 1) + 1); /* up to and with '[' */
	free(s);
	json_decref(root);

	dd_buf scratch = DD_BUF_INIT;
	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		spill_out(out, spill);
		json_t *o = json_object();
		json_object_set_new(o, "code", json_string(cd->key));
		json_object_set_new(o, "present", json_integer(cd->n));
		json_object_set_new(o, "extra", json_boolean(cd->extra));
		dd_buf_reset(&scratch);
		unsigned cur = 0;
		for (unsigned v = 0; v < r->nvar; v++)
			dd_buf_putc(&scratch, state_of(cd, v, &cur));
		json_object_set_new(o, "states", json_stringn(scratch.ptr ? scratch.ptr : "", scratch.len));
		json_object_set_new(o, "name", canon_json(r, cd, DD_FIELD_NAME));
		json_object_set_new(o, "description", canon_json(r, cd, DD_FIELD_DESC));
		json_t *fs = json_array();
		for (size_t k = 0; k < cd->nf; k++)
			json_array_append_new(fs, finding_json(r, cd, &cd->f[k], &scratch));
		json_object_set_new(o, "findings", fs);
		s = dumps(o);
		json_decref(o);
		/* an element of root's "codes" sits 4 spaces in */
		dd_buf_puts(out, i ? ",\n    " : "\n    ");
		for (const char *p = s, *nl; *p; p = nl + 1) {
			nl = strchr(p, '\n');
			if (!nl) {
				dd_buf_puts(out, p);
				break;
			}
			dd_buf_put(out, p, (size_t)(nl - p + 1));
			dd_buf_puts(out, "    ");
		}
		free(s);
	}
	dd_buf_free(&scratch);
	dd_buf_puts(out, r->ncodes ? "\n  ]\n}\n" : "]\n}\n");
}
