/* model.h — read-only access to the bundled database (no curses).
 *
 * model_open validates the file before anything is read: it exists, is an
 * SQLite database, is complete (its size matches the page count in its
 * header), carries anli's application_id and a schema version this program
 * knows, and text folded as this program folds (meta fold_version).  The
 * item and chapter index is loaded at open (a few dozen rows); then what the
 * reader relies on is checked cheaply (there are blocks, sections and search
 * documents; the search index answers), so that a damaged file is refused
 * rather than shown as empty.  Blocks are read per item on demand.  Errors follow util.h's convention; the
 * message names the database path. */
#ifndef ANLI_MODEL_H
#define ANLI_MODEL_H

#include "anli/util.h"

struct model_chapter {
	char *id;            /* "book/3" */
	char *collection_id; /* "book", "leaders" */
	int number;
	char *label;         /* "第三篇", or NULL */
	char *title;
	int nitems;
	int start_inferred;  /* where the chapter begins is inferred (its divider is lost) */
};

struct model_item {
	char *id;            /* "foreword", "c1".."c53", "a1".."a8" */
	int ord;
	char *collection_id;
	int chapter;         /* index into model->chapters, -1 for a foreword */
	char *kind;          /* "foreword", "case", "article" */
	int number;          /* 0 for a foreword */
	char *title;         /* NULL when the source lost it (title_missing) */
	int title_missing;
	int end_missing;     /* the source breaks off before the item's end */
	char *subtitle, *org, *region, *author, *role; /* NULL when absent */
	char *seed;
	int line_first, line_last, page_first, page_last; /* page 0: not established */
	char *lines;         /* the seed line ranges as stored: "47-49,55-72" */
	long long search_first; /* rowid of the item's first search document */
};

enum model_block_kind {
	MODEL_HEADING = 'h',
	MODEL_SUBHEAD = 's',
	MODEL_PARA = 'p',
	MODEL_CAPTION = 'c',
};

enum model_block_flag {
	MODEL_FLAG_NONE = 0,
	MODEL_FLAG_SIGNATURE, /* a paragraph that is a signature or date: set right-aligned */
	MODEL_FLAG_MISSING,   /* a heading the seed lost: its text is the section's standard name */
};

struct model_block {
	char *id;      /* stable: "c1:p120" */
	char kind;     /* enum model_block_kind */
	char flag;     /* enum model_block_flag */
	int section;   /* section ordinal within the item (0 = untitled introduction if any) */
	char *text;
	char *lines;   /* "120-134,190" */
	int page_first, page_last;
};

struct model_collection {
	char *id;    /* "book", "leaders" */
	char *title; /* NULL when the source prints none */
};

struct model {
	void *db; /* sqlite3 * */
	char *path;
	struct model_collection *collections;
	int ncollections;
	struct model_chapter *chapters;
	int nchapters;
	struct model_item *items; /* in reading order */
	int nitems;
	int search_ready; /* search.c's SQL function is registered */
};

/* Open and validate PATH read-only.  Returns NULL with err set on failure. */
struct model *model_open(const char *path, struct anli_err *err);
void model_close(struct model *m);

/* Find an item by id, in any case and with leading zeros: "c7", "C07",
 * "a3", "A03", "foreword", "前言"; a bare number is a case ("7", "07").
 * Returns its index in m->items, or -1. */
int model_find(const struct model *m, const char *key);

/* Read the blocks of item index i in reading order.  On success *out is an
 * array of *n (at least 1) blocks to release with model_blocks_free.
 * Returns -1 with err set on a database error, and on damage: an item
 * without blocks, a block without its section, a NULL or unknown value. */
int model_blocks(struct model *m, int i, struct model_block **out, int *n, struct anli_err *err);
void model_blocks_free(struct model_block *b, int n);

/* Human-readable byline: a case's organisation; an article's author and role
 * (names_byline). */
void model_byline(const struct model_item *it, struct sbuf *out);

/* A chapter as lists show it: "第三篇 人才培养", or "2 深入实施…" without a
 * label (names_chapter_label). */
void model_chapter_label(const struct model_chapter *c, struct sbuf *out);

/* A collection as headers and the tree name it: its title, or for the
 * leaders' articles (which print none) "Leaders' articles" (gettext). */
const char *model_collection_label(const struct model *m, const char *collection_id);

/* Append the header line that says where item i is — the one format for
 * every header (the CLI's show, the reader): a case "第三篇 科经融合 ·
 * 案例 27/53" (its chapter, its number of all cases), an article
 * "Leaders' articles · 文章 3/8" (its collection, number of all its
 * articles), the foreword its name "前言".  Fixed words through gettext;
 * the separator is glyph(GLYPH_FIELD_SEP).  Not sanitised: the caller
 * sanitises, as for any text from the database. */
void model_item_header(const struct model *m, int i, struct sbuf *out);

#endif
