/* list.c — the list pane: the items of the selected chapter, two rows
 * each (number and title; organisation or author).  Its state is struct
 * list_state (a->list): the items of one tree row; selection and scrolling are the shared list view's. */
#include "anli/view.h"

#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/glyph.h"
#include "anli/session.h"
#include "anli/tnotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ROWS_PER_ITEM 2

void list_fill(struct list_state *l, const struct model *m, const struct tree_row *r, int open_item)
{
	free(l->items);
	l->items = xcalloc((size_t)m->nitems + 1, sizeof *l->items);
	int n = 0;
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		int in = r->kind == ROW_FOREWORD   ? i == r->item
			 : r->kind == ROW_CHAPTER ? it->chapter == r->chapter
						  : !strcmp(it->collection_id, m->collections[r->coll].id);
		if (in)
			l->items[n++] = i;
	}
	lv_reset(&l->lv, n, NULL, 0);
	l->row = *r;
	l->filled = 1;
	list_mark(l, open_item);
}

void list_mark(struct list_state *l, int item)
{
	for (int k = 0; k < l->lv.n; k++)
		if (l->items[k] == item)
			l->lv.sel = k;
}

static void update(struct app *a, struct view *v)
{
	(void)a;
	struct list_state *l = v->state;
	l->lv.per = ROWS_PER_ITEM;
	lv_keep_visible(&l->lv, v->h - 1);
}

static void draw(const struct app *a, const struct view *v)
{
	const struct list_state *l = v->state;
	werase(v->win);
	int focused = a->focus == PANE_LIST;
	struct sbuf s;
	sbuf_init(&s);
	if (l->filled) {
		const struct tree_row *r = &l->row;
		if (r->kind == ROW_CHAPTER) {
			model_chapter_label(&a->m->chapters[r->chapter], &s); /* the one label */
		} else {
			sbuf_adds(&s, tui_collection_label(a, r->coll));
		}
	}
	tui_title(a, v->win, focused, s.s, s.len, 0);
	int per_page = (v->h - 1) / ROWS_PER_ITEM, top = l->lv.top;
	if (per_page < 1)
		per_page = 1;
	for (int i = top; i < l->lv.n && i - top < per_page; i++) {
		const struct model_item *it = &a->m->items[l->items[i]];
		int y = 1 + (i - top) * ROWS_PER_ITEM;
		int sel = i == l->lv.sel, open = l->items[i] == a->item;
		attr_t at = sel ? (A_REVERSE | (focused ? A_BOLD : 0)) : open ? A_BOLD : A_NORMAL;
		s.len = 0;
		sess_flags(a, l->items[i], &s); /* unread, review */
		if (it->number)
			sbuf_printf(&s, "%2d ", it->number);
		else
			sbuf_adds(&s, "   ");
		sbuf_adds(&s, it->title ? it->title : _("[title missing in the source]"));
		wattrset(v->win, at);
		if (sel)
			mvwhline(v->win, y, 0, ' ', v->w);
		/* the open notes (#2) at the right, whole: the title is cut first */
		char nb[32] = "";
		int nn = tnotes_item_open(a, l->items[i]);
		if (nn)
			snprintf(nb, sizeof nb, " %s%d", glyph(GLYPH_NOTE), nn);
		int nw = nn ? lay_strwidth(nb, strlen(nb)) : 0;
		if (nw > v->w / 2)
			nw = 0;
		int used = tui_put(v->win, y, 0, s.s, s.len, v->w - nw);
		if (nw)
			tui_put(v->win, y, used, nb, strlen(nb), nw);
		if (y + 1 < v->h) {
			s.len = 0;
			sbuf_adds(&s, "     ");
			model_byline(it, &s);
			wattrset(v->win, sel ? (int)at : term_attr(a, PAIR_BYLINE));
			if (sel)
				mvwhline(v->win, y + 1, 0, ' ', v->w);
			tui_put(v->win, y + 1, 0, s.s, s.len, v->w);
		}
		wattrset(v->win, A_NORMAL);
	}
	if (l->lv.n == 0)
		mvwaddstr(v->win, 1, 1, _("(empty)"));
	sbuf_free(&s);
}

static int request(struct app *a, struct view *v, enum request r)
{
	struct list_state *l = v->state;
	l->lv.per = ROWS_PER_ITEM;
	if (lv_move(&l->lv, r, v->h - 1)) {
		a->preview = 1; /* opened once every ready key is handled (tui.c) */
		return 1;
	}
	switch (r) {
	case REQ_ENTER:
		if (lv_selectable(&l->lv, l->lv.sel)) {
			tui_open_item(a, l->items[l->lv.sel]);
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
	struct list_state *l = v->state;
	l->lv.per = ROWS_PER_ITEM;
	int i = y >= 1 ? lv_at(&l->lv, y - 1) : -1;
	if (lv_selectable(&l->lv, i)) {
		l->lv.sel = i;
		tui_open_item(a, l->items[i]);
	}
}

static void wheel(struct app *a, struct view *v, int dir)
{
	struct list_state *l = v->state;
	lv_wheel(&l->lv, dir);
	a->preview = 1;
}

const struct view_ops view_list_ops = {"list", update, draw, request, click, wheel};
