/* screen.c — the geometry of the screen: which panes are shown where, at
 * every size down to the "too small" screen. */
#include "anli/view.h"

#include "anli/draw.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/tnotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* pane widths: from 160 columns (the text is capped at TEXT_MAX_COLS: the
 * side panes get some of the rest), from 120 columns, from 100 columns,
 * from 60 columns (tree toggled on) */
#define TREE_W(c) ((c) >= 160 ? 36 : (c) >= 120 ? 30 : (c) >= 100 ? 26 : 20)
/* below 75 columns the list gives way, so the text keeps the larger share */
#define LIST_W(c, tree) ((c) >= 160 ? 44 : (c) >= 120 ? 34 : (c) >= 100 ? 30 : (tree) ? 24 : (c) * 2 / 5 < 30 ? (c) * 2 / 5 : 30)

/* --- layout of the screen ------------------------------------------------ */

static void place(struct view *v, int y, int x, int h, int w)
{
	if (v->win && (v->y != y || v->x != x || v->h != h || v->w != w)) {
		delwin(v->win);
		v->win = NULL;
	}
	v->y = y;
	v->x = x;
	v->h = h;
	v->w = w;
	if (w > 0 && h > 0 && !v->win) {
		v->win = newwin(h, w, y, x);
		idlok(v->win, TRUE);
		leaveok(v->win, TRUE);
	}
}

int tui_pane_shown(const struct app *a, enum pane p)
{
	return a->view[p].w > 0;
}

int tui_tree_visible(const struct app *a)
{
	return (a->cols >= 100) != (a->tree_toggle != 0);
}

void tui_layout_screen(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	a->too_small = a->cols < MIN_COLS || a->rows < MIN_ROWS;
	/* the status line is the last row, zoomed too (a one-line scroll is
	 * still a scroll of the terminal's region between header and status) */
	a->status_shown = 1;
	int h = a->rows - (a->status_shown ? 1 : 0);
	int tw = 0, lw = 0, dx = 0, dw = 0;
	a->sep[0] = a->sep[1] = -1;
	if (a->too_small) {
		/* nothing but the "too small" screen */
	} else if (a->zoom) {
		dw = a->cols;
	} else if (a->cols < 60) {
		if (a->focus == PANE_TREE)
			tw = a->cols;
		else if (a->focus == PANE_LIST)
			lw = a->cols;
		else
			dw = a->cols;
	} else {
		int x = 0;
		if (tui_tree_visible(a)) {
			tw = TREE_W(a->cols);
			a->sep[0] = tw;
			x = tw + 1;
		} else if (a->focus == PANE_TREE) {
			a->focus = PANE_LIST;
		}
		lw = LIST_W(a->cols, tw);
		if (a->notes_shown && a->focus == PANE_LIST && !tnotes_form_open(a))
			lw = a->cols - x; /* the notes list, focused, takes the text's place: its rows are long */
		place(&a->view[PANE_LIST], 0, x, h, lw);
		x += lw;
		a->sep[1] = x < a->cols ? x : -1;
		dx = x + 1;
		dw = a->cols - dx > 0 ? a->cols - dx : 0;
	}
	place(&a->view[PANE_TREE], 0, 0, tw ? h : 0, tw);
	if (a->cols < 60 || a->zoom || a->too_small)
		place(&a->view[PANE_LIST], 0, 0, lw ? h : 0, lw);
	/* the text under its header row (the header names where you are) */
	place(&a->view[PANE_DETAIL], 1, dx, dw ? h - 1 : 0, dw);
	if (a->header && (getbegx(a->header) != dx || getmaxx(a->header) != dw || !dw)) {
		delwin(a->header);
		a->header = NULL;
	}
	if (dw && !a->header) {
		a->header = newwin(1, dw, 0, dx);
		leaveok(a->header, TRUE);
	}
	if (!a->status)
		a->status = newwin(1, a->cols, a->rows - 1, 0);
	else {
		wresize(a->status, 1, a->cols);
		mvwin(a->status, a->rows - 1, 0);
	}
	if (dw)
		tui_layout_doc(a);
	/* the results stand in the list's place, in its window */
	struct view *l = &a->view[PANE_LIST], *r = &a->results;
	r->win = l->win;
	r->y = l->y;
	r->x = l->x;
	r->h = l->h;
	r->w = l->w;
	a->marks.win = l->win; /* the bookmark list too */
	a->marks.y = l->y, a->marks.x = l->x, a->marks.h = l->h, a->marks.w = l->w;
	a->noteslist.win = l->win; /* and the notes list */
	a->noteslist.y = l->y, a->noteslist.x = l->x, a->noteslist.h = l->h, a->noteslist.w = l->w;
	/* the panes' state in line with their new sizes, before any drawing */
	for (int p = 0; p < NPANES && !a->too_small; p++) {
		struct view *v = tui_pane(a, (enum pane)p);
		if (tui_pane_shown(a, (enum pane)p) && v->win && v->ops->update)
			v->ops->update(a, v);
	}
}
