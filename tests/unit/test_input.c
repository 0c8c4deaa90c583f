/* test_input.c — the keyboard decoder: UTF-8, invalid bytes, keys, mouse,
 * cursor position reports wherever they arrive, replies dropped, sequences
 * cut anywhere. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/input.h"

#include <stdio.h>
#include <string.h>

#define MAXEV 256

/* Decode s[0..n) fed one byte at a time, then flushed; returns the events. */
static int decode(const char *s, size_t n, struct in_event *ev, int max)
{
	struct in_decoder d;
	in_init(&d);
	int k = 0;
	for (size_t i = 0; i < n; i++) {
		if (in_push(&d, (unsigned char)s[i]) != 0)
			fail_msg("push refused at %zu", i);
		while (k < max && in_next(&d, &ev[k], 0))
			k++;
	}
	while (k < max && in_next(&d, &ev[k], 1))
		k++;
	assert_int_equal(d.n, 0);
	return k;
}
#define DEC(lit, ev) decode(lit, sizeof lit - 1, ev, MAXEV)

/* The events as a string: characters as themselves (U+FFFD as ?), keys as
 * <name>, mouse as <m b x y>, CPR as <R r c>, ignored as <->. */
static const char *show(const struct in_event *ev, int n)
{
	static char out[1024];
	size_t o = 0;
	out[0] = '\0';
	for (int i = 0; i < n && o < sizeof out - 40; i++) {
		const struct in_event *e = &ev[i];
		switch (e->kind) {
		case IN_CHAR:
			if (e->cp == 0xFFFD)
				o += (size_t)snprintf(out + o, sizeof out - o, "?");
			else if (e->cp < 0x80)
				o += (size_t)snprintf(out + o, sizeof out - o, "%c", (char)e->cp);
			else
				o += (size_t)snprintf(out + o, sizeof out - o, "<U+%04X>", e->cp);
			break;
		case IN_KEY:
			o += (size_t)snprintf(out + o, sizeof out - o, "<k%d%s>", e->key, e->mods ? "+" : "");
			break;
		case IN_MOUSE:
			o += (size_t)snprintf(out + o, sizeof out - o, "<m%d%s %d %d>", e->button, e->release ? "r" : "",
					      e->x, e->y);
			break;
		case IN_CPR:
			o += (size_t)snprintf(out + o, sizeof out - o, "<R%d %d>", e->row, e->col);
			break;
		case IN_PASTE_BEGIN:
			o += (size_t)snprintf(out + o, sizeof out - o, "<p>");
			break;
		case IN_PASTE_END:
			o += (size_t)snprintf(out + o, sizeof out - o, "</p>");
			break;
		case IN_IGNORED:
			o += (size_t)snprintf(out + o, sizeof out - o, "<->");
			break;
		}
	}
	return out;
}

static void test_ascii_and_utf8(void **state)
{
	(void)state;
	struct in_event ev[MAXEV];
	int n = DEC("jq\xe9\x99\xa2\xe5\xa3\xab", ev);
	assert_string_equal(show(ev, n), "jq<U+9662><U+58EB>");
	n = DEC("\xf0\x9f\x98\x80", ev);
	assert_string_equal(show(ev, n), "<U+1F600>");
}

/* Invalid bytes become one U+FFFD each and never swallow what follows. */
static void test_invalid_bytes(void **state)
{
	(void)state;
	struct in_event ev[MAXEV];
	int n = DEC("\xffq", ev);
	assert_string_equal(show(ev, n), "?q");
	n = DEC("\xc3q", ev); /* a lone lead byte */
	assert_string_equal(show(ev, n), "?q");
	n = DEC("\xe9q", ev); /* é from a Latin-1 terminal */
	assert_string_equal(show(ev, n), "?q");
	n = DEC("\xc0\xafq", ev); /* overlong */
	assert_string_equal(show(ev, n), "??q");
	n = DEC("\x9bq", ev); /* 8-bit CSI */
	assert_string_equal(show(ev, n), "?q");
	n = DEC("\xe4\xb8", ev); /* truncated at the end: one U+FFFD at the flush */
	assert_string_equal(show(ev, n), "?");
	n = DEC("\xed\xa0\x80q", ev); /* a surrogate */
	assert_int_equal(ev[n - 1].cp, 'q');
}

static void test_keys(void **state)
{
	(void)state;
	struct in_event ev[MAXEV];
	int n = DEC("\x1b[A\x1b[B\x1bOC\x1bOD\x1b[5~\x1b[6~\x1b[H\x1b[4~\x1b[Z", ev);
	char want[128];
	snprintf(want, sizeof want, "<k%d><k%d><k%d><k%d><k%d><k%d><k%d><k%d><k%d>", INK_UP, INK_DOWN, INK_RIGHT,
		 INK_LEFT, INK_PGUP, INK_PGDN, INK_HOME, INK_END, INK_BTAB);
	assert_string_equal(show(ev, n), want);
	n = DEC("\x1b[1;5A", ev); /* Ctrl-Up */
	assert_int_equal(n, 1);
	assert_int_equal(ev[0].key, INK_UP);
	assert_int_equal(ev[0].mods, INM_CTRL);
	n = DEC("\x1b[15~\x1bOP", ev);
	assert_int_equal(n, 2);
	assert_int_equal(ev[0].key, INK_F1 + 4);
	assert_int_equal(ev[1].key, INK_F1);
}

/* A lone Esc is Esc only at the flush (the caller's timeout). */
static void test_lone_escape(void **state)
{
	(void)state;
	struct in_decoder d;
	struct in_event ev;
	in_init(&d);
	in_push(&d, 0x1b);
	assert_int_equal(in_next(&d, &ev, 0), 0);
	assert_int_equal(in_wait_ms(&d), IN_ESC_MS);
	assert_int_equal(in_next(&d, &ev, 1), 1);
	assert_int_equal(ev.kind, IN_KEY);
	assert_int_equal(ev.key, INK_ESC);
	assert_int_equal(in_wait_ms(&d), 0);
	struct in_event e[MAXEV];
	int n = DEC("\x1b\x1bq", e); /* Esc Esc q */
	char want[64];
	snprintf(want, sizeof want, "<k%d>q", INK_ESC);
	assert_string_equal(show(e, n), want);
	/* Esc Esc q: Esc, then Alt-q */
	assert_int_equal(e[0].kind, IN_KEY);
	assert_int_equal(e[1].kind, IN_CHAR);
	assert_int_equal(e[1].mods, INM_ALT);
	n = DEC("\x1bq", e); /* Alt-q: one event, q with Alt */
	assert_int_equal(n, 1);
	assert_int_equal(e[0].kind, IN_CHAR);
	assert_int_equal(e[0].cp, 'q');
	assert_int_equal(e[0].mods, INM_ALT);
	n = DEC("x\x1b\x7f", e); /* Esc before a control: Esc, then it */
	snprintf(want, sizeof want, "x<k%d>\x7f", INK_ESC);
	assert_string_equal(show(e, n), want);
	assert_int_equal(e[2].mods, 0);
	n = DEC("\x1b\xe4\xb8\xad", e); /* Esc before a Han character: Esc, then it */
	snprintf(want, sizeof want, "<k%d><U+4E2D>", INK_ESC);
	assert_string_equal(show(e, n), want);
}

/* A character from an input method arriving a byte per read: nothing until
 * it is whole (no U+FFFD), and the decoder waits the long timeout for the
 * rest, as for a reply cut by the network. */
static void test_utf8_split(void **state)
{
	(void)state;
	struct in_decoder d;
	struct in_event e;
	in_init(&d);
	static const char s[] = "\xe4\xb8\xad\xf0\x9f\x98\x80\xe6\x96\x87"; /* 中😀文 */
	unsigned int got[4];
	int n = 0;
	for (size_t i = 0; i < sizeof s - 1; i++) {
		in_push(&d, (unsigned char)s[i]);
		while (in_next(&d, &e, 0)) {
			assert_int_equal(e.kind, IN_CHAR);
			assert_true(n < 4);
			got[n++] = e.cp;
		}
		if (i == 0 || i == 4 || i == 5)
			assert_int_equal(in_wait_ms(&d), IN_SEQ_MS);
	}
	assert_int_equal(n, 3);
	assert_int_equal(got[0], 0x4E2D);
	assert_int_equal(got[1], 0x1F600);
	assert_int_equal(got[2], 0x6587);
	assert_int_equal(in_wait_ms(&d), 0);
}

/* The probe's answer: a cursor position report, alone, among keys, or cut
 * in two by a slow network — never read as keys. */
static void test_cpr(void **state)
{
	(void)state;
	struct in_event ev[MAXEV];
	int n = DEC("\x1b[24;2R", ev);
	assert_string_equal(show(ev, n), "<R24 2>");
	n = DEC("j\x1b[1;3Rk", ev);
	assert_string_equal(show(ev, n), "j<R1 3>k");
	/* cut after ESC [ 2: the decoder waits the long timeout, not the Esc one */
	struct in_decoder d;
	struct in_event e;
	in_init(&d);
	const char *part = "\x1b[2";
	for (const char *p = part; *p; p++)
		in_push(&d, (unsigned char)*p);
	assert_int_equal(in_next(&d, &e, 0), 0);
	assert_int_equal(in_wait_ms(&d), IN_SEQ_MS);
	for (const char *p = "4;2R"; *p; p++)
		in_push(&d, (unsigned char)*p);
	assert_int_equal(in_next(&d, &e, 0), 1);
	assert_int_equal(e.kind, IN_CPR);
	/* a reply cut off for good is dropped whole at the flush */
	n = DEC("\x1b[24;", ev);
	assert_string_equal(show(ev, n), "<->");
}

static void test_replies_dropped(void **state)
{
	(void)state;
	struct in_event ev[MAXEV];
	int n = DEC("\x1b[?62;22cq", ev); /* DA1 */
	assert_string_equal(show(ev, n), "<->q");
	n = DEC("\x1b]11;rgb:0000/0000/0000\x07q", ev); /* OSC, BEL */
	assert_string_equal(show(ev, n), "<->q");
	n = DEC("\x1bP1$r0m\x1b\\q", ev); /* DCS, ST */
	assert_string_equal(show(ev, n), "<->q");
	n = DEC("\x1b[Iq", ev); /* focus in */
	assert_string_equal(show(ev, n), "<->q");
}

/* A control string longer than the buffer is dropped to its end. */
static void test_overlong(void **state)
{
	(void)state;
	static char s[3000];
	size_t k = 0;
	s[k++] = 0x1b;
	s[k++] = ']';
	while (k < 2000)
		s[k++] = 'x';
	s[k++] = 0x07;
	s[k++] = 'q';
	struct in_decoder d;
	struct in_event ev;
	in_init(&d);
	int chars = 0, q = 0;
	for (size_t i = 0; i < k; i++) {
		while (in_push(&d, (unsigned char)s[i]) != 0)
			while (in_next(&d, &ev, 0))
				;
		while (in_next(&d, &ev, 0))
			if (ev.kind == IN_CHAR)
				chars++, q = ev.cp == 'q';
	}
	while (in_next(&d, &ev, 1))
		if (ev.kind == IN_CHAR)
			chars++, q = ev.cp == 'q';
	assert_int_equal(chars, 1);
	assert_true(q);
	/* an overlong CSI: dropped, the key after it read */
	char c[200];
	k = 0;
	c[k++] = 0x1b;
	c[k++] = '[';
	while (k < 150)
		c[k++] = '1';
	c[k++] = 'A';
	c[k++] = 'q';
	struct in_event e[MAXEV];
	int n = decode(c, k, e, MAXEV);
	assert_int_equal(e[n - 1].kind, IN_CHAR);
	assert_int_equal(e[n - 1].cp, 'q');
}

static void test_mouse(void **state)
{
	(void)state;
	struct in_event ev[MAXEV];
	/* X10: press of button 1 at column 41, row 6 (1-based), release */
	int n = DEC("\x1b[M I&\x1b[M#I&", ev);
	assert_string_equal(show(ev, n), "<m1 40 5><m0r 40 5>");
	/* X10 wheel down */
	n = DEC("\x1b[Map*", ev);
	assert_string_equal(show(ev, n), "<m5 79 9>");
	/* SGR: press and release, wheel up, large coordinates */
	n = DEC("\x1b[<0;41;6M\x1b[<0;41;6m\x1b[<64;300;200M", ev);
	assert_string_equal(show(ev, n), "<m1 40 5><m1r 40 5><m4 299 199>");
	/* X10 with bytes that are not UTF-8 (coordinates past 95) */
	n = DEC("\x1b[M \xff\xffq", ev);
	assert_string_equal(show(ev, n), "<m1 222 222>q");
	/* cut short and flushed: dropped */
	n = DEC("\x1b[<0;41", ev);
	assert_string_equal(show(ev, n), "<->");
}

static void test_paste(void **state)
{
	(void)state;
	struct in_event ev[MAXEV];
	int n = DEC("\x1b[200~q\xe9\x99\xa2\x1b[201~q", ev);
	assert_string_equal(show(ev, n), "<p>q<U+9662></p>q");
	assert_int_equal(ev[1].paste, 1);
	assert_int_equal(ev[2].paste, 1);
	assert_int_equal(ev[4].paste, 0);
}

/* Every prefix of every sequence, flushed: nothing is lost after it, the
 * decoder ends empty, and a final q always arrives as q. */
static void test_every_cut(void **state)
{
	(void)state;
	static const char *const seqs[] = {
		"\x1b[24;2R", "\x1b[<0;41;6M", "\x1b[M I&", "\x1b[5~", "\x1bOA", "\x1b]0;t\x07",
		"\xe9\x99\xa2", "\x1b[?1;2c", "\x1b[200~",
	};
	for (size_t s = 0; s < sizeof seqs / sizeof *seqs; s++) {
		size_t len = strlen(seqs[s]);
		for (size_t cut = 1; cut <= len; cut++) {
			struct in_decoder d;
			struct in_event ev;
			in_init(&d);
			for (size_t i = 0; i < cut; i++)
				in_push(&d, (unsigned char)seqs[s][i]);
			while (in_next(&d, &ev, 0))
				;
			while (in_next(&d, &ev, 1))
				;
			assert_int_equal(d.n, 0);
			in_push(&d, 'q');
			assert_int_equal(in_next(&d, &ev, 0), 1);
			assert_int_equal(ev.kind, IN_CHAR);
			assert_int_equal(ev.cp, 'q');
		}
	}
}

/* Random bytes (biased towards ESC, [, digits, ; and high bytes): the
 * decoder never holds more than its buffer, always ends empty after a
 * flush, and a q after any of it is read as q. */
static void test_random(void **state)
{
	(void)state;
	static const unsigned char pick[] = {0x1b, '[', '<', 'O', ']', 'P', '\\', 0x07, '0', '1', '2', ';', 'M', 'm',
					     'R', '~', 'A', 'q', 0xc3, 0xe9, 0xff, 0x80, 0xa2, 0xe4, 0xb8, 0xf0, 0x9f};
	unsigned long seed = 12345;
	for (int run = 0; run < 2000; run++) {
		struct in_decoder d;
		struct in_event ev;
		in_init(&d);
		int len = (int)((seed >> 16) % 300);
		for (int i = 0; i < len; i++) {
			seed = seed * 1103515245 + 12345;
			unsigned char c = (seed >> 16) % 4 ? pick[(seed >> 8) % sizeof pick] : (unsigned char)(seed >> 20);
			while (in_push(&d, c) != 0)
				assert_true(in_next(&d, &ev, 0) == 1);
			while (in_next(&d, &ev, 0))
				assert_true(d.n <= IN_BUF);
		}
		while (in_next(&d, &ev, 1))
			;
		assert_int_equal(d.n, 0);
		in_push(&d, 'q');
		assert_int_equal(in_next(&d, &ev, 0), 1);
		assert_int_equal(ev.kind, IN_CHAR);
		assert_int_equal(ev.cp, 'q');
		seed = seed * 1103515245 + 12345;
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_ascii_and_utf8), cmocka_unit_test(test_invalid_bytes),
		cmocka_unit_test(test_keys),           cmocka_unit_test(test_lone_escape),
		cmocka_unit_test(test_utf8_split),
		cmocka_unit_test(test_cpr),            cmocka_unit_test(test_replies_dropped),
		cmocka_unit_test(test_overlong),       cmocka_unit_test(test_mouse),
		cmocka_unit_test(test_paste),          cmocka_unit_test(test_every_cut),
		cmocka_unit_test(test_random),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
