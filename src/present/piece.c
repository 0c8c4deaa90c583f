/* piece.c — pieces of blocks, where a block may be split, and how one
 * that does not fit is split (piece.h). */
#include "piece.h"

#include "anli/glyph.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* Wrap s[0..n) at the column width with a first-line indent. */
int piece_wrap(const struct bld *b, const char *s, size_t n, int indent, struct lay_line **ll)
{
	return lay_wrap(s, n, b->d->col_width, indent, ll);
}

/* The decoration around block k's text, and its role. */
static int block_deco(const struct bld *b, int k, const char **pre, const char **post, struct sbuf *tmp)
{
	const struct model_block *x = &b->blocks[k];
	int missing = x->kind == MODEL_HEADING && x->flag == MODEL_FLAG_MISSING;
	int role = x->kind == MODEL_HEADING   ? (missing ? SLIDE_HEADING_MISSING : SLIDE_HEADING)
		   : x->kind == MODEL_SUBHEAD ? SLIDE_SUBHEAD
		   : x->kind == MODEL_CAPTION ? SLIDE_CAPTION
		   : x->flag == MODEL_FLAG_SIGNATURE ? SLIDE_SIGNATURE
						     : SLIDE_PARA;
	*pre = *post = "";
	if (!b->deco)
		return role;
	if (x->kind == MODEL_HEADING) {
		*pre = glyph(GLYPH_HEADING_OPEN);
		sbuf_adds(tmp, glyph(GLYPH_HEADING_CLOSE));
		if (missing)
			sbuf_printf(tmp, " %s", b->miss_heading);
		*post = tmp->s;
	} else if (x->kind == MODEL_CAPTION) {
		*pre = glyph(GLYPH_CAPTION);
	}
	return role;
}

void piece_make(const struct bld *b, int k, size_t off, size_t end, struct piece *p)
{
	struct sbuf tmp;
	sbuf_init(&tmp);
	const char *pre, *post;
	p->role = block_deco(b, k, &pre, &post, &tmp);
	sbuf_init(&p->s);
	if (off == 0)
		sbuf_adds(&p->s, pre);
	p->pl = p->s.len;
	sbuf_addn(&p->s, b->src->text[k] + off, end - off);
	if (end == b->src->len[k])
		sbuf_adds(&p->s, post);
	sbuf_free(&tmp);
	if (off > 0)
		p->indent = b->markw; /* the 续 mark stands before it */
	else if (p->role == SLIDE_PARA)
		p->indent = b->indent;
	else
		p->indent = 0;
	/* a caption's lines under its text, after ▲ (where that leaves room) */
	p->hang = 0;
	if (p->role == SLIDE_CAPTION && b->deco) {
		int h = glyph_width(GLYPH_CAPTION);
		if (b->d->col_width - h >= 8)
			p->hang = h;
	}
}

int piece_wrap_piece(const struct bld *b, const struct piece *p, struct lay_line **ll)
{
	/* lines hang columns narrower, the first (indent - hang) narrower still */
	return lay_wrap(p->s.s, p->s.len, b->d->col_width - p->hang, p->indent - p->hang, ll);
}

int piece_rows(const struct bld *b, int k, size_t off, size_t end)
{
	struct piece p;
	piece_make(b, k, off, end, &p);
	struct lay_line *ll;
	int n = piece_wrap_piece(b, &p, &ll);
	free(ll);
	sbuf_free(&p.s);
	return n;
}

/* --- where a block may be split */

static int is_sentence_end(ucs4_t c)
{
	return c == 0x3002 /* 。 */ || c == 0xFF01 /* ！ */ || c == 0xFF1F /* ？ */;
}

static int is_clause_mark(ucs4_t c)
{
	return c == 0xFF1B /* ； */ || c == 0xFF1A /* ： */ || c == 0xFF0C /* ， */;
}

/* The byte after the boundary that the mark ending at s[p] makes: the
 * closing marks and further end marks after it (。” ！？) and spaces. */
static size_t after_mark(const char *s, size_t n, size_t p)
{
	while (p < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + p, n - p);
		if (l < 1)
			l = 1;
		if (!(lay_no_start(c) || is_sentence_end(c) || c == ' '))
			break;
		p += (size_t)l;
	}
	return p;
}

/* The latest boundary of `level` in block k after `off` (and before its
 * end) such that [off, cut) fits in `rows` rows; 0 when none does. */
size_t piece_cut(const struct bld *b, int k, size_t off, int rows, int level)
{
	const char *s = b->src->text[k];
	size_t n = b->src->len[k], best = 0;
	if (level == SLIDE_SPLIT_LINE) {
		struct piece p;
		piece_make(b, k, off, n, &p);
		struct lay_line *ll;
		int nl = piece_wrap_piece(b, &p, &ll);
		/* after the last line that fits (with the spaces after it); on
		 * screens too narrow for the line-breaking rules (a column of a
		 * few cells), wherever it fits, at worst after one character */
		for (int strict = 1; strict >= 0 && !best; strict--)
			for (int take = nl < rows ? nl - 1 : rows; take >= 1 && !best; take--) {
				size_t e = ll[take - 1].off + ll[take - 1].len;
				e = e > p.pl ? e - p.pl : 0;
				size_t cut = strict ? after_mark(s, n, off + e) : off + e;
				if (cut > off && cut < n && piece_rows(b, k, off, cut) <= rows)
					best = cut;
			}
		if (!best) {
			ucs4_t c;
			int l = u8_mbtouc(&c, (const uint8_t *)s + off, n - off);
			size_t cut = off + (size_t)(l < 1 ? 1 : l);
			if (cut < n)
				best = cut;
		}
		free(ll);
		sbuf_free(&p.s);
		return best;
	}
	for (size_t p = off; p < n;) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + p, n - p);
		p += (size_t)(l < 1 ? 1 : l);
		if (!(is_sentence_end(c) || (level == SLIDE_SPLIT_CLAUSE && is_clause_mark(c))))
			continue;
		size_t cut = after_mark(s, n, p);
		if (cut >= n)
			break;
		if (piece_rows(b, k, off, cut) > rows)
			break; /* longer pieces take no fewer rows */
		best = cut;
		p = cut;
	}
	return best;
}

/* --- how a block that does not fit is split */

/* Rows a continued slide of the current section leaves for blocks. */
int bld_cont_rows(const struct bld *b)
{
	int r = b->d->body_rows - b->top;
	if (b->heading >= 0 && b->hc)
		r -= 1 + b->gap;
	return r;
}

/* The slides the piece [off, end of block k) takes from the top of a
 * continued slide on, each split after the last line that fits: the fewest
 * it can take. */
static int fewest_slides(const struct bld *b, int k, size_t off)
{
	size_t n = b->src->len[k];
	int rows = bld_cont_rows(b), c = 0;
	while (off < n) {
		c++;
		if (rows < 1 || piece_rows(b, k, off, n) <= rows)
			break;
		size_t cut = piece_cut(b, k, off, rows, SLIDE_SPLIT_LINE);
		if (!cut)
			break;
		off = cut;
	}
	return c;
}

/* Where to split the piece [off, end of block k) that does not fit in the
 * `avail` rows left on the current slide.  Each way is counted in the
 * slides the rest of the block then takes: split here at the latest
 * sentence end, clause mark or line that fits (1 + the fewest after it),
 * or move the block to the next slide (the fewest from there; not from a
 * slide holding only the section's heading).  Taken:
 * the first of sentence here, move, clause here, line here that gives the
 * fewest; a sentence or clause split that would leave more than half the
 * slide's text rows empty is passed over (a line split fills the slide).
 * With `keep` (a sub-heading just above) the block may not move, and a
 * clause or line split must take 2 rows at least.  Returns the cut with
 * *level set, or 0 to move (*level SLIDE_SPLIT_NONE), or 0 with *level -1
 * when nothing fits here and the block cannot move. */
size_t piece_choose_cut(const struct bld *b, int k, size_t off, int avail, int keep, int *level)
{
	enum { NWAYS = 4 };
	static const int order[NWAYS] = {SLIDE_SPLIT_SENTENCE, SLIDE_SPLIT_NONE, SLIDE_SPLIT_CLAUSE,
					 SLIDE_SPLIT_LINE};
	size_t cut[NWAYS] = {0};
	int cost[NWAYS], best = -1;
	for (int i = 0; i < NWAYS; i++) {
		int lv = order[i];
		cost[i] = -1;
		if (lv == SLIDE_SPLIT_NONE) {
			if (b->nblk > 0 && !keep)
				cost[i] = fewest_slides(b, k, off);
		} else if (avail > 0 && (cut[i] = piece_cut(b, k, off, avail, lv))) {
			int r = piece_rows(b, k, off, cut[i]);
			int left = b->d->body_rows - (b->row + (b->any ? b->gap : 0) + r);
			if (keep && lv != SLIDE_SPLIT_SENTENCE && r < 2 && avail >= 2)
				continue;
			if (lv != SLIDE_SPLIT_LINE && 2 * left > b->d->slide[b->d->nslides - 1].text_rows)
				continue;
			cost[i] = 1 + fewest_slides(b, k, cut[i]);
		}
		if (cost[i] >= 0 && (best < 0 || cost[i] < best))
			best = cost[i];
	}
	for (int i = 0; i < NWAYS; i++)
		if (cost[i] >= 0 && cost[i] == best) {
			*level = order[i];
			return cut[i];
		}
	*level = -1;
	return 0;
}
