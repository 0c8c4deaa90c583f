/* input.h — the reader's keyboard decoder: bytes from the terminal in,
 * events out.  Pure (no I/O, no curses, no globals), so that it can be unit
 * tested and fuzzed.
 *
 * The reader reads raw bytes (curses with keypad off) and pushes them here.
 * The decoder turns them into characters (UTF-8, decoded with libunistring;
 * an invalid or truncated sequence becomes one U+FFFD and never blocks later
 * input), keys (CSI and SS3 sequences), mouse events (X10 `ESC [ M b x y`
 * and SGR `ESC [ < b ; x ; y M/m`), cursor position reports (`ESC [ r ; c R`,
 * the answer to the ambiguous-width probe, wherever it arrives), bracketed
 * paste marks, and drops every other terminal reply (DA `ESC [ ? … c`, OSC,
 * DCS, APC strings).  A lone Esc is Esc once the caller has waited
 * in_wait_ms() without a further byte and calls in_next with flush set. */
#ifndef ANLI_INPUT_H
#define ANLI_INPUT_H

#include <stddef.h>

enum in_kind {
	IN_CHAR,        /* a character: cp (U+FFFD for invalid input) */
	IN_KEY,         /* a special key: key, mods */
	IN_MOUSE,       /* a mouse event: button, x, y, release */
	IN_CPR,         /* a cursor position report: row, col (1-based) */
	IN_PASTE_BEGIN, /* bracketed paste starts / ends */
	IN_PASTE_END,
	IN_IGNORED,     /* a terminal reply or unknown sequence, consumed and dropped */
};

enum in_key {
	INK_NONE,
	INK_ESC,
	INK_UP,
	INK_DOWN,
	INK_LEFT,
	INK_RIGHT,
	INK_HOME,
	INK_END,
	INK_PGUP,
	INK_PGDN,
	INK_INSERT,
	INK_DELETE,
	INK_BTAB,       /* Shift-Tab */
	INK_F1,         /* F1 .. F12 are INK_F1 + 0 .. 11 */
	INK_F12 = INK_F1 + 11,
};

/* Modifier bits of a key or a mouse event (xterm's encoding minus 1). */
enum { INM_SHIFT = 1, INM_ALT = 2, INM_CTRL = 4 };

/* Mouse buttons: 1 left, 2 middle, 3 right, 4 wheel up, 5 wheel down,
 * 0 a release without a button (X10) or motion. */
struct in_event {
	enum in_kind kind;
	unsigned int cp;  /* IN_CHAR */
	int key;          /* IN_KEY: enum in_key */
	int mods;         /* IN_KEY, IN_MOUSE: INM_* bits */
	int button;       /* IN_MOUSE */
	int x, y;         /* IN_MOUSE: 0-based column and row */
	int release;      /* IN_MOUSE: 1 for a button release */
	int motion;       /* IN_MOUSE: 1 for a motion report */
	int row, col;     /* IN_CPR: 1-based */
	int paste;        /* IN_CHAR, IN_KEY: 1 inside a bracketed paste */
	/* Alt+key arrives as Esc then the key: a printable ASCII character
	 * right after Esc is one IN_CHAR with mods INM_ALT (M-b); Esc before
	 * anything else is Esc, then that. */
};

/* Longest sequence kept whole; longer control strings are dropped. */
#define IN_BUF 256

struct in_decoder {
	unsigned char buf[IN_BUF];
	size_t n;
	int paste;      /* inside a bracketed paste */
	int dropping;   /* inside an overlong control string being dropped */
};

/* Milliseconds to wait for the rest of a sequence after a lone Esc (short:
 * a person pressing Esc), and after a started CSI or control string or a
 * partial UTF-8 character (long: a terminal reply, or a character from an
 * input method, cut in two by the network). */
enum { IN_ESC_MS = 50, IN_SEQ_MS = 500 };

void in_init(struct in_decoder *d);
/* Append one byte.  Returns 0, or -1 if the buffer is full (call in_next
 * first: it always consumes a full buffer). */
int in_push(struct in_decoder *d, unsigned char c);
/* Take the next event.  Returns 1 with *ev filled, or 0 when no complete
 * event is buffered.  With flush set (no byte came within in_wait_ms()), an
 * incomplete sequence is decided: a lone Esc is Esc, a truncated UTF-8
 * character is U+FFFD, a started CSI or control string is dropped. */
int in_next(struct in_decoder *d, struct in_event *ev, int flush);
/* How long to wait for more bytes before calling in_next with flush set:
 * 0 if nothing is pending, else IN_ESC_MS or IN_SEQ_MS. */
int in_wait_ms(const struct in_decoder *d);

#endif
