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

/* ---- what the reports a writer reads (text, html, flat) share ---- */

/* The kind of table the findings are about: "status" (status-code
 * tables). The one place a second record kind (error-code tables) names
 * itself. */
const char *dd_rep_kind(const dd_recon *r);
/* The severity of finding k of code ci: the gate's, or the class's default
 * without one. */
dd_level dd_rep_level(const dd_recon *r, const dd_gate *g, size_t ci, size_t k);
/* 1 when variant v is shown (not narrowed out by --variant). */
int dd_rep_shown(const dd_gate *g, const dd_recon *r, unsigned v);
/* The classes in the order reports list them, most consequential first:
 * missing, extra, rewording, substitution, addition, omission, truncation,
 * reference, spacing, punctuation, case, paragraphing, whitespace. */
extern const dd_class dd_rep_class_order[DD_CLASS_COUNT - 1];
/* s HTML-escaped (& < > " '). */
void dd_rep_html_text(dd_buf *out, const char *s);
/* The value's paragraphs joined by "\n" (or sep). */
void dd_rep_joined(dd_buf *out, const dd_value *v, const char *sep);

/* One line per variant of the scorecard. */
typedef struct dd_rep_score {
	unsigned variant;
	size_t cls[DD_CLASS_COUNT];  /* its findings per class; a neutral one counts for
	                              * both variants it is between */
	size_t sys;                  /* its findings folded into systematic substitutions */
	size_t findings;             /* all of them */
	unsigned agree, of;          /* codes it agrees on, of the codes it is judged on
	                              * (every code but the extra ones it lacks) */
} dd_rep_score;
/* The scorecard of the shown variants, most out of line first (the least
 * share of its codes agreed on, then most findings, then by label);
 * malloc'd, *n lines. */
dd_rep_score *dd_rep_scorecard(const dd_recon *r, const dd_gate *g, size_t *n);

/* A dissenting group: findings of one code that make the same change. */
enum {
	DD_GROUP_MISSING,   /* the code is missing in these variants */
	DD_GROUP_SPLIT,     /* half the variants have the code: only in the others */
	DD_GROUP_EXTRA,     /* only a minority has the code: these */
	DD_GROUP_FIELD      /* the same field, class and word diff */
};
typedef struct dd_rep_group {
	int kind;
	int field;             /* DD_GROUP_FIELD: DD_FIELD_* */
	const size_t *f;       /* indexes into the code's findings, by variant label */
	size_t n;
	const char *diff;      /* DD_GROUP_FIELD: the plain word diff */
} dd_rep_group;
typedef struct dd_rep_groups {
	dd_rep_group *v;       /* missing, split, extra; then per field (name first)
	                        * the largest group first, ties in finding order */
	size_t n;
	size_t *idx;
	dd_buf keys;
} dd_rep_groups;
/* Groups the findings of cd (leaving out the systematic ones unless
 * with_systematic). Free with dd_rep_groups_free. */
void dd_rep_group_code(const dd_aligned *cd, int with_systematic, dd_rep_groups *gs);
void dd_rep_groups_free(dd_rep_groups *gs);

/* ---- text layout (wrap.c) ---- */

/* Glue: a space the text report never breaks a line at ("22 extra",
 * "dcs (1:3250)"); written out as a space. */
#define DD_REP_GLUE '\x1f'
#define DD_REP_GLUES "\x1f"

/* Display columns of s[0..n) on a terminal: ANSI escapes none, East Asian
 * wide characters two, combining marks none. */
size_t dd_rep_width(const char *s, size_t n);
/* Appends the line s[0..n) (no newline in it) and a newline, broken at
 * spaces (not at glue) so that no line is wider than width; continuation
 * lines start with indent. A word wider than a line is cut, after a '/'
 * where it can be. */
void dd_rep_wrap_line(dd_buf *out, const char *s, size_t n, unsigned width, const char *indent);
/* Each line of s[0..n) through dd_rep_wrap_line. */
void dd_rep_wrap(dd_buf *out, const char *s, size_t n, unsigned width, const char *indent);
/* Appends s, cut to at most cols display columns with an ellipsis. */
void dd_rep_put_cut(dd_buf *out, const char *s, size_t cols);

/* ---- the text report's parts (text.c, text_summary.c) ---- */

typedef struct dd_text_ctx {
	const dd_recon *r;
	const dd_gate *g;
	unsigned width;
	int color, matrix;
	unsigned *num;       /* per variant: its number in the variants list, 0 when not shown */
	unsigned nshown;
	size_t lw;           /* the label column's width */
	dd_buf line;         /* scratch: a line before it is wrapped */
} dd_text_ctx;
/* The summary: no more than 24 lines at DD_REPORT_MIN_WIDTH columns. */
void dd_text_summary(dd_text_ctx *t, dd_buf *out);
void dd_text_scorecard(dd_text_ctx *t, dd_buf *out);
/* The numbered list of the shown variants, with their files. */
void dd_text_variants(dd_text_ctx *t, dd_buf *out);
/* codes x variants while it fits (or forced), else variants x codes, else a note. */
void dd_text_matrix(dd_text_ctx *t, dd_buf *out);
/* t->line wrapped at t->width into out (continuation lines indented), then emptied. */
void dd_text_flush(dd_text_ctx *t, dd_buf *out, const char *indent);

/* ---- the HTML report's parts (html.c, html_codes.c, html_page.c) ---- */

typedef struct dd_html_ctx {
	const dd_recon *r;
	const dd_gate *g;
	const char *idp;     /* what every id of this part starts with */
	dd_buf tmp;
} dd_html_ctx;
/* The id of code ci's article (k < 0) or of its finding k. */
void dd_html_id(const dd_html_ctx *h, size_t ci, long k, dd_buf *out);
/* The matrix (sticky headers, each cell a link to its variant's finding). */
void dd_html_matrix(dd_html_ctx *h, dd_buf *out);
/* Every code with a finding: canonical wording, support, dissenting groups. */
void dd_html_codes(dd_html_ctx *h, dd_buf *out, FILE *spill);

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
