/* search.c — anli search QUERY: one row per occurrence; exit 0 with hits,
 * 1 without */
#include "cmd.h"

#include "anli/i18n.h"
#include "anli/out.h"
#include "anli/search.h"

#include "anli/msg.h"

#include <stdlib.h>
#include <string.h>

#define SNIPPET_CONTEXT 15 /* characters either side of a hit */

/* The query as typed: its words joined by one space. */
static void no_hits(const struct opts *o)
{
	struct sbuf q;
	sbuf_init(&q);
	for (int i = 0; i < o->nargs; i++)
		sbuf_printf(&q, "%s%s", i ? " " : "", o->args[i]);
	msg_error("anli", _("no hits for '%s'"), q.s);
	sbuf_free(&q);
}

/* Items with hits: the hits come in reading order, so an item's hits are
 * together. */
static int items_hit(const struct search_result *res)
{
	int n = 0;
	for (int i = 0; i < res->n; i++)
		n += i == 0 || res->hit[i].item != res->hit[i - 1].item;
	return n;
}

/* --count: the number of hits and of items with hits. */
static void count(struct sbuf *out, const struct search_result *res, const char *fmt)
{
	int items = items_hit(res);
	if (fmt && !strcmp(fmt, "json")) {
		sbuf_printf(out, "{\"hits\": %d, \"items\": %d}\n", res->n, items);
	} else if (fmt && !strcmp(fmt, "tsv")) {
		sbuf_printf(out, "hits\titems\n%d\t%d\n", res->n, items);
	} else {
		/* TRANSLATORS: --count: "633 hits in 45 items" */
		sbuf_printf(out, ngettext("%d hit", "%d hits", (unsigned long)res->n), res->n);
		sbuf_adds(out, " ");
		sbuf_printf(out, ngettext("in %d item", "in %d items", (unsigned long)items), items);
		sbuf_addc(out, '\n');
	}
}

/* On a terminal: id, title, section and the snippet with its hit in
 * colour, aligned and cut to the terminal's width around the hit. */
static void table(struct sbuf *out, const struct model *m, const struct search_result *res, int shown,
		  const struct opts *o)
{
	int width = cli_term_width();
	/* context enough to fill the snippet column on wide terminals */
	int context = width / 4 > SNIPPET_CONTEXT ? width / 4 : SNIPPET_CONTEXT;
	int color = cli_want_color(o);
	struct table *t = table_new(4);
	table_column(t, 0, _("id"), 0, 0);
	table_column(t, 1, _("title"), 0, 8);
	table_column(t, 2, _("section"), 0, 4);
	table_column(t, 3, _("snippet"), 0, 20);
	for (int i = 0; i < shown; i++) {
		const struct search_hit *h = &res->hit[i];
		const struct model_item *it = &m->items[h->item];
		size_t ho, hl;
		char *snip = search_snippet(h, context, &ho, &hl);
		table_cell(t, it->id, NULL);
		table_cell(t, it->title ? it->title : "", NULL);
		table_cell(t, h->section ? h->section : "", NULL);
		table_cell_hit(t, snip, ho, hl, !color);
		free(snip);
	}
	if (shown)
		table_print(t, out, width, color);
	table_free(t);
}

int cmd_search(const struct opts *o)
{
	static const char *const formats[] = {"tsv", "json", "table", NULL};
	const char *fmt = o->format ? o->format : cli_want_table(o) ? "table" : "tsv";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("search: unknown format '%s' (tsv, json or table)"), fmt);
	if (o->nargs < 1)
		return cli_usage_error("%s", _("search: expected a QUERY"));
	struct sbuf q;
	sbuf_init(&q);
	for (int i = 0; i < o->nargs; i++) {
		if (i)
			sbuf_addc(&q, ' ');
		sbuf_adds(&q, o->args[i]);
	}
	struct model *m = cli_open_db(o);
	if (!m) {
		sbuf_free(&q);
		return CLI_ERROR;
	}
	/* find every hit (the exit code and nothing else needs them all), load
	 * the text of the ones printed */
	struct search_result res;
	struct anli_err err;
	int rc = search_find(m, q.s, &res, &err);
	sbuf_free(&q);
	int shown = 0;
	if (!rc && o->count) {
		struct sbuf out;
		sbuf_init(&out);
		count(&out, &res, o->format); /* without --format: one line for people */
		int n = res.n;
		search_result_free(&res);
		model_close(m);
		if (!n)
			no_hits(o);
		rc = cli_flush(&out);
		return rc ? rc : n ? CLI_OK : CLI_NOTFOUND;
	}
	if (!rc) {
		shown = o->limit && o->limit < res.n ? o->limit : res.n;
		rc = search_load(m, &res, 0, shown, &err);
	}
	if (rc) {
		cli_error("%s", err.msg);
		search_result_free(&res);
		model_close(m);
		return CLI_ERROR;
	}
	struct sbuf out;
	sbuf_init(&out);
	if (!strcmp(fmt, "table")) {
		table(&out, m, &res, shown, o);
		goto done;
	}
	struct json j;
	json_init(&j, &out);
	int json = !strcmp(fmt, "json");
	if (json)
		json_begin_array(&j);
	else
		out_tsv_hits_header(&out);
	for (int i = 0; i < shown; i++) {
		if (json)
			out_json_hit(&j, m, &res.hit[i], SNIPPET_CONTEXT);
		else
			out_tsv_hit(&out, m, &res.hit[i], SNIPPET_CONTEXT);
	}
	if (json)
		json_end_array(&j);
done:;
	int n = res.n;
	search_result_free(&res);
	model_close(m);
	rc = cli_flush(&out);
	if (!rc && !n)
		no_hits(o);
	else if (!rc && shown < n)
		msg_error("anli", _("%d of %d hits shown (--limit=%d)"), shown, n, o->limit);
	return rc ? rc : n ? CLI_OK : CLI_NOTFOUND;
}
