/* model.c — see model.h */
#include "anli/i18n.h"
#include "anli/model.h"

#include "anli/schema.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static char *col_dup(sqlite3_stmt *st, int i)
{
	const unsigned char *s = sqlite3_column_text(st, i);
	return s ? xstrdup((const char *)s) : NULL;
}

/* Check the 100-byte header ourselves: SQLite opens lazily and a truncated
 * file only fails on the first page it cannot read. */
static int check_header(const char *path, unsigned *appid, int *version, struct anli_err *err)
{
	struct stat sb;
	if (stat(path, &sb) != 0)
		return anli_err_set(err, _("%s: %s"), path, strerror(errno));
	if (!S_ISREG(sb.st_mode))
		return anli_err_set(err, _("%s: not a regular file"), path);
	FILE *f = fopen(path, "rb");
	if (!f)
		return anli_err_set(err, _("%s: %s"), path, strerror(errno));
	unsigned char h[100];
	size_t got = fread(h, 1, sizeof h, f);
	fclose(f);
	if (got < sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
		return anli_err_set(err, _("%s: not an SQLite database"), path);
	unsigned page = (unsigned)h[16] << 8 | h[17];
	if (page == 1)
		page = 65536;
	unsigned long pages = (unsigned long)h[28] << 24 | (unsigned long)h[29] << 16 |
			      (unsigned long)h[30] << 8 | h[31];
	if (page < 512 || (page & (page - 1)))
		return anli_err_set(err, _("%s: corrupt SQLite header (page size %u)"), path, page);
	if (pages && (unsigned long long)sb.st_size < (unsigned long long)pages * page)
		return anli_err_set(err, _("%s: truncated database (%lld of %llu bytes)"), path,
				    (long long)sb.st_size, (unsigned long long)pages * page);
	if ((unsigned long long)sb.st_size % page)
		return anli_err_set(err, _("%s: truncated database (size is not a whole number of pages)"), path);
	/* PRAGMA user_version and application_id live in the header too */
	*version = (int)((unsigned)h[60] << 24 | (unsigned)h[61] << 16 | (unsigned)h[62] << 8 | h[63]);
	*appid = (unsigned)h[68] << 24 | (unsigned)h[69] << 16 | (unsigned)h[70] << 8 | h[71];
	return 0;
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
			       " page_first, page_last, end_missing, search_first FROM item ORDER BY ord",
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
		if (!it->id || !it->kind || !it->collection_id || (ch && it->chapter < 0)) {
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
	if (check_header(path, &appid, &ver, err))
		return NULL;
	struct model *m = xcalloc(1, sizeof *m);
	m->path = xstrdup(path);
	sqlite3 *db = NULL;
	/* The book's database is read-only and replaced by rename, never written
	 * in place: opened immutable, SQLite takes no file locks (otherwise every
	 * statement is a transaction with fcntl locks and a change check). */
	struct sbuf uri;
	sbuf_init(&uri);
	sbuf_adds(&uri, path[0] == '/' ? "file://" : "file:"); /* "file:" + "//x" would name a host */
	for (const unsigned char *p = (const unsigned char *)path; *p; p++)
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f)
			sbuf_printf(&uri, "%%%02X", *p);
		else
			sbuf_addc(&uri, (char)*p);
	sbuf_adds(&uri, "?immutable=1");
	int orc = sqlite3_open_v2(uri.s, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
	sbuf_free(&uri);
	if (orc != SQLITE_OK) {
		anli_err_set(err, _("%s: %s"), path, db ? sqlite3_errmsg(db) : "cannot open");
		sqlite3_close(db);
		free(m->path);
		free(m);
		return NULL;
	}
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
	if (load_index(m, err))
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

int model_find(const struct model *m, const char *key)
{
	for (int i = 0; i < m->nitems; i++)
		if (!strcmp(m->items[i].id, key))
			return i;
	/* a bare number is a case number in the book */
	char *end;
	long n = strtol(key, &end, 10);
	if (*key >= '0' && *key <= '9' && *end == '\0')
		for (int i = 0; i < m->nitems; i++)
			if (!strcmp(m->items[i].kind, "case") && m->items[i].number == n)
				return i;
	return -1;
}

int model_blocks(struct model *m, int i, struct model_block **out, int *n, struct anli_err *err)
{
	*out = NULL;
	*n = 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(m->db,
			       "SELECT b.id, b.kind, s.ord, b.text, b.lines, b.page_first, b.page_last, b.flag"
			       " FROM block b JOIN section s ON s.id = b.section_id"
			       " WHERE b.item_id = ? ORDER BY b.ord",
			       -1, &st, NULL) != SQLITE_OK)
		return anli_err_set(err, _("%s: %s"), m->path, sqlite3_errmsg(m->db));
	sqlite3_bind_text(st, 1, m->items[i].id, -1, SQLITE_STATIC);
	struct model_block *b = NULL;
	int cnt = 0, cap = 0, rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (cnt == cap) {
			cap = cap ? cap * 2 : 64;
			b = xrealloc(b, sizeof *b * (size_t)cap);
		}
		struct model_block *x = &b[cnt++];
		x->id = col_dup(st, 0);
		const char *k = (const char *)sqlite3_column_text(st, 1);
		x->kind = !k ? 0 : !strcmp(k, "heading") ? MODEL_HEADING : !strcmp(k, "subheading") ? MODEL_SUBHEAD
			     : !strcmp(k, "caption") ? MODEL_CAPTION : MODEL_PARA;
		x->section = sqlite3_column_int(st, 2);
		x->text = col_dup(st, 3);
		x->lines = col_dup(st, 4);
		x->page_first = sqlite3_column_int(st, 5);
		x->page_last = sqlite3_column_int(st, 6);
		const char *fl = (const char *)sqlite3_column_text(st, 7);
		x->flag = !fl ? MODEL_FLAG_NONE : !strcmp(fl, "signature") ? MODEL_FLAG_SIGNATURE : MODEL_FLAG_MISSING;
		if (!x->id || !x->text || !x->lines || !x->kind) {
			rc = SQLITE_CORRUPT;
			break;
		}
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		model_blocks_free(b, cnt);
		return anli_err_set(err, _("%s: %s"), m->path,
				    rc == SQLITE_CORRUPT ? "corrupt block table" : sqlite3_errmsg(m->db));
	}
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
	if (it->org)
		sbuf_adds(out, it->org);
	if (it->author) {
		sbuf_adds(out, it->author);
		if (it->role) {
			sbuf_addc(out, ' ');
			sbuf_adds(out, it->role);
		}
	}
}
