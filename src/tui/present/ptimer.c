/* ptimer.c — the presentation's timer text (see include/anli/present.h).
 * Pure: unit-tested in tests/unit/test_ptimer.c. */
#include "anli/present.h"

#include <stdio.h>

static void mmss(char *buf, size_t size, const char *sign, long long s)
{
	if (s >= 3600)
		snprintf(buf, size, "%s%lld:%02lld:%02lld", sign, s / 3600, s / 60 % 60, s % 60);
	else
		snprintf(buf, size, "%s%02lld:%02lld", sign, s / 60, s % 60);
}

void present_timer_text(long long elapsed_ms, int duration, char *buf, size_t size, int *urgency)
{
	int urg = 0;
	if (elapsed_ms < 0)
		elapsed_ms = 0;
	if (duration <= 0) {
		mmss(buf, size, "", elapsed_ms / 1000);
	} else {
		long long left = (long long)duration * 1000 - elapsed_ms;
		if (left > 0) {
			long long s = (left + 999) / 1000; /* 00:01 until the time is up */
			urg = s <= 120;
			mmss(buf, size, "", s);
		} else if (left == 0) {
			urg = 1;
			mmss(buf, size, "", 0);
		} else {
			urg = 2;
			mmss(buf, size, "-", -left / 1000);
		}
	}
	if (urgency)
		*urgency = urg;
}
