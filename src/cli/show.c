/* show.c — anli show ID: one item (or one paragraph, ID:N or a block id) as
 * text, Markdown or JSON; and the address of `anli ID` */
#include "cmd.h"

#include "anli/addr.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/out.h"

#include "anli/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int cli_looks_like_id(const char *s)
{
	size_t n = strcspn(s, ":");
	if (n == 0)
		return 0;
	const char *d = s;
	if ((n == strlen("foreword") && !strncasecmp(s, "foreword", n)) ||
	    (n == strlen("前言") && !strncmp(s, "前言", n)))
		return 1;
	if (*d == 'c' || *d == 'C' || *d == 'a' || *d == 'A')
		d++;
	if (d == s + n)
		return 0;
	for (; d < s + n; d++)
		if (*d < '0' || *d > '9')
			return 0;
	return 1;
}

/* Report a failed resolution: exit 1 for an unknown address, 2 for a
 * database error. */
static int resolve_failed(int rc, const struct anli_err *err)
{
	cli_error("%s", err->msg);
	return rc == MODEL_ADDR_UNKNOWN ? CLI_NOTFOUND : CLI_ERROR;
}

int cli_resolve_start(const struct opts *o, const char *key, struct cli_start *start)
{
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct model_addr a;
	struct anli_err err;
	int rc = model_addr_resolve(m, key, &a, &err);
	if (rc != MODEL_ADDR_FOUND) {
		model_close(m);
		return resolve_failed(rc, &err);
	}
	start->given = 1;
	start->item = a.item;
	snprintf(start->item_id, sizeof start->item_id, "%s", m->items[a.item].id);
	if (a.block >= 0)
		snprintf(start->block_id, sizeof start->block_id, "%s", a.blocks[a.block].id);
	start->n = a.n;
	model_addr_free(&a);
	model_close(m);
	return CLI_OK;
}

int cmd_show(const struct opts *o)
{
	static const char *const formats[] = {"text", "markdown", "json", NULL};
	const char *fmt = o->format ? o->format : "text";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("show: unknown format '%s' (text, markdown or json)"), fmt);
	if (o->nargs != 1)
		return cli_usage_error("%s", _("show: expected one ID"));
	if (o->show_notes && strcmp(fmt, "text"))
		return cli_usage_error(_("show --notes prints text, not --format=%s (for the notes as data: anli notes "
					 "export)"),
				       fmt);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct model_addr a;
	struct anli_err err;
	int rc = model_addr_resolve(m, o->args[0], &a, &err);
	if (rc != MODEL_ADDR_FOUND) {
		model_close(m);
		return resolve_failed(rc, &err);
	}
	int i = a.item;
	const struct model_block *b = a.blocks;
	int nb = a.nblocks;
	struct sbuf out;
	sbuf_init(&out);
	if (o->show_notes) {
		rc = notes_show_inline(o, m, &a, &out);
		if (rc != CLI_OK) {
			sbuf_free(&out);
			model_addr_free(&a);
			model_close(m);
			return rc;
		}
	} else if (!o->format && cli_stdout_tty()) {
		/* on a terminal: where the item is (and the paragraph), then its
		 * text wrapped to the terminal (or --width) */
		struct sbuf h;
		sbuf_init(&h);
		model_item_header(m, i, &h);
		if (a.block >= 0) {
			sbuf_adds(&h, glyph(GLYPH_FIELD_SEP));
			model_addr_format(m, &a, &h);
			if (a.n) {
				sbuf_adds(&h, glyph(GLYPH_FIELD_SEP));
				addr_cite(b, nb, a.block, &h);
			}
		}
		size_t n;
		char *clean = lay_sanitize(h.s, h.len, &n);
		sbuf_addn(&out, clean, n);
		sbuf_adds(&out, "\n\n");
		free(clean);
		sbuf_free(&h);
		out_text_show_ex(&out, &m->items[i], b, nb, o->width ? o->width : cli_term_width(), a.block,
				 o->numbered);
	} else if (!strcmp(fmt, "text"))
		out_text_show_ex(&out, &m->items[i], b, nb, o->width, a.block, o->numbered);
	else if (!strcmp(fmt, "markdown"))
		out_markdown_show_ex(&out, &m->items[i], b, nb, a.block, o->numbered);
	else
		out_json_show_ex(&out, m, &m->items[i], b, nb, a.block, o->numbered);
	model_addr_free(&a);
	model_close(m);
	return cli_flush_paged(&out, o);
}
