/* text.c — the plain-text device (see out.h) */
#include "anli/out.h"

#include "anli/addr.h"
#include "anli/doc.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdlib.h>
#include <string.h>

void out_text_show(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb, int width)
{
	out_text_show_ex(o, it, b, nb, width, -1, 0);
}

void out_text_show_ex(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb, int width,
		      int only, int numbered)
{
	/* one block: laid out alone, without the item's title and byline */
	struct model_item bare;
	const struct model_block *lb = b;
	int lnb = nb, base = 0;
	if (only >= 0 && only < nb) {
		memset(&bare, 0, sizeof bare);
		it = &bare;
		lb = b + only;
		lnb = 1;
		base = only;
	}
	/* the gutter: the paragraph number right-aligned, then a blank */
	int gutter = 0;
	if (numbered) {
		int max = addr_para_count(b, nb), digits = 1;
		for (; max >= 10; max /= 10)
			digits++;
		gutter = digits + 1;
		if (width > 0)
			width = width - gutter >= 4 ? width - gutter : 4;
	}
	struct doc d;
	doc_build(&d, it, lb, lnb, width, _("[title missing in the source]"), _("[the rest is missing in the source]"));
	for (int i = 0; i < d.nlines; i++) {
		const struct doc_line *l = &d.line[i];
		if (gutter && (l->len || l->indent)) {
			int k = l->block >= 0 && d.block_first_line[l->block] == i
					? addr_para_number(b, nb, base + l->block)
					: 0;
			if (k)
				sbuf_printf(o, "%*d ", gutter - 1, k);
			else
				sbuf_printf(o, "%*s", gutter, "");
		}
		for (int k = 0; k < l->indent / 2; k++)
			sbuf_adds(o, "\u3000"); /* ideographic space: 2 columns */
		if (l->indent % 2)
			sbuf_addc(o, ' ');
		sbuf_addn(o, d.text + l->off, l->len);
		sbuf_addc(o, '\n');
	}
	doc_free(&d);
}

void out_text_cell(struct sbuf *o, const char *s, int width, int pad)
{
	size_t n;
	char *clean = lay_sanitize(s, strlen(s), &n);
	int used;
	size_t fit = lay_fit(clean, n, width, &used);
	sbuf_addn(o, clean, fit);
	for (int k = used; k < pad; k++)
		sbuf_addc(o, ' ');
	free(clean);
}
