/* records_internal.h - what records.c and roles.c share (not for other folders). */
#ifndef DD_RECORDS_INTERNAL_H
#define DD_RECORDS_INTERNAL_H

#include "records.h"

/* A column is name-like when its cells average at most this many words. */
#define DD_NAME_MAX_WORDS 6
/* Without a status-code header, a key column needs this many different
 * codes (a "Default | 200" parameter row, or "Max | 100 / 200", is not a
 * table of status codes). */
#define DD_KEY_MIN_CODES 3
/* A key column of at least DD_KEY_REPEAT_MIN codes in which more than
 * DD_KEY_REPEAT_PCT percent of the rows repeat an earlier code is an
 * attribute of rows keyed by another column ("Response Name | Default
 * Status Code", an error code's status), not the table's key. */
#define DD_KEY_REPEAT_MIN 4
#define DD_KEY_REPEAT_PCT 25

enum rec_role { R_NONE, R_KEY, R_NAME, R_DESC };

/* What a column holds: its header and content statistics over the rows
 * below the header. */
typedef struct colinfo {
	const char *header;  /* "" when none */
	size_t header_off;
	enum rec_role by_header, role;
	unsigned codes, filled, words, sentences;
	unsigned maxwords;      /* most words in one cell */
	unsigned last_code;     /* 1 + the row of the last code, 0 when none */
	unsigned filled_to_last;/* filled cells up to that row */
	unsigned idents;        /* cells like "VPC.1801": one token, letters and digits, no code */
	const char *ident_eg;   /* the first of them */
	unsigned in_range;      /* codes in the ranges HTTP uses (not 128, 256, 600) */
	unsigned distinct;      /* different codes */
	unsigned code_lists;    /* cells listing several codes ("- 200 - 202 - 401") */
	unsigned wordy;         /* cells that start with a word, not a figure */
	const char *out_eg;     /* a code outside the ranges, for messages */
} colinfo;

/* The cell at (r, c), or NULL where a span covers it. */
static inline const dd_cell *rec_origin_cell(const dd_table *t, unsigned r, unsigned c)
{
	const dd_cell *cell = &t->rows[r].cells[c];
	return (cell->flags & DD_CELL_COVERED) ? NULL : cell;
}

/* "200 OK", "201: Created", "404 - Not Found": a key then a name. Returns
 * the offset of the name in s, or 0 when s is not of that shape. */
size_t rec_key_name_split(const char *s, size_t n, char key[4]);
/* 1 when the cell's first paragraph is a status code ("404", "4xx") or a
 * code and its name ("200 OK"). */
int rec_cell_is_code(const dd_cell *cell);
/* 1 when h is a known header of a status-code column ("Status Code"). */
int rec_is_key_header(const char *h);
/* Words of s, split at spaces. */
unsigned rec_count_words(const char *s);
/* A row whose first cell spans the whole table: a section heading. */
int rec_is_section_row(const dd_table *t, unsigned r);
/* Headers and content statistics of every column over rows [nhead, end). */
void rec_column_stats(const dd_table *t, unsigned nhead, unsigned end, colinfo *ci);
/* Why column key, which holds the most codes of rows [nhead, end), is not a
 * status-code column ("it repeats its codes ..."), in buf[0, cap); NULL
 * when it is one: under a status-code header its codes must neither repeat
 * nor come several to a cell; without one they must also all lie in the
 * ranges HTTP uses and either be named beside them ("200 | OK") or be at
 * least DD_KEY_MIN_CODES beside a column of words. */
const char *rec_not_status_column(const dd_table *t, unsigned nhead, unsigned end,
                                  const colinfo *ci, unsigned key, char *buf, size_t cap);
/* The column of most codes, or -1. */
int rec_choose_key(const colinfo *ci, unsigned nc);
/* The first of the nhead header rows that is data, or -1. */
int rec_code_header_row(const dd_table *t, unsigned nhead, int key_col);
/* Gives the name and description roles (DD-401 notes where content or
 * position overrides a header); their columns, or -1, in *name_col, *desc_col. */
void rec_assign_roles(dd_doc *doc, const dd_table *t, colinfo *ci, unsigned key,
                      dd_diag_sink *diags, int *name_col, int *desc_col);

/* How a table's records are made (rows.c): its kind, the rows that hold
 * records, each role's column (-1: none) and the other columns, kept as
 * extra fields by header. */
typedef struct rec_plan {
	dd_kind kind;
	unsigned nhead, end;     /* records from rows [nhead, end) */
	int col[DD_NROLES];
	const unsigned *extra_cols;
	unsigned nextra;
	/* error tables: a key cell that is not an error code (rec_error_token)
	 * is a row skipped (DD-402); 0 when the keys are names ("Access Denied") */
	int key_tokens;
} rec_plan;

/* Appends the records of table ti of doc, made as p says, to rs. */
void rec_emit(dd_doc *doc, unsigned ti, const char *service, dd_records *rs,
              dd_diag_sink *diags, const rec_plan *p, const colinfo *ci);
/* s[0, n) in NFC, in the arena; its length in *len. */
char *rec_nfc_dup(dd_arena *a, const char *s, size_t n, size_t *len);
const char *rec_nfc_str(dd_arena *a, const char *s);

/* 1 when s[0, n) is an error code: one token such as "VPC.1801",
 * "CCE_CM.0001", "12000002", "AccessDenied", "YY001" (never a status code). */
int rec_error_token(const char *s, size_t n);
/* When t (header rows [0, nhead), statistics ci) is an error-code table:
 * fills p (kind, key, status, name, description, solution columns; extra
 * columns in extra[], which must have t->ncols slots) and returns 1, with
 * DD-401 notes where content decided a role. Else 0. (errors.c) */
int rec_error_plan(dd_doc *doc, const dd_table *t, unsigned nhead, colinfo *ci, rec_plan *p,
                   unsigned *extra, dd_diag_sink *diags);
/* A table needs at least this share of code-like key cells (percent) among
 * its non-empty ones to count as a status-code (or error-code) table. */
#define DD_KEY_SHARE_MIN 50
/* Non-code cells after a key column's last code that do not count against
 * its share (page text after a short table: "Feedback", "Was this page
 * helpful?", "| Yes | No |"). */
#define DD_KEY_TRAIL_MAX 8

#endif
