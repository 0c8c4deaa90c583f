/* goto.c — the : prompt: a case by its number (:27, :c27), an article
 * (:a3), the foreword (:foreword, :前言).  A minimal prompt of its own in
 * the status line, over the shared edit buffer (editbuf.c). */
#include "anli/view.h"

#include "anli/i18n.h"

#include <stdio.h>

void tui_goto_event(struct app *a, const struct in_event *ev)
{
	int done = 0, cancel = 0;
	if (ev->kind == IN_KEY) {
		if (ev->key == INK_ESC)
			cancel = 1;
		else if (ev->key == INK_DELETE && eb_backspace(&a->input))
			cancel = 1;
	} else if (ev->kind != IN_CHAR) {
		return;
	} else if ((ev->cp == '\r' || ev->cp == '\n') && !ev->paste) {
		done = 1;
	} else if (ev->cp == 127 || ev->cp == 8) {
		cancel = eb_backspace(&a->input) != 0; /* past the start: closed */
	} else if (ev->cp == KEY_CTRL('u')) {
		eb_clear(&a->input);
	} else if (ev->cp == KEY_CTRL('g') || ev->cp == KEY_CTRL('c')) {
		cancel = 1;
	} else {
		eb_insert(&a->input, ev->cp); /* controls are refused */
	}
	if (!done && !cancel)
		return;
	a->prompt = 0;
	curs_set(0);
	const char *q = eb_str(&a->input);
	if (cancel || !*q)
		return;
	int i = model_find(a->m, q);
	if (i < 0) {
		snprintf(a->message, sizeof a->message, _("no case or article '%s' (:27 a case, :a3 an article)"), q);
		return;
	}
	tui_open_item(a, i);
}
