/* notedraft.c — the reader's note form (noteform.c) around the form
 * itself: its draft (user_draft_get when it opens, user_draft_save while
 * typing at most once a second, on Esc, C-c and a hang-up; where another
 * draft is kept, as c27:3 or #5), saying what cannot be saved, its place
 * on the screen after every layout (the text pane, the paragraph above it,
 * the fields' scroll) and its drawing. */
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
#include <time.h>

long long tnotes_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Save the draft (fields "" removes it).  0, or -1 with err (and the
 * status line saying why, unless there is no text to lose). */
int tnotes_draft_save(struct app *a, const char *fields, struct anli_err *err)
{
	struct noteform *nf = a->notes->form;
	int rc = user_draft_save(sess_user(a), nf->key, fields, err);
	if (rc && fields[0])
		snprintf(a->message, sizeof a->message, "%s", err->msg);
	form_draft_saved(&nf->f, tnotes_now_ms());
	return rc;
}

/* "c27:3" of block id `anchor` ("c27:p3641"): its paragraph number in its
 * item (the item's blocks read when it is not the open one); the id when
 * it is not a paragraph found in this build. */
static void para_addr(struct app *a, const char *anchor, char *out, size_t size)
{
	snprintf(out, size, "%s", anchor);
	const char *c = strchr(anchor, ':');
	if (!c)
		return;
	char item[USER_ID_MAX];
	snprintf(item, sizeof item, "%.*s", (int)(c - anchor), anchor);
	int i = model_find(a->m, item), n = 0, k;
	if (i < 0)
		return;
	struct model_block *b = a->blocks;
	int nb = a->nblocks;
	struct anli_err err;
	if (i != a->item && model_blocks(a->m, i, &b, &nb, &err))
		return;
	if ((k = addr_block_index(b, nb, anchor)) >= 0 && b[k].kind == MODEL_PARA)
		n = addr_para_number(b, nb, k);
	if (n > 0)
		snprintf(out, size, "%s:%d", item, n);
	if (b != a->blocks)
		model_blocks_free(b, nb);
}

void tnotes_draft_hint(struct app *a, const char *key)
{
	char where[USER_ID_MAX + 16];
	if (!strncmp(key, "new ", 4)) {
		para_addr(a, key + 4, where, sizeof where);
		snprintf(a->message, sizeof a->message, _("a kept draft is on %s: 'a' there offers it back"), where);
		return;
	}
	struct note n;
	struct anli_err err;
	if (!strncmp(key, "edit ", 5) && a->notes && notes_get(a->notes->u, key + 5, 0, &n, &err) == 0) {
		snprintf(a->message, sizeof a->message, _("a kept draft of an edit of note %s%lld: 'e' on it offers it back"),
			 glyph(GLYPH_NOTE), n.num);
		note_clear(&n);
	}
}

/* The form just opened (a->notes->form): its own draft offered back, else
 * where another is kept; what cannot be saved said before anything is
 * typed (the form's message and the status line). */
void tnotes_form_drafts(struct app *a)
{
	struct tnotes *t = a->notes;
	struct noteform *nf = t->form;
	struct user *su = sess_user(a);
	char *key = NULL, *fields = NULL;
	struct anli_err err;
	if (user_writable(su) && user_draft_get(su, nf->key, &fields, &err))
		snprintf(a->message, sizeof a->message, "%s", err.msg);
	else if (fields)
		form_offer(&nf->f, fields); /* this form's own draft */
	else if (user_writable(su) && user_draft_load(su, &key, &fields, &err))
		snprintf(a->message, sizeof a->message, "%s", err.msg);
	else if (key)
		tnotes_draft_hint(a, key); /* another form's: where it is */
	free(key);
	free(fields);
	/* what cannot be saved is said before anything is typed */
	const char *why = NULL;
	if (!user_writable(t->u) && !user_writable(su))
		why = _("nothing can be saved here (read-only): the text is lost when the form closes");
	else if (!user_writable(t->u))
		why = _("the notes are read-only: C-s cannot save; Esc keeps the text as a draft");
	else if (!user_writable(su))
		why = _("no state file: no draft is kept, Esc discards the text (C-s saves the note)");
	if (why) {
		form_set_message(&nf->f, why);
		snprintf(a->message, sizeof a->message, "%s", why);
	}
}

void tnotes_form_layout(struct app *a)
{
	struct noteform *nf = a->notes ? a->notes->form : NULL;
	if (!nf || a->too_small)
		return;
	if (!tui_pane_shown(a, PANE_DETAIL)) { /* a narrow screen: the text, where the form is drawn */
		a->focus = PANE_DETAIL;
		a->zoom = 0;
		tui_layout_screen(a);
	}
	const struct view *v = &a->view[PANE_DETAIL];
	form_scroll(&nf->f, form_field_room(v->w > 0 ? v->w : a->cols)); /* the focused field's */
	if (nf->rows == a->rows && nf->cols == a->cols)
		return; /* placed for this size: the user's scrolling is kept */
	nf->rows = a->rows;
	nf->cols = a->cols;
	int k = addr_block_index(a->blocks, a->nblocks, nf->anchor_id), f, l;
	int room = a->view[PANE_DETAIL].h - form_height(&nf->f, a->view[PANE_DETAIL].w);
	if (room < 1)
		room = 1;
	/* the paragraph whole above the form when it fits (a line before it
	 * too when there is room), else its first lines */
	if (k >= 0 && tui_block_lines(a, k, &f, &l) && (f < a->detail.top || l >= a->detail.top + room))
		tui_set_top(a, f > 0 && l - f + 2 <= room ? f - 1 : f);
}

void tnotes_tick(struct app *a, int *wait)
{
	struct tnotes *t = a->notes;
	if (!t || !t->form)
		return;
	long long now = tnotes_now_ms();
	if (form_draft_due(&t->form->f, now) && !user_writable(sess_user(a))) {
		form_draft_saved(&t->form->f, now); /* none can be: said when the form opened */
	} else if (form_draft_due(&t->form->f, now)) {
		struct anli_err err;
		tnotes_draft_save(a, form_draft(&t->form->f), &err);
	}
	int w = form_draft_wait(&t->form->f, now);
	if (w >= 0 && (*wait == 1 || w < *wait))
		*wait = w < 2 ? 2 : w;
}

void tnotes_rewidth(struct app *a)
{
	if (a->notes && a->notes->form)
		form_rewidth(&a->notes->form->f);
}

void tnotes_draw_form(const struct app *a, int *cy, int *cx)
{
	const struct tnotes *t = a->notes;
	*cy = *cx = -1;
	if (!t || !t->form)
		return;
	const struct view *v = &a->view[PANE_DETAIL];
	int w = v->w > 0 ? v->w : a->cols, x = v->w > 0 ? v->x : 0;
	int h = form_height(&t->form->f, w), bottom = v->w > 0 ? v->y + v->h : a->rows - 1;
	if (h > bottom)
		h = bottom;
	WINDOW *win = newwin(h, w, bottom - h, x);
	if (!win)
		return;
	werase(win);
	int y0, x0;
	form_draw(win, &t->form->f, 0, 0, w, &y0, &x0);
	curs_set(y0 >= 0); /* no cursor on the kind field */
	leaveok(win, y0 < 0);
	if (y0 >= 0) {
		wmove(win, y0, x0);
		*cy = bottom - h + y0;
		*cx = x + x0;
	}
	wnoutrefresh(win);
	delwin(win);
}
