/* fingerprint.c - variant identities and content fingerprints. */
#include "gate_internal.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <nettle/sha2.h>

static char *cwd_dup(void)
{
	char *buf = getcwd(NULL, 0);
	if (!buf)
		dd_fatal("getcwd failed");
	return buf;
}

char *dd_identity_root(const char *fallback)
{
	char *dir = cwd_dup();
	size_t n = strlen(dir);
	dd_buf b = DD_BUF_INIT;
	for (;;) {
		struct stat st;
		dd_buf_reset(&b);
		dd_buf_printf(&b, "%.*s/.git", (int)n, dir);
		if (stat(b.ptr, &st) == 0) {
			dir[n ? n : 1] = '\0';
			dd_buf_free(&b);
			return dir;
		}
		while (n > 0 && dir[n - 1] != '/')
			n--;
		if (n <= 1)
			break;
		n--; /* the slash */
	}
	dd_buf_free(&b);
	if (fallback) {
		char *r = realpath(fallback, NULL);
		if (r) {
			free(dir);
			return r;
		}
	}
	free(dir);
	return cwd_dup();
}

/* Appends path to b (absolute, "//" and "." dropped, ".." applied). */
static void lexical_join(dd_buf *b, const char *path)
{
	for (const char *p = path; *p;) {
		while (*p == '/')
			p++;
		size_t n = strcspn(p, "/");
		if (n == 0)
			break;
		if (n == 1 && p[0] == '.') {
		} else if (n == 2 && p[0] == '.' && p[1] == '.') {
			while (b->len > 0 && b->ptr[b->len - 1] != '/')
				b->len--;
			if (b->len > 0)
				b->len--;
			if (b->ptr)
				b->ptr[b->len] = '\0';
		} else {
			dd_buf_putc(b, '/');
			dd_buf_put(b, p, n);
		}
		p += n;
	}
}

const char *dd_identity(dd_arena *a, const char *root, const char *path)
{
	if (strcmp(path, "<stdin>") == 0)
		return path;
	dd_buf b = DD_BUF_INIT;
	const char *slash = strrchr(path, '/');
	/* the directory with its symlinks resolved (the physical path, as the
	 * root is), the file name as given */
	char *dir = NULL;
	if (slash) {
		char *d = dd_xstrdup(path);
		d[slash != path ? (size_t)(slash - path) : 1] = '\0';
		dir = realpath(d, NULL);
		free(d);
	} else {
		dir = realpath(".", NULL);
	}
	if (dir) {
		lexical_join(&b, dir);
		lexical_join(&b, slash ? slash + 1 : path);
		free(dir);
	} else {
		if (path[0] != '/') {
			char *cwd = cwd_dup();
			lexical_join(&b, cwd);
			free(cwd);
		}
		lexical_join(&b, path);
	}
	size_t rn = strlen(root);
	while (rn > 1 && root[rn - 1] == '/')
		rn--;
	const char *s = b.ptr ? b.ptr : "/";
	const char *out = s;
	if (rn == 1 && root[0] == '/')
		out = s + 1;
	else if (strncmp(s, root, rn) == 0 && s[rn] == '/')
		out = s + rn + 1;
	const char *id = dd_arena_strdup(a, out);
	dd_buf_free(&b);
	return id;
}

void dd_fingerprint(const char *code, const char *identity, const char *field, const char *cls,
                    const char *canonical, const char *variant, char out[DD_FP_HEX + 1])
{
	struct sha256_ctx ctx;
	sha256_init(&ctx);
	const char *parts[] = {"docdrift-fingerprint/1", code, identity, field, cls, canonical,
	                       variant};
	for (size_t i = 0; i < sizeof parts / sizeof *parts; i++)
		sha256_update(&ctx, strlen(parts[i]) + 1, (const uint8_t *)parts[i]);
	uint8_t d[SHA256_DIGEST_SIZE];
	sha256_digest(&ctx, sizeof d, d);
	static const char hex[] = "0123456789abcdef";
	for (int i = 0; i < DD_FP_HEX / 2; i++) {
		out[2 * i] = hex[d[i] >> 4];
		out[2 * i + 1] = hex[d[i] & 15];
	}
	out[DD_FP_HEX] = '\0';
}
