/* userdb.c — the statement and transaction helpers of the user layer
 * (userdb.h), shared by the state file's tables (state.c) and the notes
 * (notes.c, resolve.c). */
#include "userdb.h"

#include "anli/i18n.h"

#include <stdio.h>
#include <string.h>

int user_db_fail(struct user *u, const char *what, struct anli_err *err)
{
	if (u->readonly && (sqlite3_extended_errcode(u->db) & 0xff) == SQLITE_READONLY)
		return anli_err_set(err, _("%s: %s: the file is read-only (opened for reading): nothing is saved"),
				    u->path, what);
	return anli_err_set(err, "%s: %s: %s", u->path, what, sqlite3_errmsg(u->db));
}

/* Prepare sql and bind its parameters: `types` one letter per parameter,
 * 't' a const char * (NULL binds NULL), 'i' a long long. */
int user_db_vprepare(struct user *u, const char *what, const char *sql, sqlite3_stmt **st, struct anli_err *err,
		     const char *types, va_list ap)
{
	if (sqlite3_prepare_v2(u->db, sql, -1, st, NULL) != SQLITE_OK) {
		sqlite3_finalize(*st);
		*st = NULL;
		return user_db_fail(u, what, err);
	}
	for (int i = 0; types[i]; i++) {
		int rc;
		if (types[i] == 't') {
			const char *s = va_arg(ap, const char *);
			rc = s ? sqlite3_bind_text(*st, i + 1, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(*st, i + 1);
		} else {
			rc = sqlite3_bind_int64(*st, i + 1, va_arg(ap, long long));
		}
		if (rc != SQLITE_OK) {
			user_db_fail(u, what, err);
			sqlite3_finalize(*st);
			*st = NULL;
			return -1;
		}
	}
	return 0;
}

int user_db_prepare(struct user *u, const char *what, const char *sql, sqlite3_stmt **st, struct anli_err *err,
		    const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	int rc = user_db_vprepare(u, what, sql, st, err, types, ap);
	va_end(ap);
	return rc;
}

/* Run a statement that returns no rows; *changes (if not NULL) the rows it
 * changed. */
int user_db_run(struct user *u, const char *what, int *changes, struct anli_err *err, const char *sql,
	       const char *types, ...)
{
	va_list ap;
	va_start(ap, types);
	sqlite3_stmt *st;
	int rc = user_db_vprepare(u, what, sql, &st, err, types, ap);
	va_end(ap);
	if (rc)
		return -1;
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return user_db_fail(u, what, err);
	if (changes)
		*changes = sqlite3_changes(u->db);
	return 0;
}

int user_db_begin(struct user *u, const char *what, struct anli_err *err)
{
	if (u->readonly)
		return anli_err_set(err, _("%s: %s: the file is read-only (opened for reading): nothing is saved"),
				    u->path, what);
	return sqlite3_exec(u->db, "BEGIN IMMEDIATE", NULL, NULL, NULL) == SQLITE_OK ? 0 : user_db_fail(u, what, err);
}

int user_db_commit(struct user *u, const char *what, struct anli_err *err)
{
	if (sqlite3_exec(u->db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK)
		return 0;
	user_db_fail(u, what, err);
	sqlite3_exec(u->db, "ROLLBACK", NULL, NULL, NULL);
	return -1;
}

void user_db_rollback(struct user *u)
{
	sqlite3_exec(u->db, "ROLLBACK", NULL, NULL, NULL);
}

int user_db_check_id(struct user *u, const char *id, int may_be_empty, struct anli_err *err)
{
	if (!id || (!*id && !may_be_empty))
		return anli_err_set(err, _("%s: an empty id"), u->path);
	if (strlen(id) >= USER_ID_MAX)
		return anli_err_set(err, _("%s: id too long: '%.40s…'"), u->path, id);
	return 0;
}

void user_db_copy(char *to, size_t size, const unsigned char *s)
{
	snprintf(to, size, "%s", s ? (const char *)s : "");
}

const char *user_db_or_null(const char *s)
{
	return s && *s ? s : NULL;
}

