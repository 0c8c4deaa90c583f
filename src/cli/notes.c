/* notes.c — anli notes add | edit | resolve | reopen | delete | import, and
 * what the notes commands share (notecmd.h): the notes file, anchors.
 * list and export are in notes_export.c, show --notes in notes_show.c.
 * The store is src/user/notes.c (notes.h); these are its command line. */
#include "cmd.h"
#include "notecmd.h"

#include "anli/addr.h"
#include "anli/i18n.h"
#include "anli/msg.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

struct user *notecmd_open(const struct opts *o)
{
	char *path = notes_path(o->notes);
	struct user *u;
	if (path) {
		struct anli_err note;
		u = user_open(path, ANLI_VERSION, USER_SHARED, &note);
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

/* --- add and edit */

/* The operands from `first` on joined by blanks: the remark (NULL: none). */
static char *join_text(const struct opts *o, int first)
{
	if (o->nargs <= first)
		return NULL;
	struct sbuf b;
	sbuf_init(&b);
	for (int k = first; k < o->nargs; k++) {
		if (k > first)
			sbuf_addc(&b, ' ');
		sbuf_adds(&b, o->args[k]);
	}
	return sbuf_take(&b);
}

static int parse_kind(const char *s, int *kind)
{
	*kind = note_kind_parse(s);
	if (*kind >= 0)
		return CLI_OK;
	return cli_usage_error(_("--kind: '%s' is not 疑, 改, 删 or 增 (query, fix, delete, insert)"), s);
}

/* A kind with its quote and fix: does it make sense? */
static int check_fields(int kind, const char *quote, const char *fix, const char *text)
{
	const char *k = note_kind_name(kind);
	if ((kind == ANCHOR_QUERY || kind == ANCHOR_DELETE) && fix)
		return cli_usage_error(_("a %s note has no fix (drop --fix, or --kind=改)"), k);
	if ((kind == ANCHOR_REPLACE || kind == ANCHOR_INSERT) && !fix)
		return cli_usage_error(_("a %s note needs --fix (the new text)"), k);
	if (kind != ANCHOR_QUERY && !*quote)
		return cli_usage_error(_("a %s note needs --quote (the text it changes)"), k);
	if (kind == ANCHOR_QUERY && !*quote && !*text)
		return cli_usage_error("%s", _("a query needs TEXT (the remark) or --quote"));
	return CLI_OK;
}

/* Find typed quote q in the anchor's text: fill sel with the book's exact
 * text.  More than one occurrence: --occurrence picks, else an error
 * listing them. */
static int match_quote(const struct opts *o, const struct model *m, const struct notecmd_anchor *a, const char *q,
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

static void sel_empty(struct anchor_sel *sel)
{
	sel->quote = xstrdup("");
	sel->prefix = xstrdup("");
	sel->suffix = xstrdup("");
	sel->offset = 0;
}

static int notes_add_cmd(const struct opts *o)
{
	if (o->nargs < 2)
		return cli_usage_error("%s", _("notes add: expected ID:N (or a block id, ID:title) and TEXT"));
	if (o->no_fix)
		return cli_usage_error("%s", _("--no-fix applies to 'notes edit' only"));
	int kind = o->fix ? ANCHOR_REPLACE : ANCHOR_QUERY, rc;
	if (o->kind && (rc = parse_kind(o->kind, &kind)) != CLI_OK)
		return rc;
	char *text = join_text(o, 2);
	if ((rc = check_fields(kind, o->quote ? o->quote : "", o->fix, text ? text : "")) != CLI_OK) {
		free(text);
		return rc;
	}
	struct model *m = cli_open_db(o);
	if (!m) {
		free(text);
		return CLI_ERROR;
	}
	struct state_cache c;
	state_cache_init(&c, m);
	struct notecmd_anchor a;
	struct note n;
	memset(&n, 0, sizeof n);
	rc = notecmd_anchor_parse(&c, o->args[1], &a);
	if (rc != CLI_OK)
		goto out_model;
	if (o->quote)
		rc = match_quote(o, m, &a, o->quote, &n.sel);
	else if (o->occurrence)
		rc = cli_usage_error("%s", _("--occurrence picks among the places of --quote: give --quote"));
	else
		sel_empty(&n.sel);
	if (rc != CLI_OK)
		goto out_anchor;
	struct user *u = notecmd_open(o);
	if (!u) {
		rc = CLI_ERROR;
		goto out_anchor;
	}
	struct sbuf cite;
	sbuf_init(&cite);
	notecmd_cite(m, &a, &cite);
	n.kind = kind;
	snprintf(n.item_id, sizeof n.item_id, "%s", m->items[a.item].id);
	snprintf(n.anchor_id, sizeof n.anchor_id, "%s", a.id);
	n.fix = o->fix ? xstrdup(o->fix) : NULL;
	n.text = text ? text : xstrdup("");
	text = NULL;
	n.cite = sbuf_take(&cite);
	n.anchor_state = ANCHOR_EXACT;
	state_fingerprint(m, n.book);
	n.status = NOTE_OPEN;
	struct anli_err err;
	if (notes_add(u, &n, &err)) {
		rc = cli_error("%s", err.msg);
	} else {
		printf("%lld\n", n.num);
		rc = fflush(stdout) ? cli_error("%s", _("standard output")) : CLI_OK;
	}
	user_close(u);
out_anchor:
	notecmd_anchor_free(&a);
out_model:
	note_clear(&n);
	free(text);
	state_cache_free(&c);
	model_close(m);
	return rc;
}

/* Look a note up by its number or uuid prefix: CLI_OK, or the error said. */
static int get_note(struct user *u, const char *key, struct note *n)
{
	struct anli_err err;
	memset(n, 0, sizeof *n);
	int r = notes_get(u, key, 0, n, &err);
	if (r == 0)
		return CLI_OK;
	cli_error("%s", err.msg);
	return r == 1 ? CLI_NOTFOUND : CLI_ERROR;
}

static int notes_edit_cmd(const struct opts *o)
{
	if (o->nargs < 2)
		return cli_usage_error("%s", _("notes edit: expected NOTE (its number or a uuid prefix)"));
	if (o->fix && o->no_fix)
		return cli_usage_error("%s", _("--fix and --no-fix contradict each other"));
	if (!o->kind && !o->quote && !o->fix && !o->no_fix && o->nargs < 3)
		return cli_usage_error("%s", _("notes edit: nothing to change (--kind, --quote, --fix, --no-fix or TEXT)"));
	int kind = -1, rc;
	if (o->kind && (rc = parse_kind(o->kind, &kind)) != CLI_OK)
		return rc;
	struct model *m = cli_open_db(o);
	if (!m)
		return CLI_ERROR;
	struct user *u = notecmd_open(o);
	if (!u) {
		model_close(m);
		return CLI_ERROR;
	}
	struct state_cache c;
	state_cache_init(&c, m);
	struct note n;
	struct notecmd_anchor a;
	memset(&a, 0, sizeof a);
	sbuf_init(&a.field_text);
	if ((rc = notecmd_resolve(u, m)) != CLI_OK || (rc = get_note(u, o->args[1], &n)) != CLI_OK)
		goto out;
	if (kind >= 0)
		n.kind = kind;
	if (o->no_fix) {
		free(n.fix);
		n.fix = NULL;
	} else if (o->fix) {
		free(n.fix);
		n.fix = xstrdup(o->fix);
	}
	if (o->nargs >= 3) {
		free(n.text);
		n.text = join_text(o, 2);
	}
	if (o->quote) {
		notecmd_anchor_free(&a);
		if (notecmd_anchor_at(&c, n.item_id, n.anchor_id, &a)) {
			rc = CLI_ERROR;
			goto out_note;
		}
		if (!a.text || n.anchor_state == ANCHOR_ORPHANED) {
			rc = cli_error(_("note %lld: its place %s is not in this build of the book: its quote cannot "
					 "be matched"),
				       n.num, n.cite ? n.cite : n.anchor_id);
			goto out_note;
		}
		struct anchor_sel sel;
		if ((rc = match_quote(o, m, &a, o->quote, &sel)) != CLI_OK)
			goto out_note;
		anchor_sel_free(&n.sel);
		n.sel = sel;
	}
	if ((rc = check_fields(n.kind, n.sel.quote ? n.sel.quote : "", n.fix, n.text ? n.text : "")) != CLI_OK)
		goto out_note;
	struct anli_err err;
	int r = notes_update(u, &n, &err);
	rc = r == 0 ? CLI_OK : cli_error("%s", err.msg);
out_note:
	note_clear(&n);
out:
	notecmd_anchor_free(&a);
	state_cache_free(&c);
	user_close(u);
	model_close(m);
	return rc;
}

/* resolve, reopen, delete: set a field, retrying when another process
 * edited the note meanwhile (notes_update refuses a stale revision) */
static int notes_set_cmd(const struct opts *o, const char *sub)
{
	if (o->nargs != 2)
		return cli_usage_error(_("notes %s: expected one NOTE (its number or a uuid prefix)"), sub);
	struct user *u = notecmd_open(o);
	if (!u)
		return CLI_ERROR;
	int rc = CLI_ERROR;
	for (int attempt = 0; attempt < 5; attempt++) {
		struct note n;
		if ((rc = get_note(u, o->args[1], &n)) != CLI_OK)
			break;
		if (!strcmp(sub, "delete"))
			n.deleted = 1;
		else
			n.status = !strcmp(sub, "resolve") ? NOTE_RESOLVED : NOTE_OPEN;
		struct anli_err err;
		int r = notes_update(u, &n, &err);
		note_clear(&n);
		if (r == 0) {
			rc = CLI_OK;
			break;
		}
		rc = cli_error("%s", err.msg);
		if (r < 0)
			break;
	}
	user_close(u);
	return rc;
}

static int notes_import_cmd(const struct opts *o)
{
	if (o->nargs != 2)
		return cli_usage_error("%s", _("notes import: expected one FILE.json (from 'anli notes export "
					       "--format=json')"));
	struct anli_err err;
	size_t len;
	char *json = util_read_file(o->args[1], &len, &err);
	if (!json)
		return cli_error("%s", err.msg);
	if (strlen(json) != len) {
		free(json);
		return cli_error(_("%s: not a JSON export of notes (it holds a NUL byte)"), o->args[1]);
	}
	struct user *u = notecmd_open(o);
	if (!u) {
		free(json);
		return CLI_ERROR;
	}
	struct notes_import_counts n;
	memset(&n, 0, sizeof n);
	int rc = CLI_OK;
	if (notes_import(u, json, &n, &err))
		rc = cli_error("%s", err.msg);
	else
		printf(_("added %d, updated %d, unchanged %d, deleted %d, conflicts %d\n"), n.added, n.updated,
		       n.unchanged, n.deleted, n.conflicts);
	free(json);
	user_close(u);
	return rc;
}

int cmd_notes(const struct opts *o)
{
	const char *sub = o->nargs ? o->args[0] : "list";
	int listing = !strcmp(sub, "list") || !strcmp(sub, "export");
	if (!listing && (o->status || o->item || o->chapter || o->bom))
		return cli_usage_error(_("notes %s: --status, --item, --chapter and --bom apply to list and export"),
				       sub);
	if (strcmp(sub, "add") && strcmp(sub, "edit") && (o->kind || o->quote || o->fix || o->no_fix || o->occurrence))
		return cli_usage_error(_("notes %s: --kind, --quote, --fix and --occurrence apply to add and edit"),
				       sub);
	if (!listing && o->format)
		return cli_usage_error(_("notes %s: --format does not apply"), sub);
	if (!strcmp(sub, "list"))
		return notecmd_list(o);
	if (!strcmp(sub, "export"))
		return notecmd_export(o);
	if (!strcmp(sub, "add"))
		return notes_add_cmd(o);
	if (!strcmp(sub, "edit"))
		return notes_edit_cmd(o);
	if (!strcmp(sub, "resolve") || !strcmp(sub, "reopen") || !strcmp(sub, "delete"))
		return notes_set_cmd(o, sub);
	if (!strcmp(sub, "import"))
		return notes_import_cmd(o);
	return cli_usage_error(_("notes: '%s' is not add, list, edit, resolve, reopen, delete, export or import"),
			       sub);
}
