/* roles.c - which column of a table holds what: the status code (by
 * content), the name and the description (by header, then by content and
 * position where headers are ambiguous or unknown). */
#include "records_internal.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

int dd_key_parse(const char *s, size_t n, char key[4])
{
	if (n != 3 || s[0] < '1' || s[0] > '5')
		return 0;
	if (isdigit((unsigned char)s[1]) && isdigit((unsigned char)s[2])) {
		memcpy(key, s, 3);
	} else if ((s[1] == 'x' || s[1] == 'X') && (s[2] == 'x' || s[2] == 'X')) {
		key[0] = s[0];
		key[1] = key[2] = 'x';
	} else {
		return 0;
	}
	key[3] = '\0';
	return 1;
}

/* "200 OK", "201: Created", "404 - Not Found": a key then a name. Returns
 * the offset of the name in s, or 0 when s is not of that shape. */
size_t rec_key_name_split(const char *s, size_t n, char key[4])
{
	if (n < 5 || !dd_key_parse(s, 3, key))
		return 0;
	size_t i = 3;
	if (s[i] != ' ' && s[i] != ':' && s[i] != '-')
		return 0;
	while (i < n && (s[i] == ' ' || s[i] == ':' || s[i] == '-'))
		i++;
	if (i >= n)
		return 0;
	if (isalpha((unsigned char)s[i]))
		return i;
	/* a letter of any script: "200 成功" */
	utf8proc_int32_t cp;
	if ((unsigned char)s[i] < 0x80 ||
	    utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &cp) <= 0)
		return 0;
	utf8proc_category_t c = utf8proc_category(cp);
	return c >= UTF8PROC_CATEGORY_LU && c <= UTF8PROC_CATEGORY_LO ? i : 0;
}

static int header_is(const char *h, const char *const *list)
{
	for (; *list; list++)
		if (strcasecmp(h, *list) == 0)
			return 1;
	return 0;
}

static const char *const key_headers[] = {
	"Status Code", "Status Codes", "HTTP Status Code", "Returned Value", "Normal Response Code",
	"Error Status Code", "Normal Status Code", "Successful Response", "Status Code & Message",
	"Response Code", "\xE7\x8A\xB6\xE6\x80\x81\xE7\xA0\x81" /* 状态码 */, NULL,
};

static const char *const name_headers[] = {
	"Code", "Message", "Message Title", "Name", "Status", "Type", "Encoding", "Returned Value",
	"Status Name", "Reason Phrase", "Status Message", "Error Message",
	"\xE7\xBC\x96\xE7\xA0\x81" /* 编码 */, NULL,
};

static const char *const desc_headers[] = {
	"Description", "State Description", "Meaning", "Status Code Description", "Remarks",
	"Explanation", "Details", "Message Description",
	"\xE7\x8A\xB6\xE6\x80\x81\xE8\xAF\xB4\xE6\x98\x8E" /* 状态说明 */, NULL,
};

static enum rec_role header_role(const char *h)
{
	if (header_is(h, desc_headers))
		return R_DESC;
	if (header_is(h, name_headers))
		return R_NAME;
	if (header_is(h, key_headers))
		return R_KEY;
	return R_NONE;
}

unsigned rec_count_words(const char *s)
{
	unsigned n = 0;
	int in = 0;
	for (; *s; s++) {
		int sp = *s == ' ';
		if (!sp && !in)
			n++;
		in = !sp;
	}
	return n;
}

/* An API error code ("VPC.1801", "APIG.0101", "CCE_CM.0001"): one token
 * holding letters and digits. */
static int ident_like(const char *s, size_t n)
{
	int alpha = 0, digit = 0;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		if (isalpha(c))
			alpha = 1;
		else if (isdigit(c))
			digit = 1;
		else if (c != '.' && c != '_' && c != '-' && c != ':')
			return 0;
	}
	return alpha && digit;
}

static int name_like(const colinfo *ci)
{
	if (ci->filled == 0)
		return 1;
	return ci->words <= DD_NAME_MAX_WORDS * ci->filled && ci->sentences * 2 < ci->filled;
}

/* Header text of column c: the last header row that has text there. */
static void column_header(const dd_table *t, unsigned nhead, unsigned c, colinfo *ci)
{
	ci->header = "";
	ci->header_off = t->off;
	for (unsigned r = nhead; r-- > 0;) {
		const dd_cell *cell = &t->rows[r].cells[c];
		if (cell->npara) {
			ci->header = cell->paras[0].text;
			ci->header_off = cell->paras[0].off;
			return;
		}
	}
}

int rec_is_section_row(const dd_table *t, unsigned r)
{
	const dd_cell *c0 = &t->rows[r].cells[0];
	return t->ncols > 1 && !(c0->flags & DD_CELL_COVERED) && c0->colspan >= t->ncols;
}

/* Leftmost column (by position) among those with role `want` (by header) that
 * satisfies pred, or -1. */
static int pick(colinfo *ci, unsigned ncols, enum rec_role want, int (*pred)(const colinfo *), int flip)
{
	for (unsigned c = 0; c < ncols; c++)
		if (ci[c].role == R_NONE && ci[c].by_header == want && (!pred || (pred(&ci[c]) != flip)))
			return (int)c;
	return -1;
}

/* Every cell a short label: one paragraph of at most DD_NAME_MAX_WORDS
 * words, none a sentence ("OK", "Proxy Authentication Required",
 * "overLimit"). */
static int label_like(const colinfo *ci)
{
	return ci->filled && ci->sentences == 0 && ci->maxwords <= DD_NAME_MAX_WORDS;
}

static int is_long(const colinfo *ci)
{
	return !name_like(ci);
}

void rec_assign_roles(dd_doc *doc, const dd_table *t, colinfo *ci, unsigned key,
                         dd_diag_sink *diags, int *name_col, int *desc_col)
{
	unsigned nc = t->ncols;
	ci[key].role = R_KEY;
	int name = -1, desc = -1;
	unsigned ndesc_h = 0, nname_h = 0;
	for (unsigned c = 0; c < nc; c++) {
		if (c == key)
			continue;
		ndesc_h += ci[c].by_header == R_DESC;
		nname_h += ci[c].by_header == R_NAME;
	}

	if (nname_h == 0 && ndesc_h >= 2) {
		/* "Description | Meaning" or "Description | Description": the short one names. */
		name = pick(ci, nc, R_DESC, name_like, 0);
		if (name >= 0) {
			ci[name].role = R_NAME;
			dd_diag(diags, doc->src, ci[name].header_off, DD_NOTE, DD_N_COLUMN_ROLE,
			        "column %d '%s' holds short labels, so it is read as the name column; "
			        "the longer text under the other description header is the description",
			        name + 1, ci[name].header);
		}
	}
	unsigned ntext = 0;
	for (unsigned c = 0; c < nc; c++)
		ntext += c != key && ci[c].filled > 0;
	if (name < 0 && nname_h == 0 && ndesc_h == 1 && ntext == 1) {
		/* "Status Code | Description" over "200 | OK", "413 | overLimit": the
		 * table's one text column names the codes. */
		name = pick(ci, nc, R_DESC, label_like, 0);
		if (name >= 0) {
			ci[name].role = R_NAME;
			dd_diag(diags, doc->src, ci[name].header_off, DD_NOTE, DD_N_COLUMN_ROLE,
			        "column %d '%s' is the table's only text column and holds short labels "
			        "(no sentence, at most %d words), so it is read as the name column; the "
			        "table has no description",
			        name + 1, ci[name].header, DD_NAME_MAX_WORDS);
		}
	}
	if (name < 0)
		name = pick(ci, nc, R_NAME, name_like, 0);
	if (name < 0)
		name = pick(ci, nc, R_NAME, NULL, 0);
	if (name >= 0)
		ci[name].role = R_NAME;

	desc = pick(ci, nc, R_DESC, NULL, 0);
	if (desc < 0) {
		/* No description header: the column of sentences is. */
		int best = -1;
		for (unsigned c = 0; c < nc; c++)
			if (ci[c].role == R_NONE && is_long(&ci[c]) &&
			    (best < 0 || ci[c].words * ci[best].filled > ci[best].words * ci[c].filled))
				best = (int)c;
		if (best < 0 && name >= 0 && is_long(&ci[name]) && ci[name].by_header == R_NAME) {
			/* "Status Code | Message" where Message holds sentences. */
			best = name;
			ci[name].role = R_NONE;
			name = -1;
		}
		if (best >= 0) {
			desc = best;
			dd_diag(diags, doc->src, ci[desc].header_off, DD_NOTE, DD_N_COLUMN_ROLE,
			        "no description header; column %d '%s' holds sentences, so it is read "
			        "as the description",
			        desc + 1, ci[desc].header);
		}
	}
	if (desc >= 0)
		ci[desc].role = R_DESC;

	if (name < 0) {
		/* An unnamed short column left of the description names the code. */
		for (unsigned c = 0; c < nc; c++)
			if (ci[c].role == R_NONE && ci[c].by_header == R_NONE && name_like(&ci[c]) &&
			    ci[c].filled && (desc < 0 || (int)c < desc)) {
				name = (int)c;
				ci[c].role = R_NAME;
				dd_diag(diags, doc->src, ci[c].header_off, DD_NOTE, DD_N_COLUMN_ROLE,
				        "column %u '%s' holds short labels, so it is read as the name column",
				        c + 1, ci[c].header);
				break;
			}
	}
	*name_col = name;
	*desc_col = desc;
}

/* 1 when the cell's first paragraph is a status code ("404", "4xx") or a
 * code and its name ("200 OK"). */
int rec_cell_is_code(const dd_cell *cell)
{
	char key[4];
	if (!cell || !cell->npara)
		return 0;
	const dd_para *p = &cell->paras[0];
	return dd_key_parse(p->text, p->len, key) || rec_key_name_split(p->text, p->len, key) != 0;
}

/* The ranges HTTP status codes use: the registry's (RFC 9110) and the 4xx
 * and 5xx codes vendors add (441, 499, 520); a class row (4xx) too. Sizes,
 * quotas and prefix lengths (112, 128, 256, 600) fall outside. */
static int http_range(const char key[4])
{
	if (key[1] == 'x')
		return 1;
	int n = (key[0] - '0') * 100 + (key[1] - '0') * 10 + (key[2] - '0');
	return (n >= 100 && n <= 103) || (n >= 200 && n <= 226) || (n >= 300 && n <= 308) ||
	       (n >= 400 && n <= 599);
}

/* The reason phrases of the IANA registry (RFC 9110), and the RFC 2616
 * phrases it replaced that docs still use: a cell beside a code that names
 * it is evidence a writer accepts that the table is about status codes. */
static const struct phrase {
	unsigned short code;
	const char *text;
} phrases[] = {
	{100, "Continue"},
	{101, "Switching Protocols"},
	{102, "Processing"},
	{103, "Early Hints"},
	{104, "Upload Resumption Supported"},
	{200, "OK"},
	{201, "Created"},
	{202, "Accepted"},
	{203, "Non-Authoritative Information"},
	{204, "No Content"},
	{205, "Reset Content"},
	{206, "Partial Content"},
	{207, "Multi-Status"},
	{208, "Already Reported"},
	{226, "IM Used"},
	{300, "Multiple Choices"},
	{301, "Moved Permanently"},
	{302, "Found"},
	{302, "Moved Temporarily"},
	{303, "See Other"},
	{304, "Not Modified"},
	{305, "Use Proxy"},
	{306, "Switch Proxy"},
	{307, "Temporary Redirect"},
	{308, "Permanent Redirect"},
	{400, "Bad Request"},
	{401, "Unauthorized"},
	{402, "Payment Required"},
	{403, "Forbidden"},
	{404, "Not Found"},
	{405, "Method Not Allowed"},
	{406, "Not Acceptable"},
	{407, "Proxy Authentication Required"},
	{408, "Request Timeout"},
	{408, "Request Time-out"},
	{409, "Conflict"},
	{410, "Gone"},
	{411, "Length Required"},
	{412, "Precondition Failed"},
	{413, "Content Too Large"},
	{413, "Request Entity Too Large"},
	{413, "Payload Too Large"},
	{414, "URI Too Long"},
	{414, "Request-URI Too Large"},
	{414, "Request-URI Too Long"},
	{415, "Unsupported Media Type"},
	{416, "Range Not Satisfiable"},
	{416, "Requested Range Not Satisfiable"},
	{417, "Expectation Failed"},
	{418, "I'm a teapot"},
	{421, "Misdirected Request"},
	{422, "Unprocessable Content"},
	{422, "Unprocessable Entity"},
	{423, "Locked"},
	{424, "Failed Dependency"},
	{425, "Too Early"},
	{426, "Upgrade Required"},
	{428, "Precondition Required"},
	{429, "Too Many Requests"},
	{431, "Request Header Fields Too Large"},
	{451, "Unavailable For Legal Reasons"},
	{500, "Internal Server Error"},
	{501, "Not Implemented"},
	{502, "Bad Gateway"},
	{503, "Service Unavailable"},
	{504, "Gateway Timeout"},
	{504, "Gateway Time-out"},
	{505, "HTTP Version Not Supported"},
	{506, "Variant Also Negotiates"},
	{507, "Insufficient Storage"},
	{508, "Loop Detected"},
	{510, "Not Extended"},
	{510, "Not Extended"},
	{511, "Network Authentication Required"},
};

/* s in lower-case ASCII letters only ("Request Time-out" -> "requesttimeout",
 * "NoContent" -> "nocontent"), into buf[0, cap); its length. */
static size_t letters(const char *s, size_t n, char *buf, size_t cap)
{
	size_t k = 0;
	for (size_t i = 0; i < n && k + 1 < cap; i++)
		if (isalpha((unsigned char)s[i]))
			buf[k++] = (char)dd_ascii_lower((unsigned char)s[i]);
	buf[k] = '\0';
	return k;
}

/* 1 when text names the status code n (its registry phrase or an older one). */
static int names_code(unsigned n, const char *text, size_t len)
{
	char got[64], want[64];
	if (len >= sizeof got || !letters(text, len, got, sizeof got))
		return 0;
	for (size_t i = 0; i < sizeof phrases / sizeof phrases[0]; i++)
		if (phrases[i].code == n) {
			letters(phrases[i].text, strlen(phrases[i].text), want, sizeof want);
			if (strcmp(got, want) == 0)
				return 1;
		}
	return 0;
}

/* Slot of a parsed key in a seen-set: 0-499 for 100-599, 500-504 for 1xx-5xx. */
static unsigned code_slot(const char key[4])
{
	if (key[1] == 'x')
		return 500u + (unsigned)(key[0] - '1');
	return (unsigned)((key[0] - '1') * 100 + (key[1] - '0') * 10 + (key[2] - '0'));
}

/* Paragraphs of the cell that are codes on their own. */
static unsigned code_paras(const dd_cell *cell)
{
	char key[4];
	unsigned n = 0;
	for (unsigned k = 0; k < cell->npara; k++)
		n += dd_key_parse(cell->paras[k].text, cell->paras[k].len, key);
	return n;
}

/* Headers and content statistics of every column over rows [nhead, end). */
void rec_column_stats(const dd_table *t, unsigned nhead, unsigned end, colinfo *ci)
{
	char key[4];
	unsigned char seen[505];
	for (unsigned c = 0; c < t->ncols; c++) {
		memset(&ci[c], 0, sizeof ci[c]);
		memset(seen, 0, sizeof seen);
		column_header(t, nhead, c, &ci[c]);
		ci[c].by_header = header_role(ci[c].header);
		for (unsigned r = nhead; r < end; r++) {
			const dd_cell *cell = rec_origin_cell(t, r, c);
			if (!cell || !cell->npara || rec_is_section_row(t, r))
				continue;
			const dd_para *p = &cell->paras[0];
			ci[c].filled++;
			if (dd_key_parse(p->text, p->len, key) || rec_key_name_split(p->text, p->len, key)) {
				ci[c].codes++;
				ci[c].last_code = r + 1;
				ci[c].filled_to_last = ci[c].filled;
				if (http_range(key))
					ci[c].in_range++;
				else if (!ci[c].out_eg)
					ci[c].out_eg = p->text;
				if (!seen[code_slot(key)]++)
					ci[c].distinct++;
				if (code_paras(cell) > 1)
					ci[c].code_lists++;
			} else if (ident_like(p->text, p->len) && !ci[c].idents++) {
				ci[c].ident_eg = p->text;
			}
			unsigned w = 0;
			for (unsigned k = 0; k < cell->npara; k++)
				w += rec_count_words(cell->paras[k].text);
			ci[c].words += w;
			if (w > ci[c].maxwords)
				ci[c].maxwords = w;
			unsigned char c0 = (unsigned char)p->text[0];
			ci[c].wordy += isalpha(c0) || c0 >= 0x80;
			const dd_para *last = &cell->paras[cell->npara - 1];
			ci[c].sentences += last->len && (last->text[last->len - 1] == '.' || cell->npara > 1);
		}
	}
}

/* Rows [nhead, end) whose code in column key is named by the registry's
 * phrase in a cell of its row, or after the code in its own cell ("200 OK"). */
static unsigned named_rows(const dd_table *t, unsigned nhead, unsigned end, unsigned key)
{
	unsigned n = 0;
	char k[4];
	for (unsigned r = nhead; r < end; r++) {
		const dd_cell *kc = rec_origin_cell(t, r, key);
		if (!kc || !kc->npara)
			continue;
		const dd_para *kp = &kc->paras[0];
		size_t at = 0;
		if (!dd_key_parse(kp->text, kp->len, k) && !(at = rec_key_name_split(kp->text, kp->len, k)))
			continue;
		if (k[1] == 'x')
			continue;
		unsigned code = (unsigned)((k[0] - '0') * 100 + (k[1] - '0') * 10 + (k[2] - '0'));
		int hit = at && names_code(code, kp->text + at, kp->len - at);
		for (unsigned c = 0; c < t->ncols && !hit; c++) {
			const dd_cell *cell = c == key ? NULL : rec_origin_cell(t, r, c);
			hit = cell && cell->npara && names_code(code, cell->paras[0].text, cell->paras[0].len);
		}
		n += hit;
	}
	return n;
}

const char *rec_not_status_column(const dd_table *t, unsigned nhead, unsigned end,
                                  const colinfo *ci, unsigned key, char *buf, size_t cap)
{
	const colinfo *k = &ci[key];
	if (k->code_lists * 2 > k->codes) {
		snprintf(buf, cap, "column %u '%s' lists several codes per cell; they are not keys",
		         key + 1, k->header);
		return buf;
	}
	/* Codes that repeat are an attribute of rows keyed by another column:
	 * "Response Name | Default Status Code", an error code's status. */
	if (k->codes >= DD_KEY_REPEAT_MIN &&
	    (k->codes - k->distinct) * 100 > k->codes * DD_KEY_REPEAT_PCT) {
		snprintf(buf, cap,
		         "column %u '%s' repeats its codes (%u different among %u), so they are not "
		         "the table's keys",
		         key + 1, k->header, k->distinct, k->codes);
		return buf;
	}
	if (rec_is_key_header(k->header))
		return NULL;
	/* No status-code header: the content has to say it alone. */
	if (k->in_range < k->codes) {
		snprintf(buf, cap,
		         "column %u '%s' holds numbers that are no HTTP status code ('%s'), so it is a "
		         "column of figures",
		         key + 1, k->header, k->out_eg);
		return buf;
	}
	unsigned named = named_rows(t, nhead, end, key);
	if (named && named * 2 >= k->codes)
		return NULL; /* "200 | OK", "404 | Not Found" */
	int words = 0;
	for (unsigned c = 0; c < t->ncols && !words; c++)
		words = c != key && ci[c].filled && ci[c].wordy * 2 > ci[c].filled;
	if (k->distinct >= DD_KEY_MIN_CODES && words)
		return NULL;
	if (!words)
		snprintf(buf, cap,
		         "column %u '%s' is not headed as a status-code column and no column beside "
		         "it holds names or descriptions (words, not figures)",
		         key + 1, k->header);
	else
		snprintf(buf, cap,
		         "column %u '%s' is not headed as a status-code column, holds %u different "
		         "code%s (%d are needed without such a header) and no cell beside one names it "
		         "(as 'OK' names 200)",
		         key + 1, k->header, k->distinct, k->distinct == 1 ? "" : "s",
		         DD_KEY_MIN_CODES);
	return buf;
}

/* The column of most codes, or -1. Content decides; between columns with as
 * many codes, a key header does ("Status Code" beside a "Returned Value"
 * column of codes). */
int rec_choose_key(const colinfo *ci, unsigned nc)
{
	int key_col = -1;
	for (unsigned c = 0; c < nc; c++)
		if (ci[c].codes &&
		    (key_col < 0 || ci[c].codes > ci[key_col].codes ||
		     (ci[c].codes == ci[key_col].codes && header_is(ci[c].header, key_headers) &&
		      !header_is(ci[key_col].header, key_headers))))
			key_col = (int)c;
	return key_col;
}

/* The first of the nhead header rows that is data, or -1: its cell in the
 * key column (any column when key_col < 0) is a status code and none of its
 * cells is a known header. A pipe table always has a header row, so a
 * headerless one puts its first code there ("| 200 | OK | ... |" over the
 * delimiter row); an RST "+===+" or an HTML <thead> can do the same. */
int rec_code_header_row(const dd_table *t, unsigned nhead, int key_col)
{
	for (unsigned r = 0; r < nhead; r++) {
		int code = 0, known = 0;
		for (unsigned c = 0; c < t->ncols && !known; c++) {
			const dd_cell *cell = rec_origin_cell(t, r, c);
			if (!cell || !cell->npara)
				continue;
			known = header_role(cell->paras[0].text) != R_NONE;
			code |= (key_col < 0 || (int)c == key_col) && rec_cell_is_code(cell);
		}
		if (code && !known)
			return (int)r;
	}
	return -1;
}

int rec_is_key_header(const char *h)
{
	return header_is(h, key_headers);
}
