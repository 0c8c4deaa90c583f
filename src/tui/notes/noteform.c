/* noteform.c — the note form in the reader: `a` on the paragraph cursor's
 * paragraph, `e` on a note; the form itself is form.h's (pure), drawn at
 * the bottom of the text pane.  Here: the quote (the current search match
 * in the paragraph, else typed and matched with anchor_find_typed; of
 * several occurrences the user picks one, shown in the text), saving
 * (notes_add / notes_update, one transaction each; a failure keeps the form
 * and its text, with the message), Esc (the draft kept, or the form kept
 * when it cannot be).  The draft, the form's place and drawing:
 * notedraft.c. */
#include "anli/addr.h"
#include "anli/form.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/session.h"
#include "anli/tnotes.h"
#include "tnotes_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>


static int cplen_n(const char *s, size_t n)
{
	char *c = xstrndup(s, n);
	int k = anchor_cplen(c);
	free(c);
	return k;
}

int tnotes_form_open(const struct app *a)
{
	return a->notes && a->notes->form;
}

int tnotes_form_alt(const struct app *a, const struct in_event *ev)
{
	const struct noteform *nf = tnotes_form_open(a) ? a->notes->form : NULL;
	return nf && !nf->f.asking && a->notes->npick <= 1 && nf->f.field != FORM_KIND && eb_key_of(ev);
}

/* The anchor's text: a block of the open item. */
static const char *form_anchor_text(const struct app *a, const struct noteform *nf)
{
	if (strcmp(a->m->items[a->item].id, nf->item_id))
		return NULL;
	int k = addr_block_index(a->blocks, a->nblocks, nf->anchor_id);
	return k >= 0 ? a->blocks[k].text : NULL;
}

static void pick_free(struct app *a)
{
	struct noteform *nf = a->notes->form;
	free(nf->pstart);
	free(nf->plen);
	nf->pstart = nf->plen = NULL;
	a->notes->npick = 0;
}

void tnotes_form_close(struct app *a)
{
	struct tnotes *t = a->notes;
	struct noteform *nf = t->form;
	if (!nf)
		return;
	pick_free(a);
	form_free(&nf->f);
	free(nf->known);
	free(nf);
	t->form = NULL;
	a->on_hangup = NULL;
	term_form_mode(0);
	curs_set(0);
}

/* A hang-up (the main loop, after the signal): the text kept. */
static void on_hangup(struct app *a)
{
	tnotes_form_end(a);
}

void tnotes_form_end(struct app *a)
{
	struct noteform *nf = a->notes ? a->notes->form : NULL;
	if (!nf)
		return;
	struct anli_err err;
	tnotes_draft_save(a, form_draft(&nf->f), &err); /* "" (no text) removes it */
	tnotes_form_close(a);
}

/* Open the form: a draft for the same key offered back; the text pane
 * shown, the anchor's paragraph above the form. */
static void form_begin(struct app *a, struct noteform *nf)
{
	struct tnotes *t = a->notes;
	t->form = nf;
	tnotes_form_drafts(a); /* its own draft offered back; what cannot be saved said */
	a->on_hangup = on_hangup;
	term_form_mode(1);
	curs_set(1);
	nf->rows = nf->cols = -1; /* placed by tnotes_form_layout before the next frame */
}



static void cite_of(const struct app *a, int k, char *out, size_t size)
{
	struct sbuf s;
	sbuf_init(&s);
	sbuf_printf(&s, "%s:%d ", a->m->items[a->item].id, addr_para_number(a->blocks, a->nblocks, k));
	addr_cite(a->blocks, a->nblocks, k, &s);
	snprintf(out, size, "%s", s.s ? s.s : "");
	sbuf_free(&s);
}

void tnotes_form_add(struct app *a)
{
	int c = a->detail.cur;
	if (c < 0 || c >= a->nblocks || a->blocks[c].kind != MODEL_PARA) {
		snprintf(a->message, sizeof a->message, "%s", _("no paragraph here to annotate; J and K move the cursor"));
		return;
	}
	struct noteform *nf = xcalloc(1, sizeof *nf);
	snprintf(nf->item_id, sizeof nf->item_id, "%s", a->m->items[a->item].id);
	snprintf(nf->anchor_id, sizeof nf->anchor_id, "%s", a->blocks[c].id);
	snprintf(nf->key, sizeof nf->key, "new %s", nf->anchor_id);
	cite_of(a, c, nf->cite, sizeof nf->cite);
	/* the current search match, when it is in this paragraph, is the quote */
	if (a->cur_match >= 0 && a->cur_match < a->nmatches && a->matches[a->cur_match].block == c) {
		const struct match *m = &a->matches[a->cur_match];
		const char *text = a->blocks[c].text;
		nf->known = xstrndup(text + m->start, m->end - m->start);
		nf->kstart = cplen_n(text, m->start);
		nf->klen = anchor_cplen(nf->known);
	}
	char label[96];
	snprintf(label, sizeof label, "%s:%d", nf->item_id, addr_para_number(a->blocks, a->nblocks, c));
	form_init(&nf->f, ANCHOR_QUERY, label, nf->known, NULL, NULL);
	form_begin(a, nf);
}

void tnotes_form_edit(struct app *a, const struct note *n)
{
	if (strcmp(n->item_id, a->m->items[a->item].id)) {
		/* the note's paragraph first, so that its quote can be matched */
		if (sess_jump(a, n->item_id, n->anchor_id))
			return;
		a->notes_shown = 0;
	}
	struct noteform *nf = xcalloc(1, sizeof *nf);
	snprintf(nf->item_id, sizeof nf->item_id, "%s", n->item_id);
	snprintf(nf->anchor_id, sizeof nf->anchor_id, "%s", n->anchor_id);
	snprintf(nf->uuid, sizeof nf->uuid, "%s", n->uuid);
	nf->rev = n->rev;
	snprintf(nf->key, sizeof nf->key, "edit %s", n->uuid);
	snprintf(nf->cite, sizeof nf->cite, "%s", n->cite ? n->cite : "");
	nf->known = xstrdup(n->sel.quote ? n->sel.quote : "");
	nf->kstart = n->sel.offset;
	nf->klen = anchor_cplen(nf->known);
	char label[96];
	snprintf(label, sizeof label, "%s%lld", glyph(GLYPH_NOTE), n->num);
	form_init(&nf->f, n->kind, label, n->sel.quote, n->fix, n->text);
	form_begin(a, nf);
}

/* The span of occurrence nf->pick shown in the text, above the form. */
static void pick_show(struct app *a)
{
	struct tnotes *t = a->notes;
	struct noteform *nf = t->form;
	int k = addr_block_index(a->blocks, a->nblocks, nf->anchor_id);
	const char *text = a->blocks[k].text;
	size_t s = util_utf8_skip(text, (size_t)nf->pstart[nf->pick]);
	size_t e = s + util_utf8_skip(text + s, (size_t)nf->plen[nf->pick]);
	t->pickspan = (struct match){k, s, e};
	if (t->span && t->item == a->item)
		t->span[t->nspan] = t->pickspan; /* after the notes' quotes (room for one kept: tnotes_item_load) */
	char m[160];
	snprintf(m, sizeof m, _("Tab next  Enter save: %d of %d (shown in the text)"), nf->pick + 1, t->npick);
	form_set_message(&nf->f, m);
}

/* Save: the selector made (an edit whose quote is unchanged keeps its own:
 * keep), the note added or updated in one transaction.  Returns 0 (the
 * form closes), or -1 (it stays: the message says why). */
static int save(struct app *a, int start, int len, int keep)
{
	struct tnotes *t = a->notes;
	struct noteform *nf = t->form;
	const char *text = form_anchor_text(a, nf);
	struct note n;
	memset(&n, 0, sizeof n);
	struct anli_err err;
	int rc;
	if (nf->uuid[0]) {
		if ((rc = notes_get(t->u, nf->uuid, 0, &n, &err)) != 0) {
			form_set_message(&nf->f, err.msg);
			return -1;
		}
		if (n.rev != nf->rev) {
			form_set_message(&nf->f, _("the note was changed elsewhere meanwhile; Esc, then e again"));
			note_clear(&n);
			return -1;
		}
		if (!keep)
			anchor_sel_free(&n.sel);
		free(n.fix);
		free(n.text);
	} else {
		snprintf(n.item_id, sizeof n.item_id, "%s", nf->item_id);
		snprintf(n.anchor_id, sizeof n.anchor_id, "%s", nf->anchor_id);
		n.cite = xstrdup(nf->cite);
		snprintf(n.book, sizeof n.book, "%s", t->book);
		n.anchor_state = ANCHOR_EXACT;
	}
	if (keep && nf->uuid[0]) {
		/* the stored selector as it is (an orphan's context too) */
	} else if (!text || len == 0 || anchor_make(text, start, len, &n.sel)) {
		/* no quote (a remark on the paragraph), or an orphan's kept as it was */
		n.sel.quote = xstrdup(len && nf->known ? nf->known : "");
		n.sel.prefix = xstrdup("");
		n.sel.suffix = xstrdup("");
		n.sel.offset = len ? nf->kstart : 0;
	}
	n.kind = form_kind(&nf->f);
	const char *fix = form_text(&nf->f, FORM_FIX);
	n.fix = fix ? xstrdup(fix) : NULL;
	n.text = xstrdup(form_text(&nf->f, FORM_REMARK));
	rc = nf->uuid[0] ? notes_update(t->u, &n, &err) : notes_add(t->u, &n, &err);
	if (rc) {
		/* nothing lost: the form keeps its text; the draft too */
		form_set_message(&nf->f, err.msg);
		snprintf(a->message, sizeof a->message, "%s", err.msg);
		note_clear(&n);
		return -1;
	}
	snprintf(a->message, sizeof a->message, nf->uuid[0] ? _("note %s%lld saved") : _("note %s%lld added"),
		 glyph(GLYPH_NOTE), n.num);
	note_clear(&n);
	tnotes_draft_save(a, "", &err); /* saved: the draft goes */
	tnotes_form_close(a);
	tnotes_reload(a);
	return 0;
}

/* FORM_SAVE: where the quote is, then save (or pick first). */
static void try_save(struct app *a)
{
	struct tnotes *t = a->notes;
	struct noteform *nf = t->form;
	const char *q = form_text(&nf->f, FORM_QUOTE);
	if (!q[0]) {
		save(a, 0, 0, 0);
		return;
	}
	if (nf->known && !strcmp(q, nf->known)) {
		save(a, nf->kstart, nf->klen, 1);
		return;
	}
	const char *text = form_anchor_text(a, nf);
	int n = 0;
	pick_free(a);
	if (!text) {
		form_set_message(&nf->f, _("the note's paragraph is not in this build: its quote cannot change"));
		return;
	}
	if (anchor_find_typed(text, q, &nf->pstart, &nf->plen, &n) || n == 0) {
		char m[160];
		snprintf(m, sizeof m, _("quote not found in %s (spaces and full/half width are ignored)"), nf->cite);
		form_set_message(&nf->f, m);
		pick_free(a);
		return;
	}
	if (n == 1) {
		int s = nf->pstart[0], l = nf->plen[0];
		pick_free(a);
		save(a, s, l, 0);
		return;
	}
	t->npick = n; /* several: the user picks */
	nf->pick = 0;
	pick_show(a);
}

/* Esc, C-c: the text kept as a draft and the form closed; when the draft
 * cannot be saved the form stays (the text on screen) until a second Esc. */
static void cancel(struct app *a)
{
	struct noteform *nf = a->notes->form;
	const char *d = form_draft(&nf->f);
	struct anli_err err;
	if (!d[0]) {
		tnotes_draft_save(a, "", &err);
		tnotes_form_close(a);
		return;
	}
	if (nf->discard) {
		snprintf(a->message, sizeof a->message, "%s", _("the note's text is discarded (no draft could be saved)"));
		tnotes_form_close(a);
		return;
	}
	if (tnotes_draft_save(a, d, &err)) {
		nf->discard = 1;
		char m[sizeof nf->f.msg];
		snprintf(m, sizeof m, "%s", _("no draft can be saved: Esc again discards the text, C-s saves the note"));
		form_set_message(&nf->f, m);
		return; /* a->message: why (draft_save) */
	}
	snprintf(a->message, sizeof a->message, "%s",
		 nf->uuid[0] ? _("the note is kept as a draft: 'e' on the note offers it back")
			     : _("the note is kept as a draft: 'a' on its paragraph offers it back"));
	tnotes_form_close(a);
}

void tnotes_form_event(struct app *a, const struct in_event *ev)
{
	struct tnotes *t = a->notes;
	struct noteform *nf = t->form;
	if (ev->kind == IN_MOUSE || ev->kind == IN_IGNORED)
		return;
	if (t->npick > 1 && ev->kind != IN_PASTE_BEGIN && !ev->paste) {
		int key = keys_of_event(ev);
		if (key == '\t' || key == KEYC(INK_DOWN) || key == 'n' || key == KEYC(INK_BTAB) || key == KEYC(INK_UP) ||
		    key == 'p') {
			int d = key == '\t' || key == KEYC(INK_DOWN) || key == 'n' ? 1 : -1;
			nf->pick = (nf->pick + d + t->npick) % t->npick;
			pick_show(a);
			return;
		}
		if (key == '\r' || key == KEY_CTRL('s') || key == KEY_CTRL('x')) {
			int s = nf->pstart[nf->pick], l = nf->plen[nf->pick];
			pick_free(a);
			save(a, s, l, 0);
			return;
		}
		pick_free(a); /* any other key: back to the form */
		form_set_message(&nf->f, "");
		if (key == KEYC(INK_ESC))
			return;
	}
	switch (form_key(&nf->f, ev)) {
	case FORM_SAVE:
		try_save(a);
		break;
	case FORM_CANCEL:
		cancel(a);
		break;
	default:
		nf->discard = 0;
		break;
	}
}


