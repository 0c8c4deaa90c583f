/* status.c — drawing a frame: the pane separators, the panes, the help
 * overlay (generated from the action table) and the status line. */
#include "anli/view.h"

#include "anli/addr.h"
#include "anli/draw.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/tnotes.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* --- the formats of the header and the status line ---------------------- */

/* The section the detail's top line is in (its heading's text), or NULL:
 * the title block and an untitled introduction have none. */
static const char *top_section(const struct app *a)
{
	const struct doc *d = &a->detail.doc;
	int b = -1;
	for (int k = a->detail.top; k >= 0 && k < d->nlines && b < 0; k++)
		b = d->line[k].block;
	if (b < 0 || b >= a->nblocks)
		return NULL;
	int sec = a->blocks[b].section;
	for (int i = 0; i < a->nblocks; i++)
		if (a->blocks[i].section == sec && a->blocks[i].kind == MODEL_HEADING)
			return a->blocks[i].text;
	return NULL;
}

/* How far through the item: 0 with the top shown, 100 with the end shown. */
static int position(const struct app *a)
{
	int vis = a->view[PANE_DETAIL].h > 0 ? a->view[PANE_DETAIL].h : a->rows - 2;
	int maxtop = a->detail.doc.nlines + 1 - vis; /* + 1: the end marker */
	int pct = maxtop <= 0 ? 100 : a->detail.top * 100 / maxtop;
	return pct > 100 ? 100 : pct;
}

/* The status line's fields, most important first (the line is cut from
 * the right): the search counter, the section, the paragraph cursor's
 * number of the item's paragraphs, its printed page, the position —
 * "“人才” 3/12 · 工作成效 · ¶5/31 · p.98 · 62%". */
static void status_fields(const struct app *a, struct sbuf *s)
{
	if (tui_search_counter(a, s)) /* find.c: over the whole scope; first, so cut last */
		sbuf_adds(s, glyph(GLYPH_FIELD_SEP));
	if (tnotes_status(a, s)) /* the cursor paragraph's note: "#3 改 “原文”→“改为” 说明" */
		sbuf_adds(s, glyph(GLYPH_FIELD_SEP));
	int c = a->detail.cur, pn = addr_para_number(a->blocks, a->nblocks, c);
	const char *sec = pn ? addr_section_heading(a->blocks, a->nblocks, c) : top_section(a);
	if (sec) {
		sbuf_adds(s, sec);
		sbuf_adds(s, glyph(GLYPH_FIELD_SEP));
	}
	if (pn) {
		sbuf_printf(s, _("¶%d/%d"), pn, addr_para_count(a->blocks, a->nblocks));
		sbuf_adds(s, glyph(GLYPH_FIELD_SEP));
		if (a->blocks[c].page_first > 0) {
			sbuf_printf(s, _("p.%d"), a->blocks[c].page_first);
			sbuf_adds(s, glyph(GLYPH_FIELD_SEP));
		}
	}
	sbuf_printf(s, "%d%%", position(a));
}

/* The header above the text: where you are (model_item_header: "第三篇
 * 科经融合 · 案例 27/53"), marked when the text has the focus. */
static void draw_header(struct app *a)
{
	if (!a->header || !tui_pane_shown(a, PANE_DETAIL))
		return;
	struct sbuf s;
	sbuf_init(&s);
	model_item_header(a->m, a->item, &s);
	werase(a->header);
	tui_title(a, a->header, a->focus == PANE_DETAIL, s.s, s.len, tui_text_x(a)); /* over the text column */
	sbuf_free(&s);
	wnoutrefresh(a->header);
}

/* --- drawing ------------------------------------------------------------- */

static void draw_status(struct app *a)
{
	WINDOW *w = a->status;
	/* zoomed reading keeps a plain status line, as less's prompt: its
	 * position changes with nearly every line scrolled, and in reverse
	 * video each change costs twice the bytes (make bench) */
	int attr = a->zoom ? (int)A_NORMAL : term_attr(a, PAIR_STATUS);
	werase(w);
	wbkgdset(w, ' ' | attr);
	werase(w);
	wattrset(w, attr);
	struct sbuf s;
	sbuf_init(&s);
	int cursor_x = -1;
	if (a->prompt) {
		sbuf_adds(&s, a->prompt == '/' ? "/" : a->prompt == ':' ? ":" : _("search: "));
	} else if (a->message[0]) {
		sbuf_adds(&s, a->message);
	} else {
		status_fields(a, &s);
	}
	const char *hint = _("? help  q quit");
	int hw = lay_strwidth(hint, strlen(hint));
	size_t n;
	char *clean = lay_sanitize(s.s, s.len, &n);
	/* the hint on the right, unless a message (or the notes list's
	 * selected note, its whole text) needs its room */
	int full = a->message[0] || (a->notes_shown && a->focus == PANE_LIST);
	int hint_shown = a->cols > hw + 20 && !a->prompt && !(full && lay_strwidth(clean, n) > a->cols - 1 - (hw + 2));
	int room = a->cols - 1 - (hint_shown ? hw + 2 : 0);
	if (a->prompt) {
		/* the prompt, then the input around the cursor (the work is the
		 * visible part's, whatever the input's length) */
		int x = 1 + tui_put(w, 0, 1, clean, n, room - 1);
		cursor_x = tui_prompt_draw(a, w, 0, x, room - x); /* prompt.c */
	} else {
		tui_put(w, 0, 1, clean, n, room);
	}
	if (hint_shown)
		tui_put(w, 0, a->cols - hw - 1, hint, strlen(hint), hw);
	/* the cursor is shown only at the prompt; elsewhere curses need not move it */
	leaveok(w, cursor_x < 0);
	if (cursor_x >= 0)
		wmove(w, 0, cursor_x);
	free(clean);
	sbuf_free(&s);
	wnoutrefresh(w);
}

/* The help's lines, generated from the action table (keys.c): a heading
 * per group, a line per action with the keys bound to it (an action
 * joined to the one before shares its line).  Returns how many; *out to
 * free with help_free. */
static int help_lines(const struct app *a, struct sbuf **out)
{
	int room = a->cols - 4; /* inside the frame and its margins */
	int na;
	const struct action *act = keys_actions(&na);
	int n = 0, present = a->help == HELP_PRESENT; /* the presentation's keys, or the reader's */
	/* the keys of each line of the help */
	char names[na][96];
	int help_of[na];
	int nl = 0, kw = 0;
	for (int i = 0; i < na; i++) {
		if ((act[i].group == KG_PRESENT) != present)
			continue;
		if (!act[i].joined || nl == 0) {
			names[nl][0] = '\0';
			help_of[nl++] = i;
		}
		char *nm = names[nl - 1];
		int keys[KEYS_MAX];
		int nk = keys_for(act[i].req, keys, KEYS_MAX);
		for (int k = 0; k < nk; k++) {
			char kb[16];
			size_t l = strlen(nm);
			/* the keys of a joined action apart: "j ↓ / k ↑", as the README */
			const char *sep = !l ? "" : k == 0 ? " / " : " ";
			snprintf(nm + l, sizeof names[0] - l, "%s%s", sep, keys_name(keys[k], kb, sizeof kb));
		}
	}
	/* the lines: headings, and keys and text wrapped (a wrapped line
	 * holds a byte at least) */
	size_t cap = 24 + 64; /* + the mouse's lines */
	for (int i = 0; i < nl; i++)
		cap += 4 + strlen(names[i]) + strlen(_(act[help_of[i]].help));
	struct sbuf *line = xcalloc(cap, sizeof *line);
	sbuf_adds(&line[n++], present ? _("anli — presentation keys") : _("anli — keys"));
	/* the keys column: as wide as the widest list of keys that leaves
	 * half the room to the text; a wider list is wrapped on lines of its
	 * own, its text under it */
	for (int i = 0; i < nl; i++) {
		int w = lay_strwidth(names[i], strlen(names[i]));
		if (w > kw && w <= room / 2)
			kw = w;
	}
	for (int i = 0; i < nl; i++) {
		const struct action *x = &act[help_of[i]];
		if (i == 0 || x->group != act[help_of[i - 1]].group) {
			sbuf_adds(&line[n++], "");
			sbuf_adds(&line[n++], keys_group_name(x->group));
		}
		const char *help = _(x->help);
		int nmw = lay_strwidth(names[i], strlen(names[i]));
		if (2 + nmw > room) {
			/* keys wider than the room: wrapped at the spaces between them */
			struct lay_line *kl;
			int nk = lay_wrap(names[i], strlen(names[i]), room > 3 ? room - 2 : 1, 0, &kl);
			for (int k = 0; k < nk - 1; k++) {
				sbuf_adds(&line[n], "  ");
				sbuf_addn(&line[n++], names[i] + kl[k].off, kl[k].len);
			}
			sbuf_adds(&line[n], "  ");
			sbuf_addn(&line[n], names[i] + kl[nk - 1].off, kl[nk - 1].len);
			free(kl);
		} else {
			sbuf_adds(&line[n], "  ");
			sbuf_adds(&line[n], names[i]);
		}
		if (nmw > kw || 2 + kw + 2 + lay_strwidth(help, strlen(help)) > room) {
			/* too narrow for both columns: the text under its keys,
			 * wrapped (never cut) */
			n++;
			struct lay_line *ll;
			int nw = lay_wrap(help, strlen(help), room > 12 ? room - 6 : 6, 0, &ll);
			for (int k = 0; k < nw; k++) {
				sbuf_adds(&line[n], "      ");
				sbuf_addn(&line[n++], help + ll[k].off, ll[k].len);
			}
			free(ll);
			continue;
		}
		for (int pad = kw + 2 - lay_strwidth(names[i], strlen(names[i])); pad > 0; pad--)
			sbuf_addc(&line[n], ' ');
		sbuf_adds(&line[n++], help);
	}
	sbuf_adds(&line[n++], "");
	if (present) {
		const char *m[2] = {_("Mouse: a click or the wheel down: next;"), _("the wheel up: previous.")};
		for (int i = 0; i < 2; i++) {
			struct lay_line *ll;
			int nw = lay_wrap(m[i], strlen(m[i]), room > 1 ? room : 1, 0, &ll);
			for (int k = 0; k < nw; k++)
				sbuf_addn(&line[n++], m[i] + ll[k].off, ll[k].len);
			free(ll);
		}
		*out = line;
		return n;
	}
	const char *mouse = _("Mouse: click selects or focuses; the wheel scrolls.");
	if (lay_strwidth(mouse, strlen(mouse)) <= room) {
		sbuf_adds(&line[n++], mouse);
	} else {
		sbuf_adds(&line[n++], _("Mouse: click selects or focuses;"));
		sbuf_adds(&line[n++], _("the wheel scrolls."));
	}
	/* the marks the panes show, explained once */
	sbuf_adds(&line[n++], _("Tree: (4*) where a chapter begins is inferred;"));
	sbuf_adds(&line[n++], _("(4/6) read of all, ✓ reviewed, ! needs fix."));
	sbuf_adds(&line[n++], _("List: N unread, ✓ !, #2 open notes."));
	*out = line;
	return n;
}

static void help_free(struct sbuf *line, int n)
{
	for (int i = 0; i < n; i++)
		sbuf_free(&line[i]);
	free(line);
}

/* The help's frame: its size and the rows of lines it shows. */
static int help_rows(const struct app *a, int n)
{
	int h = n + 2;
	if (h > a->rows - 1)
		h = a->rows - 1;
	return h - 2;
}

int tui_help_max_top(const struct app *a)
{
	struct sbuf *line;
	int n = help_lines(a, &line);
	help_free(line, n);
	int max = n - help_rows(a, n);
	return max > 0 ? max : 0;
}

/* The help overlay, framed in the middle of the screen; it scrolls
 * (a->help_top) when it does not fit, and says so on its frame. */
void tui_draw_help(struct app *a)
{
	struct sbuf *line;
	int n = help_lines(a, &line);
	int w = 0;
	for (int i = 0; i < n; i++) {
		int tw = lay_strwidth(line[i].s, line[i].len);
		if (tw > w)
			w = tw;
	}
	w += 4;
	int rows = help_rows(a, n), h = rows + 2;
	if (w > a->cols)
		w = a->cols;
	int top = a->help_top, max = n - rows > 0 ? n - rows : 0;
	if (top > max)
		top = max;
	WINDOW *win = newwin(h, w, (a->rows - 1 - h) / 2, (a->cols - w) / 2);
	if (win) {
		werase(win);
		draw_frame(win);
		for (int i = top; i < n && i - top < rows; i++) {
			int heading = i == 0 || (i > 0 && line[i - 1].len == 0 && line[i].len && line[i].s[0] != ' ');
			wattrset(win, heading ? A_BOLD : A_NORMAL);
			tui_put(win, i - top + 1, 2, line[i].s, line[i].len, w - 4);
		}
		wattrset(win, A_NORMAL);
		/* on the frame: that there is more, and how to get at it */
		const char *more = top < max ? _(" more: j, PgDn; q closes ") : top > 0 ? _(" k, PgUp: back; q closes ") : NULL;
		if (more)
			tui_put(win, h - 1, 2, more, strlen(more), w - 4);
		wnoutrefresh(win);
		delwin(win);
	}
	help_free(line, n);
}

void tui_draw(struct app *a)
{
	werase(stdscr);
	if (a->too_small) {
		const char *t = _("terminal too small");
		char size[64];
		snprintf(size, sizeof size, _("%dx%d, needs %dx%d"), a->cols, a->rows, MIN_COLS, MIN_ROWS);
		tui_put(stdscr, a->rows / 2 - 1, 0, t, strlen(t), a->cols);
		tui_put(stdscr, a->rows / 2, 0, size, strlen(size), a->cols);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	wattrset(stdscr, term_attr(a, PAIR_BORDER));
	for (int k = 0; k < 2; k++)
		if (a->sep[k] >= 0)
			draw_vline(stdscr, 0, a->sep[k], a->rows - 1);
	wattrset(stdscr, A_NORMAL);
	wnoutrefresh(stdscr);
	for (int p = 0; p < NPANES; p++) {
		struct view *v = tui_pane(a, (enum pane)p);
		if (!tui_pane_shown(a, p) || !v->win)
			continue;
		v->ops->draw(a, v);
		wnoutrefresh(v->win);
	}
	draw_header(a);
	if (a->help)
		tui_draw_help(a);
	if (a->status_shown)
		draw_status(a); /* the prompt's cursor is in it */
	int cy, cx;
	tnotes_draw_form(a, &cy, &cx); /* last: the form's cursor is in it */
	doupdate();
}

