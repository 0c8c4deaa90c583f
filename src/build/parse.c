/* parse.c — what the source parsers share: reading a file whole and checking
 * it, text checks, splitting words and lines (see parse.h). */
#include "anli/i18n.h"
#include "parse.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

/* Text checks shared by every value: valid UTF-8; no C0 or C1 control
 * character, no bidirectional override or isolate (they would reorder what a
 * terminal shows). */
int parse_check_text(const char *file, int line, const char *s, struct anli_err *err)
{
	size_t n = strlen(s);
	if (u8_check((const uint8_t *)s, n))
		return anli_err_set(err, _("%s:%d: invalid UTF-8"), file, line);
	const uint8_t *p = (const uint8_t *)s;
	for (size_t i = 0; i < n;) {
		ucs4_t c;
		i += (size_t)u8_mbtouc(&c, p + i, n - i);
		if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
			return anli_err_set(err, _("%s:%d: control character U+%04X in text"), file, line, (unsigned)c);
		if ((c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069))
			return anli_err_set(err, _("%s:%d: bidirectional control U+%04X in text"), file, line,
					    (unsigned)c);
	}
	if (n == 0)
		return anli_err_set(err, _("%s:%d: empty value"), file, line);
	return 0;
}

/* Whole-file checks before parsing: a NUL byte would end the text early, a
 * carriage return not followed by a line feed (old Mac line ends) would make
 * one giant line.  Both are reported at their line. */
static int check_file(const char *path, const char *buf, size_t len, struct anli_err *err)
{
	int line = 1;
	for (size_t i = 0; i < len; i++) {
		if (buf[i] == '\n')
			line++;
		else if (buf[i] == '\0')
			return anli_err_set(err, _("%s:%d: NUL byte in the file"), path, line);
		else if (buf[i] == '\r' && (i + 1 == len || buf[i + 1] != '\n'))
			return anli_err_set(err, _("%s:%d: carriage return without line feed (save with LF line ends)"),
					    path, line);
	}
	return 0;
}

/* Read a source file whole and check it (check_file). */
char *parse_read(const char *path, struct anli_err *err)
{
	size_t len;
	char *buf = util_read_file(path, &len, err);
	if (buf && check_file(path, buf, len, err)) {
		free(buf);
		return NULL;
	}
	return buf;
}

int parse_int(const char *s, int lo, int hi, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);
	if (*s == '\0' || *end != '\0' || v < lo || v > hi)
		return -1;
	*out = (int)v;
	return 0;
}

int parse_set_once(char **slot, const char *v, const char *file, int line, const char *key,
		    struct anli_err *err)
{
	if (*slot)
		return anli_err_set(err, _("%s:%d: @%s given twice"), file, line, key);
	if (parse_check_text(file, line, v, err))
		return -1;
	*slot = xstrdup(v);
	return 0;
}

/* Split "KEY VALUE" (after '@'); returns pointer to value ("" if none). */
char *parse_word(char *s)
{
	char *sp = strchr(s, ' ');
	if (!sp)
		return s + strlen(s);
	*sp = '\0';
	return sp + 1;
}

/* Iterate over the lines of a file buffer: returns the next line (NUL-
 * terminated in place, trailing CR removed) or NULL at the end. */
char *parse_next_line(char **cursor)
{
	char *s = *cursor;
	if (!s || !*s)
		return NULL;
	char *nl = strchr(s, '\n');
	if (nl) {
		*nl = '\0';
		*cursor = nl + 1;
	} else {
		*cursor = s + strlen(s);
	}
	size_t n = strlen(s);
	if (n && s[n - 1] == '\r')
		s[n - 1] = '\0';
	return s;
}
