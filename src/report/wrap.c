/* wrap.c - fitting the text report to a terminal: display widths (ANSI
 * escapes, wide and combining characters) and wrapping at spaces. */
#include "report_internal.h"

#include <string.h>

#include <utf8proc.h>

/* Bytes of the ANSI escape (ESC [ ... final byte) at s, or 0. */
static size_t escape_len(const char *s, size_t n)
{
	if (n < 2 || s[0] != '\033' || s[1] != '[')
		return 0;
	size_t i = 2;
	while (i < n && (unsigned char)s[i] >= 0x20 && (unsigned char)s[i] < 0x40)
		i++;
	return i < n ? i + 1 : n;
}

/* Bytes of the character (or escape) at s, and its columns in *w. */
static size_t char_at(const char *s, size_t n, size_t *w)
{
	size_t e = escape_len(s, n);
	if (e) {
		*w = 0;
		return e;
	}
	if (*s == DD_REP_GLUE) {
		*w = 1;
		return 1;
	}
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
	if (k <= 0) { /* not UTF-8 (report text never is): one column per byte */
		*w = 1;
		return 1;
	}
	int cw = utf8proc_charwidth(cp);
	*w = cp < 0x20 ? 0 : (size_t)(cw < 0 ? 0 : cw);
	return (size_t)k;
}

size_t dd_rep_width(const char *s, size_t n)
{
	size_t cols = 0;
	for (size_t i = 0; i < n;) {
		if ((unsigned char)s[i] < 0x80 && s[i] != '\033') {
			cols += (unsigned char)s[i] >= 0x20 || s[i] == DD_REP_GLUE;
			i++;
			continue;
		}
		size_t w;
		i += char_at(s + i, n - i, &w);
		cols += w;
	}
	return cols;
}

/* Appends s[0..n), glue as spaces. */
static void put_glued(dd_buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		dd_buf_putc(out, s[i] == DD_REP_GLUE ? ' ' : s[i]);
}

/* Where to cut a word that does not fit in room columns: after the last
 * '/' that fits (a path), else after as many characters as fit (at least
 * one). Returns the bytes of s[0..n) to put on this line. */
static size_t cut_at(const char *s, size_t n, size_t room)
{
	size_t col = 0, slash = 0, fit = 0;
	for (size_t i = 0; i < n;) {
		size_t w, len = char_at(s + i, n - i, &w);
		if (col + w > room)
			break;
		col += w;
		i += len;
		fit = i;
		if (s[i - 1] == '/')
			slash = i;
	}
	if (slash)
		return slash;
	if (!fit) { /* not even one character: take it anyway */
		size_t w;
		fit = char_at(s, n, &w);
	}
	return fit;
}

/* A space right after a word diff's "[-" or "{+" (a change of spacing,
 * "{+ such+}") stays with the words it brackets. */
static int opens_hunk(const char *s, size_t ws, size_t i)
{
	return i >= ws + 2 && (s[i - 1] == '+' || s[i - 1] == '-') &&
	       s[i - 2] == (s[i - 1] == '+' ? '{' : '[');
}

void dd_rep_wrap_line(dd_buf *out, const char *s, size_t n, unsigned width, const char *indent)
{
	size_t ind = dd_rep_width(indent, strlen(indent));
	if (ind + 10 > width) /* a width too narrow for the indent: no indent */
		indent = "", ind = 0;
	size_t i = 0, col = 0;
	while (i < n && s[i] == ' ') { /* the line's own indent stays */
		dd_buf_putc(out, ' ');
		i++;
		col++;
	}
	int content = 0; /* the current line has a word */
	while (i < n) {
		size_t sp = i;
		while (i < n && s[i] == ' ')
			i++;
		size_t gap = i - sp, ws = i;
		while (i < n && (s[i] != ' ' || opens_hunk(s, ws, i)))
			i++;
		if (i == ws)
			break; /* trailing spaces */
		size_t ww = dd_rep_width(s + ws, i - ws);
		if (content && col + gap + ww > width) {
			dd_buf_putc(out, '\n');
			dd_buf_puts(out, indent);
			col = ind;
			gap = 0;
			content = 0;
		}
		for (size_t k = 0; k < gap; k++)
			dd_buf_putc(out, ' ');
		col += gap;
		/* a word wider than what is left of an empty line is cut */
		for (size_t p = ws; p < i;) {
			size_t len = col + dd_rep_width(s + p, i - p) <= width
			                 ? i - p
			                 : cut_at(s + p, i - p, width > col ? width - col : 0);
			put_glued(out, s + p, len);
			col += dd_rep_width(s + p, len);
			p += len;
			if (p < i) {
				dd_buf_putc(out, '\n');
				dd_buf_puts(out, indent);
				col = ind;
			}
		}
		content = 1;
	}
	dd_buf_putc(out, '\n');
}

void dd_rep_wrap(dd_buf *out, const char *s, size_t n, unsigned width, const char *indent)
{
	for (size_t i = 0; i < n;) {
		const char *nl = memchr(s + i, '\n', n - i);
		size_t e = nl ? (size_t)(nl - s) : n;
		dd_rep_wrap_line(out, s + i, e - i, width, indent);
		i = e + 1;
	}
	if (n == 0)
		dd_buf_putc(out, '\n');
}

void dd_rep_put_cut(dd_buf *out, const char *s, size_t cols)
{
	size_t n = strlen(s), col = 0;
	if (dd_rep_width(s, n) <= cols) {
		dd_buf_put(out, s, n);
		return;
	}
	for (size_t i = 0; i < n;) {
		size_t w, len = char_at(s + i, n - i, &w);
		if (col + w + 1 > cols) /* room for the ellipsis */
			break;
		dd_buf_put(out, s + i, len);
		col += w;
		i += len;
	}
	if (cols)
		dd_buf_puts(out, "\xE2\x80\xA6");
}
