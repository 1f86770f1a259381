/* iana.c - the IANA HTTP Status Code Registry as a reference for names:
 * the registry's phrase per code, and why a name differs from it. The
 * tables are generated from the TSV files in data/ at build time (data/gen_iana.py). */
#include "reconcile_internal.h"

#include <string.h>

const char *dd_reason_name(dd_reason r)
{
	static const char *const names[] = {"none", "camelcase", "outdated", "case", "punctuation",
	                                    "wrong-phrase"};
	return r <= DD_REASON_WRONG ? names[r] : "?";
}

const char *dd_iana_phrase(const char *key)
{
	if (!key || strlen(key) != 3)
		return NULL;
	size_t lo = 0, hi = rc_iana_registry_n;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		int c = strcmp(rc_iana_registry[mid].code, key);
		if (c == 0)
			return rc_iana_registry[mid].phrase;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* A word with a lower-case letter followed by an upper-case one: "NoContent". */
static int camel(const dd_value *v)
{
	for (size_t i = 0; i < v->ntok; i++) {
		const dd_token *t = &v->tok[i];
		for (size_t k = 1; k < t->len; k++)
			if (t->text[k - 1] >= 'a' && t->text[k - 1] <= 'z' && t->text[k] >= 'A' &&
			    t->text[k] <= 'Z')
				return 1;
	}
	return 0;
}

/* The earlier RFC that gave b as code key's phrase: as written when exact
 * is set, else up to case, punctuation and spacing. */
static const char *superseded(dd_recon_ctx *c, const dd_value *sup, const char *key,
                              const dd_value *b, int exact)
{
	for (size_t i = 0; i < rc_iana_superseded_n; i++) {
		const rc_phrase *p = &rc_iana_superseded[i];
		if (strcmp(p->code, key) != 0)
			continue;
		if (exact ? sup[i].form == b->form : dd_classify(c, &sup[i], b, NULL) <= DD_CLASS_SPACING)
			return p->source;
	}
	return NULL;
}

const dd_value *rc_iana_superseded_values(dd_recon_ctx *c, dd_arena *ar)
{
	dd_value *v = dd_arena_alloc(ar, (rc_iana_superseded_n + 1) * sizeof *v);
	for (size_t i = 0; i < rc_iana_superseded_n; i++)
		dd_value_make(c, ar, &rc_iana_superseded[i].phrase, 1, &v[i]);
	return v;
}

dd_reason rc_iana_reason(dd_recon_ctx *c, const dd_value *sup, const char *key, const dd_value *a,
                         const dd_value *b, const char **phrase_of)
{
	if ((*phrase_of = superseded(c, sup, key, b, 1)) != NULL)
		return DD_REASON_OUTDATED;
	switch (dd_classify(c, a, b, NULL)) {
	case DD_CLASS_CASE:
		return DD_REASON_CASE;
	case DD_CLASS_SPACING:
		return camel(b) ? DD_REASON_CAMELCASE : DD_REASON_PUNCTUATION;
	case DD_CLASS_WHITESPACE:
	case DD_CLASS_PUNCTUATION:
		return DD_REASON_PUNCTUATION;
	default:
		break;
	}
	if ((*phrase_of = superseded(c, sup, key, b, 0)) != NULL)
		return DD_REASON_OUTDATED;
	return DD_REASON_WRONG;
}
