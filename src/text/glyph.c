/* glyph.c — see glyph.h */
#include "anli/glyph.h"

#include "anli/layout.h"

#include <string.h>

static int utf8 = 1;

/* narrow: UTF-8, ambiguous characters one column; wide: UTF-8, two
 * columns; ascii: any other encoding. */
static const struct {
	const char *narrow, *wide, *ascii;
} table[NGLYPHS] = {
	[GLYPH_CUT] = {"…", "…", "~"},
	[GLYPH_EXPANDED] = {"▾", "▾", "v"},
	[GLYPH_COLLAPSED] = {"▸", "▸", ">"},
	[GLYPH_FIELD_SEP] = {" · ", " · ", " | "},
	[GLYPH_CAPTION] = {"▲ ", "▲ ", "^ "},
	[GLYPH_HEADING_OPEN] = {"【", "【", "["},
	[GLYPH_HEADING_CLOSE] = {"】", "】", "]"},
	[GLYPH_VLINE] = {"│", "|", "|"},
	[GLYPH_HLINE] = {"─", "-", "-"},
	[GLYPH_TOP_LEFT] = {"┌", "+", "+"},
	[GLYPH_TOP_RIGHT] = {"┐", "+", "+"},
	[GLYPH_BOTTOM_LEFT] = {"└", "+", "+"},
	[GLYPH_BOTTOM_RIGHT] = {"┘", "+", "+"},
	/* ASCII in every convention: one column, and no colour or bold needed */
	[GLYPH_FOCUS] = {">", ">", ">"},
	/* one column in both conventions (✓ is Neutral) */
	[GLYPH_UNREAD] = {"N", "N", "N"},
	[GLYPH_REVIEWED] = {"✓", "✓", "+"},
	[GLYPH_NEEDS_FIX] = {"!", "!", "!"},
	/* ASCII: one column in both conventions, seen without colour */
	[GLYPH_CURSOR] = {">", ">", ">"},
	[GLYPH_BOOKMARK] = {"*", "*", "*"},
	/* block elements are Ambiguous: ASCII where they are drawn wide */
	[GLYPH_BAR_DONE] = {"█", "#", "#"},
	[GLYPH_BAR_TODO] = {"░", "-", "-"},
	[GLYPH_BAR_SEP] = {"│", "|", "|"},
	[GLYPH_NOTE] = {"#", "#", "#"},
	[GLYPH_NOTE_DONE] = {"+", "+", "+"},
};

void glyph_set_utf8(int u)
{
	utf8 = u != 0;
}

const char *glyph(enum glyph g)
{
	if ((unsigned)g >= NGLYPHS)
		return "";
	if (!utf8)
		return table[g].ascii;
	return lay_ambiwidth() == 2 ? table[g].wide : table[g].narrow;
}

int glyph_width(enum glyph g)
{
	const char *s = glyph(g);
	return lay_strwidth(s, strlen(s));
}
