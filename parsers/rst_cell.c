/* rst_cell.c - a grid or simple table cell's lines to plain paragraphs.
 *
 * Block level, as docutils reads a cell's text: blank lines separate
 * paragraphs; a line starting with a bullet ("-", "*", "+", "\u2022"), a line
 * block's "|" or an enumerator ("1.", "#.", "a)", "(iv)"; one followed by a
 * line of text at its indentation is no enumerator) and a space starts a list
 * item when it opens a paragraph or is a sibling of the item above; each item
 * is one paragraph without its marker. A line indented unlike the paragraph
 * it follows starts a new one (docutils makes it a block quote). A paragraph
 * ending in "::" loses it ("Example::" -> "Example:", "Example ::" ->
 * "Example") and the indented block after it is literal text. Explicit
 * markup: a directive's line and ":option:" lines are dropped, its body
 * kept (an admonition's text after "::" included; a code directive's body
 * literal); comments, targets and substitution definitions are dropped with
 * their bodies. A section title (docutils: "Unexpected section title.") and
 * a transition give no text. Inline markup: rst_inline.c. */
#include <stdlib.h>
#include <string.h>

#include "rst_internal.h"

#define NPOS ((size_t)-1)

/* Value of the Roman numeral s[0, n) in one case (docutils takes only
 * canonical ones: "iv", not "iiii"), or 0. */
static unsigned roman_value(const char *s, size_t n)
{
	static const char *const digits[4][10] = {
		{"", "m", "mm", "mmm", NULL},
		{"", "c", "cc", "ccc", "cd", "d", "dc", "dcc", "dccc", "cm"},
		{"", "x", "xx", "xxx", "xl", "l", "lx", "lxx", "lxxx", "xc"},
		{"", "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix"},
	};
	unsigned v = 0;
	size_t p = 0;
	for (int place = 0; place < 4; place++) {
		unsigned best = 0;
		size_t blen = 0;
		for (unsigned d = 1; d < 10 && digits[place][d]; d++) {
			size_t k = strlen(digits[place][d]);
			if (k > blen && k <= n - p && dd_prefix_ci(s + p, n - p, digits[place][d])) {
				best = d;
				blen = k;
			}
		}
		v = v * 10 + best;
		p += blen;
	}
	return p == n ? v : 0;
}

/* Length of an enumerator at q ("1.", "#.", "a)", "(iv)", "B."), or 0. */
static int enum_len(const char *q, const char *e)
{
	const char *p = q;
	int paren = p < e && *p == '(';
	p += paren;
	const char *d = p;
	if (p < e && *p == '#') {
		p++;
	} else if (p < e && *p >= '0' && *p <= '9') {
		while (p < e && p - d < 9 && *p >= '0' && *p <= '9')
			p++;
	} else if (p < e && ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z'))) {
		int lower = *p >= 'a';
		while (p < e && p - d < 8 &&
		       (lower ? *p >= 'a' && *p <= 'z' : *p >= 'A' && *p <= 'Z'))
			p++;
	}
	if (p == d || p >= e)
		return 0;
	if (paren ? *p != ')' : (*p != '.' && *p != ')'))
		return 0;
	/* letters: one, or a Roman numeral in one case (asked last: most lines
	 * start with a word, which the byte after it already rules out) */
	if (*d > '9' && p - d > 1 && !roman_value(d, (size_t)(p - d)))
		return 0;
	return (int)(p + 1 - q);
}

/* Length of a list-item marker at q: a bullet ("-", "*", "+", U+2022) or an
 * enumerator (enum_len()), followed by a space or the end; *is_enum says
 * which. */
static int bullet_len(const char *q, const char *e, int *is_enum)
{
	int n = 0;
	*is_enum = 0;
	if (e - q >= 1 && strchr("-*+|", *q))
		n = 1; /* "|": a line block's line, its own paragraph */
	else if (e - q >= 3 && memcmp(q, "\xe2\x80\xa2", 3) == 0)
		n = 3;
	else if ((n = enum_len(q, e)) != 0)
		*is_enum = 1;
	else
		return 0;
	return q + n == e || q[n] == ' ' || q[n] == '\t' ? n : 0;
}

void rst_seg_push(rst_ctx *x, size_t off, size_t len)
{
	DD_GROW(x->segs, x->nseg, x->segcap);
	x->segs[x->nseg].off = off;
	x->segs[x->nseg].len = len;
	x->nseg++;
}

/* Ends the paragraph collected in x->raw (literal: as written, whitespace
 * collapsed; else inline markup removed). Returns 1 when it ended in "::"
 * (removed): a literal block may follow. */
static int close_para(rst_ctx *x, dd_cell *cell, size_t off, int literal)
{
	dd_buf *r = &x->raw;
	size_t bs = 0; /* backslashes before a final "::": an odd run escapes it */
	int colons = 0;
	while (!literal && r->len >= 2 + bs + 1 && r->ptr[r->len - 3 - bs] == '\\')
		bs++;
	if (!literal && r->len >= 2 && r->ptr[r->len - 1] == ':' && r->ptr[r->len - 2] == ':' &&
	    bs % 2 == 0) {
		colons = 1;
		if (r->len == 2 || dd_is_space((unsigned char)r->ptr[r->len - 3]))
			r->len -= 2;
		else
			r->len -= 1;
	}
	if (r->len) {
		dd_buf_reset(&x->out);
		int pending = 0;
		if (literal)
			dd_buf_put_collapsed(&x->out, r->ptr, r->len, &pending);
		else
			rst_inline(r->ptr, r->len, &x->out, &pending);
		if (x->out.len)
			dd_cell_add_para(x->doc, cell, x->out.ptr, x->out.len, off);
	}
	dd_buf_reset(r);
	return colons;
}

/* First non-blank byte of p[0, e), its column in *ind (tabs to 8-column
 * stops); *end loses trailing blanks. */
static const char *cell_line(const char *p, const char **end, unsigned *ind)
{
	const char *q = p, *e = *end;
	*ind = 0;
	while (q < e && (*q == ' ' || *q == '\t')) {
		*ind = *q == '\t' ? (*ind / DD_RST_TAB + 1) * DD_RST_TAB : *ind + 1;
		q++;
	}
	/* cells are padded to their column's width: skip trailing spaces 8 at a time */
	while (e - q >= 8 && memcmp(e - 8, "        ", 8) == 0)
		e -= 8;
	while (e > q && dd_is_space((unsigned char)e[-1]))
		e--;
	*end = e;
	return q;
}

/* 1 when an enumerator on cell line k, at indentation ind, opens a list
 * item (docutils' is_enumerated_list_item): the next line is missing, blank,
 * indented deeper or starts with an enumerator too ("A. Smith wrote" over
 * a line of text is a paragraph). */
static int enum_ok(const rst_ctx *x, size_t k, unsigned ind)
{
	if (k + 1 >= x->nseg)
		return 1;
	const char *p = x->text + x->segs[k + 1].off, *e = p + x->segs[k + 1].len;
	unsigned ni;
	const char *q = cell_line(p, &e, &ni);
	int en;
	return q == e || ni > ind || (bullet_len(q, e, &en) && en);
}

/* How the lines of a cell are being read. */
enum {
	C_TEXT,   /* paragraphs and list items */
	C_SKIP,   /* a comment, target or substitution definition: dropped with its body */
	C_OPTS,   /* the ":option:" lines after a directive: dropped */
	C_LIT,    /* a literal block or a code directive's body: text as written */
};

void rst_cell_fill(rst_ctx *x, dd_cell *cell, size_t empty_off)
{
	const char *text = x->text;
	int open = 0, item = 0, have = 0, mode = C_TEXT, after_opts = C_TEXT, adopt = 0;
	int skip_ends_at_blank = 0;
	unsigned item_ind = 0, para_ind = 0, base = 0;
	long lit_after = -1; /* a paragraph at this indentation ended in "::" */
	size_t para_off = NPOS;
	cell->off = empty_off;
	dd_buf_reset(&x->raw);
	for (size_t k = 0; k < x->nseg; k++) {
		const char *p = text + x->segs[k].off, *e = p + x->segs[k].len;
		unsigned ind;
		const char *q = cell_line(p, &e, &ind);
		if (q == e) {
			if (mode == C_LIT) {
				if (x->raw.len)
					dd_buf_putc(&x->raw, '\n');
				continue;
			}
			if (mode == C_OPTS)
				mode = after_opts;
			if (mode == C_SKIP && skip_ends_at_blank)
				mode = C_TEXT;
			if (open && close_para(x, cell, para_off, 0))
				lit_after = item ? (long)item_ind : (long)para_ind;
			open = adopt = 0;
			continue;
		}
		if (mode == C_SKIP) {
			if (ind > base)
				continue;
			mode = C_TEXT;
		}
		if (mode == C_OPTS) {
			if (ind > base && *q == ':' && !adopt)
				continue;
			mode = after_opts;
		}
		if (mode == C_TEXT && lit_after >= 0 && ind > (unsigned long)lit_after) {
			mode = C_LIT;
			base = (unsigned)lit_after;
		}
		lit_after = -1;
		if (mode == C_LIT) {
			if (ind > base) {
				if (!have) {
					cell->off = (size_t)(q - text);
					have = 1;
				}
				if (!open)
					para_off = (size_t)(q - text);
				open = 1;
				if (x->raw.len && x->raw.ptr[x->raw.len - 1] != '\n')
					dd_buf_putc(&x->raw, '\n');
				dd_buf_put(&x->raw, q, (size_t)(e - q));
				continue;
			}
			if (open)
				close_para(x, cell, para_off, 1);
			open = 0;
			mode = C_TEXT;
		}
		int starts_block = !open || (item ? ind <= item_ind : ind != para_ind && !adopt);
		if (starts_block && e - q >= 2 && q[0] == '.' && q[1] == '.' &&
		    (e - q == 2 || q[2] == ' ' || q[2] == '\t') && !(e - q > 3 && q[3] == '[')) {
			/* explicit markup: a directive, or a comment, target or
			 * substitution definition (no text of the cell's) */
			if (open)
				close_para(x, cell, para_off, 0);
			open = item = 0;
			base = ind;
			const char *after;
			rst_dir d = rst_directive(q, e, &after);
			if (d == RST_DIR_NONE) {
				mode = C_SKIP;
				skip_ends_at_blank = e - q == 2;
				continue;
			}
			mode = C_OPTS;
			after_opts = d == RST_DIR_CODE ? C_LIT : C_TEXT;
			while (after < e && (*after == ' ' || *after == '\t'))
				after++;
			if (d != RST_DIR_NOTE || after == e)
				continue;
			/* an admonition's first line of content, continued below */
			q = after;
			adopt = 1;
			open = 1;
			para_off = NPOS;
		}
		if (!have) {
			cell->off = (size_t)(q - text);
			have = 1;
		}
		if (rst_is_adornment(q, e)) {
			/* a section title (under a one-line paragraph of its indentation;
			 * docutils: "Unexpected section title.") or a transition: no text
			 * of the cell's */
			int title = open && !item && ind == para_ind && !memchr(x->raw.ptr, '\n', x->raw.len) &&
			            (e - q >= 4 || (size_t)(e - q) >= x->raw.len);
			int transition = e - q >= 4 &&
			                 (!open || (item ? ind <= item_ind : ind != para_ind));
			if (title || transition) {
				if (title)
					dd_buf_reset(&x->raw);
				else if (open)
					close_para(x, cell, para_off, 0);
				open = 0;
				continue;
			}
		}
		int en;
		int bl = bullet_len(q, e, &en);
		if (bl && en && !enum_ok(x, k, ind))
			bl = 0;
		/* a list item opens a block: after a blank line, as a sibling, as
		 * the first text of an empty item, or indented unlike the
		 * paragraph above (docutils: a definition's body) */
		if (bl && (!open || (item ? ind <= item_ind || (ind > item_ind && !x->raw.len)
		                          : ind != para_ind))) {
			if (open)
				close_para(x, cell, para_off, 0);
			open = item = 1;
			item_ind = ind;
			para_off = NPOS;
			const char *m = q;
			q += bl;
			while (q < e && (*q == ' ' || *q == '\t'))
				q++;
			if (q == e)
				continue;
			if (e - q >= 4 && q[0] == '.' && q[1] == '.' && q[2] == ' ' && q[3] != '[' &&
			    rst_directive(q, e, NULL) == RST_DIR_NONE) {
				/* "-  .. _label:": a target (or comment) opening the item */
				mode = C_SKIP;
				base = ind + (unsigned)(q - m);
				skip_ends_at_blank = 0;
				continue;
			}
		} else if (adopt) {
			/* the line after an admonition's first line sets its indentation */
			if (para_off != NPOS) {
				para_ind = ind;
				adopt = 0;
			}
		} else if (!open || (item ? ind <= item_ind : ind != para_ind)) {
			/* a line indented unlike its paragraph starts a new block in
			 * docutils (a block quote, or the text after a list) */
			if (open)
				close_para(x, cell, para_off, 0);
			open = 1;
			item = 0;
			para_ind = ind;
			para_off = NPOS;
		}
		if (para_off == NPOS)
			para_off = (size_t)(q - text);
		if (x->raw.len)
			dd_buf_putc(&x->raw, '\n');
		dd_buf_put(&x->raw, q, (size_t)(e - q));
	}
	if (open)
		close_para(x, cell, para_off, mode == C_LIT);
}

const char *rst_caption(rst_ctx *x, const char *s, size_t n)
{
	dd_buf_reset(&x->out);
	int pending = 0;
	rst_inline(s, n, &x->out, &pending);
	if (!x->out.len)
		return NULL;
	return dd_arena_strndup(x->doc->arena, x->out.ptr, x->out.len);
}
