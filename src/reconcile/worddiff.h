/* diff.h - Myers O(ND) diff on token id arrays, and its word-diff rendering.
 *
 * Tokens are compared as uint32 ids (the caller interns whichever form it
 * compares: keys, dkeys, ...). The script is a list of runs in order; between
 * two EQ runs there is at most one DEL run then one INS run (a replacement is
 * always DEL then INS), so a renderer can print [-old-]{+new+} directly. */
#ifndef DD_DIFF_H
#define DD_DIFF_H

#include <stddef.h>
#include <stdint.h>

#include "normalize.h"
#include "core/core.h"

/* Largest edit distance D searched exactly. The forward search keeps the
 * V array of every step for the backtrack, (D+1)^2 longs: 1000 -> 8 MB at
 * most. Beyond it (two long, unrelated texts) the differing middle, after the
 * common prefix and suffix are trimmed, is reported as one replacement:
 * still a correct script, not a minimal one, and never quadratic memory. */
#define DD_DIFF_MAX_D 1000

typedef enum dd_edit_op { DD_EDIT_EQ, DD_EDIT_DEL, DD_EDIT_INS } dd_edit_op;

typedef struct dd_edit {
	dd_edit_op op;
	size_t a, b;   /* start in a and in b (DEL: b is where it would be; INS likewise a) */
	size_t len;    /* tokens of a (EQ, DEL) or of b (INS) */
} dd_edit;

typedef struct dd_script {
	dd_edit *v;
	size_t n, cap;
	size_t neq, ndel, nins;  /* token counts */
	int fallback;            /* D exceeded DD_DIFF_MAX_D */
} dd_script;

#define DD_SCRIPT_INIT {NULL, 0, 0, 0, 0, 0, 0}

/* Diffs a[0..na) against b[0..nb) into s (reset first; malloc'd storage,
 * reused across calls). Returns the edit distance ndel + nins. */
size_t dd_diff(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, dd_script *s);
void dd_script_free(dd_script *s);

/* Renders the script from token list a (old) to b (new) into out:
 * equal runs as b's text, deletions as [-...-], insertions as {+...+}, or,
 * when color is set, deletions in red and insertions in green (ANSI).
 * Tokens are joined by a space wherever the text had one; an equal paragraph
 * break becomes "\n" followed by indent, a deleted or inserted one is shown
 * as the pilcrow ¶. */
void dd_diff_render(dd_buf *out, const dd_token *a, const dd_token *b, const dd_script *s,
                    int color, const char *indent);

#endif
