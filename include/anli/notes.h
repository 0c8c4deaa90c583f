/* notes.h — proofreading notes (user layer: src/user/notes.c, resolve.c).
 *
 * Where they live: in the per-user state file (user.h), or — `--notes PATH`
 * / $ANLI_NOTES — in a file of their own that a team shares on one host
 * (notes_path).  Either is a `struct user` handle opened with user_open; a
 * shared file is opened with USER_SHARED (created 0660 with its
 * directory's group; WAL and busy timeout as for the state file, so that
 * many users writing at once lose nothing).  The tables are part of the
 * state file's schema (user.h, USER_SCHEMA_VERSION), so a notes file is a
 * state file of which only the notes are used.
 *
 * A note is anchored to a block (paragraph, heading, caption: its block
 * id) or to an item's title, subtitle or byline ("c27:title",
 * "c27:subtitle", "c27:byline").  Its quote is found again after a rebuild
 * by the cascade in anchor.h (notes_resolve).  The anchor state and the
 * applied flag are derived from the book and kept apart from what the
 * user edits (kind, quote, fix, remark, status), so that resolving and
 * re-anchoring never overwrite an edit.
 *
 * Revisions and merging.  Every edit by a user (add, edit, resolve, reopen,
 * delete, re-attach) is one transaction that raises `rev` by one and keeps
 * the revision it replaced in the note's history (table note_rev);
 * re-anchoring by notes_resolve is not an edit (rev unchanged).  A revision
 * is named by its etag: 16 hex digits (FNV-1a) over the uuid, rev and the
 * edited fields (kind, status, deleted, item, anchor, quote, fix, remark;
 * not the context and offset, which re-anchoring rewrites).  Deleting
 * leaves a tombstone (deleted = 1, the text kept).
 * notes_import merges another file's export (JSON, read with SQLite's
 * JSON functions), by uuid:
 *   - a uuid not here: added, with its history, under the next short
 *     number (a tombstone is added as one, and counted as added: it is
 *     never resurrected by an older copy arriving later);
 *   - the incoming etag is the current one, or one in the local history:
 *     unchanged (the local note is as new or newer);
 *   - the local etag is in the incoming history: the incoming note is a
 *     later edit of it: updated (or deleted, for a tombstone), the local
 *     short number kept; a live note over a local tombstone is instead
 *     a conflict (below), which the tombstone wins;
 *   - else both were edited since a common revision: a conflict.  A
 *     tombstone wins over a live note (a deletion is never undone by a
 *     merge); else the one updated later (then the higher rev, then the
 *     greater etag) becomes current; the other is kept in the history marked as a conflict,
 *     never dropped; histories are merged.
 * Importing the same file twice changes nothing the second time.
 *
 * Errors follow util.h's convention (0 / -1, err "PATH: what: reason").
 * With an inactive handle (no state) every call fails with err saying that
 * notes cannot be saved, and why. */
#ifndef ANLI_NOTES_H
#define ANLI_NOTES_H

#include "anli/anchor.h"
#include "anli/user.h"

struct model;

#define NOTE_NAME_MAX 64 /* bytes of an author name, NUL included */

/* enum anchor_kind (anchor.h) is the kind; these name it. */
const char *note_kind_name(int kind);  /* "疑" "改" "删" "增" */
const char *note_kind_ascii(int kind); /* "query" "fix" "delete" "insert" */
/* "疑"/"query", "改"/"fix", "删"/"delete", "增"/"insert" → the kind, or -1. */
int note_kind_parse(const char *s);

enum note_status { NOTE_OPEN = 0, NOTE_RESOLVED = 1 };
const char *note_status_name(int status); /* "open" "resolved" */
int note_status_parse(const char *s);      /* -1 when neither */
/* enum anchor_state names: "exact" "moved" "orphaned" */
const char *note_anchor_name(int state);
int note_anchor_parse(const char *s);

struct note {
	long long num;                 /* the short number, this file's (1, 2, …) */
	char uuid[37];                 /* RFC 4122 version 4, lower case */
	int rev;                       /* 1 for a new note */
	char etag[17];
	int kind;                      /* enum anchor_kind */
	int status;                    /* enum note_status */
	int deleted;                   /* a tombstone */
	char item_id[USER_ID_MAX];     /* "c27" */
	char anchor_id[USER_ID_MAX];   /* "c27:p3771", "c27:title" */
	struct anchor_sel sel;         /* quote "" for a note on the whole anchor */
	char *fix;                     /* NULL: none (改 and 增 have one) */
	char *text;                    /* the remark, never NULL ("" allowed) */
	/* derived from the book (notes_resolve), not edited: */
	int anchor_state;              /* enum anchor_state */
	int applied;
	char book[17];                 /* fingerprint last resolved against, "" never */
	char *cite;                    /* "c27:5 工作成效 第3段" when last anchored: kept for orphans */
	char author[NOTE_NAME_MAX], updated_by[NOTE_NAME_MAX];
	long long created, updated;    /* seconds since the epoch */
	int conflict;                  /* in a history: a revision that lost a conflict */
};
/* Release what a note owns (the struct itself is the caller's). */
void note_clear(struct note *n);
void notes_free(struct note *v, int n);

/* The notes file: `opt` (--notes) when not NULL, else $ANLI_NOTES when set
 * and not empty (a new string); NULL: the notes are in the state file. */
char *notes_path(const char *opt);

/* The author of edits made here: $ANLI_AUTHOR when set and not empty, else
 * the account name from the password database, else "uid N".  Sanitised
 * (no control characters), cut to NOTE_NAME_MAX - 1 bytes on a character
 * boundary. */
void notes_author(char out[NOTE_NAME_MAX]);

/* The rules every note obeys (notes_add, notes_update and notes_import
 * check them): the anchor is in the item ("ITEM:…"); 疑 and 删 have no fix;
 * 改 and 增 have a fix that is not blank (spaces only); every kind but 疑
 * has a quote; a 改's fix is not its quote; a 疑 without a quote has a
 * remark; no text (remark, quote, fix, prefix, suffix) is longer than
 * NOTE_FIELD_MAX bytes.  0, or -1 with err saying which (no path). */
#define NOTE_FIELD_MAX 65536
int note_check(const struct note *n, struct anli_err *err);

/* Add n: the caller fills kind, item_id, anchor_id, sel, fix, text (and
 * may fill cite, book, anchor_state); uuid, num, rev, etag, author,
 * updated_by, created and updated are set here and written back into *n
 * (status open, not deleted).  note_check's rules hold (else -1, err
 * says which).  Text, fix, quote and context are stored cleaned (invalid UTF-8
 * replaced, tab and line breaks made spaces, other control characters
 * removed) and the cleaned strings written back.  One transaction; the
 * number is the file's highest (tombstones too) + 1, never reused. */
int notes_add(struct user *u, struct note *n, struct anli_err *err);

/* Find a note by its short number ("12", "#12") or a unique prefix (at
 * least 4 hex digits) of its uuid (digits only: the number first, then a
 * uuid prefix when no note has that number).  Returns 0 with *n filled (note_clear
 * it), 1 when there is none or the prefix is not unique (err says which),
 * -1 on a database error.  Tombstones are found only with `deleted` 1. */
int notes_get(struct user *u, const char *key, int deleted, struct note *n, struct anli_err *err);

/* Save an edit of n (kind, sel, fix, text, status, anchor fields for a
 * re-attach, deleted): n->rev must be the stored rev — else another
 * process edited it meanwhile and nothing is written (returns 1, err says
 * so); the replaced revision goes to the history, rev + 1, updated and
 * updated_by set and written back (num, author, created are the stored
 * ones).  An edit that changes nothing makes no revision (returns 0).
 * One transaction.  0 / 1 / -1. */
int notes_update(struct user *u, struct note *n, struct anli_err *err);

/* Filters for notes_list: NULL / -1 for "any". */
struct notes_filter {
	const char *item_id;   /* one item */
	const char *chapter;   /* "book/3": the caller passes item ids instead */
	int status;            /* enum note_status, -1 any */
	int anchor_state;      /* enum anchor_state, -1 any */
	int deleted;           /* 0: live notes only; 1: tombstones too */
};
#define NOTES_FILTER_ALL {NULL, NULL, -1, -1, 0}
/* The notes that pass f, by short number: *out (notes_free) of *n. */
int notes_list(struct user *u, const struct notes_filter *f, struct note **out, int *n, struct anli_err *err);

/* Open (not deleted, status open) notes per item: *out (free()) of *n
 * pairs, for the counts in the tree and the list. */
struct notes_count {
	char item_id[USER_ID_MAX];
	int open, total;
};
int notes_counts(struct user *u, struct notes_count **out, int *n, struct anli_err *err);

/* The earlier revisions of note `uuid`, oldest first (num 0). */
int notes_history(struct user *u, const char *uuid, struct note **out, int *n, struct anli_err *err);

/* Re-resolve every note whose `book` differs from `fingerprint` against
 * the book m (anchor.h's cascade; the anchor text of "ID:title" etc. is the
 * item's field), writing only the derived fields (anchor_id, sel's offset
 * and context when found, anchor_state, applied, cite, book) — in one
 * transaction, and only rows whose book still differs, so that two
 * processes resolving at once agree.
 * A 改 or 删 that landed (anchor_resolve: orphaned but applied) is not an
 * orphan: it is anchored to the block where it was seen applied (exact
 * when that is its own block, else moved), its quote and context kept as
 * the 原文 of the errata table.  A note found elsewhere gets its new
 * block and offset and stays "moved" on later resolves that find it there
 * (until an edit re-attaches it, setting anchor_state), so that resolving
 * again gives the same answer; an orphan keeps its old anchor, quote,
 * context and cite.  The cite written: "c27:5 工作成效 第3段" for a
 * paragraph, the block id for another block, the anchor for a title.
 * Tombstones are resolved too.  *changed (if not NULL): how many
 * notes changed anchor state or applied flag. */
int notes_resolve(struct user *u, struct model *m, const char *fingerprint, int *changed, struct anli_err *err);

/* Merge a JSON export (notes_export_json's format) held in `json`, read
 * from the file `name`; counts as the import prints them.  One
 * transaction: a malformed file changes nothing; err is then "NAME: note 3
 * (UUID): \"rev\" is missing" (what is wrong in the file, named by
 * `name`) or "NOTES-FILE: importing notes: reason" (the notes file).  Text is sanitised as book text
 * is (control characters removed, invalid UTF-8 replaced). */
/* The JSON export, the one format notes_import reads (written by the CLI's
 * `anli notes export --format=json`, src/out/):
 *   {"anli_notes": 1, "book": "<fingerprint>", "exported": "2026-11-29T21:00:00Z",
 *    "notes": [ NOTE, ... ]}
 * NOTE: {"uuid", "rev" (int), "etag", "kind" ("疑"…), "status" ("open"…),
 *   "deleted" (bool), "item", "anchor", "quote", "prefix", "suffix",
 *   "offset" (int), "fix" (string or null), "note" (the remark),
 *   "anchor_state" ("exact"…), "applied" (bool), "book", "cite", "author",
 *   "updated_by", "created", "updated" (ISO 8601 UTC, "…Z"),
 *   "history": [ NOTE without "history", with "conflict" (bool) ], oldest first}
 * plus the table's columns for people (collection, chapter, title, section,
 * paragraph, block, source, page), which import ignores.  Unknown keys are
 * ignored; a missing required key (uuid, rev, etag, kind, status, item,
 * anchor, note, created, updated) is an error naming the note.  Strict:
 * "anli_notes" is the integer 1 (not "1", 1.5 or true); "created" and
 * "updated" are strings "YYYY-MM-DDTHH:MM:SS…" (not numbers), and neither
 * more than a day ahead of this clock (refused, not clamped: a time in the
 * future would win every merge); a string holding "\u0000" is refused (not
 * cut, not replaced); note_check's rules hold (so no text is longer than
 * NOTE_FIELD_MAX).  An imported note's "book" is not kept (set to ""), so
 * notes_resolve anchors it again in this book; its history keeps it. */
struct notes_import_counts {
	int added, updated, unchanged, deleted, conflicts;
};
int notes_import(struct user *u, const char *json, const char *name, struct notes_import_counts *c, struct anli_err *err);

/* --- drafts: the text of an unsaved note form, per user (the state file,
 * never the shared notes file).  `key` names the form ("new c27:p3771",
 * "edit <uuid>"); `fields` is the form's fields joined by US (0x1f).  An
 * empty `fields` removes the draft.  Cheap enough to call once a second. */
int user_draft_save(struct user *u, const char *key, const char *fields, struct anli_err *err);
/* The newest draft: *key and *fields new strings (NULL when none). */
int user_draft_load(struct user *u, char **key, char **fields, struct anli_err *err);
/* The draft kept under `key`: *fields a new string (NULL when none). */
int user_draft_get(struct user *u, const char *key, char **fields, struct anli_err *err);

#endif
