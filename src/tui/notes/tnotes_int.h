/* tnotes_int.h — what notes.c, noteform.c and views/notes.c share: the
 * reader's notes state behind a->notes (see include/anli/tnotes.h). */
#ifndef ANLI_TNOTES_INT_H
#define ANLI_TNOTES_INT_H

#include "anli/form.h"
#include "anli/notes.h"
#include "anli/view.h"

/* the note form open (noteform.c, notedraft.c) */
struct noteform {
	struct form f;
	char key[96];                  /* the draft's: "new c27:p3771", "edit <uuid>" */
	char item_id[USER_ID_MAX];     /* the note's item and anchor */
	char anchor_id[USER_ID_MAX];
	char cite[256];
	char uuid[37];                 /* editing: the note; "" for a new one */
	int rev;                       /* its revision when the form opened */
	/* the quote known exactly (a search match, the note's own): */
	char *known;                   /* its text, NULL none */
	int kstart, klen;              /* code points in the anchor's text */
	/* picking among several occurrences of a typed quote */
	int *pstart, *plen, pick;
	int discard;                   /* Esc once with a draft that could not be saved: again discards */
	int rows, cols;                /* the screen size the form was placed for (tnotes_form_layout) */
};

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
	int *blkopen;             /* per block: open notes anchored to it */
	int title_open;           /* open ones on the title or subtitle */
	struct match *span;       /* the open notes' quotes (a resolved one's is not underlined) */
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
/* The cursor paragraph's note that the status line shows and e, x, D act
 * on without the list: its first open one, else its first; *count (if not
 * NULL) its notes.  NULL when none. */
const struct note *tnotes_para_note(const struct app *a, int *count);
/* "“原文”→“改为” 说明" of n, appended. */
void tnotes_describe(const struct note *n, struct sbuf *out);

/* noteform.c */
/* a: a new note on the cursor's paragraph (a draft of one offered back). */
void tnotes_form_add(struct app *a);
/* e: the form filled with note n. */
void tnotes_form_edit(struct app *a, const struct note *n);
void tnotes_form_event(struct app *a, const struct in_event *ev);
/* notedraft.c */
long long tnotes_now_ms(void);
/* Save the form's draft (fields "" removes it): 0, or -1 with err (the
 * status line saying why when there was text). */
int tnotes_draft_save(struct app *a, const char *fields, struct anli_err *err);
/* The form just opened: its draft offered back, what cannot be saved said. */
void tnotes_form_drafts(struct app *a);
/* Close the form (its text gone: save the draft first). */
void tnotes_form_close(struct app *a);
/* The status line says where the kept draft `key` is ("c27:3", "#5"). */
void tnotes_draft_hint(struct app *a, const char *key);
/* Close the form, its text kept as a draft (quitting, a hang-up). */
void tnotes_form_end(struct app *a);

#endif
