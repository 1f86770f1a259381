/* report_internal.h - what the report writers share (not for other folders). */
#ifndef DD_REPORT_INTERNAL_H
#define DD_REPORT_INTERNAL_H

#include <stdio.h>

#include "report.h"

/* The state of variant v for code cd ('=' '~' 's' '+', '-' missing, '.'
 * absent where only a minority has the code). cursor walks cd's entries:
 * start it at 0 and ask for v in increasing order. */
char dd_rep_state_of(const dd_aligned *cd, unsigned v, unsigned *cursor);
/* Undone replacement i is the first with its text (a value may undo the
 * same pair twice). */
int dd_rep_first_undo(const dd_canon *cn, unsigned i);
/* Writes out to spill and empties it once out passes 1 MiB (spill may be NULL). */
void dd_rep_spill(dd_buf *out, FILE *spill);

#endif
