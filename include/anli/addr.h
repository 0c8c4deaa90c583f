/* addr.h — paragraph addresses (model layer): one scheme everywhere.
 *
 * `ID:N` names the N-th paragraph block of an item in reading order (N from
 * 1); headings, sub-headings and captions are not counted and are named by
 * their block id (`c27:p3771`, README "Block ids").  A block id is accepted
 * wherever `ID:N` is.  State is stored by block id, never by number: the
 * numbers are for people (the reader, `show --numbered`, citations).
 *
 * The functions on a block array are pure (no SQLite): they take the blocks
 * of one item as model_blocks returns them.  model_addr_resolve reads the
 * item's blocks through the model. */
#ifndef ANLI_ADDR_H
#define ANLI_ADDR_H

#include "anli/model.h"

/* --- pure, on the blocks b[0..nb) of one item */

/* The paragraph number (1..) of block k, or 0 when b[k] is not a
 * paragraph (or k is out of range). */
int addr_para_number(const struct model_block *b, int nb, int k);

/* The index of the n-th paragraph block (n from 1), or -1 when the item
 * has fewer than n paragraphs (or n < 1). */
int addr_para_block(const struct model_block *b, int nb, int n);

/* The number of paragraph blocks. */
int addr_para_count(const struct model_block *b, int nb);

/* The number (1..) of paragraph k among the paragraphs of its own section,
 * or 0 when b[k] is not a paragraph. */
int addr_para_in_section(const struct model_block *b, int nb, int k);

/* The heading text of block k's section (the section's heading block, also
 * one the source lost), or NULL for an untitled introduction. */
const char *addr_section_heading(const struct model_block *b, int nb, int k);

/* The index of the block whose id is `id` (compared without regard to ASCII
 * case), or -1. */
int addr_block_index(const struct model_block *b, int nb, const char *id);

/* The lowest seed line of a block id ("c27:p3771" → 3771, "c1:p120.2" →
 * 120), or 0 when the id names none ("c6:h", a malformed id). */
int addr_id_line(const char *id);

/* The lowest seed line of block k (from its `lines`), 0 when it has none. */
int addr_block_line(const struct model_block *b, int nb, int k);

/* Where a position stored on block `id` falls back to in this item: the
 * block itself when it exists; else the block whose lowest seed line is
 * nearest the one the id names (of equally near blocks, one of the id's
 * kind, else the earlier); else (the id names no line) block 0.  -1 only when
 * nb == 0.  Used by resume and `anli doctor` after a rebuild changed the
 * item's structure. */
int addr_nearest(const struct model_block *b, int nb, const char *id);

/* "工作成效 第3段" (the section heading and the paragraph's number within
 * it; "第3段" in an untitled introduction), appended to out for a
 * printed citation.  Nothing when b[k] is not a paragraph.  Fixed words
 * through gettext; not sanitised. */
void addr_cite(const struct model_block *b, int nb, int k, struct sbuf *out);

/* --- through the model */

/* A resolved address.  block -1: the whole item (the key named no
 * paragraph).  blocks/nblocks: the item's blocks (model_blocks), kept for
 * the caller; release with model_addr_free. */
struct model_addr {
	int item;         /* index into m->items */
	int block;        /* index into blocks, or -1 */
	int n;            /* paragraph number of that block, 0 if none or not a paragraph */
	struct model_block *blocks;
	int nblocks;
};

enum {
	MODEL_ADDR_FOUND = 0,
	MODEL_ADDR_UNKNOWN = 1, /* no such item or paragraph: err says which (exit 1) */
	MODEL_ADDR_ERROR = -1,  /* the database failed: err says how (exit 2) */
};

/* Resolve `key`: an item id as model_find takes it ("27", "c27", "C027",
 * "a3", "前言"), "ID:N" (N from 1, the N-th paragraph), or a block id
 * "ID:BLOCK" ("c27:p3771", in any case; its item part in any form
 * model_find takes).  Returns MODEL_ADDR_FOUND with *a filled (free it with
 * model_addr_free), or MODEL_ADDR_UNKNOWN / MODEL_ADDR_ERROR with err set
 * (one line naming the key) and *a empty. */
int model_addr_resolve(struct model *m, const char *key, struct model_addr *a, struct anli_err *err);
void model_addr_free(struct model_addr *a);

/* "c27:5" for a paragraph, the block id for any other block, the item id
 * for the whole item (block -1): the canonical address, appended to out. */
void model_addr_format(const struct model *m, const struct model_addr *a, struct sbuf *out);

/* The book's build fingerprint: 16 hex digits (FNV-1a, 64 bits) over every
 * block's id, seed lines and text in reading order.  The same sources give
 * the same fingerprint; any change of the text or structure another.
 * Stored beside state so that state made on another build can be told
 * apart.  Reads every block (a few milliseconds): call it once.  Returns 0,
 * or -1 with err set. */
int model_fingerprint(struct model *m, char out[17], struct anli_err *err);

#endif
