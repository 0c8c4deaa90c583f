/* notes.c — proofreading notes in the reader (see include/anli/tnotes.h):
 * the notes file, the counts for the tree and the list, the open item's
 * notes for the margin, the underline and the status line, the requests
 * (noteform.c, notedraft.c: the form; notereq.c: the other requests;
 * views/notes.c: the list). */
#include "anli/tnotes.h"

#include "anli/addr.h"
#include "anli/cli.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/session.h"
#include "anli/view.h"
#include "tnotes_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static void set_msg(struct app *a, const char *s)
{
	snprintf(a->message, sizeof a->message, "%s", s);
}

/* --- loading ------------------------------------------------------------- */

void tnotes_counts_load(struct app *a)
{
	struct tnotes *t = a->notes;
	memset(t->open, 0, ((size_t)a->m->nitems + 1) * sizeof *t->open);
	memset(t->chopen, 0, ((size_t)a->m->nchapters + 1) * sizeof *t->chopen);
	struct notes_count *c = NULL;
	int n = 0;
	struct anli_err err;
	if (!user_active(t->u))
		return;
	if (notes_counts(t->u, &c, &n, &err)) {
		set_msg(a, err.msg);
		return;
	}
	for (int k = 0; k < n; k++) {
		int i = model_find(a->m, c[k].item_id);
		if (i < 0)
			continue;
		t->open[i] = c[k].open;
		if (a->m->items[i].chapter >= 0)
			t->chopen[a->m->items[i].chapter] += c[k].open;
	}
	free(c);
}

/* Bytes of the first `cps` code points of s (an invalid byte is one). */
static size_t cp_bytes(const char *s, int cps)
{
	return cps > 0 ? util_utf8_skip(s, (size_t)cps) : 0;
}

/* The text and match key of anchor id in the open item: a block, or the
 * item's title, subtitle, byline ("c27:title"). */
static const char *anchor_text(const struct app *a, const char *anchor_id, int *key)
{
	int k = addr_block_index(a->blocks, a->nblocks, anchor_id);
	if (k >= 0) {
		*key = k;
		return a->blocks[k].text;
	}
	const char *c = strrchr(anchor_id, ':');
	const struct model_item *it = &a->m->items[a->item];
	*key = -100;
	if (c && !strcmp(c, ":title")) {
		*key = MATCH_TITLE;
		return it->title;
	}
	if (c && !strcmp(c, ":subtitle")) {
		*key = MATCH_SUBTITLE;
		return it->subtitle;
	}
	return NULL; /* the byline is composed: its notes are listed, not marked */
}

void tnotes_item_load(struct app *a)
{
	struct tnotes *t = a->notes;
	notes_free(t->in, t->nin);
	t->in = NULL;
	t->nin = 0;
	free(t->blk);
	t->blk = xcalloc((size_t)a->nblocks + 1, sizeof *t->blk);
	free(t->blkopen);
	t->blkopen = xcalloc((size_t)a->nblocks + 1, sizeof *t->blkopen);
	t->nspan = 0;
	t->title_notes = 0;
	t->title_open = 0;
	t->item = a->item;
	t->blocks = a->blocks;
	t->dirty = 0;
	struct notes_filter f = NOTES_FILTER_ALL;
	f.item_id = a->m->items[a->item].id;
	struct anli_err err;
	if (!user_active(t->u))
		return;
	if (notes_list(t->u, &f, &t->in, &t->nin, &err)) {
		set_msg(a, err.msg);
		return;
	}
	free(t->span);
	t->span = xcalloc((size_t)t->nin + 1, sizeof *t->span);
	for (int k = 0; k < t->nin; k++) {
		const struct note *n = &t->in[k];
		if (n->anchor_state == ANCHOR_ORPHANED)
			continue;
		int key;
		const char *text = anchor_text(a, n->anchor_id, &key);
		if (!text)
			continue;
		int open = n->status == NOTE_OPEN;
		if (key >= 0) {
			t->blk[key]++;
			t->blkopen[key] += open;
		} else {
			t->title_notes++;
			t->title_open += open;
		}
		const char *q = n->sel.quote;
		if (!q || !q[0] || !open)
			continue;
		size_t s = cp_bytes(text, n->sel.offset), ql = strlen(q);
		if (s + ql > strlen(text) || memcmp(text + s, q, ql)) {
			const char *p = strstr(text, q); /* not at its offset: the first one */
			if (!p)
				continue;
			s = (size_t)(p - text);
		}
		t->span[t->nspan++] = (struct match){key, s, s + ql};
	}
}

void tnotes_reload(struct app *a)
{
	tnotes_counts_load(a);
	tnotes_item_load(a);
	if (a->notes_shown)
		tnotes_list_fill(a);
}

void tnotes_start(struct app *a, const struct cli_start *st)
{
	struct tnotes *t = xcalloc(1, sizeof *t);
	a->notes = t;
	t->item = -1;
	t->open = xcalloc((size_t)a->m->nitems + 1, sizeof *t->open);
	t->chopen = xcalloc((size_t)a->m->nchapters + 1, sizeof *t->chopen);
	a->nlist.status = -1; /* every note; f and F filter */
	a->nlist.anchor = -1;
	struct anli_err err, note;
	char *path = notes_path(st ? st->notes : NULL);
	if (path) {
		/* a file that cannot be written is read: its notes shown, each
		 * edit refused with the store's message (the form keeps its text) */
		t->u = user_open(path, ANLI_VERSION, USER_SHARED | USER_READ_ONLY, &note);
		t->own = 1;
		if (note.msg[0])
			set_msg(a, note.msg);
		else if (user_active(t->u) && !user_writable(t->u))
			snprintf(a->message, sizeof a->message,
				 _("%s: the notes file is read-only: its notes are shown, edits are not saved"), path);
		free(path);
	} else {
		t->u = sess_user(a);
	}
	if (model_fingerprint(a->m, t->book, &err))
		t->book[0] = '\0';
	int changed = 0;
	if (user_writable(t->u) && t->book[0] && notes_resolve(t->u, a->m, t->book, &changed, &err))
		set_msg(a, err.msg);
	tnotes_counts_load(a);
	/* a form left with text in an earlier run: where its draft is */
	char *key = NULL, *fields = NULL;
	if (!a->message[0] && user_active(sess_user(a)) && !user_draft_load(sess_user(a), &key, &fields, &err) && key)
		tnotes_draft_hint(a, key);
	free(key);
	free(fields);
}

void tnotes_end(struct app *a)
{
	struct tnotes *t = a->notes;
	if (!t)
		return;
	tnotes_form_end(a); /* a form with text: its draft */
	tnotes_list_free(a);
	if (t->own)
		user_close(t->u);
	notes_free(t->in, t->nin);
	free(t->blk);
	free(t->blkopen);
	free(t->span);
	free(t->open);
	free(t->chopen);
	free(t);
	a->notes = NULL;
}

void tnotes_sync(struct app *a)
{
	struct tnotes *t = a->notes;
	if (t && (t->dirty || t->item != a->item || t->blocks != a->blocks))
		tnotes_item_load(a);
}

/* --- for drawing ----------------------------------------------------------- */

int tnotes_item_open(const struct app *a, int item)
{
	return a->notes && item >= 0 && item < a->m->nitems ? a->notes->open[item] : 0;
}

int tnotes_chapter_open(const struct app *a, int ch)
{
	return a->notes && ch >= 0 && ch < a->m->nchapters ? a->notes->chopen[ch] : 0;
}

int tnotes_on_block(const struct app *a, int b)
{
	const struct tnotes *t = a->notes;
	if (!t || t->item != a->item)
		return 0;
	if (b < 0)
		return b == MATCH_TITLE || b == MATCH_SUBTITLE ? t->title_notes : 0;
	return b < a->nblocks && t->blk ? t->blk[b] : 0;
}

int tnotes_open_on_block(const struct app *a, int b)
{
	const struct tnotes *t = a->notes;
	if (!t || t->item != a->item)
		return 0;
	if (b < 0)
		return b == MATCH_TITLE || b == MATCH_SUBTITLE ? t->title_open : 0;
	return b < a->nblocks && t->blkopen ? t->blkopen[b] : 0;
}

const struct match *tnotes_spans(const struct app *a, int *n, int *cur)
{
	const struct tnotes *t = a->notes;
	*cur = -1;
	*n = 0;
	if (!t || t->item != a->item)
		return NULL;
	if (t->form && t->npick > 1) { /* the occurrences of a typed quote: the one picked shown, after the quotes */
		if (!t->span) {
			*n = 1;
			*cur = 0;
			return &t->pickspan;
		}
		*n = t->nspan + 1;
		*cur = t->nspan;
		return t->span;
	}
	*n = t->nspan;
	return t->span;
}

/* "“原文”→“改为” 说明" of note n appended to out. */
void tnotes_describe(const struct note *n, struct sbuf *out)
{
	const char *q = n->sel.quote;
	if (q && q[0])
		sbuf_printf(out, "“%s”", q);
	if (n->fix)
		sbuf_printf(out, "→“%s”", n->fix);
	if (n->text[0])
		sbuf_printf(out, "%s%s", (q && q[0]) || n->fix ? " " : "", n->text);
}

/* The note of the cursor's paragraph that the status line shows and e, x,
 * D act on without the list: its first open one, else its first; *count
 * (if not NULL): how many notes it has.  NULL when none. */
const struct note *tnotes_para_note(const struct app *a, int *count)
{
	const struct tnotes *t = a->notes;
	int c = a->detail.cur, n = 0;
	const struct note *first = NULL, *open = NULL;
	for (int k = 0; t && t->item == a->item && c >= 0 && c < a->nblocks && k < t->nin; k++) {
		const struct note *x = &t->in[k];
		if (x->anchor_state == ANCHOR_ORPHANED || strcmp(x->anchor_id, a->blocks[c].id))
			continue;
		n++;
		if (!first)
			first = x;
		if (!open && x->status == NOTE_OPEN)
			open = x;
	}
	if (count)
		*count = n;
	return open ? open : first;
}

static void status_note(const struct note *n, struct sbuf *out)
{
	sbuf_printf(out, "%s%lld %s ", glyph(GLYPH_NOTE), n->num, note_kind_name(n->kind));
	if (n->status == NOTE_RESOLVED)
		sbuf_printf(out, "%s ", _("(resolved)"));
	tnotes_describe(n, out);
}

int tnotes_status(const struct app *a, struct sbuf *out)
{
	if (!a->notes)
		return 0;
	if (a->notes_shown && a->focus == PANE_LIST) { /* the list's selected note, in full */
		const struct noteslist_state *l = &a->nlist;
		if (!lv_selectable(&l->lv, l->lv.sel))
			return 0;
		status_note(&l->v[l->lv.sel], out);
		return 1;
	}
	int count;
	const struct note *n = tnotes_para_note(a, &count);
	if (!n)
		return 0;
	status_note(n, out);
	if (count > 1)
		sbuf_printf(out, _(" (+%d more: A lists them)"), count - 1);
	return 1;
}
