/* test_rst.c - the RST parser's inline markup, cell paragraphs, page id,
 * sniffing, limits and pathological inputs under a time bound. */
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parsers/rst_internal.h"
#include "support.h"
#include "test.h"

static char *plain(const char *s)
{
	static dd_buf out = DD_BUF_INIT;
	dd_buf_reset(&out);
	int pending = 0;
	rst_inline(s, strlen(s), &out, &pending);
	dd_buf_putc(&out, 0);
	return out.ptr;
}

static void test_inline(void)
{
	static const char *const cases[][2] = {
		{"**Timeout**", "Timeout"},
		{"the **Expect** header", "the Expect header"},
		{"*em* and **strong**", "em and strong"},
		{"a * b and 2*3*4", "a * b and 2*3*4"},
		{"(*) and \"*\" and '*'", "(*) and \"*\" and '*'"},
		{"``literal *x*`` ok", "literal *x* ok"},
		{"``a\\b``", "a\\b"},
		{"`interpreted`", "interpreted"},
		{":ref:`Table 1 <css_03_0075__table1>` lists", "Table 1 lists"},
		{":ref:`css_03_0075`", "css_03_0075"},
		{":sup:`2` and :py:class:`Foo`", "2 and Foo"},
		{"`word`:emphasis:", "word"},
		{"`OpenStack <https://openstack.org>`_", "OpenStack"},
		{"`<https://x.org>`_", "https://x.org"},
		{"`Phrase`_ and `anon`__", "Phrase and anon"},
		{"see ECS_ or Some-Name__.", "see ECS or Some-Name."},
		{"snake_case_name stays", "snake_case_name stays"},
		{"path/ref_ end", "path/ref end"},
		{"\\*not em\\*", "*not em*"},
		{"admin \\_state_up", "admin _state_up"},
		{"a\\ b", "ab"},
		{"|subst| kept, |ref|_ too", "|subst| kept, |ref| too"},
		{"a\\|b and a || b", "a|b and a || b"},
		{"_`inline target` here", "inline target here"},
		{"**unclosed and *unclosed", "**unclosed and *unclosed"},
		{"****", "****"},
		{"  spaced\n\tout  text  ", "spaced out text"},
		{"**multi\nline**", "multi line"},
		{"trailing\\", "trailing"},
		{"caf\xc3\xa9 *\xe4\xb8\xad*", "caf\xc3\xa9 \xe4\xb8\xad"},
		/* the fewest markup bytes that do something (rst_inline's copy
		 * without a scan must not take them), and some that do not */
		{"*x*", "x"},
		{"x_", "x"},
		{"Note: ``a``", "Note: a"},
		{"a\\b", "ab"},
		{"one * one | one: b", "one * one | one: b"},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		CHECK_STR(plain(cases[i][0]), cases[i][1]);
}

static void parse_text(ts_parsed *p, const char *text)
{
	ts_parse(p, &dd_parser_rst, "t.rst", text, strlen(text));
}

static void test_cells(void)
{
	ts_parsed p;
	parse_text(&p, ".. _label_one:\n\n"
	               "+------+------------------+\n"
	               "| Code | Text             |\n"
	               "+======+==================+\n"
	               "| 100  | First            |\n"
	               "|      | paragraph.       |\n"
	               "|      |                  |\n"
	               "|      | - item one       |\n"
	               "|      | - item           |\n"
	               "|      |   two            |\n"
	               "+------+------------------+\n");
	CHECK(p.rc == 0);
	CHECK(p.diags.nerrors == 0);
	CHECK_STR(p.doc.page, "label_one");
	CHECK(p.doc.ntables == 1 && p.doc.tables[0].nhead == 1 && p.doc.tables[0].nrows == 2);
	CHECK_STR(ts_para(&p, 0, 1, 1, 0), "First paragraph.");
	CHECK_STR(ts_para(&p, 0, 1, 1, 1), "item one");
	CHECK_STR(ts_para(&p, 0, 1, 1, 2), "item two");
	/* offsets: the cell starts at "First", the item paragraph after its bullet */
	dd_cell *cell = &p.doc.tables[0].rows[1].cells[1];
	CHECK(strncmp(p.src.text + cell->off, "First", 5) == 0);
	CHECK(strncmp(p.src.text + cell->paras[1].off, "item one", 8) == 0);
	/* the key cell */
	dd_cell *empty = &p.doc.tables[0].rows[1].cells[0];
	CHECK(empty->npara == 1);
	ts_parsed_free(&p);

	parse_text(&p, "+---+---+\n| a |   |\n+---+---+\n");
	CHECK(p.doc.ntables == 1);
	dd_cell *e2 = &p.doc.tables[0].rows[0].cells[1];
	CHECK(e2->npara == 0 && p.src.text[e2->off - 1] == '|');
	ts_parsed_free(&p);
}

static void test_page(void)
{
	ts_parsed p;
	parse_text(&p, ":original_name: css_03_0075.html\n\n.. _other:\n\nText.\n");
	CHECK_STR(p.doc.page, "css_03_0075");
	CHECK(p.doc.page_off == 16);
	ts_parsed_free(&p);
	parse_text(&p, "Plain text without anything.\n");
	CHECK(p.doc.page == NULL && p.doc.ntables == 0);
	ts_parsed_free(&p);
}

static int sniff_text(const char *text)
{
	dd_source src;
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	dd_source_init_mem(&src, "x.txt", text, strlen(text), &d);
	int s = dd_parser_rst.sniff(&src);
	dd_source_free(&src);
	dd_diag_free(&d);
	return s;
}

static void test_sniff(void)
{
	CHECK(sniff_text(":original_name: a.html\n") >= 90);
	CHECK(sniff_text(".. _css_03_0075:\n\nTitle\n=====\n") >= 90);
	CHECK(sniff_text("   +----+----+\n") >= 90);
	CHECK(sniff_text("x .. table:: T +---+---+ | a | b | +---+---+\n") >= 90);
	CHECK(sniff_text("====  ====\na     b\n====  ====\n") >= 80);
	CHECK(sniff_text("Just some words.\nAnd more.\n") == 0);
	CHECK(sniff_text("| a | b |\n|---|---|\n| 1 | 2 |\n") == 0);
	CHECK(sniff_text("") == 0);
	/* boxes in Markdown code and HTML <pre> are not evidence */
	CHECK(sniff_text("Text\n\n```console\n+---+\n| a |\n+---+\n```\n") == 0);
	CHECK(sniff_text("Text\n\n  ~~~~\n+---+---+ | a | b | +---+---+\n~~~\n~~~~\n") == 0);
	/* the fence closes at a run as long as its own: the second box counts */
	CHECK(sniff_text("Title\n=====\n\n````\n```\n+---+\n````\n+---+\n") == 90);
	CHECK(sniff_text("Title\n=====\n\n````\n```\n+---+\n```\n+---+\n") == 50);
	CHECK(sniff_text("Output:<PRE class=x>\n+---+\n| a |\n+---+\n</pre>\n") == 0);
	CHECK(sniff_text("<pre>+---+</pre>\n+---+\n") >= 90);
	/* other Markdown structure keeps a box Markdown's, unless RST says otherwise */
	CHECK(sniff_text("See [the API](api.md).\n\n+---+\n| a |\n+---+\n") < 20);
	CHECK(sniff_text("## Result\n\n+---+\n| a |\n+---+\n") < 20);
	CHECK(sniff_text("Title\n=====\n\n## Result\n\n+---+\n| a |\n+---+\n") >= 90);
	CHECK(sniff_text("Text ending::\n\n    +---+\n    | a |\n    +---+\n") == 40);
	CHECK(sniff_text("Text\n    +---+\n    | a |\n    +---+\n") >= 90);
	CHECK(sniff_text("Text\n\n    x +---+---+ | a | b | +---+---+\n") == 40);
	CHECK(sniff_text("Text\n\nx +---+---+ | a | b | +---+---+\n") >= 90);
}

/* The parser picked for text named name. */
static const char *detected(const char *name, const char *text)
{
	dd_source src;
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	dd_source_init_mem(&src, name, text, strlen(text), &d);
	const dd_parser *ps = dd_parser_detect(&src);
	dd_source_free(&src);
	dd_diag_free(&d);
	return ps ? ps->name : "none";
}

/* An indented box with nothing else to go by: the extension decides. */
static void test_detect(void)
{
	static const char box[] = "Output:\n\n    +-----+\n    | 200 |\n    +-----+\n";
	CHECK_STR(detected("a.md", box), "markdown");
	CHECK_STR(detected("a.rst", box), "rst");
	CHECK_STR(detected("a.txt", box), "rst");
	CHECK_STR(detected("a.md", "+-----+\n| 200 |\n+-----+\n"), "rst");
	CHECK_STR(detected("a.rst", "# Title\n\n```\n+---+\n```\n"), "markdown");
}

static void test_errors(void)
{
	static const char *const bad[] = {
		"+---+---+\n| a | b |\n+---+---+\n| c | d  |\n+---+---+\n",       /* ragged */
		"+---+---+\n| a | b |\n",                                         /* no bottom */
		"+---+---+\n| a | b |\n+---+- -+\n",                              /* unclosed */
		"+---+\n| a |\n+===+\n| b |\n+===+\n| c |\n+---+\n",              /* two headers */
		"+\n", "+-+\n", "++\n|\n", "+-+-+\n| |\n", "=== ===\n", "=== ===\na b\n",
	};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		ts_parsed p;
		parse_text(&p, bad[i]);
		if (i < 4) {
			CHECK(p.diags.nerrors == 1);
			CHECK(p.rc == -1);
			CHECK(p.doc.ntables == 0);
		}
		ts_parsed_free(&p);
	}
}

static double since(clock_t t0)
{
	return (double)(clock() - t0) / CLOCKS_PER_SEC;
}

static void test_pathological(void)
{
	size_t n = 1 << 20;
	char *s = malloc(n + 1);
	const char *pats[] = {"*a ", ":r:`", "`a ", "a_b-", "|x ", "**a *", "\\*", "``a ` "};
	for (size_t k = 0; k < sizeof pats / sizeof pats[0]; k++) {
		size_t m = strlen(pats[k]);
		for (size_t i = 0; i < n; i++)
			s[i] = pats[k][i % m];
		s[n] = 0;
		clock_t t0 = clock();
		dd_buf out = DD_BUF_INIT;
		int pending = 0;
		rst_inline(s, n, &out, &pending);
		dd_buf_free(&out);
		CHECK(since(t0) < ts_cpu_bound(1.0));
	}
	/* 1 MB of "+-+-+" and a border with 10,000 columns: refused, fast */
	for (size_t i = 0; i < n; i++)
		s[i] = i % 2 ? '-' : '+';
	s[n - 2] = '-';
	s[n - 1] = '+';
	clock_t t0 = clock();
	ts_parsed p;
	parse_text(&p, s);
	CHECK(p.diags.nerrors == 1 && p.doc.ntables == 0);
	ts_parsed_free(&p);
	/* a tall table of 1x1 cells */
	dd_buf b = DD_BUF_INIT;
	for (int r = 0; r < 20000; r++)
		dd_buf_puts(&b, "+--+--+--+\n|a |b |c |\n");
	dd_buf_puts(&b, "+--+--+--+\n");
	parse_text(&p, b.ptr);
	CHECK(p.doc.ntables == 1 && p.doc.tables[0].nrows == 20000);
	ts_parsed_free(&p);
	dd_buf_free(&b);
	CHECK(since(t0) < ts_cpu_bound(2.0));
	free(s);
}

int main(void)
{
	test_inline();
	test_cells();
	test_page();
	test_sniff();
	test_detect();
	test_errors();
	test_pathological();
	return TEST_DONE();
}
