/* json_out.c - the streaming JSON writer (core.h): the bytes of jansson 2.14's
 * json_dumps() (dump.c: do_dump, dump_indent, dump_string; jsonp_dtostr for
 * reals) without building a tree. The reports used to build a jansson tree
 * per code and dump it, which cost more than the reconciliation it reported.
 * Reading JSON, and output too small to matter, stay with jansson. */
#include "core.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

void dd_json_init(dd_json *w, dd_buf *out, unsigned flags)
{
	w->out = out;
	w->flags = flags;
	w->depth = 0;
	w->empty = 0;
	w->arr = 0;
}

/* What a byte asks of the string writer: 0 copy it, 1 escape it, 2 it opens
 * (or continues) a multi-byte sequence to check. */
static const unsigned char byte_class[256] = {
	1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1,
	['"'] = 1, ['\\'] = 1,
	[0x80] = 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
	2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2,
};

/* Length of the well-formed UTF-8 sequence (as jansson's utf8_check_full:
 * no overlong forms, surrogates or code points past U+10FFFF) at s[0..n),
 * or 0. s[0] >= 0x80. */
static size_t utf8_seq(const unsigned char *s, size_t n)
{
	unsigned char c = s[0];
	size_t len;
	if (c >= 0xC2 && c <= 0xDF)
		len = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		len = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		len = 4;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t k = 1; k < len; k++)
		if ((s[k] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && s[1] < 0xA0) || (c == 0xED && s[1] > 0x9F) || (c == 0xF0 && s[1] < 0x90) ||
	    (c == 0xF4 && s[1] > 0x8F))
		return 0;
	return len;
}

void dd_json_put_string(dd_buf *b, const char *str, size_t n)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *s = (const unsigned char *)str, *e = s + n;
	/* room for the quotes and the bytes as they are; escapes grow it more */
	dd_buf_grow(b, n + 2);
	b->ptr[b->len++] = '"';
	while (s < e) {
		const unsigned char *run = s;
		for (;;) {
			/* 8 bytes at a time while none is below 0x20, '"', '\\' or above 0x7F */
			while (e - s >= 8) {
				uint64_t x;
				memcpy(&x, s, 8);
				const uint64_t ones = 0x0101010101010101ull, high = 0x8080808080808080ull;
				uint64_t q = x ^ (ones * '"'), bs = x ^ (ones * '\\');
				uint64_t lt = (x - ones * 0x20) & ~x, zq = (q - ones) & ~q, zb = (bs - ones) & ~bs;
				if ((lt | zq | zb | x) & high)
					break;
				s += 8;
			}
			while (s < e && !byte_class[*s])
				s++;
			size_t k;
			if (s < e && byte_class[*s] == 2 && (k = utf8_seq(s, (size_t)(e - s))) != 0)
				s += k;
			else
				break;
		}
		if (s > run) {
			dd_buf_grow(b, (size_t)(s - run) + 1);
			memcpy(b->ptr + b->len, run, (size_t)(s - run));
			b->len += (size_t)(s - run);
		}
		if (s == e)
			break;
		dd_buf_grow(b, 7);
		char *o = b->ptr + b->len;
		unsigned char c = *s++;
		if (c >= 0x80) { /* a byte of no well-formed sequence */
			memcpy(o, "\xEF\xBF\xBD", 3);
			b->len += 3;
			continue;
		}
		o[0] = '\\';
		switch (c) {
		case '"': o[1] = '"'; break;
		case '\\': o[1] = '\\'; break;
		case '\b': o[1] = 'b'; break;
		case '\f': o[1] = 'f'; break;
		case '\n': o[1] = 'n'; break;
		case '\r': o[1] = 'r'; break;
		case '\t': o[1] = 't'; break;
		default: /* jansson: "\\u%04X" */
			memcpy(o + 1, "u00", 3);
			o[4] = hex[c >> 4];
			o[5] = hex[c & 15];
			b->len += 4;
		}
		b->len += 2;
	}
	dd_buf_grow(b, 1);
	b->ptr[b->len++] = '"';
	b->ptr[b->len] = '\0';
}

/* Starts a member: the separator and layout before it (dump_indent), then
 * its key when it has one, in one go (it runs for every value). */
static void member(dd_json *w, const char *key)
{
	dd_buf *b = w->out;
	size_t kn = key ? strlen(key) : 0;
	unsigned ind = w->flags & 0x1Fu;
	size_t sp = ind ? (size_t)w->depth * ind : 0;
	dd_buf_grow(b, sp + kn + 6); /* ',' '\n' spaces '"' key '"' ':' ' ' */
	char *o = b->ptr + b->len;
	if (w->depth) {
		if (!w->empty)
			*o++ = ',';
		if (ind) {
			*o++ = '\n';
			memset(o, ' ', sp);
			o += sp;
		} else if (!w->empty && !(w->flags & DD_JSON_COMPACT)) {
			*o++ = ' ';
		}
	}
	w->empty = 0;
	if (key) {
		size_t i = 0;
		while (i < kn && !byte_class[(unsigned char)key[i]])
			i++;
		if (i == kn) { /* plain ASCII, as every key docdrift writes */
			*o++ = '"';
			memcpy(o, key, kn);
			o += kn;
			*o++ = '"';
		} else {
			b->len = (size_t)(o - b->ptr);
			dd_json_put_string(b, key, kn);
			dd_buf_grow(b, 2);
			o = b->ptr + b->len;
		}
		*o++ = ':';
		if (!(w->flags & DD_JSON_COMPACT))
			*o++ = ' ';
	}
	b->len = (size_t)(o - b->ptr);
	b->ptr[b->len] = '\0';
}

void dd_json_strn(dd_json *w, const char *key, const char *s, size_t n)
{
	if (!s)
		return;
	member(w, key);
	dd_json_put_string(w->out, s, n);
}

void dd_json_str(dd_json *w, const char *key, const char *s)
{
	if (s)
		dd_json_strn(w, key, s, strlen(s));
}

void dd_json_int(dd_json *w, const char *key, long long v)
{
	member(w, key);
	char d[24], *p = d + sizeof d;
	unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
	do
		*--p = (char)('0' + u % 10);
	while ((u /= 10) != 0);
	if (v < 0)
		*--p = '-';
	dd_buf_put(w->out, p, (size_t)(d + sizeof d - p));
}

/* jsonp_dtostr: "%.*g", ".0" added when
 * there is neither '.' nor 'e', the exponent without '+' or leading zeros. */
void dd_json_real(dd_json *w, const char *key, double v)
{
	int prec = (int)((w->flags >> 11) & 0x1Fu);
	char d[64];
	/* docdrift never calls setlocale(), so the mark is '.' already */
	int n = snprintf(d, sizeof d - 2, "%.*g", prec ? prec : 17, v);
	if (n < 0 || (size_t)n >= sizeof d - 2)
		dd_fatal("cannot format a number for JSON");
	char *ex = strchr(d, 'e');
	if (!strchr(d, '.') && !ex) {
		memcpy(d + n, ".0", 3);
		n += 2;
	} else if (ex) {
		char *q = ex + 1, *r = q;
		if (*r == '+')
			r++;
		else if (*r == '-')
			q++, r++;
		while (*r == '0' && r[1])
			r++;
		memmove(q, r, strlen(r) + 1);
		n = (int)strlen(d);
	}
	member(w, key);
	dd_buf_put(w->out, d, (size_t)n);
}

void dd_json_bool(dd_json *w, const char *key, int v)
{
	member(w, key);
	dd_buf_puts(w->out, v ? "true" : "false");
}

void dd_json_null(dd_json *w, const char *key)
{
	member(w, key);
	dd_buf_puts(w->out, "null");
}

static void open_container(dd_json *w, const char *key, int array)
{
	if (w->depth >= 64)
		dd_fatal("JSON output nested deeper than 64");
	member(w, key);
	dd_buf_putc(w->out, array ? '[' : '{');
	if (array)
		w->arr |= 1ull << w->depth;
	else
		w->arr &= ~(1ull << w->depth);
	w->depth++;
	w->empty = 1;
}

void dd_json_obj(dd_json *w, const char *key)
{
	open_container(w, key, 0);
}

void dd_json_arr(dd_json *w, const char *key)
{
	open_container(w, key, 1);
}

void dd_json_end(dd_json *w)
{
	if (!w->depth)
		dd_fatal("JSON writer: nothing to close");
	w->depth--;
	unsigned ind = w->flags & 0x1Fu;
	if (!w->empty && ind) {
		size_t sp = (size_t)w->depth * ind;
		dd_buf_grow(w->out, sp + 1);
		w->out->ptr[w->out->len++] = '\n';
		memset(w->out->ptr + w->out->len, ' ', sp);
		w->out->len += sp;
	}
	dd_buf_putc(w->out, (w->arr >> w->depth) & 1 ? ']' : '}');
	w->empty = 0;
}
