/* diag.h - diagnostics: `file:line:col: severity: message [DD-NNN]`.
 *
 * Codes are stable and never reused; doc/diagnostics.md lists them all.
 * Ranges: 001-099 input and command line, 100-199 RST, 200-299 Markdown,
 * 300-399 HTML, 400-499 record extraction, 500-599 reconcile/diff.
 * Numbers 4 and 301 were never issued. */
#ifndef DD_DIAG_H
#define DD_DIAG_H

#include <stddef.h>
#include <stdio.h>

#include "util.h"

typedef enum dd_severity { DD_NOTE, DD_WARNING, DD_ERROR } dd_severity;

enum dd_code {
	/* input */
	DD_E_READ = 1,          /* cannot open or read a file */
	DD_E_UTF8 = 2,          /* invalid UTF-8 */
	DD_W_NO_TABLE = 3,      /* file named on the command line has no status-code table */
	DD_E_TOO_BIG = 5,       /* a hard limit was exceeded */
	DD_N_SKIPPED = 6,       /* -v: file met while recursing had no status-code table */
	DD_E_NO_RECORDS = 7,    /* diff/merge: no input had a status-code table */
	DD_E_OUTPUT = 8,        /* the output file cannot be created or written */
	/* RST 100-199 */
	DD_E_GRID_RAGGED = 101,     /* grid table line of the wrong length / misaligned */
	DD_E_GRID_BORDER = 102,     /* missing or malformed +---+ border */
	DD_E_GRID_CELL = 103,       /* cell not closed / does not form a rectangle */
	DD_E_GRID_HEADER = 104,     /* more than one +===+ header separator, or misplaced */
	DD_N_GRID_FLAT = 110,       /* table recovered from a flattened layout */
	DD_E_GRID_FLAT = 111,       /* flattened table could not be recovered */
	DD_E_SIMPLE_TABLE = 120,    /* malformed simple table */
	/* Markdown 200-299 */
	DD_N_MD_CHROME = 201,       /* trailing page-chrome rows dropped from a pipe table */
	DD_E_MD_TABLE = 202,        /* malformed pipe table */
	/* HTML 300-399 */
	DD_E_HTML_UNCLOSED = 302,   /* <table> never closed */
	DD_W_HTML_SPAN = 303,       /* rowspan/colspan out of range, clipped */
	DD_E_HTML_DEPTH = 304,      /* tables or elements nested deeper than the limit */
	DD_W_HTML_CHAR = 305,       /* a character HTML cannot carry, dropped by libxml2 */
	/* records 400-499 */
	DD_N_COLUMN_ROLE = 401,     /* ambiguous header resolved by content/position */
	DD_W_BAD_KEY = 402,         /* a row of a status-code table whose key is not a code */
	DD_W_DUP_KEY = 403,         /* the same code twice in one table */
	DD_N_TABLE_SKIPPED = 404,   /* -v: a table that is not a status-code table, and why */
	DD_N_HEADER_DATA = 405,     /* a header row holding a status code, read as a data row */
	DD_N_SPAN_ROLES = 406,      /* a cell spanning the name and description columns, read once */
	DD_W_KEY_TEXT = 407,        /* text after the code in the key cell differs from the name cell */
	/* reconcile 500-599 */
	DD_E_LABEL = 501,           /* bad --label */
	DD_W_PREFER = 502,          /* --prefer names no variant */
};

/* Collects one file's diagnostics in a buffer so output order is
 * deterministic whatever order files are processed in; dd_diag_flush() writes
 * them out. */
typedef struct dd_diag_sink {
	FILE *out;
	dd_buf buf;
	unsigned nerrors, nwarnings, nnotes;
	int verbose;
} dd_diag_sink;

struct dd_source;

void dd_diag_init(dd_diag_sink *d, FILE *out);
/* src may be NULL (then only the name is printed, or nothing); off is a byte
 * offset into src->text, or (size_t)-1 for "no position". */
void dd_diag(dd_diag_sink *d, struct dd_source *src, size_t off, dd_severity sev,
             int code, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* Same, for a file that has a name but no loaded text. */
void dd_vdiag(dd_diag_sink *d, struct dd_source *src, size_t off, dd_severity sev, int code,
              const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
void dd_diag_file(dd_diag_sink *d, const char *name, dd_severity sev, int code,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
void dd_diag_flush(dd_diag_sink *d);
/* Appends from's messages and counts to into (from is left as it was). */
void dd_diag_append(dd_diag_sink *into, const dd_diag_sink *from);
void dd_diag_free(dd_diag_sink *d);

#endif
