/* anchor.c — see anchor.h.  Everything works on arrays of code points
 * (decoded as util_utf8_skip and fold_text decode: one u8_mbtouc step is
 * one code point, an invalid sequence U+FFFD), so that offsets agree with
 * the rest of the reader; searching is Knuth–Morris–Pratt, linear in the
 * text, so that a huge or repetitive input costs no more than its size.
 * A little over 400 lines: decoding, searching, scoring and "applied" are
 * static helpers of the one contract, sharing the code-point arrays. */
#include "anli/anchor.h"

#include "anli/fold.h"
#include "anli/util.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

struct cps {
	ucs4_t *c;
	int n;
};

/* s (NULL: "") as code points; at most INT_MAX of them. */
static void cps_decode(const char *s, struct cps *out)
{
	size_t len = s ? strlen(s) : 0;
	const uint8_t *p = (const uint8_t *)s;
	out->c = xmalloc((len + 1) * sizeof *out->c);
	out->n = 0;
	size_t i = 0;
	while (i < len && out->n < INT_MAX) {
		ucs4_t u;
		int l = u8_mbtouc(&u, p + i, len - i);
		out->c[out->n++] = u;
		i += (size_t)(l > 0 ? l : 1);
	}
}

static void cps_free(struct cps *a)
{
	free(a->c);
	a->c = NULL;
	a->n = 0;
}

/* c[0..n) as a new UTF-8 string. */
static char *cps_encode(const ucs4_t *c, int n)
{
	char *s = xmalloc((size_t)n * 4 + 1), *o = s;
	for (int i = 0; i < n; i++) {
		int k = u8_uctomb((uint8_t *)o, c[i], 4);
		if (k <= 0)
			k = u8_uctomb((uint8_t *)o, 0xFFFD, 4);
		o += k;
	}
	*o = '\0';
	return s;
}

int anchor_cplen(const char *s)
{
	if (!s)
		return 0;
	size_t len = strlen(s), i = 0;
	int n = 0;
	while (i < len && n < INT_MAX) {
		ucs4_t u;
		int l = u8_mbtouc(&u, (const uint8_t *)s + i, len - i);
		i += (size_t)(l > 0 ? l : 1);
		n++;
	}
	return n;
}

int anchor_make(const char *text, int start, int len, struct anchor_sel *sel)
{
	struct cps t;
	cps_decode(text, &t);
	if (start < 0 || len < 0 || start > t.n || len > t.n - start) {
		sel->quote = xstrdup("");
		sel->prefix = xstrdup("");
		sel->suffix = xstrdup("");
		sel->offset = 0;
		cps_free(&t);
		return -1;
	}
	int end = start + len;
	int p0 = start > ANCHOR_CONTEXT ? start - ANCHOR_CONTEXT : 0;
	int s1 = t.n - end > ANCHOR_CONTEXT ? end + ANCHOR_CONTEXT : t.n;
	sel->quote = cps_encode(t.c + start, len);
	sel->prefix = cps_encode(t.c + p0, start - p0);
	sel->suffix = cps_encode(t.c + end, s1 - end);
	sel->offset = start;
	cps_free(&t);
	return 0;
}

void anchor_sel_free(struct anchor_sel *sel)
{
	free(sel->quote);
	free(sel->prefix);
	free(sel->suffix);
	sel->quote = sel->prefix = sel->suffix = NULL;
	sel->offset = 0;
}

/* --- searching */

/* The occurrences of p[0..m) (m > 0) in t[0..n), overlapping ones too
 * unless `disjoint`, the first `max` of them (max < 0: all): their starts,
 * ascending, into *out (new array, NULL when none); returns how many. */
static int find_all(const ucs4_t *t, int n, const ucs4_t *p, int m, int disjoint, int max, int **out)
{
	*out = NULL;
	if (m <= 0 || m > n)
		return 0;
	int *fail = xmalloc((size_t)m * sizeof *fail);
	fail[0] = 0;
	for (int i = 1, k = 0; i < m; i++) {
		while (k > 0 && p[i] != p[k])
			k = fail[k - 1];
		if (p[i] == p[k])
			k++;
		fail[i] = k;
	}
	int cnt = 0, cap = 0;
	for (int i = 0, k = 0; i < n && cnt != max; i++) {
		while (k > 0 && t[i] != p[k])
			k = fail[k - 1];
		if (t[i] == p[k])
			k++;
		if (k == m) {
			if (cnt == cap) {
				cap = cap ? cap * 2 : 8;
				*out = xrealloc(*out, (size_t)cap * sizeof **out);
			}
			(*out)[cnt++] = i - m + 1;
			k = disjoint ? 0 : fail[k - 1];
		}
	}
	free(fail);
	return cnt;
}

static int is_blank(ucs4_t c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v' ||
	       uc_is_property_white_space(c) || c == 0x200B || c == 0xFEFF;
}

/* The folding of s without its white space, and where each kept code
 * point is in s (idx may be NULL). */
static void fold_compact(const char *s, struct cps *out, int **idx)
{
	const char *src = s ? s : "";
	char *f = fold_text(src, strlen(src));
	cps_decode(f, out);
	free(f);
	if (idx)
		*idx = xmalloc(((size_t)out->n + 1) * sizeof **idx);
	int k = 0;
	for (int i = 0; i < out->n; i++)
		if (!is_blank(out->c[i])) {
			if (idx)
				(*idx)[k] = i;
			out->c[k++] = out->c[i];
		}
	out->n = k;
}

int anchor_find_typed(const char *text, const char *typed, int **start, int **len, int *n)
{
	*start = *len = NULL;
	*n = 0;
	struct cps q, t;
	fold_compact(typed, &q, NULL);
	if (q.n == 0) {
		cps_free(&q);
		return -1;
	}
	int *idx;
	fold_compact(text, &t, &idx);
	int *at;
	int cnt = find_all(t.c, t.n, q.c, q.n, 1, -1, &at);
	if (cnt > 0) {
		*start = xmalloc((size_t)cnt * sizeof **start);
		*len = xmalloc((size_t)cnt * sizeof **len);
		for (int i = 0; i < cnt; i++) {
			(*start)[i] = idx[at[i]];
			(*len)[i] = idx[at[i] + q.n - 1] + 1 - idx[at[i]];
		}
	}
	*n = cnt;
	free(at);
	free(idx);
	cps_free(&t);
	cps_free(&q);
	return 0;
}

/* --- resolving */

/* The item's blocks, decoded when first needed. */
struct blocks {
	const char *const *text;
	int n;
	struct cps *b;
	char *done;
};

static const struct cps *block_get(struct blocks *bl, int i)
{
	if (!bl->done[i]) {
		cps_decode(bl->text ? bl->text[i] : NULL, &bl->b[i]);
		bl->done[i] = 1;
	}
	return &bl->b[i];
}

/* How well the context of an occurrence of the quote at [s, e) of t
 * agrees with the selector's: *pa code points of the prefix (from its
 * end), *sa of the suffix (from its start).  The score adds one for each
 * side whose whole context agrees up to the block's start or end, where
 * the stored context was cut by the old block's start or end too. */
static int context_score(const struct cps *t, int s, int e, const struct cps *pre, const struct cps *suf, int *pa,
			 int *sa)
{
	int a = 0, b = 0;
	while (a < pre->n && a < s && pre->c[pre->n - 1 - a] == t->c[s - 1 - a])
		a++;
	while (b < suf->n && e + b < t->n && suf->c[b] == t->c[e + b])
		b++;
	*pa = a;
	*sa = b;
	int score = a + b;
	if (a == pre->n && pre->n < ANCHOR_CONTEXT && s == pre->n)
		score++;
	if (b == suf->n && suf->n < ANCHOR_CONTEXT && e + b == t->n)
		score++;
	return score;
}

struct cand {
	int found, score, block, start;
	long long dist, bdist;
};

/* Is c better than the best so far? Score, then the block nearer home,
 * then the earlier block, then the start nearer the old offset, then the
 * earlier start: a total order, so the answer is deterministic. */
static int cand_better(const struct cand *c, const struct cand *best)
{
	if (!best->found)
		return 1;
	if (c->score != best->score)
		return c->score > best->score;
	if (c->bdist != best->bdist)
		return c->bdist < best->bdist;
	if (c->block != best->block)
		return c->block < best->block;
	if (c->dist != best->dist)
		return c->dist < best->dist;
	return c->start < best->start;
}

/* Does the context of an occurrence at [s, e) of t agree (anchor.h,
 * steps 2 and 3)?  pa and sa code points of the stored prefix and suffix
 * agree. */
static int context_agrees(const struct cps *t, int s, int e, int pa, int sa, const struct cps *pre,
			  const struct cps *suf)
{
	if (pre->n < ANCHOR_MIN_CONTEXT && suf->n < ANCHOR_MIN_CONTEXT)
		return pa == pre->n && sa == suf->n;
	/* the context there is room for: none before the quote at the start
	 * of a block (a paragraph split just before it) */
	int room = (pre->n < s ? pre->n : s) + (suf->n < t->n - e ? suf->n : t->n - e);
	int half = (room + 1) / 2;
	return pa + sa >= (half > ANCHOR_MIN_CONTEXT ? half : ANCHOR_MIN_CONTEXT);
}

/* The best occurrence of q in block b; when `agreeing`, only one whose
 * context agrees. */
static void best_in_block(struct blocks *bl, int b, int home, const struct cps *q, const struct cps *pre,
			  const struct cps *suf, int offset, int agreeing, struct cand *best)
{
	const struct cps *t = block_get(bl, b);
	int *at;
	int cnt = find_all(t->c, t->n, q->c, q->n, 0, -1, &at);
	for (int i = 0; i < cnt; i++) {
		int pa, sa;
		struct cand c = {1, context_score(t, at[i], at[i] + q->n, pre, suf, &pa, &sa), b, at[i], 0, 0};
		if (agreeing && !context_agrees(t, at[i], at[i] + q->n, pa, sa, pre, suf))
			continue;
		c.dist = llabs((long long)at[i] - offset);
		c.bdist = home < 0 ? 0 : llabs((long long)b - home);
		if (cand_better(&c, best))
			*best = c;
	}
	free(at);
}

/* Does t hold p[0..m), at its start when anchor_start, ending at its end
 * when anchor_end? */
static int holds(const struct cps *t, const ucs4_t *p, int m, int anchor_start, int anchor_end)
{
	if (m > t->n)
		return 0;
	if (anchor_start || anchor_end) {
		if (anchor_start && anchor_end && m != t->n)
			return 0;
		int s = anchor_start ? 0 : t->n - m;
		return m == 0 || !memcmp(t->c + s, p, (size_t)m * sizeof *p);
	}
	if (m == 0)
		return 1;
	int *at;
	int cnt = find_all(t->c, t->n, p, m, 1, 1, &at);
	free(at);
	return cnt > 0;
}

static void cat(struct cps *dst, const struct cps *a)
{
	memcpy(dst->c + dst->n, a->c, (size_t)a->n * sizeof *a->c);
	dst->n += a->n;
}

static int same(const struct cps *a, const struct cps *b)
{
	return a->n == b->n && !memcmp(a->c, b->c, (size_t)a->n * sizeof *a->c);
}

/* Where the correction is seen (anchor.h, "Applied"), or -1. */
static int find_applied(struct blocks *bl, int first, int home, const struct cps *q, const struct cps *pre,
			const struct cps *suf, int kind, const char *fix)
{
	if (kind != ANCHOR_REPLACE && kind != ANCHOR_DELETE && kind != ANCHOR_INSERT)
		return -1;
	struct cps f;
	cps_decode(fix, &f);
	/* a correction that changes nothing is never applied */
	if ((kind == ANCHOR_REPLACE && same(&f, q)) || (kind == ANCHOR_INSERT && f.n == 0)) {
		cps_free(&f);
		return -1;
	}
	struct cps want = {xmalloc(((size_t)pre->n + q->n + f.n + suf->n + 1) * sizeof(ucs4_t)), 0};
	int at_start = 0, at_end = suf->n == 0;
	if (kind == ANCHOR_INSERT) {
		cat(&want, q);
		cat(&want, &f);
	} else {
		at_start = pre->n == 0;
		cat(&want, pre);
		if (kind == ANCHOR_REPLACE)
			cat(&want, &f);
	}
	cat(&want, suf);
	int where = -1;
	if (first >= 0 && holds(block_get(bl, first), want.c, want.n, at_start, at_end))
		where = first;
	else if (home >= 0 && home != first && holds(block_get(bl, home), want.c, want.n, at_start, at_end))
		where = home;
	for (int b = 0; b < bl->n && where < 0; b++)
		if (b != first && b != home && holds(block_get(bl, b), want.c, want.n, at_start, at_end))
			where = b;
	cps_free(&want);
	cps_free(&f);
	return where;
}

void anchor_resolve(const char *const *text, int n, int home, const struct anchor_sel *sel, int kind,
		    const char *fix, struct anchor_result *r)
{
	r->state = ANCHOR_ORPHANED;
	r->block = -1;
	r->start = 0;
	r->applied = 0;
	r->applied_block = -1;
	if (!text || n < 0)
		n = 0;
	if (home < 0 || home >= n)
		home = -1;
	struct cps q, pre, suf;
	cps_decode(sel ? sel->quote : NULL, &q);
	if (q.n == 0) { /* a remark on the whole block */
		if (home >= 0) {
			r->state = ANCHOR_EXACT;
			r->block = home;
		}
		cps_free(&q);
		return;
	}
	cps_decode(sel->prefix, &pre);
	cps_decode(sel->suffix, &suf);
	struct blocks bl = {text, n, xcalloc((size_t)n + 1, sizeof(struct cps)), xcalloc((size_t)n + 1, 1)};
	struct cand best = {0};
	if (home >= 0) {
		const struct cps *h = block_get(&bl, home);
		int off = sel->offset;
		if (off >= 0 && off <= h->n - q.n && !memcmp(h->c + off, q.c, (size_t)q.n * sizeof *q.c)) {
			r->state = ANCHOR_EXACT;
			r->block = home;
			r->start = off;
		} else {
			best_in_block(&bl, home, home, &q, &pre, &suf, sel->offset, 1, &best);
		}
	}
	if (r->state != ANCHOR_EXACT && !best.found) {
		for (int b = 0; b < n; b++)
			if (b != home)
				best_in_block(&bl, b, home, &q, &pre, &suf, sel->offset, 1, &best);
		if (!best.found && home >= 0)
			best_in_block(&bl, home, home, &q, &pre, &suf, sel->offset, 0, &best);
	}
	if (best.found) {
		r->state = ANCHOR_MOVED;
		r->block = best.block;
		r->start = best.start;
	}
	r->applied_block = find_applied(&bl, r->block, home, &q, &pre, &suf, kind, fix);
	r->applied = r->applied_block >= 0;
	for (int b = 0; b < n; b++)
		cps_free(&bl.b[b]);
	free(bl.b);
	free(bl.done);
	cps_free(&q);
	cps_free(&pre);
	cps_free(&suf);
}
