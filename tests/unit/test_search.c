/* test_search.c — search against a brute-force scan of the database text
 * (read through the model, not the search index), for queries of 1, 2, 3 and
 * 4+ characters, several terms, folding, and every FTS5 syntax character. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/model.h"
#include "anli/search.h"
#include "anli/util.h"

#include "anli/names.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <unistr.h>

static struct model *m;

static int setup(void **state)
{
	(void)state;
	const char *p = getenv("ANLI_DB");
	struct anli_err err;
	m = model_open(p ? p : "data/anli.db", &err);
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

/* An independent folding: full-width ASCII, ideographic space, Latin case. */
static char *fold(const char *s)
{
	struct sbuf b;
	sbuf_init(&b);
	sbuf_addn(&b, "", 0);
	const uint8_t *p = (const uint8_t *)s;
	size_t n = strlen(s), i = 0;
	while (i < n) {
		ucs4_t c;
		int l = u8_mbtouc(&c, p + i, n - i);
		if (c >= 0xFF01 && c <= 0xFF5E)
			c -= 0xFEE0;
		if (c == 0x3000)
			c = ' ';
		if (c >= 'A' && c <= 'Z')
			c += 32;
		uint8_t o[6];
		int k = u8_uctomb(o, c, 6);
		sbuf_addn(&b, (const char *)o, (size_t)k);
		i += (size_t)l;
	}
	return sbuf_take(&b);
}

struct key {
	int item;
	char where[64]; /* block id or field */
	size_t cp_off;  /* code point offset */
};

static int count_in(const char *text, const char *term, struct key *out, int n, int item, const char *where)
{
	char *f = fold(text);
	size_t tl = strlen(term);
	for (const char *p = f; (p = strstr(p, term)); p += tl) {
		if (out) {
			out[n].item = item;
			snprintf(out[n].where, sizeof out[n].where, "%s", where);
			out[n].cp_off = u8_mbsnlen((const uint8_t *)f, (size_t)(p - f));
		}
		n++;
	}
	free(f);
	return n;
}

/* Brute force: the fields of every item, scanned directly. */
static int brute(const char *query, struct key **keys)
{
	char *q = fold(query);
	char *terms[16];
	int nt = 0;
	for (char *t = strtok(q, " "); t && nt < 16; t = strtok(NULL, " ")) {
		int dup = 0;
		for (int k = 0; k < nt; k++)
			dup |= !strcmp(terms[k], t); /* a repeated word is one term */
		if (!dup)
			terms[nt++] = t;
	}
	struct key *k = xcalloc(200000, sizeof *k);
	int n = 0;
	for (int i = 0; i < m->nitems; i++) {
		const struct model_item *it = &m->items[i];
		struct model_block *b;
		int nb;
		struct anli_err err;
		assert_int_equal(model_blocks(m, i, &b, &nb, &err), 0);
		struct sbuf by;
		sbuf_init(&by);
		model_byline(it, &by); /* the byline the builder indexes (names_byline) */
		int all = 1;
		for (int t = 0; t < nt && all; t++) {
			int c = count_in(it->title ? it->title : "", terms[t], NULL, 0, i, "") +
				count_in(it->subtitle ? it->subtitle : "", terms[t], NULL, 0, i, "") +
				count_in(by.s ? by.s : "", terms[t], NULL, 0, i, "");
			for (int x = 0; x < nb; x++)
				c += count_in(b[x].text, terms[t], NULL, 0, i, "");
			all = c > 0;
		}
		if (all) {
			/* reading order: title, subtitle, byline, blocks; terms merged per field */
			const char *fields[3] = {it->title, it->subtitle, by.s};
			const char *names[3] = {"title", "subtitle", "byline"};
			for (int f = 0; f < 3 + nb; f++) {
				const char *text = f < 3 ? fields[f] : b[f - 3].text;
				const char *where = f < 3 ? names[f] : b[f - 3].id;
				if (!text)
					continue;
				for (int t = 0; t < nt; t++)
					n = count_in(text, terms[t], k, n, i, where);
			}
		}
		sbuf_free(&by);
		model_blocks_free(b, nb);
	}
	free(q);
	*keys = k;
	return n;
}

static int cmp_key(const void *a, const void *b)
{
	const struct key *x = a, *y = b;
	if (x->item != y->item)
		return x->item - y->item;
	int c = strcmp(x->where, y->where);
	if (c)
		return c;
	return x->cp_off < y->cp_off ? -1 : x->cp_off > y->cp_off;
}

static void same_as_brute(const char *query, int expect_some)
{
	struct key *want;
	int nw = brute(query, &want);
	struct search_result res;
	struct anli_err err;
	if (search_run(m, query, &res, &err))
		fail_msg("query '%s': %s", query, err.msg);
	const struct search_hit *h = res.hit;
	int n = res.n;
	struct key *got = xcalloc((size_t)n + 1, sizeof *got);
	for (int i = 0; i < n; i++) {
		got[i].item = h[i].item;
		snprintf(got[i].where, sizeof got[i].where, "%s", h[i].block_id ? h[i].block_id : h[i].field);
		got[i].cp_off = u8_mbsnlen((const uint8_t *)h[i].text, h[i].off);
		/* the hit's text, folded, is the term */
		char *hit = xstrndup(h[i].text + h[i].off, h[i].len);
		char *fh = fold(hit), *fq = fold(query);
		if (!strstr(fq, fh))
			fail_msg("query '%s': hit '%s' is not one of its terms", query, hit);
		free(fh);
		free(fq);
		free(hit);
	}
	qsort(want, (size_t)nw, sizeof *want, cmp_key);
	qsort(got, (size_t)n, sizeof *got, cmp_key);
	if (n != nw)
		fail_msg("query '%s': %d hits, brute force %d", query, n, nw);
	for (int i = 0; i < n; i++)
		if (cmp_key(&want[i], &got[i]))
			fail_msg("query '%s': hit %d differs: %s@%zu vs %s@%zu", query, i, got[i].where,
				 got[i].cp_off, want[i].where, want[i].cp_off);
	if (expect_some && n == 0)
		fail_msg("query '%s' found nothing", query);
	search_result_free(&res);
	free(want);
	free(got);
}

static void test_fold(void **state)
{
	(void)state;
	char *f = fold_text("，（Ａｂ）　SWOT院士", strlen("，（Ａｂ）　SWOT院士"));
	assert_string_equal(f, ",(ab) swot院士");
	free(f);
	f = fold_text("ÄRGER ΔΣ", strlen("ÄRGER ΔΣ")); /* Latin beyond ASCII, Greek */
	assert_string_equal(f, "ärger δσ");
	free(f);
}

static void test_lengths(void **state)
{
	(void)state;
	static const char *const q[] = {"科", "院", "院士", "科普", "一带", "科协的", "院士行", "一带一路",
					"科技工作者之家", "新质生产力", "E_ZIKOO", "swot", "2024"};
	for (size_t i = 0; i < sizeof q / sizeof *q; i++)
		same_as_brute(q[i], 1);
	same_as_brute("不存在的词语组合", 0);
}

static void test_terms_and_folding(void **state)
{
	(void)state;
	same_as_brute("院士 扬州", 1);
	same_as_brute("科普 一带一路", 0);
	same_as_brute("院士　扬州", 1); /* ideographic space separates too */
	same_as_brute("ＳＷＯＴ", 1);     /* full-width Latin folds */
	same_as_brute("（试点）", 1);     /* full-width parentheses */
	same_as_brute("(试点)", 1);       /* …are found from half-width ones */
	same_as_brute("院士 院士", 1);    /* a repeated word is one term */
	struct search_result one, two;
	struct anli_err err;
	assert_int_equal(search_run(m, "科协", &one, &err), 0);
	assert_int_equal(search_run(m, "科协 科协 科协", &two, &err), 0);
	assert_int_equal(one.n, two.n);
	search_result_free(&one);
	search_result_free(&two);
	/* more than 64 different words: an error, not words silently dropped */
	struct sbuf many;
	sbuf_init(&many);
	for (int i = 0; i < 70; i++)
		sbuf_printf(&many, "w%d ", i);
	assert_int_equal(search_run(m, many.s, &one, &err), -1);
	assert_non_null(strstr(err.msg, "too many"));
	sbuf_free(&many);
}

static void test_syntax_is_literal(void **state)
{
	(void)state;
	static const char *const q[] = {"\"", "\"\"", "*", "AND", "OR", "NOT", "NEAR", "^", ":", "-", "(", ")",
					"%", "_", "科技 OR 人才", "NEAR(科技 人才)", "院士*", "-科技", "a:b",
					"\"院士", "院士\"行", "^院士", "%院士%", "院_士", "(院士)", "text:院士",
					"科协 AND", "NOT 院士", "{院士}", "[院士]", "'"};
	for (size_t i = 0; i < sizeof q / sizeof *q; i++)
		same_as_brute(q[i], 0);
	struct search_result res;
	struct anli_err err;
	assert_int_equal(search_run(m, "   ", &res, &err), -1);
	assert_int_equal(res.n, 0);
	assert_non_null(strstr(err.msg, "empty"));
}

/* The one splitter for search and highlighting. */
static void test_split_terms(void **state)
{
	(void)state;
	struct fold_terms t;
	assert_int_equal(fold_split_terms("院士\t扬州\n院士　ＳＷＯＴ \r\v", &t), 0);
	assert_int_equal(t.n, 3);
	assert_string_equal(t.term[0], "院士");
	assert_string_equal(t.term[1], "扬州");
	assert_string_equal(t.term[2], "swot");
	fold_terms_free(&t);
	assert_int_equal(fold_split_terms(" \t　", &t), 0);
	assert_int_equal(t.n, 0);
	fold_terms_free(&t);
	struct sbuf q;
	sbuf_init(&q);
	for (int i = 0; i < FOLD_MAX_TERMS; i++)
		sbuf_printf(&q, "w%d w%d ", i, i); /* each twice: 64 distinct terms */
	assert_int_equal(fold_split_terms(q.s, &t), 0);
	assert_int_equal(t.n, FOLD_MAX_TERMS);
	fold_terms_free(&t);
	sbuf_adds(&q, "one-more");
	assert_int_equal(fold_split_terms(q.s, &t), -1);
	assert_int_equal(t.n, 0);
	fold_terms_free(&t);
	sbuf_free(&q);
}

/* The incremental mapping agrees with fold_map_offset at every offset. */
static void test_fold_cursor(void **state)
{
	(void)state;
	const char *orig = "Ａｂ，院士　SWOT\xff（试点）é";
	char *f = fold_text(orig, strlen(orig));
	struct fold_cursor c;
	fold_cursor_init(&c, orig, f);
	for (size_t off = 0; off <= strlen(f); off++)
		if ((f[off] & 0xC0) != 0x80)
			assert_int_equal(fold_cursor_map(&c, off), fold_map_offset(orig, f, off));
	assert_int_equal(fold_cursor_map(&c, 0), 0); /* going back starts over */
	free(f);
}

/* F9: a snippet costs its own length, not the text's: the text here runs
 * up to an unreadable page with no NUL, so reading on to the end of the
 * text (strlen) would crash. */
static void test_snippet_reads_only_its_window(void **state)
{
	(void)state;
	long page = sysconf(_SC_PAGESIZE);
	char *mem = mmap(NULL, (size_t)page * 2, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	assert_true(mem != MAP_FAILED);
	assert_int_equal(mprotect(mem + page, (size_t)page, PROT_NONE), 0);
	size_t nchars = (size_t)page / 3 - 1;
	char *text = mem + page - nchars * 3; /* "院" × nchars, no NUL */
	for (size_t i = 0; i < nchars; i++)
		memcpy(text + 3 * i, "院", 3);
	struct search_hit h = {0};
	h.text = text;
	h.cp_off = (int)(nchars / 2);
	h.cp_len = 2;
	h.off = util_utf8_skip(text, (size_t)h.cp_off);
	h.len = util_utf8_skip(text + h.off, 2);
	assert_int_equal(h.off, 3 * (nchars / 2));
	assert_int_equal(h.len, 6);
	size_t ho, hl;
	char *snip = search_snippet(&h, 15, &ho, &hl);
	assert_int_equal(strlen(snip), 3 * (15 + 2 + 15));
	assert_int_equal(ho, 3 * 15);
	assert_int_equal(hl, 6);
	free(snip);
	munmap(mem, (size_t)page * 2);
}

/* One byline, one chapter label, one block-kind mapping. */
static void test_names(void **state)
{
	(void)state;
	struct sbuf b;
	sbuf_init(&b);
	names_byline(&b, "江苏扬州高新区科协", NULL, NULL);
	assert_string_equal(b.s, "江苏扬州高新区科协");
	b.len = 0;
	names_byline(&b, NULL, "张三", "主席");
	assert_string_equal(b.s, "张三 主席");
	b.len = 0;
	names_byline(&b, NULL, "张三", NULL); /* no trailing space */
	assert_string_equal(b.s, "张三");
	b.len = 0;
	names_byline(&b, NULL, NULL, NULL);
	assert_int_equal(b.len, 0);
	names_chapter_label(&b, "第二篇", 2, "人才培养");
	assert_string_equal(b.s, "第二篇 人才培养");
	b.len = 0;
	names_chapter_label(&b, NULL, 3, "题目");
	assert_string_equal(b.s, "3 题目");
	sbuf_free(&b);
	const char codes[] = {MODEL_HEADING, MODEL_SUBHEAD, MODEL_PARA, MODEL_CAPTION};
	for (int i = 0; i < 4; i++)
		assert_int_equal(names_block_code(names_block_kind(codes[i])), codes[i]);
	assert_string_equal(names_block_kind('s'), "subheading");
	assert_null(names_block_kind('x'));
	assert_int_equal(names_block_code("bogus"), 0);
	assert_int_equal(names_block_code(NULL), 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_split_terms),
		cmocka_unit_test(test_fold_cursor),
		cmocka_unit_test(test_snippet_reads_only_its_window),
		cmocka_unit_test(test_names),
		cmocka_unit_test(test_fold),
		cmocka_unit_test(test_lengths),
		cmocka_unit_test(test_terms_and_folding),
		cmocka_unit_test(test_syntax_is_literal),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
