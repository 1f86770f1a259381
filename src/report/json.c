/* json.c - the JSON report of `docdrift diff` (schema in doc/report-schema.md). */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

static json_t *labels_json(const dd_recon *r, const unsigned *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(r->var[v[i]].label));
	return a;
}

static json_t *value_json(const dd_value *v, int field)
{
	if (field == DD_FIELD_NAME || field == DD_FIELD_STATUS)
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
	if (cn->chosen == DD_CHOSEN_REFERENCE)
		json_object_set_new(o, "source", json_string(cn->source));
	if (cn->chosen == DD_CHOSEN_NONE && cd->n)
		json_object_set_new(o, "anchor", json_string(r->var[cd->e[cn->entry].variant].label));
	if (cn->ncorr) {
		json_t *u = json_array();
		for (unsigned i = 0; i < cn->ncorr; i++)
			if (dd_rep_first_undo(cn, i)) {
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
                            const dd_gate_item *it, dd_buf *scratch)
{
	json_t *o = json_object();
	if (it) {
		json_object_set_new(o, "fingerprint", json_string(it->fp));
		json_object_set_new(o, "severity", json_string(dd_level_name(it->level)));
		if (it->state != DD_GATE_OPEN || it->supp)
			json_object_set_new(o, "baseline", json_string(dd_gate_state_name(it->state)));
		if (it->supp) {
			json_object_set_new(o, "suppressed_by", json_string(it->supp->name));
			json_object_set_new(o, "reason", json_string(it->supp->reason));
		}
	}
	json_object_set_new(o, "variant", json_string(r->var[fd->variant].label));
	json_object_set_new(o, "field", fd->field < 0 ? json_null() : json_string(dd_field_name(fd->field)));
	json_object_set_new(o, "class", json_string(dd_class_name(fd->cls)));
	if (fd->cls == DD_CLASS_REFERENCE) {
		json_object_set_new(o, "reason", json_string(dd_reason_name(fd->reason)));
		if (fd->phrase_of)
			json_object_set_new(o, "phrase_of", json_string(fd->phrase_of));
	}
	if (fd->neutral) {
		json_object_set_new(o, "neutral", json_true());
		if (fd->field >= 0)
			json_object_set_new(o, "against", json_string(r->var[fd->against].label));
	}
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

static json_t *gate_json(const dd_gate *g, const dd_report_opts *ro)
{
	json_t *o = json_object();
	json_object_set_new(o, "baseline", ro && ro->baseline ? json_string(ro->baseline) : json_null());
	json_object_set_new(o, "fail_on", json_string(dd_level_name(g->p->fail_on)));
	json_object_set_new(o, "strict", json_boolean(g->strict));
	static const dd_gate_state states[] = {DD_GATE_NEW, DD_GATE_ACCEPTED, DD_GATE_SUPPRESSED};
	for (size_t i = 0; i < sizeof states / sizeof *states; i++) {
		json_t *c = json_object();
		for (int l = DD_NLEVELS - 1; l > DD_LEVEL_NONE; l--)
			json_object_set_new(c, dd_level_name((dd_level)l),
			                    json_integer((json_int_t)g->count[states[i]][l]));
		json_object_set_new(o, dd_gate_state_name(states[i]), c);
	}
	json_object_set_new(o, "fixed", json_integer((json_int_t)g->nfixed));
	json_object_set_new(o, "failures", json_integer((json_int_t)dd_gate_failures(g)));
	json_object_set_new(o, "failed", json_boolean(dd_gate_status(g) != 0));
	json_t *fixed = json_array();
	for (size_t i = 0; i < g->nfixed; i++) {
		const dd_base_entry *e = g->fixed[i];
		json_t *f = json_object();
		json_object_set_new(f, "fingerprint", json_string(e->fingerprint));
		json_object_set_new(f, "code", json_string(e->code));
		json_object_set_new(f, "file", json_string(e->file));
		json_object_set_new(f, "field", *e->field ? json_string(e->field) : json_null());
		json_object_set_new(f, "class", json_string(e->cls));
		json_object_set_new(f, "line", json_integer(e->line));
		json_array_append_new(fixed, f);
	}
	json_object_set_new(o, "fixed_entries", fixed);
	return o;
}

static json_t *summary_json(const dd_recon *r)
{
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
	return sum;
}

/* Appends s to out, every line after the first indented by indent spaces. */
static void put_indented(dd_buf *out, const char *s, size_t n, unsigned indent)
{
	for (const char *p = s, *e = s + n, *nl; p < e; p = nl + 1) {
		nl = memchr(p, '\n', (size_t)(e - p));
		if (!nl) {
			dd_buf_put(out, p, (size_t)(e - p));
			break;
		}
		dd_buf_put(out, p, (size_t)(nl - p + 1));
		for (unsigned i = 0; i < indent; i++)
			dd_buf_putc(out, ' ');
	}
}

/* Writes root with an empty array `key` added last, up to and with that
 * array's '[' (every line but the first indented by indent), and frees
 * root: the caller streams the array's elements and closes it. */
static void put_head(json_t *root, const char *key, unsigned indent, dd_buf *out)
{
	json_object_set_new(root, key, json_array());
	char *s = dumps(root);
	size_t n = strlen(s);
	static const char empty_tail[] = "[]\n}";
	if (n < sizeof empty_tail - 1 || strcmp(s + n - (sizeof empty_tail - 1), empty_tail) != 0)
		dd_fatal("unexpected JSON layout from jansson");
	put_indented(out, s, n - (sizeof empty_tail - 1) + 1, indent);
	free(s);
	json_decref(root);
}

/* The fields of a reconciliation's report object, after whatever root
 * already holds: kind, variants, summary, systematic (and check, when g
 * has a baseline and with_check). */
static void recon_fields(json_t *root, const dd_recon *r, const dd_gate *g,
                         const dd_report_opts *ro, int with_check)
{
	json_object_set_new(root, "kind", json_string(dd_kind_name(r->kind)));
	json_t *vars = json_array();
	for (unsigned v = 0; v < r->nvar; v++) {
		const dd_variant *d = &r->var[v];
		json_t *o = json_object();
		json_object_set_new(o, "label", json_string(d->label));
		json_object_set_new(o, "service", json_string(d->service));
		json_object_set_new(o, "page", d->page ? json_string(d->page) : json_null());
		json_object_set_new(o, "file", json_string(d->file));
		if (g)
			json_object_set_new(o, "identity", json_string(g->ident[v]));
		json_object_set_new(o, "codes", json_integer((json_int_t)d->ncodes));
		json_array_append_new(vars, o);
	}
	json_object_set_new(root, "variants", vars);
	json_object_set_new(root, "summary", summary_json(r));

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
	if (with_check && g && g->base)
		json_object_set_new(root, "check", gate_json(g, ro));
}

/* Writes root (to which an empty "codes" array is added) with r's codes
 * in it, every line but the first indented by indent. "codes", the bulk
 * of the report, goes out one code at a time, so the JSON tree never
 * holds more than one code (it held 4x the report). The bytes are those
 * of dumping the whole tree. */
static void stream_codes(json_t *root, const dd_recon *r, const dd_gate *g, unsigned indent,
                         dd_buf *out, FILE *spill)
{
	put_head(root, "codes", indent, out);
	char *s;

	dd_buf scratch = DD_BUF_INIT;
	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		dd_rep_spill(out, spill);
		json_t *o = json_object();
		json_object_set_new(o, "code", json_string(cd->key));
		json_object_set_new(o, "present", json_integer(cd->n));
		json_object_set_new(o, "extra", json_boolean(cd->extra));
		if (r->iana && !strchr(cd->key, 'x'))
			json_object_set_new(o, "registered", json_boolean(!cd->unregistered));
		dd_buf_reset(&scratch);
		unsigned cur = 0;
		for (unsigned v = 0; v < r->nvar; v++)
			dd_buf_putc(&scratch, dd_rep_state_of(cd, v, &cur));
		json_object_set_new(o, "states", json_stringn(scratch.ptr ? scratch.ptr : "", scratch.len));
		json_object_set_new(o, "name", canon_json(r, cd, DD_FIELD_NAME));
		json_object_set_new(o, "description", canon_json(r, cd, DD_FIELD_DESC));
		if (r->kind == DD_KIND_ERROR) {
			json_object_set_new(o, "status", canon_json(r, cd, DD_FIELD_STATUS));
			json_object_set_new(o, "solution", canon_json(r, cd, DD_FIELD_SOLUTION));
		}
		json_t *fs = json_array();
		for (size_t k = 0; k < cd->nf; k++)
			json_array_append_new(fs, finding_json(r, cd, &cd->f[k],
			                                       g ? dd_gate_item_of(g, i, k) : NULL, &scratch));
		json_object_set_new(o, "findings", fs);
		s = dumps(o);
		json_decref(o);
		/* an element of root's "codes" sits 4 spaces in */
		dd_buf_puts(out, i ? ",\n" : "\n");
		for (unsigned k = 0; k < indent + 4; k++)
			dd_buf_putc(out, ' ');
		put_indented(out, s, strlen(s), indent + 4);
		free(s);
	}
	dd_buf_free(&scratch);
	if (r->ncodes) {
		dd_buf_putc(out, '\n');
		for (unsigned k = 0; k < indent + 2; k++)
			dd_buf_putc(out, ' ');
	}
	dd_buf_puts(out, "]\n");
	for (unsigned k = 0; k < indent; k++)
		dd_buf_putc(out, ' ');
	dd_buf_putc(out, '}');
}

void dd_report_json(const dd_recon *r, const dd_gate *g, const dd_report_opts *ro, dd_buf *out,
                    FILE *spill)
{
	json_t *root = json_object();
	json_object_set_new(root, "schema", json_string("docdrift-diff/1"));
	recon_fields(root, r, g, ro, 1);
	stream_codes(root, r, g, 0, out, spill);
	dd_buf_putc(out, '\n');
}

static json_t *strings_json(const char *const *v, size_t n)
{
	json_t *a = json_array();
	for (size_t i = 0; i < n; i++)
		json_array_append_new(a, json_string(v[i]));
	return a;
}

static json_t *doc_json(const dd_report_doc *d)
{
	json_t *o = json_object();
	json_object_set_new(o, "file", json_string(d->file));
	json_object_set_new(o, "root", d->root ? json_string(d->root) : json_null());
	if (d->label)
		json_object_set_new(o, "label", json_string(d->label));
	if (d->why)
		json_object_set_new(o, "why", json_string(d->why));
	return o;
}

void dd_report_json_run(const dd_report_run *rr, const dd_report_opts *ro, dd_buf *out,
                        FILE *spill)
{
	json_t *root = json_object();
	json_object_set_new(root, "schema", json_string("docdrift-diff/1"));
	json_object_set_new(root, "grouping", rr->grouping ? json_string(rr->grouping) : json_null());
	json_t *sum = summary_json(rr->r);
	json_object_set_new(sum, "parts", json_integer((json_int_t)rr->nparts));
	json_object_set_new(sum, "families", json_integer((json_int_t)rr->nfams));
	size_t differ = 0;
	for (size_t f = 0; f < rr->nfams; f++)
		differ += rr->fams[f].differs;
	json_object_set_new(sum, "families_differing", json_integer((json_int_t)differ));
	json_object_set_new(sum, "unmatched", json_integer((json_int_t)rr->nlone));
	json_object_set_new(sum, "differs", json_boolean(rr->differs));
	json_object_set_new(root, "summary", sum);
	json_t *fams = json_array();
	for (size_t f = 0; f < rr->nfams; f++) {
		const dd_report_family *fm = &rr->fams[f];
		json_t *o = json_object();
		json_object_set_new(o, "name", fm->name ? json_string(fm->name) : json_null());
		json_object_set_new(o, "differs", json_boolean(fm->differs));
		json_t *docs = json_array();
		for (size_t d = 0; d < fm->ndocs; d++)
			json_array_append_new(docs, doc_json(&fm->docs[d]));
		json_object_set_new(o, "documents", docs);
		json_t *parts = json_array();
		for (size_t p = 0; p < rr->nparts; p++)
			if (rr->parts[p].fam == f)
				json_array_append_new(parts, json_integer((json_int_t)p));
		json_object_set_new(o, "parts", parts);
		json_array_append_new(fams, o);
	}
	json_object_set_new(root, "families", fams);
	json_t *lone = json_array();
	for (size_t i = 0; i < rr->nlone; i++)
		json_array_append_new(lone, doc_json(&rr->lone[i]));
	json_object_set_new(root, "unmatched", lone);
	if (rr->g && rr->g->base)
		json_object_set_new(root, "check", gate_json(rr->g, ro));
	put_head(root, "parts", 0, out);
	for (size_t p = 0; p < rr->nparts; p++) {
		const dd_report_part *pt = &rr->parts[p];
		json_t *o = json_object();
		json_object_set_new(o, "family", json_integer((json_int_t)pt->fam));
		json_object_set_new(o, "absent", strings_json(pt->absent, pt->nabsent));
		recon_fields(o, pt->r, pt->g, ro, 0);
		dd_buf_puts(out, p ? ",\n    " : "\n    ");
		stream_codes(o, pt->r, pt->g, 4, out, spill);
	}
	dd_buf_puts(out, rr->nparts ? "\n  ]\n}\n" : "]\n}\n");
}
