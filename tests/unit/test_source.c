/* test_source.c — the canonical-source parser and the builder, against real
 * temporary directories and real SQLite files.  One file on purpose (over 400
 * lines): every test shares the one temporary data tree that setup makes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/build.h"
#include "anli/source.h"
#include "anli/seed.h"
#include "anli/util.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[256];

static void put(const char *rel, const char *text)
{
	char path[512];
	snprintf(path, sizeof path, "%s/%s", root, rel);
	FILE *f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
}

/* A tiny seed and a valid pair of collections. */
static const char SEED[] =
	" 第一页开头。\n\n"                  /* 1: page start */
	"标题一\n\n"                          /* 3 */
	"副标题\n\n"                          /* 5 */
	"某某园区科协\n\n"                    /* 7 */
	"正文第一段落。\n\n"                  /* 9 */
	"015|全国园区科协典型案例汇编\n\n"    /* 11: running head */
	"工作背景\n\n"                        /* 13 */
	" 一是做法。一是做法。具体内容。\n\n" /* 15: page start, doubled lead */
	"图片说明文字\n";                     /* 17 */

static void write_valid(void)
{
	char extra[512];
	snprintf(extra, sizeof extra, "%s/book/02.txt", root);
	unlink(extra);
	put("raw/009_test.txt", SEED);
	put("raw/008_test.txt", "x\n\n文章标题\n\n作者 职务\n\n文章正文。\n");
	put("book/collection.txt", "@collection book\n@title 书名\n@seed 009\nch 1 1 第一篇 第一页\n");
	put("book/00.txt", "@kind foreword\n@title 第一页\n@seed 009\n@source 1-1\n\np 1 开头。\n");
	put("book/01.txt", "@kind case\n@case 1\n@chapter 1\n@title 标题一\n@subtitle 副标题\n@org 某某园区科协\n"
			   "@region 江苏\n@seed 009\n@source 3-17\n\n"
			   "h 13 工作背景\np 9 正文第一段落。\ns 15 一是做法。\np 15 具体内容。\nc 17 图片说明文字\n");
	put("leaders/collection.txt", "@collection leaders\n@seed 008\nch 1 1 - x\n");
	put("leaders/01.txt", "@kind article\n@article 1\n@part 1\n@title 文章标题\n@author 作者\n@role 职务\n"
			      "@seed 008\n@source 3-7\n\np 7 文章正文。\n");
}

static int setup(void **state)
{
	(void)state;
	snprintf(root, sizeof root, "/tmp/anli-test-XXXXXX");
	assert_non_null(mkdtemp(root));
	char p[512];
	snprintf(p, sizeof p, "%s/raw", root);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/book", root);
	mkdir(p, 0755);
	snprintf(p, sizeof p, "%s/leaders", root);
	mkdir(p, 0755);
	write_valid();
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[600];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", root);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static char *dbpath(void)
{
	static char p[512];
	snprintf(p, sizeof p, "%s/anli.db", root);
	return p;
}

static void test_build_valid(void **state)
{
	(void)state;
	struct anli_err err = {{0}};
	if (build_database(root, dbpath(), &err))
		fail_msg("build failed: %s", err.msg);
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(dbpath(), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA application_id", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal((unsigned)sqlite3_column_int(st, 0), ANLI_APPLICATION_ID);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), ANLI_SCHEMA_VERSION);
	sqlite3_finalize(st);
	/* blocks: stable ids from the first seed line, kinds, sections, pages */
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT b.id, b.kind, s.role, b.lines, b.page_first FROM block b"
					    " JOIN section s ON s.id = b.section_id WHERE b.item_id = 'c1' ORDER BY b.ord",
					    -1, &st, NULL),
			 SQLITE_OK);
	const char *want[][4] = {{"c1:h13", "heading", "背景", "13"},
				 {"c1:p9", "paragraph", "背景", "9"},
				 {"c1:s15", "subheading", "背景", "15"},
				 {"c1:p15", "paragraph", "背景", "15"},
				 {"c1:c17", "caption", "背景", "17"}};
	for (int i = 0; i < 5; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal(sqlite3_column_text(st, 0), want[i][0]);
		assert_string_equal(sqlite3_column_text(st, 1), want[i][1]);
		assert_string_equal(sqlite3_column_text(st, 2), want[i][2]);
		assert_string_equal(sqlite3_column_text(st, 3), want[i][3]);
	}
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	/* one running head (015, with text on both sides of it) proves no page:
	 * it may number the text before it or the text after it */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT page_first FROM block WHERE id = 'c1:p9'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(st, 0), SQLITE_NULL);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT page_first FROM block WHERE id = 'c1:c17'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_type(st, 0), SQLITE_NULL);
	sqlite3_finalize(st);
	sqlite3_close(db);
}

static char *slurp(const char *path, size_t *n)
{
	struct anli_err err;
	char *s = util_read_file(path, n, &err);
	assert_non_null(s);
	return s;
}

static void test_build_deterministic(void **state)
{
	(void)state;
	struct anli_err err;
	char other[600];
	snprintf(other, sizeof other, "%s/again.db", root);
	assert_int_equal(build_database(root, dbpath(), &err), 0);
	assert_int_equal(build_database(root, other, &err), 0);
	size_t n1, n2;
	char *a = slurp(dbpath(), &n1), *b = slurp(other, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(a, b, n1);
	free(a);
	free(b);
}

/* A malformed source: FILE:LINE: message, and the old database stays. */
static void expect_failure(const char *rel, const char *text, const char *want_in_msg)
{
	struct anli_err err = {{0}};
	write_valid();
	if (build_database(root, dbpath(), &err))
		fail_msg("valid build failed: %s", err.msg);
	size_t n1, n2;
	char *before = slurp(dbpath(), &n1);
	put(rel, text);
	assert_int_equal(build_database(root, dbpath(), &err), -1);
	if (!strstr(err.msg, want_in_msg))
		fail_msg("message '%s' lacks '%s'", err.msg, want_in_msg);
	assert_null(strchr(err.msg, '\n'));
	char *after = slurp(dbpath(), &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	char tmp[600];
	snprintf(tmp, sizeof tmp, "%s.tmp", dbpath());
	assert_int_equal(access(tmp, F_OK), -1); /* no temporary left behind */
	free(before);
	free(after);
	write_valid();
}

static const char CASE_HEAD[] = "@kind case\n@case 1\n@chapter 1\n@title 标题一\n@subtitle 副标题\n"
				"@org 某某园区科协\n@region 江苏\n@seed 009\n@source 3-17\n\n";

static void test_build_errors(void **state)
{
	(void)state;
	char buf[1024];
	snprintf(buf, sizeof buf, "%sq 9 kind?\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: a block line is KIND REF TEXT");
	snprintf(buf, sizeof buf, "%sp 9-x 正文\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: bad source reference '9-x'");
	snprintf(buf, sizeof buf, "%sp 90 正文\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: line 90 is past the end of seed 009");
	snprintf(buf, sizeof buf, "@bogus 1\n%sp 9 正文\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:1: unknown key @bogus");
	snprintf(buf, sizeof buf, "%sh 13 工作启示\np 9 a\nh 13 工作背景\np 9 b\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:13: section '工作背景' comes after '工作启示'");
	expect_failure("book/01.txt", "@kind case\n@case 1\n@chapter 1\n@seed 009\n@source 3-17\np 9 x\n",
		       "missing @title");
	snprintf(buf, sizeof buf, "%sp 9 bad\xff utf8\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: invalid UTF-8");
	snprintf(buf, sizeof buf, "%sp 9 tab\there\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: control character U+0009");
	expect_failure("book/02.txt", "@kind case\n@case 3\n@chapter 1\n@title a\n@subtitle b\n@org c\n@region d\n"
				      "@seed 009\n@source 3-17\np 9 x\n",
		       "book/02.txt:2: case number 3 out of sequence (expected 2)");
	expect_failure("book/collection.txt", "@collection book\n@seed 009\nch 1 2 第一篇 x\n",
		       "collection.txt:3: chapter number '2' out of sequence");
	snprintf(buf, sizeof buf, "%sh/missing 9 主要做法\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: a missing heading has no seed lines");
	snprintf(buf, sizeof buf, "%sp - 正文\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: only a missing heading (h/missing) has no seed lines");
	snprintf(buf, sizeof buf, "%sc/signature 9 正文\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: unknown block flag");
	snprintf(buf, sizeof buf, "%sp 9 正文\n", CASE_HEAD);
	char *src = strstr(buf, "@source 3-17");
	assert_non_null(src);
	memcpy(src, "@source 3-99", 12);
	expect_failure("book/01.txt", buf, "book/01.txt:9: line 99 is past the end of seed 009");
}

static void test_refs(void **state)
{
	(void)state;
	struct src_refs r;
	assert_int_equal(src_parse_refs("120-134,190", &r), 0);
	assert_int_equal(r.n, 2);
	assert_int_equal(r.r[0].first, 120);
	assert_int_equal(r.r[0].last, 134);
	assert_int_equal(r.r[1].first, 190);
	assert_int_equal(r.r[1].last, 190);
	struct sbuf b;
	sbuf_init(&b);
	src_format_refs(&r, &b);
	assert_string_equal(b.s, "120-134,190");
	sbuf_free(&b);
	free(r.r);
	assert_int_equal(src_parse_refs("-", &r), 0);
	assert_int_equal(r.n, 0);
	assert_int_equal(src_parse_refs("5-3", &r), -1);
	assert_int_equal(src_parse_refs("0", &r), -1);
	assert_int_equal(src_parse_refs("1,", &r), -1);
	assert_int_equal(src_parse_refs("", &r), -1);
}

static void test_seed_artifacts(void **state)
{
	(void)state;
	assert_int_equal(seed_running_head("015|全国园区科协典型案例汇编"), 15);
	assert_int_equal(seed_running_head("全国园区科协典型案例汇编 |116"), 116);
	assert_int_equal(seed_running_head(" 全国园区科协典型案例汇编"), 0);
	assert_int_equal(seed_doubled_lead("一是做法。一是做法。具体"), strlen("一是做法。"));
	assert_int_equal(seed_doubled_lead("一是做法。二是做法。"), 0);
	struct seed s;
	struct anli_err err;
	char raw[600];
	snprintf(raw, sizeof raw, "%s/raw", root);
	assert_int_equal(seed_load(raw, "009", &s, &err), 0);
	struct sbuf body;
	sbuf_init(&body);
	seed_body(&s, 9, 17, NULL, &body);
	assert_string_equal(body.s, "正文第一段落。工作背景一是做法。具体内容。图片说明文字");
	sbuf_free(&body);
	assert_int_equal(s.page[1], 0); /* a lone head proves nothing (test_seed_pages) */
	assert_int_equal(s.page[15], 0);
	seed_free(&s);
	assert_int_equal(seed_load(raw, "777", &s, &err), -1);
	assert_non_null(strstr(err.msg, "no seed file 777_*.txt"));
}

/* Pages are proven, or absent.  The head 010 sits inside a stretch between
 * detected starts (body lines on both sides): a lost page start, so the
 * stretch is two pages.  The head 013 ends a stretch.  Only one choice puts
 * them three pages apart: lines 3-4 are p.10 … 9-11 p.13.  Lines 1-2 (the
 * page before p.10) are not proven; the head 016 that splits the stretch
 * from line 12 fits no choice after 013: nothing from line 12 on is. */
static const char PAGED[] = " 甲一。\n乙一。\n010|全国园区科协典型案例汇编\n丙一。\n" /* 1-2 ?, 3-4 p.10 */
			    " 丁一。\n戊一。\n"                                        /* 5-6: p.11 */
			    " 己一。\n庚一。\n"                                        /* 7-8: p.12 */
			    " 辛一。\n壬一。\n013|全国园区科协典型案例汇编\n"         /* 9-11: p.13 */
			    " 癸一。\n子一。\n丑一。\n全国园区科协典型案例汇编 |016\n寅一。\n卯一。\n";

static void test_seed_pages(void **state)
{
	(void)state;
	put("raw/010_pages.txt", PAGED);
	char raw[600];
	snprintf(raw, sizeof raw, "%s/raw", root);
	struct seed s;
	struct anli_err err;
	assert_int_equal(seed_load(raw, "010", &s, &err), 0);
	assert_int_equal(s.page_max_lines, 2);
	assert_int_equal(s.page[1], 0);
	assert_int_equal(s.page[2], 0);
	assert_int_equal(s.page[4], 10);
	assert_int_equal(s.page[5], 11);
	assert_int_equal(s.page[8], 12);
	assert_int_equal(s.page[10], 13);
	assert_int_equal(s.page[12], 0);
	assert_int_equal(s.page[17], 0);
	seed_free(&s);
	char path[600];
	snprintf(path, sizeof path, "%s/raw/010_pages.txt", root);
	unlink(path);
}

/* A block's page comes from its first and last line in reading order, and a
 * page never decreases within an item; flags and inferred chapters reach the
 * database. */
static void test_build_pages_flags(void **state)
{
	(void)state;
	put("raw/009_test.txt", PAGED);
	put("book/collection.txt", "@collection book\n@title 书名\n@seed 009\nch/inferred 1 1 第一篇 第一页\n");
	put("book/00.txt", "@kind foreword\n@title 第一页\n@seed 009\n@source 1-4\n\np 1 甲一。\n"
			   "p/signature 4 丙一。\n");
	put("book/01.txt", "@kind case\n@case 1\n@chapter 1\n@title 标题一\n@subtitle 副标题\n@org 某某\n"
			   "@region 江苏\n@seed 009\n@source 5-17\n\n"
			   "h 5 工作背景\np 7-8 己一。庚一。\nh/missing - 主要做法\np 5-6 丁一。戊一。\n"
			   "p 10,7 壬一。己一。\np 12-17 癸一。卯一。\n");
	struct anli_err err = {{0}};
	if (build_database(root, dbpath(), &err))
		fail_msg("build failed: %s", err.msg);
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(dbpath(), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db,
					    "SELECT id, coalesce(page_first,0), coalesce(page_last,0), coalesce(flag,''),"
					    " lines FROM block WHERE item_id IN ('foreword','c1') ORDER BY item_id DESC, ord",
					    -1, &st, NULL),
			 SQLITE_OK);
	const struct {
		const char *id;
		int pf, pl;
		const char *flag, *lines;
	} want[] = {
		{"foreword:p1", 0, 0, "", "1"},          /* the page before the proven ones */
		{"foreword:p4", 10, 10, "signature", "4"},
		{"c1:h5", 11, 11, "", "5"},
		{"c1:p7", 12, 12, "", "7-8"},
		{"c1:h", 0, 0, "missing", "-"},
		{"c1:p5", 0, 0, "", "5-6"},             /* p.11 read after p.12: displaced, no page */
		{"c1:p7.2", 0, 0, "", "10,7"},          /* p.13 then p.12 within the block: none */
		{"c1:p12", 0, 0, "", "12-17"},          /* not proven */
	};
	for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_string_equal(sqlite3_column_text(st, 0), want[i].id);
		assert_int_equal(sqlite3_column_int(st, 1), want[i].pf);
		assert_int_equal(sqlite3_column_int(st, 2), want[i].pl);
		assert_string_equal(sqlite3_column_text(st, 3), want[i].flag);
		assert_string_equal(sqlite3_column_text(st, 4), want[i].lines);
	}
	assert_int_equal(sqlite3_step(st), SQLITE_DONE);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT start_inferred FROM chapter WHERE id = 'book/1'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 1);
	sqlite3_finalize(st);
	/* an item's pages: from its title to its end, both proven, or none */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT coalesce(page_first,0), coalesce(page_last,0) FROM item"
						" WHERE id IN ('foreword','c1') ORDER BY ord",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0); /* foreword: line 1 unproven */
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 1), 0); /* c1: its last block unproven */
	sqlite3_finalize(st);
	/* the missing heading is not searchable text */
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(*) FROM search_doc WHERE orig = '主要做法'", -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 0);
	sqlite3_finalize(st);
	sqlite3_close(db);
	write_valid();
}

/* Hostile sources: each a one-line FILE:LINE error, nothing half-read. */
static void test_build_hostile(void **state)
{
	(void)state;
	char buf[1024];
	/* a NUL byte would end the text early */
	char path[600];
	snprintf(path, sizeof path, "%s/book/01.txt", root);
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	fputs(CASE_HEAD, f);
	fputs("p 9 正文\n", f);
	fputc(0, f);
	fputs("p 9 更多\n", f);
	fclose(f);
	struct anli_err err = {{0}};
	assert_int_equal(build_database(root, dbpath(), &err), -1);
	assert_non_null(strstr(err.msg, "book/01.txt:12: NUL byte"));
	/* CR-only line ends */
	expect_failure("book/01.txt", "@kind case\r@case 1\r", "book/01.txt:1: carriage return without line feed");
	/* C1 controls and bidi overrides */
	snprintf(buf, sizeof buf, "%sp 9 正\xc2\x9b文\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: control character U+009B");
	snprintf(buf, sizeof buf, "%sp 9 正\xe2\x80\xae文\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: bidirectional control U+202E");
	snprintf(buf, sizeof buf, "%sp 9 正\xe2\x81\xa6文\n", CASE_HEAD);
	expect_failure("book/01.txt", buf, "book/01.txt:11: bidirectional control U+2066");
	write_valid();
	/* an unreadable item file (a directory): an error, no leak (ASan run) */
	snprintf(path, sizeof path, "%s/book/02.txt", root);
	assert_int_equal(mkdir(path, 0755), 0);
	assert_int_equal(build_database(root, dbpath(), &err), -1);
	assert_non_null(strstr(err.msg, "book/02.txt"));
	rmdir(path);
}

/* 3,000 blocks citing one line: ids base, base.2 … base.3000, assigned with
 * a bounded number of hash probes (the old scan made ~n^2/2 comparisons). */
static void test_build_many_ids(void **state)
{
	(void)state;
	struct sbuf src;
	sbuf_init(&src);
	sbuf_adds(&src, CASE_HEAD);
	for (int i = 0; i < 3000; i++)
		sbuf_adds(&src, "p 9 正文第一段落。\n");
	put("book/01.txt", src.s);
	sbuf_free(&src);
	struct anli_err err = {{0}};
	build_id_probes = 0;
	if (build_database(root, dbpath(), &err))
		fail_msg("build failed: %s", err.msg);
	assert_true(build_id_probes < 4 * 3100); /* linear: a few probes per block */
	sqlite3 *db;
	assert_int_equal(sqlite3_open_v2(dbpath(), &db, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	sqlite3_stmt *st;
	assert_int_equal(sqlite3_prepare_v2(db, "SELECT count(DISTINCT id), max(id = 'c1:p9.3000'), min(ord)"
						" FROM block WHERE item_id = 'c1'",
					    -1, &st, NULL),
			 SQLITE_OK);
	assert_int_equal(sqlite3_step(st), SQLITE_ROW);
	assert_int_equal(sqlite3_column_int(st, 0), 3000);
	assert_int_equal(sqlite3_column_int(st, 1), 1);
	sqlite3_finalize(st);
	sqlite3_close(db);
	write_valid();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_refs),
		cmocka_unit_test(test_seed_artifacts),
		cmocka_unit_test(test_build_valid),
		cmocka_unit_test(test_build_deterministic),
		cmocka_unit_test(test_build_errors),
		cmocka_unit_test(test_seed_pages),
		cmocka_unit_test(test_build_pages_flags),
		cmocka_unit_test(test_build_hostile),
		cmocka_unit_test(test_build_many_ids),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
