/* common.c - what the text and JSON reports share. */
#include "report_internal.h"

#include <stdio.h>
#include <string.h>

/* The state of variant v for code cd. */
char dd_rep_state_of(const dd_aligned *cd, unsigned v, unsigned *cursor)
{
	while (*cursor < cd->n && cd->e[*cursor].variant < v)
		(*cursor)++;
	if (*cursor < cd->n && cd->e[*cursor].variant == v)
		return cd->e[*cursor].state;
	return cd->extra ? '.' : '-';
}

/* Undone replacement i is the first with its text (a value may undo the
 * same pair twice). */
int dd_rep_first_undo(const dd_canon *cn, unsigned i)
{
	for (unsigned k = 0; k < i; k++)
		if (strcmp(cn->corr_from[k], cn->corr_from[i]) == 0 &&
		    strcmp(cn->corr_to[k], cn->corr_to[i]) == 0)
			return 0;
	return 1;
}

void dd_rep_spill(dd_buf *out, FILE *spill)
{
	if (spill && out->len >= (1u << 20)) {
		fwrite(out->ptr, 1, out->len, spill);
		dd_buf_reset(out);
	}
}
