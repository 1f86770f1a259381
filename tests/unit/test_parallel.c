/* test_parallel.c - dd_parallel_for: every item exactly once, on workers
 * 0..nthreads-1, and really at the same time (what -j spreads over threads
 * in diff, merge and check: codes, values, fingerprints, the text report). */
#include <stdatomic.h>
#include <time.h>

#include "core/core.h"
#include "test.h"

typedef struct counts {
	atomic_int *hits;
	unsigned nthreads;
	atomic_int bad_worker;
} counts;

static void count_item(void *ctx, unsigned worker, size_t i)
{
	counts *c = ctx;
	atomic_fetch_add(&c->hits[i], 1);
	if (worker >= c->nthreads)
		atomic_store(&c->bad_worker, 1);
}

/* Each item waits (up to 5 s) until every item has started: only threads
 * running side by side get there. */
typedef struct meet {
	atomic_int started;
	int n;
	atomic_int met;
} meet;

static void meet_item(void *ctx, unsigned worker, size_t i)
{
	meet *m = ctx;
	atomic_fetch_add(&m->started, 1);
	for (int k = 0; k < 5000 && atomic_load(&m->started) < m->n; k++)
		nanosleep(&(struct timespec){0, 1000000}, NULL);
	if (atomic_load(&m->started) == m->n)
		atomic_fetch_add(&m->met, 1);
}

int main(void)
{
	enum { N = 1000 };
	static atomic_int hits[N];
	const unsigned threads[] = {1, 2, 3, 8, 0};
	for (size_t t = 0; t < sizeof threads / sizeof *threads; t++) {
		for (size_t i = 0; i < N; i++)
			atomic_init(&hits[i], 0);
		counts c = {hits, threads[t] ? threads[t] : 1, 0};
		dd_parallel_for(N, threads[t], count_item, &c);
		int once = 1;
		for (size_t i = 0; i < N; i++)
			once &= atomic_load(&hits[i]) == 1;
		CHECK(once);
		CHECK(!atomic_load(&c.bad_worker));
	}

	/* no items: nothing runs; fewer items than threads: each still once */
	counts none = {hits, 4, 0};
	atomic_init(&hits[0], 0);
	dd_parallel_for(0, 4, count_item, &none);
	CHECK(atomic_load(&hits[0]) == 0);
	for (size_t i = 0; i < 3; i++)
		atomic_init(&hits[i], 0);
	dd_parallel_for(3, 8, count_item, &none);
	CHECK(atomic_load(&hits[0]) == 1 && atomic_load(&hits[1]) == 1 && atomic_load(&hits[2]) == 1);

	/* three items on three threads run at once: each sees the others start */
	meet m = {0, 3, 0};
	dd_parallel_for(3, 3, meet_item, &m);
	CHECK(atomic_load(&m.met) == 3);
	return TEST_DONE();
}
