/* render_html.c - an HTML table that is also well-formed XML.
 *
 *   <table>
 *   <caption>Status codes</caption>
 *   <thead>
 *   <tr><th>Status Code</th><th>Name</th><th>Description</th></tr>
 *   </thead>
 *   <tbody>
 *   <tr><td>404</td><td>Not Found</td><td><p>First.</p><p>Second.</p></td></tr>
 *   </tbody>
 *   </table>
 *
 * One row per line. Key and name cells hold their text; description and
 * extra cells one <p> per paragraph. & < > " are escaped as entities; code
 * points XML 1.0 forbids (C0 controls but tab, U+FFFE, U+FFFF) become U+FFFD
 * so an XML parser accepts the fragment. The fragment only: a full page is
 * the report's business. */
#include "render_internal.h"

#include <string.h>

static void put_text(dd_buf *out, const char *s, size_t n)
{
	size_t start = 0;
	for (size_t i = 0; i < n; i++) {
		const unsigned char c = (unsigned char)s[i];
		const char *rep = NULL;
		size_t skip = 1;
		switch (c) {
		case '&': rep = "&amp;"; break;
		case '<': rep = "&lt;"; break;
		case '>': rep = "&gt;"; break;
		case '"': rep = "&quot;"; break;
		case 0xEF: /* U+FFFE, U+FFFF: EF BF BE / EF BF BF */
			if (i + 2 < n && (unsigned char)s[i + 1] == 0xBF &&
			    ((unsigned char)s[i + 2] & 0xFE) == 0xBE) {
				rep = "\xEF\xBF\xBD";
				skip = 3;
			}
			break;
		default:
			if (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
				rep = "\xEF\xBF\xBD";
			break;
		}
		if (rep) {
			dd_buf_put(out, s + start, i - start);
			dd_buf_puts(out, rep);
			i += skip - 1;
			start = i + 1;
		}
	}
	dd_buf_put(out, s + start, n - start);
}

static void put_cell(dd_buf *out, const dd_rcell *c, int paras)
{
	for (unsigned p = 0; p < c->npara; p++) {
		if (paras)
			dd_buf_puts(out, "<p>");
		else if (p)
			dd_buf_puts(out, "<br/>");
		put_text(out, c->paras[p].text, c->paras[p].len);
		if (paras)
			dd_buf_puts(out, "</p>");
	}
}

void dd_render_html(const dd_rtable *t, dd_buf *out)
{
	dd_buf_puts(out, "<table>\n");
	if (t->caption && *t->caption) {
		dd_buf_puts(out, "<caption>");
		put_text(out, t->caption, strlen(t->caption));
		dd_buf_puts(out, "</caption>\n");
	}
	dd_buf_puts(out, "<thead>\n<tr>");
	for (unsigned c = 0; c < t->ncols; c++) {
		dd_buf_puts(out, "<th>");
		put_text(out, t->heads[c], strlen(t->heads[c]));
		dd_buf_puts(out, "</th>");
	}
	dd_buf_puts(out, "</tr>\n</thead>\n<tbody>\n");
	for (size_t r = 0; r < t->nrows; r++) {
		dd_buf_puts(out, "<tr>");
		for (unsigned c = 0; c < t->ncols; c++) {
			dd_buf_puts(out, "<td>");
			put_cell(out, &t->cells[r * t->ncols + c], t->wrap[c]);
			dd_buf_puts(out, "</td>");
		}
		dd_buf_puts(out, "</tr>\n");
	}
	dd_buf_puts(out, "</tbody>\n</table>\n");
}
