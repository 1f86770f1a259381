#include "core.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>


static const char *const sev_name[] = {"note", "warning", "error"};

void dd_diag_init(dd_diag_sink *d, FILE *out)
{
	d->out = out;
	d->buf = (dd_buf)DD_BUF_INIT;
	d->nerrors = d->nwarnings = d->nnotes = 0;
	d->verbose = 0;
	d->counts = NULL;
	d->ncounts = d->capcounts = 0;
}

int dd_diag_held(dd_severity sev, int code)
{
	/* notes say what docdrift decided while reading the documents; DD-4xx
	 * warnings how it read cells as status codes; DD-305 is about a character
	 * of the page's text. From 500 on (reconcile, merge, the gate) they are
	 * about the output asked for, and shown. */
	if (code >= 500)
		return 0;
	return sev == DD_NOTE || (sev == DD_WARNING && ((code >= 400 && code < 500) ||
	                                                code == DD_W_HTML_CHAR));
}

static void count(dd_diag_sink *d, dd_severity sev, int code, unsigned n, unsigned held)
{
	size_t i = 0;
	while (i < d->ncounts && (d->counts[i].code != code || d->counts[i].sev != sev))
		i++;
	if (i == d->ncounts) {
		DD_GROW(d->counts, d->ncounts, d->capcounts);
		d->counts[d->ncounts++] = (dd_diag_count){code, sev, 0, 0};
	}
	d->counts[i].n += n;
	d->counts[i].held += held;
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
	if (sev != DD_ERROR) {
		int held = !d->verbose && dd_diag_held(sev, code);
		count(d, sev, code, 1, (unsigned)held);
		if (held) {
			if (sev == DD_WARNING)
				d->nwarnings++;
			else
				d->nnotes++;
			return;
		}
	}
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
	for (size_t i = 0; i < from->ncounts; i++)
		count(into, from->counts[i].sev, from->counts[i].code, from->counts[i].n,
		      from->counts[i].held);
}

/* What a code is about, for the summary (doc/diagnostics.md says more). */
static const char *code_what(int code)
{
	static const struct {
		int code;
		const char *what;
	} whats[] = {
		{DD_W_NO_TABLE, "a path named on the command line with no status- or error-code table"},
		{DD_W_CONTROL, "a control character in the input, read as U+FFFD"},
		{DD_N_SKIPPED, "a file with no status- or error-code table"},
		{DD_W_GRID_AFTER, "no blank line after a grid table"},
		{DD_W_GRID_PIPE, "a '|' by a column boundary, read as cell text"},
		{DD_N_GRID_FLAT, "a grid table recovered from a flattened layout"},
		{DD_N_MD_CHROME, "page text dropped from the end of a pipe table"},
		{DD_W_HTML_SPAN, "a rowspan or colspan clipped"},
		{DD_W_HTML_CHAR, "a character HTML does not allow, dropped"},
		{DD_N_COLUMN_ROLE, "a column's role decided by its content"},
		{DD_W_BAD_KEY, "a row whose key is not a status (or error) code, skipped"},
		{DD_W_DUP_KEY, "a status code more than once in one table"},
		{DD_N_TABLE_SKIPPED, "a table that is not a status- or error-code table, skipped"},
		{DD_N_HEADER_DATA, "a header row read as a data row"},
		{DD_N_SPAN_ROLES, "a cell spanning name and description, read once"},
		{DD_W_KEY_TEXT, "text after the code that differs from the name cell"},
		{DD_W_PREFER, "a --prefer entry that matches no variant"},
		{DD_W_CSV_FILE, "a csv-table :file: or :url: not read"},
	};
	for (size_t i = 0; i < sizeof whats / sizeof whats[0]; i++)
		if (whats[i].code == code)
			return whats[i].what;
	return "";
}

static int by_code(const void *a, const void *b)
{
	const dd_diag_count *x = a, *y = b;
	if (x->code != y->code)
		return x->code < y->code ? -1 : 1;
	return (int)y->sev - (int)x->sev;
}

void dd_diag_summary(dd_diag_sink *d)
{
	unsigned held_w = 0, held_n = 0;
	for (size_t i = 0; i < d->ncounts; i++) {
		if (d->counts[i].sev == DD_WARNING)
			held_w += d->counts[i].held;
		else
			held_n += d->counts[i].held;
	}
	if (!d->ncounts || (!d->verbose && !held_w && !held_n))
		return;
	qsort(d->counts, d->ncounts, sizeof *d->counts, by_code);
	if (d->verbose) {
		dd_buf_puts(&d->buf, "docdrift: warnings and notes by code:\n");
	} else {
		dd_buf_puts(&d->buf, "docdrift: ");
		if (held_w)
			dd_buf_printf(&d->buf, "%u warning%s%s", held_w, held_w == 1 ? "" : "s",
			              held_n ? " and " : "");
		if (held_n)
			dd_buf_printf(&d->buf, "%u note%s", held_n, held_n == 1 ? "" : "s");
		dd_buf_puts(&d->buf, " not shown (-v lists them):\n");
	}
	for (size_t i = 0; i < d->ncounts; i++) {
		const dd_diag_count *c = &d->counts[i];
		if (!d->verbose && !c->held)
			continue;
		dd_buf_printf(&d->buf, "  DD-%03d %7u %-9s%s\n", c->code, c->n,
		              c->sev == DD_WARNING ? (c->n == 1 ? "warning" : "warnings")
		                                   : (c->n == 1 ? "note" : "notes"),
		              code_what(c->code));
	}
	dd_diag_flush(d);
}

void dd_diag_free(dd_diag_sink *d)
{
	if (!d)
		return;
	dd_buf_free(&d->buf);
	free(d->counts);
	d->counts = NULL;
	d->ncounts = d->capcounts = 0;
}
