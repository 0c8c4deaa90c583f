/* test_addr.c — paragraph addresses: the pure functions on made-up blocks,
 * and the resolver against the bundled database ($ANLI_DB). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/addr.h"
#include "anli/model.h"
#include "anli/util.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char *db_path;

static int setup(void **state)
{
	(void)state;
	db_path = getenv("ANLI_DB");
	if (!db_path)
		db_path = "data/anli.db";
	return 0;
}

#define BLK(id_, kind_, sec_, lines_) {.id = (char *)(id_), .kind = (kind_), .section = (sec_), \
				       .text = (char *)(id_), .lines = (char *)(lines_)}

/* An item as the book has them: an introduction, a heading that stands
 * after its section's first paragraph (displaced), sub-headings, captions,
 * a heading the seed lost (no line). */
static const struct model_block blocks[] = {
	BLK("c9:p100", MODEL_PARA, 0, "100-104"),    /* 0: ¶1, introduction 第1段 */
	BLK("c9:c105", MODEL_CAPTION, 0, "105"),     /* 1 */
	BLK("c9:p110", MODEL_PARA, 1, "110-112"),    /* 2: ¶2, 工作背景 第1段 */
	BLK("c9:h113", MODEL_HEADING, 1, "113"),     /* 3: 工作背景 (displaced) */
	BLK("c9:h", MODEL_HEADING, 2, "-"),          /* 4: 主要做法 (lost) */
	BLK("c9:s120", MODEL_SUBHEAD, 2, "120"),     /* 5 */
	BLK("c9:p120", MODEL_PARA, 2, "120-125"),    /* 6: ¶3, 主要做法 第1段 */
	BLK("c9:p130", MODEL_PARA, 2, "130,95"),     /* 7: ¶4, 第2段 (read across a displaced page: lowest 95) */
	BLK("c9:p130.2", MODEL_PARA, 2, "130"),      /* 8: ¶5, 第3段 (an id clash) */
};
static const int nblocks = sizeof blocks / sizeof *blocks;

static void test_pure(void **state)
{
	(void)state;
	const struct model_block *b = blocks;
	int nb = nblocks;
	static const int n[] = {1, 0, 2, 0, 0, 0, 3, 4, 5};
	static const int in_sec[] = {1, 0, 1, 0, 0, 0, 1, 2, 3};
	for (int k = 0; k < nb; k++) {
		assert_int_equal(addr_para_number(b, nb, k), n[k]);
		assert_int_equal(addr_para_in_section(b, nb, k), in_sec[k]);
		if (n[k])
			assert_int_equal(addr_para_block(b, nb, n[k]), k);
	}
	assert_int_equal(addr_para_number(b, nb, -1), 0);
	assert_int_equal(addr_para_number(b, nb, nb), 0);
	assert_int_equal(addr_para_block(b, nb, 0), -1);
	assert_int_equal(addr_para_block(b, nb, 6), -1);
	assert_int_equal(addr_para_count(b, nb), 5);
	assert_null(addr_section_heading(b, nb, 0));
	assert_string_equal(addr_section_heading(b, nb, 2), "c9:h113"); /* the heading after its paragraph */
	assert_string_equal(addr_section_heading(b, nb, 7), "c9:h");
	/* citations: the section and the number within it */
	struct sbuf c;
	sbuf_init(&c);
	addr_cite(b, nb, 7, &c);
	assert_string_equal(c.s, "c9:h 第2段");
	c.len = 0;
	c.s[0] = '\0';
	addr_cite(b, nb, 0, &c);
	assert_string_equal(c.s, "第1段");
	c.len = 0;
	c.s[0] = '\0';
	addr_cite(b, nb, 1, &c); /* a caption: none */
	assert_string_equal(c.s, "");
	sbuf_free(&c);
	/* block ids, in any case */
	assert_int_equal(addr_block_index(b, nb, "C9:P130.2"), 8);
	assert_int_equal(addr_block_index(b, nb, "c9:p131"), -1);
	assert_int_equal(addr_id_line("c27:p3771"), 3771);
	assert_int_equal(addr_id_line("c1:p120.2"), 120);
	assert_int_equal(addr_id_line("c6:h"), 0);
	assert_int_equal(addr_id_line("nonsense"), 0);
	assert_int_equal(addr_block_line(b, nb, 7), 95);
	assert_int_equal(addr_block_line(b, nb, 4), 0);
	/* the fallback of a block a rebuild removed */
	assert_int_equal(addr_nearest(b, nb, "c9:p110"), 2);  /* still there */
	assert_int_equal(addr_nearest(b, nb, "c9:p111"), 2);  /* 110 is nearest */
	assert_int_equal(addr_nearest(b, nb, "c9:p106"), 1);  /* 105 */
	assert_int_equal(addr_nearest(b, nb, "c9:p89"), 7);   /* its lowest line is 95 */
	assert_int_equal(addr_nearest(b, nb, "c9:p9999"), 8); /* 130 */
	assert_int_equal(addr_nearest(b, nb, "c9:p131"), 8);
	assert_int_equal(addr_nearest(b, nb, "c9:s121"), 5);  /* a tie: the stored kind wins */
	assert_int_equal(addr_nearest(b, nb, "c9:p121"), 6);
	assert_int_equal(addr_nearest(b, nb, "c9:x"), 0);     /* no line: the top */
	assert_int_equal(addr_nearest(b, 0, "c9:p1"), -1);
}

static void test_resolve(void **state)
{
	(void)state;
	struct anli_err err;
	struct model *m = model_open(db_path, &err);
	if (!m)
		fail_msg("%s", err.msg);
	struct model_addr a;
	struct sbuf s;
	sbuf_init(&s);
	/* an item: no block */
	assert_int_equal(model_addr_resolve(m, "C027", &a, &err), MODEL_ADDR_FOUND);
	assert_int_equal(a.item, model_find(m, "c27"));
	assert_int_equal(a.block, -1);
	model_addr_format(m, &a, &s);
	assert_string_equal(s.s, "c27");
	model_addr_free(&a);
	/* ID:N and the block id name the same paragraph */
	assert_int_equal(model_addr_resolve(m, "27:5", &a, &err), MODEL_ADDR_FOUND);
	assert_int_equal(a.n, 5);
	assert_string_equal(a.blocks[a.block].id, "c27:p3698");
	s.len = 0;
	model_addr_format(m, &a, &s);
	assert_string_equal(s.s, "c27:5");
	s.len = 0;
	addr_cite(a.blocks, a.nblocks, a.block, &s);
	assert_string_equal(s.s, "主要做法 第3段");
	model_addr_free(&a);
	assert_int_equal(model_addr_resolve(m, "C27:P3698", &a, &err), MODEL_ADDR_FOUND);
	assert_int_equal(a.n, 5);
	model_addr_free(&a);
	/* a caption is addressed by its block id; its address is that id */
	assert_int_equal(model_addr_resolve(m, "c27:c3640", &a, &err), MODEL_ADDR_FOUND);
	assert_int_equal(a.n, 0);
	s.len = 0;
	model_addr_format(m, &a, &s);
	assert_string_equal(s.s, "c27:c3640");
	model_addr_free(&a);
	assert_int_equal(model_addr_resolve(m, "前言:1", &a, &err), MODEL_ADDR_FOUND);
	assert_int_equal(a.item, 0);
	model_addr_free(&a);
	/* unknown: with one line naming it */
	static const char *const unknown[] = {"99",     "c99:1",  "27:0",    "27:12", "27:",  "27:p1",
					      "c27:p9", "x:1",    "27:1x",   "27:-1", ":1",   "27:99999999999",
					      "",       "a9:1",   "c27:c3640x"};
	for (size_t k = 0; k < sizeof unknown / sizeof *unknown; k++) {
		if (model_addr_resolve(m, unknown[k], &a, &err) != MODEL_ADDR_UNKNOWN)
			fail_msg("'%s' resolved", unknown[k]);
		assert_null(a.blocks);
		assert_non_null(strstr(err.msg, unknown[k]));
	}
	assert_non_null(strstr((model_addr_resolve(m, "27:12", &a, &err), err.msg), "11 paragraphs"));
	/* every paragraph of every item: ID:N and its block id agree, and
	 * addr_nearest finds every block that exists */
	for (int i = 0; i < m->nitems; i++) {
		struct model_block *b;
		int nb;
		assert_int_equal(model_blocks(m, i, &b, &nb, &err), 0);
		for (int k = 0; k < nb; k++) {
			assert_int_equal(addr_nearest(b, nb, b[k].id), k);
			char key[96];
			int n = addr_para_number(b, nb, k);
			if (n)
				snprintf(key, sizeof key, "%s:%d", m->items[i].id, n);
			else
				snprintf(key, sizeof key, "%s", b[k].id);
			if (model_addr_resolve(m, key, &a, &err) != MODEL_ADDR_FOUND)
				fail_msg("%s: %s", key, err.msg);
			assert_string_equal(a.blocks[a.block].id, b[k].id);
			model_addr_free(&a);
			if (b[k].kind == MODEL_PARA)
				assert_true(addr_para_in_section(b, nb, k) >= 1);
		}
		model_blocks_free(b, nb);
	}
	/* the fingerprint: 16 hex digits, the same twice */
	char f1[17], f2[17];
	assert_int_equal(model_fingerprint(m, f1, &err), 0);
	assert_int_equal(model_fingerprint(m, f2, &err), 0);
	assert_int_equal(strlen(f1), 16);
	assert_int_equal(strspn(f1, "0123456789abcdef"), 16);
	assert_string_equal(f1, f2);
	sbuf_free(&s);
	model_close(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pure),
		cmocka_unit_test(test_resolve),
	};
	return cmocka_run_group_tests(tests, setup, NULL);
}
