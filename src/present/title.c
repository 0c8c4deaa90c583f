/* title.c — an item's title slide (slides.h): chapter, number, title,
 * subtitle and byline, centred, what does not fit dropped (blanks first). */
#include "piece.h"

#include "anli/names.h"

#include <stdlib.h>
#include <string.h>

struct tline {
	const char *s;
	int role;
	int prio; /* dropped first: the highest */
};

void bld_title_slide(struct bld *b, const struct slides_item *in)
{
	const struct model_item *it = in->item;
	struct sbuf by;
	sbuf_init(&by);
	names_byline(&by, it->org, it->author, it->role);
	/* the parts in order, a NULL s a blank row */
	struct tline part[9];
	int np = 0;
	if (in->chapter && *in->chapter)
		part[np++] = (struct tline){in->chapter, SLIDE_CHAPTER, 3};
	if (in->number && *in->number)
		part[np++] = (struct tline){in->number, SLIDE_NUMBER, 2};
	if (np)
		part[np++] = (struct tline){NULL, 0, 5};
	if (it->title && *it->title)
		part[np++] = (struct tline){it->title, SLIDE_TITLE, 0};
	else
		part[np++] = (struct tline){b->miss_title, SLIDE_MISSING, 0};
	if (it->subtitle && *it->subtitle)
		part[np++] = (struct tline){it->subtitle, SLIDE_SUBTITLE, 1};
	if (by.len) {
		part[np++] = (struct tline){NULL, 0, 4};
		part[np++] = (struct tline){by.s, SLIDE_ORG, 1};
	}
	/* wrap them; drop what does not fit, blanks first */
	char *clean[9];
	struct lay_line *ll[9];
	int nl[9], total = 0;
	for (int i = 0; i < np; i++) {
		clean[i] = NULL;
		ll[i] = NULL;
		if (!part[i].s) {
			nl[i] = 1;
		} else {
			size_t n;
			clean[i] = lay_sanitize(part[i].s, strlen(part[i].s), &n);
			nl[i] = piece_wrap(b, clean[i], n, 0, &ll[i]);
		}
		total += nl[i];
	}
	int body = b->d->body_rows;
	for (int prio = 5; prio >= 1 && total > body; prio--)
		for (int i = np - 1; i >= 0 && total > body; i--)
			if (part[i].prio == prio && nl[i] > 0) {
				total -= nl[i];
				nl[i] = 0;
			}
	int y = total < body ? (body - total) / 2 : 0;
	for (int i = 0; i < np; i++) {
		for (int j = 0; j < nl[i] && y < body; j++, y++) {
			if (!part[i].s)
				continue;
			int w = ll[i][j].width, x = b->d->col_x + (b->d->col_width > w ? (b->d->col_width - w) / 2 : 0);
			bld_line(b, clean[i] + ll[i][j].off, ll[i][j].len, y, x, w, part[i].role, -1, 0, 0, 0);
		}
		free(clean[i]);
		free(ll[i]);
	}
	sbuf_free(&by);
}
