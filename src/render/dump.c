#include "render.h"

#include <string.h>

static void pos(dd_doc *doc, dd_buf *out, size_t off)
{
	unsigned line, col;
	dd_source_pos(doc->src, off, &line, &col);
	dd_buf_printf(out, "%u:%u", line, col);
}

/* s in double quotes, with '"', '\\' and control characters escaped (\t, \n,
 * \r, \xHH; a NUL is \x00), so every paragraph reads back unambiguously. */
static void quoted(dd_buf *out, const char *s, size_t n)
{
	dd_buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c == '"' || c == '\\') {
			dd_buf_putc(out, '\\');
			dd_buf_putc(out, (char)c);
		} else if (c == '\t') {
			dd_buf_puts(out, "\\t");
		} else if (c == '\n') {
			dd_buf_puts(out, "\\n");
		} else if (c == '\r') {
			dd_buf_puts(out, "\\r");
		} else if (c < 0x20 || c == 0x7f) {
			dd_buf_printf(out, "\\x%02x", c);
		} else {
			dd_buf_putc(out, (char)c);
		}
	}
	dd_buf_putc(out, '"');
}

void dd_dump_doc(dd_doc *doc, dd_buf *out)
{
	dd_buf_puts(out, "file ");
	dd_diag_put_name(out, doc->src->name);
	dd_buf_putc(out, '\n');
	if (doc->page) {
		dd_buf_printf(out, "page %s at ", doc->page);
		pos(doc, out, doc->page_off);
		dd_buf_putc(out, '\n');
	}
	for (unsigned ti = 0; ti < doc->ntables; ti++) {
		dd_table *t = &doc->tables[ti];
		dd_buf_printf(out, "table %u %s at ", ti + 1, t->format);
		pos(doc, out, t->off);
		dd_buf_printf(out, ": %u columns, %u rows, %u header\n", t->ncols, t->nrows, t->nhead);
		if (t->caption) {
			dd_buf_puts(out, "caption ");
			quoted(out, t->caption, strlen(t->caption));
			dd_buf_putc(out, '\n');
		}
		for (unsigned r = 0; r < t->nrows; r++) {
			dd_row *row = &t->rows[r];
			dd_buf_printf(out, "row %u%s\n", r + 1, r < t->nhead ? " header" : "");
			for (unsigned c = 0; c < t->ncols; c++) {
				dd_cell *cell = &row->cells[c];
				dd_buf_printf(out, "  cell %u", c + 1);
				if (cell->flags & DD_CELL_COVERED) {
					dd_buf_puts(out, " covered\n");
					continue;
				}
				dd_buf_puts(out, " at ");
				pos(doc, out, cell->off);
				if (cell->rowspan > 1 || cell->colspan > 1)
					dd_buf_printf(out, " span %ux%u", cell->rowspan, cell->colspan);
				if (cell->npara == 0)
					dd_buf_puts(out, " empty");
				dd_buf_putc(out, '\n');
				for (unsigned p = 0; p < cell->npara; p++) {
					dd_buf_puts(out, "    ");
					quoted(out, cell->paras[p].text, cell->paras[p].len);
					dd_buf_putc(out, '\n');
				}
			}
		}
	}
}
