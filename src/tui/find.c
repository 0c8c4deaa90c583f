/* find.c — highlights in the open item (the / search and the terms of a
 * whole-book search) and the whole-book search itself. */
#include "anli/view.h"

#include "anli/draw.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* Append every occurrence of the terms in orig to *arr (key: the block). */
static void add_matches(struct match **arr, int *n, int *cap, int key, const char *orig, const char *const *terms,
			int nt)
{
	char *f = fold_text(orig, strlen(orig));
	for (int t = 0; t < nt; t++) {
		size_t tl = strlen(terms[t]);
		struct fold_cursor cur; /* offsets of one term come in order: one pass */
		fold_cursor_init(&cur, orig, f);
		for (const char *p = f; tl && (p = strstr(p, terms[t])); p += tl) {
			if (*n == *cap) {
				*cap = *cap ? *cap * 2 : 32;
				*arr = xrealloc(*arr, sizeof **arr * (size_t)*cap);
			}
			size_t off = (size_t)(p - f);
			(*arr)[*n].block = key;
			(*arr)[*n].start = fold_cursor_map(&cur, off);
			(*arr)[*n].end = fold_cursor_map(&cur, off + tl);
			(*n)++;
		}
	}
	free(f);
}

/* The terms of a query: split (the whole-book search) or as typed (/). */
static int query_terms(const char *query, int split_terms, struct fold_terms *ft, const char **one, char **fq)
{
	*fq = fold_text(query, strlen(query));
	if (split_terms)
		return fold_split_terms(query, ft) == 0 ? ft->n : 0;
	if (!**fq)
		return 0;
	one[0] = *fq;
	return 1;
}

/* Every occurrence in item `item` (the title block as the reader shows it,
 * then the blocks), sorted in reading order. */
static void item_matches(const struct model *m, int item, const struct model_block *blocks, int nblocks,
			 const char *const *terms, int nt, struct match **arr, int *n)
{
	int cap = 0;
	*arr = NULL;
	*n = 0;
	if (!nt)
		return;
	const struct model_item *it = &m->items[item];
	if (it->title)
		add_matches(arr, n, &cap, MATCH_TITLE, it->title, terms, nt);
	if (it->subtitle)
		add_matches(arr, n, &cap, MATCH_SUBTITLE, it->subtitle, terms, nt);
	struct sbuf by;
	sbuf_init(&by);
	model_byline(it, &by);
	if (by.len)
		add_matches(arr, n, &cap, MATCH_BYLINE, by.s, terms, nt);
	sbuf_free(&by);
	for (int b = 0; b < nblocks; b++)
		add_matches(arr, n, &cap, b, blocks[b].text, terms, nt);
	if (*n > 1)
		qsort(*arr, (size_t)*n, sizeof **arr, cmp_match);
}

void tui_find_matches(struct app *a, const char *query, int split_terms)
{
	free(a->matches);
	a->matches = NULL;
	a->nmatches = 0;
	a->cur_match = -1;
	/* the one splitter (fold.h) for the whole-book search's terms; the
	 * in-item search looks for the query as typed (folded) */
	struct fold_terms ft = {0};
	const char *one[1];
	char *fq;
	int nt = query_terms(query, split_terms, &ft, one, &fq);
	item_matches(a->m, a->item, a->blocks, a->nblocks, split_terms ? ft.term : one, nt, &a->matches,
		     &a->nmatches);
	fold_terms_free(&ft);
	free(fq);
}

/* --- the search's scope: the whole book ----------------------------------- */

static const char *active_query(const struct app *a)
{
	return a->search_kind == '/' ? a->find : a->search_kind == 's' ? a->squery : NULL;
}

void tui_search_end(struct app *a)
{
	a->search_kind = 0;
	free(a->item_first);
	a->item_first = NULL;
}

/* The / search counted over the book: every item scanned as the open one
 * is (the same matcher), so that the counter agrees with the highlights. */
static void scope_find(struct app *a)
{
	int ni = a->m->nitems;
	a->item_first = xcalloc((size_t)ni + 1, sizeof *a->item_first);
	struct fold_terms ft = {0};
	const char *one[1];
	char *fq;
	int nt = query_terms(a->find, 0, &ft, one, &fq);
	for (int i = 0; i < ni; i++) {
		int n = 0;
		if (i == a->item) {
			n = a->nmatches;
		} else if (nt) {
			struct model_block *b;
			int nb;
			struct anli_err err;
			struct match *mt;
			if (model_blocks(a->m, i, &b, &nb, &err) == 0) {
				item_matches(a->m, i, b, nb, one, nt, &mt, &n);
				free(mt);
				model_blocks_free(b, nb);
			}
		}
		a->item_first[i + 1] = a->item_first[i] + n;
	}
	fold_terms_free(&ft);
	free(fq);
}

/* The whole-book search counted from its hits (in reading order). */
static void scope_hits(struct app *a)
{
	int ni = a->m->nitems;
	a->item_first = xcalloc((size_t)ni + 1, sizeof *a->item_first);
	for (int k = 0; k < a->res.n; k++)
		a->item_first[a->hits[k].item + 1]++;
	for (int i = 0; i < ni; i++)
		a->item_first[i + 1] += a->item_first[i];
}

void tui_search_begin(struct app *a, int kind)
{
	tui_search_end(a);
	a->search_kind = kind;
	if (!active_query(a) || !*active_query(a)) {
		a->search_kind = 0;
		return;
	}
	if (kind == '/')
		scope_find(a);
	else
		scope_hits(a);
}

void tui_find_reapply(struct app *a)
{
	const char *q = active_query(a);
	if (q && *q)
		tui_find_matches(a, q, a->search_kind == 's');
}

int tui_search_counter(const struct app *a, struct sbuf *out)
{
	const char *q = active_query(a);
	if (!q || !a->item_first)
		return 0;
	int total = a->item_first[a->m->nitems];
	if (total == 0)
		return 0;
	size_t n;
	char *clean = lay_sanitize(q, strlen(q), &n);
	if (a->cur_match >= 0 && a->cur_match < a->nmatches) {
		int idx = a->item_first[a->item] + a->cur_match + 1;
		if (idx > a->item_first[a->item + 1])
			idx = a->item_first[a->item + 1]; /* never past the item's share */
		sbuf_printf(out, _("“%s” %d/%d"), clean, idx, total);
	} else {
		sbuf_printf(out, _("“%s” -/%d"), clean, total);
	}
	free(clean);
	return 1;
}

/* The next item with hits after `from` in direction dir (wrapping; *wrapped
 * set when it did), or -1. */
static int item_with_hits(const struct app *a, int from, int dir, int *wrapped)
{
	int ni = a->m->nitems;
	*wrapped = 0;
	for (int k = 1; k <= ni; k++) {
		int i = from + dir * k;
		if (i >= ni || i < 0) {
			*wrapped = 1;
			i = (i + ni) % ni;
		}
		if (a->item_first[i + 1] > a->item_first[i])
			return i;
	}
	return -1;
}

void tui_step_match(struct app *a, int dir)
{
	const char *q = active_query(a);
	if (!q || !a->item_first) {
		snprintf(a->message, sizeof a->message, "%s", _("no search yet: / or s"));
		return;
	}
	if (a->item_first[a->m->nitems] == 0) {
		snprintf(a->message, sizeof a->message, _("not found: %s"), q);
		return;
	}
	if (!a->nmatches)
		tui_find_reapply(a); /* highlights cleared with Esc: back */
	if (a->nmatches) {
		int i = a->cur_match < 0 ? tui_match_from_top(a) : a->cur_match + dir;
		if (i >= 0 && i < a->nmatches) {
			tui_show_match(a, i);
			if (a->search_kind == 's')
				tui_results_follow(a); /* the results' selection on this hit */
			return;
		}
	}
	/* on into the next (previous) item with hits, in reading order */
	int wrapped;
	int it = item_with_hits(a, a->item, dir, &wrapped);
	if (it < 0)
		return;
	if (wrapped)
		snprintf(a->message, sizeof a->message, "%s",
			 dir > 0 ? _("search hit the end, continuing at the top")
				 : _("search hit the top, continuing at the end"));
	int from_results = a->from_results;
	if (it != a->item)
		tui_open_item(a, it); /* its highlights: tui_find_reapply */
	else
		tui_find_reapply(a);
	a->from_results = from_results;
	if (a->nmatches)
		tui_show_match(a, dir > 0 ? 0 : a->nmatches - 1);
	if (a->search_kind == 's')
		tui_results_follow(a);
}

static int match_line(const struct app *a, int i)
{
	const struct match *mt = &a->matches[i];
	if (mt->block >= 0)
		return doc_line_of(&a->detail.doc, mt->block, mt->start + a->detail.doc.block_prefix[mt->block]);
	int best = -1;
	for (int k = 0; k < a->detail.doc.nlines && a->detail.doc.line[k].block < 0; k++)
		if (tui_title_key(a->detail.doc.line[k].style) == mt->block && a->detail.doc.line[k].block_off <= mt->start)
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
	/* off screen, or on its last two rows (where the text after it cannot
	 * be read): bring it to a third of the pane */
	if (line >= 0 && (line < a->detail.top || line >= a->detail.top + h - 2))
		tui_set_top(a, line > h / 3 ? line - h / 3 : 0);
}

/* The first match at or below the top line. */
int tui_match_from_top(const struct app *a)
{
	for (int i = 0; i < a->nmatches; i++)
		if (match_line(a, i) >= a->detail.top)
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
	if (h->item != a->item || !a->detail.doc.text)
		tui_open_item(a, h->item);
	if (a->search_kind != 's') /* the whole-book search is the one n and N follow again */
		tui_search_begin(a, 's');
	tui_find_matches(a, a->squery, 1);
	a->from_results = 1;
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

void tui_run_search(struct app *a, const char *q)
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
	int n = res.n;
	const struct search_hit *h = res.hit;
	free(a->squery);
	a->squery = xstrdup(q);
	free(a->chapter_hits);
	a->chapter_hits = xcalloc((size_t)a->m->nchapters + 1, sizeof *a->chapter_hits);
	for (int i = 0; i < n; i++)
		if (a->m->items[h[i].item].chapter >= 0)
			a->chapter_hits[a->m->items[h[i].item].chapter]++;
	tui_search_begin(a, 's');
	tui_find_reapply(a); /* its highlights in the open item */
	tui_results_reset(a);
	a->results_shown = 1;
	a->zoom = 0;
	a->focus = PANE_LIST;
	if (n == 0)
		snprintf(a->message, sizeof a->message, _("nothing found for “%s”"), q);
}

