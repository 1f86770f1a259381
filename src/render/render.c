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

void dd_render_opts_of(const dd_record *recs, size_t n, dd_render_opts *o)
{
	unsigned width = o->width;
	memset(o, 0, sizeof *o);
	o->width = width;
	if (!n)
		return;
	const dd_table_meta *m = recs[0].meta;
	o->caption = recs[0].caption;
	o->no_name = o->no_desc = o->no_status = o->no_solution = 1;
	for (size_t i = 0; i < n; i++) {
		o->no_name &= !recs[i].has_name;
		o->no_desc &= !recs[i].has_desc;
		o->no_status &= !recs[i].has_status;
		o->no_solution &= !recs[i].has_solution;
	}
	o->rst_simple = recs[0].format && strcmp(recs[0].format, "rst-simple") == 0;
	if (!m)
		return;
	o->caption_markup = m->caption_markup;
	for (int k = 0; k < DD_NROLES; k++)
		o->heads[k] = m->head[k];
	o->join_name = m->joined;
	o->colw = m->colw;
	o->ncolw = m->ncolw;
	o->colgap = m->colgap;
}

int dd_render_table(dd_render_format f, const dd_record *recs, size_t n,
                    const dd_render_opts *o, dd_buf *out)
{
	return dd_render_table_diag(f, recs, n, o, NULL, out);
}

int dd_render_table_diag(dd_render_format f, const dd_record *recs, size_t n,
                         const dd_render_opts *o, dd_diag_sink *diags, dd_buf *out)
{
	static const dd_render_opts none;
	static const char *const defaults[DD_NKINDS][DD_NROLES] = {
		{"Status Code", "Name", "Description", NULL, NULL},
		{"Error Code", "Error Message", "Description", "Status Code", "Solution"},
	};
	int rc = 0;
	if (!o)
		o = &none;
	dd_kind kind = n ? recs[0].kind : DD_KIND_STATUS;
	/* Columns: the kind's roles (unless left out), then the extra headers,
	 * union over the records in first-seen order. */
	size_t nextra = 0, cap = 0;
	for (size_t r = 0; r < n; r++)
		cap += recs[r].nextra;
	const char **heads = dd_xcalloc(DD_NROLES + cap, sizeof *heads);
	unsigned char *wrap = dd_xcalloc(DD_NROLES + cap, 1);
	int col[DD_NROLES] = {-1, -1, -1, -1, -1};
	unsigned nbase = 0, nroles;
	const int *order = dd_role_order(kind, &nroles);
	for (unsigned i = 0; i < nroles; i++) {
		int k = order[i];
		if ((k == DD_ROLE_NAME && (o->no_name || o->join_name)) ||
		    (k == DD_ROLE_DESC && o->no_desc) || (k == DD_ROLE_STATUS && o->no_status) ||
		    (k == DD_ROLE_SOLUTION && o->no_solution))
			continue;
		col[k] = (int)nbase;
		wrap[nbase] = k == DD_ROLE_DESC || k == DD_ROLE_SOLUTION;
		heads[nbase++] = o->heads[k] ? o->heads[k] : defaults[kind][k];
	}
	for (size_t r = 0; r < n; r++)
		for (unsigned e = 0; e < recs[r].nextra; e++) {
			const char *h = recs[r].extra[e].header ? recs[r].extra[e].header : "";
			size_t k = 0;
			while (k < nextra && strcmp(heads[nbase + k], h) != 0)
				k++;
			if (k == nextra) {
				wrap[nbase + nextra] = 1;
				heads[nbase + nextra++] = h;
			}
		}

	unsigned ncols = nbase + (unsigned)nextra;
	dd_rcell *cells = dd_xcalloc(n * ncols + 1, sizeof *cells);
	dd_para *slots = dd_xcalloc(3 * n + 1, sizeof *slots);
	dd_buf joined = DD_BUF_INIT;
	size_t *jat = o->join_name ? dd_xcalloc(n + 1, sizeof *jat) : NULL;
	if (o->join_name) /* "200 OK": built first, the buffer moves as it grows */
		for (size_t r = 0; r < n; r++) {
			jat[r] = joined.len;
			dd_buf_puts(&joined, recs[r].key ? recs[r].key : "");
			if (recs[r].name && *recs[r].name)
				dd_buf_printf(&joined, " %s", recs[r].name);
			dd_buf_putc(&joined, '\0');
		}
	for (size_t r = 0; r < n; r++) {
		const dd_record *rec = &recs[r];
		dd_rcell *row = &cells[r * ncols];
		row[col[DD_ROLE_KEY]] = string_cell(&slots[3 * r],
		                                    jat ? joined.ptr + jat[r] : rec->key, rec->off);
		if (col[DD_ROLE_NAME] >= 0)
			row[col[DD_ROLE_NAME]] = string_cell(&slots[3 * r + 1], rec->name, rec->off);
		if (col[DD_ROLE_STATUS] >= 0)
			row[col[DD_ROLE_STATUS]] = string_cell(&slots[3 * r + 2], rec->status, rec->off);
		if (col[DD_ROLE_DESC] >= 0) {
			row[col[DD_ROLE_DESC]].paras = rec->desc;
			row[col[DD_ROLE_DESC]].npara = rec->desc ? rec->ndesc : 0;
		}
		if (col[DD_ROLE_SOLUTION] >= 0) {
			row[col[DD_ROLE_SOLUTION]].paras = rec->solution;
			row[col[DD_ROLE_SOLUTION]].npara = rec->solution ? rec->nsolution : 0;
		}
		for (unsigned e = 0; e < rec->nextra; e++) {
			const char *h = rec->extra[e].header ? rec->extra[e].header : "";
			for (unsigned c = nbase; c < ncols; c++)
				if (strcmp(heads[c], h) == 0) {
					if (row[c].npara == 0 && rec->extra[e].paras) {
						row[c].paras = rec->extra[e].paras;
						row[c].npara = rec->extra[e].npara;
					}
					break;
				}
		}
	}

	dd_rtable t = {ncols, heads, n, cells, recs, o->caption, wrap, o, diags};
	switch (f) {
	case DD_RENDER_MD: dd_render_md(&t, out); break;
	case DD_RENDER_RST: rc = dd_render_rst(&t, out); break;
	case DD_RENDER_HTML: dd_render_html(&t, out); break;
	case DD_RENDER_CSV: dd_render_csv(&t, out); break;
	case DD_RENDER_JSON: dd_render_json(&t, out); break;
	}
	dd_buf_free(&joined);
	free(jat);
	free(slots);
	free(cells);
	free(wrap);
	free(heads);
	return rc;
}
