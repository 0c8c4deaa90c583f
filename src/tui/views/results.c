/* results.c — the results of a whole-book search, in the list pane's
 * place: two rows per hit (number · title · section; the snippet with the
 * hit highlighted).  Its state is struct results_state (a->hitlist);
 * selection and scrolling are the shared list view's; the hits shown are
 * loaded in update, before drawing. */
#include "anli/view.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS 2

/* Keep the selection visible and load the text of the hits on screen. */
static void update(struct app *a, struct view *v)
{
	struct results_state *r = v->state;
	r->lv.per = ROWS;
	lv_keep_visible(&r->lv, v->h - 1);
	int per_page = (v->h - 1) / ROWS;
	struct anli_err err;
	r->err[0] = '\0';
	if (search_load(a->m, &a->res, r->lv.top, per_page > 0 ? per_page : 1, &err))
		snprintf(r->err, sizeof r->err, "%s", err.msg);
}

static void draw(const struct app *a, const struct view *v)
{
	const struct results_state *r = v->state;
	werase(v->win);
	int focused = a->focus == PANE_LIST;
	struct sbuf s;
	sbuf_init(&s);
	int items = 0;
	for (int i = 0; i < r->lv.n; i++)
		if (i == 0 || a->hits[i].item != a->hits[i - 1].item)
			items++;
	sbuf_printf(&s, ngettext("“%s”: %d hit", "“%s”: %d hits", (unsigned long)r->lv.n), a->squery ? a->squery : "",
		    r->lv.n);
	sbuf_printf(&s, ngettext(" in %d item", " in %d items", (unsigned long)items), items);
	size_t n;
	char *clean = lay_sanitize(s.s, s.len, &n);
	wattrset(v->win, focused ? A_BOLD | A_UNDERLINE : A_UNDERLINE);
	tui_put(v->win, 0, 0, clean, n, v->w);
	free(clean);
	wattrset(v->win, A_NORMAL);
	int per_page = (v->h - 1) / ROWS;
	if (per_page < 1)
		per_page = 1;
	int top = r->lv.top;
	if (r->err[0]) {
		tui_put(v->win, 1, 1, r->err, strlen(r->err), v->w - 1);
		sbuf_free(&s);
		return;
	}
	for (int i = top; i < r->lv.n && i - top < per_page; i++) {
		const struct search_hit *h = &a->hits[i];
		const struct model_item *it = &a->m->items[h->item];
		int y = 1 + (i - top) * ROWS, sel = i == r->lv.sel;
		s.len = 0;
		if (it->number)
			sbuf_printf(&s, "%2d ", it->number);
		sbuf_adds(&s, it->title ? it->title : _("[title missing in the source]"));
		if (h->section)
			sbuf_printf(&s, "%s%s", glyph(GLYPH_FIELD_SEP), h->section);
		clean = lay_sanitize(s.s, s.len, &n);
		attr_t at = sel ? A_REVERSE | (focused ? A_BOLD : 0) : A_NORMAL;
		wattrset(v->win, at);
		if (sel)
			mvwhline(v->win, y, 0, ' ', v->w);
		tui_put(v->win, y, 0, clean, n, v->w);
		free(clean);
		if (y + 1 >= v->h)
			break;
		/* the snippet: context, the hit in reverse (bold when selected), context */
		size_t ho, hl;
		int ctx = v->w / 4 > 4 ? v->w / 4 : 4;
		char *snip = search_snippet(h, ctx, &ho, &hl);
		char *pre = lay_sanitize(snip, ho, NULL), *hit = lay_sanitize(snip + ho, hl, NULL),
		     *post = lay_sanitize(snip + ho + hl, strlen(snip + ho + hl), NULL);
		/* keep the hit in view: trim the context before it to a third of the row */
		const char *p = pre;
		int room = v->w - 3;
		while (lay_strwidth(p, strlen(p)) > room / 3 && *p) {
			p++;
			while ((*p & 0xC0) == 0x80)
				p++;
		}
		wattrset(v->win, sel ? A_REVERSE : A_NORMAL);
		if (sel)
			mvwhline(v->win, y + 1, 0, ' ', v->w);
		int x = 3;
		x += tui_put(v->win, y + 1, x, p, strlen(p), v->w - x);
		wattrset(v->win, (sel ? A_NORMAL : A_REVERSE) | A_BOLD);
		x += tui_put(v->win, y + 1, x, hit, strlen(hit), v->w - x);
		wattrset(v->win, sel ? A_REVERSE : A_NORMAL);
		tui_put(v->win, y + 1, x, post, strlen(post), v->w - x);
		free(pre);
		free(hit);
		free(post);
		free(snip);
		wattrset(v->win, A_NORMAL);
	}
	if (r->lv.n == 0)
		mvwaddstr(v->win, 1, 1, _("nothing found"));
	sbuf_free(&s);
}

static int request(struct app *a, struct view *v, enum request req)
{
	struct results_state *r = v->state;
	r->lv.per = ROWS;
	if (lv_move(&r->lv, req, v->h - 1))
		return 1;
	switch (req) {
	case REQ_ENTER:
		if (lv_selectable(&r->lv, r->lv.sel)) {
			tui_open_hit(a, r->lv.sel);
			a->focus = PANE_DETAIL;
		}
		return 1;
	default:
		return 0;
	}
}

static void click(struct app *a, struct view *v, int y, int x)
{
	(void)x;
	struct results_state *r = v->state;
	r->lv.per = ROWS;
	int i = y >= 1 ? lv_at(&r->lv, y - 1) : -1;
	if (lv_selectable(&r->lv, i)) {
		r->lv.sel = i;
		tui_open_hit(a, i);
	}
}

static void wheel(struct app *a, struct view *v, int dir)
{
	(void)a;
	struct results_state *r = v->state;
	lv_wheel(&r->lv, dir);
}

const struct view_ops view_results_ops = {"results", update, draw, request, click, wheel};
