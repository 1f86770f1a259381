/* render.h - status-code records rendered as one table in md, rst, html,
 * csv or json.
 *
 * Every format has the same shape (as lowdown's renderers do): render.c
 * builds one format-neutral view of the records (columns "Status Code",
 * "Name", "Description", then one column per extra header, union over the
 * records in first-seen order) and hands it to the format's table function,
 * which appends to a dd_buf. The renderers escape text so that reading the
 * output back with docdrift's parsers (or docutils, a GFM parser, an XML
 * parser, an RFC 4180 reader, a JSON parser) gives the paragraphs back
 * byte for byte. doc/formats.md states each format's conventions. */
#ifndef DD_RENDER_H
#define DD_RENDER_H

#include <stddef.h>

#include "core/core.h"

typedef enum dd_render_format {
	DD_RENDER_MD,
	DD_RENDER_RST,
	DD_RENDER_HTML,
	DD_RENDER_CSV,
	DD_RENDER_JSON
} dd_render_format;

/* "md"|"markdown"|"rst"|"html"|"csv"|"json" -> 0 and *f; anything else -> -1
 * (*f untouched). */
int dd_render_format_parse(const char *name, dd_render_format *f);
/* The canonical name of f ("md", "rst", ...), for messages. */
const char *dd_render_format_name(dd_render_format f);

typedef struct dd_render_opts {
	const char *caption;  /* table title, or NULL: md paragraph before the table,
	                         rst `.. table::` argument, html <caption>; csv and
	                         json have no place for it and ignore it */
} dd_render_opts;

/* Renders recs[0..n) as one table and appends it to out. o may be NULL.
 * Only key, name, desc and extra of each record are used; a record lacking
 * one of the extra headers gets an empty cell. n == 0 gives the header alone
 * (json: an empty array). */
void dd_render_table(dd_render_format f, const dd_record *recs, size_t n,
                     const dd_render_opts *o, dd_buf *out);

/* ---- for the renderers (render_*.c) only ---- */

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
} dd_rtable;

enum { DD_RCOL_KEY, DD_RCOL_NAME, DD_RCOL_DESC, DD_RCOL_EXTRA };

void dd_render_md(const dd_rtable *t, dd_buf *out);
void dd_render_rst(const dd_rtable *t, dd_buf *out);
void dd_render_html(const dd_rtable *t, dd_buf *out);
void dd_render_csv(const dd_rtable *t, dd_buf *out);
void dd_render_json(const dd_rtable *t, dd_buf *out);

#endif
