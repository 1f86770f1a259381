/* test_markdown.c - the Markdown parser on in-memory documents: paragraph
 * offsets inside cells, page chrome, size limits, sniffing, and inputs that
 * must neither crash nor take long. */
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "parsers/md_internal.h" /* DD_MD_MAX_BYTES */
#include "parsers/parser.h"
#include "support.h"
#include "test.h"

static void parse_mem(ts_parsed *p, const char *text, size_t n)
{
	ts_parse(p, &dd_parser_markdown, "t.md", text, n);
}

static void parse_str(ts_parsed *p, const char *text)
{
	parse_mem(p, text, strlen(text));
}

static size_t para_off(ts_parsed *p, unsigned t, unsigned r, unsigned c, unsigned k)
{
	return p->doc.tables[t].rows[r].cells[c].paras[k].off;
}

static int sniff_str(const char *text)
{
	dd_source src;
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	if (dd_source_init_mem(&src, "t", text, strlen(text), &d) != 0)
		abort();
	int s = dd_parser_markdown.sniff(&src);
	dd_source_free(&src);
	dd_diag_free(&d);
	return s;
}

static void test_paragraph_offsets(void)
{
	ts_parsed p;
	const char *text = "| a | b |\n|---|---|\n| 1 | x <br> y<br/>`<br>` z |\n";
	parse_str(&p, text);
	CHECK(p.doc.ntables == 1);
	CHECK_STR(ts_para(&p, 0, 1, 1, 0), "x");
	CHECK_STR(ts_para(&p, 0, 1, 1, 1), "y");
	CHECK_STR(ts_para(&p, 0, 1, 1, 2), "<br> z");
	if (p.doc.ntables == 1 && p.doc.tables[0].rows[1].cells[1].npara == 3) {
		CHECK(para_off(&p, 0, 1, 1, 0) == (size_t)(strstr(text, "x <br>") - text));
		CHECK(para_off(&p, 0, 1, 1, 1) == (size_t)(strstr(text, "y<br/>") - text));
		CHECK(para_off(&p, 0, 1, 1, 2) == (size_t)(strstr(text, "`<br>` z") - text));
	}
	ts_parsed_free(&p);
}

static void test_chrome(void)
{
	ts_parsed p;
	/* a trailing row with an escaped pipe still has a '|': kept */
	parse_str(&p, "| a |\n|---|\n| 1 |\nchrome\nx \\| y\nmore chrome\nend");
	CHECK(p.doc.ntables == 1 && p.doc.tables[0].nrows == 4);
	CHECK_STR(ts_para(&p, 0, 2, 0, 0), "chrome");
	CHECK_STR(ts_para(&p, 0, 3, 0, 0), "x | y");
	CHECK(p.diags.nnotes == 1 && strstr(p.diags.buf.ptr, "t.md:6:1: note: 2 trailing lines"));
	CHECK(p.rc == 0);
	ts_parsed_free(&p);

	/* a header-only table is never emptied of its header */
	parse_str(&p, "a | b\n--|--\nFeedback\n");
	CHECK(p.doc.ntables == 1 && p.doc.tables[0].nrows == 1);
	CHECK(p.diags.nnotes == 1);
	ts_parsed_free(&p);
}

static void test_page_id(void)
{
	ts_parsed p;
	parse_str(&p, "Intro <a name=\"para_1\"></a>\n\n## Codes <a name=\"h_2\"></a>\n\n# Later <a name=\"h_3\"></a>\n");
	CHECK_STR(p.doc.page, "h_2");
	CHECK(p.doc.page && p.doc.page_off == (size_t)(strstr(p.src.text, "h_2") - p.src.text));
	ts_parsed_free(&p);

	parse_str(&p, "# No anchor\n\n# Second <a name=\"no\"></a>\n");
	CHECK(p.doc.page == NULL);
	ts_parsed_free(&p);
}

/* Builds a table of cols columns and rows one-cell rows. */
static char *wide_table(unsigned cols, unsigned rows, size_t *n)
{
	dd_buf b = DD_BUF_INIT;
	for (unsigned c = 0; c < cols; c++)
		dd_buf_puts(&b, "|h");
	dd_buf_puts(&b, "|\n");
	for (unsigned c = 0; c < cols; c++)
		dd_buf_puts(&b, "|-");
	dd_buf_puts(&b, "|\n");
	for (unsigned r = 0; r < rows; r++)
		dd_buf_puts(&b, "|x\n");
	*n = b.len;
	return b.ptr;
}

static void test_limits(void)
{
	ts_parsed p;
	size_t n;
	char *text = wide_table(40, 7000, &n); /* 280000 cells > 1 << 18 */
	parse_mem(&p, text, n);
	CHECK(p.doc.ntables == 0);
	CHECK(p.diags.nerrors == 1 && strstr(p.diags.buf.ptr, "[DD-202]"));
	CHECK(p.rc == -1);
	CHECK(p.secs < ts_cpu_bound(2.0));
	ts_parsed_free(&p);
	free(text);

	text = wide_table(256, 1000, &n); /* at the limits: accepted */
	parse_mem(&p, text, n);
	CHECK(p.doc.ntables == 1 && p.doc.tables[0].ncols == 256 && p.doc.tables[0].nrows == 1001);
	CHECK(p.diags.nerrors == 0);
	CHECK(p.secs < ts_cpu_bound(2.0));
	ts_parsed_free(&p);
	free(text);

	text = wide_table(257, 1, &n);
	parse_mem(&p, text, n);
	CHECK(p.doc.ntables == 0 && p.diags.nerrors == 1);
	ts_parsed_free(&p);
	free(text);

	/* A document cmark-gfm would abort the process on (1 GiB) is refused
	 * before anything reads it; its pages are never touched, so the test
	 * costs no memory. */
	dd_source big = {.name = "big.md", .len = DD_MD_MAX_BYTES};
	big.text = malloc(big.len + 1);
	CHECK(big.text != NULL);
	if (big.text) {
		big.text[big.len] = '\0';
		dd_doc doc;
		dd_doc_init(&doc, &big);
		dd_diag_sink d;
		dd_diag_init(&d, NULL);
		CHECK(dd_parser_markdown.parse(&doc, &d) == -1);
		CHECK(doc.ntables == 0 && d.nerrors == 1);
		CHECK(d.buf.ptr && strstr(d.buf.ptr, "big.md: error: Markdown input of 1073741824 bytes") &&
		      strstr(d.buf.ptr, "[DD-005]"));
		dd_diag_free(&d);
		dd_doc_free(&doc);
		dd_source_free(&big);
	}
}

static void test_degenerate(void)
{
	static const char *const inputs[] = {
		"", "|", "||\n||", "|\n|-|\n|", "-|-\n-|-\n-|-\n", "\\|\\|\n-|-",
		"<table", "<table><table></table", "<!-- <table>", "# <a name=", "# <a name='x",
		"a|b\n-|-\n|||||||||||||\n\\", "```\n<table>\n", "    <table>\n\n<table>\n</table>",
		"> | a |\n> |---|\n> | 1 |\nlazy", "-   | a |\n    |---|\n    | 1 |\n",
	};
	for (size_t i = 0; i < sizeof inputs / sizeof *inputs; i++) {
		ts_parsed p;
		parse_str(&p, inputs[i]);
		CHECK(p.rc == 0 || p.rc == -1);
		ts_parsed_free(&p);
	}
	ts_parsed p;
	parse_mem(&p, "| a |\n|---|\n| x\0y |\n", 21); /* NUL is valid UTF-8 */
	CHECK(p.doc.ntables == 1);
	ts_parsed_free(&p);

	/* many tiny tables, many comments, many unclosed code spans: all linear */
	dd_buf b = DD_BUF_INIT;
	for (int i = 0; i < 20000; i++)
		dd_buf_puts(&b, "<div><!--\n\n| a | `` ` x<br>`\n|---|\n");
	parse_mem(&p, b.ptr, b.len);
	CHECK(p.secs < ts_cpu_bound(3.0));
	ts_parsed_free(&p);
	dd_buf_free(&b);
}

static void test_sniff(void)
{
	CHECK(sniff_str("# Title\n\ntext\n") == 80);
	CHECK(sniff_str("Intro\n| a | b |\n|:--|--:|\n") == 80);
	CHECK(sniff_str("Intro\na | b\n---|---\n") == 80);
	CHECK(sniff_str("Intro\n\n<table><tr><td>1</td></tr></table>\n") == 60);
	CHECK(sniff_str("<html><body><table></table></body></html>\n") < 60);
	CHECK(sniff_str(":original_name: x.html\n\n+----+----+\n| a  | b  |\n+====+====+\n") < 60);
	CHECK(sniff_str("Title\n=====\n\n.. _x:\n") < 60);
	CHECK(sniff_str("") == 0);
}

int main(void)
{
	dd_parsers_init();
	test_paragraph_offsets();
	test_chrome();
	test_page_id();
	test_limits();
	test_degenerate();
	test_sniff();
	dd_parsers_cleanup();
	return TEST_DONE();
}
