/* bookmarks.c — anli bookmarks [list] | add ID:N | rm ID:N (state.h) */
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

static int bookmarks_list(const struct opts *o)
{
	static const char *const formats[] = {"tsv", "json", "table", NULL};
	const char *fmt = o->format ? o->format : cli_want_table(o) ? "table" : "tsv";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("bookmarks: unknown format '%s' (tsv, json or table)"), fmt);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct user *u = state_open(o);
	struct user_bookmark *bm;
	int n, rc = CLI_OK;
	struct anli_err err;
	if (user_bookmarks(u, &bm, &n, &err)) {
		cli_error("%s", err.msg);
		user_close(u);
		model_close(m);
		return CLI_ERROR;
	}
	struct state_cache c;
	state_cache_init(&c, m);
	struct sbuf out;
	sbuf_init(&out);
	struct json j;
	json_init(&j, &out);
	struct table *t = NULL;
	int json = !strcmp(fmt, "json"), table = !strcmp(fmt, "table");
	if (table) {
		t = table_new(4);
		table_column(t, 0, _("paragraph"), 0, 0);
		table_column(t, 1, _("section"), 0, 6);
		table_column(t, 2, _("text"), 0, 8);
		table_column(t, 3, _("added"), 0, 0);
	} else if (json) {
		json_begin_array(&j);
	} else {
		sbuf_adds(&out, "block_id\taddress\titem\tcite\tcreated\ttext\n");
	}
	for (int k = 0; k < n && rc == CLI_OK; k++) {
		struct state_place p;
		if (state_place_of(&c, bm[k].item_id, bm[k].block_id, &p)) {
			rc = CLI_ERROR;
			state_place_free(&p);
			break;
		}
		char when[32];
		state_iso_time(when, sizeof when, bm[k].created);
		if (table) {
			char local[32];
			time_t tt = (time_t)bm[k].created;
			struct tm tm;
			localtime_r(&tt, &tm);
			strftime(local, sizeof local, "%Y-%m-%d %H:%M", &tm);
			table_cell(t, p.addr.len ? p.addr.s : bm[k].block_id, p.block < 0 ? " ?" : NULL);
			table_cell(t, p.cite.s, NULL);
			table_cell(t, p.block < 0 ? _("(not in this build of the book: see 'anli doctor')") : p.words.s,
				   NULL);
			table_cell(t, local, NULL);
		} else if (json) {
			json_begin_object(&j);
			json_key(&j, "block_id"), json_str(&j, bm[k].block_id);
			json_key(&j, "address"), json_str(&j, p.addr.len ? p.addr.s : NULL);
			json_key(&j, "item"), json_str(&j, bm[k].item_id);
			json_key(&j, "cite"), json_str(&j, p.cite.len ? p.cite.s : NULL);
			json_key(&j, "created"), json_str(&j, when);
			json_key(&j, "book"), json_str(&j, bm[k].book[0] ? bm[k].book : NULL);
			json_key(&j, "found"), json_bool(&j, p.block >= 0);
			json_key(&j, "text"), json_str(&j, p.words.len ? p.words.s : NULL);
			json_end_object(&j);
		} else {
			out_tsv(&out, bm[k].block_id, 0);
			out_tsv(&out, p.addr.s, 0);
			out_tsv(&out, bm[k].item_id, 0);
			out_tsv(&out, p.cite.s, 0);
			out_tsv(&out, when, 0);
			out_tsv(&out, p.words.s, 1);
		}
		state_place_free(&p);
	}
	if (table) {
		table_print(t, &out, cli_term_width(), cli_want_color(o));
		table_free(t);
	} else if (json) {
		json_end_array(&j);
	}
	free(bm);
	state_cache_free(&c);
	user_close(u);
	model_close(m);
	if (rc != CLI_OK) {
		sbuf_free(&out);
		return rc;
	}
	return cli_flush(&out);
}

int cmd_bookmarks(const struct opts *o)
{
	const char *sub = o->nargs ? o->args[0] : "list";
	if (!strcmp(sub, "list")) {
		if (o->nargs > 1)
			return cli_usage_error(_("bookmarks list: unexpected argument '%s'"), o->args[1]);
		return bookmarks_list(o);
	}
	int add = !strcmp(sub, "add");
	if (!add && strcmp(sub, "rm"))
		return cli_usage_error(_("bookmarks: '%s' is not add, rm or list"), sub);
	if (o->format)
		return cli_usage_error(_("bookmarks %s prints nothing: --format does not apply"), sub);
	if (o->nargs != 2)
		return cli_usage_error(_("bookmarks %s: expected one paragraph (ID:N or a block id)"), sub);
	const char *key = o->args[1];
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct model_addr a;
	struct anli_err err;
	int rc = model_addr_resolve(m, key, &a, &err);
	if (rc == MODEL_ADDR_ERROR || (rc == MODEL_ADDR_UNKNOWN && add)) {
		cli_error("%s", err.msg);
		model_close(m);
		return rc == MODEL_ADDR_ERROR ? CLI_ERROR : CLI_NOTFOUND;
	}
	if (rc == MODEL_ADDR_FOUND && a.block < 0) {
		model_addr_free(&a);
		model_close(m);
		return cli_usage_error(_("bookmarks %s: '%s' names an item; a bookmark is on a paragraph (%s:1, or a "
					 "block id)"),
				       sub, key, key);
	}
	struct user *u = state_open(o);
	rc = CLI_ERROR;
	if (user_active(u)) {
		int done = 0, r;
		if (add) {
			char fp[17];
			state_fingerprint(m, fp);
			r = user_bookmark_add(u, a.blocks[a.block].id, m->items[a.item].id, fp, &done, &err);
		} else {
			/* a block the book no longer has is removed by its id as given */
			r = user_bookmark_rm(u, a.item >= 0 ? a.blocks[a.block].id : key, &done, &err);
		}
		if (r)
			cli_error("%s", err.msg);
		else if (!add && !done)
			rc = CLI_NOTFOUND, cli_error(_("no bookmark on '%s' (see 'anli bookmarks list')"), key);
		else
			rc = CLI_OK;
	}
	user_close(u);
	if (a.item >= 0)
		model_addr_free(&a);
	model_close(m);
	return rc;
}
