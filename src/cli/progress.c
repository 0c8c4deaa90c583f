/* progress.c — anli progress: per chapter, items read, reviewed, needing a fix (state.h) */
#include "cmd.h"
#include "state.h"

#include "anli/addr.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/msg.h"
#include "anli/out.h"
#include "anli/user.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>


struct prog {
	int items, read, reviewed, fix;
};

int cmd_progress(const struct opts *o)
{
	static const char *const formats[] = {"tsv", "json", "table", NULL};
	const char *fmt = o->format ? o->format : cli_want_table(o) ? "table" : "tsv";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("progress: unknown format '%s' (tsv, json or table)"), fmt);
	if (o->nargs)
		return cli_usage_error(_("progress: unexpected argument '%s'"), o->args[0]);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct user *u = state_open(o);
	struct user_mark *mk;
	int nmk;
	struct anli_err err;
	if (user_marks(u, &mk, &nmk, &err)) {
		cli_error("%s", err.msg);
		user_close(u);
		model_close(m);
		return CLI_ERROR;
	}
	/* rows: 0 the foreword, 1..nchapters the chapters, then the total */
	int total = m->nchapters + 1;
	struct prog *p = xcalloc((size_t)total + 1, sizeof *p);
	for (int i = 0; i < m->nitems; i++)
		p[m->items[i].chapter + 1].items++;
	for (int k = 0; k < nmk; k++) {
		int i = state_item_index(m, mk[k].item_id);
		if (i < 0)
			continue; /* an item this book lacks: anli doctor lists it */
		struct prog *r = &p[m->items[i].chapter + 1];
		r->read += mk[k].read;
		r->reviewed += mk[k].review == USER_REVIEW_OK;
		r->fix += mk[k].review == USER_REVIEW_FIX;
	}
	for (int r = 0; r < total; r++) {
		p[total].items += p[r].items;
		p[total].read += p[r].read;
		p[total].reviewed += p[r].reviewed;
		p[total].fix += p[r].fix;
	}
	struct sbuf out;
	sbuf_init(&out);
	struct json j;
	json_init(&j, &out);
	struct table *t = NULL;
	int json = !strcmp(fmt, "json"), table = !strcmp(fmt, "table");
	if (table) {
		t = table_new(5);
		table_column(t, 0, _("chapter"), 0, 12);
		table_column(t, 1, _("items"), 1, 0);
		table_column(t, 2, _("read"), 1, 0);
		table_column(t, 3, _("reviewed"), 1, 0);
		table_column(t, 4, _("needs-fix"), 1, 0);
	} else if (json) {
		json_begin_object(&j);
		json_key(&j, "chapters");
		json_begin_array(&j);
	} else {
		sbuf_adds(&out, "collection\tchapter\ttitle\titems\tread\treviewed\tneeds_fix\n");
	}
	for (int r = 0; r <= total; r++) {
		const struct prog *k = &p[r];
		const struct model_chapter *ch = r >= 1 && r < total ? &m->chapters[r - 1] : NULL;
		const char *coll = ch ? ch->collection_id : r == 0 ? "book" : "";
		const char *title = ch ? ch->title : r == 0 ? _("foreword") : _("total");
		if (r == 0 && k->items == 0)
			continue;
		if (table) {
			struct sbuf label;
			sbuf_init(&label);
			if (ch)
				model_chapter_label(ch, &label);
			else
				sbuf_adds(&label, title);
			table_cell(t, label.s, NULL);
			table_cell_int(t, k->items);
			table_cell_int(t, k->read);
			table_cell_int(t, k->reviewed);
			table_cell_int(t, k->fix);
			sbuf_free(&label);
		} else if (json) {
			if (r == total) {
				json_end_array(&j);
				json_key(&j, "total");
			}
			json_begin_object(&j);
			if (r < total) {
				json_key(&j, "collection"), json_str(&j, coll);
				json_key(&j, "chapter"), json_int_or_null(&j, ch ? ch->number : 0);
				json_key(&j, "title"), json_str(&j, title);
			}
			json_key(&j, "items"), json_int(&j, k->items);
			json_key(&j, "read"), json_int(&j, k->read);
			json_key(&j, "reviewed"), json_int(&j, k->reviewed);
			json_key(&j, "needs_fix"), json_int(&j, k->fix);
			json_end_object(&j);
		} else {
			out_tsv(&out, coll, 0);
			if (ch)
				out_tsv_int(&out, ch->number, 0);
			else
				out_tsv(&out, "", 0);
			out_tsv(&out, title, 0);
			sbuf_printf(&out, "%d\t%d\t%d\t%d\n", k->items, k->read, k->reviewed, k->fix);
		}
	}
	if (table) {
		table_print(t, &out, cli_term_width(), cli_want_color(o));
		table_free(t);
	} else if (json) {
		json_end_object(&j);
	}
	free(p);
	free(mk);
	user_close(u);
	model_close(m);
	return cli_flush(&out);
}
