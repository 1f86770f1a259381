/* test_prefilter.c - the cheap rejection (dd_may_hold_table) never skips a
 * document a parser would find a table in or say anything about.
 *
 * Three parts: documents whose only table is of one kind (each must be kept,
 * and the parser must find that table, so the case means something);
 * documents without tables that must be rejected (else the shortcut does
 * nothing); and random documents built from the bytes tables are made of,
 * each parsed by every parser and by detection: a rejected one must give no
 * table and no diagnostic from any of them. DD_PREFILTER_DOCS=N runs N
 * random documents instead of the default. */
#include <stdint.h>
#include <stdlib.h>

#include "support.h"
#include "test.h"

/* Parses text as name with parser (NULL: detected, as dd_walk does);
 * returns tables + diagnostics, the things a skipped parse would lose. */
static unsigned found(const dd_parser *parser, const char *name, const char *text, size_t n)
{
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	d.verbose = 1;
	dd_source src;
	if (dd_source_init_mem(&src, name, text, n, &d) != 0)
		abort();
	/* the loader's own diagnostics (DD-009...) are said before the shortcut */
	unsigned loaded = d.nerrors + d.nwarnings + d.nnotes;
	const dd_parser *ps = parser ? parser : dd_parser_detect(&src);
	if (!ps)
		ps = &dd_parser_markdown;
	dd_doc doc;
	dd_doc_init(&doc, &src);
	ps->parse(&doc, &d);
	unsigned k = doc.ntables + d.nerrors + d.nwarnings + d.nnotes - loaded;
	dd_doc_free(&doc);
	dd_source_free(&src);
	dd_diag_free(&d);
	return k;
}

static int may_hold(const dd_parser *forced, const char *name, const char *text)
{
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	dd_source src;
	if (dd_source_init_mem(&src, name, text, strlen(text), &d) != 0)
		abort();
	int k = dd_may_hold_table(&src, forced);
	dd_source_free(&src);
	dd_diag_free(&d);
	return k;
}

typedef struct kept_case {
	const char *what, *name, *text;
	int parsed;   /* 0: no parser on this branch reads it yet (list-table, csv-table) */
} kept_case;

static const kept_case kept[] = {
	{"grid table", "a.rst", "+-----+----+\n| 200 | OK |\n+-----+----+\n", 1},
	{"indented grid table", "a.rst",
	 ".. note::\n\n    +-----+----+\n    | 200 | OK |\n    +-----+----+\n", 1},
	{"tab-indented grid table", "a.rst", ".. note::\n\n\t+-----+----+\n\t| 200 | OK |\n"
	 "\t+-----+----+\n", 1},
	{"grid table after a bullet", "a.rst", "- +-----+----+\n  | 200 | OK |\n  +-----+----+\n", 1},
	{"flattened grid table", "a.rst", "Text +-----+----+ | 200 | OK | +-----+----+ more\n", 1},
	{"simple table", "a.rst", "===  ==\n200  OK\n===  ==\n", 1},
	{"indented simple table", "a.rst", "Codes:\n\n   ===  ==\n   200  OK\n   ===  ==\n", 1},
	{"list-table directive", "a.rst", ".. list-table:: Codes\n\n   * - 200\n     - OK\n", 0},
	{"csv-table directive", "a.rst", ".. CSV-Table:: Codes\n\n   200, OK\n", 0},
	{"pipe table", "a.md", "| Code | Name |\n|------|------|\n| 200  | OK   |\n", 1},
	{"pipe table in a block quote", "a.md", "> | Code | Name |\n> |---|---|\n> | 200 | OK |\n", 1},
	{"pipe table in a list item", "a.md", "- item\n\n  Code | Name\n  -----|-----\n  200 | OK\n", 1},
	{"pipe table without pipes", "a.md", "Code\n:---\n200\n", 1},
	{"pipe table, delimiter with a VT", "a.md", "| Code |\n---\v\n| 200 |\n", 1},
	{"pipe table, delimiter after a FF", "a.md", "Code\n\f---\n200\n", 1},
	{"pipe table, delimiter after spaces and a VT", "a.md", "Code\n  \v-\n200\n", 1},
	{"HTML table in Markdown", "a.md", "# Codes\n\n<table><tr><td>200</td><td>OK</td></tr></table>\n", 1},
	{"HTML table in upper case", "a.md", "Codes:\n\n<TABLE><TR><TD>200</TD></TR></TABLE>\n", 1},
	{"HTML page", "a.html", "<html><body><table><tr><td>200</td></tr></table></body></html>\n", 1},
	{"HTML page, a character reference to one (DD-305)", "a.html", "<p>a &#1; b</p>\n", 1},
	{"HTML by its first byte, U+FFFF (DD-305)", "a.txt", "<p>a \xef\xbf\xbf b</p>\n", 1},
};

/* Text a parser finds nothing in: must be rejected. */
static const char *const rejected[] = {
	"Plain prose, a | b and c.\n\nMore text: here.\n",
	"Title\n=====\n\nSection\n-------\n\nText 1 + 2 = 3.\n",
	"# Title\n\nText\n---\n\n- item\n- - -\n\n    code | here\n",
	"::\n\n   id | name\n  ----+------\n   1  | a\n",
	"<p>No table here.</p>\n",
};

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static unsigned next(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

/* The bytes tables and their near misses are made of. */
static const char *const frag[] = {
	"+", "-", "=", "|", ":", " ", "  ", "\t", "\n", "\n", "\n\n", ">", "> ", "\v", "\f", "a",
	"word", "200", "OK", "- ", "* ", "1. ", "    ", "+---+", "+===+", "+-----+----+\n",
	"| 200 | OK |\n", "|---|---|\n", "| a | b |\n", "---", ":-", "-:", "===", "=== ===",
	"=== ==\n", "<table>", "</table>", "<td>", "<tr>", "<TABLE ", "<tab", "&#1;", "&#",
	"&amp;", "\x01", "\xef\xbf\xbf", "\xef\xbf\xbe", ".. table::", ".. list-table::",
	".. csv-table::", "::", "table", "```", "~~~", "<pre>", "</pre>", "*", "_", "\\", "`",
	"\xc3\xa9", "\xe4\xb8\xad", "\xc2\xa0", "\xe3\x80\x80", "<br>", "<!--", "-->", "]:",
};

int main(void)
{
	const dd_parser *ps[] = {NULL, &dd_parser_rst, &dd_parser_markdown, &dd_parser_html};
	dd_parsers_init();
	for (size_t i = 0; i < sizeof kept / sizeof *kept; i++) {
		const kept_case *k = &kept[i];
		int ok = may_hold(NULL, k->name, k->text);
		if (!ok)
			fprintf(stderr, "rejected: %s\n", k->what);
		CHECK(ok);
		int f = !k->parsed || found(NULL, k->name, k->text, strlen(k->text)) > 0;
		if (!f)
			fprintf(stderr, "no parser finds the table: %s\n", k->what);
		CHECK(f);
	}
	/* --format html reads any name and first byte as HTML */
	CHECK(may_hold(&dd_parser_html, "a.md", "Text a &#1; b\n"));
	CHECK(found(&dd_parser_html, "a.md", "Text a &#1; b\n", 14) > 0);
	CHECK(!may_hold(NULL, "a.md", "Text a &#1; b\n"));
	/* more '|' than a pipe table row may have: DD-202 may speak */
	{
		dd_buf b = DD_BUF_INIT;
		for (int k = 0; k < 300; k++)
			dd_buf_puts(&b, "|");
		dd_buf_puts(&b, "\na | b\n---\n");
		CHECK(may_hold(NULL, "a.md", b.ptr));
		CHECK(found(NULL, "a.md", b.ptr, b.len) > 0);
		dd_buf_free(&b);
	}
	/* 600 nested elements: DD-304 */
	{
		dd_buf b = DD_BUF_INIT;
		for (int k = 0; k < 600; k++)
			dd_buf_puts(&b, "<div>");
		CHECK(may_hold(NULL, "a.html", b.ptr));
		CHECK(found(NULL, "a.html", b.ptr, b.len) > 0);
		dd_buf_free(&b);
	}
	for (size_t i = 0; i < sizeof rejected / sizeof *rejected; i++) {
		CHECK(!may_hold(NULL, "a.txt", rejected[i]));
		for (size_t p = 0; p < 4; p++)
			CHECK(found(ps[p], "a.txt", rejected[i], strlen(rejected[i])) == 0);
	}

	const char *env = getenv("DD_PREFILTER_DOCS");
	/* fewer under valgrind (DD_CPU_SCALE is its slowdown) */
	long ndocs = env ? atol(env) : (long)(20000 / ts_cpu_bound(1.0));
	static const char *const names[] = {"a.txt", "a.md", "a.rst", "a.html"};
	long nrej = 0, wrong = 0, with_tables = 0;
	dd_buf b = DD_BUF_INIT;
	for (long d = 0; d < ndocs; d++) {
		dd_buf_reset(&b);
		unsigned nfrag = 1 + next(60);
		for (unsigned f = 0; f < nfrag; f++)
			dd_buf_puts(&b, frag[next(sizeof frag / sizeof *frag)]);
		const char *name = names[next(4)];
		dd_diag_sink dg;
		dd_diag_init(&dg, NULL);
		dd_source src;
		if (dd_source_init_mem(&src, name, b.ptr, b.len, &dg) != 0)
			abort();
		for (size_t p = 0; p < 4; p++) {
			int keep = dd_may_hold_table(&src, ps[p]);
			unsigned k = found(ps[p], name, b.ptr, b.len);
			nrej += !keep;
			with_tables += k > 0;
			if (!keep && k) {
				wrong++;
				fprintf(stderr, "rejected but parser %s finds %u tables/diagnostics in %s: \"",
				        ps[p] ? ps[p]->name : "(detected)", k, name);
				fwrite(b.ptr, 1, b.len, stderr);
				fprintf(stderr, "\"\n");
			}
		}
		dd_source_free(&src);
		dd_diag_free(&dg);
	}
	dd_buf_free(&b);
	CHECK(wrong == 0);
	CHECK(ndocs < 1000 || nrej > ndocs / 4); /* the generator makes table-less ones too */
	printf("%ld random documents x 4 readings: %ld rejected, %ld with tables or diagnostics, %ld "
	       "wrongly rejected\n",
	       ndocs, nrej, with_tables, wrong);
	dd_parsers_cleanup();
	return TEST_DONE();
}
