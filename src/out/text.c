/* text.c — the plain-text device (see out.h) */
#include "anli/out.h"

#include "anli/doc.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdlib.h>
#include <string.h>

void out_text_show(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb, int width)
{
	struct doc d;
	doc_build(&d, it, b, nb, width, _("[title missing in the source]"), _("[the rest is missing in the source]"));
	for (int i = 0; i < d.nlines; i++) {
		const struct doc_line *l = &d.line[i];
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
