/* term.c — the terminal: one width table for ncursesw, ambiguous-width
 * detection, keys and mouse to requests, attributes. */
#include "anli/view.h"

#include "anli/layout.h"

#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>
#include <wchar.h>

/* ncursesw measures characters with wcwidth(); defining it here makes the
 * library use the layout engine's table (and its ambiguous-width setting),
 * so what we lay out is what curses draws. */
int wcwidth(wchar_t c)
{
	if (c == 0)
		return 0;
	if (c < 0x20 || (c >= 0x7F && c < 0xA0))
		return -1;
	return lay_cpwidth((unsigned int)c);
}

static long elapsed_ms(const struct timespec *t0)
{
	struct timespec t;
	clock_gettime(CLOCK_MONOTONIC, &t);
	return (t.tv_sec - t0->tv_sec) * 1000 + (t.tv_nsec - t0->tv_nsec) / 1000000;
}

/* The probe runs in two halves so that the answer's round trip (long over
 * SSH) overlaps the rest of start-up: term_probe_start prints “ at column 1
 * and asks for the cursor position; term_probe_finish reads the answer,
 * waiting until 100 ms after the start at most. */
static struct {
	int fd;
	struct termios old;
	struct timespec t0;
} probe = {.fd = -1};

void term_probe_start(void)
{
	probe.fd = open("/dev/tty", O_RDWR | O_NOCTTY | O_CLOEXEC);
	if (probe.fd < 0)
		return;
	struct termios raw;
	if (tcgetattr(probe.fd, &probe.old) != 0) {
		close(probe.fd);
		probe.fd = -1;
		return;
	}
	raw = probe.old;
	raw.c_lflag &= ~(tcflag_t)(ICANON | ECHO);
	raw.c_cc[VMIN] = 0;
	raw.c_cc[VTIME] = 0;
	tcsetattr(probe.fd, TCSANOW, &raw);
	clock_gettime(CLOCK_MONOTONIC, &probe.t0);
	static const char ask[] = "\r\xe2\x80\x9c\x1b[6n";
	if (write(probe.fd, ask, sizeof ask - 1) != (ssize_t)(sizeof ask - 1)) {
		tcsetattr(probe.fd, TCSANOW, &probe.old);
		close(probe.fd);
		probe.fd = -1;
	}
}

int term_probe_finish(void)
{
	if (probe.fd < 0)
		return 1;
	int width = 1;
	char buf[64];
	size_t n = 0;
	for (;;) {
		/* wait until 100 ms after the question; past that, still take what
		 * has arrived (a slow start-up must not leave the answer to be read
		 * as keys), and let a started answer finish */
		long left = 100 - elapsed_ms(&probe.t0);
		if (left < 0)
			left = n ? 20 : 0;
		struct pollfd p = {.fd = probe.fd, .events = POLLIN};
		if (n >= sizeof buf - 1 || poll(&p, 1, (int)left) <= 0)
			break;
		ssize_t r = read(probe.fd, buf + n, sizeof buf - 1 - n);
		if (r <= 0)
			break;
		n += (size_t)r;
		buf[n] = '\0';
		char *esc = strstr(buf, "\x1b[");
		int row, col;
		if (esc && strchr(esc, 'R') && sscanf(esc, "\x1b[%d;%dR", &row, &col) == 2) {
			width = col - 1 == 2 ? 2 : 1;
			break;
		}
	}
	static const char clear[] = "\r\x1b[K";
	if (write(probe.fd, clear, sizeof clear - 1) < 0) {
		/* nothing to do: curses clears the screen anyway */
	}
	tcsetattr(probe.fd, TCSANOW, &probe.old);
	close(probe.fd);
	probe.fd = -1;
	return width;
}

int term_attr(const struct app *a, int what)
{
	if (a->use_color)
		switch (what) {
		case PAIR_TITLE:
			return A_BOLD | COLOR_PAIR(PAIR_TITLE);
		case PAIR_HEADING:
			return A_BOLD | COLOR_PAIR(PAIR_HEADING);
		case PAIR_SUBHEAD:
			return A_BOLD;
		case PAIR_CAPTION:
			return COLOR_PAIR(PAIR_CAPTION);
		case PAIR_BYLINE:
			return COLOR_PAIR(PAIR_BYLINE);
		case PAIR_STATUS:
			return A_REVERSE;
		case PAIR_BORDER:
			return COLOR_PAIR(PAIR_BORDER);
		}
	switch (what) {
	case PAIR_TITLE:
	case PAIR_HEADING:
	case PAIR_SUBHEAD:
		return A_BOLD;
	case PAIR_CAPTION:
	case PAIR_BYLINE:
		return A_DIM;
	case PAIR_STATUS:
		return A_REVERSE;
	}
	return A_NORMAL;
}

enum request term_read(struct app *a, MEVENT *mev)
{
	wint_t ch;
	int r = wget_wch(stdscr, &ch);
	if (r == ERR)
		return REQ_NONE;
	if (r == KEY_CODE_YES) {
		switch (ch) {
		case KEY_UP: return REQ_UP;
		case KEY_DOWN: return REQ_DOWN;
		case KEY_LEFT: return REQ_LEFT;
		case KEY_RIGHT: return REQ_RIGHT;
		case KEY_NPAGE: return REQ_PAGE_DOWN;
		case KEY_PPAGE: return REQ_PAGE_UP;
		case KEY_HOME: return REQ_HOME;
		case KEY_END: return REQ_END;
		case KEY_ENTER: return REQ_ENTER;
		case KEY_BTAB: return REQ_PREV_PANE;
		case KEY_RESIZE: return REQ_RESIZE;
		case KEY_MOUSE:
			if (getmouse(mev) == OK)
				return REQ_MOUSE;
			return REQ_NONE;
		}
		return REQ_OTHER;
	}
	(void)a;
	switch (ch) {
	case 'k': return REQ_UP;
	case 'j': return REQ_DOWN;
	case 'h': return REQ_LEFT;
	case 'l': return REQ_RIGHT;
	case ' ': return REQ_PAGE_DOWN;
	case 'b': return REQ_PAGE_UP;
	case 'g': return REQ_HOME;
	case 'G': return REQ_END;
	case '\t': return REQ_NEXT_PANE;
	case '\r': case '\n': return REQ_ENTER;
	case '[': return REQ_PREV_ITEM;
	case ']': return REQ_NEXT_ITEM;
	case 'z': return REQ_ZOOM;
	case 't': return REQ_TOGGLE_TREE;
	case '?': return REQ_HELP;
	case 'q': return REQ_QUIT;
	case 12: return REQ_REDRAW; /* Ctrl-L */
	case '/': return REQ_FIND;
	case 's': return REQ_SEARCH;
	case 'n': return REQ_NEXT_MATCH;
	case 'N': return REQ_PREV_MATCH;
	case 27: return REQ_ESCAPE;
	}
	return REQ_OTHER;
}
