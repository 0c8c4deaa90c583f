/* test_slides.c — the pagination of the presentation (slides.h) on every
 * item of the bundled book ($ANLI_DB) at sizes from 20×8 to 120×60, in
 * both ambiguous-width conventions: no line wider than the screen, no
 * slide taller, no line starting with what may not start a line, every
 * character of the item's text exactly once and in order, and splits at
 * the highest level that fits.  Also finding a slide, titles, rendering,
 * the missing-text markers, and the option values of `anli present`. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/glyph.h"
#include "anli/layout.h"
#include "anli/model.h"
#include "anli/slides.h"
#include "anli/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

static const char *db_path;
static struct model *m;

static int setup(void **state)
{
	(void)state;
	db_path = getenv("ANLI_DB");
	if (!db_path)
		db_path = "data/anli.db";
	struct anli_err err;
	m = model_open(db_path, &err);
	if (!m) {
		fprintf(stderr, "%s\n", err.msg);
		return -1;
	}
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	model_close(m);
	return 0;
}

static const int sizes[][2] = {
	{20, 8}, {22, 9}, {26, 10}, {32, 11}, {40, 10}, {40, 12}, {48, 14}, {50, 16},
	{60, 20}, {72, 22}, {80, 24}, {100, 40}, {120, 60},
};
#define NSIZES ((int)(sizeof sizes / sizeof sizes[0]))

static ucs4_t first_cp(const char *s, size_t n)
{
	ucs4_t c = 0;
	if (n)
		u8_mbtouc(&c, (const uint8_t *)s, n);
	return c;
}

static int is_sentence_end(ucs4_t c)
{
	return c == 0x3002 || c == 0xFF01 || c == 0xFF1F;
}

static int is_clause_mark(ucs4_t c)
{
	return c == 0xFF1B || c == 0xFF1A || c == 0xFF0C;
}

/* Does s[from, to) hold a mark of a level higher than `level`? */
static int has_higher_mark(const char *s, size_t from, size_t to, int level)
{
	for (size_t p = from; p < to;) {
		ucs4_t c;
		int l = u8_mbtouc(&c, (const uint8_t *)s + p, to - p);
		p += (size_t)(l < 1 ? 1 : l);
		if (level >= SLIDE_SPLIT_CLAUSE && is_sentence_end(c))
			return 1;
		if (level >= SLIDE_SPLIT_LINE && is_clause_mark(c))
			return 1;
	}
	return 0;
}

struct where {
	const char *item;
	int w, h, amb;
};

static void fail_at(const struct where *at, int s, const char *what)
{
	fail_msg("%s at %dx%d (ambiguous %d), slide %d: %s", at->item, at->w, at->h, at->amb, s + 1, what);
}

/* Every check on the deck of one item. */
static void check_deck(const struct deck *d, const struct slides_item *in, const struct where *at)
{
	const struct slides_src *src = &d->src[0];
	assert_int_equal(d->body_rows + d->footer_rows, at->h);
	assert_true(d->col_x >= 0 && d->col_x + d->col_width <= at->w);
	assert_true(d->nslides >= 1);
	assert_true(d->slide[0].title_slide);
	assert_int_equal(src->first_slide, 0);
	assert_int_equal(src->nslides, d->nslides);
	assert_true(d->col_width <= SLIDES_MAX_COLUMN);

	int k = 0;      /* the block being read, and where */
	size_t pos = 0;
	for (int s = 0; s < d->nslides; s++) {
		const struct slide *sl = &d->slide[s];
		int prev_y = -1, prev_end = 0, prev_step = 0;
		if (s > 0 && sl->title_slide)
			fail_at(at, s, "a second title slide");
		for (int i = sl->first_line; i < sl->first_line + sl->nlines; i++) {
			const struct slide_line *l = &d->line[i];
			const char *t = d->text + l->off;
			/* geometry: inside the screen, rows in order, no overlap */
			if (l->y < 0 || l->y >= d->body_rows)
				fail_at(at, s, "a line below the slide area (taller than the screen)");
			if (l->x < 0 || l->x + l->width > at->w)
				fail_at(at, s, "a line wider than the screen");
			if (l->width != lay_strwidth(t, l->len))
				fail_at(at, s, "a line's width is not its text's");
			if (l->y < prev_y || (l->y == prev_y && l->x < prev_end))
				fail_at(at, s, "lines out of order or overlapping");
			/* a caption's further lines stand under its text, after ▲ */
			if (i > sl->first_line && l->role == SLIDE_CAPTION && l[-1].role == SLIDE_CAPTION &&
			    l[-1].block == l->block && d->col_width >= 10 &&
			    l->x != d->col_x + glyph_width(GLYPH_CAPTION))
				fail_at(at, s, "a caption's line not under its text");
			prev_end = l->y == prev_y ? l->x + l->width : l->x + l->width;
			prev_y = l->y;
			if (l->step < prev_step || l->step >= sl->nsteps)
				fail_at(at, s, "a step out of order");
			prev_step = l->step;
			/* 避头尾 */
			if (l->len && lay_no_start(first_cp(t, l->len))) {
				char msg[256];
				snprintf(msg, sizeof msg, "a line starts with a forbidden character: %.*s", (int)l->len,
					 t);
				fail_at(at, s, msg);
			}
			if (l->block < 0 || l->src_len == 0)
				continue;
			/* the text, exactly once and in order */
			if (l->block < k)
				fail_at(at, s, "a block shown again after a later one");
			while (k < l->block) {
				/* the block before is complete (but for spaces) */
				for (; pos < src->len[k]; pos++)
					if (src->text[k][pos] != ' ')
						fail_at(at, s, "a block's end is missing");
				k++;
				pos = 0;
			}
			if (l->src_off < pos)
				fail_at(at, s, "text shown twice");
			for (; pos < l->src_off; pos++)
				if (src->text[k][pos] != ' ')
					fail_at(at, s, "text left out");
			if (l->src_off + l->src_len > src->len[k] || l->pre + l->src_len > l->len ||
			    memcmp(t + l->pre, src->text[k] + l->src_off, l->src_len))
				fail_at(at, s, "a line's text is not its block's");
			pos = l->src_off + l->src_len;
			/* finding the slide of this text again */
			if (slides_find(d, 0, l->block, l->src_off) != s)
				fail_at(at, s, "slides_find does not find the slide showing the text");
		}
		/* the highest split level that fits */
		if (sl->split != SLIDE_SPLIT_NONE) {
			if (sl->last_block < 0)
				fail_at(at, s, "a split slide without text");
			int b = sl->last_block;
			size_t from = sl->first_block == b ? sl->first_off : 0;
			/* a lower level than one in the piece only to take fewer
			 * slides: then the slide is at least half full */
			int used = d->line[sl->first_line + sl->nlines - 1].y + 1;
			if (has_higher_mark(src->text[b], from, sl->last_end, sl->split) &&
			    (d->body_rows - used) * 2 > sl->text_rows && sl->text_rows >= 4)
				fail_at(at, s, "split at a lower level than one that fits");
			if (sl->last_end >= src->len[b])
				fail_at(at, s, "split at a block's end");
			if (s + 1 >= d->nslides || !d->slide[s + 1].cont)
				fail_at(at, s, "the next slide does not say it continues");
		}
	}
	for (; k < in->nblocks; k++, pos = 0)
		for (; pos < src->len[k]; pos++)
			if (src->text[k][pos] != ' ')
				fail_at(at, d->nslides - 1, "the item's text does not all appear");

	/* a block that fits on an empty slide is not split */
	for (int b = 0; b < in->nblocks; b++) {
		int first = -1, last = -1;
		for (int s = 0; s < d->nslides; s++) {
			const struct slide *sl = &d->slide[s];
			for (int i = sl->first_line; i < sl->first_line + sl->nlines; i++)
				if (d->line[i].block == b && d->line[i].src_len) {
					if (first < 0)
						first = s;
					last = s;
				}
		}
		if (first < 0 || first == last || in->blocks[b].kind != MODEL_PARA ||
		    in->blocks[b].flag != MODEL_FLAG_NONE)
			continue;
		/* the paragraph's first-line indent, as its first line shows it */
		int indent = 0;
		for (int i = 0; i < d->nlines; i++)
			if (d->line[i].block == b) {
				indent = d->line[i].x - d->col_x;
				break;
			}
		struct lay_line *ll;
		int rows = lay_wrap(src->text[b], src->len[b], d->col_width, indent, &ll);
		free(ll);
		/* (a paragraph after its sub-heading starts with it) */
		int after_sub = b > 0 && in->blocks[b - 1].kind == MODEL_SUBHEAD &&
				d->slide[first].first_block <= b - 1;
		if (rows <= d->slide[first].text_rows && !after_sub)
			fail_at(at, first, "a paragraph that fits on an empty slide is split");
	}

	/* no sub-heading left at the foot of a slide when it and the block
	 * after it fit together on the next */
	for (int s = 0; s + 1 < d->nslides; s++) {
		const struct slide *sl = &d->slide[s], *nx = &d->slide[s + 1];
		const struct slide_line *last = &d->line[sl->first_line + sl->nlines - 1];
		if (last->role != SLIDE_SUBHEAD || nx->cont || nx->first_block != last->block + 1 ||
		    nx->section != sl->section)
			continue;
		int sub = 0, next = 0;
		for (int i = sl->first_line; i < sl->first_line + sl->nlines; i++)
			sub += d->line[i].block == last->block;
		for (int i = nx->first_line; i < nx->first_line + nx->nlines; i++)
			next += d->line[i].block == last->block + 1;
		if (nx->last_block == last->block + 1 && nx->split)
			continue; /* the block goes on: it did not fit whole */
		if (sub + (d->body_rows >= 12) + next <= nx->text_rows)
			fail_at(at, s, "a sub-heading left at the foot of the slide");
	}

	/* a sub-heading is never the last text line of a slide when its
	 * paragraph follows in the same section: it goes with at least the
	 * first piece of it (unless not even two rows of it would fit after
	 * it on an empty slide) */
	for (int s = 0; s + 1 < d->nslides; s++) {
		const struct slide *sl = &d->slide[s];
		const struct slide_line *last = NULL;
		for (int i = sl->first_line; i < sl->first_line + sl->nlines; i++)
			if (d->line[i].block >= 0 && d->line[i].src_len)
				last = &d->line[i];
		if (!last || last->role != SLIDE_SUBHEAD || last->block + 1 >= in->nblocks ||
		    in->blocks[last->block + 1].section != in->blocks[last->block].section)
			continue;
		int sub = 0;
		for (int i = 0; i < d->nlines; i++)
			sub += d->line[i].block == last->block && d->line[i].src_len;
		int next = d->slide[s + 1].text_rows;
		if (sub + (d->body_rows >= 12) + 2 <= next)
			fail_at(at, s, "a sub-heading is the last text line of the slide");
	}

	/* no slide holds only its section's heading when the section goes on */
	for (int s = 0; s + 1 < d->nslides; s++) {
		const struct slide *sl = &d->slide[s];
		int text = 0;
		for (int i = sl->first_line; i < sl->first_line + sl->nlines; i++)
			text += d->line[i].block >= 0 && d->line[i].src_len && d->line[i].role != SLIDE_HEADING &&
				d->line[i].role != SLIDE_HEADING_MISSING;
		if (!sl->title_slide && !text && d->slide[s + 1].section == sl->section && !d->slide[s + 1].title_slide)
			fail_at(at, s, "a slide with only its section's heading");
	}

	/* a paragraph takes no more slides than its rows need, plus one; and
	 * a slide that ends inside a paragraph is not left half empty */
	for (int b = 0; b < in->nblocks; b++) {
		int first = -1, last = -1;
		for (int s = 0; s < d->nslides; s++)
			for (int i = d->slide[s].first_line; i < d->slide[s].first_line + d->slide[s].nlines; i++)
				if (d->line[i].block == b && d->line[i].src_len) {
					if (first < 0)
						first = s;
					last = s;
				}
		if (first < 0 || in->blocks[b].kind != MODEL_PARA)
			continue;
		struct lay_line *ll;
		int rows = lay_wrap(src->text[b], src->len[b], d->col_width, 0, &ll);
		free(ll);
		int tr = d->slide[first + (first < last)].text_rows;
		if (tr >= 4 && last - first + 1 > (rows + tr - 1) / tr + 1)
			fail_at(at, first, "a paragraph on more slides than it needs");
	}
	for (int s = 0; s + 1 < d->nslides; s++) {
		const struct slide *sl = &d->slide[s];
		if (sl->split == SLIDE_SPLIT_NONE || sl->text_rows < 4)
			continue;
		int used = d->line[sl->first_line + sl->nlines - 1].y + 1;
		if ((d->body_rows - used) * 2 > sl->text_rows)
			fail_at(at, s, "a slide half empty before a continued paragraph");
	}

	/* the rendering: body_rows lines, none wider than the screen */
	for (int s = 0; s < d->nslides; s++) {
		struct sbuf r;
		sbuf_init(&r);
		slides_render(d, s, -1, &r);
		int rows = 0;
		for (char *p = r.s, *nl; (nl = strchr(p, '\n')); p = nl + 1, rows++)
			if (lay_strwidth(p, (size_t)(nl - p)) > at->w)
				fail_at(at, s, "a rendered row wider than the screen");
		assert_int_equal(rows, d->body_rows);
		sbuf_free(&r);
		struct sbuf t;
		sbuf_init(&t);
		slides_title(d, s, &t);
		assert_true(t.len > 0);
		sbuf_free(&t);
	}
}

static void test_every_item(void **state)
{
	(void)state;
	int decks = 0, splits[4] = {0};
	for (int amb = 1; amb <= 2; amb++) {
		lay_set_ambiwidth(amb);
		for (int i = 0; i < m->nitems; i++) {
			struct model_block *b;
			int nb;
			struct anli_err err;
			assert_int_equal(model_blocks(m, i, &b, &nb, &err), 0);
			struct slides_item in = {.item = &m->items[i], .blocks = b, .nblocks = nb,
						 .chapter = "第一篇 学术交流", .number = "案例 1/53"};
			for (int z = 0; z < NSIZES; z++) {
				/* the ambiguous-wide convention at a few sizes */
				if (amb == 2 && z % 3)
					continue;
				struct slides_opts o = {.width = sizes[z][0], .height = sizes[z][1], .footer_rows = 1};
				struct deck d;
				slides_build(&d, &in, 1, &o);
				struct where at = {m->items[i].id, sizes[z][0], sizes[z][1], amb};
				check_deck(&d, &in, &at);
				for (int s = 0; s < d.nslides; s++)
					splits[d.slide[s].split]++;
				decks++;
				slides_free(&d);
			}
			model_blocks_free(b, nb);
		}
	}
	lay_set_ambiwidth(1);
	/* the book exercises every level */
	assert_true(decks > 1000);
	assert_true(splits[SLIDE_SPLIT_SENTENCE] > 0);
	assert_true(splits[SLIDE_SPLIT_CLAUSE] > 0);
	assert_true(splits[SLIDE_SPLIT_LINE] > 0);
}

/* Slides for the item with id `id` at w×h (footer 1). */
static void build_id(struct deck *d, const char *id, int w, int h, struct model_block **b, int *nb,
		     struct slides_item *in)
{
	int i = model_find(m, id);
	assert_true(i >= 0);
	struct anli_err err;
	assert_int_equal(model_blocks(m, i, b, nb, &err), 0);
	*in = (struct slides_item){.item = &m->items[i], .blocks = *b, .nblocks = *nb};
	struct slides_opts o = {.width = w, .height = h, .footer_rows = 1};
	slides_build(d, in, 1, &o);
}

static int has_role(const struct deck *d, int s, int role, const char *text)
{
	const struct slide *sl = &d->slide[s];
	for (int i = sl->first_line; i < sl->first_line + sl->nlines; i++)
		if (d->line[i].role == role &&
		    (!text || (d->line[i].len >= strlen(text) && !memcmp(d->text + d->line[i].off, text, strlen(text)))))
			return 1;
	return 0;
}

static void test_structure(void **state)
{
	(void)state;
	struct deck d;
	struct model_block *b;
	int nb;
	struct slides_item in;
	/* case 1 at 40×12: a title slide, each section starts a slide with its
	 * heading, a continued section repeats it with 续, a continued block
	 * shows the 续 mark */
	build_id(&d, "c1", 40, 12, &b, &nb, &in);
	assert_true(has_role(&d, 0, SLIDE_TITLE, "加强“三期”管理"));
	assert_true(has_role(&d, 0, SLIDE_SUBTITLE, "让学术之花结出产业硕果"));
	assert_true(has_role(&d, 0, SLIDE_ORG, "江苏扬州高新区科协"));
	int headings = 0, conts = 0, marks = 0;
	for (int s = 1; s < d.nslides; s++) {
		const struct slide *sl = &d.slide[s];
		int first = slides_section_first(&d, s);
		if (first == s && has_role(&d, s, SLIDE_HEADING, "【"))
			headings++;
		if (first != s && has_role(&d, s, SLIDE_HEADING_CONT, "【")) {
			conts++;
			assert_non_null(slides_heading(&d, s));
			assert_non_null(strstr(d.text + d.line[sl->first_line].off, slides_heading(&d, s)));
		}
		assert_int_equal(sl->cont, has_role(&d, s, SLIDE_CONT_MARK, NULL));
		marks += sl->cont;
		if (first != s)
			assert_int_equal(sl->n_in_section, d.slide[s - 1].n_in_section + 1);
		/* section navigation */
		int nx = slides_section_next(&d, s);
		assert_true(nx == -1 || (nx > s && slides_section_first(&d, nx) == nx));
		int pv = slides_section_prev(&d, s);
		assert_true(pv >= 0 && pv < first);
	}
	assert_int_equal(headings, 4); /* 工作背景 主要做法 工作成效 工作启示 */
	assert_null(slides_heading(&d, 0));
	assert_string_equal(slides_heading(&d, d.nslides - 1), "工作启示");
	assert_true(conts > 0 && marks > 0);
	struct sbuf t;
	sbuf_init(&t);
	slides_title(&d, d.nslides - 1, &t);
	assert_non_null(strstr(t.s, "c1"));
	/* the title slide is named so; narrow, the item's title is cut first
	 * so that the section and n stay */
	t.len = 0;
	slides_title(&d, 0, &t);
	assert_string_equal(t.s, "c1 · title");
	struct slides_item named = in;
	named.short_title = "案例1 加强“三期”管理，让学术之花结出产业硕果";
	struct deck dn;
	struct slides_opts on = {.width = 40, .height = 12, .footer_rows = 1};
	slides_build(&dn, &named, 1, &on);
	int fitted = 0;
	for (int s = 1; s < dn.nslides && !fitted; s++) {
		if (dn.slide[s].n_in_section < 2 || !slides_heading(&dn, s))
			continue;
		char want[128];
		snprintf(want, sizeof want, " · %s · %d", slides_heading(&dn, s), dn.slide[s].n_in_section);
		struct sbuf f;
		sbuf_init(&f);
		slides_title_fit(&dn, s, 24, &f);
		assert_true(lay_strwidth(f.s, f.len) <= 24);
		assert_true(f.len > strlen(want) && !strcmp(f.s + f.len - strlen(want), want));
		assert_non_null(strstr(f.s, "案例1"));
		sbuf_free(&f);
		fitted = 1;
	}
	assert_true(fitted);
	slides_free(&dn);
	sbuf_free(&t);
	/* the slide of a paragraph, and of the title */
	assert_int_equal(slides_find(&d, 0, -1, 0), 0);
	assert_int_equal(slides_find(&d, 1, 0, 0), -1);
	assert_int_equal(slides_find(&d, 0, nb + 5, 0), d.nslides - 1);
	slides_free(&d);
	model_blocks_free(b, nb);

	/* a title the source lost (the 深圳 article), an end it lost (沈阳) */
	build_id(&d, "a2", 60, 20, &b, &nb, &in);
	assert_true(has_role(&d, 0, SLIDE_MISSING, "[title missing in the source]"));
	assert_false(has_role(&d, 0, SLIDE_TITLE, NULL));
	slides_free(&d);
	model_blocks_free(b, nb);
	build_id(&d, "a3", 60, 20, &b, &nb, &in);
	assert_true(has_role(&d, d.nslides - 1, SLIDE_MISSING, "[the rest is missing in the source]"));
	slides_free(&d);
	model_blocks_free(b, nb);

	/* 120×60: the column is at most SLIDES_MAX_COLUMN wide, centred */
	build_id(&d, "c27", 120, 60, &b, &nb, &in);
	assert_int_equal(d.col_width, SLIDES_MAX_COLUMN);
	assert_int_equal(d.col_x, (120 - SLIDES_MAX_COLUMN) / 2);
	slides_free(&d);
	model_blocks_free(b, nb);

	/* tiny screens: no error, the footer gives way */
	for (int h = 1; h <= 8; h++)
		for (int w = 1; w <= 12; w += 5) {
			build_id(&d, "c3", w, h, &b, &nb, &in);
			assert_true(d.nslides > 1);
			assert_int_equal(d.body_rows + d.footer_rows, h);
			for (int i = 0; i < d.nlines; i++)
				assert_true(d.line[i].y < d.body_rows);
			slides_free(&d);
			model_blocks_free(b, nb);
		}
}

/* Several items in one deck: each has its title slide, in order. */
static void test_several(void **state)
{
	(void)state;
	struct model_block *b[3];
	int nb[3];
	struct slides_item in[3];
	const char *ids[3] = {"foreword", "c27", "a8"};
	for (int i = 0; i < 3; i++) {
		int k = model_find(m, ids[i]);
		struct anli_err err;
		assert_int_equal(model_blocks(m, k, &b[i], &nb[i], &err), 0);
		in[i] = (struct slides_item){.item = &m->items[k], .blocks = b[i], .nblocks = nb[i]};
	}
	struct deck d;
	struct slides_opts o = {.width = 50, .height = 16, .footer_rows = 2};
	slides_build(&d, in, 3, &o);
	assert_int_equal(d.footer_rows, 2);
	int total = 0;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(d.src[i].first_slide, total);
		assert_true(d.slide[total].title_slide);
		assert_int_equal(d.slide[total].item, i);
		total += d.src[i].nslides;
		/* the next section after an item's last slide is the next item's title */
		if (i < 2)
			assert_int_equal(slides_section_next(&d, total - 1), total);
	}
	assert_int_equal(total, d.nslides);
	slides_free(&d);
	for (int i = 0; i < 3; i++)
		model_blocks_free(b[i], nb[i]);
	/* no items: an empty deck */
	slides_build(&d, in, 0, &o);
	assert_int_equal(d.nslides, 0);
	assert_int_equal(slides_find(&d, 0, 0, 0), -1);
	slides_free(&d);
}

/* The items read through the model, with what their title slides say. */
static void test_load(void **state)
{
	(void)state;
	int idx[3] = {model_find(m, "c27"), model_find(m, "a2"), model_find(m, "foreword")};
	struct present_src ps;
	struct anli_err err;
	assert_int_equal(present_load(m, idx, 3, &ps, &err), 0);
	assert_int_equal(ps.nitems, 3);
	assert_string_equal(ps.items[0].chapter, "第三篇 科经融合");
	assert_string_equal(ps.items[0].number, "案例 27/53");
	assert_string_equal(ps.items[0].short_title, "案例27 用好“科创中国”平台");
	assert_string_equal(ps.items[1].number, "文章 2/8");
	/* an article's title slide says what the reader's header says */
	assert_string_equal(ps.items[1].chapter, model_collection_label(m, m->items[idx[1]].collection_id));
	struct sbuf hdr;
	sbuf_init(&hdr);
	model_item_header(m, idx[1], &hdr);
	assert_non_null(strstr(hdr.s, ps.items[1].chapter));
	sbuf_free(&hdr);
	assert_string_equal(ps.items[1].short_title, "[title missing in the source]");
	assert_null(ps.items[2].number);
	assert_null(ps.items[2].chapter);
	assert_true(ps.items[0].nblocks > 10 && ps.items[0].blocks[0].id != NULL);
	struct deck d;
	struct slides_opts o = {.width = 60, .height = 20, .footer_rows = 1};
	slides_build(&d, ps.items, ps.nitems, &o);
	assert_int_equal(d.nitems, 3);
	struct sbuf t;
	sbuf_init(&t);
	slides_render(&d, 0, -1, &t);
	assert_non_null(strstr(t.s, "案例 27/53"));
	assert_non_null(strstr(t.s, "新疆兵团石河子高新区科协"));
	sbuf_free(&t);
	slides_free(&d);
	present_unload(&ps);
	assert_int_equal(ps.nitems, 0);
}

static void test_options(void **state)
{
	(void)state;
	assert_int_equal(present_parse_duration("20m"), 1200);
	assert_int_equal(present_parse_duration("90s"), 90);
	assert_int_equal(present_parse_duration("1h"), 3600);
	assert_int_equal(present_parse_duration("1h30m"), 5400);
	assert_int_equal(present_parse_duration("20"), 1200);
	assert_int_equal(present_parse_duration(""), -1);
	assert_int_equal(present_parse_duration("0s"), -1);
	assert_int_equal(present_parse_duration("-5m"), -1);
	assert_int_equal(present_parse_duration("5x"), -1);
	assert_int_equal(present_parse_duration("m"), -1);
	assert_int_equal(present_parse_duration("1h30"), -1);
	assert_int_equal(present_parse_duration("25h"), -1);
	assert_int_equal(present_parse_duration("99999999999999999999s"), -1);
	int w = 0, h = 0;
	assert_int_equal(present_parse_size("40x12", &w, &h), 0);
	assert_int_equal(w, 40);
	assert_int_equal(h, 12);
	assert_int_equal(present_parse_size("60×20", &w, &h), 0);
	assert_int_equal(w, 60);
	assert_int_equal(h, 20);
	assert_int_equal(present_parse_size("40", &w, &h), -1);
	assert_int_equal(present_parse_size("x12", &w, &h), -1);
	assert_int_equal(present_parse_size("40x", &w, &h), -1);
	assert_int_equal(present_parse_size("0x12", &w, &h), -1);
	assert_int_equal(present_parse_size("40x12x3", &w, &h), -1);
	assert_int_equal(present_parse_size("40x-1", &w, &h), -1);
	assert_int_equal(present_parse_size("20000x10", &w, &h), -1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_item),
		cmocka_unit_test(test_structure),
		cmocka_unit_test(test_several),
		cmocka_unit_test(test_load),
		cmocka_unit_test(test_options),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
