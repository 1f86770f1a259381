/* normalize.c - display form, comparison keys and the tokenizer (utf8proc). */
#include "reconcile_internal.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

static int is_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

/* Width of the whitespace character at s[i], or 0. */
static size_t space_at(const char *s, size_t n, size_t i)
{
	unsigned char c = (unsigned char)s[i];
	if (dd_is_space(c))
		return 1;
	if (c == 0xC2 && i + 1 < n && (unsigned char)s[i + 1] == 0xA0)
		return 2;
	return 0;
}

/* The ASCII character a typographic quote or dash at s[i] folds to (its
 * width in *w), or 0. U+2010..U+2015 and U+2212 -> '-', U+2018..U+201B ->
 * '\'', U+201C..U+201F -> '"'. */
static int fold_at(const char *s, size_t n, size_t i, size_t *w)
{
	const unsigned char *u = (const unsigned char *)s + i;
	if (u[0] != 0xE2 || i + 3 > n)
		return 0;
	*w = 3;
	if (u[1] == 0x80) {
		if (u[2] >= 0x90 && u[2] <= 0x95)
			return '-';
		if (u[2] >= 0x98 && u[2] <= 0x9B)
			return '\'';
		if (u[2] >= 0x9C && u[2] <= 0x9F)
			return '"';
	} else if (u[1] == 0x88 && u[2] == 0x92) {
		return '-';
	}
	return 0;
}

/* Copies s[0..n) into the arena with whitespace collapsed and trimmed, and
 * quotes/dashes folded when fold is set; lower-cases ASCII when lower is set. */
static char *collapse(dd_arena *a, const char *s, size_t n, int fold, int lower, size_t *len)
{
	char *out = dd_arena_alloc(a, n + 1);
	size_t o = 0, i = 0;
	int pending = 0;
	while (i < n) {
		size_t w = space_at(s, n, i);
		if (w) {
			pending = o > 0;
			i += w;
			continue;
		}
		if (pending) {
			out[o++] = ' ';
			pending = 0;
		}
		int f = fold ? fold_at(s, n, i, &w) : 0;
		if (f) {
			out[o++] = (char)f;
			i += w;
			continue;
		}
		char c = s[i++];
		if (lower && c >= 'A' && c <= 'Z')
			c = (char)(c - 'A' + 'a');
		out[o++] = c;
	}
	out[o] = '\0';
	if (len)
		*len = o;
	return out;
}

/* utf8proc_map over s[0..n), then collapse. Falls back to the bytes as they
 * are if utf8proc refuses them (it cannot for valid UTF-8). */
static char *mapped(dd_arena *a, const char *s, size_t n, utf8proc_option_t opts, int fold,
                    size_t *len)
{
	utf8proc_uint8_t *m = NULL;
	utf8proc_ssize_t r = utf8proc_map((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &m, opts);
	if (r < 0) {
		free(m);
		return collapse(a, s, n, fold, 0, len);
	}
	char *out = collapse(a, (const char *)m, (size_t)r, fold, 0, len);
	free(m);
	return out;
}

int dd_norm_is_display(const char *s, size_t n)
{
	if (!n || s[0] == ' ' || s[n - 1] == ' ')
		return 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (c >= 0x80 || (dd_is_space(c) && (c != ' ' || s[i + 1] == ' ')))
			return 0;
	}
	return 1;
}

char *dd_norm_display(dd_arena *a, const char *s, size_t n, size_t *len)
{
	if (is_ascii(s, n))
		return collapse(a, s, n, 0, 0, len);
	return mapped(a, s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE, 0, len);
}

char *dd_norm_key(dd_arena *a, const char *s, size_t n, size_t *len)
{
	if (is_ascii(s, n))
		return collapse(a, s, n, 1, 1, len);
	return mapped(a, s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT | UTF8PROC_CASEFOLD,
	              1, len);
}

char *dd_norm_dkey(dd_arena *a, const char *s, size_t n, size_t *len)
{
	if (is_ascii(s, n))
		return collapse(a, s, n, 1, 0, len);
	return mapped(a, s, n, UTF8PROC_STABLE | UTF8PROC_COMPOSE | UTF8PROC_COMPAT, 1, len);
}

/* ---- tokenizer ---- */

static int is_letter(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return (c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_ME) || c == UTF8PROC_CATEGORY_PC;
}

static int is_symbol(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_SM && c <= UTF8PROC_CATEGORY_SO;
}

static int is_digit(utf8proc_int32_t cp)
{
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_ND && c <= UTF8PROC_CATEGORY_NO;
}

static utf8proc_int32_t cp_at(const char *s, size_t n, size_t i, size_t *w)
{
	utf8proc_int32_t cp = -1;
	utf8proc_ssize_t r = utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp);
	if (r <= 0) {
		*w = 1;
		return 0xFFFD;
	}
	*w = (size_t)r;
	return cp;
}

static dd_token *push(dd_arena *a, dd_tokens *out)
{
	(void)a;
	DD_GROW(out->v, out->n, out->cap);
	dd_token *t = &out->v[out->n++];
	memset(t, 0, sizeof *t);
	return t;
}

static void set_keys(dd_arena *a, dd_token *t)
{
	if (is_ascii(t->text, t->len)) {
		t->dkey = dd_arena_strndup(a, t->text, t->len);
		int upper = 0;
		for (size_t i = 0; i < t->len; i++)
			upper |= t->text[i] >= 'A' && t->text[i] <= 'Z';
		t->key = upper ? collapse(a, t->text, t->len, 0, 1, NULL) : t->dkey;
		return;
	}
	t->dkey = dd_norm_dkey(a, t->text, t->len, NULL);
	t->key = dd_norm_key(a, t->text, t->len, NULL);
}

size_t dd_tokenize(dd_arena *a, const char *text, size_t n, unsigned para, dd_tokens *out)
{
	size_t before = out->n, i = 0;
	int space = 0;
	while (i < n) {
		size_t w = space_at(text, n, i);
		if (w) {
			space = 1;
			i += w;
			continue;
		}
		utf8proc_int32_t cp = cp_at(text, n, i, &w);
		dd_token *t = push(a, out);
		t->text = text + i;
		t->off = i;
		t->space_before = space && out->n - before > 1;
		t->para = para;
		space = 0;
		if (!is_letter(cp) && !is_digit(cp)) {
			t->kind = is_symbol(cp) ? DD_TOK_SYMBOL : DD_TOK_PUNCT;
			t->len = w;
			i += w;
			set_keys(a, t);
			continue;
		}
		int digits_only = is_digit(cp), prev_letter = is_letter(cp), prev_digit = is_digit(cp);
		size_t j = i + w;
		while (j < n) {
			size_t w2, w3;
			utf8proc_int32_t c2 = cp_at(text, n, j, &w2);
			if (is_letter(c2) || is_digit(c2)) {
				prev_letter = is_letter(c2);
				prev_digit = is_digit(c2);
				digits_only &= prev_digit;
				j += w2;
				continue;
			}
			if (j + w2 >= n)
				break;
			utf8proc_int32_t c3 = cp_at(text, n, j + w2, &w3);
			if ((c2 == '\'' || c2 == 0x2019) && prev_letter && is_letter(c3)) {
				digits_only = 0;
				j += w2;
				continue;
			}
			if ((c2 == '.' || c2 == ',') && digits_only && prev_digit && is_digit(c3)) {
				j += w2;
				continue;
			}
			break;
		}
		t->kind = digits_only ? DD_TOK_NUMBER : DD_TOK_WORD;
		t->len = j - i;
		i = j;
		set_keys(a, t);
	}
	return out->n - before;
}

void dd_tokens_free(dd_tokens *t)
{
	if (!t)
		return;
	free(t->v);
	memset(t, 0, sizeof *t);
}

void dd_tokens_break(dd_arena *a, unsigned para, dd_tokens *out)
{
	dd_token *t = push(a, out);
	t->text = "\n";
	t->len = 1;
	t->key = t->dkey = "\n";
	t->kind = DD_TOK_BREAK;
	t->para = para;
	t->space_before = 1;
}
