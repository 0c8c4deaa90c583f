/* load.c — the items of a presentation read from the book (slides.h,
 * "through the model"): blocks, and what the title slides say. */
#include "anli/slides.h"

#include "anli/i18n.h"

#include <stdlib.h>
#include <string.h>

enum { S_CHAPTER, S_NUMBER, S_SHORT, NSTRINGS };

/* "案例 27/53", "文章 3/8" (numbered as model_item_header numbers them). */
static void item_number(const struct model *m, const struct model_item *it, struct sbuf *out)
{
	int of = 0;
	for (int k = 0; k < m->nitems; k++)
		of += !strcmp(m->items[k].kind, it->kind) && !strcmp(m->items[k].collection_id, it->collection_id);
	if (!strcmp(it->kind, "case"))
		sbuf_printf(out, _("案例 %d/%d"), it->number, of);
	else if (!strcmp(it->kind, "article"))
		sbuf_printf(out, _("文章 %d/%d"), it->number, of);
}

int present_load(struct model *m, const int *idx, int n, struct present_src *ps, struct anli_err *err)
{
	memset(ps, 0, sizeof *ps);
	n = n > 0 ? n : 0;
	ps->items = xcalloc((size_t)n + 1, sizeof *ps->items);
	ps->blocks = xcalloc((size_t)n + 1, sizeof *ps->blocks);
	ps->nblocks = xcalloc((size_t)n + 1, sizeof *ps->nblocks);
	ps->strings = xcalloc((size_t)n * NSTRINGS + 1, sizeof *ps->strings);
	for (int i = 0; i < n; i++) {
		const struct model_item *it = &m->items[idx[i]];
		struct sbuf *str = &ps->strings[i * NSTRINGS];
		for (int k = 0; k < NSTRINGS; k++)
			sbuf_init(&str[k]);
		ps->nitems = i + 1;
		if (model_blocks(m, idx[i], &ps->blocks[i], &ps->nblocks[i], err)) {
			present_unload(ps);
			return -1;
		}
		/* what the reader's header says (model_item_header): a case's
		 * chapter, an article's collection ("Leaders' articles") */
		if (!strcmp(it->kind, "article"))
			sbuf_adds(&str[S_CHAPTER], model_collection_label(m, it->collection_id));
		else if (it->chapter >= 0)
			model_chapter_label(&m->chapters[it->chapter], &str[S_CHAPTER]);
		item_number(m, it, &str[S_NUMBER]);
		if (!strcmp(it->kind, "case"))
			/* TRANSLATORS: a case as the slide index names it: 案例27 加强… */
			sbuf_printf(&str[S_SHORT], _("案例%d "), it->number);
		sbuf_adds(&str[S_SHORT], it->title ? it->title : _("[title missing in the source]"));
		ps->items[i] = (struct slides_item){
			.item = it,
			.blocks = ps->blocks[i],
			.nblocks = ps->nblocks[i],
			.chapter = str[S_CHAPTER].len ? str[S_CHAPTER].s : NULL,
			.number = str[S_NUMBER].len ? str[S_NUMBER].s : NULL,
			.short_title = str[S_SHORT].s,
		};
	}
	return 0;
}

void present_unload(struct present_src *ps)
{
	for (int i = 0; i < ps->nitems; i++) {
		model_blocks_free(ps->blocks[i], ps->nblocks[i]);
		for (int k = 0; k < NSTRINGS; k++)
			sbuf_free(&ps->strings[i * NSTRINGS + k]);
	}
	free(ps->items);
	free(ps->blocks);
	free(ps->nblocks);
	free(ps->strings);
	memset(ps, 0, sizeof *ps);
}
