/* support.h - what several unit tests need: a document parsed in memory,
 * a cell's paragraph, a file's bytes. */
#ifndef DD_TEST_SUPPORT_H
#define DD_TEST_SUPPORT_H

#include <stddef.h>

#include "core/core.h"
#include "parsers/parser.h"

typedef struct ts_parsed {
	dd_source src;
	dd_doc doc;
	dd_diag_sink diags;  /* kept in memory: diags.buf holds the messages */
	int rc;              /* the parser's return value */
	double secs;         /* CPU seconds the parse took */
} ts_parsed;

/* Parses text[0..n), named name, with parser (aborts on invalid UTF-8). */
void ts_parse(ts_parsed *p, const dd_parser *parser, const char *name, const char *text,
              size_t n);
void ts_parsed_free(ts_parsed *p);
/* Paragraph k of cell (r, c) of table t, or NULL when there is none. */
const char *ts_para(const ts_parsed *p, unsigned t, unsigned r, unsigned c, unsigned k);
/* The bytes of the file at path, NUL-terminated (dd_buf memory: free()),
 * their count in *n; NULL when it cannot be read. */
char *ts_slurp(const char *path, size_t *n);
/* CPU seconds a timed check may take: base times DD_CPU_SCALE from the
 * environment (the valgrind test setup sets it), default 1. */
double ts_cpu_bound(double base);

#endif
