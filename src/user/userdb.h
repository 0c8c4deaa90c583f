/* userdb.h — private to the user layer (src/user/): the handle behind
 * struct user and the statement helpers every table's code shares.
 * Errors follow util.h's convention; `what` names the action for the
 * message ("PATH: what: SQLite's reason"). */
#ifndef ANLI_USERDB_H
#define ANLI_USERDB_H

#include "anli/user.h"

#include <sqlite3.h>
#include <stdarg.h>
#include <sys/types.h>

struct user {
	sqlite3 *db; /* NULL: no state */
	char *path;
	char journal[16];
	dev_t dev;         /* the file setup examined (a damaged one is moved */
	ino_t ino;         /* only if it is still the same file) */
	int found_version, now_version;
	char min_reader[32];
	unsigned flags;    /* user_open's */
	int readonly;      /* opened for reading only (USER_READ_ONLY) */
	char *why;         /* no state: why (user_open's note) */
};

/* err = "PATH: what: SQLite's message"; returns -1. */
int user_db_fail(struct user *u, const char *what, struct anli_err *err);

/* Prepare sql and bind its parameters: `types` one letter per parameter,
 * 't' a const char * (NULL binds NULL), 'i' a long long.  On failure *st
 * is NULL. */
int user_db_vprepare(struct user *u, const char *what, const char *sql, sqlite3_stmt **st, struct anli_err *err,
		     const char *types, va_list ap);
int user_db_prepare(struct user *u, const char *what, const char *sql, sqlite3_stmt **st, struct anli_err *err,
		    const char *types, ...);

/* Run a statement that returns no rows; *changes (if not NULL) the rows it
 * changed. */
int user_db_run(struct user *u, const char *what, int *changes, struct anli_err *err, const char *sql,
		const char *types, ...);

/* BEGIN IMMEDIATE (waiting up to the busy timeout for another writer);
 * COMMIT, rolling back when it fails; ROLLBACK. */
int user_db_begin(struct user *u, const char *what, struct anli_err *err);
int user_db_commit(struct user *u, const char *what, struct anli_err *err);
void user_db_rollback(struct user *u);

/* An id that is not empty (unless may_be_empty) and fits USER_ID_MAX. */
int user_db_check_id(struct user *u, const char *id, int may_be_empty, struct anli_err *err);

/* Copy a column's text (NULL: "") into to[size]. */
void user_db_copy(char *to, size_t size, const unsigned char *s);
/* NULL for NULL or "" (stored as NULL), else s. */
const char *user_db_or_null(const char *s);

/* --- notes (notedb.c; shared by notes.c, import.c and resolve.c) */
struct note;

/* The columns a note is read from (user_db_note_row), of table note and of
 * table note_rev (num 0 there; conflict 0 in note). */
#define USER_DB_NOTE_COLS                                                                                  \
	"uuid, num, rev, etag, kind, status, deleted, item_id, anchor_id, quote, prefix, suffix, offset, fix," \
	" text, anchor_state, applied, book, cite, author, updated_by, created, updated, 0"
#define USER_DB_REV_COLS                                                                                   \
	"uuid, 0, rev, etag, kind, status, deleted, item_id, anchor_id, quote, prefix, suffix, offset, fix,"  \
	" text, anchor_state, applied, book, cite, author, updated_by, created, updated, conflict"
/* A new copy of a column's text, NULL for NULL. */
char *user_db_col_dup(sqlite3_stmt *st, int c);
/* Fill *n (zeroed first) from a row of those columns starting at col. */
void user_db_note_row(sqlite3_stmt *st, int col, struct note *n);
/* The etag of n's revision (notes.h) into out. */
void user_db_note_etag(const struct note *n, char out[17]);
/* Write n: "insert" as a new current note (n->num is set to the next
 * number), "update" over the current note of its uuid (num, author and
 * created kept), "history" into note_rev (an etag there already: only its
 * conflict flag is raised).  Within the caller's transaction. */
int user_db_note_write(struct user *u, const char *how, struct note *n, struct anli_err *err);
/* A copy of s fit to store: invalid UTF-8 → U+FFFD, tab and line breaks →
 * a space, other control characters and bidirectional overrides removed. */
char *user_db_clean(const char *s);
/* name cleaned as by user_db_clean and cut to NOTE_NAME_MAX - 1 bytes on
 * a character boundary, into out[NOTE_NAME_MAX]. */
void user_db_clean_name(const char *name, char out[64]);
/* Fail for a handle without state: "notes cannot be saved: why". */
int user_db_inactive(struct user *u, struct anli_err *err);

#endif
