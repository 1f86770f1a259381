/* markdown.c - GFM pipe tables (through cmark-gfm) and raw HTML tables in Markdown.
 *
 * Grammar accepted is GitHub Flavored Markdown as cmark-gfm 0.29 parses it,
 * with the "table" extension:
 *
 *   table     = header-row delimiter-row { body-row }
 *   header    = a line split on unescaped '|' into N cells (outer pipes optional)
 *   delimiter = N cells, each  [ ':' ] '-'+ [ ':' ]  with optional spaces
 *   body-row  = any following line that does not start another block; cells
 *               beyond N are ignored, missing cells are empty
 *
 * A header whose cell count differs from the delimiter row's is not a table
 * (it stays a paragraph). A table ends at a blank line or a new block.
 *
 * cmark-gfm builds the tree; this file only walks it. Positions come from the
 * source, not from cmark: Debian's 0.29 build places a table that interrupts
 * a paragraph at the paragraph's first line, so each table is re-anchored on
 * its delimiter row and every row is the next source line after it (a GFM
 * table row is always exactly one line). Cells are located by splitting that
 * line on unescaped pipes, the same rule cmark-gfm's row scanner uses.
 *
 * Two corrections to what GFM yields:
 *  - page chrome: GFM takes every line after a table that does not open a new
 *    block as a row ("Feedback", "Was this page helpful?" on scraped pages).
 *    The trailing run of rows whose line has no '|' at all is dropped, with
 *    one DD-201 note.
 *  - raw HTML tables: cmark cuts HTML at blank lines into several html_block
 *    (and even paragraph) nodes, so each <table ...> is matched to its
 *    </table> in the source (nesting counted, code blocks and comments
 *    skipped) and the byte range goes to dd_html_parse_range(), in document
 *    order among the pipe tables.
 *
 * The page id is the name of an <a name="..."> anchor in the first ATX
 * heading ("# Status Codes<a name="css_03_0012"></a>"). */
#include <stdlib.h>
#include <string.h>

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm.h>

#include "parser.h"

/* Widest pipe table accepted. cmark-gfm 0.29 pads every short row to the
 * header's width, so a wide header over many one-cell lines costs
 * columns x rows nodes (quadratic in the input); the delimiter rows of wider
 * tables are defused before cmark sees them and reported as DD-202. */
#define MD_MAX_COLS 256
/* Most cells (columns x rows) in one pipe table, for the same reason: 256
 * columns over one-character lines would otherwise cost 256 nodes per line.
 * Only tables of MD_CELL_CHECK_COLS columns or more are counted; narrower
 * ones cost a bounded number of nodes per line. */
#define MD_MAX_CELLS (1 << 18)
#define MD_CELL_CHECK_COLS 32
/* Most '|' in one line of a block (a run of non-blank lines) that holds a
 * pipe table: a row of MD_MAX_COLS cells with both outer pipes. cmark-gfm
 * 0.29's table extension is quadratic in the pipes of one line, in the rows
 * and in the paragraph above the delimiter row (3 rows of 50 000 cells took
 * 40 s, a 100 000-pipe header over a 50 000-cell delimiter row 18 s), so
 * such a block's delimiter rows are defused before cmark sees them. */
#define MD_MAX_PIPES (MD_MAX_COLS + 1)
/* Blockquote markers stripped before looking for a delimiter row. */
#define MD_MAX_QUOTES 32
/* sniff() looks at no more than this many leading bytes. */
#define MD_SNIFF_BYTES 65536

static cmark_syntax_extension *table_ext;

static void init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	cmark_gfm_core_extensions_ensure_registered();
	table_ext = cmark_find_syntax_extension("table");
}

/* ---- small text helpers (all bounded by explicit ends; text may hold NUL) ---- */

static int is_tag_end(int c)
{
	return c == '>' || c == '/' || c == ' ' || c == '\t' || c == '\n';
}

/* 1 when s[0..n) starts with the tag "<name" followed by a tag-ending byte. */
static int is_tag(const char *s, size_t n, const char *name)
{
	size_t k = strlen(name);
	return dd_prefix_ci(s, n, name) && n > k && is_tag_end((unsigned char)s[k]);
}

/* A byte that may appear in a delimiter row. */
static int is_delim_char(char c)
{
	return c == '|' || c == ':' || c == '-' || c == ' ' || c == '\t';
}

static size_t skip_blank(const char *t, size_t p, size_t end)
{
	while (p < end && (t[p] == ' ' || t[p] == '\t'))
		p++;
	return p;
}

/* End of t[a, b) without its trailing blanks. */
static size_t trim_end(const char *t, size_t a, size_t b)
{
	while (b > a && (t[b - 1] == ' ' || t[b - 1] == '\t'))
		b--;
	return b;
}

/* t[a, b) (leading blanks skipped) is one delimiter-row cell: ":?-+:?". */
static int is_delim_cell(const char *t, size_t a, size_t b)
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

/* ---- the per-parse context ---- */

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


static void build_lines(md_ctx *m)
{
	size_t n = 1;
	for (const char *p = m->text, *e = m->text + m->len; (p = memchr(p, '\n', (size_t)(e - p)));
	     p++)
		n++;
	m->ls = dd_xrealloc(NULL, (n + 1) * sizeof *m->ls);
	size_t i = 0;
	m->ls[i++] = 0;
	for (size_t o = 0; o < m->len; o++)
		if (m->text[o] == '\n')
			m->ls[i++] = o + 1;
	m->nl = i;
	m->ls[i] = m->len + 1;
}

/* Start and end (at the '\n' or text end) of 1-based line l, clamped. */
static size_t line_start(const md_ctx *m, long l)
{
	if (l < 1)
		l = 1;
	if ((size_t)l > m->nl)
		return m->len;
	return m->ls[l - 1];
}

static size_t line_end(const md_ctx *m, long l)
{
	if (l < 1)
		l = 1;
	if ((size_t)l > m->nl)
		return m->len;
	return m->ls[l] - 1;
}

/* First byte of the line's content: indentation and `quotes` '>' markers skipped. */
static size_t content_start(const md_ctx *m, size_t p, size_t end, int quotes)
{
	p = skip_blank(m->text, p, end);
	for (int q = 0; q < quotes && p < end && m->text[p] == '>'; q++) {
		p++;
		p = skip_blank(m->text, p, end);
	}
	return p;
}

/* Splits text[p, end) on unescaped pipes into m->seg (outer pipes dropped,
 * a blank remainder after the last pipe dropped). A pipe is escaped when a
 * backslash precedes it, as in cmark-gfm's scanner. */
static void split_row(md_ctx *m, size_t p, size_t end)
{
	const char *t = m->text;
	m->nseg = 0;
	int piped = 0;
	if (p < end && t[p] == '|') {
		p++;
		piped = 1;
	}
	size_t s = p;
	for (;; p++) {
		if (p == end || (t[p] == '|' && !(p > 0 && t[p - 1] == '\\'))) {
			if (p == end && p > s && skip_blank(t, s, end) == end && piped)
				break; /* spaces after the last pipe */
			if (p == end && p == s && piped)
				break; /* the closing pipe */
			DD_GROW(m->seg, m->nseg, m->capseg);
			m->seg[m->nseg++] = (span){s, p};
			if (p == end)
				break;
			s = p + 1;
			piped = 1;
		}
	}
}

/* 1 when text[p, end) is a delimiter row of exactly ncols cells (ncols 0:
 * any count) and then *cols is its cell count. */
static int is_delim_row(md_ctx *m, size_t p, size_t end, unsigned ncols, size_t *cols)
{
	const char *t = m->text;
	size_t q = skip_blank(t, p, end);
	if (q == end || !is_delim_char(t[q]))
		return 0;
	for (size_t i = q; i < end; i++)
		if (!is_delim_char(t[i]))
			return 0;
	split_row(m, q, end);
	if (m->nseg == 0 || (ncols && m->nseg != ncols))
		return 0;
	for (size_t i = 0; i < m->nseg; i++)
		if (!is_delim_cell(t, skip_blank(t, m->seg[i].start, m->seg[i].end), m->seg[i].end))
			return 0;
	*cols = m->nseg;
	return 1;
}

/* ---- the size limits, checked before cmark sees the text ---- */

static int line_blank(const md_ctx *m, long l)
{
	size_t e = line_end(m, l);
	return skip_blank(m->text, line_start(m, l), e) == e;
}

/* Defuses a delimiter row in the copy (its first '-' made a '~': offsets
 * unchanged, and no longer a delimiter row to cmark). */
static void defuse(md_ctx *m, char **copy, size_t a, size_t e)
{
	if (!*copy) {
		*copy = dd_xrealloc(NULL, m->len + 1);
		memcpy(*copy, m->text, m->len + 1);
	}
	char *dash = memchr(*copy + a, '-', e - a);
	if (dash)
		*dash = '~';
}

/* Line l's count of unescaped '|' (cell separators to cmark-gfm, inside
 * `code` too) when it is over MD_MAX_PIPES, else 0. Escaped ones cost cmark
 * nothing. */
static size_t too_many_pipes(const md_ctx *m, long l)
{
	size_t a = line_start(m, l), e = line_end(m, l), n = 0;
	if (e - a <= MD_MAX_PIPES)
		return 0; /* too short: most lines stop here */
	for (const char *p = m->text + a, *end = m->text + e;
	     (p = memchr(p, '|', (size_t)(end - p))); p++)
		n += p == m->text + a || p[-1] != '\\';
	return n > MD_MAX_PIPES ? n : 0;
}

/* Returns a copy of the text in which the delimiter row of every pipe table
 * over MD_MAX_COLS columns or MD_MAX_CELLS cells, and every delimiter row in a
 * block with a line of more than MD_MAX_PIPES '|', is defused, each one
 * reported; NULL when there is none. Rows are counted as the non-blank lines
 * up to the next blank line (an upper bound). Each block is scanned once
 * ahead of the lines it holds, so the check stays linear. */
static char *check_limits(md_ctx *m)
{
	char *copy = NULL;
	long block = 0, block_end = 0; /* the current block: lines [block, block_end) */
	long wide = 0;                 /* its first line of too many '|', or 0 */
	size_t wide_pipes = 0;
	for (long l = 1; (size_t)l <= m->nl; l++) {
		if (l >= block_end) {
			if (line_blank(m, l))
				continue;
			block = block_end = l;
			wide = 0;
			for (; (size_t)block_end <= m->nl && !line_blank(m, block_end); block_end++)
				if (!wide && (wide_pipes = too_many_pipes(m, block_end)) != 0)
					wide = block_end;
		}
		if (l == block)
			continue; /* a delimiter row needs a header line above it */
		size_t a = line_start(m, l), e = line_end(m, l), cols;
		if (wide) {
			/* Any delimiter row of the block: cmark reads the whole paragraph
			 * above it and every row below it. */
			size_t ds = content_start(m, a, e, MD_MAX_QUOTES);
			if (!is_delim_row(m, ds, e, 0, &cols))
				continue;
			size_t ha = line_start(m, l - 1), he = line_end(m, l - 1);
			if (!memchr(m->text + ds, '|', e - ds) && !memchr(m->text + ha, '|', he - ha))
				continue; /* a setext underline, not a table */
			size_t hs = content_start(m, ha, he, MD_MAX_QUOTES), wa = line_start(m, wide);
			split_row(m, hs, he);
			if (m->nseg == cols && cols > MD_MAX_COLS)
				dd_diag(m->diags, m->doc->src, hs, DD_ERROR, DD_E_MD_TABLE,
				        "pipe table of %zu columns; at most %d are supported, table skipped",
				        cols, MD_MAX_COLS);
			else
				dd_diag(m->diags, m->doc->src, content_start(m, wa, line_end(m, wide), 0),
				        DD_ERROR, DD_E_MD_TABLE,
				        "line has %zu '|'; a pipe table row may have at most %d (%d columns), "
				        "so the delimiter row at line %ld and its table are not read",
				        wide_pipes, MD_MAX_PIPES, MD_MAX_COLS, l);
			m->rc = -1;
			defuse(m, &copy, a, e);
			continue;
		}
		if (e - a < 2 * MD_CELL_CHECK_COLS - 1)
			continue; /* too short to hold that many cells */
		if (!is_delim_row(m, a, e, 0, &cols) || cols < MD_CELL_CHECK_COLS)
			continue;
		size_t ha = line_start(m, l - 1), he = line_end(m, l - 1);
		size_t hs = content_start(m, ha, he, 0);
		split_row(m, hs, he);
		if (m->nseg != cols)
			continue; /* not a table to GFM either */
		if (cols > MD_MAX_COLS) {
			dd_diag(m->diags, m->doc->src, hs, DD_ERROR, DD_E_MD_TABLE,
			        "pipe table of %zu columns; at most %d are supported, table skipped",
			        cols, MD_MAX_COLS);
			m->rc = -1;
			defuse(m, &copy, a, e);
			continue;
		}
		size_t max_rows = MD_MAX_CELLS / cols;
		size_t rows = (size_t)(block_end - l);
		if (rows > max_rows) {
			dd_diag(m->diags, m->doc->src, hs, DD_ERROR, DD_E_MD_TABLE,
			        "pipe table of %zu columns and over %zu rows; at most %d cells are "
			        "supported, table skipped",
			        cols, max_rows, MD_MAX_CELLS);
			m->rc = -1;
			defuse(m, &copy, a, e);
		}
	}
	return copy;
}

/* ---- pipe tables ---- */

static int type_is(cmark_node *n, const char *type)
{
	return strcmp(cmark_node_get_type_string(n), type) == 0;
}

static int quote_depth(cmark_node *n)
{
	int q = 0;
	for (n = cmark_node_parent(n); n; n = cmark_node_parent(n))
		if (cmark_node_get_type(n) == CMARK_NODE_BLOCK_QUOTE)
			q++;
	return q;
}

static int is_br(const char *lit)
{
	size_t n = strlen(lit);
	return dd_prefix_ci(lit, n, "<br") && n > 3 && is_tag_end((unsigned char)lit[3]);
}

/* Offset just past the next <br> tag in text[p, end) that is not inside a
 * `code span`, or end when there is none. */
static size_t next_br(const md_ctx *m, size_t p, size_t end)
{
	const char *t = m->text;
	while (p < end) {
		if (t[p] == '\\') {
			p += 2;
			continue;
		}
		if (t[p] == '`') {
			size_t run = 0;
			while (p < end && t[p] == '`')
				run++, p++;
			for (size_t q = p; q < end; q++) {
				if (t[q] != '`')
					continue;
				size_t r = 0;
				while (q + r < end && t[q + r] == '`')
					r++;
				if (r == run) {
					p = q + r;
					break;
				}
				q += r - 1;
			}
			continue;
		}
		if (t[p] == '<' && is_tag(t + p, end - p, "<br")) {
			const char *gt = memchr(t + p, '>', end - p);
			return gt ? (size_t)(gt - t) + 1 : end;
		}
		p++;
	}
	return end;
}

static void end_para(md_ctx *m, dd_cell *cell, size_t off)
{
	if (m->para.len)
		dd_cell_add_para(m->doc, cell, m->para.ptr, m->para.len, off);
	dd_buf_reset(&m->para);
}

/* Flattens the inline content of a table_cell node into cell paragraphs.
 * The cell's source is text[cs, ce). */
static void read_cell(md_ctx *m, cmark_node *cn, dd_cell *cell, size_t cs, size_t ce)
{
	int pending = 0;
	size_t para_off = cell->off, src = cs;
	dd_buf_reset(&m->para);
	cmark_iter *it = cmark_iter_new(cn);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		const char *lit;
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_TEXT:
		case CMARK_NODE_CODE:
			lit = cmark_node_get_literal(n);
			if (lit)
				dd_buf_put_collapsed(&m->para, lit, strlen(lit), &pending);
			break;
		case CMARK_NODE_SOFTBREAK:
		case CMARK_NODE_LINEBREAK:
			dd_buf_put_collapsed(&m->para, " ", 1, &pending);
			break;
		case CMARK_NODE_HTML_INLINE:
			lit = cmark_node_get_literal(n);
			if (lit && is_br(lit)) {
				end_para(m, cell, para_off);
				pending = 0;
				src = next_br(m, src, ce);
				para_off = skip_blank(m->text, src, ce);
				if (para_off == ce)
					para_off = cell->off;
			}
			break;
		default:
			break;
		}
	}
	cmark_iter_free(it);
	end_para(m, cell, para_off);
}

/* The line of the table's delimiter row: the first line from the line cmark
 * gives (which may be the start of a paragraph the table interrupted) that is
 * a delimiter row of ncols cells under a header of ncols cells; 0 if none. */
static long find_delim(md_ctx *m, cmark_node *tbl, unsigned ncols, int quotes)
{
	long first = cmark_node_get_start_line(tbl), last = cmark_node_get_end_line(tbl);
	if (first < 1)
		first = 1;
	if (last < first || (size_t)last > m->nl)
		last = (long)m->nl;
	for (long l = first + 1; l <= last; l++) {
		size_t a = line_start(m, l), e = line_end(m, l), cols;
		if (!is_delim_row(m, content_start(m, a, e, quotes), e, ncols, &cols))
			continue;
		size_t ha = line_start(m, l - 1), he = line_end(m, l - 1);
		split_row(m, content_start(m, ha, he, quotes), he);
		if (m->nseg == ncols)
			return l;
	}
	return 0;
}

static void read_table(md_ctx *m, cmark_node *tbl)
{
	dd_doc *doc = m->doc;
	unsigned ncols = cmark_gfm_extensions_get_table_columns(tbl);
	int quotes = quote_depth(tbl);
	if (ncols == 0)
		return;
	long delim = find_delim(m, tbl, ncols, quotes);
	if (delim == 0) /* cannot happen with a table cmark built; keep its own line */
		delim = cmark_node_get_start_line(tbl) + 1;
	long hl = delim - 1;
	size_t toff = content_start(m, line_start(m, hl), line_end(m, hl), quotes);
	if (toff < m->consumed)
		return; /* inside a raw HTML table already handed over */
	if (ncols > MD_MAX_COLS) {
		dd_diag(m->diags, doc->src, toff, DD_ERROR, DD_E_MD_TABLE,
		        "pipe table of %u columns; at most %d are supported, table skipped", ncols,
		        MD_MAX_COLS);
		m->rc = -1;
		return;
	}
	dd_table *t = dd_doc_add_table(doc, "md-pipe", toff, ncols);
	t->nhead = 1;
	long r = 0;
	for (cmark_node *rn = cmark_node_first_child(tbl); rn; rn = cmark_node_next(rn), r++) {
		long l = r == 0 ? hl : delim + r;
		size_t a = line_start(m, l), e = line_end(m, l);
		size_t cs = content_start(m, a, e, quotes);
		dd_row *row = dd_table_add_row(doc, t, cs);
		if (!memchr(m->text + a, '|', e - a))
			row->flags |= DD_ROW_UNDELIMITED;
		split_row(m, cs, e);
		unsigned c = 0;
		for (cmark_node *cn = cmark_node_first_child(rn); cn && c < ncols;
		     cn = cmark_node_next(cn), c++) {
			dd_cell *cell = &row->cells[c];
			size_t s = e, se = e;
			if (c < m->nseg) {
				s = m->seg[c].start;
				se = m->seg[c].end;
				size_t f = skip_blank(m->text, s, se);
				cell->off = f < se ? f : s;
			} else {
				cell->off = e;
			}
			read_cell(m, cn, cell, s, se);
		}
		for (; c < ncols; c++)
			row->cells[c].off = e;
	}
	unsigned keep = t->nrows;
	while (keep > 1 && (t->rows[keep - 1].flags & DD_ROW_UNDELIMITED))
		keep--;
	if (keep < t->nrows) {
		unsigned n = t->nrows - keep;
		dd_diag(m->diags, doc->src, t->rows[keep].off, DD_NOTE, DD_N_MD_CHROME,
		        n == 1 ? "%u trailing line without '|' is not a table row (page text folded "
		                 "into the table by GFM); dropped"
		               : "%u trailing lines without '|' are not table rows (page text folded "
		                 "into the table by GFM); dropped",
		        n);
		dd_table_truncate(t, keep);
	}
}

/* ---- raw HTML tables ---- */

static int cmp_span(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The code block containing offset p, or NULL. */
static const span *in_code(const md_ctx *m, size_t p)
{
	size_t lo = 0, hi = m->ncode;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->code[mid].end <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->ncode && m->code[lo].start <= p ? &m->code[lo] : NULL;
}

/* End of the comment opened at p ("<!--"), or the text's end. The last
 * search is remembered, so many unclosed comments cost one scan, not one
 * scan each. */
static size_t comment_end(md_ctx *m, size_t p)
{
	size_t from = p + 4;
	if (from >= m->len)
		return m->len;
	if (m->cmt_from > from || m->cmt_at < from) {
		const char *q = memmem(m->text + from, m->len - from, "-->", 3);
		m->cmt_from = from;
		m->cmt_at = q ? (size_t)(q - m->text) : m->len;
	}
	return m->cmt_at < m->len ? m->cmt_at + 3 : m->len;
}

/* Offset of the next "<table" tag in text[p, end) outside comments and code
 * blocks, or end. */
static size_t next_table_tag(md_ctx *m, size_t p, size_t end)
{
	const char *t = m->text;
	while (p < end) {
		const char *lt = memchr(t + p, '<', end - p);
		if (!lt)
			return end;
		p = (size_t)(lt - t);
		const span *c = in_code(m, p);
		if (c) {
			p = c->end;
			continue;
		}
		if (dd_prefix_ci(t + p, m->len - p, "<!--")) {
			p = comment_end(m, p);
			continue;
		}
		if (is_tag(t + p, m->len - p, "<table"))
			return p;
		p++;
	}
	return end;
}

/* End of the </table> that closes the <table> at p (nesting counted, code
 * blocks and comments skipped), or the text's end when it is never closed. */
static size_t table_end(md_ctx *m, size_t p)
{
	const char *t = m->text;
	unsigned depth = 0;
	while (p < m->len) {
		const char *lt = memchr(t + p, '<', m->len - p);
		if (!lt)
			break;
		p = (size_t)(lt - t);
		const span *c = in_code(m, p);
		if (c) {
			p = c->end;
			continue;
		}
		size_t rest = m->len - p;
		if (dd_prefix_ci(t + p, rest, "<!--")) {
			p = comment_end(m, p);
			continue;
		}
		if (is_tag(t + p, rest, "<table")) {
			depth++;
		} else if (dd_prefix_ci(t + p, rest, "</table") && rest > 7 &&
		           (t[p + 7] == '>' || dd_is_space((unsigned char)t[p + 7]))) {
			if (--depth == 0) {
				const char *gt = memchr(t + p, '>', rest);
				return gt ? (size_t)(gt - t) + 1 : m->len;
			}
		}
		p++;
	}
	return m->len;
}

/* Hands every HTML table that starts in text[a, e) to the HTML parser. */
static void html_tables_in(md_ctx *m, size_t a, size_t e)
{
	if (a < m->consumed)
		a = m->consumed;
	while (a < e) {
		size_t p = next_table_tag(m, a, e);
		if (p >= e)
			break;
		size_t end = table_end(m, p);
		if (dd_html_parse_range(m->doc, p, end - p, m->diags) < 0)
			m->rc = -1;
		m->consumed = a = end;
	}
}

static void html_node(md_ctx *m, cmark_node *n)
{
	long sl = cmark_node_get_start_line(n), el = cmark_node_get_end_line(n);
	if (sl < 1)
		return;
	if (el < sl)
		el = sl;
	html_tables_in(m, line_start(m, sl), line_end(m, el));
}

static void collect_code(md_ctx *m, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK)
			continue;
		long sl = cmark_node_get_start_line(n), el = cmark_node_get_end_line(n);
		if (sl < 1)
			continue;
		DD_GROW(m->code, m->ncode, m->capcode);
		m->code[m->ncode++] = (span){line_start(m, sl), line_end(m, el < sl ? sl : el)};
	}
	cmark_iter_free(it);
	if (m->ncode > 1)
		qsort(m->code, m->ncode, sizeof *m->code, cmp_span);
}

/* ---- page id ---- */

/* Value of the name attribute in an <a ...> tag lit, as [*v, *v + *n). */
static int anchor_name(const char *lit, const char **v, size_t *n)
{
	size_t len = strlen(lit);
	if (!is_tag(lit, len, "<a"))
		return 0;
	for (const char *p = lit + 2; (p = strstr(p, "name")); p += 4) {
		if (!dd_is_space((unsigned char)p[-1]))
			continue;
		const char *q = p + 4;
		while (dd_is_space((unsigned char)*q))
			q++;
		if (*q != '=')
			continue;
		q++;
		while (dd_is_space((unsigned char)*q))
			q++;
		if (*q == '"' || *q == '\'') {
			const char *close = strchr(q + 1, *q);
			if (!close)
				return 0;
			*v = q + 1;
			*n = (size_t)(close - q - 1);
		} else {
			const char *s = q;
			while (*q && !dd_is_space((unsigned char)*q) && *q != '>' && *q != '/')
				q++;
			*v = s;
			*n = (size_t)(q - s);
		}
		return *n > 0;
	}
	return 0;
}

static void read_page_id(md_ctx *m, cmark_node *h)
{
	long l = cmark_node_get_start_line(h);
	size_t a = line_start(m, l), e = line_end(m, l);
	for (cmark_node *c = cmark_node_first_child(h); c; c = cmark_node_next(c)) {
		const char *lit, *v;
		size_t n;
		if (cmark_node_get_type(c) != CMARK_NODE_HTML_INLINE ||
		    !(lit = cmark_node_get_literal(c)) || !anchor_name(lit, &v, &n))
			continue;
		size_t ll = strlen(lit);
		const char *at = ll <= e - a ? memmem(m->text + a, e - a, lit, ll) : NULL;
		m->doc->page = dd_arena_strndup(m->doc->arena, v, n);
		m->doc->page_off = at ? (size_t)(at - m->text) + (size_t)(v - lit) : a;
		return;
	}
}

static int is_atx(const md_ctx *m, cmark_node *h)
{
	long l = cmark_node_get_start_line(h);
	size_t a = line_start(m, l), e = line_end(m, l);
	size_t p = content_start(m, a, e, quote_depth(h));
	return p < e && m->text[p] == '#';
}

/* ---- parse ---- */

static int parse(dd_doc *doc, dd_diag_sink *diags)
{
	init();
	md_ctx m = {.doc = doc, .diags = diags, .text = doc->src->text, .len = doc->src->len};
	if (!m.text) {
		m.text = "";
		m.len = 0;
	}
	build_lines(&m);
	char *defused = check_limits(&m);

	cmark_parser *p = cmark_parser_new(CMARK_OPT_DEFAULT);
	if (table_ext)
		cmark_parser_attach_syntax_extension(p, table_ext);
	cmark_parser_feed(p, defused ? defused : m.text, m.len);
	cmark_node *root = cmark_parser_finish(p);
	free(defused);

	collect_code(&m, root);
	int seen_atx = 0;
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		if (ev != CMARK_EVENT_ENTER)
			continue;
		cmark_node *n = cmark_iter_get_node(it);
		switch (cmark_node_get_type(n)) {
		case CMARK_NODE_HEADING:
			if (!seen_atx && is_atx(&m, n)) {
				seen_atx = 1;
				read_page_id(&m, n);
			}
			break;
		case CMARK_NODE_HTML_BLOCK:
			html_node(&m, n);
			break;
		case CMARK_NODE_HTML_INLINE: {
			const char *lit = cmark_node_get_literal(n);
			if (lit && is_tag(lit, strlen(lit), "<table"))
				html_node(&m, n);
			break;
		}
		default:
			if (type_is(n, "table")) {
				read_table(&m, n);
				cmark_iter_reset(it, n, CMARK_EVENT_EXIT);
			}
			break;
		}
	}
	cmark_iter_free(it);
	cmark_node_free(root);
	cmark_parser_free(p);
	dd_buf_free(&m.para);
	free(m.ls);
	free(m.code);
	free(m.seg);
	return m.rc;
}

/* ---- sniff ---- */

/* Cells of the row line t[p, e) (p at its first non-blank byte), split as
 * split_row() does. delim: t[p, e) must be a delimiter row ("|---|:--:|"),
 * else 0. */
static size_t row_cells(const char *t, size_t p, size_t e, int delim)
{
	if (delim) {
		while (e > p && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
			e--;
		if (p == e || !memchr(t + p, '|', e - p))
			return 0;
	}
	size_t n = 0;
	int piped = 0;
	if (p < e && t[p] == '|') {
		p++;
		piped = 1;
	}
	for (size_t s = p;; p++) {
		if (delim && p < e && !is_delim_char(t[p]))
			return 0;
		if (p == e || (t[p] == '|' && t[p - 1] != '\\')) {
			size_t c = skip_blank(t, s, p);
			if (p == e && piped && trim_end(t, c, p) == c)
				break; /* the closing pipe, and blanks after it */
			if (delim && !is_delim_cell(t, c, p))
				return 0;
			n++;
			if (p == e)
				break;
			s = p + 1;
			piped = 1;
		}
	}
	return n;
}

int dd_md_has_pipe_table(const char *t, size_t n)
{
	size_t ha = 0, he = 0; /* the line before, when it has a '|' */
	int have_head = 0;
	for (size_t a = 0; a < n;) {
		const char *nl = memchr(t + a, '\n', n - a);
		size_t e = nl ? (size_t)(nl - t) : n;
		size_t cells = row_cells(t, skip_blank(t, a, e), e, 1);
		if (cells && have_head && row_cells(t, skip_blank(t, ha, he), he, 0) == cells)
			return 1;
		size_t q = skip_blank(t, a, e);
		have_head = q < e && memchr(t + q, '|', e - q) != NULL;
		ha = a;
		he = e > a && t[e - 1] == '\r' ? e - 1 : e;
		a = e + 1;
	}
	return 0;
}

static int sniff(const dd_source *src)
{
	const char *t = src->text;
	size_t n = src->len < MD_SNIFF_BYTES ? src->len : MD_SNIFF_BYTES;
	if (!t)
		return 0;
	size_t p = 0;
	while (p < n && dd_is_space((unsigned char)t[p]))
		p++;
	int first_is_tag = p < n && t[p] == '<';
	size_t h = p;
	while (h < n && t[h] == '#')
		h++;
	if (h > p && h - p <= 6 && h < n && (t[h] == ' ' || t[h] == '\t'))
		return 80; /* an ATX heading first: "# Status Codes" */
	int score = 0;
	for (size_t a = 0; a < n;) {
		const char *nl = memchr(t + a, '\n', n - a);
		size_t e = nl ? (size_t)(nl - t) : n;
		size_t q = a;
		while (q < e && (t[q] == ' ' || t[q] == '\t'))
			q++;
		if (q < e && (t[q] == '|' || t[q] == ':' || t[q] == '-')) {
			int pipe = 0, dash = 0, other = 0;
			for (size_t i = q; i < e && !other; i++) {
				pipe |= t[i] == '|';
				dash |= t[i] == '-';
				other = !is_delim_char(t[i]);
			}
			if (pipe && dash && !other && a > 0)
				return 80;
			if (q + 1 < e && t[q] == '-' && t[q + 1] == ' ' && score < 20)
				score = 20; /* a bullet list */
		} else if (q < e && t[q] == '#' && score < 40) {
			h = q;
			while (h < e && t[h] == '#')
				h++;
			if (h - q <= 6 && h < e && t[h] == ' ')
				score = 40;
		} else if (e - q >= 3 && memcmp(t + q, "```", 3) == 0 && score < 30) {
			score = 30;
		}
		a = e + 1;
	}
	if (score < 60 && !first_is_tag && memmem(t, n, "<table", 6))
		score = 60;
	if (score < 20 && (memmem(t, n, "](", 2) || memmem(t, n, "**", 2)))
		score = 20;
	return score;
}

const dd_parser dd_parser_markdown = {"markdown", sniff, parse, init, NULL};
