/* rst.c - reStructuredText: grid tables, flattened grid tables, simple
 * tables, list-table and csv-table directives.
 *
 * Grammar accepted (the docutils rules, reduced to what tables need):
 *
 *   document   = { line } ; lines are LF-terminated, tabs expand to 8-column stops
 *   page id    = ":original_name:" NAME [".html"]      (first one wins)
 *              | ".. _" LABEL ":"                       (first target, when no
 *                                                        :original_name: exists)
 *   caption    = ".. table::" INLINE-TEXT, directly followed (blank lines and
 *                ":option:" lines aside) by a table indented deeper
 *   grid table = TOP { ROW-LINE | BORDER } BOTTOM       (rst_grid.c, which
 *       follows docutils exactly and says how)
 *       TOP, BORDER, BOTTOM = indent "+-" { "-" | "+" } "-+" ; one line may be
 *       "+=...=+" (header rows above it); ROW-LINE = indent ("|" | "+") ... ("|" | "+"),
 *       every line exactly as wide as TOP; cells are the rectangles bounded by
 *       "+" corners, "-" and "|" edges (row and column spans included); the
 *       table ends at a blank line, a line at another indentation or a line
 *       not starting with "+" or "|" (and then at its last BORDER). TOP may
 *       follow a list item's bullet ("- +---+").
 *   simple table = RULE [ ROWS RULE ] ROWS RULE          (rst_simple.c)
 *       RULE = indent "=" { "=" | " " } with two or more "=" runs (the runs
 *       are the columns; the last column may overflow); a line whose first
 *       column is blank continues the row above; "---" lines are column-span
 *       underlines; the table ends at the first RULE followed by a blank line
 *       or at its third RULE.
 *   list-table, csv-table = the directives (rst_list.c, rst_csv.c; their
 *       block cut by rst_dir.c as docutils cuts it).
 *   flattened grid table = a grid table whose newlines and space runs all
 *       became one space: a "+---+" run in mid-line followed by " |"
 *       (rst_grid.c, see rst_flat()).
 *   Literal blocks (after "::": the indented block, or a quoted literal
 *   block of lines starting with punctuation), the bodies of code
 *   directives (rst_directive()) and comments hold no tables: skipped.
 *   A border right under paragraph text (no blank line, the paragraph's
 *   indentation) is the paragraph's text, as in docutils.
 * Cell text: rst_cell.c, rst_inline.c.
 *
 * Tables are found anywhere in the document at any indentation (directive
 * bodies, list items). A malformed table is reported once, with the line and
 * column of the offending character, and not added; parsing goes on after it. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "rst_internal.h"

/* sniff() reads at most this much of a document. */
#define DD_RST_SNIFF_BYTES 65536u

long rst_indent(const rst_ctx *x, size_t i, size_t *first)
{
	size_t p = x->ls[i], e = rst_line_end(x, i);
	unsigned col = 0;
	for (; p < e; p++) {
		char c = x->text[p];
		if (c == ' ' || c == '\f' || c == '\v')
			col++;
		else if (c == '\t')
			col = (col / DD_RST_TAB + 1) * DD_RST_TAB;
		else if (c == '\r')
			continue;
		else
			break;
		if (col > DD_RST_MAX_WIDTH * 2u)
			col = DD_RST_MAX_WIDTH * 2u; /* saturate: only compared */
	}
	if (p == e)
		return -1;
	if (first)
		*first = p;
	return (long)col;
}

static int starts(const char *p, const char *e, const char *lit)
{
	size_t n = strlen(lit);
	return (size_t)(e - p) >= n && memcmp(p, lit, n) == 0;
}

static const char *rtrim(const char *p, const char *e)
{
	while (e > p && dd_is_space((unsigned char)e[-1]))
		e--;
	return e;
}

/* ":original_name: NAME" at p: NAME without ".html". */
static void page_from_original_name(rst_ctx *x, const char *p, const char *e)
{
	p += strlen(":original_name:");
	while (p < e && (*p == ' ' || *p == '\t'))
		p++;
	const char *v = p;
	while (p < e && !dd_is_space((unsigned char)*p))
		p++;
	size_t n = (size_t)(p - v);
	if (n > 5 && memcmp(p - 5, ".html", 5) == 0)
		n -= 5;
	else if (n > 4 && memcmp(p - 4, ".htm", 4) == 0)
		n -= 4;
	if (!n)
		return;
	x->doc->page = dd_arena_strndup(x->doc->arena, v, n);
	x->doc->page_off = (size_t)(v - x->text);
}

/* ".. _label:" at p: the label, or 0. */
static size_t target_label(const char *p, const char *e, const char **lab)
{
	if (!starts(p, e, ".. _") || starts(p, e, ".. __"))
		return 0;
	const char *a = p + 4, *q = a;
	if (q < e && *q == '`') {
		a = ++q;
		while (q < e && *q != '`')
			q++;
		if (q + 1 >= e || q[1] != ':')
			return 0;
		*lab = a;
		return (size_t)(q - a);
	}
	while (q < e && *q != ':' && !dd_is_space((unsigned char)*q))
		q++;
	if (q == e || *q != ':' || q == a || (q + 1 < e && !dd_is_space((unsigned char)q[1])))
		return 0;
	*lab = a;
	return (size_t)(q - a);
}

/* Directive name at ".. name::" (p at the dots): its length, name in *nm. */
static size_t directive_name(const char *p, const char *e, const char **nm)
{
	if (!starts(p, e, ".. "))
		return 0;
	const char *a = p + 3, *q = a;
	while (q < e && (*q == '-' || *q == '_' || *q == ':' || *q == '.' || *q == '+' ||
	                 (*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') ||
	                 (*q >= '0' && *q <= '9'))) {
		if (*q == ':' && q + 1 < e && q[1] == ':')
			break;
		q++;
	}
	if (q == a || q + 1 >= e || q[0] != ':' || q[1] != ':')
		return 0;
	*nm = a;
	return (size_t)(q - a);
}

rst_dir rst_directive(const char *p, const char *e, const char **after)
{
	static const char *const code[] = {
		"code", "code-block", "sourcecode", "parsed-literal", "raw", "math",
		"literalinclude", "highlight", "productionlist", "prompt", "doctest", "testcode",
		"testoutput", "testsetup", "testcleanup", "ipython", "jupyter-execute", "graphviz",
		"digraph", "graph", "uml", "plantuml", "mermaid", "jinja", "code-tab",
		"tabularcolumns", "autoprogram", "program-output", "command-output", NULL,
	};
	static const char *const note[] = {
		"note", "important", "caution", "warning", "tip", "hint", "attention", "danger",
		"error", "admonition", "seealso", NULL,
	};
	const char *nm;
	size_t n = directive_name(p, e, &nm);
	if (!n)
		return RST_DIR_NONE;
	if (after)
		*after = nm + n + 2;
	if (n == 5 && dd_prefix_ci(nm, n, "table"))
		return RST_DIR_TABLE;
	if (n == 10 && dd_prefix_ci(nm, n, "list-table"))
		return RST_DIR_LIST;
	if (n == 9 && dd_prefix_ci(nm, n, "csv-table"))
		return RST_DIR_CSV;
	for (const char *const *c = code; *c; c++)
		if (strlen(*c) == n && dd_prefix_ci(nm, n, *c))
			return RST_DIR_CODE;
	for (const char *const *c = note; *c; c++)
		if (strlen(*c) == n && dd_prefix_ci(nm, n, *c))
			return RST_DIR_NOTE;
	return RST_DIR_BODY;
}

static int is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* End of an option argument at q ("ARG", "<file name>"), or NULL. */
static const char *option_arg(const char *q, const char *e)
{
	if (q < e && *q == '<') {
		const char *g = memchr(q, '>', (size_t)(e - q));
		return g && !memchr(q + 1, '<', (size_t)(g - q - 1)) ? g + 1 : NULL;
	}
	if (q >= e || !((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z')))
		return NULL;
	while (q < e && (is_alnum(*q) || *q == '_' || *q == '-'))
		q++;
	return q;
}

/* 1 when p[0, e) starts an option list item, docutils' option marker
 * ("-x", "-x ARG", "-xARG", "--name", "--name=ARG") followed by two spaces
 * or the end of the line: no paragraph, so a border right under it starts
 * a table. */
static int is_option(const char *p, const char *e)
{
	const char *q = p + 2, *a;
	if (e - p < 2 || p[0] != '-')
		return 0;
	if (p[1] == '-') {
		if (q >= e || !is_alnum(*q))
			return 0;
		while (q < e && (is_alnum(*q) || *q == '_' || *q == '-'))
			q++;
		if (q < e && (*q == '=' || (*q == ' ' && q + 1 < e && q[1] != ' '))) {
			if (!(a = option_arg(q + 1, e)))
				return 0;
			q = a;
		}
	} else {
		if (!is_alnum(p[1]))
			return 0;
		if (q < e && *q != ' ' && *q != '\t') {
			if (!(a = option_arg(q, e)))
				return 0;
			q = a;
		} else if (q + 1 < e && *q == ' ' && q[1] != ' ' && (a = option_arg(q + 1, e))) {
			q = a;
		}
	}
	return q == e || (e - q >= 2 && q[0] == ' ' && q[1] == ' ');
}

/* docutils' quoted literal block: its lines start with one of these. */
static int is_quote_char(char c)
{
	return c != '\0' && strchr("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~", c) != NULL;
}

int rst_is_adornment(const char *p, const char *e)
{
	const char *k = p;
	while (k < e && *k == *p)
		k++;
	return k == e && is_quote_char(*p);
}

/* Text indentation of a paragraph line: after a bullet or enumerator. */
static unsigned text_indent(const char *p, const char *e, unsigned ind)
{
	const char *q = p;
	if (q < e && strchr("-*+", *q) && q + 1 < e && q[1] == ' ')
		q++;
	else {
		while (q < e && *q >= '0' && *q <= '9')
			q++;
		if (q == p || q >= e || (*q != '.' && *q != ')'))
			return ind;
		q++;
	}
	const char *t = q;
	while (t < e && *t == ' ')
		t++;
	if (t == q)
		return ind;
	return ind + (unsigned)(t - p);
}

/* The tables made from index nt on (one table, or none when it failed)
 * keep their `.. table::` argument as written: a merge writes it back with
 * its markup (`**Table 1** Status codes`). */
static void set_markup(dd_doc *doc, unsigned nt, const char *caption, const char *raw, size_t n)
{
	if (!caption || !raw)
		return;
	for (unsigned t = nt; t < doc->ntables; t++)
		doc->tables[t].caption_markup = dd_arena_strndup(doc->arena, raw, n);
}

/* Column of a grid top that follows a list item's bullet or enumerator on
 * line p[0, e) at indentation ind ("- +----+"), or -1. */
static long grid_after_bullet(const char *p, const char *e, long ind)
{
	unsigned t = text_indent(p, e, (unsigned)ind);
	if (t == (unsigned)ind)
		return -1;
	const char *q = p;
	while (q < e && *q != ' ' && *q != '\t')
		q++;
	while (q < e && (*q == ' ' || *q == '\t'))
		q++;
	return q < e && *q == '+' && rst_is_grid_top(q, e) ? (long)t : -1;
}

static int parse(dd_doc *doc, dd_diag_sink *diags)
{
	rst_ctx x;
	memset(&x, 0, sizeof x);
	x.doc = doc;
	x.diags = diags;
	x.text = doc->src->text;
	x.len = doc->src->len;
	x.raw = (dd_buf)DD_BUF_INIT;
	x.out = (dd_buf)DD_BUF_INIT;
	size_t cap = 64;
	x.ls = dd_xmalloc(cap * sizeof *x.ls);
	for (size_t p = 0; p < x.len;) {
		if (x.nl == cap) {
			cap *= 2;
			size_t *nls = dd_xrealloc(x.ls, cap * sizeof *nls);
			x.ls = nls;
		}
		x.ls[x.nl++] = p;
		const char *nlp = memchr(x.text + p, '\n', x.len - p);
		p = nlp ? (size_t)(nlp - x.text) + 1 : x.len;
	}

	const char *first_label = NULL;
	size_t first_label_len = 0;
	int have_original = 0;
	/* pending `.. table::` caption */
	const char *cap_text = NULL, *cap_raw = NULL;
	size_t cap_rawn = 0;
	long cap_indent = -1;
	/* skipped literal block / comment / code body: lines indented deeper
	 * than skip_base */
	long skip_base = -1;
	/* after a "::" paragraph at this indent, until its literal block: the
	 * block is the indented lines after it, or (docutils' quoted literal
	 * block) lines at its own indent starting with punctuation */
	long literal_at = -1;
	long prev_indent = -1, para_indent = 0;
	int prev_blank = 1;
	int prev_para = 0; /* the line before is paragraph text, continuing at para_indent */

	size_t i = 0;
	while (i < x.nl) {
		size_t fo;
		long ind = rst_indent(&x, i, &fo);
		if (ind < 0) {
			prev_blank = 1;
			i++;
			continue;
		}
		if (skip_base >= 0) {
			if (ind > skip_base) {
				literal_at = -1;
				i++;
				continue;
			}
			skip_base = -1;
		}
		const char *p = x.text + fo, *e = rtrim(p, x.text + rst_line_end(&x, i));
		size_t next = i + 1;
		int was_blank = prev_blank, was_para = prev_para && !was_blank;
		prev_blank = prev_para = 0;
		if (literal_at >= 0) {
			long at = literal_at;
			literal_at = -1;
			if (was_blank && ind == at && is_quote_char(*p)) {
				/* a quoted literal block: to the next blank line */
				while (i < x.nl && rst_indent(&x, i, NULL) >= 0)
					i++;
				continue;
			}
		}

		if (cap_text && ind <= cap_indent)
			cap_text = NULL;
		/* a border right under paragraph text continues the paragraph; one
		 * after a list item's bullet is a table in the item */
		long at = *p == '+' ? ind : grid_after_bullet(p, e, ind);
		if (at >= 0 && (at > ind || rst_is_grid_top(p, e)) && !(was_para && ind == para_indent)) {
			unsigned nt = doc->ntables;
			next = rst_grid(&x, i, (unsigned)at, cap_text);
			set_markup(doc, nt, cap_text, cap_raw, cap_rawn);
			cap_text = NULL;
			prev_blank = 1;
			i = next;
			continue;
		}
		if (*p == '=' && (was_blank || ind != prev_indent) && rst_is_simple_top(p, e)) {
			unsigned nt = doc->ntables;
			next = rst_simple(&x, i, (unsigned)ind, cap_text);
			set_markup(doc, nt, cap_text, cap_raw, cap_rawn);
			cap_text = NULL;
			prev_blank = 1;
			i = next;
			continue;
		}
		if (*p == ':' && starts(p, e, ":original_name:")) {
			if (!have_original) {
				page_from_original_name(&x, p, e);
				have_original = x.doc->page != NULL;
			}
		} else if (*p == '.' && starts(p, e, "..") && (e - p == 2 || p[2] == ' ')) {
			const char *lab, *nm;
			size_t n;
			rst_dir k;
			if ((n = target_label(p, e, &lab)) != 0) {
				if (!first_label) {
					first_label = lab;
					first_label_len = n;
				}
			} else if ((k = rst_directive(p, e, &nm)) != RST_DIR_NONE) {
				if (k == RST_DIR_TABLE) {
					const char *a = nm;
					while (a < e && (*a == ' ' || *a == '\t'))
						a++;
					cap_text = rst_caption(&x, a, (size_t)(e - a));
					cap_raw = a;
					cap_rawn = (size_t)(e - a);
					cap_indent = ind;
					/* the lines right under it, to a blank line, are the
					 * caption's and the options (docutils' argument block,
					 * with or without a caption on the line): no table */
					while (next < x.nl && rst_indent(&x, next, NULL) >= 0)
						next++;
				} else if (k == RST_DIR_CODE) {
					skip_base = ind;
				} else if (k == RST_DIR_LIST || k == RST_DIR_CSV) {
					/* a table of its own: its whole block is read here */
					rst_dblock b;
					int code = k == RST_DIR_LIST ? DD_E_LIST_TABLE : DD_E_CSV_TABLE;
					if (rst_dblock_read(&x, i, (unsigned)ind, nm, code, &b) == 0) {
						if (k == RST_DIR_LIST)
							rst_list_table(&x, &b);
						else
							rst_csv_table(&x, &b);
					}
					next = b.next;
					rst_dblock_free(&b);
					prev_blank = 1;
				}
			} else if (e - p == 2) {
				/* "..": an empty comment when a blank line follows (the
				 * indented block after it is a block quote), else the
				 * comment is the indented lines under it */
				if (i + 1 < x.nl && rst_indent(&x, i + 1, NULL) >= 0)
					skip_base = ind;
			} else if (!starts(p, e, ".. [") && !starts(p, e, ".. |")) {
				skip_base = ind; /* comment: its indented body is not the document's */
			}
		} else {
			/* a new paragraph unless this line continues one at its text's
			 * column (after a bullet line, a line at the bullet's column
			 * ends the list) */
			int cont = was_para && ind == para_indent;
			if (!cont)
				para_indent = (long)text_indent(p, e, (unsigned)ind);
			/* paragraph text, unless a title's underline or a line block's
			 * first line (a "|" line continuing a paragraph is its text) */
			prev_para = !rst_is_adornment(p, e) &&
			            (cont || !((*p == '|' && (e - p == 1 || p[1] == ' ')) ||
			                       is_option(p, e)));
			if (e - p >= 2 && e[-1] == ':' && e[-2] == ':') {
				/* "::" ends the paragraph: a literal block follows */
				skip_base = para_indent;
				literal_at = para_indent;
			}
		}
		/* flattened tables anywhere in the line */
		size_t le = (size_t)(e - x.text);
		size_t q = rst_flat_find(x.text, fo, le), from = fo;
		while (q < le) {
			/* caption: ".. table:: TEXT" earlier on the same line */
			const char *capt = NULL, *capr = NULL;
			size_t caprn = 0;
			size_t lo = q > from + 4096 ? q - 4096 : from;
			for (size_t k = q; k > lo + 10; k--) {
				if (memcmp(x.text + k - 10, ".. table::", 10) == 0) {
					const char *a = x.text + k, *b = x.text + q;
					while (a < b && *a == ' ')
						a++;
					if (!memchr(a, '|', (size_t)(b - a)) && b > a) {
						capt = rst_caption(&x, a, (size_t)(b - a));
						capr = a;
						caprn = (size_t)(rtrim(a, b) - a);
					}
					break;
				}
			}
			unsigned nt = doc->ntables;
			from = rst_flat(&x, i, q, capt);
			set_markup(doc, nt, capt, capr, caprn);
			q = rst_flat_find(x.text, from, le);
		}
		prev_indent = ind;
		i = next;
	}
	if (!have_original && first_label) {
		doc->page = dd_arena_strndup(doc->arena, first_label, first_label_len);
		doc->page_off = (size_t)(first_label - x.text);
	}
	free(x.ls);
	free(x.segs);
	dd_buf_free(&x.raw);
	dd_buf_free(&x.out);
	return x.errors ? -1 : 0;
}

/* Indentation of t[p, e) in columns (tabs to 8-column stops). */
static unsigned sniff_indent(const char *p, const char *e)
{
	unsigned col = 0;
	for (; p < e && (*p == ' ' || *p == '\t'); p++)
		col = *p == ' ' ? col + 1 : (col / DD_RST_TAB + 1) * DD_RST_TAB;
	return col;
}

/* How sure we are that src is reStructuredText. A grid table is strong
 * evidence, except where Markdown (or HTML) shows code: a box in a fenced
 * block or a <pre> counts for nothing, and in a document whose other
 * structure is Markdown (ATX headings, fences, links) and not RST
 * (directives, targets, title underlines), a box anywhere is read as
 * Markdown's. A box indented 4 columns or more after a blank line (the shape
 * of a Markdown indented code block) with nothing else to go by is weak
 * evidence (below 50), so the file's extension decides. */
static int sniff(const dd_source *src)
{
	size_t n = src->len < DD_RST_SNIFF_BYTES ? src->len : DD_RST_SNIFF_BYTES;
	const char *t = src->text, *end = t + n;
	int score = 0, flat = 0, grid = 0, md = 0;
	const char *prev = NULL, *prev_e = NULL;
	dd_md_lines ml = {0, 0, 0};
	unsigned prev_ind = 0;
	for (const char *p = t; p < end;) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		const char *e = nl ? nl : end;
		const char *q = p;
		while (q < e && (*q == ' ' || *q == '\t'))
			q++;
		const char *re = rtrim(q, e);
		int code = dd_md_line(&ml, p, e);
		md |= code & DD_MD_STRUCTURE;
		if (code & DD_MD_CODE) {
			prev = NULL;
			goto next;
		}
		if (starts(q, re, ":original_name:") || (q == p && starts(q, re, ".. _") &&
		                                         re > q + 5 && re[-1] == ':'))
			return 90;
		/* 2: a box at the margin or in an indented run; 1: the shape of an
		 * indented code block */
		int strength = sniff_indent(p, q) >= 4 && (!prev || prev_ind >= 4) ? 1 : 2;
		if (*q == '+' && rst_is_grid_top(q, re) && strength > grid)
			grid = strength;
		/* decided at the end: it may be a "+---+" in a pipe table's cell */
		if (flat < strength && rst_flat_find(t, (size_t)(q - t), (size_t)(re - t)) < (size_t)(re - t))
			flat = strength;
		if (*q == '=' && rst_is_simple_top(q, re) && score < 80)
			score = 80;
		if (q == p && starts(q, re, ".. ") && re[-1] == ':' && memchr(q, ':', (size_t)(re - q)) &&
		    score < 70) {
			const char *nm;
			if (directive_name(q, re, &nm))
				score = 70;
		}
		/* a title underline: a run of one punctuation character under text */
		if (prev && q == p && re - q >= 3 && prev_e > prev && strchr("=-~^\"'`#*+", *q) &&
		    score < 50) {
			const char *k = q;
			while (k < re && *k == *q)
				k++;
			if (k == re && *q == '=')
				score = 50;
		}
		if (q < re) {
			prev = p;
			prev_e = rtrim(p, e);
			prev_ind = sniff_indent(p, q);
		} else {
			prev = NULL;
		}
	next:
		if (!nl)
			break;
		p = nl + 1;
	}
	if (grid && score < 50)
		return md ? 10 : grid == 2 ? 90 : 40;
	if (grid)
		return 90;
	/* A flattened grid table is a strong sign, unless the lines form a GFM pipe
	 * table: then "| Draw a box: +-----+ |" is a cell, and Markdown (80) wins. */
	if (flat && md && score < 50)
		return 10;
	if (flat)
		return dd_md_has_pipe_table(t, n) ? (score > 60 ? score : 60)
		                                  : flat == 2 || score >= 50 ? 90 : 40;
	return score;
}

const dd_parser dd_parser_rst = {"rst", sniff, parse, NULL, NULL};

void rst_err(rst_ctx *x, size_t off, int code, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	dd_vdiag(x->diags, x->doc->src, off, DD_ERROR, code, fmt, ap);
	va_end(ap);
	x->errors++;
}
