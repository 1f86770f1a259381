/* reconcile_internal.h - what the files of src/reconcile/ share; other
 * folders use reconcile.h. Unit tests may include it.
 *
 *   normalize.c   text forms and the tokenizer
 *   worddiff.c    Myers diff on token ids, and its word-diff rendering
 *   intern.c      interning tables and the classification context
 *   classify.c    values, difference classes, findings
 *   variants.c    variant labels
 *   canon.c       the canonical wording of a field
 *   systematic.c  systematic substitutions, and undoing them in canonical values
 *   reconcile.c   the whole run: alignment by code, code order
 *   iana.c        the IANA registry (--reference iana): phrases and reasons
 *   order.c       code order: the order most documents give
 *   merge.c       the canonical merged table
 */
#ifndef DD_RECONCILE_INTERNAL_H
#define DD_RECONCILE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "reconcile.h"

/* ==== text forms and tokens (normalize.c) ==== */

/* The text forms the reconciler compares, and the tokenizer.
 *
 * Three forms of a piece of text:
 *   display  NFC, every whitespace run (incl. NBSP) one space, trimmed, case
 *            kept. What reports show.
 *   dkey     NFKC of the display form, curly quotes made straight and every
 *            dash (U+2010..U+2015, U+2212) made '-', case kept: two texts
 *            with equal dkeys differ only by typographic noise (full-width
 *            letters, ligatures, an ellipsis character), which is never drift.
 *   key      NFKC + Unicode case folding + the same quote/dash folding,
 *            whitespace collapsed: the comparison key used to group wordings.
 *
 * The tokenizer splits display text into words, numbers, punctuation and
 * symbols, one token per punctuation or symbol character: `Retry-After` -> Retry - After,
 * `401,` -> 401 ,  and `(such as a browser)` -> ( such as a browser ).
 * An apostrophe between letters stays inside its word (don't, server's); a
 * '.' or ',' between digits stays inside its number (1.1, 10,000). */

/* The display form of s[0..n) (valid UTF-8), NUL-terminated, in the arena;
 * its length in *len when len is not NULL. */
char *dd_norm_display(dd_arena *a, const char *s, size_t n, size_t *len);
/* 1 when s[0..n) is its own display form (ASCII, single spaces, trimmed,
 * not empty), so a caller may use it as it is. */
int dd_norm_is_display(const char *s, size_t n);
/* The comparison key of s[0..n). */
char *dd_norm_key(dd_arena *a, const char *s, size_t n, size_t *len);
/* The dkey of s[0..n): NFKC, quotes and dashes folded, whitespace collapsed. */
char *dd_norm_dkey(dd_arena *a, const char *s, size_t n, size_t *len);

typedef enum dd_tok_kind {
	DD_TOK_WORD,    /* letters, maybe digits: "HTTP", "don't", "HTTP2" */
	DD_TOK_NUMBER,  /* digits only, maybe with inner . or , : "401", "1.1" */
	DD_TOK_PUNCT,   /* one punctuation character (Unicode P*, and any other non-word) */
	DD_TOK_SYMBOL,  /* one symbol character (Unicode S*: + < > = $ € ©): it carries
	                 * meaning, so dropping it is never mere punctuation */
	DD_TOK_BREAK    /* a paragraph break (between two paragraphs of a field) */
} dd_tok_kind;

/* 40 bytes: a value holds one per word and punctuation mark of its text
 * (a display text is one cell, far below 4 GiB). */
typedef struct dd_token {
	const char *text;   /* span in the display text (not NUL-terminated); "\n" for a break */
	const char *key;    /* the token's comparison key, NUL-terminated, in the arena */
	const char *dkey;   /* the token's dkey, NUL-terminated, in the arena */
	uint32_t len;
	uint32_t off;       /* byte offset of the span in its display text */
	uint32_t para;      /* index of its paragraph */
	unsigned char kind; /* a dd_tok_kind */
	unsigned char space_before;  /* whitespace preceded it in the display text */
} dd_token;

/* A growable token array; v is malloc'd (a value copies its tokens into its
 * arena at their exact size: arrays grown by doubling in an arena would
 * leave every smaller copy behind). */
typedef struct dd_tokens {
	dd_token *v;
	size_t n, cap;
} dd_tokens;
void dd_tokens_free(dd_tokens *t);

/* Appends the tokens of display text text[0..n) (paragraph para) to out;
 * token keys are allocated in a (the array itself is not). Returns the number of tokens appended. */
size_t dd_tokenize(dd_arena *a, const char *text, size_t n, unsigned para, dd_tokens *out);
/* Appends one DD_TOK_BREAK token (paragraph para starts after it). */
void dd_tokens_break(dd_arena *a, unsigned para, dd_tokens *out);

/* ==== word diff (worddiff.c) ==== */

/* Myers O(ND) diff on token id arrays, and its word-diff rendering.
 *
 * Tokens are compared as uint32 ids (the caller interns whichever form it
 * compares: keys, dkeys, ...). The script is a list of runs in order; between
 * two EQ runs there is at most one DEL run then one INS run (a replacement is
 * always DEL then INS), so a renderer can print [-old-]{+new+} directly. */

/* Largest edit distance D searched exactly. The forward search keeps the
 * V array of every step for the backtrack, (D+1)^2 longs: 1000 -> 8 MB at
 * most. Beyond it (two long, unrelated texts) the differing middle, after the
 * common prefix and suffix are trimmed, is reported as one replacement:
 * still a correct script, not a minimal one, and never quadratic memory. */
#define DD_DIFF_MAX_D 1000

typedef enum dd_edit_op { DD_EDIT_EQ, DD_EDIT_DEL, DD_EDIT_INS } dd_edit_op;

/* 16 bytes: every finding keeps its script (token counts fit 32 bits). */
typedef struct dd_edit {
	dd_edit_op op;
	uint32_t a, b; /* start in a and in b (DEL: b is where it would be; INS likewise a) */
	uint32_t len;  /* tokens of a (EQ, DEL) or of b (INS) */
} dd_edit;

typedef struct dd_script {
	dd_edit *v;
	size_t n, cap;
	size_t neq, ndel, nins;  /* token counts */
	int fallback;            /* D exceeded DD_DIFF_MAX_D */
} dd_script;

#define DD_SCRIPT_INIT {NULL, 0, 0, 0, 0, 0, 0}

/* Diffs a[0..na) against b[0..nb) into s (reset first; malloc'd storage,
 * reused across calls). Returns the edit distance ndel + nins. */
size_t dd_diff(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, dd_script *s);
void dd_script_free(dd_script *s);

/* Renders the script from token list a (old) to b (new) into out:
 * equal runs as b's text, deletions as [-...-], insertions as {+...+}; mode
 * DD_DIFF_ANSI: deletions in red and insertions in green; DD_DIFF_HTML:
 * <del>/<ins> (a replacement inside <span class="rep">), text escaped, an
 * equal paragraph break as <br> (no indent).
 * Tokens are joined by a space wherever the text had one; an equal paragraph
 * break becomes "\n" followed by indent, a deleted or inserted one is shown
 * as the pilcrow ¶. */
void dd_diff_render(dd_buf *out, const dd_token *a, const dd_token *b, const dd_script *s,
                    int mode, const char *indent);

/* ==== interning: byte strings -> dense ids (intern.c) ==== */

typedef struct intern {
	dd_arena *arena;
	uint32_t *slot;        /* id + 1, 0 = empty */
	size_t nslot;
	const char **str;      /* id -> bytes */
	size_t *len;
	size_t n, cap;
} intern;

#define RC_INTERN_INIT {dd_arena_new(), NULL, 0, NULL, NULL, 0, 0}
#define RC_NO_ID 0xFFFFFFFFu

/* ==== the classification context (intern.c) ==== */

typedef struct u32v {
	uint32_t *v;
	size_t n, cap;
} u32v;

typedef struct dd_recon_ctx dd_recon_ctx;

struct dd_recon_ctx {
	intern in;
	dd_script s;
	u32v a, b;
	dd_buf buf;
	dd_tokens toks;      /* scratch for dd_value_make */
};

/* ==== one reconciliation run (reconcile.c) ==== */

/* A value to make: field `field` of rec, id its index in build.vals. */
typedef struct rc_pending {
	uint32_t id;
	int field;
	const struct dd_record *rec;
} rc_pending;

typedef struct build {
	dd_recon *r;
	dd_recon_ctx *c;
	/* where findings and canonical values are allocated: r->arena, or a
	 * worker thread's own (adopted into r->arena when the workers are done) */
	dd_arena *arena;
	const dd_recon_opts *o;
	dd_diag_sink *diags;
	/* Values by raw text: a doc repo repeats the same wording thousands of
	 * times, and each distinct text is normalised and tokenised once. */
	intern vtext;
	dd_value *vals;
	size_t nvals, vcap;
	dd_buf vkey;
	/* pend_on: new values are listed in pend, made all at once later */
	int pend_on;
	rc_pending *pend;
	size_t npend, pendcap;
	const dd_value *superseded;  /* rc_iana_superseded_values, with --reference iana */
	dd_finding *fbuf;    /* scratch for rc_make_findings */
	size_t fcap;
} build;

/* ==== replacement hunks, for systematic substitutions (systematic.c) ==== */

typedef struct occ {
	uint32_t pair;
	unsigned variant;
	size_t code, finding;    /* finding NO_FINDING: inferred for a canonical supporter */
	int field;
	const dd_token *from, *to;
	const uint32_t *fk, *tk; /* their keys */
	size_t nfrom, nto;
	uint32_t rev;            /* NO_PAIR, or the reversed pair this one is explained by */
	int sys;
} occ;

#define NO_FINDING ((size_t)-1)
#define NO_PAIR RC_NO_ID

typedef struct occv {
	occ *v;
	size_t n, cap;
} occv;


/* Interned id of p[0..n), added when new. */
uint32_t rc_intern_get(intern *t, const void *p, size_t n);
uint32_t rc_intern_str(intern *t, const char *s);
/* Its id, or RC_NO_ID when p[0..n) was never interned. */
uint32_t rc_intern_find(const intern *t, const void *p, size_t n);
void rc_intern_free(intern *t);
void rc_u32_grow(u32v *a);
/* Appends x (inline: the projections push every token). */
static inline void rc_u32_push(u32v *a, uint32_t x)
{
	if (a->n == a->cap)
		rc_u32_grow(a);
	a->v[a->n++] = x;
}

/* Builds a value from paragraphs (raw text, normalised here): its tokens,
 * then its ids. */
void dd_value_make(dd_recon_ctx *c, dd_arena *a, const char *const *paras, unsigned npara,
                   dd_value *v);
/* The two halves of dd_value_make. The tokens (display forms and tokens
 * in a, the tokens' keys in keys; c's token scratch only) may be made on
 * any thread; the ids are interned in c, in one order, on one thread, and
 * the tokens' keys then point at the interned copies (keys may be freed).
 * borrow: a paragraph that is its own display form is used in place (it
 * must outlive the value: a record's text, which the reconciliation's
 * entries point at anyway). */
void rc_value_tokens(dd_recon_ctx *c, dd_arena *a, dd_arena *keys, const char *const *paras,
                     unsigned npara, int borrow, dd_value *v);
void rc_value_ids(dd_recon_ctx *c, dd_arena *a, dd_value *v);
dd_recon_ctx *dd_recon_ctx_new(void);
void dd_recon_ctx_free(dd_recon_ctx *c);
/* Classifies value b against canonical a: returns the class, DD_CLASS_NONE
 * when identical; *similarity gets the token Dice coefficient. Both must
 * come from the same context's interning (dd_value_make). */
dd_class dd_classify(dd_recon_ctx *c, const dd_value *a, const dd_value *b, double *similarity);

/* Which tokens of a value a projection keeps, and by which id. */
enum { RC_SKIP_BREAK = 1, RC_SKIP_PUNCT = 2, RC_USE_KEY = 4 };
void rc_project(const dd_value *v, int how, u32v *out);

/* Classifies variant value b against canonical a into fd, with a render
 * script copied into the run's arena. */
void rc_make_finding(build *bd, dd_finding *fd, const dd_value *a, const dd_value *b);
/* Labels every variant; returns -1 after reporting a bad --label. */
int rc_label_variants(build *bd, dd_variant *var, unsigned nvar);
/* The variant's position in --prefer, or INT_MAX. */
int rc_prefer_rank(const dd_recon_opts *o, const dd_variant *v);
/* The canonical value of field f of cd. */
void rc_choose(build *bd, dd_aligned *cd, int f);
/* The findings of code cd against its canonical values (cd->f, cd->nf). */
void rc_make_findings(build *bd, dd_aligned *cd);
/* Replacement hunks of finding fi of code `code`, for systematic grouping. */
void rc_collect_pairs(build *bd, occv *ov, size_t code, size_t fi, const dd_finding *fd,
                      const dd_value *a);
/* Finds the systematic substitutions among ov and marks the findings they
 * explain. */
void rc_systematic(build *bd, occv *ov);
/* Gives canonical values that carry a systematic replacement the others'
 * tokens back, and remakes those codes' findings. */
void rc_undo_systematic(build *bd, const occv *ov);

/* ==== code order (order.c) ==== */

/* The codes in the order most documents give. seq[0..n) holds each
 * document's codes in its own order, documents one after another (doc[i]
 * is the document of seq[i]); ids index keys. Writes all keys->n ids to out. */
void rc_code_order(const uint32_t *doc, const uint32_t *seq, size_t n, const intern *keys,
                   uint32_t *out);

/* ==== the IANA registry (iana.c; the tables are generated from data/) ==== */

typedef struct rc_phrase {
	const char *code, *phrase, *source;
} rc_phrase;

/* The registry, by code (ascending); the phrases of earlier RFCs it replaced. */
extern const rc_phrase rc_iana_registry[];
extern const size_t rc_iana_registry_n;
extern const rc_phrase rc_iana_superseded[];
extern const size_t rc_iana_superseded_n;

/* The values of the superseded phrases (rc_iana_superseded, in order),
 * made in c: made once, before the codes are reconciled on several threads. */
const dd_value *rc_iana_superseded_values(dd_recon_ctx *c, dd_arena *ar);
/* Why name value b differs from the registry's phrase a for code key (a,
 * b and the superseded phrases' values sup made by dd_value_make in one
 * context); *phrase_of gets the RFC of an outdated phrase. c is scratch. */
dd_reason rc_iana_reason(dd_recon_ctx *c, const dd_value *sup, const char *key, const dd_value *a,
                         const dd_value *b, const char **phrase_of);

#endif
