/* state.c — what the commands of the per-user state file share (mark.c,
 * bookmarks.c, progress.c, doctor.c; state.h): opening it, resolving
 * addresses, times, the blocks of items read once, a block's place today.
 * src/user is the file; these are its command line. */
#include "cmd.h"
#include "state.h"

#include "anli/addr.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/msg.h"
#include "anli/out.h"
#include "anli/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* Open the state file as --state, $ANLI_STATE or the default say (a
 * read-only file for reading: USER_READ_ONLY, its writes fail); what
 * user_open has to say (no state, a damaged file moved aside) is printed
 * on stderr.  Never NULL. */
struct user *state_open(const struct opts *o)
{
	struct anli_err err, note;
	int def = 0;
	char *path = user_state_path(o->state, &def, &err);
	struct user *u = user_open(path, ANLI_VERSION, (def ? USER_MKDIR : 0) | USER_READ_ONLY, &note);
	if (!path)
		msg_error("anli", "%s", err.msg);
	else if (note.msg[0])
		msg_error("anli", "%s", note.msg);
	free(path);
	return u;
}

/* The book's fingerprint, "" when it cannot be read (said on stderr: the
 * state is still saved, without it). */
void state_fingerprint(struct model *m, char fp[17])
{
	struct anli_err err;
	if (model_fingerprint(m, fp, &err)) {
		cli_error("%s", err.msg);
		fp[0] = '\0';
	}
}

int state_resolve(struct model *m, const char *key, struct model_addr *a)
{
	struct anli_err err;
	int rc = model_addr_resolve(m, key, a, &err);
	if (rc == MODEL_ADDR_FOUND)
		return CLI_OK;
	cli_error("%s", err.msg);
	return rc == MODEL_ADDR_UNKNOWN ? CLI_NOTFOUND : CLI_ERROR;
}

/* An item index by its id as stored (exact, then as model_find takes it). */
int state_item_index(const struct model *m, const char *id)
{
	return *id ? model_find(m, id) : -1;
}

/* seconds since the epoch as 2026-11-29T20:15:56Z (TSV, JSON) */
void state_iso_time(char *buf, size_t size, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}


void state_cache_init(struct state_cache *c, struct model *m)
{
	c->m = m;
	c->b = xcalloc((size_t)m->nitems, sizeof *c->b);
	c->nb = xcalloc((size_t)m->nitems, sizeof *c->nb);
	c->tried = xcalloc((size_t)m->nitems, 1);
}

/* The blocks of item i, or -1 (the error said on stderr) */
int state_cache_get(struct state_cache *c, int i, const struct model_block **b, int *nb)
{
	if (!c->tried[i]) {
		struct anli_err err;
		c->tried[i] = 1;
		if (model_blocks(c->m, i, &c->b[i], &c->nb[i], &err)) {
			cli_error("%s", err.msg);
			c->b[i] = NULL;
			c->nb[i] = 0;
		}
	}
	*b = c->b[i];
	*nb = c->nb[i];
	return c->b[i] ? 0 : -1;
}

void state_cache_free(struct state_cache *c)
{
	for (int i = 0; i < c->m->nitems; i++)
		model_blocks_free(c->b[i], c->nb[i]);
	free(c->b);
	free(c->nb);
	free(c->tried);
}


int state_place_of(struct state_cache *c, const char *item_id, const char *block_id, struct state_place *p)
{
	p->item = state_item_index(c->m, item_id);
	p->block = -1;
	sbuf_init(&p->addr);
	sbuf_init(&p->cite);
	sbuf_init(&p->words);
	if (p->item < 0)
		return 0;
	const struct model_block *b;
	int nb;
	if (state_cache_get(c, p->item, &b, &nb))
		return -1;
	p->block = addr_block_index(b, nb, block_id);
	if (p->block < 0)
		return 0;
	int n = addr_para_number(b, nb, p->block);
	if (n)
		sbuf_printf(&p->addr, "%s:%d", c->m->items[p->item].id, n);
	else
		sbuf_adds(&p->addr, b[p->block].id);
	addr_cite(b, nb, p->block, &p->cite);
	const char *t = b[p->block].text;
	size_t cut = util_utf8_skip(t, 24);
	sbuf_addn(&p->words, t, cut);
	if (t[cut])
		sbuf_adds(&p->words, "…");
	return 0;
}

void state_place_free(struct state_place *p)
{
	sbuf_free(&p->addr);
	sbuf_free(&p->cite);
	sbuf_free(&p->words);
}
