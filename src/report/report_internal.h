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
/* " (CamelCase)", " (RFC 2616's phrase, since replaced)": why a name is not
 * the IANA registry's phrase. */
void dd_rep_reason(const dd_finding *fd, dd_buf *out);
/* Writes out to spill and empties it once out passes 1 MiB (spill may be NULL). */
void dd_rep_spill(dd_buf *out, FILE *spill);

/* ---- what the gated reports (check, sarif, github, markdown) share ---- */

/* Where an item is: the variant's key cell (file, 1-based line and column,
 * and the column just past the code); line 0 for a missing code (only the
 * file is known). */
typedef struct dd_rep_loc {
	const char *file;       /* as read */
	const char *identity;   /* relative to the root: what SARIF and GitHub want */
	unsigned line, col, end_col;
} dd_rep_loc;
void dd_rep_where(const dd_gate *g, const dd_gate_item *it, dd_rep_loc *loc);
/* The record holding the canonical wording of it's field (for a code-level
 * finding: the first variant that has the code), or NULL. */
const dd_record *dd_rep_canon_rec(const dd_gate *g, const dd_gate_item *it);
/* "404 description: rewording", "404: missing". */
void dd_rep_title(const dd_gate *g, const dd_gate_item *it, dd_buf *out);
/* One sentence saying what differs and from what, without the diff:
 * "iam's description of 404 is a rewording of the canonical wording (3 of 5
 * variants: a, b, c), similarity 0.62". */
void dd_rep_message(const dd_gate *g, const dd_gate_item *it, dd_buf *out);
/* The plain word diff of it ([-old-]{+new+}, paragraphs joined by " ¶ "), or nothing. */
void dd_rep_diff(const dd_gate *g, const dd_gate_item *it, dd_buf *out);
/* Counts for a summary line: "3 new (1 error, 2 warnings), 95 accepted, 2 suppressed, 1 fixed". */
void dd_rep_counts(const dd_gate *g, dd_buf *out);
/* "error" for the items of level error, ... with DD_LEVEL_NONE as "none". */
size_t dd_rep_count_state(const dd_gate *g, dd_gate_state s);

#endif
