/* show.c — anli show ID: one item as text, Markdown or JSON */
#include "cmd.h"

#include "anli/i18n.h"
#include "anli/out.h"

#include "anli/layout.h"

#include <stdlib.h>
#include <string.h>

int cmd_show(const struct opts *o)
{
	static const char *const formats[] = {"text", "markdown", "json", NULL};
	const char *fmt = o->format ? o->format : "text";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("show: unknown format '%s' (text, markdown or json)"), fmt);
	if (o->nargs != 1)
		return cli_usage_error("%s", _("show: expected one ID"));
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	int i = model_find(m, o->args[0]);
	if (i < 0) {
		cli_error(_("no item '%s' (see 'anli list')"), o->args[0]);
		model_close(m);
		return CLI_NOTFOUND;
	}
	struct model_block *b;
	int nb;
	struct anli_err err;
	if (model_blocks(m, i, &b, &nb, &err)) {
		cli_error("%s", err.msg);
		model_close(m);
		return CLI_ERROR;
	}
	struct sbuf out;
	sbuf_init(&out);
	if (!o->format && cli_stdout_tty()) {
		/* on a terminal: where the item is, then its text wrapped to the
		 * terminal (or --width) */
		struct sbuf h;
		sbuf_init(&h);
		model_item_header(m, i, &h);
		size_t n;
		char *clean = lay_sanitize(h.s, h.len, &n);
		sbuf_addn(&out, clean, n);
		sbuf_adds(&out, "\n\n");
		free(clean);
		sbuf_free(&h);
		out_text_show(&out, &m->items[i], b, nb, o->width ? o->width : cli_term_width());
	} else if (!strcmp(fmt, "text"))
		out_text_show(&out, &m->items[i], b, nb, o->width);
	else if (!strcmp(fmt, "markdown"))
		out_markdown_show(&out, &m->items[i], b, nb);
	else
		out_json_show(&out, m, &m->items[i], b, nb);
	model_blocks_free(b, nb);
	model_close(m);
	return cli_flush_paged(&out, o);
}
