/* support.c - see support.h. */
#include "support.h"

#include <stdio.h>
#include <stdlib.h>
#include <time.h>

void ts_parse(ts_parsed *p, const dd_parser *parser, const char *name, const char *text,
              size_t n)
{
	dd_diag_init(&p->diags, NULL);
	p->diags.verbose = 1; /* every message kept: the tests read them */
	if (dd_source_init_mem(&p->src, name, text, n, &p->diags) != 0)
		abort();
	dd_doc_init(&p->doc, &p->src);
	clock_t t0 = clock();
	p->rc = parser->parse(&p->doc, &p->diags);
	p->secs = (double)(clock() - t0) / CLOCKS_PER_SEC;
}

void ts_parsed_free(ts_parsed *p)
{
	dd_doc_free(&p->doc);
	dd_source_free(&p->src);
	dd_diag_free(&p->diags);
}

const char *ts_para(const ts_parsed *p, unsigned t, unsigned r, unsigned c, unsigned k)
{
	if (t >= p->doc.ntables || r >= p->doc.tables[t].nrows || c >= p->doc.tables[t].ncols)
		return NULL;
	const dd_cell *cell = &p->doc.tables[t].rows[r].cells[c];
	return k < cell->npara ? cell->paras[k].text : NULL;
}

char *ts_slurp(const char *path, size_t *n)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	dd_buf b = DD_BUF_INIT;
	char chunk[65536];
	size_t k;
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0)
		dd_buf_put(&b, chunk, k);
	fclose(f);
	if (!b.ptr)
		dd_buf_put(&b, "", 0);
	*n = b.len;
	return b.ptr;
}

double ts_cpu_bound(double base)
{
	const char *s = getenv("DD_CPU_SCALE");
	double k = s ? atof(s) : 1.0;
	return base * (k > 0 ? k : 1.0);
}
