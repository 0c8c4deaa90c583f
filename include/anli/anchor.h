/* anchor.h — anchoring a note's quote in a text (user layer, pure: no
 * SQLite, no curses; fuzzable).  The scheme is the W3C TextQuoteSelector's:
 * the exact quote, up to ANCHOR_CONTEXT code points of text before it
 * (prefix) and after it (suffix), and its offset in code points.  All
 * offsets and lengths are in code points of the UTF-8 text, decoded as
 * fold_text and util_utf8_skip decode it: an invalid sequence (as
 * u8_mbtouc reads it: "\xff" one, a truncated "\xE4\xB8" one) counts as
 * one code point, U+FFFD.  The strings anchor_make stores are valid UTF-8
 * (U+FFFD in place of bad bytes), and quotes compare code point by code
 * point, so a selector made from a bad text still finds that text.  Text
 * beyond INT_MAX code points is ignored.  Searching is linear in the text.
 *
 * The re-anchoring cascade, after the book was rebuilt (anchor_resolve):
 *   1. the anchor's own block, with the quote at its offset       → EXACT
 *   2. the anchor's own block, the quote elsewhere in it with its
 *      context agreeing (below); of several the best match         → MOVED
 *   3. another block of the same item holding the quote with its
 *      context agreeing; the best such                              → MOVED
 *   4. the anchor's own block, the quote elsewhere in it whatever its
 *      context; the best match                                     → MOVED
 *   5. none of these                                                → ORPHANED
 * (Step 2 before 3 before 4, rather than the own block first whatever the
 * context: when a paragraph is split, a short quote such as 科协 often
 * occurs in both halves, and the half that kept its context is the one.)
 * The context agrees when the code points of prefix and suffix that agree
 * are at least ANCHOR_MIN_CONTEXT and at least half of the context there
 * is room for (the stored prefix, but no more than there is text before
 * the occurrence in its block, and likewise the suffix: a quote right
 * after a paragraph split keeps no prefix); when the stored prefix and
 * suffix are both shorter than ANCHOR_MIN_CONTEXT — the quote nearly fills
 * its block — all of both must agree, so a quote with no context, the
 * block's whole text, needs none.  (Measured on the book with `make
 * bench-anchor`, quotes of 2 code points: of a deleted paragraph's,
 * "ANCHOR_MIN_CONTEXT of prefix or suffix" found 10% a place elsewhere in
 * the item, this rule 2.5%, mostly sentences the item repeats; of a split
 * paragraph's, in its second half, that rule with the own block first
 * found 89% in the right place, this order and rule 99.9%.)
 * "Match best": the score of an occurrence is the number of code points
 * of the prefix (read backwards from the quote) and of the suffix that
 * agree, plus one for each side where the stored context was cut by its
 * block's start or end and the occurrence reaches its block's start or
 * end there too.  Ties go to the block nearer `home`, then the earlier
 * block, then the start nearer the old offset, then the earlier start.
 * A note without a quote (a remark on the whole block) is EXACT while its
 * block exists, else ORPHANED.  Deterministic: the same inputs give the
 * same answer, so that re-resolving is idempotent.
 *
 * "Applied" (a correction that landed in the rebuilt text), looked for in
 * the block the note resolved to, then its own block, then every block of
 * the item in order (the first that holds it): for 改 the text holds
 * prefix + fix + suffix; for 删 prefix + suffix; for 增 quote + fix +
 * suffix; never for 疑.  An empty prefix or suffix matches the start or end
 * of a block (for 增 only the suffix counts: quote + fix ending the block).
 * Compared exactly (no folding).  Never applied either: a note without a
 * quote, a correction that changes nothing (改 with the fix equal to the
 * quote, 增 with an empty fix), a kind that is not one of the four. */
#ifndef ANLI_ANCHOR_H
#define ANLI_ANCHOR_H

#define ANCHOR_CONTEXT 16    /* code points of prefix and suffix kept */
#define ANCHOR_MIN_CONTEXT 4 /* code points of context that must agree at least (steps 2, 3) */

/* The note kinds, after the proofreading marks of GB/T 14706. */
enum anchor_kind {
	ANCHOR_QUERY = 0,  /* 疑 a query or remark, no fix */
	ANCHOR_REPLACE,    /* 改 replace the quote with the fix */
	ANCHOR_DELETE,     /* 删 delete the quote */
	ANCHOR_INSERT,     /* 增 insert the fix after the quote */
};

struct anchor_sel {
	char *quote;  /* the exact text, UTF-8, "" for the whole block */
	char *prefix; /* up to ANCHOR_CONTEXT code points before the quote */
	char *suffix; /* up to ANCHOR_CONTEXT code points after it */
	int offset;   /* code points from the start of the block to the quote */
};

/* Fill sel (new strings) for the span [start, start + len) of text (code
 * points).  Returns 0, or -1 when the span is not inside the text (sel is
 * then empty: all strings "" and offset 0).  Release with anchor_sel_free. */
int anchor_make(const char *text, int start, int len, struct anchor_sel *sel);
void anchor_sel_free(struct anchor_sel *sel);

/* The code-point length of UTF-8 s. */
int anchor_cplen(const char *s);

/* Where a quote as the user typed or pasted it occurs in text, compared
 * with the search folding (fold.h: full/half width, case) and ignoring
 * white space on both sides (ASCII white space, Unicode White_Space such
 * as U+3000 and U+00A0, U+200B, U+FEFF): *n spans [start[i], start[i] +
 * len[i]) of the text, in order, not overlapping (new arrays, free(); NULL
 * when *n == 0).  The span starts and ends on a non-space character, so
 * that the exact text stored is the book's.  Returns 0, or -1 for an empty
 * (all-blank) quote. */
int anchor_find_typed(const char *text, const char *typed, int **start, int **len, int *n);

enum anchor_state { ANCHOR_EXACT = 0, ANCHOR_MOVED = 1, ANCHOR_ORPHANED = 2 };

/* The result of resolving a selector in an item. */
struct anchor_result {
	int state;     /* enum anchor_state */
	int block;     /* index of the block it resolved to, -1 when orphaned */
	int start;     /* code-point offset of the quote there (0 without a quote) */
	int applied;   /* 1 when the note's correction is in the text (see above) */
	int applied_block; /* where it was seen, -1 if not */
};

/* Resolve sel in the blocks text[0..n) of one item (reading order); `home`
 * is the index of the block the note is anchored to, -1 when that block no
 * longer exists (a home outside [0, n) counts as -1).  kind and fix (NULL:
 * none) decide "applied".  NULL strings in sel or text read as "".  Pure. */
void anchor_resolve(const char *const *text, int n, int home, const struct anchor_sel *sel, int kind,
		    const char *fix, struct anchor_result *r);

#endif
