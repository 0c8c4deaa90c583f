/* list.c — the list pane: the items of the selected chapter, two rows
 * each (number and title; organisation or author).  Its state is struct
 * list_state (a->list); selection and scrolling are the shared list view's. */
#include "anli/view.h"

#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdio.h>
#include <string.h>

#define ROWS_PER_ITEM 2

static void update(struct app *a, struct view *v)
{
	a->list.lv.per = ROWS_PER_ITEM;
	lv_keep_visible(&a->list.lv, v->h - 1);
}

static void draw(const struct app *a, const struct view *v)
{
	werase(v->win);
	int focused = a->focus == PANE_LIST;
	wattrset(v->win, focused ? A_BOLD | A_UNDERLINE : A_UNDERLINE);
	struct sbuf s;
	sbuf_init(&s);
	if (a->tree.lv.sel >= 0 && a->tree.lv.sel < a->tree.lv.n) {
		const struct tree_row *r = &a->tree.rows[a->tree.lv.sel];
		if (r->kind == ROW_CHAPTER) {
			const struct model_chapter *c = &a->m->chapters[r->chapter];
			if (c->label)
				sbuf_printf(&s, "%s ", c->label);
			sbuf_adds(&s, c->title);
		} else {
			sbuf_adds(&s, tui_collection_label(a, r->coll));
		}
	}
	tui_put(v->win, 0, 0, s.s ? s.s : "", s.len, v->w);
	wattrset(v->win, A_NORMAL);
	int per_page = (v->h - 1) / ROWS_PER_ITEM, top = a->list.lv.top;
	if (per_page < 1)
		per_page = 1;
	for (int i = top; i < a->list.lv.n && i - top < per_page; i++) {
		const struct model_item *it = &a->m->items[a->list.items[i]];
		int y = 1 + (i - top) * ROWS_PER_ITEM;
		int sel = i == a->list.lv.sel, open = a->list.items[i] == a->item;
		attr_t at = sel ? (A_REVERSE | (focused ? A_BOLD : 0)) : open ? A_BOLD : A_NORMAL;
		s.len = 0;
		if (it->number)
			sbuf_printf(&s, "%2d ", it->number);
		else
			sbuf_adds(&s, "   ");
		sbuf_adds(&s, it->title ? it->title : _("[title missing in the source]"));
		wattrset(v->win, at);
		if (sel)
			mvwhline(v->win, y, 0, ' ', v->w);
		tui_put(v->win, y, 0, s.s, s.len, v->w);
		if (y + 1 < v->h) {
			s.len = 0;
			sbuf_adds(&s, "   ");
			model_byline(it, &s);
			wattrset(v->win, sel ? (int)at : term_attr(a, PAIR_BYLINE));
			if (sel)
				mvwhline(v->win, y + 1, 0, ' ', v->w);
			tui_put(v->win, y + 1, 0, s.s, s.len, v->w);
		}
		wattrset(v->win, A_NORMAL);
	}
	if (a->list.lv.n == 0)
		mvwaddstr(v->win, 1, 1, _("(empty)"));
	sbuf_free(&s);
}

static int request(struct app *a, struct view *v, enum request r)
{
	a->list.lv.per = ROWS_PER_ITEM;
	if (lv_move(&a->list.lv, r, v->h - 1))
		return 1;
	switch (r) {
	case REQ_ENTER:
		if (lv_selectable(&a->list.lv, a->list.lv.sel)) {
			tui_open_item(a, a->list.items[a->list.lv.sel]);
			a->focus = PANE_DETAIL;
		}
		return 1;
	default:
		return 0;
	}
}

static void click(struct app *a, struct view *v, int y, int x)
{
	(void)v;
	(void)x;
	a->list.lv.per = ROWS_PER_ITEM;
	int i = y >= 1 ? lv_at(&a->list.lv, y - 1) : -1;
	if (lv_selectable(&a->list.lv, i)) {
		a->list.lv.sel = i;
		tui_open_item(a, a->list.items[i]);
	}
}

static void wheel(struct app *a, struct view *v, int dir)
{
	(void)v;
	lv_wheel(&a->list.lv, dir);
}

const struct view_ops view_list_ops = {"list", update, draw, request, click, wheel};
