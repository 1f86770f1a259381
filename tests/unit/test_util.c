#include <stdio.h>
#include <stdlib.h>

#include "core/core.h"
#include "test.h"

static const char *collapse(dd_buf *b, const char *s)
{
	int pend = 0;
	dd_buf_reset(b);
	dd_buf_put_collapsed(b, s, strlen(s), &pend);
	return b->ptr ? b->ptr : "";
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
	          "  DD-403       2 warnings a status code twice in one table\n");
	run.verbose = 1;
	CHECK_STR(summary_of(&run),
	          "docdrift: warnings and notes by code:\n"
	          "  DD-106       2 warnings a '|' by a column boundary, read as cell text\n"
	          "  DD-401       2 notes    a column's role decided by its content\n"
	          "  DD-403       2 warnings a status code twice in one table\n");
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
	return TEST_DONE();
}
