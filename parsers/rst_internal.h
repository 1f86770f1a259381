/* rst_internal.h - what the RST parser's files share (not a public header).
 *
 * rst.c walks the document line by line and hands table blocks to
 * rst_grid.c (grid tables), rst_flat.c (flattened grid tables) and
 * rst_simple.c (simple tables); rst_cols.c measures their lines in columns;
 * rst_cell.c turns a cell's lines into paragraphs, rst_inline.c removes
 * their inline markup. */
#ifndef DD_RST_INTERNAL_H
#define DD_RST_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "parser.h"

/* Hard limits. Each keeps one table's scratch memory and work bounded by the
 * size of its own text; exceeding one is reported (DD-005), never a crash. */
/* DD_RST_MAX_WIDTH, DD_RST_MAX_COLS: parser.h (the RST renderer keeps to them) */
#define DD_RST_SCAN_FACTOR 8u     /* grid cell scanning: steps allowed per character of the
                                     table's area, so a pathological layout of corners that
                                     almost close cannot go quadratic */
#define DD_RST_TAB 8u             /* tab stops every 8 columns, as docutils expands them */

/* One line of a cell: source bytes [off, off+len). */
typedef struct rst_seg {
	size_t off, len;
} rst_seg;

typedef struct rst_ctx {
	dd_doc *doc;
	dd_diag_sink *diags;
	const char *text;
	size_t len;
	size_t *ls;          /* start offset of each line */
	size_t nl;
	/* scratch, reused across tables and cells */
	dd_buf raw, out;
	rst_seg *segs;
	size_t nseg, segcap;
	int errors;
} rst_ctx;

/* End of line i (offset of its '\n' or of the end of the text). */
static inline size_t rst_line_end(const rst_ctx *x, size_t i)
{
	if (i + 1 < x->nl)
		return x->ls[i + 1] - 1;
	return x->len && x->text[x->len - 1] == '\n' ? x->len - 1 : x->len;
}

/* Column (tabs expanded) of the first non-blank character of line i and its
 * byte offset in *first; returns -1 for a blank line. */
long rst_indent(const rst_ctx *x, size_t i, size_t *first);

/* Column classes in an expanded line: the ASCII byte itself, or these. */
#define RST_OTHER 0x80u  /* a non-ASCII character */
#define RST_PAD 0x81u    /* second column of an East Asian wide character */

/* Expands line i from column `from` on (tabs to 8-column stops, wide
 * characters as two columns) into ch[0, cap) and at[0, cap): at is the byte
 * offset, relative to base, of the character covering that column. ch and at
 * may be NULL to measure only. Returns the width from `from` to the last
 * non-blank column inclusive (may exceed cap; only cap columns are stored). */
size_t rst_expand(const rst_ctx *x, size_t i, unsigned from, unsigned char *ch, uint32_t *at,
                  size_t cap, size_t base);
/* 1 when every byte of s[0, n) is one column of its own class (printable
 * ASCII, no tab): its expansion is the bytes themselves. */
int rst_plain(const char *s, size_t n);
/* Byte offset of column col of line i (counted from column from), for a
 * message about a line wider than col columns. */
size_t rst_column_off(const rst_ctx *x, size_t i, unsigned from, size_t col, size_t base);
/* 1 for the character at t[p] (p < e) when it is one Python's str.isspace()
 * takes beyond ASCII (NBSP, the U+2000 spaces, ideographic space...):
 * docutils strips them from the ends of a table's lines, so they do not
 * count in its width. */
int rst_uni_space(const char *t, size_t p, size_t e);
/* For a width message about line i, w columns wide: " (N characters; a tab
 * expands ...)" when tabs or wide characters make its width in columns differ
 * from its length in characters, else "". Written to buf[0, cap). */
const char *rst_width_why(const rst_ctx *x, size_t i, size_t w, char *buf, size_t cap);
/* Reports an error at byte off and counts it against the document. */
void rst_err(rst_ctx *x, size_t off, int code, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));
/* A printable form of the character at byte offset off, for messages. */
const char *rst_char_name(const rst_ctx *x, size_t off, char buf[8]);

/* What a directive's body is. The one place directives are told apart
 * (rst_directive()): a directive that is a table of its own (list-table,
 * csv-table) gets its kind here and its reader beside rst_grid(). */
typedef enum rst_dir {
	RST_DIR_NONE,    /* not a directive */
	RST_DIR_BODY,    /* reStructuredText (only, tabs, container, unknown ones); the text
	                    after "::" is an argument, not content */
	RST_DIR_NOTE,    /* an admonition (note, warning, ...): the text after "::" is content */
	RST_DIR_TABLE,   /* ".. table:: caption": the table below takes the caption */
	RST_DIR_CODE,    /* code, math, raw, data: no tables in the body, text taken as is */
	RST_DIR_LIST,    /* list-table: a table of its own (rst_list.c) */
	RST_DIR_CSV,     /* csv-table: a table of its own (rst_csv.c) */
} rst_dir;

/* The directive ".. name::" at p[0, e) (names are case-insensitive, as in
 * docutils), with *after (may be NULL) just past its "::"; RST_DIR_NONE
 * when the line is not one. Code: docutils' own literal directives and the
 * Sphinx and extension ones whose body is code or data, not RST. */
rst_dir rst_directive(const char *p, const char *e, const char **after);

/* A directive's block as docutils cuts it (parse_directive_block): the
 * text after "::" and the lines indented under the directive, dedented by
 * the least indentation; up to the first blank line the argument block
 * (the title, then ":option: value" lines), after it the content. Each
 * line is a source range starting at its dedented column. */
typedef struct rst_opt {
	const char *name;        /* not NUL-terminated */
	size_t nlen;
	rst_seg *val;            /* the value's lines (the first after the name) */
	size_t nval;
	size_t off;              /* where the option starts (its ':') */
} rst_opt;

typedef struct rst_dblock {
	size_t line;             /* the directive's line */
	size_t off;              /* its ".." */
	rst_seg title;           /* the argument (first line only; len 0: none) */
	size_t title_end;        /* end offset of the whole argument (several lines) */
	rst_opt *opts;
	size_t nopts;
	rst_seg *content;        /* the content's lines, leading and trailing blanks dropped */
	size_t ncontent;
	size_t next;             /* the first line after the block */
} rst_dblock;

/* Reads the block of the directive ".. name::" on line i, at indentation
 * ind, whose "::" ends at after. Returns 0, or -1 after a DD-130/131 error
 * (code) for an option block docutils would refuse (b->next is set either
 * way). The arrays are malloc'd: rst_dblock_free. */
int rst_dblock_read(rst_ctx *x, size_t i, unsigned ind, const char *after, int code,
                    rst_dblock *b);
void rst_dblock_free(rst_dblock *b);
/* The option named name, or NULL; with allowed (NULL-terminated), an
 * option not in it is a DD-130/131 error (returns -1 from rst_dblock_check). */
const rst_opt *rst_dblock_opt(const rst_dblock *b, const char *name);
int rst_dblock_check(rst_ctx *x, const rst_dblock *b, const char *dir, int code,
                     const char *const *allowed);
/* A non-negative whole number option (":header-rows: 1"); 0 when absent,
 * -1 after an error. */
long rst_dblock_uint(rst_ctx *x, const rst_dblock *b, const char *name, const char *dir, int code);
/* Checks ":widths:" ("auto", or one positive number per column, by
 * commas or spaces); -1 after an error. */
int rst_dblock_widths(rst_ctx *x, const rst_dblock *b, unsigned ncols, const char *dir, int code);
/* The options every table directive checks: only the allowed ones, and
 * :header-rows: and :stub-columns: (0 when absent); -1 after an error. */
int rst_dblock_table_opts(rst_ctx *x, const rst_dblock *b, const char *dir, int code,
                          const char *const *allowed, long *header_rows, long *stub_columns);
/* Gives a new table the directive's title as its caption (markup kept). */
void rst_dblock_caption(rst_ctx *x, const rst_dblock *b, dd_table *t);

/* docutils' check_table_dimensions: the header rows (nrows of data) and
 * the stub columns (of the shortest row, ncols cells) leave data; -1 after
 * an error at off. */
int rst_table_dimensions(rst_ctx *x, size_t off, const char *dir, int code, size_t nrows,
                         unsigned ncols, long header_rows, long stub_columns);
/* list-table and csv-table (whose block is b): the table, or an error and
 * none. */
void rst_list_table(rst_ctx *x, const rst_dblock *b);
void rst_csv_table(rst_ctx *x, const rst_dblock *b);

/* 1 when p[0, e) is one punctuation character repeated: a section title's
 * underline or overline, or a transition. */
int rst_is_adornment(const char *p, const char *e);

/* Grid table whose top border is line i, indented by indent columns.
 * caption may be NULL. Returns the index of the first line after it. */
size_t rst_grid(rst_ctx *x, size_t i, unsigned indent, const char *caption);
/* 1 when line text[s, e) is a grid border "+---+" after indentation. */
int rst_is_grid_top(const char *s, const char *e);
/* Flattened grid tables starting in line i at byte offset p (a border token).
 * Returns the offset where scanning of the line should continue. */
size_t rst_flat(rst_ctx *x, size_t i, size_t p, const char *caption);
/* Offset of the next flattened-table border token in [p, e) -- a "+---+"
 * run (not "+===+") followed by " |" -- or e when there is none. */
size_t rst_flat_find(const char *text, size_t p, size_t e);

/* Simple table whose top rule is line i at indent columns. */
size_t rst_simple(rst_ctx *x, size_t i, unsigned indent, const char *caption);
/* 1 when text[s, e) is a simple-table top rule: two or more '=' runs. */
int rst_is_simple_top(const char *s, const char *e);

/* Appends the plain text of RST inline markup s[0, n) to out, whitespace
 * collapsed (*pending as in dd_buf_put_collapsed). */
void rst_inline(const char *s, size_t n, dd_buf *out, int *pending);
/* Fills cell from its lines x->segs[0, x->nseg): paragraphs split at blank
 * lines and bullet items, inline markup removed. cell->off becomes the first
 * content byte, or empty_off for an empty cell. */
void rst_cell_fill(rst_ctx *x, dd_cell *cell, size_t empty_off);
void rst_seg_push(rst_ctx *x, size_t off, size_t len);
/* Plain caption text from a `.. table::` argument, in the doc arena, or NULL. */
const char *rst_caption(rst_ctx *x, const char *s, size_t n);

#endif
