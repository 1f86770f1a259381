/* reconcile.h - align the records of N documents by status code, pick the
 * canonical wording of every field and classify how each variant differs.
 *
 * A variant is one input document (the records sharing a file name). Its
 * label is its service ("css"); when several documents share a service they
 * are labelled service:page ("css:css_03_0075"), falling back to the file's
 * base name without a page id, and "#2", "#3" if still equal. --label
 * NAME=PATH overrides. doc/diff.md explains every rule and constant. */
#ifndef DD_RECONCILE_H
#define DD_RECONCILE_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"
#include "records/records.h"

/* A (variant, pair) replacement seen in at least this many codes is one
 * systematic substitution, reported once instead of per code. */
#define DD_SYSTEMATIC_MIN_CODES 3
/* Substitution: every change is a replacement, at most this many tokens
 * replaced on either side, and at least DD_SUBST_MIN_SHARED_PCT percent of
 * the longer value's tokens equal. Otherwise the change is a rewording. */
#define DD_SUBST_MAX_TOKENS 3
#define DD_SUBST_MIN_SHARED_PCT 66
/* A tie between wordings is broken by the medoid only among at most this
 * many distinct wordings (the medoid needs one diff per pair); beyond it
 * the tie goes straight to --prefer and input order. */
#define DD_MEDOID_MAX_WORDINGS 16

typedef enum dd_class {
	DD_CLASS_NONE,
	DD_CLASS_MISSING,
	DD_CLASS_EXTRA,
	DD_CLASS_WHITESPACE,
	DD_CLASS_PARAGRAPHING,
	DD_CLASS_CASE,
	DD_CLASS_PUNCTUATION,
	DD_CLASS_SPACING,
	DD_CLASS_TRUNCATION,
	DD_CLASS_SUBSTITUTION,
	DD_CLASS_REWORDING,
	DD_CLASS_COUNT
} dd_class;

/* "missing", "extra", "whitespace", ... */
const char *dd_class_name(dd_class c);

enum { DD_FIELD_NAME, DD_FIELD_DESC, DD_NFIELDS };
/* "name", "description" */
const char *dd_field_name(int field);

/* How a canonical value was chosen. */
typedef enum dd_choice {
	DD_CHOSEN_ONLY,      /* one wording only */
	DD_CHOSEN_MAJORITY,  /* most variants share it */
	DD_CHOSEN_MEDOID,    /* tie, least total word-level edit distance */
	DD_CHOSEN_PREFER,    /* tie, --prefer order */
	DD_CHOSEN_ORDER      /* tie, input order */
} dd_choice;

const char *dd_choice_name(dd_choice c);

typedef struct dd_variant {
	const char *label;
	const char *service, *page, *file;
	unsigned index;      /* input order (first record's position) */
	size_t ncodes;
	int prefer_rank;     /* position in --prefer, or INT_MAX */
	const char *given;   /* the --label NAME that labels it, or NULL */
} dd_variant;

/* One field of one record, normalised and tokenised. */
typedef struct dd_value {
	const char **paras;      /* display form of each paragraph */
	unsigned npara;
	struct dd_token *tok;    /* all paragraphs, DD_TOK_BREAK between them */
	size_t ntok;
	uint32_t *key;           /* per token: interned key */
	uint32_t *dkey;          /* per token: interned dkey */
	uint32_t group;          /* interned key sequence, breaks left out: the wording */
	uint32_t form;           /* interned dkey sequence + spacing: identical display */
} dd_value;

typedef struct dd_entry {
	unsigned variant;
	const dd_record *rec;
	dd_value f[DD_NFIELDS];
	char state;              /* '=' agrees, '~' differs, 's' systematic only, '+' extra */
} dd_entry;

typedef struct dd_canon {
	const dd_value *value;   /* NULL when no variant has a non-empty value */
	unsigned entry;          /* index of the entry it was taken from */
	unsigned support;        /* variants with the same wording (key, breaks aside) */
	unsigned voters;         /* variants with a non-empty value */
	unsigned *agree;         /* their variant indexes, sorted by label */
	dd_choice chosen;
	/* Systematic replacements undone in the chosen wording: its supporters
	 * write corr_to[i] where the others write corr_from[i] (display text). */
	const char **corr_from, **corr_to;
	unsigned ncorr;
} dd_canon;

typedef struct dd_finding {
	unsigned variant;
	int field;               /* DD_FIELD_*, or -1 for missing/extra */
	dd_class cls;
	double similarity;       /* token Dice coefficient vs canonical, 0..1 */
	const dd_value *value;   /* the variant's value (NULL for missing) */
	const dd_record *rec;    /* the variant's record (NULL for missing) */
	struct dd_edit *edits;   /* word diff canonical -> variant, for rendering */
	size_t nedits;
	int systematic;          /* explained by systematic substitutions: not listed */
} dd_finding;

typedef struct dd_aligned {  /* one status code across variants */
	const char *key;
	dd_entry *e;             /* present variants, sorted by label */
	unsigned n;
	int extra;               /* only a minority of variants has it */
	dd_canon canon[DD_NFIELDS];
	dd_finding *f;           /* sorted: missing, extra, then variant label, field */
	size_t nf;
} dd_aligned;

typedef struct dd_sys_use {
	unsigned variant;
	const char **codes;
	size_t ncodes;
} dd_sys_use;

typedef struct dd_systematic {
	const char *from, *to;   /* display text of the replaced and replacing tokens */
	dd_sys_use *uses;        /* per variant, sorted by label */
	size_t nuses;
} dd_systematic;

typedef struct dd_label_opt {
	const char *name, *path;
} dd_label_opt;

typedef struct dd_recon_opts {
	const char *const *prefer;   /* labels or services, most preferred first */
	size_t nprefer;
	const dd_label_opt *labels;
	size_t nlabels;
} dd_recon_opts;

typedef struct dd_recon {
	dd_arena *arena;
	dd_variant *var;             /* sorted by label */
	unsigned nvar;
	dd_aligned *codes;           /* by code, 4xx after 4nn; in document order when
	                              * a document lists its codes out of that order */
	size_t ncodes;
	dd_systematic *sys;
	size_t nsys;
	size_t count[DD_CLASS_COUNT];  /* findings per class (systematic ones excluded) */
	size_t ndiffer;              /* codes with any difference */
} dd_recon;

/* Reconciles the records of rs (which must outlive r). Reports bad --label
 * options as DD_E_LABEL and returns -1; else 0. */
int dd_reconcile(const dd_records *rs, const dd_recon_opts *o, dd_recon *r, dd_diag_sink *diags);
void dd_recon_free(dd_recon *r);

/* Recomputes r's entry states, class counts and differing codes from its
 * findings, after a caller dropped some (the gate's --only/--ignore). */
void dd_recon_recount(dd_recon *r);

/* 1 when anything differs (a finding or a systematic substitution). */
int dd_recon_differs(const dd_recon *r);

/* The canonical merged table: one record per code, in r's code order, with
 * the canonical name and description and the further columns of the record
 * whose description is canonical (they are not reconciled, but a merged
 * table must not lose them); allocated in a. *caption: the caption most
 * documents give (no caption is a vote too), a tie to the earliest. */
void dd_recon_merge(const dd_recon *r, dd_arena *a, dd_record **recs, size_t *n,
                    const char **caption);

/* Appends the word diff of finding fd (canonical -> variant) to out:
 * [-deleted-]{+inserted+}, or ANSI red/green when color is set; a paragraph
 * break that is kept becomes "\n" followed by indent. */
void dd_finding_diff(const dd_aligned *cd, const dd_finding *fd, int color, const char *indent,
                     dd_buf *out);

/* Code order: by length, then bytes ("404" < "499" < "4xx"). */
int dd_code_cmp(const char *a, const char *b);

#endif
