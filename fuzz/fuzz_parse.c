/* fuzz_parse.c - libFuzzer targets over the parsers, the record stage, the
 * table dump and the renderers. One source, built once per entry point
 * (fuzz/meson.build passes -DDD_FUZZ_ENTRY=...), so each target has its own
 * dictionary, corpus and -max_len (fuzz/README.md):
 *
 *   rst_grid, rst_simple  the RST parser on the document as given; the two
 *                         differ in their corpus and dictionary only
 *   rst_flat              the RST parser on the document with every newline
 *                         turned into a space: the layout flattened pages
 *                         have, so every input goes to flattened-table recovery
 *   markdown, html        that parser
 *   sniff                 content sniffing picks the parser, as a run without
 *                         --format does */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "parsers/parser.h"
#include "records/records.h"
#include "render/render.h"

enum { RST_GRID = 1, RST_FLAT, RST_SIMPLE, MARKDOWN, HTML, SNIFF };

#ifndef DD_FUZZ_ENTRY
#error "build with -DDD_FUZZ_ENTRY=1..6 (fuzz/meson.build)"
#endif

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static int ready;
	if (!ready) {
		dd_parsers_init();
		ready = 1;
	}
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	d.verbose = 1; /* the DD-404 reasons too */
	dd_source src;
	if (dd_source_init_mem(&src, "fuzz", (const char *)data, size, &d) == 0) {
		const dd_parser *p;
		switch (DD_FUZZ_ENTRY) {
		case RST_FLAT:
			for (char *c = src.text; (c = memchr(c, '\n', src.len - (size_t)(c - src.text)));)
				*c = ' ';
			/* fall through */
		case RST_GRID:
		case RST_SIMPLE: p = &dd_parser_rst; break;
		case MARKDOWN: p = &dd_parser_markdown; break;
		case HTML: p = &dd_parser_html; break;
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
			/* whatever text a parser lets through, every renderer takes */
			for (int f = DD_RENDER_MD; f <= DD_RENDER_JSON; f++)
				dd_render_table((dd_render_format)f, rs.v, rs.n, NULL, &out);
			dd_buf_free(&out);
			dd_records_free(&rs);
			dd_doc_free(&doc);
		}
	}
	dd_source_free(&src);
	dd_diag_free(&d);
	return 0;
}
