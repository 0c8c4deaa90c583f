/* session.h — the reader's per-user state (src/tui/session.c): where it
 * opens (an ID from the shell, else where the user left off), the saved
 * position, back and forward history, read marks and review status.  The
 * state itself is user.h's; this is the reader's side of it.  Drawing reads
 * the marks from memory (sess_read, sess_review), never the state file. */
#ifndef ANLI_SESSION_H
#define ANLI_SESSION_H

#include "anli/keys.h"

struct app;
struct cli_start;
struct sbuf;

/* Open the state file (start->state, $ANLI_STATE or the default), load
 * the marks and the history, and go where the reader starts: start's item
 * and block (text pane focused), else the saved position (unless
 * start->fresh).  After the first item is open and the screen placed. */
void sess_start(struct app *a, const struct cli_start *start);
/* The requests of this module (history, marks); 1 if r was one. */
int sess_request(struct app *a, enum request r);
/* After each frame: the read mark (the end of the item shown in the text
 * pane), history entries for jumps, the position saved (at most once a
 * second). */
void sess_tick(struct app *a);
/* term_next's `block` argument: 1 (wait for input), or the milliseconds
 * (> 1) until a pending save is due. */
int sess_wait(const struct app *a);
/* Save the position now and close the state file. */
void sess_end(struct app *a);

/* For drawing: is item read; its review status (enum user_review). */
int sess_read(const struct app *a, int item);
int sess_review(const struct app *a, int item);
/* The list's two flag columns of item (unread, review), appended to out. */
void sess_flags(const struct app *a, int item, struct sbuf *out);
/* The tree's roll-up of chapter ch (" 4/6 ✓1 !2", the item count when
 * nothing is read or reviewed; "*" for an inferred start), appended. */
/* A chapter's counts for the tree at a level of detail: 0 "(4/6*) ✓1 !2",
 * 1 "(4/6*)" (the review roll-up dropped), 2 nothing. */
void sess_rollup(const struct app *a, int ch, int level, struct sbuf *out);

/* Bookmarks (m toggles one on the paragraph cursor's block; ' lists them).
 * Is there a bookmark on block_id?  (From memory: drawing may ask.) */
int sess_bookmarked(const struct app *a, const char *block_id);
/* The bookmark list's rows (a->marklist) made from the bookmarks: reads
 * the bookmarked items' blocks (not for drawing). */
void sess_marks_fill(struct app *a);
void sess_marks_free(struct app *a);
/* Enter on row `row`: open its item at its block (or the nearest block
 * left after a rebuild), a history entry, the list closed. */
void sess_marks_jump(struct app *a, int row);

/* For the notes (tnotes.h): the state file (drafts; the notes when they
 * have no file of their own) and the book's fingerprint ("" unknown). */
struct user *sess_user(const struct app *a);
const char *sess_book(const struct app *a);
/* A jump from a list to item_id at block_id (or the nearest block left
 * after a rebuild), the paragraph cursor on it, a history entry (back
 * returns).  Returns 0, or -1 when the book has no such item. */
int sess_jump(struct app *a, const char *item_id, const char *block_id);

#endif
