/* detect.c - the parser table, content sniffing and cheap rejection.
 *
 * All seeds end in .txt, so content decides: each parser scores how sure it
 * is (0..100) and the highest wins. The file name's extension breaks a tie,
 * and decides when no parser is sure (every score below DD_SNIFF_SURE: a
 * box indented like Markdown code in a .md file). --format bypasses all of
 * this.
 *
 * Most pages of a documentation repository hold no table at all;
 * dd_may_hold_table() finds them in a few memchr passes, so they cost
 * little more than reading them. */
#include <string.h>

#include "md_internal.h"
#include "parser.h"

/* A score from which content overrides the file's extension. */
#define DD_SNIFF_SURE 50

const dd_parser *const dd_parsers[] = {
	&dd_parser_rst, &dd_parser_markdown, &dd_parser_html, NULL,
};

const dd_parser *dd_parser_by_name(const char *name)
{
	if (strcmp(name, "rst") == 0)
		return &dd_parser_rst;
	if (strcmp(name, "md") == 0 || strcmp(name, "markdown") == 0)
		return &dd_parser_markdown;
	if (strcmp(name, "html") == 0 || strcmp(name, "htm") == 0)
		return &dd_parser_html;
	return NULL;
}

static const dd_parser *by_extension(const char *name)
{
	const char *dot = strrchr(name, '.');
	if (!dot || strchr(dot, '/'))
		return NULL;
	dot++;
	if (strcmp(dot, "rst") == 0 || strcmp(dot, "rest") == 0)
		return &dd_parser_rst;
	if (strcmp(dot, "md") == 0 || strcmp(dot, "markdown") == 0)
		return &dd_parser_markdown;
	if (strcmp(dot, "html") == 0 || strcmp(dot, "htm") == 0)
		return &dd_parser_html;
	return NULL;
}

/* The most p's sniff() can return for src: rst.c returns at most 90,
 * md_sniff.c 80, html.c 95 or 40 only when the first non-blank byte is '<'
 * (else 20 at most). Never below what sniff() can return, or a document
 * would be detected differently. */
static int max_score(const dd_parser *p, const dd_source *src)
{
	if (p == &dd_parser_rst)
		return 90;
	if (p == &dd_parser_markdown)
		return 80;
	if (p == &dd_parser_html) {
		size_t i = 0;
		while (i < src->len && dd_is_space((unsigned char)src->text[i]))
			i++;
		return i < src->len && src->text[i] == '<' ? 95 : 20;
	}
	return 100;
}

/* The winner is the highest score; among equal scores the parser of the
 * file's extension, else the earlier one in dd_parsers[]. The sniffs read up
 * to 64 KiB each, so they are asked in decreasing order of what they can
 * score, and one that cannot beat the best so far is not asked at all (an
 * RST page is never sniffed as Markdown, an HTML page as neither). */
const dd_parser *dd_parser_detect(const dd_source *src)
{
	enum { MAXP = 8 };
	const dd_parser *ext = by_extension(src->name), *order[MAXP];
	int bound[MAXP], idx[MAXP];
	size_t n = 0;
	for (const dd_parser *const *p = dd_parsers; *p && n < MAXP; p++, n++) {
		size_t k = n;
		int b = max_score(*p, src);
		for (; k > 0 && bound[k - 1] < b; k--) { /* stable: ties keep table order */
			order[k] = order[k - 1];
			bound[k] = bound[k - 1];
			idx[k] = idx[k - 1];
		}
		order[k] = *p;
		bound[k] = b;
		idx[k] = (int)n;
	}
	const dd_parser *best = NULL;
	int best_score = 0, best_ext = 0, best_idx = 0;
	for (size_t i = 0; i < n; i++) {
		int is_ext = order[i] == ext;
		/* (score, is_ext, -index), compared in that order */
		if (best && (bound[i] < best_score ||
		             (bound[i] == best_score &&
		              (is_ext < best_ext || (is_ext == best_ext && idx[i] > best_idx)))))
			continue;
		int s = order[i]->sniff(src);
		if (s <= 0)
			continue;
		if (!best || s > best_score ||
		    (s == best_score &&
		     (is_ext > best_ext || (is_ext == best_ext && idx[i] < best_idx)))) {
			best = order[i];
			best_score = s;
			best_ext = is_ext;
			best_idx = idx[i];
		}
	}
	if (!best || (ext && best_score < DD_SNIFF_SURE))
		best = ext;
	return best;
}

/* ---- cheap rejection ---- */

/* Line t[p, e) is a GFM delimiter row candidate: after spaces, tabs and '>'
 * (block quotes; list items only indent), only " \t\v\f|:-" with a '-' and
 * one of "|:\v\f". A line of only '-', spaces and tabs is a setext
 * underline, a thematic break or a list item to cmark-gfm (those are tried
 * before the table extension), never a delimiter row; a VT or FF, which
 * cmark-gfm does not skip as indentation, makes it one of those no more
 * ("\f---" under a line is a one-column table). */
static int delim_line(const char *t, size_t p, size_t e)
{
	while (p < e && (t[p] == ' ' || t[p] == '\t' || t[p] == '>'))
		p++;
	int dash = 0, other = 0;
	for (; p < e; p++) {
		char c = t[p];
		if (c == '-')
			dash = 1;
		else if (c == '|' || c == ':' || c == '\v' || c == '\f')
			other = 1;
		else if (c != ' ' && c != '\t')
			return 0;
	}
	return dash && other;
}

/* t[q, e) (q at the line's first non-blank byte, a '=') may be a simple
 * table's rule: two or more runs of '=' (rst_is_simple_top() after trimming). */
static int simple_rule(const char *t, size_t q, size_t e)
{
	for (size_t p = q + 1; p < e; p++)
		if (t[p] == '=' && t[p - 1] == ' ')
			return 1;
	return 0;
}

/* "<table" in any case. */
static int has_table_tag(const char *t, size_t n)
{
	for (const char *p = t, *e = t + n; (p = memchr(p, '<', (size_t)(e - p))); p++)
		if (dd_prefix_ci(p, (size_t)(e - p), "<table"))
			return 1;
	return 0;
}

/* A directive whose name ends in "table" (any case): "list-table::",
 * "csv-table::", "table::", whatever reads its body. */
static int has_table_directive(const char *t, size_t n)
{
	for (const char *p = t, *e = t + n; (p = memchr(p, ':', (size_t)(e - p))) && p + 1 < e; p++)
		if (p[1] == ':' && p - t >= 5 && dd_prefix_ci(p - 5, 5, "table"))
			return 1;
	return 0;
}

/* What the HTML parser may say about a whole document without a table: a
 * character libxml2 drops (DD-305: VT or FF, the controls the loader
 * leaves, U+FFFE, U+FFFF, or a character reference "&#..." to one) or elements
 * nested past DD-304's limit of 512 (a '<' each). */
static int html_may_speak(const char *t, size_t n)
{
	size_t lt = 0;
	for (const char *p = t, *e = t + n; (p = memchr(p, '<', (size_t)(e - p))); p++)
		if (++lt > 256)
			return 1;
	for (const char *p = t, *e = t + n; (p = memchr(p, '&', (size_t)(e - p))) && p + 1 < e; p++)
		if (p[1] == '#')
			return 1;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)t[i];
		if ((c < 0x20 && c != '\t' && c != '\n') ||
		    (c == 0xEF && i + 2 < n && (unsigned char)t[i + 1] == 0xBF &&
		     ((unsigned char)t[i + 2] == 0xBE || (unsigned char)t[i + 2] == 0xBF)))
			return 1;
	}
	return 0;
}

int dd_may_hold_table(const dd_source *src, const dd_parser *forced)
{
	const char *t = src->text;
	size_t n = src->len;
	if (!t || n == 0)
		return 0;
	/* the HTML parser reads a whole document only when forced, or when the
	 * name or the first byte can make it win detection (html.c's sniff is 0
	 * for a text that neither starts with '<' nor holds "<table") */
	size_t i = 0;
	while (i < n && dd_is_space((unsigned char)t[i]))
		i++;
	if ((forced == &dd_parser_html ||
	     (!forced && ((i < n && t[i] == '<') || by_extension(src->name) == &dd_parser_html))) &&
	    html_may_speak(t, n))
		return 1;
	size_t pipes = 0;
	for (const char *p = t, *e = t + n; (p = memchr(p, '|', (size_t)(e - p))); p++)
		if (++pipes > DD_MD_MAX_PIPES)
			return 1;
	/* a grid border's '+' opens its line, follows a bullet's blank, or (in
	 * a flattened table) a space: "-----+-----" (psql output) opens none */
	for (const char *p = t, *e = t + n; (p = memchr(p, '+', (size_t)(e - p))) && p + 1 < e; p++)
		if (p[1] == '-' && (p == t || p[-1] == ' ' || p[-1] == '\n' || p[-1] == '\t' ||
		                    p[-1] == '\f' || p[-1] == '\v'))
			return 1;
	if (has_table_tag(t, n) || has_table_directive(t, n))
		return 1;
	/* last: the one pass that looks at every line */
	for (size_t a = 0; a < n;) {
		const char *nl = memchr(t + a, '\n', n - a);
		size_t e = nl ? (size_t)(nl - t) : n, q = a;
		while (q < e && (t[q] == ' ' || t[q] == '\t' || t[q] == '\v' || t[q] == '\f'))
			q++;
		if (q < e) {
			char c = t[q];
			if (c == '=' && simple_rule(t, q, e))
				return 1;
			if ((c == '|' || c == ':' || c == '-' || c == '>') && delim_line(t, a, e))
				return 1;
		}
		a = e + 1;
	}
	return 0;
}

void dd_parsers_init(void)
{
	for (const dd_parser *const *p = dd_parsers; *p; p++)
		if ((*p)->init)
			(*p)->init();
}

void dd_parsers_cleanup(void)
{
	for (const dd_parser *const *p = dd_parsers; *p; p++)
		if ((*p)->cleanup)
			(*p)->cleanup();
}
