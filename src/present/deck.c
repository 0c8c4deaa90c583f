/* deck.c — a built deck (see slides.h): finding a slide, sections, index
 * titles, the plain-text rendering, and the option values of `anli
 * present` (durations, sizes). */
#include "anli/slides.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

int slides_find(const struct deck *d, int item, int block, size_t off)
{
	if (item < 0 || item >= d->nitems)
		return -1;
	const struct slides_src *src = &d->src[item];
	int first = src->first_slide, last = first + src->nslides - 1;
	if (block < 0)
		return first;
	int best = -1, after = -1;
	for (int s = first; s <= last; s++) {
		const struct slide *sl = &d->slide[s];
		for (int i = sl->first_line; i < sl->first_line + sl->nlines; i++) {
			const struct slide_line *l = &d->line[i];
			if (l->block == block && l->src_off <= off && (best < 0 || l->src_len))
				best = s;
			else if (l->block > block && after < 0)
				after = s;
		}
	}
	if (best >= 0)
		return best;
	return after >= 0 ? after : last;
}

static int same_section(const struct deck *d, int a, int b)
{
	const struct slide *x = &d->slide[a], *y = &d->slide[b];
	return x->item == y->item && x->section == y->section && x->title_slide == y->title_slide;
}

int slides_section_first(const struct deck *d, int s)
{
	if (s < 0 || s >= d->nslides)
		return -1;
	while (s > 0 && same_section(d, s - 1, s))
		s--;
	return s;
}

int slides_section_next(const struct deck *d, int s)
{
	if (s < 0 || s >= d->nslides)
		return -1;
	int t = s;
	while (t < d->nslides && same_section(d, s, t))
		t++;
	return t < d->nslides ? t : -1;
}

int slides_section_prev(const struct deck *d, int s)
{
	int f = slides_section_first(d, s);
	return f > 0 ? slides_section_first(d, f - 1) : -1;
}

const char *slides_heading(const struct deck *d, int s)
{
	if (s < 0 || s >= d->nslides)
		return NULL;
	const struct slide *sl = &d->slide[s];
	if (sl->title_slide)
		return NULL;
	int f = slides_section_first(d, s);
	const struct slide *fs = &d->slide[f];
	for (int i = fs->first_line; i < fs->first_line + fs->nlines; i++) {
		const struct slide_line *l = &d->line[i];
		if (l->role == SLIDE_HEADING || l->role == SLIDE_HEADING_MISSING)
			return d->src[sl->item].text[l->block];
	}
	return NULL;
}

void slides_title_fit(const struct deck *d, int s, int width, struct sbuf *out)
{
	if (s < 0 || s >= d->nslides)
		return;
	const struct slide *sl = &d->slide[s];
	const char *sep = glyph(GLYPH_FIELD_SEP);
	/* what follows the item's short title */
	struct sbuf tail;
	sbuf_init(&tail);
	if (sl->title_slide) {
		sbuf_printf(&tail, "%s%s", sep, _("title"));
	} else {
		const char *h = slides_heading(d, s);
		if (h)
			sbuf_printf(&tail, "%s%s", sep, h);
		int f = slides_section_first(d, s), nx = slides_section_next(d, s);
		if ((nx < 0 ? d->nslides : nx) - f > 1)
			sbuf_printf(&tail, "%s%d", sep, sl->n_in_section);
	}
	const char *st = d->src[sl->item].short_title;
	size_t n = strlen(st);
	int tw = tail.len ? lay_strwidth(tail.s, tail.len) : 0, sw = lay_strwidth(st, n);
	if (width > 0 && sw + tw > width) {
		/* narrow: the item's title is cut first (to 4 columns at least) */
		const char *cut = glyph(GLYPH_CUT);
		int room = width - tw - glyph_width(GLYPH_CUT), used = 0;
		if (room < 4)
			room = 4;
		size_t k = lay_fit(st, n, room, &used);
		sbuf_addn(out, st, k);
		if (k < n)
			sbuf_adds(out, cut);
	} else {
		sbuf_addn(out, st, n);
	}
	if (tail.len)
		sbuf_addn(out, tail.s, tail.len);
	sbuf_free(&tail);
}

void slides_title(const struct deck *d, int s, struct sbuf *out)
{
	slides_title_fit(d, s, 0, out);
}

void slides_render(const struct deck *d, int s, int step, struct sbuf *out)
{
	if (s < 0 || s >= d->nslides)
		return;
	const struct slide *sl = &d->slide[s];
	int i = sl->first_line, end = sl->first_line + sl->nlines;
	for (int y = 0; y < d->body_rows; y++) {
		int col = 0;
		for (; i < end && d->line[i].y == y; i++) {
			const struct slide_line *l = &d->line[i];
			if (step >= 0 && l->step > step)
				continue;
			for (; col < l->x; col++)
				sbuf_addc(out, ' ');
			sbuf_addn(out, d->text + l->off, l->len);
			col += l->width;
		}
		sbuf_addc(out, '\n');
	}
}

int present_parse_duration(const char *s)
{
	if (!s || !*s)
		return -1;
	long total = 0;
	int parts = 0;
	const char *p = s;
	while (*p) {
		if (!isdigit((unsigned char)*p))
			return -1;
		errno = 0;
		char *end;
		long n = strtol(p, &end, 10);
		if (errno || n > 24L * 3600)
			return -1;
		long unit;
		switch (*end) {
		case 'h':
			unit = 3600;
			break;
		case 'm':
			unit = 60;
			break;
		case 's':
			unit = 1;
			break;
		case '\0':
			if (parts)
				return -1; /* "1h30" */
			unit = 60;     /* a bare number: minutes */
			end--;
			break;
		default:
			return -1;
		}
		total += n * unit;
		if (total > 24L * 3600)
			return -1;
		p = end + 1;
		parts++;
	}
	return total >= 1 ? (int)total : -1;
}

int present_parse_size(const char *s, int *w, int *h)
{
	if (!s)
		return -1;
	const char *sep = strchr(s, 'x');
	size_t seplen = 1;
	if (!sep) {
		sep = strstr(s, "×");
		seplen = strlen("×");
	}
	if (!sep)
		sep = strchr(s, 'X');
	if (!sep || sep == s)
		return -1;
	long v[2];
	const char *part[2] = {s, sep + seplen};
	for (int i = 0; i < 2; i++) {
		const char *p = part[i];
		if (!isdigit((unsigned char)*p))
			return -1;
		errno = 0;
		char *end;
		v[i] = strtol(p, &end, 10);
		if (errno || v[i] < 1 || v[i] > 10000 || (i == 0 ? end != sep : *end != '\0'))
			return -1;
	}
	*w = (int)v[0];
	*h = (int)v[1];
	return 0;
}
