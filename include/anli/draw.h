/* draw.h — the reader's drawing primitives that use the program's own
 * glyphs (glyph.h): text cut to a width with a mark, pane separators,
 * frames.  Every glyph is measured with the layout's width function, which
 * is also ncursesw's (term.c), so nothing shifts in a terminal that draws
 * East Asian Ambiguous characters two columns wide. */
#ifndef ANLI_DRAW_H
#define ANLI_DRAW_H

#include <curses.h>
#include <stddef.h>

/* Draw sanitized s[0..n) at (y, x) of w in at most `width` columns, never
 * splitting a character; when some of it is left out, end with the cut
 * mark (GLYPH_CUT), which counts in `width`.  Returns the columns drawn. */
int draw_text(WINDOW *w, int y, int x, const char *s, size_t n, int width);

/* A vertical pane separator of n rows from (y, x), in w's attributes. */
void draw_vline(WINDOW *w, int y, int x, int n);

/* A frame around w's edges, in w's attributes. */
void draw_frame(WINDOW *w);

#endif
