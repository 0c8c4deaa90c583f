/* piece.h — inside src/present: the builder's state (slides.c) and the
 * pieces of blocks it places: a block's text from one offset to another,
 * as shown (decoration, indent), and where a block may be split
 * (piece.c); the helpers slides.c and title.c share.  Not a public contract: see include/anli/slides.h. */
#ifndef ANLI_PRESENT_PIECE_H
#define ANLI_PRESENT_PIECE_H

#include "anli/layout.h"
#include "anli/slides.h"

struct bld {
	struct deck *d;
	struct sbuf text;
	int lcap, scap;
	const char *miss_title, *miss_end, *miss_heading;
	int gap;           /* blank rows between blocks (0 or 1) */
	int top;           /* blank rows above a body slide's first line */
	int hc;            /* continued slides repeat the heading */
	int indent;        /* a paragraph's first-line indent */
	int deco;          /* 【】 around headings, ▲ before captions (not in a column of a few cells) */
	const char *mark;  /* the 续 mark before continued text, or "" */
	int markw;
	/* the item being laid out */
	int item;
	const struct model_block *blocks;
	struct slides_src *src;
	int section, heading; /* the current section, its heading block (-1: none) */
	/* the current slide */
	int row;           /* next free row */
	int nblk;          /* blocks on it other than the section's heading */
	int any;           /* any block on it */
	int step;
	int keep;          /* the block to flow next follows a sub-heading: it starts on this slide */
};

/* The piece [off, end) of block k as it is shown: its string (decoration
 * included), where the text starts in it, and the first-line indent. */
struct piece {
	struct sbuf s;
	size_t pl;   /* bytes of decoration before the text */
	int indent;  /* the first line's, from the column's left */
	int hang;    /* the other lines' (a caption's, under its text after ▲) */
	int role;
};

/* Add a line to the current slide (slides.c): bytes s[0..n) at row y,
 * column x, of `width` columns; block >= 0 with the range of its text. */
void bld_line(struct bld *b, const char *s, size_t n, int y, int x, int width, int role, int block,
	      size_t src_off, size_t src_len, size_t pre);

/* The item's title slide on the current (new) slide (title.c). */
void bld_title_slide(struct bld *b, const struct slides_item *in);

/* Wrap s[0..n) at the column width with a first-line indent (lay_wrap). */
int piece_wrap(const struct bld *b, const char *s, size_t n, int indent, struct lay_line **ll);

/* The piece [off, end) of block k as shown: the decoration 【 】 ▲ (before
 * the text when off == 0, after it when end is the block's end), the
 * first-line indent (a paragraph's; the 续 mark's width when off > 0), a
 * caption's hanging indent (the width of ▲ and its space).
 * Release p->s with sbuf_free. */
void piece_make(const struct bld *b, int k, size_t off, size_t end, struct piece *p);

/* Wrap the piece p: the first line at p->indent, the others at p->hang. */
int piece_wrap_piece(const struct bld *b, const struct piece *p, struct lay_line **ll);

/* The rows the piece [off, end) of block k takes. */
int piece_rows(const struct bld *b, int k, size_t off, size_t end);

/* The latest boundary of `level` (enum slide_split) in block k after off
 * (and before its end) such that the piece [off, cut) fits in `rows` rows;
 * 0 when none does.  SLIDE_SPLIT_LINE: after the last line that fits (on a
 * column too narrow for the line-breaking rules, wherever it fits, at
 * worst after one character). */
size_t piece_cut(const struct bld *b, int k, size_t off, int rows, int level);

/* Rows a continued slide of the current section leaves for blocks. */
int bld_cont_rows(const struct bld *b);

/* Where to split the piece [off, end of block k) that does not fit in the
 * `avail` rows left on the current slide (slides.h says the rule): the cut
 * with *level its enum slide_split; 0 with *level SLIDE_SPLIT_NONE: move
 * to the next slide; 0 with *level -1: nothing fits and it may not move.
 * keep: a sub-heading stands just above (it may not move; a clause or
 * line split takes 2 rows at least). */
size_t piece_choose_cut(const struct bld *b, int k, size_t off, int avail, int keep, int *level);

#endif
