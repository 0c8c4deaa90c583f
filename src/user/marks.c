/* marks.c — the state file's small tables (user.h): the reading position,
 * history, read marks and review status, bookmarks, and the integrity
 * check. */
#include "anli/user.h"

#include "anli/i18n.h"
#include "userdb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* --- position */

int user_pos_save(struct user *u, const struct user_pos *p, struct anli_err *err)
{
	if (!user_active(u))
		return 0;
	if (user_db_check_id(u, p->item_id, 0, err) || user_db_check_id(u, p->block_id, 1, err))
		return -1;
	return user_db_run(u, _("saving the position"), NULL, err,
		   "INSERT OR REPLACE INTO position (id, item_id, block_id, focus, book, updated)"
		   " VALUES (1, ?, ?, ?, ?, ?)",
		   "tttti", p->item_id, user_db_or_null(p->block_id), user_db_or_null(p->focus), user_db_or_null(p->book),
		   (long long)time(NULL));
}

int user_pos_load(struct user *u, struct user_pos *p, struct anli_err *err)
{
	memset(p, 0, sizeof *p);
	if (!user_active(u))
		return 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(u->db, "SELECT item_id, block_id, focus, book, updated FROM position WHERE id = 1", -1,
			       &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return user_db_fail(u, _("reading the position"), err);
	}
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW) {
		user_db_copy(p->item_id, sizeof p->item_id, sqlite3_column_text(st, 0));
		user_db_copy(p->block_id, sizeof p->block_id, sqlite3_column_text(st, 1));
		user_db_copy(p->focus, sizeof p->focus, sqlite3_column_text(st, 2));
		user_db_copy(p->book, sizeof p->book, sqlite3_column_text(st, 3));
		p->updated = sqlite3_column_int64(st, 4);
		rc = SQLITE_DONE;
	}
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? 0 : user_db_fail(u, _("reading the position"), err);
}

/* --- history */

int user_history_push(struct user *u, const struct user_pos *p, struct anli_err *err)
{
	if (!user_active(u))
		return 0;
	if (user_db_check_id(u, p->item_id, 0, err) || user_db_check_id(u, p->block_id, 1, err))
		return -1;
	const char *what = _("saving the history");
	if (user_db_begin(u, what, err))
		return -1;
	if (user_db_run(u, what, NULL, err, "INSERT INTO history (item_id, block_id, book, at) VALUES (?, ?, ?, ?)", "ttti",
		p->item_id, user_db_or_null(p->block_id), user_db_or_null(p->book), (long long)time(NULL)) ||
	    user_db_run(u, what, NULL, err, "DELETE FROM history WHERE seq <= (SELECT max(seq) FROM history) - ?", "i",
		(long long)USER_HISTORY_MAX)) {
		user_db_rollback(u);
		return -1;
	}
	return user_db_commit(u, what, err);
}

int user_history(struct user *u, int max, struct user_pos **out, int *n, struct anli_err *err)
{
	*out = NULL;
	*n = 0;
	if (!user_active(u) || max <= 0)
		return 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(u->db,
			       "SELECT item_id, block_id, book, at FROM"
			       " (SELECT * FROM history ORDER BY seq DESC LIMIT ?) ORDER BY seq",
			       -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return user_db_fail(u, _("reading the history"), err);
	}
	sqlite3_bind_int(st, 1, max);
	struct user_pos *v = xcalloc((size_t)max, sizeof *v);
	int rc, k = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && k < max) {
		user_db_copy(v[k].item_id, sizeof v[k].item_id, sqlite3_column_text(st, 0));
		user_db_copy(v[k].block_id, sizeof v[k].block_id, sqlite3_column_text(st, 1));
		user_db_copy(v[k].book, sizeof v[k].book, sqlite3_column_text(st, 2));
		v[k].updated = sqlite3_column_int64(st, 3);
		k++;
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return user_db_fail(u, _("reading the history"), err);
	}
	*out = v;
	*n = k;
	return 0;
}

/* --- marks */

const char *user_review_name(int review)
{
	return review == USER_REVIEW_OK ? "reviewed" : review == USER_REVIEW_FIX ? "needs-fix" : "none";
}

int user_read_set(struct user *u, const char *item_id, int read, const char *book, struct anli_err *err)
{
	if (!user_active(u))
		return 0;
	if (user_db_check_id(u, item_id, 0, err))
		return -1;
	if (read)
		return user_db_run(u, _("saving a read mark"), NULL, err,
			   "INSERT INTO read_mark (item_id, book, at) VALUES (?, ?, ?)"
			   " ON CONFLICT (item_id) DO UPDATE SET book = excluded.book, at = excluded.at",
			   "tti", item_id, user_db_or_null(book), (long long)time(NULL));
	return user_db_run(u, _("saving a read mark"), NULL, err, "DELETE FROM read_mark WHERE item_id = ?", "t", item_id);
}

int user_review_set(struct user *u, const char *item_id, int review, const char *book, struct anli_err *err)
{
	if (!user_active(u))
		return 0;
	if (user_db_check_id(u, item_id, 0, err))
		return -1;
	if (review == USER_REVIEW_OK || review == USER_REVIEW_FIX)
		return user_db_run(u, _("saving a review status"), NULL, err,
			   "INSERT INTO review (item_id, status, book, at) VALUES (?, ?, ?, ?)"
			   " ON CONFLICT (item_id) DO UPDATE SET status = excluded.status, book = excluded.book,"
			   " at = excluded.at",
			   "ttti", item_id, user_review_name(review), user_db_or_null(book), (long long)time(NULL));
	return user_db_run(u, _("saving a review status"), NULL, err, "DELETE FROM review WHERE item_id = ?", "t", item_id);
}

int user_marks(struct user *u, struct user_mark **out, int *n, struct anli_err *err)
{
	*out = NULL;
	*n = 0;
	if (!user_active(u))
		return 0;
	sqlite3_stmt *st;
	/* a FULL JOIN of the two tables, which SQLite 3.40 has, spelt as a
	 * union for older ones */
	if (sqlite3_prepare_v2(u->db,
			       "SELECT k.item_id, r.at, v.status, v.at FROM"
			       " (SELECT item_id FROM read_mark UNION SELECT item_id FROM review) k"
			       " LEFT JOIN read_mark r ON r.item_id = k.item_id"
			       " LEFT JOIN review v ON v.item_id = k.item_id ORDER BY k.item_id",
			       -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return user_db_fail(u, _("reading the marks"), err);
	}
	struct user_mark *v = NULL;
	int rc, k = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, sizeof *v * (size_t)cap);
		}
		struct user_mark *x = &v[k++];
		memset(x, 0, sizeof *x);
		user_db_copy(x->item_id, sizeof x->item_id, sqlite3_column_text(st, 0));
		x->read = sqlite3_column_type(st, 1) != SQLITE_NULL;
		x->read_at = sqlite3_column_int64(st, 1);
		const char *s = (const char *)sqlite3_column_text(st, 2);
		x->review = !s ? USER_REVIEW_NONE : !strcmp(s, "reviewed") ? USER_REVIEW_OK : USER_REVIEW_FIX;
		x->review_at = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return user_db_fail(u, _("reading the marks"), err);
	}
	*out = v;
	*n = k;
	return 0;
}

/* --- bookmarks */

int user_bookmark_add(struct user *u, const char *block_id, const char *item_id, const char *book, int *added,
		      struct anli_err *err)
{
	if (added)
		*added = 0;
	if (!user_active(u))
		return 0;
	if (user_db_check_id(u, block_id, 0, err) || user_db_check_id(u, item_id, 0, err))
		return -1;
	return user_db_run(u, _("saving a bookmark"), added, err,
		   "INSERT OR IGNORE INTO bookmark (block_id, item_id, book, created) VALUES (?, ?, ?, ?)", "ttti",
		   block_id, item_id, user_db_or_null(book), (long long)time(NULL));
}

int user_bookmark_rm(struct user *u, const char *block_id, int *removed, struct anli_err *err)
{
	if (removed)
		*removed = 0;
	if (!user_active(u))
		return 0;
	if (user_db_check_id(u, block_id, 0, err))
		return -1;
	return user_db_run(u, _("removing a bookmark"), removed, err, "DELETE FROM bookmark WHERE block_id = ? COLLATE NOCASE", "t",
		   block_id);
}

int user_bookmarks(struct user *u, struct user_bookmark **out, int *n, struct anli_err *err)
{
	*out = NULL;
	*n = 0;
	if (!user_active(u))
		return 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(u->db,
			       "SELECT block_id, item_id, book, created FROM bookmark ORDER BY created, rowid", -1,
			       &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return user_db_fail(u, _("reading the bookmarks"), err);
	}
	struct user_bookmark *v = NULL;
	int rc, k = 0, cap = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		if (k == cap) {
			cap = cap ? cap * 2 : 64;
			v = xrealloc(v, sizeof *v * (size_t)cap);
		}
		struct user_bookmark *x = &v[k++];
		user_db_copy(x->block_id, sizeof x->block_id, sqlite3_column_text(st, 0));
		user_db_copy(x->item_id, sizeof x->item_id, sqlite3_column_text(st, 1));
		user_db_copy(x->book, sizeof x->book, sqlite3_column_text(st, 2));
		x->created = sqlite3_column_int64(st, 3);
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		free(v);
		return user_db_fail(u, _("reading the bookmarks"), err);
	}
	*out = v;
	*n = k;
	return 0;
}

/* --- checks */

int user_integrity(struct user *u, int *ok, struct sbuf *detail, struct anli_err *err)
{
	*ok = 1;
	if (!user_active(u))
		return 0;
	sqlite3_stmt *st;
	if (sqlite3_prepare_v2(u->db, "PRAGMA integrity_check(10)", -1, &st, NULL) != SQLITE_OK) {
		sqlite3_finalize(st);
		return user_db_fail(u, "integrity_check", err);
	}
	int rc, k = 0;
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *s = (const char *)sqlite3_column_text(st, 0);
		if (s && !strcmp(s, "ok"))
			continue;
		*ok = 0;
		if (k++)
			sbuf_adds(detail, "; ");
		sbuf_adds(detail, s ? s : "?");
	}
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE) {
		*ok = 0;
		if (k)
			sbuf_adds(detail, "; ");
		sbuf_adds(detail, sqlite3_errmsg(u->db));
	}
	return 0;
}
