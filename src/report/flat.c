/* flat.c - flat findings for spreadsheets and ticket imports: one row per
 * finding of the JSON report, as JSON Lines or as CSV (RFC 4180), with the
 * columns of DD_FLAT_COLUMNS (doc/report-schema.md). */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

static const char *const columns[] = {DD_FLAT_COLUMNS};
#define NCOLS (sizeof columns / sizeof *columns)

/* One row: every column as text, or NULL where the finding has none (JSON
 * null, an empty CSV field); nums: the columns that are JSON numbers,
 * bools the JSON booleans. */
typedef struct flat_row {
	dd_buf v[NCOLS];
	int null[NCOLS];
} flat_row;

enum { C_CODE, C_KIND, C_VARIANT, C_FILE, C_LINE, C_COLUMN, C_FIELD, C_CLASS, C_REASON,
       C_SEVERITY, C_SIMILARITY, C_CANONICAL, C_TEXT, C_DIFF, C_AGAINST, C_SYSTEMATIC,
       C_BASELINE, C_FINGERPRINT };

static void row_fill(flat_row *w, const dd_recon *r, const dd_gate *g, size_t ci, size_t k)
{
	const dd_aligned *cd = &r->codes[ci];
	const dd_finding *fd = &cd->f[k];
	const dd_gate_item *it = g ? dd_gate_item_of(g, ci, k) : NULL;
	for (size_t c = 0; c < NCOLS; c++) {
		dd_buf_reset(&w->v[c]);
		w->null[c] = 1;
	}
#define SET(col, ...) (dd_buf_printf(&w->v[col], __VA_ARGS__), w->null[col] = 0)
	SET(C_CODE, "%s", cd->key);
	SET(C_KIND, "%s", dd_rep_kind(r));
	SET(C_VARIANT, "%s", r->var[fd->variant].label);
	SET(C_FILE, "%s", fd->rec ? fd->rec->file : r->var[fd->variant].file);
	if (fd->rec) {
		SET(C_LINE, "%u", fd->rec->line);
		SET(C_COLUMN, "%u", fd->rec->column);
	}
	if (fd->field >= 0)
		SET(C_FIELD, "%s", dd_field_name(fd->field));
	SET(C_CLASS, "%s", dd_class_name(fd->cls));
	if (fd->cls == DD_CLASS_REFERENCE)
		SET(C_REASON, "%s", dd_reason_name(fd->reason));
	SET(C_SEVERITY, "%s", dd_level_name(dd_rep_level(r, g, ci, k)));
	if (fd->field >= 0) {
		SET(C_SIMILARITY, "%.3f", (double)(long)(fd->similarity * 1000 + 0.5) / 1000);
		const dd_canon *cn = &cd->canon[fd->field];
		w->null[C_CANONICAL] = w->null[C_TEXT] = w->null[C_DIFF] = 0;
		dd_rep_joined(&w->v[C_CANONICAL], cn->value, "\n");
		dd_rep_joined(&w->v[C_TEXT], fd->value, "\n");
		dd_finding_diff(cd, fd, DD_DIFF_PLAIN, "", &w->v[C_DIFF]);
		SET(C_SYSTEMATIC, "%s", fd->systematic ? "true" : "false");
		if (fd->neutral)
			SET(C_AGAINST, "%s", r->var[fd->against].label);
	}
	if (it && (it->state != DD_GATE_OPEN || it->supp))
		SET(C_BASELINE, "%s", dd_gate_state_name(it->state));
	if (it)
		SET(C_FINGERPRINT, "%s", it->fp);
#undef SET
}

static void row_free(flat_row *w)
{
	for (size_t c = 0; c < NCOLS; c++)
		dd_buf_free(&w->v[c]);
}

static const char *text_of(const dd_buf *b)
{
	return b->ptr ? b->ptr : "";
}

/* A row as one compact JSON object, written as it goes (core.h dd_json: the
 * bytes of jansson's JSON_COMPACT | JSON_REAL_PRECISION(3) dump). */
static void jsonl_row(const flat_row *w, dd_buf *out)
{
	dd_json j;
	dd_json_init(&j, out, DD_JSON_COMPACT | DD_JSON_REAL_PRECISION(3));
	dd_json_obj(&j, NULL);
	for (size_t c = 0; c < NCOLS; c++) {
		if (w->null[c])
			dd_json_null(&j, columns[c]);
		else if (c == C_LINE || c == C_COLUMN)
			dd_json_int(&j, columns[c], strtol(text_of(&w->v[c]), NULL, 10));
		else if (c == C_SIMILARITY)
			dd_json_real(&j, columns[c], strtod(text_of(&w->v[c]), NULL));
		else if (c == C_SYSTEMATIC)
			dd_json_bool(&j, columns[c], strcmp(text_of(&w->v[c]), "true") == 0);
		else
			dd_json_strn(&j, columns[c], text_of(&w->v[c]), w->v[c].len);
	}
	dd_json_end(&j);
	dd_buf_putc(out, '\n');
}

/* RFC 4180: a field with a comma, quote, CR or LF is quoted, quotes doubled. */
static void csv_field(dd_buf *out, const char *s, size_t n)
{
	if (!memchr(s, ',', n) && !memchr(s, '"', n) && !memchr(s, '\n', n) && !memchr(s, '\r', n)) {
		dd_buf_put(out, s, n);
		return;
	}
	dd_buf_putc(out, '"');
	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			dd_buf_putc(out, '"');
		dd_buf_putc(out, s[i]);
	}
	dd_buf_putc(out, '"');
}

static void csv_row(const flat_row *w, dd_buf *out)
{
	for (size_t c = 0; c < NCOLS; c++) {
		if (c)
			dd_buf_putc(out, ',');
		csv_field(out, text_of(&w->v[c]), w->v[c].len);
	}
	dd_buf_puts(out, "\r\n");
}

static void each_row(const dd_recon *r, const dd_gate *g, int csv, dd_buf *out, FILE *spill)
{
	flat_row w;
	memset(&w, 0, sizeof w);
	for (size_t ci = 0; ci < r->ncodes; ci++)
		for (size_t k = 0; k < r->codes[ci].nf; k++) {
			dd_rep_spill(out, spill);
			row_fill(&w, r, g, ci, k);
			if (csv)
				csv_row(&w, out);
			else
				jsonl_row(&w, out);
		}
	row_free(&w);
}

void dd_report_jsonl(const dd_recon *r, const dd_gate *g, const dd_report_opts *o, dd_buf *out,
                     FILE *spill)
{
	(void)o;
	each_row(r, g, 0, out, spill);
}

void dd_report_csv(const dd_recon *r, const dd_gate *g, const dd_report_opts *o, dd_buf *out,
                   FILE *spill)
{
	if (!(o && o->continued)) {
		for (size_t c = 0; c < NCOLS; c++)
			dd_buf_printf(out, "%s%s", c ? "," : "", columns[c]);
		dd_buf_puts(out, "\r\n");
	}
	each_row(r, g, 1, out, spill);
}
