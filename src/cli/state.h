/* state.h — private to the state commands (src/cli/state.c, mark.c,
 * bookmarks.c, progress.c, doctor.c).  Errors are printed (cli_error) and
 * reported as CLI_* codes. */
#ifndef ANLI_CLI_STATE_H
#define ANLI_CLI_STATE_H

#include "anli/addr.h"
#include "anli/model.h"
#include "anli/user.h"

struct opts;

/* The blocks of each item, read once when first needed. */
struct state_cache {
	struct model *m;
	struct model_block **b;
	int *nb;
	char *tried;
};

/* What a bookmark (or any state on a block) is in today's book. */
struct state_place {
	int item;          /* -1: the item is gone */
	int block;         /* -1: the block is gone */
	struct sbuf addr;  /* "c27:5" or the block id; empty when gone */
	struct sbuf cite;  /* "工作成效 第3段" */
	struct sbuf words; /* the first words */
};

/* Open the state file as --state, $ANLI_STATE or the default say; what
 * user_open has to say is printed on stderr.  Never NULL. */
struct user *state_open(const struct opts *o);
/* The book's fingerprint, "" when it cannot be read (said on stderr). */
void state_fingerprint(struct model *m, char fp[17]);
/* ID:N or a block id to an address; CLI_OK, CLI_NOTFOUND or CLI_ERROR (said). */
int state_resolve(struct model *m, const char *key, struct model_addr *a);
/* An item index by its id as stored, or -1. */
int state_item_index(const struct model *m, const char *id);
/* Seconds since the epoch as 2026-11-29T20:15:56Z. */
void state_iso_time(char *buf, size_t size, long long t);
void state_cache_init(struct state_cache *c, struct model *m);
/* The blocks of item i, or -1 (the error said on stderr). */
int state_cache_get(struct state_cache *c, int i, const struct model_block **b, int *nb);
void state_cache_free(struct state_cache *c);
/* Where a block is today: -1 on a database error; p->item or p->block -1
 * when gone.  Release with state_place_free. */
int state_place_of(struct state_cache *c, const char *item_id, const char *block_id, struct state_place *p);
void state_place_free(struct state_place *p);

#endif
