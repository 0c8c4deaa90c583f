/* fold.h — text folding for search (text layer: pure, no SQLite, no curses).
 *
 * Full-width forms become half-width (，→ ,  （→ (  Ａ→ a), the ideographic
 * space a space, Latin, Greek and Cyrillic letters lower case.  Folding maps
 * one code point to one code point, so offsets in the folded text are
 * offsets in the original.  FOLD_VERSION changes whenever the mapping does;
 * the builder records it and the reader refuses a database folded otherwise. */
#ifndef ANLI_FOLD_H
#define ANLI_FOLD_H

#include <stddef.h>

#define FOLD_VERSION 1

/* Fold s[0..n) as described above; returns a new NUL-terminated string
 * with exactly as many code points as s (invalid bytes become U+FFFD). */
char *fold_text(const char *s, size_t n);

/* Byte offset in `orig` of the code point at byte offset `foff` of its
 * folding `folded`. */
size_t fold_map_offset(const char *orig, const char *folded, size_t foff);

/* Byte offset in `orig` of the code point at byte offset `foff` of its
 * folding `folded`, for many offsets in increasing order at a cost linear in
 * the text (fold_map_offset starts from the beginning every time).  An
 * offset lower than the previous one starts over from the beginning. */
struct fold_cursor {
	const char *orig, *folded;
	size_t olen; /* strlen(orig) */
	size_t o, f; /* the last mapped pair */
};
void fold_cursor_init(struct fold_cursor *c, const char *orig, const char *folded);
size_t fold_cursor_map(struct fold_cursor *c, size_t foff);

/* A query as terms: the one splitter for search and for highlighting.
 * The query is folded, then split at white space (space, tab, newline, CR,
 * FF, VT; the ideographic space folds to a space); a repeated term counts
 * once; the terms keep the order of their first occurrence. */
#define FOLD_MAX_TERMS 64
struct fold_terms {
	const char *term[FOLD_MAX_TERMS]; /* folded, NUL-terminated, point into buf */
	int n;
	char *buf; /* private */
};
/* Returns 0 (n == 0 for an empty or all-blank query), or -1 when the query
 * holds more than FOLD_MAX_TERMS distinct terms (t is then empty).  Release
 * with fold_terms_free in either case. */
int fold_split_terms(const char *query, struct fold_terms *t);
void fold_terms_free(struct fold_terms *t);

#endif
