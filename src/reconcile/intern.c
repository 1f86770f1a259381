/* intern.c - interning tables (byte strings -> dense ids) and the
 * classification context. */
#include "reconcile_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

/* Eight bytes at a time, then murmur3's finaliser for the low bits the
 * table uses. Only slots depend on it: ids are handed out in order. */
static uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *s = p;
	uint64_t h = 0x9E3779B97F4A7C15ULL ^ n;
	for (; n >= 8; s += 8, n -= 8) {
		uint64_t w;
		memcpy(&w, s, 8);
		h = (h ^ w) * 0xFF51AFD7ED558CCDULL;
		h ^= h >> 32;
	}
	uint64_t w = 0;
	if (n) /* an empty key may come as NULL (an empty token list) */
		memcpy(&w, s, n);
	h = (h ^ w) * 0xC4CEB9FE1A85EC53ULL;
	h ^= h >> 33;
	h *= 0xFF51AFD7ED558CCDULL;
	h ^= h >> 33;
	return h;
}

static void intern_rehash(intern *t)
{
	size_t ns = t->nslot ? t->nslot * 2 : 1024;
	uint32_t *slot = dd_xcalloc(ns, sizeof *slot);
	for (size_t id = 0; id < t->n; id++) {
		size_t h = (size_t)hash_bytes(t->str[id], t->len[id]) & (ns - 1);
		while (slot[h])
			h = (h + 1) & (ns - 1);
		slot[h] = (uint32_t)id + 1;
	}
	free(t->slot);
	t->slot = slot;
	t->nslot = ns;
}

/* The slot of p[0..n): the one holding it, or the empty one it would go in. */
static size_t probe(const intern *t, const void *p, size_t n)
{
	size_t h = (size_t)hash_bytes(p, n) & (t->nslot - 1);
	while (t->slot[h]) {
		uint32_t id = t->slot[h] - 1;
		if (t->len[id] == n && memcmp(t->str[id], p, n) == 0)
			break;
		h = (h + 1) & (t->nslot - 1);
	}
	return h;
}

uint32_t rc_intern_get(intern *t, const void *p, size_t n)
{
	if ((t->n + 1) * 2 > t->nslot)
		intern_rehash(t);
	size_t h = probe(t, p, n);
	if (t->slot[h])
		return t->slot[h] - 1;
	if (t->n == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 1024;
		t->str = dd_xrealloc(t->str, t->cap * sizeof *t->str);
		t->len = dd_xrealloc(t->len, t->cap * sizeof *t->len);
	}
	t->str[t->n] = dd_arena_strndup(t->arena, p, n);
	t->len[t->n] = n;
	t->slot[h] = (uint32_t)t->n + 1;
	return (uint32_t)t->n++;
}

void rc_intern_free(intern *t)
{
	if (!t)
		return;
	dd_arena_free(t->arena);
	free(t->slot);
	free(t->str);
	free(t->len);
	memset(t, 0, sizeof *t);
}

uint32_t rc_intern_str(intern *t, const char *s)
{
	return rc_intern_get(t, s, strlen(s));
}

uint32_t rc_intern_find(const intern *t, const void *p, size_t n)
{
	if (!t->nslot)
		return RC_NO_ID;
	size_t h = probe(t, p, n);
	return t->slot[h] ? t->slot[h] - 1 : RC_NO_ID;
}

void rc_u32_grow(u32v *a)
{
	DD_GROW(a->v, a->n, a->cap);
}

void dd_recon_ctx_free(dd_recon_ctx *c)
{
	if (!c)
		return;
	rc_intern_free(&c->in);
	dd_script_free(&c->s);
	free(c->a.v);
	free(c->b.v);
	dd_buf_free(&c->buf);
	dd_tokens_free(&c->toks);
	free(c);
}

dd_recon_ctx *dd_recon_ctx_new(void)
{
	dd_recon_ctx *c = dd_xcalloc(1, sizeof *c);
	c->in.arena = dd_arena_new();
	return c;
}
