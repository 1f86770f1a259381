/* records.c - status-code records from format-neutral tables.
 *
 * For each table: find the key column by content (the column whose cells
 * are mostly status codes), then give the other columns roles by header,
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

#include <utf8proc.h>

/* A table needs at least this share of code-like key cells (percent) among
 * its non-empty ones to count as a status-code table. */
#define DD_KEY_SHARE_MIN 50
/* Non-code cells after a key column's last code that do not count against
 * its share (page text after a short table: "Feedback", "Was this page
 * helpful?", "| Yes | No |"). */
#define DD_KEY_TRAIL_MAX 8

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

/* ---- records ---- */

/* s[0, n) in NFC, copied into the arena, its length in *len. Display text
 * is NFC ("e" + U+0301 becomes "é"); text that is all ASCII, most of it, is
 * NFC already and is copied without a call into utf8proc. */
static char *nfc_dup(dd_arena *a, const char *s, size_t n, size_t *len)
{
	size_t i = 0;
	while (i < n && !((unsigned char)s[i] & 0x80))
		i++;
	*len = n;
	if (i == n)
		return dd_arena_strndup(a, s, n);
	utf8proc_uint8_t *out = NULL;
	utf8proc_ssize_t k = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &out,
	                                  UTF8PROC_STABLE | UTF8PROC_COMPOSE);
	if (k < 0) /* cannot happen on the validated UTF-8 parsers give; keep the text */
		return dd_arena_strndup(a, s, n);
	char *r = dd_arena_strndup(a, (const char *)out, (size_t)k);
	free(out);
	*len = (size_t)k;
	return r;
}

static const char *nfc_str(dd_arena *a, const char *s)
{
	size_t len;
	return nfc_dup(a, s, strlen(s), &len);
}

static dd_para *copy_paras(dd_arena *a, const dd_para *p, unsigned n)
{
	if (!n)
		return NULL;
	dd_para *q = dd_arena_alloc(a, n * sizeof *q);
	for (unsigned i = 0; i < n; i++) {
		q[i].text = nfc_dup(a, p[i].text, p[i].len, &q[i].len);
		q[i].off = p[i].off;
	}
	return q;
}

/* Appends paragraphs to an arena array with capacity *cap: continuation rows
 * add to a record in amortised O(1), however many there are. */
static dd_para *append_paras(dd_arena *a, dd_para *arr, unsigned *n, size_t *cap,
                             const dd_para *p, unsigned k)
{
	if (!k)
		return arr;
	arr = dd_arena_grow(a, arr, sizeof *arr, *n, cap, (size_t)*n + k);
	for (unsigned i = 0; i < k; i++) {
		arr[*n + i].text = nfc_dup(a, p[i].text, p[i].len, &arr[*n + i].len);
		arr[*n + i].off = p[i].off;
	}
	*n += k;
	return arr;
}

/* Slots 0-999 for numeric codes, 1000 + class for "4xx". */
#define DD_KEY_SLOTS 1010

static unsigned key_slot(const char *key)
{
	if (key[1] == 'x')
		return 1000u + (unsigned)(key[0] - '0');
	return (unsigned)(key[0] - '0') * 100u + (unsigned)(key[1] - '0') * 10u + (unsigned)(key[2] - '0');
}

/* The paragraphs joined by spaces, in NFC. */
static const char *join_paras(dd_arena *a, const dd_para *p, unsigned n)
{
	size_t nlen;
	if (n == 0)
		return "";
	if (n == 1)
		return nfc_dup(a, p[0].text, p[0].len, &nlen);
	size_t len = 0;
	for (unsigned i = 0; i < n; i++)
		len += p[i].len + 1;
	char *s = dd_xmalloc(len);
	size_t k = 0;
	for (unsigned i = 0; i < n; i++) {
		if (i)
			s[k++] = ' ';
		memcpy(s + k, p[i].text, p[i].len);
		k += p[i].len;
	}
	const char *r = nfc_dup(a, s, k, &nlen);
	free(s);
	return r;
}

static dd_record *push_record(dd_records *rs)
{
	DD_GROW(rs->v, rs->n, rs->cap);
	dd_record *r = &rs->v[rs->n++];
	memset(r, 0, sizeof *r);
	return r;
}

/* The record continuation rows add to. The name's pieces collect in a
 * buffer and are written once, when the record is closed. */
typedef struct open_rec {
	dd_record *rec;      /* NULL: none open; valid until the next push_record */
	size_t desc_cap;
	size_t *extra_cap;   /* one per extra column */
	dd_buf name;         /* non-empty once a continuation row changed the name */
	size_t last_piece;   /* offset in name of the last piece appended */
} open_rec;

static void close_record(dd_arena *a, open_rec *o)
{
	if (o->rec && o->name.len)
		o->rec->name = dd_arena_strndup(a, o->name.ptr, o->name.len);
	dd_buf_reset(&o->name);
	o->rec = NULL;
}

static void open_record(open_rec *o, dd_record *rec)
{
	o->rec = rec;
	o->desc_cap = rec->ndesc;
	for (unsigned i = 0; i < rec->nextra; i++)
		o->extra_cap[i] = rec->extra[i].npara;
}

/* Continuation row (empty or row-spanned key): its text belongs to the record above. */
static void continue_record(dd_arena *a, open_rec *o, const dd_table *t, unsigned r, int name_col,
                            int desc_col, const unsigned *extra_cols)
{
	dd_record *prev = o->rec;
	if (desc_col >= 0) {
		const dd_cell *d = rec_origin_cell(t, r, (unsigned)desc_col);
		if (d)
			prev->desc = append_paras(a, prev->desc, &prev->ndesc, &o->desc_cap, d->paras,
			                          d->npara);
	}
	if (name_col >= 0) {
		const dd_cell *nm = rec_origin_cell(t, r, (unsigned)name_col);
		if (nm && nm->npara) {
			const char *more = join_paras(a, nm->paras, nm->npara);
			if (!o->name.len && *prev->name)
				dd_buf_puts(&o->name, prev->name);
			if (!o->name.len) {
				dd_buf_puts(&o->name, more);
			} else if (strcmp(o->name.ptr + o->last_piece, more) != 0) {
				dd_buf_puts(&o->name, " / ");
				o->last_piece = o->name.len;
				dd_buf_puts(&o->name, more);
			}
		}
	}
	for (unsigned i = 0; i < prev->nextra; i++) {
		const dd_cell *x = rec_origin_cell(t, r, extra_cols[i]);
		if (x)
			prev->extra[i].paras = append_paras(a, prev->extra[i].paras, &prev->extra[i].npara,
			                                    &o->extra_cap[i], x->paras, x->npara);
	}
}

/* 1 when row r has text of its own (not only cells covered by a span). */
static int row_has_text(const dd_table *t, unsigned r)
{
	for (unsigned c = 0; c < t->ncols; c++) {
		const dd_cell *cell = rec_origin_cell(t, r, c);
		if (cell && cell->npara)
			return 1;
	}
	return 0;
}

/* A row skipped as not a status code and the continuation rows after it,
 * which are skipped with it. */
typedef struct skipped_run {
	unsigned row;        /* 1 + the skipped row, 0 when none is open */
	const char *key;     /* its key cell's text */
	unsigned first, n;   /* the continuation rows with text: first, how many */
} skipped_run;

/* Says which continuation rows went with the skipped row (DD-402), and
 * closes the run. */
static void skipped_flush(dd_doc *doc, const dd_table *t, dd_diag_sink *diags, skipped_run *sk)
{
	if (sk->row && sk->n == 1)
		dd_diag(diags, doc->src, t->rows[sk->first].off, DD_WARNING, DD_W_BAD_KEY,
		        "row %u continues row %u, skipped above ('%s' is not a status code); "
		        "skipped with it, not added to the record before it",
		        sk->first + 1, sk->row, sk->key);
	else if (sk->row && sk->n > 1)
		dd_diag(diags, doc->src, t->rows[sk->first].off, DD_WARNING, DD_W_BAD_KEY,
		        "%u rows from row %u on continue row %u, skipped above ('%s' is not a status "
		        "code); skipped with it, not added to the record before it",
		        sk->n, sk->first + 1, sk->row, sk->key);
	memset(sk, 0, sizeof *sk);
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

static const dd_cell no_cell; /* an empty cell: a role whose cell holds another role's text */

/* 1 when p is a short label: at most DD_NAME_MAX_WORDS words, not a sentence. */
static int short_label(const dd_para *p, unsigned n)
{
	return n == 1 && rec_count_words(p->text) <= DD_NAME_MAX_WORDS &&
	       !(p->len && p->text[p->len - 1] == '.');
}

/* One cell across two role columns gives its text to one role. A key cell
 * spanning into the name or description column ("| 404 (two columns) |
 * Not Found. |") is the key's. A cell spanning the name and description
 * columns is the name when it is a short label, else the description, with
 * a DD-406 note. *ncell, *dcell (NULL when the table has no such column)
 * become no_cell for a role that gets nothing. */
static void role_cells(dd_doc *doc, dd_diag_sink *diags, const dd_cell *kc,
                       const dd_cell **ncell, const dd_cell **dcell, int name_col, int desc_col)
{
	if (*ncell && (*ncell)->npara && (*ncell)->paras == kc->paras)
		*ncell = &no_cell;
	if (*dcell && (*dcell)->npara && (*dcell)->paras == kc->paras)
		*dcell = &no_cell;
	if (!*ncell || !*dcell || !(*ncell)->npara || (*ncell)->paras != (*dcell)->paras)
		return;
	int as_name = short_label((*ncell)->paras, (*ncell)->npara);
	dd_diag(diags, doc->src, (*ncell)->paras[0].off, DD_NOTE, DD_N_SPAN_ROLES,
	        "this cell spans the name and description columns (%d and %d); its text is "
	        "read once, as the %s",
	        name_col + 1, desc_col + 1,
	        as_name ? "name (a short label)" : "description (longer than a label)");
	if (as_name)
		*dcell = &no_cell;
	else
		*ncell = &no_cell;
}

/* The record's name: the name cell, or the text the key cell holds after the
 * code ("200 OK", or "200" ¶ "OK") when there is no name column or its cell
 * is empty. When both hold different text, both are kept, "Name / key text",
 * with a DD-407 warning. */
static const char *record_name(dd_doc *doc, dd_arena *a, dd_diag_sink *diags, const dd_para *kp,
                               const char *inline_name, const dd_cell *kc, const dd_cell *ncell,
                               int name_col)
{
	const char *ktext = NULL;
	if (inline_name && kc->npara > 1) {
		dd_buf b = DD_BUF_INIT;
		dd_buf_puts(&b, inline_name);
		dd_buf_putc(&b, ' ');
		dd_buf_puts(&b, join_paras(a, kc->paras + 1, kc->npara - 1));
		size_t len;
		ktext = nfc_dup(a, b.ptr, b.len, &len);
		dd_buf_free(&b);
	} else if (inline_name) {
		ktext = nfc_str(a, inline_name);
	} else if (kc->npara > 1) {
		ktext = join_paras(a, kc->paras + 1, kc->npara - 1); /* "200" ¶ "OK" */
	}
	const char *cname = ncell ? join_paras(a, ncell->paras, ncell->npara) : NULL;
	if (!cname)
		cname = "";
	if (!ktext)
		return cname;
	if (!*cname || strcasecmp(cname, ktext) == 0)
		return *cname ? cname : ktext;
	dd_diag(diags, doc->src, kp->off, DD_WARNING, DD_W_KEY_TEXT,
	        "the status code's cell holds '%s' after the code, and the name column (column "
	        "%d) says '%s'; both are kept, as the name '%s / %s'",
	        ktext, name_col + 1, cname, cname, ktext);
	size_t n1 = strlen(cname), n2 = strlen(ktext);
	char *both = dd_arena_alloc(a, n1 + 3 + n2 + 1);
	memcpy(both, cname, n1);
	memcpy(both + n1, " / ", 3);
	memcpy(both + n1 + 3, ktext, n2 + 1);
	return both;
}

/* The table's column widths (copied into a), when its columns are in the
 * order a merge writes them: key, name, description, the others. */
static void meta_widths(dd_arena *a, const dd_table *t, dd_table_meta *m, int key, int name,
                        int desc, unsigned nextra, const unsigned *extra_cols)
{
	if (!t->colw)
		return;
	int order[3] = {key, name, desc}, next = 0;
	for (int k = 0; k < 3; k++)
		if (order[k] >= 0 && order[k] != next++)
			return;
	for (unsigned i = 0; i < nextra; i++)
		if (extra_cols[i] != (unsigned)next++)
			return;
	unsigned *w = dd_arena_alloc(a, t->ncols * sizeof *w);
	memcpy(w, t->colw, t->ncols * sizeof *w);
	m->colw = w;
	m->ncolw = t->ncols;
	m->colgap = t->colgap;
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
	/* Tables of API error codes carry a status code per row too, repeated
	 * ("400 | VPC.1801", "400 | VPC.0007"); they are keyed by the error code and
	 * are not status-code tables. A column headed "Error Code" that holds the
	 * status codes, or sentences ("Error Code Description"), is no such key. */
	for (unsigned c = 0; c < nc; c++)
		if ((int)c != key_col && strcasestr(ci[c].header, "error code") &&
		    !strcasestr(ci[c].header, "status") && ci[c].idents * 2 > ci[c].filled) {
			skip_note(doc, ti, diags,
			          "is an error-code table (keyed by '%s' in column %u, e.g. '%s'; its "
			          "status codes, in column %d, are not its keys)",
			          ci[c].header, c + 1, ci[c].ident_eg, key_col + 1);
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
	unsigned nextra = 0;
	for (unsigned c = 0; c < nc; c++)
		if (ci[c].role == R_NONE)
			extra_cols[nextra++] = c;

	dd_arena *a = rs->arena;
	const char *page = doc->page ? dd_arena_strdup(a, doc->page) : NULL;
	const char *svc = service ? dd_arena_strdup(a, service) : dd_service_from_page(a, doc->page);
	const char *file = dd_arena_strdup(a, doc->src->name);
	const char *caption = t->caption ? nfc_str(a, t->caption) : NULL;
	dd_table_meta *meta = dd_arena_alloc(a, sizeof *meta);
	meta->caption_markup = t->caption_markup ? nfc_str(a, t->caption_markup) : NULL;
	const int role_col[3] = {key_col, name_col, desc_col};
	for (int k = 0; k < 3; k++)
		if (role_col[k] >= 0 && ci[role_col[k]].header[0])
			meta->head[k] = nfc_str(a, ci[role_col[k]].header);
	unsigned seen[DD_KEY_SLOTS] = {0}; /* line of each code's first row: no pairwise scan */
	unsigned times[DD_KEY_SLOTS] = {0}; /* rows of each code */
	size_t again[DD_KEY_SLOTS];         /* offset of each code's second row */
	unsigned short dups[DD_KEY_SLOTS];  /* the codes seen twice, in order of their second row */
	unsigned ndup = 0;
	open_rec o = {NULL, 0, dd_xcalloc(nextra, sizeof(size_t)), DD_BUF_INIT, 0};

	skipped_run sk = {0, NULL, 0, 0};
	for (unsigned r = nhead; r < end; r++) {
		if (rec_is_section_row(t, r)) {
			skipped_flush(doc, t, diags, &sk);
			continue;
		}
		const dd_cell *kc = rec_origin_cell(t, r, (unsigned)key_col);
		if (!kc || kc->npara == 0) {
			if (sk.row) { /* continues a skipped row: goes with it */
				if (row_has_text(t, r) && !sk.n++)
					sk.first = r;
			} else if (o.rec) {
				continue_record(a, &o, t, r, name_col, desc_col, extra_cols);
			} else {
				dd_diag(diags, doc->src, t->rows[r].off, DD_WARNING, DD_W_BAD_KEY,
				        "row %u has no status code and no row above it to continue; "
				        "expected a code like 404 in column %d; row skipped",
				        r + 1, key_col + 1);
			}
			continue;
		}
		const dd_para *kp = &kc->paras[0];
		const char *inline_name = NULL;
		if (!dd_key_parse(kp->text, kp->len, key)) {
			size_t at = rec_key_name_split(kp->text, kp->len, key);
			if (!at) {
				dd_diag(diags, doc->src, kp->off, DD_WARNING, DD_W_BAD_KEY,
				        "'%s' in column %d is not a status code; expected a code like 404 "
				        "or 4xx; row skipped",
				        kp->text, key_col + 1);
				/* rows continuing it are its own, not the record above's */
				close_record(a, &o);
				skipped_flush(doc, t, diags, &sk);
				sk.row = r + 1;
				sk.key = kp->text;
				continue;
			}
			inline_name = kp->text + at;
		}
		skipped_flush(doc, t, diags, &sk);
		close_record(a, &o);
		dd_record *rec = push_record(rs);
		rec->key = dd_arena_strdup(a, key);
		/* A row-spanned name or description cell mirrors its origin. */
		const dd_cell *ncell = name_col >= 0 ? &t->rows[r].cells[name_col] : NULL;
		const dd_cell *dcell = desc_col >= 0 ? &t->rows[r].cells[desc_col] : NULL;
		const dd_cell *raw_n = ncell, *raw_d = dcell;
		role_cells(doc, diags, kc, &ncell, &dcell, name_col, desc_col);
		rec->name = record_name(doc, a, diags, kp, inline_name, kc, ncell, name_col);
		rec->has_name = inline_name || name_col >= 0 || kc->npara > 1;
		rec->has_desc = desc_col >= 0;
		if (dcell) {
			rec->desc = copy_paras(a, dcell->paras, dcell->npara);
			rec->ndesc = dcell->npara;
		}
		if (nextra) {
			rec->extra = dd_arena_alloc(a, nextra * sizeof *rec->extra);
			rec->nextra = nextra;
			for (unsigned i = 0; i < nextra; i++) {
				const dd_cell *x = &t->rows[r].cells[extra_cols[i]];
				/* a key, name or description cell spanning into it is theirs */
				if ((x->flags & DD_CELL_COVERED) && x->npara &&
				    (x->paras == kc->paras || (raw_n && x->paras == raw_n->paras) ||
				     (raw_d && x->paras == raw_d->paras)))
					x = &no_cell;
				rec->extra[i].header = nfc_str(a, ci[extra_cols[i]].header);
				rec->extra[i].paras = copy_paras(a, x->paras, x->npara);
				rec->extra[i].npara = x->npara;
			}
		}
		rec->service = svc;
		rec->page = page;
		rec->file = file;
		rec->format = t->format;
		rec->off = kp->off;
		dd_source_pos(doc->src, kp->off, &rec->line, &rec->column);
		rec->table = ti;
		rec->caption = caption;
		rec->meta = meta;
		if (inline_name && name_col < 0)
			meta->joined = 1;
		if (!meta->colw)
			meta_widths(a, t, meta, key_col, name_col, desc_col, nextra, extra_cols);
		unsigned slot = key_slot(key);
		if (!seen[slot])
			seen[slot] = rec->line;
		else if (times[slot] == 1) {
			again[slot] = kp->off;
			dups[ndup++] = (unsigned short)slot;
		}
		times[slot]++;
		open_record(&o, rec);
	}
	skipped_flush(doc, t, diags, &sk);
	/* once per code, however often it repeats: a table of 250 copies of a
	 * row gives one warning, not 249 */
	for (unsigned i = 0; i < ndup; i++) {
		unsigned sl = dups[i];
		char k[8];
		if (sl >= 1000)
			snprintf(k, sizeof k, "%ux", sl - 1000);
		else
			snprintf(k, sizeof k, "%03u", sl);
		char n[32];
		if (times[sl] == 2)
			snprintf(n, sizeof n, "twice");
		else
			snprintf(n, sizeof n, "%u times", times[sl]);
		dd_diag(diags, doc->src, again[sl], DD_WARNING, DD_W_DUP_KEY,
		        "status code %s appears %s in this table (first at line %u); extract lists "
		        "every row, diff and merge use the first",
		        k, n, seen[sl]);
	}
	close_record(a, &o);
	dd_buf_free(&o.name);
	free(o.extra_cap);
	made = 1;
done:
	free(ci);
	free(extra_cols);
	return made;
}

unsigned dd_records_extract(dd_doc *doc, const char *service, dd_records *rs,
                            dd_diag_sink *diags)
{
	unsigned found = 0;
	for (unsigned ti = 0; ti < doc->ntables; ti++)
		found += table_records(doc, ti, service, rs, diags);
	return found;
}
