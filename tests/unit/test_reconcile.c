/* test_reconcile.c - difference classes, canonical choice and its tie
 * breaks, systematic substitutions, missing/extra, labels and code order. */
#include <stdarg.h>
#include <string.h>

#include "reconcile/reconcile_internal.h"
#include "report/report.h"
#include "test.h"

static dd_arena *A;
static dd_recon_ctx *C;

/* A value from paragraphs separated by '|'. */
static dd_value val(const char *s)
{
	const char *p[8];
	unsigned n = 0;
	char *copy = dd_arena_strdup(A, s);
	for (char *t = copy, *e; t && n < 8; t = e) {
		e = strchr(t, '|');
		if (e)
			*e++ = '\0';
		p[n++] = t;
	}
	dd_value v;
	dd_value_make(C, A, p, n, &v);
	return v;
}

static const char *cls(const char *a, const char *b)
{
	dd_value x = val(a), y = val(b);
	return dd_class_name(dd_classify(C, &x, &y, NULL));
}

/* ---- record sets ---- */

static void add(dd_records *rs, const char *file, const char *service, const char *page,
                const char *key, const char *name, const char *desc)
{
	DD_GROW(rs->v, rs->n, rs->cap);
	dd_record *r = &rs->v[rs->n++];
	memset(r, 0, sizeof *r);
	r->key = key;
	r->name = name;
	r->file = file;
	r->service = service;
	r->page = page;
	r->line = (unsigned)rs->n;
	r->column = 1;
	r->desc = dd_arena_alloc(rs->arena, 4 * sizeof *r->desc);
	char *copy = dd_arena_strdup(rs->arena, desc);
	for (char *t = copy, *e; t && r->ndesc < 4; t = e) {
		e = strchr(t, '|');
		if (e)
			*e++ = '\0';
		r->desc[r->ndesc++] = (dd_para){t, strlen(t), 0};
	}
}

static const dd_aligned *code(const dd_recon *r, const char *key)
{
	for (size_t i = 0; i < r->ncodes; i++)
		if (strcmp(r->codes[i].key, key) == 0)
			return &r->codes[i];
	return NULL;
}

static const char *canon(const dd_recon *r, const char *key, int f)
{
	const dd_aligned *cd = code(r, key);
	if (!cd || !cd->canon[f].value)
		return "(none)";
	return cd->canon[f].value->paras[0];
}

static const char *states(const dd_recon *r, const char *key)
{
	static char buf[64];
	const dd_aligned *cd = code(r, key);
	unsigned k = 0;
	for (unsigned v = 0; v < r->nvar && v < 63; v++) {
		if (k < cd->n && cd->e[k].variant == v)
			buf[v] = cd->e[k++].state;
		else
			buf[v] = cd->extra ? '.' : '-';
	}
	buf[r->nvar] = '\0';
	return buf;
}

static int run(dd_records *rs, dd_recon *r, const char *const *prefer, size_t nprefer)
{
	dd_recon_opts o = {prefer, nprefer, NULL, 0, NULL, 0, 0, 0};
	dd_diag_sink d;
	dd_diag_init(&d, stderr);
	int rc = dd_reconcile(rs, &o, r, &d);
	dd_diag_free(&d);
	return rc;
}

static void test_classes(void)
{
	CHECK_STR(cls("Not Found", "Not Found"), "none");
	CHECK_STR(cls("caf\xC3\xA9 closed", "cafe\xCC\x81 closed"), "none");       /* NFC == NFD */
	CHECK_STR(cls("the \xE2\x80\x9Cx\xE2\x80\x9D flag", "the \"x\" flag"), "none"); /* curly quotes */
	CHECK_STR(cls("a \xE2\x80\x93 b", "a - b"), "none");                          /* en dash */
	CHECK_STR(cls("\xEF\xBC\xAF\xEF\xBC\xAB", "OK"), "none");                /* full-width */
	CHECK_STR(cls("a \xEF\xAC\x81le", "a file"), "none");                        /* ligature */
	CHECK_STR(cls("Wait\xE2\x80\xA6", "Wait..."), "none");                       /* ellipsis */
	CHECK_STR(cls("\xEF\xBC\xAF\xEF\xBC\xAB", "ok"), "case");
	/* a symbol carries meaning: never mere punctuation */
	CHECK_STR(cls("load is > 80 percent", "load is < 80 percent"), "substitution");
	CHECK_STR(cls("costs $5 a month", "costs \xE2\x82\xAC" "5 a month"), "substitution");
	CHECK_STR(cls("Use C++ here", "Use C here"), "omission"); /* symbols are not punctuation */
	CHECK_STR(cls("Use HTTP/1.1 here", "Use HTTP / 1.1 here"), "whitespace");
	CHECK_STR(cls("First one.|Second one.", "First one. Second one."), "paragraphing");
	CHECK_STR(cls("First one.|Second one.", "First one.|Second|one."), "paragraphing");
	CHECK_STR(cls("Requested range not satisfiable", "Requested Range Not Satisfiable"), "case");
	CHECK_STR(cls("First one.|Second one.", "first one. second one."), "case"); /* + paragraphing */
	CHECK_STR(cls("The request is invalid.", "The request is invalid"), "punctuation");
	CHECK_STR(cls("Retry-After header", "Retry After header"), "punctuation");
	CHECK_STR(cls("No Content", "NoContent"), "spacing");
	CHECK_STR(cls("Request Time-out", "Request Timeout"), "spacing");
	CHECK_STR(cls("The server is down for maintenance.", "The server is down."), "truncation");
	/* the variant longer: not cut off, an addition */
	CHECK_STR(cls("The server is down.", "The server is down for maintenance."), "addition");
	CHECK_STR(cls("Requested range not satisfiable", "Requested range not satisfied"), "substitution");
	CHECK_STR(cls("Use the HTTP protocol to send it.", "Use the HTTPS protocol to send it."),
	          "substitution");
	/* more than DD_SUBST_MAX_TOKENS replaced, or too little shared: rewording */
	CHECK_STR(cls("a b c d e f g h i j", "a w x y z f g h i j"), "rewording");
	CHECK_STR(cls("Bad Request", "Bad Gateway"), "rewording");
	/* words only added, or only removed: addition, omission (not substitution) */
	CHECK_STR(cls("The request was accepted.", "The request was not accepted."), "addition");
	CHECK_STR(cls("The request has been accepted, but not completed.",
	              "The request has been accepted for processing, but not completed."),
	          "addition");
	CHECK_STR(cls("One.|Two.", "One.|Two.|Three."), "addition");  /* one more paragraph */
	CHECK_STR(cls("The request has been accepted for processing, but not completed.",
	              "The request has been accepted, but not completed."),
	          "omission");
	CHECK_STR(cls("One.|Two.|Three.", "One.|Three."), "omission");
	/* removed at the end: cut off, truncation; removed and added: rewording */
	CHECK_STR(cls("One.|Two.|Three.", "One.|Two."), "truncation");
	CHECK_STR(cls("The request was accepted.", "A request was not accepted."), "rewording");
	CHECK_STR(cls("Unauthorized", "Forbidden"), "rewording");

	double sim = -1;
	dd_value x = val("a b c d"), y = val("a b x y");
	dd_classify(C, &x, &y, &sim);
	CHECK(sim > 0.49 && sim < 0.51); /* Dice: 2*2/(4+4) */
	x = val("same");
	dd_classify(C, &x, &x, &sim);
	CHECK(sim == 1.0);
}

static void test_choice(void)
{
	dd_records rs;
	dd_recon r;
	/* majority */
	dd_records_init(&rs);
	add(&rs, "a.rst", "iam", "iam_1", "400", "Bad Request", "x");
	add(&rs, "b.rst", "dcs", "dcs_1", "400", "Bad Request", "x");
	add(&rs, "c.rst", "css", "css_1", "400", "Bad request", "x");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(canon(&r, "400", DD_FIELD_NAME), "Bad Request");
	const dd_aligned *cd = code(&r, "400");
	/* support counts the wording on the comparison key: the case variant
	 * supports it and still gets its own `case` finding */
	CHECK(cd->canon[DD_FIELD_NAME].support == 3 && cd->canon[DD_FIELD_NAME].voters == 3);
	/* case is folded in the key: one wording, two display forms */
	CHECK(cd->canon[DD_FIELD_NAME].chosen == DD_CHOSEN_ONLY);
	CHECK(cd->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_ONLY);
	CHECK_STR(states(&r, "400"), "~==");   /* variants sorted by label: css dcs iam */
	CHECK_STR(r.var[0].label, "css");
	CHECK(r.count[DD_CLASS_CASE] == 1);
	dd_recon_free(&r);
	dd_records_free(&rs);

	/* tie -> medoid: "a b c x" is closer to the others */
	dd_records_init(&rs);
	add(&rs, "1.rst", "one", NULL, "500", "N", "a b c d");
	add(&rs, "2.rst", "two", NULL, "500", "N", "a b c x");
	add(&rs, "3.rst", "three", NULL, "500", "N", "a b y x");
	add(&rs, "4.rst", "four", NULL, "500", "N", "a b c d");
	add(&rs, "5.rst", "five", NULL, "500", "N", "a b c x");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(canon(&r, "500", DD_FIELD_DESC), "a b c x");
	CHECK(code(&r, "500")->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_MEDOID);
	dd_recon_free(&r);
	dd_records_free(&rs);
	/* every wording held by one variant: no majority, no medoid either */
	dd_records_init(&rs);
	add(&rs, "1.rst", "one", NULL, "500", "N", "a b c d");
	add(&rs, "2.rst", "two", NULL, "500", "N", "a b c x");
	add(&rs, "3.rst", "three", NULL, "500", "N", "a b y x");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK(code(&r, "500")->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_NONE);
	CHECK_STR(canon(&r, "500", DD_FIELD_DESC), "a b c d"); /* the first document's */
	CHECK_STR(states(&r, "500"), "~~~");
	CHECK(code(&r, "500")->nf == 2 && code(&r, "500")->f[0].neutral);
	dd_recon_free(&r);
	dd_records_free(&rs);

	/* tie the medoid cannot break -> --prefer (by service), else none */
	dd_records_init(&rs);
	add(&rs, "1.rst", "css", NULL, "404", "Not Found", "p q");
	add(&rs, "2.rst", "iam", NULL, "404", "Not found here", "p r");
	const char *pref[] = {"dcs", "iam"};
	CHECK(run(&rs, &r, pref, 2) == 0);
	CHECK_STR(canon(&r, "404", DD_FIELD_DESC), "p r");
	CHECK(code(&r, "404")->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_PREFER);
	dd_recon_free(&r);
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(canon(&r, "404", DD_FIELD_DESC), "p q");
	CHECK(code(&r, "404")->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_NONE);
	dd_recon_free(&r);
	/* --prefer also takes a label */
	const char *pref2[] = {"iam"};
	CHECK(run(&rs, &r, pref2, 1) == 0);
	CHECK_STR(canon(&r, "404", DD_FIELD_NAME), "Not found here");
	dd_recon_free(&r);
	dd_records_free(&rs);

	/* input order, reversed inputs */
	dd_records_init(&rs);
	add(&rs, "2.rst", "iam", NULL, "404", "N", "p r");
	add(&rs, "1.rst", "css", NULL, "404", "N", "p q");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(canon(&r, "404", DD_FIELD_DESC), "p r");
	dd_recon_free(&r);
	dd_records_free(&rs);

	/* within the winning wording, the commonest display form */
	dd_records_init(&rs);
	add(&rs, "1.rst", "a", NULL, "404", "Not found", "x");
	add(&rs, "2.rst", "b", NULL, "404", "Not Found", "x");
	add(&rs, "3.rst", "c", NULL, "404", "Not Found", "x");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(canon(&r, "404", DD_FIELD_NAME), "Not Found");
	CHECK(code(&r, "404")->canon[DD_FIELD_NAME].support == 3);
	CHECK_STR(states(&r, "404"), "~==");
	dd_recon_free(&r);
	dd_records_free(&rs);

	/* paragraph breaks do not split the vote: two documents share the
	 * wording however they paragraph it, and outvote the third */
	dd_records_init(&rs);
	add(&rs, "1.rst", "a", NULL, "400", "Bad Request", "Bad syntax. Do not repeat it.");
	add(&rs, "2.rst", "b", NULL, "400", "Bad Request", "Bad syntax.|Do not repeat it.");
	add(&rs, "3.rst", "c", NULL, "400", "Bad Request", "Bad syntax. Fix it.");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK(code(&r, "400")->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_MAJORITY);
	CHECK(code(&r, "400")->canon[DD_FIELD_DESC].support == 2);
	CHECK_STR(canon(&r, "400", DD_FIELD_DESC), "Bad syntax. Do not repeat it.");
	CHECK_STR(states(&r, "400"), "=~~");
	dd_recon_free(&r);
	dd_records_free(&rs);
}

static void test_systematic(void)
{
	static const char *const codes[] = {"100", "101", "426", "505"};
	dd_records rs;
	dd_recon r;
	for (int ncodes = 2; ncodes <= 4; ncodes += 2) {
		dd_records_init(&rs);
		for (int i = 0; i < ncodes; i++) {
			add(&rs, "c.md", "css", NULL, codes[i], "N", "Switch to the HTTPS protocol now.");
			add(&rs, "d.md", "dcs", NULL, codes[i], "N", "Switch to the HTTP protocol now.");
			add(&rs, "i.md", "iam", NULL, codes[i], "N", "Switch to the HTTP protocol now.");
		}
		/* one code where css also rewords: the pair counts, the finding stays */
		if (ncodes == 4)
			add(&rs, "c.md", "css", NULL, "200", "OK", "The HTTPS request was processed fully.");
		if (ncodes == 4) {
			add(&rs, "d.md", "dcs", NULL, "200", "OK", "The HTTP request succeeded.");
			add(&rs, "i.md", "iam", NULL, "200", "OK", "The HTTP request succeeded.");
		}
		CHECK(run(&rs, &r, NULL, 0) == 0);
		if (ncodes == 2) {
			CHECK(r.nsys == 0);
			CHECK(r.count[DD_CLASS_SUBSTITUTION] == 2);
			CHECK_STR(states(&r, "100"), "~==");
		} else {
			CHECK(r.nsys == 1);
			CHECK_STR(r.sys[0].from, "HTTP");
			CHECK_STR(r.sys[0].to, "HTTPS");
			CHECK(r.sys[0].nuses == 1 && r.sys[0].uses[0].ncodes == 5);
			CHECK_STR(r.sys[0].uses[0].codes[0], "100");
			CHECK_STR(r.sys[0].uses[0].codes[4], "505");
			CHECK(r.count[DD_CLASS_SUBSTITUTION] == 0);
			CHECK(r.count[DD_CLASS_REWORDING] == 1);
			CHECK_STR(states(&r, "100"), "s==");
			CHECK_STR(states(&r, "200"), "~==");
		}
		CHECK(dd_recon_differs(&r));
		dd_recon_free(&r);
		dd_records_free(&rs);
	}
}

/* Two css documents outvote three different wordings, so the canonical
 * wording carries their HTTPS; once HTTP -> HTTPS is systematic for them,
 * the canonical value gets HTTP back and they differ by it alone. */
static void test_systematic_canonical(void)
{
	dd_records rs;
	dd_recon r;
	dd_records_init(&rs);
	const char *css[] = {"c1.md", "c2.md"};
	for (int k = 0; k < 2; k++) {
		const char *pg = k ? "c2" : "c1";
		add(&rs, css[k], "css", pg, "101", "N", "Switch to a later HTTPS version.");
		add(&rs, css[k], "css", pg, "204", "N", "Reply over HTTPS, no body.");
		add(&rs, css[k], "css", pg, "306", "N", "The HTTPS code is unused.");
		add(&rs, css[k], "css", pg, "505", "N", "Use the HTTPS version.");
	}
	add(&rs, "d.md", "dcs", NULL, "101", "N", "Switch to a later HTTP version of the protocol.");
	add(&rs, "d.md", "dcs", NULL, "204", "N", "Reply over HTTP, no content.");
	add(&rs, "d.md", "dcs", NULL, "306", "N", "This HTTP code is unused.");
	add(&rs, "d.md", "dcs", NULL, "505", "N", "Use the HTTP version.");
	add(&rs, "g.md", "generic", NULL, "204", "N", "Reply over HTTP, no body.");
	add(&rs, "g.md", "generic", NULL, "306", "N", "The HTTP code is unused.");
	add(&rs, "g.md", "generic", NULL, "505", "N", "Use the HTTP version.");
	add(&rs, "i.md", "iam", NULL, "204", "N", "Replies over HTTP with no body.");
	add(&rs, "i.md", "iam", NULL, "306", "N", "This HTTP code is unused.");
	add(&rs, "i.md", "iam", NULL, "505", "N", "Use the HTTP version.");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK(r.nsys == 1 && r.sys[0].nuses == 2);
	CHECK_STR(r.sys[0].from, "HTTP");
	CHECK_STR(r.sys[0].to, "HTTPS");
	CHECK(r.sys[0].uses[0].ncodes == 4);
	CHECK_STR(r.sys[0].uses[0].codes[0], "101");
	CHECK_STR(canon(&r, "204", DD_FIELD_DESC), "Reply over HTTP, no body.");
	CHECK_STR(canon(&r, "306", DD_FIELD_DESC), "The HTTP code is unused.");
	CHECK_STR(canon(&r, "505", DD_FIELD_DESC), "Use the HTTP version.");
	/* 101: only dcs says HTTP (no majority against css), but css's
	 * HTTPS is systematic elsewhere */
	CHECK_STR(canon(&r, "101", DD_FIELD_DESC), "Switch to a later HTTP version.");
	const dd_aligned *cd = code(&r, "306");
	CHECK(cd->canon[DD_FIELD_DESC].support == 1 && cd->canon[DD_FIELD_DESC].ncorr == 1);
	CHECK_STR(cd->canon[DD_FIELD_DESC].corr_from[0], "HTTPS");
	CHECK_STR(cd->canon[DD_FIELD_DESC].corr_to[0], "HTTP");
	CHECK(code(&r, "101")->canon[DD_FIELD_DESC].support == 0);
	CHECK_STR(states(&r, "101"), "ss~--");
	CHECK_STR(states(&r, "204"), "ss~=~");
	CHECK_STR(states(&r, "306"), "ss~=~");
	CHECK_STR(states(&r, "505"), "ss===");
	dd_buf out = DD_BUF_INIT;
	dd_report_text(&r, NULL, NULL, &out, NULL);
	CHECK(strstr(out.ptr, "  description 1/5 (generic), no majority, systematic \"HTTP\" -> \"HTTPS\" "
	                      "undone:\n"
	                      "    The HTTP code is unused.\n") != NULL);
	dd_buf_free(&out);
	dd_recon_free(&r);
	dd_records_free(&rs);
}

static void test_alignment(void)
{
	dd_records rs;
	dd_recon r;
	dd_records_init(&rs);
	add(&rs, "x/000.rst", "css", "css_03_0075", "4xx", "Client errors", "x");
	add(&rs, "x/000.rst", "css", "css_03_0075", "200", "OK", "fine");
	add(&rs, "x/000.rst", "css", "css_03_0075", "404", "Not Found", "gone");
	add(&rs, "x/001.rst", "iam", "iam_02_0005", "404", "Not Found", "gone");
	add(&rs, "x/001.rst", "iam", "iam_02_0005", "4xx", "Client errors", "x");
	add(&rs, "x/004.md", "css", "css_03_0012", "404", "Not Found", "gone");
	add(&rs, "x/004.md", "css", "css_03_0012", "200", "OK", "fine");
	add(&rs, "x/004.md", "css", "css_03_0012", "299", "Odd", "only here");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK(r.nvar == 3 && r.ncodes == 4);
	CHECK_STR(r.var[0].label, "css:css_03_0012");
	CHECK_STR(r.var[1].label, "css:css_03_0075");
	CHECK_STR(r.var[2].label, "iam");
	/* 004 lists 404 before 200 and 000 the other way round: code order;
	 * 299 (only in 004) after the 404 that precedes it there, 4xx before
	 * 200 as 000 has it */
	CHECK_STR(r.codes[0].key, "4xx");
	CHECK_STR(r.codes[1].key, "200");
	CHECK_STR(r.codes[2].key, "404");
	CHECK_STR(r.codes[3].key, "299");
	CHECK_STR(states(&r, "200"), "==-");
	CHECK_STR(states(&r, "299"), "+..");
	CHECK_STR(states(&r, "4xx"), "-==");
	CHECK(r.count[DD_CLASS_MISSING] == 2 && r.count[DD_CLASS_EXTRA] == 1);
	CHECK(dd_recon_differs(&r));
	dd_buf out = DD_BUF_INIT;
	dd_report_text(&r, NULL, NULL, &out, NULL);
	CHECK(strstr(out.ptr, "  - missing in iam\n") != NULL);
	CHECK(strstr(out.ptr, "  + extra in css:css_03_0012 (8:1)\n") != NULL);
	dd_buf_reset(&out);
	dd_report_json(&r, NULL, NULL, &out, NULL);
	CHECK(strstr(out.ptr, "\"states\": \"+..\"") != NULL);
	dd_buf_free(&out);
	dd_recon_free(&r);

	/* --label overrides; an unknown path or a duplicate label is an error */
	dd_label_opt lab[] = {{"web", "x/004.md"}};
	dd_recon_opts o = {NULL, 0, lab, 1, NULL, 0, 0, 0};
	dd_diag_sink d;
	dd_diag_init(&d, stderr);
	CHECK(dd_reconcile(&rs, &o, &r, &d) == 0);
	CHECK_STR(r.var[0].label, "css:css_03_0075");
	CHECK_STR(r.var[2].label, "web");
	dd_recon_free(&r);
	dd_label_opt bad[] = {{"web", "nope.md"}};
	o.labels = bad;
	CHECK(dd_reconcile(&rs, &o, &r, &d) < 0 && d.nerrors == 1);
	dd_recon_free(&r);
	dd_label_opt dup[] = {{"w", "x/004.md"}, {"w", "x/001.rst"}};
	o.labels = dup;
	o.nlabels = 2;
	CHECK(dd_reconcile(&rs, &o, &r, &d) < 0 && d.nerrors == 2);
	dd_recon_free(&r);
	d.buf.len = 0;
	dd_diag_free(&d);
	dd_records_free(&rs);

	/* identical inputs: nothing differs */
	dd_records_init(&rs);
	add(&rs, "a.md", "generic", NULL, "200", "OK", "fine|really");
	add(&rs, "b.md", "generic", NULL, "200", "OK", "fine|really");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(r.var[0].label, "generic:a");
	CHECK_STR(r.var[1].label, "generic:b");
	CHECK(!dd_recon_differs(&r));
	CHECK(r.ndiffer == 0);
	dd_recon_free(&r);
	dd_records_free(&rs);

	/* an empty cell differs only when its table has the column */
	dd_records_init(&rs);
	add(&rs, "a.md", "generic", NULL, "200", "OK", "fine");
	add(&rs, "b.md", "generic", NULL, "200", "OK", "fine");
	add(&rs, "c.md", "generic", NULL, "200", "", "");  /* as if its table had only a code column */
	rs.v[2].ndesc = 0;
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(states(&r, "200"), "===");
	dd_recon_free(&r);
	for (size_t i = 0; i < rs.n; i++)
		rs.v[i].has_name = rs.v[i].has_desc = 1;
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(states(&r, "200"), "==~");
	CHECK(r.count[DD_CLASS_MISSING] == 2 && r.codes[0].nf == 2);
	CHECK(r.codes[0].f[0].field == DD_FIELD_NAME && r.codes[0].f[0].cls == DD_CLASS_MISSING);
	CHECK(r.codes[0].canon[DD_FIELD_DESC].support == 2 && r.codes[0].canon[DD_FIELD_DESC].voters == 2);
	out = (dd_buf)DD_BUF_INIT;
	dd_report_text(&r, NULL, NULL, &out, NULL);
	CHECK(strstr(out.ptr, "  ~ description missing: generic:c (3:1)\n    [-fine-]\n") != NULL);
	dd_buf_free(&out);
	dd_recon_free(&r);
	dd_records_free(&rs);
}

/* Code order: sorted when every document is; else each pair as most of
 * the documents that have both order it, code order otherwise. */
static const char *order_of(const dd_recon *r)
{
	static char buf[256];
	size_t n = 0;
	for (size_t i = 0; i < r->ncodes && n + 5 < sizeof buf; i++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s%s", i ? " " : "", r->codes[i].key);
	buf[n] = '\0';
	return buf;
}

static void add_codes(dd_records *rs, const char *file, const char *codes)
{
	char *copy = dd_arena_strdup(rs->arena, codes);
	for (char *t = strtok(copy, " "); t; t = strtok(NULL, " "))
		add(rs, file, file, NULL, t, "N", "d");
}

static void test_code_order(void)
{
	dd_records rs;
	dd_recon r;
	dd_records_init(&rs);
	add_codes(&rs, "a.md", "4xx 200 404");
	add_codes(&rs, "b.md", "201 404 4xx");
	CHECK(run(&rs, &r, NULL, 0) == 0 && r.ncodes == 4);
	/* a puts 4xx before 200 and nobody says otherwise */
	CHECK_STR(order_of(&r), "4xx 200 201 404");
	dd_recon_free(&r);
	add_codes(&rs, "c.md", "500 100 404 405");
	CHECK(run(&rs, &r, NULL, 0) == 0 && r.ncodes == 7);
	CHECK_STR(order_of(&r), "500 100 4xx 200 201 404 405");
	dd_recon_free(&r);
	dd_records_free(&rs);

	/* one document out of order does not move the others' codes */
	dd_records_init(&rs);
	add_codes(&rs, "odd.md", "200 201 204 202 400 404");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(order_of(&r), "200 201 204 202 400 404"); /* alone, its own order */
	dd_recon_free(&r);
	add_codes(&rs, "p.md", "200 201 202 204 400 404 409");
	add_codes(&rs, "q.md", "200 202 204 400 404 408 409");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(order_of(&r), "200 201 202 204 400 404 408 409");
	dd_recon_free(&r);
	dd_records_free(&rs);

	/* class rows go where most documents put them */
	dd_records_init(&rs);
	add_codes(&rs, "a.md", "4xx 400 404 5xx 500");
	add_codes(&rs, "b.md", "4xx 400 401 5xx 500 503");
	add_codes(&rs, "c.md", "400 404 4xx 500 5xx");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	CHECK_STR(order_of(&r), "4xx 400 401 404 5xx 500 503");
	dd_recon_free(&r);
	dd_records_free(&rs);
}

/* ---- two copies: nobody is blamed ---- */

static int run_refs(dd_records *rs, dd_recon *r, const dd_reference *refs, size_t nrefs,
                    const char *const *prefer, size_t nprefer)
{
	dd_recon_opts o = {prefer, nprefer, NULL, 0, refs, nrefs, 0, 0};
	dd_diag_sink d;
	dd_diag_init(&d, stderr);
	int rc = dd_reconcile(rs, &o, r, &d);
	dd_diag_free(&d);
	return rc;
}

static void two_copies(dd_records *rs, int swap)
{
	const char *f[2] = {"pub.rst", "swiss.rst"}, *sv[2] = {"pub", "swiss"};
	for (int k = 0; k < 2; k++) {
		int i = swap ? 1 - k : k;
		add(rs, f[i], sv[i], NULL, "200", "OK", "Fine.");
		add(rs, f[i], sv[i], NULL, "202", "Accepted",
		    i ? "Accepted for processing, not yet done." : "Accepted, not yet done.");
		add(rs, f[i], sv[i], NULL, "400", i ? "BadRequest" : "Bad Request", "Invalid.");
		add(rs, f[i], sv[i], NULL, i ? "409" : "201", i ? "Conflict" : "Created", "x");
	}
}

/* The finding of code key (first field finding, or the missing one). */
static const dd_finding *finding(const dd_recon *r, const char *key)
{
	const dd_aligned *cd = code(r, key);
	return cd && cd->nf ? &cd->f[0] : NULL;
}

static void test_neutral(void)
{
	dd_records rs[2];
	dd_recon r[2];
	for (int swap = 0; swap < 2; swap++) {
		dd_records_init(&rs[swap]);
		two_copies(&rs[swap], swap);
		CHECK(run(&rs[swap], &r[swap], NULL, 0) == 0);
	}
	/* labels sort the same whichever came first: pub, swiss */
	for (int k = 0; k < 2; k++) {
		CHECK_STR(r[k].var[0].label, "pub");
		const dd_aligned *cd = code(&r[k], "202");
		CHECK(cd->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_NONE);
		CHECK(cd->canon[DD_FIELD_NAME].chosen == DD_CHOSEN_ONLY);
		CHECK_STR(states(&r[k], "202"), "~~"); /* neither is the one that differs */
		CHECK_STR(states(&r[k], "400"), "~~");
		CHECK_STR(states(&r[k], "201"), "=-");
		CHECK(finding(&r[k], "201")->neutral && finding(&r[k], "409")->neutral);
	}
	/* the same finding, mirrored: the variant and `against` swap, an addition
	 * is an omission the other way, the diff is reversed */
	const dd_finding *a = finding(&r[0], "202"), *b = finding(&r[1], "202");
	CHECK(a->neutral && b->neutral);
	CHECK(a->variant == 1 && a->against == 0 && b->variant == 0 && b->against == 1);
	CHECK(a->cls == DD_CLASS_ADDITION && b->cls == DD_CLASS_OMISSION);
	dd_buf da = DD_BUF_INIT, db = DD_BUF_INIT;
	dd_finding_diff(code(&r[0], "202"), a, 0, "", &da);
	dd_finding_diff(code(&r[1], "202"), b, 0, "", &db);
	CHECK_STR(da.ptr, "Accepted {+for processing+}, not yet done.");
	CHECK_STR(db.ptr, "Accepted [-for processing-], not yet done.");
	a = finding(&r[0], "400");
	b = finding(&r[1], "400");
	CHECK(a->cls == DD_CLASS_SPACING && b->cls == DD_CLASS_SPACING);
	CHECK(a->variant == b->against && b->variant == a->against);
	/* the text report names the pair, and blames neither */
	dd_buf_reset(&da);
	dd_report_text(&r[0], NULL, NULL, &da, NULL);
	CHECK(strstr(da.ptr, "  ~ pub (2:1) and swiss (6:1) differ: description addition") != NULL);
	CHECK(strstr(da.ptr, "  - only in pub, not in swiss\n") != NULL);
	CHECK(strstr(da.ptr, "  - only in swiss, not in pub\n") != NULL);
	dd_buf_reset(&db);
	dd_report_text(&r[1], NULL, NULL, &db, NULL);
	CHECK(strstr(db.ptr, "  ~ swiss (2:1) and pub (6:1) differ: description omission") != NULL);
	dd_buf_reset(&da);
	dd_report_json(&r[0], NULL, NULL, &da, NULL);
	CHECK(strstr(da.ptr, "\"chosen_by\": \"none\"") != NULL);
	CHECK(strstr(da.ptr, "\"against\": \"pub\"") != NULL);
	dd_buf_free(&da);
	dd_buf_free(&db);
	dd_recon_free(&r[0]);
	dd_recon_free(&r[1]);
	/* --prefer names the side that is right: then the other one differs */
	const char *pref[] = {"swiss"};
	CHECK(run(&rs[0], &r[0], pref, 1) == 0);
	CHECK(code(&r[0], "202")->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_PREFER);
	CHECK_STR(states(&r[0], "202"), "~=");
	CHECK(!finding(&r[0], "202")->neutral && finding(&r[0], "202")->cls == DD_CLASS_OMISSION);
	dd_recon_free(&r[0]);
	dd_records_free(&rs[0]);
	dd_records_free(&rs[1]);
}

/* ---- references ---- */

static void test_reference(void)
{
	dd_records rs, ref;
	dd_recon r;
	dd_records_init(&rs);
	dd_records_init(&ref);
	/* two documents outvote the third, but the reference says what the third says */
	for (int k = 0; k < 3; k++) {
		const char *f = k == 0 ? "a.md" : k == 1 ? "b.md" : "c.md";
		add(&rs, f, f, NULL, "200", "OK", k < 2 ? "Done." : "The request succeeded.");
		add(&rs, f, f, NULL, "404", "Not Found", "Gone.");
		if (k < 2)
			add(&rs, f, f, NULL, "499", "Closed", "The client went away.");
	}
	add(&ref, "ref.json", "generic", NULL, "200", "", "The request succeeded.");
	add(&ref, "ref.json", "generic", NULL, "500", "Internal Server Error", "Broken.");
	dd_reference refs[] = {{"ref.json", &ref}};
	CHECK(run_refs(&rs, &r, refs, 1, NULL, 0) == 0);
	const dd_aligned *cd = code(&r, "200");
	CHECK(cd->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_REFERENCE);
	CHECK_STR(cd->canon[DD_FIELD_DESC].source, "ref.json");
	CHECK_STR(canon(&r, "200", DD_FIELD_DESC), "The request succeeded.");
	CHECK(cd->canon[DD_FIELD_DESC].support == 1);
	CHECK_STR(states(&r, "200"), "~~=");
	/* a field the reference lacks (its name is empty) falls back to the vote */
	CHECK(cd->canon[DD_FIELD_NAME].chosen == DD_CHOSEN_ONLY);
	CHECK(code(&r, "404")->canon[DD_FIELD_DESC].chosen == DD_CHOSEN_ONLY);
	/* a code only the reference has: missing everywhere, never extra */
	cd = code(&r, "500");
	CHECK(cd && cd->n == 0 && cd->in_ref && !cd->extra && cd->nf == 3);
	CHECK(cd->f[0].cls == DD_CLASS_MISSING);
	CHECK_STR(states(&r, "500"), "---");
	/* the reference's codes take part in the order: 500 after 404 */
	CHECK_STR(order_of(&r), "200 404 499 500");
	dd_recon_free(&r);

	/* the IANA registry: names only, with a reason */
	dd_records_free(&rs);
	dd_records_init(&rs);
	static const char *const names[][2] = {
		{"204", "NoContent"},          {"400", "Bad request"},       {"408", "Request Time-out"},
		{"413", "Payload Too Large"},  {"504", "ServerTimeout"},     {"203", "Non Authoritative Information"},
		{"499", "Client Closed"},      {"4xx", "Client errors"},     {"200", "OK"},
	};
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		add(&rs, "a.md", "a", NULL, names[i][0], names[i][1], "d");
	dd_reference iana[] = {{DD_IANA, NULL}};
	CHECK(run_refs(&rs, &r, iana, 1, NULL, 0) == 0);
	CHECK(r.iana);
	static const struct {
		const char *key;
		dd_reason why;
		const char *of;
	} want[] = {
		{"204", DD_REASON_CAMELCASE, NULL},   {"400", DD_REASON_CASE, NULL},
		{"408", DD_REASON_OUTDATED, "RFC 2616"}, {"413", DD_REASON_OUTDATED, "RFC 7231"},
		{"504", DD_REASON_WRONG, NULL},       {"203", DD_REASON_PUNCTUATION, NULL},
	};
	for (size_t i = 0; i < sizeof want / sizeof want[0]; i++) {
		const dd_finding *fd = finding(&r, want[i].key);
		CHECK(fd && fd->cls == DD_CLASS_REFERENCE && fd->reason == want[i].why);
		if (fd && want[i].of)
			CHECK_STR(fd->phrase_of, want[i].of);
	}
	CHECK_STR(canon(&r, "504", DD_FIELD_NAME), "Gateway Timeout");
	CHECK_STR(code(&r, "504")->canon[DD_FIELD_NAME].source, DD_IANA);
	/* unregistered codes and classes keep the documents' names */
	CHECK(code(&r, "499")->unregistered && !code(&r, "4xx")->unregistered);
	CHECK_STR(canon(&r, "499", DD_FIELD_NAME), "Client Closed");
	CHECK(code(&r, "4xx")->canon[DD_FIELD_NAME].chosen == DD_CHOSEN_ONLY);
	CHECK(code(&r, "200")->nf == 0);
	CHECK(r.count[DD_CLASS_REFERENCE] == 6);
	dd_buf out = DD_BUF_INIT;
	dd_report_text(&r, NULL, NULL, &out, NULL);
	CHECK(strstr(out.ptr, "  name 0/1, from the reference iana:\n    No Content\n") != NULL);
	CHECK(strstr(out.ptr, "  ~ name reference (CamelCase): a (1:1)\n    [-No Content-]{+NoContent+}\n"));
	CHECK(strstr(out.ptr, "name reference (RFC 2616's phrase, since replaced)") != NULL);
	CHECK(strstr(out.ptr, "\nNot in the IANA registry (names as the documents give them): 499\n"));
	dd_buf_reset(&out);
	dd_report_json(&r, NULL, NULL, &out, NULL);
	CHECK(strstr(out.ptr, "\"reason\": \"camelcase\"") && strstr(out.ptr, "\"phrase_of\": \"RFC 2616\""));
	CHECK(strstr(out.ptr, "\"registered\": false") && strstr(out.ptr, "\"source\": \"iana\""));
	dd_buf_free(&out);
	dd_recon_free(&r);
	/* the registry's own phrases */
	CHECK_STR(dd_iana_phrase("404"), "Not Found");
	CHECK_STR(dd_iana_phrase("306"), "Unused");       /* "(Unused)" in the registry */
	CHECK_STR(dd_iana_phrase("510"), "Not Extended"); /* "Not Extended (OBSOLETED)" */
	CHECK(!dd_iana_phrase("4xx") && !dd_iana_phrase("499") && !dd_iana_phrase("40"));
	dd_records_free(&rs);
	dd_records_free(&ref);
}

/* ---- merge ---- */

static void add_t(dd_records *rs, const char *file, unsigned table, const char *caption,
                  const char *codes)
{
	size_t n0 = rs->n;
	add_codes(rs, file, codes);
	for (size_t i = n0; i < rs->n; i++) {
		rs->v[i].table = table;
		rs->v[i].caption = caption;
		rs->v[i].has_name = rs->v[i].has_desc = 1;
	}
}

static void test_merge(void)
{
	dd_records rs;
	dd_recon r;
	dd_records_init(&rs);
	/* two documents of a "normal" and an "error" table, one of one table */
	add_t(&rs, "a.md", 0, "Normal", "200 201");
	add_t(&rs, "a.md", 1, "Error", "400 404");
	add_t(&rs, "b.md", 0, "Normal", "200 202");
	add_t(&rs, "b.md", 1, "Error", "400 404 409");
	add_t(&rs, "c.md", 0, "All", "200 400 404 500");
	CHECK(run(&rs, &r, NULL, 0) == 0);
	dd_arena *a = dd_arena_new();
	dd_merged_table *t;
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	dd_merge_opts mo = {0, 1};
	size_t nt = dd_recon_merge(&r, &mo, a, &t, &d);
	CHECK(nt == 2);
	CHECK_STR(t[0].caption, "Normal");
	CHECK_STR(t[1].caption, "Error");
	CHECK(t[0].n == 3 && t[1].n == 4);
	CHECK_STR(t[0].recs[2].key, "202");
	CHECK_STR(t[1].recs[3].key, "500"); /* c's one table shares most with "Error" */
	CHECK(t[1].recs[0].table == 1);
	/* by default a code fewer than half the documents have is left out, with a note */
	mo.min_support = 0;
	nt = dd_recon_merge(&r, &mo, a, &t, &d);
	CHECK(nt == 2 && t[0].n == 1 && t[1].n == 2);
	CHECK(d.nnotes == 4);
	CHECK(strstr(d.buf.ptr, "a.md:2:1: note: code 201 left out of the merge: 1 of 3 documents has "
	                        "it (a.md), fewer than half; --all-codes or --min-support 1 keeps it "
	                        "[DD-530]\n") != NULL);
	dd_diag_free(&d);
	dd_arena_free(a);
	dd_recon_free(&r);
	dd_records_free(&rs);
}

int main(void)
{
	A = dd_arena_new();
	C = dd_recon_ctx_new();
	test_classes();
	test_choice();
	test_systematic();
	test_systematic_canonical();
	test_alignment();
	test_code_order();
	test_neutral();
	test_reference();
	test_merge();
	dd_recon_ctx_free(C);
	dd_arena_free(A);
	return TEST_DONE();
}
