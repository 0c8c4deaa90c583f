/* breakcheck.h — an independent statement of the line-breaking rules, for
 * the tests: where a break is allowed, and whether a wrapped line is
 * needlessly short. */
#ifndef ANLI_TEST_BREAKCHECK_H
#define ANLI_TEST_BREAKCHECK_H

#include "anli/layout.h"

#include <ctype.h>
#include <stddef.h>
#include <unistr.h>
#include <uniwidth.h>

/* A break between a and b: never before a closing mark or after an opening
 * one, never inside —— or ……, always at a space; Chinese text breaks between
 * any two characters, runs of Latin letters, digits and narrow punctuation
 * do not. */
static inline int bc_may_break(ucs4_t a, ucs4_t b)
{
	if (lay_no_start(b) || lay_no_end(a))
		return 0;
	if (a == b && (a == 0x2014 || a == 0x2026))
		return 0;
	/* breaks come after spaces (UAX #14), before what may start a line */
	if (b == ' ')
		return 0;
	if (a == ' ')
		return !(b < 0x80 && !isalnum((int)b));
	/* ASCII signs (+, /, -, …) bind to their neighbours, as in UAX #14 */
	if ((a < 0x80 && !isalnum((int)a)) || (b < 0x80 && !isalnum((int)b)))
		return 0;
	return uc_width(a, "UTF-8") == 2 || uc_width(b, "UTF-8") == 2 || a == 0x201D || b == 0x201C;
}

/* Line [off, off+len) of s is followed by a line starting at next_off and
 * ending at next_end (same paragraph).  Returns the columns the line would
 * have if the next line's first unbreakable unit (with the spaces at the
 * break) moved up, or -1 if the whole next line is one unit. */
static inline int bc_width_with_next_unit(const char *s, size_t off, size_t len, size_t next_off, size_t next_end)
{
	int w = lay_strwidth(s + off, len) + (int)(next_off - (off + len));
	size_t o = next_off;
	ucs4_t prev = 0;
	int spaces = 0; /* trailing spaces may hang past the edge */
	while (o < next_end) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + o, next_end - o);
		if (prev && bc_may_break(prev, c))
			return w - spaces;
		w += lay_cpwidth(c);
		spaces = c == ' ' ? spaces + 1 : 0;
		prev = c;
		o += (size_t)(l > 0 ? l : 1);
	}
	return -1;
}

#endif
