#include "pipeline.h"

#include <dirent.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

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

static void visit_file(const char *path, int explicit_arg, const dd_walk_opts *o,
                       dd_doc_fn fn, void *ctx, dd_diag_sink *diags)
{
	dd_source src;
	if (dd_source_load(&src, path, diags) == 0) {
		const dd_parser *p = o->parser ? o->parser : dd_parser_detect(&src);
		if (!p)
			p = &dd_parser_markdown; /* plain text: Markdown is the most forgiving reading */
		dd_doc doc;
		dd_doc_init(&doc, &src);
		p->parse(&doc, diags);
		fn(ctx, &doc, explicit_arg, diags);
		dd_doc_free(&doc);
	}
	dd_source_free(&src);
	dd_diag_flush(diags);
}

static int cmp_str(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

static size_t walk_dir(const char *dir, const dd_walk_opts *o, dd_doc_fn fn, void *ctx,
                       dd_diag_sink *diags)
{
	DIR *d = opendir(dir);
	if (!d) {
		dd_diag_file(diags, dir, DD_ERROR, DD_E_READ, "cannot open directory: %s",
		             strerror(errno));
		dd_diag_flush(diags);
		return 0;
	}
	char **names = NULL;
	size_t n = 0, cap = 0;
	struct dirent *e;
	while ((e = readdir(d))) {
		if (e->d_name[0] == '.')
			continue;
		DD_GROW(names, n, cap);
		names[n] = strdup(e->d_name);
		if (!names[n])
			dd_fatal_oom();
		n++;
	}
	closedir(d);
	qsort(names, n, sizeof *names, cmp_str);
	size_t visited = 0;
	dd_buf path = DD_BUF_INIT;
	for (size_t i = 0; i < n; i++) {
		dd_buf_reset(&path);
		dd_buf_puts(&path, dir);
		if (path.len && path.ptr[path.len - 1] != '/')
			dd_buf_putc(&path, '/');
		dd_buf_puts(&path, names[i]);
		struct stat st;
		/* lstat: a symlinked directory could loop. */
		if (lstat(path.ptr, &st) == 0 && S_ISDIR(st.st_mode)) {
			visited += walk_dir(path.ptr, o, fn, ctx, diags);
		} else if (wanted_ext(names[i]) && stat(path.ptr, &st) == 0 && S_ISREG(st.st_mode)) {
			visit_file(path.ptr, 0, o, fn, ctx, diags);
			visited++;
		}
		free(names[i]);
	}
	dd_buf_free(&path);
	free(names);
	return visited;
}

size_t dd_walk(char *const *paths, int npaths, const dd_walk_opts *o, dd_doc_fn fn,
               void *ctx, dd_diag_sink *diags)
{
	size_t visited = 0;
	for (int i = 0; i < npaths; i++) {
		struct stat st;
		if (strcmp(paths[i], "-") != 0 && stat(paths[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			visited += walk_dir(paths[i], o, fn, ctx, diags);
			continue;
		}
		visit_file(paths[i], 1, o, fn, ctx, diags);
		visited++;
	}
	return visited;
}
