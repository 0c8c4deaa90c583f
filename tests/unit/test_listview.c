/* test_listview.c — the list behaviour shared by the tree, list and
 * results panes: movement, paging, keeping the selection visible, clicks,
 * the wheel, group rows that are never selected, empty lists. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/listview.h"

static void test_move(void **state)
{
	(void)state;
	struct listview lv = {.per = 1};
	lv_reset(&lv, 10, NULL, 0);
	assert_int_equal(lv.sel, 0);
	assert_true(lv_move(&lv, REQ_UP, 5));
	assert_int_equal(lv.sel, 0);
	lv_move(&lv, REQ_DOWN, 5);
	assert_int_equal(lv.sel, 1);
	lv_move(&lv, REQ_PAGE_DOWN, 5);
	assert_int_equal(lv.sel, 6);
	lv_move(&lv, REQ_PAGE_DOWN, 5);
	assert_int_equal(lv.sel, 9);
	lv_move(&lv, REQ_HOME, 5);
	assert_int_equal(lv.sel, 0);
	lv_move(&lv, REQ_END, 5);
	assert_int_equal(lv.sel, 9);
	assert_false(lv_move(&lv, REQ_ENTER, 5));
	/* two rows per entry: a page of 10 rows is 5 entries */
	lv.per = 2;
	lv_move(&lv, REQ_HOME, 10);
	lv_move(&lv, REQ_PAGE_DOWN, 10);
	assert_int_equal(lv.sel, 5);
}

static void test_visible_and_click(void **state)
{
	(void)state;
	struct listview lv = {.per = 2};
	lv_reset(&lv, 20, NULL, 0);
	lv_select(&lv, 12);
	lv_keep_visible(&lv, 10); /* 5 entries shown */
	assert_int_equal(lv.top, 8);
	assert_int_equal(lv_at(&lv, 0), 8);
	assert_int_equal(lv_at(&lv, 9), 12);
	assert_int_equal(lv_at(&lv, -1), -1);
	lv_select(&lv, 3);
	lv_keep_visible(&lv, 10);
	assert_int_equal(lv.top, 3);
	/* the screen grew: no empty space below the last entry */
	lv_select(&lv, 19);
	lv_keep_visible(&lv, 10);
	lv_keep_visible(&lv, 30);
	assert_int_equal(lv.top, 5);
	assert_int_equal(lv_at(&lv, 100), -1);
	lv_wheel(&lv, -1);
	assert_int_equal(lv.sel, 18);
	lv_wheel(&lv, 1);
	lv_wheel(&lv, 1);
	assert_int_equal(lv.sel, 19);
}

/* Group rows are shown, never selected, and come into view with the entry
 * under them. */
static void test_groups(void **state)
{
	(void)state;
	static const unsigned char g[] = {1, 0, 0, 1, 0, 1, 1, 0};
	struct listview lv = {.per = 1};
	lv_reset(&lv, 8, g, 0);
	assert_int_equal(lv.sel, 1);
	lv_move(&lv, REQ_DOWN, 3);
	assert_int_equal(lv.sel, 2);
	lv_move(&lv, REQ_DOWN, 3);
	assert_int_equal(lv.sel, 4);
	lv_move(&lv, REQ_DOWN, 3);
	assert_int_equal(lv.sel, 7);
	lv_move(&lv, REQ_DOWN, 3);
	assert_int_equal(lv.sel, 7);
	lv_move(&lv, REQ_HOME, 3);
	assert_int_equal(lv.sel, 1);
	lv_move(&lv, REQ_END, 3);
	assert_int_equal(lv.sel, 7);
	lv_move(&lv, REQ_UP, 3);
	assert_int_equal(lv.sel, 4);
	lv.top = 5;
	lv_keep_visible(&lv, 3);
	assert_int_equal(lv.top, 3); /* the group row above the selection shows too */
	lv_select(&lv, 0);
	assert_int_equal(lv.sel, 1);
	assert_false(lv_selectable(&lv, 0));
	assert_true(lv_selectable(&lv, 1));
}

static void test_empty(void **state)
{
	(void)state;
	struct listview lv = {.per = 1};
	lv_reset(&lv, 0, NULL, 0);
	assert_int_equal(lv.sel, -1);
	assert_true(lv_move(&lv, REQ_DOWN, 5));
	assert_int_equal(lv.sel, -1);
	lv_move(&lv, REQ_END, 5);
	assert_int_equal(lv.sel, -1);
	lv_keep_visible(&lv, 5);
	assert_int_equal(lv.top, 0);
	assert_int_equal(lv_at(&lv, 0), -1);
	lv_wheel(&lv, 1);
	assert_int_equal(lv.sel, -1);
	/* only group rows: nothing selectable */
	static const unsigned char g[] = {1, 1};
	lv_reset(&lv, 2, g, 0);
	assert_int_equal(lv.sel, -1);
	lv_move(&lv, REQ_DOWN, 5);
	assert_int_equal(lv.sel, -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_move),
		cmocka_unit_test(test_visible_and_click),
		cmocka_unit_test(test_groups),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
