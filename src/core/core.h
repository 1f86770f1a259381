/* core.h - what every stage of docdrift uses: memory and text helpers,
 * input documents, diagnostics and the two data models (tables, records).
 *
 * The four parts are implemented in util.c, source.c, diag.c and model.c. */
#ifndef DD_CORE_H
#define DD_CORE_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

/* ==== memory and text (util.c) ==== */

/* Memory model: a document owns one arena; everything a parser or the record
 * stage produces for that document lives in it, so one dd_arena_free()
 * releases all of it. Allocation failure is fatal (like cmark): a tool that
 * reads text tables has no useful way to continue without memory. */

typedef struct dd_arena dd_arena;

dd_arena *dd_arena_new(void);
/* An arena whose chunks are `chunk` bytes: small for memory that is kept
 * per file, where a half-used 64 KiB chunk per file would add up. */
dd_arena *dd_arena_new_sized(size_t chunk);
/* Releases every allocation made from the arena. dd_arena_free(NULL) is a no-op. */
void dd_arena_free(dd_arena *a);
/* Moves every allocation of b into a (they now live as long as a) and
 * frees b itself. */
void dd_arena_adopt(dd_arena *a, dd_arena *b);
/* Zeroed, max_align_t-aligned memory that lives as long as the arena. */
void *dd_arena_alloc(dd_arena *a, size_t size);
/* Copies s[0..n) and NUL-terminates it. */
char *dd_arena_strndup(dd_arena *a, const char *s, size_t n);
char *dd_arena_strdup(dd_arena *a, const char *s);
/* Grows an arena array of *cap elements of size elsize to hold at least need
 * elements (doubling); returns the possibly moved array. Old storage stays in
 * the arena until it is freed: amortised O(1) per push, at most 2x space. */
void *dd_arena_grow(dd_arena *a, void *arr, size_t elsize, size_t len,
                    size_t *cap, size_t need);
/* Makes room for element len of an arena array holding len elements whose
 * capacity is implicit (the least power of two >= len, at least 8), so the
 * structs that hold such arrays carry no capacity field. Shrinking len is
 * safe: the implicit capacity is then below the real one. */
void *dd_arena_push(dd_arena *a, void *arr, size_t elsize, size_t len);

/* malloc, calloc and realloc that never return NULL: out of memory is fatal
 * (dd_fatal_oom). A zero size is allocated as one byte. */
void *dd_xmalloc(size_t n);
void *dd_xcalloc(size_t n, size_t size);
void *dd_xrealloc(void *p, size_t n);
char *dd_xstrdup(const char *s);
/* Makes room for one more element in a realloc'd array arr of cap elements
 * holding len: doubles cap (from 16) when full. */
#define DD_GROW(arr, len, cap) \
	do { \
		if ((len) == (cap)) { \
			(cap) = (cap) ? (cap) * 2 : 16; \
			(arr) = dd_xrealloc((arr), (size_t)(cap) * sizeof *(arr)); \
		} \
	} while (0)

/* Work spread over threads (parallel.c): fn(ctx, worker, i) for every item
 * i in 0..n-1, each once, in no set order, on up to nthreads threads (the
 * calling one is worker 0; the rest are 1..nthreads-1); returns when all
 * are done. Whatever a worker makes must go where only it writes (its
 * item's slot, its worker's scratch) for the result not to depend on which
 * thread did what. */
typedef void (*dd_task_fn)(void *ctx, unsigned worker, size_t i);
void dd_parallel_for(size_t n, unsigned nthreads, dd_task_fn fn, void *ctx);

/* Growable byte buffer, always NUL-terminated once anything was put. */
typedef struct dd_buf {
	char *ptr;
	size_t len, cap;
} dd_buf;

#define DD_BUF_INIT {NULL, 0, 0}
void dd_buf_grow(dd_buf *b, size_t extra);
void dd_buf_put(dd_buf *b, const char *s, size_t n);
void dd_buf_puts(dd_buf *b, const char *s);
void dd_buf_putc(dd_buf *b, int c);
void dd_buf_printf(dd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void dd_buf_vprintf(dd_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void dd_buf_reset(dd_buf *b);
void dd_buf_free(dd_buf *b);

/* Appends s[0..n) to b with every run of whitespace (space, tab, newline, CR,
 * FF, VT, NBSP U+00A0) turned into one space, no leading space in b and the
 * trailing space left pending: call with the same *pending_space across
 * pieces of one paragraph, start with *pending_space = 0. */
void dd_buf_put_collapsed(dd_buf *b, const char *s, size_t n, int *pending_space);

/* A streaming JSON writer (json_out.c): each call appends its value to a
 * dd_buf as it is made, and the bytes are exactly those jansson's
 * json_dumps() gives for the same tree with JSON_PRESERVE_ORDER and the same
 * layout flags (tests/unit/test_json.c compares the two), so a large report
 * costs no tree and no whole-document string. Strings are UTF-8: an invalid
 * byte is written as U+FFFD (jansson refuses such a string). Every value call
 * takes the member's key inside an object and NULL inside an array or at the
 * top; a NULL string writes nothing at all, key included, as
 * json_object_set_new(o, k, json_string(NULL)) adds nothing. */
#define DD_JSON_INDENT(n) ((unsigned)(n) & 0x1Fu) /* as JSON_INDENT(n) */
#define DD_JSON_COMPACT 0x20u                     /* as JSON_COMPACT */
#define DD_JSON_REAL_PRECISION(n) (((unsigned)(n) & 0x1Fu) << 11) /* 0: 17 digits */
typedef struct dd_json {
	dd_buf *out;
	unsigned flags;
	unsigned depth;          /* containers open, at most 64 */
	int empty;               /* the innermost open container has no member yet */
	unsigned long long arr;  /* bit d: the container at depth d+1 is an array */
} dd_json;

void dd_json_init(dd_json *w, dd_buf *out, unsigned flags);
void dd_json_str(dd_json *w, const char *key, const char *s);
void dd_json_strn(dd_json *w, const char *key, const char *s, size_t n);
void dd_json_int(dd_json *w, const char *key, long long v);
void dd_json_real(dd_json *w, const char *key, double v);
void dd_json_bool(dd_json *w, const char *key, int v);
void dd_json_null(dd_json *w, const char *key);
/* Open an object / array (as a member named key), and close the innermost. */
void dd_json_obj(dd_json *w, const char *key);
void dd_json_arr(dd_json *w, const char *key);
void dd_json_end(dd_json *w);
/* Appends s[0..n) to b as a JSON string literal, quotes included. */
void dd_json_put_string(dd_buf *b, const char *s, size_t n);

/* 1 when s[0..n) is well-formed UTF-8; else 0 and *bad = offset of the first bad byte. */
int dd_utf8_valid(const char *s, size_t n, size_t *bad);
/* Number of code points in s[0..n) (counts lead bytes; s assumed valid). */
size_t dd_utf8_count(const char *s, size_t n);

static inline int dd_ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}
/* 1 when s[0..n) begins with w (lower-case ASCII), case-insensitively. */
int dd_prefix_ci(const char *s, size_t n, const char *w);
static inline int dd_is_space(int c) {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

/* "docdrift: error: out of memory" on stderr, the dd_cleanup paths removed,
 * exit status 2 (not a core dump). Async-signal-safe: any thread may call it. */
void dd_fatal_oom(void) __attribute__((noreturn));
/* A broken assumption about a library; never input-dependent. Removes the
 * dd_cleanup paths, then aborts. */
void dd_fatal(const char *what) __attribute__((noreturn));

/* Files the process removes when it dies early -- out of memory, an
 * internal error, or a signal the CLI catches (temporary output files). */
#define DD_CLEANUP_MAX 16
/* Registers a copy of path; returns its slot, or -1 when the table is full
 * or the path too long. Call from one thread. */
int dd_cleanup_add(const char *path);
/* Forgets slot (-1 is ignored); the file is kept. */
void dd_cleanup_remove(int slot);
/* Unlinks every registered path and forgets it. Async-signal-safe. */
void dd_cleanup_run(void);

/* ==== input documents (source.c) ==== */

/* One input document: its bytes, its name and a line map.
 *
 * The loader strips a UTF-8 BOM, turns CRLF and lone CR into LF and checks
 * UTF-8, so parsers see clean LF text. Offsets everywhere are into that text;
 * since only line ends change, line:col computed on it equal line:col in the
 * file as an editor shows it. Columns count characters (code points), 1-based. */

typedef struct dd_source {
	const char *name;   /* path as given on the command line, "<stdin>" for - */
	char *text;         /* normalised text, NUL-terminated, owned */
	size_t len;
	size_t *lines;      /* start offset of each line, built on first position query */
	size_t nlines;
	/* Last position answered: positions on one long line (a flattened table)
	 * are asked in increasing order, so counting resumes from here. */
	size_t last_off, last_line, last_col;
	int had_bom, had_crlf;
} dd_source;

struct dd_diag_sink;

/* The most bytes read from one input: far above any documentation page,
 * and what bounds an endless input (/dev/zero, a device) or a mistaken
 * multi-gigabyte file. Over it: DD-005, the file is not read. */
#define DD_MAX_INPUT_BYTES (256u << 20)

/* Reads path ("-" = stdin) into src. On failure reports DD_E_READ,
 * DD_E_TOO_BIG or DD_E_UTF8 to diags and returns -1 (src is then empty but
 * safe to free). A control character in the text is read as U+FFFD, with a
 * DD_W_CONTROL warning. */
int dd_source_load(dd_source *src, const char *path, struct dd_diag_sink *diags);
/* Same normalisation over bytes in memory (copied). Returns -1 on bad UTF-8
 * (UTF-16 included). */
int dd_source_init_mem(dd_source *src, const char *name, const char *bytes, size_t n,
                       struct dd_diag_sink *diags);
void dd_source_free(dd_source *src);
/* 1-based line and column (in code points) of byte offset off. */
void dd_source_pos(dd_source *src, size_t off, unsigned *line, unsigned *col);

/* ==== diagnostics (diag.c) ==== */

/* Diagnostics: `file:line:col: severity: message [DD-NNN]`.
 *
 * Codes are stable and never reused; doc/diagnostics.md lists them all.
 * Ranges: 001-099 input and command line, 100-199 RST, 200-299 Markdown,
 * 300-399 HTML, 400-499 record extraction, 500-599 reconcile/diff,
 * 600-699 gating (baseline, configuration, suppressions).
 * Numbers 4 and 301 were never issued. */

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
	DD_W_CONTROL = 9,       /* a control character (NUL, ESC...) in the input, read as U+FFFD */
	/* RST 100-199 */
	DD_E_GRID_RAGGED = 101,     /* grid table line of the wrong length / misaligned */
	DD_E_GRID_BORDER = 102,     /* missing or malformed +---+ border */
	DD_E_GRID_CELL = 103,       /* cell not closed / does not form a rectangle */
	DD_E_GRID_HEADER = 104,     /* more than one +===+ header separator, or misplaced */
	DD_W_GRID_AFTER = 105,      /* a grid table followed by a line without a blank line */
	DD_W_GRID_PIPE = 106,       /* a '|' by a column boundary, read as text of a spanning cell */
	DD_N_GRID_FLAT = 110,       /* table recovered from a flattened layout */
	DD_E_GRID_FLAT = 111,       /* flattened table could not be recovered */
	DD_E_SIMPLE_TABLE = 120,    /* malformed simple table */
	DD_E_LIST_TABLE = 130,      /* malformed list-table directive */
	DD_E_CSV_TABLE = 131,       /* malformed csv-table directive (options, quoting, rows) */
	DD_W_CSV_FILE = 132,        /* csv-table :file: that cannot be read, or :url: (not fetched) */
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
	DD_E_REFERENCE = 520,       /* a --reference that cannot be used (no records) */
	DD_E_JSON_RECORDS = 521,    /* a JSON file of records that is not one (bad syntax, a bad record) */
	DD_N_MERGE_LEFT_OUT = 530,  /* merge: a code too few documents have, left out */
	DD_N_MERGE_UNCHOSEN = 531,  /* merge: fields no majority decided, written from the first document */
	DD_W_NARROW_UNUSED = 540,   /* diff --code / --variant: a glob that matches nothing */
	/* gating 600-699 */
	DD_E_BASELINE = 601,        /* the baseline file is missing or malformed */
	DD_E_CONFIG = 602,          /* the configuration file is malformed (syntax, key, value) */
	DD_W_SUPPRESS_UNUSED = 603, /* a suppression matched no finding */
	DD_E_CONFIG_LABEL = 604,    /* a [labels] glob matches no input, or several */
	DD_E_CONFIG_INPUT = 605,    /* an input of the configuration matches no file */
	DD_E_FAMILY = 606,          /* --pair roots or a [group NAME] that cannot be used */
};

/* Warnings and notes of one code: how many, and how many were not shown. */
typedef struct dd_diag_count {
	int code;
	dd_severity sev;
	unsigned n, held;
} dd_diag_count;

/* Collects one file's diagnostics in a buffer so output order is
 * deterministic whatever order files are processed in; dd_diag_flush() writes
 * them out.
 *
 * Errors, and warnings about how a document's tables are written or about
 * the command line, are always written. Without verbose, the others (every
 * note, the record stage's warnings about how cells were read as status
 * codes, DD-305) are only counted (dd_diag_held()), and dd_diag_summary()
 * gives their count by code once at the end of the run. */
typedef struct dd_diag_sink {
	FILE *out;
	dd_buf buf;
	unsigned nerrors, nwarnings, nnotes;
	int verbose;
	dd_diag_count *counts;    /* warnings and notes by code, in first-seen order */
	size_t ncounts, capcounts;
} dd_diag_sink;

void dd_diag_init(dd_diag_sink *d, FILE *out);
/* src may be NULL (then only the name is printed, or nothing); off is a byte
 * offset into src->text, or (size_t)-1 for "no position". */
void dd_diag(dd_diag_sink *d, struct dd_source *src, size_t off, dd_severity sev,
             int code, const char *fmt, ...) __attribute__((format(printf, 6, 7)));
/* dd_diag with a va_list. */
void dd_vdiag(dd_diag_sink *d, struct dd_source *src, size_t off, dd_severity sev, int code,
              const char *fmt, va_list ap) __attribute__((format(printf, 6, 0)));
/* Same, for a file that has a name but no loaded text. */
void dd_diag_file(dd_diag_sink *d, const char *name, dd_severity sev, int code,
                  const char *fmt, ...) __attribute__((format(printf, 5, 6)));
/* Same, at a position already known as line:col (a record's provenance). */
void dd_diag_at(dd_diag_sink *d, const char *name, unsigned line, unsigned col, dd_severity sev,
                int code, const char *fmt, ...) __attribute__((format(printf, 7, 8)));
void dd_diag_flush(dd_diag_sink *d);
/* Appends a file name as diagnostics and reports print it: as it is, or,
 * when it holds a control character (a newline would break the line), a
 * byte that is not UTF-8 or starts with `"`, in double quotes with C
 * escapes ("a\nb.md"; `"` and `\` escaped too). */
void dd_diag_put_name(dd_buf *b, const char *name);
/* Appends from's messages and counts to into (from is left as it was). */
void dd_diag_append(dd_diag_sink *into, const dd_diag_sink *from);
/* 1 when a diagnostic of this severity and code is only counted without
 * verbose: not about how a document's tables are written. */
int dd_diag_held(dd_severity sev, int code);
/* Writes to d->out, at the end of a run, the warnings and notes by code:
 * without verbose those not shown (nothing when none was held back), with
 * it all of them. */
void dd_diag_summary(dd_diag_sink *d);
void dd_diag_free(dd_diag_sink *d);

/* ==== the data model (model.c) ==== */

/* The two data models every part of docdrift shares.
 *
 * 1. What a parser produces (format-neutral tables): dd_doc -> dd_table ->
 *    dd_row -> dd_cell -> dd_para. A parser knows nothing of status codes; it
 *    turns bytes into rectangular tables of cells whose text is already plain
 *    (markup removed, whitespace collapsed) and carries byte offsets.
 * 2. What the record stage produces from those tables: dd_record, one per
 *    status code, with column roles resolved and provenance kept.
 *
 * All of it lives in the document's arena. */

/* One paragraph of a cell: plain UTF-8 text, NUL-terminated, no leading or
 * trailing space, no newline, runs of whitespace collapsed to one space. */
typedef struct dd_para {
	const char *text;
	size_t len;
	size_t off;     /* byte offset in the source where the paragraph starts */
} dd_para;

enum {
	DD_CELL_COVERED = 1  /* slot covered by a row/col span: paras mirror the origin cell */
};

typedef struct dd_cell {
	dd_para *paras;
	unsigned npara;
	size_t off;          /* offset of the first content byte, or the cell's start if empty */
	unsigned rowspan, colspan;  /* >= 1 on an origin cell */
	unsigned flags;
} dd_cell;

enum {
	/* The row's source line holds no cell delimiter: a syntax that takes any
	 * following line as a row (GFM) made it from page text. The record stage
	 * treats such rows after a table's last code as page chrome (DD-201). */
	DD_ROW_UNDELIMITED = 1
};

typedef struct dd_row {
	dd_cell *cells;      /* exactly table->ncols */
	size_t off;
	unsigned flags;
} dd_row;

typedef struct dd_table {
	const char *format;  /* "rst-grid", "rst-grid-flat", "rst-simple", "md-pipe", "html" */
	size_t off;          /* offset of the table's first byte */
	unsigned ncols;
	unsigned nhead;      /* the first nhead rows are header rows */
	dd_row *rows;
	unsigned nrows;
	const char *caption; /* "Table 1 Status codes" when the source gives one, else NULL */
	/* The caption as written, inline markup kept ("**Table 1** Status codes"),
	 * in the table's own syntax; NULL when the parser keeps none (HTML). */
	const char *caption_markup;
	/* RST grid and simple tables: each column's width as laid out, in
	 * display columns (grid: the text's, without the space either side;
	 * simple: its '=' rule's), and for simple tables the spaces between
	 * the rules when every gap is the same (else 0); NULL elsewhere. A
	 * merge keeps the widths of the tables it merges where they agree. */
	unsigned *colw;
	unsigned colgap;
} dd_table;

typedef struct dd_doc {
	dd_source *src;
	dd_arena *arena;
	dd_table *tables;
	unsigned ntables;
	const char *page;    /* page id the parser found (":original_name:", "<a name>"), or NULL */
	size_t page_off;
} dd_doc;

/* The document takes no ownership of src; the arena is created here. */
void dd_doc_init(dd_doc *doc, dd_source *src);
void dd_doc_free(dd_doc *doc);
/* Appends an empty table. The pointer is valid until the next add_table. */
dd_table *dd_doc_add_table(dd_doc *doc, const char *format, size_t off, unsigned ncols);
/* Appends a row of table->ncols empty cells (rowspan = colspan = 1, off = row off).
 * The pointer is valid until the next add_row on the same table. */
dd_row *dd_table_add_row(dd_doc *doc, dd_table *t, size_t off);
/* Copies text[0..len) (already plain and collapsed; empty is ignored) as a
 * new paragraph of cell. */
void dd_cell_add_para(dd_doc *doc, dd_cell *cell, const char *text, size_t len, size_t off);
/* Sets cell's paragraphs to paras[0..n) (the structs are copied, their text
 * is shared). */
void dd_cell_copy_paras(dd_doc *doc, dd_cell *cell, const dd_para *paras, unsigned n);
/* Marks the slots covered by origin (at row r, col c, with its rowspan and
 * colspan set) as DD_CELL_COVERED mirrors. Spans are clipped to the table. */
void dd_table_expand_span(dd_table *t, unsigned r, unsigned c);
/* Drops rows [from, nrows) of t. */
void dd_table_truncate(dd_table *t, unsigned nrows);

/* ---- records ---- */

/* The roles of a record's columns. Status-code tables have the first
 * three; error-code tables may have all five (the status is the HTTP
 * status an error code is returned with, the solution what to do). */
enum { DD_ROLE_KEY, DD_ROLE_NAME, DD_ROLE_DESC, DD_ROLE_STATUS, DD_ROLE_SOLUTION, DD_NROLES };

/* What a table is keyed by: HTTP status codes ("404") or API error codes
 * ("ELB.0002", "AccessDenied", "12000002"). Records of the two kinds are
 * never compared with each other. */
typedef enum dd_kind { DD_KIND_STATUS, DD_KIND_ERROR } dd_kind;
#define DD_NKINDS 2

/* "status", "error" */
const char *dd_kind_name(dd_kind k);
/* "status code", "error code": what a key of that kind is called in messages. */
const char *dd_kind_noun(dd_kind k);
/* Parses "status" or "error"; 0, or -1. */
int dd_kind_parse(const char *s, dd_kind *out);
/* The roles a table of kind k has, in the order docdrift writes its
 * columns (status: key, name, description; error: status, key, name,
 * description, solution); their number in *n. Further columns follow. */
const int *dd_role_order(dd_kind k, unsigned *n);


typedef struct dd_field {
	const char *header;  /* the column's header text as written */
	dd_para *paras;
	unsigned npara;
} dd_field;

/* What a merge needs to know of the table a record came from, shared by
 * that table's records (src/records/ makes it). */
typedef struct dd_table_meta {
	const char *caption_markup;  /* dd_table.caption_markup, or NULL */
	/* Header of each role's column (DD_ROLE_*) as written (NFC), or NULL
	 * when the table has no such column or no header text over it. */
	const char *head[DD_NROLES];
	/* The names are written in the key cell ("200 OK" under "Returned
	 * Value"): the table has no name column of its own. */
	unsigned char joined;
	/* dd_table.colw and colgap, when the table's columns are in the order
	 * a merge writes them (key, name, description, then the others); else
	 * NULL */
	const unsigned *colw;
	unsigned ncolw, colgap;
} dd_table_meta;

typedef struct dd_record {
	const char *key;         /* "404", "4xx"; an error code: "ELB.0002" */
	dd_kind kind;
	const char *name;        /* "Not Found" (an error code's message); "" when the
	                          * table has no name column */
	dd_para *desc;           /* description paragraphs (name, desc, extra: NFC) */
	unsigned ndesc;
	/* Error codes: the HTTP status cell's text ("429", "403 Forbidden"; ""
	 * when empty or the table has none) and the solution's paragraphs. */
	const char *status;
	dd_para *solution;
	unsigned nsolution;
	dd_field *extra;         /* further columns, by header, in table order */
	unsigned nextra;
	const char *service;     /* "css", "generic" */
	const char *page;        /* page id or NULL */
	const char *file;        /* source name as given */
	const char *format;      /* table format */
	unsigned line, column;   /* of the key cell, 1-based, column in code points */
	size_t off;              /* byte offset of the key cell */
	unsigned table;          /* index of the table in its document */
	const char *caption;     /* that table's caption, or NULL */
	/* The table has a name / description column: an empty cell there is a
	 * gap to report, where a table without the column has nothing to say. */
	unsigned char has_name, has_desc, has_status, has_solution;
	/* The source table's caption markup and headers; NULL for records that
	 * come from no table (a JSON file, tests). */
	const dd_table_meta *meta;
} dd_record;

#endif
