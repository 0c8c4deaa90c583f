/* detail.c — the detail pane: the open item, laid out by doc.c.  Its state
 * is struct detail_state (a->detail), shared with the / search (find.c),
 * which scrolls it to a match. */
#include "anli/view.h"

#include "anli/layout.h"

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

static int max_top(const struct app *a, const struct view *v)
{
	(void)a;
	const struct detail_state *d = v->state;
	int t = d->doc.nlines - v->h;
	return t > 0 ? t : 0;
}

/* The scroll position within the doc laid out for this size. */
static void update(struct app *a, struct view *v)
{
	struct detail_state *d = v->state;
	if (d->top > max_top(a, v))
		d->top = max_top(a, v);
	if (d->top < 0)
		d->top = 0;
}

static void draw(const struct app *a, const struct view *v)
{
	const struct detail_state *d = v->state;
	/* a blank column after the pane separator; none when zoomed, where
	 * column 0 lets a one-line scroll cost no cursor movement */
	const int PAD = a->zoom ? 0 : 1;
	werase(v->win);
	for (int y = 0; y < v->h && d->top + y < d->doc.nlines; y++) {
		const struct doc_line *l = &d->doc.line[d->top + y];
		int attr = style_attr(a, l->style);
		wattrset(v->win, attr);
		const char *text = d->doc.text + l->off;
		int x = PAD + l->indent, room = v->w - PAD - l->indent;
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
				x += tui_put(v->win, y, x, text + done, s0 - done, room - (x - PAD - l->indent));
				wattrset(v->win, attr | A_REVERSE | (k == a->cur_match ? A_BOLD | A_UNDERLINE : 0));
				x += tui_put(v->win, y, x, text + s0, e0 - s0, room - (x - PAD - l->indent));
				done = e0;
			}
		}
		wattrset(v->win, attr);
		tui_put(v->win, y, x, text + done, l->len - done, room - (x - PAD - l->indent));
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

static int request(struct app *a, struct view *v, enum request r)
{
	const struct detail_state *d = v->state;
	int page = v->h > 2 ? v->h - 1 : 1;
	switch (r) {
	case REQ_UP: scroll_to(a, v, d->top - 1); return 1;
	case REQ_DOWN: scroll_to(a, v, d->top + 1); return 1;
	case REQ_PAGE_UP: scroll_to(a, v, d->top - page); return 1;
	case REQ_PAGE_DOWN: scroll_to(a, v, d->top + page); return 1;
	case REQ_HOME: scroll_to(a, v, 0); return 1;
	case REQ_END: scroll_to(a, v, max_top(a, v)); return 1;
	default:
		return 0;
	}
}

static void click(struct app *a, struct view *v, int y, int x)
{
	(void)a;
	(void)v;
	(void)y;
	(void)x;
}

static void wheel(struct app *a, struct view *v, int dir)
{
	const struct detail_state *d = v->state;
	scroll_to(a, v, d->top + 3 * dir);
}

const struct view_ops view_detail_ops = {"detail", update, draw, request, click, wheel};
