/* rst_inline.c - RST inline markup removed from a paragraph (rst_cell.c
 * cuts a cell into paragraphs).
 *
 * Inline level, after docutils' recognition rules: a start-string must open
 * the text or follow whitespace, an opening bracket/quote or one of - / :,
 * and be followed by non-whitespace (and not by the closing partner of the
 * quote before it); an end-string must follow non-whitespace (unescaped) and
 * be followed by the end of text, whitespace or one of \ . , ; ! ? - / : and
 * closing brackets/quotes. Recognised, reduced to their text:
 *   **strong**  *emphasis*  ``literal``  `interpreted`  :role:`text`
 *   `interpreted`:role:  `text <target>`_  `phrase`_  `anonymous`__
 *   name_  name__  _`inline target`  \x (backslash escape; "\ " vanishes)
 * Roles and references with an embedded "<target>" give their text, or the
 * target when there is no text. |substitution| references are kept as written.
 * Anything else is text. Each kind of end-string is searched for at most once
 * to the end of the text without success, so a paragraph of a thousand lone
 * "*" stays linear. */
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "rst_internal.h"

#define NPOS ((size_t)-1)

enum { K_STRONG, K_EM, K_LITERAL, K_INTERP, K_SUBST, K_TARGET, K_COUNT };

typedef struct ictx {
	const char *s;
	size_t n;
	dd_buf *out;
	int *pend;
	unsigned char failed[K_COUNT];
} ictx;

static int32_t cp_at(const char *s, size_t n, size_t i, size_t *len)
{
	unsigned char b = (unsigned char)s[i];
	if (b < 0x80) {
		*len = 1;
		return b;
	}
	utf8proc_int32_t c;
	utf8proc_ssize_t k =
		utf8proc_iterate((const utf8proc_uint8_t *)s + i, (utf8proc_ssize_t)(n - i), &c);
	if (k <= 0) {
		*len = 1;
		return b;
	}
	*len = (size_t)k;
	return c;
}

static int32_t cp_before(const char *s, size_t n, size_t i)
{
	size_t j = i - 1, len;
	while (j > 0 && i - j < 4 && ((unsigned char)s[j] & 0xC0) == 0x80)
		j--;
	return cp_at(s, n, j, &len);
}

static int is_ws(int32_t c)
{
	if (c < 0x80)
		return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
	return utf8proc_category(c) == UTF8PROC_CATEGORY_ZS || c == 0x2028 || c == 0x2029;
}

static int is_word(int32_t c)
{
	if (c < 0x80)
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
	utf8proc_category_t k = utf8proc_category(c);
	return k >= UTF8PROC_CATEGORY_LU && k <= UTF8PROC_CATEGORY_NO;
}

/* May inline markup start after c? Not after a backslash: docutils lists it
 * among the delimiters, but in its regular expression's character class
 * "\\-" is a '-', so "\\\\*x*" (an escaped backslash, then *x*) is no emphasis. */
static int prefix_ok(int32_t c)
{
	if (c < 0x80)
		return is_ws(c) || (c && strchr("\"'(<[{-/:", (int)c) != NULL);
	if (is_ws(c))
		return 1;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_PS || k == UTF8PROC_CATEGORY_PI ||
	       k == UTF8PROC_CATEGORY_PF || k == UTF8PROC_CATEGORY_PD ||
	       k == UTF8PROC_CATEGORY_PO;
}

/* May inline markup end before c? */
static int suffix_ok_cp(int32_t c)
{
	if (c < 0x80)
		return is_ws(c) || (c && strchr("\"')>]}\\.,;!?-/:", (int)c) != NULL);
	if (is_ws(c))
		return 1;
	utf8proc_category_t k = utf8proc_category(c);
	return k == UTF8PROC_CATEGORY_PE || k == UTF8PROC_CATEGORY_PI ||
	       k == UTF8PROC_CATEGORY_PF || k == UTF8PROC_CATEGORY_PD ||
	       k == UTF8PROC_CATEGORY_PO;
}

static int suffix_ok(const ictx *c, size_t j)
{
	size_t len;
	return j >= c->n || suffix_ok_cp(cp_at(c->s, c->n, j, &len));
}

static int start_ok(const ictx *c, size_t i)
{
	return i == 0 || prefix_ok(cp_before(c->s, c->n, i));
}

/* Start-string s[i, i+k) is followed by non-whitespace, and not by the
 * closing partner of an opening quote just before it. */
static int after_start_ok(const ictx *c, size_t i, size_t k)
{
	if (i + k >= c->n)
		return 0;
	size_t len;
	int32_t next = cp_at(c->s, c->n, i + k, &len);
	if (is_ws(next))
		return 0;
	if (i > 0) {
		static const char open[] = "'\"([{<", close[] = "'\")]}>";
		const char *o = memchr(open, c->s[i - 1], sizeof open - 1);
		if (o && c->s[i + k] == close[o - open])
			return 0;
	}
	return 1;
}

static void put(ictx *c, size_t a, size_t b)
{
	if (b > a)
		dd_buf_put_collapsed(c->out, c->s + a, b - a, c->pend);
}

/* s[a, b) with backslash escapes resolved: "\x" -> "x", "\ " -> "". */
static void put_unescaped(ictx *c, size_t a, size_t b)
{
	size_t run = a;
	for (size_t i = a; i < b; i++) {
		if (c->s[i] != '\\')
			continue;
		put(c, run, i);
		if (i + 1 >= b) {
			run = b;
			break;
		}
		i++;
		run = dd_is_space((unsigned char)c->s[i]) ? i + 1 : i;
	}
	put(c, run, b);
}

static size_t simplename_end(const ictx *c, size_t i)
{
	size_t len;
	size_t j = i;
	while (j < c->n && is_word(cp_at(c->s, c->n, j, &len)))
		j += len;
	if (j == i)
		return i;
	while (j + 1 < c->n && strchr("-._+:", c->s[j]) && is_word(cp_at(c->s, c->n, j + 1, &len))) {
		j += 1 + len;
		while (j < c->n && is_word(cp_at(c->s, c->n, j, &len)))
			j += len;
	}
	return j;
}

/* First end-string str (k bytes) at or after from that follows
 * non-whitespace and precedes an end-suffix; escaped pairs are skipped when
 * esc. NPOS when none; the kind is then marked failed for good. */
static size_t find_end(ictx *c, int kind, size_t from, const char *str, size_t k, int esc)
{
	if (c->failed[kind])
		return NPOS;
	for (size_t j = from; j + k <= c->n; j++) {
		char ch = c->s[j];
		if (esc && ch == '\\') {
			j++;
			continue;
		}
		if (ch == str[0] && memcmp(c->s + j, str, k) == 0 && j > 0 &&
		    !dd_is_space((unsigned char)c->s[j - 1]) && suffix_ok(c, j + k))
			return j;
	}
	c->failed[kind] = 1;
	return NPOS;
}

/* Closing backtick of interpreted text at j: the optional ":role:" and "_"
 * or "__" after it, then an end-suffix. Returns the end of the suffix or
 * NPOS; *role_a..*role_b is the role name, *ref set for a reference. */
static size_t interp_close(const ictx *c, size_t j, size_t *role_a, size_t *role_b, int *ref)
{
	size_t q = j + 1;
	size_t ra = 0, rb = 0;
	if (q < c->n && c->s[q] == ':') {
		size_t e = simplename_end(c, q + 1);
		if (e > q + 1 && e < c->n && c->s[e] == ':') {
			ra = q + 1;
			rb = e;
		}
	}
	for (int with_role = rb ? 1 : 0; with_role >= 0; with_role--) {
		size_t base = with_role ? rb + 1 : q;
		for (int u = 2; u >= 0; u--) {
			size_t e = base;
			int okk = 1;
			for (int t = 0; t < u; t++)
				if (e < c->n && c->s[e] == '_')
					e++;
				else
					okk = 0;
			if (okk && suffix_ok(c, e)) {
				*role_a = with_role ? ra : 0;
				*role_b = with_role ? rb : 0;
				*ref = u > 0;
				return e;
			}
		}
	}
	return NPOS;
}

static size_t find_interp_end(ictx *c, size_t from, size_t *role_a, size_t *role_b, int *ref,
                              size_t *close)
{
	if (c->failed[K_INTERP])
		return NPOS;
	for (size_t j = from; j < c->n; j++) {
		char ch = c->s[j];
		if (ch == '\\') {
			j++;
			continue;
		}
		if (ch != '`' || dd_is_space((unsigned char)c->s[j - 1]))
			continue;
		size_t e = interp_close(c, j, role_a, role_b, ref);
		if (e != NPOS) {
			*close = j;
			return e;
		}
	}
	c->failed[K_INTERP] = 1;
	return NPOS;
}

/* Interpreted text / phrase reference content [a, b): "text <target>"
 * gives text (or target when text is empty). */
static void put_interp(ictx *c, size_t a, size_t b, int linkish)
{
	if (linkish && b > a && c->s[b - 1] == '>') {
		size_t lt = b - 1;
		while (lt > a && c->s[lt - 1] != '<')
			lt--;
		if (lt > a && c->s[lt - 1] == '<' && (lt - 1 == a || dd_is_space((unsigned char)c->s[lt - 2])) &&
		    !(lt - 1 > a && c->s[lt - 2] == '\\')) {
			size_t te = lt - 1;
			while (te > a && dd_is_space((unsigned char)c->s[te - 1]))
				te--;
			if (te > a)
				put_unescaped(c, a, te);
			else
				put_unescaped(c, lt, b - 1);
			return;
		}
	}
	put_unescaped(c, a, b);
}

/* Tries inline markup starting at i (start rules already hold). Returns the
 * offset after it, having emitted its text, or NPOS. *run is flushed first. */
static size_t markup(ictx *c, size_t i, size_t *run)
{
	const char *s = c->s;
	size_t n = c->n;
	char ch = s[i];
	if (ch == '*') {
		int strong = i + 1 < n && s[i + 1] == '*';
		size_t k = strong ? 2 : 1;
		if (!after_start_ok(c, i, k))
			return NPOS;
		size_t j = find_end(c, strong ? K_STRONG : K_EM, i + k, strong ? "**" : "*", k, 1);
		if (j == NPOS || j == i + k)
			return NPOS;
		put(c, *run, i);
		put_unescaped(c, i + k, j);
		return j + k;
	}
	if (ch == '`' && i + 1 < n && s[i + 1] == '`') {
		if (!after_start_ok(c, i, 2))
			return NPOS;
		size_t j = find_end(c, K_LITERAL, i + 2, "``", 2, 0);
		if (j == NPOS || j == i + 2)
			return NPOS;
		put(c, *run, i);
		put(c, i + 2, j);
		return j + 2;
	}
	if (ch == '`' || ch == ':') {
		size_t bq = i, pra = 0, prb = 0;
		if (ch == ':') {
			size_t e = simplename_end(c, i + 1);
			if (e == i + 1 || e + 1 >= n || s[e] != ':' || s[e + 1] != '`' ||
			    (e + 2 < n && s[e + 2] == '`'))
				return NPOS;
			pra = i + 1;
			prb = e;
			bq = e + 1;
		}
		if (!after_start_ok(c, bq, 1))
			return NPOS;
		size_t ra, rb, close;
		int ref;
		size_t e = find_interp_end(c, bq + 1, &ra, &rb, &ref, &close);
		if (e == NPOS || close == bq + 1)
			return NPOS;
		put(c, *run, i);
		put_interp(c, bq + 1, close, ref || prb > pra || rb > ra);
		return e;
	}
	if (ch == '_' && i + 1 < n && s[i + 1] == '`') {
		if (!after_start_ok(c, i, 2))
			return NPOS;
		size_t j = find_end(c, K_TARGET, i + 2, "`", 1, 1);
		if (j == NPOS || j == i + 2)
			return NPOS;
		put(c, *run, i);
		put_unescaped(c, i + 2, j);
		return j + 1;
	}
	if (ch == '|') {
		if ((i + 1 < n && s[i + 1] == '|') || !after_start_ok(c, i, 1) || c->failed[K_SUBST])
			return NPOS;
		for (size_t j = i + 2; j < n; j++) {
			if (s[j] == '\\') {
				j++;
				continue;
			}
			if (s[j] != '|' || dd_is_space((unsigned char)s[j - 1]))
				continue;
			size_t e = j + 1;
			for (int t = 0; t < 2 && e < n && s[e] == '_'; t++)
				e++;
			if (!suffix_ok(c, e))
				continue;
			put(c, *run, i);
			put(c, i, j + 1);
			return e;
		}
		c->failed[K_SUBST] = 1;
		return NPOS;
	}
	return NPOS;
}

void rst_inline(const char *s, size_t n, dd_buf *out, int *pending)
{
	ictx c = {s, n, out, pending, {0}};
	size_t i = 0, run = 0;
	/* Most text is words and punctuation, where nothing can start: markup
	 * needs a '\\' (an escape), a '`' (literals, interpreted text, roles:
	 * ':' alone is text), a '_' (name_ references, _`targets`), or two '*'
	 * or two '|' (start and end). Without a '_' no word is a name_ reference
	 * either (nor can markup start inside a word: it needs a non-word byte
	 * before it). */
	enum { I_ACTIVE = 1, I_UNDERSCORE, I_STAR, I_BAR };
	static const unsigned char kind[256] = {
		['\\'] = I_ACTIVE, ['`'] = I_ACTIVE, ['_'] = I_UNDERSCORE, ['*'] = I_STAR, ['|'] = I_BAR,
	};
	size_t stars = 0, bars = 0;
	int active = 0, underscore = 0;
	for (size_t k = 0; k < n; k++) {
		unsigned char t = kind[(unsigned char)s[k]];
		if (!t)
			continue;
		active |= t <= I_UNDERSCORE;
		underscore |= t == I_UNDERSCORE;
		stars += t == I_STAR;
		bars += t == I_BAR;
	}
	if (!active && stars < 2 && bars < 2) {
		put(&c, 0, n);
		return;
	}
	while (i < n) {
		unsigned char ch = (unsigned char)s[i];
		if (ch == '\\') {
			put(&c, run, i);
			if (i + 1 >= n) {
				run = i = n;
				break;
			}
			i++;
			run = dd_is_space((unsigned char)s[i]) ? i + 1 : i;
			i++;
			continue;
		}
		if (ch == '*' || ch == '`' || ch == '_' || ch == '|' || ch == ':') {
			if (start_ok(&c, i)) {
				size_t e = markup(&c, i, &run);
				if (e != NPOS) {
					i = run = e;
					continue;
				}
			}
			i++;
			continue;
		}
		size_t len;
		if (!underscore || (ch < 0x80 && !is_word(ch)) || !start_ok(&c, i) ||
		    !is_word(cp_at(s, n, i, &len))) {
			i++;
			continue;
		}
		/* name_ / name__ reference */
		size_t e = simplename_end(&c, i);
		size_t q = i;
		while (q < e && s[q] != '_')
			q++;
		for (;;) {
			/* q: an internal '_' or e */
			if (q < n && s[q] == '_') {
				size_t after = q + 1 < n && s[q + 1] == '_' ? q + 2 : q + 1;
				if (suffix_ok(&c, after)) {
					put(&c, run, q);
					i = run = after;
					goto next;
				}
			}
			if (q >= e)
				break;
			q++;
			while (q < e && s[q] != '_')
				q++;
		}
		i = e;
	next:;
	}
	put(&c, run, n);
}
