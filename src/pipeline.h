/* pipeline.h - walk the inputs (files, directories, stdin), load and parse
 * each document once, and hand it to a command's per-document step. */
#ifndef DD_PIPELINE_H
#define DD_PIPELINE_H

#include "diag.h"
#include "model.h"
#include "parser.h"

typedef struct dd_walk_opts {
	const dd_parser *parser;  /* --format, or NULL to sniff */
	int verbose;
} dd_walk_opts;

/* Called once per parsed document. explicit: the file was named on the
 * command line (not met while recursing). The document is freed after. */
typedef void (*dd_doc_fn)(void *ctx, dd_doc *doc, int explicit_arg, dd_diag_sink *diags);

/* Visits paths in order; directories are recursed in sorted order for files
 * ending in .rst .md .markdown .html .htm .txt (hidden entries skipped);
 * "-" is stdin. Diagnostics are flushed after each file. Returns the number
 * of files visited. */
size_t dd_walk(char *const *paths, int npaths, const dd_walk_opts *o, dd_doc_fn fn,
               void *ctx, dd_diag_sink *diags);

#endif
