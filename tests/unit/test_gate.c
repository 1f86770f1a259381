/* test_gate.c - the gate's policy, fingerprints and baseline file. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "gate/gate_internal.h"
#include "test.h"

static void test_levels(void)
{
	/* every class of the enum has a default of its own (a class added to
	 * dd_class needs a line in policy.c's table) */
	for (int c = DD_CLASS_NONE + 1; c < DD_CLASS_COUNT; c++) {
		if (!dd_gate_default_listed((dd_class)c))
			fprintf(stderr, "class %s has no default severity\n", dd_class_name((dd_class)c));
		CHECK(dd_gate_default_listed((dd_class)c));
	}
	CHECK(dd_class_default_level(DD_CLASS_MISSING) == DD_LEVEL_ERROR);
	CHECK(dd_class_default_level(DD_CLASS_EXTRA) == DD_LEVEL_ERROR);
	CHECK(dd_class_default_level(DD_CLASS_WHITESPACE) == DD_LEVEL_NOTE);
	CHECK(dd_class_default_level(DD_CLASS_PARAGRAPHING) == DD_LEVEL_NOTE);
	CHECK(dd_class_default_level(DD_CLASS_CASE) == DD_LEVEL_NOTE);
	CHECK(dd_class_default_level(DD_CLASS_REWORDING) == DD_LEVEL_WARNING);
	dd_level l;
	CHECK(dd_level_parse("none", &l) == 0 && l == DD_LEVEL_NONE);
	CHECK(dd_level_parse("error", &l) == 0 && l == DD_LEVEL_ERROR);
	CHECK(dd_level_parse("fatal", &l) < 0);
	dd_class c;
	CHECK(dd_class_parse("rewording", &c) == 0 && c == DD_CLASS_REWORDING);
	CHECK(dd_class_parse("none", &c) < 0);
	unsigned set;
	char bad[64];
	CHECK(dd_class_set_parse("case, whitespace,missing", &set, bad, sizeof bad) == 0);
	CHECK(set == (1u << DD_CLASS_CASE | 1u << DD_CLASS_WHITESPACE | 1u << DD_CLASS_MISSING));
	CHECK(dd_class_set_parse("case,typo", &set, bad, sizeof bad) < 0);
	CHECK_STR(bad, "typo");
	dd_policy p;
	dd_policy_init(&p);
	CHECK(p.fail_on == DD_LEVEL_WARNING);
	const char *codes[] = {"1*", "499"};
	p.ignore_codes = codes;
	p.nignore_codes = 2;
	CHECK(!dd_policy_reports(&p, "101", DD_CLASS_REWORDING));
	CHECK(!dd_policy_reports(&p, "499", DD_CLASS_REWORDING));
	CHECK(dd_policy_reports(&p, "404", DD_CLASS_REWORDING));
	p.level[DD_CLASS_CASE] = DD_LEVEL_NONE;
	CHECK(!dd_policy_reports(&p, "404", DD_CLASS_CASE));
}

static void test_fingerprint(void)
{
	/* the documented recipe, computed with the shell:
	 * printf 'docdrift-fingerprint/1\0404\0docs/a.md\0description\0rewording\0
	 *         Not found.\nSecond.\0Missing.\0' | sha256sum | cut -c1-16 */
	char fp[DD_FP_HEX + 1];
	dd_fingerprint("404", "docs/a.md", "description", "rewording", "Not found.\nSecond.",
	               "Missing.", fp);
	CHECK_STR(fp, "c363122acba4e103");
	char fp2[DD_FP_HEX + 1];
	dd_fingerprint("404", "docs/a.md", "description", "rewording", "Not found.",
	               "Second.\nMissing.", fp2);
	CHECK(strcmp(fp, fp2) != 0); /* fields are delimited, not concatenated */
}

static void test_identity(void)
{
	dd_arena *a = dd_arena_new();
	char *cwd = getcwd(NULL, 0);
	CHECK_STR(dd_identity(a, cwd, "x/./y/../a.md"), "x/a.md");
	CHECK_STR(dd_identity(a, cwd, "<stdin>"), "<stdin>");
	char *parent = dd_xstrdup(cwd);
	*strrchr(parent, '/') = '\0';
	const char *id = dd_identity(a, parent, "a.md");
	CHECK(strlen(id) > 5 && strcmp(id + strlen(id) - 5, "/a.md") == 0 && id[0] != '/');
	CHECK(dd_identity(a, "/nonexistent/root", "a.md")[0] == '/'); /* outside the root */
	free(parent);
	free(cwd);
	dd_arena_free(a);
}

static void test_baseline(void)
{
	char path[] = "/tmp/dd-test-baseline-XXXXXX";
	int fd = mkstemp(path);
	CHECK(fd >= 0);
	dd_baseline b;
	dd_baseline_init(&b, path);
	dd_base_entry e[2] = {
		{"00000000000000ff", "404", "docs/a.md", "description", "rewording", "[-a-]{+b+}",
		 "known \"drift\"", 0, 0},
		{"0000000000000001", "200", "docs/b.md", "", "missing", NULL, NULL, 0, 0},
	};
	b.e = e;
	b.n = 2;
	dd_buf out = DD_BUF_INIT;
	dd_baseline_write(&b, &out);
	CHECK(write(fd, out.ptr, out.len) == (ssize_t)out.len);
	close(fd);
	b.e = NULL;
	b.n = 0;
	dd_baseline_free(&b);
	dd_diag_sink d;
	dd_diag_init(&d, stderr);
	dd_baseline r;
	CHECK(dd_baseline_read(&r, path, &d) == 0);
	CHECK(r.n == 2 && r.e[0].line == 4 && r.e[1].line == 5);
	CHECK_STR(r.e[0].note, "known \"drift\"");
	CHECK_STR(r.e[1].field, "");
	CHECK(dd_baseline_find(&r, "0000000000000001") == &r.e[1]);
	CHECK(dd_baseline_find(&r, "0000000000000002") == NULL);
	dd_buf again = DD_BUF_INIT;
	dd_baseline_write(&r, &again);
	CHECK_STR(again.ptr, out.ptr); /* a round trip keeps every byte */
	dd_baseline_free(&r);
	/* a baseline cut anywhere is an error, never an empty baseline */
	size_t errs = 0;
	for (size_t cut = 0; cut < out.len - 2; cut += 7) {
		FILE *f = fopen(path, "w");
		fwrite(out.ptr, 1, cut, f);
		fclose(f);
		dd_diag_sink q;
		dd_diag_init(&q, stderr);
		q.out = NULL;
		errs += dd_baseline_read(&r, path, &q) < 0 && q.nerrors == 1;
		dd_baseline_free(&r);
		dd_diag_free(&q);
	}
	CHECK(errs == (out.len - 3) / 7 + 1);
	dd_buf_free(&out);
	dd_buf_free(&again);
	dd_diag_free(&d);
	unlink(path);
}

int main(void)
{
	test_levels();
	test_fingerprint();
	test_identity();
	test_baseline();
	return TEST_DONE();
}
