/* db.c — opening and checking the book's database; checked SQLite calls
 * (see db.h) */
#include "db.h"

#include "anli/fold.h"
#include "anli/i18n.h"
#include "anli/schema.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int db_err(const struct model *m, const char *what, struct anli_err *err)
{
	const char *msg = m->db ? sqlite3_errmsg(m->db) : "no database";
	if (what)
		return anli_err_set(err, "%s: %s: %s", m->path, what, msg);
	return anli_err_set(err, "%s: %s", m->path, msg);
}

int db_prepare(struct model *m, const char *sql, sqlite3_stmt **st, const char *what, struct anli_err *err)
{
	*st = NULL;
	if (sqlite3_prepare_v2(m->db, sql, -1, st, NULL) != SQLITE_OK) {
		sqlite3_finalize(*st);
		*st = NULL;
		return db_err(m, what, err);
	}
	return 0;
}

int db_bind_text(struct model *m, sqlite3_stmt *st, int i, const char *s, int n, const char *what,
		 struct anli_err *err)
{
	return sqlite3_bind_text(st, i, s, n, SQLITE_TRANSIENT) == SQLITE_OK ? 0 : db_err(m, what, err);
}

int db_bind_int64(struct model *m, sqlite3_stmt *st, int i, sqlite3_int64 v, const char *what,
		  struct anli_err *err)
{
	return sqlite3_bind_int64(st, i, v) == SQLITE_OK ? 0 : db_err(m, what, err);
}

int db_bind_pointer(struct model *m, sqlite3_stmt *st, int i, void *p, const char *type, const char *what,
		    struct anli_err *err)
{
	return sqlite3_bind_pointer(st, i, p, type, NULL) == SQLITE_OK ? 0 : db_err(m, what, err);
}

static unsigned long be32(const unsigned char *h)
{
	return (unsigned long)h[0] << 24 | (unsigned long)h[1] << 16 | (unsigned long)h[2] << 8 | h[3];
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
	/* the page count at offset 28 is valid only when the change counter
	 * (24) equals the version-valid-for number (92): SQLite >= 3.7.0 */
	unsigned long pages = be32(h + 92) == be32(h + 24) ? be32(h + 28) : 0;
	if (page < 512 || (page & (page - 1)))
		return anli_err_set(err, _("%s: corrupt SQLite header (page size %u)"), path, page);
	if (pages && (unsigned long long)sb.st_size < (unsigned long long)pages * page)
		return anli_err_set(err, _("%s: truncated database (%lld of %llu bytes)"), path,
				    (long long)sb.st_size, (unsigned long long)pages * page);
	if ((unsigned long long)sb.st_size % page)
		return anli_err_set(err, _("%s: truncated database (size is not a whole number of pages)"), path);
	/* PRAGMA user_version and application_id live in the header too */
	*version = (int)be32(h + 60);
	*appid = (unsigned)be32(h + 68);
	return 0;
}

sqlite3 *db_open(const char *path, unsigned *appid, int *version, struct anli_err *err)
{
	if (check_header(path, appid, version, err))
		return NULL;
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
		return NULL;
	}
	return db;
}

/* One integer from a query that returns one row. */
static int query_int(struct model *m, const char *sql, sqlite3_int64 *out, struct anli_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(m, sql, &st, NULL, err))
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		*out = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? 0 : db_err(m, NULL, err);
}

static int check_fold_version(struct model *m, struct anli_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(m, "SELECT value FROM meta WHERE key = 'fold_version'", &st, NULL, err))
		return -1;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		sqlite3_finalize(st);
		return db_err(m, NULL, err);
	}
	const char *v = rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : NULL;
	char *end = NULL;
	long n = v ? strtol(v, &end, 10) : 0;
	int ok = v && *v && !*end && n == FOLD_VERSION;
	if (!v)
		anli_err_set(err, _("%s: no fold_version in meta: the search text was folded by an older anli-build; "
				    "rebuild the database"), m->path);
	else if (!ok)
		anli_err_set(err, _("%s: search text folded by version '%.20s', this anli folds by version %d; "
				    "rebuild the database"), m->path, v, FOLD_VERSION);
	sqlite3_finalize(st);
	return ok ? 0 : -1;
}

/* The FTS index must find a trigram of a document in that document: a
 * zeroed or stale index otherwise answers every search with "nothing". */
static int check_fts(struct model *m, struct anli_err *err)
{
	sqlite3_stmt *st;
	if (db_prepare(m, "SELECT rowid, text FROM search_doc WHERE length(text) >= 3 ORDER BY rowid LIMIT 1", &st,
		       "search", err))
		return -1;
	int rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		if (rc == SQLITE_DONE)
			return anli_err_set(err, _("%s: the search documents are empty"), m->path);
		return db_err(m, "search", err);
	}
	sqlite3_int64 rowid = sqlite3_column_int64(st, 0);
	const char *text = (const char *)sqlite3_column_text(st, 1);
	struct sbuf q;
	sbuf_init(&q);
	sbuf_addc(&q, '"');
	size_t end = text ? util_utf8_skip(text, 3) : 0;
	for (size_t i = 0; i < end; i++) {
		if (text[i] == '"')
			sbuf_addc(&q, '"');
		sbuf_addc(&q, text[i]);
	}
	sbuf_addc(&q, '"');
	sqlite3_finalize(st);
	sqlite3_int64 found = 0;
	int res = -1;
	if (db_prepare(m, "SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1 AND rowid = ?2", &st,
		       "search index", err))
		goto out;
	if (db_bind_text(m, st, 1, q.s, (int)q.len, "search index", err) ||
	    db_bind_int64(m, st, 2, rowid, "search index", err)) {
		sqlite3_finalize(st);
		goto out;
	}
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW)
		found = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW) {
		db_err(m, "search index", err);
		goto out;
	}
	if (found != 1) {
		anli_err_set(err, _("%s: the search index is damaged (it cannot find search document %lld)"), m->path,
			     (long long)rowid);
		goto out;
	}
	res = 0;
out:
	sbuf_free(&q);
	return res;
}

int db_check(struct model *m, struct anli_err *err)
{
	if (check_fold_version(m, err))
		return -1;
	sqlite3_int64 blocks, sections, docs_max;
	if (query_int(m, "SELECT EXISTS (SELECT 1 FROM block)", &blocks, err) ||
	    query_int(m, "SELECT EXISTS (SELECT 1 FROM section)", &sections, err) ||
	    query_int(m, "SELECT coalesce(max(rowid), 0) FROM search_doc", &docs_max, err))
		return -1;
	if (!blocks)
		return anli_err_set(err, _("%s: the database holds no text (no blocks)"), m->path);
	if (!sections)
		return anli_err_set(err, _("%s: the database holds no sections"), m->path);
	/* items point at their first search document, in reading order */
	for (int i = 0; i < m->nitems; i++)
		if (m->items[i].search_first < 1 || m->items[i].search_first > docs_max ||
		    (i && m->items[i].search_first <= m->items[i - 1].search_first))
			return anli_err_set(err, _("%s: corrupt item table (search_first of '%s')"), m->path,
					    m->items[i].id);
	return check_fts(m, err);
}
