/* deck.c — a deck of slides (slides.h) as plain text pages and as Markdown
 * for presenterm and patat (see out.h). */
#include "anli/out.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/names.h"
#include "anli/slides.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void out_deck_dump(struct sbuf *o, const struct deck *d)
{
	for (int s = 0; s < d->nslides; s++) {
		slides_render(d, s, -1, o);
		if (d->footer_rows > 0) {
			/* the footer: the index title, n/N at the right */
			char right[32];
			snprintf(right, sizeof right, "%d/%d", s + 1, d->nslides);
			int rw = (int)strlen(right);
			struct sbuf t;
			sbuf_init(&t);
			slides_title(d, s, &t);
			int left = d->width - rw - 1;
			if (left > 0) {
				/* a title too long is cut with the cut mark */
				int cw = glyph_width(GLYPH_CUT);
				if (lay_strwidth(t.s, t.len) > left && left > cw) {
					out_text_cell(o, t.s, left - cw, 0);
					sbuf_adds(o, glyph(GLYPH_CUT));
					int used = 0;
					lay_fit(t.s, t.len, left - cw, &used);
					for (used += cw; used < left; used++)
						sbuf_addc(o, ' ');
				} else {
					out_text_cell(o, t.s, left, left);
				}
				sbuf_addc(o, ' ');
				sbuf_adds(o, right);
			} else {
				out_text_cell(o, right, d->width, 0);
			}
			sbuf_free(&t);
			for (int r = 0; r < d->footer_rows; r++)
				sbuf_addc(o, '\n');
		}
		sbuf_addc(o, '\f');
	}
}

/* Markdown text: what would start markup is escaped, and a line that would
 * open a list or a heading. */
static void md_text(struct sbuf *o, const char *s, size_t n)
{
	size_t i = 0;
	while (i < n && isdigit((unsigned char)s[i]))
		i++;
	if ((i > 0 && i < n && (s[i] == '.' || s[i] == ')')) || (n && strchr("-+=>", s[0])))
		sbuf_addc(o, '\\');
	for (i = 0; i < n; i++) {
		if (strchr("*_`[]<>#|\\~$", s[i]))
			sbuf_addc(o, '\\');
		sbuf_addc(o, s[i]);
	}
}

static void md_texts(struct sbuf *o, const char *s)
{
	size_t n;
	char *c = lay_sanitize(s, strlen(s), &n);
	md_text(o, c, n);
	free(c);
}

/* A YAML double-quoted scalar. */
static void yaml_str(struct sbuf *o, const char *key, const char *s)
{
	size_t n;
	char *c = lay_sanitize(s, strlen(s), &n);
	sbuf_printf(o, "%s: \"", key);
	for (size_t i = 0; i < n; i++) {
		if (c[i] == '"' || c[i] == '\\')
			sbuf_addc(o, '\\');
		sbuf_addc(o, c[i]);
	}
	sbuf_adds(o, "\"\n");
	free(c);
}

static void title_slide(struct sbuf *o, const struct slides_item *in, int with_title)
{
	const struct model_item *it = in->item;
	if ((in->chapter && *in->chapter) || (in->number && *in->number)) {
		struct sbuf t;
		sbuf_init(&t);
		if (in->chapter && *in->chapter)
			sbuf_adds(&t, in->chapter);
		if (in->chapter && *in->chapter && in->number && *in->number)
			sbuf_adds(&t, glyph(GLYPH_FIELD_SEP));
		if (in->number && *in->number)
			sbuf_adds(&t, in->number);
		md_texts(o, t.s);
		sbuf_adds(o, "\n\n");
		sbuf_free(&t);
	}
	if (!with_title)
		return;
	sbuf_adds(o, "# ");
	if (it->title && *it->title) {
		md_texts(o, it->title);
	} else {
		sbuf_adds(o, "*");
		md_texts(o, _("[title missing in the source]"));
		sbuf_adds(o, "*");
	}
	sbuf_adds(o, "\n\n");
	if (it->subtitle && *it->subtitle) {
		sbuf_adds(o, "## ");
		md_texts(o, it->subtitle);
		sbuf_adds(o, "\n\n");
	}
	struct sbuf by;
	sbuf_init(&by);
	names_byline(&by, it->org, it->author, it->role);
	if (by.len) {
		md_texts(o, by.s);
		sbuf_adds(o, "\n\n");
	}
	sbuf_free(&by);
}

/* A body slide: its heading, then each block's part on it, a paragraph each. */
static void body_slide(struct sbuf *o, const struct deck *d, int s)
{
	const struct slide *sl = &d->slide[s];
	const struct slides_src *src = &d->src[sl->item];
	int end = sl->first_line + sl->nlines;
	for (int i = sl->first_line; i < end;) {
		const struct slide_line *l = &d->line[i];
		if (l->block < 0) {
			/* chrome: the repeated heading, the 续 mark, a marker */
			if (l->role == SLIDE_HEADING_CONT) {
				const char *h = slides_heading(d, s);
				sbuf_adds(o, "## ");
				md_text(o, h ? h : "", h ? strlen(h) : 0);
				sbuf_printf(o, " %s\n\n", _("续"));
			} else if (l->role == SLIDE_CONT_MARK) {
				md_text(o, d->text + l->off, l->len);
			} else if (l->role == SLIDE_MISSING) {
				sbuf_adds(o, "*");
				md_text(o, d->text + l->off, l->len);
				sbuf_adds(o, "*\n\n");
			}
			i++;
			continue;
		}
		/* the lines of this block: its text from the first to the last */
		int k = l->block, role = l->role, j = i;
		size_t from = l->src_off, to = l->src_off + l->src_len;
		for (; j < end && d->line[j].block == k; j++)
			if (d->line[j].src_len)
				to = d->line[j].src_off + d->line[j].src_len;
		const char *t = src->text[k] + from;
		size_t n = to > from ? to - from : 0;
		switch (role) {
		case SLIDE_HEADING:
		case SLIDE_HEADING_MISSING:
			sbuf_adds(o, "## ");
			md_text(o, t, n);
			if (role == SLIDE_HEADING_MISSING) {
				sbuf_adds(o, " *");
				md_texts(o, _("[heading missing in the source]"));
				sbuf_adds(o, "*");
			}
			break;
		case SLIDE_SUBHEAD:
			sbuf_adds(o, "**");
			md_text(o, t, n);
			sbuf_adds(o, "**");
			break;
		case SLIDE_CAPTION:
			sbuf_adds(o, "*");
			if (from == 0)
				sbuf_adds(o, glyph(GLYPH_CAPTION));
			md_text(o, t, n);
			sbuf_adds(o, "*");
			break;
		default:
			md_text(o, t, n);
		}
		sbuf_adds(o, "\n\n");
		i = j;
	}
}

void out_deck_markdown(struct sbuf *o, const struct deck *d, const struct slides_item *items, int flavour)
{
	const struct slides_item *first = d->nitems ? &items[0] : NULL;
	sbuf_adds(o, "---\n");
	if (first) {
		const struct model_item *it = first->item;
		struct sbuf by;
		sbuf_init(&by);
		names_byline(&by, it->org, it->author, it->role);
		yaml_str(o, "title", it->title && *it->title ? it->title : _("[title missing in the source]"));
		if (flavour == OUT_DECK_PRESENTERM) {
			/* presenterm's introduction slide is the first title slide */
			if (it->subtitle && *it->subtitle)
				yaml_str(o, "sub_title", it->subtitle);
			struct sbuf ev;
			sbuf_init(&ev);
			if (first->chapter && *first->chapter)
				sbuf_adds(&ev, first->chapter);
			if (first->chapter && *first->chapter && first->number && *first->number)
				sbuf_adds(&ev, glyph(GLYPH_FIELD_SEP));
			if (first->number && *first->number)
				sbuf_adds(&ev, first->number);
			if (ev.len)
				yaml_str(o, "event", ev.s);
			sbuf_free(&ev);
		}
		if (by.len)
			yaml_str(o, "author", by.s);
		sbuf_free(&by);
	}
	/* pandoc (patat) ends its metadata block with "...", presenterm with "---" */
	sbuf_adds(o, flavour == OUT_DECK_PRESENTERM ? "---\n\n" : "...\n\n");
	int s0 = flavour == OUT_DECK_PRESENTERM && first ? 1 : 0;
	for (int s = s0; s < d->nslides; s++) {
		if (s > s0)
			sbuf_adds(o, flavour == OUT_DECK_PRESENTERM ? "<!-- end_slide -->\n\n" : "---\n\n");
		const struct slide *sl = &d->slide[s];
		if (sl->title_slide)
			title_slide(o, &items[sl->item], 1);
		else
			body_slide(o, d, s);
	}
}
