/* md_fast.c - pipe tables read without cmark-gfm's table extension.
 *
 * cmark-gfm 0.29's table extension costs about a microsecond a cell, however
 * short: every body row is split twice, each cell allocated and copied five
 * times, then inline-parsed on its own; on pages of pipe tables it runs at a
 * sixth of cmark-gfm's speed on other Markdown. When a document's block
 * structure is plain enough to be read here exactly as cmark-gfm reads it,
 * its tables are split here (the row and cell rules of cmark-gfm's scanner,
 * which md_split_row() follows), and cmark-gfm sees only what needs its
 * inline parser: the cells holding one of \ ` * _ [ ] ! < & (all of them as
 * the rows of one one-column table, so each is parsed from exactly its own
 * bytes) and the first ATX heading (the page id). A plain cell's text is its
 * trimmed bytes, which is what cmark-gfm's inline parser makes of them.
 *
 * The document qualifies when it holds
 *   - no "]:" (no link reference definitions: cells need no document
 *     context), no "```" or "~~~" (fences), no "<!" "<?" or "<table" (HTML
 *     blocks and comments, raw HTML tables), no NUL, VT or FF;
 *   - no line whose content starts after a tab or 4+ spaces, or with '<' or
 *     '>' (indented code, list continuations, HTML blocks, block quotes);
 *   - and every line cmark-gfm could take for a delimiter row (a line of
 *     '-' and blanks is not one: a setext underline, thematic break or list
 *     item comes first) opens a table read here: at column 0 with a '|',
 *     under a header line with as many cells, both starting at column 0
 *     with a byte no block starts with (a letter, '|', a digit not opening
 *     a list item, some punctuation), above which are such lines (the
 *     paragraph the table interrupts) up to a blank line, a column-0 ATX
 *     heading or the document's start; then rows of such lines, indented
 *     by 0-3 spaces (a '|' line must hold a cell), up to a blank line or
 *     the end.
 * Any other document is read by cmark-gfm whole, as before. DD_MD_NOFAST=1
 * makes every document take that path, for comparing. */
#include <stdlib.h>
#include <string.h>

#include "md_internal.h"

/* c followed by rest[0, k) somewhere in t[0, n): memchr for c, which glibc
 * runs far faster than memmem for needles this short. */
static int has_run(const char *t, size_t n, char c, const char *rest, size_t k)
{
	for (const char *p = t, *e = t + n; (p = memchr(p, c, (size_t)(e - p))); p++)
		if ((size_t)(e - p) > k && memcmp(p + 1, rest, k) == 0)
			return 1;
	return 0;
}

/* A byte that makes a cell need cmark-gfm's inline parser (its special
 * characters; NUL becomes U+FFFD). */
static int md_special(unsigned char c)
{
	return c == '\\' || c == '`' || c == '*' || c == '_' || c == '[' || c == ']' || c == '!' ||
	       c == '<' || c == '&' || c == 0;
}

/* cmark's whitespace, which it trims off a cell. */
static int cm_space(char c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\v' || c == '\f' || c == '\r';
}

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int line_blank(const md_ctx *m, long l)
{
	size_t e = md_line_end(m, l);
	return skip_blank(m->text, md_line_start(m, l), e) == e;
}

/* Line l is an ATX heading: 0-3 spaces, 1-6 '#', then a blank or the end.
 * *at: its first '#'. */
static int atx_line(const md_ctx *m, long l, size_t *at)
{
	size_t a = md_line_start(m, l), e = md_line_end(m, l), p = a;
	while (p < e && p - a < 3 && m->text[p] == ' ')
		p++;
	size_t h = p;
	while (h < e && m->text[h] == '#')
		h++;
	if (h == p || h - p > 6 || (h < e && m->text[h] != ' ' && m->text[h] != '\t'))
		return 0;
	*at = p;
	return 1;
}

static int col0_atx(const md_ctx *m, long l)
{
	size_t at;
	return atx_line(m, l, &at) && at == md_line_start(m, l);
}

/* t[q, e) starts with a byte no block starts with: a letter, '|', a digit
 * run not opening an ordered list item, or punctuation that opens nothing.
 * At column 0 it is then a paragraph's text after any line, and in a table
 * a row (cmark-gfm takes any line with a cell). */
static int plain_at(const md_ctx *m, size_t q, size_t e)
{
	if (q == e)
		return 0;
	char c = m->text[q];
	if (is_alpha(c) || c == '|' || c == '(' || c == '"' || c == '\'' || c == '.' || c == ',' ||
	    c == ':' || c == ';' || c == '?' || c == '/' || c == '\\' || c == '$' || c == '%' ||
	    c == '@' || c == '{' || (unsigned char)c >= 0x80)
		return 1;
	if (c >= '0' && c <= '9') {
		size_t d = q;
		while (d < e && d - q < 10 && m->text[d] >= '0' && m->text[d] <= '9')
			d++;
		return !(d < e && (m->text[d] == '.' || m->text[d] == ')'));
	}
	return 0;
}

static int plain_line(const md_ctx *m, long l)
{
	return plain_at(m, md_line_start(m, l), md_line_end(m, l));
}

typedef struct ftable {
	long head, delim, last; /* lines: header, delimiter row, last row */
	unsigned ncols;
} ftable;

typedef struct fslow {
	size_t tbl, row, col;  /* the cell, by index (the tables' arrays may move) */
	size_t s, se;          /* its source */
} fslow;

/* The tables of a qualifying document into *out; 0 when it does not qualify. */
static int find_tables(md_ctx *m, ftable **out, size_t *nout, long *atx, size_t *atx_at)
{
	const char *t = m->text;
	/* first the scan that stops early on pages of raw HTML tables */
	for (const char *p = t, *e = t + m->len; (p = memchr(p, '<', (size_t)(e - p))); p++)
		if (e - p >= 2 && (p[1] == '!' || p[1] == '?' || dd_prefix_ci(p, (size_t)(e - p), "<table")))
			return 0;
	if (memchr(t, '\0', m->len) || memchr(t, '\v', m->len) || memchr(t, '\f', m->len) ||
	    has_run(t, m->len, ']', ":", 1) || has_run(t, m->len, '`', "``", 2) ||
	    has_run(t, m->len, '~', "~~", 2))
		return 0;
	ftable *tabs = NULL;
	size_t ntabs = 0, tcap = 0;
	int ok = 1;
	for (long l = 1; ok && (size_t)l <= m->nl; l++) {
		size_t a = md_line_start(m, l), e = md_line_end(m, l), q = a;
		while (q < e && t[q] == ' ')
			q++;
		if (skip_blank(t, q, e) == e)
			continue; /* blank */
		if (t[q] == '\t' || q - a >= 4 || t[q] == '<' || t[q] == '>') {
			ok = 0;
			break;
		}
		size_t h, cols;
		if (!*atx && atx_line(m, l, &h)) {
			*atx = l;
			*atx_at = h;
		}
		if (!md_is_delim_row(m, q, e, 0, &cols))
			continue;
		int pipe = memchr(t + q, '|', e - q) != NULL;
		if (!pipe && !memchr(t + q, ':', e - q))
			continue; /* "---": a setext underline, a thematic break or a list item */
		/* a delimiter row: it must open a table read here */
		if (q != a || !pipe || l < 2 || line_blank(m, l - 1) || cols > DD_MD_MAX_COLS) {
			ok = 0;
			break;
		}
		long hl = l - 1;
		size_t ha = md_line_start(m, hl), he = md_line_end(m, hl);
		if (!plain_line(m, hl)) {
			ok = 0;
			break;
		}
		/* the lines right above the header are a paragraph the table
		 * interrupts (cmark-gfm's header is its last line): each must be one
		 * no block starts at, so that the paragraph is the document's own */
		for (long u = hl - 1; ok && u >= 1 && !line_blank(m, u) && !col0_atx(m, u); u--)
			ok = plain_line(m, u);
		if (!ok)
			break;
		md_split_row(m, ha, he);
		if (m->nseg != cols) {
			ok = 0;
			break;
		}
		long r = l + 1;
		for (; (size_t)r <= m->nl && !line_blank(m, r); r++) {
			size_t ra = md_line_start(m, r), re = md_line_end(m, r), rs = ra;
			while (rs < re && rs - ra < 3 && t[rs] == ' ')
				rs++;
			if (!plain_at(m, rs, re)) {
				ok = 0;
				break;
			}
			if (t[rs] == '|') {
				md_split_row(m, rs, re);
				if (m->nseg == 0) { /* "|" alone holds no cell: cmark-gfm ends the table */
					ok = 0;
					break;
				}
			}
		}
		if (!ok)
			break;
		DD_GROW(tabs, ntabs, tcap);
		tabs[ntabs++] = (ftable){hl, l, r - 1, (unsigned)cols};
		l = r - 1;
	}
	if (!ok) {
		free(tabs);
		return 0;
	}
	*out = tabs;
	*nout = ntabs;
	return 1;
}

/* Gives the cells in slow[0, n) their text from cmark-gfm: one one-column
 * table whose rows are the cells as written. */
static void read_slow_cells(md_ctx *m, size_t first_table, const fslow *slow, size_t n)
{
	dd_buf syn = DD_BUF_INIT;
	dd_buf_puts(&syn, "|x|\n|-|\n");
	for (size_t i = 0; i < n; i++) {
		dd_buf_putc(&syn, '|');
		dd_buf_put(&syn, m->text + slow[i].s, slow[i].se - slow[i].s);
		/* the space: a cell may end in '\' (at its line's end), which must not
		 * escape the closing pipe; cmark trims it off again */
		dd_buf_puts(&syn, " |\n");
	}
	cmark_parser *p = md_new_parser();
	cmark_parser_feed(p, syn.ptr, syn.len);
	cmark_node *root = cmark_parser_finish(p);
	cmark_node *tbl = cmark_node_first_child(root);
	cmark_node *rn = tbl ? cmark_node_first_child(tbl) : NULL;
	if (rn)
		rn = cmark_node_next(rn); /* past the header "x" */
	for (size_t i = 0; i < n; i++, rn = rn ? cmark_node_next(rn) : NULL) {
		cmark_node *cn = rn ? cmark_node_first_child(rn) : NULL;
		if (!cn)
			dd_fatal("markdown: a cell lost in the one-column table of the fast path");
		dd_table *tb = &m->doc->tables[first_table + slow[i].tbl];
		md_read_cell(m, cn, &tb->rows[slow[i].row].cells[slow[i].col], slow[i].s, slow[i].se);
	}
	if (rn)
		dd_fatal("markdown: more rows than cells in the one-column table of the fast path");
	cmark_node_free(root);
	cmark_parser_free(p);
	dd_buf_free(&syn);
}

int md_fast(md_ctx *m)
{
	if (getenv("DD_MD_NOFAST"))
		return 0;
	ftable *tabs;
	size_t ntabs;
	long atx = 0;
	size_t atx_at = 0;
	if (!find_tables(m, &tabs, &ntabs, &atx, &atx_at))
		return 0;

	const char *t = m->text;
	dd_doc *doc = m->doc;
	fslow *slow = NULL;
	size_t nslow = 0, scap = 0, first_table = doc->ntables;
	for (size_t k = 0; k < ntabs; k++) {
		const ftable *ft = &tabs[k];
		dd_table *tb = dd_doc_add_table(doc, "md-pipe", md_line_start(m, ft->head), ft->ncols);
		tb->nhead = 1;
		for (long r = 0, nrows = 1 + ft->last - ft->delim; r < nrows; r++) {
			long l = r == 0 ? ft->head : ft->delim + r;
			size_t a = md_line_start(m, l), e = md_line_end(m, l), cs = skip_blank(t, a, e);
			dd_row *row = dd_table_add_row(doc, tb, cs);
			if (!memchr(t + a, '|', e - a))
				row->flags |= DD_ROW_UNDELIMITED;
			md_split_row(m, cs, e);
			unsigned c = 0;
			for (; c < ft->ncols && c < m->nseg; c++) {
				dd_cell *cell = &row->cells[c];
				size_t s0 = m->seg[c].start, ce = m->seg[c].end;
				size_t f = skip_blank(t, s0, ce);
				cell->off = f < ce ? f : s0;
				size_t i = s0;
				while (i < ce && !md_special((unsigned char)t[i]))
					i++;
				if (i < ce) {
					DD_GROW(slow, nslow, scap);
					slow[nslow++] = (fslow){k, (size_t)r, c, s0, ce};
					continue;
				}
				size_t b = s0, z = ce;
				while (b < z && cm_space(t[b]))
					b++;
				while (z > b && cm_space(t[z - 1]))
					z--;
				int pending = 0;
				dd_buf_reset(&m->para);
				dd_buf_put_collapsed(&m->para, t + b, z - b, &pending);
				dd_cell_add_para(doc, cell, m->para.ptr, m->para.len, cell->off); /* none if empty */
			}
			for (; c < ft->ncols; c++)
				row->cells[c].off = e;
		}
	}
	if (nslow)
		read_slow_cells(m, first_table, slow, nslow);
	for (size_t k = 0; k < ntabs; k++)
		md_drop_chrome(m, &doc->tables[first_table + k]);
	if (atx) {
		cmark_parser *p = md_new_parser();
		cmark_parser_feed(p, t + atx_at, md_line_end(m, atx) - atx_at);
		cmark_node *root = cmark_parser_finish(p);
		cmark_node *h = cmark_node_first_child(root);
		if (h && cmark_node_get_type(h) == CMARK_NODE_HEADING)
			md_read_page_id(m, h, atx);
		cmark_node_free(root);
		cmark_parser_free(p);
	}
	free(slow);
	free(tabs);
	return 1;
}
