/* app.c — the reader's state and navigation: the tree's rows, the list of
 * the selected row, the open item and the reading position, which pane
 * stands where. */
#include "anli/view.h"

#include "anli/draw.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

const char *tui_collection_label(const struct app *a, int coll)
{
	const struct model_collection *c = &a->m->collections[coll];
	if (c->title)
		return c->title;
	if (!strcmp(c->id, "leaders"))
		return _("Leaders' articles");
	return c->id;
}

int tui_put(WINDOW *w, int y, int x, const char *raw, size_t rawn, int width)
{
	if (width <= 0)
		return 0;
	/* nothing from the data reaches the terminal unsanitized */
	size_t n;
	char *s = lay_sanitize(raw, rawn, &n);
	int used = draw_text(w, y, x, s, n, width);
	free(s);
	return used;
}

void tui_rebuild_tree(struct app *a)
{
	const struct model *m = a->m;
	free(a->tree.rows);
	a->tree.rows = xcalloc((size_t)(m->ncollections + m->nchapters + m->nitems + 1), sizeof *a->tree.rows);
	a->tree.lv.n = 0;
	for (int c = 0; c < m->ncollections; c++) {
		a->tree.rows[a->tree.lv.n++] = (struct tree_row){ROW_COLLECTION, c, -1, -1};
		if (!a->tree.expanded[c])
			continue;
		for (int i = 0; i < m->nitems; i++)
			if (!strcmp(m->items[i].kind, "foreword") &&
			    !strcmp(m->items[i].collection_id, m->collections[c].id))
				a->tree.rows[a->tree.lv.n++] = (struct tree_row){ROW_FOREWORD, c, -1, i};
		for (int k = 0; k < m->nchapters; k++)
			if (!strcmp(m->chapters[k].collection_id, m->collections[c].id))
				a->tree.rows[a->tree.lv.n++] = (struct tree_row){ROW_CHAPTER, c, k, -1};
	}
	if (a->tree.lv.sel >= a->tree.lv.n)
		a->tree.lv.sel = a->tree.lv.n - 1;
}

void tui_select_row(struct app *a, int row)
{
	const struct model *m = a->m;
	if (row < 0 || row >= a->tree.lv.n)
		return; /* no such row (a database without collections has none) */
	a->tree.lv.sel = row;
	const struct tree_row *r = &a->tree.rows[row];
	free(a->list.items);
	a->list.items = xcalloc((size_t)m->nitems, sizeof *a->list.items);
	a->list.lv.n = 0;
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		int in = r->kind == ROW_FOREWORD   ? i == r->item
			 : r->kind == ROW_CHAPTER ? it->chapter == r->chapter
						  : !strcmp(it->collection_id, m->collections[r->coll].id);
		if (in)
			a->list.items[a->list.lv.n++] = i;
	}
	a->list.lv.sel = 0;
	for (int k = 0; k < a->list.lv.n; k++)
		if (a->list.items[k] == a->item)
			a->list.lv.sel = k;
	a->list.lv.top = 0;
}

void tui_set_top(struct app *a, int top)
{
	a->dtop = top;
	a->anchor_block = -1;
	a->anchor_off = 0;
	if (top > 0 && top < a->doc.nlines) {
		a->anchor_block = a->doc.line[top].block;
		a->anchor_off = a->doc.line[top].block_off;
		/* on a blank line, the block below */
		for (int k = top; a->anchor_block < 0 && k < a->doc.nlines; k++)
			if (a->doc.line[k].block >= 0) {
				a->anchor_block = a->doc.line[k].block;
				a->anchor_off = 0;
			}
	}
}

static int detail_width(const struct app *a)
{
	int w = a->view[PANE_DETAIL].w - (a->zoom ? 1 : 2);
	return w < 4 ? 4 : w;
}

void tui_layout_doc(struct app *a)
{
	int w = detail_width(a);
	if (a->doc.text && a->doc_width == w)
		return;
	doc_free(&a->doc);
	doc_build(&a->doc, &a->m->items[a->item], a->blocks, a->nblocks, w, _("[title missing in the source]"),
		  _("[the rest is missing in the source]"));
	a->doc_width = w;
	int line = a->anchor_block >= 0 ? doc_line_of(&a->doc, a->anchor_block, a->anchor_off) : 0;
	a->dtop = line >= 0 ? line : 0;
}

static void sync_selection(struct app *a)
{
	const struct model_item *it = &a->m->items[a->item];
	int want = -1;
	for (int c = 0; c < a->m->ncollections; c++)
		if (!strcmp(a->m->collections[c].id, it->collection_id) && !a->tree.expanded[c]) {
			a->tree.expanded[c] = 1;
			tui_rebuild_tree(a);
		}
	for (int r = 0; r < a->tree.lv.n; r++) {
		const struct tree_row *row = &a->tree.rows[r];
		if ((row->kind == ROW_CHAPTER && row->chapter == it->chapter && it->chapter >= 0) ||
		    (row->kind == ROW_FOREWORD && row->item == a->item))
			want = r;
	}
	if (want >= 0 && want != a->tree.lv.sel)
		tui_select_row(a, want);
	for (int k = 0; k < a->list.lv.n; k++)
		if (a->list.items[k] == a->item)
			a->list.lv.sel = k;
}

void tui_open_item(struct app *a, int item)
{
	struct anli_err err;
	struct model_block *b;
	int n;
	if (model_blocks(a->m, item, &b, &n, &err)) {
		snprintf(a->message, sizeof a->message, "%s", err.msg);
		return;
	}
	model_blocks_free(a->blocks, a->nblocks);
	a->blocks = b;
	a->nblocks = n;
	a->item = item;
	a->dtop = 0;
	free(a->matches);
	a->matches = NULL;
	a->nmatches = 0;
	a->cur_match = -1;
	a->from_results = 0;
	a->anchor_block = -1;
	a->anchor_off = 0;
	doc_free(&a->doc);
	tui_layout_doc(a);
	sync_selection(a);
	if (a->find && *a->find)
		tui_find_matches(a, a->find, 0); /* the / search goes on in the new item (n, N) */
}

/* The view in a pane's place: the search results stand in for the list. */
struct view *tui_pane(struct app *a, enum pane p)
{
	if (p == PANE_LIST && a->results_shown) {
		struct view *l = &a->view[PANE_LIST], *r = &a->results;
		r->win = l->win;
		r->y = l->y;
		r->x = l->x;
		r->h = l->h;
		r->w = l->w;
		return r;
	}
	return &a->view[p];
}

