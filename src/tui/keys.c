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
		N_("Moving"), N_("Reading"), N_("Notes"), N_("Searching"), N_("Panes"), N_("Other"),
	};
	return (unsigned)g < NKEY_GROUPS ? _(names[g]) : "";
}

const struct action *keys_actions(int *n)
{
	*n = NACTIONS;
	return actions;
}

enum request keys_lookup(int key)
{
	defaults();
	for (int i = 0; i < nbind; i++)
		if (bind[i].key == key)
			return bind[i].req;
	return REQ_OTHER;
}

int keys_bind(int key, const char *name)
{
	defaults();
	for (int i = 0; i < NACTIONS; i++) {
		if (strcmp(actions[i].name, name))
			continue;
		for (int b = 0; b < nbind; b++)
			if (bind[b].key == key) {
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
