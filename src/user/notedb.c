/* notedb.c — one note in the database (userdb.h): its row, its etag,
 * writing it as a current note or a revision, and cleaning the text
 * stored. */
#include "anli/notes.h"

#include "anli/i18n.h"
#include "userdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

char *user_db_clean(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addn(&b, "", 0);
	size_t n = strlen(s), i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + i, n - i);
		i += (size_t)(l > 0 ? l : 1);
		if (c == '\t' || c == '\n' || c == '\r' || c == 0x2028 || c == 0x2029)
			c = ' ';
		else if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || (c >= 0x202a && c <= 0x202e) ||
			 (c >= 0x2066 && c <= 0x2069))
			continue;
		uint8_t out[6];
		int k = u8_uctomb(out, c, sizeof out);
		if (k > 0)
			sbuf_addn(&b, (const char *)out, (size_t)k);
	}
	return sbuf_take(&b);
}

void user_db_clean_name(const char *name, char out[NOTE_NAME_MAX])
{
	char *clean = user_db_clean(name);
	size_t len = strlen(clean), i = 0;
	while (i < len) { /* whole characters only */
		int l = u8_mblen((const uint8_t *)clean + i, len - i);
		if (l <= 0 || i + (size_t)l > NOTE_NAME_MAX - 1)
			break;
		i += (size_t)l;
	}
	memcpy(out, clean, i);
	out[i] = '\0';
	free(clean);
}

char *user_db_col_dup(sqlite3_stmt *st, int c)
{
	const unsigned char *s = sqlite3_column_text(st, c);
	return s ? xstrdup((const char *)s) : NULL;
}

void user_db_note_row(sqlite3_stmt *st, int col, struct note *n)
{
	memset(n, 0, sizeof *n);
	user_db_copy(n->uuid, sizeof n->uuid, sqlite3_column_text(st, col));
	n->num = sqlite3_column_int64(st, col + 1);
	n->rev = sqlite3_column_int(st, col + 2);
	user_db_copy(n->etag, sizeof n->etag, sqlite3_column_text(st, col + 3));
	n->kind = sqlite3_column_int(st, col + 4);
	n->status = sqlite3_column_int(st, col + 5);
	n->deleted = sqlite3_column_int(st, col + 6);
	user_db_copy(n->item_id, sizeof n->item_id, sqlite3_column_text(st, col + 7));
	user_db_copy(n->anchor_id, sizeof n->anchor_id, sqlite3_column_text(st, col + 8));
	n->sel.quote = user_db_col_dup(st, col + 9);
	n->sel.prefix = user_db_col_dup(st, col + 10);
	n->sel.suffix = user_db_col_dup(st, col + 11);
	n->sel.offset = sqlite3_column_int(st, col + 12);
	n->fix = user_db_col_dup(st, col + 13);
	n->text = user_db_col_dup(st, col + 14);
	n->anchor_state = sqlite3_column_int(st, col + 15);
	n->applied = sqlite3_column_int(st, col + 16);
	user_db_copy(n->book, sizeof n->book, sqlite3_column_text(st, col + 17));
	n->cite = user_db_col_dup(st, col + 18);
	user_db_copy(n->author, sizeof n->author, sqlite3_column_text(st, col + 19));
	user_db_copy(n->updated_by, sizeof n->updated_by, sqlite3_column_text(st, col + 20));
	n->created = sqlite3_column_int64(st, col + 21);
	n->updated = sqlite3_column_int64(st, col + 22);
	n->conflict = sqlite3_column_int(st, col + 23);
	if (!n->sel.quote)
		n->sel.quote = xstrdup("");
	if (!n->sel.prefix)
		n->sel.prefix = xstrdup("");
	if (!n->sel.suffix)
		n->sel.suffix = xstrdup("");
	if (!n->text)
		n->text = xstrdup("");
}

static void fnv_field(unsigned long long *h, const char *s)
{
	util_fnv64(h, s);
	util_fnv64(h, "\xff");
}

void user_db_note_etag(const struct note *n, char out[17])
{
	unsigned long long h = UTIL_FNV64_INIT;
	char num[64];
	snprintf(num, sizeof num, "%d %d %d %d", n->rev, n->kind, n->status, n->deleted);
	fnv_field(&h, n->uuid);
	fnv_field(&h, num);
	fnv_field(&h, n->item_id);
	fnv_field(&h, n->anchor_id);
	fnv_field(&h, n->sel.quote ? n->sel.quote : "");
	fnv_field(&h, n->fix ? "F" : "-"); /* no fix and an empty one differ */
	fnv_field(&h, n->fix ? n->fix : "");
	fnv_field(&h, n->text ? n->text : "");
	snprintf(out, 17, "%016llx", h);
}

static const char *str(const char *s)
{
	return s ? s : "";
}

int user_db_note_write(struct user *u, const char *how, struct note *n, struct anli_err *err)
{
	const char *what = _("saving a note");
	sqlite3_stmt *st;
	int rc;
	if (!strcmp(how, "insert")) {
		rc = user_db_prepare(u, what,
				     "INSERT INTO note (num, uuid, rev, etag, kind, status, deleted, item_id, anchor_id,"
				     " quote, prefix, suffix, offset, fix, text, anchor_state, applied, book, cite, author,"
				     " updated_by, created, updated) VALUES"
				     " ((SELECT coalesce(max(num), 0) + 1 FROM note), ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10,"
				     " ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23) RETURNING num",
				     &st, err, "");
	} else if (!strcmp(how, "update")) {
		rc = user_db_prepare(u, what,
				     "UPDATE note SET rev = ?3, etag = ?4, kind = ?5, status = ?6, deleted = ?7,"
				     " item_id = ?8, anchor_id = ?9, quote = ?10, prefix = ?11, suffix = ?12, offset = ?13,"
				     " fix = ?14, text = ?15, anchor_state = ?16, applied = ?17, book = ?18, cite = ?19,"
				     " updated_by = ?21, updated = ?23 WHERE uuid = ?2"
				     " RETURNING num, author, created",
				     &st, err, "");
	} else {
		rc = user_db_prepare(u, what,
				     "INSERT INTO note_rev (conflict, uuid, rev, etag, kind, status, deleted, item_id,"
				     " anchor_id, quote, prefix, suffix, offset, fix, text, anchor_state, applied, book, cite,"
				     " author, updated_by, created, updated) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9,"
				     " ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23)"
				     " ON CONFLICT (uuid, etag) DO UPDATE SET conflict = max(conflict, excluded.conflict)",
				     &st, err, "");
	}
	if (rc)
		return -1;
	sqlite3_bind_int(st, 1, n->conflict);
	sqlite3_bind_text(st, 2, n->uuid, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 3, n->rev);
	sqlite3_bind_text(st, 4, n->etag, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 5, n->kind);
	sqlite3_bind_int(st, 6, n->status);
	sqlite3_bind_int(st, 7, n->deleted ? 1 : 0);
	sqlite3_bind_text(st, 8, n->item_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 9, n->anchor_id, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 10, str(n->sel.quote), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 11, str(n->sel.prefix), -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 12, str(n->sel.suffix), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 13, n->sel.offset);
	if (n->fix)
		sqlite3_bind_text(st, 14, n->fix, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 15, str(n->text), -1, SQLITE_TRANSIENT);
	sqlite3_bind_int(st, 16, n->anchor_state);
	sqlite3_bind_int(st, 17, n->applied ? 1 : 0);
	sqlite3_bind_text(st, 18, n->book, -1, SQLITE_TRANSIENT);
	if (n->cite)
		sqlite3_bind_text(st, 19, n->cite, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 20, n->author, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(st, 21, n->updated_by, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(st, 22, n->created);
	sqlite3_bind_int64(st, 23, n->updated);
	rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		n->num = sqlite3_column_int64(st, 0);
		if (!strcmp(how, "update")) {
			user_db_copy(n->author, sizeof n->author, sqlite3_column_text(st, 1));
			n->created = sqlite3_column_int64(st, 2);
		}
		rc = sqlite3_step(st);
	} else if (rc == SQLITE_DONE && !strcmp(how, "update")) {
		sqlite3_finalize(st);
		return anli_err_set(err, _("%s: no note %s"), u->path, n->uuid);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : user_db_fail(u, what, err);
}

