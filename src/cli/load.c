/* load.c - what diff, merge, check and baseline share: the help of diff and
 * merge, and the command body that loads every input's records, reconciles
 * them, gates them and writes the outputs. */
#include "cli_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char dd_reconcile_help[] =
	"usage: docdrift diff [--to text|json|sarif|github|markdown] [--to FMT=FILE]...\n"
	"                     [--only CLASSES] [--ignore CLASSES] [--color[=auto|always|never]]\n"
	"                     [--prefer A,B,...] [--label NAME=PATH]... [--config FILE | --no-config]\n"
	"                     [--format rst|md|html] [-o FILE] [-j N] [-v] [PATH...]\n"
	"       docdrift merge [--to md|rst|html|csv|json] [--prefer A,B,...]\n"
	"                      [--label NAME=PATH]... [--config FILE | --no-config]\n"
	"                      [--format rst|md|html] [-o FILE] [-j N] [-v] [PATH...]\n"
	"\n"
	"diff   align the status-code tables of PATH... by code, pick the wording most\n"
	"       documents share, and report how each document differs from it.\n"
	"       --only/--ignore CLASSES (comma-separated: missing, extra, whitespace,\n"
	"       paragraphing, case, punctuation, spacing, truncation, substitution,\n"
	"       rewording) choose what is reported; --to FMT=FILE writes more reports.\n"
	"       Exit status 0 no differences, 1 differences, 2 trouble.\n"
	"merge  print the canonical merged table.\n"
	"Without PATH..., the inputs are the `input =` lines of .docdrift.ini.\n";

typedef struct load_ctx {
	dd_records *rs;
	int verbose;
} load_ctx;

static void *load_work(const void *vctx, dd_doc *doc, int explicit_arg, dd_diag_sink *diags)
{
	const load_ctx *x = vctx;
	dd_records *rs = dd_xmalloc(sizeof *rs);
	dd_records_init(rs);
	if (!dd_records_extract(doc, NULL, rs, diags))
		dd_report_no_table(diags, doc, explicit_arg, x->verbose);
	return rs;
}

static void load_take(void *vctx, void *result)
{
	load_ctx *x = vctx;
	dd_records *rs = result;
	if (!rs)
		return;
	dd_records_adopt(x->rs, rs);
	free(rs);
}

static int load_reconcile(dd_run *run, dd_records *rs, dd_recon *r)
{
	dd_opts *o = &run->o;
	dd_diag_sink *diags = &run->diags;
	load_ctx x = {rs, o->walk.verbose};
	dd_records_init(rs);
	memset(r, 0, sizeof *r);
	dd_walk((char *const *)run->paths, (int)run->npaths, &o->walk, load_work, load_take, &x,
	        diags);
	if (rs->n == 0) {
		/* Nothing to compare is trouble, not agreement: no report at all. */
		dd_diag(diags, NULL, (size_t)-1, DD_ERROR, DD_E_NO_RECORDS,
		        "no status-code records in any input; expected at least one status-code table");
		dd_diag_flush(diags);
		return DD_EXIT_TROUBLE;
	}
	if (dd_run_labels(run, rs) < 0) {
		dd_diag_flush(diags);
		return DD_EXIT_TROUBLE;
	}
	dd_recon_opts ro = {o->prefer, o->nprefer, o->labels, o->nlabels};
	int rc = dd_reconcile(rs, &ro, r, diags);
	dd_diag_flush(diags);
	return rc < 0 ? DD_EXIT_TROUBLE : 0;
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
		c->write(c, run, r, g, outs[i].fmt, outs[i].path, &out, outs[i].f.fp);
		fwrite(out.ptr ? out.ptr : "", 1, out.len, outs[i].f.fp);
		dd_buf_free(&out);
		if (fflush(outs[i].f.fp) != 0 || ferror(outs[i].f.fp))
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
	dd_recon r;
	dd_gate g;
	memset(&g, 0, sizeof g);
	rc = load_reconcile(&run, &rs, &r);
	if (rc == 0 && c->gate) {
		dd_policy_filter(&run.policy, &r);
		dd_gate_build(&g, &r, &run.policy, base, run.root);
		g.strict = run.o.strict;
		dd_run_unused_suppressions(&run, &g);
		dd_diag_flush(&run.diags);
	}
	if (rc == 0) {
		if (write_outputs(c, &run, &r, c->gate ? &g : NULL, outs, nouts) < 0)
			rc = DD_EXIT_TROUBLE;
		else
			rc = c->status(c, &run, &r, c->gate ? &g : NULL);
		dd_diag_flush(&run.diags);
		if (run.diags.nerrors)
			rc = DD_EXIT_TROUBLE;
	}
	dd_gate_free(&g);
	if (base)
		dd_baseline_free(base);
	dd_recon_free(&r);
	dd_records_free(&rs);
	free(outs);
	dd_run_free(&run);
	return rc;
}
