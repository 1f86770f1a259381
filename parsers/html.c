/* html.c - HTML tables, through libxml2's HTML parser in streaming (SAX) mode.
 *
 * What it accepts: whatever libxml2's HTML 4 parser makes of the input (it
 * never fails; unclosed elements are closed for it, misplaced ones dropped),
 * read as a stream of start tag / end tag / text events:
 *
 *   table    <table> ... </table>; a <table> inside a cell is a table of its
 *            own, and none of its text reaches the enclosing cell
 *   rows     <tr>, optionally grouped in <thead>, <tbody>, <tfoot>; a cell
 *            outside any <tr> opens an implied row
 *   cells    <td>, <th> with rowspan/colspan (HTML's rules for non-negative
 *            integers; rowspan="0" runs to the end of its row group)
 *   header   the rows of a leading <thead>; without a <thead>, the leading
 *            rows whose cells are all <th>
 *   caption  <caption> text
 *   code     a <table> inside <pre>, <code>, <xmp> or <listing> (as written:
 *            libxml2 closes a <pre> at a <table>) is code, not a table: it
 *            and its text are skipped
 *   text     one paragraph per block element (<p>, <div>, <li>, <h1>-<h6>,
 *            <pre>, ...) and per run of text outside blocks; <br> ends a
 *            paragraph; inline elements give their text only; entities
 *            decoded by libxml2; <script>/<style> ignored; whitespace
 *            collapsed
 *   page id  (whole documents only) the first <a name="..."> inside an
 *            <h1>-<h6> before the first table
 *
 * A table is emitted only when its own </table> was seen: one closed for it
 * by libxml2 (end of input, </body>) is reported as DD-302 and dropped.
 *
 * Positions: libxml2 does not hand out offsets, so every event reads its
 * parser context (input->consumed + cur - base), which at a start tag points
 * at its '>', at an end tag just past it, and at text just past the text.
 * The input is passed as UTF-8 with encoding detection and <meta charset>
 * switched off, so those offsets are offsets into dd_source.text. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libxml/HTMLparser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>

#include "parser.h"

/* Tables nested deeper than this are reported and skipped with their
 * contents: keeps the table stack small on adversarial input. */
#define DD_HTML_MAX_TABLE_DEPTH 32
/* Element nesting at which parsing stops: libxml2 scans its element stack
 * for every end tag, which goes quadratic on inputs like 50k open <span>s
 * followed by 50k stray </b>s. Real pages stay far below. */
#define DD_HTML_MAX_DEPTH 512
/* HTML's own limits on spans (the HTML standard clamps to these). */
#define DD_HTML_MAX_COLSPAN 1000
#define DD_HTML_MAX_ROWSPAN 65534
/* Grid size limits: every row of the model holds ncols cells, so width and
 * rows x width bound the memory one table can take (~48 bytes a slot). */
#define DD_HTML_MAX_COLS 2048
#define DD_HTML_MAX_SLOTS (1u << 21)
/* How far back from the end of an element to look for its "</table>". */
#define DD_HTML_END_TAG_WINDOW 256
/* Largest range whose attributes are blanked in a copy (blank_attrs()): a
 * bigger one is read as it is, so memory stays bounded. */
#define DD_HTML_BLANK_MAX (16u << 20)

#define NO_OFF ((size_t)-1)

enum { SEC_NONE, SEC_THEAD, SEC_TBODY, SEC_TFOOT };

typedef struct hcell {
	unsigned row, col, rowspan, colspan;
	unsigned long rowspan_given;  /* as written, for the warning */
	size_t off;                   /* just after the start tag */
	size_t para0;                 /* first paragraph in htable.paras */
	unsigned npara;
	unsigned char th, rowspan0, clipped;
} hcell;

enum { CLIP_NONE, CLIP_GROUP, CLIP_TABLE };  /* hcell.clipped: rowspan cut at the end of */

typedef struct hrow {
	size_t off;
	unsigned char section, any_th, any_td;
} hrow;

typedef struct htable {
	size_t off;                   /* the '<' of <table */
	hcell *cells;
	size_t ncells, ccap;
	hrow *rows;
	size_t nrows, rcap;
	unsigned *cover;              /* cover[c]: rows < cover[c] are taken in column c */
	unsigned width, wcap;
	dd_para *paras;
	size_t npara, pcap;
	long cur;                     /* open cell (index into cells) or -1 */
	unsigned col;                 /* next column to try in the open row */
	unsigned sec_start;           /* first row of the open row group */
	unsigned char in_row, section, has_thead, in_caption, failed;
	const char *caption;
	size_t unclosed_inner;        /* an inner table left open, or NO_OFF */
} htable;

typedef struct hstate {
	dd_doc *doc;
	dd_diag_sink *diags;
	htmlParserCtxtPtr ctxt;
	const char *text;             /* doc->src->text */
	size_t base, end;             /* the range parsed: [base, end) */
	size_t last;                  /* position of the previous event */
	size_t last_close;            /* '<' of the last </table> matched to a table */
	htable *tabs;                 /* open tables, innermost last */
	unsigned ntabs, tcap;
	unsigned skip;                /* inside a table nested too deep: its depth */
	unsigned heading;             /* open <h1>-<h6> */
	dd_buf para;                  /* paragraph being collected */
	int pend;
	size_t para_off;
	unsigned first_table;
	unsigned char want_page, seen_table, stopped, warned_char;
	size_t *code;                 /* <pre>, <code> elements: [code[2k], code[2k+1]) */
	size_t ncode, codecap, codenext;
} hstate;

/* ---- small helpers ---- */

static int is_name_char(int c)
{
	c = dd_ascii_lower(c);
	return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == ':' || c == '_';
}

/* 1 when s[0..n) starts with the lower-case word w followed by a non-name char. */
static int starts_word(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	return dd_prefix_ci(s, n, w) && (n == k || !is_name_char((unsigned char)s[k]));
}

/* Called for every tag event, with names libxml2 has lower-cased: the
 * first byte settles most comparisons without a call into strcmp. */
static inline int name_is(const xmlChar *name, const char *s)
{
	return name[0] == (xmlChar)s[0] && strcmp((const char *)name, s) == 0;
}

static int is_heading(const xmlChar *n)
{
	return n[0] == 'h' && n[1] >= '1' && n[1] <= '6' && n[2] == 0;
}

static int in_list(const xmlChar *name, const char *const *list)
{
	for (; *list; list++)
		if (strcmp((const char *)name, *list) == 0)
			return 1;
	return 0;
}

/* Elements that start and end a paragraph inside a cell: p div li ul ol dl
 * dt dd pre blockquote hr section article header footer nav aside main
 * figure figcaption address center form fieldset legend details summary
 * table listing xmp menu dir noscript h1-h6, by first letter. */
static int is_block(const xmlChar *name)
{
	static const char *const a[] = {"article", "aside", "address", NULL};
	static const char *const b[] = {"blockquote", NULL};
	static const char *const c[] = {"center", NULL};
	static const char *const d[] = {"div", "dl", "dt", "dd", "details", "dir", NULL};
	static const char *const f[] = {"footer", "figure", "figcaption", "form", "fieldset", NULL};
	static const char *const h[] = {"hr", "header", NULL};
	static const char *const l[] = {"li", "legend", "listing", NULL};
	static const char *const m[] = {"main", "menu", NULL};
	static const char *const n[] = {"nav", "noscript", NULL};
	static const char *const o[] = {"ol", NULL};
	static const char *const p[] = {"p", "pre", NULL};
	static const char *const s[] = {"section", "summary", NULL};
	static const char *const t[] = {"table", NULL};
	static const char *const u[] = {"ul", NULL};
	static const char *const x[] = {"xmp", NULL};
	switch (name[0]) {
	case 'a': return in_list(name, a);
	case 'b': return in_list(name, b);
	case 'c': return in_list(name, c);
	case 'd': return in_list(name, d);
	case 'f': return in_list(name, f);
	case 'h': return is_heading(name) || in_list(name, h);
	case 'l': return in_list(name, l);
	case 'm': return in_list(name, m);
	case 'n': return in_list(name, n);
	case 'o': return in_list(name, o);
	case 'p': return in_list(name, p);
	case 's': return in_list(name, s);
	case 't': return in_list(name, t);
	case 'u': return in_list(name, u);
	case 'x': return in_list(name, x);
	default: return 0;
	}
}

static const char *attr(const xmlChar **atts, const char *name)
{
	if (!atts)
		return NULL;
	for (; atts[0]; atts += 2)
		if (name_is(atts[0], name))
			return atts[1] ? (const char *)atts[1] : "";
	return NULL;
}

/* HTML's "rules for parsing non-negative integers": leading space, optional
 * '+', digits up to the first non-digit. Returns def when there are none;
 * large values saturate (they are clipped later anyway). */
static unsigned long span_value(const char *s, unsigned long def)
{
	if (!s)
		return def;
	while (dd_is_space((unsigned char)*s))
		s++;
	if (*s == '+')
		s++;
	if (*s < '0' || *s > '9')
		return def;
	unsigned long v = 0;
	for (; *s >= '0' && *s <= '9'; s++)
		if (v < ULONG_MAX / 100)
			v = v * 10 + (unsigned long)(*s - '0');
	return v;
}

/* ---- positions ---- */

static size_t pos(hstate *st)
{
	xmlParserInputPtr in = st->ctxt->input;
	if (!in || !in->cur || !in->base)
		return st->last;
	size_t p = st->base + (size_t)in->consumed + (size_t)(in->cur - in->base);
	if (p > st->end)
		p = st->end;
	if (p < st->last)
		p = st->last;
	return p;
}

/* The '<' of the start tag whose '>' is at p: the last '<' in [st->last, p],
 * or p when there is none (an element libxml2 implied). */
static size_t tag_start(hstate *st, size_t p)
{
	for (size_t i = p + 1; i-- > st->last;)
		if (st->text[i] == '<')
			return i;
	return p;
}

/* Just past the start tag whose '>' (or "/>") is at p. */
static size_t after_tag(hstate *st, size_t p)
{
	if (p < st->end && st->text[p] == '>')
		return p + 1;
	if (p + 1 < st->end && st->text[p] == '/' && st->text[p + 1] == '>')
		return p + 2;
	return p;
}

/* 1 when the text just before p is a "</table ...>" not yet matched to a
 * table, i.e. this end of table was written, not implied by libxml2. */
static int explicit_table_end(hstate *st, size_t p)
{
	size_t lo = p > st->base + DD_HTML_END_TAG_WINDOW ? p - DD_HTML_END_TAG_WINDOW : st->base;
	if (p == 0 || st->text[p - 1] != '>')
		return 0;
	for (size_t i = p - 1; i-- > lo;) {
		if (st->text[i] != '<')
			continue;
		if (st->text[i + 1] != '/' || !starts_word(st->text + i + 2, p - i - 2, "table"))
			return 0;
		if (st->last_close == i)
			return 0;
		st->last_close = i;
		return 1;
	}
	return 0;
}

/* ---- paragraphs ---- */

static htable *top(hstate *st)
{
	return st->ntabs ? &st->tabs[st->ntabs - 1] : NULL;
}

/* Where text goes now: 1 = the open cell of the innermost table, 2 = its
 * caption, 0 = nowhere. */
static int target(hstate *st)
{
	htable *t = top(st);
	if (!t || st->skip || t->failed)
		return 0;
	if (t->in_caption)
		return 2;
	return t->cur >= 0 ? 1 : 0;
}

static void para_reset(hstate *st)
{
	dd_buf_reset(&st->para);
	st->pend = 0;
	st->para_off = NO_OFF;
}

/* Ends the paragraph being collected and stores it in the open cell. */
static void flush(hstate *st)
{
	if (st->para.len && target(st) == 1) {
		htable *t = top(st);
		DD_GROW(t->paras, t->npara, t->pcap);
		dd_para *p = &t->paras[t->npara++];
		p->text = dd_arena_strndup(st->doc->arena, st->para.ptr, st->para.len);
		p->len = st->para.len;
		p->off = st->para_off;
		t->cells[t->cur].npara++;
	}
	if (target(st) != 2)
		para_reset(st);
}

/* A block boundary: a new paragraph in a cell, a space in a caption. */
static void boundary(hstate *st)
{
	if (target(st) == 2) {
		if (st->para.len)
			st->pend = 1;
		return;
	}
	flush(st);
}

static int is_collapsible(const unsigned char *s, size_t n, size_t i, size_t *w)
{
	if (dd_is_space(s[i])) {
		*w = 1;
		return 1;
	}
	if (s[i] == 0xC2 && i + 1 < n && s[i + 1] == 0xA0) {
		*w = 2;
		return 1;
	}
	return 0;
}

static void on_text(void *ud, const xmlChar *ch, int len)
{
	hstate *st = ud;
	if (st->stopped)
		return;
	size_t p = pos(st);
	if (len > 0 && target(st)) {
		size_t n = (size_t)len, i = 0, w;
		while (i < n && is_collapsible(ch, n, i, &w))
			i += w;
		if (i < n && st->para_off == NO_OFF && st->para.len == 0) {
			/* plain text sits just before p; an entity starts at its '&' */
			size_t start = p;
			if (p >= st->last + n && memcmp(st->text + p - n, ch, n) == 0)
				start = p - n + i;
			else
				for (size_t k = p; k-- > st->last;)
					if (st->text[k] == '&') {
						start = k;
						break;
					}
			st->para_off = start;
		}
		dd_buf_put_collapsed(&st->para, (const char *)ch, n, &st->pend);
	}
	st->last = p;
}

static void on_cdata(void *ud, const xmlChar *ch, int len)
{
	hstate *st = ud;
	(void)ch;
	(void)len;
	st->last = pos(st);   /* <script>, <style>: ignored */
}

/* ---- table building ---- */

static void fail(hstate *st, htable *t, int code, const char *what, unsigned limit)
{
	if (!t->failed)
		dd_diag(st->diags, st->doc->src, t->off, DD_ERROR, code,
		        "table has more than %u %s; expected at most %u (table skipped)", limit, what,
		        limit);
	flush(st);
	t->failed = 1;
	t->cur = -1;
}

static void close_cell(hstate *st, htable *t)
{
	if (t->cur >= 0) {
		flush(st);
		t->cur = -1;
	}
}

static void close_caption(hstate *st, htable *t)
{
	if (!t->in_caption)
		return;
	if (st->para.len && !t->caption)
		t->caption = dd_arena_strndup(st->doc->arena, st->para.ptr, st->para.len);
	t->in_caption = 0;
	para_reset(st);
}

static void close_row(hstate *st, htable *t)
{
	close_cell(st, t);
	t->in_row = 0;
}

static int check_slots(hstate *st, htable *t)
{
	if ((uint64_t)t->nrows * (t->width ? t->width : 1) > DD_HTML_MAX_SLOTS) {
		fail(st, t, DD_E_TOO_BIG, "cells", DD_HTML_MAX_SLOTS);
		return -1;
	}
	return 0;
}

static void open_row(hstate *st, htable *t, size_t off)
{
	close_row(st, t);
	close_caption(st, t);
	if (t->failed)
		return;
	DD_GROW(t->rows, t->nrows, t->rcap);
	hrow *r = &t->rows[t->nrows++];
	memset(r, 0, sizeof *r);
	r->off = off;
	r->section = t->section;
	t->in_row = 1;
	t->col = 0;
	check_slots(st, t);
}

/* Closes the open row group (a <thead>, <tbody>, <tfoot>, or the rows
 * outside them): as in HTML, no rowspan reaches past its last row, and
 * rowspan="0" cells now know their span. */
static void end_group(htable *t)
{
	unsigned end = (unsigned)t->nrows;
	for (size_t i = t->ncells; i-- > 0;) {
		hcell *c = &t->cells[i];
		if (c->row < t->sec_start)
			break;
		if (c->rowspan0)
			c->rowspan = end - c->row;
		else if (c->row + c->rowspan > end) {
			c->rowspan = end - c->row;
			c->clipped = t->section == SEC_NONE ? CLIP_TABLE : CLIP_GROUP;
		} else
			continue;
		c->rowspan0 = 0;
		for (unsigned j = c->col; j < c->col + c->colspan; j++)
			if (t->cover[j] > end)
				t->cover[j] = end;
	}
	t->sec_start = end;
}

static void open_cell(hstate *st, htable *t, int th, const xmlChar **atts, size_t start,
                      size_t after)
{
	close_cell(st, t);
	close_caption(st, t);
	if (t->failed)
		return;
	if (!t->in_row)
		open_row(st, t, start);
	if (t->failed)
		return;
	unsigned r = (unsigned)t->nrows - 1, c = t->col;
	while (c < t->width && t->cover[c] > r)
		c++;
	unsigned long cs = span_value(attr(atts, "colspan"), 1);
	unsigned long rs = span_value(attr(atts, "rowspan"), 1);
	if (cs == 0)
		cs = 1;
	if (cs > DD_HTML_MAX_COLSPAN) {
		dd_diag(st->diags, st->doc->src, after, DD_WARNING, DD_W_HTML_SPAN,
		        "colspan=%lu is larger than %d; clipped to %d", cs, DD_HTML_MAX_COLSPAN,
		        DD_HTML_MAX_COLSPAN);
		cs = DD_HTML_MAX_COLSPAN;
	}
	for (unsigned k = 1; k < cs; k++)
		if (c + k < t->width && t->cover[c + k] > r) {
			dd_diag(st->diags, st->doc->src, after, DD_WARNING, DD_W_HTML_SPAN,
			        "colspan=%lu overlaps a cell spanning from an earlier row; clipped to %u",
			        cs, k);
			cs = k;
			break;
		}
	if (c + cs > DD_HTML_MAX_COLS) {
		fail(st, t, DD_E_TOO_BIG, "columns", DD_HTML_MAX_COLS);
		return;
	}
	unsigned ncs = (unsigned)cs;
	if (c + ncs > t->width) {
		if (c + ncs > t->wcap) {
			unsigned nc = t->wcap ? t->wcap : 8;
			while (nc < c + ncs)
				nc *= 2;
			t->cover = dd_xrealloc(t->cover, nc * sizeof *t->cover);
			t->wcap = nc;
		}
		memset(t->cover + t->width, 0, (c + ncs - t->width) * sizeof *t->cover);
		t->width = c + ncs;
		if (check_slots(st, t) < 0)
			return;
	}
	DD_GROW(t->cells, t->ncells, t->ccap);
	hcell *cell = &t->cells[t->ncells];
	memset(cell, 0, sizeof *cell);
	cell->row = r;
	cell->col = c;
	cell->colspan = ncs;
	cell->rowspan_given = rs;
	cell->rowspan0 = rs == 0;
	cell->rowspan = rs == 0 ? 1 : rs > DD_HTML_MAX_ROWSPAN ? DD_HTML_MAX_ROWSPAN : (unsigned)rs;
	cell->off = after;
	cell->para0 = t->npara;
	cell->th = (unsigned char)th;
	unsigned until = rs == 0 ? UINT_MAX : r + cell->rowspan;
	for (unsigned j = c; j < c + ncs; j++)
		t->cover[j] = until;
	if (th)
		t->rows[r].any_th = 1;
	else
		t->rows[r].any_td = 1;
	t->cur = (long)t->ncells++;
	t->col = c + ncs;
}

static void htable_free(htable *t)
{
	free(t->cells);
	free(t->rows);
	free(t->cover);
	free(t->paras);
}

/* Turns a finished table into a dd_table of the document. */
static void emit(hstate *st, htable *t)
{
	dd_doc *doc = st->doc;
	if (t->nrows == 0 || t->width == 0)
		return;   /* no rows, or rows without cells: nothing to report */
	unsigned nrows = (unsigned)t->nrows;
	unsigned nhead = 0;
	if (t->has_thead)
		while (nhead < nrows && t->rows[nhead].section == SEC_THEAD)
			nhead++;
	else
		while (nhead < nrows && t->rows[nhead].any_th && !t->rows[nhead].any_td)
			nhead++;
	dd_table *out = dd_doc_add_table(doc, "html", t->off, t->width);
	out->nhead = nhead;
	out->caption = t->caption;
	for (unsigned r = 0; r < nrows; r++)
		dd_table_add_row(doc, out, t->rows[r].off);
	for (size_t i = 0; i < t->ncells; i++) {
		hcell *c = &t->cells[i];
		if (c->clipped)
			dd_diag(st->diags, doc->src, c->off, DD_WARNING, DD_W_HTML_SPAN,
			        "rowspan=%lu runs past the last row of %s; clipped to %u",
			        c->rowspan_given, c->clipped == CLIP_TABLE ? "the table" : "its row group",
			        c->rowspan);
		dd_cell *x = &out->rows[c->row].cells[c->col];
		x->rowspan = c->rowspan;
		x->colspan = c->colspan;
		x->off = c->npara ? t->paras[c->para0].off : c->off;
		if (c->npara) /* t->paras is NULL in a table without text */
			dd_cell_copy_paras(doc, x, t->paras + c->para0, c->npara);
	}
	for (size_t i = 0; i < t->ncells; i++) {
		hcell *c = &t->cells[i];
		if (c->rowspan > 1 || c->colspan > 1)
			dd_table_expand_span(out, c->row, c->col);
	}
}

static void unclosed(hstate *st, size_t off)
{
	if (off != NO_OFF)
		dd_diag(st->diags, st->doc->src, off, DD_ERROR, DD_E_HTML_UNCLOSED,
		        "table is not closed; expected </table> before the end of the input");
}

static void end_table(hstate *st, int written)
{
	htable *t = top(st);
	close_row(st, t);
	close_caption(st, t);
	end_group(t);
	st->ntabs--;
	htable *outer = top(st);
	if (!written) {
		/* tables left open inside each other are reported once, at the
		 * outermost: closing it is what the writer has to do first */
		if (outer && outer->unclosed_inner == NO_OFF)
			outer->unclosed_inner = t->failed ? t->unclosed_inner : t->off;
		else if (!outer && !t->failed)
			unclosed(st, t->off);
	} else {
		if (t->unclosed_inner != NO_OFF)
			unclosed(st, t->unclosed_inner);
		if (!t->failed)
			emit(st, t);
	}
	htable_free(t);
	para_reset(st);
}

/* ---- SAX events ---- */

size_t dd_html_code_skip(const char *t, size_t p, size_t n)
{
	static const char *const code[] = {"pre", "code", "xmp", "listing", NULL};
	if (p >= n || t[p] != '<')
		return p;
	for (const char *const *c = code; *c; c++) {
		if (!starts_word(t + p + 1, n - p - 1, *c))
			continue;
		size_t k = strlen(*c);
		for (size_t q = p + 1; q < n; q++) {
			const char *lt = memchr(t + q, '<', n - q);
			if (!lt)
				break;
			q = (size_t)(lt - t);
			if (q + 2 < n && t[q + 1] == '/' && starts_word(t + q + 2, n - q - 2, *c)) {
				const char *gt = memchr(t + q + 2 + k, '>', n - q - 2 - k);
				return gt ? (size_t)(gt - t) + 1 : n;
			}
		}
		return n;
	}
	return p;
}

/* The code elements of [base, end), one pass. */
static void find_code(hstate *st)
{
	for (size_t p = st->base; p < st->end;) {
		const char *lt = memchr(st->text + p, '<', st->end - p);
		if (!lt)
			break;
		p = (size_t)(lt - st->text);
		size_t q = dd_html_code_skip(st->text, p, st->end);
		if (q == p) {
			p++;
			continue;
		}
		if (st->ncode + 2 > st->codecap) {
			st->codecap = st->codecap ? 2 * st->codecap : 16;
			st->code = dd_xrealloc(st->code, st->codecap * sizeof *st->code);
		}
		st->code[st->ncode++] = p;
		st->code[st->ncode++] = q;
		p = q;
	}
}

/* 1 when offset at (tables come in document order) is inside a code element. */
static int in_code(hstate *st, size_t at)
{
	while (st->codenext < st->ncode && st->code[st->codenext + 1] <= at)
		st->codenext += 2;
	return st->codenext < st->ncode && st->code[st->codenext] <= at;
}

static void on_start(void *ud, const xmlChar *name, const xmlChar **atts)
{
	hstate *st = ud;
	if (st->stopped)
		return;   /* libxml2 still closes what is open after xmlStopParser() */
	size_t p = pos(st);
	if (st->ctxt->nameNr > DD_HTML_MAX_DEPTH) {
		dd_diag(st->diags, st->doc->src, tag_start(st, p), DD_ERROR, DD_E_HTML_DEPTH,
		        "elements nested deeper than %d; expected at most %d (parsing stopped here)",
		        DD_HTML_MAX_DEPTH, DD_HTML_MAX_DEPTH);
		st->stopped = 1;
		xmlStopParser(st->ctxt);
		st->last = p;
		return;
	}
	htable *t = top(st);
	if (st->skip) {
		if (name_is(name, "table"))
			st->skip++;
	} else if (name_is(name, "table")) {
		boundary(st);
		if (t)
			close_caption(st, t);   /* the shared paragraph buffer moves on */
		size_t at = tag_start(st, p);
		st->seen_table = 1;
		if (in_code(st, at)) {
			st->skip = 1;           /* code shows no tables, whatever libxml2 makes of it */
		} else if (st->ntabs >= DD_HTML_MAX_TABLE_DEPTH) {
			dd_diag(st->diags, st->doc->src, at, DD_ERROR, DD_E_HTML_DEPTH,
			        "table nested %d tables deep; expected at most %d (table skipped)",
			        DD_HTML_MAX_TABLE_DEPTH + 1, DD_HTML_MAX_TABLE_DEPTH);
			st->skip = 1;
		} else {
			DD_GROW(st->tabs, st->ntabs, st->tcap);
			t = &st->tabs[st->ntabs++];
			memset(t, 0, sizeof *t);
			t->off = at;
			t->cur = -1;
			t->unclosed_inner = NO_OFF;
			para_reset(st);
		}
	} else if (!t) {
		if (is_heading(name))
			st->heading++;
		else if (st->want_page && st->heading && !st->seen_table && !st->doc->page &&
		         name_is(name, "a")) {
			const char *a = attr(atts, "name");
			if (a && *a) {
				st->doc->page = dd_arena_strdup(st->doc->arena, a);
				st->doc->page_off = tag_start(st, p);
			}
		}
	} else if (name_is(name, "td") || name_is(name, "th")) {
		open_cell(st, t, name[1] == 'h', atts, tag_start(st, p), after_tag(st, p));
	} else if (name_is(name, "tr")) {
		open_row(st, t, tag_start(st, p));
	} else if (name_is(name, "thead") || name_is(name, "tbody") || name_is(name, "tfoot")) {
		close_row(st, t);
		close_caption(st, t);
		end_group(t);
		t->section = name[1] == 'h' ? SEC_THEAD : name[1] == 'b' ? SEC_TBODY : SEC_TFOOT;
		if (t->section == SEC_THEAD)
			t->has_thead = 1;
	} else if (name_is(name, "caption")) {
		close_row(st, t);
		if (!t->in_caption && !t->failed) {
			para_reset(st);
			t->in_caption = 1;
		}
	} else if (name_is(name, "br") || is_block(name)) {
		boundary(st);
	}
	/* an implied element shares its position with the next real tag: keep
	 * that tag's '<' in reach of tag_start() */
	st->last = tag_start(st, p);
}

static void on_end(void *ud, const xmlChar *name)
{
	hstate *st = ud;
	if (st->stopped)
		return;
	size_t p = pos(st);
	htable *t = top(st);
	if (st->skip) {
		if (name_is(name, "table")) {
			explicit_table_end(st, p);   /* its </table> is not an outer table's */
			st->skip--;
		}
	} else if (name_is(name, "table")) {
		if (t)
			end_table(st, explicit_table_end(st, p));
	} else if (!t) {
		if (is_heading(name) && st->heading)
			st->heading--;
	} else if (name_is(name, "td") || name_is(name, "th")) {
		close_cell(st, t);
	} else if (name_is(name, "tr")) {
		close_row(st, t);
	} else if (name_is(name, "thead") || name_is(name, "tbody") || name_is(name, "tfoot")) {
		close_row(st, t);
		end_group(t);
		t->section = SEC_NONE;
	} else if (name_is(name, "caption")) {
		close_caption(st, t);
	} else if (is_block(name)) {
		boundary(st);
	}
	st->last = p;
}

/* libxml2 recovers from everything and tables are checked on their own;
 * the one error that changes text is a character it will not carry (a
 * control character, U+FFFE, U+FFFF): it is dropped, so say so, once. */
static void on_error(void *ud, xmlErrorPtr e)
{
	hstate *st = ud;
	if (!st || !e || e->code != XML_ERR_INVALID_CHAR || st->warned_char || !st->ctxt ||
	    !st->ctxt->input || !st->ctxt->input->cur)
		return;
	const xmlParserInputPtr in = st->ctxt->input;
	size_t off = st->base + (size_t)(in->cur - in->base);
	if (off >= st->end)
		return;
	st->warned_char = 1;
	dd_diag(st->diags, st->doc->src, off, DD_WARNING, DD_W_HTML_CHAR,
	        "U+%04X is not allowed in HTML and the HTML parser drops it (reported once per "
	        "document); expected a text character",
	        (unsigned)e->int1);
}

static void quiet_generic(void *ctx, const char *msg, ...)
{
	(void)ctx;
	(void)msg;
}

static int inited;

/* libxml2's error handlers are per thread: set them on each parsing thread. */
static void quiet_thread(void)
{
	static _Thread_local int quiet;
	if (quiet)
		return;
	quiet = 1;
	xmlSetGenericErrorFunc(NULL, quiet_generic);
	xmlSetStructuredErrorFunc(NULL, on_error);
}

/* Process-wide set-up, before any thread parses. */
static void init(void)
{
	if (inited)
		return;
	inited = 1;
	/* out of memory inside libxml2 is docdrift's: a message and exit 2 */
	xmlMemSetup(free, dd_xmalloc, dd_xrealloc, dd_xstrdup);
	xmlInitParser();
	quiet_thread();
}

static void cleanup(void)
{
	if (inited)
		xmlCleanupParser();
	inited = 0;
}

static int by_offset(const void *a, const void *b)
{
	size_t x = ((const dd_table *)a)->off, y = ((const dd_table *)b)->off;
	return x < y ? -1 : x > y;
}

/* ---- attribute blanking ----
 *
 * libxml2 reads every attribute byte by byte and copies each value, and
 * DITA-style tables carry several on every cell and paragraph (id, class,
 * valign, width, headers); only colspan, rowspan and name are read here.
 * When every '<' of a range opens a plain tag (a name of letters and
 * digits, then name="value" pairs with no '<', '>', '"', '&' or control
 * character in the value, then '>' or "/>"), an end tag, a comment or a
 * declaration ("<!DOCTYPE html>"), the other attributes are overwritten with
 * spaces in a copy of the same length: every offset libxml2 reports is the
 * same, and so are its events, less the attributes no one reads. Anything
 * else (a script with '<', single quotes, a stray '<') leaves the range as
 * it is. DD_HTML_NOBLANK=1 turns it off, for comparing. */

static int is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int is_alnum(char c)
{
	return is_alpha(c) || (c >= '0' && c <= '9');
}

static int attr_kept(const char *n, size_t k)
{
	return (k == 7 && (dd_prefix_ci(n, k, "colspan") || dd_prefix_ci(n, k, "rowspan"))) ||
	       (k == 4 && dd_prefix_ci(n, k, "name"));
}

/* The blanked copy of t[0, n) (NUL-terminated, free()), or NULL when the
 * range must be read as it is or has nothing to blank. */
static char *blank_attrs(const char *t, size_t n)
{
	char *cp = NULL;
	for (size_t p = 0;;) {
		const char *lt = memchr(t + p, '<', n - p);
		if (!lt)
			break;
		p = (size_t)(lt - t);
		if (n - p >= 4 && memcmp(t + p, "<!--", 4) == 0) {
			const char *end = memmem(t + p + 4, n - p - 4, "-->", 3);
			if (!end)
				goto fail;
			p = (size_t)(end - t) + 3;
			continue;
		}
		if (n - p >= 3 && t[p + 1] == '!' && is_alpha(t[p + 2])) {
			const char *gt = memchr(t + p, '>', n - p); /* <!DOCTYPE ...> */
			if (!gt || memchr(t + p + 1, '<', (size_t)(gt - t) - p - 1))
				goto fail;
			p = (size_t)(gt - t) + 1;
			continue;
		}
		size_t q = p + 1;
		int close = q < n && t[q] == '/';
		q += close;
		if (q >= n || !is_alpha(t[q]))
			goto fail; /* libxml2 reads "<" before a non-letter as text */
		while (q < n && is_alnum(t[q]))
			q++;
		for (;;) {
			size_t sp = q;
			while (q < n && t[q] == ' ')
				q++;
			if (q < n && t[q] == '>')
				break;
			if (!close && q + 1 < n && t[q] == '/' && t[q + 1] == '>') {
				q++;
				break;
			}
			if (close || q == sp || q >= n || !is_alpha(t[q]))
				goto fail;
			size_t an = q;
			while (q < n && (is_alnum(t[q]) || t[q] == '-' || t[q] == '_' || t[q] == ':'))
				q++;
			size_t ae = q;
			if (q + 1 >= n || t[q] != '=' || t[q + 1] != '"')
				goto fail;
			q += 2;
			/* a control character or U+FFFE/U+FFFF (0xEF...) is reported
			 * (DD-305), an entity decoded: leave those to libxml2 */
			while (q < n && t[q] != '"' && t[q] != '<' && t[q] != '>' && t[q] != '&' &&
			       (unsigned char)t[q] >= 0x20 && (unsigned char)t[q] != 0xEF)
				q++;
			if (q >= n || t[q] != '"')
				goto fail;
			q++;
			if (!attr_kept(t + an, ae - an)) {
				if (!cp) {
					cp = dd_xrealloc(NULL, n + 1);
					memcpy(cp, t, n);
					cp[n] = '\0';
				}
				memset(cp + an, ' ', q - an);
			}
		}
		p = q + 1;
	}
	return cp;
fail:
	free(cp);
	return NULL;
}

/* Parses doc->src->text[off, off+len); want_page: look for the page id. */
static int parse_range(dd_doc *doc, size_t off, size_t len, dd_diag_sink *diags, int want_page)
{
	dd_source *src = doc->src;
	if (off > src->len || len > src->len - off)
		len = off > src->len ? 0 : src->len - off;
	if (len == 0)
		return 0;
	if (len > INT_MAX) {
		dd_diag(diags, src, off, DD_ERROR, DD_E_TOO_BIG,
		        "HTML input of %zu bytes; expected at most %d", len, INT_MAX);
		return -1;
	}
	init();
	quiet_thread();
	unsigned errors = diags->nerrors;
	hstate st;
	memset(&st, 0, sizeof st);
	st.doc = doc;
	st.diags = diags;
	st.text = src->text;
	st.base = st.last = off;
	st.end = off + len;
	st.last_close = NO_OFF;
	st.para_off = NO_OFF;
	st.first_table = doc->ntables;
	st.want_page = (unsigned char)want_page;

	find_code(&st);

	char *blanked = len > DD_HTML_BLANK_MAX || getenv("DD_HTML_NOBLANK")
	                    ? NULL
	                    : blank_attrs(src->text + off, len);
	htmlParserCtxtPtr ctxt =
		htmlCreateMemoryParserCtxt(blanked ? blanked : src->text + off, (int)len);
	if (!ctxt)
		dd_fatal_oom();
	st.ctxt = ctxt;
	htmlSAXHandler sax;
	memset(&sax, 0, sizeof sax);
	sax.startElement = on_start;
	sax.endElement = on_end;
	sax.characters = on_text;
	sax.cdataBlock = on_cdata;
	sax.serror = on_error;
	sax.initialized = XML_SAX2_MAGIC;  /* so libxml2 reports errors to serror */
	memcpy(ctxt->sax, &sax, sizeof sax);
	ctxt->userData = &st;
	htmlCtxtUseOptions(ctxt, HTML_PARSE_NONET | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
	                             HTML_PARSE_NODEFDTD | HTML_PARSE_IGNORE_ENC);
	/* UTF-8, and no sniffing of the first bytes or of <meta charset> */
	xmlSwitchEncoding(ctxt, XML_CHAR_ENCODING_UTF8);
	if (!ctxt->encoding)
		ctxt->encoding = xmlStrdup(BAD_CAST "UTF-8");
	htmlParseDocument(ctxt);

	/* Tables libxml2 never closed for us (parsing stopped). */
	while (st.ntabs) {
		htable *t = top(&st);
		if (!st.stopped && st.ntabs == 1)
			unclosed(&st, t->failed ? t->unclosed_inner : t->off);
		htable_free(t);
		st.ntabs--;
	}
	htmlFreeParserCtxt(ctxt);
	free(blanked);
	free(st.tabs);
	free(st.code);
	dd_buf_free(&st.para);
	/* inner tables end first: put them back in document order */
	if (doc->ntables - st.first_table > 1)
		qsort(doc->tables + st.first_table, doc->ntables - st.first_table,
		      sizeof *doc->tables, by_offset);
	return diags->nerrors > errors ? -1 : 0;
}

int dd_html_parse_range(dd_doc *doc, size_t off, size_t len, dd_diag_sink *diags)
{
	return parse_range(doc, off, len, diags, 0);
}

static int parse(dd_doc *doc, dd_diag_sink *diags)
{
	return parse_range(doc, 0, doc->src->len, diags, 1);
}

/* ---- sniffing ---- */

static int starts_tag(const char *s, size_t n, const char *const *names)
{
	if (n < 2 || s[0] != '<')
		return 0;
	for (; *names; names++)
		if (starts_word(s + 1, n - 1, *names))
			return 1;
	return 0;
}

/* 1 when a line of s starts like Markdown: an ATX heading or a code fence. */
static int has_markdown_lines(const char *s, size_t n)
{
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n, j = i;
		while (j < e && s[j] == '#' && j - i < 6)
			j++;
		if ((j > i && j < e && s[j] == ' ') || (e - i >= 3 && memcmp(s + i, "```", 3) == 0))
			return 1;
		i = e + 1;
	}
	return 0;
}

static int contains_table(const char *s, size_t n)
{
	for (const char *p = s; (p = memchr(p, '<', n - (size_t)(p - s))); p++)
		if (starts_word(p + 1, n - (size_t)(p - s) - 1, "table"))
			return 1;
	return 0;
}

static int sniff(const dd_source *src)
{
	static const char *const doc_tags[] = {"!doctype", "html", "head", "body", "?xml", NULL};
	static const char *const block_tags[] = {
		"table", "div", "p", "section", "article", "main", "header", "meta", "title",
		"link", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "dl", "center", NULL,
	};
	const char *s = src->text;
	size_t n = src->len, i = 0;
	while (i < n && dd_is_space((unsigned char)s[i]))
		i++;
	if (starts_tag(s + i, n - i, doc_tags))
		return 95;
	if (starts_tag(s + i, n - i, block_tags))
		return has_markdown_lines(s, n) ? 40 : 95;
	return contains_table(s, n) ? 20 : 0;
}

const dd_parser dd_parser_html = {"html", sniff, parse, init, cleanup};
