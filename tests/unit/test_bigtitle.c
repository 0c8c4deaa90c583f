/* test_bigtitle.c — --big-titles (bigtitle.h): never asked inside tmux or
 * screen or on terminals outside the family; the method from the replies
 * (kitty's probe, XTVERSION) as the input decoder delivers them; the bytes
 * drawn, and none for plain titles. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/bigtitle.h"
#include "anli/input.h"

#include <string.h>

static void test_may_ask(void **state)
{
	(void)state;
	assert_int_equal(bt_may_ask("xterm-256color", NULL, NULL), 1);
	assert_int_equal(bt_may_ask("xterm-kitty", NULL, NULL), 1);
	assert_int_equal(bt_may_ask("xterm-256color", "", ""), 1); /* set but empty: not inside */
	assert_int_equal(bt_may_ask("xterm-256color", "/tmp/tmux-0/default,1,0", NULL), 0);
	assert_int_equal(bt_may_ask("xterm-256color", NULL, "1234.pts-0.host"), 0);
	assert_int_equal(bt_may_ask("screen-256color", NULL, NULL), 0);
	assert_int_equal(bt_may_ask("screen", NULL, NULL), 0);
	assert_int_equal(bt_may_ask("tmux-256color", NULL, NULL), 0);
	assert_int_equal(bt_may_ask("dumb", NULL, NULL), 0);
	assert_int_equal(bt_may_ask("linux", NULL, NULL), 0);
	assert_int_equal(bt_may_ask(NULL, NULL, NULL), 0);
	assert_int_equal(bt_may_ask("", NULL, NULL), 0);
}

/* The replies as bytes from the terminal, through the decoder, into r. */
static void replies(const char *bytes, struct bt_replies *r)
{
	memset(r, 0, sizeof *r);
	struct in_decoder d;
	in_init(&d);
	struct in_event ev;
	for (const char *c = bytes; *c; c++) {
		assert_int_equal(in_push(&d, (unsigned char)*c), 0);
		while (in_next(&d, &ev, 0)) {
			if (ev.kind == IN_CPR)
				bt_take_cpr(r, ev.col);
			else if (ev.kind == IN_VERSION)
				memcpy(r->version, ev.text, sizeof r->version);
			else
				assert_int_equal(ev.kind, IN_IGNORED);
		}
	}
}

static void test_decide(void **state)
{
	(void)state;
	struct bt_replies r;
	/* kitty: the CPRs move by 2 and 2 (width and scale) */
	replies("\x1bP>|kitty(0.40.1)\x1b\\\x1b[1;1R\x1b[1;3R\x1b[1;5R", &r);
	assert_string_equal(r.version, "kitty(0.40.1)");
	assert_int_equal(bt_decide(1, &r), BT_KITTY);
	assert_int_equal(bt_decide(0, &r), BT_PLAIN); /* not asked: plain whatever */
	/* xterm: no text sizing, XTVERSION says XTerm */
	replies("\x1bP>|XTerm(390)\x1b\\\x1b[1;1R\x1b[1;1R\x1b[1;1R", &r);
	assert_string_equal(r.version, "XTerm(390)");
	assert_int_equal(bt_decide(1, &r), BT_DECDHL);
	/* the width part only, another terminal: plain */
	replies("\x1bP>|foot(1.16)\x1b\\\x1b[1;1R\x1b[1;3R\x1b[1;3R", &r);
	assert_int_equal(bt_decide(1, &r), BT_PLAIN);
	/* no XTVERSION, no movement: plain */
	replies("\x1b[1;1R\x1b[1;1R\x1b[1;1R", &r);
	assert_int_equal(bt_decide(1, &r), BT_PLAIN);
	/* a timeout: nothing came */
	replies("", &r);
	assert_int_equal(bt_decide(1, &r), BT_PLAIN);
	/* another DCS reply is not a version */
	replies("\x1bP1$r0m\x1b\\", &r);
	assert_string_equal(r.version, "");
	/* only the first three CPRs count */
	memset(&r, 0, sizeof r);
	assert_int_equal(bt_take_cpr(&r, 1), 0);
	assert_int_equal(bt_take_cpr(&r, 3), 0);
	assert_int_equal(bt_take_cpr(&r, 5), 1);
	assert_int_equal(bt_take_cpr(&r, 9), 1);
	assert_int_equal(r.col[2], 5);
}

static void test_sequences(void **state)
{
	(void)state;
	struct sbuf s;
	sbuf_init(&s);
	const char *t = "标题";
	assert_int_equal(bt_draw_seq(BT_KITTY, 3, 80, t, strlen(t), 4, &s), 0);
	assert_string_equal(s.s, "\x1b" "7\x1b[4;37H\x1b]66;s=2;标题\x07\x1b" "8");
	sbuf_free(&s);
	sbuf_init(&s);
	assert_int_equal(bt_draw_seq(BT_DECDHL, 3, 80, t, strlen(t), 4, &s), 0);
	assert_string_equal(s.s, "\x1b" "7\x1b[4;1H\x1b[2K\x1b#3\x1b[4;19H标题\x1b[5;1H\x1b[2K\x1b#4\x1b[5;19H标题\x1b" "8");
	sbuf_free(&s);
	/* plain, too wide, a control character: nothing at all */
	sbuf_init(&s);
	assert_int_equal(bt_draw_seq(BT_PLAIN, 3, 80, t, strlen(t), 4, &s), -1);
	assert_int_equal(bt_draw_seq(BT_KITTY, 3, 80, t, strlen(t), 40, &s), -1);
	assert_int_equal(bt_draw_seq(BT_DECDHL, 3, 9, t, strlen(t), 4, &s), -1);
	assert_int_equal(bt_draw_seq(BT_KITTY, 3, 80, "a\x07" "b", 3, 3, &s), -1);
	assert_int_equal(s.len, 0);
	bt_undo_seq(BT_KITTY, 3, &s);
	bt_undo_seq(BT_PLAIN, 3, &s);
	assert_int_equal(s.len, 0);
	bt_undo_seq(BT_DECDHL, 3, &s);
	assert_string_equal(s.s, "\x1b" "7\x1b[4;1H\x1b#5\x1b[5;1H\x1b#5\x1b" "8");
	sbuf_free(&s);
}

/* The query: XTVERSION first (its reply comes before the CPRs), then three
 * CPRs around the two sized spaces, and the probe's rows cleared. */
static void test_query(void **state)
{
	(void)state;
	const char *x = strstr(BT_QUERY, "\x1b[>0q"), *c = strstr(BT_QUERY, "\x1b[6n");
	assert_non_null(x);
	assert_non_null(c);
	assert_true(x < c);
	int n = 0;
	for (const char *p = BT_QUERY; (p = strstr(p, "\x1b[6n")); p++)
		n++;
	assert_int_equal(n, 3);
	assert_non_null(strstr(BT_QUERY, "\x1b]66;w=2; \x07"));
	assert_non_null(strstr(BT_QUERY, "\x1b]66;s=2; \x07"));
	assert_non_null(strstr(BT_QUERY, "\x1b[2K"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_may_ask),
		cmocka_unit_test(test_decide),
		cmocka_unit_test(test_sequences),
		cmocka_unit_test(test_query),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
