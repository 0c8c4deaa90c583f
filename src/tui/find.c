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

static void add_matches(struct app *a, int key, const char *orig, const char *const *terms, int nt, int *cap)
{
	char *f = fold_text(orig, strlen(orig));
	for (int t = 0; t < nt; t++) {
		size_t tl = strlen(terms[t]);
		struct fold_cursor cur; /* offsets of one term come in order: one pass */
		fold_cursor_init(&cur, orig, f);
		for (const char *p = f; tl && (p = strstr(p, terms[t])); p += tl) {
			if (a->nmatches == *cap) {
				*cap = *cap ? *cap * 2 : 32;
				a->matches = xrealloc(a->matches, sizeof *a->matches * (size_t)*cap);
			}
			size_t off = (size_t)(p - f);
			a->matches[a->nmatches].block = key;
			a->matches[a->nmatches].start = fold_cursor_map(&cur, off);
			a->matches[a->nmatches].end = fold_cursor_map(&cur, off + tl);
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
	/* the one splitter (fold.h) for the whole-book search's terms; the
	 * in-item search looks for the query as typed (folded) */
	char *fq = fold_text(query, strlen(query));
	struct fold_terms ft = {0};
	const char *one[1];
	const char *const *terms = one;
	int nt = 0;
	if (split_terms) {
		if (fold_split_terms(query, &ft) == 0) {
			terms = ft.term;
			nt = ft.n;
		}
	} else if (*fq) {
		one[0] = fq;
		nt = 1;
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
	fold_terms_free(&ft);
	free(fq);
	if (a->nmatches > 1)
		qsort(a->matches, (size_t)a->nmatches, sizeof *a->matches, cmp_match);
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
	if (line >= 0 && (line < a->detail.top || line >= a->detail.top + h))
		tui_set_top(a, line > 2 ? line - 2 : 0);
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
	tui_find_matches(a, a->squery, 1);
	a->from_results = 1;
	a->hitlist.lv.sel = i;
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
	int n = a->hitlist.lv.n = res.n;
	const struct search_hit *h = res.hit;
	a->hitlist.lv.sel = 0;
	a->hitlist.lv.top = 0;
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

