/* editbuf.c — the one-line editor's pure core (see include/anli/editbuf.h).
 * Over 400 lines: the buffer, cursor by width, editing keys, the visible
 * window and the history are one pure unit, tested (and fuzzed) as one. */
#include "anli/editbuf.h"

#include "anli/util.h"

#include <stdlib.h>
#include <string.h>
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

int eb_insert(struct editbuf *b, unsigned int cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp < 0xE000) || b->n >= EB_MAX)
		return -1;
	uint8_t mb[6];
	int k = u8_uctomb(mb, cp, sizeof mb);
	if (k <= 0)
		return -1;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->cp = xrealloc(b->cp, b->cap * sizeof *b->cp);
		b->w = xrealloc(b->w, b->cap);
		b->blen = xrealloc(b->blen, b->cap);
		b->s = xrealloc(b->s, b->cap * 4 + 1);
	}
	int w = b->width ? b->width(cp) : 1;
	size_t i = b->cur;
	if (i < b->n) { /* in the middle: make room */
		memmove(b->cp + i + 1, b->cp + i, (b->n - i) * sizeof *b->cp);
		memmove(b->w + i + 1, b->w + i, b->n - i);
		memmove(b->blen + i + 1, b->blen + i, b->n - i);
	}
	b->cp[i] = cp;
	b->w[i] = (unsigned char)(w < 0 ? 0 : w);
	b->blen[i] = (unsigned char)k;
	b->n++;
	b->cur++;
	if (i + 1 == b->n) { /* at the end: O(1) */
		memcpy(b->s + b->len, mb, (size_t)k);
		b->len += (size_t)k;
		b->s[b->len] = '\0';
	} else {
		resync(b, i, off_of(b, i));
	}
	return 0;
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
}

void eb_set(struct editbuf *b, const char *s)
{
	eb_clear(b);
	const uint8_t *p = (const uint8_t *)s;
	size_t left = strlen(s);
	while (left) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, left);
		if (k <= 0)
			break;
		eb_insert(b, c);
		p += k;
		left -= (size_t)k;
	}
}

static int blank(unsigned int c)
{
	return c == ' ' || c == '\t' || c == 0x3000;
}

int eb_edit(struct editbuf *b, enum eb_key k)
{
	size_t at = b->cur, n = b->n;
	switch (k) {
	case EB_LEFT: b->cur = prev_cluster(b, at); return 0;
	case EB_RIGHT: b->cur = next_cluster(b, at); return 0;
	case EB_HOME: b->cur = 0; return 0;
	case EB_END: b->cur = n; return 0;
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
		if (i == at)
			return 0;
		delete_range(b, i, at);
		return 1;
	}
	case EB_KILL_START:
		if (!at)
			return 0;
		delete_range(b, 0, at);
		return 1;
	case EB_KILL_END:
		if (at >= n)
			return 0;
		delete_range(b, at, n);
		return 1;
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

/* --- history ---------------------------------------------------------------- */

void eb_hist_reset(struct eb_history *h)
{
	h->pos = h->n;
	free(h->draft);
	h->draft = NULL;
}

void eb_hist_add(struct eb_history *h, const char *line)
{
	if (*line && !(h->n && !strcmp(h->line[h->n - 1], line))) {
		if (h->n == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 16;
			h->line = xrealloc(h->line, sizeof *h->line * (size_t)h->cap);
		}
		h->line[h->n++] = xstrdup(line);
	}
	eb_hist_reset(h);
}

int eb_hist_move(struct eb_history *h, struct editbuf *b, int dir)
{
	int to = h->pos + (dir < 0 ? -1 : 1);
	if (to < 0 || to > h->n)
		return -1;
	if (h->pos == h->n) { /* leaving what was being typed: kept */
		free(h->draft);
		h->draft = xstrdup(eb_str(b));
	}
	h->pos = to;
	eb_set(b, to == h->n ? (h->draft ? h->draft : "") : h->line[to]);
	return 0;
}

void eb_hist_free(struct eb_history *h)
{
	for (int i = 0; i < h->n; i++)
		free(h->line[i]);
	free(h->line);
	free(h->draft);
	memset(h, 0, sizeof *h);
}
