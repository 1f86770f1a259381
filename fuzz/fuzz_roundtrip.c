/* fuzz_roundtrip.c - libFuzzer target for the renderers: records made from
 * the input are rendered as md, rst and html, read back with docdrift's own
 * parsers and record stage, and must come back byte for byte (the promise
 * `merge` and `extract --to` make). A difference aborts, so libFuzzer keeps
 * the input.
 *
 * Input: one record per line (at most 64), fields split at TAB: name, then
 * description paragraphs. Each field is brought into the record model's
 * domain first (valid UTF-8, NFC, whitespace collapsed, no leading or
 * trailing space, no control character) and kept only if every format can
 * carry it (no U+FFFE or U+FFFF: the HTML renderer replaces those). Keys are 100, 101,
 * ... so the record stage always has a key column. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "parsers/parser.h"
#include "records/records.h"
#include "render/render.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

enum { MAX_RECS = 64, MAX_PARAS = 8 };

/* The field's text as the model holds it, in a; NULL when nothing is left. */
static const char *clean(dd_arena *a, const char *s, size_t n, size_t *len)
{
	dd_buf b = DD_BUF_INIT;
	int pending = 0;
	for (size_t i = 0; i < n; i++) {
		/* C0 controls, DEL, C1 controls: no input holds them (the loader
		 * reads each as U+FFFD, DD-009). U+FFFE, U+FFFF: HTML cannot carry
		 * them, the renderer writes U+FFFD (doc/formats.md) */
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] == 0x7F)
			return NULL;
		if (i + 1 < n && (unsigned char)s[i] == 0xC2 && (unsigned char)s[i + 1] <= 0x9F)
			return NULL;
		if (i + 2 < n && (unsigned char)s[i] == 0xEF && (unsigned char)s[i + 1] == 0xBF &&
		    (unsigned char)s[i + 2] >= 0xBE)
			return NULL;
	}
	dd_buf_put_collapsed(&b, s, n, &pending);
	const char *r = NULL;
	if (b.len) {
		utf8proc_uint8_t *nfc = NULL;
		utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)b.ptr, (utf8proc_ssize_t)b.len,
		                                  &nfc, UTF8PROC_STABLE | UTF8PROC_COMPOSE);
		if (k > 0) {
			r = dd_arena_strndup(a, (const char *)nfc, (size_t)k);
			*len = (size_t)k;
		}
		free(nfc);
	}
	dd_buf_free(&b);
	return r;
}

static int same(const dd_record *w, const dd_record *g)
{
	if (strcmp(w->key, g->key) || strcmp(w->name, g->name ? g->name : "") || w->ndesc != g->ndesc)
		return 0;
	for (unsigned p = 0; p < w->ndesc; p++)
		if (strcmp(w->desc[p].text, g->desc[p].text))
			return 0;
	return 1;
}

static void check(const char *what, dd_render_format f, const dd_parser *p, const dd_record *recs,
                  size_t n)
{
	dd_buf out = DD_BUF_INIT;
	dd_render_table(f, recs, n, NULL, &out);
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	dd_source src;
	if (dd_source_init_mem(&src, what, out.ptr, out.len, &d) != 0)
		abort();
	dd_doc doc;
	dd_doc_init(&doc, &src);
	p->parse(&doc, &d);
	dd_records rs;
	dd_records_init(&rs);
	dd_records_extract(&doc, NULL, &rs, &d);
	int ok = rs.n == n && d.nerrors == 0 && d.nwarnings == 0;
	for (size_t i = 0; ok && i < n; i++)
		ok = same(&recs[i], &rs.v[i]);
	if (!ok) {
		fprintf(stderr, "%s round trip: %zu records back, want %zu\n", what, rs.n, n);
		for (size_t i = 0; i < n && i < rs.n; i++)
			if (!same(&recs[i], &rs.v[i]))
				fprintf(stderr, "record %zu: name \"%s\" vs \"%s\", %u vs %u paragraphs%s%s%s%s\n",
				        i, recs[i].name, rs.v[i].name, recs[i].ndesc, rs.v[i].ndesc,
				        recs[i].ndesc ? ", first \"" : "", recs[i].ndesc ? recs[i].desc[0].text : "",
				        rs.v[i].ndesc ? "\" vs \"" : "", rs.v[i].ndesc ? rs.v[i].desc[0].text : "");
		fprintf(stderr, "---- rendered:\n%.*s\n---- diagnostics:\n%.*s", (int)out.len, out.ptr,
		        (int)d.buf.len, d.buf.ptr ? d.buf.ptr : "");
		abort();
	}
	dd_records_free(&rs);
	dd_doc_free(&doc);
	dd_source_free(&src);
	dd_diag_free(&d);
	dd_buf_free(&out);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		dd_parsers_init();
		ready = 1;
	}
	const char *s = (const char *)data;
	size_t bad;
	if (!dd_utf8_valid(s, size, &bad))
		return 0;
	dd_arena *a = dd_arena_new();
	dd_record recs[MAX_RECS];
	size_t n = 0;
	for (size_t i = 0; i < size && n < MAX_RECS;) {
		size_t e = i;
		while (e < size && s[e] != '\n')
			e++;
		dd_record *r = &recs[n];
		memset(r, 0, sizeof *r);
		char key[8];
		snprintf(key, sizeof key, "%zu", 100 + n);
		r->key = dd_arena_strdup(a, key);
		r->name = "";
		r->desc = dd_arena_alloc(a, MAX_PARAS * sizeof *r->desc);
		for (size_t f = i, k = 0; f <= e; k++) {
			size_t t = f;
			while (t < e && s[t] != '\t')
				t++;
			size_t len = 0;
			const char *c = clean(a, s + f, t - f, &len);
			if (k == 0 && c)
				r->name = c;
			else if (k > 0 && c && r->ndesc < MAX_PARAS)
				r->desc[r->ndesc++] = (dd_para){c, len, 0};
			f = t + 1;
		}
		n++;
		i = e + 1;
	}
	if (n) {
		check("md", DD_RENDER_MD, &dd_parser_markdown, recs, n);
		check("rst", DD_RENDER_RST, &dd_parser_rst, recs, n);
		check("html", DD_RENDER_HTML, &dd_parser_html, recs, n);
	}
	dd_arena_free(a);
	return 0;
}
