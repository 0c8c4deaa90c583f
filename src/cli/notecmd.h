/* notecmd.h — private to the notes commands (src/cli/notes.c,
 * notes_common.c, notes_export.c, notes_show.c).  Errors are printed (cli_error) and reported as CLI_* codes. */
#ifndef ANLI_CLI_NOTECMD_H
#define ANLI_CLI_NOTECMD_H

#include "state.h"

#include "anli/notes.h"

struct opts;

/* Open the notes: --notes PATH or $ANLI_NOTES (a shared file, USER_SHARED),
 * else the state file as the other state commands do; what user_open has
 * to say is printed.  NULL (said) when notes cannot be kept there. */
struct user *notecmd_open(const struct opts *o);

/* Bring the derived fields of every note up to date with the book
 * (notes_resolve against its fingerprint): CLI_OK or CLI_ERROR (said). */
int notecmd_resolve(struct user *u, struct model *m);

/* A note's anchor in today's book. */
enum { NOTE_FIELD_NONE, NOTE_FIELD_TITLE, NOTE_FIELD_SUBTITLE, NOTE_FIELD_BYLINE };
struct notecmd_anchor {
	int item;        /* index into m->items, -1: gone */
	int block;       /* index into the item's blocks, -1: a field or gone */
	int field;       /* NOTE_FIELD_*: the anchor is an item's field */
	const struct model_block *b; /* the item's blocks (the cache's) */
	int nb;
	const char *text; /* the anchor's text (the block's, or the field's): NULL when gone */
	struct sbuf field_text; /* a byline's text */
	char id[USER_ID_MAX]; /* "c27:p3771", "c27:title" */
};

/* Where anchor_id ("c27:p3771", "c27:title") of item_id is today: 0 (a->text
 * NULL when it is gone), -1 on a database error (said).  Release with
 * notecmd_anchor_free. */
int notecmd_anchor_at(struct state_cache *c, const char *item_id, const char *anchor_id, struct notecmd_anchor *a);
/* The same from what a user typed: ID:N, a block id, ID:title|subtitle|
 * byline.  CLI_OK, CLI_NOTFOUND or CLI_ERROR (said); *a may be freed
 * either way. */
int notecmd_anchor_parse(struct state_cache *c, const char *key, struct notecmd_anchor *a);
void notecmd_anchor_free(struct notecmd_anchor *a);

/* What edit and attach work on: the book, the notes, the item cache and
 * an anchor (empty).  notecmd_begin: CLI_OK, or CLI_ERROR (said) with
 * nothing left open; notecmd_end releases all of it. */
struct notecmd_ctx {
	struct model *m;
	struct user *u;
	struct state_cache c;
	struct notecmd_anchor a;
};
int notecmd_begin(const struct opts *o, struct notecmd_ctx *x);
void notecmd_end(struct notecmd_ctx *x);

/* Find quote q, as typed, in the anchor's text (anchor_find_typed) and fill
 * sel with the book's exact text there.  Several occurrences: o->occurrence
 * picks one, else an error lists them, numbered with their context.
 * CLI_OK, else the error said (CLI_NOTFOUND: not in the text). */
int notecmd_match_quote(const struct opts *o, const struct model *m, const struct notecmd_anchor *a, const char *q,
			struct anchor_sel *sel);
/* sel for a note on the whole anchor: every string "" (new), offset 0 */
void notecmd_sel_empty(struct anchor_sel *sel);

/* "c27:5" (a paragraph), the block id (another block), "c27:title" */
void notecmd_address(const struct model *m, const struct notecmd_anchor *a, struct sbuf *out);
/* "c27:5 工作成效 第3段": the citation stored with a note (notes.h cite) */
void notecmd_cite(const struct model *m, const struct notecmd_anchor *a, struct sbuf *out);

/* The export (notes_export.c) and `notes list`'s rows: the notes that pass
 * the filters of o (--status, --item, --chapter) in book order, orphans
 * last: *out (notes_free) of *n.  With `tombstones` deleted notes too. */
int notecmd_sorted(const struct opts *o, struct user *u, struct state_cache *c, int tombstones, struct note **out,
		   int *n);
int notecmd_export(const struct opts *o);
int notecmd_list(const struct opts *o);

#endif
