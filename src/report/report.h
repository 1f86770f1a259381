/* report.h - the `docdrift diff` report: text (plain or ANSI colour) and
 * JSON (schema in doc/report-schema.md). Both are built from one dd_recon
 * and are byte-for-byte deterministic for the same inputs. */
#ifndef DD_REPORT_H
#define DD_REPORT_H

#include <stdio.h>

#include "reconcile/reconcile.h"
#include "core/core.h"

/* Appends the text report to out: summary (variants, codes x variants
 * matrix, counts per class), systematic substitutions, then every code with
 * a listed difference: its canonical wording with support and each
 * dissenting variant's class, word diff and file:line:col. color: ANSI
 * red/green diffs instead of [-...-]{+...+}. */
void dd_report_text(const dd_recon *r, int color, dd_buf *out, FILE *spill);

/* Appends the JSON report (one object, two-space indent, trailing newline).
 * For both reports: spill, when not NULL, gets out's bytes whenever they
 * pass 1 MiB (out is then emptied), so a report as large as its input is
 * never held whole; the caller writes what is left. */
void dd_report_json(const dd_recon *r, dd_buf *out, FILE *spill);

#endif
