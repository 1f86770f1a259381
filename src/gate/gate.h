/* gate.h - what makes a reconciliation a CI gate: a severity per
 * difference class, what is reported at all, suppressions, content
 * fingerprints, the baseline of accepted findings, and the verdict.
 *
 *   policy.c       levels, per-class severities, --only/--ignore, suppressions
 *   fingerprint.c  variant identities (paths from the root) and fingerprints
 *   baseline.c     the baseline file: read (file:line:col errors), write
 *   gate.c         one gate item per finding: level, fingerprint, state;
 *                  fixed baseline entries; the exit status
 *
 * doc/gating.md gives every rule, the default severities and the
 * fingerprint recipe. */
#ifndef DD_GATE_H
#define DD_GATE_H

#include <stddef.h>

#include "core/core.h"
#include "reconcile/reconcile.h"

/* ==== levels and the policy (policy.c) ==== */

/* A severity, ordered: none < note < warning < error. */
typedef enum dd_level { DD_LEVEL_NONE, DD_LEVEL_NOTE, DD_LEVEL_WARNING, DD_LEVEL_ERROR } dd_level;
#define DD_NLEVELS 4

/* "none", "note", "warning", "error" */
const char *dd_level_name(dd_level l);
/* Parses a level name; 0, or -1 when s is none of them. */
int dd_level_parse(const char *s, dd_level *out);
/* A class by its name (dd_class_name); 0, or -1 when unknown. "none" is
 * not a class one can name. */
int dd_class_parse(const char *s, dd_class *out);
/* The default severity of class c (doc/gating.md): typography (whitespace,
 * paragraphing, case) is a note, a missing or extra code an error, every
 * change of wording a warning. */
dd_level dd_class_default_level(dd_class c);
/* The class names, comma separated ("missing, extra, ..."), for messages. */
const char *dd_class_list(void);

/* A suppression: findings it matches are reported as suppressed, with the
 * reason, and never fail. Every pattern is an fnmatch(3) glob ('*' crosses
 * '/'); codes match a finding's code, variant its identity or its label. */
typedef struct dd_suppression {
	const char *name;          /* [suppress NAME] */
	const char **codes;        /* globs; none = any code */
	size_t ncodes;
	const char **variants;     /* globs over identities; none = any variant */
	const char **labels;       /* the same globs as written, over labels */
	size_t nvariants;
	unsigned classes;          /* bit per dd_class; 0 = any class */
	const char *reason;        /* required */
	const char *file;          /* where it was defined */
	unsigned line;
} dd_suppression;

typedef struct dd_policy {
	dd_level level[DD_CLASS_COUNT];   /* severity per class; none = off */
	dd_level fail_on;                 /* new findings at this level or above fail;
	                                   * none: nothing fails */
	unsigned char report[DD_CLASS_COUNT]; /* 0: the class is not reported at all */
	const char **ignore_codes;        /* globs of codes not reported at all */
	size_t nignore_codes;
	const dd_suppression *supp;
	size_t nsupp;
	/* diff --code, --variant: the report is narrowed to these codes and
	 * variants (globs; none: all). A variant matches by label or file. */
	const char **codes;
	size_t ncodes;
	const char **variants;
	size_t nvariants;
} dd_policy;

/* The defaults: every class reported at its default level, fail on warning. */
void dd_policy_init(dd_policy *p);
/* Parses a comma-separated class list into a bit set (bit = 1 << class).
 * Returns 0, or -1 with the first unknown name in *bad. */
int dd_class_set_parse(const char *list, unsigned *set, char *bad, size_t badsz);
/* 1 when a finding of class c for code is reported at all (class
 * reported, level not none, code not ignored). */
int dd_policy_reports(const dd_policy *p, const char *code, dd_class c);

/* 1 when code matches one of globs[0..n): fnmatch(3), and "4xx" stands
 * for the class row 4xx and every code 4nn. */
int dd_code_glob_any(const char *const *globs, size_t n, const char *code);
/* 1 when variant v is reported (no --variant, or one of its globs matches
 * v's label or file). */
int dd_policy_shows(const dd_policy *p, const dd_variant *v);
/* 1 when the report is narrowed to some codes or variants. */
int dd_policy_narrowed(const dd_policy *p);

/* Drops from r every finding the policy does not report (and the codes it
 * ignores or, narrowed, does not name), then recounts r's states, class
 * counts and differing codes. A variant narrowed out loses its findings
 * (a neutral one stays when the other side is shown) and keeps its states:
 * the reports leave it out. */
void dd_policy_filter(const dd_policy *p, dd_recon *r);

/* ==== identities and fingerprints (fingerprint.c) ==== */

/* The root that variant identities are relative to: the nearest directory
 * at or above the working directory that holds .git, else fallback (the
 * configuration file's directory; NULL: the working directory). Absolute,
 * symlinks resolved; malloc'd. */
char *dd_identity_root(const char *fallback);
/* The identity of a document read as path: its path relative to root,
 * '.' and '..' resolved, directories' symlinks resolved ("docs/a.md"); an
 * absolute path when it is outside root; "<stdin>" as is. In a. */
const char *dd_identity(dd_arena *a, const char *root, const char *path);

/* Hex digits of a fingerprint (64 bits of SHA-256). */
#define DD_FP_HEX 16

/* The fingerprint of a finding: the first 16 hex digits of the SHA-256 of
 * "docdrift-fingerprint/1", code, identity, field ("" for a code missing or
 * extra), class, the canonical text and the variant's text (display form,
 * paragraphs joined by "\n"; "" for a code missing or extra), each followed
 * by one NUL byte. out gets DD_FP_HEX digits and a NUL. */
void dd_fingerprint(const char *code, const char *identity, const char *field, const char *cls,
                    const char *canonical, const char *variant, char out[DD_FP_HEX + 1]);

/* ==== the baseline file (baseline.c) ==== */

/* One accepted finding. Only the fingerprint is compared; the rest says
 * what it was, for the reader of the file and for reporting it fixed. */
typedef struct dd_base_entry {
	const char *fingerprint;
	const char *code, *file, *field, *cls;   /* field "" for a code */
	const char *diff;                        /* the word diff when accepted, or NULL */
	const char *note;                        /* the team's note, or NULL; kept on update */
	unsigned line;                           /* in the file (0: not read from one) */
	int seen;                                /* matched by this run */
} dd_base_entry;

typedef struct dd_baseline {
	dd_arena *arena;
	const char *path;
	dd_base_entry *e;
	size_t n;
	size_t *by_fp;             /* indexes of e sorted by fingerprint */
} dd_baseline;

/* Reads a baseline file (schema docdrift-baseline/1). A file that is
 * missing, not JSON, or not a baseline is a DD-601 error at file:line:col
 * (nothing is read; -1). Returns 0. */
int dd_baseline_read(dd_baseline *b, const char *path, dd_diag_sink *diags);
/* An empty baseline to add to (b->path = path). */
void dd_baseline_init(dd_baseline *b, const char *path);
void dd_baseline_free(dd_baseline *b);
/* Sorts b's fingerprint index (dd_baseline_read does; call it after
 * adding entries yourself). */
void dd_baseline_index(dd_baseline *b);
/* The entry with this fingerprint, or NULL. */
dd_base_entry *dd_baseline_find(const dd_baseline *b, const char *fingerprint);
/* Appends the file: one entry per line, in b's order. */
void dd_baseline_write(const dd_baseline *b, dd_buf *out);
/* The baseline order: file, code (code order), field, class, fingerprint. */
int dd_base_entry_cmp(const dd_base_entry *x, const dd_base_entry *y);

/* ==== the gate (gate.c) ==== */

typedef enum dd_gate_state {
	DD_GATE_OPEN,        /* no baseline compared (diff, baseline) */
	DD_GATE_NEW,         /* not in the baseline */
	DD_GATE_ACCEPTED,    /* in the baseline */
	DD_GATE_SUPPRESSED   /* matched by a suppression */
} dd_gate_state;

/* "open", "new", "accepted", "suppressed" */
const char *dd_gate_state_name(dd_gate_state s);

typedef struct dd_gate_item {
	size_t code;                 /* index in r->codes */
	const dd_finding *fd;
	dd_level level;
	dd_gate_state state;
	const dd_suppression *supp;  /* when suppressed */
	char fp[DD_FP_HEX + 1];
	const char *text;            /* the variant's text as fingerprinted */
	const char *canonical;       /* the canonical text as fingerprinted */
} dd_gate_item;

typedef struct dd_gate {
	dd_arena *arena;
	const dd_recon *r;
	const dd_policy *p;
	const char *root;
	const char **ident;          /* per variant of r */
	dd_gate_item *items;         /* one per finding of r, in r's order */
	size_t n;
	size_t *first;               /* per code: index of its first item; [ncodes] = n */
	const dd_baseline *base;     /* NULL: none compared */
	const dd_base_entry **fixed; /* baseline entries no finding matches, file order */
	size_t nfixed;
	size_t *supp_hits;           /* per suppression of p: findings it matched */
	size_t count[4][DD_NLEVELS]; /* by dd_gate_state, then level */
	int strict;                  /* fixed entries fail too */
} dd_gate;

/* Builds the gate of r (already filtered by p) against base (NULL: none).
 * root: the identity root. Everything r, p and base hold must outlive g.
 * The fingerprints are made on up to `threads` threads (0, 1: this one). */
void dd_gate_build(dd_gate *g, const dd_recon *r, const dd_policy *p, const dd_baseline *base,
                   const char *root, unsigned threads);
void dd_gate_free(dd_gate *g);
/* A view of the gate all of several reconciliations concatenated
 * (dd_recon_concat) as the gate of one of them, part, whose variants and
 * codes start at var_base and code_base in the whole: items, identities
 * and the baseline are all's (view shares them and needs no free); its
 * counts are not set. */
void dd_gate_view(const dd_gate *all, const dd_recon *part, unsigned var_base, size_t code_base,
                  dd_gate *view);
/* The item of finding k of code ci. */
const dd_gate_item *dd_gate_item_of(const dd_gate *g, size_t ci, size_t k);
/* 1 when the item fails the gate: not accepted or suppressed, and at or
 * above fail-on (never when fail-on is none). */
int dd_gate_item_fails(const dd_gate *g, const dd_gate_item *it);
/* Findings that fail; with strict, fixed entries count too. */
size_t dd_gate_failures(const dd_gate *g);
/* DD_EXIT_SAME (0) or DD_EXIT_DIFFER (1) for check. */
int dd_gate_status(const dd_gate *g);
/* Items in report order for annotations: most severe first, then new
 * before others, then r's order. Returns a malloc'd array of n indexes. */
size_t *dd_gate_by_severity(const dd_gate *g);

#endif
