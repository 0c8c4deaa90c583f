/* markdown.c — the Markdown device (see out.h) */
#include "anli/out.h"

#include "anli/addr.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdlib.h>
#include <string.h>

/* Escape only what would start markup at a line start or inside emphasis;
 * control characters and invalid UTF-8 become visible stand-ins. */
static void md_escape(struct sbuf *o, const char *raw)
{
	char *clean = lay_sanitize(raw, strlen(raw), NULL);
	for (const char *s = clean; *s; s++) {
		if (strchr("*_`[]<>#|\\", *s))
			sbuf_addc(o, '\\');
		sbuf_addc(o, *s);
	}
	free(clean);
}

/* One block as Markdown, without the blank line after it. */
static void md_block(struct sbuf *o, const struct model_block *b, int nb, int i, int numbered)
{
	switch (b[i].kind) {
	case MODEL_HEADING:
		sbuf_adds(o, "### ");
		md_escape(o, b[i].text);
		break;
	case MODEL_SUBHEAD:
		sbuf_adds(o, "**");
		md_escape(o, b[i].text);
		sbuf_adds(o, "**");
		break;
	case MODEL_CAPTION:
		sbuf_adds(o, "*▲ ");
		md_escape(o, b[i].text);
		sbuf_adds(o, "*");
		break;
	default:
		if (numbered)
			sbuf_printf(o, "¶%d ", addr_para_number(b, nb, i));
		md_escape(o, b[i].text);
	}
}

void out_markdown_show(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb)
{
	out_markdown_show_ex(o, it, b, nb, -1, 0);
}

void out_markdown_show_ex(struct sbuf *o, const struct model_item *it, const struct model_block *b, int nb, int only,
			  int numbered)
{
	if (only >= 0 && only < nb) {
		md_block(o, b, nb, only, numbered);
		sbuf_addc(o, '\n');
		return;
	}
	sbuf_adds(o, "# ");
	if (it->title)
		md_escape(o, it->title);
	else
		sbuf_adds(o, _("[title missing in the source]"));
	sbuf_adds(o, "\n\n");
	if (it->subtitle) {
		sbuf_adds(o, "## ");
		md_escape(o, it->subtitle);
		sbuf_adds(o, "\n\n");
	}
	struct sbuf by;
	sbuf_init(&by);
	model_byline(it, &by);
	if (by.len) {
		md_escape(o, by.s);
		sbuf_adds(o, "\n\n");
	}
	sbuf_free(&by);
	for (int i = 0; i < nb; i++) {
		md_block(o, b, nb, i, numbered);
		sbuf_adds(o, "\n\n");
	}
	if (it->end_missing) {
		sbuf_adds(o, "*");
		sbuf_adds(o, _("[the rest is missing in the source]"));
		sbuf_adds(o, "*\n");
	}
}
