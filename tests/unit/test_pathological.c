/* test_pathological.c - huge and degenerate inputs through every parser, the
 * record stage and the dump, each under a wall-clock bound: whole doc repos
 * must take seconds, so a quadratic path here is a bug. Every input has to
 * end with tables or with a diagnostic, never a crash, a hang or silence. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "render/render.h"
#include "parsers/parser.h"
#include "records/records.h"
#include "support.h"
#include "test.h"

/* Per input, parse + records + dump, in CPU seconds (so a loaded machine
 * running the suite in parallel does not fail it). ASan makes every malloc
 * several times dearer; a quadratic path on 100k rows takes minutes, so the
 * looser bound there still catches one. */
#if defined(__SANITIZE_ADDRESS__)
#define TIME_BOUND_S 6.0
#else
#define TIME_BOUND_S 2.0
#endif

typedef struct result {
	unsigned ntables, nrows0, ncols0, nrecs, nerrors, nwarnings, nnotes;
	int has_diag_code;   /* 1 when the wanted code was reported */
	double secs;
} result;

static double now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Runs parser p (NULL: sniff) over text, as the fuzz target and the CLI do.
 * code, when not 0, is a diagnostic to look for; NOT_A_TABLE marks inputs
 * that hold no table, where silence is the right answer. */
#define NOT_A_TABLE (-1)
static result run(const char *what, const dd_parser *p, const char *text, size_t len, int code)
{
	result r;
	memset(&r, 0, sizeof r);
	double t0 = now();
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	d.verbose = 1; /* every message kept: has_diag_code reads them */
	dd_source src;
	if (dd_source_init_mem(&src, what, text, len, &d) == 0) {
		if (!p)
			p = dd_parser_detect(&src);
		if (p) {
			dd_doc doc;
			dd_doc_init(&doc, &src);
			p->parse(&doc, &d);
			r.ntables = doc.ntables;
			if (doc.ntables) {
				r.nrows0 = doc.tables[0].nrows;
				r.ncols0 = doc.tables[0].ncols;
			}
			dd_records rs;
			dd_records_init(&rs);
			dd_records_extract(&doc, NULL, &rs, &d);
			r.nrecs = (unsigned)rs.n;
			dd_buf out = DD_BUF_INIT;
			dd_dump_doc(&doc, &out);
			dd_buf_free(&out);
			dd_records_free(&rs);
			dd_doc_free(&doc);
		}
	}
	r.nerrors = d.nerrors;
	r.nwarnings = d.nwarnings;
	r.nnotes = d.nnotes;
	if (code > 0 && d.buf.len) {
		char tag[16];
		snprintf(tag, sizeof tag, "[DD-%03d]", code);
		dd_buf_putc(&d.buf, 0);
		r.has_diag_code = strstr(d.buf.ptr, tag) != NULL;
	}
	dd_source_free(&src);
	dd_diag_free(&d);
	r.secs = now() - t0;
	printf("%-34s %6.3f s  tables %u (%u x %u)  records %u  diags %u/%u/%u\n", what, r.secs,
	       r.ntables, r.nrows0, r.ncols0, r.nrecs, r.nerrors, r.nwarnings, r.nnotes);
	CHECK(r.secs < ts_cpu_bound(TIME_BOUND_S));
	if (code != NOT_A_TABLE)
		CHECK(r.ntables > 0 || r.nerrors + r.nwarnings + r.nnotes > 0);
	return r;
}

static void fill(dd_buf *b, const char *pat, size_t n)
{
	size_t m = strlen(pat);
	dd_buf_reset(b);
	dd_buf_grow(b, n + 1);
	for (size_t i = 0; i < n; i++)
		dd_buf_putc(b, pat[i % m]);
}

/* A status-code key that repeats rarely: 100..599. */
static unsigned key(unsigned i)
{
	return 100 + i % 500;
}

int main(void)
{
	dd_parsers_init();
	dd_buf b = DD_BUF_INIT;
	result r;

	/* 1 MB line of "+-+-+": a border with half a million columns, refused */
	fill(&b, "+-", 1 << 20);
	dd_buf_putc(&b, '+');
	r = run("1 MB line of +-+-+ (rst)", &dd_parser_rst, b.ptr, b.len, 0);
	CHECK(r.ntables == 0 && r.nerrors == 1);
	run("1 MB line of +-+-+ (sniff)", NULL, b.ptr, b.len, NOT_A_TABLE);

	/* 100k-row grid table */
	dd_buf_reset(&b);
	dd_buf_puts(&b, "+------+-----------+\n| Code | Name      |\n+======+===========+\n");
	for (unsigned i = 0; i < 100000; i++)
		dd_buf_printf(&b, "| %u  | Row %-5u |\n+------+-----------+\n", key(i), i % 100000);
	r = run("100k-row grid table", &dd_parser_rst, b.ptr, b.len, 0);
	CHECK(r.ntables == 1 && r.nrows0 == 100001 && r.ncols0 == 2);

	/* 100k-row pipe table (2 columns: under the Markdown cell limit) */
	dd_buf_reset(&b);
	dd_buf_puts(&b, "| Code | Name |\n|---|---|\n");
	for (unsigned i = 0; i < 100000; i++)
		dd_buf_printf(&b, "| %u | Row %u |\n", key(i), i);
	r = run("100k-row pipe table", &dd_parser_markdown, b.ptr, b.len, 0);
	CHECK(r.ntables == 1 && r.nrows0 == 100001);

	/* 100k-row pipe table of 3 columns (the cell limit counts wide tables only) */
	dd_buf_reset(&b);
	dd_buf_puts(&b, "| Code | Name | Description |\n|---|---|---|\n");
	for (unsigned i = 0; i < 100000; i++)
		dd_buf_printf(&b, "| %u | Row | Text %u |\n", key(i), i);
	r = run("100k-row 3-column pipe table", &dd_parser_markdown, b.ptr, b.len, 0);
	CHECK(r.ntables == 1 && r.nrows0 == 100001 && r.ncols0 == 3);

	/* 100k-row HTML table */
	dd_buf_reset(&b);
	dd_buf_puts(&b, "<table><tr><th>Code</th><th>Name</th></tr>\n");
	for (unsigned i = 0; i < 100000; i++)
		dd_buf_printf(&b, "<tr><td>%u</td><td>Row %u</td></tr>\n", key(i), i);
	dd_buf_puts(&b, "</table>\n");
	r = run("100k-row HTML table", &dd_parser_html, b.ptr, b.len, 0);
	CHECK(r.ntables == 1 && r.nrows0 == 100001);
	/* the same as raw HTML inside Markdown */
	r = run("100k-row HTML table (markdown)", &dd_parser_markdown, b.ptr, b.len, 0);
	CHECK(r.ntables == 1 && r.nrows0 == 100001);

	/* 10k nested <table>: refused past the depth limit, reported once */
	dd_buf_reset(&b);
	for (unsigned i = 0; i < 10000; i++)
		dd_buf_puts(&b, "<table><tr><td>");
	dd_buf_puts(&b, "404");
	for (unsigned i = 0; i < 10000; i++)
		dd_buf_puts(&b, "</td></tr></table>");
	r = run("10k nested <table> (html)", &dd_parser_html, b.ptr, b.len, DD_E_HTML_DEPTH);
	CHECK(r.has_diag_code);
	r = run("10k nested <table> (markdown)", &dd_parser_markdown, b.ptr, b.len,
	        DD_E_HTML_DEPTH);
	CHECK(r.has_diag_code);
	/* ... and never closed */
	fill(&b, "<table><tr><td>", 15 * 10000);
	run("10k unclosed nested <table>", &dd_parser_html, b.ptr, b.len, 0);

	/* cmark-gfm 0.29's table extension is quadratic in the '|' of one line:
	 * each of these took 12-43 s before such blocks were refused (DD-202).
	 * A table after a blank line is still read. */
	{
		static const char after[] = "\n| Code | Name |\n|---|---|\n| 200 | OK |\n";
		/* a 2-column table with 3 body rows of 50 000 cells */
		dd_buf_reset(&b);
		dd_buf_puts(&b, "| Code | Name |\n|---|---|\n");
		for (unsigned i = 0; i < 3; i++) {
			for (unsigned k = 0; k < 50000; k++)
				dd_buf_puts(&b, "| 200 ");
			dd_buf_puts(&b, "|\n");
		}
		dd_buf_puts(&b, after);
		r = run("3 rows of 50k cells (markdown)", &dd_parser_markdown, b.ptr, b.len,
		        DD_E_MD_TABLE);
		CHECK(r.has_diag_code && r.ntables == 1 && r.nrecs == 1);
		/* a 100 000-pipe header over a 50 000-cell delimiter row */
		dd_buf_reset(&b);
		for (unsigned k = 0; k < 100000; k++)
			dd_buf_puts(&b, "| a ");
		dd_buf_puts(&b, "|\n");
		for (unsigned k = 0; k < 50000; k++)
			dd_buf_puts(&b, "|---");
		dd_buf_puts(&b, "|\n");
		dd_buf_puts(&b, after);
		r = run("100k-pipe header (markdown)", &dd_parser_markdown, b.ptr, b.len,
		        DD_E_MD_TABLE);
		CHECK(r.has_diag_code && r.ntables == 1 && r.nrecs == 1);
		/* a 100 000-pipe paragraph line above a small table's header */
		dd_buf_reset(&b);
		for (unsigned k = 0; k < 100000; k++)
			dd_buf_puts(&b, "| a ");
		dd_buf_puts(&b, "|\n| Code |\n|---|\n| 404 |\n");
		dd_buf_puts(&b, after);
		r = run("100k-pipe line above a table", &dd_parser_markdown, b.ptr, b.len,
		        DD_E_MD_TABLE);
		CHECK(r.has_diag_code && r.ntables == 1 && r.nrecs == 1);
		/* pipes in code spans split cells too */
		dd_buf_reset(&b);
		dd_buf_puts(&b, "| Code | Name |\n|---|---|\n");
		for (unsigned k = 0; k < 50000; k++)
			dd_buf_puts(&b, "`|` ");
		dd_buf_puts(&b, "|\n");
		dd_buf_puts(&b, after);
		r = run("50k code-span pipes in a row", &dd_parser_markdown, b.ptr, b.len,
		        DD_E_MD_TABLE);
		CHECK(r.has_diag_code && r.ntables == 1 && r.nrecs == 1);
		/* escaped pipes cost cmark nothing: the table is read */
		dd_buf_reset(&b);
		dd_buf_puts(&b, "| Status Code | Name |\n|---|---|\n| 200 | ");
		for (unsigned k = 0; k < 50000; k++)
			dd_buf_puts(&b, "\\| ");
		dd_buf_puts(&b, "|\n");
		r = run("50k escaped pipes in a cell", &dd_parser_markdown, b.ptr, b.len, 0);
		CHECK(r.nerrors == 0 && r.ntables == 1 && r.nrecs == 1);
	}

	/* 1 MB of '|', one line and one per line, through every parser */
	fill(&b, "|", 1 << 20);
	run("1 MB of | (rst)", &dd_parser_rst, b.ptr, b.len, NOT_A_TABLE);
	run("1 MB of | (markdown)", &dd_parser_markdown, b.ptr, b.len, NOT_A_TABLE);
	run("1 MB of | (html)", &dd_parser_html, b.ptr, b.len, NOT_A_TABLE);
	fill(&b, "|\n", 1 << 20);
	run("1 MB of |\\n (markdown)", &dd_parser_markdown, b.ptr, b.len, NOT_A_TABLE);
	run("1 MB of |\\n (rst)", &dd_parser_rst, b.ptr, b.len, NOT_A_TABLE);

	/* flattened grid table of 20k rows on one line */
	dd_buf_reset(&b);
	dd_buf_puts(&b, ":original_name: flat_01_0001.html .. table:: **Table 1** Codes "
	                "+------+------------+ | Code | Name       | "
	                "+======+============+ ");
	for (unsigned i = 0; i < 20000; i++)
		dd_buf_printf(&b, "| %u  | Row %-6u | +------+------------+ ", key(i), i);
	dd_buf_puts(&b, "Trailing text.\n");
	r = run("20k-row flattened table", &dd_parser_rst, b.ptr, b.len, 0);
	CHECK(r.ntables == 1 && r.nrows0 == 20001);
	run("20k-row flattened table (sniff)", NULL, b.ptr, b.len, 0);

	/* deeply nested lists in one RST cell: 500 levels, 2 columns per level */
	{
		enum { DEPTH = 500 };
		size_t w = 2 * DEPTH + 10;
		dd_buf_reset(&b);
		dd_buf_puts(&b, "+-------------+");
		for (size_t i = 0; i < w; i++)
			dd_buf_putc(&b, '-');
		dd_buf_puts(&b, "+\n| Status Code | Name");
		for (size_t i = 5; i < w; i++) /* " Name" */
			dd_buf_putc(&b, ' ');
		dd_buf_puts(&b, "|\n+=============+");
		for (size_t i = 0; i < w; i++)
			dd_buf_putc(&b, '=');
		dd_buf_puts(&b, "+\n");
		for (size_t lvl = 0; lvl < DEPTH; lvl++) {
			dd_buf_puts(&b, lvl ? "|             | " : "| 404         | ");
			size_t used = 1;
			for (size_t i = 0; i < 2 * lvl; i++, used++)
				dd_buf_putc(&b, ' ');
			dd_buf_puts(&b, "- x");
			used += 3;
			for (; used < w; used++)
				dd_buf_putc(&b, ' ');
			dd_buf_puts(&b, "|\n");
		}
		dd_buf_puts(&b, "+-------------+");
		for (size_t i = 0; i < w; i++)
			dd_buf_putc(&b, '-');
		dd_buf_puts(&b, "+\n");
		r = run("500-deep nested list in a cell", &dd_parser_rst, b.ptr, b.len, 0);
		CHECK(r.ntables == 1 && r.nrecs == 1);
	}

	/* 30k simple tables in one page: the bottom-rule search once ran to the
	 * end of the page for each table (7 s here, now 0.1 s) */
	dd_buf_reset(&b);
	for (unsigned i = 0; i < 30000; i++)
		dd_buf_printf(&b, "===========  ======\nStatus Code  Name\n===========  ======\n"
		                  "%u          Row %u\n===========  ======\n\n",
		              key(i), i);
	r = run("30k simple tables in one page", &dd_parser_rst, b.ptr, b.len, 0);
	CHECK(r.ntables == 30000 && r.nrecs == 30000);

	/* a grid table whose last line is no border, over 100k row lines: the
	 * look back for its last border, and the second reading docutils makes
	 * of that border, are one pass each */
	dd_buf_reset(&b);
	dd_buf_puts(&b, "+-----+------+\n| 200 | OK   |\n+-----+------+\n");
	for (unsigned i = 0; i < 100000; i++)
		dd_buf_puts(&b, "| 201 | Made |\n");
	r = run("grid table cut short, 100k rows", &dd_parser_rst, b.ptr, b.len, DD_E_GRID_BORDER);
	CHECK(r.ntables == 1 && r.nerrors == 1 && r.has_diag_code);

	/* 100k <pre> and <code> elements, then a table: each element is found
	 * once (HTML, and Markdown's raw HTML blocks) */
	dd_buf_reset(&b);
	for (unsigned i = 0; i < 100000; i++)
		dd_buf_puts(&b, "<pre>+---+</pre>\n<p><code>x</code></p>\n");
	dd_buf_puts(&b, "<table><tr><th>Status Code</th></tr><tr><td>200</td></tr></table>\n");
	r = run("100k <pre>, <code> then a table (html)", &dd_parser_html, b.ptr, b.len, 0);
	CHECK(r.ntables == 1);
	r = run("100k <pre>, <code> (markdown)", &dd_parser_markdown, b.ptr, b.len, 0);
	CHECK(r.ntables == 1);
	/* ... and never closed: the table is code */
	fill(&b, "<code><pre>\n", 12 * 100000);
	dd_buf_puts(&b, "<table><tr><td>200</td></tr></table>\n");
	r = run("100k unclosed <code> <pre> (html)", &dd_parser_html, b.ptr, b.len, NOT_A_TABLE);
	CHECK(r.ntables == 0);
	fill(&b, "<pre>\n", 6 * 100000);
	dd_buf_puts(&b, "<table><tr><td>200</td></tr></table>\n");
	r = run("100k unclosed <pre> (markdown)", &dd_parser_markdown, b.ptr, b.len, NOT_A_TABLE);
	CHECK(r.ntables == 0);

	/* a 1.2 MB error-code appendix (the size of a real service's): 6,000
	 * rows of five columns, each code once, the statuses repeating */
	dd_buf_reset(&b);
	/* columns 3, 10, 22, 40 and 50 wide */
	const char *rule = "+-----+------------+------------------------+------------------------------"
	                   "------------+----------------------------------------------------+\n";
	dd_buf_puts(&b, rule);
	dd_buf_printf(&b, "| %-3s | %-10s | %-22s | %-40s | %-50s |\n", "St", "Error Code",
	              "Error Message", "Description", "Solution");
	for (const char *q = rule; *q; q++)
		dd_buf_putc(&b, *q == '-' ? '=' : *q);
	char c2[16], c3[32], c4[48], c5[64];
	for (unsigned i = 0; i < 6000; i++) {
		snprintf(c2, sizeof c2, "APP.%04u", i);
		snprintf(c3, sizeof c3, "The request %u", i);
		snprintf(c4, sizeof c4, "It failed because of reason %u.", i);
		snprintf(c5, sizeof c5, "Check parameter %u and send the request again.", i);
		dd_buf_printf(&b, "| %-3u | %-10s | %-22s | %-40s | %-50s |\n", key(i % 7), c2, c3, c4,
		              c5);
		dd_buf_puts(&b, rule);
	}
	r = run("1.2 MB error-code table (rst)", &dd_parser_rst, b.ptr, b.len, 0);
	CHECK(b.len > 1200000 && r.nrecs == 6000 && r.nerrors == 0);

	/* 100k-row list-table and csv-table */
	dd_buf_reset(&b);
	dd_buf_puts(&b, ".. list-table::\n   :header-rows: 1\n\n   * - Status Code\n     - Name\n");
	for (unsigned i = 0; i < 100000; i++)
		dd_buf_printf(&b, "   * - %u\n     - Row %u\n", key(i), i);
	r = run("100k-row list-table", &dd_parser_rst, b.ptr, b.len, 0);
	CHECK(r.ntables == 1 && r.nrows0 == 100001);
	dd_buf_reset(&b);
	dd_buf_puts(&b, ".. csv-table::\n   :header: Status Code, Name\n\n");
	for (unsigned i = 0; i < 100000; i++)
		dd_buf_printf(&b, "   %u, \"Row, %u\"\n", key(i), i);
	r = run("100k-row csv-table", &dd_parser_rst, b.ptr, b.len, 0);
	CHECK(r.ntables == 1 && r.nrows0 == 100001);
	/* ... and one 1 MB quoted field never closed: an error, found once */
	dd_buf_reset(&b);
	dd_buf_puts(&b, ".. csv-table::\n\n   200, \"");
	for (unsigned i = 0; i < 20000; i++)
		dd_buf_puts(&b, "a line of the quoted field that is never closed, \n   ");
	r = run("csv-table quote never closed", &dd_parser_rst, b.ptr, b.len, DD_E_CSV_TABLE);
	CHECK(r.ntables == 0 && r.nerrors == 1 && r.has_diag_code);

	dd_buf_free(&b);
	dd_parsers_cleanup();
	return TEST_DONE();
}
