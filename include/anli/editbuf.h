/* editbuf.h — the one-line editor behind the / and s prompts (and, later,
 * the notes editor): a buffer with a cursor, edited by keys — buffer + key
 * → buffer — and a history.  Pure (no I/O, no curses).  The text is kept
 * as code points with their widths cached and as UTF-8, so that typing or
 * pasting L characters at the end costs O(L) and showing the part around
 * the cursor costs only the visible columns.
 *
 * The cursor never stands between a character and the zero-width marks
 * (combining accents, variation selectors) after it: it moves, and
 * Backspace and Delete delete, a character with its marks. */
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
	size_t cur;           /* the cursor: before character cur (0..n) */
	char *s;              /* UTF-8, NUL-terminated */
	size_t len;           /* bytes in s */
	int (*width)(unsigned int cp);
};

/* width measures a code point in columns (the layout engine's). */
void eb_init(struct editbuf *b, int (*width)(unsigned int cp));
void eb_free(struct editbuf *b);
/* Insert cp at the cursor (after it: the cursor moves on).  Returns 0, or
 * -1 (nothing changed) for a control character, U+FFFD (what an invalid
 * input byte decodes to) or a full buffer. */
int eb_insert(struct editbuf *b, unsigned int cp);
/* Remove the character (with its marks) before the cursor.  Returns 0, or
 * -1 if there is none. */
int eb_backspace(struct editbuf *b);
void eb_clear(struct editbuf *b);
/* Replace the text with s (UTF-8; what eb_insert refuses is left out); the
 * cursor at its end. */
void eb_set(struct editbuf *b, const char *s);

/* The editing keys, as readline and less know them. */
enum eb_key {
	EB_LEFT = 1,   /* ←, C-b */
	EB_RIGHT,      /* →, C-f */
	EB_HOME,       /* Home, C-a */
	EB_END,        /* End, C-e */
	EB_BACKSPACE,  /* the character before the cursor */
	EB_DELETE,     /* Del, C-d: the character under the cursor */
	EB_WORD_BACK,  /* C-w: back to the start of the word (blank-separated) */
	EB_KILL_START, /* C-u: from the start to the cursor */
	EB_KILL_END,   /* C-k: from the cursor to the end */
};
/* Apply key k.  Returns 1 if the text changed, 0 if only the cursor moved
 * or nothing happened, -1 for an unknown key. */
int eb_edit(struct editbuf *b, enum eb_key k);
/* The cursor's column (the width of the text before it).  O(cursor). */
int eb_cursor_col(const struct editbuf *b);
/* The text as UTF-8 (never NULL). */
const char *eb_str(const struct editbuf *b);
/* Re-measure every character (after the ambiguous-width convention changed). */
void eb_rewidth(struct editbuf *b);
/* The tail of the text that fits in `room` columns: returns its byte offset
 * in eb_str(); *width gets its width.  Looks at no more characters than fit
 * (plus one); *steps (if not NULL) is increased by the characters looked at. */
size_t eb_tail(const struct editbuf *b, int room, int *width, size_t *steps);
/* The part of the text to show in `room` columns with the cursor in view:
 * as much as fits before the cursor (all of it from the start if it fits),
 * then what fits after.  Returns its byte offset in eb_str(); *nbytes gets
 * its length, *cursor_col the cursor's column in it.  Looks at no more
 * characters than fit (plus one each way); *steps (if not NULL) is
 * increased by the characters looked at. */
size_t eb_window(const struct editbuf *b, int room, size_t *nbytes, int *cursor_col, size_t *steps);

/* A history of entered lines, for the run: Up (older) and Down (newer)
 * replace the buffer; what was being typed comes back below the newest. */
struct eb_history {
	char **line;
	int n, cap;
	int pos;       /* the line shown: 0..n-1, or n (the draft) */
	char *draft;   /* the text typed before Up */
};
/* Add a line (not an empty one, nor a repeat of the newest); the position
 * back at the bottom. */
void eb_hist_add(struct eb_history *h, const char *line);
/* The position back at the bottom (a new prompt). */
void eb_hist_reset(struct eb_history *h);
/* dir -1 (Up: older) or +1 (Down: newer): the buffer gets that line.
 * Returns 0, or -1 if there is none that way (nothing changed). */
int eb_hist_move(struct eb_history *h, struct editbuf *b, int dir);
void eb_hist_free(struct eb_history *h);

#endif
