/* hits.c — search hits on the TSV and JSON devices (see out.h) */
#include "anli/out.h"

#include <stdlib.h>

void out_tsv_hits_header(struct sbuf *o)
{
	sbuf_adds(o, "id\tnumber\ttitle\tsection\tblock\tfield\toffset\tsnippet\n");
}

/* The offset printed is in characters within the field: the hit's own
 * cp_off, never recounted from the start of the text. */
void out_tsv_hit(struct sbuf *o, const struct model *m, const struct search_hit *h, int context)
{
	const struct model_item *it = &m->items[h->item];
	size_t ho, hl;
	char *snip = search_snippet(h, context, &ho, &hl);
	out_tsv(o, it->id, 0);
	out_tsv_int_or_empty(o, it->number, 0);
	out_tsv(o, it->title, 0);
	out_tsv(o, h->section, 0);
	out_tsv(o, h->block_id ? h->block_id : "", 0);
	out_tsv(o, h->field, 0);
	out_tsv_int(o, h->cp_off, 0);
	/* the hit is marked ⟦…⟧ in the snippet */
	struct sbuf sn;
	sbuf_init(&sn);
	sbuf_addn(&sn, snip, ho);
	sbuf_adds(&sn, "⟦");
	sbuf_addn(&sn, snip + ho, hl);
	sbuf_adds(&sn, "⟧");
	sbuf_adds(&sn, snip + ho + hl);
	out_tsv(o, sn.s, 1);
	sbuf_free(&sn);
	free(snip);
}

void out_json_hit(struct json *j, const struct model *m, const struct search_hit *h, int context)
{
	const struct model_item *it = &m->items[h->item];
	size_t ho, hl;
	char *snip = search_snippet(h, context, &ho, &hl);
	char *match = xstrndup(snip + ho, hl);
	json_begin_object(j);
	json_key(j, "id"), json_str(j, it->id);
	json_key(j, "number"), json_int_or_null(j, it->number);
	json_key(j, "title"), json_str(j, it->title);
	json_key(j, "section"), json_str(j, h->section);
	json_key(j, "block"), json_str(j, h->block_id);
	json_key(j, "field"), json_str(j, h->field);
	json_key(j, "offset"), json_int(j, h->cp_off);
	json_key(j, "snippet"), json_str(j, snip);
	json_key(j, "match"), json_str(j, match);
	json_end_object(j);
	free(match);
	free(snip);
}
