/* rst_dir.c - a directive's block, cut as docutils cuts it, for the
 * directives that are tables of their own (list-table, csv-table).
 *
 * Grammar (docutils' parse_directive_block, parse_directive_options):
 *
 *   block     = ".. " NAME "::" [ TEXT ] NL { BLANK | INDENTED-LINE }
 *               ; the lines after the first, up to a non-blank line at the
 *               ; directive's indentation or less, dedented by their least
 *               ; indentation; leading and trailing blank lines dropped
 *   arguments = the block's lines up to the first blank line: the title,
 *               then (from the first line that is a field marker) options
 *   option    = ":" NAME ":" [ " " VALUE ] { INDENTED-LINE }
 *   content   = the lines after that blank line, leading blanks dropped
 *
 * An option block with a line that is neither a field marker nor indented
 * under one is refused ("invalid option block"), as docutils refuses it. */
#include <stdlib.h>
#include <string.h>

#include "rst_internal.h"

/* Byte offset of column col on line i (or of its first non-blank byte
 * before it), tabs to 8-column stops. */
static size_t col_off(const rst_ctx *x, size_t i, unsigned col)
{
	size_t p = x->ls[i], e = rst_line_end(x, i);
	unsigned c = 0;
	while (p < e && c < col && (x->text[p] == ' ' || x->text[p] == '\t')) {
		c = x->text[p] == '\t' ? (c / DD_RST_TAB + 1) * DD_RST_TAB : c + 1;
		p++;
	}
	return p;
}

static size_t rtrim_off(const rst_ctx *x, size_t p, size_t e)
{
	while (e > p && dd_is_space((unsigned char)x->text[e - 1]))
		e--;
	return e;
}

static int seg_blank(const rst_ctx *x, const rst_seg *s)
{
	for (size_t k = 0; k < s->len; k++)
		if (!dd_is_space((unsigned char)x->text[s->off + k]))
			return 0;
	return 1;
}

/* Length of a field marker ":name: " at s (the name in [1, *nlen]), or 0
 * (docutils' field_marker: no space after the first ':' nor before the
 * second, a ':' inside only when not followed by a space, '`' or the end). */
static size_t field_marker(const char *s, size_t n, size_t *nlen)
{
	if (n < 3 || s[0] != ':' || s[1] == ':' || s[1] == ' ')
		return 0;
	for (size_t k = 1; k < n; k++) {
		if (s[k] == '\\') {
			k++;
			continue;
		}
		if (s[k] != ':')
			continue;
		if (k + 1 < n && s[k + 1] != ' ' && s[k + 1] != '`')
			continue; /* an inner ':' */
		if (s[k - 1] == ' ')
			return 0;
		*nlen = k - 1;
		size_t m = k + 1;
		while (m < n && s[m] == ' ')
			m++;
		return m;
	}
	return 0;
}

int rst_dblock_read(rst_ctx *x, size_t i, unsigned ind, const char *after, int code,
                    rst_dblock *b)
{
	memset(b, 0, sizeof *b);
	b->line = i;
	rst_indent(x, i, &b->off);
	size_t e = i + 1;
	unsigned min = (unsigned)-1;
	while (e < x->nl) {
		long li = rst_indent(x, e, NULL);
		if (li >= 0 && (unsigned long)li <= ind)
			break;
		if (li >= 0 && (unsigned)li < min)
			min = (unsigned)li;
		e++;
	}
	b->next = e;
	/* the block's lines: the text after "::", then the dedented ones */
	size_t n = e - i;
	rst_seg *L = dd_xmalloc((n + 1) * sizeof *L);
	size_t a = (size_t)(after - x->text), le = rst_line_end(x, i);
	while (a < le && (x->text[a] == ' ' || x->text[a] == '\t'))
		a++;
	L[0] = (rst_seg){a, rtrim_off(x, a, le) - a};
	for (size_t k = 1; k < n; k++) {
		size_t s = col_off(x, i + k, min), t = rst_line_end(x, i + k);
		L[k] = (rst_seg){s, rtrim_off(x, s, t) - s};
	}
	size_t from = seg_blank(x, &L[0]) ? 1 : 0;
	while (n > from && seg_blank(x, &L[n - 1]))
		n--;
	size_t arg_end = from;
	while (arg_end < n && !seg_blank(x, &L[arg_end]))
		arg_end++;
	/* options: from the first field marker of the argument block */
	size_t opt0 = from;
	size_t nlen;
	while (opt0 < arg_end && !field_marker(x->text + L[opt0].off, L[opt0].len, &nlen))
		opt0++;
	if (opt0 > from) {
		b->title = L[from];
		b->title_end = L[opt0 - 1].off + L[opt0 - 1].len;
	}
	int rc = 0;
	b->opts = dd_xcalloc(arg_end - opt0 + 1, sizeof *b->opts);
	b->opts[0].val = NULL;
	for (size_t k = opt0; k < arg_end; k++) {
		const char *s = x->text + L[k].off;
		size_t m = field_marker(s, L[k].len, &nlen);
		if (m) {
			rst_opt *o = &b->opts[b->nopts++];
			o->name = s + 1;
			o->nlen = nlen;
			o->off = L[k].off;
			o->val = dd_xmalloc((arg_end - k + 1) * sizeof *o->val);
			o->val[o->nval++] = (rst_seg){L[k].off + m, L[k].len - m};
		} else if (b->nopts && (s[0] == ' ' || s[0] == '\t')) {
			rst_opt *o = &b->opts[b->nopts - 1];
			size_t q = 0;
			while (q < L[k].len && (s[q] == ' ' || s[q] == '\t'))
				q++;
			o->val[o->nval++] = (rst_seg){L[k].off + q, L[k].len - q};
		} else {
			rst_err(x, L[k].off, code,
			        "%s: this line of the directive's options is not an option (':name: "
			        "value') nor the value of one; expected a blank line before the content, "
			        "as docutils does (\"invalid option block\")",
			        code == DD_E_LIST_TABLE ? "list-table" : "csv-table");
			rc = -1;
			break;
		}
	}
	size_t c0 = arg_end < n ? arg_end + 1 : n;
	while (c0 < n && seg_blank(x, &L[c0]))
		c0++;
	b->ncontent = n > c0 ? n - c0 : 0;
	b->content = dd_xmalloc((b->ncontent + 1) * sizeof *b->content);
	memcpy(b->content, L + c0, b->ncontent * sizeof *L);
	free(L);
	return rc;
}

void rst_dblock_free(rst_dblock *b)
{
	for (size_t i = 0; i < b->nopts; i++)
		free(b->opts[i].val);
	free(b->opts);
	free(b->content);
	memset(b, 0, sizeof *b);
}

const rst_opt *rst_dblock_opt(const rst_dblock *b, const char *name)
{
	size_t n = strlen(name);
	for (size_t i = 0; i < b->nopts; i++)
		if (b->opts[i].nlen == n && memcmp(b->opts[i].name, name, n) == 0)
			return &b->opts[i];
	return NULL;
}

int rst_dblock_check(rst_ctx *x, const rst_dblock *b, const char *dir, int code,
                     const char *const *allowed)
{
	for (size_t i = 0; i < b->nopts; i++) {
		const rst_opt *o = &b->opts[i];
		const char *const *a = allowed;
		while (*a && !(strlen(*a) == o->nlen && memcmp(*a, o->name, o->nlen) == 0))
			a++;
		if (*a) {
			for (size_t k = 0; k < i; k++)
				if (b->opts[k].nlen == o->nlen && memcmp(b->opts[k].name, o->name, o->nlen) == 0) {
					rst_err(x, o->off, code, "%s: option ':%.*s:' given twice; expected it once",
					        dir, (int)o->nlen, o->name);
					return -1;
				}
			continue;
		}
		dd_buf list = DD_BUF_INIT;
		for (a = allowed; *a; a++)
			dd_buf_printf(&list, "%s:%s:", a == allowed ? "" : ", ", *a);
		rst_err(x, o->off, code, "%s: unknown option ':%.*s:'; expected one of %s", dir,
		        (int)o->nlen, o->name, list.ptr);
		dd_buf_free(&list);
		return -1;
	}
	return 0;
}

long rst_dblock_uint(rst_ctx *x, const rst_dblock *b, const char *name, const char *dir, int code)
{
	const rst_opt *o = rst_dblock_opt(b, name);
	if (!o)
		return 0;
	const char *s = x->text + o->val[0].off;
	size_t n = o->val[0].len, k = 0;
	long v = 0;
	while (k < n && s[k] >= '0' && s[k] <= '9' && v < 100000000)
		v = v * 10 + (s[k++] - '0');
	if (!n || k != n || o->nval > 1) {
		rst_err(x, o->val[0].off, code, "%s: ':%s:' is '%.*s'; expected a whole number (0, 1, "
		        "...)", dir, name, (int)n, s);
		return -1;
	}
	return v;
}

int rst_dblock_widths(rst_ctx *x, const rst_dblock *b, unsigned ncols, const char *dir, int code)
{
	const rst_opt *o = rst_dblock_opt(b, "widths");
	if (!o)
		return 0;
	unsigned count = 0;
	int bad = 0;
	for (size_t l = 0; l < o->nval && !bad; l++) {
		const char *s = x->text + o->val[l].off, *e = s + o->val[l].len;
		if (l == 0 && o->nval == 1 && e - s == 4 && memcmp(s, "auto", 4) == 0)
			return 0;
		while (s < e && !bad) {
			while (s < e && (*s == ' ' || *s == ','))
				s++;
			if (s == e)
				break;
			const char *d = s;
			while (s < e && *s >= '0' && *s <= '9')
				s++;
			bad = s == d || (s < e && *s != ' ' && *s != ',') || (s - d == 1 && *d == '0');
			count++;
		}
	}
	if (bad || !count) {
		rst_err(x, o->val[0].off, code, "%s: ':widths:' is not 'auto' nor a list of positive "
		        "numbers; expected one width per column", dir);
		return -1;
	}
	if (count != ncols) {
		rst_err(x, o->val[0].off, code, "%s: ':widths:' gives %u width%s for %u column%s; "
		        "expected one per column", dir, count, count == 1 ? "" : "s", ncols,
		        ncols == 1 ? "" : "s");
		return -1;
	}
	return 0;
}

void rst_dblock_caption(rst_ctx *x, const rst_dblock *b, dd_table *t)
{
	if (!b->title.len)
		return;
	size_t n = b->title_end - b->title.off;
	t->caption = rst_caption(x, x->text + b->title.off, n);
	if (!t->caption)
		return;
	/* the markup on one line, as a ".. table::" argument is written back */
	dd_buf m = DD_BUF_INIT;
	int pending = 0;
	dd_buf_put_collapsed(&m, x->text + b->title.off, n, &pending);
	t->caption_markup = dd_arena_strndup(x->doc->arena, m.ptr, m.len);
	dd_buf_free(&m);
}

int rst_dblock_table_opts(rst_ctx *x, const rst_dblock *b, const char *dir, int code,
                          const char *const *allowed, long *header_rows, long *stub_columns)
{
	if (rst_dblock_check(x, b, dir, code, allowed) < 0)
		return -1;
	*header_rows = rst_dblock_uint(x, b, "header-rows", dir, code);
	*stub_columns = rst_dblock_uint(x, b, "stub-columns", dir, code);
	return *header_rows < 0 || *stub_columns < 0 ? -1 : 0;
}
