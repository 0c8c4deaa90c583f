/* builder.h — the builder's private parts, shared by build.c (the driver:
 * schema, collections, the database file) and emit.c (an item's rows).
 * Not installed, not seen outside src/build/. */
#ifndef ANLI_BUILDER_H
#define ANLI_BUILDER_H

#include "anli/seed.h"
#include "anli/source.h"
#include "anli/util.h"

#include <sqlite3.h>

struct builder {
	sqlite3 *db;
	struct anli_err *err;
	const char *datadir;
	struct seed seeds[8];
	int nseeds;
	int item_ord, chapter_ord;
	sqlite3_stmt *ins_item, *ins_section, *ins_block, *ins_dup, *ins_chapter, *ins_search;
	sqlite3_int64 search_rowid; /* search documents get rowids 1, 2, … in reading order */
	int bind_rc;                /* the first failed bind since the last step (step_done) */
	/* block id bases in use within the current item (unique_id) */
	struct id_slot {
		char *key;
		int count;
	} *ids;
	int nids, capids;
};

/* Set b->err to "WHAT: <sqlite3_errmsg>"; returns -1. */
int builder_db_fail(struct builder *b, const char *what);
/* The seed ID, loaded once (DATADIR/raw/ID_*.txt); NULL with b->err set. */
const struct seed *builder_seed(struct builder *b, const char *id);
/* Checked binds: the first failure is kept and reported by builder_step. */
void builder_bind_text(struct builder *b, sqlite3_stmt *st, int i, const char *s); /* NULL → NULL */
void builder_bind_int(struct builder *b, sqlite3_stmt *st, int i, sqlite3_int64 v);
void builder_bind_int_or_null(struct builder *b, sqlite3_stmt *st, int i, int v); /* 0 → NULL */
/* Step an INSERT to completion and reset it; -1 with b->err naming WHAT. */
int builder_step(struct builder *b, sqlite3_stmt *st, const char *what);

/* Insert item IT of collection C as ITEM_ID: its row, sections, blocks,
 * duplicates, errata and search documents.  -1 with b->err set
 * ("FILE:LINE: message" for what the sources got wrong). */
int builder_item(struct builder *b, const struct src_collection *c, const struct src_item *it,
		 const char *item_id);
/* Forget the block ids of the last item (and free them). */
void builder_clear_ids(struct builder *b);

#endif
