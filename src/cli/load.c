/* load.c - what diff, merge, check and baseline share: the help of diff and
 * merge, and the command body that loads every input's records, reconciles
 * them, gates them and writes the outputs. */
#include "cli_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

const char dd_reconcile_help[] =
	"usage: docdrift diff [--to text|html|json|jsonl|csv|sarif|github|markdown]\n"
	"                     [--to FMT=FILE]... [-q] [--matrix] [--width N]\n"
	"                     [--code LIST] [--variant GLOB]...\n"
	"                     [--only CLASSES] [--ignore CLASSES] [--color[=auto|always|never]]\n"
	"                     [--prefer A,B,...] [--reference FILE|iana]... [--label NAME=PATH]...\n"
	"                     [--kind status|error|all] [--pair | --group page|path|none]\n"
	"                     [--config FILE | --no-config] [--format rst|md|html] [-o FILE] [-j N]\n"
	"                     [-v] [PATH...]\n"
	"       docdrift merge [--to md|rst|html|csv|json] [--prefer A,B,...] [--reference FILE|iana]...\n"
	"                      [--names iana|docs] [--all-codes | --min-support K] [--style grid|simple]\n"
	"                      [--width N] [--label NAME=PATH]... [--kind K] [--pair | --group G]\n"
	"                      [--config FILE | --no-config] [--format rst|md|html] [-o FILE] [-j N]\n"
	"                      [-v] [PATH...]\n"
	"\n"
	"diff   align the status-code and error-code tables of PATH... by code, pick the\n"
	"       wording most documents share, and report how each document differs from\n"
	"       it. Status codes and error codes are reconciled apart; an error code's\n"
	"       HTTP status that differs is of class changed. With no majority (two\n"
	"       copies that differ) no document is taken to be wrong: the pair is\n"
	"       reported as differing. --only/--ignore CLASSES (comma-separated:\n"
	"       missing, extra, whitespace, paragraphing, case, punctuation, spacing,\n"
	"       truncation, substitution, rewording, addition, omission, reference,\n"
	"       changed) choose what is reported; --to FMT=FILE writes more reports.\n"
	"       The text report fits the terminal (or 80 columns; --width N): a summary,\n"
	"       a scorecard of the variants (most out of line first), the matrix while it\n"
	"       fits (--matrix: always), then each code's canonical wording and every\n"
	"       change, shown once with the variants that make it. -q: the summary and\n"
	"       the scorecard only. --code 404,5xx and --variant GLOB (a label or file)\n"
	"       narrow every report. --to html: one self-contained page with filters;\n"
	"       --to jsonl, --to csv: one finding per line or record.\n"
	"       Exit status 0 no differences, 1 differences, 2 trouble.\n"
	"merge  print the canonical merged tables: as many tables as most documents\n"
	"       have, with the captions, headers and layout most of them use.\n"
	"\n"
	"--reference FILE|iana  the wording that wins outright, for every code and field\n"
	"       it has (repeatable; the first that has a field wins): FILE is a document\n"
	"       in any format docdrift reads or a merge --to json output; iana is the\n"
	"       IANA status-code registry, for names (built in). This is the strong form\n"
	"       of --prefer.\n"
	"--prefer A,B  labels or services whose wording wins a tie (only a tie).\n"
	"--names iana  merge: the registry's phrase as every registered code's name.\n"
	"--all-codes, --min-support K  merge: keep codes fewer than half the documents\n"
	"       have (by default they are left out, with a note on stderr).\n"
	"--style grid|simple  rst: the table layout (default: what most inputs use).\n"
	"--width N  merge: wrap RST description cells at N columns (default: never);\n"
	"       diff: the text report's width (default: the terminal's, or 80).\n"
	"--kind status|error  reconcile one kind of table only (default: both, apart).\n"
	"--pair  every PATH is a root (DIR_A DIR_B ...): the documents at one path under\n"
	"       several roots, else with one page id, are copies, reconciled on their\n"
	"       own; one report, a part per family; documents in one root only are\n"
	"       listed (and make diff exit 1). Labels are ROOT/service (--label NAME=DIR\n"
	"       names a root; --prefer ROOT prefers its documents).\n"
	"--group page|path|none  group by page id (the same page as md, rst, html), by\n"
	"       path under the roots (as --pair), or not (every input one table).\n"
	"       [group NAME] sections of .docdrift.ini declare families by globs.\n"
	"Without PATH..., the inputs are the `input =` lines of .docdrift.ini.\n";

typedef struct load_ctx {
	dd_records *rs;
	int verbose;
	unsigned kinds;
	dd_families *F;      /* the documents read go here (NULL: a --reference's) */
	unsigned root;       /* the index of the PATH being walked */
	const char *root_path;
} load_ctx;

/* One document's result: its records, and its name even without any. */
typedef struct loaded {
	dd_records rs;
	char *file;
} loaded;

static void *load_work(const void *vctx, dd_doc *doc, int explicit_arg, dd_diag_sink *diags)
{
	const load_ctx *x = vctx;
	loaded *l = dd_xmalloc(sizeof *l);
	dd_records_init(&l->rs);
	l->file = dd_xstrdup(doc->src->name);
	if (!dd_records_extract_kinds(doc, NULL, x->kinds, &l->rs, diags))
		dd_report_no_table(diags, doc, explicit_arg, x->verbose, x->kinds);
	return l;
}

static void load_take(void *vctx, void *result)
{
	load_ctx *x = vctx;
	loaded *l = result;
	if (!l)
		return;
	if (x->F) {
		dd_families *F = x->F;
		F->docs = dd_arena_grow(F->arena, F->docs, sizeof *F->docs, F->ndocs, &F->doccap,
		                        F->ndocs + 1);
		dd_fam_doc *d = &F->docs[F->ndocs++];
		memset(d, 0, sizeof *d);
		d->file = dd_arena_strdup(F->arena, l->file);
		d->root = x->root;
		d->rel = x->root_path ? dd_fam_rel(x->root_path, d->file) : d->file;
		d->first = x->rs->n;
		d->nrecs = l->rs.n;
		if (l->rs.n) {
			d->page = l->rs.v[0].page ? dd_arena_strdup(F->arena, l->rs.v[0].page) : NULL;
			d->service = dd_arena_strdup(F->arena, l->rs.v[0].service);
		}
	}
	dd_records_adopt(x->rs, &l->rs);
	free(l->file);
	free(l);
}

/* A file to read as JSON records: named .json, or opening with '[' then '{'
 * or ']' (a Markdown page may open with a "[link](...)"). */
static int looks_json(const dd_source *src)
{
	size_t n = strlen(src->name);
	if (n > 5 && strcasecmp(src->name + n - 5, ".json") == 0)
		return 1;
	const char *p = src->text, *e = p + src->len;
	while (p < e && dd_is_space((unsigned char)*p))
		p++;
	if (p == e || *p++ != '[')
		return 0;
	while (p < e && dd_is_space((unsigned char)*p))
		p++;
	return p < e && (*p == '{' || *p == ']');
}

/* The records of --reference FILE into recs: a merge --to json output (or
 * any JSON array of records), else a document (or directory) read like
 * the inputs. Returns -1 after an error. */
static int load_reference(const char *path, const dd_opts *o, dd_records *recs,
                          dd_diag_sink *diags)
{
	dd_records_init(recs);
	struct stat st;
	if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
		dd_source src;
		if (dd_source_load(&src, path, diags) < 0)
			return -1;
		int json = looks_json(&src), n = json ? dd_records_read_json(&src, recs, diags) : 0;
		dd_source_free(&src);
		if (n < 0)
			return -1;
		if (json && n == 0) {
			dd_diag_file(diags, path, DD_ERROR, DD_E_REFERENCE,
			             "--reference: the JSON array holds no records; expected the records "
			             "whose wording wins");
			return -1;
		}
		if (json)
			return 0;
	}
	load_ctx x = {recs, o->walk.verbose, 0, NULL, 0, NULL};
	char *p = (char *)path;
	dd_walk(&p, 1, &o->walk, load_work, load_take, &x, diags);
	if (recs->n)
		return 0;
	dd_diag_file(diags, path, DD_ERROR, DD_E_REFERENCE,
	             "--reference: no status-code or error-code records in it; expected a document with a "
	             "status-code or error-code table, a merge --to json output, or iana");
	return -1;
}

/* --reference FILE|iana, in the order given. */
static int load_references(const dd_opts *o, dd_reference *refs, dd_records *recs,
                           dd_diag_sink *diags)
{
	int bad = 0;
	for (size_t i = 0; i < o->nrefs; i++) {
		refs[i].label = o->refs[i];
		refs[i].recs = NULL;
		dd_records_init(&recs[i]);
		if (strcmp(o->refs[i], DD_IANA) == 0)
			continue;
		dd_records_free(&recs[i]);
		if (load_reference(o->refs[i], o, &recs[i], diags) < 0)
			bad = 1;
		refs[i].recs = &recs[i];
	}
	return bad ? -1 : 0;
}

/* 1 when the run groups its documents into families of copies. */
static int grouped(const dd_run *run)
{
	const char *g = run->o.group ? run->o.group : run->cfg.group_mode;
	return run->o.pair || run->cfg.ngroups || (g && strcmp(g, "none") != 0);
}

static int load_reconcile(dd_run *run, dd_records *rs, dd_sections *secs, dd_reference *refs,
                          dd_records *refrecs)
{
	dd_opts *o = &run->o;
	dd_diag_sink *diags = &run->diags;
	dd_records_init(rs);
	if (load_references(o, refs, refrecs, diags) < 0) {
		dd_diag_flush(diags);
		return DD_EXIT_TROUBLE;
	}
	if (!o->group && run->cfg.group_mode)
		o->group = run->cfg.group_mode;
	if (o->pair && run->npaths < 2) {
		dd_usage_error("--pair: one root given (%s); expected two or more directories whose "
		               "documents are copies of each other's",
		               run->npaths ? run->paths[0] : "none");
		return DD_EXIT_TROUBLE;
	}
	load_ctx x = {rs, o->walk.verbose, o->kinds, &secs->fams, 0, NULL};
	if (grouped(run)) {
		/* one root at a time: each document knows the PATH it was found under */
		for (size_t i = 0; i < run->npaths; i++) {
			x.root = (unsigned)i;
			x.root_path = run->paths[i];
			dd_walk((char *const *)run->paths + i, 1, &o->walk, load_work, load_take, &x, diags);
		}
	} else {
		dd_walk((char *const *)run->paths, (int)run->npaths, &o->walk, load_work, load_take, &x,
		        diags);
	}
	if (rs->n == 0) {
		/* Nothing to compare is trouble, not agreement: no report at all. */
		dd_diag(diags, NULL, (size_t)-1, DD_ERROR, DD_E_NO_RECORDS,
		        "no status-code or error-code records in any input; expected at least one "
		        "status-code or error-code table");
		dd_diag_flush(diags);
		return DD_EXIT_TROUBLE;
	}
	if (dd_run_labels(run, rs) < 0 || dd_families_build(&secs->fams, run, diags) < 0 ||
	    dd_sections_reconcile(secs, run, rs, refs) < 0) {
		dd_diag_flush(diags);
		return DD_EXIT_TROUBLE;
	}
	dd_diag_flush(diags);
	return 0;
}

typedef struct out_spec {
	int fmt;
	const char *path;      /* NULL: standard output */
	dd_outfile f;
} out_spec;

/* The outputs: the main one (--to FMT, -o FILE), then each --to FMT=FILE;
 * -1 after a usage error (an unknown format, two outputs to one file). */
static int plan_outputs(dd_recon_cmd *c, dd_run *run, out_spec **outs, size_t *n)
{
	dd_opts *o = &run->o;
	out_spec *v = dd_xcalloc(o->nouts + 1, sizeof *v);
	*outs = v;
	*n = 0;
	int fmt = c->format(o->to ? o->to : c->default_to);
	if (fmt < 0)
		return -1;
	v[0].fmt = fmt;
	v[0].path = o->output ? o->output : c->default_output;
	if (v[0].path && strcmp(v[0].path, "-") == 0)
		v[0].path = NULL;
	*n = 1;
	for (size_t i = 0; i < o->nouts; i++) {
		if ((fmt = c->format(o->outs[i].fmt)) < 0)
			return -1;
		const char *path = strcmp(o->outs[i].path, "-") == 0 ? NULL : o->outs[i].path;
		for (size_t k = 0; k < *n; k++)
			if ((!path && !v[k].path) || (path && v[k].path && strcmp(path, v[k].path) == 0))
				return dd_usage_error("two outputs to %s; expected one file per report",
				                      path ? path : "standard output"),
				       -1;
		v[*n].fmt = fmt;
		v[(*n)++].path = path;
	}
	return 0;
}

/* Writes every output to its temporary file; renames them into place only
 * when all were written. Returns 0, or -1 (nothing is left behind). */
static int write_outputs(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g,
                         out_spec *outs, size_t n)
{
	int ok = 1;
	size_t opened = 0;
	for (; opened < n && ok; opened++)
		if (dd_outfile_open(&outs[opened].f, outs[opened].path) != 0)
			ok = 0;
	if (!ok)
		opened--;
	for (size_t i = 0; i < opened && ok; i++) {
		dd_buf out = DD_BUF_INIT;
		/* an error while writing (merge: a table the format cannot hold,
		 * DD-005) leaves no output, as a failed write does */
		unsigned errors = run->diags.nerrors;
		c->write(c, run, r, g, outs[i].fmt, outs[i].path, &out, outs[i].f.fp);
		dd_diag_flush(&run->diags);
		if (run->diags.nerrors > errors)
			ok = 0;
		else
			fwrite(out.ptr ? out.ptr : "", 1, out.len, outs[i].f.fp);
		dd_buf_free(&out);
		if (c->failed || fflush(outs[i].f.fp) != 0 || ferror(outs[i].f.fp))
			ok = 0;
	}
	int rc = ok ? 0 : -1;
	for (size_t i = 0; i < opened; i++)
		if (dd_outfile_close(&outs[i].f, ok) != 0)
			rc = -1;
	return rc;
}

int dd_recon_cmd_run(dd_recon_cmd *c, int argc, char **argv)
{
	dd_run run;
	out_spec *outs = NULL;
	size_t nouts = 0;
	int rc = dd_run_setup(&run, argc, argv, c->allowed, c->help, 1);
	if (rc == 0 && ((c->setup && c->setup(c, &run) < 0) || plan_outputs(c, &run, &outs, &nouts) < 0))
		rc = DD_EXIT_TROUBLE;
	if (rc) {
		free(outs);
		dd_run_free(&run);
		return rc;
	}
	dd_baseline *base = NULL;
	if (c->baseline && !run.o.no_baseline) {
		base = &c->base;
		if (dd_baseline_read(base, run.baseline_path, &run.diags) < 0) {
			dd_diag_flush(&run.diags);
			dd_baseline_free(base);
			free(outs);
			dd_run_free(&run);
			return DD_EXIT_TROUBLE;
		}
	}
	dd_records rs;
	dd_sections secs;
	memset(&secs, 0, sizeof secs);
	secs.fams.arena = dd_arena_new();
	dd_gate g;
	memset(&g, 0, sizeof g);
	dd_reference *refs = dd_xcalloc(run.o.nrefs + 1, sizeof *refs);
	dd_records *refrecs = dd_xcalloc(run.o.nrefs + 1, sizeof *refrecs);
	rc = load_reconcile(&run, &rs, &secs, refs, refrecs);
	if (rc == 0 && c->gate) {
		const dd_recon **rv = dd_xcalloc(secs.n + 1, sizeof *rv);
		for (size_t i = 0; i < secs.n; i++)
			rv[i] = &secs.v[i].r;
		dd_run_unused_narrowing(&run, rv, secs.n);
		free(rv);
		for (size_t i = 0; i < secs.n; i++)
			dd_policy_filter(&run.policy, &secs.v[i].r);
	}
	if (rc == 0)
		dd_sections_join(&secs);
	if (rc == 0 && c->gate) {
		dd_gate_build(&g, secs.whole, &run.policy, base, run.root,
		              dd_walk_threads(&run.o.walk));
		g.strict = run.o.strict;
		dd_run_unused_suppressions(&run, &g);
		dd_diag_flush(&run.diags);
	}
	c->secs = &secs;
	if (rc == 0) {
		if (write_outputs(c, &run, secs.whole, c->gate ? &g : NULL, outs, nouts) < 0)
			rc = DD_EXIT_TROUBLE;
		else
			rc = c->status(c, &run, secs.whole, c->gate ? &g : NULL);
		dd_diag_flush(&run.diags);
		if (run.diags.nerrors)
			rc = DD_EXIT_TROUBLE;
	}
	dd_gate_free(&g);
	if (base)
		dd_baseline_free(base);
	dd_sections_free(&secs);
	dd_records_free(&rs);
	for (size_t i = 0; i < run.o.nrefs; i++)
		dd_records_free(&refrecs[i]);
	free(refrecs);
	free(refs);
	free(outs);
	dd_run_free(&run);
	return rc;
}
