/* tnotes_int.h — what notes.c, noteform.c and views/notes.c share: the
 * reader's notes state behind a->notes (see include/anli/tnotes.h). */
#ifndef ANLI_TNOTES_INT_H
#define ANLI_TNOTES_INT_H

#include "anli/notes.h"
#include "anli/view.h"

struct noteform;

struct tnotes {
	struct user *u;           /* the notes: a file of their own (own) or the state file */
	int own;
	char book[17];            /* this build's fingerprint, "" unknown */
	int *open;                /* per item: open notes */
	int *chopen;              /* per chapter */
	/* the open item's notes (tnotes_item_load) */
	int item;                 /* the item they are of, -1 none */
	const void *blocks;       /* the blocks they were matched in (a reload of the item) */
	int dirty;
	struct note *in;
	int nin;
	int *blk;                 /* per block: live notes anchored to it */
	int title_notes;          /* on the title or subtitle */
	struct match *span;       /* their quotes */
	int nspan;
	long long ask;            /* D asked about this note (y/n), 0 none */
	/* the note form (noteform.c) */
	struct noteform *form;
	int npick;                /* occurrences of the typed quote in the paragraph */
	struct match pickspan;    /* the one picked */
};

/* notes.c */
void tnotes_counts_load(struct app *a);
void tnotes_item_load(struct app *a);
/* After an edit: counts, the item's notes, the list's rows. */
void tnotes_reload(struct app *a);
/* "“原文”→“改为” 说明" of n, appended. */
void tnotes_describe(const struct note *n, struct sbuf *out);

/* noteform.c */
/* a: a new note on the cursor's paragraph (a draft of one offered back). */
void tnotes_form_add(struct app *a);
/* e: the form filled with note n. */
void tnotes_form_edit(struct app *a, const struct note *n);
void tnotes_form_event(struct app *a, const struct in_event *ev);
/* The status line says where the kept draft `key` is ("c27:3", "#5"). */
void tnotes_draft_hint(struct app *a, const char *key);
/* Close the form, its text kept as a draft (quitting, a hang-up). */
void tnotes_form_end(struct app *a);

#endif
