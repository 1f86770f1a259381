#include "core.h"

#include <limits.h>
#include <stdalign.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* The paths dd_cleanup_run() removes. A slot is filled before it is marked
 * used, and a signal handler on any thread reads only used slots. */
static char cleanup_path[DD_CLEANUP_MAX][PATH_MAX];
static atomic_int cleanup_used[DD_CLEANUP_MAX];

int dd_cleanup_add(const char *path)
{
	size_t n = strlen(path);
	if (n >= PATH_MAX)
		return -1;
	for (int i = 0; i < DD_CLEANUP_MAX; i++)
		if (!atomic_load(&cleanup_used[i])) {
			memcpy(cleanup_path[i], path, n + 1);
			atomic_store(&cleanup_used[i], 1);
			return i;
		}
	return -1;
}

void dd_cleanup_remove(int slot)
{
	if (slot >= 0 && slot < DD_CLEANUP_MAX)
		atomic_store(&cleanup_used[slot], 0);
}

void dd_cleanup_run(void)
{
	for (int i = 0; i < DD_CLEANUP_MAX; i++)
		if (atomic_exchange(&cleanup_used[i], 0))
			unlink(cleanup_path[i]);
}

/* write(2) and _exit(2) only: this may run on any thread, with the heap in
 * any state (malloc itself may have failed). */
static void __attribute__((noreturn)) fatal_exit(const char *msg, size_t n)
{
	ssize_t w = write(STDERR_FILENO, msg, n);
	(void)w;
	dd_cleanup_run();
	_exit(2);
}

void dd_fatal_oom(void)
{
	static const char msg[] = "docdrift: error: out of memory\n";
	fatal_exit(msg, sizeof msg - 1);
}

void *dd_xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		dd_fatal_oom();
	return p;
}

void *dd_xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		dd_fatal_oom();
	return p;
}

char *dd_xstrdup(const char *s)
{
	char *p = strdup(s);
	if (!p)
		dd_fatal_oom();
	return p;
}

void *dd_xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		dd_fatal_oom();
	return p;
}

int dd_prefix_ci(const char *s, size_t n, const char *w)
{
	size_t k = strlen(w);
	if (n < k)
		return 0;
	for (size_t i = 0; i < k; i++)
		if (dd_ascii_lower((unsigned char)s[i]) != w[i])
			return 0;
	return 1;
}

void dd_fatal(const char *what)
{
	fprintf(stderr, "docdrift: internal error: %s\n", what);
	dd_cleanup_run();
	abort();
}

/* Chunks of at least 64 KiB: a 50 KB page fits in one or two. */
#define DD_ARENA_CHUNK (64 * 1024)

typedef struct dd_chunk {
	struct dd_chunk *next;
	size_t used, size;
	alignas(max_align_t) unsigned char data[];
} dd_chunk;

struct dd_arena {
	dd_chunk *head;
	size_t chunk;
};

dd_arena *dd_arena_new_sized(size_t chunk)
{
	dd_arena *a = calloc(1, sizeof *a);
	if (!a)
		dd_fatal_oom();
	a->chunk = chunk;
	return a;
}

dd_arena *dd_arena_new(void)
{
	return dd_arena_new_sized(DD_ARENA_CHUNK);
}

void dd_arena_free(dd_arena *a)
{
	if (!a)
		return;
	for (dd_chunk *c = a->head, *next; c; c = next) {
		next = c->next;
		free(c);
	}
	free(a);
}

void dd_arena_adopt(dd_arena *a, dd_arena *b)
{
	if (!b->head) {
		free(b);
		return;
	}
	dd_chunk *tail = b->head;
	while (tail->next)
		tail = tail->next;
	/* behind a's head, which stays the chunk small allocations go to */
	if (a->head) {
		tail->next = a->head->next;
		a->head->next = b->head;
	} else {
		a->head = b->head;
	}
	free(b);
}

void *dd_arena_alloc(dd_arena *a, size_t size)
{
	const size_t al = alignof(max_align_t);
	size = (size + al - 1) & ~(al - 1);
	if (size == 0)
		size = al;
	dd_chunk *c = a->head;
	if (!c || c->size - c->used < size) {
		size_t want = size > a->chunk / 4 ? size : a->chunk;
		dd_chunk *n = malloc(sizeof *n + want);
		if (!n)
			dd_fatal_oom();
		n->used = 0;
		n->size = want;
		if (c && want == size) {
			/* Big one-off block: keep the current chunk as head for small ones. */
			n->next = c->next;
			c->next = n;
			memset(n->data, 0, size);
			n->used = size;
			return n->data;
		}
		n->next = c;
		a->head = c = n;
	}
	void *p = c->data + c->used;
	c->used += size;
	memset(p, 0, size);
	return p;
}

char *dd_arena_strndup(dd_arena *a, const char *s, size_t n)
{
	char *p = dd_arena_alloc(a, n + 1);
	if (n) /* s may be NULL for an empty text */
		memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

char *dd_arena_strdup(dd_arena *a, const char *s)
{
	return dd_arena_strndup(a, s, strlen(s));
}

void *dd_arena_grow(dd_arena *a, void *arr, size_t elsize, size_t len,
                    size_t *cap, size_t need)
{
	if (need <= *cap)
		return arr;
	size_t ncap = *cap ? *cap * 2 : 4;
	while (ncap < need)
		ncap *= 2;
	void *n = dd_arena_alloc(a, ncap * elsize);
	if (len)
		memcpy(n, arr, len * elsize);
	*cap = ncap;
	return n;
}

void *dd_arena_push(dd_arena *a, void *arr, size_t elsize, size_t len)
{
	if (len && (len < 8 || (len & (len - 1))))
		return arr; /* below the implicit capacity */
	size_t ncap = len ? len * 2 : 8;
	void *n = dd_arena_alloc(a, ncap * elsize);
	if (len)
		memcpy(n, arr, len * elsize);
	return n;
}

void dd_buf_grow(dd_buf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t ncap = b->cap ? b->cap * 2 : 256;
	while (ncap < b->len + extra + 1)
		ncap *= 2;
	char *p = realloc(b->ptr, ncap);
	if (!p)
		dd_fatal_oom();
	b->ptr = p;
	b->cap = ncap;
}

void dd_buf_put(dd_buf *b, const char *s, size_t n)
{
	dd_buf_grow(b, n);
	if (n)
		memcpy(b->ptr + b->len, s, n);
	b->len += n;
	b->ptr[b->len] = '\0';
}

void dd_buf_puts(dd_buf *b, const char *s)
{
	dd_buf_put(b, s, strlen(s));
}

void dd_buf_putc(dd_buf *b, int c)
{
	dd_buf_grow(b, 1);
	b->ptr[b->len++] = (char)c;
	b->ptr[b->len] = '\0';
}

void dd_buf_vprintf(dd_buf *b, const char *fmt, va_list ap)
{
	/* Format in place first: most messages fit the spare room. */
	dd_buf_grow(b, 128);
	va_list ap2;
	va_copy(ap2, ap);
	int n = vsnprintf(b->ptr + b->len, b->cap - b->len, fmt, ap2);
	va_end(ap2);
	if (n < 0) {
		b->ptr[b->len] = '\0';
		return;
	}
	if ((size_t)n >= b->cap - b->len) {
		dd_buf_grow(b, (size_t)n);
		vsnprintf(b->ptr + b->len, (size_t)n + 1, fmt, ap);
	}
	b->len += (size_t)n;
}

void dd_buf_printf(dd_buf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dd_buf_vprintf(b, fmt, ap);
	va_end(ap);
}

void dd_buf_reset(dd_buf *b)
{
	b->len = 0;
	if (b->ptr)
		b->ptr[0] = '\0';
}

void dd_buf_free(dd_buf *b)
{
	if (!b)
		return;
	free(b->ptr);
	b->ptr = NULL;
	b->len = b->cap = 0;
}

/* Bytes dd_buf_put_collapsed() stops a word at: ASCII whitespace (1) and
 * 0xC2, which may open a NBSP (2). */
static const unsigned char collapse_stop[256] = {
	['\t'] = 1, ['\n'] = 1, ['\v'] = 1, ['\f'] = 1, ['\r'] = 1, [' '] = 1, [0xC2] = 2,
};

void dd_buf_put_collapsed(dd_buf *b, const char *s, size_t n, int *pending_space)
{
	dd_buf_grow(b, n + 1);
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	while (i < n) {
		unsigned char k = collapse_stop[u[i]];
		size_t w = k == 1 ? 1 : k == 2 && i + 1 < n && u[i + 1] == 0xA0 ? 2 : 0;
		if (w) { /* NBSP: writers use it for layout, never for meaning */
			if (b->len)
				*pending_space = 1;
			i += w;
			continue;
		}
		if (*pending_space) {
			b->ptr[b->len++] = ' ';
			*pending_space = 0;
		}
		size_t j = i + 1;
		while (j < n && !collapse_stop[u[j]])
			j++;
		memcpy(b->ptr + b->len, s + i, j - i);
		b->len += j - i;
		i = j;
	}
	b->ptr[b->len] = '\0';
}

int dd_utf8_valid(const char *str, size_t n, size_t *bad)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;
	while (i < n) {
		/* ASCII fast path, 8 bytes at a time. */
		while (i + 8 <= n) {
			uint64_t w;
			memcpy(&w, s + i, 8);
			if (w & 0x8080808080808080ULL)
				break;
			i += 8;
		}
		if (i >= n)
			break;
		unsigned char c = s[i];
		if (c < 0x80) {
			i++;
			continue;
		}
		size_t len;
		uint32_t cp;
		if (c >= 0xC2 && c <= 0xDF) {
			len = 2;
			cp = c & 0x1F;
		} else if (c >= 0xE0 && c <= 0xEF) {
			len = 3;
			cp = c & 0x0F;
		} else if (c >= 0xF0 && c <= 0xF4) {
			len = 4;
			cp = c & 0x07;
		} else {
			*bad = i;
			return 0;
		}
		if (i + len > n) {
			*bad = i;
			return 0;
		}
		for (size_t k = 1; k < len; k++) {
			if ((s[i + k] & 0xC0) != 0x80) {
				*bad = i;
				return 0;
			}
			cp = (cp << 6) | (s[i + k] & 0x3F);
		}
		if ((len == 3 && (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF))) ||
		    (len == 4 && (cp < 0x10000 || cp > 0x10FFFF))) {
			*bad = i;
			return 0;
		}
		i += len;
	}
	return 1;
}

size_t dd_utf8_count(const char *s, size_t n)
{
	/* characters = bytes - continuation bytes (10xxxxxx), 8 bytes at a time:
	 * called for the column of every record, from its line's start */
	const uint64_t high = 0x8080808080808080ULL;
	size_t cont = 0, i = 0;
	for (uint64_t w; i + 8 <= n; i += 8) {
		memcpy(&w, s + i, 8);
		/* one bit per continuation byte, at bit 0 of its byte; the
		 * multiply sums the eight bytes into the top one (no popcount
		 * instruction in the baseline x86-64 ISA: that is a libgcc call) */
		uint64_t c = (w & ~(w << 1) & high) >> 7;
		cont += (size_t)((c * 0x0101010101010101ULL) >> 56);
	}
	for (; i < n; i++)
		cont += ((unsigned char)s[i] & 0xC0) == 0x80;
	return n - cont;
}
