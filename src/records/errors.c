/* errors.c - error-code tables: which tables are keyed by API error codes
 * ("ELB.0002", "Common.1503", "12000002", "AccessDenied") rather than by
 * HTTP status codes, and which column holds what.
 *
 * An error-code table is one whose key column holds error codes (one
 * token each, never a status code) on evidence a writer would accept:
 *   1. the column is headed as one ("Error Code", "Error Codes", "API
 *      Error Code"): then any token counts, CamelCase names and numbers of
 *      four digits or more included;
 *   2. it is not headed as a text ("Name", "Description"), and its
 *      codes are API codes (a capital letter first, then a separator and
 *      three digits or more: "VPC.1801", "DSC_ERR_003_001") beside an HTTP
 *      status column, a solution column ("Solution", "Handling Measure")
 *      or a column headed as an error's text ("Error Message", "Error
 *      Description"), or numbers of five digits or more ("37100041")
 *      beside one of the last two, under no status header (Oozie's
 *      "Status Code" 18002 is a status, of another system);
 *   3. it is the table's first column, not headed as another role, its
 *      cells are distinct codes with digits ("13", "137", "HY000"), some
 *      of them no HTTP status if they are numbers, and a column beside it
 *      is headed as an error's text ("Xid | Error Description", "SQLSTATE
 *      | Error");
 *   4. it is the first column of distinct short names headed as names
 *      ("Response Name") beside a status column whose codes repeat:
 *      named error responses, each returned with a status code.
 * Its HTTP status column is the other column holding status codes (most
 * of its cells); the other roles go by header (message, description,
 * solution), then content (a column of sentences is the description), and
 * every other column is kept by its header. */
#include "records_internal.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

/* What one cell's first paragraph is, as an error code. */
enum {
	TOK_API = 1,      /* "VPC.1801", "CCE_CM.0001", "MRS.101" */
	TOK_NUM = 2,      /* digits, four or more: "0171", "12000002" */
	TOK_NUM5 = 4,     /* digits, five or more */
	TOK_NAMED = 8,    /* CamelCase: "AccessDenied", "NoSuchBucket" */
	TOK_IDENT = 16,   /* letters and digits: "YY001", "HY000" */
	TOK_SHORT = 32    /* digits, one to three: an Xid "13", "137" (rule 3 only) */
};

/* Longest error code read as one: longer single tokens are paths or ids. */
#define DD_ERROR_TOKEN_MAX 64
/* Rules 3 and 4 need at least this many rows: "ID | Error Message" with
 * one row says nothing of a table. */
#define DD_ERROR_MIN_ROWS 3

static unsigned token_shape(const char *s, size_t n)
{
	if (n == 0 || n > DD_ERROR_TOKEN_MAX)
		return 0;
	int alpha = 0, digit = 0, sep = 0, upper_after_lower = 0, lower = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isupper(c)) {
			alpha = 1;
			upper_after_lower |= lower && i > 0;
		} else if (islower(c)) {
			alpha = lower = 1;
		} else if (isdigit(c)) {
			digit = 1;
		} else if (c == '.' || c == '_' || c == '-' || c == ':') {
			sep = 1;
		} else {
			return 0;
		}
	}
	if (!alpha)
		return sep ? 0 : n >= 5 ? TOK_NUM | TOK_NUM5 : n >= 4 ? TOK_NUM : TOK_SHORT;
	char key[4];
	if (dd_key_parse(s, n, key))
		return 0; /* a class, "4xx" */
	if (!digit)
		return !sep && isupper((unsigned char)s[0]) && upper_after_lower ? TOK_NAMED : 0;
	unsigned shape = TOK_IDENT;
	size_t d = n;
	while (d > 0 && isdigit((unsigned char)s[d - 1]))
		d--;
	if (isupper((unsigned char)s[0]) && n - d >= 3 && d > 1 &&
	    (s[d - 1] == '.' || s[d - 1] == '_' || s[d - 1] == '-'))
		shape |= TOK_API;
	return shape;
}

int rec_error_token(const char *s, size_t n)
{
	return token_shape(s, n) != 0;
}

/* An error-code column's statistics over the body rows. */
typedef struct errcol {
	unsigned filled, filled_to_last, last;  /* last: 1 + the row of the last token */
	unsigned tok, api, num5, named;
	unsigned any;                           /* tokens with a digit, short numbers too */
	int distinct;                           /* every token differs */
	const char *eg;
} errcol;

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static void column_errors(const dd_table *t, unsigned nhead, unsigned c, errcol *ec)
{
	memset(ec, 0, sizeof *ec);
	const char **v = dd_xmalloc((t->nrows + 1) * sizeof *v);
	size_t nv = 0;
	for (unsigned r = nhead; r < t->nrows; r++) {
		const dd_cell *cell = rec_origin_cell(t, r, c);
		if (!cell || !cell->npara || rec_is_section_row(t, r))
			continue;
		ec->filled++;
		unsigned s = token_shape(cell->paras[0].text, cell->paras[0].len);
		if (!s)
			continue;
		ec->any += !(s & TOK_NAMED);
		v[nv++] = cell->paras[0].text;
		ec->last = r + 1;
		ec->filled_to_last = ec->filled;
		if (s & TOK_SHORT)
			continue;
		if (!ec->tok++)
			ec->eg = cell->paras[0].text;
		ec->api += !!(s & TOK_API);
		ec->num5 += !!(s & TOK_NUM5);
		ec->named += !!(s & TOK_NAMED);
	}
	qsort(v, nv, sizeof *v, str_cmp);
	ec->distinct = 1;
	for (size_t i = 1; i < nv && ec->distinct; i++)
		ec->distinct = strcmp(v[i], v[i - 1]) != 0;
	free(v);
}

/* n of the column's cells are enough: most of them up to the last token,
 * with at most DD_KEY_TRAIL_MAX cells of page text after it. */
static int most(const errcol *ec, unsigned n)
{
	return n && (n * 100 >= ec->filled * DD_KEY_SHARE_MIN ||
	             (n * 100 >= ec->filled_to_last * DD_KEY_SHARE_MIN &&
	              ec->filled - ec->filled_to_last <= DD_KEY_TRAIL_MAX));
}

static int header_has(const char *h, const char *w)
{
	return strcasestr(h, w) != NULL;
}

static int header_in(const char *h, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(h, *list) == 0)
			return 1;
	return 0;
}

/* "Error Code", "Error Codes", "API Error Code", "error_code", "ErrorCode";
 * not "Error Code Description", a status table's description header. */
static int error_key_header(const char *h)
{
	return (header_has(h, "error code") || header_has(h, "errorcode") ||
	        header_has(h, "error_code")) &&
	       !header_has(h, "description") && !header_has(h, "status");
}

static const char *const name_headers[] = {
	"Error Message", "Message", "Error Information", "Error Info", "Error Msg", "Error",
	"Error Name", "Name", "Message Title", "Returned Message", NULL,
};
static const char *const desc_headers[] = {
	"Description", "Error Description", "Remarks", "Meaning", "Explanation", "Details",
	"Message Description", "Error Code Description", "Error Details", NULL,
};
static const char *const solution_headers[] = {
	"Solution", "Solutions", "Handling Measure", "Handling Measures", "Measure", "Measures",
	"Troubleshooting", "Suggestion", "Suggestions", "Handling Suggestion", "Handling Method",
	"Resolution", "Remedy", "Action", "Recommended Action", "How to Handle", "Fix", NULL,
};

/* A column headed as an error's text: "Error Message", "Error Description". */
static int error_text_header(const char *h)
{
	return dd_prefix_ci(h, strlen(h), "error") && !error_key_header(h);
}

/* Column s holds HTTP status codes: most of its cells, under a status
 * header or all in the 4xx/5xx ranges errors are returned with. */
static int status_column(const colinfo *ci, unsigned c)
{
	const colinfo *k = &ci[c];
	if (!k->codes || k->codes * 100 < k->filled * DD_KEY_SHARE_MIN)
		return 0;
	return rec_is_key_header(k->header) || header_has(k->header, "status") ||
	       k->in_range == k->codes;
}

/* Every cell of column c a short label (at most DD_NAME_MAX_WORDS words,
 * no sentence), as many as there are rows. */
static int labels_column(const colinfo *k)
{
	return k->filled >= DD_ERROR_MIN_ROWS && k->sentences == 0 &&
	       k->maxwords <= DD_NAME_MAX_WORDS && k->codes == 0;
}

/* The first column, left to right, not taken and headed as one of list, or -1. */
static int by_header(const colinfo *ci, unsigned nc, const int *taken, const char *const *list)
{
	for (unsigned c = 0; c < nc; c++)
		if (!taken[c] && header_in(ci[c].header, list))
			return (int)c;
	return -1;
}

/* Distinct short labels in every body cell of column c. */
static int distinct_labels(const dd_table *t, unsigned nhead, unsigned c)
{
	const char **v = dd_xmalloc((t->nrows + 1) * sizeof *v);
	size_t nv = 0;
	for (unsigned r = nhead; r < t->nrows; r++) {
		const dd_cell *cell = rec_origin_cell(t, r, c);
		if (cell && cell->npara && !rec_is_section_row(t, r))
			v[nv++] = cell->paras[0].text;
	}
	qsort(v, nv, sizeof *v, str_cmp);
	int ok = 1;
	for (size_t i = 1; i < nv && ok; i++)
		ok = strcmp(v[i], v[i - 1]) != 0;
	free(v);
	return ok;
}

/* The key column by rules 1-4 (the file's comment), or -1; *tokens: its
 * keys are error-code tokens (not names). is_status[c]: status_column(ci,
 * c), of which there are nstatus (asked once per column: asking each column
 * about every other one was quadratic in a table's width). */
static int choose_key_by(const dd_table *t, unsigned nhead, const colinfo *ci, const errcol *ec,
                         const unsigned char *is_status, unsigned nstatus, int *tokens)
{
	unsigned nc = t->ncols;
	int have_solution = 0, have_text = 0;
	for (unsigned c = 0; c < nc; c++) {
		have_solution |= header_in(ci[c].header, solution_headers);
		have_text |= error_text_header(ci[c].header);
	}
	*tokens = 1;
	for (unsigned c = 0; c < nc; c++)
		if (error_key_header(ci[c].header) && most(&ec[c], ec[c].tok))
			return (int)c;
	int first = -1; /* the first column with text */
	for (unsigned c = 0; c < nc && first < 0; c++)
		if (ci[c].filled)
			first = (int)c;
	for (unsigned c = 0; c < nc; c++) {
		const char *h = ci[c].header;
		if (header_in(h, name_headers) || header_in(h, desc_headers) ||
		    header_in(h, solution_headers))
			continue; /* a column headed as something else ("Name") is not the key; a
			           * status header over API codes ("Returned Value") is no such
			           * header: those are not status codes */
		int beside = nstatus > is_status[c];
		/* bare numbers need more than a status column beside them, and are
		 * another system's statuses under a status header (Oozie's 18002) */
		if ((most(&ec[c], ec[c].api) && (beside || have_solution || have_text)) ||
		    (most(&ec[c], ec[c].num5) && (have_solution || have_text) && !rec_is_key_header(h)))
			return (int)c;
	}
	if (first < 0 || ec[first].filled < DD_ERROR_MIN_ROWS)
		return -1;
	const colinfo *f = &ci[first];
	/* numbers of which some are no HTTP status (137, 18002), under no
	 * header of another role ("Status Code") */
	int codes_ok = !header_in(f->header, name_headers) && !header_in(f->header, desc_headers) &&
	               !rec_is_key_header(f->header) && (!f->codes || f->in_range < f->codes);
	for (unsigned c = 0; c < nc && codes_ok; c++)
		if ((int)c != first && error_text_header(ci[c].header) && ec[first].distinct &&
		    ec[first].any == ec[first].filled)
			return first;
	if ((header_has(f->header, "name") || header_has(f->header, "response")) &&
	    labels_column(f) && distinct_labels(t, nhead, (unsigned)first))
		for (unsigned s = 0; s < nc; s++)
			if ((int)s != first && is_status[s] && ci[s].distinct < ci[s].codes) {
				*tokens = 0;
				return first;
			}
	return -1;
}

static int choose_key(const dd_table *t, unsigned nhead, const colinfo *ci, const errcol *ec,
                      int *tokens)
{
	unsigned nstatus = 0;
	unsigned char *is_status = dd_xmalloc(t->ncols + 1);
	for (unsigned c = 0; c < t->ncols; c++)
		nstatus += is_status[c] = (unsigned char)status_column(ci, c);
	int k = choose_key_by(t, nhead, ci, ec, is_status, nstatus, tokens);
	free(is_status);
	return k;
}

int rec_error_plan(dd_doc *doc, const dd_table *t, unsigned nhead, colinfo *ci, rec_plan *p,
                   unsigned *extra, dd_diag_sink *diags)
{
	unsigned nc = t->ncols;
	if (t->nrows <= nhead || nc < 2)
		return 0;
	errcol *ec = dd_xcalloc(nc, sizeof *ec);
	for (unsigned c = 0; c < nc; c++)
		column_errors(t, nhead, c, &ec[c]);
	int tokens;
	int key = choose_key(t, nhead, ci, ec, &tokens);
	if (key < 0) {
		free(ec);
		return 0;
	}
	memset(p, 0, sizeof *p);
	p->kind = DD_KIND_ERROR;
	p->nhead = nhead;
	p->end = t->nrows;
	p->key_tokens = tokens;
	for (int k = 0; k < DD_NROLES; k++)
		p->col[k] = -1;
	int *taken = dd_xcalloc(nc, sizeof *taken);
	p->col[DD_ROLE_KEY] = key;
	taken[key] = 1;
	ci[key].ident_eg = ec[key].eg ? ec[key].eg : ci[key].ident_eg;
	/* the status column: the other column of most status codes */
	int st = -1;
	for (unsigned c = 0; c < nc; c++)
		if (!taken[c] && status_column(ci, c) && (st < 0 || ci[c].codes > ci[st].codes))
			st = (int)c;
	if (st < 0)
		for (unsigned c = 0; c < nc && st < 0; c++)
			if (!taken[c] && (rec_is_key_header(ci[c].header) ||
			                  header_has(ci[c].header, "status code")))
				st = (int)c; /* headed so, whatever its cells hold */
	if (st >= 0)
		taken[p->col[DD_ROLE_STATUS] = st] = 1;
	static const struct {
		int role;
		const char *const *list;
	} by[] = {{DD_ROLE_SOLUTION, solution_headers},
	          {DD_ROLE_DESC, desc_headers},
	          {DD_ROLE_NAME, name_headers}};
	for (size_t i = 0; i < sizeof by / sizeof *by; i++) {
		int c = by_header(ci, nc, taken, by[i].list);
		if (c >= 0)
			taken[p->col[by[i].role] = c] = 1;
	}
	if (p->col[DD_ROLE_DESC] < 0) {
		/* no description header: the column of the most sentences is */
		int best = -1;
		for (unsigned c = 0; c < nc; c++)
			if (!taken[c] && ci[c].filled && ci[c].sentences * 2 >= ci[c].filled &&
			    (best < 0 || ci[c].words * ci[best].filled > ci[best].words * ci[c].filled))
				best = (int)c;
		if (best >= 0) {
			taken[p->col[DD_ROLE_DESC] = best] = 1;
			dd_diag(diags, doc->src, ci[best].header_off, DD_NOTE, DD_N_COLUMN_ROLE,
			        "no description header; column %d '%s' of this error-code table holds "
			        "sentences, so it is read as the description",
			        best + 1, ci[best].header);
		}
	}
	/* page text a parser folded into the table after the last code */
	for (unsigned r = ec[key].last; r < t->nrows; r++) {
		const dd_cell *kc = rec_origin_cell(t, r, (unsigned)key);
		if (kc && kc->npara && (t->rows[r].flags & DD_ROW_UNDELIMITED) &&
		    !rec_error_token(kc->paras[0].text, kc->paras[0].len)) {
			unsigned n = t->nrows - r;
			dd_diag(diags, doc->src, t->rows[r].off, DD_NOTE, DD_N_MD_CHROME,
			        "%u trailing row%s after the last error code, from '%s' (a line without "
			        "'|'), %s page text folded into the table by GFM, not records; dropped",
			        n, n == 1 ? "" : "s", kc->paras[0].text, n == 1 ? "is" : "are");
			p->end = r;
			break;
		}
	}
	for (unsigned c = 0; c < nc; c++)
		if (!taken[c])
			extra[p->nextra++] = c;
	p->extra_cols = extra;
	free(taken);
	free(ec);
	return 1;
}
