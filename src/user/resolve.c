/* resolve.c — notes_resolve (notes.h): every note not yet resolved
 * against this build of the book found again by anchor.h's cascade, in
 * one transaction that writes only the derived fields. */
#include "anli/notes.h"

#include "anli/addr.h"
#include "anli/i18n.h"
#include "anli/model.h"
#include "userdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* "title", "subtitle", "byline" when the anchor names an item's field
 * ("c27:title"), else NULL. */
static const char *field_of(const char *anchor_id)
{
	const char *c = strrchr(anchor_id, ':');
	if (c && (!strcmp(c + 1, "title") || !strcmp(c + 1, "subtitle") || !strcmp(c + 1, "byline")))
		return c + 1;
	return NULL;
}

static int item_index(const struct model *m, const char *id)
{
	for (int i = 0; i < m->nitems; i++)
		if (!strcmp(m->items[i].id, id))
			return i;
	return -1;
}

/* The blocks of the item the notes being resolved are on. */
struct item_text {
	char id[USER_ID_MAX];
	int index;              /* in m->items, -1 when this book has no such item */
	struct model_block *b;
	int nb;
	const char **text;      /* the blocks' texts, for anchor_resolve */
};

static void item_text_free(struct item_text *t)
{
	model_blocks_free(t->b, t->nb);
	free(t->text);
	memset(t, 0, sizeof *t);
	t->index = -1;
}

static int item_text_load(struct model *m, const char *id, struct item_text *t, struct anli_err *err)
{
	item_text_free(t);
	snprintf(t->id, sizeof t->id, "%s", id);
	t->index = item_index(m, id);
	if (t->index < 0)
		return 0;
	if (model_blocks(m, t->index, &t->b, &t->nb, err))
		return -1;
	t->text = xcalloc((size_t)t->nb, sizeof *t->text);
	for (int k = 0; k < t->nb; k++)
		t->text[k] = t->b[k].text;
	return 0;
}

/* Resolve n (derived fields only) against the item's text. */
static void resolve_one(const struct model *m, const struct item_text *t, struct note *n)
{
	const char *field = field_of(n->anchor_id);
	struct anchor_result r;
	struct sbuf ftext, cite;
	sbuf_init(&ftext);
	sbuf_init(&cite);
	const char *one[1] = {NULL};
	if (t->index < 0) {
		anchor_resolve(one, 0, -1, &n->sel, n->kind, n->fix, &r);
	} else if (field) {
		const struct model_item *it = &m->items[t->index];
		if (!strcmp(field, "title") && it->title)
			sbuf_adds(&ftext, it->title);
		else if (!strcmp(field, "subtitle") && it->subtitle)
			sbuf_adds(&ftext, it->subtitle);
		else if (!strcmp(field, "byline"))
			model_byline(it, &ftext);
		one[0] = ftext.s;
		anchor_resolve(one, ftext.len ? 1 : 0, ftext.len ? 0 : -1, &n->sel, n->kind, n->fix, &r);
	} else {
		anchor_resolve(t->text, t->nb, addr_block_index(t->b, t->nb, n->anchor_id), &n->sel, n->kind, n->fix, &r);
	}
	/* the offset and block of a moved quote are rewritten below, so that
	 * the next resolve finds it in place: it stays "moved" (until the
	 * user re-attaches it), or re-resolving would not be idempotent */
	n->anchor_state = r.state == ANCHOR_EXACT && n->anchor_state == ANCHOR_MOVED ? ANCHOR_MOVED : r.state;
	n->applied = r.applied;
	if (r.state == ANCHOR_ORPHANED) {
		/* kept as it was: the old anchor, quote, context and citation */
		sbuf_free(&ftext);
		sbuf_free(&cite);
		return;
	}
	const char *text = field ? ftext.s : t->text[r.block];
	if (*n->sel.quote) {
		struct anchor_sel s;
		if (anchor_make(text, r.start, anchor_cplen(n->sel.quote), &s) == 0) {
			anchor_sel_free(&n->sel);
			n->sel = s;
		} else {
			anchor_sel_free(&s);
		}
	}
	if (field) {
		sbuf_adds(&cite, n->anchor_id);
	} else {
		snprintf(n->anchor_id, sizeof n->anchor_id, "%s", t->b[r.block].id);
		int num = addr_para_number(t->b, t->nb, r.block);
		if (num > 0) {
			sbuf_printf(&cite, "%s:%d ", t->id, num);
			addr_cite(t->b, t->nb, r.block, &cite);
		} else {
			sbuf_adds(&cite, t->b[r.block].id);
		}
	}
	free(n->cite);
	n->cite = sbuf_take(&cite);
	sbuf_free(&ftext);
}

int notes_resolve(struct user *u, struct model *m, const char *fingerprint, int *changed, struct anli_err *err)
{
	if (changed)
		*changed = 0;
	if (!user_active(u))
		return user_db_inactive(u, err);
	const char *what = _("re-anchoring the notes");
	if (user_db_begin(u, what, err))
		return -1;
	sqlite3_stmt *st, *up = NULL;
	if (user_db_prepare(u, what, "SELECT " USER_DB_NOTE_COLS " FROM note WHERE book IS NOT ?1 ORDER BY item_id, num",
			    &st, err, "t", fingerprint)) {
		user_db_rollback(u);
		return -1;
	}
	int rc = user_db_prepare(u, what,
				 "UPDATE note SET anchor_id = ?2, prefix = ?3, suffix = ?4, offset = ?5, anchor_state = ?6,"
				 " applied = ?7, cite = ?8, book = ?9 WHERE uuid = ?1 AND book IS NOT ?9",
				 &up, err, "");
	struct item_text t = {.index = -1};
	int n = 0;
	while (!rc && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		struct note note;
		user_db_note_row(st, 0, &note);
		int state = note.anchor_state, applied = note.applied;
		rc = t.id[0] && !strcmp(t.id, note.item_id) ? 0 : item_text_load(m, note.item_id, &t, err);
		if (!rc) {
			resolve_one(m, &t, &note);
			n += note.anchor_state != state || note.applied != applied;
			sqlite3_reset(up);
			sqlite3_bind_text(up, 1, note.uuid, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(up, 2, note.anchor_id, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(up, 3, note.sel.prefix, -1, SQLITE_TRANSIENT);
			sqlite3_bind_text(up, 4, note.sel.suffix, -1, SQLITE_TRANSIENT);
			sqlite3_bind_int(up, 5, note.sel.offset);
			sqlite3_bind_int(up, 6, note.anchor_state);
			sqlite3_bind_int(up, 7, note.applied);
			if (note.cite)
				sqlite3_bind_text(up, 8, note.cite, -1, SQLITE_TRANSIENT);
			else
				sqlite3_bind_null(up, 8);
			sqlite3_bind_text(up, 9, fingerprint, -1, SQLITE_TRANSIENT);
			rc = sqlite3_step(up) == SQLITE_DONE ? 0 : user_db_fail(u, what, err);
		}
		note_clear(&note);
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = user_db_fail(u, what, err);
	sqlite3_finalize(st);
	sqlite3_finalize(up);
	item_text_free(&t);
	if (rc) {
		user_db_rollback(u);
		return -1;
	}
	if (user_db_commit(u, what, err))
		return -1;
	if (changed)
		*changed = n;
	return 0;
}
