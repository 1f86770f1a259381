/* fuzz_parse.c - libFuzzer target over every parser and the record stage.
 * The first byte picks the entry point (like cmark's fuzz target): 0 sniff,
 * 1 rst, 2 markdown, 3 html; the rest is the document. DD_FUZZ_SELECTOR=0..3
 * in the environment pins the entry point whatever the first byte says, so one
 * run can be spent on one parser with the same corpus (see fuzz/README.md). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "render/render.h"
#include "parsers/parser.h"
#include "records/records.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready, pinned = -1;
	if (!ready) {
		dd_parsers_init();
		const char *sel = getenv("DD_FUZZ_SELECTOR");
		if (sel && sel[0] >= '0' && sel[0] <= '3' && !sel[1])
			pinned = sel[0] - '0';
		ready = 1;
	}
	if (size < 1)
		return 0;
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	dd_source src;
	if (dd_source_init_mem(&src, "fuzz", (const char *)data + 1, size - 1, &d) == 0) {
		const dd_parser *p;
		switch (pinned >= 0 ? pinned : data[0] & 3) {
		case 1: p = &dd_parser_rst; break;
		case 2: p = &dd_parser_markdown; break;
		case 3: p = &dd_parser_html; break;
		default: p = dd_parser_detect(&src); break;
		}
		if (p) {
			dd_doc doc;
			dd_doc_init(&doc, &src);
			p->parse(&doc, &d);
			dd_records rs;
			dd_records_init(&rs);
			dd_records_extract(&doc, NULL, &rs, &d);
			dd_buf out = DD_BUF_INIT;
			dd_dump_doc(&doc, &out);
			dd_buf_free(&out);
			dd_records_free(&rs);
			dd_doc_free(&doc);
		}
	}
	dd_source_free(&src);
	dd_diag_free(&d);
	return 0;
}
