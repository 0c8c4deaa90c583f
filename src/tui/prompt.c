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

/* An input event while the prompt is open. */
void tui_prompt_event(struct app *a, const struct in_event *ev)
{
	int done = 0, cancel = 0, changed = 0;
	if (ev->kind == IN_KEY) {
		if (ev->key == INK_ESC)
			cancel = 1;
		else if (ev->key == INK_DELETE)
			goto backspace;
	} else if (ev->kind != IN_CHAR) {
		return;
	} else if ((ev->cp == '\r' || ev->cp == '\n') && !ev->paste) {
		done = 1;
	} else if (ev->cp == 127 || ev->cp == 8) {
	backspace:
		if (eb_backspace(&a->input) == 0)
			changed = 1;
		else
			cancel = 1;
	} else if (ev->cp == KEY_CTRL('u')) {
		eb_clear(&a->input);
		changed = 1;
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
		a->prompt = 0;
		curs_set(0);
		return;
	}
	if (a->prompt == '/' && changed)
		a->find_dirty = 1; /* searched once before the next frame, not per key */
	if (!done)
		return;
	const char *q = eb_str(&a->input);
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

