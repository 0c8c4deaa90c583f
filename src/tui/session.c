/* session.c — the reader's per-user state: where it opens, the saved
 * position, history, read marks and review status (see
 * include/anli/session.h).  The state file is written here only, through
 * user.h; the marks are kept in memory for drawing.  Over 400 lines: start,
 * history, marks and the bookmark glue share one struct session; history
 * is the part to move out next. */
#include "anli/session.h"

#include "anli/addr.h"
#include "anli/cli.h"
#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/user.h"
#include "anli/view.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#define SAVE_MS 1000 /* the position is saved at most once a second */

struct hpos {
	char item_id[USER_ID_MAX];
	char block_id[USER_ID_MAX];
};

struct session {
	struct user *u;
	char book[17];
	unsigned char *read, *review; /* per item */
	/* the position: the one saved, and when */
	struct user_pos saved;
	long long saved_ms;
	int dirty;
	/* the settled position, to tell a jump from scrolling */
	int s_item, s_top, s_width;
	struct hpos s_pos;
	/* history: entries[idx] is where back and forward stand (idx == n:
	 * past the last entry, reading) */
	struct hpos *h;
	int n, idx;
	/* the read mark: the end of the item was shown (edge-triggered) */
	int end_item;
	/* bookmarks, oldest first, as in the state file */
	struct user_bookmark *bm;
	int nbm;
};

static long long now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static const char *focus_word(const struct app *a)
{
	if (a->zoom)
		return "zoom";
	switch (a->focus) {
	case PANE_TREE: return "tree";
	case PANE_LIST: return "list";
	default: return "text";
	}
}

/* The first paragraph block of the open item, or -1. */
static int first_para(const struct app *a)
{
	for (int k = 0; k < a->nblocks; k++)
		if (a->blocks[k].kind == MODEL_PARA)
			return k;
	return -1;
}

/* Where the reader is: the open item and the paragraph cursor's block, or
 * without one the block at the top of the text ("" at the item's top,
 * the cursor on its first paragraph). */
static void here(const struct app *a, struct hpos *p)
{
	snprintf(p->item_id, sizeof p->item_id, "%s", a->m->items[a->item].id);
	p->block_id[0] = '\0';
	int k = a->detail.anchor_block, c = a->detail.cur;
	if (c >= 0 && c < a->nblocks && (a->detail.top > 0 || c != first_para(a)))
		snprintf(p->block_id, sizeof p->block_id, "%s", a->blocks[c].id);
	else if (a->detail.top > 0 && k >= 0 && k < a->nblocks)
		snprintf(p->block_id, sizeof p->block_id, "%s", a->blocks[k].id);
}

/* Open item_id at block_id (or the nearest block that still exists; the
 * top for ""), the paragraph cursor on it; returns -1 when the book has no
 * such item.  The block at the top of the text, or with `near` the item's
 * top when that shows the block's start (a cursor on the first page, as it
 * was saved there). */
static int go_at(struct app *a, const char *item_id, const char *block_id, int near)
{
	int i = model_find(a->m, item_id);
	if (i < 0)
		return -1;
	if (i != a->item || !a->blocks)
		tui_open_item(a, i);
	if (a->item != i)
		return -1; /* it could not be read: the message says why */
	int k = block_id && block_id[0] ? addr_nearest(a->blocks, a->nblocks, block_id) : -1;
	int line = k >= 0 ? doc_line_of(&a->detail.doc, k, 0) : 0, f, l;
	if (near && k >= 0 && tui_block_lines(a, k, &f, &l) && f < a->view[PANE_DETAIL].h)
		line = 0;
	tui_set_top(a, line > 0 ? line : 0);
	a->detail.cur = k >= 0 && a->blocks[k].kind == MODEL_PARA ? k : -1; /* -1: the first shown */
	return 0;
}

static int go(struct app *a, const char *item_id, const char *block_id)
{
	return go_at(a, item_id, block_id, 1);
}

static void settle(struct app *a)
{
	struct session *s = a->sess;
	s->s_item = a->item;
	s->s_top = a->detail.top;
	s->s_width = a->detail.doc_width;
	here(a, &s->s_pos);
}

static void hist_add(struct session *s, const struct hpos *p)
{
	if (s->n == USER_HISTORY_MAX) {
		memmove(s->h, s->h + 1, (size_t)(s->n - 1) * sizeof *s->h);
		s->n--;
	}
	s->h[s->n++] = *p;
}

static void hist_settled(struct session *s);

void sess_start(struct app *a, const struct cli_start *st)
{
	struct session *s = xcalloc(1, sizeof *s);
	a->sess = s;
	s->s_item = s->end_item = -1;
	s->read = xcalloc((size_t)a->m->nitems + 1, 1);
	s->review = xcalloc((size_t)a->m->nitems + 1, 1);
	s->h = xcalloc(USER_HISTORY_MAX, sizeof *s->h);

	struct anli_err err, note;
	int def = 0;
	char *path = user_state_path(st ? st->state : NULL, &def, &err);
	s->u = user_open(path, ANLI_VERSION, def ? USER_MKDIR : 0, &note);
	free(path);
	if (note.msg[0])
		snprintf(a->message, sizeof a->message, "%s", note.msg);
	if (user_active(s->u) && model_fingerprint(a->m, s->book, &err))
		s->book[0] = '\0';

	struct user_mark *mk = NULL;
	int nm = 0;
	if (!user_marks(s->u, &mk, &nm, &err))
		for (int k = 0; k < nm; k++) {
			int i = model_find(a->m, mk[k].item_id);
			if (i >= 0) {
				s->read[i] = mk[k].read != 0;
				s->review[i] = (unsigned char)mk[k].review;
			}
		}
	free(mk);
	struct user_pos *hp = NULL;
	int nh = 0;
	if (!user_history(s->u, USER_HISTORY_MAX, &hp, &nh, &err))
		for (int k = 0; k < nh; k++) {
			struct hpos p;
			snprintf(p.item_id, sizeof p.item_id, "%s", hp[k].item_id);
			snprintf(p.block_id, sizeof p.block_id, "%s", hp[k].block_id);
			hist_add(s, &p);
		}
	free(hp);
	s->idx = s->n;
	if (user_bookmarks(s->u, &s->bm, &s->nbm, &err))
		snprintf(a->message, sizeof a->message, "%s", err.msg);

	if (st && st->given) {
		/* where the last session ended becomes the place Back returns to */
		struct user_pos last;
		if (!user_pos_load(s->u, &last, &err) && last.item_id[0]) {
			snprintf(s->s_pos.item_id, sizeof s->s_pos.item_id, "%s", last.item_id);
			snprintf(s->s_pos.block_id, sizeof s->s_pos.block_id, "%s", last.block_id);
			int dup = s->n && !strcmp(s->h[s->n - 1].item_id, last.item_id) &&
				  !strcmp(s->h[s->n - 1].block_id, last.block_id);
			if (!dup)
				hist_settled(s);
		}
		if (go_at(a, st->item_id, st->block_id, 0) == 0) /* the paragraph asked for at the top */
			a->focus = PANE_DETAIL;
	} else if (!(st && st->fresh)) {
		struct user_pos p;
		if (!user_pos_load(s->u, &p, &err) && p.item_id[0] && go(a, p.item_id, p.block_id) == 0) {
			if (!strcmp(p.focus, "tree"))
				a->focus = PANE_TREE;
			else if (!strcmp(p.focus, "list"))
				a->focus = PANE_LIST;
			else
				a->focus = PANE_DETAIL;
			a->zoom = !strcmp(p.focus, "zoom");
		}
	}
	settle(a);
}

static void save(struct app *a)
{
	struct session *s = a->sess;
	struct hpos p;
	here(a, &p);
	struct user_pos up;
	memset(&up, 0, sizeof up);
	snprintf(up.item_id, sizeof up.item_id, "%s", p.item_id);
	snprintf(up.block_id, sizeof up.block_id, "%s", p.block_id);
	snprintf(up.focus, sizeof up.focus, "%s", focus_word(a));
	snprintf(up.book, sizeof up.book, "%s", s->book);
	struct anli_err err;
	if (user_pos_save(s->u, &up, &err))
		snprintf(a->message, sizeof a->message, "%s", err.msg);
	s->saved = up;
	s->saved_ms = now_ms();
	s->dirty = 0;
}

static void set_read(struct app *a, int item, int read)
{
	struct session *s = a->sess;
	struct anli_err err;
	s->read[item] = (unsigned char)(read != 0);
	if (user_read_set(s->u, a->m->items[item].id, read, s->book, &err))
		snprintf(a->message, sizeof a->message, "%s", err.msg);
}

/* The settled position (before a jump) becomes a history entry. */
static void hist_settled(struct session *s)
{
	if (s->idx < s->n)
		s->n = s->idx; /* a new way from here: forward is gone */
	hist_add(s, &s->s_pos);
	s->idx = s->n;
	struct user_pos up;
	memset(&up, 0, sizeof up);
	snprintf(up.item_id, sizeof up.item_id, "%s", s->s_pos.item_id);
	snprintf(up.block_id, sizeof up.block_id, "%s", s->s_pos.block_id);
	snprintf(up.book, sizeof up.book, "%s", s->book);
	struct anli_err err;
	user_history_push(s->u, &up, &err);
}

void sess_tick(struct app *a)
{
	struct session *s = a->sess;
	if (!s || a->prompt)
		return; /* the / prompt's scrolling is not a position yet */
	const struct view *v = &a->view[PANE_DETAIL];
	/* the read mark: the item's last line shown in the focused or zoomed
	 * text pane */
	int end = !a->help && !a->too_small && tui_pane_shown(a, PANE_DETAIL) &&
		  (a->focus == PANE_DETAIL || a->zoom) && a->detail.doc.nlines > 0 &&
		  a->detail.top + v->h >= a->detail.doc.nlines;
	if (end && s->end_item != a->item && !s->read[a->item]) {
		set_read(a, a->item, 1);
		tui_draw(a); /* the flag and the roll-up change at once */
	}
	s->end_item = end ? a->item : -1;
	/* history: a change of item, or a move of more than a screen */
	if (a->item != s->s_item || (a->detail.doc_width == s->s_width && abs(a->detail.top - s->s_top) > v->h))
		hist_settled(s);
	settle(a);
	/* the position, at most once a second */
	struct hpos p;
	here(a, &p);
	if (strcmp(p.item_id, s->saved.item_id) || strcmp(p.block_id, s->saved.block_id) ||
	    strcmp(focus_word(a), s->saved.focus))
		s->dirty = 1;
	if (s->dirty && now_ms() - s->saved_ms >= SAVE_MS)
		save(a);
}

int sess_wait(const struct app *a)
{
	const struct session *s = a->sess;
	if (!s || !s->dirty)
		return 1;
	long long left = s->saved_ms + SAVE_MS - now_ms();
	return left < 2 ? 2 : left > SAVE_MS ? SAVE_MS : (int)left;
}

void sess_end(struct app *a)
{
	struct session *s = a->sess;
	if (!s)
		return;
	save(a);
	user_close(s->u);
	free(s->read);
	free(s->review);
	free(s->h);
	free(s->bm);
	free(s);
	a->sess = NULL;
	sess_marks_free(a);
}

/* The item a mark key acts on: the list's selection when the list has
 * focus, else the open item. */
static int target(const struct app *a)
{
	if (a->focus == PANE_LIST && !a->results_shown && !a->zoom && lv_selectable(&a->list.lv, a->list.lv.sel))
		return a->list.items[a->list.lv.sel];
	return a->item;
}

static void toggle_bookmark(struct app *a);

static void step(struct app *a, int dir)
{
	struct session *s = a->sess;
	if (dir < 0 && s->idx == s->n) {
		struct hpos p;
		here(a, &p);
		if (s->n == 0 || strcmp(s->h[s->n - 1].item_id, p.item_id) || strcmp(s->h[s->n - 1].block_id, p.block_id))
			hist_add(s, &p); /* forward comes back here */
		s->idx = s->n - 1;
	}
	int to = s->idx + dir;
	if (to < 0 || to >= s->n) {
		snprintf(a->message, sizeof a->message, "%s",
			 dir < 0 ? _("no earlier position in the history") : _("no later position in the history"));
		return;
	}
	s->idx = to;
	if (go(a, s->h[to].item_id, s->h[to].block_id) == 0) {
		a->focus = PANE_DETAIL;
		a->from_results = 0;
	}
	settle(a); /* a step through the history is no new entry */
}

int sess_request(struct app *a, enum request r)
{
	struct session *s = a->sess;
	if (!s)
		return 0;
	switch (r) {
	case REQ_BACK:
	case REQ_FORWARD:
		step(a, r == REQ_BACK ? -1 : 1);
		return 1;
	case REQ_TOGGLE_READ: {
		int i = target(a);
		set_read(a, i, !s->read[i]);
		snprintf(a->message, sizeof a->message, s->read[i] ? _("%s: marked read") : _("%s: marked unread"),
			 a->m->items[i].id);
		s->end_item = a->item; /* not read again before the end is shown again */
		return 1;
	}
	case REQ_CHAPTER_READ: {
		int ch = a->m->items[target(a)].chapter;
		if (a->focus == PANE_TREE && lv_selectable(&a->tree.lv, a->tree.lv.sel) &&
		    a->tree.rows[a->tree.lv.sel].kind == ROW_CHAPTER)
			ch = a->tree.rows[a->tree.lv.sel].chapter;
		if (ch < 0) {
			snprintf(a->message, sizeof a->message, "%s", _("not in a chapter"));
			return 1;
		}
		int k = 0;
		for (int i = 0; i < a->m->nitems; i++)
			if (a->m->items[i].chapter == ch && !s->read[i]) {
				set_read(a, i, 1);
				k++;
			}
		snprintf(a->message, sizeof a->message,
			 ngettext("%d item of the chapter marked read", "%d items of the chapter marked read",
				  (unsigned long)k),
			 k);
		return 1;
	}
	case REQ_NEXT_UNREAD:
		for (int d = 1; d <= a->m->nitems; d++) {
			int i = (a->item + d) % a->m->nitems;
			if (!s->read[i]) {
				tui_open_item(a, i);
				a->focus = PANE_DETAIL;
				return 1;
			}
		}
		snprintf(a->message, sizeof a->message, "%s", _("every item is read"));
		return 1;
	case REQ_REVIEW: {
		int i = target(a);
		int rv = (s->review[i] + 1) % 3;
		struct anli_err err;
		if (user_review_set(s->u, a->m->items[i].id, rv, s->book, &err)) {
			snprintf(a->message, sizeof a->message, "%s", err.msg);
			return 1;
		}
		s->review[i] = (unsigned char)rv;
		snprintf(a->message, sizeof a->message, _("%s: review status %s"), a->m->items[i].id,
			 user_review_name(rv));
		return 1;
	}
	case REQ_BOOKMARK:
		toggle_bookmark(a);
		return 1;
	case REQ_BOOKMARKS:
		if (s->nbm == 0) {
			snprintf(a->message, sizeof a->message, "%s", _("no bookmarks; m bookmarks the current paragraph"));
			return 1;
		}
		sess_marks_fill(a);
		a->marks_shown = 1;
		a->notes_shown = 0;
		a->zoom = 0;
		a->focus = PANE_LIST;
		return 1;
	default:
		return 0;
	}
}

/* --- bookmarks ----------------------------------------------------------- */

int sess_bookmarked(const struct app *a, const char *block_id)
{
	const struct session *s = a->sess;
	for (int k = 0; s && k < s->nbm; k++)
		if (!strcasecmp(s->bm[k].block_id, block_id))
			return 1;
	return 0;
}

/* m: a bookmark on the cursor's paragraph, or off it. */
static void toggle_bookmark(struct app *a)
{
	struct session *s = a->sess;
	int c = a->detail.cur;
	if (c < 0 || c >= a->nblocks) {
		snprintf(a->message, sizeof a->message, "%s", _("no paragraph here to bookmark"));
		return;
	}
	const char *id = a->blocks[c].id, *item = a->m->items[a->item].id;
	int n = addr_para_number(a->blocks, a->nblocks, c);
	struct anli_err err;
	int rc = sess_bookmarked(a, id) ? user_bookmark_rm(s->u, id, NULL, &err)
					 : user_bookmark_add(s->u, id, item, s->book, NULL, &err);
	if (rc) {
		snprintf(a->message, sizeof a->message, "%s", err.msg);
		return;
	}
	int was = sess_bookmarked(a, id);
	free(s->bm);
	s->bm = NULL;
	s->nbm = 0;
	if (user_bookmarks(s->u, &s->bm, &s->nbm, &err))
		snprintf(a->message, sizeof a->message, "%s", err.msg);
	else if (!user_active(s->u))
		snprintf(a->message, sizeof a->message, "%s", _("state is not saved: no bookmarks"));
	else
		snprintf(a->message, sizeof a->message, was ? _("%s:%d: bookmark removed") : _("%s:%d: bookmarked"), item,
			 n);
}

void sess_marks_free(struct app *a)
{
	struct marks_state *ms = &a->marklist;
	for (int i = 0; i < ms->lv.n; i++)
		free(ms->label[i]);
	free(ms->label);
	free(ms->block);
	free(ms->itemid);
	memset(ms, 0, sizeof *ms);
}

void sess_marks_fill(struct app *a)
{
	struct session *s = a->sess;
	struct marks_state *ms = &a->marklist;
	sess_marks_free(a);
	int n = s->nbm;
	ms->label = xcalloc((size_t)n + 1, sizeof *ms->label);
	ms->block = xcalloc((size_t)n + 1, sizeof *ms->block);
	ms->itemid = xcalloc((size_t)n + 1, sizeof *ms->itemid);
	for (int r = 0; r < n; r++) {
		const struct user_bookmark *b = &s->bm[r];
		snprintf(ms->block[r], sizeof ms->block[r], "%s", b->block_id);
		snprintf(ms->itemid[r], sizeof ms->itemid[r], "%s", b->item_id);
		struct sbuf l;
		sbuf_init(&l);
		int i = model_find(a->m, b->item_id);
		struct model_block *bl = NULL;
		int nb = 0;
		struct anli_err err;
		if (i >= 0 && !model_blocks(a->m, i, &bl, &nb, &err)) {
			int k = addr_block_index(bl, nb, b->block_id);
			int pn = k >= 0 ? addr_para_number(bl, nb, k) : 0;
			sbuf_adds(&l, a->m->items[i].id);
			if (pn)
				sbuf_printf(&l, " ¶%d", pn);
			else if (k < 0)
				sbuf_printf(&l, " %s %s", b->block_id, _("(gone from this build)"));
			else
				sbuf_printf(&l, " %s", b->block_id);
			if (k < 0)
				k = addr_nearest(bl, nb, b->block_id);
			if (k >= 0) {
				sbuf_adds(&l, glyph(GLYPH_FIELD_SEP));
				size_t len = strlen(bl[k].text);
				if (len > 240) /* the first words: a row's worth, cut at a character */
					for (len = 240; len > 0 && (bl[k].text[len] & 0xC0) == 0x80; len--)
						;
				sbuf_addn(&l, bl[k].text, len);
			}
			model_blocks_free(bl, nb);
		} else {
			sbuf_printf(&l, "%s %s %s", b->item_id, b->block_id, _("(no such item in this book)"));
		}
		ms->label[r] = l.s ? l.s : xcalloc(1, 1);
	}
	lv_reset(&ms->lv, n, NULL, 0);
}

int sess_jump(struct app *a, const char *item_id, const char *block_id)
{
	struct session *s = a->sess;
	if (!s)
		return -1;
	hist_settled(s); /* a jump: back returns here */
	int rc = go(a, item_id, block_id);
	if (rc == 0) {
		a->focus = PANE_DETAIL;
		a->from_results = 0;
	}
	settle(a);
	return rc;
}

void sess_marks_jump(struct app *a, int row)
{
	struct marks_state *ms = &a->marklist;
	if (!a->sess || row < 0 || row >= ms->lv.n)
		return;
	if (sess_jump(a, ms->itemid[row], ms->block[row]) == 0)
		a->marks_shown = 0;
}

struct user *sess_user(const struct app *a)
{
	return a->sess ? a->sess->u : NULL;
}

const char *sess_book(const struct app *a)
{
	return a->sess ? a->sess->book : "";
}

int sess_read(const struct app *a, int item)
{
	return a->sess && item >= 0 && item < a->m->nitems ? a->sess->read[item] : 0;
}

int sess_review(const struct app *a, int item)
{
	return a->sess && item >= 0 && item < a->m->nitems ? a->sess->review[item] : 0;
}

void sess_flags(const struct app *a, int item, struct sbuf *out)
{
	sbuf_adds(out, sess_read(a, item) ? " " : glyph(GLYPH_UNREAD));
	int rv = sess_review(a, item);
	sbuf_adds(out, rv == USER_REVIEW_OK ? glyph(GLYPH_REVIEWED) : rv == USER_REVIEW_FIX ? glyph(GLYPH_NEEDS_FIX) : " ");
}

void sess_rollup(const struct app *a, int ch, int level, struct sbuf *out)
{
	if (level >= 2)
		return; /* the narrowest tree: the title and nothing else */
	const struct model_chapter *c = &a->m->chapters[ch];
	int read = 0, ok = 0, fix = 0;
	for (int i = 0; i < a->m->nitems; i++)
		if (a->m->items[i].chapter == ch) {
			read += sess_read(a, i);
			ok += sess_review(a, i) == USER_REVIEW_OK;
			fix += sess_review(a, i) == USER_REVIEW_FIX;
		}
	const char *star = c->start_inferred ? "*" : "";
	if (read)
		sbuf_printf(out, " (%d/%d%s)", read, c->nitems, star);
	else
		sbuf_printf(out, " (%d%s)", c->nitems, star);
	if (level >= 1)
		return; /* narrower: the review roll-up goes first */
	if (ok)
		sbuf_printf(out, " %s%d", glyph(GLYPH_REVIEWED), ok);
	if (fix)
		sbuf_printf(out, " %s%d", glyph(GLYPH_NEEDS_FIX), fix);
}
