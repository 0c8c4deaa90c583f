/* tui.c — the full-screen reader: requests to actions, start-up, the main
 * loop, teardown.  Over 400 lines: the request switch is one table of
 * what each action does, kept whole so it reads as the key map's other half. */
#include "anli/tui.h"

#include "anli/cli.h"
#include "anli/draw.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/msg.h"
#include "anli/session.h"
#include "anli/tnotes.h"
#include "anli/view.h"

#include <langinfo.h>
#include <locale.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <term.h>
#include <wchar.h>


/* --- requests ------------------------------------------------------------ */

static void cycle_focus(struct app *a, int dir)
{
	for (int k = 0; k < NPANES; k++) {
		a->focus = (enum pane)((a->focus + NPANES + dir) % NPANES);
		if (a->cols < 60 || tui_pane_shown(a, a->focus) || (a->focus == PANE_TREE && tui_tree_visible(a)))
			break;
	}
}

static void mouse(struct app *a, const struct in_event *e)
{
	if (e->motion || e->release)
		return; /* a click is its press */
	for (int p = 0; p < NPANES; p++) {
		struct view *v = tui_pane(a, (enum pane)p);
		if (!tui_pane_shown(a, p) || e->y < v->y || e->y >= v->y + v->h || e->x < v->x || e->x >= v->x + v->w)
			continue;
		if (e->button == 4) {
			v->ops->wheel(a, v, -1);
		} else if (e->button == 5) {
			v->ops->wheel(a, v, 1);
		} else if (e->button == 1) {
			a->focus = (enum pane)p;
			v->ops->click(a, v, e->y - v->y, e->x - v->x);
		}
		return;
	}
}

void tui_help_key(struct app *a, enum request r)
{
	int page = a->rows > 6 ? a->rows - 6 : 1, top = a->help_top;
	switch (r) {
	case REQ_HELP:
	case REQ_QUIT:
	case REQ_ESCAPE: a->help = 0; return;
	case REQ_DOWN: top++; break;
	case REQ_UP: top--; break;
	case REQ_PAGE_DOWN: top += page; break;
	case REQ_PAGE_UP: top -= page; break;
	case REQ_HALF_DOWN: top += (page + 1) / 2; break;
	case REQ_HALF_UP: top -= (page + 1) / 2; break;
	case REQ_HOME: top = 0; break;
	case REQ_END: top = tui_help_max_top(a); break;
	default: return;
	}
	int max = tui_help_max_top(a);
	a->help_top = top > max ? max : top < 0 ? 0 : top;
}

/* An unbound key says so. */
static void unbound(struct app *a, const struct in_event *ev)
{
	int key = ev ? keys_of_event(ev) : -1;
	char name[32];
	if (key >= 0)
		snprintf(a->message, sizeof a->message, _("key %s is not bound; ? for help"),
			 keys_name(key, name, sizeof name));
}

static int handle(struct app *a, enum request r, const struct in_event *mev)
{
	if (a->help && r != REQ_RESIZE && r != REQ_NONE) {
		if (r != REQ_MOUSE)
			tui_help_key(a, r);
		return 1;
	}
	a->message[0] = '\0';
	if (sess_request(a, r)) /* session.c: history, marks */
		return 1;
	if (tnotes_request(a, r)) /* notes.c: proofreading notes */
		return 1;
	switch (r) {
	case REQ_QUIT:
		if (a->notes_shown && a->focus == PANE_LIST) {
			tnotes_list_close(a); /* the notes list: q closes it */
			return 1;
		}
		if (a->marks_shown && a->focus == PANE_LIST) {
			a->marks_shown = 0; /* the bookmark list: q closes it */
			return 1;
		}
		if (a->results_shown && a->focus == PANE_LIST) {
			a->results_shown = 0; /* a secondary view: q closes it */
			return 1;
		}
		return 0;
	case REQ_HELP:
		a->help = HELP_READER;
		a->help_top = 0;
		return 1;
	case REQ_PRESENT:
		tui_present_from_reader(a); /* present.c: its own loop, then back here */
		return 1;
	case REQ_SUSPEND:
		raise(SIGTSTP); /* term.c restores the terminal, and takes it back on CONT */
		return 1;
	case REQ_GOTO:
		a->prompt = ':';
		eb_clear(&a->input);
		curs_set(1);
		return 1;
	case REQ_PREV_SECTION:
	case REQ_NEXT_SECTION:
	case REQ_PREV_PARA:
	case REQ_NEXT_PARA:
		/* the text's sections from any pane; on a narrow screen the text is shown */
		if (!tui_pane_shown(a, PANE_DETAIL))
			a->focus = PANE_DETAIL;
		a->view[PANE_DETAIL].ops->request(a, &a->view[PANE_DETAIL], r);
		return 1;
	case REQ_RESIZE:
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		return 1;
	case REQ_ZOOM:
		a->zoom = !a->zoom;
		a->focus = PANE_DETAIL;
		return 1;
	case REQ_TOGGLE_TREE:
		a->tree_toggle = !a->tree_toggle;
		if (tui_tree_visible(a) && a->cols >= 60)
			a->focus = PANE_TREE;
		return 1;
	case REQ_NEXT_PANE:
		if (!a->zoom)
			cycle_focus(a, 1);
		return 1;
	case REQ_PREV_PANE:
		if (!a->zoom)
			cycle_focus(a, -1);
		return 1;
	case REQ_LEFT:
		if (!a->zoom && a->focus > PANE_TREE)
			cycle_focus(a, -1);
		return 1;
	case REQ_RIGHT:
		if (!a->zoom && a->focus < PANE_DETAIL)
			cycle_focus(a, 1);
		return 1;
	case REQ_PREV_ITEM:
	case REQ_NEXT_ITEM: {
		int i = a->item + (r == REQ_NEXT_ITEM ? 1 : -1);
		if (i < 0 || i >= a->m->nitems)
			snprintf(a->message, sizeof a->message, "%s",
				 r == REQ_NEXT_ITEM ? _("already at the last item") : _("already at the first item"));
		else
			tui_open_item(a, i);
		return 1;
	}
	case REQ_MOUSE:
		mouse(a, mev);
		return 1;
	case REQ_OTHER:
		unbound(a, mev);
		return 1;
	case REQ_FIND:
	case REQ_SEARCH:
		a->prompt = r == REQ_FIND ? '/' : 's';
		eb_clear(&a->input);
		a->saved_top = a->detail.top;
		curs_set(1);
		return 1;
	case REQ_NEXT_MATCH:
	case REQ_PREV_MATCH:
		tui_step_match(a, r == REQ_NEXT_MATCH ? 1 : -1); /* find.c: on through the book */
		return 1;
	case REQ_ESCAPE:
		if (a->notes_shown && a->focus == PANE_LIST) {
			tnotes_list_close(a);
		} else if (a->marks_shown && a->focus == PANE_LIST) {
			a->marks_shown = 0;
		} else if (a->focus == PANE_DETAIL && a->from_results && a->results_shown) {
			a->zoom = 0;
			a->focus = PANE_LIST;
		} else if (a->focus == PANE_LIST && a->results_shown) {
			a->results_shown = 0;
		} else if (a->nmatches) {
			a->nmatches = 0;
			a->cur_match = -1;
		}
		return 1;
	default: {
		struct view *v = tui_pane(a, a->focus);
		v->ops->request(a, v, r);
		return 1;
	}
	}
}

/* --- start-up ------------------------------------------------------------ */

static int cpwidth(unsigned int cp)
{
	return lay_cpwidth(cp);
}

/* The terminal answered the probe: “ took col - 2 columns.  Re-lay out if
 * that is not the convention the screen was drawn with. */
static void probe_answer(struct app *a, int col)
{
	a->probing = 0;
	int w = col - 1 == 2 ? 2 : 1;
	if (w == lay_ambiwidth())
		return;
	lay_set_ambiwidth(w);
	eb_rewidth(&a->input);
	tnotes_rewidth(a); /* the note form's fields */
	a->detail.doc_width = 0; /* the doc again at the same width */
	tui_layout_doc(a);
	clearok(curscr, TRUE); /* curses' own idea of the cells changed too */
}

/* Handle one input event.  Returns 0 to quit. */
static int event(struct app *a, const struct in_event *ev)
{
	if (ev->kind == IN_CPR) {
		if (a->probing)
			probe_answer(a, ev->col);
		return 1; /* a reply that nobody waits for: dropped */
	}
	if (ev->kind == IN_CHAR && (ev->mods & INM_ALT) && !ev->paste &&
	    !((a->prompt == '/' || a->prompt == 's') && eb_key_of(ev)) && !tnotes_form_alt(a, ev)) {
		/* Alt+key (input.h) is the line editor's M-b M-f M-d; elsewhere
		 * it is what it always was: Esc, then the key (over SSH a quick
		 * Esc then A arrives so: in the note form too, Esc closes it and
		 * A is the reader's) */
		struct in_event esc = {.kind = IN_KEY, .key = INK_ESC}, key = *ev;
		key.mods = 0;
		return event(a, &esc) && event(a, &key);
	}
	if (tnotes_event(a, ev)) /* the note form, or a question it asked */
		return 1;
	if (ev->kind == IN_IGNORED || ev->kind == IN_VERSION || ev->kind == IN_PASTE_BEGIN || ev->kind == IN_PASTE_END)
		return 1;
	if (a->prompt) {
		a->message[0] = '\0';
		if (a->prompt == ':')
			tui_goto_event(a, ev);
		else
			tui_prompt_event(a, ev);
		return 1;
	}
	if (ev->kind == IN_MOUSE)
		return handle(a, REQ_MOUSE, ev);
	if (ev->paste)
		return 1; /* pasted text is not commands */
	int key = keys_of_event(ev);
	return handle(a, key < 0 ? REQ_OTHER : keys_lookup(key), ev);
}

int tui_main(const char *db_path, int ambiwidth, const struct cli_start *start)
{
	struct tui_screen scr;
	memset(&scr, 0, sizeof scr);
	if (tui_locale_check(&scr))
		return CLI_ERROR;
	struct anli_err err;
	struct model *m = model_open(db_path, &err);
	if (!m) {
		msg_error("anli", "%s", err.msg); /* sanitised: it can quote the database's schema */
		return CLI_ERROR;
	}
	if (tui_screen_open(&scr, ambiwidth)) {
		model_close(m);
		return CLI_ERROR;
	}

	struct app a;
	memset(&a, 0, sizeof a);
	a.m = m;
	a.view[PANE_TREE].ops = &view_tree_ops;
	a.view[PANE_LIST].ops = &view_list_ops;
	a.view[PANE_DETAIL].ops = &view_detail_ops;
	a.view[PANE_TREE].state = &a.tree;
	a.view[PANE_LIST].state = &a.list;
	a.view[PANE_DETAIL].state = &a.detail;
	a.results.state = &a.hitlist;
	a.results.ops = &view_results_ops;
	a.marks.state = &a.marklist;
	a.marks.ops = &view_marks_ops;
	a.noteslist.state = &a.nlist;
	a.noteslist.ops = &view_notes_ops;
	a.detail.cur = -1;
	/* focus starts in the text, as in less: Space, PgDn, j and the arrows
	 * read it; the focused pane's title is marked (tui_title) */
	a.focus = PANE_DETAIL;
	a.cur_match = -1;
	eb_init(&a.input, cpwidth);
	a.use_color = scr.use_color;
	a.probing = scr.probing;
	a.tree.expanded = xcalloc((size_t)m->ncollections + 1, sizeof *a.tree.expanded);
	for (int c = 0; c < m->ncollections; c++)
		a.tree.expanded[c] = 1;
	tui_rebuild_tree(&a);
	getmaxyx(stdscr, a.rows, a.cols);
	tui_layout_screen(&a);
	/* the first chapter and its first item; sess_start may go elsewhere */
	int first = 0;
	for (int i = 0; i < m->nitems; i++)
		if (m->items[i].chapter == 0) {
			first = i;
			break;
		}
	a.item = first;
	tui_open_item(&a, first);
	if (scr.status_note[0])
		snprintf(a.message, sizeof a.message, "%s", scr.status_note);
	sess_start(&a, start); /* the ID given, else where the user left off */
	tnotes_start(&a, start); /* the notes re-resolved against this build */
	/* SIGHUP and SIGTERM only set a flag from here on (term.c): the loop
	 * ends, a->on_hangup saves a form's draft, the session is saved and
	 * the terminal restored below, then the reader dies of the signal */
	term_defer_hangup(1);
	for (int run = 1; run && !term_hangup();) {
		if (term_resumed()) {
			clearok(curscr, TRUE);
			if (a.prompt) {
				curs_set(0);
				curs_set(1);
			}
		}
		if (a.find_dirty)
			tui_prompt_find(&a);
		if (a.preview)
			tui_preview(&a); /* once per frame, when no key is pending */
		tnotes_sync(&a); /* the open item's notes, for the margin */
		tui_layout_screen(&a);
		tnotes_form_layout(&a); /* the form's pane and paragraph, at this size */
		tui_draw(&a);
		sess_tick(&a); /* read mark, history, the position saved */
		/* every event that is ready, then one frame */
		struct in_event ev;
		int wait = sess_wait(&a);
		tnotes_tick(&a, &wait); /* the form's draft, saved while typing */
		int r = term_next(&ev, wait);
		while (r && run && !term_hangup()) {
			if (r == 2)
				run = handle(&a, REQ_RESIZE, NULL);
			else
				run = event(&a, &ev);
			r = run ? term_next(&ev, 0) : 0;
		}
	}
	int hung = term_hangup();
	if (hung && a.on_hangup)
		a.on_hangup(&a);
	tnotes_end(&a); /* a form with text: a draft, in the state file */
	sess_end(&a);
	/* windows before the screen they belong to */
	for (int p = 0; p < NPANES; p++)
		if (a.view[p].win)
			delwin(a.view[p].win);
	if (a.status)
		delwin(a.status);
	if (a.header)
		delwin(a.header);
	tui_screen_close(&scr);
	doc_free(&a.detail.doc);
	model_blocks_free(a.blocks, a.nblocks);
	search_result_free(&a.res);
	free(a.matches);
	free(a.find);
	free(a.squery);
	free(a.chapter_hits);
	tui_search_end(&a);
	free(a.hitlist.row);
	free(a.hitlist.group);
	eb_free(&a.input);
	eb_hist_free(&a.hist[0]);
	eb_hist_free(&a.hist[1]);
	free(a.tree.rows);
	free(a.list.items);
	free(a.tree.expanded);
	model_close(m);
	if (hung)
		term_exit_signal(hung);
	return CLI_OK;
}

