/* views/present.c — drawing the presentation (state: src/tui/present/pres.h): the
 * slide as slides.h laid it out, the footer (where, n/N, the progress bar
 * split into the presented items, the clock, the timer), the index of
 * slides, the help.  Everything goes into stdscr and out with one
 * doupdate, so a frame that only the timer changed sends only its cells. */
#include "anli/view.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include "../present/pres.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

int pres_role_attr(const struct app *a, int role)
{
	switch (role) {
	case SLIDE_TITLE:
	case SLIDE_SUBTITLE: return term_attr(a, PAIR_TITLE);
	case SLIDE_CHAPTER:
	case SLIDE_NUMBER:
	case SLIDE_ORG: return term_attr(a, PAIR_BYLINE);
	case SLIDE_MISSING: return term_attr(a, PAIR_CAPTION) | A_REVERSE;
	case SLIDE_HEADING:
	case SLIDE_HEADING_MISSING:
	case SLIDE_HEADING_CONT: return term_attr(a, PAIR_HEADING);
	case SLIDE_SUBHEAD: return term_attr(a, PAIR_SUBHEAD);
	case SLIDE_CAPTION: return term_attr(a, PAIR_CAPTION);
	case SLIDE_CONT_MARK: return A_DIM;
	}
	return A_NORMAL;
}

const char *pres_section_name(const struct pres *p, int s)
{
	const struct slide *sl = &p->deck.slide[s];
	if (sl->title_slide || sl->item < 0 || sl->item >= p->nitems)
		return NULL;
	for (int b = 0; b < p->nblocks[sl->item]; b++)
		if (p->blocks[sl->item][b].section == sl->section && p->blocks[sl->item][b].kind == MODEL_HEADING)
			return p->blocks[sl->item][b].text;
	return NULL;
}

static void draw_slide(const struct pres *p)
{
	const struct deck *d = &p->deck;
	const struct slide *s = &d->slide[p->slide];
	int cols = p->a->cols;
	for (int i = s->first_line; i < s->first_line + s->nlines; i++) {
		const struct slide_line *l = &d->line[i];
		if (p->step >= 0 && l->step > p->step)
			continue; /* step reveal: not yet */
		if (l->y >= d->body_rows || l->x >= cols)
			continue;
		wattrset(stdscr, pres_role_attr(p->a, l->role));
		tui_put(stdscr, l->y, l->x, d->text + l->off, l->len, cols - l->x);
	}
	wattrset(stdscr, A_NORMAL);
}

/* The progress bar in `w` columns at (y, x): a segment per item, as long as
 * its share of the slides (the current item's one cell at least), the
 * slides shown filled, the current item's cells bold.  The items apart
 * with a separator each where each can have two cells; else only the
 * current item's segment stands between two separators (so the split
 * into items shows with any number of them). */
static void draw_bar(const struct pres *p, int y, int x, int w)
{
	const struct deck *d = &p->deck;
	int ni = d->nitems, cur = d->slide[p->slide].item;
	int all = ni > 1 && w - (ni - 1) >= 2 * ni;
	int around = !all && ni > 1 ? (cur > 0) + (cur < ni - 1) : 0;
	int cells = w - (all ? ni - 1 : around), n = d->nslides > 0 ? d->nslides : 1;
	if (cells < 1)
		return;
	int done = (int)((long long)cells * (p->slide + 1) / n);
	const char *g_done = glyph(GLYPH_BAR_DONE), *g_todo = glyph(GLYPH_BAR_TODO), *g_sep = glyph(GLYPH_BAR_SEP);
	/* the current item's segment [c0, c1): one cell at least */
	int c0 = (int)((long long)cells * d->src[cur].first_slide / n);
	int c1 = cur == ni - 1 ? cells : (int)((long long)cells * (d->src[cur].first_slide + d->src[cur].nslides) / n);
	if (c1 <= c0) {
		if (c0 >= cells)
			c0 = cells - 1;
		c1 = c0 + 1;
	}
	int cell = 0;
	for (int k = 0; k < ni; k++) {
		int end = k == ni - 1 ? cells : (int)((long long)cells * (d->src[k].first_slide + d->src[k].nslides) / n);
		if (k == cur - 1 || (k < cur && end > c0))
			end = c0;
		else if (k == cur)
			end = c1;
		else if (end < c1)
			end = c1;
		if (around && k == cur && cur > 0)
			x += tui_put(stdscr, y, x, g_sep, strlen(g_sep), 1);
		wattrset(stdscr, k == cur ? A_BOLD : A_NORMAL);
		for (; cell < end; cell++) {
			const char *g = cell < done ? g_done : g_todo;
			x += tui_put(stdscr, y, x, g, strlen(g), 1);
		}
		wattrset(stdscr, A_NORMAL);
		if ((all && k + 1 < ni) || (around && k == cur && cur < ni - 1))
			x += tui_put(stdscr, y, x, g_sep, strlen(g_sep), 1);
	}
}

int pres_timer_attr(const struct app *a, int urgency)
{
	int attr = urgency == 2 ? A_REVERSE | A_BOLD : urgency == 1 ? A_BOLD : A_NORMAL;
	if (urgency && a->use_color)
		attr |= COLOR_PAIR(PAIR_WARN);
	return attr;
}

/* The footer on the last row: where (or a message, or the number typed)
 * on the left; the bar, n/N, the clock and the timer on the right, the
 * clock left out when narrow.  Where comes first: the bar has the room it
 * leaves, and the item's title is cut before the section. */
static void draw_footer(const struct pres *p)
{
	const struct app *a = p->a;
	int y = a->rows - 1, cols = a->cols;
	char pos[32], timer[32], clock[16];
	const struct slide *cur = &p->deck.slide[p->slide];
	if (p->step >= 0 && p->step + 1 < cur->nsteps) /* step reveal: more of the slide to come */
		snprintf(pos, sizeof pos, "%s %d/%d", glyph(GLYPH_CUT), p->slide + 1, p->deck.nslides);
	else
		snprintf(pos, sizeof pos, "%d/%d", p->slide + 1, p->deck.nslides);
	int urg;
	present_timer_text(pres_elapsed(p), p->duration, timer, sizeof timer, &urg);
	if (p->paused)
		snprintf(timer + strlen(timer), sizeof timer - strlen(timer), "%s", _(" (paused)"));
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(clock, sizeof clock, "%H:%M", &tm);
	int wpos = lay_strwidth(pos, strlen(pos)), wt = lay_strwidth(timer, strlen(timer)), wc = (int)strlen(clock);
	int right = wpos + 2 + wt + 1; /* "n/N  timer " */
	int show_clock = cols - right - (wc + 2) >= 12;
	if (show_clock)
		right += wc + 2;
	/* the left part: where (the item's title · the section), or a message */
	struct sbuf s;
	sbuf_init(&s);
	const char *title = "", *sec = NULL;
	if (p->ndigits) {
		sbuf_printf(&s, _("slide %lld: Enter or G goes"), p->typed);
	} else if (a->message[0]) {
		sbuf_adds(&s, a->message);
	} else {
		title = p->deck.src[p->deck.slide[p->slide].item].short_title;
		sec = pres_section_name(p, p->slide);
		sbuf_adds(&s, title);
		if (sec) {
			sbuf_adds(&s, glyph(GLYPH_FIELD_SEP));
			sbuf_adds(&s, sec);
		}
	}
	/* the bar has what where leaves (6 cells at least, else none); a
	 * message takes its room */
	int wleft = lay_strwidth(s.s, s.len);
	int bar = cols - right - 2 - wleft - 2;
	if (a->message[0] || p->ndigits)
		bar = 0;
	int cap = cols / 3 > 24 ? cols / 3 : 24; /* it grows with the screen */
	bar = bar > cap ? cap : bar;
	if (bar < 6)
		bar = 0;
	else
		right += bar + 2;
	int room = cols - right - 2;
	if (sec && wleft > room) {
		/* too long still: the item's title cut first, the section whole */
		const char *sep = glyph(GLYPH_FIELD_SEP), *cut = glyph(GLYPH_CUT);
		int wtail = lay_strwidth(sep, strlen(sep)) + lay_strwidth(sec, strlen(sec));
		int wti = room - wtail - lay_strwidth(cut, strlen(cut)), used;
		if (wti >= 0) {
			size_t n = lay_fit(title, strlen(title), wti, &used);
			sbuf_free(&s);
			sbuf_init(&s);
			sbuf_addn(&s, title, n);
			sbuf_adds(&s, cut);
			sbuf_adds(&s, sep);
			sbuf_adds(&s, sec);
		}
	}
	wattrset(stdscr, a->message[0] || p->ndigits ? A_BOLD : A_NORMAL);
	tui_put(stdscr, y, 1, s.s, s.len, room);
	sbuf_free(&s);
	wattrset(stdscr, A_NORMAL);
	int x = cols - right;
	if (x < 1)
		x = 1;
	if (bar) {
		draw_bar(p, y, x, bar);
		x += bar + 2;
	}
	x += tui_put(stdscr, y, x, pos, strlen(pos), cols - x) + 2;
	if (show_clock)
		x += tui_put(stdscr, y, x, clock, strlen(clock), cols - x) + 2;
	wattrset(stdscr, pres_timer_attr(a, urg));
	tui_put(stdscr, y, x, timer, strlen(timer), cols - x);
	wattrset(stdscr, A_NORMAL);
}

/* With the footer off, a message (or the number typed) alone on the last row. */
static void draw_message(const struct pres *p)
{
	const struct app *a = p->a;
	struct sbuf s;
	sbuf_init(&s);
	if (p->ndigits)
		sbuf_printf(&s, _("slide %lld: Enter or G goes"), p->typed);
	else
		sbuf_adds(&s, a->message);
	mvwhline(stdscr, a->rows - 1, 0, ' ', a->cols);
	wattrset(stdscr, A_BOLD);
	tui_put(stdscr, a->rows - 1, 1, s.s, s.len, a->cols - 2);
	wattrset(stdscr, A_NORMAL);
	sbuf_free(&s);
}

/* The index (Tab): a row per slide, "n  item · section · k", the current
 * slide marked; Enter goes to the selected one. */
static void draw_index(const struct pres *p)
{
	const struct app *a = p->a;
	int rows = a->rows - 2 > 1 ? a->rows - 2 : 1; /* as present.c's index_rows */
	const struct listview lv = p->index;
	const char *head = _("Slides — Enter goes to one, Esc closes");
	wattrset(stdscr, A_BOLD);
	tui_put(stdscr, 0, 1, head, strlen(head), a->cols - 2);
	struct sbuf s;
	sbuf_init(&s);
	for (int y = 0; y < rows && lv.top + y < lv.n; y++) {
		int i = lv.top + y;
		s.len = 0;
		if (s.s)
			s.s[0] = '\0';
		sbuf_printf(&s, "%s%4d  ", i == p->slide ? glyph(GLYPH_CURSOR) : " ", i + 1);
		slides_title_fit(&p->deck, i, a->cols - 2 - lay_strwidth(s.s, s.len), &s);
		wattrset(stdscr, i == lv.sel ? A_REVERSE : A_NORMAL);
		if (i == lv.sel)
			mvwhline(stdscr, y + 1, 0, ' ', a->cols);
		tui_put(stdscr, y + 1, 1, s.s, s.len, a->cols - 2);
	}
	sbuf_free(&s);
	wattrset(stdscr, A_NORMAL);
}

/* --big-titles: the row (above the title's) where the terminal holds a big
 * title, or -1.  The terminal's state, as curses' curscr is, not the
 * presentation's. */
static int big_row = -1;
static enum bt_method big_method;

/* The title slide's title row when it can go big (one line, the row above
 * it empty, nothing over the slide), else -1; *line its slide line. */
static int big_title_row(const struct pres *p, const struct slide_line **line)
{
	const struct deck *d = &p->deck;
	if (p->big == BT_PLAIN || p->blank || p->index_shown || p->a->help || d->nslides <= 0 ||
	    !d->slide[p->slide].title_slide)
		return -1;
	const struct slide *s = &d->slide[p->slide];
	int row = -1, ntitle = 0;
	for (int i = s->first_line; i < s->first_line + s->nlines; i++)
		if (d->line[i].role == SLIDE_TITLE) {
			ntitle++;
			row = d->line[i].y;
			*line = &d->line[i];
		}
	if (ntitle != 1 || row < 1)
		return -1;
	for (int i = s->first_line; i < s->first_line + s->nlines; i++)
		if (d->line[i].y == row - 1)
			return -1;
	return row;
}

/* Before the frame goes out: a big title no longer wanted is undone and
 * the screen repainted whole (its erase takes kitty's large text). */
static void big_title_before(const struct pres *p)
{
	const struct slide_line *l = NULL;
	int row = big_title_row(p, &l);
	if (big_row < 0 || (row >= 0 && row - 1 == big_row))
		return;
	struct sbuf s;
	sbuf_init(&s);
	bt_undo_seq(big_method, big_row, &s);
	fflush(stdout);
	term_write(s.s, s.len);
	sbuf_free(&s);
	big_row = -1;
	clearok(curscr, TRUE);
}

/* After it: the title drawn big over its row and the blank one above
 * (curses keeps its plain copy, so the frames after send nothing there). */
static void big_title_after(const struct pres *p)
{
	const struct slide_line *l = NULL;
	int row = big_title_row(p, &l);
	if (row < 0)
		return;
	struct sbuf s;
	sbuf_init(&s);
	if (bt_draw_seq((enum bt_method)p->big, row - 1, p->a->cols, p->deck.text + l->off, l->len, l->width, &s) == 0) {
		fflush(stdout);
		term_write(s.s, s.len);
		big_row = row - 1;
		big_method = (enum bt_method)p->big;
	}
	sbuf_free(&s);
}

void pres_draw(const struct pres *p)
{
	struct app *a = p->a;
	big_title_before(p);
	werase(stdscr);
	if (p->blank || p->deck.nslides <= 0) {
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	if (p->index_shown) {
		draw_index(p);
	} else {
		draw_slide(p);
		if (p->deck.footer_rows > 0)
			draw_footer(p);
		else if (a->message[0] || p->ndigits)
			draw_message(p); /* over the slide's last row: the footer is off */
	}
	wnoutrefresh(stdscr);
	if (a->help)
		tui_draw_help(a);
	doupdate();
	big_title_after(p);
}
