/* layout.c — see layout.h */
#include "anli/layout.h"

#include "anli/util.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>
#include <unilbrk.h>

#include "ambiguous.h"

static int ambiwidth = 1;

void lay_set_ambiwidth(int w)
{
	ambiwidth = w == 2 ? 2 : 1;
}

int lay_ambiwidth(void)
{
	return ambiwidth;
}

static int is_ambiguous(unsigned int cp)
{
	size_t lo = 0, hi = sizeof lay_ambiguous / sizeof *lay_ambiguous;
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;
		if (cp < lay_ambiguous[mid].lo)
			hi = mid;
		else if (cp > lay_ambiguous[mid].hi)
			lo = mid + 1;
		else
			return 1;
	}
	return 0;
}

int lay_cpwidth(unsigned int cp)
{
	if (cp >= 0xA0 && ambiwidth == 2 && is_ambiguous(cp))
		return 2;
	int w = uc_width(cp, "UTF-8");
	if (w < 0)
		return 1; /* controls: shown as stand-ins, never measured here */
	return w > 2 ? 2 : w;
}

int lay_strwidth(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	int w = 0;
	size_t i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + i, n - i);
		w += lay_cpwidth(c);
		i += (size_t)(l > 0 ? l : 1);
	}
	return w;
}

/* A code point as it may be shown (see lay_sanitize). */
static unsigned int safe_cp(unsigned int c)
{
	if (c < 0x20)
		return 0x2400 + c; /* ␀ … ␟: ESC shows as ␛ */
	if (c == 0x7F)
		return 0x2421;
	if ((c >= 0x80 && c < 0xA0) || (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
		return 0xFFFD; /* C1 controls, bidirectional overrides */
	return c;
}

char *lay_sanitize(const char *s, size_t n, size_t *outlen)
{
	return util_map_utf8(s, n, safe_cp, outlen); /* invalid bytes arrive as U+FFFD */
}

size_t lay_fit(const char *s, size_t n, int width, int *used)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	int w = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + i, n - i);
		if (l <= 0)
			l = 1;
		int cw = lay_cpwidth(c);
		if (w + cw > width)
			break;
		/* keep combining marks with their base */
		w += cw;
		i += (size_t)l;
	}
	if (used)
		*used = w;
	return i;
}

int lay_no_start(unsigned int cp)
{
	switch (cp) {
	case 0x3001: case 0xFF0C: case 0x3002: case 0xFF1B: case 0xFF1A: case 0xFF01: case 0xFF1F: /* 、，。；：！？ */
	case 0x201D: case 0x2019: /* ” ’ */
	case 0xFF09: case 0x3011: case 0x300B: case 0x300D: case 0x300F: case 0x3015: case 0x3009: /* ）】》」』〕〉 */
	case 0x00B7: case 0x30FB: case 0xFF0E: case 0xFF3D: case 0xFF5D: case 0x3017: case 0x3019: /* · ・ ． ］ ｝ 〗 〙 */
	case 0xFF05: case 0x2030: /* ％ ‰ */
	case 0x2026: case 0x22EF: /* … ⋯ (UAX #14 IN: an ellipsis never starts a line) */
	case ',': case '.': case ';': case ':': case '!': case '?': case ')': case ']': case '}': case '%':
		return 1;
	}
	return 0;
}

int lay_no_end(unsigned int cp)
{
	switch (cp) {
	case 0x201C: case 0x2018: /* “ ‘ */
	case 0xFF08: case 0x3010: case 0x300A: case 0x300C: case 0x300E: case 0x3014: case 0x3008: /* （【《「『〔〈 */
	case 0xFF3B: case 0xFF5B: case 0x3016: case 0x3018: /* ［ ｛ 〖 〘 */
	case '(': case '[': case '{':
		return 1;
	}
	return 0;
}

/* Characters that sit naturally next to a break in Chinese text: the wide
 * ones, and the dash and ellipsis (ambiguous width, but Chinese punctuation
 * here). */
static int cjkish(unsigned int cp)
{
	return uc_width(cp, "UTF-8") == 2 || cp == 0x2014 || cp == 0x2026;
}

struct ch {
	size_t off;
	unsigned int cp;
	int w;
	char brk; /* break allowed before this character */
};

/* Decide where breaks are allowed, UAX #14 then clreq's rules. */
static void break_rules(const char *s, size_t n, struct ch *c, int nc)
{
	char *p = xmalloc(n ? n : 1);
	u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", p);
	for (int k = 0; k < nc; k++) {
		int b = p[c[k].off];
		c[k].brk = k > 0 && (b == UC_BREAK_POSSIBLE || b == UC_BREAK_MANDATORY || b == UC_BREAK_HYPHENATION);
		if (k == 0)
			continue;
		unsigned int prev = c[k - 1].cp, cur = c[k].cp;
		/* UAX #14 (LB19, before Unicode 15.1) forbids breaks around quotation
		 * marks; in Chinese text ” ends and “ opens, like ）and （. */
		if ((prev == 0x201D || prev == 0x2019) &&
		    (cjkish(cur) || lay_no_end(cur) || (k >= 2 && cjkish(c[k - 2].cp))))
			c[k].brk = 1; /* a Chinese closing quote: like ） */
		if ((cur == 0x201C || cur == 0x2018) &&
		    (cjkish(prev) || lay_no_start(prev) || (k + 1 < nc && cjkish(c[k + 1].cp))))
			c[k].brk = 1; /* a Chinese opening quote: like （ */
		if (lay_no_start(cur) || lay_no_end(prev))
			c[k].brk = 0;
		if (prev == cur && (cur == 0x2014 || cur == 0x2026 || cur == 0x2E3A || cur == 0x22EF))
			c[k].brk = 0;
		if (c[k].w == 0)
			c[k].brk = 0; /* never separate a combining mark from its base */
	}
	free(p);
}

static int is_space(unsigned int cp)
{
	return cp == ' ';
}

int lay_wrap(const char *s, size_t n, int width, int indent, struct lay_line **lines)
{
	*lines = NULL;
	if (n == 0)
		return 0;
	const uint8_t *p = (const uint8_t *)s;
	struct ch *c = xmalloc(sizeof *c * (n + 1));
	int nc = 0;
	for (size_t i = 0; i < n;) {
		ucs4_t cp;
		int l = u8_mbtouc(&cp, p + i, n - i);
		if (l <= 0)
			l = 1;
		c[nc].off = i;
		c[nc].cp = cp;
		c[nc].w = lay_cpwidth(cp);
		nc++;
		i += (size_t)l;
	}
	c[nc].off = n;
	break_rules(s, n, c, nc);

	int cap = 16, nl = 0;
	struct lay_line *out = xmalloc(sizeof *out * (size_t)cap);
	int a = 0; /* first char of the current line */
	while (a < nc) {
		int avail = width - (nl == 0 ? indent : 0);
		if (avail < 1)
			avail = 1;
		int w = 0, k = a, brk = -1;
		/* advance while characters fit; spaces may hang past the edge */
		while (k < nc) {
			if (k > a && c[k].brk)
				brk = k;
			if (w + c[k].w > avail && !is_space(c[k].cp))
				break;
			w += c[k].w;
			k++;
		}
		int end;
		if (k >= nc) {
			end = nc;
		} else if (brk > a) {
			end = brk;
		} else {
			/* no allowed break: cut at the last boundary that keeps the
			 * start/end rules, else right at the edge */
			end = k > a ? k : a + 1;
			for (int j = k; j > a + 1; j--)
				if (!lay_no_start(c[j].cp) && !lay_no_end(c[j - 1].cp) && c[j].w) {
					end = j;
					break;
				}
		}
		/* trailing spaces do not count */
		int e = end;
		while (e > a && is_space(c[e - 1].cp))
			e--;
		if (nl == cap) {
			cap *= 2;
			out = xrealloc(out, sizeof *out * (size_t)cap);
		}
		out[nl].off = c[a].off;
		out[nl].len = c[e].off - c[a].off;
		out[nl].width = 0;
		for (int j = a; j < e; j++)
			out[nl].width += c[j].w;
		nl++;
		a = end;
		/* a forced or mandatory break never leaves leading spaces */
		while (a < nc && c[a].cp == ' ')
			a++;
	}
	free(c);
	*lines = out;
	return nl;
}
