/* keys.h — the reader's actions: one table of (name, default keys, help),
 * from which the help overlay is generated, and the key → action lookup
 * that a configuration file can change (keys_bind). */
#ifndef ANLI_KEYS_H
#define ANLI_KEYS_H

#include "anli/input.h"

/* A key: a character (its code point) or a special key (KEYC(INK_…)). */
#define KEYC(ink) (0x200000 + (ink))
#define KEY_CTRL(c) ((c) & 0x1f)

enum request {
	REQ_NONE,
	REQ_UP,
	REQ_DOWN,
	REQ_PAGE_UP,
	REQ_PAGE_DOWN,
	REQ_HOME,
	REQ_END,
	REQ_LEFT,       /* focus the pane to the left */
	REQ_RIGHT,      /* focus the pane to the right */
	REQ_NEXT_PANE,
	REQ_PREV_PANE,
	REQ_ENTER,
	REQ_PREV_ITEM,
	REQ_NEXT_ITEM,
	REQ_ZOOM,
	REQ_TOGGLE_TREE,
	REQ_HELP,
	REQ_QUIT,
	REQ_RESIZE,
	REQ_MOUSE,
	REQ_REDRAW,
	REQ_OTHER,      /* a key with no binding */
	REQ_FIND,       /* / search in the item */
	REQ_SEARCH,     /* s search everything */
	REQ_NEXT_MATCH,
	REQ_PREV_MATCH,
	REQ_ESCAPE,
	REQ_HALF_DOWN,
	REQ_HALF_UP,
	REQ_PREV_SECTION,
	REQ_NEXT_SECTION,
	REQ_GOTO,       /* : a case or article by number */
	REQ_SUSPEND,
	/* session.c: history, read marks, review status */
	REQ_BACK,
	REQ_FORWARD,
	REQ_TOGGLE_READ,
	REQ_CHAPTER_READ,
	REQ_NEXT_UNREAD,
	REQ_REVIEW,
	/* the paragraph cursor (detail.c) and bookmarks (session.c, marks.c) */
	REQ_NEXT_PARA,
	REQ_PREV_PARA,
	REQ_BOOKMARK,
	REQ_BOOKMARKS,
	REQ_PRESENT,    /* P: the presentation (present.c) */
	/* the presentation's own actions (group KG_PRESENT, looked up by keys_lookup_present) */
	REQ_SLIDE_NEXT,
	REQ_SLIDE_PREV,
	REQ_SLIDE_FIRST,
	REQ_SLIDE_LAST,
	REQ_SLIDE_GOTO,
	REQ_SLIDE_PREV_ITEM,
	REQ_SLIDE_NEXT_ITEM,
	REQ_SLIDE_PREV_SECTION,
	REQ_SLIDE_NEXT_SECTION,
	REQ_SLIDE_INDEX,
	REQ_SLIDE_BLANK,
	REQ_SLIDE_FOOTER,
	REQ_SLIDE_TIMER,
	REQ_SLIDE_TIMER_RESET,
	REQ_SLIDE_STEP,
	REQ_SLIDE_HELP,
	REQ_SLIDE_QUIT,
	/* proofreading notes (notes.c, views/notes.c) */
	REQ_NOTE_ADD,
	REQ_NOTES,
	REQ_NOTE_EDIT,
	REQ_NOTE_RESOLVE,
	REQ_NOTE_DELETE,
	REQ_NOTES_SCOPE,
	REQ_NOTES_STATUS,
	REQ_NOTES_ANCHOR,
};

#define KEYS_MAX 6 /* default keys per action */

/* The help's groups, by purpose, in help order.  KG_PRESENT is the
 * presentation's: its keys are looked up apart (keys_lookup_present), so
 * they can be the reader's keys with other meanings (Space, t, s …). */
enum key_group { KG_MOVE, KG_READ, KG_NOTES, KG_SEARCH, KG_PANES, KG_OTHER, KG_PRESENT, NKEY_GROUPS };

struct action {
	enum request req;
	const char *name;       /* for a configuration file: "down", "quit" … */
	int keys[KEYS_MAX];     /* default keys, 0-terminated */
	const char *help;       /* N_() text for the help overlay */
	int joined;             /* shown on the line of the action before it */
	enum key_group group;   /* the table is in group order */
};

/* A group's heading in the help ("Moving"), translated. */
const char *keys_group_name(enum key_group g);

/* The table, in help order; n gets its length. */
const struct action *keys_actions(int *n);
/* The reader's action bound to key (not the presentation's), or REQ_OTHER. */
enum request keys_lookup(int key);
/* The presentation's action bound to key; else redraw or suspend if key is
 * bound to them in the reader; else REQ_OTHER. */
enum request keys_lookup_present(int key);
/* Bind key to the action named name (replacing the key's old binding in
 * the action's mode: the reader's or the presentation's).
 * Returns 0, or -1 if there is no such action. */
int keys_bind(int key, const char *name);
/* The keys bound to req (at most max, in binding order); returns how many. */
int keys_for(enum request req, int *out, int max);
/* The key of an input event (a character or KEYC(key)), or -1. */
int keys_of_event(const struct in_event *ev);
/* A key's name as the help shows it ("j", "Space", "PgDn", "C-l"). */
const char *keys_name(int key, char *buf, size_t size);

#endif
