/* report.h - the reports of `docdrift diff` and `docdrift check`: text
 * (plain or ANSI colour, fitted to a terminal), a self-contained HTML page,
 * JSON (schema in doc/report-schema.md), flat findings (JSON Lines, CSV),
 * SARIF 2.1.0, GitHub workflow commands and a Markdown summary, and a
 * pull-request comment. Each is built from one dd_recon (and its gate), so
 * a run of several reconciliations calls a writer once for each; all are
 * byte-for-byte deterministic for the same inputs. */
#ifndef DD_REPORT_H
#define DD_REPORT_H

#include <stdio.h>

#include "core/core.h"
#include "gate/gate.h"
#include "reconcile/reconcile.h"

typedef enum dd_report_format {
	DD_REPORT_TEXT,
	DD_REPORT_JSON,
	DD_REPORT_SARIF,
	DD_REPORT_GITHUB,
	DD_REPORT_MARKDOWN,
	DD_REPORT_HTML,
	DD_REPORT_JSONL,
	DD_REPORT_CSV
} dd_report_format;

/* "text", "json", "sarif", "github", "markdown" (also "md"), "html",
 * "jsonl", "csv"; 0 or -1. */
int dd_report_format_parse(const char *s, dd_report_format *out);

/* What a report says besides the findings. */
typedef struct dd_report_opts {
	const char *command;         /* "diff" or "check" */
	const char *baseline;        /* the baseline compared (check), or NULL */
	int include_accepted;        /* SARIF: accepted and suppressed findings too */
	int color;                   /* text: ANSI colour */
	unsigned width;              /* text: columns to fit (0: DD_REPORT_WIDTH) */
	int quiet;                   /* text: the summary and the scorecard only */
	int matrix;                  /* text: the codes x variants matrix even when too wide */
	int continued;               /* a later part of the same output: csv writes no
	                              * header row again */
	unsigned threads;            /* text: codes written on this many threads (0, 1:
	                              * this one); the same bytes for any number */
} dd_report_opts;

/* The text report's width without --width and without a terminal, and the
 * least --width it takes (its summary is made to fit 24 lines of it). */
#define DD_REPORT_WIDTH 80
#define DD_REPORT_MIN_WIDTH 40

/* Appends the text report to out, no line wider than o->width (display
 * columns): the summary (counts by severity and class: one screen for any
 * number of variants), the scorecard (one line per variant, most out of
 * line first), systematic substitutions, the variants, the codes x
 * variants matrix while it fits (else variants x codes, else a note), then
 * every code with a listed difference: its canonical wording with support,
 * and each dissenting group -- the variants making the same change -- once,
 * with its class, word diff and the variants' line:col. quiet: the summary
 * and the scorecard only. g (may be NULL: default severities) gives the
 * severities; with a --variant narrowing only the variants it shows are
 * listed. o may be NULL. */
void dd_report_text(const dd_recon *r, const dd_gate *g, const dd_report_opts *o, dd_buf *out,
                    FILE *spill);

/* Appends one self-contained HTML5 page (inline CSS and script, no
 * network): summary, scorecard, the matrix (sticky headers, each cell a
 * link to its finding), then per code the canonical wording with support
 * and each dissenting group's word diff in <del>/<ins>, every finding an
 * element with its code, variant, class and severity, and filters by
 * class, severity and variant. g may be NULL. */
void dd_report_html(const dd_recon *r, const dd_gate *g, const dd_report_opts *o, dd_buf *out,
                    FILE *spill);
/* Several reconciliations on one page (a run of several families): the
 * page's head (title: the <title>), then one part per dd_recon under its
 * heading, every id of it starting with idp (distinct per part) and its
 * own filters, then the end. dd_report_html is the three for one. */
void dd_report_html_begin(const char *title, dd_buf *out);
void dd_report_html_part(const dd_recon *r, const dd_gate *g, const char *heading,
                         const char *idp, dd_buf *out, FILE *spill);
void dd_report_html_end(dd_buf *out);

/* Flat findings, one per finding of the JSON report (systematic ones
 * included): JSON Lines (one object per line) or CSV (RFC 4180: CRLF,
 * a header row unless o->continued). The columns are DD_FLAT_COLUMNS
 * (doc/report-schema.md). g may be NULL (no severity from a policy, no
 * fingerprint). */
#define DD_FLAT_COLUMNS                                                                 \
	"code", "kind", "variant", "file", "line", "column", "field", "class", "reason",   \
	    "severity", "similarity", "canonical", "text", "diff", "against", "systematic", \
	    "baseline", "fingerprint"
void dd_report_jsonl(const dd_recon *r, const dd_gate *g, const dd_report_opts *o, dd_buf *out,
                     FILE *spill);
void dd_report_csv(const dd_recon *r, const dd_gate *g, const dd_report_opts *o, dd_buf *out,
                   FILE *spill);

/* Appends the JSON report (one object, two-space indent, trailing newline);
 * with a gate, every finding has its fingerprint, severity and (checking)
 * baseline state, and a check adds the fixed baseline entries.
 * For every report: spill, when not NULL, gets out's bytes whenever they
 * pass 1 MiB (out is then emptied), so a report as large as its input is
 * never held whole; the caller writes what is left. */
void dd_report_json(const dd_recon *r, const dd_gate *g, const dd_report_opts *o, dd_buf *out,
                    FILE *spill);

/* One part of a run that reconciles families of copies, or kinds of
 * table, apart: one family's reconciliation of one kind. */
typedef struct dd_report_part {
	size_t fam;                  /* index of its family */
	const dd_recon *r;
	const dd_gate *g;            /* its view of the run's gate (dd_gate_view), or NULL */
	const char *const *absent;   /* the family's files with no table of r's kind */
	size_t nabsent;
} dd_report_part;

/* A document of a family, or one that found no copy (why says so). */
typedef struct dd_report_doc {
	const char *file, *root, *label, *why;   /* root, label, why may be NULL */
} dd_report_doc;

typedef struct dd_report_family {
	const char *name;            /* NULL: every input is one family */
	const dd_report_doc *docs;
	size_t ndocs;
	int differs;                 /* a part differs, or a document lacks a kind the others have */
} dd_report_family;

typedef struct dd_report_run {
	const char *grouping;        /* "path", "page", "config", or NULL */
	const dd_report_family *fams;
	size_t nfams;
	const dd_report_doc *lone;   /* documents that found no copy (in one root only...) */
	size_t nlone;
	const dd_report_part *parts;
	size_t nparts;
	const dd_recon *r;           /* the parts as one (dd_recon_concat) */
	const dd_gate *g;            /* its gate, or NULL */
	int differs;                 /* a family differs, or a document is in one root only */
} dd_report_run;

/* The JSON report of such a run (doc/report-schema.md): its summary, the
 * families with their documents and parts, the documents in one root
 * only, the check (with a baseline), then every part as dd_report_json
 * writes a reconciliation, with its family and the files it lacks. The
 * documents that found no copy are "unmatched", each with why. */
void dd_report_json_run(const dd_report_run *rr, const dd_report_opts *o, dd_buf *out,
                        FILE *spill);

/* The text report of `docdrift check`: each finding that is new (or, with
 * --strict, fixed) as file:line:col: severity: message with its word diff,
 * the suppressions used, then one verdict line. */
void dd_report_check(const dd_gate *g, const dd_report_opts *o, dd_buf *out, FILE *spill);

/* SARIF 2.1.0 as GitHub code scanning takes it (doc/gating.md): one rule
 * per class, one result per finding (new ones; all with
 * include_accepted), repository-relative locations, the canonical
 * variant as a related location, partialFingerprints, baselineState. */
void dd_report_sarif(const dd_gate *g, const dd_report_opts *o, dd_buf *out, FILE *spill);

/* GitHub Actions workflow commands (::error file=...::message), most severe
 * first, at most DD_GITHUB_MAX per level, then one notice counting the
 * rest. */
#define DD_GITHUB_MAX 10
void dd_report_github(const dd_gate *g, const dd_report_opts *o, dd_buf *out);
/* The Markdown job summary for GITHUB_STEP_SUMMARY. */
void dd_report_github_summary(const dd_gate *g, const dd_report_opts *o, dd_buf *out);

/* A pull-request comment in Markdown: the summary, then the findings that
 * fail (new ones), with their word diffs, cut to stay under max bytes
 * with a line saying how many were left out. */
#define DD_MARKDOWN_MAX 65000
void dd_report_markdown(const dd_gate *g, const dd_report_opts *o, size_t max, dd_buf *out);

#endif
