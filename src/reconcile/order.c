/* order.c - the order of the codes: the one most documents give.
 *
 * Nearly every document lists its codes in code order, and then so does
 * the result. Otherwise each pair of codes is ordered as most of the
 * documents that have both order it, code order where they tie or none has
 * both; codes are inserted one by one, in code order, before the first
 * code already placed that most documents put after them. So one
 * document listing 202 after 204 moves nothing when the others disagree, a
 * document alone is given back in its own order, and class rows (4xx) go
 * where the documents put them (first or last in their class). */
#include "reconcile_internal.h"

#include <stdlib.h>
#include <string.h>

/* More codes than status codes exist (100-599 and five classes) cannot come
 * from the parsers; beyond this the pair counts (codes^2) are not kept and
 * code order is used. */
#define RC_ORDER_MAX_CODES 1024

typedef struct code_ref {
	const char *key;
	uint32_t id;
} code_ref;

static int code_ref_cmp(const void *x, const void *y)
{
	const code_ref *a = x, *b = y;
	int c = dd_code_cmp(a->key, b->key);
	return c ? c : (a->id > b->id) - (a->id < b->id);
}

void rc_code_order(const uint32_t *doc, const uint32_t *seq, size_t n, const intern *keys,
                   uint32_t *out)
{
	size_t k = keys->n;
	code_ref *base = dd_xmalloc((k + 1) * sizeof *base);
	for (uint32_t i = 0; i < k; i++)
		base[i] = (code_ref){keys->str[i], i};
	qsort(base, k, sizeof *base, code_ref_cmp);
	int sorted = 1;
	for (size_t i = 1; i < n && sorted; i++)
		sorted = doc[i] != doc[i - 1] || dd_code_cmp(keys->str[seq[i - 1]], keys->str[seq[i]]) <= 0;
	if (sorted || k > RC_ORDER_MAX_CODES) {
		for (size_t i = 0; i < k; i++)
			out[i] = base[i].id;
		free(base);
		return;
	}
	/* before[a * k + b]: documents that list a before b (first occurrences) */
	uint32_t *before = dd_xcalloc(k * k, sizeof *before);
	uint32_t *run = dd_xmalloc((k + 1) * sizeof *run);
	unsigned char *seen = dd_xcalloc(k, 1);
	for (size_t i = 0; i < n;) {
		size_t j = i, m = 0;
		for (; j < n && doc[j] == doc[i]; j++)
			if (!seen[seq[j]]) {
				seen[seq[j]] = 1;
				run[m++] = seq[j];
			}
		for (size_t a = 0; a < m; a++) {
			seen[run[a]] = 0;
			for (size_t b = a + 1; b < m; b++)
				before[(size_t)run[a] * k + run[b]]++;
		}
		i = j;
	}
	size_t len = 0;
	for (size_t i = 0; i < k; i++) {
		uint32_t x = base[i].id;
		size_t at = len;
		for (size_t p = 0; p < len; p++) {
			uint32_t y = out[p];
			if (before[(size_t)x * k + y] > before[(size_t)y * k + x]) {
				at = p;
				break;
			}
		}
		memmove(out + at + 1, out + at, (len - at) * sizeof *out);
		out[at] = x;
		len++;
	}
	free(seen);
	free(run);
	free(before);
	free(base);
}
