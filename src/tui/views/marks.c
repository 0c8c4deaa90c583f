/* marks.c — the bookmark list, a secondary view in the list pane's place
 * (over the search results when they are shown): a row per bookmark (item,
 * ¶, first words), oldest first.  Its rows are made when it opens
 * (sess_marks_fill); selection and scrolling are the shared list view's;
 * Enter jumps (sess_marks_jump), q and Esc close it (tui.c). */
#include "anli/view.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/session.h"

#include <stdio.h>
#include <string.h>

static void update(struct app *a, struct view *v)
{
	(void)a;
	struct marks_state *ms = v->state;
	ms->lv.per = 1;
	lv_keep_visible(&ms->lv, v->h - 1);
}

static void draw(const struct app *a, const struct view *v)
{
	const struct marks_state *ms = v->state;
	int focused = a->focus == PANE_LIST;
	werase(v->win);
	char title[128];
	snprintf(title, sizeof title, ngettext("%d bookmark", "%d bookmarks", (unsigned long)ms->lv.n), ms->lv.n);
	tui_title(a, v->win, focused, title, strlen(title), 0);
	const char *bm = glyph(GLYPH_BOOKMARK);
	for (int i = ms->lv.top; i < ms->lv.n && i - ms->lv.top < v->h - 1; i++) {
		int y = 1 + i - ms->lv.top, sel = i == ms->lv.sel;
		wattrset(v->win, sel ? A_REVERSE | (focused ? A_BOLD : 0) : A_NORMAL);
		if (sel)
			mvwhline(v->win, y, 0, ' ', v->w);
		int x = tui_put(v->win, y, 0, bm, strlen(bm), v->w);
		x += tui_put(v->win, y, x, " ", 1, v->w - x);
		tui_put(v->win, y, x, ms->label[i], strlen(ms->label[i]), v->w - x);
	}
	wattrset(v->win, A_NORMAL);
}

static int request(struct app *a, struct view *v, enum request r)
{
	struct marks_state *ms = v->state;
	ms->lv.per = 1;
	if (lv_move(&ms->lv, r, v->h - 1))
		return 1;
	if (r == REQ_ENTER) {
		if (lv_selectable(&ms->lv, ms->lv.sel))
			sess_marks_jump(a, ms->lv.sel);
		return 1;
	}
	return 0;
}

static void click(struct app *a, struct view *v, int y, int x)
{
	(void)x;
	struct marks_state *ms = v->state;
	ms->lv.per = 1;
	int i = y >= 1 ? lv_at(&ms->lv, y - 1) : -1;
	if (lv_selectable(&ms->lv, i)) {
		ms->lv.sel = i;
		sess_marks_jump(a, i);
	}
}

static void wheel(struct app *a, struct view *v, int dir)
{
	(void)a;
	struct marks_state *ms = v->state;
	lv_wheel(&ms->lv, dir);
}

const struct view_ops view_marks_ops = {"marks", update, draw, request, click, wheel};
