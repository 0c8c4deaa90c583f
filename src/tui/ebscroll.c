/* ebscroll.c — a field's horizontal scroll kept between keys (editbuf.h:
 * eb_scroll, eb_view): the shown part moves only when the cursor comes
 * within a margin of its edges, so moving back from the end does not
 * scroll the whole text on every key.  Pure: no I/O, no curses. */
#include "anli/editbuf.h"

/* Columns of characters [from, to). */
static int cols(const struct editbuf *b, size_t from, size_t to)
{
	int w = 0;
	for (size_t i = from; i < to; i++)
		w += b->w[i];
	return w;
}

size_t eb_scroll(const struct editbuf *b, size_t first, int room, int margin)
{
	if (room < 1)
		return b->cur;
	if (margin > (room - 1) / 4)
		margin = (room - 1) / 4; /* a narrow field: less margin, the cursor still shown */
	if (margin < 0)
		margin = 0;
	if (cols(b, 0, b->n) + 1 <= room)
		return 0; /* all of it fits, with the cell at its end */
	int cw = b->cur < b->n && b->w[b->cur] ? b->w[b->cur] : 1;
	if (first > b->cur)
		first = b->cur;
	int before = cols(b, first, b->cur);
	/* the left edge: `margin` columns before the cursor (as many as there are) */
	while (first > 0 && before < margin) {
		first--;
		before += b->w[first];
	}
	/* the right edge: the cursor's cell and `margin` columns after it */
	int after = b->cur < b->n ? cols(b, b->cur + 1, b->n) : 0;
	if (after > margin)
		after = margin;
	while (first < b->cur && before + cw + after > room) {
		before -= b->w[first];
		first++;
	}
	/* no blank on the right while text is cut off on the left (after a
	 * deletion at the end): the end's cell kept for the cursor */
	int tail = cols(b, first, b->n);
	while (first > 0 && tail + b->w[first - 1] + 1 <= room) {
		first--;
		tail += b->w[first];
	}
	while (first < b->cur && b->w[first] == 0)
		first++; /* a mark whose character is cut off */
	return first;
}

size_t eb_view(const struct editbuf *b, size_t first, int room, size_t *nbytes, int *cursor_col)
{
	int cw = b->cur < b->n && b->w[b->cur] ? b->w[b->cur] : 1;
	if (first > b->cur)
		first = b->cur;
	int before = cols(b, first, b->cur);
	if (before + cw > room) /* not scrolled for this room (eb_scroll): around the cursor */
		return eb_window(b, room, nbytes, cursor_col, NULL);
	size_t off = 0;
	for (size_t i = 0; i < first; i++)
		off += b->blen[i];
	size_t end = first, end_off = off;
	int used = 0;
	while (end < b->n && used + b->w[end] <= room) {
		used += b->w[end];
		end_off += b->blen[end];
		end++;
	}
	while (end < b->n && b->w[end] == 0) { /* a character's marks with it */
		end_off += b->blen[end];
		end++;
	}
	if (nbytes)
		*nbytes = end_off - off;
	if (cursor_col)
		*cursor_col = before;
	return off;
}
