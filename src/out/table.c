/* table.c — the table device: aligned columns for a terminal (see out.h).
 * Every cell is sanitised and measured with the layout engine's width
 * function (lay_strwidth: CJK-exact, ambiguous-width aware), so columns
 * line up in the terminal whatever the text; a cell too wide for its
 * column is cut with the glyph table's cut mark, a snippet around its hit
 * so that the hit stays in sight. */
#include "anli/out.h"

#include "anli/glyph.h"
#include "anli/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#define SGR_BOLD "\033[1m"
#define SGR_HIT "\033[1;31m" /* as grep --color: bold red */
#define SGR_OFF "\033[m"
#define GAP 2                /* columns between two columns */

struct tcell {
	char *s, *tail;   /* sanitised; tail (or NULL) is never cut */
	size_t n, tn;
	int w, tw;
	int hit;          /* s[ho..ho+hl) is a hit to colour and keep in sight */
	size_t ho, hl;
};

struct table {
	int ncols;
	struct tcell *head;
	int *right, *min; /* right-aligned; narrowest width when shrinking (0: never shrunk) */
	struct tcell *cell;
	int ncells, cap;
};

struct table *table_new(int ncols)
{
	struct table *t = xcalloc(1, sizeof *t);
	t->ncols = ncols;
	t->head = xcalloc((size_t)ncols, sizeof *t->head);
	t->right = xcalloc((size_t)ncols, sizeof *t->right);
	t->min = xcalloc((size_t)ncols, sizeof *t->min);
	return t;
}

static void fill(struct tcell *c, const char *s, const char *tail)
{
	memset(c, 0, sizeof *c);
	c->s = lay_sanitize(s ? s : "", s ? strlen(s) : 0, &c->n);
	c->w = lay_strwidth(c->s, c->n);
	if (tail) {
		c->tail = lay_sanitize(tail, strlen(tail), &c->tn);
		c->tw = lay_strwidth(c->tail, c->tn);
	}
}

void table_column(struct table *t, int col, const char *label, int right, int min)
{
	fill(&t->head[col], label, NULL);
	t->right[col] = right;
	t->min[col] = min;
}

static struct tcell *next_cell(struct table *t)
{
	if (t->ncells == t->cap) {
		t->cap = t->cap ? t->cap * 2 : 64;
		t->cell = xrealloc(t->cell, sizeof *t->cell * (size_t)t->cap);
	}
	return &t->cell[t->ncells++];
}

void table_cell(struct table *t, const char *s, const char *tail)
{
	fill(next_cell(t), s, tail);
}

void table_cell_int(struct table *t, long long v)
{
	char buf[32];
	snprintf(buf, sizeof buf, "%lld", v);
	table_cell(t, buf, NULL);
}

void table_cell_hit(struct table *t, const char *s, size_t hit_off, size_t hit_len, int bracket)
{
	/* sanitised in three parts, so that the hit's place is known in the result */
	struct sbuf b;
	sbuf_init(&b);
	size_t n;
	char *part;
	size_t len = strlen(s);
	hit_off = hit_off < len ? hit_off : len;
	hit_len = hit_len < len - hit_off ? hit_len : len - hit_off;
	size_t lead = 0; /* blanks a snippet may start with */
	while (lead < hit_off && s[lead] == ' ')
		lead++;
	part = lay_sanitize(s + lead, hit_off - lead, &n);
	sbuf_addn(&b, part, n);
	free(part);
	size_t ho = b.len;
	if (bracket)
		sbuf_adds(&b, "⟦");
	part = lay_sanitize(s + hit_off, hit_len, &n);
	sbuf_addn(&b, part, n);
	free(part);
	if (bracket)
		sbuf_adds(&b, "⟧");
	size_t hl = b.len - ho;
	part = lay_sanitize(s + hit_off + hit_len, len - hit_off - hit_len, &n);
	sbuf_addn(&b, part, n);
	free(part);
	struct tcell *c = next_cell(t);
	memset(c, 0, sizeof *c);
	c->n = b.len;
	c->s = sbuf_take(&b);
	c->w = lay_strwidth(c->s, c->n);
	c->hit = 1;
	c->ho = ho;
	c->hl = hl;
}

/* Bytes to skip from the start of s[0..n) to drop at least `cols` columns
 * (and the zero-width marks that follow); *dropped gets the columns. */
static size_t skip_cols(const char *s, size_t n, int cols, int *dropped)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	int w = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + i, n - i);
		if (l <= 0)
			l = 1;
		int cw = lay_cpwidth(c);
		if (w >= cols && cw > 0)
			break;
		w += cw;
		i += (size_t)l;
	}
	*dropped = w;
	return i;
}

static void put_range(struct sbuf *o, const struct tcell *c, size_t from, size_t to, int color)
{
	if (!c->hit || !color) {
		sbuf_addn(o, c->s + from, to - from);
		return;
	}
	size_t he = c->ho + c->hl;
	size_t a = from, b = c->ho > from ? (c->ho < to ? c->ho : to) : from;
	sbuf_addn(o, c->s + a, b - a);
	size_t hs = b, hx = he < to ? he : to;
	if (hx > hs) {
		sbuf_adds(o, SGR_HIT);
		sbuf_addn(o, c->s + hs, hx - hs);
		sbuf_adds(o, SGR_OFF);
	} else {
		hx = hs;
	}
	sbuf_addn(o, c->s + hx, to - hx);
}

/* The cell in `width` columns: cut with the cut mark when it is wider,
 * around its hit if it has one.  Returns the columns written. */
static int put_cell(struct sbuf *o, const struct tcell *c, int width, int color)
{
	const char *cut = glyph(GLYPH_CUT);
	int cw = glyph_width(GLYPH_CUT);
	if (c->w + c->tw <= width) {
		put_range(o, c, 0, c->n, color);
		if (c->tail)
			sbuf_addn(o, c->tail, c->tn);
		return c->w + c->tw;
	}
	int room = width - c->tw; /* for the text and its cut marks */
	if (room < cw) {           /* not even the mark: what fits of the text */
		int used;
		size_t fit = lay_fit(c->s, c->n, width > 0 ? width : 0, &used);
		put_range(o, c, 0, fit, color);
		return used;
	}
	size_t from = 0;
	int used = 0;
	int left = 0; /* columns of the cut mark on the left */
	if (c->hit) {
		/* the text up to the end of the hit must fit, with a mark after it */
		int upto = lay_strwidth(c->s, c->ho + c->hl);
		if (upto + cw > room) {
			/* cut on the left: the hit in the middle of what is left */
			int hw = lay_strwidth(c->s + c->ho, c->hl);
			int ctx = (room - 2 * cw - hw) / 2;
			if (ctx < 0)
				ctx = 0;
			int before = upto - hw, dropped;
			from = skip_cols(c->s, c->ho, before - ctx, &dropped);
			left = cw;
			sbuf_adds(o, cut);
		}
	}
	int restw = lay_strwidth(c->s + from, c->n - from);
	if (left + restw <= room) {
		put_range(o, c, from, c->n, color);
		used = left + restw;
	} else {
		size_t fit = lay_fit(c->s + from, c->n - from, room - left - cw, &used);
		put_range(o, c, from, from + fit, color);
		sbuf_adds(o, cut);
		used += left + cw;
	}
	if (c->tail)
		sbuf_addn(o, c->tail, c->tn);
	return used + c->tw;
}

void table_print(const struct table *t, struct sbuf *o, int width, int color)
{
	int nc = t->ncols;
	int *w = xcalloc((size_t)nc, sizeof *w);
	for (int k = 0; k < nc; k++)
		w[k] = t->head[k].w;
	for (int i = 0; i < t->ncells; i++) {
		const struct tcell *c = &t->cell[i];
		if (c->w + c->tw > w[i % nc])
			w[i % nc] = c->w + c->tw;
	}
	/* too wide for the terminal: narrow the widest column that may shrink,
	 * one column at a time (never under its minimum) */
	int total = GAP * (nc - 1);
	for (int k = 0; k < nc; k++)
		total += w[k];
	while (total > width) {
		int best = -1;
		for (int k = 0; k < nc; k++)
			if (t->min[k] && w[k] > t->min[k] && (best < 0 || w[k] > w[best]))
				best = k;
		if (best < 0)
			break;
		w[best]--;
		total--;
	}
	for (int r = -1; r < t->ncells / nc; r++) {
		const struct tcell *row = r < 0 ? t->head : &t->cell[r * nc];
		if (r < 0 && color)
			sbuf_adds(o, SGR_BOLD);
		int pending = 0; /* spaces owed before the next cell: no trailing blanks */
		for (int k = 0; k < nc; k++) {
			const struct tcell *c = &row[k];
			if (k > 0)
				pending += GAP;
			if (t->right[k]) /* numbers, never cut */
				pending += w[k] - (c->w + c->tw < w[k] ? c->w + c->tw : w[k]);
			int used = 0;
			if (c->n || c->tn) {
				for (; pending > 0; pending--)
					sbuf_addc(o, ' ');
				/* a cut can leave a column free (a wide character) */
				used = put_cell(o, c, w[k], color && r >= 0);
			}
			if (!t->right[k])
				pending += w[k] - used;
		}
		if (r < 0 && color)
			sbuf_adds(o, SGR_OFF);
		sbuf_addc(o, '\n');
	}
	free(w);
}

static void free_cell(struct tcell *c)
{
	free(c->s);
	free(c->tail);
}

void table_free(struct table *t)
{
	if (!t)
		return;
	for (int k = 0; k < t->ncols; k++)
		free_cell(&t->head[k]);
	for (int i = 0; i < t->ncells; i++)
		free_cell(&t->cell[i]);
	free(t->head);
	free(t->right);
	free(t->min);
	free(t->cell);
	free(t);
}
