/* util.h - arena, growable buffer and small text helpers shared by every module.
 *
 * Memory model: a document owns one arena; everything a parser or the record
 * stage produces for that document lives in it, so one dd_arena_free()
 * releases all of it. Allocation failure is fatal (like cmark): a tool that
 * reads text tables has no useful way to continue without memory. */
#ifndef DD_UTIL_H
#define DD_UTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>

typedef struct dd_arena dd_arena;

dd_arena *dd_arena_new(void);
/* An arena whose chunks are `chunk` bytes: small for memory that is kept
 * per file, where a half-used 64 KiB chunk per file would add up. */
dd_arena *dd_arena_new_sized(size_t chunk);
/* Releases every allocation made from the arena. dd_arena_free(NULL) is a no-op. */
void dd_arena_free(dd_arena *a);
/* Moves every allocation of b into a (they now live as long as a) and
 * frees b itself. */
void dd_arena_adopt(dd_arena *a, dd_arena *b);
/* Zeroed, max_align_t-aligned memory that lives as long as the arena. */
void *dd_arena_alloc(dd_arena *a, size_t size);
/* Copies s[0..n) and NUL-terminates it. */
char *dd_arena_strndup(dd_arena *a, const char *s, size_t n);
char *dd_arena_strdup(dd_arena *a, const char *s);
/* Grows an arena array of *cap elements of size elsize to hold at least need
 * elements (doubling); returns the possibly moved array. Old storage stays in
 * the arena until it is freed: amortised O(1) per push, at most 2x space. */
/* realloc that never returns NULL (out of memory is fatal). */
void *dd_xrealloc(void *p, size_t n);
/* Makes room for one more element in a realloc'd array arr of cap elements
 * holding len: doubles cap (from 16) when full. */
#define DD_GROW(arr, len, cap) \
	do { \
		if ((len) == (cap)) { \
			(cap) = (cap) ? (cap) * 2 : 16; \
			(arr) = dd_xrealloc((arr), (size_t)(cap) * sizeof *(arr)); \
		} \
	} while (0)

void *dd_arena_grow(dd_arena *a, void *arr, size_t elsize, size_t len,
                    size_t *cap, size_t need);

/* Growable byte buffer, always NUL-terminated once anything was put. */
typedef struct dd_buf {
	char *ptr;
	size_t len, cap;
} dd_buf;

#define DD_BUF_INIT {NULL, 0, 0}
void dd_buf_grow(dd_buf *b, size_t extra);
void dd_buf_put(dd_buf *b, const char *s, size_t n);
void dd_buf_puts(dd_buf *b, const char *s);
void dd_buf_putc(dd_buf *b, int c);
void dd_buf_printf(dd_buf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void dd_buf_vprintf(dd_buf *b, const char *fmt, va_list ap)
	__attribute__((format(printf, 2, 0)));
void dd_buf_reset(dd_buf *b);
void dd_buf_free(dd_buf *b);

/* Appends s[0..n) to b with every run of whitespace (space, tab, newline, CR,
 * FF, VT, NBSP U+00A0) turned into one space, no leading space in b and the
 * trailing space left pending: call with the same *pending_space across
 * pieces of one paragraph, start with *pending_space = 0. */
void dd_buf_put_collapsed(dd_buf *b, const char *s, size_t n, int *pending_space);

/* 1 when s[0..n) is well-formed UTF-8; else 0 and *bad = offset of the first bad byte. */
int dd_utf8_valid(const char *s, size_t n, size_t *bad);
/* Number of code points in s[0..n) (counts lead bytes; s assumed valid). */
size_t dd_utf8_count(const char *s, size_t n);

static inline int dd_ascii_lower(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}
/* 1 when s[0..n) begins with w (lower-case ASCII), case-insensitively. */
int dd_prefix_ci(const char *s, size_t n, const char *w);
static inline int dd_is_space(int c) {
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

void dd_fatal_oom(void) __attribute__((noreturn));
/* A broken assumption about a library; never input-dependent. */
void dd_fatal(const char *what) __attribute__((noreturn));

#endif
