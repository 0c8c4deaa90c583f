/* view_tree.c — the tree pane: collections, their forewords and chapters. */
#include "anli/view.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdio.h>
#include <string.h>

/* A row as a label (cut at the pane edge if need be) and a suffix that is
 * always shown whole: the item count and, during a search, the hits. */
static void row_label(struct app *a, const struct tree_row *r, struct sbuf *out, struct sbuf *suffix)
{
	const struct model *m = a->m;
	switch (r->kind) {
	case ROW_COLLECTION:
		sbuf_adds(out, glyph(a->expanded[r->coll] ? GLYPH_EXPANDED : GLYPH_COLLAPSED));
		sbuf_adds(out, " ");
		sbuf_adds(out, tui_collection_label(a, r->coll));
		break;
	case ROW_FOREWORD:
		sbuf_adds(out, " ");
		sbuf_adds(out, m->items[r->item].title ? m->items[r->item].title : _("Foreword"));
		break;
	case ROW_CHAPTER: {
		const struct model_chapter *c = &m->chapters[r->chapter];
		sbuf_adds(out, " ");
		if (c->label)
			sbuf_printf(out, "%s ", c->label);
		else
			sbuf_printf(out, "%d ", c->number);
		sbuf_adds(out, c->title);
		/* "*": where the chapter begins is inferred (as in `anli stats`) */
		sbuf_printf(suffix, c->start_inferred ? " (%d*)" : " (%d)", c->nitems);
		if (a->results_shown && a->chapter_hits && a->chapter_hits[r->chapter])
			sbuf_printf(suffix, ngettext(" [%d hit]", " [%d hits]", (unsigned long)a->chapter_hits[r->chapter]),
				    a->chapter_hits[r->chapter]);
		break;
	}
	}
}

static void keep_visible(struct view *v, int sel, int rows)
{
	if (sel < v->top)
		v->top = sel;
	if (sel >= v->top + rows)
		v->top = sel - rows + 1;
	if (v->top < 0)
		v->top = 0;
}

static void draw(struct app *a, struct view *v)
{
	werase(v->win);
	int focused = a->focus == PANE_TREE;
	wattrset(v->win, focused ? A_BOLD | A_UNDERLINE : A_UNDERLINE);
	const char *hdr = _("Contents");
	tui_put(v->win, 0, 0, hdr, strlen(hdr), v->w);
	wattrset(v->win, A_NORMAL);
	int rows = v->h - 1;
	keep_visible(v, a->tree_sel, rows);
	struct sbuf s, suf;
	sbuf_init(&s);
	sbuf_init(&suf);
	for (int i = v->top; i < a->ntree && i - v->top < rows; i++) {
		s.len = 0;
		suf.len = 0;
		sbuf_addn(&suf, "", 0);
		row_label(a, &a->rows_tree[i], &s, &suf);
		int y = 1 + i - v->top;
		attr_t at = a->rows_tree[i].kind == ROW_COLLECTION ? A_BOLD : A_NORMAL;
		if (i == a->tree_sel)
			at |= A_REVERSE;
		wattrset(v->win, at);
		if (i == a->tree_sel)
			mvwhline(v->win, y, 0, ' ', v->w);
		int sw = lay_strwidth(suf.s, suf.len);
		if (sw > v->w / 2)
			sw = 0; /* too narrow for the counts */
		int used = tui_put(v->win, y, 0, s.s, s.len, v->w - sw);
		if (sw)
			tui_put(v->win, y, used, suf.s, suf.len, sw);
		wattrset(v->win, A_NORMAL);
	}
	sbuf_free(&s);
	sbuf_free(&suf);
}

static int request(struct app *a, struct view *v, enum request r)
{
	int sel = a->tree_sel, page = v->h - 2 > 1 ? v->h - 2 : 1;
	if (tui_list_move(&sel, a->ntree, page, r)) {
		tui_select_row(a, sel);
		return 1;
	}
	switch (r) {
	case REQ_ENTER: {
		if (a->tree_sel < 0 || a->tree_sel >= a->ntree)
			return 1; /* no rows: a database without collections */
		const struct tree_row *row = &a->rows_tree[a->tree_sel];
		if (row->kind == ROW_COLLECTION) {
			int coll = row->coll;
			a->expanded[coll] = !a->expanded[coll];
			tui_rebuild_tree(a);
			for (int i = 0; i < a->ntree; i++)
				if (a->rows_tree[i].kind == ROW_COLLECTION && a->rows_tree[i].coll == coll)
					tui_select_row(a, i);
		} else {
			a->focus = PANE_LIST;
		}
		return 1;
	}
	default:
		return 0;
	}
}

static void click(struct app *a, struct view *v, int y, int x)
{
	(void)x;
	int row = v->top + y - 1;
	if (y >= 1 && row < a->ntree) {
		if (row == a->tree_sel && a->rows_tree[row].kind == ROW_COLLECTION)
			request(a, v, REQ_ENTER);
		else
			tui_select_row(a, row);
	}
}

static void wheel(struct app *a, struct view *v, int dir)
{
	request(a, v, dir > 0 ? REQ_DOWN : REQ_UP);
}

const struct view_ops view_tree_ops = {"tree", draw, request, click, wheel};
