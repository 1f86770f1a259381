#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/core.h"
#include "test.h"

static const char *collapse(dd_buf *b, const char *s)
{
	int pend = 0;
	dd_buf_reset(b);
	dd_buf_put_collapsed(b, s, strlen(s), &pend);
	return b->ptr ? b->ptr : "";
}

/* Every control character at every offset of a 70-byte text (the block
 * scan and the byte loop both see it) is read as U+FFFD with one DD-009
 * warning at its position; tab, LF, VT, FF and other text stay. */
static void test_controls(void)
{
	static const unsigned char ctl[] = {0x00, 0x01, 0x08, 0x0E, 0x1B, 0x1F, 0x7F};
	char text[71];
	int all = 1;
	for (size_t k = 0; k < sizeof ctl; k++)
		for (size_t at = 0; at < 70; at++) {
			for (size_t i = 0; i < 70; i++)
				text[i] = i % 9 == 4 ? '\t' : 'a' + (char)(i % 26);
			text[at] = (char)ctl[k];
			dd_diag_sink d;
			dd_diag_init(&d, NULL);
			dd_source src;
			int ok = dd_source_init_mem(&src, "c", text, 70, &d) == 0 && src.len == 72 &&
			         memcmp(src.text + at, "\xEF\xBF\xBD", 3) == 0 &&
			         memcmp(src.text, text, at) == 0 &&
			         memcmp(src.text + at + 3, text + at + 1, 69 - at) == 0 &&
			         d.nwarnings == 1 && strstr(d.buf.ptr, "[DD-009]");
			char where[32];
			snprintf(where, sizeof where, "c:1:%zu: warning", at + 1);
			ok = ok && strncmp(d.buf.ptr, where, strlen(where)) == 0;
			if (!ok)
				fprintf(stderr, "control 0x%02X at %zu: %s", ctl[k], at, d.buf.ptr ? d.buf.ptr : "");
			all &= ok;
			dd_source_free(&src);
			dd_diag_free(&d);
		}
	CHECK(all);

	/* a C1 control (U+009B, a terminal's CSI) too; whitespace, U+00A0 and
	 * a tab right before a backspace are told apart */
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	dd_source src;
	const char in[] = "x\xC2\x9B[2J \xC2\xA0\t\v\f\t\by\n";
	CHECK(dd_source_init_mem(&src, "c", in, sizeof in - 1, &d) == 0);
	CHECK_STR(src.text, "x\xEF\xBF\xBD[2J \xC2\xA0\t\v\f\t\xEF\xBF\xBDy\n");
	CHECK_STR(d.buf.ptr, "c:1:2: warning: control character U+009B in the text, read as U+FFFD "
	                     "(and 1 more in this file) [DD-009]\n");
	dd_source_free(&src);
	dd_diag_free(&d);

	/* UTF-16 is named, with or without a byte order mark */
	dd_diag_init(&d, NULL);
	CHECK(dd_source_init_mem(&src, "u", "\xFF\xFE" "a\0b\0", 6, &d) == -1);
	dd_source_free(&src);
	CHECK(dd_source_init_mem(&src, "u", "a\0b\0c\0d\0\n\0", 10, &d) == -1);
	dd_source_free(&src);
	CHECK(dd_source_init_mem(&src, "u", "\0a\0b\0c\0d\0\n", 10, &d) == -1);
	CHECK(d.buf.ptr && strstr(d.buf.ptr, "u:1:1: error: the file is UTF-16LE, not UTF-8") &&
	      strstr(d.buf.ptr, "UTF-16BE"));
	dd_source_free(&src);
	dd_diag_free(&d);
}

static void test_names(void)
{
	static const char *const cases[][2] = {
		{"docs/a.md", "docs/a.md"},
		{"a\nb.md", "\"a\\nb.md\""},
		{"tab\there\x1B.md", "\"tab\\there\\x1B.md\""},
		{"q\"uote\\.md", "q\"uote\\.md"},          /* nothing to escape: as is */
		{"\"lead.md", "\"\\\"lead.md\""},         /* a leading quote is quoted */
		{"caf\xC3\xA9\xFF.md", "\"caf\xC3\xA9\\xFF.md\""}, /* not UTF-8 */
		{"c1\xC2\x9B.md", "\"c1\\xC2\\x9B.md\""},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		dd_buf b = DD_BUF_INIT;
		dd_diag_put_name(&b, cases[i][0]);
		CHECK_STR(b.ptr, cases[i][1]);
		dd_buf_free(&b);
	}
}

/* What dd_diag_summary() writes for sink d, as a string (static buffer). */
static const char *summary_of(dd_diag_sink *d)
{
	static char out[1024];
	FILE *f = tmpfile();
	if (!f)
		abort();
	d->out = f;
	dd_diag_summary(d);
	rewind(f);
	size_t n = fread(out, 1, sizeof out - 1, f);
	out[n] = 0;
	fclose(f);
	d->out = NULL;
	return out;
}

/* Errors and table warnings are written; notes and the record stage's
 * warnings are counted per code, across sinks, and summed up once. */
static void test_diag_summary(void)
{
	dd_diag_sink file, run;
	dd_diag_init(&file, NULL);
	dd_diag_init(&run, NULL);
	CHECK(dd_diag_held(DD_NOTE, DD_N_COLUMN_ROLE) && dd_diag_held(DD_WARNING, DD_W_DUP_KEY) &&
	      dd_diag_held(DD_WARNING, DD_W_HTML_CHAR));
	CHECK(!dd_diag_held(DD_WARNING, DD_W_GRID_PIPE) && !dd_diag_held(DD_ERROR, DD_E_GRID_CELL) &&
	      !dd_diag_held(DD_WARNING, DD_W_NO_TABLE));
	dd_diag_file(&file, "a.md", DD_NOTE, DD_N_COLUMN_ROLE, "role %d", 1);
	dd_diag_file(&file, "a.md", DD_WARNING, DD_W_DUP_KEY, "dup");
	dd_diag_file(&file, "a.md", DD_WARNING, DD_W_GRID_PIPE, "pipe");
	dd_diag_file(&file, "a.md", DD_ERROR, DD_E_GRID_CELL, "cell");
	CHECK_STR(file.buf.ptr, "a.md: warning: pipe [DD-106]\na.md: error: cell [DD-103]\n");
	CHECK(file.nnotes == 1 && file.nwarnings == 2 && file.nerrors == 1);
	dd_diag_append(&run, &file);
	dd_diag_append(&run, &file);
	dd_diag_free(&file);
	dd_buf_reset(&run.buf);
	CHECK_STR(summary_of(&run),
	          "docdrift: 2 warnings and 2 notes not shown (-v lists them):\n"
	          "  DD-401       2 notes    a column's role decided by its content\n"
	          "  DD-403       2 warnings a status code more than once in one table\n");
	run.verbose = 1;
	CHECK_STR(summary_of(&run),
	          "docdrift: warnings and notes by code:\n"
	          "  DD-106       2 warnings a '|' by a column boundary, read as cell text\n"
	          "  DD-401       2 notes    a column's role decided by its content\n"
	          "  DD-403       2 warnings a status code more than once in one table\n");
	dd_diag_free(&run);
	/* nothing held back: no summary */
	dd_diag_init(&run, NULL);
	dd_diag_file(&run, "b.md", DD_WARNING, DD_W_NO_TABLE, "none");
	dd_buf_reset(&run.buf);
	CHECK_STR(summary_of(&run), "");
	dd_diag_free(&run);
}

int main(void)
{
	test_diag_summary();
	dd_buf b = DD_BUF_INIT;
	CHECK_STR(collapse(&b, "  a \t b\n\nc  "), "a b c");
	CHECK_STR(collapse(&b, "x\xC2\xA0y"), "x y");
	CHECK_STR(collapse(&b, "caf\xC3\xA9  \xC3\xA0"), "caf\xC3\xA9 \xC3\xA0");
	/* pending space carries across pieces but never leads */
	int pend = 0;
	dd_buf_reset(&b);
	dd_buf_put_collapsed(&b, " one ", 5, &pend);
	dd_buf_put_collapsed(&b, "two", 3, &pend);
	CHECK_STR(b.ptr, "one two");
	dd_buf_free(&b);

	size_t bad = 0;
	CHECK(dd_utf8_valid("plain ascii text, long enough for the fast path", 47, &bad));
	CHECK(!dd_utf8_valid("ok\xFFno", 5, &bad) && bad == 2);
	CHECK(!dd_utf8_valid("\xE0\x80\x80", 3, &bad) && bad == 0);   /* overlong */
	CHECK(!dd_utf8_valid("\xED\xA0\x80", 3, &bad) && bad == 0);   /* surrogate */
	CHECK(!dd_utf8_valid("ab\xE4\xB8", 4, &bad) && bad == 2);     /* truncated */
	CHECK(dd_utf8_valid("\xE4\xB8\xAD\xF0\x9F\x98\x80", 7, &bad));
	CHECK(dd_utf8_count("a\xE4\xB8\xAD" "b", 5) == 3);
	/* the 8-byte path against a byte-by-byte count, every length and
	 * offset, characters of 1 to 4 bytes across word boundaries */
	{
		static const char mix[] = "a\xC3\xA9" "b\xE4\xB8\xAD\xF0\x9F\x98\x80" "cd\xC2\xA0"
		                          "\xE4\xB8\xAD\xE4\xB8\xADxyz\xF0\x9F\x98\x80\xC3\xA9";
		int same = 1;
		for (size_t off = 0; off < 8; off++)
			for (size_t n = 0; off + n <= sizeof mix - 1; n++) {
				size_t naive = 0;
				for (size_t i = off; i < off + n; i++)
					naive += ((unsigned char)mix[i] & 0xC0) != 0x80;
				same &= dd_utf8_count(mix + off, n) == naive;
			}
		CHECK(same);
	}

	/* implicit capacity: every push keeps what came before */
	dd_arena *pa = dd_arena_new();
	unsigned *pv = NULL;
	int kept = 1;
	for (unsigned i = 0; i < 5000; i++) {
		pv = dd_arena_push(pa, pv, sizeof *pv, i);
		pv[i] = i * 7u;
		if (i % 997 == 0)
			for (unsigned k = 0; k <= i; k++)
				kept &= pv[k] == k * 7u;
	}
	CHECK(kept);
	dd_arena_free(pa);

	dd_arena *a = dd_arena_new();
	size_t cap = 0;
	int *v = NULL;
	for (int i = 0; i < 1000; i++) {
		v = dd_arena_grow(a, v, sizeof *v, (size_t)i, &cap, (size_t)i + 1);
		v[i] = i;
	}
	int ok = 1;
	for (int i = 0; i < 1000; i++)
		ok &= v[i] == i;
	CHECK(ok);
	char *big = dd_arena_alloc(a, 1 << 20);
	CHECK(big[12345] == 0);
	CHECK_STR(dd_arena_strndup(a, "abcdef", 3), "abc");
	dd_arena_free(a);
	dd_arena_free(NULL);

	/* BOM stripped, CRLF and lone CR folded, positions count code points */
	dd_diag_sink d;
	dd_diag_init(&d, NULL);
	dd_source src;
	const char in[] = "\xEF\xBB\xBFl1\r\nl\xC3\xA9x\rl3";
	CHECK(dd_source_init_mem(&src, "mem", in, sizeof in - 1, &d) == 0);
	CHECK_STR(src.text, "l1\nl\xC3\xA9x\nl3");
	CHECK(src.had_bom && src.had_crlf);
	unsigned line, col;
	dd_source_pos(&src, 6, &line, &col); /* the x */
	CHECK(line == 2 && col == 3);
	dd_source_pos(&src, 8, &line, &col);
	CHECK(line == 3 && col == 1);
	dd_source_free(&src);

	CHECK(dd_source_init_mem(&src, "bad.txt", "a\nb\xFF", 4, &d) == -1);
	CHECK_STR(d.buf.ptr,
	          "bad.txt:2:2: error: invalid UTF-8 (byte 0xFF); expected UTF-8 text, convert the "
	          "file first (e.g. iconv -f latin1 -t utf-8) [DD-002]\n");
	dd_source_free(&src);
	dd_diag_free(&d);

	test_controls();
	test_names();
	return TEST_DONE();
}
