/* edithist.c — the line editor's history of the run (editbuf.h). */
#include "anli/editbuf.h"

#include "anli/util.h"

#include <stdlib.h>
#include <string.h>

void eb_hist_reset(struct eb_history *h)
{
	h->pos = h->n;
	free(h->draft);
	h->draft = NULL;
}

void eb_hist_add(struct eb_history *h, const char *line)
{
	if (*line && !(h->n && !strcmp(h->line[h->n - 1], line))) {
		if (h->n == h->cap) {
			h->cap = h->cap ? h->cap * 2 : 16;
			h->line = xrealloc(h->line, sizeof *h->line * (size_t)h->cap);
		}
		h->line[h->n++] = xstrdup(line);
	}
	eb_hist_reset(h);
}

int eb_hist_move(struct eb_history *h, struct editbuf *b, int dir)
{
	int to = h->pos + (dir < 0 ? -1 : 1);
	if (to < 0 || to > h->n)
		return -1;
	if (h->pos == h->n) { /* leaving what was being typed: kept */
		free(h->draft);
		h->draft = xstrdup(eb_str(b));
	}
	h->pos = to;
	eb_set(b, to == h->n ? (h->draft ? h->draft : "") : h->line[to]);
	return 0;
}

void eb_hist_free(struct eb_history *h)
{
	for (int i = 0; i < h->n; i++)
		free(h->line[i]);
	free(h->line);
	free(h->draft);
	memset(h, 0, sizeof *h);
}
