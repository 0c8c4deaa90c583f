/* test_notes.c — the notes store (src/user/notes.c, import.c, resolve.c)
 * on real SQLite files in a temporary directory: add / get / list /
 * update and the optimistic revision check, tombstones, drafts, import
 * and its merge rules, a v1 state file migrated, a shared file's mode,
 * two processes writing at once, a writer killed with SIGKILL, and
 * re-anchoring against the real book ($ANLI_DB).  Over 400 lines: one
 * store's tests sharing their fixtures (temporary files, raw SQL, note and
 * export builders), in sections. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/addr.h"
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
#include <time.h>
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
	/* by key: the older one too, and none for a key without a draft */
	assert_int_equal(user_draft_get(u, "new c27:p3771", &f, &err), 0);
	assert_string_equal(f, "改\x1f科协\x1f科学技术协会\x1f备注");
	free(f);
	assert_int_equal(user_draft_get(u, "new c27:p1", &f, &err), 0);
	assert_null(f);
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

/* --- import: hand-written exports in notes.h's format */

#define U1 "11111111-1111-4111-8111-111111111111"
#define U2 "22222222-2222-4222-8222-222222222222"

/* One note of an export (history: "" for none, else the entries joined
 * by commas). */
static void jnote(struct sbuf *b, const char *uuid, int rev, const char *etag, const char *text, const char *updated,
		  int deleted, const char *history, int conflict)
{
	sbuf_printf(b,
		    "{\"uuid\": \"%s\", \"rev\": %d, \"etag\": \"%s\", \"kind\": \"改\", \"status\": \"open\","
		    " \"deleted\": %s, \"item\": \"c27\", \"anchor\": \"c27:p3771\", \"quote\": \"科协\","
		    " \"prefix\": \"园区\", \"suffix\": \"工作\", \"offset\": 4, \"fix\": \"科学技术协会\", \"note\": \"%s\","
		    " \"anchor_state\": \"exact\", \"applied\": false, \"book\": \"0123456789abcdef\", \"cite\": null,"
		    " \"author\": \"李编辑\", \"updated_by\": \"李编辑\", \"created\": \"2026-11-29T20:00:00Z\","
		    " \"updated\": \"%s\", \"title\": \"ignored\"",
		    uuid, rev, etag, deleted ? "true" : "false", text, updated);
	if (history)
		sbuf_printf(b, ", \"history\": [%s]", history);
	if (conflict)
		sbuf_adds(b, ", \"conflict\": true");
	sbuf_adds(b, "}");
}

/* An export of the notes given as JSON texts, joined by commas. */
static char *jexport(const char *notes)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_printf(&b, "{\"anli_notes\": 1, \"book\": \"0123456789abcdef\", \"exported\": \"2026-11-29T21:00:00Z\","
			" \"notes\": [%s]}", notes);
	return sbuf_take(&b);
}

/* Revision k (1..) of U1 as a history entry or a current note. */
static void rev_u1(struct sbuf *b, int k, const char *text, const char *history)
{
	char etag[17], updated[32];
	snprintf(etag, sizeof etag, "00000000000000a%d", k);
	snprintf(updated, sizeof updated, "2026-11-29T20:0%d:00Z", k);
	jnote(b, U1, k, etag, text, updated, 0, history, 0);
}

static int import(struct user *u, const char *json, struct notes_import_counts *c)
{
	struct anli_err err;
	int rc = notes_import(u, json, "in.json", c, &err);
	if (rc)
		print_message("import: %s\n", err.msg);
	return rc;
}

static void expect(const struct notes_import_counts *c, int added, int updated, int unchanged, int deleted,
		   int conflicts)
{
	if (c->added != added || c->updated != updated || c->unchanged != unchanged || c->deleted != deleted ||
	    c->conflicts != conflicts)
		fail_msg("added %d, updated %d, unchanged %d, deleted %d, conflicts %d; expected %d %d %d %d %d", c->added,
			 c->updated, c->unchanged, c->deleted, c->conflicts, added, updated, unchanged, deleted, conflicts);
}

static void test_import(void **state)
{
	(void)state;
	char file[128];
	struct user *u = open_new(file, sizeof file);
	struct anli_err err;
	struct notes_import_counts c;
	char later[32]; /* ahead of the edits made here, not of the clock by a day */
	time_t t_later = time(NULL) + 3600;
	strftime(later, sizeof later, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t_later));
	struct note n;
	assert_int_equal(add(u, ANCHOR_QUERY, "c1:p1", "", NULL, "本地的"), 1);

	/* U1 at revision 2 (revision 1 in its history), U2 a tombstone */
	struct sbuf h, b;
	sbuf_init(&h);
	sbuf_init(&b);
	rev_u1(&h, 1, "第一稿", NULL);
	rev_u1(&b, 2, "第二稿\\u001b[2J", h.s);
	sbuf_adds(&b, ", ");
	jnote(&b, U2, 2, "00000000000000b2", "删掉了", "2026-11-29T20:05:00Z", 1, NULL, 0);
	char *json = jexport(b.s);
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 2, 0, 0, 0, 0);
	assert_int_equal(notes_get(u, U1, 0, &n, &err), 0);
	assert_int_equal(n.num, 2);
	assert_int_equal(n.rev, 2);
	assert_string_equal(n.etag, "00000000000000a2");
	assert_string_equal(n.text, "第二稿[2J"); /* the escape removed */
	assert_string_equal(n.fix, "科学技术协会");
	assert_string_equal(n.sel.prefix, "园区");
	assert_int_equal(n.sel.offset, 4);
	assert_string_equal(n.author, "李编辑");
	assert_int_equal(n.created, 1795982400); /* 2026-11-29T20:00:00Z */
	note_clear(&n);
	assert_int_equal(notes_get(u, "3", 0, &n, &err), 1); /* a tombstone */
	assert_int_equal(notes_get(u, "3", 1, &n, &err), 0);
	assert_string_equal(n.uuid, U2);
	assert_int_equal(n.deleted, 1);
	note_clear(&n);
	struct note *v;
	int nv;
	assert_int_equal(notes_history(u, U1, &v, &nv, &err), 0);
	assert_int_equal(nv, 1);
	assert_string_equal(v[0].text, "第一稿");
	notes_free(v, nv);

	/* the same file again: nothing changes */
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 0, 0, 2, 0, 0);
	assert_int_equal(raw(file, "SELECT count(*) FROM note", NULL, 0), 3);
	assert_int_equal(raw(file, "SELECT count(*) FROM note_rev", NULL, 0), 1);
	free(json);

	/* a later edit of U1 (revision 3 over 2): updated; an older copy of
	 * U1 (revision 1): unchanged */
	sbuf_free(&h);
	rev_u1(&h, 1, "第一稿", NULL);
	sbuf_adds(&h, ", ");
	rev_u1(&h, 2, "第二稿", NULL);
	sbuf_free(&b);
	rev_u1(&b, 3, "第三稿", h.s);
	json = jexport(b.s);
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 0, 1, 0, 0, 0);
	assert_int_equal(notes_get(u, U1, 0, &n, &err), 0);
	assert_string_equal(n.text, "第三稿");
	assert_int_equal(n.num, 2); /* the local number kept */
	note_clear(&n);
	free(json);
	sbuf_free(&b);
	rev_u1(&b, 1, "第一稿", NULL);
	json = jexport(b.s);
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 0, 0, 1, 0, 0);
	free(json);

	/* a conflict: edited here (revision 4 over 3) and there (another
	 * revision 4, later): theirs current, ours in the history as a
	 * conflict; both texts kept */
	assert_int_equal(notes_get(u, U1, 0, &n, &err), 0);
	free(n.text);
	n.text = xstrdup("本地第四稿");
	assert_int_equal(notes_update(u, &n, &err), 0);
	char ours[17];
	snprintf(ours, sizeof ours, "%s", n.etag);
	note_clear(&n);
	sbuf_free(&h);
	for (int k = 1; k <= 3; k++) {
		if (k > 1)
			sbuf_adds(&h, ", ");
		rev_u1(&h, k, k == 3 ? "第三稿" : "旧稿", NULL);
	}
	sbuf_free(&b);
	jnote(&b, U1, 4, "00000000000000c4", "远端第四稿", later, 0, h.s, 0);
	json = jexport(b.s);
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 0, 0, 0, 0, 1);
	assert_int_equal(notes_get(u, U1, 0, &n, &err), 0);
	assert_string_equal(n.text, "远端第四稿");
	note_clear(&n);
	assert_int_equal(notes_history(u, U1, &v, &nv, &err), 0);
	int found = 0;
	for (int i = 0; i < nv; i++)
		if (!strcmp(v[i].etag, ours)) {
			found = 1;
			assert_string_equal(v[i].text, "本地第四稿");
			assert_int_equal(v[i].conflict, 1);
		}
	assert_true(found);
	notes_free(v, nv);
	/* again: unchanged */
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 0, 0, 1, 0, 0);
	free(json);

	/* the other way round: an edit there that is older than ours loses,
	 * kept in the history as a conflict */
	assert_int_equal(notes_get(u, U1, 0, &n, &err), 0);
	free(n.text);
	n.text = xstrdup("本地第五稿");
	assert_int_equal(notes_update(u, &n, &err), 0);
	note_clear(&n);
	sbuf_free(&b);
	sbuf_free(&h);
	rev_u1(&h, 3, "第三稿", NULL);
	jnote(&b, U1, 4, "00000000000000d4", "远端旧的第四稿", "2026-11-29T20:09:00Z", 0, h.s, 0);
	json = jexport(b.s);
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 0, 0, 0, 0, 1);
	assert_int_equal(notes_get(u, U1, 0, &n, &err), 0);
	assert_string_equal(n.text, "本地第五稿");
	note_clear(&n);
	assert_int_equal(raw(file, "SELECT conflict FROM note_rev WHERE etag = '00000000000000d4'", NULL, 0), 1);
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 0, 0, 1, 0, 0);
	free(json);

	/* tombstones: an older copy of U2 (revision 1, in the tombstone's
	 * history?  no: unknown here) edited later than the deletion is a
	 * conflict the tombstone wins */
	sbuf_free(&b);
	jnote(&b, U2, 2, "00000000000000e2", "复活？", later, 0, NULL, 0);
	json = jexport(b.s);
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 0, 0, 0, 0, 1);
	assert_int_equal(notes_get(u, U2, 0, &n, &err), 1);
	assert_int_equal(notes_get(u, U2, 1, &n, &err), 0);
	assert_int_equal(n.deleted, 1);
	assert_string_equal(n.text, "删掉了");
	note_clear(&n);
	free(json);

	/* a deletion arriving for a note edited nowhere else: deleted */
	assert_int_equal(notes_get(u, "1", 0, &n, &err), 0);
	char local_uuid[37], local_etag[17], hist[1024];
	snprintf(local_uuid, sizeof local_uuid, "%s", n.uuid);
	snprintf(local_etag, sizeof local_etag, "%s", n.etag);
	note_clear(&n);
	sbuf_free(&b);
	snprintf(hist, sizeof hist,
		 "{\"uuid\": \"%s\", \"rev\": 1, \"etag\": \"%s\", \"kind\": \"疑\", \"status\": \"open\", \"item\": \"c1\","
		 " \"anchor\": \"c1:p1\", \"note\": \"本地的\", \"created\": \"2026-11-29T20:00:00Z\","
		 " \"updated\": \"2026-11-29T20:00:00Z\"}",
		 local_uuid, local_etag);
	sbuf_printf(&b,
		    "{\"uuid\": \"%s\", \"rev\": 2, \"etag\": \"00000000000000f2\", \"kind\": \"query\", \"status\":"
		    " \"open\", \"deleted\": true, \"item\": \"c1\", \"anchor\": \"c1:p1\", \"note\": \"本地的\","
		    " \"created\": \"2026-11-29T20:00:00Z\", \"updated\": \"%s\", \"history\": [%s]}",
		    local_uuid, later, hist);
	json = jexport(b.s);
	assert_int_equal(import(u, json, &c), 0);
	expect(&c, 0, 0, 0, 1, 0);
	assert_int_equal(notes_get(u, "1", 0, &n, &err), 1);
	free(json);

	/* malformed: nothing changes, the first bad note named */
	int before = raw(file, "SELECT total_changes() + (SELECT count(*) FROM note) * 1000 + (SELECT count(*) FROM note_rev)",
			 NULL, 0);
	sbuf_free(&b);
	jnote(&b, "33333333-3333-4333-8333-333333333333", 1, "0000000000000031", "好的", "2026-11-29T20:00:00Z", 0,
	      NULL, 0);
	sbuf_adds(&b, ", {\"uuid\": \"44444444-4444-4444-8444-444444444444\", \"etag\": \"0000000000000041\"}");
	json = jexport(b.s);
	assert_int_equal(notes_import(u, json, "in.json", &c, &err), -1);
	assert_non_null(strstr(err.msg, "note 2"));
	assert_non_null(strstr(err.msg, "44444444-4444-4444-8444-444444444444"));
	assert_non_null(strstr(err.msg, "\"rev\""));
	expect(&c, 0, 0, 0, 0, 0);
	free(json);
	const char *bad[] = {
		"{", "[]", "{\"notes\": []}", "{\"anli_notes\": 2, \"notes\": []}", "{\"anli_notes\": 1, \"notes\": {}}",
		"{\"anli_notes\": 1, \"notes\": [42]}",
	};
	for (size_t k = 0; k < sizeof bad / sizeof *bad; k++) {
		err.msg[0] = '\0';
		assert_int_equal(notes_import(u, bad[k], "in.json", &c, &err), -1);
		assert_true(err.msg[0] != '\0');
	}
	/* a bad field: an unknown kind, a time that is not one */
	sbuf_free(&b);
	jnote(&b, "55555555-5555-4555-8555-555555555555", 1, "0000000000000051", "x", "yesterday", 0, NULL, 0);
	json = jexport(b.s);
	assert_int_equal(notes_import(u, json, "in.json", &c, &err), -1);
	assert_non_null(strstr(err.msg, "\"updated\""));
	free(json);
	assert_int_equal(raw(file, "SELECT total_changes() + (SELECT count(*) FROM note) * 1000 + (SELECT count(*) FROM note_rev)",
			     NULL, 0),
			 before);
	sbuf_free(&b);
	sbuf_free(&h);
	user_close(u);
}

/* Import json into u, expecting it refused: the message into msg, with
 * nothing added. */
static void import_fails(struct user *u, const char *json, char *msg, size_t size)
{
	struct anli_err err;
	struct notes_import_counts c;
	err.msg[0] = '\0';
	if (notes_import(u, json, "in.json", &c, &err) != -1)
		fail_msg("imported: %s", json);
	expect(&c, 0, 0, 0, 0, 0);
	snprintf(msg, size, "%s", err.msg);
}

/* An export of one note U2, jnote's, with the text `from` (when not NULL)
 * replaced by `to`. */
static char *jone(const char *from, const char *to)
{
	struct sbuf b;
	sbuf_init(&b);
	jnote(&b, U2, 1, "00000000000000b1", "好", "2026-11-29T20:00:00Z", 0, NULL, 0);
	char *at = from ? strstr(b.s, from) : NULL;
	if (from && !at)
		fail_msg("'%s' is not in the note", from);
	struct sbuf c;
	sbuf_init(&c);
	if (at) {
		sbuf_printf(&c, "%.*s%s%s", (int)(at - b.s), b.s, to, at + strlen(from));
	} else {
		sbuf_adds(&c, b.s);
	}
	char *json = jexport(c.s);
	sbuf_free(&b);
	sbuf_free(&c);
	return json;
}

/* Malformed exports: refused with a message naming the note, no crash. */
static void test_import_refused(void **state)
{
	(void)state;
	char file[128], msg[512];
	struct user *u = open_new(file, sizeof file);
	/* entries that are not objects */
	import_fails(u, "{\"anli_notes\": 1, \"notes\": [null]}", msg, sizeof msg);
	assert_non_null(strstr(msg, "note 1"));
	import_fails(u, "{\"anli_notes\": 1, \"notes\": [\"abc\"]}", msg, sizeof msg);
	assert_non_null(strstr(msg, "note 1: not a JSON object"));
	char *json = jone("\"title\": \"ignored\"", "\"history\": [null]");
	import_fails(u, json, msg, sizeof msg);
	assert_non_null(strstr(msg, "note 1 (" U2 "): an entry of its \"history\""));
	free(json);
	json = jone("\"title\": \"ignored\"", "\"history\": [[]]");
	import_fails(u, json, msg, sizeof msg);
	assert_non_null(strstr(msg, "history"));
	free(json);
	/* the note rules, for notes_add (the reader's form) as for import */
	struct note n;
	struct anli_err err;
	const struct {
		int kind;
		const char *anchor, *quote, *fix, *text, *says;
	} rules[] = {
		{ANCHOR_REPLACE, "c27:p3771", "科协", "科协", "", "fix is its quote"},
		{ANCHOR_REPLACE, "c27:p3771", "科协", " \t", "", "needs a fix"},
		{ANCHOR_INSERT, "c27:p3771", "", "加", "", "needs a quote"},
		{ANCHOR_DELETE, "c27:p3771", "科协", "x", "", "has no fix"},
		{ANCHOR_QUERY, "c27:p3771", "", NULL, " ", "needs a remark or a quote"},
	};
	for (size_t k = 0; k < sizeof rules / sizeof *rules; k++) {
		make_note(&n, rules[k].kind, rules[k].anchor, rules[k].quote, rules[k].fix, rules[k].text);
		assert_int_equal(notes_add(u, &n, &err), -1);
		if (!strstr(err.msg, rules[k].says))
			fail_msg("rule %zu: %s", k, err.msg);
		note_clear(&n);
	}
	make_note(&n, ANCHOR_QUERY, "c27:p3771", "", NULL, "x");
	snprintf(n.item_id, sizeof n.item_id, "c2");
	assert_int_equal(notes_add(u, &n, &err), -1);
	assert_non_null(strstr(err.msg, "not in the item c2"));
	note_clear(&n);
	/* a NUL (\u0000) in a string is refused, never cut there */
	json = jone("\"note\": \"好\"", "\"note\": \"好\\u0000坏\"");
	import_fails(u, json, msg, sizeof msg);
	assert_string_equal(msg, "in.json: note 1 (" U2 "): a string holds a NUL character (\\u0000)");
	free(json);
	json = jone("\"note\": \"好\"", "\"note\": \"a\\\\u0000\"");
	struct notes_import_counts c;
	assert_int_equal(import(u, json, &c), 0); /* a backslash, then "u0000": text */
	free(json);
	/* the version is the integer 1 */
	const char *versions[] = {"\"1\"", "1.5", "true", "1.0"};
	for (size_t k = 0; k < sizeof versions / sizeof *versions; k++) {
		char v[64];
		snprintf(v, sizeof v, "{\"anli_notes\": %s, \"notes\": []}", versions[k]);
		import_fails(u, v, msg, sizeof msg);
		assert_non_null(strstr(msg, "in.json: an anli notes export of another version"));
	}
	/* times: ISO 8601 strings, not numbers; not ahead of the clock */
	json = jone("\"updated\": \"2026-11-29T20:00:00Z\"", "\"updated\": 2461009.5");
	import_fails(u, json, msg, sizeof msg);
	assert_string_equal(msg, "in.json: note 1 (" U2 "): \"updated\" is not valid");
	free(json);
	json = jone("\"created\": \"2026-11-29T20:00:00Z\"", "\"created\": \"2026-11-29\"");
	import_fails(u, json, msg, sizeof msg);
	assert_string_equal(msg, "in.json: note 1 (" U2 "): \"created\" is not valid");
	free(json);
	json = jone("\"updated\": \"2026-11-29T20:00:00Z\"", "\"updated\": \"2999-01-01T00:00:00Z\"");
	import_fails(u, json, msg, sizeof msg);
	assert_string_equal(msg, "in.json: note 1 (" U2 "): \"updated\" is more than a day in the future");
	free(json);
	json = jone("\"fix\": \"科学技术协会\"", "\"fix\": \"科协\"");
	import_fails(u, json, msg, sizeof msg);
	assert_string_equal(msg, "in.json: note 1 (" U2 "): a 改 note's fix is its quote: nothing would change");
	free(json);
	user_close(u);
}

/* A note as an export writes it (test texts hold no character JSON must
 * escape); times as ISO 8601. */
static void note_json(struct sbuf *b, const struct note *n, int with_conflict)
{
	char c[32], u[32];
	time_t t = (time_t)n->created;
	strftime(c, sizeof c, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	t = (time_t)n->updated;
	strftime(u, sizeof u, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
	sbuf_printf(b,
		    "{\"uuid\": \"%s\", \"rev\": %d, \"etag\": \"%s\", \"kind\": \"%s\", \"status\": \"%s\","
		    " \"deleted\": %s, \"item\": \"%s\", \"anchor\": \"%s\", \"quote\": \"%s\", \"note\": \"%s\","
		    " \"author\": \"%s\", \"updated_by\": \"%s\", \"created\": \"%s\", \"updated\": \"%s\"",
		    n->uuid, n->rev, n->etag, note_kind_name(n->kind), note_status_name(n->status),
		    n->deleted ? "true" : "false", n->item_id, n->anchor_id, n->sel.quote, n->text, n->author,
		    n->updated_by, c, u);
	if (with_conflict)
		sbuf_printf(b, ", \"conflict\": %s", n->conflict ? "true" : "false");
}

/* Every note of u (tombstones too) with its history, as an export. */
static char *export_all(struct user *u)
{
	struct anli_err err;
	struct note *v;
	int nv;
	struct notes_filter f = NOTES_FILTER_ALL;
	f.deleted = 1;
	assert_int_equal(notes_list(u, &f, &v, &nv, &err), 0);
	struct sbuf b;
	sbuf_init(&b);
	for (int i = 0; i < nv; i++) {
		if (i)
			sbuf_adds(&b, ", ");
		note_json(&b, &v[i], 0);
		struct note *h;
		int nh;
		assert_int_equal(notes_history(u, v[i].uuid, &h, &nh, &err), 0);
		sbuf_adds(&b, ", \"history\": [");
		for (int k = 0; k < nh; k++) {
			if (k)
				sbuf_adds(&b, ", ");
			note_json(&b, &h[k], 1);
			sbuf_adds(&b, "}");
		}
		sbuf_adds(&b, "]}");
		notes_free(h, nh);
	}
	notes_free(v, nv);
	char *json = jexport(b.s);
	sbuf_free(&b);
	return json;
}

/* Two editors edit one note apart and import each other's export: both
 * end with the same current revision and both texts. */
static void test_import_converges(void **state)
{
	(void)state;
	char fa[128], fb[128];
	struct user *a = open_new(fa, sizeof fa), *b = open_new(fb, sizeof fb);
	struct anli_err err;
	struct notes_import_counts c;
	assert_int_equal(add(a, ANCHOR_QUERY, "c27:p3641", "", NULL, "底稿"), 1);
	char *json = export_all(a);
	assert_int_equal(import(b, json, &c), 0);
	expect(&c, 1, 0, 0, 0, 0);
	free(json);
	struct note n;
	assert_int_equal(notes_get(a, "1", 0, &n, &err), 0);
	free(n.text);
	n.text = xstrdup("甲的修改");
	assert_int_equal(notes_update(a, &n, &err), 0);
	note_clear(&n);
	assert_int_equal(notes_get(b, "1", 0, &n, &err), 0);
	free(n.text);
	n.text = xstrdup("乙的修改");
	assert_int_equal(notes_update(b, &n, &err), 0);
	note_clear(&n);
	char *ja = export_all(a), *jb = export_all(b);
	assert_int_equal(import(a, jb, &c), 0);
	expect(&c, 0, 0, 0, 0, 1);
	assert_int_equal(import(b, ja, &c), 0);
	expect(&c, 0, 0, 0, 0, 1);
	free(ja);
	free(jb);
	struct note na, nb;
	assert_int_equal(notes_get(a, "1", 0, &na, &err), 0);
	assert_int_equal(notes_get(b, "1", 0, &nb, &err), 0);
	assert_string_equal(na.etag, nb.etag);
	assert_string_equal(na.text, nb.text);
	struct note *h;
	int nh;
	assert_int_equal(notes_history(a, na.uuid, &h, &nh, &err), 0);
	assert_int_equal(nh, 2); /* the base and the loser */
	assert_string_equal(h[0].text, "底稿");
	assert_string_not_equal(h[1].text, na.text);
	assert_int_equal(h[1].conflict, 1);
	notes_free(h, nh);
	note_clear(&na);
	note_clear(&nb);
	/* and now the exports are the same: importing either way changes
	 * nothing */
	ja = export_all(a);
	jb = export_all(b);
	assert_string_equal(ja, jb);
	assert_int_equal(import(a, jb, &c), 0);
	expect(&c, 0, 0, 1, 0, 0);
	free(ja);
	free(jb);
	user_close(a);
	user_close(b);
}

/* --- re-anchoring against the real book */

/* A note on block `anchor` of c27 whose selector is made from the text
 * `text` around the first `quote` in it, then changed: the offset moved by
 * `shift`, the quote replaced by `quote_now` (NULL: kept). */
static int add_sel(struct user *u, int kind, const char *anchor, const char *text, const char *quote, int shift,
		   const char *quote_now, const char *fix)
{
	int *st, *ln, nfound;
	assert_int_equal(anchor_find_typed(text, quote, &st, &ln, &nfound), 0);
	assert_true(nfound >= 1);
	struct note n;
	memset(&n, 0, sizeof n);
	assert_int_equal(anchor_make(text, st[0], ln[0], &n.sel), 0);
	free(st);
	free(ln);
	n.sel.offset += shift;
	if (quote_now) {
		free(n.sel.quote);
		n.sel.quote = xstrdup(quote_now);
	}
	n.kind = kind;
	snprintf(n.anchor_id, sizeof n.anchor_id, "%s", anchor);
	snprintf(n.item_id, sizeof n.item_id, "%.*s", (int)strcspn(anchor, ":"), anchor);
	n.fix = fix ? xstrdup(fix) : NULL;
	n.text = xstrdup("");
	n.cite = xstrdup("旧的出处");
	struct anli_err err;
	if (notes_add(u, &n, &err))
		fail_msg("%s", err.msg);
	int num = (int)n.num;
	note_clear(&n);
	return num;
}

static void expect_anchor(struct user *u, int num, int state, int applied, const char *anchor_id)
{
	char key[16];
	snprintf(key, sizeof key, "%d", num);
	struct note n;
	struct anli_err err;
	assert_int_equal(notes_get(u, key, 0, &n, &err), 0);
	if (n.anchor_state != state || n.applied != applied || strcmp(n.anchor_id, anchor_id))
		fail_msg("note %d: %s applied %d on %s; expected %s %d on %s", num, note_anchor_name(n.anchor_state),
			 n.applied, n.anchor_id, note_anchor_name(state), applied, anchor_id);
	note_clear(&n);
}

static void test_resolve(void **state)
{
	(void)state;
	const char *db = getenv("ANLI_DB");
	if (!db)
		skip();
	struct anli_err err;
	struct model *m = model_open(db, &err);
	if (!m)
		fail_msg("%s", err.msg);
	char fp[17];
	assert_int_equal(model_fingerprint(m, fp, &err), 0);
	int ci = model_find(m, "c27");
	assert_true(ci >= 0);
	struct model_block *b;
	int nb;
	assert_int_equal(model_blocks(m, ci, &b, &nb, &err), 0);
	int k = addr_block_index(b, nb, "c27:p3641");
	assert_true(k >= 0);
	const char *text = b[k].text; /* 2021 年，石河子高新区入选第二批“科创中国”试点园区。石河子高新区科协坚持… */
	char file[128];
	struct user *u = open_new(file, sizeof file);
	int exact = add_sel(u, ANCHOR_QUERY, "c27:p3641", text, "石河子高新区科协", 0, NULL, NULL);
	int moved = add_sel(u, ANCHOR_QUERY, "c27:p3641", text, "石河子高新区科协", 7, NULL, NULL);
	/* its block gone (a rebuild renumbered it): found in another block of
	 * the item by its context */
	int elsewhere = add_sel(u, ANCHOR_QUERY, "c27:p9999", text, "石河子高新区科协", 0, NULL, NULL);
	int vanished = add_sel(u, ANCHOR_QUERY, "c27:p3641", text, "石河子高新区科协", 0, "书里没有的一句话", NULL);
	/* a 改 whose fix is what the book now says: applied, and anchored where
	 * the correction is (its old quote is gone but kept: not an orphan) */
	int fixed = add_sel(u, ANCHOR_REPLACE, "c27:p3641", text, "石河子高新区科协", 0, "石河子科协", "石河子高新区科协");
	int title = add_sel(u, ANCHOR_QUERY, "c27:title", m->items[ci].title, "科创中国", 0, NULL, NULL);
	int noitem = add_sel(u, ANCHOR_QUERY, "c99:p1", text, "石河子高新区科协", 0, NULL, NULL);
	int changed = -1;
	assert_int_equal(notes_resolve(u, m, fp, &changed, &err), 0);
	expect_anchor(u, exact, ANCHOR_EXACT, 0, "c27:p3641");
	expect_anchor(u, moved, ANCHOR_MOVED, 0, "c27:p3641");
	expect_anchor(u, elsewhere, ANCHOR_MOVED, 0, "c27:p3641");
	expect_anchor(u, vanished, ANCHOR_ORPHANED, 0, "c27:p3641");
	expect_anchor(u, fixed, ANCHOR_EXACT, 1, "c27:p3641");
	expect_anchor(u, title, ANCHOR_EXACT, 0, "c27:title");
	expect_anchor(u, noitem, ANCHOR_ORPHANED, 0, "c99:p1");
	/* the states were all exact when added: changed are those now not,
	 * and the one applied */
	assert_int_equal(changed, 5);
	struct note n;
	char key[16];
	snprintf(key, sizeof key, "%d", moved);
	assert_int_equal(notes_get(u, key, 0, &n, &err), 0);
	int *st, *ln, nf;
	assert_int_equal(anchor_find_typed(text, "石河子高新区科协", &st, &ln, &nf), 0);
	assert_int_equal(n.sel.offset, st[0]); /* the offset corrected */
	free(st);
	free(ln);
	assert_string_equal(n.book, fp);
	assert_int_equal(n.rev, 1); /* re-anchoring is not an edit */
	assert_string_equal(n.cite, "c27:2 工作背景 第1段");
	note_clear(&n);
	snprintf(key, sizeof key, "%d", vanished);
	assert_int_equal(notes_get(u, key, 0, &n, &err), 0);
	assert_string_equal(n.cite, "旧的出处"); /* an orphan keeps its citation and quote */
	assert_string_equal(n.sel.quote, "书里没有的一句话");
	note_clear(&n);
	snprintf(key, sizeof key, "%d", fixed);
	assert_int_equal(notes_get(u, key, 0, &n, &err), 0);
	assert_string_equal(n.sel.quote, "石河子科协"); /* the 原文 of the errata table */
	note_clear(&n);
	/* idempotent: again nothing to do; against another fingerprint the
	 * same answers */
	assert_int_equal(raw(file, "SELECT count(*) FROM note WHERE book = (SELECT book FROM note LIMIT 1)", NULL, 0), 7);
	assert_int_equal(notes_resolve(u, m, fp, &changed, &err), 0);
	assert_int_equal(changed, 0);
	assert_int_equal(notes_resolve(u, m, "ffffffffffffffff", &changed, &err), 0);
	assert_int_equal(changed, 0);
	expect_anchor(u, moved, ANCHOR_MOVED, 0, "c27:p3641");
	expect_anchor(u, fixed, ANCHOR_EXACT, 1, "c27:p3641");
	model_blocks_free(b, nb);
	model_close(m);
	user_close(u);
}

/* --- processes writing at once */

/* In a child: add `count` notes to file; exit 0 when every one was saved. */
static void child_adds(const char *file, int who, int count, int report_fd)
{
	/* a crash ends the child (cmocka's handlers would go on running the
	 * tests in it) and shows in its wait status */
	int sigs[] = {SIGSEGV, SIGBUS, SIGABRT, SIGILL, SIGFPE};
	for (size_t k = 0; k < sizeof sigs / sizeof *sigs; k++)
		signal(sigs[k], SIG_DFL);
	struct anli_err note, err;
	struct user *u = user_open(file, VERSION, USER_SHARED, &note);
	if (!user_active(u)) {
		fprintf(stderr, "child %d: %s\n", who, note.msg);
		_exit(2);
	}
	for (int k = 0; count < 0 || k < count; k++) {
		struct note n;
		char text[64], anchor[32];
		snprintf(text, sizeof text, "进程%d 第%d条", who, k);
		snprintf(anchor, sizeof anchor, "c%d:p%d", who, k);
		make_note(&n, ANCHOR_QUERY, anchor, "", NULL, text);
		if (notes_add(u, &n, &err)) {
			fprintf(stderr, "child %d: %s\n", who, err.msg);
			_exit(1);
		}
		if (report_fd >= 0) {
			char line[80];
			int len = snprintf(line, sizeof line, "%lld %s\n", n.num, n.uuid);
			if (write(report_fd, line, (size_t)len) != len)
				_exit(3);
		}
		note_clear(&n);
	}
	user_close(u);
	_exit(0);
}

static void test_two_processes(void **state)
{
	(void)state;
	char file[128];
	fresh_file(file, sizeof file);
	pid_t pid[2];
	for (int w = 0; w < 2; w++) {
		pid[w] = fork();
		assert_true(pid[w] >= 0);
		if (pid[w] == 0)
			child_adds(file, w + 1, 200, -1);
	}
	for (int w = 0; w < 2; w++) {
		int st;
		assert_int_equal(waitpid(pid[w], &st, 0), pid[w]);
		assert_true(WIFEXITED(st));
		assert_int_equal(WEXITSTATUS(st), 0);
	}
	assert_int_equal(raw(file, "SELECT count(*) FROM note", NULL, 0), 400);
	assert_int_equal(raw(file, "SELECT count(DISTINCT num) FROM note", NULL, 0), 400);
	assert_int_equal(raw(file, "SELECT max(num) FROM note", NULL, 0), 400);
	assert_int_equal(raw(file, "SELECT count(*) FROM note WHERE item_id = 'c1'", NULL, 0), 200);
	char ok[64];
	raw(file, "PRAGMA integrity_check", ok, sizeof ok);
	assert_string_equal(ok, "ok");
}

/* A child adding notes in a loop, killed with SIGKILL: every note it
 * reported as added is in the file, which opens and checks ok. */
static void test_killed_writer(void **state)
{
	(void)state;
	char file[128];
	fresh_file(file, sizeof file);
	int fds[2];
	assert_int_equal(pipe(fds), 0);
	pid_t pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		close(fds[0]);
		child_adds(file, 7, -1, fds[1]);
	}
	close(fds[1]);
	FILE *in = fdopen(fds[0], "r");
	assert_non_null(in);
	long long nums[4096];
	char uuids[4096][37];
	int got = 0;
	char line[128];
	/* kill it once it has reported 60 notes; what it wrote to the pipe
	 * before dying is read too */
	while (got < 4096 && fgets(line, sizeof line, in)) {
		if (got == 60)
			assert_int_equal(kill(pid, SIGKILL), 0);
		if (sscanf(line, "%lld %36s", &nums[got], uuids[got]) == 2)
			got++;
	}
	fclose(in);
	int st;
	assert_int_equal(waitpid(pid, &st, 0), pid);
	assert_true(WIFSIGNALED(st));
	assert_int_equal(WTERMSIG(st), SIGKILL);
	assert_true(got > 60);
	struct anli_err note, err;
	struct user *u = user_open(file, VERSION, 0, &note);
	assert_true(user_active(u));
	assert_string_equal(note.msg, "");
	for (int k = 0; k < got; k++) {
		struct note n;
		char key[16];
		snprintf(key, sizeof key, "%lld", nums[k]);
		if (notes_get(u, key, 0, &n, &err))
			fail_msg("note %s reported but not kept: %s", key, err.msg);
		assert_string_equal(n.uuid, uuids[k]);
		note_clear(&n);
	}
	int ok;
	struct sbuf detail;
	sbuf_init(&detail);
	assert_int_equal(user_integrity(u, &ok, &detail, &err), 0);
	assert_true(ok);
	sbuf_free(&detail);
	user_close(u);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_names),      cmocka_unit_test(test_add_get_update), cmocka_unit_test(test_inactive),
		cmocka_unit_test(test_drafts),     cmocka_unit_test(test_migrate_v1),     cmocka_unit_test(test_shared_mode),
		cmocka_unit_test(test_import),
		cmocka_unit_test(test_import_refused),
		cmocka_unit_test(test_import_converges),
		cmocka_unit_test(test_resolve),
		cmocka_unit_test(test_two_processes), cmocka_unit_test(test_killed_writer),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
