/* rst_flat.c - flattened grid tables.
 *
 * The whole table sits on one line: every newline and run of spaces became
 * one space. Borders keep their dashes, so a border is still a token
 * "+---+---+" (its '+' count gives the columns); between two borders, each
 * original line left "| c1 | c2 | ... | cn |" and consecutive lines meet in
 * an empty junction "| |". A separator is a '|' with a space (or the line's
 * end) on both sides. Within one row, cell k's text is piece k of each
 * original line; an empty piece between non-empty ones was a blank cell line
 * and separates paragraphs. */
#include "rst_internal.h"

#include <stdlib.h>
#include <string.h>

/* Border token at p: its end, or 0. */
static size_t border_token(const char *t, size_t p, size_t e, unsigned *plus, int *eq)
{
	if (p >= e || t[p] != '+')
		return 0;
	size_t q = p;
	unsigned n = 0;
	int line = 0, heq = 0;
	while (q < e && (t[q] == '+' || t[q] == '-' || t[q] == '=')) {
		if (t[q] == '+')
			n++;
		else
			line = 1;
		if (t[q] == '=')
			heq = 1;
		q++;
	}
	if (!line || t[q - 1] != '+' || q - p < 3 || (q < e && t[q] != ' '))
		return 0;
	*plus = n;
	*eq = heq;
	return q;
}

size_t rst_flat_find(const char *t, size_t p, size_t e)
{
	size_t start = p;
	while (p < e) {
		const char *q = memchr(t + p, '+', e - p);
		if (!q)
			return e;
		p = (size_t)(q - t);
		if (p == start || t[p - 1] == ' ') {
			unsigned plus;
			int eq;
			size_t end = border_token(t, p, e, &plus, &eq);
			/* a table starts with its top border: "+===+ |" starts none */
			if (end && !eq && end + 1 < e && t[end] == ' ' && t[end + 1] == '|')
				return p;
			if (end) {
				p = end;
				continue;
			}
		}
		p++;
	}
	return e;
}

typedef struct frow {
	size_t first, n;   /* pieces */
	size_t off;
} frow;

size_t rst_flat(rst_ctx *x, size_t li, size_t p, const char *caption)
{
	const char *t = x->text;
	size_t e = rst_line_end(x, li);
	while (e > p && dd_is_space((unsigned char)t[e - 1]))
		e--;
	unsigned plus = 0;
	int eq = 0;
	size_t pos = border_token(t, p, e, &plus, &eq);
	if (!pos)
		return e; /* unreachable: rst_flat_find() stops only at a border token */
	unsigned ncols = plus - 1;
	if (ncols > DD_RST_MAX_COLS) {
		rst_err(x, p, DD_E_TOO_BIG,
		        "flattened grid table border has %u columns; the limit is %u (DD_RST_MAX_COLS)",
		        ncols, DD_RST_MAX_COLS);
		return e;
	}
	frow *rows = NULL;
	size_t nrows = 0, rowcap = 0;
	rst_seg *pieces = NULL;
	size_t np = 0, pcap = 0;
	long nhead = -1;
	size_t hsep_off = 0;
	int bad = 0;
	for (;;) {
		size_t k = pos;
		while (k < e && t[k] == ' ')
			k++;
		if (k >= e || t[k] != '|')
			break;
		/* one table row: pieces up to the next border */
		DD_GROW(rows, nrows, rowcap);
		frow *row = &rows[nrows++];
		row->first = np;
		row->off = k;
		size_t sep = k;
		size_t bend = 0;
		for (;;) {
			size_t q = sep + 1;
			while (q < e && t[q] == ' ')
				q++;
			if (q < e && t[q] == '+' && (bend = border_token(t, q, e, &plus, &eq)) != 0) {
				pos = q;
				break;
			}
			if (q >= e) {
				dd_diag(x->diags, x->doc->src, e, DD_ERROR, DD_E_GRID_FLAT,
				        "flattened grid table ends without a bottom border; expected '+---+' "
				        "after the row at column %zu",
				        row->off - x->ls[li] + 1);
				bad = 1;
				break;
			}
			/* the separator: a '|' with a space (or the end) on both sides */
			size_t s2 = e;
			for (size_t z = q; z < e; z++) {
				const char *bar = memchr(t + z, '|', e - z);
				if (!bar)
					break;
				z = (size_t)(bar - t);
				if (t[z - 1] == ' ' && (z + 1 >= e || t[z + 1] == ' ')) {
					s2 = z;
					break;
				}
			}
			if (s2 >= e) {
				dd_diag(x->diags, x->doc->src, q, DD_ERROR, DD_E_GRID_FLAT,
				        "flattened grid table cell has no closing ' | '; expected a separator "
				        "and a bottom border '+---+'");
				bad = 1;
				break;
			}
			DD_GROW(pieces, np, pcap);
			pieces[np].off = sep + 1;
			pieces[np].len = s2 - sep - 1;
			np++;
			sep = s2;
		}
		if (bad)
			break;
		row->n = np - row->first;
		/* n = L * (ncols + 1) - 1 pieces, every junction empty */
		if ((row->n + 1) % (ncols + 1) != 0) {
			dd_diag(x->diags, x->doc->src, row->off, DD_ERROR, DD_E_GRID_FLAT,
			        "flattened grid table row has %zu cell pieces; expected %u per original line "
			        "(%u columns) plus an empty junction between lines",
			        row->n, ncols, ncols);
			bad = 1;
			break;
		}
		for (size_t q = ncols; q < row->n; q += ncols + 1) {
			const rst_seg *jn = &pieces[row->first + q];
			for (size_t z = 0; z < jn->len && !bad; z++)
				if (t[jn->off + z] != ' ') {
					dd_diag(x->diags, x->doc->src, jn->off + z, DD_ERROR, DD_E_GRID_FLAT,
					        "flattened grid table has text where two original lines meet; "
					        "expected an empty junction '| |' after every %u cells",
					        ncols);
					bad = 1;
				}
		}
		if (bad)
			break;
		if (plus != ncols + 1) {
			dd_diag(x->diags, x->doc->src, pos, DD_ERROR, DD_E_GRID_FLAT,
			        "flattened grid table border has %u columns; expected %u like the first border "
			        "(row and column spans cannot be recovered)",
			        plus - 1, ncols);
			bad = 1;
			break;
		}
		if (eq) {
			if (nhead >= 0) {
				dd_diag(x->diags, x->doc->src, pos, DD_ERROR, DD_E_GRID_HEADER,
				        "second header separator '+===+' in one grid table (the first is at column "
				        "%zu); expected only one",
				        hsep_off - x->ls[li] + 1);
				bad = 1;
				break;
			}
			nhead = (long)nrows;
			hsep_off = pos;
		}
		pos = bend;
	}
	if (bad || nrows == 0) {
		free(rows);
		free(pieces);
		if (bad)
			x->errors++;
		return bad ? e : pos;
	}
	dd_table *tb = dd_doc_add_table(x->doc, "rst-grid-flat", p, ncols);
	tb->nhead = nhead > 0 ? (unsigned)nhead : 0;
	tb->caption = caption;
	for (size_t r = 0; r < nrows; r++)
		dd_table_add_row(x->doc, tb, rows[r].off);
	for (size_t r = 0; r < nrows; r++) {
		size_t lines = (rows[r].n + 1) / (ncols + 1);
		for (unsigned c = 0; c < ncols; c++) {
			x->nseg = 0;
			for (size_t l = 0; l < lines; l++) {
				const rst_seg *pc = &pieces[rows[r].first + l * (ncols + 1) + c];
				rst_seg_push(x, pc->off, pc->len);
			}
			rst_cell_fill(x, &tb->rows[r].cells[c], pieces[rows[r].first + c].off);
		}
	}
	dd_diag(x->diags, x->doc->src, p, DD_NOTE, DD_N_GRID_FLAT,
	        "table recovered from a flattened layout: %zu rows, %u columns", nrows, ncols);
	free(rows);
	free(pieces);
	return pos;
}
