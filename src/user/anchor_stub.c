/* anchor_stub.c — TEMPORARY: a minimal anchor.h until branch notes-anchor
 * (src/user/anchor.c) is merged; then this file is deleted.  Exact matches
 * only, no context scoring. */
#include "anli/anchor.h"
#include "anli/util.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

int anchor_cplen(const char *s)
{
	return (int)u8_mbsnlen((const uint8_t *)s, strlen(s));
}

static int cp_at(const char *text, const char *p)
{
	return (int)u8_mbsnlen((const uint8_t *)text, (size_t)(p - text));
}

int anchor_make(const char *text, int start, int len, struct anchor_sel *sel)
{
	int n = anchor_cplen(text);
	if (start < 0 || len < 0 || start + len > n) {
		sel->quote = xstrdup("");
		sel->prefix = xstrdup("");
		sel->suffix = xstrdup("");
		sel->offset = 0;
		return -1;
	}
	int ps = start > ANCHOR_CONTEXT ? start - ANCHOR_CONTEXT : 0;
	size_t a = util_utf8_skip(text, (size_t)ps), b = util_utf8_skip(text, (size_t)start),
	       c = util_utf8_skip(text, (size_t)(start + len)), d = util_utf8_skip(text, (size_t)(start + len + ANCHOR_CONTEXT));
	sel->prefix = xstrndup(text + a, b - a);
	sel->quote = xstrndup(text + b, c - b);
	sel->suffix = xstrndup(text + c, d - c);
	sel->offset = start;
	return 0;
}

void anchor_sel_free(struct anchor_sel *sel)
{
	free(sel->quote);
	free(sel->prefix);
	free(sel->suffix);
	sel->quote = sel->prefix = sel->suffix = NULL;
}

int anchor_find_typed(const char *text, const char *typed, int **start, int **len, int *n)
{
	*start = *len = NULL;
	*n = 0;
	if (!*typed)
		return -1;
	int ql = anchor_cplen(typed);
	for (const char *p = strstr(text, typed); p; p = strstr(p + strlen(typed), typed)) {
		*start = xrealloc(*start, sizeof **start * (size_t)(*n + 1));
		*len = xrealloc(*len, sizeof **len * (size_t)(*n + 1));
		(*start)[*n] = cp_at(text, p);
		(*len)[*n] = ql;
		(*n)++;
	}
	return 0;
}

static int holds3(const char *t, const char *a, const char *b, const char *c)
{
	size_t n = strlen(a) + strlen(b) + strlen(c);
	char *s = xmalloc(n + 1);
	strcpy(s, a);
	strcat(s, b);
	strcat(s, c);
	int r = strstr(t, s) != NULL;
	free(s);
	return r;
}

void anchor_resolve(const char *const *text, int n, int home, const struct anchor_sel *sel, int kind, const char *fix,
		    struct anchor_result *r)
{
	r->state = ANCHOR_ORPHANED;
	r->block = -1;
	r->start = 0;
	r->applied = 0;
	r->applied_block = -1;
	if (!*sel->quote) {
		if (home >= 0) {
			r->state = ANCHOR_EXACT;
			r->block = home;
		}
	} else {
		for (int k = -1; k < n && r->block < 0; k++) {
			int b = k < 0 ? home : k;
			if (b < 0 || (k >= 0 && k == home))
				continue;
			const char *p = strstr(text[b], sel->quote);
			if (!p)
				continue;
			r->block = b;
			r->start = cp_at(text[b], p);
			r->state = b == home && r->start == sel->offset ? ANCHOR_EXACT : ANCHOR_MOVED;
		}
	}
	if (kind == ANCHOR_QUERY)
		return;
	const char *f = fix ? fix : "";
	for (int k = -1; k < n && !r->applied; k++) {
		int b = k < 0 ? (r->block >= 0 ? r->block : home) : k;
		if (b < 0)
			continue;
		int ok = kind == ANCHOR_REPLACE   ? holds3(text[b], sel->prefix, f, sel->suffix)
			 : kind == ANCHOR_DELETE  ? holds3(text[b], sel->prefix, "", sel->suffix)
						  : holds3(text[b], sel->quote, f, sel->suffix);
		if (ok) {
			r->applied = 1;
			r->applied_block = b;
		}
	}
}
