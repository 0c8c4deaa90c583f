/* doctor.c — anli doctor: the state file checked, and state the book no longer has (state.h) */
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
static int check_ref(struct state_cache *c, struct dlist *d, const char *kind, const char *item_id, const char *block_id)
{
	int i = state_item_index(c->m, item_id);
	const struct model_block *b = NULL;
	int nb = 0, k = -1;
	if (i >= 0) {
		if (state_cache_get(c, i, &b, &nb))
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
	struct user *u = state_open(o);
	if (!user_active(u)) {
		user_close(u);
		model_close(m);
		return cli_error("%s", _("doctor: no state file in use (see the message above)"));
	}
	struct anli_err err;
	struct sbuf detail;
	sbuf_init(&detail);
	int ok = 1, rc = CLI_OK;
	struct state_cache c;
	state_cache_init(&c, m);
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
	state_cache_free(&c);
	user_close(u);
	model_close(m);
	return rc;
}
