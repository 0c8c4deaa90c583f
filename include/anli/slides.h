/* slides.h — presentation pagination (issue 13): items of the book laid out
 * as slides for a screen of W×H cells.  Pure: no curses, no SQLite, no I/O.
 * It takes the items as the model gives them (model_item + model_block
 * arrays, plus a few strings the caller composes) and uses the layout
 * engine (layout.h) for widths and line breaking, under its ambiguous-width
 * convention (lay_set_ambiwidth, set by the caller before slides_build).
 *
 * A deck: for each item, a title slide (chapter, case number, title,
 * subtitle, organisation; a title the source lost shown as missing), then
 * its sections.  Every section starts a new slide with its heading.  Text
 * is set in a centred column of readable width (at most
 * SLIDES_MAX_COLUMN columns, i.e. 38 full-width characters; less on narrow
 * screens) and split into slides at the highest level that fits:
 *
 *   1. block boundaries (a block that fits on an empty slide of its section
 *      is never split);
 *   2. sentence ends 。！？ (with the closing marks after them: 。” );
 *   3. clause marks ；：，;
 *   4. lines (the layout engine's breaks, 避头尾 kept).
 *
 * A block that does not fit in the rest of a slide moves to the next slide
 * if it fits there whole; else it is split so that it takes the fewest
 * slides it can (as if split after the last line that fits on each), and
 * among the ways that do, the first of: the latest sentence end that fits
 * here, moving on to the next slide (not from a slide holding only the
 * section's heading), the latest clause mark, after the last line that
 * fits.  A sentence or clause split that would leave more than half of
 * the slide's text rows empty is passed over.  So a paragraph takes no
 * more than ceil(rows / text_rows) + 1 slides, and a slide ending inside
 * a paragraph is at least half full (the unit tests check both).  A
 * sub-heading is never the last text line of a slide: it goes on with at
 * least the first piece of its paragraph (2 rows, or its first sentence),
 * else both go to the next slide (unless not even that fits on an empty
 * slide).  The part of a split block on a slide holds a boundary of a
 * higher level than the one it was split at only when splitting there
 * would take more slides or leave the slide half empty (the unit tests
 * check the latter).  A slide that continues its section
 * repeats the heading with a 续 mark (SLIDE_HEADING_CONT: "【工作背景】 续",
 * one row, cut to fit); one that continues a block shows a 续 mark
 * (SLIDE_CONT_MARK "〔续〕", a line of its own on the row of the continued
 * text, before it: the text's first line is that much narrower, and has no
 * paragraph indent).  Sections begin a slide; a missing end's marker goes
 * after the item's last block.
 *
 * Every character of every block's text (sanitized, lay_sanitize) appears
 * exactly once across the item's slides, in order: the lines with
 * block >= 0 carry byte ranges [src_off, src_off + src_len) of their
 * block's sanitized text, which concatenated in deck order give the whole
 * text, except for the spaces the line breaking drops at a break.  All
 * other lines (titles, chapter, number, repeated headings, marks, the
 * missing-text markers) are chrome: block == -1.
 *
 * Geometry: the column is the width less a margin of 2 columns each side
 * (1 below 40 columns, none below 24), at most SLIDES_MAX_COLUMN, centred.
 * A blank row separates blocks when the slide area has 12 rows or more; a
 * blank row above a body slide's text from 16.  The footer rows give way
 * when fewer than 6 rows would be left for the slide (deck.footer_rows is
 * what was actually reserved: the view draws its footer only if > 0).
 *
 * Any size from 1×1 up gives a deck without an error (the tests sample
 * 20×8 to 120×60, and 1×1 to 11×8 without the line-breaking rules): no
 * line is wider than W (except a single wide character when W < 2, as
 * lay_wrap), no slide taller than the slide area.  At small sizes chrome
 * goes first: blank separators, the title slide's blanks, chapter and
 * number, the footer; in a column under 6 cells the 【】 and ▲ marks; in
 * one too narrow for the line-breaking rules a block is cut wherever it
 * fits. */
#ifndef ANLI_SLIDES_H
#define ANLI_SLIDES_H

#include "anli/model.h"
#include "anli/util.h"

#include <stddef.h>

/* The readable column: at most this many columns (38 full-width chars). */
#define SLIDES_MAX_COLUMN 76

enum slide_role {
	SLIDE_CHAPTER,      /* title slide: the chapter ("第三篇 科经融合"); chrome */
	SLIDE_NUMBER,       /* title slide: "案例 27/53"; chrome */
	SLIDE_TITLE,        /* title slide: the item's title; chrome */
	SLIDE_SUBTITLE,     /* title slide: the subtitle; chrome */
	SLIDE_ORG,          /* title slide: the byline (organisation, or author and role); chrome */
	SLIDE_MISSING,      /* a marker for text the source lost (a missing title, a missing end); chrome */
	SLIDE_HEADING,      /* a section heading block, as 【工作背景】 (block >= 0) */
	SLIDE_HEADING_MISSING, /* a heading the source lost: 【name】 and the marker (block >= 0) */
	SLIDE_HEADING_CONT, /* the heading repeated on a continued section: "【工作背景】 续"; chrome */
	SLIDE_SUBHEAD,      /* a sub-heading block (the bold lead sentence) */
	SLIDE_PARA,         /* a paragraph block */
	SLIDE_SIGNATURE,    /* a signature or date paragraph, right-aligned in the column */
	SLIDE_CAPTION,      /* a figure caption block, "▲ " before it */
	SLIDE_CONT_MARK,    /* the small 续 mark: this slide continues a block; chrome */
};

/* How a slide's last block goes on on the next slide (or did not). */
enum slide_split {
	SLIDE_SPLIT_NONE = 0, /* the slide ends at a block boundary (or the end) */
	SLIDE_SPLIT_SENTENCE, /* after 。！？ */
	SLIDE_SPLIT_CLAUSE,   /* after ；：， */
	SLIDE_SPLIT_LINE,     /* after a line (no sentence end or clause mark fitted) */
};

struct slide_line {
	size_t off, len;   /* the line as shown: bytes in deck.text (decoration included) */
	int y, x;          /* row and column within the slide area (0-based; y < body_rows) */
	int width;         /* columns of the line as shown */
	short role;        /* enum slide_role */
	short step;        /* step-reveal group: 0 .. slide.nsteps - 1 */
	int block;         /* index into the item's blocks, -1 for chrome */
	size_t src_off;    /* block >= 0: this line's text is the block's sanitized text */
	size_t src_len;    /*   [src_off, src_off + src_len) */
	size_t pre;        /* bytes of decoration before that text in the shown line (【, ▲ ) */
};

struct slide {
	int first_line, nlines; /* into deck.line, in row order */
	int item;               /* index into the slides_item array given to slides_build */
	int section;            /* section ordinal of the item's blocks, -1 for the title slide */
	int title_slide;        /* 1: the item's title slide */
	int n_in_section;       /* 1.. : the slide's number within its section (title slide: 1) */
	/* the item's text on this slide: from byte first_off of block first_block
	 * to byte last_end (exclusive) of block last_block; first_block == -1
	 * when the slide holds none (a title slide) */
	int first_block, last_block;
	size_t first_off, last_end;
	int cont;               /* starts in the middle of a block (it shows SLIDE_CONT_MARK) */
	int split;              /* enum slide_split: how it ends */
	int nsteps;             /* step-reveal groups (>= 1): one per block on the slide */
	/* rows for blocks other than the section's heading on this slide were
	 * it empty: the body rows less the top margin, the heading (on the
	 * section's first slide its heading block, on a continued slide the
	 * repeated heading) and the blank after it.  A block that fits in it
	 * is not split (the unit tests check this).  Title slide: body_rows. */
	int text_rows;
};

struct slides_item {
	const struct model_item *item;
	const struct model_block *blocks; /* as model_blocks returns them */
	int nblocks;
	const char *chapter; /* "第三篇 科经融合" (model_chapter_label), or NULL */
	const char *number;  /* "案例 27/53", "文章 3/8", or NULL */
	const char *short_title; /* what the index and footer call the item ("案例27 加强“三期”管理"); NULL: the item id */
};

struct slides_opts {
	int width, height;  /* the screen, in columns and rows (any value >= 1; less is taken as 1) */
	int footer_rows;    /* rows wanted for the view's footer at the bottom (0: none) */
	int max_column;     /* the column's cap in columns; 0: SLIDES_MAX_COLUMN */
	/* markers for what the source lost; NULL: the defaults (gettext),
	 * as src/text/doc.c shows them */
	const char *missing_title, *missing_end, *missing_heading;
};

struct deck {
	char *text;              /* every shown line's bytes (sanitized) */
	struct slide_line *line;
	int nlines;
	struct slide *slide;
	int nslides;
	int width, height;       /* the screen it was made for */
	int footer_rows;         /* rows actually left for the footer (<= opts.footer_rows) */
	int body_rows;           /* height - footer_rows: the slide area */
	int col_x, col_width;    /* the text column: first column and width */
	int nitems;
	struct slides_src *src;  /* per input item (nitems) */
};

/* What the deck keeps of each input item. */
struct slides_src {
	int first_slide;    /* its title slide */
	int nslides;        /* its slides (title slide included) */
	int nblocks;
	char **text;        /* per block: its sanitized text (what src_off points into) */
	size_t *len;        /* per block: its length in bytes */
	char *short_title;  /* sanitized: slides_item.short_title, or the item id */
};

/* Lay out items[0..nitems) for the screen in opts.  Never fails (allocation
 * failure aborts); nitems == 0 gives an empty deck.  The items' strings are
 * copied: they need not outlive the call.  Free with slides_free. */
void slides_build(struct deck *d, const struct slides_item *items, int nitems, const struct slides_opts *opts);
void slides_free(struct deck *d);

/* The slide that shows byte `off` of block `block` of item `item` (the
 * slide holding the current paragraph; on resize, rebuild and call this to
 * stay on it).  block -1: the item's title slide.  Returns -1 when item is
 * out of range; a block out of range gives the item's last slide. */
int slides_find(const struct deck *d, int item, int block, size_t off);

/* The first slide of the section of slide s (for `{`), of the next section
 * (for `}`: -1 after the last), and of the previous one (-1 before the first).
 * Sections of different items are different sections; a title slide is a
 * section of its own. */
int slides_section_first(const struct deck *d, int s);
int slides_section_next(const struct deck *d, int s);
int slides_section_prev(const struct deck *d, int s);

/* The heading text of slide s's section (sanitized, without 【】), or NULL
 * for a title slide or an untitled introduction. */
const char *slides_heading(const struct deck *d, int s);

/* Append the index title of slide s: "item · section · n" — the item's
 * short title, then for a title slide _("title"), else the section heading
 * (nothing for an untitled introduction) and n_in_section when the section
 * has more than one slide, joined by glyph(GLYPH_FIELD_SEP).  Sanitized. */
void slides_title(const struct deck *d, int s, struct sbuf *out);
/* The same in at most `width` columns where it can be (width <= 0: no
 * limit): the item's short title is cut first (with glyph(GLYPH_CUT), to
 * 4 columns at the least) so that the section and n stay; the caller cuts
 * what is still too wide. */
void slides_title_fit(const struct deck *d, int s, int width, struct sbuf *out);

/* Append slide s as plain text, as it shows on the screen: body_rows lines
 * (each ending "\n", trailing blanks dropped), the lines with step > `step`
 * left out (step < 0: all).  What `anli present --dump` prints. */
void slides_render(const struct deck *d, int s, int step, struct sbuf *out);

/* --- through the model (load.c): the items of a presentation read from
 * the book, with what their title slides say, composed in one place for
 * `anli present --dump` and the presentation view (so both show the same
 * slides). */
struct present_src {
	struct slides_item *items; /* nitems, for slides_build */
	int nitems;
	struct model_block **blocks; /* owned: per item, from model_blocks */
	int *nblocks;
	struct sbuf *strings;        /* owned: per item, chapter, number, short title */
};

/* Read the items m->items[idx[0..n)] for slides_build: their blocks;
 * chapter: the chapter's label ("第三篇 科经融合"; an article's collection, "Leaders' articles", as model_item_header says); number:
 * "案例 27/53", "文章 3/8" (chapter and number NULL for the foreword); short_title: "案例27 "
 * and the title, an article's title, or the missing-title marker.  Returns
 * 0, or -1 with err set (a database error; ps is then empty).  Release with
 * present_unload. */
int present_load(struct model *m, const int *idx, int n, struct present_src *ps, struct anli_err *err);
void present_unload(struct present_src *ps);

/* --- options of `anli present` that the presentation view takes
 * (parsed and checked by the CLI: src/cli/present.c) */
struct present_opts {
	int *items;         /* indexes into the model's items (model_open order), in presentation order */
	int nitems;
	int start_item;     /* index into items[] to start at (0) */
	char start_block[64]; /* block id to start at ("c27:p3771"), "" for the title slide */
	int step;           /* --step: Space reveals the next paragraph of the slide first */
	int duration;       /* --duration in seconds (a countdown), 0: count up */
	int big_titles;     /* --big-titles */
	int follow;         /* --follow: the presenter view, following another process */
	long follow_pid;    /* --follow PID: that presentation; 0: the newest */
	int from_reader;    /* entered with P: q returns to the reader */
};

/* Parse a --duration value: "20m", "90s", "1h", "1h30m", a bare number of
 * minutes ("20").  Returns the seconds (1 .. 24 h), or -1 for anything else. */
int present_parse_duration(const char *s);

/* Parse a --size value "WxH" (also "W×H"), each 1 .. 10000.  0 or -1. */
int present_parse_size(const char *s, int *w, int *h);

#endif
