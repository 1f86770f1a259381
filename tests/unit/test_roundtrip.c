/* test_roundtrip.c - render records, read the output back, get the same records.
 *
 * md, rst and html go through docdrift's own parsers and record stage
 * (dd_source_init_mem -> dd_doc_init -> parser.parse -> dd_records_extract);
 * csv through the RFC 4180 reader below, json through jansson. Key, name,
 * description paragraphs and extra fields must come back byte for byte. */
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/parser.h"
#include "records/records.h"
#include "render/render.h"
#include "test.h"

#define P(s) {s, sizeof(s) - 1, 0}

static dd_para d200[] = {P("The request succeeded.")};
static dd_para d400[] = {
	P("Pipes | inside, *stars*, **bold x**, `code`, <tag> & ampersand &amp; entity."),
	P("Second paragraph with a_b_ ref_ [1]_ and a \\ backslash."),
};
static dd_para d401[] = {
	P("中文描述"),
	/* records are NFC: "é" precomposed, "x" + U+0301 has no precomposed form */
	P("caf\xC3\xA9 and x\xCC\x81 with a combining acute, and \xE4\xB8\xAD\xE6\x96\x87 mixed in."),
};
static dd_para d409[] = {
	P("The request could not be completed because of a conflict with the current state of "
	  "the target resource, for example an edit conflict between two concurrent updates of "
	  "the same document; resubmit after resolving the conflict."),
	P("- a leading dash"),
	P("1. a leading enumerator"),
	P("Ends with::"),
};
static dd_para d500[] = {P("Internal error.")};
static dd_para x400[] = {P("Fix the request.")};
static dd_para x500[] = {P("Retry later,"), P("then \"contact\" support.")};
static dd_field f400[] = {{"Solution", x400, 1}};
static dd_field f500[] = {{"Solution", x500, 2}};

#define NREC 6
static const dd_record recs[NREC] = {
	{.key = "200", .name = "OK", .desc = d200, .ndesc = 1},
	{.key = "400", .name = "Bad | Request *", .desc = d400, .ndesc = 2, .extra = f400, .nextra = 1},
	{.key = "401", .name = "未授权", .desc = d401, .ndesc = 2},
	{.key = "409", .name = "", .desc = d409, .ndesc = 4},
	{.key = "4xx", .name = "Client `Error`", .desc = d200, .ndesc = 1},
	{.key = "500", .name = "Internal Server Error", .desc = d500, .ndesc = 1, .extra = f500,
	 .nextra = 1},
};

/* The paragraphs of extra field `header` of r, or NULL. */
static const dd_field *field(const dd_record *r, const char *header)
{
	for (unsigned e = 0; e < r->nextra; e++)
		if (r->extra[e].header && strcmp(r->extra[e].header, header) == 0)
			return &r->extra[e];
	return NULL;
}

static void compare_set(const char *what, const dd_record *want, size_t nwant,
                        const dd_record *got, size_t ngot, const char *rendered)
{
	int ok = 1;
	if (ngot != nwant) {
		fprintf(stderr, "%s: %zu records back, want %zu\n", what, ngot, nwant);
		ok = 0;
	}
	for (size_t i = 0; i < nwant && i < ngot; i++) {
		const dd_record *w = &want[i], *g = &got[i];
		if (strcmp(g->key ? g->key : "", w->key) != 0) {
			fprintf(stderr, "%s: record %zu key \"%s\", want \"%s\"\n", what, i, g->key, w->key);
			ok = 0;
		}
		if (strcmp(g->name ? g->name : "", w->name) != 0) {
			fprintf(stderr, "%s: %s name \"%s\", want \"%s\"\n", what, w->key, g->name, w->name);
			ok = 0;
		}
		if (g->ndesc != w->ndesc) {
			fprintf(stderr, "%s: %s has %u description paragraphs, want %u\n", what, w->key,
			        g->ndesc, w->ndesc);
			ok = 0;
		}
		for (unsigned p = 0; p < w->ndesc && p < g->ndesc; p++)
			if (g->desc[p].len != w->desc[p].len || strcmp(g->desc[p].text, w->desc[p].text)) {
				fprintf(stderr, "%s: %s paragraph %u\n  got:  \"%s\"\n  want: \"%s\"\n", what,
				        w->key, p + 1, g->desc[p].text, w->desc[p].text);
				ok = 0;
			}
		for (unsigned e = 0; e < w->nextra; e++) {
			const dd_field *wf = &w->extra[e], *gf = field(g, wf->header);
			if (!gf || gf->npara != wf->npara) {
				fprintf(stderr, "%s: %s extra \"%s\": %s\n", what, w->key, wf->header,
				        gf ? "wrong paragraph count" : "missing");
				ok = 0;
				continue;
			}
			for (unsigned p = 0; p < wf->npara; p++)
				if (strcmp(gf->paras[p].text, wf->paras[p].text) != 0) {
					fprintf(stderr, "%s: %s extra \"%s\" paragraph %u: \"%s\", want \"%s\"\n",
					        what, w->key, wf->header, p + 1, gf->paras[p].text,
					        wf->paras[p].text);
					ok = 0;
				}
		}
	}
	if (!ok)
		fprintf(stderr, "---- %s as rendered:\n%s----\n", what, rendered);
	CHECK(ok);
}

static void compare(const char *what, const dd_record *got, size_t ngot, const char *rendered)
{
	compare_set(what, recs, NREC, got, ngot, rendered);
}

static void via_parser_opts(const char *what, const dd_record *want, size_t nwant,
                            dd_render_format f, const dd_parser *parser, const char *name,
                            const dd_render_opts *o)
{
	const char *caption = o->caption;
	dd_buf out = DD_BUF_INIT;
	dd_render_table(f, want, nwant, o, &out);

	dd_diag_sink diags;
	dd_diag_init(&diags, NULL);
	dd_source src;
	CHECK(dd_source_init_mem(&src, name, out.ptr, out.len, &diags) == 0);
	dd_doc doc;
	dd_doc_init(&doc, &src);
	dd_records rs;
	dd_records_init(&rs);
	int rc = parser->parse(&doc, &diags);
	CHECK(rc == 0);
	if (rc != 0)
		fprintf(stderr, "%s: the %s parser failed:\n%s", what, parser->name,
		        diags.buf.ptr ? diags.buf.ptr : "");
	dd_records_extract(&doc, NULL, &rs, &diags);
	if (diags.buf.len) {
		fprintf(stderr, "%s: diagnostics:\n%s", what, diags.buf.ptr);
		CHECK(diags.nerrors == 0 && diags.nwarnings == 0);
	}
	compare_set(what, want, nwant, rs.v, rs.n, out.ptr);
	if (caption && doc.ntables == 1 && doc.tables[0].caption)
		CHECK_STR(doc.tables[0].caption, caption);
	dd_records_free(&rs);
	dd_doc_free(&doc);
	dd_source_free(&src);
	dd_diag_free(&diags);
	dd_buf_free(&out);
}

static void via_parser_set(const char *what, const dd_record *want, size_t nwant,
                           dd_render_format f, const dd_parser *parser, const char *name,
                           const char *caption)
{
	dd_render_opts o = {.caption = caption};
	via_parser_opts(what, want, nwant, f, parser, name, &o);
}

static void via_parser(const char *what, dd_render_format f, const dd_parser *parser,
                       const char *name, const char *caption)
{
	via_parser_set(what, recs, NREC, f, parser, name, caption);
}

/* ---- csv: an RFC 4180 reader ---- */

typedef struct csv_row {
	char *f[8];
	unsigned n;
} csv_row;

/* Reads one record from *p (CRLF ends it); returns 0 at end of input, -1 on
 * a syntax error. Fields are malloc'd. */
static int csv_read(const char **p, csv_row *row)
{
	const char *s = *p;
	row->n = 0;
	if (!*s)
		return 0;
	for (;;) {
		dd_buf b = DD_BUF_INIT;
		dd_buf_put(&b, "", 0);
		if (*s == '"') {
			s++;
			for (;;) {
				if (!*s)
					return -1;
				if (*s == '"') {
					if (s[1] != '"')
						break;
					s++;
				}
				dd_buf_putc(&b, *s++);
			}
			s++;
		} else {
			while (*s && *s != ',' && *s != '\r' && *s != '\n' && *s != '"')
				dd_buf_putc(&b, *s++);
			if (*s == '"' || *s == '\n')
				return -1;
		}
		if (row->n == 8)
			return -1;
		row->f[row->n++] = b.ptr;
		if (*s == ',') {
			s++;
			continue;
		}
		if (s[0] == '\r' && s[1] == '\n') {
			*p = s + 2;
			return 1;
		}
		return -1; /* every record ends with CRLF, the last one too */
	}
}

static void csv_free(csv_row *row)
{
	for (unsigned i = 0; i < row->n; i++)
		free(row->f[i]);
	row->n = 0;
}

/* Splits a cell at LF into paragraphs (arena-less: points into s, which is modified). */
static unsigned split_lf(char *s, dd_para *out, unsigned max)
{
	unsigned n = 0;
	if (!*s)
		return 0;
	for (char *q = s; n < max;) {
		char *e = strchr(q, '\n');
		out[n].text = q;
		out[n].len = e ? (size_t)(e - q) : strlen(q);
		out[n].off = 0;
		n++;
		if (!e)
			break;
		*e = '\0';
		q = e + 1;
	}
	return n;
}

static void via_csv(void)
{
	dd_buf out = DD_BUF_INIT;
	dd_render_table(DD_RENDER_CSV, recs, NREC, NULL, &out);
	const char *p = out.ptr;
	csv_row head, rows[NREC];
	CHECK(csv_read(&p, &head) == 1 && head.n == 4);
	CHECK(head.n == 4 && strcmp(head.f[0], "Status Code") == 0 && strcmp(head.f[3], "Solution") == 0);
	dd_record got[NREC];
	dd_para paras[NREC][8], xparas[NREC][8];
	dd_field fields[NREC];
	size_t n = 0;
	memset(got, 0, sizeof got);
	while (n < NREC && csv_read(&p, &rows[n]) == 1) {
		CHECK(rows[n].n == 4);
		if (rows[n].n != 4) {
			csv_free(&rows[n]);
			break;
		}
		got[n].key = rows[n].f[0];
		got[n].name = rows[n].f[1];
		got[n].desc = paras[n];
		got[n].ndesc = split_lf(rows[n].f[2], paras[n], 8);
		fields[n].header = "Solution";
		fields[n].paras = xparas[n];
		fields[n].npara = split_lf(rows[n].f[3], xparas[n], 8);
		got[n].extra = &fields[n];
		got[n].nextra = 1;
		n++;
	}
	CHECK(*p == '\0');
	compare("csv", got, n, out.ptr);
	for (size_t i = 0; i < n; i++)
		csv_free(&rows[i]);
	csv_free(&head);
	dd_buf_free(&out);
}

/* ---- json through jansson ---- */

static unsigned json_paras(json_t *a, dd_para *out, unsigned max)
{
	unsigned n = 0;
	for (size_t i = 0; i < json_array_size(a) && n < max; i++, n++) {
		out[n].text = json_string_value(json_array_get(a, i));
		out[n].len = json_string_length(json_array_get(a, i));
		out[n].off = 0;
	}
	return n;
}

static void via_json(void)
{
	dd_buf out = DD_BUF_INIT;
	dd_render_table(DD_RENDER_JSON, recs, NREC, NULL, &out);
	json_error_t err;
	json_t *root = json_loads(out.ptr, 0, &err);
	CHECK(root && json_is_array(root));
	if (!root) {
		fprintf(stderr, "json: %s at %d:%d\n", err.text, err.line, err.column);
		dd_buf_free(&out);
		return;
	}
	dd_record got[NREC];
	dd_para paras[NREC][8], xparas[NREC][8];
	dd_field fields[NREC];
	memset(got, 0, sizeof got);
	size_t n = json_array_size(root) < NREC ? json_array_size(root) : NREC;
	for (size_t i = 0; i < n; i++) {
		json_t *o = json_array_get(root, i);
		got[i].key = json_string_value(json_object_get(o, "key"));
		got[i].name = json_string_value(json_object_get(o, "name"));
		got[i].desc = paras[i];
		got[i].ndesc = json_paras(json_object_get(o, "description"), paras[i], 8);
		json_t *ex = json_object_get(o, "extra");
		if (ex) {
			CHECK(json_array_size(ex) == 1);
			json_t *f = json_array_get(ex, 0);
			fields[i].header = json_string_value(json_object_get(f, "header"));
			fields[i].paras = xparas[i];
			fields[i].npara = json_paras(json_object_get(f, "value"), xparas[i], 8);
			got[i].extra = &fields[i];
			got[i].nextra = 1;
		}
		CHECK(json_object_size(o) == (ex ? 5u : 4u)); /* key, kind, name, description, extra */
		CHECK_STR(json_string_value(json_object_get(o, "kind")), "status");
	}
	compare("json", got, json_array_size(root), out.ptr);
	json_decref(root);
	dd_buf_free(&out);
}

/* ---- random text: adversarial atoms, deterministic ---- */

/* Tables and records per format in the random round trip (-DRT_TABLES=5000
 * for a longer hunt). */
#ifndef RT_TABLES
#define RT_TABLES 60
#endif
#define RT_ROWS 5

static unsigned long rng = 20261122;

static unsigned rnd(unsigned n)
{
	rng = rng * 6364136223846793005UL + 1442695040888963407UL;
	return (unsigned)((rng >> 33) % n);
}

/* Pieces of words: everything that means something to one of the formats. */
static const char *const atoms[] = {
	"a", "b", "Z", "0", "9", "ok", "word", "!", "\"", "#", "$", "%", "&", "'", "(", ")", "*",
	"+", ",", "-", ".", "/", ":", ";", "<", "=", ">", "?", "@", "[", "\\", "]", "^", "_", "`",
	"{", "|", "}", "~", "**", "__", "::", "..", "--", "----", "1.", "a)", "IV.", "<br>", "<p>",
	"&amp;", "&#60;", "http://x.y/z", "a@b.cd", "[1]_", "`x`_", "|s|", ":role:", "\xE4\xB8\xAD",
	"\xE6\x96\x87", "\xC3\xA9", "\xE2\x80\xA2", "\xEF\xBC\x9A",
};

static char *rnd_text(dd_arena *a, unsigned maxwords)
{
	dd_buf b = DD_BUF_INIT;
	unsigned nw = 1 + rnd(maxwords);
	for (unsigned w = 0; w < nw; w++) {
		if (w)
			dd_buf_putc(&b, ' ');
		unsigned na = 1 + rnd(4);
		for (unsigned k = 0; k < na; k++)
			dd_buf_puts(&b, atoms[rnd(sizeof atoms / sizeof atoms[0])]);
	}
	char *s = dd_arena_strndup(a, b.ptr, b.len);
	dd_buf_free(&b);
	return s;
}

static void random_round_trips(const char *fmtname, dd_render_format f, const dd_parser *parser,
                               const char *file)
{
	int before = test_failed;
	for (unsigned t = 0; t < RT_TABLES && test_failed - before < 3; t++) {
		dd_arena *a = dd_arena_new();
		dd_record rr[RT_ROWS];
		memset(rr, 0, sizeof rr);
		for (unsigned r = 0; r < RT_ROWS; r++) {
			char *key = dd_arena_alloc(a, 4);
			snprintf(key, 4, "%u", 200 + r);
			rr[r].key = key;
			rr[r].name = rnd(5) ? rnd_text(a, 3) : "";
			rr[r].ndesc = 1 + rnd(3);
			rr[r].desc = dd_arena_alloc(a, rr[r].ndesc * sizeof *rr[r].desc);
			for (unsigned p = 0; p < rr[r].ndesc; p++) {
				dd_para *d = (dd_para *)&rr[r].desc[p];
				d->text = rnd_text(a, 30);
				d->len = strlen(d->text);
			}
		}
		char what[64];
		snprintf(what, sizeof what, "random %s #%u", fmtname, t);
		via_parser_set(what, rr, RT_ROWS, f, parser, file, NULL);
		dd_arena_free(a);
	}
}

/* The RST renderer writes no table the RST parser refuses: a table exactly
 * DD_RST_MAX_WIDTH columns wide, or of DD_RST_MAX_COLS columns, is written
 * and read back; one column more is a DD-005 error and nothing written. */
static void rst_limits(void)
{
	/* "| Status Code | NAME | Description |": 32 columns besides NAME */
	size_t w = DD_RST_MAX_WIDTH - 32;
	char *name = malloc(w + 2);
	memset(name, 'a', w + 1);
	for (int extra = 0; extra < 2; extra++) {
		name[w] = extra ? 'a' : '\0';
		name[w + 1] = '\0';
		dd_record r = {.key = "200", .name = name, .file = "in.md", .line = 3, .column = 3};
		dd_buf out = DD_BUF_INIT;
		dd_diag_sink d;
		dd_diag_init(&d, NULL);
		int rc = dd_render_table_diag(DD_RENDER_RST, &r, 1, NULL, &d, &out);
		if (!extra) {
			CHECK(rc == 0 && d.nerrors == 0);
			via_parser_set("rst at DD_RST_MAX_WIDTH", &r, 1, DD_RENDER_RST, &dd_parser_rst,
			               "wide.rst", NULL);
		} else {
			CHECK(rc == -1 && out.len == 0 && d.nerrors == 1);
			CHECK(d.buf.ptr && strstr(d.buf.ptr, "in.md:3:3: error: the \"Name\" cell of 200 holds "
			                                     "a word 65505 columns wide") &&
			      strstr(d.buf.ptr, "[DD-005]"));
		}
		dd_diag_free(&d);
		dd_buf_free(&out);
	}
	free(name);

	enum { NX = DD_RST_MAX_COLS - 2 }; /* with key, name, description: one too many */
	dd_field *x = calloc(NX, sizeof *x);
	char (*heads)[8] = calloc(NX, sizeof *heads);
	for (unsigned i = 0; i < NX; i++) {
		snprintf(heads[i], sizeof heads[i], "x%u", i);
		x[i].header = heads[i];
	}
	for (unsigned n = NX - 1; n <= NX; n++) {
		dd_record r = {.key = "200", .name = "OK", .desc = d200, .ndesc = 1, .extra = x,
		               .nextra = n};
		dd_buf out = DD_BUF_INIT;
		dd_diag_sink d;
		dd_diag_init(&d, NULL);
		int rc = dd_render_table_diag(DD_RENDER_RST, &r, 1, NULL, &d, &out);
		if (n < NX) {
			CHECK(rc == 0 && d.nerrors == 0);
			dd_source src;
			dd_diag_sink pd;
			dd_diag_init(&pd, NULL);
			CHECK(dd_source_init_mem(&src, "cols.rst", out.ptr, out.len, &pd) == 0);
			dd_doc doc;
			dd_doc_init(&doc, &src);
			CHECK(dd_parser_rst.parse(&doc, &pd) == 0 && doc.ntables == 1 &&
			      doc.tables[0].ncols == DD_RST_MAX_COLS);
			dd_doc_free(&doc);
			dd_source_free(&src);
			dd_diag_free(&pd);
		} else {
			CHECK(rc == -1 && out.len == 0 && d.buf.ptr && strstr(d.buf.ptr, "(DD_RST_MAX_COLS)"));
		}
		dd_diag_free(&d);
		dd_buf_free(&out);
	}
	free(heads);
	free(x);
}

int main(void)
{
	dd_parsers_init();
	rst_limits();
	via_parser("md", DD_RENDER_MD, &dd_parser_markdown, "roundtrip.md", NULL);
	via_parser("md with caption", DD_RENDER_MD, &dd_parser_markdown, "roundtrip.md",
	           "Table 1 Status codes");
	via_parser("rst", DD_RENDER_RST, &dd_parser_rst, "roundtrip.rst", NULL);
	via_parser("rst with caption", DD_RENDER_RST, &dd_parser_rst, "roundtrip.rst",
	           "Table 1 Status codes");
	via_parser("html", DD_RENDER_HTML, &dd_parser_html, "roundtrip.html", NULL);
	via_parser("html with caption", DD_RENDER_HTML, &dd_parser_html, "roundtrip.html",
	           "Table 1 Status codes");
	/* the layouts a merge keeps from its sources */
	dd_render_opts simple = {.caption = "Table 1 Status codes", .rst_simple = 1};
	via_parser_opts("rst simple", recs, NREC, DD_RENDER_RST, &dd_parser_rst, "simple.rst",
	                &simple);
	simple.width = 30;
	via_parser_opts("rst simple, width 30", recs, NREC, DD_RENDER_RST, &dd_parser_rst,
	                "simple.rst", &simple);
	static const unsigned wide[] = {20, 30, 200, 40};
	dd_render_opts grid = {.width = 40, .colw = wide, .ncolw = 4, .heads = {"Code", "Message",
	                                                                        "Meaning"}};
	via_parser_opts("rst width 40, source widths", recs, NREC, DD_RENDER_RST, &dd_parser_rst,
	                "grid.rst", &grid);
	dd_render_opts joined = {.join_name = 1, .heads = {"Returned Value", NULL, NULL}};
	via_parser_opts("rst, names in the key cell", recs, NREC, DD_RENDER_RST, &dd_parser_rst,
	                "joined.rst", &joined);
	via_parser_opts("md, names in the key cell", recs, NREC, DD_RENDER_MD, &dd_parser_markdown,
	                "joined.md", &joined);
	via_parser_opts("html, names in the key cell", recs, NREC, DD_RENDER_HTML, &dd_parser_html,
	                "joined.html", &joined);
	via_csv();
	via_json();
	random_round_trips("md", DD_RENDER_MD, &dd_parser_markdown, "random.md");
	random_round_trips("html", DD_RENDER_HTML, &dd_parser_html, "random.html");
	random_round_trips("rst", DD_RENDER_RST, &dd_parser_rst, "random.rst");
	dd_parsers_cleanup();
	return TEST_DONE();
}
