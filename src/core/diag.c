#include "core.h"

#include <stdarg.h>
#include <string.h>


static const char *const sev_name[] = {"note", "warning", "error"};

void dd_diag_init(dd_diag_sink *d, FILE *out)
{
	d->out = out;
	d->buf = (dd_buf)DD_BUF_INIT;
	d->nerrors = d->nwarnings = d->nnotes = 0;
	d->verbose = 0;
}

/* Length of the sequence at s[i] when it must be escaped in a name -- a
 * control (a newline would end the diagnostic line), a C1 control, a byte
 * that is not UTF-8 -- else 0; *w is the length of the character there. */
static size_t name_bad(const unsigned char *s, size_t i, size_t n, size_t *w)
{
	unsigned char c = s[i];
	*w = 1;
	if (c < 0x20 || c == 0x7F)
		return 1;
	if (c < 0x80)
		return 0;
	if (c == 0xC2 && i + 1 < n && s[i + 1] >= 0x80 && s[i + 1] <= 0x9F)
		return *w = 2;
	size_t k = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2, bad;
	if (i + k > n || !dd_utf8_valid((const char *)s + i, k, &bad))
		return 1;
	*w = k;
	return 0;
}

void dd_diag_put_name(dd_buf *b, const char *name)
{
	const unsigned char *s = (const unsigned char *)name;
	size_t n = strlen(name), i = 0, w;
	int quote = n && s[0] == '"';
	for (; i < n && !quote; i += w)
		quote = name_bad(s, i, n, &w) != 0;
	if (!quote) {
		dd_buf_put(b, name, n);
		return;
	}
	/* in double quotes, C escapes: "a\nb.md" */
	dd_buf_putc(b, '"');
	for (i = 0; i < n; i += w) {
		if (!name_bad(s, i, n, &w) && s[i] != '"' && s[i] != '\\') {
			dd_buf_put(b, name + i, w);
			continue;
		}
		for (size_t j = i; j < i + w; j++) {
			switch (s[j]) {
			case '\n': dd_buf_puts(b, "\\n"); break;
			case '\t': dd_buf_puts(b, "\\t"); break;
			case '\r': dd_buf_puts(b, "\\r"); break;
			case '"': dd_buf_puts(b, "\\\""); break;
			case '\\': dd_buf_puts(b, "\\\\"); break;
			default: dd_buf_printf(b, "\\x%02X", s[j]); break;
			}
		}
	}
	dd_buf_putc(b, '"');
}

static void __attribute__((format(printf, 7, 0)))
emit(dd_diag_sink *d, const char *prefix_name, unsigned line, unsigned col, dd_severity sev,
     int code, const char *fmt, va_list ap)
{
	if (prefix_name) {
		dd_diag_put_name(&d->buf, prefix_name);
		if (line)
			dd_buf_printf(&d->buf, ":%u:%u", line, col);
		dd_buf_puts(&d->buf, ": ");
	} else
		dd_buf_puts(&d->buf, "docdrift: ");
	dd_buf_printf(&d->buf, "%s: ", sev_name[sev]);
	dd_buf_vprintf(&d->buf, fmt, ap);
	dd_buf_printf(&d->buf, " [DD-%03d]\n", code);
	if (sev == DD_ERROR)
		d->nerrors++;
	else if (sev == DD_WARNING)
		d->nwarnings++;
	else
		d->nnotes++;
}

void dd_diag(dd_diag_sink *d, dd_source *src, size_t off, dd_severity sev, int code,
             const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dd_vdiag(d, src, off, sev, code, fmt, ap);
	va_end(ap);
}

void dd_vdiag(dd_diag_sink *d, dd_source *src, size_t off, dd_severity sev, int code,
              const char *fmt, va_list ap)
{
	unsigned line = 0, col = 0;
	if (src && off != (size_t)-1)
		dd_source_pos(src, off, &line, &col);
	emit(d, src ? src->name : NULL, line, col, sev, code, fmt, ap);
}

void dd_diag_file(dd_diag_sink *d, const char *name, dd_severity sev, int code,
                  const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(d, name, 0, 0, sev, code, fmt, ap);
	va_end(ap);
}

void dd_diag_at(dd_diag_sink *d, const char *name, unsigned line, unsigned col, dd_severity sev,
                int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	emit(d, name, line, col, sev, code, fmt, ap);
	va_end(ap);
}

void dd_diag_flush(dd_diag_sink *d)
{
	if (d->buf.len && d->out) {
		fwrite(d->buf.ptr, 1, d->buf.len, d->out);
		fflush(d->out);
	}
	dd_buf_reset(&d->buf);
}

void dd_diag_append(dd_diag_sink *into, const dd_diag_sink *from)
{
	if (from->buf.len)
		dd_buf_put(&into->buf, from->buf.ptr, from->buf.len);
	into->nerrors += from->nerrors;
	into->nwarnings += from->nwarnings;
	into->nnotes += from->nnotes;
}

void dd_diag_free(dd_diag_sink *d)
{
	if (!d)
		return;
	dd_buf_free(&d->buf);
}
