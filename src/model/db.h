/* db.h — the model layer's private SQLite helpers (src/model only).
 *
 * Every error message names the database path and carries sqlite3_errmsg,
 * following util.h's convention (0 / -1 with err set). */
#ifndef ANLI_MODEL_DB_H
#define ANLI_MODEL_DB_H

#include "anli/model.h"

#include <sqlite3.h>

/* Open PATH read-only after checking its header: returns the handle and
 * fills *appid and *version from the header, or NULL with err set. */
sqlite3 *db_open(const char *path, unsigned *appid, int *version, struct anli_err *err);

/* Check cheaply what the reader relies on and a damaged file could lose
 * without SQLite noticing: the text-folding version in meta, that there are
 * blocks, sections and search documents, that items point at search
 * documents that exist, and that the FTS index answers a query it must
 * answer.  Called by model_open after the index is loaded. */
int db_check(struct model *m, struct anli_err *err);

/* "PATH: WHAT: sqlite3_errmsg" (WHAT may be NULL); returns -1. */
int db_err(const struct model *m, const char *what, struct anli_err *err);

/* Prepare sql on m's handle; -1 with err set on failure. */
int db_prepare(struct model *m, const char *sql, sqlite3_stmt **st, const char *what, struct anli_err *err);

/* Checked binds: the bind's result is never ignored.  On failure the
 * statement is left for the caller to finalize; returns -1 with err set. */
int db_bind_text(struct model *m, sqlite3_stmt *st, int i, const char *s, int n, const char *what,
		 struct anli_err *err);
int db_bind_int64(struct model *m, sqlite3_stmt *st, int i, sqlite3_int64 v, const char *what,
		  struct anli_err *err);
int db_bind_pointer(struct model *m, sqlite3_stmt *st, int i, void *p, const char *type, const char *what,
		    struct anli_err *err);

#endif
