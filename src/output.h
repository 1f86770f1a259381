/* output.h - record listings for `docdrift extract`: json, jsonl, tsv. */
#ifndef DD_OUTPUT_H
#define DD_OUTPUT_H

#include <stdio.h>

#include "model.h"

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
void dd_list_record(dd_list_writer *w, const dd_record *r);
void dd_list_end(dd_list_writer *w);

#endif
