/* test_normalize.c - display form, keys, tokenizer. */
#include <string.h>

#include "reconcile/reconcile_internal.h"
#include "test.h"

static dd_arena *A;

static const char *disp(const char *s)
{
	return dd_norm_display(A, s, strlen(s), NULL);
}

static const char *key(const char *s)
{
	return dd_norm_key(A, s, strlen(s), NULL);
}

/* The tokens of s joined by '|'. */
static const char *toks(const char *s)
{
	dd_tokens t = {NULL, 0, 0};
	dd_tokenize(A, s, strlen(s), 0, &t);
	dd_buf b = DD_BUF_INIT;
	for (size_t i = 0; i < t.n; i++) {
		if (i)
			dd_buf_putc(&b, '|');
		dd_buf_put(&b, t.v[i].text, t.v[i].len);
	}
	const char *r = dd_arena_strdup(A, b.ptr ? b.ptr : "");
	dd_buf_free(&b);
	dd_tokens_free(&t);
	return r;
}

int main(void)
{
	A = dd_arena_new();

	/* display: NFC, whitespace collapsed, case kept */
	CHECK_STR(disp("  Not \t Found\n "), "Not Found");
	CHECK_STR(disp("caf\x65\xCC\x81"), "caf\xC3\xA9");          /* NFD e + acute -> NFC */
	/* a text that is its own display form is used in place: exactly those */
	static const char *const own[] = {"Not Found", "a", "Retry-After: 120 s."};
	static const char *const not_own[] = {"", " Not Found", "Not Found ", "Not  Found",
	                                      "Not\tFound", "Not\nFound", "caf\xC3\xA9"};
	for (size_t i = 0; i < sizeof own / sizeof *own; i++)
		CHECK(dd_norm_is_display(own[i], strlen(own[i])) && strcmp(disp(own[i]), own[i]) == 0);
	for (size_t i = 0; i < sizeof not_own / sizeof *not_own; i++)
		CHECK(!dd_norm_is_display(not_own[i], strlen(not_own[i])));
	CHECK_STR(disp("a\xC2\xA0\xC2\xA0 b"), "a b");               /* NBSP is whitespace */
	CHECK_STR(disp("\xE2\x80\x9CQuoted\xE2\x80\x9D"), "\xE2\x80\x9CQuoted\xE2\x80\x9D"); /* kept */
	CHECK_STR(disp(""), "");

	/* key: NFKC + case fold + quotes/dashes folded */
	CHECK_STR(key("caf\x65\xCC\x81"), key("caf\xC3\xA9"));       /* NFD == NFC */
	CHECK_STR(key("Not Found"), "not found");
	CHECK_STR(key("\xE2\x80\x9C" "A\xE2\x80\x9D \xE2\x80\x98" "b\xE2\x80\x99"), "\"a\" 'b'");
	CHECK_STR(key("a\xE2\x80\x90" "b\xE2\x80\x91" "c\xE2\x80\x92" "d\xE2\x80\x93" "e\xE2\x80\x94"
	              "f\xE2\x80\x95" "g\xE2\x88\x92" "h"), "a-b-c-d-e-f-g-h");
	CHECK_STR(key("STRASSE Stra\xC3\x9F" "e"), "strasse strasse"); /* full case folding */
	CHECK_STR(key("\xEF\xBC\xA1\xEF\xBC\xA2"), "ab");              /* fullwidth AB (NFKC) */
	CHECK_STR(key("  x \n y  "), "x y");
	CHECK_STR(dd_norm_dkey(A, "\xE2\x80\x9CX\xE2\x80\x9D\xE2\x80\x93y", 11, NULL), "\"X\"-y");

	/* tokenizer */
	CHECK_STR(toks("Retry-After"), "Retry|-|After");
	CHECK_STR(toks("401, 402."), "401|,|402|.");
	CHECK_STR(toks("(such as a browser)"), "(|such|as|a|browser|)");
	CHECK_STR(toks("HTTP/1.1 and 10,000 items"), "HTTP|/|1.1|and|10,000|items");
	CHECK_STR(toks("don't server\xE2\x80\x99s 'quoted'"), "don't|server\xE2\x80\x99s|'|quoted|'");
	CHECK_STR(toks("NoContent"), "NoContent");
	CHECK_STR(toks("caf\xC3\xA9 na\xC3\xAFve"), "caf\xC3\xA9|na\xC3\xAFve");
	CHECK_STR(toks("a\xE2\x80\x94" "b"), "a|\xE2\x80\x94|b");
	CHECK_STR(toks(""), "");
	CHECK_STR(toks("x_y2 3rd"), "x_y2|3rd");
	CHECK_STR(toks("C++ $5 a<b"), "C|+|+|$|5|a|<|b");

	/* spans, kinds, spacing, keys */
	dd_tokens t = {NULL, 0, 0};
	const char *s = "Bad (Request) 400,";
	dd_tokenize(A, s, strlen(s), 2, &t);
	CHECK(t.n == 6);
	CHECK(t.v[0].off == 0 && t.v[0].len == 3 && t.v[0].kind == DD_TOK_WORD && !t.v[0].space_before);
	CHECK(t.v[1].off == 4 && t.v[1].kind == DD_TOK_PUNCT && t.v[1].space_before);
	CHECK(t.v[2].off == 5 && !t.v[2].space_before);
	CHECK_STR(t.v[2].key, "request");
	CHECK_STR(t.v[2].dkey, "Request");
	CHECK(t.v[4].kind == DD_TOK_NUMBER && t.v[4].off == 14 && t.v[4].space_before);
	CHECK(t.v[5].kind == DD_TOK_PUNCT && !t.v[5].space_before && t.v[5].para == 2);
	dd_tokens u0 = {NULL, 0, 0};
	dd_tokenize(A, "a + b, \xE2\x82\xAC", 10, 0, &u0);
	CHECK(u0.n == 5 && u0.v[1].kind == DD_TOK_SYMBOL && u0.v[3].kind == DD_TOK_PUNCT &&
	      u0.v[4].kind == DD_TOK_SYMBOL);
	dd_tokens_free(&u0);
	/* dkeys fold compatibility forms, keep case */
	CHECK_STR(dd_norm_dkey(A, "\xEF\xBC\xAF\xEF\xBC\xAB \xEF\xAC\x81le", 12, NULL), "OK file");
	dd_tokens_break(A, 3, &t);
	CHECK(t.n == 7 && t.v[6].kind == DD_TOK_BREAK && t.v[6].para == 3);

	/* a curly apostrophe folds to the straight one in keys */
	dd_tokens u = {NULL, 0, 0};
	dd_tokenize(A, "server\xE2\x80\x99s", 10, 0, &u);
	CHECK(u.n == 1);
	CHECK_STR(u.v[0].key, "server's");
	dd_tokens_free(&t);
	dd_tokens_free(&u);

	dd_arena_free(A);
	return TEST_DONE();
}
