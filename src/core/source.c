#include "core.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>


/* Strips a BOM and folds CRLF / lone CR to LF in place. */
static void normalise(dd_source *src)
{
	char *t = src->text;
	size_t n = src->len;
	if (n >= 3 && memcmp(t, "\xEF\xBB\xBF", 3) == 0) {
		memmove(t, t + 3, n - 3);
		n -= 3;
		src->had_bom = 1;
	}
	char *cr = memchr(t, '\r', n);
	if (cr) {
		src->had_crlf = 1;
		size_t w = (size_t)(cr - t);
		for (size_t r = w; r < n; r++) {
			if (t[r] == '\r') {
				t[w++] = '\n';
				if (r + 1 < n && t[r + 1] == '\n')
					r++;
			} else {
				t[w++] = t[r];
			}
		}
		n = w;
	}
	t[n] = '\0';
	src->len = n;
}

/* "UTF-16LE" or "UTF-16BE" when t[0, n) looks like UTF-16: a byte order
 * mark, or NUL in most odd (or even) bytes of its first 4 KiB and in few of
 * the others -- the ASCII part of UTF-16 text, which is valid UTF-8 with a
 * NUL after (or before) every character. Else NULL. */
static const char *utf16(const char *t, size_t n)
{
	const unsigned char *u = (const unsigned char *)t;
	if (n >= 2 && u[0] == 0xFF && u[1] == 0xFE)
		return "UTF-16LE";
	if (n >= 2 && u[0] == 0xFE && u[1] == 0xFF)
		return "UTF-16BE";
	size_t m = n < 4096 ? n & ~(size_t)1 : 4096, z[2] = {0, 0};
	for (size_t i = 0; i < m; i++)
		z[i & 1] += u[i] == 0;
	if (m >= 4 && z[1] * 4 >= m && z[0] * 16 <= m)
		return "UTF-16LE";
	if (m >= 4 && z[0] * 4 >= m && z[1] * 16 <= m)
		return "UTF-16BE";
	return NULL;
}

static int check_utf8(dd_source *src, dd_diag_sink *diags)
{
	size_t bad;
	int ok = dd_utf8_valid(src->text, src->len, &bad);
	const char *u16 = ok && !memchr(src->text, 0, src->len) ? NULL : utf16(src->text, src->len);
	if (u16) {
		dd_diag(diags, src, 0, DD_ERROR, DD_E_UTF8,
		        "the file is %s, not UTF-8; convert it first (e.g. iconv -f %s -t utf-8)", u16,
		        u16);
		return -1;
	}
	if (ok)
		return 0;
	dd_diag(diags, src, bad, DD_ERROR, DD_E_UTF8,
	        "invalid UTF-8 (byte 0x%02X); expected UTF-8 text, convert the file first "
	        "(e.g. iconv -f latin1 -t utf-8)",
	        (unsigned char)src->text[bad]);
	return -1;
}

/* Length of the control character at s[i]: NUL and the other C0 controls
 * but tab, LF, VT and FF (CR is gone by now), DEL, and the C1 controls
 * U+0080-U+009F; 0 for anything else. s is valid UTF-8. */
static size_t control_at(const unsigned char *s, size_t i, size_t n)
{
	unsigned char c = s[i];
	if (c < 0x20)
		return c == '\t' || c == '\n' || c == '\v' || c == '\f' ? 0 : 1;
	if (c == 0x7F)
		return 1;
	return c == 0xC2 && i + 1 < n && s[i + 1] <= 0x9F ? 2 : 0;
}

static const char *control_name(const unsigned char *s, char buf[16])
{
	static const char c0[32][4] = {
		"NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF",
		"VT",  "FF",  "CR",  "SO",  "SI",  "DLE", "DC1", "DC2", "DC3", "DC4", "NAK",
		"SYN", "ETB", "CAN", "EM",  "SUB", "ESC", "FS",  "GS",  "RS",  "US"};
	unsigned cp = s[0] == 0xC2 ? s[1] : s[0];
	snprintf(buf, 16, "U+%04X%s%s%s", cp, cp < 0x20 || cp == 0x7F ? " (" : "",
	         cp < 0x20 ? c0[cp] : cp == 0x7F ? "DEL" : "", cp < 0x20 || cp == 0x7F ? ")" : "");
	return buf;
}

/* 1 when s[0, 32) is printable ASCII, tab, LF, VT or FF: no control
 * character and nothing for the byte loop to look at. Branch-free, so the
 * compiler makes it a few vector instructions. */
static inline int plain_block(const unsigned char *s)
{
	unsigned char bad = 0; /* bytes, not ints: no widening in the vector code */
	for (int k = 0; k < 32; k++) {
		unsigned char c = s[k];
		bad |= (unsigned char)((c < 0x20) & ((unsigned char)(c - '\t') > '\f' - '\t'));
		bad |= (unsigned char)(c >= 0x7F);
	}
	return !bad;
}

/* One rule for every format: a control character in the text (NUL, ESC,
 * BEL...) is read as U+FFFD, with one DD-009 warning at the first, so no
 * parser truncates at a NUL or passes an escape sequence on to a terminal. */
static void replace_controls(dd_source *src, dd_diag_sink *diags)
{
	const unsigned char *s = (const unsigned char *)src->text;
	size_t n = src->len, first = n, count = 0, grow = 0;
	for (size_t i = 0; i < n;) {
		if (i + 32 <= n && plain_block(s + i)) {
			i += 32;
			continue;
		}
		size_t k = control_at(s, i, n);
		if (k) {
			if (!count++)
				first = i;
			grow += 3 - k;
			i += k;
		} else {
			i++;
		}
	}
	if (!count)
		return;
	char name[16];
	control_name(s + first, name);
	char *t = dd_xmalloc(n + grow + 1);
	size_t w = 0;
	for (size_t i = 0; i < n;) {
		size_t k = control_at(s, i, n);
		if (k) {
			memcpy(t + w, "\xEF\xBF\xBD", 3);
			w += 3;
			i += k;
		} else {
			t[w++] = (char)s[i++];
		}
	}
	t[w] = '\0';
	free(src->text);
	src->text = t;
	src->len = w;
	if (count == 1)
		dd_diag(diags, src, first, DD_WARNING, DD_W_CONTROL,
		        "control character %s in the text, read as U+FFFD", name);
	else
		dd_diag(diags, src, first, DD_WARNING, DD_W_CONTROL,
		        "control character %s in the text, read as U+FFFD (and %zu more in this file)",
		        name, count - 1);
}

/* After loading: normalised, checked, controls replaced. */
static int finish(dd_source *src, dd_diag_sink *diags)
{
	normalise(src);
	if (check_utf8(src, diags) != 0)
		return -1;
	replace_controls(src, diags);
	return 0;
}

int dd_source_init_mem(dd_source *src, const char *name, const char *bytes, size_t n,
                       dd_diag_sink *diags)
{
	memset(src, 0, sizeof *src);
	src->name = name;
	src->text = dd_xmalloc(n + 1);
	if (n)
		memcpy(src->text, bytes, n);
	src->len = n;
	return finish(src, diags);
}

int dd_source_load(dd_source *src, const char *path, dd_diag_sink *diags)
{
	memset(src, 0, sizeof *src);
	int is_stdin = strcmp(path, "-") == 0;
	src->name = is_stdin ? "<stdin>" : path;
	FILE *f = is_stdin ? stdin : fopen(path, "rb");
	if (!f) {
		dd_diag_file(diags, path, DD_ERROR, DD_E_READ, "cannot open: %s", strerror(errno));
		return -1;
	}
	size_t cap = 0, len = 0;
	char *buf = NULL;
	struct stat st;
	if (fstat(fileno(f), &st) == 0 && S_ISREG(st.st_mode)) {
		if ((uintmax_t)st.st_size > DD_MAX_INPUT_BYTES) {
			if (!is_stdin)
				fclose(f);
			dd_diag_file(diags, src->name, DD_ERROR, DD_E_TOO_BIG,
			             "file of %jd bytes; the limit is %u MiB (DD_MAX_INPUT_BYTES)",
			             (intmax_t)st.st_size, DD_MAX_INPUT_BYTES >> 20);
			return -1;
		}
		if (st.st_size > 0)
			cap = (size_t)st.st_size + 2; /* room to see EOF without growing */
	}
	if (cap == 0)
		cap = 64 * 1024;
	buf = dd_xmalloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			if (len > DD_MAX_INPUT_BYTES)
				break; /* an endless stream (/dev/zero) or a device */
			cap = cap * 2 < DD_MAX_INPUT_BYTES + 2 ? cap * 2 : DD_MAX_INPUT_BYTES + 2;
			buf = dd_xrealloc(buf, cap);
		}
		size_t got = fread(buf + len, 1, cap - len - 1, f);
		len += got;
		if (got == 0)
			break;
	}
	int err = ferror(f);
	int saved = errno;
	if (!is_stdin)
		fclose(f);
	if (err) {
		free(buf);
		dd_diag_file(diags, src->name, DD_ERROR, DD_E_READ, "cannot read: %s",
		             strerror(saved ? saved : EIO));
		return -1;
	}
	if (len > DD_MAX_INPUT_BYTES) {
		free(buf);
		dd_diag_file(diags, src->name, DD_ERROR, DD_E_TOO_BIG,
		             "input is over the %u MiB limit (DD_MAX_INPUT_BYTES); not read further",
		             DD_MAX_INPUT_BYTES >> 20);
		return -1;
	}
	src->text = buf;
	src->len = len;
	return finish(src, diags);
}

void dd_source_free(dd_source *src)
{
	if (!src)
		return;
	free(src->text);
	free(src->lines);
	src->text = NULL;
	src->lines = NULL;
	src->len = src->nlines = 0;
}

static void build_lines(dd_source *src)
{
	const char *t = src->text ? src->text : ""; /* memchr(NULL, c, 0) is undefined */
	size_t n = 1;
	for (const char *p = t, *end = t + src->len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	src->lines = dd_xmalloc(n * sizeof *src->lines);
	src->lines[0] = 0;
	size_t k = 1;
	for (const char *p = t, *end = t + src->len; (p = memchr(p, '\n', (size_t)(end - p))); p++)
		src->lines[k++] = (size_t)(p - t) + 1;
	src->nlines = n;
}

void dd_source_pos(dd_source *src, size_t off, unsigned *line, unsigned *col)
{
	if (!src->lines)
		build_lines(src);
	if (off > src->len)
		off = src->len;
	size_t lo = src->last_line;
	if (src->last_col && off >= src->last_off &&
	    (lo + 1 >= src->nlines || off < src->lines[lo + 1])) {
		src->last_col += dd_utf8_count(src->text + src->last_off, off - src->last_off);
		src->last_off = off;
		*line = (unsigned)(lo + 1);
		*col = (unsigned)src->last_col;
		return;
	}
	lo = 0;
	size_t hi = src->nlines;
	while (hi - lo > 1) {
		size_t mid = lo + (hi - lo) / 2;
		if (src->lines[mid] <= off)
			lo = mid;
		else
			hi = mid;
	}
	*line = (unsigned)(lo + 1);
	*col = (unsigned)(dd_utf8_count(src->text + src->lines[lo], off - src->lines[lo]) + 1);
	src->last_off = off;
	src->last_line = lo;
	src->last_col = *col;
}
