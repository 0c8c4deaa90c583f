/* search.c — anli search QUERY: one row per occurrence; exit 0 with hits,
 * 1 without */
#include "cmd.h"

#include "anli/i18n.h"
#include "anli/out.h"
#include "anli/search.h"

#include <string.h>

#define SNIPPET_CONTEXT 15 /* characters either side of a hit */

int cmd_search(const struct opts *o)
{
	static const char *const formats[] = {"tsv", "json", NULL};
	const char *fmt = o->format ? o->format : "tsv";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("search: unknown format '%s' (tsv or json)"), fmt);
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
	int n = res.n;
	search_result_free(&res);
	model_close(m);
	rc = cli_flush(&out);
	return rc ? rc : n ? CLI_OK : CLI_NOTFOUND;
}
