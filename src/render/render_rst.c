/* render_rst.c - a docutils grid table, or a simple table.
 *
 *   .. table:: Status codes          (only when a caption is given)
 *
 *      +-------------+-----------+-----------------------------+
 *      | Status Code | Name      | Description                 |
 *      +=============+===========+=============================+
 *      | 404         | Not Found | First paragraph, wrapped at |
 *      |             |           | spaces.                     |
 *      |             |           |                             |
 *      |             |           | Second paragraph.           |
 *      +-------------+-----------+-----------------------------+
 *
 * Layout. Widths are counted as docutils counts them (states.py
 * isolate_grid_table, StringList.pad_double_width): a character whose
 * utf8proc_charwidth is 2 (East Asian wide and full-width) takes two
 * columns, every other code point one -- a combining mark too, although a
 * terminal shows it in zero columns. So a decomposed "e" + U+0301 makes its
 * line look one column short on screen, but docutils and docdrift's parser
 * accept the table, which they would not if the borders were aligned for
 * the eye (docutils reports "Malformed table"). CJK lines up either way.
 * Each column is as wide as its widest line, or as the source table had it
 * (dd_render_opts.colw) where that is wider. A paragraph is one line; with
 * a width (dd_render_opts.width) the description and extra columns are
 * wrapped at that many display columns, at spaces only, and a word longer
 * than that widens its column. Key, name and header cells are never
 * wrapped. Paragraphs of a cell are separated by one blank cell line.
 * Without records the header row is the whole table and has no "+===+"
 * under it (docutils rejects a header without a body).
 *
 * Simple table (dd_render_opts.rst_simple), the layout of documents that
 * use them:
 *
 *      =========== ========= ===========================
 *      Status Code Name      Description
 *      =========== ========= ===========================
 *      404         Not Found First paragraph.
 *
 *                            Second paragraph.
 *      =========== ========= ===========================
 *
 * columns one space apart (or as the source table had them), each as wide
 * as its widest line; a row's further
 * lines leave the first column blank (docutils reads them as continuation
 * lines) and a blank line between them separates paragraphs. A row in
 * which two cells take several lines, or a table without records, is
 * written as a grid table instead: a simple table cannot say which cell a
 * blank line belongs to, nor have a header without a body.
 *
 * Escaping, so docutils reads every cell literally:
 *   - `\`, `*`, backquote and `|` always get a backslash (inline markup,
 *     substitution references);
 *   - `_` gets one unless an ASCII letter or digit follows (`name_`,
 *     `name__`, `[1]_` references);
 *   - a paragraph ending in `::` gets `\::` (else docutils expects a literal
 *     block and prints one colon);
 *   - a paragraph's first character is escaped when it could open a block
 *     construct: any ASCII punctuation (bullets, field and option lists,
 *     `..`, `>>>`, `__`, transitions), a Unicode bullet, or the first
 *     character of an enumerator such as `1.`, `a)`, `IV.`, `#.` (a word
 *     like `Fine.` is none);
 *   - a second line made of one repeated punctuation character would be a
 *     section underline: that word stays on the first line instead;
 *   - a first word of backslashes only is preceded by `\ ` (an escaped
 *     space, which docutils drops), else `\\\\` would be a transition.
 * A backslash before a non-space character stands for the character itself
 * in reStructuredText, so these escapes never change the text. */
#include "render_internal.h"

#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "parsers/parser.h"

typedef struct rline {
	size_t off, len;   /* into the escaped text buffer */
	size_t width;      /* display width */
} rline;

typedef struct layout {
	dd_buf esc;        /* escaped text of every cell */
	rline *lines;
	size_t nlines, cap;
	size_t *first;     /* per cell (header row first): index of its first line */
	size_t *count;     /* per cell: number of lines */
	size_t *colw;      /* per column: content width */
} layout;

/* Columns of s[0..n) for a docutils grid table (see the top). */
static size_t display_width(const char *s, size_t n)
{
	size_t w = 0, i = 0;
	while (i < n) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0) { /* not UTF-8: cannot happen for loaded text; count a column */
			w++;
			i++;
			continue;
		}
		w += utf8proc_charwidth(cp) == 2 ? 2 : 1;
		i += (size_t)k;
	}
	return w;
}

static int is_ascii_punct(int c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

static int is_ascii_alnum(int c)
{
	return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* 1 when the paragraph's first character must be escaped (see the top). */
static int block_start(const char *s, size_t n)
{
	const unsigned char c = (unsigned char)s[0];
	if (is_ascii_punct(c))
		return 1;
	/* U+2022 bullet, U+2023 triangular bullet, U+2043 hyphen bullet */
	if (n >= 3 && c == 0xE2 && (((unsigned char)s[1] == 0x80 &&
	                             ((unsigned char)s[2] == 0xA2 || (unsigned char)s[2] == 0xA3)) ||
	                            ((unsigned char)s[1] == 0x81 && (unsigned char)s[2] == 0x83)))
		return 1;
	size_t w = 0;
	while (w < n && s[w] != ' ')
		w++;
	if (w < 2 || (s[w - 1] != '.' && s[w - 1] != ')'))
		return 0;
	/* docutils' enumerators: arabic numbers, '#', one letter, or a Roman
	 * numeral ("Fine." is none of them and needs no escape) */
	int digits = 1, roman = 1;
	for (size_t i = 0; i + 1 < w; i++) {
		char ch = s[i];
		digits &= ch >= '0' && ch <= '9';
		roman &= strchr("ivxlcdmIVXLCDM", ch) != NULL;
		if (!is_ascii_alnum((unsigned char)ch) && ch != '#')
			return 0;
	}
	return digits || roman || w == 2;
}

/* Appends the escaped form of s[0..n) (one paragraph) to b. */
static void escape_para(dd_buf *b, const char *s, size_t n)
{
	/* A first word of backslashes only, escaped, is a run of one punctuation
	 * character: a transition or overline. An escaped space, which docutils
	 * removes, breaks the run (wrap() keeps it inside the word). */
	size_t bs = 0;
	while (bs < n && s[bs] == '\\')
		bs++;
	if (bs > 0 && (bs == n || s[bs] == ' '))
		dd_buf_puts(b, "\\ ");
	if (n && block_start(s, n) && s[0] != '\\' && s[0] != '*' && s[0] != '`' && s[0] != '|' &&
	    !(s[0] == '_' && !(n > 1 && is_ascii_alnum((unsigned char)s[1]))) &&
	    !(n == 2 && s[0] == ':' && s[1] == ':'))
		dd_buf_putc(b, '\\');
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const char c = s[i];
		int esc = c == '\\' || c == '*' || c == '`' || c == '|' ||
		          (c == '_' && !(i + 1 < n && is_ascii_alnum((unsigned char)s[i + 1]))) ||
		          (c == ':' && i + 2 == n && s[i + 1] == ':');
		if (esc) {
			dd_buf_put(b, s + start, i - start);
			dd_buf_putc(b, '\\');
			start = i;
		} else if (c != ' ' && dd_is_space((unsigned char)c)) {
			/* not in a parsed paragraph; a line break or tab would break the grid */
			dd_buf_put(b, s + start, i - start);
			dd_buf_putc(b, ' ');
			start = i + 1;
		}
	}
	dd_buf_put(b, s + start, n - start);
}

static void add_line(layout *L, size_t off, size_t len)
{
	if (L->nlines == L->cap) {
		L->cap = L->cap ? 2 * L->cap : 64;
		rline *v = dd_xrealloc(L->lines, L->cap * sizeof *v);
		L->lines = v;
	}
	rline *l = &L->lines[L->nlines++];
	l->off = off;
	l->len = len;
	l->width = display_width(L->esc.ptr + off, len);
}

/* A word a docutils section underline could be made of. */
static int underline_like(const char *s, size_t n)
{
	if (n == 0 || !is_ascii_punct((unsigned char)s[0]))
		return 0;
	for (size_t i = 1; i < n; i++)
		if (s[i] != s[0])
			return 0;
	return 1;
}

/* 1 when s[i] is preceded by an odd run of backslashes (back to from). */
static int escaped(const char *s, size_t from, size_t i)
{
	size_t k = i;
	while (k > from && s[k - 1] == '\\')
		k--;
	return (i - k) % 2 == 1;
}

/* Splits the escaped paragraph esc[off, end) into lines of at most max
 * display columns at spaces; max == 0: one line. */
static void wrap(layout *L, size_t off, size_t end, size_t max)
{
	const char *s = L->esc.ptr;
	if (max == 0) {
		add_line(L, off, end - off);
		return;
	}
	size_t ls = 0, le = 0, lw = 0, lineno = 0;
	int open = 0;
	size_t i = off;
	while (i < end) {
		while (i < end && s[i] == ' ')
			i++;
		if (i == end)
			break;
		size_t ws = i;
		while (i < end && (s[i] != ' ' || escaped(s, ws, i)))
			i++;
		size_t ww = display_width(s + ws, i - ws);
		if (!open) {
			ls = ws;
			le = i;
			lw = ww;
			open = 1;
		} else if (lw + 1 + ww <= max || (lineno == 0 && underline_like(s + ws, i - ws))) {
			le = i;
			lw += 1 + ww;
		} else {
			add_line(L, ls, le - ls);
			lineno++;
			ls = ws;
			le = i;
			lw = ww;
		}
	}
	if (open)
		add_line(L, ls, le - ls);
}

static void put_border(dd_buf *out, const layout *L, unsigned ncols, const char *indent,
                       char ch)
{
	dd_buf_puts(out, indent);
	dd_buf_putc(out, '+');
	for (unsigned c = 0; c < ncols; c++) {
		dd_buf_grow(out, L->colw[c] + 3);
		memset(out->ptr + out->len, ch, L->colw[c] + 2);
		out->len += L->colw[c] + 2;
		out->ptr[out->len++] = '+';
		out->ptr[out->len] = '\0';
	}
	dd_buf_putc(out, '\n');
}

/* Every row has at most one cell of several lines. */
static int simple_fits(const layout *L, size_t nrows, unsigned nc)
{
	for (size_t r = 0; r <= nrows; r++) {
		unsigned multi = 0;
		for (unsigned c = 0; c < nc; c++)
			multi += L->count[r * nc + c] > 1;
		if (multi > 1)
			return 0;
	}
	return nrows > 0;
}

static void put_simple_rule(dd_buf *out, const layout *L, unsigned ncols, const char *indent,
                            unsigned gap)
{
	dd_buf_puts(out, indent);
	for (unsigned c = 0; c < ncols; c++) {
		for (unsigned g = 0; c && g < gap; g++)
			dd_buf_putc(out, ' ');
		dd_buf_grow(out, L->colw[c] + 1);
		memset(out->ptr + out->len, '=', L->colw[c]);
		out->len += L->colw[c];
		out->ptr[out->len] = '\0';
	}
	dd_buf_putc(out, '\n');
}

static void put_simple_row(dd_buf *out, const layout *L, size_t cell0, unsigned ncols,
                           const char *indent, unsigned gap)
{
	size_t h = 1;
	for (unsigned c = 0; c < ncols; c++)
		if (L->count[cell0 + c] > h)
			h = L->count[cell0 + c];
	for (size_t k = 0; k < h; k++) {
		size_t start = out->len, pad = 0;
		dd_buf_puts(out, indent);
		for (unsigned c = 0; c < ncols; c++) {
			if (c)
				pad += gap;
			if (k < L->count[cell0 + c]) {
				const rline *l = &L->lines[L->first[cell0 + c] + k];
				if (l->len) {
					for (; pad; pad--)
						dd_buf_putc(out, ' ');
					dd_buf_put(out, L->esc.ptr + l->off, l->len);
				}
				pad += L->colw[c] - (l->len ? l->width : 0);
			} else {
				pad += L->colw[c];
			}
		}
		if (out->len == start + strlen(indent)) /* a blank line: no indent either */
			out->len = start;
		out->ptr[out->len] = '\0';
		dd_buf_putc(out, '\n');
	}
}

static void put_row(dd_buf *out, const layout *L, size_t cell0, unsigned ncols,
                    const char *indent)
{
	size_t h = 1;
	for (unsigned c = 0; c < ncols; c++)
		if (L->count[cell0 + c] > h)
			h = L->count[cell0 + c];
	for (size_t k = 0; k < h; k++) {
		dd_buf_puts(out, indent);
		dd_buf_putc(out, '|');
		for (unsigned c = 0; c < ncols; c++) {
			size_t w = 0;
			dd_buf_putc(out, ' ');
			if (k < L->count[cell0 + c]) {
				const rline *l = &L->lines[L->first[cell0 + c] + k];
				dd_buf_put(out, L->esc.ptr + l->off, l->len);
				w = l->width;
			}
			for (; w < L->colw[c] + 1; w++)
				dd_buf_putc(out, ' ');
			dd_buf_putc(out, '|');
		}
		dd_buf_putc(out, '\n');
	}
}

/* The DD-005 error for a table the RST parser would refuse; widest: the
 * cell (header row first) of the widest column. */
/* Display width of the widest word of line l (words end at unescaped spaces). */
static size_t widest_word(const layout *L, const rline *l)
{
	const char *s = L->esc.ptr + l->off;
	size_t best = 0;
	for (size_t i = 0; i < l->len;) {
		size_t w = i;
		while (w < l->len && (s[w] != ' ' || escaped(s, i, w)))
			w++;
		size_t dw = display_width(s + i, w - i);
		if (dw > best)
			best = dw;
		i = w + 1;
	}
	return best;
}

/* colw: the widest column's width; word: the width of the widest word of
 * its widest line when that word alone makes the table too wide (no
 * --width can help), else 0 */
static void too_wide(const dd_rtable *t, size_t width, size_t widest, size_t colw, size_t word)
{
	if (!t->diags)
		return;
	const unsigned nc = t->ncols;
	if (nc > DD_RST_MAX_COLS) {
		dd_diag(t->diags, NULL, (size_t)-1, DD_ERROR, DD_E_TOO_BIG,
		        "an RST table of %u columns is more than the %u the RST reader takes "
		        "(DD_RST_MAX_COLS); table not written, --to md, html or csv can hold it",
		        nc, DD_RST_MAX_COLS);
		return;
	}
	const char *head = t->heads[widest % nc];
	if (widest < nc) {
		dd_diag(t->diags, NULL, (size_t)-1, DD_ERROR, DD_E_TOO_BIG,
		        "the column header \"%.40s...\" is %zu columns wide; the RST table would be %zu "
		        "columns wide, more than the %u the RST reader takes (DD_RST_MAX_WIDTH); table "
		        "not written, --to md, html or csv can hold it",
		        head, colw, width, DD_RST_MAX_WIDTH);
		return;
	}
	const dd_record *r = &t->recs[widest / nc - 1];
	const int wraps = !word && t->wrap[widest % nc]; /* --width would wrap it */
	dd_diag_at(t->diags, r->file, r->line, r->column, DD_ERROR, DD_E_TOO_BIG,
	           "the \"%s\" cell of %s holds %s %zu columns wide; the RST table would be %zu "
	           "columns wide, more than the %u the RST reader takes (DD_RST_MAX_WIDTH); table not "
	           "written, %s",
	           head, r->key, word ? "a word" : "a line", word ? word : colw, width,
	           DD_RST_MAX_WIDTH, wraps ? "--width N wraps it" : "--to md, html or csv can hold it");
}

int dd_render_rst(const dd_rtable *t, dd_buf *out)
{
	const unsigned nc = t->ncols;
	const size_t ncells = (t->nrows + 1) * nc;
	layout L = {DD_BUF_INIT, NULL, 0, 0, NULL, NULL, NULL};
	L.first = dd_xmalloc(ncells * sizeof *L.first);
	L.count = dd_xmalloc(ncells * sizeof *L.count);
	L.colw = dd_xmalloc(nc * sizeof *L.colw);

	/* Escape everything first (the buffer moves as it grows), then wrap. */
	size_t *span = dd_xmalloc(2 * ncells * sizeof *span);   /* per cell: esc range of all paras */
	size_t npspan = 0, capspan = 0;
	size_t *pspan = NULL;                                 /* per paragraph: esc off, end */
	for (size_t i = 0; i < ncells; i++) {
		span[2 * i] = npspan;
		if (i < nc) {
			const char *h = t->heads[i];
			if (*h) {
				if (npspan + 1 > capspan) {
					capspan = capspan ? 2 * capspan : 64;
					pspan = dd_xrealloc(pspan, 2 * capspan * sizeof *pspan);
				}
				pspan[2 * npspan] = L.esc.len;
				escape_para(&L.esc, h, strlen(h));
				pspan[2 * npspan + 1] = L.esc.len;
				npspan++;
			}
		} else {
			const dd_rcell *c = &t->cells[i - nc];
			for (unsigned p = 0; p < c->npara; p++) {
				if (npspan + 1 > capspan) {
					capspan = capspan ? 2 * capspan : 64;
					pspan = dd_xrealloc(pspan, 2 * capspan * sizeof *pspan);
				}
				pspan[2 * npspan] = L.esc.len;
				escape_para(&L.esc, c->paras[p].text, c->paras[p].len);
				pspan[2 * npspan + 1] = L.esc.len;
				npspan++;
			}
		}
		span[2 * i + 1] = npspan;
	}
	if (!L.esc.ptr)
		dd_buf_put(&L.esc, "", 0);

	for (unsigned c = 0; c < nc; c++)
		L.colw[c] = 0;
	/* a line's columns; the cell and the line that set the widest column */
	size_t width = 1, widest = 0, widest_line = 0;
	for (size_t i = 0; i < ncells; i++) {
		const unsigned col = (unsigned)(i % nc);
		const size_t max = i >= nc && t->wrap[col] ? t->o->width : 0;
		L.first[i] = L.nlines;
		for (size_t p = span[2 * i]; p < span[2 * i + 1]; p++) {
			if (p > span[2 * i])
				add_line(&L, pspan[2 * p], 0); /* blank line between paragraphs */
			wrap(&L, pspan[2 * p], pspan[2 * p + 1], max);
		}
		L.count[i] = L.nlines - L.first[i];
		for (size_t k = L.first[i]; k < L.nlines; k++)
			if (L.lines[k].width > L.colw[col]) {
				L.colw[col] = L.lines[k].width;
				if (col == widest % nc || L.colw[col] > L.colw[widest % nc]) {
					widest = i;
					widest_line = k;
				}
			}
	}
	/* the source table's widths, where the text fits them */
	for (unsigned c = 0; t->o->colw && t->o->ncolw == nc && c < nc; c++)
		if (t->o->colw[c] > L.colw[c])
			L.colw[c] = t->o->colw[c];
	const int simple = t->o->rst_simple && simple_fits(&L, t->nrows, nc);
	const unsigned gap = t->o->colgap ? t->o->colgap : 1;
	for (unsigned c = 0; c < nc; c++)
		width += L.colw[c] + (simple ? (c ? gap : 0) : 3);
	if (simple)
		width--; /* no border column */
	int rc = 0;
	if (nc > DD_RST_MAX_COLS || width > DD_RST_MAX_WIDTH) {
		size_t colw = L.colw[widest % nc];
		size_t word = L.nlines ? widest_word(&L, &L.lines[widest_line]) : colw;
		too_wide(t, width, widest, colw, width - colw + word > DD_RST_MAX_WIDTH ? word : 0);
		rc = -1;
		goto done;
	}

	const char *indent = "";
	if (t->o->caption_markup && *t->o->caption_markup) {
		dd_buf_printf(out, ".. table:: %s\n\n", t->o->caption_markup);
		indent = "   ";
	} else if (t->caption && *t->caption) {
		dd_buf_puts(out, ".. table:: ");
		escape_para(out, t->caption, strlen(t->caption));
		dd_buf_puts(out, "\n\n");
		indent = "   ";
	}
	if (simple) {
		put_simple_rule(out, &L, nc, indent, gap);
		put_simple_row(out, &L, 0, nc, indent, gap);
		put_simple_rule(out, &L, nc, indent, gap);
		for (size_t r = 0; r < t->nrows; r++)
			put_simple_row(out, &L, (r + 1) * nc, nc, indent, gap);
		put_simple_rule(out, &L, nc, indent, gap);
		goto done;
	}
	put_border(out, &L, nc, indent, '-');
	put_row(out, &L, 0, nc, indent);
	/* docutils rejects a "+===+" as the last line: no body, no header rule */
	put_border(out, &L, nc, indent, t->nrows ? '=' : '-');
	for (size_t r = 0; r < t->nrows; r++) {
		put_row(out, &L, (r + 1) * nc, nc, indent);
		put_border(out, &L, nc, indent, '-');
	}

done:
	free(pspan);
	free(span);
	free(L.lines);
	free(L.first);
	free(L.count);
	free(L.colw);
	dd_buf_free(&L.esc);
	return rc;
}
