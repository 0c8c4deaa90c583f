/* pres.h — the presentation view's state (src/tui only), shared by its
 * loop and keys (present.c) and its drawing (views/present.c).  The pure
 * pagination is slides.h's; this is what the screen adds: the current
 * slide, the step reveal, the number typed, the index, blanking, the
 * footer and its timer. */
#ifndef ANLI_TUI_PRES_H
#define ANLI_TUI_PRES_H

#include "anli/bigtitle.h"
#include "anli/listview.h"
#include "anli/present.h"
#include "anli/slides.h"

struct app;

struct pres {
	struct app *a;             /* model, screen size, colour, help, message */
	int from_reader;           /* entered with P: q goes back to the reader */
	int nitems;
	int *items;                /* per deck item: its model item index */
	struct present_src src;    /* the items read (present_load); the three below point into it */
	struct model_block **blocks;
	int *nblocks;
	struct slides_item *si;
	struct deck deck;
	int built, bw, bh, bfooter, bamb; /* the deck was laid out for this screen */
	int slide;                 /* the current slide */
	int step;                  /* step reveal: groups 0..step shown; -1: the whole slide */
	int step_mode;             /* s, --step */
	int footer;                /* f: the footer wanted */
	int blank;                 /* . B: the screen blanked until a key */
	int index_shown;           /* Tab: the index of slides */
	struct listview index;
	long long typed;           /* digits typed before Enter or G (ndigits of them) */
	int ndigits;
	/* the position kept across relayouts: the current slide's start */
	int at_item, at_block;
	size_t at_off;
	/* the timer: elapsed = (paused ? paused_at : now) - t0 */
	long long t0, paused_at;
	int paused, duration;
	/* --big-titles (bigtitle.h): the method, and the replies while asking */
	int big;                   /* enum bt_method */
	int bt_asking;             /* BT_QUERY sent: replies taken until bt_deadline */
	long long bt_deadline;
	struct bt_replies bt;
	struct present_hook hook;  /* copied at the start (present_set_hook) */
	int changed;               /* report to the hook after this frame */
	int quit;
};

/* present.c */
long long pres_now_ms(void);
/* Load the blocks and strings of the model's items[0..n) into p (p->a set)
 * for slides_build.  Returns 0, or -1 with the error in p->a->message. */
int pres_load(struct pres *p, const int *items, int n);
/* Free what pres_load and the deck hold. */
void pres_unload(struct pres *p);
/* follow_pub.c: publish the presentations that follow on the socket of
 * follow.h (sets the hook); NULL, with a->message saying why, when the
 * socket cannot be made (the presentation goes on).  end: the hook unset,
 * followers hung up, the socket removed; NULL is ignored. */
struct tui_pub;
struct tui_pub *tui_publish_begin(struct app *a);
void tui_publish_end(struct tui_pub *pub);
/* follow_view.c: the presenter view (anli present --follow [PID]). */
struct present_opts;
int tui_follow(const char *db_path, int ambiwidth, const struct present_opts *po);
/* views/present.c: the attribute a slide line of `role` is drawn in. */
int pres_role_attr(const struct app *a, int role);
/* views/present.c: the attribute of the timer's text at `urgency`
 * (present_timer_text's): bold in the last minutes, over time reversed
 * too, red as well with colours.  The presentation's and the follower's. */
int pres_timer_attr(const struct app *a, int urgency);
long long pres_elapsed(const struct pres *p);
/* views/present.c: a frame of the presentation (slide, footer, index,
 * help) into the virtual screen and out (doupdate).  Changes no state. */
void pres_draw(const struct pres *p);
/* The section heading of slide s's section (its block's text), or NULL. */
const char *pres_section_name(const struct pres *p, int s);

#endif
