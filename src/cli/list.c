/* list.c — anli list: one row per item, in book order */
#include "cmd.h"

#include "anli/i18n.h"
#include "anli/out.h"

#include <string.h>

int cmd_list(const struct opts *o)
{
	static const char *const formats[] = {"tsv", "json", NULL};
	const char *fmt = o->format ? o->format : "tsv";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("list: unknown format '%s' (tsv or json)"), fmt);
	if (o->nargs)
		return cli_usage_error(_("list: unexpected argument '%s'"), o->args[0]);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct sbuf out;
	sbuf_init(&out);
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
