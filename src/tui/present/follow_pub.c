/* follow_pub.c — the presenting side of `anli present --follow`: the
 * presentation's hook (present.h) publishes where it is on the socket of
 * follow.h, so that a presenter view in another login can follow. */
#include "anli/follow.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/present.h"
#include "anli/view.h"

#include "pres.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct tui_pub {
	struct follow_server *srv;
	const struct model *m;
};

/* The presenter's state as follow.h carries it. */
static void fill(const struct tui_pub *pub, const struct present_info *in, struct follow_state *s)
{
	memset(s, 0, sizeof *s);
	size_t n = 0;
	for (int k = 0; k < in->deck->nitems; k++) {
		const char *id = pub->m->items[in->model_items[k]].id;
		size_t l = strlen(id);
		if (n + l + 2 >= sizeof s->deck)
			break; /* too many items for one line: follow_format refuses nothing, the tail is cut */
		if (k)
			s->deck[n++] = ',';
		memcpy(s->deck + n, id, l);
		n += l;
	}
	s->deck[n] = '\0';
	s->cols = in->deck->width;
	s->rows = in->deck->height;
	s->footer = in->deck->footer_rows;
	s->ambi = lay_ambiwidth();
	s->slide = in->slide + 1;
	s->total = in->deck->nslides;
	s->step = in->step;
	s->elapsed = (long)in->elapsed_ms;
	s->duration = in->duration;
	s->paused = in->paused;
	s->blank = in->blank;
}

static void changed(void *ctx, const struct present_info *in)
{
	struct tui_pub *pub = ctx;
	if (in->ended || in->deck->nslides <= 0)
		return; /* the end: follow_close hangs up, which followers see */
	struct follow_state s;
	fill(pub, in, &s);
	follow_publish(pub->srv, &s);
}

static void tick(void *ctx, const struct present_info *in)
{
	struct tui_pub *pub = ctx;
	follow_tick(pub->srv);
}

struct tui_pub *tui_publish_begin(struct app *a)
{
	struct anli_err err;
	struct follow_server *srv = follow_listen(&err);
	if (!srv) {
		/* the presentation goes on without followers, and says why */
		snprintf(a->message, sizeof a->message, _("no presenter view: %s"), err.msg);
		present_set_hook(NULL);
		return NULL;
	}
	/* killed (C-c, TERM, HUP), the socket goes too */
	term_unlink_on_signal(follow_server_path(srv));
	struct tui_pub *pub = xcalloc(1, sizeof *pub);
	pub->srv = srv;
	pub->m = a->m;
	/* new followers are taken in within a quarter second */
	struct present_hook h = {pub, changed, tick, 250};
	present_set_hook(&h);
	return pub;
}

void tui_publish_end(struct tui_pub *pub)
{
	present_set_hook(NULL);
	if (!pub)
		return;
	term_unlink_on_signal(NULL);
	follow_close(pub->srv);
	free(pub);
}
