/* md_html.c - raw HTML tables in Markdown: each <table ...> matched to its
 * </table> in the source (nesting counted, code blocks, comments and
 * <pre>/<code> elements skipped) and the byte range handed to
 * dd_html_parse_range(). */
#include "md_internal.h"

#include <stdlib.h>
#include <string.h>

static int cmp_span(const void *a, const void *b)
{
	const span *x = a, *y = b;
	return x->start < y->start ? -1 : x->start > y->start;
}

/* The code block containing offset p, or NULL. */
static const span *in_code(const md_ctx *m, size_t p)
{
	size_t lo = 0, hi = m->ncode;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (m->code[mid].end <= p)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < m->ncode && m->code[lo].start <= p ? &m->code[lo] : NULL;
}

/* End of the comment opened at p ("<!--"), or the text's end. The last
 * search is remembered, so many unclosed comments cost one scan, not one
 * scan each. */
static size_t comment_end(md_ctx *m, size_t p)
{
	size_t from = p + 4;
	if (from >= m->len)
		return m->len;
	if (m->cmt_from > from || m->cmt_at < from) {
		const char *q = memmem(m->text + from, m->len - from, "-->", 3);
		m->cmt_from = from;
		m->cmt_at = q ? (size_t)(q - m->text) : m->len;
	}
	return m->cmt_at < m->len ? m->cmt_at + 3 : m->len;
}

/* 1 when the tag at p starts its line (up to 3 spaces before it), as an
 * HTML block does; "`<code>`" in a paragraph is a code span's text. */
static int block_start(const char *t, size_t p)
{
	size_t k = 0;
	while (k < 4 && p > k && t[p - k - 1] == ' ')
		k++;
	return k < 4 && (p == k || t[p - k - 1] == '\n');
}

/* Offset of the next "<table" tag in text[p, end) outside comments and code
 * blocks, or end. */
static size_t next_table_tag(md_ctx *m, size_t p, size_t end)
{
	const char *t = m->text;
	while (p < end) {
		const char *lt = memchr(t + p, '<', end - p);
		if (!lt)
			return end;
		p = (size_t)(lt - t);
		const span *c = in_code(m, p);
		if (c) {
			p = c->end;
			continue;
		}
		if (dd_prefix_ci(t + p, m->len - p, "<!--")) {
			p = comment_end(m, p);
			continue;
		}
		if (is_tag(t + p, m->len - p, "<table"))
			return p;
		size_t q = block_start(t, p) ? dd_html_code_skip(t, p, end) : p;
		p = q > p ? q : p + 1; /* an HTML block of <pre> (or <code>): no tables */
	}
	return end;
}

/* End of the </table> that closes the <table> at p (nesting counted, code
 * blocks and comments skipped), or the text's end when it is never closed. */
static size_t table_end(md_ctx *m, size_t p)
{
	const char *t = m->text;
	unsigned depth = 0;
	while (p < m->len) {
		const char *lt = memchr(t + p, '<', m->len - p);
		if (!lt)
			break;
		p = (size_t)(lt - t);
		const span *c = in_code(m, p);
		if (c) {
			p = c->end;
			continue;
		}
		size_t rest = m->len - p;
		if (dd_prefix_ci(t + p, rest, "<!--")) {
			p = comment_end(m, p);
			continue;
		}
		if (is_tag(t + p, rest, "<table")) {
			depth++;
		} else if (dd_prefix_ci(t + p, rest, "</table") && rest > 7 &&
		           (t[p + 7] == '>' || dd_is_space((unsigned char)t[p + 7]))) {
			if (--depth == 0) {
				const char *gt = memchr(t + p, '>', rest);
				return gt ? (size_t)(gt - t) + 1 : m->len;
			}
		}
		p++;
	}
	return m->len;
}

/* Hands every HTML table that starts in text[a, e) to the HTML parser. */
static void html_tables_in(md_ctx *m, size_t a, size_t e)
{
	if (a < m->consumed)
		a = m->consumed;
	while (a < e) {
		size_t p = next_table_tag(m, a, e);
		if (p >= e)
			break;
		size_t end = table_end(m, p);
		if (dd_html_parse_range(m->doc, p, end - p, m->diags) < 0)
			m->rc = -1;
		m->consumed = a = end;
	}
}

void md_html_node(md_ctx *m, cmark_node *n)
{
	long sl = cmark_node_get_start_line(n), el = cmark_node_get_end_line(n);
	if (sl < 1)
		return;
	if (el < sl)
		el = sl;
	html_tables_in(m, md_line_start(m, sl), md_line_end(m, el));
}

void md_collect_code(md_ctx *m, cmark_node *root)
{
	cmark_iter *it = cmark_iter_new(root);
	cmark_event_type ev;
	while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
		cmark_node *n = cmark_iter_get_node(it);
		if (ev != CMARK_EVENT_ENTER || cmark_node_get_type(n) != CMARK_NODE_CODE_BLOCK)
			continue;
		long sl = cmark_node_get_start_line(n), el = cmark_node_get_end_line(n);
		if (sl < 1)
			continue;
		DD_GROW(m->code, m->ncode, m->capcode);
		m->code[m->ncode++] = (span){md_line_start(m, sl), md_line_end(m, el < sl ? sl : el)};
	}
	cmark_iter_free(it);
	if (m->ncode > 1)
		qsort(m->code, m->ncode, sizeof *m->code, cmp_span);
}
