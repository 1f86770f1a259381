/* test_diff.c - Myers diff on crafted id arrays, and word-diff rendering. */
#include <stdlib.h>
#include <string.h>

#include "reconcile/reconcile_internal.h"
#include "test.h"

/* The script as a string: "=2 -1 +1 =3". */
static const char *script(const char *a, const char *b, size_t *d)
{
	static char out[512];
	uint32_t x[64], y[64];
	size_t na = strlen(a), nb = strlen(b);
	for (size_t i = 0; i < na; i++)
		x[i] = (uint32_t)a[i];
	for (size_t i = 0; i < nb; i++)
		y[i] = (uint32_t)b[i];
	dd_script s = DD_SCRIPT_INIT;
	size_t dist = dd_diff(x, na, y, nb, &s);
	if (d)
		*d = dist;
	out[0] = '\0';
	size_t ca = 0, cb = 0;
	int ok = 1;
	for (size_t i = 0; i < s.n; i++) {
		const dd_edit *e = &s.v[i];
		char tmp[32];
		snprintf(tmp, sizeof tmp, "%s%c%zu", i ? " " : "",
		         e->op == DD_EDIT_EQ ? '=' : e->op == DD_EDIT_DEL ? '-' : '+', (size_t)e->len);
		strcat(out, tmp);
		/* runs are contiguous and equal runs really are equal */
		if (e->op != DD_EDIT_INS && e->a != ca)
			ok = 0;
		if (e->op != DD_EDIT_DEL && e->b != cb)
			ok = 0;
		if (e->op == DD_EDIT_EQ)
			for (size_t k = 0; k < e->len; k++)
				ok &= x[e->a + k] == y[e->b + k];
		if (e->op != DD_EDIT_INS)
			ca += e->len;
		if (e->op != DD_EDIT_DEL)
			cb += e->len;
	}
	if (!ok || ca != na || cb != nb || s.ndel + s.nins != dist)
		strcat(out, " BROKEN");
	dd_script_free(&s);
	return out;
}

static void tokens(dd_arena *a, const char *s, dd_tokens *t, uint32_t *ids)
{
	t->n = 0;
	dd_tokenize(a, s, strlen(s), 0, t);
	for (size_t i = 0; i < t->n; i++)
		ids[i] = (uint32_t)t->v[i].key[0] * 131u + (uint32_t)t->v[i].len; /* crude but enough */
}

int main(void)
{
	size_t d;
	CHECK_STR(script("", "", &d), "");
	CHECK(d == 0);
	CHECK_STR(script("abc", "abc", &d), "=3");
	CHECK(d == 0);
	CHECK_STR(script("", "abc", &d), "+3");
	CHECK(d == 3);
	CHECK_STR(script("abc", "", &d), "-3");
	CHECK_STR(script("abc", "abd", &d), "=2 -1 +1");
	CHECK(d == 2);
	CHECK_STR(script("xabc", "abc", &d), "-1 =3");
	CHECK_STR(script("abc", "axc", &d), "=1 -1 +1 =1");
	/* the paper's example: ABCABBA -> CBABAC, D = 5 */
	CHECK_STR(script("ABCABBA", "CBABAC", &d), script("ABCABBA", "CBABAC", NULL));
	CHECK(d == 5);
	CHECK(strstr(script("ABCABBA", "CBABAC", NULL), "BROKEN") == NULL);
	CHECK_STR(script("abcdef", "uvwxyz", &d), "-6 +6");
	CHECK(d == 12);
	CHECK_STR(script("a b c d", "a c d e", &d), "=2 -2 =3 +2");

	/* a long pathological pair stays bounded: falls back to one replacement */
	size_t n = 3 * DD_DIFF_MAX_D;
	uint32_t *x = malloc(n * sizeof *x), *y = malloc(n * sizeof *y);
	for (size_t i = 0; i < n; i++) {
		x[i] = (uint32_t)i;
		y[i] = (uint32_t)(i + n);
	}
	x[0] = y[0] = 7;
	dd_script s = DD_SCRIPT_INIT;
	d = dd_diff(x, n, y, n, &s);
	CHECK(s.fallback == 1);
	CHECK(d == 2 * (n - 1));
	CHECK(s.n == 3 && s.v[0].op == DD_EDIT_EQ && s.v[1].op == DD_EDIT_DEL && s.v[2].op == DD_EDIT_INS);
	/* and a long near-identical pair is exact */
	for (size_t i = 0; i < n; i++)
		y[i] = x[i];
	y[n / 2] = 999999;
	d = dd_diff(x, n, y, n, &s);
	CHECK(d == 2 && !s.fallback);
	dd_script_free(&s);
	free(x);
	free(y);

	/* rendering */
	dd_arena *a = dd_arena_new();
	dd_tokens ta = {NULL, 0, 0}, tb = {NULL, 0, 0};
	uint32_t ia[64], ib[64];
	tokens(a, "Use the HTTP protocol (see below).", &ta, ia);
	tokens(a, "Use the HTTPS protocol (see above).", &tb, ib);
	dd_script s2 = DD_SCRIPT_INIT;
	dd_diff(ia, ta.n, ib, tb.n, &s2);
	dd_buf out = DD_BUF_INIT;
	dd_diff_render(&out, ta.v, tb.v, &s2, 0, "");
	CHECK_STR(out.ptr, "Use the [-HTTP-]{+HTTPS+} protocol (see [-below-]{+above+}).");
	dd_buf_reset(&out);
	dd_diff_render(&out, ta.v, tb.v, &s2, 1, "");
	CHECK_STR(out.ptr, "Use the \033[31mHTTP\033[0m\033[32mHTTPS\033[0m protocol (see "
	                   "\033[31mbelow\033[0m\033[32mabove\033[0m).");
	/* a leading deletion keeps the next word apart */
	tokens(a, "The request is done.", &ta, ia);
	tokens(a, "Request is done.", &tb, ib);
	dd_diff(ia, ta.n, ib, tb.n, &s2);
	dd_buf_reset(&out);
	dd_diff_render(&out, ta.v, tb.v, &s2, 0, "");
	CHECK_STR(out.ptr, "[-The-] Request is done.");
	/* a change of spacing only (ids carry the space, as for the whitespace
	 * class): the space one side has goes inside its brackets */
	tokens(a, "A user agent (such as a browser).", &ta, ia);
	tokens(a, "A user agent ( such as a browser ).", &tb, ib);
	for (size_t i = 0; i < ta.n; i++)
		ia[i] = ia[i] * 2 + ta.v[i].space_before;
	for (size_t i = 0; i < tb.n; i++)
		ib[i] = ib[i] * 2 + tb.v[i].space_before;
	dd_diff(ia, ta.n, ib, tb.n, &s2);
	dd_buf_reset(&out);
	dd_diff_render(&out, ta.v, tb.v, &s2, 0, "");
	CHECK_STR(out.ptr, "A user agent ([-such-]{+ such+} as a browser[-)-]{+ )+}.");
	/* pure insertion and deletion, and paragraph breaks */
	ta.n = tb.n = 0;
	dd_tokenize(a, "One two.", 8, 0, &ta);
	dd_tokens_break(a, 1, &ta);
	dd_tokenize(a, "Three.", 6, 1, &ta);
	dd_tokenize(a, "One two. Three. Four.", 21, 0, &tb);
	for (size_t i = 0; i < ta.n; i++)
		ia[i] = (uint32_t)ta.v[i].text[0];
	for (size_t i = 0; i < tb.n; i++)
		ib[i] = (uint32_t)tb.v[i].text[0];
	dd_diff(ia, ta.n, ib, tb.n, &s2);
	dd_buf_reset(&out);
	dd_diff_render(&out, ta.v, tb.v, &s2, 0, "  ");
	CHECK_STR(out.ptr, "One two. [-\xC2\xB6-] Three. {+Four.+}");
	dd_diff(ib, tb.n, ia, ta.n, &s2);
	dd_buf_reset(&out);
	dd_diff_render(&out, tb.v, ta.v, &s2, 0, "  ");
	CHECK_STR(out.ptr, "One two. {+\xC2\xB6+} Three. [-Four.-]");
	/* equal breaks become a new line with the indent */
	dd_diff(ia, ta.n, ia, ta.n, &s2);
	dd_buf_reset(&out);
	dd_diff_render(&out, ta.v, ta.v, &s2, 0, "  ");
	CHECK_STR(out.ptr, "One two.\n  Three.");
	dd_tokens_free(&ta);
	dd_tokens_free(&tb);
	dd_buf_free(&out);
	dd_script_free(&s2);
	dd_arena_free(a);
	return TEST_DONE();
}
