/* editbuf.c — the prompt's edit buffer (see include/anli/editbuf.h). */
#include "anli/editbuf.h"

#include "anli/util.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>

void eb_init(struct editbuf *b, int (*width)(unsigned int cp))
{
	memset(b, 0, sizeof *b);
	b->width = width;
	b->s = xcalloc(1, 1);
}

void eb_free(struct editbuf *b)
{
	free(b->cp);
	free(b->w);
	free(b->blen);
	free(b->s);
	memset(b, 0, sizeof *b);
}

int eb_insert(struct editbuf *b, unsigned int cp)
{
	if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0) || cp == 0xFFFD || cp > 0x10FFFF ||
	    (cp >= 0xD800 && cp < 0xE000) || b->n >= EB_MAX)
		return -1;
	uint8_t mb[6];
	int k = u8_uctomb(mb, cp, sizeof mb);
	if (k <= 0)
		return -1;
	if (b->n == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		b->cp = xrealloc(b->cp, b->cap * sizeof *b->cp);
		b->w = xrealloc(b->w, b->cap);
		b->blen = xrealloc(b->blen, b->cap);
		b->s = xrealloc(b->s, b->cap * 4 + 1);
	}
	int w = b->width ? b->width(cp) : 1;
	b->cp[b->n] = cp;
	b->w[b->n] = (unsigned char)(w < 0 ? 0 : w);
	b->blen[b->n] = (unsigned char)k;
	b->n++;
	memcpy(b->s + b->len, mb, (size_t)k);
	b->len += (size_t)k;
	b->s[b->len] = '\0';
	return 0;
}

int eb_backspace(struct editbuf *b)
{
	if (!b->n)
		return -1;
	b->n--;
	b->len -= b->blen[b->n];
	b->s[b->len] = '\0';
	return 0;
}

void eb_clear(struct editbuf *b)
{
	b->n = 0;
	b->len = 0;
	b->s[0] = '\0';
}

const char *eb_str(const struct editbuf *b)
{
	return b->s;
}

void eb_rewidth(struct editbuf *b)
{
	for (size_t i = 0; i < b->n; i++) {
		int w = b->width ? b->width(b->cp[i]) : 1;
		b->w[i] = (unsigned char)(w < 0 ? 0 : w);
	}
}

size_t eb_tail(const struct editbuf *b, int room, int *width, size_t *steps)
{
	size_t i = b->n, off = b->len;
	int used = 0;
	while (i > 0) {
		if (steps)
			(*steps)++;
		if (used + b->w[i - 1] > room)
			break;
		i--;
		used += b->w[i];
		off -= b->blen[i];
	}
	if (width)
		*width = used;
	return off;
}
