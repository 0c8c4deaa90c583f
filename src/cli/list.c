/* list.c — anli list: one row per item, in book order */
#include "cmd.h"

#include "anli/i18n.h"
#include "anli/out.h"

#include <string.h>

/* On a terminal: id, chapter, title (and subtitle), byline, aligned and
 * cut to the terminal's width. */
static void table(struct sbuf *out, const struct model *m, const struct opts *o)
{
	struct table *t = table_new(4);
	table_column(t, 0, _("id"), 0, 0);
	table_column(t, 1, _("chapter"), 0, 4);
	table_column(t, 2, _("title"), 0, 12);
	table_column(t, 3, _("byline"), 0, 6);
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		if (!strcmp(it->kind, "foreword") && !o->all)
			continue;
		struct sbuf title, by;
		sbuf_init(&title);
		sbuf_init(&by);
		if (it->title)
			sbuf_adds(&title, it->title);
		else
			sbuf_adds(&title, _("[title missing in the source]"));
		if (it->subtitle && *it->subtitle)
			sbuf_printf(&title, " %s", it->subtitle);
		model_byline(it, &by);
		table_cell(t, it->id, NULL);
		table_cell(t, it->chapter >= 0 ? m->chapters[it->chapter].title : "", NULL);
		table_cell(t, title.s, NULL);
		table_cell(t, by.s, NULL);
		sbuf_free(&title);
		sbuf_free(&by);
	}
	table_print(t, out, cli_term_width(), cli_want_color(o));
	table_free(t);
}

int cmd_list(const struct opts *o)
{
	static const char *const formats[] = {"tsv", "json", "table", NULL};
	const char *fmt = o->format ? o->format : cli_want_table(o) ? "table" : "tsv";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("list: unknown format '%s' (tsv, json or table)"), fmt);
	if (o->nargs)
		return cli_usage_error(_("list: unexpected argument '%s'"), o->args[0]);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct sbuf out;
	sbuf_init(&out);
	if (!strcmp(fmt, "table")) {
		table(&out, m, o);
		model_close(m);
		return cli_flush(&out);
	}
	struct json j;
	json_init(&j, &out);
	int json = !strcmp(fmt, "json");
	if (json)
		json_begin_array(&j);
	else
		out_tsv_item_header(&out);
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		if (!strcmp(it->kind, "foreword") && !o->all)
			continue;
		if (json) {
			json_begin_object(&j);
			out_json_item(&j, m, it);
			json_end_object(&j);
		} else {
			out_tsv_item(&out, m, it);
		}
	}
	if (json)
		json_end_array(&j);
	model_close(m);
	return cli_flush(&out);
}
