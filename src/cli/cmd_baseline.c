/* cmd_baseline.c - `docdrift baseline`: the findings of now, recorded as
 * accepted; --update keeps the file's entries (and notes) that still occur,
 * drops fixed ones and, with --accept-new, adds new ones. */
#include "cli_internal.h"

#include <stdlib.h>
#include <string.h>

static const char baseline_help[] =
	"usage: docdrift baseline [-o FILE] [--update [--accept-new]] [--only CLASSES]\n"
	"                         [--ignore CLASSES] [--config FILE | --no-config]\n"
	"                         [--prefer A,B] [--reference FILE|iana]... [--label NAME=PATH]...\n"
	"                         [--kind status|error|all] [--pair | --group page|path|none]\n"
	"                         [--format F] [-j N] [-v] [PATH...]\n"
	"\n"
	"Records every finding of PATH... (or the inputs of .docdrift.ini) as accepted\n"
	"drift in FILE (default: baseline = in .docdrift.ini, else\n"
	"docdrift-baseline.json), for docdrift check to compare with. Suppressed\n"
	"findings are not recorded. The file is sorted JSON, one entry per line.\n"
	"--update rewrites FILE keeping its entries (their order and notes) that still\n"
	"occur and dropping the fixed ones; --accept-new also adds the new ones.\n";

typedef struct baseline_cmd {
	dd_recon_cmd c;        /* first: the callbacks get &c */
	size_t kept, added, dropped, total;
} baseline_cmd;

static int baseline_format(const char *name)
{
	if (strcmp(name, "baseline") == 0)
		return 0;
	dd_usage_error("baseline writes a baseline file; it takes no --to");
	return -1;
}

static int baseline_setup(dd_recon_cmd *c, dd_run *run)
{
	if (run->o.accept_new && !run->o.update) {
		dd_usage_error("baseline: --accept-new goes with --update (without --update every "
		               "finding is recorded)");
		return -1;
	}
	if (run->o.output) {
		run->baseline_path = run->o.output;
		run->baseline_at = (dd_origin){"command line", 0};
	}
	c->default_output = run->baseline_path;
	c->baseline = run->o.update; /* --update compares with the file first */
	return 0;
}

static int entry_cmp(const void *x, const void *y)
{
	return dd_base_entry_cmp(x, y);
}

static void entry_of(const dd_gate *g, const dd_gate_item *it, dd_arena *a, dd_base_entry *e)
{
	const dd_aligned *cd = &g->r->codes[it->code];
	memset(e, 0, sizeof *e);
	e->fingerprint = dd_arena_strdup(a, it->fp);
	e->code = cd->key;
	e->file = g->ident[it->fd->variant];
	e->field = it->fd->field < 0 ? "" : dd_field_name(it->fd->field);
	e->cls = dd_class_name(it->fd->cls);
	if (it->fd->field >= 0 && it->fd->value) {
		dd_buf d = DD_BUF_INIT;
		dd_finding_diff(cd, it->fd, 0, "", &d);
		e->diff = dd_arena_strdup(a, d.ptr ? d.ptr : "");
		dd_buf_free(&d);
	}
}

static void baseline_write(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g,
                           int fmt, const char *path, dd_buf *out, FILE *fp)
{
	baseline_cmd *b = (baseline_cmd *)c;
	dd_baseline nb;
	dd_baseline_init(&nb, path ? path : "-");
	/* the findings to add: every one (a fresh file) or the new ones */
	dd_base_entry *fresh = dd_xcalloc(g->n + 1, sizeof *fresh);
	size_t nfresh = 0;
	for (size_t i = 0; i < g->n; i++) {
		const dd_gate_item *it = &g->items[i];
		if (it->state == DD_GATE_SUPPRESSED || it->state == DD_GATE_ACCEPTED)
			continue;
		if (it->state == DD_GATE_NEW && !run->o.accept_new)
			continue;
		entry_of(g, it, nb.arena, &fresh[nfresh++]);
	}
	qsort(fresh, nfresh, sizeof *fresh, entry_cmp);
	size_t nold = g->base ? g->base->n : 0;
	nb.e = dd_arena_alloc(nb.arena, (nold + nfresh + 1) * sizeof *nb.e);
	size_t i = 0, k = 0;
	while (i < nold || k < nfresh) {
		const dd_base_entry *old = i < nold ? &g->base->e[i] : NULL;
		int is_fixed = 0;
		for (size_t f = 0; old && f < g->nfixed && !is_fixed; f++)
			is_fixed = g->fixed[f] == old;
		if (old && is_fixed) {
			b->dropped++;
			i++;
			continue;
		}
		/* a repeated fingerprint (the same finding twice) is recorded once */
		if (k < nfresh && k > 0 && strcmp(fresh[k].fingerprint, fresh[k - 1].fingerprint) == 0) {
			k++;
			continue;
		}
		if (k < nfresh && (!old || dd_base_entry_cmp(&fresh[k], old) < 0)) {
			nb.e[nb.n++] = fresh[k++];
			b->added++;
		} else {
			nb.e[nb.n++] = *old;
			b->kept++;
			i++;
		}
	}
	b->total = nb.n;
	dd_baseline_write(&nb, out);
	free(fresh);
	dd_baseline_free(&nb);
}

static int baseline_status(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g)
{
	baseline_cmd *b = (baseline_cmd *)c;
	const char *path = c->default_output ? c->default_output : "standard output";
	if (run->o.update)
		fprintf(stderr, "%s: %zu kept, %zu added, %zu dropped%s\n", path, b->kept, b->added,
		        b->dropped,
		        !run->o.accept_new && g->count[DD_GATE_NEW][DD_LEVEL_ERROR] +
		                                      g->count[DD_GATE_NEW][DD_LEVEL_WARNING] +
		                                      g->count[DD_GATE_NEW][DD_LEVEL_NOTE]
		            ? " (new findings not added: --accept-new adds them)"
		            : "");
	else
		fprintf(stderr, "%s: %zu finding%s accepted (%u variants, %zu codes)\n", path, b->total,
		        b->total == 1 ? "" : "s", r->nvar, r->ncodes);
	return DD_EXIT_SAME;
}

int dd_cmd_baseline(int argc, char **argv)
{
	baseline_cmd b = {
		.c = {
			.allowed = DD_OPT_PREFER | DD_OPT_REFERENCE | DD_OPT_LABEL | DD_OPT_CONFIG |
			           DD_OPT_FILTER | DD_OPT_UPDATE | DD_OPT_KIND | DD_OPT_FAMILY,
			.help = baseline_help,
			.gate = 1,
			.default_to = "baseline",
			.format = baseline_format,
			.setup = baseline_setup,
			.write = baseline_write,
			.status = baseline_status,
		},
	};
	return dd_recon_cmd_run(&b.c, argc, argv);
}
