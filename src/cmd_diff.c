/* cmd_diff.c - `docdrift diff` and `docdrift merge`. */
#include "commands.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "outfile.h"
#include "parser.h"
#include "pipeline.h"
#include "reconcile.h"
#include "records.h"
#include "render.h"
#include "report.h"

static int usage(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static int usage(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("docdrift: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'docdrift --help'.\n", stderr);
	return DD_EXIT_TROUBLE;
}

typedef struct opts {
	dd_walk_opts walk;
	const char *to;
	const char *color;
	const char *output;
	dd_arena *arena;
	const char **prefer;
	size_t nprefer;
	dd_label_opt *labels;
	size_t nlabels, labcap;
} opts;

enum { OPT_FORMAT = 256, OPT_TO, OPT_COLOR, OPT_PREFER, OPT_LABEL };

static const struct option long_opts[] = {
	{"format", required_argument, NULL, OPT_FORMAT},
	{"to", required_argument, NULL, OPT_TO},
	{"color", optional_argument, NULL, OPT_COLOR},
	{"colour", optional_argument, NULL, OPT_COLOR},
	{"prefer", required_argument, NULL, OPT_PREFER},
	{"label", required_argument, NULL, OPT_LABEL},
	{"output", required_argument, NULL, 'o'},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static const char help_text[] =
	"usage: docdrift diff [--to text|json] [--color[=auto|always|never]] [--prefer A,B,...]\n"
	"                     [--label NAME=PATH]... [--format rst|md|html] [-o FILE] [-v] PATH...\n"
	"       docdrift merge [--to md|rst|html|csv|json] [--prefer A,B,...]\n"
	"                      [--label NAME=PATH]... [--format rst|md|html] [-o FILE] [-v] PATH...\n"
	"\n"
	"diff   align the status-code tables of PATH... by code, pick the wording most\n"
	"       documents share, and report how each document differs from it.\n"
	"       Exit status 0 no differences, 1 differences, 2 trouble.\n"
	"merge  print the canonical merged table.\n";

/* Returns the index of the first path, or -1 after a usage error. */
static int parse(int argc, char **argv, opts *o, int merge)
{
	optind = 1;
	int c;
	while ((c = getopt_long(argc, argv, "o:vh", long_opts, NULL)) != -1) {
		switch (c) {
		case OPT_FORMAT:
			o->walk.parser = dd_parser_by_name(optarg);
			if (!o->walk.parser) {
				usage("unknown --format '%s'; expected rst, md or html", optarg);
				return -1;
			}
			break;
		case OPT_TO:
			o->to = optarg;
			break;
		case OPT_COLOR:
			if (merge) {
				usage("%s", "--color applies to diff only");
				return -1;
			}
			o->color = optarg ? optarg : "always";
			if (strcmp(o->color, "auto") && strcmp(o->color, "always") && strcmp(o->color, "never")) {
				usage("unknown --color '%s'; expected auto, always or never", o->color);
				return -1;
			}
			break;
		case OPT_PREFER: {
			char *s = dd_arena_strdup(o->arena, optarg);
			size_t n = 1;
			for (char *p = s; *p; p++)
				n += *p == ',';
			o->prefer = dd_arena_alloc(o->arena, n * sizeof *o->prefer);
			o->nprefer = 0;
			for (char *tok = s, *end; tok; tok = end) {
				end = strchr(tok, ',');
				if (end)
					*end++ = '\0';
				if (*tok)
					o->prefer[o->nprefer++] = tok;
			}
			break;
		}
		case OPT_LABEL: {
			const char *eq = strchr(optarg, '=');
			if (!eq || eq == optarg || !eq[1]) {
				usage("bad --label '%s'; expected NAME=PATH", optarg);
				return -1;
			}
			if (o->nlabels == o->labcap)
				o->labels = dd_arena_grow(o->arena, o->labels, sizeof *o->labels, o->nlabels,
				                          &o->labcap, o->nlabels + 1);
			o->labels[o->nlabels].name = dd_arena_strndup(o->arena, optarg, (size_t)(eq - optarg));
			o->labels[o->nlabels].path = eq + 1;
			o->nlabels++;
			break;
		}
		case 'o':
			o->output = optarg;
			break;
		case 'v':
			o->walk.verbose++;
			break;
		case 'h':
			fputs(help_text, stdout);
			exit(0);
		default:
			fputs("Try 'docdrift --help'.\n", stderr);
			return -1;
		}
	}
	if (optind >= argc) {
		usage("%s: no input; give the documents to compare (files, directories or -)", argv[0]);
		return -1;
	}
	return optind;
}

typedef struct load_ctx {
	dd_records rs;
	int verbose;
} load_ctx;

static void load_doc(void *vctx, dd_doc *doc, int explicit_arg, dd_diag_sink *diags)
{
	load_ctx *x = vctx;
	unsigned found = dd_records_extract(doc, NULL, &x->rs, diags);
	if (found)
		return;
	if (explicit_arg)
		dd_diag_file(diags, doc->src->name, DD_WARNING, DD_W_NO_TABLE,
		             "no status-code table found (%u table%s read)", doc->ntables,
		             doc->ntables == 1 ? "" : "s");
	else if (x->verbose)
		dd_diag_file(diags, doc->src->name, DD_NOTE, DD_N_SKIPPED, "skipped: no status-code table");
}

/* Loads and reconciles; returns 0, or DD_EXIT_TROUBLE when reconciling
 * could not start (r is then empty). *errors gets the error count. */
static int run(int argc, char **argv, opts *o, int first, load_ctx *x, dd_recon *r,
               dd_diag_sink *diags)
{
	dd_diag_init(diags, stderr);
	diags->verbose = o->walk.verbose;
	x->verbose = o->walk.verbose;
	dd_records_init(&x->rs);
	dd_walk(argv + first, argc - first, &o->walk, load_doc, x, diags);
	dd_recon_opts ro = {o->prefer, o->nprefer, o->labels, o->nlabels};
	int rc = dd_reconcile(&x->rs, &ro, r, diags);
	dd_diag_flush(diags);
	return rc < 0 ? DD_EXIT_TROUBLE : 0;
}

/* The report is built in memory and written at once: with -o, a run that
 * could not reconcile leaves no file behind. */
static int finish(dd_buf *out, const char *path, int rc)
{
	if (out->len) {
		dd_outfile f;
		if (dd_outfile_open(&f, path) != 0) {
			rc = DD_EXIT_TROUBLE;
		} else {
			fwrite(out->ptr, 1, out->len, f.fp);
			if (dd_outfile_close(&f, 1) != 0)
				rc = DD_EXIT_TROUBLE;
		}
	}
	dd_buf_free(out);
	return rc;
}

static int use_color(const char *mode)
{
	if (mode && strcmp(mode, "always") == 0)
		return 1;
	if (mode && strcmp(mode, "never") == 0)
		return 0;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	return isatty(STDOUT_FILENO);
}

int dd_cmd_diff(int argc, char **argv)
{
	opts o;
	memset(&o, 0, sizeof o);
	o.arena = dd_arena_new();
	int first = parse(argc, argv, &o, 0), json = 0;
	if (first >= 0 && o.to) {
		if (strcmp(o.to, "json") == 0)
			json = 1;
		else if (strcmp(o.to, "text") != 0) {
			usage("unknown --to '%s'; expected text or json", o.to);
			first = -1;
		}
	}
	if (first < 0) {
		dd_arena_free(o.arena);
		return DD_EXIT_TROUBLE;
	}
	dd_diag_sink diags;
	load_ctx x;
	dd_recon r;
	int rc = run(argc, argv, &o, first, &x, &r, &diags);
	dd_buf out = DD_BUF_INIT;
	if (rc == 0) {
		if (json)
			dd_report_json(&r, &out);
		else
			dd_report_text(&r, use_color(o.color), &out);
		rc = diags.nerrors ? DD_EXIT_TROUBLE : dd_recon_differs(&r) ? DD_EXIT_DIFFER : DD_EXIT_SAME;
	}
	dd_recon_free(&r);
	dd_records_free(&x.rs);
	dd_diag_free(&diags);
	dd_arena_free(o.arena);
	return finish(&out, o.output, rc);
}

/* The canonical table: one record per code, canonical name and description. */
static void merged(const dd_recon *r, dd_arena *a, dd_record **recs, size_t *n)
{
	dd_record *v = dd_arena_alloc(a, (r->ncodes + 1) * sizeof *v);
	for (size_t i = 0; i < r->ncodes; i++) {
		const dd_aligned *cd = &r->codes[i];
		dd_record *rec = &v[i];
		rec->key = cd->key;
		const dd_value *nm = cd->canon[DD_FIELD_NAME].value;
		rec->name = nm && nm->npara ? nm->paras[0] : "";
		const dd_value *ds = cd->canon[DD_FIELD_DESC].value;
		if (ds && ds->npara) {
			rec->desc = dd_arena_alloc(a, ds->npara * sizeof *rec->desc);
			for (unsigned p = 0; p < ds->npara; p++)
				rec->desc[p] = (dd_para){ds->paras[p], strlen(ds->paras[p]), 0};
			rec->ndesc = ds->npara;
		}
		const dd_record *src = cd->e[cd->canon[DD_FIELD_DESC].value ? cd->canon[DD_FIELD_DESC].entry : 0].rec;
		rec->service = src->service;
		rec->page = src->page;
		rec->file = src->file;
		rec->format = src->format;
		rec->line = src->line;
		rec->column = src->column;
	}
	*recs = v;
	*n = r->ncodes;
}

int dd_cmd_merge(int argc, char **argv)
{
	opts o;
	memset(&o, 0, sizeof o);
	o.arena = dd_arena_new();
	int first = parse(argc, argv, &o, 1);
	dd_render_format fmt = DD_RENDER_MD;
	if (first >= 0 && o.to && dd_render_format_parse(o.to, &fmt) < 0) {
		usage("unknown --to '%s'; expected md, rst, html, csv or json", o.to);
		first = -1;
	}
	if (first < 0) {
		dd_arena_free(o.arena);
		return DD_EXIT_TROUBLE;
	}
	dd_diag_sink diags;
	load_ctx x;
	dd_recon r;
	int rc = run(argc, argv, &o, first, &x, &r, &diags);
	dd_buf out = DD_BUF_INIT;
	if (rc == 0) {
		dd_record *recs;
		size_t n;
		merged(&r, o.arena, &recs, &n);
		dd_render_table(fmt, recs, n, NULL, &out);
		rc = diags.nerrors ? DD_EXIT_TROUBLE : DD_EXIT_SAME;
	}
	dd_recon_free(&r);
	dd_records_free(&x.rs);
	dd_diag_free(&diags);
	dd_arena_free(o.arena);
	return finish(&out, o.output, rc);
}
