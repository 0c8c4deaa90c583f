/* source.h — the canonical sources in data/ (format: data/README.md).
 *
 * A collection is a directory holding collection.txt (its metadata and
 * chapters) and one NN.txt file per item.  Parsing is strict: any malformed
 * line fails the whole load with "FILE:LINE: message".  No SQLite here. */
#ifndef ANLI_SOURCE_H
#define ANLI_SOURCE_H

#include "anli/util.h"

struct src_range {
	int first, last; /* seed line numbers, 1-based, inclusive */
};

struct src_refs {
	struct src_range *r;
	int n; /* 0 = no source reference ("-") */
};

enum src_block_kind {
	SRC_HEADING = 'h',
	SRC_SUBHEAD = 's',
	SRC_PARA = 'p',
	SRC_CAPTION = 'c',
	SRC_DUP = 'd', /* duplicated print block: kept for the record, not shown */
};

/* Block flags, written KIND/FLAG in the source ("p/signature", "h/missing"). */
enum src_block_flag {
	SRC_FLAG_NONE = 0,
	SRC_FLAG_SIGNATURE, /* p: a signature or date line, set right-aligned */
	SRC_FLAG_MISSING,   /* h: a heading the seed lost; REF is "-", the text is the
			     * standard heading the section had (shown as missing) */
};

struct src_block {
	char kind;
	int flag;      /* enum src_block_flag */
	char *text;
	struct src_refs refs;
	int line; /* line in the canonical file */
};

struct src_item {
	char *file;     /* path of the canonical file */
	char *kind;     /* "foreword", "case" or "article" */
	int number;     /* case or article number; 0 for the foreword */
	int chapter;    /* chapter (part) number; 0 for the foreword */
	char *title;    /* NULL when missing_title */
	int missing_title;
	int missing_end;  /* the seed breaks off before the item's end */
	int line_number, line_chapter, line_seed, line_source; /* header lines, for messages */
	char *subtitle, *org, *region, *author, *role; /* NULL when absent */
	char *seed;
	struct src_refs source; /* the seed lines of the whole item (one or more ranges) */
	struct src_block *blocks;
	int nblocks;
	/* @erratum PRINTED => CORRECTED: deliberate corrections of the seed */
	char **err_printed, **err_corrected;
	int nerrata;
};

struct src_chapter {
	int number;
	char *label; /* "第二篇", or NULL */
	char *title;
	char *seed; /* NULL: the collection's seed */
	struct src_refs refs;
	int start_inferred; /* "ch/inferred": where the chapter begins is not in the seed */
	int line;
};

struct src_collection {
	char *dir;
	char *id;       /* "book", "leaders" */
	char *title;    /* NULL if the source has none */
	char *publisher, *date;
	char *seed;
	struct src_chapter *chapters;
	int nchapters;
	struct src_item *items; /* sorted by file name = reading order */
	int nitems;
};

/* Load DIR/collection.txt and every DIR/[0-9]*.txt.  On failure returns -1,
 * err holds "FILE:LINE: message", and *out is left empty (nothing to free). */
int src_load(const char *dir, struct src_collection *out, struct anli_err *err);
void src_free(struct src_collection *c);

/* Parse a reference list "12", "12-30", "12-30,41-44" or "-".  Returns -1 on
 * malformed input (refs untouched). */
int src_parse_refs(const char *s, struct src_refs *refs);
/* Format refs as "12-30,41" into buf. */
void src_format_refs(const struct src_refs *refs, struct sbuf *buf);

#endif
