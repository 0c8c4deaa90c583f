/* view_list.c — the list pane: the items of the selected chapter, two rows
 * each (number and title; organisation or author). */
#include "anli/view.h"

#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdio.h>
#include <string.h>

#define ROWS_PER_ITEM 2

static void draw(struct app *a, struct view *v)
{
	werase(v->win);
	int focused = a->focus == PANE_LIST;
	wattrset(v->win, focused ? A_BOLD | A_UNDERLINE : A_UNDERLINE);
	struct sbuf s;
	sbuf_init(&s);
	if (a->tree_sel >= 0 && a->tree_sel < a->ntree) {
		const struct tree_row *r = &a->rows_tree[a->tree_sel];
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
	int per_page = (v->h - 1) / ROWS_PER_ITEM;
	if (per_page < 1)
		per_page = 1;
	if (a->list_sel < v->top)
		v->top = a->list_sel;
	if (a->list_sel >= v->top + per_page)
		v->top = a->list_sel - per_page + 1;
	if (v->top < 0)
		v->top = 0;
	for (int i = v->top; i < a->nlist && i - v->top < per_page; i++) {
		const struct model_item *it = &a->m->items[a->list_items[i]];
		int y = 1 + (i - v->top) * ROWS_PER_ITEM;
		int sel = i == a->list_sel, open = a->list_items[i] == a->item;
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
	if (a->nlist == 0)
		mvwaddstr(v->win, 1, 1, _("(empty)"));
	sbuf_free(&s);
}

static int request(struct app *a, struct view *v, enum request r)
{
	int page = (v->h - 1) / ROWS_PER_ITEM;
	if (tui_list_move(&a->list_sel, a->nlist, page > 1 ? page : 1, r))
		return 1;
	switch (r) {
	case REQ_ENTER:
		if (a->nlist) {
			tui_open_item(a, a->list_items[a->list_sel]);
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
	if (y < 1)
		return;
	int i = v->top + (y - 1) / ROWS_PER_ITEM;
	if (i < a->nlist) {
		a->list_sel = i;
		tui_open_item(a, a->list_items[i]);
	}
}

static void wheel(struct app *a, struct view *v, int dir)
{
	(void)v;
	tui_list_move(&a->list_sel, a->nlist, 1, dir > 0 ? REQ_DOWN : REQ_UP);
}

const struct view_ops view_list_ops = {"list", draw, request, click, wheel};
