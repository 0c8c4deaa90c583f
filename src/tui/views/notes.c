/* notes.c (views) — the notes list, a secondary view in the list pane's
 * place: a row per note of the open item, its chapter or the book (v
 * cycles), filtered by status (f) and anchor state (F), the filters in its
 * title line; in book order, orphans last with their old citation.  The
 * rows are made when it opens or a filter changes (tnotes_list_fill);
 * Enter jumps, e edits, x resolves, D deletes (tnotes_request), q and Esc
 * close it (tui.c). */
#include "anli/view.h"

#include "anli/addr.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/session.h"
#include "anli/tnotes.h"
#include "../notes/tnotes_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void tnotes_list_free(struct app *a)
{
	struct noteslist_state *l = &a->nlist;
	for (int i = 0; i < l->lv.n; i++)
		free(l->label[i]);
	free(l->label);
	notes_free(l->v, l->lv.n);
	l->label = NULL;
	l->v = NULL;
	lv_reset(&l->lv, 0, NULL, 0);
}

/* book order: the item's, then the block's seed line, the quote's offset;
 * orphans last */
struct order {
	int orphan, item, line, off;
	long long num;
	int idx;
};

static int by_book(const void *x, const void *y)
{
	const struct order *p = x, *q = y;
	if (p->orphan != q->orphan)
		return p->orphan - q->orphan;
	if (p->item != q->item)
		return p->item < q->item ? -1 : 1;
	if (p->line != q->line)
		return p->line < q->line ? -1 : 1;
	if (p->off != q->off)
		return p->off < q->off ? -1 : 1;
	return p->num < q->num ? -1 : p->num > q->num;
}

static char *label(const struct app *a, const struct note *n)
{
	struct sbuf s;
	sbuf_init(&s);
	sbuf_printf(&s, "%s%lld %s ", glyph(GLYPH_NOTE), n->num, note_kind_name(n->kind));
	if (n->status == NOTE_RESOLVED)
		sbuf_printf(&s, "%s ", _("(resolved)"));
	if (n->anchor_state == ANCHOR_ORPHANED)
		sbuf_printf(&s, "%s ", _("(orphaned, was)"));
	else if (n->anchor_state == ANCHOR_MOVED)
		sbuf_printf(&s, "%s ", _("(moved)"));
	sbuf_adds(&s, n->cite && n->cite[0] ? n->cite : n->anchor_id);
	sbuf_adds(&s, glyph(GLYPH_FIELD_SEP));
	tnotes_describe(n, &s);
	(void)a;
	return s.s ? sbuf_take(&s) : xcalloc(1, 1);
}

void tnotes_list_fill(struct app *a)
{
	struct noteslist_state *l = &a->nlist;
	long long was = lv_selectable(&l->lv, l->lv.sel) ? l->v[l->lv.sel].num : 0;
	tnotes_list_free(a);
	struct tnotes *t = a->notes;
	if (!t)
		return;
	const struct model *m = a->m;
	int si = l->scope_item >= 0 && l->scope_item < m->nitems ? l->scope_item : a->item;
	struct notes_filter f = NOTES_FILTER_ALL;
	f.status = l->status;
	f.anchor_state = l->anchor;
	if (l->scope == 0 || m->items[si].chapter < 0)
		f.item_id = m->items[si].id; /* a foreword is its own chapter */
	struct note *v = NULL;
	int n = 0;
	struct anli_err err;
	if (!user_active(t->u)) {
		snprintf(a->message, sizeof a->message, "%s", _("no notes: the state is not saved"));
	} else if (notes_list(t->u, &f, &v, &n, &err)) {
		snprintf(a->message, sizeof a->message, "%s", err.msg);
		n = 0;
	}
	struct order *o = xcalloc((size_t)n + 1, sizeof *o);
	int k = 0;
	for (int i = 0; i < n; i++) {
		int item = model_find(m, v[i].item_id);
		if (l->scope == 1 && m->items[si].chapter >= 0 && (item < 0 || m->items[item].chapter != m->items[si].chapter))
			continue;
		o[k++] = (struct order){v[i].anchor_state == ANCHOR_ORPHANED, item < 0 ? m->nitems : item,
					addr_id_line(v[i].anchor_id), v[i].sel.offset, v[i].num, i};
	}
	qsort(o, (size_t)k, sizeof *o, by_book);
	l->v = xcalloc((size_t)k + 1, sizeof *l->v);
	l->label = xcalloc((size_t)k + 1, sizeof *l->label);
	int sel = 0;
	for (int r = 0; r < k; r++) {
		l->v[r] = v[o[r].idx];
		memset(&v[o[r].idx], 0, sizeof *v); /* moved: not freed twice */
		l->label[r] = label(a, &l->v[r]);
		if (l->v[r].num == was)
			sel = r;
	}
	notes_free(v, n);
	free(o);
	lv_reset(&l->lv, k, NULL, sel);
}

void tnotes_list_close(struct app *a)
{
	a->notes_shown = 0;
	a->focus = a->notes_from;
}

void tnotes_list_jump(struct app *a, int row)
{
	struct noteslist_state *l = &a->nlist;
	if (row < 0 || row >= l->lv.n)
		return;
	const struct note *n = &l->v[row];
	char item[USER_ID_MAX], block[USER_ID_MAX];
	snprintf(item, sizeof item, "%s", n->item_id);
	snprintf(block, sizeof block, "%s", n->anchor_id);
	int orphan = n->anchor_state == ANCHOR_ORPHANED;
	if (sess_jump(a, item, block) == 0) {
		a->notes_shown = 0;
		if (orphan)
			snprintf(a->message, sizeof a->message, "%s",
				 _("the note's paragraph is not in this build: the nearest one is shown"));
	}
}

static void update(struct app *a, struct view *v)
{
	(void)a;
	struct noteslist_state *l = v->state;
	l->lv.per = 1;
	lv_keep_visible(&l->lv, v->h - 1);
}

static void draw(const struct app *a, const struct view *v)
{
	const struct noteslist_state *l = v->state;
	int focused = a->focus == PANE_LIST;
	werase(v->win);
	struct sbuf s;
	sbuf_init(&s);
	/* the title: how many, of what, which filters */
	sbuf_printf(&s, ngettext("%d note", "%d notes", (unsigned long)l->lv.n), l->lv.n);
	sbuf_adds(&s, glyph(GLYPH_FIELD_SEP));
	int si = l->scope_item >= 0 && l->scope_item < a->m->nitems ? l->scope_item : a->item;
	if (l->scope == 2)
		sbuf_adds(&s, _("book"));
	else if (l->scope == 1 && a->m->items[si].chapter >= 0)
		model_chapter_label(&a->m->chapters[a->m->items[si].chapter], &s);
	else
		sbuf_adds(&s, a->m->items[si].id);
	sbuf_adds(&s, glyph(GLYPH_FIELD_SEP));
	sbuf_adds(&s, l->status < 0 ? _("any status") : _(note_status_name(l->status)));
	sbuf_adds(&s, glyph(GLYPH_FIELD_SEP));
	sbuf_adds(&s, l->anchor < 0 ? _("any anchor") : _(note_anchor_name(l->anchor)));
	tui_title(a, v->win, focused, s.s, s.len, 0);
	sbuf_free(&s);
	for (int i = l->lv.top; i < l->lv.n && i - l->lv.top < v->h - 1; i++) {
		int y = 1 + i - l->lv.top, sel = i == l->lv.sel;
		wattrset(v->win, sel ? A_REVERSE | (focused ? A_BOLD : 0) : A_NORMAL);
		if (sel)
			mvwhline(v->win, y, 0, ' ', v->w);
		tui_put(v->win, y, 0, l->label[i], strlen(l->label[i]), v->w);
	}
	wattrset(v->win, A_NORMAL);
	if (l->lv.n == 0 && v->h > 2) {
		const char *e = _("(none; v, f, F change what is listed)");
		tui_put(v->win, 1, 1, e, strlen(e), v->w - 1);
	}
}

static int request(struct app *a, struct view *v, enum request r)
{
	struct noteslist_state *l = v->state;
	l->lv.per = 1;
	if (lv_move(&l->lv, r, v->h - 1))
		return 1;
	if (r == REQ_ENTER) {
		if (lv_selectable(&l->lv, l->lv.sel))
			tnotes_list_jump(a, l->lv.sel);
		return 1;
	}
	return 0;
}

static void click(struct app *a, struct view *v, int y, int x)
{
	(void)x;
	struct noteslist_state *l = v->state;
	l->lv.per = 1;
	int i = y >= 1 ? lv_at(&l->lv, y - 1) : -1;
	if (lv_selectable(&l->lv, i)) {
		l->lv.sel = i;
		tnotes_list_jump(a, i);
	}
}

static void wheel(struct app *a, struct view *v, int dir)
{
	(void)a;
	struct noteslist_state *l = v->state;
	lv_wheel(&l->lv, dir);
}

const struct view_ops view_notes_ops = {"notes", update, draw, request, click, wheel};
