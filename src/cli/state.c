/* state.c — the commands of the per-user state file: anli mark, bookmarks,
 * progress, doctor (src/user is the file; this is its command line) */
#include "cmd.h"

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

/* Open the state file as --state, $ANLI_STATE or the default say; what
 * user_open has to say (no state, a damaged file moved aside) is printed
 * on stderr.  Never NULL. */
static struct user *open_state(const struct opts *o)
{
	struct anli_err err, note;
	int def = 0;
	char *path = user_state_path(o->state, &def, &err);
	struct user *u = user_open(path, ANLI_VERSION, def ? USER_MKDIR : 0, &note);
	if (!path)
		msg_error("anli", "%s", err.msg);
	else if (note.msg[0])
		msg_error("anli", "%s", note.msg);
	free(path);
	return u;
}

/* The book's fingerprint, "" when it cannot be read (said on stderr: the
 * state is still saved, without it). */
static void fingerprint(struct model *m, char fp[17])
{
	struct anli_err err;
	if (model_fingerprint(m, fp, &err)) {
		cli_error("%s", err.msg);
		fp[0] = '\0';
	}
}

static int resolve(struct model *m, const char *key, struct model_addr *a)
{
	struct anli_err err;
	int rc = model_addr_resolve(m, key, a, &err);
	if (rc == MODEL_ADDR_FOUND)
		return CLI_OK;
	cli_error("%s", err.msg);
	return rc == MODEL_ADDR_UNKNOWN ? CLI_NOTFOUND : CLI_ERROR;
}

/* An item index by its id as stored (exact, then as model_find takes it). */
static int item_index(const struct model *m, const char *id)
{
	return *id ? model_find(m, id) : -1;
}

/* seconds since the epoch as 2026-11-29T20:15:56Z (TSV, JSON) */
static void iso_time(char *buf, size_t size, long long t)
{
	time_t tt = (time_t)t;
	struct tm tm;
	gmtime_r(&tt, &tm);
	strftime(buf, size, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

/* --- anli mark ID read|unread|reviewed|needs-fix|none */

int cmd_mark(const struct opts *o)
{
	if (o->format)
		return cli_usage_error("%s", _("mark prints nothing: --format does not apply"));
	if (o->nargs != 2)
		return cli_usage_error("%s", _("mark: expected an ID and read, unread, reviewed, needs-fix or none"));
	const char *what = o->args[1];
	int read = -1, review = -1;
	if (!strcmp(what, "read"))
		read = 1;
	else if (!strcmp(what, "unread"))
		read = 0;
	else if (!strcmp(what, "reviewed"))
		review = USER_REVIEW_OK;
	else if (!strcmp(what, "needs-fix"))
		review = USER_REVIEW_FIX;
	else if (!strcmp(what, "none"))
		review = USER_REVIEW_NONE;
	else
		return cli_usage_error(_("mark: '%s' is not read, unread, reviewed, needs-fix or none"), what);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct model_addr a;
	int rc = resolve(m, o->args[0], &a);
	if (rc != CLI_OK) {
		model_close(m);
		return rc;
	}
	if (a.block >= 0) {
		rc = cli_usage_error(_("mark: '%s' names a paragraph; marks are per item (e.g. %s)"), o->args[0],
				     m->items[a.item].id);
		model_addr_free(&a);
		model_close(m);
		return rc;
	}
	const char *id = m->items[a.item].id;
	struct user *u = open_state(o);
	rc = CLI_ERROR;
	if (user_active(u)) {
		char fp[17];
		fingerprint(m, fp);
		struct anli_err err;
		int r = read >= 0 ? user_read_set(u, id, read, fp, &err) : user_review_set(u, id, review, fp, &err);
		if (r)
			cli_error("%s", err.msg);
		else
			rc = CLI_OK;
	}
	user_close(u);
	model_addr_free(&a);
	model_close(m);
	return rc;
}

/* --- anli bookmarks [list] | add ID:N | rm ID:N */

/* The blocks of each item, read once when first needed. */
struct cache {
	struct model *m;
	struct model_block **b;
	int *nb;
	char *tried;
};

static void cache_init(struct cache *c, struct model *m)
{
	c->m = m;
	c->b = xcalloc((size_t)m->nitems, sizeof *c->b);
	c->nb = xcalloc((size_t)m->nitems, sizeof *c->nb);
	c->tried = xcalloc((size_t)m->nitems, 1);
}

/* The blocks of item i, or -1 (the error said on stderr) */
static int cache_get(struct cache *c, int i, const struct model_block **b, int *nb)
{
	if (!c->tried[i]) {
		struct anli_err err;
		c->tried[i] = 1;
		if (model_blocks(c->m, i, &c->b[i], &c->nb[i], &err)) {
			cli_error("%s", err.msg);
			c->b[i] = NULL;
			c->nb[i] = 0;
		}
	}
	*b = c->b[i];
	*nb = c->nb[i];
	return c->b[i] ? 0 : -1;
}

static void cache_free(struct cache *c)
{
	for (int i = 0; i < c->m->nitems; i++)
		model_blocks_free(c->b[i], c->nb[i]);
	free(c->b);
	free(c->nb);
	free(c->tried);
}

/* What a bookmark (or any state on a block) is in today's book. */
struct place {
	int item;          /* -1: the item is gone */
	int block;         /* -1: the block is gone */
	struct sbuf addr;  /* "c27:5" or the block id; empty when gone */
	struct sbuf cite;  /* "工作成效 第3段" */
	struct sbuf words; /* the first words */
};

static int place_of(struct cache *c, const char *item_id, const char *block_id, struct place *p)
{
	p->item = item_index(c->m, item_id);
	p->block = -1;
	sbuf_init(&p->addr);
	sbuf_init(&p->cite);
	sbuf_init(&p->words);
	if (p->item < 0)
		return 0;
	const struct model_block *b;
	int nb;
	if (cache_get(c, p->item, &b, &nb))
		return -1;
	p->block = addr_block_index(b, nb, block_id);
	if (p->block < 0)
		return 0;
	int n = addr_para_number(b, nb, p->block);
	if (n)
		sbuf_printf(&p->addr, "%s:%d", c->m->items[p->item].id, n);
	else
		sbuf_adds(&p->addr, b[p->block].id);
	addr_cite(b, nb, p->block, &p->cite);
	const char *t = b[p->block].text;
	size_t cut = util_utf8_skip(t, 24);
	sbuf_addn(&p->words, t, cut);
	if (t[cut])
		sbuf_adds(&p->words, "…");
	return 0;
}

static void place_free(struct place *p)
{
	sbuf_free(&p->addr);
	sbuf_free(&p->cite);
	sbuf_free(&p->words);
}

static int bookmarks_list(const struct opts *o)
{
	static const char *const formats[] = {"tsv", "json", "table", NULL};
	const char *fmt = o->format ? o->format : cli_want_table(o) ? "table" : "tsv";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("bookmarks: unknown format '%s' (tsv, json or table)"), fmt);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct user *u = open_state(o);
	struct user_bookmark *bm;
	int n, rc = CLI_OK;
	struct anli_err err;
	if (user_bookmarks(u, &bm, &n, &err)) {
		cli_error("%s", err.msg);
		user_close(u);
		model_close(m);
		return CLI_ERROR;
	}
	struct cache c;
	cache_init(&c, m);
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
		struct place p;
		if (place_of(&c, bm[k].item_id, bm[k].block_id, &p)) {
			rc = CLI_ERROR;
			place_free(&p);
			break;
		}
		char when[32];
		iso_time(when, sizeof when, bm[k].created);
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
		place_free(&p);
	}
	if (table) {
		table_print(t, &out, cli_term_width(), cli_want_color(o));
		table_free(t);
	} else if (json) {
		json_end_array(&j);
	}
	free(bm);
	cache_free(&c);
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
	struct user *u = open_state(o);
	rc = CLI_ERROR;
	if (user_active(u)) {
		int done = 0, r;
		if (add) {
			char fp[17];
			fingerprint(m, fp);
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

/* --- anli progress */

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
	struct user *u = open_state(o);
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
		int i = item_index(m, mk[k].item_id);
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

/* --- anli doctor */

/* State on a block or an item this build of the book does not have. */
struct detached {
	const char *kind; /* "position", "history", "bookmark", "read", "review" */
	char item_id[USER_ID_MAX];
	char block_id[USER_ID_MAX];
	int item_found;
	struct sbuf fallback; /* the block it falls back to, and its address */
	struct sbuf fallback_addr;
};

struct dlist {
	struct detached *v;
	int n, cap;
};

/* Check one piece of state: add it to the list when its item or block is
 * gone.  -1 on a database error (said). */
static int check_ref(struct cache *c, struct dlist *d, const char *kind, const char *item_id, const char *block_id)
{
	int i = item_index(c->m, item_id);
	const struct model_block *b = NULL;
	int nb = 0, k = -1;
	if (i >= 0) {
		if (cache_get(c, i, &b, &nb))
			return -1;
		if (!*block_id || addr_block_index(b, nb, block_id) >= 0)
			return 0; /* attached */
		k = addr_nearest(b, nb, block_id);
	}
	for (int x = 0; x < d->n; x++)
		if (!strcmp(d->v[x].kind, kind) && !strcmp(d->v[x].item_id, item_id) &&
		    !strcmp(d->v[x].block_id, block_id))
			return 0; /* history holds many entries on one block: listed once */
	if (d->n == d->cap) {
		d->cap = d->cap ? d->cap * 2 : 16;
		d->v = xrealloc(d->v, sizeof *d->v * (size_t)d->cap);
	}
	struct detached *x = &d->v[d->n++];
	x->kind = kind;
	snprintf(x->item_id, sizeof x->item_id, "%s", item_id);
	snprintf(x->block_id, sizeof x->block_id, "%s", block_id);
	x->item_found = i >= 0;
	sbuf_init(&x->fallback);
	sbuf_init(&x->fallback_addr);
	if (k >= 0) {
		sbuf_adds(&x->fallback, b[k].id);
		int n = addr_para_number(b, nb, k);
		if (n)
			sbuf_printf(&x->fallback_addr, "%s:%d", c->m->items[i].id, n);
		else
			sbuf_adds(&x->fallback_addr, b[k].id);
	}
	return 0;
}

int cmd_doctor(const struct opts *o)
{
	static const char *const formats[] = {"text", "tsv", "json", NULL};
	const char *fmt = o->format ? o->format : "text";
	if (!cli_format_is(fmt, formats))
		return cli_usage_error(_("doctor: unknown format '%s' (text, tsv or json)"), fmt);
	if (o->nargs)
		return cli_usage_error(_("doctor: unexpected argument '%s'"), o->args[0]);
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct user *u = open_state(o);
	if (!user_active(u)) {
		user_close(u);
		model_close(m);
		return cli_error("%s", _("doctor: no state file in use (see the message above)"));
	}
	struct anli_err err;
	struct sbuf detail;
	sbuf_init(&detail);
	int ok = 1, rc = CLI_OK;
	struct cache c;
	cache_init(&c, m);
	struct dlist d = {0};
	struct user_pos pos, *hist = NULL;
	struct user_bookmark *bm = NULL;
	struct user_mark *mk = NULL;
	int nh = 0, nbm = 0, nmk = 0;
	if (user_integrity(u, &ok, &detail, &err) || user_pos_load(u, &pos, &err) ||
	    user_history(u, USER_HISTORY_MAX, &hist, &nh, &err) || user_bookmarks(u, &bm, &nbm, &err) ||
	    user_marks(u, &mk, &nmk, &err)) {
		rc = cli_error("%s", err.msg);
		goto done;
	}
	if (pos.item_id[0] && check_ref(&c, &d, "position", pos.item_id, pos.block_id))
		rc = CLI_ERROR;
	for (int k = 0; k < nh && rc == CLI_OK; k++)
		if (check_ref(&c, &d, "history", hist[k].item_id, hist[k].block_id))
			rc = CLI_ERROR;
	for (int k = 0; k < nbm && rc == CLI_OK; k++)
		if (check_ref(&c, &d, "bookmark", bm[k].item_id, bm[k].block_id))
			rc = CLI_ERROR;
	for (int k = 0; k < nmk && rc == CLI_OK; k++)
		if (check_ref(&c, &d, mk[k].read ? "read" : "review", mk[k].item_id, ""))
			rc = CLI_ERROR;
	if (rc != CLI_OK)
		goto done;
	int found, now;
	const char *minr;
	user_versions(u, &found, &now, &minr);
	struct sbuf out;
	sbuf_init(&out);
	if (!strcmp(fmt, "json")) {
		struct json j;
		json_init(&j, &out);
		json_begin_object(&j);
		json_key(&j, "path"), json_str(&j, user_path(u));
		json_key(&j, "journal_mode"), json_str(&j, user_journal(u));
		json_key(&j, "schema"), json_int(&j, now);
		json_key(&j, "schema_found"), json_int(&j, found);
		json_key(&j, "schema_supported"), json_int(&j, USER_SCHEMA_VERSION);
		json_key(&j, "min_reader"), json_str(&j, minr);
		json_key(&j, "integrity"), json_str(&j, ok ? "ok" : detail.s);
		json_key(&j, "detached");
		json_begin_array(&j);
		for (int k = 0; k < d.n; k++) {
			json_begin_object(&j);
			json_key(&j, "state"), json_str(&j, d.v[k].kind);
			json_key(&j, "item"), json_str(&j, d.v[k].item_id);
			json_key(&j, "item_found"), json_bool(&j, d.v[k].item_found);
			json_key(&j, "block_id"), json_str(&j, d.v[k].block_id[0] ? d.v[k].block_id : NULL);
			json_key(&j, "fallback"), json_str(&j, d.v[k].fallback.len ? d.v[k].fallback.s : NULL);
			json_key(&j, "fallback_address"),
				json_str(&j, d.v[k].fallback_addr.len ? d.v[k].fallback_addr.s : NULL);
			json_end_object(&j);
		}
		json_end_array(&j);
		json_end_object(&j);
	} else if (!strcmp(fmt, "tsv")) {
		sbuf_adds(&out, "state\titem\tblock_id\tfallback\tfallback_address\n");
		for (int k = 0; k < d.n; k++) {
			out_tsv(&out, d.v[k].kind, 0);
			out_tsv(&out, d.v[k].item_id, 0);
			out_tsv(&out, d.v[k].block_id, 0);
			out_tsv(&out, d.v[k].fallback.s, 0);
			out_tsv(&out, d.v[k].fallback_addr.s, 1);
		}
	} else {
		/* line by line: each sanitised (a path or id could hold a
		 * control character), then its newline */
		struct sbuf l;
		sbuf_init(&l);
#define LINE(...)                                                          \
	do {                                                               \
		l.len = 0;                                                 \
		sbuf_printf(&l, __VA_ARGS__);                              \
		size_t n_;                                                 \
		char *clean_ = lay_sanitize(l.s, l.len, &n_);              \
		sbuf_addn(&out, clean_, n_);                               \
		sbuf_addc(&out, '\n');                                     \
		free(clean_);                                              \
	} while (0)
		LINE(_("state file: %s"), user_path(u));
		LINE(_("journal mode: %s"), user_journal(u));
		LINE(_("schema: version %d (found %d; this anli writes %d; usable by anli %s or newer)"), now, found,
		     USER_SCHEMA_VERSION, minr[0] ? minr : "?");
		LINE(_("integrity: %s"), ok ? "ok" : detail.s);
		if (!d.n)
			LINE("%s", _("all state is on items and blocks of this book"));
		for (int k = 0; k < d.n; k++) {
			const struct detached *x = &d.v[k];
			if (!x->item_found)
				LINE(_("%s on %s: this book has no item '%s' (kept)"), x->kind,
				     x->block_id[0] ? x->block_id : x->item_id, x->item_id);
			else
				LINE(_("%s on %s: no such block in %s (kept); falls back to %s (%s)"), x->kind,
				     x->block_id, x->item_id, x->fallback.s, x->fallback_addr.s);
		}
#undef LINE
		sbuf_free(&l);
	}
	rc = cli_flush(&out);
	if (rc == CLI_OK && !ok)
		rc = cli_error(_("%s: integrity check failed: %s"), user_path(u), detail.s);
	else if (rc == CLI_OK && d.n)
		rc = CLI_NOTFOUND;
done:
	for (int k = 0; k < d.n; k++) {
		sbuf_free(&d.v[k].fallback);
		sbuf_free(&d.v[k].fallback_addr);
	}
	free(d.v);
	free(hist);
	free(bm);
	free(mk);
	sbuf_free(&detail);
	cache_free(&c);
	user_close(u);
	model_close(m);
	return rc;
}
