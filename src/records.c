/* records.c - STUB, replaced next. */
#include "records.h"

#include <string.h>

void dd_records_init(dd_records *rs)
{
	memset(rs, 0, sizeof *rs);
	rs->arena = dd_arena_new();
}

void dd_records_free(dd_records *rs)
{
	dd_arena_free(rs->arena);
	memset(rs, 0, sizeof *rs);
}

unsigned dd_records_extract(dd_doc *doc, const char *service, dd_records *rs,
                            dd_diag_sink *diags)
{
	(void)doc; (void)service; (void)rs; (void)diags;
	return 0;
}
