/* detect.c - the parser table and content sniffing.
 *
 * All seeds end in .txt, so content decides: each parser scores how sure it
 * is (0..100) and the highest wins. The file name's extension breaks a tie,
 * and decides when no parser is sure (every score below DD_SNIFF_SURE: a
 * box indented like Markdown code in a .md file). --format bypasses all of
 * this. */
#include <string.h>

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
