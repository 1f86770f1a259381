/* test_json.c - the streaming JSON writer (src/core/json_out.c) against
 * jansson's json_dumps(): random strings (every control character, '"',
 * '\\', '/', DEL, U+2028, noncharacters, astral characters, text that looks
 * like an escape, the empty string) and random nested values, in every
 * layout docdrift writes (compact, indented, neither) and both real
 * precisions, must give the same bytes; bytes of no well-formed sequence
 * (which jansson refuses) come out as U+FFFD in JSON jansson reads back. */
#include <limits.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "core/core.h"
#include "test.h"

static uint64_t rng = 0x9E3779B97F4A7C15ull;

static uint32_t rnd(uint32_t n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (uint32_t)(rng >> 32) % n;
}

/* Pieces a random string is made of: every C0 control, and what else the
 * escaping could get wrong. */
static const char *const pieces[] = {
	"\x01", "\x02", "\x03", "\x04", "\x05", "\x06", "\x07", "\x08", "\t", "\n", "\x0B", "\x0C", "\r",
	"\x0E", "\x0F", "\x10", "\x11", "\x12", "\x13", "\x14", "\x15", "\x16", "\x17", "\x18", "\x19",
	"\x1A", "\x1B", "\x1C", "\x1D", "\x1E", "\x1F", "\x7F", "\"", "\\", "/", "</script>", "\\u0000",
	"\\n", "\\\"", "a", "Z", " ", "404", "Not Found", "{}[]:,", "\xC2\x80", "\xC2\xA0", "\xC3\xA9",
	"\xDF\xBF", "\xE0\xA0\x80", "\xE2\x80\xA8", "\xE2\x80\xA9", "\xEF\xBB\xBF", "\xEF\xBF\xBD",
	"\xEF\xBF\xBF", "\xED\x9F\xBF", "\xEE\x80\x80", "\xF0\x90\x80\x80", "\xF0\x9F\x98\x80",
	"\xF4\x8F\xBF\xBF", "\xE4\xB8\xAD\xE6\x96\x87",
};
#define NPIECES (sizeof pieces / sizeof *pieces)

/* A random well-formed string in b (NUL included when nul). */
static void random_string(dd_buf *b, int nul)
{
	dd_buf_reset(b);
	dd_buf_puts(b, "");
	unsigned n = rnd(4) == 0 ? 0 : rnd(24);
	for (unsigned i = 0; i < n; i++) {
		if (nul && rnd(16) == 0)
			dd_buf_putc(b, '\0');
		else
			dd_buf_puts(b, pieces[rnd(NPIECES)]);
	}
}

static int same(const char *what, const char *want, const dd_buf *got)
{
	if (want && got->ptr && strcmp(want, got->ptr) == 0 && strlen(got->ptr) == got->len)
		return 1;
	fprintf(stderr, "%s differs:\n  jansson: %s\n  writer:  %s\n", what, want ? want : "(null)",
	        got->ptr ? got->ptr : "(null)");
	return 0;
}

/* Every string, alone and as an object key, the same as jansson's. */
static void test_strings(void)
{
	dd_buf s = DD_BUF_INIT, out = DD_BUF_INIT;
	int ok = 1;
	for (int i = 0; i < 20000 && ok; i++) {
		random_string(&s, 1);
		json_t *j = json_stringn(s.ptr, s.len);
		char *want = json_dumps(j, JSON_ENCODE_ANY);
		dd_buf_reset(&out);
		dd_json_put_string(&out, s.ptr, s.len);
		ok &= same("string", want, &out);
		free(want);
		json_decref(j);

		random_string(&s, 0); /* keys are C strings */
		json_t *o = json_object();
		json_object_set_new(o, s.ptr, json_integer(i));
		want = json_dumps(o, JSON_COMPACT);
		dd_json w;
		dd_buf_reset(&out);
		dd_json_init(&w, &out, DD_JSON_COMPACT);
		dd_json_obj(&w, NULL);
		dd_json_int(&w, s.ptr, i);
		dd_json_end(&w);
		ok &= same("key", want, &out);
		free(want);
		json_decref(o);
	}
	CHECK(ok);

	/* each piece on its own, and the empty string */
	ok = 1;
	for (size_t i = 0; i < NPIECES; i++) {
		json_t *j = json_string(pieces[i]);
		char *want = json_dumps(j, JSON_ENCODE_ANY);
		dd_buf_reset(&out);
		dd_json_put_string(&out, pieces[i], strlen(pieces[i]));
		ok &= same(pieces[i], want, &out);
		free(want);
		json_decref(j);
	}
	CHECK(ok);

	/* each piece at every offset of a run of plain text (the writer skips
	 * such runs 8 bytes at a time) */
	ok = 1;
	for (size_t i = 0; i < NPIECES; i++)
		for (size_t at = 0; at <= 40; at++) {
			char t[64];
			size_t pl = strlen(pieces[i]);
			memset(t, 'x', at);
			memcpy(t + at, pieces[i], pl);
			memset(t + at + pl, 'y', 40 - at);
			size_t tn = 40 + pl;
			json_t *j = json_stringn(t, tn);
			char *want = json_dumps(j, JSON_ENCODE_ANY);
			dd_buf_reset(&out);
			dd_json_put_string(&out, t, tn);
			ok &= same("piece in a run", want, &out);
			free(want);
			json_decref(j);
		}
	CHECK(ok);
	dd_buf_reset(&out);
	dd_json_put_string(&out, "", 0);
	CHECK_STR(out.ptr, "\"\"");
	dd_buf_reset(&out);
	dd_json_put_string(&out, "\x1F/\x7F\xE2\x80\xA8", 6);
	CHECK_STR(out.ptr, "\"\\u001F/\x7F\xE2\x80\xA8\"");
	dd_buf_free(&s);
	dd_buf_free(&out);
}

/* Bytes of no well-formed sequence: overlong forms, surrogates, past
 * U+10FFFF, lone continuation bytes, sequences cut short. */
static void test_invalid(void)
{
	static const char *const bad[] = {"\xC0\x80", "\xC1\xBF", "\xE0\x9F\xBF", "\xED\xA0\x80",
	                                  "\xED\xBF\xBF", "\xF0\x8F\xBF\xBF", "\xF4\x90\x80\x80",
	                                  "\xF5\x80\x80\x80", "\xFF", "\xFE", "\x80", "\xBF",
	                                  "\xC3", "\xE2\x80", "\xF0\x9F\x98", "\xE2\x28\xA1"};
	dd_buf s = DD_BUF_INIT, out = DD_BUF_INIT;
	int ok = 1;
	for (int i = 0; i < 5000; i++) {
		/* s is two random strings, the bad bytes go between them */
		random_string(&s, 1);
		size_t at = s.len;
		dd_buf s2 = DD_BUF_INIT;
		random_string(&s2, 1);
		dd_buf_put(&s, s2.ptr, s2.len);
		dd_buf_free(&s2);
		const char *b = bad[rnd(sizeof bad / sizeof *bad)];
		dd_buf t = DD_BUF_INIT;
		dd_buf_put(&t, s.ptr, at);
		dd_buf_puts(&t, b);
		dd_buf_put(&t, s.ptr + at, s.len - at);
		ok &= json_stringn(t.ptr, t.len) == NULL; /* jansson refuses it */
		dd_buf_reset(&out);
		dd_json_put_string(&out, t.ptr, t.len);
		json_error_t e;
		json_t *back = json_loadb(out.ptr, out.len, JSON_DECODE_ANY | JSON_ALLOW_NUL, &e);
		ok &= back && json_is_string(back);
		if (back) {
			/* what is left of the bad bytes is U+FFFD, the rest as it was */
			const char *v = json_string_value(back);
			size_t vn = json_string_length(back);
			ok &= vn >= at + 3 && memcmp(v, s.ptr, at) == 0 &&
			      memcmp(v + vn - (s.len - at), s.ptr + at, s.len - at) == 0 &&
			      memmem(v + at, vn - (s.len - at) - at, "\xEF\xBF\xBD", 3) != NULL;
		}
		if (!ok) {
			fprintf(stderr, "bad bytes at %zu: %s\n", at, out.ptr);
			break;
		}
		json_decref(back);
		dd_buf_free(&t);
	}
	CHECK(ok);
	dd_buf_reset(&out);
	dd_json_put_string(&out, "a\xC0\x80z\xE2\x80", 6);
	CHECK_STR(out.ptr, "\"a\xEF\xBF\xBD\xEF\xBF\xBDz\xEF\xBF\xBD\xEF\xBF\xBD\"");
	dd_buf_free(&s);
	dd_buf_free(&out);
}

static double random_real(void)
{
	switch (rnd(8)) {
	case 0: return (double)rnd(1001) / 1000; /* a similarity */
	case 1: return (double)(long)((double)rnd(100000) / 99999 * 1000 + 0.5) / 1000;
	case 2: return -(double)rnd(1000000) / 7;
	case 3: return (double)rnd(1000) * 1e-9;
	case 4: return (double)rnd(1000) * 1e18;
	case 5: return rnd(2) ? 0.0 : -0.0;
	case 6: return (double)rnd(100);
	default: return (double)rnd(UINT32_MAX) / (double)(rnd(UINT32_MAX) + 1u) * 1e-3;
	}
}

static long long random_int(void)
{
	switch (rnd(5)) {
	case 0: return LLONG_MIN + rnd(3);
	case 1: return LLONG_MAX - rnd(3);
	case 2: return -(long long)rnd(100000);
	default: return rnd(100000);
	}
}

/* A random value of at most depth levels, built in jansson (returned) and
 * written by w at once, as a member named key (NULL in an array). NULL
 * strings are among them: jansson's container drops them, as the writer
 * does. */
static json_t *random_value(dd_json *w, const char *key, int depth, dd_buf *scratch)
{
	int kind = depth > 0 ? (int)rnd(9) : (int)rnd(7);
	switch (kind) {
	case 0:
		dd_json_null(w, key);
		return json_null();
	case 1: {
		int v = (int)rnd(2);
		dd_json_bool(w, key, v);
		return json_boolean(v);
	}
	case 2: {
		long long v = random_int();
		dd_json_int(w, key, v);
		return json_integer(v);
	}
	case 3: {
		double v = random_real();
		dd_json_real(w, key, v);
		return json_real(v);
	}
	case 4:
		if (rnd(4) == 0) {
			dd_json_str(w, key, NULL);
			return json_string(NULL);
		}
		/* fall through */
	case 5:
	case 6: {
		random_string(scratch, 1);
		dd_json_strn(w, key, scratch->ptr, scratch->len);
		return json_stringn(scratch->ptr, scratch->len);
	}
	case 7: {
		json_t *a = json_array();
		dd_json_arr(w, key);
		for (unsigned i = 0, n = rnd(3) == 0 ? 0 : rnd(6); i < n; i++)
			json_array_append_new(a, random_value(w, NULL, depth - 1, scratch));
		dd_json_end(w);
		return a;
	}
	default: {
		json_t *o = json_object();
		dd_json_obj(w, key);
		for (unsigned i = 0, n = rnd(3) == 0 ? 0 : rnd(6); i < n; i++) {
			/* unique keys: a random one with its index after it */
			dd_buf k = DD_BUF_INIT;
			random_string(&k, 0);
			dd_buf_printf(&k, "#%u", i);
			json_object_set_new(o, k.ptr, random_value(w, k.ptr, depth - 1, scratch));
			dd_buf_free(&k);
		}
		dd_json_end(w);
		return o;
	}
	}
}

static void test_values(void)
{
	static const unsigned layouts[][2] = {
		{DD_JSON_COMPACT, JSON_COMPACT},
		{DD_JSON_INDENT(2), JSON_INDENT(2)},
		{DD_JSON_INDENT(4), JSON_INDENT(4)},
		{0, 0},
		{DD_JSON_COMPACT | DD_JSON_REAL_PRECISION(3), JSON_COMPACT | JSON_REAL_PRECISION(3)},
		{DD_JSON_INDENT(2) | DD_JSON_REAL_PRECISION(3), JSON_INDENT(2) | JSON_REAL_PRECISION(3)},
	};
	dd_buf out = DD_BUF_INIT, scratch = DD_BUF_INIT;
	int ok = 1;
	size_t bytes = 0;
	for (size_t l = 0; l < sizeof layouts / sizeof *layouts; l++)
		for (int i = 0; i < 3000 && ok; i++) {
			dd_json w;
			dd_buf_reset(&out);
			dd_json_init(&w, &out, layouts[l][0]);
			json_t *v = random_value(&w, NULL, 5, &scratch);
			ok &= w.depth == 0;
			char *want = json_dumps(v, layouts[l][1] | JSON_PRESERVE_ORDER | JSON_ENCODE_ANY);
			/* json_dumps gives NULL for a lone NULL string; the writer nothing */
			ok &= want ? same("value", want, &out) : out.len == 0;
			bytes += out.len;
			free(want);
			json_decref(v);
		}
	CHECK(ok);
	printf("%zu bytes of random values\n", bytes);
	CHECK(bytes > 500000); /* the trees were not all trivial */

	/* the layout by hand, for the reader of this test */
	dd_json w;
	dd_buf_reset(&out);
	dd_json_init(&w, &out, DD_JSON_INDENT(2) | DD_JSON_REAL_PRECISION(3));
	dd_json_obj(&w, NULL);
	dd_json_str(&w, "a", "x");
	dd_json_arr(&w, "e");
	dd_json_end(&w);
	dd_json_obj(&w, "o");
	dd_json_end(&w);
	dd_json_arr(&w, "l");
	dd_json_real(&w, NULL, 1);
	dd_json_real(&w, NULL, 0.8571);
	dd_json_real(&w, NULL, 0.00001);
	dd_json_end(&w);
	dd_json_end(&w);
	CHECK_STR(out.ptr, "{\n  \"a\": \"x\",\n  \"e\": [],\n  \"o\": {},\n  \"l\": [\n    1.0,\n"
	                   "    0.857,\n    1e-5\n  ]\n}");
	dd_buf_free(&out);
	dd_buf_free(&scratch);
}

int main(void)
{
	test_strings();
	test_invalid();
	test_values();
	return TEST_DONE();
}
