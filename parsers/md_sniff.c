/* md_sniff.c - how much a text looks like Markdown, and whether it holds a
 * pipe table (asked by the RST sniffer). */
#include "md_internal.h"

#include <stdlib.h>
#include <string.h>

/* Cells of the row line t[p, e) (p at its first non-blank byte), split as
 * md_split_row() does. delim: t[p, e) must be a delimiter row ("|---|:--:|"),
 * else 0. */
static size_t row_cells(const char *t, size_t p, size_t e, int delim)
{
	if (delim) {
		while (e > p && (t[e - 1] == ' ' || t[e - 1] == '\t' || t[e - 1] == '\r'))
			e--;
		if (p == e || !memchr(t + p, '|', e - p))
			return 0;
	}
	size_t n = 0;
	int piped = 0;
	if (p < e && t[p] == '|') {
		p++;
		piped = 1;
	}
	for (size_t s = p;; p++) {
		if (delim && p < e && !is_delim_char(t[p]))
			return 0;
		if (p == e || (t[p] == '|' && t[p - 1] != '\\')) {
			size_t c = skip_blank(t, s, p);
			if (p == e && piped && trim_end(t, c, p) == c)
				break; /* the closing pipe, and blanks after it */
			if (delim && !is_delim_cell(t, c, p))
				return 0;
			n++;
			if (p == e)
				break;
			s = p + 1;
			piped = 1;
		}
	}
	return n;
}

/* 1 when t[0, n) holds the bytes a b in a row: memchr for a, which glibc
 * runs far faster than memmem for a needle this short. */
static int has_pair(const char *t, size_t n, char a, char b)
{
	for (const char *p = t, *e = t + n; (p = memchr(p, a, (size_t)(e - p))) && p + 1 < e; p++)
		if (p[1] == b)
			return 1;
	return 0;
}

int dd_md_has_pipe_table(const char *t, size_t n)
{
	size_t ha = 0, he = 0; /* the line before, when it has a '|' */
	int have_head = 0;
	for (size_t a = 0; a < n;) {
		const char *nl = memchr(t + a, '\n', n - a);
		size_t e = nl ? (size_t)(nl - t) : n;
		size_t cells = row_cells(t, skip_blank(t, a, e), e, 1);
		if (cells && have_head && row_cells(t, skip_blank(t, ha, he), he, 0) == cells)
			return 1;
		size_t q = skip_blank(t, a, e);
		have_head = q < e && memchr(t + q, '|', e - q) != NULL;
		ha = a;
		he = e > a && t[e - 1] == '\r' ? e - 1 : e;
		a = e + 1;
	}
	return 0;
}

int md_sniff(const dd_source *src)
{
	const char *t = src->text;
	size_t n = src->len < DD_MD_SNIFF_BYTES ? src->len : DD_MD_SNIFF_BYTES;
	if (!t)
		return 0;
	size_t p = 0;
	while (p < n && dd_is_space((unsigned char)t[p]))
		p++;
	int first_is_tag = p < n && t[p] == '<';
	size_t h = p;
	while (h < n && t[h] == '#')
		h++;
	if (h > p && h - p <= 6 && h < n && (t[h] == ' ' || t[h] == '\t'))
		return 80; /* an ATX heading first: "# Status Codes" */
	int score = 0;
	for (size_t a = 0; a < n;) {
		const char *nl = memchr(t + a, '\n', n - a);
		size_t e = nl ? (size_t)(nl - t) : n;
		size_t q = a;
		while (q < e && (t[q] == ' ' || t[q] == '\t'))
			q++;
		if (q < e && (t[q] == '|' || t[q] == ':' || t[q] == '-')) {
			int pipe = 0, dash = 0, other = 0;
			for (size_t i = q; i < e && !other; i++) {
				pipe |= t[i] == '|';
				dash |= t[i] == '-';
				other = !is_delim_char(t[i]);
			}
			if (pipe && dash && !other && a > 0)
				return 80;
			if (q + 1 < e && t[q] == '-' && t[q + 1] == ' ' && score < 20)
				score = 20; /* a bullet list */
		} else if (q < e && t[q] == '#' && score < 40) {
			h = q;
			while (h < e && t[h] == '#')
				h++;
			if (h - q <= 6 && h < e && t[h] == ' ')
				score = 40;
		} else if (e - q >= 3 && memcmp(t + q, "```", 3) == 0 && score < 30) {
			score = 30;
		}
		a = e + 1;
	}
	if (score < 60 && !first_is_tag && memmem(t, n, "<table", 6))
		score = 60;
	if (score < 20 && (has_pair(t, n, ']', '(') || has_pair(t, n, '*', '*')))
		score = 20;
	return score;
}

/* Length of the fence of c characters at p (3 or more), or 0. */
static size_t fence_run(const char *p, const char *e, char c)
{
	const char *q = p;
	while (q < e && *q == c)
		q++;
	return q - p >= 3 ? (size_t)(q - p) : 0;
}

/* 1 when t[p, e) holds the tag <name ...> (case-insensitive), or </name> when close. */
static int has_tag(const char *p, const char *e, const char *name, int close)
{
	size_t k = strlen(name);
	for (const char *q = p; (q = memchr(q, '<', (size_t)(e - q))); q++) {
		const char *a = q + 1;
		if (close && (a >= e || *a++ != '/'))
			continue;
		if (dd_prefix_ci(a, (size_t)(e - a), name) && (a + k == e || is_tag_end(a[k])))
			return 1;
	}
	return 0;
}

int dd_md_line(dd_md_lines *s, const char *p, const char *e)
{
	const char *q = p;
	while (q < e && (*q == ' ' || *q == '\t'))
		q++;
	while (e > q && (e[-1] == ' ' || e[-1] == '\t' || e[-1] == '\r'))
		e--;
	if (s->fence) {
		size_t n = fence_run(q, e, s->fence);
		if (n >= s->fence_len && q + n == e)
			s->fence = 0;
		return DD_MD_CODE;
	}
	if (s->pre) {
		if (has_tag(q, e, "pre", 1))
			s->pre = 0;
		return DD_MD_CODE;
	}
	size_t n;
	if (q < e && (*q == '`' || *q == '~') && (n = fence_run(q, e, *q)) != 0 &&
	    (*q == '~' || !memchr(q + n, '`', (size_t)(e - q - n)))) {
		s->fence = *q;
		s->fence_len = n;
		return DD_MD_CODE | DD_MD_STRUCTURE;
	}
	if (has_tag(q, e, "pre", 0)) {
		s->pre = !has_tag(q, e, "pre", 1);
		return DD_MD_CODE;
	}
	const char *h = q;
	while (h < e && *h == '#')
		h++;
	if (q - p <= 3 && h > q && h - q <= 6 && h + 1 < e && (*h == ' ' || *h == '\t'))
		return DD_MD_STRUCTURE;
	return has_pair(q, (size_t)(e - q), ']', '(') ? DD_MD_STRUCTURE : 0;
}
