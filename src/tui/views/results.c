/* results.c — the results of a whole-book search, in the list pane's
 * place, grouped by item: a header row per item (number · title · count;
 * never selected), then a row per hit with a snippet, the hit
 * highlighted.  Choosing a chapter in the tree limits the rows to it.  Its
 * state is struct results_state (a->hitlist); selection and scrolling are
 * the shared list view's; the hits shown are loaded in update, before
 * drawing. */
#include "anli/view.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* The rows for the hits and the limit; the selection on the first hit. */
static void build(struct app *a)
{
	struct results_state *r = &a->hitlist;
	free(r->row);
	free(r->group);
	size_t cap = (size_t)a->res.n + (size_t)a->m->nitems + 1;
	r->row = xcalloc(cap, sizeof *r->row);
	r->group = xcalloc(cap, 1);
	int n = 0, prev = -1;
	for (int k = 0; k < a->res.n; k++) {
		int it = a->hits[k].item;
		if ((r->limit_chapter >= 0 && a->m->items[it].chapter != r->limit_chapter) ||
		    (r->limit_item >= 0 && it != r->limit_item))
			continue;
		if (it != prev) {
			r->row[n] = -1 - it;
			r->group[n++] = 1;
			prev = it;
		}
		r->row[n++] = k;
	}
	lv_reset(&r->lv, n, r->group, 0);
}

void tui_results_reset(struct app *a)
{
	a->hitlist.limit_chapter = a->hitlist.limit_item = -1;
	build(a);
}

void tui_results_limit(struct app *a, const struct tree_row *row)
{
	struct results_state *r = &a->hitlist;
	if (!a->results_shown)
		return;
	int ch = row->kind == ROW_CHAPTER ? row->chapter : -1;
	int it = row->kind == ROW_FOREWORD ? row->item : -1;
	if (ch == r->limit_chapter && it == r->limit_item)
		return;
	r->limit_chapter = ch;
	r->limit_item = it;
	build(a);
}

void tui_results_follow(struct app *a)
{
	struct results_state *r = &a->hitlist;
	if (!a->item_first || a->cur_match < 0)
		return;
	int hit = a->item_first[a->item] + a->cur_match;
	for (int i = 0; i < r->lv.n; i++)
		if (r->row[i] == hit) {
			r->lv.sel = i;
			return;
		}
}

/* The hits of the rows on screen (and their text) loaded. */
static void update(struct app *a, struct view *v)
{
	struct results_state *r = v->state;
	r->lv.per = 1;
	lv_keep_visible(&r->lv, v->h - 1);
	int lo = -1, hi = -1;
	for (int i = r->lv.top; i < r->lv.n && i - r->lv.top < v->h - 1; i++)
		if (r->row[i] >= 0) {
			if (lo < 0)
				lo = r->row[i];
			hi = r->row[i];
		}
	struct anli_err err;
	r->err[0] = '\0';
	if (lo >= 0 && search_load(a->m, &a->res, lo, hi - lo + 1, &err))
		snprintf(r->err, sizeof r->err, "%s", err.msg);
}

/* Where a snippet's context may start: not at a blank, nor at punctuation
 * that closes or separates (a snippet that starts with ，reads as broken),
 * nor at a combining mark.  s holds whole characters. */
static const char *snippet_start(const char *s)
{
	static const char *const skip = " \t、，。；：！？）】》」』〕〉”’·…—,.;:!?)]}";
	const uint8_t *p = (const uint8_t *)s;
	while (*p) {
		ucs4_t c;
		int k = u8_mbtouc(&c, p, strlen((const char *)p));
		if (k <= 0)
			break;
		char one[8];
		memcpy(one, p, (size_t)k);
		one[k] = '\0';
		if (!strstr(skip, one) && lay_cpwidth(c) > 0 && c != 0x3000)
			break;
		p += k;
	}
	return (const char *)p;
}

static void draw_header(const struct app *a, const struct view *v, int y, int item, int count)
{
	const struct model_item *it = &a->m->items[item];
	struct sbuf s, suf;
	sbuf_init(&s);
	sbuf_init(&suf);
	if (it->number)
		sbuf_printf(&s, "%d%s", it->number, glyph(GLYPH_FIELD_SEP));
	sbuf_adds(&s, it->title ? it->title : _("[title missing in the source]"));
	sbuf_adds(&suf, glyph(GLYPH_FIELD_SEP));
	sbuf_printf(&suf, ngettext("%d hit", "%d hits", (unsigned long)count), count);
	int sw = lay_strwidth(suf.s, suf.len);
	if (sw > v->w / 2) { /* narrow: the count alone */
		suf.len = 0;
		sbuf_adds(&suf, glyph(GLYPH_FIELD_SEP));
		sbuf_printf(&suf, "%d", count);
		sw = lay_strwidth(suf.s, suf.len);
	}
	wattrset(v->win, A_BOLD);
	int used = tui_put(v->win, y, 0, s.s, s.len, v->w - sw);
	wattrset(v->win, A_NORMAL);
	tui_put(v->win, y, used, suf.s, suf.len, v->w - used);
	sbuf_free(&s);
	sbuf_free(&suf);
}

static void draw_hit(const struct app *a, const struct view *v, int y, const struct search_hit *h, int sel)
{
	int focused = a->focus == PANE_LIST;
	/* the snippet: context, the hit in reverse (bold when selected), context */
	size_t ho, hl;
	int ctx = v->w / 3 > 4 ? v->w / 3 : 4;
	char *snip = search_snippet(h, ctx, &ho, &hl);
	char *pre = lay_sanitize(snip, ho, NULL), *hit = lay_sanitize(snip + ho, hl, NULL),
	     *post = lay_sanitize(snip + ho + hl, strlen(snip + ho + hl), NULL);
	/* keep the hit in view: the context before it at most a third of the
	 * row, cut at a character, then past any punctuation */
	const char *p = pre;
	int room = v->w - 2;
	while (*p && lay_strwidth(p, strlen(p)) > room / 3) {
		p++;
		while ((*p & 0xC0) == 0x80)
			p++;
	}
	p = snippet_start(p);
	wattrset(v->win, sel ? A_REVERSE | (focused ? A_BOLD : 0) : A_NORMAL);
	if (sel)
		mvwhline(v->win, y, 0, ' ', v->w);
	int x = 2;
	x += tui_put(v->win, y, x, p, strlen(p), v->w - x);
	wattrset(v->win, (sel ? A_NORMAL : A_REVERSE) | A_BOLD);
	x += tui_put(v->win, y, x, hit, strlen(hit), v->w - x);
	wattrset(v->win, sel ? A_REVERSE | (focused ? A_BOLD : 0) : A_NORMAL);
	tui_put(v->win, y, x, post, strlen(post), v->w - x);
	wattrset(v->win, A_NORMAL);
	free(pre);
	free(hit);
	free(post);
	free(snip);
}

static void draw(const struct app *a, const struct view *v)
{
	const struct results_state *r = v->state;
	werase(v->win);
	int focused = a->focus == PANE_LIST;
	struct sbuf s;
	sbuf_init(&s);
	int items = 0, n = 0;
	for (int i = 0; i < r->lv.n; i++) {
		items += r->group[i];
		n += !r->group[i];
	}
	sbuf_printf(&s, ngettext("“%s”: %d hit", "“%s”: %d hits", (unsigned long)n), a->squery ? a->squery : "", n);
	sbuf_printf(&s, ngettext(" in %d item", " in %d items", (unsigned long)items), items);
	if (r->limit_chapter >= 0) {
		sbuf_adds(&s, glyph(GLYPH_FIELD_SEP));
		model_chapter_label(&a->m->chapters[r->limit_chapter], &s);
	} else if (r->limit_item >= 0) {
		const struct model_item *it = &a->m->items[r->limit_item];
		sbuf_adds(&s, glyph(GLYPH_FIELD_SEP));
		sbuf_adds(&s, it->title ? it->title : _("Foreword"));
	}
	tui_title(a, v->win, focused, s.s, s.len, 0); /* the focus mark, as every pane */
	sbuf_free(&s);
	if (r->err[0]) {
		tui_put(v->win, 1, 1, r->err, strlen(r->err), v->w - 1);
		return;
	}
	for (int i = r->lv.top; i < r->lv.n && i - r->lv.top < v->h - 1; i++) {
		int y = 1 + i - r->lv.top;
		if (r->row[i] < 0) {
			int item = -1 - r->row[i];
			int count = 0; /* the rows after it are its hits, all of them */
			for (int k = i + 1; k < r->lv.n && r->row[k] >= 0; k++)
				count++;
			draw_header(a, v, y, item, count);
		} else {
			draw_hit(a, v, y, &a->hits[r->row[i]], i == r->lv.sel);
		}
	}
	if (r->lv.n == 0) {
		const char *none = _("nothing found");
		tui_put(v->win, 1, 1, none, strlen(none), v->w - 1);
	}
}

static void open_row(struct app *a, struct results_state *r, int i)
{
	if (!lv_selectable(&r->lv, i))
		return;
	r->lv.sel = i;
	tui_open_hit(a, r->row[i]);
}

static int request(struct app *a, struct view *v, enum request req)
{
	struct results_state *r = v->state;
	r->lv.per = 1;
	if (lv_move(&r->lv, req, v->h - 1))
		return 1;
	switch (req) {
	case REQ_ENTER:
		if (lv_selectable(&r->lv, r->lv.sel)) {
			open_row(a, r, r->lv.sel);
			a->focus = PANE_DETAIL;
		}
		return 1;
	default:
		return 0;
	}
}

static void click(struct app *a, struct view *v, int y, int x)
{
	(void)x;
	struct results_state *r = v->state;
	r->lv.per = 1;
	open_row(a, r, y >= 1 ? lv_at(&r->lv, y - 1) : -1);
}

static void wheel(struct app *a, struct view *v, int dir)
{
	(void)a;
	struct results_state *r = v->state;
	lv_wheel(&r->lv, dir);
}

const struct view_ops view_results_ops = {"results", update, draw, request, click, wheel};
