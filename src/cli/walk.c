/* walk.c - the inputs walked in order, parsed on -j threads, taken in input order. */
#include "cli_internal.h"

#include <dirent.h>
#include <errno.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int wanted_ext(const char *name)
{
	static const char *const exts[] = {".rst", ".md", ".markdown", ".html", ".htm", ".txt", NULL};
	size_t n = strlen(name);
	for (const char *const *e = exts; *e; e++) {
		size_t k = strlen(*e);
		if (n > k && strcmp(name + n - k, *e) == 0)
			return 1;
	}
	return 0;
}

/* One file to read, or a directory that could not be listed or held no
 * document (its diagnostic is issued in input order like any other). */
typedef struct job {
	char *path;
	int explicit_arg;
	int dir_errno;         /* != 0: path is a directory that cannot be opened; */
	                       /* -1: a directory named on the command line, no document in it */
	int stat_errno;        /* != 0: an entry met while recursing that cannot be stat'ed */
	dd_diag_sink diags;    /* this file's diagnostics, written at take time */
	void *result;
	int done;
} job;

typedef struct jobs {
	job *v;
	size_t n, cap;
} jobs;

static job *add_job(jobs *js, const char *path, int explicit_arg, int dir_errno)
{
	DD_GROW(js->v, js->n, js->cap);
	job *j = &js->v[js->n++];
	memset(j, 0, sizeof *j);
	j->path = dd_xstrdup(path);
	j->explicit_arg = explicit_arg;
	j->dir_errno = dir_errno;
	return j;
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Listing first (cheap: readdir and lstat) lets files be parsed in parallel
 * and still be taken in sorted order. */
static void list_dir(const char *dir, jobs *js)
{
	DIR *d = opendir(dir);
	if (!d) {
		add_job(js, dir, 0, errno ? errno : EIO);
		return;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	errno = 0;
	while ((e = readdir(d))) {
		if (e->d_name[0] != '.') {
			DD_GROW(names, n, cap);
			names[n] = dd_xstrdup(e->d_name);
			n++;
		}
		errno = 0;
	}
	int read_errno = errno;
	closedir(d);
	if (read_errno)
		add_job(js, dir, 0, read_errno);
	if (n > 1) /* an empty directory has no array to sort (qsort wants one) */
		qsort(names, n, sizeof *names, cmp_str);
	dd_buf path = DD_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		dd_buf_reset(&path);
		dd_buf_puts(&path, dir);
		if (path.len && path.ptr[path.len - 1] != '/')
			dd_buf_putc(&path, '/');
		dd_buf_puts(&path, names[i]);
		struct stat st;
		/* lstat: a symlinked directory could loop. An entry that cannot be
		 * looked at (no search permission, a path past PATH_MAX) is an
		 * error, as the same path given directly would be; one that has
		 * gone since the listing is not. */
		int err = 0;
		if (lstat(path.ptr, &st) != 0) {
			if (errno != ENOENT)
				err = errno;
		} else if (S_ISDIR(st.st_mode)) {
			list_dir(path.ptr, js);
		} else if (wanted_ext(names[i])) {
			if (stat(path.ptr, &st) != 0)
				err = errno; /* a dangling symlink */
			else if (S_ISREG(st.st_mode))
				add_job(js, path.ptr, 0, 0);
		}
		if (err)
			add_job(js, path.ptr, 0, 0)->stat_errno = err;
		free(names[i]);
	}
	dd_buf_free(&path);
	free(names);
}

typedef struct pool {
	jobs js;
	const dd_walk_opts *o;
	dd_work_fn work;
	const void *ctx;
	int verbose;
	int prefilter;         /* skip documents dd_may_hold_table() rules out */
	size_t next, taken, window;
	pthread_mutex_t mu;
	pthread_cond_t done, room;
} pool;

static void run_job(pool *p, job *j)
{
	dd_diag_init(&j->diags, NULL);
	j->diags.verbose = p->verbose;
	if (j->dir_errno == -1) {
		dd_diag_file(&j->diags, j->path, DD_WARNING, DD_W_NO_TABLE,
		             "no .rst .md .markdown .html .htm or .txt file in this directory");
		return;
	}
	if (j->dir_errno) {
		dd_diag_file(&j->diags, j->path, DD_ERROR, DD_E_READ, "cannot open directory: %s",
		             strerror(j->dir_errno));
		return;
	}
	if (j->stat_errno) {
		dd_diag_file(&j->diags, j->path, DD_ERROR, DD_E_READ, "cannot open: %s",
		             strerror(j->stat_errno));
		return;
	}
	dd_source src;
	if (dd_source_load(&src, j->path, &j->diags) == 0) {
		dd_doc doc;
		dd_doc_init(&doc, &src);
		if (!p->prefilter || dd_may_hold_table(&src, p->o->parser)) {
			const dd_parser *ps = p->o->parser ? p->o->parser : dd_parser_detect(&src);
			if (!ps)
				ps = &dd_parser_markdown; /* plain text: Markdown is the most forgiving reading */
			ps->parse(&doc, &j->diags);
		}
		j->result = p->work(p->ctx, &doc, j->explicit_arg, &j->diags);
		dd_doc_free(&doc);
	}
	dd_source_free(&src);
}

static void *worker(void *arg)
{
	pool *p = arg;
	pthread_mutex_lock(&p->mu);
	for (;;) {
		/* stay at most `window` files ahead of the taker: memory stays flat */
		while (p->next < p->js.n && p->next >= p->taken + p->window)
			pthread_cond_wait(&p->room, &p->mu);
		if (p->next >= p->js.n)
			break;
		job *j = &p->js.v[p->next++];
		pthread_mutex_unlock(&p->mu);
		run_job(p, j);
		pthread_mutex_lock(&p->mu);
		j->done = 1;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

static void take_job(job *j, dd_take_fn take, void *ctx, dd_diag_sink *diags)
{
	take(ctx, j->result);
	dd_diag_append(diags, &j->diags);
	dd_diag_free(&j->diags);
	dd_diag_flush(diags);
	free(j->path);
}

unsigned dd_walk_threads(const dd_walk_opts *o)
{
	if (o->jobs)
		return o->jobs;
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	return n < 1 ? 1 : n > 16 ? 16 : (unsigned)n;
}

size_t dd_walk(char *const *paths, int npaths, const dd_walk_opts *o, dd_work_fn work,
               dd_take_fn take, void *ctx, dd_diag_sink *diags)
{
	pool p = {.o = o, .work = work, .ctx = ctx, .verbose = diags->verbose};
	/* DD_PREFILTER=0 / =1: the cheap rejection off, or on for `tables` too
	 * (whose pages without tables then show no page id): for comparing */
	const char *pf = getenv("DD_PREFILTER");
	p.prefilter = pf && *pf == '0' ? 0 : pf && *pf == '1' ? 1 : !o->every_page;
	for (int i = 0; i < npaths; i++) {
		struct stat st;
		if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			size_t before = p.js.n;
			list_dir(paths[i], &p.js);
			if (p.js.n == before) /* a typo'd or empty tree: say so */
				add_job(&p.js, paths[i], 1, -1);
		} else
			add_job(&p.js, paths[i], 1, 0);
	}
	size_t nthreads = dd_walk_threads(o);
	if (nthreads > p.js.n)
		nthreads = p.js.n;
	pthread_t *tids = NULL;
	size_t started = 0;
	if (nthreads > 1) {
		p.window = 4 * nthreads;
		pthread_mutex_init(&p.mu, NULL);
		pthread_cond_init(&p.done, NULL);
		pthread_cond_init(&p.room, NULL);
		tids = dd_xmalloc(nthreads * sizeof *tids);
		for (; started < nthreads; started++)
			if (pthread_create(&tids[started], NULL, worker, &p) != 0)
				break; /* fewer threads, or none: the loop below does the rest */
	}
	for (size_t i = 0; i < p.js.n; i++) {
		job *j = &p.js.v[i];
		if (started) {
			pthread_mutex_lock(&p.mu);
			/* not claimed by a thread yet: parse it here rather than wait */
			int mine = p.next == i;
			if (mine)
				p.next++;
			while (!mine && !j->done)
				pthread_cond_wait(&p.done, &p.mu);
			pthread_mutex_unlock(&p.mu);
			if (mine)
				run_job(&p, j);
		} else {
			run_job(&p, j);
		}
		take_job(j, take, ctx, diags);
		if (started) {
			pthread_mutex_lock(&p.mu);
			p.taken = i + 1;
			pthread_cond_broadcast(&p.room);
			pthread_mutex_unlock(&p.mu);
		}
	}
	for (size_t t = 0; t < started; t++)
		pthread_join(tids[t], NULL);
	if (nthreads > 1) {
		pthread_mutex_destroy(&p.mu);
		pthread_cond_destroy(&p.done);
		pthread_cond_destroy(&p.room);
	}
	free(tids);
	size_t n = p.js.n;
	free(p.js.v);
	return n;
}
