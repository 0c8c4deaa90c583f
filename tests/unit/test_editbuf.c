/* test_editbuf.c — the prompt's edit buffer: contents, refusals, and the
 * work per keystroke bounded by what is shown (counted, not timed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/editbuf.h"
#include "anli/input.h"
#include "anli/layout.h"

#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

static int width(unsigned int cp)
{
	return lay_cpwidth(cp);
}

static void test_edit(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	assert_string_equal(eb_str(&b), "");
	assert_int_equal(eb_backspace(&b), -1);
	eb_insert(&b, 0x9662); /* 院 */
	eb_insert(&b, 'a');
	eb_insert(&b, 0x1F600);
	assert_string_equal(eb_str(&b), "\xe9\x99\xa2" "a\xf0\x9f\x98\x80");
	assert_int_equal(eb_backspace(&b), 0);
	assert_string_equal(eb_str(&b), "\xe9\x99\xa2" "a");
	/* refused: controls, DEL, C1, U+FFFD (an invalid input byte), surrogates */
	static const unsigned int bad[] = {0, 0x1b, '\n', 0x7f, 0x9b, 0xFFFD, 0xD800, 0x110000};
	for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
		assert_int_equal(eb_insert(&b, bad[i]), -1);
	assert_string_equal(eb_str(&b), "\xe9\x99\xa2" "a");
	eb_clear(&b);
	assert_string_equal(eb_str(&b), "");
	assert_int_equal(b.n, 0);
	eb_free(&b);
}

static void test_tail(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	const char *abc = "abc";
	for (const char *p = abc; *p; p++)
		eb_insert(&b, (unsigned char)*p);
	int w;
	assert_int_equal(eb_tail(&b, 10, &w, NULL), 0);
	assert_int_equal(w, 3);
	assert_int_equal(eb_tail(&b, 2, &w, NULL), 1);
	assert_int_equal(w, 2);
	eb_clear(&b);
	eb_insert(&b, 'x');
	eb_insert(&b, 0x9662);
	eb_insert(&b, 0x58EB); /* x院士: 5 columns */
	size_t off = eb_tail(&b, 3, &w, NULL); /* 士 fits, 院 would make 4 */
	assert_int_equal(off, 4);
	assert_int_equal(w, 2);
	eb_free(&b);
}

/* Pasting 4,000 characters, the prompt redrawn after each: the work per
 * redraw is bounded by the visible columns, not by the input length. */
static void test_linear(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	static const unsigned int s[] = {0x9662, 0x58EB, 0x79D1, 0x6280}; /* 院士科技 */
	size_t steps = 0;
	const int room = 60;
	for (int i = 0; i < 4000; i++) {
		assert_int_equal(eb_insert(&b, s[i % 4]), 0);
		int w;
		size_t off = eb_tail(&b, room, &w, &steps);
		assert_true(w <= room);
		assert_true(off <= b.len);
	}
	assert_int_equal(b.n, 4000);
	assert_int_equal(b.len, 12000);
	/* at most room/2 + 1 wide characters looked at per redraw */
	assert_true(steps <= 4000u * (room / 2 + 1));
	/* the size is bounded */
	for (int i = 0; i < 200; i++)
		eb_insert(&b, 'x');
	assert_int_equal(b.n, EB_MAX);
	assert_int_equal(eb_insert(&b, 'x'), -1);
	eb_free(&b);
}

static void type(struct editbuf *b, const char *s)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t left = strlen(s);
	while (left) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, left);
		eb_insert(b, c);
		p += k;
		left -= (size_t)k;
	}
}

/* Moving and deleting at the cursor, with wide characters and marks. */
static void test_cursor(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	type(&b, "院士");
	assert_int_equal(eb_cursor_col(&b), 4);
	eb_edit(&b, EB_LEFT);
	assert_int_equal(eb_cursor_col(&b), 2); /* by width: one wide character back */
	type(&b, "专");
	assert_string_equal(eb_str(&b), "院专士");
	assert_int_equal(eb_cursor_col(&b), 4);
	eb_edit(&b, EB_HOME);
	assert_int_equal(b.cur, 0);
	type(&b, "a");
	assert_string_equal(eb_str(&b), "a院专士");
	assert_int_equal(eb_edit(&b, EB_DELETE), 1);
	assert_string_equal(eb_str(&b), "a专士");
	assert_int_equal(eb_edit(&b, EB_KILL_END), 1);
	assert_string_equal(eb_str(&b), "a");
	assert_int_equal(eb_edit(&b, EB_KILL_END), 0); /* nothing after the cursor */
	eb_edit(&b, EB_END);
	type(&b, "b cd  ");
	assert_int_equal(eb_edit(&b, EB_WORD_BACK), 1);
	assert_string_equal(eb_str(&b), "ab ");
	assert_int_equal(eb_edit(&b, EB_WORD_BACK), 1);
	assert_string_equal(eb_str(&b), "");
	assert_int_equal(eb_edit(&b, EB_WORD_BACK), 0);
	type(&b, "科协 人才");
	eb_edit(&b, EB_LEFT);
	eb_edit(&b, EB_LEFT);
	assert_int_equal(eb_edit(&b, EB_KILL_START), 1);
	assert_string_equal(eb_str(&b), "人才");
	assert_int_equal(b.cur, 0);
	assert_int_equal(eb_edit(&b, EB_BACKSPACE), 0); /* at the start */
	eb_edit(&b, EB_END);
	assert_int_equal(eb_edit(&b, EB_BACKSPACE), 1);
	assert_string_equal(eb_str(&b), "人");
	assert_int_equal(eb_edit(&b, EB_RIGHT), 0);
	assert_int_equal(b.cur, 1); /* not past the end */
	assert_int_equal(eb_edit(&b, (enum eb_key)99), -1);
	/* a combining mark goes with its character: e + U+0301 is one step,
	 * one column, one Backspace */
	eb_set(&b, "xe\xcc\x81y");
	assert_int_equal(b.n, 4);
	assert_int_equal(b.cur, 4);
	eb_edit(&b, EB_LEFT);
	assert_int_equal(b.cur, 3);
	eb_edit(&b, EB_LEFT);
	assert_int_equal(b.cur, 1); /* before e, not between e and its accent */
	assert_int_equal(eb_cursor_col(&b), 1);
	eb_edit(&b, EB_RIGHT);
	assert_int_equal(b.cur, 3);
	assert_int_equal(eb_cursor_col(&b), 2);
	eb_edit(&b, EB_BACKSPACE);
	assert_string_equal(eb_str(&b), "xy");
	eb_set(&b, "xe\xcc\x81y");
	eb_edit(&b, EB_HOME);
	eb_edit(&b, EB_RIGHT);
	eb_edit(&b, EB_DELETE);
	assert_string_equal(eb_str(&b), "xy");
	eb_free(&b);
}

/* The visible window keeps the cursor in view, by width. */
static void test_window(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	type(&b, "abc");
	size_t nb;
	int col;
	size_t off = eb_window(&b, 10, &nb, &col, NULL);
	assert_int_equal(off, 0);
	assert_int_equal(nb, 3);
	assert_int_equal(col, 3);
	eb_set(&b, "院士科技人才"); /* 12 columns */
	off = eb_window(&b, 7, &nb, &col, NULL); /* the cursor at the end: 3 wide characters and its cell */
	assert_int_equal(off, 9);
	assert_int_equal(nb, 9);
	assert_int_equal(col, 6);
	eb_edit(&b, EB_HOME);
	off = eb_window(&b, 7, &nb, &col, NULL); /* at the start: what fits after it */
	assert_int_equal(off, 0);
	assert_int_equal(nb, 9);
	assert_int_equal(col, 0);
	eb_edit(&b, EB_RIGHT);
	eb_edit(&b, EB_RIGHT);
	eb_edit(&b, EB_RIGHT);
	off = eb_window(&b, 7, &nb, &col, NULL); /* on 技: 士科 before it, 技 under the cursor */
	assert_int_equal(off, 3);
	assert_int_equal(col, 4);
	assert_int_equal(nb, 9);
	/* a window too narrow for a wide character under the cursor */
	off = eb_window(&b, 1, &nb, &col, NULL);
	assert_int_equal(col, 0);
	assert_int_equal(nb, 0);
	eb_free(&b);
}

/* Moving the cursor through a long line: each redraw looks at the visible
 * characters only. */
static void test_window_linear(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	for (int i = 0; i < 4000; i++)
		eb_insert(&b, 0x9662 + (unsigned)(i % 7));
	const int room = 60;
	size_t steps = 0;
	for (int i = 0; i < 4000; i++) {
		eb_edit(&b, EB_LEFT);
		size_t nb;
		int col;
		size_t off = eb_window(&b, room, &nb, &col, &steps);
		assert_true(col <= room - 2);
		assert_true(off + nb <= b.len);
		assert_true(lay_strwidth(eb_str(&b) + off, nb) <= room);
	}
	assert_int_equal(b.cur, 0);
	assert_true(steps <= 4000u * (room / 2 + 2));
	eb_free(&b);
}

/* Up and Down through the run's history; the draft comes back. */
static void test_history(void **state)
{
	(void)state;
	struct editbuf b;
	struct eb_history h = {0};
	eb_init(&b, width);
	assert_int_equal(eb_hist_move(&h, &b, -1), -1); /* empty */
	eb_hist_add(&h, "院士");
	eb_hist_add(&h, "");      /* not kept */
	eb_hist_add(&h, "人才");
	eb_hist_add(&h, "人才");  /* a repeat: not kept */
	assert_int_equal(h.n, 2);
	type(&b, "科");
	assert_int_equal(eb_hist_move(&h, &b, -1), 0);
	assert_string_equal(eb_str(&b), "人才");
	assert_int_equal(b.cur, 2); /* at the end */
	assert_int_equal(eb_hist_move(&h, &b, -1), 0);
	assert_string_equal(eb_str(&b), "院士");
	assert_int_equal(eb_hist_move(&h, &b, -1), -1); /* the oldest */
	assert_string_equal(eb_str(&b), "院士");
	assert_int_equal(eb_hist_move(&h, &b, 1), 0);
	assert_int_equal(eb_hist_move(&h, &b, 1), 0);
	assert_string_equal(eb_str(&b), "科"); /* the draft */
	assert_int_equal(eb_hist_move(&h, &b, 1), -1);
	eb_hist_reset(&h);
	assert_int_equal(h.pos, 2);
	eb_hist_free(&h);
	eb_free(&b);
}

/* Bytes from the terminal, fed one at a time through the decoder into the
 * editor (an input method's characters split across reads, a bracketed
 * paste); returns the last eb_event result that was not -1 or -1. */
static int feed(struct editbuf *b, const char *bytes, int *unhandled)
{
	struct in_decoder d;
	struct in_event ev;
	in_init(&d);
	int last = -1;
	for (const char *p = bytes;; p++) {
		if (*p)
			in_push(&d, (unsigned char)*p);
		while (in_next(&d, &ev, !*p)) {
			int r = eb_event(b, &ev);
			if (r < 0 && unhandled)
				(*unhandled)++;
			else
				last = r;
		}
		if (!*p)
			break;
	}
	return last;
}

/* Chinese from an input method, a byte per read; Backspace over a wide
 * character and over a character with its combining mark. */
static void test_ime(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	int other = 0;
	feed(&b, "院士e\xcc\x81x", &other); /* 院士éx */
	assert_string_equal(eb_str(&b), "院士e\xcc\x81x");
	assert_int_equal(eb_cursor_col(&b), 6);
	feed(&b, "\x7f\x7f", &other); /* x, then é with its accent */
	assert_string_equal(eb_str(&b), "院士");
	feed(&b, "\x08", &other); /* C-h is Backspace too: the wide 士 whole */
	assert_string_equal(eb_str(&b), "院");
	assert_int_equal(eb_cursor_col(&b), 2);
	assert_int_equal(other, 0);
	/* Enter, Tab, Esc, C-c are the caller's: -1, the text unchanged */
	feed(&b, "\r\t\x03", &other);
	assert_int_equal(other, 3);
	other = 0;
	feed(&b, "\x1b", &other);
	assert_int_equal(other, 1);
	assert_string_equal(eb_str(&b), "院");
	eb_free(&b);
}

/* A bracketed paste is one line; no key inside it is a command. */
static void test_paste(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	int other = 0;
	type(&b, "注");
	feed(&b, "\x1b[200~\n 第一行\r\n\t第二行  \n\n第三\x03行\x1b[A\x1b\rx\n\x1b[201~", &other);
	/* leading blanks after 注 become one space; runs collapse; C-c, Up,
	 * Esc + CR dropped; the trailing blank dropped when typing goes on */
	assert_int_equal(other, 0);
	assert_string_equal(eb_str(&b), "注 第一行 第二行 第三行 x");
	type(&b, "!");
	assert_string_equal(eb_str(&b), "注 第一行 第二行 第三行 x!");
	/* at the start of an empty line: no leading space */
	eb_clear(&b);
	feed(&b, "\x1b[200~\r\n\t院士\x1b[201~", &other);
	assert_string_equal(eb_str(&b), "院士");
	/* next to a blank already there: no second one */
	eb_set(&b, "a ");
	feed(&b, "\x1b[200~\nb\x1b[201~", &other);
	assert_string_equal(eb_str(&b), "a b");
	/* in the middle, the cursor after the paste */
	eb_set(&b, "前后");
	eb_edit(&b, EB_LEFT);
	feed(&b, "\x1b[200~中\n间\x1b[201~", &other);
	assert_string_equal(eb_str(&b), "前中 间后");
	assert_int_equal(b.cur, 4);
	assert_int_equal(other, 0);
	eb_free(&b);
}

/* readline's keys, by clusters and words (Han runs are words). */
static void test_readline(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	eb_set(&b, "科协，院士 abc-de");
	eb_edit(&b, EB_WORD_LEFT);
	assert_int_equal(b.cur, 10); /* before de */
	eb_edit(&b, EB_WORD_LEFT);
	assert_int_equal(b.cur, 6); /* before abc */
	eb_edit(&b, EB_WORD_LEFT);
	assert_int_equal(b.cur, 3); /* before 院士: ， separates */
	eb_edit(&b, EB_WORD_LEFT);
	assert_int_equal(b.cur, 0);
	eb_edit(&b, EB_WORD_RIGHT);
	assert_int_equal(b.cur, 2); /* after 科协 */
	assert_int_equal(eb_cursor_col(&b), 4);
	/* M-d kills to the end of the next word, C-y brings it back */
	assert_int_equal(eb_edit(&b, EB_KILL_WORD), 1);
	assert_string_equal(eb_str(&b), "科协 abc-de");
	assert_int_equal(eb_edit(&b, EB_END), 0);
	assert_int_equal(eb_edit(&b, EB_YANK), 1);
	assert_string_equal(eb_str(&b), "科协 abc-de，院士");
	/* C-k, C-u, C-w keep what they remove */
	eb_edit(&b, EB_HOME);
	eb_edit(&b, EB_RIGHT);
	eb_edit(&b, EB_KILL_END);
	assert_string_equal(eb_str(&b), "科");
	eb_edit(&b, EB_HOME);
	eb_edit(&b, EB_YANK);
	assert_string_equal(eb_str(&b), "协 abc-de，院士科");
	eb_edit(&b, EB_END);
	eb_edit(&b, EB_WORD_BACK);
	assert_string_equal(eb_str(&b), "协 ");
	eb_edit(&b, EB_YANK);
	eb_edit(&b, EB_YANK);
	assert_string_equal(eb_str(&b), "协 abc-de，院士科abc-de，院士科");
	/* C-t: the two before the cursor at the end; marks go with their character */
	eb_set(&b, "ae\xcc\x81");
	assert_int_equal(eb_edit(&b, EB_TRANSPOSE), 1);
	assert_string_equal(eb_str(&b), "e\xcc\x81" "a");
	assert_int_equal(b.cur, 3);
	eb_set(&b, "院士科");
	eb_edit(&b, EB_HOME);
	assert_int_equal(eb_edit(&b, EB_TRANSPOSE), 0); /* at the start: nothing */
	eb_edit(&b, EB_RIGHT);
	assert_int_equal(eb_edit(&b, EB_TRANSPOSE), 1);
	assert_string_equal(eb_str(&b), "士院科");
	assert_int_equal(b.cur, 2);
	eb_set(&b, "x");
	assert_int_equal(eb_edit(&b, EB_TRANSPOSE), 0);
	/* the keys as events: M-b (Alt), C-Left, C-y */
	struct in_event ev = {.kind = IN_CHAR, .cp = 'b', .mods = INM_ALT};
	assert_int_equal(eb_key_of(&ev), EB_WORD_LEFT);
	ev.paste = 1;
	assert_int_equal(eb_key_of(&ev), 0);
	struct in_event cl = {.kind = IN_KEY, .key = INK_LEFT, .mods = INM_CTRL};
	assert_int_equal(eb_key_of(&cl), EB_WORD_LEFT);
	struct in_event cy = {.kind = IN_CHAR, .cp = 0x19};
	assert_int_equal(eb_key_of(&cy), EB_YANK);
	struct in_event ax = {.kind = IN_CHAR, .cp = 'x', .mods = INM_ALT};
	assert_int_equal(eb_event(&b, &ax), -1); /* Alt + another key: the caller's */
	eb_free(&b);
}

/* Scrolling at every width from 1 to 13 and every cursor position, with
 * wide characters and combining marks: the window fits, never starts on a
 * mark or cuts a wide character, and shows the cursor's cell; a resize
 * (another width) keeps the text. */
static void test_window_odd(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	eb_set(&b, "a院e\xcc\x81士x科\xcc\x81技yz人");
	const char *text = "a院e\xcc\x81士x科\xcc\x81技yz人";
	for (int room = 1; room <= 13; room++) {
		eb_edit(&b, EB_HOME);
		for (;;) {
			size_t nb;
			int col;
			size_t off = eb_window(&b, room, &nb, &col, NULL);
			const char *s = eb_str(&b);
			int shown = lay_strwidth(s + off, nb);
			assert_true(shown <= room);
			/* starts on a character, not a mark, and ends before one */
			ucs4_t c;
			if (nb) {
				u8_mbtouc(&c, (const uint8_t *)s + off, nb);
				assert_true(width(c) > 0);
			}
			if (off + nb < b.len) {
				u8_mbtouc(&c, (const uint8_t *)s + off + nb, b.len - off - nb);
				assert_true(width(c) > 0);
			}
			/* the cursor's column is the width of the shown text before it */
			int cw = b.cur < b.n ? b.w[b.cur] : 1;
			if (room >= cw) {
				assert_true(col + cw <= room);
				size_t cur_off = 0;
				for (size_t k = 0; k < b.cur; k++)
					cur_off += b.blen[k];
				assert_true(cur_off >= off && cur_off <= off + nb);
				assert_int_equal(col, lay_strwidth(s + off, cur_off - off));
			}
			if (b.cur == b.n)
				break;
			eb_edit(&b, EB_RIGHT);
		}
		assert_string_equal(eb_str(&b), text);
	}
	eb_free(&b);
}

/* The buffer's parts agree: UTF-8 = the code points, cached widths and
 * lengths right, the cursor in range. */
static void check_consistent(const struct editbuf *b)
{
	assert_true(b->n <= EB_MAX);
	assert_true(b->cur <= b->n);
	size_t off = 0;
	for (size_t i = 0; i < b->n; i++) {
		uint8_t mb[6];
		int k = u8_uctomb(mb, b->cp[i], sizeof mb);
		assert_int_equal(b->blen[i], k);
		assert_int_equal(b->w[i], width(b->cp[i]));
		assert_memory_equal(b->s + off, mb, (size_t)k);
		off += (size_t)k;
	}
	assert_int_equal(off, b->len);
	assert_int_equal(b->s[b->len], '\0');
}

/* Random keys, characters (wide, marks, emoji, blanks) and pastes: the
 * buffer stays consistent, moving keys never stop inside a character's
 * marks, and every window at every width fits and holds the cursor. */
static void test_random_edits(void **state)
{
	(void)state;
	static const unsigned int alpha[] = {'a', 'b', ' ', 0x9662, 0x58EB, 0x0301, 0xFE0F, 0x1F600, 0xFF0C, 0x3000, '\n', '\t'};
	struct editbuf b;
	eb_init(&b, width);
	unsigned int seed = 12345;
	for (int step = 0; step < 20000; step++) {
		seed = seed * 1103515245u + 12345u;
		unsigned int r = (seed >> 16) & 0x7fff;
		struct in_event ev = {.kind = IN_CHAR};
		if (r % 3 == 0) {
			ev.cp = alpha[r / 3 % (sizeof alpha / sizeof *alpha)];
			ev.paste = r / 40 % 2;
			eb_event(&b, &ev);
		} else if (r % 3 == 1) {
			enum eb_key k = (enum eb_key)(1 + r / 3 % EB_TRANSPOSE);
			int moving = k == EB_LEFT || k == EB_RIGHT || k == EB_HOME || k == EB_END ||
				     k == EB_WORD_LEFT || k == EB_WORD_RIGHT;
			assert_true(eb_edit(&b, k) >= 0);
			if (moving && b.cur > 0 && b.cur < b.n)
				assert_true(b.w[b.cur] > 0);
		} else if (r / 3 % 50 == 0) {
			eb_clear(&b);
		}
		check_consistent(&b);
		int room = 1 + (int)(r % 17);
		size_t nb;
		int col;
		size_t off = eb_window(&b, room, &nb, &col, NULL);
		assert_true(off + nb <= b.len);
		assert_true(lay_strwidth(eb_str(&b) + off, nb) <= room);
		int cw = b.cur < b.n && b.w[b.cur] ? b.w[b.cur] : 1;
		if (cw <= room)
			assert_true(col + cw <= room);
	}
	eb_free(&b);
}

/* A scrolled field: C-e then C-b keeps the part shown (the text after the
 * cursor comes into view, nothing jumps); it moves only near an edge. */
static void test_scroll(void **state)
{
	(void)state;
	struct editbuf b;
	eb_init(&b, width);
	type(&b, "abcdefghijklmnopqrstuvwxyz");
	size_t nb, first = 0, off;
	int col;
	first = eb_scroll(&b, first, 10, 2); /* at the end: the last 9 and the cursor's cell */
	assert_int_equal(first, 17);
	off = eb_view(&b, first, 10, &nb, &col);
	assert_int_equal(off, 17);
	assert_int_equal(nb, 9);
	assert_int_equal(col, 9);
	for (int k = 0; k < 6; k++) { /* back 6: the view stays (not within 2 of the left edge) */
		eb_edit(&b, EB_LEFT);
		first = eb_scroll(&b, first, 10, 2);
		assert_int_equal(first, 17);
	}
	off = eb_view(&b, first, 10, &nb, &col);
	assert_int_equal(col, 3); /* on u: r s t before it, v … z after it, shown */
	assert_memory_equal(eb_str(&b) + off, "rstuvwxyz", 9);
	assert_int_equal(nb, 9);
	eb_edit(&b, EB_LEFT); /* on t, 2 from the edge: still */
	assert_int_equal(eb_scroll(&b, first, 10, 2), 17);
	eb_edit(&b, EB_LEFT); /* on s: one step left, 2 columns kept before it */
	first = eb_scroll(&b, first, 10, 2);
	assert_int_equal(first, 16);
	eb_edit(&b, EB_HOME);
	first = eb_scroll(&b, first, 10, 2);
	assert_int_equal(first, 0);
	eb_edit(&b, EB_END); /* the end: the right edge's cell */
	first = eb_scroll(&b, first, 10, 2);
	assert_int_equal(first, 17);
	eb_backspace(&b); /* a deletion at the end: no blank on the right */
	eb_backspace(&b);
	first = eb_scroll(&b, first, 10, 2);
	assert_int_equal(first, 15);
	eb_set(&b, "院士科技人才科学家"); /* wide: 18 columns; the cursor at the end */
	first = eb_scroll(&b, 0, 7, 2);
	off = eb_view(&b, first, 7, &nb, &col);
	assert_int_equal(col, 6);
	assert_int_equal(nb, 9); /* 3 wide characters, never half of one */
	eb_edit(&b, EB_LEFT);
	assert_int_equal(eb_scroll(&b, first, 7, 2), first);
	eb_set(&b, "short");
	assert_int_equal(eb_scroll(&b, 4, 10, 2), 0); /* all fits: from the start */
	eb_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_tail),
		cmocka_unit_test(test_linear),
		cmocka_unit_test(test_cursor),
		cmocka_unit_test(test_window),
		cmocka_unit_test(test_window_linear),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_history),
		cmocka_unit_test(test_ime),
		cmocka_unit_test(test_paste),
		cmocka_unit_test(test_readline),
		cmocka_unit_test(test_window_odd),
		cmocka_unit_test(test_random_edits),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
