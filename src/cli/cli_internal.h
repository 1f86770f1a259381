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
#include "gate/gate.h"
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
	int every_page;           /* parse every document (tables: each page's id); else one
	                           * no parser can find a table in is not parsed
	                           * (dd_may_hold_table; DD_PREFILTER=0 never skips,
	                           * DD_PREFILTER=1 skips for every command) */
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
 * `-o FILE` writes to a temporary file beside FILE (.docdrift-XXXXXX) and
 * renames it over FILE only when the command finished writing; a failed or
 * interrupted run (SIGINT, SIGTERM, SIGHUP, out of memory) leaves no partial
 * output file. A FILE that exists and is not a regular file -- a device, a
 * FIFO, a symlink such as /dev/stdout -- is written in place instead.
 * Without -o, standard output is used as is. */

typedef struct dd_outfile {
	FILE *fp;        /* write here */
	char *path;      /* final path, NULL for stdout */
	char *tmp;       /* temporary path, NULL when writing in place */
	int slot;        /* tmp's dd_cleanup slot, or -1 */
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
	DD_OPT_CONFIG = 1 << 5,   /* --config FILE, --no-config; PATH... may come from it */
	DD_OPT_FILTER = 1 << 6,   /* --only CLASSES, --ignore CLASSES */
	DD_OPT_GATE = 1 << 7,     /* --baseline FILE, --no-baseline, --fail-on LEVEL, --strict */
	DD_OPT_UPDATE = 1 << 8,   /* --update, --accept-new */
	DD_OPT_OUTPUTS = 1 << 9,  /* --to FMT=FILE (repeatable), --sarif-include-accepted */
	DD_OPT_REFERENCE = 1 << 10, /* --reference FILE|iana (repeatable) */
	DD_OPT_LAYOUT = 1 << 11,  /* --style grid|simple, --width N (wrap RST cells) */
	DD_OPT_MERGE = 1 << 12,   /* --names iana|docs, --all-codes, --min-support K */
	DD_OPT_WIDTH = 1 << 13,   /* --width N: the text report's width */
	DD_OPT_REPORT = 1 << 14,  /* --matrix, -q, --code LIST, --variant GLOB */
	DD_OPT_KIND = 1 << 15,   /* --kind status|error|all */
	DD_OPT_FAMILY = 1 << 16, /* --pair, --group page|path|none */
};
/* Every command also takes --format, -o/--output, -j/--jobs, -v/--verbose, -h/--help. */

/* --to FMT=FILE: a report written to a file besides the main output. */
typedef struct dd_out_opt {
	const char *fmt, *path;
} dd_out_opt;

typedef struct dd_opts {
	dd_walk_opts walk;
	const char *to, *service, *output, *color;
	const char *config, *baseline, *fail_on, *only, *ignore;
	int no_config, no_baseline, strict, update, accept_new, sarif_accepted;
	dd_out_opt *outs;
	size_t nouts, outcap;
	const char **prefer;
	size_t nprefer;
	dd_label_opt *labels;
	size_t nlabels, labcap;
	/* --reference FILE|iana, in order (the first that has a field wins);
	 * a config file may add to the list too */
	const char **refs;
	size_t nrefs, refcap;
	const char *style;    /* --style grid|simple, or NULL: the inputs' */
	unsigned width;       /* --width N: merge/extract: wrap description columns at N (0
	                       * never); diff/check: the text report's width (0: the
	                       * terminal's, or 80) */
	int quiet, matrix;    /* -q: summary and scorecard only; --matrix: always the matrix */
	/* --code LIST, --variant GLOB (comma-separated, repeatable): what the
	 * report is narrowed to */
	const char **codes, **variants;
	size_t ncodes, codecap, nvariants, varcap;
	const char *names;    /* --names iana|docs, or NULL (docs) */
	unsigned min_support; /* --min-support K (0: half the documents); --all-codes is 1 */
	unsigned kinds;       /* --kind: bit (1 << dd_kind) per kind read; 0: all */
	int pair;             /* --pair: every PATH is a root of copies */
	const char *group;    /* --group page|path|none, or NULL (--pair: path; else none) */
	dd_arena *arena;      /* owns the lists above */
} dd_opts;

/* Parses argv (argv[0] is the command word). help is printed for -h (exit 0).
 * Returns the index of the first path (argc when none: allowed only with
 * DD_OPT_CONFIG, whose inputs may come from the file), or -1 after printing
 * a usage error.
 * Call dd_opts_free() either way. */
int dd_opts_parse(dd_opts *o, int argc, char **argv, unsigned allowed, const char *help);
void dd_opts_free(dd_opts *o);

/* "docdrift: MESSAGE\nTry 'docdrift --help'." on stderr; returns 2. */
int dd_usage_error(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The DD-003 warning (explicit file) or DD-006 note (-v, met while recursing)
 * for a document with no table of the kinds read (--kind; 0: all). */
void dd_report_no_table(dd_diag_sink *diags, const dd_doc *doc, int explicit_arg, int verbose,
                        unsigned kinds);

/* ==== the configuration file (config.c) ==== */

/* Where a setting came from: file:line, or nowhere (file NULL: the
 * default; line 0 with a file: the command line). */
typedef struct dd_origin {
	const char *file;
	unsigned line;
} dd_origin;

typedef struct dd_cfg_input {
	const char *path;       /* relative to the working directory */
	dd_origin at;
} dd_cfg_input;

typedef struct dd_cfg_label {
	const char *name, *glob;  /* glob relative to the working directory */
	dd_origin at;
} dd_cfg_label;

/* [group NAME]: a family of copies, the documents its globs match. */
typedef struct dd_cfg_group {
	const char *name;
	const char **globs;       /* relative to the working directory */
	size_t nglobs;
	dd_origin at;
} dd_cfg_group;

/* .docdrift.ini as read (doc/config.md). Paths in it are relative to the
 * file; here they are made relative to the working directory. */
typedef struct dd_config {
	dd_arena *arena;
	const char *path;          /* the file read, or NULL (none found, --no-config) */
	int explicit_path;         /* named by --config */
	const char *dir;           /* its directory, as a path from the working directory */
	const char *idprefix;      /* that directory as an identity ("" at the root) */
	dd_source src;             /* its text, for diagnostics at a line */
	int has_src;
	dd_diag_sink *diags;
	dd_cfg_input *inputs;
	size_t ninputs, inputcap;
	const char *baseline;
	dd_origin baseline_at;
	dd_level fail_on;
	dd_origin fail_on_at;
	const char **prefer;
	size_t nprefer;
	dd_origin prefer_at;
	const char **refs;       /* reference = FILE, iana, ...: paths relative to the file */
	size_t nrefs;
	dd_origin refs_at;
	unsigned ignore_classes, only_classes;   /* bit per class */
	dd_origin ignore_at, only_at;
	const char **ignore_codes;
	size_t nignore_codes;
	dd_origin ignore_codes_at;
	dd_cfg_label *labels;
	size_t nlabels, labelcap;
	dd_level level[DD_CLASS_COUNT];
	dd_origin level_at[DD_CLASS_COUNT];     /* line 0: not set */
	dd_suppression *supp;
	size_t nsupp, suppcap;
	dd_cfg_group *groups;
	size_t ngroups, groupcap;
	const char *group_mode;   /* group = page|path|none, or NULL */
	dd_origin group_mode_at;
} dd_config;

void dd_config_init(dd_config *c);
void dd_config_free(dd_config *c);
/* Reads path, or (NULL) the .docdrift.ini found from the working directory
 * up to the repository root (the directory holding .git; without one, the
 * working directory only). Returns 0 (also when none is found), or -1
 * after reporting every error at file:line (DD-602). */
int dd_config_load(dd_config *c, const char *path, dd_diag_sink *diags);
/* The config's inputs with their globs expanded (sorted); -1 after a
 * DD-605 error for a glob that matches nothing. */
int dd_config_expand_inputs(dd_config *c, dd_arena *a, const char ***paths, size_t *n);
/* A diagnostic at line of the config file (0: no line). */
void dd_config_diag(dd_config *c, unsigned line, dd_severity sev, int code, const char *fmt, ...)
	__attribute__((format(printf, 5, 6)));

/* ==== a run: options, configuration and policy together (run.c) ==== */

typedef struct dd_run {
	dd_opts o;
	int first;                 /* argv index of the first path */
	dd_config cfg;
	dd_policy policy;
	char *root;                /* identity root (malloc'd) */
	const char **paths;        /* the inputs: PATH... or the config's */
	size_t npaths;
	const char *baseline_path; /* --baseline, the config's, or the default */
	dd_origin baseline_at;     /* where baseline_path came from */
	dd_origin fail_on_at;
	dd_diag_sink diags;
} dd_run;

#define DD_BASELINE_DEFAULT "docdrift-baseline.json"

/* Parses the options, reads the configuration and settles the policy, the
 * inputs and the baseline path (command line over file over defaults).
 * Returns 0, or 2 after a usage error or a configuration error. need_inputs:
 * no input at all is a usage error. Call dd_run_free() either way. */
int dd_run_setup(dd_run *run, int argc, char **argv, unsigned allowed, const char *help,
                 int need_inputs);
void dd_run_free(dd_run *run);
/* The [labels] of the configuration resolved against the documents read
 * (a glob naming no document, or several, is a DD-604 error: -1); --label
 * on the command line wins for its document. */
int dd_run_labels(dd_run *run, const dd_records *rs);
/* DD-603 warnings for suppressions of the configuration that matched nothing. */
void dd_run_unused_suppressions(dd_run *run, const dd_gate *g);
/* DD-540 warnings for --code and --variant globs that match no code or
 * variant of any of rv[0..nr) (before they are filtered). */
void dd_run_unused_narrowing(dd_run *run, const dd_recon *const *rv, size_t nr);

/* s without "./" components and doubled slashes, in a. */
const char *dd_tidy_path(dd_arena *a, const char *s);

/* ==== families of copies (family.c) ==== */

/* A document the run read, with or without a table. */
typedef struct dd_fam_doc {
	const char *file;          /* as read (its records' file) */
	unsigned root;             /* index of the PATH it was found under */
	const char *rel;           /* its path under that root */
	const char *page, *service;
	size_t first, nrecs;       /* its records in the run's records */
	const char *label;         /* derived for its family, or NULL (the usual labels) */
} dd_fam_doc;

typedef struct dd_family {
	const char *name;          /* "api-ref/errors.rst", "page elb_01", a [group]'s; NULL: none */
	size_t *docs;              /* indexes into dd_families.docs, input order */
	size_t ndocs;
} dd_family;

typedef struct dd_lone {
	size_t doc;
	const char *why;           /* "no document at this path or with its page id under swiss" */
} dd_lone;

typedef struct dd_families {
	dd_arena *arena;
	dd_fam_doc *docs;          /* every document read, in input order */
	size_t ndocs, doccap;
	const char **root_names;   /* per PATH: a --label NAME=PATH, else its base name */
	size_t nroots;
	const char *grouping;      /* "path", "page", "config", or NULL: one family, no grouping */
	dd_family *fam;
	size_t nfam;
	dd_lone *lone;             /* documents with a table that found no copy */
	size_t nlone;
} dd_families;

/* Groups F's documents (filled by the caller) into families as --pair,
 * --group and the [group] sections say, and labels them. Returns 0, or -1
 * after a DD-606 error (two roots with one name). */
int dd_families_build(dd_families *F, const dd_run *run, dd_diag_sink *diags);
/* file's path under root (a file given as the root itself: its base name). */
const char *dd_fam_rel(const char *root, const char *file);

/* One reconciliation of a run: the records of one kind of one family. */
typedef struct dd_section {
	size_t fam;                /* index in dd_families.fam */
	dd_kind kind;
	dd_records view;           /* its records (copies of the run's; strings shared) */
	dd_recon r;
	size_t *present;           /* the family's documents with a table of this kind */
	size_t npresent;
	size_t *absent;            /* (with families) its documents with none */
	size_t nabsent;
	unsigned var_base;         /* where its variants and codes start in the whole */
	size_t code_base;
} dd_section;

typedef struct dd_sections {
	dd_families fams;
	dd_section *v;
	size_t n;
	dd_recon all;              /* the sections concatenated, when n > 1 */
	const dd_recon *whole;     /* &all, or the one section's */
	/* the report has more than one part: several sections, or families */
	int multi;
} dd_sections;

/* Makes S's sections from the run's records rs (S->fams built) and
 * reconciles each; -1 after an error (a bad --label). The sections copy the
 * records, and rs's array is freed (rs->n is 0 after; its arena, which
 * holds their strings, stays). */
int dd_sections_reconcile(dd_sections *S, dd_run *run, dd_records *rs,
                          const dd_reference *refs);
/* Sets S->whole: the one section, or all of them concatenated. */
void dd_sections_join(dd_sections *S);
void dd_sections_free(dd_sections *S);
/* 1 when a family differs, a document lacks a kind of table the rest of
 * its family has, or a document is in one root only. */
int dd_sections_differ(const dd_sections *S);
/* diff's text report of a run of several parts: each under its family's
 * heading, written by dd_report_text, then the documents in one root only. */
struct dd_report_opts;
void dd_sections_text(const dd_sections *S, const dd_gate *g, const struct dd_report_opts *ro,
                      dd_buf *out, FILE *spill);
/* The flat findings of every part (csv: one header row), and one HTML
 * page with a part per section. */
void dd_sections_flat(const dd_sections *S, const dd_gate *g, const struct dd_report_opts *ro,
                      int csv, dd_buf *out, FILE *spill);
void dd_sections_html(const dd_sections *S, const dd_gate *g, dd_buf *out, FILE *spill);
/* diff's and check's JSON report of such a run (dd_report_json_run). */
void dd_sections_json(const dd_sections *S, const dd_gate *g, const struct dd_report_opts *ro,
                      dd_buf *out, FILE *spill);

/* ==== the commands ==== */

/* Each takes argv as getopt sees it (argv[0] is the command word) and
 * returns an exit status: 0 same, 1 differences (diff only), 2 trouble.
 * The caller has run dd_parsers_init(). */
int dd_cmd_extract(int argc, char **argv);
int dd_cmd_tables(int argc, char **argv);
int dd_cmd_diff(int argc, char **argv);
int dd_cmd_merge(int argc, char **argv);
int dd_cmd_check(int argc, char **argv);
int dd_cmd_baseline(int argc, char **argv);
int dd_cmd_config(int argc, char **argv);

/* The usage text of `docdrift --help`, which every command's -h prints too. */
extern const char dd_usage_text[];

/* The help of diff and merge. */
extern const char dd_reconcile_help[];

/* A command that reconciles its inputs and writes its result (diff, merge,
 * check, baseline): a main output (--to FMT, -o FILE) and, with
 * DD_OPT_OUTPUTS, more (--to FMT=FILE), all written atomically together. */
typedef struct dd_recon_cmd {
	unsigned allowed;    /* DD_OPT_* it takes */
	const char *help;
	int gate;            /* filter by the policy and build the gate */
	int baseline;        /* compare with the baseline (check) */
	const char *default_to;  /* the main output's format without --to */
	/* The format code of --to name, or -1 after a usage error. */
	int (*format)(const char *name);
	/* After the options are parsed: 0, or -1 after a usage error. May be NULL. */
	int (*setup)(struct dd_recon_cmd *c, dd_run *run);
	/* Writes r as format fmt to out, spilling to fp as it grows. path: the
	 * output file (NULL: standard output). g: the gate when c->gate. */
	void (*write)(struct dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g,
	              int fmt, const char *path, dd_buf *out, FILE *fp);
	/* The exit status once everything is written. */
	int (*status)(struct dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g);
	/* The main output's path when there is no -o (NULL: standard output). */
	const char *default_output;
	dd_baseline base;    /* the baseline read (c->baseline) */
	const dd_sections *secs;  /* the run's parts, for writers that report them apart */
	int failed;          /* set by write: the output cannot be made (nothing is kept) */
} dd_recon_cmd;

/* The report format of --to name for diff and check (dd_report_format), or
 * -1 after a usage error. */
int dd_report_format_of(const char *name);
/* The write step of diff and check: text (check's own with c->baseline),
 * json, sarif, github (and the job summary), markdown. */
void dd_write_report(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g, int fmt,
                     const char *path, dd_buf *out, FILE *fp);

/* Sets up the run, loads every input's records, reconciles them, filters
 * and gates them (c->gate) and has c write every output; output files are
 * created only once there is something to write, and renamed into place
 * only when all of them were written. Returns the exit status (2 on any
 * error). */
int dd_recon_cmd_run(dd_recon_cmd *c, int argc, char **argv);

#endif
