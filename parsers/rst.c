/* rst.c - STUB, being written. */
#include "parser.h"

static int sniff(const dd_source *src)
{
	(void)src;
	return 0;
}

static int parse(dd_doc *doc, dd_diag_sink *diags)
{
	(void)doc;
	(void)diags;
	return 0;
}

const dd_parser dd_parser_rst = {"rst", sniff, parse, NULL, NULL};
