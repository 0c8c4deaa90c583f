/* form.h — the note form: kind, quote, fix, remark (issue 12, item 3).
 *
 * A pure model (src/tui/form.c: no curses, no I/O, no database) driven by
 * input events, and its drawing (src/tui/formdraw.c, curses).  The caller
 * (the reader's `a` and `e` keys) owns the form, the database and the draft
 * key; the form only says what the user did.
 *
 * Contract for the caller:
 *   1. form_init(f, kind, anchor label, quote, fix, remark) — quote prefilled
 *      (the current search match) or NULL; fix and remark NULL for a new
 *      note, the note's for an edit.
 *   2. A kept draft for the same key (user_draft_load): form_offer(f, fields)
 *      — the form asks "resume the kept draft? y/n" inside its box; y fills
 *      the fields from it, n drops it (the form then holds only what
 *      form_init gave, and the next draft save replaces the kept one).
 *   3. Every input event while the form is open goes to form_key — all of
 *      them, IN_PASTE_BEGIN / IN_PASTE_END included (inside a paste no key
 *      is a command: newlines and tabs become one space, Enter, Esc and
 *      C-c are never acted on).  It returns
 *        FORM_CONTINUE  keep the form open (redraw);
 *        FORM_SAVE      the user saved and the fields are valid: read them
 *                       with form_kind / form_text; on success close the
 *                       form and remove the draft (user_draft_save with
 *                       ""); on a write failure keep the form open and show
 *                       the error (form_set_message) — nothing is lost;
 *        FORM_CANCEL    Esc or C-c: close the form; save form_draft(f) as
 *                       the draft first (it is "" when the form holds no
 *                       text, which removes the draft).
 *   4. While the form is open, after events and on wake-ups: if
 *      form_draft_due(f, now_ms), user_draft_save(key, form_draft(f)) then
 *      form_draft_saved(f, now_ms); wait at most form_draft_wait(f, now_ms)
 *      ms for input so the last keys are saved within a second.
 *   5. Hang-up (SIGHUP, SIGTERM): the signal handler only sets a flag
 *      (term.c; term_hangup() in view.h reads it); the main loop (tui.c)
 *      sees it after the interrupted read, calls a->on_hangup(a) if set —
 *      the caller sets that hook (struct app, view.h) while its form is
 *      open and saves form_draft(f) there — then leaves the loop, restores
 *      the terminal and exits of the signal.  No database call happens in
 *      a handler.  While the form is open call term_form_mode(1) (view.h):
 *      C-c, C-s and C-z reach the form as keys (raw mode), and
 *      term_form_mode(0) when it closes.
 *   6. form_draw(win, f, y, x, width, &cy, &cx) draws the box; form_height
 *      says how many rows it takes (put it at the bottom of the text pane);
 *      show the cursor at (cy, cx) when cy >= 0 (curs_set(1)), else hide
 *      it.  A resize needs nothing but a redraw at the new width (each field
 *      is scrolled by form_scroll, to be called before each frame); when the ambiguous-width probe
 *      answers (tui.c probe_answer) call form_rewidth.
 *   7. Route events to form_key before tui.c's Alt split (event()): the
 *      form reads Alt+b/f/d as word keys and ignores other Alt keys.
 *
 * Keys: Tab / Down / Enter (not on the last field) next field; S-Tab / Up
 * previous; Enter on the last field, C-s or C-x save; Esc, C-c cancel.  On
 * the kind field: Left / Right / Space cycle 疑 改 删 增; q f d i (or the
 * characters 疑 改 删 增) choose.  In a text field the line editor's keys
 * (editbuf.h: readline's C-a C-e C-b C-f M-b M-f C-w M-d C-u C-k C-y C-t,
 * Backspace, Del, Home, End, arrows).  The fix field exists only for 改 and
 * 增: with another kind it is skipped and hidden, its text kept.
 *
 * Which occurrence of a quote that appears more than once is meant is the
 * caller's choice after FORM_SAVE: the form returns the quote's text. */
#ifndef ANLI_FORM_H
#define ANLI_FORM_H

#include "anli/editbuf.h"
#include "anli/input.h"

#include <curses.h>

enum form_field { FORM_KIND, FORM_QUOTE, FORM_FIX, FORM_REMARK, FORM_NFIELDS };
enum form_result { FORM_CONTINUE, FORM_SAVE, FORM_CANCEL };

/* The draft is saved at most this often while typing (ms). */
#define FORM_DRAFT_MS 1000

struct form {
	int kind;                           /* enum anchor_kind (anchor.h) */
	int field;                          /* enum form_field: the focused one */
	struct editbuf text[FORM_NFIELDS];  /* text[FORM_KIND] unused */
	char anchor[64];                    /* the label in the box's title */
	char msg[160];                      /* why Save was refused, or the caller's error */
	int asking;                         /* a kept draft is offered: y / n */
	char *offer;                        /* its fields */
	char *draft;                        /* form_draft's last string */
	int edited;                         /* changed by the user (or a draft restored) */
	int dirty;                          /* changed since the draft was last saved */
	long long saved_ms;                 /* when (form_draft_saved) */
	size_t first[FORM_NFIELDS];         /* each field's first character shown (form_scroll) */
};

/* Columns between fields' edges kept around the cursor when scrolling. */
#define FORM_SCROLL_MARGIN 4

/* A new form: kind (enum anchor_kind; out of range: 疑), the anchor's label
 * (e.g. "c27:5"), and the prefilled texts (NULL or "" for none).  The focus
 * starts on the kind field when the quote is prefilled, else on the quote. */
void form_init(struct form *f, int kind, const char *anchor, const char *quote, const char *fix,
	       const char *remark);
void form_free(struct form *f);
/* Re-measure the fields' characters (the ambiguous-width convention
 * changed: the reader's probe answered). */
void form_rewidth(struct form *f);

/* Offer a kept draft (fields as form_draft makes them): the form asks
 * first.  A malformed one is not offered. */
void form_offer(struct form *f, const char *fields);

/* Before drawing (never while drawing): the focused field's horizontal
 * scroll for a text field `room` columns wide (form_field_room): moved only
 * when the cursor comes within FORM_SCROLL_MARGIN of its edges
 * (editbuf.h eb_scroll), so that it does not jump on every key. */
void form_scroll(struct form *f, int room);

/* One input event.  Returns FORM_CONTINUE, FORM_SAVE or FORM_CANCEL. */
int form_key(struct form *f, const struct in_event *ev);

/* 1 when the kind has a fix (改 and 增). */
int form_has_fix(int kind);
/* The kind's mark ("疑") and ASCII alias ("query"). */
const char *form_kind_name(int kind);
const char *form_kind_ascii(int kind);
int form_kind(const struct form *f);
/* A field's text (UTF-8, never NULL; FORM_KIND: the mark).  FORM_FIX is
 * NULL when the kind has no fix. */
const char *form_text(const struct form *f, enum form_field which);
/* 1 when no text field holds text. */
int form_empty(const struct form *f);
/* Show a message in the box (the caller's save error); "" clears it. */
void form_set_message(struct form *f, const char *msg);

/* --- the draft -------------------------------------------------------------- */

/* The fields joined by US (0x1f): kind mark, quote, fix, remark — "" when
 * the form holds no text or nothing was changed since form_init (an edit
 * left as it was needs no draft); while a kept draft is offered and not
 * answered, that draft.  The fix is kept for every kind.  Valid until the
 * next call on f. */
const char *form_draft(struct form *f);
/* Fill the fields from a draft.  Returns 0, or -1 (nothing changed) when
 * it is not four fields with a known kind. */
int form_restore(struct form *f, const char *fields);
/* 1 when the text changed since the draft was last saved and the last save
 * was at least FORM_DRAFT_MS before now_ms (any clock in ms, monotonic). */
int form_draft_due(const struct form *f, long long now_ms);
/* The draft was saved at now_ms. */
void form_draft_saved(struct form *f, long long now_ms);
/* ms until a draft save is due (0: now), or -1 when none is pending. */
int form_draft_wait(const struct form *f, long long now_ms);

/* --- drawing (src/tui/formdraw.c) ---------------------------------------------- */

/* Columns of a text field in a box `width` columns wide. */
int form_field_room(int width);
/* Rows the box takes at this width (border, fields, hint line). */
int form_height(const struct form *f, int width);
/* Draw the box at (y, x) of w, width columns wide (at least 20; 40 is
 * comfortable).  *cy, *cx get the cursor's position in w (-1 when the kind
 * field is focused: no cursor).  Changes nothing but the window. */
void form_draw(WINDOW *w, const struct form *f, int y, int x, int width, int *cy, int *cx);

#endif
