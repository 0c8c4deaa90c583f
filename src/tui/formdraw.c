/* formdraw.c — the note form's box (form.h): a frame of the program's own
 * glyphs, a row per shown field, a hint or message row.  Only attributes
 * that show without colour (A_REVERSE, A_UNDERLINE, A_BOLD), so it reads
 * the same with NO_COLOR.  Draws; changes nothing else. */
#include "anli/form.h"

#include "anli/draw.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdlib.h>
#include <string.h>

#define FORM_HINT_LINES 3 /* a long message wraps onto at most this many rows */

/* The last row's text: the question, the message, or the keys (on the
 * kind field its own, short enough for a 40-column box; S-Tab reaching
 * the kind from the quote). */
static const char *hint_text(const struct form *f)
{
	if (f->asking)
		return _("Resume the kept draft? y/n");
	if (f->msg[0])
		return f->msg;
	if (f->field == FORM_KIND)
		return _("q f d i kind  Tab next  C-s save");
	if (f->field == FORM_QUOTE)
		return _("S-Tab kind  Tab next  C-s save  Esc draft");
	return _("S-Tab back  Tab next  C-s save  Esc draft");
}

/* The hint wrapped to the box's inside (width columns): *lines (free it),
 * at most FORM_HINT_LINES; returns how many (at least 1 row is kept). */
static int hint_wrap(const struct form *f, int width, struct lay_line **lines)
{
	int inner = width - 2 * glyph_width(GLYPH_VLINE) - 2;
	const char *h = hint_text(f);
	int n = inner > 1 ? lay_wrap(h, strlen(h), inner, 0, lines) : (*lines = NULL, 0);
	return n > FORM_HINT_LINES ? FORM_HINT_LINES : n;
}

int form_height(const struct form *f, int width)
{
	struct lay_line *l;
	int n = hint_wrap(f, width, &l);
	free(l);
	return 2 + (form_has_fix(f->kind) ? 4 : 3) + (n > 1 ? n : 1);
}

static const char *label(int field);

/* The labels' column: as wide as the widest (at most a third of inner). */
static int label_width(int inner)
{
	int lw = 0;
	for (int i = 0; i < FORM_NFIELDS; i++) {
		const char *l = label(i);
		int lwi = lay_strwidth(l, strlen(l));
		lw = lwi > lw ? lwi : lw;
	}
	return lw > inner / 3 ? inner / 3 : lw;
}

int form_field_room(int width)
{
	int inner = width - 2 * glyph_width(GLYPH_VLINE);
	return inner - 1 - label_width(inner) - 1 - 1;
}

static const char *label(int field)
{
	switch (field) {
	case FORM_KIND: return _("Kind");
	case FORM_QUOTE: return _("Quote");
	case FORM_FIX: return _("Fix");
	default: return _("Remark");
	}
}

/* n copies of glyph g from (y, x). */
static void run(WINDOW *w, int y, int x, enum glyph g, int n)
{
	const char *s = glyph(g);
	int gw = glyph_width(g);
	wmove(w, y, x);
	for (int i = 0; gw > 0 && i + gw <= n; i += gw)
		waddstr(w, s);
}

static void frame(WINDOW *w, const struct form *f, int y, int x, int width, int height)
{
	int tl = glyph_width(GLYPH_TOP_LEFT), tr = glyph_width(GLYPH_TOP_RIGHT);
	mvwaddstr(w, y, x, glyph(GLYPH_TOP_LEFT));
	run(w, y, x + tl, GLYPH_HLINE, width - tl - tr);
	mvwaddstr(w, y, x + width - tr, glyph(GLYPH_TOP_RIGHT));
	/* the title over the top line */
	char title[128];
	snprintf(title, sizeof title, _(" Note on %s "), f->anchor);
	draw_text(w, y, x + tl + 1, title, strlen(title), width - tl - tr - 2);
	draw_vline(w, y + 1, x, height - 2);
	draw_vline(w, y + 1, x + width - glyph_width(GLYPH_VLINE), height - 2);
	int bl = glyph_width(GLYPH_BOTTOM_LEFT), br = glyph_width(GLYPH_BOTTOM_RIGHT);
	mvwaddstr(w, y + height - 1, x, glyph(GLYPH_BOTTOM_LEFT));
	run(w, y + height - 1, x + bl, GLYPH_HLINE, width - bl - br);
	mvwaddstr(w, y + height - 1, x + width - br, glyph(GLYPH_BOTTOM_RIGHT));
}

/* The kind row: 疑 改 删 增, the current one reversed, then its alias. */
static void kind_row(WINDOW *w, const struct form *f, int y, int x, int room)
{
	int used = 0;
	for (int k = 0; k < 4 && used + 2 <= room; k++) {
		if (k == f->kind)
			wattron(w, A_REVERSE);
		mvwaddstr(w, y, x + used, form_kind_name(k));
		if (k == f->kind)
			wattroff(w, A_REVERSE);
		used += lay_strwidth(form_kind_name(k), strlen(form_kind_name(k))) + 1;
	}
	const char *alias = form_kind_ascii(f->kind);
	if (used + 1 < room)
		draw_text(w, y, x + used + 1, alias, strlen(alias), room - used - 1);
}

void form_draw(WINDOW *w, const struct form *f, int y, int x, int width, int *cy, int *cx)
{
	*cy = *cx = -1;
	int height = form_height(f, width);
	int vl = glyph_width(GLYPH_VLINE);
	int inner = width - 2 * vl;
	if (inner < 6)
		return;
	for (int r = 1; r < height - 1; r++)
		mvwhline(w, y + r, x + vl, ' ', inner);
	frame(w, f, y, x, width, height);
	/* labels in one column, as wide as the widest (at most a third) */
	int lw = label_width(inner);
	int vx = x + vl + 1 + lw + 1, room = form_field_room(width);
	int row = y + 1;
	for (int i = 0; i < FORM_NFIELDS; i++) {
		if (i == FORM_FIX && !form_has_fix(f->kind))
			continue;
		const char *l = label(i);
		int focus = i == f->field && !f->asking;
		if (focus)
			wattron(w, A_REVERSE);
		draw_text(w, row, x + vl + 1, l, strlen(l), lw);
		if (focus)
			wattroff(w, A_REVERSE);
		if (i == FORM_KIND) {
			kind_row(w, f, row, vx, room);
		} else if (room > 0) {
			const struct editbuf *b = &f->text[i];
			wattron(w, A_UNDERLINE); /* the input's extent, colour or not */
			mvwhline(w, row, vx, ' ', room);
			if (focus) {
				/* from the field's scroll (form_scroll): never half a wide character */
				size_t nb;
				int col;
				size_t off = eb_view(b, f->first[i], room, &nb, &col);
				if (nb)
					mvwaddnstr(w, row, vx, eb_str(b) + off, (int)nb);
				*cy = row;
				*cx = vx + col;
			} else {
				draw_text(w, row, vx, eb_str(b), b->len, room);
			}
			wattroff(w, A_UNDERLINE);
		}
		row++;
	}
	/* the last rows: the question, the message (wrapped), or the keys */
	const char *hint = hint_text(f);
	struct lay_line *l;
	int n = hint_wrap(f, width, &l);
	if (f->asking || f->msg[0])
		wattron(w, A_BOLD);
	for (int k = 0; k < n; k++) /* the last row cut if it is longer still */
		draw_text(w, row + k, x + vl + 1, hint + l[k].off, k == n - 1 ? strlen(hint + l[k].off) : l[k].len,
			  inner - 2);
	if (f->asking || f->msg[0])
		wattroff(w, A_BOLD);
	free(l);
}
