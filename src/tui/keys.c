/* keys.c — the action table and the key bindings (see include/anli/keys.h). */
#include "anli/keys.h"

#include "anli/i18n.h"

#include <stdio.h>
#include <string.h>

/* In help order.  An action marked 1 in the last field shares the help line
 * of the one before it (its keys are listed there; the line's text is the
 * first one's, written for both); its own text serves a keys listing. */
static const struct action actions[] = {
	/* moving: in the focused pane (the text scrolls, a list moves its selection) */
	{REQ_DOWN, "down", {'j', KEYC(INK_DOWN)}, N_("down / up one line"), 0, KG_MOVE},
	{REQ_UP, "up", {'k', KEYC(INK_UP)}, N_("up one line"), 1, KG_MOVE},
	{REQ_HALF_DOWN, "half-page-down", {'d', KEY_CTRL('d')}, N_("half a page down / up"), 0, KG_MOVE},
	{REQ_HALF_UP, "half-page-up", {'u', KEY_CTRL('u')}, N_("half a page up"), 1, KG_MOVE},
	{REQ_PAGE_DOWN, "page-down", {' ', KEYC(INK_PGDN), KEY_CTRL('f')}, N_("page down, then the next item"), 0,
	 KG_MOVE},
	{REQ_PAGE_UP, "page-up", {'b', KEYC(INK_PGUP), KEY_CTRL('b')}, N_("page up"), 0, KG_MOVE},
	{REQ_HOME, "first", {'g', KEYC(INK_HOME)}, N_("first / last"), 0, KG_MOVE},
	{REQ_END, "last", {'G', KEYC(INK_END)}, N_("last"), 1, KG_MOVE},
	/* reading: the text, whichever pane has the focus */
	{REQ_PREV_SECTION, "prev-section", {'{'}, N_("previous / next section"), 0, KG_READ},
	{REQ_NEXT_SECTION, "next-section", {'}'}, N_("next section"), 1, KG_READ},
	{REQ_PREV_ITEM, "prev-item", {'['}, N_("previous / next item"), 0, KG_READ},
	{REQ_NEXT_ITEM, "next-item", {']'}, N_("next item"), 1, KG_READ},
	{REQ_NEXT_PARA, "next-paragraph", {'J'}, N_("next / previous paragraph (the cursor)"), 0, KG_READ},
	{REQ_PREV_PARA, "prev-paragraph", {'K'}, N_("previous paragraph"), 1, KG_READ},
	{REQ_BOOKMARK, "bookmark", {'m'}, N_("bookmark the current paragraph (again: remove)"), 0, KG_READ},
	{REQ_BOOKMARKS, "bookmarks", {'\''}, N_("the bookmark list; Enter jumps, q closes"), 0, KG_READ},
	{REQ_GOTO, "goto", {':'}, N_("go to a case (:27) or an article (:a3)"), 0, KG_READ},
	{REQ_PRESENT, "present", {'P'}, N_("present the chapter as slides, from this paragraph"), 0, KG_READ},
	{REQ_ZOOM, "zoom", {'z'}, N_("zoom the text to the full screen (again: back)"), 0, KG_READ},
	/* history, read marks, review status (session.c) */
	{REQ_BACK, "back-history", {KEY_CTRL('o'), 0x7f, KEY_CTRL('h')}, N_("back / forward through the places read"), 0,
	 KG_READ},
	{REQ_FORWARD, "forward-history", {KEY_CTRL('n')}, N_("forward through the places read"), 1, KG_READ},
	{REQ_TOGGLE_READ, "toggle-read", {'M'}, N_("item read / unread; whole chapter read; next unread"), 0, KG_READ},
	{REQ_CHAPTER_READ, "chapter-read", {'C'}, N_("mark the whole chapter read"), 1, KG_READ},
	{REQ_NEXT_UNREAD, "next-unread", {'U'}, N_("open the next unread item"), 1, KG_READ},
	{REQ_REVIEW, "review", {'r'}, N_("review status: none, reviewed, needs fix"), 0, KG_READ},
	/* proofreading notes: on the paragraph cursor's paragraph, or in the notes list */
	{REQ_NOTE_ADD, "add-note", {'a'}, N_("add a note to the current paragraph (a search match there is the quote)"), 0,
	 KG_NOTES},
	{REQ_NOTES, "notes", {'A'}, N_("the notes list; Enter jumps, q closes"), 0, KG_NOTES},
	{REQ_NOTE_EDIT, "edit-note", {'e'}, N_("edit / resolve or reopen / delete the selected note"), 0, KG_NOTES},
	{REQ_NOTE_RESOLVE, "resolve-note", {'x'}, N_("resolve or reopen the note"), 1, KG_NOTES},
	{REQ_NOTE_DELETE, "delete-note", {'D'}, N_("delete the note (asks y/n)"), 1, KG_NOTES},
	{REQ_NOTES_SCOPE, "notes-scope", {'v'}, N_("notes list: item, chapter, book / status / anchor filter"), 0,
	 KG_NOTES},
	{REQ_NOTES_STATUS, "notes-status", {'f'}, N_("notes list: status filter (all, open, resolved)"), 1, KG_NOTES},
	{REQ_NOTES_ANCHOR, "notes-anchor", {'F'}, N_("notes list: anchor filter (any, exact, moved, orphaned)"), 1,
	 KG_NOTES},
	{REQ_FIND, "find", {'/'}, N_("search in this item (as you type)"), 0, KG_SEARCH},
	{REQ_NEXT_MATCH, "next-match", {'n'}, N_("next / previous match, on through the book"), 0, KG_SEARCH},
	{REQ_PREV_MATCH, "prev-match", {'N'}, N_("previous match"), 1, KG_SEARCH},
	{REQ_SEARCH, "search", {'s'}, N_("search the whole book; Enter opens a hit"), 0, KG_SEARCH},
	{REQ_LEFT, "left", {'h', KEYC(INK_LEFT)}, N_("focus the pane to the left / right"), 0, KG_PANES},
	{REQ_RIGHT, "right", {'l', KEYC(INK_RIGHT)}, N_("focus the pane to the right"), 1, KG_PANES},
	{REQ_NEXT_PANE, "next-pane", {'\t'}, N_("next / previous pane"), 0, KG_PANES},
	{REQ_PREV_PANE, "prev-pane", {KEYC(INK_BTAB)}, N_("previous pane"), 1, KG_PANES},
	{REQ_ENTER, "enter", {'\r'}, N_("open (chapter, item); fold a collection"), 0, KG_PANES},
	{REQ_TOGGLE_TREE, "toggle-tree", {'t'}, N_("show / hide the chapter tree"), 0, KG_PANES},
	{REQ_ESCAPE, "back", {KEYC(INK_ESC)}, N_("back to the results; close them"), 0, KG_PANES},
	{REQ_REDRAW, "redraw", {KEY_CTRL('l')}, N_("redraw the screen"), 0, KG_OTHER},
	{REQ_SUSPEND, "suspend", {KEY_CTRL('z')}, N_("suspend (fg resumes)"), 0, KG_OTHER},
	{REQ_HELP, "help", {'?'}, N_("this help; q or Esc closes it"), 0, KG_OTHER},
	{REQ_QUIT, "quit", {'q'}, N_("quit; close results, help"), 0, KG_OTHER},
	/* the presentation (present.c): its own key map */
	{REQ_SLIDE_NEXT, "slide-next", {' ', KEYC(INK_RIGHT), KEYC(INK_DOWN), KEYC(INK_PGDN), 'j'},
	 N_("next / previous slide (step reveal: the next paragraph first)"), 0, KG_PRESENT},
	{REQ_SLIDE_PREV, "slide-prev", {KEYC(INK_LEFT), KEYC(INK_UP), KEYC(INK_PGUP), 0x7f, 'k', 'b'},
	 N_("previous slide"), 1, KG_PRESENT},
	{REQ_SLIDE_FIRST, "slide-first", {'g', KEYC(INK_HOME)}, N_("first / last slide"), 0, KG_PRESENT},
	{REQ_SLIDE_LAST, "slide-last", {'G', KEYC(INK_END)}, N_("last slide"), 1, KG_PRESENT},
	{REQ_SLIDE_GOTO, "slide-goto", {'\r'}, N_("after a number: that slide (12 Enter, 12 G)"), 0, KG_PRESENT},
	{REQ_SLIDE_PREV_ITEM, "slide-prev-item", {'['}, N_("previous / next item"), 0, KG_PRESENT},
	{REQ_SLIDE_NEXT_ITEM, "slide-next-item", {']'}, N_("next item"), 1, KG_PRESENT},
	{REQ_SLIDE_PREV_SECTION, "slide-prev-section", {'{'}, N_("previous / next section"), 0, KG_PRESENT},
	{REQ_SLIDE_NEXT_SECTION, "slide-next-section", {'}'}, N_("next section"), 1, KG_PRESENT},
	{REQ_SLIDE_INDEX, "slide-index", {'\t', KEY_CTRL('p')}, N_("the index of slides; Enter goes to one"), 0,
	 KG_PRESENT},
	{REQ_SLIDE_BLANK, "blank", {'.', 'B'}, N_("blank the screen; any key brings it back"), 0, KG_PRESENT},
	{REQ_SLIDE_FOOTER, "footer", {'f'}, N_("show / hide the footer"), 0, KG_PRESENT},
	{REQ_SLIDE_TIMER, "timer", {'t'}, N_("pause / resume the timer; reset it"), 0, KG_PRESENT},
	{REQ_SLIDE_TIMER_RESET, "timer-reset", {'T'}, N_("reset the timer"), 1, KG_PRESENT},
	{REQ_SLIDE_STEP, "step", {'s'}, N_("step reveal on / off: Space shows a paragraph at a time"), 0, KG_PRESENT},
	{REQ_SLIDE_HELP, "slide-help", {'?'}, N_("this help; q or Esc closes it"), 0, KG_PRESENT},
	{REQ_SLIDE_QUIT, "slide-quit", {'q', KEYC(INK_ESC)}, N_("back to the reader (entered with P), or quit"), 0,
	 KG_PRESENT},
};
#define NACTIONS ((int)(sizeof actions / sizeof *actions))

/* the bindings: the defaults, then what keys_bind adds */
static struct binding {
	int key;
	enum request req;
} bind[NACTIONS * KEYS_MAX + 64];
static int nbind = -1;

static void defaults(void)
{
	if (nbind >= 0)
		return;
	nbind = 0;
	for (int i = 0; i < NACTIONS; i++)
		for (int k = 0; k < KEYS_MAX && actions[i].keys[k]; k++)
			bind[nbind++] = (struct binding){actions[i].keys[k], actions[i].req};
}

const char *keys_group_name(enum key_group g)
{
	static const char *const names[NKEY_GROUPS] = {
		N_("Moving"), N_("Reading"), N_("Notes"), N_("Searching"), N_("Panes"), N_("Other"), N_("Presentation"),
	};
	return (unsigned)g < NKEY_GROUPS ? _(names[g]) : "";
}

const struct action *keys_actions(int *n)
{
	*n = NACTIONS;
	return actions;
}

/* Is req one of the presentation's actions? */
static int present_req(enum request req)
{
	for (int i = 0; i < NACTIONS; i++)
		if (actions[i].req == req)
			return actions[i].group == KG_PRESENT;
	return 0;
}

static enum request lookup(int key, int present)
{
	defaults();
	for (int i = 0; i < nbind; i++)
		if (bind[i].key == key && present_req(bind[i].req) == present)
			return bind[i].req;
	return REQ_OTHER;
}

enum request keys_lookup(int key)
{
	return lookup(key, 0);
}

enum request keys_lookup_present(int key)
{
	enum request r = lookup(key, 1);
	if (r != REQ_OTHER)
		return r;
	r = lookup(key, 0);
	return r == REQ_REDRAW || r == REQ_SUSPEND ? r : REQ_OTHER;
}

int keys_bind(int key, const char *name)
{
	defaults();
	for (int i = 0; i < NACTIONS; i++) {
		if (strcmp(actions[i].name, name))
			continue;
		int mode = actions[i].group == KG_PRESENT;
		for (int b = 0; b < nbind; b++)
			if (bind[b].key == key && present_req(bind[b].req) == mode) {
				bind[b].req = actions[i].req;
				return 0;
			}
		if (nbind == (int)(sizeof bind / sizeof *bind))
			return -1;
		bind[nbind++] = (struct binding){key, actions[i].req};
		return 0;
	}
	return -1;
}

int keys_for(enum request req, int *out, int max)
{
	defaults();
	int n = 0;
	for (int i = 0; i < nbind && n < max; i++)
		if (bind[i].req == req)
			out[n++] = bind[i].key;
	return n;
}

int keys_of_event(const struct in_event *ev)
{
	if (ev->kind == IN_CHAR)
		return ev->cp == '\n' ? '\r' : (int)ev->cp; /* LF is Enter too */
	if (ev->kind == IN_KEY)
		return KEYC(ev->key);
	return -1;
}

const char *keys_name(int key, char *buf, size_t size)
{
	static const struct {
		int key;
		const char *name;
	} names[] = {
		{' ', N_("Space")}, {'\t', N_("Tab")}, {'\r', N_("Enter")}, {'\n', N_("C-j")},
		{KEYC(INK_ESC), N_("Esc")}, {KEYC(INK_UP), "↑"}, {KEYC(INK_DOWN), "↓"},
		{KEYC(INK_LEFT), "←"}, {KEYC(INK_RIGHT), "→"}, {KEYC(INK_HOME), N_("Home")},
		{KEYC(INK_END), N_("End")}, {KEYC(INK_PGUP), N_("PgUp")}, {KEYC(INK_PGDN), N_("PgDn")},
		{KEYC(INK_BTAB), N_("S-Tab")}, {KEYC(INK_INSERT), N_("Ins")}, {KEYC(INK_DELETE), N_("Del")},
		{127, N_("Backspace")},
	};
	for (size_t i = 0; i < sizeof names / sizeof *names; i++)
		if (names[i].key == key) {
			snprintf(buf, size, "%s", _(names[i].name));
			return buf;
		}
	if (key >= KEYC(INK_F1) && key <= KEYC(INK_F12))
		snprintf(buf, size, _("F%d"), key - KEYC(INK_F1) + 1);
	else if (key > 0 && key < 0x20)
		snprintf(buf, size, _("C-%c"), key + 0x60);
	else if (key >= 0x20 && key < 0x7f)
		snprintf(buf, size, "%c", key);
	else
		snprintf(buf, size, "U+%04X", (unsigned)key);
	return buf;
}
