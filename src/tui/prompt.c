/* prompt.c — the one-line prompt of / and s: keys into the edit buffer
 * (editbuf.c), the incremental / search, Enter and Esc. */
#include "anli/view.h"

#include "anli/draw.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The / prompt's incremental search: every match highlighted, the first
 * one below the starting point shown. */
void tui_prompt_find(struct app *a)
{
	a->find_dirty = 0;
	tui_find_matches(a, eb_str(&a->input), 0);
	int start = a->detail.top;
	a->detail.top = a->saved_top;
	int i = tui_match_from_top(a);
	a->detail.top = start;
	if (i >= 0)
		tui_show_match(a, i);
	else
		tui_set_top(a, a->saved_top);
}

static struct eb_history *history(struct app *a)
{
	return &a->hist[a->prompt == '/' ? 0 : 1];
}

/* The editing keys: readline's and less's (C-b, C-f too). */
static int edit_key(const struct in_event *ev)
{
	if (ev->kind == IN_KEY) {
		switch (ev->key) {
		case INK_LEFT: return EB_LEFT;
		case INK_RIGHT: return EB_RIGHT;
		case INK_HOME: return EB_HOME;
		case INK_END: return EB_END;
		case INK_DELETE: return EB_DELETE;
		default: return 0;
		}
	}
	if (ev->kind != IN_CHAR || ev->paste)
		return 0;
	switch (ev->cp) {
	case KEY_CTRL('b'): return EB_LEFT;
	case KEY_CTRL('f'): return EB_RIGHT;
	case KEY_CTRL('a'): return EB_HOME;
	case KEY_CTRL('e'): return EB_END;
	case KEY_CTRL('d'): return EB_DELETE;
	case KEY_CTRL('w'): return EB_WORD_BACK;
	case KEY_CTRL('u'): return EB_KILL_START;
	case KEY_CTRL('k'): return EB_KILL_END;
	default: return 0;
	}
}

/* An input event while the prompt is open. */
void tui_prompt_event(struct app *a, const struct in_event *ev)
{
	int done = 0, cancel = 0, changed = 0, k;
	if (ev->kind == IN_KEY && ev->key == INK_ESC) {
		cancel = 1;
	} else if (ev->kind == IN_KEY && (ev->key == INK_UP || ev->key == INK_DOWN)) {
		/* the history: the buffer gets an older (newer) line */
		changed = eb_hist_move(history(a), &a->input, ev->key == INK_UP ? -1 : 1) == 0;
	} else if ((k = edit_key(ev)) != 0) {
		changed = eb_edit(&a->input, (enum eb_key)k) == 1;
	} else if (ev->kind != IN_CHAR) {
		return;
	} else if ((ev->cp == '\r' || ev->cp == '\n') && !ev->paste) {
		done = 1;
	} else if (ev->cp == 127 || ev->cp == 8) {
		/* Backspace on an empty line closes the prompt, as in less */
		if (a->input.n == 0)
			cancel = 1;
		else
			changed = eb_edit(&a->input, EB_BACKSPACE) == 1;
	} else {
		/* controls and U+FFFD (an invalid byte) are refused */
		changed = eb_insert(&a->input, ev->cp) == 0;
	}
	if (cancel) {
		if (a->prompt == '/') {
			tui_set_top(a, a->saved_top);
			if (a->search_kind)
				tui_find_reapply(a); /* the active search's highlights again */
			else
				tui_find_matches(a, "", 0);
		}
		eb_hist_reset(history(a));
		a->prompt = 0;
		curs_set(0);
		return;
	}
	if (a->prompt == '/' && changed)
		a->find_dirty = 1; /* searched once before the next frame, not per key */
	if (!done)
		return;
	const char *q = eb_str(&a->input);
	eb_hist_add(history(a), q);
	if (a->prompt == '/') {
		tui_prompt_find(a);
		free(a->find);
		a->find = xstrdup(q);
		tui_search_begin(a, '/'); /* n and N follow it through the book */
		int total = a->item_first ? a->item_first[a->m->nitems] : 0;
		if (*q && !total)
			snprintf(a->message, sizeof a->message, _("not found: %s"), q);
		else if (*q && !a->nmatches)
			snprintf(a->message, sizeof a->message,
				 ngettext("not in this item; n goes on to the next (%d in the book)",
					  "not in this item; n goes on to the next (%d in the book)", (unsigned long)total),
				 total);
	} else if (*q) {
		tui_run_search(a, q);
	}
	a->prompt = 0;
	curs_set(0);
}


int tui_prompt_draw(const struct app *a, WINDOW *w, int y, int x, int room)
{
	if (room <= 0)
		return x;
	size_t nb;
	int col;
	size_t off = eb_window(&a->input, room, &nb, &col, NULL);
	tui_put(w, y, x, eb_str(&a->input) + off, nb, room);
	return x + col;
}
