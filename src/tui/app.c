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
	return model_collection_label(a->m, a->m->collections[coll].id); /* the one label (model.c) */
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

void tui_title(const struct app *a, WINDOW *w, int focused, const char *s, size_t n, int tx)
{
	(void)a;
	int width = getmaxx(w), x = 0;
	wattrset(w, focused ? A_REVERSE | A_BOLD : A_UNDERLINE);
	if (focused) {
		mvwhline(w, 0, 0, ' ', width);
		const char *g = glyph(GLYPH_FOCUS);
		x = tui_put(w, 0, 0, g, strlen(g), width);
		x += tui_put(w, 0, x, " ", 1, width - x);
	}
	if (tx > x && tx < width)
		x = tx;
	tui_put(w, 0, x, s ? s : "", s ? n : 0, width - x);
	wattrset(w, A_NORMAL);
}

void tui_rebuild_tree(struct app *a)
{
	tree_rebuild(&a->tree, a->m);
}

void tui_select_row(struct app *a, int row)
{
	if (!lv_selectable(&a->tree.lv, row))
		return; /* no such row (a database without collections has none) */
	a->tree.lv.sel = row;
	list_fill(&a->list, a->m, &a->tree.rows[row], a->item);
}

void tui_set_top(struct app *a, int top)
{
	a->detail.top = top;
	a->detail.anchor_block = -1;
	a->detail.anchor_off = 0;
	if (top > 0 && top < a->detail.doc.nlines) {
		a->detail.anchor_block = a->detail.doc.line[top].block;
		a->detail.anchor_off = a->detail.doc.line[top].block_off;
		/* on a blank line, the block below */
		for (int k = top; a->detail.anchor_block < 0 && k < a->detail.doc.nlines; k++)
			if (a->detail.doc.line[k].block >= 0) {
				a->detail.anchor_block = a->detail.doc.line[k].block;
				a->detail.anchor_off = 0;
			}
	}
}

static int detail_width(const struct app *a)
{
	/* the margins: the cursor's on the left; on the right a blank column,
	 * then the notes' and bookmarks' marks (never touching the text) */
	int w = a->view[PANE_DETAIL].w - 3;
	if (w > TEXT_MAX_COLS)
		w = TEXT_MAX_COLS; /* the comfortable measure; the rest is margin (detail.c) */
	return w < 4 ? 4 : w;
}

int tui_text_x(const struct app *a)
{
	int x0 = 1, w = a->view[PANE_DETAIL].w, dw = a->detail.doc_width;
	int margin = (w - x0 - dw) / 2;
	return margin > 0 && dw >= TEXT_MAX_COLS ? x0 + margin : x0;
}

void tui_layout_doc(struct app *a)
{
	int w = detail_width(a);
	if (a->detail.doc.text && a->detail.doc_width == w)
		return;
	doc_free(&a->detail.doc);
	doc_build(&a->detail.doc, &a->m->items[a->item], a->blocks, a->nblocks, w, _("[title missing in the source]"),
		  _("[the rest is missing in the source]"));
	a->detail.doc_width = w;
	int line = a->detail.anchor_block >= 0 ? doc_line_of(&a->detail.doc, a->detail.anchor_block, a->detail.anchor_off) : 0;
	a->detail.top = line >= 0 ? line : 0;
}

/* The tree and the list follow the open item. */
static void sync_selection(struct app *a)
{
	int want = tree_reveal(&a->tree, a->m, a->item);
	if (want >= 0 && want != a->tree.lv.sel)
		tui_select_row(a, want);
	list_mark(&a->list, a->item);
}

static int load_item(struct app *a, int item)
{
	struct anli_err err;
	struct model_block *b;
	int n;
	if (model_blocks(a->m, item, &b, &n, &err)) {
		snprintf(a->message, sizeof a->message, "%s", err.msg);
		return -1;
	}
	model_blocks_free(a->blocks, a->nblocks);
	a->blocks = b;
	a->nblocks = n;
	a->item = item;
	a->detail.top = 0;
	free(a->matches);
	a->matches = NULL;
	a->nmatches = 0;
	a->cur_match = -1;
	a->from_results = 0;
	a->detail.anchor_block = -1;
	a->detail.anchor_off = 0;
	a->detail.cur = -1; /* the first paragraph shown (detail.c) */
	doc_free(&a->detail.doc);
	tui_layout_doc(a);
	tui_find_reapply(a); /* the active search goes on in the new item (n, N) */
	return 0;
}

void tui_open_item(struct app *a, int item)
{
	if (load_item(a, item) == 0)
		sync_selection(a);
}

void tui_preview(struct app *a)
{
	a->preview = 0;
	const struct list_state *l = &a->list;
	if (lv_selectable(&l->lv, l->lv.sel) && l->items[l->lv.sel] != a->item)
		load_item(a, l->items[l->lv.sel]);
}

/* The view in a pane's place: the search results stand in for the list. */
struct view *tui_pane(struct app *a, enum pane p)
{
	/* the results share the list's place (tui_layout_screen) */
	if (p == PANE_LIST && a->notes_shown)
		return &a->noteslist; /* the notes list, the newest over the others */
	if (p == PANE_LIST && a->marks_shown)
		return &a->marks; /* the bookmark list over both */
	return p == PANE_LIST && a->results_shown ? &a->results : &a->view[p];
}

