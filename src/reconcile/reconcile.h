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
	/* Later additions, kept after the first ten so their numbers do not
	 * move; the classification order is doc/diff.md's, not this one. */
	DD_CLASS_ADDITION,       /* only words added */
	DD_CLASS_OMISSION,       /* only words removed (not a cut-off end: truncation) */
	DD_CLASS_REFERENCE,      /* differs from a registry's phrase (--reference iana); see dd_reason */
	DD_CLASS_CHANGED,        /* a value that is not wording differs: an error code's HTTP status */
	DD_CLASS_COUNT
} dd_class;

/* "missing", "extra", "whitespace", ... */
const char *dd_class_name(dd_class c);

/* The fields compared: every record's name and description, and an error
 * code's HTTP status and solution (status-code records have none). */
enum { DD_FIELD_NAME, DD_FIELD_DESC, DD_FIELD_STATUS, DD_FIELD_SOLUTION, DD_NFIELDS };
/* "name", "description", "status", "solution" */
const char *dd_field_name(int field);
/* 1 when the record's table has a column for field f (an empty cell there
 * is a gap to report; no column, nothing to compare). */
int dd_record_has_field(const dd_record *rec, int f);
/* 1 when findings of class c carry a similarity figure worth showing. */
int dd_class_has_similarity(dd_class c);

/* How a canonical value was chosen. */
typedef enum dd_choice {
	DD_CHOSEN_ONLY,      /* one wording only */
	DD_CHOSEN_MAJORITY,  /* most variants share it */
	DD_CHOSEN_MEDOID,    /* tie, least total word-level edit distance */
	DD_CHOSEN_PREFER,    /* tie, --prefer order */
	DD_CHOSEN_ORDER,     /* (no longer chosen: a tie --prefer leaves is DD_CHOSEN_NONE) */
	DD_CHOSEN_REFERENCE, /* a --reference has the field: it wins outright */
	/* No majority and nothing to break the tie (two variants that differ,
	 * every wording held by one variant, a tie the medoid cannot break):
	 * no variant is taken to be wrong. The value is the wording of the
	 * earliest input document, the side the word diffs start from. */
	DD_CHOSEN_NONE
} dd_choice;

const char *dd_choice_name(dd_choice c);

/* Why a name differs from the IANA registry's phrase (--reference iana). */
typedef enum dd_reason {
	DD_REASON_NONE,
	DD_REASON_CAMELCASE,    /* "NoContent" for "No Content" */
	DD_REASON_OUTDATED,     /* an earlier RFC's phrase the registry replaced ("Request Time-out") */
	DD_REASON_CASE,         /* "Not found" */
	DD_REASON_PUNCTUATION,  /* spacing or punctuation ("Non Authoritative Information") */
	DD_REASON_WRONG         /* another phrase ("ServerTimeout" for 504) */
} dd_reason;

/* "camelcase", "outdated", "case", "punctuation", "wrong-phrase" */
const char *dd_reason_name(dd_reason r);

/* The label of the built-in IANA reference, as --reference names it. */
#define DD_IANA "iana"

/* The IANA HTTP Status Code Registry's phrase for code key ("404" ->
 * "Not Found"), or NULL for a code it does not register and for classes
 * ("4xx"). data/iana-http-status-codes.tsv, compiled in. */
const char *dd_iana_phrase(const char *key);

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
	const dd_value *f[DD_NFIELDS];  /* shared by every entry with the same wording */
	char state;              /* '=' agrees, '~' differs, 's' systematic only, '+' extra */
} dd_entry;

typedef struct dd_canon {
	const dd_value *value;   /* NULL when no variant has a non-empty value */
	unsigned entry;          /* index of the entry it was taken from */
	unsigned support;        /* variants with the same wording (key, breaks aside) */
	unsigned voters;         /* variants with a non-empty value */
	unsigned *agree;         /* their variant indexes, sorted by label */
	dd_choice chosen;
	const char *source;      /* DD_CHOSEN_REFERENCE: that reference's label */
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
	/* Neutral: nobody is blamed. A field finding whose canonical value was
	 * chosen by nobody (DD_CHOSEN_NONE): the variant and `against` (the
	 * earliest document's variant, which the diff starts from) differ. A
	 * missing code that exactly half the variants have: only in the others. */
	int neutral;
	unsigned against;
	dd_reason reason;        /* DD_CLASS_REFERENCE: why */
	const char *phrase_of;   /* DD_REASON_OUTDATED: whose phrase it is ("RFC 2616") */
} dd_finding;

typedef struct dd_aligned {  /* one status (or error) code across variants */
	const char *key;
	/* the variants of the reconciliation it belongs to: r->nvar, except in
	 * a dd_recon_concat, where each part keeps its own */
	unsigned nvar;
	dd_entry *e;             /* present variants, sorted by label */
	unsigned n;
	int extra;               /* only a minority of variants has it */
	int split;               /* exactly half of them has it, no reference: neutral */
	int in_ref;              /* a --reference FILE has it: lacking it is missing */
	int unregistered;        /* --reference iana: a code the registry does not have */
	/* What a --reference gives the fields (NULL: nothing), and which one. */
	const dd_value *ref[DD_NFIELDS];
	const char *ref_src[DD_NFIELDS];
	const dd_record *ref_rec;    /* the first --reference FILE record of the code */
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

/* A --reference: the records of a document (or of a merge --to json
 * output), or the IANA registry (recs NULL, label DD_IANA). */
typedef struct dd_reference {
	const char *label;           /* the path as given, or DD_IANA */
	const dd_records *recs;
} dd_reference;

typedef struct dd_recon_opts {
	const char *const *prefer;   /* labels or services, most preferred first */
	size_t nprefer;
	const dd_label_opt *labels;
	size_t nlabels;
	/* References, the first one that has a code's field wins it; each
	 * must outlive the dd_recon. */
	const dd_reference *refs;
	size_t nrefs;
	/* no DD-502 warning for a --prefer that names no variant: the caller
	 * reconciles parts of a run and checks --prefer over all of them */
	int quiet_prefer;
	/* threads the codes are reconciled on (0, 1: the calling one only);
	 * the result is the same for any number */
	unsigned threads;
} dd_recon_opts;

/* 1 when --prefer p names variant v: its label, its service, or the root
 * its label starts with ("public" names "public/elb"). */
int dd_prefer_matches(const char *p, const dd_variant *v);

typedef struct dd_recon {
	dd_arena *arena;
	dd_kind kind;                /* of its records: one kind per reconciliation */
	dd_variant *var;             /* sorted by label */
	unsigned nvar;
	dd_aligned *codes;           /* by code, 4xx after 4nn; in document order when
	                              * a document lists its codes out of that order */
	size_t ncodes;
	dd_systematic *sys;
	size_t nsys;
	size_t count[DD_CLASS_COUNT];  /* findings per class (systematic ones excluded) */
	size_t ndiffer;              /* codes with any difference */
	int iana;                    /* --reference iana was given: codes know if registered */
} dd_recon;

/* Reconciles the records of rs (which must outlive r), all of one kind
 * (the references' records of another kind are not used). Reports bad
 * --label options as DD_E_LABEL and returns -1; else 0. */
int dd_reconcile(const dd_records *rs, const dd_recon_opts *o, dd_recon *r, dd_diag_sink *diags);
void dd_recon_free(dd_recon *r);
/* The first of cd's entries lo..hi-1 (sorted by variant) whose variant is
 * v or after it; hi when there is none. */
size_t dd_entry_search(const dd_aligned *cd, unsigned v, size_t lo, size_t hi);

/* Recomputes r's entry states, class counts and differing codes from its
 * findings, after a caller dropped some (the gate's --only/--ignore). */
void dd_recon_recount(dd_recon *r);

/* 1 when anything differs (a finding or a systematic substitution). */
int dd_recon_differs(const dd_recon *r);

/* Several reconciliations (of families of documents, of kinds of table)
 * as one, for what reports every finding of a run at once (the gate and
 * its reports): out's variants are the parts' one after another, and so
 * are its codes, each code keeping its part's variant count (nvar) and its
 * findings pointing to out's variants. *var_base and *code_base (n + 1
 * each, malloc'd; may be NULL) get where each part starts. out shares the
 * parts' memory: they must outlive it. dd_recon_free(out) frees its own. */
void dd_recon_concat(const dd_recon *const *parts, size_t n, dd_recon *out, unsigned **var_base,
                     size_t **code_base);

/* One table of the merge. */
typedef struct dd_merged_table {
	dd_record *recs;             /* one per code, in r's code order */
	size_t n;
	const char *caption;         /* the one most of its source tables give, or NULL */
	const char *caption_markup;  /* that caption as most RST documents wrote it, or NULL */
	const char *head[DD_NROLES]; /* by DD_ROLE_*: the header most give, or NULL */
	int joined;                  /* most put the name in the key cell ("200 OK") */
	int no_name, no_desc;        /* none has that column */
	int no_status, no_solution;  /* (error codes) none has that column */
	int simple;                  /* most are RST simple tables */
	/* The column widths (and simple-table gap) of its source tables, when
	 * all of them that have widths agree; else NULL. */
	const unsigned *colw;
	unsigned ncolw, colgap;
} dd_merged_table;

typedef struct dd_merge_opts {
	int names_iana;              /* names: the IANA registry's phrase where it has one */
	/* Codes fewer documents have are left out, with a DD-530 note; 0:
	 * half the documents (a code of a --reference FILE is always kept). */
	unsigned min_support;
} dd_merge_opts;

/* The canonical merged tables, allocated in a. Source tables are aligned
 * across documents by their codes and position (the number of tables most
 * documents have, a document's table to the merged table whose codes it
 * shares most), each code goes to the table most documents put it in; a
 * table has the canonical name and description of its codes and the
 * further columns of the record whose description is canonical (not
 * reconciled, but a merged table must not lose them). Notes (DD-530) for
 * the codes left out go to diags. Returns the number of tables (*t). */
size_t dd_recon_merge(const dd_recon *r, const dd_merge_opts *o, dd_arena *a,
                      dd_merged_table **t, dd_diag_sink *diags);

/* How a word diff is rendered: [-deleted-]{+inserted+}; ANSI red/green;
 * HTML <del>/<ins> with the text escaped. */
enum { DD_DIFF_PLAIN = 0, DD_DIFF_ANSI = 1, DD_DIFF_HTML = 2 };

/* Appends the word diff of finding fd (canonical -> variant) to out in
 * mode (DD_DIFF_*; any other true value is DD_DIFF_ANSI); a paragraph
 * break that is kept becomes "\n" followed by indent (HTML: "<br>"). */
void dd_finding_diff(const dd_aligned *cd, const dd_finding *fd, int mode, const char *indent,
                     dd_buf *out);

/* Code order: by length, then bytes ("404" < "499" < "4xx"). */
int dd_code_cmp(const char *a, const char *b);

#endif
