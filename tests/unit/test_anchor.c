/* test_anchor.c — the anchoring core (src/user/anchor.c): selectors cut
 * from CJK text, typed quotes found with the search folding, the
 * re-anchoring cascade on crafted before/after texts, "applied" for each
 * kind, invalid UTF-8, and the fuzz driver fed a few hundred inputs.
 * Over 400 lines: each case of the contract is a crafted text, kept next
 * to the others so that the cascade's order can be read in one place. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/anchor.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* the fuzz driver, its broken properties reported as test failures */
#define AF_FAIL(what) fail_msg("fuzz property broken: %s", what)
#include "../fuzz/anchor_fuzz.c"

/* Code-point position of the k-th (0-based) occurrence of needle in hay. */
static int cpos_nth(const char *hay, const char *needle, int k)
{
	const char *p = hay;
	for (;;) {
		p = strstr(p, needle);
		assert_non_null(p);
		if (k-- == 0)
			break;
		p++;
	}
	char *head = strndup(hay, (size_t)(p - hay));
	int n = anchor_cplen(head);
	free(head);
	return n;
}
#define cpos(hay, needle) cpos_nth(hay, needle, 0)

/* A selector for the k-th occurrence of quote in text. */
static void sel_of(const char *text, const char *quote, int k, struct anchor_sel *sel)
{
	assert_int_equal(anchor_make(text, cpos_nth(text, quote, k), anchor_cplen(quote), sel), 0);
	assert_string_equal(sel->quote, quote);
}

static void resolve(const char *const *blocks, int n, int home, const struct anchor_sel *sel, int kind,
		    const char *fix, struct anchor_result *r)
{
	anchor_resolve(blocks, n, home, sel, kind, fix, r);
}

/* 30 code points, all different */
static const char *const TEXT30 = "一二三四五六七八九十甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉";

static void test_cplen(void **state)
{
	(void)state;
	assert_int_equal(anchor_cplen(TEXT30), 30);
	assert_int_equal(anchor_cplen(""), 0);
	assert_int_equal(anchor_cplen("ａb　c"), 4);
	/* invalid sequences count as u8_mbtouc reads them: one each */
	assert_int_equal(anchor_cplen("a\xff\xfe" "b"), 4);
	assert_int_equal(anchor_cplen("\xE4\xB8" "A"), 2);
}

static void test_make_start_end_middle(void **state)
{
	(void)state;
	struct anchor_sel s;
	/* at the start: no prefix, suffix cut at ANCHOR_CONTEXT */
	assert_int_equal(anchor_make(TEXT30, 0, 2, &s), 0);
	assert_string_equal(s.quote, "一二");
	assert_string_equal(s.prefix, "");
	assert_string_equal(s.suffix, "三四五六七八九十甲乙丙丁戊己庚辛");
	assert_int_equal(anchor_cplen(s.suffix), ANCHOR_CONTEXT);
	assert_int_equal(s.offset, 0);
	anchor_sel_free(&s);
	/* at the end */
	assert_int_equal(anchor_make(TEXT30, 28, 2, &s), 0);
	assert_string_equal(s.quote, "申酉");
	assert_string_equal(s.prefix, "丙丁戊己庚辛壬癸子丑寅卯辰巳午未");
	assert_string_equal(s.suffix, "");
	assert_int_equal(s.offset, 28);
	anchor_sel_free(&s);
	/* in the middle: both sides cut */
	assert_int_equal(anchor_make(TEXT30, 17, 3, &s), 0);
	assert_string_equal(s.quote, "辛壬癸");
	assert_string_equal(s.prefix, "二三四五六七八九十甲乙丙丁戊己庚");
	assert_string_equal(s.suffix, "子丑寅卯辰巳午未申酉");
	assert_int_equal(s.offset, 17);
	anchor_sel_free(&s);
	/* near the start: the prefix is what there is */
	assert_int_equal(anchor_make(TEXT30, 3, 1, &s), 0);
	assert_string_equal(s.prefix, "一二三");
	anchor_sel_free(&s);
	/* an empty span at the very end is inside the text */
	assert_int_equal(anchor_make(TEXT30, 30, 0, &s), 0);
	assert_string_equal(s.quote, "");
	assert_string_equal(s.suffix, "");
	anchor_sel_free(&s);
}

static void test_make_out_of_range(void **state)
{
	(void)state;
	struct anchor_sel s;
	const int bad[][2] = {{-1, 1}, {29, 2}, {31, 0}, {0, 31}, {0, -1}, {2147483647, 2147483647}};
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++) {
		assert_int_equal(anchor_make(TEXT30, bad[i][0], bad[i][1], &s), -1);
		assert_string_equal(s.quote, "");
		assert_string_equal(s.prefix, "");
		assert_string_equal(s.suffix, "");
		assert_int_equal(s.offset, 0);
		anchor_sel_free(&s);
	}
}

/* Runs anchor_find_typed and checks the spans against want (pairs). */
static void typed(const char *text, const char *q, int nwant, const int *want)
{
	int *st, *ln, n;
	assert_int_equal(anchor_find_typed(text, q, &st, &ln, &n), 0);
	assert_int_equal(n, nwant);
	if (!n) {
		assert_null(st);
		assert_null(ln);
	}
	for (int i = 0; i < n; i++) {
		assert_int_equal(st[i], want[2 * i]);
		assert_int_equal(ln[i], want[2 * i + 1]);
	}
	free(st);
	free(ln);
}

static void test_typed_width_and_space(void **state)
{
	(void)state;
	const char *t = "第１２３号：ＡＩ 赋能园区，AI赋能科协。";
	/* half-width typed finds full-width text, case folded, spaces ignored in the text */
	int w1[] = {cpos(t, "ＡＩ"), 5, cpos(t, "AI赋能"), 4};
	typed(t, "ai赋能", 2, w1);
	/* full-width and spaces in the typed text */
	typed(t, "Ａ Ｉ　赋 能", 2, w1);
	/* digits, both widths */
	int w2[] = {1, 3};
	typed(t, "123", 1, w2);
	typed(t, "１ 2３", 1, w2);
	/* an ideographic space inside the book's text is inside the span */
	const char *u = "全国园区　科协典型案例";
	int w3[] = {2, 5};
	typed(u, "园区科协", 1, w3);
	/* white space around the typed text is not part of the span */
	typed(u, "  科协 \n", 1, (int[]){5, 2});
}

static void test_typed_several_none_blank(void **state)
{
	(void)state;
	const char *t = "科协，科协，还是科协";
	typed(t, "科协", 3, (int[]){0, 2, 3, 2, 8, 2});
	typed(t, "协会", 0, NULL);
	typed("", "协会", 0, NULL);
	/* occurrences do not overlap */
	typed("啊啊啊啊啊", "啊啊", 2, (int[]){0, 2, 2, 2});
	int *st = (int *)1, *ln = (int *)1, n = 7;
	assert_int_equal(anchor_find_typed(t, "  　\t", &st, &ln, &n), -1);
	assert_int_equal(n, 0);
	assert_null(st);
	assert_int_equal(anchor_find_typed(t, "", &st, &ln, &n), -1);
	/* a long repetitive text: every disjoint pair */
	size_t reps = 100000;
	char *big = malloc(reps * 3 + 1);
	for (size_t i = 0; i < reps; i++)
		memcpy(big + 3 * i, "啊", 3);
	big[reps * 3] = '\0';
	assert_int_equal(anchor_find_typed(big, "啊啊", &st, &ln, &n), 0);
	assert_int_equal(n, (int)reps / 2);
	assert_int_equal(st[n - 1], (int)reps - 2);
	free(st);
	free(ln);
	assert_int_equal(anchor_find_typed(big, "啊啊b", &st, &ln, &n), 0);
	assert_int_equal(n, 0);
	free(big);
}

/* --- the cascade */

static const char *const PARA = "今年园区共举办科普活动十二场，参加人数达五百人次，园区科协的工作得到好评。";

static void test_exact(void **state)
{
	(void)state;
	struct anchor_sel s;
	struct anchor_result r;
	sel_of(PARA, "十二场", 0, &s);
	const char *after[] = {"标题", PARA, "另一段"};
	resolve(after, 3, 1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_EXACT);
	assert_int_equal(r.block, 1);
	assert_int_equal(r.start, cpos(PARA, "十二场"));
	assert_int_equal(r.applied, 0);
	assert_int_equal(r.applied_block, -1);
	anchor_sel_free(&s);
}

static void test_moved_best_context(void **state)
{
	(void)state;
	const char *before = "甲方说：关于园区科协的工作。乙方说：关于园区科协的建议。丙方说：同意以上两点意见。";
	struct anchor_sel s;
	struct anchor_result r;
	sel_of(before, "科协", 1, &s); /* the second one */
	/* ten code points inserted before: the first occurrence is now nearer
	 * the old offset than the second, but the second's context agrees */
	const char *after = "新增加的十个字在这：甲方说：关于园区科协的工作。乙方说：关于园区科协的建议。丙方说：同意以上两点意见。";
	assert_int_equal(anchor_cplen("新增加的十个字在这："), 10);
	const char *blocks[] = {after};
	resolve(blocks, 1, 0, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 0);
	assert_int_equal(r.start, cpos_nth(after, "科协", 1));
	assert_int_equal(r.start, s.offset + 10);
	/* of two other blocks with agreeing contexts, the better one, though
	 * later */
	struct anchor_sel k;
	sel_of(PARA, "科协", 0, &k);
	const char *two[] = {"标题", "另外有一些：参加人数达五百人次，园区科协召开全体会议部署工作", "无关",
			     "今年园区共举办科普活动十二场，参加人数达五百人次，园区科协的工作得到好评。此外还有。"};
	resolve(two, 4, -1, &k, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 3);
	anchor_sel_free(&k);
	anchor_sel_free(&s);
	/* the same with the first one: found again there */
	sel_of(before, "科协", 0, &s);
	resolve(blocks, 1, 0, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.start, cpos_nth(after, "科协", 0));
	anchor_sel_free(&s);
}

/* Steps 2, 3 and 4: the own block with an agreeing context, then another
 * block with one (even when the own block holds the quote elsewhere),
 * then the own block whatever the context; of equal scores in other
 * blocks, the one nearer home wins, then the earlier one. */
static void test_cascade_order(void **state)
{
	(void)state;
	struct anchor_sel s;
	struct anchor_result r;
	sel_of(PARA, "科协", 0, &s);
	/* 2: the own block, context agreeing though less than block 0's */
	const char *home_agrees[] = {PARA, "标题", "新开头。今年园区共举办科普活动十二场，参加人数达五百人次，园区科协的工作得到肯定。"};
	resolve(home_agrees, 3, 2, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 2);
	assert_int_equal(r.start, cpos(home_agrees[2], "科协"));
	/* 3: the own block holds 科协 in another context: block 0 is the one */
	const char *after[] = {PARA, "标题", "改写后：科协在园区很活跃。", "尾声"};
	resolve(after, 4, 2, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 0);
	assert_int_equal(r.start, cpos(PARA, "科协"));
	/* 4: nowhere else: the own block's, whatever its context */
	resolve(after + 1, 3, 1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 1);
	assert_int_equal(r.start, cpos(after[2], "科协"));
	/* ties: nearer home, then earlier */
	const char *twice[] = {PARA, "标题", "无关", PARA, "尾声"};
	resolve(twice, 5, 2, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 3);
	resolve(twice, 5, 1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.block, 0);
	resolve(twice, 5, -1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.block, 0);
	anchor_sel_free(&s);
}

static void test_split_paragraph(void **state)
{
	(void)state;
	const char *before = "第一句话讲园区的背景情况。第二句话讲科协的具体做法和成效。";
	struct anchor_sel s;
	struct anchor_result r;
	sel_of(before, "具体做法", 0, &s);
	const char *after[] = {"标题", "第一句话讲园区的背景情况。", "第二句话讲科协的具体做法和成效。", "下一段。"};
	resolve(after, 4, 1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 2);
	assert_int_equal(r.start, cpos(after[2], "具体做法"));
	/* the same when the home block is gone */
	resolve(after, 4, -1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 2);
	anchor_sel_free(&s);
	/* a quote at the very start of the second half: its prefix is gone,
	 * its suffix agrees */
	sel_of(before, "第二句话", 0, &s);
	resolve(after, 4, 1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 2);
	assert_int_equal(r.start, 0);
	anchor_sel_free(&s);
}

static void test_orphaned(void **state)
{
	(void)state;
	struct anchor_sel s;
	struct anchor_result r;
	sel_of(PARA, "五百人次", 0, &s);
	/* the block deleted, the quote nowhere */
	const char *after[] = {"标题", "完全不同的一段。", "又一段。"};
	resolve(after, 3, -1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_ORPHANED);
	assert_int_equal(r.block, -1);
	assert_int_equal(r.start, 0);
	/* nor in its own (rewritten) block */
	resolve(after, 3, 1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_ORPHANED);
	/* no blocks at all */
	resolve(NULL, 0, 0, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_ORPHANED);
	anchor_sel_free(&s);
}

static void test_short_quote_other_context(void **state)
{
	(void)state;
	struct anchor_sel s;
	struct anchor_result r;
	sel_of(PARA, "科协", 0, &s);
	/* 科协 in another block, with a different context: no match */
	const char *after[] = {"标题", "市科协召开全体会议，部署明年工作。", "今年园区共举办"};
	resolve(after, 3, -1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_ORPHANED);
	resolve(after, 3, 2, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_ORPHANED);
	/* half of the stored context (16 + 8 code points, all of which there
	 * is room for) agrees: it matches; one fewer, not */
	assert_int_equal(anchor_cplen(s.prefix) + anchor_cplen(s.suffix), 24);
	const char *after2[] = {"标题", "市科协召开会议。", "另外有一些：参加人数达五百人次，园区科协召开全体会议部署工作"};
	resolve(after2, 3, -1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 2);
	assert_int_equal(r.start, cpos(after2[2], "科协"));
	const char *after3[] = {"标题", "市科协召开会议。", "另外有一些，再加人数达五百人次，园区科协召开全体会议部署工作"};
	resolve(after3, 3, -1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_ORPHANED);
	/* little room for context: ANCHOR_MIN_CONTEXT code points at least */
	const char *small[] = {"标题", "园区科协"};
	resolve(small, 2, -1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_ORPHANED);
	const char *small4[] = {"标题", "次，园区科协"};
	resolve(small4, 2, -1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 1);
	/* prefix and suffix add up; half of what there is room for (5 + 8) */
	const char *after4[] = {"标题", "人次，园区科协的工作得到好评。"};
	resolve(after4, 2, 0, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 1);
	anchor_sel_free(&s);
}

static void test_whole_block_quote(void **state)
{
	(void)state;
	struct anchor_sel s;
	struct anchor_result r;
	const char *head = "一、基本情况";
	sel_of(head, head, 0, &s);
	assert_string_equal(s.prefix, "");
	assert_string_equal(s.suffix, "");
	/* no context to compare: found in another block without one */
	const char *after[] = {"前言", "段落", "一、基本情况（续）"};
	resolve(after, 3, 1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_MOVED);
	assert_int_equal(r.block, 2);
	assert_int_equal(r.start, 0);
	anchor_sel_free(&s);
}

static void test_no_quote(void **state)
{
	(void)state;
	struct anchor_sel s;
	struct anchor_result r;
	assert_int_equal(anchor_make(PARA, 0, 0, &s), 0);
	const char *after[] = {"标题", "别的文字"};
	resolve(after, 2, 1, &s, ANCHOR_REPLACE, "别的", &r);
	assert_int_equal(r.state, ANCHOR_EXACT);
	assert_int_equal(r.block, 1);
	assert_int_equal(r.start, 0);
	assert_int_equal(r.applied, 0);
	resolve(after, 2, -1, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_ORPHANED);
	assert_int_equal(r.block, -1);
	resolve(after, 2, 2, &s, ANCHOR_QUERY, NULL, &r); /* out of range: gone */
	assert_int_equal(r.state, ANCHOR_ORPHANED);
	anchor_sel_free(&s);
	struct anchor_sel empty = {0};
	resolve(after, 2, 0, &empty, ANCHOR_QUERY, NULL, &r); /* NULL strings */
	assert_int_equal(r.state, ANCHOR_EXACT);
	assert_int_equal(r.block, 0);
}

/* --- applied */

struct applied_case {
	int kind;
	const char *quote, *fix, *after;
	int state; /* of the quote in `after` */
};

static void test_applied_each_kind(void **state)
{
	(void)state;
	const struct applied_case cases[] = {
		{ANCHOR_REPLACE, "十二场", "12场", "今年园区共举办科普活动12场，参加人数达五百人次，园区科协的工作得到好评。",
		 ANCHOR_ORPHANED},
		{ANCHOR_DELETE, "共", NULL, "今年园区举办科普活动十二场，参加人数达五百人次，园区科协的工作得到好评。",
		 ANCHOR_ORPHANED},
		{ANCHOR_INSERT, "科普活动", "（含线上）",
		 "今年园区共举办科普活动（含线上）十二场，参加人数达五百人次，园区科协的工作得到好评。", ANCHOR_EXACT},
	};
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		const struct applied_case *c = &cases[i];
		struct anchor_sel s;
		struct anchor_result r;
		sel_of(PARA, c->quote, 0, &s);
		/* not yet made: not applied */
		const char *before[] = {"标题", PARA};
		resolve(before, 2, 1, &s, c->kind, c->fix, &r);
		assert_int_equal(r.state, ANCHOR_EXACT);
		assert_int_equal(r.applied, 0);
		assert_int_equal(r.applied_block, -1);
		/* made: applied, in its own block */
		const char *after[] = {"标题", c->after};
		resolve(after, 2, 1, &s, c->kind, c->fix, &r);
		assert_int_equal(r.state, c->state);
		assert_int_equal(r.applied, 1);
		assert_int_equal(r.applied_block, 1);
		/* and seen in another block when its own is gone */
		const char *moved[] = {"标题", "新的一段。", c->after};
		resolve(moved, 3, 1, &s, c->kind, c->fix, &r);
		assert_int_equal(r.applied, 1);
		assert_int_equal(r.applied_block, 2);
		resolve(moved, 3, -1, &s, c->kind, c->fix, &r);
		assert_int_equal(r.applied_block, 2);
		/* a query is never applied, whatever the text */
		resolve(after, 2, 1, &s, ANCHOR_QUERY, c->fix ? c->fix : "", &r);
		assert_int_equal(r.applied, 0);
		assert_int_equal(r.applied_block, -1);
		anchor_sel_free(&s);
	}
}

static void test_applied_edges(void **state)
{
	(void)state;
	struct anchor_sel s;
	struct anchor_result r;
	/* at the end of the block: the empty suffix is the block's end */
	const char *t = "会议决定成立科协";
	sel_of(t, "科协", 0, &s);
	const char *a1[] = {"会议决定成立园区科协"};
	resolve(a1, 1, 0, &s, ANCHOR_REPLACE, "园区科协", &r);
	assert_int_equal(r.applied, 1);
	const char *a2[] = {"会议决定成立园区科协并选举主席"}; /* not at the end: not as asked */
	resolve(a2, 1, 0, &s, ANCHOR_REPLACE, "园区科协", &r);
	assert_int_equal(r.applied, 0);
	const char *a3[] = {"会议决定成立科协组织"};
	resolve(a3, 1, 0, &s, ANCHOR_INSERT, "组织", &r);
	assert_int_equal(r.applied, 1);
	assert_int_equal(r.state, ANCHOR_EXACT);
	const char *a3b[] = {"会议决定成立科协组织工作"};
	resolve(a3b, 1, 0, &s, ANCHOR_INSERT, "组织", &r);
	assert_int_equal(r.applied, 0);
	anchor_sel_free(&s);
	/* at the start: the empty prefix is the block's start */
	sel_of(t, "会议", 0, &s);
	const char *a4[] = {"决定成立科协"};
	resolve(a4, 1, 0, &s, ANCHOR_DELETE, NULL, &r);
	assert_int_equal(r.applied, 1);
	const char *a5[] = {"他决定成立科协"};
	resolve(a5, 1, 0, &s, ANCHOR_DELETE, NULL, &r);
	assert_int_equal(r.applied, 0);
	/* a correction that changes nothing is never applied */
	const char *same[] = {t};
	resolve(same, 1, 0, &s, ANCHOR_REPLACE, "会议", &r);
	assert_int_equal(r.applied, 0);
	resolve(same, 1, 0, &s, ANCHOR_INSERT, "", &r);
	assert_int_equal(r.applied, 0);
	resolve(same, 1, 0, &s, ANCHOR_INSERT, NULL, &r);
	assert_int_equal(r.applied, 0);
	resolve(same, 1, 0, &s, 99, "x", &r); /* not a kind */
	assert_int_equal(r.applied, 0);
	anchor_sel_free(&s);
}

/* --- bad bytes */

static void test_invalid_utf8(void **state)
{
	(void)state;
	const char *bad = "园区\xff\xfe科协\xE4\xB8" "典型\x80案例";
	assert_int_equal(anchor_cplen(bad), 12);
	struct anchor_sel s;
	assert_int_equal(anchor_make(bad, 2, 4, &s), 0);
	/* the stored strings are valid UTF-8, U+FFFD for each bad sequence */
	assert_null(u8_check((const uint8_t *)s.quote, strlen(s.quote)));
	assert_null(u8_check((const uint8_t *)s.suffix, strlen(s.suffix)));
	assert_string_equal(s.quote, "\xEF\xBF\xBD\xEF\xBF\xBD科协");
	assert_string_equal(s.suffix, "\xEF\xBF\xBD典型\xEF\xBF\xBD案例");
	/* and the bad text still resolves to itself */
	struct anchor_result r;
	const char *blocks[] = {bad};
	resolve(blocks, 1, 0, &s, ANCHOR_QUERY, NULL, &r);
	assert_int_equal(r.state, ANCHOR_EXACT);
	assert_int_equal(r.start, 2);
	resolve(blocks, 1, 0, &s, ANCHOR_REPLACE, "\xff\xff", &r);
	assert_int_equal(r.state, ANCHOR_EXACT);
	anchor_sel_free(&s);
	/* typed bad bytes: U+FFFD as the search folding reads them */
	typed(bad, "科协", 1, (int[]){4, 2});
	typed(bad, "\xC0", 4, (int[]){2, 1, 3, 1, 6, 1, 9, 1});
	typed("\xff", "\xfe", 1, (int[]){0, 1});
}

/* --- the fuzz driver, a few hundred pseudo-random inputs */

static void test_fuzz_smoke(void **state)
{
	(void)state;
	static const char *const piece[] = {"科协", "园区", "，", "。", " ", "　", "ＡＩ", "ai", "１２", "12", "\x01",
					    "\x01", "\xff", "\xE4\xB8", "\xC0\x80", "e\xCC\x81", "\t", "的", "科", "协"};
	const int npiece = (int)(sizeof piece / sizeof piece[0]);
	uint32_t x = 12345;
	uint8_t buf[600];
	for (int iter = 0; iter < 500; iter++) {
		size_t len = 0;
		for (int i = 0; i < 4; i++) {
			x = x * 1103515245u + 12345u;
			buf[len++] = (uint8_t)(x >> 16);
		}
		x = x * 1103515245u + 12345u;
		int parts = (int)((x >> 16) % 80);
		for (int i = 0; i < parts; i++) {
			x = x * 1103515245u + 12345u;
			const char *p = piece[(x >> 16) % (uint32_t)npiece];
			size_t pl = strlen(p);
			if (len + pl > sizeof buf)
				break;
			memcpy(buf + len, p, pl);
			len += pl;
		}
		assert_int_equal(LLVMFuzzerTestOneInput(buf, len), 0);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_cplen),
		cmocka_unit_test(test_make_start_end_middle),
		cmocka_unit_test(test_make_out_of_range),
		cmocka_unit_test(test_typed_width_and_space),
		cmocka_unit_test(test_typed_several_none_blank),
		cmocka_unit_test(test_exact),
		cmocka_unit_test(test_moved_best_context),
		cmocka_unit_test(test_cascade_order),
		cmocka_unit_test(test_split_paragraph),
		cmocka_unit_test(test_orphaned),
		cmocka_unit_test(test_short_quote_other_context),
		cmocka_unit_test(test_whole_block_quote),
		cmocka_unit_test(test_no_quote),
		cmocka_unit_test(test_applied_each_kind),
		cmocka_unit_test(test_applied_edges),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_fuzz_smoke),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
