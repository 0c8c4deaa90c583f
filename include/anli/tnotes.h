/* tnotes.h — proofreading notes in the reader (src/tui/notes/notes.c, the note
 * form in src/tui/notes/noteform.c, the list in src/tui/views/notes.c).  The
 * store is notes.h's; this is the reader's side of it, as session.h is for
 * the reading state.
 *
 * Where notes are: a notes file of their own (--notes, $ANLI_NOTES:
 * notes_path) opened shared, else the session's state file.  Drafts of the
 * note form are always in the state file (user_draft_save).
 *
 * Drawing reads only what is kept in memory here: the open notes per item
 * and chapter (for the tree and the list), the open item's notes with the
 * blocks they are on and the byte spans of their quotes (for the margin
 * marker, the underline and the status line).  They are loaded when the
 * open item changes (tnotes_sync, before a frame) and after each edit,
 * never while drawing. */
#ifndef ANLI_TNOTES_H
#define ANLI_TNOTES_H

#include "anli/keys.h"
#include "anli/input.h"

struct app;
struct cli_start;
struct sbuf;
struct match;

/* After sess_start: open the notes (start->notes, $ANLI_NOTES, else the
 * state file), re-resolve them against this build of the book (the
 * fingerprint: so that markers are right after a rebuild), load the
 * counts. */
void tnotes_start(struct app *a, const struct cli_start *start);
/* Before sess_end: a form with text is kept as a draft; the file closed. */
void tnotes_end(struct app *a);
/* Before each frame: the open item's notes loaded if the item changed. */
void tnotes_sync(struct app *a);
/* The notes' requests (add, the list, edit, resolve, delete, the list's
 * scope and filters); 1 if r was one. */
int tnotes_request(struct app *a, enum request r);
/* An input event while the note form is open or a question (delete?
 * y/n) waits: 1 if it took the event. */
int tnotes_event(struct app *a, const struct in_event *ev);
/* After each frame: the form's draft saved while typing, at most once a
 * second; *wait (ms) lowered to when the next save is due. */
void tnotes_tick(struct app *a, int *wait);
/* The ambiguous-width convention changed (the probe answered). */
void tnotes_rewidth(struct app *a);
/* After each layout of the screen: with the form open, the text pane
 * shown (its focus on a narrow screen, where only one pane is), and when
 * the screen's size changed, the form's paragraph scrolled above it
 * (whole when it fits). */
void tnotes_form_layout(struct app *a);
/* Does the open form read this Alt+key (the line editor's M-b M-f M-d in
 * a text field)?  Else tui.c splits it: Esc, then the key. */
int tnotes_form_alt(const struct app *a, const struct in_event *ev);
/* Is the form open (the status line and the cursor are its)? */
int tnotes_form_open(const struct app *a);

/* --- for drawing (memory only) */
/* Open notes of item (model index); of chapter ch. */
int tnotes_item_open(const struct app *a, int item);
int tnotes_chapter_open(const struct app *a, int ch);
/* Live notes on block b of the open item (b: a block index, or the
 * title-block keys of view.h: MATCH_TITLE …). */
int tnotes_on_block(const struct app *a, int b);
/* Open (not resolved) notes on block b, as tnotes_on_block. */
int tnotes_open_on_block(const struct app *a, int b);
/* The quotes of the open item's open notes (not the resolved ones): spans of their blocks' own text
 * (bytes), the block as in struct match.  *cur: the span of the quote
 * being picked in the form (several occurrences), or -1. */
const struct match *tnotes_spans(const struct app *a, int *n, int *cur);
/* The notes of the paragraph cursor's block, for the status line:
 * "#3 改 “原文”→“改为” 说明 (+1)"; returns 0 (nothing added) when none. */
int tnotes_status(const struct app *a, struct sbuf *out);
/* Draw the note form (over the bottom of the screen); the cursor's screen
 * position in *y, *x (-1 if none). */
void tnotes_draw_form(const struct app *a, int *y, int *x);

/* --- the notes list (views/notes.c) */
/* Fill a->nlist from the store for its scope and filters. */
void tnotes_list_fill(struct app *a);
void tnotes_list_free(struct app *a);
/* Enter on row: the note's paragraph (a history entry), the list closed. */
void tnotes_list_jump(struct app *a, int row);
/* Close the notes list (q, Esc, A again): the focus back to the pane that
 * had it before A. */
void tnotes_list_close(struct app *a);

#endif
