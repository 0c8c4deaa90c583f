/* test_keys.c — the action table: every action named once, with help and
 * a default key; no key bound twice; lookups of keys and decoded events;
 * rebinding; key names for the help. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/keys.h"

#include <string.h>

static void test_table(void **state)
{
	(void)state;
	int n;
	const struct action *a = keys_actions(&n);
	assert_true(n > 20);
	for (int i = 0; i < n; i++) {
		assert_non_null(a[i].name);
		assert_non_null(a[i].help);
		assert_true(a[i].help[0] != '\0');
		assert_true(a[i].keys[0] != 0);
		for (int j = 0; j < i; j++) {
			assert_string_not_equal(a[i].name, a[j].name);
			assert_int_not_equal(a[i].req, a[j].req);
			/* no key twice in one mode: the reader's, the presentation's */
			if ((a[i].group == KG_PRESENT) != (a[j].group == KG_PRESENT))
				continue;
			for (int k = 0; k < KEYS_MAX && a[i].keys[k]; k++)
				for (int l = 0; l < KEYS_MAX && a[j].keys[l]; l++)
					assert_int_not_equal(a[i].keys[k], a[j].keys[l]);
		}
		/* each default key finds its action, in its mode */
		for (int k = 0; k < KEYS_MAX && a[i].keys[k]; k++)
			assert_int_equal(a[i].group == KG_PRESENT ? keys_lookup_present(a[i].keys[k]) : keys_lookup(a[i].keys[k]),
					 a[i].req);
	}
}

static void test_lookup(void **state)
{
	(void)state;
	assert_int_equal(keys_lookup('j'), REQ_DOWN);
	assert_int_equal(keys_lookup(KEYC(INK_DOWN)), REQ_DOWN);
	assert_int_equal(keys_lookup('q'), REQ_QUIT);
	assert_int_equal(keys_lookup(KEYC(INK_ESC)), REQ_ESCAPE);
	assert_int_equal(keys_lookup('X'), REQ_OTHER);
	assert_int_equal(keys_lookup(0xFFFD), REQ_OTHER); /* an invalid byte does nothing */
	struct in_event ev = {.kind = IN_CHAR, .cp = '\n'};
	assert_int_equal(keys_lookup(keys_of_event(&ev)), REQ_ENTER); /* LF is Enter */
	ev = (struct in_event){.kind = IN_KEY, .key = INK_PGDN};
	assert_int_equal(keys_lookup(keys_of_event(&ev)), REQ_PAGE_DOWN);
	/* the presentation's map: the reader's keys, other actions */
	assert_int_equal(keys_lookup_present(' '), REQ_SLIDE_NEXT);
	assert_int_equal(keys_lookup_present('b'), REQ_SLIDE_PREV);
	assert_int_equal(keys_lookup_present('t'), REQ_SLIDE_TIMER);
	assert_int_equal(keys_lookup('t'), REQ_TOGGLE_TREE);
	assert_int_equal(keys_lookup_present(KEYC(INK_ESC)), REQ_SLIDE_QUIT);
	assert_int_equal(keys_lookup_present(KEY_CTRL('l')), REQ_REDRAW); /* the reader's redraw works there too */
	assert_int_equal(keys_lookup_present('/'), REQ_OTHER);            /* not its search */
	assert_int_equal(keys_lookup('P'), REQ_PRESENT);
	ev = (struct in_event){.kind = IN_MOUSE};
	assert_int_equal(keys_of_event(&ev), -1);
}

static void test_bind_and_names(void **state)
{
	(void)state;
	assert_int_equal(keys_bind('X', "quit"), 0);
	assert_int_equal(keys_lookup('X'), REQ_QUIT);
	assert_int_equal(keys_bind('q', "help"), 0); /* a key's old binding is replaced */
	assert_int_equal(keys_lookup('q'), REQ_HELP);
	assert_int_equal(keys_bind('y', "no-such-action"), -1);
	/* rebinding in one mode leaves the other's binding of the key */
	assert_int_equal(keys_bind('x', "blank"), 0);
	assert_int_equal(keys_lookup_present('x'), REQ_SLIDE_BLANK);
	assert_int_equal(keys_lookup('x'), REQ_NOTE_RESOLVE); /* the reader's x: resolve a note */
	int keys[KEYS_MAX];
	int n = keys_for(REQ_QUIT, keys, KEYS_MAX);
	assert_int_equal(n, 1);
	assert_int_equal(keys[0], 'X');
	char b[16];
	assert_string_equal(keys_name(' ', b, sizeof b), "Space");
	assert_string_equal(keys_name(KEY_CTRL('l'), b, sizeof b), "C-l");
	assert_string_equal(keys_name(KEYC(INK_PGUP), b, sizeof b), "PgUp");
	assert_string_equal(keys_name(KEYC(INK_F1 + 4), b, sizeof b), "F5");
	assert_string_equal(keys_name('/', b, sizeof b), "/");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_lookup),
		cmocka_unit_test(test_bind_and_names),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
