/* notes.c — anli notes add | edit | resolve | reopen | delete | import
 * and the dispatch of `anli notes`; what the notes commands share is in
 * notes_common.c (notecmd.h), list and export in notes_export.c, show
 * --notes in notes_show.c.  The store is src/user (notes.h); these are
 * its command line. */
#include "cmd.h"
#include "notecmd.h"

#include "anli/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
		rc = notecmd_match_quote(o, m, &a, o->quote, &n.sel);
	else if (o->occurrence)
		rc = cli_usage_error("%s", _("--occurrence picks among the places of --quote: give --quote"));
	else
		notecmd_sel_empty(&n.sel);
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
		rc = CLI_OK;
		if (printf("%lld\n", n.num) < 0 || fflush(stdout))
			rc = cli_error(_("note %lld added, but writing its number failed: %s"), n.num, strerror(errno));
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
	struct notecmd_ctx x;
	if (notecmd_begin(o, &x) != CLI_OK)
		return CLI_ERROR;
	struct model *m = x.m;
	struct user *u = x.u;
	struct state_cache *c = &x.c;
	struct notecmd_anchor *a = &x.a;
	struct note n;
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
		notecmd_anchor_free(a);
		if (notecmd_anchor_at(c, n.item_id, n.anchor_id, a)) {
			rc = CLI_ERROR;
			goto out_note;
		}
		if (!a->text || n.anchor_state == ANCHOR_ORPHANED) {
			rc = cli_error(_("note %lld: its place %s is not in this build of the book: its quote cannot "
					 "be matched"),
				       n.num, n.cite ? n.cite : n.anchor_id);
			goto out_note;
		}
		struct anchor_sel sel;
		if ((rc = notecmd_match_quote(o, m, a, o->quote, &sel)) != CLI_OK)
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
	notecmd_end(&x);
	return rc;
}

/* attach NOTE ADDR: re-attach a note (an orphan, typically) to another
 * place; its quote (or --quote) must be in the new anchor's text */
static int notes_attach_cmd(const struct opts *o)
{
	if (o->nargs != 3)
		return cli_usage_error("%s", _("notes attach: expected NOTE and ID:N (or a block id, ID:title)"));
	struct notecmd_ctx x;
	if (notecmd_begin(o, &x) != CLI_OK)
		return CLI_ERROR;
	struct model *m = x.m;
	struct user *u = x.u;
	struct state_cache *c = &x.c;
	struct notecmd_anchor *a = &x.a;
	struct note n;
	int rc = get_note(u, o->args[1], &n);
	if (rc != CLI_OK)
		goto out;
	if ((rc = notecmd_anchor_parse(c, o->args[2], a)) != CLI_OK)
		goto out_note;
	const char *q = o->quote ? o->quote : n.sel.quote ? n.sel.quote : "";
	struct anchor_sel sel;
	if (*q)
		rc = notecmd_match_quote(o, m, a, q, &sel);
	else
		notecmd_sel_empty(&sel);
	if (rc != CLI_OK)
		goto out_note;
	anchor_sel_free(&n.sel);
	n.sel = sel;
	struct sbuf cite;
	sbuf_init(&cite);
	notecmd_cite(m, a, &cite);
	free(n.cite);
	n.cite = sbuf_take(&cite);
	snprintf(n.item_id, sizeof n.item_id, "%s", m->items[a->item].id);
	snprintf(n.anchor_id, sizeof n.anchor_id, "%s", a->id);
	n.anchor_state = ANCHOR_EXACT;
	n.applied = 0;
	state_fingerprint(m, n.book);
	struct anli_err err;
	rc = notes_update(u, &n, &err) == 0 ? CLI_OK : cli_error("%s", err.msg);
out_note:
	note_clear(&n);
out:
	notecmd_end(&x);
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
		if (r < 0 || attempt == 4) { /* r == 1: edited meanwhile, read it again */
			rc = cli_error("%s", err.msg);
			break;
		}
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
	if (notes_import(u, json, o->args[1], &n, &err))
		rc = cli_error("%s", err.msg);
	else if (printf(_("added %d, updated %d, unchanged %d, deleted %d, conflicts %d\n"), n.added, n.updated,
			n.unchanged, n.deleted, n.conflicts) < 0 ||
		 fflush(stdout))
		rc = cli_error(_("%s: imported, but writing the counts failed: %s"), o->args[1], strerror(errno));
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
	int attach = !strcmp(sub, "attach");
	if (strcmp(sub, "add") && strcmp(sub, "edit") &&
	    (o->kind || o->fix || o->no_fix || (!attach && (o->quote || o->occurrence))))
		return cli_usage_error(_("notes %s: --kind, --quote, --fix and --occurrence apply to add and edit "
					 "(--quote and --occurrence to attach too)"),
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
	if (attach)
		return notes_attach_cmd(o);
	return cli_usage_error(_("notes: '%s' is not add, list, edit, resolve, reopen, delete, attach, export or "
				 "import"),
			       sub);
}
