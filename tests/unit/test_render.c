/* test_render.c - the table renderers: golden output of a fixed record set
 * (fixtures/render/expected.*; DD_REGEN=1 rewrites them), escaping, RST
 * layout by display width, HTML well-formedness through libxml2's XML
 * parser (no recovery), RFC 4180 quoting.
 *
 * usage: test_render FIXTURE_DIR */
#include <libxml/parser.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <utf8proc.h>

#include "render/render.h"
#include "support.h"
#include "test.h"

#define P(s) {s, sizeof(s) - 1, 0}

static dd_para p200[] = {P("The request succeeded.")};
static dd_para p404[] = {
	P("The resource does not exist | was removed: see *docs* and **x**."),
	P("Check `id` & <name> \"quoted\"; a_b_ ref_ [1]_ anon__ and a \\ backslash."),
};
static dd_para p409[] = {
	P("The request could not be completed because of a conflict with the current state of "
	  "the target resource, for example an edit conflict between two updates."),
	P("- starts with a dash"),
	P("1. looks like a list item"),
	P("Ends with::"),
};
static dd_para p4xx[] = {P("中文描述：请求无效，请检查参数。"), P("Mixed 中文 and ASCII text.")};
static dd_para p4xx_fix[] = {P("Retry, \"later\", with a tab-free text.")};
static dd_para p500_code[] = {P("APIGW.0101")};
static dd_para p500_fix[] = {P("Contact support.")};
static dd_field f4xx[] = {{"Solution", p4xx_fix, 1}};
static dd_field f500[] = {{"Error Code", p500_code, 1}, {"Solution", p500_fix, 1}};

#define NREC 5
static const dd_record golden_recs[NREC] = {
	{.key = "200", .name = "OK", .desc = p200, .ndesc = 1},
	{.key = "404", .name = "Not Found", .desc = p404, .ndesc = 2},
	{.key = "409", .name = "", .desc = p409, .ndesc = 4},
	{.key = "4xx", .name = "客户端错误", .desc = p4xx, .ndesc = 2, .extra = f4xx, .nextra = 1},
	{.key = "500", .name = "Internal Server Error", .desc = NULL, .ndesc = 0, .extra = f500,
	 .nextra = 2},
};

static void golden_o(const char *dir, dd_render_format f, const char *ext,
                     const dd_render_opts *o)
{
	dd_buf out = DD_BUF_INIT;
	dd_render_table(f, golden_recs, NREC, o, &out);
	char path[4096];
	snprintf(path, sizeof path, "%s/expected.%s", dir, ext);
	const char *regen = getenv("DD_REGEN");
	if (regen && strcmp(regen, "1") == 0) {
		FILE *w = fopen(path, "wb");
		CHECK(w != NULL);
		if (w) {
			fwrite(out.ptr, 1, out.len, w);
			fclose(w);
			printf("rewrote %s\n", path);
		}
	}
	size_t n = 0;
	char *want = ts_slurp(path, &n);
	CHECK(want != NULL);
	if (want && (n != out.len || memcmp(want, out.ptr, n) != 0)) {
		fprintf(stderr, "%s differs from the renderer's output:\n%s", path, out.ptr);
		CHECK(!"golden output matches");
	} else if (want) {
		CHECK(1);
	}
	free(want);
	dd_buf_free(&out);
}

static void golden(const char *dir, dd_render_format f, const char *ext)
{
	dd_render_opts o = {.caption = "Table 1 Status codes", .width = 72};
	golden_o(dir, f, ext, &o);
}

static const char *render_o(dd_render_format f, const dd_record *r, size_t n,
                            const dd_render_opts *o, dd_buf *out)
{
	dd_buf_reset(out);
	dd_render_table(f, r, n, o, out);
	return out->ptr ? out->ptr : "";
}

static const char *render(dd_render_format f, const dd_record *r, size_t n, const char *caption,
                          dd_buf *out)
{
	dd_render_opts o = {.caption = caption};
	return render_o(f, r, n, caption ? &o : NULL, out);
}

/* rst wrapped at 72 columns (--width 72) */
static const char *render72(const dd_record *r, size_t n, dd_buf *out)
{
	dd_render_opts o = {.width = 72};
	return render_o(DD_RENDER_RST, r, n, &o, out);
}

static size_t dwidth(const char *s, size_t n)
{
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		utf8proc_int32_t cp;
		utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s + i,
		                                      (utf8proc_ssize_t)(n - i), &cp);
		if (k <= 0)
			return (size_t)-1;
		w += utf8proc_charwidth(cp) == 2 ? 2 : 1;
		i += (size_t)k;
	}
	return w;
}

/* Every line of an RST grid table has the same width in docutils' columns
 * (wide characters 2, every other code point 1), and its '|' and '+' column
 * boundaries sit at the same columns as the top border's. */
static int rst_aligned(const char *s)
{
	const char *top = s;
	size_t topn = strcspn(top, "\n");
	size_t want = dwidth(top, topn);
	for (const char *l = s; *l;) {
		size_t n = strcspn(l, "\n");
		if (dwidth(l, n) != want) {
			fprintf(stderr, "misaligned line: %.*s\n", (int)n, l);
			return 0;
		}
		/* each '+' of the top border must be a '+' or '|' here, at that display column */
		size_t col = 0;
		for (size_t i = 0, tc = 0; i < n;) {
			utf8proc_int32_t cp;
			utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)l + i,
			                                      (utf8proc_ssize_t)(n - i), &cp);
			if (k <= 0)
				return 0;
			while (tc < topn && dwidth(top, tc) < col)
				tc++;
			if (tc < topn && top[tc] == '+' && dwidth(top, tc) == col && cp != '+' && cp != '|')
				return 0;
			col += utf8proc_charwidth(cp) == 2 ? 2 : 1;
			i += (size_t)k;
		}
		l += n + (l[n] == '\n');
	}
	return 1;
}

static int xml_well_formed(const char *s, size_t n)
{
	xmlDocPtr doc = xmlReadMemory(s, (int)n, "render.html", "UTF-8", XML_PARSE_NONET);
	if (!doc)
		return 0;
	xmlFreeDoc(doc);
	return 1;
}

static void test_formats(void)
{
	dd_render_format f = DD_RENDER_JSON;
	CHECK(dd_render_format_parse("md", &f) == 0 && f == DD_RENDER_MD);
	CHECK(dd_render_format_parse("markdown", &f) == 0 && f == DD_RENDER_MD);
	CHECK(dd_render_format_parse("rst", &f) == 0 && f == DD_RENDER_RST);
	CHECK(dd_render_format_parse("html", &f) == 0 && f == DD_RENDER_HTML);
	CHECK(dd_render_format_parse("csv", &f) == 0 && f == DD_RENDER_CSV);
	CHECK(dd_render_format_parse("json", &f) == 0 && f == DD_RENDER_JSON);
	f = DD_RENDER_CSV;
	CHECK(dd_render_format_parse("RST", &f) == -1 && f == DD_RENDER_CSV);
	CHECK(dd_render_format_parse("", &f) == -1);
	CHECK(dd_render_format_parse(NULL, &f) == -1);
	CHECK_STR(dd_render_format_name(DD_RENDER_HTML), "html");
}

static void test_md(dd_buf *b)
{
	static dd_para d[] = {P("a|b *c* _d_ `e` [f](g) <h> &amp; ~~i~~ \\ j"), P("two")};
	dd_record r = {.key = "404", .name = "Not Found", .desc = d, .ndesc = 2};
	CHECK_STR(render(DD_RENDER_MD, &r, 1, NULL, b),
	          "| Status Code | Name | Description |\n"
	          "| --- | --- | --- |\n"
	          "| 404 | Not Found | a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\&amp; "
	          "\\~\\~i\\~\\~ \\\\ j<br><br>two |\n");
	CHECK_STR(render(DD_RENDER_MD, NULL, 0, "# 1. Codes", b),
	          "\\# 1. Codes\n\n| Status Code | Name | Description |\n| --- | --- | --- |\n");
	CHECK_STR(render(DD_RENDER_MD, NULL, 0, "2. Codes", b),
	          "2\\. Codes\n\n| Status Code | Name | Description |\n| --- | --- | --- |\n");
}

static void test_rst(dd_buf *b)
{
	/* escaping, one paragraph at a time */
	static dd_para d[] = {P("*a* `b` |c| x_ y__ [1]_ snake_case \\"), P("- item"), P("2) item"),
	                      P("iv. item"), P("..  comment"), P("Literal::"), P("::"),
	                      P("\xE2\x80\xA2 bullet"), P("Plain text.")};
	dd_record r = {.key = "400", .name = "_x", .desc = d, .ndesc = 9};
	const char *s = render(DD_RENDER_RST, &r, 1, NULL, b);
	CHECK(strstr(s, "| \\*a\\* \\`b\\` \\|c\\| x\\_ y\\_\\_ [1]\\_ snake_case \\\\ ") != NULL);
	CHECK(strstr(s, "| \\- item ") != NULL);
	CHECK(strstr(s, "| \\2) item ") != NULL);
	CHECK(strstr(s, "| \\iv. item ") != NULL);
	CHECK(strstr(s, "| \\..  comment ") != NULL);
	CHECK(strstr(s, "| Literal\\:: ") != NULL);
	CHECK(strstr(s, "| \\:: ") != NULL);
	CHECK(strstr(s, "| \\\xE2\x80\xA2 bullet ") != NULL);
	CHECK(strstr(s, "| Plain text. ") != NULL);
	CHECK(strstr(s, "| \\_x ") != NULL);
	CHECK(rst_aligned(s));

	/* CJK is two columns; a combining mark counts one, as docutils counts it */
	static dd_para cjk[] = {P("中文描述"), P("cafe\xCC\x81 e\xCC\x81t\xC3\xA9")};
	dd_record rc = {.key = "500", .name = "服务器错误", .desc = cjk, .ndesc = 2};
	s = render(DD_RENDER_RST, &rc, 1, NULL, b);
	CHECK_STR(s, "+-------------+------------+-------------+\n"
	             "| Status Code | Name       | Description |\n"
	             "+=============+============+=============+\n"
	             "| 500         | 服务器错误 | 中文描述    |\n"
	             "|             |            |             |\n"
	             "|             |            | cafe\xCC\x81 e\xCC\x81t\xC3\xA9  |\n"
	             "+-------------+------------+-------------+\n");
	CHECK(rst_aligned(s));

	/* wrapping at spaces, never inside a word; a long word widens the column */
	char longp[400];
	snprintf(longp, sizeof longp, "%s",
	         "word word word word word word word word word word word word word word word word "
	         "word word word word word word word word word word word word end");
	char longw[100];
	memset(longw, 'w', 90);
	longw[90] = '\0';
	dd_para dl[] = {{longp, strlen(longp), 0}, {longw, 90, 0}};
	dd_record rl = {.key = "503", .name = "A long name that is never wrapped at all, whatever its length",
	                .desc = dl, .ndesc = 1};
	s = render(DD_RENDER_RST, &rl, 1, NULL, b); /* no width: one line a paragraph */
	CHECK(rst_aligned(s));
	CHECK(strstr(s, "word word end |\n") != NULL);
	CHECK(strstr(s, "| word word word word word word word word word word word word word word |\n") == NULL);
	s = render72(&rl, 1, b);
	CHECK(rst_aligned(s));
	CHECK(strstr(s, "| word word word word word word word word word word word word word word |\n") != NULL);
	CHECK(strstr(s, "A long name that is never wrapped at all, whatever its length |") != NULL);
	CHECK(strstr(s, "| word word word word word word word word word word word word word word "
	                "word\n") == NULL);
	rl.ndesc = 2;
	s = render72(&rl, 1, b);
	CHECK(rst_aligned(s));
	CHECK(strstr(s, longw) != NULL);

	/* a second line of one repeated punctuation character would be a section
	 * underline: it stays on the first line */
	char ul[200];
	snprintf(ul, sizeof ul, "%s", "aaaaaaaaa bbbbbbbbb ccccccccc ddddddddd eeeeeeeee fffffffff "
	                              "ggggggggg ----- tail");
	dd_para du[] = {{ul, strlen(ul), 0}};
	dd_record ru = {.key = "418", .name = "x", .desc = du, .ndesc = 1};
	s = render72(&ru, 1, b);
	CHECK(rst_aligned(s));
	CHECK(strstr(s, "ggggggggg ----- |") != NULL);
	CHECK(strstr(s, "| tail ") != NULL);

	/* caption: a .. table:: directive with the table indented under it; no
	 * records: the header row alone, without the +===+ docutils would reject */
	s = render(DD_RENDER_RST, NULL, 0, "Table 1 *Codes*", b);
	CHECK_STR(s, ".. table:: Table 1 \\*Codes\\*\n\n"
	             "   +-------------+------+-------------+\n"
	             "   | Status Code | Name | Description |\n"
	             "   +-------------+------+-------------+\n");
}

/* The layout of the source table: a simple table, the caption's markup,
 * the headers, "200 OK" in the key cell, a column left out, widths. */
static void test_rst_layout(dd_buf *b)
{
	static dd_para d200[] = {P("Fine.")}, d202[] = {P("Accepted."), P("Poll the *job*.")};
	dd_record r[2] = {{.key = "200", .name = "OK", .desc = d200, .ndesc = 1},
	                  {.key = "202", .name = "Accepted", .desc = d202, .ndesc = 2}};
	dd_render_opts o = {.caption = "Table 1 Normal", .caption_markup = "**Table 1** Normal",
	                    .heads = {NULL, "Message", NULL}, .rst_simple = 1};
	CHECK_STR(render_o(DD_RENDER_RST, r, 2, &o, b),
	          ".. table:: **Table 1** Normal\n\n"
	          "   =========== ======== =================\n"
	          "   Status Code Message  Description\n"
	          "   =========== ======== =================\n"
	          "   200         OK       Fine.\n"
	          "   202         Accepted Accepted.\n"
	          "\n"
	          "                        Poll the \\*job\\*.\n"
	          "   =========== ======== =================\n");
	/* the source's widths and gap, where the text fits them */
	static const unsigned w[] = {11, 12, 20};
	o.colw = w;
	o.ncolw = 3;
	o.colgap = 2;
	o.caption_markup = NULL;
	CHECK_STR(render_o(DD_RENDER_RST, r, 1, &o, b),
	          ".. table:: Table 1 Normal\n\n"
	          "   ===========  ============  ====================\n"
	          "   Status Code  Message       Description\n"
	          "   ===========  ============  ====================\n"
	          "   200          OK            Fine.\n"
	          "   ===========  ============  ====================\n");
	/* two cells of several lines in one row: a grid table */
	static dd_field fx[] = {{"Fix", d202, 2}};
	r[1].extra = fx;
	r[1].nextra = 1;
	o = (dd_render_opts){.rst_simple = 1};
	CHECK(strncmp(render_o(DD_RENDER_RST, r, 2, &o, b), "+---", 4) == 0);
	r[1].nextra = 0;
	/* names in the key cell, no name column; a column nobody has left out */
	o = (dd_render_opts){.heads = {"Returned Value", NULL, NULL}, .join_name = 1};
	CHECK_STR(render_o(DD_RENDER_RST, r, 1, &o, b),
	          "+----------------+-------------+\n"
	          "| Returned Value | Description |\n"
	          "+================+=============+\n"
	          "| 200 OK         | Fine.       |\n"
	          "+----------------+-------------+\n");
	o = (dd_render_opts){.no_desc = 1};
	CHECK_STR(render_o(DD_RENDER_MD, r, 1, &o, b),
	          "| Status Code | Name |\n| --- | --- |\n| 200 | OK |\n");
	/* the markup is RST: other formats write the plain caption */
	o = (dd_render_opts){.caption = "Table 1 Normal", .caption_markup = "**Table 1** Normal"};
	CHECK(strncmp(render_o(DD_RENDER_MD, r, 1, &o, b), "Table 1 Normal\n\n", 16) == 0);
	CHECK(strstr(render_o(DD_RENDER_HTML, r, 1, &o, b), "<caption>Table 1 Normal</caption>"));
	/* json: "table" when asked for */
	r[1].table = 1;
	o = (dd_render_opts){.json_table = 1};
	CHECK(strstr(render_o(DD_RENDER_JSON, r, 2, &o, b), "\"description\":[\"Fine.\"],\"table\":1}"));
	CHECK(strstr(b->ptr, "\"table\":2}"));
}

static void test_html(dd_buf *b)
{
	static dd_para d[] = {P("a < b && c > \"d\" 'e'"), P("ctl\x01" "x \xEF\xBF\xBE end")};
	dd_record r = {.key = "404", .name = "<Not> Found", .desc = d, .ndesc = 2};
	const char *s = render(DD_RENDER_HTML, &r, 1, "T & C", b);
	CHECK_STR(s, "<table>\n<caption>T &amp; C</caption>\n<thead>\n"
	             "<tr><th>Status Code</th><th>Name</th><th>Description</th></tr>\n"
	             "</thead>\n<tbody>\n"
	             "<tr><td>404</td><td>&lt;Not&gt; Found</td><td><p>a &lt; b &amp;&amp; c &gt; "
	             "&quot;d&quot; 'e'</p><p>ctl\xEF\xBF\xBDx \xEF\xBF\xBD end</p></td></tr>\n"
	             "</tbody>\n</table>\n");
	CHECK(xml_well_formed(b->ptr, b->len));
	s = render(DD_RENDER_HTML, golden_recs, NREC, NULL, b);
	CHECK(xml_well_formed(b->ptr, b->len));
	(void)s;
}

static void test_csv(dd_buf *b)
{
	static dd_para d[] = {P("plain"), P("with, comma and \"quotes\"")};
	static dd_para e[] = {P("x")};
	static dd_field fx[] = {{"Fix, maybe", e, 1}};
	dd_record r[2] = {{.key = "404", .name = "Not Found", .desc = d, .ndesc = 1},
	                  {.key = "409", .name = "", .desc = d, .ndesc = 2, .extra = fx, .nextra = 1}};
	CHECK_STR(render(DD_RENDER_CSV, r, 2, "ignored", b),
	          "Status Code,Name,Description,\"Fix, maybe\"\r\n"
	          "404,Not Found,plain,\r\n"
	          "409,,\"plain\nwith, comma and \"\"quotes\"\"\",x\r\n");
}

static void test_json(dd_buf *b)
{
	CHECK_STR(render(DD_RENDER_JSON, NULL, 0, NULL, b), "[]\n");
	static dd_para d[] = {P("a \"q\" \\ \xE4\xB8\xAD")};
	static dd_field fx[] = {{"Fix", NULL, 0}};
	dd_record r[2] = {{.key = "404", .name = "Not Found", .desc = d, .ndesc = 1},
	                  {.key = "4xx", .name = "", .extra = fx, .nextra = 1}};
	CHECK_STR(render(DD_RENDER_JSON, r, 2, NULL, b),
	          "[\n"
	          "{\"key\":\"404\",\"kind\":\"status\",\"name\":\"Not Found\",\"description\":[\"a \\\"q\\\" \\\\ \xE4\xB8\xAD\"]},\n"
	          "{\"key\":\"4xx\",\"kind\":\"status\",\"name\":\"\",\"description\":[],\"extra\":[{\"header\":\"Fix\",\"value\":[]}]}\n"
	          "]\n");
}

/* Extra headers: union in first-seen order, empty cells where a record lacks one. */
static void test_union(dd_buf *b)
{
	static dd_para a[] = {P("A")}, c[] = {P("C")};
	static dd_field f1[] = {{"X", a, 1}}, f2[] = {{"Y", c, 1}, {"X", c, 1}};
	dd_record r[3] = {{.key = "400", .extra = f1, .nextra = 1},
	                  {.key = "401"},
	                  {.key = "402", .extra = f2, .nextra = 2}};
	CHECK_STR(render(DD_RENDER_MD, r, 3, NULL, b),
	          "| Status Code | Name | Description | X | Y |\n"
	          "| --- | --- | --- | --- | --- |\n"
	          "| 400 |  |  | A |  |\n"
	          "| 401 |  |  |  |  |\n"
	          "| 402 |  |  | C | C |\n");
}

int main(int argc, char **argv)
{
	dd_buf b = DD_BUF_INIT;
	test_formats();
	test_md(&b);
	test_rst(&b);
	test_rst_layout(&b);
	test_html(&b);
	test_csv(&b);
	test_json(&b);
	test_union(&b);
	if (argc > 1) {
		golden(argv[1], DD_RENDER_MD, "md");
		dd_render_opts simple = {.caption = "Table 1 Status codes", .rst_simple = 1};
		golden_o(argv[1], DD_RENDER_RST, "simple.rst", &simple);
		golden(argv[1], DD_RENDER_RST, "rst");
		golden(argv[1], DD_RENDER_HTML, "html");
		golden(argv[1], DD_RENDER_CSV, "csv");
		golden(argv[1], DD_RENDER_JSON, "json");
	} else {
		fprintf(stderr, "no fixture directory given: golden files not checked\n");
		CHECK(!"fixture directory argument");
	}
	dd_buf_free(&b);
	xmlCleanupParser();
	return TEST_DONE();
}
