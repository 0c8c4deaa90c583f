/* draw.c — see draw.h.  No ACS_* characters: see glyph.h for why. */
#include "anli/draw.h"

#include "anli/glyph.h"
#include "anli/layout.h"

#include <string.h>
#include <unistr.h>
#include <wchar.h>

int draw_text(WINDOW *w, int y, int x, const char *s, size_t n, int width)
{
	if (width <= 0)
		return 0;
	int used;
	size_t fit = lay_fit(s, n, width, &used);
	if (fit < n && fit > 0) {
		/* something is left out: make room for the mark */
		int mw = glyph_width(GLYPH_CUT);
		if (mw <= width) {
			if (used + mw > width)
				fit = lay_fit(s, n, width - mw, &used);
			wmove(w, y, x);
			if (fit)
				waddnstr(w, s, (int)fit);
			waddstr(w, glyph(GLYPH_CUT));
			return used + mw;
		}
	}
	if (fit)
		mvwaddnstr(w, y, x, s, (int)fit);
	return used;
}

/* A glyph (one character) as a curses cell in w's current attributes. */
static int glyph_cell(WINDOW *w, enum glyph g, cchar_t *cc)
{
	const char *s = glyph(g);
	ucs4_t c;
	if (u8_mbtouc(&c, (const uint8_t *)s, strlen(s)) <= 0)
		return ERR;
	wchar_t wc[2] = {(wchar_t)c, 0};
	attr_t attr;
	short pair;
	if (wattr_get(w, &attr, &pair, NULL) != OK)
		return ERR;
	return setcchar(cc, wc, attr, pair, NULL);
}

void draw_vline(WINDOW *w, int y, int x, int n)
{
	cchar_t cc;
	if (n > 0 && glyph_cell(w, GLYPH_VLINE, &cc) == OK)
		mvwvline_set(w, y, x, &cc, n);
}

void draw_frame(WINDOW *w)
{
	cchar_t v, h, tl, tr, bl, br;
	if (glyph_cell(w, GLYPH_VLINE, &v) == OK && glyph_cell(w, GLYPH_HLINE, &h) == OK &&
	    glyph_cell(w, GLYPH_TOP_LEFT, &tl) == OK && glyph_cell(w, GLYPH_TOP_RIGHT, &tr) == OK &&
	    glyph_cell(w, GLYPH_BOTTOM_LEFT, &bl) == OK && glyph_cell(w, GLYPH_BOTTOM_RIGHT, &br) == OK)
		wborder_set(w, &v, &v, &h, &h, &tl, &tr, &bl, &br);
}
