/* import.c — notes_import (notes.h): another file's JSON export merged
 * by uuid and etag, read with SQLite's JSON functions, in one
 * transaction.  Over 400 lines: the reader checks every field of an
 * untrusted file (a line or two each) before the merge. */
#include "anli/notes.h"

#include "anli/i18n.h"
#include "userdb.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* The keys of a note, in the order of the columns the reader selects:
 * json_type and json_extract of each. */
enum {
	K_UUID, K_REV, K_ETAG, K_KIND, K_STATUS, K_DELETED, K_ITEM, K_ANCHOR, K_QUOTE, K_PREFIX, K_SUFFIX, K_OFFSET,
	K_FIX, K_NOTE, K_ASTATE, K_APPLIED, K_BOOK, K_CITE, K_AUTHOR, K_UPDATED_BY, K_CREATED, K_UPDATED,
	K_CONFLICT, K_HISTORY, NKEYS
};
static const char *const keys[NKEYS] = {
	"uuid",   "rev",  "etag",   "kind",         "status",  "deleted", "item", "anchor",
	"quote",  "prefix", "suffix", "offset",     "fix",     "note",    "anchor_state", "applied",
	"book",   "cite", "author", "updated_by",   "created", "updated", "conflict", "history",
};
/* required in every note and history entry */
static const int required[] = {K_UUID, K_REV, K_ETAG, K_KIND, K_STATUS, K_ITEM, K_ANCHOR, K_NOTE, K_CREATED, K_UPDATED};

struct reader {
	struct user *u;
	const char *name; /* the file imported, for messages */
	sqlite3_stmt *st; /* one note's fields, ?1 the note's JSON text */
	int index;        /* of the note in the file, for messages (1..) */
};

/* err = "NAME: " and the message; -1.  For what is wrong in the file
 * imported (what is wrong with the notes file names that). */
static int file_err(const char *name, struct anli_err *err, const char *fmt, ...)
{
	if (err) {
		int n = snprintf(err->msg, sizeof err->msg, "%s: ", name);
		if (n < 0 || (size_t)n >= sizeof err->msg)
			n = 0;
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg + n, sizeof err->msg - (size_t)n, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static int prepare_reader(struct reader *r, struct anli_err *err)
{
	struct sbuf sql;
	sbuf_init(&sql);
	sbuf_adds(&sql, "SELECT json_type(?1)");
	for (int k = 0; k < NKEYS; k++)
		sbuf_printf(&sql, ", json_type(?1, '$.%s'), json_extract(?1, '$.%s')", keys[k], keys[k]);
	/* the times, ISO 8601 ("…Z"), as seconds */
	sbuf_adds(&sql, ", unixepoch(json_extract(?1, '$.created')), unixepoch(json_extract(?1, '$.updated'))");
	int rc = user_db_prepare(r->u, _("importing notes"), sql.s, &r->st, err, "");
	sbuf_free(&sql);
	return rc;
}

static const char *type_of(sqlite3_stmt *st, int k)
{
	const unsigned char *t = sqlite3_column_text(st, 1 + 2 * k);
	return t ? (const char *)t : "";
}

static const char *text_of(sqlite3_stmt *st, int k)
{
	const unsigned char *t = sqlite3_column_text(st, 2 + 2 * k);
	return t ? (const char *)t : "";
}

static char *clean_of(sqlite3_stmt *st, int k)
{
	return user_db_clean(text_of(st, k));
}

static int is_bool(const char *type)
{
	return !strcmp(type, "true") || !strcmp(type, "false") || !strcmp(type, "integer");
}

/* A lower-case uuid as notes_add makes them (any version). */
static int uuid_ok(const char *s)
{
	if (strlen(s) != 36)
		return 0;
	for (int i = 0; i < 36; i++)
		if ((i == 8 || i == 13 || i == 18 || i == 23) ? s[i] != '-' : !isxdigit((unsigned char)s[i]) || isupper((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Does the JSON text hold the escape \u0000 (SQLite would cut the string
 * there)?  An escape is a backslash that follows an even number of them. */
static int has_nul(const char *json)
{
	for (const char *p = json; (p = strstr(p, "\\u0000")); p++) {
		int n = 0;
		for (const char *q = p; q > json && q[-1] == '\\'; q--)
			n++;
		if (n % 2 == 0)
			return 1;
	}
	return 0;
}

/* A time as the export writes it: ISO 8601, "2026-11-29T20:00:00Z" (a
 * fraction or an offset may follow the seconds). */
static int iso_ok(const char *s)
{
	static const char form[] = "dddd-dd-ddTdd:dd:dd";
	for (int i = 0; form[i]; i++)
		if (form[i] == 'd' ? !isdigit((unsigned char)s[i]) : s[i] != form[i])
			return 0;
	return 1;
}

static int hex16_ok(const char *s)
{
	if (strlen(s) != 16)
		return 0;
	for (int i = 0; i < 16; i++)
		if (!isxdigit((unsigned char)s[i]))
			return 0;
	return 1;
}

/* Read the note whose JSON text is json into *n (note_clear it); in a
 * history entry (`in_history`) "conflict" is read and "history" not
 * allowed.  On a malformed note err names it: -1. */
static int read_note(struct reader *r, const char *json, int in_history, struct note *n, struct anli_err *err)
{
	memset(n, 0, sizeof *n);
	sqlite3_stmt *st = r->st;
	sqlite3_reset(st);
	sqlite3_bind_text(st, 1, json, -1, SQLITE_TRANSIENT);
	if (sqlite3_step(st) != SQLITE_ROW)
		return user_db_fail(r->u, _("importing notes"), err);
	const char *where = in_history ? _("in the history of note") : _("note");
	const char *uuid = text_of(st, K_UUID);
	if (!sqlite3_column_text(st, 0) || strcmp((const char *)sqlite3_column_text(st, 0), "object"))
		return file_err(r->name, err, _("%s %d: not a JSON object"), where, r->index);
	for (size_t i = 0; i < sizeof required / sizeof *required; i++)
		if (!*type_of(st, required[i]) || !strcmp(type_of(st, required[i]), "null"))
			return file_err(r->name, err, _("%s %d (%s): \"%s\" is missing"), where, r->index,
					    *uuid ? uuid : "?", keys[required[i]]);
	if (has_nul(json))
		return file_err(r->name, err, _("%s %d (%s): a string holds a NUL character (\\u0000)"), where, r->index,
				*uuid ? uuid : "?");
	const char *bad = NULL;
	int kind = note_kind_parse(text_of(st, K_KIND)), status = note_status_parse(text_of(st, K_STATUS));
	int astate = *type_of(st, K_ASTATE) ? note_anchor_parse(text_of(st, K_ASTATE)) : ANCHOR_EXACT;
	if (strcmp(type_of(st, K_UUID), "text") || !uuid_ok(uuid))
		bad = "uuid";
	else if (strcmp(type_of(st, K_REV), "integer") || sqlite3_column_int64(st, 2 + 2 * K_REV) < 1 ||
		 sqlite3_column_int64(st, 2 + 2 * K_REV) > 1000000000)
		bad = "rev";
	else if (strcmp(type_of(st, K_ETAG), "text") || !hex16_ok(text_of(st, K_ETAG)))
		bad = "etag";
	else if (kind < 0)
		bad = "kind";
	else if (status < 0)
		bad = "status";
	else if (astate < 0)
		bad = "anchor_state";
	else if (*type_of(st, K_DELETED) && !is_bool(type_of(st, K_DELETED)))
		bad = "deleted";
	else if (*type_of(st, K_APPLIED) && !is_bool(type_of(st, K_APPLIED)))
		bad = "applied";
	else if (*type_of(st, K_CONFLICT) && !is_bool(type_of(st, K_CONFLICT)))
		bad = "conflict";
	else if (*type_of(st, K_OFFSET) && (strcmp(type_of(st, K_OFFSET), "integer") ||
					    sqlite3_column_int64(st, 2 + 2 * K_OFFSET) < 0 ||
					    sqlite3_column_int64(st, 2 + 2 * K_OFFSET) > 100000000))
		bad = "offset";
	else if (strcmp(type_of(st, K_ITEM), "text") || !*text_of(st, K_ITEM) || strlen(text_of(st, K_ITEM)) >= USER_ID_MAX)
		bad = "item";
	else if (strcmp(type_of(st, K_ANCHOR), "text") || !*text_of(st, K_ANCHOR) ||
		 strlen(text_of(st, K_ANCHOR)) >= USER_ID_MAX)
		bad = "anchor";
	else if (strcmp(type_of(st, K_NOTE), "text"))
		bad = "note";
	else if (*type_of(st, K_FIX) && strcmp(type_of(st, K_FIX), "text") && strcmp(type_of(st, K_FIX), "null"))
		bad = "fix";
	else if (*type_of(st, K_BOOK) && strcmp(type_of(st, K_BOOK), "null") && strlen(text_of(st, K_BOOK)) > 16)
		bad = "book";
	else if (strcmp(type_of(st, K_CREATED), "text") || !iso_ok(text_of(st, K_CREATED)) ||
		 sqlite3_column_type(st, 1 + 2 * NKEYS) == SQLITE_NULL)
		bad = "created";
	else if (strcmp(type_of(st, K_UPDATED), "text") || !iso_ok(text_of(st, K_UPDATED)) ||
		 sqlite3_column_type(st, 2 + 2 * NKEYS) == SQLITE_NULL)
		bad = "updated";
	else if (*type_of(st, K_HISTORY) && (in_history || strcmp(type_of(st, K_HISTORY), "array")))
		bad = "history";
	else {
		for (int k = K_QUOTE; k <= K_SUFFIX; k++)
			if (*type_of(st, k) && strcmp(type_of(st, k), "text"))
				bad = keys[k];
	}
	if (bad)
		return file_err(r->name, err, _("%s %d (%s): \"%s\" is not valid"), where, r->index, *uuid ? uuid : "?", bad);
	/* a time ahead of this clock would win every merge: refused */
	if (sqlite3_column_int64(st, 2 + 2 * NKEYS) > (long long)time(NULL) + 86400 ||
	    sqlite3_column_int64(st, 1 + 2 * NKEYS) > (long long)time(NULL) + 86400)
		return file_err(r->name, err, _("%s %d (%s): \"%s\" is more than a day in the future"), where, r->index,
				uuid, sqlite3_column_int64(st, 1 + 2 * NKEYS) > (long long)time(NULL) + 86400 ? "created" : "updated");
	snprintf(n->uuid, sizeof n->uuid, "%s", uuid);
	n->rev = sqlite3_column_int(st, 2 + 2 * K_REV);
	snprintf(n->etag, sizeof n->etag, "%s", text_of(st, K_ETAG));
	for (char *p = n->etag; *p; p++)
		*p = (char)tolower((unsigned char)*p);
	n->kind = kind;
	n->status = status;
	n->deleted = sqlite3_column_int(st, 2 + 2 * K_DELETED) != 0;
	char *id = clean_of(st, K_ITEM);
	snprintf(n->item_id, sizeof n->item_id, "%s", id);
	free(id);
	id = clean_of(st, K_ANCHOR);
	snprintf(n->anchor_id, sizeof n->anchor_id, "%s", id);
	free(id);
	n->sel.quote = clean_of(st, K_QUOTE);
	n->sel.prefix = clean_of(st, K_PREFIX);
	n->sel.suffix = clean_of(st, K_SUFFIX);
	n->sel.offset = sqlite3_column_int(st, 2 + 2 * K_OFFSET);
	n->fix = !strcmp(type_of(st, K_FIX), "text") ? clean_of(st, K_FIX) : NULL;
	n->text = clean_of(st, K_NOTE);
	n->anchor_state = astate;
	n->applied = sqlite3_column_int(st, 2 + 2 * K_APPLIED) != 0;
	/* the sender's derived fields are not trusted: book "" makes
	 * notes_resolve anchor the current note again here (an unknown item
	 * or anchor then shows orphaned); a history entry keeps what it said
	 * (a record, never resolved) */
	snprintf(n->book, sizeof n->book, "%s", in_history ? text_of(st, K_BOOK) : "");
	n->cite = !strcmp(type_of(st, K_CITE), "text") ? clean_of(st, K_CITE) : NULL;
	user_db_clean_name(text_of(st, K_AUTHOR), n->author);
	user_db_clean_name(text_of(st, K_UPDATED_BY), n->updated_by);
	n->created = sqlite3_column_int64(st, 1 + 2 * NKEYS);
	n->updated = sqlite3_column_int64(st, 2 + 2 * NKEYS);
	n->conflict = in_history && sqlite3_column_int(st, 2 + 2 * K_CONFLICT) != 0;
	struct anli_err why;
	if (note_check(n, &why))
		return file_err(r->name, err, "%s %d (%s): %s", where, r->index, n->uuid, why.msg);
	return 0;
}

/* A note of the file with its history. */
struct incoming {
	struct note cur;
	struct note *hist;
	int nhist;
};

static void incoming_clear(struct incoming *in)
{
	note_clear(&in->cur);
	notes_free(in->hist, in->nhist);
	in->hist = NULL;
	in->nhist = 0;
}

static int read_incoming(struct reader *r, const char *json, struct incoming *in, struct anli_err *err)
{
	memset(in, 0, sizeof *in);
	if (read_note(r, json, 0, &in->cur, err))
		return -1;
	sqlite3_stmt *st;
	if (user_db_prepare(r->u, _("importing notes"), "SELECT type, value FROM json_each(?1, '$.history')", &st, err,
			    "t", json))
		return -1;
	int rc;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (strcmp((const char *)sqlite3_column_text(st, 0), "object")) {
			sqlite3_finalize(st);
			return file_err(r->name, err, _("note %d (%s): an entry of its \"history\" is not a JSON object"),
					    r->index, in->cur.uuid);
		}
		in->hist = xrealloc(in->hist, sizeof *in->hist * (size_t)(in->nhist + 1));
		if (read_note(r, (const char *)sqlite3_column_text(st, 1), 1, &in->hist[in->nhist], err)) {
			sqlite3_finalize(st);
			return -1;
		}
		in->nhist++;
		if (strcmp(in->hist[in->nhist - 1].uuid, in->cur.uuid)) {
			sqlite3_finalize(st);
			return file_err(r->name, err, _("note %d (%s): its history holds another note (%s)"), r->index,
					    in->cur.uuid, in->hist[in->nhist - 1].uuid);
		}
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : user_db_fail(r->u, _("importing notes"), err);
}

/* Is etag in the local history of uuid?  1 / 0, -1 on an error. */
static int local_has(struct user *u, const char *uuid, const char *etag, struct anli_err *err)
{
	sqlite3_stmt *st;
	if (user_db_prepare(u, _("importing notes"), "SELECT 1 FROM note_rev WHERE uuid = ? AND etag = ?", &st, err, "tt",
			    uuid, etag))
		return -1;
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return user_db_fail(u, _("importing notes"), err);
	return rc == SQLITE_ROW;
}

/* Of two revisions of a note edited apart, the one that stays current:
 * 1 when a wins over b. */
static int wins(const struct note *a, const struct note *b)
{
	if (a->deleted != b->deleted)
		return a->deleted; /* a deletion is never undone by a merge */
	if (a->updated != b->updated)
		return a->updated > b->updated;
	if (a->rev != b->rev)
		return a->rev > b->rev;
	return strcmp(a->etag, b->etag) > 0;
}

/* Merge one incoming note; count it in *c. */
static int merge(struct user *u, struct incoming *in, struct notes_import_counts *c, struct anli_err *err)
{
	struct note *n = &in->cur;
	sqlite3_stmt *st;
	if (user_db_prepare(u, _("importing notes"), "SELECT " USER_DB_NOTE_COLS " FROM note WHERE uuid = ?", &st, err,
			    "t", n->uuid))
		return -1;
	struct note l;
	int rc = sqlite3_step(st), have = rc == SQLITE_ROW;
	if (have)
		user_db_note_row(st, 0, &l);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return user_db_fail(u, _("importing notes"), err);
	const char *current = n->etag; /* the etag current when merged */
	if (!have) {
		rc = user_db_note_write(u, "insert", n, err);
		c->added++;
	} else {
		int later = 0; /* the incoming note is a later edit of the local one */
		for (int i = 0; i < in->nhist; i++)
			later |= !strcmp(in->hist[i].etag, l.etag);
		int known = !strcmp(n->etag, l.etag) ? 1 : local_has(u, n->uuid, n->etag, err);
		rc = known < 0 ? -1 : 0;
		if (rc) {
		} else if (known) {
			c->unchanged++;
			current = l.etag;
		} else if (later && !(l.deleted && !n->deleted)) {
			l.conflict = 0;
			rc = user_db_note_write(u, "history", &l, err);
			if (!rc)
				rc = user_db_note_write(u, "update", n, err);
			if (n->deleted && !l.deleted)
				c->deleted++;
			else
				c->updated++;
		} else {
			c->conflicts++;
			if (wins(n, &l)) {
				l.conflict = 1;
				rc = user_db_note_write(u, "history", &l, err);
				if (!rc)
					rc = user_db_note_write(u, "update", n, err);
			} else {
				n->conflict = 1;
				rc = user_db_note_write(u, "history", n, err);
				current = l.etag;
			}
		}
	}
	/* the histories merged (a revision known here keeps its row; a
	 * conflict mark is kept from either side) */
	for (int i = 0; !rc && i < in->nhist; i++)
		if (strcmp(in->hist[i].etag, current))
			rc = user_db_note_write(u, "history", &in->hist[i], err);
	if (have)
		note_clear(&l);
	return rc;
}

int notes_import(struct user *u, const char *json, const char *name, struct notes_import_counts *c, struct anli_err *err)
{
	memset(c, 0, sizeof *c);
	if (!user_active(u))
		return user_db_inactive(u, err);
	const char *what = _("importing notes");
	sqlite3_stmt *st;
	/* valid JSON first: json_type of invalid JSON is an error */
	if (user_db_prepare(u, what, "SELECT json_valid(?1)", &st, err, "t", json))
		return -1;
	int rc = sqlite3_step(st), valid = rc == SQLITE_ROW && sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return user_db_fail(u, what, err);
	if (!valid)
		return file_err(name, err, "%s", _("not valid JSON"));
	if (user_db_prepare(u, what,
			    "SELECT json_type(?1, '$.anli_notes'), json_type(?1), json_extract(?1, '$.anli_notes'),"
			    " json_type(?1, '$.notes')",
			    &st, err, "t", json))
		return -1;
	rc = sqlite3_step(st);
	if (rc != SQLITE_ROW) {
		sqlite3_finalize(st);
		return user_db_fail(u, what, err);
	}
	const char *bad = NULL;
	if (!sqlite3_column_text(st, 1) || strcmp((const char *)sqlite3_column_text(st, 1), "object") ||
		 sqlite3_column_type(st, 2) == SQLITE_NULL)
		bad = _("not an anli notes export (no \"anli_notes\")");
	else if (strcmp((const char *)sqlite3_column_text(st, 0), "integer") || sqlite3_column_int64(st, 2) != 1)
		bad = _("an anli notes export of another version (\"anli_notes\" is not 1)");
	else if (!sqlite3_column_text(st, 3) || strcmp((const char *)sqlite3_column_text(st, 3), "array"))
		bad = _("\"notes\" is not a list");
	sqlite3_finalize(st);
	if (bad)
		return file_err(name, err, "%s", bad);
	struct reader r = {.u = u, .name = name};
	if (user_db_begin(u, what, err))
		return -1;
	if (prepare_reader(&r, err)) {
		user_db_rollback(u);
		return -1;
	}
	rc = user_db_prepare(u, what, "SELECT type, value FROM json_each(?1, '$.notes')", &st, err, "t", json);
	while (!rc && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		r.index++;
		if (strcmp((const char *)sqlite3_column_text(st, 0), "object")) {
			rc = file_err(name, err, _("note %d: not a JSON object"), r.index);
			break;
		}
		struct incoming in;
		rc = read_incoming(&r, (const char *)sqlite3_column_text(st, 1), &in, err);
		if (!rc)
			rc = merge(u, &in, c, err);
		incoming_clear(&in);
	}
	if (rc == SQLITE_DONE)
		rc = 0;
	else if (rc > 0)
		rc = user_db_fail(u, what, err);
	sqlite3_finalize(st);
	sqlite3_finalize(r.st);
	if (rc) {
		user_db_rollback(u);
		memset(c, 0, sizeof *c);
		return -1;
	}
	return user_db_commit(u, what, err);
}
