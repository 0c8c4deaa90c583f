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

/* An input event while the prompt is open. */
void tui_prompt_event(struct app *a, const struct in_event *ev)
{
	int done = 0, cancel = 0, changed = 0;
	/* nothing inside a paste is a command: editbuf makes it one line */
	int typed = !ev->paste;
	if (typed && ev->kind == IN_KEY && ev->key == INK_ESC) {
		cancel = 1;
	} else if (typed && ev->kind == IN_KEY && (ev->key == INK_UP || ev->key == INK_DOWN)) {
		/* the history: the buffer gets an older (newer) line */
		changed = eb_hist_move(history(a), &a->input, ev->key == INK_UP ? -1 : 1) == 0;
	} else if (typed && ev->kind == IN_CHAR && !ev->mods && (ev->cp == '\r' || ev->cp == '\n')) {
		done = 1;
	} else if (typed && ev->kind == IN_CHAR && !ev->mods && (ev->cp == 127 || ev->cp == 8) && a->input.n == 0) {
		cancel = 1; /* Backspace on an empty line closes the prompt, as in less */
	} else {
		/* editing keys, characters, pasted text; controls and U+FFFD (an
		 * invalid byte) are refused */
		int r = eb_event(&a->input, ev);
		if (r < 0)
			return;
		changed = r == 1;
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
