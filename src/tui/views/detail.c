/* detail.c — the detail pane: the open item, laid out by doc.c.  Its state
 * is struct detail_state (a->detail), shared with the / search (find.c),
 * which scrolls it to a match. */
#include "anli/view.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/session.h"

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
	const char *cur = glyph(GLYPH_CURSOR), *bm = glyph(GLYPH_BOOKMARK);
	for (int y = 0; y < v->h && d->top + y < d->doc.nlines; y++) {
		const struct doc_line *l = &d->doc.line[d->top + y];
		/* the margins: the cursor beside each line of the current
		 * paragraph, a bookmark beside a bookmarked block's first line */
		wattrset(v->win, A_BOLD);
		if (l->block >= 0 && l->block == d->cur && x0 > 0)
			tui_put(v->win, y, x0 - 1, cur, strlen(cur), 1);
		if (l->block >= 0 && l->block < a->nblocks && d->top + y == d->doc.block_first_line[l->block] &&
		    x0 + d->doc_width < v->w && sess_bookmarked(a, a->blocks[l->block].id))
			tui_put(v->win, y, x0 + d->doc_width, bm, strlen(bm), 1);
		int attr = style_attr(a, l->style);
		wattrset(v->win, attr);
		const char *text = d->doc.text + l->off;
		int x = x0 + l->indent, room = v->w - x0 - l->indent;
		size_t done = 0;
		int key = l->block >= 0 ? l->block : tui_title_key(l->style);
		if (l->block >= 0 || key) {
			/* highlighted matches on this line, in order */
			size_t pre = l->block >= 0 ? d->doc.block_prefix[l->block] : 0;
			size_t lo = l->block_off, hi = l->block_off + l->len;
			for (int k = 0; k < a->nmatches; k++) {
				const struct match *mt = &a->matches[k];
				if (mt->block != key)
					continue;
				size_t ms = mt->start + pre, me = mt->end + pre;
				if (me <= lo || ms >= hi)
					continue;
				size_t s0 = (ms > lo ? ms : lo) - lo, e0 = (me < hi ? me : hi) - lo;
				if (s0 < done)
					s0 = done;
				if (e0 <= s0)
					continue;
				wattrset(v->win, attr);
				x += tui_put(v->win, y, x, text + done, s0 - done, room - (x - x0 - l->indent));
				wattrset(v->win, attr | A_REVERSE | (k == a->cur_match ? A_BOLD | A_UNDERLINE : 0));
				x += tui_put(v->win, y, x, text + s0, e0 - s0, room - (x - x0 - l->indent));
				done = e0;
			}
		}
		wattrset(v->win, attr);
		tui_put(v->win, y, x, text + done, l->len - done, room - (x - x0 - l->indent));
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
