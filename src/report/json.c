/* json.c - the JSON report of `docdrift diff` (schema in doc/report-schema.md),
 * written as it is made by the streaming writer (core.h dd_json): the bytes
 * jansson's json_dumps() gave for the whole report as one tree, without the
 * tree (a tree per code cost more than the reconciliation). */
#include "report_internal.h"

#include <string.h>

static void labels_json(dd_json *w, const char *key, const dd_recon *r, const unsigned *v, size_t n)
{
	dd_json_arr(w, key);
	for (size_t i = 0; i < n; i++)
		dd_json_str(w, NULL, r->var[v[i]].label);
	dd_json_end(w);
}

static void value_json(dd_json *w, const char *key, const dd_value *v, int field)
{
	if (field == DD_FIELD_NAME || field == DD_FIELD_STATUS) {
		dd_json_str(w, key, v->npara ? v->paras[0] : "");
		return;
	}
	dd_json_arr(w, key);
	for (unsigned p = 0; p < v->npara; p++)
		dd_json_str(w, NULL, v->paras[p]);
	dd_json_end(w);
}

static void canon_json(dd_json *w, const char *key, const dd_recon *r, const dd_aligned *cd, int f)
{
	const dd_canon *cn = &cd->canon[f];
	if (!cn->value) {
		dd_json_null(w, key);
		return;
	}
	dd_json_obj(w, key);
	value_json(w, "canonical", cn->value, f);
	dd_json_int(w, "support", cn->support);
	dd_json_int(w, "voters", cn->voters);
	labels_json(w, "agree", r, cn->agree, cn->support);
	dd_json_str(w, "chosen_by", dd_choice_name(cn->chosen));
	if (cn->chosen == DD_CHOSEN_REFERENCE)
		dd_json_str(w, "source", cn->source);
	if (cn->chosen == DD_CHOSEN_NONE && cd->n)
		dd_json_str(w, "anchor", r->var[cd->e[cn->entry].variant].label);
	if (cn->ncorr) {
		dd_json_arr(w, "undone");
		for (unsigned i = 0; i < cn->ncorr; i++)
			if (dd_rep_first_undo(cn, i)) {
				dd_json_obj(w, NULL);
				dd_json_str(w, "from", cn->corr_to[i]);
				dd_json_str(w, "to", cn->corr_from[i]);
				dd_json_end(w);
			}
		dd_json_end(w);
	}
	dd_json_end(w);
}

static void finding_json(dd_json *w, const dd_recon *r, const dd_aligned *cd, const dd_finding *fd,
                         const dd_gate_item *it, dd_buf *scratch)
{
	dd_json_obj(w, NULL);
	if (it) {
		dd_json_str(w, "fingerprint", it->fp);
		dd_json_str(w, "severity", dd_level_name(it->level));
		if (it->state != DD_GATE_OPEN || it->supp)
			dd_json_str(w, "baseline", dd_gate_state_name(it->state));
		if (it->supp) {
			/* not "reason": a reference finding has a reason of its own */
			dd_json_str(w, "suppressed_by", it->supp->name);
			dd_json_str(w, "suppression_reason", it->supp->reason);
		}
	}
	dd_json_str(w, "variant", r->var[fd->variant].label);
	if (fd->field < 0)
		dd_json_null(w, "field");
	else
		dd_json_str(w, "field", dd_field_name(fd->field));
	dd_json_str(w, "class", dd_class_name(fd->cls));
	if (fd->cls == DD_CLASS_REFERENCE) {
		dd_json_str(w, "reason", dd_reason_name(fd->reason));
		if (fd->phrase_of)
			dd_json_str(w, "phrase_of", fd->phrase_of);
	}
	if (fd->neutral) {
		dd_json_bool(w, "neutral", 1);
		if (fd->field >= 0)
			dd_json_str(w, "against", r->var[fd->against].label);
	}
	if (fd->field >= 0) {
		dd_json_real(w, "similarity", (double)(long)(fd->similarity * 1000 + 0.5) / 1000);
		dd_json_bool(w, "systematic", fd->systematic);
		value_json(w, "value", fd->value, fd->field);
		dd_buf_reset(scratch);
		dd_finding_diff(cd, fd, 0, "", scratch);
		dd_json_strn(w, "diff", scratch->ptr ? scratch->ptr : "", scratch->len);
	}
	if (fd->rec) {
		dd_json_str(w, "file", fd->rec->file);
		dd_json_int(w, "line", fd->rec->line);
		dd_json_int(w, "column", fd->rec->column);
	} else {
		dd_json_str(w, "file", r->var[fd->variant].file);
	}
	dd_json_end(w);
}

static void gate_json(dd_json *w, const dd_gate *g, const dd_report_opts *ro)
{
	dd_json_obj(w, "check");
	if (ro && ro->baseline)
		dd_json_str(w, "baseline", ro->baseline);
	else
		dd_json_null(w, "baseline");
	dd_json_str(w, "fail_on", dd_level_name(g->p->fail_on));
	dd_json_bool(w, "strict", g->strict);
	static const dd_gate_state states[] = {DD_GATE_NEW, DD_GATE_ACCEPTED, DD_GATE_SUPPRESSED};
	for (size_t i = 0; i < sizeof states / sizeof *states; i++) {
		dd_json_obj(w, dd_gate_state_name(states[i]));
		for (int l = DD_NLEVELS - 1; l > DD_LEVEL_NONE; l--)
			dd_json_int(w, dd_level_name((dd_level)l), (long long)g->count[states[i]][l]);
		dd_json_end(w);
	}
	dd_json_int(w, "fixed", (long long)g->nfixed);
	dd_json_int(w, "failures", (long long)dd_gate_failures(g));
	dd_json_bool(w, "failed", dd_gate_status(g) != 0);
	dd_json_arr(w, "fixed_entries");
	for (size_t i = 0; i < g->nfixed; i++) {
		const dd_base_entry *e = g->fixed[i];
		dd_json_obj(w, NULL);
		dd_json_str(w, "fingerprint", e->fingerprint);
		dd_json_str(w, "code", e->code);
		dd_json_str(w, "file", e->file);
		if (*e->field)
			dd_json_str(w, "field", e->field);
		else
			dd_json_null(w, "field");
		dd_json_str(w, "class", e->cls);
		dd_json_int(w, "line", e->line);
		dd_json_end(w);
	}
	dd_json_end(w);
	dd_json_end(w);
}

/* The summary's members (the caller opens and closes its object), with
 * differs as "differs". */
static void summary_json(dd_json *w, const dd_recon *r, int differs)
{
	dd_json_int(w, "variants", r->nvar);
	dd_json_int(w, "codes", (long long)r->ncodes);
	dd_json_int(w, "codes_differing", (long long)r->ndiffer);
	dd_json_obj(w, "classes");
	for (int c = DD_CLASS_MISSING; c < DD_CLASS_COUNT; c++)
		dd_json_int(w, dd_class_name((dd_class)c), (long long)r->count[c]);
	dd_json_end(w);
	dd_json_int(w, "systematic", (long long)r->nsys);
	dd_json_bool(w, "differs", differs);
}

/* The members of a reconciliation's report object, after whatever the
 * caller wrote: kind, variants, summary, systematic (and check, when g has
 * a baseline and with_check), then its codes, one at a time (spilled to
 * spill as the buffer fills). */
static void recon_json(dd_json *w, const dd_recon *r, const dd_gate *g, const dd_report_opts *ro,
                       int with_check, FILE *spill)
{
	dd_json_str(w, "kind", dd_kind_name(r->kind));
	dd_json_arr(w, "variants");
	for (unsigned v = 0; v < r->nvar; v++) {
		const dd_variant *d = &r->var[v];
		dd_json_obj(w, NULL);
		dd_json_str(w, "label", d->label);
		dd_json_str(w, "service", d->service);
		if (d->page)
			dd_json_str(w, "page", d->page);
		else
			dd_json_null(w, "page");
		dd_json_str(w, "file", d->file);
		if (g)
			dd_json_str(w, "identity", g->ident[v]);
		dd_json_int(w, "codes", (long long)d->ncodes);
		dd_json_end(w);
	}
	dd_json_end(w);
	dd_json_obj(w, "summary");
	summary_json(w, r, dd_recon_differs(r));
	dd_json_end(w);

	dd_json_arr(w, "systematic");
	for (size_t i = 0; i < r->nsys; i++) {
		const dd_systematic *s = &r->sys[i];
		dd_json_obj(w, NULL);
		dd_json_str(w, "from", s->from);
		dd_json_str(w, "to", s->to);
		dd_json_arr(w, "uses");
		for (size_t u = 0; u < s->nuses; u++) {
			dd_json_obj(w, NULL);
			dd_json_str(w, "variant", r->var[s->uses[u].variant].label);
			dd_json_arr(w, "codes");
			for (size_t k = 0; k < s->uses[u].ncodes; k++)
				dd_json_str(w, NULL, s->uses[u].codes[k]);
			dd_json_end(w);
			dd_json_end(w);
		}
		dd_json_end(w);
		dd_json_end(w);
	}
	dd_json_end(w);
	if (with_check && g && g->base)
		gate_json(w, g, ro);

	dd_buf scratch = DD_BUF_INIT;
	dd_json_arr(w, "codes");
	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		dd_rep_spill(w->out, spill);
		dd_json_obj(w, NULL);
		dd_json_str(w, "code", cd->key);
		dd_json_int(w, "present", cd->n);
		dd_json_bool(w, "extra", cd->extra);
		if (r->iana && !strchr(cd->key, 'x'))
			dd_json_bool(w, "registered", !cd->unregistered);
		/* dd_rep_state_of for every variant at once: the absent state,
		 * then each entry's (cd->e is in variant order; the first wins) */
		dd_buf_reset(&scratch);
		dd_buf_grow(&scratch, r->nvar);
		memset(scratch.ptr, cd->extra ? '.' : '-', r->nvar);
		for (unsigned k = cd->n; k-- > 0;)
			scratch.ptr[cd->e[k].variant] = cd->e[k].state;
		dd_json_strn(w, "states", scratch.ptr, r->nvar);
		canon_json(w, "name", r, cd, DD_FIELD_NAME);
		canon_json(w, "description", r, cd, DD_FIELD_DESC);
		if (r->kind == DD_KIND_ERROR) {
			canon_json(w, "status", r, cd, DD_FIELD_STATUS);
			canon_json(w, "solution", r, cd, DD_FIELD_SOLUTION);
		}
		dd_json_arr(w, "findings");
		for (size_t k = 0; k < cd->nf; k++)
			finding_json(w, r, cd, &cd->f[k], g ? dd_gate_item_of(g, i, k) : NULL, &scratch);
		dd_json_end(w);
		dd_json_end(w);
	}
	dd_json_end(w);
	dd_buf_free(&scratch);
}

/* The layout of the tree these reports were once dumped from with jansson:
 * JSON_INDENT(2) | JSON_PRESERVE_ORDER | JSON_REAL_PRECISION(3). */
#define REPORT_LAYOUT (DD_JSON_INDENT(2) | DD_JSON_REAL_PRECISION(3))

void dd_report_json(const dd_recon *r, const dd_gate *g, const dd_report_opts *ro, dd_buf *out,
                    FILE *spill)
{
	dd_json w;
	dd_json_init(&w, out, REPORT_LAYOUT);
	dd_json_obj(&w, NULL);
	dd_json_str(&w, "schema", "docdrift-diff/1");
	recon_json(&w, r, g, ro, 1, spill);
	dd_json_end(&w);
	dd_buf_putc(out, '\n');
}

static void doc_json(dd_json *w, const dd_report_doc *d)
{
	dd_json_obj(w, NULL);
	dd_json_str(w, "file", d->file);
	if (d->root)
		dd_json_str(w, "root", d->root);
	else
		dd_json_null(w, "root");
	if (d->label)
		dd_json_str(w, "label", d->label);
	if (d->why)
		dd_json_str(w, "why", d->why);
	dd_json_end(w);
}

void dd_report_json_run(const dd_report_run *rr, const dd_report_opts *ro, dd_buf *out,
                        FILE *spill)
{
	dd_json w;
	dd_json_init(&w, out, REPORT_LAYOUT);
	dd_json_obj(&w, NULL);
	dd_json_str(&w, "schema", "docdrift-diff/1");
	if (rr->grouping)
		dd_json_str(&w, "grouping", rr->grouping);
	else
		dd_json_null(&w, "grouping");
	dd_json_obj(&w, "summary");
	/* the run's "differs" where the parts' would be, as the tree had it */
	summary_json(&w, rr->r, rr->differs);
	dd_json_int(&w, "parts", (long long)rr->nparts);
	dd_json_int(&w, "families", (long long)rr->nfams);
	size_t differ = 0;
	for (size_t f = 0; f < rr->nfams; f++)
		differ += rr->fams[f].differs;
	dd_json_int(&w, "families_differing", (long long)differ);
	dd_json_int(&w, "unmatched", (long long)rr->nlone);
	dd_json_end(&w);
	dd_json_arr(&w, "families");
	for (size_t f = 0; f < rr->nfams; f++) {
		const dd_report_family *fm = &rr->fams[f];
		dd_json_obj(&w, NULL);
		if (fm->name)
			dd_json_str(&w, "name", fm->name);
		else
			dd_json_null(&w, "name");
		dd_json_bool(&w, "differs", fm->differs);
		dd_json_arr(&w, "documents");
		for (size_t d = 0; d < fm->ndocs; d++)
			doc_json(&w, &fm->docs[d]);
		dd_json_end(&w);
		dd_json_arr(&w, "parts");
		for (size_t p = 0; p < rr->nparts; p++)
			if (rr->parts[p].fam == f)
				dd_json_int(&w, NULL, (long long)p);
		dd_json_end(&w);
		dd_json_end(&w);
	}
	dd_json_end(&w);
	dd_json_arr(&w, "unmatched");
	for (size_t i = 0; i < rr->nlone; i++)
		doc_json(&w, &rr->lone[i]);
	dd_json_end(&w);
	if (rr->g && rr->g->base)
		gate_json(&w, rr->g, ro);
	dd_json_arr(&w, "parts");
	for (size_t p = 0; p < rr->nparts; p++) {
		const dd_report_part *pt = &rr->parts[p];
		dd_json_obj(&w, NULL);
		dd_json_int(&w, "family", (long long)pt->fam);
		dd_json_arr(&w, "absent");
		for (size_t i = 0; i < pt->nabsent; i++)
			dd_json_str(&w, NULL, pt->absent[i]);
		dd_json_end(&w);
		recon_json(&w, pt->r, pt->g, ro, 0, spill);
		dd_json_end(&w);
	}
	dd_json_end(&w);
	dd_json_end(&w);
	dd_buf_putc(out, '\n');
}
