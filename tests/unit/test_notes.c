/* test_notes.c — the notes store (src/user/notes.c, import.c, resolve.c)
 * on real SQLite files in a temporary directory: add / get / list /
 * update and the optimistic revision check, tombstones, drafts, import
 * and its merge rules, a v1 state file migrated, a shared file's mode,
 * two processes writing at once, a writer killed with SIGKILL, and
 * re-anchoring against the real book ($ANLI_DB). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/model.h"
#include "anli/notes.h"
#include "anli/user.h"
#include "anli/util.h"

#include <fcntl.h>
#include <signal.h>
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
	snprintf(tmpdir, sizeof tmpdir, "/tmp/anli-notes-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	setenv("ANLI_AUTHOR", "张编辑", 1);
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[256];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void fresh_file(char *file, size_t size)
{
	snprintf(file, size, "%s/n%d.db", tmpdir, ++serial);
}

static struct user *open_new(char *file, size_t size)
{
	fresh_file(file, size);
	struct anli_err note;
	struct user *u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	return u;
}

/* Run sql on the file directly; the first column of the last row, as an
 * int (text into `text` when not NULL). */
static int raw(const char *path, const char *sql, char *text, size_t size)
{
	sqlite3 *db;
	assert_int_equal(sqlite3_open(path, &db), SQLITE_OK);
	sqlite3_busy_timeout(db, 15000);
	sqlite3_stmt *st;
	int v = -1;
	const char *tail = sql;
	while (tail && *tail) {
		if (sqlite3_prepare_v2(db, tail, -1, &st, &tail) != SQLITE_OK)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db));
		if (!st)
			break;
		int rc;
		while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
			v = sqlite3_column_int(st, 0);
			if (text)
				snprintf(text, size, "%s", sqlite3_column_text(st, 0) ? (const char *)sqlite3_column_text(st, 0) : "");
		}
		if (rc != SQLITE_DONE)
			fail_msg("%s: %s", sql, sqlite3_errmsg(db));
		sqlite3_finalize(st);
	}
	sqlite3_close(db);
	return v;
}

/* A note to add: kind, anchor, quote (the prefix and suffix empty), fix,
 * remark. */
static void make_note(struct note *n, int kind, const char *anchor, const char *quote, const char *fix,
		      const char *text)
{
	memset(n, 0, sizeof *n);
	n->kind = kind;
	snprintf(n->anchor_id, sizeof n->anchor_id, "%s", anchor);
	snprintf(n->item_id, sizeof n->item_id, "%.*s", (int)strcspn(anchor, ":"), anchor);
	n->sel.quote = xstrdup(quote);
	n->sel.prefix = xstrdup("");
	n->sel.suffix = xstrdup("");
	n->fix = fix ? xstrdup(fix) : NULL;
	n->text = xstrdup(text);
}

static int add(struct user *u, int kind, const char *anchor, const char *quote, const char *fix, const char *text)
{
	struct note n;
	struct anli_err err;
	make_note(&n, kind, anchor, quote, fix, text);
	if (notes_add(u, &n, &err))
		fail_msg("notes_add: %s", err.msg);
	int num = (int)n.num;
	note_clear(&n);
	return num;
}

static void test_names(void **state)
{
	(void)state;
	assert_int_equal(note_kind_parse("改"), ANCHOR_REPLACE);
	assert_int_equal(note_kind_parse("insert"), ANCHOR_INSERT);
	assert_int_equal(note_kind_parse("fixx"), -1);
	assert_string_equal(note_kind_name(ANCHOR_DELETE), "删");
	assert_string_equal(note_kind_ascii(ANCHOR_QUERY), "query");
	assert_int_equal(note_status_parse("resolved"), NOTE_RESOLVED);
	assert_int_equal(note_anchor_parse("orphaned"), ANCHOR_ORPHANED);
	assert_int_equal(note_anchor_parse("lost"), -1);
	char a[NOTE_NAME_MAX];
	setenv("ANLI_AUTHOR", "李\x1b[31m四\n", 1);
	notes_author(a);
	assert_string_equal(a, "李[31m四 ");
	/* cut on a character boundary: 30 three-byte characters */
	char longname[128] = "";
	for (int k = 0; k < 30; k++)
		strcat(longname, "编");
	setenv("ANLI_AUTHOR", longname, 1);
	notes_author(a);
	assert_int_equal(strlen(a), 63);
	setenv("ANLI_AUTHOR", "", 1);
	notes_author(a);
	assert_true(a[0] != '\0');
	setenv("ANLI_AUTHOR", "张编辑", 1);
	setenv("ANLI_NOTES", "/shared/notes.db", 1);
	char *p = notes_path(NULL);
	assert_string_equal(p, "/shared/notes.db");
	free(p);
	p = notes_path("/given.db");
	assert_string_equal(p, "/given.db");
	free(p);
	unsetenv("ANLI_NOTES");
	assert_null(notes_path(NULL));
}

static void test_add_get_update(void **state)
{
	(void)state;
	char file[128];
	struct user *u = open_new(file, sizeof file);
	struct anli_err err;
	struct note n;
	make_note(&n, ANCHOR_REPLACE, "c27:p3771", "科协", "科学技术协会", "全称\t更好");
	assert_int_equal(notes_add(u, &n, &err), 0);
	assert_int_equal(n.num, 1);
	assert_int_equal(n.rev, 1);
	assert_int_equal(strlen(n.uuid), 36);
	assert_int_equal(n.uuid[14], '4');
	assert_int_equal(strlen(n.etag), 16);
	assert_string_equal(n.author, "张编辑");
	assert_string_equal(n.updated_by, "张编辑");
	assert_string_equal(n.text, "全称 更好"); /* a tab is cleaned to a space */
	assert_true(n.created > 0 && n.updated == n.created);
	char uuid[37];
	snprintf(uuid, sizeof uuid, "%s", n.uuid);
	note_clear(&n);
	assert_int_equal(add(u, ANCHOR_QUERY, "c27:title", "", NULL, "标题？"), 2);
	assert_int_equal(add(u, ANCHOR_DELETE, "c3:p10", "的的", NULL, ""), 3);

	/* a 改 without a fix is refused */
	make_note(&n, ANCHOR_REPLACE, "c1:p1", "x", NULL, "");
	assert_int_equal(notes_add(u, &n, &err), -1);
	assert_non_null(strstr(err.msg, "fix"));
	note_clear(&n);

	/* get by number, #number, uuid prefix */
	assert_int_equal(notes_get(u, "1", 0, &n, &err), 0);
	assert_string_equal(n.uuid, uuid);
	assert_string_equal(n.sel.quote, "科协");
	assert_string_equal(n.fix, "科学技术协会");
	assert_string_equal(n.anchor_id, "c27:p3771");
	assert_string_equal(n.item_id, "c27");
	note_clear(&n);
	assert_int_equal(notes_get(u, "#2", 0, &n, &err), 0);
	assert_null(n.fix);
	assert_string_equal(n.anchor_id, "c27:title");
	note_clear(&n);
	char prefix[16];
	snprintf(prefix, sizeof prefix, "%.8s", uuid);
	assert_int_equal(notes_get(u, prefix, 0, &n, &err), 0);
	assert_int_equal(n.num, 1);
	note_clear(&n);
	assert_int_equal(notes_get(u, "99", 0, &n, &err), 1);
	assert_non_null(strstr(err.msg, "99"));
	assert_int_equal(notes_get(u, "zz", 0, &n, &err), 1);

	/* update: rev + 1, the old revision in the history */
	assert_int_equal(notes_get(u, "1", 0, &n, &err), 0);
	char etag1[17];
	snprintf(etag1, sizeof etag1, "%s", n.etag);
	free(n.text);
	n.text = xstrdup("改为全称");
	setenv("ANLI_AUTHOR", "王校对", 1);
	assert_int_equal(notes_update(u, &n, &err), 0);
	setenv("ANLI_AUTHOR", "张编辑", 1);
	assert_int_equal(n.rev, 2);
	assert_string_not_equal(n.etag, etag1);
	assert_string_equal(n.updated_by, "王校对");
	assert_string_equal(n.author, "张编辑");
	assert_int_equal(n.num, 1);
	note_clear(&n);
	struct note *h;
	int nh;
	assert_int_equal(notes_history(u, uuid, &h, &nh, &err), 0);
	assert_int_equal(nh, 1);
	assert_int_equal(h[0].rev, 1);
	assert_string_equal(h[0].etag, etag1);
	assert_string_equal(h[0].text, "全称 更好");
	assert_int_equal(h[0].conflict, 0);
	notes_free(h, nh);

	/* an edit of a stale revision is refused, nothing written */
	struct note a, b;
	assert_int_equal(notes_get(u, "1", 0, &a, &err), 0);
	assert_int_equal(notes_get(u, "1", 0, &b, &err), 0);
	a.status = NOTE_RESOLVED;
	assert_int_equal(notes_update(u, &a, &err), 0);
	free(b.text);
	b.text = xstrdup("另一个人的修改");
	assert_int_equal(notes_update(u, &b, &err), 1);
	assert_non_null(strstr(err.msg, "meanwhile"));
	note_clear(&a);
	note_clear(&b);
	assert_int_equal(notes_get(u, "1", 0, &n, &err), 0);
	assert_int_equal(n.rev, 3);
	assert_int_equal(n.status, NOTE_RESOLVED);
	assert_string_equal(n.text, "改为全称");
	/* saving it unchanged makes no revision */
	assert_int_equal(notes_update(u, &n, &err), 0);
	assert_int_equal(n.rev, 3);
	note_clear(&n);

	/* list and counts */
	struct note *v;
	int nv;
	struct notes_filter f = NOTES_FILTER_ALL;
	assert_int_equal(notes_list(u, &f, &v, &nv, &err), 0);
	assert_int_equal(nv, 3);
	assert_int_equal(v[0].num, 1);
	assert_int_equal(v[2].num, 3);
	notes_free(v, nv);
	f.item_id = "c27";
	f.status = NOTE_OPEN;
	assert_int_equal(notes_list(u, &f, &v, &nv, &err), 0);
	assert_int_equal(nv, 1);
	assert_int_equal(v[0].num, 2);
	notes_free(v, nv);
	struct notes_count *c;
	int nc;
	assert_int_equal(notes_counts(u, &c, &nc, &err), 0);
	assert_int_equal(nc, 2);
	assert_string_equal(c[0].item_id, "c27");
	assert_int_equal(c[0].open, 1);
	assert_int_equal(c[0].total, 2);
	assert_string_equal(c[1].item_id, "c3");
	assert_int_equal(c[1].open, 1);
	free(c);

	/* delete: a tombstone, found only when asked for */
	assert_int_equal(notes_get(u, "3", 0, &n, &err), 0);
	n.deleted = 1;
	assert_int_equal(notes_update(u, &n, &err), 0);
	note_clear(&n);
	assert_int_equal(notes_get(u, "3", 0, &n, &err), 1);
	assert_int_equal(notes_get(u, "3", 1, &n, &err), 0);
	assert_int_equal(n.deleted, 1);
	assert_string_equal(n.sel.quote, "的的"); /* the text kept */
	note_clear(&n);
	f = (struct notes_filter)NOTES_FILTER_ALL;
	assert_int_equal(notes_list(u, &f, &v, &nv, &err), 0);
	assert_int_equal(nv, 2);
	notes_free(v, nv);
	f.deleted = 1;
	assert_int_equal(notes_list(u, &f, &v, &nv, &err), 0);
	assert_int_equal(nv, 3);
	notes_free(v, nv);
	assert_int_equal(notes_counts(u, &c, &nc, &err), 0);
	assert_int_equal(nc, 1);
	free(c);
	/* a new note never reuses the number of a tombstone */
	assert_int_equal(add(u, ANCHOR_QUERY, "c3:p10", "", NULL, "新"), 4);
	user_close(u);
}

static void test_inactive(void **state)
{
	(void)state;
	struct anli_err note, err;
	struct user *u = user_open(NULL, VERSION, 0, &note);
	struct note n;
	make_note(&n, ANCHOR_QUERY, "c1:p1", "", NULL, "x");
	assert_int_equal(notes_add(u, &n, &err), -1);
	assert_non_null(strstr(err.msg, "cannot be saved"));
	note_clear(&n);
	struct note *v;
	int nv;
	struct notes_filter f = NOTES_FILTER_ALL;
	assert_int_equal(notes_list(u, &f, &v, &nv, &err), -1);
	user_close(u);
}

static void test_drafts(void **state)
{
	(void)state;
	char file[128];
	struct user *u = open_new(file, sizeof file);
	struct anli_err err;
	char *k, *f;
	assert_int_equal(user_draft_load(u, &k, &f, &err), 0);
	assert_null(k);
	assert_null(f);
	assert_int_equal(user_draft_save(u, "new c27:p3771", "改\x1f科协\x1f科学技术协会\x1f备注", &err), 0);
	assert_int_equal(user_draft_save(u, "edit 1234", "疑\x1f\x1f\x1f第二个", &err), 0);
	assert_int_equal(user_draft_load(u, &k, &f, &err), 0);
	assert_string_equal(k, "edit 1234");
	assert_string_equal(f, "疑\x1f\x1f\x1f第二个");
	free(k);
	free(f);
	assert_int_equal(user_draft_save(u, "edit 1234", "", &err), 0);
	assert_int_equal(user_draft_load(u, &k, &f, &err), 0);
	assert_string_equal(k, "new c27:p3771");
	free(k);
	free(f);
	user_close(u);
}

/* The state file as anli 0.1.0 wrote it (schema 1), with a bookmark:
 * migrated to 2, the bookmark kept, notes usable. */
static void test_migrate_v1(void **state)
{
	(void)state;
	char file[128];
	fresh_file(file, sizeof file);
	raw(file,
	    "PRAGMA application_id = 1095650389;" /* 0x414E4C55 */
	    "CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);"
	    "CREATE TABLE position(id INTEGER PRIMARY KEY CHECK (id = 1), item_id TEXT NOT NULL, block_id TEXT,"
	    "  focus TEXT, book TEXT, updated INTEGER NOT NULL);"
	    "CREATE TABLE history(seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL, block_id TEXT,"
	    "  book TEXT, at INTEGER NOT NULL);"
	    "CREATE TABLE read_mark(item_id TEXT PRIMARY KEY, book TEXT, at INTEGER NOT NULL);"
	    "CREATE TABLE review(item_id TEXT PRIMARY KEY,"
	    "  status TEXT NOT NULL CHECK (status IN ('reviewed', 'needs-fix')), book TEXT, at INTEGER NOT NULL);"
	    "CREATE TABLE bookmark(block_id TEXT PRIMARY KEY, item_id TEXT NOT NULL, book TEXT,"
	    "  created INTEGER NOT NULL);"
	    "INSERT INTO meta VALUES ('min_reader', '0.1.0');"
	    "INSERT INTO bookmark VALUES ('c1:p120', 'c1', NULL, 1);"
	    "PRAGMA user_version = 1;",
	    NULL, 0);
	struct anli_err note;
	struct user *u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	assert_string_equal(note.msg, "");
	int found, now;
	const char *minr;
	user_versions(u, &found, &now, &minr);
	assert_int_equal(found, 1);
	assert_int_equal(now, 2);
	assert_string_equal(minr, "0.1.0");
	assert_int_equal(add(u, ANCHOR_QUERY, "c1:p120", "", NULL, "迁移后"), 1);
	user_close(u);
	assert_int_equal(raw(file, "PRAGMA user_version", NULL, 0), 2);
	assert_int_equal(raw(file, "SELECT count(*) FROM bookmark", NULL, 0), 1);
	assert_int_equal(raw(file, "SELECT count(*) FROM note", NULL, 0), 1);
	assert_int_equal(raw(file, "SELECT count(*) FROM draft", NULL, 0), 0);
}

/* USER_SHARED: 0660 whatever the umask, the file and its -wal and -shm,
 * with the directory's group. */
static void test_shared_mode(void **state)
{
	(void)state;
	char dir[128], file[160], side[180];
	snprintf(dir, sizeof dir, "%s/shared%d", tmpdir, ++serial);
	assert_int_equal(mkdir(dir, 0770), 0);
	snprintf(file, sizeof file, "%s/notes.db", dir);
	mode_t old = umask(077);
	struct anli_err note;
	struct user *u = user_open(file, VERSION, USER_SHARED, &note);
	umask(old);
	assert_true(user_active(u));
	assert_int_equal(add(u, ANCHOR_QUERY, "c1:p1", "", NULL, "共享"), 1);
	struct stat sd, sb;
	assert_int_equal(stat(dir, &sd), 0);
	const char *suffix[] = {"", "-wal", "-shm", ".lock"};
	for (int k = 0; k < 4; k++) {
		snprintf(side, sizeof side, "%s%s", file, suffix[k]);
		assert_int_equal(stat(side, &sb), 0);
		if ((sb.st_mode & 0777) != 0660)
			fail_msg("%s: mode %o", side, (unsigned)(sb.st_mode & 0777));
		assert_int_equal(sb.st_gid, sd.st_gid);
	}
	user_close(u);
	/* without the flag: the umask applies (the per-user state file) */
	fresh_file(file, sizeof file);
	old = umask(077);
	u = user_open(file, VERSION, 0, &note);
	umask(old);
	assert_int_equal(stat(file, &sb), 0);
	assert_int_equal(sb.st_mode & 0777, 0600);
	user_close(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),      cmocka_unit_test(test_add_get_update), cmocka_unit_test(test_inactive),
		cmocka_unit_test(test_drafts),     cmocka_unit_test(test_migrate_v1),     cmocka_unit_test(test_shared_mode),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
