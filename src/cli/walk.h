/* pipeline.h - walk the inputs (files, directories, stdin), load and parse
 * each document once, and hand it to a command in two steps.
 *
 * Files are parsed by up to `jobs` threads: the command's work step runs on
 * any of them and turns one parsed document into a result (its own memory,
 * its own diagnostics); the take step runs on the calling thread, once per
 * file, in input order. So output and diagnostics are the same bytes
 * whatever the number of threads. */
#ifndef DD_PIPELINE_H
#define DD_PIPELINE_H

#include "core/core.h"
#include "parsers/parser.h"

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

#endif
