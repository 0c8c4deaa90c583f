/* form.c — the note form's pure model (see include/anli/form.h): fields,
 * keys, validation on save, the draft and its timer.  No curses calls, no
 * I/O; drawing is formdraw.c. */
#include "anli/form.h"

#include "anli/anchor.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define US "\x1f"

static const char *const kind_mark[] = {"疑", "改", "删", "增"};
static const char *const kind_ascii[] = {"query", "fix", "delete", "insert"};
enum { NKINDS = 4 };

static int cpwidth(unsigned int cp)
{
	return lay_cpwidth(cp);
}

int form_has_fix(int kind)
{
	return kind == ANCHOR_REPLACE || kind == ANCHOR_INSERT;
}

const char *form_kind_name(int kind)
{
	return kind >= 0 && kind < NKINDS ? kind_mark[kind] : "?";
}

const char *form_kind_ascii(int kind)
{
	return kind >= 0 && kind < NKINDS ? kind_ascii[kind] : "?";
}

/* "疑" or "query" (and the one-letter keys q f d i) → the kind, or -1. */
static int kind_of(const char *s)
{
	for (int k = 0; k < NKINDS; k++)
		if (!strcmp(s, kind_mark[k]) || !strcmp(s, kind_ascii[k]))
			return k;
	return -1;
}

void form_init(struct form *f, int kind, const char *anchor, const char *quote, const char *fix,
	       const char *remark)
{
	memset(f, 0, sizeof *f);
	f->kind = kind >= 0 && kind < NKINDS ? kind : ANCHOR_QUERY;
	for (int i = 0; i < FORM_NFIELDS; i++)
		eb_init(&f->text[i], cpwidth);
	snprintf(f->anchor, sizeof f->anchor, "%s", anchor ? anchor : "");
	eb_set(&f->text[FORM_QUOTE], quote ? quote : "");
	eb_set(&f->text[FORM_FIX], fix ? fix : "");
	eb_set(&f->text[FORM_REMARK], remark ? remark : "");
	f->field = quote && *quote ? FORM_KIND : FORM_QUOTE;
}

void form_free(struct form *f)
{
	for (int i = 0; i < FORM_NFIELDS; i++)
		eb_free(&f->text[i]);
	free(f->offer);
	free(f->draft);
	memset(f, 0, sizeof *f);
}

void form_rewidth(struct form *f)
{
	for (int i = 0; i < FORM_NFIELDS; i++)
		eb_rewidth(&f->text[i]);
}

int form_kind(const struct form *f)
{
	return f->kind;
}

const char *form_text(const struct form *f, enum form_field which)
{
	if (which == FORM_KIND)
		return form_kind_name(f->kind);
	if (which == FORM_FIX && !form_has_fix(f->kind))
		return NULL;
	if (which < 0 || which >= FORM_NFIELDS)
		return "";
	return eb_str(&f->text[which]);
}

int form_empty(const struct form *f)
{
	return !f->text[FORM_QUOTE].n && !f->text[FORM_FIX].n && !f->text[FORM_REMARK].n;
}

void form_set_message(struct form *f, const char *msg)
{
	snprintf(f->msg, sizeof f->msg, "%s", msg ? msg : "");
}

/* --- the draft -------------------------------------------------------------- */

static void changed(struct form *f)
{
	f->edited = 1;
	f->dirty = 1;
}

const char *form_draft(struct form *f)
{
	free(f->draft);
	f->draft = NULL;
	if (f->asking) { /* not answered yet: the kept draft stays as it is */
		f->draft = xstrdup(f->offer);
	} else if (!f->edited || form_empty(f)) {
		f->draft = xstrdup("");
	} else {
		struct sbuf b;
		sbuf_init(&b);
		sbuf_printf(&b, "%s" US "%s" US "%s" US "%s", kind_mark[f->kind], eb_str(&f->text[FORM_QUOTE]),
			    eb_str(&f->text[FORM_FIX]), eb_str(&f->text[FORM_REMARK]));
		f->draft = sbuf_take(&b);
	}
	return f->draft;
}

/* Split a draft into its four fields (pointers into *buf, a copy). */
static int split(const char *fields, char **buf, char *part[4])
{
	*buf = xstrdup(fields);
	char *p = *buf;
	for (int i = 0; i < 4; i++) {
		part[i] = p;
		char *us = strchr(p, 0x1f);
		if (i < 3) {
			if (!us)
				goto bad;
			*us = '\0';
			p = us + 1;
		} else if (us) {
			goto bad;
		}
	}
	if (kind_of(part[0]) < 0)
		goto bad;
	return 0;
bad:
	free(*buf);
	*buf = NULL;
	return -1;
}

int form_restore(struct form *f, const char *fields)
{
	char *buf, *part[4];
	if (split(fields, &buf, part))
		return -1;
	f->kind = kind_of(part[0]);
	for (int i = 1; i < 4; i++)
		eb_set(&f->text[i], part[i]);
	free(buf);
	f->edited = 1; /* it differs from what the form was opened with */
	f->msg[0] = '\0';
	return 0;
}

void form_offer(struct form *f, const char *fields)
{
	char *buf, *part[4];
	if (!fields || split(fields, &buf, part))
		return;
	free(buf);
	free(f->offer);
	f->offer = xstrdup(fields);
	f->asking = 1;
}

int form_draft_due(const struct form *f, long long now_ms)
{
	return f->dirty && now_ms - f->saved_ms >= FORM_DRAFT_MS;
}

void form_draft_saved(struct form *f, long long now_ms)
{
	f->dirty = 0;
	f->saved_ms = now_ms;
}

int form_draft_wait(const struct form *f, long long now_ms)
{
	if (!f->dirty)
		return -1;
	long long left = f->saved_ms + FORM_DRAFT_MS - now_ms;
	return left < 0 ? 0 : left > FORM_DRAFT_MS ? FORM_DRAFT_MS : (int)left;
}

void form_scroll(struct form *f, int room)
{
	if (f->field > FORM_KIND && f->field < FORM_NFIELDS)
		f->first[f->field] = eb_scroll(&f->text[f->field], f->first[f->field], room, FORM_SCROLL_MARGIN);
}

/* --- keys -------------------------------------------------------------------- */

static int shown(const struct form *f, int field)
{
	return field != FORM_FIX || form_has_fix(f->kind);
}

/* The next (dir +1) or previous (-1) shown field; wrap: round the ends. */
static int step(const struct form *f, int dir, int wrap)
{
	int i = f->field;
	for (int k = 0; k < FORM_NFIELDS; k++) {
		int j = i + dir;
		if (j < 0 || j >= FORM_NFIELDS) {
			if (!wrap)
				return f->field;
			j = (j + FORM_NFIELDS) % FORM_NFIELDS;
		}
		i = j;
		if (shown(f, i))
			return i;
	}
	return f->field;
}

static int has_text(const struct form *f, int field)
{
	const struct editbuf *b = &f->text[field];
	for (size_t i = 0; i < b->n; i++)
		if (b->cp[i] != ' ' && b->cp[i] != 0x3000)
			return 1;
	return 0;
}

/* Save if the fields make a note; else say what is missing and go there. */
static int save(struct form *f)
{
	int need = -1;
	const char *why = NULL;
	switch (f->kind) {
	case ANCHOR_REPLACE:
		if (!has_text(f, FORM_QUOTE))
			need = FORM_QUOTE;
		else if (!has_text(f, FORM_FIX))
			need = FORM_FIX;
		why = _("改 (fix) replaces the quote with the fix: both are needed");
		break;
	case ANCHOR_DELETE:
		need = has_text(f, FORM_QUOTE) ? -1 : FORM_QUOTE;
		why = _("删 (delete) removes the quote: it is needed");
		break;
	case ANCHOR_INSERT:
		need = has_text(f, FORM_FIX) ? -1 : FORM_FIX;
		why = _("增 (insert) adds the fix after the quote: the fix is needed");
		break;
	default:
		need = has_text(f, FORM_QUOTE) || has_text(f, FORM_REMARK) ? -1 : FORM_REMARK;
		why = _("疑 (query): write the remark, or give the quote");
		break;
	}
	if (need < 0)
		return FORM_SAVE;
	form_set_message(f, why);
	f->field = need;
	return FORM_CONTINUE;
}

static void set_kind(struct form *f, int kind)
{
	if (kind != f->kind) {
		f->kind = kind;
		if (!form_empty(f))
			changed(f);
	}
}

/* A key on the kind field. */
static void kind_key(struct form *f, const struct in_event *ev)
{
	if (ev->kind == IN_KEY && (ev->key == INK_LEFT || ev->key == INK_RIGHT)) {
		set_kind(f, (f->kind + (ev->key == INK_LEFT ? NKINDS - 1 : 1)) % NKINDS);
		return;
	}
	if (ev->kind != IN_CHAR || ev->mods)
		return;
	if (ev->cp == ' ') {
		set_kind(f, (f->kind + 1) % NKINDS);
		return;
	}
	static const unsigned int keys[NKINDS][2] = {{'q', 0x7591}, {'f', 0x6539}, {'d', 0x5220}, {'i', 0x589E}};
	for (int k = 0; k < NKINDS; k++)
		if (ev->cp == keys[k][0] || ev->cp == keys[k][1])
			set_kind(f, k);
}

/* The answer to "resume the kept draft?". */
static int answer(struct form *f, const struct in_event *ev)
{
	if (ev->paste || ev->kind == IN_PASTE_BEGIN || ev->kind == IN_PASTE_END)
		return FORM_CONTINUE;
	if ((ev->kind == IN_KEY && ev->key == INK_ESC) || (ev->kind == IN_CHAR && ev->cp == 3))
		return FORM_CANCEL; /* the draft stays kept (form_draft gives it back) */
	if (ev->kind != IN_CHAR || ev->mods)
		return FORM_CONTINUE;
	if (ev->cp == 'y' || ev->cp == 'Y' || ev->cp == '\r' || ev->cp == '\n') {
		f->asking = 0;
		form_restore(f, f->offer);
	} else if (ev->cp == 'n' || ev->cp == 'N') {
		f->asking = 0;
		f->dirty = 1; /* the next save replaces (or removes) the kept draft */
	}
	return FORM_CONTINUE;
}

int form_key(struct form *f, const struct in_event *ev)
{
	if (f->asking)
		return answer(f, ev);
	if (ev->kind != IN_PASTE_BEGIN && ev->kind != IN_PASTE_END && ev->kind != IN_IGNORED)
		f->msg[0] = '\0';
	if (ev->paste || ev->kind == IN_PASTE_BEGIN || ev->kind == IN_PASTE_END) {
		/* a paste is text, never keys: into a text field, else nowhere */
		if (f->field != FORM_KIND && eb_event(&f->text[f->field], ev) == 1)
			changed(f);
		return FORM_CONTINUE;
	}
	if (ev->kind == IN_KEY) {
		switch (ev->key) {
		case INK_ESC: return FORM_CANCEL;
		case INK_DOWN: f->field = step(f, 1, 0); return FORM_CONTINUE;
		case INK_UP: f->field = step(f, -1, 0); return FORM_CONTINUE;
		case INK_BTAB: f->field = step(f, -1, 1); return FORM_CONTINUE;
		default: break;
		}
	} else if (ev->kind == IN_CHAR && !ev->mods) {
		switch (ev->cp) {
		case 3: /* C-c */
			return FORM_CANCEL;
		case 0x13: /* C-s */
		case 0x18: /* C-x */
			return save(f);
		case '\t':
			f->field = step(f, 1, 1);
			return FORM_CONTINUE;
		case '\r':
		case '\n':
			if (step(f, 1, 0) == f->field)
				return save(f); /* on the last field */
			f->field = step(f, 1, 0);
			return FORM_CONTINUE;
		default: break;
		}
	}
	if (f->field == FORM_KIND)
		kind_key(f, ev);
	else if (eb_event(&f->text[f->field], ev) == 1)
		changed(f);
	return FORM_CONTINUE;
}
