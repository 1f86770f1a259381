/* rst_csv.c - docutils' ".. csv-table::".
 *
 * Grammar (docutils' CSVTable, with the block cut by rst_dir.c):
 *
 *   csv-table = ".. csv-table::" [ TITLE ] { OPTION } [ BLANK CONTENT ]
 *   data      = the content's lines, or the lines of the :file: (read
 *               relative to the document; not with content), each line
 *               ending in a newline, read as Python's csv module reads them
 *               with docutils' dialect: fields split at :delim: (default
 *               ",", "tab", "space" or one character), quoted with :quote:
 *               (default '"'; a quote inside doubled, or escaped with
 *               :escape: when it is given), spaces after a delimiter
 *               dropped (kept with :keepspace:), strict (a quoted field
 *               ends at a delimiter or the line's end; one left open at the
 *               end is an error); a blank line is a row of empty cells
 *   header    = :header: "a", "b" (one row per line of the value: ","
 *               between fields, '"' quotes, "\" escapes) above the data's
 *               own :header-rows: N
 *   cell      = the field's text as RST (rst_cell.c): paragraphs, inline
 *               markup; a row shorter than the longest gets empty cells
 *   options   = as above, and :stub-columns:, :widths:, :width:, :class:,
 *               :name:, :align:, :encoding: (UTF-8 only is read), :url:
 *
 * A :file: that cannot be read, and a :url: (never fetched), are DD-132
 * warnings and the table is not read; malformed data is a DD-131 error at
 * the character docutils stops at. A cell's paragraphs point at the bytes
 * they come from (after the opening quote); the cells of a :file: table
 * point at the :file: option's value. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "rst_internal.h"

/* Python's csv field_size_limit() default: a longer field is an error. */
#define DD_CSV_FIELD_MAX 131072u

static const char *const csv_options[] = {
	"header-rows", "stub-columns", "header", "width", "widths", "file", "url", "encoding",
	"class", "name", "align", "delim", "keepspace", "quote", "escape", NULL,
};

typedef struct dialect {
	uint32_t delim, quote, escape;   /* escape 0: none */
	int doublequote, skipspace;
} dialect;

/* Fields as bytes with the source offset of each byte. */
typedef struct field {
	size_t start, len;    /* in csv.txt / csv.map */
	size_t off;           /* where it starts in the source */
} field;

typedef struct csvrow {
	size_t first, n;      /* its fields */
	size_t off;
} csvrow;

typedef struct csvdata {
	dd_buf txt;
	size_t *map;
	size_t nmap, mapcap;
	field *f;
	size_t nf, fcap;
	csvrow *r;
	size_t nr, rcap;
} csvdata;

static void csv_free(csvdata *d)
{
	dd_buf_free(&d->txt);
	free(d->map);
	free(d->f);
	free(d->r);
}

/* One code point of s[0, n) into *cp; its length (1 for a bad byte). */
static size_t utf8_next(const char *s, size_t n, uint32_t *cp)
{
	unsigned char c = (unsigned char)s[0];
	size_t len = c < 0x80 ? 1 : c < 0xE0 ? 2 : c < 0xF0 ? 3 : 4;
	if (len > n || c < 0x80 || (c >= 0x80 && c < 0xC0)) {
		*cp = c;
		return 1;
	}
	uint32_t v = c & (0x3F >> (len - 1));
	for (size_t k = 1; k < len; k++)
		v = (v << 6) | ((unsigned char)s[k] & 0x3F);
	*cp = v;
	return len;
}

static void put_cp(csvdata *d, const char *s, size_t n, size_t off)
{
	dd_buf_put(&d->txt, s, n);
	for (size_t k = 0; k < n; k++) {
		DD_GROW(d->map, d->nmap, d->mapcap);
		d->map[d->nmap++] = off;
	}
}

enum { START_RECORD, START_FIELD, IN_FIELD, IN_QUOTED, ESCAPE, ESCAPE_QUOTED, QUOTE_IN_QUOTED,
       EAT_NL };

typedef struct reader {
	csvdata *d;
	const dialect *dl;
	int state;
	size_t field0, field_off, row0;
	int have_field;       /* a field has begun (its offset is set) */
} reader;

static void save_field(reader *rd)
{
	csvdata *d = rd->d;
	DD_GROW(d->f, d->nf, d->fcap);
	d->f[d->nf++] = (field){rd->field0, d->txt.len - rd->field0, rd->field_off};
	rd->field0 = d->txt.len;
	rd->have_field = 0;
}

static void end_record(reader *rd, size_t off)
{
	csvdata *d = rd->d;
	DD_GROW(d->r, d->nr, d->rcap);
	d->r[d->nr++] = (csvrow){rd->row0, d->nf - rd->row0,
	                         d->nf > rd->row0 ? d->f[rd->row0].off : off};
	rd->row0 = d->nf;
}

static void begin(reader *rd, size_t off)
{
	if (!rd->have_field) {
		rd->field_off = off;
		rd->have_field = 1;
	}
}

/* One character (cp, the bytes s[0, n) at source offset off; cp 0: the end
 * of a line). Returns NULL, or what docutils says is wrong. */
static const char *step(reader *rd, uint32_t cp, const char *s, size_t n, size_t off)
{
	const dialect *dl = rd->dl;
	csvdata *d = rd->d;
	int eol = cp == 0, nl = cp == '\n';
	switch (rd->state) {
	case START_RECORD:
		if (eol)
			return NULL;
		if (nl) {
			rd->state = EAT_NL;
			return NULL;
		}
		rd->state = START_FIELD;
		/* fall through */
	case START_FIELD:
		begin(rd, off);
		if (nl || eol) {
			save_field(rd);
			rd->state = eol ? START_RECORD : EAT_NL;
		} else if (cp == dl->quote) {
			rd->field_off = off + n;
			rd->state = IN_QUOTED;
		} else if (dl->escape && cp == dl->escape) {
			rd->state = ESCAPE;
		} else if (cp == ' ' && dl->skipspace) {
			rd->have_field = 0;
		} else if (cp == dl->delim) {
			save_field(rd);
		} else {
			put_cp(d, s, n, off);
			rd->state = IN_FIELD;
		}
		return NULL;
	case ESCAPE:
		put_cp(d, eol ? "\n" : s, eol ? 1 : n, off);
		rd->state = IN_FIELD;
		return NULL;
	case IN_FIELD:
		if (nl || eol) {
			save_field(rd);
			rd->state = eol ? START_RECORD : EAT_NL;
		} else if (dl->escape && cp == dl->escape) {
			rd->state = ESCAPE;
		} else if (cp == dl->delim) {
			save_field(rd);
			rd->state = START_FIELD;
		} else {
			put_cp(d, s, n, off);
		}
		return NULL;
	case IN_QUOTED:
		if (eol)
			return NULL;
		if (dl->escape && cp == dl->escape)
			rd->state = ESCAPE_QUOTED;
		else if (cp == dl->quote)
			rd->state = dl->doublequote ? QUOTE_IN_QUOTED : IN_FIELD;
		else
			put_cp(d, s, n, off);
		return NULL;
	case ESCAPE_QUOTED:
		put_cp(d, eol ? "\n" : s, eol ? 1 : n, off);
		rd->state = IN_QUOTED;
		return NULL;
	case QUOTE_IN_QUOTED:
		if (cp == dl->quote) {
			put_cp(d, s, n, off);
			rd->state = IN_QUOTED;
		} else if (cp == dl->delim) {
			save_field(rd);
			rd->state = START_FIELD;
		} else if (nl || eol) {
			save_field(rd);
			rd->state = eol ? START_RECORD : EAT_NL;
		} else {
			return "a character after a closing quote; expected the delimiter or the end "
			       "of the line (docutils: \"delimiter expected after quote\")";
		}
		return NULL;
	case EAT_NL:
		if (eol)
			rd->state = START_RECORD;
		if (!eol && !nl)
			return "text after the end of a line";
		if (eol)
			end_record(rd, off);
		return NULL;
	}
	return NULL;
}

/* The column of byte off on its line of the document (tabs to 8-column
 * stops, a character one column). */
static unsigned doc_col(const rst_ctx *x, size_t off)
{
	size_t p = off;
	while (p > 0 && x->text[p - 1] != '\n')
		p--;
	unsigned col = 0;
	for (; p < off; p++)
		if (x->text[p] == '\t')
			col = (col / DD_RST_TAB + 1) * DD_RST_TAB;
		else if (((unsigned char)x->text[p] & 0xC0) != 0x80)
			col++;
	return col;
}

/* Reads lines[0, n) (fixed != NPOS: every byte's offset is fixed; src: the
 * lines are a :file:'s) into d. In the document, a tab is the spaces to
 * the next 8-column stop, as docutils sees it (so a tab :delim: never
 * splits inline data). Returns 0, or -1 after a DD-131 error. */
static int read_csv(rst_ctx *x, const dd_source *src, const rst_seg *lines, size_t n,
                    const dialect *dl, size_t fixed, csvdata *d)
{
	const char *text = src ? src->text : x->text;
	reader rd = {d, dl, START_RECORD, d->txt.len, 0, d->nf, 0};
	for (size_t l = 0; l < n; l++) {
		const char *p = text + lines[l].off;
		size_t len = lines[l].len;
		for (size_t k = 0; k <= len + 1; ) {
			uint32_t cp;
			size_t m = 1;
			if (k < len)
				m = utf8_next(p + k, len - k, &cp);
			else
				cp = k == len ? '\n' : 0;
			size_t off = fixed != (size_t)-1 ? fixed : lines[l].off + (k < len ? k : len);
			const char *why = NULL;
			if (cp == '\t' && !src) {
				unsigned col = doc_col(x, lines[l].off + k);
				for (unsigned sp = DD_RST_TAB - col % DD_RST_TAB; sp > 0 && !why; sp--)
					why = step(&rd, ' ', " ", 1, off);
			} else {
				why = step(&rd, cp, k < len ? p + k : "\n", k <= len ? m : 0, off);
			}
			if (!why && d->txt.len - rd.field0 > DD_CSV_FIELD_MAX)
				why = "a field longer than Python's csv limit (131072 bytes)";
			if (why) {
				rst_err(x, fixed != (size_t)-1 ? fixed : off, DD_E_CSV_TABLE, "csv-table: %s",
				        why);
				return -1;
			}
			if (rd.state == START_RECORD && cp == 0 && d->nf > rd.row0)
				end_record(&rd, off);
			k += k < len ? m : 1;
		}
	}
	if (rd.state == IN_QUOTED || rd.state == ESCAPE_QUOTED ||
	    (rd.state != START_RECORD && d->txt.len > rd.field0)) {
		size_t at = fixed != (size_t)-1 ? fixed : rd.field_off;
		rst_err(x, at, DD_E_CSV_TABLE, "csv-table: a quoted field is not closed by the end of "
		        "the data (docutils: \"unexpected end of data\"); expected its closing quote");
		return -1;
	}
	return 0;
}

/* A single character option (":delim: ;", "tab", "space", "U+00A6"); 0 and
 * *cp, or -1 after an error. */
static int char_option(rst_ctx *x, const rst_dblock *b, const char *name, int ws, uint32_t *cp)
{
	const rst_opt *o = rst_dblock_opt(b, name);
	if (!o)
		return 0;
	const char *s = x->text + o->val[0].off;
	size_t n = o->val[0].len;
	if (ws && n == 3 && memcmp(s, "tab", 3) == 0) {
		*cp = '\t';
		return 0;
	}
	if (ws && n == 5 && memcmp(s, "space", 5) == 0) {
		*cp = ' ';
		return 0;
	}
	if (n > 2 && (s[0] == 'U' || s[0] == 'u') && s[1] == '+') {
		char *end;
		char buf[16];
		if (n < sizeof buf) {
			memcpy(buf, s + 2, n - 2);
			buf[n - 2] = '\0';
			unsigned long v = strtoul(buf, &end, 16);
			if (!*end && v && v < 0x110000) {
				*cp = (uint32_t)v;
				return 0;
			}
		}
	}
	if (n && utf8_next(s, n, cp) == n && o->nval == 1)
		return 0;
	rst_err(x, o->val[0].off, DD_E_CSV_TABLE, "csv-table: ':%s:' is '%.*s'; expected one "
	        "character%s", name, (int)n, s, ws ? ", tab or space" : "");
	return -1;
}

/* The lines of the :file: (its path relative to the document) into *src;
 * 0, or -1 after a DD-132 warning (the table is not read). */
static int load_file(rst_ctx *x, const rst_opt *o, dd_source *src)
{
	dd_buf path = DD_BUF_INIT;
	const char *doc = x->doc->src->name, *slash = strrchr(doc, '/');
	const char *f = x->text + o->val[0].off;
	int fn = (int)o->val[0].len;
	if (f[0] != '/' && slash && strcmp(doc, "<stdin>") != 0)
		dd_buf_put(&path, doc, (size_t)(slash - doc + 1));
	dd_buf_put(&path, f, (size_t)fn);
	FILE *fp = fopen(path.ptr, "rb");
	int rc = 0;
	if (!fp) {
		dd_diag(x->diags, x->doc->src, o->val[0].off, DD_WARNING, DD_W_CSV_FILE,
		        "csv-table :file: '%.*s' (%s) cannot be read: %s; the table is not read",
		        fn, f, path.ptr, strerror(errno));
		rc = -1;
	} else {
		fclose(fp);
		dd_diag_sink quiet;
		dd_diag_init(&quiet, NULL);
		if (dd_source_load(src, path.ptr, &quiet) < 0) {
			dd_diag(x->diags, x->doc->src, o->val[0].off, DD_WARNING, DD_W_CSV_FILE,
			        "csv-table :file: '%.*s' (%s) is not UTF-8 text; the table is not read",
			        fn, f, path.ptr);
			rc = -1;
		}
		dd_diag_free(&quiet);
	}
	dd_buf_free(&path);
	return rc;
}

/* The cell's paragraphs from field fl: its text read as RST, each
 * paragraph's offset the source offset of its first byte. */
static void fill_cell(rst_ctx *x, const csvdata *d, const field *fl, dd_cell *cell, size_t empty)
{
	const char *saved = x->text;
	size_t saved_len = x->len;
	x->text = d->txt.ptr ? d->txt.ptr : "";
	x->len = d->txt.len;
	x->nseg = 0;
	for (size_t a = fl->start, e = fl->start + fl->len; a <= e;) {
		const char *nl = memchr(x->text + a, '\n', e - a);
		size_t b = nl ? (size_t)(nl - x->text) : e;
		rst_seg_push(x, a, b - a);
		a = b + 1;
	}
	unsigned n0 = cell->npara;
	rst_cell_fill(x, cell, (size_t)-1);
	x->text = saved;
	x->len = saved_len;
	for (unsigned k = n0; k < cell->npara; k++)
		cell->paras[k].off = d->map[cell->paras[k].off];
	cell->off = cell->off == (size_t)-1 ? empty : d->map[cell->off];
}

void rst_csv_table(rst_ctx *x, const rst_dblock *b)
{
	static const char dir[] = "csv-table";
	long hr, sc;
	dialect dl = {',', '"', 0, 1, !rst_dblock_opt(b, "keepspace")};
	if (rst_dblock_table_opts(x, b, dir, DD_E_CSV_TABLE, csv_options, &hr, &sc) < 0 ||
	    char_option(x, b, "delim", 1, &dl.delim) < 0 ||
	    char_option(x, b, "quote", 0, &dl.quote) < 0 ||
	    char_option(x, b, "escape", 0, &dl.escape) < 0)
		return;
	if (dl.escape)
		dl.doublequote = 0;
	const rst_opt *file = rst_dblock_opt(b, "file"), *url = rst_dblock_opt(b, "url");
	if (b->ncontent && (file || url)) {
		rst_err(x, (file ? file : url)->off, DD_E_CSV_TABLE, "csv-table: :%s: and content; "
		        "expected one of them (docutils refuses both)", file ? "file" : "url");
		return;
	}
	if (file && url) {
		rst_err(x, url->off, DD_E_CSV_TABLE, "csv-table: :file: and :url:; expected one of them");
		return;
	}
	if (url) {
		dd_diag(x->diags, x->doc->src, url->val[0].off, DD_WARNING, DD_W_CSV_FILE,
		        "csv-table :url: is not fetched (docdrift reads no network); the table is not "
		        "read");
		return;
	}
	if (!b->ncontent && !file) {
		dd_diag(x->diags, x->doc->src, b->off, DD_WARNING, DD_W_CSV_FILE,
		        "csv-table has no data (no content, no :file:); the table is not read");
		return;
	}
	csvdata d;
	memset(&d, 0, sizeof d);
	dd_source src;
	memset(&src, 0, sizeof src);
	int have_src = 0;
	size_t nhead_rows = 0, fixed = (size_t)-1;
	const rst_opt *head = rst_dblock_opt(b, "header");
	static const dialect header_dl = {',', '"', '\\', 0, 1};
	if (head && read_csv(x, NULL, head->val, head->nval, &header_dl, (size_t)-1, &d) < 0)
		goto done;
	nhead_rows = d.nr;
	rst_seg *lines = b->content;
	size_t nlines = b->ncontent;
	if (file) {
		if (load_file(x, file, &src) < 0)
			goto done;
		have_src = 1;
		size_t n = 0;
		for (size_t p = 0; p < src.len; p++)
			n += src.text[p] == '\n';
		lines = dd_xmalloc((n + 2) * sizeof *lines);
		nlines = 0;
		for (size_t p = 0; p < src.len;) {
			const char *nl = memchr(src.text + p, '\n', src.len - p);
			size_t e = nl ? (size_t)(nl - src.text) : src.len;
			lines[nlines++] = (rst_seg){p, e - p};
			p = e + 1;
		}
		fixed = file->val[0].off;
	}
	int bad = read_csv(x, have_src ? &src : NULL, lines, nlines, &dl, fixed, &d);
	if (lines != b->content)
		free(lines);
	if (bad < 0)
		goto done;
	unsigned ncols = 0, shortest = (unsigned)-1;
	for (size_t r = 0; r < d.nr; r++) {
		if (d.r[r].n > ncols)
			ncols = (unsigned)d.r[r].n;
		if (r >= nhead_rows && d.r[r].n < shortest)
			shortest = (unsigned)d.r[r].n;
	}
	if (ncols > DD_RST_MAX_COLS) {
		rst_err(x, b->off, DD_E_TOO_BIG, "csv-table of %u columns; at most %u are read", ncols,
		        DD_RST_MAX_COLS);
		goto done;
	}
	if (rst_table_dimensions(x, b->off, dir, DD_E_CSV_TABLE, d.nr - nhead_rows,
	                         shortest == (unsigned)-1 ? ncols : shortest, hr, sc) < 0 ||
	    rst_dblock_widths(x, b, ncols, dir, DD_E_CSV_TABLE) < 0)
		goto done;
	if (!ncols) {
		rst_err(x, b->off, DD_E_CSV_TABLE, "csv-table: no data in it (docutils: \"No table "
		        "data detected in CSV file\")");
		goto done;
	}
	dd_table *t = dd_doc_add_table(x->doc, "rst-csv", b->off, ncols);
	t->nhead = (unsigned)(nhead_rows + (size_t)hr);
	rst_dblock_caption(x, b, t);
	for (size_t r = 0; r < d.nr; r++) {
		const csvrow *cr = &d.r[r];
		size_t roff = r < nhead_rows || fixed == (size_t)-1 ? cr->off : fixed;
		dd_row *row = dd_table_add_row(x->doc, t, roff);
		for (size_t c = 0; c < cr->n; c++)
			fill_cell(x, &d, &d.f[cr->first + c], &row->cells[c], d.f[cr->first + c].off);
	}
done:
	if (have_src)
		dd_source_free(&src);
	csv_free(&d);
}
