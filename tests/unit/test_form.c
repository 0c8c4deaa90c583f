/* test_form.c — the note form's pure model: moving between fields, the
 * kind, typing and pasting into a field, save and cancel, the draft's
 * round trip and its one-second timer. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/anchor.h"
#include "anli/form.h"

#include <stdlib.h>
#include <string.h>

/* Bytes from the terminal, a byte at a time through the decoder into the
 * form; returns the last result that was not FORM_CONTINUE, else it. */
static int feed(struct form *f, const char *bytes)
{
	struct in_decoder d;
	struct in_event ev;
	in_init(&d);
	int last = FORM_CONTINUE;
	for (const char *p = bytes;; p++) {
		if (*p)
			in_push(&d, (unsigned char)*p);
		while (in_next(&d, &ev, !*p)) {
			int r = form_key(f, &ev);
			if (r != FORM_CONTINUE)
				last = r;
		}
		if (!*p)
			break;
	}
	return last;
}

static int key(struct form *f, int k)
{
	struct in_event ev = {.kind = IN_KEY, .key = k};
	return form_key(f, &ev);
}

#define TAB "\t"
#define ESC "\x1b"
#define CS "\x13"
#define CC "\x03"

static void test_fields(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	assert_int_equal(f.field, FORM_QUOTE); /* no quote given: it is typed first */
	/* 疑 has no fix: Tab goes quote → remark → kind → quote */
	feed(&f, TAB);
	assert_int_equal(f.field, FORM_REMARK);
	feed(&f, TAB);
	assert_int_equal(f.field, FORM_KIND);
	key(&f, INK_BTAB);
	assert_int_equal(f.field, FORM_REMARK);
	key(&f, INK_UP);
	assert_int_equal(f.field, FORM_QUOTE);
	key(&f, INK_UP);
	assert_int_equal(f.field, FORM_KIND);
	key(&f, INK_UP); /* Up stops at the first */
	assert_int_equal(f.field, FORM_KIND);
	/* the kind: → and Space cycle, ← back, letters and marks choose */
	key(&f, INK_RIGHT);
	assert_int_equal(form_kind(&f), ANCHOR_REPLACE);
	feed(&f, " ");
	assert_int_equal(form_kind(&f), ANCHOR_DELETE);
	key(&f, INK_LEFT);
	key(&f, INK_LEFT);
	assert_int_equal(form_kind(&f), ANCHOR_QUERY);
	key(&f, INK_LEFT);
	assert_int_equal(form_kind(&f), ANCHOR_INSERT);
	feed(&f, "q");
	assert_int_equal(form_kind(&f), ANCHOR_QUERY);
	feed(&f, "改"); /* from an input method, byte by byte */
	assert_int_equal(form_kind(&f), ANCHOR_REPLACE);
	assert_string_equal(form_text(&f, FORM_KIND), "改");
	/* 改 has a fix: Down goes kind → quote → fix → remark, and stops */
	key(&f, INK_DOWN);
	key(&f, INK_DOWN);
	assert_int_equal(f.field, FORM_FIX);
	key(&f, INK_DOWN);
	key(&f, INK_DOWN);
	assert_int_equal(f.field, FORM_REMARK);
	/* Enter moves on, except on the last field */
	key(&f, INK_UP);
	key(&f, INK_UP);
	assert_int_equal(feed(&f, "\r"), FORM_CONTINUE);
	assert_int_equal(f.field, FORM_FIX);
	/* typed letters in a text field are text, not kinds */
	feed(&f, "d");
	assert_string_equal(form_text(&f, FORM_FIX), "d");
	assert_int_equal(form_kind(&f), ANCHOR_REPLACE);
	feed(&f, "i");
	assert_int_equal(form_kind(&f), ANCHOR_REPLACE);
	/* the fix is hidden for 删, its text kept */
	key(&f, INK_BTAB);
	key(&f, INK_BTAB);
	assert_int_equal(f.field, FORM_KIND);
	feed(&f, "d");
	assert_ptr_equal(form_text(&f, FORM_FIX), NULL);
	feed(&f, "f");
	assert_string_equal(form_text(&f, FORM_FIX), "di");
	form_free(&f);
	/* a prefilled quote: the kind first */
	form_init(&f, 99, "c27:title", "院士", NULL, NULL);
	assert_int_equal(form_kind(&f), ANCHOR_QUERY);
	assert_int_equal(f.field, FORM_KIND);
	assert_string_equal(form_text(&f, FORM_QUOTE), "院士");
	form_free(&f);
}

/* Editing in a field: Chinese, Backspace over a wide character, readline
 * keys; a multi-line paste is one line and runs no command. */
static void test_typing_and_paste(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	feed(&f, "院士专家x\x7f\x7f"); /* Backspace: x, then 家 whole */
	assert_string_equal(form_text(&f, FORM_QUOTE), "院士专");
	feed(&f, "\x01" "中" "\x05" "心"); /* C-a, C-e */
	assert_string_equal(form_text(&f, FORM_QUOTE), "中院士专心");
	/* a paste with Enter, Tab, Esc, C-c, C-s inside: text only */
	int r = feed(&f, "\x1b[200~第一\r\n\t第二" ESC CC CS "\r\n\x1b[201~");
	assert_int_equal(r, FORM_CONTINUE);
	assert_int_equal(f.field, FORM_QUOTE);
	assert_string_equal(form_text(&f, FORM_QUOTE), "中院士专心第一 第二");
	/* a paste on the kind field changes nothing */
	feed(&f, TAB TAB);
	assert_int_equal(f.field, FORM_KIND);
	feed(&f, "\x1b[200~f d\x1b[201~");
	assert_int_equal(form_kind(&f), ANCHOR_QUERY);
	/* M-b (Alt) moves by words in the field, and is no cancel */
	feed(&f, TAB);
	feed(&f, "ab cd" ESC "b" "X");
	assert_string_equal(form_text(&f, FORM_QUOTE), "中院士专心第一 第二ab Xcd");
	form_free(&f);
}

static void test_save_cancel(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, ANCHOR_REPLACE, "c27:5", "院仕", NULL, NULL);
	/* 改 without a fix: refused, the fix field focused, a message */
	assert_int_equal(feed(&f, CS), FORM_CONTINUE);
	assert_int_equal(f.field, FORM_FIX);
	assert_true(f.msg[0] != '\0');
	feed(&f, "院士");
	assert_string_equal(f.msg, ""); /* cleared by the next key */
	assert_int_equal(feed(&f, "\x18"), FORM_SAVE); /* C-x */
	assert_string_equal(form_text(&f, FORM_QUOTE), "院仕");
	assert_string_equal(form_text(&f, FORM_FIX), "院士");
	assert_string_equal(form_text(&f, FORM_REMARK), "");
	/* Enter on the last field saves */
	feed(&f, TAB);
	assert_int_equal(f.field, FORM_REMARK);
	assert_int_equal(feed(&f, "错字\r"), FORM_SAVE);
	assert_string_equal(form_text(&f, FORM_REMARK), "错字");
	/* Esc and C-c cancel */
	assert_int_equal(feed(&f, ESC), FORM_CANCEL);
	assert_int_equal(feed(&f, CC), FORM_CANCEL);
	form_free(&f);
	/* 删 needs a quote; 疑 a quote or a remark; 增 a fix */
	form_init(&f, ANCHOR_DELETE, "c27:5", NULL, NULL, "x");
	assert_int_equal(feed(&f, CS), FORM_CONTINUE);
	assert_int_equal(f.field, FORM_QUOTE);
	feed(&f, "多余");
	assert_int_equal(feed(&f, CS), FORM_SAVE);
	assert_ptr_equal(form_text(&f, FORM_FIX), NULL);
	form_free(&f);
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	feed(&f, "  "); /* blanks are not a quote */
	assert_int_equal(feed(&f, CS), FORM_CONTINUE);
	assert_int_equal(f.field, FORM_REMARK);
	feed(&f, "这里？");
	assert_int_equal(feed(&f, CS), FORM_SAVE);
	form_free(&f);
	form_init(&f, ANCHOR_INSERT, "c27:5", "院士", NULL, NULL);
	assert_int_equal(feed(&f, CS), FORM_CONTINUE);
	assert_int_equal(f.field, FORM_FIX);
	feed(&f, "们");
	assert_int_equal(feed(&f, CS), FORM_SAVE);
	form_free(&f);
}

/* The draft: fields joined by US, restored the same; empty or untouched
 * forms have none; a kept draft offered back asks first. */
static void test_draft(void **state)
{
	(void)state;
	struct form f, g;
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	assert_string_equal(form_draft(&f), "");
	feed(&f, "院仕" TAB "笔误");
	feed(&f, TAB "f"); /* kind 改: the fix shown, focus stays on the kind */
	key(&f, INK_DOWN);
	key(&f, INK_DOWN);
	feed(&f, "院士");
	assert_string_equal(form_draft(&f), "改\x1f院仕\x1f院士\x1f笔误");
	form_init(&g, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	assert_int_equal(form_restore(&g, form_draft(&f)), 0);
	assert_int_equal(form_kind(&g), ANCHOR_REPLACE);
	assert_string_equal(form_text(&g, FORM_QUOTE), "院仕");
	assert_string_equal(form_text(&g, FORM_FIX), "院士");
	assert_string_equal(form_text(&g, FORM_REMARK), "笔误");
	assert_string_equal(form_draft(&g), form_draft(&f));
	/* malformed drafts change nothing */
	assert_int_equal(form_restore(&g, "改\x1f" "a"), -1);
	assert_int_equal(form_restore(&g, "x\x1f" "a\x1f" "b\x1f" "c"), -1);
	assert_int_equal(form_restore(&g, "疑\x1f" "a\x1f" "b\x1f" "c\x1f" "d"), -1);
	assert_string_equal(form_text(&g, FORM_QUOTE), "院仕");
	/* the ASCII alias is read too; the fix is kept for a kind without one */
	assert_int_equal(form_restore(&g, "query\x1fq\x1f" "fx\x1fr"), 0);
	assert_int_equal(form_kind(&g), ANCHOR_QUERY);
	assert_string_equal(form_draft(&g), "疑\x1fq\x1f" "fx\x1fr");
	form_free(&g);
	/* emptied again: no draft (saving "" removes the kept one) */
	feed(&f, "\x15" TAB "\x15" TAB TAB "\x15"); /* C-u in each field */
	assert_int_equal(form_empty(&f), 1);
	assert_string_equal(form_draft(&f), "");
	form_free(&f);
	/* an edit left as it was: no draft */
	form_init(&f, ANCHOR_REPLACE, "c27:5", "a", "b", "c");
	assert_string_equal(form_draft(&f), "");
	feed(&f, "\x1b[B" "x"); /* Down to the quote, type */
	assert_string_equal(form_draft(&f), "改\x1f" "ax\x1f" "b\x1f" "c");
	form_free(&f);
	/* offered back: y restores it; until answered, it is the draft */
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	form_offer(&f, "删\x1f多余\x1f\x1f");
	assert_int_equal(f.asking, 1);
	assert_string_equal(form_draft(&f), "删\x1f多余\x1f\x1f");
	feed(&f, "x" TAB "\x1b[200~paste\x1b[201~"); /* no answer: nothing typed */
	assert_int_equal(f.asking, 1);
	assert_string_equal(form_text(&f, FORM_QUOTE), "");
	feed(&f, "y");
	assert_int_equal(f.asking, 0);
	assert_int_equal(form_kind(&f), ANCHOR_DELETE);
	assert_string_equal(form_text(&f, FORM_QUOTE), "多余");
	form_free(&f);
	/* n drops it: the form as opened, and a save is due (it removes the kept one) */
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	form_offer(&f, "删\x1f多余\x1f\x1f");
	feed(&f, "n");
	assert_int_equal(f.asking, 0);
	assert_string_equal(form_text(&f, FORM_QUOTE), "");
	assert_true(form_draft_due(&f, 5000));
	assert_string_equal(form_draft(&f), "");
	form_free(&f);
	/* Esc while asked: cancel, the kept draft still the draft */
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	form_offer(&f, "疑\x1f" "a\x1f\x1f");
	assert_int_equal(feed(&f, ESC), FORM_CANCEL);
	assert_string_equal(form_draft(&f), "疑\x1f" "a\x1f\x1f");
	form_offer(&f, "junk"); /* a malformed one is not offered */
	form_free(&f);
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	form_offer(&f, "junk");
	assert_int_equal(f.asking, 0);
	form_free(&f);
}

/* Saved at most once a second while typing; the last keys within one. */
static void test_draft_timer(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	long long t = 100000;
	assert_false(form_draft_due(&f, t));
	assert_int_equal(form_draft_wait(&f, t), -1);
	feed(&f, "院");
	assert_true(form_draft_due(&f, t)); /* the first change: at once */
	form_draft_saved(&f, t);
	assert_false(form_draft_due(&f, t));
	feed(&f, "士");
	assert_false(form_draft_due(&f, t + 400)); /* not twice within a second */
	assert_int_equal(form_draft_wait(&f, t + 400), 600);
	assert_true(form_draft_due(&f, t + FORM_DRAFT_MS));
	assert_int_equal(form_draft_wait(&f, t + 2000), 0);
	form_draft_saved(&f, t + 1000);
	assert_int_equal(form_draft_wait(&f, t + 1000), -1);
	/* moving between fields is no change */
	feed(&f, TAB "\x1b[A");
	assert_false(form_draft_due(&f, t + 5000));
	form_free(&f);
}

/* Random events: the focused field is always one shown, and every draft
 * restores to the same draft. */
static void test_random(void **state)
{
	(void)state;
	static const char *const bits[] = {"a", "院", "\xcc\x81", " ", "\t", "\r", "\x7f", "\x1b[A", "\x1b[B",
					   "\x1b[C", "\x1b[D", "\x1b[Z", "\x15", "\x17", "\x19", "\x14", "f", "d", "i",
					   "q", "\x1b[200~x\ny\x1b[201~", "\x1b" "b", "\x13", "\x1b[3~"};
	struct form f, g;
	form_init(&f, ANCHOR_QUERY, "c1:1", NULL, NULL, NULL);
	unsigned int seed = 7;
	for (int step = 0; step < 5000; step++) {
		seed = seed * 1103515245u + 12345u;
		feed(&f, bits[(seed >> 16) % (sizeof bits / sizeof *bits)]);
		assert_true(f.field >= 0 && f.field < FORM_NFIELDS);
		assert_true(f.field != FORM_FIX || form_has_fix(form_kind(&f)));
		const char *d = form_draft(&f);
		if (*d) {
			form_init(&g, ANCHOR_QUERY, "c1:1", NULL, NULL, NULL);
			assert_int_equal(form_restore(&g, d), 0);
			char *copy = strdup(d);
			assert_string_equal(form_draft(&g), copy);
			free(copy);
			form_free(&g);
		}
	}
	form_free(&f);
}

/* A long remark scrolled in a 20-column field: C-e then C-b keeps the part
 * shown (it used to be re-windowed around the cursor on each key, the text
 * after it never in view); C-a goes back to the start. */
static void test_scroll(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	feed(&f, TAB); /* the remark (no fix field for 疑) */
	assert_int_equal(f.field, FORM_REMARK);
	feed(&f, "abcdefghijklmnopqrstuvwxyz0123456789");
	form_scroll(&f, 20);
	size_t end_first = f.first[FORM_REMARK];
	assert_int_equal(end_first, 36 - 19); /* the last 19 and the cursor's cell */
	for (int k = 0; k < 10; k++) {
		feed(&f, "\x02"); /* C-b */
		form_scroll(&f, 20);
		assert_int_equal(f.first[FORM_REMARK], end_first);
	}
	size_t nb;
	int col;
	size_t off = eb_view(&f.text[FORM_REMARK], f.first[FORM_REMARK], 20, &nb, &col);
	assert_int_equal(col, 9);
	assert_int_equal(nb, 19); /* what follows the cursor is shown too */
	assert_memory_equal(form_text(&f, FORM_REMARK) + off, "rstuvwxyz0123456789", 19);
	feed(&f, "\x01"); /* C-a */
	form_scroll(&f, 20);
	assert_int_equal(f.first[FORM_REMARK], 0);
	form_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_fields),
		cmocka_unit_test(test_typing_and_paste),
		cmocka_unit_test(test_save_cancel),
		cmocka_unit_test(test_draft),
		cmocka_unit_test(test_draft_timer),
		cmocka_unit_test(test_random),
		cmocka_unit_test(test_scroll),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
