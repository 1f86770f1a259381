/* sections.c - the parts of a run reconciled apart: each family of copies
 * (family.c), and in it each kind of table (status codes, error codes), is
 * one dd_recon; an error code is only ever compared with the same error
 * code. The parts are joined into one reconciliation for the gate and the
 * reports of every finding (check, sarif, github, markdown, baseline);
 * the text and JSON reports of diff and merge's tables are written part by
 * part, each under its family's heading, by the writers of one part. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

#include "report/report.h"

/* The --label options for the documents of one part: the command line's
 * that name one of them, and the family's derived labels. */
static dd_label_opt *part_labels(const dd_sections *S, const dd_run *run, const dd_section *sec,
                                 dd_arena *a, size_t *n)
{
	const dd_families *F = &S->fams;
	dd_label_opt *v = dd_arena_alloc(a, (sec->npresent * (run->o.nlabels + 1) + 1) * sizeof *v);
	*n = 0;
	for (size_t i = 0; i < sec->npresent; i++) {
		const dd_fam_doc *d = &F->docs[sec->present[i]];
		if (d->label)
			v[(*n)++] = (dd_label_opt){d->label, d->file};
		else
			for (size_t l = 0; l < run->o.nlabels; l++)
				if (strcmp(run->o.labels[l].path, d->file) == 0)
					v[(*n)++] = run->o.labels[l];
	}
	return v;
}

/* DD-501 for a --label naming no document with a table (nor, with
 * families, a root); DD-502 for a --prefer naming no variant of any part. */
static int check_names(const dd_sections *S, dd_run *run)
{
	const dd_families *F = &S->fams;
	int bad = 0;
	for (size_t i = 0; i < run->o.nlabels; i++) {
		const dd_label_opt *l = &run->o.labels[i];
		int hit = 0;
		for (size_t d = 0; d < F->ndocs && !hit; d++)
			hit = F->docs[d].nrecs && strcmp(F->docs[d].file, l->path) == 0;
		for (size_t r = 0; F->grouping && r < run->npaths && !hit; r++)
			hit = strcmp(run->paths[r], l->path) == 0;
		if (!hit) {
			dd_diag_file(&run->diags, l->path, DD_ERROR, DD_E_LABEL,
			             "--label %s=%s names no input document with a status-code or "
			             "error-code table%s; expected PATH exactly as read (a file given or "
			             "found in a directory)",
			             l->name, l->path, F->grouping ? " and no root" : "");
			bad = 1;
		}
	}
	for (size_t i = 0; i < run->o.nprefer; i++) {
		int hit = 0;
		for (size_t s = 0; s < S->n && !hit; s++)
			for (unsigned v = 0; v < S->v[s].r.nvar && !hit; v++)
				hit = dd_prefer_matches(run->o.prefer[i], &S->v[s].r.var[v]);
		for (size_t r = 0; r < F->nroots && F->grouping && !hit; r++)
			hit = strcmp(F->root_names[r], run->o.prefer[i]) == 0;
		if (!hit)
			dd_diag(&run->diags, NULL, (size_t)-1, DD_WARNING, DD_W_PREFER,
			        "--prefer '%s' matches no variant; expected a label or a service of the "
			        "inputs",
			        run->o.prefer[i]);
	}
	return bad ? -1 : 0;
}

typedef struct occ {
	dd_record *rec;
	size_t doc, pos;     /* its document's place in the part, its own in the part */
} occ;

static int occ_cmp(const void *x, const void *y)
{
	const occ *a = x, *b = y;
	int c = strcmp(a->rec->key, b->rec->key);
	return c ? c : (a->pos > b->pos) - (a->pos < b->pos);
}

/* An error code listed more than once (one code, several messages:
 * "VPC.1801" for each invalid parameter) is aligned occurrence by
 * occurrence: the first document's are 1, 2, ... in its order; another
 * document's occurrence takes the number of one with the same message
 * (case aside) when there is one, else the lowest number left, in order.
 * Number n > 1 is the key "VPC.1801#n". v[0, n) is a part's records,
 * document after document. */
static void number_repeats(dd_arena *a, dd_record *v, size_t n)
{
	occ *o = dd_xmalloc((n + 1) * sizeof *o);
	for (size_t i = 0, doc = 0; i < n; i++) {
		if (i && strcmp(v[i].file, v[i - 1].file) != 0)
			doc++;
		o[i] = (occ){&v[i], doc, i};
	}
	qsort(o, n, sizeof *o, occ_cmp);
	const char **names = dd_xmalloc((n + 1) * sizeof *names);
	unsigned char *used = dd_xmalloc(n + 1);
	size_t *num = dd_xmalloc((n + 1) * sizeof *num);
	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && strcmp(o[j].rec->key, o[i].rec->key) == 0; j++)
			;
		size_t nnames = 0; /* numbers given so far, and each one's message */
		for (size_t d0 = i, d1; d0 < j; d0 = d1) {
			for (d1 = d0 + 1; d1 < j && o[d1].doc == o[d0].doc; d1++)
				;
			memset(used, 0, nnames + (d1 - d0));
			for (size_t k = d0; k < d1; k++) {
				num[k] = (size_t)-1;
				for (size_t m = 0; m < nnames && num[k] == (size_t)-1; m++)
					if (!used[m] && strcasecmp(names[m], o[k].rec->name) == 0)
						used[num[k] = m] = 1;
			}
			for (size_t k = d0, next = 0; k < d1; k++) {
				if (num[k] != (size_t)-1)
					continue;
				while (next < nnames && used[next])
					next++;
				if (next == nnames)
					names[nnames++] = o[k].rec->name;
				used[num[k] = next] = 1;
			}
		}
		for (size_t k = i; k < j && nnames > 1; k++)
			if (num[k]) {
				dd_buf b = DD_BUF_INIT;
				dd_buf_printf(&b, "%s#%zu", o[k].rec->key, num[k] + 1);
				o[k].rec->key = dd_arena_strdup(a, b.ptr);
				dd_buf_free(&b);
			}
	}
	free(num);
	free(used);
	free(names);
	free(o);
}

int dd_sections_reconcile(dd_sections *S, dd_run *run, dd_records *rs,
                          const dd_reference *refs)
{
	const dd_families *F = &S->fams;
	dd_arena *a = S->fams.arena;
	for (size_t fi = 0; fi < F->nfam; fi++) {
		const dd_family *f = &F->fam[fi];
		for (int k = 0; k < DD_NKINDS; k++) {
			size_t n = 0;
			for (size_t i = 0; i < f->ndocs; i++) {
				const dd_fam_doc *d = &F->docs[f->docs[i]];
				for (size_t j = d->first; j < d->first + d->nrecs; j++)
					n += rs->v[j].kind == (dd_kind)k;
			}
			if (!n)
				continue;
			S->v = dd_arena_push(a, S->v, sizeof *S->v, S->n);
			dd_section *sec = &S->v[S->n++];
			memset(sec, 0, sizeof *sec);
			sec->fam = fi;
			sec->kind = (dd_kind)k;
			sec->view.v = dd_xmalloc(n * sizeof *sec->view.v);
			sec->absent = dd_arena_alloc(a, (f->ndocs + 1) * sizeof *sec->absent);
			sec->present = dd_arena_alloc(a, (f->ndocs + 1) * sizeof *sec->present);
			for (size_t i = 0; i < f->ndocs; i++) {
				const dd_fam_doc *d = &F->docs[f->docs[i]];
				size_t before = sec->view.n;
				for (size_t j = d->first; j < d->first + d->nrecs; j++)
					if (rs->v[j].kind == (dd_kind)k)
						sec->view.v[sec->view.n++] = rs->v[j];
				/* without families the inputs are copies of one table: one
				 * with no table of this kind is not a copy lacking it */
				if (sec->view.n > before)
					sec->present[sec->npresent++] = f->docs[i];
				else if (F->grouping)
					sec->absent[sec->nabsent++] = f->docs[i];
			}
			sec->view.cap = n;
			if (k == DD_KIND_ERROR)
				number_repeats(a, sec->view.v, sec->view.n);
		}
	}
	/* the sections hold copies of every record now: the run's array goes
	 * before the reconciliation needs its memory (the strings stay) */
	free(rs->v);
	rs->v = NULL;
	rs->n = rs->cap = 0;
	S->multi = S->n > 1 || F->grouping != NULL;
	if (S->multi && check_names(S, run) < 0)
		return -1;
	for (size_t i = 0; i < S->n; i++) {
		dd_section *sec = &S->v[i];
		dd_recon_opts ro = {run->o.prefer, run->o.nprefer, run->o.labels, run->o.nlabels,
		                    refs, run->o.nrefs, S->multi, dd_walk_threads(&run->o.walk)};
		if (S->multi)
			ro.labels = part_labels(S, run, sec, a, &ro.nlabels);
		if (dd_reconcile(&sec->view, &ro, &sec->r, &run->diags) < 0)
			return -1;
	}
	return 0;
}

void dd_sections_join(dd_sections *S)
{
	if (S->n == 1) {
		S->whole = &S->v[0].r;
		return;
	}
	const dd_recon **parts = dd_xmalloc((S->n + 1) * sizeof *parts);
	for (size_t i = 0; i < S->n; i++)
		parts[i] = &S->v[i].r;
	unsigned *vb;
	size_t *cb;
	dd_recon_concat(parts, S->n, &S->all, &vb, &cb);
	for (size_t i = 0; i < S->n; i++) {
		S->v[i].var_base = vb[i];
		S->v[i].code_base = cb[i];
	}
	free(vb);
	free(cb);
	free(parts);
	S->whole = &S->all;
}

void dd_sections_free(dd_sections *S)
{
	for (size_t i = 0; i < S->n; i++) {
		dd_recon_free(&S->v[i].r);
		free(S->v[i].view.v);
	}
	if (S->n > 1)
		dd_recon_free(&S->all);
	dd_arena_free(S->fams.arena);
	memset(S, 0, sizeof *S);
}

/* A family differs when one of its parts does, or when one of its
 * documents lacks a kind of table the others have. */
static int family_differs(const dd_sections *S, size_t fi)
{
	for (size_t i = 0; i < S->n; i++)
		if (S->v[i].fam == fi && (dd_recon_differs(&S->v[i].r) || S->v[i].nabsent))
			return 1;
	return 0;
}

int dd_sections_differ(const dd_sections *S)
{
	if (S->fams.nlone)
		return 1;
	for (size_t f = 0; f < S->fams.nfam; f++)
		if (family_differs(S, f))
			return 1;
	return 0;
}

static const char *kind_title(dd_kind k)
{
	return k == DD_KIND_ERROR ? "error codes" : "status codes";
}

/* "== Family api-ref/errors.rst: error codes ==" and who lacks the kind. */
static void part_heading(const dd_sections *S, const dd_section *sec, dd_buf *out)
{
	const dd_families *F = &S->fams;
	const dd_family *f = &F->fam[sec->fam];
	if (f->name)
		dd_buf_printf(out, "== Family %s: %s ==\n", f->name, kind_title(sec->kind));
	else
		dd_buf_printf(out, "== %c%s ==\n", sec->kind == DD_KIND_ERROR ? 'E' : 'S',
		              kind_title(sec->kind) + 1);
	for (size_t i = 0; i < sec->nabsent; i++) {
		const dd_fam_doc *d = &F->docs[sec->absent[i]];
		dd_buf_printf(out, "  not in %s: it has no %s table\n", d->file,
		              sec->kind == DD_KIND_ERROR ? "error-code" : "status-code");
	}
	dd_buf_putc(out, '\n');
}

/* What the documents that found no copy are, by the grouping. */
static const char *lone_what(const dd_families *F)
{
	if (F->grouping && strcmp(F->grouping, "path") == 0)
		return "in one root only";
	if (F->grouping && strcmp(F->grouping, "config") == 0)
		return "without a family";
	return "without a copy";
}

/* The gate's view of each section (views[i]), or NULL without a gate. */
static dd_gate *section_views(const dd_sections *S, const dd_gate *g, dd_arena *a)
{
	if (!g)
		return NULL;
	dd_gate *views = dd_arena_alloc(a, (S->n + 1) * sizeof *views);
	for (size_t i = 0; i < S->n; i++)
		dd_gate_view(g, &S->v[i].r, S->v[i].var_base, S->v[i].code_base, &views[i]);
	return views;
}

void dd_sections_text(const dd_sections *S, const dd_gate *g, const dd_report_opts *ro,
                      dd_buf *out, FILE *spill)
{
	const dd_families *F = &S->fams;
	dd_arena *a = dd_arena_new();
	dd_gate *views = section_views(S, g, a);
	size_t nagree = 0, shown = 0;
	if (F->grouping) {
		size_t differ = 0;
		for (size_t f = 0; f < F->nfam; f++)
			differ += (size_t)family_differs(S, f);
		dd_buf_printf(out, "%zu famil%s of copies (%zu differ%s), %zu document%s %s\n",
		              F->nfam, F->nfam == 1 ? "y" : "ies", differ, differ == 1 ? "s" : "",
		              F->nlone, F->nlone == 1 ? "" : "s", lone_what(F));
	}
	/* with families, the parts that agree are one line each, after the others */
	for (size_t i = 0; i < S->n; i++) {
		const dd_section *sec = &S->v[i];
		if (F->grouping && !dd_recon_differs(&sec->r) && !sec->nabsent) {
			nagree++;
			continue;
		}
		if (shown++ || F->grouping)
			dd_buf_putc(out, '\n');
		part_heading(S, sec, out);
		dd_report_text(&sec->r, views ? &views[i] : NULL, ro, out, spill);
	}
	if (nagree) {
		dd_buf_printf(out, "\n== Parts that agree (%zu) ==\n", nagree);
		for (size_t i = 0; i < S->n; i++) {
			const dd_section *sec = &S->v[i];
			if (dd_recon_differs(&sec->r) || sec->nabsent)
				continue;
			dd_buf_printf(out, "  %s: %s, %zu code%s in", F->fam[sec->fam].name,
			              kind_title(sec->kind), sec->r.ncodes, sec->r.ncodes == 1 ? "" : "s");
			for (unsigned v = 0; v < sec->r.nvar; v++)
				dd_buf_printf(out, "%s %s", v ? "," : "", sec->r.var[v].label);
			dd_buf_putc(out, '\n');
		}
	}
	if (F->nlone) {
		dd_buf_printf(out, "\n== Documents %s (%zu) ==\n", lone_what(F), F->nlone);
		for (size_t i = 0; i < F->nlone; i++) {
			const dd_fam_doc *d = &F->docs[F->lone[i].doc];
			dd_buf_printf(out, "  %s (%s): %s\n", d->file, F->root_names[d->root],
			              F->lone[i].why);
		}
	}
	dd_arena_free(a);
}

void dd_sections_flat(const dd_sections *S, const dd_gate *g, const dd_report_opts *ro, int csv,
                      dd_buf *out, FILE *spill)
{
	dd_arena *a = dd_arena_new();
	dd_gate *views = section_views(S, g, a);
	dd_report_opts o = *ro;
	for (size_t i = 0; i < S->n; i++) {
		const dd_gate *v = views ? &views[i] : NULL;
		if (csv)
			dd_report_csv(&S->v[i].r, v, &o, out, spill);
		else
			dd_report_jsonl(&S->v[i].r, v, &o, out, spill);
		o.continued = 1;
	}
	dd_arena_free(a);
}

void dd_sections_html(const dd_sections *S, const dd_gate *g, dd_buf *out, FILE *spill)
{
	dd_arena *a = dd_arena_new();
	dd_gate *views = section_views(S, g, a);
	dd_report_html_begin("docdrift report", out);
	dd_buf head = DD_BUF_INIT, idp = DD_BUF_INIT;
	for (size_t i = 0; i < S->n; i++) {
		const dd_section *sec = &S->v[i];
		const dd_family *f = &S->fams.fam[sec->fam];
		dd_buf_reset(&head);
		dd_buf_reset(&idp);
		if (f->name)
			dd_buf_printf(&head, "Family %s: %s", f->name, kind_title(sec->kind));
		else
			dd_buf_printf(&head, "%c%s", sec->kind == DD_KIND_ERROR ? 'E' : 'S',
			              kind_title(sec->kind) + 1);
		dd_buf_printf(&idp, "p%zu-", i + 1);
		dd_report_html_part(&sec->r, views ? &views[i] : NULL, head.ptr, idp.ptr, out, spill);
	}
	dd_buf_free(&head);
	dd_buf_free(&idp);
	dd_report_html_end(out);
	dd_arena_free(a);
}

void dd_sections_json(const dd_sections *S, const dd_gate *g, const dd_report_opts *ro,
                      dd_buf *out, FILE *spill)
{
	const dd_families *F = &S->fams;
	dd_arena *a = dd_arena_new();
	dd_report_family *fams = dd_arena_alloc(a, (F->nfam + 1) * sizeof *fams);
	for (size_t fi = 0; fi < F->nfam; fi++) {
		const dd_family *f = &F->fam[fi];
		dd_report_doc *docs = dd_arena_alloc(a, (f->ndocs + 1) * sizeof *docs);
		for (size_t i = 0; i < f->ndocs; i++) {
			const dd_fam_doc *d = &F->docs[f->docs[i]];
			docs[i] = (dd_report_doc){d->file, F->grouping ? F->root_names[d->root] : NULL,
			                          d->label, NULL};
		}
		fams[fi] = (dd_report_family){f->name, docs, f->ndocs, family_differs(S, fi)};
	}
	dd_report_doc *lone = dd_arena_alloc(a, (F->nlone + 1) * sizeof *lone);
	for (size_t i = 0; i < F->nlone; i++) {
		const dd_fam_doc *d = &F->docs[F->lone[i].doc];
		lone[i] = (dd_report_doc){d->file, F->root_names[d->root], NULL, F->lone[i].why};
	}
	dd_report_part *parts = dd_arena_alloc(a, (S->n + 1) * sizeof *parts);
	dd_gate *views = section_views(S, g, a);
	for (size_t i = 0; i < S->n; i++) {
		const dd_section *sec = &S->v[i];
		const char **absent = dd_arena_alloc(a, (sec->nabsent + 1) * sizeof *absent);
		for (size_t k = 0; k < sec->nabsent; k++)
			absent[k] = F->docs[sec->absent[k]].file;
		parts[i] = (dd_report_part){sec->fam, &sec->r, views ? &views[i] : NULL, absent,
		                            sec->nabsent};
	}
	dd_report_run rr = {F->grouping, fams, F->nfam, lone, F->nlone, parts, S->n, S->whole, g,
	                    dd_sections_differ(S)};
	dd_report_json_run(&rr, ro, out, spill);
	dd_arena_free(a);
}
