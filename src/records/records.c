/* records.c - status-code and error-code records from format-neutral tables.
 *
 * For each table: an error-code table (errors.c) is keyed by its error
 * codes; any other table is read for status codes: find the key column by
 * content (the column whose cells are mostly status codes), then give the other columns roles by header,
 * falling back to content and position where headers are ambiguous or
 * unknown (one docs set heads names "Description" and texts "Meaning",
 * another repeats "Description"): a name column holds short labels, a
 * description column sentences. Each decision that overrides a header is
 * said in a DD-401 note, so a writer can see why a column was read as it was.
 * Nothing is dropped in silence: a row that gives no record is a warning
 * (DD-402) or, for page text GFM folded into a pipe table, a note (DD-201);
 * a table that gives none is a DD-404 note under -v. Display text is NFC. */
#include "records_internal.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>



void dd_records_init(dd_records *rs)
{
	memset(rs, 0, sizeof *rs);
	/* diff keeps every file's records: 8 KiB chunks waste little per file */
	rs->arena = dd_arena_new_sized(8 * 1024);
}

void dd_records_adopt(dd_records *rs, dd_records *from)
{
	if (rs->n + from->n > rs->cap) {
		while (rs->cap < rs->n + from->n)
			rs->cap = rs->cap ? rs->cap * 2 : 256;
		rs->v = dd_xrealloc(rs->v, rs->cap * sizeof *rs->v);
	}
	if (from->n)
		memcpy(rs->v + rs->n, from->v, from->n * sizeof *rs->v);
	rs->n += from->n;
	dd_arena_adopt(rs->arena, from->arena);
	free(from->v);
	memset(from, 0, sizeof *from);
}

void dd_records_free(dd_records *rs)
{
	if (!rs)
		return;
	dd_arena_free(rs->arena);
	free(rs->v);
	memset(rs, 0, sizeof *rs);
}

/* A topic id names no service: "topic_…", or one after a locale prefix
 * ("en-us_topic_0053158690", "EN-US_TOPIC_…", "en-dc_topic_…", "en_topic_…").
 * Only the start counts: "abc_01_0002__en-us_topic_table123" is abc's. */
static int is_topic_id(const char *p)
{
	size_t n = 0;
	while (isalpha((unsigned char)p[n]))
		n++;
	if (n >= 2 && n <= 3) {
		size_t m = n;
		if (p[m] == '-') {
			size_t k = m + 1;
			while (isalpha((unsigned char)p[k]))
				k++;
			m = k - m - 1 >= 2 && k - m - 1 <= 4 ? k : 0;
		}
		if (m && p[m] == '_')
			p += m + 1;
	}
	return strncasecmp(p, "topic", 5) == 0 &&
	       (p[5] == '\0' || p[5] == '_' || p[5] == '-' || isdigit((unsigned char)p[5]));
}

const char *dd_service_from_page(dd_arena *a, const char *page)
{
	if (!page || !*page)
		return "generic";
	if (is_topic_id(page))
		return "generic";
	size_t n = 0;
	while (isalpha((unsigned char)page[n]))
		n++;
	if (n == 0)
		return "generic";
	char *s = dd_arena_strndup(a, page, n);
	for (size_t i = 0; i < n; i++)
		s[i] = (char)tolower((unsigned char)s[i]);
	return s;
}

/* With -v, a DD-404 note that table ti is not read, and why: "table 3 has
 * no status-code column; skipped". Quiet otherwise: most pages of a doc
 * repo hold tables of parameters. */
static void __attribute__((format(printf, 4, 5)))
skip_note(dd_doc *doc, unsigned ti, dd_diag_sink *diags, const char *fmt, ...)
{
	if (!diags->verbose)
		return;
	dd_buf msg = DD_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	dd_buf_vprintf(&msg, fmt, ap);
	va_end(ap);
	dd_diag(diags, doc->src, doc->tables[ti].off, DD_NOTE, DD_N_TABLE_SKIPPED,
	        "table %u %s; skipped", ti + 1, msg.ptr);
	dd_buf_free(&msg);
}

static unsigned table_records(dd_doc *doc, unsigned ti, const char *service, dd_records *rs,
                              dd_diag_sink *diags)
{
	const dd_table *t = &doc->tables[ti];
	unsigned nc = t->ncols, nhead = t->nhead;
	if (nc == 0) {
		skip_note(doc, ti, diags, "has no columns");
		return 0;
	}
	colinfo *ci = dd_xcalloc(nc, sizeof *ci);
	unsigned *extra_cols = dd_xcalloc(nc, sizeof *extra_cols);
	char key[4];
	unsigned made = 0;

	/* A headless table whose first row reads as a header is given one. */
	if (nhead == 0 && t->nrows > 1) {
		int first_codes = 0, rest_codes = 0;
		for (unsigned c = 0; c < nc; c++) {
			const dd_cell *a0 = rec_origin_cell(t, 0, c), *a1 = rec_origin_cell(t, 1, c);
			first_codes += a0 && a0->npara && dd_key_parse(a0->paras[0].text, a0->paras[0].len, key);
			rest_codes += a1 && a1->npara && dd_key_parse(a1->paras[0].text, a1->paras[0].len, key);
		}
		if (!first_codes && rest_codes)
			nhead = 1;
	}

	rec_column_stats(t, nhead, t->nrows, ci);
	rec_plan plan;
	/* An error-code table is keyed by its error codes; its status codes
	 * (repeating: "400 | VPC.1801", "400 | VPC.0007") are a field. */
	if (rec_error_plan(doc, t, nhead, ci, &plan, extra_cols, diags)) {
		rec_emit(doc, ti, service, rs, diags, &plan, ci);
		made = 1;
		goto done;
	}
	int key_col = rec_choose_key(ci, nc);
	/* A header row that is a row of data is read as one. */
	int data_head = rec_code_header_row(t, nhead, key_col);
	if (data_head >= 0) {
		nhead = (unsigned)data_head;
		rec_column_stats(t, nhead, t->nrows, ci);
		key_col = rec_choose_key(ci, nc);
	}
	if (t->nrows <= nhead) {
		skip_note(doc, ti, diags, "has no rows under its header");
		goto done;
	}
	if (key_col < 0) {
		skip_note(doc, ti, diags, "has no status-code column (no cell holds a code like 404)");
		goto done;
	}
	/* A column headed "Error Code" of codes like "VPC.1801" that is not
	 * read as an error-code table's keys (too few of them) does not make
	 * its status codes keys either. A column headed "Error Code" that
	 * holds the status codes, or sentences ("Error Code Description"), is
	 * no such column. */
	for (unsigned c = 0; c < nc; c++)
		if ((int)c != key_col && strcasestr(ci[c].header, "error code") &&
		    !strcasestr(ci[c].header, "status") && ci[c].idents * 2 > ci[c].filled) {
			skip_note(doc, ti, diags,
			          "is not read: column %u '%s' holds error codes (e.g. '%s') too few to "
			          "key it as an error-code table, and its status codes, in column %d, "
			          "are not its keys",
			          c + 1, ci[c].header, ci[c].ident_eg, key_col + 1);
			goto done;
		}
	/* Under a status-code header the share is judged up to the last code, so a
	 * few rows of page text after a short table do not sink it (they are
	 * reported below). Without one, "Setting | Default" over "Timeout | 300",
	 * "Port | 443" and three more settings stays a table of settings. */
	const colinfo *kci = &ci[key_col];
	unsigned trail = kci->filled - kci->filled_to_last;
	if (kci->codes * 100 < kci->filled * DD_KEY_SHARE_MIN &&
	    (kci->codes * 100 < kci->filled_to_last * DD_KEY_SHARE_MIN || trail > DD_KEY_TRAIL_MAX ||
	     !rec_is_key_header(kci->header))) {
		skip_note(doc, ti, diags,
		          "has no status-code column (column %d '%s' holds %u code%s among %u cells, "
		          "under %d%%)",
		          key_col + 1, ci[key_col].header, ci[key_col].codes,
		          ci[key_col].codes == 1 ? "" : "s", ci[key_col].filled, DD_KEY_SHARE_MIN);
		goto done;
	}
	char why[256];
	if (rec_not_status_column(t, nhead, t->nrows, ci, (unsigned)key_col, why, sizeof why)) {
		skip_note(doc, ti, diags, "is not a status-code table: %s", why);
		goto done;
	}
	/* Page chrome a parser folded into the table: from the first row after
	 * the last code whose key is text on a line without a cell delimiter
	 * ("Feedback"), every row is page text, even a "| Yes | No |" after it. */
	unsigned end = t->nrows;
	for (unsigned r = kci->last_code; r < t->nrows; r++) {
		const dd_cell *kc = rec_origin_cell(t, r, (unsigned)key_col);
		if (!kc || !kc->npara || rec_cell_is_code(kc) || !(t->rows[r].flags & DD_ROW_UNDELIMITED))
			continue;
		unsigned n = t->nrows - r;
		dd_diag(diags, doc->src, t->rows[r].off, DD_NOTE, DD_N_MD_CHROME,
		        "%u trailing row%s after the last status code, from '%s' (a line without "
		        "'|'), %s page text folded into the table by GFM, not records; dropped",
		        n, n == 1 ? "" : "s", kc->paras[0].text, n == 1 ? "is" : "are");
		end = r;
		rec_column_stats(t, nhead, end, ci); /* roles from the table's own rows */
		break;
	}
	if (data_head >= 0) {
		const dd_cell *kc = &t->rows[data_head].cells[key_col];
		dd_diag(diags, doc->src, kc->npara ? kc->paras[0].off : t->rows[data_head].off, DD_NOTE,
		        DD_N_HEADER_DATA,
		        "header row %d holds the status code '%s' and no column header, so it is "
		        "read as a data row%s",
		        data_head + 1, kc->npara ? kc->paras[0].text : "",
		        nhead ? "" : "; the table has no header");
	}

	int name_col, desc_col;
	rec_assign_roles(doc, t, ci, (unsigned)key_col, diags, &name_col, &desc_col);
	plan = (rec_plan){.kind = DD_KIND_STATUS, .nhead = nhead, .end = end,
	                  .col = {key_col, name_col, desc_col, -1, -1}, .extra_cols = extra_cols};
	for (unsigned c = 0; c < nc; c++)
		if (ci[c].role == R_NONE)
			extra_cols[plan.nextra++] = c;
	rec_emit(doc, ti, service, rs, diags, &plan, ci);
	made = 1;
done:
	free(ci);
	free(extra_cols);
	return made;
}

unsigned dd_records_extract_kinds(dd_doc *doc, const char *service, unsigned kinds,
                                  dd_records *rs, dd_diag_sink *diags)
{
	unsigned found = 0;
	for (unsigned ti = 0; ti < doc->ntables; ti++) {
		size_t n0 = rs->n;
		if (!table_records(doc, ti, service, rs, diags))
			continue;
		dd_kind k = rs->n > n0 ? rs->v[n0].kind : DD_KIND_STATUS;
		if (kinds && !(kinds & (1u << k))) {
			rs->n = n0; /* its strings stay in the arena until rs is freed */
			skip_note(doc, ti, diags, "is %s table, which --kind %s leaves out",
			          k == DD_KIND_ERROR ? "an error-code" : "a status-code",
			          dd_kind_name(k == DD_KIND_ERROR ? DD_KIND_STATUS : DD_KIND_ERROR));
			continue;
		}
		found++;
	}
	return found;
}

unsigned dd_records_extract(dd_doc *doc, const char *service, dd_records *rs,
                            dd_diag_sink *diags)
{
	return dd_records_extract_kinds(doc, service, 0, rs, diags);
}
