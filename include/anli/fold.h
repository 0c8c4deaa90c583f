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

#endif
