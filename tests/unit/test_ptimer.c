/* test_ptimer.c — the presentation's timer text: elapsed, countdown, the
 * last two minutes, over time. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/present.h"

static void check(long long ms, int duration, const char *want, int want_urg)
{
	char b[32];
	int urg = -1;
	present_timer_text(ms, duration, b, sizeof b, &urg);
	assert_string_equal(b, want);
	assert_int_equal(urg, want_urg);
}

static void test_elapsed(void **state)
{
	(void)state;
	check(0, 0, "00:00", 0);
	check(999, 0, "00:00", 0);
	check(1000, 0, "00:01", 0);
	check(83 * 1000 + 500, 0, "01:23", 0);
	check(3599LL * 1000, 0, "59:59", 0);
	check(3600LL * 1000 + 62000, 0, "1:01:02", 0);
	check(-5, 0, "00:00", 0);
}

static void test_countdown(void **state)
{
	(void)state;
	check(0, 20 * 60, "20:00", 0);
	check(1, 20 * 60, "20:00", 0);                 /* rounds up: 00:00 only when it is up */
	check((20 * 60 - 121) * 1000LL, 20 * 60, "02:01", 0);
	check((20 * 60 - 120) * 1000LL, 20 * 60, "02:00", 1); /* the last 2 minutes */
	check((20 * 60 - 1) * 1000LL + 1, 20 * 60, "00:01", 1);
	check(20 * 60 * 1000LL, 20 * 60, "00:00", 1);
	check(20 * 60 * 1000LL + 1, 20 * 60, "-00:00", 2); /* over time */
	check((20 * 60 + 83) * 1000LL, 20 * 60, "-01:23", 2);
	check(90 * 1000LL, 90, "00:00", 1);
	check(0, 90, "01:30", 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_elapsed),
		cmocka_unit_test(test_countdown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
