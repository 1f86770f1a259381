/* render.h - what goes out of docdrift as tables: status-code records
 * rendered as one table in md, rst, html, csv or json (render*.c), the
 * record listings of `docdrift extract` (list.c) and the parsers' tables
 * cell by cell for `docdrift tables` (dump.c).
 *
 * Every table format has the same shape (as lowdown's renderers do): render.c
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
#include <stdio.h>

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
	/* rst: the caption as an RST document wrote it, inline markup kept
	 * ("**Table 1** Status codes"), written as is instead of caption */
	const char *caption_markup;
	/* Column headers by DD_ROLE_* (NULL: "Status Code", "Name",
	 * "Description"; for error codes "Error Code", "Error Message",
	 * "Description", "Status Code", "Solution"). */
	const char *heads[DD_NROLES];
	unsigned char join_name;    /* the name in the key cell ("200 OK"), no name column */
	unsigned char no_name;      /* leave the name column out */
	unsigned char no_desc;      /* leave the description column out */
	unsigned char no_status, no_solution;  /* error codes: leave that column out */
	unsigned char rst_simple;   /* rst: a simple table, not a grid table */
	unsigned char json_table;   /* json: each record says its "table" (1-based) */
	const char *family;         /* json: each record says its "family" (NULL: none) */
	/* rst: wrap description and extra cells at this many columns (at
	 * spaces; a longer word widens its column); 0: one line a paragraph */
	unsigned width;
	/* rst: the least width of each column (ncolw of them, the table's
	 * columns in order; ignored when the count differs), as the source
	 * table laid them out; a simple table's gap between rules (0: one) */
	const unsigned *colw;
	unsigned ncolw, colgap;
} dd_render_opts;

/* The options that render recs[0..n), one source table's records, as that
 * table was: its caption (with its markup), its headers, the name in the
 * key cell or a column of its own, a column it lacks left out, a simple
 * table for an RST simple table. width is left as it was. */
void dd_render_opts_of(const dd_record *recs, size_t n, dd_render_opts *o);

/* Renders recs[0..n) (of one kind: recs[0]'s) as one table and appends it
 * to out. o may be NULL. Columns: the roles of the kind in dd_role_order()
 * (key, name, description; error codes: status, key, name, description,
 * solution), then the extra headers; a record lacking one of the extra
 * headers gets an empty cell. n == 0 gives the header alone (json: an
 * empty array). Returns 0, or -1 when the format cannot hold the table so
 * that docdrift's own parser reads it back (RST: a line over
 * DD_RST_MAX_WIDTH columns, more than DD_RST_MAX_COLS columns): then nothing
 * is appended. */
int dd_render_table(dd_render_format f, const dd_record *recs, size_t n,
                    const dd_render_opts *o, dd_buf *out);
/* dd_render_table, and when it returns -1 a DD-005 error in diags saying
 * why, at the record to blame. */
int dd_render_table_diag(dd_render_format f, const dd_record *recs, size_t n,
                         const dd_render_opts *o, dd_diag_sink *diags, dd_buf *out);

/* ==== listings (list.c) ==== */

/* Record listings for `docdrift extract`: json, jsonl, tsv. */

typedef enum dd_list_format { DD_LIST_JSON, DD_LIST_JSONL, DD_LIST_TSV } dd_list_format;

/* Streaming writer: begin, then records any number of times, then end. The
 * JSON array is written one record per line so large runs never hold the
 * whole document tree in memory. */
typedef struct dd_list_writer {
	FILE *out;
	dd_list_format fmt;
	size_t count;
} dd_list_writer;

void dd_list_begin(dd_list_writer *w, FILE *out, dd_list_format fmt);
/* Formats r for a listing in fmt and appends it to out (any thread: no
 * shared state). A JSON record is preceded by ",\n"; dd_list_write drops it
 * for the first record of the array. */
void dd_list_put_record(dd_list_format fmt, const dd_record *r, dd_buf *out);
/* Writes a chunk of nrecords records made by dd_list_put_record. */
void dd_list_write(dd_list_writer *w, const dd_buf *chunk, size_t nrecords);
void dd_list_end(dd_list_writer *w);

/* ==== the parsers' tables, cell by cell (dump.c) ==== */

/* `docdrift tables`: what a parser produced, cell by cell.
 * The parser golden tests compare this text, so it is stable and plain. */

/* Appends a readable listing of every table of doc to out. */
void dd_dump_doc(dd_doc *doc, dd_buf *out);

#endif
