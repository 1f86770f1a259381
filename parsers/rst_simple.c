/* rst_simple.c - RST simple tables, after docutils (states.py
 * isolate_simple_table, tableparser.py SimpleTableParser):
 *
 *   =====  =====  ======     top rule: the '=' runs are the columns
 *   Head   Head   Head       header rows (only when a middle rule follows)
 *   =====  =====  ======     header separator
 *   a      b      text that  the last column may overflow to the right
 *                 goes on    first column blank: continues the row above
 *   -------------  ------    column-span underline: the row above spans
 *   =====  =====  ======     bottom: the third rule, or a rule followed by a
 *                            blank line (or the end of the indented block)
 *
 * Text in the gap between two columns is an error (except in the last column,
 * which may overflow). Rows are built only once the whole table checked. */
#include <stdlib.h>
#include <string.h>

#include "rst_internal.h"

int rst_is_simple_top(const char *s, const char *e)
{
	if (s >= e || *s != '=')
		return 0;
	unsigned runs = 0;
	for (const char *p = s; p < e; p++) {
		if (*p == '=') {
			if (p == s || p[-1] == ' ')
				runs++;
		} else if (*p != ' ') {
			return 0;
		}
	}
	return runs >= 2;
}

typedef struct sline {
	size_t first;   /* index into ch/at */
	size_t w;       /* trimmed width */
} sline;

typedef struct scol {
	size_t a, b;    /* [a, b) columns; b == SIZE_MAX: open to the right */
} scol;

typedef struct simple {
	rst_ctx *x;
	size_t line0, n;        /* lines line0 .. line0+n-1 */
	unsigned indent;
	unsigned char *ch;
	uint32_t *at;
	size_t base;
	sline *ln;
} simple;

static unsigned char SC(const simple *s, size_t l, size_t c)
{
	return c < s->ln[l].w ? s->ch[s->ln[l].first + c] : ' ';
}

/* Byte offset of column c of line l (the line's end when it is shorter). */
static size_t SOFF(const simple *s, size_t l, size_t c)
{
	if (c < s->ln[l].w)
		return s->base + s->at[s->ln[l].first + c];
	size_t e = rst_line_end(s->x, s->line0 + l);
	const char *t = s->x->text;
	while (e > s->x->ls[s->line0 + l] && dd_is_space((unsigned char)t[e - 1]))
		e--;
	return e;
}

/* Line l (relative) consists of '-', '=' and ' ' only, starting with one of
 * the first two: a rule or span underline. */
static int is_rule(const simple *s, size_t l, int eq_only)
{
	if (s->ln[l].w == 0)
		return 0;
	unsigned char k0 = SC(s, l, 0);
	if (!(k0 == '=' || (!eq_only && k0 == '-')))
		return 0;
	for (size_t c = 0; c < s->ln[l].w; c++) {
		unsigned char k = SC(s, l, c);
		if (!(k == ' ' || k == '=' || (!eq_only && k == '-')))
			return 0;
	}
	return 1;
}

static size_t parse_cols(const simple *s, size_t l, scol *out, size_t max)
{
	size_t n = 0, c = 0, w = s->ln[l].w;
	while (c < w) {
		while (c < w && SC(s, l, c) == ' ')
			c++;
		if (c >= w)
			break;
		size_t a = c;
		while (c < w && SC(s, l, c) != ' ')
			c++;
		if (n < max) {
			out[n].a = a;
			out[n].b = c;
		}
		n++;
	}
	return n;
}

typedef struct srow {
	size_t l0, l1;     /* lines [l0, l1) */
	long span;         /* span underline line, or -1 */
} srow;

/* One row's cells: start column index and span, checked against the main
 * columns. Returns the number of cells, or -1 after reporting. */
static long row_cells(simple *s, const srow *rw, const scol *cols, size_t ncols, scol *tmp,
                      unsigned *start, unsigned *span)
{
	size_t n = ncols;
	const scol *rc = cols;
	if (rw->span >= 0) {
		size_t l = (size_t)rw->span;
		n = parse_cols(s, l, tmp, ncols + 1);
		if (n > ncols || n == 0 || tmp[n - 1].b != cols[ncols - 1].b) {
			size_t c = n ? (n > ncols ? tmp[ncols].a : tmp[n - 1].b - 1) : 0;
			rst_err(s->x, SOFF(s, l, c), DD_E_SIMPLE_TABLE,
			        "column span underline does not end where the table's columns end; expected "
			        "its last run to end at column %zu like the top rule at line %zu",
			        s->indent + cols[ncols - 1].b, s->line0 + 1);
			return -1;
		}
		rc = tmp;
	}
	size_t i = 0;
	for (size_t k = 0; k < n; k++) {
		if (i >= ncols || rc[k].a != cols[i].a) {
			size_t l = (size_t)rw->span;
			rst_err(s->x, SOFF(s, l, rc[k].a), DD_E_SIMPLE_TABLE,
			        "column span underline starts at column %zu, not at the start of a column; "
			        "expected it to line up with the top rule at line %zu",
			        s->indent + rc[k].a + 1, s->line0 + 1);
			return -1;
		}
		start[k] = (unsigned)i;
		unsigned m = 1;
		while (i < ncols && rc[k].b != cols[i].b) {
			i++;
			m++;
		}
		if (i >= ncols) {
			size_t l = (size_t)rw->span;
			rst_err(s->x, SOFF(s, l, rc[k].b - 1), DD_E_SIMPLE_TABLE,
			        "column span underline ends at column %zu, not at the end of a column; expected "
			        "it to line up with the top rule at line %zu",
			        s->indent + rc[k].b, s->line0 + 1);
			return -1;
		}
		span[k] = m;
		i++;
	}
	/* text in the gaps between the row's cells (the last one may overflow) */
	for (size_t k = 0; k + 1 < n; k++) {
		size_t ga = cols[start[k] + span[k] - 1].b, gb = cols[start[k + 1]].a;
		for (size_t l = rw->l0; l < rw->l1; l++)
			for (size_t c = ga; c < gb && c < s->ln[l].w; c++)
				if (SC(s, l, c) != ' ') {
					rst_err(s->x, SOFF(s, l, c), DD_E_SIMPLE_TABLE,
					        "text in the gap between columns %zu and %zu of a simple table; expected "
					        "spaces from column %zu to %zu, as the top rule at line %zu has them",
					        k + 1, k + 2, s->indent + ga + 1, s->indent + gb, s->line0 + 1);
					return -1;
				}
	}
	return (long)n;
}

size_t rst_simple(rst_ctx *x, size_t i, unsigned indent, const char *caption)
{
	size_t fo;
	rst_indent(x, i, &fo);
	size_t toplen = rst_expand(x, i, indent, NULL, NULL, 0, 0);
	if (toplen > DD_RST_MAX_WIDTH) {
		rst_err(x, fo, DD_E_TOO_BIG,
		        "simple table rule is %zu columns wide; the limit is %u (DD_RST_MAX_WIDTH)",
		        toplen, DD_RST_MAX_WIDTH);
		return i + 1;
	}
	/* Look for the bottom rule within the indented block, stopping at it:
	 * scanning the whole block first made many tables in one page quadratic. */
	size_t end = 0, found = 0, B = i + 1;
	for (; B < x->nl; B++) {
		size_t k = B, f;
		long ind = rst_indent(x, k, &f);
		if (ind >= 0 && (unsigned long)ind < indent)
			break;
		if (ind < 0 || (unsigned long)ind != indent || x->text[f] != '=')
			continue;
		size_t le = rst_line_end(x, k);
		while (le > f && dd_is_space((unsigned char)x->text[le - 1]))
			le--;
		const char *p = x->text + f;
		int rule = 1;
		for (const char *q = p; q < x->text + le; q++)
			if (*q != '=' && *q != ' ')
				rule = 0;
		if (!rule)
			continue;
		size_t w = rst_expand(x, k, indent, NULL, NULL, 0, 0);
		if (w != toplen) {
			char why[160];
			rst_err(x, w < toplen ? le - 1 : f + toplen, DD_E_SIMPLE_TABLE,
			        "simple table rule is %zu columns wide%s; expected %zu like its top rule at "
			        "line %zu",
			        w, rst_width_why(x, k, w, why, sizeof why), toplen, i + 1);
			return k + 1;
		}
		found++;
		long next = k + 1 < x->nl ? rst_indent(x, k + 1, NULL) : -1;
		if (found == 2 || next < 0 || (unsigned long)next < indent) {
			end = k;
			break;
		}
	}
	if (!end) {
		size_t off = B < x->nl ? x->ls[B] : x->len;
		rst_err(x, off, DD_E_SIMPLE_TABLE,
		        "simple table has no bottom rule; expected a rule like its top rule at line %zu, "
		        "followed by a blank line",
		        i + 1);
		return B;
	}

	simple s;
	memset(&s, 0, sizeof s);
	s.x = x;
	s.line0 = i;
	s.n = end - i + 1;
	s.indent = indent;
	s.base = x->ls[i];
	s.ln = dd_xcalloc(s.n, sizeof *s.ln);
	size_t total = 0;
	for (size_t l = 0; l < s.n; l++) {
		size_t w = rst_expand(x, i + l, indent, NULL, NULL, 0, 0);
		if (w > DD_RST_MAX_WIDTH || x->ls[i + l] - s.base > UINT32_MAX - DD_RST_MAX_WIDTH) {
			rst_err(x, x->ls[i + l], DD_E_TOO_BIG,
			        "simple table line is %zu columns wide; the limit is %u (DD_RST_MAX_WIDTH)",
			        w, DD_RST_MAX_WIDTH);
			free(s.ln);
			return end + 1;
		}
		s.ln[l].first = total;
		s.ln[l].w = w;
		total += w;
	}
	s.ch = dd_xmalloc(total + 1);
	s.at = dd_xmalloc((total + 1) * sizeof *s.at);
	for (size_t l = 0; l < s.n; l++)
		rst_expand(x, i + l, indent, s.ch + s.ln[l].first, s.at + s.ln[l].first, s.ln[l].w,
		           s.base);

	scol *cols = NULL, *tmp = NULL;
	unsigned *start = NULL, *span = NULL;
	srow *rows = NULL;
	size_t nrows = 0;
	size_t ncols = parse_cols(&s, 0, NULL, 0);
	if (ncols > DD_RST_MAX_COLS) {
		rst_err(x, fo, DD_E_TOO_BIG,
		        "simple table has %zu columns; the limit is %u (DD_RST_MAX_COLS)", ncols,
		        DD_RST_MAX_COLS);
		goto out;
	}
	cols = dd_xmalloc(ncols * sizeof *cols);
	tmp = dd_xmalloc((ncols + 1) * sizeof *tmp);
	start = dd_xmalloc((ncols + 1) * sizeof *start);
	span = dd_xmalloc((ncols + 1) * sizeof *span);
	rows = dd_xmalloc(s.n * sizeof *rows);
	parse_cols(&s, 0, cols, ncols);
	size_t c0a = cols[0].a, c0b = cols[0].b;

	/* header separator: a '=' rule strictly inside */
	long hsep = -1;
	for (size_t l = 1; l + 1 < s.n; l++)
		if (is_rule(&s, l, 1))
			hsep = (long)l;

	/* group lines into rows */
	size_t rstart = 1;
	int text_found = 0;
	for (size_t l = 1; l < s.n; l++) {
		if (is_rule(&s, l, 0)) {
			if (l > rstart) {
				rows[nrows].l0 = rstart;
				rows[nrows].l1 = l;
				rows[nrows].span = (long)l;
				nrows++;
			}
			rstart = l + 1;
			text_found = 0;
			continue;
		}
		int first_blank = 1;
		for (size_t c = c0a; c < c0b; c++)
			if (SC(&s, l, c) != ' ')
				first_blank = 0;
		if (!first_blank) {
			if (text_found && l != rstart) {
				rows[nrows].l0 = rstart;
				rows[nrows].l1 = l;
				rows[nrows].span = -1;
				nrows++;
			}
			rstart = l;
			text_found = 1;
		} else if (!text_found) {
			rstart = l + 1;
		}
	}
	/* the bottom rule closes the last row through the loop above */
	for (size_t r = 0; r < nrows; r++)
		if (row_cells(&s, &rows[r], cols, ncols, tmp, start, span) < 0)
			goto out;

	dd_table *t = dd_doc_add_table(x->doc, "rst-simple", fo, (unsigned)ncols);
	t->caption = caption;
	t->colw = dd_arena_alloc(x->doc->arena, ncols * sizeof *t->colw);
	t->colgap = ncols > 1 ? (unsigned)(cols[1].a - cols[0].b) : 1;
	for (size_t c = 0; c < ncols; c++) {
		t->colw[c] = (unsigned)(cols[c].b - cols[c].a);
		if (c + 1 < ncols && cols[c + 1].a - cols[c].b != t->colgap)
			t->colgap = 0;
	}
	for (size_t r = 0; r < nrows; r++) {
		dd_table_add_row(x->doc, t, SOFF(&s, rows[r].l0, 0));
		if (hsep >= 0 && rows[r].l0 < (size_t)hsep)
			t->nhead++;
	}
	for (size_t r = 0; r < nrows; r++) {
		long n = row_cells(&s, &rows[r], cols, ncols, tmp, start, span);
		for (long k = 0; k < n; k++) {
			size_t a = cols[start[k]].a;
			size_t b = start[k] + span[k] >= ncols ? SIZE_MAX : cols[start[k] + span[k] - 1].b;
			x->nseg = 0;
			for (size_t l = rows[r].l0; l < rows[r].l1; l++) {
				size_t w = s.ln[l].w;
				if (a >= w) {
					rst_seg_push(x, SOFF(&s, l, a), 0);
					continue;
				}
				size_t oa = SOFF(&s, l, a), ob = SOFF(&s, l, b < w ? b : w);
				rst_seg_push(x, oa, ob > oa ? ob - oa : 0);
			}
			dd_cell *cell = &t->rows[r].cells[start[k]];
			rst_cell_fill(x, cell, SOFF(&s, rows[r].l0, a));
			cell->colspan = span[k];
		}
	}
	for (size_t r = 0; r < nrows; r++)
		for (size_t c = 0; c < ncols; c++) {
			dd_cell *cell = &t->rows[r].cells[c];
			if (!(cell->flags & DD_CELL_COVERED) && cell->colspan > 1)
				dd_table_expand_span(t, (unsigned)r, (unsigned)c);
		}
out:
	free(cols);
	free(tmp);
	free(start);
	free(span);
	free(rows);
	free(s.ln);
	free(s.ch);
	free(s.at);
	return end + 1;
}
