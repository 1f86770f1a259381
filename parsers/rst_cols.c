/* rst_cols.c - the columns of RST table lines, which every RST table reader
 * uses: tabs expanded to 8-column stops, East Asian wide characters two
 * columns, Unicode spaces blank (docutils strips them from line ends), and
 * the characters named for messages. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "rst_internal.h"

/* Columns of the non-ASCII character at t[p] (2 when East Asian wide, else
 * 1); its byte length in *len (1 for a byte utf8proc cannot decode). */
static unsigned utf8_columns(const char *t, size_t p, size_t e, size_t *len)
{
	utf8proc_int32_t cp;
	utf8proc_ssize_t k = utf8proc_iterate((const utf8proc_uint8_t *)t + p,
	                                      (utf8proc_ssize_t)(e - p), &cp);
	if (k <= 0) {
		*len = 1;
		return 1;
	}
	*len = (size_t)k;
	return utf8proc_charwidth(cp) == 2 ? 2 : 1;
}

int rst_uni_space(const char *t, size_t p, size_t e)
{
	utf8proc_int32_t cp;
	if (utf8proc_iterate((const utf8proc_uint8_t *)t + p, (utf8proc_ssize_t)(e - p), &cp) <= 0)
		return 0;
	return cp == 0x85 || cp == 0xA0 || cp == 0x1680 || (cp >= 0x2000 && cp <= 0x200A) ||
	       cp == 0x2028 || cp == 0x2029 || cp == 0x202F || cp == 0x205F || cp == 0x3000;
}

/* 1 when one of the 8 bytes of w is >= 0x80 or < 0x0e (tab, VT, FF, CR and
 * the other low controls): the bytes that are not one column of their own
 * class. Exact per byte: below 0x80 no borrow crosses into the next byte. */
static inline int special8(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ULL, high = 0x8080808080808080ULL;
	return ((w | ~((w | high) - 0x0e * ones)) & high) != 0;
}

static inline int special(unsigned char b)
{
	return b >= 0x80 || b < 0x0e;
}

size_t rst_expand(const rst_ctx *x, size_t i, unsigned from, unsigned char *ch, uint32_t *at,
                  size_t cap, size_t base)
{
	const char *t = x->text;
	size_t p = x->ls[i], e = rst_line_end(x, i);
	size_t col = 0, width = 0;
	while (p < e) {
		/* A run of printable ASCII (nearly every byte of a table line) is one
		 * column per byte, each its own class: copied as a block, 8 bytes
		 * tested at a time. */
		size_t q = p;
		for (uint64_t w; q + 8 <= e; q += 8) {
			memcpy(&w, t + q, 8);
			if (special8(w))
				break;
		}
		while (q < e && !special((unsigned char)t[q]))
			q++;
		if (q > p) {
			size_t n = q - p, skip = col < from ? (from - col < n ? from - col : n) : 0;
			if (skip < n) {
				size_t c0 = col + skip - from, a = p + skip, m = n - skip;
				if (ch && c0 < cap) {
					size_t k = m < cap - c0 ? m : cap - c0;
					memcpy(ch + c0, t + a, k);
					uint32_t o = (uint32_t)(a - base);
					for (size_t j = 0; j < k; j++)
						at[c0 + j] = o + (uint32_t)j;
				}
				size_t r = q;
				while (r > a && t[r - 1] == ' ')
					r--;
				if (r > a)
					width = c0 + (r - a);
			}
			col += n;
			p = q;
			if (p == e)
				break;
		}
		unsigned char b = (unsigned char)t[p];
		size_t len = 1;
		unsigned w = 1, cls = b;
		if (b == '\t') {
			w = DD_RST_TAB - (unsigned)(col % DD_RST_TAB);
			cls = ' ';
		} else if (b == '\r' || b == '\f' || b == '\v') {
			cls = ' ';
		} else if (b >= 0x80) {
			w = utf8_columns(t, p, e, &len);
			cls = rst_uni_space(t, p, e) ? ' ' : RST_OTHER;
		}
		for (unsigned k = 0; k < w; k++, col++) {
			if (col < from)
				continue;
			size_t c = col - from;
			if (ch && c < cap) {
				ch[c] = (unsigned char)(k == 0 || cls == ' ' ? cls : RST_PAD);
				at[c] = (uint32_t)(p - base);
			}
			if (cls != ' ')
				width = c + 1;
		}
		p += len;
	}
	return width;
}

int rst_plain(const char *s, size_t n)
{
	size_t k = 0;
	for (uint64_t w; k + 8 <= n; k += 8) {
		memcpy(&w, s + k, 8);
		if (special8(w))
			return 0;
	}
	while (k < n && !special((unsigned char)s[k]))
		k++;
	return k == n;
}

size_t rst_column_off(const rst_ctx *x, size_t i, unsigned from, size_t col, size_t base)
{
	unsigned char *ch = dd_xrealloc(NULL, col + 1);
	uint32_t *at = dd_xrealloc(NULL, (col + 1) * sizeof *at);
	rst_expand(x, i, from, ch, at, col + 1, base);
	size_t off = base + at[col];
	free(ch);
	free(at);
	return off;
}

const char *rst_width_why(const rst_ctx *x, size_t i, size_t w, char *buf, size_t cap)
{
	const char *t = x->text;
	size_t p = x->ls[i], e = rst_line_end(x, i), chars = 0, last = 0;
	int tab = 0, wide = 0;
	while (p < e && (t[p] == ' ' || t[p] == '\t' || t[p] == '\f' || t[p] == '\v'))
		p++; /* indentation is not part of the width */
	while (p < e) {
		unsigned char b = (unsigned char)t[p];
		size_t len = 1;
		chars++;
		if (b == '\t') {
			tab = 1;
		} else if (b >= 0x80) {
			wide |= utf8_columns(t, p, e, &len) == 2;
		}
		if (b != ' ' && b != '\t' && b != '\r' && b != '\f' && b != '\v')
			last = chars;
		p += len;
	}
	buf[0] = '\0';
	if (last != w && (tab || wide))
		snprintf(buf, cap, " (%zu characters; %s%s%s)", last,
		         tab ? "a tab expands to the next 8-column stop" : "", tab && wide ? ", " : "",
		         wide ? "an East Asian wide character takes two columns" : "");
	return buf;
}

const char *rst_char_name(const rst_ctx *x, size_t off, char buf[8])
{
	if (off >= x->len || x->text[off] == '\n')
		return "the end of the line";
	unsigned char b = (unsigned char)x->text[off];
	if (b == ' ' || b == '\t')
		return "a space";
	size_t n = 1;
	while (n < 4 && off + n < x->len && ((unsigned char)x->text[off + n] & 0xC0) == 0x80)
		n++;
	buf[0] = '\'';
	memcpy(buf + 1, x->text + off, n);
	buf[n + 1] = '\'';
	buf[n + 2] = 0;
	return buf;
}
