/* test.h - a dozen lines of unit-test support: CHECK and CHECK_STR record a
 * failure with file:line and keep going; TEST_DONE() prints the tally and
 * gives main's return value. */
#ifndef DD_TEST_H
#define DD_TEST_H

#include <stdio.h>
#include <string.h>

static int test_failed, test_passed;

#define CHECK(cond) \
	do { \
		if (cond) \
			test_passed++; \
		else { \
			test_failed++; \
			fprintf(stderr, "%s:%d: check failed: %s\n", __FILE__, __LINE__, #cond); \
		} \
	} while (0)

#define CHECK_STR(got, want) \
	do { \
		const char *g_ = (got), *w_ = (want); \
		if (g_ && w_ && strcmp(g_, w_) == 0) \
			test_passed++; \
		else { \
			test_failed++; \
			fprintf(stderr, "%s:%d: %s\n  got:  \"%s\"\n  want: \"%s\"\n", __FILE__, \
			        __LINE__, #got, g_ ? g_ : "(null)", w_ ? w_ : "(null)"); \
		} \
	} while (0)

#define TEST_DONE() \
	(printf("%d checks passed, %d failed\n", test_passed, test_failed), test_failed != 0)

#endif
