/* present.h — the presentation view (src/tui/present/present.c, the loop and keys;
 * src/tui/views/present.c, the drawing): what other parts hook into.
 *
 * The view reports every change to one hook (for the presenter view of
 * `anli present --follow`, whose publisher sets it): the deck as laid out
 * on this screen, the current slide, the step reveal, the timer.  The hook
 * runs in the presenting process's loop and must never block it (write to
 * non-blocking sockets, drop a follower that cannot keep up). */
#ifndef ANLI_PRESENT_H
#define ANLI_PRESENT_H

#include "anli/slides.h"

struct present_info {
	const struct deck *deck;          /* laid out for this screen (rebuilt on resize; valid until the next call) */
	const struct slides_item *items;  /* the deck's items (deck->nitems), their blocks */
	const int *model_items;           /* per deck item: its index in the model's items */
	int slide;                        /* the current slide, 0 .. deck->nslides - 1 */
	int step;                         /* step reveal: groups 0..step of the slide shown; -1: all */
	long long elapsed_ms;             /* the timer: time presented (pauses excluded, reset by T) */
	int duration;                     /* --duration in seconds (a countdown), 0: counting up */
	int paused;                       /* the timer is paused */
	int blank;                        /* the screen is blanked (. or B) */
	int ended;                        /* the presentation is over (the last call) */
};

struct present_hook {
	void *ctx;
	/* After every change of slide, step, timer state, blanking or layout,
	 * once at the start and once at the end (info->ended). */
	void (*changed)(void *ctx, const struct present_info *info);
	/* Once per turn of the loop, at least every tick_ms (> 0) while the
	 * presentation runs: non-blocking work (accepting followers). */
	void (*tick)(void *ctx, const struct present_info *info);
	int tick_ms;
};

/* The hook the next presentations report to (copied; NULL: none).  The
 * publisher of --follow sets it before tui_present or P starts one. */
void present_set_hook(const struct present_hook *h);

/* The timer's text: elapsed MM:SS (H:MM:SS from an hour), or with a
 * duration the time left, "-MM:SS" once over.  *urgency: 0 normal, 1 in
 * the last 2 minutes of a countdown, 2 over time.  Pure (unit-tested). */
void present_timer_text(long long elapsed_ms, int duration, char *buf, size_t size, int *urgency);

#endif
