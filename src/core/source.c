#include "core.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


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

static int check_utf8(dd_source *src, dd_diag_sink *diags)
{
	size_t bad;
	if (dd_utf8_valid(src->text, src->len, &bad))
		return 0;
	dd_diag(diags, src, bad, DD_ERROR, DD_E_UTF8,
	        "invalid UTF-8 (byte 0x%02X); expected UTF-8 text, convert the file first "
	        "(e.g. iconv -f latin1 -t utf-8)",
	        (unsigned char)src->text[bad]);
	return -1;
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
	normalise(src);
	return check_utf8(src, diags);
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
	if (!is_stdin && fseek(f, 0, SEEK_END) == 0) {
		long sz = ftell(f);
		if (sz > 0)
			cap = (size_t)sz + 2; /* room to see EOF without growing */
		rewind(f);
	}
	if (cap == 0)
		cap = 64 * 1024;
	buf = dd_xmalloc(cap);
	for (;;) {
		if (len + 1 >= cap) {
			cap *= 2;
			char *nb = dd_xrealloc(buf, cap);
			buf = nb;
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
	src->text = buf;
	src->len = len;
	normalise(src);
	return check_utf8(src, diags);
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
	size_t n = 1;
	for (const char *p = src->text, *end = src->text + src->len;
	     (p = memchr(p, '\n', (size_t)(end - p))); p++)
		n++;
	src->lines = dd_xmalloc(n * sizeof *src->lines);
	src->lines[0] = 0;
	size_t k = 1;
	for (const char *p = src->text, *end = src->text + src->len;
	     (p = memchr(p, '\n', (size_t)(end - p))); p++)
		src->lines[k++] = (size_t)(p - src->text) + 1;
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
