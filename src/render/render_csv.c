/* render_csv.c - RFC 4180: CRLF after every record, a header row, a field
 * quoted when it holds `"`, `,`, CR or LF, and a `"` inside doubled.
 * Paragraphs of one cell are joined by a single LF inside the quoted field.
 * There is no place for a caption. */
#include "render_internal.h"

#include <string.h>

static int needs_quotes(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] == '"' || s[i] == ',' || s[i] == '\r' || s[i] == '\n')
			return 1;
	return 0;
}

static void put_quoted(dd_buf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++)
		if (s[i] == '"') {
			dd_buf_put(out, s + start, i + 1 - start);
			start = i; /* the quote goes out twice */
		}
	dd_buf_put(out, s + start, n - start);
}

static void put_field(dd_buf *out, const char *s, size_t n)
{
	if (!needs_quotes(s, n)) {
		dd_buf_put(out, s, n);
		return;
	}
	dd_buf_putc(out, '"');
	put_quoted(out, s, n);
	dd_buf_putc(out, '"');
}

static void put_cell(dd_buf *out, const dd_rcell *c)
{
	if (c->npara == 1) {
		put_field(out, c->paras[0].text, c->paras[0].len);
		return;
	}
	if (c->npara == 0)
		return;
	dd_buf_putc(out, '"');
	for (unsigned p = 0; p < c->npara; p++) {
		if (p)
			dd_buf_putc(out, '\n');
		put_quoted(out, c->paras[p].text, c->paras[p].len);
	}
	dd_buf_putc(out, '"');
}

void dd_render_csv(const dd_rtable *t, dd_buf *out)
{
	for (unsigned c = 0; c < t->ncols; c++) {
		if (c)
			dd_buf_putc(out, ',');
		put_field(out, t->heads[c], strlen(t->heads[c]));
	}
	dd_buf_puts(out, "\r\n");
	for (size_t r = 0; r < t->nrows; r++) {
		for (unsigned c = 0; c < t->ncols; c++) {
			if (c)
				dd_buf_putc(out, ',');
			put_cell(out, &t->cells[r * t->ncols + c]);
		}
		dd_buf_puts(out, "\r\n");
	}
}
