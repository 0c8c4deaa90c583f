/* bigtitle.h — `anli present --big-titles` (issue 13, item 6): the title
 * slide's title drawn large where the terminal is known to do it, plain
 * everywhere else.  Pure (no I/O, no curses): what to ask the terminal, the
 * decision from its replies, and the bytes that draw; src/tui/present/present.c
 * writes the query and feeds the replies in, views/present.c the drawing.
 *
 * Methods, in order of preference:
 *   - kitty's text-sizing protocol (OSC 66, `ESC ] 66 ; s=2 ; text BEL`),
 *     only when the terminal shows it supports the scale part: after a
 *     cursor position report (CPR), a space sent with `w=2`, a CPR, a space
 *     with `s=2`, a CPR, the three reported columns each move by 2 (kitty's
 *     documented detection);
 *   - DEC double-height lines (`ESC # 3` top half, `ESC # 4` bottom half),
 *     only when the terminal answers XTVERSION (`ESC [ > 0 q`) as xterm
 *     ("XTerm(388)"), where they are known to work;
 *   - plain: no reply, a timeout, anything else.
 * Nothing is asked (and the titles are plain) inside tmux or screen ($TMUX
 * or $STY set, or TERM screen* / tmux*: they do not pass either through
 * faithfully) or on a TERM that is no emulator of that family (dumb, the
 * Linux console, vt52...): so a terminal without them never shows junk. */
#ifndef ANLI_BIGTITLE_H
#define ANLI_BIGTITLE_H

#include "anli/util.h"

#include <stddef.h>

enum bt_method { BT_PLAIN, BT_KITTY, BT_DECDHL };

/* What is asked, written at the top left of the still blank screen: the
 * XTVERSION query, then kitty's probe (3 CPRs), then the two rows the probe
 * may have drawn on cleared and the cursor put back. */
extern const char BT_QUERY[];

/* May the terminal be asked?  term, tmux, sty: $TERM, $TMUX, $STY (NULL
 * when unset). */
int bt_may_ask(const char *term, const char *tmux, const char *sty);

/* The replies to BT_QUERY, as they come (IN_CPR, IN_VERSION events). */
struct bt_replies {
	int ncpr;            /* CPRs taken (the first 3 count) */
	int col[3];          /* their columns (1-based) */
	char version[64];    /* the XTVERSION reply, "" while none came */
};
/* Take a CPR's column.  Returns 1 when all three are in (decide now). */
int bt_take_cpr(struct bt_replies *r, int col);
/* The method for what came (asked: bt_may_ask was 1 and BT_QUERY sent). */
enum bt_method bt_decide(int asked, const struct bt_replies *r);

/* Append to out the bytes that draw title t[0..n) (sanitized, one line,
 * w columns wide) big with method m over two rows from row y (0-based; row
 * y blank, the plain title on row y + 1) of a screen of cols columns,
 * centred, the cursor saved and restored.  Returns 0, or -1 with nothing
 * appended for BT_PLAIN or a title that does not fit twice as wide
 * (2 * w > cols - 2). */
int bt_draw_seq(enum bt_method m, int y, int cols, const char *t, size_t n, int w, struct sbuf *out);
/* Append the bytes that undo it before the screen is repainted: DEC's two
 * rows back to single width (kitty's large text goes with the repaint's
 * erase). */
void bt_undo_seq(enum bt_method m, int y, struct sbuf *out);

#endif
