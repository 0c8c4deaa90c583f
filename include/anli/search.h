/* search.h — whole-book search (model layer: SQLite, no curses).
 *
 * Text is folded before it is indexed and before it is searched: full-width
 * forms become half-width (，→ ,  （→ (  Ａ→ a), the ideographic space a
 * space, Latin letters lower case.  Folding maps one code point to one code
 * point, so offsets in the folded text are offsets in the original.
 *
 * A query is split into terms by fold_split_terms (fold.h: the same
 * splitter serves highlighting); an item is a hit when every term
 * occurs in it (in its title, subtitle, byline, headings, sub-headings,
 * captions or paragraphs).  Each term is searched literally: nothing a user
 * types is read as FTS5 syntax.  Terms of three or more characters go
 * through the FTS5 trigram index; shorter ones (which the trigram index
 * cannot answer) are found by scanning the folded text with strstr(). */
#ifndef ANLI_SEARCH_H
#define ANLI_SEARCH_H

#include "anli/fold.h"
#include "anli/model.h"

struct search_hit {
	int item;            /* index in m->items */
	long long rowid;     /* the search document */
	int cp_off, cp_len;  /* the occurrence, in characters */
	/* filled by search_load (search_run loads every hit): */
	const char *block_id;/* NULL for the title, subtitle or byline */
	const char *field;   /* title, subtitle, byline, heading, subheading, paragraph, caption */
	const char *section; /* the section heading, or NULL */
	const char *text;    /* the field's original text */
	size_t off, len;     /* the occurrence, in bytes of text */
	int term;            /* which term matched (0-based) */
};

/* The hits of a query; the strings they point to belong to it. */
struct search_result {
	struct search_hit *hit;
	int n;
	void *pool; /* private */
};

/* Every occurrence of every term in the items that hold all the terms, in
 * reading order; occurrences of one term do not overlap.  Returns 0 and fills
 * *res (free with search_result_free); -1 with err set on an empty query or
 * a database error (*res is then empty). */
int search_run(struct model *m, const char *query, struct search_result *res, struct anli_err *err);

/* The same hits without their text: item, document and character offsets
 * only, read from the index (what a screen of results and the counts per
 * chapter need).  search_load fills hits first..first+count-1 with their
 * strings and byte offsets; hits already loaded are left alone. */
int search_find(struct model *m, const char *query, struct search_result *res, struct anli_err *err);
int search_load(struct model *m, struct search_result *res, int first, int count, struct anli_err *err);
void search_result_free(struct search_result *res);

/* A snippet around a hit: up to `context` characters either side, on one
 * line.  Costs the snippet's length, not the text's.  *hit_off / *hit_len give the hit's place in the snippet (bytes). */
char *search_snippet(const struct search_hit *h, int context, size_t *hit_off, size_t *hit_len);

#endif
