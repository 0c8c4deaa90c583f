/* notes.c — the notes store (notes.h): names, add / get / update / list /
 * counts / history, drafts, and the rules of a note (note_check) (one
 * note's row, etag and cleaning: notedb.c).  The merge of an export is in
 * import.c, re-anchoring against the book in resolve.c.  Over 400 lines:
 * the store's calls, each a short transaction of its own. */
#include "anli/notes.h"

#include "anli/i18n.h"
#include "userdb.h"

#include <ctype.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <unistr.h>

/* --- names */

static const char *const kind_names[] = {"疑", "改", "删", "增"};
static const char *const kind_ascii[] = {"query", "fix", "delete", "insert"};
static const char *const status_names[] = {"open", "resolved"};
static const char *const anchor_names[] = {"exact", "moved", "orphaned"};

const char *note_kind_name(int kind)
{
	return kind >= 0 && kind < 4 ? kind_names[kind] : "?";
}

const char *note_kind_ascii(int kind)
{
	return kind >= 0 && kind < 4 ? kind_ascii[kind] : "?";
}

int note_kind_parse(const char *s)
{
	for (int k = 0; s && k < 4; k++)
		if (!strcmp(s, kind_names[k]) || !strcmp(s, kind_ascii[k]))
			return k;
	return -1;
}

const char *note_status_name(int status)
{
	return status == NOTE_RESOLVED ? status_names[1] : status_names[0];
}

int note_status_parse(const char *s)
{
	for (int k = 0; s && k < 2; k++)
		if (!strcmp(s, status_names[k]))
			return k;
	return -1;
}

const char *note_anchor_name(int state)
{
	return state >= 0 && state < 3 ? anchor_names[state] : "?";
}

int note_anchor_parse(const char *s)
{
	for (int k = 0; s && k < 3; k++)
		if (!strcmp(s, anchor_names[k]))
			return k;
	return -1;
}

void note_clear(struct note *n)
{
	anchor_sel_free(&n->sel);
	free(n->fix);
	free(n->text);
	free(n->cite);
	n->fix = n->text = n->cite = NULL;
}

void notes_free(struct note *v, int n)
{
	for (int i = 0; i < n; i++)
		note_clear(&v[i]);
	free(v);
}

char *notes_path(const char *opt)
{
	if (opt)
		return xstrdup(opt);
	const char *env = getenv("ANLI_NOTES");
	return env && *env ? xstrdup(env) : NULL;
}

void notes_author(char out[NOTE_NAME_MAX])
{
	const char *env = getenv("ANLI_AUTHOR");
	char buf[32];
	const char *name = env && *env ? env : NULL;
	if (!name) {
		struct passwd *pw = getpwuid(geteuid());
		if (pw && pw->pw_name && *pw->pw_name)
			name = pw->pw_name;
	}
	if (!name) {
		snprintf(buf, sizeof buf, "uid %ld", (long)geteuid());
		name = buf;
	}
	user_db_clean_name(name, out);
}

int user_db_inactive(struct user *u, struct anli_err *err)
{
	return anli_err_set(err, _("notes cannot be saved: %s"), u && u->why ? u->why : _("no state file"));
}

/* Replace *s by its cleaned copy. */
static void clean_in_place(char **s)
{
	char *c = user_db_clean(*s ? *s : "");
	free(*s);
	*s = c;
}

static int blank(const char *s)
{
	for (; s && *s; s++)
		if (*s != ' ')
			return 0;
	return 1;
}

int note_check(const struct note *n, struct anli_err *err)
{
	size_t len = strlen(n->item_id);
	if (strncmp(n->anchor_id, n->item_id, len) || n->anchor_id[len] != ':' || !n->anchor_id[len + 1])
		return anli_err_set(err, _("the anchor %s is not in the item %s"), n->anchor_id, n->item_id);
	const char *k = note_kind_name(n->kind), *quote = n->sel.quote ? n->sel.quote : "";
	if ((n->kind == ANCHOR_QUERY || n->kind == ANCHOR_DELETE) && n->fix)
		return anli_err_set(err, _("a %s note has no fix"), k);
	if ((n->kind == ANCHOR_REPLACE || n->kind == ANCHOR_INSERT) && blank(n->fix))
		return anli_err_set(err, _("a %s note needs a fix (the text to put there), not blank"), k);
	if (n->kind != ANCHOR_QUERY && !*quote)
		return anli_err_set(err, _("a %s note needs a quote (the text it changes)"), k);
	if (n->kind == ANCHOR_REPLACE && !strcmp(n->fix, quote))
		return anli_err_set(err, _("a %s note's fix is its quote: nothing would change"), k);
	if (n->kind == ANCHOR_QUERY && !*quote && blank(n->text))
		return anli_err_set(err, "%s", _("a 疑 note needs a remark or a quote"));
	size_t max = NOTE_FIELD_MAX;
	if (strlen(n->text ? n->text : "") > max || strlen(quote) > max || (n->fix && strlen(n->fix) > max) ||
	    (n->sel.prefix && strlen(n->sel.prefix) > max) || (n->sel.suffix && strlen(n->sel.suffix) > max))
		return anli_err_set(err, _("a text of the note is longer than %zu bytes"), max);
	return 0;
}

/* What the caller filled in is fit to store: ids, kind and the rules of
 * note_check; text cleaned (written back). */
static int check_note(struct user *u, struct note *n, struct anli_err *err)
{
	if (user_db_check_id(u, n->item_id, 0, err) || user_db_check_id(u, n->anchor_id, 0, err))
		return -1;
	if (n->kind < 0 || n->kind > ANCHOR_INSERT)
		return anli_err_set(err, _("%s: not a note kind: %d"), u->path, n->kind);
	if (n->status != NOTE_OPEN && n->status != NOTE_RESOLVED)
		return anli_err_set(err, _("%s: not a note status: %d"), u->path, n->status);
	clean_in_place(&n->text);
	if (n->fix)
		clean_in_place(&n->fix);
	clean_in_place(&n->sel.quote);
	clean_in_place(&n->sel.prefix);
	clean_in_place(&n->sel.suffix);
	if (n->cite)
		clean_in_place(&n->cite);
	n->deleted = n->deleted ? 1 : 0;
	return note_check(n, err);
}

/* A version 4 UUID (RFC 4122) from the kernel's random numbers (not
 * SQLite's generator: forked processes would share its state). */
static void new_uuid(char out[37])
{
	unsigned char r[16];
	int fd = open("/dev/urandom", O_RDONLY | O_CLOEXEC);
	ssize_t got = fd >= 0 ? read(fd, r, sizeof r) : -1;
	if (fd >= 0)
		close(fd);
	if (got != (ssize_t)sizeof r) { /* no /dev/urandom: time and pid, mixed */
		unsigned long long h = UTIL_FNV64_INIT;
		char seed[64];
		snprintf(seed, sizeof seed, "%lld %ld %ld", (long long)time(NULL), (long)getpid(), (long)clock());
		for (int i = 0; i < 16; i++) {
			util_fnv64(&h, seed);
			r[i] = (unsigned char)(h >> 24);
		}
	}
	r[6] = (unsigned char)((r[6] & 0x0f) | 0x40);
	r[8] = (unsigned char)((r[8] & 0x3f) | 0x80);
	snprintf(out, 37, "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x", r[0], r[1], r[2],
		 r[3], r[4], r[5], r[6], r[7], r[8], r[9], r[10], r[11], r[12], r[13], r[14], r[15]);
}

int notes_add(struct user *u, struct note *n, struct anli_err *err)
{
	if (!user_active(u))
		return user_db_inactive(u, err);
	if (!n->sel.quote)
		n->sel.quote = xstrdup("");
	if (!n->sel.prefix)
		n->sel.prefix = xstrdup("");
	if (!n->sel.suffix)
		n->sel.suffix = xstrdup("");
	n->status = NOTE_OPEN;
	if (check_note(u, n, err))
		return -1;
	new_uuid(n->uuid);
	n->rev = 1;
	n->deleted = 0;
	n->conflict = 0;
	notes_author(n->author);
	snprintf(n->updated_by, sizeof n->updated_by, "%s", n->author);
	n->created = n->updated = (long long)time(NULL);
	user_db_note_etag(n, n->etag);
	const char *what = _("saving a note");
	if (user_db_begin(u, what, err))
		return -1;
	if (user_db_note_write(u, "insert", n, err)) {
		user_db_rollback(u);
		return -1;
	}
	return user_db_commit(u, what, err);
}

/* Read the notes a statement selects (USER_DB_NOTE_COLS or
 * USER_DB_REV_COLS from column 0): *out of *n. */
static int read_notes(struct user *u, sqlite3_stmt *st, const char *what, struct note **out, int *n,
		      struct anli_err *err)
{
	struct note *v = NULL;
	int rc, k = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 16;
			v = xrealloc(v, sizeof *v * (size_t)cap);
		}
		user_db_note_row(st, 0, &v[k++]);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		notes_free(v, k);
		return user_db_fail(u, what, err);
	}
	*out = v;
	*n = k;
	return 0;
}

int notes_get(struct user *u, const char *key, int deleted, struct note *n, struct anli_err *err)
{
	memset(n, 0, sizeof *n);
	if (!user_active(u))
		return user_db_inactive(u, err);
	const char *what = _("reading the notes");
	const char *k = key[0] == '#' ? key + 1 : key;
	int digits = *k != '\0', hex = 0;
	for (const char *p = k; *p; p++) {
		digits &= isdigit((unsigned char)*p) != 0;
		hex += isxdigit((unsigned char)*p) != 0;
		if (!isxdigit((unsigned char)*p) && *p != '-')
			hex = -100;
	}
	if (!(digits && strlen(k) < 19) && !(key[0] != '#' && hex >= 4 && strlen(k) <= 36)) {
		anli_err_set(err, _("%s: not a note number or uuid"), key);
		return 1;
	}
	struct note *v = NULL;
	int cnt = 0;
	sqlite3_stmt *st;
	if (digits && strlen(k) < 19) {
		if (user_db_prepare(u, what, "SELECT " USER_DB_NOTE_COLS " FROM note WHERE num = ? AND (deleted = 0 OR ?)",
				    &st, err, "ii", atoll(k), (long long)deleted) ||
		    read_notes(u, st, what, &v, &cnt, err))
			return -1;
	}
	/* a uuid prefix (one of digits only, too, when no number is it) */
	if (cnt == 0 && key[0] != '#' && hex >= 4 && strlen(k) <= 36) {
		free(v);
		if (user_db_prepare(u, what,
				    "SELECT " USER_DB_NOTE_COLS " FROM note WHERE substr(uuid, 1, length(?1)) = lower(?1)"
				    " AND (deleted = 0 OR ?2) LIMIT 2",
				    &st, err, "ti", k, (long long)deleted) ||
		    read_notes(u, st, what, &v, &cnt, err))
			return -1;
	}
	if (cnt != 1) {
		if (cnt == 0)
			anli_err_set(err, _("%s: no such note"), key);
		else
			anli_err_set(err, _("%s: more than one note's uuid begins so: give more of it"), key);
		notes_free(v, cnt);
		return 1;
	}
	*n = v[0];
	free(v);
	return 0;
}

static int same(const char *a, const char *b)
{
	return (!a && !b) || (a && b && !strcmp(a, b));
}

int notes_update(struct user *u, struct note *n, struct anli_err *err)
{
	if (!user_active(u))
		return user_db_inactive(u, err);
	if (check_note(u, n, err))
		return -1;
	const char *what = _("saving a note");
	if (user_db_begin(u, what, err))
		return -1;
	sqlite3_stmt *st;
	if (user_db_prepare(u, what, "SELECT " USER_DB_NOTE_COLS " FROM note WHERE uuid = ?", &st, err, "t", n->uuid)) {
		user_db_rollback(u);
		return -1;
	}
	struct note *v;
	int cnt;
	if (read_notes(u, st, what, &v, &cnt, err)) {
		user_db_rollback(u);
		return -1;
	}
	if (cnt != 1 || v[0].rev != n->rev) {
		if (cnt != 1)
			anli_err_set(err, _("%s: no note %s"), u->path, n->uuid);
		else
			anli_err_set(err,
				     _("note %lld was changed meanwhile (by %s, now revision %d): your edit of revision %d "
				       "is not saved"),
				     v[0].num, v[0].updated_by, v[0].rev, n->rev);
		notes_free(v, cnt);
		user_db_rollback(u);
		return 1;
	}
	struct note *o = &v[0];
	if (o->kind == n->kind && o->status == n->status && o->deleted == n->deleted && !strcmp(o->item_id, n->item_id) &&
	    !strcmp(o->anchor_id, n->anchor_id) && same(o->sel.quote, n->sel.quote) &&
	    same(o->sel.prefix, n->sel.prefix) && same(o->sel.suffix, n->sel.suffix) && o->sel.offset == n->sel.offset &&
	    same(o->fix, n->fix) && same(o->text, n->text) && o->anchor_state == n->anchor_state) {
		/* nothing edited: no new revision */
		notes_free(v, cnt);
		user_db_rollback(u);
		return 0;
	}
	o->conflict = 0;
	int rc = user_db_note_write(u, "history", o, err);
	if (!rc) {
		n->rev = o->rev + 1;
		n->conflict = 0;
		notes_author(n->updated_by);
		n->updated = (long long)time(NULL);
		if (n->updated < o->updated)
			n->updated = o->updated; /* a clock set back: never older than what it replaces */
		user_db_note_etag(n, n->etag);
		rc = user_db_note_write(u, "update", n, err);
	}
	notes_free(v, cnt);
	if (rc) {
		user_db_rollback(u);
		return -1;
	}
	return user_db_commit(u, what, err);
}

int notes_list(struct user *u, const struct notes_filter *f, struct note **out, int *n, struct anli_err *err)
{
	*out = NULL;
	*n = 0;
	if (!user_active(u))
		return user_db_inactive(u, err);
	const char *what = _("reading the notes");
	sqlite3_stmt *st;
	if (user_db_prepare(u, what,
			    "SELECT " USER_DB_NOTE_COLS " FROM note WHERE (?1 IS NULL OR item_id = ?1)"
			    " AND (?2 < 0 OR status = ?2) AND (?3 < 0 OR anchor_state = ?3) AND (deleted = 0 OR ?4)"
			    " ORDER BY num",
			    &st, err, "tiii", f->item_id, (long long)f->status, (long long)f->anchor_state,
			    (long long)f->deleted))
		return -1;
	return read_notes(u, st, what, out, n, err);
}

int notes_counts(struct user *u, struct notes_count **out, int *n, struct anli_err *err)
{
	*out = NULL;
	*n = 0;
	if (!user_active(u))
		return user_db_inactive(u, err);
	const char *what = _("reading the notes");
	sqlite3_stmt *st;
	if (user_db_prepare(u, what,
			    "SELECT item_id, sum(status = 0), count(*) FROM note WHERE deleted = 0 GROUP BY item_id"
			    " ORDER BY item_id",
			    &st, err, ""))
		return -1;
	struct notes_count *v = NULL;
	int rc, k = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, sizeof *v * (size_t)cap);
		}
		user_db_copy(v[k].item_id, sizeof v[k].item_id, sqlite3_column_text(st, 0));
		v[k].open = sqlite3_column_int(st, 1);
		v[k].total = sqlite3_column_int(st, 2);
		k++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return user_db_fail(u, what, err);
	}
	*out = v;
	*n = k;
	return 0;
}

int notes_history(struct user *u, const char *uuid, struct note **out, int *n, struct anli_err *err)
{
	*out = NULL;
	*n = 0;
	if (!user_active(u))
		return user_db_inactive(u, err);
	const char *what = _("reading a note's history");
	sqlite3_stmt *st;
	if (user_db_prepare(u, what, "SELECT " USER_DB_REV_COLS " FROM note_rev WHERE uuid = ? ORDER BY rev, updated, etag",
			    &st, err, "t", uuid))
		return -1;
	return read_notes(u, st, what, out, n, err);
}

/* --- drafts */

int user_draft_save(struct user *u, const char *key, const char *fields, struct anli_err *err)
{
	if (!user_active(u))
		return user_db_inactive(u, err);
	if (!fields || !*fields)
		return user_db_run(u, _("saving a draft"), NULL, err, "DELETE FROM draft WHERE key = ?", "t", key);
	return user_db_run(u, _("saving a draft"), NULL, err,
			   "INSERT OR REPLACE INTO draft (key, fields, updated) VALUES (?, ?, ?)", "tti", key, fields,
			   (long long)time(NULL));
}

int user_draft_load(struct user *u, char **key, char **fields, struct anli_err *err)
{
	*key = *fields = NULL;
	if (!user_active(u))
		return user_db_inactive(u, err);
	sqlite3_stmt *st;
	if (user_db_prepare(u, _("reading a draft"), "SELECT key, fields FROM draft ORDER BY updated DESC, rowid DESC LIMIT 1",
			    &st, err, ""))
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*key = user_db_col_dup(st, 0);
		*fields = user_db_col_dup(st, 1);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : user_db_fail(u, _("reading a draft"), err);
}

int user_draft_get(struct user *u, const char *key, char **fields, struct anli_err *err)
{
	*fields = NULL;
	if (!user_active(u))
		return user_db_inactive(u, err);
	sqlite3_stmt *st;
	if (user_db_prepare(u, _("reading a draft"), "SELECT fields FROM draft WHERE key = ?", &st, err, "t", key))
		return -1;
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		*fields = user_db_col_dup(st, 0);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : user_db_fail(u, _("reading a draft"), err);
}
