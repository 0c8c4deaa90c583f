/* slides.c — presentation pagination (see slides.h): the deck's geometry
 * and the flow of each section's blocks into slides, split so as to take
 * the fewest slides at the highest level that does.  The pieces of blocks
 * and where a block may be split are in piece.c; the title slides in
 * title.c; finding, titles and the plain text rendering in deck.c. */
#include "piece.h"

#include "anli/glyph.h"
#include "anli/i18n.h"
#include "anli/layout.h"
#include "anli/names.h"

#include <stdlib.h>
#include <string.h>

/* --- lines and slides */

static struct slide *cur(const struct bld *b)
{
	return &b->d->slide[b->d->nslides - 1];
}

void bld_line(struct bld *b, const char *s, size_t n, int y, int x, int width, int role, int block,
		     size_t src_off, size_t src_len, size_t pre)
{
	struct deck *d = b->d;
	if (d->nlines == b->lcap) {
		b->lcap = b->lcap ? b->lcap * 2 : 256;
		d->line = xrealloc(d->line, sizeof *d->line * (size_t)b->lcap);
	}
	struct slide_line *l = &d->line[d->nlines++];
	l->off = b->text.len;
	l->len = n;
	sbuf_addn(&b->text, s, n);
	l->y = y;
	l->x = x < 0 ? 0 : x;
	l->width = width;
	l->role = (short)role;
	l->step = (short)b->step;
	l->block = block;
	l->src_off = src_off;
	l->src_len = src_len;
	l->pre = pre;
	cur(b)->nlines++;
	if (block >= 0) {
		struct slide *sl = cur(b);
		if (sl->first_block < 0) {
			sl->first_block = block;
			sl->first_off = src_off;
		}
		sl->last_block = block;
		sl->last_end = src_off + src_len;
	}
}

static void new_slide(struct bld *b, int section, int title_slide)
{
	struct deck *d = b->d;
	if (d->nslides == b->scap) {
		b->scap = b->scap ? b->scap * 2 : 64;
		d->slide = xrealloc(d->slide, sizeof *d->slide * (size_t)b->scap);
	}
	int n_in = 1;
	if (d->nslides && !title_slide) {
		const struct slide *p = &d->slide[d->nslides - 1];
		if (p->item == b->item && p->section == section && !p->title_slide)
			n_in = p->n_in_section + 1;
	}
	struct slide *s = &d->slide[d->nslides++];
	memset(s, 0, sizeof *s);
	s->first_line = d->nlines;
	s->item = b->item;
	s->section = title_slide ? -1 : section;
	s->title_slide = title_slide;
	s->n_in_section = n_in;
	s->first_block = s->last_block = -1;
	s->nsteps = 1;
	s->text_rows = d->body_rows;
	b->src->nslides++;
	b->row = 0;
	b->nblk = 0;
	b->any = 0;
	b->step = 0;
}

/* The heading repeated on a continued slide: "【name】 续", cut to one row. */
static void heading_cont(struct bld *b)
{
	const char *name = b->src->text[b->heading];
	const char *cont = _("续");
	struct sbuf s;
	sbuf_init(&s);
	sbuf_printf(&s, "%s%s%s %s", glyph(GLYPH_HEADING_OPEN), name, glyph(GLYPH_HEADING_CLOSE), cont);
	int w = lay_strwidth(s.s, s.len), cw = b->d->col_width;
	if (w > cw) {
		/* "name… 续", the name cut to what is left */
		struct sbuf t;
		sbuf_init(&t);
		int tail = lay_strwidth("… ", strlen("… ")) + lay_strwidth(cont, strlen(cont)), used = 0;
		size_t k = tail < cw ? lay_fit(name, strlen(name), cw - tail, &used) : 0;
		if (k) {
			sbuf_addn(&t, name, k);
			sbuf_adds(&t, "… ");
		}
		sbuf_adds(&t, cont);
		sbuf_free(&s);
		s = t;
		w = lay_strwidth(s.s, s.len);
	}
	if (w <= cw)
		bld_line(b, s.s, s.len, b->row, b->d->col_x, w, SLIDE_HEADING_CONT, -1, 0, 0, 0);
	sbuf_free(&s);
	b->row++;
}

/* Start a slide that continues the current section. */
static void cont_slide(struct bld *b, int cont)
{
	new_slide(b, b->section, 0);
	cur(b)->cont = cont;
	cur(b)->text_rows = bld_cont_rows(b);
	b->row = b->top;
	if (b->heading >= 0 && b->hc) {
		heading_cont(b);
		b->row += b->gap;
	}
}

/* Put the piece [off, end) of block k on the current slide at b->row. */
static void place(struct bld *b, int k, size_t off, size_t end)
{
	if (b->any) {
		b->row += b->gap;
		if (k != b->heading && b->nblk)
			b->step++;
	}
	struct piece p;
	piece_make(b, k, off, end, &p);
	struct lay_line *ll;
	int n = piece_wrap_piece(b, &p, &ll);
	int cx = b->d->col_x, cw = b->d->col_width;
	if (off > 0 && b->markw)
		bld_line(b, b->mark, strlen(b->mark), b->row, cx, b->markw, SLIDE_CONT_MARK, -1, 0, 0, 0);
	size_t tl = end - off;
	for (int i = 0; i < n; i++) {
		size_t lo = ll[i].off, hi = lo + ll[i].len;
		size_t a = lo > p.pl ? lo : p.pl, e = hi < p.pl + tl ? hi : p.pl + tl;
		size_t so = off + (a >= p.pl ? a - p.pl : 0), sl = e > a ? e - a : 0;
		int x = cx + (i == 0 ? p.indent : p.hang);
		if (p.role == SLIDE_SIGNATURE)
			x = cx + (cw > ll[i].width ? cw - ll[i].width : 0);
		bld_line(b, p.s.s + lo, ll[i].len, b->row + i, x, ll[i].width, p.role, k, so,
			 sl ? sl : 0, sl ? a - lo : 0);
	}
	b->row += n;
	free(ll);
	sbuf_free(&p.s);
	b->any = 1;
	if (k != b->heading)
		b->nblk++;
	cur(b)->nsteps = b->step + 1;
}

/* --- the flow */

static void flow_block(struct bld *b, int k)
{
	size_t off = 0, n = b->src->len[k];
	int keep = b->keep;
	b->keep = 0;
	if (n == 0)
		return;
	while (off < n) {
		int need = piece_rows(b, k, off, n);
		int avail = b->d->body_rows - b->row - (b->any ? b->gap : 0);
		if (need <= avail) {
			place(b, k, off, n);
			return;
		}
		if (!keep && b->nblk > 0 && need <= bld_cont_rows(b)) {
			cont_slide(b, off > 0); /* fits on the next slide whole */
			continue;
		}
		int level;
		size_t cut = piece_choose_cut(b, k, off, avail, keep, &level);
		keep = 0;
		if (!cut && b->any) {
			/* better on the next slide, or nothing fits here: the
			 * next slide (which, empty, has at least one row and
			 * so takes at least one line) */
			cont_slide(b, off > 0);
			continue;
		}
		if (!cut) {
			/* an empty slide where not even a line could be cut
			 * (never in the book): place it all rather than loop */
			place(b, k, off, n);
			return;
		}
		place(b, k, off, cut);
		cur(b)->split = level;
		off = cut;
		cont_slide(b, 1);
	}
}

/* A sub-heading (the bold lead of the paragraph after it) is never the
 * last text line of a slide: it goes to the next slide unless it and the
 * first piece of its paragraph (2 rows, or all of it if shorter) fit in
 * the rest of this one, or unless it and all of the paragraph fit there
 * and not here; the paragraph then starts here (flow_block,
 * b->keep). */
static void keep_with_next(struct bld *b, int k)
{
	int sub = piece_rows(b, k, 0, b->src->len[k]), next = piece_rows(b, k + 1, 0, b->src->len[k + 1]);
	int first = next < 2 ? next : 2;
	int avail = b->d->body_rows - b->row - (b->any ? b->gap : 0);
	if (b->nblk > 0 && sub + b->gap + (sub + b->gap + next <= bld_cont_rows(b) ? next : first) > avail &&
	    sub + b->gap + first <= bld_cont_rows(b))
		cont_slide(b, 0);
}

/* The missing end's marker after the item's last block. */
static void missing_end(struct bld *b)
{
	struct lay_line *ll;
	const char *m = b->miss_end;
	int n = piece_wrap(b, m, strlen(m), 0, &ll);
	if (b->row + (b->any ? b->gap : 0) + n > b->d->body_rows)
		cont_slide(b, 0);
	if (b->any)
		b->row += b->gap;
	for (int i = 0; i < n && b->row < b->d->body_rows; i++, b->row++)
		bld_line(b, m + ll[i].off, ll[i].len, b->row, b->d->col_x, ll[i].width, SLIDE_MISSING, -1, 0, 0, 0);
	free(ll);
}

/* --- the deck */

static void geometry(struct deck *d, struct bld *b, const struct slides_opts *o)
{
	int w = o->width < 1 ? 1 : o->width, h = o->height < 1 ? 1 : o->height;
	int foot = o->footer_rows < 0 ? 0 : o->footer_rows;
	/* the footer gives way below 6 rows of slide */
	if (h - foot < 6)
		foot = h > 6 ? h - 6 : 0;
	d->width = w;
	d->height = h;
	d->footer_rows = foot;
	d->body_rows = h - foot;
	int margin = w >= 40 ? 2 : w >= 24 ? 1 : 0;
	int cap = o->max_column > 0 ? o->max_column : SLIDES_MAX_COLUMN;
	d->col_width = w - 2 * margin < cap ? w - 2 * margin : cap;
	d->col_x = (w - d->col_width) / 2;
	b->gap = d->body_rows >= 12;
	b->top = d->body_rows >= 16;
	b->hc = d->body_rows - b->top - 1 - b->gap >= 2;
	b->indent = d->col_width >= 16 ? 4 : d->col_width >= 6 ? 2 : 0;
	b->deco = d->col_width >= 6;
	b->mark = d->col_width >= 16 ? _("〔续〕") : d->col_width >= 6 ? _("续") : "";
	b->markw = lay_strwidth(b->mark, strlen(b->mark));
}

static void build_item(struct bld *b, const struct slides_item *in)
{
	struct slides_src *src = b->src;
	const struct model_item *it = in->item;
	src->first_slide = b->d->nslides;
	src->nblocks = in->nblocks;
	src->text = xcalloc((size_t)in->nblocks + 1, sizeof *src->text);
	src->len = xcalloc((size_t)in->nblocks + 1, sizeof *src->len);
	for (int k = 0; k < in->nblocks; k++) {
		const char *t = in->blocks[k].text ? in->blocks[k].text : "";
		src->text[k] = lay_sanitize(t, strlen(t), &src->len[k]);
	}
	const char *st = in->short_title && *in->short_title ? in->short_title : it->id;
	src->short_title = lay_sanitize(st, strlen(st), NULL);
	b->blocks = in->blocks;

	new_slide(b, -1, 1);
	bld_title_slide(b, in);
	b->section = -1;
	b->heading = -1;
	for (int k = 0; k < in->nblocks; k++) {
		if (k == 0 || in->blocks[k].section != b->section) {
			b->section = in->blocks[k].section;
			b->heading = in->blocks[k].kind == MODEL_HEADING ? k : -1;
			new_slide(b, b->section, 0);
			b->row = b->top;
			int hr = b->heading >= 0 ? piece_rows(b, k, 0, src->len[k]) + b->gap : 0;
			cur(b)->text_rows = b->d->body_rows - b->top - hr;
		}
		int sub = in->blocks[k].kind == MODEL_SUBHEAD && k + 1 < in->nblocks &&
			  in->blocks[k + 1].section == b->section;
		if (sub)
			keep_with_next(b, k);
		flow_block(b, k);
		b->keep = sub;
	}
	if (it->end_missing)
		missing_end(b);
}

void slides_build(struct deck *d, const struct slides_item *items, int nitems, const struct slides_opts *o)
{
	memset(d, 0, sizeof *d);
	struct bld b;
	memset(&b, 0, sizeof b);
	b.d = d;
	sbuf_init(&b.text);
	b.miss_title = o->missing_title ? o->missing_title : _("[title missing in the source]");
	b.miss_end = o->missing_end ? o->missing_end : _("[the rest is missing in the source]");
	b.miss_heading = o->missing_heading ? o->missing_heading : _("[heading missing in the source]");
	geometry(d, &b, o);
	d->nitems = nitems > 0 ? nitems : 0;
	d->src = xcalloc((size_t)d->nitems + 1, sizeof *d->src);
	for (int i = 0; i < d->nitems; i++) {
		b.item = i;
		b.src = &d->src[i];
		build_item(&b, &items[i]);
	}
	d->text = sbuf_take(&b.text);
}

void slides_free(struct deck *d)
{
	for (int i = 0; i < d->nitems; i++) {
		for (int k = 0; k < d->src[i].nblocks; k++)
			free(d->src[i].text[k]);
		free(d->src[i].text);
		free(d->src[i].len);
		free(d->src[i].short_title);
	}
	free(d->src);
	free(d->text);
	free(d->line);
	free(d->slide);
	memset(d, 0, sizeof *d);
}
