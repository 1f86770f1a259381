/* family.c - families of copies: which documents of a run are copies of
 * one another, to be reconciled on their own (--pair, --group, [group
 * NAME] in .docdrift.ini), and the labels of their documents.
 *
 *   --group path (--pair)  documents found under different roots (the
 *                          PATHs) at the same relative path; a document
 *                          no other root has at its path goes with the
 *                          documents of other roots that have its page id
 *   --group page           documents that have the same page id (the same
 *                          page exported as Markdown, RST and HTML)
 *   --group none           one family: every input is a copy of one table
 *   [group NAME]           the documents its globs match, before the above
 *
 * A document with a table that finds no copy is listed as found in one
 * root only (with why), never silently dropped. */
#include "cli_internal.h"

#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>

/* Path components of p ("a/b/c/" -> a, b, c) into v (malloc'd); their number. */
static size_t components(const char *p, const char ***v, size_t **len)
{
	size_t n = 0, cap = 0;
	*v = NULL;
	*len = NULL;
	for (const char *q = p; *q;) {
		while (*q == '/')
			q++;
		size_t k = strcspn(q, "/");
		if (!k)
			break;
		if (!(k == 1 && q[0] == '.')) {
			if (n == cap) {
				cap = cap ? 2 * cap : 8;
				*v = dd_xrealloc(*v, cap * sizeof **v);
				*len = dd_xrealloc(*len, cap * sizeof **len);
			}
			(*v)[n] = q;
			(*len)[n++] = k;
		}
		q += k;
	}
	return n;
}

/* The roots' names: a --label NAME=PATH naming one, else its base name;
 * when base names repeat (public/api and swiss/api, two status.md), the
 * part of the paths that differs (public, swiss). 0, or -1 when two roots
 * are still named alike. */
static int root_names(dd_families *F, const dd_run *run)
{
	size_t n = run->npaths;
	const char ***c = dd_xcalloc(n + 1, sizeof *c);
	size_t **cl = dd_xcalloc(n + 1, sizeof *cl), *nc = dd_xcalloc(n + 1, sizeof *nc);
	size_t pre, suf;
	for (size_t i = 0; i < n; i++)
		nc[i] = components(run->paths[i], &c[i], &cl[i]);
	/* the common leading and trailing components */
	size_t minc = (size_t)-1;
	for (size_t i = 0; i < n; i++)
		minc = nc[i] < minc ? nc[i] : minc;
	for (pre = 0; pre < minc; pre++) {
		size_t i = 1;
		while (i < n && cl[i][pre] == cl[0][pre] && !memcmp(c[i][pre], c[0][pre], cl[0][pre]))
			i++;
		if (i < n)
			break;
	}
	for (suf = 0; suf + pre < minc; suf++) {
		size_t i = 1;
		while (i < n && cl[i][nc[i] - 1 - suf] == cl[0][nc[0] - 1 - suf] &&
		       !memcmp(c[i][nc[i] - 1 - suf], c[0][nc[0] - 1 - suf], cl[0][nc[0] - 1 - suf]))
			i++;
		if (i < n)
			break;
	}
	int same_base = 0;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < i; k++)
			same_base |= nc[i] && nc[k] && cl[i][nc[i] - 1] == cl[k][nc[k] - 1] &&
			             !memcmp(c[i][nc[i] - 1], c[k][nc[k] - 1], cl[k][nc[k] - 1]);
	for (size_t i = 0; i < n; i++) {
		const char *given = NULL;
		for (size_t k = 0; k < run->o.nlabels && !given; k++)
			if (strcmp(run->o.labels[k].path, run->paths[i]) == 0)
				given = run->o.labels[k].name;
		dd_buf b = DD_BUF_INIT;
		if (given)
			dd_buf_puts(&b, given);
		else if (!nc[i])
			dd_buf_puts(&b, run->paths[i]);
		else if (!same_base)
			dd_buf_put(&b, c[i][nc[i] - 1], cl[i][nc[i] - 1]);
		else
			for (size_t k = pre; k + suf < nc[i]; k++)
				dd_buf_printf(&b, "%s%.*s", b.len ? "/" : "", (int)cl[i][k], c[i][k]);
		F->root_names[i] = dd_arena_strdup(F->arena, b.len ? b.ptr : run->paths[i]);
		dd_buf_free(&b);
	}
	for (size_t i = 0; i < n; i++) {
		free(c[i]);
		free(cl[i]);
	}
	free(c);
	free(cl);
	free(nc);
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < i; k++)
			if (strcmp(F->root_names[i], F->root_names[k]) == 0)
				return (int)i + 1;
	return 0;
}

/* file's path under root (the file itself when it is the root: its base name). */
const char *dd_fam_rel(const char *root, const char *file)
{
	size_t n = strlen(root);
	while (n > 1 && root[n - 1] == '/')
		n--;
	if (strncmp(file, root, n) == 0 && file[n] == '/')
		return file + n + 1;
	if (n && root[n - 1] == '/' && strncmp(file, root, n) == 0)
		return file + n;
	const char *s = strrchr(file, '/');
	return s ? s + 1 : file;
}

static void fam_push_doc(dd_arena *a, dd_family *f, size_t d)
{
	f->docs = dd_arena_push(a, f->docs, sizeof *f->docs, f->ndocs);
	f->docs[f->ndocs++] = d;
}

static dd_family *new_family(dd_families *F, const char *name)
{
	F->fam = dd_arena_push(F->arena, F->fam, sizeof *F->fam, F->nfam);
	dd_family *f = &F->fam[F->nfam++];
	memset(f, 0, sizeof *f);
	f->name = name;
	return f;
}

static void add_lone(dd_families *F, size_t d, const char *why)
{
	F->lone = dd_arena_push(F->arena, F->lone, sizeof *F->lone, F->nlone);
	F->lone[F->nlone].doc = d;
	F->lone[F->nlone++].why = why;
}

static int has_records(const dd_fam_doc *d)
{
	return d->nrecs > 0;
}

/* Sorting documents by a key (relative path or page id), then input order. */
typedef struct keyed {
	const char *key;
	size_t doc;
} keyed;

static int keyed_cmp(const void *x, const void *y)
{
	const keyed *a = x, *b = y;
	int c = strcmp(a->key, b->key);
	return c ? c : (a->doc > b->doc) - (a->doc < b->doc);
}

static int size_cmp(const void *x, const void *y)
{
	size_t a = *(const size_t *)x, b = *(const size_t *)y;
	return (a > b) - (a < b);
}

/* k[i] starts a group; groups in the order of their first document. */
static int first_cmp(const void *x, const void *y, void *ctx)
{
	const keyed *k = ctx;
	return size_cmp(&k[*(const size_t *)x].doc, &k[*(const size_t *)y].doc);
}

/* Families of the documents in[0, n) (no family yet) that share a key
 * (relative path, or page id) and, with across, come from different roots;
 * the documents left over go to rest, in input order. */
static void group_by(dd_families *F, const size_t *in, size_t n, int by_page, int across,
                     size_t *rest, size_t *nrest)
{
	keyed *k = dd_xmalloc((n + 1) * sizeof *k);
	size_t nk = 0;
	for (size_t i = 0; i < n; i++) {
		const dd_fam_doc *d = &F->docs[in[i]];
		const char *key = by_page ? d->page : d->rel;
		if (key && *key && has_records(d))
			k[nk++] = (keyed){key, in[i]};
		else
			rest[(*nrest)++] = in[i];
	}
	qsort(k, nk, sizeof *k, keyed_cmp);
	/* families are made in the order of their first document */
	size_t *first = dd_xmalloc((nk + 1) * sizeof *first), nfirst = 0;
	for (size_t i = 0, j; i < nk; i = j) {
		int several = 0;
		for (j = i + 1; j < nk && strcmp(k[j].key, k[i].key) == 0; j++)
			several |= F->docs[k[j].doc].root != F->docs[k[i].doc].root;
		if (across ? several : j - i > 1)
			first[nfirst++] = i;
		else
			for (size_t m = i; m < j; m++)
				rest[(*nrest)++] = k[m].doc;
	}
	qsort_r(first, nfirst, sizeof *first, first_cmp, k);
	for (size_t g = 0; g < nfirst; g++) {
		size_t i = first[g];
		dd_buf name = DD_BUF_INIT;
		dd_buf_printf(&name, "%s%s", by_page ? "page " : "", k[i].key);
		dd_family *f = new_family(F, dd_arena_strdup(F->arena, name.ptr));
		dd_buf_free(&name);
		for (size_t m = i; m < nk && strcmp(k[m].key, k[i].key) == 0; m++)
			fam_push_doc(F->arena, f, k[m].doc);
	}
	free(first);
	free(k);
	qsort(rest, *nrest, sizeof *rest, size_cmp);
}

/* Why document d found no copy: "swiss has no document at this path" or
 * "its copy swiss/a.rst has no status-code or error-code table". */
static const char *why_lone(dd_families *F, const keyed *by_rel, size_t d)
{
	const dd_fam_doc *x = &F->docs[d];
	dd_buf b = DD_BUF_INIT;
	size_t lo = 0, hi = F->ndocs;
	while (lo < hi) { /* the first document at x's path */
		size_t mid = lo + (hi - lo) / 2;
		if (strcmp(by_rel[mid].key, x->rel) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i < F->ndocs && strcmp(by_rel[i].key, x->rel) == 0; i++) {
		const dd_fam_doc *y = &F->docs[by_rel[i].doc];
		if (y->root != x->root) {
			dd_buf_printf(&b, "its copy %s has no status-code or error-code table", y->file);
			break;
		}
	}
	if (!b.len) {
		unsigned shown = 0;
		dd_buf_puts(&b, "no document at this path or with its page id under ");
		for (size_t r = 0; r < F->nroots; r++)
			if (r != x->root)
				dd_buf_printf(&b, "%s%s", shown++ ? ", " : "", F->root_names[r]);
	}
	const char *s = dd_arena_strdup(F->arena, b.ptr);
	dd_buf_free(&b);
	return s;
}

/* Labels of a family's documents: --label for a document wins; else, when
 * its documents come from several roots, root/service ("public/elb"); else
 * service:extension when the family is one page in several formats. Made
 * unique within the family (":page", then "#2"). */
static void family_labels(dd_families *F, const dd_run *run, dd_family *f)
{
	int roots = 0, exts = 0;
	for (size_t i = 1; i < f->ndocs; i++) {
		const dd_fam_doc *a = &F->docs[f->docs[0]], *b = &F->docs[f->docs[i]];
		roots |= a->root != b->root;
		const char *ea = strrchr(a->file, '.'), *eb = strrchr(b->file, '.');
		exts |= ea && eb && strcmp(ea, eb) != 0;
	}
	for (size_t i = 0; i < f->ndocs; i++) {
		dd_fam_doc *d = &F->docs[f->docs[i]];
		d->label = NULL;
		for (size_t k = 0; k < run->o.nlabels; k++)
			if (strcmp(run->o.labels[k].path, d->file) == 0)
				d->label = run->o.labels[k].name;
		if (d->label)
			continue;
		dd_buf b = DD_BUF_INIT;
		if (roots)
			dd_buf_printf(&b, "%s/%s", F->root_names[d->root], d->service);
		else if (exts && strrchr(d->file, '.'))
			dd_buf_printf(&b, "%s:%s", d->service, strrchr(d->file, '.') + 1);
		if (b.len) {
			/* unique within the family */
			for (int round = 0; round < 3; round++) {
				int dup = 0;
				for (size_t j = 0; j < i && !dup; j++)
					dup = F->docs[f->docs[j]].label &&
					      strcmp(F->docs[f->docs[j]].label, b.ptr) == 0;
				if (!dup)
					break;
				if (round == 0 && d->page)
					dd_buf_printf(&b, ":%s", d->page);
				else
					dd_buf_printf(&b, "#%zu", i + 1);
			}
			d->label = dd_arena_strdup(F->arena, b.ptr);
		}
		dd_buf_free(&b);
	}
}

static int family_cmp(const void *x, const void *y)
{
	const dd_family *a = x, *b = y;
	return size_cmp(&a->docs[0], &b->docs[0]);
}

int dd_families_build(dd_families *F, const dd_run *run, dd_diag_sink *diags)
{
	const dd_opts *o = &run->o;
	const char *mode = o->group ? o->group : o->pair ? "path" : "none";
	F->nroots = run->npaths;
	F->root_names = dd_arena_alloc(F->arena, (F->nroots + 1) * sizeof *F->root_names);
	for (size_t i = 0; i < F->nroots; i++)
		for (size_t k = 0; k < i; k++) {
			const char *a = dd_tidy_path(F->arena, run->paths[i]);
			const char *b = dd_tidy_path(F->arena, run->paths[k]);
			size_t na = strlen(a), nb = strlen(b);
			while (na > 1 && a[na - 1] == '/')
				na--;
			while (nb > 1 && b[nb - 1] == '/')
				nb--;
			if (na == nb && memcmp(a, b, na) == 0 && mode[0] != 'n') {
				dd_diag_file(diags, run->paths[i], DD_ERROR, DD_E_FAMILY,
				             "this root is given twice (also as %s); expected each root once",
				             run->paths[k]);
				return -1;
			}
		}
	int dup = root_names(F, run);
	if (dup && strcmp(mode, "path") == 0) {
		size_t i = (size_t)dup - 1, k = 0;
		while (strcmp(F->root_names[k], F->root_names[i]) != 0)
			k++;
		dd_diag_file(diags, run->paths[i], DD_ERROR, DD_E_FAMILY,
		             "two roots are both named '%s' (%s and %s); name them with "
		             "--label NAME=%s",
		             F->root_names[i], run->paths[k], run->paths[i], run->paths[i]);
		return -1;
	}
	size_t *left = dd_xmalloc((F->ndocs + 1) * sizeof *left), nleft = 0;
	const dd_config *c = &run->cfg;
	F->grouping = c->ngroups ? "config" : strcmp(mode, "none") ? mode : NULL;
	/* [group NAME]: the first group whose glob matches a document takes it */
	dd_family **cfg = dd_xcalloc(c->ngroups + 1, sizeof *cfg);
	size_t *gfam = dd_xcalloc(c->ngroups + 1, sizeof *gfam);
	for (size_t d = 0; d < F->ndocs; d++) {
		if (!has_records(&F->docs[d]))
			continue;
		size_t g = 0;
		for (; g < c->ngroups; g++) {
			const dd_cfg_group *gr = &c->groups[g];
			size_t k = 0;
			while (k < gr->nglobs && fnmatch(gr->globs[k], dd_tidy_path(F->arena, F->docs[d].file), 0))
				k++;
			if (k < gr->nglobs)
				break;
		}
		if (g == c->ngroups) {
			left[nleft++] = d;
			continue;
		}
		if (!cfg[g]) {
			cfg[g] = new_family(F, c->groups[g].name);
			gfam[g] = F->nfam - 1;
		}
		fam_push_doc(F->arena, &F->fam[gfam[g]], d);
	}
	free(cfg);
	free(gfam);
	if (strcmp(mode, "none") == 0 && !c->ngroups) {
		if (nleft) {
			dd_family *f = new_family(F, NULL);
			for (size_t i = 0; i < nleft; i++)
				fam_push_doc(F->arena, f, left[i]);
		}
	} else if (strcmp(mode, "none") == 0) {
		for (size_t i = 0; i < nleft; i++)
			add_lone(F, left[i], "matches no [group] of the configuration");
	} else {
		size_t *rest = dd_xmalloc((nleft + 1) * sizeof *rest), nrest = 0;
		int by_path = strcmp(mode, "path") == 0;
		group_by(F, left, nleft, !by_path, by_path, rest, &nrest);
		size_t *rest2 = dd_xmalloc((nrest + 1) * sizeof *rest2), nrest2 = 0;
		if (by_path) /* no copy at its path: its page id, then */
			group_by(F, rest, nrest, 1, 1, rest2, &nrest2);
		else
			memcpy(rest2, rest, (nrest2 = nrest) * sizeof *rest2);
		keyed *by_rel = dd_xmalloc((F->ndocs + 1) * sizeof *by_rel);
		for (size_t d = 0; d < F->ndocs; d++)
			by_rel[d] = (keyed){F->docs[d].rel, d};
		qsort(by_rel, F->ndocs, sizeof *by_rel, keyed_cmp);
		for (size_t i = 0; i < nrest2; i++)
			if (has_records(&F->docs[rest2[i]]))
				add_lone(F, rest2[i],
				         !by_path ? (F->docs[rest2[i]].page ? "no other document has its page id"
				                                            : "it has no page id")
				                  : why_lone(F, by_rel, rest2[i]));
		free(by_rel);
		free(rest);
		free(rest2);
	}
	free(left);
	/* in the order of their first documents, whichever pass made them */
	qsort(F->fam, F->nfam, sizeof *F->fam, family_cmp);
	for (size_t i = 0; i < F->nfam; i++)
		if (F->grouping)
			family_labels(F, run, &F->fam[i]);
	return 0;
}
