/* config.c - .docdrift.ini: found from the working directory up to the
 * repository root (or --config FILE), read with inih, every value checked
 * with its file:line. doc/config.md is the reference. */
#include "cli_internal.h"

#include <errno.h>
#include <stdarg.h>
#include <glob.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <ini.h>

#define CONFIG_NAME ".docdrift.ini"
/* Longer lines are refused (inih would read the rest as a line of its own). */
#define CONFIG_MAX_LINE 65536

typedef struct cfg_err {
	unsigned line;
	char *msg;
} cfg_err;

typedef struct reader {
	const char *s, *end;
	unsigned line;         /* lines started so far: the line inih is on */
	int at_line_start;
} reader;

typedef struct parse {
	dd_config *c;
	reader rd;
	dd_source *src;
	cfg_err *errs;
	size_t nerrs, errcap;
	/* the keys seen, "section\nkey", and where: a scalar given twice is an error */
	char **seen;
	unsigned *seen_line;
	size_t nseen, seencap;
	dd_suppression *cur;   /* the [suppress NAME] section being read */
} parse;

static char *mem_reader(char *str, int num, void *stream)
{
	reader *r = stream;
	if (r->s >= r->end || num < 2)
		return NULL;
	if (r->at_line_start)
		r->line++;
	size_t n = 0;
	while (r->s + n < r->end && n < (size_t)num - 1) {
		if (r->s[n++] == '\n')
			break;
	}
	memcpy(str, r->s, n);
	str[n] = '\0';
	r->at_line_start = str[n - 1] == '\n';
	r->s += n;
	return str;
}

static void perr(parse *p, unsigned line, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void perr(parse *p, unsigned line, const char *fmt, ...)
{
	DD_GROW(p->errs, p->nerrs, p->errcap);
	dd_buf b = DD_BUF_INIT;
	va_list ap;
	va_start(ap, fmt);
	dd_buf_vprintf(&b, fmt, ap);
	va_end(ap);
	p->errs[p->nerrs].line = line;
	p->errs[p->nerrs++].msg = b.ptr;
}

static dd_origin here(parse *p)
{
	return (dd_origin){p->c->path, p->rd.line};
}

/* dir/v with v's leading "./" and "../" applied to dir where dir has a
 * component to take back (lexically, as paths in a config file are meant). */
static const char *join(dd_arena *a, const char *dir, const char *v)
{
	dd_buf b = DD_BUF_INIT;
	dd_buf_puts(&b, dir);
	for (;;) {
		if (strncmp(v, "./", 2) == 0) {
			v += 2;
			continue;
		}
		const char *last = b.ptr ? strrchr(b.ptr, '/') : NULL;
		const char *comp = last ? last + 1 : b.ptr;
		if (strncmp(v, "../", 3) == 0 && b.len && strcmp(comp, "..") != 0 &&
		    strcmp(comp, ".") != 0) {
			b.len = last ? (size_t)(last - b.ptr) : 0;
			b.ptr[b.len] = '\0';
			v += 3;
			continue;
		}
		break;
	}
	if (b.len && strcmp(b.ptr, ".") != 0)
		dd_buf_putc(&b, '/');
	else
		dd_buf_reset(&b);
	dd_buf_puts(&b, v);
	const char *s = dd_arena_strdup(a, b.ptr && b.len ? b.ptr : ".");
	dd_buf_free(&b);
	return s;
}

/* A path of the file, relative to the file's directory. */
static const char *rel_path(dd_config *c, const char *v)
{
	if (v[0] == '/' || strcmp(c->dir, ".") == 0)
		return dd_arena_strdup(c->arena, v);
	return join(c->arena, c->dir, v);
}

/* Splits a comma-separated list into arena strings (spaces trimmed, empty
 * items dropped). */
static size_t split_list(dd_arena *a, const char *v, const char ***out)
{
	size_t n = 1;
	for (const char *q = v; *q; q++)
		n += *q == ',';
	const char **items = dd_arena_alloc(a, (n + 1) * sizeof *items);
	size_t k = 0;
	for (const char *q = v;;) {
		while (*q == ' ' || *q == '\t')
			q++;
		size_t len = strcspn(q, ",");
		size_t t = len;
		while (t && (q[t - 1] == ' ' || q[t - 1] == '\t'))
			t--;
		if (t)
			items[k++] = dd_arena_strndup(a, q, t);
		if (!q[len])
			break;
		q += len + 1;
	}
	*out = items;
	return k;
}

/* 1 when section/key was not seen before (records it); else an error. */
static int once(parse *p, const char *section, const char *key)
{
	dd_buf b = DD_BUF_INIT;
	dd_buf_printf(&b, "%s\n%s", section, key);
	for (size_t i = 0; i < p->nseen; i++)
		if (strcmp(p->seen[i], b.ptr) == 0) {
			perr(p, p->rd.line, "'%s' is given twice (first on line %u); expected it once", key,
			     p->seen_line[i]);
			dd_buf_free(&b);
			return 0;
		}
	if (p->nseen == p->seencap) {
		p->seencap = p->seencap ? 2 * p->seencap : 16;
		p->seen = dd_xrealloc(p->seen, p->seencap * sizeof *p->seen);
		p->seen_line = dd_xrealloc(p->seen_line, p->seencap * sizeof *p->seen_line);
	}
	p->seen[p->nseen] = b.ptr;
	p->seen_line[p->nseen++] = p->rd.line;
	return 1;
}

static int class_set(parse *p, const char *key, const char *v, unsigned *set)
{
	char bad[64];
	if (dd_class_set_parse(v, set, bad, sizeof bad) < 0) {
		perr(p, p->rd.line, "%s: unknown class '%s'; expected a list of %s", key, bad,
		     dd_class_list());
		return -1;
	}
	return 0;
}

static void top_key(parse *p, const char *key, const char *v)
{
	dd_config *c = p->c;
	if (strcmp(key, "input") == 0) {
		if (!*v) {
			perr(p, p->rd.line, "input: empty; expected a file, a directory or a glob");
			return;
		}
		c->inputs = dd_arena_grow(c->arena, c->inputs, sizeof *c->inputs, c->ninputs,
		                          &c->inputcap, c->ninputs + 1);
		c->inputs[c->ninputs].path = rel_path(c, v);
		c->inputs[c->ninputs++].at = here(p);
		return;
	}
	if (!once(p, "", key))
		return;
	if (strcmp(key, "baseline") == 0) {
		if (!*v)
			perr(p, p->rd.line, "baseline: empty; expected the baseline file's path");
		else {
			c->baseline = rel_path(c, v);
			c->baseline_at = here(p);
		}
	} else if (strcmp(key, "fail-on") == 0) {
		if (dd_level_parse(v, &c->fail_on) < 0)
			perr(p, p->rd.line, "fail-on: '%s' is not a level; expected error, warning, note "
			     "or none", v);
		else
			c->fail_on_at = here(p);
	} else if (strcmp(key, "prefer") == 0) {
		c->nprefer = split_list(c->arena, v, &c->prefer);
		c->prefer_at = here(p);
	} else if (strcmp(key, "reference") == 0) {
		c->nrefs = split_list(c->arena, v, &c->refs);
		for (size_t i = 0; i < c->nrefs; i++)
			if (strcmp(c->refs[i], "iana") != 0)
				c->refs[i] = rel_path(c, c->refs[i]);
		c->refs_at = here(p);
	} else if (strcmp(key, "ignore-classes") == 0) {
		if (class_set(p, key, v, &c->ignore_classes) == 0)
			c->ignore_at = here(p);
	} else if (strcmp(key, "only-classes") == 0) {
		if (class_set(p, key, v, &c->only_classes) == 0)
			c->only_at = here(p);
	} else if (strcmp(key, "ignore-codes") == 0) {
		c->nignore_codes = split_list(c->arena, v, &c->ignore_codes);
		c->ignore_codes_at = here(p);
	} else if (strcmp(key, "group") == 0) {
		if (strcmp(v, "page") && strcmp(v, "path") && strcmp(v, "none"))
			perr(p, p->rd.line, "group: '%s' is not a grouping; expected page, path or none", v);
		else {
			c->group_mode = dd_arena_strdup(c->arena, v);
			c->group_mode_at = here(p);
		}
	} else {
		perr(p, p->rd.line, "unknown key '%s'; expected input, baseline, fail-on, prefer, "
		     "reference, ignore-classes, only-classes, ignore-codes or group (or a [labels], "
		     "[severity], [suppress NAME] or [group NAME] section)", key);
	}
}

static size_t line_off(const dd_source *src, unsigned line)
{
	size_t off = 0;
	for (unsigned l = 1; l < line && off < src->len; off++)
		if (src->text[off] == '\n')
			l++;
	return off;
}

/* The line of the [section] header above line (inih reports keys only). */
static unsigned header_line(const dd_source *src, unsigned line)
{
	for (unsigned l = line; l > 1; l--) {
		const char *s = src->text + line_off(src, l);
		while (*s == ' ' || *s == '\t')
			s++;
		if (*s == '[')
			return l;
	}
	return 1;
}

static void suppress_key(parse *p, const char *section, const char *key, const char *v)
{
	dd_config *c = p->c;
	const char *name = section + strlen("suppress ");
	if (!p->cur || strcmp(p->cur->name, name) != 0) {
		p->cur = NULL;
		for (size_t i = 0; i < c->nsupp; i++)
			if (strcmp(c->supp[i].name, name) == 0)
				p->cur = &c->supp[i];
		if (!p->cur) {
			c->supp = dd_arena_grow(c->arena, c->supp, sizeof *c->supp, c->nsupp, &c->suppcap,
			                        c->nsupp + 1);
			p->cur = &c->supp[c->nsupp++];
			memset(p->cur, 0, sizeof *p->cur);
			p->cur->name = dd_arena_strdup(c->arena, name);
			p->cur->file = c->path;
			p->cur->line = header_line(p->src, p->rd.line);
		}
	}
	if (!once(p, section, key))
		return;
	dd_suppression *s = p->cur;
	if (strcmp(key, "code") == 0)
		s->ncodes = split_list(c->arena, v, &s->codes);
	else if (strcmp(key, "variant") == 0) {
		const char **g;
		s->nvariants = split_list(c->arena, v, &g);
		split_list(c->arena, v, &s->labels);
		/* relative to the file, as every path in it: anchored at the file's
		 * directory from the identity root */
		for (size_t i = 0; i < s->nvariants; i++)
			if (c->idprefix[0] && g[i][0] != '*' && g[i][0] != '/')
				g[i] = join(c->arena, c->idprefix, g[i]);
		s->variants = g;
	} else if (strcmp(key, "class") == 0)
		class_set(p, "class", v, &s->classes);
	else if (strcmp(key, "reason") == 0) {
		if (*v)
			s->reason = dd_arena_strdup(c->arena, v);
	} else
		perr(p, p->rd.line, "unknown key '%s' in [%s]; expected code, variant, class or reason",
		     key, section);
}

/* [group NAME]: path = GLOB (repeatable), the documents of one family. */
static void group_key(parse *p, const char *name, const char *key, const char *v)
{
	dd_config *c = p->c;
	if (strcmp(key, "path") != 0) {
		perr(p, p->rd.line, "unknown key '%s' in [group %s]; expected path = GLOB", key, name);
		return;
	}
	if (!*v) {
		perr(p, p->rd.line, "[group %s] path: empty; expected a path or glob of the family's "
		     "documents", name);
		return;
	}
	dd_cfg_group *g = c->ngroups ? &c->groups[c->ngroups - 1] : NULL;
	if (!g || strcmp(g->name, name) != 0) {
		for (size_t i = 0; i < c->ngroups; i++)
			if (strcmp(c->groups[i].name, name) == 0) {
				perr(p, p->rd.line, "[group %s] is defined twice (first at line %u); expected "
				     "one section per family", name, c->groups[i].at.line);
				return;
			}
		c->groups = dd_arena_grow(c->arena, c->groups, sizeof *c->groups, c->ngroups,
		                          &c->groupcap, c->ngroups + 1);
		g = &c->groups[c->ngroups++];
		memset(g, 0, sizeof *g);
		g->name = dd_arena_strdup(c->arena, name);
		g->at = here(p);
	}
	g->globs = dd_arena_push(c->arena, g->globs, sizeof *g->globs, g->nglobs);
	g->globs[g->nglobs++] = dd_tidy_path(c->arena, rel_path(c, v));
}

static int handler(void *user, const char *section, const char *key, const char *v)
{
	parse *p = user;
	dd_config *c = p->c;
	if (!*key) {
		perr(p, p->rd.line, "a value with no key; expected key = value");
		return 1;
	}
	if (!*section)
		top_key(p, key, v);
	else if (strcmp(section, "labels") == 0) {
		if (!once(p, section, key))
			return 1;
		if (!*v) {
			perr(p, p->rd.line, "label '%s': empty; expected NAME = PATH or glob", key);
			return 1;
		}
		c->labels = dd_arena_grow(c->arena, c->labels, sizeof *c->labels, c->nlabels,
		                          &c->labelcap, c->nlabels + 1);
		c->labels[c->nlabels].name = dd_arena_strdup(c->arena, key);
		c->labels[c->nlabels].glob = rel_path(c, v);
		c->labels[c->nlabels++].at = here(p);
	} else if (strcmp(section, "severity") == 0) {
		dd_class cls;
		dd_level l;
		if (dd_class_parse(key, &cls) < 0)
			perr(p, p->rd.line, "[severity]: unknown class '%s'; expected one of %s", key,
			     dd_class_list());
		else if (dd_level_parse(v, &l) < 0)
			perr(p, p->rd.line, "[severity] %s: '%s' is not a level; expected error, warning, "
			     "note or none", key, v);
		else if (once(p, section, key)) {
			c->level[cls] = l;
			c->level_at[cls] = here(p);
		}
	} else if (strncmp(section, "suppress ", 9) == 0 && section[9])
		suppress_key(p, section, key, v);
	else if (strncmp(section, "group ", 6) == 0 && section[6])
		group_key(p, section + 6, key, v);
	else
		perr(p, p->rd.line, "unknown section [%s]; expected [labels], [severity], "
		     "[suppress NAME] or [group NAME]", section);
	return 1;
}

void dd_config_diag(dd_config *c, unsigned line, dd_severity sev, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dd_vdiag(c->diags, &c->src, line ? line_off(&c->src, line) : (size_t)-1, sev, code, fmt, ap);
	va_end(ap);
}

static int err_cmp(const void *x, const void *y)
{
	const cfg_err *a = x, *b = y;
	return (a->line > b->line) - (a->line < b->line);
}

/* What is wrong with a line inih refused. */
static const char *syntax_why(const dd_source *src, unsigned line)
{
	const char *s = src->text + line_off(src, line);
	while (*s == ' ' || *s == '\t')
		s++;
	if (*s == '[')
		return "a section header without its ']'; expected [NAME]";
	return "not a key = value line; expected key = value, [section], or a comment "
	       "starting with ; or #";
}

static void find_config(dd_config *c)
{
	/* from the working directory up to the repository root; without a
	 * repository, the working directory only */
	char *cwd = getcwd(NULL, 0);
	if (!cwd)
		return;
	char *root = dd_identity_root(NULL);
	struct stat st;
	dd_buf b = DD_BUF_INIT, rel = DD_BUF_INIT;
	dd_buf_printf(&b, "%s/.git", root);
	int repo = stat(b.ptr, &st) == 0;
	size_t n = strlen(cwd), rn = strlen(root);
	dd_buf_puts(&rel, ".");
	for (;;) {
		dd_buf_reset(&b);
		dd_buf_printf(&b, "%.*s/" CONFIG_NAME, (int)n, cwd);
		if (stat(b.ptr, &st) == 0 && S_ISREG(st.st_mode)) {
			dd_buf_reset(&b);
			dd_buf_printf(&b, "%s/" CONFIG_NAME, rel.ptr);
			c->path = dd_arena_strdup(c->arena, b.ptr + 2); /* without "./" */
			break;
		}
		if (!repo || n <= rn)
			break;
		while (n > 1 && cwd[n - 1] != '/')
			n--;
		n = n > 1 ? n - 1 : 1;
		dd_buf_puts(&rel, "/..");
	}
	dd_buf_free(&b);
	dd_buf_free(&rel);
	free(root);
	free(cwd);
}

void dd_config_init(dd_config *c)
{
	memset(c, 0, sizeof *c);
	c->arena = dd_arena_new();
	c->fail_on = DD_LEVEL_WARNING;
	c->dir = ".";
	c->idprefix = "";
}

void dd_config_free(dd_config *c)
{
	if (!c)
		return;
	if (c->has_src)
		dd_source_free(&c->src);
	dd_arena_free(c->arena);
	memset(c, 0, sizeof *c);
}

static void set_dir(dd_config *c)
{
	const char *slash = strrchr(c->path, '/');
	c->dir = slash ? dd_arena_strndup(c->arena, c->path, slash == c->path ? 1 : (size_t)(slash - c->path))
	               : ".";
	/* the file's directory as an identity (relative to the root), to anchor
	 * variant globs of suppressions */
	char *root = dd_identity_root(c->dir);
	dd_buf b = DD_BUF_INIT;
	dd_buf_printf(&b, "%s/x", c->dir);
	const char *id = dd_identity(c->arena, root, b.ptr);
	size_t n = strlen(id);
	c->idprefix = n > 2 ? dd_arena_strndup(c->arena, id, n - 2) : "";
	dd_buf_free(&b);
	free(root);
}

int dd_config_load(dd_config *c, const char *path, dd_diag_sink *diags)
{
	if (path)
		c->path = dd_arena_strdup(c->arena, path);
	else
		find_config(c);
	c->diags = diags;
	if (!c->path)
		return 0;
	c->explicit_path = path != NULL;
	set_dir(c);
	dd_source *srcp = &c->src;
	c->has_src = 1;
	if (dd_source_load(srcp, c->path, diags) < 0)
		return -1;
	parse p;
	memset(&p, 0, sizeof p);
	p.c = c;
	p.src = srcp;
	p.rd = (reader){srcp->text, srcp->text + srcp->len, 0, 1};
	int rc = 0;
	unsigned line = 1;
	for (size_t i = 0, start = 0; i <= srcp->len; i++)
		if (i == srcp->len || srcp->text[i] == '\n') {
			if (i - start > CONFIG_MAX_LINE)
				perr(&p, line, "line of %zu bytes; expected at most %d", i - start,
				     CONFIG_MAX_LINE);
			start = i + 1;
			line++;
		}
	if (!p.nerrs) {
		ini_allow_multiline = 0;
		ini_allow_inline_comments = 0; /* a reason may hold a ';' */
		ini_use_stack = 0;
		ini_allow_realloc = 1;
		ini_max_line = CONFIG_MAX_LINE + 4;
		int bad = ini_parse_stream(mem_reader, &p.rd, handler, &p);
		if (bad > 0)
			perr(&p, (unsigned)bad, "%s", syntax_why(srcp, (unsigned)bad));
		else if (bad < 0)
			perr(&p, 0, "cannot read: %s", strerror(ENOMEM));
	}
	for (size_t i = 0; i < c->nsupp; i++)
		if (!c->supp[i].reason)
			perr(&p, c->supp[i].line, "[suppress %s] has no reason; expected reason = why "
			     "these findings are accepted (it is shown with every one)", c->supp[i].name);
	if (p.nerrs)
		qsort(p.errs, p.nerrs, sizeof *p.errs, err_cmp);
	for (size_t i = 0; i < p.nerrs; i++) {
		dd_diag(diags, srcp, p.errs[i].line ? line_off(srcp, p.errs[i].line) : (size_t)-1,
		        DD_ERROR, DD_E_CONFIG, "%s", p.errs[i].msg);
		free(p.errs[i].msg);
		rc = -1;
	}
	free(p.errs);
	for (size_t i = 0; i < p.nseen; i++)
		free(p.seen[i]);
	free(p.seen);
	free(p.seen_line);
	return rc;
}

int dd_config_expand_inputs(dd_config *c, dd_arena *a, const char ***paths, size_t *n)
{
	const char **v = NULL;
	size_t len = 0, cap = 0;
	int rc = 0;
	for (size_t i = 0; i < c->ninputs; i++) {
		const char *in = c->inputs[i].path;
		if (!strpbrk(in, "*?[")) {
			v = dd_arena_grow(a, v, sizeof *v, len, &cap, len + 1);
			v[len++] = in;
			continue;
		}
		glob_t g;
		int gr = glob(in, 0, NULL, &g);
		if (gr != 0 || g.gl_pathc == 0) {
			dd_config_diag(c, c->inputs[i].at.line, DD_ERROR, DD_E_CONFIG_INPUT,
			               "input '%s' matches no file; expected a glob that names documents",
			               in);
			rc = -1;
		} else
			for (size_t k = 0; k < g.gl_pathc; k++) {
				v = dd_arena_grow(a, v, sizeof *v, len, &cap, len + 1);
				v[len++] = dd_arena_strdup(a, g.gl_pathv[k]);
			}
		globfree(&g);
	}
	*paths = v;
	*n = len;
	return rc;
}
