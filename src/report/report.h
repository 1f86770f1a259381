/* report.h - the reports of `docdrift diff` and `docdrift check`: text
 * (plain or ANSI colour), JSON (schema in doc/report-schema.md), SARIF
 * 2.1.0, GitHub workflow commands and a Markdown summary, and a
 * pull-request comment. All are built from one dd_recon (and its gate)
 * and are byte-for-byte deterministic for the same inputs. */
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
	DD_REPORT_MARKDOWN
} dd_report_format;

/* "text", "json", "sarif", "github", "markdown" (also "md"); 0 or -1. */
int dd_report_format_parse(const char *s, dd_report_format *out);

/* What a report says besides the findings. */
typedef struct dd_report_opts {
	const char *command;         /* "diff" or "check" */
	const char *baseline;        /* the baseline compared (check), or NULL */
	int include_accepted;        /* SARIF: accepted and suppressed findings too */
	int color;                   /* text: ANSI colour */
} dd_report_opts;

/* Appends the text report to out: summary (variants, codes x variants
 * matrix, counts per class), systematic substitutions, then every code with
 * a listed difference: its canonical wording with support and each
 * dissenting variant's class, word diff and file:line:col. color: ANSI
 * red/green diffs instead of [-...-]{+...+}. */
void dd_report_text(const dd_recon *r, int color, dd_buf *out, FILE *spill);

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
