/* parser.h - the one interface every format parser implements.
 *
 * A parser reads a whole document (dd_source) and appends the tables it finds
 * to a dd_doc; it also sets doc->page when the document names its page id.
 * It never decides what a status code is. It reports malformed tables through
 * the diagnostic sink with an exact position and keeps going with the next
 * table; a table it reported as malformed is not added (never half a table).
 *
 * parse() returns 0, or -1 when the document had an error (already reported). */
#ifndef DD_PARSER_H
#define DD_PARSER_H

#include "core/core.h"

typedef struct dd_parser {
	const char *name;                                  /* "rst", "markdown", "html" */
	int (*sniff)(const dd_source *src);                /* confidence 0..100 */
	int (*parse)(dd_doc *doc, dd_diag_sink *diags);    /* doc->src is the input */
	void (*init)(void);      /* process-wide library set-up, or NULL */
	void (*cleanup)(void);   /* its counterpart, or NULL */
} dd_parser;

/* What the RST parser reads at most (more is DD-005); the RST renderer never
 * writes a table past them. */
#define DD_RST_MAX_WIDTH 65536u   /* columns of one table line (tabs expanded) */
#define DD_RST_MAX_COLS 512u      /* columns of one table: a 10,000-column border is refused */

extern const dd_parser dd_parser_rst;       /* grid, flattened grid and simple tables */
extern const dd_parser dd_parser_markdown;  /* GFM pipe tables + raw HTML tables */
extern const dd_parser dd_parser_html;      /* standalone HTML */

/* NULL-terminated list, in sniff tie-break order. */
extern const dd_parser *const dd_parsers[];

/* The parser whose name (or alias: "rst", "md", "markdown", "html") is name, or NULL. */
const dd_parser *dd_parser_by_name(const char *name);
/* The parser that claims src most confidently; a file name extension breaks ties. */
const dd_parser *dd_parser_detect(const dd_source *src);

/* HTML tables in src->text[off, off+len) (raw HTML inside Markdown), appended
 * to doc. Used by the Markdown parser; positions are offsets into src. */
int dd_html_parse_range(dd_doc *doc, size_t off, size_t len, dd_diag_sink *diags);

/* When t[p] opens a <pre>, <code>, <xmp> or <listing> element: the offset
 * just past its end tag (or n when it has none); else p. The HTML parser
 * and the Markdown parser's raw HTML skip tables inside code with it. */
size_t dd_html_code_skip(const char *t, size_t p, size_t n);

/* 1 when some line of t[0, n) is a GFM delimiter row ("|---|---|") under a
 * header line of as many cells: the text holds a pipe table. The RST sniffer
 * asks before it takes a "+---+ |" inside such a table for a flattened grid. */
int dd_md_has_pipe_table(const char *t, size_t n);

/* Markdown's (and HTML's) code, line by line, for the RST sniffer: a box
 * drawn in a fenced code block or an HTML <pre> is not a grid table, and a
 * document with ATX headings, fences or inline links is Markdown. Zero the
 * state, then pass every line t[p, e) in order; returns DD_MD_CODE when the
 * line is a fence, inside a fenced block or inside <pre> ... </pre>, and
 * DD_MD_STRUCTURE when it is a fence, an ATX heading or holds a link "](". */
typedef struct dd_md_lines {
	char fence;            /* '`' or '~' while inside a fenced block, else 0 */
	unsigned char pre;     /* inside <pre> ... </pre> */
	size_t fence_len;
} dd_md_lines;
enum { DD_MD_CODE = 1, DD_MD_STRUCTURE = 2 };
int dd_md_line(dd_md_lines *s, const char *p, const char *e);

/* 0 when no parser can find a table in src, nor say anything about it,
 * whichever reads it (forced: the --format parser, or NULL to sniff): its
 * parsing can be skipped. Only necessary conditions are checked, each a
 * memchr pass or a look at a line's first byte; 1 ("may hold one") when
 *   RST       "+-" after a blank, a newline or at the start (a grid border,
 *             after a bullet too, or a flattened one), a line whose first non-blank byte is '=' with two runs of
 *             '=' (a simple table's rule), or a directive "...table::"
 *             (list-table, csv-table);
 *   Markdown  a line that, after blanks and '>', is only " \t\v\f|:-" with a
 *             '-' and one of "|:\v\f" (a GFM delimiter row), more than
 *             DD_MD_MAX_PIPES '|' (DD-202 may speak), or "<table" in any case;
 *   HTML      "<table" in any case; and when the HTML parser could read the
 *             whole document (forced, a first non-blank '<', an .html/.htm
 *             name): a character libxml2 drops (DD-305: a control other than
 *             tab and newline, U+FFFE, U+FFFF, or any "&#" reference) or more
 *             than 256 '<' (DD-304 needs 513 nested elements).
 * The conditions follow the parsers: a new kind of table needs its own. */
int dd_may_hold_table(const dd_source *src, const dd_parser *forced);

/* Runs every parser's init (cmark-gfm extension registration, libxml2 set-up)
 * once per process, so no file pays for it. */
void dd_parsers_init(void);
void dd_parsers_cleanup(void);

#endif
