/* dump.h - `docdrift tables`: what a parser produced, cell by cell.
 * The parser golden tests compare this text, so it is stable and plain. */
#ifndef DD_DUMP_H
#define DD_DUMP_H

#include "core/core.h"

/* Appends a readable listing of every table of doc to out. */
void dd_dump_doc(dd_doc *doc, dd_buf *out);

#endif
