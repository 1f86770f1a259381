/* test_html.c - the HTML table parser: dd_html_parse_range() on parts of a
 * larger source (as the Markdown parser calls it), positions, seed 004,
 * sniffing and hostile input. */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "parsers/parser.h"
#include "support.h"
#include "test.h"

static dd_source src;
static dd_doc doc;
static dd_diag_sink diags;

static void load(const char *text, size_t n)
{
	dd_diag_init(&diags, NULL);
	CHECK(dd_source_init_mem(&src, "mem.md", text, n, &diags) == 0);
	dd_doc_init(&doc, &src);
}

static void unload(void)
{
	dd_doc_free(&doc);
	dd_source_free(&src);
	dd_diag_free(&diags);
}

static const char *diag_text(void)
{
	return diags.buf.ptr ? diags.buf.ptr : "";
}

/* "line:col" of a byte offset, in a static buffer. */
static const char *at(size_t off)
{
	static char b[32];
	unsigned line, col;
	dd_source_pos(&src, off, &line, &col);
	snprintf(b, sizeof b, "%u:%u", line, col);
	return b;
}

static const char *para(unsigned t, unsigned r, unsigned c, unsigned p)
{
	if (t >= doc.ntables || r >= doc.tables[t].nrows || c >= doc.tables[t].ncols)
		return "(no such cell)";
	dd_cell *x = &doc.tables[t].rows[r].cells[c];
	return p < x->npara ? x->paras[p].text : "(no such paragraph)";
}

/* Offset of needle in the source, after from. */
static size_t find(const char *needle, size_t from)
{
	const char *p = strstr(src.text + from, needle);
	return p ? (size_t)(p - src.text) : (size_t)-1;
}

static void range_in_markdown(void)
{
	static const char md[] =
		"# Codes<a name=\"x_01\"></a>\n"
		"\n"
		"Some *Markdown* text.\n"
		"\n"
		"<table><caption>Table 1 Codes</caption>\n"
		"<thead><tr><th>Code</th><th>Description</th></tr></thead>\n"
		"<tbody><tr><td><p>200</p></td>\n"
		"<td><p>First &amp; <strong>bold</strong>.</p>\n"
		"    <p>Second\n      line.</p></td></tr>\n"
		"<tr><td>caf\xC3\xA9</td><td>x<br>y</td></tr></tbody>\n"
		"</table>\n"
		"\n"
		"After the table: <b>not</b> a table.\n";
	load(md, sizeof md - 1);
	size_t b = find("<table>", 0), e = find("</table>", 0) + 8;
	CHECK(dd_html_parse_range(&doc, b, e - b, &diags) == 0);
	CHECK(doc.ntables == 1);
	CHECK(doc.page == NULL);   /* the Markdown parser owns the heading */
	if (doc.ntables == 1) {
		dd_table *t = &doc.tables[0];
		CHECK_STR(t->format, "html");
		CHECK_STR(at(t->off), "5:1");
		CHECK(t->ncols == 2 && t->nrows == 3 && t->nhead == 1);
		CHECK_STR(t->caption, "Table 1 Codes");
		CHECK_STR(para(0, 0, 0, 0), "Code");
		CHECK_STR(at(t->rows[0].cells[1].off), "6:29");
		CHECK_STR(para(0, 1, 0, 0), "200");
		CHECK_STR(at(t->rows[1].cells[0].off), "7:19");
		CHECK_STR(para(0, 1, 1, 0), "First & bold.");
		CHECK_STR(para(0, 1, 1, 1), "Second line.");
		CHECK(t->rows[1].cells[1].npara == 2);
		CHECK_STR(at(t->rows[1].cells[1].paras[1].off), "9:8");
		CHECK_STR(para(0, 2, 0, 0), "caf\xC3\xA9");
		CHECK_STR(at(t->rows[2].cells[1].off), "11:22");  /* columns count code points */
		CHECK_STR(para(0, 2, 1, 0), "x");
		CHECK_STR(para(0, 2, 1, 1), "y");
	}
	CHECK(diags.nerrors == 0 && diags.nwarnings == 0);

	/* the same range cut short: reported once, nothing added */
	dd_doc_free(&doc);
	dd_doc_init(&doc, &src);
	CHECK(dd_html_parse_range(&doc, b, e - b - 8, &diags) == -1);
	CHECK(doc.ntables == 0);
	CHECK(diags.nerrors == 1);
	CHECK(strstr(diag_text(), "mem.md:5:1: error: table is not closed; expected </table> "
	                          "before the end of the input [DD-302]") != NULL);
	unload();
}

static void seed_004(void)
{
	/* __FILE__ is relative to the build directory, where meson runs tests */
	char path[4096];
	const char *slash = strrchr(__FILE__, '/');
	snprintf(path, sizeof path, "%.*s/../../fixtures/seeds/004_630f8735e6e5ec51.txt",
	         slash ? (int)(slash - __FILE__) : 1, slash ? __FILE__ : ".");
	size_t n = 0;
	char *text = ts_slurp(path, &n);
	if (!text)   /* run by hand from the source root */
		text = ts_slurp("fixtures/seeds/004_630f8735e6e5ec51.txt", &n);
	CHECK(text != NULL);
	if (!text)
		return;
	load(text, n);
	free(text);
	size_t b = find("<table", 0), e = find("</table>", b) + 8;
	CHECK(dd_html_parse_range(&doc, b, e - b, &diags) == 0);
	CHECK(diags.nerrors == 0 && diags.nwarnings == 0);
	CHECK(doc.ntables == 1);
	if (doc.ntables != 1) {
		unload();
		return;
	}
	dd_table *t = &doc.tables[0];
	CHECK(t->nrows == 43 && t->ncols == 3 && t->nhead == 1);
	CHECK_STR(at(t->off), "8:1");
	CHECK_STR(para(0, 0, 0, 0), "Status Code");
	CHECK_STR(para(0, 0, 1, 0), "Message");
	CHECK_STR(para(0, 0, 2, 0), "Description");
	CHECK_STR(para(0, 1, 0, 0), "100");
	CHECK_STR(at(t->rows[1].cells[0].off), "16:358");
	CHECK_STR(para(0, 1, 1, 0), "Continue");
	CHECK(t->rows[1].cells[2].npara == 2);
	CHECK_STR(para(0, 1, 2, 0), "The client should continue sending the request.");
	CHECK_STR(para(0, 1, 2, 1), "This interim response is used to inform the client that the "
	                            "initial part of the request has been received and has not "
	                            "yet been rejected by the server.");
	CHECK_STR(at(t->rows[1].cells[2].paras[1].off), "21:205");
	CHECK_STR(para(0, 42, 0, 0), "505");
	CHECK_STR(para(0, 42, 1, 0), "HTTP Version not supported");
	/* <strong> with anchors inside it, flattened */
	int timeout = 0;
	for (unsigned r = 1; r < t->nrows; r++)
		if (strcmp(para(0, r, 0, 0), "504") == 0)
			timeout = strcmp(para(0, r, 2, 0),
			                 "The request cannot be fulfilled within a given time. This "
			                 "status code is returned to the client only when the Timeout "
			                 "parameter is specified in the request.") == 0;
	CHECK(timeout);
	int codes = 1, clean = 1;
	for (unsigned r = 1; r < t->nrows; r++) {
		const char *k = para(0, r, 0, 0);
		codes &= strlen(k) == 3 && k[0] >= '1' && k[0] <= '5';
		for (unsigned c = 0; c < t->ncols; c++)
			for (unsigned p = 0; p < t->rows[r].cells[c].npara; p++)
				clean &= strpbrk(t->rows[r].cells[c].paras[p].text, "<>") == NULL;
	}
	CHECK(codes);
	CHECK(clean);
	unload();
}

static void nested_and_order(void)
{
	static const char html[] =
		"<p>x</p><table><tr><td>A<table><tr><td>inner</td></tr></table>B</td>"
		"<td>C</td></tr></table>\n<table><tr><td>second</td></tr></table>\n";
	load(html, sizeof html - 1);
	dd_html_parse_range(&doc, 0, src.len, &diags);
	CHECK(doc.ntables == 3);
	if (doc.ntables == 3) {
		CHECK(doc.tables[0].off < doc.tables[1].off && doc.tables[1].off < doc.tables[2].off);
		CHECK(doc.tables[0].ncols == 2 && doc.tables[0].nrows == 1);
		CHECK(doc.tables[0].rows[0].cells[0].npara == 2);
		CHECK_STR(para(0, 0, 0, 0), "A");
		CHECK_STR(para(0, 0, 0, 1), "B");
		CHECK_STR(para(0, 0, 1, 0), "C");
		CHECK_STR(para(1, 0, 0, 0), "inner");
		CHECK_STR(para(2, 0, 0, 0), "second");
	}
	/* a second range appends after what the document already has */
	size_t b = find("<table><tr><td>second", 0);
	dd_html_parse_range(&doc, b, src.len - b, &diags);
	CHECK(doc.ntables == 4);
	if (doc.ntables == 4)
		CHECK_STR(para(3, 0, 0, 0), "second");
	CHECK(diags.nerrors == 0);
	unload();
}

static void spans(void)
{
	static const char html[] =
		"<table><tr><th>a</th><th colspan=\"100000\">b</th></tr>\n"
		"<tr><td rowspan=\"5\">c</td><td>d</td></tr></table>";
	load(html, sizeof html - 1);
	dd_html_parse_range(&doc, 0, src.len, &diags);
	CHECK(doc.ntables == 1);
	if (doc.ntables == 1) {
		dd_table *t = &doc.tables[0];
		CHECK(t->ncols == 1001 && t->nrows == 2 && t->nhead == 1);
		CHECK(t->rows[0].cells[1].colspan == 1000);
		CHECK(t->rows[0].cells[500].flags & DD_CELL_COVERED);
		CHECK(t->rows[1].cells[0].rowspan == 1);
		CHECK(t->rows[1].cells[2].npara == 0);
	}
	CHECK(diags.nwarnings == 2 && diags.nerrors == 0);
	CHECK(strstr(diag_text(), "colspan=100000 is larger than 1000; clipped to 1000 [DD-303]"));
	CHECK(strstr(diag_text(), "mem.md:2:21: warning: rowspan=5 runs past the last row of the "
	                          "table; clipped to 1 [DD-303]"));
	unload();

	/* a rowspan stops at the end of its row group; rowspan="0" runs to it */
	static const char groups[] =
		"<table><thead><tr><th rowspan=3>a<th>b</thead>"
		"<tbody><tr><td rowspan=0>1<td>2<tr><td>3</tbody></table>";
	load(groups, sizeof groups - 1);
	dd_html_parse_range(&doc, 0, src.len, &diags);
	CHECK(doc.ntables == 1);
	if (doc.ntables == 1) {
		dd_table *t = &doc.tables[0];
		CHECK(t->nrows == 3 && t->ncols == 2 && t->nhead == 1);
		CHECK(t->rows[0].cells[0].rowspan == 1);
		CHECK(t->rows[1].cells[0].rowspan == 2);
		CHECK(t->rows[2].cells[0].flags & DD_CELL_COVERED);
		CHECK_STR(para(0, 2, 1, 0), "3");
	}
	CHECK(diags.nwarnings == 1);
	CHECK(strstr(diag_text(), "rowspan=3 runs past the last row of its row group; clipped to 1"));
	unload();
}

static void hostile(void)
{
	/* deep nesting: a named limit and a diagnostic, outer tables intact */
	dd_buf b = DD_BUF_INIT;
	for (int i = 0; i < 40; i++)
		dd_buf_puts(&b, "<table><tr><td>");
	dd_buf_puts(&b, "x");
	for (int i = 0; i < 40; i++)
		dd_buf_puts(&b, "</td></tr></table>");
	load(b.ptr, b.len);
	dd_html_parse_range(&doc, 0, src.len, &diags);
	CHECK(doc.ntables == 32);
	CHECK(diags.nerrors == 1 && strstr(diag_text(), "[DD-304]"));
	unload();

	/* element depth: parsing stops, no quadratic blow-up, no unclosed noise */
	dd_buf_reset(&b);
	dd_buf_puts(&b, "<table><tr><td>ok</td></tr></table>");
	for (int i = 0; i < 20000; i++)
		dd_buf_puts(&b, "<span>");
	for (int i = 0; i < 20000; i++)
		dd_buf_puts(&b, "</b>");
	load(b.ptr, b.len);
	dd_html_parse_range(&doc, 0, src.len, &diags);
	CHECK(doc.ntables == 1);
	CHECK(diags.nerrors == 1 && strstr(diag_text(), "(parsing stopped here) [DD-304]"));
	unload();

	/* 100k cells in one table */
	dd_buf_reset(&b);
	dd_buf_puts(&b, "<table>");
	for (int i = 0; i < 100000; i++)
		dd_buf_puts(&b, "<tr><td>1<td>2");
	dd_buf_puts(&b, "</table>");
	load(b.ptr, b.len);
	dd_html_parse_range(&doc, 0, src.len, &diags);
	CHECK(doc.ntables == 1 && doc.tables[0].nrows == 100000 && doc.tables[0].ncols == 2);
	unload();

	/* binary junk that is still valid UTF-8 */
	dd_buf_reset(&b);
	unsigned x = 12345;
	for (int i = 0; i < 200000; i++) {
		x = x * 1103515245u + 12345u;
		int c = (int)((x >> 16) & 0x7F);
		dd_buf_putc(&b, c ? c : '<');
	}
	dd_buf_puts(&b, "<table><tr><td>end</td></tr></table>");
	load(b.ptr, b.len);
	dd_html_parse_range(&doc, 0, src.len, &diags);
	CHECK(doc.ntables <= 1);
	unload();

	/* tables left open inside each other: one report, at the outermost */
	load("<table><tr><td><table><tr><td><table><tr><td>x", 46);
	CHECK(dd_html_parse_range(&doc, 0, src.len, &diags) == -1);
	CHECK(doc.ntables == 0 && diags.nerrors == 1);
	CHECK(strstr(diag_text(), "mem.md:1:1: error: table is not closed") != NULL);
	unload();

	/* empty and out-of-range ranges */
	load("<table></table><table><tr></tr></table>", 39);
	CHECK(dd_html_parse_range(&doc, 0, src.len, &diags) == 0);
	CHECK(dd_html_parse_range(&doc, 5, 0, &diags) == 0);
	CHECK(dd_html_parse_range(&doc, 1000, 10, &diags) == 0);
	CHECK(doc.ntables == 0 && diags.nerrors == 0);
	unload();
	dd_buf_free(&b);
}

static int sniff_of(const char *text)
{
	dd_diag_init(&diags, NULL);
	dd_source_init_mem(&src, "x", text, strlen(text), &diags);
	int s = dd_parser_html.sniff(&src);
	dd_source_free(&src);
	dd_diag_free(&diags);
	return s;
}

static void sniffing(void)
{
	CHECK(sniff_of("<!DOCTYPE html>\n<html><body></body></html>") >= 90);
	CHECK(sniff_of("\n  <html><table></table></html>") >= 90);
	CHECK(sniff_of("<table><tr><td>1</td></tr></table>") >= 90);
	CHECK(sniff_of("<p>text</p>") >= 90);
	CHECK(sniff_of("<div align=\"center\">logo</div>\n\n# Project\n") < 80);
	CHECK(sniff_of("# Status Codes<a name=\"x\"></a>\n\n<table></table>\n") == 20);
	CHECK(sniff_of("<pre>not HTML enough</pre>") == 0);
	CHECK(sniff_of("Just text.\n") == 0);
}

int main(void)
{
	dd_parser_html.init();
	range_in_markdown();
	seed_004();
	nested_and_order();
	spans();
	hostile();
	sniffing();
	dd_parser_html.cleanup();
	return TEST_DONE();
}
