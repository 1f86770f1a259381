/* sarif.c - SARIF 2.1.0 as GitHub code scanning takes it: one rule per
 * difference class, one result per finding, one result per line. The head
 * (the rules) is a jansson tree, small; the results, the bulk, go out one
 * by one through the streaming writer (core.h dd_json). */
#include "report_internal.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#ifndef DD_HOMEPAGE
#define DD_HOMEPAGE "https://github.com/docdrift/docdrift"
#endif

#define SARIF_SCHEMA \
	"https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
#define FP_KEY "docdriftFingerprint/v1"
#define MARK "@@docdrift-results@@"

/* What each class means, by name (so classes added later fall back to a
 * generic text until they get a line here). */
static const struct {
	const char *cls, *name, *brief, *full;
} rule_text[] = {
	{"missing", "MissingCode", "A code or a cell that the other variants have is missing",
	 "The variant has no row for a status code most variants list, or its cell for the field is "
	 "empty."},
	{"extra", "ExtraCode", "A code only a minority of the variants lists",
	 "Fewer than half the variants list this status code: either it is missing from the others "
	 "or it should not be here."},
	{"whitespace", "WhitespaceDifference", "The wording differs only in white space",
	 "The text is the canonical wording with other spacing around words or punctuation."},
	{"paragraphing", "ParagraphingDifference", "The wording is split into paragraphs differently",
	 "The words are the canonical ones, but the paragraph breaks differ."},
	{"case", "CaseDifference", "The wording differs only in letter case",
	 "The text is the canonical wording with other capitalisation."},
	{"punctuation", "PunctuationDifference", "The wording differs only in punctuation",
	 "The words are the canonical ones; punctuation was added, removed or changed."},
	{"spacing", "SpacingDifference", "A word is split or joined (NoContent / No Content)",
	 "The same letters, split into words differently."},
	{"truncation", "TruncatedText", "The text is the canonical wording cut short",
	 "The variant's text is a prefix of the canonical wording: the rest is missing."},
	{"substitution", "SubstitutedWords", "A few words are replaced",
	 "At most a few tokens are replaced and most of the text is the canonical wording."},
	{"rewording", "RewordedText", "The text is worded differently",
	 "The variant says it in other words; the similarity figure tells how far it is from the "
	 "canonical wording."},
	{"addition", "AddedWords", "Words were added to the canonical wording",
	 "The variant has the canonical wording plus words of its own."},
	{"omission", "OmittedWords", "Words of the canonical wording are left out",
	 "The variant has the canonical wording with some words removed."},
	{"reference", "NotRegistryPhrase", "A name is not the IANA registry's phrase",
	 "With --reference iana, the name differs from the registry's reason phrase: CamelCase, an "
	 "RFC 2616 phrase the registry has since replaced, other case or punctuation, or another "
	 "phrase."},
	{"changed", "StatusChanged", "An error code is returned with another HTTP status",
	 "The variant gives this error code another HTTP status code than the canonical one (429 "
	 "where the others say 503): a client handles the two differently, so this is not a matter "
	 "of wording."},
};

static size_t rule_of(dd_class c)
{
	for (size_t i = 0; i < sizeof rule_text / sizeof *rule_text; i++)
		if (strcmp(rule_text[i].cls, dd_class_name(c)) == 0)
			return i;
	return (size_t)-1;
}

static const char *sarif_level(dd_level l)
{
	return l == DD_LEVEL_NONE ? "none" : dd_level_name(l);
}

static json_t *text(const char *s)
{
	json_t *o = json_object();
	json_object_set_new(o, "text", json_string(s));
	return o;
}

static json_t *rules_json(const dd_gate *g)
{
	json_t *rules = json_array();
	for (int c = DD_CLASS_NONE + 1; c < DD_CLASS_COUNT; c++) {
		size_t k = rule_of((dd_class)c);
		const char *cls = dd_class_name((dd_class)c);
		json_t *r = json_object();
		dd_buf b = DD_BUF_INIT;
		json_object_set_new(r, "id", json_string(cls));
		if (k != (size_t)-1) /* SARIF: a name, when given, must differ from the id */
			json_object_set_new(r, "name", json_string(rule_text[k].name));
		dd_buf_printf(&b, "%s", k != (size_t)-1 ? rule_text[k].brief : cls);
		json_object_set_new(r, "shortDescription", text(b.ptr));
		dd_buf_reset(&b);
		dd_buf_printf(&b, "%s", k != (size_t)-1 ? rule_text[k].full : cls);
		json_object_set_new(r, "fullDescription", text(b.ptr));
		dd_buf_printf(&b, " Bring the variant's wording in line with the canonical one (the "
		              "wording most variants share), or, if the variant is right, fix the "
		              "others. Accepted drift goes in the baseline (docdrift baseline), or in "
		              "a [suppress NAME] section of .docdrift.ini with a reason.");
		json_t *help = text(b.ptr);
		json_object_set_new(r, "help", help);
		json_t *dc = json_object();
		json_object_set_new(dc, "level", json_string(sarif_level(g->p->level[c])));
		json_object_set_new(r, "defaultConfiguration", dc);
		json_array_append_new(rules, r);
		dd_buf_free(&b);
	}
	return rules;
}

/* A relative path percent-encoded as a URI reference; an absolute path as
 * a file: URI. */
static char *path_uri(const char *path)
{
	dd_buf b = DD_BUF_INIT;
	if (path[0] == '/')
		dd_buf_puts(&b, "file://");
	static const char hex[] = "0123456789ABCDEF";
	for (const char *p = path; *p;) {
		/* runs of unreserved characters (and '/') at once: this is per result */
		size_t n = strspn(p, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~/");
		dd_buf_put(&b, p, n);
		p += n;
		if (*p) {
			unsigned char c = (unsigned char)*p++;
			char esc[3] = {'%', hex[c >> 4], hex[c & 15]};
			dd_buf_put(&b, esc, 3);
		}
	}
	return b.ptr ? b.ptr : dd_xstrdup("");
}

static void text_json(dd_json *w, const char *key, const char *s)
{
	dd_json_obj(w, key);
	dd_json_str(w, "text", s);
	dd_json_end(w);
}

/* A location object, opened (the caller may add members) but not closed. */
static void location(dd_json *w, const char *identity, unsigned line, unsigned col,
                     unsigned end_col)
{
	dd_json_obj(w, NULL);
	dd_json_obj(w, "physicalLocation");
	dd_json_obj(w, "artifactLocation");
	char *uri = path_uri(identity);
	dd_json_str(w, "uri", uri);
	free(uri);
	if (identity[0] != '/')
		dd_json_str(w, "uriBaseId", "%SRCROOT%");
	dd_json_end(w);
	dd_json_obj(w, "region");
	dd_json_int(w, "startLine", line ? line : 1);
	dd_json_int(w, "startColumn", line ? col : 1);
	dd_json_int(w, "endLine", line ? line : 1);
	dd_json_int(w, "endColumn", line ? end_col : 1);
	dd_json_end(w);
	dd_json_end(w);
}

/* A SARIF message is Markdown-like: '[' and ']' outside a link are escaped. */
static void put_escaped(dd_buf *out, const char *s, size_t n)
{
	for (const char *e = s + n; s < e;) {
		const char *q = s;
		while (q < e && *q != '[' && *q != ']' && *q != '\\')
			q++;
		dd_buf_put(out, s, (size_t)(q - s));
		if (q == e)
			break;
		char esc[2] = {'\\', *q};
		dd_buf_put(out, esc, 2);
		s = q + 1;
	}
}

/* One result, compact, after the separator (results go out one per line,
 * as they are made: the bytes of jansson's compact dump of each). */
static void result_json(const dd_gate *g, const dd_gate_item *it, size_t rule_index, dd_buf *out)
{
	dd_json w;
	dd_json_init(&w, out, DD_JSON_COMPACT);
	dd_json_obj(&w, NULL);
	const dd_finding *fd = it->fd;
	dd_json_str(&w, "ruleId", dd_class_name(fd->cls));
	dd_json_int(&w, "ruleIndex", (long long)rule_index);
	dd_json_str(&w, "level", sarif_level(it->level));
	const dd_record *canon = dd_rep_canon_rec(g, it);
	dd_buf m = DD_BUF_INIT, msg = DD_BUF_INIT;
	dd_rep_message(g, it, &m);
	/* the canonical wording links to its related location */
	const char *link = canon ? strstr(m.ptr, "canonical") : NULL;
	if (link) {
		size_t n = strcspn(link, " (");
		if (strncmp(link, "canonical wording", 17) == 0)
			n = 17;
		put_escaped(&msg, m.ptr, (size_t)(link - m.ptr));
		dd_buf_putc(&msg, '[');
		put_escaped(&msg, link, n);
		dd_buf_puts(&msg, "](1)");
		put_escaped(&msg, link + n, strlen(link + n));
	} else {
		put_escaped(&msg, m.ptr, m.len);
		if (canon)
			dd_buf_puts(&msg, " ([a variant that has it](1))");
	}
	dd_buf_reset(&m);
	dd_rep_diff(g, it, &m);
	if (m.len) {
		dd_buf_puts(&msg, ". Diff from the canonical wording: ");
		put_escaped(&msg, m.ptr, m.len);
	} else
		dd_buf_putc(&msg, '.');
	text_json(&w, "message", msg.ptr);
	dd_buf_free(&m);
	dd_buf_free(&msg);
	dd_rep_loc loc;
	dd_rep_where(g, it, &loc);
	dd_json_arr(&w, "locations");
	location(&w, loc.identity, loc.line, loc.col, loc.end_col);
	dd_json_end(&w);
	dd_json_end(&w);
	if (canon) {
		dd_json_arr(&w, "relatedLocations");
		location(&w, dd_identity(g->arena, g->root, canon->file), canon->line, canon->column,
		         canon->column + (unsigned)strlen(canon->key));
		dd_json_int(&w, "id", 1);
		text_json(&w, "message",
		          fd->field >= 0 ? "the canonical wording" : "a variant that has the code");
		dd_json_end(&w);
		dd_json_end(&w);
	}
	dd_json_obj(&w, "partialFingerprints");
	dd_json_str(&w, FP_KEY, it->fp);
	dd_json_end(&w);
	if (g->base)
		dd_json_str(&w, "baselineState", it->state == DD_GATE_NEW ? "new" : "unchanged");
	if (it->state == DD_GATE_ACCEPTED || it->state == DD_GATE_SUPPRESSED) {
		dd_json_arr(&w, "suppressions");
		dd_json_obj(&w, NULL);
		dd_json_str(&w, "kind", "external");
		dd_json_str(&w, "status", "accepted");
		dd_buf j = DD_BUF_INIT;
		if (it->state == DD_GATE_SUPPRESSED)
			dd_buf_printf(&j, "[suppress %s] in %s: %s", it->supp->name, it->supp->file,
			              it->supp->reason);
		else
			dd_buf_printf(&j, "accepted in the baseline %s", g->base->path);
		dd_json_str(&w, "justification", j.ptr);
		dd_buf_free(&j);
		dd_json_end(&w);
		dd_json_end(&w);
	}
	dd_json_end(&w);
}

static void fixed_json(const dd_gate *g, const dd_base_entry *e, dd_buf *out)
{
	dd_json w;
	dd_json_init(&w, out, DD_JSON_COMPACT);
	dd_json_obj(&w, NULL);
	dd_class c;
	dd_json_str(&w, "ruleId", e->cls);
	if (dd_class_parse(e->cls, &c) == 0)
		dd_json_int(&w, "ruleIndex", c - 1);
	dd_json_str(&w, "level", "none");
	dd_buf m = DD_BUF_INIT;
	dd_buf_printf(&m, "Fixed: %s %s%s(%s) is in the baseline %s but no longer found.", e->code,
	              e->field, *e->field ? " " : "", e->cls, g->base->path);
	text_json(&w, "message", m.ptr);
	dd_buf_free(&m);
	dd_json_arr(&w, "locations");
	location(&w, e->file, 0, 0, 0);
	dd_json_end(&w);
	dd_json_end(&w);
	dd_json_obj(&w, "partialFingerprints");
	dd_json_str(&w, FP_KEY, e->fingerprint);
	dd_json_end(&w);
	dd_json_str(&w, "baselineState", "absent");
	dd_json_end(&w);
}

static void put_sep(int *first, dd_buf *out)
{
	dd_buf_puts(out, *first ? "\n        " : ",\n        ");
	*first = 0;
}

void dd_report_sarif(const dd_gate *g, const dd_report_opts *o, dd_buf *out, FILE *spill)
{
	json_t *root = json_object();
	json_object_set_new(root, "$schema", json_string(SARIF_SCHEMA));
	json_object_set_new(root, "version", json_string("2.1.0"));
	json_t *run = json_object();
	json_t *tool = json_object(), *driver = json_object();
	json_object_set_new(driver, "name", json_string("docdrift"));
	json_object_set_new(driver, "semanticVersion", json_string(DD_VERSION));
	json_object_set_new(driver, "informationUri", json_string(DD_HOMEPAGE));
	json_object_set_new(driver, "rules", rules_json(g));
	json_object_set_new(tool, "driver", driver);
	json_object_set_new(run, "tool", tool);
	json_object_set_new(run, "columnKind", json_string("unicodeCodePoints"));
	json_object_set_new(run, "results", json_string(MARK));
	json_t *runs = json_array();
	json_array_append_new(runs, run);
	json_object_set_new(root, "runs", runs);
	char *s = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	json_decref(root);
	if (!s)
		dd_fatal_oom();
	char *mark = strstr(s, "\"" MARK "\"");
	if (!mark)
		dd_fatal("unexpected JSON layout from jansson");
	dd_buf_put(out, s, (size_t)(mark - s));
	dd_buf_putc(out, '[');
	int first = 1;
	for (size_t i = 0; i < g->n; i++) {
		const dd_gate_item *it = &g->items[i];
		if (!o->include_accepted &&
		    (it->state == DD_GATE_ACCEPTED || it->state == DD_GATE_SUPPRESSED))
			continue;
		dd_rep_spill(out, spill);
		put_sep(&first, out);
		result_json(g, it, (size_t)it->fd->cls - 1, out);
	}
	for (size_t i = 0; o->include_accepted && i < g->nfixed; i++) {
		put_sep(&first, out);
		fixed_json(g, g->fixed[i], out);
	}
	dd_buf_puts(out, first ? "]" : "\n      ]");
	dd_buf_puts(out, mark + strlen("\"" MARK "\""));
	dd_buf_putc(out, '\n');
	free(s);
}
