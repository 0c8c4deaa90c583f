/* tui.c — the full-screen reader: panes, layout, the main loop. */
#include "anli/tui.h"

#include "anli/cli.h"
#include "anli/draw.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/view.h"

#include <langinfo.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <term.h>
#include <wchar.h>

#define MIN_COLS 40
#define MIN_ROWS 10
/* pane widths: from 120 columns, from 100 columns, from 60 columns (tree toggled on) */
#define TREE_W(c) ((c) >= 120 ? 30 : (c) >= 100 ? 26 : 20)
#define LIST_W(c, tree) ((c) >= 120 ? 34 : (c) >= 100 ? 30 : (tree) ? 24 : 30)

const char *tui_collection_label(const struct app *a, int coll)
{
	const struct model_collection *c = &a->m->collections[coll];
	if (c->title)
		return c->title;
	if (!strcmp(c->id, "leaders"))
		return _("Leaders' articles");
	return c->id;
}

int tui_put(WINDOW *w, int y, int x, const char *raw, size_t rawn, int width)
{
	if (width <= 0)
		return 0;
	/* nothing from the data reaches the terminal unsanitized */
	size_t n;
	char *s = lay_sanitize(raw, rawn, &n);
	int used = draw_text(w, y, x, s, n, width);
	free(s);
	return used;
}

int tui_list_move(int *sel, int n, int page, enum request r)
{
	int i = *sel;
	switch (r) {
	case REQ_UP: i--; break;
	case REQ_DOWN: i++; break;
	case REQ_PAGE_UP: i -= page; break;
	case REQ_PAGE_DOWN: i += page; break;
	case REQ_HOME: i = 0; break;
	case REQ_END: i = n - 1; break;
	default: return 0;
	}
	if (i >= n)
		i = n - 1;
	if (i < 0)
		i = 0;
	*sel = i;
	return 1;
}

void tui_rebuild_tree(struct app *a)
{
	const struct model *m = a->m;
	free(a->rows_tree);
	a->rows_tree = xcalloc((size_t)(m->ncollections + m->nchapters + m->nitems + 1), sizeof *a->rows_tree);
	a->ntree = 0;
	for (int c = 0; c < m->ncollections; c++) {
		a->rows_tree[a->ntree++] = (struct tree_row){ROW_COLLECTION, c, -1, -1};
		if (!a->expanded[c])
			continue;
		for (int i = 0; i < m->nitems; i++)
			if (!strcmp(m->items[i].kind, "foreword") &&
			    !strcmp(m->items[i].collection_id, m->collections[c].id))
				a->rows_tree[a->ntree++] = (struct tree_row){ROW_FOREWORD, c, -1, i};
		for (int k = 0; k < m->nchapters; k++)
			if (!strcmp(m->chapters[k].collection_id, m->collections[c].id))
				a->rows_tree[a->ntree++] = (struct tree_row){ROW_CHAPTER, c, k, -1};
	}
	if (a->tree_sel >= a->ntree)
		a->tree_sel = a->ntree - 1;
}

void tui_select_row(struct app *a, int row)
{
	const struct model *m = a->m;
	if (row < 0 || row >= a->ntree)
		return; /* no such row (a database without collections has none) */
	a->tree_sel = row;
	const struct tree_row *r = &a->rows_tree[row];
	free(a->list_items);
	a->list_items = xcalloc((size_t)m->nitems, sizeof *a->list_items);
	a->nlist = 0;
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		int in = r->kind == ROW_FOREWORD   ? i == r->item
			 : r->kind == ROW_CHAPTER ? it->chapter == r->chapter
						  : !strcmp(it->collection_id, m->collections[r->coll].id);
		if (in)
			a->list_items[a->nlist++] = i;
	}
	a->list_sel = 0;
	for (int k = 0; k < a->nlist; k++)
		if (a->list_items[k] == a->item)
			a->list_sel = k;
	a->view[PANE_LIST].top = 0;
}

void tui_set_top(struct app *a, int top)
{
	a->dtop = top;
	a->anchor_block = -1;
	a->anchor_off = 0;
	if (top > 0 && top < a->doc.nlines) {
		a->anchor_block = a->doc.line[top].block;
		a->anchor_off = a->doc.line[top].block_off;
		/* on a blank line, the block below */
		for (int k = top; a->anchor_block < 0 && k < a->doc.nlines; k++)
			if (a->doc.line[k].block >= 0) {
				a->anchor_block = a->doc.line[k].block;
				a->anchor_off = 0;
			}
	}
}

static int detail_width(const struct app *a)
{
	int w = a->view[PANE_DETAIL].w - (a->zoom ? 1 : 2);
	return w < 4 ? 4 : w;
}

void tui_layout_doc(struct app *a)
{
	int w = detail_width(a);
	if (a->doc.text && a->doc_width == w)
		return;
	doc_free(&a->doc);
	doc_build(&a->doc, &a->m->items[a->item], a->blocks, a->nblocks, w, _("[title missing in the source]"),
		  _("[the rest is missing in the source]"));
	a->doc_width = w;
	int line = a->anchor_block >= 0 ? doc_line_of(&a->doc, a->anchor_block, a->anchor_off) : 0;
	a->dtop = line >= 0 ? line : 0;
}

static void sync_selection(struct app *a)
{
	const struct model_item *it = &a->m->items[a->item];
	int want = -1;
	for (int c = 0; c < a->m->ncollections; c++)
		if (!strcmp(a->m->collections[c].id, it->collection_id) && !a->expanded[c]) {
			a->expanded[c] = 1;
			tui_rebuild_tree(a);
		}
	for (int r = 0; r < a->ntree; r++) {
		const struct tree_row *row = &a->rows_tree[r];
		if ((row->kind == ROW_CHAPTER && row->chapter == it->chapter && it->chapter >= 0) ||
		    (row->kind == ROW_FOREWORD && row->item == a->item))
			want = r;
	}
	if (want >= 0 && want != a->tree_sel)
		tui_select_row(a, want);
	for (int k = 0; k < a->nlist; k++)
		if (a->list_items[k] == a->item)
			a->list_sel = k;
}

void tui_open_item(struct app *a, int item)
{
	struct anli_err err;
	struct model_block *b;
	int n;
	if (model_blocks(a->m, item, &b, &n, &err)) {
		snprintf(a->message, sizeof a->message, "%s", err.msg);
		return;
	}
	model_blocks_free(a->blocks, a->nblocks);
	a->blocks = b;
	a->nblocks = n;
	a->item = item;
	a->dtop = 0;
	free(a->matches);
	a->matches = NULL;
	a->nmatches = 0;
	a->cur_match = -1;
	a->from_results = 0;
	a->anchor_block = -1;
	a->anchor_off = 0;
	doc_free(&a->doc);
	tui_layout_doc(a);
	sync_selection(a);
	if (a->find && *a->find)
		tui_find_matches(a, a->find, 0); /* the / search goes on in the new item (n, N) */
}

/* The view in a pane's place: the search results stand in for the list. */
static struct view *pane(struct app *a, enum pane p)
{
	if (p == PANE_LIST && a->results_shown) {
		struct view *l = &a->view[PANE_LIST], *r = &a->results;
		r->win = l->win;
		r->y = l->y;
		r->x = l->x;
		r->h = l->h;
		r->w = l->w;
		return r;
	}
	return &a->view[p];
}

/* --- highlights and search ----------------------------------------------- */

static int cmp_match(const void *x, const void *y)
{
	const struct match *a = x, *b = y;
	if (a->block != b->block)
		return a->block - b->block;
	return a->start < b->start ? -1 : a->start > b->start;
}

int tui_title_key(int style)
{
	return style == DOC_TITLE ? MATCH_TITLE : style == DOC_SUBTITLE ? MATCH_SUBTITLE
	       : style == DOC_BYLINE ? MATCH_BYLINE : 0;
}

static void add_matches(struct app *a, int key, const char *orig, char **terms, int nt, int *cap)
{
	char *f = fold_text(orig, strlen(orig));
	for (int t = 0; t < nt; t++) {
		size_t tl = strlen(terms[t]);
		for (const char *p = f; tl && (p = strstr(p, terms[t])); p += tl) {
			if (a->nmatches == *cap) {
				*cap = *cap ? *cap * 2 : 32;
				a->matches = xrealloc(a->matches, sizeof *a->matches * (size_t)*cap);
			}
			size_t off = (size_t)(p - f);
			a->matches[a->nmatches].block = key;
			a->matches[a->nmatches].start = fold_map_offset(orig, f, off);
			a->matches[a->nmatches].end = fold_map_offset(orig, f, off + tl);
			a->nmatches++;
		}
	}
	free(f);
}

void tui_find_matches(struct app *a, const char *query, int split_terms)
{
	free(a->matches);
	a->matches = NULL;
	a->nmatches = 0;
	a->cur_match = -1;
	char *fq = fold_text(query, strlen(query));
	char *terms[64];
	int nt = 0;
	if (split_terms) {
		for (char *t = strtok(fq, " \t"); t && nt < 64; t = strtok(NULL, " \t"))
			terms[nt++] = t;
	} else if (*fq) {
		terms[nt++] = fq;
	}
	int cap = 0;
	/* the title block (as the reader shows it), then the blocks */
	const struct model_item *it = &a->m->items[a->item];
	if (it->title)
		add_matches(a, MATCH_TITLE, it->title, terms, nt, &cap);
	if (it->subtitle)
		add_matches(a, MATCH_SUBTITLE, it->subtitle, terms, nt, &cap);
	struct sbuf by;
	sbuf_init(&by);
	model_byline(it, &by);
	if (by.len)
		add_matches(a, MATCH_BYLINE, by.s, terms, nt, &cap);
	sbuf_free(&by);
	for (int b = 0; b < a->nblocks; b++)
		add_matches(a, b, a->blocks[b].text, terms, nt, &cap);
	free(fq);
	if (a->nmatches > 1)
		qsort(a->matches, (size_t)a->nmatches, sizeof *a->matches, cmp_match);
}

static int match_line(const struct app *a, int i)
{
	const struct match *mt = &a->matches[i];
	if (mt->block >= 0)
		return doc_line_of(&a->doc, mt->block, mt->start + a->doc.block_prefix[mt->block]);
	int best = -1;
	for (int k = 0; k < a->doc.nlines && a->doc.line[k].block < 0; k++)
		if (tui_title_key(a->doc.line[k].style) == mt->block && a->doc.line[k].block_off <= mt->start)
			best = k;
	return best;
}

void tui_show_match(struct app *a, int i)
{
	if (i < 0 || i >= a->nmatches)
		return;
	a->cur_match = i;
	int line = match_line(a, i);
	int h = a->view[PANE_DETAIL].h;
	if (line >= 0 && (line < a->dtop || line >= a->dtop + h))
		tui_set_top(a, line > 2 ? line - 2 : 0);
}

/* The first match at or below the top line. */
static int match_from_top(const struct app *a)
{
	for (int i = 0; i < a->nmatches; i++)
		if (match_line(a, i) >= a->dtop)
			return i;
	return a->nmatches ? 0 : -1;
}

void tui_open_hit(struct app *a, int i)
{
	struct anli_err err;
	if (search_load(a->m, &a->res, i, 1, &err)) {
		snprintf(a->message, sizeof a->message, "%s", err.msg);
		return;
	}
	const struct search_hit *h = &a->hits[i];
	if (h->item != a->item || !a->doc.text)
		tui_open_item(a, h->item);
	tui_find_matches(a, a->squery, 1);
	a->from_results = 1;
	a->hit_sel = i;
	int blk = !strcmp(h->field, "title") ? MATCH_TITLE : !strcmp(h->field, "subtitle") ? MATCH_SUBTITLE
		  : !strcmp(h->field, "byline") ? MATCH_BYLINE : -100;
	for (int b = 0; h->block_id && b < a->nblocks; b++)
		if (!strcmp(a->blocks[b].id, h->block_id))
			blk = b;
	for (int k = 0; k < a->nmatches; k++)
		if (a->matches[k].block == blk && a->matches[k].start == h->off) {
			tui_show_match(a, k);
			return;
		}
	tui_set_top(a, 0);
}

static void run_search(struct app *a, const char *q)
{
	struct search_result res;
	struct anli_err err;
	if (search_find(a->m, q, &res, &err)) {
		snprintf(a->message, sizeof a->message, "%s", err.msg);
		return;
	}
	search_result_free(&a->res);
	a->res = res;
	a->hits = res.hit;
	int n = a->nhits = res.n;
	const struct search_hit *h = res.hit;
	a->hit_sel = 0;
	a->results.top = 0;
	free(a->squery);
	a->squery = xstrdup(q);
	free(a->chapter_hits);
	a->chapter_hits = xcalloc((size_t)a->m->nchapters + 1, sizeof *a->chapter_hits);
	for (int i = 0; i < n; i++)
		if (a->m->items[h[i].item].chapter >= 0)
			a->chapter_hits[a->m->items[h[i].item].chapter]++;
	a->results_shown = 1;
	a->zoom = 0;
	a->focus = PANE_LIST;
	if (n == 0)
		snprintf(a->message, sizeof a->message, _("nothing found for “%s”"), q);
}

/* --- layout of the screen ------------------------------------------------ */

static void place(struct view *v, int y, int x, int h, int w)
{
	if (v->win && (v->y != y || v->x != x || v->h != h || v->w != w)) {
		delwin(v->win);
		v->win = NULL;
	}
	v->y = y;
	v->x = x;
	v->h = h;
	v->w = w;
	if (w > 0 && h > 0 && !v->win) {
		v->win = newwin(h, w, y, x);
		idlok(v->win, TRUE);
		leaveok(v->win, TRUE);
	}
}

static int pane_shown(const struct app *a, enum pane p)
{
	return a->view[p].w > 0;
}

static int tree_visible(const struct app *a)
{
	return (a->cols >= 100) != (a->tree_toggle != 0);
}

static void layout(struct app *a)
{
	getmaxyx(stdscr, a->rows, a->cols);
	a->too_small = a->cols < MIN_COLS || a->rows < MIN_ROWS;
	/* the status line is the last row; zoomed, the text has the whole
	 * screen (and a one-line scroll is a plain scroll of the terminal)
	 * unless there is a prompt or a message to show */
	a->status_shown = !a->zoom || a->prompt || a->message[0];
	int h = a->rows - (a->status_shown ? 1 : 0);
	int tw = 0, lw = 0, dx = 0, dw = 0;
	a->sep[0] = a->sep[1] = -1;
	if (a->too_small) {
		/* nothing but the "too small" screen */
	} else if (a->zoom) {
		dw = a->cols;
	} else if (a->cols < 60) {
		if (a->focus == PANE_TREE)
			tw = a->cols;
		else if (a->focus == PANE_LIST)
			lw = a->cols;
		else
			dw = a->cols;
	} else {
		int x = 0;
		if (tree_visible(a)) {
			tw = TREE_W(a->cols);
			a->sep[0] = tw;
			x = tw + 1;
		} else if (a->focus == PANE_TREE) {
			a->focus = PANE_LIST;
		}
		lw = LIST_W(a->cols, tw);
		place(&a->view[PANE_LIST], 0, x, h, lw);
		x += lw;
		a->sep[1] = x;
		dx = x + 1;
		dw = a->cols - dx;
	}
	place(&a->view[PANE_TREE], 0, 0, tw ? h : 0, tw);
	if (a->cols < 60 || a->zoom || a->too_small)
		place(&a->view[PANE_LIST], 0, 0, lw ? h : 0, lw);
	place(&a->view[PANE_DETAIL], 0, dx, dw ? h : 0, dw);
	if (!a->status)
		a->status = newwin(1, a->cols, a->rows - 1, 0);
	else {
		wresize(a->status, 1, a->cols);
		mvwin(a->status, a->rows - 1, 0);
	}
	if (dw)
		tui_layout_doc(a);
}

/* --- drawing ------------------------------------------------------------- */

static void draw_status(struct app *a)
{
	WINDOW *w = a->status;
	werase(w);
	wbkgdset(w, ' ' | term_attr(a, PAIR_STATUS));
	werase(w);
	wattrset(w, term_attr(a, PAIR_STATUS));
	struct sbuf s;
	sbuf_init(&s);
	int cursor_x = -1;
	if (a->prompt) {
		sbuf_adds(&s, a->prompt == '/' ? "/" : _("search: "));
	} else if (a->message[0]) {
		sbuf_adds(&s, a->message);
	} else {
		const struct model_item *it = &a->m->items[a->item];
		int n = 0, total = 0;
		for (int i = 0; i < a->m->nitems; i++) {
			const struct model_item *x = &a->m->items[i];
			int same = it->chapter >= 0 ? x->chapter == it->chapter : i == a->item;
			if (same) {
				total++;
				if (i <= a->item)
					n++;
			}
		}
		if (it->chapter >= 0) {
			const struct model_chapter *c = &a->m->chapters[it->chapter];
			if (c->label)
				sbuf_printf(&s, "%s ", c->label);
			sbuf_adds(&s, c->title);
		} else {
			sbuf_adds(&s, it->title ? it->title : _("Foreword"));
		}
		/* how far through: 0% with the top shown, 100% with the end shown */
		int vis = a->view[PANE_DETAIL].h > 0 ? a->view[PANE_DETAIL].h : a->rows - 1;
		int maxtop = a->doc.nlines - vis;
		int pct = maxtop <= 0 ? 100 : a->dtop * 100 / maxtop;
		if (pct > 100)
			pct = 100;
		sbuf_printf(&s, "%s%d/%d%s%d%%", glyph(GLYPH_FIELD_SEP), n, total, glyph(GLYPH_FIELD_SEP), pct);
	}
	const char *hint = _("? help  q quit");
	int hw = lay_strwidth(hint, strlen(hint));
	size_t n;
	char *clean = lay_sanitize(s.s, s.len, &n);
	int room = a->cols - 1 - (a->cols > hw + 20 ? hw + 2 : 0);
	if (a->prompt) {
		/* the prompt, then as much of the end of the input as fits (the
		 * work is the visible part's, whatever the input's length) */
		int x = 1 + tui_put(w, 0, 1, clean, n, room - 1);
		int shown;
		size_t off = eb_tail(&a->input, room - x, &shown, NULL);
		const char *in = eb_str(&a->input);
		cursor_x = x + tui_put(w, 0, x, in + off, a->input.len - off, room - x);
	} else {
		tui_put(w, 0, 1, clean, n, room);
	}
	if (a->cols > hw + 20 && !a->prompt)
		tui_put(w, 0, a->cols - hw - 1, hint, strlen(hint), hw);
	/* the cursor is shown only at the prompt; elsewhere curses need not move it */
	leaveok(w, cursor_x < 0);
	if (cursor_x >= 0)
		wmove(w, 0, cursor_x);
	free(clean);
	sbuf_free(&s);
	wnoutrefresh(w);
}

/* The help overlay, generated from the action table (keys.c): a line per
 * action with the keys bound to it. */
static void draw_help(struct app *a)
{
	int na;
	const struct action *act = keys_actions(&na);
	struct sbuf *line = xcalloc((size_t)na + 4, sizeof *line);
	int n = 0;
	sbuf_adds(&line[n++], _("anli — keys"));
	sbuf_adds(&line[n++], "");
	/* the keys column as wide as the widest list of keys */
	char names[na][48];
	int kw = 0;
	for (int i = 0; i < na; i++) {
		int keys[KEYS_MAX];
		int nk = keys_for(act[i].req, keys, KEYS_MAX);
		names[i][0] = '\0';
		for (int k = 0; k < nk; k++) {
			char kb[16];
			size_t l = strlen(names[i]);
			snprintf(names[i] + l, sizeof names[i] - l, "%s%s", k ? " " : "", keys_name(keys[k], kb, sizeof kb));
		}
		int w = lay_strwidth(names[i], strlen(names[i]));
		if (w > kw)
			kw = w;
	}
	for (int i = 0; i < na; i++) {
		sbuf_adds(&line[n], names[i]);
		for (int pad = kw + 2 - lay_strwidth(names[i], strlen(names[i])); pad > 0; pad--)
			sbuf_addc(&line[n], ' ');
		sbuf_adds(&line[n++], _(act[i].help));
	}
	sbuf_adds(&line[n++], "");
	sbuf_adds(&line[n++], _("Mouse: click selects or focuses; the wheel scrolls."));
	int w = 0;
	for (int i = 0; i < n; i++) {
		int tw = lay_strwidth(line[i].s, line[i].len);
		if (tw > w)
			w = tw;
	}
	w += 4;
	int h = n + 2;
	if (w > a->cols)
		w = a->cols;
	if (h > a->rows - 1)
		h = a->rows - 1;
	WINDOW *win = newwin(h, w, (a->rows - 1 - h) / 2, (a->cols - w) / 2);
	if (win) {
		werase(win);
		draw_frame(win);
		for (int i = 0; i < n && i + 1 < h - 1; i++) {
			wattrset(win, i == 0 ? A_BOLD : A_NORMAL);
			tui_put(win, i + 1, 2, line[i].s, line[i].len, w - 4);
		}
		wnoutrefresh(win);
		delwin(win);
	}
	for (int i = 0; i < n; i++)
		sbuf_free(&line[i]);
	free(line);
}

static void draw(struct app *a)
{
	werase(stdscr);
	if (a->too_small) {
		const char *t = _("terminal too small");
		char size[64];
		snprintf(size, sizeof size, _("%dx%d, needs %dx%d"), a->cols, a->rows, MIN_COLS, MIN_ROWS);
		tui_put(stdscr, a->rows / 2 - 1, 0, t, strlen(t), a->cols);
		tui_put(stdscr, a->rows / 2, 0, size, strlen(size), a->cols);
		wnoutrefresh(stdscr);
		doupdate();
		return;
	}
	wattrset(stdscr, term_attr(a, PAIR_BORDER));
	for (int k = 0; k < 2; k++)
		if (a->sep[k] >= 0)
			draw_vline(stdscr, 0, a->sep[k], a->rows - 1);
	wattrset(stdscr, A_NORMAL);
	wnoutrefresh(stdscr);
	for (int p = 0; p < NPANES; p++) {
		struct view *v = pane(a, (enum pane)p);
		if (!pane_shown(a, p) || !v->win)
			continue;
		v->ops->draw(a, v);
		wnoutrefresh(v->win);
	}
	if (a->help)
		draw_help(a);
	if (a->status_shown)
		draw_status(a); /* last: the prompt's cursor is in it */
	doupdate();
}

/* --- requests ------------------------------------------------------------ */

static void cycle_focus(struct app *a, int dir)
{
	for (int k = 0; k < NPANES; k++) {
		a->focus = (enum pane)((a->focus + NPANES + dir) % NPANES);
		if (a->cols < 60 || pane_shown(a, a->focus) || (a->focus == PANE_TREE && tree_visible(a)))
			break;
	}
}

static void mouse(struct app *a, const struct in_event *e)
{
	if (e->motion || e->release)
		return; /* a click is its press */
	for (int p = 0; p < NPANES; p++) {
		struct view *v = pane(a, (enum pane)p);
		if (!pane_shown(a, p) || e->y < v->y || e->y >= v->y + v->h || e->x < v->x || e->x >= v->x + v->w)
			continue;
		if (e->button == 4) {
			v->ops->wheel(a, v, -1);
		} else if (e->button == 5) {
			v->ops->wheel(a, v, 1);
		} else if (e->button == 1) {
			a->focus = (enum pane)p;
			v->ops->click(a, v, e->y - v->y, e->x - v->x);
		}
		return;
	}
}

static int handle(struct app *a, enum request r, const struct in_event *mev)
{
	if (a->help && r != REQ_RESIZE && r != REQ_NONE) {
		a->help = 0;
		return 1;
	}
	a->message[0] = '\0';
	switch (r) {
	case REQ_QUIT:
		return 0;
	case REQ_HELP:
		a->help = 1;
		return 1;
	case REQ_RESIZE:
	case REQ_REDRAW:
		clearok(curscr, TRUE);
		return 1;
	case REQ_ZOOM:
		a->zoom = !a->zoom;
		a->focus = PANE_DETAIL;
		return 1;
	case REQ_TOGGLE_TREE:
		a->tree_toggle = !a->tree_toggle;
		if (tree_visible(a) && a->cols >= 60)
			a->focus = PANE_TREE;
		return 1;
	case REQ_NEXT_PANE:
		if (!a->zoom)
			cycle_focus(a, 1);
		return 1;
	case REQ_PREV_PANE:
		if (!a->zoom)
			cycle_focus(a, -1);
		return 1;
	case REQ_LEFT:
		if (!a->zoom && a->focus > PANE_TREE)
			cycle_focus(a, -1);
		return 1;
	case REQ_RIGHT:
		if (!a->zoom && a->focus < PANE_DETAIL)
			cycle_focus(a, 1);
		return 1;
	case REQ_PREV_ITEM:
	case REQ_NEXT_ITEM: {
		int i = a->item + (r == REQ_NEXT_ITEM ? 1 : -1);
		if (i < 0 || i >= a->m->nitems)
			snprintf(a->message, sizeof a->message, "%s",
				 r == REQ_NEXT_ITEM ? _("already at the last item") : _("already at the first item"));
		else
			tui_open_item(a, i);
		return 1;
	}
	case REQ_MOUSE:
		mouse(a, mev);
		return 1;
	case REQ_OTHER:
		return 1;
	case REQ_FIND:
	case REQ_SEARCH:
		a->prompt = r == REQ_FIND ? '/' : 's';
		eb_clear(&a->input);
		a->saved_top = a->dtop;
		curs_set(1);
		return 1;
	case REQ_NEXT_MATCH:
	case REQ_PREV_MATCH: {
		if (!a->nmatches) {
			snprintf(a->message, sizeof a->message, "%s",
				 a->find || a->squery ? _("no match in this item") : _("no search yet: / or s"));
			return 1;
		}
		int i = a->cur_match < 0 ? match_from_top(a) : a->cur_match + (r == REQ_NEXT_MATCH ? 1 : -1);
		if (i >= a->nmatches) {
			i = 0;
			snprintf(a->message, sizeof a->message, "%s", _("search hit the end, continuing at the top"));
		} else if (i < 0) {
			i = a->nmatches - 1;
			snprintf(a->message, sizeof a->message, "%s", _("search hit the top, continuing at the end"));
		}
		tui_show_match(a, i);
		return 1;
	}
	case REQ_ESCAPE:
		if (a->focus == PANE_DETAIL && a->from_results && a->results_shown) {
			a->zoom = 0;
			a->focus = PANE_LIST;
		} else if (a->focus == PANE_LIST && a->results_shown) {
			a->results_shown = 0;
		} else if (a->nmatches) {
			a->nmatches = 0;
			a->cur_match = -1;
		}
		return 1;
	default: {
		struct view *v = pane(a, a->focus);
		v->ops->request(a, v, r);
		return 1;
	}
	}
}

/* The / prompt's incremental search: every match highlighted, the first
 * one below the starting point shown. */
static void prompt_find(struct app *a)
{
	a->find_dirty = 0;
	tui_find_matches(a, eb_str(&a->input), 0);
	int start = a->dtop;
	a->dtop = a->saved_top;
	int i = match_from_top(a);
	a->dtop = start;
	if (i >= 0)
		tui_show_match(a, i);
	else
		tui_set_top(a, a->saved_top);
}

/* An input event while the prompt is open. */
static void prompt_event(struct app *a, const struct in_event *ev)
{
	int done = 0, cancel = 0, changed = 0;
	if (ev->kind == IN_KEY) {
		if (ev->key == INK_ESC)
			cancel = 1;
		else if (ev->key == INK_DELETE)
			goto backspace;
	} else if (ev->kind != IN_CHAR) {
		return;
	} else if ((ev->cp == '\r' || ev->cp == '\n') && !ev->paste) {
		done = 1;
	} else if (ev->cp == 127 || ev->cp == 8) {
	backspace:
		if (eb_backspace(&a->input) == 0)
			changed = 1;
		else
			cancel = 1;
	} else if (ev->cp == KEY_CTRL('u')) {
		eb_clear(&a->input);
		changed = 1;
	} else {
		/* controls and U+FFFD (an invalid byte) are refused */
		changed = eb_insert(&a->input, ev->cp) == 0;
	}
	if (cancel) {
		if (a->prompt == '/') {
			tui_set_top(a, a->saved_top);
			tui_find_matches(a, a->find ? a->find : "", 0);
		}
		a->prompt = 0;
		curs_set(0);
		return;
	}
	if (a->prompt == '/' && changed)
		a->find_dirty = 1; /* searched once before the next frame, not per key */
	if (!done)
		return;
	const char *q = eb_str(&a->input);
	if (a->prompt == '/') {
		prompt_find(a);
		free(a->find);
		a->find = xstrdup(q);
		if (*q && !a->nmatches)
			snprintf(a->message, sizeof a->message, _("not found: %s"), q);
	} else if (*q) {
		run_search(a, q);
	}
	a->prompt = 0;
	curs_set(0);
}

/* --- start-up ------------------------------------------------------------ */

/* The reader draws UTF-8.  In another locale only LC_CTYPE is switched (to
 * C.UTF-8); *note gets a line for stderr after exit, *status one for the
 * status line.  Returns 0, or -1 if no UTF-8
 * locale exists. */
static int utf8_ctype(char *note, size_t size, char *status, size_t ssize)
{
	note[0] = status[0] = '\0';
	const char *cs = nl_langinfo(CODESET);
	if (cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8")))
		return 0;
	char was[64];
	snprintf(was, sizeof was, "%s", cs && *cs ? cs : "?");
	if (!setlocale(LC_CTYPE, "C.UTF-8") && !setlocale(LC_CTYPE, "C.utf8"))
		return -1;
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8"))
		return -1;
	snprintf(note, size, _("anli: the locale's character set is %s, not UTF-8; the reader used C.UTF-8 for characters"),
		 was);
	snprintf(status, ssize, _("not a UTF-8 locale (%s): characters as C.UTF-8"), was);
	return 0;
}

static void start_colors(struct app *a)
{
	const char *nc = getenv("NO_COLOR");
	a->use_color = !(nc && *nc) && has_colors();
	if (!a->use_color)
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_YELLOW, -1);
	init_pair(PAIR_HEADING, COLOR_CYAN, -1);
	init_pair(PAIR_CAPTION, COLOR_GREEN, -1);
	init_pair(PAIR_BYLINE, COLOR_MAGENTA, -1);
	init_pair(PAIR_BORDER, COLOR_BLUE, -1);
}

static int cpwidth(unsigned int cp)
{
	return lay_cpwidth(cp);
}

/* The terminal answered the probe: “ took col - 2 columns.  Re-lay out if
 * that is not the convention the screen was drawn with. */
static void probe_answer(struct app *a, int col)
{
	a->probing = 0;
	int w = col - 1 == 2 ? 2 : 1;
	if (w == lay_ambiwidth())
		return;
	lay_set_ambiwidth(w);
	eb_rewidth(&a->input);
	a->doc_width = 0; /* the doc again at the same width */
	tui_layout_doc(a);
	clearok(curscr, TRUE); /* curses' own idea of the cells changed too */
}

/* Handle one input event.  Returns 0 to quit. */
static int event(struct app *a, const struct in_event *ev)
{
	if (ev->kind == IN_CPR) {
		if (a->probing)
			probe_answer(a, ev->col);
		return 1; /* a reply that nobody waits for: dropped */
	}
	if (ev->kind == IN_IGNORED || ev->kind == IN_PASTE_BEGIN || ev->kind == IN_PASTE_END)
		return 1;
	if (a->prompt) {
		a->message[0] = '\0';
		prompt_event(a, ev);
		return 1;
	}
	if (ev->kind == IN_MOUSE)
		return handle(a, REQ_MOUSE, ev);
	if (ev->paste)
		return 1; /* pasted text is not commands */
	int key = keys_of_event(ev);
	return handle(a, key < 0 ? REQ_OTHER : keys_lookup(key), ev);
}

int tui_main(const char *db_path, int ambiwidth)
{

	if (!isatty(STDOUT_FILENO) || !isatty(STDIN_FILENO)) {
		fprintf(stderr, "%s\n",
			_("anli: not a terminal; use 'anli list' and 'anli show ID' to print the book"));
		return CLI_ERROR;
	}
	char note[256], status_note[128];
	if (utf8_ctype(note, sizeof note, status_note, sizeof status_note)) {
		fprintf(stderr, "%s\n", _("anli: the reader needs a UTF-8 locale and C.UTF-8 is not available"));
		return CLI_ERROR;
	}
	struct anli_err err;
	struct model *m = model_open(db_path, &err);
	if (!m) {
		fprintf(stderr, "anli: %s\n", err.msg);
		return CLI_ERROR;
	}
	const char *term = getenv("TERM");
	/* drawn at once in the configured convention, or narrow until the
	 * terminal answers the probe */
	lay_set_ambiwidth(ambiwidth ? ambiwidth : 1);
	glyph_set_utf8(!strcmp(nl_langinfo(CODESET), "UTF-8")); /* ASCII glyphs in any other codeset */
	term_signals();
	SCREEN *scr = newterm(NULL, stdout, stdin);
	if (!scr) {
		fprintf(stderr, _("anli: cannot use terminal type '%s'; try TERM=xterm-256color, or 'anli show ID'\n"),
			term ? term : "");
		model_close(m);
		return CLI_ERROR;
	}
	set_term(scr);
	/* a terminal that cannot address the cursor cannot show panes */
	char *cup = tigetstr("cup");
	if (!cup || cup == (char *)-1) {
		endwin();
		delscreen(scr);
		fprintf(stderr,
			_("anli: terminal type '%s' cannot move the cursor; try TERM=xterm-256color, or 'anli show ID'\n"),
			term ? term : "");
		model_close(m);
		return CLI_ERROR;
	}
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, FALSE); /* bytes: input.c decodes keys, mouse and replies */
	leaveok(stdscr, TRUE);
	curs_set(0);

	struct app a;
	memset(&a, 0, sizeof a);
	a.m = m;
	a.view[PANE_TREE].ops = &view_tree_ops;
	a.view[PANE_LIST].ops = &view_list_ops;
	a.view[PANE_DETAIL].ops = &view_detail_ops;
	a.results.ops = &view_results_ops;
	a.focus = PANE_LIST;
	a.cur_match = -1;
	eb_init(&a.input, cpwidth);
	start_colors(&a);
	a.expanded = xcalloc((size_t)m->ncollections + 1, sizeof *a.expanded);
	for (int c = 0; c < m->ncollections; c++)
		a.expanded[c] = 1;
	tui_rebuild_tree(&a);
	/* the alternate screen, cleared, before the probe writes into it */
	refresh();
	term_begin();
	if (!ambiwidth) {
		term_probe();
		a.probing = 1;
	}
	getmaxyx(stdscr, a.rows, a.cols);
	layout(&a);
	/* nothing to resume yet: the first chapter and its first item */
	int first = 0;
	for (int i = 0; i < m->nitems; i++)
		if (m->items[i].chapter == 0) {
			first = i;
			break;
		}
	a.item = first;
	tui_open_item(&a, first);
	if (status_note[0])
		snprintf(a.message, sizeof a.message, "%s", status_note);
	for (int run = 1; run;) {
		if (term_resumed()) {
			clearok(curscr, TRUE);
			if (a.prompt) {
				curs_set(0);
				curs_set(1);
			}
		}
		if (a.find_dirty)
			prompt_find(&a);
		layout(&a);
		draw(&a);
		/* every event that is ready, then one frame */
		struct in_event ev;
		int r = term_next(&ev, 1);
		while (r && run) {
			if (r == 2)
				run = handle(&a, REQ_RESIZE, NULL);
			else
				run = event(&a, &ev);
			r = run ? term_next(&ev, 0) : 0;
		}
	}
	term_end();
	/* windows before the screen they belong to */
	for (int p = 0; p < NPANES; p++)
		if (a.view[p].win)
			delwin(a.view[p].win);
	if (a.status)
		delwin(a.status);
	endwin();
	delscreen(scr);
	doc_free(&a.doc);
	model_blocks_free(a.blocks, a.nblocks);
	search_result_free(&a.res);
	free(a.matches);
	free(a.find);
	free(a.squery);
	free(a.chapter_hits);
	eb_free(&a.input);
	free(a.rows_tree);
	free(a.list_items);
	free(a.expanded);
	model_close(m);
	if (note[0])
		fprintf(stderr, "%s\n", note);
	return CLI_OK;
}
