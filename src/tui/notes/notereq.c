/* notereq.c — the notes' requests in the reader outside the form (see
 * include/anli/tnotes.h): a (the form: noteform.c), A (the list), e, x, D
 * (with its y/n question), the list's scope and filters; each edit one
 * transaction of the store, its error on the status line. */
#include "anli/tnotes.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/view.h"
#include "tnotes_int.h"

#include <stdio.h>
#include <string.h>

static void set_msg(struct app *a, const char *s)
{
	snprintf(a->message, sizeof a->message, "%s", s);
}

/* --- requests ------------------------------------------------------------ */

/* The note a key acts on: the notes list's selection (focused), else the
 * first note on the cursor's paragraph.  NULL (and a message) when none. */
static const struct note *target(struct app *a)
{
	if (a->notes_shown && a->focus == PANE_LIST) {
		const struct noteslist_state *l = &a->nlist;
		return lv_selectable(&l->lv, l->lv.sel) ? &l->v[l->lv.sel] : NULL;
	}
	const struct note *n = tnotes_para_note(a, NULL);
	if (!n)
		set_msg(a, _("no note here; A lists the notes"));
	return n;
}

/* x: resolved ↔ open, one transaction. */
static void toggle_resolved(struct app *a, const struct note *sel)
{
	struct note n;
	struct anli_err err;
	char key[24];
	snprintf(key, sizeof key, "%lld", sel->num);
	if (notes_get(a->notes->u, key, 0, &n, &err)) {
		set_msg(a, err.msg);
		return;
	}
	n.status = n.status == NOTE_OPEN ? NOTE_RESOLVED : NOTE_OPEN;
	if (notes_update(a->notes->u, &n, &err))
		set_msg(a, err.msg);
	else
		snprintf(a->message, sizeof a->message, n.status == NOTE_RESOLVED ? _("note %s%lld resolved")
										 : _("note %s%lld reopened"),
			 glyph(GLYPH_NOTE), n.num);
	note_clear(&n);
	tnotes_reload(a);
}

/* D: asks first (tnotes_event takes the answer). */
static void ask_delete(struct app *a, const struct note *n)
{
	a->notes->ask = n->num;
	snprintf(a->message, sizeof a->message, _("delete note %s%lld? (y/n)"), glyph(GLYPH_NOTE), n->num);
}

static void do_delete(struct app *a, long long num)
{
	struct note n;
	struct anli_err err;
	char key[24];
	snprintf(key, sizeof key, "%lld", num);
	if (notes_get(a->notes->u, key, 0, &n, &err)) {
		set_msg(a, err.msg);
		return;
	}
	n.deleted = 1;
	if (notes_update(a->notes->u, &n, &err))
		set_msg(a, err.msg);
	else
		snprintf(a->message, sizeof a->message, _("note %s%lld deleted"), glyph(GLYPH_NOTE), num);
	note_clear(&n);
	tnotes_reload(a);
}

int tnotes_request(struct app *a, enum request r)
{
	struct tnotes *t = a->notes;
	if (!t)
		return 0;
	const struct note *n;
	switch (r) {
	case REQ_NOTE_ADD:
		tnotes_form_add(a);
		return 1;
	case REQ_NOTES:
		if (a->notes_shown && a->focus == PANE_LIST) {
			tnotes_list_close(a); /* again: closed */
			return 1;
		}
		if (!a->notes_shown)
			a->notes_from = a->focus;
		a->nlist.scope_item = a->item;
		a->nlist.scope = 0; /* the open item's notes first; v widens */
		tnotes_list_fill(a);
		a->notes_shown = 1;
		a->marks_shown = 0;
		a->zoom = 0;
		a->focus = PANE_LIST;
		return 1;
	case REQ_NOTE_EDIT:
		if ((n = target(a)) != NULL)
			tnotes_form_edit(a, n);
		return 1;
	case REQ_NOTE_RESOLVE:
		if ((n = target(a)) != NULL)
			toggle_resolved(a, n);
		return 1;
	case REQ_NOTE_DELETE:
		if ((n = target(a)) != NULL)
			ask_delete(a, n);
		return 1;
	case REQ_NOTES_SCOPE:
	case REQ_NOTES_STATUS:
	case REQ_NOTES_ANCHOR:
		if (!a->notes_shown) {
			set_msg(a, _("A opens the notes list first"));
			return 1;
		}
		if (r == REQ_NOTES_SCOPE)
			a->nlist.scope = (a->nlist.scope + 1) % 3;
		else if (r == REQ_NOTES_STATUS)
			a->nlist.status = a->nlist.status == -1 ? NOTE_OPEN : a->nlist.status == NOTE_OPEN ? NOTE_RESOLVED : -1;
		else
			a->nlist.anchor = a->nlist.anchor == ANCHOR_ORPHANED ? -1 : a->nlist.anchor + 1;
		tnotes_list_fill(a);
		return 1;
	default:
		return 0;
	}
}

int tnotes_event(struct app *a, const struct in_event *ev)
{
	struct tnotes *t = a->notes;
	if (!t)
		return 0;
	if (t->form)
		return tnotes_form_event(a, ev), 1;
	if (!t->ask || ev->kind == IN_MOUSE)
		return 0;
	long long num = t->ask;
	t->ask = 0;
	if (ev->kind == IN_CHAR && (ev->cp == 'y' || ev->cp == 'Y'))
		do_delete(a, num);
	else
		set_msg(a, _("not deleted"));
	return 1;
}
