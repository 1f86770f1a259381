/* source.h - one input document: its bytes, its name and a line map.
 *
 * The loader strips a UTF-8 BOM, turns CRLF and lone CR into LF and checks
 * UTF-8, so parsers see clean LF text. Offsets everywhere are into that text;
 * since only line ends change, line:col computed on it equal line:col in the
 * file as an editor shows it. Columns count characters (code points), 1-based. */
#ifndef DD_SOURCE_H
#define DD_SOURCE_H

#include <stddef.h>

typedef struct dd_source {
	const char *name;   /* path as given on the command line, "<stdin>" for - */
	char *text;         /* normalised text, NUL-terminated, owned */
	size_t len;
	size_t *lines;      /* start offset of each line, built on first position query */
	size_t nlines;
	/* Last position answered: positions on one long line (a flattened table)
	 * are asked in increasing order, so counting resumes from here. */
	size_t last_off, last_line, last_col;
	int had_bom, had_crlf;
} dd_source;

struct dd_diag_sink;

/* Reads path ("-" = stdin) into src. On failure reports DD_E_READ or
 * DD_E_UTF8 to diags and returns -1 (src is then empty but safe to free). */
int dd_source_load(dd_source *src, const char *path, struct dd_diag_sink *diags);
/* Same normalisation over bytes in memory (copied). Returns -1 on bad UTF-8. */
int dd_source_init_mem(dd_source *src, const char *name, const char *bytes, size_t n,
                       struct dd_diag_sink *diags);
void dd_source_free(dd_source *src);
/* 1-based line and column (in code points) of byte offset off. */
void dd_source_pos(dd_source *src, size_t off, unsigned *line, unsigned *col);

#endif
