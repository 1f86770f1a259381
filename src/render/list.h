/* output.h - record listings for `docdrift extract`: json, jsonl, tsv. */
#ifndef DD_OUTPUT_H
#define DD_OUTPUT_H

#include <stdio.h>

#include "core/core.h"

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

#endif
