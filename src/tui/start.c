/* start.c — taking the terminal for a full-screen program and giving it
 * back: the UTF-8 locale, curses' modes, colours, mouse and paste, the
 * ambiguous-width probe.  Shared by the reader (tui.c) and `anli present`
 * (present.c), so both start and end the terminal the same way. */
#include "anli/view.h"

#include "anli/cli.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/msg.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <unistd.h>

/* The reader draws UTF-8.  In another locale only LC_CTYPE is switched (to
 * C.UTF-8); *note gets a line for stderr after exit, *status one for the
 * status line.  Returns 0, or -1 if no UTF-8 locale exists. */
static int utf8_ctype(char *note, size_t size, char *status, size_t ssize)
{
	note[0] = status[0] = '\0';
	const char *cs = nl_langinfo(CODESET);
	if (cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")))
		return 0;
	char was[64];
	snprintf(was, sizeof was, "%s", cs && *cs ? cs : "?");
	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "C.utf8"))
		return -1;
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8"))
		return -1;
	snprintf(note, size, _("the locale's character set is %s, not UTF-8; the reader used C.UTF-8 for characters"),
		 was);
	snprintf(status, ssize, _("not a UTF-8 locale (%s): characters as C.UTF-8"), was);
	return 0;
}

int tui_locale_check(struct tui_screen *s)
{
	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		msg_error("anli", "%s", _("not a terminal; use 'anli list' and 'anli show ID' to print the book"));
		return -1;
	}
	if (utf8_ctype(s->note, sizeof s->note, s->status_note, sizeof s->status_note)) {
		msg_error("anli", "%s", _("the reader needs a UTF-8 locale and C.UTF-8 is not available"));
		return -1;
	}
	return 0;
}

static int start_colors(void)
{
	const char *nc = getenv("NO_COLOR");
	if ((nc && *nc) || !has_colors())
		return 0;
	start_color();
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_YELLOW, -1);
	init_pair(PAIR_HEADING, COLOR_CYAN, -1);
	init_pair(PAIR_CAPTION, COLOR_GREEN, -1);
	init_pair(PAIR_BYLINE, COLOR_MAGENTA, -1);
	init_pair(PAIR_BORDER, COLOR_BLUE, -1);
	init_pair(PAIR_WARN, COLOR_RED, -1);
	return 1;
}

int tui_screen_open(struct tui_screen *s, int ambiwidth)
{
	const char *term = getenv("TERM");
	/* drawn at once in the configured convention, or narrow until the
	 * terminal answers the probe */
	lay_set_ambiwidth(ambiwidth ? ambiwidth : 1);
	glyph_set_utf8(!strcmp(nl_langinfo(CODESET), "UTF-8")); /* ASCII glyphs in any other codeset */
	term_signals();
	s->scr = newterm(NULL, stdout, stdin);
	if (!s->scr) {
		msg_error("anli", _("cannot use terminal type '%s'; try TERM=xterm-256color, or 'anli show ID'"),
			  term ? term : "");
		return -1;
	}
	set_term(s->scr);
	/* a terminal that cannot address the cursor cannot show panes */
	char *cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		endwin();
		delscreen(s->scr);
		s->scr = NULL;
		msg_error("anli", _("terminal type '%s' cannot move the cursor; try TERM=xterm-256color, or 'anli show ID'"),
			  term ? term : "");
		return -1;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, FALSE); /* bytes: input.c decodes keys, mouse and replies */
	leaveok(stdscr, TRUE);
	curs_set(0);
	s->use_color = start_colors();
	/* the alternate screen, cleared, before the probe writes into it */
	refresh();
	term_begin();
	s->probing = !ambiwidth && term_probe();
	return 0;
}

void tui_screen_close(struct tui_screen *s)
{
	term_end();
	endwin();
	delscreen(s->scr);
	s->scr = NULL;
	if (s->note[0])
		msg_error("anli", "%s", s->note);
}
