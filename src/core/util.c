/* util.c — see util.h */
#include "anli/i18n.h"
#include "anli/util.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

int anli_err_set(struct anli_err *err, const char *fmt, ...)
{
	if (err) {
		va_list ap;
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof err->msg, fmt, ap);
		va_end(ap);
	}
	return -1;
}

static void oom(void)
{
	fputs("anli: out of memory\n", stderr);
	abort();
}

void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);
	if (!p)
		oom();
	return p;
}

void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);
	if (!p)
		oom();
	return p;
}

void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		oom();
	return p;
}

char *xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);
	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

void sbuf_init(struct sbuf *b)
{
	b->s = NULL;
	b->len = b->cap = 0;
}

void sbuf_free(struct sbuf *b)
{
	free(b->s);
	sbuf_init(b);
}

static void sbuf_grow(struct sbuf *b, size_t extra)
{
	if (b->len + extra + 1 <= b->cap)
		return;
	size_t cap = b->cap ? b->cap : 64;
	while (cap < b->len + extra + 1)
		cap *= 2;
	b->s = xrealloc(b->s, cap);
	b->cap = cap;
}

void sbuf_addn(struct sbuf *b, const char *s, size_t n)
{
	sbuf_grow(b, n);
	if (n)
		memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

void sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_addn(b, s, strlen(s));
}

void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_addn(b, &c, 1);
}

void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	sbuf_grow(b, (size_t)n);
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, (size_t)n + 1, fmt, ap);
	va_end(ap);
	b->len += (size_t)n;
}

char *sbuf_take(struct sbuf *b)
{
	char *s = b->s ? b->s : xstrdup("");
	sbuf_init(b);
	return s;
}

char *util_read_file(const char *path, size_t *len, struct anli_err *err)
{
	FILE *f = fopen(path, "rb");
	if (!f) {
		anli_err_set(err, _("%s: %s"), path, strerror(errno));
		return NULL;
	}
	struct sbuf b;
	sbuf_init(&b);
	char chunk[65536];
	size_t n;
	while ((n = fread(chunk, 1, sizeof chunk, f)) > 0)
		sbuf_addn(&b, chunk, n);
	if (ferror(f)) {
		anli_err_set(err, _("%s: read error: %s"), path, strerror(errno));
		fclose(f);
		sbuf_free(&b);
		return NULL;
	}
	fclose(f);
	if (len)
		*len = b.len;
	return sbuf_take(&b);
}

char *util_map_utf8(const char *s, size_t n, unsigned int (*map)(unsigned int), size_t *outlen)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addn(&b, "", 0);
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + i, n - i);
		uint8_t out[6];
		int k = u8_uctomb(out, map(c), sizeof out);
		if (k > 0)
			sbuf_addn(&b, (const char *)out, (size_t)k);
		i += (size_t)(l > 0 ? l : 1);
	}
	if (outlen)
		*outlen = b.len;
	return sbuf_take(&b);
}

size_t util_utf8_skip(const char *s, size_t cps)
{
	const uint8_t *p = (const uint8_t *)s;
	size_t i = 0;
	while (cps-- > 0 && p[i]) {
		ucs4_t c;
		/* a code point is at most 4 bytes: no need to know the length */
		size_t avail = 1;
		while (avail < 4 && p[i + avail])
			avail++;
		int l = u8_mbtouc(&c, p + i, avail);
		i += (size_t)(l > 0 ? l : 1);
	}
	return i;
}

int util_is_han(unsigned int cp)
{
	return (cp >= 0x3400 && cp <= 0x4DBF) || (cp >= 0x4E00 && cp <= 0x9FFF) ||
	       (cp >= 0xF900 && cp <= 0xFAFF) || (cp >= 0x20000 && cp <= 0x3FFFF);
}

void util_fnv64(unsigned long long *h, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
		*h ^= *p;
		*h *= 0x100000001b3ULL;
	}
	*h ^= 0xff; /* a separator no UTF-8 text holds */
	*h *= 0x100000001b3ULL;
}
