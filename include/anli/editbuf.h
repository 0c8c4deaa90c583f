/* editbuf.h — the one-line editor's buffer behind the / and s prompts.
 * Pure (no I/O, no curses).  The text is kept as code points with their
 * widths cached and as UTF-8, so that typing or pasting L characters costs
 * O(L) and showing the end of the input costs only the visible columns. */
#ifndef ANLI_EDITBUF_H
#define ANLI_EDITBUF_H

#include <stddef.h>

/* The longest input kept (code points); more is refused.  A query longer
 * than a paragraph finds nothing anyway. */
#define EB_MAX 4096

struct editbuf {
	unsigned int *cp;     /* the code points */
	unsigned char *w;     /* their widths (columns) */
	unsigned char *blen;  /* their UTF-8 lengths */
	size_t n, cap;
	char *s;              /* UTF-8, NUL-terminated */
	size_t len;           /* bytes in s */
	int (*width)(unsigned int cp);
};

/* width measures a code point in columns (the layout engine's). */
void eb_init(struct editbuf *b, int (*width)(unsigned int cp));
void eb_free(struct editbuf *b);
/* Append cp.  Returns 0, or -1 (nothing changed) for a control character,
 * U+FFFD (what an invalid input byte decodes to) or a full buffer. */
int eb_insert(struct editbuf *b, unsigned int cp);
/* Remove the last character.  Returns 0, or -1 if the buffer was empty. */
int eb_backspace(struct editbuf *b);
void eb_clear(struct editbuf *b);
/* The text as UTF-8 (never NULL). */
const char *eb_str(const struct editbuf *b);
/* Re-measure every character (after the ambiguous-width convention changed). */
void eb_rewidth(struct editbuf *b);
/* The tail of the text that fits in `room` columns: returns its byte offset
 * in eb_str(); *width gets its width.  Looks at no more characters than fit
 * (plus one); *steps (if not NULL) is increased by the characters looked at. */
size_t eb_tail(const struct editbuf *b, int room, int *width, size_t *steps);

#endif
