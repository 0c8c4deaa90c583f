/* view.h — the TUI's internals: requests, the application state, and the
 * pane ops table.  Keys and mouse events become requests (term.c) before a
 * pane sees them; each pane (view_tree.c, view_list.c, view_detail.c) draws
 * itself into its own curses window and handles requests through its ops. */
#ifndef ANLI_VIEW_H
#define ANLI_VIEW_H

#include "anli/doc.h"
#include "anli/editbuf.h"
#include "anli/input.h"
#include "anli/keys.h"
#include "anli/listview.h"
#include "anli/model.h"
#include "anli/notes.h"
#include "anli/search.h"
#include "anli/util.h"

#include <curses.h>


enum pane { PANE_TREE, PANE_LIST, PANE_DETAIL, NPANES };

/* A highlighted range of a block's text (bytes of the block's own text).
 * block is a block index, or one of the title block's lines below. */
struct match {
	int block;
	size_t start, end;
};
enum { MATCH_TITLE = -3, MATCH_SUBTITLE = -2, MATCH_BYLINE = -1 };
/* The match key of a doc line of the title block (by its style), or 0. */
int tui_title_key(int style);

/* A row of the tree pane. */
struct tree_row {
	enum { ROW_COLLECTION, ROW_FOREWORD, ROW_CHAPTER } kind;
	int coll;    /* collection index */
	int chapter; /* chapter index (ROW_CHAPTER) */
	int item;    /* item index (ROW_FOREWORD) */
};

struct app;
struct view;

struct view_ops {
	const char *name;
	/* Before drawing, once the pane is placed: bring its state in line
	 * with its size (keep the selection visible, clamp the scroll) and
	 * load what it will show. */
	void (*update)(struct app *a, struct view *v);
	/* Draw the pane into v->win (already sized), without refreshing.
	 * Changes no state and reads no database. */
	void (*draw)(const struct app *a, const struct view *v);
	/* Handle a request; returns 1 if handled. */
	int (*request)(struct app *a, struct view *v, enum request r);
	/* A click at window-relative (y, x). */
	void (*click)(struct app *a, struct view *v, int y, int x);
	/* Mouse wheel: +1 down, -1 up. */
	void (*wheel)(struct app *a, struct view *v, int dir);
};

struct view {
	const struct view_ops *ops;
	void *state;    /* the pane's own state (struct tree_state …), or NULL */
	WINDOW *win;
	int y, x, h, w; /* placement on the screen; w == 0: not shown */
};

/* The tree pane: collections (folded or not), forewords, chapters. */
struct tree_state {
	struct listview lv;
	struct tree_row *rows;
	int *expanded;            /* per collection (m->ncollections) */
};
/* The list pane: the items of the selected tree row, two rows each. */
struct list_state {
	struct listview lv;
	int *items;               /* item indexes */
	struct tree_row row;      /* the tree row they are of (the heading) */
	int filled;               /* row is set */
};
/* The detail pane: the open item laid out, and the reading position. */
struct detail_state {
	struct doc doc;
	int doc_width;            /* width the doc was laid out at */
	int top;                  /* first visible doc line */
	int anchor_block;         /* the reading position, kept across relayouts: */
	size_t anchor_off;        /* block and byte offset of the top line */
	int cur;                  /* the paragraph cursor: a paragraph block, or -1 (update places it) */
};
/* The bookmark list (views/marks.c), in the list pane's place: a row per
 * bookmark, made when it opens (sess_marks_fill). */
struct marks_state {
	struct listview lv;
	char **label;             /* per row: "c27 ¶5 · first words" */
	char (*block)[64];        /* per row: the bookmark's block id */
	char (*itemid)[64];       /* per row: its item id */
};
/* The notes list (views/notes.c), in the list pane's place: the notes of
 * the open item, its chapter or the book (scope), filtered by status and
 * anchor state, in book order (orphans last); made when it opens or a
 * filter changes (tnotes_list_fill), never while drawing. */
struct noteslist_state {
	struct listview lv;
	struct note *v;           /* the rows' notes */
	char **label;             /* per row: "#3 改 c27:5 工作成效 第3段 · “原文” → “改为” 说明" */
	int scope;                /* 0 the item, 1 its chapter, 2 the book */
	int status;               /* enum note_status, -1 any */
	int anchor;               /* enum anchor_state, -1 any */
	int scope_item;           /* the item the scope was taken from */
};
/* The results of a whole-book search, in the list pane's place. */
struct results_state {
	struct listview lv;       /* over the rows: a header per item, then its hits */
	int *row;                 /* per row: the hit (>= 0), or -1 - item (a header) */
	unsigned char *group;     /* per row: 1 for a header (never selected) */
	int limit_chapter;        /* only the hits of this chapter (-1: all) */
	int limit_item;           /* only the hits of this item (a foreword; -1: all) */
	char err[1024];           /* loading the shown hits failed: the message */
};

struct app {
	struct model *m;
	/* Called by the main loop (tui.c) when SIGHUP or SIGTERM arrived
	 * (term_hangup), before the session is saved and the terminal
	 * restored: the notes form saves its draft here.  NULL: nothing. */
	void (*on_hangup)(struct app *a);
	struct view view[NPANES];
	enum pane focus;
	int zoom, tree_toggle, too_small, status_shown;
	int help;                 /* the help shown: 0, HELP_READER, HELP_PRESENT (the presentation's keys) */
	int help_top;             /* the help's first line shown (it scrolls) */
	int sep[2];        /* columns of the pane separators, -1 if none */
	int rows, cols;
	int use_color;
	char message[1024]; /* one-line status message, shown once */

	/* the list panes' own state (behind view.state) */
	struct tree_state tree;
	struct list_state list;
	struct results_state hitlist;
	/* detail */
	int item;                 /* open item */
	struct model_block *blocks;
	int nblocks;
	struct detail_state detail;
	WINDOW *status;
	WINDOW *header;           /* the row above the text: where you are */
	int preview;              /* the list's selection moved: open it before the next frame */

	/* highlights in the open item: the / search, or the terms of a search */
	struct match *matches;
	int nmatches, cur_match;
	char *find;               /* the / query */
	/* whole-book search results (shown in the list pane's place) */
	struct view results;
	char *squery;
	struct search_result res;
	struct search_hit *hits;  /* res.hit, res.n */
	int results_shown, from_results;
	int *chapter_hits;        /* per chapter */
	int search_kind;          /* the search n and N follow: 0, '/' or 's' */
	int *item_first;          /* its hits in the items before item i (m->nitems + 1 entries) */
	/* the one-line prompt (/ or s) in the status line */
	int prompt;               /* 0, '/', 's' or ':' (goto.c) */
	struct editbuf input;
	struct eb_history hist[2]; /* of / and of s, for the run */
	int saved_top;
	int find_dirty;           /* the / prompt's input changed: search again */
	int probing;              /* the width probe awaits its answer */
	struct session *sess;     /* per-user state: session.c */
	/* the bookmark list (a secondary view in the list pane's place) */
	struct view marks;
	struct marks_state marklist;
	int marks_shown;
	/* proofreading notes (notes.c): the notes file, the counts, the open
	 * item's notes, the note form; the notes list in the list's place */
	struct tnotes *notes;
	struct view noteslist;
	struct noteslist_state nlist;
	int notes_shown;
	enum pane notes_from;               /* the pane focused before A: closing the list gives it back */
};

/* Colour pairs / attributes (term.c decides colour or monochrome). */
enum {
	PAIR_TITLE = 1,
	PAIR_HEADING,
	PAIR_SUBHEAD,
	PAIR_CAPTION,
	PAIR_BYLINE,
	PAIR_STATUS,
	PAIR_BORDER,
	PAIR_WARN,      /* the presentation's countdown in its last minutes */
};
int term_attr(const struct app *a, int what);

extern const struct view_ops view_tree_ops, view_list_ops, view_detail_ops, view_results_ops, view_marks_ops,
	view_notes_ops;

/* views/detail.c: the paragraph cursor.  The doc lines of block b
 * (*first, *last); 0 when it has none. */
int tui_block_lines(const struct app *a, int b, int *first, int *last);
/* Put the cursor on paragraph block b and scroll it into view (its first
 * line kept on screen). */
void tui_cursor_to(struct app *a, int b);

/* present.c: P — the open item's chapter presented full screen from the
 * paragraph cursor's slide; back here, the cursor on the paragraph of the
 * last slide shown. */
void tui_present_from_reader(struct app *a);

/* goto.c: an input event while the : prompt is open */
void tui_goto_event(struct app *a, const struct in_event *ev);
enum { HELP_READER = 1, HELP_PRESENT };
/* status.c: how far the help can scroll (its lines less the rows shown) */
int tui_help_max_top(const struct app *a);
/* status.c: the help overlay (a->help's keys), framed in the middle of the
 * screen, scrolled to a->help_top; into the virtual screen (wnoutrefresh). */
void tui_draw_help(struct app *a);
/* tui.c: a request (the reader's map) while the help is shown: it scrolls;
 * ?, q and Esc close it. */
void tui_help_key(struct app *a, enum request r);

/* tui.c helpers used by the views */
void tui_rebuild_tree(struct app *a);
void tui_select_row(struct app *a, int row);   /* select a tree row, refill the list */
void tui_open_item(struct app *a, int item);   /* open item in the detail pane, sync selections */
void tui_layout_doc(struct app *a);            /* (re)lay the doc out at the detail pane's width */
void tui_set_top(struct app *a, int top);      /* scroll the detail pane; records the reading position */
/* Draw s clipped to `width` columns at (y, x) of w; never splits a character.
 * Returns the columns drawn. */
int tui_put(WINDOW *w, int y, int x, const char *s, size_t n, int width);
/* A pane's title row (row 0 of w): the focused pane's reversed, after
 * glyph(GLYPH_FOCUS), so that focus shows without colour or bold; the
 * title from column tx (or after the mark). */
void tui_title(const struct app *a, WINDOW *w, int focused, const char *s, size_t n, int tx);
/* The detail pane's first text column: one column after the separator
 * (zoomed too: the paragraph cursor's margin), plus the margin of a pane
 * wider than the measure. */
int tui_text_x(const struct app *a);
/* The list's selection as the open item (a preview: the tree is left as it is). */
void tui_preview(struct app *a);
/* Label for a collection (its printed title, or a UI name). */
const char *tui_collection_label(const struct app *a, int coll);

/* Find every occurrence of the terms of `query` (folded, split at spaces)
 * in the open item's blocks; fills a->matches. */
void tui_find_matches(struct app *a, const char *query, int split_terms);
/* Scroll so that match i is visible, a few lines from the top. */
void tui_show_match(struct app *a, int i);
/* Open search hit i in the detail pane, scrolled to it. */
void tui_open_hit(struct app *a, int i);

/* views/tree.c: the tree's rows for the folding in t->expanded (the
 * selection kept where it can be) */
void tree_rebuild(struct tree_state *t, const struct model *m);
/* Unfold the collection of item; returns the row of its chapter (or
 * foreword), or -1. */
int tree_reveal(struct tree_state *t, const struct model *m, int item);
/* views/list.c: the items of tree row r, the open item selected if there */
void list_fill(struct list_state *l, const struct model *m, const struct tree_row *r, int open_item);
/* Select item in the list if it is there. */
void list_mark(struct list_state *l, int item);

/* app.c */
/* The view in a pane's place (the search results stand in for the list). */
struct view *tui_pane(struct app *a, enum pane p);

/* find.c */
/* The first match at or below the top line, or -1. */
int tui_match_from_top(const struct app *a);
/* Search the whole book for q; the results take the list pane's place. */
void tui_run_search(struct app *a, const char *q);
/* The search n and N follow (kind '/': a->find, 's': a->squery) becomes
 * the active one, its hits counted over the whole book; end forgets it. */
void tui_search_begin(struct app *a, int kind);
void tui_search_end(struct app *a);
/* The active search's highlights in the open item (after opening one). */
void tui_find_reapply(struct app *a);
/* n (dir 1) and N (-1): the next match, on into the next item with hits,
 * wrapping at the end of the book with a message. */
void tui_step_match(struct app *a, int dir);
/* The status line's counter, “query” 3/633, appended to out; returns 0
 * (nothing appended) when no search is active or it found nothing. */
int tui_search_counter(const struct app *a, struct sbuf *out);

/* views/results.c */
/* New hits (a->res): the rows, grouped by item, no limit. */
void tui_results_reset(struct app *a);
/* Limit the rows to tree row r's chapter (or foreword); a collection lifts it. */
void tui_results_limit(struct app *a, const struct tree_row *r);
/* Select the row of the current match's hit (after n or N). */
void tui_results_follow(struct app *a);

/* The comfortable measure: the text column is at most this many columns
 * (40 full-width characters); on a wider pane the rest is margin, the
 * column centred in it.  (One place; configurable later.) */
#define TEXT_MAX_COLS 80

/* screen.c: the smallest screen with panes */
#define MIN_COLS 40
#define MIN_ROWS 10
int tui_pane_shown(const struct app *a, enum pane p);
int tui_tree_visible(const struct app *a);
/* Place the panes for the screen's size, zoom and focus. */
void tui_layout_screen(struct app *a);

/* status.c: draw everything (panes, help, status line) and update. */
void tui_draw(struct app *a);

/* prompt.c */
/* The / prompt's incremental search for the current input. */
void tui_prompt_find(struct app *a);
/* An input event while the prompt is open. */
void tui_prompt_event(struct app *a, const struct in_event *ev);
/* Draw the input in `room` columns at (y, x) of w, the cursor in view;
 * returns the cursor's column.  Costs the visible columns only. */
int tui_prompt_draw(const struct app *a, WINDOW *w, int y, int x, int room);

/* start.c — taking the terminal and giving it back (the reader, anli present). */
struct tui_screen {
	SCREEN *scr;
	int use_color;     /* colours started ($NO_COLOR unset, the terminal has them) */
	int probing;       /* the ambiguous-width probe was sent (its answer: an IN_CPR event) */
	char note[256];    /* for stderr after the screen is given back ("" if none) */
	char status_note[128]; /* for the status line ("" if none) */
};
/* Both ends are terminals and the locale can draw UTF-8 (else LC_CTYPE
 * switched to C.UTF-8, and s->note, s->status_note say so).  Returns 0, or
 * -1 said on stderr. */
int tui_locale_check(struct tui_screen *s);
/* newterm and the reader's modes, colours, mouse and paste; the probe
 * unless ambiwidth is fixed (1 or 2).  Returns 0, or -1 said on stderr. */
int tui_screen_open(struct tui_screen *s, int ambiwidth);
/* Mouse and paste off, endwin, the screen freed (its windows first, by the
 * caller), s->note on stderr. */
void tui_screen_close(struct tui_screen *s);

/* term.c — the terminal.  Start-up and the restore on every exit path and
 * signal (INT, QUIT restore and die of the signal; TSTP restores, stops,
 * and on CONT takes the terminal back; the caller redraws; HUP and TERM,
 * while the main loop runs, only set a flag: term_hangup). */
/* Before newterm: remember the terminal's modes, install the handlers. */
void term_signals(void);
/* After newterm and the curses modes: mouse and bracketed paste on (if
 * terminfo knows a mouse: kmous), the restore strings ready. */
void term_begin(void);
/* Before endwin: mouse and bracketed paste off. */
void term_end(void);
/* Ask how wide “ is (the answer arrives as an IN_CPR event, whenever).
 * Returns 1 if asked, 0 if the terminal cannot answer (no u7). */
int term_probe(void);
/* Write bytes to the terminal at once, past curses (what curses does not
 * know how to send: --big-titles' query and sequences); the caller flushes
 * curses' output first. */
void term_write(const char *s, size_t n);
/* Was the reader stopped and continued since the last call? */
int term_resumed(void);
/* on: SIGHUP and SIGTERM set a flag instead of ending the reader (the main
 * loop runs and checks it); off: they restore the terminal and end it. */
void term_defer_hangup(int on);
/* The deferred signal (SIGHUP, SIGTERM) that arrived, or 0.  term_next
 * returns 0 at once once it is set.  The main loop then calls
 * a->on_hangup (saves a form's draft), saves the session, restores the
 * terminal and calls term_exit_signal.  (If it does not get there within
 * 3 s, the process ends as for INT.) */
int term_hangup(void);
/* Die of sig (after the terminal was restored): the status says which. */
void term_exit_signal(int sig);
/* Remove the file `path` (a copy is kept; at most 255 bytes) when a signal
 * ends the process (INT, QUIT, an undeferred HUP or TERM, the 3 s alarm,
 * term_exit_signal): the presentation's socket.  NULL: nothing. */
void term_unlink_on_signal(const char *path);
/* While a form is open (form.h): raw mode, so that C-c, C-s, C-z reach it
 * as keys; off again (cbreak) when it closes. */
void term_form_mode(int on);

/* The next input event.  block: 1 waits for one, > 1 waits that many
 * milliseconds at most, 0 returns 0 at once when none is ready.  Returns 1
 * (event), 2 (the screen was resized), or 0. */
int term_next(struct in_event *ev, int block);

#endif
