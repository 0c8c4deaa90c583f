/* fold.c — see fold.h */
#include "anli/fold.h"

#include "anli/util.h"

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
