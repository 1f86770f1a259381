/* cli_internal.h - what the files of src/cli/ share: the input walk,
 * output files, the option parser and the commands, one file each
 * (cmd_extract.c, cmd_tables.c, cmd_diff.c, cmd_merge.c; load.c is the
 * loading and reconciling diff and merge share). */
#ifndef DD_CLI_INTERNAL_H
#define DD_CLI_INTERNAL_H

#include <stddef.h>
#include <stdio.h>

#include "cli.h"
#include "core/core.h"
#include "parsers/parser.h"
#include "reconcile/reconcile.h"
#include "records/records.h"

/* ==== the input walk (walk.c) ==== */

/* Walk the inputs (files, directories, stdin), load and parse
 * each document once, and hand it to a command in two steps.
 *
 * Files are parsed by up to `jobs` threads: the command's work step runs on
 * any of them and turns one parsed document into a result (its own memory,
 * its own diagnostics); the take step runs on the calling thread, once per
 * file, in input order. So output and diagnostics are the same bytes
 * whatever the number of threads. */

typedef struct dd_walk_opts {
	const dd_parser *parser;  /* --format, or NULL to sniff */
	int verbose;
	unsigned jobs;            /* parsing threads; 0: one per online CPU */
} dd_walk_opts;

/* The work step, on any thread: reads doc, writes only to what it returns
 * and to diags (this file's own). ctx is shared by every thread: read it,
 * never write it. explicit_arg: the file was named on the command line (not
 * met while recursing). The document is freed after. */
typedef void *(*dd_work_fn)(const void *ctx, dd_doc *doc, int explicit_arg,
                            dd_diag_sink *diags);
/* The take step, on the calling thread, in input order: consumes (and
 * frees) what work returned; NULL when the file could not be read. The
 * file's diagnostics are written right after. */
typedef void (*dd_take_fn)(void *ctx, void *result);

/* Visits paths in order; directories are recursed in sorted order for files
 * ending in .rst .md .markdown .html .htm .txt (hidden entries and symlinked
 * directories skipped); "-" is stdin. Returns the number of files visited. */
size_t dd_walk(char *const *paths, int npaths, const dd_walk_opts *o, dd_work_fn work,
               dd_take_fn take, void *ctx, dd_diag_sink *diags);

/* Threads dd_walk uses for o: o->jobs, or one per online CPU (at most 16). */
unsigned dd_walk_threads(const dd_walk_opts *o);

/* ==== output files (outfile.c) ==== */

/* Output that is either complete or absent.
 *
 * `-o FILE` writes to a temporary file beside FILE and renames it over FILE
 * only when the command finished writing; a failed or interrupted run leaves
 * no partial output file. Without -o, standard output is used as is. */

typedef struct dd_outfile {
	FILE *fp;        /* write here */
	char *path;      /* final path, NULL for stdout */
	char *tmp;       /* temporary path */
} dd_outfile;

/* Opens path (NULL or "-" = stdout). Returns 0, or -1 with a message on stderr. */
int dd_outfile_open(dd_outfile *o, const char *path);
/* Flushes and, for a file, renames it into place. ok = 0 discards it.
 * Returns 0, or -1 (message on stderr) when the output could not be written. */
int dd_outfile_close(dd_outfile *o, int ok);

/* ==== options (opts.c) ==== */

/* The one command-line option parser every command uses.
 *
 * Each command names the options it accepts; any other is a usage error
 * (exit 2) that says which command rejected it. */

enum {
	DD_OPT_TO = 1 << 0,       /* --to FMT */
	DD_OPT_SERVICE = 1 << 1,  /* --service NAME */
	DD_OPT_COLOR = 1 << 2,    /* --color[=WHEN] */
	DD_OPT_PREFER = 1 << 3,   /* --prefer A,B */
	DD_OPT_LABEL = 1 << 4,    /* --label NAME=PATH (repeatable) */
	DD_OPT_REFERENCE = 1 << 5, /* --reference FILE|iana (repeatable) */
	DD_OPT_LAYOUT = 1 << 6,   /* --style grid|simple, --width N */
	DD_OPT_MERGE = 1 << 7,    /* --names iana|docs, --all-codes, --min-support K */
};
/* Every command also takes --format, -o/--output, -j/--jobs, -v/--verbose, -h/--help. */

typedef struct dd_opts {
	dd_walk_opts walk;
	const char *to, *service, *output, *color;
	const char **prefer;
	size_t nprefer;
	dd_label_opt *labels;
	size_t nlabels, labcap;
	/* --reference FILE|iana, in order (the first that has a field wins);
	 * a config file may add to the list too */
	const char **refs;
	size_t nrefs, refcap;
	const char *style;    /* --style grid|simple, or NULL: the inputs' */
	unsigned width;       /* --width N: wrap description columns at N; 0 never */
	const char *names;    /* --names iana|docs, or NULL (docs) */
	unsigned min_support; /* --min-support K (0: half the documents); --all-codes is 1 */
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

/* ==== the commands ==== */

/* Each takes argv as getopt sees it (argv[0] is the command word) and
 * returns an exit status: 0 same, 1 differences (diff only), 2 trouble.
 * The caller has run dd_parsers_init(). */
int dd_cmd_extract(int argc, char **argv);
int dd_cmd_tables(int argc, char **argv);
int dd_cmd_diff(int argc, char **argv);
int dd_cmd_merge(int argc, char **argv);

/* The usage text of `docdrift --help`, which every command's -h prints too. */
extern const char dd_usage_text[];

/* The help of diff and merge. */
extern const char dd_reconcile_help[];

/* A command that reconciles its inputs and writes one result (diff, merge). */
typedef struct dd_recon_cmd {
	unsigned allowed;    /* DD_OPT_* it takes */
	const char *help;
	/* After the options are parsed: checks them (--to); 0, or -1 after a
	 * usage error. */
	int (*setup)(struct dd_recon_cmd *c, const dd_opts *o);
	/* Writes the result of r to out, spilling to fp as it grows; returns the
	 * exit status. */
	int (*write)(struct dd_recon_cmd *c, const dd_opts *o, const dd_recon *r, dd_buf *out,
	             FILE *fp);
	int to;              /* the command's own reading of --to */
} dd_recon_cmd;

/* Parses the options, loads every input's records, reconciles them and has
 * c write the result; the output file is created only once there is
 * something to write. Returns the exit status (2 on any error). */
int dd_recon_cmd_run(dd_recon_cmd *c, int argc, char **argv);

#endif
