/* detail.c — the detail pane: the open item, laid out by doc.c.  Its state
 * is struct detail_state (a->detail), shared with the / search (find.c),
 * which scrolls it to a match. */
#include "anli/view.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/session.h"
#include "anli/tnotes.h"

#include <stdio.h>
#include <string.h>


static int style_attr(const struct app *a, int style)
{
	switch (style) {
	case DOC_TITLE:
	case DOC_SUBTITLE:
		return term_attr(a, PAIR_TITLE);
	case DOC_BYLINE:
		return term_attr(a, PAIR_BYLINE);
	case DOC_MISSING:
		return term_attr(a, PAIR_CAPTION) | A_REVERSE;
	case DOC_HEADING:
		return term_attr(a, PAIR_HEADING);
	case DOC_SUBHEAD:
		return term_attr(a, PAIR_SUBHEAD);
	case DOC_CAPTION:
		return term_attr(a, PAIR_CAPTION);
	}
	return A_NORMAL;
}

/* The doc's lines, then the end marker (line nlines). */
static int max_top(const struct app *a, const struct view *v)
{
	(void)a;
	const struct detail_state *d = v->state;
	int t = d->doc.nlines + 1 - v->h;
	return t > 0 ? t : 0;
}

int tui_block_lines(const struct app *a, int b, int *first, int *last)
{
	const struct doc *d = &a->detail.doc;
	if (b < 0 || b >= d->nblocks || b >= a->nblocks)
		return 0;
	int f = d->block_first_line[b];
	if (f < 0 || f >= d->nlines)
		return 0;
	int l = f;
	while (l + 1 < d->nlines && d->line[l + 1].block == b)
		l++;
	*first = f;
	*last = l;
	return 1;
}

static int is_para(const struct app *a, int b)
{
	return b >= 0 && b < a->nblocks && a->blocks[b].kind == MODEL_PARA;
}

/* Is any line of block b on the screen? */
static int para_shown(const struct app *a, const struct view *v, int b)
{
	int f, l;
	return tui_block_lines(a, b, &f, &l) && l >= a->detail.top && f < a->detail.top + v->h;
}

/* The paragraph cursor stays on screen: when its paragraph scrolled out,
 * the first (scrolled up past it) or last (down) paragraph shown. */
static void clamp_cursor(struct app *a, const struct view *v)
{
	struct detail_state *d = &a->detail;
	if (is_para(a, d->cur) && para_shown(a, v, d->cur))
		return;
	int f = 0, l = 0, below = is_para(a, d->cur) && tui_block_lines(a, d->cur, &f, &l) && f >= d->top + v->h;
	int pick = -1;
	for (int b = 0; b < a->nblocks; b++)
		if (is_para(a, b) && para_shown(a, v, b)) {
			pick = b;
			if (!below)
				break; /* the first shown; else on to the last */
		}
	if (pick >= 0)
		d->cur = pick;
}

/* The scroll position within the doc laid out for this size, and the
 * cursor on screen. */
static void update(struct app *a, struct view *v)
{
	struct detail_state *d = v->state;
	if (d->top > max_top(a, v))
		d->top = max_top(a, v);
	if (d->top < 0)
		d->top = 0;
	clamp_cursor(a, v);
}

/* One line of text: the / search's matches reversed (the current one
 * bold and underlined too), the quotes of notes underlined (seen without
 * colour), in segments cut where either starts or ends.  key: the match
 * key of the line's block (-100: none); lo: the line's offset in the
 * block's doc text; pre: the decoration before the block's own text. */
static void draw_line(const struct app *a, const struct view *v, int y, int x, int room, const char *text, size_t len,
		      int key, size_t lo, size_t pre, int attr)
{
	size_t cut[2 * 64 + 2];
	int nc = 0, nq, qcur;
	const struct match *q = tnotes_spans(a, &nq, &qcur);
	cut[nc++] = 0;
	cut[nc++] = len;
	for (int pass = 0; pass < 2; pass++) {
		const struct match *ms = pass ? q : a->matches;
		int n = pass ? nq : a->nmatches;
		for (int k = 0; k < n && nc + 2 <= (int)(sizeof cut / sizeof *cut); k++) {
			if (ms[k].block != key)
				continue;
			size_t e[2] = {ms[k].start + pre, ms[k].end + pre};
			for (int j = 0; j < 2; j++)
				if (e[j] > lo && e[j] < lo + len)
					cut[nc++] = e[j] - lo;
		}
	}
	for (int i = 1; i < nc; i++) /* insertion sort: a handful */
		for (int j = i; j > 0 && cut[j - 1] > cut[j]; j--) {
			size_t t = cut[j];
			cut[j] = cut[j - 1];
			cut[j - 1] = t;
		}
	int used = 0;
	for (int i = 0; i + 1 < nc; i++) {
		size_t s0 = cut[i], e0 = cut[i + 1];
		if (e0 <= s0)
			continue;
		size_t bs = lo + s0 - pre, be = lo + e0 - pre; /* the segment in the block's own text */
		int at = attr;
		/* while a quote's occurrence is picked (qcur) the search's matches
		 * are not shown: the pick alone is reversed, the notes' quotes
		 * underlined (distinct without colour) */
		for (int k = 0; k < a->nmatches && lo + s0 >= pre && qcur < 0; k++)
			if (a->matches[k].block == key && a->matches[k].start <= bs && a->matches[k].end >= be)
				at |= A_REVERSE | (k == a->cur_match ? A_BOLD | A_UNDERLINE : 0);
		int picked = 0;
		for (int k = 0; k < nq && lo + s0 >= pre; k++)
			if (q[k].block == key && q[k].start <= bs && q[k].end >= be) {
				if (k == qcur)
					picked = 1;
				else
					at |= A_UNDERLINE;
			}
		if (picked)
			at = (at & ~A_UNDERLINE) | A_REVERSE;
		wattrset(v->win, at);
		used += tui_put(v->win, y, x + used, text + s0, e0 - s0, room - used);
	}
}

static void draw(const struct app *a, const struct view *v)
{
	const struct detail_state *d = v->state;
	/* a column after the pane separator (zoomed too) for the cursor; on a pane
	 * wider than the measure the text column centred, the margin inside
	 * the window (zoomed, it stays full-width: the terminal's scroll
	 * region still serves a one-line scroll) */
	int x0 = tui_text_x(a);
	werase(v->win);
	if (d->top + v->h > d->doc.nlines && d->doc.nlines >= d->top) {
		/* after the last line, as less's (END) */
		const char *end = _("(END)");
		wattrset(v->win, A_REVERSE);
		tui_put(v->win, d->doc.nlines - d->top, x0, end, strlen(end), v->w - x0);
	}
	const char *cur = glyph(GLYPH_CURSOR), *bm = glyph(GLYPH_BOOKMARK), *nt = glyph(GLYPH_NOTE), *nd = glyph(GLYPH_NOTE_DONE);
	for (int y = 0; y < v->h && d->top + y < d->doc.nlines; y++) {
		const struct doc_line *l = &d->doc.line[d->top + y];
		/* the margins: the cursor beside each line of the current
		 * paragraph; at the right of a block's first line a note's mark
		 * (#; + when its notes are all resolved), else a bookmark (*), the
		 * bookmark then on its second line */
		wattrset(v->win, A_BOLD);
		if (l->block >= 0 && l->block == d->cur && x0 > 0)
			tui_put(v->win, y, x0 - 1, cur, strlen(cur), 1);
		int key = l->block >= 0 ? l->block : tui_title_key(l->style);
		if ((l->block >= 0 || key) && x0 + d->doc_width + 1 < v->w) { /* a blank column before it */
			int first = l->block >= 0 ? d->top + y == d->doc.block_first_line[l->block]
						  : d->top + y == 0 || d->doc.line[d->top + y - 1].style != l->style;
			int second = l->block >= 0 && d->top + y == d->doc.block_first_line[l->block] + 1;
			int noted = tnotes_on_block(a, key) > 0;
			const char *ng = tnotes_open_on_block(a, key) > 0 ? nt : nd;
			int marked = l->block >= 0 && l->block < a->nblocks && sess_bookmarked(a, a->blocks[l->block].id);
			const char *g = first && noted ? ng : (first && marked) || (second && noted && marked) ? bm : NULL;
			if (g)
				tui_put(v->win, y, x0 + d->doc_width + 1, g, strlen(g), 1);
		}
		int attr = style_attr(a, l->style);
		size_t pre = l->block >= 0 ? d->doc.block_prefix[l->block] : 0;
		draw_line(a, v, y, x0 + l->indent, v->w - x0 - l->indent, d->doc.text + l->off, l->len,
			  l->block >= 0 || key ? key : -100, l->block_off, pre, attr);
	}
	wattrset(v->win, A_NORMAL);
}

static void scroll_to(struct app *a, struct view *v, int top)
{
	if (top > max_top(a, v))
		top = max_top(a, v);
	if (top < 0)
		top = 0;
	tui_set_top(a, top);
}

/* The first doc line of each section heading, in order; returns how many. */
static int heading_lines(const struct app *a, const struct detail_state *d, int *out, int max)
{
	int n = 0;
	for (int b = 0; b < a->nblocks && b < d->doc.nblocks && n < max; b++)
		if (a->blocks[b].kind == MODEL_HEADING)
			out[n++] = d->doc.block_first_line[b];
	return n;
}

/* { and }: the top of the previous / next section. */
static void section(struct app *a, struct view *v, int dir)
{
	const struct detail_state *d = v->state;
	int lines[256], n = heading_lines(a, d, lines, 256), to = -1;
	if (dir > 0) {
		for (int i = 0; i < n && to < 0; i++)
			if (lines[i] > d->top)
				to = lines[i];
		if (to > max_top(a, v))
			to = -1; /* already shown: the last page */
	} else {
		for (int i = n - 1; i >= 0 && to < 0; i--)
			if (lines[i] < d->top)
				to = lines[i];
		if (to < 0 && d->top > 0)
			to = 0; /* the untitled start, the title */
	}
	if (to < 0)
		snprintf(a->message, sizeof a->message, "%s",
			 dir > 0 ? _("no next section in this item; ] goes to the next")
				 : _("no previous section in this item; [ goes to the previous"));
	else
		scroll_to(a, v, to);
}

void tui_cursor_to(struct app *a, int b)
{
	struct view *v = &a->view[PANE_DETAIL];
	int f, l;
	if (!is_para(a, b) || !tui_block_lines(a, b, &f, &l))
		return;
	a->detail.cur = b;
	int h = v->h > 0 ? v->h : a->rows - 2, top = a->detail.top;
	if (l >= top + h)
		top = l - h + 1; /* its end shown, */
	if (f < top || f >= top + h)
		top = f; /* but its start first */
	if (top != a->detail.top)
		scroll_to(a, v, top);
}

/* J and K: the next / previous paragraph block. */
static void para_step(struct app *a, int dir)
{
	int from = is_para(a, a->detail.cur) ? a->detail.cur : dir > 0 ? -1 : a->nblocks;
	for (int b = from + dir; b >= 0 && b < a->nblocks; b += dir)
		if (is_para(a, b)) {
			tui_cursor_to(a, b);
			return;
		}
	snprintf(a->message, sizeof a->message, "%s",
		 dir > 0 ? _("no next paragraph in this item; ] goes to the next")
			 : _("no previous paragraph in this item; [ goes to the previous"));
}

static int request(struct app *a, struct view *v, enum request r)
{
	const struct detail_state *d = v->state;
	int page = v->h > 2 ? v->h - 1 : 1;
	switch (r) {
	case REQ_UP: scroll_to(a, v, d->top - 1); return 1;
	case REQ_DOWN: scroll_to(a, v, d->top + 1); return 1;
	case REQ_PAGE_UP: scroll_to(a, v, d->top - page); return 1;
	case REQ_HALF_UP: scroll_to(a, v, d->top - (v->h + 1) / 2); return 1;
	case REQ_HALF_DOWN: scroll_to(a, v, d->top + (v->h + 1) / 2); return 1;
	case REQ_PREV_SECTION: section(a, v, -1); return 1;
	case REQ_NEXT_SECTION: section(a, v, 1); return 1;
	case REQ_NEXT_PARA: para_step(a, 1); return 1;
	case REQ_PREV_PARA: para_step(a, -1); return 1;
	case REQ_PAGE_DOWN:
		if (d->top < max_top(a, v)) {
			scroll_to(a, v, d->top + page);
		} else if (a->item + 1 < a->m->nitems) {
			tui_open_item(a, a->item + 1); /* at the end: on to the next item, as mutt's pager */
		} else {
			snprintf(a->message, sizeof a->message, "%s", _("already at the last item"));
		}
		return 1;
	case REQ_HOME: scroll_to(a, v, 0); return 1;
	case REQ_END: scroll_to(a, v, max_top(a, v)); return 1;
	default:
		return 0;
	}
}

/* A click on a paragraph puts the cursor on it. */
static void click(struct app *a, struct view *v, int y, int x)
{
	(void)v;
	(void)x;
	int line = a->detail.top + y;
	if (y >= 0 && line < a->detail.doc.nlines && is_para(a, a->detail.doc.line[line].block))
		a->detail.cur = a->detail.doc.line[line].block;
}

static void wheel(struct app *a, struct view *v, int dir)
{
	const struct detail_state *d = v->state;
	scroll_to(a, v, d->top + 3 * dir);
}

const struct view_ops view_detail_ops = {"detail", update, draw, request, click, wheel};
