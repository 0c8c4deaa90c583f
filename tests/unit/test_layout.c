/* test_layout.c — the layout engine on real paragraphs of the book:
 * widths, the line-breaking rules at many widths, both ambiguous-width
 * conventions, no character split at a pane edge, sanitising. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/layout.h"
#include "anli/util.h"
#include "breakcheck.h"

#include <stdlib.h>
#include <string.h>
#include <unistr.h>
#include <uniwidth.h>

/* Paragraphs from 《全国园区科协典型案例汇编》 (joined as in data/book). */
static const char *const paras[] = {
	"河南省漯河经济技术开发区科协成立于 2019 年 10 月，依托国家级孵化器——漯河高新技术创业服务中心"
	"开展科协工作。漯河经开区科协一手抓内部建设，一手抓服务能力，不断推动园区科协组织网络体系向纵深发展，"
	"在规范园区科协组织建设的基础上，推动双汇集团、利通液压等企业成立科协组织，助力经济技术开发区打造以"
	"食品为主导，液压科技、智能食品装备、现代服务业四大产业竞相发展的产业格局。",
	"扬州高新区科协通过把握“院士行”活动的前、中、后期三个重要环节，发挥科协职能，全过程护航“院士行”"
	"项目，让学术交流与技术交流更加精准、充分，实现高校和企业在科技成果转化中“双向奔赴”。",
	"一是组织专业学术类交流活动，促进科学探讨和科技创新。先后承办三届“重庆军民融合协同创新论坛”，"
	"邀请比利时 Michael Kraft教授举办《Micro and nano systems for 21 century》主题讲座，促进国际学术交流。",
	"制定《经开区园区科协管理办法》《经开区园区科协培训工作实施方案》等文件，严格按照相关程序召开会议，"
	"商议工作任务，指导工作开展方向。“2024 院士专家扬州行”启动仪式暨 5·30 全国科技工作者日活动……"
	"在扬州会议中心举办（见图）。",
	"在北京市科协和海淀区科协的指导帮助下，E_ZIKOO 智慧谷园区科协于 2023 年成立，围绕发展新质生产力，"
	"携手启迪大街成立未来产业创新中心。",
};

static ucs4_t cp_at(const char *s, size_t n, size_t off)
{
	ucs4_t c = 0;
	if (off < n)
		u8_mbtouc(&c, (const uint8_t *)s + off, n - off);
	return c;
}

static ucs4_t last_cp(const char *s, size_t off, size_t len)
{
	const uint8_t *p = (const uint8_t *)s + off, *e = p + len, *prev = p;
	ucs4_t c = 0;
	while (p < e) {
		prev = p;
		int l = u8_mbtouc(&c, p, (size_t)(e - p));
		p += l > 0 ? l : 1;
	}
	(void)prev;
	return c;
}

static void test_widths(void **state)
{
	(void)state;
	lay_set_ambiwidth(1);
	assert_int_equal(lay_cpwidth(0x4E2D), 2);   /* 中 */
	assert_int_equal(lay_cpwidth('a'), 1);
	assert_int_equal(lay_cpwidth(0xFF0C), 2);   /* ， */
	assert_int_equal(lay_cpwidth(0x3000), 2);   /* ideographic space */
	assert_int_equal(lay_cpwidth(0x0301), 0);   /* combining acute */
	assert_int_equal(lay_cpwidth(0x201C), 1);   /* “ ambiguous */
	assert_int_equal(lay_cpwidth(0x2014), 1);   /* — */
	assert_int_equal(lay_cpwidth(0x2026), 1);   /* … */
	assert_int_equal(lay_cpwidth(0x00B7), 1);   /* · */
	assert_int_equal(lay_strwidth("“院士行”", strlen("“院士行”")), 8);
	lay_set_ambiwidth(2);
	assert_int_equal(lay_cpwidth(0x201C), 2);
	assert_int_equal(lay_cpwidth(0x2014), 2);
	assert_int_equal(lay_cpwidth(0x2026), 2);
	assert_int_equal(lay_cpwidth(0x00B7), 2);
	assert_int_equal(lay_cpwidth(0x00E9), 2);   /* é is ambiguous too */
	assert_int_equal(lay_cpwidth('a'), 1);
	assert_int_equal(lay_cpwidth(0x4E2D), 2);
	assert_int_equal(lay_strwidth("“院士行”", strlen("“院士行”")), 10);
	lay_set_ambiwidth(1);
}

static void test_fit_never_splits(void **state)
{
	(void)state;
	const char *s = "园区科协ab中";
	int used;
	assert_int_equal(lay_fit(s, strlen(s), 3, &used), 3); /* one Han char, not half of the second */
	assert_int_equal(used, 2);
	assert_int_equal(lay_fit(s, strlen(s), 9, &used), 12 + 1);
	assert_int_equal(used, 9);
	assert_int_equal(lay_fit(s, strlen(s), 11, &used), 12 + 2);
	assert_int_equal(used, 10);
	assert_int_equal(lay_fit(s, strlen(s), 0, &used), 0);
}

static void test_sanitize(void **state)
{
	(void)state;
	size_t n;
	char *s = lay_sanitize("a\x1b[31mb\tc\x7f", 10, &n);
	assert_string_equal(s, "a\xe2\x90\x9b[31mb\xe2\x90\x89" "c\xe2\x90\xa1");
	assert_int_equal(n, strlen(s));
	free(s);
	s = lay_sanitize("\xff\xfe中\xc2\x85", 7, &n); /* invalid bytes, then a C1 control */
	assert_true(u8_check((const uint8_t *)s, n) == NULL);
	assert_non_null(strstr(s, "中"));
	assert_null(strchr(s, 0x1b));
	size_t ffd = 0;
	for (const char *p = s; (p = strstr(p, "\xef\xbf\xbd")); p += 3)
		ffd++;
	assert_true(ffd >= 2);
	free(s);
	s = lay_sanitize("x\xe2\x80\xaey", 5, &n); /* RIGHT-TO-LEFT OVERRIDE */
	assert_string_equal(s, "x\xef\xbf\xbdy");
	free(s);
}

static void check_wrap(const char *s, int width, int indent)
{
	size_t n = strlen(s);
	struct lay_line *l;
	int nl = lay_wrap(s, n, width, indent, &l);
	assert_true(nl >= 1);
	struct sbuf joined;
	sbuf_init(&joined);
	for (int i = 0; i < nl; i++) {
		int avail = width - (i == 0 ? indent : 0);
		/* no line wider than its pane; width is what the table says */
		assert_int_equal(l[i].width, lay_strwidth(s + l[i].off, l[i].len));
		if (l[i].width > avail)
			fail_msg("width %d: line %d is %d columns: %.*s", width, i, l[i].width, (int)l[i].len,
				 s + l[i].off);
		assert_true(l[i].len > 0);
		ucs4_t first = cp_at(s, n, l[i].off), last = last_cp(s, l[i].off, l[i].len);
		if (i > 0 && lay_no_start(first))
			fail_msg("width %d: line %d starts with U+%04X", width, i, first);
		if (i < nl - 1 && lay_no_end(last))
			fail_msg("width %d: line %d ends with U+%04X", width, i, last);
		if (i < nl - 1) {
			ucs4_t next = cp_at(s, n, l[i + 1].off);
			if (last == next && (last == 0x2014 || last == 0x2026))
				fail_msg("width %d: a doubled dash or ellipsis is split after line %d", width, i);
			/* not needlessly short: the shortest unit that could move up
			 * (up to the next allowed break in the next line) did not fit */
			int wn = bc_width_with_next_unit(s, l[i].off, l[i].len, l[i + 1].off, l[i + 1].off + l[i + 1].len);
			if (wn >= 0 && wn <= avail)
				fail_msg("amb %d indent %d width %d: line %d (%d columns) could have taken more: %.*s",
					 lay_ambiwidth(), indent, width, i, l[i].width, (int)l[i].len, s + l[i].off);
		}
		sbuf_addn(&joined, s + l[i].off, l[i].len);
	}
	/* nothing lost: the lines are the text, less the spaces at breaks */
	struct sbuf orig;
	sbuf_init(&orig);
	for (const char *p = s; *p; p++)
		if (*p != ' ')
			sbuf_addc(&orig, *p);
	struct sbuf j2;
	sbuf_init(&j2);
	for (const char *p = joined.s; *p; p++)
		if (*p != ' ')
			sbuf_addc(&j2, *p);
	assert_string_equal(orig.s, j2.s);
	sbuf_free(&orig);
	sbuf_free(&j2);
	sbuf_free(&joined);
	free(l);
}

static void test_wrap_rules_all_widths(void **state)
{
	(void)state;
	for (int amb = 1; amb <= 2; amb++) {
		lay_set_ambiwidth(amb);
		for (size_t p = 0; p < sizeof paras / sizeof *paras; p++)
			for (int w = 8; w <= 100; w++) {
				check_wrap(paras[p], w, 0);
				check_wrap(paras[p], w, 4);
			}
	}
	lay_set_ambiwidth(1);
}

static void test_wrap_quotes_break_like_brackets(void **state)
{
	(void)state;
	/* UAX #14 alone forbids the break before “ here, which would leave a
	 * line of 14 columns at width 16. */
	const char *s = "全过程护航“院士行”项目";
	struct lay_line *l;
	int nl = lay_wrap(s, strlen(s), 11, 0, &l);
	assert_int_equal(nl, 3);
	assert_int_equal(l[0].len, strlen("全过程护航"));
	free(l);
	/* …and after ”, between Chinese characters */
	s = "院士行”项目推进";
	nl = lay_wrap(s, strlen(s), 8, 0, &l);
	assert_int_equal(nl, 2);
	assert_int_equal(l[0].len, strlen("院士行”"));
	free(l);
}

static void test_wrap_pushes_out_closing_punct(void **state)
{
	(void)state;
	/* 。must not start a line: 会 goes down with it */
	const char *s = "一二三四五会。";
	struct lay_line *l;
	int nl = lay_wrap(s, strlen(s), 12, 0, &l);
	assert_int_equal(nl, 2);
	assert_int_equal(l[0].len, strlen("一二三四五"));
	assert_int_equal(l[1].len, strlen("会。"));
	free(l);
	/* 《 must not end a line */
	s = "一二三四五《六》";
	nl = lay_wrap(s, strlen(s), 12, 0, &l);
	assert_int_equal(l[0].len, strlen("一二三四五"));
	free(l);
	/* —— stays together */
	s = "一二三四五——六";
	nl = lay_wrap(s, strlen(s), 11, 0, &l);
	assert_int_equal(l[0].len, strlen("一二三四五"));
	free(l);
}

static void test_wrap_narrow_and_empty(void **state)
{
	(void)state;
	struct lay_line *l;
	assert_int_equal(lay_wrap("", 0, 10, 0, &l), 0);
	free(l);
	/* width 2: one Han character per line, never half of one */
	const char *s = "园区科协";
	int nl = lay_wrap(s, strlen(s), 2, 0, &l);
	assert_int_equal(nl, 4);
	for (int i = 0; i < nl; i++)
		assert_int_equal(l[i].width, 2);
	free(l);
	/* width 3: still no line over 3, none split */
	nl = lay_wrap(s, strlen(s), 3, 0, &l);
	for (int i = 0; i < nl; i++)
		assert_true(l[i].width <= 3);
	free(l);
	/* a long Latin word is cut at the edge when it cannot fit */
	s = "Supercalifragilistic";
	nl = lay_wrap(s, strlen(s), 8, 0, &l);
	assert_int_equal(nl, 3);
	assert_int_equal(l[0].width, 8);
	free(l);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_fit_never_splits),
		cmocka_unit_test(test_sanitize),
		cmocka_unit_test(test_wrap_rules_all_widths),
		cmocka_unit_test(test_wrap_quotes_break_like_brackets),
		cmocka_unit_test(test_wrap_pushes_out_closing_punct),
		cmocka_unit_test(test_wrap_narrow_and_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
