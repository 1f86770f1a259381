/* load.c - what diff and merge share: their help, and the command body that
 * loads every input's records, reconciles them and writes the result. */
#include "cli_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char dd_reconcile_help[] =
	"usage: docdrift diff [--to text|json] [--color[=auto|always|never]] [--prefer A,B,...]\n"
	"                     [--label NAME=PATH]... [--format rst|md|html] [-o FILE] [-j N] [-v] PATH...\n"
	"       docdrift merge [--to md|rst|html|csv|json] [--prefer A,B,...]\n"
	"                      [--label NAME=PATH]... [--format rst|md|html] [-o FILE] [-j N] [-v]\n"
	"                      PATH...\n"
	"\n"
	"diff   align the status-code tables of PATH... by code, pick the wording most\n"
	"       documents share, and report how each document differs from it.\n"
	"       Exit status 0 no differences, 1 differences, 2 trouble.\n"
	"merge  print the canonical merged table.\n";

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

static int load_reconcile(int argc, char **argv, int first, const dd_opts *o, dd_records *rs,
                      dd_recon *r, dd_diag_sink *diags)
{
	load_ctx x = {rs, o->walk.verbose};
	dd_diag_init(diags, stderr);
	diags->verbose = o->walk.verbose;
	dd_records_init(rs);
	dd_walk(argv + first, argc - first, &o->walk, load_work, load_take, &x, diags);
	if (rs->n == 0) {
		/* Nothing to compare is trouble, not agreement: no report at all. */
		dd_diag(diags, NULL, (size_t)-1, DD_ERROR, DD_E_NO_RECORDS,
		        "no status-code records in any input; expected at least one status-code table");
		memset(r, 0, sizeof *r);
		dd_diag_flush(diags);
		return DD_EXIT_TROUBLE;
	}
	dd_recon_opts ro = {o->prefer, o->nprefer, o->labels, o->nlabels};
	int rc = dd_reconcile(rs, &ro, r, diags);
	dd_diag_flush(diags);
	return rc < 0 ? DD_EXIT_TROUBLE : 0;
}

int dd_recon_cmd_run(dd_recon_cmd *c, int argc, char **argv)
{
	dd_opts o;
	int first = dd_opts_parse(&o, argc, argv, c->allowed, c->help);
	if (first < 0 || c->setup(c, &o) < 0) {
		dd_opts_free(&o);
		return DD_EXIT_TROUBLE;
	}
	dd_diag_sink diags;
	dd_records rs;
	dd_recon r;
	int rc = load_reconcile(argc, argv, first, &o, &rs, &r, &diags);
	dd_outfile f;
	if (rc == 0 && dd_outfile_open(&f, o.output) != 0)
		rc = DD_EXIT_TROUBLE;
	else if (rc == 0) {
		dd_buf out = DD_BUF_INIT;
		rc = c->write(c, &o, &r, &out, f.fp);
		fwrite(out.ptr ? out.ptr : "", 1, out.len, f.fp);
		dd_buf_free(&out);
		if (diags.nerrors)
			rc = DD_EXIT_TROUBLE;
		if (dd_outfile_close(&f, 1) != 0)
			rc = DD_EXIT_TROUBLE;
	}
	dd_recon_free(&r);
	dd_records_free(&rs);
	dd_diag_summary(&diags);
	dd_diag_free(&diags);
	dd_opts_free(&o);
	return rc;
}
