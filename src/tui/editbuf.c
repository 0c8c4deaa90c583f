/* editbuf.c — the one-line editor's pure core (see include/anli/editbuf.h):
 * the buffer, the cursor by clusters and width, the editing keys, the
 * visible window.  Input events and pastes: editkeys.c; the history:
 * edithist.c; the kept scroll of a field: ebscroll.c.  A few lines over
 * 400: the cluster-aware cursor moves and deletions belong together. */
#include "anli/editbuf.h"

#include "anli/util.h"

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

void eb_init(struct editbuf *b, int (*width)(unsigned int cp))
{
	memset(b, 0, sizeof *b);
	b->width = width;
	b->s = xcalloc(1, 1);
}

void eb_free(struct editbuf *b)
{
	free(b->cp);
	free(b->w);
	free(b->blen);
	free(b->s);
	free(b->kill);
	memset(b, 0, sizeof *b);
}

/* The byte offset of character i in s. */
static size_t off_of(const struct editbuf *b, size_t i)
{
	if (i == b->n)
		return b->len;
	size_t off = 0;
	for (size_t k = 0; k < i; k++)
		off += b->blen[k];
	return off;
}

/* s again from character i (at byte off) on, after an edit in the middle. */
static void resync(struct editbuf *b, size_t i, size_t off)
{
	for (size_t k = i; k < b->n; k++) {
		u8_uctomb((uint8_t *)b->s + off, b->cp[k], 6);
		off += b->blen[k];
	}
	b->len = off;
	b->s[off] = '\0';
}

static int refused(unsigned int cp)
{
	return cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD || cp > 0x10FFFF ||
	       (cp >= 0xD800 && cp < 0xE000);
}

static void reserve(struct editbuf *b, size_t need)
{
	if (need <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < need)
		cap *= 2;
	b->cap = cap;
	b->cp = xrealloc(b->cp, b->cap * sizeof *b->cp);
	b->w = xrealloc(b->w, b->cap);
	b->blen = xrealloc(b->blen, b->cap);
	b->s = xrealloc(b->s, b->cap * 4 + 1);
}

/* Insert k accepted code points at the cursor, the cursor after them. */
static void insert_cps(struct editbuf *b, const unsigned int *cps, size_t k)
{
	if (k > EB_MAX - b->n)
		k = EB_MAX - b->n;
	if (!k)
		return;
	reserve(b, b->n + k);
	size_t i = b->cur, tail = b->n - i;
	memmove(b->cp + i + k, b->cp + i, tail * sizeof *b->cp);
	memmove(b->w + i + k, b->w + i, tail);
	memmove(b->blen + i + k, b->blen + i, tail);
	for (size_t j = 0; j < k; j++) {
		uint8_t mb[6];
		int w = b->width ? b->width(cps[j]) : 1;
		b->cp[i + j] = cps[j];
		b->w[i + j] = (unsigned char)(w < 0 ? 0 : w);
		b->blen[i + j] = (unsigned char)u8_uctomb(mb, cps[j], sizeof mb);
	}
	size_t off = tail ? off_of(b, i) : b->len; /* at the end: O(k) */
	b->n += k;
	b->cur += k;
	resync(b, i, off);
}

int eb_insert(struct editbuf *b, unsigned int cp)
{
	if (refused(cp) || b->n >= EB_MAX)
		return -1;
	b->paste_blank = 0; /* typed: a paste's trailing blank is dropped */
	insert_cps(b, &cp, 1);
	return 0;
}

int eb_insert_str(struct editbuf *b, const char *s)
{
	size_t left = strlen(s), k = 0;
	unsigned int *cps = xmalloc((left + 1) * sizeof *cps);
	const uint8_t *p = (const uint8_t *)s;
	while (left) {
		ucs4_t c;
		int m = u8_mbtouc(&c, p, left);
		if (!refused(c))
			cps[k++] = c;
		p += m;
		left -= (size_t)m;
	}
	size_t was = b->n;
	insert_cps(b, cps, k);
	free(cps);
	return b->n != was;
}

/* Remove characters [from, to); the cursor at from. */
static void delete_range(struct editbuf *b, size_t from, size_t to)
{
	if (to > b->n)
		to = b->n;
	if (from >= to)
		return;
	size_t off = off_of(b, from), tail = b->n - to;
	memmove(b->cp + from, b->cp + to, tail * sizeof *b->cp);
	memmove(b->w + from, b->w + to, tail);
	memmove(b->blen + from, b->blen + to, tail);
	b->n -= to - from;
	b->cur = from;
	resync(b, from, off);
}

/* Cluster edges: a character and the zero-width marks after it. */
static size_t cluster_start(const struct editbuf *b, size_t i)
{
	while (i > 0 && i < b->n && b->w[i] == 0)
		i--;
	return i;
}

static size_t prev_cluster(const struct editbuf *b, size_t i)
{
	return i ? cluster_start(b, i - 1) : 0;
}

static size_t next_cluster(const struct editbuf *b, size_t i)
{
	if (i < b->n)
		i++;
	while (i < b->n && b->w[i] == 0)
		i++;
	return i;
}

int eb_backspace(struct editbuf *b)
{
	return eb_edit(b, EB_BACKSPACE) == 1 ? 0 : -1;
}

void eb_clear(struct editbuf *b)
{
	b->n = 0;
	b->cur = 0;
	b->len = 0;
	b->s[0] = '\0';
	b->paste_blank = 0;
}

void eb_set(struct editbuf *b, const char *s)
{
	eb_clear(b);
	eb_insert_str(b, s);
}

static int blank(unsigned int c)
{
	return c == ' ' || c == '\t' || c == 0x3000;
}

/* Remove [from, to) and keep it for C-y. */
static void kill_range(struct editbuf *b, size_t from, size_t to)
{
	size_t off = off_of(b, from), end = off_of(b, to);
	free(b->kill);
	b->kill = xmalloc(end - off + 1);
	memcpy(b->kill, b->s + off, end - off);
	b->kill[end - off] = '\0';
	delete_range(b, from, to);
}

static int word(const struct editbuf *b, size_t i)
{
	return uc_is_alnum(b->cp[i]);
}

static size_t word_left(const struct editbuf *b, size_t i)
{
	while (i > 0 && !word(b, prev_cluster(b, i)))
		i = prev_cluster(b, i);
	while (i > 0 && word(b, prev_cluster(b, i)))
		i = prev_cluster(b, i);
	return i;
}

static size_t word_right(const struct editbuf *b, size_t i)
{
	while (i < b->n && !word(b, i))
		i = next_cluster(b, i);
	while (i < b->n && word(b, i))
		i = next_cluster(b, i);
	return i;
}

/* Swap the clusters [a, m) and [m, c); the cursor at c. */
static void swap_clusters(struct editbuf *b, size_t a, size_t m, size_t c)
{
	size_t k = c - a, first = m - a;
	unsigned int *cp = xmalloc(k * sizeof *cp);
	unsigned char *w = xmalloc(k), *bl = xmalloc(k);
	memcpy(cp, b->cp + m, (c - m) * sizeof *cp);
	memcpy(cp + (c - m), b->cp + a, first * sizeof *cp);
	memcpy(w, b->w + m, c - m);
	memcpy(w + (c - m), b->w + a, first);
	memcpy(bl, b->blen + m, c - m);
	memcpy(bl + (c - m), b->blen + a, first);
	size_t off = off_of(b, a);
	memcpy(b->cp + a, cp, k * sizeof *cp);
	memcpy(b->w + a, w, k);
	memcpy(b->blen + a, bl, k);
	free(cp);
	free(w);
	free(bl);
	resync(b, a, off);
	b->cur = c;
}

int eb_edit(struct editbuf *b, enum eb_key k)
{
	size_t at = b->cur, n = b->n;
	switch (k) {
	case EB_LEFT: b->cur = prev_cluster(b, at); return 0;
	case EB_RIGHT: b->cur = next_cluster(b, at); return 0;
	case EB_HOME: b->cur = 0; return 0;
	case EB_END: b->cur = n; return 0;
	case EB_WORD_LEFT: b->cur = word_left(b, at); return 0;
	case EB_WORD_RIGHT: b->cur = word_right(b, at); return 0;
	case EB_BACKSPACE:
		if (!at)
			return 0;
		delete_range(b, prev_cluster(b, at), at);
		return 1;
	case EB_DELETE:
		if (at >= n)
			return 0;
		delete_range(b, at, next_cluster(b, at));
		return 1;
	case EB_WORD_BACK: {
		size_t i = at;
		while (i > 0 && blank(b->cp[i - 1]))
			i--;
		while (i > 0 && !blank(b->cp[i - 1]))
			i--;
		while (i > 0 && i < at && b->w[i] == 0)
			i++; /* the marks of the blank before stay with it */
		if (i == at)
			return 0;
		kill_range(b, i, at);
		return 1;
	}
	case EB_KILL_WORD: {
		size_t to = word_right(b, at);
		if (to == at)
			return 0;
		kill_range(b, at, to);
		return 1;
	}
	case EB_KILL_START:
		if (!at)
			return 0;
		kill_range(b, 0, at);
		return 1;
	case EB_KILL_END:
		if (at >= n)
			return 0;
		kill_range(b, at, n);
		return 1;
	case EB_YANK: {
		if (!b->kill)
			return 0;
		return eb_insert_str(b, b->kill);
	}
	case EB_TRANSPOSE: {
		if (!at)
			return 0;
		size_t m = at == n ? prev_cluster(b, at) : at;
		size_t a = prev_cluster(b, m), c = at == n ? n : next_cluster(b, at);
		if (a == m || m == c)
			return 0; /* fewer than two characters */
		swap_clusters(b, a, m, c);
		return 1;
	}
	}
	return -1;
}

int eb_cursor_col(const struct editbuf *b)
{
	int col = 0;
	for (size_t i = 0; i < b->cur; i++)
		col += b->w[i];
	return col;
}

const char *eb_str(const struct editbuf *b)
{
	return b->s;
}

void eb_rewidth(struct editbuf *b)
{
	for (size_t i = 0; i < b->n; i++) {
		int w = b->width ? b->width(b->cp[i]) : 1;
		b->w[i] = (unsigned char)(w < 0 ? 0 : w);
	}
}

size_t eb_tail(const struct editbuf *b, int room, int *width, size_t *steps)
{
	size_t i = b->n, off = b->len;
	int used = 0;
	while (i > 0) {
		if (steps)
			(*steps)++;
		if (used + b->w[i - 1] > room)
			break;
		i--;
		used += b->w[i];
		off -= b->blen[i];
	}
	if (width)
		*width = used;
	return off;
}

size_t eb_window(const struct editbuf *b, int room, size_t *nbytes, int *cursor_col, size_t *steps)
{
	/* the cursor's own cell: the character under it, or one column at the end */
	int cw = b->cur < b->n && b->w[b->cur] ? b->w[b->cur] : 1;
	size_t first = b->cur;
	int before = 0;
	/* back from the cursor while it fits, then on to a character's start */
	while (first > 0) {
		if (steps)
			(*steps)++;
		if (before + b->w[first - 1] + cw > room)
			break;
		first--;
		before += b->w[first];
	}
	while (first < b->cur && b->w[first] == 0)
		first++; /* a mark whose character is cut off */
	/* its byte offset: back from the cursor's (never from the start) */
	size_t cur_off = 0;
	if (b->cur == b->n) {
		cur_off = b->len;
	} else {
		/* the bytes after the cursor, counted from the end, cost the
		 * text after it; from the start, the text before: the cheaper */
		if (b->cur < b->n - b->cur) {
			for (size_t k = 0; k < b->cur; k++)
				cur_off += b->blen[k];
		} else {
			cur_off = b->len;
			for (size_t k = b->n; k > b->cur; k--)
				cur_off -= b->blen[k - 1];
		}
	}
	size_t off = cur_off;
	for (size_t k = b->cur; k > first; k--)
		off -= b->blen[k - 1];
	/* then forward from the cursor while it fits */
	size_t end = b->cur, end_off = cur_off;
	int used = before;
	while (end < b->n) {
		if (steps)
			(*steps)++;
		if (used + b->w[end] > room)
			break;
		used += b->w[end];
		end_off += b->blen[end];
		end++;
	}
	/* (marks are zero-wide: they always fit, the cut is before a character) */
	if (nbytes)
		*nbytes = end_off - off;
	if (cursor_col)
		*cursor_col = before;
	return off;
}
