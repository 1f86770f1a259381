/* rows.c - the records of one table whose key column and roles are known
 * (records.c and errors.c decide them): one record per key, continuation
 * rows folded into the record above, skipped rows said as warnings
 * (DD-402), display text in NFC. The same for both kinds of table; only
 * what a key is differs (a status code, or an error code). */
#include "records_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

/* ---- text ---- */

/* s[0, n) in NFC, copied into the arena, its length in *len. Display text
 * is NFC ("e" + U+0301 becomes "é"); text that is all ASCII, most of it, is
 * NFC already and is copied without a call into utf8proc. */
char *rec_nfc_dup(dd_arena *a, const char *s, size_t n, size_t *len)
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

const char *rec_nfc_str(dd_arena *a, const char *s)
{
	size_t len;
	return rec_nfc_dup(a, s, strlen(s), &len);
}

static dd_para *copy_paras(dd_arena *a, const dd_para *p, unsigned n)
{
	if (!n)
		return NULL;
	dd_para *q = dd_arena_alloc(a, n * sizeof *q);
	for (unsigned i = 0; i < n; i++) {
		q[i].text = rec_nfc_dup(a, p[i].text, p[i].len, &q[i].len);
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
		arr[*n + i].text = rec_nfc_dup(a, p[i].text, p[i].len, &arr[*n + i].len);
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
		return rec_nfc_dup(a, p[0].text, p[0].len, &nlen);
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
	const char *r = rec_nfc_dup(a, s, k, &nlen);
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

/* ---- continuation rows ---- */

/* A one-line field continuation rows add pieces to ("Name / more"): the
 * pieces collect in a buffer, written once when the record is closed. */
typedef struct pieces {
	dd_buf b;            /* non-empty once a continuation row changed the field */
	size_t last;         /* offset in b of the last piece appended */
} pieces;

static void pieces_add(pieces *pc, const char *cur, const char *more)
{
	if (!pc->b.len && *cur)
		dd_buf_puts(&pc->b, cur);
	if (!pc->b.len) {
		dd_buf_puts(&pc->b, more);
	} else if (strcmp(pc->b.ptr + pc->last, more) != 0) {
		dd_buf_puts(&pc->b, " / ");
		pc->last = pc->b.len;
		dd_buf_puts(&pc->b, more);
	}
}

/* The record continuation rows add to. */
typedef struct open_rec {
	dd_record *rec;      /* NULL: none open; valid until the next push_record */
	size_t desc_cap, sol_cap;
	size_t *extra_cap;   /* one per extra column */
	pieces name, status;
} open_rec;

static void close_record(dd_arena *a, open_rec *o)
{
	if (o->rec && o->name.b.len)
		o->rec->name = dd_arena_strndup(a, o->name.b.ptr, o->name.b.len);
	if (o->rec && o->status.b.len)
		o->rec->status = dd_arena_strndup(a, o->status.b.ptr, o->status.b.len);
	dd_buf_reset(&o->name.b);
	dd_buf_reset(&o->status.b);
	o->name.last = o->status.last = 0;
	o->rec = NULL;
}

static void open_record(open_rec *o, dd_record *rec)
{
	o->rec = rec;
	o->desc_cap = rec->ndesc;
	o->sol_cap = rec->nsolution;
	for (unsigned i = 0; i < rec->nextra; i++)
		o->extra_cap[i] = rec->extra[i].npara;
}

/* Continuation row (empty or row-spanned key): its text belongs to the record above. */
static void continue_record(dd_arena *a, open_rec *o, const dd_table *t, unsigned r,
                            const rec_plan *p)
{
	dd_record *prev = o->rec;
	const dd_cell *c;
	if (p->col[DD_ROLE_DESC] >= 0 && (c = rec_origin_cell(t, r, (unsigned)p->col[DD_ROLE_DESC])))
		prev->desc = append_paras(a, prev->desc, &prev->ndesc, &o->desc_cap, c->paras, c->npara);
	if (p->col[DD_ROLE_SOLUTION] >= 0 &&
	    (c = rec_origin_cell(t, r, (unsigned)p->col[DD_ROLE_SOLUTION])))
		prev->solution = append_paras(a, prev->solution, &prev->nsolution, &o->sol_cap, c->paras,
		                              c->npara);
	if (p->col[DD_ROLE_NAME] >= 0 && (c = rec_origin_cell(t, r, (unsigned)p->col[DD_ROLE_NAME])) &&
	    c->npara)
		pieces_add(&o->name, prev->name, join_paras(a, c->paras, c->npara));
	if (p->col[DD_ROLE_STATUS] >= 0 &&
	    (c = rec_origin_cell(t, r, (unsigned)p->col[DD_ROLE_STATUS])) && c->npara)
		pieces_add(&o->status, prev->status, join_paras(a, c->paras, c->npara));
	for (unsigned i = 0; i < prev->nextra; i++) {
		const dd_cell *x = rec_origin_cell(t, r, p->extra_cols[i]);
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

/* A row skipped as not a key and the continuation rows after it, which are
 * skipped with it. */
typedef struct skipped_run {
	unsigned row;        /* 1 + the skipped row, 0 when none is open */
	const char *key;     /* its key cell's text */
	unsigned first, n;   /* the continuation rows with text: first, how many */
} skipped_run;

/* Says which continuation rows went with the skipped row (DD-402), and
 * closes the run. */
static void skipped_flush(dd_doc *doc, const dd_table *t, dd_diag_sink *diags, skipped_run *sk,
                          dd_kind kind)
{
	if (sk->row && sk->n == 1)
		dd_diag(diags, doc->src, t->rows[sk->first].off, DD_WARNING, DD_W_BAD_KEY,
		        "row %u continues row %u, skipped above ('%s' is not a%s %s); "
		        "skipped with it, not added to the record before it",
		        sk->first + 1, sk->row, sk->key, kind == DD_KIND_ERROR ? "n" : "",
		        dd_kind_noun(kind));
	else if (sk->row && sk->n > 1)
		dd_diag(diags, doc->src, t->rows[sk->first].off, DD_WARNING, DD_W_BAD_KEY,
		        "%u rows from row %u on continue row %u, skipped above ('%s' is not a%s %s); "
		        "skipped with it, not added to the record before it",
		        sk->n, sk->first + 1, sk->row, sk->key, kind == DD_KIND_ERROR ? "n" : "",
		        dd_kind_noun(kind));
	memset(sk, 0, sizeof *sk);
}

/* ---- one row's cells ---- */

static const dd_cell no_cell; /* an empty cell: a role whose cell holds another role's text */

/* 1 when p is a short label: at most DD_NAME_MAX_WORDS words, not a sentence. */
static int short_label(const dd_para *p, unsigned n)
{
	return n == 1 && rec_count_words(p->text) <= DD_NAME_MAX_WORDS &&
	       !(p->len && p->text[p->len - 1] == '.');
}

/* One cell across several role columns gives its text to one role. A key
 * cell spanning into another role's column ("| 404 (two columns) | Not
 * Found. |") is the key's. A cell spanning the name and description
 * columns is the name when it is a short label, else the description, with
 * a DD-406 note; one spanning into the status or solution column is the
 * first of them's. cell[role] (NULL when the table has no such column)
 * becomes no_cell for a role that gets nothing. */
static void role_cells(dd_doc *doc, dd_diag_sink *diags, const dd_cell *kc,
                       const dd_cell **cell, const rec_plan *p)
{
	for (int k = DD_ROLE_NAME; k < DD_NROLES; k++)
		if (cell[k] && cell[k]->npara && cell[k]->paras == kc->paras)
			cell[k] = &no_cell;
	const dd_cell **n = &cell[DD_ROLE_NAME], **d = &cell[DD_ROLE_DESC];
	for (int k = DD_ROLE_STATUS; k < DD_NROLES; k++)
		for (int j = DD_ROLE_NAME; j < k; j++)
			if (cell[k] && cell[j] && cell[k]->npara && cell[k]->paras == cell[j]->paras)
				cell[k] = &no_cell;
	if (!*n || !*d || !(*n)->npara || (*n)->paras != (*d)->paras)
		return;
	int as_name = short_label((*n)->paras, (*n)->npara);
	dd_diag(diags, doc->src, (*n)->paras[0].off, DD_NOTE, DD_N_SPAN_ROLES,
	        "this cell spans the name and description columns (%d and %d); its text is "
	        "read once, as the %s",
	        p->col[DD_ROLE_NAME] + 1, p->col[DD_ROLE_DESC] + 1,
	        as_name ? "name (a short label)" : "description (longer than a label)");
	if (as_name)
		*d = &no_cell;
	else
		*n = &no_cell;
}

/* The record's name: the name cell, or the text the key cell holds after the
 * code ("200 OK", or "200" ¶ "OK") when there is no name column or its cell
 * is empty. When both hold different text, both are kept, "Name / key text",
 * with a DD-407 warning. */
static const char *record_name(dd_doc *doc, dd_arena *a, dd_diag_sink *diags, const dd_para *kp,
                               const char *inline_name, const dd_cell *kc, const dd_cell *ncell,
                               const rec_plan *p)
{
	const char *ktext = NULL;
	if (inline_name && kc->npara > 1) {
		dd_buf b = DD_BUF_INIT;
		dd_buf_puts(&b, inline_name);
		dd_buf_putc(&b, ' ');
		dd_buf_puts(&b, join_paras(a, kc->paras + 1, kc->npara - 1));
		size_t len;
		ktext = rec_nfc_dup(a, b.ptr, b.len, &len);
		dd_buf_free(&b);
	} else if (inline_name) {
		ktext = rec_nfc_str(a, inline_name);
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
	        "the %s's cell holds '%s' after the code, and the name column (column "
	        "%d) says '%s'; both are kept, as the name '%s / %s'",
	        dd_kind_noun(p->kind), ktext, p->col[DD_ROLE_NAME] + 1, cname, cname, ktext);
	size_t n1 = strlen(cname), n2 = strlen(ktext);
	char *both = dd_arena_alloc(a, n1 + 3 + n2 + 1);
	memcpy(both, cname, n1);
	memcpy(both + n1, " / ", 3);
	memcpy(both + n1 + 3, ktext, n2 + 1);
	return both;
}

/* The table's column widths (copied into a), when its columns are in the
 * order a merge writes them (dd_role_order(), then the others). */
static void meta_widths(dd_arena *a, const dd_table *t, dd_table_meta *m, const rec_plan *p)
{
	if (!t->colw)
		return;
	unsigned nr;
	const int *order = dd_role_order(p->kind, &nr);
	int next = 0;
	for (unsigned k = 0; k < nr; k++)
		if (p->col[order[k]] >= 0 && p->col[order[k]] != next++)
			return;
	for (unsigned i = 0; i < p->nextra; i++)
		if (p->extra_cols[i] != (unsigned)next++)
			return;
	unsigned *w = dd_arena_alloc(a, t->ncols * sizeof *w);
	memcpy(w, t->colw, t->ncols * sizeof *w);
	m->colw = w;
	m->ncolw = t->ncols;
	m->colgap = t->colgap;
}

/* The key of row key cell kp: a status code (*inline_name: the text after
 * it, "200 OK"), or an error code; NULL when the cell holds none. */
static const char *row_key(dd_arena *a, const dd_para *kp, const rec_plan *p, char key[4],
                           const char **inline_name)
{
	*inline_name = NULL;
	if (p->kind == DD_KIND_ERROR) {
		if (p->key_tokens && !rec_error_token(kp->text, kp->len))
			return NULL;
		size_t len;
		return rec_nfc_dup(a, kp->text, kp->len, &len);
	}
	if (dd_key_parse(kp->text, kp->len, key))
		return dd_arena_strdup(a, key);
	size_t at = rec_key_name_split(kp->text, kp->len, key);
	if (!at)
		return NULL;
	*inline_name = kp->text + at;
	return dd_arena_strdup(a, key);
}

/* 1 when row r has text in column key only: a heading inside the table. */
static int heading_row(const dd_table *t, unsigned r, unsigned key)
{
	for (unsigned c = 0; c < t->ncols; c++) {
		const dd_cell *cell = rec_origin_cell(t, r, c);
		if (c != key && cell && cell->npara)
			return 0;
	}
	return 1;
}

/* The cell of role k in row r (a row-spanned one mirrors its origin), or NULL. */
static const dd_cell *role_cell(const dd_table *t, unsigned r, const rec_plan *p, int k)
{
	return p->col[k] >= 0 ? &t->rows[r].cells[p->col[k]] : NULL;
}

void rec_emit(dd_doc *doc, unsigned ti, const char *service, dd_records *rs,
              dd_diag_sink *diags, const rec_plan *p, const colinfo *ci)
{
	const dd_table *t = &doc->tables[ti];
	dd_arena *a = rs->arena;
	int key_col = p->col[DD_ROLE_KEY];
	const char *page = doc->page ? dd_arena_strdup(a, doc->page) : NULL;
	const char *svc = service ? dd_arena_strdup(a, service) : dd_service_from_page(a, doc->page);
	const char *file = dd_arena_strdup(a, doc->src->name);
	const char *caption = t->caption ? rec_nfc_str(a, t->caption) : NULL;
	dd_table_meta *meta = dd_arena_alloc(a, sizeof *meta);
	meta->caption_markup = t->caption_markup ? rec_nfc_str(a, t->caption_markup) : NULL;
	for (int k = 0; k < DD_NROLES; k++)
		if (p->col[k] >= 0 && ci[p->col[k]].header[0])
			meta->head[k] = rec_nfc_str(a, ci[p->col[k]].header);
	unsigned *seen = NULL; /* line of each status code's first row: no pairwise scan */
	unsigned *times = NULL; /* rows of each status code */
	size_t *again = NULL;   /* offset of each status code's second row */
	unsigned short *dups = NULL; /* the codes seen twice, in order of their second row */
	unsigned ndup = 0;
	if (p->kind == DD_KIND_STATUS) {
		seen = dd_xcalloc(DD_KEY_SLOTS, sizeof *seen);
		times = dd_xcalloc(DD_KEY_SLOTS, sizeof *times);
		again = dd_xcalloc(DD_KEY_SLOTS, sizeof *again);
		dups = dd_xcalloc(DD_KEY_SLOTS, sizeof *dups);
	}
	open_rec o = {NULL, 0, 0, dd_xcalloc(p->nextra + 1, sizeof(size_t)), {DD_BUF_INIT, 0},
	              {DD_BUF_INIT, 0}};
	char key[4];
	skipped_run sk = {0, NULL, 0, 0};
	for (unsigned r = p->nhead; r < p->end; r++) {
		if (rec_is_section_row(t, r)) {
			skipped_flush(doc, t, diags, &sk, p->kind);
			continue;
		}
		const dd_cell *kc = rec_origin_cell(t, r, (unsigned)key_col);
		if (!kc || kc->npara == 0) {
			if (sk.row) { /* continues a skipped row: goes with it */
				if (row_has_text(t, r) && !sk.n++)
					sk.first = r;
			} else if (o.rec) {
				continue_record(a, &o, t, r, p);
			} else {
				dd_diag(diags, doc->src, t->rows[r].off, DD_WARNING, DD_W_BAD_KEY,
				        "row %u has no %s and no row above it to continue; "
				        "expected %s in column %d; row skipped",
				        r + 1, dd_kind_noun(p->kind),
				        p->kind == DD_KIND_ERROR ? "an error code" : "a code like 404",
				        key_col + 1);
			}
			continue;
		}
		const dd_para *kp = &kc->paras[0];
		const char *inline_name;
		const char *k = row_key(a, kp, p, key, &inline_name);
		if (!k && p->kind == DD_KIND_ERROR && heading_row(t, r, (unsigned)key_col)) {
			/* "**Teradata**" over the codes of one product: a heading */
			close_record(a, &o);
			skipped_flush(doc, t, diags, &sk, p->kind);
			continue;
		}
		if (!k) {
			if (p->kind == DD_KIND_ERROR)
				dd_diag(diags, doc->src, kp->off, DD_WARNING, DD_W_BAD_KEY,
				        "'%s' in column %d is not an error code like the others of the "
				        "column (such as '%s'); row skipped",
				        kp->text, key_col + 1, ci[key_col].ident_eg ? ci[key_col].ident_eg : "");
			else
				dd_diag(diags, doc->src, kp->off, DD_WARNING, DD_W_BAD_KEY,
				        "'%s' in column %d is not a status code; expected a code like 404 "
				        "or 4xx; row skipped",
				        kp->text, key_col + 1);
			/* rows continuing it are its own, not the record above's */
			close_record(a, &o);
			skipped_flush(doc, t, diags, &sk, p->kind);
			sk.row = r + 1;
			sk.key = kp->text;
			continue;
		}
		skipped_flush(doc, t, diags, &sk, p->kind);
		close_record(a, &o);
		dd_record *rec = push_record(rs);
		rec->key = k;
		rec->kind = p->kind;
		const dd_cell *cell[DD_NROLES], *raw[DD_NROLES];
		for (int j = 0; j < DD_NROLES; j++)
			cell[j] = raw[j] = j == DD_ROLE_KEY ? kc : role_cell(t, r, p, j);
		role_cells(doc, diags, kc, cell, p);
		rec->name = record_name(doc, a, diags, kp, inline_name, kc, cell[DD_ROLE_NAME], p);
		rec->has_name = inline_name || p->col[DD_ROLE_NAME] >= 0 || kc->npara > 1;
		rec->has_desc = p->col[DD_ROLE_DESC] >= 0;
		rec->has_status = p->col[DD_ROLE_STATUS] >= 0;
		rec->has_solution = p->col[DD_ROLE_SOLUTION] >= 0;
		if (cell[DD_ROLE_DESC]) {
			rec->desc = copy_paras(a, cell[DD_ROLE_DESC]->paras, cell[DD_ROLE_DESC]->npara);
			rec->ndesc = cell[DD_ROLE_DESC]->npara;
		}
		if (cell[DD_ROLE_SOLUTION]) {
			rec->solution = copy_paras(a, cell[DD_ROLE_SOLUTION]->paras,
			                           cell[DD_ROLE_SOLUTION]->npara);
			rec->nsolution = cell[DD_ROLE_SOLUTION]->npara;
		}
		rec->status = cell[DD_ROLE_STATUS]
		                  ? join_paras(a, cell[DD_ROLE_STATUS]->paras, cell[DD_ROLE_STATUS]->npara)
		                  : "";
		if (p->nextra) {
			rec->extra = dd_arena_alloc(a, p->nextra * sizeof *rec->extra);
			rec->nextra = p->nextra;
			for (unsigned i = 0; i < p->nextra; i++) {
				const dd_cell *x = &t->rows[r].cells[p->extra_cols[i]];
				/* a role's cell spanning into it is that role's */
				for (int j = 0; j < DD_NROLES; j++)
					if ((x->flags & DD_CELL_COVERED) && x->npara && raw[j] &&
					    x->paras == raw[j]->paras)
						x = &no_cell;
				rec->extra[i].header = rec_nfc_str(a, ci[p->extra_cols[i]].header);
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
		if (inline_name && p->col[DD_ROLE_NAME] < 0)
			meta->joined = 1;
		if (!meta->colw)
			meta_widths(a, t, meta, p);
		/* error codes repeat in one table by design (a generic VPC.1801 with
		 * several messages); a status code twice is worth a warning */
		if (seen) {
			unsigned slot = key_slot(key);
			if (!seen[slot])
				seen[slot] = rec->line;
			else if (times[slot] == 1) {
				again[slot] = kp->off;
				dups[ndup++] = (unsigned short)slot;
			}
			times[slot]++;
		}
		open_record(&o, rec);
	}
	skipped_flush(doc, t, diags, &sk, p->kind);
	close_record(a, &o);
	/* once per code, however often it repeats: a table of 250 copies of a
	 * row gives one warning, not 249 */
	for (unsigned i = 0; i < ndup; i++) {
		unsigned sl = dups[i];
		char k[8], n[32];
		if (sl >= 1000)
			snprintf(k, sizeof k, "%ux", sl - 1000);
		else
			snprintf(k, sizeof k, "%03u", sl);
		if (times[sl] == 2)
			snprintf(n, sizeof n, "twice");
		else
			snprintf(n, sizeof n, "%u times", times[sl]);
		dd_diag(diags, doc->src, again[sl], DD_WARNING, DD_W_DUP_KEY,
		        "status code %s appears %s in this table (first at line %u); extract lists "
		        "every row, diff and merge use the first",
		        k, n, seen[sl]);
	}
	dd_buf_free(&o.name.b);
	dd_buf_free(&o.status.b);
	free(o.extra_cap);
	free(seen);
	free(times);
	free(again);
	free(dups);
}
