/* tsv.c — the TSV device (see out.h) */
#include "anli/out.h"

#include "anli/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void out_tsv(struct sbuf *o, const char *s, int last)
{
	if (s) {
		size_t n;
		char *clean = lay_sanitize(s, strlen(s), &n); /* no tab, newline or escape */
		sbuf_addn(o, clean, n);
		free(clean);
	}
	sbuf_addc(o, last ? '\n' : '\t');
}

void out_tsv_int(struct sbuf *o, long long v, int last)
{
	sbuf_printf(o, "%lld%c", v, last ? '\n' : '\t');
}

void out_tsv_int_or_empty(struct sbuf *o, long long v, int last)
{
	if (v)
		out_tsv_int(o, v, last);
	else
		out_tsv(o, "", last);
}

void out_tsv_item_header(struct sbuf *o)
{
	sbuf_adds(o, "id\tcollection\tchapter\tchapter_title\tnumber\ttitle\tsubtitle\tbyline\tregion\tseed\tlines\n");
}

void out_tsv_item(struct sbuf *o, const struct model *m, const struct model_item *it)
{
	const struct model_chapter *ch = it->chapter >= 0 ? &m->chapters[it->chapter] : NULL;
	struct sbuf by;
	sbuf_init(&by);
	model_byline(it, &by);
	out_tsv(o, it->id, 0);
	out_tsv(o, it->collection_id, 0);
	if (ch)
		out_tsv_int(o, ch->number, 0);
	else
		out_tsv(o, "", 0);
	out_tsv(o, ch ? ch->title : "", 0);
	out_tsv_int_or_empty(o, it->number, 0);
	out_tsv(o, it->title, 0);
	out_tsv(o, it->subtitle, 0);
	out_tsv(o, by.s, 0);
	out_tsv(o, it->region, 0);
	out_tsv(o, it->seed, 0);
	out_tsv(o, it->lines, 1); /* as stored: split ranges stay split */
	sbuf_free(&by);
}
