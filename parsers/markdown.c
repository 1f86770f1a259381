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

#include "md_internal.h"

static cmark_syntax_extension *table_ext;

/* cmark-gfm's own allocator aborts on out of memory (a core dump); ours
 * exits with a message and status 2. */
static cmark_mem dd_cmark_mem = {dd_xcalloc, dd_xrealloc, free};

static void init(void)
{
	static int done;
	if (done)
		return;
	done = 1;
	cmark_gfm_core_extensions_ensure_registered();
	table_ext = cmark_find_syntax_extension("table");
}

cmark_parser *md_new_parser(void)
{
	cmark_parser *p = cmark_parser_new_with_mem(CMARK_OPT_DEFAULT, &dd_cmark_mem);
	if (table_ext)
		cmark_parser_attach_syntax_extension(p, table_ext);
	return p;
}

/* ---- the lines of the text ---- */

static void build_lines(md_ctx *m)
{
	size_t n = 1;
	for (const char *p = m->text, *e = m->text + m->len; (p = memchr(p, '\n', (size_t)(e - p)));
	     p++)
		n++;
	m->ls = dd_xrealloc(NULL, (n + 1) * sizeof *m->ls);
	size_t i = 0;
	m->ls[i++] = 0;
	for (const char *p = m->text, *e = m->text + m->len; (p = memchr(p, '\n', (size_t)(e - p)));
	     p++)
		m->ls[i++] = (size_t)(p - m->text) + 1;
	m->nl = i;
	m->ls[i] = m->len + 1;
}

/* Start and end (at the '\n' or text end) of 1-based line l, clamped. */
size_t md_line_start(const md_ctx *m, long l)
{
	if (l < 1)
		l = 1;
	if ((size_t)l > m->nl)
		return m->len;
	return m->ls[l - 1];
}

size_t md_line_end(const md_ctx *m, long l)
{
	if (l < 1)
		l = 1;
	if ((size_t)l > m->nl)
		return m->len;
	return m->ls[l] - 1;
}

/* First byte of the line's content: indentation and `quotes` '>' markers skipped. */
size_t md_content_start(const md_ctx *m, size_t p, size_t end, int quotes)
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
void md_split_row(md_ctx *m, size_t p, size_t end)
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
int md_is_delim_row(md_ctx *m, size_t p, size_t end, unsigned ncols, size_t *cols)
{
	const char *t = m->text;
	size_t q = skip_blank(t, p, end);
	if (q == end || !is_delim_char(t[q]))
		return 0;
	for (size_t i = q; i < end; i++)
		if (!is_delim_char(t[i]))
			return 0;
	md_split_row(m, q, end);
	if (m->nseg == 0 || (ncols && m->nseg != ncols))
		return 0;
	for (size_t i = 0; i < m->nseg; i++)
		if (!is_delim_cell(t, skip_blank(t, m->seg[i].start, m->seg[i].end), m->seg[i].end))
			return 0;
	*cols = m->nseg;
	return 1;
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

void md_read_cell(md_ctx *m, cmark_node *cn, dd_cell *cell, size_t cs, size_t ce)
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
		size_t a = md_line_start(m, l), e = md_line_end(m, l), cols;
		if (!md_is_delim_row(m, md_content_start(m, a, e, quotes), e, ncols, &cols))
			continue;
		size_t ha = md_line_start(m, l - 1), he = md_line_end(m, l - 1);
		md_split_row(m, md_content_start(m, ha, he, quotes), he);
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
	size_t toff = md_content_start(m, md_line_start(m, hl), md_line_end(m, hl), quotes);
	if (toff < m->consumed)
		return; /* inside a raw HTML table already handed over */
	if (ncols > DD_MD_MAX_COLS) {
		dd_diag(m->diags, doc->src, toff, DD_ERROR, DD_E_MD_TABLE,
		        "pipe table of %u columns; at most %d are supported, table skipped", ncols,
		        DD_MD_MAX_COLS);
		m->rc = -1;
		return;
	}
	dd_table *t = dd_doc_add_table(doc, "md-pipe", toff, ncols);
	t->nhead = 1;
	long r = 0;
	for (cmark_node *rn = cmark_node_first_child(tbl); rn; rn = cmark_node_next(rn), r++) {
		long l = r == 0 ? hl : delim + r;
		size_t a = md_line_start(m, l), e = md_line_end(m, l);
		size_t cs = md_content_start(m, a, e, quotes);
		dd_row *row = dd_table_add_row(doc, t, cs);
		if (!memchr(m->text + a, '|', e - a))
			row->flags |= DD_ROW_UNDELIMITED;
		md_split_row(m, cs, e);
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
			md_read_cell(m, cn, cell, s, se);
		}
		for (; c < ncols; c++)
			row->cells[c].off = e;
	}
	md_drop_chrome(m, t);
}

void md_drop_chrome(md_ctx *m, dd_table *t)
{
	unsigned keep = t->nrows;
	while (keep > 1 && (t->rows[keep - 1].flags & DD_ROW_UNDELIMITED))
		keep--;
	if (keep < t->nrows) {
		unsigned n = t->nrows - keep;
		dd_diag(m->diags, m->doc->src, t->rows[keep].off, DD_NOTE, DD_N_MD_CHROME,
		        n == 1 ? "%u trailing line without '|' is not a table row (page text folded "
		                 "into the table by GFM); dropped"
		               : "%u trailing lines without '|' are not table rows (page text folded "
		                 "into the table by GFM); dropped",
		        n);
		dd_table_truncate(t, keep);
	}
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

void md_read_page_id(md_ctx *m, cmark_node *h, long l)
{
	size_t a = md_line_start(m, l), e = md_line_end(m, l);
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
	size_t a = md_line_start(m, l), e = md_line_end(m, l);
	size_t p = md_content_start(m, a, e, quote_depth(h));
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
	if (m.len >= DD_MD_MAX_BYTES) {
		/* before anything reads the text: no position (that would scan it) */
		dd_diag(diags, doc->src, (size_t)-1, DD_ERROR, DD_E_TOO_BIG,
		        "Markdown input of %zu bytes; expected less than %zu (DD_MD_MAX_BYTES: "
		        "cmark-gfm cannot read more)",
		        m.len, DD_MD_MAX_BYTES);
		return -1;
	}
	build_lines(&m);
	char *defused = md_check_limits(&m);

	if (!defused && md_fast(&m)) {
		dd_buf_free(&m.para);
		free(m.ls);
		free(m.seg);
		return m.rc;
	}
	cmark_parser *p = md_new_parser();
	cmark_parser_feed(p, defused ? defused : m.text, m.len);
	cmark_node *root = cmark_parser_finish(p);
	free(defused);

	md_collect_code(&m, root);
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
				md_read_page_id(&m, n, cmark_node_get_start_line(n));
			}
			break;
		case CMARK_NODE_HTML_BLOCK:
			md_html_node(&m, n);
			break;
		case CMARK_NODE_HTML_INLINE: {
			const char *lit = cmark_node_get_literal(n);
			if (lit && is_tag(lit, strlen(lit), "<table"))
				md_html_node(&m, n);
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

const dd_parser dd_parser_markdown = {"markdown", md_sniff, parse, init, NULL};
