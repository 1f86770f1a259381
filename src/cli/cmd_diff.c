/* cmd_diff.c - `docdrift diff`: the report of how the variants differ; and
 * the report writer diff and check share. */
#include "cli_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "report/report.h"

/* auto colours only a terminal: never a -o file, whatever stdout is */
static int use_color(const char *mode, const char *output)
{
	if (mode && strcmp(mode, "always") == 0)
		return 1;
	if (mode && strcmp(mode, "never") == 0)
		return 0;
	const char *nc = getenv("NO_COLOR");
	if (nc && *nc)
		return 0;
	if (output)
		return 0;
	return isatty(STDOUT_FILENO);
}

int dd_report_format_of(const char *name)
{
	dd_report_format f;
	if (dd_report_format_parse(name, &f) == 0)
		return (int)f;
	dd_usage_error("unknown --to '%s'; expected text, html, json, jsonl, csv, sarif, github or "
	               "markdown",
	               name);
	return -1;
}

/* The job summary is GitHub's file to append to (other steps' tools
 * append too), so it is appended in one write, not replaced. */
static void append_step_summary(const dd_gate *g, const dd_report_opts *ro)
{
	const char *path = getenv("GITHUB_STEP_SUMMARY");
	if (!path || !*path)
		return;
	dd_buf b = DD_BUF_INIT;
	dd_report_github_summary(g, ro, &b);
	int fd = open(path, O_WRONLY | O_APPEND | O_CREAT | O_CLOEXEC, 0666);
	if (fd < 0 || write(fd, b.ptr, b.len) != (ssize_t)b.len)
		fprintf(stderr, "%s: warning: cannot append the job summary (GITHUB_STEP_SUMMARY): %s\n",
		        path, strerror(errno));
	if (fd >= 0)
		close(fd);
	dd_buf_free(&b);
}

/* The text report's width: --width, else the terminal's (standard output,
 * no -o; DD_REPORT_MIN_WIDTH at least), else DD_REPORT_WIDTH. */
static unsigned text_width(unsigned given, const char *output)
{
	struct winsize ws;
	if (given)
		return given;
	if (!output && isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 &&
	    ws.ws_col > 0)
		return ws.ws_col < DD_REPORT_MIN_WIDTH ? DD_REPORT_MIN_WIDTH : ws.ws_col;
	return DD_REPORT_WIDTH;
}

void dd_write_report(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g, int fmt,
                     const char *path, dd_buf *out, FILE *fp)
{
	dd_report_opts ro = {c->baseline ? "check" : "diff", g && g->base ? g->base->path : NULL,
	                     run->o.sarif_accepted, use_color(run->o.color, path),
	                     text_width(run->o.width, path), run->o.quiet, run->o.matrix, 0,
	                     dd_walk_threads(&run->o.walk)};
	/* the writers of a reconciliation (one call per dd_recon) */
	static void (*const of_recon[])(const dd_recon *, const dd_gate *, const dd_report_opts *,
	                                dd_buf *, FILE *) = {
		[DD_REPORT_TEXT] = dd_report_text, [DD_REPORT_JSON] = dd_report_json,
		[DD_REPORT_HTML] = dd_report_html, [DD_REPORT_JSONL] = dd_report_jsonl,
		[DD_REPORT_CSV] = dd_report_csv,
	};
	switch ((dd_report_format)fmt) {
	case DD_REPORT_TEXT:
		if (c->baseline) {
			dd_report_check(g, &ro, out, fp);
			break;
		}
		if (c->secs && c->secs->multi) {
			dd_sections_text(c->secs, g, &ro, out, fp);
			break;
		}
		/* fall through */
	case DD_REPORT_JSON:
	case DD_REPORT_HTML:
	case DD_REPORT_JSONL:
	case DD_REPORT_CSV:
		if (c->secs && c->secs->multi && fmt == DD_REPORT_JSON)
			dd_sections_json(c->secs, g, &ro, out, fp);
		else if (c->secs && c->secs->multi && fmt == DD_REPORT_HTML)
			dd_sections_html(c->secs, g, out, fp);
		else if (c->secs && c->secs->multi && fmt != DD_REPORT_TEXT)
			dd_sections_flat(c->secs, g, &ro, fmt == DD_REPORT_CSV, out, fp);
		else
			of_recon[fmt](r, g, &ro, out, fp);
		break;
	case DD_REPORT_SARIF:
		dd_report_sarif(g, &ro, out, fp);
		break;
	case DD_REPORT_GITHUB:
		dd_report_github(g, &ro, out);
		append_step_summary(g, &ro);
		break;
	case DD_REPORT_MARKDOWN:
		dd_report_markdown(g, &ro, DD_MARKDOWN_MAX, out);
		break;
	}
}

static int diff_status(dd_recon_cmd *c, dd_run *run, const dd_recon *r, const dd_gate *g)
{
	return dd_recon_differs(r) || dd_sections_differ(c->secs) ? DD_EXIT_DIFFER : DD_EXIT_SAME;
}

int dd_cmd_diff(int argc, char **argv)
{
	dd_recon_cmd c = {
		.allowed = DD_OPT_TO | DD_OPT_PREFER | DD_OPT_LABEL | DD_OPT_COLOR | DD_OPT_CONFIG |
		           DD_OPT_FILTER | DD_OPT_OUTPUTS | DD_OPT_REFERENCE | DD_OPT_WIDTH | DD_OPT_REPORT |
		           DD_OPT_KIND | DD_OPT_FAMILY,
		.help = dd_reconcile_help,
		.gate = 1,
		.default_to = "text",
		.format = dd_report_format_of,
		.write = dd_write_report,
		.status = diff_status,
	};
	return dd_recon_cmd_run(&c, argc, argv);
}
