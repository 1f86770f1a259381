/* parallel.c - independent work items spread over threads (the codes of a
 * reconciliation, the values it tokenises, the gate's fingerprints). Items
 * are taken in turn from a shared counter: a code with thousands of copies
 * costs more than one with two. */
#include "core.h"

#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>

typedef struct pfor {
	size_t n;
	atomic_size_t next;
	dd_task_fn fn;
	void *ctx;
} pfor;

typedef struct pworker {
	pfor *p;
	unsigned id;
} pworker;

static void run_items(pfor *p, unsigned id)
{
	for (;;) {
		size_t i = atomic_fetch_add_explicit(&p->next, 1, memory_order_relaxed);
		if (i >= p->n)
			return;
		p->fn(p->ctx, id, i);
	}
}

static void *pthread_main(void *arg)
{
	pworker *w = arg;
	run_items(w->p, w->id);
	return NULL;
}

void dd_parallel_for(size_t n, unsigned nthreads, dd_task_fn fn, void *ctx)
{
	pfor p = {.n = n, .fn = fn, .ctx = ctx};
	atomic_init(&p.next, 0);
	if (nthreads > n)
		nthreads = n ? (unsigned)n : 1;
	pthread_t *tids = nthreads > 1 ? dd_xmalloc((nthreads - 1) * sizeof *tids) : NULL;
	pworker *ws = nthreads > 1 ? dd_xmalloc((nthreads - 1) * sizeof *ws) : NULL;
	unsigned started = 0;
	for (unsigned t = 1; t < nthreads; t++) {
		ws[started] = (pworker){&p, t};
		if (pthread_create(&tids[started], NULL, pthread_main, &ws[started]) != 0)
			break; /* fewer threads: the calling one does the rest */
		started++;
	}
	run_items(&p, 0);
	for (unsigned t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	free(tids);
	free(ws);
}
