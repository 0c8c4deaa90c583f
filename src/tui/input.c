/* input.c — the keyboard decoder (see include/anli/input.h).  Pure: bytes
 * in, events out; everything it keeps is in struct in_decoder.  Just over
 * 400 lines: one state machine (UTF-8, CSI/SS3, mouse, replies, paste). */
#include "anli/input.h"

#include <string.h>
#include <unistr.h>

#define ESC 0x1b
#define MAX_CSI 64   /* a CSI longer than this is garbage */
#define MAX_PARAMS 8

void in_init(struct in_decoder *d)
{
	memset(d, 0, sizeof *d);
}

int in_push(struct in_decoder *d, unsigned char c)
{
	if (d->n >= IN_BUF)
		return -1;
	d->buf[d->n++] = c;
	return 0;
}

static void consume(struct in_decoder *d, size_t k)
{
	if (k > d->n)
		k = d->n;
	memmove(d->buf, d->buf + k, d->n - k);
	d->n -= k;
}

static void set_key(struct in_event *ev, int key, int mods)
{
	ev->kind = IN_KEY;
	ev->key = key;
	ev->mods = mods;
}

/* Parse "n;n;n" (empty fields are 0) into v; returns the number of fields. */
static int params(const unsigned char *p, size_t len, int *v, int max)
{
	int k = 0;
	long cur = 0;
	for (size_t i = 0; i <= len; i++) {
		if (i == len || p[i] == ';' || p[i] == ':') {
			if (k < max)
				v[k] = (int)cur;
			k++;
			cur = 0;
		} else if (p[i] >= '0' && p[i] <= '9') {
			if (cur < 1000000)
				cur = cur * 10 + (p[i] - '0');
		}
	}
	return k < max ? k : max;
}

/* xterm's modifier parameter (1 + bits) to INM_* bits */
static int mods_of(int n, const int *v, int i)
{
	return n > i && v[i] > 1 ? (v[i] - 1) & 7 : 0;
}

/* Mouse button bits (X10 and SGR share them) into ev. */
static void mouse_bits(struct in_event *ev, int b)
{
	ev->kind = IN_MOUSE;
	ev->mods = ((b & 4) ? INM_SHIFT : 0) | ((b & 8) ? INM_ALT : 0) | ((b & 16) ? INM_CTRL : 0);
	ev->motion = (b & 32) != 0;
	int low = b & 3;
	if (b & 64)
		ev->button = low == 0 ? 4 : low == 1 ? 5 : 0; /* wheel; 6 and 7 (sideways) ignored */
	else if (b & 128)
		ev->button = 0;
	else
		ev->button = low == 3 ? 0 : low + 1;
	ev->release = !(b & 64) && low == 3;
}

/* A complete CSI: p[0..len) are the parameter and intermediate bytes, f the
 * final byte. */
static void csi(struct in_decoder *d, struct in_event *ev, const unsigned char *p, size_t len, unsigned char f)
{
	int v[MAX_PARAMS] = {0};
	ev->kind = IN_IGNORED;
	if (len && p[0] == '<') {
		if ((f == 'M' || f == 'm') && params(p + 1, len - 1, v, MAX_PARAMS) == 3) {
			mouse_bits(ev, v[0]);
			if (f == 'm')
				ev->release = 1;
			ev->x = v[1] > 0 ? v[1] - 1 : 0;
			ev->y = v[2] > 0 ? v[2] - 1 : 0;
		}
		return;
	}
	if (len && (p[0] < '0' || p[0] > ';'))
		return; /* a private reply (DA: ESC [ ? … c) or unknown: dropped */
	for (size_t i = 0; i < len; i++)
		if (p[i] < '0' || p[i] > ';')
			return; /* intermediate bytes: no key of ours */
	int n = len ? params(p, len, v, MAX_PARAMS) : 0;
	switch (f) {
	case 'A': set_key(ev, INK_UP, mods_of(n, v, 1)); return;
	case 'B': set_key(ev, INK_DOWN, mods_of(n, v, 1)); return;
	case 'C': set_key(ev, INK_RIGHT, mods_of(n, v, 1)); return;
	case 'D': set_key(ev, INK_LEFT, mods_of(n, v, 1)); return;
	case 'H': set_key(ev, INK_HOME, mods_of(n, v, 1)); return;
	case 'F': set_key(ev, INK_END, mods_of(n, v, 1)); return;
	case 'Z': set_key(ev, INK_BTAB, 0); return;
	case 'P': set_key(ev, INK_F1, mods_of(n, v, 1)); return;
	case 'Q': set_key(ev, INK_F1 + 1, mods_of(n, v, 1)); return;
	case 'S': set_key(ev, INK_F1 + 3, mods_of(n, v, 1)); return;
	case 'R':
		/* ESC [ row ; col R is a cursor position report (xterm's
		 * modified F3, ESC [ 1 ; m R, is read as one too: F3 is unbound) */
		if (n == 2) {
			ev->kind = IN_CPR;
			ev->row = v[0];
			ev->col = v[1];
		} else {
			set_key(ev, INK_F1 + 2, 0);
		}
		return;
	case '~': {
		int k = n ? v[0] : 0, m = mods_of(n, v, 1);
		switch (k) {
		case 1: case 7: set_key(ev, INK_HOME, m); return;
		case 4: case 8: set_key(ev, INK_END, m); return;
		case 2: set_key(ev, INK_INSERT, m); return;
		case 3: set_key(ev, INK_DELETE, m); return;
		case 5: set_key(ev, INK_PGUP, m); return;
		case 6: set_key(ev, INK_PGDN, m); return;
		case 200: ev->kind = IN_PASTE_BEGIN; d->paste = 1; return;
		case 201: ev->kind = IN_PASTE_END; d->paste = 0; return;
		}
		if (k >= 11 && k <= 15)
			set_key(ev, INK_F1 + k - 11, m);
		else if (k >= 17 && k <= 21)
			set_key(ev, INK_F1 + 5 + k - 17, m);
		else if (k == 23 || k == 24)
			set_key(ev, INK_F1 + 10 + k - 23, m);
		return;
	}
	}
	/* focus reports (I, O) and everything else: dropped */
}

/* Returns the bytes consumed (ev filled), or 0 if incomplete. */
static size_t esc_seq(struct in_decoder *d, struct in_event *ev, int flush)
{
	const unsigned char *b = d->buf;
	size_t n = d->n;
	if (n < 2) {
		if (!flush)
			return 0;
		set_key(ev, INK_ESC, 0);
		return 1;
	}
	switch (b[1]) {
	case '[':
		if (n >= 3 && b[2] == 'M') { /* X10 mouse: three raw bytes follow */
			if (n < 6) {
				if (!flush)
					return 0;
				ev->kind = IN_IGNORED;
				return n;
			}
			mouse_bits(ev, b[3] >= 32 ? b[3] - 32 : 0);
			ev->x = b[4] > 33 ? b[4] - 33 : 0;
			ev->y = b[5] > 33 ? b[5] - 33 : 0;
			return 6;
		}
		for (size_t i = 2; i < n; i++) {
			if (b[i] >= 0x40 && b[i] <= 0x7e) {
				csi(d, ev, b + 2, i - 2, b[i]);
				return i + 1;
			}
			if (b[i] < 0x20 || b[i] > 0x3f || i >= MAX_CSI) {
				/* not a CSI after all (or garbage): Esc, then the rest as typed */
				if (i == 2) {
					set_key(ev, INK_ESC, 0);
					return 1;
				}
				ev->kind = IN_IGNORED;
				return i;
			}
		}
		if (!flush)
			return 0;
		if (n == 2) { /* Esc then [ typed */
			set_key(ev, INK_ESC, 0);
			return 1;
		}
		ev->kind = IN_IGNORED; /* a reply cut off: dropped, never read as keys */
		return n;
	case 'O':
		if (n < 3) {
			if (!flush)
				return 0;
			set_key(ev, INK_ESC, 0);
			return 1;
		}
		switch (b[2]) {
		case 'A': set_key(ev, INK_UP, 0); return 3;
		case 'B': set_key(ev, INK_DOWN, 0); return 3;
		case 'C': set_key(ev, INK_RIGHT, 0); return 3;
		case 'D': set_key(ev, INK_LEFT, 0); return 3;
		case 'H': set_key(ev, INK_HOME, 0); return 3;
		case 'F': set_key(ev, INK_END, 0); return 3;
		case 'P': case 'Q': case 'R': case 'S': set_key(ev, INK_F1 + (b[2] - 'P'), 0); return 3;
		case 'M':
			ev->kind = IN_CHAR;
			ev->cp = '\r';
			return 3;
		}
		if (b[2] >= 'j' && b[2] <= 'y') { /* application keypad */
			ev->kind = IN_CHAR;
			ev->cp = (unsigned char)"*+,-./0123456789"[b[2] - 'j'];
			return 3;
		}
		ev->kind = IN_IGNORED;
		return 3;
	case ']': case 'P': case '_': case '^': case 'X':
		/* a control string (OSC, DCS, APC, PM, SOS): only terminals send
		 * these; dropped up to BEL (OSC) or ST */
		for (size_t i = 2; i < n; i++) {
			if (b[i] == 0x07 && b[1] == ']') {
				ev->kind = IN_IGNORED;
				return i + 1;
			}
			if (b[i] == ESC && i + 1 < n) {
				ev->kind = IN_IGNORED;
				return b[i + 1] == '\\' ? i + 2 : i;
			}
		}
		if (flush || n >= IN_BUF) {
			if (n >= IN_BUF)
				d->dropping = 1; /* overlong: drop the rest up to its end */
			ev->kind = IN_IGNORED;
			return b[n - 1] == ESC && n > 2 ? n - 1 : n;
		}
		return 0;
	default:
		if (b[1] >= 0x20 && b[1] < 0x7f) { /* Alt+key: the key with INM_ALT */
			ev->kind = IN_CHAR;
			ev->cp = b[1];
			ev->mods = INM_ALT;
			return 2;
		}
		/* Esc, then the next byte on its own */
		set_key(ev, INK_ESC, 0);
		return 1;
	}
}

int in_next(struct in_decoder *d, struct in_event *ev, int flush)
{
	memset(ev, 0, sizeof *ev);
	if (flush && !d->n)
		d->dropping = 0; /* nothing came for a while: the string is over */
	if (d->n >= IN_BUF)
		flush = 1;
	while (d->dropping && d->n) {
		/* the tail of an overlong control string: up to BEL or ST */
		size_t i = 0;
		for (; i < d->n; i++) {
			if (d->buf[i] == 0x07) {
				consume(d, i + 1);
				d->dropping = 0;
				break;
			}
			if (d->buf[i] == ESC) {
				if (i + 1 == d->n) {
					if (!flush) {
						consume(d, i);
						return 0;
					}
					consume(d, i + 1);
					d->dropping = 0;
					break;
				}
				consume(d, d->buf[i + 1] == '\\' ? i + 2 : i);
				d->dropping = 0;
				break;
			}
		}
		if (i == d->n && d->dropping) {
			consume(d, d->n);
			return 0;
		}
	}
	if (!d->n)
		return 0;
	unsigned char c = d->buf[0];
	size_t k;
	if (c == ESC) {
		k = esc_seq(d, ev, flush);
		if (!k)
			return 0;
	} else if (c < 0x80) {
		ev->kind = IN_CHAR;
		ev->cp = c;
		k = 1;
	} else {
		ucs4_t uc;
		int r = u8_mbtoucr(&uc, d->buf, d->n);
		if (r == -2 && !flush)
			return 0;
		ev->kind = IN_CHAR;
		if (r > 0) {
			ev->cp = uc;
			k = (size_t)r;
		} else {
			/* invalid: one U+FFFD for the byte; truncated at a flush: one
			 * U+FFFD for the whole started character */
			ev->cp = 0xFFFD;
			k = r == -2 ? d->n : 1;
		}
	}
	if (ev->kind == IN_CHAR || ev->kind == IN_KEY)
		ev->paste = d->paste;
	consume(d, k);
	return 1;
}

int in_wait_ms(const struct in_decoder *d)
{
	if (!d->n && !d->dropping)
		return 0;
	if (d->dropping)
		return IN_SEQ_MS;
	if (d->buf[0] != ESC)
		return IN_SEQ_MS; /* a character cut in two (an input method, a slow network) */
	if (d->n == 1 || d->buf[1] == 'O')
		return IN_ESC_MS;
	return IN_SEQ_MS;
}
