/* test_model.c — the model against the real bundled database ($ANLI_DB) and
 * against damaged copies of it (real SQLite files in a temporary directory). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/build.h"
#include "anli/doc.h"
#include "anli/layout.h"
#include "anli/model.h"
#include "anli/util.h"
#include "breakcheck.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <unistr.h>

static const char *db_path;
static char tmpdir[64];

static int setup(void **state)
{
	(void)state;
	db_path = getenv("ANLI_DB");
	if (!db_path)
		db_path = "data/anli.db";
	snprintf(tmpdir, sizeof tmpdir, "/tmp/anli-model-XXXXXX");
	assert_non_null(mkdtemp(tmpdir));
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	char cmd[128];
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	assert_int_equal(system(cmd), 0);
	return 0;
}

static void test_index(void **state)
{
	(void)state;
	struct anli_err err;
	struct model *m = model_open(db_path, &err);
	if (!m)
		fail_msg("%s", err.msg);
	int cases = 0, articles = 0, forewords = 0;
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		if (!strcmp(it->kind, "case")) {
			cases++;
			assert_int_equal(it->number, cases); /* book order */
			assert_non_null(it->title);
			assert_non_null(it->subtitle);
			assert_non_null(it->org);
			assert_non_null(it->region);
			assert_true(it->chapter >= 0 && !strcmp(m->chapters[it->chapter].collection_id, "book"));
		} else if (!strcmp(it->kind, "article")) {
			articles++;
			assert_int_equal(it->number, articles);
			assert_non_null(it->author);
			assert_true(it->title || it->title_missing);
		} else {
			forewords++;
		}
	}
	assert_int_equal(cases, 53);
	assert_int_equal(articles, 8);
	assert_int_equal(forewords, 1);
	/* chapter counts as printed: 6, 7, 14, 4, 8, 7, 7 */
	static const int per[] = {6, 7, 14, 4, 8, 7, 7};
	static const char *const titles[] = {"学术交流", "人才培养", "科经融合", "产业服务",
					     "科学普及", "国际合作", "科技工作者之家建设"};
	for (int c = 0; c < 7; c++) {
		assert_string_equal(m->chapters[c].title, titles[c]);
		assert_int_equal(m->chapters[c].nitems, per[c]);
	}
	assert_int_equal(model_find(m, "7"), model_find(m, "c7"));
	assert_true(model_find(m, "c53") > 0);
	assert_true(model_find(m, "a8") > 0);
	assert_int_equal(model_find(m, "foreword"), 0);
	assert_int_equal(model_find(m, "54"), -1);
	assert_int_equal(model_find(m, "c0"), -1);
	assert_int_equal(model_find(m, ""), -1);
	assert_int_equal(model_find(m, "7x"), -1);
	/* every form of an id: case-insensitive, leading zeros, 前言 */
	int c1i = model_find(m, "c1"), a3i = model_find(m, "a3");
	assert_true(c1i > 0 && a3i > 0);
	static const char *const c1forms[] = {"1", "01", "c01", "C1", "C01", "c001"};
	for (size_t k = 0; k < sizeof c1forms / sizeof *c1forms; k++)
		assert_int_equal(model_find(m, c1forms[k]), c1i);
	assert_int_equal(model_find(m, "A3"), a3i);
	assert_int_equal(model_find(m, "a03"), a3i);
	assert_int_equal(model_find(m, "A03"), a3i);
	assert_int_equal(model_find(m, "前言"), 0);
	assert_int_equal(model_find(m, "FOREWORD"), 0);
	assert_int_equal(model_find(m, "Foreword"), 0);
	assert_int_equal(model_find(m, "a9"), -1);
	assert_int_equal(model_find(m, "a0"), -1);
	assert_int_equal(model_find(m, "c"), -1);
	assert_int_equal(model_find(m, "a"), -1);
	assert_int_equal(model_find(m, "c-1"), -1);
	assert_int_equal(model_find(m, "c 1"), -1);
	assert_int_equal(model_find(m, "b1"), -1);
	assert_int_equal(model_find(m, "99999999999999999999"), -1);
	/* the header line: one format for every item kind */
	struct sbuf h;
	sbuf_init(&h);
	model_item_header(m, model_find(m, "27"), &h);
	assert_string_equal(h.s, "第三篇 科经融合 · 案例 27/53");
	sbuf_free(&h);
	sbuf_init(&h);
	model_item_header(m, a3i, &h);
	assert_string_equal(h.s, "Leaders' articles · 文章 3/8");
	sbuf_free(&h);
	sbuf_init(&h);
	model_item_header(m, 0, &h);
	assert_string_equal(h.s, "前言");
	sbuf_free(&h);
	const struct model_item *c1 = &m->items[model_find(m, "1")];
	assert_string_equal(c1->title, "加强“三期”管理");
	assert_string_equal(c1->subtitle, "让学术之花结出产业硕果");
	assert_string_equal(c1->org, "江苏扬州高新区科协");
	model_close(m);
}

/* In every case the sections come in the order 背景, 做法, 成效, 启示. */
static void test_section_order_and_blocks(void **state)
{
	(void)state;
	struct anli_err err;
	struct model *m = model_open(db_path, &err);
	assert_non_null(m);
	static const char *const roles[] = {"背景", "做法", "成效", "启示"};
	for (int i = 0; i < m->nitems; i++) {
		struct model_block *b;
		int n;
		assert_int_equal(model_blocks(m, i, &b, &n, &err), 0);
		assert_true(n > 0);
		int last = -1;
		for (int k = 0; k < n; k++) {
			assert_non_null(b[k].id);
			assert_true(strlen(b[k].text) > 0);
			assert_true(strncmp(b[k].id, m->items[i].id, strlen(m->items[i].id)) == 0);
			/* the PDF extracted bold leads twice ("一是….一是….一方面"):
			 * the lead is kept once, as a sub-heading */
			const char *t = b[k].text, *stop = strstr(t, "。");
			if (stop && stop > t) {
				size_t lead = (size_t)(stop - t) + strlen("。");
				if (!strncmp(t + lead, t, lead))
					fail_msg("%s: doubled lead in %s", m->items[i].id, b[k].id);
			}
			if (k > 0 && b[k - 1].kind == MODEL_SUBHEAD && b[k].kind == MODEL_PARA &&
			    !strncmp(t, b[k - 1].text, strlen(b[k - 1].text)))
				fail_msg("%s: %s repeats its sub-heading", m->items[i].id, b[k].id);
			/* captions are the photos' in the cases, without final punctuation */
			if (b[k].kind == MODEL_CAPTION) {
				assert_string_equal(m->items[i].kind, "case");
				size_t len = strlen(t);
				assert_false(len >= 3 && !strcmp(t + len - 3, "。"));
			}
			if (b[k].kind != MODEL_HEADING)
				continue;
			for (int r = 0; r < 4; r++)
				if (strstr(b[k].text, roles[r])) {
					if (r <= last)
						fail_msg("%s: %s after %s", m->items[i].id, b[k].text, roles[last]);
					last = r;
				}
		}
		model_blocks_free(b, n);
	}
	model_close(m);
}

static void copy_file(const char *from, const char *to, long limit)
{
	FILE *a = fopen(from, "rb"), *b = fopen(to, "wb");
	assert_non_null(a);
	assert_non_null(b);
	char buf[4096];
	size_t n;
	long done = 0;
	while ((n = fread(buf, 1, sizeof buf, a)) > 0) {
		if (limit >= 0 && done + (long)n > limit)
			n = (size_t)(limit - done);
		fwrite(buf, 1, n, b);
		done += (long)n;
		if (limit >= 0 && done >= limit)
			break;
	}
	fclose(a);
	fclose(b);
}

static void expect_open_error(const char *path, const char *want)
{
	struct anli_err err = {{0}};
	struct model *m = model_open(path, &err);
	if (m) {
		model_close(m);
		fail_msg("%s opened", path);
	}
	if (!strstr(err.msg, path) || !strstr(err.msg, want))
		fail_msg("message '%s' should name %s and say '%s'", err.msg, path, want);
}

static void test_bad_databases(void **state)
{
	(void)state;
	char p[256];
	snprintf(p, sizeof p, "%s/missing.db", tmpdir);
	expect_open_error(p, "No such file or directory");

	snprintf(p, sizeof p, "%s/text.db", tmpdir);
	FILE *f = fopen(p, "w");
	fputs("this is not a database\n", f);
	fclose(f);
	expect_open_error(p, "not an SQLite database");

	snprintf(p, sizeof p, "%s/empty.db", tmpdir);
	f = fopen(p, "w");
	fclose(f);
	expect_open_error(p, "not an SQLite database");

	snprintf(p, sizeof p, "%s/truncated.db", tmpdir);
	copy_file(db_path, p, 8192 + 100);
	expect_open_error(p, "truncated database");

	snprintf(p, sizeof p, "%s/other.db", tmpdir);
	sqlite3 *db;
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "CREATE TABLE t(x); INSERT INTO t VALUES (1);", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	expect_open_error(p, "not an anli database");

	snprintf(p, sizeof p, "%s/newer.db", tmpdir);
	copy_file(db_path, p, -1);
	assert_int_equal(sqlite3_open(p, &db), SQLITE_OK);
	assert_int_equal(sqlite3_exec(db, "PRAGMA user_version = 99", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(db);
	expect_open_error(p, "schema version 99 is newer");

	snprintf(p, sizeof p, "%s", tmpdir);
	expect_open_error(p, "not a regular file");
}

/* The layout of every item at every width from 20 to 100 (what anli show
 * --width prints): no line over the width, the start/end rules, —— and ……
 * whole, and no line needlessly short. */
static void test_doc_every_item(void **state)
{
	(void)state;
	struct anli_err err;
	struct model *m = model_open(db_path, &err);
	assert_non_null(m);
	for (int i = 0; i < m->nitems; i++) {
		struct model_block *b;
		int n;
		assert_int_equal(model_blocks(m, i, &b, &n, &err), 0);
		for (int w = 20; w <= 100; w++) {
			struct doc d;
			doc_build(&d, &m->items[i], b, n, w, "[missing]", "[missing end]");
			assert_true(d.nlines > n);
			for (int k = 0; k < d.nlines; k++) {
				const struct doc_line *l = &d.line[k];
				assert_true(l->indent + l->width <= w);
				assert_int_equal(l->width, lay_strwidth(d.text + l->off, l->len));
				if (k + 1 >= d.nlines || l->block < 0 || d.line[k + 1].block != l->block || l->len == 0 ||
				    d.line[k + 1].len == 0)
					continue;
				/* within a block */
				const struct doc_line *nx = &d.line[k + 1];
				ucs4_t last = 0, first;
				const uint8_t *p = (const uint8_t *)d.text + l->off, *e = p + l->len;
				while (p < e) {
					int len = u8_mbtouc(&last, p, (size_t)(e - p));
					p += len > 0 ? len : 1;
				}
				u8_mbtouc(&first, (const uint8_t *)d.text + nx->off, nx->len);
				if (lay_no_start(first) || lay_no_end(last) ||
				    (first == last && (first == 0x2014 || first == 0x2026)))
					fail_msg("%s width %d line %d: rule broken at '%.*s'", m->items[i].id, w, k,
						 (int)l->len, d.text + l->off);
				int wn = bc_width_with_next_unit(d.text, l->off, l->len, nx->off, nx->off + nx->len);
				if (wn >= 0 && wn + l->indent <= w)
					fail_msg("%s width %d line %d is needlessly short (%d with the next unit): '%.*s'", m->items[i].id, w, k, wn,
						 (int)l->len, d.text + l->off);
			}
			doc_free(&d);
		}
		model_blocks_free(b, n);
	}
	model_close(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_index),
		cmocka_unit_test(test_section_order_and_blocks),
		cmocka_unit_test(test_bad_databases),
		cmocka_unit_test(test_doc_every_item),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
