/* test_user.c — the per-user state file (src/user) on real SQLite files in
 * a temporary directory: create, migrate, refuse a newer file, two
 * connections and two processes writing at once, a damaged file moved
 * aside with its -wal/-shm, a read-only directory (no state, no crash). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/user.h"
#include "anli/util.h"

#include <dirent.h>
#include <fcntl.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define VERSION "0.1.0"

static char tmpdir[64];
static int serial;

static int setup(void **state)
{
	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "/tmp/anli-user-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "chmod -R u+rwx '%s'; rm -rf '%s'", tmpdir, tmpdir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

/* A fresh directory for one test: its path into buf (and "/user.db" into
 * file). */
static void fresh_dir(char *dir, size_t dsize, char *file, size_t fsize)
{
	snprintf(dir, dsize, "%s/t%d", tmpdir, ++serial);
	assert_int_equal(mkdir(dir, 0755), 0);
	snprintf(file, fsize, "%s/user.db", dir);
}

/* Run sql on the file with the sqlite3 library directly (as another
 * program would); returns the first column of the last row, as an int. */
static int raw(const char *path, const char *sql)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_stmt *st;
	int v = -1;
	const char *tail = sql;
	while (tail && *tail) {
		if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db));
		if (!st)
			break;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW)
			v = sqlite3_column_int(st, 0);
		if (rc != SQLITE_DONE)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

static int file_exists(const char *path)
{
	return access(path, F_OK) == 0;
}

static void test_version_cmp(void **state)
{
	(void)state;
	assert_int_equal(user_version_cmp("0.1.0", "0.1.0"), 0);
	assert_int_equal(user_version_cmp("0.1", "0.1.0"), 0);
	assert_true(user_version_cmp("0.10.0", "0.9.1") > 0);
	assert_true(user_version_cmp("0.1.0", "0.2.0") < 0);
	assert_true(user_version_cmp("1.0.0", "0.99.99") > 0);
	assert_true(user_version_cmp("0.1.0-dev", "0.1.1") < 0);
}

static void test_create(void **state)
{
	(void)state;
	char dir[128], file[160];
	fresh_dir(dir, sizeof dir, file, sizeof file);
	struct anli_err note, err;
	struct user *u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	assert_string_equal(note.msg, "");
	assert_string_equal(user_journal(u), "wal");
	int found, now;
	const char *minr;
	user_versions(u, &found, &now, &minr);
	assert_int_equal(found, 0);
	assert_int_equal(now, USER_SCHEMA_VERSION);
	assert_string_equal(minr, "0.1.0");

	/* position, history, marks, bookmarks: a round trip each */
	struct user_pos p = {.item_id = "c27", .block_id = "c27:p3641", .focus = "text", .book = "0123456789abcdef"};
	assert_int_equal(user_pos_save(u, &p, &err), 0);
	struct user_pos q;
	assert_int_equal(user_pos_load(u, &q, &err), 0);
	assert_string_equal(q.item_id, "c27");
	assert_string_equal(q.block_id, "c27:p3641");
	assert_string_equal(q.focus, "text");
	assert_string_equal(q.book, "0123456789abcdef");
	assert_true(q.updated > 0);
	for (int k = 0; k < USER_HISTORY_MAX + 10; k++) {
		struct user_pos h = {.item_id = "c1"};
		snprintf(h.block_id, sizeof h.block_id, "c1:p%d", k);
		assert_int_equal(user_history_push(u, &h, &err), 0);
	}
	struct user_pos *hist;
	int nh;
	assert_int_equal(user_history(u, 1000, &hist, &nh, &err), 0);
	assert_int_equal(nh, USER_HISTORY_MAX); /* bounded: the oldest dropped */
	assert_string_equal(hist[0].block_id, "c1:p10");
	assert_string_equal(hist[nh - 1].block_id, "c1:p509");
	free(hist);
	assert_int_equal(user_history(u, 3, &hist, &nh, &err), 0);
	assert_int_equal(nh, 3);
	assert_string_equal(hist[2].block_id, "c1:p509");
	free(hist);

	assert_int_equal(user_read_set(u, "c1", 1, NULL, &err), 0);
	assert_int_equal(user_review_set(u, "c1", USER_REVIEW_FIX, NULL, &err), 0);
	assert_int_equal(user_review_set(u, "c2", USER_REVIEW_OK, NULL, &err), 0);
	assert_int_equal(user_read_set(u, "c3", 1, NULL, &err), 0);
	assert_int_equal(user_read_set(u, "c3", 0, NULL, &err), 0);
	struct user_mark *mk;
	int nm;
	assert_int_equal(user_marks(u, &mk, &nm, &err), 0);
	assert_int_equal(nm, 2);
	assert_string_equal(mk[0].item_id, "c1");
	assert_int_equal(mk[0].read, 1);
	assert_int_equal(mk[0].review, USER_REVIEW_FIX);
	assert_string_equal(mk[1].item_id, "c2");
	assert_int_equal(mk[1].read, 0);
	assert_int_equal(mk[1].review, USER_REVIEW_OK);
	free(mk);
	assert_int_equal(user_review_set(u, "c2", USER_REVIEW_NONE, NULL, &err), 0);
	assert_int_equal(user_marks(u, &mk, &nm, &err), 0);
	assert_int_equal(nm, 1);
	free(mk);

	int added, removed;
	assert_int_equal(user_bookmark_add(u, "c27:p3641", "c27", NULL, &added, &err), 0);
	assert_int_equal(added, 1);
	assert_int_equal(user_bookmark_add(u, "c27:p3641", "c27", NULL, &added, &err), 0);
	assert_int_equal(added, 0);
	assert_int_equal(user_bookmark_rm(u, "C27:P3641", &removed, &err), 0); /* ids in any case */
	assert_int_equal(removed, 1);
	assert_int_equal(user_bookmark_rm(u, "c27:p3641", &removed, &err), 0);
	assert_int_equal(removed, 0);
	/* an id too long is refused, not cut */
	char longid[200];
	memset(longid, 'x', sizeof longid - 1);
	longid[sizeof longid - 1] = '\0';
	assert_int_equal(user_bookmark_add(u, longid, "c1", NULL, &added, &err), -1);
	assert_non_null(strstr(err.msg, "too long"));
	int ok;
	struct sbuf d;
	sbuf_init(&d);
	assert_int_equal(user_integrity(u, &ok, &d, &err), 0);
	assert_int_equal(ok, 1);
	sbuf_free(&d);
	user_close(u);
	/* what another program sees */
	assert_int_equal((unsigned)raw(file, "PRAGMA application_id"), USER_APPLICATION_ID);
	assert_int_equal(raw(file, "PRAGMA user_version"), USER_SCHEMA_VERSION);
	assert_int_equal(raw(file, "SELECT count(*) FROM history"), USER_HISTORY_MAX);

	/* reopened: nothing to migrate, the state is there */
	u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	user_versions(u, &found, &now, &minr);
	assert_int_equal(found, USER_SCHEMA_VERSION);
	assert_int_equal(user_pos_load(u, &q, &err), 0);
	assert_string_equal(q.item_id, "c27");
	user_close(u);

	/* the default location's directories are made (0700) with USER_MKDIR */
	char deep[256];
	snprintf(deep, sizeof deep, "%s/share/anli/user.db", dir);
	u = user_open(deep, VERSION, 0, &note);
	assert_false(user_active(u)); /* without USER_MKDIR: the directory must exist */
	assert_non_null(strstr(note.msg, "not saved"));
	user_close(u);
	u = user_open(deep, VERSION, USER_MKDIR, &note);
	assert_true(user_active(u));
	user_close(u);
	struct stat sb;
	snprintf(deep, sizeof deep, "%s/share/anli", dir);
	assert_int_equal(stat(deep, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0700);
}

/* An older file (fabricated: schema version 0 with anli's application id
 * and a table of its own, and an empty file as `touch` leaves it) is
 * migrated forward; what it held is kept. */
static void test_migrate(void **state)
{
	(void)state;
	char dir[128], file[160];
	fresh_dir(dir, sizeof dir, file, sizeof file);
	raw(file, "PRAGMA application_id = 1095650389; CREATE TABLE kept(x); INSERT INTO kept VALUES (42)");
	assert_int_equal(raw(file, "PRAGMA user_version"), 0);
	struct anli_err note, err;
	struct user *u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	assert_string_equal(note.msg, "");
	int found, now;
	const char *minr;
	user_versions(u, &found, &now, &minr);
	assert_int_equal(found, 0);
	assert_int_equal(now, USER_SCHEMA_VERSION);
	int added;
	assert_int_equal(user_bookmark_add(u, "c1:p120", "c1", NULL, &added, &err), 0);
	assert_int_equal(added, 1);
	user_close(u);
	assert_int_equal(raw(file, "PRAGMA user_version"), USER_SCHEMA_VERSION);
	assert_int_equal(raw(file, "SELECT x FROM kept"), 42);
	assert_int_equal(raw(file, "SELECT count(*) FROM bookmark"), 1);

	/* an empty file */
	fresh_dir(dir, sizeof dir, file, sizeof file);
	int fd = open(file, O_CREAT | O_WRONLY, 0644);
	assert_true(fd >= 0);
	close(fd);
	u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	user_close(u);
	assert_int_equal(raw(file, "PRAGMA user_version"), USER_SCHEMA_VERSION);

	/* another program's database is left alone: no state */
	fresh_dir(dir, sizeof dir, file, sizeof file);
	raw(file, "CREATE TABLE theirs(x)");
	u = user_open(file, VERSION, 0, &note);
	assert_false(user_active(u));
	assert_non_null(strstr(note.msg, "not an anli state file"));
	user_close(u);
	assert_int_equal(raw(file, "SELECT count(*) FROM sqlite_master"), 1);
	assert_int_equal(raw(file, "PRAGMA application_id"), 0);
}

/* A file a newer anli wrote: used when its min_reader allows this
 * version, else refused (no state) and left untouched. */
static void test_newer(void **state)
{
	(void)state;
	char dir[128], file[160];
	fresh_dir(dir, sizeof dir, file, sizeof file);
	struct anli_err note, err;
	struct user *u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	user_close(u);
	raw(file, "PRAGMA user_version = 7; UPDATE meta SET value = '9.0.0' WHERE key = 'min_reader'");
	u = user_open(file, VERSION, 0, &note);
	assert_false(user_active(u));
	assert_non_null(strstr(note.msg, "newer"));
	assert_non_null(strstr(note.msg, "9.0.0"));
	/* every call a no-op that succeeds */
	int added = 5;
	assert_int_equal(user_bookmark_add(u, "c1:p120", "c1", NULL, &added, &err), 0);
	assert_int_equal(added, 0);
	struct user_pos p = {.item_id = "c1"};
	assert_int_equal(user_pos_save(u, &p, &err), 0);
	assert_int_equal(user_pos_load(u, &p, &err), 0);
	assert_string_equal(p.item_id, "");
	struct user_bookmark *bm;
	int n = 3;
	assert_int_equal(user_bookmarks(u, &bm, &n, &err), 0);
	assert_int_equal(n, 0);
	assert_null(bm);
	user_close(u);
	assert_int_equal(raw(file, "PRAGMA user_version"), 7);
	assert_int_equal(raw(file, "SELECT count(*) FROM bookmark"), 0);

	/* a newer schema that says this anli may still use it */
	raw(file, "UPDATE meta SET value = '0.1.0' WHERE key = 'min_reader'");
	u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	assert_int_equal(user_bookmark_add(u, "c1:p120", "c1", NULL, &added, &err), 0);
	assert_int_equal(added, 1);
	user_close(u);
	assert_int_equal(raw(file, "PRAGMA user_version"), 7); /* never lowered */
}

/* Two connections in one process, then two processes, writing at once. */
static void test_concurrent(void **state)
{
	(void)state;
	char dir[128], file[160];
	fresh_dir(dir, sizeof dir, file, sizeof file);
	struct anli_err note, err;
	struct user *a = user_open(file, VERSION, 0, &note), *b = user_open(file, VERSION, 0, &note);
	assert_true(user_active(a) && user_active(b));
	char id[32];
	for (int k = 0; k < 50; k++) {
		snprintf(id, sizeof id, "c1:p%d", k);
		assert_int_equal(user_bookmark_add(k % 2 ? a : b, id, "c1", NULL, NULL, &err), 0);
	}
	struct user_bookmark *bm;
	int n;
	assert_int_equal(user_bookmarks(a, &bm, &n, &err), 0);
	assert_int_equal(n, 50);
	free(bm);
	assert_int_equal(user_bookmarks(b, &bm, &n, &err), 0);
	assert_int_equal(n, 50);
	free(bm);
	user_close(a);
	user_close(b);

	/* two processes, each opening the file anew for every change (as the
	 * command line does), on a file that does not exist yet */
	fresh_dir(dir, sizeof dir, file, sizeof file);
	pid_t pid[2];
	for (int p = 0; p < 2; p++) {
		pid[p] = fork();
		assert_true(pid[p] >= 0);
		if (pid[p] == 0) {
			for (int k = 0; k < 150; k++) {
				struct anli_err e2, n2;
				struct user *u = user_open(file, VERSION, 0, &n2);
				char bid[32];
				snprintf(bid, sizeof bid, "c%d:p%d", p + 1, k);
				if (!user_active(u) || user_bookmark_add(u, bid, "c1", NULL, NULL, &e2) ||
				    user_history_push(u, &(struct user_pos){.item_id = "c1"}, &e2)) {
					fprintf(stderr, "child %d: %s%s\n", p, n2.msg, user_active(u) ? e2.msg : "");
					_exit(1);
				}
				user_close(u);
			}
			_exit(0);
		}
	}
	for (int p = 0; p < 2; p++) {
		int st;
		assert_int_equal(waitpid(pid[p], &st, 0), pid[p]);
		assert_true(WIFEXITED(st) && WEXITSTATUS(st) == 0);
	}
	assert_int_equal(raw(file, "SELECT count(*) FROM bookmark"), 300);
	assert_int_equal(raw(file, "SELECT count(*) FROM history"), 300);
	assert_int_equal(raw(file, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), 1);
}

/* WAL where it works, else the rollback journal: here the -shm cannot be
 * made (a directory has its name). */
static void test_journal_fallback(void **state)
{
	(void)state;
	char dir[128], file[160], shm[200];
	fresh_dir(dir, sizeof dir, file, sizeof file);
	snprintf(shm, sizeof shm, "%s-shm", file);
	assert_int_equal(mkdir(shm, 0755), 0);
	struct anli_err note, err;
	for (int k = 0; k < 2; k++) { /* a new file, then the same again */
		struct user *u = user_open(file, VERSION, 0, &note);
		assert_true(user_active(u));
		assert_string_equal(note.msg, "");
		assert_string_equal(user_journal(u), "delete");
		assert_int_equal(user_read_set(u, k ? "c2" : "c1", 1, NULL, &err), 0);
		user_close(u);
	}
	rmdir(shm);
	assert_int_equal(raw(file, "SELECT count(*) FROM read_mark"), 2);
}

/* The names in dir that start with prefix */
static int count_names(const char *dir, const char *prefix, const char *suffix)
{
	DIR *d = opendir(dir);
	assert_non_null(d);
	struct dirent *e;
	int n = 0;
	while ((e = readdir(d))) {
		size_t l = strlen(e->d_name), sl = strlen(suffix);
		if (!strncmp(e->d_name, prefix, strlen(prefix)) && l >= sl && !strcmp(e->d_name + l - sl, suffix))
			n++;
	}
	closedir(d);
	return n;
}

static void write_file(const char *path, const char *bytes, size_t n)
{
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	fclose(f);
}

static void test_corrupt(void **state)
{
	(void)state;
	char dir[128], file[160], side[200];
	/* not a database at all: refused, never moved or changed */
	fresh_dir(dir, sizeof dir, file, sizeof file);
	char junk[4096];
	memset(junk, 'J', sizeof junk);
	write_file(file, "thesis\n", 7);
	struct anli_err note, err;
	struct user *u = user_open(file, VERSION, 0, &note);
	assert_false(user_active(u));
	assert_non_null(strstr(note.msg, "not an anli state file (not an SQLite database)"));
	user_close(u);
	assert_int_equal(count_names(dir, "user.db.corrupt-", ""), 0);
	FILE *t = fopen(file, "r");
	assert_non_null(t);
	char back[16] = "";
	assert_non_null(fgets(back, sizeof back, t));
	fclose(t);
	assert_string_equal(back, "thesis\n");

	/* a damaged database (its header, then junk), with a -wal and a -shm */
	fresh_dir(dir, sizeof dir, file, sizeof file);
	memcpy(junk, "SQLite format 3", 16);
	write_file(file, junk, sizeof junk);
	snprintf(side, sizeof side, "%s-wal", file);
	write_file(side, junk, 100);
	snprintf(side, sizeof side, "%s-shm", file);
	write_file(side, junk, 100);
	u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u)); /* a fresh file was started */
	assert_non_null(strstr(note.msg, "moved to"));
	assert_non_null(strstr(note.msg, "user.db.corrupt-"));
	assert_null(strchr(note.msg, '\n'));
	int added;
	assert_int_equal(user_bookmark_add(u, "c1:p120", "c1", NULL, &added, &err), 0);
	user_close(u);
	/* the damaged file and its -wal and -shm, side by side */
	assert_int_equal(count_names(dir, "user.db.corrupt-", ""), 3);
	assert_int_equal(count_names(dir, "user.db.corrupt-", "-wal"), 1);
	assert_int_equal(count_names(dir, "user.db.corrupt-", "-shm"), 1);
	assert_int_equal(raw(file, "SELECT count(*) FROM bookmark"), 1);

	/* a database whose pages are damaged (quick_check fails) */
	fresh_dir(dir, sizeof dir, file, sizeof file);
	u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	for (int k = 0; k < 300; k++) {
		char id[32];
		snprintf(id, sizeof id, "c1:p%d", k);
		assert_int_equal(user_bookmark_add(u, id, "c1", NULL, NULL, &err), 0);
	}
	user_close(u);
	raw(file, "PRAGMA journal_mode = DELETE"); /* everything in the main file */
	FILE *f = fopen(file, "r+b");
	assert_non_null(f);
	long page = raw(file, "PRAGMA page_size"), pages = raw(file, "PRAGMA page_count");
	assert_true(pages > 3);
	memset(junk, 0x5a, sizeof junk);
	for (long p = 2; p < pages; p++) { /* every page but the first (the schema) */
		assert_int_equal(fseek(f, p * page - page / 2, SEEK_SET), 0);
		assert_int_equal(fwrite(junk, 1, (size_t)page / 4, f), (size_t)page / 4);
	}
	fclose(f);
	u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	assert_non_null(strstr(note.msg, "moved to"));
	struct user_bookmark *bm;
	int n;
	assert_int_equal(user_bookmarks(u, &bm, &n, &err), 0);
	assert_int_equal(n, 0); /* a new file */
	free(bm);
	user_close(u);
	assert_int_equal(count_names(dir, "user.db.corrupt-", ""), 1);
}

/* No state, no crash: a read-only directory (as a user who may not write
 * there: root drops to nobody in a child), a directory that is a file, no
 * path at all. */
static void test_readonly(void **state)
{
	(void)state;
	char dir[128], file[160], dir2[128], file2[160];
	fresh_dir(dir, sizeof dir, file, sizeof file);
	/* and a state file that exists, read-only, in a read-only directory */
	fresh_dir(dir2, sizeof dir2, file2, sizeof file2);
	struct anli_err note0;
	struct user *u0 = user_open(file2, VERSION, 0, &note0);
	assert_true(user_active(u0));
	assert_int_equal(user_bookmark_add(u0, "c1:p7", "c1", NULL, NULL, &note0), 0);
	user_close(u0);
	assert_int_equal(chmod(file2, 0444), 0);
	assert_int_equal(chmod(dir2, 0555), 0);
	assert_int_equal(chmod(tmpdir, 0755), 0);
	assert_int_equal(chmod(dir, 0555), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		if (geteuid() == 0 && (setgid(65534) || setuid(65534)))
			_exit(3);
		struct anli_err note, err;
		struct user *u = user_open(file, VERSION, 0, &note);
		int added = 1;
		struct user_pos p = {.item_id = "c1"};
		int ok = !user_active(u) && strstr(note.msg, "not saved") && strstr(note.msg, file) &&
			 !strchr(note.msg, '\n') && user_bookmark_add(u, "c1:p1", "c1", NULL, &added, &err) == 0 &&
			 added == 0 && user_pos_save(u, &p, &err) == 0 && user_read_set(u, "c1", 1, NULL, &err) == 0 &&
			 user_history_push(u, &p, &err) == 0 && !strcmp(user_journal(u), "");
		if (!ok)
			fprintf(stderr, "read-only: active %d, note '%s'\n", user_active(u), note.msg);
		user_close(u);
		u = user_open(file2, VERSION, 0, &note);
		struct user_bookmark *bm = NULL;
		int n = 1;
		if (user_active(u) || !strstr(note.msg, "not saved") || user_bookmarks(u, &bm, &n, &err) || n != 0 ||
		    user_bookmark_add(u, "c1:p1", "c1", NULL, &added, &err)) {
			fprintf(stderr, "read-only file: active %d, note '%s'\n", user_active(u), note.msg);
			ok = 0;
		}
		user_close(u);
		/* USER_READ_ONLY: read (a WAL file without its -shm, in a
		 * read-only directory), and every write refused in one line */
		u = user_open(file2, VERSION, USER_READ_ONLY, &note);
		n = 0;
		if (!user_active(u) || user_writable(u) || note.msg[0] || user_bookmarks(u, &bm, &n, &err) || n != 1 ||
		    strcmp(bm[0].block_id, "c1:p7")) {
			fprintf(stderr, "USER_READ_ONLY: active %d, %d bookmarks, note '%s', err '%s'\n", user_active(u), n,
				note.msg, err.msg);
			ok = 0;
		}
		free(bm);
		err.msg[0] = '\0';
		if (user_bookmark_add(u, "c1:p1", "c1", NULL, &added, &err) != -1 ||
		    !strstr(err.msg, "the file is read-only (opened for reading): nothing is saved") ||
		    !strstr(err.msg, file2)) {
			fprintf(stderr, "USER_READ_ONLY write: '%s'\n", err.msg);
			ok = 0;
		}
		user_close(u);
		_exit(ok ? 0 : 1);
	}
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFEXITED(st));
	if (WEXITSTATUS(st) == 3)
		skip();
	assert_int_equal(WEXITSTATUS(st), 0);
	assert_false(file_exists(file));
	assert_int_equal(chmod(dir, 0755), 0);
	assert_int_equal(chmod(dir2, 0755), 0);
	assert_int_equal(raw(file2, "SELECT count(*) FROM bookmark"), 1); /* c1:p7 only */

	/* a "directory" that is a file: with and without USER_MKDIR */
	char path[256];
	fresh_dir(dir, sizeof dir, file, sizeof file);
	write_file(file, "x", 1);
	snprintf(path, sizeof path, "%s/anli/user.db", file);
	struct anli_err note;
	for (unsigned fl = 0; fl <= USER_MKDIR; fl++) {
		struct user *u = user_open(path, VERSION, fl, &note);
		assert_false(user_active(u));
		assert_non_null(strstr(note.msg, "not saved"));
		user_close(u);
	}
	/* no path: no home */
	struct user *u = user_open(NULL, VERSION, USER_MKDIR, &note);
	assert_false(user_active(u));
	assert_null(user_path(u));
	user_close(u);
}

static void test_state_path(void **state)
{
	(void)state;
	struct anli_err err;
	int def;
	char *p;
	setenv("ANLI_STATE", "/x/state.db", 1);
	p = user_state_path("/opt/given.db", &def, &err);
	assert_string_equal(p, "/opt/given.db");
	assert_int_equal(def, 0);
	free(p);
	p = user_state_path(NULL, &def, &err);
	assert_string_equal(p, "/x/state.db");
	assert_int_equal(def, 0);
	free(p);
	unsetenv("ANLI_STATE");
	setenv("XDG_DATA_HOME", "/xdg", 1);
	setenv("HOME", "/home/u", 1);
	p = user_state_path(NULL, &def, &err);
	assert_string_equal(p, "/xdg/anli/user.db");
	assert_int_equal(def, 1);
	free(p);
	setenv("XDG_DATA_HOME", "relative", 1); /* ignored, as the XDG spec says */
	p = user_state_path(NULL, &def, &err);
	assert_string_equal(p, "/home/u/.local/share/anli/user.db");
	free(p);
	unsetenv("XDG_DATA_HOME");
	unsetenv("HOME");
	p = user_state_path(NULL, &def, &err);
	assert_null(p);
	assert_non_null(strstr(err.msg, "not saved"));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_version_cmp), cmocka_unit_test(test_create),   cmocka_unit_test(test_migrate),
		cmocka_unit_test(test_newer),       cmocka_unit_test(test_concurrent), cmocka_unit_test(test_corrupt),
		cmocka_unit_test(test_readonly),    cmocka_unit_test(test_journal_fallback),
		cmocka_unit_test(test_state_path),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
