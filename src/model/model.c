/* model.c — see model.h.  Over 400 lines: the index loaded at open, blocks
 * per item, ids and the header line read the same tables. */
#include "anli/i18n.h"
#include "anli/model.h"

#include "anli/glyph.h"
#include "anli/names.h"
#include "anli/schema.h"
#include "db.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

static int load_index(struct model *m, struct anli_err *err)
{
	sqlite3 *db = m->db;
	sqlite3_stmt *st;
	int cap = 0, rc;
	if (sqlite3_prepare_v2(db, "SELECT id, title FROM collection ORDER BY ord", -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->ncollections == cap) {
			cap = cap ? cap * 2 : 4;
			m->collections = xrealloc(m->collections, sizeof *m->collections * (size_t)cap);
		}
		struct model_collection *c = &m->collections[m->ncollections++];
		c->id = col_dup(st, 0);
		c->title = col_dup(st, 1);
		if (!c->id) {
			sqlite3_finalize(st);
			return anli_err_set(err, _("%s: corrupt collection table"), m->path);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto dberr;
	cap = 0;
	if (sqlite3_prepare_v2(db,
			       "SELECT id, collection_id, number, label, title,"
			       " (SELECT count(*) FROM item WHERE chapter_id = chapter.id), start_inferred"
			       " FROM chapter ORDER BY ord",
			       -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->nchapters == cap) {
			cap = cap ? cap * 2 : 16;
			m->chapters = xrealloc(m->chapters, sizeof *m->chapters * (size_t)cap);
		}
		struct model_chapter *c = &m->chapters[m->nchapters++];
		c->id = col_dup(st, 0);
		c->collection_id = col_dup(st, 1);
		c->number = sqlite3_column_int(st, 2);
		c->label = col_dup(st, 3);
		c->title = col_dup(st, 4);
		c->nitems = sqlite3_column_int(st, 5);
		c->start_inferred = sqlite3_column_int(st, 6);
		if (!c->id || !c->collection_id || !c->title) {
			sqlite3_finalize(st);
			return anli_err_set(err, _("%s: corrupt chapter table"), m->path);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto dberr;
	if (sqlite3_prepare_v2(db,
			       "SELECT id, ord, collection_id, chapter_id, kind, number, title, title_missing,"
			       " subtitle, org, region, author, role, seed, line_first, line_last,"
			       " page_first, page_last, end_missing, search_first, lines FROM item ORDER BY ord",
			       -1, &st, NULL) != SQLITE_OK)
		goto dberr;
	cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (m->nitems == cap) {
			cap = cap ? cap * 2 : 64;
			m->items = xrealloc(m->items, sizeof *m->items * (size_t)cap);
		}
		struct model_item *it = &m->items[m->nitems++];
		memset(it, 0, sizeof *it);
		it->id = col_dup(st, 0);
		it->ord = sqlite3_column_int(st, 1);
		it->collection_id = col_dup(st, 2);
		const char *ch = (const char *)sqlite3_column_text(st, 3);
		it->chapter = -1;
		for (int i = 0; ch && i < m->nchapters; i++)
			if (!strcmp(m->chapters[i].id, ch))
				it->chapter = i;
		it->kind = col_dup(st, 4);
		it->number = sqlite3_column_int(st, 5);
		it->title = col_dup(st, 6);
		it->title_missing = sqlite3_column_int(st, 7);
		it->subtitle = col_dup(st, 8);
		it->org = col_dup(st, 9);
		it->region = col_dup(st, 10);
		it->author = col_dup(st, 11);
		it->role = col_dup(st, 12);
		it->seed = col_dup(st, 13);
		it->line_first = sqlite3_column_int(st, 14);
		it->line_last = sqlite3_column_int(st, 15);
		it->page_first = sqlite3_column_int(st, 16);
		it->page_last = sqlite3_column_int(st, 17);
		it->end_missing = sqlite3_column_int(st, 18);
		it->search_first = sqlite3_column_int64(st, 19);
		it->lines = col_dup(st, 20);
		if (!it->id || !it->kind || !it->collection_id || !it->lines || (ch && it->chapter < 0)) {
			sqlite3_finalize(st);
			return anli_err_set(err, _("%s: corrupt item table"), m->path);
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		goto dberr;
	if (m->nitems == 0)
		return anli_err_set(err, _("%s: the database holds no items"), m->path);
	return 0;
dberr:
	return anli_err_set(err, _("%s: %s"), m->path, sqlite3_errmsg(db));
}

struct model *model_open(const char *path, struct anli_err *err)
{
	unsigned appid = 0;
	int ver = 0;
	sqlite3 *db = db_open(path, &appid, &ver, err);
	if (!db)
		return NULL;
	struct model *m = xcalloc(1, sizeof *m);
	m->path = xstrdup(path);
	m->db = db;
	if (appid != ANLI_APPLICATION_ID) {
		anli_err_set(err, _("%s: not an anli database (application_id 0x%08x)"), path, appid);
		goto fail;
	}
	if (ver > ANLI_SCHEMA_VERSION) {
		anli_err_set(err, _("%s: schema version %d is newer than this anli supports (%d); upgrade anli"), path,
			     ver, ANLI_SCHEMA_VERSION);
		goto fail;
	}
	if (ver < 1) {
		anli_err_set(err, _("%s: no schema version: not a complete anli database"), path);
		goto fail;
	}
	if (ver < ANLI_SCHEMA_VERSION) {
		anli_err_set(err, _("%s: schema version %d is older than this anli reads (%d); rebuild it with anli-build"),
			     path, ver, ANLI_SCHEMA_VERSION);
		goto fail;
	}
	if (load_index(m, err) || db_check(m, err))
		goto fail;
	return m;
fail:
	model_close(m);
	return NULL;
}

void model_close(struct model *m)
{
	if (!m)
		return;
	sqlite3_close(m->db);
	for (int i = 0; i < m->nchapters; i++) {
		free(m->chapters[i].id);
		free(m->chapters[i].collection_id);
		free(m->chapters[i].label);
		free(m->chapters[i].title);
	}
	for (int i = 0; i < m->nitems; i++) {
		struct model_item *it = &m->items[i];
		free(it->id);
		free(it->collection_id);
		free(it->kind);
		free(it->title);
		free(it->subtitle);
		free(it->org);
		free(it->region);
		free(it->author);
		free(it->role);
		free(it->seed);
		free(it->lines);
	}
	for (int i = 0; i < m->ncollections; i++) {
		free(m->collections[i].id);
		free(m->collections[i].title);
	}
	free(m->collections);
	free(m->chapters);
	free(m->items);
	free(m->path);
	free(m);
}

/* A number of 1 to 4 digits (leading zeros allowed); -1 otherwise. */
static int small_number(const char *s)
{
	int n = 0, digits = 0;
	for (; *s >= '0' && *s <= '9'; s++, digits++)
		if (digits < 4)
			n = n * 10 + (*s - '0');
	return *s || digits == 0 || digits > 4 ? -1 : n;
}

static int find_numbered(const struct model *m, const char *kind, int n)
{
	for (int i = 0; n > 0 && i < m->nitems; i++)
		if (!strcmp(m->items[i].kind, kind) && m->items[i].number == n)
			return i;
	return -1;
}

int model_find(const struct model *m, const char *key)
{
	for (int i = 0; i < m->nitems; i++)
		if (!strcmp(m->items[i].id, key))
			return i;
	if (!strcmp(key, "前言") || !strcasecmp(key, "foreword")) {
		for (int i = 0; i < m->nitems; i++)
			if (!strcmp(m->items[i].kind, "foreword"))
				return i;
		return -1;
	}
	/* 7, c7, C07: case 7; a3, A03: article 3 */
	if (key[0] == 'c' || key[0] == 'C')
		return find_numbered(m, "case", small_number(key + 1));
	if (key[0] == 'a' || key[0] == 'A')
		return find_numbered(m, "article", small_number(key + 1));
	return find_numbered(m, "case", small_number(key));
}

int model_blocks(struct model *m, int i, struct model_block **out, int *n, struct anli_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	/* LEFT JOIN: a block whose section is lost is damage to report, not
	 * text to drop silently */
	if (db_prepare(m,
		       "SELECT b.id, b.kind, s.ord, b.text, b.lines, b.page_first, b.page_last, b.flag"
		       " FROM block b LEFT JOIN section s ON s.id = b.section_id"
		       " WHERE b.item_id = ? ORDER BY b.ord",
		       &st, NULL, err))
		return -1;
	if (db_bind_text(m, st, 1, m->items[i].id, -1, NULL, err)) {
		sqlite3_finalize(st);
		return -1;
	}
	struct model_block *b = NULL;
	int cnt = 0, cap = 0, rc;
	const char *what = NULL;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			b = xrealloc(b, sizeof *b * (size_t)cap);
		}
		struct model_block *x = &b[cnt++];
		x->id = col_dup(st, 0);
		x->kind = (char)names_block_code((const char *)sqlite3_column_text(st, 1));
		x->section = sqlite3_column_int(st, 2);
		x->text = col_dup(st, 3);
		x->lines = col_dup(st, 4);
		x->page_first = sqlite3_column_int(st, 5);
		x->page_last = sqlite3_column_int(st, 6);
		const char *fl = (const char *)sqlite3_column_text(st, 7);
		x->flag = !fl ? MODEL_FLAG_NONE : !strcmp(fl, "signature") ? MODEL_FLAG_SIGNATURE : MODEL_FLAG_MISSING;
		if (sqlite3_column_type(st, 2) == SQLITE_NULL)
			what = _("a block without its section");
		else if (!x->id || !x->text || !x->lines || !x->kind)
			what = _("corrupt block table");
		if (what) {
			rc = SQLITE_CORRUPT;
			break;
		}
	}
	if (rc == SQLITE_DONE && cnt == 0) {
		rc = SQLITE_CORRUPT;
		what = _("no text");
	}
	if (rc != SQLITE_DONE) {
		if (what)
			anli_err_set(err, _("%s: item '%s': %s"), m->path, m->items[i].id, what);
		else
			db_err(m, NULL, err);
		sqlite3_finalize(st);
		model_blocks_free(b, cnt);
		return -1;
	}
	sqlite3_finalize(st);
	*out = b;
	*n = cnt;
	return 0;
}

void model_blocks_free(struct model_block *b, int n)
{
	for (int i = 0; i < n; i++) {
		free(b[i].id);
		free(b[i].text);
		free(b[i].lines);
	}
	free(b);
}

void model_byline(const struct model_item *it, struct sbuf *out)
{
	names_byline(out, it->org, it->author, it->role);
}

void model_chapter_label(const struct model_chapter *c, struct sbuf *out)
{
	names_chapter_label(out, c->label, c->number, c->title);
}

const char *model_collection_label(const struct model *m, const char *collection_id)
{
	for (int i = 0; i < m->ncollections; i++) {
		const struct model_collection *c = &m->collections[i];
		if (strcmp(c->id, collection_id))
			continue;
		if (c->title)
			return c->title;
		break;
	}
	if (!strcmp(collection_id, "leaders"))
		return _("Leaders' articles");
	return collection_id;
}

void model_item_header(const struct model *m, int i, struct sbuf *out)
{
	const struct model_item *it = &m->items[i];
	int of = 0;
	for (int k = 0; k < m->nitems; k++)
		of += !strcmp(m->items[k].kind, it->kind) && !strcmp(m->items[k].collection_id, it->collection_id);
	if (!strcmp(it->kind, "case")) {
		if (it->chapter >= 0) {
			model_chapter_label(&m->chapters[it->chapter], out);
			sbuf_adds(out, glyph(GLYPH_FIELD_SEP));
		}
		/* TRANSLATORS: a case's place in the book: 案例 27/53 */
		sbuf_printf(out, _("案例 %d/%d"), it->number, of);
	} else if (!strcmp(it->kind, "article")) {
		sbuf_adds(out, model_collection_label(m, it->collection_id));
		sbuf_adds(out, glyph(GLYPH_FIELD_SEP));
		/* TRANSLATORS: an article's place in its collection: 文章 3/8 */
		sbuf_printf(out, _("文章 %d/%d"), it->number, of);
	} else {
		sbuf_adds(out, it->title && *it->title ? it->title : _("前言"));
	}
}
