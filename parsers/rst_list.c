/* rst_list.c - Sphinx's and docutils' ".. list-table::".
 *
 * Grammar (docutils' ListTable, with the block cut by rst_dir.c):
 *
 *   list-table = ".. list-table::" [ TITLE ] { OPTION } BLANK ROWS
 *   ROWS       = one bullet list ("*", "-" or "+", the same for every item)
 *                and nothing else
 *   row        = an item holding exactly one bullet list, whose items are
 *                the cells; every row has as many cells as the first
 *   cell       = the item's lines (the first after its marker), dedented,
 *                read as any cell's text (rst_cell.c)
 *   options    = :header-rows: N (the first N rows are header rows),
 *                :stub-columns: N (kept as data: a stub is a row's label),
 *                :widths: auto | N... (one per column), :width:, :class:,
 *                :name:, :align:
 *
 * Anything else is refused as docutils refuses it, with the line it is
 * on: no content, a row that is not a list, rows of other lengths, more
 * header rows than rows, more stub columns than columns, bad widths. The
 * title is the table's caption. */
#include <stdlib.h>
#include <string.h>

#include "rst_internal.h"

static const char *const list_options[] = {
	"header-rows", "stub-columns", "width", "widths", "class", "name", "align", NULL,
};

/* One item of a bullet list: its lines (the first after the marker). */
typedef struct item {
	rst_seg *segs;
	size_t n, cap;
	size_t marker;       /* offset of its bullet */
} item;

typedef struct items {
	item *v;
	size_t n, cap;
} items;

static void items_free(items *it)
{
	for (size_t i = 0; i < it->n; i++)
		free(it->v[i].segs);
	free(it->v);
	memset(it, 0, sizeof *it);
}

/* Leading spaces of a line (its indentation within the block). */
static size_t lead(const rst_ctx *x, const rst_seg *s)
{
	size_t k = 0;
	while (k < s->len && (x->text[s->off + k] == ' ' || x->text[s->off + k] == '\t'))
		k++;
	return k;
}

static int is_bullet(const rst_ctx *x, const rst_seg *s, char c)
{
	const char *p = x->text + s->off;
	return s->len >= 1 && p[0] == c && (s->len == 1 || p[1] == ' ' || p[1] == '\t');
}

/* The items of the bullet list that lines[0, n) must be and nothing else.
 * Returns 0, or the 1-based index of the first line that is not the list's
 * (-1: no list at all). */
static long split_list(const rst_ctx *x, const rst_seg *lines, size_t n, items *out)
{
	size_t k = 0;
	while (k < n && lead(x, &lines[k]) == lines[k].len)
		k++;
	if (k == n || lead(x, &lines[k]) != 0)
		return -1;
	char c = x->text[lines[k].off];
	if ((c != '*' && c != '-' && c != '+') || !is_bullet(x, &lines[k], c))
		return -1;
	for (; k < n; k++) {
		const rst_seg *s = &lines[k];
		size_t ld = lead(x, s);
		if (ld == s->len || ld > 0) {
			if (out->n) { /* the item goes on (a blank line, or indented) */
				item *it = &out->v[out->n - 1];
				DD_GROW(it->segs, it->n, it->cap);
				it->segs[it->n++] = *s;
			}
			continue;
		}
		if (!is_bullet(x, s, c))
			return (long)k + 1;
		DD_GROW(out->v, out->n, out->cap);
		item *it = &out->v[out->n++];
		it->segs = NULL;
		it->n = it->cap = 0;
		it->marker = s->off;
		DD_GROW(it->segs, it->n, it->cap);
		size_t m = 1;
		while (m < s->len && (x->text[s->off + m] == ' ' || x->text[s->off + m] == '\t'))
			m++;
		it->segs[it->n++] = (rst_seg){s->off + m, s->len - m};
	}
	/* each item's lines after the first lose their least indentation, and
	 * trailing blank lines */
	for (size_t i = 0; i < out->n; i++) {
		item *it = &out->v[i];
		while (it->n > 1 && lead(x, &it->segs[it->n - 1]) == it->segs[it->n - 1].len)
			it->n--;
		size_t min = (size_t)-1;
		for (size_t j = 1; j < it->n; j++) {
			size_t ld = lead(x, &it->segs[j]);
			if (ld < it->segs[j].len && ld < min)
				min = ld;
		}
		for (size_t j = 1; j < it->n && min != (size_t)-1; j++) {
			size_t d = it->segs[j].len < min ? it->segs[j].len : min;
			it->segs[j].off += d;
			it->segs[j].len -= d;
		}
	}
	return 0;
}

int rst_table_dimensions(rst_ctx *x, size_t off, const char *dir, int code, size_t nrows,
                         unsigned ncols, long header_rows, long stub_columns)
{
	if ((size_t)header_rows > nrows || ((size_t)header_rows == nrows && header_rows > 0)) {
		rst_err(x, off, code, "%s: :header-rows: %ld, and the table has %zu row%s; expected "
		        "rows of data below the header rows", dir, header_rows, nrows,
		        nrows == 1 ? "" : "s");
		return -1;
	}
	if (stub_columns > 0 && (unsigned long)stub_columns >= ncols) {
		rst_err(x, off, code, "%s: :stub-columns: %ld, and the table has %u column%s; expected "
		        "columns of data beside the stub columns", dir, stub_columns, ncols,
		        ncols == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

void rst_list_table(rst_ctx *x, const rst_dblock *b)
{
	static const char dir[] = "list-table";
	long hr, sc;
	if (rst_dblock_table_opts(x, b, dir, DD_E_LIST_TABLE, list_options, &hr, &sc) < 0)
		return;
	if (!b->ncontent) {
		rst_err(x, b->off, DD_E_LIST_TABLE, "list-table has no content; expected a two-level "
		        "bullet list (\"* - cell\") after a blank line");
		return;
	}
	items rows = {NULL, 0, 0};
	items *cells = NULL;
	long bad = split_list(x, b->content, b->ncontent, &rows);
	if (bad) {
		size_t at = bad > 0 ? b->content[bad - 1].off : b->content[0].off;
		rst_err(x, at, DD_E_LIST_TABLE, "list-table: %s; expected exactly one bullet list, "
		        "one item per row", bad > 0 ? "text after the list of rows" : "no bullet list");
		goto done;
	}
	cells = dd_xcalloc(rows.n, sizeof *cells);
	unsigned ncols = 0;
	for (size_t r = 0; r < rows.n; r++) {
		const item *row = &rows.v[r];
		if (split_list(x, row->segs, row->n, &cells[r]) != 0) {
			rst_err(x, row->marker, DD_E_LIST_TABLE, "list-table: row %zu holds no list of "
			        "cells (or text beside it); expected a second-level bullet list, one item "
			        "per cell (\"* - cell\")", r + 1);
			goto done;
		}
		if (r == 0)
			ncols = (unsigned)cells[0].n;
		else if (cells[r].n != ncols) {
			rst_err(x, row->marker, DD_E_LIST_TABLE, "list-table: row %zu has %zu cell%s and "
			        "row 1 has %u; expected the same number in every row", r + 1, cells[r].n,
			        cells[r].n == 1 ? "" : "s", ncols);
			goto done;
		}
	}
	if (ncols > DD_RST_MAX_COLS) {
		rst_err(x, b->off, DD_E_TOO_BIG, "list-table of %u columns; at most %u are read", ncols,
		        DD_RST_MAX_COLS);
		goto done;
	}
	if (rst_table_dimensions(x, b->off, dir, DD_E_LIST_TABLE, rows.n, ncols, hr, sc) < 0 ||
	    rst_dblock_widths(x, b, ncols, dir, DD_E_LIST_TABLE) < 0)
		goto done;
	dd_table *t = dd_doc_add_table(x->doc, "rst-list", b->off, ncols);
	t->nhead = (unsigned)hr;
	rst_dblock_caption(x, b, t);
	for (size_t r = 0; r < rows.n; r++) {
		dd_row *row = dd_table_add_row(x->doc, t, rows.v[r].marker);
		for (unsigned c = 0; c < ncols; c++) {
			const item *cell = &cells[r].v[c];
			x->nseg = 0;
			for (size_t k = 0; k < cell->n; k++)
				rst_seg_push(x, cell->segs[k].off, cell->segs[k].len);
			rst_cell_fill(x, &row->cells[c], cell->marker);
		}
	}
done:
	for (size_t r = 0; cells && r < rows.n; r++)
		items_free(&cells[r]);
	free(cells);
	items_free(&rows);
}
