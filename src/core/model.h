/* model.h - the two data models every part of docdrift shares.
 *
 * 1. What a parser produces (format-neutral tables): dd_doc -> dd_table ->
 *    dd_row -> dd_cell -> dd_para. A parser knows nothing of status codes; it
 *    turns bytes into rectangular tables of cells whose text is already plain
 *    (markup removed, whitespace collapsed) and carries byte offsets.
 * 2. What the record stage produces from those tables: dd_record, one per
 *    status code, with column roles resolved and provenance kept.
 *
 * All of it lives in the document's arena. */
#ifndef DD_MODEL_H
#define DD_MODEL_H

#include <stddef.h>

#include "source.h"
#include "util.h"

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
	size_t cap;          /* builder bookkeeping */
	size_t off;          /* offset of the first content byte, or the cell's start if empty */
	unsigned rowspan, colspan;  /* >= 1 on an origin cell */
	unsigned flags;
} dd_cell;

typedef struct dd_row {
	dd_cell *cells;      /* exactly table->ncols */
	size_t off;
} dd_row;

typedef struct dd_table {
	const char *format;  /* "rst-grid", "rst-grid-flat", "rst-simple", "md-pipe", "html" */
	size_t off;          /* offset of the table's first byte */
	unsigned ncols;
	unsigned nhead;      /* the first nhead rows are header rows */
	dd_row *rows;
	unsigned nrows;
	size_t cap;
	const char *caption; /* "Table 1 Status codes" when the source gives one, else NULL */
} dd_table;

typedef struct dd_doc {
	dd_source *src;
	dd_arena *arena;
	dd_table *tables;
	unsigned ntables;
	size_t cap;
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
/* Marks the slots covered by origin (at row r, col c, with its rowspan and
 * colspan set) as DD_CELL_COVERED mirrors. Spans are clipped to the table. */
void dd_table_expand_span(dd_table *t, unsigned r, unsigned c);
/* Removes the last table (a parser that gave up on it). */
void dd_doc_drop_table(dd_doc *doc);
/* Drops rows [from, nrows) of t. */
void dd_table_truncate(dd_table *t, unsigned nrows);

/* ---- records ---- */

typedef struct dd_field {
	const char *header;  /* the column's header text as written */
	dd_para *paras;
	unsigned npara;
} dd_field;

typedef struct dd_record {
	const char *key;         /* "404", "4xx" */
	const char *name;        /* "Not Found"; "" when the table has no name column */
	dd_para *desc;           /* description paragraphs (name, desc, extra: NFC) */
	unsigned ndesc;
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
	unsigned char has_name, has_desc;
} dd_record;

typedef struct dd_recset {
	dd_record *recs;
	size_t n, cap;
} dd_recset;

#endif
