/* md_limits.c - the size limits of pipe tables, checked before cmark-gfm
 * sees the text: inputs its table extension would take quadratic time on. */
#include "md_internal.h"

#include <stdlib.h>
#include <string.h>

static int line_blank(const md_ctx *m, long l)
{
	size_t e = md_line_end(m, l);
	return skip_blank(m->text, md_line_start(m, l), e) == e;
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
 * `code` too) when it is over DD_MD_MAX_PIPES, else 0. Escaped ones cost cmark
 * nothing. */
static size_t too_many_pipes(const md_ctx *m, long l)
{
	size_t a = md_line_start(m, l), e = md_line_end(m, l), n = 0;
	if (e - a <= DD_MD_MAX_PIPES)
		return 0; /* too short: most lines stop here */
	for (const char *p = m->text + a, *end = m->text + e;
	     (p = memchr(p, '|', (size_t)(end - p))); p++)
		n += p == m->text + a || p[-1] != '\\';
	return n > DD_MD_MAX_PIPES ? n : 0;
}

/* Returns a copy of the text in which the delimiter row of every pipe table
 * over DD_MD_MAX_COLS columns or DD_MD_MAX_CELLS cells, and every delimiter row in a
 * block with a line of more than DD_MD_MAX_PIPES '|', is defused, each one
 * reported; NULL when there is none. Rows are counted as the non-blank lines
 * up to the next blank line (an upper bound). Each block is scanned once
 * ahead of the lines it holds, so the check stays linear. */
char *md_check_limits(md_ctx *m)
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
		size_t a = md_line_start(m, l), e = md_line_end(m, l), cols;
		if (wide) {
			/* Any delimiter row of the block: cmark reads the whole paragraph
			 * above it and every row below it. */
			size_t ds = md_content_start(m, a, e, DD_MD_MAX_QUOTES);
			if (!md_is_delim_row(m, ds, e, 0, &cols))
				continue;
			size_t ha = md_line_start(m, l - 1), he = md_line_end(m, l - 1);
			if (!memchr(m->text + ds, '|', e - ds) && !memchr(m->text + ha, '|', he - ha))
				continue; /* a setext underline, not a table */
			size_t hs = md_content_start(m, ha, he, DD_MD_MAX_QUOTES), wa = md_line_start(m, wide);
			md_split_row(m, hs, he);
			if (m->nseg == cols && cols > DD_MD_MAX_COLS)
				dd_diag(m->diags, m->doc->src, hs, DD_ERROR, DD_E_MD_TABLE,
				        "pipe table of %zu columns; at most %d are supported, table skipped",
				        cols, DD_MD_MAX_COLS);
			else
				dd_diag(m->diags, m->doc->src, md_content_start(m, wa, md_line_end(m, wide), 0),
				        DD_ERROR, DD_E_MD_TABLE,
				        "line has %zu '|'; a pipe table row may have at most %d (%d columns), "
				        "so the delimiter row at line %ld and its table are not read",
				        wide_pipes, DD_MD_MAX_PIPES, DD_MD_MAX_COLS, l);
			m->rc = -1;
			defuse(m, &copy, a, e);
			continue;
		}
		if (e - a < 2 * DD_MD_CELL_CHECK_COLS - 1)
			continue; /* too short to hold that many cells */
		if (!md_is_delim_row(m, a, e, 0, &cols) || cols < DD_MD_CELL_CHECK_COLS)
			continue;
		size_t ha = md_line_start(m, l - 1), he = md_line_end(m, l - 1);
		size_t hs = md_content_start(m, ha, he, 0);
		md_split_row(m, hs, he);
		if (m->nseg != cols)
			continue; /* not a table to GFM either */
		if (cols > DD_MD_MAX_COLS) {
			dd_diag(m->diags, m->doc->src, hs, DD_ERROR, DD_E_MD_TABLE,
			        "pipe table of %zu columns; at most %d are supported, table skipped",
			        cols, DD_MD_MAX_COLS);
			m->rc = -1;
			defuse(m, &copy, a, e);
			continue;
		}
		size_t max_rows = DD_MD_MAX_CELLS / cols;
		size_t rows = (size_t)(block_end - l);
		if (rows > max_rows) {
			dd_diag(m->diags, m->doc->src, hs, DD_ERROR, DD_E_MD_TABLE,
			        "pipe table of %zu columns and over %zu rows; at most %d cells are "
			        "supported, table skipped",
			        cols, max_rows, DD_MD_MAX_CELLS);
			m->rc = -1;
			defuse(m, &copy, a, e);
		}
	}
	return copy;
}
