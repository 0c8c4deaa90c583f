/* test_glyph.c — the program's own glyphs (glyph.h) in both ambiguous-width
 * conventions and without UTF-8: lines and frames are one column in every
 * case, every width is the layout's, and the fallbacks are ASCII. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>

#include "anli/glyph.h"
#include "anli/layout.h"

#include <string.h>

static int ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || (unsigned char)*s > 0x7E)
			return 0;
	return 1;
}

static void test_every_glyph(void **state)
{
	(void)state;
	for (int utf8 = 0; utf8 <= 1; utf8++)
		for (int amb = 1; amb <= 2; amb++) {
			glyph_set_utf8(utf8);
			lay_set_ambiwidth(amb);
			for (int g = 0; g < NGLYPHS; g++) {
				const char *s = glyph((enum glyph)g);
				assert_non_null(s);
				assert_true(*s);
				assert_int_equal(glyph_width((enum glyph)g), lay_strwidth(s, strlen(s)));
				if (!utf8)
					assert_true(ascii(s));
			}
			/* the pane geometry rests on these being one column */
			static const enum glyph one[] = {GLYPH_VLINE, GLYPH_HLINE, GLYPH_TOP_LEFT, GLYPH_TOP_RIGHT,
							 GLYPH_BOTTOM_LEFT, GLYPH_BOTTOM_RIGHT, GLYPH_EXPANDED,
							 GLYPH_COLLAPSED};
			for (size_t k = 0; k < sizeof one / sizeof *one; k++)
				assert_int_equal(glyph_width(one[k]), 1);
		}
	glyph_set_utf8(1);
	lay_set_ambiwidth(1);
}

static void test_choices(void **state)
{
	(void)state;
	glyph_set_utf8(1);
	lay_set_ambiwidth(1);
	assert_string_equal(glyph(GLYPH_VLINE), "│");
	assert_string_equal(glyph(GLYPH_CUT), "…");
	assert_int_equal(glyph_width(GLYPH_CUT), 1);
	lay_set_ambiwidth(2);
	assert_string_equal(glyph(GLYPH_VLINE), "|");
	assert_string_equal(glyph(GLYPH_CUT), "…");
	assert_int_equal(glyph_width(GLYPH_CUT), 2);          /* measured, not assumed */
	assert_int_equal(glyph_width(GLYPH_FIELD_SEP), 4);    /* " · " */
	assert_int_equal(glyph_width(GLYPH_HEADING_OPEN), 2); /* 【 is wide in both */
	glyph_set_utf8(0);
	assert_string_equal(glyph(GLYPH_CUT), "~");
	glyph_set_utf8(1);
	lay_set_ambiwidth(1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_every_glyph),
		cmocka_unit_test(test_choices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
