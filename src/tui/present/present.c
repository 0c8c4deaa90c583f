/* present.c — the presentation (issue 13): the deck of slides (slides.h)
 * full screen, entered with P from the reader or by `anli present`.  The
 * loop, the keys (the presentation's map: keys_lookup_present), the timer
 * and the hook; drawing is views/present.c's.  Here and not in src/present/
 * because it needs the reader's terminal layer (term.c, start.c, the help):
 * src/present/ holds only the pure pagination, which the CLI links too.
 * Over 400 lines: the deck's loading, the moves, the keys, the loop and
 * the two entries (P, anli present) of one presentation, read together;
 * the drawing is apart (views/present.c), the timer's text too (ptimer.c). */
#include "anli/cli.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/msg.h"
#include "anli/tui.h"
#include "anli/view.h"

#include "pres.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static struct present_hook the_hook;

void present_set_hook(const struct present_hook *h)
{
	if (h)
		the_hook = *h;
	else
		memset(&the_hook, 0, sizeof the_hook);
}

long long pres_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

long long pres_elapsed(const struct pres *p)
{
	return (p->paused ? p->paused_at : pres_now_ms()) - p->t0;
}

/* --- the deck ------------------------------------------------------------- */

/* Read the items (present_load: their blocks and title strings composed
 * as `anli present --dump` composes them).  Returns 0, or -1 with the
 * error in a->message. */
int pres_load(struct pres *p, const int *items, int n)
{
	struct anli_err err;
	if (present_load(p->a->m, items, n, &p->src, &err)) {
		snprintf(p->a->message, sizeof p->a->message, "%s", err.msg);
		return -1;
	}
	p->nitems = p->src.nitems;
	p->items = xcalloc((size_t)n + 1, sizeof *p->items);
	memcpy(p->items, items, (size_t)n * sizeof *items);
	p->si = p->src.items;
	p->blocks = p->src.blocks;
	p->nblocks = p->src.nblocks;
	return 0;
}

void pres_unload(struct pres *p)
{
	if (p->built)
		slides_free(&p->deck);
	p->built = 0;
	present_unload(&p->src);
	free(p->items);
	p->items = NULL;
}

/* The current slide's start is the position kept. */
static void remember(struct pres *p)
{
	const struct slide *s = &p->deck.slide[p->slide];
	p->at_item = s->item;
	p->at_block = s->first_block;
	p->at_off = s->first_off;
}

/* The rows of the index's entries (under its heading row). */
static int index_rows(const struct pres *p)
{
	return p->a->rows - 2 > 1 ? p->a->rows - 2 : 1;
}

/* Lay the deck out for the screen (and the footer wanted) when either
 * changed, on the slide that shows the position kept. */
static void layout(struct pres *p)
{
	struct app *a = p->a;
	getmaxyx(stdscr, a->rows, a->cols);
	int foot = p->footer ? 1 : 0;
	if (p->built && p->bw == a->cols && p->bh == a->rows && p->bfooter == foot && p->bamb == lay_ambiwidth())
		return;
	if (p->built)
		slides_free(&p->deck);
	struct slides_opts o = {.width = a->cols, .height = a->rows, .footer_rows = foot};
	slides_build(&p->deck, p->si, p->nitems, &o);
	p->built = 1;
	p->bw = a->cols, p->bh = a->rows, p->bfooter = foot, p->bamb = lay_ambiwidth();
	int s = slides_find(&p->deck, p->at_item, p->at_block, p->at_off);
	p->slide = s >= 0 && s < p->deck.nslides ? s : 0;
	p->step = -1; /* a new layout shows the whole slide */
	if (p->index_shown) {
		lv_reset(&p->index, p->deck.nslides, NULL, p->slide);
		lv_keep_visible(&p->index, index_rows(p));
	}
	p->changed = 1;
}

/* --- moving --------------------------------------------------------------- */

static void go(struct pres *p, int s, int whole)
{
	if (p->deck.nslides <= 0)
		return;
	s = s < 0 ? 0 : s >= p->deck.nslides ? p->deck.nslides - 1 : s;
	p->slide = s;
	p->step = p->step_mode && !whole ? 0 : -1;
	remember(p);
	p->changed = 1;
}

static void say(struct pres *p, const char *msg)
{
	snprintf(p->a->message, sizeof p->a->message, "%s", msg);
}

static void next(struct pres *p)
{
	const struct slide *s = &p->deck.slide[p->slide];
	if (p->step >= 0 && p->step + 1 < s->nsteps) {
		p->step++; /* the next paragraph of the slide first */
		p->changed = 1;
	} else if (p->slide + 1 < p->deck.nslides) {
		go(p, p->slide + 1, 0);
	} else {
		p->step = -1;
		say(p, _("the last slide"));
	}
}

static void item_step(struct pres *p, int dir)
{
	int it = p->deck.slide[p->slide].item + dir;
	if (it < 0 || it >= p->deck.nitems)
		say(p, dir > 0 ? _("the last item of the presentation") : _("the first item of the presentation"));
	else
		go(p, p->deck.src[it].first_slide, 0);
}

static void section_step(struct pres *p, int dir)
{
	int to;
	if (dir > 0) {
		to = slides_section_next(&p->deck, p->slide);
	} else {
		to = slides_section_first(&p->deck, p->slide);
		if (to >= p->slide)
			to = slides_section_prev(&p->deck, p->slide);
	}
	if (to < 0)
		say(p, dir > 0 ? _("no next section") : _("no previous section"));
	else
		go(p, to, 0);
}

/* A number typed, then Enter or G: that slide (1-based). */
static void goto_number(struct pres *p)
{
	long long n = p->typed;
	p->typed = 0;
	p->ndigits = 0;
	if (n < 1 || n > p->deck.nslides)
		snprintf(p->a->message, sizeof p->a->message, _("no slide %lld: 1 to %d"), n, p->deck.nslides);
	else
		go(p, (int)n - 1, 0);
}

static void timer_toggle(struct pres *p)
{
	long long now = pres_now_ms();
	if (p->paused)
		p->t0 += now - p->paused_at;
	else
		p->paused_at = now;
	p->paused = !p->paused;
	p->changed = 1;
}

/* --- input ---------------------------------------------------------------- */

static void request(struct pres *p, enum request r, int key)
{
	struct app *a = p->a;
	if (p->ndigits && r != REQ_SLIDE_GOTO && r != REQ_SLIDE_LAST) {
		p->typed = 0; /* any other key forgets the number */
		p->ndigits = 0;
		if (r == REQ_SLIDE_QUIT)
			return; /* Esc, q: only that */
	}
	switch (r) {
	case REQ_SLIDE_NEXT: next(p); break;
	case REQ_SLIDE_PREV:
		if (p->slide > 0)
			go(p, p->slide - 1, 1);
		else
			say(p, _("the first slide"));
		break;
	case REQ_SLIDE_FIRST: go(p, 0, 0); break;
	case REQ_SLIDE_LAST:
		if (p->ndigits)
			goto_number(p);
		else
			go(p, p->deck.nslides - 1, 0);
		break;
	case REQ_SLIDE_GOTO:
		if (p->ndigits)
			goto_number(p);
		else
			next(p); /* Enter alone: the next slide */
		break;
	case REQ_SLIDE_PREV_ITEM: item_step(p, -1); break;
	case REQ_SLIDE_NEXT_ITEM: item_step(p, 1); break;
	case REQ_SLIDE_PREV_SECTION: section_step(p, -1); break;
	case REQ_SLIDE_NEXT_SECTION: section_step(p, 1); break;
	case REQ_SLIDE_INDEX:
		p->index_shown = 1;
		lv_reset(&p->index, p->deck.nslides, NULL, p->slide);
		lv_keep_visible(&p->index, index_rows(p));
		break;
	case REQ_SLIDE_BLANK:
		p->blank = 1;
		p->changed = 1;
		break;
	case REQ_SLIDE_FOOTER: p->footer = !p->footer; break; /* laid out again: layout() */
	case REQ_SLIDE_TIMER: timer_toggle(p); break;
	case REQ_SLIDE_TIMER_RESET:
		p->t0 = pres_now_ms();
		p->paused_at = p->t0;
		p->changed = 1;
		break;
	case REQ_SLIDE_STEP:
		p->step_mode = !p->step_mode;
		p->step = -1; /* this slide stays whole; the next ones step */
		say(p, p->step_mode ? _("step reveal on: Space shows a paragraph at a time") : _("step reveal off"));
		p->changed = 1;
		break;
	case REQ_SLIDE_HELP:
		a->help = HELP_PRESENT;
		a->help_top = 0;
		break;
	case REQ_SLIDE_QUIT: p->quit = 1; break;
	case REQ_REDRAW: clearok(curscr, TRUE); break;
	case REQ_SUSPEND: raise(SIGTSTP); break;
	default: {
		char name[32];
		snprintf(a->message, sizeof a->message, _("key %s is not bound; ? for help"),
			 keys_name(key, name, sizeof name));
		break;
	}
	}
}

/* The index of slides (Tab): the reader's movement keys, Enter goes. */
static void index_key(struct pres *p, int key)
{
	enum request r = keys_lookup(key);
	int rows = index_rows(p);
	if (lv_move(&p->index, r, rows)) {
		lv_keep_visible(&p->index, rows);
		return;
	}
	if (r == REQ_ENTER) {
		go(p, p->index.sel, 0);
		p->index_shown = 0;
	} else if (r == REQ_QUIT || r == REQ_ESCAPE || r == REQ_NEXT_PANE || keys_lookup_present(key) == REQ_SLIDE_INDEX) {
		p->index_shown = 0;
	}
}

static void mouse(struct pres *p, const struct in_event *e)
{
	if (e->motion || e->release)
		return;
	if (p->blank) {
		p->blank = 0;
		p->changed = 1;
		return;
	}
	if (p->index_shown) {
		int rows = index_rows(p);
		if (e->button == 4 || e->button == 5) {
			lv_wheel(&p->index, e->button == 5 ? 1 : -1);
			lv_keep_visible(&p->index, rows);
		} else if (e->button == 1) {
			int i = lv_at(&p->index, e->y - 1);
			if (i >= 0 && e->y >= 1 && e->y <= rows) {
				go(p, i, 0);
				p->index_shown = 0;
			}
		}
		return;
	}
	if (p->a->help)
		return;
	if (e->button == 1 || e->button == 5)
		next(p); /* a click or the wheel down advances */
	else if (e->button == 4 && p->slide > 0)
		go(p, p->slide - 1, 1);
}

/* The terminal answered the width probe (start.c): lay out again if its
 * convention is not the one drawn with. */
static void probe_answer(struct pres *p, int col)
{
	struct app *a = p->a;
	a->probing = 0;
	int w = col - 1 == 2 ? 2 : 1;
	if (w == lay_ambiwidth())
		return;
	lay_set_ambiwidth(w);
	a->detail.doc_width = 0; /* the reader's doc too, when it is back */
	clearok(curscr, TRUE);
}

/* --big-titles: the terminal was asked (BT_QUERY); what came decides. */
static void big_titles_decide(struct pres *p)
{
	p->big = bt_decide(1, &p->bt);
	p->bt_asking = 0;
}

static void event(struct pres *p, const struct in_event *ev)
{
	struct app *a = p->a;
	if (ev->kind == IN_CPR) {
		if (a->probing)
			probe_answer(p, ev->col); /* the width probe asked first */
		else if (p->bt_asking && bt_take_cpr(&p->bt, ev->col))
			big_titles_decide(p);
		return;
	}
	if (ev->kind == IN_VERSION) {
		if (p->bt_asking)
			snprintf(p->bt.version, sizeof p->bt.version, "%s", ev->text);
		return;
	}
	if (ev->kind == IN_CHAR && (ev->mods & INM_ALT)) {
		/* Alt+key (input.h) is the line editor's; here, as in the
		 * reader, it is Esc then the key */
		struct in_event esc = {.kind = IN_KEY, .key = INK_ESC}, key = *ev;
		key.mods = 0;
		event(p, &esc);
		if (!p->quit)
			event(p, &key);
		return;
	}
	if (ev->kind == IN_IGNORED || ev->kind == IN_PASTE_BEGIN || ev->kind == IN_PASTE_END || ev->paste)
		return;
	if (ev->kind == IN_MOUSE) {
		mouse(p, ev);
		return;
	}
	int key = keys_of_event(ev);
	if (key < 0)
		return;
	a->message[0] = '\0';
	if (p->blank) {
		p->blank = 0; /* any key brings the slide back, and does nothing else */
		p->changed = 1;
		return;
	}
	if (a->help) {
		tui_help_key(a, keys_lookup(key)); /* it scrolls as the reader's */
		if (keys_lookup_present(key) == REQ_SLIDE_QUIT || keys_lookup_present(key) == REQ_SLIDE_HELP)
			a->help = 0;
		return;
	}
	if (p->index_shown) {
		index_key(p, key);
		return;
	}
	if (key >= '0' && key <= '9') {
		if (p->ndigits < 9) {
			p->typed = p->typed * 10 + (key - '0');
			p->ndigits++;
		}
		return;
	}
	if (p->ndigits && (key == 127 || key == 8)) {
		/* Backspace (C-h) while a number is typed: its last digit */
		p->typed /= 10;
		p->ndigits--;
		return;
	}
	request(p, keys_lookup_present(key), key);
}

/* --- the loop ------------------------------------------------------------- */

static void report(struct pres *p, int tick, int ended)
{
	if (!p->built || (!p->hook.changed && !p->hook.tick))
		return;
	struct present_info info = {&p->deck, p->si, p->items, p->slide, p->step, pres_elapsed(p),
				    p->duration, p->paused, p->blank, ended};
	if (tick && p->hook.tick)
		p->hook.tick(p->hook.ctx, &info);
	if ((p->changed || ended) && p->hook.changed)
		p->hook.changed(p->hook.ctx, &info);
	p->changed = 0;
}

/* Milliseconds until the footer's next change: the timer's next second,
 * the clock's next minute (a hook's tick at least every tick_ms). */
static int wait_ms(const struct pres *p)
{
	struct timeval tv;
	gettimeofday(&tv, NULL);
	long long wall = 60000 - ((long long)(tv.tv_sec % 60) * 1000 + tv.tv_usec / 1000);
	long long t = wall;
	if (!p->paused) {
		long long e = pres_elapsed(p);
		long long to_sec = 1000 - (e % 1000 + 1000) % 1000;
		if (to_sec < t)
			t = to_sec;
	}
	if (p->hook.tick && p->hook.tick_ms > 0 && p->hook.tick_ms < t)
		t = p->hook.tick_ms;
	return t < 2 ? 2 : (int)t; /* term_next: > 1 is milliseconds */
}

/* Run the presentation of po's items on the screen set up in a; returns
 * with p's position, p->quit set.  -1 if the items cannot be read
 * (a->message says why). */
static int run(struct pres *p, const struct present_opts *po)
{
	struct app *a = p->a;
	if (pres_load(p, po->items, po->nitems))
		return -1;
	p->hook = the_hook;
	p->footer = 1;
	p->step_mode = po->step;
	p->duration = po->duration;
	p->from_reader = po->from_reader;
	p->t0 = pres_now_ms();
	/* where it starts: the start item's block (its title slide without one) */
	int k = po->start_item >= 0 && po->start_item < po->nitems ? po->start_item : 0;
	p->at_item = k;
	p->at_block = -1;
	p->at_off = 0;
	for (int b = 0; po->start_block[0] && k < p->nitems && b < p->nblocks[k]; b++)
		if (!strcmp(p->blocks[k][b].id, po->start_block))
			p->at_block = b;
	a->help = 0;
	a->message[0] = '\0';
	layout(p);
	if (p->step_mode)
		p->step = 0;
	/* --big-titles: ask the terminal (bigtitle.h), never inside tmux or screen */
	p->big = BT_PLAIN;
	if (po->big_titles && bt_may_ask(getenv("TERM"), getenv("TMUX"), getenv("STY"))) {
		fflush(stdout);
		term_write(BT_QUERY, strlen(BT_QUERY));
		p->bt_asking = 1;
		p->bt_deadline = pres_now_ms() + 1500; /* replies over a slow link included */
	}
	clearok(curscr, TRUE);
	while (!p->quit && !term_hangup()) {
		if (term_resumed())
			clearok(curscr, TRUE);
		if (p->bt_asking && pres_now_ms() >= p->bt_deadline)
			big_titles_decide(p); /* what came in time */
		layout(p);
		pres_draw(p);
		report(p, 1, 0);
		struct in_event ev;
		int r = term_next(&ev, wait_ms(p));
		while (r && !p->quit && !term_hangup()) {
			if (r == 2)
				clearok(curscr, TRUE); /* resized: laid out again before the next frame */
			else
				event(p, &ev);
			r = p->quit ? 0 : term_next(&ev, 0);
		}
	}
	report(p, 0, 1);
	return 0;
}

/* P in the reader: the open item's chapter (a foreword: itself), from the
 * paragraph cursor's slide; q puts the reader's cursor on the paragraph of
 * the slide it ends on: the one P started from when the slide holds it,
 * else the slide's first; a slide of none, the nearest before (or after). */
void tui_present_from_reader(struct app *a)
{
	const struct model *m = a->m;
	int ch = m->items[a->item].chapter, n = 0, start = 0;
	int *items = xcalloc((size_t)m->nitems, sizeof *items);
	for (int i = 0; i < m->nitems; i++)
		if (i == a->item || (ch >= 0 && m->items[i].chapter == ch)) {
			if (i == a->item)
				start = n;
			items[n++] = i;
		}
	struct present_opts po;
	memset(&po, 0, sizeof po);
	po.items = items;
	po.nitems = n;
	po.start_item = start;
	po.from_reader = 1;
	int b = a->detail.cur;
	if (b < 0 && a->detail.top > 0 && a->detail.top < a->detail.doc.nlines)
		b = a->detail.doc.line[a->detail.top].block; /* no cursor: the top line's block */
	if (b >= 0 && b < a->nblocks)
		snprintf(po.start_block, sizeof po.start_block, "%s", a->blocks[b].id);
	struct pres p;
	memset(&p, 0, sizeof p);
	p.a = a;
	struct tui_pub *pub = tui_publish_begin(a); /* for anli present --follow */
	int rc = run(&p, &po);
	tui_publish_end(pub);
	if (rc == 0 && p.built && p.deck.nslides > 0) {
		/* back in the reader at the slide's paragraph: its first paragraph,
		 * the line of the slide's first byte of it on screen */
		const struct slide *s = &p.deck.slide[p.slide];
		int item = p.items[s->item];
		char id[64] = "";
		size_t off = 0;
		const struct model_block *bl = p.blocks[s->item];
		int nb = p.nblocks[s->item];
		/* the paragraph P started from, when the slide still holds it */
		for (int k = s->first_block; item == a->item && po.start_block[0] && k >= 0 && k <= s->last_block && k < nb; k++)
			if (bl[k].kind == MODEL_PARA && !strcmp(bl[k].id, po.start_block)) {
				snprintf(id, sizeof id, "%s", bl[k].id);
				off = k == s->first_block ? s->first_off : 0;
			}
		for (int k = s->first_block; k >= 0 && k <= s->last_block && k < nb && !id[0]; k++)
			if (bl[k].kind == MODEL_PARA) {
				snprintf(id, sizeof id, "%s", bl[k].id);
				off = k == s->first_block ? s->first_off : 0;
			}
		/* a slide of no paragraph (a caption's, a heading's): the nearest
		 * paragraph before it in its item, else the nearest after */
		for (int k = s->first_block - 1; s->first_block >= 0 && k >= 0 && k < nb && !id[0]; k--)
			if (bl[k].kind == MODEL_PARA)
				snprintf(id, sizeof id, "%s", bl[k].id);
		for (int k = s->last_block + 1; s->first_block >= 0 && k >= 0 && k < nb && !id[0]; k++)
			if (bl[k].kind == MODEL_PARA)
				snprintf(id, sizeof id, "%s", bl[k].id);
		if (item != a->item)
			tui_open_item(a, item);
		tui_layout_doc(a);
		for (int k = 0; id[0] && k < a->nblocks; k++)
			if (!strcmp(a->blocks[k].id, id)) {
				tui_cursor_to(a, k);
				int l = doc_line_of(&a->detail.doc, k, off), h = a->view[PANE_DETAIL].h;
				if (l >= 0 && h > 0 && (l < a->detail.top || l >= a->detail.top + h))
					tui_set_top(a, l); /* a long paragraph: where the slide was */
			}
	}
	a->help = 0;
	if (rc == 0)
		a->message[0] = '\0'; /* else it says why the items could not be read */
	pres_unload(&p);
	free(items);
	clearok(curscr, TRUE);
}

int tui_present(const char *db_path, int ambiwidth, const struct present_opts *po)
{
	if (po->follow)
		return tui_follow(db_path, ambiwidth, po); /* follow_view.c */
	struct tui_screen scr;
	memset(&scr, 0, sizeof scr);
	if (tui_locale_check(&scr))
		return CLI_ERROR;
	struct anli_err err;
	struct model *m = model_open(db_path, &err);
	if (!m) {
		msg_error("anli", "%s", err.msg);
		return CLI_ERROR;
	}
	if (tui_screen_open(&scr, ambiwidth)) {
		model_close(m);
		return CLI_ERROR;
	}
	struct app a;
	memset(&a, 0, sizeof a);
	a.m = m;
	a.use_color = scr.use_color;
	a.probing = scr.probing;
	a.detail.cur = -1;
	struct pres p;
	memset(&p, 0, sizeof p);
	p.a = &a;
	struct tui_pub *pub = tui_publish_begin(&a); /* for anli present --follow */
	char nopub[sizeof a.message] = "";
	if (!pub)
		memcpy(nopub, a.message, sizeof nopub); /* said on stderr at the end */
	/* HUP, TERM end the loop (term_hangup): the socket is closed and the
	 * terminal restored before the process dies of the signal */
	term_defer_hangup(1);
	int rc = run(&p, po);
	term_defer_hangup(0);
	tui_publish_end(pub);
	pres_unload(&p);
	tui_screen_close(&scr);
	model_close(m);
	if (nopub[0])
		msg_error("anli", "%s", nopub);
	if (term_hangup()) /* SIGHUP / SIGTERM: the terminal is restored; die of it */
		term_exit_signal(term_hangup());
	if (rc) {
		msg_error("anli", "%s", a.message);
		return CLI_ERROR;
	}
	return CLI_OK;
}
