/* render_md.c - a GFM pipe table.
 *
 *   | Status Code | Name | Description |
 *   | --- | --- | --- |
 *   | 404 | Not Found | First paragraph.<br><br>Second paragraph. |
 *
 * Text is written so a GFM parser reads it back literally: every ASCII
 * character that can open inline markup, an entity or a link is
 * backslash-escaped (`\ ` * _ [ ] < > & ~ |`), the pipe included, so a cell
 * boundary is always an unescaped `|`. Paragraphs of one cell are joined with
 * `<br><br>` (a cell is one line); docdrift's Markdown parser reads `<br>` in a
 * pipe cell as a paragraph break, and since a literal `<` is always escaped,
 * text can never produce one. The caption, when given, is a paragraph of its
 * own before the table. */
#include "render_internal.h"

#include <string.h>

static void put_text(dd_buf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		switch (s[i]) {
		case '\\': case '`': case '*': case '_': case '[': case ']':
		case '<': case '>': case '&': case '~': case '|':
			dd_buf_put(out, s + start, i - start);
			dd_buf_putc(out, '\\');
			start = i;
			break;
		case '\n': case '\r': case '\t': case '\f': case '\v':
			/* not in a parsed paragraph; a line break would end the row */
			dd_buf_put(out, s + start, i - start);
			dd_buf_putc(out, ' ');
			start = i + 1;
			break;
		default:
			break;
		}
	}
	dd_buf_put(out, s + start, n - start);
}

static void put_cell(dd_buf *out, const dd_rcell *c)
{
	for (unsigned p = 0; p < c->npara; p++) {
		if (p)
			dd_buf_puts(out, "<br><br>");
		put_text(out, c->paras[p].text, c->paras[p].len);
	}
}

/* The caption is a paragraph in block context: a leading `#`, `-`, `+`, `=`
 * or `1.` / `1)` would start a heading or a list, so the character that
 * makes it one is escaped too. */
static void put_caption(dd_buf *out, const char *s)
{
	size_t n = strlen(s), d = 0;
	while (d < n && s[d] >= '0' && s[d] <= '9')
		d++;
	if (d > 0 && d < n && (s[d] == '.' || s[d] == ')')) {
		put_text(out, s, d);
		dd_buf_putc(out, '\\');
		put_text(out, s + d, n - d);
	} else if (d == 0 && strchr("#-+=", s[0])) {
		dd_buf_putc(out, '\\');
		put_text(out, s, n);
	} else {
		put_text(out, s, n);
	}
	dd_buf_puts(out, "\n\n");
}

void dd_render_md(const dd_rtable *t, dd_buf *out)
{
	if (t->caption && *t->caption)
		put_caption(out, t->caption);
	dd_buf_putc(out, '|');
	for (unsigned c = 0; c < t->ncols; c++) {
		dd_buf_putc(out, ' ');
		put_text(out, t->heads[c], strlen(t->heads[c]));
		dd_buf_puts(out, " |");
	}
	dd_buf_putc(out, '\n');
	dd_buf_putc(out, '|');
	for (unsigned c = 0; c < t->ncols; c++)
		dd_buf_puts(out, " --- |");
	dd_buf_putc(out, '\n');
	for (size_t r = 0; r < t->nrows; r++) {
		dd_buf_putc(out, '|');
		for (unsigned c = 0; c < t->ncols; c++) {
			dd_buf_putc(out, ' ');
			put_cell(out, &t->cells[r * t->ncols + c]);
			dd_buf_puts(out, " |");
		}
		dd_buf_putc(out, '\n');
	}
}
