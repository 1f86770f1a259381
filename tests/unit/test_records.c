/* Record stage: column roles, continuation rows, key forms, service ids. */
#include <stdarg.h>
#include <stdlib.h>

#include "records/records.h"
#include "test.h"

static dd_source src;
static dd_diag_sink diags;

/* Builds a table from rows of "|"-separated cells; "¶" separates paragraphs,
 * "^" marks a cell covered by the one above. */
static dd_table *table(dd_doc *doc, unsigned ncols, unsigned nhead, ...)
{
	dd_table *t = dd_doc_add_table(doc, "test", 0, ncols);
	t->nhead = nhead;
	va_list ap;
	va_start(ap, nhead);
	const char *row;
	while ((row = va_arg(ap, const char *))) {
		dd_row *r = dd_table_add_row(doc, t, 0);
		const char *p = row;
		for (unsigned c = 0; c < ncols; c++) {
			const char *end = strchr(p, '|');
			if (!end)
				end = p + strlen(p);
			if (end - p == 1 && *p == '^') {
				t->rows[t->nrows - 2].cells[c].rowspan = 2;
				dd_table_expand_span(t, t->nrows - 2, c);
			} else {
				const char *q = p;
				while (q < end) {
					const char *pe = strstr(q, "\xC2\xB6");
					if (!pe || pe > end)
						pe = end;
					dd_cell_add_para(doc, &r->cells[c], q, (size_t)(pe - q), 0);
					q = pe < end ? pe + 2 : end;
				}
			}
			p = *end ? end + 1 : end;
		}
	}
	va_end(ap);
	return t;
}

static void run(dd_doc *doc, dd_records *rs)
{
	dd_records_init(rs);
	dd_buf_reset(&diags.buf);
	dd_records_extract(doc, NULL, rs, &diags);
}

/* Reads text as a JSON file of records; returns the count or -1, the
 * diagnostics in diags.buf. */
static int json_records(const char *text, dd_records *rs)
{
	dd_source js;
	dd_records_init(rs);
	dd_buf_reset(&diags.buf);
	CHECK(dd_source_init_mem(&js, "r.json", text, strlen(text), &diags) == 0);
	int n = dd_records_read_json(&js, rs, &diags);
	dd_source_free(&js);
	return n;
}

static void test_json(void)
{
	dd_records rs;
	/* what merge --to json writes, and what extract --to json adds */
	CHECK(json_records("[\n{\"key\":\"404\",\"name\":\"Not Found\",\"description\":[\"Gone.\","
	                   "\"Check.\"],\"table\":2},\n{\"key\":\"4XX\",\"description\":\"One.\","
	                   "\"extra\":[{\"header\":\"Fix\",\"value\":[\"Retry.\"]}],\"file\":\"x\","
	                   "\"line\":3}\n]\n", &rs) == 2);
	CHECK_STR(rs.v[0].key, "404");
	CHECK_STR(rs.v[0].name, "Not Found");
	CHECK(rs.v[0].ndesc == 2 && rs.v[0].table == 1 && rs.v[0].has_name && rs.v[0].has_desc);
	CHECK_STR(rs.v[0].desc[1].text, "Check.");
	CHECK(rs.v[0].line == 2 && rs.v[0].column == 1); /* where its element starts */
	CHECK_STR(rs.v[1].key, "4xx");
	CHECK(!rs.v[1].has_name && rs.v[1].ndesc == 1 && rs.v[1].nextra == 1);
	CHECK_STR(rs.v[1].extra[0].paras[0].text, "Retry.");
	CHECK_STR(rs.v[1].file, "r.json");
	dd_records_free(&rs);
	CHECK(json_records("[]", &rs) == 0);
	dd_records_free(&rs);
	/* bad input: file:line:col, what was expected, and no record kept */
	CHECK(json_records("[\n{\"key\": \"404\"},\n  {\"key\": \"40x\"}\n]", &rs) == -1 && rs.n == 0);
	CHECK(strstr(diags.buf.ptr, "r.json:3:3: error: record 2: \"key\" is \"40x\", not a status "
	                            "code such as 404 or 4xx (an error code's record says \"kind\": "
	                            "\"error\"); expected an object like") != NULL);
	dd_records_free(&rs);
	CHECK(json_records("[{\"key\": \"404\", \"description\": [1]}]", &rs) == -1);
	CHECK(strstr(diags.buf.ptr, "r.json:1:2: error: record 1: element 1 of \"description\" is "
	                            "not a string") != NULL);
	dd_records_free(&rs);
	CHECK(json_records("[{\"name\": \"x\"}, 3]", &rs) == -1);
	CHECK(strstr(diags.buf.ptr, "record 1: no \"key\"") != NULL);
	dd_records_free(&rs);
	CHECK(json_records("[{\"key\": \"404\",\n \"name\": }]", &rs) == -1);
	CHECK(strstr(diags.buf.ptr, "r.json:2:10: error: ") != NULL);
	CHECK(strstr(diags.buf.ptr, "expected a JSON array of records (what merge --to json writes) "
	                            "[DD-521]") != NULL);
	dd_records_free(&rs);
	CHECK(json_records("{\"key\": \"404\"}", &rs) == -1);
	CHECK(strstr(diags.buf.ptr, "r.json:1:1: error: not a JSON array") != NULL);
	dd_records_free(&rs);
}

int main(void)
{
	char key[4];
	CHECK(dd_key_parse("404", 3, key) && strcmp(key, "404") == 0);
	CHECK(dd_key_parse("4XX", 3, key) && strcmp(key, "4xx") == 0);
	CHECK(!dd_key_parse("604", 3, key));
	CHECK(!dd_key_parse("40", 2, key));
	CHECK(!dd_key_parse("4x0", 3, key));

	dd_arena *a = dd_arena_new();
	CHECK_STR(dd_service_from_page(a, "css_03_0075"), "css");
	CHECK_STR(dd_service_from_page(a, "dcs-api-0312043"), "dcs");
	CHECK_STR(dd_service_from_page(a, "EN-US_TOPIC_0134484533"), "generic");
	CHECK_STR(dd_service_from_page(a, "en-us_topic_0053158690"), "generic");
	CHECK_STR(dd_service_from_page(a, NULL), "generic");
	CHECK_STR(dd_service_from_page(a, "IAM_02_0005"), "iam");
	CHECK_STR(dd_service_from_page(a, "en-dc_topic_0055025342"), "generic");
	CHECK_STR(dd_service_from_page(a, "en_topic_0093011524"), "generic");
	CHECK_STR(dd_service_from_page(a, "topic_0001"), "generic");
	/* "topic" later in the id is a label, not a topic id */
	CHECK_STR(dd_service_from_page(a, "abc_01_0002__en-us_topic_table123"), "abc");
	CHECK_STR(dd_service_from_page(a, "evs_topics_01"), "evs");
	CHECK_STR(dd_service_from_page(a, "topical_01"), "topical");
	dd_arena_free(a);

	dd_diag_init(&diags, NULL);
	test_json();
	diags.verbose = 1; /* every message kept: the tests read them */
	dd_source_init_mem(&src, "t.txt", "x", 1, &diags);
	dd_doc doc;
	dd_records rs;

	/* Plain three columns, multi-paragraph description, page → service. */
	dd_doc_init(&doc, &src);
	doc.page = "css_03_0075";
	table(&doc, 3, 1, "Status Code|Code|Description", "100|Continue|First.¶Second.",
	      "200|OK|Fine.", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 2);
	CHECK_STR(rs.v[0].key, "100");
	CHECK_STR(rs.v[0].name, "Continue");
	CHECK(rs.v[0].ndesc == 2);
	CHECK_STR(rs.v[0].desc[1].text, "Second.");
	CHECK_STR(rs.v[1].service, "css");
	CHECK(rs.v[0].nextra == 0);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* "Description | Meaning": the short column names. */
	dd_doc_init(&doc, &src);
	table(&doc, 3, 1, "Status Code|Description|Meaning", "200|OK|The request succeeded.",
	      "404|Not Found|The resource is gone. Try again.", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 2);
	CHECK_STR(rs.v[1].name, "Not Found");
	CHECK(rs.v[1].ndesc == 1 && strcmp(rs.v[1].desc[0].text, "The resource is gone. Try again.") == 0);
	CHECK(strstr(diags.buf.ptr, "[DD-401]") != NULL);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* Repeated "Description" header. */
	dd_doc_init(&doc, &src);
	table(&doc, 3, 1, "Status Code|Description|Description", "200|OK|Succeeded.",
	      "201|Created|A resource was created.", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 2 && strcmp(rs.v[1].name, "Created") == 0 && rs.v[1].ndesc == 1);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* "200 OK" in one cell; an extra column kept by header. */
	dd_doc_init(&doc, &src);
	table(&doc, 3, 1, "Status Code & Message|Description|Since", "200 OK|Success.|v1",
	      "404 - Not Found|Missing.|v2", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 2);
	CHECK_STR(rs.v[0].key, "200");
	CHECK_STR(rs.v[0].name, "OK");
	CHECK_STR(rs.v[1].name, "Not Found");
	CHECK(rs.v[1].nextra == 1 && strcmp(rs.v[1].extra[0].header, "Since") == 0 &&
	      strcmp(rs.v[1].extra[0].paras[0].text, "v2") == 0);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* Continuation rows: empty key, and a key cell spanning two rows. */
	dd_doc_init(&doc, &src);
	table(&doc, 3, 1, "Status Code|Name|Description", "400|Bad Request|Bad syntax.",
	      "|Bad Request|Or a bad parameter.", "401|Unauthorized|Log in.", "^|^|Or refresh the token.",
	      NULL);
	run(&doc, &rs);
	CHECK(rs.n == 2);
	CHECK(rs.v[0].ndesc == 2 && strcmp(rs.v[0].desc[1].text, "Or a bad parameter.") == 0);
	CHECK_STR(rs.v[0].name, "Bad Request");
	CHECK(rs.v[1].ndesc == 2 && strcmp(rs.v[1].desc[1].text, "Or refresh the token.") == 0);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* Two columns of codes: the one under a key header is the key. */
	dd_doc_init(&doc, &src);
	table(&doc, 3, 1, "Since|Status Code|Description", "200|201|Created.", "200|202|Accepted.",
	      NULL);
	run(&doc, &rs);
	CHECK(rs.n == 2 && strcmp(rs.v[0].key, "201") == 0);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* A name cell spanning two codes names both (it mirrors its origin). */
	dd_doc_init(&doc, &src);
	table(&doc, 3, 1, "Status Code|Name|Description", "301|Redirect|Moved for good.",
	      "302|^|Moved for now.", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 2);
	CHECK_STR(rs.v[1].name, "Redirect");
	CHECK(rs.v[1].ndesc == 1 && strcmp(rs.v[1].desc[0].text, "Moved for now.") == 0);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* A continuation row with another name adds it; 20,000 of them stay linear. */
	dd_doc_init(&doc, &src);
	dd_table *big = table(&doc, 3, 1, "Status Code|Name|Description", "400|Bad Request|Bad.",
	                      "|Invalid Parameter|Or invalid.", "|Invalid Parameter|Or missing.", NULL);
	for (int i = 0; i < 20000; i++) {
		dd_row *row = dd_table_add_row(&doc, big, 0);
		dd_cell_add_para(&doc, &row->cells[2], "More.", 5, 0);
	}
	run(&doc, &rs);
	CHECK(rs.n == 1);
	CHECK_STR(rs.v[0].name, "Bad Request / Invalid Parameter");
	CHECK(rs.v[0].ndesc == 20003 && strcmp(rs.v[0].desc[2].text, "Or missing.") == 0);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* Not status tables: parameters; API error codes (an error-code record,
	 * its status a field). Bad key row warned, not kept. */
	dd_doc_init(&doc, &src);
	table(&doc, 3, 1, "Parameter|Type|Description", "name|String|The name.", NULL);
	table(&doc, 4, 1, "Status Code|Error Code|Error Message|Description",
	      "400|APIG.0101|Bad|Bad request.", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 1 && rs.v[0].kind == DD_KIND_ERROR && rs.v[0].has_status);
	CHECK_STR(rs.v[0].key, "APIG.0101");
	CHECK_STR(rs.v[0].status, "400");
	CHECK_STR(rs.v[0].name, "Bad");
	dd_records_free(&rs);
	dd_doc_free(&doc);

	dd_doc_init(&doc, &src);
	table(&doc, 2, 1, "Status Code|Description", "200|Fine.", "Note|See below.", "200|Again.",
	      NULL);
	run(&doc, &rs);
	CHECK(rs.n == 2);
	CHECK(strstr(diags.buf.ptr, "'Note' in column 1 is not a status code") != NULL);
	CHECK(strstr(diags.buf.ptr, "[DD-403]") != NULL);
	CHECK_STR(rs.v[0].name, "");
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* A headless table whose first row is a header. */
	dd_doc_init(&doc, &src);
	table(&doc, 3, 0, "Status Code|Message|Description", "503|Unavailable|Busy.", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 1 && strcmp(rs.v[0].name, "Unavailable") == 0);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	dd_source_free(&src);
	dd_diag_free(&diags);
	/* A header row that holds a code and no known header is data, even alone. */
	dd_doc_init(&doc, &src);
	table(&doc, 2, 1, "200|OK", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 1 && strcmp(rs.v[0].key, "200") == 0 && strcmp(rs.v[0].name, "OK") == 0);
	CHECK(strstr(diags.buf.ptr, "[DD-405]") != NULL);
	dd_records_free(&rs);
	dd_doc_free(&doc);
	/* ... but a known header beside a code keeps its row a header */
	dd_doc_init(&doc, &src);
	table(&doc, 2, 1, "200|Description", "404|Not found.", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 1 && strcmp(rs.v[0].key, "404") == 0);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	/* A continuation row after a skipped row goes with it. */
	dd_doc_init(&doc, &src);
	table(&doc, 2, 1, "Status Code|Description", "404|Not found.", "|More about 404.",
	      "Note|A stray row.", "|After stray.", NULL);
	run(&doc, &rs);
	CHECK(rs.n == 1 && rs.v[0].ndesc == 2);
	CHECK_STR(rs.v[0].desc[rs.v[0].ndesc - 1].text, "More about 404.");
	CHECK(strstr(diags.buf.ptr, "row 5 continues row 4") != NULL);
	dd_records_free(&rs);
	dd_doc_free(&doc);

	return TEST_DONE();
}
