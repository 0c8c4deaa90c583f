/* user.h — the per-user state file (src/user/: the only code that writes).
 *
 * One SQLite file per user, never the bundled book: $XDG_DATA_HOME/anli/
 * user.db (default ~/.local/share/anli/user.db); ANLI_STATE and --state
 * override.  PRAGMA application_id is USER_APPLICATION_ID ("ANLU"),
 * PRAGMA user_version the schema version, migrated forward on open, one
 * transaction per step; meta 'min_reader' is the oldest anli version that
 * may use the file (a newer schema that an older anli may still use says
 * so there).  WAL where the file system allows it, else the rollback
 * journal; a busy timeout, so that two anli processes of one user write
 * at once; one transaction per change.
 *
 * State is stored by block id (README "Block ids"), never by paragraph
 * number, with the item id and the book's build fingerprint
 * (model_fingerprint) of when it was made.  State on a block that a
 * rebuild removed is kept; addr_nearest (addr.h) says where it falls back.
 *
 * "No state": when the file cannot be used (no home, a read-only
 * directory or file, a file written for a newer anli, a file that is not
 * anli's), user_open still returns a handle, user_active() is 0 and every
 * call below is a no-op that succeeds (reads return nothing).  The reason
 * is given once, by user_open, for the caller to print.
 *
 * Errors follow util.h's convention (0 / -1, err "PATH: what: reason").
 * Strings passed in are copied; ids longer than USER_ID_MAX are refused. */
#ifndef ANLI_USER_H
#define ANLI_USER_H

#include "anli/util.h"

#define USER_APPLICATION_ID 0x414E4C55 /* "ANLU" */
#define USER_SCHEMA_VERSION 2
#define USER_HISTORY_MAX 500 /* history rows kept, the oldest dropped first */
#define USER_ID_MAX 64       /* bytes of an item or block id, NUL included */

struct user; /* opaque */

/* The state file's path: `opt` (--state) when not NULL, else $ANLI_STATE
 * when set and not empty, else $XDG_DATA_HOME/anli/user.db ($XDG_DATA_HOME
 * absolute), else $HOME/.local/share/anli/user.db.  A new string, or NULL
 * when there is no home to put it in (err says so).  *is_default (if not
 * NULL): 1 for the XDG/HOME location (open it with USER_MKDIR). */
char *user_state_path(const char *opt, int *is_default, struct anli_err *err);

/* Open (creating it) the state file at `path` (NULL: no state, as from
 * user_state_path failing) as the anli of version `reader_version`
 * ("0.1.0").  flags: USER_MKDIR creates its missing directories (0700),
 * for the default location; an explicit path's directory must exist.
 * USER_SHARED is for a file that a group shares (notes.h: the shared notes
 * file): the file and PATH.lock are created 0660 whatever the umask, and
 * given the directory's group when it differs (fchown: the user must be a
 * member); the -wal and -shm SQLite makes take the file's mode and, when
 * this process made them, the directory's group too.  (A setgid directory
 * — chmod g+s — gives every file its group whoever makes it.)  Never returns NULL.  Writes into *note (empty string when
 * there is nothing to say) one line for the user:
 *  - the file was corrupt and moved aside: "PATH: damaged (...): moved to
 *    PATH.corrupt-YYYYmmddTHHMMSS; starting a new state file" — state is
 *    active, on the new file;
 *  - state is not saved, and why (the handle is inactive).
 * A damaged file is one that begins as an SQLite database does (its first
 * 16 bytes "SQLite format 3\0") and that SQLite calls corrupt or not a
 * database, or whose quick_check fails; its -wal and -shm are moved with
 * it.  A file that does not begin so (a text given as --state by mistake;
 * but not one whose first bytes are NUL, which SQLite may be writing) is
 * never moved or changed: "PATH: not an anli state file (not an SQLite
 * database)", no state.  A shared file (USER_SHARED) is never moved aside,
 * damaged or not, by any command (others are using it; a person restores
 * it): "PATH: damaged (...); a shared notes file is not moved aside: ...;
 * notes are not saved", no state — so no new file is made in its place.  PATH.lock (made
 * beside it, kept) is held shared while a file is opened and set up and
 * exclusive while a damaged one is moved, so that no other anli is
 * opening it at that moment (SQLite would pair the old file with the new
 * one's -wal). */
#define USER_MKDIR 1u
#define USER_SHARED 2u
/* USER_READ_ONLY: a file that exists, is anli's and up to date, but cannot
 * be written (its mode, a read-only directory or file system) is opened
 * for reading: user_active() 1, user_writable() 0, every read works and
 * every write fails, err "PATH: what: the file is read-only (opened for
 * reading): nothing is saved".  Without it such a file gives no state (as
 * the reader wants: it says so once and never fails a save).  A read-only
 * file of an older schema (it cannot be migrated) or an empty one gives no
 * state either way. */
#define USER_READ_ONLY 4u
struct user *user_open(const char *path, const char *reader_version, unsigned flags, struct anli_err *note);
void user_close(struct user *u);

/* 1 when state is read and saved, 0 for "no state". */
int user_active(const struct user *u);
/* 1 when the file can be written too (0 for a file opened USER_READ_ONLY
 * that cannot be, and with no state). */
int user_writable(const struct user *u);
/* The file's path (NULL with no path at all). */
const char *user_path(const struct user *u);
/* The journal mode in use: "wal", "delete", or "" with no state. */
const char *user_journal(const struct user *u);

/* --- the reading position (one per user: where the reader resumes) */
struct user_pos {
	char item_id[USER_ID_MAX];  /* "" when none is stored */
	char block_id[USER_ID_MAX]; /* "" for the item's top */
	char focus[16];             /* the pane that had focus, the reader's word ("text", "list", …) */
	char book[17];              /* build fingerprint when saved, "" if unknown */
	long long updated;          /* seconds since the epoch */
};
/* Save p (p->updated is set to now).  One transaction. */
int user_pos_save(struct user *u, const struct user_pos *p, struct anli_err *err);
/* Load the position into *p; p->item_id[0] == '\0' when none is stored
 * (and with no state). */
int user_pos_load(struct user *u, struct user_pos *p, struct anli_err *err);

/* --- history (back and forward in the reader), bounded: USER_HISTORY_MAX */
/* Append an entry (focus and updated of p ignored; the time is now), and
 * drop the oldest beyond the bound, in one transaction. */
int user_history_push(struct user *u, const struct user_pos *p, struct anli_err *err);
/* Up to `max` newest entries, oldest first: *out (free()) of *n. */
int user_history(struct user *u, int max, struct user_pos **out, int *n, struct anli_err *err);

/* --- read marks and review status, per item */
enum user_review { USER_REVIEW_NONE = 0, USER_REVIEW_OK = 1, USER_REVIEW_FIX = 2 };
/* "none", "reviewed", "needs-fix" */
const char *user_review_name(int review);

struct user_mark {
	char item_id[USER_ID_MAX];
	int read;             /* 1: read */
	int review;           /* enum user_review */
	long long read_at, review_at; /* 0 when not set */
};
/* Mark item_id read (1) or unread (0); `book` the build fingerprint (or
 * NULL). */
int user_read_set(struct user *u, const char *item_id, int read, const char *book, struct anli_err *err);
/* Set the review status (USER_REVIEW_NONE removes it). */
int user_review_set(struct user *u, const char *item_id, int review, const char *book, struct anli_err *err);
/* Every item with a read mark or a review status, in no defined order:
 * *out (free()) of *n. */
int user_marks(struct user *u, struct user_mark **out, int *n, struct anli_err *err);

/* --- bookmarks on blocks */
struct user_bookmark {
	char block_id[USER_ID_MAX];
	char item_id[USER_ID_MAX];
	char book[17];
	long long created;
};
/* Add a bookmark on block_id (of item_id); *added (if not NULL) 1 when it
 * is new, 0 when it was there already (then it is left as it was). */
int user_bookmark_add(struct user *u, const char *block_id, const char *item_id, const char *book, int *added,
		      struct anli_err *err);
/* Remove the bookmark on block_id (compared without regard to ASCII
 * case); *removed (if not NULL) 1 when there was one. */
int user_bookmark_rm(struct user *u, const char *block_id, int *removed, struct anli_err *err);
/* Every bookmark, oldest first: *out (free()) of *n. */
int user_bookmarks(struct user *u, struct user_bookmark **out, int *n, struct anli_err *err);

/* --- checks (anli doctor) */
/* PRAGMA integrity_check: *ok 1 when it says "ok"; else its first lines,
 * joined by "; ", appended to `detail`.  With no state: *ok 1. */
int user_integrity(struct user *u, int *ok, struct sbuf *detail, struct anli_err *err);
/* The schema version of the file as found on open (before migrating) and
 * now; the meta 'min_reader'.  All 0 / "" with no state. */
void user_versions(const struct user *u, int *found, int *now, const char **min_reader);

/* Compare two dotted version strings numerically ("0.10.0" > "0.9.1");
 * <0, 0, >0.  A missing part counts as 0; what follows the digits of a
 * part is ignored. */
int user_version_cmp(const char *a, const char *b);

#endif
