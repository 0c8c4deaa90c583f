/* editbuf.h — the one-line editor behind the / and s prompts and the note
 * form's fields (form.h): a buffer with a cursor, edited by keys — buffer +
 * key → buffer — and a history.  Pure (no I/O, no curses): editbuf.c (the
 * buffer), editkeys.c (input events, pastes), edithist.c (the history).  The text is kept
 * as code points with their widths cached and as UTF-8, so that typing or
 * pasting L characters at the end costs O(L) and showing the part around
 * the cursor costs only the visible columns.
 *
 * The cursor never stands between a character and the zero-width marks
 * (combining accents, variation selectors) after it: it moves, and
 * Backspace and Delete delete, a character with its marks. */
#ifndef ANLI_EDITBUF_H
#define ANLI_EDITBUF_H

#include "anli/input.h"

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
	char *kill;           /* the text last killed (C-w C-u C-k M-d), for C-y; NULL none */
	int paste_blank;      /* a paste's blank is pending (eb_paste) */
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
/* Insert s (UTF-8) at the cursor, the cursor after it; what eb_insert
 * refuses is left out, and what does not fit.  Returns 1 if the text
 * changed.  O(length of s + length of the text). */
int eb_insert_str(struct editbuf *b, const char *s);
/* Insert one character of a bracketed paste: the paste becomes one line.
 * Blanks (space, tab, CR, LF, VT, FF) become one space, runs of them
 * collapse, and a run at the start of the line, next to a blank already
 * there or at the end of the paste is dropped; other controls are dropped.
 * Returns 1 if the text changed, else 0. */
int eb_paste(struct editbuf *b, unsigned int cp);

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
	EB_WORD_LEFT,  /* M-b, C-←: to the start of this or the previous word */
	EB_WORD_RIGHT, /* M-f, C-→: to the end of this or the next word */
	EB_KILL_WORD,  /* M-d: from the cursor to the end of the word */
	EB_YANK,       /* C-y: insert the text last killed */
	EB_TRANSPOSE,  /* C-t: swap the characters before and under the cursor
			* (at the end: the last two); the cursor moves on */
};
/* A word, for M-b M-f M-d: a run of letters and digits (libunistring's
 * uc_is_alnum: a run of Han characters is one word; Chinese punctuation
 * separates words).  C-w is readline's unix-word-rubout: back to a blank.
 * C-w, C-u, C-k and M-d keep what they removed for C-y. */
/* Apply key k.  Returns 1 if the text changed, 0 if only the cursor moved
 * or nothing happened, -1 for an unknown key. */
int eb_edit(struct editbuf *b, enum eb_key k);
/* The editing key an input event is, or 0: ← → Home End Del (C-← C-→ by
 * words), C-b C-f C-a C-e C-d C-w C-u C-k C-y C-t, M-b M-f M-d.  Never a
 * key inside a paste. */
int eb_key_of(const struct in_event *ev);
/* Apply an input event: an editing key, Backspace (DEL, C-h), a printable
 * character, a pasted character (eb_paste; a key inside a paste does
 * nothing), a paste mark (nothing).  Returns 1 if the text changed, 0 if
 * the event was the editor's but changed no text, -1 if it is not the
 * editor's (Enter, Esc, Tab, C-c, other keys, Alt + another character):
 * the caller's to act on.  No event inside a paste returns -1. */
int eb_event(struct editbuf *b, const struct in_event *ev);
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
/* A scrolled field (src/tui/ebscroll.c): `first` is the first character
 * shown, kept by the caller between keys.  eb_scroll returns it moved only
 * as far as needed for the cursor's cell to be in `room` columns with
 * `margin` columns (fewer in a narrow room: at most a quarter) before and
 * after it where there is text; 0 when all of it fits; never leaving a
 * blank on the right while text is cut off on the left.  O(length). */
size_t eb_scroll(const struct editbuf *b, size_t first, int room, int margin);
/* The part shown from character `first` (eb_scroll's): its byte offset in
 * eb_str(), *nbytes what fits in room, *cursor_col the cursor's column.
 * When the cursor is not in it (first not scrolled for this room) it is
 * eb_window's part. */
size_t eb_view(const struct editbuf *b, size_t first, int room, size_t *nbytes, int *cursor_col);

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
