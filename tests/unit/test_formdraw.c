/* test_formdraw.c — the note form's box drawn into a curses window in
 * memory (newterm on /dev/null: no terminal), read back cell by cell: it
 * fits at 40 columns and at odd widths, the kind in Chinese with its alias,
 * a long field scrolled with the cursor on it and no wide character cut,
 * focus and input shown by attributes that need no colour. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/anchor.h"
#include "anli/form.h"
#include "anli/layout.h"

#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

static SCREEN *scr;
static FILE *out, *in;

static int setup(void **state)
{
	(void)state;
	if (!setlocale(LC_ALL, "C.UTF-8"))
		return -1;
	out = fopen("/dev/null", "w");
	in = fopen("/dev/null", "r");
	scr = newterm("xterm", out, in);
	return scr ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	endwin();
	delscreen(scr);
	fclose(out);
	fclose(in);
	return 0;
}

/* Row y of w as UTF-8 (wide characters once). */
static const char *row(WINDOW *w, int y)
{
	static char buf[1024];
	wchar_t wc[256];
	int n = mvwinnwstr(w, y, 0, wc, 255);
	if (n < 0)
		n = 0;
	wc[n] = 0;
	size_t k = wcstombs(buf, wc, sizeof buf - 1);
	buf[k == (size_t)-1 ? 0 : k] = '\0';
	return buf;
}

static attr_t attr_at(WINDOW *w, int y, int x)
{
	cchar_t c;
	mvwin_wch(w, y, x, &c);
	attr_t a;
	short pair;
	wchar_t wc[CCHARW_MAX + 1];
	getcchar(&c, wc, &a, &pair, NULL);
	return a;
}

static wchar_t char_at(WINDOW *w, int y, int x)
{
	cchar_t c;
	mvwin_wch(w, y, x, &c);
	attr_t a;
	short pair;
	wchar_t wc[CCHARW_MAX + 1];
	getcchar(&c, wc, &a, &pair, NULL);
	return wc[0];
}

static void test_box(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, ANCHOR_REPLACE, "c27:5", "院仕", "院士", NULL);
	WINDOW *w = newwin(12, 40, 0, 0);
	int cy, cx;
	assert_int_equal(form_height(&f, 40), 7); /* frame, 4 fields, hint */
	form_draw(w, &f, 2, 0, 40, &cy, &cx);
	assert_non_null(strstr(row(w, 2), "Note on c27:5"));
	assert_non_null(strstr(row(w, 3), "Kind"));
	assert_non_null(strstr(row(w, 3), "疑 改 删 增  fix"));
	assert_non_null(strstr(row(w, 4), "院仕"));
	assert_non_null(strstr(row(w, 5), "Fix"));
	assert_non_null(strstr(row(w, 6), "Remark"));
	assert_non_null(strstr(row(w, 7), "C-s save"));
	assert_int_equal(cy, -1); /* the kind focused: no cursor */
	/* every row of the box ends at the 40th column with the frame */
	for (int y = 2; y <= 8; y++) {
		wchar_t c = char_at(w, y, 39);
		assert_true(c == L'│' || c == L'|' || c == L'┐' || c == L'┘' || c == L'+');
	}
	assert_int_equal(char_at(w, 1, 0), L' '); /* nothing above it */
	assert_int_equal(char_at(w, 9, 0), L' '); /* nor below */
	/* the focused label and the current kind reversed; fields underlined */
	assert_true(attr_at(w, 3, 2) & A_REVERSE); /* "Kind" */
	assert_false(attr_at(w, 4, 2) & A_REVERSE); /* "Quote" */
	int x;
	for (x = 0; x < 40 && char_at(w, 3, x) != L'改'; x++)
		;
	assert_true(x < 40);
	assert_true(attr_at(w, 3, x) & A_REVERSE);
	for (x = 0; x < 40 && char_at(w, 4, x) != L'院'; x++)
		;
	assert_true(attr_at(w, 4, x) & A_UNDERLINE);
	assert_true(attr_at(w, 6, 30) & A_UNDERLINE); /* the empty remark's extent */
	/* 疑: the fix row is gone */
	f.kind = ANCHOR_QUERY;
	werase(w);
	form_draw(w, &f, 0, 0, 40, &cy, &cx);
	assert_int_equal(form_height(&f, 40), 6);
	/* a long message wraps inside the box (at most 3 rows), not cut */
	form_set_message(&f, "quote not found in c27:3 主要做法 第1段 (spaces and full/half width are ignored)");
	assert_int_equal(form_height(&f, 40), 8);
	werase(w);
	form_draw(w, &f, 0, 0, 40, &cy, &cx);
	assert_non_null(strstr(row(w, 4), "quote not found"));
	assert_non_null(strstr(row(w, 6), "ignored)"));
	assert_true(char_at(w, 7, 0) == L'└' || char_at(w, 7, 0) == L'+');
	form_set_message(&f, "");
	werase(w);
	form_draw(w, &f, 0, 0, 40, &cy, &cx);
	assert_null(strstr(row(w, 0) , "Fix"));
	assert_non_null(strstr(row(w, 2), "Quote"));
	assert_non_null(strstr(row(w, 3), "Remark"));
	assert_non_null(strstr(row(w, 1), "query"));
	delwin(w);
	form_free(&f);
}

/* A long Chinese remark, the cursor at its end and then inside it, at
 * widths 40, 41 and 23: the cursor cell is in the field, on a character's
 * first column, and the frame stays where it is. */
static void test_scroll(void **state)
{
	(void)state;
	static const int widths[] = {40, 41, 23, 30};
	for (size_t k = 0; k < sizeof widths / sizeof *widths; k++) {
		int width = widths[k];
		struct form f;
		form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
		f.field = FORM_REMARK;
		struct editbuf *b = &f.text[FORM_REMARK];
		for (int i = 0; i < 100; i++)
			eb_insert(b, i % 10 == 9 ? 'a' + (unsigned)(i / 10) : 0x9662 + (unsigned)(i % 7));
		WINDOW *w = newwin(8, width + 2, 0, 0);
		for (int step = 0; step < 120; step++) {
			werase(w);
			int cy, cx;
			form_draw(w, &f, 0, 0, width, &cy, &cx);
			assert_int_equal(cy, 3); /* the remark's row (疑: no fix row) */
			assert_true(cx > 0 && cx < width - 1);
			wchar_t c = char_at(w, 3, width - 1);
			assert_true(c == L'│' || c == L'|');
			if (b->cur < b->n) {
				/* the cell under the cursor holds the character there */
				assert_int_equal((unsigned)char_at(w, 3, cx), b->cp[b->cur]);
			}
			eb_edit(b, EB_LEFT);
		}
		delwin(w);
		form_free(&f);
	}
}

/* The question and a message take the hint row, bold. */
static void test_hint(void **state)
{
	(void)state;
	struct form f;
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	form_offer(&f, "疑\x1fq\x1f\x1fr");
	WINDOW *w = newwin(8, 40, 0, 0);
	int cy, cx;
	form_draw(w, &f, 0, 0, 40, &cy, &cx);
	assert_non_null(strstr(row(w, 4), "Resume the kept draft? y/n"));
	assert_true(attr_at(w, 4, 2) & A_BOLD);
	assert_int_equal(cy, -1); /* no cursor while asking */
	form_free(&f);
	form_init(&f, ANCHOR_QUERY, "c27:5", NULL, NULL, NULL);
	form_set_message(&f, "disk full");
	werase(w);
	form_draw(w, &f, 0, 0, 40, &cy, &cx);
	assert_non_null(strstr(row(w, 4), "disk full"));
	delwin(w);
	form_free(&f);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_box),
		cmocka_unit_test(test_scroll),
		cmocka_unit_test(test_hint),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
