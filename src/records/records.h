/* records.h - from format-neutral tables to status-code records.
 *
 * Runs once for every format: finds the status-code tables of a document,
 * maps columns to roles (key, name, description, extra) by header and by
 * content, folds continuation rows into the record above, and derives the
 * service from the page id. */
#ifndef DD_RECORDS_H
#define DD_RECORDS_H

#include "core/core.h"

/* A set of records that owns its strings (copied into its own arena), so the
 * documents they came from can be freed at once. */
typedef struct dd_records {
	dd_arena *arena;
	dd_record *v;         /* malloc'd */
	size_t n, cap;
} dd_records;

void dd_records_init(dd_records *rs);
void dd_records_free(dd_records *rs);
/* Moves from's records (and the memory they live in) to the end of rs;
 * from is left empty and needs no dd_records_free. */
void dd_records_adopt(dd_records *rs, dd_records *from);

/* Appends the records of doc's status-code and error-code tables to rs.
 * service, when not NULL, overrides the one derived from the page id.
 * Returns the number of such tables found (0: the document has none).
 * Every row or table that gives no record is said in diags: rows as
 * warnings (DD-402) or notes (DD-201 page chrome), tables as DD-404 notes
 * when diags->verbose. */
unsigned dd_records_extract(dd_doc *doc, const char *service, dd_records *rs,
                            dd_diag_sink *diags);
/* The same for the kinds in the set kinds (bit 1 << dd_kind; 0: all): a
 * table of another kind is left out, with a DD-404 note saying so. */
unsigned dd_records_extract_kinds(dd_doc *doc, const char *service, unsigned kinds,
                                  dd_records *rs, dd_diag_sink *diags);

/* Appends the records of a JSON array of record objects (what `merge --to
 * json` and `extract --to json` write) in src to rs. Returns how many, or
 * -1 after a DD-521 error at the offending element (rs is then as it was). */
int dd_records_read_json(dd_source *src, dd_records *rs, dd_diag_sink *diags);

/* Service id from a page id: "css_03_0075" -> "css", "dcs-api-0312043" -> "dcs";
 * NULL, or a topic id such as "en-us_topic_0053158690", -> "generic". Returns
 * a pointer into a static or arena string. */
const char *dd_service_from_page(dd_arena *a, const char *page);

/* 1 when s is a status-code key: "404", "4xx"/"4XX". Writes the normalised
 * key (lowercase x) to key[4]. */
int dd_key_parse(const char *s, size_t n, char key[4]);

#endif
