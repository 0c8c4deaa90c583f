/* term.c — the terminal: one width table for ncursesw, bytes in (decoded by
 * input.c), the ambiguous-width probe, attributes, and putting the terminal
 * back as it was on every exit path and signal. */
#include "anli/view.h"

#include "anli/layout.h"

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <term.h>
#include <termios.h>
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

/* --- modes and their restore ---------------------------------------------- */

/* mouse: button presses and releases, SGR encoding (X10 where unsupported);
 * bracketed paste */
#define MODES_ON "\x1b[?1000h\x1b[?1006h\x1b[?2004h"
#define MODES_OFF "\x1b[?2004l\x1b[?1006l\x1b[?1000l"

/* What the signal handlers use: fixed when curses starts, read only in them. */
static struct termios tty_orig, tty_curses;
static int have_orig;
static volatile sig_atomic_t in_curses, resumed;
/* SIGHUP / SIGTERM while the main loop runs: the signal, for the loop to
 * end cleanly (term_hangup); nothing else is done in the handler. */
static volatile sig_atomic_t hup_sig, hup_defer;
static char seq_leave[512], seq_enter[512];
static int modes; /* mouse and paste modes are set (the terminal has a mouse) */
static size_t len_leave, len_enter;

static void write_all(const char *s, size_t n)
{
	while (n) {
		ssize_t w = write(STDOUT_FILENO, s, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return;
		s += w;
		n -= (size_t)w;
	}
}

/* Append a terminfo string without its padding ($<…>). */
static void add_cap(char *buf, size_t *len, size_t size, const char *cap)
{
	char *s = tigetstr((char *)cap);
	if (!s || s == (char *)-1)
		return;
	for (; *s && *len + 1 < size; s++) {
		if (s[0] == '$' && s[1] == '<') {
			const char *e = strchr(s, '>');
			if (e) {
				s = (char *)e;
				continue;
			}
		}
		buf[(*len)++] = *s;
	}
}

static void add_str(char *buf, size_t *len, size_t size, const char *s)
{
	size_t n = strlen(s);
	if (*len + n < size) {
		memcpy(buf + *len, s, n);
		*len += n;
	}
}

/* A file to remove when a signal ends the process (the presentation's
 * socket): set outside the handlers, read in them. */
static char doomed[256];
static volatile sig_atomic_t have_doomed;

void term_unlink_on_signal(const char *path)
{
	have_doomed = 0;
	if (path && strlen(path) < sizeof doomed) {
		memcpy(doomed, path, strlen(path) + 1);
		have_doomed = 1;
	}
}

/* The terminal as it was, the doomed file gone: async-signal-safe. */
static void leave(void)
{
	if (have_doomed)
		unlink(doomed);
	if (in_curses)
		write_all(seq_leave, len_leave);
	if (have_orig)
		tcsetattr(STDIN_FILENO, TCSADRAIN, &tty_orig);
}

static void on_fatal(int sig)
{
	leave();
	signal(sig, SIG_DFL);
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	raise(sig); /* dies of it: the shell sees 128 + sig */
	_exit(128 + sig);
}

/* HUP, TERM: while the main loop runs, a flag for it (which saves, then
 * restores the terminal and dies of the signal: term_exit_signal); an alarm
 * ends the process as before if the loop does not get to it (a read the
 * signal did not wake).  A second signal, or one outside the loop, ends it
 * at once. */
static void on_hangup(int sig)
{
	if (hup_defer && !hup_sig) {
		hup_sig = sig;
		alarm(3);
		return;
	}
	on_fatal(sig);
}

static void on_alarm(int sig)
{
	(void)sig;
	on_fatal(hup_sig ? hup_sig : SIGALRM);
}

static void on_tstp(int sig)
{
	int e = errno;
	leave();
	struct sigaction old, dfl;
	memset(&dfl, 0, sizeof dfl);
	dfl.sa_handler = SIG_DFL;
	sigaction(sig, &dfl, &old);
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	raise(sig); /* stops here until SIGCONT */
	sigprocmask(SIG_BLOCK, &s, NULL);
	sigaction(sig, &old, NULL);
	if (in_curses) {
		tcsetattr(STDIN_FILENO, TCSADRAIN, &tty_curses);
		write_all(seq_enter, len_enter);
	}
	resumed = 1;
	errno = e;
}

void term_signals(void)
{
	have_orig = tcgetattr(STDIN_FILENO, &tty_orig) == 0;
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	/* no SA_RESTART: a signal wakes the blocked read, so that a resumed
	 * reader redraws at once */
	sa.sa_handler = on_fatal;
	static const int fatal[] = {SIGINT, SIGQUIT};
	for (size_t i = 0; i < sizeof fatal / sizeof *fatal; i++)
		sigaction(fatal[i], &sa, NULL);
	sa.sa_handler = on_hangup;
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sa.sa_handler = on_alarm;
	sigaction(SIGALRM, &sa, NULL);
	sa.sa_handler = on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
}

static int has_cap(const char *cap)
{
	char *s = tigetstr((char *)cap);
	return s && s != (char *)-1 && *s;
}

void term_begin(void)
{
	tcgetattr(STDIN_FILENO, &tty_curses);
	/* xterm's mouse and paste modes only where terminfo knows a mouse */
	modes = has_cap("kmous");
	len_leave = len_enter = 0;
	if (modes)
		add_str(seq_leave, &len_leave, sizeof seq_leave, MODES_OFF);
	add_cap(seq_leave, &len_leave, sizeof seq_leave, "sgr0");
	add_cap(seq_leave, &len_leave, sizeof seq_leave, "cnorm");
	add_cap(seq_leave, &len_leave, sizeof seq_leave, "rmcup");
	add_cap(seq_enter, &len_enter, sizeof seq_enter, "smcup");
	add_cap(seq_enter, &len_enter, sizeof seq_enter, "civis");
	if (modes)
		add_str(seq_enter, &len_enter, sizeof seq_enter, MODES_ON);
	fflush(stdout);
	if (modes)
		write_all(MODES_ON, sizeof MODES_ON - 1);
	in_curses = 1;
}

void term_end(void)
{
	if (!in_curses)
		return;
	if (modes)
		write_all(MODES_OFF, sizeof MODES_OFF - 1);
	in_curses = 0;
}

void term_defer_hangup(int on)
{
	hup_defer = on;
}

int term_hangup(void)
{
	return hup_sig;
}

void term_exit_signal(int sig)
{
	alarm(0);
	if (have_doomed)
		unlink(doomed);
	signal(sig, SIG_DFL);
	sigset_t s;
	sigemptyset(&s);
	sigaddset(&s, sig);
	sigprocmask(SIG_UNBLOCK, &s, NULL);
	raise(sig); /* the shell sees 128 + sig, as before */
	_exit(128 + sig);
}

void term_form_mode(int on)
{
	if (on) {
		raw(); /* C-c, C-s, C-z as keys */
	} else {
		noraw();
		cbreak();
	}
	tcgetattr(STDIN_FILENO, &tty_curses); /* what a resume after SIGTSTP restores */
}

void term_write(const char *s, size_t n)
{
	write_all(s, n);
}

int term_resumed(void)
{
	if (!resumed)
		return 0;
	resumed = 0;
	return 1;
}

/* The probe: “ at the top left of the (still blank) screen, then the
 * question; the line is cleared and the cursor put back at once, so the
 * screen is as curses believes it.  The answer is an IN_CPR event. */
int term_probe(void)
{
	if (!has_cap("u7"))
		return 0; /* a terminal that cannot report the cursor */
	static const char ask[] = "\x1b" "7\x1b[H\xe2\x80\x9c\x1b[6n\x1b[H\x1b[K\x1b" "8";
	write_all(ask, sizeof ask - 1);
	return 1;
}

/* --- input ---------------------------------------------------------------- */

static struct in_decoder dec;
static int dec_ready;

int term_next(struct in_event *ev, int block)
{
	if (!dec_ready) {
		in_init(&dec);
		dec_ready = 1;
	}
	for (;;) {
		if (in_next(&dec, ev, 0))
			return 1;
		if (hup_sig)
			return 0; /* the loop ends: no more reading */
		int wait = in_wait_ms(&dec);
		wtimeout(stdscr, wait ? wait : block > 1 ? block : block ? -1 : 0); /* block > 1: ms */
		int c = wgetch(stdscr);
		if (c == KEY_RESIZE)
			return 2;
		if (c == ERR) {
			if (wait) {
				/* nothing more came: decide what is pending */
				if (in_next(&dec, ev, 1))
					return 1;
				continue;
			}
			return 0; /* no input, or a signal (resume, resize) */
		}
		if (c < 0 || c > 0xff)
			continue; /* no keypad: curses has no other keys for us */
		if (in_push(&dec, (unsigned char)c) != 0 && in_next(&dec, ev, 0)) {
			in_push(&dec, (unsigned char)c);
			return 1;
		}
	}
}

/* --- attributes ----------------------------------------------------------- */

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
