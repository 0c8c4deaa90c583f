/* doc.c — see doc.h */
#include "anli/doc.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/names.h"

#include <limits.h>
#include <stdlib.h>
#include <string.h>

struct builder {
	struct doc *d;
	struct sbuf text;
	int cap;
	int width;
};

static void add_line(struct builder *b, size_t off, size_t len, int width, int indent, int style, int block,
		     size_t block_off)
{
	struct doc *d = b->d;
	if (d->nlines == b->cap) {
		b->cap = b->cap ? b->cap * 2 : 64;
		d->line = xrealloc(d->line, sizeof *d->line * (size_t)b->cap);
	}
	struct doc_line *l = &d->line[d->nlines++];
	l->off = off;
	l->len = len;
	l->width = width;
	l->indent = (short)indent;
	l->style = (short)style;
	l->block = block;
	l->block_off = block_off;
}

static void blank(struct builder *b)
{
	if (b->d->nlines && b->d->line[b->d->nlines - 1].style != DOC_BLANK)
		add_line(b, b->text.len, 0, 0, 0, DOC_BLANK, -1, 0);
}

/* Append sanitized `s` (with an optional decoration) and wrap it. */
static void add_text(struct builder *b, const char *pre, const char *s, const char *post, int style, int block,
		     int indent)
{
	struct sbuf raw;
	sbuf_init(&raw);
	sbuf_adds(&raw, pre);
	sbuf_adds(&raw, s);
	sbuf_adds(&raw, post);
	size_t n;
	char *clean = lay_sanitize(raw.s, raw.len, &n);
	sbuf_free(&raw);
	size_t start = b->text.len;
	sbuf_addn(&b->text, clean, n);
	if (block >= 0) {
		b->d->block_start[block] = start;
		b->d->block_prefix[block] = strlen(pre);
	}
	if (block >= 0)
		b->d->block_first_line[block] = b->d->nlines;
	struct lay_line *ll;
	int width = b->width > 0 ? b->width : INT_MAX / 4;
	int nl = lay_wrap(clean, n, width, indent, &ll);
	for (int i = 0; i < nl; i++)
		add_line(b, start + ll[i].off, ll[i].len, ll[i].width, i == 0 ? indent : 0, style, block,
			 ll[i].off);
	free(ll);
	free(clean);
}

void doc_build(struct doc *d, const struct model_item *it, const struct model_block *blk, int nb, int width,
	       const char *missing_title, const char *missing_end)
{
	memset(d, 0, sizeof *d);
	struct builder b = {.d = d, .width = width};
	sbuf_init(&b.text);
	d->width = width;
	d->nblocks = nb;
	d->block_start = xcalloc((size_t)nb + 1, sizeof *d->block_start);
	d->block_first_line = xcalloc((size_t)nb + 1, sizeof *d->block_first_line);
	d->block_prefix = xcalloc((size_t)nb + 1, sizeof *d->block_prefix);
	int indent = width > 0 && width < 12 ? 0 : 4;
	const char *missing_heading = _("[heading missing in the source]");

	if (it->title)
		add_text(&b, "", it->title, "", DOC_TITLE, -1, 0);
	else if (it->title_missing)
		add_text(&b, "", missing_title ? missing_title : "[?]", "", DOC_MISSING, -1, 0);
	if (it->subtitle)
		add_text(&b, "", it->subtitle, "", DOC_SUBTITLE, -1, 0);
	struct sbuf by;
	sbuf_init(&by);
	names_byline(&by, it->org, it->author, it->role);
	if (by.len)
		add_text(&b, "", by.s, "", DOC_BYLINE, -1, 0);
	sbuf_free(&by);

	for (int i = 0; i < nb; i++) {
		const struct model_block *x = &blk[i];
		blank(&b);
		switch (x->kind) {
		case MODEL_HEADING:
			if (x->flag == MODEL_FLAG_MISSING) {
				struct sbuf post;
				sbuf_init(&post);
				sbuf_printf(&post, "%s %s", glyph(GLYPH_HEADING_CLOSE), missing_heading);
				add_text(&b, glyph(GLYPH_HEADING_OPEN), x->text, post.s, DOC_MISSING, i, 0);
				sbuf_free(&post);
			} else {
				add_text(&b, glyph(GLYPH_HEADING_OPEN), x->text, glyph(GLYPH_HEADING_CLOSE), DOC_HEADING, i,
					 0);
			}
			break;
		case MODEL_SUBHEAD:
			add_text(&b, "", x->text, "", DOC_SUBHEAD, i, 0);
			break;
		case MODEL_CAPTION:
			add_text(&b, glyph(GLYPH_CAPTION), x->text, "", DOC_CAPTION, i, 0);
			break;
		default:
			if (x->flag == MODEL_FLAG_SIGNATURE) {
				/* right-aligned where a width is known */
				int w = lay_strwidth(x->text, strlen(x->text));
				add_text(&b, "", x->text, "", DOC_PARA, i, width > w ? width - w : 0);
			} else {
				add_text(&b, "", x->text, "", DOC_PARA, i, indent);
			}
			break;
		}
	}
	if (it->end_missing) {
		blank(&b);
		add_text(&b, "", missing_end ? missing_end : "[?]", "", DOC_MISSING, -1, 0);
	}
	d->text = sbuf_take(&b.text);
}

void doc_free(struct doc *d)
{
	free(d->text);
	free(d->line);
	free(d->block_start);
	free(d->block_first_line);
	free(d->block_prefix);
	memset(d, 0, sizeof *d);
}

int doc_line_of(const struct doc *d, int block, size_t off)
{
	if (block < 0 || block >= d->nblocks)
		return -1;
	int best = -1;
	for (int i = d->block_first_line[block]; i < d->nlines && d->line[i].block == block; i++)
		if (d->line[i].block_off <= off)
			best = i;
	return best;
}
