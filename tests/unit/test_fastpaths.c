/* test_fastpaths.c - the parsers' fast paths give what their slow paths give.
 *
 * The Markdown parser reads plainly structured documents without cmark-gfm's
 * table extension (md_fast.c; DD_MD_NOFAST=1 turns it off) and the HTML
 * parser blanks unread attributes before libxml2 sees them (DD_HTML_NOBLANK=1).
 * Every file of the directories given, and the documents below, is parsed
 * as Markdown and as HTML both ways; the table dump and the diagnostics must
 * be the same bytes. The documents below each take the fast path. */
#include <dirent.h>
#include <stdlib.h>

#include "render/render.h"
#include "support.h"
#include "test.h"

static const char *const docs[] = {
	/* plain cells only */
	"# Codes<a name=\"p1\"></a>\n\n| Code | Name |\n|---|---|\n| 200 | OK |\n| 404 | Not Found |\n",
	/* cells for cmark's inline parser: markup, escapes, <br>, entities, a trailing '\' */
	"| Code | Text |\n|:--|--:|\n| 200 | **OK** and `a|b` |\n| 201 | a<br>b &amp; c |\n"
	"| 202 | a \\| b | extra |\n| 203 | x \\\n",
	/* a paragraph the table interrupts, rows without outer pipes, page text after */
	"Intro text.\nThe table:\n| a | b |\n|---|---|\nx | y\n  | indented | row |\nFeedback\n"
	"Was this page helpful?\n\nAfter.\n",
	/* short and long rows, empty cells, NBSP-only and tab cells */
	"| a | b | c |\n|---|---|---|\n| 1 |\n| 1 | 2 | 3 | 4 |\n|| \xc2\xa0 |\t|\n",
	/* setext underlines and breaks ("---" is no delimiter row), two tables */
	"Title\n---\n\n| a |\n|---|\n| 1 |\n\n***\n\nText\n\n| b | c |\n| - | - |\n| 2 | 3 |\n",
	/* a header line without pipes at its ends, digits first */
	"200 | OK\n---|---\n300 | Multiple\n",
	/* HTML with attributes blanked or kept */
	"<html><body><h1><a name=\"id1\" class=\"x\">T</a></h1><table class=\"t\" id=\"a\">"
	"<tr><th width=\"50%\">Code</th><th>Name</th></tr><tr><td colspan=\"2\" valign=\"top\">"
	"<p class=\"p\">200 OK</p></td></tr><tr><td rowspan=\"1\">404</td><td>x</td></tr>"
	"</table></body></html>\n",
};

static void dump(const dd_parser *ps, const char *name, const char *text, size_t n, dd_buf *out)
{
	ts_parsed p;
	ts_parse(&p, ps, name, text, n);
	dd_dump_doc(&p.doc, out);
	dd_buf_puts(out, "--\n");
	if (p.diags.buf.ptr)
		dd_buf_put(out, p.diags.buf.ptr, p.diags.buf.len);
	ts_parsed_free(&p);
}

static long ncompared;

static void compare(const char *name, const char *text, size_t n)
{
	size_t bad;
	if (!dd_utf8_valid(text, n, &bad))
		return; /* no document: DD-002 before any parser */
	const dd_parser *ps[] = {&dd_parser_markdown, &dd_parser_html};
	for (size_t k = 0; k < 2; k++) {
		dd_buf fast = DD_BUF_INIT, slow = DD_BUF_INIT;
		unsetenv("DD_MD_NOFAST");
		unsetenv("DD_HTML_NOBLANK");
		dump(ps[k], name, text, n, &fast);
		setenv("DD_MD_NOFAST", "1", 1);
		setenv("DD_HTML_NOBLANK", "1", 1);
		dump(ps[k], name, text, n, &slow);
		int same = fast.len == slow.len && memcmp(fast.ptr, slow.ptr, fast.len) == 0;
		if (!same)
			fprintf(stderr, "%s as %s: the fast path gives\n%.*s\nthe slow path\n%.*s\n", name,
			        ps[k]->name, (int)fast.len, fast.ptr, (int)slow.len, slow.ptr);
		CHECK(same);
		ncompared++;
		dd_buf_free(&fast);
		dd_buf_free(&slow);
	}
}

int main(int argc, char **argv)
{
	dd_parsers_init();
	for (size_t i = 0; i < sizeof docs / sizeof *docs; i++)
		compare("doc.md", docs[i], strlen(docs[i]));
	for (int a = 1; a < argc; a++) {
		DIR *d = opendir(argv[a]);
		CHECK(d != NULL);
		if (!d)
			continue;
		struct dirent *e;
		while ((e = readdir(d))) {
			if (e->d_name[0] == '.')
				continue;
			dd_buf path = DD_BUF_INIT;
			dd_buf_printf(&path, "%s/%s", argv[a], e->d_name);
			size_t n;
			char *text = ts_slurp(path.ptr, &n);
			if (text)
				compare(path.ptr, text, n);
			free(text);
			dd_buf_free(&path);
		}
		closedir(d);
	}
	printf("%ld documents x parsers compared\n", ncompared);
	dd_parsers_cleanup();
	return TEST_DONE();
}
