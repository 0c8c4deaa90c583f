/* layout.h — display widths and Chinese line breaking.  Pure functions, no
 * curses, no I/O: used by the TUI and by `anli show --width`.
 *
 * Widths: one table for layout and for ncursesw (term.c overrides wcwidth
 * with lay_cpwidth).  East Asian Wide/Fullwidth characters are 2 columns;
 * East Asian Ambiguous ones (“ ” — … ·) are 1 or 2 columns according to
 * lay_set_ambiwidth.  Text must be sanitized (lay_sanitize) before it is
 * measured or wrapped: then it holds no control characters.
 *
 * Line breaking: UAX #14 (libunistring) corrected by clreq's basic rules: no
 * line starts with 、，。；：！？”’）】》」』〕〉· (and other closing marks, and …),
 * none ends with “‘（【《「『〔〈, —— and …… are never split, and the breaks
 * UAX #14 forbids after ” and before “ between Chinese characters are allowed. */
#ifndef ANLI_LAYOUT_H
#define ANLI_LAYOUT_H

#include <stddef.h>

/* Ambiguous-width convention: 1 (the default, as glibc) or 2. */
void lay_set_ambiwidth(int w);
int lay_ambiwidth(void);

/* Columns of one code point: 0 (combining, zero-width), 1 or 2.  Control
 * characters count 1 (they never reach layout: see lay_sanitize). */
int lay_cpwidth(unsigned int cp);

/* Columns of a UTF-8 string of n bytes (sanitized). */
int lay_strwidth(const char *s, size_t n);

/* Return a newly allocated, NUL-terminated copy of s[0..n) that is safe to
 * show: invalid UTF-8 becomes U+FFFD, C0 controls become their visible
 * stand-ins U+2400..U+241F (ESC → ␛, TAB → ␉), DEL → ␡, C1 controls and
 * bidirectional overrides → U+FFFD.  *outlen (if not NULL) gets its length. */
char *lay_sanitize(const char *s, size_t n, size_t *outlen);

/* Longest prefix of s[0..n) that fits in `width` columns without cutting a
 * character: returns its length in bytes, and its width in *used. */
size_t lay_fit(const char *s, size_t n, int width, int *used);

struct lay_line {
	size_t off, len; /* byte range in the wrapped string (trailing spaces excluded) */
	int width;       /* display columns */
};

/* Wrap s[0..n) (sanitized) into lines of at most `width` columns, the first
 * line `indent` columns narrower.  Returns the number of lines and sets
 * *lines to a malloc'd array (free it).  An empty string gives 0 lines.
 * A line is longer than its width only when width < 2 and it holds one wide
 * character. */
int lay_wrap(const char *s, size_t n, int width, int indent, struct lay_line **lines);

/* Is cp forbidden at a line start / line end by the rules above? */
int lay_no_start(unsigned int cp);
int lay_no_end(unsigned int cp);

#endif
