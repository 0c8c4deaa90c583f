/* follow_view.c — the presenter view, `anli present --follow [PID]`
 * (issue 13, item 7): follows a presentation of the same user on the same
 * host through follow.h's socket and shows the current slide small, the
 * next slide, the full text of the current section (the slide's part in
 * bold) and the timer.  The deck is laid out again here from the item ids
 * the presenter sends, at the presenter's size, so that slide n is its
 * slide n.
 *
 * Either side may quit: q (or Esc) here leaves the presenter as it is; when
 * the presenter quits, the view says so and keeps the last slides shown.
 * Following the newest presentation, it then waits for a new one and
 * follows it; following a given pid, it stays until q.  A little over 400
 * lines: the socket's reading and the view's drawing of one follower. */
#include "anli/cli.h"
#include "anli/draw.h"
#include "anli/follow.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/msg.h"
#include "anli/present.h"
#include "anli/tui.h"
#include "anli/view.h"

#include "pres.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct fv {
	struct pres p;             /* the followed deck (p.a: the model, the screen) */
	char built_deck[FOLLOW_LINE_MAX / 2];
	struct follow_state st;    /* the latest state */
	int have;                  /* st is set and the deck built for it */
	long long got_ms;          /* when st arrived */
	struct follow_conn c;      /* fd -1: not connected */
	long want_pid;             /* --follow PID, 0: the newest */
	pid_t pid;                 /* the presentation followed */
	long long retry_ms;        /* when to look for a presentation again */
	char note[1100];           /* what the status row says (ended, errors) */
};

/* --- the deck --------------------------------------------------------------- */

/* Lay the deck out again when the presenter's deck or screen changed. */
static void rebuild(struct fv *f)
{
	struct pres *p = &f->p;
	const struct follow_state *s = &f->st;
	if (p->built && !strcmp(f->built_deck, s->deck) && p->bw == s->cols && p->bh == s->rows &&
	    p->bfooter == s->footer && p->bamb == s->ambi)
		return;
	struct app *a = p->a;
	if (strcmp(f->built_deck, s->deck) || !p->items) {
		pres_unload(p);
		memset(p, 0, sizeof *p);
		p->a = a;
		int n = 0, *items = xcalloc(strlen(s->deck) + 1, sizeof *items);
		char ids[sizeof s->deck], *save = NULL;
		snprintf(ids, sizeof ids, "%s", s->deck);
		for (char *id = strtok_r(ids, ",", &save); id; id = strtok_r(NULL, ",", &save)) {
			int i = model_find(a->m, id);
			if (i < 0) {
				snprintf(f->note, sizeof f->note,
					 _("the presentation shows %s, which this book does not have"), id);
				free(items);
				f->have = 0;
				return;
			}
			items[n++] = i;
		}
		int rc = pres_load(p, items, n);
		free(items);
		if (rc) {
			snprintf(f->note, sizeof f->note, "%s", a->message);
			f->have = 0;
			return;
		}
		snprintf(f->built_deck, sizeof f->built_deck, "%s", s->deck);
	} else if (p->built) {
		slides_free(&p->deck);
		p->built = 0;
	}
	/* the presenter's ambiguous width for its layout, ours for drawing */
	int own = lay_ambiwidth();
	lay_set_ambiwidth(s->ambi);
	struct slides_opts o = {.width = s->cols, .height = s->rows, .footer_rows = s->footer};
	slides_build(&p->deck, p->si, p->nitems, &o);
	lay_set_ambiwidth(own);
	p->built = 1;
	p->bw = s->cols, p->bh = s->rows, p->bfooter = s->footer, p->bamb = s->ambi;
}

/* --- the connection ------------------------------------------------------------ */

static void hang_up(struct fv *f, const char *why)
{
	follow_disconnect(&f->c);
	if (f->want_pid)
		snprintf(f->note, sizeof f->note, _("%s (process %ld); q quits"), why, (long)f->pid);
	else
		snprintf(f->note, sizeof f->note, _("%s (process %ld); waiting for a new presentation, q quits"), why,
			 (long)f->pid);
	f->retry_ms = pres_now_ms() + 1000;
}

/* Connect to the presentation wanted; 0 or -1 with err. */
static int attach(struct fv *f, struct anli_err *err)
{
	char path[256];
	pid_t pid;
	if (follow_find((pid_t)f->want_pid, path, sizeof path, &pid, err) || follow_connect(&f->c, path, err))
		return -1;
	f->pid = pid;
	f->note[0] = '\0';
	return 0;
}

/* What came from the presenter, or a new presenter to follow. */
static void poll_presenter(struct fv *f)
{
	struct anli_err err;
	if (f->c.fd < 0) {
		/* the newest presentation ended: look for another once a second */
		if (f->want_pid || pres_now_ms() < f->retry_ms)
			return;
		f->retry_ms = pres_now_ms() + 1000;
		pid_t old = f->pid;
		if (attach(f, &err) == 0 && f->pid == old)
			follow_disconnect(&f->c); /* not gone yet: its socket outlived it */
		return;
	}
	struct follow_state s;
	int r = follow_read(&f->c, &s, &err);
	if (r < 0) {
		hang_up(f, err.msg);
	} else if (r > 0) {
		f->st = s;
		f->got_ms = pres_now_ms();
		f->have = 1;
		rebuild(f);
	}
}

/* --- drawing ------------------------------------------------------------------- */

/* Slide s of the deck small, in the box at (y, x) of h rows and w columns:
 * its lines in order without the blank rows, each block's lines on the
 * slide joined and wrapped again at the box's width (so nothing is cut
 * but at the box's foot, where a cut mark says there is more; in a box too
 * low for them all, the repeated heading and the 续 mark left out first);
 * the lines a step reveal has not shown yet dim. */
static void draw_small(const struct fv *f, int s, int step, int y, int x, int h, int w)
{
	const struct deck *d = &f->p.deck;
	const struct slide *sl = &d->slide[s];
	int row = 0, end = sl->first_line + sl->nlines;
	int skip_chrome = sl->nlines > h && !sl->title_slide;
	struct sbuf t;
	sbuf_init(&t);
	for (int i = sl->first_line; i < end && row < h;) {
		const struct slide_line *l = &d->line[i];
		if (skip_chrome && (l->role == SLIDE_HEADING_CONT || l->role == SLIDE_CONT_MARK)) {
			i++;
			continue;
		}
		/* the run of lines of one block (a chrome line alone) */
		int j = i + 1;
		if (l->block >= 0 && l->src_len)
			while (j < end && d->line[j].block == l->block && d->line[j].role == l->role &&
			       d->line[j].src_len)
				j++;
		const struct slide_line *z = &d->line[j - 1];
		t.len = 0;
		if (j - i > 1) {
			/* its decoration before, the block's text, its decoration after */
			const char *src = d->src[sl->item].text[l->block];
			sbuf_addn(&t, d->text + l->off, l->pre);
			sbuf_addn(&t, src + l->src_off, z->src_off + z->src_len - l->src_off);
			sbuf_addn(&t, d->text + z->off + z->pre + z->src_len, z->len - z->pre - z->src_len);
		} else {
			sbuf_addn(&t, d->text + l->off, l->len);
		}
		int attr = pres_role_attr(f->p.a, l->role);
		if (step >= 0 && l->step > step)
			attr = A_DIM;
		wattrset(stdscr, attr);
		struct lay_line *ll;
		int n = lay_wrap(t.s, t.len, w > 0 ? w : 1, 0, &ll);
		for (int k = 0; k < n && row < h; k++, row++) {
			if (row == h - 1 && (k + 1 < n || j < end))
				tui_put(stdscr, y + row, x, glyph(GLYPH_CUT), strlen(glyph(GLYPH_CUT)), w); /* more below */
			else
				draw_text(stdscr, y + row, x, t.s + ll[k].off, ll[k].len, w);
		}
		free(ll);
		i = j;
	}
	sbuf_free(&t);
	wattrset(stdscr, A_NORMAL);
}

/* The full text of slide s's section, wrapped at w columns from row y to
 * y + h: the blocks on slide s in bold, scrolled so that they start on
 * screen; its heading left to the label above it.  A title slide: its own
 * lines, bold. */
static void draw_section(const struct fv *f, int s, int y, int x, int h, int w)
{
	const struct deck *d = &f->p.deck;
	const struct slide *sl = &d->slide[s];
	int sec = sl->section, it = sl->item;
	if (sl->title_slide) { /* a title slide: its own lines, bold */
		wattrset(stdscr, A_BOLD);
		for (int i = 0, r = 0; i < sl->nlines && r < h; i++) {
			const struct slide_line *ln = &d->line[sl->first_line + i];
			if (ln->len)
				tui_put(stdscr, y + r++, x, d->text + ln->off, ln->len, w);
		}
		wattrset(stdscr, A_NORMAL);
		return;
	}
	const struct slides_src *src = &d->src[it];
	const struct model_block *b = f->p.blocks[it];
	/* two passes: count the rows before the slide's first block, then draw */
	int before = -1, row = 0, top = 0;
	for (int pass = 0; pass < 2; pass++) {
		row = 0;
		for (int k = 0; k < src->nblocks && k < f->p.nblocks[it]; k++) {
			if (b[k].section != sec || b[k].kind == MODEL_HEADING)
				continue; /* the heading: in the label above */
			int on = k >= sl->first_block && k <= sl->last_block;
			if (pass == 0 && on && before < 0)
				before = row;
			struct lay_line *ll = NULL;
			int n = lay_wrap(src->text[k], src->len[k], w, 0, &ll);
			for (int i = 0; i < n; i++, row++) {
				int r = row - top;
				if (pass == 1 && r >= 0 && r < h) {
					wattrset(stdscr, on ? (int)A_BOLD : b[k].kind == MODEL_HEADING ? term_attr(f->p.a, PAIR_HEADING) : (int)A_NORMAL);
					tui_put(stdscr, y + r, x, src->text[k] + ll[i].off, ll[i].len, w);
				}
			}
			free(ll);
		}
		if (pass == 0)
			top = before > 1 ? before - 1 : 0; /* a line of what came before */
		if (pass == 0 && before >= 0 && before + h > row && row > h)
			top = row - h; /* the end of the section: no empty rows below it */
	}
	wattrset(stdscr, A_NORMAL);
}

/* A box's title row: reversed, cut to w. */
static void label(int y, int x, int w, const char *s)
{
	wattrset(stdscr, A_REVERSE);
	mvwhline(stdscr, y, x, ' ', w);
	tui_put(stdscr, y, x + 1, s, strlen(s), w - 1);
	wattrset(stdscr, A_NORMAL);
}

static void draw(const struct fv *f)
{
	const struct app *a = f->p.a;
	int rows = a->rows, cols = a->cols;
	werase(stdscr);
	char buf[256];
	/* the bottom row: the timer, the slide, the clock, or what happened */
	int y = rows - 1;
	if (f->have) {
		long long e = f->st.elapsed + (f->st.paused ? 0 : pres_now_ms() - f->got_ms);
		char timer[32], clock[16];
		int urg;
		present_timer_text(e, (int)f->st.duration, timer, sizeof timer, &urg);
		time_t now = time(NULL);
		struct tm tm;
		localtime_r(&now, &tm);
		strftime(clock, sizeof clock, "%H:%M", &tm);
		snprintf(buf, sizeof buf, "%d/%d  %s  %s%s%s", f->st.slide, f->st.total, clock, timer,
			 f->st.paused ? _(" (paused)") : "", f->st.blank ? _("  [blanked]") : "");
		int wb = lay_strwidth(buf, strlen(buf));
		wattrset(stdscr, pres_timer_attr(a, urg)); /* as the presentation's */
		tui_put(stdscr, y, cols - wb > 0 ? cols - wb : 0, buf, strlen(buf), cols);
		wattrset(stdscr, A_NORMAL);
		if (f->note[0]) {
			wattrset(stdscr, A_BOLD);
			tui_put(stdscr, y - 1 >= 0 ? y - 1 : 0, 0, f->note, strlen(f->note), cols);
			wattrset(stdscr, A_NORMAL);
		}
	} else {
		wattrset(stdscr, A_BOLD);
		const char *s = f->note[0] ? f->note : _("waiting for the presenter…");
		tui_put(stdscr, 0, 0, s, strlen(s), cols);
		wattrset(stdscr, A_NORMAL);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	const struct deck *d = &f->p.deck;
	int s = f->st.slide - 1;
	if (s >= d->nslides)
		s = d->nslides - 1;
	int avail = rows - 1 - (f->note[0] ? 1 : 0);
	/* boxes: now and next side by side from 60 columns, else one above the other */
	int side = cols >= 60;
	int bh = side ? avail * 2 / 5 : avail * 2 / 7;
	if (bh < 2)
		bh = 2;
	int bw = side ? (cols - 1) / 2 : cols;
	snprintf(buf, sizeof buf, _("Now: %d/%d"), s + 1, d->nslides);
	label(0, 0, bw, buf);
	draw_small(f, s, f->st.step, 1, 1, bh - 1, bw - 1);
	int ny = side ? 0 : bh, nx = side ? bw + 1 : 0;
	if (s + 1 < d->nslides) {
		snprintf(buf, sizeof buf, _("Next: %d/%d"), s + 2, d->nslides);
		label(ny, nx, side ? cols - nx : cols, buf);
		draw_small(f, s + 1, -1, ny + 1, nx + 1, bh - 1, (side ? cols - nx : cols) - 1);
	} else {
		label(ny, nx, side ? cols - nx : cols, _("Next: the end"));
	}
	int ty = side ? bh : 2 * bh;
	if (ty + 1 < avail) {
		struct sbuf t;
		sbuf_init(&t);
		slides_title(d, s, &t);
		label(ty, 0, cols, t.s);
		sbuf_free(&t);
		draw_section(f, s, ty + 1, 1, avail - ty - 1, cols - 2);
	}
	wnoutrefresh(stdscr);
	doupdate();
}

/* --- the loop -------------------------------------------------------------------- */

int tui_follow(const char *db_path, int ambiwidth, const struct present_opts *po)
{
	struct anli_err err;
	struct fv f;
	memset(&f, 0, sizeof f);
	f.c.fd = -1;
	f.want_pid = po->follow_pid;
	/* nothing to follow: said first, before the screen is taken */
	if (attach(&f, &err)) {
		msg_error("anli", "%s", err.msg);
		return CLI_NOTFOUND;
	}
	struct tui_screen scr;
	memset(&scr, 0, sizeof scr);
	if (tui_locale_check(&scr)) {
		follow_disconnect(&f.c);
		return CLI_ERROR;
	}
	struct model *m = model_open(db_path, &err);
	if (!m) {
		msg_error("anli", "%s", err.msg);
		follow_disconnect(&f.c);
		return CLI_ERROR;
	}
	if (tui_screen_open(&scr, ambiwidth)) {
		follow_disconnect(&f.c);
		model_close(m);
		return CLI_ERROR;
	}
	struct app a;
	memset(&a, 0, sizeof a);
	a.m = m;
	a.use_color = scr.use_color;
	a.probing = scr.probing;
	f.p.a = &a;
	for (int quit = 0; !quit;) {
		if (term_resumed())
			clearok(curscr, TRUE);
		poll_presenter(&f);
		getmaxyx(stdscr, a.rows, a.cols);
		draw(&f);
		struct in_event ev;
		/* a frame at least every 100 ms: the presenter's changes show at once enough */
		int r = term_next(&ev, 100);
		while (r && !quit) {
			if (r == 2) {
				clearok(curscr, TRUE);
			} else if (ev.kind == IN_CPR) {
				if (a.probing) {
					a.probing = 0;
					lay_set_ambiwidth(ev.col - 1 == 2 ? 2 : 1);
					clearok(curscr, TRUE);
				}
			} else if ((ev.kind == IN_CHAR && !ev.paste && (ev.cp == 'q' || ev.cp == 'Q')) ||
				   (ev.kind == IN_KEY && ev.key == INK_ESC)) {
				quit = 1;
			} else if (ev.kind == IN_CHAR && ev.cp == 0x0c) {
				clearok(curscr, TRUE); /* Ctrl-L */
			}
			r = quit ? 0 : term_next(&ev, 0);
		}
	}
	follow_disconnect(&f.c);
	pres_unload(&f.p);
	tui_screen_close(&scr);
	model_close(m);
	return CLI_OK;
}
