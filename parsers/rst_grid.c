/* rst_grid.c - RST grid tables.
 *
 * Grid tables follow docutils 0.19 exactly (states.py isolate_grid_table,
 * tableparser.py GridTableParser), so that every table docutils accepts is
 * accepted with the same cells, and every one it rejects is rejected:
 *   - the top border is "+-" { "-" | "+" } "-+" (rst.c does not take one
 *     right under paragraph text: docutils reads that as the paragraph's);
 *   - the block is the following lines up to a blank line, a line at another
 *     indentation or one not starting with "+" or "|";
 *   - its last line must be such a border; when it is not, the table ends
 *     at the last border from its second-last line up to its third (DD-105
 *     warning) and reading goes on from the line before that border, as
 *     docutils does (it steps back one line too many), else DD-102;
 *   - every line (trailing blanks, Unicode ones too, left off) is exactly
 *     as wide as the top border and ends in "+" or "|";
 *   - at most one "+=" { "=" | "+" } "=+" line, not the last, separates
 *     header rows from body rows;
 *   - cells are found by scanning from each top-left "+" corner, in order:
 *     right along "-" to a "+", down along "|" to a "+", left along "-" back
 *     to a "+" corner and up along "|" to the start. The first corner on the
 *     right for which this closes is the cell's; every corner passed on its
 *     edges is a column or row boundary. The table is complete when the cells
 *     cover it exactly; rows and columns are the boundaries' union, so spans
 *     fall out of the rectangles. A "|" that is not under a "+" is therefore
 *     cell text, and the cell spans on to the next boundary that lines up
 *     (said in a DD-106 warning when the "|" sits by a boundary it spans);
 *   - columns count characters after tab expansion (8-column stops); East
 *     Asian wide characters take two (rst_cols.c).
 * Where docutils itself fails (an AssertionError on overlapping cells) or a
 * limit is reached, the table is refused with a message saying where.
 * The flattened form (every newline and run of spaces turned into one space)
 * is read by rst_flat.c. */
#include <stdlib.h>
#include <string.h>

#include "rst_internal.h"

/* 1 when s[0, e) is "+" c [c "+"]... c "+": docutils' "\+-[-+]+-\+ *$"
 * for a border (c '-'), "\+=[=+]+=\+ *$" for a header separator (c '='). */
static int is_rule(const char *s, const char *e, char c)
{
	if (e - s < 5 || s[0] != '+' || s[1] != c || e[-2] != c || e[-1] != '+')
		return 0;
	for (const char *p = s; p < e; p++)
		if (*p != c && *p != '+')
			return 0;
	return 1;
}

int rst_is_grid_top(const char *s, const char *e)
{
	return is_rule(s, e, '-');
}

/* First non-blank byte of line i and the end of its text (trailing blanks,
 * Unicode ones included, left off). */
static void line_bounds(const rst_ctx *x, size_t i, size_t *first, size_t *end)
{
	size_t e = rst_line_end(x, i);
	if (rst_indent(x, i, first) < 0)
		*first = e;
	while (e > *first) {
		size_t k = e - 1;
		while (k > *first && ((unsigned char)x->text[k] & 0xC0) == 0x80)
			k--;
		unsigned char c = (unsigned char)x->text[k];
		if (!(c < 0x80 ? dd_is_space(c) : rst_uni_space(x->text, k, e)))
			break;
		e = k;
	}
	*end = e;
}

/* 1 when line i is a grid border "+---+". */
static int is_border(const rst_ctx *x, size_t i)
{
	size_t f, e;
	line_bounds(x, i, &f, &e);
	return rst_is_grid_top(x->text + f, x->text + e);
}

/* ---- grid tables ---- */

typedef struct gcell {
	unsigned top, left, bottom, right;
} gcell;

typedef struct gfail {
	unsigned top, left;   /* the corner that did not close */
	unsigned r, c;        /* where its edge broke */
	const char *want;
} gfail;

typedef struct grid {
	rst_ctx *x;
	size_t line0, base;
	unsigned H, W, indent;
	unsigned char *ch;
	uint32_t *at;
	uint32_t *coff;       /* a table without spans: offsets of its corner columns only, */
	unsigned *colk;       /* coff[r * ncorner + colk[c]], instead of ch and at */
	unsigned ncorner;
	long hsep;
	long *done;
	unsigned char *rowsep, *colsep;
	size_t steps, budget;
	gcell *cells;
	size_t ncells, cellcap;
	gfail *fails;
	size_t nfails, failcap;
	gfail cur;            /* deepest break seen while scanning the current corner */
	int over_budget;
} grid;

static inline unsigned char G(const grid *g, unsigned r, unsigned c)
{
	return g->ch[(size_t)r * g->W + c];
}

static inline size_t OFF(const grid *g, unsigned r, unsigned c)
{
	if (g->coff)
		return g->base + g->coff[(size_t)r * g->ncorner + g->colk[c]];
	return g->base + g->at[(size_t)r * g->W + c];
}

static unsigned line_no(grid *g, unsigned r)
{
	return (unsigned)(g->line0 + r + 1);
}

static void broke(grid *g, unsigned r, unsigned c, const char *want)
{
	if (!g->cur.want || r > g->cur.r || (r == g->cur.r && c > g->cur.c)) {
		g->cur.r = r;
		g->cur.c = c;
		g->cur.want = want;
	}
}

static int tick(grid *g)
{
	if (++g->steps > g->budget) {
		g->over_budget = 1;
		return 0;
	}
	return 1;
}

static int scan_up(grid *g, unsigned top, unsigned left, unsigned bottom)
{
	for (unsigned r = bottom - 1; r > top; r--) {
		if (!tick(g))
			return 0;
		unsigned char k = G(g, r, left);
		if (k != '+' && k != '|') {
			broke(g, r, left, "'|'");
			return 0;
		}
	}
	return 1;
}

static int scan_left(grid *g, unsigned top, unsigned left, unsigned bottom, unsigned right)
{
	for (unsigned c = right - 1; c > left; c--) {
		if (!tick(g))
			return 0;
		unsigned char k = G(g, bottom, c);
		if (k != '+' && k != '-') {
			broke(g, bottom, c, "'-'");
			return 0;
		}
	}
	if (G(g, bottom, left) != '+') {
		broke(g, bottom, left, "a '+' corner");
		return 0;
	}
	return scan_up(g, top, left, bottom);
}

static int scan_down(grid *g, unsigned top, unsigned left, unsigned right, unsigned *bottom)
{
	for (unsigned r = top + 1; r < g->H; r++) {
		if (!tick(g))
			return 0;
		unsigned char k = G(g, r, right);
		if (k == '+') {
			if (scan_left(g, top, left, r, right)) {
				*bottom = r;
				return 1;
			}
			if (g->over_budget)
				return 0;
		} else if (k != '|') {
			broke(g, r, right, "'|'");
			return 0;
		}
	}
	return 0;
}

static int scan_cell(grid *g, unsigned top, unsigned left, unsigned *bottom, unsigned *right)
{
	for (unsigned c = left + 1; c < g->W; c++) {
		if (!tick(g))
			return 0;
		unsigned char k = G(g, top, c);
		if (k == '+') {
			if (scan_down(g, top, left, c, bottom)) {
				*right = c;
				return 1;
			}
			if (g->over_budget)
				return 0;
		} else if (k != '-') {
			broke(g, top, c, "'-'");
			return 0;
		}
	}
	return 0;
}

/* Marks the corners on a found cell's edges as row/column boundaries. */
static void mark_seps(grid *g, const gcell *k)
{
	for (unsigned c = k->left + 1; c <= k->right; c++) {
		if (G(g, k->top, c) == '+')
			g->colsep[c] = 1;
		if (G(g, k->bottom, c) == '+')
			g->colsep[c] = 1;
	}
	for (unsigned r = k->top + 1; r <= k->bottom; r++) {
		if (G(g, r, k->right) == '+')
			g->rowsep[r] = 1;
		if (G(g, r, k->left) == '+')
			g->rowsep[r] = 1;
	}
}

/* Min-heap of corners, key top * W + left. */
typedef struct heap {
	uint64_t *v;
	size_t n, cap;
} heap;

static void heap_push(heap *h, uint64_t k)
{
	DD_GROW(h->v, h->n, h->cap);
	size_t i = h->n++;
	while (i > 0 && h->v[(i - 1) / 2] > k) {
		h->v[i] = h->v[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	h->v[i] = k;
}

static uint64_t heap_pop(heap *h)
{
	uint64_t top = h->v[0], last = h->v[--h->n];
	size_t i = 0;
	for (;;) {
		size_t c = 2 * i + 1;
		if (c >= h->n)
			break;
		if (c + 1 < h->n && h->v[c + 1] < h->v[c])
			c++;
		if (h->v[c] >= last)
			break;
		h->v[i] = h->v[c];
		i = c;
	}
	if (h->n)
		h->v[i] = last;
	return top;
}

/* Finds every cell. 0 when the table is complete, else reported. */
static int find_cells(grid *g)
{
	unsigned H = g->H, W = g->W;
	heap h = {NULL, 0, 0};
	heap_push(&h, 0);
	uint64_t last = UINT64_MAX;
	int rc = 0;
	while (h.n) {
		uint64_t key = heap_pop(&h);
		if (key == last)
			continue;
		last = key;
		unsigned top = (unsigned)(key / W), left = (unsigned)(key % W);
		if (top >= H - 1 || left >= W - 1 || (long)top <= g->done[left])
			continue;
		g->cur.want = NULL;
		unsigned bottom, right;
		if (!scan_cell(g, top, left, &bottom, &right)) {
			if (g->over_budget)
				break;
			if (g->cur.want) {
				DD_GROW(g->fails, g->nfails, g->failcap);
				g->cur.top = top;
				g->cur.left = left;
				g->fails[g->nfails++] = g->cur;
			}
			continue;
		}
		for (unsigned c = left; c < right; c++) {
			if (g->done[c] != (long)top - 1) {
				rst_err(g->x, OFF(g, top, left), DD_E_GRID_CELL,
				        "grid table cell at line %u column %u overlaps another cell; expected cells "
				        "that tile the table",
				        line_no(g, top + 1), g->indent + left + 2);
				rc = -1;
				goto out;
			}
			g->done[c] = (long)bottom - 1;
		}
		DD_GROW(g->cells, g->ncells, g->cellcap);
		gcell k = {top, left, bottom, right};
		g->cells[g->ncells++] = k;
		mark_seps(g, &k);
		heap_push(&h, (uint64_t)top * W + right);
		heap_push(&h, (uint64_t)bottom * W + left);
	}
	if (g->over_budget) {
		rst_err(g->x, OFF(g, 0, 0), DD_E_TOO_BIG,
		        "grid table is too irregular to scan: more than %u steps per character; "
		        "expected a table of '+' corners that line up (DD_RST_SCAN_FACTOR)",
		        DD_RST_SCAN_FACTOR);
		rc = -1;
		goto out;
	}
	for (unsigned c = 0; c + 1 < W; c++) {
		if (g->done[c] == (long)H - 2)
			continue;
		/* the first corner that should have opened a cell here */
		const gfail *f = NULL;
		for (size_t k = 0; k < g->nfails; k++)
			if ((long)g->fails[k].top > g->done[g->fails[k].left]) {
				f = &g->fails[k];
				break;
			}
		char b[8];
		if (f) {
			rst_err(g->x, OFF(g, f->r, f->c), DD_E_GRID_CELL,
			        "grid table cell does not close into a rectangle: found %s where its edge needs "
			        "%s; the cell starts at line %u column %u",
			        rst_char_name(g->x, OFF(g, f->r, f->c), b), f->want, line_no(g, f->top),
			        g->indent + f->left + 1);
		} else {
			unsigned r = (unsigned)(g->done[c] + 1);
			rst_err(g->x, OFF(g, r, c), DD_E_GRID_CELL,
			        "grid table cell does not close into a rectangle; expected '+' corners joined "
			        "by '-' and '|' edges");
		}
		rc = -1;
		break;
	}
out:
	free(h.v);
	return rc;
}

/* A '|' inside a cell that spans columns, next to a column boundary it
 * spans: docutils reads it as cell text (the cell runs on to the next
 * boundary that lines up), and so do we, but it is almost always a column
 * separator off by a column or left incomplete. Said once per table, as a
 * warning. */
static void warn_spans(grid *g)
{
	for (size_t k = 0; k < g->ncells; k++) {
		const gcell *cl = &g->cells[k];
		for (unsigned c = cl->left + 1; c < cl->right; c++) {
			if (!g->colsep[c])
				continue;
			for (unsigned r = cl->top + 1; r < cl->bottom; r++) {
				unsigned lo = c >= cl->left + 3 ? c - 2 : cl->left + 1;
				unsigned hi = c + 2 < cl->right ? c + 2 : cl->right - 1;
				for (unsigned q = lo; q <= hi; q++) {
					if (G(g, r, q) != '|' || (q > cl->left + 1 && G(g, r, q - 1) != ' ') ||
					    (q + 1 < cl->right && G(g, r, q + 1) != ' '))
						continue;
					unsigned brow = G(g, cl->top, c) == '+' ? cl->top : cl->bottom;
					dd_diag(g->x->diags, g->x->doc->src, OFF(g, r, q), DD_WARNING,
					        DD_W_GRID_PIPE,
					        "'|' at column %u is text in a cell that spans the column boundary at "
					        "column %u (the '+' at line %u), as docutils reads it; to separate "
					        "the cells, put '|' at column %u on every line of the row and '+' "
					        "where it meets the borders",
					        g->indent + q + 1, g->indent + c + 1, line_no(g, brow),
					        g->indent + c + 1);
					return;
				}
			}
		}
	}
}

static void build(grid *g, const char *caption)
{
	rst_ctx *x = g->x;
	unsigned H = g->H, W = g->W;
	unsigned *rowidx = dd_xrealloc(NULL, H * sizeof *rowidx);
	unsigned *colidx = dd_xrealloc(NULL, W * sizeof *colidx);
	unsigned nr = 0, nc = 0;
	for (unsigned r = 0; r < H; r++) {
		rowidx[r] = nr;
		nr += g->rowsep[r];
	}
	for (unsigned c = 0; c < W; c++) {
		colidx[c] = nc;
		nc += g->colsep[c];
	}
	nr--;
	nc--;
	unsigned char *used = NULL;
	if (nc > DD_RST_MAX_COLS) {
		rst_err(g->x, OFF(g, 0, 0), DD_E_TOO_BIG,
		        "grid table has %u columns; the limit is %u (DD_RST_MAX_COLS)", nc, DD_RST_MAX_COLS);
		goto out;
	}
	used = dd_xcalloc((size_t)nr * nc + 1, 1);
	for (size_t k = 0; k < g->ncells; k++) {
		const gcell *cl = &g->cells[k];
		for (unsigned r = rowidx[cl->top]; r < rowidx[cl->bottom]; r++)
			for (unsigned c = colidx[cl->left]; c < colidx[cl->right]; c++) {
				if (used[(size_t)r * nc + c]++) {
					rst_err(g->x, OFF(g, cl->top, cl->left), DD_E_GRID_CELL,
					        "grid table cells overlap at line %u; expected cells that tile the table",
					        line_no(g, cl->top));
					goto out;
				}
			}
	}
	for (size_t k = 0; k < (size_t)nr * nc; k++)
		if (!used[k]) {
			rst_err(g->x, OFF(g, 0, 0), DD_E_GRID_CELL,
			        "grid table cells leave a gap; expected cells that tile the table");
			goto out;
		}
	unsigned nhead = 0;
	if (g->hsep >= 0) {
		if (!g->rowsep[g->hsep]) {
			rst_err(g->x, OFF(g, (unsigned)g->hsep, 0), DD_E_GRID_HEADER,
			        "header separator '+===+' cuts through a cell; expected it between rows");
			goto out;
		}
		nhead = rowidx[g->hsep];
	}
	dd_table *t = dd_doc_add_table(x->doc, "rst-grid", OFF(g, 0, 0), nc);
	t->nhead = nhead;
	t->caption = caption;
	t->colw = dd_arena_alloc(x->doc->arena, nc * sizeof *t->colw);
	for (unsigned c = 0, j = 0, last = 0; c < W; c++)
		if (g->colsep[c]) {
			if (c)
				t->colw[j++] = c - last >= 3 ? c - last - 3 : 0; /* "| text |" */
			last = c;
		}
	for (unsigned r = 0; r + 1 < H; r++)
		if (g->rowsep[r])
			dd_table_add_row(x->doc, t, OFF(g, r + 1, 0));
	for (size_t k = 0; k < g->ncells; k++) {
		const gcell *cl = &g->cells[k];
		dd_cell *cell = &t->rows[rowidx[cl->top]].cells[colidx[cl->left]];
		x->nseg = 0;
		for (unsigned r = cl->top + 1; r < cl->bottom; r++) {
			size_t a = OFF(g, r, cl->left) + 1, b = OFF(g, r, cl->right);
			rst_seg_push(x, a, b > a ? b - a : 0);
		}
		rst_cell_fill(x, cell, OFF(g, cl->top + 1 < H ? cl->top + 1 : cl->top, cl->left) + 1);
		cell->rowspan = rowidx[cl->bottom] - rowidx[cl->top];
		cell->colspan = colidx[cl->right] - colidx[cl->left];
	}
	for (unsigned r = 0; r < t->nrows; r++)
		for (unsigned c = 0; c < nc; c++) {
			dd_cell *cell = &t->rows[r].cells[c];
			if (!(cell->flags & DD_CELL_COVERED) && (cell->rowspan > 1 || cell->colspan > 1))
				dd_table_expand_span(t, r, c);
		}
out:
	free(used);
	free(rowidx);
	free(colidx);
}

/* The grid table whose last line is line i has no bottom border. */
static void no_bottom(rst_ctx *x, size_t i)
{
	size_t f, e;
	line_bounds(x, i, &f, &e);
	if (x->text[f] == '+' && e - f >= 2) {
		/* a border with a flaw: say where */
		size_t q = f + 1;
		while (q + 1 < e && (x->text[q] == '-' || x->text[q] == '+'))
			q++;
		char b[8];
		rst_err(x, q, DD_E_GRID_BORDER,
		        "grid table's last line is not a border: found %s; expected a '+---+' line of "
		        "'-' and '+' only, starting with \"+-\" and ending with \"-+\"",
		        rst_char_name(x, q, b));
		return;
	}
	size_t off = x->len;
	if (i + 1 < x->nl) {
		off = x->ls[i + 1];
		rst_indent(x, i + 1, &off);
	}
	rst_err(x, off, DD_E_GRID_BORDER,
	        "grid table has no bottom border; expected a '+---+' line after line %zu", i + 1);
}

/* Next line index after the block that starts at line i: the first blank line. */
static size_t skip_block(const rst_ctx *x, size_t i)
{
	while (i < x->nl && rst_indent(x, i, NULL) >= 0)
		i++;
	return i;
}

size_t rst_grid(rst_ctx *x, size_t i, unsigned indent, const char *caption)
{
	grid g;
	memset(&g, 0, sizeof g);
	g.x = x;
	g.line0 = i;
	g.indent = indent;
	g.base = x->ls[i];
	g.hsep = -1;
	char b[8];
	/* the border's first byte, at column indent (after a list item's bullet
	 * the indentation is not all blank) */
	unsigned char ch0;
	uint32_t at0;
	size_t W = rst_expand(x, i, indent, &ch0, &at0, 1, g.base);
	size_t fo = g.base + at0;
	if (W > DD_RST_MAX_WIDTH) {
		rst_err(x, fo, DD_E_TOO_BIG,
		        "grid table border is %zu columns wide; the limit is %u (DD_RST_MAX_WIDTH)", W,
		        DD_RST_MAX_WIDTH);
		return skip_block(x, i);
	}
	size_t pluses = 0;
	for (size_t p = fo; p < rst_line_end(x, i); p++)
		pluses += x->text[p] == '+';
	if (pluses > DD_RST_MAX_COLS + 1) {
		rst_err(x, fo, DD_E_TOO_BIG,
		        "grid table border has %zu columns; the limit is %u (DD_RST_MAX_COLS)", pluses - 1,
		        DD_RST_MAX_COLS);
		return skip_block(x, i);
	}
	g.W = (unsigned)W;

	/* the block (docutils' isolate_grid_table): the lines after the top
	 * border up to a blank line, a line at another indentation (docutils:
	 * "Unexpected indentation.", or the end of the enclosing block) or a line
	 * not starting with '+' or '|' */
	size_t j = i + 1;
	for (; j < x->nl; j++) {
		size_t f;
		long ind = rst_indent(x, j, &f);
		if (ind < 0 || (unsigned long)ind != indent || (x->text[f] != '+' && x->text[f] != '|'))
			break;
	}
	/* The last line must be a border; else the table ends at the last border
	 * from its second-last line up to its third (docutils: "Blank line
	 * required after table."), and reading goes on from the line before that
	 * border: docutils steps back one line too many, so its last row line
	 * and border are read again, the border as the top of a new table. */
	size_t resume = 0;
	if (!is_border(x, j - 1)) {
		size_t k = j - i >= 4 ? j - 2 : i;
		while (k >= i + 2 && !is_border(x, k))
			k--;
		if (k < i + 2) {
			no_bottom(x, j - 1);
			return j;
		}
		resume = k - 1;
		j = k + 1;
	}
	size_t next = resume ? resume : j;
	size_t H = j - i;
	if (H == 1)
		return next; /* a lone border line: docutils makes an empty table of it */
	if (H > UINT32_MAX / 2 || x->ls[j - 1] - g.base > UINT32_MAX - DD_RST_MAX_WIDTH) {
		rst_err(x, fo, DD_E_TOO_BIG, "grid table is too big: %zu lines", H);
		return next;
	}
	g.H = (unsigned)H;
	/* Every line as wide as the top border, ending in '+' or '|', checked in
	 * one scratch row (or in place). Most tables have no spans (every border
	 * is the top border again, every other line has '|' under its '+'): their
	 * cells are those find_cells() would trace, between consecutive borders
	 * and corners, so only the corner columns' offsets are kept. A table with
	 * spans is expanded again into a matrix and scanned. */
	unsigned char *row = dd_xrealloc(NULL, 2 * W), *top = row + W;
	uint32_t *rat = dd_xrealloc(NULL, W * sizeof *rat);
	unsigned *corner = NULL;
	size_t ccap = 0, coffcap = 0, second = 0; /* second: a second header separator's offset */
	int regular = 1;
	g.rowsep = dd_xcalloc(H, 1);
	g.colsep = dd_xcalloc(W, 1);
	g.colk = dd_xrealloc(NULL, W * sizeof *g.colk);
	for (size_t r = 0; r < H; r++) {
		/* a line of printable ASCII is its own expansion: read in place, at
		 * base + off0 (off0 SIZE_MAX: expanded into row and rat) */
		size_t p = fo, e = rst_line_end(x, i + r), q = e, off0 = SIZE_MAX;
		if (r)
			rst_indent(x, i + r, &p);
		while (q > p && x->text[q - 1] == ' ')
			q--;
		const unsigned char *rw = (const unsigned char *)x->text + p;
		if (q - p == W && (rw[W - 1] == '+' || rw[W - 1] == '|') && rst_plain(x->text + p, e - p)) {
			off0 = p - g.base;
		} else {
			size_t w = rst_expand(x, i + r, indent, row, rat, W, g.base);
			rw = row;
			if (w != W) {
				char why[160];
				rst_err(x, w < W ? g.base + (w ? rat[w - 1] : 0)
				                 : rst_column_off(x, i + r, indent, W, g.base),
				        DD_E_GRID_RAGGED,
				        "grid table line is %zu columns wide%s; expected %zu like its top border at "
				        "line %zu",
				        w, rst_width_why(x, i + r, w, why, sizeof why), W, i + 1);
				goto fail;
			}
			if (row[W - 1] != '+' && row[W - 1] != '|') {
				rst_err(x, g.base + rat[W - 1], DD_E_GRID_RAGGED,
				        "grid table line ends with %s; expected '|' or '+' at column %zu, the "
				        "right edge of its top border at line %zu",
				        rst_char_name(x, g.base + rat[W - 1], b), indent + W, i + 1);
				goto fail;
			}
		}
#define AT(c) (off0 == SIZE_MAX ? rat[c] : (uint32_t)(off0 + (c)))
		/* docutils' header separator "\+=[=+]+=\+ *$", reported after every line's
		 * width as docutils does; a row boundary like any other */
		if (is_rule((const char *)rw, (const char *)rw + W, '=')) {
			if (g.hsep < 0) {
				g.hsep = (long)r;
				for (size_t c = 0; c < W; c++)
					row[c] = rw[c] == '=' ? '-' : rw[c];
				rw = row;
			} else if (!second) {
				second = g.base + AT(0);
			}
		}
		if (r == 0) {
			memcpy(top, rw, W);
			for (unsigned c = 0; c < W; c++)
				if (top[c] == '+') {
					DD_GROW(corner, g.ncorner, ccap);
					g.colk[c] = g.ncorner;
					corner[g.ncorner++] = c;
				}
		} else if (regular && rw[0] == '+') {
			regular = memcmp(rw, top, W) == 0;
			g.rowsep[r] = 1;
		} else {
			for (unsigned k = 0; k < g.ncorner && regular; k++)
				regular = rw[corner[k]] == '|';
		}
		if (regular) {
			if (r == coffcap) {
				coffcap = coffcap ? 2 * coffcap : 64;
				g.coff = dd_xrealloc(g.coff, coffcap * g.ncorner * sizeof *g.coff);
			}
			for (unsigned k = 0; k < g.ncorner; k++)
				g.coff[r * g.ncorner + k] = AT(corner[k]);
		}
#undef AT
	}
	if (second) {
		rst_err(x, second, DD_E_GRID_HEADER,
		        "second header separator '+===+' in one grid table (the first is at "
		        "line %zu); expected only one",
		        i + (size_t)g.hsep + 1);
		goto fail;
	}
	if (g.hsep == (long)H - 1) {
		rst_err(x, x->ls[i + (size_t)g.hsep] + (fo - x->ls[i]),
		        DD_E_GRID_HEADER,
		        "header separator '+===+' is the last line of the grid table; expected it between "
		        "header and body rows");
		goto fail;
	}
	g.rowsep[0] = g.colsep[0] = 1;
	regular = regular && g.rowsep[H - 1];
	if (regular) {
		for (unsigned k = 0; k < g.ncorner; k++)
			g.colsep[corner[k]] = 1;
		for (unsigned r = 1, prev = 0; r < H; r++) {
			if (!g.rowsep[r])
				continue;
			for (unsigned k = 0; k + 1 < g.ncorner; k++) {
				DD_GROW(g.cells, g.ncells, g.cellcap);
				g.cells[g.ncells++] = (gcell){prev, corner[k], r, corner[k + 1]};
			}
			prev = r;
		}
	} else {
		free(g.coff);
		g.coff = NULL;
		memset(g.rowsep + 1, 0, H - 1);
		g.ch = dd_xrealloc(NULL, H * W);
		g.at = dd_xrealloc(NULL, H * W * sizeof *g.at);
		for (size_t r = 0; r < H; r++)
			rst_expand(x, i + r, indent, g.ch + r * W, g.at + r * W, W, g.base);
		if (g.hsep >= 0)
			for (size_t c = 0; c < W; c++)
				if (g.ch[(size_t)g.hsep * W + c] == '=')
					g.ch[(size_t)g.hsep * W + c] = '-';
		g.done = dd_xrealloc(NULL, W * sizeof *g.done);
		for (size_t c = 0; c < W; c++)
			g.done[c] = -1;
		g.budget = DD_RST_SCAN_FACTOR * H * W + 4096;
	}
	size_t ntables = x->doc->ntables;
	if (regular || find_cells(&g) == 0)
		build(&g, caption);
	if (x->doc->ntables > ntables) {
		if (!regular)
			warn_spans(&g);
		if (j < x->nl && rst_indent(x, j, NULL) >= 0) {
			size_t off;
			rst_indent(x, j, &off);
			dd_diag(x->diags, x->doc->src, off, DD_WARNING, DD_W_GRID_AFTER,
			        "no blank line after the grid table that ends at line %zu: this line is not "
			        "part of it (docutils: \"Blank line required after table.\"); expected a "
			        "blank line, or a '+---+' border to close the row above",
			        j);
		}
	}
fail:
	free(row);
	free(rat);
	free(corner);
	free(g.ch);
	free(g.at);
	free(g.coff);
	free(g.colk);
	free(g.done);
	free(g.rowsep);
	free(g.colsep);
	free(g.cells);
	free(g.fails);
	return next;
}
