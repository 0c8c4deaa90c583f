/* state.c — the per-user state file (see user.h): opening it.  Over 400
 * lines: paths, the schema and its migrations, WAL or not, a damaged file
 * moved aside under a lock, a file shared by a group — one sequence of
 * steps on one handle, each a few lines.  The tables' calls are in
 * marks.c (position, history, marks, bookmarks, checks) and notes.c. */
#include "anli/user.h"

#include "anli/i18n.h"
#include "userdb.h"

#include <errno.h>
#include <stdarg.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* The schema, one step per version: steps[v] takes a file from version v
 * to v + 1, and min_reader[v] is the oldest anli that may use version v + 1
 * (raise it only when an older anli would misread the new schema; a step
 * that only adds something an older anli can ignore keeps it). */
static const char *const steps[USER_SCHEMA_VERSION] = {
	/* 0 → 1 */
	"CREATE TABLE meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);\n"
	"CREATE TABLE position(id INTEGER PRIMARY KEY CHECK (id = 1), item_id TEXT NOT NULL, block_id TEXT,\n"
	"  focus TEXT, book TEXT, updated INTEGER NOT NULL);\n"
	"CREATE TABLE history(seq INTEGER PRIMARY KEY AUTOINCREMENT, item_id TEXT NOT NULL, block_id TEXT,\n"
	"  book TEXT, at INTEGER NOT NULL);\n"
	"CREATE TABLE read_mark(item_id TEXT PRIMARY KEY, book TEXT, at INTEGER NOT NULL);\n"
	"CREATE TABLE review(item_id TEXT PRIMARY KEY,\n"
	"  status TEXT NOT NULL CHECK (status IN ('reviewed', 'needs-fix')), book TEXT, at INTEGER NOT NULL);\n"
	"CREATE TABLE bookmark(block_id TEXT PRIMARY KEY, item_id TEXT NOT NULL, book TEXT,\n"
	"  created INTEGER NOT NULL);\n"
	"INSERT INTO meta VALUES ('created', CAST(strftime('%s', 'now') AS TEXT));\n",
	/* 1 → 2: proofreading notes (notes.h).  kind, status and anchor_state
	 * hold the enums' values (anchor_kind: 0 疑 1 改 2 删 3 增; note_status;
	 * anchor_state: 0 exact 1 moved 2 orphaned).  note_rev holds the
	 * revisions a note replaced (and conflict losers), by etag; draft the
	 * unsaved note forms.  An older anli ignores the new tables: min_reader
	 * stays. */
	"CREATE TABLE note(uuid TEXT PRIMARY KEY, num INTEGER NOT NULL UNIQUE, rev INTEGER NOT NULL,\n"
	"  etag TEXT NOT NULL, kind INTEGER NOT NULL CHECK (kind BETWEEN 0 AND 3),\n"
	"  status INTEGER NOT NULL DEFAULT 0 CHECK (status IN (0, 1)),\n"
	"  deleted INTEGER NOT NULL DEFAULT 0 CHECK (deleted IN (0, 1)),\n"
	"  item_id TEXT NOT NULL, anchor_id TEXT NOT NULL, quote TEXT NOT NULL DEFAULT '',\n"
	"  prefix TEXT NOT NULL DEFAULT '', suffix TEXT NOT NULL DEFAULT '', offset INTEGER NOT NULL DEFAULT 0,\n"
	"  fix TEXT, text TEXT NOT NULL,\n"
	"  anchor_state INTEGER NOT NULL DEFAULT 0 CHECK (anchor_state BETWEEN 0 AND 2),\n"
	"  applied INTEGER NOT NULL DEFAULT 0, book TEXT NOT NULL DEFAULT '', cite TEXT,\n"
	"  author TEXT NOT NULL, updated_by TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL);\n"
	"CREATE INDEX note_item ON note(item_id);\n"
	"CREATE TABLE note_rev(uuid TEXT NOT NULL, etag TEXT NOT NULL, rev INTEGER NOT NULL,\n"
	"  conflict INTEGER NOT NULL DEFAULT 0, kind INTEGER NOT NULL, status INTEGER NOT NULL,\n"
	"  deleted INTEGER NOT NULL, item_id TEXT NOT NULL, anchor_id TEXT NOT NULL, quote TEXT NOT NULL,\n"
	"  prefix TEXT NOT NULL, suffix TEXT NOT NULL, offset INTEGER NOT NULL, fix TEXT, text TEXT NOT NULL,\n"
	"  anchor_state INTEGER NOT NULL, applied INTEGER NOT NULL, book TEXT NOT NULL, cite TEXT,\n"
	"  author TEXT NOT NULL, updated_by TEXT NOT NULL, created INTEGER NOT NULL, updated INTEGER NOT NULL,\n"
	"  PRIMARY KEY (uuid, etag));\n"
	"CREATE TABLE draft(key TEXT PRIMARY KEY, fields TEXT NOT NULL, updated INTEGER NOT NULL);\n",
};
static const char *const min_reader[USER_SCHEMA_VERSION] = {"0.1.0", "0.1.0"};

int user_version_cmp(const char *a, const char *b)
{
	while (*a || *b) {
		long x = strtol(a, (char **)&a, 10), y = strtol(b, (char **)&b, 10);
		if (x != y)
			return x < y ? -1 : 1;
		while (*a && *a != '.')
			a++;
		while (*b && *b != '.')
			b++;
		if (*a == '.')
			a++;
		if (*b == '.')
			b++;
	}
	return 0;
}

char *user_state_path(const char *opt, int *is_default, struct anli_err *err)
{
	if (is_default)
		*is_default = 0;
	if (opt)
		return xstrdup(opt);
	const char *env = getenv("ANLI_STATE");
	if (env && *env)
		return xstrdup(env);
	struct sbuf p;
	sbuf_init(&p);
	const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
	if (xdg && xdg[0] == '/') /* the XDG spec: a relative path is to be ignored */
		sbuf_printf(&p, "%s/anli/user.db", xdg);
	else if (home && *home)
		sbuf_printf(&p, "%s/.local/share/anli/user.db", home);
	else {
		sbuf_free(&p);
		anli_err_set(err, "%s", _("no home directory ($HOME is not set): reading state is not saved"));
		return NULL;
	}
	if (is_default)
		*is_default = 1;
	return sbuf_take(&p);
}

/* mkdir -p of path's directory, 0700 for what it creates */
static int make_parent(const char *path, struct anli_err *err)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	int rc = 0;
	if (slash && slash != dir) {
		*slash = '\0';
		for (char *p = dir + 1;; p++) {
			if (*p != '/' && *p)
				continue;
			char c = *p;
			*p = '\0';
			if (mkdir(dir, 0700) != 0 && errno != EEXIST) {
				rc = anli_err_set(err, _("%s: cannot create directory %s: %s; reading state is not saved"),
						  path, dir, strerror(errno));
				break;
			}
			*p = c;
			if (!c)
				break;
		}
	}
	free(dir);
	return rc;
}

static int is_corrupt(int rc)
{
	rc &= 0xff;
	return rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB;
}

enum { SETUP_OK = 0, SETUP_CORRUPT = 1, SETUP_UNUSABLE = -1 };

/* Run one statement that returns at most one row; its first column (text)
 * into buf when it returns one.  Returns the SQLite code of the failure, or
 * SQLITE_OK. */
static int one(sqlite3 *db, const char *sql, char *buf, size_t size)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db, sql, -1, &st, NULL);
	if (rc != SQLITE_OK) {
		sqlite3_finalize(st);
		return rc;
	}
	if (buf && size)
		buf[0] = '\0';
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && buf && size) {
		const unsigned char *t = sqlite3_column_text(st, 0);
		snprintf(buf, size, "%s", t ? (const char *)t : "");
	}
	while (rc == SQLITE_ROW)
		rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* What is lost when the file cannot be used: the words for the state
 * file or for a shared notes file (USER_SHARED). */
static const char *not_saved(unsigned flags)
{
	return (flags & USER_SHARED) ? _("notes are not saved") : _("reading state is not saved");
}

/* The one-line reason for a failure, with "reading state is not saved". */
static int unusable(struct user *u, const char *what, struct anli_err *why)
{
	int e = u->db ? sqlite3_system_errno(u->db) : 0;
	if (e)
		anli_err_set(why, _("%s: %s: %s (%s); %s"), u->path, what, sqlite3_errmsg(u->db), strerror(e),
			     not_saved(u->flags));
	else
		anli_err_set(why, _("%s: %s: %s; %s"), u->path, what, u->db ? sqlite3_errmsg(u->db) : "?",
			     not_saved(u->flags));
	return SETUP_UNUSABLE;
}

static int migrate(struct user *u, const char *reader_version, struct anli_err *why)
{
	for (int v = u->found_version; v < USER_SCHEMA_VERSION; v++) {
		int rc = sqlite3_exec(u->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
		if (rc != SQLITE_OK)
			return is_corrupt(rc) ? SETUP_CORRUPT : unusable(u, _("cannot write"), why);
		char cur[32];
		/* another process may have taken this step meanwhile */
		rc = one(u->db, "PRAGMA user_version", cur, sizeof cur);
		if (rc == SQLITE_OK && atoi(cur) == v) {
			char sql[256];
			rc = sqlite3_exec(u->db, steps[v], NULL, NULL, NULL);
			snprintf(sql, sizeof sql,
				 "PRAGMA application_id = %d; PRAGMA user_version = %d;"
				 " INSERT OR REPLACE INTO meta VALUES ('min_reader', '%s'), ('migrated_by', 'anli %s')",
				 (int)USER_APPLICATION_ID, v + 1, min_reader[v], reader_version);
			if (rc == SQLITE_OK)
				rc = sqlite3_exec(u->db, sql, NULL, NULL, NULL);
		}
		if (rc == SQLITE_OK)
			rc = sqlite3_exec(u->db, "COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			int res = is_corrupt(rc) ? SETUP_CORRUPT : unusable(u, _("cannot create the schema"), why);
			sqlite3_exec(u->db, "ROLLBACK", NULL, NULL, NULL);
			return res;
		}
	}
	u->now_version = u->found_version > USER_SCHEMA_VERSION ? u->found_version : USER_SCHEMA_VERSION;
	return SETUP_OK;
}

/* Open the connection, with what every use of it needs.  immutable: read
 * only, as a file nobody changes (a WAL file whose -shm cannot be made, in
 * a read-only directory: SQLite cannot read it otherwise). */
static int open_db(struct user *u, int immutable)
{
	int rc;
	if (immutable) {
		struct sbuf uri;
		sbuf_init(&uri);
		sbuf_adds(&uri, "file:");
		for (const char *p = u->path; *p; p++)
			if (*p == '%' || *p == '?' || *p == '#')
				sbuf_printf(&uri, "%%%02X", (unsigned char)*p);
			else
				sbuf_printf(&uri, "%c", *p);
		sbuf_adds(&uri, "?immutable=1");
		rc = sqlite3_open_v2(uri.s, &u->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_URI, NULL);
		sbuf_free(&uri);
	} else {
		rc = sqlite3_open_v2(u->path, &u->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	}
	if (rc != SQLITE_OK)
		return rc;
	sqlite3_extended_result_codes(u->db, 1);
	sqlite3_busy_timeout(u->db, 15000);
	/* until the file is known good, closing must not delete a -wal and
	 * -shm that belong to a damaged file (they are moved aside with it) */
	int persist = 1;
	sqlite3_file_control(u->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	return SQLITE_OK;
}

/* Open u->path and make it usable: SETUP_OK, SETUP_CORRUPT (move it aside
 * and try again; why says what is wrong), SETUP_UNUSABLE (why says why). */
static int setup(struct user *u, const char *reader_version, struct anli_err *why)
{
	/* the file opened is the one at the path before and after (else
	 * another anli moved it meanwhile: it is not known which was opened,
	 * and it will not be moved aside by this process) */
	struct stat before, after;
	int had = stat(u->path, &before) == 0, immutable = 0;
again:;
	int rc = open_db(u, immutable);
	if (rc != SQLITE_OK)
		return unusable(u, _("cannot open"), why);
	u->dev = 0;
	u->ino = 0;
	if (had && stat(u->path, &after) == 0 && before.st_dev == after.st_dev && before.st_ino == after.st_ino) {
		u->dev = after.st_dev;
		u->ino = after.st_ino;
	}
	int persist;
	u->readonly = sqlite3_db_readonly(u->db, "main") == 1;
	if (u->readonly && !(u->flags & USER_READ_ONLY)) {
		anli_err_set(why, _("%s: the file is read-only; %s"), u->path, not_saved(u->flags));
		return SETUP_UNUSABLE;
	}
	/* one statement, so one read transaction: another process may be
	 * creating the schema meanwhile */
	char buf[64];
	sqlite3_stmt *st = NULL;
	rc = sqlite3_prepare_v2(u->db,
				"SELECT (SELECT application_id FROM pragma_application_id),"
				" (SELECT user_version FROM pragma_user_version), (SELECT count(*) FROM sqlite_master)",
				-1, &st, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_step(st);
	unsigned appid = 0;
	int objects = 0;
	if (rc == SQLITE_ROW) {
		appid = (unsigned)sqlite3_column_int64(st, 0);
		u->found_version = sqlite3_column_int(st, 1);
		objects = sqlite3_column_int(st, 2);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_OK && u->readonly && (rc & 0xff) == SQLITE_READONLY && !immutable) {
		/* a WAL file in a read-only directory, without its -shm */
		sqlite3_close(u->db);
		u->db = NULL;
		immutable = 1;
		goto again;
	}
	if (rc != SQLITE_OK) {
		if (is_corrupt(rc)) {
			anli_err_set(why, "%s", sqlite3_errmsg(u->db));
			return SETUP_CORRUPT;
		}
		return unusable(u, _("cannot read"), why);
	}
	int fresh = appid == 0 && u->found_version == 0 && objects == 0;
	if (u->readonly && fresh) {
		anli_err_set(why, _("%s: the file is read-only and empty; %s"), u->path, not_saved(u->flags));
		return SETUP_UNUSABLE;
	}
	if (appid != USER_APPLICATION_ID && !fresh) {
		/* another program's database: not ours to move or change */
		anli_err_set(why, (u->flags & USER_SHARED) ? _("%s: not an anli notes file (application_id 0x%08x); %s")
							   : _("%s: not an anli state file (application_id 0x%08x); %s"),
			     u->path, appid, not_saved(u->flags));
		return SETUP_UNUSABLE;
	}
	if (!fresh) {
		rc = one(u->db, "PRAGMA quick_check(1)", buf, sizeof buf);
		if (rc != SQLITE_OK && !is_corrupt(rc))
			return unusable(u, _("cannot read"), why);
		if (rc != SQLITE_OK || strcmp(buf, "ok")) {
			anli_err_set(why, "%s", rc != SQLITE_OK ? sqlite3_errmsg(u->db) : buf);
			return SETUP_CORRUPT;
		}
	}
	if (u->found_version > USER_SCHEMA_VERSION) {
		/* a newer anli's file: usable when it says this anli may use it */
		rc = one(u->db, "SELECT value FROM meta WHERE key = 'min_reader'", u->min_reader, sizeof u->min_reader);
		if (rc != SQLITE_OK)
			return unusable(u, _("cannot read"), why);
		if (!u->min_reader[0] || user_version_cmp(reader_version, u->min_reader) < 0) {
			anli_err_set(why,
				     _("%s: written by a newer anli (state schema %d, for anli %s or newer); this is anli "
				       "%s: reading state is not used or saved"),
				     u->path, u->found_version, u->min_reader[0] ? u->min_reader : "?", reader_version);
			return SETUP_UNUSABLE;
		}
	}
	if (u->readonly) {
		/* read as it is: no journal mode set, no migration */
		if (u->found_version < USER_SCHEMA_VERSION) {
			anli_err_set(why, _("%s: the file is read-only and of an older anli (schema %d): it cannot be "
					    "brought up to date; %s"),
				     u->path, u->found_version, not_saved(u->flags));
			return SETUP_UNUSABLE;
		}
		rc = one(u->db, "PRAGMA journal_mode", u->journal, sizeof u->journal);
		if (rc == SQLITE_OK && !u->min_reader[0])
			rc = one(u->db, "SELECT value FROM meta WHERE key = 'min_reader'", u->min_reader,
				 sizeof u->min_reader);
		if (rc != SQLITE_OK)
			return unusable(u, _("cannot read"), why);
		u->now_version = u->found_version;
		return SETUP_OK;
	}
	/* WAL where it works (not on some network file systems): else the
	 * rollback journal */
	rc = one(u->db, "PRAGMA journal_mode = WAL", buf, sizeof buf);
	if (rc != SQLITE_OK || strcmp(buf, "wal")) {
		if (is_corrupt(rc)) {
			anli_err_set(why, "%s", sqlite3_errmsg(u->db));
			return SETUP_CORRUPT;
		}
		rc = one(u->db, "PRAGMA journal_mode = DELETE", buf, sizeof buf);
		if (rc != SQLITE_OK)
			return is_corrupt(rc) ? SETUP_CORRUPT : unusable(u, _("cannot set the journal mode"), why);
	}
	if (!strcmp(buf, "wal")) {
		/* the pragma can say wal where the shared memory WAL needs
		 * cannot be had (a -shm that cannot be made or mapped): a first
		 * write transaction tells */
		rc = sqlite3_exec(u->db, "BEGIN IMMEDIATE; COMMIT", NULL, NULL, NULL);
		if (rc != SQLITE_OK) {
			if (!sqlite3_get_autocommit(u->db)) /* else ROLLBACK would replace the reason */
				sqlite3_exec(u->db, "ROLLBACK", NULL, NULL, NULL);
			if (is_corrupt(rc)) {
				anli_err_set(why, "%s", sqlite3_errmsg(u->db));
				return SETUP_CORRUPT;
			}
			if ((rc & 0xff) == SQLITE_BUSY)
				return unusable(u, _("cannot write"), why);
			/* in exclusive locking mode WAL needs no shared memory,
			 * so the file can be taken back to the rollback journal,
			 * on a new connection (this one has given up on it) */
			sqlite3_close(u->db);
			u->db = NULL;
			if (open_db(u, 0) != SQLITE_OK)
				return unusable(u, _("cannot open"), why);
			rc = sqlite3_exec(u->db, "PRAGMA locking_mode = EXCLUSIVE", NULL, NULL, NULL);
			if (rc == SQLITE_OK)
				rc = one(u->db, "PRAGMA journal_mode = DELETE", buf, sizeof buf);
			sqlite3_exec(u->db, "PRAGMA locking_mode = NORMAL", NULL, NULL, NULL);
			one(u->db, "SELECT count(*) FROM sqlite_master", NULL, 0); /* lets the lock go */
			if (rc != SQLITE_OK || strcmp(buf, "delete"))
				return is_corrupt(rc) ? SETUP_CORRUPT : unusable(u, _("cannot set the journal mode"), why);
		}
	}
	snprintf(u->journal, sizeof u->journal, "%.15s", buf);
	if (!strcmp(u->journal, "wal"))
		one(u->db, "PRAGMA synchronous = NORMAL", NULL, 0);
	rc = migrate(u, reader_version, why);
	if (rc == SETUP_CORRUPT)
		anli_err_set(why, "%s", sqlite3_errmsg(u->db));
	if (rc != SETUP_OK)
		return rc;
	if (!u->min_reader[0])
		one(u->db, "SELECT value FROM meta WHERE key = 'min_reader'", u->min_reader, sizeof u->min_reader);
	persist = 0; /* a good file: the last to close it removes its -wal */
	sqlite3_file_control(u->db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
	return SETUP_OK;
}

/* Rename path+suffix to to+suffix when it exists. */
static int move_file(const char *path, const char *to, const char *suffix)
{
	struct sbuf a, b;
	sbuf_init(&a);
	sbuf_init(&b);
	sbuf_printf(&a, "%s%s", path, suffix);
	sbuf_printf(&b, "%s%s", to, suffix);
	int rc = 0;
	if (access(a.s, F_OK) == 0 && rename(a.s, b.s) != 0)
		rc = -1;
	sbuf_free(&a);
	sbuf_free(&b);
	return rc;
}

/* 1 when path is certainly not an SQLite database: its first bytes are
 * there, not all NUL, and not "SQLite format 3" and a NUL, the start of
 * every one.  Such a file is never anli's to move aside.  (A file whose
 * start is NUL is one SQLite is writing — a checkpoint extends the file
 * before it writes page 1 — or a zeroed one: left to SQLite's checks.) */
static int not_sqlite(const char *path)
{
	char head[16];
	int fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return 0;
	ssize_t n = read(fd, head, sizeof head);
	close(fd);
	if (n <= 0)
		return 0;
	int zero = 1;
	for (ssize_t i = 0; i < n; i++)
		zero &= head[i] == '\0';
	return !zero && (n < (ssize_t)sizeof head || memcmp(head, "SQLite format 3", sizeof head));
}

/* Move a damaged file aside with its -wal, -shm and -journal: the new
 * name into *to.  -1 when it cannot be moved. */
static int move_aside(const char *path, struct sbuf *to)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	localtime_r(&now, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%dT%H%M%S", &tm);
	for (int k = 1; k < 100; k++) {
		to->len = 0;
		sbuf_printf(to, "%s.corrupt-%s", path, stamp);
		if (k > 1)
			sbuf_printf(to, ".%d", k);
		if (access(to->s, F_OK) != 0)
			break;
	}
	if (rename(path, to->s) != 0)
		return -1;
	move_file(path, to->s, "-wal");
	move_file(path, to->s, "-shm");
	move_file(path, to->s, "-journal");
	return 0;
}

/* --- a file shared by a group (USER_SHARED) */

/* The group of path's directory. */
static gid_t dir_gid(const char *path)
{
	char *dir = xstrdup(path);
	char *slash = strrchr(dir, '/');
	if (!slash)
		snprintf(dir, strlen(dir) + 1, ".");
	else if (slash == dir)
		slash[1] = '\0';
	else
		*slash = '\0';
	struct stat sb;
	gid_t g = stat(dir, &sb) == 0 ? sb.st_gid : (gid_t)-1;
	free(dir);
	return g;
}

/* An open file of ours made group-writable (whatever the umask) and given
 * the directory's group.  Best effort: a file another user made is left as
 * it is (theirs to fix: they opened it the same way). */
static void share_fd(int fd, const char *path)
{
	struct stat sb;
	if (fstat(fd, &sb) != 0 || sb.st_uid != geteuid())
		return;
	if ((sb.st_mode & 0660) != 0660)
		fchmod(fd, (sb.st_mode & 0777) | 0660);
	gid_t g = dir_gid(path);
	if (g != (gid_t)-1 && g != sb.st_gid && fchown(fd, (uid_t)-1, g) != 0) {
		/* not a member of the directory's group: the file keeps ours */
	}
}

/* path + suffix, when it exists and is ours, made shared as by share_fd —
 * by name: opening and closing a file SQLite holds open would drop this
 * process's POSIX locks on it (all of them, whatever descriptor took
 * them), and another process would then reset the -shm under us. */
static void share_file(const char *path, const char *suffix)
{
	struct sbuf p;
	sbuf_init(&p);
	sbuf_printf(&p, "%s%s", path, suffix);
	struct stat sb;
	if (lstat(p.s, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_uid == geteuid()) {
		if ((sb.st_mode & 0660) != 0660)
			chmod(p.s, (sb.st_mode & 0777) | 0660);
		gid_t g = dir_gid(path);
		if (g != (gid_t)-1 && g != sb.st_gid && lchown(p.s, (uid_t)-1, g) != 0) {
			/* not a member of the directory's group: it keeps ours */
		}
	}
	sbuf_free(&p);
}

/* Create the shared file (empty: setup takes it for a new one) 0660 with
 * the directory's group, when it does not exist; SQLite then makes its
 * -wal and -shm with the same mode. */
static int share_create(const char *path, struct anli_err *note)
{
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0660);
	if (fd < 0) {
		if (errno == EEXIST)
			return 0;
		return anli_err_set(note, _("%s: cannot create: %s; notes are not saved"), path, strerror(errno));
	}
	share_fd(fd, path);
	close(fd);
	return 0;
}

static struct user *open_handle(const char *path, const char *reader_version, unsigned flags, struct anli_err *note)
{
	note->msg[0] = '\0';
	struct user *u = xcalloc(1, sizeof *u);
	if (!path)
		return u;
	u->path = xstrdup(path);
	u->flags = flags;
	if (!*path) { /* SQLite would take "" for a temporary database */
		anli_err_set(note, _("the file's path is empty; %s"), not_saved(flags));
		return u;
	}
	if ((flags & USER_MKDIR) && make_parent(path, note))
		return u;
	if ((flags & USER_SHARED) && share_create(path, note))
		return u;
	struct stat st0;
	if (stat(path, &st0) == 0 && S_ISREG(st0.st_mode) && not_sqlite(path)) {
		/* not a database at all: not touched, no PATH.lock beside it */
		anli_err_set(note,
			     (flags & USER_SHARED) ? _("%s: not an anli notes file (not an SQLite database); %s")
						   : _("%s: not an anli state file (not an SQLite database); %s"),
			     path, not_saved(flags));
		return u;
	}
	struct anli_err why;
	int rc = SETUP_CORRUPT, moved = 0;
	/* Moving a damaged file aside while another anli is opening it would
	 * mix the two (SQLite finds a -wal by name): every open holds
	 * PATH.lock shared, the move holds it exclusive.  Without a lock file
	 * (a read-only directory) there is nothing to write anyway. */
	struct sbuf lp;
	sbuf_init(&lp);
	sbuf_printf(&lp, "%s.lock", path);
	int lk = open(lp.s, O_RDWR | O_CREAT | O_CLOEXEC, (flags & USER_SHARED) ? 0660 : 0600);
	if (lk >= 0 && (flags & USER_SHARED))
		share_fd(lk, path);
	sbuf_free(&lp);
	/* a damaged file is moved aside once; another anli may be doing the
	 * same at this moment, so a file that is no longer the one examined
	 * (or no longer there) is simply opened again */
	for (int attempt = 0; attempt < 4 && rc == SETUP_CORRUPT; attempt++) {
		memset(u->journal, 0, sizeof u->journal);
		u->min_reader[0] = '\0';
		if (lk >= 0)
			flock(lk, LOCK_SH);
		rc = setup(u, reader_version, &why);
		if (lk >= 0)
			flock(lk, LOCK_UN);
		if (rc != SETUP_CORRUPT)
			break;
		sqlite3_close(u->db);
		u->db = NULL;
		if (lk >= 0)
			flock(lk, LOCK_EX);
		struct stat sb;
		if (moved || !u->ino || stat(path, &sb) != 0 || sb.st_dev != u->dev || sb.st_ino != u->ino) {
			if (lk >= 0)
				flock(lk, LOCK_UN);
			continue;
		}
		/* not a database at all (a text, someone's thesis): not anli's to
		 * move; a shared notes file is never moved (others use it: a
		 * person restores it) */
		int other = not_sqlite(path);
		if (other || (flags & USER_SHARED)) {
			if (lk >= 0) {
				flock(lk, LOCK_UN);
				close(lk);
			}
			if (other)
				anli_err_set(note,
					     (flags & USER_SHARED) ? _("%s: not an anli notes file (not an SQLite database); %s")
								   : _("%s: not an anli state file (not an SQLite database); %s"),
					     path, not_saved(flags));
			else
				anli_err_set(note, _("%s: damaged (%s); a shared notes file is not moved aside: restore "
						     "it from a copy or move it away; %s"),
					     path, why.msg, not_saved(flags));
			return u;
		}
		struct sbuf to;
		sbuf_init(&to);
		int mrc = move_aside(path, &to), e = errno;
		if (lk >= 0)
			flock(lk, LOCK_UN);
		if (mrc != 0) {
			sbuf_free(&to);
			if (e == ENOENT)
				continue;
			anli_err_set(note, _("%s: damaged (%s) and cannot be moved aside: %s; %s"), path, why.msg,
				     strerror(e), not_saved(flags));
			if (lk >= 0)
				close(lk);
			return u;
		}
		anli_err_set(note, _("%s: damaged (%s): moved to %s; starting a new state file"), path, why.msg, to.s);
		sbuf_free(&to);
		moved = 1;
	}
	if (lk >= 0)
		close(lk);
	if (rc == SETUP_CORRUPT)
		anli_err_set(note, _("%s: damaged (%s), again after it was moved aside; %s"), path, why.msg,
			     not_saved(flags));
	else if (rc != SETUP_OK && moved) {
		/* keep the first part: the file was moved; say the rest */
		size_t n = strlen(note->msg);
		snprintf(note->msg + n, sizeof note->msg - n, "; %s", why.msg);
	} else if (rc != SETUP_OK) {
		snprintf(note->msg, sizeof note->msg, "%s", why.msg);
	}
	if (rc == SETUP_OK && (flags & USER_SHARED)) {
		share_file(path, "-wal");
		share_file(path, "-shm");
	}
	if (rc != SETUP_OK) {
		sqlite3_close(u->db);
		u->db = NULL;
		u->journal[0] = '\0';
	}
	return u;
}

struct user *user_open(const char *path, const char *reader_version, unsigned flags, struct anli_err *note)
{
	struct user *u = open_handle(path, reader_version, flags, note);
	if (!u->db)
		u->why = xstrdup(note->msg[0] ? note->msg : _("no state file"));
	return u;
}

void user_close(struct user *u)
{
	if (!u)
		return;
	sqlite3_close(u->db);
	free(u->path);
	free(u->why);
	free(u);
}

int user_active(const struct user *u)
{
	return u && u->db;
}

int user_writable(const struct user *u)
{
	return u && u->db && !u->readonly;
}

const char *user_path(const struct user *u)
{
	return u ? u->path : NULL;
}

const char *user_journal(const struct user *u)
{
	return u && u->db ? u->journal : "";
}

void user_versions(const struct user *u, int *found, int *now, const char **minr)
{
	*found = u && u->db ? u->found_version : 0;
	*now = u && u->db ? u->now_version : 0;
	*minr = u && u->db ? u->min_reader : "";
}
