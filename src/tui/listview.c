/* listview.c — the shared list behaviour (see include/anli/listview.h). */
#include "anli/listview.h"

static int per(const struct listview *lv)
{
	return lv->per > 0 ? lv->per : 1;
}

int lv_selectable(const struct listview *lv, int i)
{
	return i >= 0 && i < lv->n && !(lv->group && lv->group[i]);
}

/* The selectable entry nearest to i in direction dir (+1, -1), i included;
 * -1 if none. */
static int seek(const struct listview *lv, int i, int dir)
{
	for (; i >= 0 && i < lv->n; i += dir)
		if (lv_selectable(lv, i))
			return i;
	return -1;
}

void lv_select(struct listview *lv, int i)
{
	if (i >= lv->n)
		i = lv->n - 1;
	if (i < 0)
		i = 0;
	int s = seek(lv, i, 1);
	lv->sel = s >= 0 ? s : seek(lv, i, -1);
}

void lv_reset(struct listview *lv, int n, const unsigned char *group, int sel)
{
	lv->n = n;
	lv->group = group;
	lv->top = 0;
	lv_select(lv, sel);
}

int lv_move(struct listview *lv, enum request r, int rows)
{
	int page = rows / per(lv);
	if (page < 1)
		page = 1;
	int i = lv->sel, dir;
	switch (r) {
	case REQ_UP: i--; dir = -1; break;
	case REQ_DOWN: i++; dir = 1; break;
	case REQ_PAGE_UP: i -= page; dir = -1; break;
	case REQ_PAGE_DOWN: i += page; dir = 1; break;
	case REQ_HALF_UP: i -= (page + 1) / 2; dir = -1; break;
	case REQ_HALF_DOWN: i += (page + 1) / 2; dir = 1; break;
	case REQ_HOME: i = 0; dir = 1; break;
	case REQ_END: i = lv->n - 1; dir = -1; break;
	default: return 0;
	}
	if (lv->sel < 0) {
		lv_select(lv, 0);
		return 1;
	}
	if (i >= lv->n)
		i = lv->n - 1;
	if (i < 0)
		i = 0;
	int s = seek(lv, i, dir);
	if (s < 0)
		s = seek(lv, i, -dir); /* past the last selectable entry: the last one */
	if (s >= 0)
		lv->sel = s;
	return 1;
}

void lv_keep_visible(struct listview *lv, int rows)
{
	int shown = rows / per(lv);
	if (shown < 1)
		shown = 1;
	if (lv->sel >= 0) {
		int first = lv->sel;
		if (first > 0 && lv->group && lv->group[first - 1] && shown > 1)
			first--; /* the selection's group heading with it */
		if (first < lv->top)
			lv->top = first;
		if (lv->sel >= lv->top + shown)
			lv->top = lv->sel - shown + 1;
	}
	if (lv->top > lv->n - shown)
		lv->top = lv->n - shown;
	if (lv->top < 0)
		lv->top = 0;
}

int lv_at(const struct listview *lv, int y)
{
	if (y < 0)
		return -1;
	int i = lv->top + y / per(lv);
	return i < lv->n ? i : -1;
}

void lv_wheel(struct listview *lv, int dir)
{
	lv_move(lv, dir > 0 ? REQ_DOWN : REQ_UP, 1);
}
