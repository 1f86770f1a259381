/* normalize.h - the text forms the reconciler compares, and the tokenizer.
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
#ifndef DD_NORMALIZE_H
#define DD_NORMALIZE_H

#include <stddef.h>
#include <stdint.h>

#include "core/core.h"

/* The display form of s[0..n) (valid UTF-8), NUL-terminated, in the arena;
 * its length in *len when len is not NULL. */
char *dd_norm_display(dd_arena *a, const char *s, size_t n, size_t *len);
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

typedef struct dd_token {
	const char *text;   /* span in the display text (not NUL-terminated); "\n" for a break */
	size_t len;
	size_t off;         /* byte offset of the span in its display text */
	const char *key;    /* the token's comparison key, NUL-terminated, in the arena */
	const char *dkey;   /* the token's dkey, NUL-terminated, in the arena */
	dd_tok_kind kind;
	unsigned space_before;  /* whitespace preceded it in the display text */
	unsigned para;          /* index of its paragraph */
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

#endif
