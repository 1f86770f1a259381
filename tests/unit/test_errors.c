/* Error-code tables: which tables are (each rule of records/errors.c, and
 * the tables that are not), their fields, --kind, the status field's class
 * when copies are reconciled, parts concatenated for the gate, and error
 * records rendered in every format and read back. */
#include <stdlib.h>
#include <string.h>

#include "reconcile/reconcile.h"
#include "records/records.h"
#include "render/render.h"
#include "support.h"
#include "test.h"

/* The records of a Markdown document (its tables as pipe tables). */
static void md_records(const char *text, unsigned kinds, dd_records *rs, ts_parsed *p)
{
	ts_parse(p, &dd_parser_markdown, "t.md", text, strlen(text));
	dd_records_init(rs);
	dd_records_extract_kinds(&p->doc, NULL, kinds, rs, &p->diags);
}

/* How many records of kind k rs has; the key of the first in *key. */
static size_t of_kind(const dd_records *rs, dd_kind k, const char **key)
{
	size_t n = 0;
	*key = NULL;
	for (size_t i = 0; i < rs->n; i++)
		if (rs->v[i].kind == k && !n++)
			*key = rs->v[i].key;
	return n;
}

static void expect(const char *text, dd_kind kind, size_t n, const char *first)
{
	ts_parsed p;
	dd_records rs;
	md_records(text, 0, &rs, &p);
	const char *key;
	size_t got = of_kind(&rs, kind, &key);
	CHECK(got == n);
	if (n)
		CHECK_STR(key, first);
	if (got != n)
		fprintf(stderr, "  in: %s\n", text);
	dd_records_free(&rs);
	ts_parsed_free(&p);
}

static void test_rules(void)
{
	/* 1: an "Error Code" header: named codes, numbers of four digits */
	expect("| Error Code | Description |\n|---|---|\n| AccessDenied | Access denied. |\n"
	       "| NoSuchKey | No such key. |\n", DD_KIND_ERROR, 2, "AccessDenied");
	expect("| Status Code | Error Code | Error Message |\n|---|---|---|\n| 400 | 0171 | Bad. |\n"
	       "| 400 | 12000002 | Invalid. |\n", DD_KIND_ERROR, 2, "0171");
	/* 2: API codes beside a status column, under any header */
	expect("| Returned Value | HTTP Status Code | Description |\n|---|---|---|\n"
	       "| BMS.0001 | 400 | Bad. |\n| BMS.0002 | 401 | Who? |\n", DD_KIND_ERROR, 2, "BMS.0001");
	/* ... or beside a solution column; long numbers need that (or an error text) */
	expect("| failure_detail Value | Description | Solution |\n|---|---|---|\n"
	       "| 37100041 | Failed. | Retry. |\n| 37100043 | Lost. | Call us. |\n", DD_KIND_ERROR, 2,
	       "37100041");
	expect("| Count | Status Code | Note |\n|---|---|---|\n| 12000 | 200 | a |\n| 13000 | 404 | b |\n",
	       DD_KIND_ERROR, 0, NULL);
	/* 3: distinct codes first, beside an error's text, some no HTTP status */
	expect("| Xid | Error Description |\n|---|---|\n| 13 | Engine error. |\n| 31 | MMU fault. |\n"
	       "| 137 | NVLink fault. |\n", DD_KIND_ERROR, 3, "13");
	expect("| Code | Error Description |\n|---|---|\n| 400 | Bad request. |\n| 404 | Not found. |\n"
	       "| 500 | Broken. |\n", DD_KIND_ERROR, 0, NULL);
	/* ... not another system's statuses under a status header */
	expect("| Status Code | Description | Error Cause | Solution |\n|---|---|---|---|\n"
	       "| 0 | Running. | - | - |\n| 18002 | Timeout. | Slow. | Wait. |\n"
	       "| 18003 | Down. | Crash. | Restart. |\n", DD_KIND_ERROR, 0, NULL);
	/* 4: named responses beside a status column that repeats */
	expect("| Response Name | Default Status Code | Description |\n|---|---|---|\n"
	       "| Access Denied | 403 | Denied. |\n| Auth Failed | 401 | Failed. |\n"
	       "| Auth Missing | 401 | Missing. |\n| Backend Down | 502 | Down. |\n"
	       "| Backend Slow | 504 | Slow. |\n", DD_KIND_ERROR, 5, "Access Denied");
	/* not error-code tables: flavours (ids in lower case), an "Error Code"
	 * column of status codes, a column headed "Name" of numbers */
	expect("| Flavor | vCPUs | Bandwidth | Description |\n|---|---|---|---|\n"
	       "| s2.large.2 | 2 | 200 | Small. |\n| s2.xlarge.2 | 4 | 400 | Large. |\n",
	       DD_KIND_ERROR, 0, NULL);
	expect("| Error Code | Description |\n|---|---|\n| 400 | Bad request. |\n| 404 | Not found. |\n",
	       DD_KIND_STATUS, 2, "400");
	expect("| Status Code | Name | Description |\n|---|---|---|\n| 100 | 999999 | a |\n"
	       "| 101 | 9 | b |\n", DD_KIND_STATUS, 2, "100");
	/* a status-code table and an error-code table on one page: both, apart */
	expect("| Status Code | Message |\n|---|---|\n| 200 | OK |\n\n"
	       "| Status Code | Error Code | Error Message |\n|---|---|---|\n| 400 | VPC.0002 | Bad. |\n",
	       DD_KIND_STATUS, 1, "200");
}

static void test_fields(void)
{
	ts_parsed p;
	dd_records rs;
	md_records("| Error Code | HTTP Status Code | Error Message | Description | Handling Measure "
	           "| Module |\n|---|---|---|---|---|---|\n"
	           "| ELB.0002 | 403 Forbidden | Denied. | You may not. | Ask. | elb |\n"
	           "| **Listeners** | | | | | |\n"
	           "| ELB.1001 | 404 | Gone. | The listener is gone. | Check. | |\n"
	           "| - | 500 | Broken. | Failed. | Wait. | |\n",
	           0, &rs, &p);
	CHECK(rs.n == 2);
	const dd_record *r = &rs.v[0];
	CHECK(r->kind == DD_KIND_ERROR && r->has_status && r->has_solution && r->has_name &&
	      r->has_desc);
	CHECK_STR(r->key, "ELB.0002");
	CHECK_STR(r->status, "403 Forbidden");
	CHECK_STR(r->name, "Denied.");
	CHECK(r->ndesc == 1 && r->nsolution == 1 && r->nextra == 1);
	CHECK_STR(r->solution[0].text, "Ask.");
	CHECK_STR(r->extra[0].header, "Module");
	/* a heading row is skipped quietly, a "-" key with a warning */
	CHECK(strstr(p.diags.buf.ptr, "'Listeners'") == NULL);
	CHECK(strstr(p.diags.buf.ptr, "'-' in column 1 is not an error code") != NULL);
	CHECK(r->meta && r->meta->head[DD_ROLE_STATUS] &&
	      strcmp(r->meta->head[DD_ROLE_STATUS], "HTTP Status Code") == 0);
	dd_records_free(&rs);
	ts_parsed_free(&p);

	/* --kind: a table of the other kind is left out with a note */
	md_records("| Status Code | Message |\n|---|---|\n| 200 | OK |\n\n"
	           "| Error Code | Description |\n|---|---|\n| AccessDenied | Denied. |\n",
	           1u << DD_KIND_ERROR, &rs, &p);
	CHECK(rs.n == 1 && rs.v[0].kind == DD_KIND_ERROR);
	dd_records_free(&rs);
	ts_parsed_free(&p);
}

/* Reconciles two error records of one code, the second's status and name given. */
static void two_copies(const char *st1, const char *st2, const char *n2, dd_recon *r,
                       dd_records *rs)
{
	dd_records_init(rs);
	rs->v = calloc(2, sizeof *rs->v);
	rs->n = rs->cap = 2;
	const char *files[2] = {"a.md", "b.md"}, *st[2] = {st1, st2}, *nm[2] = {"Denied.", n2};
	for (int i = 0; i < 2; i++)
		rs->v[i] = (dd_record){.key = "ELB.0002", .kind = DD_KIND_ERROR, .name = nm[i],
		                       .status = st[i], .service = i ? "b" : "a", .file = files[i],
		                       .has_name = 1, .has_status = 1};
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	CHECK(dd_reconcile(rs, NULL, r, &d) == 0);
	dd_diag_free(&d);
}

static const dd_finding *finding(const dd_recon *r, int field)
{
	for (size_t i = 0; i < r->ncodes; i++)
		for (size_t k = 0; k < r->codes[i].nf; k++)
			if (r->codes[i].f[k].field == field)
				return &r->codes[i].f[k];
	return NULL;
}

static void test_status_field(void)
{
	dd_records rs;
	dd_recon r;
	two_copies("429", "503", "Denied.", &r, &rs);
	const dd_finding *f = finding(&r, DD_FIELD_STATUS);
	CHECK(r.kind == DD_KIND_ERROR && f && f->cls == DD_CLASS_CHANGED && !finding(&r, DD_FIELD_NAME));
	CHECK(r.count[DD_CLASS_CHANGED] == 1 && !dd_class_has_similarity(DD_CLASS_CHANGED));
	CHECK_STR(dd_class_name(DD_CLASS_CHANGED), "changed");
	CHECK_STR(dd_field_name(DD_FIELD_STATUS), "status");
	/* no IANA registry for error codes: nothing is "not registered" */
	CHECK(!r.codes[0].unregistered);
	dd_recon_free(&r);
	dd_records_free(&rs);
	/* the same status said more fully is wording, not another status */
	two_copies("403", "403 Forbidden", "Access denied.", &r, &rs);
	f = finding(&r, DD_FIELD_STATUS);
	CHECK(f && f->cls == DD_CLASS_ADDITION);
	f = finding(&r, DD_FIELD_NAME);
	CHECK(f && f->cls != DD_CLASS_CHANGED);
	dd_recon_free(&r);
	dd_records_free(&rs);
	/* a status that is no code at all differs as a status */
	two_copies("400", "-", "Denied.", &r, &rs);
	f = finding(&r, DD_FIELD_STATUS);
	CHECK(f && f->cls == DD_CLASS_CHANGED);
	dd_recon_free(&r);
	dd_records_free(&rs);
}

static void test_concat(void)
{
	dd_records a, b;
	dd_recon ra, rb, all;
	two_copies("429", "503", "Denied.", &ra, &a);
	two_copies("400", "400", "Other.", &rb, &b);
	const dd_recon *parts[2] = {&ra, &rb};
	unsigned *vb;
	size_t *cb;
	dd_recon_concat(parts, 2, &all, &vb, &cb);
	CHECK(all.nvar == 4 && all.ncodes == 2 && vb[1] == 2 && cb[1] == 1 && vb[2] == 4);
	CHECK(all.codes[1].nvar == 2 && all.codes[1].e[0].variant >= 2);
	for (size_t k = 0; k < all.codes[1].nf; k++)
		CHECK(all.codes[1].f[k].variant >= 2 && all.codes[1].f[k].variant < 4);
	CHECK(all.count[DD_CLASS_CHANGED] == 1 && all.ndiffer == ra.ndiffer + rb.ndiffer);
	free(vb);
	free(cb);
	dd_recon_free(&all);
	dd_recon_free(&ra);
	dd_recon_free(&rb);
	dd_records_free(&a);
	dd_records_free(&b);
}

/* Error records rendered in every table format read back as they were. */
static void test_roundtrip(void)
{
	static const dd_render_format fmts[] = {DD_RENDER_MD, DD_RENDER_RST, DD_RENDER_HTML};
	static const dd_parser *const parsers[] = {&dd_parser_markdown, &dd_parser_rst,
	                                            &dd_parser_html};
	static dd_para d1[] = {{"The body is invalid.", 20, 0}}, s1[] = {{"Fix the body.", 13, 0}};
	static dd_para s2[] = {{"Wait.", 5, 0}, {"Then retry.", 11, 0}};
	dd_record in[2] = {
		{.key = "ELB.0002", .kind = DD_KIND_ERROR, .name = "Invalid request.", .desc = d1,
		 .ndesc = 1, .status = "400", .solution = s1, .nsolution = 1, .has_name = 1,
		 .has_desc = 1, .has_status = 1, .has_solution = 1},
		{.key = "AccessDenied", .kind = DD_KIND_ERROR, .name = "Denied.", .status = "403",
		 .solution = s2, .nsolution = 2, .has_name = 1, .has_desc = 1, .has_status = 1,
		 .has_solution = 1},
	};
	for (size_t f = 0; f < sizeof fmts / sizeof *fmts; f++) {
		dd_buf out = DD_BUF_INIT;
		dd_render_table(fmts[f], in, 2, NULL, &out);
		ts_parsed p;
		ts_parse(&p, parsers[f], "rt", out.ptr, out.len);
		dd_records rs;
		dd_records_init(&rs);
		dd_records_extract(&p.doc, NULL, &rs, &p.diags);
		CHECK(rs.n == 2);
		for (size_t i = 0; i < rs.n && i < 2; i++) {
			CHECK(rs.v[i].kind == DD_KIND_ERROR);
			CHECK_STR(rs.v[i].key, in[i].key);
			CHECK_STR(rs.v[i].status, in[i].status);
			CHECK_STR(rs.v[i].name, in[i].name);
			CHECK(rs.v[i].ndesc == in[i].ndesc && rs.v[i].nsolution == in[i].nsolution);
			for (unsigned k = 0; k < rs.v[i].nsolution && k < in[i].nsolution; k++)
				CHECK_STR(rs.v[i].solution[k].text, in[i].solution[k].text);
		}
		if (rs.n != 2)
			fprintf(stderr, "  %s:\n%s\n", dd_render_format_name(fmts[f]), out.ptr);
		dd_records_free(&rs);
		ts_parsed_free(&p);
		dd_buf_free(&out);
	}
	/* JSON: what merge --to json writes reads back, kind and all */
	dd_buf out = DD_BUF_INIT;
	dd_render_table(DD_RENDER_JSON, in, 2, NULL, &out);
	dd_source js;
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	CHECK(dd_source_init_mem(&js, "r.json", out.ptr, out.len, &d) == 0);
	dd_records rs;
	dd_records_init(&rs);
	CHECK(dd_records_read_json(&js, &rs, &d) == 2);
	CHECK(rs.n == 2 && rs.v[1].kind == DD_KIND_ERROR && rs.v[1].nsolution == 2);
	CHECK_STR(rs.n == 2 ? rs.v[1].key : NULL, "AccessDenied");
	CHECK_STR(rs.n == 2 ? rs.v[1].status : NULL, "403");
	dd_records_free(&rs);
	dd_source_free(&js);
	dd_diag_free(&d);
	dd_buf_free(&out);
}

int main(void)
{
	dd_parsers_init();
	test_rules();
	test_fields();
	test_status_field();
	test_concat();
	test_roundtrip();
	dd_parsers_cleanup();
	return TEST_DONE();
}
