/* bigtitle.c — the pure half of --big-titles (include/anli/bigtitle.h):
 * whether to ask, the decision, the bytes. */
#include "anli/bigtitle.h"

#include <string.h>

/* XTVERSION; save the cursor, home, CPR, a space 2 cells wide (w=2), CPR,
 * a space at scale 2 (2 by 2 cells), CPR; the first two rows erased (the
 * probe's spaces), the cursor restored. */
const char BT_QUERY[] = "\x1b[>0q"
			"\x1b" "7\x1b[H\x1b[6n\x1b]66;w=2; \x07\x1b[6n\x1b]66;s=2; \x07\x1b[6n"
			"\x1b[H\x1b[2K\x1b[2;1H\x1b[2K\x1b" "8";

static int prefix(const char *s, const char *p)
{
	return s && !strncmp(s, p, strlen(p));
}

int bt_may_ask(const char *term, const char *tmux, const char *sty)
{
	if ((tmux && *tmux) || (sty && *sty))
		return 0; /* inside tmux or screen */
	if (!term || !*term || prefix(term, "screen") || prefix(term, "tmux"))
		return 0;
	static const char *const never[] = {"dumb", "linux", "vt52", "vt100", "cons", "ansi", "sun", "emacs"};
	for (size_t i = 0; i < sizeof never / sizeof *never; i++)
		if (prefix(term, never[i]))
			return 0;
	return 1;
}

int bt_take_cpr(struct bt_replies *r, int col)
{
	if (r->ncpr < 3)
		r->col[r->ncpr++] = col;
	return r->ncpr >= 3;
}

enum bt_method bt_decide(int asked, const struct bt_replies *r)
{
	if (!asked)
		return BT_PLAIN;
	if (r->ncpr >= 3 && r->col[1] == r->col[0] + 2 && r->col[2] == r->col[1] + 2)
		return BT_KITTY; /* the width and the scale parts both moved the cursor */
	if (prefix(r->version, "XTerm("))
		return BT_DECDHL;
	return BT_PLAIN;
}

int bt_draw_seq(enum bt_method m, int y, int cols, const char *t, size_t n, int w, struct sbuf *out)
{
	if (m == BT_PLAIN || w < 1 || 2 * w > cols - 2 || y < 0)
		return -1;
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)t[i] < 0x20 || t[i] == 0x7f)
			return -1; /* never a control character inside the sequence */
	sbuf_adds(out, "\x1b" "7");
	if (m == BT_KITTY) {
		/* one run of 2x2 cells from row y: 2w columns, centred */
		sbuf_printf(out, "\x1b[%d;%dH\x1b]66;s=2;", y + 1, (cols - 2 * w) / 2 + 1);
		sbuf_addn(out, t, n);
		sbuf_adds(out, "\x07");
	} else {
		/* both rows double height: the cursor's columns are the halves' */
		int x = (cols / 2 - w) / 2 + 1;
		for (int half = 0; half < 2; half++) {
			sbuf_printf(out, "\x1b[%d;1H\x1b[2K\x1b#%c\x1b[%d;%dH", y + 1 + half, half ? '4' : '3', y + 1 + half, x);
			sbuf_addn(out, t, n);
		}
	}
	sbuf_adds(out, "\x1b" "8");
	return 0;
}

void bt_undo_seq(enum bt_method m, int y, struct sbuf *out)
{
	if (m == BT_DECDHL)
		sbuf_printf(out, "\x1b" "7\x1b[%d;1H\x1b#5\x1b[%d;1H\x1b#5\x1b" "8", y + 1, y + 2);
}
