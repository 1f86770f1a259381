/* test_free.c - every _free of docdrift does nothing given NULL, and is
 * safe on an object freed once already (its fields are cleared). */
#include "cli/cli_internal.h"
#include "reconcile/reconcile_internal.h"
#include "test.h"

int main(void)
{
	dd_arena_free(NULL);
	dd_buf_free(NULL);
	dd_source_free(NULL);
	dd_diag_free(NULL);
	dd_doc_free(NULL);
	dd_records_free(NULL);
	dd_recon_free(NULL);
	dd_recon_ctx_free(NULL);
	dd_tokens_free(NULL);
	dd_script_free(NULL);
	dd_opts_free(NULL);
	rc_intern_free(NULL);
	CHECK(1); /* reaching here is the check: none of them crashed */

	/* freed twice: the first free leaves an empty object behind */
	dd_buf b = DD_BUF_INIT;
	dd_buf_puts(&b, "x");
	dd_buf_free(&b);
	CHECK(b.ptr == NULL && b.len == 0);
	dd_buf_free(&b);

	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	dd_source src;
	CHECK(dd_source_init_mem(&src, "m", "a", 1, &d) == 0);
	dd_doc doc;
	dd_doc_init(&doc, &src);
	dd_doc_free(&doc);
	CHECK(doc.arena == NULL);
	dd_doc_free(&doc);
	dd_source_free(&src);
	CHECK(src.text == NULL);
	dd_source_free(&src);
	dd_diag_free(&d);
	dd_diag_free(&d);

	dd_records rs;
	dd_records_init(&rs);
	dd_records_free(&rs);
	dd_records_free(&rs);
	CHECK(rs.v == NULL && rs.n == 0);

	intern in = RC_INTERN_INIT;
	rc_intern_str(&in, "a");
	rc_intern_free(&in);
	CHECK(in.arena == NULL);
	rc_intern_free(&in);
	return TEST_DONE();
}
