/* listview.h — what every list pane shares (tree, list, search results):
 * the selection, the first entry shown, keeping the selection visible,
 * movement, click and wheel; entries can be group rows that are shown but
 * never selected (grouped search results).  Pure: no curses, no globals.
 *
 * Entries are numbered 0..n-1; each takes `per` screen rows. */
#ifndef ANLI_LISTVIEW_H
#define ANLI_LISTVIEW_H

#include "anli/keys.h"

struct listview {
	int n;          /* entries */
	int sel;        /* the selected entry; -1 when none can be */
	int top;        /* the first entry shown */
	int per;        /* screen rows per entry (1 if 0) */
	const unsigned char *group; /* group[i] != 0: entry i is a group row (NULL: none) */
};

/* New contents: n entries (group may be NULL); the selection goes to the
 * first selectable entry at or after `sel`, the view to the top. */
void lv_reset(struct listview *lv, int n, const unsigned char *group, int sel);
/* Can entry i be selected? */
int lv_selectable(const struct listview *lv, int i);
/* Select entry i (or the nearest selectable one after, else before). */
void lv_select(struct listview *lv, int i);
/* The movement requests (up, down, page up/down, first, last) over the
 * selectable entries; `rows` is the height the entries have.  Returns 1 if
 * r was one of them. */
int lv_move(struct listview *lv, enum request r, int rows);
/* Scroll so that the selection is inside `rows` screen rows (and a group
 * row right above the selection is shown with it). */
void lv_keep_visible(struct listview *lv, int rows);
/* The entry at screen row y of the entries (0-based), or -1. */
int lv_at(const struct listview *lv, int y);
/* The wheel: the selection one entry down (+1) or up (-1). */
void lv_wheel(struct listview *lv, int dir);

#endif
