/* test_report.c - the reports a writer reads: display widths and wrapping,
 * dissenting groups, the scorecard's order, narrowing by code and variant,
 * the text report at any width, HTML escaping, the flat findings read
 * back with jansson, one per finding of the JSON report, and 5,000
 * variants in time linear in their number. */
#define _POSIX_C_SOURCE 200809L

#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <jansson.h>

#include "gate/gate.h"
#include "report/report_internal.h"
#include "support.h"
#include "test.h"

/* ---- widths and wrapping ---- */

static size_t widest(const char *s, size_t *lines)
{
	size_t w = 0;
	*lines = 0;
	for (const char *p = s; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p), lw = dd_rep_width(p, n);
		if (lw > w)
			w = lw;
		(*lines)++;
		p += n + (nl != NULL);
	}
	return w;
}

static void test_wrap(void)
{
	CHECK(dd_rep_width("abc", 3) == 3);
	CHECK(dd_rep_width("\033[31mred\033[0m", strlen("\033[31mred\033[0m")) == 3);
	CHECK(dd_rep_width("\xE8\xAF\xB7\xE6\xB1\x82", 6) == 4);   /* 请求: two wide */
	CHECK(dd_rep_width("e\xCC\x81", 3) == 1);                  /* e + combining acute */
	CHECK(dd_rep_width("a" DD_REP_GLUES "b", 3) == 3);         /* glue is a space */

	dd_buf b = DD_BUF_INIT;
	dd_rep_wrap_line(&b, "  one two three four five six", 29, 14, "    ");
	CHECK_STR(b.ptr, "  one two\n    three four\n    five six\n");
	dd_buf_reset(&b);
	/* glue holds words together; it comes out as a space */
	dd_rep_wrap_line(&b, "aaaa 12" DD_REP_GLUES "rewording", 17, 14, "  ");
	CHECK_STR(b.ptr, "aaaa\n  12 rewording\n");
	dd_buf_reset(&b);
	/* a word wider than a line is cut, after a '/' where it can be */
	const char *url = "see https://example.com/aaaa/bbbbbbbbbb/cccccccccc/dd now";
	dd_rep_wrap_line(&b, url, strlen(url), 20, "");
	CHECK_STR(b.ptr, "see\nhttps://example.com/\naaaa/bbbbbbbbbb/\ncccccccccc/dd now\n");
	dd_buf_reset(&b);
	/* wide characters: cut between them, never over the width */
	const char *cjk = "\xE8\xAF\xB7\xE6\xB1\x82\xE7\x9A\x84\xE5\xAA\x92\xE4\xBD\x93";  /* 5 x 2 columns */
	dd_rep_wrap_line(&b, cjk, strlen(cjk), 5, "");
	size_t lines;
	CHECK(widest(b.ptr, &lines) <= 5 && lines == 3);
	dd_buf_reset(&b);
	/* colour escapes take no room */
	const char *col = "\033[31mdeleted words\033[0m \033[32minserted\033[0m";
	dd_rep_wrap_line(&b, col, strlen(col), 22, "");
	CHECK(strchr(b.ptr, '\n') == b.ptr + b.len - 1);
	dd_buf_reset(&b);
	dd_rep_put_cut(&b, "css:css_03_0075", 8);
	CHECK_STR(b.ptr, "css:css\xE2\x80\xA6");
	dd_buf_free(&b);
}

/* ---- a family from Markdown pages ---- */

typedef struct family {
	ts_parsed p[8];
	size_t n;
	dd_records rs;
	dd_recon r;
} family;

static const char page_head[] = "| Status Code | Message | Description |\n|---|---|---|\n";

/* Page k of the family: rows, one "code|name|description" per line. */
static void family_add(family *f, const char *name, const char *rows)
{
	dd_buf t = DD_BUF_INIT;
	dd_buf_puts(&t, page_head);
	for (const char *p = rows; *p;) {
		const char *nl = strchr(p, '\n');
		size_t n = nl ? (size_t)(nl - p) : strlen(p);
		dd_buf_puts(&t, "| ");
		for (size_t i = 0; i < n; i++)
			if (p[i] == '|')
				dd_buf_puts(&t, " | ");
			else
				dd_buf_putc(&t, p[i]);
		dd_buf_puts(&t, " |\n");
		p += n + (nl != NULL);
	}
	ts_parsed *tp = &f->p[f->n++];
	ts_parse(tp, dd_parser_by_name("md"), name, t.ptr, t.len);
	dd_buf_free(&t);
	dd_records_extract(&tp->doc, NULL, &f->rs, &tp->diags);
}

static void family_free(family *f)
{
	dd_recon_free(&f->r);
	dd_records_free(&f->rs);
	for (size_t i = 0; i < f->n; i++)
		ts_parsed_free(&f->p[i]);
}

static const dd_aligned *code_of(const dd_recon *r, const char *key)
{
	for (size_t i = 0; i < r->ncodes; i++)
		if (strcmp(r->codes[i].key, key) == 0)
			return &r->codes[i];
	return NULL;
}

/* Five pages: dcs, iam and vpc say more at 202 than ecs and elb, which
 * agree; vpc lacks 404; iam rewords 200 its own way. */
static void five(family *f)
{
	memset(f, 0, sizeof *f);
	dd_records_init(&f->rs);
	const char *base200 = "200|OK|The request has succeeded.\n";
	const char *base202 = "202|Accepted|The request has been accepted.\n";
	const char *more202 = "202|Accepted|The request has been accepted for processing.\n";
	const char *base404 = "404|Not Found|The resource could not be found.\n";
	dd_buf b = DD_BUF_INIT;
	const char *names[] = {"dcs.md", "ecs.md", "elb.md", "iam.md", "vpc.md"};
	for (int k = 0; k < 5; k++) {
		dd_buf_reset(&b);
		dd_buf_puts(&b, k == 3 ? "200|OK|It worked out fine in the end.\n" : base200);
		dd_buf_puts(&b, k == 1 || k == 2 ? base202 : more202);
		if (k != 4)
			dd_buf_puts(&b, base404);
		family_add(f, names[k], b.ptr);
	}
	dd_buf_free(&b);
	/* pages without a page id are labelled by their file name */
	dd_label_opt lab[5];
	for (int k = 0; k < 5; k++)
		lab[k] = (dd_label_opt){dd_arena_strndup(f->rs.arena, names[k], 3), names[k]};
	dd_recon_opts o = {.labels = lab, .nlabels = 5};
	dd_diag_sink d;
	dd_diag_init(&d, stderr);
	CHECK(dd_reconcile(&f->rs, &o, &f->r, &d) == 0);
	dd_diag_free(&d);
}

static void test_groups(void)
{
	family f;
	five(&f);
	const dd_recon *r = &f.r;
	CHECK(r->nvar == 5);
	/* 202: two variants make one change against the three others: one group */
	const dd_aligned *cd = code_of(r, "202");
	CHECK(cd && cd->canon[DD_FIELD_DESC].support == 3);
	dd_rep_groups gs;
	dd_rep_group_code(cd, 0, &gs);
	CHECK(gs.n == 1 && gs.v[0].kind == DD_GROUP_FIELD && gs.v[0].n == 2);
	/* (the majority is dcs, iam, vpc: it is ecs and elb that differ, together) */
	CHECK_STR(r->var[cd->f[gs.v[0].f[0]].variant].label, "ecs");
	CHECK_STR(r->var[cd->f[gs.v[0].f[1]].variant].label, "elb");
	CHECK_STR(gs.v[0].diff, "The request has been accepted [-for processing-].");
	dd_rep_groups_free(&gs);
	/* 404: missing in one */
	dd_rep_group_code(code_of(r, "404"), 0, &gs);
	CHECK(gs.n == 1 && gs.v[0].kind == DD_GROUP_MISSING && gs.v[0].n == 1);
	dd_rep_groups_free(&gs);

	/* the text report shows the group once, with both labels */
	dd_buf out = DD_BUF_INIT;
	dd_report_text(r, NULL, NULL, &out, NULL);
	CHECK(strstr(out.ptr, "  ~ description truncation (similarity 0.86): 2 variants: ecs (4:3), "
	                      "elb (4:3)\n    The request has been accepted [-for processing-].\n"));
	CHECK(strstr(out.ptr, "  - missing in vpc\n"));

	/* the scorecard: the least share of codes agreed on first */
	size_t n;
	dd_rep_score *sc = dd_rep_scorecard(r, NULL, &n);
	CHECK(n == 5);
	CHECK_STR(r->var[sc[0].variant].label, "ecs");  /* 2/3 agreed; ties by label */
	CHECK(sc[0].agree == 2 && sc[0].of == 3 && sc[0].findings == 1);
	CHECK_STR(r->var[sc[3].variant].label, "vpc");  /* 2/3 of 3: 404 is missing */
	CHECK_STR(r->var[sc[4].variant].label, "dcs");  /* 3/3 */
	CHECK(sc[4].agree == 3 && sc[4].findings == 0);
	free(sc);

	/* any width from the least up: no line wider */
	for (unsigned w = DD_REPORT_MIN_WIDTH; w <= 120; w += 7) {
		dd_report_opts o = {.width = w};
		dd_buf_reset(&out);
		dd_report_text(r, NULL, &o, &out, NULL);
		size_t lines;
		CHECK(widest(out.ptr, &lines) <= w);
	}
	/* -q: the summary and the scorecard only */
	dd_report_opts q = {.quiet = 1};
	dd_buf_reset(&out);
	dd_report_text(r, NULL, &q, &out, NULL);
	CHECK(strstr(out.ptr, "Scorecard") && !strstr(out.ptr, "\nCode ") && !strstr(out.ptr, "Matrix"));
	dd_buf_free(&out);
	family_free(&f);
}

/* --code and --variant: what the report is narrowed to */
static void test_narrow(void)
{
	family f;
	five(&f);
	dd_policy p;
	dd_policy_init(&p);
	const char *codes[] = {"2xx"}, *vars[] = {"e*"};
	p.codes = codes;
	p.ncodes = 1;
	p.variants = vars;
	p.nvariants = 1;
	CHECK(dd_policy_narrowed(&p));
	dd_policy_filter(&p, &f.r);
	const dd_recon *r = &f.r;
	CHECK(r->ncodes == 2 && !code_of(r, "404"));
	/* iam's own rewording at 200 is gone; ecs and elb's truncation stays */
	CHECK(code_of(r, "200")->nf == 0 && code_of(r, "202")->nf == 2);
	CHECK(r->count[DD_CLASS_REWORDING] == 0 && r->count[DD_CLASS_TRUNCATION] == 2 && r->ndiffer == 1);
	/* iam's state at 200 is what the vote saw, though it is not reported */
	unsigned cur = 0;
	CHECK(dd_rep_state_of(code_of(r, "200"), 3, &cur) == '~');
	dd_gate g;
	dd_gate_build(&g, r, &p, NULL, "/", 1);
	dd_buf out = DD_BUF_INIT;
	dd_report_text(r, &g, NULL, &out, NULL);
	CHECK(strstr(out.ptr, "2 of 5 variants (--variant), 2 codes (--code): 1 differs"));
	CHECK(strstr(out.ptr, "  ecs  agrees on 1/2") && !strstr(out.ptr, "  iam "));
	dd_buf_free(&out);
	dd_gate_free(&g);
	family_free(&f);
}

/* ---- HTML: text is escaped ---- */

static void test_html_escape(void)
{
	family f;
	memset(&f, 0, sizeof f);
	dd_records_init(&f.rs);
	family_add(&f, "a.md", "200|OK|Use `<b>&amp;</b>` and \"quotes\".\n");
	family_add(&f, "b.md", "200|OK|Use `<i>` & 'quotes'.\n");
	dd_diag_sink d;
	dd_diag_init(&d, stderr);
	CHECK(dd_reconcile(&f.rs, NULL, &f.r, &d) == 0);
	dd_diag_free(&d);
	dd_buf out = DD_BUF_INIT;
	dd_report_html(&f.r, NULL, NULL, &out, NULL);
	CHECK(strncmp(out.ptr, "<!DOCTYPE html>\n<html lang=\"en\">", 32) == 0);
	CHECK(!strstr(out.ptr, "<b>") && !strstr(out.ptr, "<i>"));
	CHECK(strstr(out.ptr, "&lt;b&gt;&amp;amp;&lt;/b&gt;") != NULL);
	CHECK(strstr(out.ptr, "<del>") && strstr(out.ptr, "<ins>"));
	CHECK(strstr(out.ptr, "data-class=\"rewording\"") || strstr(out.ptr, "data-class=\"substitution\""));
	dd_buf_free(&out);
	family_free(&f);
}

/* Every id="..." of page once: 1, else 0 (and the first twice on stderr). */
static int ids_unique(const char *page)
{
	size_t n = 0, cap = 0;
	const char **ids = NULL;
	int ok = 1;
	for (const char *p = page; (p = strstr(p, " id=\"")); p += 5) {
		DD_GROW(ids, n, cap);
		ids[n++] = p + 5;
	}
	for (size_t i = 0; i < n && ok; i++)
		for (size_t k = i + 1; k < n && ok; k++) {
			size_t len = strcspn(ids[i], "\"");
			if (len == strcspn(ids[k], "\"") && strncmp(ids[i], ids[k], len) == 0) {
				fprintf(stderr, "id twice: %.*s\n", (int)len, ids[i]);
				ok = 0;
			}
		}
	free(ids);
	return ok && n > 0;
}

/* Two families on one page: each part under its heading, its ids apart */
static void test_html_parts(void)
{
	family f;
	five(&f);
	dd_buf out = DD_BUF_INIT;
	dd_report_html_begin("two", &out);
	dd_report_html_part(&f.r, NULL, "First", "a-", &out, NULL);
	dd_report_html_part(&f.r, NULL, "Second", "b-", &out, NULL);
	dd_report_html_end(&out);
	CHECK(strstr(out.ptr, "<h1>First</h1>") && strstr(out.ptr, "<h1>Second</h1>"));
	CHECK(strstr(out.ptr, " id=\"a-c-202\"") && strstr(out.ptr, " id=\"b-c-202\""));
	CHECK(strstr(out.ptr, "href=\"#b-f-202-0\""));
	CHECK(ids_unique(out.ptr));
	size_t parts = 0;
	for (const char *p = out.ptr; (p = strstr(p, "<section class=\"part\">")); p++)
		parts++;
	CHECK(parts == 2 && strstr(out.ptr, "</html>\n") == out.ptr + out.len - 8);
	dd_buf_free(&out);
	family_free(&f);
}

/* ---- flat findings through jansson ---- */

/* The parser docdrift would pick for text (the seeds are of every format). */
static const dd_parser *detect(const char *path, const char *text, size_t n)
{
	dd_source src;
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	if (dd_source_init_mem(&src, path, text, n, &d) != 0)
		abort();
	const dd_parser *p = dd_parser_detect(&src);
	dd_source_free(&src);
	dd_diag_free(&d);
	return p;
}

static void test_flat(const char *root)
{
	family f;
	memset(&f, 0, sizeof f);
	dd_records_init(&f.rs);
	const char *seeds[] = {"000_712c53966bc0e2d0.txt", "001_1b7a17603f135351.txt",
	                       "002_4c25b561525d1b26.txt", "003_f0fc33c0d21b21d8.txt",
	                       "004_630f8735e6e5ec51.txt"};
	char *text[5];
	for (int k = 0; k < 5; k++) {
		char path[256];
		size_t n;
		snprintf(path, sizeof path, "%s/fixtures/seeds/%s", root, seeds[k]);
		text[k] = ts_slurp(path, &n);
		CHECK(text[k] != NULL);
		if (!text[k])
			return;
		ts_parsed *tp = &f.p[f.n++];
		ts_parse(tp, detect(path, text[k], n), path, text[k], n);
		dd_records_extract(&tp->doc, NULL, &f.rs, &tp->diags);
	}
	dd_diag_sink d;
	dd_diag_init(&d, stderr);
	CHECK(dd_reconcile(&f.rs, NULL, &f.r, &d) == 0);
	dd_diag_free(&d);
	dd_policy p;
	dd_policy_init(&p);
	dd_gate g;
	dd_gate_build(&g, &f.r, &p, NULL, "/", 2);

	dd_buf js = DD_BUF_INIT, jl = DD_BUF_INIT, cs = DD_BUF_INIT;
	dd_report_json(&f.r, &g, NULL, &js, NULL);
	dd_report_jsonl(&f.r, &g, NULL, &jl, NULL);
	dd_report_csv(&f.r, &g, NULL, &cs, NULL);
	json_error_t err;
	json_t *rep = json_loads(js.ptr, 0, &err);
	CHECK(rep != NULL);
	size_t nf = 0, rows = 0, bad = 0;
	const char *line = jl.ptr;
	json_t *codes = json_object_get(rep, "codes"), *c, *fd;
	size_t i, k;
	json_array_foreach(codes, i, c) {
		json_array_foreach(json_object_get(c, "findings"), k, fd) {
			nf++;
			const char *nl = line ? strchr(line, '\n') : NULL;
			if (!nl) {
				bad++;
				break;
			}
			json_t *row = json_loadb(line, (size_t)(nl - line), 0, &err);
			line = nl + 1;
			rows += row != NULL;
			if (!row)
				continue;
			static const char *const same[] = {"variant", "class", "severity", "fingerprint",
			                                   "file", "line", "column", "diff", "field"};
			for (size_t s = 0; s < sizeof same / sizeof *same; s++) {
				json_t *a = json_object_get(fd, same[s]), *b = json_object_get(row, same[s]);
				if (!json_equal(a ? a : json_null(), b ? b : json_null()))
					bad++;
			}
			if (!json_equal(json_object_get(c, "code"), json_object_get(row, "code")) ||
			    strcmp(json_string_value(json_object_get(row, "kind")), "status") != 0)
				bad++;
			json_decref(row);
		}
	}
	CHECK(nf == 108 && rows == nf && bad == 0 && line && *line == '\0');
	/* CSV: a header and one record per finding; a field with a line break
	 * or a quote is quoted, quotes doubled, records end in CRLF */
	size_t crlf = 0;
	for (const char *q = cs.ptr; (q = strstr(q, "\r\n")); q += 2)
		crlf++;
	CHECK(crlf >= nf + 1);
	CHECK(strncmp(cs.ptr, "code,kind,variant,file,line,column,field,class,reason,severity,", 63) == 0);
	CHECK(strstr(cs.ptr, ",\"The client should continue with its request.\nThis interim") != NULL);
	dd_report_opts cont = {.continued = 1};
	dd_buf_reset(&cs);
	dd_report_csv(&f.r, &g, &cont, &cs, NULL);
	CHECK(strncmp(cs.ptr, "100,status,", 11) == 0);
	json_decref(rep);
	dd_buf_free(&js);
	dd_buf_free(&jl);
	dd_buf_free(&cs);
	dd_gate_free(&g);
	family_free(&f);
	for (int s = 0; s < 5; s++)
		free(text[s]);
}

/* ---- many variants: the reports stay linear in variants x codes ---- */

static double cpu_now(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* 5,000 pages of 60 codes each (page k rewords code k % 60): the text
 * report draws the variants x codes matrix, and the JSON report writes
 * every code's states, both in CPU time linear in variants x codes (the
 * matrix once rescanned a code's entries for every cell: seconds here). */
#define MANY_VARIANTS 5000
#define MANY_CODES 60
static void test_many_variants(void)
{
	ts_parsed *pages = calloc(MANY_VARIANTS, sizeof *pages);
	dd_records rs;
	dd_records_init(&rs);
	dd_buf t = DD_BUF_INIT;
	char name[32];
	for (unsigned k = 0; k < MANY_VARIANTS; k++) {
		dd_buf_reset(&t);
		dd_buf_puts(&t, page_head);
		for (unsigned c = 0; c < MANY_CODES; c++)
			dd_buf_printf(&t, "| %u | Name %u | %s %u. |\n", 100 + c, c,
			              c == k % MANY_CODES ? "Put another way, code" : "The text of code", c);
		snprintf(name, sizeof name, "p%04u.md", k);
		ts_parse(&pages[k], dd_parser_by_name("md"), name, t.ptr, t.len);
		dd_records_extract(&pages[k].doc, NULL, &rs, &pages[k].diags);
	}
	dd_buf_free(&t);
	dd_recon r;
	dd_diag_sink d;
	dd_diag_init(&d, stderr);
	CHECK(dd_reconcile(&rs, NULL, &r, &d) == 0);
	dd_diag_free(&d);
	CHECK(r.nvar == MANY_VARIANTS && r.ncodes == MANY_CODES);

	dd_buf out = DD_BUF_INIT;
	double t0 = cpu_now();
	dd_report_text(&r, NULL, NULL, &out, NULL);
	double text_s = cpu_now() - t0;
	CHECK(strstr(out.ptr, "Matrix, variants x codes") != NULL);
	CHECK(text_s < ts_cpu_bound(0.5));
	dd_buf_reset(&out);
	t0 = cpu_now();
	dd_report_json(&r, NULL, NULL, &out, NULL);
	double json_s = cpu_now() - t0;
	CHECK(json_s < ts_cpu_bound(0.5));
	json_error_t err;
	json_t *rep = json_loads(out.ptr, 0, &err);
	json_t *c0 = json_array_get(json_object_get(rep, "codes"), 0);
	CHECK(json_string_length(json_object_get(c0, "states")) == MANY_VARIANTS);
	CHECK(json_array_size(json_object_get(c0, "findings")) == MANY_VARIANTS / MANY_CODES + 1);
	printf("many variants: text report %.3f s, JSON report %.3f s (CPU)\n", text_s, json_s);
	json_decref(rep);
	dd_buf_free(&out);
	dd_recon_free(&r);
	dd_records_free(&rs);
	for (unsigned k = 0; k < MANY_VARIANTS; k++)
		ts_parsed_free(&pages[k]);
	free(pages);
}

/* argv[1]: the source root (for the seeds). */
/* A variant's state in a code, found from any cursor (walking up, or
 * starting at 0 for each one as the variants x codes matrix does) as a
 * plain scan would find it. */
static void test_state_of(void)
{
	enum { NV = 300 };
	dd_entry e[NV / 3];
	dd_aligned cd;
	memset(&cd, 0, sizeof cd);
	memset(e, 0, sizeof e);
	cd.e = e;
	for (unsigned i = 0; i < NV / 3; i++) { /* variants 0, 3, 6, ... */
		e[i].variant = 3 * i;
		e[i].state = i % 2 ? '~' : '=';
	}
	cd.n = NV / 3;
	int ok = 1;
	unsigned walk = 0;
	for (unsigned v = 0; v < NV + 5; v++) {
		char want = v % 3 || v >= NV ? '-' : (v / 3) % 2 ? '~' : '=';
		unsigned fresh = 0;
		ok &= dd_rep_state_of(&cd, v, &fresh) == want && dd_rep_state_of(&cd, v, &walk) == want;
	}
	CHECK(ok);
	cd.extra = 1;
	unsigned c0 = 0;
	CHECK(dd_rep_state_of(&cd, 1, &c0) == '.' && c0 == 1);
}

int main(int argc, char **argv)
{
	dd_parsers_init();
	test_state_of();
	test_wrap();
	test_groups();
	test_narrow();
	test_html_escape();
	test_html_parts();
	test_flat(argc > 1 ? argv[1] : ".");
	test_many_variants();
	return TEST_DONE();
}
