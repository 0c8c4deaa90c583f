/* notes_common.c — what the notes commands share (notecmd.h): the notes
 * file (--notes, $ANLI_NOTES, else the state file), bringing the notes up
 * to date with the book, a note's anchor in today's book, its address and
 * citation. */
#include "cmd.h"
#include "notecmd.h"

#include "anli/addr.h"
#include "anli/i18n.h"
#include "anli/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

int notecmd_begin(const struct opts *o, struct notecmd_ctx *x)
{
	memset(x, 0, sizeof *x);
	sbuf_init(&x->a.field_text);
	if (!(x->m = cli_open_db(o)))
		return CLI_ERROR;
	if (!(x->u = notecmd_open(o))) {
		model_close(x->m);
		return CLI_ERROR;
	}
	state_cache_init(&x->c, x->m);
	return CLI_OK;
}

void notecmd_end(struct notecmd_ctx *x)
{
	notecmd_anchor_free(&x->a);
	state_cache_free(&x->c);
	user_close(x->u);
	model_close(x->m);
}

struct user *notecmd_open(const struct opts *o)
{
	char *path = notes_path(o->notes);
	struct user *u;
	if (path) {
		struct anli_err note;
		u = user_open(path, ANLI_VERSION, USER_SHARED | USER_READ_ONLY, &note);
		if (note.msg[0])
			msg_error("anli", "%s", note.msg);
		free(path);
	} else {
		u = state_open(o);
	}
	if (!user_active(u)) {
		/* user_open said why */
		user_close(u);
		return NULL;
	}
	return u;
}

int notecmd_resolve(struct user *u, struct model *m)
{
	char fp[17];
	struct anli_err err;
	if (!user_writable(u)) /* a read-only file: its notes as last anchored */
		return CLI_OK;
	if (model_fingerprint(m, fp, &err) || notes_resolve(u, m, fp, NULL, &err))
		return cli_error("%s", err.msg);
	return CLI_OK;
}

static const char *const field_names[] = {NULL, "title", "subtitle", "byline"};

int notecmd_anchor_at(struct state_cache *c, const char *item_id, const char *anchor_id, struct notecmd_anchor *a)
{
	memset(a, 0, sizeof *a);
	sbuf_init(&a->field_text);
	a->block = -1;
	snprintf(a->id, sizeof a->id, "%s", anchor_id);
	a->item = state_item_index(c->m, item_id);
	if (a->item < 0)
		return 0;
	if (state_cache_get(c, a->item, &a->b, &a->nb))
		return -1;
	const struct model_item *it = &c->m->items[a->item];
	const char *colon = strrchr(anchor_id, ':');
	for (int f = NOTE_FIELD_TITLE; colon && f <= NOTE_FIELD_BYLINE; f++)
		if (!strcasecmp(colon + 1, field_names[f])) {
			a->field = f;
			if (f == NOTE_FIELD_TITLE)
				a->text = it->title;
			else if (f == NOTE_FIELD_SUBTITLE)
				a->text = it->subtitle;
			else {
				model_byline(it, &a->field_text);
				a->text = a->field_text.len ? a->field_text.s : NULL;
			}
			snprintf(a->id, sizeof a->id, "%s:%s", it->id, field_names[f]);
			return 0;
		}
	a->block = addr_block_index(a->b, a->nb, anchor_id);
	if (a->block >= 0)
		a->text = a->b[a->block].text;
	return 0;
}

int notecmd_anchor_parse(struct state_cache *c, const char *key, struct notecmd_anchor *a)
{
	memset(a, 0, sizeof *a);
	sbuf_init(&a->field_text);
	a->item = a->block = -1;
	const char *colon = strrchr(key, ':');
	for (int f = NOTE_FIELD_TITLE; colon && f <= NOTE_FIELD_BYLINE; f++)
		if (!strcasecmp(colon + 1, field_names[f])) {
			char item[USER_ID_MAX];
			snprintf(item, sizeof item, "%.*s", (int)(colon - key), key);
			int i = model_find(c->m, item);
			if (i < 0) {
				cli_error(_("no item '%s' (see 'anli list')"), item);
				return CLI_NOTFOUND;
			}
			if (notecmd_anchor_at(c, c->m->items[i].id, key, a))
				return CLI_ERROR;
			if (!a->text) {
				cli_error(_("%s: item %s has no %s"), key, c->m->items[i].id, field_names[f]);
				notecmd_anchor_free(a);
				return CLI_NOTFOUND;
			}
			return CLI_OK;
		}
	struct model_addr ma;
	int rc = state_resolve(c->m, key, &ma);
	if (rc != CLI_OK)
		return rc;
	if (ma.block < 0) {
		model_addr_free(&ma);
		return cli_usage_error(_("'%s' names an item; a note is on a paragraph (%s:1), a block id or %s:title"),
				       key, key, key);
	}
	char id[USER_ID_MAX];
	snprintf(id, sizeof id, "%s", ma.blocks[ma.block].id);
	int item = ma.item;
	model_addr_free(&ma);
	if (notecmd_anchor_at(c, c->m->items[item].id, id, a))
		return CLI_ERROR;
	return CLI_OK;
}

void notecmd_anchor_free(struct notecmd_anchor *a)
{
	sbuf_free(&a->field_text);
}

void notecmd_address(const struct model *m, const struct notecmd_anchor *a, struct sbuf *out)
{
	int n = a->block >= 0 ? addr_para_number(a->b, a->nb, a->block) : 0;
	if (n)
		sbuf_printf(out, "%s:%d", m->items[a->item].id, n);
	else
		sbuf_adds(out, a->id);
}

void notecmd_cite(const struct model *m, const struct notecmd_anchor *a, struct sbuf *out)
{
	notecmd_address(m, a, out);
	if (a->block >= 0 && addr_para_number(a->b, a->nb, a->block)) {
		sbuf_addc(out, ' ');
		addr_cite(a->b, a->nb, a->block, out);
	}
}

/* Find typed quote q in the anchor's text: fill sel with the book's exact
 * text.  More than one occurrence: --occurrence picks, else an error
 * listing them. */
int notecmd_match_quote(const struct opts *o, const struct model *m, const struct notecmd_anchor *a, const char *q,
		       struct anchor_sel *sel)
{
	int *st = NULL, *ln = NULL, n = 0, rc = CLI_OK;
	struct sbuf where;
	sbuf_init(&where);
	notecmd_address(m, a, &where);
	if (anchor_find_typed(a->text, q, &st, &ln, &n)) {
		rc = cli_usage_error("%s", _("--quote is blank"));
	} else if (n == 0) {
		size_t cut = util_utf8_skip(a->text, 20);
		rc = cli_error(_("--quote '%s' is not in the text of %s (%.*s%s)"), q, where.s, (int)cut, a->text,
			       a->text[cut] ? "…" : "");
		rc = CLI_NOTFOUND;
	} else if (n > 1 && !o->occurrence) {
		struct sbuf l;
		sbuf_init(&l);
		for (int k = 0; k < n; k++) {
			int from = st[k] > 6 ? st[k] - 6 : 0;
			size_t b0 = util_utf8_skip(a->text, (size_t)from), b1 = util_utf8_skip(a->text, (size_t)st[k]);
			size_t b2 = util_utf8_skip(a->text, (size_t)(st[k] + ln[k]));
			size_t b3 = util_utf8_skip(a->text, (size_t)(st[k] + ln[k] + 6));
			sbuf_printf(&l, "%s%d: …%.*s⟦%.*s⟧%.*s…", k ? "; " : "", k + 1, (int)(b1 - b0), a->text + b0,
				    (int)(b2 - b1), a->text + b1, (int)(b3 - b2), a->text + b2);
		}
		rc = cli_usage_error(_("--quote '%s' occurs %d times in %s (%s): pick one with --occurrence=N"), q, n,
				     where.s, l.s);
		sbuf_free(&l);
	} else if (o->occurrence > n) {
		rc = cli_usage_error(_("--occurrence=%d: '%s' occurs %d time(s) in %s"), o->occurrence, q, n, where.s);
	} else {
		int k = o->occurrence ? o->occurrence - 1 : 0;
		anchor_make(a->text, st[k], ln[k], sel);
	}
	free(st);
	free(ln);
	sbuf_free(&where);
	return rc;
}

void notecmd_sel_empty(struct anchor_sel *sel)
{
	sel->quote = xstrdup("");
	sel->prefix = xstrdup("");
	sel->suffix = xstrdup("");
	sel->offset = 0;
}
