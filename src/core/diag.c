#include "core.h"

#include <stdarg.h>


static const char *const sev_name[] = {"note", "warning", "error"};

void dd_diag_init(dd_diag_sink *d, FILE *out)
{
	d->out = out;
	d->buf = (dd_buf)DD_BUF_INIT;
	d->nerrors = d->nwarnings = d->nnotes = 0;
	d->verbose = 0;
}

static void __attribute__((format(printf, 7, 0)))
emit(dd_diag_sink *d, const char *prefix_name, unsigned line, unsigned col, dd_severity sev,
     int code, const char *fmt, va_list ap)
{
	if (prefix_name && line)
		dd_buf_printf(&d->buf, "%s:%u:%u: ", prefix_name, line, col);
	else if (prefix_name)
		dd_buf_printf(&d->buf, "%s: ", prefix_name);
	else
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
