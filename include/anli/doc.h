/* doc.h — an item laid out as styled lines at a given width (no curses).
 * Shared by `anli show --format=text` and the TUI's detail pane, so both
 * print exactly the same lines. */
#ifndef ANLI_DOC_H
#define ANLI_DOC_H

#include "anli/model.h"

enum doc_style {
	DOC_BLANK,
	DOC_TITLE,
	DOC_SUBTITLE,
	DOC_BYLINE,
	DOC_MISSING, /* a marker for text the source lost (e.g. a missing title) */
	DOC_HEADING,
	DOC_SUBHEAD,
	DOC_PARA,
	DOC_CAPTION,
};

struct doc_line {
	size_t off, len;   /* bytes in doc.text */
	int width;         /* columns of the text (indent excluded) */
	short indent;      /* columns of blank indent before the text */
	short style;       /* enum doc_style */
	int block;         /* block index, -1 for the title block */
	size_t block_off;  /* byte offset of this line within its block's sanitized text */
};

struct doc {
	char *text;            /* all sanitized line texts */
	struct doc_line *line;
	int nlines;
	int width;
	/* per block: sanitized text (what lines point into, offsets in .text) */
	size_t *block_start;   /* offset in .text of block i's text */
	int nblocks;
	int *block_first_line; /* first doc line of block i */
	size_t *block_prefix;  /* bytes of decoration before block i's own text (【, ▲) */
};

/* Lay out item `it` with its blocks at `width` columns (width <= 0: no
 * wrapping).  What the source lost is shown with the given markers (a
 * missing title in its place, a missing end after the last block).  Paragraphs get a first-line indent of 4 columns (two
 * ideographic spaces), captions a "▲ " mark, headings 【】, a heading the
 * source lost 【name】 and a marker (style DOC_MISSING), a signature block
 * right-aligned (when width > 0).  Blank lines
 * separate blocks.  Never fails (allocation failure aborts). */
void doc_build(struct doc *d, const struct model_item *it, const struct model_block *b, int nb, int width,
	       const char *missing_title, const char *missing_end);
void doc_free(struct doc *d);

/* The doc line that shows byte `off` of block `block`'s text (or -1). */
int doc_line_of(const struct doc *d, int block, size_t off);

#endif
