/* opts.c - the one option parser every command uses. */
#include "cli_internal.h"
#include "report/report.h"

#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int dd_usage_error(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("docdrift: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'docdrift --help'.\n", stderr);
	return DD_EXIT_TROUBLE;
}

enum {
	O_FORMAT = 256, O_SERVICE, O_TO, O_COLOR, O_PREFER, O_LABEL, O_CONFIG, O_NO_CONFIG,
	O_ONLY, O_IGNORE, O_BASELINE, O_NO_BASELINE, O_FAIL_ON, O_STRICT, O_UPDATE, O_ACCEPT_NEW,
	O_SARIF_ACCEPTED, O_REFERENCE, O_STYLE, O_WIDTH, O_NAMES, O_ALL_CODES, O_MIN_SUPPORT,
	O_MATRIX, O_CODE, O_VARIANT,
	O_KIND, O_PAIR, O_GROUP
};

static const struct option long_opts[] = {
	{"format", required_argument, NULL, O_FORMAT},
	{"service", required_argument, NULL, O_SERVICE},
	{"to", required_argument, NULL, O_TO},
	{"color", optional_argument, NULL, O_COLOR},
	{"colour", optional_argument, NULL, O_COLOR},
	{"prefer", required_argument, NULL, O_PREFER},
	{"label", required_argument, NULL, O_LABEL},
	{"config", required_argument, NULL, O_CONFIG},
	{"no-config", no_argument, NULL, O_NO_CONFIG},
	{"only", required_argument, NULL, O_ONLY},
	{"ignore", required_argument, NULL, O_IGNORE},
	{"baseline", required_argument, NULL, O_BASELINE},
	{"no-baseline", no_argument, NULL, O_NO_BASELINE},
	{"fail-on", required_argument, NULL, O_FAIL_ON},
	{"strict", no_argument, NULL, O_STRICT},
	{"update", no_argument, NULL, O_UPDATE},
	{"accept-new", no_argument, NULL, O_ACCEPT_NEW},
	{"sarif-include-accepted", no_argument, NULL, O_SARIF_ACCEPTED},
	{"reference", required_argument, NULL, O_REFERENCE},
	{"style", required_argument, NULL, O_STYLE},
	{"width", required_argument, NULL, O_WIDTH},
	{"names", required_argument, NULL, O_NAMES},
	{"all-codes", no_argument, NULL, O_ALL_CODES},
	{"min-support", required_argument, NULL, O_MIN_SUPPORT},
	{"matrix", no_argument, NULL, O_MATRIX},
	{"code", required_argument, NULL, O_CODE},
	{"variant", required_argument, NULL, O_VARIANT},
	{"quiet", no_argument, NULL, 'q'},
	{"kind", required_argument, NULL, O_KIND},
	{"pair", no_argument, NULL, O_PAIR},
	{"group", required_argument, NULL, O_GROUP},
	{"output", required_argument, NULL, 'o'},
	{"jobs", required_argument, NULL, 'j'},
	{"verbose", no_argument, NULL, 'v'},
	{"help", no_argument, NULL, 'h'},
	{NULL, 0, NULL, 0},
};

static unsigned needs(int c)
{
	switch (c) {
	case O_SERVICE: return DD_OPT_SERVICE;
	case O_TO: return DD_OPT_TO;
	case O_COLOR: return DD_OPT_COLOR;
	case O_PREFER: return DD_OPT_PREFER;
	case O_LABEL: return DD_OPT_LABEL;
	case O_CONFIG: case O_NO_CONFIG: return DD_OPT_CONFIG;
	case O_ONLY: case O_IGNORE: return DD_OPT_FILTER;
	case O_BASELINE: case O_NO_BASELINE: case O_FAIL_ON: case O_STRICT: return DD_OPT_GATE;
	case O_UPDATE: case O_ACCEPT_NEW: return DD_OPT_UPDATE;
	case O_SARIF_ACCEPTED: return DD_OPT_OUTPUTS;
	case O_REFERENCE: return DD_OPT_REFERENCE;
	case O_STYLE: return DD_OPT_LAYOUT;
	case O_WIDTH: return DD_OPT_LAYOUT | DD_OPT_WIDTH;
	case O_MATRIX: case O_CODE: case O_VARIANT: case 'q': return DD_OPT_REPORT;
	case O_NAMES: case O_ALL_CODES: case O_MIN_SUPPORT: return DD_OPT_MERGE;
	case O_KIND: return DD_OPT_KIND;
	case O_PAIR: case O_GROUP: return DD_OPT_FAMILY;
	default: return 0;
	}
}

static int add_prefer(dd_opts *o, const char *arg)
{
	char *s = dd_arena_strdup(o->arena, arg);
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
	return 0;
}

/* Appends the comma-separated items of arg to *list (empty items dropped);
 * -1 after a usage error when there is none. */
static int add_list(dd_opts *o, const char *opt, const char *arg, const char ***list, size_t *n,
                    size_t *cap)
{
	char *s = dd_arena_strdup(o->arena, arg);
	size_t before = *n;
	for (char *tok = s, *end; tok; tok = end) {
		end = strchr(tok, ',');
		if (end)
			*end++ = '\0';
		if (!*tok)
			continue;
		*list = dd_arena_grow(o->arena, *list, sizeof **list, *n, cap, *n + 1);
		(*list)[(*n)++] = tok;
	}
	if (*n == before)
		return dd_usage_error("bad %s '%s'; expected a comma-separated list", opt, arg), -1;
	return 0;
}

static int add_label(dd_opts *o, const char *arg)
{
	const char *eq = strchr(arg, '=');
	if (!eq || eq == arg || !eq[1])
		return dd_usage_error("bad --label '%s'; expected NAME=PATH", arg), -1;
	o->labels = dd_arena_grow(o->arena, o->labels, sizeof *o->labels, o->nlabels, &o->labcap,
	                          o->nlabels + 1);
	o->labels[o->nlabels].name = dd_arena_strndup(o->arena, arg, (size_t)(eq - arg));
	/* Standard input's records are named "<stdin>"; "-" is how users say it. */
	o->labels[o->nlabels].path = strcmp(eq + 1, "-") == 0 ? "<stdin>" : eq + 1;
	o->nlabels++;
	return 0;
}

/* A whole number from 1 to max, or 0 after a usage error. */
static unsigned number(const char *opt, const char *arg, unsigned long max, const char *what)
{
	char *end;
	unsigned long n = strtoul(arg, &end, 10);
	if (!*arg || *end || *arg == '-' || n < 1 || n > max) {
		dd_usage_error("bad %s '%s'; expected %s from 1 to %lu", opt, arg, what, max);
		return 0;
	}
	return (unsigned)n;
}

int dd_opts_parse(dd_opts *o, int argc, char **argv, unsigned allowed, const char *help)
{
	memset(o, 0, sizeof *o);
	o->arena = dd_arena_new();
	optind = 1;
	opterr = 0; /* our own messages, in our own format */
	int c, li = -1;
	while ((c = getopt_long(argc, argv, ":o:j:vqh", long_opts, &li)) != -1) {
		if (needs(c) && !(needs(c) & allowed))
			return dd_usage_error("%s does not take %s%s", argv[0], c == 'q' ? "-" : "--",
			                      c == 'q' ? "q" : long_opts[li].name),
			       -1;
		switch (c) {
		case O_FORMAT:
			o->walk.parser = dd_parser_by_name(optarg);
			if (!o->walk.parser)
				return dd_usage_error("unknown --format '%s'; expected rst, md or html", optarg),
				       -1;
			break;
		case O_SERVICE:
			o->service = optarg;
			break;
		case O_TO: {
			const char *eq = strchr(optarg, '=');
			if (!eq) {
				if (o->to && strcmp(o->to, optarg) != 0)
					return dd_usage_error("%s: --to given twice (%s, %s); the main output has "
					                      "one format (more with --to FMT=FILE)",
					                      argv[0], o->to, optarg),
					       -1;
				o->to = optarg;
				break;
			}
			if (!(allowed & DD_OPT_OUTPUTS))
				return dd_usage_error("%s does not take --to FMT=FILE", argv[0]), -1;
			if (eq == optarg || !eq[1])
				return dd_usage_error("bad --to '%s'; expected FMT=FILE", optarg), -1;
			o->outs = dd_arena_grow(o->arena, o->outs, sizeof *o->outs, o->nouts, &o->outcap,
			                        o->nouts + 1);
			o->outs[o->nouts].fmt = dd_arena_strndup(o->arena, optarg, (size_t)(eq - optarg));
			o->outs[o->nouts++].path = eq + 1;
			break;
		}
		case O_CONFIG:
			o->config = optarg;
			break;
		case O_NO_CONFIG:
			o->no_config = 1;
			break;
		case O_ONLY:
			o->only = optarg;
			break;
		case O_IGNORE:
			o->ignore = optarg;
			break;
		case O_BASELINE:
			o->baseline = optarg;
			break;
		case O_NO_BASELINE:
			o->no_baseline = 1;
			break;
		case O_FAIL_ON:
			o->fail_on = optarg;
			break;
		case O_STRICT:
			o->strict = 1;
			break;
		case O_UPDATE:
			o->update = 1;
			break;
		case O_ACCEPT_NEW:
			o->accept_new = 1;
			break;
		case O_SARIF_ACCEPTED:
			o->sarif_accepted = 1;
			break;
		case O_COLOR:
			o->color = optarg ? optarg : "always";
			if (strcmp(o->color, "auto") && strcmp(o->color, "always") &&
			    strcmp(o->color, "never"))
				return dd_usage_error("unknown --color '%s'; expected auto, always or never",
				                      o->color),
				       -1;
			break;
		case O_PREFER:
			add_prefer(o, optarg);
			break;
		case O_LABEL:
			if (add_label(o, optarg) < 0)
				return -1;
			break;
		case O_REFERENCE:
			o->refs = dd_arena_grow(o->arena, o->refs, sizeof *o->refs, o->nrefs, &o->refcap,
			                        o->nrefs + 1);
			if (strcmp(optarg, "-") == 0)
				return dd_usage_error("--reference -: a reference is read from a file; "
				                      "expected FILE or iana"),
				       -1;
			o->refs[o->nrefs++] = optarg;
			break;
		case O_STYLE:
			if (strcmp(optarg, "grid") && strcmp(optarg, "simple"))
				return dd_usage_error("unknown --style '%s'; expected grid or simple", optarg),
				       -1;
			o->style = optarg;
			break;
		case O_WIDTH:
			if (!(o->width = number("--width", optarg, 100000, "a number of columns")))
				return -1;
			break;
		case O_NAMES:
			if (strcmp(optarg, "iana") && strcmp(optarg, "docs"))
				return dd_usage_error("unknown --names '%s'; expected iana or docs", optarg), -1;
			o->names = optarg;
			break;
		case O_MATRIX:
			o->matrix = 1;
			break;
		case 'q':
			o->quiet = 1;
			break;
		case O_CODE:
			if (add_list(o, "--code", optarg, &o->codes, &o->ncodes, &o->codecap) < 0)
				return -1;
			break;
		case O_VARIANT:
			if (add_list(o, "--variant", optarg, &o->variants, &o->nvariants, &o->varcap) < 0)
				return -1;
			break;
		case O_ALL_CODES:
			o->min_support = 1;
			break;
		case O_MIN_SUPPORT:
			if (!(o->min_support = number("--min-support", optarg, 1000000,
			                              "a number of documents")))
				return -1;
			break;
		case O_KIND: {
			dd_kind k;
			if (strcmp(optarg, "all") == 0)
				o->kinds = 0;
			else if (dd_kind_parse(optarg, &k) == 0)
				o->kinds = 1u << k;
			else
				return dd_usage_error("unknown --kind '%s'; expected status, error or all",
				                      optarg),
				       -1;
			break;
		}
		case O_PAIR:
			o->pair = 1;
			break;
		case O_GROUP:
			if (strcmp(optarg, "page") && strcmp(optarg, "path") && strcmp(optarg, "none"))
				return dd_usage_error("unknown --group '%s'; expected page, path or none",
				                      optarg),
				       -1;
			o->group = optarg;
			break;
		case 'o':
			o->output = optarg;
			break;
		case 'j': {
			char *end;
			unsigned long n = strtoul(optarg, &end, 10);
			if (!*optarg || *end || n < 1 || n > 256)
				return dd_usage_error("bad --jobs '%s'; expected a number of threads from 1 "
				                      "to 256",
				                      optarg),
				       -1;
			o->walk.jobs = (unsigned)n;
			break;
		}
		case 'v':
			o->walk.verbose++;
			break;
		case 'h':
			fputs(help, stdout);
			exit(0);
		case ':':
			return dd_usage_error("%s: option %s needs a value", argv[0], argv[optind - 1]), -1;
		default:
			return dd_usage_error("%s: unknown option '%s'", argv[0], argv[optind - 1]), -1;
		}
	}
	if ((allowed & DD_OPT_WIDTH) && o->width && o->width < DD_REPORT_MIN_WIDTH)
		return dd_usage_error("bad --width '%u'; expected the text report's width in columns, "
		                      "from %d to 100000",
		                      o->width, DD_REPORT_MIN_WIDTH),
		       -1;
	if (o->config && o->no_config)
		return dd_usage_error("%s: --config and --no-config exclude each other", argv[0]), -1;
	if (o->baseline && o->no_baseline)
		return dd_usage_error("%s: --baseline and --no-baseline exclude each other", argv[0]),
		       -1;
	if (o->pair && o->group && strcmp(o->group, "path") != 0)
		return dd_usage_error("%s: --pair matches documents by path; it goes with --group path, "
		                      "not --group %s",
		                      argv[0], o->group),
		       -1;
	if (optind >= argc && !(allowed & DD_OPT_CONFIG))
		return dd_usage_error("%s: no input; give a file, a directory or - for stdin", argv[0]),
		       -1;
	int nstdin = 0;
	for (int i = optind; i < argc; i++)
		nstdin += strcmp(argv[i], "-") == 0;
	if (nstdin > 1)
		return dd_usage_error("%s: '-' (standard input) given %d times; it can be read once",
		                      argv[0], nstdin),
		       -1;
	return optind;
}

void dd_opts_free(dd_opts *o)
{
	if (!o)
		return;
	dd_arena_free(o->arena);
	o->arena = NULL;
}

void dd_report_no_table(dd_diag_sink *diags, const dd_doc *doc, int explicit_arg, int verbose,
                        unsigned kinds)
{
	const char *what = kinds == 1u << DD_KIND_STATUS  ? "status-code table"
	                   : kinds == 1u << DD_KIND_ERROR ? "error-code table"
	                                                  : "status-code or error-code table";
	if (explicit_arg)
		dd_diag_file(diags, doc->src->name, DD_WARNING, DD_W_NO_TABLE, "no %s found (%u table%s read)",
		             what, doc->ntables, doc->ntables == 1 ? "" : "s");
	else if (verbose)
		dd_diag_file(diags, doc->src->name, DD_NOTE, DD_N_SKIPPED, "skipped: no %s", what);
}
