/* md_internal.h - what the Markdown parser's files share (not a public header).
 *
 *   markdown.c   the cmark-gfm walk: pipe tables, the page id, parse()
 *   md_limits.c  the size limits, checked before cmark-gfm sees the text
 *   md_html.c    raw HTML tables: their byte ranges, handed to the HTML parser
 *   md_sniff.c   how much a text looks like Markdown
 *   md_fast.c    pipe tables of plainly structured documents, read without
 *                cmark-gfm's table extension */
#ifndef DD_MD_INTERNAL_H
#define DD_MD_INTERNAL_H

#include <stddef.h>
#include <string.h>

#include <cmark-gfm.h>

#include "parser.h"

/* Widest pipe table accepted. cmark-gfm 0.29 pads every short row to the
 * header's width, so a wide header over many one-cell lines costs
 * columns x rows nodes (quadratic in the input); the delimiter rows of wider
 * tables are defused before cmark sees them and reported as DD-202. */
#define DD_MD_MAX_COLS 256
/* Most cells (columns x rows) in one pipe table, for the same reason: 256
 * columns over one-character lines would otherwise cost 256 nodes per line.
 * Only tables of DD_MD_CELL_CHECK_COLS columns or more are counted; narrower
 * ones cost a bounded number of nodes per line. */
#define DD_MD_MAX_CELLS (1 << 18)
#define DD_MD_CELL_CHECK_COLS 32
/* Most '|' in one line of a block (a run of non-blank lines) that holds a
 * pipe table: a row of DD_MD_MAX_COLS cells with both outer pipes. cmark-gfm
 * 0.29's table extension is quadratic in the pipes of one line, in the rows
 * and in the paragraph above the delimiter row (3 rows of 50 000 cells took
 * 40 s, a 100 000-pipe header over a 50 000-cell delimiter row 18 s), so
 * such a block's delimiter rows are defused before cmark sees them. */
#define DD_MD_MAX_PIPES (DD_MD_MAX_COLS + 1)
/* Blockquote markers stripped before looking for a delimiter row. */
#define DD_MD_MAX_QUOTES 32
/* sniff() looks at no more than this many leading bytes. */
#define DD_MD_SNIFF_BYTES 65536
/* Biggest document handed to cmark-gfm: 0.29 aborts the process when one of
 * its buffers would pass INT32_MAX / 2 bytes (buffer.c), which a document
 * below 1 GiB cannot reach. Bigger ones are refused (DD-005). */
#define DD_MD_MAX_BYTES ((size_t)1 << 30)

/* ---- small text helpers (all bounded by explicit ends; text may hold NUL) ---- */

static inline int is_tag_end(int c)
{
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n';
}

/* 1 when s[0..n) starts with the tag "<name" followed by a tag-ending byte. */
static inline int is_tag(const char *s, size_t n, const char *name)
{
	size_t k = strlen(name);
	return dd_prefix_ci(s, n, name) && n > k && is_tag_end((unsigned char)s[k]);
}

/* A byte that may appear in a delimiter row. */
static inline int is_delim_char(char c)
{
	return c == '|' || c == ':' || c == '-' || c == ' ' || c == '\t';
}

static inline size_t skip_blank(const char *t, size_t p, size_t end)
{
	while (p < end && (t[p] == ' ' || t[p] == '\t'))
		p++;
	return p;
}

/* End of t[a, b) without its trailing blanks. */
static inline size_t trim_end(const char *t, size_t a, size_t b)
{
	while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
		b--;
	return b;
}

/* t[a, b) (leading blanks skipped) is one delimiter-row cell: ":?-+:?". */
static inline int is_delim_cell(const char *t, size_t a, size_t b)
{
	b = trim_end(t, a, b);
	if (a < b && t[a] == ':')
		a++;
	if (a < b && t[b - 1] == ':')
		b--;
	if (a == b)
		return 0;
	for (size_t k = a; k < b; k++)
		if (t[k] != '-')
			return 0;
	return 1;
}

/* ---- the per-parse context (markdown.c) ---- */

typedef struct span {
	size_t start, end;
} span;

typedef struct md_ctx {
	dd_doc *doc;
	dd_diag_sink *diags;
	const char *text;
	size_t len;
	size_t *ls;          /* start offset of each line, 0-based index; ls[nl] = len + 1 */
	size_t nl;
	span *code;          /* code block byte ranges, in document order */
	size_t ncode, capcode;
	span *seg;           /* cells of the row line being read */
	size_t nseg, capseg;
	size_t consumed;     /* end of the last HTML table range handed over */
	size_t cmt_from, cmt_at; /* last "-->" search: from where, found where (len: none) */
	dd_buf para;
	int rc;
} md_ctx;

/* ---- the lines of the text (markdown.c) ---- */

/* Start and end (at the '\n' or text end) of 1-based line l, clamped. */
size_t md_line_start(const md_ctx *m, long l);
size_t md_line_end(const md_ctx *m, long l);
/* First byte of the line's content: indentation and `quotes` '>' markers skipped. */
size_t md_content_start(const md_ctx *m, size_t p, size_t end, int quotes);
/* Splits text[p, end) on unescaped pipes into m->seg (outer pipes dropped,
 * a blank remainder after the last pipe dropped). */
void md_split_row(md_ctx *m, size_t p, size_t end);
/* 1 when text[p, end) is a delimiter row of exactly ncols cells (ncols 0:
 * any count) and then *cols is its cell count. */
int md_is_delim_row(md_ctx *m, size_t p, size_t end, unsigned ncols, size_t *cols);

/* ---- what md_fast.c shares with the cmark-gfm walk (markdown.c) ---- */

/* A cmark-gfm parser with the table extension attached (free with
 * cmark_parser_free). */
cmark_parser *md_new_parser(void);
/* Flattens the inline content of a table_cell node into cell paragraphs.
 * The cell's source is text[cs, ce). */
void md_read_cell(md_ctx *m, cmark_node *cn, dd_cell *cell, size_t cs, size_t ce);
/* The page id from an <a name> in heading h, which is source line l. */
void md_read_page_id(md_ctx *m, cmark_node *h, long l);
/* Drops t's trailing rows whose line has no '|' (page text GFM folds into a
 * table), with one DD-201 note. */
void md_drop_chrome(md_ctx *m, dd_table *t);

/* ---- the fast path (md_fast.c) ---- */

/* Reads the document's pipe tables here, with cmark-gfm for the cells that
 * need its inline parser only, when its block structure is plain enough to
 * be read exactly as cmark-gfm reads it; returns 1 then. 0: nothing was
 * done (or DD_MD_NOFAST is set), cmark-gfm reads the document. */
int md_fast(md_ctx *m);

/* ---- the limits (md_limits.c) ---- */

/* Returns a copy of the text in which the delimiter row of every pipe table
 * over the limits is defused, each one reported; NULL when there is none. */
char *md_check_limits(md_ctx *m);

/* ---- raw HTML tables (md_html.c) ---- */

/* Records the byte ranges of the code blocks under root (no HTML table is
 * looked for inside them). */
void md_collect_code(md_ctx *m, cmark_node *root);
/* Hands every HTML table that starts in the lines of node n to the HTML parser. */
void md_html_node(md_ctx *m, cmark_node *n);

/* ---- sniffing (md_sniff.c) ---- */

int md_sniff(const dd_source *src);

#endif
