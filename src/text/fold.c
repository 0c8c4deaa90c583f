/* fold.c — see fold.h */
#include "anli/fold.h"

#include "anli/util.h"

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unistr.h>

static unsigned int fold_cp(unsigned int c)
{
	if (c >= 0xFF01 && c <= 0xFF5E)
		c -= 0xFEE0; /* full-width ASCII */
	else if (c == 0x3000)
		c = ' ';
	else if (c == 0xFF61)
		c = 0x3002; /* halfwidth ideographic full stop → 。 */
	else if (c == 0xFF64)
		c = 0x3001; /* halfwidth ideographic comma → 、 */
	else if (c == 0xFF62)
		c = 0x300C;
	else if (c == 0xFF63)
		c = 0x300D;
	if (c >= 'A' && c <= 'Z')
		c += 'a' - 'A';
	else if (c >= 0xC0 && c < 0x530)
		c = uc_tolower(c); /* Latin, Greek, Cyrillic: still one code point */
	return c;
}

char *fold_text(const char *s, size_t n)
{
	return util_map_utf8(s, n, fold_cp, NULL);
}

size_t fold_map_offset(const char *orig, const char *folded, size_t foff)
{
	size_t cps = u8_mbsnlen((const uint8_t *)folded, foff);
	const uint8_t *p = (const uint8_t *)orig;
	size_t n = strlen(orig), i = 0;
	while (cps-- > 0 && i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + i, n - i);
		i += (size_t)(l > 0 ? l : 1);
	}
	return i;
}

void fold_cursor_init(struct fold_cursor *c, const char *orig, const char *folded)
{
	c->orig = orig;
	c->folded = folded;
	c->olen = strlen(orig);
	c->o = c->f = 0;
}

size_t fold_cursor_map(struct fold_cursor *c, size_t foff)
{
	if (foff < c->f)
		c->o = c->f = 0;
	/* code points between the last folded offset and this one, then as
	 * many code points on in orig (decoded as fold_text decoded it) */
	size_t cps = u8_mbsnlen((const uint8_t *)c->folded + c->f, foff - c->f);
	const uint8_t *p = (const uint8_t *)c->orig;
	while (cps-- > 0 && c->o < c->olen) {
		ucs4_t u;
		int l = u8_mbtouc(&u, p + c->o, c->olen - c->o);
		c->o += (size_t)(l > 0 ? l : 1);
	}
	c->f = foff;
	return c->o;
}

int fold_split_terms(const char *query, struct fold_terms *t)
{
	static const char blank[] = " \t\n\r\f\v";
	t->n = 0;
	t->buf = fold_text(query, strlen(query));
	char *p = t->buf;
	for (;;) {
		p += strspn(p, blank);
		if (!*p)
			break;
		size_t len = strcspn(p, blank);
		int end = p[len] == '\0';
		p[len] = '\0';
		int dup = 0;
		for (int k = 0; k < t->n && !dup; k++)
			dup = !strcmp(t->term[k], p);
		if (!dup) {
			if (t->n == FOLD_MAX_TERMS) {
				t->n = 0;
				return -1;
			}
			t->term[t->n++] = p;
		}
		if (end)
			break;
		p += len + 1;
	}
	return 0;
}

void fold_terms_free(struct fold_terms *t)
{
	free(t->buf);
	t->buf = NULL;
	t->n = 0;
}
