/* render_internal.h - the neutral table view render.c hands to each
 * format's renderer (render_*.c); not for other folders. */
#ifndef DD_RENDER_INTERNAL_H
#define DD_RENDER_INTERNAL_H

#include "render.h"

/* One cell: its paragraphs (key and name are one paragraph, or none when empty). */
typedef struct dd_rcell {
	const dd_para *paras;
	unsigned npara;
} dd_rcell;

/* The neutral view: ncols headers, nrows rows of ncols cells, row-major. */
typedef struct dd_rtable {
	unsigned ncols;          /* 3 + number of distinct extra headers */
	const char **heads;
	size_t nrows;
	const dd_rcell *cells;   /* cells[r * ncols + c] */
	const dd_record *recs;   /* the records themselves (json uses them directly) */
	const char *caption;     /* or NULL */
	const unsigned char *wrap;  /* per column: a description or extra column */
	const dd_render_opts *o;    /* never NULL */
	dd_diag_sink *diags;        /* where a table a format cannot hold is said, or NULL */
} dd_rtable;

void dd_render_md(const dd_rtable *t, dd_buf *out);
/* -1 (and nothing written) when the table would be wider than the RST parser reads */
int dd_render_rst(const dd_rtable *t, dd_buf *out);
void dd_render_html(const dd_rtable *t, dd_buf *out);
void dd_render_csv(const dd_rtable *t, dd_buf *out);
void dd_render_json(const dd_rtable *t, dd_buf *out);
/* A record's members key, kind, name, description, (status, solution,)
 * extra into the open object of w, a NULL text as "": what merge's JSON and
 * extract's listing share. */
void dd_render_json_fields(dd_json *w, const dd_record *r);

#endif
