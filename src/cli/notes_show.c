/* notes_show.c — anli show ID --notes: the item's text with its notes
 * inline: each quote marked ⟦…⟧ in the text, the notes of a block after
 * it, those of the title, subtitle and byline after the item's head, the
 * orphans at the end (cmd.h: notes_show_inline). */
#include "cmd.h"
#include "notecmd.h"

#include "anli/addr.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/out.h"

#include <stdlib.h>
#include <string.h>

/* One note's line: "    [#3 改] ⟦原文⟧ → 改为  remark — author (resolved)" */
static void note_line(struct sbuf *o, const struct note *n)
{
	struct sbuf l;
	sbuf_init(&l);
	sbuf_printf(&l, "    [#%lld %s]", n->num, note_kind_name(n->kind));
	if (n->sel.quote && *n->sel.quote)
		sbuf_printf(&l, " ⟦%s⟧", n->sel.quote);
	if (n->kind == ANCHOR_DELETE)
		sbuf_printf(&l, " → %s", _("(delete)"));
	else if (n->fix)
		sbuf_printf(&l, " → %s%s", n->kind == ANCHOR_INSERT ? "+" : "", n->fix);
	if (n->text && *n->text)
		sbuf_printf(&l, "  %s", n->text);
	sbuf_printf(&l, " — %s", n->author);
	if (n->status == NOTE_RESOLVED || n->anchor_state != ANCHOR_EXACT || n->applied) {
		sbuf_adds(&l, " (");
		int k = 0;
		if (n->status == NOTE_RESOLVED)
			sbuf_adds(&l, note_status_name(n->status)), k++;
		if (n->anchor_state != ANCHOR_EXACT)
			sbuf_printf(&l, "%s%s", k++ ? ", " : "", note_anchor_name(n->anchor_state));
		if (n->applied)
			sbuf_printf(&l, "%s%s", k++ ? ", " : "", _("applied"));
		sbuf_adds(&l, ")");
	}
	size_t len;
	char *clean = lay_sanitize(l.s, l.len, &len);
	sbuf_addn(o, clean, len);
	sbuf_addc(o, '\n');
	free(clean);
	sbuf_free(&l);
}

static int cmp_offset(const void *pa, const void *pb)
{
	const struct note *a = *(const struct note *const *)pa, *b = *(const struct note *const *)pb;
	return (a->sel.offset > b->sel.offset) - (a->sel.offset < b->sel.offset);
}

/* text with the quotes of notes v[0..n) (by offset) marked ⟦…⟧; overlapping
 * ones are not marked twice.  A new string. */
static char *mark_quotes(const char *text, struct note **v, int n)
{
	qsort(v, (size_t)n, sizeof *v, cmp_offset);
	struct sbuf b;
	sbuf_init(&b);
	size_t done = 0;
	for (int i = 0; i < n; i++) {
		int len = anchor_cplen(v[i]->sel.quote ? v[i]->sel.quote : "");
		if (!len)
			continue;
		size_t s = util_utf8_skip(text, (size_t)v[i]->sel.offset);
		size_t e = util_utf8_skip(text, (size_t)(v[i]->sel.offset + len));
		if (s < done || s == e || strncmp(text + s, v[i]->sel.quote, e - s))
			continue;
		sbuf_addn(&b, text + done, s - done);
		sbuf_adds(&b, "⟦");
		sbuf_addn(&b, text + s, e - s);
		sbuf_adds(&b, "⟧");
		done = e;
	}
	sbuf_adds(&b, text + done);
	return sbuf_take(&b);
}

int notes_show_inline(const struct opts *o, struct model *m, const struct model_addr *ma, struct sbuf *out)
{
	struct user *u = notecmd_open(o);
	if (!u)
		return CLI_ERROR;
	int rc = notecmd_resolve(u, m);
	struct note *v = NULL;
	int nv = 0;
	struct anli_err err;
	struct notes_filter f = NOTES_FILTER_ALL;
	f.item_id = m->items[ma->item].id;
	if (rc == CLI_OK && notes_list(u, &f, &v, &nv, &err))
		rc = cli_error("%s", err.msg);
	user_close(u);
	if (rc != CLI_OK)
		return rc;
	const struct model_item *it = &m->items[ma->item];
	const struct model_block *b = ma->blocks;
	int nb = ma->nblocks, width = o->width ? o->width : cli_stdout_tty() ? cli_term_width() : 0;
	/* which block each note is on: -1 the item's head, -2 none (orphan) */
	int *at = xcalloc((size_t)nv + 1, sizeof *at);
	struct note **on = xcalloc((size_t)nv + 1, sizeof *on);
	for (int i = 0; i < nv; i++) {
		const char *colon = strrchr(v[i].anchor_id, ':');
		int k = addr_block_index(b, nb, v[i].anchor_id);
		at[i] = v[i].anchor_state == ANCHOR_ORPHANED ? -2 : k >= 0 ? k
			: colon && strspn(colon + 1, "abcdefghijklmnopqrstuvwxyz") == strlen(colon + 1) ? -1
												: -2;
	}
	if (ma->block < 0) {
		out_text_show_ex(out, it, b, 0, width, -1, 0); /* the head: title, subtitle, byline */
		for (int i = 0; i < nv; i++)
			if (at[i] == -1)
				note_line(out, &v[i]);
		sbuf_addc(out, '\n');
	}
	struct model_block *mb = xcalloc((size_t)nb, sizeof *mb);
	memcpy(mb, b, (size_t)nb * sizeof *mb);
	for (int k = 0; k < nb; k++) {
		if (ma->block >= 0 && k != ma->block)
			continue;
		int non = 0;
		for (int i = 0; i < nv; i++)
			if (at[i] == k)
				on[non++] = &v[i];
		char *marked = non ? mark_quotes(b[k].text, on, non) : NULL;
		if (marked)
			mb[k].text = marked;
		out_text_show_ex(out, it, mb, nb, width, k, o->numbered);
		mb[k].text = b[k].text;
		free(marked);
		for (int i = 0; i < non; i++)
			note_line(out, on[i]);
		if (ma->block < 0 && k < nb - 1)
			sbuf_addc(out, '\n');
	}
	free(mb);
	int head = 0;
	for (int i = 0; i < nv && ma->block < 0; i++)
		if (at[i] == -2) {
			if (!head++)
				sbuf_printf(out, "\n%s\n", _("Notes whose place is not in this build of the book:"));
			note_line(out, &v[i]);
		}
	free(at);
	free(on);
	notes_free(v, nv);
	return CLI_OK;
}
