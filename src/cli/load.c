/* load.c - what diff and merge share: their help, and the command body that
 * loads every input's records, reconciles them and writes the result. */
#include "cli_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>

const char dd_reconcile_help[] =
	"usage: docdrift diff [--to text|json] [--color[=auto|always|never]] [--prefer A,B,...]\n"
	"                     [--reference FILE|iana]... [--label NAME=PATH]... [--format rst|md|html]\n"
	"                     [-o FILE] [-j N] [-v] PATH...\n"
	"       docdrift merge [--to md|rst|html|csv|json] [--prefer A,B,...] [--reference FILE|iana]...\n"
	"                      [--names iana|docs] [--all-codes | --min-support K] [--style grid|simple]\n"
	"                      [--width N] [--label NAME=PATH]... [--format rst|md|html] [-o FILE]\n"
	"                      [-j N] [-v] PATH...\n"
	"\n"
	"diff   align the status-code tables of PATH... by code, pick the wording most\n"
	"       documents share, and report how each document differs from it. With no\n"
	"       majority (two copies that differ) no document is taken to be wrong: the\n"
	"       pair is reported as differing. Exit status 0 no differences, 1\n"
	"       differences, 2 trouble.\n"
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
	"--width N  rst: wrap description cells at N columns (default: never).\n";

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
	load_ctx x = {recs, o->walk.verbose};
	char *p = (char *)path;
	dd_walk(&p, 1, &o->walk, load_work, load_take, &x, diags);
	if (recs->n)
		return 0;
	dd_diag_file(diags, path, DD_ERROR, DD_E_REFERENCE,
	             "--reference: no status-code records in it; expected a document with a "
	             "status-code table, a merge --to json output, or iana");
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

static int load_reconcile(int argc, char **argv, int first, const dd_opts *o, dd_records *rs,
                          dd_recon *r, dd_diag_sink *diags, dd_reference *refs,
                          dd_records *refrecs)
{
	load_ctx x = {rs, o->walk.verbose};
	dd_diag_init(diags, stderr);
	diags->verbose = o->walk.verbose;
	dd_records_init(rs);
	memset(r, 0, sizeof *r);
	if (load_references(o, refs, refrecs, diags) < 0) {
		dd_diag_flush(diags);
		return DD_EXIT_TROUBLE;
	}
	dd_walk(argv + first, argc - first, &o->walk, load_work, load_take, &x, diags);
	if (rs->n == 0) {
		/* Nothing to compare is trouble, not agreement: no report at all. */
		dd_diag(diags, NULL, (size_t)-1, DD_ERROR, DD_E_NO_RECORDS,
		        "no status-code records in any input; expected at least one status-code table");
		memset(r, 0, sizeof *r);
		dd_diag_flush(diags);
		return DD_EXIT_TROUBLE;
	}
	dd_recon_opts ro = {o->prefer, o->nprefer, o->labels, o->nlabels, refs, o->nrefs};
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
	dd_reference *refs = dd_xcalloc(o.nrefs + 1, sizeof *refs);
	dd_records *refrecs = dd_xcalloc(o.nrefs + 1, sizeof *refrecs);
	int rc = load_reconcile(argc, argv, first, &o, &rs, &r, &diags, refs, refrecs);
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
	for (size_t i = 0; i < o.nrefs; i++)
		dd_records_free(&refrecs[i]);
	free(refrecs);
	free(refs);
	dd_diag_free(&diags);
	dd_opts_free(&o);
	return rc;
}
