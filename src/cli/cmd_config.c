/* cmd_config.c - `docdrift config`: the settings in effect and where each
 * one comes from (the command line, .docdrift.ini:LINE, the default). */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static const char config_help[] =
	"usage: docdrift config [--config FILE | --no-config] [--fail-on LEVEL] [--only CLASSES]\n"
	"                       [--ignore CLASSES] [--baseline FILE] [--prefer A,B] [-o FILE]\n"
	"                       [PATH...]\n"
	"\n"
	"Prints the configuration in effect: the .docdrift.ini found from the working\n"
	"directory up to the repository root (or --config FILE), every setting, and\n"
	"where each comes from: the command line, FILE:LINE, or the default.\n";

static void origin(dd_buf *out, dd_origin at)
{
	if (!at.file)
		dd_buf_puts(out, "default");
	else if (!at.line)
		dd_buf_puts(out, at.file);
	else
		dd_buf_printf(out, "%s:%u", at.file, at.line);
}

static void row(dd_buf *out, const char *indent, const char *key, const char *value, dd_origin at)
{
	size_t start = out->len;
	dd_buf_printf(out, "%s%-*s %s", indent, 18 - (int)strlen(indent), key, value);
	size_t w = out->len - start;
	dd_buf_printf(out, "%*s", w < 52 ? (int)(52 - w) : 1, "");
	origin(out, at);
	dd_buf_putc(out, '\n');
}

static void join(dd_buf *b, const char *const *v, size_t n)
{
	dd_buf_reset(b);
	for (size_t i = 0; i < n; i++)
		dd_buf_printf(b, "%s%s", i ? ", " : "", v[i]);
	if (!n)
		dd_buf_puts(b, "(none)");
}

static void classes(dd_buf *b, const dd_policy *p, int reported)
{
	dd_buf_reset(b);
	for (int c = DD_CLASS_NONE + 1; c < DD_CLASS_COUNT; c++)
		if (!p->report[c] == !reported)
			dd_buf_printf(b, "%s%s", b->len ? ", " : "", dd_class_name((dd_class)c));
	if (!b->len)
		dd_buf_puts(b, reported ? "(none)" : "(none)");
}

int dd_cmd_config(int argc, char **argv)
{
	dd_run run;
	int rc = dd_run_setup(&run, argc, argv,
	                      DD_OPT_CONFIG | DD_OPT_FILTER | DD_OPT_GATE | DD_OPT_PREFER |
	                      DD_OPT_REFERENCE, config_help, 0);
	if (rc) {
		dd_run_free(&run);
		return rc;
	}
	const dd_config *c = &run.cfg;
	const dd_opts *o = &run.o;
	dd_origin cmdline = {"command line", 0}, none = {NULL, 0};
	dd_buf out = DD_BUF_INIT, v = DD_BUF_INIT;
	if (c->path)
		dd_buf_printf(&v, "%s (%s)", c->path,
		              c->explicit_path ? "--config" : "found from the working directory up");
	else
		dd_buf_puts(&v, o->no_config ? "none (--no-config)"
		                             : "none (no .docdrift.ini from the working directory up to "
		                               "the repository root)");
	dd_buf_printf(&out, "%-18s %s\n", "config file", v.ptr);
	/* relative to the working directory, as every path here */
	char *cwd = getcwd(NULL, 0);
	dd_buf_reset(&v);
	size_t rn = strlen(run.root);
	if (cwd && strncmp(cwd, run.root, rn) == 0 && (cwd[rn] == '/' || !cwd[rn])) {
		dd_buf_putc(&v, '.');
		for (const char *p = cwd + rn; *p; p++)
			if (*p == '/')
				dd_buf_puts(&v, v.len == 1 ? "." : "/..");
	} else
		dd_buf_puts(&v, run.root);
	free(cwd);
	dd_buf_printf(&out, "%-18s %s (variant identities are paths relative to it)\n\n",
	              "identity root", v.ptr);
	if (run.first < argc)
		for (int i = run.first; i < argc; i++)
			row(&out, "", i == run.first ? "input" : "", argv[i], cmdline);
	else if (c->ninputs)
		for (size_t i = 0; i < c->ninputs; i++)
			row(&out, "", i ? "" : "input", c->inputs[i].path, c->inputs[i].at);
	else
		row(&out, "", "input", "(none: give PATH...)", none);
	row(&out, "", "baseline", run.baseline_path, run.baseline_at);
	row(&out, "", "fail-on", dd_level_name(run.policy.fail_on), run.fail_on_at);
	join(&v, o->prefer, o->nprefer);
	row(&out, "", "prefer", v.ptr, o->nprefer && c->prefer != o->prefer ? cmdline : c->prefer_at);
	join(&v, o->refs, o->nrefs);
	row(&out, "", "reference", v.ptr, o->nrefs && c->refs != o->refs ? cmdline : c->refs_at);
	classes(&v, &run.policy, 1);
	row(&out, "", "reported classes", v.ptr,
	    o->only ? cmdline : c->only_at.file ? c->only_at : o->ignore ? cmdline : c->ignore_at);
	classes(&v, &run.policy, 0);
	row(&out, "", "ignored classes", v.ptr, o->ignore ? cmdline : c->ignore_at);
	join(&v, c->ignore_codes, c->nignore_codes);
	row(&out, "", "ignored codes", v.ptr, c->ignore_codes_at);
	dd_buf_puts(&out, "severity\n");
	for (int k = DD_CLASS_NONE + 1; k < DD_CLASS_COUNT; k++)
		row(&out, "  ", dd_class_name((dd_class)k), dd_level_name(run.policy.level[k]),
		    c->level_at[k]);
	dd_buf_puts(&out, "labels\n");
	for (size_t i = 0; i < c->nlabels; i++)
		row(&out, "  ", c->labels[i].name, c->labels[i].glob, c->labels[i].at);
	if (!c->nlabels)
		dd_buf_puts(&out, "  (none)\n");
	row(&out, "", "group", c->group_mode ? c->group_mode : "none", c->group_mode_at);
	dd_buf_puts(&out, "groups\n");
	for (size_t i = 0; i < c->ngroups; i++) {
		join(&v, c->groups[i].globs, c->groups[i].nglobs);
		row(&out, "  ", c->groups[i].name, v.ptr, c->groups[i].at);
	}
	if (!c->ngroups)
		dd_buf_puts(&out, "  (none)\n");
	dd_buf_puts(&out, "suppressions\n");
	for (size_t i = 0; i < c->nsupp; i++) {
		const dd_suppression *s = &c->supp[i];
		dd_buf w = DD_BUF_INIT;
		join(&v, s->codes, s->ncodes);
		dd_buf_printf(&w, "code %s; variant ", s->ncodes ? v.ptr : "*");
		join(&v, s->labels, s->nvariants);
		dd_buf_printf(&w, "%s; class ", s->nvariants ? v.ptr : "*");
		int any = 0;
		for (int k = DD_CLASS_NONE + 1; k < DD_CLASS_COUNT; k++)
			if (s->classes & (1u << k))
				dd_buf_printf(&w, "%s%s", any++ ? ", " : "", dd_class_name((dd_class)k));
		if (!any)
			dd_buf_putc(&w, '*');
		row(&out, "  ", s->name, w.ptr, (dd_origin){s->file, s->line});
		dd_buf_printf(&out, "  %-16s reason: %s\n", "", s->reason);
		dd_buf_free(&w);
	}
	if (!c->nsupp)
		dd_buf_puts(&out, "  (none)\n");
	dd_outfile f;
	if (dd_outfile_open(&f, o->output) != 0)
		rc = DD_EXIT_TROUBLE;
	else {
		fwrite(out.ptr, 1, out.len, f.fp);
		if (dd_outfile_close(&f, 1) != 0)
			rc = DD_EXIT_TROUBLE;
	}
	dd_buf_free(&out);
	dd_buf_free(&v);
	dd_run_free(&run);
	return rc;
}
