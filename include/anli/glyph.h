/* glyph.h — every mark, rule and line that anli itself adds to the text it
 * shows (the cut mark, the tree's fold marks, field separators, the
 * caption and heading marks, pane separators and frames), in one table.
 *
 * A glyph's string is chosen by the terminal's conventions, read when it is
 * asked for: the ambiguous-width convention of the layout engine
 * (lay_ambiwidth) and whether the output is UTF-8 (glyph_set_utf8).  Its
 * width is measured with lay_strwidth, the one width function that layout
 * and ncursesw (term.c interposes wcwidth) share, so what is laid out is
 * what the terminal draws:
 *
 *   - lines and frames (│ ─ ┌ ┐ └ ┘) are East Asian Ambiguous: with
 *     ambiguous-wide terminals they become ASCII (| - +), one column in
 *     both conventions, so the panes keep their geometry;
 *   - marks inside text (… · ▲) keep their shape and are measured: two
 *     columns where ambiguous characters are wide;
 *   - ▾ ▸ (Neutral) and 【 】 (Wide) are the same width in both;
 *   - without UTF-8, every glyph is ASCII.
 *
 * Never ncurses' ACS_* characters: they are one cell by fiat inside
 * ncurses (they never pass through wcwidth), but go out as DEC line
 * drawing or U+2500.. box drawing, which ambiguous-wide terminals draw two
 * columns wide: the rest of the row then shifts.  (No curses here: the
 * table serves the text layer's doc.c and the CLI too.) */
#ifndef ANLI_GLYPH_H
#define ANLI_GLYPH_H

enum glyph {
	GLYPH_CUT,          /* end of a line cut short */
	GLYPH_EXPANDED,     /* tree: an open collection */
	GLYPH_COLLAPSED,    /* tree: a folded collection */
	GLYPH_FIELD_SEP,    /* between fields of one line (status, results), with its spaces */
	GLYPH_CAPTION,      /* before a figure caption, with its space */
	GLYPH_HEADING_OPEN, /* around a section heading */
	GLYPH_HEADING_CLOSE,
	GLYPH_VLINE,        /* pane separator, frame sides */
	GLYPH_HLINE,        /* frame top and bottom */
	GLYPH_TOP_LEFT,     /* frame corners */
	GLYPH_TOP_RIGHT,
	GLYPH_BOTTOM_LEFT,
	GLYPH_BOTTOM_RIGHT,
	GLYPH_FOCUS,        /* before the title of the focused pane */
	GLYPH_UNREAD,       /* list: an item not read yet (as mutt's N) */
	GLYPH_REVIEWED,     /* list, tree: review status reviewed */
	GLYPH_NEEDS_FIX,    /* list, tree: review status needs-fix */
	GLYPH_CURSOR,       /* text: the current paragraph's lines, in the left margin */
	GLYPH_BOOKMARK,     /* text: a bookmarked paragraph's first line, in the right margin; the bookmark list */
	GLYPH_BAR_DONE,     /* presentation footer: the progress bar, shown slides */
	GLYPH_BAR_TODO,     /*   slides still to come */
	GLYPH_BAR_SEP,      /*   between the presented items */
	GLYPH_NOTE,         /* text: an annotated block, in the right margin; tree and list: open notes; the notes list */
	GLYPH_NOTE_DONE,    /* text: a block whose notes are all resolved, in the right margin */
	NGLYPHS
};

/* Is the output UTF-8?  (Default 1: the CLI always writes UTF-8; the
 * reader says what its locale is.) */
void glyph_set_utf8(int utf8);

/* The glyph's UTF-8 (or ASCII) string under the current conventions. */
const char *glyph(enum glyph g);

/* Its columns under the current conventions (lay_strwidth of glyph(g)). */
int glyph_width(enum glyph g);

#endif
