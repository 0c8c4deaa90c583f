/* tree.c — the tree pane: collections, their forewords and chapters.  Its
 * state is struct tree_state (a->tree); selection and scrolling are the
 * shared list view's (listview.c). */
#include "anli/view.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/session.h"
#include "anli/tnotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tree_rebuild(struct tree_state *t, const struct model *m)
{
	free(t->rows);
	t->rows = xcalloc((size_t)(m->ncollections + m->nchapters + m->nitems + 1), sizeof *t->rows);
	int n = 0;
	for (int c = 0; c < m->ncollections; c++) {
		t->rows[n++] = (struct tree_row){ROW_COLLECTION, c, -1, -1};
		if (!t->expanded[c])
			continue;
		for (int i = 0; i < m->nitems; i++)
			if (!strcmp(m->items[i].kind, "foreword") &&
			    !strcmp(m->items[i].collection_id, m->collections[c].id))
				t->rows[n++] = (struct tree_row){ROW_FOREWORD, c, -1, i};
		for (int k = 0; k < m->nchapters; k++)
			if (!strcmp(m->chapters[k].collection_id, m->collections[c].id))
				t->rows[n++] = (struct tree_row){ROW_CHAPTER, c, k, -1};
	}
	int top = t->lv.top;
	lv_reset(&t->lv, n, NULL, t->lv.sel);
	t->lv.top = top;
}

int tree_reveal(struct tree_state *t, const struct model *m, int item)
{
	const struct model_item *it = &m->items[item];
	for (int c = 0; c < m->ncollections; c++)
		if (!strcmp(m->collections[c].id, it->collection_id) && !t->expanded[c]) {
			t->expanded[c] = 1;
			tree_rebuild(t, m);
		}
	int want = -1;
	for (int r = 0; r < t->lv.n; r++) {
		const struct tree_row *row = &t->rows[r];
		if ((row->kind == ROW_CHAPTER && row->chapter == it->chapter && it->chapter >= 0) ||
		    (row->kind == ROW_FOREWORD && row->item == item))
			want = r;
	}
	return want;
}

/* A row as a label (cut at the pane edge if need be) and a suffix that is
 * shown whole: the counts at LEVEL of detail (0 all, 1 no review roll-up,
 * 2 none) and, during a search, the hits. */
static void row_label(const struct app *a, const struct tree_state *t, const struct tree_row *r, struct sbuf *out,
		      struct sbuf *suffix, int level)
{
	const struct model *m = a->m;
	switch (r->kind) {
	case ROW_COLLECTION:
		sbuf_adds(out, glyph(t->expanded[r->coll] ? GLYPH_EXPANDED : GLYPH_COLLAPSED));
		sbuf_adds(out, " ");
		sbuf_adds(out, tui_collection_label(a, r->coll));
		break;
	case ROW_FOREWORD: /* an item itself: its unread flag in the first column */
		sbuf_adds(out, sess_read(a, r->item) ? " " : glyph(GLYPH_UNREAD));
		sbuf_adds(out, m->items[r->item].title ? m->items[r->item].title : _("Foreword"));
		if (tnotes_item_open(a, r->item))
			sbuf_printf(suffix, " %s%d", glyph(GLYPH_NOTE), tnotes_item_open(a, r->item));
		break;
	case ROW_CHAPTER: {
		const struct model_chapter *c = &m->chapters[r->chapter];
		sbuf_adds(out, " ");
		model_chapter_label(c, out); /* the one label */
		int hits = a->results_shown && a->chapter_hits ? a->chapter_hits[r->chapter] : 0;
		/* What a narrower tree gives up, in this one place: the title is
		 * cut first (draw), then (level 1) the review roll-up, then
		 * (level 2) the item count; the open notes (#3) stay, the
		 * proofreader's work; the hits of a search win: with hits, from
		 * level 1 on they stand alone, short.  "*": where the chapter
		 * begins is inferred (as in `anli stats`). */
		int notes = tnotes_chapter_open(a, r->chapter);
		if (!level || !hits)
			sess_rollup(a, r->chapter, level, suffix); /* (4/6*) ✓1 !2 */
		if (notes && (!level || !hits))
			sbuf_printf(suffix, " %s%d", glyph(GLYPH_NOTE), notes);
		if (hits)
			sbuf_printf(suffix, level ? " [%d]" : ngettext(" [%d hit]", " [%d hits]", (unsigned long)hits),
				    hits);
		break;
	}
	}
}

static void update(struct app *a, struct view *v)
{
	(void)a;
	struct tree_state *t = v->state;
	lv_keep_visible(&t->lv, v->h - 1);
}

static void draw(const struct app *a, const struct view *v)
{
	const struct tree_state *t = v->state;
	werase(v->win);
	int focused = a->focus == PANE_TREE;
	const char *hdr = _("Contents");
	tui_title(a, v->win, focused, hdr, strlen(hdr), 0);
	int rows = v->h - 1, top = t->lv.top;
	struct sbuf s, suf;
	sbuf_init(&s);
	sbuf_init(&suf);
	for (int i = top; i < t->lv.n && i - top < rows; i++) {
		s.len = 0;
		suf.len = 0;
		sbuf_addn(&suf, "", 0);
		int level = 0;
		row_label(a, t, &t->rows[i], &s, &suf, level);
		int y = 1 + i - top;
		attr_t at = t->rows[i].kind == ROW_COLLECTION ? A_BOLD : A_NORMAL;
		if (i == t->lv.sel)
			at |= A_REVERSE;
		wattrset(v->win, at);
		if (i == t->lv.sel)
			mvwhline(v->win, y, 0, ' ', v->w);
		int sw = lay_strwidth(suf.s, suf.len);
		while (sw > v->w / 2 && level < 2) { /* narrow: less detail, the title cut */
			s.len = suf.len = 0;
			sbuf_addn(&suf, "", 0);
			row_label(a, t, &t->rows[i], &s, &suf, ++level);
			sw = lay_strwidth(suf.s, suf.len);
		}
		if (sw > v->w - 3)
			sw = v->w - 3;
		int used = tui_put(v->win, y, 0, s.s, s.len, v->w - sw);
		if (sw)
			tui_put(v->win, y, used, suf.s, suf.len, sw);
		wattrset(v->win, A_NORMAL);
	}
	sbuf_free(&s);
	sbuf_free(&suf);
}

/* Choose a row: the list follows it, and so do search results shown. */
static void choose(struct app *a, int row)
{
	tui_select_row(a, row);
	if (lv_selectable(&a->tree.lv, row))
		tui_results_limit(a, &a->tree.rows[row]);
}

static int request(struct app *a, struct view *v, enum request r)
{
	struct tree_state *t = v->state;
	struct listview lv = t->lv;
	if (lv_move(&lv, r, v->h - 1)) {
		if (lv.sel >= 0 && lv.sel != t->lv.sel)
			choose(a, lv.sel); /* refills the list */
		return 1;
	}
	switch (r) {
	case REQ_ENTER: {
		if (!lv_selectable(&t->lv, t->lv.sel))
			return 1; /* no rows: a database without collections */
		const struct tree_row *row = &t->rows[t->lv.sel];
		if (row->kind == ROW_COLLECTION) {
			int coll = row->coll;
			t->expanded[coll] = !t->expanded[coll];
			tree_rebuild(t, a->m);
			for (int i = 0; i < t->lv.n; i++)
				if (t->rows[i].kind == ROW_COLLECTION && t->rows[i].coll == coll)
					choose(a, i);
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
	struct tree_state *t = v->state;
	int row = y >= 1 ? lv_at(&t->lv, y - 1) : -1;
	if (!lv_selectable(&t->lv, row))
		return;
	if (row == t->lv.sel && t->rows[row].kind == ROW_COLLECTION)
		request(a, v, REQ_ENTER);
	else
		choose(a, row);
}

static void wheel(struct app *a, struct view *v, int dir)
{
	request(a, v, dir > 0 ? REQ_DOWN : REQ_UP);
}

const struct view_ops view_tree_ops = {"tree", update, draw, request, click, wheel};
