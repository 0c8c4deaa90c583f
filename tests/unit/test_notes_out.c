/* test_notes_out.c — the notes' export devices (notesout.h): CSV quoting
 * per RFC 4180 with CRLF and inert formulas, TSV escapes, Markdown cells,
 * the table's header and BOM, the 勘误表's grouping, a note as JSON. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/notesout.h"

#include <stdlib.h>
#include <string.h>

/* cell(s) through an encoder, as a new string */
static char *csv(const char *s, int last)
{
	struct sbuf o;
	sbuf_init(&o);
	sbuf_adds(&o, "");
	out_csv_cell(&o, s, last);
	return sbuf_take(&o);
}

static char *tsv(const char *s, int last)
{
	struct sbuf o;
	sbuf_init(&o);
	sbuf_adds(&o, "");
	out_notes_tsv_cell(&o, s, last);
	return sbuf_take(&o);
}

static char *md(const char *s)
{
	struct sbuf o;
	sbuf_init(&o);
	sbuf_adds(&o, "");
	out_md_cell(&o, s);
	return sbuf_take(&o);
}

#define CHECK(call, want)                         \
	do {                                      \
		char *got_ = (call);              \
		assert_string_equal(got_, (want)); \
		free(got_);                       \
	} while (0)

static void test_csv(void **state)
{
	(void)state;
	CHECK(csv("原文", 0), "原文,");
	CHECK(csv("原文", 1), "原文\r\n");
	CHECK(csv(NULL, 0), ",");
	CHECK(csv("", 1), "\r\n");
	/* quoting: a comma, a quote (doubled), a line break (kept, LF) */
	CHECK(csv("a,b", 0), "\"a,b\",");
	CHECK(csv("say \"hi\"", 0), "\"say \"\"hi\"\"\",");
	CHECK(csv("two\nlines", 1), "\"two\nlines\"\r\n");
	CHECK(csv("two\r\nlines", 1), "\"two\nlines\"\r\n");
	CHECK(csv("“中文引号”，全角逗号", 0), "“中文引号”，全角逗号,"); /* not CSV syntax */
	/* formulas made inert: a leading apostrophe, inside quotes */
	CHECK(csv("=SUM(A1:A9)", 0), "\"'=SUM(A1:A9)\",");
	CHECK(csv("+1", 0), "\"'+1\",");
	CHECK(csv("-2", 0), "\"'-2\",");
	CHECK(csv("@cmd", 0), "\"'@cmd\",");
	CHECK(csv("\t=1", 0), "\"'\t=1\",");
	CHECK(csv("=HYPERLINK(\"x\",\"y\")", 1), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"\r\n");
	CHECK(csv("a=b", 0), "a=b,"); /* only at the start */
	/* control characters are made visible, never passed through */
	CHECK(csv("a\x1b[31mb", 0), "a␛[31mb,");
}

static void test_tsv(void **state)
{
	(void)state;
	CHECK(tsv("原文", 0), "原文\t");
	CHECK(tsv("原文", 1), "原文\n");
	CHECK(tsv("a\tb", 0), "a\\tb\t");
	CHECK(tsv("a\nb", 0), "a\\nb\t");
	CHECK(tsv("a\r\nb", 0), "a\\nb\t");
	CHECK(tsv("back\\slash", 1), "back\\\\slash\n");
	CHECK(tsv("=1", 1), "=1\n"); /* TSV is for programs: no apostrophe */
	CHECK(tsv("a|b", 1), "a|b\n");
}

static void test_md(void **state)
{
	(void)state;
	CHECK(md("原文"), "原文");
	CHECK(md("a|b"), "a\\|b");
	CHECK(md("a\tb"), "a b");
	CHECK(md("a\nb"), "a<br>b");
	CHECK(md("*强调* _x_ `c` [l](u) <b>"), "\\*强调\\* \\_x\\_ \\`c\\` \\[l\\](u) \\<b\\>");
	CHECK(md("a\\b"), "a\\\\b");
	CHECK(md(NULL), "");
}

static struct out_notes_row row(const char *chapter, const char *item, const char *kind, const char *quote,
				const char *fix, const char *note, int orphan)
{
	struct out_notes_row r;
	memset(&r, 0, sizeof r);
	r.cell[NCOL_COLLECTION] = "全国园区科协典型案例汇编";
	r.cell[NCOL_CHAPTER] = chapter;
	r.cell[NCOL_ITEM] = item;
	r.cell[NCOL_TITLE] = "标题";
	r.cell[NCOL_SECTION] = "工作成效 第3段";
	r.cell[NCOL_PARAGRAPH] = "c27:5";
	r.cell[NCOL_KIND] = kind;
	r.cell[NCOL_QUOTE] = quote;
	r.cell[NCOL_FIX] = fix;
	r.cell[NCOL_NOTE] = note;
	r.cell[NCOL_STATUS] = "open";
	r.cell[NCOL_UUID] = "u";
	r.orphan = orphan;
	return r;
}

static void test_tables(void **state)
{
	(void)state;
	struct out_notes_row r[4] = {
		row("第一篇 甲", "1", "改", "旧", "新", "a|b", 0),
		row("第一篇 甲", "1", "删", "多余", NULL, "", 0),
		row("第二篇 乙", "27", "增", "前", "后", "x\ty", 0),
		row("第二篇 乙", "27", "疑", "", NULL, "=1+1", 1),
	};
	struct sbuf o;
	sbuf_init(&o);
	out_notes_csv(&o, r, 4, 1);
	assert_memory_equal(o.s, "\xEF\xBB\xBF" "collection,chapter,item,title,section,paragraph,block,source,page,kind,"
			    "quote,fix,note,status,anchor,applied,author,created,updated,uuid\r\n",
			    strlen("\xEF\xBB\xBF") + strlen("collection,chapter,item,title,section,paragraph,block,source,"
							     "page,kind,quote,fix,note,status,anchor,applied,author,"
							     "created,updated,uuid\r\n"));
	assert_non_null(strstr(o.s, ",\"'=1+1\","));
	/* 5 records, each ended by CRLF, no bare LF */
	int crlf = 0;
	for (const char *p = o.s; (p = strchr(p, '\n')); p++) {
		assert_true(p > o.s && p[-1] == '\r');
		crlf++;
	}
	assert_int_equal(crlf, 5);
	sbuf_free(&o);

	sbuf_init(&o);
	out_notes_tsv(&o, r, 4, 0);
	assert_int_equal(strncmp(o.s, "collection\tchapter\t", 19), 0);
	assert_non_null(strstr(o.s, "\tx\\ty\t"));
	int lines = 0;
	for (const char *p = o.s; (p = strchr(p, '\n')); p++)
		lines++;
	assert_int_equal(lines, 5);
	sbuf_free(&o);

	sbuf_init(&o);
	out_notes_markdown(&o, r, 4, "书名", "2026-11-29T21:00:00Z");
	assert_int_equal(strncmp(o.s, "# 勘误表\n", strlen("# 勘误表\n")), 0);
	/* grouped: the collection, each chapter and case once, in order, the
	 * orphans last */
	const char *col = strstr(o.s, "\n## 全国园区科协典型案例汇编\n");
	const char *c1 = strstr(o.s, "\n### 第一篇 甲\n"), *c2 = strstr(o.s, "\n### 第二篇 乙\n");
	const char *i1 = strstr(o.s, "\n#### 案例 1 标题\n"), *i27 = strstr(o.s, "\n#### 案例 27 标题\n");
	const char *orph = strstr(o.s, "\n## 未能定位");
	assert_true(col && c1 && i1 && c2 && i27 && orph);
	assert_true(col < c1 && c1 < i1 && i1 < c2 && c2 < i27 && i27 < orph);
	assert_null(strstr(c1 + 1, "\n### 第一篇 甲\n"));
	assert_null(strstr(col + 1, "\n## 全国园区科协典型案例汇编\n"));
	assert_non_null(strstr(o.s, "| a\\|b |"));       /* the pipe escaped */
	assert_non_null(strstr(o.s, "| x y |"));         /* the tab a space */
	assert_non_null(strstr(o.s, "| （删去） |"));    /* 删: what it becomes */
	assert_non_null(strstr(o.s, "| 前后 |"));        /* 增: quote + fix */
	/* every table line has the same number of cells */
	for (const char *l = o.s; *l; l = strchr(l, '\n') + 1) {
		if (*l == '|') {
			int bars = 0;
			for (const char *p = l; *p != '\n'; p++)
				if (*p == '|' && (p == l || p[-1] != '\\'))
					bars++;
			assert_int_equal(bars, 9);
		}
	}
	sbuf_free(&o);

	/* a leaders' article: under its own collection, never the book's */
	struct out_notes_row two[2] = {
		row("第一篇 甲", "1", "疑", "", NULL, "书里的", 0),
		row("1 坚持", "a1", "疑", "", NULL, "讲话里的", 0),
	};
	two[1].cell[NCOL_COLLECTION] = "Leaders' articles";
	sbuf_init(&o);
	out_notes_markdown(&o, two, 2, "书名", "2026-11-29T21:00:00Z");
	const char *book = strstr(o.s, "\n## 全国园区科协典型案例汇编\n"), *lead = strstr(o.s, "\n## Leaders' articles\n");
	const char *ch = strstr(o.s, "\n### 1 坚持\n"), *a1 = strstr(o.s, "\n#### a1 标题\n");
	assert_true(book && lead && ch && a1);
	assert_true(book < lead && lead < ch && ch < a1);
	sbuf_free(&o);
}

static void test_json(void **state)
{
	(void)state;
	struct note n;
	memset(&n, 0, sizeof n);
	strcpy(n.uuid, "0f8fad5b-d9cb-469f-a165-70867728950e");
	n.rev = 2;
	strcpy(n.etag, "0123456789abcdef");
	n.kind = ANCHOR_REPLACE;
	strcpy(n.item_id, "c27");
	strcpy(n.anchor_id, "c27:p3771");
	n.sel.quote = "旧\"字";
	n.sel.prefix = "前";
	n.sel.suffix = "后";
	n.sel.offset = 3;
	n.fix = "新";
	n.text = "说明";
	n.created = 0;
	n.updated = 86400;
	struct note h = n;
	h.rev = 1;
	h.conflict = 1;
	struct sbuf o;
	sbuf_init(&o);
	struct json j;
	json_init(&j, &o);
	out_json_note(&j, &n, 0, NULL, &h, 1);
	assert_non_null(strstr(o.s, "\"uuid\": \"0f8fad5b-d9cb-469f-a165-70867728950e\", \"rev\": 2"));
	assert_non_null(strstr(o.s, "\"kind\": \"改\""));
	assert_non_null(strstr(o.s, "\"quote\": \"旧\\\"字\""));
	assert_non_null(strstr(o.s, "\"fix\": \"新\""));
	assert_non_null(strstr(o.s, "\"updated\": \"1970-01-02T00:00:00Z\""));
	assert_non_null(strstr(o.s, "\"history\": ["));
	assert_non_null(strstr(o.s, "\"rev\": 1"));
	assert_non_null(strstr(o.s, "\"conflict\": true"));
	assert_null(strstr(o.s, "\"num\""));
	sbuf_free(&o);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_csv),
		cmocka_unit_test(test_tsv),
		cmocka_unit_test(test_md),
		cmocka_unit_test(test_tables),
		cmocka_unit_test(test_json),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
