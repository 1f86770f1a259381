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

const dd_parser *dd_parser_detect(const dd_source *src)
{
	const dd_parser *best = NULL, *ext = by_extension(src->name);
	int best_score = 0;
	for (const dd_parser *const *p = dd_parsers; *p; p++) {
		int s = (*p)->sniff(src);
		if (s > best_score || (s == best_score && s > 0 && *p == ext)) {
			best = *p;
			best_score = s;
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
