/* diff.c - Myers' O(ND) greedy forward search with a stored trace.
 *
 * E. W. Myers, "An O(ND) Difference Algorithm and Its Variations" (1986).
 * Common prefix and suffix are trimmed first; the search then stores the
 * furthest-reaching x of every diagonal at every step d, and walks back from
 * (N, M) to recover the script. D is bounded by DD_DIFF_MAX_D (diff.h). */
#include "reconcile_internal.h"

#include <stdlib.h>
#include <string.h>

static void emit(dd_script *s, dd_edit_op op, size_t a, size_t b, size_t len)
{
	if (len == 0)
		return;
	if (s->n && s->v[s->n - 1].op == op) {
		dd_edit *last = &s->v[s->n - 1];
		if ((op == DD_EDIT_EQ && last->a + last->len == a && last->b + last->len == b) ||
		    (op == DD_EDIT_DEL && last->a + last->len == a) ||
		    (op == DD_EDIT_INS && last->b + last->len == b)) {
			last->len += len;
			goto count;
		}
	}
	DD_GROW(s->v, s->n, s->cap);
	s->v[s->n++] = (dd_edit){op, a, b, len};
count:
	if (op == DD_EDIT_EQ)
		s->neq += len;
	else if (op == DD_EDIT_DEL)
		s->ndel += len;
	else
		s->nins += len;
}

/* Raw single-token moves, in reverse, collected during the backtrack. */
typedef struct move {
	int op;
	size_t x, y, len;
} move;

typedef struct moves {
	move *v;
	size_t n, cap;
} moves;

static void mpush(moves *m, int op, size_t x, size_t y, size_t len)
{
	DD_GROW(m->v, m->n, m->cap);
	m->v[m->n++] = (move){op, x, y, len};
}

/* Runs the search on the middle part; appends its moves (in forward order,
 * offset by off_a/off_b) to mv. Returns -1 when D would exceed the bound. */
static long search(const uint32_t *a, long n, const uint32_t *b, long m, moves *mv)
{
	long max = n + m;
	long dmax = max < DD_DIFF_MAX_D ? max : DD_DIFF_MAX_D;
	long *v = dd_xmalloc((size_t)(2 * dmax + 3) * sizeof *v);
	/* trace[d*d + (k + d)] = V[k] after step d, for k in [-d, d]. */
	size_t tcap = 1024;
	long *trace = dd_xmalloc(tcap * sizeof *trace);
	long off = dmax + 1, found = -1;
	v[off + 1] = 0;
	for (long d = 0; d <= dmax && found < 0; d++) {
		size_t need = (size_t)(d + 1) * (size_t)(d + 1);
		if (need > tcap) {
			while (tcap < need)
				tcap *= 2;
			trace = dd_xrealloc(trace, tcap * sizeof *trace);
		}
		for (long k = -d; k <= d; k += 2) {
			long x;
			if (k == -d || (k != d && v[off + k - 1] < v[off + k + 1]))
				x = v[off + k + 1];
			else
				x = v[off + k - 1] + 1;
			long y = x - k;
			while (x < n && y < m && a[x] == b[y]) {
				x++;
				y++;
			}
			v[off + k] = x;
			if (x >= n && y >= m)
				found = d;
		}
		for (long k = -d; k <= d; k++)
			trace[(size_t)(d * d + k + d)] = v[off + k];
	}
	free(v);
	if (found < 0) {
		free(trace);
		return -1;
	}
	size_t first = mv->n;
	long x = n, y = m;
	for (long d = found; d > 0; d--) {
		const long *p = trace + (d - 1) * (d - 1) + (d - 1); /* p[k] = V_{d-1}[k] */
		long k = x - y, pk;
		if (k == -d || (k != d && p[k - 1] < p[k + 1]))
			pk = k + 1;
		else
			pk = k - 1;
		long px = p[pk], py = px - pk;
		long sx = pk == k + 1 ? px : px + 1;
		if (x > sx)
			mpush(mv, DD_EDIT_EQ, (size_t)sx, (size_t)(sx - k), (size_t)(x - sx));
		if (pk == k + 1)
			mpush(mv, DD_EDIT_INS, (size_t)px, (size_t)py, 1);
		else
			mpush(mv, DD_EDIT_DEL, (size_t)px, (size_t)py, 1);
		x = px;
		y = py;
	}
	if (x > 0)
		mpush(mv, DD_EDIT_EQ, 0, 0, (size_t)x);
	free(trace);
	/* reverse into forward order */
	for (size_t i = first, j = mv->n - 1; i < j; i++, j--) {
		move t = mv->v[i];
		mv->v[i] = mv->v[j];
		mv->v[j] = t;
	}
	return found;
}

/* A lone insertion or deletion between equal runs can often sit at several
 * places ("x{+. y+}." vs "x. {+y.+}"); move it as late as it can go, which
 * keeps sentence ends and words together the way a reader expects. */
static void slide(dd_script *s, const uint32_t *a, const uint32_t *b)
{
	for (size_t i = 1; i + 1 < s->n; i++) {
		dd_edit *p = &s->v[i - 1], *e = &s->v[i], *q = &s->v[i + 1];
		if (e->op == DD_EDIT_EQ || p->op != DD_EDIT_EQ || q->op != DD_EDIT_EQ)
			continue;
		const uint32_t *seq = e->op == DD_EDIT_DEL ? a : b;
		size_t start = e->op == DD_EDIT_DEL ? e->a : e->b;
		while ((q->len > 1 || (q->len == 1 && i + 2 == s->n)) && seq[start] == seq[start + e->len]) {
			start++;
			e->a++;
			e->b++;
			p->len++;
			q->a++;
			q->b++;
			q->len--;
		}
		if (q->len == 0)
			s->n--;
	}
}

size_t dd_diff(const uint32_t *a, size_t na, const uint32_t *b, size_t nb, dd_script *s)
{
	s->n = s->neq = s->ndel = s->nins = 0;
	s->fallback = 0;
	size_t pre = 0;
	while (pre < na && pre < nb && a[pre] == b[pre])
		pre++;
	size_t suf = 0;
	while (suf < na - pre && suf < nb - pre && a[na - 1 - suf] == b[nb - 1 - suf])
		suf++;
	size_t n = na - pre - suf, m = nb - pre - suf;
	emit(s, DD_EDIT_EQ, 0, 0, pre);
	moves mv = {NULL, 0, 0};
	if (n && m && search(a + pre, (long)n, b + pre, (long)m, &mv) >= 0) {
		/* Between two equal runs, deletions and insertions are each one
		 * contiguous range: emit them as DEL then INS. */
		size_t i = 0;
		while (i < mv.n) {
			if (mv.v[i].op == DD_EDIT_EQ) {
				emit(s, DD_EDIT_EQ, pre + mv.v[i].x, pre + mv.v[i].y, mv.v[i].len);
				i++;
				continue;
			}
			size_t x0 = mv.v[i].x, y0 = mv.v[i].y, nd = 0, ni = 0;
			for (; i < mv.n && mv.v[i].op != DD_EDIT_EQ; i++) {
				if (mv.v[i].op == DD_EDIT_DEL)
					nd++;
				else
					ni++;
			}
			emit(s, DD_EDIT_DEL, pre + x0, pre + y0, nd);
			emit(s, DD_EDIT_INS, pre + x0 + nd, pre + y0, ni);
		}
	} else {
		if (n && m)
			s->fallback = 1;
		emit(s, DD_EDIT_DEL, pre, pre, n);
		emit(s, DD_EDIT_INS, pre + n, pre, m);
	}
	free(mv.v);
	emit(s, DD_EDIT_EQ, na - suf, nb - suf, suf);
	slide(s, a, b);
	return s->ndel + s->nins;
}

void dd_script_free(dd_script *s)
{
	if (!s)
		return;
	free(s->v);
	memset(s, 0, sizeof *s);
}

/* ---- rendering ---- */

#define RED "\033[31m"
#define GREEN "\033[32m"
#define RESET "\033[0m"

static int starts_para(const dd_token *t)
{
	return t->off == 0 && t->para > 0;
}

/* Token text, HTML-escaped in DD_DIFF_HTML mode. */
static void put_text(dd_buf *out, const char *t, size_t n, int mode)
{
	if (mode != DD_DIFF_HTML) {
		dd_buf_put(out, t, n);
		return;
	}
	for (size_t i = 0; i < n; i++)
		switch (t[i]) {
		case '&': dd_buf_puts(out, "&amp;"); break;
		case '<': dd_buf_puts(out, "&lt;"); break;
		case '>': dd_buf_puts(out, "&gt;"); break;
		case '"': dd_buf_puts(out, "&quot;"); break;
		default: dd_buf_putc(out, t[i]); break;
		}
}

/* space: whether the run's first token is preceded by a space (later ones
 * use their own). */
static void put_run(dd_buf *out, const dd_token *t, size_t len, int space, int *at_start,
                    const char *indent, int eq, int mode)
{
	for (size_t i = 0; i < len; i++) {
		if (t[i].kind == DD_TOK_BREAK) {
			if (eq) {
				dd_buf_puts(out, mode == DD_DIFF_HTML ? "<br>" : "\n");
				dd_buf_puts(out, indent);
				*at_start = 1;
				continue;
			}
			if (!*at_start)
				dd_buf_putc(out, ' ');
			dd_buf_puts(out, "\xC2\xB6");
			*at_start = 0;
			continue;
		}
		int sp = i ? t[i].space_before || starts_para(&t[i]) : space;
		if (!*at_start && sp)
			dd_buf_putc(out, ' ');
		put_text(out, t[i].text, t[i].len, mode);
		*at_start = 0;
	}
}

static int lead_space(const dd_token *t)
{
	return t->space_before || t->kind == DD_TOK_BREAK || starts_para(t);
}

static void put_hunk(dd_buf *out, const dd_edit *e, const dd_token *t, int inner_space, int mode,
                     const char *indent)
{
	static const char *const open[][2] = {{"[-", "{+"}, {RED, GREEN}, {"<del>", "<ins>"}};
	static const char *const close[][2] = {{"-]", "+}"}, {RESET, RESET}, {"</del>", "</ins>"}};
	int ins = e->op != DD_EDIT_DEL;
	dd_buf_puts(out, open[mode][ins]);
	if (inner_space)
		dd_buf_putc(out, ' ');
	int inner = 1;
	put_run(out, t, e->len, 0, &inner, indent, 0, mode);
	dd_buf_puts(out, close[mode][ins]);
}

void dd_diff_render(dd_buf *out, const dd_token *a, const dd_token *b, const dd_script *s,
                    int mode, const char *indent)
{
	int at_start = 1;
	if (!indent || mode == DD_DIFF_HTML)
		indent = "";
	if (mode < DD_DIFF_PLAIN || mode > DD_DIFF_HTML)
		mode = DD_DIFF_ANSI;
	for (size_t i = 0; i < s->n; i++) {
		const dd_edit *e = &s->v[i];
		if (e->op == DD_EDIT_EQ) {
			/* after a hunk, a space on either side keeps the words apart
			 * ("[-The-] Request", not "[-The-]Request") */
			const dd_token *ta = a + e->a, *tb = b + e->b;
			int sp = lead_space(tb) || (i > 0 && e->len && lead_space(ta));
			put_run(out, tb, e->len, sp, &at_start, indent, 1, mode);
			continue;
		}
		const dd_token *t = e->op == DD_EDIT_DEL ? a + e->a : b + e->b;
		if (e->op == DD_EDIT_DEL && i + 1 < s->n && s->v[i + 1].op == DD_EDIT_INS) {
			/* A replacement: a space both sides have goes before it; one
			 * only one side has goes inside that side's brackets, so a
			 * change of spacing stays visible ("([-such-]{+ such+}"). */
			const dd_token *u = b + s->v[i + 1].b;
			int sa = lead_space(t), sb = lead_space(u);
			if (!at_start && sa && sb)
				dd_buf_putc(out, ' ');
			if (mode == DD_DIFF_HTML) /* the page sets the pair apart */
				dd_buf_puts(out, "<span class=\"rep\">");
			put_hunk(out, e, t, !at_start && sa && !sb, mode, indent);
			put_hunk(out, &s->v[i + 1], u, !at_start && sb && !sa, mode, indent);
			if (mode == DD_DIFF_HTML)
				dd_buf_puts(out, "</span>");
			i++;
		} else {
			if (!at_start && lead_space(t))
				dd_buf_putc(out, ' ');
			put_hunk(out, e, t, 0, mode, indent);
		}
		at_start = 0;
	}
}
