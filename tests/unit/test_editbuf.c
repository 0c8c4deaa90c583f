/* test_editbuf.c — the prompt's edit buffer: contents, refusals, and the
 * work per keystroke bounded by what is shown (counted, not timed). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/editbuf.h"
#include "anli/layout.h"

#include <string.h>
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

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_edit),
		cmocka_unit_test(test_tail),
		cmocka_unit_test(test_linear),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
