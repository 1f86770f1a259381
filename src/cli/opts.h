/* opts.h - the one command-line option parser every command uses.
 *
 * Each command names the options it accepts; any other is a usage error
 * (exit 2) that says which command rejected it. */
#ifndef DD_OPTS_H
#define DD_OPTS_H

#include <stddef.h>

#include "core/core.h"
#include "walk.h"
#include "reconcile/reconcile.h"

enum {
	DD_OPT_TO = 1 << 0,       /* --to FMT */
	DD_OPT_SERVICE = 1 << 1,  /* --service NAME */
	DD_OPT_COLOR = 1 << 2,    /* --color[=WHEN] */
	DD_OPT_PREFER = 1 << 3,   /* --prefer A,B */
	DD_OPT_LABEL = 1 << 4,    /* --label NAME=PATH (repeatable) */
};
/* Every command also takes --format, -o/--output, -j/--jobs, -v/--verbose, -h/--help. */

typedef struct dd_opts {
	dd_walk_opts walk;
	const char *to, *service, *output, *color;
	const char **prefer;
	size_t nprefer;
	dd_label_opt *labels;
	size_t nlabels, labcap;
	dd_arena *arena;      /* owns the lists above */
} dd_opts;

/* Parses argv (argv[0] is the command word). help is printed for -h (exit 0).
 * Returns the index of the first path, or -1 after printing a usage error.
 * Call dd_opts_free() either way. */
int dd_opts_parse(dd_opts *o, int argc, char **argv, unsigned allowed, const char *help);
void dd_opts_free(dd_opts *o);

/* "docdrift: MESSAGE\nTry 'docdrift --help'." on stderr; returns 2. */
int dd_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The DD-003 warning (explicit file) or DD-006 note (-v, met while recursing)
 * for a document with no status-code table. */
void dd_report_no_table(dd_diag_sink *diags, const dd_doc *doc, int explicit_arg, int verbose);

#endif
