/* gen_corpus.c — make a search corpus N times the bundled book (for
 * make bench; the output lives under build/ and is never committed).
 * usage: gen_corpus SRC.db OUT.db N
 * OUT is a copy of SRC whose items and search documents are repeated N times
 * (ids suffixed, reading order kept), with the FTS5 index rebuilt. */
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>

static int run(sqlite3 *db, const char *sql)
{
	char *msg = NULL;
	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK) {
		fprintf(stderr, "gen_corpus: %s\n", msg ? msg : "error");
		sqlite3_free(msg);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc != 4 || atoi(argv[3]) < 2) {
		fprintf(stderr, "usage: gen_corpus SRC.db OUT.db N\n");
		return 2;
	}
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", argv[2]);
	remove(tmp);
	sqlite3 *src, *db;
	if (sqlite3_open_v2(argv[1], &src, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK ||
	    sqlite3_open(tmp, &db) != SQLITE_OK) {
		fprintf(stderr, "gen_corpus: cannot open %s or %s\n", argv[1], tmp);
		return 2;
	}
	sqlite3_backup *b = sqlite3_backup_init(db, "main", src, "main");
	if (!b || sqlite3_backup_step(b, -1) != SQLITE_DONE) {
		fprintf(stderr, "gen_corpus: copy failed\n");
		return 2;
	}
	sqlite3_backup_finish(b);
	sqlite3_close(src);
	char sql[2048];
	snprintf(sql, sizeof sql,
		 "PRAGMA journal_mode=OFF; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; BEGIN;"
		 "CREATE TEMP TABLE k(n INTEGER PRIMARY KEY);"
		 "CREATE TEMP TABLE dmax AS SELECT max(rowid) AS d FROM search_doc;"
		 "WITH RECURSIVE c(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM c WHERE n < %d)"
		 " INSERT INTO k SELECT n FROM c;"
		 "INSERT INTO item(id, ord, collection_id, chapter_id, kind, number, title, title_missing,"
		 " subtitle, org, region, author, role, seed, line_first, line_last, page_first, page_last,"
		 " source_file, lines, end_missing, search_first)"
		 " SELECT id || '.' || k.n, ord + k.n * 1000, collection_id, chapter_id, kind, number, title,"
		 " title_missing, subtitle, org, region, author, role, seed, line_first, line_last, page_first,"
		 " page_last, source_file, lines, end_missing, search_first + k.n * (SELECT d FROM dmax)"
		 " FROM item, k ORDER BY k.n, ord;"
		 "INSERT INTO search_doc(rowid, item_id, item_ord, block_id, field, section, orig, text)"
		 " SELECT d.rowid + k.n * (SELECT d FROM dmax), d.item_id || '.' || k.n,"
		 " d.item_ord + k.n * 1000, d.block_id, d.field, d.section,"
		 " d.orig, d.text FROM search_doc d, k ORDER BY k.n, d.rowid;"
		 "INSERT INTO search_fts(search_fts) VALUES ('rebuild');"
		 "COMMIT;",
		 atoi(argv[3]) - 1);
	if (run(db, sql) || sqlite3_close(db) != SQLITE_OK)
		return 1;
	if (rename(tmp, argv[2]) != 0) {
		perror("gen_corpus: rename");
		return 1;
	}
	return 0;
}
