/* render.c - format names and the neutral table view every renderer reads. */
#include "render_internal.h"

#include <stdlib.h>
#include <string.h>

static const struct {
	const char *name;
	dd_render_format f;
} format_names[] = {
	{"md", DD_RENDER_MD},     {"markdown", DD_RENDER_MD}, {"rst", DD_RENDER_RST},
	{"html", DD_RENDER_HTML}, {"csv", DD_RENDER_CSV},     {"json", DD_RENDER_JSON},
};

int dd_render_format_parse(const char *name, dd_render_format *f)
{
	if (!name)
		return -1;
	for (size_t i = 0; i < sizeof format_names / sizeof format_names[0]; i++)
		if (strcmp(name, format_names[i].name) == 0) {
			*f = format_names[i].f;
			return 0;
		}
	return -1;
}

const char *dd_render_format_name(dd_render_format f)
{
	switch (f) {
	case DD_RENDER_MD: return "md";
	case DD_RENDER_RST: return "rst";
	case DD_RENDER_HTML: return "html";
	case DD_RENDER_CSV: return "csv";
	case DD_RENDER_JSON: return "json";
	}
	return "?";
}

/* A one-paragraph cell for a plain string; "" gives an empty cell. */
static dd_rcell string_cell(dd_para *slot, const char *s, size_t off)
{
	dd_rcell c = {NULL, 0};
	if (s && *s) {
		slot->text = s;
		slot->len = strlen(s);
		slot->off = off;
		c.paras = slot;
		c.npara = 1;
	}
	return c;
}

int dd_render_table(dd_render_format f, const dd_record *recs, size_t n,
                    const dd_render_opts *o, dd_buf *out)
{
	return dd_render_table_diag(f, recs, n, o, NULL, out);
}

int dd_render_table_diag(dd_render_format f, const dd_record *recs, size_t n,
                         const dd_render_opts *o, dd_diag_sink *diags, dd_buf *out)
{
	int rc = 0;
	/* Extra headers: union over the records, first-seen order. */
	size_t nextra = 0, cap = 0;
	for (size_t r = 0; r < n; r++)
		cap += recs[r].nextra;
	const char **heads = dd_xcalloc(DD_RCOL_EXTRA + cap, sizeof *heads);
	heads[DD_RCOL_KEY] = "Status Code";
	heads[DD_RCOL_NAME] = "Name";
	heads[DD_RCOL_DESC] = "Description";
	for (size_t r = 0; r < n; r++)
		for (unsigned e = 0; e < recs[r].nextra; e++) {
			const char *h = recs[r].extra[e].header ? recs[r].extra[e].header : "";
			size_t k = 0;
			while (k < nextra && strcmp(heads[DD_RCOL_EXTRA + k], h) != 0)
				k++;
			if (k == nextra)
				heads[DD_RCOL_EXTRA + nextra++] = h;
		}

	unsigned ncols = DD_RCOL_EXTRA + (unsigned)nextra;
	dd_rcell *cells = dd_xcalloc(n * ncols, sizeof *cells);
	dd_para *slots = dd_xcalloc(2 * n, sizeof *slots);
	for (size_t r = 0; r < n; r++) {
		const dd_record *rec = &recs[r];
		dd_rcell *row = &cells[r * ncols];
		row[DD_RCOL_KEY] = string_cell(&slots[2 * r], rec->key, rec->off);
		row[DD_RCOL_NAME] = string_cell(&slots[2 * r + 1], rec->name, rec->off);
		row[DD_RCOL_DESC].paras = rec->desc;
		row[DD_RCOL_DESC].npara = rec->desc ? rec->ndesc : 0;
		for (unsigned e = 0; e < rec->nextra; e++) {
			const char *h = rec->extra[e].header ? rec->extra[e].header : "";
			for (unsigned c = DD_RCOL_EXTRA; c < ncols; c++)
				if (strcmp(heads[c], h) == 0) {
					if (row[c].npara == 0 && rec->extra[e].paras) {
						row[c].paras = rec->extra[e].paras;
						row[c].npara = rec->extra[e].npara;
					}
					break;
				}
		}
	}

	dd_rtable t = {ncols, heads, n, cells, recs, o ? o->caption : NULL, diags};
	switch (f) {
	case DD_RENDER_MD: dd_render_md(&t, out); break;
	case DD_RENDER_RST: rc = dd_render_rst(&t, out); break;
	case DD_RENDER_HTML: dd_render_html(&t, out); break;
	case DD_RENDER_CSV: dd_render_csv(&t, out); break;
	case DD_RENDER_JSON: dd_render_json(&t, out); break;
	}
	free(slots);
	free(cells);
	free(heads);
	return rc;
}
